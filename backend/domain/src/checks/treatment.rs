//! Family 4, risk treatment (Art. 35(7)(d), Art. 32, SPEC §5.4). Seed 003: 27 high risks were
//! "reduced to medium" without stated residual likelihood and consequence, one training
//! measure was the only mitigation of 16 of them, and 195 medium risks had no treatment
//! decision at all. Risks marked not applicable (with a justification) are skipped.

use std::collections::BTreeMap;

use super::{blank, Context, Finding, Rule, Severity};
use crate::assessment::{EffectiveRisk, MeasureRef, MeasureStatus};
use crate::risk_model::RiskLevel;

pub(super) static RULES: &[Rule] = &[
    Rule {
        id: "A35_7D_TREATMENT_DECISION_MISSING",
        severity: Severity::Error,
        legal_reference: "GDPR Art. 35(7)(d)",
        description: "A MEDIUM or HIGH risk has no treatment decision.",
        check: treatment_decision_missing,
    },
    Rule {
        id: "A35_7D_RESIDUAL_NOT_EXPLAINED",
        severity: Severity::Error,
        legal_reference: "GDPR Art. 35(7)(d)",
        description: "A residual rating is not stated on the model's scales, or a residual level below the inherent one has no rationale.",
        check: residual_not_explained,
    },
    Rule {
        id: "A35_7D_REDUCTION_WITHOUT_MEASURES",
        severity: Severity::Error,
        legal_reference: "GDPR Art. 35(7)(d), Art. 32(1)",
        description: "A residual level below the inherent level is not backed by any measure in force.",
        check: reduction_without_measures,
    },
    Rule {
        id: "A32_REDUCTION_MEASURES_NOT_IN_PLACE",
        severity: Severity::Error,
        legal_reference: "GDPR Art. 32(1), Art. 35(7)(d)",
        description: "Processing has started, yet a reduced risk rests only on measures not implemented.",
        check: reduction_measures_not_in_place,
    },
    Rule {
        id: "A35_7D_REDUCTION_ON_PLANNED_MEASURES",
        severity: Severity::Warning,
        legal_reference: "GDPR Art. 35(7)(d), Art. 32(1)",
        description: "Before processing starts, a reduced risk rests only on planned measures.",
        check: reduction_on_planned_measures,
    },
    Rule {
        id: "A32_SINGLE_MEASURE_FOR_MANY_HIGH_RISKS",
        severity: Severity::Warning,
        legal_reference: "GDPR Art. 32(1), Art. 35(7)(d)",
        description: "One measure is the only mitigation of more high risks than the template's threshold.",
        check: single_measure_for_many_high_risks,
    },
];

/// "'Message sent to the wrong recipient' (risk.messages.misdirected)".
pub(super) fn risk_name(risk: &EffectiveRisk) -> String {
    format!("'{}' ({})", risk.risk.threat, risk.key)
}

fn applicable_risks<'a>(context: &Context<'a>) -> impl Iterator<Item = &'a EffectiveRisk> {
    (context.assessment.risks.iter()).filter(|r| r.is_applicable())
}

/// Risks whose residual level is below their inherent level, i.e. a reduction is claimed.
fn reduced_risks<'a>(context: &Context<'a>) -> impl Iterator<Item = &'a EffectiveRisk> {
    applicable_risks(context)
        .filter(|r| r.treatment.is_some() && r.residual_level < r.inherent_level)
}

fn in_force(risk: &EffectiveRisk) -> impl Iterator<Item = &MeasureRef> {
    risk.measures.iter().filter(|m| m.status.is_in_force())
}

fn level_name(level: RiskLevel) -> &'static str {
    match level {
        RiskLevel::Low => "LOW",
        RiskLevel::Medium => "MEDIUM",
        RiskLevel::High => "HIGH",
    }
}

fn treatment_decision_missing(rule: &Rule, context: &Context<'_>) -> Vec<Finding> {
    applicable_risks(context)
        .filter(|r| r.treatment.is_none() && r.inherent_level >= RiskLevel::Medium)
        .map(|risk| {
            rule.finding(
                vec![risk.key.to_string()],
                format!(
                    "Decide how to treat the {} risk {}: reduce, accept, avoid or transfer it, \
                     and state the residual likelihood and consequence. A risk left without a \
                     decision is accepted by default, with nobody having decided it.",
                    level_name(risk.inherent_level),
                    risk_name(risk)
                ),
            )
        })
        .collect()
}

