//! Single sign-on (issue 17): an organisation's provider settings, accounts linked to a
//! provider's subject, and the started sign-ins waiting for their callback.
//!
//! The settings are the organisation's admin's or the platform operator's to change (the same
//! rule as managing its users), always through `audit::write`; the client secret is written,
//! never read back to a page or into the audit trail.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::json;

use super::schema::{oidc_flows, org_sso, user_identities, users};
use super::users::User;
use super::visibility::require_user_management;
use super::DbConnection;
use crate::audit::{Change, WriteTx};
use crate::context::{Actor, Role};
use crate::error::{AppError, AppResult};

#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = org_sso)]
pub struct OrgSso {
    pub org_id: String,
    /// `""`: no provider (the row may exist for `require_totp` alone).
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    /// Lower-case domains, comma-separated.
    pub domains: String,
    pub create_users: bool,
    pub new_user_role: String,
    pub require_totp: bool,
    pub version: i64,
    pub updated_at: NaiveDateTime,
}

impl OrgSso {
    pub fn has_provider(&self) -> bool {
        !self.issuer.is_empty()
    }

    pub fn domain_list(&self) -> Vec<String> {
        split_domains(&self.domains)
    }

    /// Whether the provider vouches for this e-mail address's domain.
    pub fn vouches_for(&self, email: &str) -> bool {
        match email.rsplit_once('@') {
            Some((local, domain)) if !local.is_empty() => self
                .domain_list()
                .iter()
                .any(|d| d.eq_ignore_ascii_case(domain)),
            _ => false,
        }
    }

    /// What the audit trail keeps of the settings: never the secret, only whether it changed.
    fn audit_view(&self) -> serde_json::Value {
        json!({
            "issuer": self.issuer,
            "client_id": self.client_id,
            "domains": self.domains,
            "create_users": self.create_users,
            "new_user_role": self.new_user_role,
            "require_totp": self.require_totp,
            "version": self.version,
        })
    }
}

pub fn split_domains(text: &str) -> Vec<String> {
    text.split([',', ' ', '\n', '\r', ';'])
        .map(|d| d.trim().trim_start_matches('@').to_lowercase())
        .filter(|d| !d.is_empty())
        .collect()
}

/// An organisation's settings, for its admin or the operator.
pub fn settings(conn: &mut DbConnection, actor: &Actor, org_id: &str) -> AppResult<Option<OrgSso>> {
    require_user_management(actor, org_id)?;
    settings_unscoped(conn, org_id)
}

/// The settings read by the sign-in doors, before anyone is signed in.
pub(crate) fn settings_unscoped(
    conn: &mut DbConnection,
    org_id: &str,
) -> AppResult<Option<OrgSso>> {
    Ok(org_sso::table
        .find(org_id)
        .select(OrgSso::as_select())
        .first(conn)
        .optional()?)
}

/// The organisation whose provider vouches for an e-mail address's domain (the sign-in page's
/// "sign in with your organisation's login"). A domain is vouched for by one organisation.
pub(crate) fn provider_for_email(
    conn: &mut DbConnection,
    email: &str,
) -> AppResult<Option<OrgSso>> {
    let Some((_, domain)) = email.trim().rsplit_once('@') else {
        return Ok(None);
    };
    let domain = domain.to_lowercase();
    let rows: Vec<OrgSso> = org_sso::table
        .filter(org_sso::issuer.ne(""))
        .filter(org_sso::domains.like(format!("%{}%", domain.replace(['%', '_'], ""))))
        .select(OrgSso::as_select())
        .load(conn)?;
    Ok(rows.into_iter().find(|r| r.domain_list().contains(&domain)))
}

/// What an admin or the operator sets. `client_secret: None` keeps the stored one.
pub struct SsoUpdate {
    pub issuer: String,
    pub client_id: String,
    pub client_secret: Option<String>,
    pub domains: String,
    pub create_users: bool,
    pub new_user_role: Role,
    pub require_totp: bool,
}

