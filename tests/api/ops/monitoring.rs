//! `/metrics`, `/health`, `/ready`, request ids and JSON logs, on the real binary.

use serde_json::{json, Value};

use super::Site;

#[test]
fn metrics_count_operations_pages_errors_and_failed_sign_ins_for_allowed_addresses_only() {
    let site = Site::new();
    let mut server = site.serve(&[]);
    let token = server.login("dpo@nordby.example");
    server.gql(Some(&token), "query Me { me { email } }", json!({}));
    let refused = server.gql(
        None,
        "mutation { login(email: \"dpo@nordby.example\", password: \"wrong-password\") { accessToken } }",
        json!({}),
    );
    assert_eq!(
        refused["errors"][0]["extensions"]["code"],
        "UNAUTHENTICATED"
    );
    server.gql(
        Some(&token),
        "{ assessment(id: \"no-such-id\") { id } }",
        json!({}),
    );
    let _ = server.get("/assessments/x/report.html");

    let (status, _, text) = server.get("/metrics");
    assert_eq!(status, 200, "loopback may read /metrics: {text}");
    for needle in [
        "dpiahub_graphql_operations_total{operation=\"Me\",outcome=\"ok\"} 1",
        "dpiahub_graphql_operations_total{operation=\"login\",outcome=\"ok\"} 1",
        "dpiahub_graphql_operations_total{operation=\"login\",outcome=\"error\"} 1",
        "dpiahub_graphql_errors_total{code=\"NOT_FOUND\"} 1",
        "dpiahub_graphql_errors_total{code=\"UNAUTHENTICATED\"} 1",
        "dpiahub_signin_failures_total{door=\"graphql\",reason=\"bad_credentials\"} 1",
        "dpiahub_http_requests_total{route=\"/assessments/{id}/{file}\",method=\"GET\",status=\"401\"} 1",
        "dpiahub_graphql_operation_duration_seconds_bucket{operation=\"Me\",le=\"+Inf\"} 1",
        "dpiahub_http_request_duration_seconds_bucket{route=\"/graphql\",method=\"POST\",le=",
        "dpiahub_db_pool_connections{state=\"in_use\"}",
        "dpiahub_db_pool_max_connections",
        "dpiahub_notices_waiting 0",
    ] {
        assert!(text.contains(needle), "/metrics lacks {needle}:\n{text}");
    }
    server.stop();

    // Anyone not in DPIAHUB_METRICS_ALLOW is refused, loopback included.
    let mut server = site.serve(&[("DPIAHUB_METRICS_ALLOW", "192.0.2.10")]);
    let (status, _, text) = server.get("/metrics");
    assert_eq!(status, 403);
    assert!(text.contains("DPIAHUB_METRICS_ALLOW"), "{text}");
    server.stop();
}

#[test]
fn health_ready_request_ids_and_json_logs() {
    let site = Site::new();
    let mut server = site.serve(&[
        ("DPIAHUB_LOG_FORMAT", "json"),
        ("RUST_LOG", "info,dpiahub::access=debug"),
    ]);
    let (status, id, body) = server.get("/health");
    assert_eq!(status, 200, "{body}");
    let id = id.expect("an X-Request-Id header");
    assert!(id.len() >= 16, "{id}");
    let (status, second_id, body) = server.get("/ready");
    assert_eq!(status, 200, "{body}");
    assert_ne!(Some(id.clone()), second_id, "a new id per request");
    let ready: Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(ready["status"], "ready");
    assert!(ready["schemaVersion"].as_str().is_some(), "{ready}");
    // An id sent by a client that is not a trusted proxy is not taken over.
    let response = server
        .agent()
        .get(&format!("{}/health", server.base))
        .set("x-request-id", "client-chosen-id")
        .call()
        .expect("health");
    assert_ne!(response.header("x-request-id"), Some("client-chosen-id"));
    server.stop();

    let logs = server.stderr();
    let lines: Vec<Value> = logs
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|_| panic!("not JSON: {l}")))
        .collect();
    let access = lines
        .iter()
        .find(|l| l["path"] == "/health" && l["span"]["request_id"] == id.as_str())
        .unwrap_or_else(|| panic!("the access line of /health carries its request id: {logs}"));
    assert_eq!(access["status"], 200);
}

#[test]
fn ready_refuses_a_database_this_binary_does_not_know() {
    let site = Site::new();
    if site.is_postgres() {
        return; // The same code path on both; one backend shows it.
    }
    let mut server = site.serve(&[]);
    {
        use diesel::connection::SimpleConnection;
        use diesel::Connection;
        let mut conn = diesel::sqlite::SqliteConnection::establish(&site.database_url).unwrap();
        conn.batch_execute(
            "INSERT INTO __diesel_schema_migrations (version) VALUES ('29991231000000')",
        )
        .unwrap();
    }
    let (status, _, body) = server.get("/ready");
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("29991231000000"), "{body}");
    let (status, _, _) = server.get("/health");
    assert_eq!(status, 200, "alive all the same");
    server.stop();
}
