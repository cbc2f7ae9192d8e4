//! [`apply`]: one command against the current local changes, checked by every write rule of
//! SPEC §3. A command is refused when its own element breaks a rule, or when it breaks a rule
//! elsewhere that held before (e.g. retiring the only measure behind a lowered residual).
//! Violations that already existed (stored before a rule tightened) do not block unrelated
//! writes; they are reported by [`super::violations`].

use super::lookup::Lookup;
use super::references::references_to;
use super::rules::{self, all_violations};
use super::{AssessmentCommand, AssessmentError, LocalAddition, LocalChanges, LOCAL_KEY_PREFIX};
use crate::template::{DpiaContent, ItemKey};

/// Applies `command` to `local` (an assessment of `base`) and returns the new local changes,
/// or the first rule the command breaks. `local` itself is never changed.
pub fn apply(
    base: &DpiaContent,
    local: &LocalChanges,
    command: &AssessmentCommand,
) -> Result<LocalChanges, AssessmentError> {
    let before = Lookup::new(base, local);
    check_command(&before, command)?;
    let mut next = local.clone();
    change(&mut next, command);
    let after = Lookup::new(base, &next);
    check_own_element(&after, command)?;
    let known = all_violations(&before);
    match all_violations(&after)
        .into_iter()
        .find(|e| !known.contains(e))
    {
        Some(error) => Err(explain(command, error)),
        None => Ok(next),
    }
}

/// Rules about the command itself, judged against the state before it.
fn check_command(before: &Lookup<'_>, command: &AssessmentCommand) -> Result<(), AssessmentError> {
    use AssessmentCommand as C;
    let local = before.local;
    let nothing = |key: &ItemKey, field: &str| AssessmentError::NothingToClear {
        item_key: key.to_string(),
        field: field.to_owned(),
    };
    match command {
        C::SetOverride(o) => {
            rules::check_override(before, o)?;
            if before.not_applicable_reason(o.item_key.as_str()).is_some() {
                return Err(AssessmentError::ItemNotApplicable {
                    item_key: o.item_key.to_string(),
                    field: o.field.clone(),
                });
            }
            let central =
                (before.base_items.get(o.item_key.as_str())).and_then(|i| i.field(&o.field));
            if central.as_ref() == Some(&o.value) {
                return Err(AssessmentError::SameAsCentral {
                    item_key: o.item_key.to_string(),
                    field: o.field.clone(),
                });
            }
        }
        C::ClearOverride { item_key, field }
            if local.override_of(item_key.as_str(), field).is_none() =>
        {
            return Err(nothing(item_key, field));
        }
        C::ClearCompletion { item_key, field }
            if !(local.completions.iter())
                .any(|c| &c.item_key == item_key && &c.field == field) =>
        {
            return Err(nothing(item_key, field));
        }
        C::ClearNotApplicable { item_key }
            if local.not_applicable_mark(item_key.as_str()).is_none() =>
        {
            return Err(nothing(item_key, "not_applicable"));
        }
        C::ClearTreatment { risk_key } if local.treatment(risk_key.as_str()).is_none() => {
            return Err(nothing(risk_key, "treatment"));
        }
        C::ClearResponse { recommendation_key }
            if local.response(recommendation_key.as_str()).is_none() =>
        {
            return Err(nothing(recommendation_key, "response"));
        }
        C::RemoveMeasure { measure_key } if local.measure(measure_key.as_str()).is_none() => {
            return Err(nothing(measure_key, "measure"));
        }
        C::RemoveIncident { incident_key }
            if !local.incidents.iter().any(|i| &i.key == incident_key) =>
        {
            return Err(nothing(incident_key, "incident"));
        }
        C::UpsertLocalItem(item) => {
            let existing = before.local_items.contains_key(item.key().as_str());
            check_new_key(before, item.key(), "key", existing)?;
        }
        C::UpsertMeasure(measure) => {
            check_new_key(
                before,
                &measure.key,
                "key",
                local.measure(measure.key.as_str()).is_some(),
            )?;
        }
        C::UpsertIncident(incident) => {
            let existing = local.incidents.iter().any(|i| i.key == incident.key);
            check_new_key(before, &incident.key, "key", existing)?;
        }
        C::RemoveLocalItem { item_key } => check_removal(before, item_key)?,
        _ => {}
    }
    Ok(())
}

