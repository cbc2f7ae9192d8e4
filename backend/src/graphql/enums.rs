//! GraphQL enums for the domain's closed sets (SPEC §7: an enum for every closed set). The
//! domain crate stays free of juniper, so each enum here mirrors one of its types and converts
//! both ways; the GraphQL names carry no implementation suffix.

use crate::domain::adherence::AdherenceStatus as DomainAdherenceStatus;
use crate::domain::assessment::{
    ResponseStatus as DomainResponseStatus, TreatmentDecision as DomainTreatmentDecision,
};
use crate::domain::template::{
    Article6Basis as DomainArticle6Basis, DataCategoryKind as DomainDataCategoryKind,
    MeasureKind as DomainMeasureKind, Obligation as DomainObligation,
    ProcessingOperation as DomainProcessingOperation, RecipientRole as DomainRecipientRole,
    SecurityProperty as DomainSecurityProperty, SpecialCategory as DomainSpecialCategory,
    ThreatSource as DomainThreatSource,
};

/// A GraphQL enum mirroring a domain enum of unit variants, with `From` both ways.
macro_rules! mirror_enum {
    ($(#[$meta:meta])* $name:ident <=> $domain:ident { $($variant:ident),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, juniper::GraphQLEnum)]
        pub enum $name {
            $($variant),+
        }

        impl From<$name> for $domain {
            fn from(value: $name) -> Self {
                match value {
                    $($name::$variant => $domain::$variant),+
                }
            }
        }

        impl From<$domain> for $name {
            fn from(value: $domain) -> Self {
                match value {
                    $($domain::$variant => $name::$variant),+
                }
            }
        }
    };
}

mirror_enum! {
    /// The decision on a risk (SPEC §2 risk treatment).
    TreatmentDecision <=> DomainTreatmentDecision { Reduce, Accept, Avoid, Transfer }
}

mirror_enum! {
    /// `TECHNICAL` or `ORGANISATIONAL` (a measure, a recommendation).
    MeasureKind <=> DomainMeasureKind { Technical, Organisational }
}

mirror_enum! {
    /// How binding a recommendation or clause is.
    Obligation <=> DomainObligation { Must, Should }
}

mirror_enum! {
    /// Where a threat comes from.
    ThreatSource <=> DomainThreatSource { HumanError, ProcessFailure, Malicious, Technical, Supplier }
}

mirror_enum! {
    /// A property of information security a risk threatens.
    SecurityProperty <=> DomainSecurityProperty { Confidentiality, Integrity, Availability }
}

mirror_enum! {
    /// A processing operation in the words of Art. 4(2).
    ProcessingOperation <=> DomainProcessingOperation {
        Collection, Recording, Organisation, Structuring, Storage, Adaptation, Retrieval,
        Consultation, Use, Disclosure, Alignment, Restriction, Erasure,
    }
}

mirror_enum! {
    /// The lawful basis of Art. 6(1).
    Article6Basis <=> DomainArticle6Basis {
        Consent, Contract, LegalObligation, VitalInterests, PublicTask, LegitimateInterests,
    }
}

mirror_enum! {
    /// The kind of a data category.
    DataCategoryKind <=> DomainDataCategoryKind {
        Ordinary, Special, CriminalOffences, NationalIdNumber, Metadata,
    }
}

mirror_enum! {
    /// A special category of Art. 9(1).
    SpecialCategory <=> DomainSpecialCategory {
        RacialOrEthnicOrigin, PoliticalOpinions, ReligiousOrPhilosophicalBeliefs,
        TradeUnionMembership, Genetic, Biometric, Health, SexLifeOrOrientation,
    }
}

mirror_enum! {
    /// The role of a recipient of personal data.
    RecipientRole <=> DomainRecipientRole {
        Processor, SubProcessor, IndependentController, JointController, Internal,
    }
}

mirror_enum! {
    /// A controller's response to a recommendation; `UNADDRESSED` until answered.
    ResponseStatus <=> DomainResponseStatus {
        Unaddressed, Implemented, PartiallyImplemented, Planned, Alternative, NotApplicable,
    }
}

mirror_enum! {
    /// The answer to a clause of a code of conduct; `UNADDRESSED` until answered.
    AdherenceStatus <=> DomainAdherenceStatus { Unaddressed, Compliant, Deviation, NotApplicable }
}

/// The status of a local measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, juniper::GraphQLEnum)]
pub enum MeasureStatus {
    /// Due on `statusDate`.
    Planned,
    /// In force since `statusDate`.
    Implemented,
    /// Out of force since `statusDate`; its history stays readable.
    Retired,
}

/// The answer to a recommendation (`SET_RESPONSE`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, juniper::GraphQLEnum)]
pub enum ResponseKind {
    /// By linked local measures.
    Implemented,
    /// Partly, by linked local measures.
    PartiallyImplemented,
    /// With a `due` date.
    Planned,
    /// Different local measures, with a justification.
    Alternative,
    /// With a justification.
    NotApplicable,
}

/// The answer to a clause of a code of conduct.
#[derive(Clone, Copy, Debug, PartialEq, Eq, juniper::GraphQLEnum)]
pub enum AnswerKind {
    /// With evidence and optionally the local measures that show it.
    Compliant,
    /// With a justification and a compensating measure.
    Deviation,
    /// With a justification.
    NotApplicable,
}

/// How an upgrade conflict is resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, juniper::GraphQLEnum)]
pub enum ResolutionKind {
    /// Keep the local value (or item), with a justification.
    KeepLocal,
    /// Take the central change.
    TakeCentral,
}
