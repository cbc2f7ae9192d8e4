//! Page tests: the web application over HTTP with JavaScript off (forms and redirects), on the
//! real server. Browser journeys are in `journeys.rs`.

use diesel::prelude::*;
use serde_json::json;

use super::client::{hidden_value, WebClient};
use crate::helpers::TestApp;
use dpiahub::store::schema::{audit_entries, web_sessions};

/// The id of the first assessment of a demo controller, read through the API.
pub fn assessment_of(app: &TestApp, email: &str) -> String {
    let token = app.login(email);
    let data = app.ok(
        Some(&token),
        "{ assessments(first: 10) { edges { node { id } } } }",
        json!({}),
    );
    data["assessments"]["edges"][0]["node"]["id"]
        .as_str()
        .expect("an assessment")
        .to_string()
}

/// Actions of the audit entries written after entry number `after` (all organisations).
fn actions_since(app: &TestApp, after: i64) -> Vec<String> {
    let mut conn = app.pool().get().expect("connection");
    let mut rows: Vec<(chrono::NaiveDateTime, String)> = audit_entries::table
        .select((audit_entries::at, audit_entries::action))
        .order(audit_entries::at.asc())
        .load(&mut conn)
        .expect("audit entries");
    rows.drain(..after as usize);
    rows.into_iter().map(|(_, a)| a).collect()
}

/// Moves every session's clocks back, as if the browser had been idle for `minutes`.
pub fn age_sessions(app: &TestApp, minutes: i64) {
    let mut conn = app.pool().get().expect("connection");
    let past = chrono::Utc::now().naive_utc() - chrono::Duration::minutes(minutes);
    diesel::update(web_sessions::table)
        .set(web_sessions::last_seen_at.eq(past))
        .execute(&mut conn)
        .expect("age the sessions");
}

#[test]
fn the_root_leads_to_sign_in_and_after_sign_in_to_the_start_page() {
    let app = TestApp::spawn();
    let web = WebClient::new(&app);
    web.get("/").assert_redirect("/signin");
    let form = web.get("/signin");
    assert_eq!(form.status, 200);
    assert!(
        form.body.contains("<html lang=\"da\">"),
        "Danish by default"
    );
    assert!(form.body.contains("Log ind"));
    web.sign_in("dpo@sydby.example")
        .assert_redirect("/assessments");
    web.get("/").assert_redirect("/assessments");
    let cookie = web
        .get("/signin")
        .location
        .expect("a signed-in visitor is sent on");
    assert_eq!(cookie, "/assessments");
}

#[test]
fn the_session_cookie_is_http_only_and_same_site_lax_and_stores_only_a_hash() {
    let app = TestApp::spawn();
    let web = WebClient::new(&app);
    let page = web.sign_in("dpo@sydby.example");
    let line = page
        .set_cookies
        .iter()
        .find(|c| c.starts_with("dpiahub_session="))
        .expect("a session cookie");
    assert!(line.contains("HttpOnly"), "{line}");
    assert!(line.contains("SameSite=Lax"), "{line}");
    assert!(!line.contains("Secure"), "plain HTTP on loopback: {line}");
    let secret = web.cookie("dpiahub_session").expect("cookie");
    let mut conn = app.pool().get().expect("connection");
    let stored: Vec<String> = web_sessions::table
        .select(web_sessions::secret_hash)
        .load(&mut conn)
        .expect("sessions");
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0], secret, "the secret itself is never stored");
}

#[test]
fn a_wrong_password_shows_the_form_again_and_opens_no_session() {
    let app = TestApp::spawn();
    let web = WebClient::new(&app);
    let page = web.sign_in_with("dpo@sydby.example", "not the password at all");
    assert_eq!(page.status, 401);
    assert!(page
        .body
        .contains("E-mailadressen eller adgangskoden er forkert"));
    assert!(
        page.body.contains("value=\"dpo@sydby.example\""),
        "the e-mail is kept"
    );
    assert!(web.cookie("dpiahub_session").is_none());
    web.get("/assessments")
        .assert_redirect("/signin?next=%2Fassessments");
}

