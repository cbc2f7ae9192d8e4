//! One controller's local changes in the national data set (SPEC §9): completions of what the
//! template leaves to adopters, ~40 measures, overrides on ~30 % of the risks (each with a
//! justification), a treatment for every risk, a response to every recommendation, ~10
//! incidents and the DPO's opinion — as the commands a controller's editor would send, so
//! they pass every write rule of SPEC §3 on the way in.

use chrono::{Days, NaiveDate};
use serde_json::Value;

use super::rng::SplitMix64;
use crate::domain::assessment::{
    AssessmentCommand, Completion, Incident, Measure, MeasureStatus, Override, Patch,
    RecommendationResponse, ResponseKind, RiskTreatment, SignOff, SignOffsUpdate,
    TreatmentDecision,
};
use crate::domain::risk_model::RiskLevel;
use crate::domain::template::{DpiaContent, ItemKey, MeasureKind, ProcessingActivity};
use crate::error::{AppError, AppResult};

/// Measures per controller (SPEC §9: ~40).
const MEASURES: usize = 40;
/// Share of risks with an overridden rating, in percent (SPEC §9: ~30 %).
const OVERRIDE_PERCENT: u32 = 30;

/// The commands of controller number `index`, in an order the write rules accept: measures
/// before the answers and reductions that rely on them, overrides before the treatments that
/// are judged against the overridden rating.
pub fn controller_commands(
    base: &DpiaContent,
    rng: &mut SplitMix64,
    index: usize,
    day: NaiveDate,
) -> AppResult<Vec<AssessmentCommand>> {
    let mut commands = completions(base, rng);
    let measures = measures(base, rng, index, day)?;
    let in_force: Vec<&Measure> = measures.iter().filter(|m| m.status.is_in_force()).collect();
    let mut ratings = Vec::with_capacity(base.risks.len());
    let mut overrides = Vec::new();
    for risk in &base.risks {
        let (mut likelihood, mut consequence) = (risk.likelihood, risk.consequence);
        if rng.chance(OVERRIDE_PERCENT) {
            let on_likelihood = rng.chance(50);
            let central = if on_likelihood {
                likelihood
            } else {
                consequence
            };
            // One step up or down, inside the 1–4 scales of the model.
            let local = match central {
                1 => 2,
                4 => 3,
                v if rng.chance(50) => v - 1,
                v => v + 1,
            };
            let (field, lowered) = if on_likelihood {
                likelihood = local;
                ("likelihood", local < central)
            } else {
                consequence = local;
                ("consequence", local < central)
            };
            overrides.push(AssessmentCommand::SetOverride(Override {
                item_key: risk.key.clone(),
                field: field.into(),
                value: Value::from(local),
                justification: if lowered {
                    format!("Locally the {field} is lower: our schools use a separate, locked-down configuration (controller {index}).")
                } else {
                    format!("Locally the {field} is higher: two incidents of this kind in our municipality last year (controller {index}).")
                },
            }));
        }
        ratings.push((risk.key.clone(), likelihood, consequence));
    }
    commands.extend(
        measures
            .iter()
            .cloned()
            .map(AssessmentCommand::UpsertMeasure),
    );
    commands.extend(overrides);
    for (risk_key, likelihood, consequence) in ratings {
        let mitigated = in_force.iter().any(|m| m.mitigates.contains(&risk_key));
        let level = base
            .risk_model
            .level(likelihood, consequence)
            .map_err(|e| AppError::Internal(format!("generated rating of {risk_key}: {e}")))?;
        commands.push(AssessmentCommand::SetTreatment(treatment(
            risk_key,
            likelihood,
            consequence,
            level,
            mitigated,
            day,
        )));
    }
    for recommendation in &base.recommendations {
        let implemented = in_force
            .iter()
            .any(|m| m.implements.contains(&recommendation.key));
        commands.push(AssessmentCommand::SetResponse(response(
            recommendation.key.clone(),
            implemented,
            rng,
            day,
        )));
    }
    commands.extend(
        incidents(base, rng, day)?
            .into_iter()
            .map(AssessmentCommand::UpsertIncident),
    );
    commands.push(AssessmentCommand::SetSignOffs(SignOffsUpdate {
        dpo_opinion: Patch::Set(SignOff {
            by: format!("DPO of controller {index}"),
            on: day - Days::new(30),
            text: Some(
                "The residual risks are acceptable once the planned measures are in place.".into(),
            ),
        }),
        system_owner: Patch::Set(SignOff {
            by: format!("Head of schools, controller {index}"),
            on: day - Days::new(20),
            text: None,
        }),
        management_approval: Patch::Keep,
        prior_consultation: Patch::Clear,
        processing_started_on: Patch::Set(day - Days::new(400)),
        next_review_on: Patch::Clear,
    }));
    Ok(commands)
}

