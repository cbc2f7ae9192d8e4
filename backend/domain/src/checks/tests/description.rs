//! Family 1, the systematic description (Art. 35(7)(a)).

use std::collections::BTreeSet;

use crate::checks::testing::*;
use crate::template::{DataCategoryKind, LegalBasis, ProcessingOperation, RecipientRole};

const SUBJECT_COUNT: &str = "A35_7A_SUBJECT_COUNT";
const SPECIAL_TYPE: &str = "A35_7A_SPECIAL_CATEGORY_TYPE";
const ONLY_COLLECTION: &str = "A35_7A_OPERATIONS_ONLY_COLLECTION";
const PURPOSE: &str = "A35_7A_PURPOSE_MISSING";
const LEGAL_BASIS: &str = "A35_7A_LEGAL_BASIS_MISSING";
const ART9: &str = "A35_7A_ART9_EXCEPTION_MISSING";
const ART10: &str = "A35_7A_ART10_BASIS_MISSING";
const RETENTION: &str = "A35_7A_RETENTION_MISSING";
const TRANSFER: &str = "A35_7A_TRANSFER_BASIS_MISSING";
const METADATA: &str = "A35_7A_METADATA_NOT_MAPPED";

fn without_count() -> Fixture {
    Fixture::well_formed().local(|l| l.completions.clear())
}

#[test]
fn a_subject_category_without_a_count_is_reported_by_name() {
    let findings = without_count().findings(SUBJECT_COUNT);
    assert_eq!(keys(&findings), [[PUPILS]]);
    assert!(
        findings[0].message.contains("'Pupils'"),
        "{}",
        findings[0].message
    );
    assert!(findings[0].message.contains(ACTIVITY));
}

#[test]
fn a_subject_category_with_a_completed_count_passes() {
    assert!(Fixture::well_formed().findings(SUBJECT_COUNT).is_empty());
}

#[test]
fn a_subject_category_of_an_activity_marked_not_applicable_is_skipped() {
    let fixture = without_count().local(|l| {
        l.not_applicable
            .push(not_applicable(ACTIVITY, "We do not use messages."))
    });
    assert!(fixture.findings(SUBJECT_COUNT).is_empty());
}

fn special_without_type() -> Fixture {
    Fixture::well_formed().base(|b| b.activities[0].data_categories[0].special_category = None)
}

#[test]
fn special_category_data_without_its_type_is_reported() {
    let findings = special_without_type().findings(SPECIAL_TYPE);
    assert_eq!(keys(&findings), [[HEALTH]]);
    assert!(findings[0].message.contains("Art. 9(1)"));
}

#[test]
fn special_category_data_with_its_type_passes() {
    assert!(Fixture::well_formed().findings(SPECIAL_TYPE).is_empty());
}

#[test]
fn special_category_data_marked_not_applicable_is_skipped() {
    let fixture = special_without_type().local(|l| {
        l.not_applicable
            .push(not_applicable(HEALTH, "Free text is disabled."))
    });
    assert!(fixture.findings(SPECIAL_TYPE).is_empty());
}

#[test]
fn an_activity_described_only_as_collection_is_reported() {
    let fixture = Fixture::well_formed().base(|b| {
        b.activities[0].operations = BTreeSet::from([ProcessingOperation::Collection]);
    });
    let findings = fixture.findings(ONLY_COLLECTION);
    assert_eq!(keys(&findings), [[ACTIVITY]]);
    assert!(findings[0].message.contains("not only collection"));
}

#[test]
fn an_activity_without_any_operation_is_reported_too() {
    let fixture = Fixture::well_formed().base(|b| b.activities[0].operations.clear());
    assert_eq!(keys(&fixture.findings(ONLY_COLLECTION)), [[ACTIVITY]]);
}

#[test]
fn an_activity_with_operations_beyond_collection_passes() {
    assert!(Fixture::well_formed().findings(ONLY_COLLECTION).is_empty());
}

