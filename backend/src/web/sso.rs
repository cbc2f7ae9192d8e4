//! Single sign-on through the organisation's OpenID provider (issue 17), and the settings page
//! where the organisation's admin or the platform operator names that provider.
//!
//! `POST /signin/oidc` finds the provider from the e-mail's domain and sends the browser there
//! with state, nonce and a PKCE challenge kept on the server (`oidc_flows`, ten minutes, single
//! use). `GET /signin/oidc/callback` takes the flow by its state (a replay finds nothing),
//! lets `auth::oidc` verify the ID token, checks the e-mail's domain against the vouched list,
//! links the account to (issuer, subject) the first time, and opens the same browser session
//! as the password sign-in. The password limiter is not involved: a stranger's wrong
//! passwords do not block a sign-in through the provider (issue 14, finding 3).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};
use chrono::Duration;
use minijinja::context;
use serde::{Deserialize, Serialize};

use super::csrf::{self, Posted};
use super::errors::{redirect, PageError, PageResult};
use super::render::{render_status, Chrome};
use super::session::{self, Admin, SignedIn, SignedInAny};
use crate::audit;
use crate::auth::{oidc, password};
use crate::context::{Actor, Role};
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::state::AppState;
use crate::store::sso::{self as sso_store, OidcFlow, OrgSso, SsoUpdate};
use crate::store::{organisations, users, web_sessions, DbConnection};

/// How long a started sign-in waits for the provider's answer.
const FLOW_MINUTES: i64 = 10;

/// Runs store work on the blocking pool without a session (the sign-in doors).
pub(super) async fn block<T: Send + 'static>(
    state: std::sync::Arc<AppState>,
    lang: Lang,
    f: impl FnOnce(&AppState, &mut DbConnection) -> AppResult<T> + Send + 'static,
) -> Result<T, PageError> {
    crate::http::observe::block(move || {
        let mut conn = state.pool.get()?;
        f(&state, &mut conn)
    })
    .await
    .map_err(|e| PageError::blocking(lang, e))?
    .map_err(|e| PageError::from_app(lang, e))
}

/// A page that says what went wrong with a sign-in, in the person's language, without
/// details (those are in the log).
pub(super) fn problem(req: &HttpRequest, lang: Lang, status: StatusCode, kind: &str) -> PageResult {
    let chrome = Chrome::public(lang, req.path());
    render_status(
        &chrome,
        status,
        "web/message.html",
        context! { kind => kind, reference => () },
    )
}

/// Opens a browser session for `actor` (audited as `web_sign_in`, naming the door and the
/// client's address) and answers with its cookie and the page to go to.
pub(super) fn open_session(
    conn: &mut DbConnection,
    actor: &Actor,
    via: &'static str,
    client: &str,
    extra: impl FnOnce(&mut audit::WriteTx<'_>) -> AppResult<()>,
) -> AppResult<(String, bool)> {
    let (secret, hash) = session::new_secret();
    let now = crate::store::now_utc();
    audit::write_on(conn, actor, now, |tx| {
        extra(tx)?;
        web_sessions::open_via(tx, hash, now + session::ABSOLUTE_TIMEOUT, via, client)?;
        Ok(())
    })?;
    let must_change = web_sessions::must_change_password(conn, &actor.org_id, &actor.user_id)?;
    Ok((secret, must_change))
}

/// The answer to a completed sign-in: the session cookie and a redirect.
pub(super) fn signed_in_response(
    req: &HttpRequest,
    lang: Lang,
    actor: &Actor,
    secret: &str,
    must_change: bool,
    next: &str,
) -> PageResult {
    let to = if must_change {
        "/account/password".to_string()
    } else if next == "/" {
        session::start_page(actor).to_string()
    } else {
        next.to_string()
    };
    let mut response = redirect(&to);
    response
        .add_cookie(&session::session_cookie(req, secret))
        .map_err(|e| PageError::internal(lang, e))?;
    Ok(response)
}

/// Our callback address as the provider must know it: this server's scheme and host.
fn redirect_uri(req: &HttpRequest) -> String {
    let scheme = if session::is_https(req) {
        "https"
    } else {
        "http"
    };
    let host = req
        .headers()
        .get(actix_web::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_string)
        .unwrap_or_else(|| req.connection_info().host().to_string());
    format!("{scheme}://{host}/signin/oidc/callback")
}

fn provider_of(settings: &OrgSso) -> oidc::Provider {
    oidc::Provider {
        issuer: settings.issuer.clone(),
        client_id: settings.client_id.clone(),
        client_secret: settings.client_secret.clone(),
    }
}

#[derive(Deserialize)]
pub struct StartForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    next: String,
    #[serde(default)]
    csrf: String,
}

