//! Controllers' adherence to codes of conduct (GDPR Art. 40, issue 8). Same shape as
//! assessments: the adopted code version and the answers as JSON; the rules are in
//! `dpiahub_domain::adherence`; every write goes through the audit path.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::json;

use super::assessments::{self, upgrade_error};
use super::organisations::Organisation;
use super::schema::{adherences, assessments as assessment_rows, organisations};
use super::templates::{self, Template, TemplateVersion};
use super::visibility::{may_read_assessments_of, require_assessment_write};
use super::DbConnection;
use crate::audit::{Change, WriteTx};
use crate::context::{Actor, OrgKind};
use crate::domain::adherence::{
    apply, apply_adherence_upgrade, preview_adherence_upgrade, Adherence as Answers,
    AdherenceCommand, AdherenceError,
};
use crate::domain::assessment::{effective, ConflictResolution, EffectiveAssessment, Measure};
use crate::domain::template::{CodeOfConductContent, TemplateContent};
use crate::error::{AppError, AppResult};

#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = adherences)]
pub struct Adherence {
    pub org_id: String,
    pub id: String,
    pub template_id: String,
    pub code_version: i32,
    pub answers: String,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Adherence {
    pub fn answers(&self) -> AppResult<Answers> {
        serde_json::from_str(&self.answers).map_err(|e| {
            AppError::Internal(format!("stored answers of adherence {}: {e}", self.id))
        })
    }
}

pub fn code_of(version: &TemplateVersion) -> AppResult<CodeOfConductContent> {
    match version.parsed_content()? {
        TemplateContent::CodeOfConduct(code) => Ok(code),
        TemplateContent::Dpia(_) => Err(AppError::validation(
            "codeKey",
            "a DPIA template is adopted as an assessment, not adhered to",
        )),
    }
}

fn adherence_error(e: AdherenceError) -> AppError {
    AppError::Validation {
        field: e.field().to_string(),
        item_key: Some(e.item_key().to_string()),
        message: e.to_string(),
    }
}

pub fn find(conn: &mut DbConnection, actor: &Actor, id: &str) -> AppResult<Adherence> {
    let found: Option<Adherence> = adherences::table
        .filter(adherences::id.eq(id))
        .select(Adherence::as_select())
        .first(conn)
        .optional()?;
    found
        .filter(|a| may_read_assessments_of(actor, &a.org_id))
        .ok_or(AppError::not_found("adherence"))
}

/// The actor's own adherences, or every one for the authority.
pub fn list(conn: &mut DbConnection, actor: &Actor) -> AppResult<Vec<Adherence>> {
    let mut query = adherences::table.into_boxed();
    match actor.org_kind {
        OrgKind::SupervisoryAuthority => {}
        OrgKind::Controller => query = query.filter(adherences::org_id.eq(actor.org_id.clone())),
        _ => return Ok(Vec::new()),
    }
    Ok(query
        .order(adherences::id.asc())
        .select(Adherence::as_select())
        .load(conn)?)
}

/// The code and version an adherence answers.
pub fn code_version_of(
    conn: &mut DbConnection,
    adherence: &Adherence,
) -> AppResult<(Template, TemplateVersion)> {
    templates::find_by_id_unscoped(conn, &adherence.template_id, adherence.code_version)
}

/// The controller's DPIA measures and its effective assessment (the first assessment whose
/// base holds a recommendation the code binds), for evidence and the consistency checks.
pub fn dpia_context(
    conn: &mut DbConnection,
    org_id: &str,
    code: &CodeOfConductContent,
) -> AppResult<(Vec<Measure>, Option<EffectiveAssessment>)> {
    let rows: Vec<assessments::Assessment> = assessment_rows::table
        .filter(assessment_rows::org_id.eq(org_id))
        .order(assessment_rows::created_at.asc())
        .select(assessments::Assessment::as_select())
        .load(conn)?;
    let mut measures = Vec::new();
    let mut bound = None;
    for row in rows {
        let (_, base) = assessments::base_of(conn, &row)?;
        let local = row.local()?;
        measures.extend(local.measures.iter().cloned());
        let binds = code.clauses.iter().any(|c| {
            c.binds_recommendations
                .iter()
                .any(|k| base.recommendations.iter().any(|r| r.key == *k))
        });
        if bound.is_none() && binds {
            bound = Some(effective(&base, &local));
        }
    }
    Ok((measures, bound))
}

/// A controller declares adherence to a published code version.
pub fn declare(tx: &mut WriteTx<'_>, code_key: &str, version: i32) -> AppResult<Adherence> {
    let actor = tx.actor().clone();
    if actor.org_kind != OrgKind::Controller || !actor.role.may_write() {
        return Err(AppError::Forbidden(
            "only editors of a controller declare adherence to a code".into(),
        ));
    }
    let template = templates::find_by_key(tx.conn(), &actor, code_key)?;
    let row = templates::version(tx.conn(), &actor, &template, version)?;
    if row.status != "PUBLISHED" {
        return Err(AppError::validation(
            "codeVersion",
            format!(
                "version {version} of {code_key} is {}; only a published version can be adhered to",
                row.status
            ),
        ));
    }
    code_of(&row)?;
    let taken: i64 = adherences::table
        .filter(adherences::org_id.eq(&actor.org_id))
        .filter(adherences::template_id.eq(&template.id))
        .count()
        .get_result(tx.conn())?;
    if taken > 0 {
        return Err(AppError::Conflict(format!(
            "your organisation already adheres to {code_key}"
        )));
    }
    let adherence = Adherence {
        org_id: actor.org_id.clone(),
        id: super::new_id(),
        template_id: template.id.clone(),
        code_version: version,
        answers: serde_json::to_string(&Answers::default())
            .map_err(|e| AppError::Internal(e.to_string()))?,
        version: 1,
        created_at: tx.now(),
        updated_at: tx.now(),
    };
    diesel::insert_into(adherences::table)
        .values(&adherence)
        .execute(tx.conn())?;
    tx.record(Change {
        org_id: adherence.org_id.clone(),
        action: "declare",
        entity: "adherence",
        entity_id: adherence.id.clone(),
        item_key: None,
        before: None,
        after: Some(json!({ "code": template.key, "version": version })),
    });
    Ok(adherence)
}

/// The adherence `id` if the actor may change it and `expected_version` is current.
fn writable(tx: &mut WriteTx<'_>, id: &str, expected_version: i64) -> AppResult<Adherence> {
    let actor = tx.actor().clone();
    let current = find(tx.conn(), &actor, id)?;
    require_assessment_write(&actor, &current.org_id)?;
    if current.version != expected_version {
        return Err(AppError::stale("adherence"));
    }
    Ok(current)
}

/// Applies answer commands in order, all or nothing, one audit entry each.
pub fn apply_commands(
    tx: &mut WriteTx<'_>,
    id: &str,
    expected_version: i64,
    commands: &[AdherenceCommand],
) -> AppResult<Adherence> {
    let current = writable(tx, id, expected_version)?;
    let (_, row) = code_version_of(tx.conn(), &current)?;
    let code = code_of(&row)?;
    let (measures, _) = dpia_context(tx.conn(), &current.org_id, &code)?;
    if commands.is_empty() {
        return Err(AppError::validation("commands", "nothing to apply"));
    }
    let mut answers = current.answers()?;
    for (index, command) in commands.iter().enumerate() {
        let next = apply(&code, &answers, &measures, command)
            .map_err(|e| adherence_error(e).in_command(index))?;
        let (item_key, field) = command.target();
        let state = |a: &Answers| {
            a.answer(item_key)
                .and_then(|x| serde_json::to_value(x).ok())
                .unwrap_or(serde_json::Value::Null)
        };
        tx.record(Change {
            org_id: current.org_id.clone(),
            action: "apply",
            entity: "adherence",
            entity_id: current.id.clone(),
            item_key: Some(item_key.to_string()),
            before: Some(json!({ "field": field, "answer": state(&answers) })),
            after: Some(json!({ "field": field, "answer": state(&next) })),
        });
        answers = next;
    }
    let next = Adherence {
        answers: serde_json::to_string(&answers).map_err(|e| AppError::Internal(e.to_string()))?,
        version: current.version + 1,
        updated_at: tx.now(),
        ..current.clone()
    };
    let changed = diesel::update(
        adherences::table
            .find((&current.org_id, &current.id))
            .filter(adherences::version.eq(current.version)),
    )
    .set((
        adherences::answers.eq(&next.answers),
        adherences::version.eq(next.version),
        adherences::updated_at.eq(next.updated_at),
    ))
    .execute(tx.conn())?;
    if changed != 1 {
        return Err(AppError::stale("adherence"));
    }
    Ok(next)
}

/// The published code version an adherence may upgrade to: newer than the one it answers.
/// A version the caller cannot see (a draft of the owner) is refused like a missing one, so
/// the error tells nothing about drafts (SPEC §1).
pub fn upgrade_target(
    conn: &mut DbConnection,
    actor: &Actor,
    adherence: &Adherence,
    to_version: i32,
) -> AppResult<(CodeOfConductContent, TemplateVersion)> {
    let (template, _) = code_version_of(conn, adherence)?;
    let no_such = || {
        AppError::validation(
            "codeVersion",
            format!("{} has no published version {to_version}", template.key),
        )
    };
    let target = match templates::version(conn, actor, &template, to_version) {
        Ok(target) => target,
        Err(AppError::NotFound { .. }) => return Err(no_such()),
        Err(other) => return Err(other),
    };
    match target.status.as_str() {
        "PUBLISHED" => {}
        "DRAFT" => return Err(no_such()),
        status => {
            return Err(AppError::validation(
                "codeVersion",
                format!(
                    "version {to_version} of {} is {status}; only a published version can be \
                     adhered to",
                    template.key
                ),
            ))
        }
    }
    if to_version <= adherence.code_version {
        return Err(AppError::validation(
            "codeVersion",
            format!(
                "the adherence is already on version {}; upgrade to a newer one",
                adherence.code_version
            ),
        ));
    }
    Ok((code_of(&target)?, target))
}

/// Upgrades an adherence to a newer published code version with the controller's resolutions
/// (SPEC §4): one transaction, one audit entry per resolved conflict plus one for the upgrade.
/// Refused whole while a conflict is open; answers to kept clauses are never touched.
pub fn upgrade(
    tx: &mut WriteTx<'_>,
    id: &str,
    expected_version: i64,
    to_version: i32,
    resolutions: &[ConflictResolution],
) -> AppResult<Adherence> {
    let actor = tx.actor().clone();
    let current = writable(tx, id, expected_version)?;
    let (_, old_row) = code_version_of(tx.conn(), &current)?;
    let old = code_of(&old_row)?;
    let (new, _) = upgrade_target(tx.conn(), &actor, &current, to_version)?;
    let answers = current.answers()?;
    let preview = preview_adherence_upgrade(&old, &new, &answers);
    // A resolution for a clause without a conflict would be a silent no-op (SPEC §3).
    if let Some(stray) =
        (resolutions.iter()).find(|r| !preview.conflicts.iter().any(|c| c.item_key == r.item_key))
    {
        return Err(AppError::validation_at(
            "resolutions",
            stray.item_key.to_string(),
            "this clause has no conflict to resolve in the upgrade",
        ));
    }
    let upgraded =
        apply_adherence_upgrade(&old, &new, &answers, resolutions).map_err(upgrade_error)?;
    // What the audit keeps of one clause: its answer, or the retained answer with its reason.
    let state = |a: &Answers, key: &str| {
        let retained = a.retained.iter().find(|r| r.clause.key.as_str() == key);
        json!({
            "answer": a.answer(key),
            "retained": retained.map(|r| json!({ "answer": r.answer, "justification": r.justification })),
        })
    };
    for resolution in resolutions {
        let key = resolution.item_key.as_str();
        tx.record(Change {
            org_id: current.org_id.clone(),
            action: "resolve_conflict",
            entity: "adherence",
            entity_id: current.id.clone(),
            item_key: Some(key.to_string()),
            before: Some(state(&answers, key)),
            after: Some(json!({
                "resolution": resolution.resolution,
                "state": state(&upgraded, key),
            })),
        });
    }
    tx.record(Change {
        org_id: current.org_id.clone(),
        action: "upgrade",
        entity: "adherence",
        entity_id: current.id.clone(),
        item_key: None,
        before: Some(json!({ "code_version": current.code_version })),
        after: Some(json!({
            "code_version": to_version,
            "central_changes_taken": preview.taken.len(),
            "conflicts_resolved": resolutions.len(),
            "clauses_to_review": preview.reviews.iter().map(|r| r.clause_key.as_str()).collect::<Vec<_>>(),
        })),
    });
    let next = Adherence {
        code_version: to_version,
        answers: serde_json::to_string(&upgraded).map_err(|e| AppError::Internal(e.to_string()))?,
        version: current.version + 1,
        updated_at: tx.now(),
        ..current.clone()
    };
    let changed = diesel::update(
        adherences::table
            .find((&current.org_id, &current.id))
            .filter(adherences::version.eq(current.version)),
    )
    .set((
        adherences::code_version.eq(next.code_version),
        adherences::answers.eq(&next.answers),
        adherences::version.eq(next.version),
        adherences::updated_at.eq(next.updated_at),
    ))
    .execute(tx.conn())?;
    if changed != 1 {
        return Err(AppError::stale("adherence"));
    }
    Ok(next)
}

/// A code, its versions, and every adherence to it with its controller.
pub type Adherents = (
    Template,
    Vec<TemplateVersion>,
    Vec<(Organisation, Adherence)>,
);

/// Every adherence to a code, with its controller: for the authority and the code's owner
/// (who sees the figures only; see `graphql::adherence`).
pub fn adherents(conn: &mut DbConnection, actor: &Actor, code_key: &str) -> AppResult<Adherents> {
    let template = templates::find_by_key(conn, actor, code_key)?;
    let allowed = actor.org_kind == OrgKind::SupervisoryAuthority
        || (actor.org_kind == OrgKind::CentralBody && actor.org_id == template.owner_org_id);
    if !allowed {
        return Err(AppError::not_found("adherence overview"));
    }
    let versions = templates::versions(conn, actor, &template)?;
    let rows = adherences::table
        .inner_join(organisations::table.on(organisations::id.eq(adherences::org_id)))
        .filter(adherences::template_id.eq(&template.id))
        .order(organisations::name.asc())
        .select((Organisation::as_select(), Adherence::as_select()))
        .load(conn)?;
    Ok((template, versions, rows))
}
