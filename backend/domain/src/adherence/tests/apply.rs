//! The write rules of an adherence (SPEC §3, issue 8): each refused with the clause key and
//! field named, and each accepted when met.

use crate::adherence::testing::*;
use crate::adherence::{apply, Adherence, AdherenceError, AdherenceStatus, Answer};
use crate::assessment::MeasureStatus;
use crate::template::testing::key;

fn refused(
    measures: &[crate::assessment::Measure],
    command: crate::adherence::AdherenceCommand,
) -> AdherenceError {
    apply(&code(), &Adherence::default(), measures, &command)
        .expect_err("the command should be refused")
}

#[test]
fn answering_a_clause_makes_it_no_longer_unaddressed() {
    let adherence = adhere(
        &code(),
        &measures(),
        &[compliant(
            TRAINING,
            "All staff trained yearly.",
            &["local.measure.training"],
        )],
    );
    assert_eq!(adherence.status(TRAINING), AdherenceStatus::Compliant);
    assert_eq!(
        adherence.status(ACCESS_REVIEW),
        AdherenceStatus::Unaddressed
    );
}

#[test]
fn answering_a_key_that_is_not_a_clause_of_the_code_is_refused() {
    let error = refused(
        &measures(),
        not_applicable("clause.unknown", "No such thing here."),
    );
    assert_eq!(
        error,
        AdherenceError::UnknownClause {
            item_key: "clause.unknown".to_owned(),
            field: "clause_key".to_owned(),
        }
    );
    assert_eq!(
        (error.item_key(), error.field()),
        ("clause.unknown", "clause_key")
    );
}

#[test]
fn a_compliant_answer_without_evidence_is_refused() {
    let error = refused(
        &measures(),
        compliant(TRAINING, "  ", &["local.measure.training"]),
    );
    assert_eq!((error.item_key(), error.field()), (TRAINING, "evidence"));
    assert!(matches!(error, AdherenceError::MissingEvidence { .. }));
}

#[test]
fn a_compliant_answer_with_documentary_evidence_only_is_accepted() {
    let adherence = adhere(
        &code(),
        &[],
        &[compliant(FREE_TEXT, "Guideline of 2024.", &[])],
    );
    assert_eq!(adherence.status(FREE_TEXT), AdherenceStatus::Compliant);
}

#[test]
fn a_compliant_answer_linking_a_measure_the_dpia_does_not_have_is_refused() {
    let error = refused(
        &measures(),
        compliant(TRAINING, "Trained.", &["local.measure.elsewhere"]),
    );
    assert_eq!(
        error,
        AdherenceError::UnknownMeasure {
            item_key: TRAINING.to_owned(),
            field: "measures".to_owned(),
            measure_key: "local.measure.elsewhere".to_owned(),
        }
    );
}

#[test]
fn without_a_dpia_no_measure_can_be_linked() {
    let error = refused(
        &[],
        compliant(TRAINING, "Trained.", &["local.measure.training"]),
    );
    assert!(matches!(error, AdherenceError::UnknownMeasure { .. }));
}

#[test]
fn a_compliant_answer_linking_a_retired_measure_is_refused() {
    let retired = vec![with_status(
        measure("local.measure.training", &[REC_TRAINING]),
        MeasureStatus::Retired {
            on: date(2024, 6, 1),
        },
    )];
    let error = refused(
        &retired,
        compliant(TRAINING, "Trained.", &["local.measure.training"]),
    );
    assert!(matches!(error, AdherenceError::MeasureRetired { .. }));
    assert_eq!(error.field(), "measures");
}

#[test]
fn a_compliant_answer_linking_a_planned_measure_is_accepted_and_left_to_the_checks() {
    let planned = vec![with_status(
        measure("local.measure.training", &[REC_TRAINING]),
        MeasureStatus::Planned {
            due: date(2027, 1, 1),
        },
    )];
    let adherence = adhere(
        &code(),
        &planned,
        &[compliant(TRAINING, "Trained.", &["local.measure.training"])],
    );
    assert_eq!(adherence.status(TRAINING), AdherenceStatus::Compliant);
}

