//! Screens 4 and 8 of issue 15: the controller's workspace of one assessment, following
//! Art. 35(7)(a)–(d), its findings grouped by severity (each item linking to its form), and the
//! form of one item: every field with its provenance in words, the central value and the
//! justification beside a changed one; override (justification required), revert, complete,
//! mark not relevant. Reads through `store::assessments` with the session's `Actor`; writes
//! through `audit::write` + `store::assessments::apply_commands` (one batch, one version check).

pub mod form;
pub mod view;
// RISKS: screens 5, 6, 7 and local items (issue 15).
pub mod local;
pub mod measures;
pub mod recommendations;
pub mod risk_form;
pub mod risk_view;
pub mod risks;
pub mod write;
// APPROVE: screens 9, 10, 11 (approval, upgrade, the authority's review findings).
pub mod approval;
pub mod review;
pub mod upgrade;

use actix_web::http::StatusCode;
use actix_web::web;
use minijinja::context;
use minijinja::value::Serde;
use serde::{Deserialize, Serialize};

use super::csrf::Posted;
use super::errors::{redirect, PageError, PageResult};
use super::render::render_status;
use super::session::SignedIn;
use crate::audit;
use crate::domain::assessment::effective;
use crate::domain::checks::{run_checks, Severity};
use crate::domain::template::ItemKey;
use crate::error::AppError;
use crate::store::assessments as store;

use form::{FieldAction, FieldEdit, FieldError};

/// What every workspace page shows at its top.
#[derive(Serialize)]
struct Head {
    id: String,
    title: String,
    status: String,
    version: i64,
    errors: usize,
    warnings: usize,
    may_write: bool,
    /// A newer published version of the base template ("version N er tilgængelig").
    upgrade_available: Option<i32>,
    /// The authority's review findings waiting for an answer.
    open_review: usize,
}

struct Loaded {
    head: Head,
    effective: crate::domain::assessment::EffectiveAssessment,
    findings: Vec<crate::domain::checks::Finding>,
}

async fn load(signed: &SignedIn, id: String) -> Result<Loaded, PageError> {
    let today = signed.state.today();
    let may_write = signed.actor().role.may_write();
    signed
        .load(move |_, actor, conn| {
            let row = store::find(conn, actor, &id)?;
            let (template, base) = store::base_of(conn, &row)?;
            let effective = effective(&base, &row.local()?);
            let findings = run_checks(&effective, &template.check_settings(), today);
            let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
            let upgrade_available =
                crate::store::templates::newer_published(conn, &template, row.base_version)?;
            let open_review = (crate::store::reviews::for_assessment(conn, &row)?.iter())
                .filter(|f| f.status == "OPEN")
                .count();
            Ok(Loaded {
                head: Head {
                    upgrade_available,
                    open_review,
                    errors: count(Severity::Error),
                    warnings: count(Severity::Warning),
                    id: row.id,
                    title: row.title,
                    status: row.status,
                    version: row.version,
                    may_write,
                },
                effective,
                findings,
            })
        })
        .await
}

/// `GET /assessments/{id}`: the workspace.
pub async fn workspace(signed: SignedIn, id: web::Path<String>) -> PageResult {
    let loaded = load(&signed, id.into_inner()).await?;
    let outline = view::outline(&loaded.effective);
    render_status(
        &signed.chrome,
        StatusCode::OK,
        "web/workspace.html",
        context! { head => Serde(loaded.head), outline => Serde(outline) },
    )
}

/// `GET /assessments/{id}/findings`: why the assessment cannot be approved, in groups.
pub async fn findings(signed: SignedIn, id: web::Path<String>) -> PageResult {
    let loaded = load(&signed, id.into_inner()).await?;
    let groups = view::findings(&loaded.findings, &loaded.effective);
    render_status(
        &signed.chrome,
        StatusCode::OK,
        "web/findings.html",
        context! { head => Serde(loaded.head), groups => Serde(groups) },
    )
}

/// What the person typed, kept when a write is refused.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct ItemForm {
    #[serde(default)]
    version: i64,
    #[serde(default)]
    field: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    value: String,
    #[serde(default)]
    justification: String,
}

