//! The words the report uses for the domain's enumerations. Written out here, rather than
//! derived from the serialised names, because the report is read by people: "Art. 6(1)(e)
//! public task" says more to a case officer than `PUBLIC_TASK`.

use dpiahub_domain::assessment::{MeasureStatus, TreatmentDecision};
use dpiahub_domain::risk_model::RiskLevel;
use dpiahub_domain::template::{
    Article6Basis, DataCategoryKind, MeasureKind, Obligation, Principle, ProcessingOperation,
    RecipientRole, SecurityProperty, SpecialCategory, ThreatSource,
};

/// What the report prints where a value was never given. Said plainly, because an empty cell
/// reads as "nothing to say" while the point is that something is missing.
pub(super) const NOT_STATED: &str = "not stated";

/// The level's name as in the risk model (`LOW`, `MEDIUM`, `HIGH`).
pub(super) fn level(level: RiskLevel) -> &'static str {
    match level {
        RiskLevel::Low => "LOW",
        RiskLevel::Medium => "MEDIUM",
        RiskLevel::High => "HIGH",
    }
}

/// The CSS class of a level in the HTML report.
pub(super) fn level_class(level: RiskLevel) -> &'static str {
    match level {
        RiskLevel::Low => "low",
        RiskLevel::Medium => "medium",
        RiskLevel::High => "high",
    }
}

/// The fill of a risk-map cell of this level: the green, amber and red of the usual matrix.
pub(super) fn level_colour(level: RiskLevel) -> &'static str {
    match level {
        RiskLevel::Low => "#b9e4a8",
        RiskLevel::Medium => "#ffe08a",
        RiskLevel::High => "#f3a0a0",
    }
}

/// An Art. 4(2) operation.
pub(super) fn operation(operation: ProcessingOperation) -> &'static str {
    use ProcessingOperation as O;
    match operation {
        O::Collection => "collection",
        O::Recording => "recording",
        O::Organisation => "organisation",
        O::Structuring => "structuring",
        O::Storage => "storage",
        O::Adaptation => "adaptation or alteration",
        O::Retrieval => "retrieval",
        O::Consultation => "consultation",
        O::Use => "use",
        O::Disclosure => "disclosure",
        O::Alignment => "alignment or combination",
        O::Restriction => "restriction",
        O::Erasure => "erasure or destruction",
    }
}

/// An Art. 6(1) condition with its letter.
pub(super) fn article_6(basis: Article6Basis) -> &'static str {
    match basis {
        Article6Basis::Consent => "Art. 6(1)(a) consent",
        Article6Basis::Contract => "Art. 6(1)(b) contract",
        Article6Basis::LegalObligation => "Art. 6(1)(c) legal obligation",
        Article6Basis::VitalInterests => "Art. 6(1)(d) vital interests",
        Article6Basis::PublicTask => "Art. 6(1)(e) public task",
        Article6Basis::LegitimateInterests => "Art. 6(1)(f) legitimate interests",
    }
}

/// The legal class of a data category.
pub(super) fn data_category_kind(kind: DataCategoryKind) -> &'static str {
    match kind {
        DataCategoryKind::Ordinary => "Ordinary",
        DataCategoryKind::Special => "Special category (Art. 9)",
        DataCategoryKind::CriminalOffences => "Criminal offences (Art. 10)",
        DataCategoryKind::NationalIdNumber => "National ID number (Art. 87)",
        DataCategoryKind::Metadata => "Metadata",
    }
}

/// An Art. 9(1) category.
pub(super) fn special_category(category: SpecialCategory) -> &'static str {
    use SpecialCategory as S;
    match category {
        S::RacialOrEthnicOrigin => "racial or ethnic origin",
        S::PoliticalOpinions => "political opinions",
        S::ReligiousOrPhilosophicalBeliefs => "religious or philosophical beliefs",
        S::TradeUnionMembership => "trade union membership",
        S::Genetic => "genetic data",
        S::Biometric => "biometric data for identification",
        S::Health => "health",
        S::SexLifeOrOrientation => "sex life or sexual orientation",
    }
}

