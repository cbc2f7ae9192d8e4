//! Sign-in, tokens and sessions (SPEC §7).

use serde_json::json;

use crate::helpers::{error_code, TestApp, DEMO_PASSWORD};

const LOGIN: &str =
    "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken } }";
const ME: &str = "{ me { email role organisation { id name kind } } }";

#[test]
fn health_reports_the_backend_and_the_database() {
    let app = TestApp::spawn();
    let (status, body) = app.get("/health");
    assert_eq!(status, 200);
    let body: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(body["database"], "ok");
    assert_eq!(body["backend"], app.state.backend);
}

#[test]
fn graphiql_is_served() {
    let app = TestApp::spawn();
    let (status, body) = app.get("/graphiql");
    assert_eq!(status, 200);
    assert!(body.contains("/graphql"));
}

#[test]
fn every_demo_account_signs_in_and_me_names_its_organisation() {
    let app = TestApp::spawn();
    for (email, role, kind) in [
        ("editor@central.example", "EDITOR", "CENTRAL_BODY"),
        ("dpo@nordby.example", "EDITOR", "CONTROLLER"),
        ("dpo@sydby.example", "EDITOR", "CONTROLLER"),
        (
            "reviewer@authority.example",
            "EDITOR",
            "SUPERVISORY_AUTHORITY",
        ),
        ("admin@nordby.example", "ADMIN", "CONTROLLER"),
        ("operator@platform.example", "ADMIN", "PLATFORM"),
    ] {
        let token = app.login(email);
        let me = app.ok(Some(&token), ME, json!({}));
        assert_eq!(me["me"]["email"], email);
        assert_eq!(me["me"]["role"], role);
        assert_eq!(me["me"]["organisation"]["kind"], kind, "{email}");
    }
}

#[test]
fn unknown_email_and_wrong_password_get_the_same_answer() {
    let app = TestApp::spawn();
    let unknown = app.gql(
        None,
        LOGIN,
        json!({ "e": "nobody@nordby.example", "p": DEMO_PASSWORD }),
    );
    let wrong = app.gql(
        None,
        LOGIN,
        json!({ "e": "dpo@nordby.example", "p": "wrong-password-123" }),
    );
    assert_eq!(error_code(&unknown), "UNAUTHENTICATED");
    assert_eq!(
        unknown["errors"][0]["message"],
        wrong["errors"][0]["message"]
    );
    assert_eq!(
        unknown["errors"][0]["extensions"],
        wrong["errors"][0]["extensions"]
    );
    assert!(unknown["data"].is_null());
}

#[test]
fn repeated_failed_logins_are_rate_limited_even_with_the_right_password() {
    let app = TestApp::spawn();
    for _ in 0..dpiahub::state::LOGIN_MAX_FAILURES_PER_ACCOUNT {
        let body = app.gql(
            None,
            LOGIN,
            json!({ "e": "dpo@sydby.example", "p": "guess-guess-guess" }),
        );
        assert_eq!(error_code(&body), "UNAUTHENTICATED");
    }
    let body = app.gql(
        None,
        LOGIN,
        json!({ "e": "dpo@sydby.example", "p": DEMO_PASSWORD }),
    );
    assert_eq!(error_code(&body), "RATE_LIMITED");
    assert!(
        body["errors"][0]["extensions"]["retryAfterSeconds"]
            .as_i64()
            .unwrap_or(0)
            > 0
    );
    // Another account is not locked by it.
    app.login("dpo@nordby.example");
}

#[test]
fn a_refresh_token_works_once_and_its_replay_ends_the_session() {
    let app = TestApp::spawn();
    let (_, first) = app.tokens("dpo@nordby.example");
    let refresh =
        "mutation($t: String!) { refresh(refreshToken: $t) { accessToken refreshToken } }";
    let data = app.ok(None, refresh, json!({ "t": first }));
    let second = data["refresh"]["refreshToken"]
        .as_str()
        .expect("rotated")
        .to_string();
    let access = data["refresh"]["accessToken"]
        .as_str()
        .expect("access")
        .to_string();
    app.ok(Some(&access), ME, json!({}));

    // Replaying the first token: refused, and the rotated one dies with it (stolen-token rule).
    assert_eq!(
        error_code(&app.gql(None, refresh, json!({ "t": first }))),
        "UNAUTHENTICATED"
    );
    assert_eq!(
        error_code(&app.gql(None, refresh, json!({ "t": second }))),
        "UNAUTHENTICATED"
    );
}

#[test]
fn logout_revokes_the_refresh_token() {
    let app = TestApp::spawn();
    let (access, refresh_token) = app.tokens("dpo@nordby.example");
    let data = app.ok(
        Some(&access),
        "mutation($t: String!) { logout(refreshToken: $t) }",
        json!({ "t": refresh_token }),
    );
    assert_eq!(data["logout"], true);
    let body = app.gql(
        None,
        "mutation($t: String!) { refresh(refreshToken: $t) { accessToken } }",
        json!({ "t": refresh_token }),
    );
    assert_eq!(error_code(&body), "UNAUTHENTICATED");
}

fn forge(header: &str, claims: serde_json::Value, signature: &str) -> String {
    format!(
        "{}.{}.{}",
        base64_url(header.as_bytes()),
        base64_url(claims.to_string().as_bytes()),
        signature
    )
}

/// Unpadded base64url, enough to forge token headers in tests.
fn base64_url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

#[test]
fn forged_unsigned_and_expired_tokens_are_refused_and_write_nothing() {
    let app = TestApp::spawn();
    let nordby = app.org_id_of("dpo@nordby.example");
    let real = app.login("admin@nordby.example");
    let me = app.ok(Some(&real), "{ me { id } }", json!({}));
    let user_id = me["me"]["id"].as_str().expect("id").to_string();
    let now = chrono::Utc::now().timestamp();
    let claims = |exp: i64| {
        json!({ "sub": user_id, "org": nordby, "role": "ADMIN", "iss": "dpiahub",
                "aud": "dpiahub-api", "iat": now - 10, "nbf": now - 10, "exp": exp, "jti": "x" })
    };
    let other_keys = dpiahub::auth::token::TokenKeys::new(
        b"another-secret-another-secret-another-secret",
        "dpiahub",
        "dpiahub-api",
    )
    .expect("keys");
    // Issued with the server's own key an hour ago, valid for ten minutes.
    let expired = app
        .state
        .keys
        .issue_access(&user_id, &nordby, "ADMIN", now - 3600, 600)
        .expect("token");
    let tokens = [
        forge(r#"{"alg":"none","typ":"JWT"}"#, claims(now + 600), ""),
        forge(
            r#"{"alg":"HS256","typ":"JWT"}"#,
            claims(now + 600),
            "c2lnbmF0dXJl",
        ),
        other_keys
            .issue_access(&user_id, &nordby, "ADMIN", now, 600)
            .expect("token"),
        expired,
        "not-a-token".to_string(),
    ];
    let before = app.audit_count();
    for token in tokens {
        let body = app.gql(
            Some(&token),
            "mutation { createUser(input: { email: \"x@nordby.example\", displayName: \"X\", role: VIEWER, password: \"long-enough-password\" }) { id } }",
            json!({}),
        );
        assert_eq!(
            error_code(&body),
            "UNAUTHENTICATED",
            "token {token} was accepted"
        );
        assert_eq!(
            error_code(&app.gql(Some(&token), ME, json!({}))),
            "UNAUTHENTICATED"
        );
    }
    assert_eq!(
        app.audit_count(),
        before,
        "a refused request wrote something"
    );
}
