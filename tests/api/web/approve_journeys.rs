//! Browser journeys of screens 9 and 10 (issue 15; issue 16's upgrade journey) in headless
//! Chromium, with axe-core on every page and screenshots in `target/screenshots/approve-*.png`.
//! The review-finding answer is in the case officer's desk journey (`desk_journeys.rs`).

use serde_json::Value;

use super::browser::Browser;
use super::pages::assessment_of;
use crate::helpers::TestApp;
use crate::notices::publish_new_version;

/// The values of every element matching `css` (checkbox values, say).
fn values(browser: &Browser<'_>, css: &str) -> Vec<String> {
    let found = browser.script(&format!(
        "return Array.from(document.querySelectorAll(\"{css}\")).map(e => e.value)"
    ));
    match found {
        Value::Array(items) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

#[test]
fn browser_nordby_sees_the_new_version_opens_the_upgrade_resolves_its_conflicts_and_applies() {
    let app = TestApp::spawn();
    let nordby = assessment_of(&app, "dpo@nordby.example");
    // The central editor publishes (the desk journey does it in the browser).
    let number = publish_new_version(&app, "school-platform");

    let browser = Browser::start(&app);
    browser.sign_in("dpo@nordby.example");
    browser.goto("/notices");
    let link = format!("ul.notices a[href='/assessments/{nordby}/upgrade']");
    assert!(browser.text(&link).contains(&format!("Version {number}")));
    browser.click(&link);
    browser.wait_for("form.upgrade");
    assert!(browser
        .text("p.upgrade-available")
        .contains(&format!("Version {number} er tilgængelig")));
    assert!(browser.text("#taken").contains("uden konflikt"));
    browser.assert_accessible("upgrade");
    browser.fit_page();
    browser.screenshot("approve-upgrade");

    // Keeping ours without saying why is refused beside the justification, choices kept.
    let conflicts = values(&browser, "input[name^='key-']").len();
    assert!(
        conflicts > 0,
        "Nordby relies on an item the new version removes"
    );
    browser.select("#f-choice-0", "keep");
    browser.click("form.upgrade button[type=submit]");
    browser.wait_for("#f-justification-0-error");
    browser.assert_accessible("upgrade refused");
    browser.fit_page();
    browser.screenshot("approve-upgrade-refused");

    for n in 0..conflicts {
        browser.select(&format!("#f-choice-{n}"), "keep");
        browser.fill(
            &format!("#f-justification-{n}"),
            "Nordby bruger stadig elementet i sin egen behandling.",
        );
    }
    browser.click("form.upgrade button[type=submit]");
    browser.wait_for("p.ok-summary");
    assert!(browser
        .text("p.ok-summary")
        .contains(&format!("version {number}")));
    assert!(!browser.exists(".page-head .new-version"), "no mark left");
    browser.assert_accessible("upgraded");
    browser.screenshot("approve-upgraded");
}

#[test]
fn browser_a_refused_approval_lists_the_errors_and_nordby_approves_with_reasons_for_its_warnings() {
    let app = TestApp::spawn();
    let sydby = assessment_of(&app, "dpo@sydby.example");
    let nordby = assessment_of(&app, "dpo@nordby.example");
    let browser = Browser::start(&app);

    browser.sign_in("dpo@sydby.example");
    browser.goto(&format!("/assessments/{sydby}"));
    browser.click(&format!(
        "nav.ws-nav a[href='/assessments/{sydby}/approval']"
    ));
    browser.wait_for("form.approve");
    assert!(browser.text("#gate + p").contains("blokerer godkendelsen"));
    browser.assert_accessible("approval with errors");
    browser.fit_page();
    browser.screenshot("approve-approval-errors");
    browser.click("form.approve button[type=submit]");
    browser.wait_for(".gate-refused");
    assert!(browser
        .text(".gate-refused")
        .contains("Godkendelsen blev afvist"));
    browser.assert_accessible("approval refused");
    browser.fit_page();
    browser.screenshot("approve-approval-refused");

    browser.goto("/signin");
    browser.forget_cookies();
    browser.sign_in("dpo@nordby.example");
    let path = format!("/assessments/{nordby}/approval");
    browser.goto(&path);
    browser.wait_for("form.sign-offs");
    assert!(browser
        .text("p.ok-summary")
        .contains("godkendt (revision 1)"));
    browser.assert_accessible("approval of an approved assessment");
    // Clearing the next review reopens the assessment; its warning then needs a reason.
    browser.script("document.querySelector('#f-next_review_on').value = ''; return null");
    browser.click_and_wait("form.sign-offs button[type=submit]");
    browser.wait_for("form.approve");
    assert!(browser
        .text("p.ok-summary")
        .contains("Underskrifter og datoer er gemt"));
    let warnings = values(&browser, "input[name='ack']");
    assert!(warnings.contains(&"A35_11_NEXT_REVIEW_NOT_SET".to_string()));
    // A reason without the box ticked is refused beside the box.
    browser.fill(
        "#f-reason-A35_11_NEXT_REVIEW_NOT_SET",
        "Fastsættes på byrådsmødet i januar.",
    );
    browser.click("form.approve button[type=submit]");
    browser.wait_for("[id$='-error']");
    browser.assert_accessible("approval, a warning not acknowledged");
    browser.fit_page();
    browser.screenshot("approve-approval-warnings");
    for rule in &warnings {
        if !browser
            .script(&format!(
                "return document.querySelector('#f-ack-{rule}').checked"
            ))
            .as_bool()
            .unwrap_or(false)
        {
            browser.click(&format!("#f-ack-{rule}"));
        }
        browser.fill(
            &format!("#f-reason-{rule}"),
            "Accepteret af direktionen; følges op ved næste revision.",
        );
    }
    browser.fill("#f-signatory", "Anne Holm, kommunaldirektør");
    browser.click("form.approve button[type=submit]");
    let started = std::time::Instant::now();
    while browser.exists("form.approve") {
        assert!(
            started.elapsed().as_secs() < 10,
            "not approved: {}",
            browser.text("main")
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(browser
        .text("p.ok-summary")
        .contains("godkendt (revision 2)"));
    assert!(browser.text("#revisions + .table-wrap").contains("2"));
    assert!(browser
        .text("#changes + ul")
        .contains("Godkendelser og datoer"));
    browser.assert_accessible("approved");
    browser.fit_page();
    browser.screenshot("approve-approval-approved");
}
