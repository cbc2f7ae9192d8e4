//! Prometheus metrics for `/metrics`, recorded through the `metrics` facade and rendered by
//! `metrics-exporter-prometheus` (docs/OPERATIONS.md lists every series).
//!
//! Label values come from closed sets (route patterns, error codes) or are bounded
//! ([`operation_label`]), so a client cannot grow the series without limit.

use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

pub const HTTP_REQUESTS: &str = "dpiahub_http_requests_total";
pub const HTTP_DURATION: &str = "dpiahub_http_request_duration_seconds";
pub const GRAPHQL_OPERATIONS: &str = "dpiahub_graphql_operations_total";
pub const GRAPHQL_DURATION: &str = "dpiahub_graphql_operation_duration_seconds";
pub const GRAPHQL_ERRORS: &str = "dpiahub_graphql_errors_total";
pub const SIGNIN_FAILURES: &str = "dpiahub_signin_failures_total";
pub const POOL_CONNECTIONS: &str = "dpiahub_db_pool_connections";
pub const POOL_MAX: &str = "dpiahub_db_pool_max_connections";
pub const NOTICES_WAITING: &str = "dpiahub_notices_waiting";
pub const BUILD_INFO: &str = "dpiahub_build_info";

/// Seconds; from a cached read (~1 ms) to a slow report or import.
const LATENCY_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];
/// Distinct GraphQL operation labels kept; later new names count as `other`.
const MAX_OPERATION_LABELS: usize = 200;

static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
static OPERATION_LABELS: OnceLock<Mutex<HashSet<String>>> = OnceLock::new();

/// The process's recorder, installed on first use. A process that already has another global
/// recorder (an embedding program) still renders, just without our series.
pub fn handle() -> &'static PrometheusHandle {
    HANDLE.get_or_init(|| {
        let recorder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), LATENCY_BUCKETS)
            .expect("constant, non-empty buckets")
            .build_recorder();
        let handle = recorder.handle();
        if metrics::set_global_recorder(recorder).is_err() {
            tracing::warn!("another metrics recorder is installed; /metrics stays empty");
        }
        describe();
        handle
    })
}

fn describe() {
    use metrics::{describe_counter, describe_gauge, describe_histogram, Unit};
    describe_counter!(
        HTTP_REQUESTS,
        "HTTP requests by route pattern, method and status"
    );
    describe_histogram!(
        HTTP_DURATION,
        Unit::Seconds,
        "HTTP request latency by route pattern"
    );
    describe_counter!(
        GRAPHQL_OPERATIONS,
        "GraphQL operations by operation name and outcome"
    );
    describe_histogram!(
        GRAPHQL_DURATION,
        Unit::Seconds,
        "GraphQL operation latency by operation name"
    );
    describe_counter!(GRAPHQL_ERRORS, "GraphQL errors by extensions.code");
    describe_counter!(SIGNIN_FAILURES, "Refused sign-ins by door and reason");
    describe_gauge!(POOL_CONNECTIONS, "Database pool connections by state");
    describe_gauge!(POOL_MAX, "Database pool size limit");
    describe_gauge!(NOTICES_WAITING, "Notifications committed but not yet sent");
    describe_gauge!(BUILD_INFO, "Always 1; labels carry the version and backend");
    metrics::gauge!(NOTICES_WAITING).set(0.0);
}

/// A bounded label for a GraphQL operation: its `operationName`, else its first root field;
/// `other` once [`MAX_OPERATION_LABELS`] names were seen or the name is not a GraphQL name.
pub fn operation_label(operation_name: Option<&str>, query: &str) -> String {
    let name = operation_name
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .or_else(|| named_operation(query))
        .or_else(|| first_root_field(query))
        .unwrap_or_else(|| "anonymous".into());
    let valid = name.len() <= 64
        && name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !valid {
        return "other".into();
    }
    let mut seen = OPERATION_LABELS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if seen.contains(&name) || seen.len() < MAX_OPERATION_LABELS {
        seen.insert(name.clone());
        name
    } else {
        "other".into()
    }
}

/// The name a document gives its operation: `query Overview($k: …) { … }` → `Overview`.
fn named_operation(query: &str) -> Option<String> {
    let head = &query[..query.find(['{', '(']).unwrap_or(query.len())];
    let mut words = head.split_whitespace();
    match words.next()? {
        "query" | "mutation" | "subscription" => words.next().map(str::to_string),
        _ => None,
    }
}

/// The first field selected at the root of `query`, skipping an alias (`a: login` → `login`).
fn first_root_field(query: &str) -> Option<String> {
    let body = &query[query.find('{')? + 1..];
    let spaced = body.replace(':', " : ");
    let mut tokens = spaced
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
        .filter(|s| !s.is_empty());
    let first = tokens.next()?;
    match tokens.next() {
        Some(":") => tokens.next().map(str::to_string),
        _ => Some(first.to_string()),
    }
}

