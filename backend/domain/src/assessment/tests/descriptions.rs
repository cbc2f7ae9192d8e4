//! Overrides, completions and not-applicable marks (SPEC §3).

use serde_json::json;

use crate::assessment::testing::*;
use crate::assessment::*;
use crate::template::testing::key;

#[test]
fn lowering_a_likelihood_with_a_justification_is_accepted_and_marked_lowered() {
    let scenario = Scenario::new().given(set_override(
        MISDIRECTED,
        "likelihood",
        json!(2),
        "No misdirected message in five years of logs.",
    ));
    let risk = scenario.effective().risk(MISDIRECTED).cloned().unwrap();
    assert_eq!(risk.likelihood.value, 2);
    assert_eq!(
        risk.likelihood.provenance,
        Provenance::Overridden {
            central: json!(3),
            justification: "No misdirected message in five years of logs.".to_owned(),
            direction: Direction::Lowered,
        }
    );
    assert_eq!(risk.provenance, ItemProvenance::Overridden);
    assert_eq!(risk.central_level, Some(crate::risk_model::RiskLevel::High));
    assert_eq!(risk.inherent_level, crate::risk_model::RiskLevel::Medium);
}

#[test]
fn an_override_without_a_justification_is_refused() {
    let error = Scenario::new().refused(set_override(MISDIRECTED, "likelihood", json!(2), "  "));
    assert_eq!(
        error,
        AssessmentError::MissingJustification {
            item_key: MISDIRECTED.to_owned(),
            field: "likelihood".to_owned(),
        }
    );
    assert_eq!(
        error.to_string(),
        "`risk.messages.misdirected`: `likelihood` needs a justification that is not empty"
    );
}

#[test]
fn an_override_of_a_key_of_another_template_is_refused() {
    let error = Scenario::new().refused(set_override(
        "risk.m365.telemetry",
        "likelihood",
        json!(2),
        "reason",
    ));
    assert!(matches!(error, AssessmentError::UnknownItem { .. }));
    assert_eq!(error.item_key(), "risk.m365.telemetry");
    assert_eq!(error.field(), "likelihood");
}

#[test]
fn an_override_of_a_field_the_item_does_not_have_is_refused() {
    let error = Scenario::new().refused(set_override(MISDIRECTED, "severity", json!(2), "reason"));
    assert!(
        matches!(error, AssessmentError::UnknownField { .. }),
        "{error}"
    );
}

#[test]
fn an_override_outside_the_scale_is_refused() {
    for value in [json!(0), json!(5), json!(300)] {
        let error = Scenario::new().refused(set_override(
            MISDIRECTED,
            "consequence",
            value.clone(),
            "reason",
        ));
        assert!(
            matches!(&error, AssessmentError::OutOfScale { max: 4, field, .. } if field == "consequence"),
            "{value}: {error}"
        );
    }
}

#[test]
fn an_override_of_the_wrong_shape_is_refused() {
    let error = Scenario::new().refused(set_override(MISDIRECTED, "threat", json!(42), "reason"));
    assert!(
        matches!(error, AssessmentError::InvalidValue { .. }),
        "{error}"
    );
    let error = Scenario::new().refused(set_override(
        MISDIRECTED,
        "likelihood",
        json!("high"),
        "reason",
    ));
    assert!(
        matches!(error, AssessmentError::InvalidValue { .. }),
        "{error}"
    );
}

#[test]
fn a_text_field_can_be_overridden_and_shows_as_changed() {
    let scenario = Scenario::new().given(set_override(
        MISDIRECTED,
        "description",
        json!("Messages to parents with protected addresses."),
        "Our schools have many protected addresses.",
    ));
    let risk = scenario.effective().risk(MISDIRECTED).cloned().unwrap();
    assert_eq!(
        risk.risk.description,
        "Messages to parents with protected addresses."
    );
    assert!(matches!(
        &risk.departures[0].provenance,
        Provenance::Overridden {
            direction: Direction::Changed,
            ..
        }
    ));
}

#[test]
fn the_risk_model_and_structural_fields_cannot_be_overridden() {
    let scenario = Scenario::new();
    let error = scenario.refused(set_override("risk_model", "matrix", json!([]), "reason"));
    assert!(
        matches!(error, AssessmentError::NotOverridable { .. }),
        "{error}"
    );
    let error = scenario.refused(set_override(
        MISDIRECTED,
        "scope",
        json!("scope.users"),
        "r",
    ));
    assert!(
        matches!(error, AssessmentError::NotOverridable { .. }),
        "{error}"
    );
    let error = scenario.refused(set_override(MISDIRECTED, "key", json!("risk.x"), "r"));
    assert!(
        matches!(error, AssessmentError::NotOverridable { .. }),
        "{error}"
    );
}

