//! The treatment form of one risk (pure): what a person posted becomes one batch of domain
//! commands — the inherent rating's override, the measures' links, the treatment — in the
//! order the write rules need. No HTTP, no database.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::domain::assessment::{
    AssessmentCommand, EffectiveAssessment, EffectiveRisk, ItemProvenance, LocalAddition, Measure,
    Override,
};
use crate::domain::template::ItemKey;

use super::form::FieldError;
use super::risk_view::decision_name;

/// What the treatment form posted, kept as typed when a write is refused.
#[derive(Clone, Debug, Default, Serialize)]
pub struct TreatInput {
    pub version: i64,
    pub inherent_likelihood: String,
    pub inherent_consequence: String,
    pub inherent_justification: String,
    pub decision: String,
    pub residual_likelihood: String,
    pub residual_consequence: String,
    pub measures: Vec<String>,
    pub rationale: String,
    pub accepted_by: String,
    pub accepted_on: String,
}

impl TreatInput {
    /// The form as the risk stands (what the GET shows).
    pub fn of(risk: &EffectiveRisk, version: i64) -> Self {
        let t = risk.treatment.as_ref();
        let justification = (risk.departures.iter())
            .find(|d| d.field == "likelihood" || d.field == "consequence")
            .and_then(|d| match &d.provenance {
                crate::domain::assessment::Provenance::Overridden { justification, .. } => {
                    Some(justification.clone())
                }
                _ => None,
            });
        TreatInput {
            version,
            inherent_likelihood: risk.likelihood.value.to_string(),
            inherent_consequence: risk.consequence.value.to_string(),
            inherent_justification: justification.unwrap_or_default(),
            decision: t
                .map(|t| decision_name(t.decision).to_owned())
                .unwrap_or_default(),
            residual_likelihood: t
                .map(|t| t.residual_likelihood.to_string())
                .unwrap_or_default(),
            residual_consequence: t
                .map(|t| t.residual_consequence.to_string())
                .unwrap_or_default(),
            measures: risk.measures.iter().map(|m| m.key.to_string()).collect(),
            rationale: t.map(|t| t.rationale.clone()).unwrap_or_default(),
            accepted_by: t.and_then(|t| t.accepted_by.clone()).unwrap_or_default(),
            accepted_on: t
                .and_then(|t| t.accepted_on)
                .map(|d| d.to_string())
                .unwrap_or_default(),
        }
    }

    /// Reads the posted pairs (repeated `measures`).
    pub fn from_pairs(pairs: &[(String, String)]) -> Self {
        let mut input = TreatInput::default();
        for (name, value) in pairs {
            let v = value.clone();
            match name.as_str() {
                "version" => input.version = value.trim().parse().unwrap_or_default(),
                "inherent_likelihood" => input.inherent_likelihood = v,
                "inherent_consequence" => input.inherent_consequence = v,
                "inherent_justification" => input.inherent_justification = v,
                "decision" => input.decision = v,
                "residual_likelihood" => input.residual_likelihood = v,
                "residual_consequence" => input.residual_consequence = v,
                "measures" => input.measures.push(v),
                "rationale" => input.rationale = v,
                "accepted_by" => input.accepted_by = v,
                "accepted_on" => input.accepted_on = v,
                _ => {}
            }
        }
        input
    }
}

fn refuse(field: &str, message: &str) -> FieldError {
    FieldError {
        field: field.to_owned(),
        message: message.to_owned(),
    }
}

/// The measure links the form asks for, as measure writes: those that gain this key (to run
/// before the treatment, which may rely on them) and those that lose it (to run after).
pub fn link_changes(
    measures: &[Measure],
    key: &ItemKey,
    wanted: &[String],
    links: fn(&mut Measure) -> &mut Vec<ItemKey>,
) -> (Vec<AssessmentCommand>, Vec<AssessmentCommand>) {
    let wanted: BTreeSet<&str> = wanted.iter().map(String::as_str).collect();
    let (mut gain, mut lose) = (Vec::new(), Vec::new());
    for measure in measures {
        let mut m = measure.clone();
        let list = links(&mut m);
        let has = list.contains(key);
        let wants = wanted.contains(measure.key.as_str());
        if wants && !has {
            list.push(key.clone());
            gain.push(AssessmentCommand::UpsertMeasure(m));
        } else if has && !wants {
            list.retain(|k| k != key);
            lose.push(AssessmentCommand::UpsertMeasure(m));
        }
    }
    (gain, lose)
}

