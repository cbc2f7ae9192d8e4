//! Fields of template items addressed by name, as in the items() JSON view of a template
//! version: which fields a controller may override or complete, what their central value is,
//! and how a local value is applied to a typed item (SPEC §3). Overrides are generic over
//! item types; only a risk's likelihood and consequence have a typed fast path, because the
//! effective assessment of 300 risks must stay cheap.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::template::{
    DataCategory, DataSubjectCategory, ItemKind, NecessityQuestion, ProcessingActivity, Recipient,
    Recommendation, Risk, Scope,
};

/// Fields of an activity that hold keyed items of their own; they are changed on the nested
/// items, never on the activity (mirrors the template's items() view).
pub(crate) const NESTED_COLLECTIONS: [&str; 3] =
    ["data_subject_categories", "data_categories", "recipients"];

/// Fields that carry the template's structure and stay central: the key, the scope an item is
/// organised by, which risks a recommendation addresses, and what adopters must complete.
const STRUCTURAL_FIELDS: [&str; 5] = [
    "key",
    "scope",
    "scopes",
    "addresses_risks",
    "to_be_completed_by_adopter",
];

/// An item of the base template version, found by key.
#[derive(Clone, Copy, Debug)]
pub(crate) enum BaseItem<'a> {
    RiskModel,
    Scope(&'a Scope),
    Activity(&'a ProcessingActivity),
    DataSubjectCategory(&'a ProcessingActivity, &'a DataSubjectCategory),
    DataCategory(&'a ProcessingActivity, &'a DataCategory),
    Recipient(&'a ProcessingActivity, &'a Recipient),
    NecessityQuestion(&'a NecessityQuestion),
    Risk(&'a Risk),
    Recommendation(&'a Recommendation),
}

impl<'a> BaseItem<'a> {
    /// The kind of item.
    pub(crate) fn kind(&self) -> ItemKind {
        match self {
            BaseItem::RiskModel => ItemKind::RiskModel,
            BaseItem::Scope(_) => ItemKind::Scope,
            BaseItem::Activity(_) => ItemKind::ProcessingActivity,
            BaseItem::DataSubjectCategory(..) => ItemKind::DataSubjectCategory,
            BaseItem::DataCategory(..) => ItemKind::DataCategory,
            BaseItem::Recipient(..) => ItemKind::Recipient,
            BaseItem::NecessityQuestion(_) => ItemKind::NecessityQuestion,
            BaseItem::Risk(_) => ItemKind::Risk,
            BaseItem::Recommendation(_) => ItemKind::Recommendation,
        }
    }

    /// The item as a JSON object of its fields (an activity without its nested items), or
    /// `None` for the risk model, whose fields are not inherited one by one.
    pub(crate) fn value(&self) -> Option<Value> {
        match self {
            BaseItem::RiskModel => None,
            BaseItem::Scope(item) => to_value(*item),
            BaseItem::Activity(item) => to_value(&without_nested(item)),
            BaseItem::DataSubjectCategory(_, item) => to_value(*item),
            BaseItem::DataCategory(_, item) => to_value(*item),
            BaseItem::Recipient(_, item) => to_value(*item),
            BaseItem::NecessityQuestion(item) => to_value(*item),
            BaseItem::Risk(item) => to_value(*item),
            BaseItem::Recommendation(item) => to_value(*item),
        }
    }

    /// The central value of one field, or `None` when the item has no such field.
    pub(crate) fn field(&self, field: &str) -> Option<Value> {
        if let BaseItem::Risk(risk) = self {
            match field {
                "likelihood" => return Some(Value::from(risk.likelihood)),
                "consequence" => return Some(Value::from(risk.consequence)),
                _ => {}
            }
        }
        let mut value = self.value()?;
        value.as_object_mut()?.remove(field)
    }

    /// Whether the template leaves `field` of this item to each adopter (SPEC §2). Paths in
    /// `to_be_completed_by_adopter` are relative to the activity: `retention` names the
    /// activity's own field, `data_subject_categories.count` the field of each nested item.
    pub(crate) fn is_to_be_completed(&self, field: &str) -> bool {
        let (activity, collection) = match self {
            BaseItem::Activity(activity) => (*activity, None),
            BaseItem::DataSubjectCategory(activity, _) => (*activity, Some(NESTED_COLLECTIONS[0])),
            BaseItem::DataCategory(activity, _) => (*activity, Some(NESTED_COLLECTIONS[1])),
            BaseItem::Recipient(activity, _) => (*activity, Some(NESTED_COLLECTIONS[2])),
            _ => return false,
        };
        activity
            .to_be_completed_by_adopter
            .iter()
            .any(|path| match collection {
                None => path == field,
                Some(collection) => path
                    .strip_prefix(collection)
                    .and_then(|rest| rest.strip_prefix('.'))
                    .is_some_and(|rest| rest == field),
            })
    }

    /// Why `field` cannot be overridden, or `None` when it can (SPEC §3).
    pub(crate) fn why_not_overridable(&self, field: &str) -> Option<&'static str> {
        if matches!(self, BaseItem::RiskModel) {
            return Some("the risk model is the template's common method; every adopter rates on the same scales");
        }
        if STRUCTURAL_FIELDS.contains(&field) {
            return Some(
                "it carries the template's structure and stays central; add a local item instead",
            );
        }
        if matches!(self, BaseItem::Activity(_)) && NESTED_COLLECTIONS.contains(&field) {
            return Some("override the nested items by their own keys, or add local ones");
        }
        if self.is_to_be_completed(field) {
            return Some("the template leaves it to adopters; complete it instead");
        }
        None
    }

    /// Checks that `value` is a well-formed value for `field` by applying it to a copy of
    /// the item; returns the deserialiser's complaint otherwise.
    pub(crate) fn accepts(&self, field: &str, value: &Value) -> Result<(), String> {
        let changes = [(field, value)];
        match self {
            BaseItem::RiskModel => Err("the risk model has no fields of its own".to_owned()),
            BaseItem::Scope(item) => with_fields(*item, &changes).map(drop),
            BaseItem::Activity(item) => with_fields(&without_nested(item), &changes).map(drop),
            BaseItem::DataSubjectCategory(_, item) => with_fields(*item, &changes).map(drop),
            BaseItem::DataCategory(_, item) => with_fields(*item, &changes).map(drop),
            BaseItem::Recipient(_, item) => with_fields(*item, &changes).map(drop),
            BaseItem::NecessityQuestion(item) => with_fields(*item, &changes).map(drop),
            BaseItem::Risk(item) => with_fields(*item, &changes).map(drop),
            BaseItem::Recommendation(item) => with_fields(*item, &changes).map(drop),
        }
    }
}

/// A copy of `item` with the given fields replaced, going through its JSON form so any item
/// type is handled by the same code; `Err` carries the reason a value does not fit.
pub(crate) fn with_fields<T: Serialize + DeserializeOwned>(
    item: &T,
    changes: &[(&str, &Value)],
) -> Result<T, String> {
    let mut value = serde_json::to_value(item).map_err(|e| e.to_string())?;
    let fields = value
        .as_object_mut()
        .ok_or_else(|| "the item is not a JSON object".to_owned())?;
    for (field, new) in changes {
        if !fields.contains_key(*field) {
            return Err(format!("the item has no field `{field}`"));
        }
        fields.insert((*field).to_owned(), (*new).clone());
    }
    serde_json::from_value(value).map_err(|e| e.to_string())
}

/// A copy of an activity without its nested items, which have keys and provenance of their
/// own.
pub(crate) fn without_nested(activity: &ProcessingActivity) -> ProcessingActivity {
    ProcessingActivity {
        data_subject_categories: Vec::new(),
        data_categories: Vec::new(),
        recipients: Vec::new(),
        ..activity.clone()
    }
}

fn to_value<T: Serialize>(item: &T) -> Option<Value> {
    serde_json::to_value(item).ok()
}
