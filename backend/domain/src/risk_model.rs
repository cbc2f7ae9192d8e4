//! The risk model of a DPIA template (SPEC §2): ordered likelihood and consequence scales,
//! each level with written criteria, and a matrix that maps every (likelihood, consequence)
//! pair to a risk level. A risk's level is always derived here, never stored, so an
//! assessment cannot state a level its own scales do not support (Art. 35(7)(c)).

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The level a (likelihood, consequence) pair maps to. Ordered: `Low < Medium < High`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RiskLevel {
    /// Acceptable without further treatment.
    Low,
    /// Needs a treatment decision (seed 003: 195 medium risks had none).
    Medium,
    /// Needs treatment; a high residual risk requires prior consultation (Art. 36).
    High,
}

/// Which of the two scales a level or error belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Scale {
    /// How likely the threat is to materialise.
    Likelihood,
    /// How severe the consequences for the data subjects are.
    Consequence,
}

impl Scale {
    /// The field name of this scale inside a risk model.
    pub fn field(self) -> &'static str {
        match self {
            Scale::Likelihood => "likelihood",
            Scale::Consequence => "consequence",
        }
    }
}

/// "An internal incident within the last `window_months` months means the likelihood is at
/// least this level" (seed 003: a misdirected-message breach 8 months earlier while the risk
/// was rated "Mindre sandsynlig"). Only meaningful on likelihood levels.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IncidentRule {
    /// How far back an incident counts, in whole months.
    pub window_months: u32,
    /// The rule in the words of the criteria, shown in findings.
    pub description: String,
}

/// One step of a scale.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// 1-based ordinal: 1 is the lowest level of the scale.
    pub value: u8,
    /// Short name, e.g. "Sandsynlig".
    pub label: String,
    /// Written criteria a rater applies to choose this level.
    pub criteria: String,
    /// Optional incident rule (likelihood levels only).
    pub incident_rule: Option<IncidentRule>,
}

/// Likelihood and consequence scales plus the matrix between them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskModel {
    /// Likelihood levels, ordered by `value` 1..=n.
    pub likelihood: Vec<Level>,
    /// Consequence levels, ordered by `value` 1..=m.
    pub consequence: Vec<Level>,
    /// `matrix[likelihood - 1][consequence - 1]`.
    pub matrix: Vec<Vec<RiskLevel>>,
}

/// Why a risk model, or a lookup in it, is refused.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum RiskModelError {
    /// A scale has no levels at all.
    #[error("the {} scale has no levels", .scale.field())]
    EmptyScale {
        /// The empty scale.
        scale: Scale,
    },
    /// Levels are not numbered 1, 2, … n in order.
    #[error("{} level number {position} has value {found}; levels must be numbered 1, 2, 3, … in order", .scale.field())]
    LevelsNotContiguous {
        /// The scale.
        scale: Scale,
        /// 1-based position in the list.
        position: usize,
        /// The value found there.
        found: u8,
    },
    /// A level has an empty label.
    #[error("{} level {value} has no label", .scale.field())]
    EmptyLabel {
        /// The scale.
        scale: Scale,
        /// The level's value.
        value: u8,
    },
    /// A level has no written criteria.
    #[error("{} level {value} has no written criteria", .scale.field())]
    EmptyCriteria {
        /// The scale.
        scale: Scale,
        /// The level's value.
        value: u8,
    },
    /// An incident rule on a consequence level, or with an empty window or description.
    #[error("{} level {value}: {reason}", .scale.field())]
    InvalidIncidentRule {
        /// The scale.
        scale: Scale,
        /// The level's value.
        value: u8,
        /// What is wrong with the rule.
        reason: &'static str,
    },
    /// The matrix does not have one row per likelihood level.
    #[error("the matrix has {found} rows but there are {expected} likelihood levels")]
    MatrixRowCount {
        /// Number of likelihood levels.
        expected: usize,
        /// Number of rows.
        found: usize,
    },
    /// A matrix row does not have one cell per consequence level.
    #[error("matrix row for likelihood {likelihood} has {found} cells but there are {expected} consequence levels")]
    MatrixRowLength {
        /// The likelihood value of the row.
        likelihood: u8,
        /// Number of consequence levels.
        expected: usize,
        /// Number of cells.
        found: usize,
    },
    /// A higher likelihood or consequence maps to a lower level than its neighbour.
    #[error("the matrix is not monotonic at likelihood {likelihood}, consequence {consequence}: a higher likelihood or consequence must never give a lower risk level")]
    NotMonotonic {
        /// Likelihood value of the offending cell.
        likelihood: u8,
        /// Consequence value of the offending cell.
        consequence: u8,
    },
    /// A value outside a scale.
    #[error("{} {value} is outside the scale 1–{max}", .scale.field())]
    OutOfScale {
        /// The scale.
        scale: Scale,
        /// The value given.
        value: u8,
        /// The highest value of the scale.
        max: u8,
    },
}

