//! A controller's local changes to its adopted base (SPEC §2 "assessment"): everything the
//! controller wrote itself. The effective assessment is computed from the base and this, never
//! stored (SPEC §3), so a central text is held once and every local departure stays visible.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Incident, Measure, RecommendationResponse, RiskTreatment, SignOffs};
use crate::template::{
    DataCategory, DataSubjectCategory, ItemKey, ProcessingActivity, Recipient, Recommendation, Risk,
};

/// The prefix every key the controller creates (local additions, measures, incidents) must
/// carry, so a later central version can never introduce the same key (SPEC §4 upgrades).
pub const LOCAL_KEY_PREFIX: &str = "local.";

/// Everything a controller has written on top of its base template version.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LocalChanges {
    /// Inherited values replaced locally, each with its justification.
    pub overrides: Vec<Override>,
    /// Values of fields the template leaves for each adopter to complete.
    pub completions: Vec<Completion>,
    /// Items of the controller's own.
    pub additions: LocalAdditions,
    /// Inherited items that do not apply locally, each with its justification.
    pub not_applicable: Vec<NotApplicable>,
    /// Centrally removed items the controller chose to keep through an upgrade (SPEC §4).
    pub retained: Vec<Retained>,
    /// The treatment of each risk (inherited or local).
    pub treatments: Vec<RiskTreatment>,
    /// The controller's own technical and organisational measures.
    pub measures: Vec<Measure>,
    /// The answer to each recommendation; a recommendation without one is `UNADDRESSED`.
    pub responses: Vec<RecommendationResponse>,
    /// Personal-data breaches relevant to this processing.
    pub incidents: Vec<Incident>,
    /// DPO opinion, approvals, prior consultation and the dates around them.
    pub sign_offs: SignOffs,
}

/// An inherited value replaced locally (SPEC §3): addressed by item key and the field's name
/// in the item's JSON view ([`crate::template::TemplateContent::items`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    /// The base item.
    pub item_key: ItemKey,
    /// The top-level field of the item, e.g. `likelihood`.
    pub field: String,
    /// The local value, in the field's JSON form.
    pub value: Value,
    /// Why the local value differs from the central one; never empty.
    pub justification: String,
}

/// A value for a field the template marks as to be completed by each adopter (SPEC §2),
/// e.g. the number of data subjects in a category.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Completion {
    /// The base item: a processing activity, or an item nested in one.
    pub item_key: ItemKey,
    /// The field, e.g. `count` on a data-subject category or `retention` on an activity.
    pub field: String,
    /// The local value, in the field's JSON form.
    pub value: Value,
}

/// An inherited item that does not apply to this controller's processing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotApplicable {
    /// The base item.
    pub item_key: ItemKey,
    /// Why it does not apply; never empty (SPEC §3).
    pub justification: String,
}

/// A record that an item removed from the template in an upgrade was kept as a local item,
/// and why (SPEC §4: nothing the controller relies on is lost in an upgrade).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Retained {
    /// The former central key, now the key of a local addition.
    pub item_key: ItemKey,
    /// Why the controller keeps it.
    pub justification: String,
}

/// The controller's own items. Keys are unique across the base and the assessment; new ones
/// start with [`LOCAL_KEY_PREFIX`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LocalAdditions {
    /// Local processing activities (their nested items live inside them).
    pub activities: Vec<ProcessingActivity>,
    /// Local data-subject categories of inherited or local activities.
    pub data_subject_categories: Vec<LocalNested<DataSubjectCategory>>,
    /// Local data categories of inherited or local activities.
    pub data_categories: Vec<LocalNested<DataCategory>>,
    /// Local recipients of inherited or local activities.
    pub recipients: Vec<LocalNested<Recipient>>,
    /// Local risks, rated on the base's risk model.
    pub risks: Vec<Risk>,
    /// Local recommendations.
    pub recommendations: Vec<Recommendation>,
}

/// A local item that belongs to a processing activity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocalNested<T> {
    /// The activity (inherited or local) the item belongs to.
    pub activity_key: ItemKey,
    /// The item itself.
    pub item: T,
}

impl LocalChanges {
    /// The override of `field` on `item_key`, if any.
    pub fn override_of(&self, item_key: &str, field: &str) -> Option<&Override> {
        self.overrides
            .iter()
            .find(|o| o.item_key.as_str() == item_key && o.field == field)
    }

    /// The not-applicable mark of `item_key`, if any.
    pub fn not_applicable_mark(&self, item_key: &str) -> Option<&NotApplicable> {
        self.not_applicable
            .iter()
            .find(|n| n.item_key.as_str() == item_key)
    }

    /// The measure with this key, if any.
    pub fn measure(&self, key: &str) -> Option<&Measure> {
        self.measures.iter().find(|m| m.key.as_str() == key)
    }

    /// The treatment of this risk, if any.
    pub fn treatment(&self, risk_key: &str) -> Option<&RiskTreatment> {
        self.treatments
            .iter()
            .find(|t| t.risk_key.as_str() == risk_key)
    }

    /// The response to this recommendation, if any.
    pub fn response(&self, recommendation_key: &str) -> Option<&RecommendationResponse> {
        self.responses
            .iter()
            .find(|r| r.recommendation_key.as_str() == recommendation_key)
    }

    /// Whether nothing at all has been written locally.
    pub fn is_empty(&self) -> bool {
        self == &LocalChanges::default()
    }
}

impl LocalAdditions {
    /// Every key of a local item (activities with their nested items, risks, recommendations).
    pub fn keys(&self) -> impl Iterator<Item = &ItemKey> {
        let activities = self.activities.iter().flat_map(|a| {
            std::iter::once(&a.key)
                .chain(a.data_subject_categories.iter().map(|c| &c.key))
                .chain(a.data_categories.iter().map(|c| &c.key))
                .chain(a.recipients.iter().map(|r| &r.key))
        });
        activities
            .chain(self.data_subject_categories.iter().map(|n| &n.item.key))
            .chain(self.data_categories.iter().map(|n| &n.item.key))
            .chain(self.recipients.iter().map(|n| &n.item.key))
            .chain(self.risks.iter().map(|r| &r.key))
            .chain(self.recommendations.iter().map(|r| &r.key))
    }
}
