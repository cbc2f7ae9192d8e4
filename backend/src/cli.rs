//! Commands that act on the database directly, as a named user (whose rights apply and whom the
//! audit trail records): template export and import.

use anyhow::{anyhow, Context as _};

use crate::audit;
use crate::context::Actor;
use crate::domain::interchange;
use crate::error::AppError;
use crate::signin::actor_for;
use crate::store::{self, templates, users, DbConnection};

fn describe(e: AppError) -> anyhow::Error {
    match e {
        AppError::Validation {
            field,
            item_key: Some(key),
            message,
        } => anyhow!("{message} (field {field}, item {key})"),
        AppError::Validation { field, message, .. } => anyhow!("{message} (field {field})"),
        other => anyhow!("{other}"),
    }
}

/// The user a command acts as; refused when unknown or disabled.
pub fn acting_user(conn: &mut DbConnection, email: &str) -> anyhow::Result<Actor> {
    let user = users::find_for_login(conn, email)
        .map_err(describe)?
        .filter(|u| !u.disabled)
        .with_context(|| format!("no active user with e-mail {email}"))?;
    actor_for(conn, &user).map_err(describe)
}

pub fn export_template(
    conn: &mut DbConnection,
    as_user: &str,
    key: &str,
    version: i32,
) -> anyhow::Result<String> {
    let actor = acting_user(conn, as_user)?;
    let template = templates::find_by_key(conn, &actor, key).map_err(describe)?;
    let row = templates::version(conn, &actor, &template, version).map_err(describe)?;
    let document = templates::export_document(&template, &row).map_err(describe)?;
    Ok(interchange::render(&document))
}

/// Imports a document as a draft; returns the template key and the new version number.
pub fn import_template(
    conn: &mut DbConnection,
    as_user: &str,
    bytes: &[u8],
) -> anyhow::Result<(String, i32)> {
    let actor = acting_user(conn, as_user)?;
    let document = interchange::parse(bytes).map_err(|e| anyhow!("document refused: {e}"))?;
    let (template, version) = audit::write_on(conn, &actor, store::now_utc(), |tx| {
        templates::import_document(tx, &document)
    })
    .map_err(describe)?;
    Ok((template.key, version.number))
}
