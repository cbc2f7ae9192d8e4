//! Screen 5 of issue 15: every risk of the assessment with server-side filters, sorting and
//! paging, the risk maps before and after measures (each a real table), and the treatment
//! form of one risk: decision, explicit residual likelihood and consequence, the measures
//! that mitigate it, rationale, who accepted it; and the inherent rating's override with its
//! justification (a recent incident can raise the likelihood). One form is one batch.

use actix_web::http::StatusCode;
use actix_web::web;
use minijinja::context;
use minijinja::value::Serde;
use serde::Serialize;

use super::form::FieldError;
use super::risk_form::{self, TreatInput};
use super::risk_view::{self, RiskQuery};
use super::write::{write, Refusal};
use super::{load, Loaded};
use crate::domain::assessment::{EffectiveAssessment, EffectiveRisk};
use crate::web::csrf::Posted;
use crate::web::errors::{redirect, PageError, PageResult};
use crate::web::render::render_status;
use crate::web::session::SignedIn;

/// A choice of a select: value and label.
#[derive(Serialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

/// `(value, "value – label")` of each level of a scale.
pub fn scale(levels: &[crate::domain::risk_model::Level]) -> Vec<Choice> {
    (levels.iter())
        .map(|l| Choice {
            value: l.value.to_string(),
            label: format!("{} – {}", l.value, l.label),
        })
        .collect()
}

/// The scopes of the assessment, for the filter and the local risk form.
pub fn scopes(effective: &EffectiveAssessment) -> Vec<Choice> {
    (effective.scopes.iter())
        .map(|s| Choice {
            value: s.key.to_string(),
            label: s.value.title.clone(),
        })
        .collect()
}

/// `GET /assessments/{id}/risks`: the list, filtered, sorted and paged by its query string.
pub async fn risks(
    signed: SignedIn,
    id: web::Path<String>,
    query: web::Query<RiskQuery>,
) -> PageResult {
    let Loaded {
        head, effective, ..
    } = load(&signed, id.into_inner()).await?;
    let query = query.into_inner();
    let page = risk_view::risk_page(&effective, &query);
    let (before, after) = risk_view::risk_maps(&effective);
    let filters = query.filters();
    render_status(
        &signed.chrome,
        StatusCode::OK,
        "web/risks.html",
        context! {
            head => Serde(head),
            page => Serde(page),
            query => Serde(&query),
            filters => filters,
            scopes => Serde(scopes(&effective)),
            provenances => risk_view::PROVENANCES.to_vec(),
            before => Serde(before),
            after => Serde(after),
        },
    )
}

#[derive(Serialize)]
struct MeasureChoice {
    key: String,
    title: String,
    status: &'static str,
}

#[derive(Serialize)]
struct RiskInfo {
    key: String,
    title: String,
    description: String,
    scope: String,
    provenance: &'static str,
    central: Option<(u8, u8)>,
    inherent_level: &'static str,
    residual_level: &'static str,
    likelihood_provenance: &'static str,
    incidents: usize,
}

fn info(effective: &EffectiveAssessment, r: &EffectiveRisk) -> RiskInfo {
    let changed = |field: &str| r.departures.iter().any(|d| d.field == field);
    let scope = (effective.scopes.iter())
        .find(|s| s.key == r.risk.scope)
        .map_or_else(|| r.risk.scope.to_string(), |s| s.value.title.clone());
    let central = (r.central_level.is_some()).then(|| {
        let value = |field: &str, current: u8| {
            (r.departures.iter().find(|d| d.field == field))
                .and_then(|d| match &d.provenance {
                    crate::domain::assessment::Provenance::Overridden { central, .. } => {
                        central.as_u64().and_then(|v| u8::try_from(v).ok())
                    }
                    _ => None,
                })
                .unwrap_or(current)
        };
        (
            value("likelihood", r.likelihood.value),
            value("consequence", r.consequence.value),
        )
    });
    RiskInfo {
        key: r.key.to_string(),
        title: r.risk.threat.clone(),
        description: r.risk.description.clone(),
        scope,
        provenance: risk_view::provenance_of(&r.provenance),
        central,
        inherent_level: risk_view::level_name(r.inherent_level),
        residual_level: risk_view::level_name(r.residual_level),
        likelihood_provenance: if changed("likelihood") || changed("consequence") {
            "overridden"
        } else {
            risk_view::provenance_of(&r.provenance)
        },
        incidents: r.incidents.len(),
    }
}

