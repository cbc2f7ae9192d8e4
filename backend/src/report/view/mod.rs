//! The report's view model: the effective assessment worded for people — labels instead of
//! enum names, dates as text, "not stated" where a value is missing, counts and risk maps
//! computed — so the templates only lay it out and hold no rule of their own.

mod description;
mod findings;
mod measures;
mod risks;
mod sign_offs;

use serde::Serialize;

use dpiahub_domain::assessment::{EffectiveAssessment, EffectiveRisk, ItemProvenance};
use dpiahub_domain::risk_model::RiskLevel;

use super::risk_map::{risk_map, Moment, RiskMapView};
use super::ReportInput;
// Shared with the submodules, which word their sections with them.
use super::{labels, provenance};

pub(super) use description::{ActivityView, NecessityView, ScopeView};
pub(super) use findings::FindingsView;
pub(super) use measures::{IncidentView, MeasureView, RecommendationView};
pub(super) use risks::RiskView;
pub(super) use sign_offs::SignOffRow;

/// The whole report.
#[derive(Debug, Serialize)]
pub(super) struct ReportView {
    pub(super) title: TitleBlock,
    pub(super) summary: Summary,
    pub(super) scopes: Vec<ScopeView>,
    pub(super) activities: Vec<ActivityView>,
    pub(super) necessity: Vec<NecessityView>,
    pub(super) risks: Vec<RiskView>,
    pub(super) map_before: RiskMapView,
    pub(super) map_after: RiskMapView,
    pub(super) recommendations: Vec<RecommendationView>,
    pub(super) measures: Vec<MeasureView>,
    pub(super) incidents: Vec<IncidentView>,
    pub(super) findings: FindingsView,
    pub(super) sign_offs: Vec<SignOffRow>,
    pub(super) inconsistencies: Vec<InconsistencyView>,
}

/// Who, what and when.
#[derive(Debug, Serialize)]
pub(super) struct TitleBlock {
    pub(super) organisation: String,
    pub(super) title: String,
    pub(super) template_key: String,
    pub(super) base_version: i32,
    pub(super) status: String,
    pub(super) revision: i32,
    pub(super) generated_on: String,
}

/// The figures a reader wants first: how much was taken over, changed, added or set aside,
/// how the risks moved, and what is still open.
#[derive(Debug, Serialize)]
pub(super) struct Summary {
    pub(super) inherited: usize,
    pub(super) overridden: usize,
    pub(super) local: usize,
    pub(super) not_applicable: usize,
    pub(super) high_before: usize,
    pub(super) high_after: usize,
    pub(super) unaddressed: usize,
    pub(super) errors: usize,
    pub(super) warnings: usize,
}

/// A stored local change the inheritance engine could not apply.
#[derive(Debug, Serialize)]
pub(super) struct InconsistencyView {
    pub(super) item_key: String,
    pub(super) field: String,
    pub(super) message: String,
}

/// The view of the report `input` asks for.
pub(super) fn build(input: &ReportInput<'_>) -> ReportView {
    let effective = input.effective;
    let recommendations = measures::recommendations(effective, input.base);
    let findings = findings::findings(input.findings);
    let risks = risks::risks(effective);
    ReportView {
        title: TitleBlock {
            organisation: input.organisation.to_owned(),
            title: input.title.to_owned(),
            template_key: input.template_key.to_owned(),
            base_version: input.base_version,
            status: input.status.to_owned(),
            revision: input.revision,
            generated_on: input.generated_on.to_string(),
        },
        summary: Summary {
            high_before: count_high(effective, |r| r.inherent_level),
            high_after: count_high(effective, |r| r.residual_level),
            unaddressed: recommendations.iter().filter(|r| r.unaddressed).count(),
            errors: findings.errors,
            warnings: findings.warnings,
            ..provenance_counts(effective)
        },
        scopes: description::scopes(effective),
        activities: description::activities(effective),
        necessity: description::necessity(effective),
        risks,
        map_before: risk_map(effective, Moment::BeforeMeasures),
        map_after: risk_map(effective, Moment::AfterMeasures),
        recommendations,
        measures: measures::measures(effective),
        incidents: measures::incidents(effective),
        findings,
        sign_offs: sign_offs::rows(&effective.sign_offs, input.status, input.revision),
        inconsistencies: (effective.inconsistencies.iter())
            .map(|i| InconsistencyView {
                item_key: i.item_key.clone(),
                field: i.field.clone(),
                message: i.message.clone(),
            })
            .collect(),
    }
}

/// How many applicable risks are `HIGH` at the level `level` picks (inherent or residual).
fn count_high(effective: &EffectiveAssessment, level: fn(&EffectiveRisk) -> RiskLevel) -> usize {
    (effective.risks.iter())
        .filter(|r| r.is_applicable() && level(r) == RiskLevel::High)
        .count()
}

/// How many items of the assessment are inherited, overridden, local or not applicable.
fn provenance_counts(effective: &EffectiveAssessment) -> Summary {
    let mut summary = Summary {
        inherited: 0,
        overridden: 0,
        local: 0,
        not_applicable: 0,
        high_before: 0,
        high_after: 0,
        unaddressed: 0,
        errors: 0,
        warnings: 0,
    };
    let scopes = effective.scopes.iter().map(|s| &s.provenance);
    let activities = effective.activities.iter().flat_map(|a| {
        std::iter::once(&a.activity.provenance)
            .chain(a.data_subject_categories.iter().map(|c| &c.provenance))
            .chain(a.data_categories.iter().map(|c| &c.provenance))
            .chain(a.recipients.iter().map(|r| &r.provenance))
    });
    let questions = effective.necessity_questions.iter().map(|q| &q.provenance);
    let risks = effective.risks.iter().map(|r| &r.provenance);
    let recommendations = (effective.recommendations.iter()).map(|r| &r.recommendation.provenance);
    for provenance in scopes
        .chain(activities)
        .chain(questions)
        .chain(risks)
        .chain(recommendations)
    {
        match provenance {
            ItemProvenance::Inherited => summary.inherited += 1,
            ItemProvenance::Overridden => summary.overridden += 1,
            ItemProvenance::Local => summary.local += 1,
            ItemProvenance::NotApplicable { .. } => summary.not_applicable += 1,
        }
    }
    summary
}
