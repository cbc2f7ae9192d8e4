//! Browser journeys in headless Chromium: what a person does, with axe-core on every page and
//! screenshots of the main screens in `target/screenshots/`.

use super::browser::Browser;
use super::pages::{age_sessions, assessment_of};
use crate::helpers::TestApp;

const TAB: &str = "\u{E004}";
const ENTER: &str = "\u{E007}";

#[test]
fn browser_sydby_dpo_signs_in_sees_the_list_and_opens_the_report() {
    let app = TestApp::spawn();
    let browser = Browser::start(&app);
    browser.goto("/");
    assert_eq!(browser.path(), "/signin");
    browser.assert_accessible("sign-in");
    browser.screenshot("signin");
    browser.sign_in("dpo@sydby.example");
    assert_eq!(browser.path(), "/assessments");
    assert_eq!(browser.text("h1"), "Mine konsekvensanalyser");
    assert!(browser.text("table.list").contains("Kladde"));
    browser.assert_accessible("my assessments");
    browser.screenshot("assessments");
    let id = assessment_of(&app, "dpo@sydby.example");
    browser.click(&format!("a[href='/assessments/{id}/report']"));
    browser.wait_for(".web-report-bar");
    assert!(browser
        .source()
        .contains("<h1>Konsekvensanalyse vedrørende databeskyttelse"));
    browser.assert_accessible("report");
    browser.screenshot("report");
}

#[test]
fn browser_keyboard_only_sign_in() {
    let app = TestApp::spawn();
    let browser = Browser::start(&app);
    browser.goto("/signin");
    // The e-mail field has focus on arrival; Tab moves to the password; Enter submits.
    assert_eq!(browser.focused_attr("id").as_deref(), Some("f-email"));
    browser.keys("dpo@sydby.example");
    browser.keys(TAB);
    assert_eq!(browser.focused_attr("id").as_deref(), Some("f-password"));
    browser.keys(crate::helpers::DEMO_PASSWORD);
    browser.keys(ENTER);
    browser.wait_for("table.list");
    assert_eq!(browser.path(), "/assessments");
    // The skip link is the first stop and leads to the content.
    browser.script("document.activeElement.blur(); window.scrollTo(0, 0);");
    browser.keys(TAB);
    let first = browser.script("return document.activeElement.className;");
    assert_eq!(first.as_str(), Some("skip-link"), "the first Tab stop");
    browser.keys(ENTER);
    let target = browser.script("return document.activeElement.id;");
    assert_eq!(target.as_str(), Some("main"));
}

#[test]
fn browser_every_page_of_the_foundation_passes_axe() {
    let app = TestApp::spawn();
    let browser = Browser::start(&app);
    browser.goto("/no/such/page");
    browser.assert_accessible("404");
    browser.screenshot("not-found");
    browser.sign_in("admin@sydby.example");
    for (path, name) in [
        ("/assessments", "assessments-admin"),
        ("/assessments/new", "adopt"),
        ("/account", "account"),
        ("/account/password", "password"),
        ("/admin/users", "users"),
    ] {
        browser.goto(path);
        assert_eq!(browser.path(), path);
        browser.assert_accessible(name);
        browser.fit_page();
        browser.screenshot(name);
    }
    // A user's page, and a form refused beside its field.
    browser.click("table.list tbody tr:nth-child(2) th a");
    browser.wait_for("#f-role");
    browser.assert_accessible("user");
    browser.screenshot("user");
    browser.fill("#f-password", "short");
    browser.script("document.querySelector('#f-password').removeAttribute('required');");
    browser.click("form[action$='/password'] button[type=submit]");
    browser.wait_for(".has-error");
    browser.assert_accessible("user with an error");
    browser.screenshot("user-error");
    // English.
    browser.click("a.lang-switch");
    browser.wait_for("html[lang=en]");
    browser.goto("/assessments/new");
    assert_eq!(browser.text("h1"), "New assessment");
    browser.assert_accessible("adopt in English");
    browser.screenshot("adopt-en");
}

