//! Indexes over one (base, local changes) pair, built once per call so the effective
//! assessment, the write rules and the coverage queries find every item and link by key in
//! constant time (SPEC §9: a 300-risk assessment is resolved in well under a millisecond).

use std::collections::{HashMap, HashSet};

use super::fields::BaseItem;
use super::{
    Completion, Incident, LocalChanges, Measure, NotApplicable, Override, RecommendationResponse,
    RiskTreatment,
};
use crate::template::{DpiaContent, ProcessingActivity, Risk, RISK_MODEL_KEY};

/// A local item found by key.
#[derive(Clone, Copy, Debug)]
pub(crate) enum LocalItem<'a> {
    Activity(&'a ProcessingActivity),
    /// A data-subject category, data category or recipient.
    Nested,
    Risk(&'a Risk),
    Recommendation,
}

/// Every item and link of one assessment, by key.
pub(crate) struct Lookup<'a> {
    pub(crate) base: &'a DpiaContent,
    pub(crate) local: &'a LocalChanges,
    pub(crate) base_items: HashMap<&'a str, BaseItem<'a>>,
    pub(crate) local_items: HashMap<&'a str, LocalItem<'a>>,
    pub(crate) overrides: HashMap<&'a str, Vec<&'a Override>>,
    pub(crate) completions: HashMap<&'a str, Vec<&'a Completion>>,
    pub(crate) not_applicable: HashMap<&'a str, &'a NotApplicable>,
    pub(crate) treatments: HashMap<&'a str, &'a RiskTreatment>,
    pub(crate) responses: HashMap<&'a str, &'a RecommendationResponse>,
    /// Measures by the risk they mitigate.
    pub(crate) mitigating: HashMap<&'a str, Vec<&'a Measure>>,
    /// Measures by the recommendation they implement.
    pub(crate) implementing: HashMap<&'a str, Vec<&'a Measure>>,
    pub(crate) incidents_by_risk: HashMap<&'a str, Vec<&'a Incident>>,
    /// Keys of local items, measures and incidents that occur more than once, or that reuse
    /// a base key.
    pub(crate) duplicate_keys: HashSet<&'a str>,
}

impl<'a> Lookup<'a> {
    /// Indexes `local` against `base`.
    pub(crate) fn new(base: &'a DpiaContent, local: &'a LocalChanges) -> Self {
        let base_items = index_base(base);
        let mut duplicate_keys = HashSet::new();
        let mut seen: HashSet<&str> = HashSet::new();
        let mut note = |key: &'a str| {
            if base_items.contains_key(key) || !seen.insert(key) {
                duplicate_keys.insert(key);
            }
        };
        let mut local_items = HashMap::new();
        let additions = &local.additions;
        for activity in &additions.activities {
            note(activity.key.as_str());
            local_items.insert(activity.key.as_str(), LocalItem::Activity(activity));
            for c in &activity.data_subject_categories {
                note(c.key.as_str());
                local_items.insert(c.key.as_str(), LocalItem::Nested);
            }
            for c in &activity.data_categories {
                note(c.key.as_str());
                local_items.insert(c.key.as_str(), LocalItem::Nested);
            }
            for r in &activity.recipients {
                note(r.key.as_str());
                local_items.insert(r.key.as_str(), LocalItem::Nested);
            }
        }
        let nested = (additions
            .data_subject_categories
            .iter()
            .map(|n| &n.item.key))
        .chain(additions.data_categories.iter().map(|n| &n.item.key))
        .chain(additions.recipients.iter().map(|n| &n.item.key));
        for key in nested {
            note(key.as_str());
            local_items.insert(key.as_str(), LocalItem::Nested);
        }
        for risk in &additions.risks {
            note(risk.key.as_str());
            local_items.insert(risk.key.as_str(), LocalItem::Risk(risk));
        }
        for recommendation in &additions.recommendations {
            note(recommendation.key.as_str());
            local_items.insert(recommendation.key.as_str(), LocalItem::Recommendation);
        }
        for measure in &local.measures {
            note(measure.key.as_str());
        }
        for incident in &local.incidents {
            note(incident.key.as_str());
        }

