//! Screen 12: the DPIA report in the browser on the session: the same document as
//! `GET /assessments/{id}/report.html` (`render_report`, same visibility), with a bar to go
//! back, print and download the Markdown; printing hides the bar (the report has its own print
//! rules).

use actix_web::{web, HttpResponse};

use super::errors::{PageError, PageResult};
use super::session::SignedIn;
use crate::graphql::{render_report, ReportFormat};

/// The report's own policy: a self-contained page with inline styles and SVG, no script.
const REPORT_CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

async fn rendered(
    signed: &SignedIn,
    id: String,
    format: ReportFormat,
) -> Result<String, PageError> {
    signed
        .load(move |state, actor, _| render_report(state, actor, &id, format))
        .await
}

/// `GET /assessments/{id}/report`.
pub async fn report(signed: SignedIn, id: web::Path<String>) -> PageResult {
    let id = id.into_inner();
    let html = rendered(&signed, id.clone(), ReportFormat::Html).await?;
    let lang = signed.lang;
    let t = |key: &str| crate::i18n::text(lang, key);
    let escape = |s: String| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    // The bar is ours; the id came through the store's visibility check, so it is a real id,
    // escaped all the same.
    let bar = format!(
        "<style>.web-report-bar{{display:flex;gap:1.5rem;align-items:center;padding:.6rem 0;margin-bottom:1rem;border-bottom:1px solid #c9d1da;font-size:.95rem}}.web-report-bar a{{color:#0b4f8a}}@media print{{.web-report-bar{{display:none}}}}</style>\
         <nav class=\"web-report-bar\" lang=\"{lang}\" aria-label=\"{nav}\"><a href=\"/assessments\">{back}</a>\
         <a href=\"/assessments/{id}/report/download.md\" download>{md}</a><span>{print}</span></nav>",
        lang = lang.code(),
        nav = escape(t("report-bar")),
        back = escape(t("report-back")),
        id = escape(id),
        md = escape(t("report-download-markdown")),
        print = escape(t("report-print-hint")),
    );
    let body = match html.find("<body>") {
        Some(at) => format!("{}{}{}", &html[..at + 6], bar, &html[at + 6..]),
        None => html,
    };
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header(("Content-Security-Policy", REPORT_CSP))
        .insert_header(("Cache-Control", "no-store"))
        .body(body))
}

/// `GET /assessments/{id}/report/download.md`: the Markdown report as a download.
pub async fn markdown(signed: SignedIn, id: web::Path<String>) -> PageResult {
    let md = rendered(&signed, id.into_inner(), ReportFormat::Markdown).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/markdown; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            "attachment; filename=\"dpia-report.md\"",
        ))
        .insert_header(("Cache-Control", "no-store"))
        .body(md))
}
