//! Builders for adherence test data: a small code of conduct, answers as one-line commands,
//! measures, and a DPIA (from the template test builders) answered as a test needs.

use chrono::NaiveDate;

use super::*;
use crate::assessment::{
    effective, EffectiveAssessment, LocalChanges, Measure, MeasureStatus, RecommendationResponse,
    ResponseKind,
};
use crate::template::testing::{key, recommendation, DpiaBuilder};
use crate::template::{
    Clause, CodeOfConductContent, DpiaContent, MeasureKind, Obligation, TemplateContent,
};

pub(crate) const ACCESS_REVIEW: &str = "clause.access-review";
pub(crate) const TRAINING: &str = "clause.training";
pub(crate) const FREE_TEXT: &str = "clause.free-text";
pub(crate) const REC_TRAINING: &str = "rec.training";
pub(crate) const REC_ACCESS: &str = "rec.access-review";

/// A date in a test.
pub(crate) fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("test dates are valid")
}

/// A clause with the given obligation that binds `recommendations`.
pub(crate) fn clause(clause_key: &str, obligation: Obligation, recommendations: &[&str]) -> Clause {
    Clause {
        key: key(clause_key),
        section: "Security".to_owned(),
        number: "1".to_owned(),
        text: format!("text of {clause_key}"),
        obligation,
        binds_recommendations: recommendations.iter().map(|r| key(r)).collect(),
        binds_risks: Vec::new(),
    }
}

/// The test code: `clause.access-review` (MUST, binds `rec.access-review`),
/// `clause.training` (MUST, binds `rec.training`), `clause.free-text` (SHOULD, binds nothing).
pub(crate) fn code() -> CodeOfConductContent {
    let mut clauses = vec![
        clause(ACCESS_REVIEW, Obligation::Must, &[REC_ACCESS]),
        clause(TRAINING, Obligation::Must, &[REC_TRAINING]),
        clause(FREE_TEXT, Obligation::Should, &[]),
    ];
    for (clause, number) in clauses.iter_mut().zip(["1.1", "2.1", "3.1"]) {
        clause.number = number.to_owned();
    }
    CodeOfConductContent { clauses }
}

/// An implemented organisational measure implementing `recommendations`.
pub(crate) fn measure(measure_key: &str, recommendations: &[&str]) -> Measure {
    Measure {
        key: key(measure_key),
        title: format!("title of {measure_key}"),
        description: format!("description of {measure_key}"),
        kind: MeasureKind::Organisational,
        status: MeasureStatus::Implemented {
            on: date(2024, 1, 1),
        },
        owner: None,
        review_cadence_months: Some(12),
        mitigates: Vec::new(),
        implements: recommendations.iter().map(|r| key(r)).collect(),
    }
}

/// `measure` with another status.
pub(crate) fn with_status(mut measure: Measure, status: MeasureStatus) -> Measure {
    measure.status = status;
    measure
}

/// The measures the tests link: `local.measure.review` implements `rec.access-review`,
/// `local.measure.training` implements `rec.training`.
pub(crate) fn measures() -> Vec<Measure> {
    vec![
        measure("local.measure.review", &[REC_ACCESS]),
        measure("local.measure.training", &[REC_TRAINING]),
    ]
}

pub(crate) fn compliant(clause_key: &str, evidence: &str, measures: &[&str]) -> AdherenceCommand {
    set(
        clause_key,
        Answer::Compliant {
            evidence: evidence.to_owned(),
            measures: measures.iter().map(|m| key(m)).collect(),
        },
    )
}

pub(crate) fn deviation(
    clause_key: &str,
    justification: &str,
    compensating: &str,
) -> AdherenceCommand {
    set(
        clause_key,
        Answer::Deviation {
            justification: justification.to_owned(),
            compensating_measure: compensating.to_owned(),
        },
    )
}

pub(crate) fn not_applicable(clause_key: &str, justification: &str) -> AdherenceCommand {
    set(
        clause_key,
        Answer::NotApplicable {
            justification: justification.to_owned(),
        },
    )
}

pub(crate) fn clear(clause_key: &str) -> AdherenceCommand {
    AdherenceCommand::ClearAnswer {
        clause_key: key(clause_key),
    }
}

fn set(clause_key: &str, answer: Answer) -> AdherenceCommand {
    AdherenceCommand::SetAnswer(ClauseAnswer {
        clause_key: key(clause_key),
        answer,
    })
}

/// The adherence that `commands`, each accepted, make of an empty one.
pub(crate) fn adhere(
    code: &CodeOfConductContent,
    measures: &[Measure],
    commands: &[AdherenceCommand],
) -> Adherence {
    commands
        .iter()
        .fold(Adherence::default(), |adherence, command| {
            apply(code, &adherence, measures, command)
                .unwrap_or_else(|error| panic!("{command:?} is refused: {error}"))
        })
}

/// The DPIA the test code accompanies: the template test base plus `rec.access-review`.
pub(crate) fn dpia_base() -> DpiaContent {
    let content = DpiaBuilder::new()
        .with_recommendation(recommendation(REC_ACCESS, &["risk.messages.access"]))
        .build();
    match content {
        TemplateContent::Dpia(dpia) => dpia,
        TemplateContent::CodeOfConduct(_) => unreachable!("the DPIA builder builds a DPIA"),
    }
}

/// The controller's effective DPIA with [`measures`] and the given responses.
pub(crate) fn dpia(responses: &[(&str, ResponseKind, Option<&str>)]) -> EffectiveAssessment {
    let local = LocalChanges {
        measures: measures(),
        responses: (responses.iter())
            .map(
                |(recommendation, response, justification)| RecommendationResponse {
                    recommendation_key: key(recommendation),
                    response: *response,
                    justification: justification.map(str::to_owned),
                },
            )
            .collect(),
        ..LocalChanges::default()
    };
    effective(&dpia_base(), &local)
}
