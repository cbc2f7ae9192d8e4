//! Screens 3 and 4: before publishing (the diff against the last published version in words,
//! "what adopters will see", and the changelog to write), publish, withdraw, a new draft, and
//! import and export of a version as the documented JSON file (docs/template-format.md).

use std::collections::HashMap;

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpResponse};
use minijinja::context;
use minijinja::value::Serde;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::require_central;
use crate::audit;
use crate::domain::template::{diff_versions, validate, TemplateContent};
use crate::error::{AppError, AppResult};
use crate::store::templates;
use crate::web::authority::rows::shown;
use crate::web::csrf::Posted;
use crate::web::errors::{redirect, PageError, PageResult};
use crate::web::render::render_status;
use crate::web::session::SignedIn;

/// One sentence of the diff: what happened to which item, and for a change, each field.
#[derive(Serialize)]
struct DiffLine {
    change: &'static str,
    kind: String,
    key: String,
    title: String,
    fields: Vec<(String, String, String)>,
}

#[derive(Serialize)]
struct Before {
    key: String,
    title: String,
    number: i32,
    version: i64,
    against: Option<i32>,
    lines: Vec<DiffLine>,
    problems: Vec<String>,
}

fn titles(content: &TemplateContent) -> HashMap<String, String> {
    content
        .items()
        .into_iter()
        .map(|item| {
            let title = ["title", "threat", "name", "question", "section", "text"]
                .iter()
                .find_map(|f| item.value.get(*f).and_then(Value::as_str))
                .unwrap_or(item.key.as_str())
                .to_string();
            (item.key.to_string(), title)
        })
        .collect()
}

fn before_publishing(
    conn: &mut crate::store::DbConnection,
    actor: &crate::context::Actor,
    key: &str,
    number: i32,
) -> AppResult<Before> {
    let template = templates::find_by_key(conn, actor, key)?;
    if template.owner_org_id != actor.org_id {
        return Err(AppError::not_found("template"));
    }
    let all = templates::versions(conn, actor, &template)?;
    let draft = all
        .iter()
        .find(|v| v.number == number && v.status == "DRAFT")
        .ok_or(AppError::not_found("draft"))?;
    let new = draft.parsed_content()?;
    let last = all
        .iter()
        .rev()
        .find(|v| v.status == "PUBLISHED" && v.number < number);
    let mut lines = Vec::new();
    if let Some(last) = last {
        let old = last.parsed_content()?;
        let diff = diff_versions(&old, &new);
        let (old_titles, new_titles) = (titles(&old), titles(&new));
        for a in &diff.added {
            lines.push(DiffLine {
                change: "added",
                kind: a.kind.as_str().into(),
                key: a.key.to_string(),
                title: new_titles.get(a.key.as_str()).cloned().unwrap_or_default(),
                fields: Vec::new(),
            });
        }
        for c in &diff.changed {
            lines.push(DiffLine {
                change: "changed",
                kind: c.kind.as_str().into(),
                key: c.key.to_string(),
                title: new_titles.get(c.key.as_str()).cloned().unwrap_or_default(),
                fields: c
                    .fields
                    .iter()
                    .map(|f| (f.field.clone(), shown(&f.before), shown(&f.after)))
                    .collect(),
            });
        }
        for r in &diff.removed {
            lines.push(DiffLine {
                change: "removed",
                kind: r.kind.as_str().into(),
                key: r.key.to_string(),
                title: old_titles.get(r.key.as_str()).cloned().unwrap_or_default(),
                fields: Vec::new(),
            });
        }
    }
    Ok(Before {
        key: template.key.clone(),
        title: template.title.clone(),
        number,
        version: draft.version,
        against: last.map(|v| v.number),
        lines,
        problems: validate(&new).into_iter().map(|e| e.to_string()).collect(),
    })
}

async fn review_page(
    signed: &SignedIn,
    status: StatusCode,
    (key, number): (String, i32),
    changelog: &str,
    error: Option<String>,
) -> PageResult {
    let before = signed
        .load(move |_, actor, conn| before_publishing(conn, actor, &key, number))
        .await?;
    let may_write = signed.actor().role.may_write();
    render_status(
        &signed.chrome,
        status,
        "web/central/publish.html",
        context! {
            before => Serde(before),
            changelog => changelog,
            error => error,
            may_write => may_write,
        },
    )
}

/// `GET /central/templates/{key}/versions/{n}/publish`.
pub async fn review(signed: SignedIn, path: web::Path<(String, i32)>) -> PageResult {
    require_central(&signed)?;
    review_page(&signed, StatusCode::OK, path.into_inner(), "", None).await
}

#[derive(Deserialize)]
pub struct PublishForm {
    version: i64,
    #[serde(default)]
    changelog: String,
}

