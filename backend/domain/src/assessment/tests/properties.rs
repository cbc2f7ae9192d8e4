//! Properties of the inheritance engine (issue 5): with no local changes the effective
//! assessment equals the base; every override shows the central value; provenance is total.

use std::collections::BTreeMap;

use proptest::prelude::*;
use serde_json::json;

use crate::assessment::testing::*;
use crate::assessment::*;
use crate::template::testing::key;

fn rating() -> impl Strategy<Value = (u8, u8)> {
    (1u8..=4, 1u8..=4)
}

/// Every key of an effective assessment, with how often it appears.
fn key_counts(effective: &EffectiveAssessment) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    let mut count =
        |key: &crate::template::ItemKey| *counts.entry(key.to_string()).or_insert(0) += 1;
    effective.scopes.iter().for_each(|s| count(&s.key));
    for a in &effective.activities {
        count(&a.activity.key);
        a.data_subject_categories.iter().for_each(|c| count(&c.key));
        a.data_categories.iter().for_each(|c| count(&c.key));
        a.recipients.iter().for_each(|r| count(&r.key));
    }
    effective
        .necessity_questions
        .iter()
        .for_each(|q| count(&q.key));
    effective.risks.iter().for_each(|r| count(&r.key));
    effective
        .recommendations
        .iter()
        .for_each(|r| count(&r.recommendation.key));
    counts
}

proptest! {
    #[test]
    fn without_local_changes_the_effective_assessment_is_the_base(ratings in prop::collection::vec(rating(), 0..20)) {
        let base = base_with(&ratings);
        let effective = effective(&base, &LocalChanges::default());
        prop_assert_eq!(effective.risks.len(), base.risks.len());
        for (risk, central) in effective.risks.iter().zip(&base.risks) {
            let level = central.level(&base.risk_model).unwrap();
            prop_assert_eq!(&risk.risk, central);
            prop_assert_eq!(&risk.provenance, &ItemProvenance::Inherited);
            prop_assert_eq!(&risk.likelihood.provenance, &Provenance::Inherited);
            prop_assert_eq!(&risk.consequence.provenance, &Provenance::Inherited);
            prop_assert_eq!(risk.central_level, Some(level));
            prop_assert_eq!(risk.inherent_level, level);
            prop_assert_eq!(risk.residual_level, level);
        }
        for (recommendation, central) in effective.recommendations.iter().zip(&base.recommendations) {
            prop_assert_eq!(&recommendation.recommendation.value, central);
            prop_assert_eq!(&recommendation.recommendation.provenance, &ItemProvenance::Inherited);
            prop_assert_eq!(recommendation.status, ResponseStatus::Unaddressed);
        }
        prop_assert!(effective.scopes.iter().all(|s| s.provenance == ItemProvenance::Inherited));
        prop_assert!(effective.inconsistencies.is_empty());
    }

    #[test]
    fn every_override_shows_the_central_value_and_provenance_is_total(
        ratings in prop::collection::vec(rating(), 1..20),
        overrides in prop::collection::vec((0usize..20, prop::bool::ANY, 1u8..=4), 0..30),
    ) {
        let base = base_with(&ratings);
        let mut local = LocalChanges::default();
        for (index, on_likelihood, value) in overrides {
            let index = index % ratings.len();
            let field = if on_likelihood { "likelihood" } else { "consequence" };
            let command = set_override(&format!("risk.{index}"), field, json!(value), "Local experience.");
            // Overrides equal to the central value are refused; every other one is accepted.
            if let Ok(next) = apply(&base, &local, &command) {
                local = next;
            } else {
                let central = if on_likelihood { ratings[index].0 } else { ratings[index].1 };
                prop_assert_eq!(central, value);
            }
        }
        let effective = effective(&base, &local);
        for o in &local.overrides {
            let risk = effective.risk(o.item_key.as_str()).unwrap();
            let central = base.risks.iter().find(|r| r.key == o.item_key).unwrap();
            let (value, central_value) = match o.field.as_str() {
                "likelihood" => (&risk.likelihood, central.likelihood),
                _ => (&risk.consequence, central.consequence),
            };
            prop_assert_eq!(json!(value.value), o.value.clone());
            let is_overridden_with_central = matches!(
                &value.provenance,
                Provenance::Overridden { central, .. } if *central == json!(central_value)
            );
            prop_assert!(is_overridden_with_central);
        }
        let counts = key_counts(&effective);
        let base_items = crate::template::TemplateContent::Dpia(base.clone()).items();
        // Every base item except the risk model appears exactly once, and nothing else.
        prop_assert_eq!(counts.len(), base_items.len() - 1);
        for item in base_items.iter().filter(|i| i.key.as_str() != crate::template::RISK_MODEL_KEY) {
            prop_assert_eq!(counts.get(item.key.as_str()), Some(&1));
        }
        prop_assert!(effective.inconsistencies.is_empty());
        prop_assert!(violations(&base, &local).is_empty());
    }
}

#[test]
#[ignore = "a rough timing aid for SPEC §9; run with --release -- --ignored --nocapture"]
fn effective_assessment_of_a_national_size_template() {
    let ratings: Vec<(u8, u8)> = (0..300)
        .map(|i| ((i % 4 + 1) as u8, ((i / 4) % 4 + 1) as u8))
        .collect();
    let mut base = base_with(&ratings);
    base.recommendations.truncate(60);
    let mut local = LocalChanges::default();
    for i in (0..300).step_by(3) {
        local.overrides.push(Override {
            item_key: key(&format!("risk.{i}")),
            field: "likelihood".to_owned(),
            value: json!(1),
            justification: "Local experience.".to_owned(),
        });
    }
    for m in 0..40 {
        local.measures.push(
            measure(&format!("local.m{m}"))
                .mitigating(&[&format!("risk.{}", m * 7)])
                .implementing(&[&format!("rec.{}", m)])
                .build(),
        );
    }
    let started = std::time::Instant::now();
    let runs = 1000;
    for _ in 0..runs {
        std::hint::black_box(effective(&base, &local));
    }
    println!("effective: {:?} per assessment", started.elapsed() / runs);
    let command = set_override("risk.1", "likelihood", json!(4), "Local experience.");
    let started = std::time::Instant::now();
    for _ in 0..runs {
        std::hint::black_box(apply(&base, &local, &command).is_ok());
    }
    println!("apply: {:?} per override write", started.elapsed() / runs);
}
