//! HTTP endpoints: `POST /graphql`, `GET /graphiql`, `GET /health`, `GET /ready`,
//! `GET /metrics` (SPEC §7, §10).
//!
//! `/graphql` is our own small handler, not juniper_actix's: it bounds the body, refuses unknown
//! body fields and large batches, checks query limits before parsing, and runs the (synchronous)
//! resolvers on the blocking pool so database work never stalls the async workers.

use std::sync::Arc;

use actix_web::{web, HttpRequest, HttpResponse};
use futures_util::StreamExt;
use juniper::http::{GraphQLRequest, GraphQLResponse};
use serde::Deserialize;
use serde_json::json;

use crate::error::ErrorCode;
use crate::graphql::{answer_memo, limits, Context};
use crate::signin;
use crate::state::AppState;

pub mod client;
pub mod observe;

/// Largest request body: a template import carries a whole version (up to 5 MB) as a string.
pub const MAX_BODY_BYTES: usize = 6 * 1024 * 1024;

/// The policy of every HTML page that does not set its own (COORDINATION.md): our own files
/// only, no inline script or style, no framing.
pub const DEFAULT_CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; \
     script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

/// The report's policy: inline styles and `data:` images (its risk maps), nothing else.
pub const REPORT_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; \
     frame-ancestors 'none'; form-action 'none'; base-uri 'none'";

/// The one security-headers middleware (issue 14, finding 9), wrapped around the whole App:
/// `nosniff` everywhere; `Cache-Control: no-store` unless a handler chose its own caching
/// (answers carry tokens and personal data); on HTML, the default CSP and `X-Frame-Options`
/// unless the handler set its own policy.
pub async fn security_headers(
    req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody>,
) -> Result<actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>, actix_web::Error> {
    use actix_web::http::header::{self, HeaderValue};
    let mut response = next.call(req).await?;
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    let html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("text/html"));
    if html {
        if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
            headers.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(DEFAULT_CSP),
            );
        }
        if !headers.contains_key(header::X_FRAME_OPTIONS) {
            headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        }
    }
    Ok(response)
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/graphql", web::post().to(graphql))
        .route("/graphiql", web::get().to(crate::graphiql::page))
        .route(
            "/graphiql/assets/{file}",
            web::get().to(crate::graphiql::asset),
        )
        .route("/health", web::get().to(health))
        .route("/ready", web::get().to(ready))
        .route("/metrics", web::get().to(metrics))
        .route("/assessments/{id}/{file}", web::get().to(report));
}

/// One operation as clients send it. Unknown fields are refused so typos do not pass silently;
/// `extensions` is accepted (and ignored) because common clients send it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Operation {
    query: String,
    #[serde(rename = "operationName")]
    operation_name: Option<String>,
    variables: Option<serde_json::Value>,
    #[serde(rename = "extensions")]
    _extensions: Option<serde_json::Value>,
}

enum Body {
    Single(Operation),
    Batch(Vec<Operation>),
}

impl Body {
    /// A batch is a JSON array, anything else one operation: told by the first byte rather
    /// than by serde's `untagged`, which buffers the whole document and tries each form.
    fn parse(body: &[u8]) -> serde_json::Result<Self> {
        if is_batch(body) {
            serde_json::from_slice(body).map(Body::Batch)
        } else {
            serde_json::from_slice(body).map(Body::Single)
        }
    }
}

