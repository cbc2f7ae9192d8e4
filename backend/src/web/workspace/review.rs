//! Screen 11 of issue 15: the supervisory authority's review findings on this assessment
//! (severity, status, text, who and when, the item it is about linked to its form), and the
//! controller's answer form. The answer is the API's `answerReviewFinding`
//! (`store::reviews::respond`), so the authority's notice follows as it does there. A form
//! read before someone else answered shows the person's answer beside the current one.

use actix_web::http::StatusCode;
use actix_web::web;
use minijinja::context;
use minijinja::value::Serde;
use serde::{Deserialize, Serialize};

use super::{load, Head};
use crate::audit;
use crate::context::OrgKind;
use crate::error::{AppError, AppResult};
use crate::store::assessments as store;
use crate::store::reviews::{self, ReviewFinding};
use crate::web::authority::rows::titles;
use crate::web::csrf::Posted;
use crate::web::errors::{redirect, PageError, PageResult};
use crate::web::render::render_status;
use crate::web::session::SignedIn;

#[derive(Serialize)]
struct FindingRow {
    id: String,
    item_key: Option<String>,
    item_title: Option<String>,
    severity: String,
    comment: String,
    status: String,
    answer: Option<String>,
    created_at: String,
    version: i64,
}

fn rows(
    conn: &mut crate::store::DbConnection,
    actor: &crate::context::Actor,
    id: &str,
) -> AppResult<Vec<FindingRow>> {
    let row = store::find(conn, actor, id)?;
    let (_, base) = store::base_of(conn, &row)?;
    let titles = titles(&base);
    Ok(reviews::for_assessment(conn, &row)?
        .into_iter()
        .map(|f: ReviewFinding| FindingRow {
            item_title: f.item_key.as_ref().and_then(|k| titles.get(k).cloned()),
            id: f.id,
            item_key: f.item_key,
            severity: f.severity,
            comment: f.comment,
            status: f.status,
            answer: f.answer,
            created_at: f.created_at.format("%Y-%m-%d %H:%M").to_string(),
            version: f.version,
        })
        .collect())
}

/// An answer as posted (kept when refused or stale).
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct AnswerForm {
    #[serde(default)]
    version: i64,
    #[serde(default)]
    answer: String,
}

#[derive(Default)]
struct Answer {
    status: Option<StatusCode>,
    /// The finding the posted answer is for, and the answer.
    finding: Option<String>,
    input: Option<AnswerForm>,
    error: Option<String>,
    stale: bool,
}

async fn page(signed: &SignedIn, id: String, answer: Answer) -> PageResult {
    let loaded = load(signed, id.clone()).await?;
    let head: Head = loaded.head;
    let findings = signed
        .load(move |_, actor, conn| rows(conn, actor, &id))
        .await?;
    // Only the controller answers; the authority reads its findings here as the controller does.
    let may_answer = head.may_write && signed.actor().org_kind == OrgKind::Controller;
    render_status(
        &signed.chrome,
        answer.status.unwrap_or(StatusCode::OK),
        "web/review.html",
        context! {
            head => Serde(&head),
            findings => Serde(&findings),
            may_answer => may_answer,
            posted_for => answer.finding,
            input => answer.input.map(Serde),
            error => answer.error,
            stale => answer.stale,
        },
    )
}

/// `GET /assessments/{id}/review`.
pub async fn review(signed: SignedIn, id: web::Path<String>) -> PageResult {
    page(&signed, id.into_inner(), Answer::default()).await
}

/// `POST /assessments/{id}/review/{finding}/answer`: the controller's answer.
pub async fn answer(posted: Posted<AnswerForm>, path: web::Path<(String, String)>) -> PageResult {
    let signed = posted.guard.clone();
    let (id, finding) = path.into_inner();
    let input = posted.form;
    let (assessment, target, form) = (id.clone(), finding.clone(), input.clone());
    let result = signed
        .block(move |state, actor, _| {
            audit::write(&state.pool, actor, |tx| {
                let answered =
                    reviews::respond(tx, &target, form.version, Some(&form.answer), false)?;
                if answered.assessment_id.as_deref() != Some(assessment.as_str()) {
                    return Err(AppError::not_found("review finding"));
                }
                Ok(answered)
            })
        })
        .await?;
    let kept = |status, error: Option<String>, stale| Answer {
        status: Some(status),
        finding: Some(finding.clone()),
        input: Some(input.clone()),
        error,
        stale,
    };
    match result {
        Ok(_) => Ok(redirect(&format!(
            "/assessments/{id}/review#finding-{finding}"
        ))),
        Err(AppError::Validation { .. }) => {
            let message = crate::i18n::text(signed.lang, "approve-answer-required");
            let answer = kept(StatusCode::UNPROCESSABLE_ENTITY, Some(message), false);
            page(&signed, id, answer).await
        }
        Err(AppError::Conflict(_)) => {
            page(&signed, id, kept(StatusCode::CONFLICT, None, true)).await
        }
        Err(e) => Err(PageError::from_app(signed.lang, e)),
    }
}
