//! What a check reports (SPEC §5): a finding names its rule, how serious it is, the law it
//! rests on, the items concerned and what the person is to do about it.

use std::collections::BTreeMap;

use serde::Serialize;

/// How serious a finding is. Ordered from most to least serious, so sorting findings by
/// severity puts errors first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Severity {
    /// A defect the authority would criticise; management approval is refused while one is
    /// open (SPEC §2 status, issue 7 approval gate).
    Error,
    /// Something a reviewer must look at; approval needs it acknowledged with a comment.
    Warning,
    /// Worth knowing; needs nothing.
    Info,
}

impl Severity {
    /// The severity's name as in JSON and GraphQL, e.g. `ERROR`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "ERROR",
            Severity::Warning => "WARNING",
            Severity::Info => "INFO",
        }
    }
}

/// One finding of one rule about one assessment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule's stable id, e.g. `A35_7A_SUBJECT_COUNT` (see [`super::rules`]).
    pub rule_id: &'static str,
    /// The rule's severity.
    pub severity: Severity,
    /// The provision the rule rests on, e.g. "GDPR Art. 35(7)(a)".
    pub legal_reference: &'static str,
    /// Keys of the items concerned (the sign-offs are [`crate::assessment::SIGN_OFFS_KEY`]).
    pub item_keys: Vec<String>,
    /// What is wrong and what to do, in plain English, naming the items.
    pub message: String,
}

/// Finding counts of one assessment, for the adopter overview (SPEC §4, issue 7).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FindingCounts {
    /// Number of `ERROR` findings.
    pub errors: usize,
    /// Number of `WARNING` findings.
    pub warnings: usize,
    /// Number of `INFO` findings.
    pub infos: usize,
    /// Number of findings per rule id; rules without findings are absent.
    pub per_rule: BTreeMap<&'static str, usize>,
}

impl FindingCounts {
    /// Counts `findings` by severity and by rule.
    pub fn of(findings: &[Finding]) -> Self {
        let mut counts = FindingCounts::default();
        for finding in findings {
            match finding.severity {
                Severity::Error => counts.errors += 1,
                Severity::Warning => counts.warnings += 1,
                Severity::Info => counts.infos += 1,
            }
            *counts.per_rule.entry(finding.rule_id).or_default() += 1;
        }
        counts
    }
}
