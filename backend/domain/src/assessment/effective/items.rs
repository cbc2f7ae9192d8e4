//! The generic half of the inheritance engine: an inherited item with its overrides and
//! completions applied field by field through its JSON form, every departure recorded with
//! its provenance (SPEC §3).

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::assessment::fields::{with_fields, BaseItem};
use crate::assessment::lookup::Lookup;
use crate::assessment::{
    AssessmentError, Direction, EffectiveItem, FieldDeparture, ItemProvenance, Provenance,
};
use crate::template::ItemKey;

/// The effective form of one inherited item. `not_applicable` is the reason the item (or
/// what it belongs to) does not apply. A change that cannot be applied (stored data that
/// slipped past the rules) is left out and reported in `inconsistencies`.
pub(crate) fn inherited_item<T: Serialize + DeserializeOwned + Clone>(
    lookup: &Lookup<'_>,
    key: &ItemKey,
    base_item: &BaseItem<'_>,
    central: &T,
    not_applicable: Option<&str>,
    inconsistencies: &mut Vec<AssessmentError>,
) -> EffectiveItem<T> {
    let mut value = central.clone();
    let mut departures = Vec::new();
    let mut overridden = false;
    let overrides = lookup.overrides.get(key.as_str()).into_iter().flatten();
    let overrides = overrides.map(|o| (o.field.as_str(), &o.value, Some(o.justification.as_str())));
    let completions = lookup.completions.get(key.as_str()).into_iter().flatten();
    let completions = completions.map(|c| (c.field.as_str(), &c.value, None));
    for (field, local, justification) in overrides.chain(completions) {
        let Some(central) = base_item.field(field) else {
            inconsistencies.push(AssessmentError::UnknownField {
                item_key: key.to_string(),
                field: field.to_owned(),
            });
            continue;
        };
        match with_fields(&value, &[(field, local)]) {
            Ok(changed) => value = changed,
            Err(reason) => {
                inconsistencies.push(AssessmentError::InvalidValue {
                    item_key: key.to_string(),
                    field: field.to_owned(),
                    reason,
                });
                continue;
            }
        }
        overridden |= justification.is_some();
        departures.push(departure(field, central, local.clone(), justification));
    }
    EffectiveItem {
        key: key.clone(),
        provenance: item_provenance(overridden, not_applicable),
        value,
        departures,
    }
}

/// A local item: every field is local.
pub(crate) fn local_item<T: Clone>(key: &ItemKey, value: &T) -> EffectiveItem<T> {
    EffectiveItem {
        key: key.clone(),
        provenance: ItemProvenance::Local,
        value: value.clone(),
        departures: Vec::new(),
    }
}

/// A field's departure: an override (with a justification) or a completion.
pub(crate) fn departure(
    field: &str,
    central: Value,
    local: Value,
    justification: Option<&str>,
) -> FieldDeparture {
    let provenance = match justification {
        Some(justification) => Provenance::Overridden {
            direction: Direction::between(&central, &local),
            central,
            justification: justification.to_owned(),
        },
        None => Provenance::Local,
    };
    FieldDeparture {
        field: field.to_owned(),
        value: local,
        provenance,
    }
}

/// An inherited item's provenance as a whole: not applicable wins over overridden.
pub(crate) fn item_provenance(overridden: bool, not_applicable: Option<&str>) -> ItemProvenance {
    match (not_applicable, overridden) {
        (Some(justification), _) => ItemProvenance::NotApplicable {
            justification: justification.to_owned(),
        },
        (None, true) => ItemProvenance::Overridden,
        (None, false) => ItemProvenance::Inherited,
    }
}
