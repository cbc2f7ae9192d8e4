//! GraphQL types of controllers' assessments (issue 5): the effective assessment with the
//! provenance of every value, risk treatment, measures, responses, coverage and history.
//!
//! One assessment resolves in a fixed number of SQL queries whatever its size: the row, its
//! base template and version are loaded once, and the effective assessment is computed once in
//! memory (`Loaded`) and shared by every field.

use std::sync::{Arc, OnceLock};

use juniper::{graphql_object, GraphQLEnum, GraphQLObject};

use super::templates::{wire_name, RiskLevelGql};
use super::types::Organisation;
use super::Context;
use crate::domain::assessment::{
    coverage, effective, EffectiveAssessment, EffectiveValue, ItemProvenance, MeasureRef,
    MeasureStatus, Provenance, ResponseKind,
};
use crate::domain::assessment::{
    diff_against_base, diff_revisions, preview_upgrade, ChangeKind, DiffFilter,
};
use crate::domain::checks::run_checks;
use crate::domain::template::{DpiaContent, ItemKey, ItemKind};

use super::review::{
    assessment_diff, upgrade_preview, AssessmentDiff, FindingGql, ReviewFinding, UpgradePreviewGql,
};
use crate::error::{AppError, AppResult};
use crate::memo::Memo;
use crate::store::assessments::{self as store};
use crate::store::templates::Template;
use crate::store::{organisations, DbConnection};

/// Where a value comes from (SPEC §3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, GraphQLEnum)]
#[graphql(name = "Provenance")]
pub enum ProvenanceGql {
    Inherited,
    Overridden,
    Local,
    NotApplicable,
}

fn item_provenance(p: &ItemProvenance) -> ProvenanceGql {
    match p {
        ItemProvenance::Inherited => ProvenanceGql::Inherited,
        ItemProvenance::Overridden => ProvenanceGql::Overridden,
        ItemProvenance::Local => ProvenanceGql::Local,
        ItemProvenance::NotApplicable { .. } => ProvenanceGql::NotApplicable,
    }
}

fn not_applicable_reason(p: &ItemProvenance) -> Option<String> {
    match p {
        ItemProvenance::NotApplicable { justification } => Some(justification.clone()),
        _ => None,
    }
}

/// An assessment with its base, loaded once per request object.
pub struct Assessment {
    row: store::Assessment,
    template: Template,
    base: Arc<DpiaContent>,
    effective: OnceLock<Arc<EffectiveAssessment>>,
}

impl Assessment {
    /// Loads the base of `row` (two primary-key reads) and wraps both.
    pub fn load(conn: &mut DbConnection, row: store::Assessment) -> AppResult<Self> {
        let (template, base) = store::base_of(conn, &row)?;
        Ok(Self {
            row,
            template,
            base,
            effective: OnceLock::new(),
        })
    }

    /// The effective assessment of this stored state. A state is identified by the assessment
    /// id and its row version (every write bumps it; as-of and revision reads carry the
    /// version of their state), and its base version is immutable, so the result is kept for
    /// the next read of the same state: parsing the local changes and applying them was a
    /// tenth of a full read (docs/PERFORMANCE.md).
    fn effective(&self) -> AppResult<&EffectiveAssessment> {
        type StateKey = (String, i64, i32);
        static BY_STATE: OnceLock<Memo<StateKey, Arc<EffectiveAssessment>>> = OnceLock::new();
        if let Some(e) = self.effective.get() {
            return Ok(e);
        }
        let cache = BY_STATE.get_or_init(|| Memo::new(32));
        let key = (self.row.id.clone(), self.row.version, self.row.base_version);
        let e = match cache.get(&key) {
            Some(e) => e,
            None => {
                let e = Arc::new(effective(&self.base, &self.row.local()?));
                cache.insert(key, e.clone());
                e
            }
        };
        Ok(self.effective.get_or_init(|| e))
    }
}

