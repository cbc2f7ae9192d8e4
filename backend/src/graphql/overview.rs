//! GraphQL of the adopter overview (SPEC §4): the authority sees every adopter; the owning
//! central body sees aggregate counts only, some suppressed (`null`) under the small-group rule.

use juniper::GraphQLObject;

use crate::context::OrgKind;
use crate::domain::disclosure::{self, MIN_GROUP};
use crate::error::{AppError, AppResult};
use crate::overview::{Overview, STATUSES};

use super::templates::wire_name;

#[derive(GraphQLObject)]
pub struct AdopterRow {
    pub organisation_id: juniper::ID,
    pub organisation: String,
    pub assessment_id: juniper::ID,
    pub pinned_version: i32,
    pub status: String,
    pub overrides: i32,
    pub lowered_risks: i32,
    pub residual_highs: i32,
    pub unaddressed_recommendations: i32,
    pub error_findings: i32,
    pub warning_findings: i32,
}

#[derive(GraphQLObject)]
pub struct AdopterEdge {
    pub cursor: String,
    pub node: AdopterRow,
}

#[derive(GraphQLObject)]
pub struct AdopterConnection {
    pub total_count: i32,
    pub edges: Vec<AdopterEdge>,
    pub page_info: super::types::PageInfo,
}

/// A count, or `null` where showing it could single out a controller (central body only).
#[derive(GraphQLObject)]
pub struct VersionCount {
    pub version: i32,
    pub adopters: Option<i32>,
}

#[derive(GraphQLObject)]
pub struct StatusCount {
    /// A response status, e.g. `UNADDRESSED`.
    pub status: String,
    pub adopters: Option<i32>,
}

#[derive(GraphQLObject)]
pub struct RecommendationStats {
    pub key: String,
    pub responses: Vec<StatusCount>,
}

#[derive(GraphQLObject)]
pub struct RiskStats {
    pub key: String,
    pub lowered: Option<i32>,
    pub residual_high: Option<i32>,
    pub not_applicable: Option<i32>,
    pub untreated: Option<i32>,
}

#[derive(GraphQLObject)]
pub struct RuleCount {
    pub rule_id: String,
    /// Adopters with at least one finding of this rule.
    pub adopters: Option<i32>,
}

#[derive(GraphQLObject)]
pub struct AdopterOverview {
    pub template_key: String,
    pub adopter_count: i32,
    /// True for the central body's aggregate view.
    pub aggregate_only: bool,
    /// The small-group rule applied to aggregate figures.
    pub disclosure_rule: String,
    pub adopters_per_version: Vec<VersionCount>,
    /// Every adopter (supervisory authority only; `null` for the central body).
    pub adopters: Option<AdopterConnection>,
    pub recommendations: Vec<RecommendationStats>,
    pub risks: Vec<RiskStats>,
    pub findings_per_rule: Vec<RuleCount>,
}

fn n(v: usize) -> Option<i32> {
    Some(v as i32)
}

pub fn build(
    template_key: &str,
    viewer: OrgKind,
    overview: Overview,
    first: Option<i32>,
    after: Option<String>,
) -> AppResult<AdopterOverview> {
    let total = overview.adopters.len();
    let aggregate = viewer != OrgKind::SupervisoryAuthority;
    let one = |v: usize| {
        if aggregate {
            disclosure::count(v, total).map(|c| c as i32)
        } else {
            n(v)
        }
    };
    let part = |values: &[usize]| -> Vec<Option<i32>> {
        if aggregate {
            disclosure::partition(values, total)
                .into_iter()
                .map(|c| c.map(|c| c as i32))
                .collect()
        } else {
            values.iter().map(|v| n(*v)).collect()
        }
    };
    let version_counts: Vec<usize> = overview.per_version.iter().map(|(_, c)| *c).collect();
    let adopters_per_version = overview
        .per_version
        .iter()
        .zip(part(&version_counts))
        .map(|((version, _), adopters)| VersionCount {
            version: *version,
            adopters,
        })
        .collect();
    let recommendations = overview
        .recommendations
        .iter()
        .map(|r| {
            let counts: Vec<usize> = r.per_status.iter().map(|(_, c)| *c).collect();
            RecommendationStats {
                key: r.key.clone(),
                responses: STATUSES
                    .iter()
                    .zip(part(&counts))
                    .map(|(s, adopters)| StatusCount {
                        status: wire_name(s),
                        adopters,
                    })
                    .collect(),
            }
        })
        .collect();
    let risks = overview
        .risks
        .iter()
        .map(|r| RiskStats {
            key: r.key.clone(),
            lowered: one(r.lowered),
            residual_high: one(r.residual_high),
            not_applicable: one(r.not_applicable),
            untreated: one(r.untreated),
        })
        .collect();
    let mut per_rule: std::collections::BTreeMap<&str, usize> = Default::default();
    for a in &overview.adopters {
        for rule in a.summary.findings_per_rule.keys() {
            *per_rule.entry(rule).or_default() += 1;
        }
    }
    let findings_per_rule = per_rule
        .into_iter()
        .map(|(rule, c)| RuleCount {
            rule_id: rule.to_string(),
            adopters: one(c),
        })
        .collect();
    let adopters = if aggregate {
        None
    } else {
        let first = first.unwrap_or(100);
        if !(1..=200).contains(&first) {
            return Err(AppError::validation(
                "first",
                "first must be between 1 and 200",
            ));
        }
        let start = match after {
            Some(c) => {
                c.parse::<usize>()
                    .map_err(|_| AppError::validation("after", "not a cursor of this connection"))?
                    + 1
            }
            None => 0,
        };
        let edges: Vec<AdopterEdge> = overview
            .adopters
            .into_iter()
            .enumerate()
            .skip(start)
            .take(first as usize)
            .map(|(i, a)| AdopterEdge {
                cursor: i.to_string(),
                node: AdopterRow {
                    organisation_id: a.organisation_id.into(),
                    organisation: a.organisation,
                    assessment_id: a.assessment_id.into(),
                    pinned_version: a.pinned_version,
                    status: a.status,
                    overrides: a.summary.overrides as i32,
                    lowered_risks: a.summary.lowered_risks as i32,
                    residual_highs: a.summary.residual_highs as i32,
                    unaddressed_recommendations: a.summary.unaddressed as i32,
                    error_findings: a.summary.errors as i32,
                    warning_findings: a.summary.warnings as i32,
                },
            })
            .collect();
        let end = start + edges.len();
        Some(AdopterConnection {
            total_count: total as i32,
            page_info: super::types::PageInfo {
                has_next_page: end < total,
                end_cursor: edges.last().map(|e| e.cursor.clone()),
            },
            edges,
        })
    };
    Ok(AdopterOverview {
        template_key: template_key.to_string(),
        adopter_count: total as i32,
        aggregate_only: aggregate,
        disclosure_rule: format!(
            "Aggregate figures need at least {MIN_GROUP} adopters; a count (or its complement) \
             between 1 and {} is shown as null, and in a row that partitions the adopters a \
             second cell is hidden with a single hidden one so nothing is recovered by subtraction.",
            MIN_GROUP - 1
        ),
        adopters_per_version,
        adopters,
        recommendations,
        risks,
        findings_per_rule,
    })
}
