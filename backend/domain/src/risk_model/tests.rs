use super::*;
use crate::template::testing::four_by_four;

#[test]
fn the_seed_model_is_valid() {
    assert_eq!(four_by_four().validate(), Ok(()));
}

#[test]
fn level_is_read_from_the_matrix_by_likelihood_row_and_consequence_column() {
    let model = four_by_four();
    assert_eq!(model.level(1, 1), Ok(RiskLevel::Low));
    assert_eq!(model.level(2, 4), Ok(RiskLevel::High));
    assert_eq!(model.level(4, 1), Ok(RiskLevel::Medium));
    assert_eq!(model.level(3, 3), Ok(RiskLevel::High));
}

#[test]
fn a_value_outside_the_scales_has_no_level() {
    let model = four_by_four();
    assert_eq!(
        model.level(0, 2),
        Err(RiskModelError::OutOfScale {
            scale: Scale::Likelihood,
            value: 0,
            max: 4
        })
    );
    assert_eq!(
        model.level(2, 5),
        Err(RiskModelError::OutOfScale {
            scale: Scale::Consequence,
            value: 5,
            max: 4
        })
    );
}

#[test]
fn scale_membership_is_one_to_the_number_of_levels() {
    let model = four_by_four();
    assert!(!model.contains_likelihood(0));
    assert!(model.contains_likelihood(4));
    assert!(!model.contains_likelihood(5));
    assert!(model.contains_consequence(1));
    assert!(!model.contains_consequence(5));
}

#[test]
fn an_incident_inside_the_window_demands_the_ruled_level() {
    let model = four_by_four();
    let demanded = model
        .min_likelihood_for_incident(8)
        .map(|l| l.label.as_str());
    assert_eq!(demanded, Some("Sandsynlig"));
    assert_eq!(
        model.min_likelihood_for_incident(12).map(|l| l.value),
        Some(3)
    );
}

#[test]
fn an_incident_outside_every_window_demands_nothing() {
    assert_eq!(four_by_four().min_likelihood_for_incident(13), None);
}

#[test]
fn the_highest_applicable_incident_rule_wins() {
    let mut model = four_by_four();
    model.likelihood[3].incident_rule = Some(IncidentRule {
        window_months: 3,
        description: "an internal incident within the last 3 months".to_owned(),
    });
    assert_eq!(
        model.min_likelihood_for_incident(2).map(|l| l.value),
        Some(4)
    );
    assert_eq!(
        model.min_likelihood_for_incident(5).map(|l| l.value),
        Some(3)
    );
}

#[test]
fn a_scale_without_levels_is_refused() {
    let mut model = four_by_four();
    model.consequence.clear();
    assert_eq!(
        model.validate(),
        Err(RiskModelError::EmptyScale {
            scale: Scale::Consequence
        })
    );
}

#[test]
fn levels_numbered_with_a_gap_are_refused() {
    let mut model = four_by_four();
    model.likelihood[2].value = 4;
    let error = model.validate().unwrap_err();
    assert_eq!(
        error,
        RiskModelError::LevelsNotContiguous {
            scale: Scale::Likelihood,
            position: 3,
            found: 4
        }
    );
    assert_eq!(error.field(), "likelihood[2].value");
}

#[test]
fn a_level_without_label_or_criteria_is_refused() {
    let mut model = four_by_four();
    model.consequence[1].label = "  ".to_owned();
    assert_eq!(
        model.validate(),
        Err(RiskModelError::EmptyLabel {
            scale: Scale::Consequence,
            value: 2
        })
    );
    let mut model = four_by_four();
    model.likelihood[0].criteria.clear();
    let error = model.validate().unwrap_err();
    assert_eq!(error.field(), "likelihood[0].criteria");
}

#[test]
fn an_incident_rule_on_a_consequence_level_is_refused() {
    let mut model = four_by_four();
    model.consequence[0].incident_rule = model.likelihood[2].incident_rule.clone();
    assert!(matches!(
        model.validate(),
        Err(RiskModelError::InvalidIncidentRule {
            scale: Scale::Consequence,
            value: 1,
            ..
        })
    ));
}

#[test]
fn an_incident_rule_with_a_zero_window_is_refused() {
    let mut model = four_by_four();
    if let Some(rule) = model.likelihood[2].incident_rule.as_mut() {
        rule.window_months = 0;
    }
    assert!(matches!(
        model.validate(),
        Err(RiskModelError::InvalidIncidentRule {
            scale: Scale::Likelihood,
            value: 3,
            ..
        })
    ));
}

#[test]
fn a_matrix_missing_a_row_is_refused() {
    let mut model = four_by_four();
    model.matrix.pop();
    assert_eq!(
        model.validate(),
        Err(RiskModelError::MatrixRowCount {
            expected: 4,
            found: 3
        })
    );
}

#[test]
fn a_matrix_row_missing_a_cell_is_refused() {
    let mut model = four_by_four();
    model.matrix[1].pop();
    let error = model.validate().unwrap_err();
    assert_eq!(
        error,
        RiskModelError::MatrixRowLength {
            likelihood: 2,
            expected: 4,
            found: 3
        }
    );
    assert_eq!(error.field(), "matrix[1]");
}

#[test]
fn a_higher_consequence_mapping_to_a_lower_level_is_refused() {
    let mut model = four_by_four();
    model.matrix[0][3] = RiskLevel::Low;
    model.matrix[0][2] = RiskLevel::Medium;
    assert_eq!(
        model.validate(),
        Err(RiskModelError::NotMonotonic {
            likelihood: 1,
            consequence: 4
        })
    );
}

#[test]
fn a_higher_likelihood_mapping_to_a_lower_level_is_refused() {
    let mut model = four_by_four();
    model.matrix[3][0] = RiskLevel::Low;
    let error = model.validate().unwrap_err();
    assert_eq!(
        error,
        RiskModelError::NotMonotonic {
            likelihood: 4,
            consequence: 1
        }
    );
    assert_eq!(error.field(), "matrix[3][0]");
}

#[test]
fn a_short_row_in_an_unvalidated_model_is_an_error_not_a_panic() {
    let mut model = four_by_four();
    model.matrix[2].truncate(1);
    assert!(model.level(3, 4).is_err());
}

#[test]
fn risk_levels_serialise_in_upper_case() {
    let json = serde_json::to_string(&RiskLevel::Medium).unwrap();
    assert_eq!(json, "\"MEDIUM\"");
}
