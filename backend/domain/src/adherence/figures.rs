//! Monitoring figures for the code owner (Art. 41, SPEC §1, §3): per clause, how many
//! adopters answered it which way. Only counts leave this function; the server passes each
//! row through [`crate::disclosure::partition`] before the code owner sees it, because the
//! statuses partition the adopters.

use serde::{Deserialize, Serialize};

use super::{Adherence, AdherenceStatus};
use crate::template::{CodeOfConductContent, ItemKey};

/// How the adopters answered one clause.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClauseFigures {
    /// The clause.
    pub clause_key: ItemKey,
    /// Adopters per status; every adopter is in exactly one.
    pub counts: StatusCounts,
}

/// Adopters per status of one clause.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusCounts {
    /// Adopters without an answer.
    pub unaddressed: usize,
    /// Adopters answering `COMPLIANT`.
    pub compliant: usize,
    /// Adopters answering `DEVIATION`.
    pub deviation: usize,
    /// Adopters answering `NOT_APPLICABLE`.
    pub not_applicable: usize,
}

impl StatusCounts {
    /// The count of one status.
    pub fn of(&self, status: AdherenceStatus) -> usize {
        match status {
            AdherenceStatus::Unaddressed => self.unaddressed,
            AdherenceStatus::Compliant => self.compliant,
            AdherenceStatus::Deviation => self.deviation,
            AdherenceStatus::NotApplicable => self.not_applicable,
        }
    }

    /// The counts in the order of [`AdherenceStatus::ALL`], the row
    /// [`crate::disclosure::partition`] takes.
    pub fn as_row(&self) -> [usize; 4] {
        AdherenceStatus::ALL.map(|status| self.of(status))
    }

    /// The number of adopters counted.
    pub fn total(&self) -> usize {
        self.as_row().iter().sum()
    }

    fn add(&mut self, status: AdherenceStatus) {
        let cell = match status {
            AdherenceStatus::Unaddressed => &mut self.unaddressed,
            AdherenceStatus::Compliant => &mut self.compliant,
            AdherenceStatus::Deviation => &mut self.deviation,
            AdherenceStatus::NotApplicable => &mut self.not_applicable,
        };
        *cell += 1;
    }
}

/// Per clause of `code`, in reading order, how the adopters answered it; each adherence
/// counts once per clause.
pub fn clause_figures(code: &CodeOfConductContent, adherences: &[Adherence]) -> Vec<ClauseFigures> {
    (code.clauses.iter())
        .map(|clause| {
            let mut counts = StatusCounts::default();
            for adherence in adherences {
                counts.add(adherence.status(clause.key.as_str()));
            }
            ClauseFigures {
                clause_key: clause.key.clone(),
                counts,
            }
        })
        .collect()
}