/// `POST /signin/oidc`: to the provider that vouches for the e-mail's domain.
pub async fn start(req: HttpRequest, form: web::Form<StartForm>) -> PageResult {
    let lang = super::i18n::lang_of(&req);
    let form = form.into_inner();
    if !csrf::presession_ok(&req, &form.csrf) {
        return Err(PageError::FormRefused(lang));
    }
    // The flow is bound to this browser: its pre-session cookie (checked just above).
    let browser = form.csrf.clone();
    let next = session::safe_next(Some(&form.next));
    let email = users::normalise_email(&form.email);
    let state = session::app_state(&req);
    let lookup = email.clone();
    let found = block(state.clone(), lang, move |_, conn| {
        sso_store::provider_for_email(conn, &lookup)
    })
    .await?;
    let Some(settings) = found else {
        return super::signin::signin_page_full(
            &req,
            lang,
            StatusCode::UNPROCESSABLE_ENTITY,
            "",
            &next,
            None,
            &email,
            Some(crate::i18n::text(lang, "sso-no-provider")),
        );
    };
    let redirect_uri = redirect_uri(&req);
    let started = match oidc::start(&provider_of(&settings), &redirect_uri, Some(&email)).await {
        Ok(started) => started,
        Err(e) => {
            tracing::warn!(org = %settings.org_id, error = %e, "single sign-on: provider unreachable");
            crate::monitoring::sign_in_failed("web_sso", "provider");
            return problem(&req, lang, StatusCode::BAD_GATEWAY, "sso-provider");
        }
    };
    let now = crate::store::now_utc();
    let flow = OidcFlow {
        state_hash: session::hash_secret(&started.state),
        browser_hash: session::hash_secret(&browser),
        org_id: settings.org_id.clone(),
        nonce: started.nonce,
        pkce_verifier: started.pkce_verifier,
        redirect_uri,
        next,
        expires_at: now + Duration::minutes(FLOW_MINUTES),
    };
    block(state, lang, move |_, conn| {
        sso_store::start_flow(conn, &flow, now)
    })
    .await?;
    Ok(redirect(&started.authorize_url))
}

#[derive(Deserialize)]
pub struct CallbackQuery {
    state: Option<String>,
    code: Option<String>,
    error: Option<String>,
}

/// Why a verified person is not let in (each its own page).
enum Refusal {
    /// No e-mail, an unverified one, or one outside the vouched domains.
    Domain,
    /// No account here and the organisation does not create them (or the account is
    /// disabled, or belongs to another organisation).
    NoAccount,
}

