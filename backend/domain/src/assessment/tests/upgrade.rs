//! Three-way upgrades (SPEC §4, issue 6).

use proptest::prelude::*;
use serde_json::json;

use crate::assessment::testing::*;
use crate::assessment::*;
use crate::template::testing::{key, risk};
use crate::template::{DpiaContent, TemplateContent};

fn demo(document: &str) -> DpiaContent {
    let parsed = crate::interchange::parse(document.as_bytes()).expect("the demo documents parse");
    match parsed.content {
        TemplateContent::Dpia(dpia) => dpia,
        TemplateContent::CodeOfConduct(_) => panic!("the demo template is a DPIA"),
    }
}

fn keep(item: &str, field: Option<&str>, justification: &str) -> ConflictResolution {
    ConflictResolution {
        item_key: key(item),
        field: field.map(str::to_owned),
        resolution: Resolution::KeepLocal {
            justification: justification.to_owned(),
        },
    }
}

fn take(item: &str, field: Option<&str>) -> ConflictResolution {
    ConflictResolution {
        item_key: key(item),
        field: field.map(str::to_owned),
        resolution: Resolution::TakeCentral,
    }
}

/// The base with the misdirected risk's likelihood raised to 4 and the training
/// recommendation removed.
fn next_version() -> DpiaContent {
    let mut new = base();
    new.risks[0].likelihood = 4;
    new.risks[1].description = "Clarified description.".to_owned();
    new.recommendations.clear();
    new
}

fn adopter() -> Scenario {
    Scenario::new()
        .given(set_override(
            MISDIRECTED,
            "likelihood",
            json!(2),
            "Few messages here.",
        ))
        .given(measure("local.training").implementing(&[TRAINING]).upsert())
        .given(respond(TRAINING, ResponseKind::Implemented, None))
}

#[test]
fn central_changes_to_untouched_fields_are_taken_and_overridden_ones_conflict() {
    let scenario = adopter();
    let preview = preview_upgrade(&scenario.base, &next_version(), &scenario.local).unwrap();
    assert!(preview.taken.iter().any(|c| c.item_key.as_str() == ACCESS
        && matches!(&c.change, UpgradeChange::FieldChanged { field, .. } if field == "description")));
    let conflicts: Vec<(&str, Option<&str>)> = (preview.conflicts.iter())
        .map(|c| (c.item_key.as_str(), c.field.as_deref()))
        .collect();
    assert_eq!(
        conflicts,
        vec![(TRAINING, None), (MISDIRECTED, Some("likelihood"))]
    );
    assert_eq!(
        preview.conflicts[1].kind,
        ConflictKind::OverriddenFieldChanged {
            central_before: json!(3),
            central_after: json!(4),
            local: json!(2),
            justification: "Few messages here.".to_owned(),
        }
    );
}

#[test]
fn an_upgrade_with_open_conflicts_is_refused_with_the_list() {
    let scenario = adopter();
    let error = apply_upgrade(
        &scenario.base,
        &next_version(),
        &scenario.local,
        &[take(MISDIRECTED, Some("likelihood"))],
    )
    .unwrap_err();
    match error {
        UpgradeError::OpenConflicts { conflicts } => {
            assert_eq!(conflicts.len(), 1);
            assert_eq!(conflicts[0].item_key.as_str(), TRAINING);
        }
        other => panic!("unexpected {other}"),
    }
}

#[test]
fn keeping_local_state_needs_a_justification() {
    let scenario = adopter();
    let error = apply_upgrade(
        &scenario.base,
        &next_version(),
        &scenario.local,
        &[
            keep(MISDIRECTED, Some("likelihood"), " "),
            take(TRAINING, None),
        ],
    )
    .unwrap_err();
    assert!(
        matches!(error, UpgradeError::MissingJustification { .. }),
        "{error}"
    );
}

#[test]
fn keeping_a_removed_recommendation_keeps_its_answer_and_measure_as_local_items() {
    let scenario = adopter();
    let upgraded = apply_upgrade(
        &scenario.base,
        &next_version(),
        &scenario.local,
        &[
            keep(
                MISDIRECTED,
                Some("likelihood"),
                "Still few messages, checked again.",
            ),
            keep(TRAINING, None, "We keep training everyone."),
        ],
    )
    .unwrap();
    assert!(upgraded.violations.is_empty(), "{:?}", upgraded.violations);
    let local = &upgraded.local;
    assert_eq!(
        local
            .override_of(MISDIRECTED, "likelihood")
            .unwrap()
            .justification,
        "Still few messages, checked again."
    );
    assert_eq!(local.additions.recommendations[0].key.as_str(), TRAINING);
    assert_eq!(
        local.retained[0].justification,
        "We keep training everyone."
    );
    let effective = effective(&next_version(), local);
    let training = effective.recommendation(TRAINING).unwrap();
    assert_eq!(training.recommendation.provenance, ItemProvenance::Local);
    assert_eq!(training.status, ResponseStatus::Implemented);
    assert_eq!(training.measures[0].key.as_str(), "local.training");
}

#[test]
fn taking_a_removal_drops_only_the_links_never_the_measure() {
    let scenario = adopter();
    let upgraded = apply_upgrade(
        &scenario.base,
        &next_version(),
        &scenario.local,
        &[take(MISDIRECTED, Some("likelihood")), take(TRAINING, None)],
    )
    .unwrap();
    let local = &upgraded.local;
    assert!(local.overrides.is_empty());
    assert!(local.responses.is_empty());
    assert_eq!(local.measures.len(), 1);
    assert!(local.measures[0].implements.is_empty());
    assert_eq!(
        effective(&next_version(), local)
            .risk(MISDIRECTED)
            .unwrap()
            .likelihood
            .value,
        4
    );
}

