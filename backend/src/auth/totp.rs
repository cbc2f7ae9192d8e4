//! The optional second factor: time-based one-time codes (RFC 6238: HMAC-SHA-1, 6 digits,
//! 30-second steps, one step of clock skew either way) through `totp-rs`.
//!
//! A code is accepted once: the caller stores the step it matched and refuses that step and
//! earlier ones afterwards (RFC 6238 §5.2).

use base64::Engine;
use rand::RngCore;
use totp_rs::{Algorithm, Builder, Totp};

/// Code attempts per password sign-in before the password must be given again.
pub const MAX_CODE_ATTEMPTS: i64 = 5;
/// How long a correct password waits for its code.
pub const CHALLENGE_MINUTES: i64 = 5;
/// What an authenticator app shows as the account's issuer.
pub const ISSUER: &str = "DPIA Hub";

/// A new secret: 160 random bits (RFC 4226 §4 recommends them), hex for storage.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

fn totp(secret_hex: &str, account: &str) -> Option<Totp> {
    let secret = hex::decode(secret_hex).ok()?;
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(30)
        .with_secret(secret)
        .with_account_name(account.replace(':', ""))
        .with_issuer(Some(ISSUER))
        .build()
        .ok()
}

/// The time step a code matches at `unix_time` (within one step of skew), if any.
pub fn check(secret_hex: &str, code: &str, unix_time: u64) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let totp = totp(secret_hex, "x")?;
    totp.check(&code, unix_time).map(|step| step as i64)
}

/// The code of `unix_time` (tests, and nothing else, compute codes).
pub fn code_at(secret_hex: &str, unix_time: u64) -> Option<String> {
    Some(totp(secret_hex, "x")?.generate(unix_time).to_string())
}

/// The code an authenticator app that scanned `uri` shows at `unix_time` (for tests: they play
/// the app).
pub fn code_for_uri(uri: &str, unix_time: u64) -> Option<String> {
    Some(Totp::from_url(uri).ok()?.generate(unix_time).to_string())
}

/// The `otpauth://totp/…` address an authenticator app reads.
pub fn otpauth_uri(secret_hex: &str, email: &str) -> Option<String> {
    totp(secret_hex, email)?.to_url().ok()
}

/// The address as a QR code, a `data:` URL of an SVG image (the CSP allows `img-src data:`;
/// an `<img>` keeps the page free of markup from outside the template).
pub fn qr_data_url(uri: &str) -> Option<String> {
    let code = qrcode::QrCode::new(uri.as_bytes()).ok()?;
    let svg = code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    Some(format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(svg)
    ))
}

pub fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_matches_its_step_and_its_neighbours_only() {
        let secret = new_secret();
        let t = 1_800_000_000;
        let code = code_at(&secret, t).expect("code");
        assert_eq!(check(&secret, &code, t), Some((t / 30) as i64));
        assert!(check(&secret, &code, t + 30).is_some(), "one step of skew");
        assert!(check(&secret, &code, t + 95).is_none());
        assert!(check(&secret, "12345", t).is_none());
        assert!(check(&secret, "abcdef", t).is_none());
    }

    #[test]
    fn the_uri_and_qr_name_the_secret_for_an_app() {
        let secret = new_secret();
        let uri = otpauth_uri(&secret, "dpo@sydby.example").expect("uri");
        assert!(uri.starts_with("otpauth://totp/"), "{uri}");
        assert!(uri.contains("secret="));
        assert!(qr_data_url(&uri)
            .expect("qr")
            .starts_with("data:image/svg+xml;base64,"));
    }
}
