//! Screen 7 of issue 15: every recommendation with its obligation (SKAL/BØR) and the answer's
//! status, a filter for the unanswered ones, and the answer form: implemented, partially,
//! planned with a due date, an alternative, or not applicable, with its justification and the
//! measures that implement it (links held on the measures, so they are measure writes in the
//! same batch).

use actix_web::http::StatusCode;
use actix_web::web;
use minijinja::context;
use minijinja::value::Serde;
use serde::{Deserialize, Serialize};

use super::form::FieldError;
use super::risk_form::link_changes;
use super::risk_view::provenance_of;
use super::risks::Choice;
use super::write::{write, Refusal};
use super::{load, Loaded};
use crate::domain::assessment::{
    AssessmentCommand, EffectiveAssessment, EffectiveRecommendation, RecommendationResponse,
    ResponseKind,
};
use crate::domain::template::Obligation;
use crate::web::csrf::Posted;
use crate::web::errors::{redirect, PageError, PageResult};
use crate::web::render::render_status;
use crate::web::session::SignedIn;

#[derive(Debug, Default, Deserialize)]
pub struct RecQuery {
    #[serde(default)]
    unanswered: String,
}

#[derive(Serialize)]
struct RecRow {
    key: String,
    title: String,
    obligation: &'static str,
    provenance: &'static str,
    status: &'static str,
    measures: usize,
}

fn obligation(o: Obligation) -> &'static str {
    match o {
        Obligation::Must => "MUST",
        Obligation::Should => "SHOULD",
    }
}

fn row(r: &EffectiveRecommendation) -> RecRow {
    RecRow {
        key: r.recommendation.key.to_string(),
        title: r.recommendation.value.title.clone(),
        obligation: obligation(r.recommendation.value.obligation),
        provenance: provenance_of(&r.recommendation.provenance),
        status: r.status.as_str(),
        measures: r.measures.len(),
    }
}

/// `GET /assessments/{id}/recommendations[?unanswered=1]`.
pub async fn recommendations(
    signed: SignedIn,
    id: web::Path<String>,
    query: web::Query<RecQuery>,
) -> PageResult {
    let Loaded {
        head, effective, ..
    } = load(&signed, id.into_inner()).await?;
    let unanswered = query.unanswered == "1";
    let rows: Vec<RecRow> = (effective.recommendations.iter())
        .filter(|r| !unanswered || r.response.is_none())
        .map(row)
        .collect();
    let open = (effective.recommendations.iter())
        .filter(|r| r.response.is_none())
        .count();
    render_status(
        &signed.chrome,
        StatusCode::OK,
        "web/recommendations.html",
        context! {
            head => Serde(head),
            rows => Serde(rows),
            unanswered => unanswered,
            open => open,
            all => effective.recommendations.len(),
        },
    )
}

/// What the answer form posted.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ResponseInput {
    pub version: i64,
    pub response: String,
    pub due: String,
    pub justification: String,
    pub measures: Vec<String>,
}

impl ResponseInput {
    fn of(r: &EffectiveRecommendation, version: i64) -> Self {
        let response = r.response.as_ref();
        ResponseInput {
            version,
            response: response
                .map(|x| x.response.status().as_str().to_owned())
                .unwrap_or_default(),
            due: match response.map(|x| x.response) {
                Some(ResponseKind::Planned { due }) => due.to_string(),
                _ => String::new(),
            },
            justification: (response.and_then(|x| x.justification.clone())).unwrap_or_default(),
            measures: r.measures.iter().map(|m| m.key.to_string()).collect(),
        }
    }

    fn from_pairs(pairs: &[(String, String)]) -> Self {
        let mut input = ResponseInput::default();
        for (name, value) in pairs {
            match name.as_str() {
                "version" => input.version = value.trim().parse().unwrap_or_default(),
                "response" => input.response = value.clone(),
                "due" => input.due = value.clone(),
                "justification" => input.justification = value.clone(),
                "measures" => input.measures.push(value.clone()),
                _ => {}
            }
        }
        input
    }
}

/// The answers a person can give, in the order the form lists them.
pub const RESPONSES: [&str; 5] = [
    "IMPLEMENTED",
    "PARTIALLY_IMPLEMENTED",
    "PLANNED",
    "ALTERNATIVE",
    "NOT_APPLICABLE",
];

fn refuse(field: &str, message: &str) -> FieldError {
    FieldError {
        field: field.into(),
        message: message.into(),
    }
}

