//! Editing a draft version by item key (issue 4). Each edit is applied to a copy and the
//! result validated, so a draft never holds a dangling reference, a duplicate key or a value
//! off the scale; the error names the item key and field (SPEC §3 "not a silent no-op").

use super::{
    validate, Clause, DataCategory, DataSubjectCategory, DpiaContent, ItemKey, ItemKind,
    NecessityQuestion, ProcessingActivity, Recipient, Recommendation, Risk, Scope, TemplateContent,
    TemplateError, TemplateKind,
};
use crate::risk_model::RiskModel;

/// One change to a draft template version. `Upsert…` replaces the item with the same key
/// and kind, or adds it when the key is new; a key held by an item of another kind (or,
/// for nested items, under another activity) is a duplicate.
///
/// As JSON (the GraphQL `editTemplateDraft` mutation takes it so): an object with one member
/// named after the edit, e.g. `{"upsert_risk": {…risk…}}` or `{"remove_item": {"key": "…"}}`.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum TemplateEdit {
    /// Replaces the risk model; every risk must stay on the new scales.
    SetRiskModel(RiskModel),
    /// Adds or replaces a scope.
    UpsertScope(Scope),
    /// Adds or replaces a processing activity, including its nested items.
    UpsertActivity(ProcessingActivity),
    /// Adds or replaces a data-subject category of an activity.
    UpsertDataSubjectCategory {
        /// The activity holding the category.
        activity: ItemKey,
        /// The category.
        category: DataSubjectCategory,
    },
    /// Adds or replaces a data category of an activity.
    UpsertDataCategory {
        /// The activity holding the category.
        activity: ItemKey,
        /// The category.
        category: DataCategory,
    },
    /// Adds or replaces a recipient of an activity.
    UpsertRecipient {
        /// The activity holding the recipient.
        activity: ItemKey,
        /// The recipient.
        recipient: Recipient,
    },
    /// Adds or replaces a necessity/proportionality question.
    UpsertNecessityQuestion(NecessityQuestion),
    /// Adds or replaces a risk.
    UpsertRisk(Risk),
    /// Adds or replaces a recommendation.
    UpsertRecommendation(Recommendation),
    /// Adds or replaces a code-of-conduct clause.
    UpsertClause(Clause),
    /// Removes the item with this key (and, for an activity, its nested items). Refused
    /// while another item still refers to it.
    RemoveItem {
        /// The key of the item to remove.
        key: ItemKey,
    },
}

/// Applies `edit` to a copy of `content` and returns the copy, or the first error the edit
/// causes. Errors the draft already had before the edit do not block it.
pub fn apply_edit(
    content: &TemplateContent,
    edit: TemplateEdit,
) -> Result<TemplateContent, TemplateError> {
    let mut edited = content.clone();
    change(&mut edited, edit)?;
    let before = validate(content);
    match validate(&edited).into_iter().find(|e| !before.contains(e)) {
        Some(error) => Err(error),
        None => Ok(edited),
    }
}

fn change(content: &mut TemplateContent, edit: TemplateEdit) -> Result<(), TemplateError> {
    let found = content.kind();
    if let TemplateEdit::RemoveItem { key } = edit {
        return remove(content, &key);
    }
    if let TemplateEdit::UpsertClause(clause) = edit {
        claim_key(content, &clause.key, ItemKind::Clause, None)?;
        return match content {
            TemplateContent::CodeOfConduct(code) => {
                upsert(&mut code.clauses, clause, |c| &c.key);
                Ok(())
            }
            TemplateContent::Dpia(_) => Err(wrong_kind(TemplateKind::CodeOfConduct, found)),
        };
    }
    let parent_of = |edit: &TemplateEdit| match edit {
        TemplateEdit::UpsertDataSubjectCategory { activity, .. }
        | TemplateEdit::UpsertDataCategory { activity, .. }
        | TemplateEdit::UpsertRecipient { activity, .. } => Some(activity.clone()),
        _ => None,
    };
    let parent = parent_of(&edit);
    let claimed = match &edit {
        TemplateEdit::UpsertScope(s) => Some((&s.key, ItemKind::Scope)),
        TemplateEdit::UpsertActivity(a) => Some((&a.key, ItemKind::ProcessingActivity)),
        TemplateEdit::UpsertDataSubjectCategory { category, .. } => {
            Some((&category.key, ItemKind::DataSubjectCategory))
        }
        TemplateEdit::UpsertDataCategory { category, .. } => {
            Some((&category.key, ItemKind::DataCategory))
        }
        TemplateEdit::UpsertRecipient { recipient, .. } => {
            Some((&recipient.key, ItemKind::Recipient))
        }
        TemplateEdit::UpsertNecessityQuestion(q) => Some((&q.key, ItemKind::NecessityQuestion)),
        TemplateEdit::UpsertRisk(r) => Some((&r.key, ItemKind::Risk)),
        TemplateEdit::UpsertRecommendation(r) => Some((&r.key, ItemKind::Recommendation)),
        _ => None,
    };
    if let Some((key, kind)) = claimed {
        claim_key(content, key, kind, parent.as_ref())?;
    }
    let TemplateContent::Dpia(dpia) = content else {
        return Err(wrong_kind(TemplateKind::Dpia, found));
    };
    match edit {
        TemplateEdit::SetRiskModel(model) => dpia.risk_model = model,
        TemplateEdit::UpsertScope(scope) => upsert(&mut dpia.scopes, scope, |s| &s.key),
        TemplateEdit::UpsertActivity(activity) => {
            upsert(&mut dpia.activities, activity, |a| &a.key);
        }
        TemplateEdit::UpsertDataSubjectCategory { activity, category } => {
            let activity = activity_mut(dpia, &activity)?;
            upsert(&mut activity.data_subject_categories, category, |c| &c.key);
        }
        TemplateEdit::UpsertDataCategory { activity, category } => {
            let activity = activity_mut(dpia, &activity)?;
            upsert(&mut activity.data_categories, category, |c| &c.key);
        }
        TemplateEdit::UpsertRecipient {
            activity,
            recipient,
        } => {
            let activity = activity_mut(dpia, &activity)?;
            upsert(&mut activity.recipients, recipient, |r| &r.key);
        }
        TemplateEdit::UpsertNecessityQuestion(question) => {
            upsert(&mut dpia.necessity_questions, question, |q| &q.key);
        }
        TemplateEdit::UpsertRisk(risk) => upsert(&mut dpia.risks, risk, |r| &r.key),
        TemplateEdit::UpsertRecommendation(recommendation) => {
            upsert(&mut dpia.recommendations, recommendation, |r| &r.key);
        }
        // Handled before the DPIA branch.
        TemplateEdit::UpsertClause(_) | TemplateEdit::RemoveItem { .. } => {}
    }
    Ok(())
}

