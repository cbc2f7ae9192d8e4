//! The JSON interchange format for one template version (SPEC §7, issue 4), documented in
//! `docs/template-format.md` with the JSON Schema `docs/template-format.schema.json`.
//!
//! A document is refused, before anything is written, when it is larger than
//! [`MAX_DOCUMENT_BYTES`], nests deeper than [`MAX_NESTING_DEPTH`], repeats an object key,
//! names another format or format version, has a value of the wrong type or an unknown
//! field, or holds content that would not pass [`crate::template::validate`].

mod document;
mod error;
mod parse;
mod scan;

pub use document::{render, TemplateDocument, TemplateHeader, VersionHeader};
pub use error::InterchangeError;
pub use parse::parse;

/// The value of the `format` member every document carries.
pub const FORMAT: &str = "dpiahub.template";

/// The only `format_version` this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// The largest document accepted. The national-scale template of SPEC §9 (300 risks,
/// 60 recommendations) renders to well under 1 MB.
pub const MAX_DOCUMENT_BYTES: usize = 5 * 1024 * 1024;

/// The deepest nesting of objects and arrays accepted; real documents nest about 7 deep.
pub const MAX_NESTING_DEPTH: usize = 32;

#[cfg(test)]
mod tests;

#[cfg(test)]
mod demo_tests;

#[cfg(test)]
mod schema_tests;