/// Whether the page follows a save (`?saved=1`, after post/redirect/get).
#[derive(Debug, Default, serde::Deserialize)]
pub struct Saved {
    #[serde(default)]
    saved: String,
}

impl Saved {
    pub fn yes(&self) -> bool {
        self.saved == "1"
    }
}

#[allow(clippy::too_many_arguments)]
async fn risk_page(
    signed: &SignedIn,
    status: StatusCode,
    id: String,
    key: String,
    input: Option<TreatInput>,
    error: Option<FieldError>,
    stale: bool,
    saved: bool,
) -> PageResult {
    let Loaded {
        head,
        effective,
        findings,
    } = load(signed, id).await?;
    let risk = effective
        .risk(&key)
        .ok_or(PageError::NotFound(signed.lang))?;
    let risk_findings: Vec<_> = (findings.iter())
        .filter(|f| f.item_keys.iter().any(|k| k == &key))
        .map(|f| f.rule_id)
        .collect();
    let current = TreatInput::of(risk, head.version);
    let input = input.unwrap_or_else(|| current.clone());
    let measures: Vec<MeasureChoice> = (effective.measures.iter())
        .map(|m| MeasureChoice {
            key: m.key.to_string(),
            title: m.title.clone(),
            status: m.status.as_str(),
        })
        .collect();
    let model = &effective.risk_model;
    let (error_field, error) = error
        .map(|e| (form_field(&e.field).to_owned(), e.message))
        .unzip();
    render_status(
        &signed.chrome,
        status,
        "web/risk.html",
        context! {
            head => Serde(head),
            risk => Serde(info(&effective, risk)),
            input => Serde(input),
            current => Serde(current),
            likelihoods => Serde(scale(&model.likelihood)),
            consequences => Serde(scale(&model.consequence)),
            decisions => vec!["REDUCE", "ACCEPT", "AVOID", "TRANSFER"],
            measures => Serde(measures),
            risk_findings => risk_findings,
            error_field => error_field,
            error => error,
            stale => stale,
            saved => saved,
        },
    )
}

/// The form field beside which a refusal naming the domain's `field` is shown.
fn form_field(field: &str) -> &str {
    match field {
        "likelihood" => "inherent_likelihood",
        "consequence" => "inherent_consequence",
        "justification" => "inherent_justification",
        "measures" | "mitigates" => "measures",
        "treatment" => "decision",
        other => other,
    }
}

/// `GET /assessments/{id}/risks/{key}`: one risk and its treatment form.
pub async fn risk(
    signed: SignedIn,
    path: web::Path<(String, String)>,
    saved: web::Query<Saved>,
) -> PageResult {
    let (id, key) = path.into_inner();
    let saved = saved.yes();
    risk_page(&signed, StatusCode::OK, id, key, None, None, false, saved).await
}

/// `POST /assessments/{id}/risks/{key}`: the treatment form as one batch.
pub async fn risk_post(
    posted: Posted<Vec<(String, String)>>,
    path: web::Path<(String, String)>,
) -> PageResult {
    let signed = posted.guard.clone();
    let (id, key) = path.into_inner();
    let input = TreatInput::from_pairs(&posted.form);
    let lang = signed.lang;
    let Loaded { effective, .. } = load(&signed, id.clone()).await?;
    let risk = effective.risk(&key).ok_or(PageError::NotFound(lang))?;
    let commands =
        risk_form::treatment_commands(&effective, risk, &input).map_err(|e| FieldError {
            message: crate::i18n::text(lang, &format!("risks-{}", e.message)),
            ..e
        });
    let refused = |status, error, stale| {
        let (id, key, input) = (id.clone(), key.clone(), input.clone());
        let signed = signed.clone();
        async move { risk_page(&signed, status, id, key, Some(input), error, stale, false).await }
    };
    let commands = match commands {
        Ok(c) => c,
        Err(e) => return refused(StatusCode::UNPROCESSABLE_ENTITY, Some(e), false).await,
    };
    match write(&signed, &id, input.version, commands).await? {
        Ok(()) => Ok(redirect(&format!("/assessments/{id}/risks/{key}?saved=1"))),
        Err(Refusal::Stale) => refused(StatusCode::CONFLICT, None, true).await,
        Err(Refusal::Field(e)) => refused(StatusCode::UNPROCESSABLE_ENTITY, Some(e), false).await,
    }
}