fn local_key(text: String) -> AppResult<ItemKey> {
    ItemKey::parse(&text).map_err(|e| AppError::Internal(format!("generated key {text:?}: {e}")))
}

/// Completes every field the template leaves to adopters (Art. 35(7)(a) counts and the like).
fn completions(base: &DpiaContent, rng: &mut SplitMix64) -> Vec<AssessmentCommand> {
    let mut out = Vec::new();
    for activity in &base.activities {
        for path in &activity.to_be_completed_by_adopter {
            for (item_key, field) in completion_targets(activity, path) {
                let value = if field == "count" {
                    Value::from(rng.between(200, 20_000))
                } else {
                    Value::from(format!(
                        "Completed locally: {field} as decided by the municipality"
                    ))
                };
                out.push(AssessmentCommand::Complete(Completion {
                    item_key,
                    field,
                    value,
                }));
            }
        }
    }
    out
}

/// The (item, field) pairs one adopter path names: `retention` on the activity itself,
/// `recipients.legal_basis_for_disclosure` on each of its recipients, and so on.
fn completion_targets(activity: &ProcessingActivity, path: &str) -> Vec<(ItemKey, String)> {
    let Some((list, field)) = path.split_once('.') else {
        return vec![(activity.key.clone(), path.to_string())];
    };
    let keys: Vec<ItemKey> = match list {
        "data_subject_categories" => activity
            .data_subject_categories
            .iter()
            .map(|c| c.key.clone())
            .collect(),
        "data_categories" => activity
            .data_categories
            .iter()
            .map(|c| c.key.clone())
            .collect(),
        "recipients" => activity.recipients.iter().map(|r| r.key.clone()).collect(),
        _ => Vec::new(),
    };
    keys.into_iter().map(|k| (k, field.to_string())).collect()
}

/// ~40 measures, each implementing one or two recommendations and mitigating the risks they
/// address (plus a few of its own); most implemented, some planned, a few retired.
fn measures(
    base: &DpiaContent,
    rng: &mut SplitMix64,
    index: usize,
    day: NaiveDate,
) -> AppResult<Vec<Measure>> {
    let recommendations = &base.recommendations;
    (0..MEASURES)
        .map(|m| {
            let mut implements = Vec::new();
            let mut mitigates = Vec::new();
            if !recommendations.is_empty() {
                for _ in 0..(1 + rng.below(2)) {
                    let rec = &recommendations[rng.below(recommendations.len())];
                    implements.push(rec.key.clone());
                    mitigates.extend(rec.addresses_risks.iter().cloned());
                }
            }
            for _ in 0..rng.below(3) {
                if let Some(risk) = rng.pick(&base.risks) {
                    mitigates.push(risk.key.clone());
                }
            }
            implements.sort();
            implements.dedup();
            mitigates.sort();
            mitigates.dedup();
            let status = match rng.below(20) {
                0 => MeasureStatus::Retired {
                    on: day - Days::new(rng.between(10, 300).into()),
                },
                1..=4 => MeasureStatus::Planned {
                    due: day + Days::new(rng.between(30, 365).into()),
                },
                _ => MeasureStatus::Implemented {
                    on: day - Days::new(rng.between(30, 900).into()),
                },
            };
            Ok(Measure {
                key: local_key(format!("local.measure.m{m:02}"))?,
                title: format!("Local measure {m} of controller {index}"),
                description:
                    "Procedure and configuration adopted by the municipality's security officer."
                        .into(),
                kind: if rng.chance(50) {
                    MeasureKind::Technical
                } else {
                    MeasureKind::Organisational
                },
                status,
                owner: Some(format!("Security officer, controller {index}")),
                review_cadence_months: Some(12),
                mitigates,
                implements,
            })
        })
        .collect()
}

