//! Loading for the adopter overview (SPEC §4): every assessment of one template, in a fixed
//! number of queries. Visibility: the authority and the template's owner only; what each may
//! see of it is decided in `crate::overview`.
//!
//! The rows come without their local changes; [`local_changes`] reads those only for the
//! assessments whose cached summary is out of date (`crate::overview::cache`), since reading
//! every adopter's local changes was a tenth of the overview's time.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::organisations::Organisation;
use super::schema::{assessments, organisations};
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