#[test]
fn sign_in_is_refused_without_the_pre_session_token() {
    let app = TestApp::spawn();
    let web = WebClient::new(&app);
    let page = web.post(
        "/signin",
        &[
            ("email", "dpo@sydby.example"),
            ("password", crate::helpers::DEMO_PASSWORD),
        ],
    );
    assert_eq!(page.status, 403);
    assert!(web.cookie("dpiahub_session").is_none());
}

#[test]
fn every_state_changing_route_refuses_a_missing_or_forged_csrf_token_and_writes_nothing() {
    let app = TestApp::spawn();
    let web = WebClient::new(&app);
    web.sign_in("admin@sydby.example");
    let users = web.get("/admin/users");
    let user_id = users
        .body
        .split("href=\"/admin/users/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a user link")
        .to_string();
    let before = app.audit_count();
    for route in dpiahub::web::POST_ROUTES {
        let path = route.replace("{id}", &user_id);
        let fields: &[(&str, &str)] = &[
            ("email", "x@sydby.example"),
            ("display_name", "X"),
            ("role", "ADMIN"),
            ("password", "a long enough password"),
            ("version", "1"),
            ("choice", "x@1"),
            ("current", "x"),
            ("new", "a long enough password"),
            ("repeat", "a long enough password"),
        ];
        let missing = web.post(&path, fields);
        assert_eq!(
            missing.status, 403,
            "{path} without a token: {}",
            missing.body
        );
        let mut forged = vec![("csrf", "0".repeat(64))];
        forged.extend(fields.iter().map(|(k, v)| (*k, v.to_string())));
        let forged: Vec<(&str, &str)> = forged.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let page = web.post(&path, &forged);
        assert_eq!(
            page.status, 403,
            "{path} with a forged token: {}",
            page.body
        );
    }
    assert_eq!(app.audit_count(), before, "a refused form wrote nothing");
    // The session is still there: a refused form did not sign anyone out.
    assert_eq!(web.get("/admin/users").status, 200);
}

#[test]
fn sign_out_ends_the_session_on_the_server() {
    let app = TestApp::spawn();
    let web = WebClient::new(&app);
    web.sign_in("dpo@sydby.example");
    let secret = web.cookie("dpiahub_session").expect("cookie");
    let before = app.audit_count();
    web.submit("/account", "/signout", &[])
        .assert_redirect("/signin");
    assert!(web.cookie("dpiahub_session").is_none(), "cookie removed");
    assert_eq!(actions_since(&app, before), ["web_sign_out"]);
    // The old cookie no longer opens anything.
    web.set_cookie("dpiahub_session", &secret);
    web.get("/assessments")
        .assert_redirect("/signin?next=%2Fassessments");
}

#[test]
fn an_idle_session_returns_to_sign_in_and_comes_back_to_the_page() {
    let app = TestApp::spawn();
    let web = WebClient::new(&app);
    web.sign_in("dpo@sydby.example");
    assert_eq!(web.get("/account").status, 200);
    age_sessions(&app, 61);
    let before = app.audit_count();
    web.get("/account")
        .assert_redirect("/signin?next=%2Faccount");
    assert_eq!(actions_since(&app, before), ["web_session_expired"]);
    // Signing in again returns to where the person was.
    let token = web.get("/signin?next=%2Faccount").csrf();
    let page = web.post(
        "/signin",
        &[
            ("csrf", &token),
            ("next", "/account"),
            ("email", "dpo@sydby.example"),
            ("password", crate::helpers::DEMO_PASSWORD),
        ],
    );
    page.assert_redirect("/account");
}