/// `GET /signin/oidc/callback`: the provider's answer.
pub async fn callback(req: HttpRequest, query: web::Query<CallbackQuery>) -> PageResult {
    let lang = super::i18n::lang_of(&req);
    let query = query.into_inner();
    let state_param = query.state.unwrap_or_default();
    if state_param.is_empty() || state_param.len() > 512 {
        crate::monitoring::sign_in_failed("web_sso", "state");
        return problem(&req, lang, StatusCode::BAD_REQUEST, "sso-state");
    }
    let state = session::app_state(&req);
    let hash = session::hash_secret(&state_param);
    let now = crate::store::now_utc();
    let taken = block(state.clone(), lang, move |_, conn| {
        let Some(flow) = sso_store::take_flow(conn, &hash, now)? else {
            return Ok(None);
        };
        let settings = sso_store::settings_unscoped(conn, &flow.org_id)?;
        Ok(settings.filter(OrgSso::has_provider).map(|s| (flow, s)))
    })
    .await?;
    let Some((flow, settings)) = taken else {
        // Unknown, expired, or already used: a replayed callback ends here.
        tracing::warn!("single sign-on: callback with an unknown or used state refused");
        crate::monitoring::sign_in_failed("web_sso", "state");
        return problem(&req, lang, StatusCode::BAD_REQUEST, "sso-state");
    };
    // Another browser than the one that started (a forwarded callback URL): refused, and
    // the flow is spent.
    let browser = req
        .cookie(csrf::PRESESSION_COOKIE)
        .map(|c| session::hash_secret(c.value()))
        .unwrap_or_default();
    if !csrf::same(&browser, &flow.browser_hash) {
        tracing::warn!(org = %flow.org_id, "single sign-on: callback in another browser refused");
        crate::monitoring::sign_in_failed("web_sso", "state");
        return problem(&req, lang, StatusCode::BAD_REQUEST, "sso-state");
    }
    let code = match (query.error, query.code) {
        (None, Some(code)) if !code.is_empty() => code,
        (error, _) => {
            tracing::info!(org = %flow.org_id, error = ?error, "single sign-on: the provider did not sign the person in");
            crate::monitoring::sign_in_failed("web_sso", "provider_refused");
            return problem(&req, lang, StatusCode::UNAUTHORIZED, "sso-refused");
        }
    };
    let verified = match oidc::finish(
        &provider_of(&settings),
        &flow.redirect_uri,
        &code,
        &flow.nonce,
        &flow.pkce_verifier,
    )
    .await
    {
        Ok(verified) => verified,
        Err(e) => {
            tracing::warn!(org = %flow.org_id, error = %e, "single sign-on: the answer was refused");
            crate::monitoring::sign_in_failed("web_sso", "token");
            return problem(&req, lang, StatusCode::UNAUTHORIZED, "sso-token");
        }
    };
    let client = crate::http::client::address(&req);
    let outcome = block(state, lang, move |_, conn| {
        sign_in_verified(conn, &settings, &verified, &client)
    })
    .await?;
    match outcome {
        Ok((actor, secret, must_change)) => {
            signed_in_response(&req, lang, &actor, &secret, must_change, &flow.next)
        }
        Err(Refusal::Domain) => {
            crate::monitoring::sign_in_failed("web_sso", "domain");
            problem(&req, lang, StatusCode::FORBIDDEN, "sso-domain")
        }
        Err(Refusal::NoAccount) => {
            crate::monitoring::sign_in_failed("web_sso", "no_account");
            problem(&req, lang, StatusCode::FORBIDDEN, "sso-no-account")
        }
    }
}

