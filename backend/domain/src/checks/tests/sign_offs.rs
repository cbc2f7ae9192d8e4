//! Family 8, the DPO's opinion and prior consultation (Art. 35(2), Art. 36).

use crate::assessment::{PriorConsultation, TreatmentDecision};
use crate::checks::testing::*;

const DPO: &str = "A35_2_DPO_OPINION_MISSING";
const CONSULTATION: &str = "A36_PRIOR_CONSULTATION_MISSING";
const BEFORE_CONSULTATION: &str = "A36_PROCESSING_BEFORE_CONSULTATION";

#[test]
fn a_missing_dpo_opinion_is_reported() {
    let fixture = Fixture::well_formed().local(|l| l.sign_offs.dpo_opinion = None);
    assert_eq!(keys(&fixture.findings(DPO)), [["sign_offs"]]);
}

#[test]
fn a_dpo_signature_without_an_opinion_is_no_opinion() {
    let fixture = Fixture::well_formed().local(|l| {
        l.sign_offs.dpo_opinion = Some(signed("Jane Doe, DPO", date(2024, 1, 10), None));
    });
    assert_eq!(fixture.findings(DPO).len(), 1);
}

#[test]
fn a_recorded_dpo_opinion_passes() {
    assert!(Fixture::well_formed().findings(DPO).is_empty());
}

/// Misdirected messages accepted at HIGH residual risk.
fn high_residual() -> Fixture {
    Fixture::well_formed().local(|l| {
        l.treatments[0] = treatment(MISDIRECTED, TreatmentDecision::Accept, 3, 3);
    })
}

#[test]
fn a_high_residual_risk_with_a_decision_not_to_consult_is_reported() {
    let findings = high_residual().findings(CONSULTATION);
    assert_eq!(keys(&findings), [["sign_offs", MISDIRECTED]]);
    assert!(findings[0]
        .message
        .contains("says prior consultation is not required"));
}

#[test]
fn an_untreated_high_risk_without_any_consultation_decision_is_reported() {
    let fixture = Fixture::well_formed().local(|l| {
        l.treatments.clear();
        l.sign_offs.prior_consultation = None;
    });
    let findings = fixture.findings(CONSULTATION);
    assert_eq!(keys(&findings), [["sign_offs", MISDIRECTED]]);
    assert!(findings[0]
        .message
        .starts_with("No decision on prior consultation"));
}

fn consulted(outcome: Option<&str>) -> PriorConsultation {
    PriorConsultation {
        decided_on: date(2024, 1, 20),
        required: true,
        reference: Some("2024-31-0001".to_owned()),
        outcome: outcome.map(str::to_owned),
    }
}

#[test]
fn a_high_residual_risk_with_consultation_decided_passes() {
    let fixture = high_residual().local(|l| l.sign_offs.prior_consultation = Some(consulted(None)));
    assert!(fixture.findings(CONSULTATION).is_empty());
    assert!(
        Fixture::well_formed().findings(CONSULTATION).is_empty(),
        "no HIGH residual"
    );
}

#[test]
fn processing_before_the_consultations_outcome_is_reported() {
    let fixture = high_residual().local(|l| l.sign_offs.prior_consultation = Some(consulted(None)));
    assert_eq!(
        keys(&fixture.findings(BEFORE_CONSULTATION)),
        [["sign_offs"]]
    );
}

#[test]
fn processing_after_the_consultations_outcome_or_before_it_starts_passes() {
    let advised = Fixture::well_formed()
        .local(|l| l.sign_offs.prior_consultation = Some(consulted(Some("No objection."))));
    assert!(advised.findings(BEFORE_CONSULTATION).is_empty());
    let not_started = Fixture::well_formed().local(|l| {
        l.sign_offs.prior_consultation = Some(consulted(None));
        l.sign_offs.processing_started_on = Some(date(2024, 9, 1));
    });
    assert!(not_started.findings(BEFORE_CONSULTATION).is_empty());
}
