//! Screens 5 and 10, the adoption overview of one template or code. The owning central body
//! gets counts only, each passed through the small-group rule (`domain::disclosure`) and a
//! visible note when one is held back; the supervisory authority gets every adopter in full,
//! each linking to its review page. Anyone else: the 404 page (`store::overview::load`).

use actix_web::web;
use minijinja::context;
use minijinja::value::Serde;
use serde::Serialize;

use crate::context::{Actor, OrgKind};
use crate::domain::adherence::{clause_figures, effective_adherence, AdherenceStatus};
use crate::domain::disclosure;
use crate::error::{AppError, AppResult};
use crate::overview::{self as figures, SummaryCache, STATUSES};
use crate::store::adherences::{self, code_of};
use crate::store::{templates, DbConnection};
use crate::web::errors::{PageError, PageResult};
use crate::web::render::render;
use crate::web::session::SignedIn;

/// One row of counts: a label and its cells (`None`: held back).
#[derive(Serialize)]
struct CountRow {
    key: String,
    title: String,
    cells: Vec<Option<usize>>,
}

/// A table of counts: its name, column names (catalogue keys) and rows.
#[derive(Serialize)]
struct Table {
    name: &'static str,
    columns: Vec<String>,
    rows: Vec<CountRow>,
}

/// One adopter in full (authority only).
#[derive(Serialize)]
struct AdopterRow {
    organisation: String,
    link: Option<String>,
    version: i32,
    status: String,
    figures: Vec<usize>,
}

#[derive(Serialize)]
struct Overview {
    key: String,
    title: String,
    kind: String,
    aggregate: bool,
    total: usize,
    group_shown: bool,
    withheld: bool,
    per_version: Vec<(i32, Option<usize>)>,
    /// Tables of counts (recommendations and risks; clauses).
    tables: Vec<Table>,
    /// Column names of `adopters`.
    adopter_columns: Vec<String>,
    adopters: Vec<AdopterRow>,
}

fn wire<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn disclose(
    values: &[usize],
    total: usize,
    aggregate: bool,
    partition: bool,
) -> Vec<Option<usize>> {
    if !aggregate {
        return values.iter().map(|v| Some(*v)).collect();
    }
    if partition {
        disclosure::partition(values, total)
    } else {
        values
            .iter()
            .map(|v| disclosure::count(*v, total))
            .collect()
    }
}

