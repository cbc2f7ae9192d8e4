//! Loading for the adopter overview (SPEC §4): every assessment of one template, in a fixed
//! number of queries. Visibility: the authority and the template's owner only; what each may
//! see of it is decided in `crate::overview`.
//!
//! The rows come without their local changes; [`local_changes`] reads those only for the
//! assessments whose cached summary is out of date (`crate::overview::cache`), since reading
//! every adopter's local changes was a tenth of the overview's time. Before those, it reads
//! the summaries kept in the database ([`stored_summaries`], `crate::overview::stored`).

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::organisations::Organisation;
use super::schema::{assessments, organisations, overview_summaries};
use super::templates::{self, Template, TemplateVersion};
use super::DbConnection;
use crate::context::{Actor, OrgKind};
use crate::error::{AppError, AppResult};

/// An assessment row without its local changes.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = assessments)]
pub struct AssessmentHead {
    pub id: String,
    pub base_version: i32,
    pub status: String,
    pub revision: i32,
    pub version: i64,
    pub updated_at: NaiveDateTime,
}

pub struct Adopters {
    pub template: Template,
    pub versions: Vec<TemplateVersion>,
    /// Each assessment with its controller, by controller name.
    pub assessments: Vec<(Organisation, AssessmentHead)>,
}

/// Everything the overview of `template_key` needs. Others than the authority and the owning
/// central body get `NOT_FOUND` for the overview (they may still see the template).
pub fn load(conn: &mut DbConnection, actor: &Actor, template_key: &str) -> AppResult<Adopters> {
    let template = templates::find_by_key(conn, actor, template_key)?;
    let allowed = actor.org_kind == OrgKind::SupervisoryAuthority
        || (actor.org_kind == OrgKind::CentralBody && actor.org_id == template.owner_org_id);
    if !allowed {
        return Err(AppError::not_found("adopter overview"));
    }
    let versions = templates::versions(conn, actor, &template)?;
    let rows: Vec<(Organisation, AssessmentHead)> = assessments::table
        .inner_join(organisations::table.on(organisations::id.eq(assessments::org_id)))
        .filter(assessments::template_id.eq(&template.id))
        .order(organisations::name.asc())
        .select((Organisation::as_select(), AssessmentHead::as_select()))
        .load(conn)?;
    Ok(Adopters {
        template,
        versions,
        assessments: rows,
    })
}

/// The local changes (JSON) and row version of some of the loaded adopters' assessments, by
/// id. Only assessments of the loaded template are read, so this cannot reach past what
/// [`load`] allowed.
pub fn local_changes(
    conn: &mut DbConnection,
    adopters: &Adopters,
    ids: &[&str],
) -> AppResult<HashMap<String, (i64, String)>> {
    // In slices: SQLite allows a bounded number of bound parameters per statement.
    let mut found = HashMap::with_capacity(ids.len());
    for slice in ids.chunks(IDS_PER_STATEMENT) {
        let rows: Vec<(String, i64, String)> = assessments::table
            .filter(assessments::template_id.eq(&adopters.template.id))
            .filter(assessments::id.eq_any(slice))
            .select((
                assessments::id,
                assessments::version,
                assessments::local_changes,
            ))
            .load(conn)?;
        found.extend(
            rows.into_iter()
                .map(|(id, version, local)| (id, (version, local))),
        );
    }
    Ok(found)
}

const IDS_PER_STATEMENT: usize = 500;

/// One adopter's summary as stored, with the key it was computed for
/// (`crate::overview::stored` reads and writes it).
#[derive(Clone, Debug, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = overview_summaries, primary_key(org_id, assessment_id))]
#[diesel(treat_none_as_null = true)]
pub struct StoredSummary {
    pub org_id: String,
    pub assessment_id: String,
    pub version: i64,
    pub base_version: i32,
    pub status: String,
    pub revision: i32,
    pub check_settings: Option<String>,
    pub day: String,
    pub computed_by: String,
    pub summary: String,
}

/// The stored summaries of some of the loaded adopters' assessments, by assessment id,
/// whatever key they were computed for. Like [`local_changes`], only assessments of the
/// loaded template are read.
pub fn stored_summaries(
    conn: &mut DbConnection,
    adopters: &Adopters,
    ids: &[&str],
) -> AppResult<HashMap<String, StoredSummary>> {
    let mut found = HashMap::with_capacity(ids.len());
    for slice in ids.chunks(IDS_PER_STATEMENT) {
        let rows: Vec<StoredSummary> = overview_summaries::table
            .inner_join(
                assessments::table.on(assessments::org_id
                    .eq(overview_summaries::org_id)
                    .and(assessments::id.eq(overview_summaries::assessment_id))),
            )
            .filter(assessments::template_id.eq(&adopters.template.id))
            .filter(overview_summaries::assessment_id.eq_any(slice))
            .select(StoredSummary::as_select())
            .load(conn)?;
        found.extend(rows.into_iter().map(|r| (r.assessment_id.clone(), r)));
    }
    Ok(found)
}

/// Keeps summaries the overview computed, replacing what was stored for those assessments;
/// rows of assessments that [`load`] did not return are left out.
///
/// Written here, when the overview computes them, rather than on the assessment write path:
/// one writer of these rows, no summary work added to a controller's write (the write path
/// would also have to know every input — the template's check settings change elsewhere, and
/// the day changes by itself), and a summary only for what an overview was asked about. A
/// cached value, not a record, so no audit entry. Two servers may race to store one; either
/// row is keyed by what it was computed for, and the read checks that key.
pub fn save_summaries(
    conn: &mut DbConnection,
    adopters: &Adopters,
    rows: &[StoredSummary],
) -> AppResult<()> {
    let loaded: std::collections::HashSet<(&str, &str)> = (adopters.assessments.iter())
        .map(|(org, head)| (org.id.as_str(), head.id.as_str()))
        .collect();
    let rows: Vec<&StoredSummary> = rows
        .iter()
        .filter(|r| loaded.contains(&(r.org_id.as_str(), r.assessment_id.as_str())))
        .collect();
    if rows.is_empty() {
        return Ok(());
    }
    // Upsert: the shared DSL has no ON CONFLICT, the same statement per backend does.
    macro_rules! upsert {
        ($c:expr) => {
            for row in &rows {
                diesel::insert_into(overview_summaries::table)
                    .values(*row)
                    .on_conflict((
                        overview_summaries::org_id,
                        overview_summaries::assessment_id,
                    ))
                    .do_update()
                    .set(*row)
                    .execute($c)?;
            }
        };
    }
    super::connection::write_transaction(conn, |conn| -> AppResult<()> {
        match conn {
            DbConnection::Postgres(c) => upsert!(c),
            DbConnection::Sqlite(c) => upsert!(c),
        }
        Ok(())
    })
}