/// The person the provider vouched for, as one of ours: found by (issuer, subject), else by
/// e-mail in the organisation (then linked), else created when the organisation chose so.
fn sign_in_verified(
    conn: &mut DbConnection,
    settings: &OrgSso,
    verified: &oidc::Verified,
    client: &str,
) -> AppResult<Result<(Actor, String, bool), Refusal>> {
    let Some(email) = verified.email.as_deref().map(users::normalise_email) else {
        return Ok(Err(Refusal::Domain));
    };
    if verified.email_verified == Some(false) || !settings.vouches_for(&email) {
        tracing::warn!(org = %settings.org_id, "single sign-on: e-mail outside the vouched domains refused");
        return Ok(Err(Refusal::Domain));
    }
    let (issuer, subject) = (settings.issuer.clone(), verified.subject.clone());
    let existing = match sso_store::user_for_subject(conn, &issuer, &subject)? {
        Some(user) if user.org_id == settings.org_id => Some((user, false)),
        Some(_) => return Ok(Err(Refusal::NoAccount)),
        None => match users::find_for_login(conn, &email)? {
            Some(user) if user.org_id == settings.org_id => Some((user, true)),
            Some(_) => return Ok(Err(Refusal::NoAccount)),
            None => None,
        },
    };
    if let Some((user, link)) = existing {
        if user.disabled {
            return Ok(Err(Refusal::NoAccount));
        }
        let actor = crate::signin::actor_for(conn, &user)?;
        let (secret, must_change) = open_session(conn, &actor, "single_sign_on", client, |tx| {
            if link {
                sso_store::link(tx, &issuer, &subject, client)?;
            }
            Ok(())
        })?;
        return Ok(Ok((actor, secret, must_change)));
    }
    if !settings.create_users {
        return Ok(Err(Refusal::NoAccount));
    }
    let org = organisations::find_unscoped(conn, &settings.org_id)?.ok_or_else(|| {
        AppError::Internal("single sign-on settings of a missing organisation".into())
    })?;
    let actor = Actor {
        user_id: crate::store::new_id(),
        email: email.clone(),
        org_id: settings.org_id.clone(),
        org_kind: org.kind(),
        role: Role::parse(&settings.new_user_role).unwrap_or(Role::Viewer),
    };
    // A password nobody knows: this account signs in through the provider.
    let (unknown, _) = session::new_secret();
    let hash = password::hash_password(&unknown)
        .map_err(|e| AppError::Internal(format!("hashing: {e}")))?;
    let name = verified
        .name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| email.clone());
    let (secret, must_change) = open_session(conn, &actor, "single_sign_on", client, |tx| {
        sso_store::provision(tx, name.trim(), hash, client)?;
        sso_store::link(tx, &issuer, &subject, client)
    })?;
    Ok(Ok((actor, secret, must_change)))
}

// ---------------------------------------------------------------------------------------
// The settings page: /admin/sso (the organisation's admin), /operator/organisations/{id}/sso.

#[derive(Clone, Default, Deserialize, Serialize)]
pub struct SettingsForm {
    #[serde(default)]
    issuer: String,
    #[serde(default)]
    client_id: String,
    #[serde(default, skip_serializing)]
    client_secret: String,
    #[serde(default)]
    domains: String,
    #[serde(default)]
    create_users: Option<String>,
    #[serde(default)]
    new_user_role: String,
    #[serde(default)]
    require_totp: Option<String>,
    #[serde(default, skip_deserializing)]
    has_secret: bool,
}

impl SettingsForm {
    fn from_row(row: Option<OrgSso>) -> Self {
        match row {
            None => SettingsForm {
                new_user_role: Role::Viewer.as_str().into(),
                ..Default::default()
            },
            Some(r) => SettingsForm {
                issuer: r.issuer,
                client_id: r.client_id,
                client_secret: String::new(),
                domains: sso_store::split_domains(&r.domains).join(", "),
                create_users: r.create_users.then(|| "on".into()),
                new_user_role: r.new_user_role,
                require_totp: r.require_totp.then(|| "on".into()),
                has_secret: !r.client_secret.is_empty(),
            },
        }
    }
}

