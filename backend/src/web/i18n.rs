//! The page's language: the visitor's choice (a cookie set by the language switch), else the
//! browser's `Accept-Language`, else Danish.

use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use crate::i18n::Lang;

pub const LANG_COOKIE: &str = "dpiahub_lang";

pub fn lang_of(req: &HttpRequest) -> Lang {
    lang_for(req, None)
}

/// The language of a signed-in person's page: this browser's switch, else the language the
/// person chose (stored with the user, so it follows them to another browser and into their
/// e-mails), else `Accept-Language`, else Danish.
pub fn lang_for(req: &HttpRequest, chosen: Option<Lang>) -> Lang {
    if let Some(lang) = req.cookie(LANG_COOKIE).and_then(|c| Lang::parse(c.value())) {
        return lang;
    }
    if let Some(lang) = chosen {
        return lang;
    }
    req.headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::from_accept_language)
        .unwrap_or_default()
}

#[derive(Deserialize)]
pub struct Switch {
    lang: String,
    next: Option<String>,
}

/// `GET /language?lang=en&next=/assessments`: remembers the choice in a cookie and returns to
/// the page. For a signed-in person the choice is also stored with the user (their pages in
/// another browser and their notice e-mails follow it) — a setting of their own, like the
/// switch on any site, so a link may set it without a CSRF token.
pub async fn switch_language(req: HttpRequest, query: web::Query<Switch>) -> HttpResponse {
    let lang = Lang::parse(&query.lang).unwrap_or_default();
    let next = super::session::safe_next(query.next.as_deref());
    if let Ok(Some(session)) = super::session::session_of(&req).await {
        let state = super::session::app_state(&req);
        let stored = web::block(move || {
            crate::audit::write(&state.pool, &session.actor, |tx| {
                crate::store::users::set_own_language(tx, lang)
            })
        })
        .await;
        if !matches!(stored, Ok(Ok(()))) {
            tracing::warn!("the language switch could not store the user's choice");
        }
    }
    let cookie = Cookie::build(LANG_COOKIE, lang.code())
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(super::session::is_https(&req))
        .max_age(actix_web::cookie::time::Duration::days(365))
        .finish();
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, next))
        .cookie(cookie)
        .finish()
}

/// Why a new password is refused, in the person's language (every form that sets a password).
pub fn password_refusal(lang: Lang, error: &crate::auth::password::PasswordError) -> String {
    match error {
        crate::auth::password::PasswordError::TooShort { min } => crate::i18n::text_with(
            lang,
            "password-too-short",
            &[("min", crate::i18n::Arg::Number(*min as i64))],
        ),
        _ => crate::i18n::text(lang, "password-too-long"),
    }
}