fn is_batch(body: &[u8]) -> bool {
    body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[')
}

fn request_error(status: actix_web::http::StatusCode, message: &str) -> HttpResponse {
    HttpResponse::build(status).json(json!({
        "errors": [{
            "message": message,
            "extensions": { "code": ErrorCode::Validation.as_str(), "field": "body" }
        }]
    }))
}

async fn read_body(mut payload: web::Payload) -> Result<web::BytesMut, HttpResponse> {
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|_| {
            request_error(
                actix_web::http::StatusCode::BAD_REQUEST,
                "the request body could not be read",
            )
        })?;
        if body.len() + chunk.len() > MAX_BODY_BYTES {
            return Err(request_error(
                actix_web::http::StatusCode::PAYLOAD_TOO_LARGE,
                &format!("the request body is larger than {MAX_BODY_BYTES} bytes"),
            ));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// One operation ready for juniper, with what the cost analysis found in it.
struct Prepared {
    request: GraphQLRequest,
    analysis: limits::Analysis,
}

fn to_juniper(op: Operation, fingerprint: &[u8; 32]) -> Result<Prepared, String> {
    // The cost of an operation is a function of its text, name and variables: kept by their
    // fingerprint, so a repeated operation is not parsed again before juniper parses it.
    static COSTS: std::sync::OnceLock<crate::memo::Memo<[u8; 32], limits::Analysis>> =
        std::sync::OnceLock::new();
    limits::check_query(&op.query).map_err(|e| e.to_string())?;
    let costs = COSTS.get_or_init(|| crate::memo::Memo::new(4_096));
    let analysis = match costs.get(fingerprint) {
        Some(known) => known,
        None => {
            let analysis = limits::cost(
                &op.query,
                op.operation_name.as_deref(),
                op.variables.as_ref(),
            )
            .unwrap_or_default();
            costs.insert(*fingerprint, analysis);
            analysis
        }
    };
    let variables = op
        .variables
        .filter(|v| !v.is_null())
        .map(|v| {
            if !v.is_object() {
                return Err("`variables` must be a JSON object".to_string());
            }
            serde_json::from_value(v).map_err(|e| format!("`variables` is malformed: {e}"))
        })
        .transpose()?;
    Ok(Prepared {
        request: GraphQLRequest::new(op.query, op.operation_name, variables),
        analysis,
    })
}

/// A request over the cost budget, refused before anything runs (issue 14, finding 7).
fn over_budget(cost: u64) -> HttpResponse {
    HttpResponse::BadRequest().json(json!({
        "errors": [{
            "message": format!(
                "the request would cost {cost}, over the budget of {}: ask for fewer reports, \
                 exports or pages at once (docs/SECURITY.md lists the costs)",
                limits::MAX_COST
            ),
            "extensions": {
                "code": ErrorCode::Validation.as_str(),
                "field": "query",
                "cost": cost,
                "budget": limits::MAX_COST,
            }
        }]
    }))
}

/// One operation's answer: juniper's, or (when juniper's own errors need their code added, or
/// the operation was refused) our JSON.
#[derive(serde::Serialize)]
#[serde(untagged)]
enum Answer {
    Juniper(GraphQLResponse),
    Json(serde_json::Value),
}

fn has_code(error: &juniper::FieldError) -> bool {
    error
        .extensions()
        .as_object_value()
        .is_some_and(|ext| ext.get_field_value("code").is_some())
}

/// Every error the API returns carries `extensions.code` (issue 14, finding 8): juniper's own
/// parse and validation errors become `VALIDATION` on the field `query`; a resolver error that
/// came without a code becomes `INTERNAL`.
fn with_codes(result: ExecutionResult) -> Answer {
    let (result, request_error) = match result {
        Ok((data, errors)) if errors.iter().all(|e| has_code(e.error())) => {
            return Answer::Juniper(GraphQLResponse::from_result(Ok((data, errors))))
        }
        Ok(ok) => (Ok(ok), false),
        Err(e) => (Err(e), true),
    };
    let mut json = serde_json::to_value(GraphQLResponse::from_result(result))
        .unwrap_or_else(|_| json!({ "errors": [{ "message": "internal error" }] }));
    if let Some(errors) = json.get_mut("errors").and_then(|e| e.as_array_mut()) {
        for error in errors {
            if error["extensions"]["code"].is_string() {
                continue;
            }
            let code = if request_error {
                json!({ "code": ErrorCode::Validation.as_str(), "field": "query" })
            } else {
                json!({ "code": ErrorCode::Internal.as_str() })
            };
            error["extensions"] = code;
        }
    }
    Answer::Json(json)
}

/// What juniper's executor returns for one operation.
type ExecutionResult = Result<
    (
        juniper::Value,
        Vec<juniper::ExecutionError<juniper::DefaultScalarValue>>,
    ),
    juniper::GraphQLError,
>;

/// The answer to an operation that asks for introspection without a signed-in user.
fn introspection_refused() -> Answer {
    Answer::Json(json!({
        "data": null,
        "errors": [{
            "message": "introspection needs a signed-in user: send `Authorization: Bearer <accessToken>`",
            "extensions": { "code": ErrorCode::Unauthenticated.as_str() }
        }]
    }))
}

/// A writer that refuses to grow past [`limits::MAX_RESPONSE_BYTES`], so an oversized answer
/// stops serialising at the cap instead of being built whole.
struct Capped(Vec<u8>);

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.0.len() + buf.len() > limits::MAX_RESPONSE_BYTES {
            return Err(std::io::Error::other("response too large"));
        }
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Serialises `value` to bytes, or `None` when they would exceed the response cap.
fn capped_json(value: &impl serde::Serialize) -> Option<Vec<u8>> {
    let mut out = Capped(Vec::new());
    serde_json::to_writer(&mut out, value).ok().map(|()| out.0)
}

async fn graphql(
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<Arc<AppState>>,
) -> HttpResponse {
    use actix_web::http::StatusCode;
    let body = match read_body(payload).await {
        Ok(body) => body,
        Err(response) => return response,
    };
    let operations = match Body::parse(&body) {
        Ok(Body::Single(op)) => vec![op],
        Ok(Body::Batch(ops)) if ops.is_empty() => {
            return request_error(StatusCode::BAD_REQUEST, "an empty batch has nothing to run")
        }
        Ok(Body::Batch(ops)) if ops.len() > limits::MAX_BATCH => {
            return request_error(
                StatusCode::BAD_REQUEST,
                &format!("a batch may hold at most {} operations", limits::MAX_BATCH),
            )
        }
        Ok(Body::Batch(ops)) => ops,
        Err(_) => return request_error(
            StatusCode::BAD_REQUEST,
            "the body must be a JSON object {query, operationName?, variables?} or a list of them",
        ),
    };
    let batched = is_batch(&body);
    // A read of one assessment's stored state may be answered from the memo of answers
    // (graphql/answer_memo.rs: keyed by the version read in this request).
    let fingerprints: Vec<[u8; 32]> = operations
        .iter()
        .map(|op| {
            answer_memo::fingerprint(
                &op.query,
                op.operation_name.as_deref(),
                op.variables.as_ref(),
            )
        })
        .collect();
    let plan = match operations.as_slice() {
        [op] if !batched => answer_memo::plan_of(
            &fingerprints[0],
            &op.query,
            op.operation_name.as_deref(),
            op.variables.as_ref(),
        ),
        _ => None,
    };
    let labels: Vec<String> = operations
        .iter()
        .map(|op| crate::monitoring::operation_label(op.operation_name.as_deref(), &op.query))
        .collect();
    let requests = match operations
        .into_iter()
        .zip(&fingerprints)
        .map(|(op, fingerprint)| to_juniper(op, fingerprint))
        .collect::<Result<Vec<_>, _>>()
    {
        Ok(requests) => requests,
        Err(message) => return request_error(StatusCode::BAD_REQUEST, &message),
    };
    // One budget for the whole batch, checked before anything runs.
    let cost = requests
        .iter()
        .fold(0u64, |sum, r| sum.saturating_add(r.analysis.cost));
    if cost > limits::MAX_COST {
        return over_budget(cost);
    }
    let bearer = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .map(|v| v.to_str().unwrap_or("").to_string());
    let client = client::address(&req);
    let state = state.get_ref().clone();
    let result = observe::block(move || {
        // One connection, and for a memoisable read one statement, for the token check and
        // the memo's version read; the connection goes back to the pool before the resolvers
        // run.
        let mut conn = None;
        let mut version_read = None;
        let auth = match bearer.as_deref() {
            None => Ok(None),
            Some(value) => match value.strip_prefix("Bearer ") {
                Some(token) => match state.pool.get() {
                    Ok(c) => {
                        let c = conn.insert(c);
                        match &plan {
                            Some(plan) => signin::session_and_version_from_bearer_on(
                                &state,
                                c,
                                token.trim(),
                                &plan.assessment_id,
                            )
                            .map(|(actor, session, version)| {
                                version_read = Some(version);
                                Some((actor, session))
                            }),
                            None => {
                                signin::session_from_bearer_on(&state, c, token.trim()).map(Some)
                            }
                        }
                    }
                    Err(e) => Err(e.into()),
                },
                None => Err(crate::error::AppError::Unauthenticated(
                    "the Authorization header must be `Bearer <accessToken>`".into(),
                )),
            },
        };
        let signed_in = matches!(auth, Ok(Some(_)));
        let (auth, session) = match auth {
            Ok(Some((actor, session))) => (Ok(Some(actor)), Some(session)),
            Ok(None) => (Ok(None), None),
            Err(e) => (Err(e), None),
        };
        let memo = match (&plan, &auth, version_read) {
            (Some(plan), Ok(Some(actor)), Some(version)) => {
                let started = std::time::Instant::now();
                match answer_memo::lookup_at(actor, plan, version) {
                    answer_memo::Lookup::Hit(bytes) => {
                        crate::monitoring::record_graphql(&labels[0], started.elapsed(), &[]);
                        return Some(bytes);
                    }
                    answer_memo::Lookup::Miss(key) => Some((key, actor.clone())),
                    answer_memo::Lookup::Unknown => None,
                }
            }
            _ => None,
        };
        drop(conn);
        let context = Context::new(state.clone(), auth, client).with_session(session);
        let run = |prepared: &Prepared, label: &str| {
            let started = std::time::Instant::now();
            if prepared.analysis.introspection && !signed_in {
                let refused = [ErrorCode::Unauthenticated.as_str().to_string()];
                crate::monitoring::record_graphql(label, started.elapsed(), &refused);
                return (introspection_refused(), false);
            }
            let result = prepared
                .request
                .execute_sync(&state.schema, &context)
                .into_result();
            crate::monitoring::record_graphql_result(label, started.elapsed(), &result);
            let clean = matches!(&result, Ok((_, errors)) if errors.is_empty());
            (with_codes(result), clean)
        };
        // Serialised straight to bytes: building a serde_json::Value tree first and
        // serialising that again cost a third of a large answer's time (docs/PERFORMANCE.md).
        let (answers, clean): (Vec<Answer>, Vec<bool>) = requests
            .iter()
            .zip(&labels)
            .map(|(prepared, label)| run(prepared, label))
            .unzip();
        let bytes = if batched {
            capped_json(&answers)
        } else {
            capped_json(&answers.first())
        }
        .map(web::Bytes::from);
        if let (Some((key, actor)), Some(bytes), [true]) = (memo, &bytes, clean.as_slice()) {
            let kept = state
                .pool
                .get()
                .map_err(Into::into)
                .and_then(|mut conn| answer_memo::keep(&mut conn, &actor, key, bytes.clone()));
            if let Err(e) = kept {
                tracing::warn!(error = ?e, "an answer could not be kept in the memo");
            }
        }
        bytes
    })
    .await;
    match result {
        Ok(Some(body)) => HttpResponse::Ok()
            .content_type("application/json")
            .body(body),
        Ok(None) => request_error(
            StatusCode::BAD_REQUEST,
            &format!(
                "the response would be larger than {} bytes: ask for less at once",
                limits::MAX_RESPONSE_BYTES
            ),
        )
        .map_into_boxed_body(),
        Err(_) => {
            tracing::error!("a GraphQL request failed outside the resolvers");
            HttpResponse::InternalServerError().json(json!({
                "errors": [{ "message": "internal error", "extensions": { "code": "INTERNAL" } }]
            }))
        }
    }
}

/// Reports the backend and whether the database answers.
async fn health(state: web::Data<Arc<AppState>>) -> HttpResponse {
    let state = state.get_ref().clone();
    let backend = state.backend;
    let ok = web::block(move || -> bool {
        use diesel::connection::SimpleConnection;
        state
            .pool
            .get()
            .map(|mut c| c.batch_execute("SELECT 1").is_ok())
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false);
    let body = json!({
        "status": if ok { "ok" } else { "unavailable" },
        "backend": backend,
        "database": if ok { "ok" } else { "unreachable" },
        "version": env!("CARGO_PKG_VERSION"),
    });
    if ok {
        HttpResponse::Ok().json(body)
    } else {
        HttpResponse::ServiceUnavailable().json(body)
    }
}

/// Readiness: the database answers and its schema is exactly the one this binary expects
/// (every migration applied, none unknown). A load balancer sends traffic only when ready.
async fn ready(state: web::Data<Arc<AppState>>) -> HttpResponse {
    let state = state.get_ref().clone();
    let status = observe::block(
        move || -> Result<crate::store::connection::SchemaStatus, String> {
            let mut conn = state.pool.get().map_err(|e| e.to_string())?;
            crate::store::connection::schema_status(&mut conn).map_err(|e| e.to_string())
        },
    )
    .await
    .map_err(|e| e.to_string())
    .and_then(|r| r);
    match status {
        Ok(status) if status.is_current() => HttpResponse::Ok().json(json!({
            "status": "ready",
            "database": "ok",
            "schemaVersion": status.latest_applied,
        })),
        Ok(status) => HttpResponse::ServiceUnavailable().json(json!({
            "status": "not ready",
            "database": "ok",
            "schemaVersion": status.latest_applied,
            "pendingMigrations": status.pending,
            "unknownMigrations": status.unknown,
        })),
        Err(reason) => {
            tracing::warn!(%reason, "readiness: the database does not answer");
            HttpResponse::ServiceUnavailable().json(json!({
                "status": "not ready",
                "database": "unreachable",
            }))
        }
    }
}

/// Prometheus metrics, only for clients in `DPIAHUB_METRICS_ALLOW` (loopback by default).
async fn metrics(req: HttpRequest, state: web::Data<Arc<AppState>>) -> HttpResponse {
    let allowed =
        client::client_ip(&req).is_some_and(|ip| state.network.metrics_allow.contains(ip));
    if !allowed {
        return HttpResponse::Forbidden()
            .content_type("text/plain; charset=utf-8")
            .body("/metrics is open only to the addresses in DPIAHUB_METRICS_ALLOW\n");
    }
    // "Notices waiting" is read from the outbox at each scrape: the table is the truth, and
    // every process of a deployment reports the same figure.
    let pool = state.pool.clone();
    let waiting = web::block(move || {
        let mut conn = pool.get().map_err(crate::error::AppError::from)?;
        crate::store::notice_outbox::count_waiting(&mut conn)
    })
    .await;
    match waiting {
        Ok(Ok(count)) => crate::monitoring::set_notices_waiting(count.max(0) as u64),
        _ => tracing::warn!("/metrics: could not count the notices waiting"),
    }
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(crate::monitoring::render(&state.pool, state.backend))
}

/// `GET /assessments/{id}/report.html` (or `.md`): the DPIA report for a signed-in user who
/// may read the assessment (`Authorization: Bearer …`), as a download.
async fn report(
    req: HttpRequest,
    path: web::Path<(String, String)>,
    state: web::Data<Arc<AppState>>,
) -> HttpResponse {
    use crate::graphql::{render_report, ReportFormat};
    let (id, file) = path.into_inner();
    let (format, content_type, extension) = match file.as_str() {
        "report.html" => (ReportFormat::Html, "text/html; charset=utf-8", "html"),
        "report.md" => (ReportFormat::Markdown, "text/markdown; charset=utf-8", "md"),
        _ => return HttpResponse::NotFound().finish(),
    };
    let bearer = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| t.trim().to_string());
    // `?lang=en` for English; Danish otherwise (issue 15).
    let language =
        web::Query::<std::collections::HashMap<String, String>>::from_query(req.query_string())
            .ok()
            .and_then(|q| q.get("lang").and_then(|l| crate::i18n::Lang::parse(l)))
            .unwrap_or_default();
    let state = state.get_ref().clone();
    let result = observe::block(move || {
        let token = bearer.ok_or_else(|| {
            crate::error::AppError::Unauthenticated(
                "send `Authorization: Bearer <accessToken>`".into(),
            )
        })?;
        let actor = signin::actor_from_bearer(&state, &token)?;
        render_report(&state, &actor, &id, format, language)
    })
    .await;
    match result {
        Ok(Ok(body)) => HttpResponse::Ok()
            .content_type(content_type)
            .insert_header((
                "Content-Disposition",
                format!("inline; filename=\"dpia-report.{extension}\""),
            ))
            // The report is self-contained; nothing in it may load or run anything. Its own
            // policy (inline styles, no script at all), so the default one leaves it alone.
            .insert_header(("Content-Security-Policy", REPORT_CSP))
            .insert_header(("Cache-Control", "no-store"))
            .body(body),
        Ok(Err(e)) => {
            let status = match e.code() {
                ErrorCode::Unauthenticated => actix_web::http::StatusCode::UNAUTHORIZED,
                ErrorCode::NotFound => actix_web::http::StatusCode::NOT_FOUND,
                ErrorCode::Internal => {
                    tracing::error!(error = ?e, "report failed");
                    actix_web::http::StatusCode::INTERNAL_SERVER_ERROR
                }
                _ => actix_web::http::StatusCode::BAD_REQUEST,
            };
            let message = if matches!(e, crate::error::AppError::Internal(_)) {
                "internal error".to_string()
            } else {
                e.to_string()
            };
            HttpResponse::build(status).json(json!({
                "errors": [{ "message": message, "extensions": { "code": e.code().as_str() } }]
            }))
        }
        Err(_) => HttpResponse::InternalServerError().finish(),
    }
}
