//! The effective assessment (SPEC §3).

use serde_json::json;

use crate::assessment::testing::*;
use crate::assessment::*;

#[test]
fn an_assessment_without_local_changes_inherits_everything() {
    let effective = Scenario::new().effective();
    assert!(effective
        .risks
        .iter()
        .all(|r| r.provenance == ItemProvenance::Inherited));
    assert!(effective.inconsistencies.is_empty());
    let activity = &effective.activities[0];
    assert_eq!(activity.activity.provenance, ItemProvenance::Inherited);
    assert!(
        activity.activity.value.recipients.is_empty(),
        "nested items live beside it"
    );
    assert_eq!(activity.recipients.len(), 1);
}

#[test]
fn raising_a_consequence_is_marked_raised() {
    let scenario = Scenario::new().given(set_override(
        crate::assessment::testing::ACCESS,
        "consequence",
        json!(4),
        "Our users include protected persons.",
    ));
    let risk = scenario.effective().risk(ACCESS).cloned().unwrap();
    assert!(matches!(
        risk.consequence.provenance,
        Provenance::Overridden {
            direction: Direction::Raised,
            ..
        }
    ));
}

#[test]
fn stored_changes_that_break_the_rules_are_reported_not_applied() {
    let mut local = LocalChanges::default();
    local.overrides.push(Override {
        item_key: crate::template::testing::key(MISDIRECTED),
        field: "likelihood".to_owned(),
        value: json!(9),
        justification: "imported".to_owned(),
    });
    let effective = effective(&base(), &local);
    assert_eq!(effective.risk(MISDIRECTED).unwrap().likelihood.value, 3);
    assert_eq!(effective.inconsistencies.len(), 1);
    assert_eq!(violations(&base(), &local).len(), 1);
}
