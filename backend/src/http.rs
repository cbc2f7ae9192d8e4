//! HTTP endpoints: `POST /graphql`, `GET /graphiql`, `GET /health` (SPEC §7).
//!
//! `/graphql` is our own small handler, not juniper_actix's: it bounds the body, refuses unknown
//! body fields and large batches, checks query limits before parsing, and runs the (synchronous)
//! resolvers on the blocking pool so database work never stalls the async workers.

use std::sync::Arc;

use actix_web::{web, HttpRequest, HttpResponse};
use futures_util::StreamExt;
use juniper::http::GraphQLRequest;
use serde::Deserialize;
use serde_json::json;

use crate::error::ErrorCode;
use crate::graphql::{limits, Context};
use crate::signin;
use crate::state::AppState;

/// Largest request body: a template import carries a whole version (up to 5 MB) as a string.
pub const MAX_BODY_BYTES: usize = 6 * 1024 * 1024;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/graphql", web::post().to(graphql))
        .route("/graphiql", web::get().to(graphiql))
        .route("/health", web::get().to(health))
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

#[derive(Deserialize)]
#[serde(untagged)]
enum Body {
    Single(Operation),
    Batch(Vec<Operation>),
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

fn to_juniper(op: Operation) -> Result<GraphQLRequest, String> {
    limits::check_query(&op.query).map_err(|e| e.to_string())?;
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
    Ok(GraphQLRequest::new(op.query, op.operation_name, variables))
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
    let operations = match serde_json::from_slice::<Body>(&body) {
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
    let batched = body.first() == Some(&b'[');
    let requests = match operations
        .into_iter()
        .map(to_juniper)
        .collect::<Result<Vec<_>, _>>()
    {
        Ok(requests) => requests,
        Err(message) => return request_error(StatusCode::BAD_REQUEST, &message),
    };
    let bearer = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .map(|v| v.to_str().unwrap_or("").to_string());
    let client = req
        .peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_else(|| "unknown".into());
    let state = state.get_ref().clone();
    let result = web::block(move || {
        let auth = match bearer.as_deref() {
            None => Ok(None),
            Some(value) => match value.strip_prefix("Bearer ") {
                Some(token) => signin::actor_from_bearer(&state, token.trim()).map(Some),
                None => Err(crate::error::AppError::Unauthenticated(
                    "the Authorization header must be `Bearer <accessToken>`".into(),
                )),
            },
        };
        let context = Context::new(state.clone(), auth, client);
        // Serialised straight to bytes: building a serde_json::Value tree first and
        // serialising that again cost a third of a large answer's time (docs/PERFORMANCE.md).
        if batched {
            let responses: Vec<_> = requests
                .iter()
                .map(|r| r.execute_sync(&state.schema, &context))
                .collect();
            serde_json::to_vec(&responses)
        } else {
            let response = requests
                .first()
                .map(|r| r.execute_sync(&state.schema, &context));
            serde_json::to_vec(&response)
        }
    })
    .await;
    match result {
        Ok(Ok(body)) => HttpResponse::Ok()
            .content_type("application/json")
            .body(body),
        Ok(Err(_)) | Err(_) => {
            tracing::error!("a GraphQL request failed outside the resolvers");
            HttpResponse::InternalServerError().json(json!({
                "errors": [{ "message": "internal error", "extensions": { "code": "INTERNAL" } }]
            }))
        }
    }
}

async fn graphiql() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(juniper::http::graphiql::graphiql_source("/graphql", None))
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
    let result = web::block(move || {
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
            // The report is self-contained; nothing in it may load or run anything.
            .insert_header((
                "Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
            ))
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
