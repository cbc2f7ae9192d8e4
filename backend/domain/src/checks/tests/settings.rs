//! Check settings: valid by construction, defaults from the seeds, configurable per template.

use serde_json::json;

use crate::checks::*;

#[test]
fn the_defaults_come_from_the_seeds() {
    let settings = CheckSettings::default();
    assert_eq!(settings.max_high_risks_single_measure(), 5);
    assert_eq!(settings.review_interval_months(), 12);
}

#[test]
fn a_review_interval_longer_than_a_year_is_refused() {
    let error = CheckSettings::new(5, 18).unwrap_err();
    assert_eq!(error, CheckSettingsError::ReviewInterval { found: 18 });
    assert_eq!(error.field(), "review_interval_months");
    assert!(CheckSettings::new(5, 0).is_err());
    assert!(CheckSettings::new(0, 6).is_ok());
}

#[test]
fn settings_deserialise_with_defaults_and_the_same_validation() {
    let partial: CheckSettings =
        serde_json::from_value(json!({ "max_high_risks_single_measure": 3 })).unwrap();
    assert_eq!(partial, CheckSettings::new(3, 12).unwrap());
    assert!(
        serde_json::from_value::<CheckSettings>(json!({ "review_interval_months": 24 })).is_err()
    );
    assert!(serde_json::from_value::<CheckSettings>(json!({ "unknown": 1 })).is_err());
    let round_trip = serde_json::to_value(CheckSettings::default()).unwrap();
    assert_eq!(
        round_trip,
        json!({ "max_high_risks_single_measure": 5, "review_interval_months": 12 })
    );
}
