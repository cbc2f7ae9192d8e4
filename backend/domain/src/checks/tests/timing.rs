//! Family 7, timing (Art. 35(1), Art. 35(11)).

use crate::checks::testing::*;
use crate::checks::CheckSettings;

const START_UNKNOWN: &str = "A35_1_PROCESSING_START_UNKNOWN";
const WITHOUT_APPROVAL: &str = "A35_1_PROCESSING_WITHOUT_APPROVAL";
const APPROVED_AFTER: &str = "A35_1_APPROVED_AFTER_PROCESSING_STARTED";
const REVIEW_OVERDUE: &str = "A35_11_REVIEW_OVERDUE";
const NEXT_REVIEW: &str = "A35_11_NEXT_REVIEW_NOT_SET";

#[test]
fn an_unknown_processing_start_is_reported() {
    let fixture = Fixture::well_formed().local(|l| l.sign_offs.processing_started_on = None);
    assert_eq!(keys(&fixture.findings(START_UNKNOWN)), [["sign_offs"]]);
    assert!(Fixture::well_formed().findings(START_UNKNOWN).is_empty());
}

#[test]
fn processing_started_without_approval_is_reported() {
    let fixture = Fixture::well_formed().local(|l| l.sign_offs.management_approval = None);
    let findings = fixture.findings(WITHOUT_APPROVAL);
    assert_eq!(keys(&findings), [["sign_offs"]]);
    assert!(findings[0].message.contains("2024-03-01"));
}

#[test]
fn an_unapproved_draft_before_processing_starts_passes() {
    let fixture = Fixture::well_formed().local(|l| {
        l.sign_offs.management_approval = None;
        l.sign_offs.processing_started_on = Some(date(2024, 9, 1));
    });
    assert!(fixture.findings(WITHOUT_APPROVAL).is_empty());
}

#[test]
fn an_approval_dated_after_processing_started_is_a_warning() {
    let fixture = Fixture::well_formed().local(|l| {
        l.sign_offs.management_approval = Some(signed("Director", date(2024, 4, 2), None));
    });
    let findings = fixture.findings(APPROVED_AFTER);
    assert_eq!(keys(&findings), [["sign_offs"]]);
    assert!(findings[0]
        .message
        .contains("on 2024-04-02 but processing started on 2024-03-01"));
}

#[test]
fn an_approval_before_processing_started_passes() {
    assert!(Fixture::well_formed().findings(APPROVED_AFTER).is_empty());
}

#[test]
fn more_than_twelve_months_since_approval_is_an_overdue_review() {
    let fixture = Fixture::well_formed().local(|l| {
        l.sign_offs.management_approval = Some(signed("Director", date(2023, 5, 31), None));
        l.sign_offs.next_review_on = None;
    });
    let findings = fixture.findings(REVIEW_OVERDUE);
    assert_eq!(keys(&findings), [["sign_offs"]]);
    assert!(findings[0].message.contains("more than 12 months ago"));
}

#[test]
fn a_passed_next_review_date_is_an_overdue_review() {
    let fixture =
        Fixture::well_formed().local(|l| l.sign_offs.next_review_on = Some(date(2024, 5, 31)));
    let findings = fixture.findings(REVIEW_OVERDUE);
    assert!(findings[0].message.contains("due on 2024-05-31"));
}

#[test]
fn a_review_within_the_interval_passes() {
    assert!(Fixture::well_formed().findings(REVIEW_OVERDUE).is_empty());
}

#[test]
fn the_review_interval_is_configurable_per_template() {
    let half_yearly = CheckSettings::new(5, 6).expect("valid settings");
    let approved_in_november = Fixture::well_formed().local(|l| {
        l.sign_offs.management_approval = Some(signed("Director", date(2023, 11, 15), None));
    });
    assert!(approved_in_november.findings(REVIEW_OVERDUE).is_empty());
    let findings = approved_in_november.findings_on(REVIEW_OVERDUE, &half_yearly, today());
    assert!(findings[0].message.contains("more than 6 months ago"));
}

#[test]
fn an_approval_without_a_next_review_date_is_a_warning() {
    let fixture = Fixture::well_formed().local(|l| l.sign_offs.next_review_on = None);
    assert_eq!(keys(&fixture.findings(NEXT_REVIEW)), [["sign_offs"]]);
    assert!(Fixture::well_formed().findings(NEXT_REVIEW).is_empty());
}