/// Every risk gets a decision with explicit residual values (SPEC §2): a one-step reduction
/// where a measure in force mitigates it, acceptance of a low or medium risk otherwise, and a
/// high risk without a measure kept at its level pending measures (which the checks report).
fn treatment(
    risk_key: ItemKey,
    likelihood: u8,
    consequence: u8,
    level: RiskLevel,
    mitigated: bool,
    day: NaiveDate,
) -> RiskTreatment {
    let (decision, residual_likelihood, rationale) = if mitigated && likelihood > 1 {
        (
            TreatmentDecision::Reduce,
            likelihood - 1,
            "The linked measures make the event less likely.",
        )
    } else if level != RiskLevel::High {
        (
            TreatmentDecision::Accept,
            likelihood,
            "Acceptable at this level without further measures.",
        )
    } else {
        (
            TreatmentDecision::Reduce,
            likelihood,
            "Measures are being chosen; the risk stays at its level until then.",
        )
    };
    let accepting = decision == TreatmentDecision::Accept;
    RiskTreatment {
        risk_key,
        decision,
        residual_likelihood,
        residual_consequence: consequence,
        rationale: rationale.into(),
        accepted_by: accepting.then(|| "Head of IT".to_string()),
        accepted_on: accepting.then_some(day - Days::new(15)),
    }
}

/// An answer to a recommendation: implemented (or partly, or by an alternative) where a
/// measure in force implements it; planned or not applicable (with reasons) otherwise.
fn response(
    recommendation_key: ItemKey,
    implemented: bool,
    rng: &mut SplitMix64,
    day: NaiveDate,
) -> RecommendationResponse {
    let (response, justification) = match (implemented, rng.below(10)) {
        (true, 0..=6) => (ResponseKind::Implemented, None),
        (true, 7 | 8) => (ResponseKind::PartiallyImplemented, Some("Implemented at the schools; the daycare institutions follow next year.")),
        (true, _) => (ResponseKind::Alternative, Some("Our own measure reaches the same goal with the tools the municipality already has.")),
        (false, 0..=5) => (ResponseKind::Planned { due: day + Days::new(rng.between(30, 365).into()) }, None),
        (false, _) => (ResponseKind::NotApplicable, Some("The municipality does not use the part of the platform this recommendation concerns.")),
    };
    RecommendationResponse {
        recommendation_key,
        response,
        justification: justification.map(str::to_string),
    }
}

/// ~10 incidents over the last two years, each linked to one or two risks.
fn incidents(base: &DpiaContent, rng: &mut SplitMix64, day: NaiveDate) -> AppResult<Vec<Incident>> {
    let count = 8 + rng.below(5);
    (0..count)
        .map(|i| {
            let mut risks: Vec<ItemKey> = (0..(1 + rng.below(2)))
                .filter_map(|_| rng.pick(&base.risks).map(|r| r.key.clone()))
                .collect();
            risks.sort();
            risks.dedup();
            Ok(Incident {
                key: local_key(format!("local.incident.i{i:02}"))?,
                occurred_on: day - Days::new(rng.between(10, 700).into()),
                description: "A staff member disclosed personal data to a person without a need to know; contained the same day.".into(),
                risks,
                notified_art33: rng.chance(30),
                notified_art34: rng.chance(5),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::assessment::{apply, LocalChanges};
    use crate::domain::template::TemplateContent;
    use crate::national::template::{national_template, CatalogueSize};

    fn base() -> DpiaContent {
        let size = CatalogueSize {
            risks: 300,
            recommendations: 60,
        };
        match national_template(11, size).expect("generated").content {
            TemplateContent::Dpia(dpia) => dpia,
            TemplateContent::CodeOfConduct(_) => panic!("a DPIA"),
        }
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 1).expect("a date")
    }

    #[test]
    fn every_generated_command_passes_the_write_rules_in_order() {
        let base = base();
        for index in 0..3 {
            let mut rng = SplitMix64::new(11).fork(index as u64);
            let commands = controller_commands(&base, &mut rng, index, day()).expect("commands");
            let mut local = LocalChanges::default();
            for (n, command) in commands.iter().enumerate() {
                local = apply(&base, &local, command).unwrap_or_else(|e| {
                    panic!(
                        "controller {index}, command {n} {:?}: {e}",
                        command.target()
                    )
                });
            }
            assert_eq!(local.treatments.len(), 300, "every risk is treated");
            assert_eq!(
                local.responses.len(),
                60,
                "every recommendation is answered"
            );
            assert_eq!(local.measures.len(), MEASURES);
            assert!((8..=12).contains(&local.incidents.len()));
            let share = local.overrides.len() * 100 / 300;
            assert!((20..=40).contains(&share), "{share} % of risks overridden");
            assert!(local
                .overrides
                .iter()
                .all(|o| !o.justification.trim().is_empty()));
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_commands() {
        let base = base();
        let run = || {
            controller_commands(&base, &mut SplitMix64::new(3).fork(7), 7, day()).expect("commands")
        };
        assert_eq!(run(), run());
    }
}
