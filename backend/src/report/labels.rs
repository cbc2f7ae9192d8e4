//! The words the report uses for the domain's enumerations, in the reader's language (the
//! `report-*` messages of `backend/i18n/{da,en}/report.ftl`). Written out rather than derived
//! from the serialised names, because the report is read by people: "Art. 6, stk. 1, litra e"
//! says more to a case officer than `PUBLIC_TASK`.

use dpiahub_domain::assessment::{MeasureStatus, ResponseStatus, TreatmentDecision};
use dpiahub_domain::risk_model::RiskLevel;
use dpiahub_domain::template::{
    Article6Basis, DataCategoryKind, MeasureKind, Obligation, Principle, ProcessingOperation,
    RecipientRole, SecurityProperty, SpecialCategory, ThreatSource,
};

use crate::i18n::{self, Arg, Lang};

/// The message `key` in `lang`.
pub(super) fn word(lang: Lang, key: &str) -> String {
    i18n::text(lang, key)
}

/// The message `key` in `lang` with its arguments.
pub(super) fn words(lang: Lang, key: &str, args: &[(&str, Arg<'_>)]) -> String {
    i18n::text_with(lang, key, args)
}

/// What the report prints where a value was never given. Said plainly, because an empty cell
/// reads as "nothing to say" while the point is that something is missing.
pub(super) fn not_stated(lang: Lang) -> String {
    word(lang, "report-not-stated")
}

/// The level's name as in the risk model (`LOW`, `MEDIUM`, `HIGH`; `LAV`, `MIDDEL`, `HØJ`).
pub(super) fn level(lang: Lang, level: RiskLevel) -> String {
    word(
        lang,
        match level {
            RiskLevel::Low => "report-level-low",
            RiskLevel::Medium => "report-level-medium",
            RiskLevel::High => "report-level-high",
        },
    )
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
pub(crate) fn operation(lang: Lang, operation: ProcessingOperation) -> String {
    use ProcessingOperation as O;
    let key = match operation {
        O::Collection => "report-op-collection",
        O::Recording => "report-op-recording",
        O::Organisation => "report-op-organisation",
        O::Structuring => "report-op-structuring",
        O::Storage => "report-op-storage",
        O::Adaptation => "report-op-adaptation",
        O::Retrieval => "report-op-retrieval",
        O::Consultation => "report-op-consultation",
        O::Use => "report-op-use",
        O::Disclosure => "report-op-disclosure",
        O::Alignment => "report-op-alignment",
        O::Restriction => "report-op-restriction",
        O::Erasure => "report-op-erasure",
    };
    word(lang, key)
}

/// An Art. 6(1) condition with its letter.
pub(super) fn article_6(lang: Lang, basis: Article6Basis) -> String {
    let key = match basis {
        Article6Basis::Consent => "report-art6-consent",
        Article6Basis::Contract => "report-art6-contract",
        Article6Basis::LegalObligation => "report-art6-legal-obligation",
        Article6Basis::VitalInterests => "report-art6-vital-interests",
        Article6Basis::PublicTask => "report-art6-public-task",
        Article6Basis::LegitimateInterests => "report-art6-legitimate-interests",
    };
    word(lang, key)
}

/// The legal class of a data category.
pub(super) fn data_category_kind(lang: Lang, kind: DataCategoryKind) -> String {
    let key = match kind {
        DataCategoryKind::Ordinary => "report-data-ordinary",
        DataCategoryKind::Special => "report-data-special",
        DataCategoryKind::CriminalOffences => "report-data-criminal",
        DataCategoryKind::NationalIdNumber => "report-data-national-id",
        DataCategoryKind::Metadata => "report-data-metadata",
    };
    word(lang, key)
}

/// An Art. 9(1) category.
pub(super) fn special_category(lang: Lang, category: SpecialCategory) -> String {
    use SpecialCategory as S;
    let key = match category {
        S::RacialOrEthnicOrigin => "report-special-ethnic",
        S::PoliticalOpinions => "report-special-political",
        S::ReligiousOrPhilosophicalBeliefs => "report-special-religious",
        S::TradeUnionMembership => "report-special-trade-union",
        S::Genetic => "report-special-genetic",
        S::Biometric => "report-special-biometric",
        S::Health => "report-special-health",
        S::SexLifeOrOrientation => "report-special-sex-life",
    };
    word(lang, key)
}

/// A recipient's role with the provision that defines it.
pub(super) fn recipient_role(lang: Lang, role: RecipientRole) -> String {
    let key = match role {
        RecipientRole::Processor => "report-role-processor",
        RecipientRole::SubProcessor => "report-role-sub-processor",
        RecipientRole::IndependentController => "report-role-independent-controller",
        RecipientRole::JointController => "report-role-joint-controller",
        RecipientRole::Internal => "report-role-internal",
    };
    word(lang, key)
}

/// A principle of the necessity and proportionality assessment.
pub(crate) fn principle(lang: Lang, principle: Principle) -> String {
    use Principle as P;
    let key = match principle {
        P::Lawfulness => "report-principle-lawfulness",
        P::FairnessAndTransparency => "report-principle-fairness",
        P::PurposeLimitation => "report-principle-purpose",
        P::DataMinimisation => "report-principle-minimisation",
        P::Accuracy => "report-principle-accuracy",
        P::StorageLimitation => "report-principle-storage",
        P::IntegrityAndConfidentiality => "report-principle-integrity",
        P::Accountability => "report-principle-accountability",
        P::DataSubjectRights => "report-principle-rights",
        P::Processors => "report-principle-processors",
        P::InternationalTransfers => "report-principle-transfers",
        P::Proportionality => "report-principle-proportionality",
    };
    word(lang, key)
}

/// Where a threat comes from.
pub(crate) fn threat_source(lang: Lang, source: ThreatSource) -> String {
    let key = match source {
        ThreatSource::HumanError => "report-source-human-error",
        ThreatSource::ProcessFailure => "report-source-process-failure",
        ThreatSource::Malicious => "report-source-malicious",
        ThreatSource::Technical => "report-source-technical",
        ThreatSource::Supplier => "report-source-supplier",
    };
    word(lang, key)
}

/// An Art. 32(1)(b) security property.
pub(crate) fn security_property(lang: Lang, property: SecurityProperty) -> String {
    let key = match property {
        SecurityProperty::Confidentiality => "report-property-confidentiality",
        SecurityProperty::Integrity => "report-property-integrity",
        SecurityProperty::Availability => "report-property-availability",
    };
    word(lang, key)
}

/// Technical or organisational (Art. 32(1)).
pub(crate) fn measure_kind(lang: Lang, kind: MeasureKind) -> String {
    let key = match kind {
        MeasureKind::Technical => "report-measure-technical",
        MeasureKind::Organisational => "report-measure-organisational",
    };
    word(lang, key)
}

/// `MUST` or `SHOULD` (`SKAL` or `BØR`).
pub(super) fn obligation(lang: Lang, obligation: Obligation) -> String {
    let key = match obligation {
        Obligation::Must => "report-obligation-must",
        Obligation::Should => "report-obligation-should",
    };
    word(lang, key)
}

/// A treatment decision.
pub(super) fn treatment(lang: Lang, decision: TreatmentDecision) -> String {
    let key = match decision {
        TreatmentDecision::Reduce => "report-decision-reduce",
        TreatmentDecision::Accept => "report-decision-accept",
        TreatmentDecision::Avoid => "report-decision-avoid",
        TreatmentDecision::Transfer => "report-decision-transfer",
    };
    word(lang, key)
}

/// The state of a recommendation's response (`UNADDRESSED` until answered).
pub(super) fn response_status(lang: Lang, status: ResponseStatus) -> String {
    let key = match status {
        ResponseStatus::Unaddressed => "report-response-unaddressed",
        ResponseStatus::Implemented => "report-response-implemented",
        ResponseStatus::PartiallyImplemented => "report-response-partially-implemented",
        ResponseStatus::Planned => "report-response-planned",
        ResponseStatus::Alternative => "report-response-alternative",
        ResponseStatus::NotApplicable => "report-response-not-applicable",
    };
    word(lang, key)
}

/// A measure's status with its date: "IMPLEMENTED on 2024-01-31", "PLANNED, due 2024-06-30".
pub(super) fn measure_status(lang: Lang, status: &MeasureStatus) -> String {
    let (key, date) = match status {
        MeasureStatus::Planned { due } => ("report-status-planned", due),
        MeasureStatus::Implemented { on } => ("report-status-implemented", on),
        MeasureStatus::Retired { on } => ("report-status-retired", on),
    };
    let date = date.to_string();
    words(lang, key, &[("date", Arg::Text(&date))])
}

/// "yes", "no" or [`not_stated`].
pub(super) fn yes_no(lang: Lang, answer: Option<bool>) -> String {
    match answer {
        Some(true) => word(lang, "report-yes"),
        Some(false) => word(lang, "report-no"),
        None => not_stated(lang),
    }
}
