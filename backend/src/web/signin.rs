//! Screen 1: sign-in, sign-out, the account page and changing one's password.
//!
//! The password check is `signin::authenticate`, the same rate-limited door as the API's
//! `login`; opening and ending a browser session are audited like refresh tokens.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};
use minijinja::context;
use serde::Deserialize;

use super::csrf::{self, Posted};
use super::errors::{redirect, PageError, PageResult};
use super::render::{render, render_status, Chrome};
use super::session::{self, SignedInAny};
use crate::audit;
use crate::auth::password;
use crate::error::AppError;
use crate::store::{users, web_sessions};

#[derive(Deserialize)]
pub struct SigninQuery {
    next: Option<String>,
}

/// `GET /signin`: the form (or straight on, for someone already signed in).
pub async fn signin_form(req: HttpRequest, query: web::Query<SigninQuery>) -> PageResult {
    if let Some(session) = session::session_of(&req).await? {
        return Ok(redirect(session::start_page(&session.actor)));
    }
    let lang = super::i18n::lang_of(&req);
    signin_page(
        &req,
        lang,
        StatusCode::OK,
        "",
        &session::safe_next(query.next.as_deref()),
        None,
    )
}

fn signin_page(
    req: &HttpRequest,
    lang: crate::i18n::Lang,
    status: StatusCode,
    email: &str,
    next: &str,
    error: Option<String>,
) -> PageResult {
    signin_page_full(req, lang, status, email, next, error, "", None)
}

/// The sign-in page with both forms: password, and the organisation's login (SSO).
#[allow(clippy::too_many_arguments)]
pub(super) fn signin_page_full(
    req: &HttpRequest,
    lang: crate::i18n::Lang,
    status: StatusCode,
    email: &str,
    next: &str,
    error: Option<String>,
    sso_email: &str,
    sso_error: Option<String>,
) -> PageResult {
    let (token, cookie) = csrf::presession(req);
    let chrome = Chrome::public(lang, req.path());
    let mut response = render_status(
        &chrome,
        status,
        "web/signin.html",
        context! {
            email => email, next => next, error => error, presession => token,
            sso_email => sso_email, sso_error => sso_error,
        },
    )?;
    if let Some(cookie) = cookie {
        response
            .add_cookie(&cookie)
            .map_err(|e| PageError::internal(lang, e))?;
    }
    Ok(response)
}

#[derive(Deserialize)]
pub struct SigninForm {
    email: String,
    password: String,
    #[serde(default)]
    next: String,
    #[serde(default)]
    csrf: String,
}

/// `POST /signin`: checks the password (rate-limited) and opens a session.
pub async fn signin(req: HttpRequest, form: web::Form<SigninForm>) -> PageResult {
    let lang = super::i18n::lang_of(&req);
    let form = form.into_inner();
    let next = session::safe_next(Some(&form.next));
    if !csrf::presession_ok(&req, &form.csrf) {
        return Err(PageError::FormRefused(lang));
    }
    let state = session::app_state(&req);
    // The client's address as the API's login sees it (trusted proxies honoured).
    let client = crate::http::client::address(&req);
    let (email, password) = (form.email.clone(), form.password);
    let challenge_next = next.clone();
    let opened = web::block(move || {
        let mut conn = state.pool.get()?;
        let actor = crate::signin::authenticate(&state, &mut conn, &email, &password, &client)?;
        // SSO stream: an enrolled second factor, or one the organisation requires, first.
        if let Some(enrol) = super::sso_totp::second_factor(&mut conn, &actor)? {
            let challenge =
                super::sso_totp::open_challenge(&mut conn, &actor, enrol, &challenge_next)?;
            return Ok(Err(challenge));
        }
        let (secret, hash) = session::new_secret();
        let now = crate::store::now_utc();
        audit::write_on(&mut conn, &actor, now, |tx| {
            web_sessions::open_via(
                tx,
                hash,
                now + session::ABSOLUTE_TIMEOUT,
                "password",
                &client,
            )
        })?;
        let must_change =
            web_sessions::must_change_password(&mut conn, &actor.org_id, &actor.user_id)?;
        Ok::<_, AppError>(Ok((actor, secret, must_change)))
    })
    .await
    .map_err(|e| PageError::blocking(lang, e))?;
    match opened {
        Ok(Err(challenge)) => {
            let mut response = redirect("/signin/totp");
            response
                .add_cookie(&super::sso_totp::challenge_cookie(&req, &challenge))
                .map_err(|e| PageError::internal(lang, e))?;
            Ok(response)
        }
        Ok(Ok((actor, secret, must_change))) => {
            let to = if must_change {
                "/account/password".to_string()
            } else if next == "/" {
                session::start_page(&actor).to_string()
            } else {
                next
            };
            let mut response = redirect(&to);
            response
                .add_cookie(&session::session_cookie(&req, &secret))
                .map_err(|e| PageError::internal(lang, e))?;
            Ok(response)
        }
        Err(AppError::Unauthenticated(_)) => signin_page(
            &req,
            lang,
            StatusCode::UNAUTHORIZED,
            &form.email,
            &next,
            Some(crate::i18n::text(lang, "signin-failed")),
        ),
        Err(AppError::RateLimited { retry_after_secs }) => signin_page(
            &req,
            lang,
            StatusCode::TOO_MANY_REQUESTS,
            &form.email,
            &next,
            Some(crate::i18n::text_with(
                lang,
                "signin-rate-limited",
                &[(
                    "minutes",
                    crate::i18n::Arg::Number((retry_after_secs as i64 + 59) / 60),
                )],
            )),
        ),
        Err(e) => Err(PageError::from_app(lang, e)),
    }
}

