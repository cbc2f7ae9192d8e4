//! Controllers' assessments (SPEC §2, §3, issue 5). The row holds the adopted base version and
//! the controller's local changes as JSON; the rules (inheritance, write rules) live in
//! `dpiahub_domain::assessment`. Every state is kept in `assessment_states` for as-of reads,
//! and approved revisions in `assessment_revisions`, both immutable.

use std::sync::{Arc, OnceLock};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::json;

use super::schema::{assessment_revisions, assessment_states, assessments};
use super::templates::{self, Template, TemplateVersion};
use super::visibility::{may_read_assessments_of, require_assessment_write};
use super::DbConnection;
use crate::audit::{Change, WriteTx};
use crate::context::{Actor, OrgKind};
use crate::domain::assessment::{apply, AssessmentCommand, AssessmentError, LocalChanges};
use crate::domain::template::{DpiaContent, TemplateContent};
use crate::error::{AppError, AppResult};
use crate::memo::Memo;

#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = assessments)]
pub struct Assessment {
    pub org_id: String,
    pub id: String,
    pub template_id: String,
    pub base_version: i32,
    pub title: String,
    pub status: String,
    pub revision: i32,
    pub local_changes: String,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Assessment {
    pub fn local(&self) -> AppResult<LocalChanges> {
        parse_local(&self.local_changes, &self.id)
    }
}

pub fn parse_local(text: &str, id: &str) -> AppResult<LocalChanges> {
    serde_json::from_str(text)
        .map_err(|e| AppError::Internal(format!("stored local changes of assessment {id}: {e}")))
}

fn to_json(local: &LocalChanges) -> AppResult<String> {
    serde_json::to_string(local).map_err(|e| AppError::Internal(format!("serialising: {e}")))
}

/// Maps a refused write rule to the client-visible validation error (field and item key).
pub fn assessment_error(e: AssessmentError) -> AppError {
    AppError::Validation {
        field: e.field().to_string(),
        item_key: Some(e.item_key().to_string()),
        message: e.to_string(),
    }
}

/// Parsed contents of published and withdrawn template versions by (template id, number).
///
/// Those versions never change (SPEC §2, and a database trigger) and template ids are globally
/// unique, so a cached entry stays true; drafts are never cached. Parsing a 300-risk version
/// on every read was a twentieth of a request's time, and reading its 240 KB row another.
fn published_contents() -> &'static Memo<(String, i32), Arc<DpiaContent>> {
    static PUBLISHED: OnceLock<Memo<(String, i32), Arc<DpiaContent>>> = OnceLock::new();
    PUBLISHED.get_or_init(|| Memo::new(256))
}

/// The DPIA content of a template version, or a clear error for a code of conduct.
pub fn dpia_of(version: &TemplateVersion) -> AppResult<Arc<DpiaContent>> {
    let key = (version.template_id.clone(), version.number);
    let immutable = version.status != "DRAFT";
    if immutable {
        if let Some(content) = published_contents().get(&key) {
            return Ok(content);
        }
    }
    let content = match version.parsed_content()? {
        TemplateContent::Dpia(dpia) => Arc::new(dpia),
        TemplateContent::CodeOfConduct(_) => {
            return Err(AppError::validation(
                "templateKey",
                "a code of conduct is adhered to, not adopted as an assessment",
            ))
        }
    };
    if immutable {
        published_contents().insert(key, content.clone());
    }
    Ok(content)
}

/// The DPIA content of a version by id, reading the version row only when the content is not
/// in memory. For a caller that already may see it (the base of an assessment it may read).
fn dpia_by_id(
    conn: &mut DbConnection,
    template_id: &str,
    number: i32,
) -> AppResult<Arc<DpiaContent>> {
    if let Some(content) = published_contents().get(&(template_id.to_owned(), number)) {
        return Ok(content);
    }
    let (_, version) = templates::find_by_id_unscoped(conn, template_id, number)?;
    dpia_of(&version)
}

