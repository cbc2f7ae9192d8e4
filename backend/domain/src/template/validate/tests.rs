use super::*;
use crate::template::testing::{key, recommendation, risk, DpiaBuilder};

#[test]
fn the_builders_template_is_publishable() {
    assert_eq!(validate(&DpiaBuilder::new().build()), vec![]);
}

#[test]
fn a_key_shared_by_a_risk_and_a_nested_data_category_is_a_duplicate() {
    let content = DpiaBuilder::new()
        .with_risk(risk("data.messages.health", "scope.messages", 1, 1))
        .build();
    assert_eq!(
        validate(&content),
        vec![TemplateError::DuplicateKey {
            item_key: "data.messages.health".to_owned(),
            field: "key".to_owned()
        }]
    );
}

#[test]
fn the_risk_model_key_is_reserved() {
    let content = DpiaBuilder::new()
        .with_risk(risk("risk_model", "scope.messages", 1, 1))
        .build();
    assert!(matches!(
        validate(&content).as_slice(),
        [TemplateError::ReservedKey { .. }]
    ));
}

#[test]
fn every_problem_is_reported_not_only_the_first() {
    let content = DpiaBuilder::new()
        .with_risk(risk("risk.a", "scope.nowhere", 0, 9))
        .with_recommendation(recommendation("rec.b", &["risk.nowhere"]))
        .build();
    let errors = validate(&content);
    let addressed: Vec<(Option<&str>, String)> =
        errors.iter().map(|e| (e.item_key(), e.field())).collect();
    let expected = [
        ("risk.a", "scope"),
        ("risk.a", "likelihood"),
        ("risk.a", "consequence"),
        ("rec.b", "addresses_risks"),
    ]
    .map(|(item, field)| (Some(item), field.to_owned()));
    assert_eq!(addressed, expected);
}

#[test]
fn an_unusable_model_is_reported_once_without_scale_errors_for_every_risk() {
    let content = DpiaBuilder::new()
        .editing(|d| d.risk_model.consequence.clear())
        .build();
    let errors = validate(&content);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].item_key(), Some("risk_model"));
    assert_eq!(
        errors[0].to_string(),
        "risk model: the consequence scale has no levels"
    );
}

#[test]
fn a_risk_without_affected_properties_is_refused() {
    let content = DpiaBuilder::new()
        .editing(|d| d.risks[0].affected_properties.clear())
        .build();
    assert_eq!(
        validate(&content),
        vec![TemplateError::EmptyList {
            item_key: "risk.messages.misdirected".to_owned(),
            field: "affected_properties".to_owned()
        }]
    );
}

#[test]
fn a_recommendation_without_scopes_is_refused() {
    let content = DpiaBuilder::new()
        .editing(|d| d.recommendations[0].scopes.clear())
        .build();
    assert_eq!(validate(&content)[0].field(), "scopes");
}

#[test]
fn an_adopter_field_must_name_a_real_field() {
    let content = DpiaBuilder::new()
        .editing(|d| {
            d.activities[0].to_be_completed_by_adopter = vec![
                "retention".to_owned(),
                "recipients.location".to_owned(),
                "data_subject_categories.cont".to_owned(),
            ]
        })
        .build();
    assert_eq!(
        validate(&content),
        vec![TemplateError::UnknownAdopterField {
            item_key: "activity.messages".to_owned(),
            field: "to_be_completed_by_adopter".to_owned(),
            path: "data_subject_categories.cont".to_owned(),
        }]
    );
}

#[test]
fn special_category_data_of_unspecified_type_is_representable() {
    // The checks (SPEC §5.1) report it for an assessment; a template may carry it.
    let content = DpiaBuilder::new()
        .editing(|d| d.activities[0].data_categories[0].special_category = None)
        .build();
    assert_eq!(validate(&content), vec![]);
}

#[test]
fn a_clause_without_text_is_refused() {
    let content = TemplateContent::CodeOfConduct(CodeOfConductContent {
        clauses: vec![super::super::Clause {
            key: key("clause.one"),
            section: "Access".to_owned(),
            number: "1.1".to_owned(),
            text: String::new(),
            obligation: super::super::Obligation::Must,
            binds_recommendations: vec![],
            binds_risks: vec![],
        }],
    });
    assert_eq!(validate(&content)[0].field(), "text");
}
