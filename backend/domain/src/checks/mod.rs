//! The compliance check engine (SPEC §5, issue 7): rules over the effective assessment that
//! find, before approval, the defects the Danish authority found by hand in seed 003 (AULA)
//! and seed 000 (Microsoft 365). Each rule is a plain function in the file of its family,
//! returns [`Finding`]s that tell the person what to do, and is listed with its metadata in
//! [`rules`]. Pure: the date of evaluation is passed in, never read from a clock.
//!
//! Families, in report order: the systematic description (Art. 35(7)(a)), recipients with
//! purposes of their own (seed 000), necessity (Art. 35(7)(b)), risk treatment (Art. 35(7)(d),
//! Art. 32), recommendations, incident history, timing (Art. 35(1), (11)), sign-offs
//! (Art. 35(2), Art. 36), and the consistency of stored data.

mod consistency;
mod description;
mod finding;
mod incidents;
mod necessity;
mod recipients;
mod recommendations;
mod rule;
mod settings;
mod sign_offs;
mod timing;
mod treatment;

pub use finding::{Finding, FindingCounts, Severity};
pub use rule::{rule, rules, Rule};
pub use settings::{
    CheckSettings, CheckSettingsError, DEFAULT_MAX_HIGH_RISKS_SINGLE_MEASURE,
    DEFAULT_REVIEW_INTERVAL_MONTHS, MAX_REVIEW_INTERVAL_MONTHS,
};

use chrono::{Datelike, NaiveDate};

use crate::assessment::{EffectiveAssessment, SignOff};

/// What every rule sees: the effective assessment (with its measures, incidents and
/// sign-offs), the template's thresholds and the date of evaluation.
pub(crate) struct Context<'a> {
    pub(crate) assessment: &'a EffectiveAssessment,
    pub(crate) settings: &'a CheckSettings,
    pub(crate) today: NaiveDate,
}

/// Every finding about `assessment` on `today`, in a stable order: by rule as listed in
/// [`rules`], then by the order of the items in the assessment.
pub fn run_checks(
    assessment: &EffectiveAssessment,
    settings: &CheckSettings,
    today: NaiveDate,
) -> Vec<Finding> {
    let context = Context {
        assessment,
        settings,
        today,
    };
    rules()
        .into_iter()
        .flat_map(|rule| rule.evaluate(&context))
        .collect()
}

/// The findings the approval gate decides on: the assessment as it would stand once
/// `approval` is recorded as its management approval. Evaluating the assessment as it stands
/// would let "processing started without approval" block the very approval that resolves it;
/// evaluating it as approved instead reports what approval cannot cure, such as an approval
/// dated after processing started (Art. 35(1)) or a next review date already passed.
pub fn run_checks_for_approval(
    assessment: &EffectiveAssessment,
    settings: &CheckSettings,
    approval: SignOff,
    today: NaiveDate,
) -> Vec<Finding> {
    let mut approved = assessment.clone();
    approved.sign_offs.management_approval = Some(approval);
    run_checks(&approved, settings, today)
}

/// Whether a text is empty or only white space.
pub(crate) fn blank(text: &str) -> bool {
    text.trim().is_empty()
}

/// Whether an optional text is absent, empty or only white space.
pub(crate) fn missing(text: Option<&str>) -> bool {
    text.is_none_or(blank)
}

/// Whole calendar months from `earlier` to `later` (0 when `later` is not after `earlier`):
/// 2023-04-15 to 2023-12-14 is 7 months, to 2023-12-15 is 8.
pub(crate) fn whole_months_between(earlier: NaiveDate, later: NaiveDate) -> u32 {
    let months = |date: NaiveDate| i64::from(date.year()) * 12 + i64::from(date.month0());
    let mut count = months(later) - months(earlier);
    if later.day() < earlier.day() {
        count -= 1;
    }
    u32::try_from(count.max(0)).unwrap_or(u32::MAX)
}

/// A list of names for a message: `'a', 'b' and 'c'`.
pub(crate) fn quoted_list<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let names: Vec<String> = names.into_iter().map(|n| format!("'{n}'")).collect();
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod testing;
#[cfg(test)]
mod tests;
