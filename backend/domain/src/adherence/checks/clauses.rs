//! The answers themselves: every clause answered, every deviation compensated, every
//! compliance claim backed by measures that are in place. Art. 24(3) and Art. 32(3): adherence
//! to an approved code may be used to demonstrate compliance, so a claim of adherence must
//! hold up when the monitoring body (Art. 41) looks at it.

use super::{name, AdherenceRule, Context};
use crate::adherence::apply::compensating_measure_key;
use crate::adherence::{AdherenceStatus, Answer};
use crate::assessment::MeasureStatus;
use crate::checks::{Finding, Severity};
use crate::template::Obligation;

pub(super) static RULES: &[AdherenceRule] = &[
    AdherenceRule {
        id: "A40_MUST_CLAUSE_UNADDRESSED",
        severity: Severity::Error,
        legal_reference: "GDPR Art. 40(4), Art. 24(3)",
        description: "A MUST clause of the code has no answer.",
        check: must_clause_unaddressed,
    },
    AdherenceRule {
        id: "A40_SHOULD_CLAUSE_UNADDRESSED",
        severity: Severity::Warning,
        legal_reference: "GDPR Art. 40(4), Art. 24(3)",
        description: "A SHOULD clause of the code has no answer.",
        check: should_clause_unaddressed,
    },
    AdherenceRule {
        id: "A40_DEVIATION_WITHOUT_COMPENSATING_MEASURE",
        severity: Severity::Error,
        legal_reference: "GDPR Art. 24(3), Art. 32(3)",
        description: "A deviation from a clause names no compensating measure, or a measure that is not in force.",
        check: deviation_without_compensating_measure,
    },
    AdherenceRule {
        id: "A40_COMPLIANT_MEASURE_NOT_IMPLEMENTED",
        severity: Severity::Warning,
        legal_reference: "GDPR Art. 24(3), Art. 32(1)",
        description: "A clause answered COMPLIANT relies on a measure that is not implemented.",
        check: compliant_measure_not_implemented,
    },
];

fn unaddressed(
    rule: &AdherenceRule,
    context: &Context<'_>,
    obligation: Obligation,
) -> Vec<Finding> {
    (context.clauses.iter())
        .filter(|c| c.status == AdherenceStatus::Unaddressed && c.clause.obligation == obligation)
        .map(|c| {
            rule.finding(
                vec![c.clause.key.to_string()],
                format!(
                    "Answer {}: compliant (with evidence and the measures that meet it), a \
                     deviation (why, and what you do instead), or not applicable (why it does \
                     not concern your processing).",
                    name(&c.clause)
                ),
            )
        })
        .collect()
}

fn must_clause_unaddressed(rule: &AdherenceRule, context: &Context<'_>) -> Vec<Finding> {
    unaddressed(rule, context, Obligation::Must)
}

fn should_clause_unaddressed(rule: &AdherenceRule, context: &Context<'_>) -> Vec<Finding> {
    unaddressed(rule, context, Obligation::Should)
}

fn deviation_without_compensating_measure(
    rule: &AdherenceRule,
    context: &Context<'_>,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    for clause in &context.clauses {
        let Some(Answer::Deviation {
            compensating_measure,
            ..
        }) = &clause.answer
        else {
            continue;
        };
        let problem = if compensating_measure.trim().is_empty() {
            Some("names no compensating measure".to_owned())
        } else {
            compensating_measure_key(compensating_measure).and_then(|key| {
                match context.measures.iter().find(|m| m.key == key) {
                    None => Some(format!(
                        "names '{key}' as its compensating measure, which is not a measure of \
                         your assessment"
                    )),
                    Some(m) if !m.status.is_in_force() => Some(format!(
                        "names '{}' ({key}) as its compensating measure, which is retired",
                        m.title
                    )),
                    Some(_) => None,
                }
            })
        };
        if let Some(problem) = problem {
            findings.push(rule.finding(
                vec![clause.clause.key.to_string()],
                format!(
                    "Your deviation from {} {problem}. Say what you do instead, ideally as one \
                     of your measures, so the monitoring body can judge whether it protects \
                     as well as the clause.",
                    name(&clause.clause)
                ),
            ));
        }
    }
    findings
}

fn compliant_measure_not_implemented(rule: &AdherenceRule, context: &Context<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for clause in &context.clauses {
        let Some(Answer::Compliant { measures, .. }) = &clause.answer else {
            continue;
        };
        for key in measures {
            let (measure, state) = match context.measures.iter().find(|m| &m.key == key) {
                None => (
                    key.to_string(),
                    "is no longer a measure of your assessment".to_owned(),
                ),
                Some(m) => {
                    let state = match m.status {
                        MeasureStatus::Implemented { .. } => continue,
                        MeasureStatus::Planned { due } => format!("is only planned (due {due})"),
                        MeasureStatus::Retired { on } => format!("was retired on {on}"),
                    };
                    (format!("'{}' ({key})", m.title), state)
                }
            };
            findings.push(rule.finding(
                vec![clause.clause.key.to_string(), key.to_string()],
                format!(
                    "{} is answered COMPLIANT relying on measure {measure}, which {state}. \
                     Record the measure as implemented, link one that is, or change the answer.",
                    name(&clause.clause)
                ),
            ));
        }
    }
    findings
}