/// One assessment by id, if the actor may read it (own controller, or the authority).
pub fn find(conn: &mut DbConnection, actor: &Actor, id: &str) -> AppResult<Assessment> {
    let found: Option<Assessment> = assessments::table
        .filter(assessments::id.eq(id))
        .select(Assessment::as_select())
        .first(conn)
        .optional()?;
    found
        .filter(|a| may_read_assessments_of(actor, &a.org_id))
        .ok_or(AppError::not_found("assessment"))
}

/// The row version of an assessment the actor may read, without its local changes: what the
/// memo of answers (`graphql/answer_memo.rs`) keys on. `None` when it is missing or hidden
/// (the full read then answers `NOT_FOUND` as usual).
pub fn readable_version(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
) -> AppResult<Option<i64>> {
    let found: Option<(String, i64)> = assessments::table
        .filter(assessments::id.eq(id))
        .select((assessments::org_id, assessments::version))
        .first(conn)
        .optional()?;
    Ok(readable_version_of(actor, found))
}

/// The version of an assessment read elsewhere as (owner, version), if the actor may read it:
/// the scoping of [`readable_version`] for a read combined with another statement
/// (`sessions::user_of_live_session_and_assessment_version`).
pub fn readable_version_of(actor: &Actor, found: Option<(String, i64)>) -> Option<i64> {
    found
        .filter(|(org, _)| may_read_assessments_of(actor, org))
        .map(|(_, version)| version)
}

/// Assessments the actor may read: its own organisation's, or every one for the authority.
/// `after` is the id of the last item of the previous page (ordered by id).
pub fn list(
    conn: &mut DbConnection,
    actor: &Actor,
    after: Option<&str>,
    limit: i64,
) -> AppResult<Vec<Assessment>> {
    let mut query = assessments::table.into_boxed();
    match actor.org_kind {
        OrgKind::SupervisoryAuthority => {}
        OrgKind::Controller => query = query.filter(assessments::org_id.eq(actor.org_id.clone())),
        _ => return Ok(Vec::new()),
    }
    if let Some(after) = after {
        query = query.filter(assessments::id.gt(after.to_string()));
    }
    Ok(query
        .order(assessments::id.asc())
        .limit(limit)
        .select(Assessment::as_select())
        .load(conn)?)
}

/// The base template of an assessment and its base version's content (visible to whoever may
/// read the assessment).
pub fn base_of(
    conn: &mut DbConnection,
    assessment: &Assessment,
) -> AppResult<(Template, Arc<DpiaContent>)> {
    let template = templates::find_template_unscoped(conn, &assessment.template_id)?;
    let base = dpia_by_id(conn, &assessment.template_id, assessment.base_version)?;
    Ok((template, base))
}

fn record_state(tx: &mut WriteTx<'_>, a: &Assessment) -> AppResult<()> {
    diesel::insert_into(assessment_states::table)
        .values((
            assessment_states::org_id.eq(&a.org_id),
            assessment_states::assessment_id.eq(&a.id),
            assessment_states::version.eq(a.version),
            assessment_states::at.eq(a.updated_at),
            assessment_states::base_version.eq(a.base_version),
            assessment_states::status.eq(&a.status),
            assessment_states::revision.eq(a.revision),
            assessment_states::local_changes.eq(&a.local_changes),
        ))
        .execute(tx.conn())?;
    Ok(())
}

