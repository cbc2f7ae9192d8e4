//! The write rules of SPEC §3 as checks over one whole assessment. Each check looks at one
//! element (an override, a treatment, a measure, …) so a command's own element can be checked
//! first for a precise error, and the whole state afterwards for what the command breaks
//! elsewhere (see [`super::apply`]).

mod additions;
mod descriptions;
mod measures;
mod sign_offs;
mod treatments;

pub(crate) use additions::{
    check_local_activity, check_local_nested, check_local_recommendation, check_local_risk,
};
pub(crate) use descriptions::{
    check_completion, check_not_applicable, check_override, check_retained,
};
pub(crate) use measures::{check_incident, check_measure, check_response};
pub(crate) use sign_offs::{check_sign_offs, check_sign_offs_update};
pub(crate) use treatments::check_treatment;

use super::lookup::Lookup;
use super::{AssessmentError, LocalChanges};
use crate::template::DpiaContent;

/// Every rule violation in `local` against `base`, in a stable order. An assessment written
/// only through [`super::apply`] from an empty one has none; this is also the check to run on
/// stored data (e.g. after an import) and on the result of an upgrade.
pub fn violations(base: &DpiaContent, local: &LocalChanges) -> Vec<AssessmentError> {
    all_violations(&Lookup::new(base, local))
}

pub(crate) fn all_violations(lookup: &Lookup<'_>) -> Vec<AssessmentError> {
    let local = lookup.local;
    let mut errors = Vec::new();
    additions::check_keys(lookup, &mut errors);
    let additions = &local.additions;
    let results = (local.overrides.iter().map(|o| check_override(lookup, o)))
        .chain(
            local
                .completions
                .iter()
                .map(|c| check_completion(lookup, c)),
        )
        .chain(
            local
                .not_applicable
                .iter()
                .map(|n| check_not_applicable(lookup, n)),
        )
        .chain(local.retained.iter().map(|r| check_retained(lookup, r)))
        .chain(
            additions
                .activities
                .iter()
                .map(|a| check_local_activity(lookup, a)),
        )
        .chain(
            (additions.data_subject_categories.iter())
                .map(|n| check_local_nested(lookup, &n.item.key, &n.activity_key)),
        )
        .chain(
            (additions.data_categories.iter())
                .map(|n| check_local_nested(lookup, &n.item.key, &n.activity_key)),
        )
        .chain(
            (additions.recipients.iter())
                .map(|n| check_local_nested(lookup, &n.item.key, &n.activity_key)),
        )
        .chain(additions.risks.iter().map(|r| check_local_risk(lookup, r)))
        .chain((additions.recommendations.iter()).map(|r| check_local_recommendation(lookup, r)))
        .chain(local.measures.iter().map(|m| check_measure(lookup, m)))
        .chain(local.treatments.iter().map(|t| check_treatment(lookup, t)))
        .chain(local.responses.iter().map(|r| check_response(lookup, r)))
        .chain(local.incidents.iter().map(|i| check_incident(lookup, i)))
        .chain(std::iter::once(check_sign_offs(&local.sign_offs)));
    errors.extend(results.filter_map(Result::err));
    errors
}

/// Whether a text is empty or only white space.
pub(crate) fn blank(text: &str) -> bool {
    text.trim().is_empty()
}
