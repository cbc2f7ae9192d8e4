//! What a page answers when it cannot show what was asked: the 404 page (also for another
//! organisation's URL: the two are indistinguishable), a redirect to sign-in, the refusal of a
//! forged form, and the error page with a reference the operator finds in the log.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use minijinja::context;

use super::render::{render_page, Chrome};
use crate::error::{AppError, ErrorCode};
use crate::i18n::Lang;

pub type PageResult = Result<HttpResponse, PageError>;

#[derive(Debug)]
pub enum PageError {
    /// Missing, or not the caller's to see: the same page either way.
    NotFound(Lang),
    /// No valid session: to the sign-in page, then back to `next`.
    SignIn { next: String },
    /// An admin set this user's password: choose a new one first.
    ChangePassword,
    /// A state-changing request without the session's CSRF token; nothing was written.
    FormRefused(Lang),
    /// A form body that none of our pages sends.
    BadForm(Lang),
    /// A fault on our side; `reference` is in the log beside the details.
    Internal { lang: Lang, reference: String },
}

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

impl PageError {
    /// A fault to log now under a fresh reference.
    pub fn internal(lang: Lang, detail: impl std::fmt::Display) -> Self {
        let reference = uuid::Uuid::new_v4().simple().to_string()[..12].to_string();
        tracing::error!(reference = %reference, detail = %detail, "web page failed");
        PageError::Internal { lang, reference }
    }

    /// Maps a store error that no form shows beside a field.
    pub fn from_app(lang: Lang, e: AppError) -> Self {
        match e.code() {
            ErrorCode::NotFound | ErrorCode::Forbidden => PageError::NotFound(lang),
            ErrorCode::Unauthenticated => PageError::SignIn { next: "/".into() },
            _ => match e {
                AppError::Internal(detail) => PageError::internal(lang, detail),
                other => PageError::internal(lang, other),
            },
        }
    }

    /// A blocking task that panicked or was cancelled.
    pub fn blocking(lang: Lang, e: actix_web::error::BlockingError) -> Self {
        PageError::internal(lang, format!("blocking task: {e}"))
    }
}

impl ResponseError for PageError {
    fn status_code(&self) -> StatusCode {
        match self {
            PageError::NotFound(_) => StatusCode::NOT_FOUND,
            PageError::SignIn { .. } | PageError::ChangePassword => StatusCode::SEE_OTHER,
            PageError::FormRefused(_) => StatusCode::FORBIDDEN,
            PageError::BadForm(_) => StatusCode::BAD_REQUEST,
            PageError::Internal { .. } => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        match self {
            PageError::SignIn { next } => redirect(&format!(
                "/signin?next={}",
                super::session::url_encode(next)
            )),
            PageError::ChangePassword => redirect("/account/password"),
            PageError::NotFound(lang) => message_page(*lang, status, "not-found", None),
            PageError::FormRefused(lang) => message_page(*lang, status, "form-refused", None),
            PageError::BadForm(lang) => message_page(*lang, status, "bad-form", None),
            PageError::Internal { lang, reference } => {
                message_page(*lang, status, "internal-error", Some(reference))
            }
        }
    }
}

/// A `303 See Other` to a path of ours.
pub fn redirect(to: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, to))
        .finish()
}

fn message_page(
    lang: Lang,
    status: StatusCode,
    kind: &str,
    reference: Option<&str>,
) -> HttpResponse {
    let chrome = Chrome::public(lang, "");
    let page = render_page(
        &chrome,
        "web/message.html",
        context! { kind => kind, reference => reference },
    );
    match page {
        Ok(body) => HttpResponse::build(status)
            .content_type("text/html; charset=utf-8")
            .body(body),
        Err(e) => {
            tracing::error!(error = %e, "the error page itself failed");
            HttpResponse::build(status)
                .content_type("text/plain; charset=utf-8")
                .body(status.to_string())
        }
    }
}

/// Any path no route serves: the 404 page in the visitor's language.
pub async fn not_found_page(req: HttpRequest) -> HttpResponse {
    PageError::NotFound(super::i18n::lang_of(&req)).error_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_error_page_shows_a_reference_and_no_details() {
        let error = PageError::internal(Lang::Da, "database: secret detail");
        let PageError::Internal { reference, .. } = &error else {
            panic!("an internal error")
        };
        let response = error.error_response();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = actix_web::body::to_bytes(response.into_body());
        let body = futures_util::FutureExt::now_or_never(body)
            .expect("a ready body")
            .expect("bytes");
        let text = String::from_utf8_lossy(&body);
        assert!(text.contains(reference.as_str()), "{text}");
        assert!(!text.contains("secret detail"));
        assert!(text.contains("<html lang=\"da\">"));
    }

    #[test]
    fn not_found_and_forbidden_are_the_same_page() {
        let missing = PageError::from_app(Lang::En, AppError::not_found("assessment"));
        let forbidden = PageError::from_app(Lang::En, AppError::Forbidden("no".into()));
        assert!(matches!(missing, PageError::NotFound(Lang::En)));
        assert!(matches!(forbidden, PageError::NotFound(Lang::En)));
    }
}
