//! Access tokens (JWT, HS256 pinned) and refresh tokens (SPEC §7).
//!
//! The access token is short-lived and self-contained: it names the user, their organisation
//! and role, so each request is scoped without a database read. The refresh token is an opaque
//! random value; only its SHA-256 is stored, so a copy of the database cannot be used to sign
//! in, and rotating or revoking it is a row update.

use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::rngs::OsRng;
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The one algorithm tokens are signed and accepted with. Pinning it refuses `alg: none`,
/// other HMAC strengths and public-key algorithms whatever a token's header claims.
const ALGORITHM: Algorithm = Algorithm::HS256;

/// Clock skew tolerated between servers, in seconds, for `exp` and `nbf`.
const LEEWAY_SECS: u64 = 5;

/// Shortest HS256 secret accepted: 32 bytes, the size of the SHA-256 output (RFC 7518 §3.2).
pub const MIN_SECRET_BYTES: usize = 32;

/// Bytes of randomness in a refresh token (256 bits: not guessable, not enumerable).
const REFRESH_TOKEN_BYTES: usize = 32;

/// Bytes of randomness in a generated signing secret.
const GENERATED_SECRET_BYTES: usize = 64;

/// Why a token was not issued or not accepted. Callers answer `UNAUTHENTICATED` for both
/// `Expired` and `Invalid`; the variants do not say which check failed, so nothing about the
/// validation leaks to whoever presented the token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    /// The token was valid but its lifetime is over: the client should refresh.
    #[error("the access token has expired")]
    Expired,
    /// The token is malformed, forged, for another issuer or audience, not yet valid, or
    /// lacks a required claim.
    #[error("the access token is not valid")]
    Invalid,
    /// The token could not be signed (it cannot with an HMAC key; kept opaque all the same).
    #[error("the access token could not be issued")]
    Issuing,
}

/// The signing secret is too short to be safe for HS256.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the token signing secret must have at least {min_bytes} bytes")]
pub struct SecretTooShort {
    /// The minimum length in bytes.
    pub min_bytes: usize,
}

/// The claims of an access token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessClaims {
    /// The user's id.
    pub sub: String,
    /// The id of the user's organisation (the tenant every request is scoped to).
    pub org: String,
    /// The user's role within the organisation, as issued (`ADMIN`, `EDITOR`, `VIEWER`, …).
    pub role: String,
    /// Who issued the token.
    pub iss: String,
    /// Whom the token is for.
    pub aud: String,
    /// Issued at, in seconds since the Unix epoch.
    pub iat: i64,
    /// Not valid before, in seconds since the Unix epoch (equal to `iat`).
    pub nbf: i64,
    /// Expires at, in seconds since the Unix epoch.
    pub exp: i64,
    /// A unique id for this token, so a log line or a revocation list can name it.
    pub jti: String,
    /// The sign-in session (refresh-token family) the token was issued in. Ending the session
    /// (logout, a caught replay, a password change) ends the token at once (SPEC §7).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sid: Option<String>,
}

/// Signing and verification keys with the validation rules, built once from configuration.
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    issuer: String,
    audience: String,
    /// Tokens this key has verified, with their claims. A token is the same bytes on every
    /// request of its 15 minutes, and decoding it (two base64 parts, the MAC, two JSON
    /// documents) was a twentieth of a memoised read's CPU (docs/PERFORMANCE.md); only the
    /// validity period depends on when it is shown, and that is checked on every use.
    verified: crate::memo::Memo<String, AccessClaims>,
}

/// Tokens kept as verified per key; when full the memo starts over.
const VERIFIED_TOKENS_KEPT: usize = 16_384;

impl std::fmt::Debug for TokenKeys {
    // Never print the secret, even in a debug log of the application state.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenKeys")
            .field("issuer", &self.issuer)
            .field("audience", &self.audience)
            .finish_non_exhaustive()
    }
}

