//! Family 8, the DPO's opinion and prior consultation (Art. 35(2), Art. 36, SPEC §5.8). Seed
//! 003 records both the DPO's advice and the decision not to consult the authority because
//! the high risks were said to be reduced; this family checks that both exist and agree with
//! the residual risks.

use super::treatment::risk_name;
use super::{missing, Context, Finding, Rule, Severity};
use crate::assessment::{EffectiveRisk, SIGN_OFFS_KEY};
use crate::risk_model::RiskLevel;

pub(super) static RULES: &[Rule] = &[
    Rule {
        id: "A35_2_DPO_OPINION_MISSING",
        severity: Severity::Error,
        legal_reference: "GDPR Art. 35(2), Art. 39(1)(c)",
        description: "The DPO's opinion on the assessment is not recorded.",
        check: dpo_opinion_missing,
    },
    Rule {
        id: "A36_PRIOR_CONSULTATION_MISSING",
        severity: Severity::Error,
        legal_reference: "GDPR Art. 36(1)",
        description: "A residual risk is HIGH and no decision to consult the authority is recorded.",
        check: prior_consultation_missing,
    },
    Rule {
        id: "A36_PROCESSING_BEFORE_CONSULTATION",
        severity: Severity::Error,
        legal_reference: "GDPR Art. 36(1), (2)",
        description: "Prior consultation is required and processing has started before its outcome is recorded.",
        check: processing_before_consultation,
    },
];

fn dpo_opinion_missing(rule: &Rule, context: &Context<'_>) -> Vec<Finding> {
    let opinion = context.assessment.sign_offs.dpo_opinion.as_ref();
    if opinion.is_some_and(|o| !missing(o.text.as_deref())) {
        return Vec::new();
    }
    vec![rule.finding(
        vec![SIGN_OFFS_KEY.to_owned()],
        "Ask the data protection officer for advice on the assessment and record the \
         opinion, who gave it and when. The controller must seek the DPO's advice when \
         carrying out a DPIA."
            .to_owned(),
    )]
}

fn residual_high<'a>(context: &Context<'a>) -> Vec<&'a EffectiveRisk> {
    (context.assessment.risks.iter())
        .filter(|r| r.is_applicable() && r.residual_level == RiskLevel::High)
        .collect()
}

fn prior_consultation_missing(rule: &Rule, context: &Context<'_>) -> Vec<Finding> {
    let high = residual_high(context);
    if high.is_empty() {
        return Vec::new();
    }
    let decision = context.assessment.sign_offs.prior_consultation.as_ref();
    let situation = match decision {
        Some(d) if d.required => return Vec::new(),
        Some(d) => format!(
            "The decision of {} says prior consultation is not required, yet",
            d.decided_on
        ),
        None => "No decision on prior consultation is recorded, yet".to_owned(),
    };
    let names: Vec<String> = high.iter().map(|r| risk_name(r)).collect();
    let mut keys = vec![SIGN_OFFS_KEY.to_owned()];
    keys.extend(high.iter().map(|r| r.key.to_string()));
    vec![rule.finding(
        keys,
        format!(
            "{situation} {} residual risk(s) remain HIGH: {}. Reduce them with further \
             measures (and state the new residual ratings), or consult the supervisory \
             authority before processing and record the consultation.",
            high.len(),
            names.join(", ")
        ),
    )]
}

fn processing_before_consultation(rule: &Rule, context: &Context<'_>) -> Vec<Finding> {
    let sign_offs = &context.assessment.sign_offs;
    let (Some(decision), Some(started)) = (
        &sign_offs.prior_consultation,
        sign_offs.processing_started_on,
    ) else {
        return Vec::new();
    };
    if !decision.required || !missing(decision.outcome.as_deref()) || started > context.today {
        return Vec::new();
    }
    vec![rule.finding(
        vec![SIGN_OFFS_KEY.to_owned()],
        format!(
            "Prior consultation of the authority is required, and processing started on \
             {started} before its outcome was recorded. Record the authority's reference and \
             advice, and follow it."
        ),
    )]
}
