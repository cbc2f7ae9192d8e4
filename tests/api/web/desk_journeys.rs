//! Browser journeys of the desks (issue 16) in headless Chromium, with axe-core on every page
//! and screenshots in `target/screenshots/desk-*.png`.

use serde_json::json;

use super::browser::Browser;
use super::desks::more_adopters;
use super::pages::assessment_of;
use crate::helpers::TestApp;

/// Waits until the browser has left `path` (a form posted and redirected).
fn left(browser: &Browser<'_>, path: &str) {
    let started = std::time::Instant::now();
    while browser.path() == path {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "still on {path}"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn browser_the_central_editor_edits_a_risk_reads_the_diff_and_publishes() {
    let app = TestApp::spawn();
    let browser = Browser::start(&app);
    browser.sign_in("editor@central.example");
    assert_eq!(browser.path(), "/central/templates");
    browser.assert_accessible("central templates");
    browser.fit_page();
    browser.screenshot("desk-central-templates");

    browser.click("a[href='/central/templates/school-platform']");
    browser.wait_for("form[action='/central/templates/school-platform/drafts']");
    browser.assert_accessible("central template");
    browser.screenshot("desk-central-template");
    browser.click("form[action='/central/templates/school-platform/drafts'] button");
    browser.wait_for("#section-risks");
    assert_eq!(
        browser.path(),
        "/central/templates/school-platform/versions/3"
    );
    browser.assert_accessible("draft editor");
    browser.fit_page();
    browser.screenshot("desk-central-draft");

    browser.click(
        "a[href='/central/templates/school-platform/versions/3/items/risk.messages.misdirected']",
    );
    browser.wait_for("#f-likelihood");
    browser.assert_accessible("risk form");
    // Refused beside the field first: an empty threat.
    browser.fill("#f-title", "");
    browser.click("form.stack button[type=submit]");
    browser.wait_for("#f-title-error");
    browser.assert_accessible("risk form refused");
    browser.fit_page();
    browser.screenshot("desk-central-risk-refused");
    browser.fill("#f-title", "Besked sendt til forkert modtager");
    browser.select("#f-likelihood", "3");
    browser.click("form.stack button[type=submit]");
    browser.wait_for("#section-risks");

    browser.goto("/central/templates/school-platform/versions/3/publish");
    let words = browser.text("#what-adopters-see + p");
    assert!(words.contains("version 2"), "{words}");
    assert!(browser
        .text("ul.diff-words")
        .contains("Besked sendt til forkert modtager"));
    browser.assert_accessible("before publishing");
    browser.fit_page();
    browser.screenshot("desk-central-before-publishing");
    browser.fill(
        "#f-changelog",
        "Sandsynligheden for fejladresserede beskeder er sænket.",
    );
    browser.click("form[action$='/publish'] button[type=submit]");
    left(
        &browser,
        "/central/templates/school-platform/versions/3/publish",
    );
    assert_eq!(browser.path(), "/central/templates/school-platform");
    assert!(browser
        .source()
        .contains("Sandsynligheden for fejladresserede beskeder er sænket."));

    browser.goto("/central/templates/school-platform/overview");
    assert!(browser.source().contains("Skjult (lille gruppe)"));
    browser.assert_accessible("central overview");
    browser.fit_page();
    browser.screenshot("desk-central-overview");
}

#[test]
fn browser_the_case_officer_finds_nordbys_deviation_records_a_finding_and_closes_it() {
    let app = TestApp::spawn();
    let nordby = assessment_of(&app, "dpo@nordby.example");
    // Nordby's new deviation: a lowered likelihood, written through the API as Nordby would.
    let dpo = app.login("dpo@nordby.example");
    let current = app.ok(
        Some(&dpo),
        "query($id: ID!) { assessment(id: $id) { version } }",
        json!({ "id": nordby }),
    );
    let body = app.gql(
        Some(&dpo),
        "mutation($id: ID!, $v: Int!) { applyAssessmentCommands(assessmentId: $id, expectedVersion: $v, commands: [{ setOverride: { itemKey: \"risk.messages.outage\", field: \"likelihood\", value: { int: 1 }, justification: \"Platformen kører i to datacentre hos os.\" } }]) { version } }",
        json!({ "id": nordby, "v": current["assessment"]["version"] }),
    );
    assert!(body.get("errors").is_none(), "Nordby's override: {body}");

    let browser = Browser::start(&app);
    browser.sign_in("reviewer@authority.example");
    assert_eq!(browser.path(), "/authority/cases");
    browser.assert_accessible("cases");
    browser.fit_page();
    browser.screenshot("desk-authority-cases");
    browser.select("#f-only", "lowered");
    browser.click_and_wait("form.filters button[type=submit]");
    browser.wait_for("table.cases");
    assert!(browser.text("table.cases").contains("Nordby"));
    browser.click(&format!("a[href='/authority/assessments/{nordby}']"));
    browser.wait_for("#departures");
    let lowered = browser.text("#group-lowered + .table-wrap");
    assert!(lowered.contains("risk.messages.outage"), "{lowered}");
    assert!(
        lowered.contains("Platformen kører i to datacentre"),
        "{lowered}"
    );
    browser.assert_accessible("review");
    browser.fit_page();
    browser.screenshot("desk-authority-review");

    browser.click("tr[data-key='risk.messages.outage'] a[href*='?item=']");
    browser.wait_for("#f-comment");
    browser.select("#f-severity", "ERROR");
    browser.fill(
        "#f-comment",
        "Hvordan dokumenteres de to datacentre? Vedlæg dokumentation.",
    );
    browser.click_and_wait("form[action$='/findings'] button[type=submit]");
    browser.wait_for("ul.findings");
    assert!(browser.text("ul.findings").contains("Vedlæg dokumentation"));

    // Nordby's DPO follows the notice to the review page and answers in the form.
    browser.goto("/signin");
    browser.forget_cookies();
    browser.sign_in("dpo@nordby.example");
    browser.goto("/notices");
    browser.click(&format!(
        "ul.notices a[href='/assessments/{nordby}/review']"
    ));
    browser.wait_for("form.answer-form");
    assert!(browser
        .text("ul.review-findings")
        .contains("Vedlæg dokumentation"));
    assert!(browser.exists(&format!(
        "ul.review-findings a[href='/assessments/{nordby}/items/risk.messages.outage']"
    )));
    browser.assert_accessible("review findings");
    browser.fit_page();
    browser.screenshot("approve-review");
    // An empty answer is refused beside the box.
    browser.click("form.answer-form button[type=submit]");
    browser.wait_for("form.answer-form textarea[aria-invalid='true']");
    browser.assert_accessible("review answer refused");
    browser.fill(
        "form.answer-form textarea",
        "Driftsaftalen er vedlagt; skærmbillede vedlagt.",
    );
    browser.click("form.answer-form button[type=submit]");
    browser.wait_for("ul.review-findings li.status-answered");
    browser.assert_accessible("review answered");
    browser.fit_page();
    browser.screenshot("approve-review-answered");

    browser.goto("/signin");
    browser.forget_cookies();
    browser.sign_in("reviewer@authority.example");
    browser.goto(&format!("/authority/assessments/{nordby}"));
    assert!(browser.text("ul.findings").contains("skærmbillede vedlagt"));
    browser.click("ul.findings form button[type=submit]");
    browser.wait_for("ul.findings li.status-closed");
    browser.assert_accessible("review with a closed finding");
    browser.fit_page();
    browser.screenshot("desk-authority-finding-closed");

    browser.goto(&format!("/authority/assessments/{nordby}/history?from=1"));
    assert!(browser.text("#chain + p").starts_with("Sporet er intakt:"));
    browser.assert_accessible("history");
    browser.fit_page();
    browser.screenshot("desk-authority-history");
}

#[test]
fn browser_every_other_desk_page_passes_axe() {
    let app = TestApp::spawn();
    more_adopters(&app, &["vestby", "nordvig"]);
    // A draft of the office-suite template, for the editor's item forms.
    let token = app.login("editor@central.example");
    app.ok(
        Some(&token),
        "mutation { createTemplateDraft(templateKey: \"office-suite\") { number } }",
        serde_json::json!({}),
    );
    let browser = Browser::start(&app);
    browser.sign_in("editor@central.example");
    for (path, name) in [
        (
            "/central/templates/school-platform-code",
            "desk-central-code",
        ),
        (
            "/central/templates/school-platform",
            "desk-central-template-thresholds",
        ),
        (
            "/central/templates/office-suite/versions/2",
            "desk-central-draft-sections",
        ),
        (
            "/central/templates/office-suite/versions/2/new/risk",
            "desk-central-new-risk",
        ),
        (
            "/central/templates/office-suite/versions/2/items/activity.mail",
            "desk-central-activity",
        ),
        (
            "/central/templates/office-suite/versions/2/new/question",
            "desk-central-new-question",
        ),
        (
            "/central/templates/school-platform-code/overview",
            "desk-central-code-overview",
        ),
        (
            "/central/templates/school-platform/versions/2",
            "desk-central-published-version",
        ),
    ] {
        browser.goto(path);
        assert_eq!(browser.path(), path);
        browser.assert_accessible(name);
        browser.fit_page();
        browser.screenshot(name);
    }
    // The central body meets the 404 page at a controller's assessment.
    let sydby = assessment_of(&app, "dpo@sydby.example");
    browser.goto(&format!("/authority/assessments/{sydby}"));
    assert!(browser.text("h1").contains("Siden findes ikke"));

    browser.goto("/signin");
    browser.forget_cookies();
    browser.sign_in("reviewer@authority.example");
    browser.goto("/central/templates/school-platform/overview");
    browser.assert_accessible("authority overview");
    browser.fit_page();
    browser.screenshot("desk-authority-overview");

    browser.forget_cookies();
    browser.sign_in("operator@platform.example");
    assert_eq!(browser.path(), "/operator/organisations");
    browser.assert_accessible("operator");
    browser.fit_page();
    browser.screenshot("desk-operator-organisations");
}
