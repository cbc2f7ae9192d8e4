//! Regression tests of the security findings: issue 14 (hardening) and issue 13's session
//! rule. Each test is named for its finding; docs/SECURITY.md lists them.

use std::sync::{Arc, Barrier};

use serde_json::{json, Value};

use crate::assessments::demo_assessment;
use crate::helpers::{error_code, TestApp, DEMO_PASSWORD};

const ME: &str = "{ me { id } }";
const LOGIN: &str =
    "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken } }";
const REFRESH: &str =
    "mutation($t: String!) { refresh(refreshToken: $t) { accessToken refreshToken } }";
const LOGOUT: &str = "mutation($t: String!) { logout(refreshToken: $t) }";
const CHANGE_PASSWORD: &str =
    "mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }";
const IMPORT: &str =
    "mutation($d: String!) { importTemplateVersion(document: $d) { templateKey number status } }";
const EXPORT: &str =
    "query($k: String!, $v: Int!) { exportTemplateVersion(templateKey: $k, version: $v) }";

fn tokens_of(data: &Value, field: &str) -> (String, String) {
    let text = |name: &str| {
        data[field][name]
            .as_str()
            .unwrap_or_else(|| panic!("{field}.{name} in {data}"))
            .to_string()
    };
    (text("accessToken"), text("refreshToken"))
}

// ---- Issue 13: logout and a caught replay end the session's access tokens at once ----

#[test]
fn session_logout_ends_the_access_token_of_that_session_at_once() {
    let app = TestApp::spawn();
    let (access, refresh) = app.tokens("dpo@nordby.example");
    let (other_access, _) = app.tokens("dpo@nordby.example");
    app.ok(Some(&access), ME, json!({}));
    app.ok(Some(&access), LOGOUT, json!({ "t": refresh }));
    let body = app.gql(Some(&access), ME, json!({}));
    assert_eq!(error_code(&body), "UNAUTHENTICATED", "{body}");
    // The user's other session goes on.
    app.ok(Some(&other_access), ME, json!({}));
}

#[test]
fn session_a_caught_replay_ends_the_access_token_issued_with_the_stolen_refresh_token() {
    let app = TestApp::spawn();
    let (first_access, stolen) = app.tokens("dpo@nordby.example");
    // The thief uses the stolen refresh token first and gets a fresh access token.
    let thief = app.ok(None, REFRESH, json!({ "t": stolen }));
    let (thief_access, _) = tokens_of(&thief, "refresh");
    app.ok(Some(&thief_access), ME, json!({}));
    // The owner presents the same token again: the replay is caught.
    let replay = app.gql(None, REFRESH, json!({ "t": stolen }));
    assert_eq!(error_code(&replay), "UNAUTHENTICATED");
    for token in [&thief_access, &first_access] {
        let body = app.gql(Some(token), ME, json!({}));
        assert_eq!(error_code(&body), "UNAUTHENTICATED", "{body}");
    }
}

// ---- Finding 1: hidden templates cannot be detected through an import ----

fn document_with_key(app: &TestApp, key: &str) -> String {
    let editor = app.login("editor@central.example");
    let exported = app.ok(
        Some(&editor),
        EXPORT,
        json!({ "k": "school-platform", "v": 1 }),
    )["exportTemplateVersion"]
        .as_str()
        .expect("document")
        .to_string();
    let mut doc: Value = serde_json::from_str(&exported).expect("JSON");
    doc["template"]["key"] = json!(key);
    doc.to_string()
}

