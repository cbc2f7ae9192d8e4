//! Central templates (issue 4): read, draft, edit by key, diff, publish, immutability,
//! visibility of drafts, and the JSON interchange through GraphQL.

use serde_json::{json, Value};

use crate::helpers::{error_code, TestApp};

const KEY: &str = "school-platform";
const VERSIONS: &str =
    "query($k: String!) { template(key: $k) { key kind versions { number status version } } }";
const DRAFT: &str =
    "mutation($k: String!) { createTemplateDraft(templateKey: $k) { number status version } }";
const EDIT: &str = "mutation($k: String!, $v: Int!, $rv: Int!, $e: String!) { editTemplateDraft(templateKey: $k, templateVersion: $v, expectedVersion: $rv, edit: $e) { number version risks { key likelihood level } } }";
const PUBLISH: &str = "mutation($k: String!, $v: Int!, $rv: Int!, $c: String!) { publishTemplateVersion(templateKey: $k, templateVersion: $v, expectedVersion: $rv, changelog: $c) { status publishedAt changelog version } }";
const EXPORT: &str =
    "query($k: String!, $v: Int!) { exportTemplateVersion(templateKey: $k, version: $v) }";
const IMPORT: &str =
    "mutation($d: String!) { importTemplateVersion(document: $d) { templateKey number status } }";

fn misdirected_risk(app: &TestApp, token: &str, version: i32) -> Value {
    let data = app.ok(
        Some(token),
        "query($k: String!, $v: Int!) { template(key: $k) { version(number: $v) { contentJson } } }",
        json!({ "k": KEY, "v": version }),
    );
    let content: Value = serde_json::from_str(
        data["template"]["version"]["contentJson"]
            .as_str()
            .expect("json"),
    )
    .expect("content parses");
    content["risks"]
        .as_array()
        .expect("risks")
        .iter()
        .find(|r| r["key"] == "risk.messages.misdirected")
        .expect("the misdirected-message risk")
        .clone()
}

/// Editor creates draft 3 and returns (token, row version).
fn new_draft(app: &TestApp) -> (String, i64) {
    let editor = app.login("editor@central.example");
    let data = app.ok(Some(&editor), DRAFT, json!({ "k": KEY }));
    assert_eq!(data["createTemplateDraft"]["number"], 3);
    assert_eq!(data["createTemplateDraft"]["status"], "DRAFT");
    let rv = data["createTemplateDraft"]["version"]
        .as_i64()
        .expect("row version");
    (editor, rv)
}

#[test]
fn the_demo_template_is_published_in_two_versions_with_the_four_by_four_model() {
    let app = TestApp::spawn();
    let token = app.login("dpo@nordby.example");
    let data = app.ok(
        Some(&token),
        "{ templates { key kind } template(key: \"school-platform\") { key versions { number status publishedAt } latestPublished { number riskModel { likelihood { label } consequence { label } matrix } scopes { key } risks { key level } recommendations { key obligation } } } }",
        json!({}),
    );
    let kinds: Vec<&str> = data["templates"]
        .as_array()
        .expect("templates")
        .iter()
        .filter_map(|t| t["kind"].as_str())
        .collect();
    assert!(
        kinds.contains(&"DPIA") && kinds.contains(&"CODE_OF_CONDUCT"),
        "{kinds:?}"
    );
    let template = &data["template"];
    assert_eq!(template["key"], KEY);
    assert_eq!(template["versions"].as_array().map(Vec::len), Some(2));
    let latest = &template["latestPublished"];
    assert_eq!(latest["number"], 2);
    let labels: Vec<&str> = latest["riskModel"]["likelihood"]
        .as_array()
        .expect("levels")
        .iter()
        .filter_map(|l| l["label"].as_str())
        .collect();
    assert_eq!(
        labels,
        [
            "Usandsynlig",
            "Mindre sandsynlig",
            "Sandsynlig",
            "Forventet"
        ]
    );
    assert_eq!(
        latest["riskModel"]["matrix"].as_array().map(Vec::len),
        Some(4)
    );
    assert_eq!(latest["scopes"].as_array().map(Vec::len), Some(17));
    let highs = latest["risks"]
        .as_array()
        .expect("risks")
        .iter()
        .filter(|r| r["level"] == "HIGH")
        .count();
    assert!(highs >= 12, "only {highs} high risks in the demo catalogue");
}

