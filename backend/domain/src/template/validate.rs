//! Whole-version validation, run before publishing and after every edit (issue 4): keys
//! unique across the template, every reference resolved, every likelihood and consequence
//! on the model's scales, the matrix complete, required text present.

use std::collections::{BTreeSet, HashMap};

use super::{
    CodeOfConductContent, DataCategoryKind, DpiaContent, ItemKey, ItemKind, ProcessingActivity,
    TemplateContent, TemplateError, RISK_MODEL_KEY,
};
use crate::risk_model::{RiskModel, Scale};

/// Fields of a processing activity an adopter may be asked to complete, and the fields of
/// its nested items (`recipients.location`); checked so a typo is not silently ignored.
const ADOPTER_FIELDS: [&str; 11] = [
    "title",
    "description",
    "operations",
    "purposes",
    "legal_bases",
    "data_subject_categories",
    "data_categories",
    "sources",
    "recipients",
    "retention",
    "new_technology",
];
const NESTED_ADOPTER_FIELDS: [(&str, &[&str]); 3] = [
    ("data_subject_categories", &["name", "count"]),
    (
        "data_categories",
        &["kind", "special_category", "description"],
    ),
    (
        "recipients",
        &[
            "name",
            "role",
            "own_purposes",
            "legal_basis_for_disclosure",
            "location",
            "third_country",
            "transfer_basis",
            "anonymised_before_transfer",
        ],
    ),
];

/// Every reason `content` cannot be published, in document order; empty when it can.
pub fn validate(content: &TemplateContent) -> Vec<TemplateError> {
    let mut errors = Errors::default();
    check_keys(content, &mut errors);
    match content {
        TemplateContent::Dpia(dpia) => check_dpia(dpia, &mut errors),
        TemplateContent::CodeOfConduct(code) => check_code_of_conduct(code, &mut errors),
    }
    errors.0
}

#[derive(Default)]
struct Errors(Vec<TemplateError>);

impl Errors {
    fn text(&mut self, item: &ItemKey, field: &str, text: &str) {
        if text.trim().is_empty() {
            self.0.push(TemplateError::EmptyText {
                item_key: item.to_string(),
                field: field.to_owned(),
            });
        }
    }

    fn non_empty(&mut self, item: &ItemKey, field: &str, is_empty: bool) {
        if is_empty {
            self.0.push(TemplateError::EmptyList {
                item_key: item.to_string(),
                field: field.to_owned(),
            });
        }
    }

    fn reference(
        &mut self,
        item: &ItemKey,
        field: &str,
        target: &ItemKey,
        known: &BTreeSet<&ItemKey>,
        expected: &'static str,
    ) {
        if !known.contains(target) {
            self.0.push(TemplateError::DanglingReference {
                item_key: item.to_string(),
                field: field.to_owned(),
                target: target.to_string(),
                expected,
            });
        }
    }

    fn on_scale(&mut self, model: &RiskModel, item: &ItemKey, scale: Scale, value: u8) {
        let (contained, max) = match scale {
            Scale::Likelihood => (model.contains_likelihood(value), model.likelihood.len()),
            Scale::Consequence => (model.contains_consequence(value), model.consequence.len()),
        };
        if !contained {
            self.0.push(TemplateError::OutOfScale {
                item_key: item.to_string(),
                field: scale.field().to_owned(),
                value,
                max: u8::try_from(max).unwrap_or(u8::MAX),
            });
        }
    }
}

/// SPEC §2: a key is unique within the template, and `risk_model` names the model only.
fn check_keys(content: &TemplateContent, errors: &mut Errors) {
    let mut seen: HashMap<ItemKey, ItemKind> = HashMap::new();
    for item in content.items() {
        if item.key.as_str() == RISK_MODEL_KEY && item.kind != ItemKind::RiskModel {
            errors.0.push(TemplateError::ReservedKey {
                item_key: item.key.to_string(),
                field: "key".to_owned(),
            });
        } else if seen.insert(item.key.clone(), item.kind).is_some() {
            errors.0.push(TemplateError::DuplicateKey {
                item_key: item.key.to_string(),
                field: "key".to_owned(),
            });
        }
    }
}

