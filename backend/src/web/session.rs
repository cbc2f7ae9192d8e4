//! Browser sessions: a random secret in an `HttpOnly`, `SameSite=Lax` cookie (`Secure` over
//! HTTPS), its SHA-256 in `web_sessions`. Every request re-reads the session and its user, so
//! sign-out, a timeout, a disabled account or a changed role take effect at once.
//!
//! The guards are extractors: a handler that takes [`SignedIn`] only runs for a valid session;
//! [`Admin`] only for an organisation admin; [`SignedInAny`] also while the user must still
//! change an admin-set password (the password page itself).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest};
use chrono::{Duration, NaiveDateTime};
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::errors::PageError;
use super::render::{Chrome, ChromeUser};
use crate::context::{Actor, OrgKind, Role};
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::store::web_sessions::{self, WebSession};
use crate::store::{organisations, users, DbConnection};

pub const SESSION_COOKIE: &str = "dpiahub_session";
/// A session ends after this long without a request.
pub const IDLE_TIMEOUT: Duration = Duration::minutes(60);
/// A session ends this long after sign-in, however busy.
pub const ABSOLUTE_TIMEOUT: Duration = Duration::hours(12);
/// The idle clock is moved forward at most this often (not a write on every request).
const TOUCH_EVERY: Duration = Duration::seconds(60);

/// A fresh session secret (256 random bits, hex) and the hash stored for it.
pub fn new_secret() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let secret = hex::encode(bytes);
    let hash = hash_secret(&secret);
    (secret, hash)
}

pub fn hash_secret(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// Whether the browser reached us over HTTPS (our TLS, or a trusted proxy says so).
pub fn is_https(req: &HttpRequest) -> bool {
    crate::http::client::is_https(req)
}

/// The session cookie for `secret`; an empty secret with `max_age` 0 removes it.
pub fn session_cookie(req: &HttpRequest, secret: &str) -> Cookie<'static> {
    let mut cookie = Cookie::build(SESSION_COOKIE, secret.to_string())
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(is_https(req))
        .finish();
    if secret.is_empty() {
        cookie.make_removal();
    }
    cookie
}

/// A path of ours to return to: starts with one `/`, never `//` (another host) or a backslash.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_string(),
        _ => "/".to_string(),
    }
}

/// Percent-encodes a path for a query parameter.
pub fn url_encode(text: &str) -> String {
    serde_urlencoded::to_string([("", text)])
        .map(|s| s.trim_start_matches('=').to_string())
        .unwrap_or_default()
}

/// Where a signed-in person starts.
pub fn start_page(actor: &Actor) -> &'static str {
    match actor.org_kind {
        OrgKind::Controller => "/assessments",
        // The desks of issue 16.
        OrgKind::SupervisoryAuthority => "/authority/cases",
        OrgKind::CentralBody => "/central/templates",
        OrgKind::Platform => "/operator/organisations",
    }
}

/// A valid browser session and who it belongs to.
#[derive(Clone, Debug)]
pub struct Session {
    pub actor: Actor,
    pub record: WebSession,
    pub display_name: String,
    pub organisation: String,
    pub must_change_password: bool,
    /// The language the person chose, if any (see `i18n::lang_for`).
    pub language: Option<Lang>,
    /// The secret from the cookie: the CSRF token is derived from it.
    secret: String,
}

impl Session {
    pub fn csrf_token(&self) -> String {
        super::csrf::token_for(&self.secret)
    }
}

/// Reads and checks the session of a cookie secret; ends it (audited) when it timed out.
/// `None` for anything that is not a live session of an enabled user.
pub fn resolve(
    conn: &mut DbConnection,
    secret: &str,
    now: NaiveDateTime,
) -> AppResult<Option<Session>> {
    let Some(record) = web_sessions::find_by_hash(conn, &hash_secret(secret))? else {
        return Ok(None);
    };
    if record.ended_at.is_some() {
        return Ok(None);
    }
    let Some(user) = users::find_unscoped(conn, &record.org_id, &record.user_id)? else {
        return Ok(None);
    };
    if user.disabled {
        return Ok(None);
    }
    let actor = crate::signin::actor_for(conn, &user)?;
    if now >= record.expires_at || now - record.last_seen_at >= IDLE_TIMEOUT {
        crate::audit::write_on(conn, &actor, now, |tx| {
            web_sessions::end(tx, &record, "web_session_expired", "")
        })?;
        return Ok(None);
    }
    if now - record.last_seen_at >= TOUCH_EVERY {
        web_sessions::touch(conn, &record, now)?;
    }
    let organisation = organisations::find_unscoped(conn, &record.org_id)?
        .map(|o| o.name)
        .unwrap_or_default();
    let must_change_password =
        web_sessions::must_change_password(conn, &record.org_id, &record.user_id)?;
    let language = users::language_of(conn, &record.org_id, &record.user_id)?;
    Ok(Some(Session {
        actor,
        record,
        display_name: user.display_name,
        organisation,
        must_change_password,
        language,
        secret: secret.to_string(),
    }))
}

