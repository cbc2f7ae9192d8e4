//! Coverage both ways (SPEC §3).

use crate::assessment::testing::*;
use crate::assessment::*;

#[test]
fn coverage_shows_measures_per_recommendation_and_risk_and_what_nothing_covers() {
    let scenario = Scenario::new()
        .given(
            measure("local.training")
                .mitigating(&[MISDIRECTED])
                .implementing(&[TRAINING])
                .upsert(),
        )
        .given(
            measure("local.old")
                .mitigating(&[ACCESS])
                .with_status(MeasureStatus::Retired {
                    on: date(2021, 1, 1),
                })
                .upsert(),
        );
    let coverage = coverage(&scenario.effective());
    assert_eq!(
        coverage.recommendations[0].measures[0].key.as_str(),
        "local.training"
    );
    let misdirected = coverage
        .risks
        .iter()
        .find(|r| r.key.as_str() == MISDIRECTED)
        .unwrap();
    assert_eq!(misdirected.measures.len(), 1);
    assert_eq!(coverage.measures[0].mitigates[0].as_str(), MISDIRECTED);
    assert_eq!(coverage.measures[0].implements[0].as_str(), TRAINING);
    // A retired measure covers nothing any more.
    let unmitigated: Vec<_> = coverage
        .unmitigated_risks
        .iter()
        .map(|k| k.as_str())
        .collect();
    assert_eq!(unmitigated, vec![ACCESS]);
    assert!(coverage.uncovered_recommendations.is_empty());
}

#[test]
fn a_recommendation_answered_not_applicable_is_not_counted_as_uncovered() {
    let scenario = Scenario::new().given(respond(
        TRAINING,
        ResponseKind::NotApplicable,
        Some("Nobody uses the module."),
    ));
    assert!(coverage(&scenario.effective())
        .uncovered_recommendations
        .is_empty());
    assert_eq!(
        coverage(&Scenario::new().effective()).uncovered_recommendations[0].as_str(),
        TRAINING
    );
}
