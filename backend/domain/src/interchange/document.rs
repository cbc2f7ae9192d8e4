//! The document model of the interchange format and its rendering.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{FORMAT, FORMAT_VERSION};
use crate::template::{
    CodeOfConductContent, ContentLanguage, DpiaContent, ItemKey, TemplateContent, TemplateKind,
    VersionStatus,
};

/// One template version as exchanged between installations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateDocument {
    /// Which template the version belongs to.
    pub template: TemplateHeader,
    /// The version's number, status and publication facts.
    pub version: VersionHeader,
    /// The version's content; its variant is the template's kind.
    pub content: TemplateContent,
}

impl TemplateDocument {
    /// The template's kind, which is always the kind of its content.
    pub fn kind(&self) -> TemplateKind {
        self.content.kind()
    }
}

/// The template a version belongs to. Template keys follow the item-key grammar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateHeader {
    /// Stable key of the template, e.g. `school-platform`.
    pub key: ItemKey,
    /// Human title.
    pub title: String,
    /// The language of the template's content (`da` when the document does not say).
    pub language: ContentLanguage,
}

/// Number and life-cycle facts of a version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VersionHeader {
    /// 1, 2, 3, … within the template.
    pub number: u32,
    /// `DRAFT`, `PUBLISHED` or `WITHDRAWN`.
    pub status: VersionStatus,
    /// When the version was published (UTC); absent for drafts.
    pub published_at: Option<DateTime<Utc>>,
    /// What changed against the previous version; required once published.
    pub changelog: Option<String>,
}

/// The `template` member as written in the document.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TemplateMember {
    pub(super) key: ItemKey,
    pub(super) title: String,
    pub(super) kind: TemplateKind,
    #[serde(default)]
    pub(super) language: ContentLanguage,
}

/// The whole document as written, generic over the content type chosen by `template.kind`.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Wire<C> {
    pub(super) format: String,
    pub(super) format_version: u32,
    pub(super) template: TemplateMember,
    pub(super) version: VersionHeader,
    pub(super) content: C,
}

#[derive(Serialize)]
#[serde(untagged)]
enum ContentRef<'a> {
    Dpia(&'a DpiaContent),
    CodeOfConduct(&'a CodeOfConductContent),
}

/// Renders a document as pretty-printed JSON with a trailing newline. The member order is
/// fixed by the types (sets are sorted), so the same document always renders the same bytes
/// and `render(parse(render(d)))` equals `render(d)`.
pub fn render(document: &TemplateDocument) -> String {
    let content = match &document.content {
        TemplateContent::Dpia(dpia) => ContentRef::Dpia(dpia),
        TemplateContent::CodeOfConduct(code) => ContentRef::CodeOfConduct(code),
    };
    let wire = Wire {
        format: FORMAT.to_owned(),
        format_version: FORMAT_VERSION,
        template: TemplateMember {
            key: document.template.key.clone(),
            title: document.template.title.clone(),
            kind: document.kind(),
            language: document.template.language,
        },
        version: document.version.clone(),
        content,
    };
    let mut text = serde_json::to_string_pretty(&wire)
        .expect("documents are plain structs with string keys and always serialise");
    text.push('\n');
    text
}