#[test]
fn a_session_ends_twelve_hours_after_sign_in_however_busy() {
    let app = TestApp::spawn();
    let web = WebClient::new(&app);
    web.sign_in("dpo@sydby.example");
    let mut conn = app.pool().get().expect("connection");
    diesel::update(web_sessions::table)
        .set(web_sessions::expires_at.eq(chrono::Utc::now().naive_utc()))
        .execute(&mut conn)
        .expect("expire");
    web.get("/assessments")
        .assert_redirect("/signin?next=%2Fassessments");
}

#[test]
fn another_organisations_assessment_is_the_same_404_page_as_a_missing_one() {
    let app = TestApp::spawn();
    let nordby = assessment_of(&app, "dpo@nordby.example");
    let web = WebClient::new(&app);
    web.sign_in("dpo@sydby.example");
    let theirs = web.get(&format!("/assessments/{nordby}/report"));
    let missing = web.get("/assessments/00000000-0000-0000-0000-000000000000/report");
    assert_eq!(theirs.status, 404);
    assert_eq!(missing.status, 404);
    assert_eq!(theirs.body, missing.body, "indistinguishable");
    assert!(theirs.body.contains("Siden findes ikke"));
    let markdown = web.get(&format!("/assessments/{nordby}/report/download.md"));
    assert_eq!(markdown.status, 404);
    assert_eq!(web.get("/no/such/page").body, missing.body);
}

#[test]
fn the_assessment_list_shows_status_base_findings_and_dates() {
    let app = TestApp::spawn();
    let web = WebClient::new(&app);
    web.sign_in("dpo@sydby.example");
    let page = web.get("/assessments");
    assert_eq!(page.status, 200);
    let sydby = assessment_of(&app, "dpo@sydby.example");
    assert!(page.body.contains(&format!("/assessments/{sydby}/report")));
    assert!(page.body.contains("Kladde"), "status in words");
    assert!(page.body.contains("version 1"));
    assert!(page.body.contains("fejl"), "open errors counted");
    assert!(page.body.contains("Aldrig godkendt"));
    assert_eq!(page.cache_control.as_deref(), Some("no-store"));
    let nordby = assessment_of(&app, "dpo@nordby.example");
    assert!(!page.body.contains(&nordby), "only Sydby's own");
}

#[test]
fn the_report_opens_on_the_session_with_the_api_s_content_and_downloads_as_markdown() {
    let app = TestApp::spawn();
    let id = assessment_of(&app, "dpo@sydby.example");
    let web = WebClient::new(&app);
    web.sign_in("dpo@sydby.example");
    let page = web.get(&format!("/assessments/{id}/report"));
    assert_eq!(page.status, 200);
    assert!(page.content_type.starts_with("text/html"));
    let token = app.login("dpo@sydby.example");
    let api = ureq::get(&format!("{}/assessments/{id}/report.html", app.base))
        .set("authorization", &format!("Bearer {token}"))
        .call()
        .expect("the API's report")
        .into_string()
        .expect("body");
    let bar_end = page.body.find("</nav>").expect("the report bar") + "</nav>".len();
    let start = page.body.find("<body>").expect("body") + "<body>".len();
    let without_bar = format!("{}{}", &page.body[..start], &page.body[bar_end..]);
    assert_eq!(
        without_bar, api,
        "the same document as report.html, plus the bar"
    );
    let md = web.get(&format!("/assessments/{id}/report/download.md"));
    assert_eq!(md.status, 200);
    assert!(md.content_type.starts_with("text/markdown"));
    assert!(
        md.body.starts_with('#'),
        "{}",
        &md.body[..80.min(md.body.len())]
    );
}

#[test]
fn pages_are_danish_by_default_and_english_when_chosen_or_asked_for() {
    let app = TestApp::spawn();
    let english = WebClient::new(&app).with_accept_language("en-GB,en;q=0.9");
    let page = english.get("/signin");
    assert!(page.body.contains("<html lang=\"en\">"));
    assert!(page.body.contains("Sign in"));
    let web = WebClient::new(&app);
    web.get("/language?lang=en&next=%2Fsignin")
        .assert_redirect("/signin");
    assert!(web.get("/signin").body.contains("<html lang=\"en\">"));
    web.get("/language?lang=da&next=%2Fsignin");
    assert!(web.get("/signin").body.contains("<html lang=\"da\">"));
    // Never a redirect to another site.
    web.get("/language?lang=da&next=%2F%2Fevil.example")
        .assert_redirect("/");
}

