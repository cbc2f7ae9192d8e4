//! Screen 9, an assessment's history: as it stood at a date (SPEC §6 as-of read), the diff
//! between approved revisions (or the last one and now), and the organisation's audit trail
//! with its hash chain verified and the result said plainly.

use actix_web::web;
use chrono::{NaiveDate, NaiveTime};
use minijinja::context;
use minijinja::value::Serde;
use serde::{Deserialize, Serialize};

use super::require_authority;
use super::rows::{self, Group};
use crate::audit;
use crate::domain::assessment::{
    diff_against_base, diff_revisions, effective, DiffFilter, RevisionChange, RevisionDiff,
};
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::store::{assessments, organisations, visibility, DbConnection};
use crate::web::errors::PageResult;
use crate::web::render::render;
use crate::web::session::SignedIn;

/// Audit entries of this assessment shown (newest first) out of the organisation's latest.
const TRAIL_READ: i64 = 500;

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct HistoryQuery {
    /// A date (`YYYY-MM-DD`): the assessment as it stood at the end of that day (UTC).
    #[serde(default)]
    pub at: String,
    /// An approved revision number to compare from.
    #[serde(default)]
    pub from: String,
    /// An approved revision number to compare to; empty for the current state.
    #[serde(default)]
    pub to: String,
}

#[derive(Serialize)]
struct AsOf {
    date: String,
    found: bool,
    status: String,
    revision: i32,
    base_version: i32,
    groups: Vec<Group>,
}

#[derive(Serialize)]
struct RevisionRow {
    revision: i32,
    base_version: i32,
    approved_at: String,
    approved_by: String,
}

/// One line of a revision diff: what (section and key) and how (added, removed, changed).
#[derive(Serialize)]
pub struct DiffLine {
    pub section: &'static str,
    pub key: String,
    pub change: &'static str,
}

#[derive(Serialize)]
struct TrailRow {
    seq: i64,
    at: String,
    who: String,
    action: String,
    entity: String,
    item_key: Option<String>,
}

#[derive(Serialize)]
struct History {
    id: String,
    title: String,
    organisation: String,
    as_of: Option<AsOf>,
    revisions: Vec<RevisionRow>,
    diff: Option<Vec<DiffLine>>,
    chain_valid: bool,
    chain_entries: String,
    chain_first_invalid: Option<i64>,
    trail: Vec<TrailRow>,
}

fn lines<T: Serialize>(
    section: &'static str,
    changes: &[RevisionChange<T>],
    out: &mut Vec<DiffLine>,
) {
    for c in changes {
        let (change, record) = match c {
            RevisionChange::Added { after } => ("added", serde_json::to_value(after)),
            RevisionChange::Removed { before } => ("removed", serde_json::to_value(before)),
            RevisionChange::Changed { after, .. } => ("changed", serde_json::to_value(after)),
        };
        let record = record.unwrap_or_default();
        let key = ["item_key", "risk_key", "key"]
            .iter()
            .find_map(|f| record.get(*f).and_then(|v| v.as_str()))
            .unwrap_or("")
            .to_string();
        out.push(DiffLine {
            section,
            key,
            change,
        });
    }
}

/// A revision diff as lines in words (also the controller's approval page).
pub fn diff_lines(d: &RevisionDiff) -> Vec<DiffLine> {
    let mut out = Vec::new();
    lines("departures", &d.departures, &mut out);
    lines("treatments", &d.treatments, &mut out);
    lines("measures", &d.measures, &mut out);
    lines("incidents", &d.incidents, &mut out);
    if d.sign_offs.is_some() {
        out.push(DiffLine {
            section: "sign-offs",
            key: String::new(),
            change: "changed",
        });
    }
    out
}

