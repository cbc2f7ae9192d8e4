//! The page template engine: minijinja with every template of `backend/templates/web/` compiled
//! in, strict about undefined values, HTML auto-escaping by file extension. Strings come from
//! the Fluent catalogue through `t("key", name=value)`; static files through `asset("app.css")`
//! (their hashed URL).

use std::sync::LazyLock;

use actix_web::HttpResponse;
use minijinja::value::{Kwargs, Value};
use minijinja::{Environment, Error, ErrorKind, State, UndefinedBehavior};
use serde::Serialize;

use super::errors::{PageError, PageResult};
use crate::i18n::{self, Arg, Lang};

/// The templates, by name. Add a new page's template here.
const TEMPLATES: &[(&str, &str)] = &[
    (
        "web/layout.html",
        include_str!("../../templates/web/layout.html"),
    ),
    (
        "web/macros.html",
        include_str!("../../templates/web/macros.html"),
    ),
    (
        "web/message.html",
        include_str!("../../templates/web/message.html"),
    ),
    (
        "web/signin.html",
        include_str!("../../templates/web/signin.html"),
    ),
    // SSO stream (issue 17).
    (
        "web/sso_settings.html",
        include_str!("../../templates/web/sso_settings.html"),
    ),
    (
        "web/totp.html",
        include_str!("../../templates/web/totp.html"),
    ),
    (
        "web/account.html",
        include_str!("../../templates/web/account.html"),
    ),
    (
        "web/password.html",
        include_str!("../../templates/web/password.html"),
    ),
    (
        "web/assessments.html",
        include_str!("../../templates/web/assessments.html"),
    ),
    (
        "web/adopt.html",
        include_str!("../../templates/web/adopt.html"),
    ),
    (
        "web/notices.html",
        include_str!("../../templates/web/notices.html"),
    ),
    (
        "web/users.html",
        include_str!("../../templates/web/users.html"),
    ),
    (
        "web/user.html",
        include_str!("../../templates/web/user.html"),
    ),
    // The workspace (web/workspace/).
    (
        "web/ws_head.html",
        include_str!("../../templates/web/ws_head.html"),
    ),
    (
        "web/workspace.html",
        include_str!("../../templates/web/workspace.html"),
    ),
    (
        "web/findings.html",
        include_str!("../../templates/web/findings.html"),
    ),
    (
        "web/item.html",
        include_str!("../../templates/web/item.html"),
    ),
    // RISKS: screens 5–7 and local items.
    (
        "web/form_macros.html",
        include_str!("../../templates/web/form_macros.html"),
    ),
    (
        "web/risks.html",
        include_str!("../../templates/web/risks.html"),
    ),
    (
        "web/risk.html",
        include_str!("../../templates/web/risk.html"),
    ),
    (
        "web/local_risk.html",
        include_str!("../../templates/web/local_risk.html"),
    ),
    (
        "web/measures.html",
        include_str!("../../templates/web/measures.html"),
    ),
    (
        "web/measure.html",
        include_str!("../../templates/web/measure.html"),
    ),
    (
        "web/recommendations.html",
        include_str!("../../templates/web/recommendations.html"),
    ),
    (
        "web/recommendation.html",
        include_str!("../../templates/web/recommendation.html"),
    ),
    // The desks of issue 16.
    (
        "web/authority/cases.html",
        include_str!("../../templates/web/authority/cases.html"),
    ),
    (
        "web/authority/review.html",
        include_str!("../../templates/web/authority/review.html"),
    ),
    (
        "web/authority/history.html",
        include_str!("../../templates/web/authority/history.html"),
    ),
    (
        "web/central/templates.html",
        include_str!("../../templates/web/central/templates.html"),
    ),
    (
        "web/central/template.html",
        include_str!("../../templates/web/central/template.html"),
    ),
    (
        "web/central/overview.html",
        include_str!("../../templates/web/central/overview.html"),
    ),
    (
        "web/central/draft.html",
        include_str!("../../templates/web/central/draft.html"),
    ),
    (
        "web/central/item.html",
        include_str!("../../templates/web/central/item.html"),
    ),
    (
        "web/central/publish.html",
        include_str!("../../templates/web/central/publish.html"),
    ),
    (
        "web/operator/organisations.html",
        include_str!("../../templates/web/operator/organisations.html"),
    ),
];

static ENVIRONMENT: LazyLock<Environment<'static>> = LazyLock::new(|| {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    for (name, source) in TEMPLATES {
        env.add_template(name, source)
            .unwrap_or_else(|e| panic!("template {name} does not compile: {e}"));
    }
    env.add_function("t", translate);
    env.add_function("asset", |name: &str| -> Result<String, Error> {
        super::assets::url(name).ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidOperation,
                format!("no static file {name}"),
            )
        })
    });
    env
});

/// `t("key")` or `t("key", count=3, name="Sydby")` in the page's language (`lang` of the
/// context). Numbers pass as Fluent numbers (plural rules), everything else as text.
fn translate(state: &State, key: &str, kwargs: Kwargs) -> Result<String, Error> {
    let lang = state
        .lookup("lang")
        .and_then(|v| v.as_str().and_then(Lang::parse))
        .unwrap_or_default();
    if !i18n::has(key) {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("no translation key {key}"),
        ));
    }
    let mut owned: Vec<(String, Result<i64, String>)> = Vec::new();
    for name in kwargs.args() {
        let value: Value = kwargs.get(name)?;
        let arg = match i64::try_from(value.clone()) {
            Ok(n) if value.is_number() => Ok(n),
            _ => Err(value.to_string()),
        };
        owned.push((name.to_string(), arg));
    }
    kwargs.assert_all_used()?;
    let args: Vec<(&str, Arg<'_>)> = owned
        .iter()
        .map(|(name, value)| {
            let arg = match value {
                Ok(n) => Arg::Number(*n),
                Err(text) => Arg::Text(text.as_str()),
            };
            (name.as_str(), arg)
        })
        .collect();
    Ok(i18n::text_with(lang, key, &args))
}

