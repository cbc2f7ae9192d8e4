//! The audit trail (SPEC §6): every write audited in its transaction, hash-chained, tamper-evident;
//! optimistic concurrency on mutable rows.

use diesel::prelude::*;
use serde_json::json;

use crate::helpers::{error_code, TestApp};
use dpiahub::store::schema::audit_entries;

const UPDATE_USER: &str = "mutation($id: ID!, $v: Int!, $role: Role) { updateUser(input: { id: $id, expectedVersion: $v, role: $role }) { role version } }";

fn dpo_id(app: &TestApp, admin: &str) -> (String, i64) {
    let data = app.ok(
        Some(admin),
        "{ me { organisation { users { id email version } } } }",
        json!({}),
    );
    let users = data["me"]["organisation"]["users"]
        .as_array()
        .expect("users")
        .clone();
    let dpo = users
        .iter()
        .find(|u| u["email"] == "dpo@nordby.example")
        .expect("the DPO");
    (
        dpo["id"].as_str().expect("id").to_string(),
        dpo["version"].as_i64().expect("version"),
    )
}

#[test]
fn a_write_and_its_audit_entry_commit_together_with_before_and_after() {
    let app = TestApp::spawn();
    let nordby = app.org_id_of("dpo@nordby.example");
    let admin = app.login("admin@nordby.example");
    let (id, version) = dpo_id(&app, &admin);
    let data = app.ok(
        Some(&admin),
        UPDATE_USER,
        json!({ "id": id, "v": version, "role": "VIEWER" }),
    );
    assert_eq!(data["updateUser"]["role"], "VIEWER");
    assert_eq!(data["updateUser"]["version"], version + 1);

    let trail = app.ok(
        Some(&admin),
        "query($org: ID!) { auditTrail(organisationId: $org, entity: \"user\", first: 1) { edges { node { action entityId actorEmail before after at } } pageInfo { hasNextPage } } }",
        json!({ "org": nordby }),
    );
    let entry = &trail["auditTrail"]["edges"][0]["node"];
    assert_eq!(entry["action"], "update");
    assert_eq!(entry["entityId"], id.as_str());
    assert_eq!(entry["actorEmail"], "admin@nordby.example");
    assert!(entry["before"]
        .as_str()
        .expect("before")
        .contains("\"EDITOR\""));
    assert!(entry["after"]
        .as_str()
        .expect("after")
        .contains("\"VIEWER\""));
    assert!(entry["at"].as_str().expect("at").ends_with('Z'));
    assert_eq!(trail["auditTrail"]["pageInfo"]["hasNextPage"], true);
}

#[test]
fn a_stale_version_is_refused_with_conflict_and_only_one_of_two_writers_wins() {
    let app = TestApp::spawn();
    let admin = app.login("admin@nordby.example");
    let (id, version) = dpo_id(&app, &admin);
    let results: Vec<serde_json::Value> = std::thread::scope(|s| {
        let handles: Vec<_> = ["VIEWER", "ADMIN"]
            .into_iter()
            .map(|role| {
                let (app, admin, id) = (&app, &admin, &id);
                s.spawn(move || {
                    app.gql(
                        Some(admin),
                        UPDATE_USER,
                        json!({ "id": id, "v": version, "role": role }),
                    )
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .collect()
    });
    let codes: Vec<&str> = results.iter().map(error_code).collect();
    assert_eq!(
        codes.iter().filter(|c| **c == "<no error>").count(),
        1,
        "{results:?}"
    );
    assert_eq!(
        codes.iter().filter(|c| **c == "CONFLICT").count(),
        1,
        "{results:?}"
    );
}

#[test]
fn tampering_with_a_stored_entry_breaks_the_chain() {
    let app = TestApp::spawn();
    let nordby = app.org_id_of("dpo@nordby.example");
    let admin = app.login("admin@nordby.example");
    let verify = "query($org: ID!) { verifyAuditChain(organisationId: $org) { valid entries firstInvalidSeq } }";
    let ok = app.ok(Some(&admin), verify, json!({ "org": nordby }));
    assert_eq!(ok["verifyAuditChain"]["valid"], true);

    let mut conn = app.pool().get().expect("connection");
    diesel::update(
        audit_entries::table
            .filter(audit_entries::org_id.eq(&nordby))
            .filter(audit_entries::seq.eq(2)),
    )
    .set(audit_entries::after_json.eq(Some(r#"{"role":"VIEWER"}"#)))
    .execute(&mut conn)
    .expect("tamper");

    let broken = app.ok(Some(&admin), verify, json!({ "org": nordby }));
    assert_eq!(broken["verifyAuditChain"]["valid"], false);
    assert_eq!(broken["verifyAuditChain"]["firstInvalidSeq"], 2);
}

#[test]
fn deleting_the_newest_entry_is_detected() {
    let app = TestApp::spawn();
    let nordby = app.org_id_of("dpo@nordby.example");
    let admin = app.login("admin@nordby.example");
    let mut conn = app.pool().get().expect("connection");
    let last: i64 = audit_entries::table
        .filter(audit_entries::org_id.eq(&nordby))
        .select(diesel::dsl::max(audit_entries::seq))
        .first::<Option<i64>>(&mut conn)
        .expect("max")
        .expect("entries exist");
    diesel::delete(
        audit_entries::table
            .filter(audit_entries::org_id.eq(&nordby))
            .filter(audit_entries::seq.eq(last)),
    )
    .execute(&mut conn)
    .expect("delete");
    let body = app.ok(
        Some(&admin),
        "query($org: ID!) { verifyAuditChain(organisationId: $org) { valid } }",
        json!({ "org": nordby }),
    );
    assert_eq!(body["verifyAuditChain"]["valid"], false);
}

#[test]
fn an_admin_cannot_demote_itself() {
    let app = TestApp::spawn();
    let admin = app.login("admin@nordby.example");
    let me = app.ok(Some(&admin), "{ me { id version } }", json!({}));
    let body = app.gql(
        Some(&admin),
        UPDATE_USER,
        json!({ "id": me["me"]["id"], "v": me["me"]["version"], "role": "VIEWER" }),
    );
    assert_eq!(error_code(&body), "VALIDATION");
    assert_eq!(body["errors"][0]["extensions"]["field"], "role");
}
