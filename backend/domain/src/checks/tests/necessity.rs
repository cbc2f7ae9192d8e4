//! Family 3, necessity and proportionality (Art. 35(7)(b)).

use serde_json::json;

use crate::assessment::Override;
use crate::checks::testing::*;
use crate::template::testing::key;

const UNANSWERED: &str = "A35_7B_NECESSITY_UNANSWERED";
const QUESTION: &str = "necessity.minimisation";

fn left_to_adopters() -> Fixture {
    Fixture::well_formed().base(|b| b.necessity_questions[0].central_answer = None)
}

#[test]
fn a_question_without_a_central_or_local_answer_is_reported() {
    let findings = left_to_adopters().findings(UNANSWERED);
    assert_eq!(keys(&findings), [[QUESTION]]);
    assert!(findings[0]
        .message
        .contains("Is only necessary data processed?"));
}

#[test]
fn a_central_answer_passes() {
    assert!(Fixture::well_formed().findings(UNANSWERED).is_empty());
}

#[test]
fn a_local_answer_passes() {
    let fixture = left_to_adopters().local(|l| {
        l.overrides.push(Override {
            item_key: key(QUESTION),
            field: "central_answer".to_owned(),
            value: json!("Only names and messages; free text is discouraged."),
            justification: "The template leaves this question to each adopter.".to_owned(),
        });
    });
    assert!(fixture.findings(UNANSWERED).is_empty());
}

#[test]
fn a_question_marked_not_applicable_is_skipped() {
    let fixture = left_to_adopters().local(|l| {
        l.not_applicable
            .push(not_applicable(QUESTION, "Answered in the joint DPIA."))
    });
    assert!(fixture.findings(UNANSWERED).is_empty());
}
