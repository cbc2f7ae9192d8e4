//! CSRF protection of every state-changing request.
//!
//! A signed-in form carries `csrf`, derived from the session's secret (SHA-256 with its own
//! label), so it is bound to the session and cannot be computed from what the database stores.
//! htmx requests may send it as the `X-CSRF-Token` header instead. [`Posted`] checks it before
//! the handler runs: a missing or forged token gets the 403 page and nothing is written.
//!
//! The sign-in form has no session yet: it carries the value of a random pre-session cookie
//! (double submit), so another site cannot sign a browser in to an account of its choosing.

use std::future::Future;
use std::pin::Pin;

use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest};
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

use super::errors::PageError;
use super::session::{Admin, SignedIn, SignedInAny};

/// The form field (and `X-CSRF-Token` header) that carries the token.
pub const FIELD: &str = "csrf";
pub const HEADER: &str = "X-CSRF-Token";
/// The sign-in form's double-submit cookie.
pub const PRESESSION_COOKIE: &str = "dpiahub_presession";

pub fn token_for(session_secret: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"dpiahub web csrf v1\0");
    hasher.update(session_secret.as_bytes());
    hex::encode(hasher.finalize())
}

/// Equal without revealing through timing how much of a guess was right.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The pre-session token of this browser and, when it has none yet, the cookie to set.
pub fn presession(req: &HttpRequest) -> (String, Option<Cookie<'static>>) {
    if let Some(c) = req.cookie(PRESESSION_COOKIE) {
        if c.value().len() == 64 {
            return (c.value().to_string(), None);
        }
    }
    let (token, _) = super::session::new_secret();
    let cookie = Cookie::build(PRESESSION_COOKIE, token.clone())
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(super::session::is_https(req))
        .finish();
    (token, Some(cookie))
}

/// Whether a sign-in form's token matches this browser's pre-session cookie.
pub fn presession_ok(req: &HttpRequest, token: &str) -> bool {
    req.cookie(PRESESSION_COOKIE)
        .is_some_and(|c| c.value().len() == 64 && same(c.value(), token))
}

/// The guard a [`Posted`] form runs behind.
pub trait Guard: Sized + 'static {
    fn from_any(any: SignedInAny) -> Result<Self, PageError>;
    fn signed_in(&self) -> &SignedInAny;
}

impl Guard for SignedInAny {
    fn from_any(any: SignedInAny) -> Result<Self, PageError> {
        Ok(any)
    }
    fn signed_in(&self) -> &SignedInAny {
        self
    }
}

impl Guard for SignedIn {
    fn from_any(any: SignedInAny) -> Result<Self, PageError> {
        if any.session.must_change_password {
            return Err(PageError::ChangePassword);
        }
        Ok(SignedIn(any))
    }
    fn signed_in(&self) -> &SignedInAny {
        &self.0
    }
}

impl Guard for Admin {
    fn from_any(any: SignedInAny) -> Result<Self, PageError> {
        let signed = SignedIn::from_any(any)?;
        if signed.actor().role != crate::context::Role::Admin {
            return Err(PageError::NotFound(signed.lang));
        }
        Ok(Admin(signed))
    }
    fn signed_in(&self) -> &SignedInAny {
        self
    }
}

/// A state-changing form of a signed-in user: the guard `G` passed, the CSRF token matched,
/// and the body parsed as `T` (urlencoded, or multipart when the form uploads a file;
/// `Vec<(String, String)>` keeps repeated fields).
pub struct Posted<T, G: Guard = SignedIn> {
    pub guard: G,
    pub form: T,
}

impl<T, G: Guard> std::ops::Deref for Posted<T, G> {
    type Target = SignedInAny;
    fn deref(&self) -> &SignedInAny {
        self.guard.signed_in()
    }
}

impl<T: DeserializeOwned + 'static, G: Guard> FromRequest for Posted<T, G> {
    type Error = PageError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, PageError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let multipart = is_multipart(&req);
        let body = (!multipart).then(|| web::Bytes::from_request(&req, payload));
        let parts =
            multipart.then(|| actix_multipart::Multipart::new(req.headers(), payload.take()));
        Box::pin(async move {
            let lang = super::i18n::lang_of(&req);
            let any = SignedInAny::from_request(&req, &mut Payload::None).await?;
            let pairs: Vec<(String, String)> = match (body, parts) {
                (Some(body), _) => {
                    let body = body.await.map_err(|_| PageError::BadForm(lang))?;
                    serde_urlencoded::from_bytes(&body).map_err(|_| PageError::BadForm(lang))?
                }
                (_, Some(parts)) => multipart_pairs(parts)
                    .await
                    .map_err(|_| PageError::BadForm(lang))?,
                (None, None) => return Err(PageError::BadForm(lang)),
            };
            let sent = pairs
                .iter()
                .find(|(k, _)| k == FIELD)
                .map(|(_, v)| v.clone())
                .or_else(|| {
                    req.headers()
                        .get(HEADER)
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_string)
                });
            let expected = any.session.csrf_token();
            if !sent.is_some_and(|s| same(&s, &expected)) {
                tracing::warn!(user = %any.actor().email, path = req.path(), "form refused: missing or wrong CSRF token");
                return Err(PageError::FormRefused(lang));
            }
            let guard = G::from_any(any)?;
            let encoded =
                serde_urlencoded::to_string(&pairs).map_err(|_| PageError::BadForm(lang))?;
            let form = serde_urlencoded::from_str(&encoded).map_err(|e| {
                tracing::info!(path = req.path(), error = %e, "malformed form");
                PageError::BadForm(lang)
            })?;
            Ok(Posted { guard, form })
        })
    }
}

/// The largest multipart form read (a file upload: an interchange document of a national
/// template is a few hundred KiB).
const MULTIPART_LIMIT: usize = 8 * 1024 * 1024;

fn is_multipart(req: &HttpRequest) -> bool {
    req.headers()
        .get(actix_web::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.trim_start()
                .to_ascii_lowercase()
                .starts_with("multipart/form-data")
        })
}

/// A `multipart/form-data` body (a form with a file field) as name–text pairs, like an
/// urlencoded one: a file's content is its field's text. Refused when over the limit or not
/// UTF-8 (every file the web application takes is a JSON text).
async fn multipart_pairs(
    mut parts: actix_multipart::Multipart,
) -> Result<Vec<(String, String)>, &'static str> {
    use futures_util::StreamExt;
    let mut pairs = Vec::new();
    let mut total = 0usize;
    while let Some(field) = parts.next().await {
        let mut field = field.map_err(|_| "malformed multipart body")?;
        let name = field.name().ok_or("a part without a name")?.to_owned();
        let mut bytes = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|_| "malformed multipart body")?;
            total += chunk.len();
            if total > MULTIPART_LIMIT {
                return Err("the form is too large");
            }
            bytes.extend_from_slice(&chunk);
        }
        pairs.push((
            name,
            String::from_utf8(bytes).map_err(|_| "not UTF-8 text")?,
        ));
    }
    Ok(pairs)
}
