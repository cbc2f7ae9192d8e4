//! The authority's review of codes-of-conduct adherences (issue 8): the diff against the code,
//! review findings on an adherence, and upgrading an adherence to a new code version with the
//! assessment's three-way preview and resolutions; nobody else reaches any of it.

use serde_json::{json, Value};

use crate::codes::ADHERENCES;
use crate::helpers::{error_code, TestApp};

const CODE_KEY: &str = "school-platform-code";
const CODE_V1: &str = include_str!("../../backend/demo/school-code-v1.json");
const ADHERENCE_BY_ID: &str = "query($id: ID!) { adherence(id: $id) { codeVersion version upgradeAvailable clauses { key status answer } diffAgainstCode { count departures { clauseKey kind justification compensatingMeasure } } reviewFindings { id } } }";
const UPGRADE: &str = "mutation($id: ID!, $v: Int!, $to: Int!, $r: [ConflictResolutionInput!]) { upgradeAdherence(adherenceId: $id, expectedVersion: $v, codeVersion: $to, resolutions: $r) { codeVersion version clauses { key status answer } diffAgainstCode(kinds: [\"RETAINED\"]) { departures { clauseKey kind justification } } } }";
const PREVIEW: &str = "query($id: ID!, $to: Int!) { adherence(id: $id) { upgradePreview(codeVersion: $to) { fromVersion toVersion takenCount taken conflicts { itemKey itemKind field kind } reviews { clauseKey changedFields answer } } } }";

/// A demo account's token and its first adherence's id and version.
fn demo_adherence(app: &TestApp, email: &str) -> (String, String, i64) {
    let token = app.login(email);
    let data = app.ok(Some(&token), ADHERENCES, json!({}));
    let adherence = &data["adherences"][0];
    (
        token,
        adherence["id"].as_str().expect("id").to_string(),
        adherence["version"].as_i64().expect("version"),
    )
}

/// A clause of the demo code version 1, as the `upsert_clause` edit takes it.
fn clause_v1(key: &str) -> Value {
    let document: Value = serde_json::from_str(CODE_V1).expect("the demo code parses");
    document["content"]["clauses"]
        .as_array()
        .expect("clauses")
        .iter()
        .find(|c| c["key"] == key)
        .unwrap_or_else(|| panic!("{key} is a clause of the demo code"))
        .clone()
}

/// The central editor drafts the next version of the demo code, applies `edits`, and returns
/// (token, draft number, row version) without publishing.
fn draft_code(app: &TestApp, edits: &[Value]) -> (String, i64, i64) {
    let editor = app.login("editor@central.example");
    let data = app.ok(
        Some(&editor),
        "mutation($k: String!) { createTemplateDraft(templateKey: $k) { number version } }",
        json!({ "k": CODE_KEY }),
    );
    let number = data["createTemplateDraft"]["number"]
        .as_i64()
        .expect("number");
    let mut row_version = data["createTemplateDraft"]["version"]
        .as_i64()
        .expect("row version");
    for edit in edits {
        let data = app.ok(
            Some(&editor),
            "mutation($k: String!, $v: Int!, $rv: Int!, $e: String!) { editTemplateDraft(templateKey: $k, templateVersion: $v, expectedVersion: $rv, edit: $e) { version } }",
            json!({ "k": CODE_KEY, "v": number, "rv": row_version, "e": edit.to_string() }),
        );
        row_version = data["editTemplateDraft"]["version"]
            .as_i64()
            .expect("row version");
    }
    (editor, number, row_version)
}

/// Publishes a draft of the demo code; returns its new row version.
fn publish_code(app: &TestApp, editor: &str, number: i64, row_version: i64) -> i64 {
    let data = app.ok(
        Some(editor),
        "mutation($k: String!, $v: Int!, $rv: Int!) { publishTemplateVersion(templateKey: $k, templateVersion: $v, expectedVersion: $rv, changelog: \"Test version.\") { status version } }",
        json!({ "k": CODE_KEY, "v": number, "rv": row_version }),
    );
    assert_eq!(data["publishTemplateVersion"]["status"], "PUBLISHED");
    data["publishTemplateVersion"]["version"]
        .as_i64()
        .expect("row version")
}

