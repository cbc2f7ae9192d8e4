//! GraphQL types for review (issues 6 and 7): check findings, the diff against the base, the
//! upgrade preview, review findings of the authority. Departures and conflicts carry their
//! detail as JSON (the domain's own serde form) beside typed summary fields.

use juniper::GraphQLObject;

use crate::domain::assessment::{Conflict, Departure, UpgradePreview};
use crate::domain::checks::Finding;
use crate::store::reviews::ReviewFinding as StoredReviewFinding;

use super::templates::wire_name;

/// A compliance-check finding (SPEC §5).
#[derive(GraphQLObject)]
#[graphql(name = "Finding")]
pub struct FindingGql {
    pub rule_id: String,
    /// `ERROR`, `WARNING` or `INFO`.
    pub severity: String,
    pub legal_reference: String,
    pub item_keys: Vec<String>,
    pub message: String,
}

impl From<&Finding> for FindingGql {
    fn from(f: &Finding) -> Self {
        Self {
            rule_id: f.rule_id.to_string(),
            severity: wire_name(&f.severity),
            legal_reference: f.legal_reference.to_string(),
            item_keys: f.item_keys.clone(),
            message: f.message.clone(),
        }
    }
}

/// One departure of an assessment from its base (SPEC §4).
#[derive(GraphQLObject)]
#[graphql(name = "Departure")]
pub struct DepartureGql {
    pub item_key: String,
    pub item_kind: String,
    pub scopes: Vec<String>,
    /// `OVERRIDDEN`, `COMPLETED`, `ADDED`, `NOT_APPLICABLE`, `ANSWERED`, `UNADDRESSED` or
    /// `RESIDUAL_DIFFERS`.
    pub change: String,
    /// True when a central likelihood or consequence was lowered (always marked, SPEC §3).
    pub lowered: bool,
    /// The departure in full (field, central and local value, justification, …) as JSON.
    pub detail: String,
}

impl From<&Departure> for DepartureGql {
    fn from(d: &Departure) -> Self {
        Self {
            item_key: d.item_key.to_string(),
            item_kind: d.item_kind.as_str().to_string(),
            scopes: d.scopes.iter().map(ToString::to_string).collect(),
            change: wire_name(&d.change.kind()),
            lowered: d.change.is_lowering(),
            detail: serde_json::to_string(&d.change).unwrap_or_default(),
        }
    }
}

/// The diff of an assessment against its base: the departures and the same as one JSON
/// document for export.
#[derive(GraphQLObject)]
pub struct AssessmentDiff {
    pub count: i32,
    pub departures: Vec<DepartureGql>,
    pub json: String,
}

pub fn assessment_diff(departures: &[Departure]) -> AssessmentDiff {
    AssessmentDiff {
        count: departures.len() as i32,
        departures: departures.iter().map(Into::into).collect(),
        json: serde_json::to_string_pretty(departures).unwrap_or_default(),
    }
}

#[derive(GraphQLObject)]
pub struct UpgradeConflict {
    pub item_key: String,
    pub item_kind: String,
    /// The field, for a field conflict; absent for a removed item.
    pub field: Option<String>,
    /// `OVERRIDDEN_FIELD_CHANGED`, `REFERENCED_ITEM_REMOVED` or
    /// `COMPLETION_NO_LONGER_EXPECTED`; the values are in `detail`.
    pub kind: String,
    pub detail: String,
}

impl From<&Conflict> for UpgradeConflict {
    fn from(c: &Conflict) -> Self {
        let detail = serde_json::to_value(&c.kind).unwrap_or_default();
        Self {
            item_key: c.item_key.to_string(),
            item_kind: c.item_kind.as_str().to_string(),
            field: c.field.clone(),
            kind: detail
                .get("kind")
                .and_then(|k| k.as_str())
                .unwrap_or_default()
                .to_string(),
            detail: detail.to_string(),
        }
    }
}

/// A three-way upgrade preview: central changes taken as they are, and the conflicts to
/// resolve before the upgrade can be applied. Nothing changes until it is applied.
#[derive(GraphQLObject)]
#[graphql(name = "UpgradePreview")]
pub struct UpgradePreviewGql {
    pub from_version: i32,
    pub to_version: i32,
    pub taken_count: i32,
    /// Central changes that are taken (items added/removed, fields changed) as JSON.
    pub taken: String,
    pub conflicts: Vec<UpgradeConflict>,
}

pub fn upgrade_preview(from: i32, to: i32, p: &UpgradePreview) -> UpgradePreviewGql {
    UpgradePreviewGql {
        from_version: from,
        to_version: to,
        taken_count: p.taken.len() as i32,
        taken: serde_json::to_string_pretty(&p.taken).unwrap_or_default(),
        conflicts: p.conflicts.iter().map(Into::into).collect(),
    }
}

/// A finding of the supervisory authority's review, answered by the controller. It is about
/// exactly one assessment or one adherence to a code of conduct.
#[derive(GraphQLObject)]
pub struct ReviewFinding {
    pub id: juniper::ID,
    /// The assessment reviewed; absent for a finding on an adherence.
    pub assessment_id: Option<juniper::ID>,
    /// The adherence reviewed; absent for a finding on an assessment.
    pub adherence_id: Option<juniper::ID>,
    /// The item (for an adherence: the clause) the finding is about, if any.
    pub item_key: Option<String>,
    pub severity: String,
    pub comment: String,
    /// `OPEN`, `ANSWERED` or `CLOSED`.
    pub status: String,
    pub answer: Option<String>,
    pub created_by: String,
    pub created_at: String,
    pub version: i32,
}

impl From<StoredReviewFinding> for ReviewFinding {
    fn from(f: StoredReviewFinding) -> Self {
        Self {
            id: f.id.into(),
            assessment_id: f.assessment_id.map(Into::into),
            adherence_id: f.adherence_id.map(Into::into),
            item_key: f.item_key,
            severity: f.severity,
            comment: f.comment,
            status: f.status,
            answer: f.answer,
            created_by: f.created_by,
            created_at: f
                .created_at
                .and_utc()
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            version: f.version as i32,
        }
    }
}
