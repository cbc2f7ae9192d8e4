//! Screen 8, one assessment under review: its departures from the base (grouped, filterable
//! by kind, level and scope), the authority's review findings with the controller's answers,
//! and the forms to record a finding (on a row or the whole assessment) and to close one.

use actix_web::http::StatusCode;
use actix_web::web;
use minijinja::context;
use minijinja::value::Serde;
use serde::{Deserialize, Serialize};

use super::require_authority;
use super::rows::{self, Group};
use crate::audit;
use crate::domain::assessment::{diff_against_base, effective, DiffFilter};
use crate::domain::risk_model::RiskLevel;
use crate::domain::template::{ItemKey, ItemKind};
use crate::error::{AppError, AppResult};
use crate::store::reviews::{self, ReviewFinding, Subject};
use crate::store::{assessments, organisations, DbConnection};
use crate::web::csrf::Posted;
use crate::web::errors::{redirect, PageError, PageResult};
use crate::web::render::render_status;
use crate::web::session::SignedIn;

pub const KINDS: &[&str] = &[
    "SCOPE",
    "PROCESSING_ACTIVITY",
    "DATA_SUBJECT_CATEGORY",
    "DATA_CATEGORY",
    "RECIPIENT",
    "NECESSITY_QUESTION",
    "RISK",
    "RECOMMENDATION",
];
pub const LEVELS: &[&str] = &["HIGH", "MEDIUM", "LOW"];
pub const SEVERITIES: &[&str] = &["ERROR", "WARNING", "INFO"];

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct ReviewQuery {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub level: String,
    #[serde(default)]
    pub scope: String,
    /// The row a new finding is to be about (preselected in the form).
    #[serde(default)]
    pub item: String,
}

impl ReviewQuery {
    fn filter(&self) -> DiffFilter {
        let parse = |s: &str| serde_json::Value::String(s.to_string());
        DiffFilter {
            changes: Vec::new(),
            item_kinds: serde_json::from_value::<ItemKind>(parse(&self.kind))
                .ok()
                .into_iter()
                .collect(),
            scope: ItemKey::parse(&self.scope).ok(),
            level: serde_json::from_value::<RiskLevel>(parse(&self.level)).ok(),
        }
    }
}

#[derive(Serialize)]
struct FindingRow {
    id: String,
    item_key: Option<String>,
    item_title: Option<String>,
    severity: String,
    comment: String,
    status: String,
    answer: Option<String>,
    created_by: String,
    created_at: String,
    version: i64,
}

#[derive(Serialize)]
pub struct Review {
    id: String,
    title: String,
    organisation: String,
    template_title: String,
    base_version: i32,
    status: String,
    groups: Vec<Group>,
    shown: usize,
    total: usize,
    scopes: Vec<(String, String)>,
    /// Every item a finding may name: (key, title), departures first.
    items: Vec<(String, String)>,
    findings: Vec<FindingRow>,
}

fn load(
    conn: &mut DbConnection,
    actor: &crate::context::Actor,
    id: &str,
    q: &ReviewQuery,
) -> AppResult<Review> {
    let row = assessments::find(conn, actor, id)?;
    let (template, base) = assessments::base_of(conn, &row)?;
    let organisation = organisations::find(conn, actor, &row.org_id)?.name;
    let effective = effective(&base, &row.local()?);
    let all = diff_against_base(&effective, &DiffFilter::default());
    let filter = q.filter();
    let shown: Vec<_> = all.iter().filter(|d| filter.admits(d)).cloned().collect();
    let titles = rows::titles(&base);
    let mut items: Vec<(String, String)> = Vec::new();
    for d in &all {
        let key = d.item_key.to_string();
        if !items.iter().any(|(k, _)| *k == key) {
            let title = titles.get(&key).cloned().unwrap_or_else(|| key.clone());
            items.push((key, title));
        }
    }
    let findings = reviews::for_assessment(conn, &row)?
        .into_iter()
        .map(|f: ReviewFinding| FindingRow {
            item_title: f.item_key.as_ref().and_then(|k| titles.get(k).cloned()),
            id: f.id,
            item_key: f.item_key,
            severity: f.severity,
            comment: f.comment,
            status: f.status,
            answer: f.answer,
            created_by: f.created_by,
            created_at: f.created_at.format("%Y-%m-%d %H:%M").to_string(),
            version: f.version,
        })
        .collect();
    Ok(Review {
        groups: rows::grouped(&shown, &titles),
        shown: shown.len(),
        total: all.len(),
        scopes: base
            .scopes
            .iter()
            .map(|s| (s.key.to_string(), s.title.clone()))
            .collect(),
        items,
        findings,
        id: row.id,
        title: row.title,
        organisation,
        template_title: template.title,
        base_version: row.base_version,
        status: row.status,
    })
}

