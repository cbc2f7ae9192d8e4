//! Provenance (SPEC §3): where every value of an effective assessment comes from, so a reader
//! sees at once what the controller took over, changed, added or set aside — the information
//! the authority could not find in seed 003.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::template::ItemKey;

/// Where one effective value comes from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Provenance {
    /// Taken unchanged from the base template version.
    Inherited,
    /// Replaced locally; the central value stays beside it.
    Overridden {
        /// The base template's value.
        central: Value,
        /// Why the controller departs from it.
        justification: String,
        /// Whether the local value is lower or higher than the central one.
        direction: Direction,
    },
    /// Added or completed locally.
    Local,
    /// The item does not apply locally.
    NotApplicable {
        /// Why.
        justification: String,
    },
}

/// How an overridden value relates to the central one. Lowering a likelihood or consequence
/// is allowed but always marked (SPEC §3), so diffs can single it out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Direction {
    /// A number below the central number.
    Lowered,
    /// A number above the central number.
    Raised,
    /// Any other change.
    Changed,
}

impl Direction {
    /// Compares a local value with the central one: numbers are lowered or raised, anything
    /// else is changed.
    pub fn between(central: &Value, local: &Value) -> Direction {
        match (central.as_f64(), local.as_f64()) {
            (Some(central), Some(local)) if local < central => Direction::Lowered,
            (Some(central), Some(local)) if local > central => Direction::Raised,
            _ => Direction::Changed,
        }
    }
}

/// Where an effective item as a whole comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ItemProvenance {
    /// From the base, with no field overridden (completed fields show in its departures).
    Inherited,
    /// From the base, with at least one field overridden.
    Overridden,
    /// The controller's own item.
    Local,
    /// From the base, but it does not apply locally (or its scope does not).
    NotApplicable {
        /// Why.
        justification: String,
    },
}

/// A field of an inherited item whose effective value is not the central one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldDeparture {
    /// The field, e.g. `likelihood`.
    pub field: String,
    /// The effective (local) value.
    pub value: Value,
    /// `Overridden` (with the central value) or `Local` (a completion).
    pub provenance: Provenance,
}

/// One value with its provenance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EffectiveValue<T> {
    /// The effective value.
    pub value: T,
    /// Where it comes from.
    pub provenance: Provenance,
}

/// An effective item: its typed effective value, where it comes from as a whole, and every
/// field that departs from the base. A field not listed in `departures` has the item's
/// provenance (inherited, local, or not applicable).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EffectiveItem<T> {
    /// The item's key.
    pub key: ItemKey,
    /// Where the item comes from.
    pub provenance: ItemProvenance,
    /// The effective value: the base item with overrides and completions applied.
    pub value: T,
    /// Overridden and completed fields, in the order they were written.
    pub departures: Vec<FieldDeparture>,
}

impl<T> EffectiveItem<T> {
    /// The provenance of one field of the item. Total: every field has one.
    pub fn field_provenance(&self, field: &str) -> Provenance {
        if let Some(departure) = self.departures.iter().find(|d| d.field == field) {
            return departure.provenance.clone();
        }
        match &self.provenance {
            ItemProvenance::Inherited | ItemProvenance::Overridden => Provenance::Inherited,
            ItemProvenance::Local => Provenance::Local,
            ItemProvenance::NotApplicable { justification } => Provenance::NotApplicable {
                justification: justification.clone(),
            },
        }
    }

    /// Whether the item applies locally.
    pub fn is_applicable(&self) -> bool {
        !matches!(self.provenance, ItemProvenance::NotApplicable { .. })
    }
}
