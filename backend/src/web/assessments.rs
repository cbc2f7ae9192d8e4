//! Screens 2 and 3: the list of one's assessments, and adopting a published template.

use actix_web::http::StatusCode;
use actix_web::web;
use minijinja::context;
use minijinja::value::Serde;
use serde::{Deserialize, Serialize};

use super::csrf::Posted;
use super::errors::{redirect, PageError, PageResult};
use super::render::{render, render_status};
use super::session::SignedIn;
use crate::audit;
use crate::context::{Actor, OrgKind};
use crate::domain::assessment::effective;
use crate::domain::checks::{run_checks, Severity};
use crate::domain::template::DpiaContent;
use crate::error::{AppError, AppResult};
use crate::store::assessments as store;
use crate::store::{organisations, templates, DbConnection};

/// Most assessments listed on one page (a controller has a handful; the authority's desk with
/// paging is issue 16).
const LIST_LIMIT: i64 = 500;

#[derive(Serialize)]
struct Row {
    id: String,
    title: String,
    status: String,
    organisation: Option<String>,
    template_title: String,
    base_version: i32,
    newer_version: Option<i32>,
    errors: usize,
    warnings: usize,
    next_review: Option<String>,
    last_approval: Option<String>,
}

fn rows(conn: &mut DbConnection, actor: &Actor, today: chrono::NaiveDate) -> AppResult<Vec<Row>> {
    let show_org = actor.org_kind == OrgKind::SupervisoryAuthority;
    let mut rows = Vec::new();
    for row in store::list(conn, actor, None, LIST_LIMIT)? {
        let (template, base) = store::base_of(conn, &row)?;
        let effective = effective(&base, &row.local()?);
        let findings = run_checks(&effective, &template.check_settings(), today);
        let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
        let newer_version = templates::versions(conn, actor, &template)?
            .into_iter()
            .filter(|v| v.status == "PUBLISHED" && v.number > row.base_version)
            .map(|v| v.number)
            .max();
        let last_approval = store::revisions(conn, &row)?
            .last()
            .map(|r| r.approved_at.date().to_string());
        let organisation = if show_org {
            Some(organisations::find(conn, actor, &row.org_id)?.name)
        } else {
            None
        };
        rows.push(Row {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            next_review: effective.sign_offs.next_review_on.map(|d| d.to_string()),
            id: row.id,
            title: row.title,
            status: row.status,
            organisation,
            template_title: template.title,
            base_version: row.base_version,
            newer_version,
            last_approval,
        });
    }
    rows.sort_by(|a, b| a.title.cmp(&b.title));
    Ok(rows)
}

/// `GET /assessments`: title, status, base and version, a newer version, open errors and
/// warnings, next review, last approval.
pub async fn list(signed: SignedIn) -> PageResult {
    let today = signed.state.today();
    let rows = signed
        .load(move |_, actor, conn| rows(conn, actor, today))
        .await?;
    let may_adopt = may_adopt(signed.actor());
    render(
        &signed.chrome,
        "web/assessments.html",
        context! { rows => Serde(rows), may_adopt => may_adopt },
    )
}

fn may_adopt(actor: &Actor) -> bool {
    actor.org_kind == OrgKind::Controller && actor.role.may_write()
}

/// A published DPIA template version one may adopt.
#[derive(Serialize)]
struct Choice {
    value: String,
    template_key: String,
    template_title: String,
    version: i32,
    published_at: Option<String>,
}

/// What adopting a version inherits, per section.
#[derive(Serialize)]
struct Inherited {
    scopes: usize,
    activities: usize,
    recipients: usize,
    to_complete: usize,
    necessity_questions: usize,
    risks: usize,
    recommendations: usize,
}

impl Inherited {
    fn of(content: &DpiaContent) -> Self {
        Inherited {
            scopes: content.scopes.len(),
            activities: content.activities.len(),
            recipients: content.activities.iter().map(|a| a.recipients.len()).sum(),
            to_complete: content
                .activities
                .iter()
                .map(|a| a.to_be_completed_by_adopter.len())
                .sum(),
            necessity_questions: content.necessity_questions.len(),
            risks: content.risks.len(),
            recommendations: content.recommendations.len(),
        }
    }
}

