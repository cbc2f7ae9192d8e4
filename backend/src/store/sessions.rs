//! Refresh tokens (SPEC §7): stored only as hashes, rotated on every use, revocable per family.
//! A token used twice means it was stolen: the whole family is revoked.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::{json, Value};

use super::schema::refresh_tokens;
use super::DbConnection;
use crate::audit::{Change, WriteTx};
use crate::error::AppResult;

#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = refresh_tokens)]
pub struct RefreshToken {
    pub org_id: String,
    pub id: String,
    pub user_id: String,
    pub token_hash: String,
    pub family_id: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

/// Lookup by the token's hash: the presented token is the credential, so there is no caller yet.
pub(crate) fn find_by_hash(
    conn: &mut DbConnection,
    token_hash: &str,
) -> AppResult<Option<RefreshToken>> {
    Ok(refresh_tokens::table
        .filter(refresh_tokens::token_hash.eq(token_hash))
        .select(RefreshToken::as_select())
        .first(conn)
        .optional()?)
}

/// `after` with the client's address (`http::client::address`, trusted proxies honoured) as
/// `client`: the audit entries of sign-ins, refreshes, sign-outs and credential changes say
/// where they came from (issue 17). An empty client (no request: the demo loader, the CLI)
/// adds nothing.
pub fn noting_client(after: Option<Value>, client: &str) -> Option<Value> {
    if client.is_empty() {
        return after;
    }
    let mut after = match after {
        Some(Value::Object(map)) => map,
        // Not written by any caller today; kept whole rather than dropped.
        Some(other) => {
            let mut map = serde_json::Map::new();
            map.insert("value".into(), other);
            map
        }
        None => serde_json::Map::new(),
    };
    after.insert("client".into(), Value::String(client.to_string()));
    Some(Value::Object(after))
}

/// Stores a new refresh token of the transaction's actor, signed in or refreshing from
/// `client`.
pub fn insert(
    tx: &mut WriteTx<'_>,
    token_hash: String,
    family_id: Option<String>,
    expires_at: NaiveDateTime,
    action: &'static str,
    client: &str,
) -> AppResult<RefreshToken> {
    let actor = tx.actor().clone();
    let id = super::new_id();
    let token = RefreshToken {
        org_id: actor.org_id.clone(),
        family_id: family_id.unwrap_or_else(|| id.clone()),
        id,
        user_id: actor.user_id.clone(),
        token_hash,
        created_at: tx.now(),
        expires_at,
        used_at: None,
        revoked_at: None,
    };
    diesel::insert_into(refresh_tokens::table)
        .values(&token)
        .execute(tx.conn())?;
    tx.record(Change {
        org_id: actor.org_id,
        action,
        entity: "session",
        entity_id: token.family_id.clone(),
        item_key: None,
        before: None,
        after: noting_client(
            Some(json!({ "user_id": actor.user_id, "expires_at": expires_at.to_string() })),
            client,
        ),
    });
    Ok(token)
}

/// Marks a token used; returns false when it was already used or revoked (a replay).
pub fn mark_used(tx: &mut WriteTx<'_>, token: &RefreshToken) -> AppResult<bool> {
    let now = tx.now();
    let changed = diesel::update(
        refresh_tokens::table
            .find((&token.org_id, &token.id))
            .filter(refresh_tokens::used_at.is_null())
            .filter(refresh_tokens::revoked_at.is_null()),
    )
    .set(refresh_tokens::used_at.eq(now))
    .execute(tx.conn())?;
    Ok(changed == 1)
}

/// Revokes every token of a sign-in family (logout, or a detected replay), at the request of
/// `client`.
pub fn revoke_family(
    tx: &mut WriteTx<'_>,
    org_id: &str,
    family_id: &str,
    reason: &'static str,
    client: &str,
) -> AppResult<usize> {
    let now = tx.now();
    let revoked = diesel::update(
        refresh_tokens::table
            .filter(refresh_tokens::org_id.eq(org_id))
            .filter(refresh_tokens::family_id.eq(family_id))
            .filter(refresh_tokens::revoked_at.is_null()),
    )
    .set(refresh_tokens::revoked_at.eq(now))
    .execute(tx.conn())?;
    tx.record(Change {
        org_id: org_id.to_string(),
        action: reason,
        entity: "session",
        entity_id: family_id.to_string(),
        item_key: None,
        before: None,
        after: noting_client(Some(json!({ "revoked_tokens": revoked })), client),
    });
    Ok(revoked)
}

/// The user a bearer token names, if the sign-in session (refresh-token family) it was issued
/// in is still live: one query, so checking the session costs nothing beyond re-reading the
/// user, which every request does anyway (SPEC §7: logout and a caught replay end it at once).
pub(crate) fn user_of_live_session(
    conn: &mut DbConnection,
    org_id: &str,
    user_id: &str,
    family_id: &str,
) -> AppResult<Option<super::users::User>> {
    use super::schema::users;
    use diesel::dsl::exists;
    // Every authenticated request runs this: on the backend's own connection (`on_backend!`).
    Ok(crate::on_backend!(conn, |c| {
        let live = refresh_tokens::table
            .filter(refresh_tokens::org_id.eq(org_id))
            .filter(refresh_tokens::family_id.eq(family_id))
            .filter(refresh_tokens::user_id.eq(user_id))
            .filter(refresh_tokens::revoked_at.is_null());
        users::table
            .find((org_id, user_id))
            .filter(exists(live))
            .select(super::users::User::as_select())
            .first(c)
            .optional()
    })?)
}

/// An assessment's organisation and row version.
pub(crate) type OwnerAndVersion = (String, i64);

/// [`user_of_live_session`] and, in the same statement, the owner and row version of one
/// assessment (`None` when there is no such assessment): the memo of answers
/// (`graphql/answer_memo.rs`) needs both on every memoised read, and one database round trip
/// instead of two is a third of such a read's time on PostgreSQL (docs/PERFORMANCE.md). The
/// assessment part is not scoped here: the caller passes it through
/// `assessments::readable_version_of`, the one place that decides who may see it.
pub(crate) fn user_of_live_session_and_assessment_version(
    conn: &mut DbConnection,
    org_id: &str,
    user_id: &str,
    family_id: &str,
    assessment_id: &str,
) -> AppResult<Option<(super::users::User, Option<OwnerAndVersion>)>> {
    use super::schema::{assessments, users};
    use diesel::dsl::exists;
    let found: Option<(super::users::User, Option<String>, Option<i64>)> =
        crate::on_backend!(conn, |c| {
            let live = refresh_tokens::table
                .filter(refresh_tokens::org_id.eq(org_id))
                .filter(refresh_tokens::family_id.eq(family_id))
                .filter(refresh_tokens::user_id.eq(user_id))
                .filter(refresh_tokens::revoked_at.is_null());
            let owner = assessments::table
                .filter(assessments::id.eq(assessment_id))
                .select(assessments::org_id)
                .single_value();
            let version = assessments::table
                .filter(assessments::id.eq(assessment_id))
                .select(assessments::version)
                .single_value();
            users::table
                .find((org_id, user_id))
                .filter(exists(live))
                .select((super::users::User::as_select(), owner, version))
                .first(c)
                .optional()
        })?;
    Ok(found.map(|(user, owner, version)| (user, owner.zip(version))))
}

/// Revokes every session of a user except `keep` (a password change ends the others).
/// Returns how many refresh tokens were revoked.
pub fn revoke_user_sessions_except(
    tx: &mut WriteTx<'_>,
    org_id: &str,
    user_id: &str,
    keep: Option<&str>,
    reason: &'static str,
) -> AppResult<usize> {
    let now = tx.now();
    let targets = refresh_tokens::table
        .filter(refresh_tokens::org_id.eq(org_id))
        .filter(refresh_tokens::user_id.eq(user_id))
        .filter(refresh_tokens::revoked_at.is_null())
        .filter(refresh_tokens::family_id.ne(keep.unwrap_or("")));
    let revoked = diesel::update(targets)
        .set(refresh_tokens::revoked_at.eq(now))
        .execute(tx.conn())?;
    tx.record(Change {
        org_id: org_id.to_string(),
        action: reason,
        entity: "user",
        entity_id: user_id.to_string(),
        item_key: None,
        before: None,
        after: Some(json!({ "revoked_tokens": revoked, "kept_session": keep })),
    });
    Ok(revoked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_is_added_to_what_the_entry_records_and_nothing_without_one() {
        assert_eq!(
            noting_client(Some(json!({ "revoked_tokens": 2 })), "192.0.2.7"),
            Some(json!({ "revoked_tokens": 2, "client": "192.0.2.7" }))
        );
        assert_eq!(
            noting_client(None, "2001:db8::5"),
            Some(json!({ "client": "2001:db8::5" }))
        );
        assert_eq!(noting_client(None, ""), None);
        assert_eq!(
            noting_client(Some(json!({ "a": 1 })), ""),
            Some(json!({ "a": 1 }))
        );
    }
}
