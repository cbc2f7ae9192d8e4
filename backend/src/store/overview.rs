//! Loading for the adopter overview (SPEC §4): every assessment of one template, in a fixed
//! number of queries. Visibility: the authority and the template's owner only; what each may
//! see of it is decided in `crate::overview`.

use diesel::prelude::*;

use super::assessments::Assessment;
use super::organisations::Organisation;
use super::schema::{assessments, organisations};
use super::templates::{self, Template, TemplateVersion};
use super::DbConnection;
use crate::context::{Actor, OrgKind};
use crate::error::{AppError, AppResult};

pub struct Adopters {
    pub template: Template,
    pub versions: Vec<TemplateVersion>,
    /// Each assessment with its controller, by controller name.
    pub assessments: Vec<(Organisation, Assessment)>,
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
    let rows: Vec<(Organisation, Assessment)> = assessments::table
        .inner_join(organisations::table.on(organisations::id.eq(assessments::org_id)))
        .filter(assessments::template_id.eq(&template.id))
        .order(organisations::name.asc())
        .select((Organisation::as_select(), Assessment::as_select()))
        .load(conn)?;
    Ok(Adopters {
        template,
        versions,
        assessments: rows,
    })
}
