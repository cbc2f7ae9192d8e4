//! Risk treatment (SPEC §3, Art. 35(7)(d), Art. 36).

use crate::assessment::testing::*;
use crate::assessment::*;
use crate::risk_model::RiskLevel;
use crate::template::testing::key;

use TreatmentDecision::{Accept, Reduce};

fn with_training_measure() -> Scenario {
    Scenario::new().given(
        measure("local.training")
            .mitigating(&[MISDIRECTED])
            .upsert(),
    )
}

#[test]
fn lowering_a_residual_with_a_measure_and_a_rationale_is_accepted() {
    let scenario = with_training_measure().given(AssessmentCommand::SetTreatment(treatment(
        MISDIRECTED,
        Reduce,
        2,
        3,
    )));
    let risk = scenario.effective().risk(MISDIRECTED).cloned().unwrap();
    assert_eq!(risk.inherent_level, RiskLevel::High);
    assert_eq!(risk.residual_level, RiskLevel::Medium);
    assert_eq!(risk.measures[0].key.as_str(), "local.training");
}

#[test]
fn an_untreated_risk_keeps_its_inherent_level_as_residual() {
    let risk = Scenario::new()
        .effective()
        .risk(MISDIRECTED)
        .cloned()
        .unwrap();
    assert_eq!(risk.treatment, None);
    assert_eq!(risk.residual_level, RiskLevel::High);
}

#[test]
fn a_residual_outside_the_scale_is_refused() {
    let error = with_training_measure().refused(AssessmentCommand::SetTreatment(treatment(
        MISDIRECTED,
        Reduce,
        5,
        1,
    )));
    assert!(
        matches!(&error, AssessmentError::OutOfScale { field, .. } if field == "residual_likelihood"),
        "{error}"
    );
    let error = with_training_measure().refused(AssessmentCommand::SetTreatment(treatment(
        MISDIRECTED,
        Reduce,
        1,
        0,
    )));
    assert_eq!(error.field(), "residual_consequence");
}

#[test]
fn lowering_a_residual_without_measures_is_refused() {
    let error = Scenario::new().refused(AssessmentCommand::SetTreatment(treatment(
        MISDIRECTED,
        Reduce,
        2,
        2,
    )));
    assert_eq!(
        error,
        AssessmentError::ReductionWithoutMeasure {
            item_key: MISDIRECTED.to_owned(),
            field: "measures".to_owned(),
            residual: RiskLevel::Medium,
            inherent: RiskLevel::High,
        }
    );
}

#[test]
fn a_retired_measure_does_not_justify_a_lower_residual() {
    let scenario = Scenario::new().given(
        measure("local.old")
            .mitigating(&[MISDIRECTED])
            .with_status(MeasureStatus::Retired {
                on: date(2022, 1, 1),
            })
            .upsert(),
    );
    let error = scenario.refused(AssessmentCommand::SetTreatment(treatment(
        MISDIRECTED,
        Reduce,
        2,
        2,
    )));
    assert!(
        matches!(error, AssessmentError::ReductionWithoutMeasure { .. }),
        "{error}"
    );
}

#[test]
fn lowering_a_residual_without_a_rationale_is_refused() {
    let mut t = treatment(MISDIRECTED, Reduce, 2, 2);
    t.rationale = " ".to_owned();
    let error = with_training_measure().refused(AssessmentCommand::SetTreatment(t));
    assert!(
        matches!(error, AssessmentError::ReductionWithoutRationale { .. }),
        "{error}"
    );
}

#[test]
fn a_residual_above_the_inherent_level_is_refused() {
    let error = Scenario::new().refused(AssessmentCommand::SetTreatment(treatment(
        ACCESS, Reduce, 4, 4,
    )));
    assert!(
        matches!(error, AssessmentError::ResidualAboveInherent { .. }),
        "{error}"
    );
}

#[test]
fn accepting_a_high_residual_without_prior_consultation_is_refused() {
    let error = Scenario::new().refused(AssessmentCommand::SetTreatment(treatment(
        MISDIRECTED,
        Accept,
        3,
        3,
    )));
    assert_eq!(
        error,
        AssessmentError::PriorConsultationRequired {
            item_key: MISDIRECTED.to_owned(),
            field: "decision".to_owned(),
        }
    );
}

