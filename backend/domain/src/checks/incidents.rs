//! Family 6, likelihood against incident history (SPEC §5.6). Seed 003: the likelihood of
//! misdirected messages was rated "Mindre sandsynlig" (criteria: internal experience some
//! years ago) although the municipality itself had reported such a breach 8 months earlier,
//! while the criteria of "Sandsynlig" name an internal incident within 12 months. The window
//! and the level come from the risk model's incident rules, not from the settings.

use super::treatment::risk_name;
use super::{whole_months_between, Context, Finding, Rule, Severity};
use crate::assessment::{EffectiveRisk, Incident, ItemProvenance};
use crate::risk_model::Level;

pub(super) static RULES: &[Rule] = &[
    Rule {
        id: "A35_7C_LIKELIHOOD_BELOW_INCIDENT_HISTORY",
        severity: Severity::Error,
        legal_reference: "GDPR Art. 35(7)(c), Art. 35(7)(d)",
        description: "A risk's inherent or residual likelihood is below the level its likelihood criteria demand after a linked incident within their window.",
        check: likelihood_below_incident_history,
    },
    Rule {
        id: "A35_7C_INCIDENT_ON_NOT_APPLICABLE_RISK",
        severity: Severity::Warning,
        legal_reference: "GDPR Art. 35(7)(c)",
        description: "An incident is linked to a risk marked not applicable.",
        check: incident_on_not_applicable_risk,
    },
];

/// The incidents linked to a risk, in the assessment's order.
fn incidents_of<'a>(context: &Context<'a>, risk: &EffectiveRisk) -> Vec<&'a Incident> {
    (context.assessment.incidents.iter())
        .filter(|i| i.risks.contains(&risk.key))
        .collect()
}

/// The incident that demands the highest likelihood today, with that level; the most recent
/// one among equals. Incidents dated after `today` are not history yet and count for nothing.
fn demanding_incident<'a>(
    context: &Context<'a>,
    incidents: &[&'a Incident],
) -> Option<(&'a Incident, &'a Level, u32)> {
    let model = &context.assessment.risk_model;
    incidents
        .iter()
        .filter(|i| i.occurred_on <= context.today)
        .filter_map(|incident| {
            let months = whole_months_between(incident.occurred_on, context.today);
            let level = model.min_likelihood_for_incident(months)?;
            Some((*incident, level, months))
        })
        .max_by_key(|(incident, level, _)| (level.value, incident.occurred_on))
}

fn likelihood_label(context: &Context<'_>, value: u8) -> String {
    (context.assessment.risk_model.likelihood_level(value))
        .map_or_else(|| value.to_string(), |level| format!("'{}'", level.label))
}

fn likelihood_below_incident_history(rule: &Rule, context: &Context<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for risk in context
        .assessment
        .risks
        .iter()
        .filter(|r| r.is_applicable())
    {
        let incidents = incidents_of(context, risk);
        let Some((incident, required, months)) = demanding_incident(context, &incidents) else {
            continue;
        };
        let residual = risk.treatment.as_ref().map(|t| t.residual_likelihood);
        let mut below = Vec::new();
        if risk.likelihood.value < required.value {
            below.push(format!(
                "inherent likelihood {}",
                likelihood_label(context, risk.likelihood.value)
            ));
        }
        if let Some(residual) = residual.filter(|r| *r < required.value) {
            below.push(format!(
                "residual likelihood {}",
                likelihood_label(context, residual)
            ));
        }
        if below.is_empty() {
            continue;
        }
        let rule_text = (required.incident_rule.as_ref()).map_or_else(String::new, |r| {
            format!(" The criteria say: \"{}\"", r.description)
        });
        findings.push(rule.finding(
            vec![risk.key.to_string(), incident.key.to_string()],
            format!(
                "{} is rated with {} although incident {} of {} ({}) materialised it.{rule_text} \
                 Raise the likelihood to at least '{}', or unlink the incident if it is not \
                 this risk.",
                risk_name(risk),
                below.join(" and "),
                incident.key,
                incident.occurred_on,
                ago(months),
                required.label
            ),
        ));
    }
    findings
}

fn ago(months: u32) -> String {
    match months {
        0 => "less than a month ago".to_owned(),
        1 => "1 month ago".to_owned(),
        n => format!("{n} months ago"),
    }
}

fn incident_on_not_applicable_risk(rule: &Rule, context: &Context<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for risk in &context.assessment.risks {
        let ItemProvenance::NotApplicable { justification } = &risk.provenance else {
            continue;
        };
        for incident in incidents_of(context, risk) {
            findings.push(rule.finding(
                vec![risk.key.to_string(), incident.key.to_string()],
                format!(
                    "Incident {} of {} materialised {}, which is marked not applicable \
                     (\"{}\"). A risk that has happened applies: withdraw the mark and rate \
                     and treat the risk, or unlink the incident if it is not this risk.",
                    incident.key,
                    incident.occurred_on,
                    risk_name(risk),
                    justification.trim()
                ),
            ));
        }
    }
    findings
}
