//! Query root.

use juniper::graphql_object;

use super::assessments::{Assessment, AssessmentConnection, AssessmentEdge};
use super::templates::{self as tpl, Template, TemplateVersionDiff};
use super::types::{
    AuditChainVerification, AuditEntryConnection, AuditEntryEdge, Organisation, PageInfo, User,
};
use super::Context;
use crate::audit;
use crate::error::{AppError, AppResult};
use crate::store::{assessments, organisations, templates, users, visibility};

pub struct Query;

const MAX_PAGE: i32 = 200;

#[graphql_object(context = Context)]
impl Query {
    /// The signed-in user.
    fn me(context: &Context) -> AppResult<User> {
        let actor = context.actor()?;
        let mut conn = context.conn()?;
        Ok(User(users::find(
            &mut conn,
            actor,
            &actor.org_id,
            &actor.user_id,
        )?))
    }

    /// Organisations the caller may see (SPEC §1).
    fn organisations(context: &Context) -> AppResult<Vec<Organisation>> {
        let actor = context.actor()?;
        let mut conn = context.conn()?;
        Ok(organisations::list(&mut conn, actor)?
            .into_iter()
            .map(Organisation)
            .collect())
    }

    fn organisation(context: &Context, id: juniper::ID) -> AppResult<Organisation> {
        let actor = context.actor()?;
        let mut conn = context.conn()?;
        Ok(Organisation(organisations::find(&mut conn, actor, &id)?))
    }

    /// One user of the caller's organisation (or any, for the operator).
    fn user(
        context: &Context,
        organisation_id: Option<juniper::ID>,
        id: juniper::ID,
    ) -> AppResult<User> {
        let actor = context.actor()?;
        let org_id = organisation_id
            .map(|id| id.to_string())
            .unwrap_or_else(|| actor.org_id.clone());
        let mut conn = context.conn()?;
        Ok(User(users::find(&mut conn, actor, &org_id, &id)?))
    }

    /// Re-computes an organisation's audit hash chain: your own, or any for the authority.
    fn verify_audit_chain(
        context: &Context,
        organisation_id: juniper::ID,
    ) -> AppResult<AuditChainVerification> {
        let actor = context.actor()?;
        let mut conn = context.conn()?;
        let org = organisations::find(&mut conn, actor, &organisation_id)?;
        if !visibility::may_read_audit_of(actor, &org.id) {
            return Err(AppError::not_found("organisation"));
        }
        Ok(audit::verify_chain(&mut conn, &org.id)?.into())
    }

    /// An organisation's audit trail, newest first, filterable by entity and item key.
    fn audit_trail(
        context: &Context,
        organisation_id: juniper::ID,
        entity: Option<String>,
        item_key: Option<String>,
        first: Option<i32>,
        after: Option<String>,
    ) -> AppResult<AuditEntryConnection> {
        let actor = context.actor()?;
        let first = first.unwrap_or(50);
        if !(1..=MAX_PAGE).contains(&first) {
            return Err(AppError::validation(
                "first",
                format!("first must be between 1 and {MAX_PAGE}"),
            ));
        }
        let before_seq = after
            .map(|c| {
                c.parse::<i64>()
                    .map_err(|_| AppError::validation("after", "not a cursor of this connection"))
            })
            .transpose()?;
        let mut conn = context.conn()?;
        let org = organisations::find(&mut conn, actor, &organisation_id)?;
        if !visibility::may_read_audit_of(actor, &org.id) {
            return Err(AppError::not_found("organisation"));
        }
        let mut entries = audit::trail(
            &mut conn,
            &org.id,
            audit::TrailQuery {
                entity: entity.as_deref(),
                item_key: item_key.as_deref(),
                before_seq,
                limit: i64::from(first) + 1,
            },
        )?;
        let has_next_page = entries.len() > first as usize;
        entries.truncate(first as usize);
        let edges: Vec<AuditEntryEdge> = entries
            .into_iter()
            .map(|e| AuditEntryEdge {
                cursor: e.seq.to_string(),
                node: e.into(),
            })
            .collect();
        Ok(AuditEntryConnection {
            page_info: PageInfo {
                has_next_page,
                end_cursor: edges.last().map(|e| e.cursor.clone()),
            },
            edges,
        })
    }

    /// Templates you may see: your own central body's, and every one with a published version.
    fn templates(context: &Context) -> AppResult<Vec<Template>> {
        let actor = context.actor()?;
        let mut conn = context.conn()?;
        Ok(templates::list(&mut conn, actor)?
            .into_iter()
            .map(Template)
            .collect())
    }