#[test]
fn an_activity_without_a_purpose_is_reported() {
    let fixture = Fixture::well_formed().base(|b| b.activities[0].purposes = vec![" ".to_owned()]);
    assert_eq!(keys(&fixture.findings(PURPOSE)), [[ACTIVITY]]);
    assert!(Fixture::well_formed().findings(PURPOSE).is_empty());
}

#[test]
fn an_activity_without_a_legal_basis_is_reported_once() {
    let fixture = Fixture::well_formed().base(|b| b.activities[0].legal_bases.clear());
    assert_eq!(keys(&fixture.findings(LEGAL_BASIS)), [[ACTIVITY]]);
    assert!(
        fixture.findings(ART9).is_empty(),
        "the missing basis is one finding, not two"
    );
    assert!(Fixture::well_formed().findings(LEGAL_BASIS).is_empty());
}

#[test]
fn special_category_data_without_an_art9_exception_is_reported() {
    let fixture = Fixture::well_formed().base(|b| b.activities[0].legal_bases[0].article_9 = None);
    let findings = fixture.findings(ART9);
    assert_eq!(keys(&findings), [[ACTIVITY, HEALTH]]);
    assert!(Fixture::well_formed().findings(ART9).is_empty());
}

#[test]
fn criminal_offence_data_needs_an_art10_authorisation() {
    let with_offences = |article_10: Option<&str>| {
        Fixture::well_formed().base(|b| {
            let activity = &mut b.activities[0];
            activity.data_categories[0].kind = DataCategoryKind::CriminalOffences;
            activity.data_categories[0].special_category = None;
            activity.legal_bases = vec![LegalBasis {
                article_10: article_10.map(str::to_owned),
                ..activity.legal_bases[0].clone()
            }];
        })
    };
    assert_eq!(
        keys(&with_offences(None).findings(ART10)),
        [[ACTIVITY, HEALTH]]
    );
    assert!(with_offences(Some("Data Protection Act s. 8"))
        .findings(ART10)
        .is_empty());
}

#[test]
fn an_activity_without_retention_is_reported() {
    let fixture = Fixture::well_formed().base(|b| b.activities[0].retention = None);
    assert_eq!(keys(&fixture.findings(RETENTION)), [[ACTIVITY]]);
}

#[test]
fn a_retention_completed_locally_passes() {
    let fixture = Fixture::well_formed()
        .base(|b| b.activities[0].retention = None)
        .local(|l| {
            l.completions.push(crate::assessment::Completion {
                item_key: crate::template::testing::key(ACTIVITY),
                field: "retention".to_owned(),
                value: serde_json::json!("Deleted one year after the pupil leaves."),
            });
        });
    assert!(fixture.findings(RETENTION).is_empty());
}

fn in_third_country(transfer_basis: Option<&str>) -> Fixture {
    Fixture::well_formed().base(|b| {
        let hosting = &mut b.activities[0].recipients[0];
        hosting.third_country = true;
        hosting.location = "United States".to_owned();
        hosting.transfer_basis = transfer_basis.map(str::to_owned);
    })
}

#[test]
fn a_third_country_recipient_without_transfer_basis_is_reported() {
    let findings = in_third_country(None).findings(TRANSFER);
    assert_eq!(keys(&findings), [[HOSTING]]);
    assert!(findings[0].message.contains("United States"));
}

#[test]
fn a_third_country_recipient_with_transfer_basis_passes() {
    let fixture = in_third_country(Some("Art. 45 EU-US Data Privacy Framework"));
    assert!(fixture.findings(TRANSFER).is_empty());
}

#[test]
fn an_activity_disclosing_outside_without_metadata_is_a_warning() {
    let fixture = Fixture::well_formed().base(|b| b.activities[0].data_categories.truncate(1));
    assert_eq!(keys(&fixture.findings(METADATA)), [[ACTIVITY]]);
}

#[test]
fn an_activity_with_only_internal_recipients_needs_no_metadata_mapping() {
    let fixture = Fixture::well_formed().base(|b| {
        b.activities[0].data_categories.truncate(1);
        b.activities[0].recipients[0].role = RecipientRole::Internal;
    });
    assert!(fixture.findings(METADATA).is_empty());
    assert!(Fixture::well_formed().findings(METADATA).is_empty());
}
