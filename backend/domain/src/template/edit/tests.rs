use std::collections::BTreeSet;

use super::*;
use crate::risk_model::{RiskLevel, RiskModelError};
use crate::template::testing::{key, recommendation, risk, DpiaBuilder};
use crate::template::{CodeOfConductContent, DataCategoryKind, Obligation, ScopeKind};

fn dpia(content: &TemplateContent) -> &DpiaContent {
    content.as_dpia().expect("a DPIA template")
}

#[test]
fn upserting_a_new_risk_adds_it() {
    let draft = DpiaBuilder::new().build();
    let new_risk = risk("risk.messages.phishing", "scope.messages", 2, 3);
    let edited = apply_edit(&draft, TemplateEdit::UpsertRisk(new_risk.clone())).unwrap();
    assert_eq!(dpia(&edited).risks.last(), Some(&new_risk));
}

#[test]
fn upserting_an_existing_risk_replaces_it_in_place() {
    let draft = DpiaBuilder::new().build();
    let changed = risk("risk.messages.misdirected", "scope.messages", 4, 4);
    let edited = apply_edit(&draft, TemplateEdit::UpsertRisk(changed.clone())).unwrap();
    assert_eq!(dpia(&edited).risks[0], changed);
    assert_eq!(dpia(&edited).risks.len(), 2);
}

#[test]
fn adding_an_item_under_a_key_another_item_holds_is_refused() {
    let draft = DpiaBuilder::new().build();
    let clash = risk("rec.training", "scope.messages", 1, 1);
    let error = apply_edit(&draft, TemplateEdit::UpsertRisk(clash)).unwrap_err();
    assert_eq!(
        error,
        TemplateError::DuplicateKey {
            item_key: "rec.training".to_owned(),
            field: "key".to_owned()
        }
    );
}

#[test]
fn a_nested_key_used_under_another_activity_is_a_duplicate() {
    let mut second = crate::template::testing::messages_activity();
    second.key = key("activity.files");
    second.data_subject_categories.clear();
    second.data_categories.clear();
    second.recipients.clear();
    let draft = DpiaBuilder::new()
        .editing(|d| d.activities.push(second))
        .build();
    let moved = dpia(&draft).activities[0].recipients[0].clone();
    let error = apply_edit(
        &draft,
        TemplateEdit::UpsertRecipient {
            activity: key("activity.files"),
            recipient: moved,
        },
    )
    .unwrap_err();
    assert!(matches!(error, TemplateError::DuplicateKey { .. }));
}

#[test]
fn a_likelihood_outside_the_scale_is_refused_naming_the_risk_and_field() {
    let draft = DpiaBuilder::new().build();
    let error = apply_edit(
        &draft,
        TemplateEdit::UpsertRisk(risk("risk.messages.misdirected", "scope.messages", 5, 2)),
    )
    .unwrap_err();
    assert_eq!(error.item_key(), Some("risk.messages.misdirected"));
    assert_eq!(error.field(), "likelihood");
    assert_eq!(
        error.to_string(),
        "risk.messages.misdirected: likelihood 5 is outside the risk model's scale 1–4"
    );
}

#[test]
fn a_recommendation_addressing_an_unknown_risk_is_refused() {
    let draft = DpiaBuilder::new().build();
    let dangling = recommendation("rec.review", &["risk.nowhere"]);
    let error = apply_edit(&draft, TemplateEdit::UpsertRecommendation(dangling)).unwrap_err();
    assert_eq!(
        error,
        TemplateError::DanglingReference {
            item_key: "rec.review".to_owned(),
            field: "addresses_risks".to_owned(),
            target: "risk.nowhere".to_owned(),
            expected: "risk",
        }
    );
}

#[test]
fn a_risk_in_an_unknown_scope_is_refused() {
    let draft = DpiaBuilder::new().build();
    let error = apply_edit(
        &draft,
        TemplateEdit::UpsertRisk(risk("risk.x", "scope.nowhere", 1, 1)),
    )
    .unwrap_err();
    assert_eq!(error.field(), "scope");
    assert_eq!(error.item_key(), Some("risk.x"));
}

