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