/// The commands of a posted answer form: measures gaining the link first (the answer may rely
/// on them), the answer (or its withdrawal), measures losing the link last.
pub fn response_commands(
    effective: &EffectiveAssessment,
    r: &EffectiveRecommendation,
    input: &ResponseInput,
) -> Result<Vec<AssessmentCommand>, FieldError> {
    let key = &r.recommendation.key;
    let justification = Some(input.justification.trim().to_owned()).filter(|j| !j.is_empty());
    let kind = match input.response.as_str() {
        "" => None,
        "IMPLEMENTED" => Some(ResponseKind::Implemented),
        "PARTIALLY_IMPLEMENTED" => Some(ResponseKind::PartiallyImplemented),
        "PLANNED" => {
            let due = chrono::NaiveDate::parse_from_str(input.due.trim(), "%Y-%m-%d")
                .map_err(|_| refuse("due", "recs-due-required"))?;
            Some(ResponseKind::Planned { due })
        }
        "ALTERNATIVE" => Some(ResponseKind::Alternative),
        "NOT_APPLICABLE" => Some(ResponseKind::NotApplicable),
        _ => return Err(refuse("response", "recs-choose-response")),
    };
    let answer = match kind {
        None if r.response.is_some() => vec![AssessmentCommand::ClearResponse {
            recommendation_key: key.clone(),
        }],
        None => Vec::new(),
        Some(response) => {
            let new = RecommendationResponse {
                recommendation_key: key.clone(),
                response,
                justification,
            };
            if r.response.as_ref() == Some(&new) {
                Vec::new()
            } else {
                vec![AssessmentCommand::SetResponse(new)]
            }
        }
    };
    let (gain, lose) = link_changes(&effective.measures, key, &input.measures, |m| {
        &mut m.implements
    });
    Ok(gain.into_iter().chain(answer).chain(lose).collect())
}

#[allow(clippy::too_many_arguments)]
async fn response_page(
    signed: &SignedIn,
    status: StatusCode,
    id: String,
    key: String,
    input: Option<ResponseInput>,
    error: Option<FieldError>,
    stale: bool,
    saved: bool,
) -> PageResult {
    let Loaded {
        head,
        effective,
        findings,
    } = load(signed, id).await?;
    let r = (effective.recommendation(&key)).ok_or(PageError::NotFound(signed.lang))?;
    let current = ResponseInput::of(r, head.version);
    let input = input.unwrap_or_else(|| current.clone());
    let rec_findings: Vec<_> = (findings.iter())
        .filter(|f| f.item_keys.iter().any(|k| k == &key))
        .map(|f| f.rule_id)
        .collect();
    let risks: Vec<Choice> = (r.recommendation.value.addresses_risks.iter())
        .filter_map(|k| effective.risk(k.as_str()))
        .map(|risk| Choice {
            value: risk.key.to_string(),
            label: risk.risk.threat.clone(),
        })
        .collect();
    let measures: Vec<Choice> = (effective.measures.iter())
        .map(|m| Choice {
            value: m.key.to_string(),
            label: m.title.clone(),
        })
        .collect();
    let responses: Vec<Choice> = RESPONSES
        .iter()
        .map(|r| Choice {
            value: (*r).to_owned(),
            label: crate::i18n::text(signed.lang, &format!("recs-status-{r}")),
        })
        .collect();
    let (error_field, error) = error
        .map(|e| {
            let field = match e.field.as_str() {
                "recommendation_key" => "response".to_owned(),
                "implements" => "measures".to_owned(),
                other => other.to_owned(),
            };
            (field, e.message)
        })
        .unzip();
    render_status(
        &signed.chrome,
        status,
        "web/recommendation.html",
        context! {
            head => Serde(head),
            rec => Serde(row(r)),
            rec_text => r.recommendation.value.text.clone(),
            risks => Serde(risks),
            measures => Serde(measures),
            responses => Serde(responses),
            input => Serde(input),
            current => Serde(current),
            rec_findings => rec_findings,
            error_field => error_field,
            error => error,
            stale => stale,
            saved => saved,
        },
    )
}

/// `GET /assessments/{id}/recommendations/{key}`: the recommendation and its answer form.
pub async fn response_form(
    signed: SignedIn,
    path: web::Path<(String, String)>,
    saved: web::Query<super::risks::Saved>,
) -> PageResult {
    let (id, key) = path.into_inner();
    let saved = saved.yes();
    response_page(&signed, StatusCode::OK, id, key, None, None, false, saved).await
}

/// `POST /assessments/{id}/recommendations/{key}`: the answer as one batch.
pub async fn response_post(
    posted: Posted<Vec<(String, String)>>,
    path: web::Path<(String, String)>,
) -> PageResult {
    let signed = posted.guard.clone();
    let (id, key) = path.into_inner();
    let input = ResponseInput::from_pairs(&posted.form);
    let lang = signed.lang;
    let Loaded { effective, .. } = load(&signed, id.clone()).await?;
    let r = effective
        .recommendation(&key)
        .ok_or(PageError::NotFound(lang))?;
    let commands = response_commands(&effective, r, &input).map_err(|e| FieldError {
        message: crate::i18n::text(lang, &e.message),
        ..e
    });
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    let commands = match commands {
        Ok(c) => c,
        Err(e) => {
            return response_page(
                &signed,
                unprocessable,
                id,
                key,
                Some(input),
                Some(e),
                false,
                false,
            )
            .await
        }
    };
    match write(&signed, &id, input.version, commands).await? {
        Ok(()) => Ok(redirect(&format!(
            "/assessments/{id}/recommendations/{key}?saved=1"
        ))),
        Err(Refusal::Stale) => {
            response_page(
                &signed,
                StatusCode::CONFLICT,
                id,
                key,
                Some(input),
                None,
                true,
                false,
            )
            .await
        }
        Err(Refusal::Field(e)) => {
            response_page(
                &signed,
                unprocessable,
                id,
                key,
                Some(input),
                Some(e),
                false,
                false,
            )
            .await
        }
    }
}
