//! Revision against revision of one assessment (SPEC §4, issue 6), e.g. the last approved
//! revision against the current draft: which departures from the base, treatments, measures,
//! incidents and sign-offs were added, removed or changed in between.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::{
    diff_against_base, effective, Departure, DiffFilter, Incident, LocalChanges, Measure,
    RiskTreatment, SignOffs,
};
use crate::template::DpiaContent;

/// How one record differs between two revisions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RevisionChange<T> {
    /// Only in the later revision.
    Added {
        /// The record.
        after: T,
    },
    /// Only in the earlier revision.
    Removed {
        /// The record.
        before: T,
    },
    /// In both, different.
    Changed {
        /// The earlier record.
        before: T,
        /// The later record.
        after: T,
    },
}

/// What changed between two revisions of one assessment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RevisionDiff {
    /// Departures from the base, matched by item key, kind of change and field.
    pub departures: Vec<RevisionChange<Departure>>,
    /// Treatments, matched by risk.
    pub treatments: Vec<RevisionChange<RiskTreatment>>,
    /// Measures, matched by key.
    pub measures: Vec<RevisionChange<Measure>>,
    /// Incidents, matched by key.
    pub incidents: Vec<RevisionChange<Incident>>,
    /// The sign-offs, when they differ.
    pub sign_offs: Option<RevisionChange<SignOffs>>,
}

impl RevisionDiff {
    /// Whether the two revisions are the same.
    pub fn is_empty(&self) -> bool {
        self.departures.is_empty()
            && self.treatments.is_empty()
            && self.measures.is_empty()
            && self.incidents.is_empty()
            && self.sign_offs.is_none()
    }
}

/// Compares an earlier revision (`before_base`, `before`) with a later one (`after_base`,
/// `after`); the bases differ when an upgrade happened in between.
pub fn diff_revisions(
    before_base: &DpiaContent,
    before: &LocalChanges,
    after_base: &DpiaContent,
    after: &LocalChanges,
) -> RevisionDiff {
    let all = DiffFilter::default();
    let departures_before = diff_against_base(&effective(before_base, before), &all);
    let departures_after = diff_against_base(&effective(after_base, after), &all);
    RevisionDiff {
        departures: compare(&departures_before, &departures_after, departure_identity),
        treatments: compare(&before.treatments, &after.treatments, |t| {
            t.risk_key.to_string()
        }),
        measures: compare(&before.measures, &after.measures, |m| m.key.to_string()),
        incidents: compare(&before.incidents, &after.incidents, |i| i.key.to_string()),
        sign_offs: (before.sign_offs != after.sign_offs).then(|| RevisionChange::Changed {
            before: before.sign_offs.clone(),
            after: after.sign_offs.clone(),
        }),
    }
}

/// A departure is "the same" in two revisions when it is about the same item, kind of change
/// and field; its values may differ.
fn departure_identity(departure: &Departure) -> String {
    let field = match &departure.change {
        super::Change::Overridden { field, .. } | super::Change::Completed { field, .. } => {
            field.as_str()
        }
        _ => "",
    };
    let kind = departure.change.kind();
    format!("{}\u{0}{kind:?}\u{0}{field}", departure.item_key)
}

/// Records of `after` added or changed, in its order, then records of `before` removed, in
/// its order.
fn compare<T: Clone + PartialEq>(
    before: &[T],
    after: &[T],
    identity: impl Fn(&T) -> String,
) -> Vec<RevisionChange<T>> {
    let earlier: HashMap<String, &T> = before.iter().map(|r| (identity(r), r)).collect();
    let mut later_ids = HashSet::with_capacity(after.len());
    let mut changes = Vec::new();
    for later in after {
        let id = identity(later);
        match earlier.get(&id) {
            None => changes.push(RevisionChange::Added {
                after: later.clone(),
            }),
            Some(earlier) if *earlier != later => changes.push(RevisionChange::Changed {
                before: (*earlier).clone(),
                after: later.clone(),
            }),
            Some(_) => {}
        }
        later_ids.insert(id);
    }
    for earlier in before {
        if !later_ids.contains(&identity(earlier)) {
            changes.push(RevisionChange::Removed {
                before: earlier.clone(),
            });
        }
    }
    changes
}
