//! Version against version of one template (SPEC §4): items added, removed and changed
//! field by field, computed once over the generic item view.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use serde_json::Value;

use super::{ItemKey, ItemKind, ItemRef, TemplateContent};

/// What changed from one template version to another.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct VersionDiff {
    /// Items only in the newer version, in its document order.
    pub added: Vec<ItemSummary>,
    /// Items only in the older version, in its document order.
    pub removed: Vec<ItemSummary>,
    /// Items in both whose fields differ, in the newer version's document order.
    pub changed: Vec<ItemChange>,
}

impl VersionDiff {
    /// Whether the two versions hold the same items with the same values.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// An added or removed item.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ItemSummary {
    /// Its key.
    pub key: ItemKey,
    /// Its kind.
    pub kind: ItemKind,
    /// The activity holding it, for nested items.
    pub parent: Option<ItemKey>,
}

/// An item present in both versions with at least one changed field.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ItemChange {
    /// Its key.
    pub key: ItemKey,
    /// Its kind.
    pub kind: ItemKind,
    /// The changed fields, in a stable order (`parent` first when it changed).
    pub fields: Vec<FieldChange>,
}

/// One changed field: its value before and after (`null` where absent).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldChange {
    /// The field name, e.g. `likelihood`; `parent` when a nested item moved activity.
    pub field: String,
    /// The older value.
    pub before: Value,
    /// The newer value.
    pub after: Value,
}

/// Compares two versions item by item. An item whose key is kept but whose kind differs is
/// reported as removed and added: keys never change meaning (SPEC §2).
pub fn diff_versions(old: &TemplateContent, new: &TemplateContent) -> VersionDiff {
    let old_items = old.items();
    let new_items = new.items();
    let identity = |item: &ItemRef| (item.key.clone(), item.kind);
    let old_index: HashMap<_, &ItemRef> = old_items.iter().map(|i| (identity(i), i)).collect();
    let new_index: HashSet<_> = new_items.iter().map(identity).collect();
    let mut diff = VersionDiff::default();
    for item in &new_items {
        match old_index.get(&identity(item)) {
            None => diff.added.push(summary(item)),
            Some(before) => {
                let fields = field_changes(before, item);
                if !fields.is_empty() {
                    diff.changed.push(ItemChange {
                        key: item.key.clone(),
                        kind: item.kind,
                        fields,
                    });
                }
            }
        }
    }
    diff.removed = (old_items.iter())
        .filter(|o| !new_index.contains(&identity(o)))
        .map(summary)
        .collect();
    diff
}

fn summary(item: &ItemRef) -> ItemSummary {
    ItemSummary {
        key: item.key.clone(),
        kind: item.kind,
        parent: item.parent.clone(),
    }
}

