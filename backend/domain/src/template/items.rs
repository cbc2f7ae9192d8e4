//! The generic item view of a template version: every keyed item as (kind, key, parent,
//! JSON value). Diffs, three-way merges and inheritance by (item key, field) are written once
//! against this view instead of once per item type (SPEC §3, §4).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{ItemKey, TemplateContent};

/// The key under which the risk model appears as one item. Reserved: no other item may
/// use it, so a risk-model change shows up in a version diff like any other change.
pub const RISK_MODEL_KEY: &str = "risk_model";

/// The fields of a processing activity that hold keyed items of their own; they are left
/// out of the activity's value so a change is reported once, on the nested item.
const NESTED_ITEM_FIELDS: [&str; 3] = ["data_subject_categories", "data_categories", "recipients"];

/// What sort of item a key names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[allow(missing_docs)] // One variant per item type of the same name.
pub enum ItemKind {
    RiskModel,
    Scope,
    ProcessingActivity,
    DataSubjectCategory,
    DataCategory,
    Recipient,
    NecessityQuestion,
    Risk,
    Recommendation,
    Clause,
}

impl ItemKind {
    /// The kind's name as it appears in JSON and messages, e.g. `DATA_CATEGORY`.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::RiskModel => "RISK_MODEL",
            ItemKind::Scope => "SCOPE",
            ItemKind::ProcessingActivity => "PROCESSING_ACTIVITY",
            ItemKind::DataSubjectCategory => "DATA_SUBJECT_CATEGORY",
            ItemKind::DataCategory => "DATA_CATEGORY",
            ItemKind::Recipient => "RECIPIENT",
            ItemKind::NecessityQuestion => "NECESSITY_QUESTION",
            ItemKind::Risk => "RISK",
            ItemKind::Recommendation => "RECOMMENDATION",
            ItemKind::Clause => "CLAUSE",
        }
    }
}

/// One keyed item of a template version.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemRef {
    /// What sort of item it is.
    pub kind: ItemKind,
    /// Its key, unique across the whole template.
    pub key: ItemKey,
    /// The processing activity holding it, for data-subject categories, data categories
    /// and recipients; `None` for top-level items.
    pub parent: Option<ItemKey>,
    /// The item as a JSON object of its fields (including `key`; without nested items).
    pub value: Value,
}

impl TemplateContent {
    /// Every keyed item in document order: the risk model, scopes, each activity followed
    /// by its nested items, necessity questions, risks, recommendations (or the clauses).
    pub fn items(&self) -> Vec<ItemRef> {
        let mut items = Vec::new();
        match self {
            TemplateContent::Dpia(dpia) => {
                items.push(ItemRef {
                    kind: ItemKind::RiskModel,
                    key: risk_model_key(),
                    parent: None,
                    value: to_value(&dpia.risk_model),
                });
                items.extend(dpia.scopes.iter().map(|s| top(ItemKind::Scope, &s.key, s)));
                for activity in &dpia.activities {
                    let mut value = to_value(activity);
                    if let Value::Object(fields) = &mut value {
                        for nested in NESTED_ITEM_FIELDS {
                            fields.remove(nested);
                        }
                    }
                    items.push(ItemRef {
                        kind: ItemKind::ProcessingActivity,
                        key: activity.key.clone(),
                        parent: None,
                        value,
                    });
                    let parent = &activity.key;
                    let nested = |kind, key: &ItemKey, item: Value| ItemRef {
                        kind,
                        key: key.clone(),
                        parent: Some(parent.clone()),
                        value: item,
                    };
                    for c in &activity.data_subject_categories {
                        items.push(nested(ItemKind::DataSubjectCategory, &c.key, to_value(c)));
                    }
                    for c in &activity.data_categories {
                        items.push(nested(ItemKind::DataCategory, &c.key, to_value(c)));
                    }
                    for r in &activity.recipients {
                        items.push(nested(ItemKind::Recipient, &r.key, to_value(r)));
                    }
                }
                items.extend(
                    (dpia.necessity_questions.iter())
                        .map(|q| top(ItemKind::NecessityQuestion, &q.key, q)),
                );
                items.extend(dpia.risks.iter().map(|r| top(ItemKind::Risk, &r.key, r)));
                items.extend(
                    (dpia.recommendations.iter()).map(|r| top(ItemKind::Recommendation, &r.key, r)),
                );
            }
            TemplateContent::CodeOfConduct(code) => {
                items.extend(
                    code.clauses
                        .iter()
                        .map(|c| top(ItemKind::Clause, &c.key, c)),
                );
            }
        }
        items
    }

    /// The item with this key, if any.
    pub fn item(&self, key: &str) -> Option<ItemRef> {
        self.items()
            .into_iter()
            .find(|item| item.key.as_str() == key)
    }
}

/// The reserved key of the risk-model item.
pub(crate) fn risk_model_key() -> ItemKey {
    ItemKey::parse(RISK_MODEL_KEY).expect("the reserved risk-model key is a well-formed key")
}

fn top<T: Serialize>(kind: ItemKind, key: &ItemKey, item: &T) -> ItemRef {
    ItemRef {
        kind,
        key: key.clone(),
        parent: None,
        value: to_value(item),
    }
}

fn to_value<T: Serialize>(item: &T) -> Value {
    serde_json::to_value(item)
        .expect("template items are plain structs with string keys and always serialise")
}

#[cfg(test)]
mod tests {
    use crate::template::testing::DpiaBuilder;
    use crate::template::ItemKind;

    #[test]
    fn every_keyed_item_appears_once_with_its_kind() {
        let content = DpiaBuilder::new().build();
        let kinds: Vec<(ItemKind, String)> = content
            .items()
            .into_iter()
            .map(|item| (item.kind, item.key.to_string()))
            .collect();
        assert_eq!(kinds[0], (ItemKind::RiskModel, "risk_model".to_owned()));
        assert!(kinds.contains(&(ItemKind::Recipient, "recipient.hosting".to_owned())));
        assert!(kinds.contains(&(ItemKind::Risk, "risk.messages.misdirected".to_owned())));
        let mut keys: Vec<_> = kinds.iter().map(|(_, key)| key.clone()).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), kinds.len());
    }

    #[test]
    fn nested_items_name_their_activity_and_are_left_out_of_its_value() {
        let content = DpiaBuilder::new().build();
        let recipient = content.item("recipient.hosting").unwrap();
        assert_eq!(
            recipient.parent.as_ref().map(|p| p.as_str()),
            Some("activity.messages")
        );
        let activity = content.item("activity.messages").unwrap();
        assert!(activity.value.get("recipients").is_none());
        assert!(activity.value.get("purposes").is_some());
    }
}