#[test]
fn linking_the_same_measure_twice_is_refused() {
    let error = refused(
        &measures(),
        compliant(
            TRAINING,
            "Trained.",
            &["local.measure.training", "local.measure.training"],
        ),
    );
    assert!(matches!(error, AdherenceError::DuplicateMeasure { .. }));
}

#[test]
fn a_deviation_without_justification_is_refused() {
    let error = refused(
        &measures(),
        deviation(ACCESS_REVIEW, "", "Yearly review instead."),
    );
    assert_eq!(
        error,
        AdherenceError::MissingJustification {
            item_key: ACCESS_REVIEW.to_owned(),
            field: "justification".to_owned(),
        }
    );
}

#[test]
fn a_deviation_with_a_compensating_measure_in_words_or_by_key_is_accepted() {
    let adherence = adhere(
        &code(),
        &measures(),
        &[
            deviation(ACCESS_REVIEW, "Small school.", "local.measure.review"),
            deviation(FREE_TEXT, "Parents ask.", "Messages are marked sensitive."),
        ],
    );
    assert_eq!(adherence.status(ACCESS_REVIEW), AdherenceStatus::Deviation);
    assert_eq!(adherence.status(FREE_TEXT), AdherenceStatus::Deviation);
}

#[test]
fn a_deviation_whose_compensating_measure_key_names_no_measure_is_refused() {
    let error = refused(
        &measures(),
        deviation(ACCESS_REVIEW, "Small school.", "local.measure.missing"),
    );
    assert_eq!(
        (error.item_key(), error.field()),
        (ACCESS_REVIEW, "compensating_measure")
    );
}

#[test]
fn a_deviation_may_be_recorded_before_its_compensating_measure_is_decided() {
    // The write is accepted; A40_DEVIATION_WITHOUT_COMPENSATING_MEASURE reports it.
    let adherence = adhere(
        &code(),
        &[],
        &[deviation(ACCESS_REVIEW, "Small school.", "")],
    );
    assert_eq!(adherence.status(ACCESS_REVIEW), AdherenceStatus::Deviation);
}

#[test]
fn not_applicable_without_justification_is_refused_and_with_one_accepted() {
    let error = refused(&measures(), not_applicable(FREE_TEXT, " \n"));
    assert_eq!(
        (error.item_key(), error.field()),
        (FREE_TEXT, "justification")
    );
    let adherence = adhere(
        &code(),
        &[],
        &[not_applicable(FREE_TEXT, "No messages module.")],
    );
    assert_eq!(adherence.status(FREE_TEXT), AdherenceStatus::NotApplicable);
}

#[test]
fn a_new_answer_replaces_the_old_one_in_place() {
    let adherence = adhere(
        &code(),
        &measures(),
        &[
            not_applicable(FREE_TEXT, "No messages module."),
            compliant(TRAINING, "Trained.", &[]),
            compliant(FREE_TEXT, "Guideline.", &[]),
        ],
    );
    assert_eq!(adherence.answers.len(), 2);
    assert_eq!(adherence.answers[0].clause_key, key(FREE_TEXT));
    assert_eq!(
        adherence.answer(FREE_TEXT),
        Some(&Answer::Compliant {
            evidence: "Guideline.".to_owned(),
            measures: vec![],
        })
    );
}

#[test]
fn clearing_an_answer_makes_the_clause_unaddressed_again() {
    let adherence = adhere(
        &code(),
        &[],
        &[
            not_applicable(FREE_TEXT, "No messages module."),
            clear(FREE_TEXT),
        ],
    );
    assert_eq!(adherence, Adherence::default());
}

#[test]
fn clearing_an_answer_that_was_never_given_is_refused() {
    let error = refused(&[], clear(FREE_TEXT));
    assert_eq!(
        error,
        AdherenceError::NothingToClear {
            item_key: FREE_TEXT.to_owned(),
            field: "answer".to_owned(),
        }
    );
}

#[test]
fn a_refused_command_leaves_the_adherence_as_it_was() {
    let before = adhere(
        &code(),
        &[],
        &[not_applicable(FREE_TEXT, "No messages module.")],
    );
    let result = apply(&code(), &before, &[], &not_applicable(FREE_TEXT, ""));
    assert!(result.is_err());
    assert_eq!(before.status(FREE_TEXT), AdherenceStatus::NotApplicable);
}