fn field_changes(before: &ItemRef, after: &ItemRef) -> Vec<FieldChange> {
    let mut changes = Vec::new();
    if before.parent != after.parent {
        let as_value = |p: &Option<ItemKey>| p.as_ref().map_or(Value::Null, |k| k.as_str().into());
        changes.push(FieldChange {
            field: "parent".to_owned(),
            before: as_value(&before.parent),
            after: as_value(&after.parent),
        });
    }
    let empty = serde_json::Map::new();
    let old_fields = before.value.as_object().unwrap_or(&empty);
    let new_fields = after.value.as_object().unwrap_or(&empty);
    let names =
        (new_fields.keys()).chain(old_fields.keys().filter(|k| !new_fields.contains_key(*k)));
    for name in names {
        let old_value = old_fields.get(name).unwrap_or(&Value::Null);
        let new_value = new_fields.get(name).unwrap_or(&Value::Null);
        if old_value != new_value {
            changes.push(FieldChange {
                field: name.clone(),
                before: old_value.clone(),
                after: new_value.clone(),
            });
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::template::testing::{recommendation, risk, DpiaBuilder};

    #[test]
    fn identical_versions_have_an_empty_diff() {
        let v1 = DpiaBuilder::new().build();
        assert!(diff_versions(&v1, &v1.clone()).is_empty());
    }

    #[test]
    fn a_changed_likelihood_is_reported_with_its_old_and_new_value() {
        let v1 = DpiaBuilder::new().build();
        let v2 = DpiaBuilder::new()
            .editing(|d| {
                d.risks[0].likelihood = 4;
                d.risks[0].rationale = "more incidents reported".to_owned();
            })
            .build();
        let diff = diff_versions(&v1, &v2);
        assert!(diff.added.is_empty() && diff.removed.is_empty());
        assert_eq!(diff.changed.len(), 1);
        let change = &diff.changed[0];
        assert_eq!(change.key.as_str(), "risk.messages.misdirected");
        assert_eq!(change.kind, ItemKind::Risk);
        let likelihood = change
            .fields
            .iter()
            .find(|f| f.field == "likelihood")
            .unwrap();
        assert_eq!(
            (&likelihood.before, &likelihood.after),
            (&json!(3), &json!(4))
        );
        assert!(change.fields.iter().any(|f| f.field == "rationale"));
        assert_eq!(change.fields.len(), 2);
    }

    #[test]
    fn added_and_removed_items_are_listed_by_key_and_kind() {
        let v1 = DpiaBuilder::new().build();
        let v2 = DpiaBuilder::new()
            .with_risk(risk("risk.messages.phishing", "scope.messages", 2, 3))
            .with_recommendation(recommendation("rec.mfa", &["risk.messages.phishing"]))
            .editing(|d| d.necessity_questions.clear())
            .build();
        let diff = diff_versions(&v1, &v2);
        let added: Vec<_> = diff
            .added
            .iter()
            .map(|a| (a.kind, a.key.as_str()))
            .collect();
        assert_eq!(
            added,
            [
                (ItemKind::Risk, "risk.messages.phishing"),
                (ItemKind::Recommendation, "rec.mfa")
            ]
        );
        assert_eq!(diff.removed.len(), 1);
        assert_eq!(diff.removed[0].key.as_str(), "necessity.minimisation");
        assert!(diff.changed.is_empty());
    }

    #[test]
    fn a_change_to_a_nested_recipient_is_reported_on_the_recipient_only() {
        let v1 = DpiaBuilder::new().build();
        let v2 = DpiaBuilder::new()
            .editing(|d| d.activities[0].recipients[0].location = "EU/EEA".to_owned())
            .build();
        let diff = diff_versions(&v1, &v2);
        assert_eq!(diff.changed.len(), 1);
        assert_eq!(diff.changed[0].key.as_str(), "recipient.hosting");
        assert_eq!(diff.changed[0].fields[0].field, "location");
        assert_eq!(diff.changed[0].fields[0].after, json!("EU/EEA"));
    }

    #[test]
    fn a_changed_matrix_cell_shows_as_a_change_of_the_risk_model() {
        let v1 = DpiaBuilder::new().build();
        let v2 = DpiaBuilder::new()
            .editing(|d| d.risk_model.matrix[0][2] = crate::risk_model::RiskLevel::Low)
            .build();
        let diff = diff_versions(&v1, &v2);
        assert_eq!(diff.changed[0].kind, ItemKind::RiskModel);
        assert_eq!(diff.changed[0].fields[0].field, "matrix");
    }

    #[test]
    fn a_key_reused_for_another_kind_is_a_removal_and_an_addition() {
        let v1 = DpiaBuilder::new().build();
        let v2 = DpiaBuilder::new()
            .editing(|d| {
                d.necessity_questions.clear();
                d.risks
                    .push(risk("necessity.minimisation", "scope.messages", 1, 1));
            })
            .build();
        let diff = diff_versions(&v1, &v2);
        assert_eq!(diff.added[0].kind, ItemKind::Risk);
        assert_eq!(diff.removed[0].kind, ItemKind::NecessityQuestion);
    }
}
