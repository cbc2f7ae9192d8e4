//! The adherence checks on the answers themselves (issue 8): each rule triggering and not.

use crate::adherence::testing::*;
use crate::adherence::{adherence_checks, adherence_rule, adherence_rules, Adherence};
use crate::assessment::{Measure, MeasureStatus};
use crate::checks::{Finding, Severity};

fn findings_of(rule_id: &str, adherence: &Adherence, measures: &[Measure]) -> Vec<Finding> {
    adherence_checks(&code(), adherence, measures, None)
        .into_iter()
        .filter(|f| f.rule_id == rule_id)
        .collect()
}

fn keys(findings: &[Finding]) -> Vec<Vec<String>> {
    findings.iter().map(|f| f.item_keys.clone()).collect()
}

#[test]
fn every_rule_has_a_unique_id_a_legal_reference_and_a_description() {
    let rules = adherence_rules();
    let mut ids: Vec<&str> = rules.iter().map(|r| r.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), rules.len());
    for rule in rules {
        assert!(rule.id.starts_with("A40_"), "{}", rule.id);
        assert!(rule.legal_reference.starts_with("GDPR Art."), "{}", rule.id);
        assert!(!rule.description.is_empty());
        assert_eq!(adherence_rule(rule.id).map(|r| r.id), Some(rule.id));
    }
    assert!(adherence_rule("A35_7A_SUBJECT_COUNT").is_none());
}

#[test]
fn adherence_rule_ids_do_not_collide_with_assessment_rule_ids() {
    for rule in adherence_rules() {
        assert!(crate::checks::rule(rule.id).is_none(), "{}", rule.id);
    }
}

#[test]
fn an_unaddressed_must_clause_is_an_error_and_a_should_clause_a_warning() {
    let empty = Adherence::default();
    let must = findings_of("A40_MUST_CLAUSE_UNADDRESSED", &empty, &[]);
    assert_eq!(keys(&must), [[ACCESS_REVIEW], [TRAINING]]);
    assert!(must.iter().all(|f| f.severity == Severity::Error));
    assert!(must[0].message.contains(ACCESS_REVIEW));
    let should = findings_of("A40_SHOULD_CLAUSE_UNADDRESSED", &empty, &[]);
    assert_eq!(keys(&should), [[FREE_TEXT]]);
    assert_eq!(should[0].severity, Severity::Warning);
}

#[test]
fn answered_clauses_are_not_unaddressed_whatever_the_answer() {
    let adherence = adhere(
        &code(),
        &measures(),
        &[
            compliant(TRAINING, "Trained.", &[]),
            deviation(ACCESS_REVIEW, "Small school.", "Yearly review."),
            not_applicable(FREE_TEXT, "No messages module."),
        ],
    );
    assert!(findings_of("A40_MUST_CLAUSE_UNADDRESSED", &adherence, &measures()).is_empty());
    assert!(findings_of("A40_SHOULD_CLAUSE_UNADDRESSED", &adherence, &measures()).is_empty());
}

#[test]
fn a_deviation_without_a_compensating_measure_is_an_error() {
    let adherence = adhere(
        &code(),
        &[],
        &[deviation(ACCESS_REVIEW, "Small school.", " ")],
    );
    let found = findings_of(
        "A40_DEVIATION_WITHOUT_COMPENSATING_MEASURE",
        &adherence,
        &[],
    );
    assert_eq!(keys(&found), [[ACCESS_REVIEW]]);
    assert_eq!(found[0].severity, Severity::Error);
    assert!(found[0].message.contains("names no compensating measure"));
}

#[test]
fn a_deviation_whose_compensating_measure_was_retired_or_removed_is_an_error() {
    let adherence = adhere(
        &code(),
        &measures(),
        &[deviation(
            ACCESS_REVIEW,
            "Small school.",
            "local.measure.review",
        )],
    );
    let retired = vec![with_status(
        measure("local.measure.review", &[]),
        MeasureStatus::Retired {
            on: date(2025, 1, 1),
        },
    )];
    let found = findings_of(
        "A40_DEVIATION_WITHOUT_COMPENSATING_MEASURE",
        &adherence,
        &retired,
    );
    assert!(found[0].message.contains("retired"), "{}", found[0].message);
    let found = findings_of(
        "A40_DEVIATION_WITHOUT_COMPENSATING_MEASURE",
        &adherence,
        &[],
    );
    assert!(found[0]
        .message
        .contains("not a measure of your assessment"));
}

#[test]
fn a_deviation_compensated_by_a_measure_in_force_or_in_words_is_not_reported() {
    let adherence = adhere(
        &code(),
        &measures(),
        &[
            deviation(ACCESS_REVIEW, "Small school.", "local.measure.review"),
            deviation(FREE_TEXT, "Parents ask.", "Messages are marked sensitive."),
        ],
    );
    let found = findings_of(
        "A40_DEVIATION_WITHOUT_COMPENSATING_MEASURE",
        &adherence,
        &measures(),
    );
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_compliant_clause_relying_on_a_measure_not_implemented_is_a_warning() {
    let adherence = adhere(
        &code(),
        &measures(),
        &[compliant(
            TRAINING,
            "Trained.",
            &["local.measure.training", "local.measure.review"],
        )],
    );
    let now = vec![
        with_status(
            measure("local.measure.training", &[]),
            MeasureStatus::Planned {
                due: date(2027, 3, 1),
            },
        ),
        with_status(
            measure("local.measure.review", &[]),
            MeasureStatus::Retired {
                on: date(2025, 3, 1),
            },
        ),
    ];
    let found = findings_of("A40_COMPLIANT_MEASURE_NOT_IMPLEMENTED", &adherence, &now);
    assert_eq!(
        keys(&found),
        [
            [TRAINING, "local.measure.training"],
            [TRAINING, "local.measure.review"]
        ]
    );
    assert!(found.iter().all(|f| f.severity == Severity::Warning));
    assert!(found[0].message.contains("only planned (due 2027-03-01)"));
    assert!(found[1].message.contains("retired on 2025-03-01"));
    let gone = findings_of("A40_COMPLIANT_MEASURE_NOT_IMPLEMENTED", &adherence, &[]);
    assert!(gone[0].message.contains("no longer a measure"));
}

#[test]
fn a_compliant_clause_relying_on_implemented_measures_is_not_reported() {
    let adherence = adhere(
        &code(),
        &measures(),
        &[compliant(TRAINING, "Trained.", &["local.measure.training"])],
    );
    assert!(findings_of(
        "A40_COMPLIANT_MEASURE_NOT_IMPLEMENTED",
        &adherence,
        &measures()
    )
    .is_empty());
}

#[test]
fn findings_come_in_rule_order_then_clause_order() {
    let adherence = adhere(&code(), &[], &[deviation(FREE_TEXT, "Parents ask.", "")]);
    let ids: Vec<&str> = adherence_checks(&code(), &adherence, &[], None)
        .iter()
        .map(|f| f.rule_id)
        .collect();
    assert_eq!(
        ids,
        [
            "A40_MUST_CLAUSE_UNADDRESSED",
            "A40_MUST_CLAUSE_UNADDRESSED",
            "A40_DEVIATION_WITHOUT_COMPENSATING_MEASURE"
        ]
    );
}