#[allow(clippy::too_many_arguments)]
async fn settings_page(
    req: &HttpRequest,
    signed: &SignedInAny,
    org_id: String,
    action: String,
    status: StatusCode,
    draft: Option<SettingsForm>,
    error: Option<(String, String)>,
    saved: bool,
) -> PageResult {
    let (org_name, stored) = signed
        .load(move |_, actor, conn| {
            let org = organisations::find(conn, actor, &org_id)?;
            Ok((org.name, sso_store::settings(conn, actor, &org_id)?))
        })
        .await?;
    let has_secret = stored.as_ref().is_some_and(|s| !s.client_secret.is_empty());
    let mut form = draft.unwrap_or_else(|| SettingsForm::from_row(stored));
    form.has_secret = has_secret;
    let (error_field, error) = error.unzip();
    render_status(
        &signed.chrome,
        status,
        "web/sso_settings.html",
        context! {
            org_name => org_name,
            action => action,
            form => minijinja::value::Serde(form),
            roles => ["VIEWER", "EDITOR", "ADMIN"],
            redirect_uri => redirect_uri(req),
            error_field => error_field,
            error => error,
            saved => saved,
        },
    )
}

async fn save_settings(
    req: &HttpRequest,
    signed: &SignedInAny,
    org_id: String,
    action: String,
    form: SettingsForm,
) -> PageResult {
    let lang = signed.lang;
    let update = SsoUpdate {
        issuer: form.issuer.clone(),
        client_id: form.client_id.clone(),
        client_secret: Some(form.client_secret.clone()),
        domains: form.domains.clone(),
        create_users: form.create_users.is_some(),
        new_user_role: Role::parse(&form.new_user_role).unwrap_or(Role::Viewer),
        require_totp: form.require_totp.is_some(),
    };
    let target = org_id.clone();
    let result = signed
        .block(move |state, actor, _| {
            audit::write(&state.pool, actor, |tx| {
                sso_store::save(tx, &target, update)
            })
        })
        .await?;
    match result {
        Ok(_) => {
            settings_page(
                req,
                signed,
                org_id,
                action,
                StatusCode::OK,
                None,
                None,
                true,
            )
            .await
        }
        Err(AppError::Validation { field, .. }) => {
            let key = match field.as_str() {
                "issuer" => "sso-error-issuer",
                "client_id" => "sso-error-client-id",
                "client_secret" => "sso-error-client-secret",
                _ => "sso-error-domains",
            };
            let message = crate::i18n::text(lang, key);
            settings_page(
                req,
                signed,
                org_id,
                action,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(form),
                Some((field, message)),
                false,
            )
            .await
        }
        Err(e) => Err(PageError::from_app(lang, e)),
    }
}

/// `GET /admin/sso`: the organisation's sign-in settings.
pub async fn admin_settings(req: HttpRequest, admin: Admin) -> PageResult {
    let org_id = admin.actor().org_id.clone();
    settings_page(
        &req,
        &admin,
        org_id,
        "/admin/sso".into(),
        StatusCode::OK,
        None,
        None,
        false,
    )
    .await
}

/// `POST /admin/sso`.
pub async fn admin_save(req: HttpRequest, posted: Posted<SettingsForm, Admin>) -> PageResult {
    let org_id = posted.actor().org_id.clone();
    let form = posted.form.clone();
    save_settings(&req, &posted, org_id, "/admin/sso".into(), form).await
}

fn require_operator(signed: &SignedIn) -> Result<(), PageError> {
    if signed.actor().is_operator() {
        Ok(())
    } else {
        Err(PageError::NotFound(signed.lang))
    }
}

/// `GET /operator/organisations/{id}/sso`: the operator sets an organisation's provider.
pub async fn operator_settings(
    req: HttpRequest,
    signed: SignedIn,
    id: web::Path<String>,
) -> PageResult {
    require_operator(&signed)?;
    let id = id.into_inner();
    let action = format!("/operator/organisations/{id}/sso");
    settings_page(&req, &signed, id, action, StatusCode::OK, None, None, false).await
}

/// `POST /operator/organisations/{id}/sso`.
pub async fn operator_save(
    req: HttpRequest,
    posted: Posted<SettingsForm>,
    id: web::Path<String>,
) -> PageResult {
    require_operator(&posted.guard)?;
    let id = id.into_inner();
    let action = format!("/operator/organisations/{id}/sso");
    let form = posted.form.clone();
    save_settings(&req, &posted, id, action, form).await
}
