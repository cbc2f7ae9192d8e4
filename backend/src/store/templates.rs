//! Central templates and their versions (SPEC §2, issue 4).
//!
//! Version content is stored as one JSON document; every rule about it (editing, validation,
//! diff) lives in `dpiahub_domain::template`. This module loads, checks visibility, and saves
//! through the audit path.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::json;

use super::schema::{template_versions, templates};
use super::DbConnection;
use crate::audit::{Change, WriteTx};
use crate::context::{Actor, OrgKind};
use crate::domain::checks::CheckSettings;
use crate::domain::template::{
    apply_edit, validate, ContentLanguage, ItemKey, TemplateContent, TemplateEdit, TemplateError,
    TemplateKind, VersionStatus,
};
use crate::error::{AppError, AppResult};

#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = templates)]
pub struct Template {
    pub id: String,
    pub owner_org_id: String,
    pub key: String,
    pub title: String,
    pub kind: String,
    pub created_at: NaiveDateTime,
    /// Thresholds of the compliance checks for assessments of this template (JSON).
    pub check_settings: Option<String>,
    /// The language of the content, `da` or `en` (`docs/template-format.md`).
    pub language: String,
}

impl Template {
    /// The check thresholds the owner set, or the defaults (docs/CHECKS.md).
    pub fn check_settings(&self) -> CheckSettings {
        self.check_settings
            .as_deref()
            .and_then(|json| serde_json::from_str(json).ok())
            .unwrap_or_default()
    }

    /// The language the content is written in; Danish unless the template says otherwise.
    pub fn language(&self) -> ContentLanguage {
        ContentLanguage::parse(&self.language).unwrap_or_default()
    }

    pub fn kind(&self) -> TemplateKind {
        if self.kind == "CODE_OF_CONDUCT" {
            TemplateKind::CodeOfConduct
        } else {
            TemplateKind::Dpia
        }
    }
}

#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = template_versions)]
pub struct TemplateVersion {
    pub template_id: String,
    pub number: i32,
    pub status: String,
    pub content: String,
    pub changelog: Option<String>,
    pub published_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub version: i64,
}

impl TemplateVersion {
    pub fn status(&self) -> VersionStatus {
        match self.status.as_str() {
            "PUBLISHED" => VersionStatus::Published,
            "WITHDRAWN" => VersionStatus::Withdrawn,
            _ => VersionStatus::Draft,
        }
    }

    pub fn parsed_content(&self) -> AppResult<TemplateContent> {
        serde_json::from_str(&self.content).map_err(|e| {
            AppError::Internal(format!(
                "stored content of template {} version {}: {e}",
                self.template_id, self.number
            ))
        })
    }
}

pub fn status_str(status: VersionStatus) -> &'static str {
    match status {
        VersionStatus::Draft => "DRAFT",
        VersionStatus::Published => "PUBLISHED",
        VersionStatus::Withdrawn => "WITHDRAWN",
    }
}

fn kind_str(kind: TemplateKind) -> &'static str {
    match kind {
        TemplateKind::Dpia => "DPIA",
        TemplateKind::CodeOfConduct => "CODE_OF_CONDUCT",
    }
}

/// Drafts are visible only to the owning central body (SPEC §1); published and withdrawn
/// versions to every signed-in organisation.
fn may_see_version(actor: &Actor, template: &Template, status: &str) -> bool {
    actor.org_id == template.owner_org_id || status != "DRAFT"
}

/// Editors and admins of the owning central body write its templates.
fn require_owner_editor(actor: &Actor, template: &Template) -> AppResult<()> {
    if actor.org_id == template.owner_org_id && actor.role.may_write() {
        Ok(())
    } else {
        Err(AppError::Forbidden(format!(
            "only editors of the central body that owns template {} change it",
            template.key
        )))
    }
}

/// Every template with at least one version the actor may see, by key.
pub fn list(conn: &mut DbConnection, actor: &Actor) -> AppResult<Vec<Template>> {
    let visible_ids = template_versions::table
        .filter(template_versions::status.ne("DRAFT"))
        .select(template_versions::template_id);
    Ok(templates::table
        .filter(
            templates::owner_org_id
                .eq(&actor.org_id)
                .or(templates::id.eq_any(visible_ids)),
        )
        .order(templates::key.asc())
        .select(Template::as_select())
        .load(conn)?)
}

