//! GraphQL types of central templates (issue 4): the template, its versions, their content and
//! the diff between two versions. Resolvers read through `store::templates`.

use juniper::{graphql_object, GraphQLEnum, GraphQLObject};
use serde::Serialize;

use super::types::Organisation;
use super::Context;
use crate::domain::risk_model::{Level, RiskLevel};
use crate::domain::template::{
    DpiaContent, FieldChange, ItemChange, ItemSummary, TemplateContent, VersionDiff, VersionStatus,
};
use crate::error::{AppError, AppResult};
use crate::store::{organisations, templates as store};

/// Serde's name of an enum value (`HUMAN_ERROR`, …): the same words as in the exchange format.
pub fn wire_name<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, GraphQLEnum)]
#[graphql(name = "RiskLevel")]
pub enum RiskLevelGql {
    Low,
    Medium,
    High,
}

impl From<RiskLevel> for RiskLevelGql {
    fn from(l: RiskLevel) -> Self {
        match l {
            RiskLevel::Low => Self::Low,
            RiskLevel::Medium => Self::Medium,
            RiskLevel::High => Self::High,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, GraphQLEnum)]
#[graphql(name = "VersionStatus")]
pub enum VersionStatusGql {
    Draft,
    Published,
    Withdrawn,
}

impl From<VersionStatus> for VersionStatusGql {
    fn from(s: VersionStatus) -> Self {
        match s {
            VersionStatus::Draft => Self::Draft,
            VersionStatus::Published => Self::Published,
            VersionStatus::Withdrawn => Self::Withdrawn,
        }
    }
}

pub struct Template(pub store::Template);

/// A base DPIA or code of conduct published by a central body.
#[graphql_object(context = Context)]
impl Template {
    fn key(&self) -> &str {
        &self.0.key
    }
    fn title(&self) -> &str {
        &self.0.title
    }
    /// `DPIA` or `CODE_OF_CONDUCT`.
    fn kind(&self) -> &str {
        &self.0.kind
    }
    fn owner(&self, context: &Context) -> AppResult<Organisation> {
        let mut conn = context.conn()?;
        Ok(Organisation(organisations::find(
            &mut conn,
            context.actor()?,
            &self.0.owner_org_id,
        )?))
    }
    /// The versions you may see, oldest first (drafts only for the owner).
    fn versions(&self, context: &Context) -> AppResult<Vec<TemplateVersion>> {
        let mut conn = context.conn()?;
        Ok(store::versions(&mut conn, context.actor()?, &self.0)?
            .into_iter()
            .map(|v| TemplateVersion::new(&self.0, v))
            .collect())
    }
    fn version(&self, context: &Context, number: i32) -> AppResult<TemplateVersion> {
        let mut conn = context.conn()?;
        let v = store::version(&mut conn, context.actor()?, &self.0, number)?;
        Ok(TemplateVersion::new(&self.0, v))
    }
    /// Thresholds of the compliance checks for assessments of this template.
    fn check_settings(&self) -> crate::graphql::mutation::TemplateCheckSettings {
        (&self.0.check_settings()).into()
    }
    /// The newest published version, if any.
    fn latest_published(&self, context: &Context) -> AppResult<Option<TemplateVersion>> {
        let mut conn = context.conn()?;
        Ok(store::versions(&mut conn, context.actor()?, &self.0)?
            .into_iter()
            .rev()
            .find(|v| v.status == "PUBLISHED")
            .map(|v| TemplateVersion::new(&self.0, v)))
    }
}

pub struct TemplateVersion {
    template_key: String,
    row: store::TemplateVersion,
}

impl TemplateVersion {
    pub fn new(template: &store::Template, row: store::TemplateVersion) -> Self {
        Self {
            template_key: template.key.clone(),
            row,
        }
    }

