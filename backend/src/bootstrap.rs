//! Creating the platform operator: the first account, made by `dpiahub create-operator` or the
//! demo loader, before anyone can sign in.

use diesel::prelude::*;

use crate::audit;
use crate::context::{Actor, OrgKind, Role};
use crate::error::AppResult;
use crate::store::{self, organisations, schema, users, DbConnection};

pub const PLATFORM_ORG_NAME: &str = "DPIA Hub platform";

/// Creates an operator account (and the platform organisation on first use), audited as the
/// operator's own act. Returns the operator as an actor.
pub fn create_operator(
    conn: &mut DbConnection,
    email: &str,
    display_name: &str,
    password_hash: String,
) -> AppResult<Actor> {
    let platform: Option<organisations::Organisation> = schema::organisations::table
        .filter(schema::organisations::kind.eq(OrgKind::Platform.as_str()))
        .select(organisations::Organisation::as_select())
        .first(conn)
        .optional()?;
    // Ids are chosen up front so the first audit entries name their real actor.
    let actor = Actor {
        user_id: store::new_id(),
        email: users::normalise_email(email),
        org_id: platform
            .as_ref()
            .map(|p| p.id.clone())
            .unwrap_or_else(store::new_id),
        org_kind: OrgKind::Platform,
        role: Role::Admin,
    };
    audit::write_on(conn, &actor, store::now_utc(), |tx| {
        if platform.is_none() {
            organisations::insert_with_id(
                tx,
                actor.org_id.clone(),
                OrgKind::Platform,
                PLATFORM_ORG_NAME,
            )?;
        }
        users::insert(
            tx,
            users::NewUser {
                id: Some(actor.user_id.clone()),
                org_id: &actor.org_id,
                email,
                display_name,
                role: Role::Admin,
                password_hash,
            },
        )?;
        Ok(())
    })?;
    Ok(actor)
}