/// A template by key, if the actor may see at least one of its versions.
pub fn find_by_key(conn: &mut DbConnection, actor: &Actor, key: &str) -> AppResult<Template> {
    let template: Template = templates::table
        .filter(templates::key.eq(key))
        .select(Template::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::not_found("template"))?;
    if actor.org_id == template.owner_org_id {
        return Ok(template);
    }
    let published: i64 = template_versions::table
        .filter(template_versions::template_id.eq(&template.id))
        .filter(template_versions::status.ne("DRAFT"))
        .count()
        .get_result(conn)?;
    if published > 0 {
        Ok(template)
    } else {
        Err(AppError::not_found("template"))
    }
}

/// The versions of a template the actor may see, oldest first.
pub fn versions(
    conn: &mut DbConnection,
    actor: &Actor,
    template: &Template,
) -> AppResult<Vec<TemplateVersion>> {
    let all: Vec<TemplateVersion> = template_versions::table
        .filter(template_versions::template_id.eq(&template.id))
        .order(template_versions::number.asc())
        .select(TemplateVersion::as_select())
        .load(conn)?;
    Ok(all
        .into_iter()
        .filter(|v| may_see_version(actor, template, &v.status))
        .collect())
}

/// The newest published version of `template` after `than`, if any (numbers only: the
/// "version N is available" mark on every workspace page reads no content).
pub fn newer_published(
    conn: &mut DbConnection,
    template: &Template,
    than: i32,
) -> AppResult<Option<i32>> {
    Ok(template_versions::table
        .filter(template_versions::template_id.eq(&template.id))
        .filter(template_versions::status.eq("PUBLISHED"))
        .filter(template_versions::number.gt(than))
        .select(diesel::dsl::max(template_versions::number))
        .first::<Option<i32>>(conn)?)
}

/// One version, if the actor may see it; otherwise `NOT_FOUND`, as for a missing number.
pub fn version(
    conn: &mut DbConnection,
    actor: &Actor,
    template: &Template,
    number: i32,
) -> AppResult<TemplateVersion> {
    let found: Option<TemplateVersion> = template_versions::table
        .find((&template.id, number))
        .select(TemplateVersion::as_select())
        .first(conn)
        .optional()?;
    found
        .filter(|v| may_see_version(actor, template, &v.status))
        .ok_or(AppError::not_found("template version"))
}

/// Maps a domain rule's refusal to the client-visible validation error.
pub fn template_error(e: TemplateError) -> AppError {
    AppError::Validation {
        field: e.field(),
        item_key: e.item_key().map(str::to_string),
        message: e.to_string(),
    }
}

fn version_entity_id(template: &Template, number: i32) -> String {
    format!("{}@{}", template.key, number)
}

fn insert_version(
    tx: &mut WriteTx<'_>,
    template: &Template,
    number: i32,
    content: &TemplateContent,
    action: &'static str,
) -> AppResult<TemplateVersion> {
    let row = TemplateVersion {
        template_id: template.id.clone(),
        number,
        status: "DRAFT".into(),
        content: serde_json::to_string(content)
            .map_err(|e| AppError::Internal(format!("serialising content: {e}")))?,
        changelog: None,
        published_at: None,
        created_at: tx.now(),
        version: 1,
    };
    diesel::insert_into(template_versions::table)
        .values(&row)
        .execute(tx.conn())?;
    tx.record(Change {
        org_id: template.owner_org_id.clone(),
        action,
        entity: "template_version",
        entity_id: version_entity_id(template, number),
        item_key: None,
        before: None,
        after: Some(json!({ "status": "DRAFT", "items": content.items().len() })),
    });
    Ok(row)
}

/// Only editors (and admins) of a central body create or import templates.
fn require_template_author(actor: &Actor) -> AppResult<()> {
    if actor.org_kind != OrgKind::CentralBody || !actor.role.may_write() {
        return Err(AppError::Forbidden(
            "only editors of a central body create templates".into(),
        ));
    }
    Ok(())
}

/// Template keys are one namespace for all central bodies: a taken key is refused with the
/// same words whoever holds it and whether or not the caller may see that template.
fn key_taken(key: &str) -> AppError {
    AppError::Conflict(format!(
        "the template key {key} is not available; choose another key"
    ))
}