/// A controller's assessment: its adopted base with every local change applied.
#[graphql_object(context = Context)]
impl Assessment {
    fn id(&self) -> juniper::ID {
        juniper::ID::new(&self.row.id)
    }
    fn title(&self) -> &str {
        &self.row.title
    }
    /// `DRAFT` or `APPROVED`; editing an approved assessment starts the next revision.
    fn status(&self) -> &str {
        &self.row.status
    }
    fn revision(&self) -> i32 {
        self.row.revision
    }
    /// Optimistic concurrency: send it back with a write; a stale one is a `CONFLICT`.
    fn version(&self) -> i32 {
        self.row.version as i32
    }
    fn template_key(&self) -> &str {
        &self.template.key
    }
    /// The adopted (pinned) template version.
    fn base_version(&self) -> i32 {
        self.row.base_version
    }
    fn updated_at(&self) -> String {
        self.row
            .updated_at
            .and_utc()
            .to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
    }
    fn organisation(&self, context: &Context) -> AppResult<Organisation> {
        let mut conn = context.conn()?;
        Ok(Organisation(organisations::find(
            &mut conn,
            context.actor()?,
            &self.row.org_id,
        )?))
    }
    /// Every risk, inherited then local, with inherent and residual level and its measures.
    fn risks(&self) -> AppResult<Vec<AssessmentRisk>> {
        let e = self.effective()?;
        Ok(e.risks
            .iter()
            .map(|r| AssessmentRisk {
                key: r.key.to_string(),
                threat: r.risk.threat.clone(),
                scope: r.risk.scope.to_string(),
                provenance: item_provenance(&r.provenance),
                not_applicable_justification: not_applicable_reason(&r.provenance),
                inherent_likelihood: effective_int(&r.likelihood),
                inherent_consequence: effective_int(&r.consequence),
                central_level: r.central_level.map(Into::into),
                inherent_level: r.inherent_level.into(),
                treatment: r.treatment.as_ref().map(|t| Treatment {
                    decision: wire_name(&t.decision),
                    residual_likelihood: i32::from(t.residual_likelihood),
                    residual_consequence: i32::from(t.residual_consequence),
                    rationale: t.rationale.clone(),
                    accepted_by: t.accepted_by.clone(),
                    accepted_on: t.accepted_on.map(|d| d.to_string()),
                }),
                residual_level: r.residual_level.into(),
                measures: r.measures.iter().map(measure_ref).collect(),
                incidents: r.incidents.iter().map(ToString::to_string).collect(),
            })
            .collect())
    }
    /// Every recommendation with the controller's response (`UNADDRESSED` until answered).
    fn recommendations(&self) -> AppResult<Vec<AssessmentRecommendation>> {
        let e = self.effective()?;
        Ok(e.recommendations
            .iter()
            .map(|r| {
                let item = &r.recommendation;
                AssessmentRecommendation {
                    key: item.key.to_string(),
                    title: item.value.title.clone(),
                    obligation: wire_name(&item.value.obligation),
                    kind: wire_name(&item.value.kind),
                    provenance: item_provenance(&item.provenance),
                    response: wire_name(&r.status),
                    justification: r.response.as_ref().and_then(|x| x.justification.clone()),
                    due: r.response.as_ref().and_then(|x| match x.response {
                        ResponseKind::Planned { due } => Some(due.to_string()),
                        _ => None,
                    }),
                    measures: r.measures.iter().map(measure_ref).collect(),
                    addresses_risks: item
                        .value
                        .addresses_risks
                        .iter()
                        .map(ToString::to_string)
                        .collect(),
                }
            })
            .collect())
    }
    /// The controller's own measures and what each covers.
    fn measures(&self) -> AppResult<Vec<Measure>> {
        let e = self.effective()?;
        Ok(e.measures
            .iter()
            .map(|m| {
                let (status, date) = status_and_date(&m.status);
                Measure {
                    key: m.key.to_string(),
                    title: m.title.clone(),
                    description: m.description.clone(),
                    kind: wire_name(&m.kind),
                    status,
                    status_date: date,
                    owner: m.owner.clone(),
                    review_cadence_months: m.review_cadence_months.map(|c| c as i32),
                    mitigates: m.mitigates.iter().map(ToString::to_string).collect(),
                    implements: m.implements.iter().map(ToString::to_string).collect(),
                }
            })
            .collect())
    }
    fn incidents(&self) -> AppResult<Vec<Incident>> {
        let e = self.effective()?;
        Ok(e.incidents
            .iter()
            .map(|i| Incident {
                key: i.key.to_string(),
                occurred_on: i.occurred_on.to_string(),
                description: i.description.clone(),
                risks: i.risks.iter().map(ToString::to_string).collect(),
            })
            .collect())
    }
    /// Coverage both ways: per recommendation and risk its measures, and what has none.
    fn coverage(&self) -> AppResult<CoverageGql> {
        let c = coverage(self.effective()?);
        Ok(CoverageGql {
            uncovered_recommendations: c
                .uncovered_recommendations
                .iter()
                .map(ToString::to_string)
                .collect(),
            unmitigated_risks: c
                .unmitigated_risks
                .iter()
                .map(ToString::to_string)
                .collect(),
        })
    }
    /// Sign-offs, prior consultation and dates, as JSON.
    fn sign_offs_json(&self) -> AppResult<String> {
        json_of(&self.effective()?.sign_offs)
    }
    /// The whole effective assessment (systematic description included) as JSON.
    fn effective_json(&self) -> AppResult<String> {
        json_of(self.effective()?)
    }
    /// What the controller wrote on top of its base, as JSON.
    fn local_changes_json(&self) -> &str {
        &self.row.local_changes
    }
    /// The DPIA report (SPEC §7): `MARKDOWN` or `HTML` (self-contained, with the risk maps
    /// before and after measures). Also at `GET /assessments/{id}/report.html` and `.md`.
    fn report(&self, context: &Context, format: ReportFormat) -> AppResult<String> {
        let mut conn = context.conn()?;
        let organisation = organisations::find(&mut conn, context.actor()?, &self.row.org_id)?;
        self.render(&organisation.name, format, context.state.today())
    }
    /// Compliance-check findings (SPEC §5), errors first; they gate approval.
    fn findings(&self, context: &Context) -> AppResult<Vec<FindingGql>> {
        let today = context.state.today();
        let findings = run_checks(self.effective()?, &self.template.check_settings(), today);
        Ok(findings.iter().map(Into::into).collect())
    }
    /// Every departure from the base (SPEC §4), filterable by change kind (e.g. `OVERRIDDEN`,
    /// `UNADDRESSED`), item kind (e.g. `RISK`), scope key and risk level.
    fn diff_against_base(
        &self,
        changes: Option<Vec<String>>,
        item_kinds: Option<Vec<String>>,
        scope: Option<String>,
        level: Option<RiskLevelGql>,
    ) -> AppResult<AssessmentDiff> {
        let filter = diff_filter(changes, item_kinds, scope, level)?;
        Ok(assessment_diff(&diff_against_base(
            self.effective()?,
            &filter,
        )))
    }
    /// The newest published version of the base template, when it is newer than the pinned one.
    fn upgrade_available(&self, context: &Context) -> AppResult<Option<i32>> {
        let mut conn = context.conn()?;
        let newer = crate::store::templates::versions(&mut conn, context.actor()?, &self.template)?
            .into_iter()
            .filter(|v| v.status == "PUBLISHED" && v.number > self.row.base_version)
            .map(|v| v.number)
            .max();
        Ok(newer)
    }
    /// Previews the three-way upgrade to a newer published version; nothing changes.
    fn upgrade_preview(
        &self,
        context: &Context,
        template_version: i32,
    ) -> AppResult<UpgradePreviewGql> {
        let mut conn = context.conn()?;
        let (new_base, _) =
            store::upgrade_target(&mut conn, context.actor()?, &self.row, template_version)?;
        let preview = preview_upgrade(&self.base, &new_base, &self.row.local()?)
            .map_err(store::upgrade_error)?;
        Ok(upgrade_preview(
            self.row.base_version,
            template_version,
            &preview,
        ))
    }
    /// Findings of the supervisory authority's review, oldest first.
    fn review_findings(&self, context: &Context) -> AppResult<Vec<ReviewFinding>> {
        let mut conn = context.conn()?;
        Ok(crate::store::reviews::for_assessment(&mut conn, &self.row)?
            .into_iter()
            .map(Into::into)
            .collect())
    }
    /// What changed between an approved revision and the current state (or another approved
    /// revision), as JSON: departures, treatments, measures, incidents, sign-offs.
    fn revision_diff(
        &self,
        context: &Context,
        from_revision: i32,
        to_revision: Option<i32>,
    ) -> AppResult<String> {
        let mut conn = context.conn()?;
        let revisions = store::revisions(&mut conn, &self.row)?;
        let find = |n: i32| {
            revisions.iter().find(|r| r.revision == n).ok_or_else(|| {
                AppError::validation(
                    "fromRevision",
                    format!("revision {n} is not an approved revision"),
                )
            })
        };
        let from = find(from_revision)?;
        let (to_base_version, to_local) = match to_revision {
            Some(n) => {
                let to = find(n)?;
                (to.base_version, to.local_changes.clone())
            }
            None => (self.row.base_version, self.row.local_changes.clone()),
        };
        let from_base = store::base_version_content(&mut conn, &self.row, from.base_version)?;
        let to_base = store::base_version_content(&mut conn, &self.row, to_base_version)?;
        let diff = diff_revisions(
            &from_base,
            &store::parse_local(&from.local_changes, &self.row.id)?,
            &to_base,
            &store::parse_local(&to_local, &self.row.id)?,
        );
        json_of(&diff)
    }
    /// Approved revisions, oldest first; each is immutable.
    fn approved_revisions(&self, context: &Context) -> AppResult<Vec<ApprovedRevision>> {
        let mut conn = context.conn()?;
        Ok(store::revisions(&mut conn, &self.row)?
            .into_iter()
            .map(|r| ApprovedRevision {
                revision: r.revision,
                base_version: r.base_version,
                approved_at: r
                    .approved_at
                    .and_utc()
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                approved_by: r.approved_by,
            })
            .collect())
    }
    /// This assessment as it stood at an instant in the past (RFC 3339).
    fn as_of(&self, context: &Context, at: String) -> AppResult<Assessment> {
        let at = chrono::DateTime::parse_from_rfc3339(&at)
            .map_err(|_| {
                AppError::validation("at", "an RFC 3339 instant, e.g. 2026-01-31T12:00:00Z")
            })?
            .naive_utc();
        let mut conn = context.conn()?;
        let past = store::as_of(&mut conn, &self.row, at)?;
        Assessment::load(&mut conn, past)
    }
}

