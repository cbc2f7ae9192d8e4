//! The effective adherence (SPEC §3): every clause of the adopted code version with the
//! controller's answer beside it, `UNADDRESSED` where there is none. Computed on every read,
//! as the effective assessment is, so a clause's text is stored once, in the code.

use serde::{Deserialize, Serialize};

use super::{Adherence, AdherenceStatus, Answer};
use crate::template::{Clause, CodeOfConductContent};

/// One clause of the code with the controller's answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EffectiveClause {
    /// The clause as the code version states it.
    pub clause: Clause,
    /// The answer's status, `UNADDRESSED` when there is none.
    pub status: AdherenceStatus,
    /// The answer itself.
    pub answer: Option<Answer>,
}

/// Every clause of `code`, in reading order, with `adherence`'s answer. Answers to keys that
/// are not clauses of `code` (possible only for data written around [`super::apply`]) are
/// left out; retained answers are read from [`Adherence::retained`].
pub fn effective_adherence(
    code: &CodeOfConductContent,
    adherence: &Adherence,
) -> Vec<EffectiveClause> {
    (code.clauses.iter())
        .map(|clause| {
            let answer = adherence.answer(clause.key.as_str()).cloned();
            EffectiveClause {
                clause: clause.clone(),
                status: answer
                    .as_ref()
                    .map_or(AdherenceStatus::Unaddressed, Answer::status),
                answer,
            }
        })
        .collect()
}
