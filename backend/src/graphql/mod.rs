//! The GraphQL API (SPEC §7, §10): juniper types and resolvers. Resolvers translate arguments,
//! call the store and the domain with the request's actor, and map errors; they hold no rules.

mod assessments;
mod context;
pub mod limits;
mod mutation;
mod overview;
mod query;
mod review;
mod templates;
mod types;

pub use context::Context;
pub use mutation::Mutation;
pub use query::Query;

use juniper::{EmptySubscription, RootNode};

pub type Schema = RootNode<Query, Mutation, EmptySubscription<Context>>;

pub fn schema() -> Schema {
    Schema::new(Query, Mutation, EmptySubscription::new())
}

/// The schema in GraphQL SDL, as checked in at `schema.graphql`.
pub fn schema_sdl() -> String {
    let mut sdl = schema().as_sdl();
    if !sdl.ends_with('\n') {
        sdl.push('\n');
    }
    sdl
}
