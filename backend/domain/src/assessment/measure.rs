//! The controller's own technical and organisational measures (SPEC §2, Art. 32), linked to
//! the risks they mitigate and the recommendations they implement.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::template::{ItemKey, MeasureKind};

/// One local measure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// Stable key, starting with `local.`.
    pub key: ItemKey,
    /// Short name, e.g. "Annual GDPR training for all users".
    pub title: String,
    /// What is done, by whom, how.
    pub description: String,
    /// Technical or organisational.
    pub kind: MeasureKind,
    /// Where the measure stands.
    pub status: MeasureStatus,
    /// Who is responsible for it.
    pub owner: Option<String>,
    /// How often it is reviewed, in months (at least 1).
    pub review_cadence_months: Option<u32>,
    /// Keys of the risks (inherited or local) it mitigates.
    pub mitigates: Vec<ItemKey>,
    /// Keys of the recommendations (inherited or local) it implements.
    pub implements: Vec<ItemKey>,
}

/// Where a measure stands. The dates are part of the variants so a planned measure without a
/// due date cannot be written down at all (SPEC §2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MeasureStatus {
    /// Decided but not yet in place.
    Planned {
        /// When it is to be in place.
        due: NaiveDate,
    },
    /// In place.
    Implemented {
        /// Since when.
        on: NaiveDate,
    },
    /// No longer in place; kept for the record.
    Retired {
        /// Since when.
        on: NaiveDate,
    },
}

impl MeasureStatus {
    /// Whether the measure is (or is planned to be) in force; a retired measure justifies
    /// nothing.
    pub fn is_in_force(&self) -> bool {
        !matches!(self, MeasureStatus::Retired { .. })
    }

    /// The status's name as it appears in JSON and messages, e.g. `PLANNED`.
    pub fn as_str(&self) -> &'static str {
        match self {
            MeasureStatus::Planned { .. } => "PLANNED",
            MeasureStatus::Implemented { .. } => "IMPLEMENTED",
            MeasureStatus::Retired { .. } => "RETIRED",
        }
    }
}
