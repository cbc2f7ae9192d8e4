//! Write rules for overrides, completions, not-applicable marks and retained items
//! (SPEC §3): every departure from the central text names an existing item and field, holds a
//! well-formed value on the model's scales, and carries its justification.

use serde_json::Value;

use super::{blank, Lookup};
use crate::assessment::fields::BaseItem;
use crate::assessment::{AssessmentError, Completion, NotApplicable, Override, Retained};
use crate::risk_model::RiskModel;
use crate::template::ItemKind;

/// An override names an overridable field of a base item, has a justification and a value
/// that fits the field (within the scales for a likelihood or consequence).
pub(crate) fn check_override(lookup: &Lookup<'_>, o: &Override) -> Result<(), AssessmentError> {
    let (item_key, field) = (o.item_key.to_string(), o.field.clone());
    let Some(item) = lookup.base_items.get(o.item_key.as_str()) else {
        if lookup.local_items.contains_key(o.item_key.as_str()) {
            return Err(AssessmentError::NotOverridable {
                item_key,
                field,
                reason: "it is a local item; change the item itself",
            });
        }
        return Err(AssessmentError::UnknownItem { item_key, field });
    };
    if let Some(reason) = item.why_not_overridable(&o.field) {
        return Err(AssessmentError::NotOverridable {
            item_key,
            field,
            reason,
        });
    }
    if item.field(&o.field).is_none() {
        return Err(AssessmentError::UnknownField { item_key, field });
    }
    if blank(&o.justification) {
        return Err(AssessmentError::MissingJustification { item_key, field });
    }
    check_value(&lookup.base.risk_model, item, &item_key, &o.field, &o.value)
}

/// A completion names a field the template leaves to adopters and gives it a value.
pub(crate) fn check_completion(lookup: &Lookup<'_>, c: &Completion) -> Result<(), AssessmentError> {
    let (item_key, field) = (c.item_key.to_string(), c.field.clone());
    let Some(item) = lookup.base_items.get(c.item_key.as_str()) else {
        if lookup.local_items.contains_key(c.item_key.as_str()) {
            return Err(AssessmentError::NotToBeCompleted { item_key, field });
        }
        return Err(AssessmentError::UnknownItem { item_key, field });
    };
    if !item.is_to_be_completed(&c.field) {
        return Err(AssessmentError::NotToBeCompleted { item_key, field });
    }
    if c.value.is_null() {
        return Err(AssessmentError::InvalidValue {
            item_key,
            field,
            reason: "a completion needs a value".to_owned(),
        });
    }
    check_value(&lookup.base.risk_model, item, &item_key, &c.field, &c.value)
}

/// A not-applicable mark names a base item that can be set aside, with a justification.
/// Recommendations are answered `NOT_APPLICABLE` instead, so there is one place to look.
pub(crate) fn check_not_applicable(
    lookup: &Lookup<'_>,
    mark: &NotApplicable,
) -> Result<(), AssessmentError> {
    let item_key = mark.item_key.to_string();
    let field = "not_applicable".to_owned();
    let Some(item) = lookup.base_items.get(mark.item_key.as_str()) else {
        if lookup.local_items.contains_key(mark.item_key.as_str()) {
            return Err(AssessmentError::CannotBeNotApplicable {
                item_key,
                field,
                reason: "it is a local item; remove it instead",
            });
        }
        return Err(AssessmentError::UnknownItem { item_key, field });
    };
    let reason = match item.kind() {
        ItemKind::RiskModel => Some("the risk model applies to every adopter"),
        ItemKind::Recommendation => {
            Some("answer the recommendation NOT_APPLICABLE with a justification instead")
        }
        _ => None,
    };
    if let Some(reason) = reason {
        return Err(AssessmentError::CannotBeNotApplicable {
            item_key,
            field,
            reason,
        });
    }
    if blank(&mark.justification) {
        return Err(AssessmentError::MissingJustification {
            item_key,
            field: "justification".to_owned(),
        });
    }
    Ok(())
}

/// A retained item is a local item with a justification.
pub(crate) fn check_retained(
    lookup: &Lookup<'_>,
    retained: &Retained,
) -> Result<(), AssessmentError> {
    let item_key = retained.item_key.to_string();
    if !lookup.local_items.contains_key(retained.item_key.as_str()) {
        return Err(AssessmentError::UnknownItem {
            item_key,
            field: "retained".to_owned(),
        });
    }
    if blank(&retained.justification) {
        return Err(AssessmentError::MissingJustification {
            item_key,
            field: "justification".to_owned(),
        });
    }
    Ok(())
}

/// A value fits its field: a likelihood or consequence of a risk is a level of the model's
/// scale; any other value deserialises into the item's type.
fn check_value(
    model: &RiskModel,
    item: &BaseItem<'_>,
    item_key: &str,
    field: &str,
    value: &Value,
) -> Result<(), AssessmentError> {
    if let (BaseItem::Risk(_), "likelihood" | "consequence") = (item, field) {
        return check_scale_value(model, item_key, field, value);
    }
    item.accepts(field, value)
        .map_err(|reason| AssessmentError::InvalidValue {
            item_key: item_key.to_owned(),
            field: field.to_owned(),
            reason,
        })
}

/// A JSON value is a level of the likelihood or consequence scale.
pub(crate) fn check_scale_value(
    model: &RiskModel,
    item_key: &str,
    field: &str,
    value: &Value,
) -> Result<(), AssessmentError> {
    let max = if field.ends_with("likelihood") {
        model.likelihood.len()
    } else {
        model.consequence.len()
    };
    match value.as_u64() {
        Some(v) if v >= 1 && v <= max as u64 => Ok(()),
        Some(_) | None if value.is_number() => Err(AssessmentError::OutOfScale {
            item_key: item_key.to_owned(),
            field: field.to_owned(),
            value: value.to_string(),
            max,
        }),
        _ => Err(AssessmentError::InvalidValue {
            item_key: item_key.to_owned(),
            field: field.to_owned(),
            reason: format!("expected a level of the scale 1–{max}"),
        }),
    }
}
