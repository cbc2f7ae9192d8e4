//! Sign-offs and dates (SPEC §2): the DPO's opinion (Art. 35(2)), the system owner's and
//! management's approvals, the prior-consultation decision (Art. 36), when processing started
//! and when the assessment is next reviewed. A missing one is listed as missing, not left out.

use serde::Serialize;

use dpiahub_domain::assessment::{SignOff, SignOffs};

/// One line of the sign-off table.
#[derive(Debug, Serialize)]
pub struct SignOffRow {
    pub label: &'static str,
    pub recorded: bool,
    /// Who and when, the decision, or the date; "missing" when not recorded.
    pub detail: String,
    /// The opinion, remarks or consultation outcome, if any.
    pub text: Option<String>,
}

/// The sign-off table, in the order the steps are taken. Management approval is the one the
/// approval gate recorded: "yes" only for an approved revision; a draft after an approval
/// shows the earlier revision's approval as earlier, and a first draft shows none, whatever
/// its stored sign-offs say (data written before only the gate could record it).
pub(super) fn rows(sign_offs: &SignOffs, status: &str, revision: i32) -> Vec<SignOffRow> {
    let consultation = sign_offs.prior_consultation.as_ref().map(|c| {
        let mut detail = if c.required {
            format!("required (decided {})", c.decided_on)
        } else {
            format!("not required (decided {})", c.decided_on)
        };
        if let Some(reference) = c.reference.as_deref().filter(|r| !r.trim().is_empty()) {
            detail.push_str(&format!("; authority reference {reference}"));
        }
        (detail, c.outcome.clone())
    });
    vec![
        signed("DPO opinion (Art. 35(2))", sign_offs.dpo_opinion.as_ref()),
        signed("System owner approval", sign_offs.system_owner.as_ref()),
        management_approval(sign_offs.management_approval.as_ref(), status, revision),
        row("Prior consultation decision (Art. 36)", consultation),
        row(
            "Processing started / starts",
            sign_offs
                .processing_started_on
                .map(|d| (d.to_string(), None)),
        ),
        row(
            "Next review",
            sign_offs.next_review_on.map(|d| (d.to_string(), None)),
        ),
    ]
}

fn management_approval(approval: Option<&SignOff>, status: &str, revision: i32) -> SignOffRow {
    const LABEL: &str = "Management approval";
    match approval {
        Some(_) if status == "APPROVED" => signed(LABEL, approval),
        Some(earlier) if revision > 1 => SignOffRow {
            label: LABEL,
            recorded: false,
            detail: format!(
                "not yet for this draft (revision {} was approved by {}, {})",
                revision - 1,
                earlier.by,
                earlier.on
            ),
            text: None,
        },
        _ => SignOffRow {
            label: LABEL,
            recorded: false,
            detail: "missing: not approved (draft)".to_owned(),
            text: None,
        },
    }
}

fn signed(label: &'static str, sign_off: Option<&SignOff>) -> SignOffRow {
    row(
        label,
        sign_off.map(|s| (format!("{}, {}", s.by, s.on), s.text.clone())),
    )
}

fn row(label: &'static str, recorded: Option<(String, Option<String>)>) -> SignOffRow {
    match recorded {
        Some((detail, text)) => SignOffRow {
            label,
            recorded: true,
            detail,
            text: text.filter(|t| !t.trim().is_empty()),
        },
        None => SignOffRow {
            label,
            recorded: false,
            detail: "missing".to_owned(),
            text: None,
        },
    }
}