/// A recipient's role with the provision that defines it.
pub(super) fn recipient_role(role: RecipientRole) -> &'static str {
    match role {
        RecipientRole::Processor => "Processor (Art. 28)",
        RecipientRole::SubProcessor => "Sub-processor (Art. 28(2), (4))",
        RecipientRole::IndependentController => "Independent controller",
        RecipientRole::JointController => "Joint controller (Art. 26)",
        RecipientRole::Internal => "Internal",
    }
}

/// A principle of the necessity and proportionality assessment.
pub(super) fn principle(principle: Principle) -> &'static str {
    use Principle as P;
    match principle {
        P::Lawfulness => "Lawfulness (Art. 5(1)(a), Art. 6)",
        P::FairnessAndTransparency => "Fairness and transparency (Art. 5(1)(a), Art. 12–14)",
        P::PurposeLimitation => "Purpose limitation (Art. 5(1)(b))",
        P::DataMinimisation => "Data minimisation (Art. 5(1)(c))",
        P::Accuracy => "Accuracy (Art. 5(1)(d))",
        P::StorageLimitation => "Storage limitation (Art. 5(1)(e))",
        P::IntegrityAndConfidentiality => "Integrity and confidentiality (Art. 5(1)(f), Art. 32)",
        P::Accountability => "Accountability (Art. 5(2))",
        P::DataSubjectRights => "Data subjects' rights (Art. 12–22)",
        P::Processors => "Processors (Art. 28)",
        P::InternationalTransfers => "International transfers (Chapter V)",
        P::Proportionality => "Proportionality (Art. 35(7)(b))",
    }
}

/// Where a threat comes from.
pub(super) fn threat_source(source: ThreatSource) -> &'static str {
    match source {
        ThreatSource::HumanError => "human error",
        ThreatSource::ProcessFailure => "process failure",
        ThreatSource::Malicious => "malicious act",
        ThreatSource::Technical => "technical failure",
        ThreatSource::Supplier => "supplier",
    }
}

/// An Art. 32(1)(b) security property.
pub(super) fn security_property(property: SecurityProperty) -> &'static str {
    match property {
        SecurityProperty::Confidentiality => "confidentiality",
        SecurityProperty::Integrity => "integrity",
        SecurityProperty::Availability => "availability",
    }
}

/// Technical or organisational (Art. 32(1)).
pub(super) fn measure_kind(kind: MeasureKind) -> &'static str {
    match kind {
        MeasureKind::Technical => "technical",
        MeasureKind::Organisational => "organisational",
    }
}

/// `MUST` or `SHOULD`.
pub(super) fn obligation(obligation: Obligation) -> &'static str {
    match obligation {
        Obligation::Must => "MUST",
        Obligation::Should => "SHOULD",
    }
}

/// A treatment decision.
pub(super) fn treatment(decision: TreatmentDecision) -> &'static str {
    match decision {
        TreatmentDecision::Reduce => "REDUCE",
        TreatmentDecision::Accept => "ACCEPT",
        TreatmentDecision::Avoid => "AVOID",
        TreatmentDecision::Transfer => "TRANSFER",
    }
}

/// A measure's status with its date: "IMPLEMENTED on 2024-01-31", "PLANNED, due 2024-06-30".
pub(super) fn measure_status(status: &MeasureStatus) -> String {
    match status {
        MeasureStatus::Planned { due } => format!("PLANNED, due {due}"),
        MeasureStatus::Implemented { on } => format!("IMPLEMENTED on {on}"),
        MeasureStatus::Retired { on } => format!("RETIRED on {on}"),
    }
}

/// "yes", "no" or [`NOT_STATED`].
pub(super) fn yes_no(answer: Option<bool>) -> &'static str {
    match answer {
        Some(true) => "yes",
        Some(false) => "no",
        None => NOT_STATED,
    }
}
