//! [`apply_upgrade`]: the upgrade with every conflict resolved (SPEC §4). Kept removed items
//! become local items under their old key (keys are never reused, SPEC §2) with the
//! controller's overrides folded in and a `Retained` record saying why; taken removals drop
//! only the links to the removed item, never a measure, incident or local item.

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{
    preview_upgrade, Conflict, ConflictKind, ConflictResolution, Resolution, UpgradeError, Upgraded,
};
use crate::assessment::fields::{with_fields, without_nested, BaseItem};
use crate::assessment::lookup::Lookup;
use crate::assessment::rules::{blank, violations};
use crate::assessment::{LocalChanges, LocalNested, Override, Retained};
use crate::template::{DpiaContent, ItemKey};

/// Upgrades `local` from `old` (N) to `new` (N+1) with the given resolutions. Refused while any
/// conflict of [`preview_upgrade`] has no resolution.
pub fn apply_upgrade(
    old: &DpiaContent,
    new: &DpiaContent,
    local: &LocalChanges,
    resolutions: &[ConflictResolution],
) -> Result<Upgraded, UpgradeError> {
    let preview = preview_upgrade(old, new, local)?;
    let resolution_of = |c: &Conflict| {
        (resolutions.iter())
            .find(|r| r.item_key == c.item_key && r.field == c.field)
            .map(|r| &r.resolution)
    };
    let open: Vec<Conflict> = (preview.conflicts.iter())
        .filter(|c| resolution_of(c).is_none())
        .cloned()
        .collect();
    if !open.is_empty() {
        return Err(UpgradeError::OpenConflicts { conflicts: open });
    }
    let old_items = Lookup::new(old, local);
    let mut next = local.clone();
    for conflict in &preview.conflicts {
        let Some(resolution) = resolution_of(conflict) else {
            continue;
        };
        if let Resolution::KeepLocal { justification } = resolution {
            if blank(justification) {
                return Err(UpgradeError::MissingJustification {
                    item_key: conflict.item_key.to_string(),
                    field: conflict.field.clone().unwrap_or_default(),
                });
            }
        }
        let key = &conflict.item_key;
        let field = conflict.field.as_deref().unwrap_or_default();
        match (&conflict.kind, resolution) {
            (
                ConflictKind::OverriddenFieldChanged { .. },
                Resolution::KeepLocal { justification },
            ) => {
                let found =
                    (next.overrides.iter_mut()).find(|o| &o.item_key == key && o.field == field);
                if let Some(o) = found {
                    o.justification = justification.clone();
                }
            }
            (ConflictKind::OverriddenFieldChanged { .. }, Resolution::TakeCentral) => {
                next.overrides
                    .retain(|o| !(&o.item_key == key && o.field == field));
            }
            (
                ConflictKind::CompletionNoLongerExpected {
                    value,
                    central_after,
                },
                Resolution::KeepLocal { justification },
            ) => {
                next.completions
                    .retain(|c| !(&c.item_key == key && c.field == field));
                if value != central_after {
                    next.overrides.push(Override {
                        item_key: key.clone(),
                        field: field.to_owned(),
                        value: value.clone(),
                        justification: justification.clone(),
                    });
                }
            }
            (ConflictKind::CompletionNoLongerExpected { .. }, Resolution::TakeCentral) => {
                next.completions
                    .retain(|c| !(&c.item_key == key && c.field == field));
            }
            (
                ConflictKind::ReferencedItemRemoved { .. },
                Resolution::KeepLocal { justification },
            ) => {
                keep_removed_item(&old_items, &mut next, key, justification)?;
            }
            (ConflictKind::ReferencedItemRemoved { .. }, Resolution::TakeCentral) => {
                let mut keys = vec![key.as_str().to_owned()];
                if let Some(BaseItem::Activity(activity)) = old_items.base_items.get(key.as_str()) {
                    keys.extend(
                        super::preview::nested_keys(activity)
                            .into_iter()
                            .map(str::to_owned),
                    );
                }
                for removed in &keys {
                    drop_references(&mut next, removed)?;
                }
            }
        }
    }
    let violations = violations(new, &next);
    Ok(Upgraded {
        local: next,
        violations,
    })
}

