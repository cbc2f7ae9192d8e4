//! Upgrading an adherence to a new code version (SPEC §4, issue 8): previewed as a three-way
//! merge, applied only with every conflict resolved, and never losing an answer unasked.

use serde_json::json;

use crate::adherence::testing::*;
use crate::adherence::{
    apply_adherence_upgrade, preview_adherence_upgrade, Adherence, AdherenceStatus, Answer,
};
use crate::assessment::{ConflictResolution, Resolution, UpgradeChange, UpgradeError};
use crate::template::testing::key;
use crate::template::{CodeOfConductContent, Obligation};

/// Version 2 of the test code: `clause.free-text` removed, `clause.training` reworded,
/// `clause.access-review` renumbered, `clause.incidents` added.
fn version_2() -> CodeOfConductContent {
    let mut code = code();
    code.clauses.retain(|c| c.key.as_str() != FREE_TEXT);
    code.clauses[0].number = "9.9".to_owned();
    code.clauses[1].text = "All staff and volunteers are trained yearly.".to_owned();
    code.clauses
        .push(clause("clause.incidents", Obligation::Must, &[]));
    code
}

fn answered() -> Adherence {
    adhere(
        &code(),
        &measures(),
        &[
            compliant(TRAINING, "All staff trained.", &["local.measure.training"]),
            compliant(
                ACCESS_REVIEW,
                "Half-yearly review.",
                &["local.measure.review"],
            ),
            not_applicable(FREE_TEXT, "No messages module."),
        ],
    )
}

fn resolve(clause_key: &str, resolution: Resolution) -> ConflictResolution {
    ConflictResolution {
        item_key: key(clause_key),
        field: None,
        resolution,
    }
}

#[test]
fn the_preview_takes_additions_and_field_changes_and_lists_removed_answered_clauses_as_conflicts() {
    let preview = preview_adherence_upgrade(&code(), &version_2(), &answered());
    let taken: Vec<(&str, &UpgradeChange)> = (preview.taken.iter())
        .map(|c| (c.item_key.as_str(), &c.change))
        .collect();
    assert!(taken.contains(&("clause.incidents", &UpgradeChange::Added)));
    assert!(taken.iter().any(|(k, c)| *k == TRAINING
        && matches!(c, UpgradeChange::FieldChanged { field, .. } if field == "text")));
    assert!(taken.iter().any(|(k, c)| *k == ACCESS_REVIEW
        && matches!(c, UpgradeChange::FieldChanged { field, .. } if field == "number")));
    let conflicts: Vec<&str> = preview
        .conflicts
        .iter()
        .map(|c| c.item_key.as_str())
        .collect();
    assert_eq!(conflicts, [FREE_TEXT]);
    assert_eq!(preview.conflicts[0].field, None);
}

#[test]
fn a_reworded_answered_clause_is_listed_for_review_but_a_renumbered_one_is_not() {
    let preview = preview_adherence_upgrade(&code(), &version_2(), &answered());
    assert_eq!(preview.reviews.len(), 1);
    let review = &preview.reviews[0];
    assert_eq!(review.clause_key.as_str(), TRAINING);
    assert_eq!(review.changes[0].field, "text");
    assert_eq!(
        review.changes[0].after,
        json!("All staff and volunteers are trained yearly.")
    );
    assert_eq!(
        review.answer.clone(),
        answered().answer(TRAINING).unwrap().clone()
    );
}

#[test]
fn removing_a_clause_nobody_answered_is_taken_without_conflict() {
    let adherence = adhere(&code(), &[], &[compliant(TRAINING, "Trained.", &[])]);
    let preview = preview_adherence_upgrade(&code(), &version_2(), &adherence);
    assert!(preview.conflicts.is_empty());
    assert!(preview
        .reviews
        .iter()
        .all(|r| r.clause_key.as_str() == TRAINING));
    assert!(preview
        .taken
        .iter()
        .any(|c| c.item_key.as_str() == FREE_TEXT && c.change == UpgradeChange::Removed));
    let upgraded = apply_adherence_upgrade(&code(), &version_2(), &adherence, &[]).unwrap();
    assert_eq!(upgraded, adherence);
}

#[test]
fn the_upgrade_is_refused_while_a_conflict_is_unresolved() {
    let error = apply_adherence_upgrade(&code(), &version_2(), &answered(), &[]).unwrap_err();
    let UpgradeError::OpenConflicts { conflicts } = error else {
        panic!("expected open conflicts, got {error:?}");
    };
    assert_eq!(conflicts[0].item_key.as_str(), FREE_TEXT);
}

#[test]
fn taking_the_central_removal_drops_only_that_answer() {
    let upgraded = apply_adherence_upgrade(
        &code(),
        &version_2(),
        &answered(),
        &[resolve(FREE_TEXT, Resolution::TakeCentral)],
    )
    .unwrap();
    assert_eq!(upgraded.answer(FREE_TEXT), None);
    assert!(upgraded.retained.is_empty());
    assert_eq!(upgraded.answer(TRAINING), answered().answer(TRAINING));
    assert_eq!(upgraded.status(ACCESS_REVIEW), AdherenceStatus::Compliant);
    assert_eq!(
        upgraded.status("clause.incidents"),
        AdherenceStatus::Unaddressed
    );
}

#[test]
fn keeping_an_answer_to_a_removed_clause_retains_it_with_the_clause_text_and_the_reason() {
    let upgraded = apply_adherence_upgrade(
        &code(),
        &version_2(),
        &answered(),
        &[resolve(
            FREE_TEXT,
            Resolution::KeepLocal {
                justification: "We keep the rule for our own schools.".to_owned(),
            },
        )],
    )
    .unwrap();
    assert_eq!(
        upgraded.answer(FREE_TEXT),
        None,
        "no answer to a clause N+1 lacks"
    );
    let retained = &upgraded.retained[0];
    assert_eq!(retained.clause.key.as_str(), FREE_TEXT);
    assert_eq!(retained.clause.text, "text of clause.free-text");
    assert!(matches!(retained.answer, Answer::NotApplicable { .. }));
    // A retained answer is dropped by clearing it, like an answer.
    let cleared = crate::adherence::apply(&version_2(), &upgraded, &[], &clear(FREE_TEXT)).unwrap();
    assert!(cleared.retained.is_empty());
}

#[test]
fn keeping_an_answer_without_a_justification_is_refused() {
    let error = apply_adherence_upgrade(
        &code(),
        &version_2(),
        &answered(),
        &[resolve(
            FREE_TEXT,
            Resolution::KeepLocal {
                justification: " ".to_owned(),
            },
        )],
    )
    .unwrap_err();
    assert_eq!(
        error,
        UpgradeError::MissingJustification {
            item_key: FREE_TEXT.to_owned(),
            field: "answer".to_owned(),
        }
    );
}

#[test]
fn the_upgraded_adherence_is_a_valid_adherence_to_the_new_version() {
    let upgraded = apply_adherence_upgrade(
        &code(),
        &version_2(),
        &answered(),
        &[resolve(FREE_TEXT, Resolution::TakeCentral)],
    )
    .unwrap();
    for answer in &upgraded.answers {
        assert!(version_2()
            .clauses
            .iter()
            .any(|c| c.key == answer.clause_key));
    }
    let again = preview_adherence_upgrade(&version_2(), &version_2(), &upgraded);
    assert!(again.taken.is_empty() && again.conflicts.is_empty() && again.reviews.is_empty());
}