fn choices(conn: &mut DbConnection, actor: &Actor) -> AppResult<Vec<Choice>> {
    let mut out = Vec::new();
    for template in templates::list(conn, actor)? {
        if template.kind != "DPIA" {
            continue;
        }
        let mut versions = templates::versions(conn, actor, &template)?;
        versions.sort_by_key(|v| std::cmp::Reverse(v.number));
        for v in versions.into_iter().filter(|v| v.status == "PUBLISHED") {
            out.push(Choice {
                value: format!("{}@{}", template.key, v.number),
                template_key: template.key.clone(),
                template_title: template.title.clone(),
                version: v.number,
                published_at: v.published_at.map(|t| t.date().to_string()),
            });
        }
    }
    Ok(out)
}

fn parse_choice(value: &str) -> Option<(String, i32)> {
    let (key, version) = value.rsplit_once('@')?;
    Some((key.to_string(), version.parse().ok()?))
}

fn inherited(conn: &mut DbConnection, actor: &Actor, choice: &str) -> AppResult<Option<Inherited>> {
    let Some((key, number)) = parse_choice(choice) else {
        return Ok(None);
    };
    let template = templates::find_by_key(conn, actor, &key)?;
    let version = templates::version(conn, actor, &template, number)?;
    Ok(Some(Inherited::of(&*store::dpia_of(&version)?)))
}

#[derive(Deserialize)]
pub struct AdoptQuery {
    choice: Option<String>,
}

/// `GET /assessments/new?choice=key@version`: choose a template and version and see what the
/// new assessment will inherit.
pub async fn adopt_form(signed: SignedIn, query: web::Query<AdoptQuery>) -> PageResult {
    if !may_adopt(signed.actor()) {
        return Err(PageError::NotFound(signed.lang));
    }
    adopt_page(&signed, StatusCode::OK, query.into_inner().choice, "", None).await
}

async fn adopt_page(
    signed: &SignedIn,
    status: StatusCode,
    choice: Option<String>,
    title: &str,
    error: Option<(String, String)>,
) -> PageResult {
    let chosen = choice.clone();
    let (choices, inherited) = signed
        .load(move |_, actor, conn| {
            let choices = choices(conn, actor)?;
            let chosen = chosen.or_else(|| choices.first().map(|c| c.value.clone()));
            let inherited = match chosen {
                Some(c) if choices.iter().any(|x| x.value == c) => inherited(conn, actor, &c)?,
                _ => None,
            };
            Ok((choices, inherited))
        })
        .await?;
    let selected = choice.or_else(|| choices.first().map(|c| c.value.clone()));
    let (error_field, error) = error.unzip();
    render_status(
        &signed.chrome,
        status,
        "web/adopt.html",
        context! {
            choices => Serde(choices),
            selected => selected,
            inherited => Serde(inherited),
            title => title,
            error_field => error_field,
            error => error,
        },
    )
}

#[derive(Deserialize)]
pub struct AdoptForm {
    choice: String,
    #[serde(default)]
    title: String,
}

/// `POST /assessments/new`: adopts the chosen version (the same store call and audit entry as
/// the API's `adoptTemplate`) and opens the new assessment.
pub async fn adopt(posted: Posted<AdoptForm>) -> PageResult {
    let signed = posted.guard.clone();
    if !may_adopt(signed.actor()) {
        return Err(PageError::NotFound(signed.lang));
    }
    let form = posted.form;
    let Some((key, version)) = parse_choice(&form.choice) else {
        let message = crate::i18n::text(signed.lang, "adopt-choose");
        return adopt_page(
            &signed,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            &form.title,
            Some(("choice".into(), message)),
        )
        .await;
    };
    let title = form.title.clone();
    let result = signed
        .block(move |state, actor, _| {
            audit::write(&state.pool, actor, |tx| {
                store::adopt(tx, &key, version, &title)
            })
        })
        .await?;
    match result {
        Ok(row) => Ok(redirect(&format!("/assessments/{}", row.id))),
        Err(AppError::Conflict(_)) => {
            let message = crate::i18n::text(signed.lang, "adopt-already");
            adopt_page(
                &signed,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(form.choice),
                &form.title,
                Some(("choice".into(), message)),
            )
            .await
        }
        Err(AppError::Validation { field, message, .. }) => {
            adopt_page(
                &signed,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(form.choice),
                &form.title,
                Some((field, message)),
            )
            .await
        }
        Err(e) => Err(PageError::from_app(signed.lang, e)),
    }
}
