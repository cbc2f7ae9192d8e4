//! Sign-in, token refresh, sign-out and turning a bearer token into the request's [`Actor`].

use std::time::Instant;

use chrono::Duration;

use crate::audit;
use crate::auth::token::{hash_refresh_token, new_refresh_token};
use crate::auth::{password, rate_limit};
use crate::context::{Actor, OrgKind, Role};
use crate::error::{AppError, AppResult};
use crate::state::{AppState, ACCESS_TOKEN_TTL_SECS, REFRESH_TOKEN_TTL_DAYS};
use crate::store::{assessments, organisations, sessions, users, DbConnection};

/// The same message for an unknown e-mail and a wrong password: no account enumeration.
const BAD_CREDENTIALS: &str = "e-mail address or password is wrong";
const BAD_REFRESH: &str = "the refresh token is invalid, expired or already used; sign in again";

#[derive(Clone, Debug)]
pub struct Tokens {
    pub access_token: String,
    pub refresh_token: String,
    pub expires_in_secs: i64,
}

/// Verifies e-mail and password (rate-limited per account and client address) and opens a session.
pub fn login(state: &AppState, email: &str, password: &str, client: &str) -> AppResult<Tokens> {
    let mut conn = state.pool.get()?;
    let actor = authenticate(state, &mut conn, email, password, client)?;
    open_session(state, &mut conn, &actor, "login", client)
}

/// The one password check of every sign-in door (the API's `login` and the web application's
/// sign-in form): rate-limited per account and client address, the same answer for an unknown
/// e-mail and a wrong password. Returns the signed-in actor; opening a session is the caller's.
pub fn authenticate(
    state: &AppState,
    conn: &mut DbConnection,
    email: &str,
    password: &str,
    client: &str,
) -> AppResult<Actor> {
    let email = users::normalise_email(email);
    let account_key = rate_limit::account_key(&email);
    let client_key = match client.parse() {
        Ok(address) => rate_limit::address_key(address),
        Err(_) => format!("client:{client}"),
    };
    // The attempt is counted before the (slow) hash, so guesses sent at once cannot pass
    // the limit together (issue 14, finding 2); a success refunds it.
    let attempt = state
        .sign_in_limiter
        .begin(&account_key, &client_key, Instant::now())
        .map_err(|retry| AppError::RateLimited {
            retry_after_secs: retry.whole_seconds(),
        })?;

    let user = users::find_for_login(conn, &email)?;
    // Verify even for an unknown account (against a dummy hash) so timing reveals nothing.
    let password_ok =
        password::verify_password(password, user.as_ref().map(|u| u.password_hash.as_str()));
    let user = match user {
        Some(user) if password_ok && !user.disabled => user,
        _ => return Err(AppError::Unauthenticated(BAD_CREDENTIALS.into())),
    };
    state.sign_in_limiter.succeeded(attempt, Instant::now());
    actor_for(conn, &user)
}

