//! The optional second factor (issue 17): a user's TOTP secret and the sign-ins waiting for
//! their code. The secret is shown once, while it is enrolled; after the confirming code it is
//! never shown again. Confirming and removing are audited; a pending enrolment and a pending
//! sign-in are not (no one's data changed yet), like a session's idle clock.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::json;

use super::schema::{signin_challenges, user_totp};
use super::DbConnection;
use crate::audit::{Change, WriteTx};
use crate::error::AppResult;

#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = user_totp)]
pub struct UserTotp {
    pub org_id: String,
    pub user_id: String,
    /// The secret, hex.
    pub secret: String,
    pub confirmed: bool,
    /// The last time step whose code was accepted: a code works once.
    pub last_step: i64,
    pub created_at: NaiveDateTime,
}

pub(crate) fn find(
    conn: &mut DbConnection,
    org_id: &str,
    user_id: &str,
) -> AppResult<Option<UserTotp>> {
    Ok(user_totp::table
        .find((org_id, user_id))
        .select(UserTotp::as_select())
        .first(conn)
        .optional()?)
}

/// Whether the user signs in with a code.
pub(crate) fn is_enrolled(conn: &mut DbConnection, org_id: &str, user_id: &str) -> AppResult<bool> {
    Ok(find(conn, org_id, user_id)?.is_some_and(|t| t.confirmed))
}

/// Starts (or restarts) an enrolment with a new secret; a confirmed secret is not replaced.
pub(crate) fn begin_enrolment(
    conn: &mut DbConnection,
    org_id: &str,
    user_id: &str,
    secret: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    diesel::delete(
        user_totp::table
            .find((org_id, user_id))
            .filter(user_totp::confirmed.eq(false)),
    )
    .execute(conn)?;
    diesel::insert_into(user_totp::table)
        .values(UserTotp {
            org_id: org_id.to_string(),
            user_id: user_id.to_string(),
            secret: secret.to_string(),
            confirmed: false,
            last_step: 0,
            created_at: now,
        })
        .execute(conn)?;
    Ok(())
}

/// Records the accepted code's time step, if it is later than the last one (one use per code).
/// Returns false when another request used this step or a later one first.
pub(crate) fn use_step(conn: &mut DbConnection, totp: &UserTotp, step: i64) -> AppResult<bool> {
    let changed = diesel::update(
        user_totp::table
            .find((&totp.org_id, &totp.user_id))
            .filter(user_totp::last_step.lt(step)),
    )
    .set(user_totp::last_step.eq(step))
    .execute(conn)?;
    Ok(changed == 1)
}

/// The transaction's actor confirmed the enrolment with a code (from `client`): the second
/// factor is on.
pub fn confirm(tx: &mut WriteTx<'_>, step: i64, client: &str) -> AppResult<()> {
    let actor = tx.actor().clone();
    diesel::update(user_totp::table.find((&actor.org_id, &actor.user_id)))
        .set((user_totp::confirmed.eq(true), user_totp::last_step.eq(step)))
        .execute(tx.conn())?;
    tx.record(Change {
        org_id: actor.org_id.clone(),
        action: "totp_enrolled",
        entity: "user",
        entity_id: actor.user_id.clone(),
        item_key: None,
        before: None,
        after: super::sessions::noting_client(Some(json!({ "second_factor": "totp" })), client),
    });
    Ok(())
}

/// A password sign-in waiting for its code (or for the enrolment the organisation requires).
#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = signin_challenges)]
pub struct Challenge {
    pub secret_hash: String,
    pub org_id: String,
    pub user_id: String,
    pub enrol: bool,
    pub attempts: i64,
    pub next: String,
    pub expires_at: NaiveDateTime,
}

pub(crate) fn open_challenge(
    conn: &mut DbConnection,
    challenge: &Challenge,
    now: NaiveDateTime,
) -> AppResult<()> {
    diesel::delete(signin_challenges::table.filter(signin_challenges::expires_at.le(now)))
        .execute(conn)?;
    diesel::insert_into(signin_challenges::table)
        .values(challenge)
        .execute(conn)?;
    Ok(())
}

pub(crate) fn find_challenge(
    conn: &mut DbConnection,
    secret_hash: &str,
    now: NaiveDateTime,
) -> AppResult<Option<Challenge>> {
    Ok(signin_challenges::table
        .find(secret_hash)
        .filter(signin_challenges::expires_at.gt(now))
        .select(Challenge::as_select())
        .first(conn)
        .optional()?)
}

/// Counts one code attempt; false when the challenge had no attempts left (it is gone then:
/// the password must be given again).
pub(crate) fn count_attempt(
    conn: &mut DbConnection,
    secret_hash: &str,
    max: i64,
) -> AppResult<bool> {
    let counted = diesel::update(
        signin_challenges::table
            .find(secret_hash)
            .filter(signin_challenges::attempts.lt(max)),
    )
    .set(signin_challenges::attempts.eq(signin_challenges::attempts + 1))
    .execute(conn)?;
    if counted == 0 {
        end_challenge(conn, secret_hash)?;
    }
    Ok(counted == 1)
}

pub(crate) fn end_challenge(conn: &mut DbConnection, secret_hash: &str) -> AppResult<()> {
    diesel::delete(signin_challenges::table.find(secret_hash)).execute(conn)?;
    Ok(())
}
