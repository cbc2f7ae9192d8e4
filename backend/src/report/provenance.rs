//! Provenance in the report (SPEC §3): for every item, whether it was inherited, overridden
//! (with the central value beside the local one and the justification), added locally, or set
//! aside as not applicable (with the justification) — what the authority could not see in
//! seed 003.

use serde::Serialize;
use serde_json::Value;

use dpiahub_domain::assessment::{
    Direction, EffectiveItem, FieldDeparture, ItemProvenance, Provenance,
};

use super::labels::NOT_STATED;

/// Where an item comes from, worded for the report.
#[derive(Debug, Serialize)]
pub(super) struct ProvenanceView {
    /// `INHERITED`, `OVERRIDDEN`, `LOCAL` or `NOT_APPLICABLE`, for styling.
    pub(super) kind: &'static str,
    /// "Inherited", "Overridden", "Local", "Not applicable".
    pub(super) label: &'static str,
    /// Why the item does not apply.
    pub(super) justification: Option<String>,
    /// Fields whose value is not the central one.
    pub(super) departures: Vec<DepartureView>,
}

/// One field that departs from the base.
#[derive(Debug, Serialize)]
pub(super) struct DepartureView {
    /// The field, e.g. `likelihood`.
    pub(super) field: String,
    /// "Overridden" or "Completed locally".
    pub(super) label: &'static str,
    /// The effective (local) value.
    pub(super) value: String,
    /// The central value, for an override.
    pub(super) central: Option<String>,
    /// "lowered", "raised" or "changed", for an override. Lowering is always marked (SPEC §3).
    pub(super) direction: Option<&'static str>,
    /// Why the controller departs from the central value.
    pub(super) justification: Option<String>,
}

impl ProvenanceView {
    /// The provenance of an inherited or local item, its field values shown as plain text.
    pub(super) fn of<T>(item: &EffectiveItem<T>) -> Self {
        ProvenanceView::with(&item.provenance, &item.departures, |_, value| {
            display_value(value)
        })
    }

    /// The provenance of an item whose field values need the item's own wording (e.g. a
    /// likelihood shown with its level label).
    pub(super) fn with(
        provenance: &ItemProvenance,
        departures: &[FieldDeparture],
        show: impl Fn(&str, &Value) -> String,
    ) -> Self {
        let (kind, label, justification) = match provenance {
            ItemProvenance::Inherited => ("INHERITED", "Inherited", None),
            ItemProvenance::Overridden => ("OVERRIDDEN", "Overridden", None),
            ItemProvenance::Local => ("LOCAL", "Local", None),
            ItemProvenance::NotApplicable { justification } => (
                "NOT_APPLICABLE",
                "Not applicable",
                Some(justification.clone()),
            ),
        };
        ProvenanceView {
            kind,
            label,
            justification,
            departures: (departures.iter())
                .map(|d| DepartureView::of(d, &show))
                .collect(),
        }
    }
}

impl DepartureView {
    fn of(departure: &FieldDeparture, show: impl Fn(&str, &Value) -> String) -> Self {
        let field = departure.field.as_str();
        let value = show(field, &departure.value);
        let base = DepartureView {
            field: field.to_owned(),
            label: "Completed locally",
            value,
            central: None,
            direction: None,
            justification: None,
        };
        match &departure.provenance {
            Provenance::Overridden {
                central,
                justification,
                direction,
            } => DepartureView {
                label: "Overridden",
                central: Some(show(field, central)),
                direction: Some(match direction {
                    Direction::Lowered => "lowered",
                    Direction::Raised => "raised",
                    Direction::Changed => "changed",
                }),
                justification: Some(justification.clone()),
                ..base
            },
            // A departure is an override or a completion; anything else is shown as a
            // completion, the reading that claims the least.
            Provenance::Local | Provenance::Inherited | Provenance::NotApplicable { .. } => base,
        }
    }
}

/// A field value in plain words: text as it is, lists joined, nothing as "not stated".
pub(super) fn display_value(value: &Value) -> String {
    match value {
        Value::Null => NOT_STATED.to_owned(),
        Value::String(text) => text.clone(),
        Value::Bool(true) => "yes".to_owned(),
        Value::Bool(false) => "no".to_owned(),
        Value::Number(number) => number.to_string(),
        Value::Array(items) if items.is_empty() => "none".to_owned(),
        Value::Array(items) => items
            .iter()
            .map(display_value)
            .collect::<Vec<_>>()
            .join("; "),
        Value::Object(_) => value.to_string(),
    }
}