impl TokenKeys {
    /// Keys for HS256 tokens with the given secret, issuer (`iss`) and audience (`aud`).
    /// Refuses a secret shorter than [`MIN_SECRET_BYTES`].
    pub fn new(secret: &[u8], issuer: &str, audience: &str) -> Result<Self, SecretTooShort> {
        if secret.len() < MIN_SECRET_BYTES {
            return Err(SecretTooShort {
                min_bytes: MIN_SECRET_BYTES,
            });
        }
        let mut validation = Validation::new(ALGORITHM);
        // `iat` is not among the claims the library checks for presence; `AccessClaims`
        // requires it when deserialising instead.
        validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
        validation.validate_exp = true;
        validation.validate_nbf = true;
        validation.validate_aud = true;
        validation.leeway = LEEWAY_SECS;
        validation.set_issuer(&[issuer]);
        validation.set_audience(&[audience]);
        Ok(Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            issuer: issuer.to_owned(),
            audience: audience.to_owned(),
            verified: crate::memo::Memo::new(VERIFIED_TOKENS_KEPT),
        })
    }

    /// Issues an access token for a user of an organisation with a role, valid from `now_unix`
    /// for `ttl_secs` seconds.
    pub fn issue_access(
        &self,
        user_id: &str,
        org_id: &str,
        role: &str,
        now_unix: i64,
        ttl_secs: i64,
    ) -> Result<String, TokenError> {
        self.issue_session_access(user_id, org_id, role, None, now_unix, ttl_secs)
    }

    /// As [`Self::issue_access`], naming the sign-in session (`sid`) the token belongs to.
    pub fn issue_session_access(
        &self,
        user_id: &str,
        org_id: &str,
        role: &str,
        session_id: Option<&str>,
        now_unix: i64,
        ttl_secs: i64,
    ) -> Result<String, TokenError> {
        let claims = AccessClaims {
            sub: user_id.to_owned(),
            org: org_id.to_owned(),
            role: role.to_owned(),
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
            iat: now_unix,
            nbf: now_unix,
            exp: now_unix.saturating_add(ttl_secs),
            jti: uuid::Uuid::new_v4().to_string(),
            sid: session_id.map(str::to_owned),
        };
        encode(&Header::new(ALGORITHM), &claims, &self.encoding).map_err(|_| TokenError::Issuing)
    }

    /// Verifies an access token: HS256 signature with our secret, issuer, audience, presence
    /// of `sub`, `iat`, `nbf` and `exp`, and the validity period against the system clock
    /// (with a few seconds of leeway). Returns its claims, or why it is refused.
    pub fn verify_access(&self, token: &str) -> Result<AccessClaims, TokenError> {
        if let Some(claims) = self.verified.get(token) {
            return within_validity(&claims, jsonwebtoken::get_current_timestamp())
                .map(|()| claims);
        }
        match decode::<AccessClaims>(token, &self.decoding, &self.validation) {
            Ok(data) => {
                self.verified.insert(token.to_owned(), data.claims.clone());
                Ok(data.claims)
            }
            Err(error) if matches!(error.kind(), ErrorKind::ExpiredSignature) => {
                Err(TokenError::Expired)
            }
            Err(_) => Err(TokenError::Invalid),
        }
    }
}

/// The time checks of [`TokenKeys::verify_access`] for a token whose signature and other
/// claims were verified before, at `now_unix`: the same rules and leeway as the library's
/// `validate_exp`/`validate_nbf` (expired once `exp` is more than the leeway in the past; not
/// yet valid while `nbf` is more than the leeway in the future).
fn within_validity(claims: &AccessClaims, now_unix: u64) -> Result<(), TokenError> {
    let now = i64::try_from(now_unix).unwrap_or(i64::MAX);
    let leeway = LEEWAY_SECS as i64;
    if claims.exp < now.saturating_sub(leeway) {
        return Err(TokenError::Expired);
    }
    if claims.nbf > now.saturating_add(leeway) {
        return Err(TokenError::Invalid);
    }
    Ok(())
}

/// A freshly issued refresh token: hand `plaintext` to the client once, store only `hash`.
#[derive(Clone, PartialEq, Eq)]
pub struct IssuedRefreshToken {
    /// The token the client keeps (64 hex characters).
    pub plaintext: String,
    /// Its SHA-256 in hex, the only form the server stores and looks up.
    pub hash: String,
}

impl std::fmt::Debug for IssuedRefreshToken {
    // The plaintext is a credential: keep it out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IssuedRefreshToken")
            .field("hash", &self.hash)
            .finish_non_exhaustive()
    }
}

