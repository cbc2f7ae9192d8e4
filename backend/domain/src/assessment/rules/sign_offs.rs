//! Write rules for sign-offs (SPEC §2): signatures name a person, the DPO's opinion says
//! something (Art. 35(2)), and the next review is at most a year after approval.

use chrono::Months;

use super::blank;
use crate::assessment::{AssessmentError, Patch, SignOff, SignOffs, SignOffsUpdate, SIGN_OFFS_KEY};

/// Checks a sign-off write and the sign-offs it leaves (`after`). Management approval comes
/// only from the approval gate (SPEC §2 status): a write that names one is refused, so a
/// draft with open errors cannot claim it and silence the Art. 35(1) timing checks.
pub(crate) fn check_sign_offs_update(
    update: &SignOffsUpdate,
    after: &SignOffs,
) -> Result<(), AssessmentError> {
    if let Patch::Set(_) = update.management_approval {
        return Err(AssessmentError::ApprovalOnlyByGate {
            item_key: SIGN_OFFS_KEY.to_owned(),
            field: "management_approval".to_owned(),
        });
    }
    check_sign_offs(after)
}

/// Checks the sign-offs of one assessment.
pub(crate) fn check_sign_offs(sign_offs: &SignOffs) -> Result<(), AssessmentError> {
    let error = |field: &str| AssessmentError::EmptyText {
        item_key: SIGN_OFFS_KEY.to_owned(),
        field: field.to_owned(),
    };
    let signatures = [
        ("dpo_opinion", &sign_offs.dpo_opinion),
        ("system_owner", &sign_offs.system_owner),
        ("management_approval", &sign_offs.management_approval),
    ];
    for (name, signature) in signatures {
        let Some(SignOff { by, text, .. }) = signature else {
            continue;
        };
        if blank(by) {
            return Err(error(&format!("{name}.by")));
        }
        if text.as_deref().is_some_and(blank) {
            return Err(error(&format!("{name}.text")));
        }
    }
    if let Some(opinion) = &sign_offs.dpo_opinion {
        if opinion.text.is_none() {
            return Err(error("dpo_opinion.text"));
        }
    }
    if let Some(consultation) = &sign_offs.prior_consultation {
        for (field, text) in [
            ("prior_consultation.reference", &consultation.reference),
            ("prior_consultation.outcome", &consultation.outcome),
        ] {
            if text.as_deref().is_some_and(blank) {
                return Err(error(field));
            }
        }
    }
    // SPEC §2: the assessment is reviewed at least annually.
    if let (Some(approval), Some(next_review_on)) =
        (&sign_offs.management_approval, sign_offs.next_review_on)
    {
        let latest = approval.on.checked_add_months(Months::new(12));
        if latest.is_some_and(|latest| next_review_on > latest) {
            return Err(AssessmentError::ReviewTooLate {
                item_key: SIGN_OFFS_KEY.to_owned(),
                field: "next_review_on".to_owned(),
                approved_on: approval.on,
                next_review_on,
            });
        }
    }
    Ok(())
}
