//! Every risk as the report shows it (Art. 35(7)(c), (d)): the inherent rating and where it
//! comes from, the treatment decision, the residual rating stated explicitly, the rationale,
//! and the measures that are to justify the difference.

use serde::Serialize;
use serde_json::Value;

use dpiahub_domain::assessment::{EffectiveAssessment, EffectiveRisk, MeasureRef};
use dpiahub_domain::risk_model::{Level, RiskLevel, RiskModel};

use super::labels::{self, word, words};
use super::provenance::{display_value, ProvenanceView};
use crate::i18n::{Arg, Lang};

/// One risk.
#[derive(Debug, Serialize)]
pub struct RiskView {
    pub key: String,
    pub scope: String,
    pub threat: String,
    pub description: String,
    pub threat_source: String,
    pub properties: String,
    pub central_rationale: String,
    pub applicable: bool,
    pub inherent: RatingView,
    /// The level of the central rating, shown when the inherent rating was overridden.
    pub central_level: Option<String>,
    /// The residual rating; the inherent one while the risk is untreated.
    pub residual: RatingView,
    pub treated: bool,
    pub decision: String,
    pub treatment_rationale: String,
    pub accepted: Option<String>,
    /// Whether the residual level is below the inherent level (what the measures must carry).
    pub reduced: bool,
    pub measures: Vec<MeasureRefView>,
    /// Keys of the incidents in which the risk materialised, joined; empty for none.
    pub incidents: String,
    pub provenance: ProvenanceView,
}

/// A likelihood and consequence with their labels and the level the matrix gives them.
#[derive(Debug, Serialize)]
pub struct RatingView {
    /// E.g. "3 Sandsynlig".
    pub likelihood: String,
    /// E.g. "4 Ødelæggende".
    pub consequence: String,
    pub level: String,
    pub class: &'static str,
}

/// A measure as seen from a risk or recommendation.
#[derive(Debug, Serialize)]
pub struct MeasureRefView {
    pub key: String,
    pub title: String,
    pub status: String,
}

impl MeasureRefView {
    pub(super) fn of(lang: Lang, measure: &MeasureRef) -> Self {
        MeasureRefView {
            key: measure.key.to_string(),
            title: measure.title.clone(),
            status: labels::measure_status(lang, &measure.status),
        }
    }
}

/// Every risk, inherited then local.
pub(super) fn risks(lang: Lang, effective: &EffectiveAssessment) -> Vec<RiskView> {
    let model = &effective.risk_model;
    let scope_title = |key: &str| {
        (effective.scopes.iter())
            .find(|s| s.key.as_str() == key)
            .map_or_else(|| key.to_owned(), |s| s.value.title.clone())
    };
    (effective.risks.iter())
        .map(|r| risk(lang, model, r, scope_title(r.risk.scope.as_str())))
        .collect()
}

fn risk(lang: Lang, model: &RiskModel, effective: &EffectiveRisk, scope: String) -> RiskView {
    let risk = &effective.risk;
    let rating =
        |likelihood, consequence, level| rating(lang, model, likelihood, consequence, level);
    let inherent = rating(
        effective.likelihood.value,
        effective.consequence.value,
        effective.inherent_level,
    );
    let treatment = effective.treatment.as_ref();
    let residual = match treatment {
        Some(t) => rating(
            t.residual_likelihood,
            t.residual_consequence,
            effective.residual_level,
        ),
        None => rating(
            effective.likelihood.value,
            effective.consequence.value,
            effective.residual_level,
        ),
    };
    let properties: Vec<String> = (risk.affected_properties.iter())
        .map(|p| labels::security_property(lang, *p))
        .collect();
    RiskView {
        key: effective.key.to_string(),
        scope,
        threat: risk.threat.clone(),
        description: risk.description.clone(),
        threat_source: labels::threat_source(lang, risk.threat_source),
        properties: properties.join(", "),
        central_rationale: risk.rationale.clone(),
        applicable: effective.is_applicable(),
        inherent,
        central_level: effective
            .central_level
            .filter(|level| *level != effective.inherent_level)
            .map(|level| labels::level(lang, level)),
        residual,
        treated: treatment.is_some(),
        decision: treatment.map_or_else(
            || word(lang, "report-no-treatment"),
            |t| labels::treatment(lang, t.decision),
        ),
        treatment_rationale: treatment
            .map(|t| t.rationale.clone())
            .filter(|r| !r.trim().is_empty())
            .unwrap_or_else(|| labels::not_stated(lang)),
        accepted: treatment.and_then(|t| match (&t.accepted_by, t.accepted_on) {
            (Some(by), Some(on)) => Some(format!("{by}, {on}")),
            (Some(by), None) => Some(by.clone()),
            (None, Some(on)) => Some(on.to_string()),
            (None, None) => None,
        }),
        reduced: effective.residual_level < effective.inherent_level,
        measures: (effective.measures.iter())
            .map(|m| MeasureRefView::of(lang, m))
            .collect(),
        incidents: (effective.incidents.iter())
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        provenance: ProvenanceView::with(
            lang,
            &effective.provenance,
            &effective.departures,
            |f, v| rated_value(lang, model, f, v),
        ),
    }
}

fn rating(
    lang: Lang,
    model: &RiskModel,
    likelihood: u8,
    consequence: u8,
    level: RiskLevel,
) -> RatingView {
    RatingView {
        likelihood: level_text(lang, likelihood, model.likelihood_level(likelihood)),
        consequence: level_text(lang, consequence, model.consequence_level(consequence)),
        level: labels::level(lang, level),
        class: labels::level_class(level),
    }
}

/// "3 Sandsynlig", or the bare number when the value is off the scale.
fn level_text(lang: Lang, value: u8, level: Option<&Level>) -> String {
    match level {
        Some(level) => format!("{value} {}", level.label),
        None => words(
            lang,
            "report-outside-scale",
            &[("value", Arg::Number(i64::from(value)))],
        ),
    }
}

/// An overridden risk field: likelihood and consequence with their level labels.
fn rated_value(lang: Lang, model: &RiskModel, field: &str, value: &Value) -> String {
    let number = value.as_u64().and_then(|v| u8::try_from(v).ok());
    match (field, number) {
        ("likelihood", Some(v)) => level_text(lang, v, model.likelihood_level(v)),
        ("consequence", Some(v)) => level_text(lang, v, model.consequence_level(v)),
        _ => display_value(lang, value),
    }
}