/// Version 2 of the demo code: the 72-hour incident clause (answered by Sydby and Nordby) is
/// removed, the training clause reworded, and a clause on the DPO's contact details added.
fn publish_code_v2(app: &TestApp) {
    let mut training = clause_v1("clause.train-all-users");
    training["text"] = json!("Every member of staff and every volunteer who uses SkoleBro completes data protection training before first access and at least once a year.");
    let mut dpo_contact = clause_v1("clause.annual-review");
    dpo_contact["key"] = json!("clause.dpo-contact");
    dpo_contact["number"] = json!("5.2");
    dpo_contact["text"] =
        json!("Each municipality publishes its DPO's contact details to parents in SkoleBro.");
    dpo_contact["binds_recommendations"] = json!([]);
    dpo_contact["binds_risks"] = json!([]);
    let (editor, number, row_version) = draft_code(
        app,
        &[
            json!({ "remove_item": { "key": "clause.incident-72h" } }),
            json!({ "upsert_clause": training }),
            json!({ "upsert_clause": dpo_contact }),
        ],
    );
    assert_eq!(number, 2);
    publish_code(app, &editor, number, row_version);
}

fn clause_status<'a>(adherence: &'a Value, key: &str) -> &'a Value {
    &adherence["clauses"]
        .as_array()
        .expect("clauses")
        .iter()
        .find(|c| c["key"] == key)
        .unwrap_or_else(|| panic!("{key} missing"))["status"]
}

#[test]
fn the_upgrade_preview_takes_new_clauses_and_lists_a_removed_answered_clause_as_a_conflict() {
    let app = TestApp::spawn();
    publish_code_v2(&app);
    let (sydby, id, _) = demo_adherence(&app, "dpo@sydby.example");
    let data = app.ok(Some(&sydby), ADHERENCE_BY_ID, json!({ "id": id }));
    assert_eq!(data["adherence"]["upgradeAvailable"], 2);
    let data = app.ok(Some(&sydby), PREVIEW, json!({ "id": id, "to": 2 }));
    let preview = &data["adherence"]["upgradePreview"];
    assert_eq!(preview["fromVersion"], 1);
    assert_eq!(preview["toVersion"], 2);
    let taken: Value =
        serde_json::from_str(preview["taken"].as_str().expect("taken")).expect("JSON");
    assert!(
        taken
            .as_array()
            .expect("taken")
            .iter()
            .any(|c| c["item_key"] == "clause.dpo-contact" && c["change"]["kind"] == "ADDED"),
        "the new clause is taken: {taken}"
    );
    let conflicts = preview["conflicts"].as_array().expect("conflicts");
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert_eq!(conflicts[0]["itemKey"], "clause.incident-72h");
    assert_eq!(conflicts[0]["itemKind"], "CLAUSE");
    assert_eq!(conflicts[0]["kind"], "REFERENCED_ITEM_REMOVED");
    // Sydby answered the reworded training clause: it is up for review, its answer kept.
    let reviews = preview["reviews"].as_array().expect("reviews");
    assert_eq!(reviews[0]["clauseKey"], "clause.train-all-users");
    assert_eq!(reviews[0]["changedFields"], json!(["text"]));
    assert!(reviews[0]["answer"]
        .as_str()
        .unwrap_or("")
        .contains("COMPLIANT"));
    // Previewing changed nothing.
    let data = app.ok(Some(&sydby), ADHERENCE_BY_ID, json!({ "id": id }));
    assert_eq!(data["adherence"]["codeVersion"], 1);
}