impl RiskModelError {
    /// The field inside the risk model the error is about, e.g. `matrix[2][3]` or
    /// `likelihood[1].criteria`; used to address VALIDATION errors (SPEC §7).
    pub fn field(&self) -> String {
        match self {
            RiskModelError::EmptyScale { scale } => scale.field().to_owned(),
            RiskModelError::LevelsNotContiguous {
                scale, position, ..
            } => {
                format!("{}[{}].value", scale.field(), position.saturating_sub(1))
            }
            RiskModelError::EmptyLabel { scale, value } => {
                format!("{}[{}].label", scale.field(), value.saturating_sub(1))
            }
            RiskModelError::EmptyCriteria { scale, value } => {
                format!("{}[{}].criteria", scale.field(), value.saturating_sub(1))
            }
            RiskModelError::InvalidIncidentRule { scale, value, .. } => {
                format!(
                    "{}[{}].incident_rule",
                    scale.field(),
                    value.saturating_sub(1)
                )
            }
            RiskModelError::MatrixRowCount { .. } => "matrix".to_owned(),
            RiskModelError::MatrixRowLength { likelihood, .. } => {
                format!("matrix[{}]", likelihood.saturating_sub(1))
            }
            RiskModelError::NotMonotonic {
                likelihood,
                consequence,
            } => format!(
                "matrix[{}][{}]",
                likelihood.saturating_sub(1),
                consequence.saturating_sub(1)
            ),
            RiskModelError::OutOfScale { scale, .. } => scale.field().to_owned(),
        }
    }
}

impl RiskModel {
    /// The level of a (likelihood, consequence) pair, or `OutOfScale` when either value is
    /// not a level of this model.
    pub fn level(&self, likelihood: u8, consequence: u8) -> Result<RiskLevel, RiskModelError> {
        let out_of = |scale, value, levels: &Vec<Level>| RiskModelError::OutOfScale {
            scale,
            value,
            max: scale_max(levels),
        };
        if !self.contains_likelihood(likelihood) {
            return Err(out_of(Scale::Likelihood, likelihood, &self.likelihood));
        }
        if !self.contains_consequence(consequence) {
            return Err(out_of(Scale::Consequence, consequence, &self.consequence));
        }
        self.matrix
            .get(usize::from(likelihood) - 1)
            .and_then(|row| row.get(usize::from(consequence) - 1))
            .copied()
            // Only reachable for a model that failed `validate`: report the short row.
            .ok_or(RiskModelError::MatrixRowLength {
                likelihood,
                expected: self.consequence.len(),
                found: self
                    .matrix
                    .get(usize::from(likelihood) - 1)
                    .map_or(0, Vec::len),
            })
    }

    /// Whether `value` is a level of the likelihood scale.
    pub fn contains_likelihood(&self, value: u8) -> bool {
        value >= 1 && usize::from(value) <= self.likelihood.len()
    }

    /// Whether `value` is a level of the consequence scale.
    pub fn contains_consequence(&self, value: u8) -> bool {
        value >= 1 && usize::from(value) <= self.consequence.len()
    }

    /// The likelihood level with this value, if any.
    pub fn likelihood_level(&self, value: u8) -> Option<&Level> {
        self.likelihood.iter().find(|level| level.value == value)
    }

