//! The adherence against its code (issue 8): what a reviewer at the authority reads first —
//! every clause where the controller does not simply comply, with its reasons.

use crate::adherence::testing::*;
use crate::adherence::{
    apply_adherence_upgrade, diff_against_code, Adherence, Answer, Departure, DepartureKind,
};
use crate::assessment::{ConflictResolution, Resolution};
use crate::template::testing::key;
use crate::template::Obligation;

fn kinds_of(adherence: &Adherence, filter: &[DepartureKind]) -> Vec<(String, DepartureKind)> {
    diff_against_code(&code(), adherence, filter)
        .into_iter()
        .map(|d| (d.clause_key.to_string(), d.departure.kind()))
        .collect()
}

#[test]
fn a_fully_compliant_adherence_has_no_departures() {
    let adherence = adhere(
        &code(),
        &measures(),
        &[
            compliant(ACCESS_REVIEW, "Half-yearly.", &["local.measure.review"]),
            compliant(TRAINING, "All staff.", &[]),
            compliant(FREE_TEXT, "Guideline.", &[]),
        ],
    );
    assert!(diff_against_code(&code(), &adherence, &[]).is_empty());
}

#[test]
fn deviations_not_applicable_and_unaddressed_clauses_are_listed_in_reading_order() {
    let adherence = adhere(
        &code(),
        &measures(),
        &[
            not_applicable(FREE_TEXT, "No messages module."),
            deviation(ACCESS_REVIEW, "Reviewed each term.", "local.measure.review"),
        ],
    );
    assert_eq!(
        kinds_of(&adherence, &[]),
        [
            (ACCESS_REVIEW.to_owned(), DepartureKind::Deviation),
            (TRAINING.to_owned(), DepartureKind::Unaddressed),
            (FREE_TEXT.to_owned(), DepartureKind::NotApplicable),
        ]
    );
}

#[test]
fn a_deviation_carries_its_justification_compensating_measure_and_obligation() {
    let adherence = adhere(
        &code(),
        &measures(),
        &[deviation(
            ACCESS_REVIEW,
            "Reviewed each term.",
            "local.measure.review",
        )],
    );
    let first = &diff_against_code(&code(), &adherence, &[DepartureKind::Deviation])[0];
    assert_eq!(first.clause_key, key(ACCESS_REVIEW));
    assert_eq!(first.number, "1.1");
    assert_eq!(first.obligation, Obligation::Must);
    assert_eq!(
        first.departure,
        Departure::Deviation {
            justification: "Reviewed each term.".to_owned(),
            compensating_measure: "local.measure.review".to_owned(),
        }
    );
}

#[test]
fn the_filter_keeps_only_the_kinds_asked_for() {
    let adherence = adhere(
        &code(),
        &[],
        &[not_applicable(FREE_TEXT, "No messages module.")],
    );
    assert_eq!(
        kinds_of(&adherence, &[DepartureKind::NotApplicable]),
        [(FREE_TEXT.to_owned(), DepartureKind::NotApplicable)]
    );
    assert_eq!(kinds_of(&adherence, &[DepartureKind::Unaddressed]).len(), 2);
    assert!(kinds_of(&adherence, &[DepartureKind::Retained]).is_empty());
}

#[test]
fn an_answer_kept_for_a_removed_clause_is_listed_as_retained_after_the_clauses() {
    let adherence = adhere(
        &code(),
        &[],
        &[
            compliant(ACCESS_REVIEW, "Half-yearly.", &[]),
            compliant(TRAINING, "All staff.", &[]),
            compliant(FREE_TEXT, "Guideline.", &[]),
        ],
    );
    let mut version_2 = code();
    version_2.clauses.retain(|c| c.key.as_str() != FREE_TEXT);
    let upgraded = apply_adherence_upgrade(
        &code(),
        &version_2,
        &adherence,
        &[ConflictResolution {
            item_key: key(FREE_TEXT),
            field: None,
            resolution: Resolution::KeepLocal {
                justification: "Our schools keep the rule.".to_owned(),
            },
        }],
    )
    .unwrap();
    let diff = diff_against_code(&version_2, &upgraded, &[]);
    assert_eq!(diff.len(), 1);
    assert_eq!(diff[0].clause_key, key(FREE_TEXT));
    let Departure::Retained {
        answer,
        justification,
    } = &diff[0].departure
    else {
        panic!("expected a retained answer, got {:?}", diff[0].departure);
    };
    assert!(matches!(answer, Answer::Compliant { .. }));
    assert_eq!(justification, "Our schools keep the rule.");
}