/// Creates a template owned by the actor's central body, with `content` as draft version 1.
pub fn create(
    tx: &mut WriteTx<'_>,
    key: &str,
    title: &str,
    content: &TemplateContent,
) -> AppResult<(Template, TemplateVersion)> {
    let actor = tx.actor().clone();
    require_template_author(&actor)?;
    let key = ItemKey::parse(key)
        .map_err(|e| AppError::validation("key", format!("template key: {e}")))?;
    if title.trim().is_empty() {
        return Err(AppError::validation("title", "a template needs a title"));
    }
    let taken: i64 = templates::table
        .filter(templates::key.eq(key.as_str()))
        .count()
        .get_result(tx.conn())?;
    if taken > 0 {
        return Err(key_taken(key.as_str()));
    }
    let template = Template {
        id: super::new_id(),
        owner_org_id: actor.org_id.clone(),
        key: key.as_str().to_string(),
        title: title.trim().to_string(),
        kind: kind_str(content.kind()).to_string(),
        created_at: tx.now(),
        check_settings: None,
        language: ContentLanguage::default().code().to_string(),
    };
    diesel::insert_into(templates::table)
        .values(&template)
        .execute(tx.conn())?;
    tx.record(Change {
        org_id: template.owner_org_id.clone(),
        action: "create",
        entity: "template",
        entity_id: template.key.clone(),
        item_key: None,
        before: None,
        after: Some(json!({ "key": template.key, "title": template.title, "kind": template.kind })),
    });
    let version = insert_version(tx, &template, 1, content, "create")?;
    Ok((template, version))
}

/// Starts a new draft as a copy of the latest published version (one draft at a time).
pub fn create_draft(tx: &mut WriteTx<'_>, template: &Template) -> AppResult<TemplateVersion> {
    require_owner_editor(tx.actor(), template)?;
    let actor = tx.actor().clone();
    let all = versions(tx.conn(), &actor, template)?;
    if let Some(draft) = all.iter().find(|v| v.status == "DRAFT") {
        return Err(AppError::Conflict(format!(
            "version {} of {} is already a draft; edit or publish it first",
            draft.number, template.key
        )));
    }
    let latest = all
        .iter()
        .rev()
        .find(|v| v.status == "PUBLISHED")
        .ok_or_else(|| AppError::validation("templateKey", "no published version to copy"))?;
    let content = latest.parsed_content()?;
    let number = all.last().map_or(1, |v| v.number + 1);
    insert_version(tx, template, number, &content, "create_draft")
}

/// Adds a draft with the given content (import of an interchange document).
pub fn add_draft(
    tx: &mut WriteTx<'_>,
    template: &Template,
    content: &TemplateContent,
) -> AppResult<TemplateVersion> {
    require_owner_editor(tx.actor(), template)?;
    if content.kind() != template.kind() {
        return Err(AppError::validation(
            "template.kind",
            format!("template {} is a {} template", template.key, template.kind),
        ));
    }
    let actor = tx.actor().clone();
    let all = versions(tx.conn(), &actor, template)?;
    if let Some(draft) = all.iter().find(|v| v.status == "DRAFT") {
        return Err(AppError::Conflict(format!(
            "version {} of {} is already a draft; publish it before importing another",
            draft.number, template.key
        )));
    }
    let number = all.last().map_or(1, |v| v.number + 1);
    insert_version(tx, template, number, content, "import")
}

/// Loads a version for writing: visible, owned, still a draft, at the expected row version.
fn writable_draft(
    tx: &mut WriteTx<'_>,
    template: &Template,
    number: i32,
    expected_version: i64,
) -> AppResult<TemplateVersion> {
    let actor = tx.actor().clone();
    let current = version(tx.conn(), &actor, template, number)?;
    require_owner_editor(&actor, template)?;
    if current.status != "DRAFT" {
        return Err(AppError::Conflict(format!(
            "version {number} of {} is {} and immutable; create a new draft to change it",
            template.key, current.status
        )));
    }
    if current.version != expected_version {
        return Err(AppError::stale("template version"));
    }
    Ok(current)
}

fn save_draft(
    tx: &mut WriteTx<'_>,
    current: &TemplateVersion,
    set_status: Option<&'static str>,
    content: Option<&TemplateContent>,
    changelog: Option<&str>,
) -> AppResult<TemplateVersion> {
    let now = tx.now();
    let mut next = current.clone();
    next.version += 1;
    if let Some(content) = content {
        next.content = serde_json::to_string(content)
            .map_err(|e| AppError::Internal(format!("serialising content: {e}")))?;
    }
    if let Some(status) = set_status {
        next.status = status.to_string();
        if status == "PUBLISHED" {
            next.published_at = Some(now);
            next.changelog = changelog.map(str::to_string);
        }
    }
    let changed = diesel::update(
        template_versions::table
            .find((&current.template_id, current.number))
            .filter(template_versions::version.eq(current.version)),
    )
    .set((
        template_versions::status.eq(&next.status),
        template_versions::content.eq(&next.content),
        template_versions::changelog.eq(&next.changelog),
        template_versions::published_at.eq(next.published_at),
        template_versions::version.eq(next.version),
    ))
    .execute(tx.conn())?;
    if changed != 1 {
        return Err(AppError::stale("template version"));
    }
    Ok(next)
}

