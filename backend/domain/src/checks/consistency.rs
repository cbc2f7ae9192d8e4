//! Stored local changes the inheritance engine could not apply (data written around the
//! write rules, e.g. by an import). They are left out of the effective assessment, so the
//! assessment shown is not the one stored; the controller must be able to demonstrate what
//! it decided (Art. 5(2)), so each one is an error until corrected.

use super::{Context, Finding, Rule, Severity};

pub(super) static RULES: &[Rule] = &[Rule {
    id: "STORED_CHANGE_INCONSISTENT",
    severity: Severity::Error,
    legal_reference: "GDPR Art. 5(2)",
    description:
        "A stored local change breaks the write rules and was left out of the effective assessment.",
    check: stored_change_inconsistent,
}];

fn stored_change_inconsistent(rule: &Rule, context: &Context<'_>) -> Vec<Finding> {
    (context.assessment.inconsistencies.iter())
        .map(|inconsistency| {
            rule.finding(
                vec![inconsistency.item_key.clone()],
                format!(
                    "The stored change to field '{}' of {} could not be applied and is left \
                     out: {}. Correct or remove it.",
                    inconsistency.field, inconsistency.item_key, inconsistency.message
                ),
            )
        })
        .collect()
}
