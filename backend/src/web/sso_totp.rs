//! The optional second factor (issue 17): enrolment on the account page, the code after the
//! password at sign-in, and enrolment at sign-in when the organisation requires it.
//!
//! A right password of an enrolled user (or of anyone in an organisation that requires the
//! factor) opens no session: it opens a challenge (`signin_challenges`, a cookie holding a
//! random secret, five minutes, five codes) and sends the browser to `/signin/totp`. Wrong
//! codes also pass the sign-in limiter (per account and address, growing delays), so a thief
//! of the password cannot try codes faster than passwords.

use std::time::Instant;

use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};
use chrono::Duration;
use minijinja::context;
use serde::Deserialize;

use super::csrf::{self, Posted};
use super::errors::{redirect, PageError, PageResult};
use super::render::{render, render_status, Chrome};
use super::session::{self, SignedIn};
use super::sso::{block, open_session, signed_in_response};
use crate::audit;
use crate::auth::{rate_limit, totp};
use crate::context::Actor;
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::store::totp::{self as totp_store, Challenge};
use crate::store::{sso, users, DbConnection};

pub const CHALLENGE_COOKIE: &str = "dpiahub_challenge";

/// What a right password still needs: `None` (nothing), `Some(false)` (the code),
/// `Some(true)` (enrolment first: the organisation requires the factor).
pub(super) fn second_factor(conn: &mut DbConnection, actor: &Actor) -> AppResult<Option<bool>> {
    if totp_store::is_enrolled(conn, &actor.org_id, &actor.user_id)? {
        return Ok(Some(false));
    }
    let required = sso::settings_unscoped(conn, &actor.org_id)?.is_some_and(|s| s.require_totp);
    Ok(required.then_some(true))
}

/// Opens a challenge for a right password; returns the cookie's secret.
pub(super) fn open_challenge(
    conn: &mut DbConnection,
    actor: &Actor,
    enrol: bool,
    next: &str,
) -> AppResult<String> {
    let (secret, hash) = session::new_secret();
    let now = crate::store::now_utc();
    totp_store::open_challenge(
        conn,
        &Challenge {
            secret_hash: hash,
            org_id: actor.org_id.clone(),
            user_id: actor.user_id.clone(),
            enrol,
            attempts: 0,
            next: next.to_string(),
            expires_at: now + Duration::minutes(totp::CHALLENGE_MINUTES),
        },
        now,
    )?;
    Ok(secret)
}

pub(super) fn challenge_cookie(req: &HttpRequest, secret: &str) -> Cookie<'static> {
    let mut cookie = Cookie::build(CHALLENGE_COOKIE, secret.to_string())
        .path("/signin")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(session::is_https(req))
        .finish();
    if secret.is_empty() {
        cookie.make_removal();
    }
    cookie
}

fn challenge_hash(req: &HttpRequest) -> Option<String> {
    let secret = req.cookie(CHALLENGE_COOKIE)?.value().to_string();
    (secret.len() == 64).then(|| session::hash_secret(&secret))
}

/// What the code page shows: a new secret's QR code while enrolling.
struct Enrolment {
    uri: String,
    qr: String,
    secret_base32: String,
}

fn enrolment_of(secret_hex: &str, email: &str) -> Option<Enrolment> {
    let uri = totp::otpauth_uri(secret_hex, email)?;
    let qr = totp::qr_data_url(&uri)?;
    let secret_base32 = uri
        .split_once("secret=")
        .map(|(_, rest)| rest.split('&').next().unwrap_or("").to_string())
        .unwrap_or_default();
    Some(Enrolment {
        uri,
        qr,
        secret_base32,
    })
}

#[allow(clippy::too_many_arguments)]
fn code_page(
    chrome: &Chrome,
    status: StatusCode,
    mode: &str,
    action: &str,
    csrf_value: &str,
    enrolment: Option<Enrolment>,
    enrolled: bool,
    error: Option<String>,
) -> PageResult {
    let (uri, qr, secret) = match enrolment {
        Some(e) => (Some(e.uri), Some(e.qr), Some(e.secret_base32)),
        None => (None, None, None),
    };
    render_status(
        chrome,
        status,
        "web/totp.html",
        context! {
            mode => mode,
            action => action,
            csrf_value => csrf_value,
            enrolled => enrolled,
            uri => uri,
            qr => qr,
            secret => secret,
            error => error,
        },
    )
}

