//! The approval gate (SPEC §2 status, §5; issue 7): management approval is refused while an
//! `ERROR` finding is open; warnings need an acknowledgement with a comment, which the approval
//! records (and the audit trail with it).

use chrono::NaiveDate;

use crate::domain::assessment::{effective, violations, LocalChanges, SignOff};
use crate::domain::checks::{run_checks_for_approval, CheckSettings, Finding, Severity};
use crate::domain::template::DpiaContent;
use crate::error::{AppError, AppResult, RefusedFinding};

/// Who approves, when, and what they say about the open warnings.
pub struct ApprovalRequest {
    pub by: String,
    pub on: NaiveDate,
    pub acknowledgement: Option<String>,
}

/// What an approval records: the local changes with the management approval signed, and the
/// warnings that were acknowledged.
pub struct Approval {
    pub local: LocalChanges,
    pub acknowledged: Vec<Finding>,
}

fn refused(findings: &[Finding]) -> Vec<RefusedFinding> {
    findings
        .iter()
        .map(|f| RefusedFinding {
            rule_id: f.rule_id.to_string(),
            legal_reference: f.legal_reference.to_string(),
            severity: format!("{:?}", f.severity).to_uppercase(),
            item_keys: f.item_keys.clone(),
            message: f.message.clone(),
        })
        .collect()
}

/// `A35_7A_SUBJECT_COUNT ×16, A35_2_DPO_OPINION_MISSING`: each rule once, with its count.
fn per_rule(findings: &[Finding]) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for f in findings {
        match counts.iter_mut().find(|(id, _)| *id == f.rule_id) {
            Some((_, n)) => *n += 1,
            None => counts.push((f.rule_id, 1)),
        }
    }
    counts
        .into_iter()
        .map(|(id, n)| {
            if n > 1 {
                format!("{id} ×{n}")
            } else {
                id.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn gate(
    base: &DpiaContent,
    local: &LocalChanges,
    settings: &CheckSettings,
    request: ApprovalRequest,
) -> AppResult<Approval> {
    let mut problems = violations(base, local);
    if !problems.is_empty() {
        let count = problems.len();
        let first = problems.remove(0);
        return Err(AppError::Validation {
            field: first.field().to_string(),
            item_key: Some(first.item_key().to_string()),
            message: format!("approval refused: {first} ({count} problem(s) in all)"),
        });
    }
    let sign_off = SignOff {
        by: request.by.clone(),
        on: request.on,
        text: request.acknowledgement.clone(),
    };
    let findings = run_checks_for_approval(
        &effective(base, local),
        settings,
        sign_off.clone(),
        request.on,
    );
    let (errors, warnings): (Vec<Finding>, Vec<Finding>) = findings
        .into_iter()
        .filter(|f| f.severity != Severity::Info)
        .partition(|f| f.severity == Severity::Error);
    if !errors.is_empty() {
        return Err(AppError::ApprovalRefused {
            field: "approval",
            message: format!(
                "approval refused: {} open ERROR finding(s) must be fixed first: {}",
                errors.len(),
                per_rule(&errors)
            ),
            findings: refused(&errors),
        });
    }
    let acknowledged = request
        .acknowledgement
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty());
    if !warnings.is_empty() && acknowledged.is_none() {
        return Err(AppError::ApprovalRefused {
            field: "acknowledgement",
            message: format!(
                "{} warning(s) are open; approve with an acknowledgement saying why they are accepted",
                warnings.len()
            ),
            findings: refused(&warnings),
        });
    }
    let mut approved = local.clone();
    approved.sign_offs.management_approval = Some(sign_off);
    Ok(Approval {
        local: approved,
        acknowledged: warnings,
    })
}

/// Management approval through the gate, as one write in `tx`: the one path of the API's
/// `approveAssessment` and the web's approval form. `signatory` names who approves (default:
/// the signed-in user); the audit entry records the acknowledgement and the warnings it covers.
pub fn approve(
    tx: &mut crate::audit::WriteTx<'_>,
    assessment_id: &str,
    expected_version: i64,
    settings: &CheckSettings,
    today: NaiveDate,
    acknowledgement: Option<String>,
    signatory: Option<&str>,
) -> AppResult<crate::store::assessments::Assessment> {
    let by = signatory
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or(&tx.actor().email)
        .to_string();
    crate::store::assessments::approve(tx, assessment_id, expected_version, |base, local| {
        let approval = gate(
            base,
            local,
            settings,
            ApprovalRequest {
                by,
                on: today,
                acknowledgement: acknowledgement.clone(),
            },
        )?;
        let note = serde_json::json!({
            "acknowledgement": acknowledgement,
            "acknowledged_warnings": approval
                .acknowledged
                .iter()
                .map(|f| f.rule_id)
                .collect::<Vec<_>>(),
        });
        Ok((approval.local, note))
    })
}