/// A key for a new local item, measure or incident starts with `local.` and is not a key of
/// the base; replacing an existing one keeps its key as it is (it may be a retained former
/// central key, SPEC §4).
fn check_new_key(
    before: &Lookup<'_>,
    key: &ItemKey,
    field: &str,
    replaces_existing: bool,
) -> Result<(), AssessmentError> {
    if before.base_items.contains_key(key.as_str()) {
        return Err(AssessmentError::DuplicateKey {
            item_key: key.to_string(),
            field: field.to_owned(),
        });
    }
    if !replaces_existing && !key.as_str().starts_with(LOCAL_KEY_PREFIX) {
        return Err(AssessmentError::NotALocalKey {
            item_key: key.to_string(),
            field: field.to_owned(),
        });
    }
    Ok(())
}

/// Only local items are removed, and only when nothing refers to them (or to the items
/// nested in a local activity).
fn check_removal(before: &Lookup<'_>, key: &ItemKey) -> Result<(), AssessmentError> {
    if before.base_items.contains_key(key.as_str()) {
        return Err(AssessmentError::NotLocal {
            item_key: key.to_string(),
            field: "local_item".to_owned(),
        });
    }
    if !before.local_items.contains_key(key.as_str()) {
        return Err(AssessmentError::UnknownItem {
            item_key: key.to_string(),
            field: "local_item".to_owned(),
        });
    }
    let mut keys = vec![key.clone()];
    if let Some(activity) = (before.local.additions.activities.iter()).find(|a| &a.key == key) {
        keys.extend(
            activity
                .data_subject_categories
                .iter()
                .map(|c| c.key.clone()),
        );
        keys.extend(activity.data_categories.iter().map(|c| c.key.clone()));
        keys.extend(activity.recipients.iter().map(|r| r.key.clone()));
    }
    for removed in &keys {
        let reference = references_to(before.local, removed.as_str())
            .into_iter()
            .next();
        if let Some(reference) = reference {
            return Err(AssessmentError::StillReferenced {
                item_key: removed.to_string(),
                field: reference.field,
                by: reference.by,
            });
        }
    }
    Ok(())
}

/// The rules of the element the command writes, judged in the state after it.
fn check_own_element(
    after: &Lookup<'_>,
    command: &AssessmentCommand,
) -> Result<(), AssessmentError> {
    use AssessmentCommand as C;
    match command {
        C::Complete(c) => rules::check_completion(after, c),
        C::UpsertLocalItem(LocalAddition::Activity(a)) => rules::check_local_activity(after, a),
        C::UpsertLocalItem(LocalAddition::DataSubjectCategory(n)) => {
            rules::check_local_nested(after, &n.item.key, &n.activity_key)
        }
        C::UpsertLocalItem(LocalAddition::DataCategory(n)) => {
            rules::check_local_nested(after, &n.item.key, &n.activity_key)
        }
        C::UpsertLocalItem(LocalAddition::Recipient(n)) => {
            rules::check_local_nested(after, &n.item.key, &n.activity_key)
        }
        C::UpsertLocalItem(LocalAddition::Risk(r)) => rules::check_local_risk(after, r),
        C::UpsertLocalItem(LocalAddition::Recommendation(r)) => {
            rules::check_local_recommendation(after, r)
        }
        C::MarkNotApplicable(mark) => rules::check_not_applicable(after, mark),
        C::SetTreatment(t) => rules::check_treatment(after, t),
        C::UpsertMeasure(m) => rules::check_measure(after, m),
        C::SetResponse(r) => rules::check_response(after, r),
        C::UpsertIncident(i) => rules::check_incident(after, i),
        C::SetSignOffs(s) => rules::check_sign_offs_update(s, &after.local.sign_offs),
        _ => Ok(()),
    }
}

/// Says why a removal is refused in terms of the removed measure rather than the answer or
/// treatment it would leave unsupported.
fn explain(command: &AssessmentCommand, error: AssessmentError) -> AssessmentError {
    let AssessmentCommand::RemoveMeasure { measure_key } = command else {
        return error;
    };
    let field = match &error {
        AssessmentError::ResponseWithoutMeasure { .. } => "implements",
        AssessmentError::ReductionWithoutMeasure { .. } => "mitigates",
        _ => return error,
    };
    AssessmentError::StillReferenced {
        item_key: measure_key.to_string(),
        field: field.to_owned(),
        by: error.item_key().to_owned(),
    }
}