/// Saves an organisation's settings (audited; the secret never enters the audit trail).
pub fn save(tx: &mut WriteTx<'_>, org_id: &str, update: SsoUpdate) -> AppResult<OrgSso> {
    require_user_management(tx.actor(), org_id)?;
    let issuer = update.issuer.trim().trim_end_matches('/').to_string();
    let domains = split_domains(&update.domains);
    if !issuer.is_empty() {
        check_issuer_url(&issuer)?;
        if update.client_id.trim().is_empty() {
            return Err(AppError::validation(
                "client_id",
                "a provider needs a client id",
            ));
        }
        if domains.is_empty() {
            return Err(AppError::validation(
                "domains",
                "name at least one e-mail domain the provider vouches for",
            ));
        }
    }
    for domain in &domains {
        if !domain.contains('.') || domain.contains(['@', '%', '_', '/']) {
            return Err(AppError::validation(
                "domains",
                "a domain looks like kommune.dk",
            ));
        }
        if let Some(other) = provider_for_email(tx.conn(), &format!("x@{domain}"))? {
            if other.org_id != org_id {
                return Err(AppError::validation(
                    "domains",
                    "another organisation's provider already vouches for this domain",
                ));
            }
        }
    }
    let before = settings_unscoped(tx.conn(), org_id)?;
    let secret = match (update.client_secret, &before) {
        (Some(s), _) if !s.trim().is_empty() => s.trim().to_string(),
        (_, Some(b)) => b.client_secret.clone(),
        _ => String::new(),
    };
    if !issuer.is_empty() && secret.is_empty() {
        return Err(AppError::validation(
            "client_secret",
            "a provider needs a client secret",
        ));
    }
    let secret_changed = before
        .as_ref()
        .map(|b| b.client_secret != secret)
        .unwrap_or(true);
    let row = OrgSso {
        org_id: org_id.to_string(),
        issuer,
        client_id: update.client_id.trim().to_string(),
        client_secret: secret,
        domains: domains.join(","),
        create_users: update.create_users,
        new_user_role: update.new_user_role.as_str().to_string(),
        require_totp: update.require_totp,
        version: before.as_ref().map(|b| b.version + 1).unwrap_or(1),
        updated_at: tx.now(),
    };
    diesel::delete(org_sso::table.find(org_id)).execute(tx.conn())?;
    diesel::insert_into(org_sso::table)
        .values(&row)
        .execute(tx.conn())?;
    let mut after = row.audit_view();
    after["client_secret_changed"] = json!(secret_changed);
    tx.record(Change {
        org_id: org_id.to_string(),
        action: "set_sign_in_settings",
        entity: "organisation",
        entity_id: org_id.to_string(),
        item_key: None,
        before: before.map(|b| b.audit_view()),
        after: Some(after),
    });
    Ok(row)
}

/// A provider is reached over HTTPS; plain HTTP only on the machine itself (a test provider,
/// or one behind a local proxy). The server fetches this address: nothing else is accepted.
pub fn check_issuer_url(issuer: &str) -> AppResult<()> {
    let refuse = || {
        AppError::validation(
            "issuer",
            "the issuer is an https:// address (http:// only for localhost)",
        )
    };
    if let Some(rest) = issuer.strip_prefix("http://") {
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host = host.rsplit_once(':').map(|(h, _)| h).unwrap_or(host);
        if matches!(host, "localhost" | "127.0.0.1" | "[::1]") {
            return Ok(());
        }
        return Err(refuse());
    }
    match issuer.strip_prefix("https://") {
        Some(rest) if !rest.is_empty() && !rest.starts_with('/') => Ok(()),
        _ => Err(refuse()),
    }
}

/// The account linked to a provider's subject.
pub(crate) fn user_for_subject(
    conn: &mut DbConnection,
    issuer: &str,
    subject: &str,
) -> AppResult<Option<User>> {
    let link: Option<(String, String)> = user_identities::table
        .filter(user_identities::issuer.eq(issuer))
        .filter(user_identities::subject.eq(subject))
        .select((user_identities::org_id, user_identities::user_id))
        .first(conn)
        .optional()?;
    match link {
        Some((org_id, user_id)) => super::users::find_unscoped(conn, &org_id, &user_id),
        None => Ok(None),
    }
}

