//! Revision against revision (SPEC §4).

use serde_json::json;

use crate::assessment::testing::*;
use crate::assessment::*;

#[test]
fn a_revision_compared_with_itself_has_no_changes() {
    let scenario = Scenario::new().given(measure("local.training").upsert());
    let diff = diff_revisions(
        &scenario.base,
        &scenario.local,
        &scenario.base,
        &scenario.local,
    );
    assert!(diff.is_empty());
}

#[test]
fn the_revision_diff_shows_changed_overrides_new_answers_and_measures() {
    let approved = Scenario::new()
        .given(set_override(
            MISDIRECTED,
            "likelihood",
            json!(2),
            "Rare here.",
        ))
        .given(measure("local.old").upsert());
    let draft = Scenario {
        base: approved.base.clone(),
        local: approved.local.clone(),
    }
    .given(set_override(
        MISDIRECTED,
        "likelihood",
        json!(4),
        "Two incidents this year.",
    ))
    .given(AssessmentCommand::RemoveMeasure {
        measure_key: crate::template::testing::key("local.old"),
    })
    .given(measure("local.training").implementing(&[TRAINING]).upsert())
    .given(respond(TRAINING, ResponseKind::Implemented, None));
    let diff = diff_revisions(&approved.base, &approved.local, &draft.base, &draft.local);
    let departures: Vec<(&str, &str, ChangeKind)> = (diff.departures.iter())
        .map(|change| match change {
            RevisionChange::Added { after } => {
                ("added", after.item_key.as_str(), after.change.kind())
            }
            RevisionChange::Removed { before } => {
                ("removed", before.item_key.as_str(), before.change.kind())
            }
            RevisionChange::Changed { after, .. } => {
                ("changed", after.item_key.as_str(), after.change.kind())
            }
        })
        .collect();
    assert_eq!(
        departures,
        vec![
            ("changed", MISDIRECTED, ChangeKind::Overridden),
            ("added", TRAINING, ChangeKind::Answered),
            ("removed", TRAINING, ChangeKind::Unaddressed),
        ]
    );
    assert!(
        matches!(&diff.measures[0], RevisionChange::Added { after } if after.key.as_str() == "local.training")
    );
    assert!(
        matches!(&diff.measures[1], RevisionChange::Removed { before } if before.key.as_str() == "local.old")
    );
    assert!(diff.sign_offs.is_none());
}