/// A controller adopts a published template version (SPEC §2); the assessment is its own.
pub fn adopt(
    tx: &mut WriteTx<'_>,
    template_key: &str,
    version: i32,
    title: &str,
) -> AppResult<Assessment> {
    let actor = tx.actor().clone();
    if actor.org_kind != OrgKind::Controller || !actor.role.may_write() {
        return Err(AppError::Forbidden(
            "only editors of a controller adopt a template".into(),
        ));
    }
    let template = templates::find_by_key(tx.conn(), &actor, template_key)?;
    let base = templates::version(tx.conn(), &actor, &template, version)?;
    if base.status != "PUBLISHED" {
        return Err(AppError::validation(
            "templateVersion",
            format!(
                "version {version} of {template_key} is {}; only a published version can be adopted",
                base.status
            ),
        ));
    }
    dpia_of(&base)?;
    let taken: i64 = assessments::table
        .filter(assessments::org_id.eq(&actor.org_id))
        .filter(assessments::template_id.eq(&template.id))
        .count()
        .get_result(tx.conn())?;
    if taken > 0 {
        return Err(AppError::Conflict(format!(
            "your organisation has already adopted {template_key}; upgrade that assessment instead"
        )));
    }
    let title = if title.trim().is_empty() {
        template.title.clone()
    } else {
        title.trim().to_string()
    };
    let assessment = Assessment {
        org_id: actor.org_id.clone(),
        id: super::new_id(),
        template_id: template.id.clone(),
        base_version: version,
        title,
        status: "DRAFT".into(),
        revision: 1,
        local_changes: to_json(&LocalChanges::default())?,
        version: 1,
        created_at: tx.now(),
        updated_at: tx.now(),
    };
    diesel::insert_into(assessments::table)
        .values(&assessment)
        .execute(tx.conn())?;
    record_state(tx, &assessment)?;
    tx.record(Change {
        org_id: assessment.org_id.clone(),
        action: "adopt",
        entity: "assessment",
        entity_id: assessment.id.clone(),
        item_key: None,
        before: None,
        after: Some(
            json!({ "template": template.key, "base_version": version, "title": assessment.title }),
        ),
    });
    Ok(assessment)
}

/// Loads an assessment for writing: readable, writable by the actor, at the expected version.
fn writable(tx: &mut WriteTx<'_>, id: &str, expected_version: i64) -> AppResult<Assessment> {
    let actor = tx.actor().clone();
    let current = find(tx.conn(), &actor, id)?;
    require_assessment_write(&actor, &current.org_id)?;
    if current.version != expected_version {
        return Err(AppError::stale("assessment"));
    }
    Ok(current)
}

/// Saves the next state of an assessment (optimistic concurrency) and keeps it for as-of reads.
/// Editing an approved assessment starts the next revision as a draft (SPEC §2 status).
fn save(tx: &mut WriteTx<'_>, current: &Assessment, next: Assessment) -> AppResult<Assessment> {
    let changed = diesel::update(
        assessments::table
            .find((&current.org_id, &current.id))
            .filter(assessments::version.eq(current.version)),
    )
    .set((
        assessments::base_version.eq(next.base_version),
        assessments::title.eq(&next.title),
        assessments::status.eq(&next.status),
        assessments::revision.eq(next.revision),
        assessments::local_changes.eq(&next.local_changes),
        assessments::version.eq(next.version),
        assessments::updated_at.eq(next.updated_at),
    ))
    .execute(tx.conn())?;
    if changed != 1 {
        return Err(AppError::stale("assessment"));
    }
    record_state(tx, &next)?;
    Ok(next)
}

/// Applies one command (SPEC §3 write rules in the domain) and saves the result with its
/// audit entry: the item key, and the item's local state before and after.
pub fn apply_command(
    tx: &mut WriteTx<'_>,
    id: &str,
    expected_version: i64,
    command: &AssessmentCommand,
) -> AppResult<Assessment> {
    apply_commands(tx, id, expected_version, std::slice::from_ref(command))
}

/// Applies commands in order, all or nothing, saving once: one audit entry per command (the
/// demo and the national data set load through this; so does any batch edit).
pub fn apply_commands(
    tx: &mut WriteTx<'_>,
    id: &str,
    expected_version: i64,
    commands: &[AssessmentCommand],
) -> AppResult<Assessment> {
    if commands.is_empty() {
        return Err(AppError::validation("commands", "nothing to apply"));
    }
    let current = writable(tx, id, expected_version)?;
    let (_, base) = base_of(tx.conn(), &current)?;
    let mut local = current.local()?;
    let reopened = current.status == "APPROVED";
    let revision = if reopened {
        current.revision + 1
    } else {
        current.revision
    };
    for (index, command) in commands.iter().enumerate() {
        let after =
            apply(&base, &local, command).map_err(|e| assessment_error(e).in_command(index))?;
        let (item_key, field) = command.target();
        let (item_key, field) = (item_key.to_string(), field.to_string());
        let command_name = serde_json::to_value(command)
            .ok()
            .and_then(|v| {
                v.get("command")
                    .and_then(|c| c.as_str().map(str::to_string))
            })
            .unwrap_or_else(|| "COMMAND".into());
        tx.record(Change {
            org_id: current.org_id.clone(),
            action: "apply",
            entity: "assessment",
            entity_id: current.id.clone(),
            before: Some(json!({ "field": field, "state": item_state(&local, &item_key) })),
            after: Some(json!({
                "command": command_name,
                "field": field,
                "state": item_state(&after, &item_key),
                "revision": revision,
            })),
            item_key: Some(item_key),
        });
        local = after;
    }
    let next = Assessment {
        local_changes: to_json(&local)?,
        version: current.version + 1,
        updated_at: tx.now(),
        status: "DRAFT".into(),
        revision,
        ..current.clone()
    };
    save(tx, &current, next)
}

