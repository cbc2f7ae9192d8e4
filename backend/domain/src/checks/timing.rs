//! Family 7, timing (Art. 35(1), Art. 35(11), SPEC §5.7). Seed 003: a DPIA made about three
//! years after the municipality knew it was controller, and only after the authority asked.
//! The assessment must be approved before processing starts and reviewed at least annually.

use chrono::Months;

use super::{Context, Finding, Rule, Severity};
use crate::assessment::SIGN_OFFS_KEY;

pub(super) static RULES: &[Rule] = &[
    Rule {
        id: "A35_1_PROCESSING_START_UNKNOWN",
        severity: Severity::Error,
        legal_reference: "GDPR Art. 35(1), Art. 5(2)",
        description: "The date processing started or will start is not recorded.",
        check: processing_start_unknown,
    },
    Rule {
        id: "A35_1_PROCESSING_WITHOUT_APPROVAL",
        severity: Severity::Error,
        legal_reference: "GDPR Art. 35(1)",
        description: "Processing has started and the assessment has no management approval.",
        check: processing_without_approval,
    },
    Rule {
        id: "A35_1_APPROVED_AFTER_PROCESSING_STARTED",
        severity: Severity::Warning,
        legal_reference: "GDPR Art. 35(1)",
        description: "The management approval is dated after processing started.",
        check: approved_after_processing_started,
    },
    Rule {
        id: "A35_11_REVIEW_OVERDUE",
        severity: Severity::Error,
        legal_reference: "GDPR Art. 35(11), Art. 32(1)(d)",
        description: "The review is overdue: the review interval since the last approval has passed, or the next review date has.",
        check: review_overdue,
    },
    Rule {
        id: "A35_11_NEXT_REVIEW_NOT_SET",
        severity: Severity::Warning,
        legal_reference: "GDPR Art. 35(11)",
        description: "The assessment is approved but no next review date is set.",
        check: next_review_not_set,
    },
];

fn sign_offs_key() -> Vec<String> {
    vec![SIGN_OFFS_KEY.to_owned()]
}

fn processing_start_unknown(rule: &Rule, context: &Context<'_>) -> Vec<Finding> {
    if context.assessment.sign_offs.processing_started_on.is_some() {
        return Vec::new();
    }
    vec![rule.finding(
        sign_offs_key(),
        "Record the date processing started or will start. Without it nobody can show that \
         the assessment was made and approved before processing began."
            .to_owned(),
    )]
}

fn processing_without_approval(rule: &Rule, context: &Context<'_>) -> Vec<Finding> {
    let sign_offs = &context.assessment.sign_offs;
    match (
        sign_offs.processing_started_on,
        &sign_offs.management_approval,
    ) {
        (Some(started), None) if started <= context.today => vec![rule.finding(
            sign_offs_key(),
            format!(
                "Processing started on {started} and management has not approved the \
                 assessment. Complete it and have it approved now; the assessment must come \
                 before the processing."
            ),
        )],
        _ => Vec::new(),
    }
}

fn approved_after_processing_started(rule: &Rule, context: &Context<'_>) -> Vec<Finding> {
    let sign_offs = &context.assessment.sign_offs;
    match (
        sign_offs.processing_started_on,
        &sign_offs.management_approval,
    ) {
        (Some(started), Some(approval)) if approval.on > started => vec![rule.finding(
            sign_offs_key(),
            format!(
                "Management approved the assessment on {} but processing started on \
                 {started}. This cannot be undone: record in the assessment why it came late \
                 and what was done about the risks in the meantime.",
                approval.on
            ),
        )],
        _ => Vec::new(),
    }
}

fn review_overdue(rule: &Rule, context: &Context<'_>) -> Vec<Finding> {
    let sign_offs = &context.assessment.sign_offs;
    let months = context.settings.review_interval_months();
    let interval_ends = (sign_offs.management_approval.as_ref())
        .and_then(|a| Some((a.on, a.on.checked_add_months(Months::new(months))?)));
    let message = match (interval_ends, sign_offs.next_review_on) {
        (Some((approved, due)), _) if due < context.today => format!(
            "The assessment was last approved on {approved}, more than {months} months ago. \
             Review it against the processing as it is today (risks, measures, incidents), \
             and have the result approved."
        ),
        (_, Some(next)) if next < context.today => format!(
            "The next review was due on {next}. Review the assessment against the processing \
             as it is today, have it approved, and set the next review date."
        ),
        _ => return Vec::new(),
    };
    vec![rule.finding(sign_offs_key(), message)]
}

fn next_review_not_set(rule: &Rule, context: &Context<'_>) -> Vec<Finding> {
    let sign_offs = &context.assessment.sign_offs;
    match (&sign_offs.management_approval, sign_offs.next_review_on) {
        (Some(approval), None) => vec![rule.finding(
            sign_offs_key(),
            format!(
                "Set the date of the next review, at most {} months after the approval of {}.",
                context.settings.review_interval_months(),
                approval.on
            ),
        )],
        _ => Vec::new(),
    }
}
