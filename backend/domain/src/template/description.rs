//! The systematic description of the processing (Art. 35(7)(a)): processing activities with
//! their operations, purposes, legal bases, data subjects, data, sources, recipients and
//! retention. Data-subject categories, data categories and recipients are keyed items of
//! their own, so a controller can override or complete each one (SPEC §3).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::ItemKey;

/// A processing activity: one coherent purpose-bound use of personal data within a scope.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcessingActivity {
    /// Stable key, unique in the template.
    pub key: ItemKey,
    /// The scope (data process or module) this activity belongs to.
    pub scope: ItemKey,
    /// Short name.
    pub title: String,
    /// What happens, in plain words.
    pub description: String,
    /// The operations of Art. 4(2) performed; more than "collection" is expected (seed 003).
    pub operations: BTreeSet<ProcessingOperation>,
    /// The specified, explicit purposes (Art. 5(1)(b)).
    pub purposes: Vec<String>,
    /// The legal bases relied on.
    pub legal_bases: Vec<LegalBasis>,
    /// Whose data is processed, each with an estimated count.
    pub data_subject_categories: Vec<DataSubjectCategory>,
    /// Which data is processed, including special categories by type and metadata.
    pub data_categories: Vec<DataCategory>,
    /// Where the data comes from.
    pub sources: Vec<String>,
    /// Who receives the data, and in which role.
    pub recipients: Vec<Recipient>,
    /// How long the data is kept, or `None` where each adopter decides.
    pub retention: Option<String>,
    /// New technology involved (Art. 35(1)), or `None` when there is none.
    pub new_technology: Option<String>,
    /// Fields each adopter must complete locally, as paths relative to this activity,
    /// e.g. `data_subject_categories.count` or `retention` (SPEC §2).
    pub to_be_completed_by_adopter: Vec<String>,
}

/// The processing operations listed in Art. 4(2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[allow(missing_docs)] // The names are the words of Art. 4(2).
pub enum ProcessingOperation {
    Collection,
    Recording,
    Organisation,
    Structuring,
    Storage,
    Adaptation,
    Retrieval,
    Consultation,
    Use,
    Disclosure,
    Alignment,
    Restriction,
    Erasure,
}

/// The lawfulness conditions of Art. 6(1)(a)–(f).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Article6Basis {
    /// Art. 6(1)(a).
    Consent,
    /// Art. 6(1)(b).
    Contract,
    /// Art. 6(1)(c).
    LegalObligation,
    /// Art. 6(1)(d).
    VitalInterests,
    /// Art. 6(1)(e).
    PublicTask,
    /// Art. 6(1)(f).
    LegitimateInterests,
}

/// One legal basis: the Art. 6 condition plus, where relevant, the Art. 9 exception, the
/// Art. 10 authorisation and the national law relied on, as written text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegalBasis {
    /// The Art. 6(1) condition.
    pub article_6: Article6Basis,
    /// The Art. 9(2) exception for special-category data, e.g. "Art. 9(2)(g)".
    pub article_9: Option<String>,
    /// The Art. 10 authorisation for criminal-offence data.
    pub article_10: Option<String>,
    /// The national provision, e.g. an act and section.
    pub national_law: Option<String>,
}

/// A category of data subjects with its estimated number (seed 003: counts were given for
/// pupils only). The count is usually left for each adopter to complete.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataSubjectCategory {
    /// Stable key, unique in the template.
    pub key: ItemKey,
    /// E.g. "Pupils".
    pub name: String,
    /// Estimated number of persons, `None` until stated.
    pub count: Option<u64>,
}

/// A category of personal data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataCategory {
    /// Stable key, unique in the template.
    pub key: ItemKey,
    /// Ordinary, special (Art. 9), criminal (Art. 10), national ID number or metadata.
    pub kind: DataCategoryKind,
    /// For `SPECIAL` only: which Art. 9(1) category. `None` on a special category records
    /// that special-category data is present but its type was not specified — a defect the
    /// checks report (seed 003), so it must be representable.
    pub special_category: Option<SpecialCategory>,
    /// What the data is, e.g. "free-text messages between staff and parents".
    pub description: String,
}

/// The legal class of a data category; each class has its own conditions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DataCategoryKind {
    /// Ordinary personal data (Art. 6 only).
    Ordinary,
    /// Special categories of Art. 9(1); see [`DataCategory::special_category`].
    Special,
    /// Criminal convictions and offences (Art. 10).
    CriminalOffences,
    /// National identification numbers (Art. 87, e.g. the Danish CPR number).
    NationalIdNumber,
    /// Metadata such as file names, logs and timestamps (seed 000).
    Metadata,
}

/// The special categories of personal data of Art. 9(1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[allow(missing_docs)] // The names are the words of Art. 9(1).
pub enum SpecialCategory {
    RacialOrEthnicOrigin,
    PoliticalOpinions,
    ReligiousOrPhilosophicalBeliefs,
    TradeUnionMembership,
    Genetic,
    Biometric,
    Health,
    SexLifeOrOrientation,
}

/// Someone who receives the data (seed 000: role and own purposes are first-class).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recipient {
    /// Stable key, unique in the template.
    pub key: ItemKey,
    /// Name of the recipient.
    pub name: String,
    /// The recipient's role towards the controller.
    pub role: RecipientRole,
    /// Purposes the recipient pursues on its own account ("business operations"); a
    /// disclosure for them needs its own legal basis (seed 000).
    pub own_purposes: Vec<String>,
    /// The legal basis for disclosing data to the recipient for its own purposes.
    pub legal_basis_for_disclosure: Option<String>,
    /// Where the data is processed, e.g. "Denmark" or "EU/EEA".
    pub location: String,
    /// Whether the data leaves the EU/EEA (Chapter V).
    pub third_country: bool,
    /// The transfer tool for a third country, e.g. "Art. 46(2)(c) standard contractual clauses".
    pub transfer_basis: Option<String>,
    /// Whether data is anonymised or aggregated before it reaches the recipient; `None`
    /// when not stated (a finding, seed 000).
    pub anonymised_before_transfer: Option<bool>,
}

/// A recipient's role (Art. 4(7)–(9), Art. 26, Art. 28).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RecipientRole {
    /// Processes on the controller's behalf (Art. 28).
    Processor,
    /// Engaged by a processor (Art. 28(2), (4)).
    SubProcessor,
    /// Decides its own purposes and means.
    IndependentController,
    /// Decides purposes and means together with the controller (Art. 26).
    JointController,
    /// A unit inside the controller's own organisation.
    Internal,
}
