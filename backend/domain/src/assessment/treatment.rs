//! Risk treatment (SPEC §2, Art. 35(7)(d)): what the controller decided about a risk and the
//! residual likelihood and consequence, stated explicitly — seed 003's 27 high risks were
//! "reduced to medium" without either, so nobody could follow the reasoning.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::template::ItemKey;

/// What the controller does about a risk.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TreatmentDecision {
    /// Measures bring the likelihood or consequence down.
    Reduce,
    /// The risk is accepted as it is (by a named person, on a date).
    Accept,
    /// The processing that causes the risk is not carried out.
    Avoid,
    /// The risk is carried by someone else, e.g. by contract or insurance.
    Transfer,
}

/// The treatment of one risk. The measures that justify a reduction are the measures whose
/// `mitigates` names the risk (one link, held on the measure, so the two cannot disagree).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskTreatment {
    /// The risk treated (inherited or local).
    pub risk_key: ItemKey,
    /// The decision.
    pub decision: TreatmentDecision,
    /// Residual likelihood after treatment, a value of the model's likelihood scale.
    pub residual_likelihood: u8,
    /// Residual consequence after treatment, a value of the model's consequence scale.
    pub residual_consequence: u8,
    /// Why the residual values are what they are; required when the residual level is
    /// below the inherent level.
    pub rationale: String,
    /// Who accepted the residual risk; required for `ACCEPT`.
    pub accepted_by: Option<String>,
    /// When the residual risk was accepted; required together with `accepted_by`.
    pub accepted_on: Option<NaiveDate>,
}
