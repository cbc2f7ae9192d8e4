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

/// A memoised answer costs one SQL statement: the token's session check and the assessment's
/// version read are one statement, and a connection that answered a moment ago is not pinged
/// before it is handed out (`store/connection.rs`). Ending the session, or asking for an
/// assessment that is not there, is still answered as before on that same path.
#[test]
fn a_memoised_answer_costs_one_statement_and_still_checks_the_session() {
    let app = TestApp::spawn();
    app.new_controller("vestby");
    let (token, refresh) = app.tokens("dpo@vestby.example");
    let data = app.ok(Some(&token), ADOPT, json!({}));
    let id = data["adoptTemplate"]["id"]
        .as_str()
        .expect("id")
        .to_string();
    let computed = app.gql(Some(&token), READ, json!({ "id": id }));
    let kept = app.gql(Some(&token), READ, json!({ "id": id }));
    assert_eq!(computed, kept);
    let before = app.pool_queries();
    let hit = app.gql(Some(&token), READ, json!({ "id": id }));
    assert_eq!(hit, computed);
    assert_eq!(
        app.pool_queries() - before,
        1,
        "statements for a memoised answer"
    );

    let missing = app.gql(Some(&token), READ, json!({ "id": "no-such-assessment" }));
    assert_eq!(error_code(&missing), "NOT_FOUND", "{missing}");

    app.ok(
        Some(&token),
        "mutation($r: String!) { logout(refreshToken: $r) }",
        json!({ "r": refresh }),
    );
    let ended = app.gql(Some(&token), READ, json!({ "id": id }));
    assert_eq!(error_code(&ended), "UNAUTHENTICATED", "{ended}");
    assert!(
        ended["data"].is_null() || ended["data"]["assessment"].is_null(),
        "{ended}"
    );
}

/// PostgreSQL only: connections the database server drops (a restart, a failover) are
/// replaced. Pooled connections are pinged only when idle or after a failed statement on any
/// of them (`store/connection.rs`), so the first request after the drop may fail; the ones
/// after it are answered on new connections.
#[test]
fn connections_the_database_drops_are_replaced_after_one_failed_request() {
    use diesel::connection::SimpleConnection;
    let app = TestApp::spawn();
    let sqlite = matches!(
        *app.pool().get().expect("connection"),
        dpiahub::store::DbConnection::Sqlite(_)
    );
    if sqlite {
        return; // SQLite has no server to drop a connection.
    }
    let token = app.login("dpo@nordby.example");
    let me = "{ me { email } }";
    for _ in 0..4 {
        app.ok(Some(&token), me, json!({}));
    }
    let pooled = app.pool().state().connections as usize;
    // Another connection, outside the pool, ends every other session of this database.
    let url = std::env::var("DPIAHUB_TEST_POSTGRES_URL").expect("PostgreSQL URL");
    let (prefix, _) = url.rsplit_once('/').expect("a URL with a database name");
    let database: String = {
        let mut conn = app.pool().get().expect("connection");
        use diesel::prelude::*;
        diesel::select(diesel::dsl::sql::<diesel::sql_types::Text>(
            "current_database()",
        ))
        .get_result(&mut *conn)
        .expect("database name")
    };
    let mut admin = <diesel::pg::PgConnection as diesel::Connection>::establish(&format!(
        "{prefix}/{database}"
    ))
    .expect("admin connection");
    admin
        .batch_execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = current_database() AND pid <> pg_backend_pid()",
        )
        .expect("terminate the pool's connections");
    let failed = (0..pooled + 4)
        .filter(|_| !app.gql(Some(&token), me, json!({}))["errors"].is_null())
        .count();
    // One: the connection that just answered is handed out without a ping, fails, and has
    // every other connection pinged before its next use.
    assert_eq!(failed, 1, "failed requests, {pooled} connections dropped");
    for _ in 0..4 {
        let body = app.gql(Some(&token), me, json!({}));
        assert_eq!(body["data"]["me"]["email"], "dpo@nordby.example", "{body}");
    }
}
