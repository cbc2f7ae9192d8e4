//! Why a template version, or an edit of one, is refused. Every error names the item key
//! (where there is one) and the field, so the API can answer `VALIDATION` with `itemKey` and
//! `field` (SPEC §7) and a person can find what to fix.

use thiserror::Error;

use super::TemplateKind;
use crate::risk_model::RiskModelError;

/// A template validation or edit error.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum TemplateError {
    /// The risk model's scales or matrix are unusable.
    #[error("risk model: {source}")]
    InvalidRiskModel {
        /// What is wrong with the model.
        source: RiskModelError,
    },
    /// Two items share a key; keys are unique across the whole template (SPEC §2).
    #[error("key `{item_key}` is already used by another item of this template")]
    DuplicateKey {
        /// The repeated key.
        item_key: String,
        /// Always `key`.
        field: String,
    },
    /// An item uses a key reserved for the template itself.
    #[error("key `{item_key}` is reserved for the template's risk model")]
    ReservedKey {
        /// The reserved key.
        item_key: String,
        /// Always `key`.
        field: String,
    },
    /// An edit names an item the template does not have.
    #[error("this template has no item with key `{item_key}`")]
    UnknownItem {
        /// The unknown key.
        item_key: String,
        /// The field that named it.
        field: String,
    },
    /// A reference to a scope, activity or risk that does not exist (or is another kind).
    #[error(
        "{item_key}: `{field}` refers to `{target}`, which is not a {expected} of this template"
    )]
    DanglingReference {
        /// The referring item.
        item_key: String,
        /// The referring field.
        field: String,
        /// The key referred to.
        target: String,
        /// What kind of item was expected, in words (`scope`, `risk`, …).
        expected: &'static str,
    },
    /// A likelihood or consequence that is not a level of the risk model.
    #[error("{item_key}: {field} {value} is outside the risk model's scale 1–{max}")]
    OutOfScale {
        /// The risk.
        item_key: String,
        /// `likelihood` or `consequence`.
        field: String,
        /// The value given.
        value: u8,
        /// The highest level of the scale.
        max: u8,
    },
    /// Text that is required is empty or only whitespace.
    #[error("{item_key}: `{field}` must not be empty")]
    EmptyText {
        /// The item.
        item_key: String,
        /// The empty field.
        field: String,
    },
    /// A list that needs at least one entry is empty.
    #[error("{item_key}: `{field}` needs at least one entry")]
    EmptyList {
        /// The item.
        item_key: String,
        /// The empty list.
        field: String,
    },
    /// A data category names an Art. 9 type without being a special category.
    #[error("{item_key}: `special_category` is only allowed when `kind` is SPECIAL")]
    SpecialCategoryOnOrdinaryData {
        /// The data category.
        item_key: String,
        /// Always `special_category`.
        field: String,
    },
    /// `to_be_completed_by_adopter` names a field a processing activity does not have.
    #[error("{item_key}: `{path}` in `{field}` is not a field of a processing activity")]
    UnknownAdopterField {
        /// The activity.
        item_key: String,
        /// Always `to_be_completed_by_adopter`.
        field: String,
        /// The unknown path.
        path: String,
    },
    /// Removing the item would leave other items referring to nothing.
    #[error("`{item_key}` cannot be removed: it is referred to by `{referenced_by}` (field `{field}`); change that item first")]
    StillReferenced {
        /// The item to remove.
        item_key: String,
        /// The referring field of the other item.
        field: String,
        /// The referring item.
        referenced_by: String,
    },
    /// The risk model is part of every DPIA template and cannot be removed.
    #[error("the risk model cannot be removed; replace it instead")]
    RiskModelNotRemovable {
        /// Always `risk_model`.
        item_key: String,
        /// Always `key`.
        field: String,
    },
    /// The edit belongs to the other kind of template.
    #[error("this edit applies to {expected:?} templates, but this template is {found:?}")]
    WrongTemplateKind {
        /// The kind the edit needs.
        expected: TemplateKind,
        /// The template's kind.
        found: TemplateKind,
    },
}

impl TemplateError {
    /// The key of the item the error is about, if it is about one item.
    pub fn item_key(&self) -> Option<&str> {
        match self {
            TemplateError::InvalidRiskModel { .. } => Some(super::RISK_MODEL_KEY),
            TemplateError::WrongTemplateKind { .. } => None,
            TemplateError::DuplicateKey { item_key, .. }
            | TemplateError::ReservedKey { item_key, .. }
            | TemplateError::UnknownItem { item_key, .. }
            | TemplateError::DanglingReference { item_key, .. }
            | TemplateError::OutOfScale { item_key, .. }
            | TemplateError::EmptyText { item_key, .. }
            | TemplateError::EmptyList { item_key, .. }
            | TemplateError::SpecialCategoryOnOrdinaryData { item_key, .. }
            | TemplateError::UnknownAdopterField { item_key, .. }
            | TemplateError::StillReferenced { item_key, .. }
            | TemplateError::RiskModelNotRemovable { item_key, .. } => Some(item_key),
        }
    }

    /// The field the error is about, relative to the item (e.g. `likelihood`,
    /// `addresses_risks`, `matrix[2][3]`), or `content` for whole-template errors.
    pub fn field(&self) -> String {
        match self {
            TemplateError::InvalidRiskModel { source } => source.field(),
            TemplateError::WrongTemplateKind { .. } => "content".to_owned(),
            TemplateError::DuplicateKey { field, .. }
            | TemplateError::ReservedKey { field, .. }
            | TemplateError::UnknownItem { field, .. }
            | TemplateError::DanglingReference { field, .. }
            | TemplateError::OutOfScale { field, .. }
            | TemplateError::EmptyText { field, .. }
            | TemplateError::EmptyList { field, .. }
            | TemplateError::SpecialCategoryOnOrdinaryData { field, .. }
            | TemplateError::UnknownAdopterField { field, .. }
            | TemplateError::StillReferenced { field, .. }
            | TemplateError::RiskModelNotRemovable { field, .. } => field.clone(),
        }
    }
}
