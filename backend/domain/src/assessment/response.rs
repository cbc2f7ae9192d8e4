//! The controller's answer to a recommendation (SPEC §2). Seed 003: a municipality never
//! related to the central body's recommended measures; "as a minimum there must be a
//! reasoned assessment of why the recommendation is not relevant".

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::template::ItemKey;

/// The answer to one recommendation. The measures that implement it are the measures whose
/// `implements` names the recommendation (one link, held on the measure).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecommendationResponse {
    /// The recommendation answered (inherited or local).
    pub recommendation_key: ItemKey,
    /// The answer.
    pub response: ResponseKind,
    /// Why; required for `ALTERNATIVE` and `NOT_APPLICABLE` (SPEC §3).
    pub justification: Option<String>,
}

/// The possible answers to a recommendation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ResponseKind {
    /// Implemented by at least one linked local measure in force.
    Implemented,
    /// Partly implemented by at least one linked local measure in force.
    PartiallyImplemented,
    /// To be implemented by a date.
    Planned {
        /// When it is to be implemented.
        due: NaiveDate,
    },
    /// Met by different local measures (at least one, in force), with a justification.
    Alternative,
    /// Not relevant to the local processing, with a justification.
    NotApplicable,
}

/// A recommendation's status in the effective assessment, `UNADDRESSED` until answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[allow(missing_docs)] // One variant per answer, plus the absence of one.
pub enum ResponseStatus {
    Unaddressed,
    Implemented,
    PartiallyImplemented,
    Planned,
    Alternative,
    NotApplicable,
}

impl ResponseKind {
    /// The status this answer gives its recommendation.
    pub fn status(&self) -> ResponseStatus {
        match self {
            ResponseKind::Implemented => ResponseStatus::Implemented,
            ResponseKind::PartiallyImplemented => ResponseStatus::PartiallyImplemented,
            ResponseKind::Planned { .. } => ResponseStatus::Planned,
            ResponseKind::Alternative => ResponseStatus::Alternative,
            ResponseKind::NotApplicable => ResponseStatus::NotApplicable,
        }
    }

    /// Whether this answer must give a justification (SPEC §3).
    pub fn needs_justification(&self) -> bool {
        matches!(
            self,
            ResponseKind::Alternative | ResponseKind::NotApplicable
        )
    }

    /// Whether this answer must be backed by a linked local measure in force (SPEC §3:
    /// `IMPLEMENTED` and `ALTERNATIVE`; "partially implemented" is implemented by something).
    pub fn needs_measure(&self) -> bool {
        matches!(
            self,
            ResponseKind::Implemented
                | ResponseKind::PartiallyImplemented
                | ResponseKind::Alternative
        )
    }
}

impl ResponseStatus {
    /// The status's name as it appears in JSON and messages, e.g. `NOT_APPLICABLE`.
    pub fn as_str(self) -> &'static str {
        match self {
            ResponseStatus::Unaddressed => "UNADDRESSED",
            ResponseStatus::Implemented => "IMPLEMENTED",
            ResponseStatus::PartiallyImplemented => "PARTIALLY_IMPLEMENTED",
            ResponseStatus::Planned => "PLANNED",
            ResponseStatus::Alternative => "ALTERNATIVE",
            ResponseStatus::NotApplicable => "NOT_APPLICABLE",
        }
    }
}