    fn template(context: &Context, key: String) -> AppResult<Template> {
        let actor = context.actor()?;
        let mut conn = context.conn()?;
        Ok(Template(templates::find_by_key(&mut conn, actor, &key)?))
    }

    /// Items added, removed and changed field by field from one version to another.
    fn template_version_diff(
        context: &Context,
        template_key: String,
        from_version: i32,
        to_version: i32,
    ) -> AppResult<TemplateVersionDiff> {
        let (_, from) = tpl::load_version(context, &template_key, from_version)?;
        let (_, to) = tpl::load_version(context, &template_key, to_version)?;
        let diff =
            crate::domain::template::diff_versions(&from.parsed_content()?, &to.parsed_content()?);
        Ok(tpl::version_diff(from_version, to_version, diff))
    }

    /// One version as an interchange document (JSON, `docs/template-format.md`).
    fn export_template_version(
        context: &Context,
        template_key: String,
        version: i32,
    ) -> AppResult<String> {
        let (template, row) = tpl::load_version(context, &template_key, version)?;
        let document = templates::export_document(&template, &row)?;
        Ok(crate::domain::interchange::render(&document))
    }

    /// Assessments you may read: your own controller's, or every one for the authority.
    fn assessments(
        context: &Context,
        first: Option<i32>,
        after: Option<String>,
    ) -> AppResult<AssessmentConnection> {
        let actor = context.actor()?;
        let first = first.unwrap_or(50);
        if !(1..=MAX_PAGE).contains(&first) {
            return Err(AppError::validation(
                "first",
                format!("first must be between 1 and {MAX_PAGE}"),
            ));
        }
        let mut conn = context.conn()?;
        let mut rows = assessments::list(&mut conn, actor, after.as_deref(), i64::from(first) + 1)?;
        let has_next_page = rows.len() > first as usize;
        rows.truncate(first as usize);
        let edges = rows
            .into_iter()
            .map(|row| {
                Ok(AssessmentEdge {
                    cursor: row.id.clone(),
                    node: Assessment::load(&mut conn, row)?,
                })
            })
            .collect::<AppResult<Vec<_>>>()?;
        Ok(AssessmentConnection {
            page_info: PageInfo {
                has_next_page,
                end_cursor: edges.last().map(|e| e.cursor.clone()),
            },
            edges,
        })
    }

    fn assessment(context: &Context, id: juniper::ID) -> AppResult<Assessment> {
        let actor = context.actor()?;
        let mut conn = context.conn()?;
        let row = assessments::find(&mut conn, actor, &id)?;
        Assessment::load(&mut conn, row)
    }

    /// Every adopter of a template (SPEC §4): in full for the supervisory authority, as
    /// aggregate counts for the owning central body (small groups suppressed).
    fn adopter_overview(
        context: &Context,
        template_key: String,
        first: Option<i32>,
        after: Option<String>,
    ) -> AppResult<super::overview::AdopterOverview> {
        let actor = context.actor()?;
        let mut conn = context.conn()?;
        let adopters = crate::store::overview::load(&mut conn, actor, &template_key)?;
        let figures = crate::overview::compute(
            &mut conn,
            &adopters,
            &context.state.overview_cache,
            context.state.today(),
        )?;
        super::overview::build(&template_key, actor.org_kind, figures, first, after)
    }

    /// Adherences to codes of conduct you may read: your own, or every one for the authority.
    fn adherences(context: &Context) -> AppResult<Vec<super::adherence::Adherence>> {
        let actor = context.actor()?;
        let mut conn = context.conn()?;
        crate::store::adherences::list(&mut conn, actor)?
            .into_iter()
            .map(|row| super::adherence::Adherence::load(&mut conn, row))
            .collect()
    }

    fn adherence(context: &Context, id: juniper::ID) -> AppResult<super::adherence::Adherence> {
        let actor = context.actor()?;
        let mut conn = context.conn()?;
        let row = crate::store::adherences::find(&mut conn, actor, &id)?;
        super::adherence::Adherence::load(&mut conn, row)
    }

    /// Monitoring of a code of conduct (Art. 41): every adherent for the authority, counts
    /// per clause (small groups suppressed) for the code's owner.
    fn code_overview(
        context: &Context,
        code_key: String,
    ) -> AppResult<super::adherence::CodeOverview> {
        super::adherence::overview(context, &code_key)
    }
}
