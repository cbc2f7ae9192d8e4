//! Controllers' assessments (issue 5): adopt, override with justification, measures and
//! responses, coverage, write rules, visibility, concurrency, approval and history.

use serde_json::{json, Value};

use crate::helpers::{error_code, TestApp};

const ADOPT: &str = "mutation($k: String!, $v: Int!) { adoptTemplate(templateKey: $k, templateVersion: $v) { id version status baseVersion } }";
const COMMAND: &str = "mutation($id: ID!, $v: Int!, $c: [AssessmentCommandInput!]!) { applyAssessmentCommands(assessmentId: $id, expectedVersion: $v, commands: $c) { version status revision } }";
const OVERRIDE: &str = "mutation($id: ID!, $v: Int!, $key: String!, $field: String!, $value: Int!, $why: String!) { applyAssessmentCommands(assessmentId: $id, expectedVersion: $v, commands: [{ setOverride: { itemKey: $key, field: $field, value: { int: $value }, justification: $why } }]) { version risks { key provenance inherentLevel inherentLikelihood { value provenance centralValue justification direction } } } }";
const READ: &str = "query($id: ID!) { assessment(id: $id) { id status revision version risks { key provenance inherentLevel residualLevel inherentLikelihood { value provenance centralValue direction } measures { key status } } recommendations { key response measures { key status } } measures { key status mitigates implements } coverage { uncoveredRecommendations unmitigatedRisks } } }";
const MISDIRECTED: &str = "risk.messages.misdirected";
const TRAINING: &str = "rec.train-all-users";

struct Adopted {
    token: String,
    id: String,
    version: i64,
}

/// A fresh controller (`vestby`) adopts version 1 (the demo controllers already have theirs).
fn adopt(app: &TestApp, email: &str) -> Adopted {
    if email.ends_with("@vestby.example") {
        app.new_controller("vestby");
    }
    let token = app.login(email);
    let data = app.ok(
        Some(&token),
        ADOPT,
        json!({ "k": "school-platform", "v": 1 }),
    );
    let a = &data["adoptTemplate"];
    assert_eq!(a["status"], "DRAFT");
    assert_eq!(a["baseVersion"], 1);
    Adopted {
        token,
        id: a["id"].as_str().expect("id").to_string(),
        version: a["version"].as_i64().expect("version"),
    }
}

impl Adopted {
    /// Applies a command that must succeed; keeps the version current.
    fn command(&mut self, app: &TestApp, command: Value) {
        let data = app.ok(
            Some(&self.token),
            COMMAND,
            json!({ "id": self.id, "v": self.version, "c": [command] }),
        );
        self.version = data["applyAssessmentCommands"]["version"]
            .as_i64()
            .expect("version");
    }

    fn refused(&self, app: &TestApp, command: Value) -> Value {
        app.gql(
            Some(&self.token),
            COMMAND,
            json!({ "id": self.id, "v": self.version, "c": [command] }),
        )
    }

    fn read(&self, app: &TestApp, token: &str) -> Value {
        app.ok(Some(token), READ, json!({ "id": self.id }))["assessment"].clone()
    }
}

fn training_measure() -> Value {
    json!({ "upsertMeasure": {
        "key": "local.measure.training", "title": "Annual GDPR training for all users",
        "description": "Every staff user completes the training each school year.",
        "kind": "ORGANISATIONAL", "status": "IMPLEMENTED", "statusDate": "2024-09-01",
        "owner": "HR", "reviewCadenceMonths": 12,
        "mitigates": [MISDIRECTED], "implements": [TRAINING] } })
}

fn find<'a>(list: &'a Value, key: &str) -> &'a Value {
    list.as_array()
        .expect("list")
        .iter()
        .find(|i| i["key"] == key)
        .unwrap_or_else(|| panic!("{key} missing"))
}

#[test]
fn a_new_assessment_inherits_everything_and_answers_nothing_yet() {
    let app = TestApp::spawn();
    let a = adopt(&app, "dpo@vestby.example");
    let read = a.read(&app, &a.token);
    let risks = read["risks"].as_array().expect("risks");
    assert!(risks.len() >= 30);
    assert!(risks.iter().all(|r| r["provenance"] == "INHERITED"));
    assert!(risks
        .iter()
        .all(|r| r["residualLevel"] == r["inherentLevel"]));
    let recommendations = read["recommendations"].as_array().expect("recommendations");
    assert!(recommendations
        .iter()
        .all(|r| r["response"] == "UNADDRESSED"));
    assert_eq!(
        read["coverage"]["uncoveredRecommendations"]
            .as_array()
            .map(Vec::len),
        Some(recommendations.len())
    );
    let again = app.gql(
        Some(&a.token),
        ADOPT,
        json!({ "k": "school-platform", "v": 2 }),
    );
    assert_eq!(error_code(&again), "CONFLICT");
}