    /// The consequence level with this value, if any.
    pub fn consequence_level(&self, value: u8) -> Option<&Level> {
        self.consequence.iter().find(|level| level.value == value)
    }

    /// The lowest likelihood an internal incident `months_since` whole months ago still
    /// demands under the levels' incident rules, or `None` when no rule's window covers it.
    /// When several rules apply, the highest level wins: each rule says "at least".
    pub fn min_likelihood_for_incident(&self, months_since: u32) -> Option<&Level> {
        self.likelihood
            .iter()
            .filter(|level| {
                level
                    .incident_rule
                    .as_ref()
                    .is_some_and(|rule| months_since <= rule.window_months)
            })
            .max_by_key(|level| level.value)
    }

    /// Checks the model is usable: both scales numbered 1..=n with labels and criteria,
    /// incident rules only on likelihood levels, the matrix complete and rectangular, and
    /// monotonic (a higher likelihood or consequence never maps to a lower level).
    pub fn validate(&self) -> Result<(), RiskModelError> {
        validate_scale(Scale::Likelihood, &self.likelihood)?;
        validate_scale(Scale::Consequence, &self.consequence)?;
        if let Some(level) = self.consequence.iter().find(|l| l.incident_rule.is_some()) {
            return Err(RiskModelError::InvalidIncidentRule {
                scale: Scale::Consequence,
                value: level.value,
                reason: "incident rules belong on likelihood levels only",
            });
        }
        if self.matrix.len() != self.likelihood.len() {
            return Err(RiskModelError::MatrixRowCount {
                expected: self.likelihood.len(),
                found: self.matrix.len(),
            });
        }
        for (row, likelihood) in self.matrix.iter().zip(1u8..) {
            if row.len() != self.consequence.len() {
                return Err(RiskModelError::MatrixRowLength {
                    likelihood,
                    expected: self.consequence.len(),
                    found: row.len(),
                });
            }
        }
        self.validate_monotonic()
    }

    fn validate_monotonic(&self) -> Result<(), RiskModelError> {
        for (l, row) in self.matrix.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let left = c.checked_sub(1).and_then(|c| row.get(c));
                let below = l
                    .checked_sub(1)
                    .and_then(|l| self.matrix.get(l))
                    .and_then(|r| r.get(c));
                if left.is_some_and(|left| cell < left) || below.is_some_and(|b| cell < b) {
                    return Err(RiskModelError::NotMonotonic {
                        likelihood: ordinal(l),
                        consequence: ordinal(c),
                    });
                }
            }
        }
        Ok(())
    }
}

fn validate_scale(scale: Scale, levels: &[Level]) -> Result<(), RiskModelError> {
    if levels.is_empty() {
        return Err(RiskModelError::EmptyScale { scale });
    }
    for (position, level) in levels.iter().enumerate() {
        if usize::from(level.value) != position + 1 {
            return Err(RiskModelError::LevelsNotContiguous {
                scale,
                position: position + 1,
                found: level.value,
            });
        }
        if level.label.trim().is_empty() {
            return Err(RiskModelError::EmptyLabel {
                scale,
                value: level.value,
            });
        }
        if level.criteria.trim().is_empty() {
            return Err(RiskModelError::EmptyCriteria {
                scale,
                value: level.value,
            });
        }
        if let Some(rule) = &level.incident_rule {
            let reason = if rule.window_months == 0 {
                Some("an incident rule needs a window of at least one month")
            } else if rule.description.trim().is_empty() {
                Some("an incident rule needs a description")
            } else {
                None
            };
            if let Some(reason) = reason {
                return Err(RiskModelError::InvalidIncidentRule {
                    scale,
                    value: level.value,
                    reason,
                });
            }
        }
    }
    Ok(())
}

/// The highest value of a scale, saturating at `u8::MAX` (a scale that long fails elsewhere).
fn scale_max(levels: &[Level]) -> u8 {
    u8::try_from(levels.len()).unwrap_or(u8::MAX)
}

/// 0-based index → 1-based level value, saturating (matrices that large fail validation).
fn ordinal(index: usize) -> u8 {
    u8::try_from(index + 1).unwrap_or(u8::MAX)
}

#[cfg(test)]
mod tests;
