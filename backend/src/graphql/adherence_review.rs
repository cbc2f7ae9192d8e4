//! GraphQL types for reviewing an adherence (issue 8): its departures from the code, and the
//! upgrade preview to a new code version. They mirror the assessment's (`review.rs`): typed
//! summary fields, and the domain's own serde form as JSON for the detail.

use juniper::GraphQLObject;

use super::review::UpgradeConflict;
use crate::domain::adherence::{
    AdherenceUpgradePreview, ClauseDeparture, ClauseReview, Departure, DepartureKind,
};
use crate::error::{AppError, AppResult};

/// One clause where the adherence departs from plain compliance.
#[derive(GraphQLObject)]
#[graphql(name = "ClauseDeparture")]
pub struct ClauseDepartureGql {
    pub clause_key: String,
    pub number: String,
    pub section: String,
    pub obligation: super::enums::Obligation,
    pub kind: super::enums::ClauseDepartureKind,
    /// Why (deviation, not applicable, retained answer); absent when unaddressed.
    pub justification: Option<String>,
    /// What the controller does instead (deviation only; may be empty while undecided).
    pub compensating_measure: Option<String>,
    /// The departure in full as JSON (for a retained answer, the answer it keeps).
    pub detail: String,
}

impl From<&ClauseDeparture> for ClauseDepartureGql {
    fn from(d: &ClauseDeparture) -> Self {
        let (justification, compensating_measure) = match &d.departure {
            Departure::Deviation {
                justification,
                compensating_measure,
            } => (
                Some(justification.clone()),
                Some(compensating_measure.clone()),
            ),
            Departure::NotApplicable { justification }
            | Departure::Retained { justification, .. } => (Some(justification.clone()), None),
            Departure::Unaddressed => (None, None),
        };
        Self {
            clause_key: d.clause_key.to_string(),
            number: d.number.clone(),
            section: d.section.clone(),
            obligation: d.obligation.into(),
            kind: d.departure.kind().into(),
            justification,
            compensating_measure,
            detail: serde_json::to_string(&d.departure).unwrap_or_default(),
        }
    }
}

/// An adherence against its code: every departure, and the same as one JSON document.
#[derive(GraphQLObject)]
pub struct AdherenceDiff {
    pub count: i32,
    pub departures: Vec<ClauseDepartureGql>,
    pub json: String,
}

pub fn adherence_diff(departures: &[ClauseDeparture]) -> AdherenceDiff {
    AdherenceDiff {
        count: departures.len() as i32,
        departures: departures.iter().map(Into::into).collect(),
        json: serde_json::to_string_pretty(departures).unwrap_or_default(),
    }
}

/// The `kinds` argument of `diffAgainstCode`; an unknown kind names the field.
pub fn departure_kinds(kinds: Option<Vec<String>>) -> AppResult<Vec<DepartureKind>> {
    (kinds.unwrap_or_default().iter())
        .map(|kind| {
            serde_json::from_value(serde_json::Value::String(kind.clone())).map_err(|_| {
                AppError::validation(
                    "kinds",
                    format!(
                        "{kind:?} is not a departure kind; use DEVIATION, NOT_APPLICABLE, \
                         UNADDRESSED or RETAINED"
                    ),
                )
            })
        })
        .collect()
}

/// An answered clause whose wording, obligation or bindings change in the new version: the
/// answer is kept, and the controller should check it still holds.
#[derive(GraphQLObject)]
#[graphql(name = "ClauseReview")]
pub struct ClauseReviewGql {
    pub clause_key: String,
    /// The fields that change, e.g. `text`, `obligation`.
    pub changed_fields: Vec<String>,
    /// The changes with their values before and after, as JSON.
    pub changes: String,
    /// The controller's current answer, which the upgrade keeps, as JSON.
    pub answer: String,
}

impl From<&ClauseReview> for ClauseReviewGql {
    fn from(r: &ClauseReview) -> Self {
        Self {
            clause_key: r.clause_key.to_string(),
            changed_fields: r.changes.iter().map(|c| c.field.clone()).collect(),
            changes: serde_json::to_string(&r.changes).unwrap_or_default(),
            answer: serde_json::to_string(&r.answer).unwrap_or_default(),
        }
    }
}

/// A three-way preview of an adherence upgrade: central changes taken as they are (new
/// clauses arrive `UNADDRESSED`), answers to removed clauses as conflicts to resolve, and
/// answered clauses to review. Nothing changes until `upgradeAdherence`.
#[derive(GraphQLObject)]
#[graphql(name = "AdherenceUpgradePreview")]
pub struct AdherenceUpgradePreviewGql {
    pub from_version: i32,
    pub to_version: i32,
    pub taken_count: i32,
    /// Central changes that are taken (clauses added/removed, fields changed) as JSON.
    pub taken: String,
    pub conflicts: Vec<UpgradeConflict>,
    pub reviews: Vec<ClauseReviewGql>,
}

pub fn adherence_upgrade_preview(
    from: i32,
    to: i32,
    p: &AdherenceUpgradePreview,
) -> AdherenceUpgradePreviewGql {
    AdherenceUpgradePreviewGql {
        from_version: from,
        to_version: to,
        taken_count: p.taken.len() as i32,
        taken: serde_json::to_string_pretty(&p.taken).unwrap_or_default(),
        conflicts: p.conflicts.iter().map(Into::into).collect(),
        reviews: p.reviews.iter().map(Into::into).collect(),
    }
}