/// `POST /signout`: ends the session on the server and forgets the cookie.
pub async fn signout(req: HttpRequest, posted: Posted<Empty, SignedInAny>) -> PageResult {
    let record = posted.session.record.clone();
    let client = crate::http::client::address(&req);
    posted
        .load(move |_, actor, conn| {
            audit::write_on(conn, actor, crate::store::now_utc(), |tx| {
                web_sessions::end(tx, &record, "web_sign_out", &client)
            })
        })
        .await?;
    let mut response = redirect("/signin");
    response
        .add_cookie(&session::session_cookie(&req, ""))
        .map_err(|e| PageError::internal(posted.lang, e))?;
    Ok(response)
}

/// A form with nothing but its CSRF token.
#[derive(Deserialize)]
pub struct Empty {}

/// `GET /account`: who is signed in, in which organisation and role.
pub async fn account(signed: session::SignedIn) -> PageResult {
    render(&signed.chrome, "web/account.html", context! {})
}

/// `GET /account/password`.
pub async fn password_form(signed: SignedInAny) -> PageResult {
    password_page(&signed, StatusCode::OK, None, false)
}

fn password_page(
    signed: &SignedInAny,
    status: StatusCode,
    error: Option<(String, String)>,
    done: bool,
) -> PageResult {
    let (field, message) = error.unzip();
    render_status(
        &signed.chrome,
        status,
        "web/password.html",
        context! {
            must_change => signed.session.must_change_password,
            error_field => field,
            error => message,
            done => done,
            min_chars => password::MIN_PASSWORD_CHARS,
        },
    )
}

#[derive(Deserialize)]
pub struct PasswordForm {
    current: String,
    new: String,
    repeat: String,
}

/// `POST /account/password`: the current password, the new one twice. Ends the user's other
/// browser sessions and clears an admin's "change at next sign-in" mark.
pub async fn change_password(
    req: HttpRequest,
    posted: Posted<PasswordForm, SignedInAny>,
) -> PageResult {
    let lang = posted.lang;
    let client = crate::http::client::address(&req);
    let PasswordForm {
        current,
        new,
        repeat,
    } = &posted.form;
    if new != repeat {
        let message = crate::i18n::text(lang, "password-mismatch");
        return password_page(
            &posted,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(("repeat".into(), message)),
            false,
        );
    }
    if let Err(e) = password::check_password_policy(new) {
        let message = super::i18n::password_refusal(lang, &e);
        return password_page(
            &posted,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(("new".into(), message)),
            false,
        );
    }
    let (current, new) = (current.clone(), new.clone());
    let keep = posted.session.record.id.clone();
    let result = posted
        .block(move |_, actor, conn| {
            let user = users::find(conn, actor, &actor.org_id, &actor.user_id)?;
            if !password::verify_password(&current, Some(&user.password_hash)) {
                return Err(AppError::validation("current", "wrong"));
            }
            let hash = password::hash_password(&new)
                .map_err(|e| AppError::Internal(format!("hashing: {e}")))?;
            audit::write_on(conn, actor, crate::store::now_utc(), |tx| {
                users::set_own_password(tx, hash, &client)?;
                web_sessions::clear_must_change_password(tx)?;
                web_sessions::end_all_of_user(
                    tx,
                    &actor.org_id,
                    &actor.user_id,
                    Some(&keep),
                    "password_changed",
                )?;
                // And every API session (refresh-token family) of the user.
                crate::signin::end_other_sessions(tx, &actor.org_id, &actor.user_id, None)?;
                Ok(())
            })
        })
        .await?;
    match result {
        Ok(()) => {
            if posted.session.must_change_password {
                return Ok(redirect(session::start_page(posted.actor())));
            }
            let mut signed = posted.guard.clone();
            signed.session.must_change_password = false;
            password_page(&signed, StatusCode::OK, None, true)
        }
        Err(AppError::Validation { field, .. }) if field == "current" => password_page(
            &posted,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some((
                "current".into(),
                crate::i18n::text(lang, "password-current-wrong"),
            )),
            false,
        ),
        Err(e) => Err(PageError::from_app(lang, e)),
    }
}
