//! Write rules for the controller's own items (SPEC §2 "local additions"): unique keys, links
//! to existing scopes, activities and risks, and ratings on the base's scales.

use super::{blank, Lookup};
use crate::assessment::AssessmentError;
use crate::template::{ItemKey, ProcessingActivity, Recommendation, Risk};

/// Every key used twice in the assessment, or reusing a key of the base, once each in the
/// order the local items are held.
pub(crate) fn check_keys(lookup: &Lookup<'_>, errors: &mut Vec<AssessmentError>) {
    if lookup.duplicate_keys.is_empty() {
        return;
    }
    let local = lookup.local;
    let mut reported = Vec::new();
    let keys = (local.additions.keys())
        .chain(local.measures.iter().map(|m| &m.key))
        .chain(local.incidents.iter().map(|i| &i.key));
    for key in keys {
        if lookup.duplicate_keys.contains(key.as_str()) && !reported.contains(&key) {
            reported.push(key);
            errors.push(AssessmentError::DuplicateKey {
                item_key: key.to_string(),
                field: "key".to_owned(),
            });
        }
    }
}

/// A local activity belongs to a scope of the base and has a title.
pub(crate) fn check_local_activity(
    lookup: &Lookup<'_>,
    activity: &ProcessingActivity,
) -> Result<(), AssessmentError> {
    check_scope(lookup, &activity.key, "scope", &activity.scope)?;
    non_empty(&activity.key, "title", &activity.title)
}

/// A local nested item belongs to an existing activity.
pub(crate) fn check_local_nested(
    lookup: &Lookup<'_>,
    key: &ItemKey,
    activity_key: &ItemKey,
) -> Result<(), AssessmentError> {
    if lookup.is_activity(activity_key.as_str()) {
        Ok(())
    } else {
        Err(dangling(
            key,
            "activity_key",
            activity_key,
            "processing activity",
        ))
    }
}

/// A local risk belongs to a scope and is rated on the base's scales.
pub(crate) fn check_local_risk(lookup: &Lookup<'_>, risk: &Risk) -> Result<(), AssessmentError> {
    check_scope(lookup, &risk.key, "scope", &risk.scope)?;
    non_empty(&risk.key, "threat", &risk.threat)?;
    let model = &lookup.base.risk_model;
    for (field, value, within) in [
        (
            "likelihood",
            risk.likelihood,
            model.contains_likelihood(risk.likelihood),
        ),
        (
            "consequence",
            risk.consequence,
            model.contains_consequence(risk.consequence),
        ),
    ] {
        if !within {
            return Err(AssessmentError::OutOfScale {
                item_key: risk.key.to_string(),
                field: field.to_owned(),
                value: value.to_string(),
                max: if field == "likelihood" {
                    model.likelihood.len()
                } else {
                    model.consequence.len()
                },
            });
        }
    }
    Ok(())
}

/// A local recommendation names existing scopes and risks and has a title.
pub(crate) fn check_local_recommendation(
    lookup: &Lookup<'_>,
    recommendation: &Recommendation,
) -> Result<(), AssessmentError> {
    let key = &recommendation.key;
    non_empty(key, "title", &recommendation.title)?;
    for scope in &recommendation.scopes {
        check_scope(lookup, key, "scopes", scope)?;
    }
    for risk in &recommendation.addresses_risks {
        if lookup.risk(risk.as_str()).is_none() {
            return Err(dangling(key, "addresses_risks", risk, "risk"));
        }
    }
    Ok(())
}

fn check_scope(
    lookup: &Lookup<'_>,
    key: &ItemKey,
    field: &str,
    scope: &ItemKey,
) -> Result<(), AssessmentError> {
    if lookup.is_scope(scope.as_str()) {
        Ok(())
    } else {
        Err(dangling(key, field, scope, "scope"))
    }
}

fn non_empty(key: &ItemKey, field: &str, text: &str) -> Result<(), AssessmentError> {
    if blank(text) {
        Err(AssessmentError::EmptyText {
            item_key: key.to_string(),
            field: field.to_owned(),
        })
    } else {
        Ok(())
    }
}

/// A link from `key`'s `field` to a `target` that is not an `expected` of the assessment.
pub(crate) fn dangling(
    key: &ItemKey,
    field: &str,
    target: &ItemKey,
    expected: &'static str,
) -> AssessmentError {
    AssessmentError::DanglingReference {
        item_key: key.to_string(),
        field: field.to_owned(),
        target: target.to_string(),
        expected,
    }
}
