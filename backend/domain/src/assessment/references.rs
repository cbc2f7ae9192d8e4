//! What in a controller's local changes refers to an item by key. A local item is not removed
//! while something refers to it, and an upgrade that removes a central item the controller
//! refers to is a conflict (SPEC §4), so no answer, measure or justification is lost silently.

use serde::{Deserialize, Serialize};

use super::LocalChanges;

/// One reference to an item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reference {
    /// The key of the referring record: the item itself for its overrides, completions,
    /// not-applicable mark, treatment and response; otherwise the measure, incident or local
    /// item holding the link.
    pub by: String,
    /// What refers, e.g. `override.likelihood`, `treatment`, `mitigates`, `scope`.
    pub field: String,
}

/// Every reference to `key` in `local`, in the order the local changes hold them.
pub fn references_to(local: &LocalChanges, key: &str) -> Vec<Reference> {
    let mut found = Vec::new();
    let mut add = |by: &str, field: String| {
        found.push(Reference {
            by: by.to_owned(),
            field,
        })
    };
    for o in local
        .overrides
        .iter()
        .filter(|o| o.item_key.as_str() == key)
    {
        add(key, format!("override.{}", o.field));
    }
    for c in local
        .completions
        .iter()
        .filter(|c| c.item_key.as_str() == key)
    {
        add(key, format!("completion.{}", c.field));
    }
    if local.not_applicable_mark(key).is_some() {
        add(key, "not_applicable".to_owned());
    }
    if local.treatment(key).is_some() {
        add(key, "treatment".to_owned());
    }
    if local.response(key).is_some() {
        add(key, "response".to_owned());
    }
    for measure in &local.measures {
        if measure.mitigates.iter().any(|r| r.as_str() == key) {
            add(measure.key.as_str(), "mitigates".to_owned());
        }
        if measure.implements.iter().any(|r| r.as_str() == key) {
            add(measure.key.as_str(), "implements".to_owned());
        }
    }
    for incident in &local.incidents {
        if incident.risks.iter().any(|r| r.as_str() == key) {
            add(incident.key.as_str(), "risks".to_owned());
        }
    }
    let additions = &local.additions;
    for activity in additions
        .activities
        .iter()
        .filter(|a| a.scope.as_str() == key)
    {
        add(activity.key.as_str(), "scope".to_owned());
    }
    for risk in additions.risks.iter().filter(|r| r.scope.as_str() == key) {
        add(risk.key.as_str(), "scope".to_owned());
    }
    for recommendation in &additions.recommendations {
        if recommendation.scopes.iter().any(|s| s.as_str() == key) {
            add(recommendation.key.as_str(), "scopes".to_owned());
        }
        if recommendation
            .addresses_risks
            .iter()
            .any(|r| r.as_str() == key)
        {
            add(recommendation.key.as_str(), "addresses_risks".to_owned());
        }
    }
    let nested = (additions.data_subject_categories.iter())
        .map(|n| (&n.activity_key, &n.item.key))
        .chain(
            additions
                .data_categories
                .iter()
                .map(|n| (&n.activity_key, &n.item.key)),
        )
        .chain(
            additions
                .recipients
                .iter()
                .map(|n| (&n.activity_key, &n.item.key)),
        );
    for (activity, item) in nested {
        if activity.as_str() == key {
            add(item.as_str(), "activity_key".to_owned());
        }
    }
    found
}
