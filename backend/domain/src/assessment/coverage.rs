//! Coverage (SPEC §3, a first-class query): for every recommendation the local measures that
//! implement it, for every risk the measures that mitigate it, for every measure what it
//! covers, and what nothing covers. Seed 003: one training measure was the only mitigation of
//! 16 of 27 high risks; this is where that shows.

use serde::{Deserialize, Serialize};

use super::{EffectiveAssessment, MeasureRef, MeasureStatus, ResponseStatus};
use crate::risk_model::RiskLevel;
use crate::template::ItemKey;

/// Coverage of one assessment, both ways.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    /// Every recommendation with its implementing measures.
    pub recommendations: Vec<RecommendationCoverage>,
    /// Every risk with its mitigating measures.
    pub risks: Vec<RiskCoverage>,
    /// Every measure with what it covers.
    pub measures: Vec<MeasureCoverage>,
    /// Applicable recommendations (not answered `NOT_APPLICABLE`) that no measure in force
    /// implements.
    pub uncovered_recommendations: Vec<ItemKey>,
    /// Applicable risks that no measure in force mitigates.
    pub unmitigated_risks: Vec<ItemKey>,
}

/// The measures implementing one recommendation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecommendationCoverage {
    /// The recommendation.
    pub key: ItemKey,
    /// Its answer's status.
    pub status: ResponseStatus,
    /// The measures that implement it, with their status.
    pub measures: Vec<MeasureRef>,
}

/// The measures mitigating one risk.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskCoverage {
    /// The risk.
    pub key: ItemKey,
    /// Its residual level.
    pub residual_level: RiskLevel,
    /// The measures that mitigate it, with their status.
    pub measures: Vec<MeasureRef>,
}

/// What one measure covers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureCoverage {
    /// The measure.
    pub measure: MeasureRef,
    /// The risks it mitigates.
    pub mitigates: Vec<ItemKey>,
    /// The recommendations it implements.
    pub implements: Vec<ItemKey>,
}

/// The coverage of an effective assessment.
pub fn coverage(assessment: &EffectiveAssessment) -> Coverage {
    let in_force = |measures: &[MeasureRef]| measures.iter().any(|m| m.status.is_in_force());
    Coverage {
        recommendations: (assessment.recommendations.iter())
            .map(|r| RecommendationCoverage {
                key: r.recommendation.key.clone(),
                status: r.status,
                measures: r.measures.clone(),
            })
            .collect(),
        risks: (assessment.risks.iter())
            .map(|r| RiskCoverage {
                key: r.key.clone(),
                residual_level: r.residual_level,
                measures: r.measures.clone(),
            })
            .collect(),
        measures: (assessment.measures.iter())
            .map(|m| MeasureCoverage {
                measure: MeasureRef::of(m),
                mitigates: m.mitigates.clone(),
                implements: m.implements.clone(),
            })
            .collect(),
        uncovered_recommendations: (assessment.recommendations.iter())
            .filter(|r| r.status != ResponseStatus::NotApplicable && !in_force(&r.measures))
            .map(|r| r.recommendation.key.clone())
            .collect(),
        unmitigated_risks: (assessment.risks.iter())
            .filter(|r| r.is_applicable() && !in_force(&r.measures))
            .map(|r| r.key.clone())
            .collect(),
    }
}

impl MeasureCoverage {
    /// Whether the measure is in force (planned or implemented).
    pub fn is_in_force(&self) -> bool {
        !matches!(self.measure.status, MeasureStatus::Retired { .. })
    }
}