    fn dpia(&self) -> AppResult<DpiaContent> {
        match self.row.parsed_content()? {
            TemplateContent::Dpia(dpia) => Ok(dpia),
            TemplateContent::CodeOfConduct(_) => Err(AppError::validation(
                "content",
                "this is a code of conduct, not a DPIA template",
            )),
        }
    }
}

/// One numbered version of a template.
#[graphql_object(context = Context)]
impl TemplateVersion {
    fn template_key(&self) -> &str {
        &self.template_key
    }
    fn number(&self) -> i32 {
        self.row.number
    }
    fn status(&self) -> VersionStatusGql {
        self.row.status().into()
    }
    /// UTC, RFC 3339; absent for drafts.
    fn published_at(&self) -> Option<String> {
        self.row.published_at.map(|t| {
            t.and_utc()
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        })
    }
    fn changelog(&self) -> Option<&str> {
        self.row.changelog.as_deref()
    }
    /// Optimistic concurrency: send it back as `expectedVersion` with an edit; a stale one
    /// is a `CONFLICT`. (`number` is the template version.)
    fn version(&self) -> i32 {
        self.row.version as i32
    }
    /// The whole content as JSON, in the shape of the exchange format's `content` member.
    fn content_json(&self) -> AppResult<String> {
        let content = self.row.parsed_content()?;
        let inner = match &content {
            TemplateContent::Dpia(d) => serde_json::to_string_pretty(d),
            TemplateContent::CodeOfConduct(c) => serde_json::to_string_pretty(c),
        };
        inner.map_err(|e| AppError::Internal(format!("serialising content: {e}")))
    }
    fn risk_model(&self) -> AppResult<RiskModel> {
        Ok(RiskModel(self.dpia()?.risk_model))
    }
    fn scopes(&self) -> AppResult<Vec<Scope>> {
        Ok(self
            .dpia()?
            .scopes
            .into_iter()
            .map(|s| Scope {
                key: s.key.to_string(),
                title: s.title,
                kind: wire_name(&s.kind),
                description: s.description,
            })
            .collect())
    }
    fn risks(&self) -> AppResult<Vec<TemplateRisk>> {
        let dpia = self.dpia()?;
        dpia.risks
            .iter()
            .map(|r| {
                let level = r.level(&dpia.risk_model).map_err(|e| {
                    AppError::Internal(format!("stored risk {} off the scale: {e}", r.key))
                })?;
                Ok(TemplateRisk {
                    key: r.key.to_string(),
                    scope: r.scope.to_string(),
                    threat: r.threat.clone(),
                    description: r.description.clone(),
                    threat_source: wire_name(&r.threat_source),
                    affected_properties: r.affected_properties.iter().map(wire_name).collect(),
                    likelihood: i32::from(r.likelihood),
                    consequence: i32::from(r.consequence),
                    level: level.into(),
                    rationale: r.rationale.clone(),
                })
            })
            .collect()
    }
    fn recommendations(&self) -> AppResult<Vec<TemplateRecommendation>> {
        Ok(self
            .dpia()?
            .recommendations
            .into_iter()
            .map(|r| TemplateRecommendation {
                key: r.key.to_string(),
                scopes: r.scopes.iter().map(ToString::to_string).collect(),
                title: r.title,
                text: r.text,
                kind: wire_name(&r.kind),
                obligation: wire_name(&r.obligation),
                addresses_risks: r.addresses_risks.iter().map(ToString::to_string).collect(),
            })
            .collect())
    }
    fn necessity_questions(&self) -> AppResult<Vec<NecessityQuestion>> {
        Ok(self
            .dpia()?
            .necessity_questions
            .into_iter()
            .map(|q| NecessityQuestion {
                key: q.key.to_string(),
                principle: wire_name(&q.principle),
                question: q.question,
                central_answer: q.central_answer,
            })
            .collect())
    }
}

pub struct RiskModel(crate::domain::risk_model::RiskModel);

fn levels(levels: &[Level]) -> Vec<RiskScaleLevel> {
    levels
        .iter()
        .map(|l| RiskScaleLevel {
            value: i32::from(l.value),
            label: l.label.clone(),
            criteria: l.criteria.clone(),
            incident_window_months: l.incident_rule.as_ref().map(|r| r.window_months as i32),
            incident_rule: l.incident_rule.as_ref().map(|r| r.description.clone()),
        })
        .collect()
}

/// Ordered likelihood and consequence levels and the matrix mapping them to a level.
#[graphql_object(context = Context)]
impl RiskModel {
    fn likelihood(&self) -> Vec<RiskScaleLevel> {
        levels(&self.0.likelihood)
    }
    fn consequence(&self) -> Vec<RiskScaleLevel> {
        levels(&self.0.consequence)
    }
    /// `matrix[likelihood - 1][consequence - 1]`.
    fn matrix(&self) -> Vec<Vec<RiskLevelGql>> {
        self.0
            .matrix
            .iter()
            .map(|row| row.iter().map(|l| (*l).into()).collect())
            .collect()
    }
}

#[derive(GraphQLObject)]
pub struct RiskScaleLevel {
    pub value: i32,
    pub label: String,
    pub criteria: String,
    /// "An internal incident within this many months means at least this likelihood."
    pub incident_window_months: Option<i32>,
    pub incident_rule: Option<String>,
}

#[derive(GraphQLObject)]
pub struct Scope {
    pub key: String,
    pub title: String,
    /// `PROCESS` or `MODULE`.
    pub kind: String,
    pub description: String,
}

/// A risk of the central catalogue; its level is derived from the matrix, never stored.
#[derive(GraphQLObject)]
pub struct TemplateRisk {
    pub key: String,
    pub scope: String,
    pub threat: String,
    pub description: String,
    pub threat_source: String,
    pub affected_properties: Vec<String>,
    pub likelihood: i32,
    pub consequence: i32,
    pub level: RiskLevelGql,
    pub rationale: String,
}

#[derive(GraphQLObject)]
pub struct TemplateRecommendation {
    pub key: String,
    pub scopes: Vec<String>,
    pub title: String,
    pub text: String,
    /// `TECHNICAL` or `ORGANISATIONAL`.
    pub kind: String,
    /// `MUST` or `SHOULD`.
    pub obligation: String,
    pub addresses_risks: Vec<String>,
}

#[derive(GraphQLObject)]
pub struct NecessityQuestion {
    pub key: String,
    pub principle: String,
    pub question: String,
    pub central_answer: Option<String>,
}

/// Items added, removed and changed field by field between two versions of a template.
#[derive(GraphQLObject)]
pub struct TemplateVersionDiff {
    pub from_version: i32,
    pub to_version: i32,
    pub added: Vec<DiffItem>,
    pub removed: Vec<DiffItem>,
    pub changed: Vec<DiffChangedItem>,
}

#[derive(GraphQLObject)]
pub struct DiffItem {
    pub key: String,
    pub kind: String,
    /// The activity holding a nested item (recipient, category).
    pub parent: Option<String>,
}

#[derive(GraphQLObject)]
pub struct DiffChangedItem {
    pub key: String,
    pub kind: String,
    pub fields: Vec<DiffField>,
}

/// One field's values as JSON.
#[derive(GraphQLObject)]
pub struct DiffField {
    pub field: String,
    pub before: String,
    pub after: String,
}

fn diff_item(i: ItemSummary) -> DiffItem {
    DiffItem {
        key: i.key.to_string(),
        kind: i.kind.as_str().to_string(),
        parent: i.parent.map(|p| p.to_string()),
    }
}

fn diff_field(f: FieldChange) -> DiffField {
    DiffField {
        field: f.field,
        before: f.before.to_string(),
        after: f.after.to_string(),
    }
}

fn diff_changed(c: ItemChange) -> DiffChangedItem {
    DiffChangedItem {
        key: c.key.to_string(),
        kind: c.kind.as_str().to_string(),
        fields: c.fields.into_iter().map(diff_field).collect(),
    }
}

pub fn version_diff(from: i32, to: i32, diff: VersionDiff) -> TemplateVersionDiff {
    TemplateVersionDiff {
        from_version: from,
        to_version: to,
        added: diff.added.into_iter().map(diff_item).collect(),
        removed: diff.removed.into_iter().map(diff_item).collect(),
        changed: diff.changed.into_iter().map(diff_changed).collect(),
    }
}

/// Maps a refused interchange document to a validation error naming where it went wrong.
pub fn interchange_error(e: crate::domain::interchange::InterchangeError) -> AppError {
    use crate::domain::interchange::InterchangeError;
    match e {
        InterchangeError::InvalidContent { mut errors } if !errors.is_empty() => {
            let count = errors.len();
            let first = errors.remove(0);
            AppError::Validation {
                field: format!("document.content.{}", first.field()),
                item_key: first.item_key().map(str::to_string),
                message: format!("{first} ({count} problem(s) in all)"),
            }
        }
        InterchangeError::InvalidHeader { field, message } => {
            AppError::validation(format!("document.{field}"), message)
        }
        other => AppError::validation("document", other.to_string()),
    }
}

/// Loads a template by key and one of its versions, as the caller may see them.
pub fn load_version(
    context: &Context,
    template_key: &str,
    number: i32,
) -> AppResult<(store::Template, store::TemplateVersion)> {
    let actor = context.actor()?;
    let mut conn = context.conn()?;
    let template = store::find_by_key(&mut conn, actor, template_key)?;
    let version = store::version(&mut conn, actor, &template, number)?;
    Ok((template, version))
}
