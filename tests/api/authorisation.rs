//! Who may do what (SPEC §1): the role × organisation-kind matrix, and cross-tenant reads by id
//! that must answer exactly like a missing id.

use serde_json::json;

use crate::helpers::{error_code, TestApp};

const CREATE_USER: &str = "mutation($org: ID, $email: String!) { createUser(input: { organisationId: $org, email: $email, displayName: \"New person\", role: VIEWER, password: \"long-enough-password\" }) { id email } }";
const CREATE_ORG: &str = "mutation($name: String!) { createOrganisation(input: { kind: CONTROLLER, name: $name, adminEmail: \"admin@vestby.example\", adminDisplayName: \"Vestby admin\", adminPassword: \"long-enough-password\" }) { id name kind } }";

#[test]
fn only_the_operator_creates_organisations() {
    let app = TestApp::spawn();
    for email in [
        "admin@nordby.example",
        "admin@central.example",
        "admin@authority.example",
        "dpo@nordby.example",
    ] {
        let token = app.login(email);
        let body = app.gql(
            Some(&token),
            CREATE_ORG,
            json!({ "name": "Vestby Kommune" }),
        );
        assert_eq!(
            error_code(&body),
            "FORBIDDEN",
            "{email} created an organisation"
        );
    }
    let operator = app.login("operator@platform.example");
    let data = app.ok(
        Some(&operator),
        CREATE_ORG,
        json!({ "name": "Vestby Kommune" }),
    );
    assert_eq!(data["createOrganisation"]["kind"], "CONTROLLER");
    // Its first admin can sign in and sees its own organisation.
    let vestby_admin = app.ok(
        None,
        "mutation { login(email: \"admin@vestby.example\", password: \"long-enough-password\") { accessToken } }",
        json!({}),
    );
    let token = vestby_admin["login"]["accessToken"]
        .as_str()
        .expect("token");
    let me = app.ok(
        Some(token),
        "{ me { role organisation { name } } }",
        json!({}),
    );
    assert_eq!(me["me"]["organisation"]["name"], "Vestby Kommune");
    assert_eq!(me["me"]["role"], "ADMIN");
    // A second organisation of the same name is a conflict, not a duplicate.
    let again = app.gql(
        Some(&operator),
        CREATE_ORG,
        json!({ "name": "Vestby Kommune" }),
    );
    assert_eq!(error_code(&again), "CONFLICT");
}

#[test]
fn an_admin_manages_the_users_of_its_own_organisation_only() {
    let app = TestApp::spawn();
    let sydby = app.org_id_of("dpo@sydby.example");
    let admin = app.login("admin@nordby.example");
    let editor = app.login("dpo@nordby.example");

    let created = app.ok(
        Some(&admin),
        CREATE_USER,
        json!({ "email": "viewer@nordby.example" }),
    );
    assert_eq!(created["createUser"]["email"], "viewer@nordby.example");

    let body = app.gql(
        Some(&editor),
        CREATE_USER,
        json!({ "email": "x@nordby.example" }),
    );
    assert_eq!(error_code(&body), "FORBIDDEN");

    let before = app.audit_count();
    let body = app.gql(
        Some(&admin),
        CREATE_USER,
        json!({ "org": sydby, "email": "spy@sydby.example" }),
    );
    assert_eq!(error_code(&body), "NOT_FOUND");
    assert_eq!(app.audit_count(), before);
}

#[test]
fn a_viewer_reads_but_does_not_write() {
    let app = TestApp::spawn();
    let admin = app.login("admin@nordby.example");
    app.ok(
        Some(&admin),
        CREATE_USER,
        json!({ "email": "viewer@nordby.example" }),
    );
    let viewer = app.ok(
        None,
        "mutation { login(email: \"viewer@nordby.example\", password: \"long-enough-password\") { accessToken } }",
        json!({}),
    );
    let viewer = viewer["login"]["accessToken"].as_str().expect("token");
    app.ok(
        Some(viewer),
        "{ me { organisation { users { email } } } }",
        json!({}),
    );
    let body = app.gql(
        Some(viewer),
        CREATE_USER,
        json!({ "email": "y@nordby.example" }),
    );
    assert_eq!(error_code(&body), "FORBIDDEN");
}

#[test]
fn cross_tenant_reads_by_id_answer_not_found_like_a_missing_id() {
    let app = TestApp::spawn();
    let sydby = app.org_id_of("dpo@sydby.example");
    let sydby_admin = app.login("admin@sydby.example");
    let sydby_user = app.ok(Some(&sydby_admin), "{ me { id } }", json!({}))["me"]["id"]
        .as_str()
        .expect("id")
        .to_string();
    let missing = "00000000-0000-4000-8000-000000000000";

    let queries = [
        ("{ organisation(id: $id) { name } }", "organisation"),
        (
            "{ verifyAuditChain(organisationId: $id) { valid } }",
            "verifyAuditChain",
        ),
        (
            "{ auditTrail(organisationId: $id) { edges { node { seq } } } }",
            "auditTrail",
        ),
    ];
    for email in [
        "dpo@nordby.example",
        "admin@nordby.example",
        "editor@central.example",
    ] {
        let token = app.login(email);
        for (selection, name) in queries {
            let query = format!("query($id: ID!) {selection}");
            let foreign = app.gql(Some(&token), &query, json!({ "id": sydby }));
            let absent = app.gql(Some(&token), &query, json!({ "id": missing }));
            assert_eq!(
                error_code(&foreign),
                "NOT_FOUND",
                "{email} read {name} of Sydby"
            );
            assert_eq!(
                foreign["errors"][0]["message"],
                absent["errors"][0]["message"]
            );
        }
        let user = app.gql(
            Some(&token),
            "query($org: ID, $id: ID!) { user(organisationId: $org, id: $id) { email } }",
            json!({ "org": sydby, "id": sydby_user }),
        );
        assert_eq!(error_code(&user), "NOT_FOUND", "{email} read a Sydby user");
    }

    // Sydby is invisible in the lists of another controller and of the central body.
    for email in ["dpo@nordby.example", "editor@central.example"] {
        let token = app.login(email);
        let list = app.ok(Some(&token), "{ organisations { id } }", json!({}));
        assert!(
            !list["organisations"]
                .as_array()
                .expect("list")
                .iter()
                .any(|o| o["id"] == sydby),
            "{email} sees Sydby"
        );
    }
}

#[test]
fn the_authority_reads_every_audit_trail_but_no_user_list() {
    let app = TestApp::spawn();
    let sydby = app.org_id_of("dpo@sydby.example");
    let reviewer = app.login("reviewer@authority.example");
    let chain = app.ok(
        Some(&reviewer),
        "query($id: ID!) { verifyAuditChain(organisationId: $id) { valid entries } }",
        json!({ "id": sydby }),
    );
    assert_eq!(chain["verifyAuditChain"]["valid"], true);
    assert!(chain["verifyAuditChain"]["entries"].as_i64().unwrap_or(0) >= 3);
    let users = app.gql(
        Some(&reviewer),
        "query($id: ID!) { organisation(id: $id) { users { email } } }",
        json!({ "id": sydby }),
    );
    assert_eq!(error_code(&users), "NOT_FOUND");
}