async fn item_page(
    signed: &SignedIn,
    status: StatusCode,
    id: String,
    key: String,
    input: Option<ItemForm>,
    error: Option<FieldError>,
    stale: bool,
) -> PageResult {
    let loaded = load(signed, id).await?;
    let item = view::find_item(&loaded.effective, &key).ok_or(PageError::NotFound(signed.lang))?;
    let item_findings: Vec<_> = (loaded.findings.iter())
        .filter(|f| f.item_keys.iter().any(|k| k == &key))
        .map(|f| f.rule_id)
        .collect();
    let input = input.unwrap_or_else(|| ItemForm {
        version: loaded.head.version,
        field: item
            .fields
            .iter()
            .find(|f| f.editable)
            .map(|f| f.name.clone())
            .unwrap_or_default(),
        action: "override".into(),
        ..ItemForm::default()
    });
    let (error_field, error) = error.map(|e| (e.field, e.message)).unzip();
    render_status(
        &signed.chrome,
        status,
        "web/item.html",
        context! {
            head => Serde(loaded.head),
            item => Serde(item),
            input => Serde(input),
            error_field => error_field,
            error => error,
            stale => stale,
            item_findings => item_findings,
        },
    )
}

/// `GET /assessments/{id}/items/{key}`: one item and its form.
pub async fn item(signed: SignedIn, path: web::Path<(String, String)>) -> PageResult {
    let (id, key) = path.into_inner();
    item_page(&signed, StatusCode::OK, id, key, None, None, false).await
}

/// `POST /assessments/{id}/items/{key}`: override, complete or revert a field, or mark the
/// item not relevant (`action=not_applicable`, the reason in `justification`).
pub async fn item_post(posted: Posted<ItemForm>, path: web::Path<(String, String)>) -> PageResult {
    let signed = posted.guard.clone();
    let (id, key) = path.into_inner();
    let input = posted.form;
    let lang = signed.lang;
    let refuse = |field: &str, message_key: &str| FieldError {
        field: field.to_owned(),
        message: crate::i18n::text(lang, message_key),
    };
    let item_key = ItemKey::parse(&key).map_err(|_| PageError::NotFound(lang))?;
    let loaded = load(&signed, id.clone()).await?;
    let item = view::find_item(&loaded.effective, &key).ok_or(PageError::NotFound(lang))?;
    let commands = if input.action == "not_applicable" {
        Ok(vec![form::not_applicable(&item_key, &input.justification)])
    } else {
        match FieldAction::parse(&input.action) {
            None => Err(refuse("action", "ws-choose-action")),
            Some(action) => {
                let current = item.values.get(&input.field).cloned();
                match current {
                    None => Err(refuse("field", "ws-choose-field")),
                    Some(current) => {
                        let edit = FieldEdit {
                            field: input.field.clone(),
                            action,
                            value: input.value.clone(),
                            justification: input.justification.clone(),
                        };
                        form::commands_for(&item_key, &[(edit, current)]).map_err(|e| FieldError {
                            message: crate::i18n::text(lang, &format!("ws-{}", e.message)),
                            ..e
                        })
                    }
                }
            }
        }
    };
    let commands = match commands {
        Ok(c) => c,
        Err(e) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return item_page(&signed, status, id, key, Some(input), Some(e), false).await;
        }
    };
    let version = input.version;
    let target = id.clone();
    let result = signed
        .block(move |state, actor, _| {
            audit::write(&state.pool, actor, |tx| {
                store::apply_commands(tx, &target, version, &commands)
            })
        })
        .await?;
    // A batch names the refused command; the form shows the refusal itself.
    let result = result.map_err(|e| match e {
        AppError::InCommand { error, .. } => *error,
        other => other,
    });
    match result {
        Ok(_) => Ok(redirect(&format!("/assessments/{id}/items/{key}?saved=1"))),
        Err(e) if form::is_stale(&e) => {
            let status = StatusCode::CONFLICT;
            item_page(&signed, status, id, key, Some(input), None, true).await
        }
        Err(e @ AppError::Validation { .. }) => {
            let error = form::field_of(&e).map(|mut f| {
                if f.message.starts_with("ws-") {
                    f.message = crate::i18n::text(lang, &f.message);
                }
                f
            });
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            item_page(&signed, status, id, key, Some(input), error, false).await
        }
        Err(e) => Err(PageError::from_app(lang, e)),
    }
}