/// Turns a removed central item into a local item under the same key, with its overrides and
/// completions folded into its value. A change that does not fold (only possible for stored
/// data that broke the rules) stays where it is and shows among the violations.
fn keep_removed_item(
    old: &Lookup<'_>,
    next: &mut LocalChanges,
    key: &ItemKey,
    justification: &str,
) -> Result<(), UpgradeError> {
    let cannot = |reason| UpgradeError::CannotKeep {
        item_key: key.to_string(),
        reason,
    };
    if next.not_applicable_mark(key.as_str()).is_some() {
        return Err(cannot(
            "it is marked not applicable; take the central removal instead",
        ));
    }
    let Some(item) = old.base_items.get(key.as_str()).copied() else {
        return Err(cannot("it is not an item of the old version"));
    };
    let mut folded = Vec::new();
    match item {
        BaseItem::Risk(risk) => {
            let risk = fold(next, risk, key, &mut folded);
            next.additions.risks.push(risk);
        }
        BaseItem::Recommendation(recommendation) => {
            let recommendation = fold(next, recommendation, key, &mut folded);
            next.additions.recommendations.push(recommendation);
        }
        BaseItem::Activity(activity) => {
            let mut kept = fold(next, &without_nested(activity), key, &mut folded);
            kept.data_subject_categories = (activity.data_subject_categories.iter())
                .map(|c| fold(next, c, &c.key, &mut folded))
                .collect();
            kept.data_categories = (activity.data_categories.iter())
                .map(|c| fold(next, c, &c.key, &mut folded))
                .collect();
            kept.recipients = (activity.recipients.iter())
                .map(|r| fold(next, r, &r.key, &mut folded))
                .collect();
            next.additions.activities.push(kept);
        }
        BaseItem::DataSubjectCategory(activity, category) => {
            let item = fold(next, category, key, &mut folded);
            (next.additions.data_subject_categories).push(LocalNested {
                activity_key: activity.key.clone(),
                item,
            });
        }
        BaseItem::DataCategory(activity, category) => {
            let item = fold(next, category, key, &mut folded);
            (next.additions.data_categories).push(LocalNested {
                activity_key: activity.key.clone(),
                item,
            });
        }
        BaseItem::Recipient(activity, recipient) => {
            let item = fold(next, recipient, key, &mut folded);
            (next.additions.recipients).push(LocalNested {
                activity_key: activity.key.clone(),
                item,
            });
        }
        BaseItem::Scope(_) => {
            return Err(cannot(
                "scopes are the template's structure; move local items to another scope and take the removal",
            ))
        }
        BaseItem::NecessityQuestion(_) | BaseItem::RiskModel => {
            return Err(cannot(
                "only activities, their nested items, risks and recommendations can be kept locally",
            ))
        }
    }
    next.overrides.retain(|o| !folded.contains(&o.item_key));
    next.completions.retain(|c| !folded.contains(&c.item_key));
    next.retained.push(Retained {
        item_key: key.clone(),
        justification: justification.to_owned(),
    });
    Ok(())
}

/// `item` with the overrides and completions of `key` applied; records `key` in `folded`
/// when they all applied.
fn fold<T: Serialize + DeserializeOwned + Clone>(
    local: &LocalChanges,
    item: &T,
    key: &ItemKey,
    folded: &mut Vec<ItemKey>,
) -> T {
    let overrides = (local.overrides.iter())
        .filter(|o| &o.item_key == key)
        .map(|o| (o.field.as_str(), &o.value));
    let completions = (local.completions.iter())
        .filter(|c| &c.item_key == key)
        .map(|c| (c.field.as_str(), &c.value));
    let changes: Vec<_> = overrides.chain(completions).collect();
    match with_fields(item, &changes) {
        Ok(value) => {
            folded.push(key.clone());
            value
        }
        Err(_) => item.clone(),
    }
}

/// Drops every link to a removed item: its overrides, completions, mark, treatment and
/// response, and its key from measures, incidents and local recommendations. Refused while a
/// local item belongs to it (its scope or activity).
fn drop_references(next: &mut LocalChanges, key: &str) -> Result<(), UpgradeError> {
    let additions = &next.additions;
    let belongs = (additions.activities.iter())
        .filter(|a| a.scope.as_str() == key)
        .map(|a| (&a.key, "scope"))
        .chain(
            (additions.risks.iter())
                .filter(|r| r.scope.as_str() == key)
                .map(|r| (&r.key, "scope")),
        )
        .chain(
            (additions.recommendations.iter())
                .filter(|r| r.scopes.iter().any(|s| s.as_str() == key))
                .map(|r| (&r.key, "scopes")),
        )
        .chain(
            (additions.data_subject_categories.iter())
                .filter(|n| n.activity_key.as_str() == key)
                .map(|n| (&n.item.key, "activity_key")),
        )
        .chain(
            (additions.data_categories.iter())
                .filter(|n| n.activity_key.as_str() == key)
                .map(|n| (&n.item.key, "activity_key")),
        )
        .chain(
            (additions.recipients.iter())
                .filter(|n| n.activity_key.as_str() == key)
                .map(|n| (&n.item.key, "activity_key")),
        )
        .next();
    if let Some((by, field)) = belongs {
        return Err(UpgradeError::CannotTakeCentral {
            item_key: key.to_owned(),
            by: by.to_string(),
            field: field.to_owned(),
        });
    }
    next.overrides.retain(|o| o.item_key.as_str() != key);
    next.completions.retain(|c| c.item_key.as_str() != key);
    next.not_applicable.retain(|n| n.item_key.as_str() != key);
    next.treatments.retain(|t| t.risk_key.as_str() != key);
    next.responses
        .retain(|r| r.recommendation_key.as_str() != key);
    for measure in &mut next.measures {
        measure.mitigates.retain(|r| r.as_str() != key);
        measure.implements.retain(|r| r.as_str() != key);
    }
    for incident in &mut next.incidents {
        incident.risks.retain(|r| r.as_str() != key);
    }
    for recommendation in &mut next.additions.recommendations {
        recommendation.addresses_risks.retain(|r| r.as_str() != key);
    }
    Ok(())
}
