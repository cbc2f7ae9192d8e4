//! Measures, responses and incidents (SPEC §2, §3).

use crate::assessment::testing::*;
use crate::assessment::*;
use crate::template::testing::key;

#[test]
fn a_measure_linked_to_an_unknown_risk_is_refused() {
    let error = Scenario::new().refused(measure("local.m").mitigating(&["risk.other"]).upsert());
    assert_eq!(
        error,
        AssessmentError::DanglingReference {
            item_key: "local.m".to_owned(),
            field: "mitigates".to_owned(),
            target: "risk.other".to_owned(),
            expected: "risk",
        }
    );
}

#[test]
fn a_measure_linked_to_an_unknown_recommendation_is_refused() {
    let error = Scenario::new().refused(measure("local.m").implementing(&[MISDIRECTED]).upsert());
    assert_eq!(error.field(), "implements");
}

#[test]
fn a_measure_needs_a_local_key_a_title_and_a_sensible_review_cadence() {
    let error = Scenario::new().refused(measure("measure.training").upsert());
    assert!(
        matches!(error, AssessmentError::NotALocalKey { .. }),
        "{error}"
    );
    let error = Scenario::new().refused(measure("local.m").editing(|m| m.title.clear()).upsert());
    assert!(
        matches!(error, AssessmentError::EmptyText { .. }),
        "{error}"
    );
    let error = Scenario::new().refused(
        measure("local.m")
            .editing(|m| m.review_cadence_months = Some(0))
            .upsert(),
    );
    assert!(
        matches!(error, AssessmentError::InvalidReviewCadence { .. }),
        "{error}"
    );
}

#[test]
fn a_planned_measure_cannot_be_written_without_a_due_date() {
    let without_due = r#"{"status": "PLANNED"}"#;
    assert!(serde_json::from_str::<MeasureStatus>(without_due).is_err());
    let with_due = r#"{"status": "PLANNED", "due": "2025-01-31"}"#;
    assert_eq!(
        serde_json::from_str::<MeasureStatus>(with_due).unwrap(),
        MeasureStatus::Planned {
            due: date(2025, 1, 31)
        }
    );
}

#[test]
fn an_implemented_response_without_a_measure_is_refused() {
    let error = Scenario::new().refused(respond(TRAINING, ResponseKind::Implemented, None));
    assert_eq!(
        error.to_string(),
        "`rec.training`: the answer IMPLEMENTED needs at least one local measure in force that implements this recommendation (field `response`)"
    );
}

#[test]
fn an_implemented_response_with_a_measure_is_accepted_and_shows_its_measures() {
    let scenario = Scenario::new()
        .given(measure("local.training").implementing(&[TRAINING]).upsert())
        .given(respond(TRAINING, ResponseKind::Implemented, None));
    let effective = scenario.effective();
    let recommendation = effective.recommendation(TRAINING).unwrap();
    assert_eq!(recommendation.status, ResponseStatus::Implemented);
    assert_eq!(recommendation.measures[0].key.as_str(), "local.training");
}

#[test]
fn a_response_backed_only_by_a_retired_measure_is_refused() {
    let scenario = Scenario::new().given(
        measure("local.old")
            .implementing(&[TRAINING])
            .with_status(MeasureStatus::Retired {
                on: date(2020, 1, 1),
            })
            .upsert(),
    );
    let error = scenario.refused(respond(TRAINING, ResponseKind::Implemented, None));
    assert!(
        matches!(error, AssessmentError::ResponseWithoutMeasure { .. }),
        "{error}"
    );
}

#[test]
fn an_alternative_needs_a_justification_and_a_measure() {
    let error = Scenario::new().refused(respond(TRAINING, ResponseKind::Alternative, None));
    assert!(
        matches!(error, AssessmentError::MissingJustification { .. }),
        "{error}"
    );
    let error = Scenario::new().refused(respond(
        TRAINING,
        ResponseKind::Alternative,
        Some("E-learning instead."),
    ));
    assert!(
        matches!(error, AssessmentError::ResponseWithoutMeasure { .. }),
        "{error}"
    );
    let scenario = Scenario::new()
        .given(
            measure("local.elearning")
                .implementing(&[TRAINING])
                .upsert(),
        )
        .given(respond(
            TRAINING,
            ResponseKind::Alternative,
            Some("E-learning instead."),
        ));
    assert_eq!(
        scenario
            .effective()
            .recommendation(TRAINING)
            .unwrap()
            .status,
        ResponseStatus::Alternative
    );
}

