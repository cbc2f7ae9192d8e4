//! Upgrades (SPEC §4, issue 6): moving an assessment from base version N to N+1 as a
//! three-way merge of (base N, base N+1, local changes). Central changes to what the
//! controller did not touch are taken; a central change to an overridden field, a removed
//! item the controller refers to, or a completed field the template no longer leaves to
//! adopters is a conflict the controller resolves explicitly. Nothing changes until
//! [`apply_upgrade`] is called, and no answer, measure or justification is lost on the way.

mod preview;
mod resolve;

pub use preview::preview_upgrade;
pub use resolve::apply_upgrade;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use thiserror::Error;

use super::{AssessmentError, LocalChanges, Reference};
use crate::template::{ItemKey, ItemKind};

/// What an upgrade would do.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UpgradePreview {
    /// Central changes taken as they are.
    pub taken: Vec<CentralChange>,
    /// Conflicts to resolve before the upgrade can be applied.
    pub conflicts: Vec<Conflict>,
}

/// A central change from version N to N+1.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CentralChange {
    /// The item.
    pub item_key: ItemKey,
    /// Its kind.
    pub item_kind: ItemKind,
    /// What changed.
    pub change: UpgradeChange,
}

/// How an item changed between two versions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum UpgradeChange {
    /// New in N+1.
    Added,
    /// Gone in N+1.
    Removed,
    /// A field with a new central value.
    FieldChanged {
        /// The field.
        field: String,
        /// The value in N.
        before: Value,
        /// The value in N+1.
        after: Value,
    },
}

/// A conflict, addressed by item key and (for field conflicts) field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// The item.
    pub item_key: ItemKey,
    /// Its kind (in version N).
    pub item_kind: ItemKind,
    /// The field, for field conflicts; `None` for a removed item.
    pub field: Option<String>,
    /// What collides.
    pub kind: ConflictKind,
}

/// What collides in a conflict.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ConflictKind {
    /// The central value of an overridden field changed.
    OverriddenFieldChanged {
        /// The central value in N.
        central_before: Value,
        /// The central value in N+1.
        central_after: Value,
        /// The controller's value.
        local: Value,
        /// The controller's justification.
        justification: String,
    },
    /// An item the controller refers to is gone in N+1 (for an activity, including the
    /// references to its nested items).
    ReferencedItemRemoved {
        /// Everything that refers to it.
        references: Vec<Reference>,
    },
    /// A completed field is no longer left to adopters in N+1.
    CompletionNoLongerExpected {
        /// The completed value.
        value: Value,
        /// The central value in N+1.
        central_after: Value,
    },
}

/// How the controller resolves one conflict.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Resolution {
    /// Keep the local value (as an override) or the removed item (as a local item), with a
    /// justification for doing so against the new central version.
    KeepLocal {
        /// Why; never empty.
        justification: String,
    },
    /// Take the new central state: drop the override or completion, or drop the references
    /// to the removed item (measures stay; only their links to it go).
    TakeCentral,
}

/// The resolution of the conflict at (`item_key`, `field`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictResolution {
    /// The conflict's item.
    pub item_key: ItemKey,
    /// The conflict's field (`None` for a removed item).
    pub field: Option<String>,
    /// The decision.
    pub resolution: Resolution,
}

/// The result of an applied upgrade.
#[derive(Clone, Debug, PartialEq)]
pub struct Upgraded {
    /// The local changes against N+1.
    pub local: LocalChanges,
    /// Rules the upgraded assessment breaks because of taken central changes (e.g. a
    /// treatment whose inherent level moved); the controller fixes them as ordinary writes.
    pub violations: Vec<AssessmentError>,
}

/// Why an upgrade cannot be previewed or applied.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum UpgradeError {
    /// Conflicts without a resolution.
    #[error("{} conflict(s) are not resolved, the first at `{}`", .conflicts.len(), .conflicts.first().map_or("", |c| c.item_key.as_str()))]
    OpenConflicts {
        /// The open conflicts.
        conflicts: Vec<Conflict>,
    },
    /// N+1 introduces a key the assessment already uses locally.
    #[error("`{item_key}`: the new version introduces a key this assessment already uses locally")]
    KeyCollision {
        /// The key.
        item_key: String,
    },
    /// A keep-local resolution without a justification.
    #[error("`{item_key}`: keeping the local state against the new version needs a justification")]
    MissingJustification {
        /// The conflict's item.
        item_key: String,
        /// The conflict's field.
        field: String,
    },
    /// A removed item that cannot become a local item.
    #[error("`{item_key}` cannot be kept locally: {reason}")]
    CannotKeep {
        /// The item.
        item_key: String,
        /// Why.
        reason: &'static str,
    },
    /// A removed item that local items belong to, so its removal cannot simply be taken.
    #[error("`{item_key}` cannot be dropped while the local item `{by}` belongs to it (field `{field}`); keep it, or move the local item first")]
    CannotTakeCentral {
        /// The removed item.
        item_key: String,
        /// The local item.
        by: String,
        /// The link.
        field: String,
    },
}