#[test]
fn removing_an_unknown_key_is_refused() {
    let draft = DpiaBuilder::new().build();
    let error = apply_edit(
        &draft,
        TemplateEdit::RemoveItem {
            key: key("risk.gone"),
        },
    )
    .unwrap_err();
    assert_eq!(
        error,
        TemplateError::UnknownItem {
            item_key: "risk.gone".to_owned(),
            field: "key".to_owned()
        }
    );
}

#[test]
fn removing_a_risk_a_recommendation_addresses_is_refused() {
    let draft = DpiaBuilder::new().build();
    let edit = TemplateEdit::RemoveItem {
        key: key("risk.messages.access"),
    };
    let error = apply_edit(&draft, edit).unwrap_err();
    assert_eq!(
        error,
        TemplateError::StillReferenced {
            item_key: "risk.messages.access".to_owned(),
            field: "addresses_risks".to_owned(),
            referenced_by: "rec.training".to_owned(),
        }
    );
}

#[test]
fn removing_an_unreferenced_risk_removes_it() {
    let draft = DpiaBuilder::new()
        .with_risk(risk("risk.spare", "scope.messages", 1, 1))
        .build();
    let edited = apply_edit(
        &draft,
        TemplateEdit::RemoveItem {
            key: key("risk.spare"),
        },
    )
    .unwrap();
    assert!(edited.item("risk.spare").is_none());
    assert_eq!(dpia(&edited).risks.len(), 2);
}

#[test]
fn removing_a_scope_still_in_use_is_refused() {
    let draft = DpiaBuilder::new().build();
    let edit = TemplateEdit::RemoveItem {
        key: key("scope.messages"),
    };
    assert!(matches!(
        apply_edit(&draft, edit),
        Err(TemplateError::StillReferenced { .. })
    ));
}

#[test]
fn removing_a_nested_recipient_removes_it_from_its_activity() {
    let draft = DpiaBuilder::new().build();
    let edit = TemplateEdit::RemoveItem {
        key: key("recipient.hosting"),
    };
    let edited = apply_edit(&draft, edit).unwrap();
    assert!(dpia(&edited).activities[0].recipients.is_empty());
}

#[test]
fn the_risk_model_cannot_be_removed() {
    let draft = DpiaBuilder::new().build();
    let edit = TemplateEdit::RemoveItem {
        key: key("risk_model"),
    };
    assert!(matches!(
        apply_edit(&draft, edit),
        Err(TemplateError::RiskModelNotRemovable { .. })
    ));
}

#[test]
fn an_incomplete_matrix_is_refused_naming_the_row() {
    let draft = DpiaBuilder::new().build();
    let mut model = dpia(&draft).risk_model.clone();
    model.matrix[2].pop();
    let error = apply_edit(&draft, TemplateEdit::SetRiskModel(model)).unwrap_err();
    assert_eq!(error.item_key(), Some("risk_model"));
    assert_eq!(error.field(), "matrix[2]");
    assert!(matches!(
        error,
        TemplateError::InvalidRiskModel {
            source: RiskModelError::MatrixRowLength { likelihood: 3, .. }
        }
    ));
}

#[test]
fn a_smaller_model_that_strands_a_risk_off_its_scale_is_refused() {
    let draft = DpiaBuilder::new().build();
    let mut model = dpia(&draft).risk_model.clone();
    model.likelihood.truncate(2);
    model.matrix.truncate(2);
    let error = apply_edit(&draft, TemplateEdit::SetRiskModel(model)).unwrap_err();
    assert_eq!(error.item_key(), Some("risk.messages.misdirected"));
    assert_eq!(error.field(), "likelihood");
}

#[test]
fn a_valid_new_model_is_taken() {
    let draft = DpiaBuilder::new().build();
    let mut model = dpia(&draft).risk_model.clone();
    model.matrix[0][0] = RiskLevel::Low;
    model.likelihood[0].criteria = "Has never happened anywhere".to_owned();
    let edited = apply_edit(&draft, TemplateEdit::SetRiskModel(model.clone())).unwrap();
    assert_eq!(dpia(&edited).risk_model, model);
}

