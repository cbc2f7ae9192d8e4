//! The optional second factor (issue 17): enrolment on the account page, the code after the
//! password, wrong codes refused and limited, and an organisation that requires it.

use dpiahub::auth::totp;

use crate::helpers::{TestApp, DEMO_PASSWORD};
use crate::web::client::{hidden_value, Page, WebClient};

/// The otpauth:// address the page offers to an authenticator app.
pub(super) fn otpauth_uri(page: &Page) -> String {
    let start = page
        .body
        .find("href=\"otpauth:")
        .unwrap_or_else(|| panic!("no otpauth link in {}", page.body))
        + "href=\"".len();
    let end = page.body[start..].find('"').expect("end of the link") + start;
    page.body[start..end]
        .replace("&#x2f;", "/")
        .replace("&amp;", "&")
}

/// The code the app shows `offset` steps from now.
pub(super) fn code(uri: &str, offset: i64) -> String {
    let t = (totp::unix_now() as i64 + offset * 30) as u64;
    totp::code_for_uri(uri, t).expect("a code")
}

fn wrong(right: &str) -> String {
    let n: u32 = right.parse().expect("digits");
    format!("{:06}", (n + 500_000) % 1_000_000)
}

/// Password sign-in that stops at the code page.
fn password_then_code_page(web: &WebClient, email: &str) -> Page {
    let answer = web.sign_in_with(email, DEMO_PASSWORD);
    answer.assert_redirect("/signin/totp");
    assert!(
        web.cookie("dpiahub_session").is_none(),
        "no session before the code"
    );
    let page = web.get("/signin/totp");
    assert_eq!(page.status, 200, "{}", page.body);
    page
}

fn post_code(web: &WebClient, page: &Page, code: &str) -> Page {
    let token = hidden_value(&page.body, "csrf").expect("csrf");
    web.post("/signin/totp", &[("csrf", &token), ("code", code)])
}

#[test]
fn totp_enrolment_then_sign_in_needs_the_code() {
    let app = TestApp::spawn();
    let web = WebClient::new(&app);
    web.sign_in("dpo@sydby.example");
    let enrol = web.get("/account/totp");
    assert_eq!(enrol.status, 200);
    assert!(
        enrol.body.contains("src=\"data:image&#x2f;svg+xml;base64,"),
        "a QR code"
    );
    let uri = otpauth_uri(&enrol);

    // A wrong code does not turn it on; the right one does (audited).
    let refused = web.submit(
        "/account/totp",
        "/account/totp",
        &[("code", &wrong(&code(&uri, 0)))],
    );
    assert_eq!(refused.status, 422);
    let token = refused.csrf();
    let on = web.post(
        "/account/totp",
        &[("csrf", &token), ("code", &code(&uri, 0))],
    );
    assert_eq!(on.status, 200, "{}", on.body);
    assert!(on.body.contains("Tofaktor-login er slået til"));
    assert!(
        !web.get("/account/totp").body.contains("otpauth:"),
        "the secret is not shown again"
    );

    // Next sign-in: the password alone opens no session.
    let next = WebClient::new(&app);
    let page = password_then_code_page(&next, "dpo@sydby.example");
    let answer = post_code(&next, &page, &wrong(&code(&uri, 1)));
    assert_eq!(answer.status, 401, "a wrong code is refused");
    assert!(next.cookie("dpiahub_session").is_none());
    // The code used at enrolment cannot be used again; the next step's can.
    let answer = post_code(&next, &answer, &code(&uri, 1));
    answer.assert_redirect("/assessments");
    assert!(next.cookie("dpiahub_session").is_some());
    assert_eq!(next.get("/assessments").status, 200);
}

