//! The engine as a whole: a well-formed assessment passes, findings come in a stable order,
//! the registry documents every rule, and the approval gate sees the assessment as approved.

use std::collections::BTreeSet;

use crate::assessment::violations;
use crate::checks::testing::*;
use crate::checks::*;

#[test]
fn a_well_formed_assessment_has_no_findings() {
    let fixture = Fixture::well_formed();
    assert!(
        violations(&fixture.base, &fixture.local).is_empty(),
        "the fixture is writable through the write rules"
    );
    assert_eq!(fixture.all_findings(), Vec::new());
}

#[test]
fn an_untouched_adoption_reports_errors_and_nothing_else_breaks() {
    let fixture = Fixture::well_formed().local(|l| *l = Default::default());
    let findings = fixture.all_findings();
    let errors = rule_ids(&findings, Severity::Error);
    for expected in [
        "A35_7A_SUBJECT_COUNT",
        "A35_7D_TREATMENT_DECISION_MISSING",
        "A35_7D_RECOMMENDATION_UNADDRESSED",
        "A35_1_PROCESSING_START_UNKNOWN",
        "A35_2_DPO_OPINION_MISSING",
        "A36_PRIOR_CONSULTATION_MISSING",
    ] {
        assert!(
            errors.contains(expected),
            "{expected} missing from {errors:?}"
        );
    }
}

#[test]
fn findings_follow_the_registry_order() {
    let fixture = Fixture::well_formed().local(|l| *l = Default::default());
    let findings = fixture.all_findings();
    let position = |id: &str| rules().iter().position(|r| r.id == id);
    let positions: Vec<_> = findings.iter().map(|f| position(f.rule_id)).collect();
    assert!(positions.windows(2).all(|w| w[0] <= w[1]), "{positions:?}");
    assert_eq!(
        findings,
        fixture.all_findings(),
        "the same input gives the same list"
    );
}

#[test]
fn every_rule_has_a_unique_id_a_legal_reference_and_a_description() {
    let all = rules();
    let ids: BTreeSet<&str> = all.iter().map(|r| r.id).collect();
    assert_eq!(ids.len(), all.len(), "rule ids are unique");
    for rule in &all {
        assert!(
            rule.id
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'),
            "{}",
            rule.id
        );
        assert!(rule.legal_reference.starts_with("GDPR Art."), "{}", rule.id);
        assert!(rule.description.ends_with('.'), "{}", rule.id);
    }
}

#[test]
fn every_rule_is_documented_in_checks_md_with_its_severity() {
    let docs = include_str!("../../../../../docs/CHECKS.md");
    for rule in rules() {
        let row = (docs.lines())
            .find(|line| line.starts_with(&format!("| `{}` |", rule.id)))
            .unwrap_or_else(|| panic!("{} has no row in docs/CHECKS.md", rule.id));
        assert!(row.contains(rule.severity.as_str()), "{} severity", rule.id);
        assert!(row.contains(rule.legal_reference), "{} reference", rule.id);
    }
}

#[test]
fn the_gate_sees_processing_without_approval_as_cured_by_the_approval() {
    let fixture = Fixture::well_formed().local(|l| {
        l.sign_offs.management_approval = None;
        l.sign_offs.processing_started_on = Some(date(2024, 7, 1));
    });
    let approval = signed("Director", today(), None);
    let findings = run_checks_for_approval(
        &fixture.effective(),
        &CheckSettings::default(),
        approval,
        today(),
    );
    assert_eq!(findings, Vec::new());
}

#[test]
fn the_gate_reports_an_approval_after_processing_started_as_a_warning() {
    let fixture = Fixture::well_formed().local(|l| l.sign_offs.management_approval = None);
    let approval = signed("Director", today(), None);
    let findings = run_checks_for_approval(
        &fixture.effective(),
        &CheckSettings::default(),
        approval,
        today(),
    );
    assert_eq!(
        findings.iter().map(|f| f.rule_id).collect::<Vec<_>>(),
        ["A35_1_APPROVED_AFTER_PROCESSING_STARTED"]
    );
    assert_eq!(findings[0].severity, Severity::Warning);
}

#[test]
fn counts_group_findings_by_severity_and_rule() {
    let fixture = Fixture::well_formed().local(|l| *l = Default::default());
    let findings = fixture.all_findings();
    let counts = FindingCounts::of(&findings);
    assert_eq!(
        counts.errors + counts.warnings + counts.infos,
        findings.len()
    );
    assert_eq!(counts.per_rule.values().sum::<usize>(), findings.len());
    assert_eq!(
        counts.per_rule.get("A35_7D_TREATMENT_DECISION_MISSING"),
        Some(&2)
    );
}

#[test]
fn findings_serialise_with_the_names_of_the_graphql_schema() {
    let fixture = Fixture::well_formed().local(|l| l.sign_offs.dpo_opinion = None);
    let json = serde_json::to_value(fixture.all_findings()).expect("findings serialise");
    assert_eq!(json[0]["rule_id"], "A35_2_DPO_OPINION_MISSING");
    assert_eq!(json[0]["severity"], "ERROR");
    assert_eq!(json[0]["legal_reference"], "GDPR Art. 35(2), Art. 39(1)(c)");
    assert_eq!(json[0]["item_keys"][0], "sign_offs");
}

#[test]
fn whole_months_are_counted_by_calendar_day() {
    use crate::checks::whole_months_between;
    assert_eq!(
        whole_months_between(date(2023, 4, 15), date(2023, 12, 14)),
        7
    );
    assert_eq!(
        whole_months_between(date(2023, 4, 15), date(2023, 12, 15)),
        8
    );
    assert_eq!(whole_months_between(date(2024, 1, 1), date(2023, 1, 1)), 0);
}
