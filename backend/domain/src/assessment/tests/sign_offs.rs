//! Sign-offs (SPEC §2, Art. 35(2)): partial writes, and management approval only from the gate.

use crate::assessment::testing::*;
use crate::assessment::*;

fn signed(by: &str, text: Option<&str>) -> SignOff {
    SignOff {
        by: by.to_owned(),
        on: date(2024, 3, 1),
        text: text.map(str::to_owned),
    }
}

fn write(update: SignOffsUpdate) -> AssessmentCommand {
    AssessmentCommand::SetSignOffs(update)
}

fn dpo_opinion() -> SignOffsUpdate {
    SignOffsUpdate {
        dpo_opinion: Patch::Set(signed("Jane Doe, DPO", Some("I advise approval."))),
        ..SignOffsUpdate::default()
    }
}

#[test]
fn a_dpo_opinion_without_its_text_is_refused() {
    let update = SignOffsUpdate {
        dpo_opinion: Patch::Set(signed("Jane Doe, DPO", None)),
        ..SignOffsUpdate::default()
    };
    let error = Scenario::new().refused(write(update));
    assert_eq!(error.item_key(), SIGN_OFFS_KEY);
    assert_eq!(error.field(), "dpo_opinion.text");
}

#[test]
fn a_signature_without_a_name_is_refused() {
    let update = SignOffsUpdate {
        system_owner: Patch::Set(signed(" ", None)),
        ..SignOffsUpdate::default()
    };
    let error = Scenario::new().refused(write(update));
    assert_eq!(error.field(), "system_owner.by");
}

#[test]
fn a_sign_off_write_cannot_record_management_approval() {
    let forged = SignOffsUpdate {
        management_approval: Patch::Set(signed("Director", None)),
        ..SignOffsUpdate::default()
    };
    let error = Scenario::new().refused(write(forged));
    assert!(
        matches!(error, AssessmentError::ApprovalOnlyByGate { .. }),
        "{error}"
    );
    assert_eq!(error.item_key(), SIGN_OFFS_KEY);
    assert_eq!(error.field(), "management_approval");
}

#[test]
fn a_null_management_approval_leaves_the_recorded_one_alone() {
    let mut scenario = Scenario::new();
    scenario.local.sign_offs.management_approval = Some(signed("Director", None));
    let update = SignOffsUpdate {
        management_approval: Patch::Clear,
        processing_started_on: Patch::Set(date(2024, 4, 1)),
        ..SignOffsUpdate::default()
    };
    let after = scenario.apply(write(update)).expect("accepted");
    assert_eq!(
        after.sign_offs.management_approval,
        Some(signed("Director", None))
    );
}

#[test]
fn writing_only_the_start_of_processing_keeps_the_dpo_opinion() {
    let scenario = Scenario::new().given(write(dpo_opinion()));
    let update = SignOffsUpdate {
        processing_started_on: Patch::Set(date(2024, 5, 1)),
        ..SignOffsUpdate::default()
    };
    let after = scenario.apply(write(update)).expect("accepted");
    assert_eq!(
        after.sign_offs.processing_started_on,
        Some(date(2024, 5, 1))
    );
    assert_eq!(
        after.sign_offs.dpo_opinion,
        Some(signed("Jane Doe, DPO", Some("I advise approval.")))
    );
}

#[test]
fn a_named_null_clears_only_that_sign_off() {
    let scenario = Scenario::new().given(write(SignOffsUpdate {
        processing_started_on: Patch::Set(date(2024, 5, 1)),
        ..dpo_opinion()
    }));
    let update = SignOffsUpdate {
        dpo_opinion: Patch::Clear,
        ..SignOffsUpdate::default()
    };
    let after = scenario.apply(write(update)).expect("accepted");
    assert_eq!(after.sign_offs.dpo_opinion, None);
    assert_eq!(
        after.sign_offs.processing_started_on,
        Some(date(2024, 5, 1))
    );
}

#[test]
fn absent_members_keep_and_null_members_clear_in_the_json_form() {
    let update: SignOffsUpdate =
        serde_json::from_str(r#"{"dpo_opinion": null, "next_review_on": "2025-01-01"}"#)
            .expect("a sign-off write");
    assert_eq!(update.dpo_opinion, Patch::Clear);
    assert_eq!(update.system_owner, Patch::Keep);
    assert_eq!(update.next_review_on, Patch::Set(date(2025, 1, 1)));
}

#[test]
fn a_next_review_more_than_a_year_after_approval_is_refused() {
    let mut scenario = Scenario::new();
    scenario.local.sign_offs.management_approval = Some(signed("Director", None));
    let late = SignOffsUpdate {
        next_review_on: Patch::Set(date(2025, 3, 2)),
        ..SignOffsUpdate::default()
    };
    let error = scenario.refused(write(late));
    assert!(
        matches!(error, AssessmentError::ReviewTooLate { .. }),
        "{error}"
    );
    let on_time = SignOffsUpdate {
        next_review_on: Patch::Set(date(2025, 3, 1)),
        ..SignOffsUpdate::default()
    };
    assert!(scenario.apply(write(on_time)).is_ok());
}