#[test]
fn an_editor_drafts_edits_diffs_and_publishes_and_the_published_version_is_frozen() {
    let app = TestApp::spawn();
    let (editor, rv) = new_draft(&app);
    let mut risk = misdirected_risk(&app, &editor, 3);
    risk["likelihood"] = json!(3);
    risk["rationale"] = json!("Lower after the classification feature shipped.");
    let edit = json!({ "upsert_risk": risk }).to_string();
    let data = app.ok(
        Some(&editor),
        EDIT,
        json!({ "k": KEY, "v": 3, "rv": rv, "e": edit }),
    );
    let edited = &data["editTemplateDraft"];
    assert_eq!(edited["version"], rv + 1);

    let diff = app.ok(
        Some(&editor),
        "query($k: String!) { templateVersionDiff(templateKey: $k, fromVersion: 2, toVersion: 3) { added { key } removed { key } changed { key kind fields { field before after } } } }",
        json!({ "k": KEY }),
    );
    let changed = &diff["templateVersionDiff"]["changed"];
    assert_eq!(changed.as_array().map(Vec::len), Some(1), "{diff}");
    assert_eq!(changed[0]["key"], "risk.messages.misdirected");
    let fields: Vec<&str> = changed[0]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    assert!(
        fields.contains(&"likelihood") && fields.contains(&"rationale"),
        "{fields:?}"
    );

    // The edit is in the central body's audit trail, addressed by the item key.
    let central = app.org_id_of("editor@central.example");
    let trail = app.ok(
        Some(&editor),
        "query($o: ID!) { auditTrail(organisationId: $o, itemKey: \"risk.messages.misdirected\") { edges { node { action before after } } } }",
        json!({ "o": central }),
    );
    let entry = &trail["auditTrail"]["edges"][0]["node"];
    assert_eq!(entry["action"], "edit");
    assert!(entry["before"]
        .as_str()
        .expect("before")
        .contains("\"likelihood\":4"));
    assert!(entry["after"]
        .as_str()
        .expect("after")
        .contains("\"likelihood\":3"));

    let published = app.ok(
        Some(&editor),
        PUBLISH,
        json!({ "k": KEY, "v": 3, "rv": rv + 1, "c": "Misdirected messages re-rated." }),
    );
    assert_eq!(published["publishTemplateVersion"]["status"], "PUBLISHED");
    assert!(published["publishTemplateVersion"]["publishedAt"].is_string());

    let again = app.gql(
        Some(&editor),
        EDIT,
        json!({ "k": KEY, "v": 3, "rv": rv + 2, "e": json!({ "remove_item": { "key": "rec.photo-consent" } }).to_string() }),
    );
    assert_eq!(error_code(&again), "CONFLICT");
    assert!(again["errors"][0]["message"]
        .as_str()
        .unwrap_or("")
        .contains("immutable"));
}

#[test]
fn the_database_itself_refuses_to_change_a_published_version() {
    use diesel::prelude::*;
    use dpiahub::store::schema::template_versions;
    let app = TestApp::spawn();
    let mut conn = app.pool().get().expect("connection");
    let result = diesel::update(template_versions::table.filter(template_versions::number.eq(1)))
        .set(template_versions::content.eq("{}"))
        .execute(&mut conn);
    assert!(result.is_err(), "a published version was overwritten");
    let deleted = diesel::delete(template_versions::table).execute(&mut conn);
    assert!(deleted.is_err(), "a published version was deleted");
}

#[test]
fn invalid_edits_name_the_field_and_item_key_and_change_nothing() {
    let app = TestApp::spawn();
    let (editor, rv) = new_draft(&app);
    let mut off_scale = misdirected_risk(&app, &editor, 3);
    off_scale["likelihood"] = json!(9);
    let mut dangling = misdirected_risk(&app, &editor, 3);
    dangling["scope"] = json!("module.does-not-exist");
    let cases = [
        (json!({ "upsert_risk": off_scale }), "likelihood"),
        (json!({ "upsert_risk": dangling }), "scope"),
        (json!({ "remove_item": { "key": "risk.nope" } }), "key"),
    ];
    let before = app.audit_count();
    for (edit, field) in cases {
        let body = app.gql(
            Some(&editor),
            EDIT,
            json!({ "k": KEY, "v": 3, "rv": rv, "e": edit.to_string() }),
        );
        assert_eq!(error_code(&body), "VALIDATION", "{edit}: {body}");
        let ext = &body["errors"][0]["extensions"];
        assert!(
            ext["field"].as_str().unwrap_or("").contains(field),
            "{edit}: field {} should name {field}",
            ext["field"]
        );
        assert!(ext["itemKey"].is_string(), "{edit}: no item key in {ext}");
    }
    let malformed = app.gql(
        Some(&editor),
        EDIT,
        json!({ "k": KEY, "v": 3, "rv": rv, "e": "{\"rename_everything\": {}}" }),
    );
    assert_eq!(error_code(&malformed), "VALIDATION");
    assert_eq!(malformed["errors"][0]["extensions"]["field"], "edit");
    assert_eq!(app.audit_count(), before, "a refused edit wrote something");

    let stale = app.gql(
        Some(&editor),
        EDIT,
        json!({ "k": KEY, "v": 3, "rv": rv + 5, "e": json!({ "remove_item": { "key": "rec.photo-consent" } }).to_string() }),
    );
    assert_eq!(error_code(&stale), "CONFLICT");
}

