//! Screen 1: the central body's templates and codes of conduct, each with its versions
//! (draft, published, withdrawn) and the number of adopters per version — shown under the
//! small-group rule, and saying so where a count is held back.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::web;
use minijinja::context;
use minijinja::value::Serde;
use serde::Serialize;

use super::require_central;
use super::thresholds::Thresholds;
use crate::context::Actor;
use crate::domain::disclosure;
use crate::error::AppResult;
use crate::store::templates::{self, Template};
use crate::store::{adherences, DbConnection};
use crate::web::errors::PageResult;
use crate::web::render::{render, render_status};
use crate::web::session::SignedIn;

#[derive(Serialize)]
pub struct VersionRow {
    pub number: i32,
    pub status: String,
    pub published_at: Option<String>,
    pub changelog: Option<String>,
    /// Adopters pinned to this version; `None` when held back by the small-group rule.
    pub adopters: Option<usize>,
    pub version: i64,
}

#[derive(Serialize)]
pub struct TemplateRow {
    pub key: String,
    pub title: String,
    pub kind: String,
    pub total_adopters: usize,
    /// Whether any count of this template is held back (the page says why).
    pub withheld: bool,
    pub has_draft: bool,
    pub versions: Vec<VersionRow>,
}

/// Adopters (DPIA) or adherents (code) per version number, for a template this central body
/// owns: counts only, read the way the adopter overview reads them.
fn per_version(
    conn: &mut DbConnection,
    actor: &Actor,
    template: &Template,
) -> AppResult<BTreeMap<i32, usize>> {
    let mut counts = BTreeMap::new();
    if template.kind == "CODE_OF_CONDUCT" {
        let (_, _, rows) = adherences::adherents(conn, actor, &template.key)?;
        for (_, a) in rows {
            *counts.entry(a.code_version).or_default() += 1;
        }
    } else {
        let adopters = crate::store::overview::load(conn, actor, &template.key)?;
        for (_, head) in adopters.assessments {
            *counts.entry(head.base_version).or_default() += 1;
        }
    }
    Ok(counts)
}

/// One of the actor's own templates with its versions and disclosed adopter counts.
pub fn template_row(
    conn: &mut DbConnection,
    actor: &Actor,
    template: &Template,
) -> AppResult<TemplateRow> {
    let versions = templates::versions(conn, actor, template)?;
    let counts = per_version(conn, actor, template)?;
    let total: usize = counts.values().sum();
    let raw: Vec<usize> = versions
        .iter()
        .map(|v| counts.get(&v.number).copied().unwrap_or(0))
        .collect();
    let shown = disclosure::partition(&raw, total);
    let withheld = shown.iter().any(Option::is_none);
    Ok(TemplateRow {
        key: template.key.clone(),
        title: template.title.clone(),
        kind: template.kind.clone(),
        total_adopters: total,
        withheld,
        has_draft: versions.iter().any(|v| v.status == "DRAFT"),
        versions: versions
            .iter()
            .zip(shown)
            .map(|(v, adopters)| VersionRow {
                number: v.number,
                status: v.status.clone(),
                published_at: v.published_at.map(|t| t.date().to_string()),
                changelog: v.changelog.clone(),
                adopters,
                version: v.version,
            })
            .collect(),
    })
}

/// `GET /central/templates`: the central body's own templates and codes.
pub async fn list(signed: SignedIn) -> PageResult {
    require_central(&signed)?;
    let rows = signed
        .load(move |_, actor, conn| {
            let mut rows = Vec::new();
            for template in templates::list(conn, actor)? {
                if template.owner_org_id == actor.org_id {
                    rows.push(template_row(conn, actor, &template)?);
                }
            }
            Ok(rows)
        })
        .await?;
    let may_write = signed.actor().role.may_write();
    render(
        &signed.chrome,
        "web/central/templates.html",
        context! {
            rows => Serde(rows),
            min_group => disclosure::MIN_GROUP,
            may_write => may_write,
            import_error => Option::<String>::None,
            import_text => "",
        },
    )
}

/// `GET /central/templates/{key}`: one template, its versions and what may be done with each,
/// and its check thresholds.
pub async fn page(signed: SignedIn, path: web::Path<String>) -> PageResult {
    require_central(&signed)?;
    show(&signed, StatusCode::OK, path.into_inner(), None, None).await
}

/// The template's page; after a refused thresholds form, with the person's input and the
/// message beside the field it names.
pub async fn show(
    signed: &SignedIn,
    status: StatusCode,
    key: String,
    input: Option<Thresholds>,
    error: Option<(String, String)>,
) -> PageResult {
    let (row, stored) = signed
        .load(move |_, actor, conn| {
            let template = templates::find_by_key(conn, actor, &key)?;
            if template.owner_org_id != actor.org_id {
                return Err(crate::error::AppError::not_found("template"));
            }
            let stored = Thresholds::from(&template.check_settings());
            Ok((template_row(conn, actor, &template)?, stored))
        })
        .await?;
    let may_write = signed.actor().role.may_write();
    let (error_field, error) = error.unzip();
    render_status(
        &signed.chrome,
        status,
        "web/central/template.html",
        context! {
            row => Serde(row),
            min_group => disclosure::MIN_GROUP,
            may_write => may_write,
            checks => Serde(input.unwrap_or(stored)),
            error_field => error_field,
            error => error,
        },
    )
}