/// Output format of the DPIA report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, GraphQLEnum)]
pub enum ReportFormat {
    Markdown,
    Html,
}

impl Assessment {
    /// Renders the report of this assessment for `organisation` (its name).
    pub fn render(
        &self,
        organisation: &str,
        format: ReportFormat,
        today: chrono::NaiveDate,
    ) -> AppResult<String> {
        let effective = self.effective()?;
        let findings = run_checks(effective, &self.template.check_settings(), today);
        let input = crate::report::ReportInput {
            organisation,
            title: &self.row.title,
            template_key: &self.template.key,
            base_version: self.row.base_version,
            status: &self.row.status,
            revision: self.row.revision,
            generated_on: today,
            effective,
            base: &self.base,
            findings: &findings,
        };
        let rendered = match format {
            ReportFormat::Markdown => crate::report::render_markdown(&input),
            ReportFormat::Html => crate::report::render_html(&input),
        };
        rendered.map_err(|e| AppError::Internal(format!("rendering the report: {e}")))
    }
}

fn parse_wire<T: serde::de::DeserializeOwned>(field: &str, value: &str) -> AppResult<T> {
    serde_json::from_value(serde_json::Value::String(value.to_string()))
        .map_err(|_| AppError::validation(field, format!("{value:?} is not a known value")))
}

