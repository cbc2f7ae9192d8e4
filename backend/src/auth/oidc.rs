//! OpenID Connect, authorization code flow with PKCE (issue 17), through the `openidconnect`
//! crate: discovery, the authorization address, the code exchange and every check of the ID
//! token (signature against the provider's keys, issuer, audience = our client id, nonce,
//! expiry). Unlike the rest of `auth/` this speaks HTTP — to the provider only, never
//! following redirects. State, nonce and verifier are the caller's to keep (server-side).

use std::time::Duration;

use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::reqwest;
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce, OAuth2TokenResponse,
    PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
};

/// An organisation's provider as its settings name it.
#[derive(Clone, Debug)]
pub struct Provider {
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
}

/// A sign-in sent to the provider: where to send the browser, and what to keep for the
/// callback.
pub struct Started {
    pub authorize_url: String,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

/// What a verified ID token says about the person.
#[derive(Clone, Debug)]
pub struct Verified {
    pub subject: String,
    pub email: Option<String>,
    pub email_verified: Option<bool>,
    pub name: Option<String>,
}

/// Why a sign-in through the provider failed (details for the log, never for the page).
#[derive(Debug, thiserror::Error)]
pub enum OidcError {
    #[error("the provider's address or our redirect address is not a valid URL: {0}")]
    Address(String),
    #[error("provider discovery failed: {0}")]
    Discovery(String),
    #[error("the code exchange failed: {0}")]
    Exchange(String),
    #[error("the provider sent no ID token")]
    NoIdToken,
    #[error("the ID token was refused: {0}")]
    IdToken(String),
}

fn http_client() -> Result<reqwest::Client, OidcError> {
    reqwest::ClientBuilder::new()
        // A provider that redirects is not followed (SSRF hardening, as the crate advises).
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(10))
        .build()
        .map_err(|e| OidcError::Discovery(e.to_string()))
}

async fn discover(
    provider: &Provider,
    http: &reqwest::Client,
) -> Result<CoreProviderMetadata, OidcError> {
    let issuer =
        IssuerUrl::new(provider.issuer.clone()).map_err(|e| OidcError::Address(e.to_string()))?;
    CoreProviderMetadata::discover_async(issuer, http)
        .await
        .map_err(|e| OidcError::Discovery(error_chain(&e)))
}

/// Discovers the provider and builds the authorization address with a fresh state, nonce and
/// PKCE challenge (S256). `login_hint` pre-fills the provider's login with the e-mail typed.
pub async fn start(
    provider: &Provider,
    redirect_uri: &str,
    login_hint: Option<&str>,
) -> Result<Started, OidcError> {
    let http = http_client()?;
    let metadata = discover(provider, &http).await?;
    let redirect = RedirectUrl::new(redirect_uri.to_string())
        .map_err(|e| OidcError::Address(e.to_string()))?;
    let client = CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(provider.client_id.clone()),
        Some(ClientSecret::new(provider.client_secret.clone())),
    )
    .set_redirect_uri(redirect);
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut request = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("email".into()))
        .add_scope(Scope::new("profile".into()))
        .set_pkce_challenge(challenge);
    if let Some(hint) = login_hint.filter(|h| !h.is_empty()) {
        request = request.add_extra_param("login_hint", hint.to_string());
    }
    let (url, state, nonce) = request.url();
    Ok(Started {
        authorize_url: url.to_string(),
        state: state.secret().clone(),
        nonce: nonce.secret().clone(),
        pkce_verifier: verifier.secret().clone(),
    })
}

/// Exchanges the code (with the PKCE verifier) and verifies the ID token: signature, issuer,
/// audience (our client id and no other), nonce and expiry, all by the crate.
pub async fn finish(
    provider: &Provider,
    redirect_uri: &str,
    code: &str,
    nonce: &str,
    pkce_verifier: &str,
) -> Result<Verified, OidcError> {
    let http = http_client()?;
    let metadata = discover(provider, &http).await?;
    let redirect = RedirectUrl::new(redirect_uri.to_string())
        .map_err(|e| OidcError::Address(e.to_string()))?;
    let client = CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(provider.client_id.clone()),
        Some(ClientSecret::new(provider.client_secret.clone())),
    )
    .set_redirect_uri(redirect);
    let response = client
        .exchange_code(AuthorizationCode::new(code.to_string()))
        .map_err(|e| OidcError::Exchange(e.to_string()))?
        .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier.to_string()))
        .request_async(&http)
        .await
        .map_err(|e| OidcError::Exchange(error_chain(&e)))?;
    let id_token = response.id_token().ok_or(OidcError::NoIdToken)?;
    let verifier = client.id_token_verifier();
    let claims = id_token
        .claims(&verifier, &Nonce::new(nonce.to_string()))
        .map_err(|e| OidcError::IdToken(error_chain(&e)))?;
    let mut verified = Verified {
        subject: claims.subject().to_string(),
        email: claims.email().map(|e| e.to_string()),
        email_verified: claims.email_verified(),
        name: claims
            .name()
            .and_then(|n| n.get(None))
            .map(|n| n.to_string()),
    };
    if verified.email.is_none() {
        // Many providers put the e-mail only in UserInfo when an access token is issued
        // (OIDC Core §5.4). The crate checks that UserInfo names the ID token's subject.
        let info: openidconnect::core::CoreUserInfoClaims = client
            .user_info(
                response.access_token().clone(),
                Some(claims.subject().clone()),
            )
            .map_err(|e| OidcError::Exchange(e.to_string()))?
            .request_async(&http)
            .await
            .map_err(|e| OidcError::Exchange(format!("userinfo: {}", error_chain(&e))))?;
        verified.email = info.email().map(|e| e.to_string());
        verified.email_verified = info.email_verified();
        if verified.name.is_none() {
            verified.name = info.name().and_then(|n| n.get(None)).map(|n| n.to_string());
        }
    }
    Ok(verified)
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}
