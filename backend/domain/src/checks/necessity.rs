//! Family 3, necessity and proportionality (Art. 35(7)(b), SPEC §5.3): every question the
//! template asks needs an answer, the central one or the controller's own. A question marked
//! not applicable (with a justification) is skipped.

use super::{missing, Context, Finding, Rule, Severity};

pub(super) static RULES: &[Rule] = &[Rule {
    id: "A35_7B_NECESSITY_UNANSWERED",
    severity: Severity::Error,
    legal_reference: "GDPR Art. 35(7)(b)",
    description: "A necessity or proportionality question has no answer, central or local.",
    check: necessity_unanswered,
}];

fn necessity_unanswered(rule: &Rule, context: &Context<'_>) -> Vec<Finding> {
    (context.assessment.necessity_questions.iter())
        .filter(|q| q.is_applicable() && missing(q.value.central_answer.as_deref()))
        .map(|question| {
            rule.finding(
                vec![question.key.to_string()],
                format!(
                    "Answer the necessity and proportionality question '{}' ({}) for your \
                     processing; the template leaves it to you.",
                    question.value.question, question.key
                ),
            )
        })
        .collect()
}