fn diff_filter(
    changes: Option<Vec<String>>,
    item_kinds: Option<Vec<String>>,
    scope: Option<String>,
    level: Option<RiskLevelGql>,
) -> AppResult<DiffFilter> {
    Ok(DiffFilter {
        changes: changes
            .unwrap_or_default()
            .iter()
            .map(|c| parse_wire::<ChangeKind>("changes", c))
            .collect::<AppResult<_>>()?,
        item_kinds: item_kinds
            .unwrap_or_default()
            .iter()
            .map(|k| parse_wire::<ItemKind>("itemKinds", k))
            .collect::<AppResult<_>>()?,
        scope: scope
            .map(|s| ItemKey::parse(&s).map_err(|e| AppError::validation("scope", e.to_string())))
            .transpose()?,
        level: level.map(|l| match l {
            RiskLevelGql::Low => crate::domain::risk_model::RiskLevel::Low,
            RiskLevelGql::Medium => crate::domain::risk_model::RiskLevel::Medium,
            RiskLevelGql::High => crate::domain::risk_model::RiskLevel::High,
        }),
    })
}

fn json_of<T: serde::Serialize>(value: &T) -> AppResult<String> {
    serde_json::to_string(value).map_err(|e| AppError::Internal(format!("serialising: {e}")))
}

fn status_and_date(status: &MeasureStatus) -> (String, String) {
    match status {
        MeasureStatus::Planned { due } => ("PLANNED".into(), due.to_string()),
        MeasureStatus::Implemented { on } => ("IMPLEMENTED".into(), on.to_string()),
        MeasureStatus::Retired { on } => ("RETIRED".into(), on.to_string()),
    }
}

fn measure_ref(m: &MeasureRef) -> MeasureLink {
    let (status, _) = status_and_date(&m.status);
    MeasureLink {
        key: m.key.to_string(),
        title: m.title.clone(),
        status,
    }
}