#[test]
fn an_override_with_justification_shows_the_central_value_and_is_marked_lowered() {
    let app = TestApp::spawn();
    let a = adopt(&app, "dpo@vestby.example");
    let data = app.ok(
        Some(&a.token),
        OVERRIDE,
        json!({ "id": a.id, "v": a.version, "key": MISDIRECTED, "field": "likelihood", "value": 3,
                "why": "Nordby sends messages only from curated group lists." }),
    );
    let risk = find(&data["applyAssessmentCommands"]["risks"], MISDIRECTED);
    assert_eq!(risk["provenance"], "OVERRIDDEN");
    let likelihood = &risk["inherentLikelihood"];
    assert_eq!(likelihood["value"], 3);
    assert_eq!(likelihood["provenance"], "OVERRIDDEN");
    assert_eq!(likelihood["centralValue"], 4);
    assert_eq!(likelihood["direction"], "LOWERED");
    assert!(likelihood["justification"]
        .as_str()
        .unwrap_or("")
        .contains("curated"));
}

#[test]
fn wrong_writes_are_refused_naming_field_and_item_and_write_nothing() {
    let app = TestApp::spawn();
    let a = adopt(&app, "dpo@vestby.example");
    let before = app.audit_count();
    let cases = [
        (
            json!({ "key": MISDIRECTED, "field": "likelihood", "value": 2, "why": "  " }),
            "likelihood",
        ),
        (
            json!({ "key": MISDIRECTED, "field": "likelihood", "value": 9, "why": "Because." }),
            "likelihood",
        ),
        (
            json!({ "key": "risk.does-not-exist", "field": "likelihood", "value": 2, "why": "Because." }),
            "",
        ),
    ];
    for (args, field) in cases {
        let mut vars = args.clone();
        vars["id"] = json!(a.id);
        vars["v"] = json!(a.version);
        let body = app.gql(Some(&a.token), OVERRIDE, vars);
        assert_eq!(error_code(&body), "VALIDATION", "{args}: {body}");
        let ext = &body["errors"][0]["extensions"];
        assert_eq!(ext["itemKey"], args["key"], "{body}");
        assert!(
            ext["field"].as_str().unwrap_or("").contains(field),
            "{body}"
        );
    }
    let blank = app.gql(
        Some(&a.token),
        OVERRIDE,
        json!({ "id": a.id, "v": a.version, "key": MISDIRECTED, "field": "likelihood", "value": 2, "why": "" }),
    );
    assert!(blank["errors"][0]["message"]
        .as_str()
        .unwrap_or("")
        .contains("justification"));
    // An ALTERNATIVE response without a measure.
    let body = a.refused(
        &app,
        json!({ "setResponse": { "recommendationKey": TRAINING,
                "response": "ALTERNATIVE", "justification": "We do it differently." } }),
    );
    assert_eq!(error_code(&body), "VALIDATION");
    assert_eq!(body["errors"][0]["extensions"]["itemKey"], TRAINING);
    // A measure linked to another organisation's (or no) measure key cannot be answered with.
    let body = a.refused(
        &app,
        json!({ "setResponse": { "recommendationKey": TRAINING, "response": "IMPLEMENTED" } }),
    );
    assert_eq!(error_code(&body), "VALIDATION");
    // No command at all, or two in one.
    let body = a.refused(&app, json!({}));
    assert_eq!(error_code(&body), "VALIDATION");
    assert_eq!(body["errors"][0]["extensions"]["field"], "command");
    assert_eq!(body["errors"][0]["extensions"]["commandIndex"], 0);
    let mut two = training_measure();
    two["clearResponse"] = json!({ "itemKey": TRAINING });
    let body = a.refused(&app, two);
    assert_eq!(error_code(&body), "VALIDATION");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap_or("")
            .contains("clearResponse"),
        "{body}"
    );
    assert_eq!(
        app.audit_count(),
        before,
        "a refused write left an audit entry"
    );
    let read = a.read(&app, &a.token);
    assert_eq!(read["version"], a.version);
}

