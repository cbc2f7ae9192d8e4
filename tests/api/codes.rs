//! Codes of conduct (issue 8) and the third demo controller (seed 000).

use serde_json::json;

use crate::assessments::demo_assessment;
use crate::helpers::{error_code, TestApp};

pub(crate) const ADHERENCES: &str = "{ adherences { id version codeKey clauses { key status answer } findings { ruleId severity } } }";
const CODE_OVERVIEW: &str = "query { codeOverview(codeKey: \"school-platform-code\") { adherentCount aggregateOnly clauses { key compliant deviation unaddressed } adherents { organisation deviations errorFindings } } }";

#[test]
fn sydby_deviates_with_findings_and_nordby_complies() {
    let app = TestApp::spawn();
    let sydby = app.login("dpo@sydby.example");
    let data = app.ok(Some(&sydby), ADHERENCES, json!({}));
    let adherence = &data["adherences"][0];
    assert_eq!(adherence["codeKey"], "school-platform-code");
    let rules: Vec<&str> = adherence["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["ruleId"].as_str())
        .collect();
    for rule in [
        "A40_MUST_CLAUSE_UNADDRESSED",
        "A40_DEVIATION_WITHOUT_COMPENSATING_MEASURE",
        "A40_COMPLIANT_CLAUSE_RECOMMENDATION_NOT_MET",
    ] {
        assert!(rules.contains(&rule), "Sydby lacks {rule}: {rules:?}");
    }
    let nordby = app.login("dpo@nordby.example");
    let data = app.ok(Some(&nordby), ADHERENCES, json!({}));
    assert_eq!(
        data["adherences"][0]["findings"].as_array().map(Vec::len),
        Some(0)
    );
    // Each sees only its own.
    assert_eq!(data["adherences"].as_array().map(Vec::len), Some(1));
}

#[test]
fn a_controller_records_a_deviation_with_a_compensating_measure() {
    let app = TestApp::spawn();
    let (token, _, _) = demo_assessment(&app, "dpo@sydby.example");
    let data = app.ok(Some(&token), ADHERENCES, json!({}));
    let (id, version) = (
        data["adherences"][0]["id"]
            .as_str()
            .expect("id")
            .to_string(),
        data["adherences"][0]["version"].as_i64().expect("version"),
    );
    const APPLY: &str = "mutation($id: ID!, $v: Int!, $c: [AdherenceCommandInput!]!) { applyAdherenceCommands(adherenceId: $id, expectedVersion: $v, commands: $c) { version clauses { key status answer } } }";
    let deviation = json!({ "setAnswer": { "clauseKey": "clause.periodic-access-review",
        "answer": "DEVIATION", "justification": "Reviews run each term, not monthly.",
        "compensatingMeasure": "local.measure.manual-user-administration" } });
    let data = app.ok(
        Some(&token),
        APPLY,
        json!({ "id": id, "v": version, "c": [deviation] }),
    );
    let clause = data["applyAdherenceCommands"]["clauses"]
        .as_array()
        .expect("clauses")
        .iter()
        .find(|c| c["key"] == "clause.periodic-access-review")
        .expect("clause")
        .clone();
    assert_eq!(clause["status"], "DEVIATION");
    let bad = json!({ "setAnswer": { "clauseKey": "clause.nope",
        "answer": "NOT_APPLICABLE", "justification": "x" } });
    let v = data["applyAdherenceCommands"]["version"]
        .as_i64()
        .expect("version");
    let body = app.gql(Some(&token), APPLY, json!({ "id": id, "v": v, "c": [bad] }));
    assert_eq!(error_code(&body), "VALIDATION");
    assert_eq!(body["errors"][0]["extensions"]["itemKey"], "clause.nope");
    // Another controller cannot reach it.
    let nordby = app.login("dpo@nordby.example");
    let body = app.gql(
        Some(&nordby),
        APPLY,
        json!({ "id": id, "v": v, "c": [deviation] }),
    );
    assert_eq!(error_code(&body), "NOT_FOUND");
}

#[test]
fn the_authority_sees_every_adherent_and_the_code_owner_counts_only() {
    let app = TestApp::spawn();
    let reviewer = app.login("reviewer@authority.example");
    let data = app.ok(Some(&reviewer), CODE_OVERVIEW, json!({}));
    let overview = &data["codeOverview"];
    assert_eq!(overview["adherentCount"], 2);
    let sydby = overview["adherents"]
        .as_array()
        .expect("adherents")
        .iter()
        .find(|a| a["organisation"] == "Sydby Kommune")
        .expect("Sydby")
        .clone();
    assert!(sydby["deviations"].as_i64().unwrap_or(0) >= 1);
    assert!(sydby["errorFindings"].as_i64().unwrap_or(0) >= 1);

    let editor = app.login("editor@central.example");
    let data = app.ok(Some(&editor), CODE_OVERVIEW, json!({}));
    let overview = &data["codeOverview"];
    assert_eq!(overview["aggregateOnly"], true);
    assert!(overview["adherents"].is_null());
    assert!(!overview.to_string().contains("Sydby"));
    let dpo = app.login("dpo@nordby.example");
    assert_eq!(
        error_code(&app.gql(Some(&dpo), CODE_OVERVIEW, json!({}))),
        "NOT_FOUND"
    );
}

#[test]
fn region_osterby_gets_the_findings_of_seed_000() {
    let app = TestApp::spawn();
    let (token, id, _) = demo_assessment(&app, "dpo@osterby.example");
    let data = app.ok(
        Some(&token),
        "query($id: ID!) { assessment(id: $id) { templateKey findings { ruleId itemKeys } } }",
        json!({ "id": id }),
    );
    assert_eq!(data["assessment"]["templateKey"], "office-suite");
    let rules: Vec<&str> = data["assessment"]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["ruleId"].as_str())
        .collect();
    for rule in [
        "RECIPIENT_OWN_PURPOSES_LEGAL_BASIS",
        "RECIPIENT_ANONYMISATION_NOT_STATED",
        "A35_7A_METADATA_NOT_MAPPED",
    ] {
        assert!(rules.contains(&rule), "Østerby lacks {rule}: {rules:?}");
    }
}