pub fn record_http(route: &str, method: &str, status: u16, elapsed: Duration) {
    metrics::counter!(HTTP_REQUESTS, "route" => route.to_string(), "method" => method.to_string(),
        "status" => status.to_string())
    .increment(1);
    metrics::histogram!(HTTP_DURATION, "route" => route.to_string(), "method" => method.to_string())
        .record(elapsed.as_secs_f64());
}

/// One executed GraphQL operation and the `extensions.code` of each error it answered.
pub fn record_graphql(operation: &str, elapsed: Duration, error_codes: &[String]) {
    let outcome = if error_codes.is_empty() {
        "ok"
    } else {
        "error"
    };
    metrics::counter!(GRAPHQL_OPERATIONS, "operation" => operation.to_string(), "outcome" => outcome)
        .increment(1);
    metrics::histogram!(GRAPHQL_DURATION, "operation" => operation.to_string())
        .record(elapsed.as_secs_f64());
    for code in error_codes {
        metrics::counter!(GRAPHQL_ERRORS, "code" => code.clone()).increment(1);
    }
}

/// What one executed GraphQL operation answered, as juniper returns it
/// (`GraphQLResponse::into_result`): its error codes, and a failed sign-in when `login` was
/// refused. Parse and validation errors (before any resolver ran) count as `VALIDATION`.
pub fn record_graphql_result(
    operation: &str,
    elapsed: Duration,
    result: &Result<
        (
            juniper::Value,
            Vec<juniper::ExecutionError<juniper::DefaultScalarValue>>,
        ),
        juniper::GraphQLError,
    >,
) {
    let codes: Vec<String> = match result {
        Ok((_, errors)) => errors
            .iter()
            .map(|e| {
                let code = error_code(e.error());
                let at_login =
                    operation == "login" || e.path().first().is_some_and(|p| p == "login");
                match (at_login, code.as_str()) {
                    (true, "UNAUTHENTICATED") => sign_in_failed("graphql", "bad_credentials"),
                    (true, "RATE_LIMITED") => sign_in_failed("graphql", "rate_limited"),
                    _ => {}
                }
                code
            })
            .collect(),
        Err(_) => vec!["VALIDATION".to_string()],
    };
    record_graphql(operation, elapsed, &codes);
}

/// An error's `extensions.code`; `INTERNAL` when it has none.
fn error_code(error: &juniper::FieldError) -> String {
    error
        .extensions()
        .as_object_value()
        .and_then(|o| o.get_field_value("code"))
        .and_then(|v| v.as_scalar())
        .and_then(juniper::ScalarValue::try_as_str)
        .unwrap_or("INTERNAL")
        .to_string()
}

/// A refused sign-in. `door` is `graphql`, `web` or `web_sso` (single sign-on); `reason` is
/// `bad_credentials`, `rate_limited`, `bad_code` (TOTP), or for `web_sso` `provider`, `state`,
/// `provider_refused`, `token`, `domain`, `no_account`. Every sign-in door calls it when `signin::authenticate` refuses.
pub fn sign_in_failed(door: &'static str, reason: &'static str) {
    metrics::counter!(SIGNIN_FAILURES, "door" => door, "reason" => reason).increment(1);
}

/// Notifications committed and not yet delivered (the notification queue sets it).
pub fn set_notices_waiting(count: u64) {
    metrics::gauge!(NOTICES_WAITING).set(count as f64);
}

/// The text for `/metrics`, with the pool figures read now.
pub fn render(pool: &crate::store::Pool, backend: &'static str) -> String {
    let handle = handle();
    let state = pool.state();
    let idle = f64::from(state.idle_connections);
    metrics::gauge!(POOL_CONNECTIONS, "state" => "idle").set(idle);
    metrics::gauge!(POOL_CONNECTIONS, "state" => "in_use").set(f64::from(state.connections) - idle);
    metrics::gauge!(POOL_MAX).set(f64::from(pool.max_size()));
    metrics::gauge!(BUILD_INFO, "version" => env!("CARGO_PKG_VERSION"), "backend" => backend)
        .set(1.0);
    handle.run_upkeep();
    handle.render()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_are_named_by_operation_name_or_root_field() {
        assert_eq!(operation_label(Some("Overview"), "{ x }"), "Overview");
        assert_eq!(
            operation_label(None, "mutation { login(email: \"a\") { accessToken } }"),
            "login"
        );
        assert_eq!(
            operation_label(None, "mutation { a1: login(email: \"a\") { x } }"),
            "login"
        );
        assert_eq!(operation_label(None, "{me{email}}"), "me");
        assert_eq!(operation_label(None, "{ a : me { email } }"), "me");
        assert_eq!(operation_label(Some("bad name!"), "{ me }"), "other");
        assert_eq!(operation_label(None, "query Me { me { email } }"), "Me");
        assert_eq!(operation_label(None, "query Q($k: String!) { x }"), "Q");
        assert_eq!(
            operation_label(None, "mutation($e: String!) { login }"),
            "login"
        );
    }
}
