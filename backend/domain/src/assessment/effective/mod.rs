//! The inheritance engine (SPEC §3): (base template version, local changes) → the effective
//! assessment, every value with its provenance. Pure and computed on every read, so the
//! central text is stored once and a central correction reaches every adopter that did not
//! override it (after an upgrade, SPEC §4).

mod activities;
mod items;
mod recommendations;
mod risks;

pub use activities::EffectiveActivity;
pub use recommendations::EffectiveRecommendation;
pub use risks::EffectiveRisk;

use serde::{Deserialize, Serialize};

use super::fields::BaseItem;
use super::lookup::Lookup;
use super::{
    AssessmentError, EffectiveItem, Incident, LocalChanges, Measure, MeasureStatus, SignOffs,
};
use crate::risk_model::RiskModel;
use crate::template::{DpiaContent, ItemKey, NecessityQuestion, Scope};

/// A controller's assessment as it stands: the base with every local change applied.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EffectiveAssessment {
    /// The base's risk model; every level below is derived from it.
    pub risk_model: RiskModel,
    /// The base's scopes (a scope may be not applicable locally).
    pub scopes: Vec<EffectiveItem<Scope>>,
    /// The systematic description: inherited activities, then local ones.
    pub activities: Vec<EffectiveActivity>,
    /// Necessity and proportionality questions.
    pub necessity_questions: Vec<EffectiveItem<NecessityQuestion>>,
    /// Inherited risks in template order, then local risks.
    pub risks: Vec<EffectiveRisk>,
    /// Inherited recommendations in template order, then local ones.
    pub recommendations: Vec<EffectiveRecommendation>,
    /// The controller's measures.
    pub measures: Vec<Measure>,
    /// The controller's incidents.
    pub incidents: Vec<Incident>,
    /// Sign-offs and dates.
    pub sign_offs: SignOffs,
    /// Stored local changes that could not be applied (only possible for data written around
    /// the rules); they are left out above. Empty for an assessment written through
    /// [`super::apply`].
    pub inconsistencies: Vec<Inconsistency>,
}

/// A stored local change the engine could not apply, in the words of the rule it breaks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inconsistency {
    /// The item concerned.
    pub item_key: String,
    /// The field concerned.
    pub field: String,
    /// The rule's message.
    pub message: String,
}

impl From<AssessmentError> for Inconsistency {
    fn from(error: AssessmentError) -> Self {
        Inconsistency {
            item_key: error.item_key().to_owned(),
            field: error.field().to_owned(),
            message: error.to_string(),
        }
    }
}

/// A measure as seen from what it covers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureRef {
    /// The measure's key.
    pub key: ItemKey,
    /// Its title.
    pub title: String,
    /// Its status (planned, implemented, retired).
    pub status: MeasureStatus,
}

impl MeasureRef {
    /// The reference to a measure.
    pub fn of(measure: &Measure) -> Self {
        MeasureRef {
            key: measure.key.clone(),
            title: measure.title.clone(),
            status: measure.status,
        }
    }
}

/// The effective assessment of `local` on `base` (SPEC §3).
pub fn effective(base: &DpiaContent, local: &LocalChanges) -> EffectiveAssessment {
    let lookup = Lookup::new(base, local);
    let mut inconsistencies = Vec::new();
    let incon = &mut inconsistencies;
    let scopes = (base.scopes.iter())
        .map(|s| {
            let reason = lookup.not_applicable_reason(s.key.as_str());
            items::inherited_item(&lookup, &s.key, &BaseItem::Scope(s), s, reason, incon)
        })
        .collect();
    let activities = activities::effective_activities(&lookup, incon);
    let necessity_questions = (base.necessity_questions.iter())
        .map(|q| {
            let reason = lookup.not_applicable_reason(q.key.as_str());
            let item = BaseItem::NecessityQuestion(q);
            items::inherited_item(&lookup, &q.key, &item, q, reason, incon)
        })
        .collect();
    let risks = (base.risks.iter().map(|r| (r, true)))
        .chain(local.additions.risks.iter().map(|r| (r, false)))
        .map(|(risk, central)| risks::effective_risk(&lookup, risk, central, incon))
        .collect();
    let recommendations = (base.recommendations.iter().map(|r| (r, true)))
        .chain(local.additions.recommendations.iter().map(|r| (r, false)))
        .map(|(r, central)| recommendations::effective_recommendation(&lookup, r, central, incon))
        .collect();
    EffectiveAssessment {
        risk_model: base.risk_model.clone(),
        scopes,
        activities,
        necessity_questions,
        risks,
        recommendations,
        measures: local.measures.clone(),
        incidents: local.incidents.clone(),
        sign_offs: local.sign_offs.clone(),
        inconsistencies: inconsistencies
            .into_iter()
            .map(Inconsistency::from)
            .collect(),
    }
}

impl EffectiveAssessment {
    /// The risk with this key, if any.
    pub fn risk(&self, key: &str) -> Option<&EffectiveRisk> {
        self.risks.iter().find(|r| r.key.as_str() == key)
    }

    /// The recommendation with this key, if any.
    pub fn recommendation(&self, key: &str) -> Option<&EffectiveRecommendation> {
        (self.recommendations.iter()).find(|r| r.recommendation.key.as_str() == key)
    }
}