        let mut overrides: HashMap<&str, Vec<&Override>> = HashMap::new();
        for o in &local.overrides {
            overrides.entry(o.item_key.as_str()).or_default().push(o);
        }
        let mut completions: HashMap<&str, Vec<&Completion>> = HashMap::new();
        for c in &local.completions {
            completions.entry(c.item_key.as_str()).or_default().push(c);
        }
        let mut mitigating: HashMap<&str, Vec<&Measure>> = HashMap::new();
        let mut implementing: HashMap<&str, Vec<&Measure>> = HashMap::new();
        for measure in &local.measures {
            for risk in &measure.mitigates {
                mitigating.entry(risk.as_str()).or_default().push(measure);
            }
            for recommendation in &measure.implements {
                implementing
                    .entry(recommendation.as_str())
                    .or_default()
                    .push(measure);
            }
        }
        let mut incidents_by_risk: HashMap<&str, Vec<&Incident>> = HashMap::new();
        for incident in &local.incidents {
            for risk in &incident.risks {
                incidents_by_risk
                    .entry(risk.as_str())
                    .or_default()
                    .push(incident);
            }
        }
        Lookup {
            base,
            local,
            base_items,
            local_items,
            overrides,
            completions,
            not_applicable: (local.not_applicable.iter())
                .map(|n| (n.item_key.as_str(), n))
                .collect(),
            treatments: (local.treatments.iter())
                .map(|t| (t.risk_key.as_str(), t))
                .collect(),
            responses: (local.responses.iter())
                .map(|r| (r.recommendation_key.as_str(), r))
                .collect(),
            mitigating,
            implementing,
            incidents_by_risk,
            duplicate_keys,
        }
    }

    /// The risk with this key, inherited or local.
    pub(crate) fn risk(&self, key: &str) -> Option<&'a Risk> {
        match (self.base_items.get(key), self.local_items.get(key)) {
            (Some(BaseItem::Risk(risk)), _) | (None, Some(LocalItem::Risk(risk))) => Some(risk),
            _ => None,
        }
    }

    /// Whether a recommendation (inherited or local) has this key.
    pub(crate) fn is_recommendation(&self, key: &str) -> bool {
        matches!(self.base_items.get(key), Some(BaseItem::Recommendation(_)))
            || matches!(self.local_items.get(key), Some(LocalItem::Recommendation))
    }

    /// Whether a processing activity (inherited or local) has this key.
    pub(crate) fn is_activity(&self, key: &str) -> bool {
        matches!(self.base_items.get(key), Some(BaseItem::Activity(_)))
            || matches!(self.local_items.get(key), Some(LocalItem::Activity(_)))
    }

    /// Whether a scope of the base has this key (scopes are central only).
    pub(crate) fn is_scope(&self, key: &str) -> bool {
        matches!(self.base_items.get(key), Some(BaseItem::Scope(_)))
    }

    /// Why an item does not apply locally: its own mark, or the mark of the scope a risk or
    /// activity belongs to (a module the controller does not use takes its risks with it).
    pub(crate) fn not_applicable_reason(&self, key: &str) -> Option<&'a str> {
        // Most assessments set nothing aside; skip the lookups on the hot path.
        if self.not_applicable.is_empty() {
            return None;
        }
        if let Some(mark) = self.not_applicable.get(key) {
            return Some(mark.justification.as_str());
        }
        let scope = match (self.base_items.get(key), self.local_items.get(key)) {
            (Some(BaseItem::Risk(risk)), _) | (None, Some(LocalItem::Risk(risk))) => &risk.scope,
            (Some(BaseItem::Activity(a)), _) | (None, Some(LocalItem::Activity(a))) => &a.scope,
            _ => return None,
        };
        (self.not_applicable.get(scope.as_str())).map(|mark| mark.justification.as_str())
    }

    /// The inherent likelihood and consequence of a risk: the central (or local) rating with
    /// the controller's overrides applied where they lie within the model's scales (the write
    /// rules refuse any other; one that slipped in through stored data is ignored here and
    /// reported by the rules).
    pub(crate) fn inherent_rating(&self, risk: &Risk) -> (u8, u8) {
        let mut rating = (risk.likelihood, risk.consequence);
        for o in self.overrides.get(risk.key.as_str()).into_iter().flatten() {
            let value = o.value.as_u64().and_then(|v| u8::try_from(v).ok());
            let model = &self.base.risk_model;
            match (o.field.as_str(), value) {
                ("likelihood", Some(v)) if model.contains_likelihood(v) => rating.0 = v,
                ("consequence", Some(v)) if model.contains_consequence(v) => rating.1 = v,
                _ => {}
            }
        }
        rating
    }

    /// Measures in force (not retired) that mitigate this risk.
    pub(crate) fn mitigations_in_force(&self, risk_key: &str) -> usize {
        (self.mitigating.get(risk_key).into_iter().flatten())
            .filter(|m| m.status.is_in_force())
            .count()
    }

    /// Measures in force (not retired) that implement this recommendation.
    pub(crate) fn implementations_in_force(&self, recommendation_key: &str) -> usize {
        (self
            .implementing
            .get(recommendation_key)
            .into_iter()
            .flatten())
        .filter(|m| m.status.is_in_force())
        .count()
    }
}

/// Every item of the base by key. The risk model is present under its reserved key so an
/// override of it is refused as such, not as an unknown key.
fn index_base(base: &DpiaContent) -> HashMap<&str, BaseItem<'_>> {
    let mut items = HashMap::with_capacity(
        1 + base.scopes.len()
            + base.activities.len() * 4
            + base.necessity_questions.len()
            + base.risks.len()
            + base.recommendations.len(),
    );
    items.insert(RISK_MODEL_KEY, BaseItem::RiskModel);
    for scope in &base.scopes {
        items.insert(scope.key.as_str(), BaseItem::Scope(scope));
    }
    for a in &base.activities {
        items.insert(a.key.as_str(), BaseItem::Activity(a));
        for c in &a.data_subject_categories {
            items.insert(c.key.as_str(), BaseItem::DataSubjectCategory(a, c));
        }
        for c in &a.data_categories {
            items.insert(c.key.as_str(), BaseItem::DataCategory(a, c));
        }
        for r in &a.recipients {
            items.insert(r.key.as_str(), BaseItem::Recipient(a, r));
        }
    }
    for q in &base.necessity_questions {
        items.insert(q.key.as_str(), BaseItem::NecessityQuestion(q));
    }
    for risk in &base.risks {
        items.insert(risk.key.as_str(), BaseItem::Risk(risk));
    }
    for r in &base.recommendations {
        items.insert(r.key.as_str(), BaseItem::Recommendation(r));
    }
    items
}
