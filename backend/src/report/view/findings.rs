//! The compliance findings (SPEC §5) grouped by severity, errors first: what stands between
//! the assessment and its approval comes before what only needs a reviewer's eye.

use serde::Serialize;

use dpiahub_domain::checks::{Finding, Severity};

use super::labels::word;
use crate::i18n::Lang;

/// The findings of one assessment.
#[derive(Debug, Serialize)]
pub struct FindingsView {
    /// Non-empty groups only, `ERROR`, then `WARNING`, then `INFO`.
    pub groups: Vec<FindingGroup>,
    pub total: usize,
    pub errors: usize,
    pub warnings: usize,
}

/// The findings of one severity.
#[derive(Debug, Serialize)]
pub struct FindingGroup {
    pub severity: &'static str,
    pub heading: String,
    pub class: &'static str,
    pub findings: Vec<FindingView>,
}

/// One finding.
#[derive(Debug, Serialize)]
pub struct FindingView {
    pub rule_id: &'static str,
    pub legal_reference: &'static str,
    pub items: String,
    pub message: String,
}

/// `findings` grouped by severity, each group in the order the check engine reported.
pub(super) fn findings(lang: Lang, findings: &[Finding]) -> FindingsView {
    let severities = [
        (Severity::Error, "report-findings-errors", "error"),
        (Severity::Warning, "report-findings-warnings", "warning"),
        (Severity::Info, "report-findings-info", "info"),
    ];
    let count = |severity| findings.iter().filter(|f| f.severity == severity).count();
    FindingsView {
        groups: (severities.into_iter())
            .map(|(severity, heading, class)| FindingGroup {
                severity: severity.as_str(),
                heading: word(lang, heading),
                class,
                findings: (findings.iter())
                    .filter(|f| f.severity == severity)
                    .map(|f| FindingView {
                        rule_id: f.rule_id,
                        legal_reference: f.legal_reference,
                        items: f.item_keys.join(", "),
                        message: f.message.clone(),
                    })
                    .collect(),
            })
            .filter(|group| !group.findings.is_empty())
            .collect(),
        total: findings.len(),
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
    }
}
