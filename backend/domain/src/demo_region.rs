//! The third demo controller (issue 7, SPEC §5 rule 2): Region Østerby adopts the shared DPIA
//! for a cloud office suite, `backend/demo/office-suite-v1.json`, with the commands of
//! `backend/demo/region-assessment.json`. It reproduces what the Danish authority told a region
//! moving to Microsoft 365 in seed 000: the provider's processing for its own "business
//! operations" is recorded without a legal basis for disclosing data to it, whether the data
//! is anonymised before it leaves the region is not stated, and metadata (patient names in
//! file names, subject lines, meeting titles) is set aside as "the vendor's matter". Otherwise
//! the assessment is complete, so the checks report those defects and nothing the demo did not
//! mean to show.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde_json::json;

use crate::assessment::{
    apply, effective, AssessmentCommand, Completion, EffectiveAssessment, LocalChanges,
    ResponseStatus,
};
use crate::checks::{run_checks, CheckSettings, Finding, Severity};
use crate::interchange::{parse, render, TemplateDocument};
use crate::risk_model::RiskLevel;
use crate::template::{
    DataCategoryKind, DpiaContent, ItemKey, Recipient, RecipientRole, SpecialCategory,
    TemplateKind, VersionStatus,
};

const OFFICE_SUITE_V1: &str = include_str!("../../demo/office-suite-v1.json");
const SCHOOL_PLATFORM_V1: &str = include_str!("../../demo/school-platform-v1.json");
const REGION: &str = include_str!("../../demo/region-assessment.json");

/// The provider as recipient of the service data, with its business operations.
const VENDOR: &str = "service.recipient.vendor";
/// An independent controller the region answers both seed-000 questions for.
const DIAL_IN_OPERATOR: &str = "meetings.recipient.dial-in-operator";
const METADATA_SET_ASIDE: [&str; 3] = [
    "mail.data.metadata",
    "files.data.metadata",
    "meetings.data.metadata",
];
const MAP_METADATA: &str = "rec.map-metadata";

/// The rule ids seed 000 names for this region.
const SEED_000_RULES: [&str; 3] = [
    "RECIPIENT_OWN_PURPOSES_LEGAL_BASIS",
    "RECIPIENT_ANONYMISATION_NOT_STATED",
    "A35_7A_METADATA_NOT_MAPPED",
];
/// Left deliberately: the region answers the MUST recommendation to map metadata
/// NOT_APPLICABLE with the same reasoning it used to set the metadata aside ("the vendor's
/// matter"), which the authority rejected; the check asks a reviewer to weigh it.
const DELIBERATELY_LEFT: [&str; 1] = ["A35_7D_MUST_NOT_APPLICABLE"];

/// The day the demo is evaluated on, as for the other demo controllers.
fn demo_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("a calendar date")
}

fn document(text: &str) -> TemplateDocument {
    parse(text.as_bytes()).unwrap_or_else(|error| panic!("demo template refused: {error}"))
}

fn office_suite() -> DpiaContent {
    document(OFFICE_SUITE_V1)
        .content
        .as_dpia()
        .cloned()
        .expect("the office-suite template is a DPIA")
}

/// What the demo loader does: adopt version 1 and apply the commands in order through
/// [`apply`]; a refused command names its position, target and rule.
fn adopt(base: &DpiaContent, commands: &[AssessmentCommand], from: LocalChanges) -> LocalChanges {
    let mut local = from;
    for (index, command) in commands.iter().enumerate() {
        local = apply(base, &local, command).unwrap_or_else(|error| {
            let (item_key, field) = command.target();
            panic!("command {index} on {item_key} ({field}) is refused: {error}")
        });
    }
    local
}

fn region_commands() -> Vec<AssessmentCommand> {
    serde_json::from_str(REGION)
        .unwrap_or_else(|error| panic!("not a list of assessment commands: {error}"))
}

fn region() -> (DpiaContent, LocalChanges) {
    let base = office_suite();
    let local = adopt(&base, &region_commands(), LocalChanges::default());
    (base, local)
}

fn region_assessment() -> EffectiveAssessment {
    let (base, local) = region();
    effective(&base, &local)
}

