//! The inbox in the web application (issue 16): the unread count in the header, the list with
//! links to the screens that need the person, marking read, another organisation's notice as
//! the 404 page; and the browser journey with axe.

use crate::helpers::TestApp;
use crate::notices::{actor, assessment_of, inbox, publish_new_version};
use crate::web::browser::Browser;
use crate::web::client::WebClient;

/// The body with minijinja's HTML escapes of `/` and quotes undone, to look for paths.
fn unescaped(html: &str) -> String {
    html.replace("&#x2f;", "/")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
}

#[test]
fn the_inbox_shows_the_count_lists_the_notice_with_its_link_and_marks_it_read() {
    let app = TestApp::spawn();
    let number = publish_new_version(&app, "school-platform");
    let nordby = actor(&app, "dpo@nordby.example");
    let (assessment, _) = assessment_of(&app, &nordby);
    let notice = inbox(&app, &nordby).remove(0);

    let web = WebClient::new(&app);
    web.sign_in("dpo@nordby.example");
    let page = web.get("/assessments");
    assert!(
        page.body.contains("Indbakke (1 ulæst)"),
        "the header counts the unread notice"
    );
    let page = web.get("/notices");
    assert_eq!(page.status, 200);
    let body = unescaped(&page.body);
    assert!(body.contains(&format!("Version {number} af")), "{body}");
    assert!(body.contains(&format!("href=\"/assessments/{assessment}/upgrade\"")));
    assert!(body.contains("Ulæst"));
    assert!(body.contains("aria-current=\"page\""));

    web.submit("/notices", &format!("/notices/{}/read", notice.id), &[])
        .assert_redirect("/notices");
    let page = web.get("/notices");
    assert!(page.body.contains("Du har ingen ulæste beskeder."));
    assert!(!page.body.contains("Indbakke ("), "no count once read");

    // English on request.
    let english = WebClient::new(&app).with_accept_language("en");
    english.sign_in("admin@nordby.example");
    let page = english.get("/notices");
    assert!(page.body.contains(&format!("Version {number} of")));
    assert!(page.body.contains("Inbox (1 unread)"));
    english
        .submit("/notices", "/notices/read", &[])
        .assert_redirect("/notices");
    assert!(english
        .get("/notices")
        .body
        .contains("You have no unread notices."));
}

#[test]
fn another_organisations_notice_is_the_404_page_and_stays_unread() {
    let app = TestApp::spawn();
    publish_new_version(&app, "school-platform");
    let nordby = actor(&app, "dpo@nordby.example");
    let theirs = inbox(&app, &nordby).remove(0);
    let web = WebClient::new(&app);
    web.sign_in("dpo@sydby.example");
    let page = web.get("/notices");
    assert!(!page.body.contains(&theirs.id));
    let refused = web.submit("/notices", &format!("/notices/{}/read", theirs.id), &[]);
    assert_eq!(refused.status, 404);
    let missing = web.submit("/notices", "/notices/no-such-notice/read", &[]);
    assert_eq!(missing.status, 404);
    assert_eq!(refused.body, missing.body, "the same page as a missing id");
    let mut conn = app.pool().get().expect("connection");
    assert_eq!(
        dpiahub::store::notices::unread_count(&mut conn, &nordby).expect("count"),
        1
    );
}

#[test]
fn browser_the_inbox_shows_a_new_version_links_to_the_assessment_and_passes_axe() {
    let app = TestApp::spawn();
    let number = publish_new_version(&app, "school-platform");
    let nordby = actor(&app, "dpo@nordby.example");
    let (assessment, _) = assessment_of(&app, &nordby);
    let browser = Browser::start(&app);
    browser.sign_in("dpo@nordby.example");
    assert!(browser
        .text("nav.main-nav a[href='/notices']")
        .contains("1 ulæst"));
    browser.click("nav.main-nav a[href='/notices']");
    browser.wait_for("ul.notices");
    assert_eq!(browser.text("h1"), "Indbakke");
    let link = format!("ul.notices a[href='/assessments/{assessment}/upgrade']");
    assert!(browser.text(&link).contains(&format!("Version {number}")));
    browser.assert_accessible("inbox");
    browser.fit_page();
    browser.screenshot("inbox");

    browser.click("li.notice.unread form button[type=submit]");
    browser.wait_for("li.notice .notice-read");
    assert_eq!(browser.path(), "/notices");
    assert_eq!(browser.text("nav.main-nav a[href='/notices']"), "Indbakke");
    browser.assert_accessible("inbox, all read");
    browser.screenshot("inbox-read");
}
