//! The consistency of clause answers with the DPIA responses to the recommendations the
//! clauses make binding (issue 8).

use crate::adherence::testing::*;
use crate::adherence::{adherence_checks, AdherenceCommand};
use crate::assessment::{EffectiveAssessment, ResponseKind};
use crate::checks::{Finding, Severity};

const NOT_MET: &str = "A40_COMPLIANT_CLAUSE_RECOMMENDATION_NOT_MET";
const DISAGREES: &str = "A40_CLAUSE_DISAGREES_WITH_RECOMMENDATION";

/// The consistency findings for one answer to `clause.training` (which binds `rec.training`)
/// against a DPIA answering `rec.training` as given (or not at all).
fn consistency(answer: AdherenceCommand, response: Option<ResponseKind>) -> Vec<Finding> {
    let justification = Some("Reason given.");
    let responses: Vec<_> = response
        .into_iter()
        .map(|r| (REC_TRAINING, r, justification))
        .collect();
    let dpia: EffectiveAssessment = dpia(&responses);
    let adherence = adhere(&code(), &dpia.measures, &[answer]);
    adherence_checks(&code(), &adherence, &dpia.measures, Some(&dpia))
        .into_iter()
        .filter(|f| f.rule_id == NOT_MET || f.rule_id == DISAGREES)
        .collect()
}

fn ids(findings: &[Finding]) -> Vec<&'static str> {
    findings.iter().map(|f| f.rule_id).collect()
}

fn compliant_training() -> AdherenceCommand {
    compliant(TRAINING, "All staff trained.", &["local.measure.training"])
}

#[test]
fn a_compliant_clause_whose_recommendation_is_not_applicable_is_an_error() {
    let found = consistency(compliant_training(), Some(ResponseKind::NotApplicable));
    assert_eq!(ids(&found), [NOT_MET]);
    assert_eq!(found[0].severity, Severity::Error);
    assert_eq!(found[0].item_keys, [TRAINING, REC_TRAINING]);
    assert!(
        found[0].message.contains("is NOT_APPLICABLE in your DPIA"),
        "{}",
        found[0].message
    );
}

#[test]
fn a_compliant_clause_whose_recommendation_is_unaddressed_is_an_error() {
    let found = consistency(compliant_training(), None);
    assert_eq!(ids(&found), [NOT_MET]);
    assert!(found[0].message.contains("UNADDRESSED"));
}

#[test]
fn a_deviation_from_a_clause_whose_recommendation_is_implemented_is_a_warning() {
    let found = consistency(
        deviation(TRAINING, "Only super-users.", "Onboarding course."),
        Some(ResponseKind::Implemented),
    );
    assert_eq!(ids(&found), [DISAGREES]);
    assert_eq!(found[0].severity, Severity::Warning);
    let found = consistency(
        not_applicable(TRAINING, "No staff use it."),
        Some(ResponseKind::Implemented),
    );
    assert_eq!(ids(&found), [DISAGREES]);
}

#[test]
fn a_compliant_clause_whose_recommendation_is_only_planned_or_partial_is_a_warning() {
    let planned = ResponseKind::Planned {
        due: date(2027, 1, 1),
    };
    assert_eq!(
        ids(&consistency(compliant_training(), Some(planned))),
        [DISAGREES]
    );
    let partial = ResponseKind::PartiallyImplemented;
    assert_eq!(
        ids(&consistency(compliant_training(), Some(partial))),
        [DISAGREES]
    );
}

#[test]
fn answers_that_agree_are_not_reported() {
    let agreeing = [
        (compliant_training(), Some(ResponseKind::Implemented)),
        (compliant_training(), Some(ResponseKind::Alternative)),
        (
            not_applicable(TRAINING, "No staff."),
            Some(ResponseKind::NotApplicable),
        ),
        (not_applicable(TRAINING, "No staff."), None),
        (deviation(TRAINING, "Later.", "Course."), None),
        (
            deviation(TRAINING, "Later.", "Course."),
            Some(ResponseKind::NotApplicable),
        ),
    ];
    for (answer, response) in agreeing {
        let found = consistency(answer.clone(), response);
        assert!(found.is_empty(), "{answer:?} with {response:?}: {found:?}");
    }
}

#[test]
fn without_a_dpia_or_with_a_binding_the_dpia_lacks_nothing_is_compared() {
    let adherence = adhere(&code(), &measures(), &[compliant_training()]);
    let without = adherence_checks(&code(), &adherence, &measures(), None);
    assert!(without.iter().all(|f| f.rule_id != NOT_MET));
    // `clause.free-text` binds nothing; a binding to a key the DPIA lacks is skipped here and
    // reported by `check_bindings` when the code is published.
    let mut code = code();
    code.clauses[1].binds_recommendations = vec![crate::template::testing::key("rec.other")];
    let dpia = dpia(&[]);
    let findings = adherence_checks(&code, &adherence, &dpia.measures, Some(&dpia));
    assert!(findings.iter().all(|f| f.rule_id != NOT_MET));
}
