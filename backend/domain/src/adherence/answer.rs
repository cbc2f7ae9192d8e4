//! A controller's adherence to one published code-of-conduct version (SPEC §3 last
//! paragraphs, issue 8): one answer per clause, `UNADDRESSED` until given. Like an
//! assessment's local changes, only what the controller wrote is stored; the clauses
//! themselves stay in the code version and are joined in on every read.

use serde::{Deserialize, Serialize};

use crate::template::{Clause, ItemKey};

/// Everything a controller has declared about its adherence to one code version.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Adherence {
    /// At most one answer per clause of the adopted version; a clause without one is
    /// `UNADDRESSED`.
    pub answers: Vec<ClauseAnswer>,
    /// Answers to clauses a later code version removed, kept through an upgrade with the
    /// controller's reason (SPEC §4: no answer is lost unless the controller drops it).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub retained: Vec<RetainedAnswer>,
}

/// The answer to one clause.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClauseAnswer {
    /// The clause answered.
    pub clause_key: ItemKey,
    /// The answer.
    pub answer: Answer,
}

/// The possible answers to a clause (SPEC §3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "SCREAMING_SNAKE_CASE", deny_unknown_fields)]
pub enum Answer {
    /// The controller meets the clause.
    Compliant {
        /// How it meets it, in words a monitoring body can check; never empty.
        evidence: String,
        /// Keys of the controller's DPIA measures that meet it (may be empty when the
        /// evidence is documentary only).
        measures: Vec<ItemKey>,
    },
    /// The controller departs from the clause.
    Deviation {
        /// Why; never empty.
        justification: String,
        /// What the controller does instead: a text, or the key of one of its DPIA measures
        /// (`local.…`). May be left empty while it is being decided; the checks report it.
        compensating_measure: String,
    },
    /// The clause does not concern the controller's processing.
    NotApplicable {
        /// Why; never empty.
        justification: String,
    },
}

/// A clause's status in the effective adherence, `UNADDRESSED` until answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[allow(missing_docs)] // One variant per answer, plus the absence of one.
pub enum AdherenceStatus {
    Unaddressed,
    Compliant,
    Deviation,
    NotApplicable,
}

impl AdherenceStatus {
    /// Every status, in the order figures are reported.
    pub const ALL: [AdherenceStatus; 4] = [
        AdherenceStatus::Unaddressed,
        AdherenceStatus::Compliant,
        AdherenceStatus::Deviation,
        AdherenceStatus::NotApplicable,
    ];

    /// The status's name as it appears in JSON and messages, e.g. `NOT_APPLICABLE`.
    pub fn as_str(self) -> &'static str {
        match self {
            AdherenceStatus::Unaddressed => "UNADDRESSED",
            AdherenceStatus::Compliant => "COMPLIANT",
            AdherenceStatus::Deviation => "DEVIATION",
            AdherenceStatus::NotApplicable => "NOT_APPLICABLE",
        }
    }
}

impl Answer {
    /// The status this answer gives its clause.
    pub fn status(&self) -> AdherenceStatus {
        match self {
            Answer::Compliant { .. } => AdherenceStatus::Compliant,
            Answer::Deviation { .. } => AdherenceStatus::Deviation,
            Answer::NotApplicable { .. } => AdherenceStatus::NotApplicable,
        }
    }
}

/// An answer to a clause that a later code version removed, kept on purpose.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetainedAnswer {
    /// The removed clause as it stood in the version answered, so the answer stays readable.
    pub clause: Clause,
    /// The answer as it was given.
    pub answer: Answer,
    /// Why the controller keeps it; never empty.
    pub justification: String,
}

impl Adherence {
    /// The answer to the clause with this key, if any.
    pub fn answer(&self, clause_key: &str) -> Option<&Answer> {
        (self.answers.iter())
            .find(|a| a.clause_key.as_str() == clause_key)
            .map(|a| &a.answer)
    }

    /// The status of the clause with this key (`UNADDRESSED` without an answer).
    pub fn status(&self, clause_key: &str) -> AdherenceStatus {
        self.answer(clause_key)
            .map_or(AdherenceStatus::Unaddressed, Answer::status)
    }
}
