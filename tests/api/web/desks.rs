//! The desks of issue 16 over HTTP with JavaScript off: the authority's cases, review and
//! history; the central body's templates, draft editor, publishing, import/export and adoption
//! overview (small-group rule); the operator's organisations. Browser journeys with axe are in
//! `desk_journeys.rs`.

use serde_json::json;

use super::client::{hidden_value, WebClient};
use super::pages::assessment_of;
use crate::helpers::{TestApp, DEMO_PASSWORD};

const REVIEWER: &str = "reviewer@authority.example";
const CENTRAL: &str = "editor@central.example";

/// Creates `n` extra controllers that adopt the school platform's version 1.
pub fn more_adopters(app: &TestApp, names: &[&str]) {
    for name in names {
        app.new_controller(name);
        let token = app.login(&format!("dpo@{name}.example"));
        app.ok(
            Some(&token),
            "mutation { adoptTemplate(templateKey: \"school-platform\", templateVersion: 1) { id } }",
            json!({}),
        );
    }
}

/// The id of a review finding in a page (the first close form's path).
fn first_open_finding(body: &str) -> Option<(String, String)> {
    let marker = "/findings/";
    let start = body.find(marker)? + marker.len();
    let id = body[start..].split('/').next()?.to_string();
    let version = hidden_value(&body[start..], "version")?;
    Some((id, version))
}

#[test]
fn sign_in_leads_each_desk_to_its_start_page() {
    let app = TestApp::spawn();
    for (email, start) in [
        (REVIEWER, "/authority/cases"),
        (CENTRAL, "/central/templates"),
        ("operator@platform.example", "/operator/organisations"),
    ] {
        let web = WebClient::new(&app);
        web.sign_in(email).assert_redirect(start);
        web.get("/").assert_redirect(start);
        assert_eq!(web.get(start).status, 200, "{email} reaches {start}");
    }
}

#[test]
fn the_central_body_cannot_reach_a_controllers_assessment_nor_the_authoritys_desk() {
    let app = TestApp::spawn();
    let nordby = assessment_of(&app, "dpo@nordby.example");
    let web = WebClient::new(&app);
    web.sign_in(CENTRAL);
    let missing = web.get("/authority/assessments/no-such-id");
    assert_eq!(missing.status, 404);
    for path in [
        format!("/assessments/{nordby}"),
        format!("/assessments/{nordby}/report"),
        format!("/authority/assessments/{nordby}"),
        format!("/authority/assessments/{nordby}/history"),
        "/authority/cases".to_string(),
        "/operator/organisations".to_string(),
    ] {
        let page = web.get(&path);
        assert_eq!(page.status, 404, "{path}");
        assert_eq!(
            page.body, missing.body,
            "{path} says exactly what a missing page says"
        );
        assert!(!page.body.contains("Nordby"), "{path}");
    }
    // A controller does not reach the desks either.
    let dpo = WebClient::new(&app);
    dpo.sign_in("dpo@sydby.example");
    for path in [
        "/authority/cases",
        "/central/templates",
        "/central/templates/school-platform/overview",
    ] {
        assert_eq!(dpo.get(path).status, 404, "{path}");
    }
}

#[test]
fn the_case_list_shows_every_controller_and_filters_and_sorts_on_the_server() {
    let app = TestApp::spawn();
    let web = WebClient::new(&app);
    web.sign_in(REVIEWER);
    let all = web.get("/authority/cases");
    assert_eq!(all.status, 200);
    for name in ["Nordby", "Sydby", "Østerby"] {
        assert!(all.body.contains(name), "{name} is a case");
    }
    // Sydby lowered risks (seed 003); Østerby's office suite assessment did not.
    let lowered = web.get("/authority/cases?only=lowered");
    assert!(lowered.body.contains("Sydby"));
    assert!(!lowered.body.contains("Østerby"), "Østerby lowered nothing");
    let school = web.get("/authority/cases?template=school-platform");
    assert!(!school.body.contains("Østerby"), "filtered by template");
    let by_errors = web.get("/authority/cases?sort=errors&dir=desc");
    let sydby = by_errors.body.find("Sydby").expect("Sydby");
    let nordby = by_errors.body.find(">Nordby").expect("Nordby");
    assert!(sydby < nordby, "the case with most open errors first");
}

