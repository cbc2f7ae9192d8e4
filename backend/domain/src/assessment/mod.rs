//! A controller's assessment (SPEC §2 "assessment", §3 inheritance, issue 5): the local
//! changes a controller writes on top of its adopted base template version, the write rules
//! that guard them, the effective assessment with provenance computed from both, and the
//! coverage of recommendations and risks by local measures.
//!
//! The server's write path is: load the local changes → [`apply`] a command → save the new
//! state with its audit entry. Its read path is [`effective`] (and [`coverage`]).

mod apply;
mod command;
mod coverage;
mod diff;
mod effective;
mod error;
mod fields;
mod incident;
mod local;
mod lookup;
mod measure;
mod provenance;
mod references;
mod response;
mod revision_diff;
mod rules;
mod sign_off;
mod treatment;
mod upgrade;

pub use apply::apply;
pub use command::{take_management_approval, AssessmentCommand, LocalAddition};
pub use coverage::{coverage, Coverage, MeasureCoverage, RecommendationCoverage, RiskCoverage};
pub use diff::{diff_against_base, Change, ChangeKind, Departure, DiffFilter};
pub use effective::{
    effective, EffectiveActivity, EffectiveAssessment, EffectiveRecommendation, EffectiveRisk,
    Inconsistency, MeasureRef,
};
pub use error::{AssessmentError, SIGN_OFFS_KEY};
pub use incident::Incident;
pub use local::{
    Completion, LocalAdditions, LocalChanges, LocalNested, NotApplicable, Override, Retained,
    LOCAL_KEY_PREFIX,
};
pub use measure::{Measure, MeasureStatus};
pub use provenance::{
    Direction, EffectiveItem, EffectiveValue, FieldDeparture, ItemProvenance, Provenance,
};
pub use references::{references_to, Reference};
pub use response::{RecommendationResponse, ResponseKind, ResponseStatus};
pub use revision_diff::{diff_revisions, RevisionChange, RevisionDiff};
pub use rules::violations;
pub use sign_off::{Patch, PriorConsultation, SignOff, SignOffs, SignOffsUpdate};
pub use treatment::{RiskTreatment, TreatmentDecision};
pub use upgrade::{
    apply_upgrade, preview_upgrade, CentralChange, Conflict, ConflictKind, ConflictResolution,
    Resolution, UpgradeChange, UpgradeError, UpgradePreview, Upgraded,
};

#[cfg(test)]
mod testing;
#[cfg(test)]
mod tests;
