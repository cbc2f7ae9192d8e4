//! [`preview_upgrade`]: what moving from base N to N+1 takes and where it conflicts with the
//! controller's local changes (SPEC §4).

use std::collections::HashSet;

use super::{CentralChange, Conflict, ConflictKind, UpgradeChange, UpgradeError, UpgradePreview};
use crate::assessment::lookup::Lookup;
use crate::assessment::references::references_to;
use crate::assessment::LocalChanges;
use crate::template::{diff_versions, DpiaContent, ItemKind, TemplateContent};

/// Previews the upgrade of `local` from `old` (N) to `new` (N+1). Nothing is changed.
pub fn preview_upgrade(
    old: &DpiaContent,
    new: &DpiaContent,
    local: &LocalChanges,
) -> Result<UpgradePreview, UpgradeError> {
    let diff = diff_versions(
        &TemplateContent::Dpia(old.clone()),
        &TemplateContent::Dpia(new.clone()),
    );
    let local_keys: HashSet<&str> = (local.additions.keys())
        .chain(local.measures.iter().map(|m| &m.key))
        .chain(local.incidents.iter().map(|i| &i.key))
        .map(|k| k.as_str())
        .collect();
    let mut taken = Vec::new();
    let mut conflicts = Vec::new();
    for added in &diff.added {
        if local_keys.contains(added.key.as_str()) {
            return Err(UpgradeError::KeyCollision {
                item_key: added.key.to_string(),
            });
        }
        taken.push(CentralChange {
            item_key: added.key.clone(),
            item_kind: added.kind,
            change: UpgradeChange::Added,
        });
    }
    let removed: HashSet<&str> = diff.removed.iter().map(|r| r.key.as_str()).collect();
    let old_items = Lookup::new(old, local);
    for gone in &diff.removed {
        // A nested item removed with its activity is settled with the activity.
        if (gone.parent.as_ref()).is_some_and(|p| removed.contains(p.as_str())) {
            continue;
        }
        let mut references = references_to(local, gone.key.as_str());
        if gone.kind == ItemKind::ProcessingActivity {
            let nested = old.activities.iter().find(|a| a.key == gone.key);
            for nested_key in nested.into_iter().flat_map(nested_keys) {
                references.extend(references_to(local, nested_key));
            }
        }
        if references.is_empty() {
            taken.push(CentralChange {
                item_key: gone.key.clone(),
                item_kind: gone.kind,
                change: UpgradeChange::Removed,
            });
        } else {
            conflicts.push(Conflict {
                item_key: gone.key.clone(),
                item_kind: gone.kind,
                field: None,
                kind: ConflictKind::ReferencedItemRemoved { references },
            });
        }
    }
    for changed in &diff.changed {
        for field in &changed.fields {
            match local.override_of(changed.key.as_str(), &field.field) {
                Some(o) => conflicts.push(Conflict {
                    item_key: changed.key.clone(),
                    item_kind: changed.kind,
                    field: Some(field.field.clone()),
                    kind: ConflictKind::OverriddenFieldChanged {
                        central_before: field.before.clone(),
                        central_after: field.after.clone(),
                        local: o.value.clone(),
                        justification: o.justification.clone(),
                    },
                }),
                None => taken.push(CentralChange {
                    item_key: changed.key.clone(),
                    item_kind: changed.kind,
                    change: UpgradeChange::FieldChanged {
                        field: field.field.clone(),
                        before: field.before.clone(),
                        after: field.after.clone(),
                    },
                }),
            }
        }
    }
    let empty = LocalChanges::default();
    let new_items = Lookup::new(new, &empty);
    for completion in &local.completions {
        let key = completion.item_key.as_str();
        let Some(item) = new_items.base_items.get(key) else {
            continue; // Removed: settled as a removed item above.
        };
        if !item.is_to_be_completed(&completion.field) {
            let kind = old_items
                .base_items
                .get(key)
                .map_or(item.kind(), |i| i.kind());
            conflicts.push(Conflict {
                item_key: completion.item_key.clone(),
                item_kind: kind,
                field: Some(completion.field.clone()),
                kind: ConflictKind::CompletionNoLongerExpected {
                    value: completion.value.clone(),
                    central_after: item.field(&completion.field).unwrap_or_default(),
                },
            });
        }
    }
    Ok(UpgradePreview { taken, conflicts })
}

/// The keys of the items nested in an activity.
pub(crate) fn nested_keys(activity: &crate::template::ProcessingActivity) -> Vec<&str> {
    (activity
        .data_subject_categories
        .iter()
        .map(|c| c.key.as_str()))
    .chain(activity.data_categories.iter().map(|c| c.key.as_str()))
    .chain(activity.recipients.iter().map(|r| r.key.as_str()))
    .collect()
}
