//! Why a write to an assessment is refused (SPEC §3). Every variant names the item key and
//! field so the API can answer `VALIDATION` with `itemKey` and `field` (SPEC §7), and its
//! message is meant to be read by a DPO, not a developer.

use thiserror::Error;

use super::ResponseStatus;
use crate::risk_model::RiskLevel;

/// The item key used in errors about the assessment's sign-offs, which have no item key.
pub const SIGN_OFFS_KEY: &str = "sign_offs";

/// A refused write.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum AssessmentError {
    /// An override, not-applicable mark or answer without the justification it needs.
    #[error("`{item_key}`: `{field}` needs a justification that is not empty")]
    MissingJustification {
        /// The item.
        item_key: String,
        /// The field.
        field: String,
    },
    /// A key that names nothing in the adopted template version or among the local items:
    /// a typo, or a key of another template.
    #[error("`{item_key}` is not an item of the adopted template version nor of this assessment (field `{field}`)")]
    UnknownItem {
        /// The unknown key.
        item_key: String,
        /// The field the write was about.
        field: String,
    },
    /// A field the item does not have.
    #[error("`{item_key}` has no field `{field}`")]
    UnknownField {
        /// The item.
        item_key: String,
        /// The unknown field.
        field: String,
    },
    /// A field that the template keeps central, or that is changed another way.
    #[error("`{item_key}`: `{field}` cannot be overridden: {reason}")]
    NotOverridable {
        /// The item.
        item_key: String,
        /// The field.
        field: String,
        /// Why, and what to do instead.
        reason: &'static str,
    },
    /// A value of the wrong shape for its field.
    #[error("`{item_key}`: the value for `{field}` is not valid: {reason}")]
    InvalidValue {
        /// The item.
        item_key: String,
        /// The field.
        field: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A likelihood or consequence outside the risk model's scale.
    #[error("`{item_key}`: {field} {value} is outside the risk model's scale 1–{max}")]
    OutOfScale {
        /// The risk.
        item_key: String,
        /// The field.
        field: String,
        /// The value given.
        value: String,
        /// The highest level of the scale.
        max: usize,
    },
    /// An override that repeats the central value.
    #[error("`{item_key}`: the value for `{field}` equals the central value; there is nothing to override")]
    SameAsCentral {
        /// The item.
        item_key: String,
        /// The field.
        field: String,
    },
    /// A completion of a field the template does not leave to adopters.
    #[error("`{item_key}`: `{field}` is not a field the template leaves to adopters to complete; override it with a justification instead")]
    NotToBeCompleted {
        /// The item.
        item_key: String,
        /// The field.
        field: String,
    },
    /// A key used twice in one assessment (template and local items together).
    #[error("`{item_key}` is already used by another item of the template or this assessment (field `{field}`)")]
    DuplicateKey {
        /// The duplicated key.
        item_key: String,
        /// The field holding it.
        field: String,
    },
    /// A new local key without the `local.` prefix.
    #[error("`{item_key}`: keys of local items must start with `local.` so that no later template version can reuse them (field `{field}`)")]
    NotALocalKey {
        /// The key.
        item_key: String,
        /// The field holding it.
        field: String,
    },
    /// A write about an item marked not applicable, or a mark on an item that is treated.
    #[error("`{item_key}` does not apply locally (it or its scope is marked not applicable), so it cannot carry `{field}`; clear the mark, or remove `{field}` first")]
    ItemNotApplicable {
        /// The item.
        item_key: String,
        /// The field.
        field: String,
    },
    /// A not-applicable mark on an item that cannot carry one.
    #[error("`{item_key}` cannot be marked not applicable: {reason}")]
    CannotBeNotApplicable {
        /// The item.
        item_key: String,
        /// Always `not_applicable`.
        field: String,
        /// Why, and what to do instead.
        reason: &'static str,
    },
    /// An answer that needs a linked local measure in force and has none.
    #[error("`{item_key}`: the answer {} needs at least one local measure in force that implements this recommendation (field `{field}`)", .response.as_str())]
    ResponseWithoutMeasure {
        /// The recommendation.
        item_key: String,
        /// The field.
        field: String,
        /// The answer given.
        response: ResponseStatus,
    },
    /// A residual level below the inherent level without a measure to justify it (Art. 35(7)(d)).
    #[error("`{item_key}`: the residual level {} is below the inherent level {}, so at least one local measure in force must mitigate this risk (field `{field}`)", level(*.residual), level(*.inherent))]
    ReductionWithoutMeasure {
        /// The risk.
        item_key: String,
        /// The field.
        field: String,
        /// The residual level.
        residual: RiskLevel,
        /// The inherent level.
        inherent: RiskLevel,
    },
    /// A residual level below the inherent level without a rationale (Art. 35(7)(d)).
    #[error("`{item_key}`: the residual level is below the inherent level, so the treatment needs a rationale (field `{field}`)")]
    ReductionWithoutRationale {
        /// The risk.
        item_key: String,
        /// The field.
        field: String,
    },
    /// A residual level above the inherent level: measures cannot make a risk worse.
    #[error("`{item_key}`: the residual level {} is above the inherent level {}; treatment cannot raise a risk (field `{field}`)", level(*.residual), level(*.inherent))]
    ResidualAboveInherent {
        /// The risk.
        item_key: String,
        /// The field.
        field: String,
        /// The residual level.
        residual: RiskLevel,
        /// The inherent level.
        inherent: RiskLevel,
    },
    /// A `HIGH` residual risk accepted without a recorded prior consultation (Art. 36).
    #[error("`{item_key}`: accepting a HIGH residual risk requires a recorded prior consultation of the supervisory authority (Art. 36) (field `{field}`)")]
    PriorConsultationRequired {
        /// The risk, or [`SIGN_OFFS_KEY`] when the consultation record is being removed.
        item_key: String,
        /// The field.
        field: String,
    },
    /// A link to a risk, recommendation, activity or scope that does not exist.
    #[error("`{item_key}`: `{field}` refers to `{target}`, which is not a {expected} of this assessment")]
    DanglingReference {
        /// The item holding the link.
        item_key: String,
        /// The field holding the link.
        field: String,
        /// The key linked to.
        target: String,
        /// What kind of item was expected, e.g. "risk".
        expected: &'static str,
    },
    /// Removing an item that others still refer to.
    #[error("`{item_key}` cannot be removed while `{by}` refers to it (field `{field}`)")]
    StillReferenced {
        /// The item to be removed.
        item_key: String,
        /// The field of the referring item.
        field: String,
        /// The referring item.
        by: String,
    },
    /// A clear or remove of something that is not recorded: an error, not a silent no-op
    /// (SPEC §3).
    #[error(
        "`{item_key}`: nothing is recorded for `{field}`, so there is nothing to clear or remove"
    )]
    NothingToClear {
        /// The item.
        item_key: String,
        /// The field.
        field: String,
    },
    /// An item of the template where only a local item can be changed or removed.
    #[error("`{item_key}` is an item of the template, not a local item; override its fields or mark it not applicable instead (field `{field}`)")]
    NotLocal {
        /// The item.
        item_key: String,
        /// The field.
        field: String,
    },
    /// An accepted risk without who accepted it and when.
    #[error(
        "`{item_key}`: an accepted residual risk needs who accepted it and when (field `{field}`)"
    )]
    MissingAcceptance {
        /// The risk.
        item_key: String,
        /// The missing field.
        field: String,
    },
    /// A text that must say something.
    #[error("`{item_key}`: `{field}` cannot be empty")]
    EmptyText {
        /// The item.
        item_key: String,
        /// The field.
        field: String,
    },
    /// A review cadence of zero months or more than ten years.
    #[error("`{item_key}`: `{field}` must be between 1 and 120 months")]
    InvalidReviewCadence {
        /// The measure.
        item_key: String,
        /// The field.
        field: String,
    },
    /// A next review more than twelve months after management approval.
    #[error("`{item_key}`: the next review ({next_review_on}) must be at most 12 months after management approval ({approved_on}) (field `{field}`)")]
    ReviewTooLate {
        /// Always [`SIGN_OFFS_KEY`].
        item_key: String,
        /// The field.
        field: String,
        /// The approval date.
        approved_on: chrono::NaiveDate,
        /// The review date given.
        next_review_on: chrono::NaiveDate,
    },
    /// A sign-off write that tries to record management approval: only the approval gate
    /// records it, after the checks (SPEC §2 status, §5), so a draft cannot claim it.
    #[error("`{item_key}`: `{field}` is recorded only by approving the assessment (approveAssessment), which runs the checks first")]
    ApprovalOnlyByGate {
        /// Always [`SIGN_OFFS_KEY`].
        item_key: String,
        /// Always `management_approval`.
        field: String,
    },
}