/// What the shared layout shows around every page: language, the signed-in person (if any),
/// the CSRF token of the session, the navigation.
#[derive(Clone, Debug, Serialize)]
pub struct Chrome {
    pub lang: &'static str,
    /// The other language, for the switch.
    pub other_lang: &'static str,
    /// The request path (language switch returns here; the navigation marks it current).
    pub path: String,
    /// `path` percent-encoded, for `?next=` links.
    pub next: String,
    /// The navigation entry this page belongs to (`assessments`, `admin`, `account`, ``).
    pub section: &'static str,
    pub user: Option<ChromeUser>,
    pub csrf: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ChromeUser {
    pub email: String,
    pub display_name: String,
    pub organisation: String,
    pub role: &'static str,
    pub org_kind: &'static str,
    pub is_admin: bool,
    /// Controllers and the authority have assessments to list.
    pub sees_assessments: bool,
    /// Notices the person has not read (the count beside the inbox link).
    pub unread_notices: i64,
}

impl Chrome {
    /// A page outside a session (sign-in, errors).
    pub fn public(lang: Lang, path: &str) -> Self {
        Chrome {
            lang: lang.code(),
            other_lang: other(lang).code(),
            path: path.to_string(),
            next: super::session::url_encode(path),
            section: section_of(path),
            user: None,
            csrf: None,
        }
    }

    pub fn lang(&self) -> Lang {
        Lang::parse(self.lang).unwrap_or_default()
    }
}

fn section_of(path: &str) -> &'static str {
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    match first {
        "assessments" => "assessments",
        "admin" => "admin",
        "account" => "account",
        "notices" => "notices",
        "authority" => "authority",
        "central" => "central",
        "operator" => "operator",
        _ => "",
    }
}

fn other(lang: Lang) -> Lang {
    match lang {
        Lang::Da => Lang::En,
        Lang::En => Lang::Da,
    }
}

/// Renders `template` with the layout's `chrome` and the page's own `page` values.
pub fn render_page(chrome: &Chrome, template: &str, page: Value) -> Result<String, Error> {
    let ctx = minijinja::context! {
        lang => chrome.lang,
        chrome => minijinja::value::Serde(chrome),
        ..page
    };
    ENVIRONMENT.get_template(template)?.render(ctx)
}

/// A `200 OK` HTML page.
pub fn render(chrome: &Chrome, template: &str, page: Value) -> PageResult {
    render_status(chrome, actix_web::http::StatusCode::OK, template, page)
}

/// An HTML page with another status (a refused form is `422`, say).
pub fn render_status(
    chrome: &Chrome,
    status: actix_web::http::StatusCode,
    template: &str,
    page: Value,
) -> PageResult {
    let body = render_page(chrome, template, page)
        .map_err(|e| PageError::internal(chrome.lang(), format!("rendering {template}: {e:#}")))?;
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        // Pages carry personal data and a CSRF token: never cached.
        .insert_header(("Cache-Control", "no-store"))
        .body(body))
}

/// The names of the compiled templates (for the test that renders each key they use).
pub fn template_sources() -> &'static [(&'static str, &'static str)] {
    TEMPLATES
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `t("key")` a template names exists in the catalogue (both languages have the same
    /// keys: `i18n::tests`). Keys built at run time (`"status-" ~ s`) are checked by the pages.
    #[test]
    fn every_key_a_template_names_is_in_the_catalogue() {
        let mut missing = Vec::new();
        for (name, source) in TEMPLATES {
            for quote in ['"', '\''] {
                let marker = format!("t({quote}");
                for (at, _) in source.match_indices(marker.as_str()) {
                    let before = source[..at].chars().next_back().unwrap_or(' ');
                    if before.is_alphanumeric() || before == '_' {
                        continue; // asset(…), not t(…)
                    }
                    let rest = &source[at + marker.len()..];
                    let key = rest.split(quote).next().unwrap_or("");
                    // A prefix joined at run time (`t("status-" ~ s)`) is checked by the pages.
                    if key.ends_with('-') {
                        continue;
                    }
                    if !i18n::has(key) {
                        missing.push(format!("{name}: {key}"));
                    }
                }
            }
        }
        assert!(
            missing.is_empty(),
            "keys missing from backend/i18n: {missing:?}"
        );
    }

    #[test]
    fn every_template_compiles_and_strict_undefined_refuses_a_missing_value() {
        assert_eq!(ENVIRONMENT.templates().count(), TEMPLATES.len());
        let chrome = Chrome::public(Lang::En, "/signin");
        let err = render_page(&chrome, "web/signin.html", minijinja::context! {})
            .expect_err("the sign-in page needs its values");
        assert_eq!(err.kind(), ErrorKind::UndefinedError);
        let page = render_page(
            &chrome,
            "web/message.html",
            minijinja::context! { kind => "not-found", reference => () },
        )
        .expect("renders");
        assert!(page.contains("<html lang=\"en\">"));
        assert!(page.contains("Page not found"));
    }

    #[test]
    fn values_are_escaped() {
        let chrome = Chrome::public(Lang::Da, "/signin");
        let page = render_page(
            &chrome,
            "web/signin.html",
            minijinja::context! {
                email => "<script>alert(1)</script>",
                next => "/",
                error => (),
                presession => "x",
                sso_email => "",
                sso_error => (),
            },
        )
        .expect("renders");
        assert!(!page.contains("<script>alert"));
        assert!(page.contains("&lt;script&gt;"));
    }
}