/// The request's session, if its cookie names a live one.
pub async fn session_of(req: &HttpRequest) -> Result<Option<Session>, PageError> {
    let lang = super::i18n::lang_of(req);
    let Some(secret) = req.cookie(SESSION_COOKIE).map(|c| c.value().to_string()) else {
        return Ok(None);
    };
    if secret.is_empty() || secret.len() > 128 {
        return Ok(None);
    }
    let state = app_state(req);
    web::block(move || {
        let mut conn = state.pool.get()?;
        resolve(&mut conn, &secret, crate::store::now_utc())
    })
    .await
    .map_err(|e| PageError::blocking(lang, e))?
    .map_err(|e| PageError::from_app(lang, e))
}

pub fn app_state(req: &HttpRequest) -> Arc<AppState> {
    req.app_data::<web::Data<Arc<AppState>>>()
        .expect("startup::configure registers the state")
        .get_ref()
        .clone()
}

/// A signed-in request: the session, the page language and the layout's chrome.
#[derive(Clone)]
pub struct SignedInAny {
    pub session: Session,
    pub lang: Lang,
    pub chrome: Chrome,
    pub state: Arc<AppState>,
}

impl SignedInAny {
    pub fn actor(&self) -> &Actor {
        &self.session.actor
    }

    /// Runs store work on the blocking pool with a pooled connection; errors become pages.
    pub async fn block<T: Send + 'static>(
        &self,
        f: impl FnOnce(&AppState, &Actor, &mut DbConnection) -> AppResult<T> + Send + 'static,
    ) -> Result<AppResult<T>, PageError> {
        let state = self.state.clone();
        let actor = self.session.actor.clone();
        let lang = self.lang;
        web::block(move || {
            let mut conn = state.pool.get()?;
            f(&state, &actor, &mut conn)
        })
        .await
        .map_err(|e| PageError::blocking(lang, e))
    }

    /// As [`Self::block`], turning every store error into its page (404, error page).
    pub async fn load<T: Send + 'static>(
        &self,
        f: impl FnOnce(&AppState, &Actor, &mut DbConnection) -> AppResult<T> + Send + 'static,
    ) -> Result<T, PageError> {
        let lang = self.lang;
        self.block(f)
            .await?
            .map_err(|e| PageError::from_app(lang, e))
    }
}

fn chrome_for(req: &HttpRequest, lang: Lang, session: &Session) -> Chrome {
    let actor = &session.actor;
    // A page answering a form post has no address to come back to: the switch goes home.
    let path = if req.method() == actix_web::http::Method::GET {
        req.path()
    } else {
        "/"
    };
    let mut chrome = Chrome::public(lang, path);
    chrome.user = Some(ChromeUser {
        email: actor.email.clone(),
        display_name: session.display_name.clone(),
        organisation: session.organisation.clone(),
        role: actor.role.as_str(),
        org_kind: actor.org_kind.as_str(),
        is_admin: actor.role == Role::Admin,
        sees_assessments: matches!(
            actor.org_kind,
            OrgKind::Controller | OrgKind::SupervisoryAuthority
        ),
        unread_notices: 0,
    });
    chrome.csrf = Some(session.csrf_token());
    chrome
}

/// The path and query to come back to after signing in (only for a page someone can GET).
fn return_to(req: &HttpRequest) -> String {
    if req.method() != actix_web::http::Method::GET {
        return "/".into();
    }
    match req.uri().path_and_query() {
        Some(pq) => safe_next(Some(pq.as_str())),
        None => "/".into(),
    }
}

async fn signed_in(
    req: HttpRequest,
    allow_password_pending: bool,
) -> Result<SignedInAny, PageError> {
    let session = session_of(&req).await?.ok_or_else(|| PageError::SignIn {
        next: return_to(&req),
    })?;
    let lang = super::i18n::lang_for(&req, session.language);
    if session.must_change_password && !allow_password_pending {
        return Err(PageError::ChangePassword);
    }
    let state = app_state(&req);
    let mut chrome = chrome_for(&req, lang, &session);
    if let Some(user) = chrome.user.as_mut() {
        user.unread_notices = super::notices::unread_for(&state, &session.actor).await;
    }
    Ok(SignedInAny {
        chrome,
        lang,
        state,
        session,
    })
}

type Guarded<T> = Pin<Box<dyn Future<Output = Result<T, PageError>>>>;

impl FromRequest for SignedInAny {
    type Error = PageError;
    type Future = Guarded<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        Box::pin(signed_in(req.clone(), true))
    }
}

/// A signed-in user who has no admin-set password left to change.
#[derive(Clone)]
pub struct SignedIn(pub SignedInAny);

impl std::ops::Deref for SignedIn {
    type Target = SignedInAny;
    fn deref(&self) -> &SignedInAny {
        &self.0
    }
}

impl FromRequest for SignedIn {
    type Error = PageError;
    type Future = Guarded<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { Ok(SignedIn(signed_in(req, false).await?)) })
    }
}

/// An admin of its organisation; anyone else sees the 404 page (no hint that the page exists).
#[derive(Clone)]
pub struct Admin(pub SignedIn);

impl std::ops::Deref for Admin {
    type Target = SignedInAny;
    fn deref(&self) -> &SignedInAny {
        &self.0 .0
    }
}

impl FromRequest for Admin {
    type Error = PageError;
    type Future = Guarded<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let signed = SignedIn(signed_in(req, false).await?);
            if signed.actor().role != Role::Admin {
                return Err(PageError::NotFound(signed.lang));
            }
            Ok(Admin(signed))
        })
    }
}
