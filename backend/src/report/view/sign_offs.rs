//! Sign-offs and dates (SPEC §2): the DPO's opinion (Art. 35(2)), the system owner's and
//! management's approvals, the prior-consultation decision (Art. 36), when processing started
//! and when the assessment is next reviewed. A missing one is listed as missing, not left out.

use serde::Serialize;

use dpiahub_domain::assessment::{SignOff, SignOffs};

use super::labels::{word, words};
use crate::i18n::{Arg, Lang};

/// One line of the sign-off table.
#[derive(Debug, Serialize)]
pub struct SignOffRow {
    pub label: String,
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
pub(super) fn rows(
    lang: Lang,
    sign_offs: &SignOffs,
    status: &str,
    revision: i32,
) -> Vec<SignOffRow> {
    let consultation = sign_offs.prior_consultation.as_ref().map(|c| {
        let decided = c.decided_on.to_string();
        let key = if c.required {
            "report-consultation-required"
        } else {
            "report-consultation-not-required"
        };
        let mut detail = words(lang, key, &[("date", Arg::Text(&decided))]);
        if let Some(reference) = c.reference.as_deref().filter(|r| !r.trim().is_empty()) {
            detail.push_str(&words(
                lang,
                "report-consultation-reference",
                &[("reference", Arg::Text(reference))],
            ));
        }
        (detail, c.outcome.clone())
    });
    let row = |key: &str, recorded| row(lang, key, recorded);
    let signed = |key: &str, sign_off| signed(lang, key, sign_off);
    vec![
        signed("report-sign-off-dpo", sign_offs.dpo_opinion.as_ref()),
        signed(
            "report-sign-off-system-owner",
            sign_offs.system_owner.as_ref(),
        ),
        management_approval(
            lang,
            sign_offs.management_approval.as_ref(),
            status,
            revision,
        ),
        row("report-sign-off-consultation", consultation),
        row(
            "report-sign-off-processing-started",
            sign_offs
                .processing_started_on
                .map(|d| (d.to_string(), None)),
        ),
        row(
            "report-sign-off-next-review",
            sign_offs.next_review_on.map(|d| (d.to_string(), None)),
        ),
    ]
}

fn management_approval(
    lang: Lang,
    approval: Option<&SignOff>,
    status: &str,
    revision: i32,
) -> SignOffRow {
    const LABEL: &str = "report-sign-off-management";
    match approval {
        Some(_) if status == "APPROVED" => signed(lang, LABEL, approval),
        Some(earlier) if revision > 1 => {
            let previous = (revision - 1).to_string();
            let on = earlier.on.to_string();
            SignOffRow {
                label: word(lang, LABEL),
                recorded: false,
                detail: words(
                    lang,
                    "report-approval-earlier",
                    &[
                        ("revision", Arg::Text(&previous)),
                        ("by", Arg::Text(&earlier.by)),
                        ("on", Arg::Text(&on)),
                    ],
                ),
                text: None,
            }
        }
        _ => SignOffRow {
            label: word(lang, LABEL),
            recorded: false,
            detail: word(lang, "report-approval-missing-draft"),
            text: None,
        },
    }
}

fn signed(lang: Lang, label: &str, sign_off: Option<&SignOff>) -> SignOffRow {
    row(
        lang,
        label,
        sign_off.map(|s| (format!("{}, {}", s.by, s.on), s.text.clone())),
    )
}

fn row(lang: Lang, label: &str, recorded: Option<(String, Option<String>)>) -> SignOffRow {
    let label = word(lang, label);
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
            detail: word(lang, "report-missing"),
            text: None,
        },
    }
}
