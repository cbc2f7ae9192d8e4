//! Web pages in the benchmark (issue 18): signed in through the web form like a browser (the
//! sign-in page's pre-session cookie and CSRF token, then the session cookie), each page read
//! back to back by one client.
//!
//! Adding a page to the benchmark is one line in [`PAGES`].

use std::net::SocketAddr;

use anyhow::{bail, Context as _};

use super::client::{Connection, Request};

/// Whom a page is read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Who {
    /// The editor of controller 1 (the owner of the measured assessment).
    Controller,
    /// The supervisory authority's case officer.
    Authority,
    /// The central body's editor.
    CentralBody,
}

/// One page: its JSON key (`page_<key>_ms_p50`), who reads it, its path (`{id}`: controller
/// 1's assessment, `{key}`: the national template) and its p50 target in milliseconds.
#[derive(Clone, Copy, Debug)]
pub struct Page {
    pub key: &'static str,
    pub name: &'static str,
    pub who: Who,
    pub path: &'static str,
    pub target_ms: f64,
}

/// The pages measured. A page that answers 404 (not merged yet) is reported as missing.
#[rustfmt::skip]
pub const PAGES: &[Page] = &[
    Page { key: "workspace", name: "page: workspace", who: Who::Controller, path: "/assessments/{id}", target_ms: 30.0 },
    Page { key: "findings", name: "page: findings", who: Who::Controller, path: "/assessments/{id}/findings", target_ms: 30.0 },
    Page { key: "risks", name: "page: risk table", who: Who::Controller, path: "/assessments/{id}/risks", target_ms: 30.0 },
    Page { key: "cases", name: "page: authority cases", who: Who::Authority, path: "/authority/cases", target_ms: 50.0 },
    Page { key: "review", name: "page: authority review", who: Who::Authority, path: "/authority/assessments/{id}", target_ms: 30.0 },
    Page { key: "overview_authority", name: "page: overview (authority)", who: Who::Authority, path: "/central/templates/{key}/overview", target_ms: 50.0 },
    Page { key: "overview_central", name: "page: overview (central)", who: Who::CentralBody, path: "/central/templates/{key}/overview", target_ms: 50.0 },
];

impl Page {
    pub fn path_for(&self, assessment_id: &str, template_key: &str) -> String {
        self.path
            .replace("{id}", assessment_id)
            .replace("{key}", template_key)
    }
}

/// Signs in through the web form; returns the `Cookie` header value of the session.
pub fn sign_in(addr: SocketAddr, email: &str, password: &str) -> anyhow::Result<String> {
    let mut connection = Connection::open(addr)?;
    let form = connection.send(&Request::get(addr, "/signin", None))?;
    if form.status != 200 {
        bail!("GET /signin answered {}", form.status);
    }
    let html = String::from_utf8_lossy(&form.body);
    let csrf = html
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .context("the sign-in form has no CSRF token")?;
    let presession = form.cookies.join("; ");
    let body = serde_urlencoded::to_string([
        ("email", email),
        ("password", password),
        ("csrf", csrf),
        ("next", "/"),
    ])?;
    let signed = connection.send(&Request::post_form(
        addr,
        "/signin",
        Some(&presession),
        &body,
    ))?;
    let session = signed
        .cookies
        .iter()
        .find(|c| c.starts_with(&format!("{}=", crate::web::session::SESSION_COOKIE)))
        .with_context(|| {
            format!(
                "signing in {email} through the form: HTTP {}",
                signed.status
            )
        })?;
    Ok(session.clone())
}
