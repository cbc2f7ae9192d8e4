//! The national template of SPEC §9: 17 scopes, 300 risks and 60 recommendations on the full
//! 4×4 risk model with written criteria and the incident rule.
//!
//! The risk model, the 17 scopes (5 data processes, 12 modules), the systematic description
//! and the necessity questions are those of the demo's joint DPIA (seed 003's AULA shape), so
//! the generated template is as rich per item as the hand-written one; the risk catalogue and
//! the recommendations are generated at national scale from the seed.

use std::collections::BTreeSet;

use super::rng::SplitMix64;
use crate::domain::interchange::{self, TemplateDocument, TemplateHeader, VersionHeader};
use crate::domain::template::{
    DpiaContent, ItemKey, MeasureKind, Obligation, Recommendation, Risk, Scope, SecurityProperty,
    TemplateContent, ThreatSource, VersionStatus,
};
use crate::error::{AppError, AppResult};

/// The key of the generated template.
pub const TEMPLATE_KEY: &str = "national-platform";
const TEMPLATE_TITLE: &str = "Joint DPIA for the national school and daycare platform";

/// The hand-written joint DPIA whose risk model, scopes, description and necessity answers
/// the national template reuses.
const DEMO_TEMPLATE: &str = include_str!("../../demo/school-platform-v1.json");

/// What the generated catalogue holds (SPEC §9 defaults: 300 risks, 60 recommendations).
#[derive(Clone, Copy, Debug)]
pub struct CatalogueSize {
    pub risks: usize,
    pub recommendations: usize,
}

const THREATS: &[(&str, ThreatSource, &[SecurityProperty])] = &[
    (
        "Personal data sent to the wrong recipient",
        ThreatSource::HumanError,
        &[SecurityProperty::Confidentiality],
    ),
    (
        "Access rights not removed when a user changes role",
        ThreatSource::ProcessFailure,
        &[SecurityProperty::Confidentiality],
    ),
    (
        "Account taken over through a phished password",
        ThreatSource::Malicious,
        &[
            SecurityProperty::Confidentiality,
            SecurityProperty::Integrity,
        ],
    ),
    (
        "Data lost in a failed update",
        ThreatSource::Technical,
        &[SecurityProperty::Integrity, SecurityProperty::Availability],
    ),
    (
        "Sub-processor uses data for its own purposes",
        ThreatSource::Supplier,
        &[SecurityProperty::Confidentiality],
    ),
    (
        "Sensitive notes visible to too wide a group",
        ThreatSource::HumanError,
        &[SecurityProperty::Confidentiality],
    ),
    (
        "Records kept longer than the retention period",
        ThreatSource::ProcessFailure,
        &[SecurityProperty::Confidentiality],
    ),
    (
        "Service unavailable when a child must be picked up",
        ThreatSource::Technical,
        &[SecurityProperty::Availability],
    ),
    (
        "Wrong guardian relation imported from master data",
        ThreatSource::Technical,
        &[
            SecurityProperty::Integrity,
            SecurityProperty::Confidentiality,
        ],
    ),
    (
        "Protected address disclosed to a guardian",
        ThreatSource::ProcessFailure,
        &[SecurityProperty::Confidentiality],
    ),
    (
        "Shared device left signed in",
        ThreatSource::HumanError,
        &[SecurityProperty::Confidentiality],
    ),
    (
        "Export file stored on a private device",
        ThreatSource::HumanError,
        &[SecurityProperty::Confidentiality],
    ),
];

const MEASURE_VERBS: &[&str] = &[
    "Train every user in",
    "Review quarterly",
    "Enforce two-factor sign-in for",
    "Log and monitor",
    "Restrict by role",
    "Delete automatically after the retention period",
    "Audit the sub-processor's handling of",
    "Test restore procedures for",
];

/// Builds the national template document from `seed`.
pub fn national_template(seed: u64, size: CatalogueSize) -> AppResult<TemplateDocument> {
    let demo = interchange::parse(DEMO_TEMPLATE.as_bytes())
        .map_err(|e| AppError::Internal(format!("the demo template is refused: {e}")))?;
    let TemplateContent::Dpia(mut content) = demo.content else {
        return Err(AppError::Internal("the demo template is not a DPIA".into()));
    };
    let mut rng = SplitMix64::new(seed).fork(0x7e4d_1a7e);
    content.risks = risks(&mut rng, &content, size.risks)?;
    content.recommendations = recommendations(&mut rng, &content, size.recommendations)?;
    Ok(TemplateDocument {
        template: TemplateHeader {
            key: key(TEMPLATE_KEY)?,
            title: TEMPLATE_TITLE.into(),
            language: demo.template.language,
        },
        version: VersionHeader {
            number: 1,
            status: VersionStatus::Draft,
            published_at: None,
            changelog: Some(format!(
                "National benchmark data set (seed {seed}): {} scopes, {} risks, {} recommendations.",
                content.scopes.len(),
                size.risks,
                size.recommendations
            )),
        },
        content: TemplateContent::Dpia(content),
    })
}