#[test]
fn a_new_version_reusing_a_local_key_cannot_be_taken() {
    let scenario = adopter();
    let mut new = base();
    new.risks
        .push(risk("local.training", "scope.messages", 1, 1));
    let error = preview_upgrade(&scenario.base, &new, &scenario.local).unwrap_err();
    assert!(
        matches!(error, UpgradeError::KeyCollision { .. }),
        "{error}"
    );
}

#[test]
fn the_demo_template_upgrade_conflicts_where_a_controller_overrode_or_answered() {
    let v1 = demo(include_str!("../../../../demo/school-platform-v1.json"));
    let v2 = demo(include_str!("../../../../demo/school-platform-v2.json"));
    let scenario = Scenario::on(v1.clone())
        .given(set_override(
            "risk.messages.forwarding",
            "likelihood",
            json!(1),
            "Forwarding is off.",
        ))
        .given(respond(
            "rec.photo-consent",
            ResponseKind::NotApplicable,
            Some("No gallery here."),
        ));
    let preview = preview_upgrade(&v1, &v2, &scenario.local).unwrap();
    let conflicts: Vec<&str> = preview
        .conflicts
        .iter()
        .map(|c| c.item_key.as_str())
        .collect();
    assert_eq!(
        conflicts,
        vec!["rec.photo-consent", "risk.messages.forwarding"]
    );
    let upgraded = apply_upgrade(
        &v1,
        &v2,
        &scenario.local,
        &[
            keep(
                "risk.messages.forwarding",
                Some("likelihood"),
                "Forwarding is still off.",
            ),
            take("rec.photo-consent", None),
        ],
    )
    .unwrap();
    assert!(upgraded.violations.is_empty(), "{:?}", upgraded.violations);
}

proptest! {
    #[test]
    fn upgrading_without_local_changes_equals_adopting_the_new_version(
        old in prop::collection::vec((1u8..=4, 1u8..=4), 0..12),
        new in prop::collection::vec((1u8..=4, 1u8..=4), 0..12),
    ) {
        let (old, new) = (base_with(&old), base_with(&new));
        let empty = LocalChanges::default();
        let preview = preview_upgrade(&old, &new, &empty).unwrap();
        prop_assert!(preview.conflicts.is_empty());
        let upgraded = apply_upgrade(&old, &new, &empty, &[]).unwrap();
        prop_assert_eq!(&upgraded.local, &empty);
        prop_assert_eq!(effective(&new, &upgraded.local), effective(&new, &empty));
    }

    #[test]
    fn every_overridden_and_centrally_changed_field_is_a_conflict(
        ratings in prop::collection::vec(((1u8..=4, 1u8..=4), (1u8..=4, 1u8..=4)), 1..12),
        overrides in prop::collection::vec((0usize..12, prop::bool::ANY, 1u8..=4), 0..16),
    ) {
        let old_ratings: Vec<(u8, u8)> = ratings.iter().map(|(o, _)| *o).collect();
        let new_ratings: Vec<(u8, u8)> = ratings.iter().map(|(_, n)| *n).collect();
        let (old, new) = (base_with(&old_ratings), base_with(&new_ratings));
        let mut local = LocalChanges::default();
        for (index, on_likelihood, value) in overrides {
            let field = if on_likelihood { "likelihood" } else { "consequence" };
            let command = set_override(&format!("risk.{}", index % ratings.len()), field, json!(value), "Local.");
            if let Ok(next) = apply(&old, &local, &command) {
                local = next;
            }
        }
        let preview = preview_upgrade(&old, &new, &local).unwrap();
        let mut expected: Vec<(String, String)> = (local.overrides.iter())
            .filter(|o| {
                let index: usize = o.item_key.as_str()["risk.".len()..].parse().unwrap();
                let pick = |r: &(u8, u8)| if o.field == "likelihood" { r.0 } else { r.1 };
                pick(&old_ratings[index]) != pick(&new_ratings[index])
            })
            .map(|o| (o.item_key.to_string(), o.field.clone()))
            .collect();
        let mut conflicts: Vec<(String, String)> = (preview.conflicts.iter())
            .map(|c| (c.item_key.to_string(), c.field.clone().unwrap_or_default()))
            .collect();
        expected.sort();
        conflicts.sort();
        prop_assert_eq!(conflicts, expected);
    }

    #[test]
    fn local_only_changes_survive_an_upgrade(
        old in prop::collection::vec((1u8..=4, 1u8..=4), 1..12),
        new in prop::collection::vec((1u8..=4, 1u8..=4), 1..12),
        local_risks in prop::collection::vec((1u8..=4, 1u8..=4), 0..5),
    ) {
        let (old, new) = (base_with(&old), base_with(&new));
        let mut scenario = Scenario::on(old.clone());
        for (index, (likelihood, consequence)) in local_risks.iter().enumerate() {
            let local_key = format!("local.risk.{index}");
            scenario = scenario
                .given(AssessmentCommand::UpsertLocalItem(LocalAddition::Risk(risk(
                    &local_key, "scope.messages", *likelihood, *consequence,
                ))))
                .given(measure(&format!("local.measure.{index}")).mitigating(&[&local_key]).upsert());
        }
        let upgraded = apply_upgrade(&old, &new, &scenario.local, &[]).unwrap();
        prop_assert_eq!(&upgraded.local, &scenario.local);
        prop_assert!(upgraded.violations.is_empty());
    }
}
