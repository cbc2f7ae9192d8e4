//! Issue 17's done-when in one run, as a municipality's IT department would rehearse it on a
//! fresh machine: the real binary behind Debian's nginx with TLS (deploy/nginx.conf), a
//! person signing in through the organisation's OpenID provider over HTTPS, Prometheus
//! scraping `/metrics`, a backup taken while people write, and a SIGTERM in the middle of
//! their writes — nothing acknowledged lost, neither in the backup nor in the database.
//!
//! Needs nginx, openssl, curl and Node.js (see proxy.rs and oidc.rs).

use std::net::Ipv4Addr;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::json;

use super::backup::{back_up, restore, verify};
use super::oidc::{configure_as, through_provider, OidcProvider, ProviderOptions, CLIENT_ID};
use super::proxy::start_nginx;
use super::shutdown::write_load;
use super::{assert_all_stored, audit_entries, gql_on, Site};
use crate::helpers::DEMO_PASSWORD;
use crate::web::client::WebClient;

/// Where the people are: not nginx's own 127.0.0.1.
const OFFICE: Ipv4Addr = Ipv4Addr::new(127, 0, 0, 2);

#[test]
fn an_it_department_signs_in_through_the_provider_behind_nginx_with_tls_scrapes_metrics_backs_up_and_stops_cleanly(
) {
    let started = Instant::now();
    let site = Site::new();
    let mut server = site.serve(&[("DPIAHUB_TRUSTED_PROXIES", "127.0.0.1")]);
    let nginx = start_nginx(site.path(), server.addr);
    let office = nginx.browser_from(OFFICE);
    assert!(
        office.base.starts_with("https://localhost:"),
        "{}",
        office.base
    );

    // The provider knows the hub by its public address: nginx's https URL.
    let provider = OidcProvider::start_for(&office.base, ProviderOptions::default());
    let admin = WebClient::at(&office.base, office.agent());
    configure_as(&admin, &provider.issuer, CLIENT_ID, false);

    // A person signs in through the provider, over HTTPS, through nginx.
    let web = WebClient::at(&office.base, office.agent());
    let callback = through_provider(&web, "dpo@sydby.example");
    assert!(callback.starts_with("/signin/oidc/callback?"), "{callback}");
    let signed_in = web.get(&callback);
    signed_in.assert_redirect("/assessments");
    let cookie = signed_in
        .set_cookies
        .iter()
        .find(|c| c.starts_with("dpiahub_session="))
        .unwrap_or_else(|| panic!("a session cookie: {:?}", signed_in.set_cookies));
    assert!(
        cookie
            .split(';')
            .any(|a| a.trim().eq_ignore_ascii_case("secure")),
        "the original scheme was HTTPS, so the cookie is Secure: {cookie}"
    );
    let account = web.get("/account");
    assert_eq!(account.status, 200, "{}", account.body);
    assert!(
        account.body.contains("dpo@sydby.example"),
        "signed in as the DPO: {}",
        account.body
    );

    // The audit trail names the person's address (from nginx's X-Forwarded-For), not nginx's.
    let sign_ins = audit_entries(&site.database_url, "web_sign_in");
    let (_, entry) = sign_ins
        .iter()
        .rev()
        .find(|(email, after)| email == "dpo@sydby.example" && after["via"] == "single_sign_on")
        .unwrap_or_else(|| panic!("the single sign-on is audited: {sign_ins:?}"));
    assert_eq!(entry["client"], OFFICE.to_string(), "{entry}");

    // Prometheus scrapes from an allowed address (loopback, on the host) and sees it.
    let (status, _, metrics) = server.get("/metrics");
    assert_eq!(status, 200, "{metrics}");
    let counted = "dpiahub_http_requests_total{route=\"/signin/oidc/callback\",method=\"GET\",status=\"303\"} 1";
    assert!(
        metrics.contains(counted),
        "/metrics lacks {counted}:\n{metrics}"
    );

    // Writes through the proxy (an admin's API session), and a backup in the middle of them.
    let api = office.agent().build();
    let login = gql_on(
        &api,
        &office.base,
        None,
        "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }",
        json!({ "e": "admin@nordby.example", "p": DEMO_PASSWORD }),
    );
    let token = login["data"]["login"]["accessToken"]
        .as_str()
        .unwrap_or_else(|| panic!("login through nginx: {login}"))
        .to_string();
    let logins = audit_entries(&site.database_url, "login");
    let (_, entry) = logins
        .iter()
        .rev()
        .find(|(email, _)| email == "admin@nordby.example")
        .unwrap_or_else(|| panic!("the API sign-in is audited: {logins:?}"));
    assert_eq!(entry["client"], OFFICE.to_string(), "{entry}");
    let stop = Arc::new(AtomicBool::new(false));
    let (acknowledged, writers) = write_load(api, office.base.clone(), token, 3, "rehearsal", stop);
    let wait_for = |n: usize| {
        let deadline = Instant::now() + Duration::from_secs(30);
        while acknowledged.lock().unwrap().len() < n {
            assert!(Instant::now() < deadline, "only {:?} writes", acknowledged);
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    wait_for(10);
    let before_backup: Vec<String> = acknowledged.lock().unwrap().clone();
    let file = site.path().join("rehearsal-backup");
    back_up(&site, &file);

    // SIGTERM while they go on writing.
    wait_for(before_backup.len() + 10);
    server.terminate_under_load(writers, Duration::from_secs(45));
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(acknowledged.len() > before_backup.len() + 10);
    assert_all_stored(
        &acknowledged,
        &site.database_url,
        "writes acknowledged before SIGTERM",
    );

    // The backup restores, verifies, and holds everything acknowledged before it began.
    let restored = restore(&site, &file);
    let verified = verify(&site, &restored);
    for organisation in ["Nordby Kommune", "Sydby Kommune"] {
        assert!(
            verified.contains(&format!("audit chain ok: {organisation}")),
            "{verified}"
        );
    }
    assert_all_stored(
        &before_backup,
        &restored,
        "writes acknowledged before the backup (in the restored copy)",
    );
    eprintln!("the rehearsal took {:?}", started.elapsed());
}
