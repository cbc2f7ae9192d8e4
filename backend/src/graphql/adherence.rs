//! GraphQL of codes of conduct (issue 8): a controller's adherence with its answers,
//! findings, departures from the code, upgrade preview and the authority's review findings, and the monitoring overview (Art. 41): per adherent for the authority, counts
//! under the small-group rule for the code's owner.

use juniper::{graphql_object, GraphQLObject};

use super::adherence_review::{
    adherence_diff, adherence_upgrade_preview, departure_kinds, AdherenceDiff,
    AdherenceUpgradePreviewGql,
};
use super::review::{FindingGql, ReviewFinding};
use super::templates::wire_name;
use super::types::Organisation;
use super::Context;
use crate::context::OrgKind;
use crate::domain::adherence::{
    adherence_checks, clause_figures, diff_against_code, effective_adherence,
    preview_adherence_upgrade, AdherenceStatus,
};
use crate::domain::checks::Severity;
use crate::domain::disclosure;
use crate::domain::template::CodeOfConductContent;
use crate::error::{AppError, AppResult};
use crate::store::adherences::{self as store, code_of};
use crate::store::organisations;
use crate::store::templates::Template;
use crate::store::DbConnection;

pub struct Adherence {
    row: store::Adherence,
    template: Template,
    code: CodeOfConductContent,
}

impl Adherence {
    pub fn load(conn: &mut DbConnection, row: store::Adherence) -> AppResult<Self> {
        let (template, version) = store::code_version_of(conn, &row)?;
        let code = code_of(&version)?;
        Ok(Self {
            row,
            template,
            code,
        })
    }
}

/// A clause with the controller's answer.
#[derive(GraphQLObject)]
#[graphql(name = "ClauseAnswer")]
pub struct ClauseAnswerGql {
    pub key: String,
    pub section: String,
    pub number: String,
    pub text: String,
    pub obligation: String,
    /// `UNADDRESSED`, `COMPLIANT`, `DEVIATION` or `NOT_APPLICABLE`.
    pub status: String,
    /// The answer (evidence, justification, compensating measure) as JSON.
    pub answer: Option<String>,
    pub binds_recommendations: Vec<String>,
}

/// A controller's adherence to one published code-of-conduct version.
#[graphql_object(context = Context)]
impl Adherence {
    fn id(&self) -> juniper::ID {
        juniper::ID::new(&self.row.id)
    }
    fn code_key(&self) -> &str {
        &self.template.key
    }
    fn code_version(&self) -> i32 {
        self.row.code_version
    }
    /// Optimistic concurrency: send it back with a write.
    fn version(&self) -> i32 {
        self.row.version as i32
    }
    fn organisation(&self, context: &Context) -> AppResult<Organisation> {
        let mut conn = context.conn()?;
        Ok(Organisation(organisations::find(
            &mut conn,
            context.actor()?,
            &self.row.org_id,
        )?))
    }
    fn clauses(&self) -> AppResult<Vec<ClauseAnswerGql>> {
        let answers = self.row.answers()?;
        Ok(effective_adherence(&self.code, &answers)
            .into_iter()
            .map(|c| ClauseAnswerGql {
                key: c.clause.key.to_string(),
                section: c.clause.section.to_string(),
                number: c.clause.number.to_string(),
                text: c.clause.text.clone(),
                obligation: wire_name(&c.clause.obligation),
                status: c.status.as_str().to_string(),
                answer: c
                    .answer
                    .as_ref()
                    .and_then(|a| serde_json::to_string(a).ok()),
                binds_recommendations: c
                    .clause
                    .binds_recommendations
                    .iter()
                    .map(ToString::to_string)
                    .collect(),
            })
            .collect())
    }
    /// Unaddressed MUST clauses, deviations without a compensating measure, evidence that is
    /// not implemented, and clause answers that contradict the DPIA's recommendation responses.
    fn findings(&self, context: &Context) -> AppResult<Vec<FindingGql>> {
        let mut conn = context.conn()?;
        let (measures, dpia) = store::dpia_context(&mut conn, &self.row.org_id, &self.code)?;
        let findings = adherence_checks(&self.code, &self.row.answers()?, &measures, dpia.as_ref());
        Ok(findings.iter().map(Into::into).collect())
    }
    /// Every clause where the controller does not simply comply (for the authority's review):
    /// deviations, not-applicable and unaddressed clauses, and answers retained for clauses a
    /// later version removed. `kinds` keeps only those (e.g. `["DEVIATION"]`).
    fn diff_against_code(&self, kinds: Option<Vec<String>>) -> AppResult<AdherenceDiff> {
        let kinds = departure_kinds(kinds)?;
        Ok(adherence_diff(&diff_against_code(
            &self.code,
            &self.row.answers()?,
            &kinds,
        )))
    }
    /// The newest published version of the code, when it is newer than the one answered.
    fn upgrade_available(&self, context: &Context) -> AppResult<Option<i32>> {
        let mut conn = context.conn()?;
        let newer = crate::store::templates::versions(&mut conn, context.actor()?, &self.template)?
            .into_iter()
            .filter(|v| v.status == "PUBLISHED" && v.number > self.row.code_version)
            .map(|v| v.number)
            .max();
        Ok(newer)
    }
    /// Previews the upgrade to a newer published code version (SPEC §4); nothing changes.
    fn upgrade_preview(
        &self,
        context: &Context,
        code_version: i32,
    ) -> AppResult<AdherenceUpgradePreviewGql> {
        let mut conn = context.conn()?;
        let (new, _) = store::upgrade_target(&mut conn, context.actor()?, &self.row, code_version)?;
        let preview = preview_adherence_upgrade(&self.code, &new, &self.row.answers()?);
        Ok(adherence_upgrade_preview(
            self.row.code_version,
            code_version,
            &preview,
        ))
    }
    /// Findings of the supervisory authority's review, oldest first.
    fn review_findings(&self, context: &Context) -> AppResult<Vec<ReviewFinding>> {
        let mut conn = context.conn()?;
        Ok(crate::store::reviews::for_adherence(&mut conn, &self.row)?
            .into_iter()
            .map(Into::into)
            .collect())
    }
}

