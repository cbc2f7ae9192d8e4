//! The stored and written forms: commands as `{"command", "args"}` like assessment commands,
//! and an adherence document that refuses unknown fields.

use serde_json::json;

use crate::adherence::testing::*;
use crate::adherence::{Adherence, AdherenceCommand};

#[test]
fn commands_have_the_same_command_and_args_form_as_assessment_commands() {
    let command = deviation(ACCESS_REVIEW, "Small school.", "local.measure.review");
    let written = json!({
        "command": "SET_ANSWER",
        "args": {
            "clause_key": ACCESS_REVIEW,
            "answer": {
                "kind": "DEVIATION",
                "justification": "Small school.",
                "compensating_measure": "local.measure.review"
            }
        }
    });
    assert_eq!(serde_json::to_value(&command).unwrap(), written);
    let read: AdherenceCommand = serde_json::from_value(written).unwrap();
    assert_eq!(read, command);
    assert_eq!(read.target(), (ACCESS_REVIEW, "answer"));
    let cleared: AdherenceCommand = serde_json::from_value(
        json!({"command": "CLEAR_ANSWER", "args": {"clause_key": FREE_TEXT}}),
    )
    .unwrap();
    assert_eq!(cleared, clear(FREE_TEXT));
}

#[test]
fn unknown_fields_and_bad_keys_are_refused_when_read() {
    let extra = json!({"command": "SET_ANSWER", "args": {"clause_key": FREE_TEXT,
        "answer": {"kind": "NOT_APPLICABLE", "justification": "x", "measures": []}}});
    assert!(serde_json::from_value::<AdherenceCommand>(extra).is_err());
    let bad_key = json!({"command": "CLEAR_ANSWER", "args": {"clause_key": "Clause One"}});
    assert!(serde_json::from_value::<AdherenceCommand>(bad_key).is_err());
    assert!(serde_json::from_value::<Adherence>(json!({"answers": [], "notes": 1})).is_err());
}

#[test]
fn an_adherence_round_trips_and_an_empty_document_is_an_empty_adherence() {
    let adherence = adhere(
        &code(),
        &measures(),
        &[compliant(TRAINING, "Trained.", &["local.measure.training"])],
    );
    let text = serde_json::to_string(&adherence).unwrap();
    assert!(
        !text.contains("retained"),
        "no retained answers, no member: {text}"
    );
    assert_eq!(serde_json::from_str::<Adherence>(&text).unwrap(), adherence);
    assert_eq!(
        serde_json::from_str::<Adherence>("{}").unwrap(),
        Adherence::default()
    );
}