/// Refuses a key that already names an item of another kind or under another activity.
fn claim_key(
    content: &TemplateContent,
    key: &ItemKey,
    kind: ItemKind,
    parent: Option<&ItemKey>,
) -> Result<(), TemplateError> {
    match content.item(key.as_str()) {
        Some(existing) if existing.kind != kind || existing.parent.as_ref() != parent => {
            Err(TemplateError::DuplicateKey {
                item_key: key.to_string(),
                field: "key".to_owned(),
            })
        }
        _ => Ok(()),
    }
}

fn upsert<T>(list: &mut Vec<T>, item: T, key_of: impl Fn(&T) -> &ItemKey) {
    match list
        .iter()
        .position(|existing| key_of(existing) == key_of(&item))
    {
        Some(index) => list[index] = item,
        None => list.push(item),
    }
}

fn activity_mut<'a>(
    dpia: &'a mut DpiaContent,
    key: &ItemKey,
) -> Result<&'a mut ProcessingActivity, TemplateError> {
    dpia.activities
        .iter_mut()
        .find(|activity| &activity.key == key)
        .ok_or_else(|| TemplateError::UnknownItem {
            item_key: key.to_string(),
            field: "activity".to_owned(),
        })
}

fn wrong_kind(expected: TemplateKind, found: TemplateKind) -> TemplateError {
    TemplateError::WrongTemplateKind { expected, found }
}

fn remove(content: &mut TemplateContent, key: &ItemKey) -> Result<(), TemplateError> {
    let Some(item) = content.item(key.as_str()) else {
        return Err(TemplateError::UnknownItem {
            item_key: key.to_string(),
            field: "key".to_owned(),
        });
    };
    match content {
        TemplateContent::CodeOfConduct(code) => code.clauses.retain(|c| &c.key != key),
        TemplateContent::Dpia(dpia) => {
            if let Some((referrer, field)) = first_reference_to(dpia, key) {
                return Err(TemplateError::StillReferenced {
                    item_key: key.to_string(),
                    field: field.to_owned(),
                    referenced_by: referrer.to_string(),
                });
            }
            match item.kind {
                ItemKind::RiskModel => {
                    return Err(TemplateError::RiskModelNotRemovable {
                        item_key: key.to_string(),
                        field: "key".to_owned(),
                    })
                }
                ItemKind::Scope => dpia.scopes.retain(|s| &s.key != key),
                ItemKind::ProcessingActivity => dpia.activities.retain(|a| &a.key != key),
                ItemKind::DataSubjectCategory | ItemKind::DataCategory | ItemKind::Recipient => {
                    for activity in &mut dpia.activities {
                        activity.data_subject_categories.retain(|c| &c.key != key);
                        activity.data_categories.retain(|c| &c.key != key);
                        activity.recipients.retain(|r| &r.key != key);
                    }
                }
                ItemKind::NecessityQuestion => dpia.necessity_questions.retain(|q| &q.key != key),
                ItemKind::Risk => dpia.risks.retain(|r| &r.key != key),
                ItemKind::Recommendation => dpia.recommendations.retain(|r| &r.key != key),
                ItemKind::Clause => {}
            }
        }
    }
    Ok(())
}

/// The first item (and its field) that refers to `key`: scopes are referred to by
/// activities, risks and recommendations; risks by recommendations.
fn first_reference_to<'a>(
    dpia: &'a DpiaContent,
    key: &ItemKey,
) -> Option<(&'a ItemKey, &'static str)> {
    let activities = dpia.activities.iter().filter(|a| &a.scope == key);
    let risks = dpia.risks.iter().filter(|r| &r.scope == key);
    let scoped = dpia
        .recommendations
        .iter()
        .filter(|r| r.scopes.contains(key));
    let addressing = dpia
        .recommendations
        .iter()
        .filter(|r| r.addresses_risks.contains(key));
    (activities.map(|a| (&a.key, "scope")))
        .chain(risks.map(|r| (&r.key, "scope")))
        .chain(scoped.map(|r| (&r.key, "scopes")))
        .chain(addressing.map(|r| (&r.key, "addresses_risks")))
        .next()
}

#[cfg(test)]
mod tests;