/// The commands of a posted treatment form, in the order the rules need: a raised inherent
/// rating before the treatment (a lowered one after), measures gaining the risk before the
/// treatment that relies on them, measures losing it last. One batch, one version check.
pub fn treatment_commands(
    effective: &EffectiveAssessment,
    risk: &EffectiveRisk,
    input: &TreatInput,
) -> Result<Vec<AssessmentCommand>, FieldError> {
    let model = &effective.risk_model;
    let scale = |field: &str, text: &str| {
        text.trim()
            .parse::<u8>()
            .map_err(|_| refuse(field, "choose-level"))
    };
    let likelihood = scale("inherent_likelihood", &input.inherent_likelihood)?;
    let consequence = scale("inherent_consequence", &input.inherent_consequence)?;
    let mut inherent = Vec::new();
    if matches!(risk.provenance, ItemProvenance::Local) {
        if (likelihood, consequence) != (risk.risk.likelihood, risk.risk.consequence) {
            let mut local = risk.risk.clone();
            local.likelihood = likelihood;
            local.consequence = consequence;
            inherent.push(AssessmentCommand::UpsertLocalItem(LocalAddition::Risk(
                local,
            )));
        }
    } else {
        for (field, wanted, current) in [
            ("likelihood", likelihood, risk.likelihood.value),
            ("consequence", consequence, risk.consequence.value),
        ] {
            if wanted == current {
                continue;
            }
            let departure = risk.departures.iter().find(|d| d.field == field);
            let central = match departure.map(|d| &d.provenance) {
                Some(crate::domain::assessment::Provenance::Overridden { central, .. }) => {
                    central.as_u64()
                }
                _ => Some(u64::from(current)),
            };
            inherent.push(
                if departure.is_some() && central == Some(u64::from(wanted)) {
                    AssessmentCommand::ClearOverride {
                        item_key: risk.key.clone(),
                        field: field.to_owned(),
                    }
                } else {
                    AssessmentCommand::SetOverride(Override {
                        item_key: risk.key.clone(),
                        field: field.to_owned(),
                        value: wanted.into(),
                        justification: input.inherent_justification.trim().to_owned(),
                    })
                },
            );
        }
    }
    let (gain, lose) = link_changes(&effective.measures, &risk.key, &input.measures, |m| {
        &mut m.mitigates
    });
    let blank = |s: &str| s.trim().is_empty();
    let treatment = if blank(&input.decision) {
        let untouched = [
            &input.residual_likelihood,
            &input.residual_consequence,
            &input.rationale,
            &input.accepted_by,
            &input.accepted_on,
        ]
        .iter()
        .all(|s| blank(s));
        match (untouched, &risk.treatment) {
            (false, _) => return Err(refuse("decision", "choose-decision")),
            (true, Some(_)) => vec![AssessmentCommand::ClearTreatment {
                risk_key: risk.key.clone(),
            }],
            (true, None) => Vec::new(),
        }
    } else {
        let form = super::form::TreatmentForm {
            decision: &input.decision,
            residual_likelihood: &input.residual_likelihood,
            residual_consequence: &input.residual_consequence,
            rationale: &input.rationale,
            accepted_by: &input.accepted_by,
            accepted_on: &input.accepted_on,
        };
        let command = super::form::treatment(&risk.key, &form)?;
        // The same treatment again is no write (an unchanged form saves nothing).
        match (&command, &risk.treatment) {
            (AssessmentCommand::SetTreatment(new), Some(old)) if new == old => Vec::new(),
            _ => vec![command],
        }
    };
    let new_level = model.level(likelihood, consequence).ok();
    let raised = new_level.is_none_or(|l| l >= risk.inherent_level);
    let mut commands = Vec::new();
    if raised {
        commands.extend(inherent);
        commands.extend(gain);
        commands.extend(treatment);
    } else {
        commands.extend(gain);
        commands.extend(treatment);
        commands.extend(inherent);
    }
    commands.extend(lose);
    Ok(commands)
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::assessment::{effective, LocalChanges};
    use crate::domain::interchange::parse;
    use crate::domain::template::TemplateContent;

    fn demo() -> EffectiveAssessment {
        let document = parse(include_bytes!("../../../demo/school-platform-v1.json")).unwrap();
        let TemplateContent::Dpia(base) = document.content else {
            panic!("a DPIA")
        };
        effective(&base, &LocalChanges::default())
    }

    #[test]
    fn raising_the_likelihood_is_an_override_with_its_justification() {
        let effective = demo();
        let risk = effective.risk("risk.messages.misdirected").unwrap().clone();
        let mut input = TreatInput::of(&risk, 1);
        input.inherent_likelihood = "3".into();
        input.inherent_justification = "Hændelse i januar".into();
        let commands = treatment_commands(&effective, &risk, &input).unwrap();
        assert!(matches!(&commands[..], [AssessmentCommand::SetOverride(o)]
            if o.field == "likelihood" && o.value == 3 && o.justification == "Hændelse i januar"));
        let unchanged = treatment_commands(&effective, &risk, &TreatInput::of(&risk, 1)).unwrap();
        assert!(unchanged.is_empty());
    }

    #[test]
    fn a_decision_without_residual_values_is_refused_beside_them() {
        let effective = demo();
        let risk = effective.risk("risk.messages.misdirected").unwrap().clone();
        let mut input = TreatInput::of(&risk, 1);
        input.decision = "REDUCE".into();
        let error = treatment_commands(&effective, &risk, &input).unwrap_err();
        assert_eq!(error.field, "residual_likelihood");
        input.decision = String::new();
        input.rationale = "noget".into();
        let error = treatment_commands(&effective, &risk, &input).unwrap_err();
        assert_eq!(error.field, "decision");
    }
}