#[test]
fn the_review_page_groups_the_departures_and_a_finding_is_recorded_answered_and_closed() {
    let app = TestApp::spawn();
    let sydby = assessment_of(&app, "dpo@sydby.example");
    let web = WebClient::new(&app);
    web.sign_in(REVIEWER);
    let path = format!("/authority/assessments/{sydby}");
    let page = web.get(&path);
    assert_eq!(page.status, 200);
    for group in [
        "Sænket",
        "Ændret",
        "Ubesvaret",
        "Central værdi",
        "Lokal værdi",
        "Begrundelse",
    ] {
        assert!(page.body.contains(group), "{group}");
    }
    // Filters by kind and level narrow the rows, on the server.
    let risks = web.get(&format!("{path}?kind=RISK&level=HIGH"));
    assert!(risks.body.contains("Viser"));
    assert!(!risks.body.contains("data-key=\"rec."), "only risks");

    // A finding on a row: the form preselects the row, the store records it, audited.
    let key = page
        .body
        .split("data-key=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("a row")
        .to_string();
    let form = web.get(&format!("{path}?item={key}"));
    assert!(form.body.contains(&format!("value=\"{key}\" selected")));
    let before = app.audit_count();
    let posted = web.submit(
        &path,
        &format!("{path}/findings"),
        &[
            ("item_key", &key),
            ("severity", "ERROR"),
            ("comment", "Sænkningen er ikke begrundet."),
        ],
    );
    assert_eq!(posted.status, 303, "{}", posted.body);
    assert_eq!(app.audit_count(), before + 1);
    let page = web.get(&path);
    assert!(page.body.contains("Sænkningen er ikke begrundet."));
    assert!(page.body.contains("Åben"));

    // Sydby answers through the API (the workspace's answer screen belongs to WEB2).
    let dpo = app.login("dpo@sydby.example");
    let found = app.ok(
        Some(&dpo),
        "query($id: ID!) { assessment(id: $id) { reviewFindings { id version } } }",
        json!({ "id": sydby }),
    );
    let finding = &found["assessment"]["reviewFindings"][0];
    app.ok(
        Some(&dpo),
        "mutation($id: ID!, $v: Int!) { answerReviewFinding(id: $id, expectedVersion: $v, answer: \"Vi tilføjer en foranstaltning.\") { status } }",
        json!({ "id": finding["id"], "v": finding["version"] }),
    );
    let page = web.get(&path);
    assert!(
        page.body.contains("Vi tilføjer en foranstaltning."),
        "the answer is followed"
    );
    assert!(page.body.contains("Besvaret"));

    // The officer closes it.
    let (id, version) = first_open_finding(&page.body).expect("a close form");
    let closed = web.submit(
        &path,
        &format!("{path}/findings/{id}/close"),
        &[("version", &version)],
    );
    assert_eq!(closed.status, 303, "{}", closed.body);
    let page = web.get(&path);
    assert!(page.body.contains("Lukket"));
    assert!(
        first_open_finding(&page.body).is_none(),
        "nothing left to close"
    );
    // A stale close says so and changes nothing.
    let stale = web.submit(
        &path,
        &format!("{path}/findings/{id}/close"),
        &[("version", &version)],
    );
    assert_eq!(stale.status, 409);
}

#[test]
fn a_finding_without_a_comment_is_refused_beside_the_field_and_writes_nothing() {
    let app = TestApp::spawn();
    let sydby = assessment_of(&app, "dpo@sydby.example");
    let web = WebClient::new(&app);
    web.sign_in(REVIEWER);
    let path = format!("/authority/assessments/{sydby}");
    let before = app.audit_count();
    let refused = web.submit(
        &path,
        &format!("{path}/findings"),
        &[("item_key", ""), ("severity", "WARNING"), ("comment", "  ")],
    );
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("id=\"f-comment-error\""));
    assert!(refused.body.contains("aria-invalid=\"true\""));
    assert_eq!(app.audit_count(), before);
}

