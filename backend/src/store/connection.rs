//! One connection type for both backends, the pool, migrations and the write transaction.

use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::connection::{Instrumentation, InstrumentationEvent};
use diesel::pg::PgConnection;
use diesel::r2d2::{self, ManageConnection};
use diesel::sqlite::SqliteConnection;
use diesel::Connection;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use super::StoreError;

/// Either backend, behind one diesel connection type: every query in `store/` is written once.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgres(PgConnection),
    Sqlite(SqliteConnection),
}

pub type Pool = r2d2::Pool<ConnectionManager>;
pub type PooledConnection = r2d2::PooledConnection<ConnectionManager>;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/postgres");

/// Which database a URL names. Parsed once so the rest of the code never looks at schemes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DatabaseUrl {
    Postgres(String),
    Sqlite(String),
}

impl DatabaseUrl {
    /// `postgres://…`/`postgresql://…` select PostgreSQL; `sqlite://PATH` or a plain path SQLite.
    pub fn parse(url: &str) -> Result<Self, String> {
        let url = url.trim();
        if url.is_empty() {
            return Err("is empty".into());
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Self::Postgres(url.to_string()));
        }
        if let Some(path) = url.strip_prefix("sqlite://") {
            if path.is_empty() {
                return Err("sqlite:// needs a file path, e.g. sqlite://dpiahub.sqlite3".into());
            }
            return Ok(Self::Sqlite(path.to_string()));
        }
        if url.contains("://") {
            return Err(format!(
                "unsupported scheme in {url:?}: use postgres://…, sqlite://PATH or a file path"
            ));
        }
        Ok(Self::Sqlite(url.to_string()))
    }

    pub fn backend_name(&self) -> &'static str {
        match self {
            Self::Postgres(_) => "postgres",
            Self::Sqlite(_) => "sqlite",
        }
    }
}

/// r2d2 manager that dispatches on the URL and reports the backend's own connection error
/// (diesel's `AnyConnection::establish` hides it), and applies SQLite's per-connection pragmas.
#[derive(Clone, Debug)]
pub struct ConnectionManager {
    url: DatabaseUrl,
    queries: Arc<AtomicU64>,
}

impl ConnectionManager {
    /// A manager whose connections count their statements into `queries`.
    pub fn new(url: DatabaseUrl, queries: QueryCount) -> Self {
        Self { url, queries }
    }
}

/// SQL statements run on a pool's connections so far. Tests use it to show that one request
/// costs a fixed number of queries whatever the size of the data (no N+1).
pub type QueryCount = Arc<AtomicU64>;

/// Counts the statements a connection starts.
struct QueryCounter(Arc<AtomicU64>);

impl Instrumentation for QueryCounter {
    fn on_connection_event(&mut self, event: InstrumentationEvent<'_>) {
        if let InstrumentationEvent::StartQuery { .. } = event {
            self.0.fetch_add(1, Ordering::Relaxed);
        }
    }
}

impl ManageConnection for ConnectionManager {
    type Connection = DbConnection;
    type Error = StoreError;

    fn connect(&self) -> Result<DbConnection, StoreError> {
        match &self.url {
            DatabaseUrl::Postgres(url) => {
                let mut conn =
                    PgConnection::establish(url).map_err(|e| StoreError::Connect(e.to_string()))?;
                conn.set_instrumentation(QueryCounter(self.queries.clone()));
                Ok(DbConnection::Postgres(conn))
            }
            DatabaseUrl::Sqlite(path) => {
                let mut conn = SqliteConnection::establish(path)
                    .map_err(|e| StoreError::Connect(e.to_string()))?;
                // WAL for concurrent readers; FULL sync so nothing acknowledged is lost; foreign
                // keys are off by default in SQLite; the busy timeout queues writers.
                conn.batch_execute(
                    "PRAGMA busy_timeout = 10000; PRAGMA synchronous = FULL; \
                     PRAGMA foreign_keys = ON;",
                )
                .map_err(|e| StoreError::Connect(e.to_string()))?;
                conn.set_instrumentation(QueryCounter(self.queries.clone()));
                Ok(DbConnection::Sqlite(conn))
            }
        }
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), StoreError> {
        conn.batch_execute("SELECT 1").map_err(StoreError::from)
    }

    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        // A connection handed back inside a transaction (e.g. after a panic) must not be reused.
        !matches!(
            <DbConnection as Connection>::TransactionManager::transaction_manager_status_mut(conn)
                .transaction_depth(),
            Ok(None)
        )
    }
}

/// WAL is a property of the database file: switched on once, by one connection, before the
/// pool opens its connections at the same time (else they race for the lock it needs).
fn enable_wal(path: &str) -> Result<(), StoreError> {
    let mut conn =
        SqliteConnection::establish(path).map_err(|e| StoreError::Connect(e.to_string()))?;
    conn.batch_execute("PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL;")
        .map_err(|e| StoreError::Connect(e.to_string()))
}

/// Builds the pool, counting its statements into `queries`.
pub fn build_pool(
    url: &DatabaseUrl,
    max_size: u32,
    queries: QueryCount,
) -> Result<Pool, StoreError> {
    if let DatabaseUrl::Sqlite(path) = url {
        enable_wal(path)?;
    }
    r2d2::Pool::builder()
        .max_size(max_size)
        .connection_timeout(Duration::from_secs(10))
        .build(ConnectionManager::new(url.clone(), queries))
        .map_err(|e| StoreError::Connect(e.to_string()))
}

/// Applies the embedded migrations of the connection's backend.
pub fn run_migrations(conn: &mut DbConnection) -> Result<usize, StoreError> {
    let applied = match conn {
        DbConnection::Postgres(c) => c.run_pending_migrations(POSTGRES_MIGRATIONS),
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS),
    }
    .map_err(|e| StoreError::Migration(e.to_string()))?;
    Ok(applied.len())
}

/// Runs `f` in one write transaction. On SQLite it begins `IMMEDIATE`, taking the write lock up
/// front so a transaction that reads first cannot fail with SQLITE_BUSY when it then writes.
pub fn write_transaction<T, E>(
    conn: &mut DbConnection,
    f: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    match conn {
        DbConnection::Postgres(c) => AnsiTransactionManager::begin_transaction(c)?,
        DbConnection::Sqlite(c) => {
            AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")?
        }
    }
    let outcome = f(conn);
    let end = match (&outcome, &mut *conn) {
        (Ok(_), DbConnection::Postgres(c)) => AnsiTransactionManager::commit_transaction(c),
        (Ok(_), DbConnection::Sqlite(c)) => AnsiTransactionManager::commit_transaction(c),
        (Err(_), DbConnection::Postgres(c)) => AnsiTransactionManager::rollback_transaction(c),
        (Err(_), DbConnection::Sqlite(c)) => AnsiTransactionManager::rollback_transaction(c),
    };
    match (outcome, end) {
        (Ok(value), Ok(())) => Ok(value),
        (Ok(_), Err(e)) => Err(e.into()),
        // The write's own error explains more than a failed rollback.
        (Err(e), _) => Err(e),
    }
}