#[test]
fn drafts_are_invisible_to_everyone_but_the_owner() {
    let app = TestApp::spawn();
    let (_, rv) = new_draft(&app);
    for email in ["dpo@nordby.example", "reviewer@authority.example"] {
        let token = app.login(email);
        let data = app.ok(Some(&token), VERSIONS, json!({ "k": KEY }));
        let numbers: Vec<i64> = data["template"]["versions"]
            .as_array()
            .expect("versions")
            .iter()
            .filter_map(|v| v["number"].as_i64())
            .collect();
        assert_eq!(numbers, [1, 2], "{email} sees a draft");
        let query =
            "query($k: String!, $v: Int!) { template(key: $k) { version(number: $v) { number } } }";
        let draft = app.gql(Some(&token), query, json!({ "k": KEY, "v": 3 }));
        let missing = app.gql(Some(&token), query, json!({ "k": KEY, "v": 99 }));
        assert_eq!(error_code(&draft), "NOT_FOUND");
        assert_eq!(
            draft["errors"][0]["message"],
            missing["errors"][0]["message"]
        );
        let edit = app.gql(
            Some(&token),
            EDIT,
            json!({ "k": KEY, "v": 3, "rv": rv, "e": json!({ "remove_item": { "key": "rec.photo-consent" } }).to_string() }),
        );
        assert_eq!(error_code(&edit), "NOT_FOUND", "{email} reached the draft");
        let draft_attempt = app.gql(Some(&token), DRAFT, json!({ "k": KEY }));
        assert_eq!(
            error_code(&draft_attempt),
            "FORBIDDEN",
            "{email} started a draft"
        );
    }
}

#[test]
fn export_then_import_then_export_gives_the_same_document() {
    let app = TestApp::spawn();
    let editor = app.login("editor@central.example");
    let first = app.ok(Some(&editor), EXPORT, json!({ "k": KEY, "v": 1 }))["exportTemplateVersion"]
        .as_str()
        .expect("document")
        .to_string();
    let mut doc: Value = serde_json::from_str(&first).expect("exported JSON");
    assert_eq!(doc["format"], "dpiahub.template");
    doc["template"]["key"] = json!("school-platform-copy");
    let imported = app.ok(Some(&editor), IMPORT, json!({ "d": doc.to_string() }));
    assert_eq!(imported["importTemplateVersion"]["status"], "DRAFT");
    assert_eq!(imported["importTemplateVersion"]["number"], 1);
    let second = app.ok(
        Some(&editor),
        EXPORT,
        json!({ "k": "school-platform-copy", "v": 1 }),
    )["exportTemplateVersion"]
        .as_str()
        .expect("document")
        .to_string();
    let second: Value = serde_json::from_str(&second).expect("JSON");
    let first: Value = serde_json::from_str(&first).expect("JSON");
    assert_eq!(first["content"], second["content"]);
    assert_eq!(first["template"]["title"], second["template"]["title"]);
    assert_eq!(first["template"]["kind"], second["template"]["kind"]);
}

#[test]
fn hostile_documents_are_refused_whole() {
    let app = TestApp::spawn();
    let editor = app.login("editor@central.example");
    let good = app.ok(Some(&editor), EXPORT, json!({ "k": KEY, "v": 1 }))["exportTemplateVersion"]
        .as_str()
        .expect("document")
        .replace("\"school-platform\"", "\"hostile-copy\"");
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    let duplicate = good.replacen(
        "\"format\": \"dpiahub.template\",",
        "\"format\": \"dpiahub.template\", \"format\": \"x\",",
        1,
    );
    let future = good.replacen("\"format_version\": 1", "\"format_version\": 99", 1);
    let wrong_type = good.replacen("\"likelihood\": 4", "\"likelihood\": \"high\"", 1);
    let before = app.audit_count();
    let templates = |app: &TestApp| {
        app.ok(Some(&editor), "{ templates { key } }", json!({}))["templates"]
            .as_array()
            .map(Vec::len)
    };
    let templates_before = templates(&app);
    for (name, document) in [
        ("deep", deep),
        ("duplicate key", duplicate),
        ("format version", future),
        ("wrong type", wrong_type),
        ("not JSON", "{".to_string()),
    ] {
        let body = app.gql(Some(&editor), IMPORT, json!({ "d": document }));
        assert_eq!(error_code(&body), "VALIDATION", "{name}: {body}");
    }
    assert_eq!(app.audit_count(), before);
    assert_eq!(templates(&app), templates_before);

    // A controller cannot import at all.
    let dpo = app.login("dpo@nordby.example");
    let body = app.gql(Some(&dpo), IMPORT, json!({ "d": good }));
    assert_eq!(error_code(&body), "FORBIDDEN");
}