#[test]
fn an_upgrade_with_an_open_conflict_is_refused_and_changes_nothing() {
    let app = TestApp::spawn();
    publish_code_v2(&app);
    let (sydby, id, version) = demo_adherence(&app, "dpo@sydby.example");
    let before = app.ok(Some(&sydby), ADHERENCE_BY_ID, json!({ "id": id }));
    let audit_before = app.audit_count();
    let refused = app.gql(
        Some(&sydby),
        UPGRADE,
        json!({ "id": id, "v": version, "to": 2 }),
    );
    assert_eq!(error_code(&refused), "VALIDATION");
    let error = &refused["errors"][0];
    assert_eq!(error["extensions"]["field"], "resolutions");
    assert_eq!(error["extensions"]["itemKey"], "clause.incident-72h");
    assert!(error["message"]
        .as_str()
        .unwrap_or("")
        .contains("clause.incident-72h"));
    assert_eq!(app.audit_count(), audit_before, "a refused upgrade wrote");
    let after = app.ok(Some(&sydby), ADHERENCE_BY_ID, json!({ "id": id }));
    assert_eq!(after, before, "a refused upgrade changed the adherence");
}

#[test]
fn an_upgrade_to_a_draft_withdrawn_older_or_missing_version_names_the_field() {
    let app = TestApp::spawn();
    let (sydby, id, version) = demo_adherence(&app, "dpo@sydby.example");
    let refusal = |to: i64| {
        let body = app.gql(
            Some(&sydby),
            UPGRADE,
            json!({ "id": id, "v": version, "to": to, "r": [] }),
        );
        assert_eq!(error_code(&body), "VALIDATION", "to {to}: {body}");
        assert_eq!(body["errors"][0]["extensions"]["field"], "codeVersion");
        body["errors"][0]["message"]
            .as_str()
            .unwrap_or("")
            .to_string()
    };
    refusal(1); // the version it is on
    let missing = refusal(9);
    let (editor, number, row_version) = draft_code(&app, &[]);
    assert_eq!(number, 2);
    // A draft is invisible to a controller: refused exactly like a missing version.
    assert_eq!(refusal(2), missing.replace('9', "2"));
    let preview = app.gql(Some(&sydby), PREVIEW, json!({ "id": id, "to": 2 }));
    assert_eq!(error_code(&preview), "VALIDATION");
    let row_version = publish_code(&app, &editor, number, row_version);
    app.ok(
        Some(&editor),
        "mutation($k: String!, $rv: Int!) { withdrawTemplateVersion(templateKey: $k, templateVersion: 2, expectedVersion: $rv) { status } }",
        json!({ "k": CODE_KEY, "rv": row_version }),
    );
    assert!(refusal(2).contains("WITHDRAWN"));
}

