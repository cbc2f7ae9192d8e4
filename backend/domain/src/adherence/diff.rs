//! An adherence against its code (SPEC §4 "assessment vs its base", applied to codes of
//! conduct; issue 8): every clause where the controller does not simply comply, for the
//! authority's review and the monitoring body (Art. 41). A `COMPLIANT` answer is not listed:
//! [`super::apply`] refuses one without evidence, and one resting on measures that are not in
//! force is a check finding (`A40_COMPLIANT_MEASURE_NOT_IMPLEMENTED`), not a departure.

use serde::{Deserialize, Serialize};

use super::{Adherence, Answer};
use crate::template::{CodeOfConductContent, ItemKey, Obligation};

/// One clause where the adherence departs from plain compliance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClauseDeparture {
    /// The clause.
    pub clause_key: ItemKey,
    /// The clause number as printed, e.g. "1.2".
    pub number: String,
    /// The section the clause stands under.
    pub section: String,
    /// `MUST` or `SHOULD`: a departure from a `MUST` clause weighs more.
    pub obligation: Obligation,
    /// How the controller departs, with its reasons.
    pub departure: Departure,
}

/// How a controller departs from a clause.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Departure {
    /// The controller does something else (SPEC §3: justification and compensating measure).
    Deviation {
        /// Why.
        justification: String,
        /// What it does instead; empty while undecided (a check reports that).
        compensating_measure: String,
    },
    /// The clause does not concern the controller's processing.
    NotApplicable {
        /// Why.
        justification: String,
    },
    /// The clause has no answer yet.
    Unaddressed,
    /// An answer to a clause the adopted version no longer has, kept through an upgrade
    /// (SPEC §4); a reviewer should see that the controller relies on a removed clause.
    Retained {
        /// The answer as it was given to the removed clause.
        answer: Answer,
        /// Why the controller keeps it.
        justification: String,
    },
}

/// The kinds of [`Departure`], for filtering.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[allow(missing_docs)] // One per variant of `Departure`.
pub enum DepartureKind {
    Deviation,
    NotApplicable,
    Unaddressed,
    Retained,
}

impl Departure {
    /// The kind of this departure.
    pub fn kind(&self) -> DepartureKind {
        match self {
            Departure::Deviation { .. } => DepartureKind::Deviation,
            Departure::NotApplicable { .. } => DepartureKind::NotApplicable,
            Departure::Unaddressed => DepartureKind::Unaddressed,
            Departure::Retained { .. } => DepartureKind::Retained,
        }
    }
}

/// Every departure of `adherence` from `code`, in the code's reading order, then the retained
/// answers to removed clauses. `kinds` keeps only those kinds; empty keeps all.
pub fn diff_against_code(
    code: &CodeOfConductContent,
    adherence: &Adherence,
    kinds: &[DepartureKind],
) -> Vec<ClauseDeparture> {
    let current = code.clauses.iter().filter_map(|clause| {
        let departure = match adherence.answer(clause.key.as_str()) {
            None => Departure::Unaddressed,
            Some(Answer::Compliant { .. }) => return None,
            Some(Answer::Deviation {
                justification,
                compensating_measure,
            }) => Departure::Deviation {
                justification: justification.clone(),
                compensating_measure: compensating_measure.clone(),
            },
            Some(Answer::NotApplicable { justification }) => Departure::NotApplicable {
                justification: justification.clone(),
            },
        };
        Some(ClauseDeparture {
            clause_key: clause.key.clone(),
            number: clause.number.clone(),
            section: clause.section.clone(),
            obligation: clause.obligation,
            departure,
        })
    });
    let retained = adherence.retained.iter().map(|kept| ClauseDeparture {
        clause_key: kept.clause.key.clone(),
        number: kept.clause.number.clone(),
        section: kept.clause.section.clone(),
        obligation: kept.clause.obligation,
        departure: Departure::Retained {
            answer: kept.answer.clone(),
            justification: kept.justification.clone(),
        },
    });
    current
        .chain(retained)
        .filter(|d| kinds.is_empty() || kinds.contains(&d.departure.kind()))
        .collect()
}
