//! Thresholds of the checks, configurable per template (issue 7). The defaults come from the
//! seeds; the reasoning is in docs/CHECKS.md.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Default for [`CheckSettings::max_high_risks_single_measure`]. Seed 003: one training
/// measure was the only mitigation of 16 of 27 high risks. One measure may legitimately carry
/// the few high risks of one module alone (AULA's messages module has three); more than five
/// means the assessment leans on one measure across modules, which the authority rejected.
pub const DEFAULT_MAX_HIGH_RISKS_SINGLE_MEASURE: usize = 5;

/// Default for [`CheckSettings::review_interval_months`]: at least annually (SPEC §2, seed 003
/// "annual review").
pub const DEFAULT_REVIEW_INTERVAL_MONTHS: u32 = 12;

/// The longest review interval a template may set: the assessment is reviewed at least
/// annually (SPEC §2), so a template may only be stricter.
pub const MAX_REVIEW_INTERVAL_MONTHS: u32 = 12;

/// The thresholds of the checks. Valid by construction: build it with [`CheckSettings::new`]
/// or deserialise it (which runs the same validation).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawCheckSettings", into = "RawCheckSettings")]
pub struct CheckSettings {
    max_high_risks_single_measure: usize,
    review_interval_months: u32,
}

/// Why check settings are refused.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum CheckSettingsError {
    /// The review interval is zero or longer than a year.
    #[error(
        "review_interval_months must be between 1 and {MAX_REVIEW_INTERVAL_MONTHS}, not {found}: \
         the assessment is reviewed at least annually"
    )]
    ReviewInterval {
        /// The interval given.
        found: u32,
    },
}

impl CheckSettingsError {
    /// The settings field concerned.
    pub fn field(&self) -> &'static str {
        match self {
            CheckSettingsError::ReviewInterval { .. } => "review_interval_months",
        }
    }
}

impl CheckSettings {
    /// Settings with the given thresholds.
    pub fn new(
        max_high_risks_single_measure: usize,
        review_interval_months: u32,
    ) -> Result<Self, CheckSettingsError> {
        if !(1..=MAX_REVIEW_INTERVAL_MONTHS).contains(&review_interval_months) {
            return Err(CheckSettingsError::ReviewInterval {
                found: review_interval_months,
            });
        }
        Ok(CheckSettings {
            max_high_risks_single_measure,
            review_interval_months,
        })
    }

    /// How many high risks one measure may be the only mitigation of before it is reported;
    /// `0` reports every high risk that rests on a single measure.
    pub fn max_high_risks_single_measure(&self) -> usize {
        self.max_high_risks_single_measure
    }

    /// How many months after management approval the assessment must be reviewed.
    pub fn review_interval_months(&self) -> u32 {
        self.review_interval_months
    }
}

impl Default for CheckSettings {
    fn default() -> Self {
        CheckSettings {
            max_high_risks_single_measure: DEFAULT_MAX_HIGH_RISKS_SINGLE_MEASURE,
            review_interval_months: DEFAULT_REVIEW_INTERVAL_MONTHS,
        }
    }
}

/// The serialised form; absent fields take their defaults.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawCheckSettings {
    max_high_risks_single_measure: usize,
    review_interval_months: u32,
}

impl Default for RawCheckSettings {
    fn default() -> Self {
        CheckSettings::default().into()
    }
}

impl From<CheckSettings> for RawCheckSettings {
    fn from(settings: CheckSettings) -> Self {
        RawCheckSettings {
            max_high_risks_single_measure: settings.max_high_risks_single_measure,
            review_interval_months: settings.review_interval_months,
        }
    }
}

impl TryFrom<RawCheckSettings> for CheckSettings {
    type Error = CheckSettingsError;

    fn try_from(raw: RawCheckSettings) -> Result<Self, Self::Error> {
        CheckSettings::new(
            raw.max_high_risks_single_measure,
            raw.review_interval_months,
        )
    }
}
