//! The risk screen's pure parts (issue 15 screen 5): the list's filters, sorting and paging
//! over the effective assessment (300 risks at national scale, so the server does it) and the
//! risk maps before and after measures as counts per likelihood × consequence (the treatment
//! form's commands are in `risk_form.rs`). No HTTP, no database.

use serde::{Deserialize, Serialize};

use crate::domain::assessment::{EffectiveAssessment, EffectiveRisk, ItemProvenance};
use crate::domain::risk_model::{RiskLevel, RiskModel};
use crate::domain::template::ItemKey;

/// The largest page a person can ask for.
pub const MAX_PER_PAGE: usize = 100;
/// The page size when none is asked for.
pub const PER_PAGE: usize = 50;

/// The list's query string: every filter is a GET parameter, so a filtered list is a link.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct RiskQuery {
    /// `LOW`, `MEDIUM` or `HIGH`: the inherent level.
    #[serde(default)]
    pub inherent: String,
    /// `LOW`, `MEDIUM` or `HIGH`: the residual level.
    #[serde(default)]
    pub residual: String,
    /// `inherited`, `overridden`, `local` or `not-applicable`.
    #[serde(default)]
    pub provenance: String,
    /// `1`: only applicable risks without a treatment decision.
    #[serde(default)]
    pub untreated: String,
    /// A scope key.
    #[serde(default)]
    pub scope: String,
    /// `title`, `inherent` or `residual` (highest first); template order otherwise.
    #[serde(default)]
    pub sort: String,
    #[serde(default)]
    pub page: Option<usize>,
    #[serde(default)]
    pub per: Option<usize>,
}

impl RiskQuery {
    /// The query string of these filters and sorting (no page), for links that keep them.
    /// Values are limited to the known sets and item-key characters, so they need no escaping.
    pub fn filters(&self) -> String {
        let mut parts = Vec::new();
        let levels = ["LOW", "MEDIUM", "HIGH"];
        if levels.contains(&self.inherent.as_str()) {
            parts.push(format!("inherent={}", self.inherent));
        }
        if levels.contains(&self.residual.as_str()) {
            parts.push(format!("residual={}", self.residual));
        }
        if PROVENANCES.contains(&self.provenance.as_str()) {
            parts.push(format!("provenance={}", self.provenance));
        }
        if self.untreated == "1" {
            parts.push("untreated=1".into());
        }
        if ItemKey::parse(&self.scope).is_ok() {
            parts.push(format!("scope={}", self.scope));
        }
        if ["title", "inherent", "residual"].contains(&self.sort.as_str()) {
            parts.push(format!("sort={}", self.sort));
        }
        if let Some(per) = self.per.filter(|p| *p != PER_PAGE) {
            parts.push(format!("per={}", per.clamp(1, MAX_PER_PAGE)));
        }
        parts.join("&")
    }
}

/// The provenances a person can filter on (catalogue keys `report-prov-*`).
pub const PROVENANCES: [&str; 4] = ["inherited", "overridden", "local", "not-applicable"];

/// The catalogue tail of an item's provenance.
pub fn provenance_of(p: &ItemProvenance) -> &'static str {
    match p {
        ItemProvenance::Inherited => "inherited",
        ItemProvenance::Overridden => "overridden",
        ItemProvenance::Local => "local",
        ItemProvenance::NotApplicable { .. } => "not-applicable",
    }
}

/// A level's name as in JSON (`LOW`, …), also the catalogue key's tail (`risks-level-LOW`).
pub fn level_name(level: RiskLevel) -> &'static str {
    match level {
        RiskLevel::Low => "LOW",
        RiskLevel::Medium => "MEDIUM",
        RiskLevel::High => "HIGH",
    }
}

/// One row of the risk list.
#[derive(Debug, Serialize)]
pub struct RiskRow {
    pub key: String,
    pub title: String,
    pub scope: String,
    pub provenance: &'static str,
    pub inherent: &'static str,
    pub likelihood: u8,
    pub consequence: u8,
    /// `REDUCE`, `ACCEPT`, `AVOID`, `TRANSFER`, or `None` while untreated.
    pub decision: Option<String>,
    pub residual: &'static str,
    pub residual_rating: Option<(u8, u8)>,
    pub measures: usize,
}

/// One page of the filtered, sorted list.
#[derive(Debug, Serialize)]
pub struct RiskPage {
    pub rows: Vec<RiskRow>,
    /// Risks matching the filters.
    pub total: usize,
    /// Risks of the assessment.
    pub all: usize,
    /// 1-based positions of the first and last row shown (0 and 0 when none).
    pub first: usize,
    pub last: usize,
    pub page: usize,
    pub pages: usize,
}

fn matches(risk: &EffectiveRisk, q: &RiskQuery) -> bool {
    let level_ok =
        |wanted: &str, level: RiskLevel| wanted.is_empty() || wanted == level_name(level);
    level_ok(&q.inherent, risk.inherent_level)
        && level_ok(&q.residual, risk.residual_level)
        && (q.provenance.is_empty() || q.provenance == provenance_of(&risk.provenance))
        && (q.untreated != "1" || (risk.treatment.is_none() && risk.is_applicable()))
        && (q.scope.is_empty() || q.scope == risk.risk.scope.as_str())
}

fn row(risk: &EffectiveRisk) -> RiskRow {
    RiskRow {
        key: risk.key.to_string(),
        title: risk.risk.threat.clone(),
        scope: risk.risk.scope.to_string(),
        provenance: provenance_of(&risk.provenance),
        inherent: level_name(risk.inherent_level),
        likelihood: risk.likelihood.value,
        consequence: risk.consequence.value,
        decision: (risk.treatment.as_ref()).map(|t| decision_name(t.decision).to_owned()),
        residual: level_name(risk.residual_level),
        residual_rating: (risk.treatment.as_ref())
            .map(|t| (t.residual_likelihood, t.residual_consequence)),
        measures: risk.measures.len(),
    }
}

