//! The controller's answers to the recommendations (SPEC §2: `UNADDRESSED` until answered),
//! its own measures with their status, and its incidents.

use serde::Serialize;

use dpiahub_domain::assessment::{
    EffectiveAssessment, EffectiveRecommendation, ResponseKind, ResponseStatus,
};
use dpiahub_domain::template::DpiaContent;

use super::labels::{self, word, words};
use super::provenance::ProvenanceView;
use super::risks::MeasureRefView;
use crate::i18n::{Arg, Lang};

/// A recommendation with the controller's answer.
#[derive(Debug, Serialize)]
pub struct RecommendationView {
    pub key: String,
    pub title: String,
    pub text: String,
    pub kind: String,
    pub obligation: String,
    /// Whether the recommendation comes from the base template (a local one is the
    /// controller's own).
    pub central: bool,
    /// `IMPLEMENTED`, …, or `UNADDRESSED`, in the reader's language.
    pub status: String,
    /// Whether nobody has answered it: the report makes this stand out.
    pub unaddressed: bool,
    /// The due date of a `PLANNED` answer.
    pub due: Option<String>,
    pub justification: Option<String>,
    pub addresses: String,
    pub measures: Vec<MeasureRefView>,
    pub provenance: ProvenanceView,
}

/// A local measure.
#[derive(Debug, Serialize)]
pub struct MeasureView {
    pub key: String,
    pub title: String,
    pub description: String,
    pub kind: String,
    pub status: String,
    pub in_force: bool,
    pub owner: String,
    pub review: String,
    pub mitigates: String,
    pub implements: String,
}

/// An incident.
#[derive(Debug, Serialize)]
pub struct IncidentView {
    pub key: String,
    pub occurred_on: String,
    pub description: String,
    pub risks: String,
    pub notified_art33: String,
    pub notified_art34: String,
}

/// Every recommendation, central then local.
pub(super) fn recommendations(
    lang: Lang,
    effective: &EffectiveAssessment,
    base: &DpiaContent,
) -> Vec<RecommendationView> {
    (effective.recommendations.iter())
        .map(|r| {
            let key = &r.recommendation.key;
            let central = (base.recommendations.iter()).any(|c| &c.key == key);
            recommendation(lang, r, central)
        })
        .collect()
}

fn recommendation(
    lang: Lang,
    effective: &EffectiveRecommendation,
    central: bool,
) -> RecommendationView {
    let recommendation = &effective.recommendation.value;
    let response = effective.response.as_ref();
    RecommendationView {
        key: recommendation.key.to_string(),
        title: recommendation.title.clone(),
        text: recommendation.text.clone(),
        kind: labels::measure_kind(lang, recommendation.kind),
        obligation: labels::obligation(lang, recommendation.obligation),
        central,
        status: labels::response_status(lang, effective.status),
        unaddressed: effective.status == ResponseStatus::Unaddressed,
        due: response.and_then(|r| match r.response {
            ResponseKind::Planned { due } => Some(due.to_string()),
            _ => None,
        }),
        justification: response
            .and_then(|r| r.justification.clone())
            .filter(|j| !j.trim().is_empty()),
        addresses: keys(
            lang,
            recommendation
                .addresses_risks
                .iter()
                .map(ToString::to_string),
        ),
        measures: (effective.measures.iter())
            .map(|m| MeasureRefView::of(lang, m))
            .collect(),
        provenance: ProvenanceView::of(lang, &effective.recommendation),
    }
}

/// The controller's measures.
pub(super) fn measures(lang: Lang, effective: &EffectiveAssessment) -> Vec<MeasureView> {
    (effective.measures.iter())
        .map(|m| MeasureView {
            key: m.key.to_string(),
            title: m.title.clone(),
            description: m.description.clone(),
            kind: labels::measure_kind(lang, m.kind),
            status: labels::measure_status(lang, &m.status),
            in_force: m.status.is_in_force(),
            owner: (m.owner.clone())
                .filter(|o| !o.trim().is_empty())
                .unwrap_or_else(|| labels::not_stated(lang)),
            review: m.review_cadence_months.map_or_else(
                || labels::not_stated(lang),
                |months| {
                    words(
                        lang,
                        "report-every-months",
                        &[("months", Arg::Number(i64::from(months)))],
                    )
                },
            ),
            mitigates: keys(lang, m.mitigates.iter().map(ToString::to_string)),
            implements: keys(lang, m.implements.iter().map(ToString::to_string)),
        })
        .collect()
}

/// The controller's incidents.
pub(super) fn incidents(lang: Lang, effective: &EffectiveAssessment) -> Vec<IncidentView> {
    (effective.incidents.iter())
        .map(|i| IncidentView {
            key: i.key.to_string(),
            occurred_on: i.occurred_on.to_string(),
            description: i.description.clone(),
            risks: keys(lang, i.risks.iter().map(ToString::to_string)),
            notified_art33: labels::yes_no(lang, Some(i.notified_art33)),
            notified_art34: labels::yes_no(lang, Some(i.notified_art34)),
        })
        .collect()
}

/// Item keys joined for a table cell, "none" for none.
fn keys(lang: Lang, keys: impl Iterator<Item = String>) -> String {
    let keys: Vec<String> = keys.collect();
    if keys.is_empty() {
        word(lang, "report-none")
    } else {
        keys.join(", ")
    }
}
