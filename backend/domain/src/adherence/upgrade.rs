//! Upgrading an adherence from code version N to N+1 (SPEC §4, issue 8), with the types and
//! errors of the assessment upgrade so the API shows both the same way. The merge is simpler
//! than an assessment's because a controller overrides nothing in a code: new clauses arrive
//! `UNADDRESSED`, an answer to a clause N+1 removes is a conflict, and an answered clause
//! whose wording or bindings changed is listed for review (the answer stays; the controller
//! should check it still holds). Nothing changes until [`apply_adherence_upgrade`], and an
//! answer is only dropped when the controller takes the central removal explicitly.

use serde::Serialize;

use super::{Adherence, Answer, RetainedAnswer};
use crate::assessment::{
    CentralChange, Conflict, ConflictKind, ConflictResolution, Reference, Resolution,
    UpgradeChange, UpgradeError,
};
use crate::template::TemplateContent;
use crate::template::{diff_versions, CodeOfConductContent, FieldChange, ItemKey, ItemKind};

/// The clause fields that say what the clause asks of an adopter; a change to one of them
/// puts an answered clause up for review. Section and number are presentation.
const REVIEW_FIELDS: [&str; 4] = ["text", "obligation", "binds_recommendations", "binds_risks"];

/// What an adherence upgrade would do.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AdherenceUpgradePreview {
    /// Central changes taken as they are (new clauses arrive `UNADDRESSED`).
    pub taken: Vec<CentralChange>,
    /// Answers to clauses removed in N+1; each needs a resolution.
    pub conflicts: Vec<Conflict>,
    /// Answered clauses whose meaning changed; the answer is kept, and should be reviewed.
    pub reviews: Vec<ClauseReview>,
}

/// An answered clause whose wording, obligation or bindings changed in N+1.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClauseReview {
    /// The clause.
    pub clause_key: ItemKey,
    /// What changed, field by field.
    pub changes: Vec<FieldChange>,
    /// The controller's current answer, which the upgrade keeps.
    pub answer: Answer,
}

/// Previews the upgrade of `adherence` from `old` (N) to `new` (N+1). Nothing is changed.
pub fn preview_adherence_upgrade(
    old: &CodeOfConductContent,
    new: &CodeOfConductContent,
    adherence: &Adherence,
) -> AdherenceUpgradePreview {
    let diff = diff_versions(
        &TemplateContent::CodeOfConduct(old.clone()),
        &TemplateContent::CodeOfConduct(new.clone()),
    );
    let mut taken: Vec<CentralChange> = (diff.added.iter())
        .map(|added| central(&added.key, UpgradeChange::Added))
        .collect();
    for gone in &diff.removed {
        if adherence.answer(gone.key.as_str()).is_none() {
            taken.push(central(&gone.key, UpgradeChange::Removed));
        }
    }
    let mut reviews = Vec::new();
    for changed in &diff.changed {
        for field in &changed.fields {
            taken.push(central(
                &changed.key,
                UpgradeChange::FieldChanged {
                    field: field.field.clone(),
                    before: field.before.clone(),
                    after: field.after.clone(),
                },
            ));
        }
        let Some(answer) = adherence.answer(changed.key.as_str()) else {
            continue;
        };
        let changes: Vec<FieldChange> = (changed.fields.iter())
            .filter(|f| REVIEW_FIELDS.contains(&f.field.as_str()))
            .cloned()
            .collect();
        if !changes.is_empty() {
            reviews.push(ClauseReview {
                clause_key: changed.key.clone(),
                changes,
                answer: answer.clone(),
            });
        }
    }
    // Every answer to a key N+1 does not have is a conflict, whether N removed the clause or
    // the answer was stored around the rules: either way it must not vanish unasked.
    let conflicts = (adherence.answers.iter())
        .filter(|a| !new.clauses.iter().any(|c| c.key == a.clause_key))
        .map(|a| Conflict {
            item_key: a.clause_key.clone(),
            item_kind: ItemKind::Clause,
            field: None,
            kind: ConflictKind::ReferencedItemRemoved {
                references: vec![Reference {
                    by: a.clause_key.to_string(),
                    field: "answer".to_owned(),
                }],
            },
        })
        .collect();
    AdherenceUpgradePreview {
        taken,
        conflicts,
        reviews,
    }
}

/// Upgrades `adherence` from `old` (N) to `new` (N+1) with the given resolutions. Refused while
/// any conflict of [`preview_adherence_upgrade`] has no resolution. `KEEP_LOCAL` moves the
/// answer, with the removed clause's text and the justification, to
/// [`Adherence::retained`]; `TAKE_CENTRAL` drops it. Answers to kept clauses are unchanged.
pub fn apply_adherence_upgrade(
    old: &CodeOfConductContent,
    new: &CodeOfConductContent,
    adherence: &Adherence,
    resolutions: &[ConflictResolution],
) -> Result<Adherence, UpgradeError> {
    let preview = preview_adherence_upgrade(old, new, adherence);
    let resolution_of = |c: &Conflict| {
        (resolutions.iter())
            .find(|r| r.item_key == c.item_key && r.field.is_none())
            .map(|r| &r.resolution)
    };
    let open: Vec<Conflict> = (preview.conflicts.iter())
        .filter(|c| resolution_of(c).is_none())
        .cloned()
        .collect();
    if !open.is_empty() {
        return Err(UpgradeError::OpenConflicts { conflicts: open });
    }
    let mut next = adherence.clone();
    for conflict in &preview.conflicts {
        let key = &conflict.item_key;
        let Some(answer) = adherence.answer(key.as_str()) else {
            continue;
        };
        if let Some(Resolution::KeepLocal { justification }) = resolution_of(conflict) {
            if justification.trim().is_empty() {
                return Err(UpgradeError::MissingJustification {
                    item_key: key.to_string(),
                    field: "answer".to_owned(),
                });
            }
            let Some(clause) = old.clauses.iter().find(|c| &c.key == key) else {
                return Err(UpgradeError::CannotKeep {
                    item_key: key.to_string(),
                    reason: "it is a clause of neither version, so there is no clause text to \
                             keep the answer with; take the central state to drop it",
                });
            };
            next.retained.push(RetainedAnswer {
                clause: clause.clone(),
                answer: answer.clone(),
                justification: justification.clone(),
            });
        }
        next.answers.retain(|a| &a.clause_key != key);
    }
    Ok(next)
}

fn central(key: &ItemKey, change: UpgradeChange) -> CentralChange {
    CentralChange {
        item_key: key.clone(),
        item_kind: ItemKind::Clause,
        change,
    }
}
