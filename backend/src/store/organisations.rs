//! Organisations (tenants).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::json;

use super::schema::organisations;
use super::visibility::may_see_organisation;
use super::DbConnection;
use crate::audit::{Change, WriteTx};
use crate::context::{Actor, OrgKind};
use crate::error::{AppError, AppResult};

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = organisations)]
pub struct Organisation {
    pub id: String,
    pub kind: String,
    pub name: String,
    pub version: i64,
    pub created_at: NaiveDateTime,
}

impl Organisation {
    pub fn kind(&self) -> OrgKind {
        OrgKind::parse(&self.kind).unwrap_or(OrgKind::Controller)
    }
}

/// One organisation, if the actor may see it; otherwise `NOT_FOUND`, as for a missing id.
pub fn find(conn: &mut DbConnection, actor: &Actor, id: &str) -> AppResult<Organisation> {
    let org = find_unscoped(conn, id)?.ok_or(AppError::not_found("organisation"))?;
    if may_see_organisation(actor, &org.id, org.kind()) {
        Ok(org)
    } else {
        Err(AppError::not_found("organisation"))
    }
}

/// Every organisation the actor may see, by name.
pub fn list(conn: &mut DbConnection, actor: &Actor) -> AppResult<Vec<Organisation>> {
    let all: Vec<Organisation> = organisations::table
        .order(organisations::name.asc())
        .select(Organisation::as_select())
        .load(conn)?;
    Ok(all
        .into_iter()
        .filter(|o| may_see_organisation(actor, &o.id, o.kind()))
        .collect())
}

/// Lookup without a caller, for building the request context and for sign-in only.
pub(crate) fn find_unscoped(conn: &mut DbConnection, id: &str) -> AppResult<Option<Organisation>> {
    Ok(organisations::table
        .find(id)
        .select(Organisation::as_select())
        .first(conn)
        .optional()?)
}

pub fn count(conn: &mut DbConnection) -> AppResult<i64> {
    Ok(organisations::table.count().get_result(conn)?)
}

/// Creates an organisation. Only the operator does this (or the bootstrap of the operator's own
/// platform organisation, which the caller authorises).
pub fn insert(tx: &mut WriteTx<'_>, kind: OrgKind, name: &str) -> AppResult<Organisation> {
    insert_with_id(tx, super::new_id(), kind, name)
}

/// As [`insert`] with a chosen id (bootstrap: the operator's organisation is its own creator).
pub fn insert_with_id(
    tx: &mut WriteTx<'_>,
    id: String,
    kind: OrgKind,
    name: &str,
) -> AppResult<Organisation> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::validation("name", "an organisation needs a name"));
    }
    let exists: i64 = organisations::table
        .filter(organisations::name.eq(name))
        .count()
        .get_result(tx.conn())?;
    if exists > 0 {
        return Err(AppError::Conflict(format!(
            "an organisation named {name:?} already exists"
        )));
    }
    let org = Organisation {
        id,
        kind: kind.as_str().to_string(),
        name: name.to_string(),
        version: 1,
        created_at: tx.now(),
    };
    diesel::insert_into(organisations::table)
        .values((
            organisations::id.eq(&org.id),
            organisations::kind.eq(&org.kind),
            organisations::name.eq(&org.name),
            organisations::version.eq(org.version),
            organisations::created_at.eq(org.created_at),
        ))
        .execute(tx.conn())?;
    tx.record(Change {
        org_id: org.id.clone(),
        action: "create",
        entity: "organisation",
        entity_id: org.id.clone(),
        item_key: None,
        before: None,
        after: Some(json!({ "kind": org.kind, "name": org.name })),
    });
    Ok(org)
}
