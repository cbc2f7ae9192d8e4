//! Hostile or malformed requests get a clear error and change nothing (SPEC §7).

use serde_json::json;

use crate::helpers::{error_code, TestApp};
use dpiahub::graphql::limits;

#[test]
fn malformed_json_is_a_validation_error() {
    let app = TestApp::spawn();
    let (status, body) = app.post_raw(None, "{ \"query\": ");
    assert_eq!(status, 400);
    assert_eq!(error_code(&body), "VALIDATION");
    assert_eq!(body["errors"][0]["extensions"]["field"], "body");
}

#[test]
fn unknown_body_fields_are_refused() {
    let app = TestApp::spawn();
    let (status, body) = app.post_raw(None, r#"{"query":"{ __typename }","varibles":{}}"#);
    assert_eq!(status, 400);
    assert_eq!(error_code(&body), "VALIDATION");
}

#[test]
fn unknown_graphql_fields_are_refused_by_validation() {
    let app = TestApp::spawn();
    let body = app.gql(None, "{ meee { email } }", json!({}));
    assert!(body["errors"][0]["message"]
        .as_str()
        .unwrap_or("")
        .contains("meee"));
    assert!(body.get("data").is_none() || body["data"].is_null());
}

#[test]
fn an_oversized_body_is_refused() {
    let app = TestApp::spawn();
    let padding = "x".repeat(dpiahub::http::MAX_BODY_BYTES + 10);
    let (status, body) = app.post_raw(
        None,
        &json!({ "query": "{ __typename }", "variables": { "p": padding } }).to_string(),
    );
    assert_eq!(status, 413);
    assert_eq!(error_code(&body), "VALIDATION");
}

#[test]
fn a_deep_query_is_refused_before_it_runs() {
    let app = TestApp::spawn();
    let depth = limits::MAX_DEPTH + 1;
    let query = format!("{}{}", "{ me ".repeat(depth), "}".repeat(depth));
    let (status, body) = app.post_raw(None, &json!({ "query": query }).to_string());
    assert_eq!(status, 400);
    assert!(body["errors"][0]["message"]
        .as_str()
        .unwrap_or("")
        .contains("deeper"));
}

#[test]
fn a_batch_of_a_thousand_is_refused_and_a_small_batch_runs() {
    let app = TestApp::spawn();
    let before = app.audit_count();
    let login = json!({ "query": "mutation { login(email: \"dpo@nordby.example\", password: \"demo-password-for-tests\") { accessToken } }" });
    let huge: Vec<_> = (0..1000).map(|_| login.clone()).collect();
    let (status, body) = app.post_raw(None, &serde_json::Value::Array(huge).to_string());
    assert_eq!(status, 400);
    assert_eq!(error_code(&body), "VALIDATION");
    assert_eq!(
        app.audit_count(),
        before,
        "a refused batch signed someone in"
    );

    let small = json!([{ "query": "{ __typename }" }, { "query": "{ __typename }" }]);
    let (status, body) = app.post_raw(None, &small.to_string());
    assert_eq!(status, 200);
    assert_eq!(body.as_array().map(Vec::len), Some(2));
}

#[test]
fn an_internal_error_never_reaches_the_client() {
    // INTERNAL maps to a fixed message; the detail stays in the log.
    use juniper::IntoFieldError;
    let error: juniper::FieldError = dpiahub::error::AppError::Internal(
        "database: relation users does not exist at 10.0.0.5".into(),
    )
    .into_field_error();
    assert!(!error.message().contains("10.0.0.5"));
    assert_eq!(
        error.extensions(),
        &juniper::graphql_value!({ "code": "INTERNAL" })
    );
}