/// Generates a refresh token: 32 bytes from the operating system's random source, hex-encoded,
/// with its hash. A plain SHA-256 suffices (no salt, no slow hash) because the token carries
/// 256 bits of randomness: there is no dictionary to attack, and the hash can be a lookup key.
pub fn new_refresh_token() -> IssuedRefreshToken {
    let mut bytes = [0u8; REFRESH_TOKEN_BYTES];
    OsRng.fill_bytes(&mut bytes);
    let plaintext = hex::encode(bytes);
    let hash = hash_refresh_token(&plaintext);
    IssuedRefreshToken { plaintext, hash }
}

/// The stored form of a refresh token presented by a client: its SHA-256 in lowercase hex.
pub fn hash_refresh_token(plaintext: &str) -> String {
    hex::encode(Sha256::digest(plaintext.as_bytes()))
}

/// A random signing secret (64 bytes from the operating system, hex-encoded) for demo mode,
/// where no `DPIAHUB_JWT_SECRET` is configured. Tokens signed with it die with the process.
pub fn generate_secret() -> String {
    let mut bytes = [0u8; GENERATED_SECRET_BYTES];
    OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    const SECRET: &[u8] = b"a test secret that is long enough for HS256 use";
    const OTHER_SECRET: &[u8] = b"another secret, equally long enough for HS256!!";
    const ISSUER: &str = "dpiahub";
    const AUDIENCE: &str = "dpiahub-api";
    const TTL: i64 = 900;
    /// `{"alg":"none","typ":"JWT"}` in base64url.
    const NONE_HEADER: &str = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0";
    /// `{"alg":"RS256","typ":"JWT"}` in base64url.
    const RS256_HEADER: &str = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9";

    fn keys() -> TokenKeys {
        TokenKeys::new(SECRET, ISSUER, AUDIENCE).expect("the test secret is long enough")
    }

    fn now() -> i64 {
        chrono::Utc::now().timestamp()
    }

    fn issue_now(keys: &TokenKeys) -> String {
        keys.issue_access("user-1", "org-1", "EDITOR", now(), TTL)
            .expect("issuing succeeds")
    }

    /// The claims our server would issue now, as JSON, for tests that remove or alter one.
    fn valid_claims() -> Value {
        let now = now();
        json!({
            "sub": "user-1", "org": "org-1", "role": "EDITOR",
            "iss": ISSUER, "aud": AUDIENCE,
            "iat": now, "nbf": now, "exp": now + TTL, "jti": "jti-1",
        })
    }

    fn without(mut claims: Value, name: &str) -> Value {
        if let Some(object) = claims.as_object_mut() {
            object.remove(name);
        }
        claims
    }

    fn sign(claims: &Value, secret: &[u8], algorithm: Algorithm) -> String {
        encode(
            &Header::new(algorithm),
            claims,
            &EncodingKey::from_secret(secret),
        )
        .expect("signing test claims succeeds")
    }

    /// The three dot-separated parts of a compact JWT.
    fn parts(token: &str) -> (String, String, String) {
        let mut split = token.split('.').map(str::to_owned);
        let header = split.next().unwrap_or_default();
        let payload = split.next().unwrap_or_default();
        let signature = split.next().unwrap_or_default();
        (header, payload, signature)
    }

    #[test]
    fn an_issued_token_verifies_with_its_claims() {
        let keys = keys();
        let issued_at = now();
        let token = keys
            .issue_access("user-1", "org-1", "EDITOR", issued_at, TTL)
            .expect("issuing succeeds");
        let claims = keys.verify_access(&token).expect("the token verifies");
        assert_eq!(claims.sub, "user-1");
        assert_eq!(claims.org, "org-1");
        assert_eq!(claims.role, "EDITOR");
        assert_eq!(claims.iss, ISSUER);
        assert_eq!(claims.aud, AUDIENCE);
        assert_eq!(claims.iat, issued_at);
        assert_eq!(claims.nbf, issued_at);
        assert_eq!(claims.exp, issued_at + TTL);
        assert!(uuid::Uuid::parse_str(&claims.jti).is_ok());
    }

    #[test]
    fn each_token_gets_its_own_id() {
        let keys = keys();
        let first = keys.verify_access(&issue_now(&keys)).expect("verifies");
        let second = keys.verify_access(&issue_now(&keys)).expect("verifies");
        assert_ne!(first.jti, second.jti);
    }

    #[test]
    fn an_unsigned_alg_none_token_is_refused() {
        let (_, payload, signature) = parts(&issue_now(&keys()));
        let without_signature = format!("{NONE_HEADER}.{payload}.");
        let with_old_signature = format!("{NONE_HEADER}.{payload}.{signature}");
        assert_eq!(
            keys().verify_access(&without_signature),
            Err(TokenError::Invalid)
        );
        assert_eq!(
            keys().verify_access(&with_old_signature),
            Err(TokenError::Invalid)
        );
    }

    #[test]
    fn a_token_signed_with_another_secret_is_refused() {
        let forged = sign(&valid_claims(), OTHER_SECRET, Algorithm::HS256);
        assert_eq!(keys().verify_access(&forged), Err(TokenError::Invalid));
    }

    #[test]
    fn a_token_signed_with_hs512_is_refused_even_with_our_secret() {
        let other_algorithm = sign(&valid_claims(), SECRET, Algorithm::HS512);
        assert_eq!(
            keys().verify_access(&other_algorithm),
            Err(TokenError::Invalid)
        );
    }

    #[test]
    fn a_token_claiming_rs256_is_refused() {
        // Key confusion: a token that claims a public-key algorithm must not be checked
        // against our HMAC secret, nor accepted in any other way.
        let (_, payload, signature) = parts(&issue_now(&keys()));
        let relabelled = format!("{RS256_HEADER}.{payload}.{signature}");
        assert_eq!(keys().verify_access(&relabelled), Err(TokenError::Invalid));
    }

    #[test]
    fn claims_swapped_into_a_signed_token_are_refused() {
        let (header, _, signature) = parts(&issue_now(&keys()));
        let mut admin = valid_claims();
        admin["role"] = json!("ADMIN");
        let (_, admin_payload, _) = parts(&sign(&admin, OTHER_SECRET, Algorithm::HS256));
        let tampered = format!("{header}.{admin_payload}.{signature}");
        assert_eq!(keys().verify_access(&tampered), Err(TokenError::Invalid));
    }

    #[test]
    fn a_token_from_another_issuer_is_refused() {
        let foreign = TokenKeys::new(SECRET, "someone-else", AUDIENCE).expect("valid keys");
        assert_eq!(
            keys().verify_access(&issue_now(&foreign)),
            Err(TokenError::Invalid)
        );
    }

    #[test]
    fn a_token_for_another_audience_is_refused() {
        let foreign = TokenKeys::new(SECRET, ISSUER, "another-api").expect("valid keys");
        assert_eq!(
            keys().verify_access(&issue_now(&foreign)),
            Err(TokenError::Invalid)
        );
    }

    #[test]
    fn an_expired_token_is_refused_as_expired() {
        let keys = keys();
        let an_hour_ago = now() - 3600;
        let token = keys
            .issue_access("user-1", "org-1", "EDITOR", an_hour_ago, TTL)
            .expect("issuing succeeds");
        assert_eq!(keys.verify_access(&token), Err(TokenError::Expired));
    }

    #[test]
    fn a_token_not_yet_valid_is_refused() {
        let keys = keys();
        let in_an_hour = now() + 3600;
        let token = keys
            .issue_access("user-1", "org-1", "EDITOR", in_an_hour, TTL)
            .expect("issuing succeeds");
        assert_eq!(keys.verify_access(&token), Err(TokenError::Invalid));
    }

    #[test]
    fn a_token_without_a_required_claim_is_refused() {
        for claim in [
            "sub", "org", "role", "iss", "aud", "iat", "nbf", "exp", "jti",
        ] {
            let token = sign(&without(valid_claims(), claim), SECRET, Algorithm::HS256);
            assert_eq!(
                keys().verify_access(&token),
                Err(TokenError::Invalid),
                "a token without `{claim}` must be refused"
            );
        }
    }

    #[test]
    fn a_correctly_signed_token_with_all_claims_is_accepted() {
        // The counterpart of the tests above: the refusals are due to the one change each makes.
        let token = sign(&valid_claims(), SECRET, Algorithm::HS256);
        assert!(keys().verify_access(&token).is_ok());
    }

    #[test]
    fn garbage_is_refused() {
        for token in ["", "abc", "a.b.c", "..", "Bearer x.y.z"] {
            assert_eq!(
                keys().verify_access(token),
                Err(TokenError::Invalid),
                "{token:?}"
            );
        }
    }

    #[test]
    fn a_short_secret_is_refused() {
        let short = [7u8; MIN_SECRET_BYTES - 1];
        assert_eq!(
            TokenKeys::new(&short, ISSUER, AUDIENCE).map(|_| ()),
            Err(SecretTooShort { min_bytes: 32 })
        );
        assert!(TokenKeys::new(&[7u8; MIN_SECRET_BYTES], ISSUER, AUDIENCE).is_ok());
    }

    #[test]
    fn the_debug_form_of_the_keys_does_not_show_the_secret() {
        let printed = format!("{:?}", keys());
        assert!(!printed.contains("test secret"), "{printed}");
    }

    #[test]
    fn a_refresh_token_is_256_random_bits_stored_only_as_its_hash() {
        let issued = new_refresh_token();
        assert_eq!(issued.plaintext.len(), 64);
        assert!(issued.plaintext.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(issued.hash, hash_refresh_token(&issued.plaintext));
        assert_ne!(issued.hash, issued.plaintext);
        assert_ne!(new_refresh_token().plaintext, issued.plaintext);
        assert!(!format!("{issued:?}").contains(&issued.plaintext));
    }

    #[test]
    fn a_refresh_token_hash_is_its_sha256_in_hex() {
        assert_eq!(
            hash_refresh_token("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn a_generated_secret_is_128_hex_characters_and_usable() {
        let secret = generate_secret();
        assert_eq!(secret.len(), 128);
        assert!(secret.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(generate_secret(), secret);
        assert!(TokenKeys::new(secret.as_bytes(), ISSUER, AUDIENCE).is_ok());
    }

    #[test]
    fn a_verified_token_is_kept_and_only_for_the_key_that_verified_it() {
        let keys = keys();
        let token = issue_now(&keys);
        let first = keys.verify_access(&token).expect("verifies");
        assert_eq!(
            keys.verify_access(&token),
            Ok(first),
            "the kept claims are the same"
        );
        let other = TokenKeys::new(OTHER_SECRET, ISSUER, AUDIENCE).expect("long enough");
        assert_eq!(other.verify_access(&token), Err(TokenError::Invalid));
        // Another signature on the same claims is another string: verified afresh, refused.
        let (header, payload, _) = parts(&token);
        let forged = format!("{header}.{payload}.{}", "A".repeat(43));
        assert_eq!(keys.verify_access(&forged), Err(TokenError::Invalid));
    }

    /// The validity checks of a kept token agree with the library's on every second around
    /// `exp` and `nbf`, so keeping a token never lengthens or starts its validity.
    #[test]
    fn a_kept_token_expires_and_starts_exactly_when_the_library_says() {
        // The library reads the clock itself: compare only within one second of `now`.
        loop {
            let now = now();
            let mut disagreements = Vec::new();
            for offset in -(LEEWAY_SECS as i64 + 3)..=(LEEWAY_SECS as i64 + 3) {
                for (exp, nbf) in [(now + offset, now - 60), (now + TTL, now + offset)] {
                    let mut claims = valid_claims();
                    claims["exp"] = json!(exp);
                    claims["nbf"] = json!(nbf);
                    let token = sign(&claims, SECRET, ALGORITHM);
                    let fresh = keys().verify_access(&token);
                    let parsed: AccessClaims = serde_json::from_value(claims).expect("claims");
                    let kept = within_validity(&parsed, now as u64).map(|()| parsed);
                    if kept != fresh {
                        disagreements.push((exp, nbf, kept, fresh));
                    }
                }
            }
            if self::now() == now {
                assert!(disagreements.is_empty(), "at {now}: {disagreements:?}");
                return;
            }
        }
    }

    #[test]
    fn a_kept_token_is_refused_once_its_time_is_over() {
        let keys = keys();
        let token = issue_now(&keys);
        let claims = keys.verify_access(&token).expect("verifies");
        let later = (claims.exp + LEEWAY_SECS as i64 + 1) as u64;
        assert_eq!(within_validity(&claims, later), Err(TokenError::Expired));
        assert_eq!(within_validity(&claims, (claims.exp) as u64), Ok(()));
    }
}
