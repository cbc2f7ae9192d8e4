//! Central templates (SPEC §2, issue 4): the content of one template version, the generic
//! keyed-item view that diffs, merges and inheritance are written against, and the rules for
//! validating, editing and comparing versions.

mod code_of_conduct;
mod description;
mod diff;
mod dpia;
mod edit;
mod error;
mod items;
mod key;
mod validate;

pub use code_of_conduct::{Clause, CodeOfConductContent};
pub use description::{
    Article6Basis, DataCategory, DataCategoryKind, DataSubjectCategory, LegalBasis,
    ProcessingActivity, ProcessingOperation, Recipient, RecipientRole, SpecialCategory,
};
pub use diff::{diff_versions, FieldChange, ItemChange, ItemSummary, VersionDiff};
pub use dpia::{
    DpiaContent, MeasureKind, NecessityQuestion, Obligation, Principle, Recommendation, Risk,
    Scope, ScopeKind, SecurityProperty, ThreatSource,
};
pub use edit::{apply_edit, TemplateEdit};
pub use error::TemplateError;
pub use items::{ItemKind, ItemRef, RISK_MODEL_KEY};
pub use key::{InvalidItemKey, ItemKey, MAX_KEY_LENGTH};
pub use validate::validate;

use serde::{Deserialize, Serialize};

/// What a template is (SPEC §2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TemplateKind {
    /// A base DPIA with risk catalogue and recommendations.
    Dpia,
    /// A code of conduct (Art. 40).
    CodeOfConduct,
}

/// The language a template's content is written in (issue 15): the demo and the real central
/// material are Danish, so Danish is the default. A closed set: the languages the product speaks.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum ContentLanguage {
    /// Danish (`da`), the default.
    #[default]
    Da,
    /// English (`en`).
    En,
}

impl ContentLanguage {
    /// The BCP 47 code as written in documents and `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            ContentLanguage::Da => "da",
            ContentLanguage::En => "en",
        }
    }

    /// `da` or `en`; anything else is not a language the product speaks.
    pub fn parse(code: &str) -> Option<ContentLanguage> {
        match code {
            "da" => Some(ContentLanguage::Da),
            "en" => Some(ContentLanguage::En),
            _ => None,
        }
    }
}

/// The life cycle of a template version (SPEC §2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum VersionStatus {
    /// Editable by the owner's editors, invisible to everyone else.
    Draft,
    /// Immutable forever; can be adopted.
    Published,
    /// Still readable; no new adoptions.
    Withdrawn,
}

/// The content of one template version, by kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE", deny_unknown_fields)]
pub enum TemplateContent {
    /// A DPIA template.
    Dpia(DpiaContent),
    /// A code of conduct.
    CodeOfConduct(CodeOfConductContent),
}

impl TemplateContent {
    /// The kind of template this content belongs to.
    pub fn kind(&self) -> TemplateKind {
        match self {
            TemplateContent::Dpia(_) => TemplateKind::Dpia,
            TemplateContent::CodeOfConduct(_) => TemplateKind::CodeOfConduct,
        }
    }

    /// The DPIA content, if this is a DPIA template.
    pub fn as_dpia(&self) -> Option<&DpiaContent> {
        match self {
            TemplateContent::Dpia(dpia) => Some(dpia),
            TemplateContent::CodeOfConduct(_) => None,
        }
    }
}

#[cfg(test)]
pub(crate) mod testing;
