//! Family 2, recipients with purposes of their own (seed 000).

use crate::checks::testing::*;
use crate::template::RecipientRole;

const LEGAL_BASIS: &str = "RECIPIENT_OWN_PURPOSES_LEGAL_BASIS";
const ANONYMISATION: &str = "RECIPIENT_ANONYMISATION_NOT_STATED";
const PURPOSES: &str = "RECIPIENT_OWN_PURPOSES_NOT_LISTED";
const VENDOR: &str = "recipient.vendor";

#[test]
fn an_independent_controller_without_a_legal_basis_for_the_disclosure_is_reported() {
    let fixture = Fixture::well_formed()
        .with_recipient(vendor(RecipientRole::IndependentController, &["Billing"]));
    let findings = fixture.findings(LEGAL_BASIS);
    assert_eq!(keys(&findings), [[VENDOR]]);
    assert!(
        findings[0].message.contains("'Billing'"),
        "{}",
        findings[0].message
    );
}

#[test]
fn a_processor_with_business_purposes_of_its_own_needs_the_legal_basis_too() {
    let fixture = Fixture::well_formed().with_recipient(vendor(
        RecipientRole::Processor,
        &["Billing", "Internal reporting", "Product improvement"],
    ));
    let findings = fixture.findings(LEGAL_BASIS);
    assert_eq!(keys(&findings), [[VENDOR]]);
    assert!(findings[0]
        .message
        .contains("'Billing', 'Internal reporting' and 'Product improvement'"));
}

#[test]
fn a_processor_acting_only_on_instructions_needs_no_disclosure_basis() {
    let fixture = Fixture::well_formed().with_recipient(vendor(RecipientRole::Processor, &[]));
    assert!(fixture.findings(LEGAL_BASIS).is_empty());
    assert!(fixture.findings(ANONYMISATION).is_empty());
}

#[test]
fn a_recorded_legal_basis_for_the_disclosure_passes() {
    let mut recipient = vendor(RecipientRole::IndependentController, &["Billing"]);
    recipient.legal_basis_for_disclosure = Some("Art. 6(1)(e), Act on X s. 3".to_owned());
    let fixture = Fixture::well_formed().with_recipient(recipient);
    assert!(fixture.findings(LEGAL_BASIS).is_empty());
}

#[test]
fn data_anonymised_before_it_leaves_needs_no_disclosure_basis() {
    let mut recipient = vendor(RecipientRole::Processor, &["Internal reporting"]);
    recipient.anonymised_before_transfer = Some(true);
    let fixture = Fixture::well_formed().with_recipient(recipient);
    assert!(fixture.findings(LEGAL_BASIS).is_empty());
}

#[test]
fn not_stating_whether_data_is_anonymised_before_transfer_is_reported() {
    let fixture = Fixture::well_formed()
        .with_recipient(vendor(RecipientRole::Processor, &["Product improvement"]));
    let findings = fixture.findings(ANONYMISATION);
    assert_eq!(keys(&findings), [[VENDOR]]);
}

#[test]
fn stating_that_data_is_not_anonymised_answers_the_question() {
    let mut recipient = vendor(RecipientRole::Processor, &["Product improvement"]);
    recipient.anonymised_before_transfer = Some(false);
    let fixture = Fixture::well_formed().with_recipient(recipient);
    assert!(fixture.findings(ANONYMISATION).is_empty());
}

#[test]
fn a_recipient_marked_not_applicable_is_skipped() {
    let fixture = Fixture::well_formed()
        .with_recipient(vendor(RecipientRole::IndependentController, &["Billing"]))
        .local(|l| {
            l.not_applicable
                .push(not_applicable(VENDOR, "We opted out of it."))
        });
    assert!(fixture.findings(LEGAL_BASIS).is_empty());
    assert!(fixture.findings(ANONYMISATION).is_empty());
}

#[test]
fn an_independent_controller_without_listed_purposes_is_a_warning() {
    let fixture =
        Fixture::well_formed().with_recipient(vendor(RecipientRole::IndependentController, &[]));
    assert_eq!(keys(&fixture.findings(PURPOSES)), [[VENDOR]]);
    let listed = Fixture::well_formed()
        .with_recipient(vendor(RecipientRole::IndependentController, &["Billing"]));
    assert!(listed.findings(PURPOSES).is_empty());
}
