//! Family 4, risk treatment (Art. 35(7)(d), Art. 32).

use crate::assessment::{MeasureStatus, TreatmentDecision};
use crate::checks::testing::*;
use crate::checks::CheckSettings;
use crate::template::testing::risk;

const DECISION: &str = "A35_7D_TREATMENT_DECISION_MISSING";
const NOT_EXPLAINED: &str = "A35_7D_RESIDUAL_NOT_EXPLAINED";
const WITHOUT_MEASURES: &str = "A35_7D_REDUCTION_WITHOUT_MEASURES";
const NOT_IN_PLACE: &str = "A32_REDUCTION_MEASURES_NOT_IN_PLACE";
const ON_PLANNED: &str = "A35_7D_REDUCTION_ON_PLANNED_MEASURES";
const SINGLE_MEASURE: &str = "A32_SINGLE_MEASURE_FOR_MANY_HIGH_RISKS";

#[test]
fn medium_and_high_risks_without_a_treatment_decision_are_reported() {
    let fixture = Fixture::well_formed().local(|l| l.treatments.clear());
    let findings = fixture.findings(DECISION);
    assert_eq!(keys(&findings), [[MISDIRECTED], [ACCESS]]);
    assert!(findings[0].message.contains("HIGH"));
    assert!(findings[1].message.contains("MEDIUM"));
}

#[test]
fn a_low_risk_needs_no_treatment_decision() {
    let fixture = Fixture::well_formed().base(|b| {
        b.risks
            .push(risk("risk.messages.typo", "scope.messages", 1, 1))
    });
    assert!(fixture.findings(DECISION).is_empty());
}

#[test]
fn a_risk_marked_not_applicable_needs_no_treatment_decision() {
    let fixture = Fixture::well_formed().local(|l| {
        l.treatments.retain(|t| t.risk_key.as_str() != ACCESS);
        l.not_applicable
            .push(not_applicable(ACCESS, "Only staff have accounts here."));
    });
    assert!(fixture.findings(DECISION).is_empty());
}

#[test]
fn a_lowered_residual_without_rationale_is_reported() {
    let fixture = Fixture::well_formed().local(|l| l.treatments[0].rationale = " ".to_owned());
    let findings = fixture.findings(NOT_EXPLAINED);
    assert_eq!(keys(&findings), [[MISDIRECTED]]);
    assert!(findings[0].message.contains("from HIGH down to MEDIUM"));
}

#[test]
fn a_residual_rating_off_the_scales_is_reported() {
    let fixture = Fixture::well_formed().local(|l| l.treatments[0].residual_likelihood = 9);
    let findings = fixture.findings(NOT_EXPLAINED);
    assert_eq!(keys(&findings), [[MISDIRECTED]]);
    assert!(findings[0].message.contains("not levels of it"));
}

#[test]
fn a_residual_at_the_inherent_level_needs_no_rationale() {
    let fixture = Fixture::well_formed().local(|l| l.treatments[1].rationale.clear());
    assert!(fixture.findings(NOT_EXPLAINED).is_empty());
    assert!(Fixture::well_formed().findings(NOT_EXPLAINED).is_empty());
}

#[test]
fn a_reduction_without_any_measure_is_reported() {
    let fixture = Fixture::well_formed().local(|l| {
        l.measures
            .iter_mut()
            .for_each(|m| m.mitigates.retain(|r| r.as_str() != MISDIRECTED))
    });
    let findings = fixture.findings(WITHOUT_MEASURES);
    assert_eq!(keys(&findings), [[MISDIRECTED]]);
}

#[test]
fn a_reduction_resting_on_retired_measures_is_reported() {
    let fixture = Fixture::well_formed().local(|l| {
        for m in &mut l.measures {
            m.status = MeasureStatus::Retired {
                on: date(2024, 1, 1),
            };
        }
    });
    assert_eq!(keys(&fixture.findings(WITHOUT_MEASURES)), [[MISDIRECTED]]);
}

#[test]
fn a_reduction_with_a_measure_in_force_passes() {
    assert!(Fixture::well_formed().findings(WITHOUT_MEASURES).is_empty());
}

fn only_planned(processing_starts: chrono::NaiveDate) -> Fixture {
    Fixture::well_formed().local(|l| {
        for m in &mut l.measures {
            m.status = MeasureStatus::Planned {
                due: date(2024, 8, 1),
            };
        }
        l.sign_offs.processing_started_on = Some(processing_starts);
    })
}

#[test]
fn after_processing_started_a_reduction_on_planned_measures_only_is_an_error() {
    let fixture = only_planned(date(2024, 3, 1));
    let findings = fixture.findings(NOT_IN_PLACE);
    assert_eq!(keys(&findings), [[MISDIRECTED, TRAINING, RECIPIENT_CHECK]]);
    assert!(fixture.findings(ON_PLANNED).is_empty());
}

#[test]
fn before_processing_starts_a_reduction_on_planned_measures_only_is_a_warning() {
    let fixture = only_planned(date(2024, 9, 1));
    assert_eq!(
        keys(&fixture.findings(ON_PLANNED)),
        [[MISDIRECTED, TRAINING, RECIPIENT_CHECK]]
    );
    assert!(fixture.findings(NOT_IN_PLACE).is_empty());
}

#[test]
fn one_implemented_measure_backs_a_reduction() {
    let fixture = only_planned(date(2024, 3, 1)).local(|l| {
        l.measures[1].status = MeasureStatus::Implemented {
            on: date(2024, 2, 1),
        };
    });
    assert!(fixture.findings(NOT_IN_PLACE).is_empty());
    assert!(fixture.findings(ON_PLANNED).is_empty());
}

/// The well-formed assessment plus `extra` HIGH risks, each mitigated by the training alone.
fn training_alone_against(extra: usize) -> Fixture {
    let keys: Vec<String> = (1..=extra)
        .map(|n| format!("risk.messages.high-{n}"))
        .collect();
    let mut fixture = Fixture::well_formed();
    for key in &keys {
        fixture.base.risks.push(risk(key, "scope.messages", 4, 4));
        fixture
            .local
            .treatments
            .push(treatment(key, TreatmentDecision::Reduce, 2, 2));
        fixture.local.measures[0]
            .mitigates
            .push(crate::template::testing::key(key));
    }
    fixture
}

#[test]
fn one_measure_alone_against_more_high_risks_than_the_threshold_is_reported() {
    let fixture = training_alone_against(6);
    let findings = fixture.findings(SINGLE_MEASURE);
    assert_eq!(findings.len(), 1);
    assert_eq!(
        findings[0].item_keys.len(),
        7,
        "the measure and its six risks"
    );
    assert_eq!(findings[0].item_keys[0], TRAINING);
    assert!(findings[0]
        .message
        .contains("only measure against 6 of the 7 high risks"));
}

#[test]
fn one_measure_alone_against_no_more_than_the_threshold_passes() {
    assert!(training_alone_against(5)
        .findings(SINGLE_MEASURE)
        .is_empty());
}

#[test]
fn the_threshold_is_configurable_per_template() {
    let lenient = CheckSettings::new(6, 12).expect("valid settings");
    assert!(training_alone_against(6)
        .findings_on(SINGLE_MEASURE, &lenient, today())
        .is_empty());
    let strict = CheckSettings::new(0, 12).expect("valid settings");
    let findings = Fixture::well_formed()
        .local(|l| l.measures[1].mitigates.clear())
        .findings_on(SINGLE_MEASURE, &strict, today());
    assert_eq!(keys(&findings), [[TRAINING, MISDIRECTED]]);
}
