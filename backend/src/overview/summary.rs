//! What the adopter overview needs of one assessment, distilled from its effective assessment
//! and check findings. The effective assessment is dropped as soon as the summary is built:
//! keeping all adopters' effective assessments alive at once was most of the server's memory
//! (docs/PERFORMANCE.md).

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use crate::domain::assessment::{effective, Direction, LocalChanges, Provenance, ResponseStatus};
use crate::domain::checks::{run_checks, CheckSettings, FindingCounts, Severity};
use crate::domain::risk_model::RiskLevel;
use crate::domain::template::DpiaContent;

/// How one adopter treated one risk.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RiskMarks {
    /// Likelihood or consequence overridden downwards.
    pub lowered: bool,
    /// Applicable and high after the controller's measures.
    pub residual_high: bool,
    pub not_applicable: bool,
    /// Applicable, at least medium, and no treatment recorded.
    pub untreated: bool,
}

/// One adopter's figures, without who the adopter is (that comes fresh from the row).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AdopterSummary {
    pub overrides: usize,
    pub lowered_risks: usize,
    pub residual_highs: usize,
    pub unaddressed: usize,
    pub errors: usize,
    pub warnings: usize,
    /// Per rule id, the number of findings.
    pub findings_per_rule: BTreeMap<&'static str, usize>,
    /// Per risk key (base and local risks), how the adopter treated it.
    pub risks: HashMap<String, RiskMarks>,
    /// Per recommendation key, the adopter's response status.
    pub responses: HashMap<String, ResponseStatus>,
}

fn lowered(p: &Provenance) -> bool {
    matches!(p, Provenance::Overridden { direction, .. } if *direction == Direction::Lowered)
}

/// Summarises one adopter's assessment: one effective assessment and one check run.
pub fn summarise(
    base: &DpiaContent,
    local: &LocalChanges,
    settings: &CheckSettings,
    today: NaiveDate,
) -> AdopterSummary {
    let e = effective(base, local);
    let findings = run_checks(&e, settings, today);
    let risks: HashMap<String, RiskMarks> = e
        .risks
        .iter()
        .map(|r| {
            let applicable = r.is_applicable();
            let marks = RiskMarks {
                lowered: lowered(&r.likelihood.provenance) || lowered(&r.consequence.provenance),
                residual_high: applicable && r.residual_level == RiskLevel::High,
                not_applicable: !applicable,
                untreated: applicable
                    && r.treatment.is_none()
                    && r.inherent_level >= RiskLevel::Medium,
            };
            (r.key.to_string(), marks)
        })
        .collect();
    let responses: HashMap<String, ResponseStatus> = e
        .recommendations
        .iter()
        .map(|r| (r.recommendation.key.to_string(), r.status))
        .collect();
    AdopterSummary {
        overrides: local.overrides.len(),
        lowered_risks: risks.values().filter(|m| m.lowered).count(),
        residual_highs: risks.values().filter(|m| m.residual_high).count(),
        unaddressed: responses
            .values()
            .filter(|s| **s == ResponseStatus::Unaddressed)
            .count(),
        errors: findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count(),
        warnings: findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .count(),
        findings_per_rule: FindingCounts::of(&findings).per_rule,
        risks,
        responses,
    }
}
