//! Sign-offs and dates around the assessment (SPEC §2): DPO opinion (Art. 35(2)), approvals,
//! the prior-consultation decision (Art. 36), when processing started (Art. 35(1): the DPIA
//! comes first) and the next review (at least annually).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The sign-offs of one assessment revision.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SignOffs {
    /// The DPO's advice (Art. 35(2)); its `text` is the opinion.
    pub dpo_opinion: Option<SignOff>,
    /// The system owner's approval.
    pub system_owner: Option<SignOff>,
    /// Management's approval of the assessment and its residual risks.
    pub management_approval: Option<SignOff>,
    /// The decision on prior consultation of the authority (Art. 36).
    pub prior_consultation: Option<PriorConsultation>,
    /// When processing started or will start.
    pub processing_started_on: Option<NaiveDate>,
    /// When the assessment is next reviewed; at most 12 months after management approval.
    pub next_review_on: Option<NaiveDate>,
}

/// A named person's signature on a date, with what they wrote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignOff {
    /// Name and role of the person, e.g. "Jane Doe, DPO".
    pub by: String,
    /// The date of the signature.
    pub on: NaiveDate,
    /// The opinion or remarks; required for the DPO opinion.
    pub text: Option<String>,
}

/// The Art. 36 decision: whether the authority must be consulted before processing, and if so
/// the consultation's reference and outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriorConsultation {
    /// When the decision was taken.
    pub decided_on: NaiveDate,
    /// Whether consultation is required (it is when a residual risk is `HIGH`).
    pub required: bool,
    /// The authority's case reference, once consulted.
    pub reference: Option<String>,
    /// The outcome of the consultation, once known.
    pub outcome: Option<String>,
}

/// One field of a partial write: left as it is (absent), cleared (`null`), or set.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Patch<T> {
    /// The field was not named: it keeps its value.
    #[default]
    Keep,
    /// The field was named with no value: it is cleared.
    Clear,
    /// The field was named with a value.
    Set(T),
}

impl<T> Patch<T> {
    /// Whether the write leaves the field alone.
    pub fn is_keep(&self) -> bool {
        matches!(self, Patch::Keep)
    }

    /// The field's value after the write, given its value before.
    pub fn applied_to(&self, current: &Option<T>) -> Option<T>
    where
        T: Clone,
    {
        match self {
            Patch::Keep => current.clone(),
            Patch::Clear => None,
            Patch::Set(value) => Some(value.clone()),
        }
    }
}

impl<T: Serialize> Serialize for Patch<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Patch::Keep | Patch::Clear => serializer.serialize_none(),
            Patch::Set(value) => serializer.serialize_some(value),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Patch<T> {
    /// A member that is present is a write (`null` clears); an absent one is `Keep` through
    /// `#[serde(default)]` on the field.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Option::<T>::deserialize(deserializer)? {
            Some(value) => Patch::Set(value),
            None => Patch::Clear,
        })
    }
}

/// A write to the sign-offs that changes only the fields it names (issue 13: sending only
/// `processing_started_on` must not erase the DPO's opinion). Management approval is not
/// among them: only the approval gate records it, after the checks; a write naming a value
/// for it is refused ([`crate::assessment::AssessmentError::ApprovalOnlyByGate`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SignOffsUpdate {
    /// The DPO's advice (Art. 35(2)).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub dpo_opinion: Patch<SignOff>,
    /// The system owner's approval.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub system_owner: Patch<SignOff>,
    /// Refused unless absent or `null` (which leaves the recorded approval as it is).
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub management_approval: Patch<SignOff>,
    /// The Art. 36 decision.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub prior_consultation: Patch<PriorConsultation>,
    /// When processing started or will start.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub processing_started_on: Patch<NaiveDate>,
    /// When the assessment is next reviewed.
    #[serde(skip_serializing_if = "Patch::is_keep")]
    pub next_review_on: Patch<NaiveDate>,
}

impl SignOffsUpdate {
    /// The sign-offs after this write. Management approval keeps its recorded value.
    pub fn applied_to(&self, current: &SignOffs) -> SignOffs {
        SignOffs {
            dpo_opinion: self.dpo_opinion.applied_to(&current.dpo_opinion),
            system_owner: self.system_owner.applied_to(&current.system_owner),
            management_approval: current.management_approval.clone(),
            prior_consultation: self
                .prior_consultation
                .applied_to(&current.prior_consultation),
            processing_started_on: self
                .processing_started_on
                .applied_to(&current.processing_started_on),
            next_review_on: self.next_review_on.applied_to(&current.next_review_on),
        }
    }

    /// Removes a management approval named in the write and returns it: for loaders of
    /// documents written before only the gate could record it (the demo hands it to the gate).
    pub fn take_management_approval(&mut self) -> Option<SignOff> {
        match std::mem::take(&mut self.management_approval) {
            Patch::Set(approval) => Some(approval),
            Patch::Keep | Patch::Clear => None,
        }
    }
}