#[test]
fn a_signed_in_persons_language_follows_them_to_another_browser() {
    let app = TestApp::spawn();
    let laptop = WebClient::new(&app);
    laptop.sign_in("dpo@sydby.example");
    assert!(laptop
        .get("/assessments")
        .body
        .contains("<html lang=\"da\">"));
    laptop
        .get("/language?lang=en&next=%2Fassessments")
        .assert_redirect("/assessments");
    assert!(laptop.get("/account").body.contains("<html lang=\"en\">"));

    // Another browser, Danish by its Accept-Language, without the switch's cookie.
    let desktop = WebClient::new(&app).with_accept_language("da-DK,da;q=0.9");
    desktop.sign_in("dpo@sydby.example");
    let page = desktop.get("/assessments");
    assert!(
        page.body.contains("<html lang=\"en\">"),
        "stored choice wins over Accept-Language"
    );
    // The choice is the person's own: someone else in the same organisation still reads Danish.
    let colleague = WebClient::new(&app);
    colleague.sign_in("admin@sydby.example");
    assert!(colleague
        .get("/assessments")
        .body
        .contains("<html lang=\"da\">"));
    // Switching back is stored too, and audited as the person's own change.
    desktop.get("/language?lang=da&next=%2F");
    let fresh = WebClient::new(&app);
    fresh.sign_in("dpo@sydby.example");
    assert!(fresh.get("/account").body.contains("<html lang=\"da\">"));
}

#[test]
fn static_files_have_hashed_names_a_year_long_cache_and_nothing_comes_from_elsewhere() {
    let app = TestApp::spawn();
    let web = WebClient::new(&app);
    let page = web.get("/signin");
    let css = dpiahub::web::assets::url("app.css").expect("css");
    let htmx = dpiahub::web::assets::url("htmx.min.js").expect("htmx");
    for url in [&css, &htmx] {
        assert!(
            page.body.contains(&url.replace('/', "&#x2f;")),
            "{url} linked"
        );
        let file = web.get(url);
        assert_eq!(file.status, 200);
        assert_eq!(
            file.cache_control.as_deref(),
            Some("public, max-age=31536000, immutable")
        );
    }
    assert_eq!(web.get("/static/app.css").status, 404, "only hashed names");
    for marker in ["src=\"http", "href=\"http", "<script>", " style=\""] {
        assert!(!page.body.contains(marker), "{marker} in the page");
    }
}

