//! The approval gate (SPEC §2 status): what must hold before management approves a revision.

use crate::domain::assessment::{violations, LocalChanges};
use crate::domain::template::DpiaContent;
use crate::error::{AppError, AppResult};

/// Refuses approval while stored local changes break a write rule (data written around the
/// rules), naming the first problem and how many there are.
pub fn gate(base: &DpiaContent, local: &LocalChanges) -> AppResult<()> {
    let mut problems = violations(base, local);
    if problems.is_empty() {
        return Ok(());
    }
    let count = problems.len();
    let first = problems.remove(0);
    Err(AppError::Validation {
        field: first.field().to_string(),
        item_key: Some(first.item_key().to_string()),
        message: format!("approval refused: {first} ({count} problem(s) in all)"),
    })
}