fn dpia(
    conn: &mut DbConnection,
    actor: &Actor,
    key: &str,
    cache: &SummaryCache,
    today: chrono::NaiveDate,
) -> AppResult<Overview> {
    let adopters = crate::store::overview::load(conn, actor, key)?;
    let computed = figures::compute(conn, &adopters, cache, today)?;
    let aggregate = actor.org_kind != OrgKind::SupervisoryAuthority;
    let total = computed.adopters.len();
    let titles: std::collections::HashMap<String, String> = adopters
        .versions
        .iter()
        .rev()
        .find(|v| v.status == "PUBLISHED")
        .map(crate::store::assessments::dpia_of)
        .transpose()?
        .map(|base| crate::web::authority::rows::titles(&base))
        .unwrap_or_default();
    let title_of = |k: &str| titles.get(k).cloned().unwrap_or_else(|| k.to_string());
    let version_counts: Vec<usize> = computed.per_version.iter().map(|(_, c)| *c).collect();
    let per_version = computed
        .per_version
        .iter()
        .map(|(v, _)| *v)
        .zip(disclose(&version_counts, total, aggregate, true))
        .collect();
    let mut rows = Vec::new();
    for r in &computed.recommendations {
        let counts: Vec<usize> = r.per_status.iter().map(|(_, c)| *c).collect();
        rows.push(CountRow {
            title: title_of(&r.key),
            key: r.key.clone(),
            cells: disclose(&counts, total, aggregate, true),
        });
    }
    let mut risk_rows = Vec::new();
    for r in &computed.risks {
        let counts = [r.lowered, r.residual_high, r.not_applicable, r.untreated];
        risk_rows.push(CountRow {
            title: title_of(&r.key),
            key: r.key.clone(),
            cells: disclose(&counts, total, aggregate, false),
        });
    }
    let tables = vec![
        Table {
            name: "recommendations",
            columns: STATUSES
                .iter()
                .map(|s| format!("response-{}", wire(s)))
                .collect(),
            rows,
        },
        Table {
            name: "risks",
            columns: ["lowered", "residual-high", "not-applicable", "untreated"]
                .iter()
                .map(|s| format!("risk-{s}"))
                .collect(),
            rows: risk_rows,
        },
    ];
    let withheld = aggregate
        && (tables
            .iter()
            .flat_map(|t| t.rows.iter().flat_map(|r| r.cells.iter()))
            .any(Option::is_none)
            || !disclosure::group_is_shown(total));
    let adopter_rows = if aggregate {
        Vec::new()
    } else {
        computed
            .adopters
            .iter()
            .map(|a| AdopterRow {
                organisation: a.organisation.clone(),
                link: Some(format!("/authority/assessments/{}", a.assessment_id)),
                version: a.pinned_version,
                status: a.status.clone(),
                figures: vec![
                    a.summary.overrides,
                    a.summary.lowered_risks,
                    a.summary.residual_highs,
                    a.summary.unaddressed,
                    a.summary.errors,
                    a.summary.warnings,
                ],
            })
            .collect()
    };
    Ok(Overview {
        key: key.to_string(),
        title: adopters.template.title.clone(),
        kind: "DPIA".into(),
        aggregate,
        total,
        group_shown: disclosure::group_is_shown(total),
        withheld,
        per_version,
        tables,
        adopter_columns: [
            "overrides",
            "lowered",
            "residual-high",
            "unanswered",
            "errors",
            "warnings",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        adopters: adopter_rows,
    })
}

fn code(conn: &mut DbConnection, actor: &Actor, key: &str) -> AppResult<Overview> {
    let (template, versions, rows) = adherences::adherents(conn, actor, key)?;
    let aggregate = actor.org_kind != OrgKind::SupervisoryAuthority;
    let total = rows.len();
    let latest = versions
        .iter()
        .rev()
        .find(|v| v.status == "PUBLISHED")
        .ok_or_else(|| AppError::not_found("code of conduct"))?;
    let content = code_of(latest)?;
    let answers = rows
        .iter()
        .map(|(_, a)| a.answers())
        .collect::<AppResult<Vec<_>>>()?;
    let mut per: std::collections::BTreeMap<i32, usize> = Default::default();
    for (_, a) in &rows {
        *per.entry(a.code_version).or_default() += 1;
    }
    let counts: Vec<usize> = per.values().copied().collect();
    let per_version = per
        .keys()
        .copied()
        .zip(disclose(&counts, total, aggregate, true))
        .collect();
    let out_rows: Vec<CountRow> = clause_figures(&content, &answers)
        .into_iter()
        .map(|f| {
            let clause = content.clauses.iter().find(|c| c.key == f.clause_key);
            CountRow {
                title: clause
                    .map(|c| format!("{} {}", c.number, c.section))
                    .unwrap_or_default(),
                key: f.clause_key.to_string(),
                cells: disclose(&f.counts.as_row(), total, aggregate, true),
            }
        })
        .collect();
    let withheld = aggregate
        && (out_rows
            .iter()
            .flat_map(|r| r.cells.iter())
            .any(Option::is_none)
            || !disclosure::group_is_shown(total));
    let mut adopters = Vec::new();
    if !aggregate {
        for (org, row) in &rows {
            let (_, version) = adherences::code_version_of(conn, row)?;
            let effective = effective_adherence(&code_of(&version)?, &row.answers()?);
            let count = |s: AdherenceStatus| effective.iter().filter(|c| c.status == s).count();
            adopters.push(AdopterRow {
                organisation: org.name.clone(),
                link: None,
                version: row.code_version,
                status: String::new(),
                figures: AdherenceStatus::ALL.iter().map(|s| count(*s)).collect(),
            });
        }
    }
    Ok(Overview {
        key: template.key.clone(),
        title: template.title,
        kind: "CODE_OF_CONDUCT".into(),
        aggregate,
        total,
        group_shown: disclosure::group_is_shown(total),
        withheld,
        per_version,
        tables: vec![Table {
            name: "clauses",
            columns: AdherenceStatus::ALL
                .iter()
                .map(|s| format!("clause-{}", wire(s)))
                .collect(),
            rows: out_rows,
        }],
        adopter_columns: AdherenceStatus::ALL
            .iter()
            .map(|s| format!("clause-{}", wire(s)))
            .collect(),
        adopters,
    })
}

/// `GET /central/templates/{key}/overview`: the owning central body (counts) or the
/// authority (in full).
pub async fn page(signed: SignedIn, path: web::Path<String>) -> PageResult {
    let kind = signed.actor().org_kind;
    if kind != OrgKind::CentralBody && kind != OrgKind::SupervisoryAuthority {
        return Err(PageError::NotFound(signed.lang));
    }
    let key = path.into_inner();
    let today = signed.state.today();
    let overview = signed
        .load(move |state, actor, conn| {
            let template = templates::find_by_key(conn, actor, &key)?;
            if template.kind == "CODE_OF_CONDUCT" {
                code(conn, actor, &key)
            } else {
                dpia(conn, actor, &key, &state.overview_cache, today)
            }
        })
        .await?;
    render(
        &signed.chrome,
        "web/central/overview.html",
        context! {
            overview => Serde(overview),
            min_group => disclosure::MIN_GROUP,
        },
    )
}
