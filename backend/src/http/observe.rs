//! Around every request: a request id (in the `request` span, so in every log line written
//! while the request runs, and in the `X-Request-Id` response header), the per-route metrics,
//! and one access log line.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use tracing::Instrument;

use super::client;
use crate::monitoring;

pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// The middleware (`actix_web::middleware::from_fn(observe)`).
pub async fn observe(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let id = client::forwarded_request_id(&req)
        .unwrap_or_else(|| uuid::Uuid::new_v4().simple().to_string());
    let span = tracing::info_span!("request", request_id = %id);
    let method = req.method().to_string();
    let path = req.path().to_string();
    let started = Instant::now();
    let outcome = next.call(req).instrument(span.clone()).await;
    let elapsed = started.elapsed();
    let (status, route) = match &outcome {
        Ok(res) => (
            res.status(),
            // The pattern (`/assessments/{id}/{file}`), never the raw path: bounded labels.
            res.request()
                .match_pattern()
                .unwrap_or_else(|| "unmatched".into()),
        ),
        Err(e) => (e.as_response_error().status_code(), "unmatched".into()),
    };
    monitoring::record_http(&route, &method, status.as_u16(), elapsed);
    span.in_scope(|| {
        let ms = elapsed.as_secs_f64() * 1000.0;
        if status.is_server_error() {
            tracing::error!(target: "dpiahub::access", %method, %path, status = status.as_u16(), ms, "request failed");
        } else {
            tracing::debug!(target: "dpiahub::access", %method, %path, status = status.as_u16(), ms, "request");
        }
    });
    let mut res = outcome?;
    if let Ok(value) = HeaderValue::from_str(&id) {
        res.headers_mut()
            .insert(HeaderName::from_static(REQUEST_ID_HEADER), value);
    }
    Ok(res)
}

/// Runs `f` on the blocking pool inside the current request's span, so what it logs carries
/// the request id. Use it instead of `web::block` in handlers.
pub async fn block<F, R>(f: F) -> Result<R, actix_web::error::BlockingError>
where
    F: FnOnce() -> R + Send + 'static,
    R: Send + 'static,
{
    let span = tracing::Span::current();
    actix_web::web::block(move || span.in_scope(f)).await
}