/// Applies one edit to a draft; the domain validates the result (SPEC §3: never a silent no-op).
pub fn edit_draft(
    tx: &mut WriteTx<'_>,
    template: &Template,
    number: i32,
    expected_version: i64,
    edit: TemplateEdit,
) -> AppResult<TemplateVersion> {
    let current = writable_draft(tx, template, number, expected_version)?;
    let before = current.parsed_content()?;
    let after = apply_edit(&before, edit).map_err(template_error)?;
    let changed = crate::domain::template::diff_versions(&before, &after);
    let entity_id = version_entity_id(template, number);
    // One audit entry per changed item, addressed by its key (SPEC §6).
    let mut keys: Vec<String> = changed
        .added
        .iter()
        .map(|i| i.key.as_str().to_string())
        .chain(changed.removed.iter().map(|i| i.key.as_str().to_string()))
        .chain(changed.changed.iter().map(|i| i.key.as_str().to_string()))
        .collect();
    keys.sort();
    keys.dedup();
    if keys.is_empty() {
        return Err(AppError::validation(
            "edit",
            "the edit changes nothing in the draft",
        ));
    }
    let saved = save_draft(tx, &current, None, Some(&after), None)?;
    for key in keys {
        tx.record(Change {
            org_id: template.owner_org_id.clone(),
            action: "edit",
            entity: "template_version",
            entity_id: entity_id.clone(),
            before: before.item(&key).map(|i| i.value),
            after: after.item(&key).map(|i| i.value),
            item_key: Some(key),
        });
    }
    Ok(saved)
}

/// Publishes a draft after validating the whole version; it is immutable from then on.
pub fn publish(
    tx: &mut WriteTx<'_>,
    template: &Template,
    number: i32,
    expected_version: i64,
    changelog: &str,
) -> AppResult<TemplateVersion> {
    let current = writable_draft(tx, template, number, expected_version)?;
    if changelog.trim().is_empty() {
        return Err(AppError::validation(
            "changelog",
            "a published version needs a changelog saying what changed",
        ));
    }
    let content = current.parsed_content()?;
    let mut errors = validate(&content);
    if !errors.is_empty() {
        let count = errors.len();
        let first = errors.remove(0);
        let mut error = template_error(first);
        if let AppError::Validation { message, .. } = &mut error {
            *message = format!("{message} ({count} problem(s) in all; fix them before publishing)");
        }
        return Err(error);
    }
    let saved = save_draft(
        tx,
        &current,
        Some("PUBLISHED"),
        None,
        Some(changelog.trim()),
    )?;
    tx.record(Change {
        org_id: template.owner_org_id.clone(),
        action: "publish",
        entity: "template_version",
        entity_id: version_entity_id(template, number),
        item_key: None,
        before: Some(json!({ "status": "DRAFT" })),
        after: Some(json!({ "status": "PUBLISHED", "changelog": changelog.trim() })),
    });
    // Adopters learn of the new version in the same transaction (issue 16).
    super::notice_causes::new_version(tx, template, number)?;
    Ok(saved)
}

/// Withdraws a published version: still readable, no new adoptions.
pub fn withdraw(
    tx: &mut WriteTx<'_>,
    template: &Template,
    number: i32,
    expected_version: i64,
) -> AppResult<TemplateVersion> {
    let actor = tx.actor().clone();
    let current = version(tx.conn(), &actor, template, number)?;
    require_owner_editor(&actor, template)?;
    if current.status != "PUBLISHED" {
        return Err(AppError::Conflict(format!(
            "only a published version can be withdrawn; version {number} is {}",
            current.status
        )));
    }
    if current.version != expected_version {
        return Err(AppError::stale("template version"));
    }
    let changed = diesel::update(
        template_versions::table
            .find((&current.template_id, current.number))
            .filter(template_versions::version.eq(current.version)),
    )
    .set((
        template_versions::status.eq("WITHDRAWN"),
        template_versions::version.eq(current.version + 1),
    ))
    .execute(tx.conn())?;
    if changed != 1 {
        return Err(AppError::stale("template version"));
    }
    tx.record(Change {
        org_id: template.owner_org_id.clone(),
        action: "withdraw",
        entity: "template_version",
        entity_id: version_entity_id(template, number),
        item_key: None,
        before: Some(json!({ "status": "PUBLISHED" })),
        after: Some(json!({ "status": "WITHDRAWN" })),
    });
    Ok(TemplateVersion {
        status: "WITHDRAWN".into(),
        version: current.version + 1,
        ..current
    })
}

