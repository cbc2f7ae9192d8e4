//! Effective recommendations (SPEC §2): the central or local recommendation, the controller's
//! answer (`UNADDRESSED` until there is one) and the measures that implement it.

use serde::{Deserialize, Serialize};

use super::items::{inherited_item, local_item};
use super::MeasureRef;
use crate::assessment::fields::BaseItem;
use crate::assessment::lookup::Lookup;
use crate::assessment::{AssessmentError, EffectiveItem, RecommendationResponse, ResponseStatus};
use crate::template::Recommendation;

/// One recommendation of the effective assessment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EffectiveRecommendation {
    /// The recommendation with its provenance and any overridden fields.
    pub recommendation: EffectiveItem<Recommendation>,
    /// The answer's status, `UNADDRESSED` when there is none.
    pub status: ResponseStatus,
    /// The answer itself.
    pub response: Option<RecommendationResponse>,
    /// The measures that implement it, with their status.
    pub measures: Vec<MeasureRef>,
}

/// The effective form of a recommendation; `central` is `true` for one of the base.
pub(crate) fn effective_recommendation(
    lookup: &Lookup<'_>,
    recommendation: &Recommendation,
    central: bool,
    inconsistencies: &mut Vec<AssessmentError>,
) -> EffectiveRecommendation {
    let key = &recommendation.key;
    let item = if central {
        let base_item = BaseItem::Recommendation(recommendation);
        inherited_item(
            lookup,
            key,
            &base_item,
            recommendation,
            None,
            inconsistencies,
        )
    } else {
        local_item(key, recommendation)
    };
    let response = lookup.responses.get(key.as_str()).map(|r| (*r).clone());
    EffectiveRecommendation {
        recommendation: item,
        status: (response.as_ref()).map_or(ResponseStatus::Unaddressed, |r| r.response.status()),
        response,
        measures: (lookup.implementing.get(key.as_str()).into_iter().flatten())
            .map(|m| MeasureRef::of(m))
            .collect(),
    }
}