impl AssessmentError {
    /// The key of the item the error is about (SPEC §7 `itemKey`).
    pub fn item_key(&self) -> &str {
        self.address().0
    }

    /// The field the error is about (SPEC §7 `field`).
    pub fn field(&self) -> &str {
        self.address().1
    }

    fn address(&self) -> (&str, &str) {
        use AssessmentError as E;
        match self {
            E::MissingJustification { item_key, field }
            | E::UnknownItem { item_key, field }
            | E::UnknownField { item_key, field }
            | E::NotOverridable {
                item_key, field, ..
            }
            | E::InvalidValue {
                item_key, field, ..
            }
            | E::OutOfScale {
                item_key, field, ..
            }
            | E::SameAsCentral { item_key, field }
            | E::NotToBeCompleted { item_key, field }
            | E::DuplicateKey { item_key, field }
            | E::NotALocalKey { item_key, field }
            | E::ItemNotApplicable { item_key, field }
            | E::CannotBeNotApplicable {
                item_key, field, ..
            }
            | E::ResponseWithoutMeasure {
                item_key, field, ..
            }
            | E::ReductionWithoutMeasure {
                item_key, field, ..
            }
            | E::ReductionWithoutRationale { item_key, field }
            | E::ResidualAboveInherent {
                item_key, field, ..
            }
            | E::PriorConsultationRequired { item_key, field }
            | E::DanglingReference {
                item_key, field, ..
            }
            | E::StillReferenced {
                item_key, field, ..
            }
            | E::NothingToClear { item_key, field }
            | E::NotLocal { item_key, field }
            | E::MissingAcceptance { item_key, field }
            | E::EmptyText { item_key, field }
            | E::InvalidReviewCadence { item_key, field }
            | E::ApprovalOnlyByGate { item_key, field }
            | E::ReviewTooLate {
                item_key, field, ..
            } => (item_key, field),
        }
    }
}

fn level(level: RiskLevel) -> &'static str {
    match level {
        RiskLevel::Low => "LOW",
        RiskLevel::Medium => "MEDIUM",
        RiskLevel::High => "HIGH",
    }
}
