//! Family 6, likelihood against incident history (seed 003: a breach 8 months before the
//! risk was rated "Mindre sandsynlig").

use serde_json::json;

use crate::assessment::Override;
use crate::checks::testing::*;
use crate::template::testing::key;

const BELOW: &str = "A35_7C_LIKELIHOOD_BELOW_INCIDENT_HISTORY";
const ON_NOT_APPLICABLE: &str = "A35_7C_INCIDENT_ON_NOT_APPLICABLE_RISK";
const INCIDENT: &str = "local.incident.misdirected";

/// The well-formed assessment (misdirected: inherent likelihood 3 "Sandsynlig", residual 2
/// "Mindre sandsynlig") with a misdirected-message breach on `on`.
fn breach_on(on: chrono::NaiveDate) -> Fixture {
    Fixture::well_formed().local(|l| l.incidents.push(incident(INCIDENT, on, &[MISDIRECTED])))
}

#[test]
fn a_residual_likelihood_below_what_a_recent_breach_demands_is_reported() {
    let findings = breach_on(date(2023, 10, 1)).findings(BELOW);
    assert_eq!(keys(&findings), [[MISDIRECTED, INCIDENT]]);
    let message = &findings[0].message;
    assert!(
        message.contains("residual likelihood 'Mindre sandsynlig'"),
        "{message}"
    );
    assert!(message.contains("8 months ago"), "{message}");
    assert!(message.contains("at least 'Sandsynlig'"), "{message}");
    assert!(!message.contains("inherent likelihood"), "{message}");
}

#[test]
fn a_lowered_inherent_likelihood_below_the_incident_level_is_reported() {
    let fixture = breach_on(date(2024, 1, 10)).local(|l| {
        l.overrides.push(Override {
            item_key: key(MISDIRECTED),
            field: "likelihood".to_owned(),
            value: json!(2),
            justification: "Few messages here.".to_owned(),
        });
        l.treatments.retain(|t| t.risk_key.as_str() != MISDIRECTED);
    });
    let findings = fixture.findings(BELOW);
    assert_eq!(keys(&findings), [[MISDIRECTED, INCIDENT]]);
    assert!(findings[0]
        .message
        .contains("inherent likelihood 'Mindre sandsynlig'"));
}

#[test]
fn a_breach_outside_the_window_of_the_criteria_passes() {
    assert!(
        breach_on(date(2023, 5, 1)).findings(BELOW).is_empty(),
        "13 months ago"
    );
}

#[test]
fn a_likelihood_at_the_level_the_breach_demands_passes() {
    let fixture = breach_on(date(2023, 10, 1)).local(|l| {
        l.treatments[0].residual_likelihood = 3;
        l.treatments[0].residual_consequence = 1;
    });
    assert!(fixture.findings(BELOW).is_empty());
}

#[test]
fn an_incident_dated_after_today_is_not_history_yet() {
    assert!(breach_on(date(2024, 6, 2)).findings(BELOW).is_empty());
}

#[test]
fn an_incident_on_a_risk_marked_not_applicable_is_a_warning() {
    let fixture = breach_on(date(2023, 10, 1)).local(|l| {
        l.not_applicable.push(not_applicable(
            MISDIRECTED,
            "Messages are never misdirected here.",
        ));
    });
    let findings = fixture.findings(ON_NOT_APPLICABLE);
    assert_eq!(keys(&findings), [[MISDIRECTED, INCIDENT]]);
    assert!(findings[0]
        .message
        .contains("Messages are never misdirected here."));
    assert!(
        fixture.findings(BELOW).is_empty(),
        "the not-applicable risk is not rated"
    );
}

#[test]
fn an_incident_on_an_applicable_risk_is_no_contradiction() {
    assert!(breach_on(date(2023, 10, 1))
        .findings(ON_NOT_APPLICABLE)
        .is_empty());
}