fn check_dpia(dpia: &DpiaContent, errors: &mut Errors) {
    let model_is_valid = match dpia.risk_model.validate() {
        Ok(()) => true,
        Err(source) => {
            errors.0.push(TemplateError::InvalidRiskModel { source });
            false
        }
    };
    let scopes: BTreeSet<&ItemKey> = dpia.scopes.iter().map(|s| &s.key).collect();
    let risks: BTreeSet<&ItemKey> = dpia.risks.iter().map(|r| &r.key).collect();

    for scope in &dpia.scopes {
        errors.text(&scope.key, "title", &scope.title);
        errors.text(&scope.key, "description", &scope.description);
    }
    for activity in &dpia.activities {
        errors.reference(&activity.key, "scope", &activity.scope, &scopes, "scope");
        check_activity(activity, errors);
    }
    for question in &dpia.necessity_questions {
        errors.text(&question.key, "question", &question.question);
        if let Some(answer) = &question.central_answer {
            errors.text(&question.key, "central_answer", answer);
        }
    }
    for risk in &dpia.risks {
        errors.reference(&risk.key, "scope", &risk.scope, &scopes, "scope");
        errors.text(&risk.key, "threat", &risk.threat);
        errors.text(&risk.key, "description", &risk.description);
        errors.text(&risk.key, "rationale", &risk.rationale);
        let no_properties = risk.affected_properties.is_empty();
        errors.non_empty(&risk.key, "affected_properties", no_properties);
        // The scales can only be checked against a usable model; its own error is reported.
        if model_is_valid {
            let model = &dpia.risk_model;
            errors.on_scale(model, &risk.key, Scale::Likelihood, risk.likelihood);
            errors.on_scale(model, &risk.key, Scale::Consequence, risk.consequence);
        }
    }
    for recommendation in &dpia.recommendations {
        let key = &recommendation.key;
        errors.text(key, "title", &recommendation.title);
        errors.text(key, "text", &recommendation.text);
        errors.non_empty(key, "scopes", recommendation.scopes.is_empty());
        for scope in &recommendation.scopes {
            errors.reference(key, "scopes", scope, &scopes, "scope");
        }
        for risk in &recommendation.addresses_risks {
            errors.reference(key, "addresses_risks", risk, &risks, "risk");
        }
    }
}

fn check_activity(activity: &ProcessingActivity, errors: &mut Errors) {
    errors.text(&activity.key, "title", &activity.title);
    errors.text(&activity.key, "description", &activity.description);
    for path in &activity.to_be_completed_by_adopter {
        if !is_adopter_field(path) {
            errors.0.push(TemplateError::UnknownAdopterField {
                item_key: activity.key.to_string(),
                field: "to_be_completed_by_adopter".to_owned(),
                path: path.clone(),
            });
        }
    }
    for category in &activity.data_subject_categories {
        errors.text(&category.key, "name", &category.name);
    }
    for category in &activity.data_categories {
        errors.text(&category.key, "description", &category.description);
        if category.kind != DataCategoryKind::Special && category.special_category.is_some() {
            errors.0.push(TemplateError::SpecialCategoryOnOrdinaryData {
                item_key: category.key.to_string(),
                field: "special_category".to_owned(),
            });
        }
    }
    for recipient in &activity.recipients {
        errors.text(&recipient.key, "name", &recipient.name);
        errors.text(&recipient.key, "location", &recipient.location);
    }
}

fn is_adopter_field(path: &str) -> bool {
    match path.split_once('.') {
        None => ADOPTER_FIELDS.contains(&path),
        Some((list, field)) => NESTED_ADOPTER_FIELDS
            .iter()
            .any(|(name, fields)| *name == list && fields.contains(&field)),
    }
}

fn check_code_of_conduct(code: &CodeOfConductContent, errors: &mut Errors) {
    for clause in &code.clauses {
        errors.text(&clause.key, "section", &clause.section);
        errors.text(&clause.key, "number", &clause.number);
        errors.text(&clause.key, "text", &clause.text);
    }
}

#[cfg(test)]
mod tests;