#[test]
fn accepting_a_high_residual_after_a_recorded_prior_consultation_is_accepted() {
    let scenario = Scenario::new()
        .given(AssessmentCommand::SetSignOffs(consulted()))
        .given(AssessmentCommand::SetTreatment(treatment(
            MISDIRECTED,
            Accept,
            3,
            3,
        )));
    assert_eq!(
        scenario
            .effective()
            .risk(MISDIRECTED)
            .unwrap()
            .residual_level,
        RiskLevel::High
    );
}

#[test]
fn withdrawing_the_prior_consultation_while_a_high_residual_is_accepted_is_refused() {
    let scenario = Scenario::new()
        .given(AssessmentCommand::SetSignOffs(consulted()))
        .given(AssessmentCommand::SetTreatment(treatment(
            MISDIRECTED,
            Accept,
            3,
            3,
        )));
    let error = scenario.refused(AssessmentCommand::SetSignOffs(SignOffsUpdate {
        prior_consultation: Patch::Clear,
        ..SignOffsUpdate::default()
    }));
    assert!(
        matches!(error, AssessmentError::PriorConsultationRequired { .. }),
        "{error}"
    );
    assert_eq!(error.item_key(), MISDIRECTED);
}

#[test]
fn accepting_a_risk_without_who_and_when_is_refused() {
    let mut t = treatment(ACCESS, Accept, 2, 2);
    t.accepted_by = None;
    t.accepted_on = None;
    let error = Scenario::new().refused(AssessmentCommand::SetTreatment(t));
    assert_eq!(error.field(), "accepted_by");
    let mut t = treatment(ACCESS, Accept, 2, 2);
    t.accepted_on = None;
    let error = Scenario::new().refused(AssessmentCommand::SetTreatment(t));
    assert!(
        matches!(error, AssessmentError::MissingAcceptance { .. }),
        "{error}"
    );
    assert_eq!(error.field(), "accepted_on");
}

#[test]
fn treating_a_risk_marked_not_applicable_is_refused() {
    let scenario = Scenario::new().given(AssessmentCommand::MarkNotApplicable(NotApplicable {
        item_key: key(ACCESS),
        justification: "No remote access.".to_owned(),
    }));
    let error = scenario.refused(AssessmentCommand::SetTreatment(treatment(
        ACCESS, Accept, 2, 2,
    )));
    assert!(
        matches!(error, AssessmentError::ItemNotApplicable { .. }),
        "{error}"
    );
}

#[test]
fn treating_an_unknown_risk_is_refused() {
    let error = Scenario::new().refused(AssessmentCommand::SetTreatment(treatment(
        "risk.unknown",
        Accept,
        1,
        1,
    )));
    assert!(
        matches!(error, AssessmentError::UnknownItem { .. }),
        "{error}"
    );
}

#[test]
fn retiring_the_only_measure_behind_a_lowered_residual_is_refused() {
    let scenario = with_training_measure().given(AssessmentCommand::SetTreatment(treatment(
        MISDIRECTED,
        Reduce,
        2,
        2,
    )));
    let retire = measure("local.training")
        .mitigating(&[MISDIRECTED])
        .with_status(MeasureStatus::Retired {
            on: date(2024, 6, 1),
        })
        .upsert();
    let error = scenario.refused(retire);
    assert!(
        matches!(error, AssessmentError::ReductionWithoutMeasure { .. }),
        "{error}"
    );
    assert_eq!(error.item_key(), MISDIRECTED);
}

fn consulted() -> SignOffsUpdate {
    SignOffsUpdate {
        prior_consultation: Patch::Set(PriorConsultation {
            decided_on: date(2024, 1, 10),
            required: true,
            reference: Some("2024-431-0001".to_owned()),
            outcome: None,
        }),
        ..SignOffsUpdate::default()
    }
}

#[test]
fn setting_aside_a_treated_risk_is_refused_until_the_treatment_is_cleared() {
    let scenario = Scenario::new().given(AssessmentCommand::SetTreatment(treatment(
        ACCESS, Accept, 2, 2,
    )));
    let error = scenario.refused(AssessmentCommand::MarkNotApplicable(NotApplicable {
        item_key: key("scope.messages"),
        justification: "We do not use messages.".to_owned(),
    }));
    assert_eq!(
        error,
        AssessmentError::ItemNotApplicable {
            item_key: ACCESS.to_owned(),
            field: "treatment".to_owned(),
        }
    );
}
