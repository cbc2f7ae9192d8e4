//! Reading an interchange document: cheap byte-level limits first, then the format
//! envelope, then types, then the content rules. Nothing is returned unless all pass, so
//! an import either writes a whole valid draft or nothing (issue 4).

use serde::de::{DeserializeOwned, IgnoredAny};
use serde_json::Value;

use super::document::{TemplateMember, Wire};
use super::scan::{check_depth, check_unique_keys};
use super::{
    InterchangeError, TemplateDocument, TemplateHeader, VersionHeader, FORMAT, FORMAT_VERSION,
    MAX_DOCUMENT_BYTES, MAX_NESTING_DEPTH,
};
use crate::template::{validate, TemplateContent, TemplateKind, VersionStatus};

/// Parses and validates one interchange document.
pub fn parse(bytes: &[u8]) -> Result<TemplateDocument, InterchangeError> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(InterchangeError::TooLarge { size: bytes.len() });
    }
    check_depth(bytes, MAX_NESTING_DEPTH).map_err(|too_deep| InterchangeError::TooDeep {
        line: too_deep.line,
    })?;
    match check_unique_keys(bytes) {
        Ok(None) => {}
        Ok(Some(duplicate)) => {
            return Err(InterchangeError::DuplicateKey {
                key: duplicate.key,
                path: duplicate.path,
            })
        }
        Err(error) => {
            return Err(InterchangeError::NotJson {
                message: error.to_string(),
            })
        }
    }
    let raw: Value = serde_json::from_slice(bytes).map_err(|error| InterchangeError::NotJson {
        message: error.to_string(),
    })?;
    check_envelope(&raw)?;

    let header: Wire<IgnoredAny> = typed(bytes)?;
    let content = match header.template.kind {
        TemplateKind::Dpia => {
            let wire: Wire<_> = typed(bytes)?;
            check_shape(&raw, &wire)?;
            (
                wire.template,
                wire.version,
                TemplateContent::Dpia(wire.content),
            )
        }
        TemplateKind::CodeOfConduct => {
            let wire: Wire<_> = typed(bytes)?;
            check_shape(&raw, &wire)?;
            let content = TemplateContent::CodeOfConduct(wire.content);
            (wire.template, wire.version, content)
        }
    };
    let (template, version, content) = content;
    check_header(&template, &version)?;
    let errors = validate(&content);
    if !errors.is_empty() {
        return Err(InterchangeError::InvalidContent { errors });
    }
    Ok(TemplateDocument {
        template: TemplateHeader {
            key: template.key,
            title: template.title,
            language: template.language,
        },
        version,
        content,
    })
}

/// The format and its version are checked before anything else, so a document of another
/// format or version is named as such instead of as a list of type errors.
fn check_envelope(raw: &Value) -> Result<(), InterchangeError> {
    let Value::Object(root) = raw else {
        return Err(InterchangeError::WrongShape {
            message: "the document must be a JSON object".to_owned(),
        });
    };
    let describe = |value: Option<&Value>| value.map_or("missing".to_owned(), Value::to_string);
    match root.get("format") {
        Some(Value::String(format)) if format == FORMAT => {}
        other => {
            return Err(InterchangeError::UnknownFormat {
                found: describe(other),
            })
        }
    }
    match root.get("format_version") {
        Some(Value::Number(n)) if n.as_u64() == Some(u64::from(FORMAT_VERSION)) => Ok(()),
        other => Err(InterchangeError::UnsupportedFormatVersion {
            found: describe(other),
        }),
    }
}

fn typed<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, InterchangeError> {
    serde_json::from_slice(bytes).map_err(|error| InterchangeError::WrongShape {
        message: error.to_string(),
    })
}

/// serde accepts a struct written as an array of its fields and silently merges repeated
/// entries of a set; neither is the documented format. Comparing the document with its
/// canonical form refuses both, naming the path.
fn check_shape<C: serde::Serialize>(raw: &Value, wire: &Wire<C>) -> Result<(), InterchangeError> {
    let canonical = serde_json::to_value(wire)
        .expect("documents are plain structs with string keys and always serialise");
    same_shape(raw, &canonical, "").map_err(|message| InterchangeError::WrongShape { message })
}

fn same_shape(given: &Value, canonical: &Value, path: &str) -> Result<(), String> {
    let at = |step: &str| {
        if path.is_empty() {
            step.to_owned()
        } else if step.starts_with('[') {
            format!("{path}{step}")
        } else {
            format!("{path}.{step}")
        }
    };
    match (given, canonical) {
        (Value::Object(given), Value::Object(canonical)) => {
            for (name, value) in given {
                if let Some(expected) = canonical.get(name) {
                    same_shape(value, expected, &at(name))?;
                }
            }
            Ok(())
        }
        (Value::Array(given), Value::Array(canonical)) => {
            if given.len() != canonical.len() {
                return Err(format!("`{path}` lists the same value more than once"));
            }
            for (index, (value, expected)) in given.iter().zip(canonical).enumerate() {
                same_shape(value, expected, &at(&format!("[{index}]")))?;
            }
            Ok(())
        }
        (Value::Array(_), Value::Object(_)) => {
            Err(format!("`{path}` must be an object, not an array"))
        }
        _ => Ok(()),
    }
}

/// SPEC §2: a published (or withdrawn) version has `publishedAt` and a changelog; a draft
/// has not been published.
fn check_header(
    template: &TemplateMember,
    version: &VersionHeader,
) -> Result<(), InterchangeError> {
    let invalid = |field: &str, message: &str| {
        Err(InterchangeError::InvalidHeader {
            field: field.to_owned(),
            message: message.to_owned(),
        })
    };
    if template.title.trim().is_empty() {
        return invalid("template.title", "a template needs a title");
    }
    if version.number == 0 {
        return invalid("version.number", "versions are numbered from 1");
    }
    let published = version.status != VersionStatus::Draft;
    match (published, version.published_at.is_some()) {
        (true, false) => {
            return invalid(
                "version.published_at",
                "a published or withdrawn version states when it was published",
            )
        }
        (false, true) => {
            return invalid(
                "version.published_at",
                "a draft has not been published; leave published_at null",
            )
        }
        _ => {}
    }
    let has_changelog = (version.changelog.as_deref()).is_some_and(|c| !c.trim().is_empty());
    if published && !has_changelog {
        return invalid(
            "version.changelog",
            "a published or withdrawn version needs a changelog",
        );
    }
    Ok(())
}
