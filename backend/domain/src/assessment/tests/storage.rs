//! The JSON forms the server stores and audits (SPEC §6).

use serde_json::json;

use crate::assessment::testing::*;
use crate::assessment::*;

#[test]
fn local_changes_round_trip_through_json() {
    let scenario = Scenario::new()
        .given(set_override(
            MISDIRECTED,
            "likelihood",
            json!(2),
            "Rare here.",
        ))
        .given(
            measure("local.training")
                .mitigating(&[MISDIRECTED])
                .implementing(&[TRAINING])
                .upsert(),
        )
        .given(respond(
            TRAINING,
            ResponseKind::Planned {
                due: date(2025, 1, 31),
            },
            None,
        ))
        .given(AssessmentCommand::SetTreatment(treatment(
            MISDIRECTED,
            TreatmentDecision::Reduce,
            1,
            2,
        )));
    let text = serde_json::to_string(&scenario.local).unwrap();
    let back: LocalChanges = serde_json::from_str(&text).unwrap();
    assert_eq!(back, scenario.local);
    assert!(serde_json::from_str::<LocalChanges>("{}")
        .unwrap()
        .is_empty());
    assert!(serde_json::from_str::<LocalChanges>(r#"{"surprise": 1}"#).is_err());
}

#[test]
fn commands_round_trip_through_json_and_name_their_target() {
    let command = set_override(MISDIRECTED, "likelihood", json!(2), "Rare here.");
    let text = serde_json::to_string(&command).unwrap();
    assert!(text.starts_with(
        r#"{"command":"SET_OVERRIDE","args":{"item_key":"risk.messages.misdirected""#
    ));
    assert_eq!(
        serde_json::from_str::<AssessmentCommand>(&text).unwrap(),
        command
    );
    assert_eq!(command.target(), (MISDIRECTED, "likelihood"));
}