#[test]
fn a_measure_linked_to_a_recommendation_covers_it_both_ways() {
    let app = TestApp::spawn();
    let mut a = adopt(&app, "dpo@vestby.example");
    a.command(&app, training_measure());
    a.command(
        &app,
        json!({ "setResponse": { "recommendationKey": TRAINING, "response": "IMPLEMENTED" } }),
    );
    let read = a.read(&app, &a.token);
    let rec = find(&read["recommendations"], TRAINING);
    assert_eq!(rec["response"], "IMPLEMENTED");
    assert_eq!(rec["measures"][0]["key"], "local.measure.training");
    assert_eq!(rec["measures"][0]["status"], "IMPLEMENTED");
    let risk = find(&read["risks"], MISDIRECTED);
    assert_eq!(risk["measures"][0]["key"], "local.measure.training");
    let measure = find(&read["measures"], "local.measure.training");
    assert_eq!(measure["implements"], json!([TRAINING]));
    assert_eq!(measure["mitigates"], json!([MISDIRECTED]));
    let uncovered: Vec<&str> = read["coverage"]["uncoveredRecommendations"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(!uncovered.contains(&TRAINING));
    assert!(!uncovered.is_empty());
}

#[test]
fn other_tenants_cannot_see_or_write_and_the_authority_only_reads() {
    let app = TestApp::spawn();
    let a = adopt(&app, "dpo@vestby.example");
    let missing = "00000000-0000-4000-8000-000000000000";
    for email in [
        "dpo@sydby.example",
        "admin@sydby.example",
        "editor@central.example",
    ] {
        let token = app.login(email);
        let foreign = app.gql(Some(&token), READ, json!({ "id": a.id }));
        let absent = app.gql(Some(&token), READ, json!({ "id": missing }));
        assert_eq!(
            error_code(&foreign),
            "NOT_FOUND",
            "{email} read Nordby's assessment"
        );
        assert_eq!(
            foreign["errors"][0]["message"],
            absent["errors"][0]["message"]
        );
        let write = app.gql(
            Some(&token),
            COMMAND,
            json!({ "id": a.id, "v": a.version, "c": [training_measure()] }),
        );
        assert_eq!(
            error_code(&write),
            "NOT_FOUND",
            "{email} wrote to Nordby's assessment"
        );
        let list = app.ok(
            Some(&token),
            "{ assessments { edges { node { id } } } }",
            json!({}),
        );
        assert!(
            !list.to_string().contains(&a.id),
            "{email} lists Nordby's assessment"
        );
    }
    let reviewer = app.login("reviewer@authority.example");
    let read = a.read(&app, &reviewer);
    assert_eq!(read["id"], a.id.as_str());
    let list = app.ok(
        Some(&reviewer),
        "{ assessments { edges { node { id } } } }",
        json!({}),
    );
    assert!(list.to_string().contains(&a.id));
    let write = app.gql(
        Some(&reviewer),
        COMMAND,
        json!({ "id": a.id, "v": a.version, "c": [training_measure()] }),
    );
    assert_eq!(error_code(&write), "FORBIDDEN");
}

#[test]
fn a_stale_version_is_a_conflict() {
    let app = TestApp::spawn();
    let mut a = adopt(&app, "dpo@vestby.example");
    let stale = a.version;
    a.command(&app, training_measure());
    let body = app.gql(
        Some(&a.token),
        COMMAND,
        json!({ "id": a.id, "v": stale, "c": [training_measure()] }),
    );
    assert_eq!(error_code(&body), "CONFLICT");
}

const APPROVE: &str = "mutation($id: ID!, $v: Int!, $ack: String) { approveAssessment(assessmentId: $id, expectedVersion: $v, acknowledgement: $ack) { status revision version } }";

/// The demo assessment of a demo controller: (token, id, version).
pub fn demo_assessment(app: &TestApp, email: &str) -> (String, String, i64) {
    let token = app.login(email);
    let list = app.ok(
        Some(&token),
        "{ assessments { edges { node { id version } } } }",
        json!({}),
    );
    let node = &list["assessments"]["edges"][0]["node"];
    (
        token,
        node["id"].as_str().expect("id").to_string(),
        node["version"].as_i64().expect("version"),
    )
}

/// Answers the first unaddressed recommendation of an assessment as not applicable, as its
/// controller (`token`) at `version`: the overview's unaddressed count drops by one.
pub fn answer_an_unaddressed_recommendation(app: &TestApp, token: &str, id: &str, version: i64) {
    let read = app.ok(
        Some(token),
        "query($id: ID!) { assessment(id: $id) { recommendations { key response } } }",
        json!({ "id": id }),
    );
    let key = read["assessment"]["recommendations"]
        .as_array()
        .expect("recommendations")
        .iter()
        .find(|r| r["response"] == "UNADDRESSED")
        .expect("an unaddressed recommendation")["key"]
        .clone();
    let command = json!({"setResponse": {"recommendationKey": key, "response": "NOT_APPLICABLE", "justification": "No pupils use the module here."}});
    app.ok(
        Some(token),
        "mutation($id: ID!, $v: Int!, $c: [AssessmentCommandInput!]!) { applyAssessmentCommands(assessmentId: $id, expectedVersion: $v, commands: $c) { version } }",
        json!({ "id": id, "v": version, "c": [command] }),
    );
}

#[test]
fn approval_is_refused_with_the_open_errors_listed() {
    let app = TestApp::spawn();
    let a = adopt(&app, "dpo@vestby.example");
    let before = app.audit_count();
    let body = app.gql(
        Some(&a.token),
        APPROVE,
        json!({ "id": a.id, "v": a.version }),
    );
    assert_eq!(error_code(&body), "VALIDATION");
    let findings = body["errors"][0]["extensions"]["findings"]
        .as_array()
        .expect("the findings travel with the refusal");
    assert!(findings.iter().all(|f| f["severity"] == "ERROR"));
    let rules: Vec<&str> = findings
        .iter()
        .filter_map(|f| f["ruleId"].as_str())
        .collect();
    assert!(
        rules.contains(&"A35_7D_RECOMMENDATION_UNADDRESSED"),
        "{rules:?}"
    );
    assert_eq!(app.audit_count(), before);
    assert_eq!(a.read(&app, &a.token)["status"], "DRAFT");
}

#[test]
fn approval_freezes_a_revision_and_the_next_write_opens_a_new_draft() {
    let app = TestApp::spawn();
    // Nordby's demo assessment was approved through the gate when the demo loaded.
    let (token, id, version) = demo_assessment(&app, "dpo@nordby.example");
    let mut a = Adopted { token, id, version };
    assert_eq!(a.read(&app, &a.token)["status"], "APPROVED");
    let again = app.gql(
        Some(&a.token),
        APPROVE,
        json!({ "id": a.id, "v": a.version }),
    );
    assert_eq!(error_code(&again), "CONFLICT");
    let mut measure = training_measure();
    measure["upsertMeasure"]["key"] = json!("local.measure.extra-training");
    a.command(&app, measure);
    let read = app.ok(
        Some(&a.token),
        "query($id: ID!) { assessment(id: $id) { status revision approvedRevisions { revision approvedBy } } }",
        json!({ "id": a.id }),
    );
    assert_eq!(read["assessment"]["status"], "DRAFT");
    assert_eq!(read["assessment"]["revision"], 2);
    assert_eq!(read["assessment"]["approvedRevisions"][0]["revision"], 1);
    // And the freshly written revision passes the gate again.
    let data = app.ok(
        Some(&a.token),
        APPROVE,
        json!({ "id": a.id, "v": a.version, "ack": "Reviewed." }),
    );
    assert_eq!(data["approveAssessment"]["status"], "APPROVED");
    assert_eq!(data["approveAssessment"]["revision"], 2);
}

#[test]
fn an_assessment_reads_back_as_it_stood_at_a_past_instant() {
    let app = TestApp::spawn();
    let mut a = adopt(&app, "dpo@vestby.example");
    let before_measure = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    std::thread::sleep(std::time::Duration::from_millis(20));
    a.command(&app, training_measure());
    let read = app.ok(
        Some(&a.token),
        "query($id: ID!, $at: String!) { assessment(id: $id) { measures { key } asOf(at: $at) { version measures { key } } } }",
        json!({ "id": a.id, "at": before_measure }),
    );
    assert_eq!(
        read["assessment"]["measures"].as_array().map(Vec::len),
        Some(1)
    );
    assert_eq!(
        read["assessment"]["asOf"]["measures"]
            .as_array()
            .map(Vec::len),
        Some(0)
    );
}

/// SPEC §7 "No N+1": one full effective assessment costs the same few SQL statements whether
/// it has no local changes or a complete set of measures, answers and treatments.
#[test]
fn one_full_assessment_costs_a_fixed_number_of_queries() {
    let app = TestApp::spawn();
    let full = "query($id: ID!) { assessment(id: $id) { id organisation { name } risks { key provenance inherentLevel residualLevel inherentLikelihood { value provenance } treatment { decision } measures { key status } } recommendations { key response measures { key } } measures { key mitigates implements } incidents { key } coverage { unmitigatedRisks } findings { ruleId } diffAgainstBase { count } } }";
    let empty = adopt(&app, "dpo@vestby.example");
    let (nordby_token, nordby, _) = demo_assessment(&app, "dpo@nordby.example");
    let count = |token: &str, id: &str| {
        // Warm up once (pool connections are made lazily), then count one request.
        app.ok(Some(token), full, json!({ "id": id }));
        let before = app.pool().state().connections;
        let start = app.pool_queries();
        let data = app.ok(Some(token), full, json!({ "id": id }));
        assert_eq!(app.pool().state().connections, before);
        (app.pool_queries() - start, data)
    };
    let (small, _) = count(&empty.token, &empty.id);
    let (large, data) = count(&nordby_token, &nordby);
    let measures = data["assessment"]["measures"]
        .as_array()
        .map_or(0, Vec::len);
    assert!(measures >= 10, "Nordby should be the large case");
    assert_eq!(
        small, large,
        "the query count grows with the assessment's size"
    );
    // Token subject and organisation, the assessment, its template and base version, the
    // organisation field, and the pool's liveness check of a connection idle for a second.
    assert!(large <= 9, "{large} queries for one assessment");
    eprintln!("one full effective assessment: {large} SQL statements");
}

/// Issue 18: as-of states are stored as deltas of the state before, with a full text every
/// 32 versions. Every past state must read back byte for byte as the full copy the write
/// saw, across several snapshots, and the stored deltas must be small.
#[test]
fn every_past_state_reads_back_exactly_as_written_though_states_are_stored_as_deltas() {
    use diesel::prelude::*;
    use dpiahub::store::schema::assessment_states as states;

    const STATE: &str =
        "query($id: ID!) { assessment(id: $id) { version updatedAt localChangesJson } }";
    const AS_OF: &str = "query($id: ID!, $at: String!) { assessment(id: $id) { asOf(at: $at) { version updatedAt localChangesJson } } }";
    let app = TestApp::spawn();
    let mut a = adopt(&app, "dpo@vestby.example");
    let mut written =
        vec![app.ok(Some(&a.token), STATE, json!({ "id": a.id }))["assessment"].clone()];
    for i in 0..70 {
        if i == 40 {
            a.command(&app, training_measure());
        } else {
            let data = app.ok(
                Some(&a.token),
                OVERRIDE,
                json!({ "id": a.id, "v": a.version, "key": MISDIRECTED, "field": "likelihood",
                        "value": 3 - (i % 2), "why": format!("Reviewed in round {i}: curated lists.") }),
            );
            a.version = data["applyAssessmentCommands"]["version"]
                .as_i64()
                .expect("version");
        }
        written.push(app.ok(Some(&a.token), STATE, json!({ "id": a.id }))["assessment"].clone());
    }
    assert_eq!(a.version, 71);
    for state in &written {
        let past = app.ok(
            Some(&a.token),
            AS_OF,
            json!({ "id": a.id, "at": state["updatedAt"] }),
        );
        assert_eq!(
            &past["assessment"]["asOf"], state,
            "as of {}",
            state["updatedAt"]
        );
    }

    let mut conn = app.pool().get().expect("a connection");
    let stored: Vec<(i64, Option<i64>, String)> = states::table
        .filter(states::assessment_id.eq(&a.id))
        .order(states::version.asc())
        .select((states::version, states::delta_from, states::local_changes))
        .load(&mut *conn)
        .expect("the states");
    assert_eq!(stored.len(), 71);
    let full: Vec<i64> = stored
        .iter()
        .filter(|(_, from, _)| from.is_none())
        .map(|(version, _, _)| *version)
        .collect();
    for snapshot in [1, 33, 65] {
        assert!(full.contains(&snapshot), "{full:?}");
    }
    assert!(full.len() <= 6, "a few full texts only: {full:?}");
    // What the deltas store against what full copies of the same states would have.
    let (mut delta_bytes, mut full_bytes) = (0, 0);
    for (version, from, text) in &stored {
        if let Some(from) = from {
            assert_eq!(*from, version - 1);
            delta_bytes += text.len();
            full_bytes += written[*version as usize - 1]["localChangesJson"]
                .as_str()
                .expect("text")
                .len();
        }
    }
    assert!(
        delta_bytes * 10 < full_bytes,
        "{delta_bytes} bytes of deltas for {full_bytes} bytes of full texts"
    );
}