fn effective_int(v: &EffectiveValue<u8>) -> EffectiveInt {
    let (provenance, central, justification, direction) = match &v.provenance {
        Provenance::Inherited => (ProvenanceGql::Inherited, None, None, None),
        Provenance::Local => (ProvenanceGql::Local, None, None, None),
        Provenance::NotApplicable { justification } => (
            ProvenanceGql::NotApplicable,
            None,
            Some(justification.clone()),
            None,
        ),
        Provenance::Overridden {
            central,
            justification,
            direction,
        } => (
            ProvenanceGql::Overridden,
            central.as_i64().map(|c| c as i32),
            Some(justification.clone()),
            Some(wire_name(direction)),
        ),
    };
    EffectiveInt {
        value: i32::from(v.value),
        provenance,
        central_value: central,
        justification,
        direction,
    }
}

/// A number with its provenance; an override shows the central value beside it.
#[derive(GraphQLObject)]
pub struct EffectiveInt {
    pub value: i32,
    pub provenance: ProvenanceGql,
    pub central_value: Option<i32>,
    pub justification: Option<String>,
    /// `LOWERED`, `RAISED` or `CHANGED` for an override.
    pub direction: Option<String>,
}

#[derive(GraphQLObject)]
pub struct AssessmentRisk {
    pub key: String,
    pub threat: String,
    pub scope: String,
    pub provenance: ProvenanceGql,
    pub not_applicable_justification: Option<String>,
    pub inherent_likelihood: EffectiveInt,
    pub inherent_consequence: EffectiveInt,
    /// The level the template gives (absent for a local risk).
    pub central_level: Option<RiskLevelGql>,
    pub inherent_level: RiskLevelGql,
    pub treatment: Option<Treatment>,
    /// Derived from the explicit residual likelihood and consequence; the inherent level
    /// while no treatment is recorded.
    pub residual_level: RiskLevelGql,
    pub measures: Vec<MeasureLink>,
    pub incidents: Vec<String>,
}

#[derive(GraphQLObject)]
pub struct Treatment {
    /// `REDUCE`, `ACCEPT`, `AVOID` or `TRANSFER`.
    pub decision: String,
    pub residual_likelihood: i32,
    pub residual_consequence: i32,
    pub rationale: String,
    pub accepted_by: Option<String>,
    pub accepted_on: Option<String>,
}

#[derive(GraphQLObject)]
pub struct AssessmentRecommendation {
    pub key: String,
    pub title: String,
    pub obligation: String,
    pub kind: String,
    pub provenance: ProvenanceGql,
    /// `UNADDRESSED`, `IMPLEMENTED`, `PARTIALLY_IMPLEMENTED`, `PLANNED`, `ALTERNATIVE` or
    /// `NOT_APPLICABLE`.
    pub response: String,
    pub justification: Option<String>,
    pub due: Option<String>,
    pub measures: Vec<MeasureLink>,
    pub addresses_risks: Vec<String>,
}

/// A measure as seen from what it covers.
#[derive(GraphQLObject)]
pub struct MeasureLink {
    pub key: String,
    pub title: String,
    pub status: String,
}

#[derive(GraphQLObject)]
pub struct Measure {
    pub key: String,
    pub title: String,
    pub description: String,
    pub kind: String,
    /// `PLANNED`, `IMPLEMENTED` or `RETIRED`.
    pub status: String,
    /// Due date when planned, else the date of the status.
    pub status_date: String,
    pub owner: Option<String>,
    pub review_cadence_months: Option<i32>,
    pub mitigates: Vec<String>,
    pub implements: Vec<String>,
}

#[derive(GraphQLObject)]
pub struct Incident {
    pub key: String,
    pub occurred_on: String,
    pub description: String,
    pub risks: Vec<String>,
}

#[derive(GraphQLObject)]
#[graphql(name = "Coverage")]
pub struct CoverageGql {
    /// Recommendations no measure in force implements.
    pub uncovered_recommendations: Vec<String>,
    /// Risks no measure in force mitigates.
    pub unmitigated_risks: Vec<String>,
}

#[derive(GraphQLObject)]
pub struct ApprovedRevision {
    pub revision: i32,
    pub base_version: i32,
    pub approved_at: String,
    pub approved_by: String,
}

/// A page of assessments (Relay-style).
#[derive(GraphQLObject)]
#[graphql(context = Context)]
pub struct AssessmentConnection {
    pub edges: Vec<AssessmentEdge>,
    pub page_info: super::types::PageInfo,
}

#[derive(GraphQLObject)]
#[graphql(context = Context)]
pub struct AssessmentEdge {
    pub cursor: String,
    pub node: Assessment,
}