/// Everything the local changes hold about one item key, as JSON: what the audit entry shows.
/// Only the entries about the key are serialised: serialising all local changes for every
/// command was most of a write's time (docs/PERFORMANCE.md).
fn item_state(local: &LocalChanges, key: &str) -> serde_json::Value {
    fn add<T: serde::Serialize>(
        found: &mut serde_json::Map<String, serde_json::Value>,
        list: &str,
        items: &[T],
        key: &str,
        key_of: impl Fn(&T) -> &str,
    ) {
        for (i, item) in items
            .iter()
            .enumerate()
            .filter(|(_, item)| key_of(item) == key)
        {
            if let Ok(value) = serde_json::to_value(item) {
                found.insert(format!("{list}[{i}]"), value);
            }
        }
    }
    let mut found = serde_json::Map::new();
    add(&mut found, "overrides", &local.overrides, key, |o| {
        o.item_key.as_str()
    });
    add(&mut found, "completions", &local.completions, key, |c| {
        c.item_key.as_str()
    });
    add(
        &mut found,
        "not_applicable",
        &local.not_applicable,
        key,
        |n| n.item_key.as_str(),
    );
    add(&mut found, "retained", &local.retained, key, |r| {
        r.item_key.as_str()
    });
    add(&mut found, "treatments", &local.treatments, key, |t| {
        t.risk_key.as_str()
    });
    add(&mut found, "measures", &local.measures, key, |m| {
        m.key.as_str()
    });
    add(&mut found, "responses", &local.responses, key, |r| {
        r.recommendation_key.as_str()
    });
    add(&mut found, "incidents", &local.incidents, key, |i| {
        i.key.as_str()
    });
    if local.additions.keys().any(|k| k.as_str() == key) {
        if let Ok(additions) = serde_json::to_value(&local.additions) {
            collect_mentions(&additions, key, "additions", &mut found);
        }
    }
    if key == crate::domain::assessment::SIGN_OFFS_KEY {
        if let Ok(sign_offs) = serde_json::to_value(&local.sign_offs) {
            found.insert("sign_offs".into(), sign_offs);
        }
    }
    serde_json::Value::Object(found)
}

/// Collects every object under `value` whose `key`-like member equals `key`.
fn collect_mentions(
    value: &serde_json::Value,
    key: &str,
    path: &str,
    found: &mut serde_json::Map<String, serde_json::Value>,
) {
    match value {
        serde_json::Value::Object(map) => {
            let names = ["key", "item_key", "risk_key", "recommendation_key"];
            if names
                .iter()
                .any(|n| map.get(*n).and_then(|v| v.as_str()) == Some(key))
            {
                found.insert(path.to_string(), value.clone());
                return;
            }
            for (name, child) in map {
                let child_path = if path.is_empty() {
                    name.clone()
                } else {
                    format!("{path}.{name}")
                };
                collect_mentions(child, key, &child_path, found);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                collect_mentions(item, key, &format!("{path}[{i}]"), found);
            }
        }
        _ => {}
    }
}

