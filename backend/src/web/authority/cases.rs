//! Screen 7, the case list: every assessment of every controller with the figures a case
//! officer sorts and filters by (lowered risks, unanswered and declined recommendations, open
//! errors, residual highs, overdue review, template and version), server-side. The figures are
//! the adopter overview's cached summaries (`crate::overview`), not recomputed per request.

use actix_web::web;
use minijinja::context;
use minijinja::value::Serde;
use serde::{Deserialize, Serialize};

use super::require_authority;
use crate::domain::assessment::ResponseStatus;
use crate::error::AppResult;
use crate::overview;
use crate::store::{templates, DbConnection};
use crate::web::errors::PageResult;
use crate::web::render::render;
use crate::web::session::SignedIn;

/// The check rule that says the yearly review is overdue (Art. 35(11)).
const REVIEW_OVERDUE: &str = "A35_11_REVIEW_OVERDUE";

#[derive(Clone, Debug, Serialize)]
pub struct Case {
    pub assessment_id: String,
    pub organisation: String,
    pub template_key: String,
    pub template_title: String,
    pub version: i32,
    pub status: String,
    pub overrides: usize,
    pub lowered: usize,
    pub unanswered: usize,
    pub declined: usize,
    pub errors: usize,
    pub warnings: usize,
    pub residual_highs: usize,
    pub overdue: bool,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct CaseQuery {
    /// A template key; empty for all.
    #[serde(default)]
    pub template: String,
    /// A pinned version number; empty for all.
    #[serde(default)]
    pub version: String,
    /// One of [`FILTERS`]; empty for all.
    #[serde(default)]
    pub only: String,
    /// One of [`SORTS`].
    #[serde(default)]
    pub sort: String,
    /// `asc` or `desc`.
    #[serde(default)]
    pub dir: String,
}

pub const FILTERS: &[&str] = &[
    "lowered",
    "unanswered",
    "declined",
    "errors",
    "residual-high",
    "overdue",
];
pub const SORTS: &[&str] = &[
    "organisation",
    "template",
    "lowered",
    "unanswered",
    "declined",
    "errors",
    "residual-high",
];

/// A template to filter by, with the versions its adopters are pinned to.
#[derive(Serialize)]
pub struct TemplateChoice {
    pub key: String,
    pub title: String,
    pub versions: Vec<i32>,
}

/// Every case the actor may see (the authority: every adopter of every DPIA template).
pub fn all_cases(
    conn: &mut DbConnection,
    actor: &crate::context::Actor,
    cache: &overview::SummaryCache,
    today: chrono::NaiveDate,
) -> AppResult<(Vec<Case>, Vec<TemplateChoice>)> {
    let mut cases = Vec::new();
    let mut choices = Vec::new();
    for template in templates::list(conn, actor)? {
        if template.kind != "DPIA" {
            continue;
        }
        let adopters = crate::store::overview::load(conn, actor, &template.key)?;
        let figures = overview::compute(conn, &adopters, cache, today)?;
        let versions: Vec<i32> = figures.per_version.iter().map(|(v, _)| *v).collect();
        choices.push(TemplateChoice {
            key: template.key.clone(),
            title: template.title.clone(),
            versions,
        });
        for a in figures.adopters {
            let s = &a.summary;
            cases.push(Case {
                assessment_id: a.assessment_id,
                organisation: a.organisation,
                template_key: template.key.clone(),
                template_title: template.title.clone(),
                version: a.pinned_version,
                status: a.status,
                overrides: s.overrides,
                lowered: s.lowered_risks,
                unanswered: s.unaddressed,
                declined: s
                    .responses
                    .values()
                    .filter(|r| **r == ResponseStatus::NotApplicable)
                    .count(),
                errors: s.errors,
                warnings: s.warnings,
                residual_highs: s.residual_highs,
                overdue: s.findings_per_rule.contains_key(REVIEW_OVERDUE),
            });
        }
    }
    Ok((cases, choices))
}

/// Keeps the cases the query asks for, sorted as it asks.
pub fn select(mut cases: Vec<Case>, q: &CaseQuery) -> Vec<Case> {
    cases.retain(|c| {
        (q.template.is_empty() || c.template_key == q.template)
            && (q.version.is_empty() || q.version.parse() == Ok(c.version))
            && match q.only.as_str() {
                "lowered" => c.lowered > 0,
                "unanswered" => c.unanswered > 0,
                "declined" => c.declined > 0,
                "errors" => c.errors > 0,
                "residual-high" => c.residual_highs > 0,
                "overdue" => c.overdue,
                _ => true,
            }
    });
    let by_name = |a: &Case, b: &Case| {
        a.organisation
            .cmp(&b.organisation)
            .then(a.template_title.cmp(&b.template_title))
    };
    // Figures sort largest first by default: the cases that need the officer come first.
    let desc_default = !matches!(q.sort.as_str(), "" | "organisation" | "template");
    let desc = match q.dir.as_str() {
        "asc" => false,
        "desc" => true,
        _ => desc_default,
    };
    cases.sort_by(|a, b| {
        let order = match q.sort.as_str() {
            "template" => a
                .template_title
                .cmp(&b.template_title)
                .then(a.version.cmp(&b.version)),
            "lowered" => a.lowered.cmp(&b.lowered),
            "unanswered" => a.unanswered.cmp(&b.unanswered),
            "declined" => a.declined.cmp(&b.declined),
            "errors" => a.errors.cmp(&b.errors),
            "residual-high" => a.residual_highs.cmp(&b.residual_highs),
            _ => std::cmp::Ordering::Equal,
        };
        let order = if desc { order.reverse() } else { order };
        order.then_with(|| by_name(a, b))
    });
    cases
}

/// `GET /authority/cases?template=&version=&only=&sort=&dir=`.
pub async fn list(signed: SignedIn, query: web::Query<CaseQuery>) -> PageResult {
    require_authority(&signed)?;
    let today = signed.state.today();
    let (cases, choices) = signed
        .load(move |state, actor, conn| all_cases(conn, actor, &state.overview_cache, today))
        .await?;
    let q = query.into_inner();
    let total = cases.len();
    let shown = select(cases, &q);
    let templates = choices;
    let mut all_versions: Vec<i32> = templates
        .iter()
        .flat_map(|t| t.versions.iter().copied())
        .collect();
    all_versions.sort_unstable();
    all_versions.dedup();
    render(
        &signed.chrome,
        "web/authority/cases.html",
        context! {
            cases => Serde(shown),
            total => total,
            q => Serde(&q),
            templates => Serde(templates),
            versions => all_versions,
            filters => Serde(FILTERS),
            sorts => Serde(SORTS),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(organisation: &str, lowered: usize, errors: usize, overdue: bool) -> Case {
        Case {
            assessment_id: organisation.to_lowercase(),
            organisation: organisation.into(),
            template_key: "school-platform".into(),
            template_title: "SkoleBro".into(),
            version: 1,
            status: "DRAFT".into(),
            overrides: 0,
            lowered,
            unanswered: 0,
            declined: 0,
            errors,
            warnings: 0,
            residual_highs: 0,
            overdue,
        }
    }

    fn names(cases: &[Case]) -> Vec<&str> {
        cases.iter().map(|c| c.organisation.as_str()).collect()
    }

    #[test]
    fn figures_sort_largest_first_and_names_alphabetically_by_default() {
        let all = vec![
            case("Sydby", 1, 50, false),
            case("Nordby", 2, 0, true),
            case("Østerby", 0, 2, false),
        ];
        let q = |sort: &str, dir: &str| CaseQuery {
            sort: sort.into(),
            dir: dir.into(),
            ..CaseQuery::default()
        };
        assert_eq!(
            names(&select(all.clone(), &q("", ""))),
            ["Nordby", "Sydby", "Østerby"]
        );
        assert_eq!(
            names(&select(all.clone(), &q("errors", ""))),
            ["Sydby", "Østerby", "Nordby"]
        );
        assert_eq!(
            names(&select(all.clone(), &q("errors", "asc"))),
            ["Nordby", "Østerby", "Sydby"]
        );
        assert_eq!(
            names(&select(all, &q("lowered", ""))),
            ["Nordby", "Sydby", "Østerby"]
        );
    }

    #[test]
    fn filters_keep_only_the_cases_that_need_the_officer() {
        let all = vec![
            case("Sydby", 1, 50, false),
            case("Nordby", 2, 0, true),
            case("Østerby", 0, 2, false),
        ];
        let only = |f: &str| CaseQuery {
            only: f.into(),
            ..CaseQuery::default()
        };
        assert_eq!(
            names(&select(all.clone(), &only("lowered"))),
            ["Nordby", "Sydby"]
        );
        assert_eq!(names(&select(all.clone(), &only("overdue"))), ["Nordby"]);
        assert_eq!(
            names(&select(all.clone(), &only("errors"))),
            ["Sydby", "Østerby"]
        );
        let v2 = CaseQuery {
            version: "2".into(),
            ..CaseQuery::default()
        };
        assert!(select(all, &v2).is_empty());
    }
}
