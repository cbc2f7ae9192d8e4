//! Builders for assessment test data: a small base (from the template test builders), and
//! commands, measures and treatments in a line each.

use chrono::NaiveDate;
use serde_json::Value;

use super::*;
use crate::template::testing::{key, recommendation, risk, DpiaBuilder};
use crate::template::{DpiaContent, MeasureKind};

/// The template test base: risks `risk.messages.misdirected` (3×3, HIGH) and
/// `risk.messages.access` (2×2, MEDIUM), recommendation `rec.training` addressing both,
/// activity `activity.messages` with subject category `subjects.pupils` (count left to
/// adopters), data category `data.messages.health`, recipient `recipient.hosting`.
pub(crate) fn base() -> DpiaContent {
    dpia(DpiaBuilder::new())
}

/// The DPIA content of a template builder.
pub(crate) fn dpia(builder: DpiaBuilder) -> DpiaContent {
    match builder.build() {
        crate::template::TemplateContent::Dpia(dpia) => dpia,
        crate::template::TemplateContent::CodeOfConduct(_) => {
            unreachable!("the DPIA builder builds DPIA content")
        }
    }
}

pub(crate) const MISDIRECTED: &str = "risk.messages.misdirected";
pub(crate) const ACCESS: &str = "risk.messages.access";
pub(crate) const TRAINING: &str = "rec.training";

/// A date in a test.
pub(crate) fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("test dates are valid")
}

/// `SetOverride` of one field.
pub(crate) fn set_override(
    item: &str,
    field: &str,
    value: Value,
    justification: &str,
) -> AssessmentCommand {
    AssessmentCommand::SetOverride(Override {
        item_key: key(item),
        field: field.to_owned(),
        value,
        justification: justification.to_owned(),
    })
}

/// A measure under construction: implemented, organisational, linked to nothing yet.
pub(crate) struct MeasureBuilder(Measure);

pub(crate) fn measure(measure_key: &str) -> MeasureBuilder {
    MeasureBuilder(Measure {
        key: key(measure_key),
        title: format!("title of {measure_key}"),
        description: format!("description of {measure_key}"),
        kind: MeasureKind::Organisational,
        status: MeasureStatus::Implemented {
            on: date(2023, 1, 1),
        },
        owner: Some("IT security".to_owned()),
        review_cadence_months: Some(12),
        mitigates: Vec::new(),
        implements: Vec::new(),
    })
}

impl MeasureBuilder {
    pub(crate) fn mitigating(mut self, risks: &[&str]) -> Self {
        self.0.mitigates = risks.iter().map(|r| key(r)).collect();
        self
    }

    pub(crate) fn implementing(mut self, recommendations: &[&str]) -> Self {
        self.0.implements = recommendations.iter().map(|r| key(r)).collect();
        self
    }

    pub(crate) fn with_status(mut self, status: MeasureStatus) -> Self {
        self.0.status = status;
        self
    }

    pub(crate) fn editing(mut self, edit: impl FnOnce(&mut Measure)) -> Self {
        edit(&mut self.0);
        self
    }

    pub(crate) fn build(self) -> Measure {
        self.0
    }

    pub(crate) fn upsert(self) -> AssessmentCommand {
        AssessmentCommand::UpsertMeasure(self.0)
    }
}

/// A treatment with the given residual rating and a rationale.
pub(crate) fn treatment(
    risk: &str,
    decision: TreatmentDecision,
    residual_likelihood: u8,
    residual_consequence: u8,
) -> RiskTreatment {
    RiskTreatment {
        risk_key: key(risk),
        decision,
        residual_likelihood,
        residual_consequence,
        rationale: "Training halves the chance of a misdirected message.".to_owned(),
        accepted_by: Some("Head of schools".to_owned()),
        accepted_on: Some(date(2024, 2, 1)),
    }
}

/// `SetResponse`.
pub(crate) fn respond(
    recommendation: &str,
    response: ResponseKind,
    justification: Option<&str>,
) -> AssessmentCommand {
    AssessmentCommand::SetResponse(RecommendationResponse {
        recommendation_key: key(recommendation),
        response,
        justification: justification.map(str::to_owned),
    })
}

/// An assessment under test: a base and the local changes written so far.
pub(crate) struct Scenario {
    pub(crate) base: DpiaContent,
    pub(crate) local: LocalChanges,
}

impl Scenario {
    pub(crate) fn new() -> Self {
        Scenario::on(base())
    }

    pub(crate) fn on(base: DpiaContent) -> Self {
        Scenario {
            base,
            local: LocalChanges::default(),
        }
    }

    /// Applies a command that the test's setup expects to be accepted.
    pub(crate) fn given(mut self, command: AssessmentCommand) -> Self {
        match apply(&self.base, &self.local, &command) {
            Ok(next) => self.local = next,
            Err(error) => panic!("setup command {command:?} was refused: {error}"),
        }
        self
    }

    /// Applies a command and returns the result.
    pub(crate) fn apply(
        &self,
        command: AssessmentCommand,
    ) -> Result<LocalChanges, AssessmentError> {
        apply(&self.base, &self.local, &command)
    }

    /// Applies a command that must be refused, and returns the error.
    pub(crate) fn refused(&self, command: AssessmentCommand) -> AssessmentError {
        match apply(&self.base, &self.local, &command) {
            Ok(next) => panic!("command {command:?} was accepted, giving {next:?}"),
            Err(error) => error,
        }
    }

    /// The effective assessment so far.
    pub(crate) fn effective(&self) -> EffectiveAssessment {
        effective(&self.base, &self.local)
    }
}

/// A base with `ratings.len()` risks rated as given and a recommendation per three risks.
pub(crate) fn base_with(ratings: &[(u8, u8)]) -> DpiaContent {
    let mut builder = DpiaBuilder::new().editing(|d| {
        d.risks.clear();
        d.recommendations.clear();
    });
    for (index, (likelihood, consequence)) in ratings.iter().enumerate() {
        builder = builder.with_risk(risk(
            &format!("risk.{index}"),
            "scope.messages",
            *likelihood,
            *consequence,
        ));
    }
    for chunk in 0..ratings.len().div_ceil(3) {
        let risks: Vec<String> = (chunk * 3..(chunk * 3 + 3).min(ratings.len()))
            .map(|i| format!("risk.{i}"))
            .collect();
        let risks: Vec<&str> = risks.iter().map(String::as_str).collect();
        builder = builder.with_recommendation(recommendation(&format!("rec.{chunk}"), &risks));
    }
    dpia(builder)
}
