//! Family 5, answers to the recommendations, and promised follow-up.

use crate::assessment::{MeasureStatus, ResponseKind};
use crate::checks::testing::*;
use crate::template::testing::recommendation;
use crate::template::Obligation;

const UNADDRESSED: &str = "A35_7D_RECOMMENDATION_UNADDRESSED";
const MUST_NA: &str = "A35_7D_MUST_NOT_APPLICABLE";
const UNSUPPORTED: &str = "A35_7D_RESPONSE_UNSUPPORTED";
const PLANNED_OVERDUE: &str = "A35_7D_RESPONSE_PLANNED_OVERDUE";
const MEASURE_OVERDUE: &str = "A32_MEASURE_OVERDUE";

fn answered(kind: ResponseKind, justification: Option<&str>) -> Fixture {
    Fixture::well_formed().local(|l| {
        l.responses[0].response = kind;
        l.responses[0].justification = justification.map(str::to_owned);
    })
}

#[test]
fn a_central_recommendation_without_an_answer_is_reported() {
    let fixture = Fixture::well_formed().local(|l| l.responses.clear());
    let findings = fixture.findings(UNADDRESSED);
    assert_eq!(keys(&findings), [[TRAINING_REC]]);
    assert!(findings[0]
        .message
        .contains("MUST recommendation 'title rec.training'"));
}

#[test]
fn an_answered_recommendation_passes() {
    assert!(Fixture::well_formed().findings(UNADDRESSED).is_empty());
}

#[test]
fn a_local_recommendation_is_the_controllers_own_and_needs_no_answer() {
    let fixture = Fixture::well_formed().local(|l| {
        l.additions
            .recommendations
            .push(recommendation("local.rec.logs", &[]))
    });
    assert!(fixture.findings(UNADDRESSED).is_empty());
}

#[test]
fn a_recommendation_whose_scopes_are_all_not_applicable_needs_no_answer() {
    let fixture = Fixture::well_formed().local(|l| {
        l.responses.clear();
        l.not_applicable.push(not_applicable(
            "scope.messages",
            "We do not use the messages module.",
        ));
    });
    assert!(fixture.findings(UNADDRESSED).is_empty());
}

#[test]
fn a_must_recommendation_answered_not_applicable_is_a_warning_quoting_the_reason() {
    let fixture = answered(
        ResponseKind::NotApplicable,
        Some("Our staff are trained already."),
    );
    let findings = fixture.findings(MUST_NA);
    assert_eq!(keys(&findings), [[TRAINING_REC]]);
    assert!(findings[0]
        .message
        .contains("\"Our staff are trained already.\""));
}

#[test]
fn a_should_recommendation_answered_not_applicable_passes() {
    let fixture = answered(ResponseKind::NotApplicable, Some("Not relevant."))
        .base(|b| b.recommendations[0].obligation = Obligation::Should);
    assert!(fixture.findings(MUST_NA).is_empty());
    assert!(Fixture::well_formed().findings(MUST_NA).is_empty());
}

#[test]
fn a_not_applicable_answer_without_justification_is_reported() {
    let findings = answered(ResponseKind::NotApplicable, None).findings(UNSUPPORTED);
    assert_eq!(keys(&findings), [[TRAINING_REC]]);
    assert!(findings[0]
        .message
        .contains("justification for answering NOT_APPLICABLE"));
}

#[test]
fn an_implemented_answer_without_a_measure_in_force_is_reported() {
    let fixture = Fixture::well_formed().local(|l| l.measures[0].implements.clear());
    let findings = fixture.findings(UNSUPPORTED);
    assert_eq!(keys(&findings), [[TRAINING_REC]]);
    assert!(findings[0]
        .message
        .contains("answered IMPLEMENTED, but no measure in force"));
}

#[test]
fn supported_answers_pass() {
    assert!(Fixture::well_formed().findings(UNSUPPORTED).is_empty());
    let planned = answered(
        ResponseKind::Planned {
            due: date(2024, 9, 1),
        },
        None,
    )
    .local(|l| l.measures[0].implements.clear());
    assert!(
        planned.findings(UNSUPPORTED).is_empty(),
        "a plan needs no measure yet"
    );
}

#[test]
fn a_planned_answer_past_its_due_date_is_a_warning() {
    let fixture = answered(
        ResponseKind::Planned {
            due: date(2024, 5, 1),
        },
        None,
    );
    let findings = fixture.findings(PLANNED_OVERDUE);
    assert_eq!(keys(&findings), [[TRAINING_REC]]);
    assert!(findings[0].message.contains("2024-05-01"));
}

#[test]
fn a_planned_answer_not_yet_due_passes() {
    let fixture = answered(
        ResponseKind::Planned {
            due: date(2024, 6, 1),
        },
        None,
    );
    assert!(
        fixture.findings(PLANNED_OVERDUE).is_empty(),
        "due today is not overdue"
    );
}

#[test]
fn a_planned_measure_past_its_due_date_is_a_warning() {
    let overdue = Fixture::well_formed().local(|l| {
        l.measures[1].status = MeasureStatus::Planned {
            due: date(2024, 4, 30),
        }
    });
    assert_eq!(
        keys(&overdue.findings(MEASURE_OVERDUE)),
        [[RECIPIENT_CHECK]]
    );
    let not_due = Fixture::well_formed().local(|l| {
        l.measures[1].status = MeasureStatus::Planned {
            due: date(2024, 7, 1),
        }
    });
    assert!(not_due.findings(MEASURE_OVERDUE).is_empty());
}