/// Approves the current draft: it becomes an immutable revision (SPEC §2). `gate` decides
/// (compliance checks, issue 7) and returns the local changes to approve, with the management
/// sign-off in them, and a note for the audit entry.
pub fn approve(
    tx: &mut WriteTx<'_>,
    id: &str,
    expected_version: i64,
    gate: impl FnOnce(&DpiaContent, &LocalChanges) -> AppResult<(LocalChanges, serde_json::Value)>,
) -> AppResult<Assessment> {
    let current = writable(tx, id, expected_version)?;
    if current.status == "APPROVED" {
        return Err(AppError::Conflict(format!(
            "revision {} is already approved",
            current.revision
        )));
    }
    let (_, base) = base_of(tx.conn(), &current)?;
    let (approved_local, note) = gate(&base, &current.local()?)?;
    let local_changes = to_json(&approved_local)?;
    let approved_by = tx.actor().email.clone();
    diesel::insert_into(assessment_revisions::table)
        .values((
            assessment_revisions::org_id.eq(&current.org_id),
            assessment_revisions::assessment_id.eq(&current.id),
            assessment_revisions::revision.eq(current.revision),
            assessment_revisions::template_id.eq(&current.template_id),
            assessment_revisions::base_version.eq(current.base_version),
            assessment_revisions::local_changes.eq(&local_changes),
            assessment_revisions::approved_at.eq(tx.now()),
            assessment_revisions::approved_by.eq(&approved_by),
        ))
        .execute(tx.conn())?;
    let next = Assessment {
        status: "APPROVED".into(),
        local_changes,
        version: current.version + 1,
        updated_at: tx.now(),
        ..current.clone()
    };
    let saved = save(tx, &current, next)?;
    tx.record(Change {
        org_id: current.org_id.clone(),
        action: "approve",
        entity: "assessment",
        entity_id: current.id.clone(),
        item_key: None,
        before: Some(json!({ "status": "DRAFT", "revision": current.revision })),
        after: Some(json!({
            "status": "APPROVED", "revision": current.revision, "approved_by": approved_by,
            "gate": note,
        })),
    });
    Ok(saved)
}

/// An approved revision, stored immutably.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = assessment_revisions)]
pub struct ApprovedRevision {
    pub org_id: String,
    pub assessment_id: String,
    pub revision: i32,
    pub template_id: String,
    pub base_version: i32,
    pub local_changes: String,
    pub approved_at: NaiveDateTime,
    pub approved_by: String,
}

/// The approved revisions of an assessment the actor may read, oldest first.
pub fn revisions(
    conn: &mut DbConnection,
    assessment: &Assessment,
) -> AppResult<Vec<ApprovedRevision>> {
    Ok(assessment_revisions::table
        .filter(assessment_revisions::org_id.eq(&assessment.org_id))
        .filter(assessment_revisions::assessment_id.eq(&assessment.id))
        .order(assessment_revisions::revision.asc())
        .select(ApprovedRevision::as_select())
        .load(conn)?)
}

/// The assessment as it stood at `at` (SPEC §6): its last state written at or before then.
pub fn as_of(
    conn: &mut DbConnection,
    assessment: &Assessment,
    at: NaiveDateTime,
) -> AppResult<Assessment> {
    let state: Option<(i64, NaiveDateTime, i32, String, i32, String)> = assessment_states::table
        .filter(assessment_states::org_id.eq(&assessment.org_id))
        .filter(assessment_states::assessment_id.eq(&assessment.id))
        .filter(assessment_states::at.le(at))
        .order(assessment_states::version.desc())
        .select((
            assessment_states::version,
            assessment_states::at,
            assessment_states::base_version,
            assessment_states::status,
            assessment_states::revision,
            assessment_states::local_changes,
        ))
        .first(conn)
        .optional()?;
    let (version, updated_at, base_version, status, revision, local_changes) =
        state.ok_or_else(|| AppError::validation("at", "the assessment did not exist yet then"))?;
    Ok(Assessment {
        version,
        updated_at,
        base_version,
        status,
        revision,
        local_changes,
        ..assessment.clone()
    })
}

/// The content of another version of an assessment's template (for revision diffs).
pub fn base_version_content(
    conn: &mut DbConnection,
    assessment: &Assessment,
    number: i32,
) -> AppResult<Arc<DpiaContent>> {
    dpia_by_id(conn, &assessment.template_id, number)
}