/// Performs the command on a copy of the local changes; the rules judge the result.
fn change(local: &mut LocalChanges, command: &AssessmentCommand) {
    use AssessmentCommand as C;
    match command {
        C::SetOverride(o) => upsert(&mut local.overrides, o.clone(), |x| {
            x.item_key == o.item_key && x.field == o.field
        }),
        C::ClearOverride { item_key, field } => {
            (local.overrides).retain(|x| !(&x.item_key == item_key && &x.field == field))
        }
        C::Complete(c) => upsert(&mut local.completions, c.clone(), |x| {
            x.item_key == c.item_key && x.field == c.field
        }),
        C::ClearCompletion { item_key, field } => {
            (local.completions).retain(|x| !(&x.item_key == item_key && &x.field == field))
        }
        C::UpsertLocalItem(item) => upsert_local_item(local, item),
        C::RemoveLocalItem { item_key } => remove_local_item(local, item_key),
        C::MarkNotApplicable(mark) => upsert(&mut local.not_applicable, mark.clone(), |x| {
            x.item_key == mark.item_key
        }),
        C::ClearNotApplicable { item_key } => {
            local.not_applicable.retain(|x| &x.item_key != item_key)
        }
        C::SetTreatment(t) => upsert(&mut local.treatments, t.clone(), |x| {
            x.risk_key == t.risk_key
        }),
        C::ClearTreatment { risk_key } => local.treatments.retain(|x| &x.risk_key != risk_key),
        C::UpsertMeasure(m) => upsert(&mut local.measures, m.clone(), |x| x.key == m.key),
        C::RemoveMeasure { measure_key } => local.measures.retain(|x| &x.key != measure_key),
        C::SetResponse(r) => upsert(&mut local.responses, r.clone(), |x| {
            x.recommendation_key == r.recommendation_key
        }),
        C::ClearResponse { recommendation_key } => {
            (local.responses).retain(|x| &x.recommendation_key != recommendation_key)
        }
        C::UpsertIncident(i) => upsert(&mut local.incidents, i.clone(), |x| x.key == i.key),
        C::RemoveIncident { incident_key } => local.incidents.retain(|x| &x.key != incident_key),
        C::SetSignOffs(s) => local.sign_offs = s.applied_to(&local.sign_offs),
    }
}

fn upsert_local_item(local: &mut LocalChanges, item: &LocalAddition) {
    let additions = &mut local.additions;
    match item {
        LocalAddition::Activity(a) => {
            upsert(&mut additions.activities, a.clone(), |x| x.key == a.key)
        }
        LocalAddition::DataSubjectCategory(n) => {
            upsert(&mut additions.data_subject_categories, n.clone(), |x| {
                x.item.key == n.item.key
            })
        }
        LocalAddition::DataCategory(n) => upsert(&mut additions.data_categories, n.clone(), |x| {
            x.item.key == n.item.key
        }),
        LocalAddition::Recipient(n) => upsert(&mut additions.recipients, n.clone(), |x| {
            x.item.key == n.item.key
        }),
        LocalAddition::Risk(r) => upsert(&mut additions.risks, r.clone(), |x| x.key == r.key),
        LocalAddition::Recommendation(r) => {
            upsert(&mut additions.recommendations, r.clone(), |x| {
                x.key == r.key
            })
        }
    }
}

fn remove_local_item(local: &mut LocalChanges, key: &ItemKey) {
    let additions = &mut local.additions;
    additions.activities.retain(|x| &x.key != key);
    additions
        .data_subject_categories
        .retain(|x| &x.item.key != key);
    additions.data_categories.retain(|x| &x.item.key != key);
    additions.recipients.retain(|x| &x.item.key != key);
    additions.risks.retain(|x| &x.key != key);
    additions.recommendations.retain(|x| &x.key != key);
    local.retained.retain(|x| &x.item_key != key);
}

/// Replaces the element `same` picks, keeping its position, or appends.
fn upsert<T>(list: &mut Vec<T>, element: T, same: impl Fn(&T) -> bool) {
    match list.iter_mut().find(|x| same(x)) {
        Some(slot) => *slot = element,
        None => list.push(element),
    }
}