fn residual_not_explained(rule: &Rule, context: &Context<'_>) -> Vec<Finding> {
    let model = &context.assessment.risk_model;
    let mut findings = Vec::new();
    for risk in applicable_risks(context) {
        let Some(treatment) = &risk.treatment else {
            continue;
        };
        let on_scales = model.contains_likelihood(treatment.residual_likelihood)
            && model.contains_consequence(treatment.residual_consequence);
        let message = if !on_scales {
            format!(
                "State the residual likelihood and consequence of {} as levels of the risk \
                 model's scales; the stored values ({} and {}) are not levels of it, so nobody \
                 can see how the residual risk was reasoned.",
                risk_name(risk),
                treatment.residual_likelihood,
                treatment.residual_consequence
            )
        } else if risk.residual_level < risk.inherent_level && blank(&treatment.rationale) {
            format!(
                "Explain why the measures bring {} from {} down to {}: which of likelihood and \
                 consequence they lower, and how.",
                risk_name(risk),
                level_name(risk.inherent_level),
                level_name(risk.residual_level)
            )
        } else {
            continue;
        };
        findings.push(rule.finding(vec![risk.key.to_string()], message));
    }
    findings
}

fn reduction_without_measures(rule: &Rule, context: &Context<'_>) -> Vec<Finding> {
    reduced_risks(context)
        .filter(|r| in_force(r).next().is_none())
        .map(|risk| {
            rule.finding(
                vec![risk.key.to_string()],
                format!(
                    "The residual level of {} is {} although its inherent level is {}, but no \
                     measure in force mitigates it. Link the measures that justify the \
                     reduction, or rate the residual risk at its inherent level.",
                    risk_name(risk),
                    level_name(risk.residual_level),
                    level_name(risk.inherent_level)
                ),
            )
        })
        .collect()
}

/// Reduced risks that rest only on measures not yet implemented (but some in force).
fn resting_on_plans<'a>(context: &Context<'a>) -> Vec<(&'a EffectiveRisk, Vec<&'a MeasureRef>)> {
    reduced_risks(context)
        .filter_map(|risk| {
            let measures: Vec<&MeasureRef> = in_force(risk).collect();
            let implemented =
                (measures.iter()).any(|m| matches!(m.status, MeasureStatus::Implemented { .. }));
            (!measures.is_empty() && !implemented).then_some((risk, measures))
        })
        .collect()
}

fn processing_started(context: &Context<'_>) -> bool {
    (context.assessment.sign_offs.processing_started_on).is_some_and(|on| on <= context.today)
}

fn planned_findings(rule: &Rule, context: &Context<'_>, advice: &str) -> Vec<Finding> {
    resting_on_plans(context)
        .into_iter()
        .map(|(risk, measures)| {
            let mut keys = vec![risk.key.to_string()];
            keys.extend(measures.iter().map(|m| m.key.to_string()));
            let titles: Vec<String> = (measures.iter())
                .map(|m| format!("'{}' ({})", m.title, m.key))
                .collect();
            rule.finding(
                keys,
                format!(
                    "The residual level of {} ({}, inherent {}) rests only on measures that \
                     are not implemented: {}. {advice}",
                    risk_name(risk),
                    level_name(risk.residual_level),
                    level_name(risk.inherent_level),
                    titles.join(", ")
                ),
            )
        })
        .collect()
}

fn reduction_measures_not_in_place(rule: &Rule, context: &Context<'_>) -> Vec<Finding> {
    if !processing_started(context) {
        return Vec::new();
    }
    planned_findings(
        rule,
        context,
        "Processing has started, so the risk is today at its inherent level: implement the \
         measures and record the date, or rate the residual risk as it stands.",
    )
}

fn reduction_on_planned_measures(rule: &Rule, context: &Context<'_>) -> Vec<Finding> {
    if processing_started(context) {
        return Vec::new();
    }
    planned_findings(
        rule,
        context,
        "Make sure they are in place before processing starts; until then the residual risk \
         is the inherent one.",
    )
}

fn single_measure_for_many_high_risks(rule: &Rule, context: &Context<'_>) -> Vec<Finding> {
    // For every measure, the high risks it mitigates alone.
    let mut alone: BTreeMap<&str, Vec<&EffectiveRisk>> = BTreeMap::new();
    for risk in applicable_risks(context).filter(|r| r.inherent_level == RiskLevel::High) {
        let mut measures = in_force(risk);
        if let (Some(only), None) = (measures.next(), measures.next()) {
            alone.entry(only.key.as_str()).or_default().push(risk);
        }
    }
    let threshold = context.settings.max_high_risks_single_measure();
    let high_total = applicable_risks(context)
        .filter(|r| r.inherent_level == RiskLevel::High)
        .count();
    (context.assessment.measures.iter())
        .filter_map(|measure| {
            let risks = alone.get(measure.key.as_str())?;
            (risks.len() > threshold).then(|| {
                let mut keys = vec![measure.key.to_string()];
                keys.extend(risks.iter().map(|r| r.key.to_string()));
                let names: Vec<String> = risks.iter().map(|r| risk_name(r)).collect();
                rule.finding(
                    keys,
                    format!(
                        "Measure '{}' ({}) is the only measure against {} of the {} high \
                         risks: {}. Add further measures, technical ones where they exist, or \
                         explain for each risk why this one measure alone is enough. The \
                         template allows at most {threshold}.",
                        measure.title,
                        measure.key,
                        risks.len(),
                        high_total,
                        names.join(", ")
                    ),
                )
            })
        })
        .collect()
}