/// The secret being enrolled: the pending one (a reload shows the same QR code), else new.
fn pending_secret(conn: &mut DbConnection, org_id: &str, user_id: &str) -> AppResult<String> {
    if let Some(pending) = totp_store::find(conn, org_id, user_id)?.filter(|t| !t.confirmed) {
        return Ok(pending.secret);
    }
    let secret = totp::new_secret();
    totp_store::begin_enrolment(conn, org_id, user_id, &secret, crate::store::now_utc())?;
    Ok(secret)
}

// --- At sign-in ------------------------------------------------------------------------

/// `GET /signin/totp`: the code (and the QR code first, when enrolment is required).
pub async fn signin_code_form(req: HttpRequest) -> PageResult {
    let lang = super::i18n::lang_of(&req);
    let Some(hash) = challenge_hash(&req) else {
        return Ok(redirect("/signin"));
    };
    let state = session::app_state(&req);
    let found = block(state, lang, move |_, conn| {
        let now = crate::store::now_utc();
        let Some(challenge) = totp_store::find_challenge(conn, &hash, now)? else {
            return Ok(None);
        };
        let user = users::find_unscoped(conn, &challenge.org_id, &challenge.user_id)?;
        let Some(user) = user else { return Ok(None) };
        let secret = if challenge.enrol {
            Some(pending_secret(conn, &user.org_id, &user.id)?)
        } else {
            None
        };
        Ok(Some((user.email, secret)))
    })
    .await?;
    let Some((email, secret)) = found else {
        return Ok(redirect("/signin"));
    };
    let enrolment = secret.and_then(|s| enrolment_of(&s, &email));
    signin_code_page(&req, lang, StatusCode::OK, enrolment, None)
}

fn signin_code_page(
    req: &HttpRequest,
    lang: Lang,
    status: StatusCode,
    enrolment: Option<Enrolment>,
    error: Option<String>,
) -> PageResult {
    let (token, cookie) = csrf::presession(req);
    let chrome = Chrome::public(lang, req.path());
    let mut response = code_page(
        &chrome,
        status,
        "signin",
        "/signin/totp",
        &token,
        enrolment,
        false,
        error,
    )?;
    if let Some(cookie) = cookie {
        response
            .add_cookie(&cookie)
            .map_err(|e| PageError::internal(lang, e))?;
    }
    Ok(response)
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    csrf: String,
}

enum CodeOutcome {
    /// Signed in: the actor, the session secret, must-change-password, next.
    Opened(Actor, String, bool, String),
    /// Wrong code; the enrolment's secret to show again, if enrolling.
    Wrong(Option<Enrolment>),
    /// No challenge (expired, used up, unknown): the password again.
    Gone,
    RateLimited(u64),
}

/// `POST /signin/totp`: checks the code, then opens the session like the password sign-in.
pub async fn signin_code(req: HttpRequest, form: web::Form<CodeForm>) -> PageResult {
    let lang = super::i18n::lang_of(&req);
    let form = form.into_inner();
    if !csrf::presession_ok(&req, &form.csrf) {
        return Err(PageError::FormRefused(lang));
    }
    let Some(hash) = challenge_hash(&req) else {
        return Ok(redirect("/signin"));
    };
    let client = crate::http::client::address(&req);
    let state = session::app_state(&req);
    let outcome = block(state, lang, move |state, conn| {
        let now = crate::store::now_utc();
        let Some(challenge) = totp_store::find_challenge(conn, &hash, now)? else {
            return Ok(CodeOutcome::Gone);
        };
        if !totp_store::count_attempt(conn, &hash, totp::MAX_CODE_ATTEMPTS)? {
            return Ok(CodeOutcome::Gone);
        }
        let Some(user) = users::find_unscoped(conn, &challenge.org_id, &challenge.user_id)?
            .filter(|u| !u.disabled)
        else {
            return Ok(CodeOutcome::Gone);
        };
        let client_key = match client.parse() {
            Ok(address) => rate_limit::address_key(address),
            Err(_) => format!("client:{client}"),
        };
        let attempt = match state.sign_in_limiter.begin(
            &format!("totp:{}", user.id),
            &client_key,
            Instant::now(),
        ) {
            Ok(attempt) => attempt,
            Err(retry) => return Ok(CodeOutcome::RateLimited(retry.whole_seconds())),
        };
        let Some(stored) = totp_store::find(conn, &user.org_id, &user.id)? else {
            return Ok(CodeOutcome::Gone);
        };
        let step = totp::check(&stored.secret, &form.code, totp::unix_now());
        let actor = crate::signin::actor_for(conn, &user)?;
        let accepted = match step {
            Some(step) if challenge.enrol && !stored.confirmed => Some((step, true)),
            Some(step) if stored.confirmed && totp_store::use_step(conn, &stored, step)? => {
                Some((step, false))
            }
            _ => None,
        };
        let Some((step, enrolling)) = accepted else {
            let again = if challenge.enrol && !stored.confirmed {
                enrolment_of(&stored.secret, &user.email)
            } else {
                None
            };
            return Ok(CodeOutcome::Wrong(again));
        };
        state.sign_in_limiter.succeeded(attempt, Instant::now());
        totp_store::end_challenge(conn, &hash)?;
        let (secret, must_change) =
            open_session(conn, &actor, "password_and_totp", &client, |tx| {
                if enrolling {
                    totp_store::confirm(tx, step, &client)?;
                }
                Ok(())
            })?;
        Ok(CodeOutcome::Opened(
            actor,
            secret,
            must_change,
            challenge.next,
        ))
    })
    .await?;
    match outcome {
        CodeOutcome::Opened(actor, secret, must_change, next) => {
            let mut response = signed_in_response(&req, lang, &actor, &secret, must_change, &next)?;
            response
                .add_cookie(&challenge_cookie(&req, ""))
                .map_err(|e| PageError::internal(lang, e))?;
            Ok(response)
        }
        CodeOutcome::Wrong(enrolment) => {
            crate::monitoring::sign_in_failed("web", "bad_code");
            signin_code_page(
                &req,
                lang,
                StatusCode::UNAUTHORIZED,
                enrolment,
                Some(crate::i18n::text(lang, "totp-wrong")),
            )
        }
        CodeOutcome::RateLimited(secs) => {
            crate::monitoring::sign_in_failed("web", "rate_limited");
            signin_code_page(
                &req,
                lang,
                StatusCode::TOO_MANY_REQUESTS,
                None,
                Some(crate::i18n::text_with(
                    lang,
                    "signin-rate-limited",
                    &[("minutes", crate::i18n::Arg::Number((secs as i64 + 59) / 60))],
                )),
            )
        }
        CodeOutcome::Gone => {
            let mut response = redirect("/signin");
            response
                .add_cookie(&challenge_cookie(&req, ""))
                .map_err(|e| PageError::internal(lang, e))?;
            Ok(response)
        }
    }
}