/// The published version an assessment may upgrade to: newer than its base.
pub fn upgrade_target(
    conn: &mut DbConnection,
    actor: &Actor,
    assessment: &Assessment,
    to_version: i32,
) -> AppResult<(Arc<DpiaContent>, TemplateVersion)> {
    let (template, _) = base_of(conn, assessment)?;
    let target = templates::version(conn, actor, &template, to_version)?;
    if target.status != "PUBLISHED" {
        return Err(AppError::validation(
            "templateVersion",
            format!(
                "version {to_version} is {}; only a published version can be adopted",
                target.status
            ),
        ));
    }
    if to_version <= assessment.base_version {
        return Err(AppError::validation(
            "templateVersion",
            format!(
                "the assessment is already on version {}",
                assessment.base_version
            ),
        ));
    }
    Ok((dpia_of(&target)?, target))
}

/// Maps an upgrade refusal to a client-visible error naming the item.
pub fn upgrade_error(e: crate::domain::assessment::UpgradeError) -> AppError {
    use crate::domain::assessment::UpgradeError as U;
    let message = e.to_string();
    match e {
        U::OpenConflicts { conflicts } => AppError::Validation {
            field: "resolutions".into(),
            item_key: conflicts.first().map(|c| c.item_key.to_string()),
            message: format!(
                "{message}; open: {}",
                conflicts
                    .iter()
                    .map(|c| match &c.field {
                        Some(f) => format!("{} ({f})", c.item_key),
                        None => c.item_key.to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        },
        U::KeyCollision { item_key } | U::CannotKeep { item_key, .. } => {
            AppError::validation_at("resolutions", item_key, message)
        }
        U::MissingJustification { item_key, .. } | U::CannotTakeCentral { item_key, .. } => {
            AppError::validation_at("resolutions", item_key, message)
        }
        #[allow(unreachable_patterns)]
        _ => AppError::validation("resolutions", message),
    }
}

/// Applies the three-way upgrade to `to_version` with the controller's resolutions (SPEC §4):
/// one transaction, one audit entry per resolved conflict plus one for the upgrade.
pub fn upgrade(
    tx: &mut WriteTx<'_>,
    id: &str,
    expected_version: i64,
    to_version: i32,
    resolutions: &[crate::domain::assessment::ConflictResolution],
) -> AppResult<Assessment> {
    let current = writable(tx, id, expected_version)?;
    let actor = tx.actor().clone();
    let (_, old) = base_of(tx.conn(), &current)?;
    let (new, _) = upgrade_target(tx.conn(), &actor, &current, to_version)?;
    let local = current.local()?;
    let preview =
        crate::domain::assessment::preview_upgrade(&old, &new, &local).map_err(upgrade_error)?;
    let upgraded = crate::domain::assessment::apply_upgrade(&old, &new, &local, resolutions)
        .map_err(upgrade_error)?;
    for resolution in resolutions {
        tx.record(Change {
            org_id: current.org_id.clone(),
            action: "resolve_conflict",
            entity: "assessment",
            entity_id: current.id.clone(),
            item_key: Some(resolution.item_key.to_string()),
            before: Some(json!({ "field": resolution.field, "state": item_state(&local, resolution.item_key.as_str()) })),
            after: Some(json!({
                "field": resolution.field,
                "resolution": resolution.resolution,
                "state": item_state(&upgraded.local, resolution.item_key.as_str()),
            })),
        });
    }
    tx.record(Change {
        org_id: current.org_id.clone(),
        action: "upgrade",
        entity: "assessment",
        entity_id: current.id.clone(),
        item_key: None,
        before: Some(json!({ "base_version": current.base_version })),
        after: Some(json!({
            "base_version": to_version,
            "central_changes_taken": preview.taken.len(),
            "conflicts_resolved": resolutions.len(),
        })),
    });
    let reopened = current.status == "APPROVED";
    let next = Assessment {
        base_version: to_version,
        local_changes: to_json(&upgraded.local)?,
        version: current.version + 1,
        updated_at: tx.now(),
        status: "DRAFT".into(),
        revision: if reopened {
            current.revision + 1
        } else {
            current.revision
        },
        ..current.clone()
    };
    save(tx, &current, next)
}
