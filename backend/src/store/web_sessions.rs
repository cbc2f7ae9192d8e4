//! Browser sessions of the web application (issue 15): server-side rows referenced by a cookie
//! holding a random secret, of which only the SHA-256 is stored. Opening and ending a session
//! are audited like refresh tokens; the idle clock (`last_seen_at`) is not, it is no change to
//! anyone's data.
//!
//! Also the "must change password" mark an admin's password reset leaves on a user.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::json;

use super::schema::{users, web_sessions};
use super::visibility::require_user_management;
use super::DbConnection;
use crate::audit::{Change, WriteTx};
use crate::error::{AppError, AppResult};

#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = web_sessions)]
pub struct WebSession {
    pub org_id: String,
    pub id: String,
    pub user_id: String,
    pub secret_hash: String,
    pub created_at: NaiveDateTime,
    pub last_seen_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub ended_at: Option<NaiveDateTime>,
}

/// Lookup by the hash of the cookie's secret: the cookie is the credential, so there is no
/// caller yet. The caller checks `ended_at` and the timeouts.
pub(crate) fn find_by_hash(
    conn: &mut DbConnection,
    secret_hash: &str,
) -> AppResult<Option<WebSession>> {
    Ok(web_sessions::table
        .filter(web_sessions::secret_hash.eq(secret_hash))
        .select(WebSession::as_select())
        .first(conn)
        .optional()?)
}

/// Opens a session of the transaction's actor, ending at `expires_at` at the latest.
pub fn open(
    tx: &mut WriteTx<'_>,
    secret_hash: String,
    expires_at: NaiveDateTime,
) -> AppResult<WebSession> {
    open_via(tx, secret_hash, expires_at, "password", "")
}

/// As [`open`], the audit entry naming the door (`password`, `single_sign_on`) and the client's
/// address (`http::client::address`; issue 17 asks for it in the audit trail).
pub fn open_via(
    tx: &mut WriteTx<'_>,
    secret_hash: String,
    expires_at: NaiveDateTime,
    via: &'static str,
    client: &str,
) -> AppResult<WebSession> {
    let actor = tx.actor().clone();
    let session = WebSession {
        org_id: actor.org_id.clone(),
        id: super::new_id(),
        user_id: actor.user_id.clone(),
        secret_hash,
        created_at: tx.now(),
        last_seen_at: tx.now(),
        expires_at,
        ended_at: None,
    };
    diesel::insert_into(web_sessions::table)
        .values(&session)
        .execute(tx.conn())?;
    tx.record(Change {
        org_id: actor.org_id,
        action: "web_sign_in",
        entity: "web_session",
        entity_id: session.id.clone(),
        item_key: None,
        before: None,
        after: Some(if client.is_empty() {
            json!({ "user_id": actor.user_id, "expires_at": expires_at.to_string() })
        } else {
            json!({
                "user_id": actor.user_id,
                "expires_at": expires_at.to_string(),
                "via": via,
                "client": client,
            })
        }),
    });
    Ok(session)
}

/// Ends one session of the transaction's actor (sign-out from `client`, or a timeout noticed
/// on a request: then `client` is empty, nobody acted).
pub fn end(
    tx: &mut WriteTx<'_>,
    session: &WebSession,
    reason: &'static str,
    client: &str,
) -> AppResult<()> {
    let now = tx.now();
    diesel::update(
        web_sessions::table
            .find((&session.org_id, &session.id))
            .filter(web_sessions::ended_at.is_null()),
    )
    .set(web_sessions::ended_at.eq(now))
    .execute(tx.conn())?;
    tx.record(Change {
        org_id: session.org_id.clone(),
        action: reason,
        entity: "web_session",
        entity_id: session.id.clone(),
        item_key: None,
        before: None,
        after: super::sessions::noting_client(Some(json!({ "user_id": session.user_id })), client),
    });
    Ok(())
}

/// Ends every open session of a user except `keep` (a password change or reset: whoever
/// knew the old password is out). Returns how many ended.
pub fn end_all_of_user(
    tx: &mut WriteTx<'_>,
    org_id: &str,
    user_id: &str,
    keep: Option<&str>,
    reason: &'static str,
) -> AppResult<usize> {
    let now = tx.now();
    let mut query = diesel::update(web_sessions::table)
        .filter(web_sessions::org_id.eq(org_id))
        .filter(web_sessions::user_id.eq(user_id))
        .filter(web_sessions::ended_at.is_null())
        .into_boxed();
    if let Some(keep) = keep {
        query = query.filter(web_sessions::id.ne(keep.to_string()));
    }
    let ended = query
        .set(web_sessions::ended_at.eq(now))
        .execute(tx.conn())?;
    if ended > 0 {
        tx.record(Change {
            org_id: org_id.to_string(),
            action: reason,
            entity: "web_session",
            entity_id: user_id.to_string(),
            item_key: None,
            before: None,
            after: Some(json!({ "ended_sessions": ended })),
        });
    }
    Ok(ended)
}

/// Moves the idle clock of a session forward. Not audited: it changes no one's data.
pub fn touch(conn: &mut DbConnection, session: &WebSession, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(web_sessions::table.find((&session.org_id, &session.id)))
        .set(web_sessions::last_seen_at.eq(now))
        .execute(conn)?;
    Ok(())
}

/// Whether the user must choose a new password before anything else.
pub(crate) fn must_change_password(
    conn: &mut DbConnection,
    org_id: &str,
    user_id: &str,
) -> AppResult<bool> {
    Ok(users::table
        .find((org_id, user_id))
        .select(users::must_change_password)
        .first::<bool>(conn)
        .optional()?
        .unwrap_or(false))
}

/// An admin (at `client`) sets another user's password; the user must change it at the next
/// sign-in, and every open browser session of the user ends.
pub fn set_password_by_admin(
    tx: &mut WriteTx<'_>,
    org_id: &str,
    user_id: &str,
    password_hash: String,
    client: &str,
) -> AppResult<()> {
    require_user_management(tx.actor(), org_id)?;
    if tx.actor().user_id == user_id {
        return Err(AppError::validation(
            "password",
            "change your own password on your account page",
        ));
    }
    let changed = diesel::update(users::table.find((org_id, user_id)))
        .set((
            users::password_hash.eq(password_hash),
            users::must_change_password.eq(true),
            users::version.eq(users::version + 1),
        ))
        .execute(tx.conn())?;
    if changed != 1 {
        return Err(AppError::not_found("user"));
    }
    tx.record(Change {
        org_id: org_id.to_string(),
        action: "set_password",
        entity: "user",
        entity_id: user_id.to_string(),
        item_key: None,
        before: None,
        after: super::sessions::noting_client(
            Some(json!({ "must_change_password": true })),
            client,
        ),
    });
    end_all_of_user(tx, org_id, user_id, None, "password_reset")?;
    Ok(())
}

/// Clears the mark after the user chose a new password (in the same transaction).
pub fn clear_must_change_password(tx: &mut WriteTx<'_>) -> AppResult<()> {
    let (org_id, id) = (tx.actor().org_id.clone(), tx.actor().user_id.clone());
    diesel::update(users::table.find((&org_id, &id)))
        .set(users::must_change_password.eq(false))
        .execute(tx.conn())?;
    Ok(())
}
