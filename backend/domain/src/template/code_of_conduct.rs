//! The content of a code-of-conduct template version (Art. 40, SPEC §3): numbered clauses
//! each adopter answers `COMPLIANT`, `DEVIATION` or `NOT_APPLICABLE`.

use serde::{Deserialize, Serialize};

use super::{ItemKey, Obligation};

/// Everything a code-of-conduct version holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeOfConductContent {
    /// The clauses, in reading order.
    pub clauses: Vec<Clause>,
}

/// One clause of a code of conduct.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Clause {
    /// Stable key, unique in the template.
    pub key: ItemKey,
    /// The section heading the clause stands under.
    pub section: String,
    /// The clause number as printed, e.g. "4.2".
    pub number: String,
    /// The clause itself.
    pub text: String,
    /// `MUST` or `SHOULD`.
    pub obligation: Obligation,
    /// Keys of DPIA recommendations (of the template the code accompanies) the clause binds.
    pub binds_recommendations: Vec<ItemKey>,
    /// Keys of DPIA risks (of the template the code accompanies) the clause addresses.
    pub binds_risks: Vec<ItemKey>,
}
