//! Why an interchange document is refused.

use thiserror::Error;

use super::{FORMAT, FORMAT_VERSION, MAX_DOCUMENT_BYTES, MAX_NESTING_DEPTH};
use crate::template::TemplateError;

/// A refused interchange document. Messages are written for the person who sent it.
#[derive(Debug, Error)]
pub enum InterchangeError {
    /// The document is larger than [`MAX_DOCUMENT_BYTES`].
    #[error("the document is {size} bytes; at most {MAX_DOCUMENT_BYTES} bytes are accepted")]
    TooLarge {
        /// Its size in bytes.
        size: usize,
    },
    /// Objects and arrays nest deeper than [`MAX_NESTING_DEPTH`].
    #[error("the document nests objects and arrays more than {MAX_NESTING_DEPTH} levels deep (at line {line})")]
    TooDeep {
        /// The line where the limit was passed.
        line: usize,
    },
    /// The bytes are not JSON.
    #[error("the document is not valid JSON: {message}")]
    NotJson {
        /// The parser's description, with line and column.
        message: String,
    },
    /// An object holds the same key twice; which value was meant cannot be known.
    #[error("the key `{key}` appears twice in {}", describe_path(.path))]
    DuplicateKey {
        /// The repeated key.
        key: String,
        /// Dotted path of the object holding it (empty for the root).
        path: String,
    },
    /// `format` is missing or not [`FORMAT`].
    #[error(
        "this is not a DPIA Hub template document: `format` is {found}, expected \"{FORMAT}\""
    )]
    UnknownFormat {
        /// What the document says (or "missing").
        found: String,
    },
    /// `format_version` is missing or not [`FORMAT_VERSION`].
    #[error("`format_version` {found} is not supported; this version of DPIA Hub reads format_version {FORMAT_VERSION}")]
    UnsupportedFormatVersion {
        /// What the document says (or "missing").
        found: String,
    },
    /// A member has the wrong type, is missing, or is not part of the format.
    #[error("the document does not match the template format: {message}")]
    WrongShape {
        /// The parser's description, with line and column.
        message: String,
    },
    /// The `template` or `version` header is inconsistent.
    #[error("`{field}`: {message}")]
    InvalidHeader {
        /// The header field, e.g. `version.published_at`.
        field: String,
        /// What is wrong.
        message: String,
    },
    /// The content would not pass template validation.
    #[error("the template content has {} problem(s): {}", .errors.len(), join(.errors))]
    InvalidContent {
        /// Every problem found, each naming its item key and field.
        errors: Vec<TemplateError>,
    },
}

fn describe_path(path: &str) -> String {
    if path.is_empty() {
        "the document root".to_owned()
    } else {
        format!("`{path}`")
    }
}

fn join(errors: &[TemplateError]) -> String {
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    messages.join("; ")
}
