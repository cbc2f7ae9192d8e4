//! The memo of answers about one assessment (issue 18, `graphql/answer_memo.rs`): a write is
//! seen by the very next read, and actors who may see differently never share an entry. The
//! same through two server processes: `ops::processes`.

use serde_json::{json, Value};

use crate::helpers::{error_code, TestApp};

const ADOPT: &str = "mutation { adoptTemplate(templateKey: \"school-platform\", templateVersion: 1) { id version } }";
/// Only fields of the stored state: answered from the memo once computed.
pub const READ: &str = "query Read($id: ID!) { assessment(id: $id) { id version title risks { key provenance inherentLikelihood { value provenance justification } } diffAgainstBase { count } } }";
pub const OVERRIDE: &str = "mutation($id: ID!, $v: Int!, $value: Int!) { applyAssessmentCommands(assessmentId: $id, expectedVersion: $v, commands: [{ setOverride: { itemKey: \"risk.messages.misdirected\", field: \"likelihood\", value: { int: $value }, justification: \"Messages go to curated group lists only.\" } }]) { version } }";
pub const MISDIRECTED: &str = "risk.messages.misdirected";

/// The likelihood of the misdirected-messages risk and the version, as read.
pub fn likelihood_and_version(read: &Value) -> (Value, i64) {
    let assessment = &read["data"]["assessment"];
    let risk = assessment["risks"]
        .as_array()
        .and_then(|r| r.iter().find(|r| r["key"] == MISDIRECTED))
        .unwrap_or_else(|| panic!("no {MISDIRECTED}: {read}"));
    (
        risk["inherentLikelihood"]["value"].clone(),
        assessment["version"].as_i64().expect("version"),
    )
}

fn adopted(app: &TestApp) -> (String, String, i64) {
    app.new_controller("vestby");
    let token = app.login("dpo@vestby.example");
    let data = app.ok(Some(&token), ADOPT, json!({}));
    let id = data["adoptTemplate"]["id"]
        .as_str()
        .expect("id")
        .to_string();
    let version = data["adoptTemplate"]["version"].as_i64().expect("version");
    (token, id, version)
}

#[test]
fn a_write_is_seen_by_the_very_next_read_of_a_memoised_answer() {
    let app = TestApp::spawn();
    let (token, id, mut version) = adopted(&app);
    let first = app.gql(Some(&token), READ, json!({ "id": id }));
    let second = app.gql(Some(&token), READ, json!({ "id": id }));
    assert_eq!(first, second, "the memoised answer is the computed one");
    assert_eq!(
        dpiahub::graphql::answer_memo::viewers_of(&id).len(),
        1,
        "the answer was kept"
    );
    assert_eq!(likelihood_and_version(&second), (json!(4), version));
    for value in [3, 2, 3, 2] {
        let written = app.ok(
            Some(&token),
            OVERRIDE,
            json!({ "id": id, "v": version, "value": value }),
        );
        version = written["applyAssessmentCommands"]["version"]
            .as_i64()
            .expect("version");
        let read = app.gql(Some(&token), READ, json!({ "id": id }));
        assert_eq!(likelihood_and_version(&read), (json!(value), version));
    }
}

#[test]
fn actors_who_may_see_differently_never_share_an_entry() {
    let app = TestApp::spawn();
    let (token, id, _) = adopted(&app);
    let vestby = app.org_id_of("dpo@vestby.example");
    let authority = app.org_id_of("reviewer@authority.example");
    let nordby = app.org_id_of("dpo@nordby.example");
    let own = app.gql(Some(&token), READ, json!({ "id": id }));
    // Another controller is refused exactly as before, the memo warm or not.
    let other = app.login("dpo@nordby.example");
    for _ in 0..2 {
        let refused = app.gql(Some(&other), READ, json!({ "id": id }));
        assert_eq!(error_code(&refused), "NOT_FOUND", "{refused}");
    }
    let reviewer = app.login("reviewer@authority.example");
    let seen = app.gql(Some(&reviewer), READ, json!({ "id": id }));
    assert_eq!(seen, own, "the same state, read by the authority");
    let again = app.gql(Some(&reviewer), READ, json!({ "id": id }));
    assert_eq!(again, own);
    let viewers = dpiahub::graphql::answer_memo::viewers_of(&id);
    assert_eq!(viewers.len(), 2, "one entry per viewer: {viewers:?}");
    assert!(viewers.iter().any(|v| v.starts_with(&format!("{vestby}|"))));
    assert!(viewers
        .iter()
        .any(|v| v.starts_with(&format!("{authority}|"))));
    assert!(!viewers.iter().any(|v| v.starts_with(&format!("{nordby}|"))));
}