/// What a refused finding form brings back: the person's input and the message.
#[derive(Default, Serialize)]
struct Draft {
    item_key: String,
    severity: String,
    comment: String,
    error_field: Option<String>,
    error: Option<String>,
}

async fn review_page(
    signed: &SignedIn,
    id: String,
    q: ReviewQuery,
    status: StatusCode,
    draft: Draft,
) -> PageResult {
    require_authority(signed)?;
    let query = q.clone();
    let review = signed
        .load(move |_, actor, conn| load(conn, actor, &id, &query))
        .await?;
    let may_write = signed.actor().role.may_write();
    let draft = Draft {
        item_key: if draft.item_key.is_empty() {
            q.item.clone()
        } else {
            draft.item_key
        },
        ..draft
    };
    render_status(
        &signed.chrome,
        status,
        "web/authority/review.html",
        context! {
            review => Serde(review),
            q => Serde(&q),
            kinds => Serde(KINDS),
            levels => Serde(LEVELS),
            severities => Serde(SEVERITIES),
            draft => Serde(draft),
            may_write => may_write,
        },
    )
}

/// `GET /authority/assessments/{id}?kind=&level=&scope=&item=`.
pub async fn page(
    signed: SignedIn,
    path: web::Path<String>,
    query: web::Query<ReviewQuery>,
) -> PageResult {
    review_page(
        &signed,
        path.into_inner(),
        query.into_inner(),
        StatusCode::OK,
        Draft::default(),
    )
    .await
}

#[derive(Deserialize)]
pub struct FindingForm {
    #[serde(default)]
    item_key: String,
    #[serde(default)]
    severity: String,
    #[serde(default)]
    comment: String,
}

/// `POST /authority/assessments/{id}/findings`: records a finding through `store::reviews`
/// (the same call and audit entry as the API's `recordReviewFinding`).
pub async fn record(posted: Posted<FindingForm>, path: web::Path<String>) -> PageResult {
    let signed = posted.guard.clone();
    require_authority(&signed)?;
    let id = path.into_inner();
    let form = posted.form;
    let (assessment, item, severity, comment) = (
        id.clone(),
        form.item_key.clone(),
        form.severity.clone(),
        form.comment.clone(),
    );
    let result = signed
        .block(move |state, actor, _| {
            audit::write(&state.pool, actor, |tx| {
                let item = Some(item.as_str()).filter(|k| !k.is_empty());
                reviews::record(
                    tx,
                    Subject::Assessment(&assessment),
                    item,
                    &severity,
                    &comment,
                )
            })
        })
        .await?;
    match result {
        Ok(_) => Ok(redirect(&format!("/authority/assessments/{id}#findings"))),
        Err(AppError::Validation { field, message, .. }) => {
            let draft = Draft {
                item_key: form.item_key,
                severity: form.severity,
                comment: form.comment,
                error_field: Some(field),
                error: Some(message),
            };
            review_page(
                &signed,
                id,
                ReviewQuery::default(),
                StatusCode::UNPROCESSABLE_ENTITY,
                draft,
            )
            .await
        }
        Err(e) => Err(PageError::from_app(signed.lang, e)),
    }
}

#[derive(Deserialize)]
pub struct CloseForm {
    version: i64,
}

/// `POST /authority/assessments/{id}/findings/{finding}/close`: closes a finding (the API's
/// `respondToReviewFinding` with `close`). A stale version answers the page again, unchanged.
pub async fn close(posted: Posted<CloseForm>, path: web::Path<(String, String)>) -> PageResult {
    let signed = posted.guard.clone();
    require_authority(&signed)?;
    let (id, finding) = path.into_inner();
    let version = posted.form.version;
    let assessment = id.clone();
    let result = signed
        .block(move |state, actor, _| {
            audit::write(&state.pool, actor, |tx| {
                let found = reviews::respond(tx, &finding, version, None, true)?;
                if found.assessment_id.as_deref() != Some(assessment.as_str()) {
                    return Err(AppError::not_found("review finding"));
                }
                Ok(found)
            })
        })
        .await?;
    match result {
        Ok(_) => Ok(redirect(&format!("/authority/assessments/{id}#findings"))),
        Err(AppError::Conflict(_)) => {
            let draft = Draft {
                error_field: Some("findings".into()),
                error: Some(crate::i18n::text(signed.lang, "authority-finding-stale")),
                ..Draft::default()
            };
            review_page(
                &signed,
                id,
                ReviewQuery::default(),
                StatusCode::CONFLICT,
                draft,
            )
            .await
        }
        Err(e) => Err(PageError::from_app(signed.lang, e)),
    }
}