// --- On the account page ---------------------------------------------------------------

/// `GET /account/totp`: enrolled, or a new secret to scan and confirm.
pub async fn account_form(signed: SignedIn) -> PageResult {
    let found = signed
        .load(|_, actor, conn| {
            if totp_store::is_enrolled(conn, &actor.org_id, &actor.user_id)? {
                return Ok(None);
            }
            Ok(Some(pending_secret(conn, &actor.org_id, &actor.user_id)?))
        })
        .await?;
    let csrf = signed.chrome.csrf.clone().unwrap_or_default();
    match found {
        None => code_page(
            &signed.chrome,
            StatusCode::OK,
            "account",
            "/account/totp",
            &csrf,
            None,
            true,
            None,
        ),
        Some(secret) => code_page(
            &signed.chrome,
            StatusCode::OK,
            "account",
            "/account/totp",
            &csrf,
            enrolment_of(&secret, &signed.actor().email),
            false,
            None,
        ),
    }
}

/// `POST /account/totp`: the first code confirms the enrolment.
pub async fn account_confirm(req: HttpRequest, posted: Posted<CodeForm>) -> PageResult {
    let code = posted.form.code.clone();
    let client = crate::http::client::address(&req);
    let result = posted
        .block(move |state, actor, conn| {
            let Some(stored) = totp_store::find(conn, &actor.org_id, &actor.user_id)? else {
                return Ok(Err(None));
            };
            if stored.confirmed {
                return Ok(Ok(()));
            }
            match totp::check(&stored.secret, &code, totp::unix_now()) {
                Some(step) => {
                    audit::write(&state.pool, actor, |tx| {
                        totp_store::confirm(tx, step, &client)
                    })?;
                    Ok(Ok(()))
                }
                None => Ok(Err(Some(stored.secret))),
            }
        })
        .await?
        .map_err(|e: AppError| PageError::from_app(posted.lang, e))?;
    let csrf = posted.chrome.csrf.clone().unwrap_or_default();
    match result {
        Ok(()) => render(
            &posted.chrome,
            "web/totp.html",
            context! {
                mode => "account", action => "/account/totp", csrf_value => csrf,
                enrolled => true, uri => (), qr => (), secret => (), error => (),
            },
        ),
        Err(secret) => code_page(
            &posted.chrome,
            StatusCode::UNPROCESSABLE_ENTITY,
            "account",
            "/account/totp",
            &csrf,
            secret.and_then(|s| enrolment_of(&s, &posted.actor().email)),
            false,
            Some(crate::i18n::text(posted.lang, "totp-wrong")),
        ),
    }
}
