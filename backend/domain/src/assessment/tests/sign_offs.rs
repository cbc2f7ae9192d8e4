//! Sign-offs (SPEC §2, Art. 35(2)).

use crate::assessment::testing::*;
use crate::assessment::*;

fn signed(by: &str, text: Option<&str>) -> SignOff {
    SignOff {
        by: by.to_owned(),
        on: date(2024, 3, 1),
        text: text.map(str::to_owned),
    }
}

#[test]
fn a_dpo_opinion_without_its_text_is_refused() {
    let sign_offs = SignOffs {
        dpo_opinion: Some(signed("Jane Doe, DPO", None)),
        ..SignOffs::default()
    };
    let error = Scenario::new().refused(AssessmentCommand::SetSignOffs(sign_offs));
    assert_eq!(error.item_key(), SIGN_OFFS_KEY);
    assert_eq!(error.field(), "dpo_opinion.text");
}

#[test]
fn a_signature_without_a_name_is_refused() {
    let sign_offs = SignOffs {
        management_approval: Some(signed(" ", None)),
        ..SignOffs::default()
    };
    let error = Scenario::new().refused(AssessmentCommand::SetSignOffs(sign_offs));
    assert_eq!(error.field(), "management_approval.by");
}

#[test]
fn a_next_review_more_than_a_year_after_approval_is_refused() {
    let sign_offs = SignOffs {
        management_approval: Some(signed("Director", None)),
        next_review_on: Some(date(2025, 3, 2)),
        ..SignOffs::default()
    };
    let error = Scenario::new().refused(AssessmentCommand::SetSignOffs(sign_offs.clone()));
    assert!(
        matches!(error, AssessmentError::ReviewTooLate { .. }),
        "{error}"
    );
    let on_time = SignOffs {
        next_review_on: Some(date(2025, 3, 1)),
        ..sign_offs
    };
    assert!(Scenario::new()
        .apply(AssessmentCommand::SetSignOffs(on_time))
        .is_ok());
}