#[test]
fn a_recipient_can_be_added_to_an_activity_by_key() {
    let draft = DpiaBuilder::new().build();
    let mut recipient = dpia(&draft).activities[0].recipients[0].clone();
    recipient.key = key("recipient.support");
    let edited = apply_edit(
        &draft,
        TemplateEdit::UpsertRecipient {
            activity: key("activity.messages"),
            recipient,
        },
    )
    .unwrap();
    let parent = edited.item("recipient.support").and_then(|i| i.parent);
    assert_eq!(parent, Some(key("activity.messages")));
}

#[test]
fn a_recipient_for_an_unknown_activity_is_refused() {
    let draft = DpiaBuilder::new().build();
    let mut recipient = dpia(&draft).activities[0].recipients[0].clone();
    recipient.key = key("recipient.support");
    let error = apply_edit(
        &draft,
        TemplateEdit::UpsertRecipient {
            activity: key("activity.nowhere"),
            recipient,
        },
    )
    .unwrap_err();
    assert_eq!(error.field(), "activity");
    assert_eq!(error.item_key(), Some("activity.nowhere"));
}

#[test]
fn an_art_9_type_on_ordinary_data_is_refused() {
    let draft = DpiaBuilder::new().build();
    let mut category = dpia(&draft).activities[0].data_categories[0].clone();
    category.kind = DataCategoryKind::Ordinary;
    let error = apply_edit(
        &draft,
        TemplateEdit::UpsertDataCategory {
            activity: key("activity.messages"),
            category,
        },
    )
    .unwrap_err();
    assert_eq!(error.field(), "special_category");
}

#[test]
fn an_empty_recommendation_text_is_refused() {
    let draft = DpiaBuilder::new().build();
    let mut empty = recommendation("rec.empty", &[]);
    empty.text = " ".to_owned();
    let error = apply_edit(&draft, TemplateEdit::UpsertRecommendation(empty)).unwrap_err();
    assert_eq!(
        error,
        TemplateError::EmptyText {
            item_key: "rec.empty".to_owned(),
            field: "text".to_owned()
        }
    );
}

#[test]
fn an_item_may_not_take_the_risk_models_key() {
    let draft = DpiaBuilder::new().build();
    let scope = crate::template::testing::scope("risk_model", ScopeKind::Module);
    let error = apply_edit(&draft, TemplateEdit::UpsertScope(scope)).unwrap_err();
    assert!(matches!(error, TemplateError::DuplicateKey { .. }));
}

#[test]
fn a_clause_edit_on_a_dpia_template_is_refused() {
    let draft = DpiaBuilder::new().build();
    let clause = Clause {
        key: key("clause.training"),
        section: "Training".to_owned(),
        number: "1".to_owned(),
        text: "All users are trained.".to_owned(),
        obligation: Obligation::Must,
        binds_recommendations: vec![],
        binds_risks: vec![],
    };
    let error = apply_edit(&draft, TemplateEdit::UpsertClause(clause.clone())).unwrap_err();
    assert_eq!(
        error,
        TemplateError::WrongTemplateKind {
            expected: TemplateKind::CodeOfConduct,
            found: TemplateKind::Dpia
        }
    );
    let code = TemplateContent::CodeOfConduct(CodeOfConductContent { clauses: vec![] });
    let edited = apply_edit(&code, TemplateEdit::UpsertClause(clause)).unwrap();
    assert_eq!(edited.items().len(), 1);
    let risk_edit = TemplateEdit::UpsertRisk(risk("risk.x", "scope.messages", 1, 1));
    assert!(matches!(
        apply_edit(&edited, risk_edit),
        Err(TemplateError::WrongTemplateKind { .. })
    ));
}

#[test]
fn an_edit_is_not_blocked_by_an_error_the_draft_already_had() {
    // An imported legacy draft with an empty rationale can still be edited elsewhere.
    let draft = DpiaBuilder::new()
        .editing(|d| d.risks[1].rationale.clear())
        .build();
    let mut changed = dpia(&draft).risks[0].clone();
    changed.affected_properties = BTreeSet::from([crate::template::SecurityProperty::Integrity]);
    assert!(apply_edit(&draft, TemplateEdit::UpsertRisk(changed)).is_ok());
}
