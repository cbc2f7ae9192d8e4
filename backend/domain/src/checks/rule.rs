//! The rule registry: every rule with its id, severity, legal reference and description, and
//! the function that evaluates it. Execution and documentation read the same list, so the
//! approval gate, the docs and the findings can never disagree about a rule.

use super::{
    consistency, description, incidents, necessity, recipients, recommendations, sign_offs, timing,
    treatment, Context, Finding, Severity,
};

/// One compliance rule (SPEC §5).
#[derive(Debug)]
pub struct Rule {
    /// Stable id; findings, the approval gate and cross-tenant counts refer to it.
    pub id: &'static str,
    /// The severity of every finding of this rule.
    pub severity: Severity,
    /// The provision the rule rests on.
    pub legal_reference: &'static str,
    /// What the rule looks for, in one line.
    pub description: &'static str,
    /// Evaluates the rule; the rule is passed in so its findings carry its own metadata.
    pub(crate) check: fn(&Rule, &Context<'_>) -> Vec<Finding>,
}

impl Rule {
    /// A finding of this rule.
    pub(crate) fn finding(&self, item_keys: Vec<String>, message: String) -> Finding {
        Finding {
            rule_id: self.id,
            severity: self.severity,
            legal_reference: self.legal_reference,
            item_keys,
            message,
        }
    }

    /// Evaluates the rule.
    pub(crate) fn evaluate(&self, context: &Context<'_>) -> Vec<Finding> {
        (self.check)(self, context)
    }
}

/// Every rule, in the order findings are reported: by rule family as in SPEC §5 (1–8), then
/// the consistency of stored data.
pub fn rules() -> Vec<&'static Rule> {
    (description::RULES.iter())
        .chain(recipients::RULES)
        .chain(necessity::RULES)
        .chain(treatment::RULES)
        .chain(recommendations::RULES)
        .chain(incidents::RULES)
        .chain(timing::RULES)
        .chain(sign_offs::RULES)
        .chain(consistency::RULES)
        .collect()
}

/// The rule with this id, if any.
pub fn rule(id: &str) -> Option<&'static Rule> {
    rules().into_iter().find(|rule| rule.id == id)
}