fn findings(assessment: &EffectiveAssessment) -> Vec<Finding> {
    run_checks(assessment, &CheckSettings::default(), demo_day())
}

fn rule_ids(findings: &[Finding]) -> BTreeSet<&'static str> {
    findings.iter().map(|f| f.rule_id).collect()
}

fn keys_of<'a>(findings: &'a [Finding], rule_id: &str) -> BTreeSet<&'a str> {
    (findings.iter())
        .filter(|f| f.rule_id == rule_id)
        .flat_map(|f| f.item_keys.iter().map(String::as_str))
        .collect()
}

fn template_recipient<'a>(dpia: &'a DpiaContent, key: &str) -> &'a Recipient {
    (dpia.activities.iter())
        .flat_map(|a| a.recipients.iter())
        .find(|r| r.key.as_str() == key)
        .unwrap_or_else(|| panic!("no recipient {key}"))
}

fn key(text: &str) -> ItemKey {
    ItemKey::parse(text).unwrap_or_else(|error| panic!("bad key {text}: {error}"))
}

fn complete(item_key: &str, field: &str, value: serde_json::Value) -> AssessmentCommand {
    AssessmentCommand::Complete(Completion {
        item_key: key(item_key),
        field: field.to_owned(),
        value,
    })
}

#[test]
fn the_office_suite_template_is_a_published_dpia_in_canonical_form() {
    let document = document(OFFICE_SUITE_V1);
    assert_eq!(document.template.key.as_str(), "office-suite");
    assert_eq!(document.kind(), TemplateKind::Dpia);
    assert_eq!(document.version.number, 1);
    assert_eq!(document.version.status, VersionStatus::Published);
    assert_eq!(render(&document), OFFICE_SUITE_V1);
}

#[test]
fn the_office_suite_template_rates_on_the_same_risk_model_as_the_school_platform() {
    let school = document(SCHOOL_PLATFORM_V1);
    let school = school.content.as_dpia().expect("a DPIA");
    assert_eq!(office_suite().risk_model, school.risk_model);
}

#[test]
fn the_template_leaves_the_vendors_own_purposes_basis_and_anonymisation_to_adopters() {
    let dpia = office_suite();
    let vendor = template_recipient(&dpia, VENDOR);
    assert_eq!(vendor.role, RecipientRole::Processor);
    assert!(vendor.own_purposes.len() >= 4, "{:?}", vendor.own_purposes);
    assert_eq!(vendor.legal_basis_for_disclosure, None);
    assert_eq!(vendor.anonymised_before_transfer, None);
    let service = (dpia.activities.iter())
        .find(|a| a.recipients.iter().any(|r| r.key.as_str() == VENDOR))
        .expect("the vendor's activity");
    for path in [
        "recipients.legal_basis_for_disclosure",
        "recipients.anonymised_before_transfer",
    ] {
        assert!(
            service.to_be_completed_by_adopter.iter().any(|p| p == path),
            "{path}"
        );
    }
}

#[test]
fn the_template_maps_health_data_metadata_and_a_third_country_transfer_basis() {
    let dpia = office_suite();
    let categories: Vec<_> = (dpia.activities.iter())
        .flat_map(|a| a.data_categories.iter())
        .collect();
    assert!(categories
        .iter()
        .any(|c| c.special_category == Some(SpecialCategory::Health)));
    let metadata: BTreeSet<_> = (categories.iter())
        .filter(|c| c.kind == DataCategoryKind::Metadata)
        .map(|c| c.key.as_str())
        .collect();
    assert!(METADATA_SET_ASIDE.iter().all(|k| metadata.contains(k)));
    let abroad: Vec<_> = (dpia.activities.iter())
        .flat_map(|a| a.recipients.iter())
        .filter(|r| r.third_country)
        .collect();
    assert!(!abroad.is_empty());
    assert!(abroad.iter().all(|r| r.transfer_basis.is_some()));
    assert!((10..=12).contains(&dpia.risks.len()));
    assert!((6..=8).contains(&dpia.recommendations.len()));
}

#[test]
fn the_region_commands_apply_cleanly_to_version_1_in_order() {
    let (base, local) = region();
    assert!(effective(&base, &local).inconsistencies.is_empty());
}

