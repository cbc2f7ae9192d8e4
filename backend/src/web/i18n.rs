//! The page's language: the visitor's choice (a cookie set by the language switch), else the
//! browser's `Accept-Language`, else Danish.

use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use crate::i18n::Lang;

pub const LANG_COOKIE: &str = "dpiahub_lang";

pub fn lang_of(req: &HttpRequest) -> Lang {
    if let Some(lang) = req.cookie(LANG_COOKIE).and_then(|c| Lang::parse(c.value())) {
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

/// `GET /language?lang=en&next=/assessments`: remembers the choice in a cookie (a setting of
/// this browser, not a change to anyone's data) and returns to the page.
pub async fn switch_language(req: HttpRequest, query: web::Query<Switch>) -> HttpResponse {
    let lang = Lang::parse(&query.lang).unwrap_or_default();
    let next = super::session::safe_next(query.next.as_deref());
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
