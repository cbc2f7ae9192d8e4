//! The adopter overview of one template (SPEC §4, issue 6): per adopter figures for the
//! authority; aggregate counts only, under the small-group rule of
//! `dpiahub_domain::disclosure`, for the central body.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use crate::domain::assessment::{effective, EffectiveAssessment, Provenance, ResponseStatus};
use crate::domain::checks::{run_checks, Severity};
use crate::domain::risk_model::RiskLevel;
use crate::domain::template::DpiaContent;
use crate::error::AppResult;
use crate::store::assessments::dpia_of;
use crate::store::overview::Adopters;

/// One adopter's figures (authority only).
pub struct AdopterFigures {
    pub organisation_id: String,
    pub organisation: String,
    pub assessment_id: String,
    pub pinned_version: i32,
    pub status: String,
    pub overrides: usize,
    pub lowered_risks: usize,
    pub residual_highs: usize,
    pub unaddressed: usize,
    pub errors: usize,
    pub warnings: usize,
    /// Per rule id, the number of findings.
    pub findings_per_rule: BTreeMap<&'static str, usize>,
}

/// How adopters treated one recommendation: counts per response status.
pub struct RecommendationFigures {
    pub key: String,
    pub per_status: Vec<(ResponseStatus, usize)>,
}

/// How adopters treated one risk.
pub struct RiskFigures {
    pub key: String,
    pub lowered: usize,
    pub residual_high: usize,
    pub not_applicable: usize,
    pub untreated: usize,
}

pub struct Overview {
    pub adopters: Vec<AdopterFigures>,
    pub per_version: Vec<(i32, usize)>,
    pub recommendations: Vec<RecommendationFigures>,
    pub risks: Vec<RiskFigures>,
}

pub const STATUSES: [ResponseStatus; 6] = [
    ResponseStatus::Unaddressed,
    ResponseStatus::Implemented,
    ResponseStatus::PartiallyImplemented,
    ResponseStatus::Planned,
    ResponseStatus::Alternative,
    ResponseStatus::NotApplicable,
];

fn lowered(p: &Provenance) -> bool {
    matches!(p, Provenance::Overridden { direction, .. } if *direction == crate::domain::assessment::Direction::Lowered)
}

/// Computes every figure once: one effective assessment and one check run per adopter.
pub fn compute(adopters: &Adopters, today: NaiveDate) -> AppResult<Overview> {
    let mut bases: HashMap<i32, std::sync::Arc<DpiaContent>> = HashMap::new();
    for version in &adopters.versions {
        if version.status != "DRAFT" {
            bases.insert(version.number, dpia_of(version)?);
        }
    }
    let latest = adopters
        .versions
        .iter()
        .rev()
        .find(|v| v.status == "PUBLISHED");
    let catalogue = latest.and_then(|v| bases.get(&v.number));
    let settings = adopters.template.check_settings();
    let mut figures = Vec::new();
    let mut effectives: Vec<EffectiveAssessment> = Vec::new();
    let mut per_version: BTreeMap<i32, usize> = BTreeMap::new();
    for (org, assessment) in &adopters.assessments {
        let Some(base) = bases.get(&assessment.base_version) else {
            continue;
        };
        let local = assessment.local()?;
        let e = effective(base, &local);
        let findings = run_checks(&e, &settings, today);
        *per_version.entry(assessment.base_version).or_default() += 1;
        figures.push(AdopterFigures {
            organisation_id: org.id.clone(),
            organisation: org.name.clone(),
            assessment_id: assessment.id.clone(),
            pinned_version: assessment.base_version,
            status: assessment.status.clone(),
            overrides: local.overrides.len(),
            lowered_risks: e
                .risks
                .iter()
                .filter(|r| lowered(&r.likelihood.provenance) || lowered(&r.consequence.provenance))
                .count(),
            residual_highs: e
                .risks
                .iter()
                .filter(|r| r.is_applicable() && r.residual_level == RiskLevel::High)
                .count(),
            unaddressed: e
                .recommendations
                .iter()
                .filter(|r| r.status == ResponseStatus::Unaddressed)
                .count(),
            errors: findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .count(),
            warnings: findings
                .iter()
                .filter(|f| f.severity == Severity::Warning)
                .count(),
            findings_per_rule: crate::domain::checks::FindingCounts::of(&findings).per_rule,
        });
        effectives.push(e);
    }
    // Index each adopter's risks and recommendations by key once: looking them up per
    // catalogue item by scanning was quadratic (docs/PERFORMANCE.md).
    let risk_index: Vec<HashMap<&str, usize>> = effectives
        .iter()
        .map(|e| {
            e.risks
                .iter()
                .enumerate()
                .map(|(i, r)| (r.key.as_str(), i))
                .collect()
        })
        .collect();
    let recommendation_index: Vec<HashMap<&str, usize>> = effectives
        .iter()
        .map(|e| {
            e.recommendations
                .iter()
                .enumerate()
                .map(|(i, r)| (r.recommendation.key.as_str(), i))
                .collect()
        })
        .collect();
    let recommendations = catalogue
        .map(|base| {
            base.recommendations
                .iter()
                .map(|rec| RecommendationFigures {
                    key: rec.key.to_string(),
                    per_status: STATUSES
                        .iter()
                        .map(|status| {
                            let n = effectives
                                .iter()
                                .zip(&recommendation_index)
                                .filter(|(e, index)| {
                                    index
                                        .get(rec.key.as_str())
                                        .is_some_and(|i| e.recommendations[*i].status == *status)
                                })
                                .count();
                            (*status, n)
                        })
                        .collect(),
                })
                .collect()
        })
        .unwrap_or_default();
    let risks = catalogue
        .map(|base| {
            base.risks
                .iter()
                .map(|risk| {
                    let found: Vec<_> = effectives
                        .iter()
                        .zip(&risk_index)
                        .filter_map(|(e, index)| index.get(risk.key.as_str()).map(|i| &e.risks[*i]))
                        .collect();
                    RiskFigures {
                        key: risk.key.to_string(),
                        lowered: found
                            .iter()
                            .filter(|r| {
                                lowered(&r.likelihood.provenance)
                                    || lowered(&r.consequence.provenance)
                            })
                            .count(),
                        residual_high: found
                            .iter()
                            .filter(|r| r.is_applicable() && r.residual_level == RiskLevel::High)
                            .count(),
                        not_applicable: found.iter().filter(|r| !r.is_applicable()).count(),
                        untreated: found
                            .iter()
                            .filter(|r| {
                                r.is_applicable()
                                    && r.treatment.is_none()
                                    && r.inherent_level >= RiskLevel::Medium
                            })
                            .count(),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(Overview {
        adopters: figures,
        per_version: per_version.into_iter().collect(),
        recommendations,
        risks,
    })
}