fn key(text: &str) -> AppResult<ItemKey> {
    ItemKey::parse(text).map_err(|e| AppError::Internal(format!("generated key {text:?}: {e}")))
}

/// The last segment of a scope key (`module.messages` → `messages`), for readable item keys.
fn scope_slug(scope: &Scope) -> &str {
    scope.key.as_str().rsplit('.').next().unwrap_or("scope")
}

/// Draws a likelihood or consequence on a 1–4 scale weighted towards the middle, so the
/// catalogue has the mix of levels a real one has (most MEDIUM, a share HIGH).
fn rating(rng: &mut SplitMix64) -> u8 {
    match rng.below(10) {
        0 => 1,
        1..=4 => 2,
        5..=7 => 3,
        _ => 4,
    }
}

fn risks(rng: &mut SplitMix64, content: &DpiaContent, count: usize) -> AppResult<Vec<Risk>> {
    let scopes = &content.scopes;
    if scopes.is_empty() {
        return Err(AppError::Internal("the demo template has no scopes".into()));
    }
    (0..count)
        .map(|index| {
            let scope = &scopes[index % scopes.len()];
            let (threat, source, properties) = THREATS[rng.below(THREATS.len())];
            let likelihood = rating(rng);
            let consequence = rating(rng);
            Ok(Risk {
                key: key(&format!("risk.{}.n{index:03}", scope_slug(scope)))?,
                scope: scope.key.clone(),
                threat: format!("{threat} ({}, case {index})", scope.title),
                description: format!(
                    "In {}, {}. The data subjects may lose control of their data, be exposed to \
                     discrimination or suffer distress; children are particularly vulnerable.",
                    scope.title,
                    threat.to_lowercase()
                ),
                threat_source: source,
                affected_properties: properties.iter().copied().collect::<BTreeSet<_>>(),
                likelihood,
                consequence,
                rationale: format!(
                    "Rated {likelihood}/{consequence} from the incident reports of the last three \
                     years and the number of users of {}.",
                    scope.title
                ),
            })
        })
        .collect()
}

fn recommendations(
    rng: &mut SplitMix64,
    content: &DpiaContent,
    count: usize,
) -> AppResult<Vec<Recommendation>> {
    let risks = &content.risks;
    if risks.is_empty() {
        return Ok(Vec::new());
    }
    (0..count)
        .map(|index| {
            // Each recommendation addresses a run of 3–8 risks, spread over the catalogue so
            // that most risks are addressed by at least one recommendation.
            let addressed = 3 + rng.below(6);
            let start = (index * risks.len() / count.max(1) + rng.below(5)) % risks.len();
            let mut addresses: Vec<ItemKey> = (0..addressed)
                .map(|step| risks[(start + step * 7) % risks.len()].key.clone())
                .collect();
            addresses.sort();
            addresses.dedup();
            let mut scopes: Vec<ItemKey> = addresses
                .iter()
                .filter_map(|k| risks.iter().find(|r| &r.key == k).map(|r| r.scope.clone()))
                .collect();
            scopes.sort();
            scopes.dedup();
            let verb = MEASURE_VERBS[rng.below(MEASURE_VERBS.len())];
            let kind = if rng.chance(55) {
                MeasureKind::Organisational
            } else {
                MeasureKind::Technical
            };
            let obligation = if rng.chance(40) {
                Obligation::Must
            } else {
                Obligation::Should
            };
            Ok(Recommendation {
                key: key(&format!("rec.n{index:02}"))?,
                scopes,
                title: format!("{verb} the affected data (recommendation {index})"),
                text: format!(
                    "All municipalities shall {} the personal data of the scopes concerned, and \
                     document how they do it, so the listed risks are reduced.",
                    verb.to_lowercase()
                ),
                kind,
                obligation,
                addresses_risks: addresses,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::template::validate;

    fn size() -> CatalogueSize {
        CatalogueSize {
            risks: 300,
            recommendations: 60,
        }
    }

    #[test]
    fn the_national_template_has_the_size_of_spec_section_9_and_validates() {
        let document = national_template(1, size()).expect("generated");
        let dpia = document.content.as_dpia().expect("a DPIA");
        assert_eq!(dpia.scopes.len(), 17);
        assert_eq!(dpia.risks.len(), 300);
        assert_eq!(dpia.recommendations.len(), 60);
        assert_eq!(validate(&document.content), Vec::new());
    }

    #[test]
    fn the_same_seed_gives_the_same_template_and_another_seed_another() {
        let a = national_template(5, size()).expect("generated");
        let b = national_template(5, size()).expect("generated");
        let c = national_template(6, size()).expect("generated");
        assert_eq!(a, b);
        assert_ne!(a.content, c.content);
    }
}
