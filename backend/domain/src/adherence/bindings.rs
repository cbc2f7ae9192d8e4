//! The links from clauses into a DPIA template (issue 8): a clause that makes a
//! recommendation binding, or addresses a risk, must name one the accompanying DPIA template
//! holds, or the consistency check would silently compare nothing. Template validation cannot
//! see the DPIA template, so the server runs this when a code is published for one.

use thiserror::Error;

use crate::template::{CodeOfConductContent, DpiaContent};

/// A clause link to something the DPIA template does not hold.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("{item_key}: `{field}` refers to `{target}`, which is not a {expected} of the DPIA template this code accompanies")]
pub struct BindingError {
    /// The clause.
    pub item_key: String,
    /// `binds_recommendations` or `binds_risks`.
    pub field: String,
    /// The key linked to.
    pub target: String,
    /// `recommendation` or `risk`.
    pub expected: &'static str,
}

/// Every clause link of `code` that `dpia` does not resolve, in clause order.
pub fn check_bindings(code: &CodeOfConductContent, dpia: &DpiaContent) -> Vec<BindingError> {
    let mut errors = Vec::new();
    for clause in &code.clauses {
        let links = (clause.binds_recommendations.iter())
            .filter(|key| !dpia.recommendations.iter().any(|r| &r.key == *key))
            .map(|key| (key, "binds_recommendations", "recommendation"))
            .chain(
                (clause.binds_risks.iter())
                    .filter(|key| !dpia.risks.iter().any(|r| &r.key == *key))
                    .map(|key| (key, "binds_risks", "risk")),
            );
        for (target, field, expected) in links {
            errors.push(BindingError {
                item_key: clause.key.to_string(),
                field: field.to_owned(),
                target: target.to_string(),
                expected,
            });
        }
    }
    errors
}