#[test]
fn a_not_applicable_response_needs_a_justification() {
    let error = Scenario::new().refused(respond(TRAINING, ResponseKind::NotApplicable, Some("")));
    assert_eq!(
        error,
        AssessmentError::MissingJustification {
            item_key: TRAINING.to_owned(),
            field: "justification".to_owned(),
        }
    );
    let scenario = Scenario::new().given(respond(
        TRAINING,
        ResponseKind::NotApplicable,
        Some("Only two staff use the system."),
    ));
    assert_eq!(
        scenario
            .effective()
            .recommendation(TRAINING)
            .unwrap()
            .status,
        ResponseStatus::NotApplicable
    );
}

#[test]
fn a_planned_response_needs_no_measure_yet() {
    let scenario = Scenario::new().given(respond(
        TRAINING,
        ResponseKind::Planned {
            due: date(2025, 6, 30),
        },
        None,
    ));
    assert_eq!(
        scenario
            .effective()
            .recommendation(TRAINING)
            .unwrap()
            .status,
        ResponseStatus::Planned
    );
}

#[test]
fn an_unanswered_recommendation_is_unaddressed() {
    let effective = Scenario::new().effective();
    assert_eq!(
        effective.recommendation(TRAINING).unwrap().status,
        ResponseStatus::Unaddressed
    );
}

#[test]
fn answering_an_unknown_recommendation_is_refused() {
    let error =
        Scenario::new().refused(respond("rec.other", ResponseKind::NotApplicable, Some("x")));
    assert!(
        matches!(error, AssessmentError::UnknownItem { .. }),
        "{error}"
    );
}

#[test]
fn removing_a_measure_an_answer_relies_on_is_refused() {
    let scenario = Scenario::new()
        .given(measure("local.training").implementing(&[TRAINING]).upsert())
        .given(respond(TRAINING, ResponseKind::Implemented, None));
    let error = scenario.refused(AssessmentCommand::RemoveMeasure {
        measure_key: key("local.training"),
    });
    assert_eq!(
        error,
        AssessmentError::StillReferenced {
            item_key: "local.training".to_owned(),
            field: "implements".to_owned(),
            by: TRAINING.to_owned(),
        }
    );
}

#[test]
fn removing_a_measure_nothing_relies_on_is_accepted() {
    let scenario = Scenario::new()
        .given(measure("local.training").implementing(&[TRAINING]).upsert())
        .given(AssessmentCommand::RemoveMeasure {
            measure_key: key("local.training"),
        });
    assert!(scenario.local.measures.is_empty());
}

#[test]
fn removing_an_unknown_measure_is_refused() {
    let error = Scenario::new().refused(AssessmentCommand::RemoveMeasure {
        measure_key: key("local.none"),
    });
    assert!(
        matches!(error, AssessmentError::NothingToClear { .. }),
        "{error}"
    );
}

#[test]
fn an_incident_linked_to_an_unknown_risk_is_refused() {
    let error = Scenario::new().refused(AssessmentCommand::UpsertIncident(incident(&["risk.x"])));
    assert!(
        matches!(error, AssessmentError::DanglingReference { .. }),
        "{error}"
    );
}

#[test]
fn an_incident_shows_on_its_risk() {
    let scenario =
        Scenario::new().given(AssessmentCommand::UpsertIncident(incident(&[MISDIRECTED])));
    let effective = scenario.effective();
    assert_eq!(
        effective.risk(MISDIRECTED).unwrap().incidents[0].as_str(),
        "local.incident.1"
    );
}

fn incident(risks: &[&str]) -> Incident {
    Incident {
        key: key("local.incident.1"),
        occurred_on: date(2023, 4, 12),
        description: "A message about a pupil's diagnosis went to the wrong parent.".to_owned(),
        risks: risks.iter().map(|r| key(r)).collect(),
        notified_art33: true,
        notified_art34: false,
    }
}

/// Issue 14, finding 11: a cadence of 2,147,483,648 months was accepted (and overflowed the
/// API's `Int`). At most ten years between reviews; the error names the field.
#[test]
fn finding_11_a_review_cadence_over_ten_years_is_refused_naming_the_field() {
    for months in [121, 2_147_483_648, u32::MAX] {
        let error = Scenario::new().refused(
            measure("local.m")
                .editing(|m| m.review_cadence_months = Some(months))
                .upsert(),
        );
        assert!(
            matches!(error, AssessmentError::InvalidReviewCadence { .. }),
            "{months}: {error}"
        );
        assert_eq!(error.field(), "review_cadence_months");
    }
    let upper = measure("local.m")
        .editing(|m| m.review_cadence_months = Some(120))
        .upsert();
    let _ = Scenario::new().given(upper);
}
