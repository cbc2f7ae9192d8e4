//! The adopter overview of one template (SPEC §4, issue 6): per adopter figures for the
//! authority; aggregate counts only, under the small-group rule of
//! `dpiahub_domain::disclosure`, for the central body.

mod cache;
pub mod stored;
mod summary;
mod tally;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use chrono::NaiveDate;

pub use cache::{SummaryCache, SummaryKey};
pub use summary::{summarise, AdopterSummary, RiskMarks};

use crate::domain::assessment::ResponseStatus;
use crate::domain::template::DpiaContent;
use crate::error::{AppError, AppResult};
use crate::store::assessments::{dpia_of, parse_local};
use crate::store::overview::{Adopters, AssessmentHead};
use crate::store::{self, DbConnection};

/// One adopter's figures (authority only).
pub struct AdopterFigures {
    pub organisation_id: String,
    pub organisation: String,
    pub assessment_id: String,
    pub pinned_version: i32,
    pub status: String,
    pub summary: Arc<AdopterSummary>,
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

/// Computes every figure: an adopter whose summary is cached for its current state costs a
/// map lookup; the others are read from the summaries kept in the database (one query, a
/// small row each: the first overview after a restart), and what is not stored for its
/// current key is summarised (one effective assessment and one check run each, reading their
/// local changes in one query), cached and stored.
pub fn compute(
    conn: &mut DbConnection,
    adopters: &Adopters,
    cache: &SummaryCache,
    today: NaiveDate,
) -> AppResult<Overview> {
    let mut bases: HashMap<i32, Arc<DpiaContent>> = HashMap::new();
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
    let key_of = |head: &AssessmentHead, version: i64| SummaryKey {
        version,
        base_version: head.base_version,
        status: head.status.clone(),
        revision: head.revision,
        check_settings: adopters.template.check_settings.clone(),
        today,
    };
    let mut summaries: Vec<Option<Arc<AdopterSummary>>> = adopters
        .assessments
        .iter()
        .map(|(_, head)| cache.get(&head.id, &key_of(head, head.version)))
        .collect();
    let missing = |summaries: &[Option<Arc<AdopterSummary>>]| -> Vec<&str> {
        adopters
            .assessments
            .iter()
            .zip(summaries)
            .filter(|((_, head), s)| s.is_none() && bases.contains_key(&head.base_version))
            .map(|((_, head), _)| head.id.as_str())
            .collect()
    };
    let unknown = missing(&summaries);
    if !unknown.is_empty() {
        let stored = store::overview::stored_summaries(conn, adopters, &unknown)?;
        for ((_, head), slot) in adopters.assessments.iter().zip(summaries.iter_mut()) {
            let key = key_of(head, head.version);
            if let Some(summary) = (stored.get(&head.id)).and_then(|row| stored::read(row, &key)) {
                let summary = Arc::new(summary);
                cache.put(&head.id, key, summary.clone());
                *slot = Some(summary);
            }
        }
    }
    let unknown = missing(&summaries);
    if !unknown.is_empty() {
        let settings = adopters.template.check_settings();
        let mut locals = store::overview::local_changes(conn, adopters, &unknown)?;
        let mut work = Vec::new();
        for ((org, head), slot) in adopters.assessments.iter().zip(summaries.iter_mut()) {
            if slot.is_some() {
                continue;
            }
            if let (Some(base), Some((version, json))) =
                (bases.get(&head.base_version), locals.remove(&head.id))
            {
                work.push((org, head, base.as_ref(), version, json, slot));
            }
        }
        // Each summary is independent: spread them over the cores, so a cold overview (after
        // a restart, or when every adopter changed) takes a fraction of the time.
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let chunk = work.len().div_ceil(threads).max(1);
        std::thread::scope(|scope| {
            let workers: Vec<_> = work
                .chunks_mut(chunk)
                .map(|part| {
                    let settings = &settings;
                    scope.spawn(move || -> AppResult<()> {
                        for (_, head, base, version, json, slot) in part.iter_mut() {
                            let local = parse_local(json, &head.id)?;
                            let summary = Arc::new(summarise(base, &local, settings, today));
                            // A write that committed between the two reads: use its summary
                            // in this answer, but do not cache it under the older row's base
                            // version, status and revision.
                            if *version == head.version {
                                cache.put(&head.id, key_of(head, *version), summary.clone());
                            }
                            **slot = Some(summary);
                        }
                        Ok(())
                    })
                })
                .collect();
            // Join every worker before looking at the results: an unjoined panicked thread
            // would make the scope itself panic.
            let results: Vec<_> = workers.into_iter().map(|worker| worker.join()).collect();
            results.into_iter().try_for_each(|result| {
                result.map_err(|_| AppError::Internal("an overview worker panicked".into()))?
            })
        })?;
        // Kept for the next process, under the same rule as the memo above. The answer does
        // not depend on it: a summary that cannot be stored now is computed again next time.
        let rows: Vec<_> = work
            .iter()
            .filter(|(_, head, _, version, _, _)| *version == head.version)
            .filter_map(|(org, head, _, version, _, slot)| {
                let summary = slot.as_ref()?;
                Some(stored::row(
                    &org.id,
                    &head.id,
                    &key_of(head, *version),
                    summary,
                ))
            })
            .collect();
        if let Err(e) = store::overview::save_summaries(conn, adopters, &rows) {
            tracing::warn!(error = %e, "storing overview summaries failed");
        }
    }
    let mut figures = Vec::new();
    let mut per_version: BTreeMap<i32, usize> = BTreeMap::new();
    for ((org, head), summary) in adopters.assessments.iter().zip(summaries) {
        let Some(s) = summary else {
            continue;
        };
        *per_version.entry(head.base_version).or_default() += 1;
        figures.push(AdopterFigures {
            organisation_id: org.id.clone(),
            organisation: org.name.clone(),
            assessment_id: head.id.clone(),
            pinned_version: head.base_version,
            status: head.status.clone(),
            summary: s,
        });
    }
    let counted: Vec<&AdopterSummary> = figures.iter().map(|f| f.summary.as_ref()).collect();
    let (recommendations, risks) = match catalogue {
        Some(base) => {
            let keys: Vec<&str> = base
                .recommendations
                .iter()
                .map(|r| r.key.as_str())
                .collect();
            let risk_keys: Vec<&str> = base.risks.iter().map(|r| r.key.as_str()).collect();
            (
                tally::recommendation_figures(&keys, &counted),
                tally::risk_figures(&risk_keys, &counted),
            )
        }
        None => (Vec::new(), Vec::new()),
    };
    Ok(Overview {
        adopters: figures,
        per_version: per_version.into_iter().collect(),
        recommendations,
        risks,
    })
}
