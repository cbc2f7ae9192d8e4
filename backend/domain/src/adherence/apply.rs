//! [`apply`]: one command against an adherence, checked by the write rules of SPEC §3 as
//! they apply to clauses: the clause exists in the adopted version, every `DEVIATION` and
//! `NOT_APPLICABLE` carries a justification, every `COMPLIANT` answer carries evidence, and
//! every measure named exists in the controller's DPIA and is in force.

use std::collections::BTreeSet;

use super::{Adherence, AdherenceCommand, AdherenceError, Answer, ClauseAnswer};
use crate::assessment::{Measure, LOCAL_KEY_PREFIX};
use crate::template::{CodeOfConductContent, ItemKey};

/// Applies `command` to `adherence` (an adherence to `code`) and returns the new adherence,
/// or the first rule the command breaks. `known_measures` are the measures of the
/// controller's DPIA (empty when it has none in DPIA Hub). `adherence` is never changed.
pub fn apply(
    code: &CodeOfConductContent,
    adherence: &Adherence,
    known_measures: &[Measure],
    command: &AdherenceCommand,
) -> Result<Adherence, AdherenceError> {
    let mut next = adherence.clone();
    match command {
        AdherenceCommand::SetAnswer(answer) => {
            check_answer(code, known_measures, answer)?;
            match (next.answers.iter_mut()).find(|a| a.clause_key == answer.clause_key) {
                Some(existing) => existing.answer = answer.answer.clone(),
                None => next.answers.push(answer.clone()),
            }
        }
        AdherenceCommand::ClearAnswer { clause_key } => {
            let answers = next.answers.len();
            let retained = next.retained.len();
            next.answers.retain(|a| &a.clause_key != clause_key);
            next.retained.retain(|r| &r.clause.key != clause_key);
            if next.answers.len() == answers && next.retained.len() == retained {
                return Err(AdherenceError::NothingToClear {
                    item_key: clause_key.to_string(),
                    field: "answer".to_owned(),
                });
            }
        }
    }
    Ok(next)
}

fn check_answer(
    code: &CodeOfConductContent,
    known_measures: &[Measure],
    answer: &ClauseAnswer,
) -> Result<(), AdherenceError> {
    let key = &answer.clause_key;
    if !code.clauses.iter().any(|c| &c.key == key) {
        return Err(AdherenceError::UnknownClause {
            item_key: key.to_string(),
            field: "clause_key".to_owned(),
        });
    }
    let text = |field: &str, value: &str| -> Result<(), AdherenceError> {
        if !value.trim().is_empty() {
            return Ok(());
        }
        let (item_key, field) = (key.to_string(), field.to_owned());
        Err(if field == "evidence" {
            AdherenceError::MissingEvidence { item_key, field }
        } else {
            AdherenceError::MissingJustification { item_key, field }
        })
    };
    match &answer.answer {
        Answer::Compliant { evidence, measures } => {
            text("evidence", evidence)?;
            let mut seen = BTreeSet::new();
            for measure in measures {
                if !seen.insert(measure) {
                    return Err(AdherenceError::DuplicateMeasure {
                        item_key: key.to_string(),
                        field: "measures".to_owned(),
                        measure_key: measure.to_string(),
                    });
                }
                check_measure(key, "measures", measure, known_measures)?;
            }
        }
        Answer::Deviation {
            justification,
            compensating_measure,
        } => {
            text("justification", justification)?;
            // A compensating measure written as a measure key must name a real measure; as
            // text it is the controller's description (SPEC §3, issue 8).
            if let Some(measure) = compensating_measure_key(compensating_measure) {
                check_measure(key, "compensating_measure", &measure, known_measures)?;
            }
        }
        Answer::NotApplicable { justification } => text("justification", justification)?,
    }
    Ok(())
}

fn check_measure(
    clause: &ItemKey,
    field: &str,
    measure_key: &ItemKey,
    known_measures: &[Measure],
) -> Result<(), AdherenceError> {
    match known_measures.iter().find(|m| &m.key == measure_key) {
        None => Err(AdherenceError::UnknownMeasure {
            item_key: clause.to_string(),
            field: field.to_owned(),
            measure_key: measure_key.to_string(),
        }),
        Some(measure) if !measure.status.is_in_force() => Err(AdherenceError::MeasureRetired {
            item_key: clause.to_string(),
            field: field.to_owned(),
            measure_key: measure_key.to_string(),
        }),
        Some(_) => Ok(()),
    }
}

/// The measure key a compensating measure names, when it is written as one: a single word
/// with the `local.` prefix of the controller's keys that parses as an item key.
pub(crate) fn compensating_measure_key(text: &str) -> Option<ItemKey> {
    let text = text.trim();
    if text.starts_with(LOCAL_KEY_PREFIX) {
        ItemKey::parse(text).ok()
    } else {
        None
    }
}