#[derive(GraphQLObject)]
pub struct ClauseStats {
    pub key: String,
    /// Counts per status; `null` where showing it could single out a controller.
    pub unaddressed: Option<i32>,
    pub compliant: Option<i32>,
    pub deviation: Option<i32>,
    pub not_applicable: Option<i32>,
}

#[derive(GraphQLObject)]
pub struct AdherentRow {
    pub organisation: String,
    pub adherence_id: juniper::ID,
    pub code_version: i32,
    pub unaddressed: i32,
    pub deviations: i32,
    pub error_findings: i32,
}

/// Monitoring of a code of conduct (Art. 41).
#[derive(GraphQLObject)]
pub struct CodeOverview {
    pub code_key: String,
    pub adherent_count: i32,
    pub aggregate_only: bool,
    pub clauses: Vec<ClauseStats>,
    /// Every adherent (supervisory authority only; `null` for the code's owner).
    pub adherents: Option<Vec<AdherentRow>>,
}

pub fn overview(context: &Context, code_key: &str) -> AppResult<CodeOverview> {
    let actor = context.actor()?;
    let mut conn = context.conn()?;
    let (_, versions, rows) = store::adherents(&mut conn, actor, code_key)?;
    let latest = versions
        .iter()
        .rev()
        .find(|v| v.status == "PUBLISHED")
        .ok_or_else(|| AppError::not_found("code of conduct"))?;
    let code = code_of(latest)?;
    let answers = rows
        .iter()
        .map(|(_, a)| a.answers())
        .collect::<AppResult<Vec<_>>>()?;
    let total = rows.len();
    let aggregate = actor.org_kind != OrgKind::SupervisoryAuthority;
    let clauses = clause_figures(&code, &answers)
        .into_iter()
        .map(|f| {
            let row = f.counts.as_row();
            let shown: Vec<Option<i32>> = if aggregate {
                disclosure::partition(&row, total)
                    .into_iter()
                    .map(|c| c.map(|c| c as i32))
                    .collect()
            } else {
                row.iter().map(|c| Some(*c as i32)).collect()
            };
            let at = |status: AdherenceStatus| {
                AdherenceStatus::ALL
                    .iter()
                    .position(|s| *s == status)
                    .and_then(|i| shown[i])
            };
            ClauseStats {
                key: f.clause_key.to_string(),
                unaddressed: at(AdherenceStatus::Unaddressed),
                compliant: at(AdherenceStatus::Compliant),
                deviation: at(AdherenceStatus::Deviation),
                not_applicable: at(AdherenceStatus::NotApplicable),
            }
        })
        .collect();
    let adherents = if aggregate {
        None
    } else {
        let mut list = Vec::new();
        for (org, row) in &rows {
            let (_, version) = store::code_version_of(&mut conn, row)?;
            let code = code_of(&version)?;
            let answers = row.answers()?;
            let (measures, dpia) = store::dpia_context(&mut conn, &row.org_id, &code)?;
            let findings = adherence_checks(&code, &answers, &measures, dpia.as_ref());
            let effective = effective_adherence(&code, &answers);
            list.push(AdherentRow {
                organisation: org.name.clone(),
                adherence_id: row.id.clone().into(),
                code_version: row.code_version,
                unaddressed: effective
                    .iter()
                    .filter(|c| c.status == AdherenceStatus::Unaddressed)
                    .count() as i32,
                deviations: effective
                    .iter()
                    .filter(|c| c.status == AdherenceStatus::Deviation)
                    .count() as i32,
                error_findings: findings
                    .iter()
                    .filter(|f| f.severity == Severity::Error)
                    .count() as i32,
            });
        }
        Some(list)
    };
    Ok(CodeOverview {
        code_key: code_key.to_string(),
        adherent_count: total as i32,
        aggregate_only: aggregate,
        clauses,
        adherents,
    })
}