/// Links the transaction's actor (the user signing in from `client`) to the provider's subject.
pub fn link(tx: &mut WriteTx<'_>, issuer: &str, subject: &str, client: &str) -> AppResult<()> {
    let actor = tx.actor().clone();
    diesel::insert_into(user_identities::table)
        .values((
            user_identities::org_id.eq(&actor.org_id),
            user_identities::user_id.eq(&actor.user_id),
            user_identities::issuer.eq(issuer),
            user_identities::subject.eq(subject),
            user_identities::created_at.eq(tx.now()),
        ))
        .execute(tx.conn())?;
    tx.record(Change {
        org_id: actor.org_id.clone(),
        action: "link_identity",
        entity: "user",
        entity_id: actor.user_id.clone(),
        item_key: None,
        before: None,
        after: super::sessions::noting_client(
            Some(json!({ "issuer": issuer, "subject": subject })),
            client,
        ),
    });
    Ok(())
}

/// Creates the account of someone the organisation's provider vouched for (when the
/// organisation chose so). The new user is the transaction's actor: nobody else acted.
/// It has no usable password (an argon2 hash of random bits nobody knows).
pub fn provision(
    tx: &mut WriteTx<'_>,
    display_name: &str,
    password_hash: String,
    client: &str,
) -> AppResult<User> {
    let actor = tx.actor().clone();
    let user = User {
        org_id: actor.org_id.clone(),
        id: actor.user_id.clone(),
        email: actor.email.clone(),
        display_name: display_name.to_string(),
        role: actor.role.as_str().to_string(),
        password_hash,
        disabled: false,
        version: 1,
        created_at: tx.now(),
    };
    diesel::insert_into(users::table)
        .values(&user)
        .execute(tx.conn())?;
    tx.record(Change {
        org_id: user.org_id.clone(),
        action: "create",
        entity: "user",
        entity_id: user.id.clone(),
        item_key: None,
        before: None,
        after: super::sessions::noting_client(
            Some(json!({
                "email": user.email,
                "display_name": user.display_name,
                "role": user.role,
                "disabled": false,
                "version": 1,
                "via": "single_sign_on",
            })),
            client,
        ),
    });
    Ok(user)
}

/// A started sign-in, kept until its callback (or ten minutes).
#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = oidc_flows)]
pub struct OidcFlow {
    pub state_hash: String,
    /// SHA-256 of the starting browser's pre-session cookie.
    pub browser_hash: String,
    pub org_id: String,
    pub nonce: String,
    pub pkce_verifier: String,
    pub redirect_uri: String,
    pub next: String,
    pub expires_at: NaiveDateTime,
}

/// Stores a started sign-in. Not audited: nobody is signed in yet and no one's data changes;
/// the sign-in it leads to is.
pub(crate) fn start_flow(
    conn: &mut DbConnection,
    flow: &OidcFlow,
    now: NaiveDateTime,
) -> AppResult<()> {
    // Old, abandoned ones go at the same time.
    diesel::delete(oidc_flows::table.filter(oidc_flows::expires_at.le(now))).execute(conn)?;
    diesel::insert_into(oidc_flows::table)
        .values(flow)
        .execute(conn)?;
    Ok(())
}

/// Takes a started sign-in by its state, once: the row is deleted in the same step, so a
/// second callback with the same state (a replay) finds nothing. Expired ones are `None`.
pub(crate) fn take_flow(
    conn: &mut DbConnection,
    state_hash: &str,
    now: NaiveDateTime,
) -> AppResult<Option<OidcFlow>> {
    let flow: Option<OidcFlow> = oidc_flows::table
        .find(state_hash)
        .select(OidcFlow::as_select())
        .first(conn)
        .optional()?;
    let Some(flow) = flow else { return Ok(None) };
    // Whoever deletes the row owns the flow: two callbacks at once cannot both proceed.
    let deleted = diesel::delete(oidc_flows::table.find(state_hash)).execute(conn)?;
    if deleted != 1 || flow.expires_at <= now {
        return Ok(None);
    }
    Ok(Some(flow))
}