#[test]
fn the_region_is_otherwise_complete_counts_treatments_answers_and_a_dpo_opinion() {
    let region = region_assessment();
    let uncounted: Vec<_> = (region.activities.iter())
        .flat_map(|a| a.data_subject_categories.iter())
        .filter(|c| c.value.count.is_none())
        .map(|c| c.key.to_string())
        .collect();
    assert_eq!(uncounted, Vec::<String>::new());
    for risk in &region.risks {
        if risk.inherent_level >= RiskLevel::Medium {
            assert!(risk.treatment.is_some(), "{} untreated", risk.key);
        }
        assert!(risk.residual_level < RiskLevel::High, "{} HIGH", risk.key);
    }
    assert!((region.risks.iter()).any(|r| r.treatment.is_none()));
    assert!((region.recommendations.iter()).all(|r| r.status != ResponseStatus::Unaddressed));
    let sign_offs = &region.sign_offs;
    assert!(sign_offs.dpo_opinion.is_some());
    assert!(
        sign_offs.management_approval.is_none(),
        "a draft awaiting approval"
    );
    assert!(sign_offs
        .processing_started_on
        .is_some_and(|start| start > demo_day()));
}

#[test]
fn the_region_gets_exactly_the_seed_000_findings_and_the_one_it_was_left_with() {
    let findings = findings(&region_assessment());
    let expected: BTreeSet<_> = SEED_000_RULES
        .into_iter()
        .chain(DELIBERATELY_LEFT)
        .collect();
    assert_eq!(rule_ids(&findings), expected, "{findings:#?}");
    let errors = (findings.iter()).filter(|f| f.severity == Severity::Error);
    assert!(errors.count() >= 2);
}

#[test]
fn the_recipient_findings_name_the_vendor_and_spare_the_operator_the_region_answered_for() {
    let findings = findings(&region_assessment());
    for rule in [
        "RECIPIENT_OWN_PURPOSES_LEGAL_BASIS",
        "RECIPIENT_ANONYMISATION_NOT_STATED",
    ] {
        assert_eq!(keys_of(&findings, rule), BTreeSet::from([VENDOR]), "{rule}");
    }
    let (base, local) = region();
    let operator = (effective(&base, &local).activities.iter())
        .flat_map(|a| a.recipients.iter())
        .find(|r| r.key.as_str() == DIAL_IN_OPERATOR)
        .map(|r| r.value.clone())
        .expect("the dial-in operator");
    assert_eq!(operator.role, RecipientRole::IndependentController);
    assert!(operator.legal_basis_for_disclosure.is_some());
    assert_eq!(operator.anonymised_before_transfer, Some(false));
}

#[test]
fn metadata_set_aside_as_the_vendors_matter_is_reported_for_each_activity_it_left() {
    let findings = findings(&region_assessment());
    assert_eq!(
        keys_of(&findings, "A35_7A_METADATA_NOT_MAPPED"),
        BTreeSet::from(["activity.mail", "activity.files", "activity.meetings"])
    );
    assert_eq!(
        keys_of(&findings, "A35_7D_MUST_NOT_APPLICABLE"),
        BTreeSet::from([MAP_METADATA])
    );
}

#[test]
fn answering_the_authoritys_questions_clears_every_finding() {
    let (base, local) = region();
    let mut fixes: Vec<AssessmentCommand> = METADATA_SET_ASIDE
        .iter()
        .map(|k| AssessmentCommand::ClearNotApplicable { item_key: key(k) })
        .collect();
    fixes.push(complete(
        VENDOR,
        "legal_basis_for_disclosure",
        json!("No disclosure: only anonymised statistics leave the region."),
    ));
    fixes.push(complete(VENDOR, "anonymised_before_transfer", json!(true)));
    let answer = json!({
        "command": "SET_RESPONSE",
        "args": {
            "recommendation_key": MAP_METADATA,
            "response": { "kind": "PLANNED", "due": "2027-02-01" },
            "justification": null
        }
    });
    fixes.push(serde_json::from_value(answer).expect("a response command"));
    let fixed = adopt(&base, &fixes, local);
    assert_eq!(findings(&effective(&base, &fixed)), Vec::new());
}
