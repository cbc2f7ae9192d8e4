//! Family 5, the answers to the central recommendations (SPEC §5.5). Seed 003: a municipality
//! never related to the central body's recommended measures; "as a minimum there must be a
//! reasoned assessment of why the recommendation is not relevant" for its processing. Also the
//! follow-up of what was promised: planned answers and measures past their due date.

use super::{missing, Context, Finding, Rule, Severity};
use crate::assessment::{
    EffectiveRecommendation, ItemProvenance, MeasureStatus, ResponseKind, ResponseStatus,
};
use crate::template::Obligation;

pub(super) static RULES: &[Rule] = &[
    Rule {
        id: "A35_7D_RECOMMENDATION_UNADDRESSED",
        severity: Severity::Error,
        legal_reference: "GDPR Art. 35(7)(d), Art. 24(1)",
        description: "A central recommendation has no answer.",
        check: recommendation_unaddressed,
    },
    Rule {
        id: "A35_7D_MUST_NOT_APPLICABLE",
        severity: Severity::Warning,
        legal_reference: "GDPR Art. 35(7)(d), Art. 24(1)",
        description: "A MUST recommendation is answered NOT_APPLICABLE; the reasoning must convince a reviewer.",
        check: must_not_applicable,
    },
    Rule {
        id: "A35_7D_RESPONSE_UNSUPPORTED",
        severity: Severity::Error,
        legal_reference: "GDPR Art. 35(7)(d), Art. 5(2)",
        description: "An answer lacks its justification or the measure in force it claims.",
        check: response_unsupported,
    },
    Rule {
        id: "A35_7D_RESPONSE_PLANNED_OVERDUE",
        severity: Severity::Warning,
        legal_reference: "GDPR Art. 35(7)(d), Art. 32(1)",
        description: "A recommendation answered PLANNED is past its due date.",
        check: response_planned_overdue,
    },
    Rule {
        id: "A32_MEASURE_OVERDUE",
        severity: Severity::Warning,
        legal_reference: "GDPR Art. 32(1)",
        description: "A planned measure is past its due date.",
        check: measure_overdue,
    },
];

fn name(recommendation: &EffectiveRecommendation) -> String {
    let item = &recommendation.recommendation;
    format!("'{}' ({})", item.value.title, item.key)
}

fn is_central(recommendation: &EffectiveRecommendation) -> bool {
    recommendation.recommendation.provenance != ItemProvenance::Local
}

/// Whether every scope the recommendation belongs to is marked not applicable locally: then
/// the justification of the scope answers it.
fn scopes_not_applicable(context: &Context<'_>, recommendation: &EffectiveRecommendation) -> bool {
    let scopes = &recommendation.recommendation.value.scopes;
    !scopes.is_empty()
        && scopes.iter().all(|key| {
            (context.assessment.scopes.iter()).any(|s| s.key == *key && !s.is_applicable())
        })
}

fn recommendation_unaddressed(rule: &Rule, context: &Context<'_>) -> Vec<Finding> {
    (context.assessment.recommendations.iter())
        .filter(|r| r.status == ResponseStatus::Unaddressed && is_central(r))
        .filter(|r| !scopes_not_applicable(context, r))
        .map(|recommendation| {
            let must = recommendation.recommendation.value.obligation == Obligation::Must;
            rule.finding(
                vec![recommendation.recommendation.key.to_string()],
                format!(
                    "Answer the {} recommendation {}: implemented (link the measures), \
                     partially implemented, planned (with a due date), an alternative (with \
                     your measures and why), or not applicable (with the reasoned assessment of \
                     why it is not relevant to your processing).",
                    if must { "MUST" } else { "SHOULD" },
                    name(recommendation)
                ),
            )
        })
        .collect()
}

fn must_not_applicable(rule: &Rule, context: &Context<'_>) -> Vec<Finding> {
    (context.assessment.recommendations.iter())
        .filter(|r| {
            r.status == ResponseStatus::NotApplicable
                && r.recommendation.value.obligation == Obligation::Must
        })
        .map(|recommendation| {
            let justification = (recommendation.response.as_ref())
                .and_then(|r| r.justification.as_deref())
                .unwrap_or_default();
            rule.finding(
                vec![recommendation.recommendation.key.to_string()],
                format!(
                    "{} is a recommendation every adopter must implement, and you answered \
                     NOT_APPLICABLE giving the reason \"{}\" Check that it explains why the \
                     recommendation is not relevant to your processing in a way a reviewer at \
                     the authority would accept.",
                    name(recommendation),
                    justification.trim()
                ),
            )
        })
        .collect()
}

fn response_unsupported(rule: &Rule, context: &Context<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for recommendation in &context.assessment.recommendations {
        let Some(response) = &recommendation.response else {
            continue;
        };
        let kind = response.response;
        let status = kind.status().as_str();
        let key = vec![recommendation.recommendation.key.to_string()];
        if kind.needs_justification() && missing(response.justification.as_deref()) {
            findings.push(rule.finding(
                key.clone(),
                format!(
                    "Give the justification for answering {} to {}.",
                    status,
                    name(recommendation)
                ),
            ));
        }
        let backed = (recommendation.measures.iter()).any(|m| m.status.is_in_force());
        if kind.needs_measure() && !backed {
            findings.push(rule.finding(
                key,
                format!(
                    "{} is answered {}, but no measure in force implements it. Link the local \
                     measures that implement it, or change the answer.",
                    name(recommendation),
                    status
                ),
            ));
        }
    }
    findings
}

fn response_planned_overdue(rule: &Rule, context: &Context<'_>) -> Vec<Finding> {
    (context.assessment.recommendations.iter())
        .filter_map(|recommendation| {
            let response = recommendation.response.as_ref()?;
            let ResponseKind::Planned { due } = response.response else {
                return None;
            };
            (due < context.today).then(|| {
                rule.finding(
                    vec![recommendation.recommendation.key.to_string()],
                    format!(
                        "{} was planned to be implemented by {due}. Record it as implemented \
                         with its measures, or set a new due date and say why it slipped.",
                        name(recommendation)
                    ),
                )
            })
        })
        .collect()
}

fn measure_overdue(rule: &Rule, context: &Context<'_>) -> Vec<Finding> {
    (context.assessment.measures.iter())
        .filter_map(|measure| {
            let MeasureStatus::Planned { due } = measure.status else {
                return None;
            };
            (due < context.today).then(|| {
                rule.finding(
                    vec![measure.key.to_string()],
                    format!(
                        "Measure '{}' ({}) was due by {due} and is still planned. Record the \
                         date it was implemented, or set a new due date and review the \
                         residual risks that rely on it.",
                        measure.title, measure.key
                    ),
                )
            })
        })
        .collect()
}
