//! Reading an adherence: the effective clauses, the monitoring figures (Art. 41) and the
//! links from clauses into the DPIA template.

use crate::adherence::testing::*;
use crate::adherence::{
    check_bindings, clause_figures, effective_adherence, Adherence, AdherenceStatus, StatusCounts,
};
use crate::disclosure::partition;
use crate::template::testing::key;

#[test]
fn every_clause_appears_in_reading_order_with_its_answer_or_unaddressed() {
    let adherence = adhere(
        &code(),
        &[],
        &[not_applicable(FREE_TEXT, "No messages module.")],
    );
    let clauses = effective_adherence(&code(), &adherence);
    let statuses: Vec<(&str, AdherenceStatus)> = (clauses.iter())
        .map(|c| (c.clause.key.as_str(), c.status))
        .collect();
    assert_eq!(
        statuses,
        [
            (ACCESS_REVIEW, AdherenceStatus::Unaddressed),
            (TRAINING, AdherenceStatus::Unaddressed),
            (FREE_TEXT, AdherenceStatus::NotApplicable),
        ]
    );
    assert_eq!(clauses[0].answer, None);
    assert_eq!(clauses[2].answer.as_ref(), adherence.answer(FREE_TEXT));
}

#[test]
fn figures_count_every_adopter_once_per_clause() {
    let adopters = [
        adhere(&code(), &[], &[compliant(TRAINING, "Trained.", &[])]),
        adhere(&code(), &[], &[compliant(TRAINING, "Trained.", &[])]),
        adhere(&code(), &[], &[deviation(TRAINING, "Later.", "")]),
        Adherence::default(),
    ];
    let figures = clause_figures(&code(), &adopters);
    assert_eq!(figures.len(), 3);
    assert_eq!(figures[1].clause_key, key(TRAINING));
    assert_eq!(
        figures[1].counts,
        StatusCounts {
            unaddressed: 1,
            compliant: 2,
            deviation: 1,
            not_applicable: 0,
        }
    );
    assert_eq!(figures[1].counts.as_row(), [1, 2, 1, 0]);
    assert_eq!(figures[0].counts.unaddressed, 4);
    assert!(figures.iter().all(|f| f.counts.total() == adopters.len()));
}

#[test]
fn figures_are_shaped_for_the_disclosure_rule() {
    let adopters: Vec<Adherence> = (0..10)
        .map(|i| {
            if i < 9 {
                adhere(&code(), &[], &[compliant(TRAINING, "Trained.", &[])])
            } else {
                adhere(&code(), &[], &[deviation(TRAINING, "Later.", "Course.")])
            }
        })
        .collect();
    let row = clause_figures(&code(), &adopters)[1].counts.as_row();
    // The one deviating adopter cannot be singled out by the code owner.
    assert_eq!(
        partition(&row, adopters.len()),
        [Some(0), None, None, Some(0)]
    );
}

#[test]
fn clause_links_the_dpia_template_lacks_are_reported() {
    assert!(check_bindings(&code(), &dpia_base()).is_empty());
    let mut code = code();
    code.clauses[2].binds_risks = vec![key("risk.nowhere")];
    code.clauses[2].binds_recommendations = vec![key("rec.nowhere")];
    let errors = check_bindings(&code, &dpia_base());
    let found: Vec<(&str, &str, &str)> = (errors.iter())
        .map(|e| (e.item_key.as_str(), e.field.as_str(), e.target.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (FREE_TEXT, "binds_recommendations", "rec.nowhere"),
            (FREE_TEXT, "binds_risks", "risk.nowhere")
        ]
    );
    assert!(errors[1]
        .to_string()
        .contains("not a risk of the DPIA template"));
}