/// Exchanges a refresh token for new tokens. Each refresh token works once; presenting a used
/// one again revokes its whole family, since only a thief would hold a stale copy. `client`
/// (the presenter's address) goes into the audit entry either way.
pub fn refresh(state: &AppState, refresh_token: &str, client: &str) -> AppResult<Tokens> {
    let mut conn = state.pool.get()?;
    let hash = hash_refresh_token(refresh_token);
    let token = sessions::find_by_hash(&mut conn, &hash)?
        .ok_or_else(|| AppError::Unauthenticated(BAD_REFRESH.into()))?;
    let user = users::find_unscoped(&mut conn, &token.org_id, &token.user_id)?
        .filter(|u| !u.disabled)
        .ok_or_else(|| AppError::Unauthenticated(BAD_REFRESH.into()))?;
    let actor = actor_for(&mut conn, &user)?;
    let now = crate::store::now_utc();
    if token.revoked_at.is_some() || token.expires_at <= now {
        return Err(AppError::Unauthenticated(BAD_REFRESH.into()));
    }
    if token.used_at.is_some() {
        audit::write_on(&mut conn, &actor, now, |tx| {
            sessions::revoke_family(
                tx,
                &token.org_id,
                &token.family_id,
                "refresh_token_replayed",
                client,
            )
        })?;
        tracing::warn!(user = %actor.email, "refresh token replayed; session family revoked");
        return Err(AppError::Unauthenticated(BAD_REFRESH.into()));
    }
    let issued = new_refresh_token();
    let (plain, hash) = (issued.plaintext, issued.hash);
    let expires_at = now + Duration::days(REFRESH_TOKEN_TTL_DAYS);
    audit::write_on(&mut conn, &actor, now, |tx| {
        if !sessions::mark_used(tx, &token)? {
            return Err(AppError::Unauthenticated(BAD_REFRESH.into()));
        }
        sessions::insert(
            tx,
            hash,
            Some(token.family_id.clone()),
            expires_at,
            "refresh",
            client,
        )
    })?;
    Ok(Tokens {
        access_token: issue_access(state, &actor, &token.family_id)?,
        refresh_token: plain,
        expires_in_secs: ACCESS_TOKEN_TTL_SECS,
    })
}

/// Ends the session the refresh token belongs to (all its rotations). Only its owner can.
pub fn logout(
    state: &AppState,
    actor: &Actor,
    refresh_token: &str,
    client: &str,
) -> AppResult<bool> {
    let mut conn = state.pool.get()?;
    let token = sessions::find_by_hash(&mut conn, &hash_refresh_token(refresh_token))?
        .filter(|t| t.user_id == actor.user_id && t.org_id == actor.org_id)
        .ok_or(AppError::not_found("session"))?;
    let revoked = audit::write_on(&mut conn, actor, crate::store::now_utc(), |tx| {
        sessions::revoke_family(tx, &token.org_id, &token.family_id, "logout", client)
    })?;
    Ok(revoked > 0)
}

/// The actor of a bearer token, re-read from the database so a disabled account or changed
/// role takes effect before the token expires.
pub fn actor_from_bearer(state: &AppState, token: &str) -> AppResult<Actor> {
    session_from_bearer(state, token).map(|(actor, _)| actor)
}

/// The actor of a bearer token and the sign-in session it was issued in. The user is re-read
/// in the same query that checks the session is live, so logout, a caught refresh-token
/// replay and a password change end the session's access tokens at once (SPEC §7).
pub fn session_from_bearer(state: &AppState, token: &str) -> AppResult<(Actor, String)> {
    session_from_bearer_on(state, &mut *state.pool.get()?, token)
}

/// [`session_from_bearer`] on a connection the caller goes on using (one pool checkout for
/// the check and what follows).
pub fn session_from_bearer_on(
    state: &AppState,
    conn: &mut DbConnection,
    token: &str,
) -> AppResult<(Actor, String)> {
    let claims = verified_claims(state, token)?;
    let session = claims.sid.clone().ok_or_else(invalid_token)?;
    let user = sessions::user_of_live_session(conn, &claims.org, &claims.sub, &session)?;
    Ok((actor_for(conn, &live_user(user)?)?, session))
}

/// [`session_from_bearer_on`] and, in the same statement, the version of the assessment
/// `assessment_id` if the actor may read it: what the memo of answers keys on (`http.rs`).
pub fn session_and_version_from_bearer_on(
    state: &AppState,
    conn: &mut DbConnection,
    token: &str,
    assessment_id: &str,
) -> AppResult<(Actor, String, Option<i64>)> {
    let claims = verified_claims(state, token)?;
    let session = claims.sid.clone().ok_or_else(invalid_token)?;
    let found = sessions::user_of_live_session_and_assessment_version(
        conn,
        &claims.org,
        &claims.sub,
        &session,
        assessment_id,
    )?;
    let (user, assessment) = found.unzip();
    let actor = actor_for(conn, &live_user(user)?)?;
    let version = assessments::readable_version_of(&actor, assessment.flatten());
    Ok((actor, session, version))
}