/// The decision's JSON name (`REDUCE`, …).
pub fn decision_name(d: crate::domain::assessment::TreatmentDecision) -> &'static str {
    use crate::domain::assessment::TreatmentDecision as D;
    match d {
        D::Reduce => "REDUCE",
        D::Accept => "ACCEPT",
        D::Avoid => "AVOID",
        D::Transfer => "TRANSFER",
    }
}

/// The risks of `effective` that match `q`, sorted and paged.
pub fn risk_page(effective: &EffectiveAssessment, q: &RiskQuery) -> RiskPage {
    let mut found: Vec<&EffectiveRisk> =
        (effective.risks.iter()).filter(|r| matches(r, q)).collect();
    // Stable sorts: equal levels keep the template's order.
    match q.sort.as_str() {
        "title" => found.sort_by(|a, b| {
            a.risk
                .threat
                .to_lowercase()
                .cmp(&b.risk.threat.to_lowercase())
        }),
        "inherent" => found.sort_by_key(|r| std::cmp::Reverse(r.inherent_level)),
        "residual" => found.sort_by_key(|r| std::cmp::Reverse(r.residual_level)),
        _ => {}
    }
    let per = q.per.unwrap_or(PER_PAGE).clamp(1, MAX_PER_PAGE);
    let total = found.len();
    let pages = total.div_ceil(per).max(1);
    let page = q.page.unwrap_or(1).clamp(1, pages);
    let start = (page - 1) * per;
    let rows: Vec<RiskRow> = found.into_iter().skip(start).take(per).map(row).collect();
    RiskPage {
        first: if rows.is_empty() { 0 } else { start + 1 },
        last: start + rows.len(),
        rows,
        total,
        all: effective.risks.len(),
        page,
        pages,
    }
}

/// A risk map: for each likelihood (highest first) and consequence, how many applicable risks
/// sit there, and the cell's level (said in words in the page, not only by colour).
#[derive(Debug, Serialize)]
pub struct RiskMap {
    /// `(value, label)` of each consequence level, lowest first (the columns).
    pub consequences: Vec<(u8, String)>,
    pub rows: Vec<MapRow>,
    pub total: usize,
}

#[derive(Debug, Serialize)]
pub struct MapRow {
    pub likelihood: u8,
    pub label: String,
    pub cells: Vec<MapCell>,
}

#[derive(Debug, Serialize)]
pub struct MapCell {
    pub count: usize,
    pub level: &'static str,
}

/// The maps before measures (inherent rating) and after (residual rating; an untreated risk
/// stays where it is). Risks marked not relevant are left out of both.
pub fn risk_maps(effective: &EffectiveAssessment) -> (RiskMap, RiskMap) {
    let applicable = || effective.risks.iter().filter(|r| r.is_applicable());
    let before = applicable().map(|r| (r.likelihood.value, r.consequence.value));
    let after = applicable().map(|r| match &r.treatment {
        Some(t) => (t.residual_likelihood, t.residual_consequence),
        None => (r.likelihood.value, r.consequence.value),
    });
    (
        map(&effective.risk_model, before.collect()),
        map(&effective.risk_model, after.collect()),
    )
}

fn map(model: &RiskModel, ratings: Vec<(u8, u8)>) -> RiskMap {
    let rows = (model.likelihood.iter().rev())
        .map(|l| MapRow {
            likelihood: l.value,
            label: l.label.clone(),
            cells: (model.consequence.iter())
                .map(|c| MapCell {
                    count: ratings.iter().filter(|r| **r == (l.value, c.value)).count(),
                    level: model.level(l.value, c.value).map_or("HIGH", level_name),
                })
                .collect(),
        })
        .collect();
    RiskMap {
        consequences: (model.consequence.iter())
            .map(|c| (c.value, c.label.clone()))
            .collect(),
        rows,
        total: ratings.len(),
    }
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
    fn filters_sort_and_pages_are_done_on_the_server() {
        let effective = demo();
        let all = risk_page(&effective, &RiskQuery::default());
        assert_eq!((all.total, all.first, all.last, all.pages), (34, 1, 34, 1));
        let high = RiskQuery {
            inherent: "HIGH".into(),
            ..RiskQuery::default()
        };
        let page = risk_page(&effective, &high);
        assert!(page.rows.iter().all(|r| r.inherent == "HIGH"));
        assert!(page.total > 0 && page.total < 34);
        let paged = RiskQuery {
            per: Some(10),
            page: Some(4),
            sort: "title".into(),
            ..RiskQuery::default()
        };
        let page = risk_page(&effective, &paged);
        assert_eq!(
            (page.first, page.last, page.pages, page.page),
            (31, 34, 4, 4)
        );
        assert_eq!(paged.filters(), "sort=title&per=10");
        let beyond = risk_page(
            &effective,
            &RiskQuery {
                page: Some(99),
                ..paged
            },
        );
        assert_eq!(beyond.page, 4, "a page past the end shows the last");
    }

    #[test]
    fn the_maps_count_every_applicable_risk_once_before_and_after() {
        let effective = demo();
        let (before, after) = risk_maps(&effective);
        assert_eq!(before.total, 34);
        let count: usize = before
            .rows
            .iter()
            .flat_map(|r| &r.cells)
            .map(|c| c.count)
            .sum();
        assert_eq!(count, 34);
        assert_eq!(before.rows[0].likelihood, 4, "highest likelihood first");
        assert_eq!(before.rows[0].cells[3].level, "HIGH");
        assert_eq!(after.total, 34);
    }
}
