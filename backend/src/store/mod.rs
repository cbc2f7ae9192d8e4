//! The store: diesel over SQLite or PostgreSQL. It loads and saves; rules live in the domain.
//!
//! Every repository function for tenant data takes the request's [`Actor`](crate::context::Actor)
//! and applies the visibility rules of [`visibility`] itself, so a resolver cannot reach tenant
//! data around them. Writes go through [`crate::audit::write`], which owns the transaction.

pub mod adherences;
pub mod assessment_states;
pub mod assessments;
pub mod connection;
pub mod notice_causes;
pub mod notice_outbox;
pub mod notices;
pub mod organisations;
pub mod overview;
pub mod reviews;
pub mod schema;
pub mod sessions;
pub mod sso;
pub mod templates;
pub mod totp;
pub mod users;
pub mod visibility;
pub mod web_sessions;

pub use connection::{DatabaseUrl, DbConnection, Pool};

/// Failures of the store's plumbing (not of a query a user made).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot connect to the database: {0}")]
    Connect(String),
    #[error("cannot apply database migrations: {0}")]
    Migration(String),
    #[error("database error: {0}")]
    Query(#[from] diesel::result::Error),
}

/// Current time as stored: naive UTC truncated to microseconds, the precision both backends
/// keep, so an audit hash computed before a write still matches after a read.
pub fn now_utc() -> chrono::NaiveDateTime {
    truncate_to_micros(chrono::Utc::now().naive_utc())
}

pub fn truncate_to_micros(t: chrono::NaiveDateTime) -> chrono::NaiveDateTime {
    use chrono::Timelike;
    let micros = t.nanosecond() / 1_000 * 1_000;
    t.with_nanosecond(micros)
        .expect("a truncated nanosecond value is always valid")
}

pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}
