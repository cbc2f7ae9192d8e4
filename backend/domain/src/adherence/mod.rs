//! A controller's adherence to a code of conduct (GDPR Art. 40, SPEC §3 last paragraphs,
//! issue 8): per clause of an adopted, published code version the answer `COMPLIANT`
//! (evidence and the DPIA measures that meet it), `DEVIATION` (justification and
//! compensating measure) or `NOT_APPLICABLE` (justification); `UNADDRESSED` until answered.
//!
//! It mirrors the assessment machinery: writes are commands checked by [`apply`]; reads join
//! the code's clauses with the answers ([`effective_adherence`]); upgrades to a new code
//! version are previewed and resolved with the assessment's upgrade types; the checks return
//! the assessment checks' [`crate::checks::Finding`]s, including the consistency between a
//! clause answer and the DPIA response to a recommendation the clause makes binding; and the
//! monitoring body (Art. 41) gets counts per clause ([`clause_figures`]), which the server
//! passes through [`crate::disclosure::partition`]. The authority reads every departure from
//! plain compliance with [`diff_against_code`].

mod answer;
mod apply;
mod bindings;
mod checks;
mod command;
mod diff;
mod effective;
mod error;
mod figures;
mod upgrade;

pub use answer::{Adherence, AdherenceStatus, Answer, ClauseAnswer, RetainedAnswer};
pub use apply::apply;
pub use bindings::{check_bindings, BindingError};
pub use checks::{adherence_checks, adherence_rule, adherence_rules, AdherenceRule};
pub use command::AdherenceCommand;
pub use diff::{diff_against_code, ClauseDeparture, Departure, DepartureKind};
pub use effective::{effective_adherence, EffectiveClause};
pub use error::AdherenceError;
pub use figures::{clause_figures, ClauseFigures, StatusCounts};
pub use upgrade::{
    apply_adherence_upgrade, preview_adherence_upgrade, AdherenceUpgradePreview, ClauseReview,
};

#[cfg(test)]
mod testing;
#[cfg(test)]
mod tests;