#[test]
fn history_shows_the_state_at_a_date_the_revisions_and_says_the_trail_is_intact() {
    let app = TestApp::spawn();
    let nordby = assessment_of(&app, "dpo@nordby.example");
    let web = WebClient::new(&app);
    web.sign_in(REVIEWER);
    let path = format!("/authority/assessments/{nordby}/history");
    // Signing in through the API writes to Nordby's trail: read the chain after that.
    let token = app.login(REVIEWER);
    let org = app.org_id_of("dpo@nordby.example");
    let verified = app.ok(
        Some(&token),
        "query($o: ID!) { verifyAuditChain(organisationId: $o) { valid entries } }",
        json!({ "o": org }),
    );
    assert_eq!(verified["verifyAuditChain"]["valid"], true);
    let entries = verified["verifyAuditChain"]["entries"]
        .as_i64()
        .expect("entries");
    let page = web.get(&path);
    assert_eq!(page.status, 200);
    let digits = entries.to_string();
    let grouped: String = digits
        .chars()
        .enumerate()
        .flat_map(|(i, c)| {
            let dot = i > 0 && (digits.len() - i).is_multiple_of(3);
            dot.then_some('.').into_iter().chain(std::iter::once(c))
        })
        .collect();
    let said = format!("Sporet er intakt: {grouped} poster.");
    assert!(page.body.contains(&said), "expected «{said}»");
    // Nordby's demo assessment is approved: a revision to compare with now.
    assert!(page.body.contains("Revision 1"));
    let diff = web.get(&format!("{path}?from=1"));
    assert_eq!(diff.status, 200);
    let today = chrono::Utc::now().date_naive();
    let now = web.get(&format!("{path}?at={today}"));
    assert!(now.body.contains("Ved udgangen af"));
    let before = web.get(&format!("{path}?at=2000-01-01"));
    assert!(before.body.contains("fandtes ikke endnu"));
    // In English, a thousands separator as English writes it.
    let en = WebClient::new(&app).with_accept_language("en");
    en.sign_in(REVIEWER);
    let page = en.get(&path);
    assert!(page.body.contains("The trail is intact:"));
}

#[test]
fn the_central_editor_edits_a_risk_reads_the_diff_and_publishes_a_new_version() {
    let app = TestApp::spawn();
    let web = WebClient::new(&app);
    web.sign_in(CENTRAL);
    let list = web.get("/central/templates");
    assert!(list.body.contains("school-platform"));
    let created = web.submit(
        "/central/templates/school-platform",
        "/central/templates/school-platform/drafts",
        &[],
    );
    assert_eq!(created.status, 303, "{}", created.body);
    let draft = created.location.expect("the draft's page");
    assert_eq!(draft, "/central/templates/school-platform/versions/3");
    let item = format!("{draft}/items/risk.messages.misdirected");
    let form = web.get(&item);
    assert_eq!(form.status, 200);
    let version = hidden_value(&form.body, "version").expect("version");
    // An empty threat is refused beside the field, the input kept.
    let refused = web.submit(
        &item,
        &item,
        &[
            ("version", &version),
            ("title", ""),
            ("description", "Beskrivelse bevaret"),
            ("scope", "module.messages"),
            ("threat_source", "HUMAN_ERROR"),
            ("properties", "CONFIDENTIALITY"),
            ("likelihood", "3"),
            ("consequence", "4"),
            ("rationale", "r"),
        ],
    );
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("id=\"f-title-error\""));
    assert!(
        refused.body.contains("Feltet må ikke være tomt."),
        "the domain's refusal in Danish"
    );
    assert!(refused.body.contains("Beskrivelse bevaret"));
    let saved = web.submit(
        &item,
        &item,
        &[
            ("version", &version),
            ("title", "Besked sendt til forkert modtager"),
            (
                "description",
                "En bruger sender ved en fejl en besked til den forkerte.",
            ),
            ("scope", "module.messages"),
            ("threat_source", "HUMAN_ERROR"),
            ("properties", "CONFIDENTIALITY"),
            ("likelihood", "3"),
            ("consequence", "4"),
            ("rationale", "Færre fejl efter ny adressevælger."),
        ],
    );
    assert_eq!(saved.status, 303, "{}", saved.body);
    // Before publishing: the diff in words against version 2.
    let publish = format!("{draft}/publish");
    let before = web.get(&publish);
    assert!(before.body.contains("Sammenlignet med version 2"));
    assert!(before.body.contains("Besked sendt til forkert modtager"));
    assert!(before.body.contains("likelihood: «4» bliver til «3»"));
    let version = hidden_value(&before.body, "version").expect("version");
    let no_log = web.submit(
        &publish,
        &publish,
        &[("version", &version), ("changelog", "")],
    );
    assert_eq!(no_log.status, 422);
    assert!(no_log.body.contains("id=\"f-changelog-error\""));
    let done = web.submit(
        &publish,
        &publish,
        &[
            ("version", &version),
            (
                "changelog",
                "Sandsynligheden for fejladresserede beskeder er sænket.",
            ),
        ],
    );
    done.assert_redirect("/central/templates/school-platform");
    let page = web.get("/central/templates/school-platform");
    assert!(page
        .body
        .contains("Sandsynligheden for fejladresserede beskeder er sænket."));
    // Controllers see the new version.
    let token = app.login("dpo@nordby.example");
    let data = app.ok(
        Some(&token),
        "{ template(key: \"school-platform\") { versions { number status } } }",
        json!({}),
    );
    assert!(data.to_string().contains("\"number\":3"), "{data}");
}