#[test]
fn totp_code_attempts_are_limited() {
    let app = TestApp::spawn();
    let web = WebClient::new(&app);
    web.sign_in("dpo@sydby.example");
    let uri = otpauth_uri(&web.get("/account/totp"));
    web.submit(
        "/account/totp",
        "/account/totp",
        &[("code", &code(&uri, 0))],
    );

    let thief = WebClient::new(&app);
    let mut page = password_then_code_page(&thief, "dpo@sydby.example");
    for _ in 0..totp::MAX_CODE_ATTEMPTS {
        page = post_code(&thief, &page, &wrong(&code(&uri, 1)));
        assert_eq!(page.status, 401);
    }
    // The challenge is used up: even the right code now needs the password again.
    let after = post_code(&thief, &page, &code(&uri, 1));
    after.assert_redirect("/signin");
    assert!(thief.cookie("dpiahub_session").is_none());
}

#[test]
fn totp_an_organisation_requirement_sends_a_user_to_enrol() {
    let app = TestApp::spawn();
    let admin = WebClient::new(&app);
    admin.sign_in("admin@sydby.example");
    let saved = admin.submit(
        "/admin/sso",
        "/admin/sso",
        &[
            ("issuer", ""),
            ("client_id", ""),
            ("client_secret", ""),
            ("domains", ""),
            ("new_user_role", "VIEWER"),
            ("require_totp", "on"),
        ],
    );
    assert_eq!(saved.status, 200, "{}", saved.body);

    // The DPO has no second factor yet: after the password comes the enrolment.
    let web = WebClient::new(&app);
    let page = password_then_code_page(&web, "dpo@sydby.example");
    assert!(
        page.body.contains("Din organisation kræver en engangskode"),
        "{}",
        page.body
    );
    let uri = otpauth_uri(&page);
    let answer = post_code(&web, &page, &code(&uri, 0));
    answer.assert_redirect("/assessments");
    assert!(web.cookie("dpiahub_session").is_some());

    // From now on the code is asked, not the enrolment.
    let later = WebClient::new(&app);
    let page = password_then_code_page(&later, "dpo@sydby.example");
    assert!(!page.body.contains("otpauth:"));
    post_code(&later, &page, &code(&uri, 1)).assert_redirect("/assessments");
}

#[test]
fn browser_sso_and_totp_pages_pass_axe() {
    use crate::web::browser::Browser;
    let app = TestApp::spawn();
    let browser = Browser::start(&app);
    browser.goto("/signin");
    browser.assert_accessible("sign-in with the organisation's login");
    browser.sign_in("admin@sydby.example");
    browser.goto("/admin/sso");
    browser.assert_accessible("sso settings");
    browser.fit_page();
    browser.screenshot("sso-settings");
    // A provider on another host over plain HTTP is refused beside its field.
    browser.fill("#f-issuer", "http://login.example.org");
    browser.click("form[action='/admin/sso'] button[type=submit]");
    browser.wait_for(".has-error");
    browser.assert_accessible("sso settings refused");
    browser.goto("/account/totp");
    browser.wait_for(".totp-qr");
    browser.assert_accessible("totp enrolment");
    browser.fit_page();
    browser.screenshot("totp-enrolment");
    browser.goto("/signin/oidc/callback?state=unknown&code=x");
    browser.assert_accessible("sso refused");
    browser.screenshot("sso-refused");
    // The organisation requires the second factor: the DPO is sent to enrol after the password.
    browser.goto("/admin/sso");
    browser.fill("#f-issuer", "");
    browser.click("#f-require_totp");
    browser.click("form[action='/admin/sso'] button[type=submit]");
    browser.wait_for("p.notice.success");
    browser.forget_cookies();
    browser.goto("/signin");
    browser.fill("#f-email", "dpo@sydby.example");
    browser.fill("#f-password", DEMO_PASSWORD);
    browser.click("form[action='/signin'] button[type=submit]");
    browser.wait_for("#f-code");
    assert_eq!(browser.path(), "/signin/totp");
    browser.assert_accessible("totp at sign-in");
    browser.fit_page();
    browser.screenshot("totp-signin-enrolment");
}