#[test]
fn finding_01_importing_the_key_of_a_hidden_draft_answers_like_an_unused_key() {
    let app = TestApp::spawn();
    let central = app.login("editor@central.example");
    // The central body imports a template that only it can see (a draft).
    app.ok(
        Some(&central),
        IMPORT,
        json!({ "d": document_with_key(&app, "hidden-draft") }),
    );
    // A controller's editor: the same answer for the hidden key as for a key never used.
    let dpo = app.login("dpo@nordby.example");
    let hidden = app.gql(
        Some(&dpo),
        IMPORT,
        json!({ "d": document_with_key(&app, "hidden-draft") }),
    );
    let unused = app.gql(
        Some(&dpo),
        IMPORT,
        json!({ "d": document_with_key(&app, "never-used-key") }),
    );
    assert_eq!(hidden["errors"], unused["errors"], "{hidden} vs {unused}");
    // Another central body: the hidden draft answers like any other taken key.
    let operator = app.login("operator@platform.example");
    app.ok(
        Some(&operator),
        "mutation($p: String!) { createOrganisation(input: { kind: CENTRAL_BODY, name: \"Second body\", adminEmail: \"admin@second.example\", adminDisplayName: \"Admin\", adminPassword: $p }) { id } }",
        json!({ "p": DEMO_PASSWORD }),
    );
    let second = app.login("admin@second.example");
    let hidden = app.gql(
        Some(&second),
        IMPORT,
        json!({ "d": document_with_key(&app, "hidden-draft") }),
    );
    let published = app.gql(
        Some(&second),
        IMPORT,
        json!({ "d": document_with_key(&app, "school-platform") }),
    );
    let message = |body: &Value| {
        body["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .replace("hidden-draft", "KEY")
            .replace("school-platform", "KEY")
    };
    assert_eq!(error_code(&hidden), error_code(&published), "{hidden}");
    assert_eq!(message(&hidden), message(&published));
}

// ---- Findings 2 and 3: the sign-in limit ----

/// Sends `count` sign-ins for one account at the same instant; returns their error codes.
fn parallel_logins(app: &TestApp, email: &str, password: &str, count: usize) -> Vec<String> {
    let barrier = Arc::new(Barrier::new(count));
    let workers: Vec<_> = (0..count)
        .map(|_| {
            let (url, barrier) = (format!("{}/graphql", app.base), barrier.clone());
            let body = json!({ "query": LOGIN, "variables": { "e": email, "p": password } });
            std::thread::spawn(move || {
                barrier.wait();
                let response = match ureq::post(&url).send_json(body) {
                    Ok(r) => r,
                    Err(ureq::Error::Status(_, r)) => r,
                    Err(e) => panic!("transport error: {e}"),
                };
                let body: Value = response.into_json().expect("JSON");
                error_code(&body).to_string()
            })
        })
        .collect();
    workers
        .into_iter()
        .map(|w| w.join().expect("worker"))
        .collect()
}

#[test]
fn finding_02_parallel_guesses_cannot_pass_the_sign_in_limit() {
    let app = TestApp::spawn();
    let codes = parallel_logins(&app, "dpo@sydby.example", "guess-guess-guess", 30);
    let checked = codes.iter().filter(|c| *c == "UNAUTHENTICATED").count();
    let refused = codes.iter().filter(|c| *c == "RATE_LIMITED").count();
    assert_eq!(checked + refused, 30, "{codes:?}");
    assert!(
        checked <= dpiahub::state::LOGIN_MAX_FAILURES_PER_ACCOUNT as usize,
        "{checked} of 30 parallel guesses were checked: {codes:?}"
    );
}

fn sign_in(app: &TestApp, email: &str, password: &str, client: &str) -> Result<(), String> {
    let mut conn = app.pool().get().expect("connection");
    dpiahub::signin::authenticate(&app.state, &mut conn, email, password, client)
        .map(|_| ())
        .map_err(|e| e.code().as_str().to_string())
}

#[test]
fn finding_03_a_stranger_cannot_lock_the_owner_out_of_a_known_address() {
    let app = TestApp::spawn();
    let (owner, email) = ("198.51.100.7", "dpo@nordby.example");
    sign_in(&app, email, DEMO_PASSWORD, owner).expect("the owner signs in");
    // A stranger who knows the e-mail tries many passwords from another address...
    let stranger: Vec<_> = (0..40)
        .map(|_| sign_in(&app, email, "guess-guess-guess", "203.0.113.9"))
        .collect();
    assert!(
        stranger.iter().any(|r| r == &Err("RATE_LIMITED".into())),
        "the stranger was never slowed down: {stranger:?}"
    );
    // ... and from many addresses.
    for n in 0..40 {
        let _ = sign_in(
            &app,
            email,
            "guess-guess-guess",
            &format!("203.0.113.{}", 100 + n),
        );
    }
    // The owner still signs in from the address they used before.
    assert_eq!(sign_in(&app, email, DEMO_PASSWORD, owner), Ok(()));
}

// ---- Finding 4: a password change ends the user's other sessions ----

#[test]
fn finding_04_a_password_change_ends_every_other_session() {
    let app = TestApp::spawn();
    let (this_access, this_refresh) = app.tokens("dpo@nordby.example");
    let (other_access, other_refresh) = app.tokens("dpo@nordby.example");
    app.ok(
        Some(&this_access),
        CHANGE_PASSWORD,
        json!({ "c": DEMO_PASSWORD, "n": "a-new-long-password-2026" }),
    );
    assert_eq!(
        error_code(&app.gql(None, REFRESH, json!({ "t": other_refresh }))),
        "UNAUTHENTICATED"
    );
    assert_eq!(
        error_code(&app.gql(Some(&other_access), ME, json!({}))),
        "UNAUTHENTICATED"
    );
    // The session that changed the password goes on.
    app.ok(Some(&this_access), ME, json!({}));
    app.ok(None, REFRESH, json!({ "t": this_refresh }));
}

// ---- Finding 5: createUser does not reveal addresses of other organisations ----

#[test]
fn finding_05_create_user_does_not_reveal_an_address_of_another_organisation() {
    let app = TestApp::spawn();
    let admin = app.login("admin@nordby.example");
    let create = "mutation($e: String!, $p: String!) { createUser(input: { email: $e, displayName: \"X\", role: VIEWER, password: $p }) { id } }";
    let elsewhere = app.gql(
        Some(&admin),
        create,
        json!({ "e": "dpo@sydby.example", "p": DEMO_PASSWORD }),
    );
    let message = elsewhere["errors"][0]["message"]
        .as_str()
        .unwrap_or_default();
    assert_ne!(error_code(&elsewhere), "CONFLICT", "{elsewhere}");
    assert!(
        !message.contains("exist") && !message.contains("sydby"),
        "{message}"
    );
    // An address in the admin's own organisation may be named: the admin lists those users.
    let own = app.gql(
        Some(&admin),
        create,
        json!({ "e": "dpo@nordby.example", "p": DEMO_PASSWORD }),
    );
    assert_eq!(error_code(&own), "CONFLICT", "{own}");
}

// ---- Finding 6: a database outage is not "sign in again" ----

#[test]
fn finding_06_a_database_outage_is_internal_not_unauthenticated() {
    use diesel::connection::SimpleConnection;
    let app = TestApp::spawn();
    let token = app.login("dpo@nordby.example");
    app.pool()
        .get()
        .expect("connection")
        .batch_execute("ALTER TABLE users RENAME TO users_unreachable")
        .expect("break the users table");
    let body = app.gql(Some(&token), ME, json!({}));
    assert_eq!(error_code(&body), "INTERNAL", "{body}");
    let message = body["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("unavailable"), "{message}");
}

// ---- Finding 7: cost limit, response cap, introspection for signed-in users ----

#[test]
fn finding_07_aliased_reports_over_budget_are_refused_before_they_run() {
    let app = TestApp::spawn();
    let (token, id, _) = demo_assessment(&app, "dpo@nordby.example");
    let fields: String = (0..58)
        .map(|n| format!("r{n}: report(format: HTML) "))
        .collect();
    let query = format!("query($id: String!) {{ assessment(id: $id) {{ {fields} }} }}");
    let before = app.pool_queries();
    let (status, body) = app.post_raw(
        Some(&token),
        &json!({ "query": query, "variables": { "id": id } }).to_string(),
    );
    assert_eq!(error_code(&body), "VALIDATION", "{body}");
    assert_eq!(body["errors"][0]["extensions"]["field"], "query");
    assert!(body["errors"][0]["extensions"]["cost"].as_i64() > Some(0));
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("cost"),
        "{body}"
    );
    assert_eq!(status, 400);
    assert_eq!(app.pool_queries(), before, "the request ran");
    // One report is within budget.
    app.ok(
        Some(&token),
        "query($id: String!) { assessment(id: $id) { report(format: HTML) } }",
        json!({ "id": id }),
    );
}

#[test]
fn finding_07_a_batch_shares_one_budget() {
    let app = TestApp::spawn();
    let (token, id, _) = demo_assessment(&app, "dpo@nordby.example");
    let fields: String = (0..6)
        .map(|n| format!("r{n}: report(format: HTML) "))
        .collect();
    let query = format!("query($id: String!) {{ assessment(id: $id) {{ {fields} }} }}");
    let one = json!({ "query": query, "variables": { "id": id } });
    let (status, body) = app.post_raw(Some(&token), &json!(vec![one; 10]).to_string());
    assert_eq!(status, 400, "{body}");
    assert_eq!(error_code(&body), "VALIDATION");
}

#[test]
fn finding_07_fragments_count_every_time_they_are_spread() {
    let app = TestApp::spawn();
    let (token, id, _) = demo_assessment(&app, "dpo@nordby.example");
    let spreads: String = (0..40)
        .map(|n| format!("a{n}: assessment(id: $id) {{ ...R }} "))
        .collect();
    let query = format!(
        "query($id: String!) {{ {spreads} }} fragment R on Assessment {{ report(format: HTML) }}"
    );
    let (status, body) = app.post_raw(
        Some(&token),
        &json!({ "query": query, "variables": { "id": id } }).to_string(),
    );
    assert_eq!(status, 400, "{body}");
    assert_eq!(error_code(&body), "VALIDATION");
}

#[test]
fn finding_07_introspection_needs_a_signed_in_user() {
    let app = TestApp::spawn();
    let schema = "{ __schema { queryType { name } } }";
    let (_, anonymous) = app.post_raw(None, &json!({ "query": schema }).to_string());
    assert_eq!(error_code(&anonymous), "UNAUTHENTICATED", "{anonymous}");
    let (_, by_type) = app.post_raw(
        None,
        &json!({ "query": "{ __type(name: \"Query\") { name } }" }).to_string(),
    );
    assert_eq!(error_code(&by_type), "UNAUTHENTICATED", "{by_type}");
    let token = app.login("dpo@nordby.example");
    let data = app.ok(Some(&token), schema, json!({}));
    assert_eq!(data["__schema"]["queryType"]["name"], "Query");
    // `__typename` is not introspection of the schema.
    let (_, typename) = app.post_raw(None, &json!({ "query": "{ __typename }" }).to_string());
    assert_eq!(typename["data"]["__typename"], "Query", "{typename}");
}

#[test]
fn finding_07_many_aliased_schema_queries_are_refused_even_when_signed_in() {
    let app = TestApp::spawn();
    let token = app.login("dpo@nordby.example");
    let fields: String = (0..58)
        .map(|n| format!("s{n}: __schema {{ types {{ name fields {{ name }} }} }} "))
        .collect();
    let (status, body) = app.post_raw(
        Some(&token),
        &json!({ "query": format!("{{ {fields} }}") }).to_string(),
    );
    assert_eq!(status, 400, "{body}");
    assert_eq!(error_code(&body), "VALIDATION");
}

// ---- Finding 8: every error carries a code ----

#[test]
fn finding_08_juniper_validation_and_parse_errors_carry_a_code() {
    let app = TestApp::spawn();
    let token = app.login("dpo@nordby.example");
    let known: Vec<&str> = dpiahub::error::ErrorCode::ALL
        .iter()
        .map(|c| c.as_str())
        .collect();
    let queries = [
        "{ nope }",
        "{ assessments(first: 1.5) { edges { node { id } } } }",
        "{ assessments(first: 2147483648) { edges { node { id } } } }",
        "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }",
        "{ me { id }",
        "query A { me { id } } query B { me { id } }",
        "query($n: Int!) { assessments(first: $n) { edges { node { id } } } }",
    ];
    for query in queries {
        let (_, body) = app.post_raw(Some(&token), &json!({ "query": query }).to_string());
        let errors = body["errors"]
            .as_array()
            .unwrap_or_else(|| panic!("{query}: {body}"));
        assert!(!errors.is_empty(), "{query}: {body}");
        for error in errors {
            let code = error["extensions"]["code"].as_str().unwrap_or("<none>");
            assert!(known.contains(&code), "{query}: {error} has no known code");
        }
    }
    // Variables of the wrong type are juniper's errors too.
    let (_, body) = app.post_raw(
        Some(&token),
        &json!({ "query": "query($n: Int) { assessments(first: $n) { edges { node { id } } } }", "variables": { "n": "many" } }).to_string(),
    );
    assert_eq!(error_code(&body), "VALIDATION", "{body}");
}

// ---- Finding 9: security headers ----

fn headers_of(response: &ureq::Response) -> Value {
    let names = response.headers_names();
    Value::Object(
        names
            .into_iter()
            .map(|n| {
                let v = response.header(&n).unwrap_or_default().to_string();
                (n.to_lowercase(), Value::String(v))
            })
            .collect(),
    )
}

fn fetch(request: ureq::Request, body: Option<&str>) -> Value {
    let result = match body {
        Some(body) => request.send_string(body),
        None => request.call(),
    };
    match result {
        Ok(r) | Err(ureq::Error::Status(_, r)) => headers_of(&r),
        Err(e) => panic!("transport error: {e}"),
    }
}

#[test]
fn finding_09_security_headers_on_every_kind_of_response() {
    let app = TestApp::spawn();
    let (token, id, _) = demo_assessment(&app, "dpo@nordby.example");
    let url = |path: &str| format!("{}{path}", app.base);
    let graphql = fetch(
        ureq::post(&url("/graphql"))
            .set("content-type", "application/json")
            .set("authorization", &format!("Bearer {token}")),
        Some(&json!({ "query": ME }).to_string()),
    );
    let health = fetch(ureq::get(&url("/health")), None);
    let missing = fetch(ureq::get(&url("/no-such-page")), None);
    let graphiql = fetch(ureq::get(&url("/graphiql")), None);
    let report = fetch(
        ureq::get(&url(&format!("/assessments/{id}/report.html")))
            .set("authorization", &format!("Bearer {token}")),
        None,
    );
    let markdown = fetch(
        ureq::get(&url(&format!("/assessments/{id}/report.md")))
            .set("authorization", &format!("Bearer {token}")),
        None,
    );
    for (name, headers) in [
        ("graphql", &graphql),
        ("health", &health),
        ("404", &missing),
        ("graphiql", &graphiql),
        ("report", &report),
        ("markdown", &markdown),
    ] {
        assert_eq!(
            headers["x-content-type-options"], "nosniff",
            "{name}: {headers}"
        );
    }
    for (name, headers) in [
        ("graphql", &graphql),
        ("report", &report),
        ("markdown", &markdown),
    ] {
        assert_eq!(headers["cache-control"], "no-store", "{name}: {headers}");
    }
    for (name, headers) in [("graphiql", &graphiql), ("report", &report)] {
        let csp = headers["content-security-policy"]
            .as_str()
            .unwrap_or_default();
        assert!(csp.contains("frame-ancestors 'none'"), "{name}: {csp}");
        assert_eq!(headers["x-frame-options"], "DENY", "{name}: {headers}");
    }
    // The report keeps its own policy: inline styles, no scripts at all.
    let csp = report["content-security-policy"]
        .as_str()
        .unwrap_or_default();
    assert!(csp.contains("style-src 'unsafe-inline'"), "{csp}");
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert!(!csp.contains("script-src"), "{csp}");
}