#[test]
fn the_draft_editor_adds_a_question_and_a_risk_and_edits_the_description_skeleton() {
    let app = TestApp::spawn();
    let web = WebClient::new(&app);
    web.sign_in(CENTRAL);
    let draft = web
        .submit(
            "/central/templates/school-platform",
            "/central/templates/school-platform/drafts",
            &[],
        )
        .location
        .expect("a new draft");
    let page = web.get(&draft);
    for section in [
        "Systematisk beskrivelse: behandlingsaktiviteter",
        "Nødvendighed og proportionalitet",
        "Tilføj en risiko",
        "Tilføj et spørgsmål om nødvendighed og proportionalitet",
    ] {
        assert!(page.body.contains(section), "{section}");
    }

    // A new necessity question; a key already in use is refused beside the key, input kept.
    let new_question = format!("{draft}/new/question");
    let form = web.get(&new_question);
    assert_eq!(form.status, 200);
    let version = hidden_value(&form.body, "version").expect("version");
    let taken = web.submit(
        &new_question,
        &new_question,
        &[
            ("version", &version),
            ("new_key", "necessity.lawfulness"),
            ("title", "Er opbevaringsperioden fastsat lokalt?"),
            ("principle", "STORAGE_LIMITATION"),
            ("description", ""),
        ],
    );
    assert_eq!(taken.status, 422, "{}", taken.body);
    assert!(taken.body.contains("id=\"f-new_key-error\""));
    assert!(taken
        .body
        .contains("necessity.lawfulness er allerede nøglen til et andet element"));
    assert!(taken
        .body
        .contains("Er opbevaringsperioden fastsat lokalt?"));
    let added = web.submit(
        &new_question,
        &new_question,
        &[
            ("version", &version),
            ("new_key", "necessity.local-retention"),
            ("title", "Er opbevaringsperioden fastsat lokalt?"),
            ("principle", "STORAGE_LIMITATION"),
            ("description", ""),
        ],
    );
    added.assert_redirect(&format!("{draft}#item-necessity.local-retention"));

    // A new risk with its scope, source and affected properties.
    let new_risk = format!("{draft}/new/risk");
    let version = hidden_value(&web.get(&new_risk).body, "version").expect("version");
    let risk = web.submit(
        &new_risk,
        &new_risk,
        &[
            ("version", &version),
            ("new_key", "risk.messages.ai-summary"),
            ("title", "Automatiske resuméer afslører beskedindhold"),
            ("description", "En ny funktion opsummerer tråde for ledere."),
            ("scope", "module.messages"),
            ("threat_source", "TECHNICAL"),
            ("properties", "CONFIDENTIALITY"),
            ("properties", "INTEGRITY"),
            ("likelihood", "2"),
            ("consequence", "3"),
            ("rationale", "Ny funktion, endnu ikke udbredt."),
        ],
    );
    risk.assert_redirect(&format!("{draft}#item-risk.messages.ai-summary"));

    // The description skeleton: an activity's purposes and operations.
    let activity = format!("{draft}/items/activity.messages");
    let form = web.get(&activity);
    assert!(form.body.contains("Behandlingstyper"));
    let version = hidden_value(&form.body, "version").expect("version");
    let saved = web.submit(
        &activity,
        &activity,
        &[
            ("version", &version),
            ("title", "Beskeder mellem skole, dagtilbud og hjem"),
            (
                "description",
                "Beskeder mellem medarbejdere, forældre og elever.",
            ),
            ("purposes", "Kommunikation med hjemmet\nIntern koordinering"),
            ("operations", "COLLECTION"),
            ("operations", "STORAGE"),
            ("operations", "ERASURE"),
            ("retention", "Slettes efter 13 måneder."),
        ],
    );
    assert_eq!(saved.status, 303, "{}", saved.body);

    let page = web.get(&draft);
    assert!(page.body.contains("Er opbevaringsperioden fastsat lokalt?"));
    assert!(page
        .body
        .contains("Automatiske resuméer afslører beskedindhold"));
    // What adopters will see, in words.
    let publish = web.get(&format!("{draft}/publish"));
    assert!(publish
        .body
        .contains("Automatiske resuméer afslører beskedindhold"));
    assert!(
        publish.body.contains("Intern koordinering"),
        "{}",
        publish.body
    );
}