#[test]
fn an_override_equal_to_the_central_value_is_refused() {
    let error = Scenario::new().refused(set_override(MISDIRECTED, "likelihood", json!(3), "r"));
    assert!(
        matches!(error, AssessmentError::SameAsCentral { .. }),
        "{error}"
    );
}

#[test]
fn a_field_left_to_adopters_is_completed_not_overridden() {
    let error = Scenario::new().refused(set_override("subjects.pupils", "count", json!(5000), "r"));
    assert!(
        matches!(error, AssessmentError::NotOverridable { .. }),
        "{error}"
    );
}

#[test]
fn clearing_an_override_that_does_not_exist_is_refused() {
    let error = Scenario::new().refused(AssessmentCommand::ClearOverride {
        item_key: key(MISDIRECTED),
        field: "likelihood".to_owned(),
    });
    assert!(
        matches!(error, AssessmentError::NothingToClear { .. }),
        "{error}"
    );
}

#[test]
fn clearing_an_override_returns_to_the_central_value() {
    let scenario = Scenario::new()
        .given(set_override(
            MISDIRECTED,
            "likelihood",
            json!(4),
            "Two breaches last year.",
        ))
        .given(AssessmentCommand::ClearOverride {
            item_key: key(MISDIRECTED),
            field: "likelihood".to_owned(),
        });
    let risk = scenario.effective().risk(MISDIRECTED).cloned().unwrap();
    assert_eq!(risk.likelihood.provenance, Provenance::Inherited);
    assert_eq!(risk.likelihood.value, 3);
}

#[test]
fn completing_a_subject_count_is_accepted_and_shows_as_local() {
    let scenario = Scenario::new().given(complete("subjects.pupils", "count", json!(5000)));
    let effective = scenario.effective();
    let pupils = &effective.activities[0].data_subject_categories[0];
    assert_eq!(pupils.value.count, Some(5000));
    assert_eq!(pupils.field_provenance("count"), Provenance::Local);
    assert_eq!(pupils.field_provenance("name"), Provenance::Inherited);
}

#[test]
fn completing_a_field_the_template_does_not_leave_to_adopters_is_refused() {
    let error = Scenario::new().refused(complete("subjects.pupils", "name", json!("Children")));
    assert!(
        matches!(error, AssessmentError::NotToBeCompleted { .. }),
        "{error}"
    );
}

#[test]
fn completing_with_a_value_of_the_wrong_shape_is_refused() {
    let error = Scenario::new().refused(complete("subjects.pupils", "count", json!("many")));
    assert!(
        matches!(error, AssessmentError::InvalidValue { .. }),
        "{error}"
    );
    let error = Scenario::new().refused(complete("subjects.pupils", "count", json!(null)));
    assert!(
        matches!(error, AssessmentError::InvalidValue { .. }),
        "{error}"
    );
}

#[test]
fn marking_an_item_not_applicable_needs_a_justification() {
    let error = Scenario::new().refused(not_applicable(ACCESS, ""));
    assert_eq!(
        error,
        AssessmentError::MissingJustification {
            item_key: ACCESS.to_owned(),
            field: "justification".to_owned(),
        }
    );
}

#[test]
fn a_recommendation_is_answered_not_applicable_rather_than_marked() {
    let error = Scenario::new().refused(not_applicable(TRAINING, "We have no users."));
    assert!(
        matches!(error, AssessmentError::CannotBeNotApplicable { .. }),
        "{error}"
    );
}

#[test]
fn an_item_marked_not_applicable_cannot_be_overridden() {
    let scenario = Scenario::new().given(not_applicable(ACCESS, "No external access here."));
    let error = scenario.refused(set_override(ACCESS, "likelihood", json!(1), "reason"));
    assert!(
        matches!(error, AssessmentError::ItemNotApplicable { .. }),
        "{error}"
    );
}

#[test]
fn a_scope_marked_not_applicable_sets_its_risks_and_activities_aside() {
    let scenario = Scenario::new().given(not_applicable(
        "scope.messages",
        "We do not use the messages module.",
    ));
    let effective = scenario.effective();
    let expected = ItemProvenance::NotApplicable {
        justification: "We do not use the messages module.".to_owned(),
    };
    assert_eq!(effective.risk(MISDIRECTED).unwrap().provenance, expected);
    assert_eq!(effective.activities[0].activity.provenance, expected);
    assert_eq!(effective.activities[0].recipients[0].provenance, expected);
}

fn complete(item: &str, field: &str, value: serde_json::Value) -> AssessmentCommand {
    AssessmentCommand::Complete(Completion {
        item_key: key(item),
        field: field.to_owned(),
        value,
    })
}

fn not_applicable(item: &str, justification: &str) -> AssessmentCommand {
    AssessmentCommand::MarkNotApplicable(NotApplicable {
        item_key: key(item),
        justification: justification.to_owned(),
    })
}
