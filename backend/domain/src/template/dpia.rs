//! The content of a DPIA template version (SPEC §2, Art. 35(7)): risk model, scopes,
//! systematic description, necessity questions, risks and recommendations.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::{ItemKey, ProcessingActivity};
use crate::risk_model::{RiskLevel, RiskModel, RiskModelError};

/// Everything a central DPIA template version holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DpiaContent {
    /// Scales and matrix every risk's level is derived from.
    pub risk_model: RiskModel,
    /// Data processes and modules the assessment is organised by.
    pub scopes: Vec<Scope>,
    /// The systematic description (Art. 35(7)(a)).
    pub activities: Vec<ProcessingActivity>,
    /// Necessity and proportionality (Art. 35(7)(b)).
    pub necessity_questions: Vec<NecessityQuestion>,
    /// The risk catalogue (Art. 35(7)(c)).
    pub risks: Vec<Risk>,
    /// Recommended measures (Art. 35(7)(d)).
    pub recommendations: Vec<Recommendation>,
}

/// A data process or module the assessment is organised by (AULA: 5 processes, 12 modules).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scope {
    /// Stable key, unique in the template.
    pub key: ItemKey,
    /// E.g. "Messages".
    pub title: String,
    /// Data process or module.
    pub kind: ScopeKind,
    /// What the process or module covers.
    pub description: String,
}

/// Whether a scope is a cross-cutting data process or a functional module.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ScopeKind {
    /// A data process, e.g. user administration or integrations.
    Process,
    /// A module of the system, e.g. messages or file sharing.
    Module,
}

/// A principle the necessity and proportionality assessment answers to (Art. 5, Art. 12–22,
/// Art. 28, Chapter V).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[allow(missing_docs)] // The names are the principles' own.
pub enum Principle {
    Lawfulness,
    FairnessAndTransparency,
    PurposeLimitation,
    DataMinimisation,
    Accuracy,
    StorageLimitation,
    IntegrityAndConfidentiality,
    Accountability,
    DataSubjectRights,
    Processors,
    InternationalTransfers,
    Proportionality,
}

/// A necessity/proportionality question with the central body's answer (Art. 35(7)(b)).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NecessityQuestion {
    /// Stable key, unique in the template.
    pub key: ItemKey,
    /// The principle the question tests.
    pub principle: Principle,
    /// The question.
    pub question: String,
    /// The central answer; `None` leaves it to each adopter.
    pub central_answer: Option<String>,
}

/// Where a threat comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ThreatSource {
    /// A well-meaning user makes a mistake.
    HumanError,
    /// A procedure is missing or not followed.
    ProcessFailure,
    /// Someone acts with intent, inside or outside.
    Malicious,
    /// A system, network or software failure.
    Technical,
    /// A processor, sub-processor or other supplier.
    Supplier,
}

/// The security properties of Art. 32(1)(b) a risk threatens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[allow(missing_docs)] // The names are the properties' own.
pub enum SecurityProperty {
    Confidentiality,
    Integrity,
    Availability,
}

/// A risk to the rights and freedoms of data subjects (Art. 35(7)(c)). Its level is derived
/// from the template's risk model by [`Risk::level`]; it is never stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    /// Stable key, unique in the template, e.g. `risk.messages.misdirected`.
    pub key: ItemKey,
    /// The scope the risk belongs to.
    pub scope: ItemKey,
    /// The threat in a few words, e.g. "Message sent to the wrong recipient".
    pub threat: String,
    /// How the threat materialises and what it does to the data subjects.
    pub description: String,
    /// Where the threat comes from.
    pub threat_source: ThreatSource,
    /// Which of confidentiality, integrity and availability are affected.
    pub affected_properties: BTreeSet<SecurityProperty>,
    /// Central likelihood, a value of the model's likelihood scale.
    pub likelihood: u8,
    /// Central consequence, a value of the model's consequence scale.
    pub consequence: u8,
    /// Why this likelihood and consequence.
    pub rationale: String,
}

impl Risk {
    /// The risk's level under `model`.
    pub fn level(&self, model: &RiskModel) -> Result<RiskLevel, RiskModelError> {
        model.level(self.likelihood, self.consequence)
    }
}

/// Whether a measure is technical or organisational (Art. 32(1)).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MeasureKind {
    /// A property of the system or its configuration.
    Technical,
    /// A procedure, instruction, training or policy.
    Organisational,
}

/// How binding a recommendation or clause is. `MUST` corresponds to seed 003's
/// "all municipalities shall".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Obligation {
    /// Every adopter shall implement it or give a convincing reason why not.
    Must,
    /// Recommended good practice.
    Should,
}

/// A recommended measure (Art. 35(7)(d)) every adopter must respond to (SPEC §2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    /// Stable key, unique in the template.
    pub key: ItemKey,
    /// The scopes the recommendation applies to (at least one).
    pub scopes: Vec<ItemKey>,
    /// Short name.
    pub title: String,
    /// What the adopter is to do.
    pub text: String,
    /// Technical or organisational.
    pub kind: MeasureKind,
    /// `MUST` or `SHOULD`.
    pub obligation: Obligation,
    /// Keys of the risks this recommendation mitigates.
    pub addresses_risks: Vec<ItemKey>,
}