#[test]
fn an_upgrade_with_resolutions_keeps_every_answer_and_is_audited() {
    let app = TestApp::spawn();
    publish_code_v2(&app);
    let (nordby, id, version) = demo_adherence(&app, "dpo@nordby.example");
    let before = app.ok(Some(&nordby), ADHERENCE_BY_ID, json!({ "id": id }));
    let audit_before = app.audit_count();
    // A resolution for a clause without a conflict is refused, not ignored.
    let stray = json!([{ "itemKey": "clause.access-policy", "field": null,
        "resolution": "TAKE_CENTRAL" }]);
    let body = app.gql(
        Some(&nordby),
        UPGRADE,
        json!({ "id": id, "v": version, "to": 2, "r": stray }),
    );
    assert_eq!(error_code(&body), "VALIDATION");
    assert_eq!(
        body["errors"][0]["extensions"]["itemKey"],
        "clause.access-policy"
    );
    let resolutions = json!([{ "itemKey": "clause.incident-72h", "field": null,
        "resolution": "KEEP_LOCAL", "justification": "Nordby keeps its 72-hour procedure for SkoleBro." }]);
    let data = app.ok(
        Some(&nordby),
        UPGRADE,
        json!({ "id": id, "v": version, "to": 2, "r": resolutions }),
    );
    let upgraded = &data["upgradeAdherence"];
    assert_eq!(upgraded["codeVersion"], 2);
    assert_eq!(upgraded["version"], version + 1);
    // Every answer to a clause both versions have is unchanged.
    for clause in before["adherence"]["clauses"].as_array().expect("clauses") {
        if clause["key"] == "clause.incident-72h" {
            continue;
        }
        let now = upgraded["clauses"]
            .as_array()
            .expect("clauses")
            .iter()
            .find(|c| c["key"] == clause["key"])
            .expect("the clause is still there");
        assert_eq!(now["answer"], clause["answer"], "{} changed", clause["key"]);
    }
    assert_eq!(clause_status(upgraded, "clause.dpo-contact"), "UNADDRESSED");
    // The answer to the removed clause is retained with the reason, not lost.
    let retained = &upgraded["diffAgainstCode"]["departures"];
    assert_eq!(retained[0]["clauseKey"], "clause.incident-72h");
    assert_eq!(retained[0]["kind"], "RETAINED");
    assert_eq!(
        retained[0]["justification"],
        "Nordby keeps its 72-hour procedure for SkoleBro."
    );
    // One entry for the resolved conflict, one for the upgrade.
    assert_eq!(app.audit_count(), audit_before + 2);
    let org = app.org_id_of("dpo@nordby.example");
    let trail = app.ok(
        Some(&nordby),
        "query($o: ID!) { auditTrail(organisationId: $o, entity: \"adherence\", first: 2) { edges { node { action entity itemKey } } } }",
        json!({ "o": org }),
    );
    let actions: Vec<(Value, Value)> = trail["auditTrail"]["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| (e["node"]["action"].clone(), e["node"]["itemKey"].clone()))
        .collect();
    assert!(
        actions.contains(&(json!("upgrade"), Value::Null)),
        "{actions:?}"
    );
    assert!(
        actions.contains(&(json!("resolve_conflict"), json!("clause.incident-72h"))),
        "{actions:?}"
    );
    // A stale version is refused.
    let stale = app.gql(
        Some(&nordby),
        UPGRADE,
        json!({ "id": id, "v": version, "to": 2, "r": resolutions }),
    );
    assert_eq!(error_code(&stale), "CONFLICT");
}

#[test]
fn the_diff_against_the_code_lists_sydbys_deviations_and_nothing_for_nordby() {
    let app = TestApp::spawn();
    let (sydby, id, _) = demo_adherence(&app, "dpo@sydby.example");
    let reviewer = app.login("reviewer@authority.example");
    let data = app.ok(Some(&reviewer), ADHERENCE_BY_ID, json!({ "id": id }));
    let departures = data["adherence"]["diffAgainstCode"]["departures"]
        .as_array()
        .expect("departures")
        .clone();
    let of_kind = |kind: &str| -> Vec<&str> {
        departures
            .iter()
            .filter(|d| d["kind"] == kind)
            .filter_map(|d| d["clauseKey"].as_str())
            .collect()
    };
    assert_eq!(
        of_kind("DEVIATION"),
        [
            "clause.access-policy",
            "clause.periodic-access-review",
            "clause.no-special-category-free-text",
        ]
    );
    assert!(of_kind("UNADDRESSED").contains(&"clause.strong-authentication"));
    let periodic = departures
        .iter()
        .find(|d| d["clauseKey"] == "clause.periodic-access-review")
        .expect("the periodic review deviation");
    assert!(periodic["justification"]
        .as_str()
        .unwrap_or("")
        .contains("not reviewed periodically"));
    assert_eq!(periodic["compensatingMeasure"], "");
    let filtered = app.ok(
        Some(&sydby),
        "query($id: ID!) { adherence(id: $id) { diffAgainstCode(kinds: [\"DEVIATION\"]) { count } } }",
        json!({ "id": id }),
    );
    assert_eq!(filtered["adherence"]["diffAgainstCode"]["count"], 3);
    let bad = app.gql(
        Some(&sydby),
        "query($id: ID!) { adherence(id: $id) { diffAgainstCode(kinds: [\"LOWERED\"]) { count } } }",
        json!({ "id": id }),
    );
    assert_eq!(error_code(&bad), "VALIDATION");
    assert_eq!(bad["errors"][0]["extensions"]["field"], "kinds");
    let (nordby, nordby_id, _) = demo_adherence(&app, "dpo@nordby.example");
    let data = app.ok(Some(&nordby), ADHERENCE_BY_ID, json!({ "id": nordby_id }));
    assert_eq!(data["adherence"]["diffAgainstCode"]["count"], 0);
}

#[test]
fn the_authority_records_a_finding_on_an_adherence_that_sydby_answers_and_others_cannot_reach() {
    let app = TestApp::spawn();
    let reviewer = app.login("reviewer@authority.example");
    let (sydby, id, version) = demo_adherence(&app, "dpo@sydby.example");
    const RECORD: &str = "mutation($id: ID!, $k: String) { recordAdherenceReviewFinding(adherenceId: $id, clauseKey: $k, severity: \"ERROR\", comment: \"A deviation from the six-monthly access review needs a compensating measure.\") { id status version adherenceId assessmentId itemKey } }";
    let finding = app.ok(
        Some(&reviewer),
        RECORD,
        json!({ "id": id, "k": "clause.periodic-access-review" }),
    )["recordAdherenceReviewFinding"]
        .clone();
    assert_eq!(finding["status"], "OPEN");
    assert_eq!(finding["adherenceId"], id.as_str());
    assert!(finding["assessmentId"].is_null());
    assert_eq!(finding["itemKey"], "clause.periodic-access-review");
    let unknown = app.gql(
        Some(&reviewer),
        RECORD,
        json!({ "id": id, "k": "clause.nope" }),
    );
    assert_eq!(error_code(&unknown), "VALIDATION");
    assert_eq!(unknown["errors"][0]["extensions"]["field"], "clauseKey");
    assert_eq!(unknown["errors"][0]["extensions"]["itemKey"], "clause.nope");
    // The controller cannot record findings on its own adherence.
    let by_controller = app.gql(Some(&sydby), RECORD, json!({ "id": id, "k": null }));
    assert_eq!(error_code(&by_controller), "FORBIDDEN");

    let seen = app.ok(
        Some(&sydby),
        "query($id: ID!) { adherence(id: $id) { reviewFindings { id comment status } } }",
        json!({ "id": id }),
    );
    assert_eq!(seen["adherence"]["reviewFindings"][0]["id"], finding["id"]);

    // Another controller and the code's owner reach none of it: NOT_FOUND, as for a missing id.
    const ANSWER: &str = "mutation($id: ID!, $v: Int!) { answerReviewFinding(id: $id, expectedVersion: $v, answer: \"Access is now reviewed every term by the school office.\") { status version adherenceId } }";
    for outsider in ["dpo@nordby.example", "editor@central.example"] {
        let token = app.login(outsider);
        for query in [
            "query($id: ID!) { adherence(id: $id) { id } }",
            "query($id: ID!) { adherence(id: $id) { diffAgainstCode { count } } }",
            "query($id: ID!) { adherence(id: $id) { reviewFindings { id } } }",
            "query($id: ID!) { adherence(id: $id) { upgradePreview(codeVersion: 2) { takenCount } } }",
        ] {
            let body = app.gql(Some(&token), query, json!({ "id": id }));
            assert_eq!(error_code(&body), "NOT_FOUND", "{outsider}: {query}");
        }
        let body = app.gql(
            Some(&token),
            ANSWER,
            json!({ "id": finding["id"], "v": finding["version"] }),
        );
        assert_eq!(error_code(&body), "NOT_FOUND", "{outsider} answering");
        let body = app.gql(
            Some(&token),
            UPGRADE,
            json!({ "id": id, "v": version, "to": 2 }),
        );
        assert_eq!(error_code(&body), "NOT_FOUND", "{outsider} upgrading");
        let body = app.gql(Some(&token), RECORD, json!({ "id": id, "k": null }));
        assert_eq!(error_code(&body), "NOT_FOUND", "{outsider} recording");
    }

    let answered = app.ok(
        Some(&sydby),
        ANSWER,
        json!({ "id": finding["id"], "v": finding["version"] }),
    );
    assert_eq!(answered["answerReviewFinding"]["status"], "ANSWERED");
    assert_eq!(answered["answerReviewFinding"]["adherenceId"], id.as_str());
    let closed = app.ok(
        Some(&reviewer),
        "mutation($id: ID!, $v: Int!) { closeReviewFinding(id: $id, expectedVersion: $v) { status } }",
        json!({ "id": finding["id"], "v": answered["answerReviewFinding"]["version"] }),
    );
    assert_eq!(closed["closeReviewFinding"]["status"], "CLOSED");
}