#[test]
fn adopting_through_the_form_leaves_the_same_audit_entry_as_through_graphql() {
    let app = TestApp::spawn();
    let web = WebClient::new(&app);
    web.sign_in("dpo@sydby.example");
    let form = web.get("/assessments/new");
    assert_eq!(form.status, 200);
    let choice = hidden_value(&form.body, "choice").expect("a chosen version");
    assert!(form.body.contains("Risici"), "counts per section");
    let (key, version) = choice.rsplit_once('@').expect("key@version");
    let before = app.audit_count();
    let page = web.submit(
        "/assessments/new",
        "/assessments/new",
        &[("choice", &choice), ("title", "Ny analyse")],
    );
    assert_eq!(page.status, 303, "{}", page.body);
    assert!(page
        .location
        .as_deref()
        .unwrap_or("")
        .starts_with("/assessments/"));
    assert_eq!(app.audit_count(), before + 1);

    // The same adoption through GraphQL, by another controller (one adoption per template each).
    app.new_controller("vestby");
    let token = app.login("dpo@vestby.example");
    app.ok(
        Some(&token),
        "mutation($k: String!, $v: Int!) { adoptTemplate(templateKey: $k, templateVersion: $v, title: \"Ny analyse\") { id } }",
        json!({ "k": key, "v": version.parse::<i32>().expect("a number") }),
    );
    let mut conn = app.pool().get().expect("connection");
    type Entry = (
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let entries: Vec<(String, Entry)> = audit_entries::table
        .filter(audit_entries::action.eq("adopt"))
        .filter(audit_entries::after_json.like("%Ny analyse%"))
        .order(audit_entries::at.asc())
        .select((
            audit_entries::actor_email,
            (
                audit_entries::action,
                audit_entries::entity,
                audit_entries::actor_org_id,
                audit_entries::item_key,
                audit_entries::before_json,
                audit_entries::after_json,
            ),
        ))
        .load(&mut conn)
        .expect("entries");
    assert_eq!(entries.len(), 2, "{entries:?}");
    let (form, graphql) = (&entries[0], &entries[1]);
    assert_eq!(form.0, "dpo@sydby.example");
    assert_eq!(graphql.0, "dpo@vestby.example");
    let same = |e: &Entry| {
        (
            e.0.clone(),
            e.1.clone(),
            e.3.clone(),
            e.4.clone(),
            e.5.clone(),
        )
    };
    assert_eq!(
        same(&form.1),
        same(&graphql.1),
        "form and GraphQL leave the same entry"
    );
    // Adopting the same template twice is refused beside the choice, not an error page.
    let again = web.submit(
        "/assessments/new",
        "/assessments/new",
        &[("choice", &choice), ("title", "Igen")],
    );
    assert_eq!(again.status, 422, "{}", again.body);
    assert!(again.body.contains("allerede"), "{}", again.body);
}

#[test]
fn an_admin_creates_a_user_who_signs_in() {
    let app = TestApp::spawn();
    let admin = WebClient::new(&app);
    admin.sign_in("admin@sydby.example");
    let refused = admin.submit(
        "/admin/users",
        "/admin/users",
        &[
            ("display_name", "Ny Bruger"),
            ("email", "ikke-en-adresse"),
            ("role", "EDITOR"),
            ("password", "et langt nok kodeord"),
        ],
    );
    assert_eq!(refused.status, 422);
    assert!(
        refused.body.contains("aria-invalid=\"true\""),
        "the field is marked"
    );
    assert!(refused.body.contains("value=\"Ny Bruger\""), "input kept");
    admin
        .submit(
            "/admin/users",
            "/admin/users",
            &[
                ("display_name", "Ny Bruger"),
                ("email", "ny@sydby.example"),
                ("role", "VIEWER"),
                ("password", "et langt nok kodeord"),
            ],
        )
        .assert_redirect("/admin/users");
    let user = WebClient::new(&app);
    user.sign_in_with("ny@sydby.example", "et langt nok kodeord")
        .assert_redirect("/assessments");
    // A viewer may not adopt, and is not an admin: both pages are the 404 page.
    assert_eq!(user.get("/assessments/new").status, 404);
    assert_eq!(user.get("/admin/users").status, 404);
}

/// The id of a user on the admin's user list, by e-mail.
fn user_id(web: &WebClient, email: &str) -> String {
    let page = web.get("/admin/users");
    let at = page.body.find(email).expect("the user is listed");
    let before = &page.body[..at];
    let link = before.rfind("href=\"/admin/users/").expect("a link") + "href=\"/admin/users/".len();
    before[link..].split('"').next().expect("id").to_string()
}

#[test]
fn a_password_set_by_an_admin_must_be_changed_at_the_next_sign_in() {
    let app = TestApp::spawn();
    let dpo = WebClient::new(&app);
    dpo.sign_in("dpo@sydby.example");
    let admin = WebClient::new(&app);
    admin.sign_in("admin@sydby.example");
    let id = user_id(&admin, "dpo@sydby.example");
    let page = admin.submit(
        &format!("/admin/users/{id}"),
        &format!("/admin/users/{id}/password"),
        &[("password", "midlertidigt kodeord 1")],
    );
    assert_eq!(page.status, 200, "{}", page.body);
    // The DPO's open session ended with the reset.
    dpo.get("/assessments")
        .assert_redirect("/signin?next=%2Fassessments");
    let dpo = WebClient::new(&app);
    dpo.sign_in_with("dpo@sydby.example", "midlertidigt kodeord 1")
        .assert_redirect("/account/password");
    dpo.get("/assessments").assert_redirect("/account/password");
    let page = dpo.submit(
        "/account/password",
        "/account/password",
        &[
            ("current", "midlertidigt kodeord 1"),
            ("new", "mit eget lange kodeord"),
            ("repeat", "mit eget lange kodeord"),
        ],
    );
    page.assert_redirect("/assessments");
    assert_eq!(dpo.get("/assessments").status, 200);
}

#[test]
fn changing_ones_password_ends_the_other_sessions_and_checks_the_current_one() {
    let app = TestApp::spawn();
    let laptop = WebClient::new(&app);
    laptop.sign_in("dpo@sydby.example");
    let phone = WebClient::new(&app);
    phone.sign_in("dpo@sydby.example");
    let wrong = laptop.submit(
        "/account/password",
        "/account/password",
        &[
            ("current", "not it"),
            ("new", "et nyt og langt kodeord"),
            ("repeat", "et nyt og langt kodeord"),
        ],
    );
    assert_eq!(wrong.status, 422);
    assert!(wrong.body.contains("aria-invalid=\"true\""));
    let done = laptop.submit(
        "/account/password",
        "/account/password",
        &[
            ("current", crate::helpers::DEMO_PASSWORD),
            ("new", "et nyt og langt kodeord"),
            ("repeat", "et nyt og langt kodeord"),
        ],
    );
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!(laptop.get("/account").status, 200, "this session goes on");
    phone
        .get("/account")
        .assert_redirect("/signin?next=%2Faccount");
}

#[test]
fn a_disabled_user_is_stopped_at_once() {
    let app = TestApp::spawn();
    let dpo = WebClient::new(&app);
    dpo.sign_in("dpo@sydby.example");
    let admin = WebClient::new(&app);
    admin.sign_in("admin@sydby.example");
    let id = user_id(&admin, "dpo@sydby.example");
    let form = admin.get(&format!("/admin/users/{id}"));
    let version = hidden_value(&form.body, "version").expect("version");
    let page = admin.post(
        &format!("/admin/users/{id}"),
        &[
            ("csrf", &form.csrf()),
            ("version", &version),
            ("role", "EDITOR"),
            ("disabled", "1"),
        ],
    );
    assert_eq!(page.status, 200, "{}", page.body);
    dpo.get("/assessments")
        .assert_redirect("/signin?next=%2Fassessments");
    // The same form again is stale: said so, nothing written.
    let before = app.audit_count();
    let stale = admin.post(
        &format!("/admin/users/{id}"),
        &[
            ("csrf", &form.csrf()),
            ("version", &version),
            ("role", "VIEWER"),
        ],
    );
    assert_eq!(stale.status, 409);
    assert_eq!(app.audit_count(), before);
}

#[test]
fn only_admins_reach_the_user_pages_and_only_of_their_own_organisation() {
    let app = TestApp::spawn();
    let nordby_admin = WebClient::new(&app);
    nordby_admin.sign_in("admin@nordby.example");
    let nordby_dpo = user_id(&nordby_admin, "dpo@nordby.example");
    let sydby_admin = WebClient::new(&app);
    sydby_admin.sign_in("admin@sydby.example");
    let theirs = sydby_admin.get(&format!("/admin/users/{nordby_dpo}"));
    let missing = sydby_admin.get("/admin/users/no-such-user");
    assert_eq!(theirs.status, 404);
    assert_eq!(theirs.body, missing.body);
    let dpo = WebClient::new(&app);
    dpo.sign_in("dpo@sydby.example");
    assert_eq!(dpo.get("/admin/users").status, 404);
}
