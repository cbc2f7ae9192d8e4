//! The assessment against its base (SPEC §4).

use serde_json::json;

use crate::assessment::testing::*;
use crate::assessment::*;
use crate::risk_model::RiskLevel;
use crate::template::testing::{key, risk};
use crate::template::ItemKind;

/// Seed 003 in miniature: a high risk lowered on one training measure, a completed count,
/// a local risk, and the training recommendation never answered.
fn sydby() -> Scenario {
    Scenario::new()
        .given(set_override(
            MISDIRECTED,
            "likelihood",
            json!(2),
            "Rarely happens here.",
        ))
        .given(AssessmentCommand::Complete(Completion {
            item_key: key("subjects.pupils"),
            field: "count".to_owned(),
            value: json!(5000),
        }))
        .given(AssessmentCommand::UpsertLocalItem(LocalAddition::Risk(
            risk("local.risk.photos", "scope.messages", 2, 2),
        )))
        .given(
            measure("local.superuser-training")
                .mitigating(&[MISDIRECTED])
                .upsert(),
        )
        .given(AssessmentCommand::SetTreatment(treatment(
            MISDIRECTED,
            TreatmentDecision::Reduce,
            1,
            2,
        )))
}

#[test]
fn the_diff_lists_every_departure_with_lowered_values_marked() {
    let diff = diff_against_base(&sydby().effective(), &DiffFilter::default());
    let kinds: Vec<(String, ChangeKind)> = diff
        .iter()
        .map(|d| (d.item_key.to_string(), d.change.kind()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("subjects.pupils".to_owned(), ChangeKind::Completed),
            (MISDIRECTED.to_owned(), ChangeKind::Overridden),
            (MISDIRECTED.to_owned(), ChangeKind::ResidualDiffers),
            ("local.risk.photos".to_owned(), ChangeKind::Added),
            (TRAINING.to_owned(), ChangeKind::Unaddressed),
        ]
    );
    assert!(diff[1].change.is_lowering());
    assert_eq!(
        diff[1].change,
        Change::Overridden {
            field: "likelihood".to_owned(),
            central: json!(3),
            local: json!(2),
            justification: "Rarely happens here.".to_owned(),
            direction: Direction::Lowered,
        }
    );
}

#[test]
fn the_diff_filters_by_change_item_kind_scope_and_level() {
    let effective = sydby().effective();
    let unaddressed = DiffFilter {
        changes: vec![ChangeKind::Unaddressed],
        ..DiffFilter::default()
    };
    assert_eq!(diff_against_base(&effective, &unaddressed).len(), 1);
    // The lowered risk was HIGH centrally, so it shows under HIGH.
    let high = DiffFilter {
        level: Some(RiskLevel::High),
        ..DiffFilter::default()
    };
    let keys: Vec<_> = (diff_against_base(&effective, &high).into_iter())
        .map(|d| d.item_key.to_string())
        .collect();
    assert_eq!(keys, vec![MISDIRECTED, MISDIRECTED]);
    let risks_in_users_scope = DiffFilter {
        item_kinds: vec![ItemKind::Risk],
        scope: Some(key("scope.users")),
        ..DiffFilter::default()
    };
    assert!(diff_against_base(&effective, &risks_in_users_scope).is_empty());
}

#[test]
fn an_assessment_without_local_changes_departs_only_by_unaddressed_recommendations() {
    let diff = diff_against_base(&Scenario::new().effective(), &DiffFilter::default());
    assert!(diff.iter().all(|d| d.change == Change::Unaddressed));
    assert_eq!(diff.len(), 1);
}