/// `POST /central/templates/{key}/versions/{n}/publish`: publishes the draft with its
/// changelog (the domain validates the whole version first).
pub async fn publish(posted: Posted<PublishForm>, path: web::Path<(String, String)>) -> PageResult {
    let signed = posted.guard.clone();
    require_central(&signed)?;
    let (key, number) = path.into_inner();
    let number: i32 = number
        .parse()
        .map_err(|_| PageError::NotFound(signed.lang))?;
    let PublishForm { version, changelog } = posted.form;
    let (k, text) = (key.clone(), changelog.clone());
    let result = signed
        .block(move |state, actor, _| {
            audit::write(&state.pool, actor, |tx| {
                let template = templates::find_by_key(tx.conn(), actor, &k)?;
                templates::publish(tx, &template, number, version, &text)
            })
        })
        .await?;
    match result {
        Ok(_) => Ok(redirect(&format!("/central/templates/{key}"))),
        Err(AppError::Validation { message, .. }) => {
            review_page(
                &signed,
                StatusCode::UNPROCESSABLE_ENTITY,
                (key, number),
                &changelog,
                Some(message),
            )
            .await
        }
        Err(AppError::Conflict(_)) => {
            let message = crate::i18n::text(signed.lang, "central-stale-draft");
            review_page(
                &signed,
                StatusCode::CONFLICT,
                (key, number),
                &changelog,
                Some(message),
            )
            .await
        }
        Err(e) => Err(PageError::from_app(signed.lang, e)),
    }
}

#[derive(Deserialize)]
pub struct WithdrawForm {
    version: i64,
}

/// `POST /central/templates/{key}/versions/{n}/withdraw`: no new adoptions of the version;
/// it stays readable.
pub async fn withdraw(
    posted: Posted<WithdrawForm>,
    path: web::Path<(String, String)>,
) -> PageResult {
    let signed = posted.guard.clone();
    require_central(&signed)?;
    let (key, number) = path.into_inner();
    let number: i32 = number
        .parse()
        .map_err(|_| PageError::NotFound(signed.lang))?;
    let version = posted.form.version;
    let k = key.clone();
    signed
        .load(move |state, actor, _| {
            audit::write(&state.pool, actor, |tx| {
                let template = templates::find_by_key(tx.conn(), actor, &k)?;
                templates::withdraw(tx, &template, number, version)
            })
        })
        .await?;
    Ok(redirect(&format!("/central/templates/{key}")))
}

/// `POST /central/templates/{key}/drafts`: a new draft, a copy of the latest published version.
pub async fn new_draft(
    posted: Posted<Vec<(String, String)>>,
    path: web::Path<String>,
) -> PageResult {
    let signed = posted.guard.clone();
    require_central(&signed)?;
    let key = path.into_inner();
    let k = key.clone();
    let draft = signed
        .load(move |state, actor, _| {
            audit::write(&state.pool, actor, |tx| {
                let template = templates::find_by_key(tx.conn(), actor, &k)?;
                templates::create_draft(tx, &template)
            })
        })
        .await?;
    Ok(redirect(&format!(
        "/central/templates/{key}/versions/{}",
        draft.number
    )))
}

/// `GET /central/templates/{key}/versions/{n}/export.json`: the documented interchange file.
pub async fn export(signed: SignedIn, path: web::Path<(String, i32)>) -> PageResult {
    require_central(&signed)?;
    let (key, number) = path.into_inner();
    let k = key.clone();
    let body = signed
        .load(move |_, actor, conn| {
            let template = templates::find_by_key(conn, actor, &k)?;
            if template.owner_org_id != actor.org_id {
                return Err(AppError::not_found("template"));
            }
            let version = templates::version(conn, actor, &template, number)?;
            let document = templates::export_document(&template, &version)?;
            Ok(crate::domain::interchange::render(&document))
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("application/json; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{key}-v{number}.json\""),
        ))
        .insert_header(("Cache-Control", "no-store"))
        .body(body))
}

#[derive(Deserialize)]
pub struct ImportForm {
    /// The uploaded file (a multipart form), or
    #[serde(default)]
    file: String,
    /// the pasted text when no file was chosen.
    #[serde(default)]
    document: String,
}

/// `POST /central/import`: the uploaded (or pasted) interchange document becomes a new draft (of a new
/// template, or of one this central body owns); a malformed document is refused whole, with
/// the reason on the page and the text kept.
pub async fn import(posted: Posted<ImportForm>) -> PageResult {
    let signed = posted.guard.clone();
    require_central(&signed)?;
    let ImportForm { file, document } = posted.form;
    let document = if file.trim().is_empty() {
        document
    } else {
        file
    };
    let text = document.clone();
    let result = signed
        .block(move |state, actor, _| {
            let parsed = crate::domain::interchange::parse(text.as_bytes())
                .map_err(|e| AppError::validation("document", e.to_string()))?;
            audit::write(&state.pool, actor, |tx| {
                templates::import_document(tx, &parsed)
            })
        })
        .await?;
    match result {
        Ok((template, version)) => Ok(redirect(&format!(
            "/central/templates/{}/versions/{}",
            template.key, version.number
        ))),
        Err(e @ (AppError::Validation { .. } | AppError::Conflict(_))) => {
            let message = match e {
                AppError::Validation { message, .. } => message,
                other => other.to_string(),
            };
            let rows = signed
                .load(move |_, actor, conn| {
                    let mut rows = Vec::new();
                    for template in templates::list(conn, actor)? {
                        if template.owner_org_id == actor.org_id {
                            rows.push(super::templates::template_row(conn, actor, &template)?);
                        }
                    }
                    Ok(rows)
                })
                .await?;
            render_status(
                &signed.chrome,
                StatusCode::UNPROCESSABLE_ENTITY,
                "web/central/templates.html",
                context! {
                    rows => Serde(rows),
                    min_group => crate::domain::disclosure::MIN_GROUP,
                    may_write => true,
                    import_error => Some(message),
                    import_text => document,
                },
            )
        }
        Err(e) => Err(PageError::from_app(signed.lang, e)),
    }
}