#[test]
fn browser_adopting_shows_what_is_inherited_and_creates_the_assessment() {
    let app = TestApp::spawn();
    let browser = Browser::start(&app);
    browser.sign_in("dpo@sydby.example");
    browser.goto("/assessments/new");
    // htmx runs under the page's CSP: choosing another version swaps in its counts.
    assert_eq!(
        browser.script("return typeof htmx;").as_str(),
        Some("object")
    );
    let last = browser.script(
        "const o = document.querySelectorAll('#f-choice option'); return o[o.length - 1].value;",
    );
    let last = last.as_str().expect("an option").to_string();
    browser.select("#f-choice", &last);
    browser.wait_for(&format!("#inherited input[name=choice][value='{last}']"));
    let first = browser.script("return document.querySelector('#f-choice option').value;");
    browser.select("#f-choice", first.as_str().expect("an option"));
    browser.wait_for(&format!(
        "#inherited input[name=choice][value='{}']",
        first.as_str().expect("an option")
    ));
    assert!(browser.text("#inherited").contains("Risici"));
    let before = app.audit_count();
    browser.fill("#f-title", "Skoleplatform 2027");
    browser.click("#inherited button[type=submit]");
    let started = std::time::Instant::now();
    while browser.path() == "/assessments/new" {
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(app.audit_count(), before + 1, "one adopt entry");
    browser.goto("/assessments");
    assert!(browser.text("table.list").contains("Skoleplatform 2027"));
}

#[test]
fn browser_a_forged_or_missing_csrf_token_is_refused_and_writes_nothing() {
    let app = TestApp::spawn();
    let browser = Browser::start(&app);
    browser.sign_in("admin@sydby.example");
    browser.goto("/admin/users");
    browser.fill("#f-display_name", "Forfalsket");
    browser.fill("#f-email", "forged@sydby.example");
    browser.fill("#f-password", "et langt nok kodeord");
    let before = app.audit_count();
    browser.script("document.querySelector('form[action=\"/admin/users\"] input[name=csrf]').value = 'f'.repeat(64);");
    browser.click_and_wait("form[action='/admin/users'] button[type=submit]");
    assert_eq!(browser.text("h1"), "Formularen blev afvist");
    browser.assert_accessible("form refused");
    browser.screenshot("form-refused");
    assert_eq!(app.audit_count(), before, "nothing written");
    // Missing altogether.
    browser.goto("/admin/users");
    browser.fill("#f-display_name", "Uden token");
    browser.fill("#f-email", "missing@sydby.example");
    browser.fill("#f-password", "et langt nok kodeord");
    browser.script(
        "document.querySelector('form[action=\"/admin/users\"] input[name=csrf]').remove();",
    );
    browser.click_and_wait("form[action='/admin/users'] button[type=submit]");
    assert_eq!(browser.text("h1"), "Formularen blev afvist");
    assert_eq!(app.audit_count(), before, "nothing written");
    browser.goto("/admin/users");
    let list = browser.text("table.list");
    assert!(!list.contains("Forfalsket") && !list.contains("Uden token"));
}

#[test]
fn browser_an_expired_session_returns_to_sign_in() {
    let app = TestApp::spawn();
    let browser = Browser::start(&app);
    browser.sign_in("dpo@sydby.example");
    browser.goto("/account");
    assert_eq!(browser.path(), "/account");
    age_sessions(&app, 61);
    browser.goto("/account");
    assert_eq!(browser.path(), "/signin?next=%2Faccount");
    assert_eq!(browser.text("h1"), "Log ind");
    browser.fill("#f-email", "dpo@sydby.example");
    browser.fill("#f-password", crate::helpers::DEMO_PASSWORD);
    browser.click("form[action='/signin'] button[type=submit]");
    browser.wait_for("dl.facts");
    assert_eq!(browser.path(), "/account", "back where the person was");
}

#[test]
fn browser_nordbys_assessment_as_sydby_is_the_404_page() {
    let app = TestApp::spawn();
    let nordby = assessment_of(&app, "dpo@nordby.example");
    let browser = Browser::start(&app);
    browser.sign_in("dpo@sydby.example");
    browser.goto(&format!("/assessments/{nordby}/report"));
    assert_eq!(browser.text("h1"), "Siden findes ikke");
    let theirs = browser.text("main");
    browser.goto("/assessments/00000000-0000-0000-0000-000000000000/report");
    assert_eq!(browser.text("main"), theirs);
    browser.assert_accessible("404 for another organisation");
}

#[test]
fn browser_sign_out_ends_the_session() {
    let app = TestApp::spawn();
    let browser = Browser::start(&app);
    browser.sign_in("dpo@sydby.example");
    browser.click("form[action='/signout'] button");
    browser.wait_for("#f-email");
    assert_eq!(browser.path(), "/signin");
    browser.goto("/assessments");
    assert_eq!(browser.path(), "/signin?next=%2Fassessments");
    browser.forget_cookies();
}

#[test]
fn browser_the_report_prints_as_a_clean_document() {
    let app = TestApp::spawn();
    let id = assessment_of(&app, "dpo@sydby.example");
    let browser = Browser::start(&app);
    browser.sign_in("dpo@sydby.example");
    browser.goto(&format!("/assessments/{id}/report"));
    assert!(
        browser.hidden_in_print(".web-report-bar"),
        "the bar is not printed"
    );
    let pdf = browser.print_pdf("report");
    assert!(pdf.starts_with(b"%PDF"), "a PDF");
    assert!(pdf.len() > 20_000, "a real document: {} bytes", pdf.len());
    // Our own pages print without the header, footer and forms too.
    browser.goto("/assessments");
    assert!(browser.hidden_in_print(".site-header"));
    assert!(browser.hidden_in_print(".site-footer"));
}

#[test]
fn browser_axe_reports_a_violation_when_there_is_one() {
    let app = TestApp::spawn();
    let browser = Browser::start(&app);
    browser.goto("/signin");
    // An image without a text alternative and an unlabelled field: axe must object.
    browser.script(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/x.png\"><input type=\"text\">');",
    );
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        browser.assert_accessible("a page with planted defects")
    }));
    let message = match outcome {
        Ok(()) => panic!("axe found nothing on a page with an unlabelled image and field"),
        Err(panic) => panic.downcast_ref::<String>().cloned().unwrap_or_default(),
    };
    assert!(message.contains("image-alt"), "{message}");
    assert!(message.contains("label"), "{message}");
}