fn invalid_token() -> AppError {
    AppError::Unauthenticated("the access token is invalid or expired".into())
}

fn verified_claims(state: &AppState, token: &str) -> AppResult<crate::auth::token::AccessClaims> {
    // A token without a session could not be ended: only tokens we issue in a session count
    // (callers require `sid`).
    state.keys.verify_access(token).map_err(|_| invalid_token())
}

/// The user of a live session, unless the session has ended or the account is disabled.
fn live_user(user: Option<users::User>) -> AppResult<users::User> {
    user.filter(|u| !u.disabled).ok_or_else(|| {
        AppError::Unauthenticated(
            "the session has ended or the account is disabled; sign in again".into(),
        )
    })
}

/// Ends every session of a user except `keep` (the one making the change): a password change
/// or reset must not leave a thief's session alive (issue 14, finding 4). It revokes the
/// API's refresh-token families, which ends their access tokens too; a door with sessions of
/// its own (the web application's browser sessions) ends those here as well.
pub fn end_other_sessions(
    tx: &mut audit::WriteTx<'_>,
    org_id: &str,
    user_id: &str,
    keep: Option<&str>,
) -> AppResult<usize> {
    sessions::revoke_user_sessions_except(tx, org_id, user_id, keep, "end_other_sessions")
}

pub(crate) fn actor_for(conn: &mut DbConnection, user: &users::User) -> AppResult<Actor> {
    // An organisation's kind is written once, when it is created (`organisations::create`),
    // so it is kept in memory after the first read (memo rule of docs/ARCHITECTURE.md): one
    // query less on every authenticated request.
    static KINDS: std::sync::OnceLock<crate::memo::Memo<String, OrgKind>> =
        std::sync::OnceLock::new();
    let kinds = KINDS.get_or_init(|| crate::memo::Memo::new(100_000));
    let org_kind = match kinds.get(user.org_id.as_str()) {
        Some(kind) => kind,
        None => {
            let org = organisations::find_unscoped(conn, &user.org_id)?.ok_or_else(|| {
                AppError::Internal(format!("user {} without organisation", user.id))
            })?;
            let kind = OrgKind::parse(&org.kind)
                .ok_or_else(|| AppError::Internal(format!("organisation kind {}", org.kind)))?;
            kinds.insert(org.id, kind);
            kind
        }
    };
    Ok(Actor {
        user_id: user.id.clone(),
        email: user.email.clone(),
        org_id: user.org_id.clone(),
        org_kind,
        role: Role::parse(&user.role)
            .ok_or_else(|| AppError::Internal(format!("user role {}", user.role)))?,
    })
}

fn open_session(
    state: &AppState,
    conn: &mut DbConnection,
    actor: &Actor,
    action: &'static str,
    client: &str,
) -> AppResult<Tokens> {
    let issued = new_refresh_token();
    let (plain, hash) = (issued.plaintext, issued.hash);
    let now = crate::store::now_utc();
    let expires_at = now + Duration::days(REFRESH_TOKEN_TTL_DAYS);
    let token = audit::write_on(conn, actor, now, |tx| {
        sessions::insert(tx, hash, None, expires_at, action, client)
    })?;
    Ok(Tokens {
        access_token: issue_access(state, actor, &token.family_id)?,
        refresh_token: plain,
        expires_in_secs: ACCESS_TOKEN_TTL_SECS,
    })
}

/// An access token of `actor` in the sign-in session `session` (its refresh-token family).
fn issue_access(state: &AppState, actor: &Actor, session: &str) -> AppResult<String> {
    state
        .keys
        .issue_session_access(
            &actor.user_id,
            &actor.org_id,
            actor.role.as_str(),
            Some(session),
            chrono::Utc::now().timestamp(),
            ACCESS_TOKEN_TTL_SECS,
        )
        .map_err(|e| AppError::Internal(format!("signing an access token: {e}")))
}
