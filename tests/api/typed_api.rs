//! The typed write API of issue 13: batches of typed commands in one transaction, errors
//! naming the command's index, field and item key, and sign-off writes that change only what
//! they name and cannot record management approval.

use serde_json::{json, Value};

use crate::assessments::demo_assessment;
use crate::helpers::{error_code, TestApp};

const APPLY: &str = "mutation($id: ID!, $v: Int!, $c: [AssessmentCommandInput!]!) { applyAssessmentCommands(assessmentId: $id, expectedVersion: $v, commands: $c) { version signOffsJson findings { ruleId } } }";
const READ: &str =
    "query($id: ID!) { assessment(id: $id) { version status signOffsJson findings { ruleId } } }";
const SYDBY_REPORT: &str =
    "query($id: ID!) { assessment(id: $id) { status report(format: MARKDOWN) } }";
const MISDIRECTED: &str = "risk.messages.misdirected";

fn response_not_applicable(key: &str) -> Value {
    json!({ "setResponse": { "recommendationKey": key, "response": "NOT_APPLICABLE",
        "justification": "The module is not in use here." } })
}

#[test]
fn a_batch_is_one_transaction_with_one_version_step_and_one_audit_entry_per_command() {
    let app = TestApp::spawn();
    let (token, id, version) = demo_assessment(&app, "dpo@sydby.example");
    let before = app.audit_count();
    let commands = json!([
        response_not_applicable("rec.train-all-users"),
        response_not_applicable("rec.access-policy"),
        { "setSignOffs": { "dpoOpinion": { "by": "Sydby DPO", "on": "2026-11-20",
            "text": "Not ready for approval." } } },
    ]);
    let data = app.ok(
        Some(&token),
        APPLY,
        json!({ "id": id, "v": version, "c": commands }),
    );
    assert_eq!(data["applyAssessmentCommands"]["version"], version + 1);
    assert_eq!(app.audit_count(), before + 3);
}

#[test]
fn a_malformed_command_names_its_index_field_and_item_key_and_writes_nothing() {
    let app = TestApp::spawn();
    let (token, id, version) = demo_assessment(&app, "dpo@sydby.example");
    let before = app.audit_count();
    // The second command plans a response without its due date.
    let commands = json!([
        response_not_applicable("rec.train-all-users"),
        { "setResponse": { "recommendationKey": "rec.access-policy", "response": "PLANNED" } },
    ]);
    let body = app.gql(
        Some(&token),
        APPLY,
        json!({ "id": id, "v": version, "c": commands }),
    );
    assert_eq!(error_code(&body), "VALIDATION", "{body}");
    let ext = &body["errors"][0]["extensions"];
    assert_eq!(ext["commandIndex"], 1, "{body}");
    assert_eq!(ext["field"], "due", "{body}");
    assert_eq!(ext["itemKey"], "rec.access-policy", "{body}");
    // A command the domain refuses names its index too (residual above the scale).
    let commands = json!([
        response_not_applicable("rec.train-all-users"),
        response_not_applicable("rec.access-policy"),
        { "setTreatment": { "riskKey": MISDIRECTED, "decision": "REDUCE",
            "residualLikelihood": 9, "residualConsequence": 1, "rationale": "x" } },
    ]);
    let body = app.gql(
        Some(&token),
        APPLY,
        json!({ "id": id, "v": version, "c": commands }),
    );
    assert_eq!(error_code(&body), "VALIDATION", "{body}");
    let ext = &body["errors"][0]["extensions"];
    assert_eq!(ext["commandIndex"], 2, "{body}");
    assert_eq!(ext["itemKey"], MISDIRECTED, "{body}");
    assert!(
        ext["field"].as_str().unwrap_or("").contains("likelihood"),
        "{body}"
    );
    let message = body["errors"][0]["message"].as_str().unwrap_or("");
    assert!(
        !message.contains("line 1 column"),
        "serde's words: {message}"
    );
    // All or nothing: the first commands were not kept.
    assert_eq!(app.audit_count(), before);
    let read = app.ok(Some(&token), READ, json!({ "id": id }));
    assert_eq!(read["assessment"]["version"], version);
    // A stale version refuses the batch before any command.
    let body = app.gql(
        Some(&token),
        APPLY,
        json!({ "id": id, "v": version - 1, "c": [response_not_applicable("rec.train-all-users")] }),
    );
    assert_eq!(error_code(&body), "CONFLICT");
}

#[test]
fn sign_offs_cannot_carry_management_approval_and_a_forged_one_changes_no_finding() {
    let app = TestApp::spawn();
    let (token, id, version) = demo_assessment(&app, "dpo@sydby.example");
    // Sydby's demo claims an approval in its sign-offs; the draft shows none.
    let read = app.ok(Some(&token), READ, json!({ "id": id }));
    let rules = read["assessment"]["findings"].to_string();
    assert!(
        rules.contains("A35_1_PROCESSING_WITHOUT_APPROVAL"),
        "{rules}"
    );
    let report = app.ok(Some(&token), SYDBY_REPORT, json!({ "id": id }));
    let markdown = report["assessment"]["report"].as_str().expect("report");
    let line = (markdown.lines())
        .find(|l| l.starts_with("| Management approval"))
        .expect("an approval row");
    assert!(!line.contains("| yes |"), "{line}");
    // The sign-off input has no management approval at all.
    let forged = json!([{ "setSignOffs": { "managementApproval": {
        "by": "Sydby Kommune, Direktionen", "on": "2026-09-15" } } }]);
    let body = app.gql(
        Some(&token),
        APPLY,
        json!({ "id": id, "v": version, "c": forged }),
    );
    assert!(body["errors"][0]["message"]
        .as_str()
        .unwrap_or("")
        .contains("managementApproval"));
    let after = app.ok(Some(&token), READ, json!({ "id": id }));
    assert_eq!(
        after["assessment"]["findings"],
        read["assessment"]["findings"]
    );
    assert_eq!(after["assessment"]["version"], version);
}

#[test]
fn a_sign_off_write_changes_only_the_fields_it_names_and_null_clears_one() {
    let app = TestApp::spawn();
    // Østerby's draft carries a DPO opinion and a system owner's signature.
    let (token, id, version) = demo_assessment(&app, "dpo@osterby.example");
    let sign_offs = |data: &Value, at: &str| -> Value {
        serde_json::from_str(data[at]["signOffsJson"].as_str().expect("json")).expect("json")
    };
    let before = sign_offs(
        &app.ok(Some(&token), READ, json!({ "id": id })),
        "assessment",
    );
    assert!(before["dpo_opinion"].is_object(), "{before}");
    let only_start = json!([{ "setSignOffs": { "processingStartedOn": "2027-04-01" } }]);
    let data = app.ok(
        Some(&token),
        APPLY,
        json!({ "id": id, "v": version, "c": only_start }),
    );
    let after = sign_offs(&data, "applyAssessmentCommands");
    assert_eq!(after["processing_started_on"], "2027-04-01");
    assert_eq!(after["dpo_opinion"], before["dpo_opinion"]);
    assert_eq!(after["system_owner"], before["system_owner"]);
    let clear = json!([{ "setSignOffs": { "systemOwner": null } }]);
    let data = app.ok(
        Some(&token),
        APPLY,
        json!({ "id": id, "v": version + 1, "c": clear }),
    );
    let cleared = sign_offs(&data, "applyAssessmentCommands");
    assert!(cleared["system_owner"].is_null(), "{cleared}");
    assert_eq!(cleared["dpo_opinion"], before["dpo_opinion"]);
}