/// A count with the language's thousands separator: 4.812 in Danish, 4,812 in English.
pub fn grouped_number(n: i64, lang: Lang) -> String {
    let sep = match lang {
        Lang::Da => '.',
        Lang::En => ',',
    };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(ch);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

fn load(
    conn: &mut DbConnection,
    actor: &crate::context::Actor,
    id: &str,
    q: &HistoryQuery,
    lang: Lang,
) -> AppResult<History> {
    let row = assessments::find(conn, actor, id)?;
    let organisation = organisations::find(conn, actor, &row.org_id)?.name;
    let as_of = match NaiveDate::parse_from_str(q.at.trim(), "%Y-%m-%d") {
        Ok(date) => {
            let end = date.and_time(NaiveTime::from_hms_opt(23, 59, 59).expect("a valid time"));
            match assessments::as_of(conn, &row, end) {
                Ok(past) => {
                    let (_, base) = assessments::base_of(conn, &past)?;
                    let departures = diff_against_base(
                        &effective(&base, &past.local()?),
                        &DiffFilter::default(),
                    );
                    Some(AsOf {
                        date: date.to_string(),
                        found: true,
                        status: past.status,
                        revision: past.revision,
                        base_version: past.base_version,
                        groups: rows::grouped(&departures, &rows::titles(&base)),
                    })
                }
                Err(AppError::Validation { .. }) => Some(AsOf {
                    date: date.to_string(),
                    found: false,
                    status: String::new(),
                    revision: 0,
                    base_version: 0,
                    groups: Vec::new(),
                }),
                Err(e) => return Err(e),
            }
        }
        Err(_) => None,
    };
    let revisions = assessments::revisions(conn, &row)?;
    let diff = match q.from.parse::<i32>() {
        Ok(from) => {
            let from = revisions.iter().find(|r| r.revision == from);
            let to =
                q.to.parse::<i32>()
                    .ok()
                    .and_then(|n| revisions.iter().find(|r| r.revision == n));
            match from {
                Some(from) => {
                    let (to_base, to_local) = match to {
                        Some(to) => (to.base_version, to.local_changes.clone()),
                        None => (row.base_version, row.local_changes.clone()),
                    };
                    let d = diff_revisions(
                        &*assessments::base_version_content(conn, &row, from.base_version)?,
                        &assessments::parse_local(&from.local_changes, &row.id)?,
                        &*assessments::base_version_content(conn, &row, to_base)?,
                        &assessments::parse_local(&to_local, &row.id)?,
                    );
                    Some(diff_lines(&d))
                }
                None => None,
            }
        }
        Err(_) => None,
    };
    if !visibility::may_read_audit_of(actor, &row.org_id) {
        return Err(AppError::not_found("assessment"));
    }
    let chain = audit::verify_chain(conn, &row.org_id)?;
    let trail = audit::trail(
        conn,
        &row.org_id,
        audit::TrailQuery {
            entity: None,
            item_key: None,
            before_seq: None,
            limit: TRAIL_READ,
        },
    )?
    .into_iter()
    // The assessment's own entries, and those of review findings about it.
    .filter(|e| {
        e.entity_id == row.id
            || (e.entity == "review_finding"
                && [&e.before_json, &e.after_json]
                    .iter()
                    .any(|j| j.as_deref().is_some_and(|j| j.contains(row.id.as_str()))))
    })
    .map(|e| TrailRow {
        seq: e.seq,
        at: e.at.format("%Y-%m-%d %H:%M:%S").to_string(),
        who: e.actor_email,
        action: e.action,
        entity: e.entity,
        item_key: e.item_key,
    })
    .collect();
    Ok(History {
        id: row.id,
        title: row.title,
        organisation,
        as_of,
        revisions: revisions
            .iter()
            .map(|r| RevisionRow {
                revision: r.revision,
                base_version: r.base_version,
                approved_at: r.approved_at.format("%Y-%m-%d %H:%M").to_string(),
                approved_by: r.approved_by.clone(),
            })
            .collect(),
        diff,
        chain_valid: chain.valid,
        chain_entries: grouped_number(chain.entries, lang),
        chain_first_invalid: chain.first_invalid_seq,
        trail,
    })
}

/// `GET /authority/assessments/{id}/history?at=&from=&to=`.
pub async fn page(
    signed: SignedIn,
    path: web::Path<String>,
    query: web::Query<HistoryQuery>,
) -> PageResult {
    require_authority(&signed)?;
    let id = path.into_inner();
    let q = query.into_inner();
    let lang = signed.lang;
    let query = q.clone();
    let history = signed
        .load(move |_, actor, conn| load(conn, actor, &id, &query, lang))
        .await?;
    render(
        &signed.chrome,
        "web/authority/history.html",
        context! { history => Serde(history), q => Serde(&q) },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_the_way_each_language_writes_them() {
        assert_eq!(grouped_number(4812, Lang::Da), "4.812");
        assert_eq!(grouped_number(4812, Lang::En), "4,812");
        assert_eq!(grouped_number(812, Lang::Da), "812");
        assert_eq!(grouped_number(1_234_567, Lang::En), "1,234,567");
    }
}