#[test]
fn the_check_thresholds_are_set_on_the_template_page_and_a_refusal_names_its_field() {
    let app = TestApp::spawn();
    let web = WebClient::new(&app);
    web.sign_in(CENTRAL);
    let page = "/central/templates/school-platform";
    let shown = web.get(page);
    assert!(shown.body.contains("Kontrolgrænser"));
    assert!(shown.body.contains(
        "name=\"review_interval_months\" type=\"text\" inputmode=\"numeric\" value=\"12\""
    ));
    let before = app.audit_count();
    let refused = web.submit(
        page,
        &format!("{page}/checks"),
        &[
            ("max_high_risks_single_measure", "3"),
            ("review_interval_months", "24"),
        ],
    );
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused
        .body
        .contains("id=\"f-review_interval_months-error\""));
    assert!(refused.body.contains("mellem 1 og 12"));
    assert!(refused.body.contains("value=\"24\""), "the input is kept");
    assert_eq!(app.audit_count(), before, "nothing written");
    let saved = web.submit(
        page,
        &format!("{page}/checks"),
        &[
            ("max_high_risks_single_measure", "3"),
            ("review_interval_months", "6"),
        ],
    );
    saved.assert_redirect(&format!("{page}#checks"));
    assert_eq!(app.audit_count(), before + 1);
    let shown = web.get(page);
    assert!(shown.body.contains("inputmode=\"numeric\" value=\"6\""));
    // The same settings through the API: one store path.
    let token = app.login(CENTRAL);
    let read = app.ok(
        Some(&token),
        "{ template(key: \"school-platform\") { checkSettings { maxHighRisksSingleMeasure reviewIntervalMonths } } }",
        json!({}),
    );
    assert_eq!(
        read["template"]["checkSettings"],
        json!({ "maxHighRisksSingleMeasure": 3, "reviewIntervalMonths": 6 })
    );
}

#[test]
fn the_overview_hides_a_group_of_four_from_the_central_body_but_not_from_the_authority() {
    let app = TestApp::spawn();
    more_adopters(&app, &["vestby", "nordvig"]);
    let web = WebClient::new(&app);
    web.sign_in(CENTRAL);
    let page = web.get("/central/templates/school-platform/overview");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("4 tilsluttede i alt."));
    assert!(page.body.contains("Grupper under 5 vises ikke"));
    assert!(page.body.contains("færre end 5 tilsluttede"));
    assert!(page.body.contains("Skjult (lille gruppe)"));
    for name in ["Nordby", "Sydby", "vestby", "nordvig"] {
        assert!(!page.body.contains(name), "no controller named: {name}");
    }
    let list = web.get("/central/templates");
    assert!(list.body.contains("Skjult (lille gruppe)"));
    // The authority sees the same overview in full.
    let officer = WebClient::new(&app);
    officer.sign_in(REVIEWER);
    let full = officer.get("/central/templates/school-platform/overview");
    assert_eq!(full.status, 200);
    for name in ["Nordby", "Sydby", "vestby Kommune", "nordvig Kommune"] {
        assert!(full.body.contains(name), "{name}");
    }
    assert!(!full.body.contains("Skjult (lille gruppe)"));
    // With five adopters the counts appear.
    more_adopters(&app, &["sonderby"]);
    let page = web.get("/central/templates/school-platform/overview");
    assert!(page.body.contains("5 tilsluttede i alt."));
    assert!(!page.body.contains("færre end 5 tilsluttede"));
}

#[test]
fn the_code_of_conduct_overview_counts_adherents_under_the_same_rule() {
    let app = TestApp::spawn();
    let web = WebClient::new(&app);
    web.sign_in(CENTRAL);
    let page = web.get("/central/templates/school-platform-code/overview");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("færre end 5 tilsluttede"));
    assert!(page.body.contains("Skjult (lille gruppe)"));
    assert!(!page.body.contains("Sydby"));
    let officer = WebClient::new(&app);
    officer.sign_in(REVIEWER);
    let full = officer.get("/central/templates/school-platform-code/overview");
    assert!(full.body.contains("Nordby") && full.body.contains("Sydby"));
    assert!(full.body.contains("Efterlevelse af bestemmelserne"));
}

