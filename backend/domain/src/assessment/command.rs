//! Writes to an assessment as commands (SPEC §3). The server loads the local changes, calls
//! [`apply`], and saves the new state with its audit entry; a refused command leaves nothing
//! to save.

use serde::{Deserialize, Serialize};

use super::{
    Completion, Incident, LocalNested, Measure, NotApplicable, Override, RecommendationResponse,
    RiskTreatment, SignOffsUpdate, SIGN_OFFS_KEY,
};
use crate::template::{
    DataCategory, DataSubjectCategory, ItemKey, ProcessingActivity, Recipient, Recommendation, Risk,
};

/// One write to a controller's assessment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "command", content = "args", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AssessmentCommand {
    /// Replace an inherited value (or change an existing override).
    SetOverride(Override),
    /// Return to the central value.
    ClearOverride {
        /// The item.
        item_key: ItemKey,
        /// The overridden field.
        field: String,
    },
    /// Complete a field the template leaves to adopters (or change the completion).
    Complete(Completion),
    /// Remove a completion.
    ClearCompletion {
        /// The item.
        item_key: ItemKey,
        /// The completed field.
        field: String,
    },
    /// Add a local item, or replace the local item with the same key.
    UpsertLocalItem(LocalAddition),
    /// Remove a local item; refused while anything refers to it.
    RemoveLocalItem {
        /// The local item.
        item_key: ItemKey,
    },
    /// Set an inherited item aside (or change the justification).
    MarkNotApplicable(NotApplicable),
    /// Let an inherited item apply again.
    ClearNotApplicable {
        /// The item.
        item_key: ItemKey,
    },
    /// Record (or replace) the treatment of a risk.
    SetTreatment(RiskTreatment),
    /// Remove the treatment of a risk.
    ClearTreatment {
        /// The risk.
        risk_key: ItemKey,
    },
    /// Add a measure, or replace the measure with the same key.
    UpsertMeasure(Measure),
    /// Remove a measure. Refused while an answer or a lowered residual relies on it: retire
    /// it instead (its history stays readable) or answer differently first.
    RemoveMeasure {
        /// The measure.
        measure_key: ItemKey,
    },
    /// Answer a recommendation (or change the answer).
    SetResponse(RecommendationResponse),
    /// Withdraw an answer; the recommendation is `UNADDRESSED` again.
    ClearResponse {
        /// The recommendation.
        recommendation_key: ItemKey,
    },
    /// Record an incident, or replace the incident with the same key.
    UpsertIncident(Incident),
    /// Remove an incident recorded by mistake.
    RemoveIncident {
        /// The incident.
        incident_key: ItemKey,
    },
    /// Write the sign-offs and dates it names; the others keep their value (`null` clears
    /// one). Management approval is recorded only by the approval gate.
    SetSignOffs(SignOffsUpdate),
}

/// A local item of any kind, as written by [`AssessmentCommand::UpsertLocalItem`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "item", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum LocalAddition {
    /// A processing activity, with any nested items of its own.
    Activity(ProcessingActivity),
    /// A data-subject category of an inherited or local activity.
    DataSubjectCategory(LocalNested<DataSubjectCategory>),
    /// A data category of an inherited or local activity.
    DataCategory(LocalNested<DataCategory>),
    /// A recipient of an inherited or local activity.
    Recipient(LocalNested<Recipient>),
    /// A risk.
    Risk(Risk),
    /// A recommendation.
    Recommendation(Recommendation),
}

impl LocalAddition {
    /// The item's key.
    pub fn key(&self) -> &ItemKey {
        match self {
            LocalAddition::Activity(a) => &a.key,
            LocalAddition::DataSubjectCategory(n) => &n.item.key,
            LocalAddition::DataCategory(n) => &n.item.key,
            LocalAddition::Recipient(n) => &n.item.key,
            LocalAddition::Risk(r) => &r.key,
            LocalAddition::Recommendation(r) => &r.key,
        }
    }
}

impl AssessmentCommand {
    /// The item key and field the command writes, for the audit entry (SPEC §6).
    pub fn target(&self) -> (&str, &str) {
        use AssessmentCommand as C;
        match self {
            C::SetOverride(o) => (o.item_key.as_str(), o.field.as_str()),
            C::ClearOverride { item_key, field } | C::ClearCompletion { item_key, field } => {
                (item_key.as_str(), field.as_str())
            }
            C::Complete(c) => (c.item_key.as_str(), c.field.as_str()),
            C::UpsertLocalItem(item) => (item.key().as_str(), "local_item"),
            C::RemoveLocalItem { item_key } => (item_key.as_str(), "local_item"),
            C::MarkNotApplicable(NotApplicable { item_key, .. })
            | C::ClearNotApplicable { item_key } => (item_key.as_str(), "not_applicable"),
            C::SetTreatment(RiskTreatment { risk_key, .. }) | C::ClearTreatment { risk_key } => {
                (risk_key.as_str(), "treatment")
            }
            C::UpsertMeasure(Measure { key, .. }) | C::RemoveMeasure { measure_key: key } => {
                (key.as_str(), "measure")
            }
            C::SetResponse(RecommendationResponse {
                recommendation_key, ..
            })
            | C::ClearResponse { recommendation_key } => (recommendation_key.as_str(), "response"),
            C::UpsertIncident(Incident { key, .. }) | C::RemoveIncident { incident_key: key } => {
                (key.as_str(), "incident")
            }
            C::SetSignOffs(_) => (SIGN_OFFS_KEY, "sign_offs"),
        }
    }
}

/// Takes every management approval named in sign-off writes out of `commands` and returns
/// the last one: for loaders of command files written before only the approval gate could
/// record it (the demo hands the approval to the gate, SPEC §2 status).
pub fn take_management_approval(commands: &mut [AssessmentCommand]) -> Option<super::SignOff> {
    let mut taken = None;
    for command in commands {
        if let AssessmentCommand::SetSignOffs(update) = command {
            taken = update.take_management_approval().or(taken);
        }
    }
    taken
}
