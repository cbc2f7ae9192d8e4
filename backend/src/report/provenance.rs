//! Provenance in the report (SPEC §3): for every item, whether it was inherited, overridden
//! (with the central value beside the local one and the justification), added locally, or set
//! aside as not applicable (with the justification) — what the authority could not see in
//! seed 003.

use serde::Serialize;
use serde_json::Value;

use dpiahub_domain::assessment::{
    Direction, EffectiveItem, FieldDeparture, ItemProvenance, Provenance,
};

use super::labels::{not_stated, word};
use crate::i18n::Lang;

/// Where an item comes from, worded for the report.
#[derive(Debug, Serialize)]
pub(super) struct ProvenanceView {
    /// `INHERITED`, `OVERRIDDEN`, `LOCAL` or `NOT_APPLICABLE`, for styling.
    pub(super) kind: &'static str,
    /// "Inherited", "Overridden", "Local", "Not applicable" (Arvet, Ændret, Lokal, Ikke relevant).
    pub(super) label: String,
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
    pub(super) label: String,
    /// The effective (local) value.
    pub(super) value: String,
    /// The central value, for an override.
    pub(super) central: Option<String>,
    /// "lowered", "raised" or "changed", for an override. Lowering is always marked (SPEC §3).
    pub(super) direction: Option<String>,
    /// Why the controller departs from the central value.
    pub(super) justification: Option<String>,
}

impl ProvenanceView {
    /// The provenance of an inherited or local item, its field values shown as plain text.
    pub(super) fn of<T>(lang: Lang, item: &EffectiveItem<T>) -> Self {
        ProvenanceView::with(lang, &item.provenance, &item.departures, |_, value| {
            display_value(lang, value)
        })
    }

    /// The provenance of an item whose field values need the item's own wording (e.g. a
    /// likelihood shown with its level label).
    pub(super) fn with(
        lang: Lang,
        provenance: &ItemProvenance,
        departures: &[FieldDeparture],
        show: impl Fn(&str, &Value) -> String,
    ) -> Self {
        let (kind, label, justification) = match provenance {
            ItemProvenance::Inherited => ("INHERITED", "report-prov-inherited", None),
            ItemProvenance::Overridden => ("OVERRIDDEN", "report-prov-overridden", None),
            ItemProvenance::Local => ("LOCAL", "report-prov-local", None),
            ItemProvenance::NotApplicable { justification } => (
                "NOT_APPLICABLE",
                "report-prov-not-applicable",
                Some(justification.clone()),
            ),
        };
        let label = word(lang, label);
        ProvenanceView {
            kind,
            label,
            justification,
            departures: (departures.iter())
                .map(|d| DepartureView::of(lang, d, &show))
                .collect(),
        }
    }
}

impl DepartureView {
    fn of(lang: Lang, departure: &FieldDeparture, show: impl Fn(&str, &Value) -> String) -> Self {
        let field = departure.field.as_str();
        let value = show(field, &departure.value);
        let base = DepartureView {
            field: field.to_owned(),
            label: word(lang, "report-prov-completed"),
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
                label: word(lang, "report-prov-overridden"),
                central: Some(show(field, central)),
                direction: Some(word(
                    lang,
                    match direction {
                        Direction::Lowered => "report-direction-lowered",
                        Direction::Raised => "report-direction-raised",
                        Direction::Changed => "report-direction-changed",
                    },
                )),
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
pub(super) fn display_value(lang: Lang, value: &Value) -> String {
    match value {
        Value::Null => not_stated(lang),
        Value::String(text) => text.clone(),
        Value::Bool(true) => word(lang, "report-yes"),
        Value::Bool(false) => word(lang, "report-no"),
        Value::Number(number) => number.to_string(),
        Value::Array(items) if items.is_empty() => word(lang, "report-none"),
        Value::Array(items) => items
            .iter()
            .map(|item| display_value(lang, item))
            .collect::<Vec<_>>()
            .join("; "),
        Value::Object(_) => value.to_string(),
    }
}
