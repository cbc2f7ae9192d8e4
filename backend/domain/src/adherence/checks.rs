//! The adherence checks (issue 8, SPEC §5 applied to codes of conduct): rules over the
//! effective adherence that find what a monitoring body (Art. 41) or the authority would
//! criticise. They return the same [`Finding`]s as the assessment checks, and are listed with
//! their metadata in [`adherence_rules`], which the documentation reads; they are kept apart
//! from [`crate::checks::rules`] because they evaluate an adherence, not an assessment.

mod clauses;
mod consistency;

use super::{effective_adherence, Adherence, EffectiveClause};
use crate::assessment::{EffectiveAssessment, Measure};
use crate::checks::{Finding, Severity};
use crate::template::{Clause, CodeOfConductContent};

/// One adherence rule.
#[derive(Debug)]
pub struct AdherenceRule {
    /// Stable id; findings and cross-tenant counts refer to it.
    pub id: &'static str,
    /// The severity of every finding of this rule.
    pub severity: Severity,
    /// The provision the rule rests on.
    pub legal_reference: &'static str,
    /// What the rule looks for, in one line.
    pub description: &'static str,
    /// Evaluates the rule; the rule is passed in so its findings carry its own metadata.
    pub(crate) check: fn(&AdherenceRule, &Context<'_>) -> Vec<Finding>,
}

impl AdherenceRule {
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
}

/// What every rule sees.
pub(crate) struct Context<'a> {
    /// Every clause with its answer.
    pub(crate) clauses: Vec<EffectiveClause>,
    /// The measures of the controller's DPIA.
    pub(crate) measures: &'a [Measure],
    /// The controller's effective DPIA on the template the code accompanies, if it has one.
    pub(crate) dpia: Option<&'a EffectiveAssessment>,
}

/// Every adherence rule, in the order findings are reported: the answers themselves, then
/// their consistency with the controller's DPIA.
pub fn adherence_rules() -> Vec<&'static AdherenceRule> {
    (clauses::RULES.iter()).chain(consistency::RULES).collect()
}

/// The adherence rule with this id, if any.
pub fn adherence_rule(id: &str) -> Option<&'static AdherenceRule> {
    adherence_rules().into_iter().find(|rule| rule.id == id)
}

/// Every finding about `adherence` to `code`, by rule as listed in [`adherence_rules`], then
/// by clause order. `measures` are the controller's DPIA measures; `dpia` is its effective
/// assessment on the template the code binds recommendations of (without it the
/// consistency rules have nothing to compare and report nothing).
pub fn adherence_checks(
    code: &CodeOfConductContent,
    adherence: &Adherence,
    measures: &[Measure],
    dpia: Option<&EffectiveAssessment>,
) -> Vec<Finding> {
    let context = Context {
        clauses: effective_adherence(code, adherence),
        measures,
        dpia,
    };
    adherence_rules()
        .into_iter()
        .flat_map(|rule| (rule.check)(rule, &context))
        .collect()
}

/// A clause as named in messages: `clause 2.1 (clause.access-review)`.
pub(crate) fn name(clause: &Clause) -> String {
    format!("clause {} ({})", clause.number, clause.key)
}
