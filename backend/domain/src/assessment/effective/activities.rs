//! Effective processing activities (SPEC §2 "systematic description", Art. 35(7)(a)): each
//! activity with its data-subject categories (and their completed counts), data categories
//! and recipients, inherited or local, each with provenance.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::items::{inherited_item, local_item};
use crate::assessment::fields::{without_nested, BaseItem};
use crate::assessment::lookup::Lookup;
use crate::assessment::{AssessmentError, EffectiveItem, ItemProvenance};
use crate::template::{DataCategory, DataSubjectCategory, ItemKey, ProcessingActivity, Recipient};

/// One processing activity of the effective assessment. As in the template's item view, the
/// activity's own nested lists are left empty; its nested items, each with its provenance,
/// are the lists beside it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EffectiveActivity {
    /// The activity's own fields.
    pub activity: EffectiveItem<ProcessingActivity>,
    /// Whose data is processed, with counts.
    pub data_subject_categories: Vec<EffectiveItem<DataSubjectCategory>>,
    /// Which data is processed.
    pub data_categories: Vec<EffectiveItem<DataCategory>>,
    /// Who receives it.
    pub recipients: Vec<EffectiveItem<Recipient>>,
}

/// Every activity: the base's in template order, then the local ones, each followed by local
/// nested items added to it.
pub(crate) fn effective_activities(
    lookup: &Lookup<'_>,
    inconsistencies: &mut Vec<AssessmentError>,
) -> Vec<EffectiveActivity> {
    let mut activities: Vec<EffectiveActivity> = Vec::new();
    for activity in &lookup.base.activities {
        let reason = lookup.not_applicable_reason(activity.key.as_str());
        let own = without_nested(activity);
        let item = BaseItem::Activity(activity);
        let mut effective = EffectiveActivity {
            activity: inherited_item(lookup, &activity.key, &item, &own, reason, inconsistencies),
            data_subject_categories: Vec::new(),
            data_categories: Vec::new(),
            recipients: Vec::new(),
        };
        // A nested item of an activity that does not apply does not apply either.
        let nested_reason = |key: &str| lookup.not_applicable_reason(key).or(reason);
        for c in &activity.data_subject_categories {
            let item = BaseItem::DataSubjectCategory(activity, c);
            let r = nested_reason(c.key.as_str());
            (effective.data_subject_categories).push(inherited_item(
                lookup,
                &c.key,
                &item,
                c,
                r,
                inconsistencies,
            ));
        }
        for c in &activity.data_categories {
            let item = BaseItem::DataCategory(activity, c);
            let r = nested_reason(c.key.as_str());
            (effective.data_categories).push(inherited_item(
                lookup,
                &c.key,
                &item,
                c,
                r,
                inconsistencies,
            ));
        }
        for recipient in &activity.recipients {
            let item = BaseItem::Recipient(activity, recipient);
            let r = nested_reason(recipient.key.as_str());
            (effective.recipients).push(inherited_item(
                lookup,
                &recipient.key,
                &item,
                recipient,
                r,
                inconsistencies,
            ));
        }
        activities.push(effective);
    }
    for activity in &lookup.local.additions.activities {
        activities.push(EffectiveActivity {
            activity: local_item(&activity.key, &without_nested(activity)),
            data_subject_categories: (activity.data_subject_categories.iter())
                .map(|c| local_item(&c.key, c))
                .collect(),
            data_categories: (activity.data_categories.iter())
                .map(|c| local_item(&c.key, c))
                .collect(),
            recipients: (activity.recipients.iter())
                .map(|r| local_item(&r.key, r))
                .collect(),
        });
    }
    attach_local_nested(lookup, &mut activities, inconsistencies);
    activities
}

fn attach_local_nested(
    lookup: &Lookup<'_>,
    activities: &mut [EffectiveActivity],
    inconsistencies: &mut Vec<AssessmentError>,
) {
    let positions: HashMap<String, usize> = (activities.iter().enumerate())
        .map(|(index, a)| (a.activity.key.to_string(), index))
        .collect();
    let mut slot = |n_activity: &ItemKey, n_key: &ItemKey| {
        let found = positions.get(n_activity.as_str()).copied();
        if found.is_none() {
            inconsistencies.push(AssessmentError::DanglingReference {
                item_key: n_key.to_string(),
                field: "activity_key".to_owned(),
                target: n_activity.to_string(),
                expected: "processing activity",
            });
        }
        found
    };
    let additions = &lookup.local.additions;
    for n in &additions.data_subject_categories {
        let target = slot(&n.activity_key, &n.item.key).and_then(|i| activities.get_mut(i));
        if let Some(activity) = target {
            (activity.data_subject_categories).push(local_item(&n.item.key, &n.item));
        }
    }
    for n in &additions.data_categories {
        let target = slot(&n.activity_key, &n.item.key).and_then(|i| activities.get_mut(i));
        if let Some(activity) = target {
            activity
                .data_categories
                .push(local_item(&n.item.key, &n.item));
        }
    }
    for n in &additions.recipients {
        let target = slot(&n.activity_key, &n.item.key).and_then(|i| activities.get_mut(i));
        if let Some(activity) = target {
            activity.recipients.push(local_item(&n.item.key, &n.item));
        }
    }
}

impl EffectiveActivity {
    /// Whether the activity applies locally.
    pub fn is_applicable(&self) -> bool {
        !matches!(
            self.activity.provenance,
            ItemProvenance::NotApplicable { .. }
        )
    }
}
