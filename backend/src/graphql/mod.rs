//! The GraphQL API (SPEC §7, §10): juniper types and resolvers. Resolvers translate arguments,
//! call the store and the domain with the request's actor, and map errors; they hold no rules.

mod adherence;
mod adherence_review;
pub mod answer_memo;
mod assessments;
mod commands;
mod context;
mod enums;
pub mod limits;
pub(crate) mod mutation;
mod overview;
mod query;
mod review;
mod templates;
mod types;

pub use assessments::ReportFormat;
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

/// The DPIA report of an assessment the actor may read (for the download URL).
pub fn render_report(
    state: &crate::state::AppState,
    actor: &crate::context::Actor,
    assessment_id: &str,
    format: ReportFormat,
    language: crate::i18n::Lang,
) -> crate::error::AppResult<String> {
    let mut conn = state.pool.get()?;
    let row = crate::store::assessments::find(&mut conn, actor, assessment_id)?;
    let organisation = crate::store::organisations::find(&mut conn, actor, &row.org_id)?;
    let assessment = assessments::Assessment::load(&mut conn, row)?;
    assessment.render(&organisation.name, format, language, state.today())
}
