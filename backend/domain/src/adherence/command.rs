//! Writes to an adherence as commands, in the same `{"command": …, "args": …}` form as
//! [`crate::assessment::AssessmentCommand`]: the server loads the adherence, calls
//! [`super::apply`], and saves the result with its audit entry (SPEC §6).

use serde::{Deserialize, Serialize};

use super::ClauseAnswer;
use crate::template::ItemKey;

/// One write to a controller's adherence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "command", content = "args", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AdherenceCommand {
    /// Answer a clause (or change the answer).
    SetAnswer(ClauseAnswer),
    /// Withdraw the answer to a clause, which is `UNADDRESSED` again; or drop an answer
    /// retained from a clause an earlier upgrade removed.
    ClearAnswer {
        /// The clause.
        clause_key: ItemKey,
    },
}

impl AdherenceCommand {
    /// The clause key and field the command writes, for the audit entry (SPEC §6).
    pub fn target(&self) -> (&str, &str) {
        match self {
            AdherenceCommand::SetAnswer(ClauseAnswer { clause_key, .. })
            | AdherenceCommand::ClearAnswer { clause_key } => (clause_key.as_str(), "answer"),
        }
    }
}
