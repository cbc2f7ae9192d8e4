//! Write rules for measures, responses to recommendations and incidents (SPEC §2, §3): links
//! point at existing items, and an answer that claims implementation is backed by a measure.

use super::additions::dangling;
use super::{blank, Lookup};
use crate::assessment::{AssessmentError, Incident, Measure, RecommendationResponse};

/// The longest review cadence: ten years. A measure reviewed less often is not reviewed.
pub const MAX_REVIEW_CADENCE_MONTHS: u32 = 120;

/// A measure has a title, a review cadence of one month to ten years, and links to existing
/// risks and recommendations.
pub(crate) fn check_measure(lookup: &Lookup<'_>, measure: &Measure) -> Result<(), AssessmentError> {
    let key = &measure.key;
    if blank(&measure.title) {
        return Err(AssessmentError::EmptyText {
            item_key: key.to_string(),
            field: "title".to_owned(),
        });
    }
    if measure
        .review_cadence_months
        .is_some_and(|months| !(1..=MAX_REVIEW_CADENCE_MONTHS).contains(&months))
    {
        return Err(AssessmentError::InvalidReviewCadence {
            item_key: key.to_string(),
            field: "review_cadence_months".to_owned(),
        });
    }
    if let Some(risk) = (measure.mitigates.iter()).find(|r| lookup.risk(r.as_str()).is_none()) {
        return Err(dangling(key, "mitigates", risk, "risk"));
    }
    if let Some(recommendation) =
        (measure.implements.iter()).find(|r| !lookup.is_recommendation(r.as_str()))
    {
        return Err(dangling(
            key,
            "implements",
            recommendation,
            "recommendation",
        ));
    }
    Ok(())
}

/// A response names an existing recommendation, carries the justification its kind needs
/// and, for `IMPLEMENTED`, `PARTIALLY_IMPLEMENTED` and `ALTERNATIVE`, is backed by a measure in
/// force that implements the recommendation.
pub(crate) fn check_response(
    lookup: &Lookup<'_>,
    response: &RecommendationResponse,
) -> Result<(), AssessmentError> {
    let item_key = response.recommendation_key.to_string();
    if !lookup.is_recommendation(response.recommendation_key.as_str()) {
        return Err(AssessmentError::UnknownItem {
            item_key,
            field: "recommendation_key".to_owned(),
        });
    }
    let justification = response.justification.as_deref();
    if justification.is_some_and(blank)
        || (response.response.needs_justification() && justification.is_none())
    {
        return Err(AssessmentError::MissingJustification {
            item_key,
            field: "justification".to_owned(),
        });
    }
    if response.response.needs_measure()
        && lookup.implementations_in_force(response.recommendation_key.as_str()) == 0
    {
        return Err(AssessmentError::ResponseWithoutMeasure {
            item_key,
            field: "response".to_owned(),
            response: response.response.status(),
        });
    }
    Ok(())
}

/// An incident has a description and links to existing risks.
pub(crate) fn check_incident(
    lookup: &Lookup<'_>,
    incident: &Incident,
) -> Result<(), AssessmentError> {
    if blank(&incident.description) {
        return Err(AssessmentError::EmptyText {
            item_key: incident.key.to_string(),
            field: "description".to_owned(),
        });
    }
    if let Some(risk) = (incident.risks.iter()).find(|r| lookup.risk(r.as_str()).is_none()) {
        return Err(dangling(&incident.key, "risks", risk, "risk"));
    }
    Ok(())
}
