//! Personal-data breaches relevant to the processing (SPEC §2). They feed the likelihood check
//! of SPEC §5 rule 6 (seed 003: a misdirected-message breach 8 months before the risk was rated
//! "Mindre sandsynlig").

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::template::ItemKey;

/// One incident.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Incident {
    /// Stable key, starting with `local.`.
    pub key: ItemKey,
    /// When it happened.
    pub occurred_on: NaiveDate,
    /// What happened.
    pub description: String,
    /// Keys of the risks (inherited or local) that materialised.
    pub risks: Vec<ItemKey>,
    /// Whether the authority was notified (Art. 33).
    pub notified_art33: bool,
    /// Whether the data subjects were informed (Art. 34).
    pub notified_art34: bool,
}