/// The interchange document of one version (`docs/template-format.md`).
pub fn export_document(
    template: &Template,
    version: &TemplateVersion,
) -> AppResult<crate::domain::interchange::TemplateDocument> {
    use crate::domain::interchange::{TemplateDocument, TemplateHeader, VersionHeader};
    Ok(TemplateDocument {
        template: TemplateHeader {
            key: ItemKey::parse(&template.key)
                .map_err(|e| AppError::Internal(format!("stored template key: {e}")))?,
            title: template.title.clone(),
            language: template.language(),
        },
        version: VersionHeader {
            number: u32::try_from(version.number).unwrap_or(0),
            status: version.status(),
            published_at: version.published_at.map(|t| t.and_utc()),
            changelog: version.changelog.clone(),
        },
        content: version.parsed_content()?,
    })
}

/// Imports a document as a new draft: of an existing template the actor's central body owns,
/// or of a new template. Number, status and dates of the document are not taken over: an
/// import is always a draft for its owner to review and publish.
pub fn import_document(
    tx: &mut WriteTx<'_>,
    document: &crate::domain::interchange::TemplateDocument,
) -> AppResult<(Template, TemplateVersion)> {
    let actor = tx.actor().clone();
    // Who may not create templates learns nothing about keys: the role check comes first,
    // so a hidden draft's key answers exactly like a key never used (issue 14, finding 1).
    require_template_author(&actor)?;
    let existing: Option<Template> = templates::table
        .filter(templates::key.eq(document.template.key.as_str()))
        .select(Template::as_select())
        .first(tx.conn())
        .optional()?;
    let (template, version) = match existing {
        Some(template) if template.owner_org_id == actor.org_id => {
            let version = add_draft(tx, &template, &document.content)?;
            (template, version)
        }
        // The same words as `create` uses for any taken key, whether the other body's
        // template is published or still a hidden draft.
        Some(_) => return Err(key_taken(document.template.key.as_str())),
        None => create(
            tx,
            document.template.key.as_str(),
            &document.template.title,
            &document.content,
        )?,
    };
    let template = set_language(tx, template, document.template.language)?;
    Ok((template, version))
}

/// The document names the language of its content; the template keeps the latest one.
fn set_language(
    tx: &mut WriteTx<'_>,
    template: Template,
    language: ContentLanguage,
) -> AppResult<Template> {
    if template.language() == language {
        return Ok(template);
    }
    diesel::update(templates::table.find(&template.id))
        .set(templates::language.eq(language.code()))
        .execute(tx.conn())?;
    tx.record(Change {
        org_id: template.owner_org_id.clone(),
        action: "set_language",
        entity: "template",
        entity_id: template.key.clone(),
        item_key: None,
        before: Some(json!({ "language": template.language })),
        after: Some(json!({ "language": language.code() })),
    });
    Ok(Template {
        language: language.code().to_string(),
        ..template
    })
}

/// A template by id, for a caller that already may see it (the template of an assessment or
/// adherence it may read).
pub(crate) fn find_template_unscoped(
    conn: &mut DbConnection,
    template_id: &str,
) -> AppResult<Template> {
    Ok(templates::table
        .find(template_id)
        .select(Template::as_select())
        .first(conn)?)
}

/// A template and one of its versions by id, for a caller that already may see them (the base
/// of an assessment it may read).
pub(crate) fn find_by_id_unscoped(
    conn: &mut DbConnection,
    template_id: &str,
    number: i32,
) -> AppResult<(Template, TemplateVersion)> {
    let template = find_template_unscoped(conn, template_id)?;
    let version: TemplateVersion = template_versions::table
        .find((template_id, number))
        .select(TemplateVersion::as_select())
        .first(conn)?;
    Ok((template, version))
}

/// The owner sets the check thresholds for assessments of its template (issue 7).
pub fn set_check_settings(
    tx: &mut WriteTx<'_>,
    template: &Template,
    settings: &CheckSettings,
) -> AppResult<CheckSettings> {
    require_owner_editor(tx.actor(), template)?;
    let before = template.check_settings();
    let json = serde_json::to_string(settings)
        .map_err(|e| AppError::Internal(format!("serialising settings: {e}")))?;
    diesel::update(templates::table.find(&template.id))
        .set(templates::check_settings.eq(Some(&json)))
        .execute(tx.conn())?;
    tx.record(Change {
        org_id: template.owner_org_id.clone(),
        action: "set_check_settings",
        entity: "template",
        entity_id: template.key.clone(),
        item_key: None,
        before: serde_json::to_value(&before).ok(),
        after: serde_json::to_value(settings).ok(),
    });
    Ok(settings.clone())
}