#[test]
fn a_version_exports_as_the_documented_json_and_imports_as_a_new_draft() {
    let app = TestApp::spawn();
    let web = WebClient::new(&app);
    web.sign_in(CENTRAL);
    let file = web.get("/central/templates/office-suite/versions/1/export.json");
    assert_eq!(file.status, 200);
    assert!(file.content_type.starts_with("application/json"));
    let document: serde_json::Value = serde_json::from_str(&file.body).expect("JSON");
    assert_eq!(document["template"]["key"], "office-suite");
    let imported = web.submit(
        "/central/templates",
        "/central/import",
        &[("document", &file.body)],
    );
    imported.assert_redirect("/central/templates/office-suite/versions/2");
    let broken = web.submit(
        "/central/templates",
        "/central/import",
        &[("document", "{ not json")],
    );
    assert_eq!(broken.status, 422);
    assert!(broken.body.contains("{ not json"), "the text is kept");
    assert!(broken.body.contains("aria-invalid=\"true\""));
}

#[test]
fn an_exported_file_uploads_as_a_new_draft_and_an_upload_without_the_token_writes_nothing() {
    let app = TestApp::spawn();
    let web = WebClient::new(&app);
    web.sign_in(CENTRAL);
    let file = web.get("/central/templates/office-suite/versions/1/export.json");
    assert_eq!(file.status, 200);
    // Without the token, an upload is refused like any form and writes nothing.
    let before = app.audit_count();
    let forged = web.post_multipart(
        "/central/import",
        &[("csrf", "forged")],
        ("file", "office-suite-v1.json", &file.body),
    );
    assert_eq!(forged.status, 403);
    assert_eq!(app.audit_count(), before);
    // The form is multipart: the token and the empty paste field are parts beside the file.
    let token = web.get("/central/templates").csrf();
    let uploaded = web.post_multipart(
        "/central/import",
        &[("csrf", &token), ("document", "")],
        ("file", "office-suite-v1.json", &file.body),
    );
    uploaded.assert_redirect("/central/templates/office-suite/versions/2");
}

#[test]
fn a_version_can_be_withdrawn_and_stays_readable() {
    let app = TestApp::spawn();
    let web = WebClient::new(&app);
    web.sign_in(CENTRAL);
    let page = web.get("/central/templates/office-suite");
    let version = hidden_value(
        &page.body[page
            .body
            .find("/versions/1/withdraw")
            .expect("a withdraw form")..],
        "version",
    )
    .expect("version");
    web.submit(
        "/central/templates/office-suite",
        "/central/templates/office-suite/versions/1/withdraw",
        &[("version", &version)],
    )
    .assert_redirect("/central/templates/office-suite");
    let page = web.get("/central/templates/office-suite");
    assert!(page.body.contains("Trukket tilbage"));
    assert_eq!(
        web.get("/central/templates/office-suite/versions/1").status,
        200
    );
}

#[test]
fn the_operator_creates_an_organisation_whose_first_admin_signs_in() {
    let app = TestApp::spawn();
    let web = WebClient::new(&app);
    web.sign_in("operator@platform.example");
    let page = web.get("/operator/organisations");
    assert!(page.body.contains("Nordby"));
    let created = web.submit(
        "/operator/organisations",
        "/operator/organisations",
        &[
            ("name", "Vestby Kommune"),
            ("kind", "CONTROLLER"),
            ("admin_name", "Vestby admin"),
            ("admin_email", "admin@vestby.example"),
            ("admin_password", DEMO_PASSWORD),
        ],
    );
    created.assert_redirect("/operator/organisations");
    assert!(web
        .get("/operator/organisations")
        .body
        .contains("admin@vestby.example"));
    let short = web.submit(
        "/operator/organisations",
        "/operator/organisations",
        &[
            ("name", "Østby"),
            ("kind", "CONTROLLER"),
            ("admin_name", "A"),
            ("admin_email", "admin@ostby.example"),
            ("admin_password", "short"),
        ],
    );
    assert_eq!(short.status, 422);
    assert!(short.body.contains("value=\"Østby\""));
    let admin = WebClient::new(&app);
    admin.sign_in("admin@vestby.example");
}
