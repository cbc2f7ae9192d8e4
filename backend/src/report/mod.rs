//! The DPIA report (SPEC §7 "an assessment renders as a readable DPIA report", issue 7): one
//! controller's effective assessment rendered as Markdown and as a self-contained HTML page —
//! the document a DPO signs and a case officer at the authority reads.
//!
//! The report is built in two steps so that each can be tested on its own: [`view`] turns the
//! domain structs into a plain, already-worded view model (labels, dates, counts, the risk
//! maps), and the templates in `backend/templates/` only lay that model out. The templates are
//! compiled into the binary (`include_str!`), so a deployed server needs no template files.
//!
//! The report speaks the reader's language (Danish by default, English on request): every
//! fixed word comes from the `report-*` messages of `backend/i18n/{da,en}/report.ftl`, through
//! the view model (labels) or the templates' `t("key", name=value)` function. The assessment's
//! own texts stay in the language the template declares (`content_lang`).
//!
//! Escaping is never left to the template author: every value printed into the HTML template
//! is HTML-escaped by the engine (auto-escape on `.html`), and every value printed into the
//! Markdown template goes through [`markdown::escape`], so user text can neither break a table
//! nor smuggle live HTML into a Markdown viewer.

pub(crate) mod labels;
mod markdown;
mod provenance;
mod risk_map;
mod view;

use chrono::NaiveDate;
use minijinja::value::{Kwargs, Serde, Value};
use minijinja::{AutoEscape, Environment, HtmlEscape, State, UndefinedBehavior};
use thiserror::Error;

use dpiahub_domain::assessment::EffectiveAssessment;
use dpiahub_domain::checks::Finding;
use dpiahub_domain::template::{ContentLanguage, DpiaContent};

use crate::i18n::{self, Arg, Lang};

/// Everything a report shows: who, which assessment revision, and its content.
#[derive(Clone, Copy, Debug)]
pub struct ReportInput<'a> {
    /// The controller's name.
    pub organisation: &'a str,
    /// The assessment's title.
    pub title: &'a str,
    /// The key of the adopted template.
    pub template_key: &'a str,
    /// The template version the assessment is pinned to (its base).
    pub base_version: i32,
    /// The assessment's status, e.g. `DRAFT` or `APPROVED`.
    pub status: &'a str,
    /// The assessment revision reported on.
    pub revision: i32,
    /// The date printed on the report. Passed in: rendering reads no clock, so the same
    /// revision renders the same bytes (golden tests, reproducible evidence).
    pub generated_on: NaiveDate,
    /// The effective assessment (base with the controller's changes, with provenance).
    pub effective: &'a EffectiveAssessment,
    /// The base template version's content.
    pub base: &'a DpiaContent,
    /// The compliance findings about this assessment (SPEC §5).
    pub findings: &'a [Finding],
    /// The language of the report's fixed words (Danish unless the reader asks otherwise).
    pub language: Lang,
    /// The language the template's content is written in (`template.language`).
    pub content_language: ContentLanguage,
}

/// Why a report could not be rendered. Only a defect in the report templates themselves can
/// cause it; no assessment content can.
#[derive(Debug, Error)]
pub enum ReportError {
    /// The template engine refused a report template.
    #[error("the {format} report could not be rendered: {message}")]
    Render {
        /// `markdown` or `html`.
        format: &'static str,
        /// The engine's explanation.
        message: String,
    },
}

/// The name of the Markdown template, and of the custom escaping applied to it.
const MARKDOWN_TEMPLATE: &str = "report.md";
/// The name of the HTML template; the `.html` suffix switches on HTML auto-escaping.
const HTML_TEMPLATE: &str = "report.html";
/// The auto-escape format of the Markdown template, handled by [`markdown::formatter`].
const MARKDOWN_ESCAPE: &str = "markdown";

/// The report as Markdown. Risk maps are Markdown tables; every table cell is escaped.
pub fn render_markdown(input: &ReportInput<'_>) -> Result<String, ReportError> {
    render(input, MARKDOWN_TEMPLATE, "markdown")
}

/// The report as one self-contained HTML page: inline CSS, inline SVG risk maps, no script and
/// no external resource, so it can be archived, mailed or opened offline.
pub fn render_html(input: &ReportInput<'_>) -> Result<String, ReportError> {
    render(input, HTML_TEMPLATE, "html")
}

fn render(
    input: &ReportInput<'_>,
    template: &str,
    format: &'static str,
) -> Result<String, ReportError> {
    let error = |e: minijinja::Error| ReportError::Render {
        format,
        message: e.to_string(),
    };
    let environment = environment(input.language).map_err(error)?;
    let report = view::build(input);
    environment
        .get_template(template)
        .and_then(|t| t.render(minijinja::context! { report => Serde(&report) }))
        .map_err(error)
}

/// The template engine with both report templates. Strict about undefined values, so a
/// misspelt field in a template fails the tests instead of silently printing nothing.
fn environment(lang: Lang) -> Result<Environment<'static>, minijinja::Error> {
    let mut environment = Environment::new();
    environment.add_function("t", move |state: &State, key: &str, kwargs: Kwargs| {
        translate(lang, state, key, &kwargs)
    });
    environment.set_undefined_behavior(UndefinedBehavior::Strict);
    environment.set_auto_escape_callback(|name| {
        if name.ends_with(".html") {
            AutoEscape::Html
        } else {
            AutoEscape::Custom(MARKDOWN_ESCAPE.into())
        }
    });
    environment.set_formatter(markdown::formatter);
    environment.add_template(MARKDOWN_TEMPLATE, include_str!("../../templates/report.md"))?;
    environment.add_template(HTML_TEMPLATE, include_str!("../../templates/report.html"))?;
    Ok(environment)
}

/// `t("report-…", name=value, …)`: a fixed word of the report in `lang`. The catalogue's text
/// is ours and printed as it is; a text argument is escaped for the template's format first,
/// so user text passed as an argument can no more break the report than a printed value.
fn translate(
    lang: Lang,
    state: &State,
    key: &str,
    kwargs: &Kwargs,
) -> Result<Value, minijinja::Error> {
    let mut values: Vec<(String, Result<i64, String>)> = Vec::new();
    for name in kwargs.args() {
        let value: Value = kwargs.get(name)?;
        let value = match value.as_i64() {
            Some(number) => Ok(number),
            None => {
                let text = value
                    .as_str()
                    .map_or_else(|| value.to_string(), str::to_owned);
                Err(match state.auto_escape() {
                    AutoEscape::Html => HtmlEscape(&text).to_string(),
                    _ => markdown::escape(&text),
                })
            }
        };
        values.push((name.to_owned(), value));
    }
    kwargs.assert_all_used()?;
    let args: Vec<(&str, Arg<'_>)> = (values.iter())
        .map(|(name, value)| {
            let arg = match value {
                Ok(number) => Arg::Number(*number),
                Err(text) => Arg::Text(text),
            };
            (name.as_str(), arg)
        })
        .collect();
    if !i18n::has(key) {
        return Err(minijinja::Error::new(
            minijinja::ErrorKind::InvalidOperation,
            format!("no message {key} in the catalogue"),
        ));
    }
    Ok(Value::from_safe_string(i18n::text_with(lang, key, &args)))
}

#[cfg(test)]
mod tests;
