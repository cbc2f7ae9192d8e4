//! The controller's own items (SPEC §2 "local additions").

use serde_json::json;

use crate::assessment::testing::*;
use crate::assessment::*;
use crate::template::testing::{key, risk};

fn add_risk(risk_key: &str, likelihood: u8, consequence: u8) -> AssessmentCommand {
    AssessmentCommand::UpsertLocalItem(LocalAddition::Risk(risk(
        risk_key,
        "scope.messages",
        likelihood,
        consequence,
    )))
}

#[test]
fn a_local_risk_is_local_throughout() {
    let scenario = Scenario::new().given(add_risk("local.risk.photos", 2, 3));
    let effective = scenario.effective();
    let local = effective.risk("local.risk.photos").unwrap();
    assert_eq!(local.provenance, ItemProvenance::Local);
    assert_eq!(local.likelihood.provenance, Provenance::Local);
    assert_eq!(local.central_level, None);
}

#[test]
fn a_new_local_key_must_start_with_local() {
    let error = Scenario::new().refused(add_risk("risk.photos", 2, 3));
    assert_eq!(
        error,
        AssessmentError::NotALocalKey {
            item_key: "risk.photos".to_owned(),
            field: "key".to_owned(),
        }
    );
}

#[test]
fn a_local_item_reusing_a_key_is_refused() {
    let error = Scenario::new().refused(add_risk(MISDIRECTED, 2, 3));
    assert!(
        matches!(error, AssessmentError::DuplicateKey { .. }),
        "{error}"
    );
    let scenario = Scenario::new().given(measure("local.shared").upsert());
    let error = scenario.refused(add_risk("local.shared", 2, 3));
    assert!(
        matches!(error, AssessmentError::DuplicateKey { .. }),
        "{error}"
    );
}

#[test]
fn a_local_risk_outside_the_scale_or_scope_is_refused() {
    let error = Scenario::new().refused(add_risk("local.risk", 5, 1));
    assert!(
        matches!(error, AssessmentError::OutOfScale { .. }),
        "{error}"
    );
    let error = Scenario::new().refused(AssessmentCommand::UpsertLocalItem(LocalAddition::Risk(
        risk("local.risk", "scope.payroll", 1, 1),
    )));
    assert_eq!(error.field(), "scope");
}

#[test]
fn removing_a_local_risk_that_a_measure_mitigates_is_refused() {
    let scenario = Scenario::new()
        .given(add_risk("local.risk.photos", 2, 3))
        .given(
            measure("local.consent")
                .mitigating(&["local.risk.photos"])
                .upsert(),
        );
    let error = scenario.refused(AssessmentCommand::RemoveLocalItem {
        item_key: key("local.risk.photos"),
    });
    assert_eq!(
        error,
        AssessmentError::StillReferenced {
            item_key: "local.risk.photos".to_owned(),
            field: "mitigates".to_owned(),
            by: "local.consent".to_owned(),
        }
    );
}

#[test]
fn removing_an_unreferenced_local_risk_is_accepted() {
    let scenario = Scenario::new()
        .given(add_risk("local.risk.photos", 2, 3))
        .given(AssessmentCommand::RemoveLocalItem {
            item_key: key("local.risk.photos"),
        });
    assert!(scenario.local.additions.risks.is_empty());
}

#[test]
fn removing_a_template_item_is_refused() {
    let error = Scenario::new().refused(AssessmentCommand::RemoveLocalItem {
        item_key: key(MISDIRECTED),
    });
    assert!(matches!(error, AssessmentError::NotLocal { .. }), "{error}");
}

#[test]
fn a_local_item_cannot_be_overridden() {
    let scenario = Scenario::new().given(add_risk("local.risk.photos", 2, 3));
    let error = scenario.refused(set_override(
        "local.risk.photos",
        "likelihood",
        json!(1),
        "r",
    ));
    assert!(
        matches!(error, AssessmentError::NotOverridable { .. }),
        "{error}"
    );
}

#[test]
fn a_local_recipient_joins_its_inherited_activity() {
    let mut recipient = crate::template::testing::messages_activity().recipients[0].clone();
    recipient.key = key("local.recipient.archive");
    let scenario = Scenario::new().given(AssessmentCommand::UpsertLocalItem(
        LocalAddition::Recipient(LocalNested {
            activity_key: key("activity.messages"),
            item: recipient.clone(),
        }),
    ));
    let effective = scenario.effective();
    let recipients = &effective.activities[0].recipients;
    assert_eq!(recipients.len(), 2);
    assert_eq!(recipients[1].provenance, ItemProvenance::Local);
    let error = Scenario::new().refused(AssessmentCommand::UpsertLocalItem(
        LocalAddition::Recipient(LocalNested {
            activity_key: key("activity.payroll"),
            item: recipient,
        }),
    ));
    assert!(
        matches!(error, AssessmentError::DanglingReference { .. }),
        "{error}"
    );
}
