//! Single sign-on through a real, certified OpenID provider (issue 17): `oidc-provider` from
//! npm on the machine's Node.js, started on loopback by these tests (oidc_provider.mjs).
//!
//! The provider is installed into `target/test-tools/oidc/` with `npm install --prefix` the
//! first time (like the browser tests install Chromium); without Node.js or the npm registry
//! the tests fail with a message saying what is missing — they never skip silently.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;

use serde_json::json;

use crate::helpers::{TestApp, DEMO_PASSWORD};
use crate::web::client::{Page, WebClient};

/// oidc-provider's major version for the machine's Node.js: 9 wants Node ≥ 20; 8 still runs
/// on Debian 12's Node 18. The script uses the API both share.
fn provider_package(node_version: &str) -> &'static str {
    let major: u32 = node_version
        .trim()
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .unwrap_or(0);
    if major >= 20 {
        "oidc-provider@9"
    } else {
        "oidc-provider@8"
    }
}
pub const CLIENT_ID: &str = "dpiahub";
pub const CLIENT_SECRET: &str = "a-client-secret-of-dpiahub-at-the-provider";
const OTHER_CLIENT_ID: &str = "another-application";
const OTHER_CLIENT_SECRET: &str = "the-other-application's-own-secret-value";

static INSTALL: Mutex<Option<PathBuf>> = Mutex::new(None);

/// The directory holding `node_modules/oidc-provider` and the provider script.
fn tools() -> PathBuf {
    let mut installed = INSTALL.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(dir) = installed.as_ref() {
        return dir.clone();
    }
    let node = Command::new("node").arg("--version").output();
    let package = match node {
        Ok(out) if out.status.success() => provider_package(&String::from_utf8_lossy(&out.stdout)),
        _ => panic!(
            "The single sign-on tests need Node.js (≥ 20) to run the OpenID provider \
             oidc-provider: install it (Debian: apt-get install -y nodejs npm) and run again."
        ),
    };
    // .ci/run installs it here ahead of the tests.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("target")
        .join("test-tools")
        .join("oidc");
    std::fs::create_dir_all(&dir).expect("create target/test-tools/oidc");
    if !dir.join("node_modules/oidc-provider/package.json").exists() {
        eprintln!("oidc tests: installing {package} into {}", dir.display());
        let out = Command::new("npm")
            .args(["install", "--prefix"])
            .arg(&dir)
            .args([package, "--no-audit", "--no-fund", "--loglevel=error"])
            .output();
        match out {
            Ok(out) if out.status.success() => {}
            Ok(out) => panic!(
                "The single sign-on tests need the npm package {package} and `npm install \
                 --prefix {}` failed (no access to the npm registry?):\n{}\nInstall it there by \
                 hand and run again.",
                dir.display(),
                String::from_utf8_lossy(&out.stderr)
            ),
            Err(e) => panic!(
                "The single sign-on tests need npm to install {package}: {e} \
                 (Debian: apt-get install -y npm)"
            ),
        }
    }
    std::fs::write(dir.join("provider.mjs"), include_str!("oidc_provider.mjs"))
        .expect("write the provider script");
    *installed = Some(dir.clone());
    dir
}

/// A running provider; stopped when dropped.
pub struct OidcProvider {
    child: Child,
    pub issuer: String,
}

impl Drop for OidcProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Default)]
pub struct ProviderOptions {
    /// login hint -> (e-mail, subject)
    pub accounts: Vec<(String, String, String)>,
    /// Issue the other client's code and ID token when DPIA Hub asks (wrong audience).
    pub rogue_audience: bool,
}

impl OidcProvider {
    pub fn start(app: &TestApp, options: ProviderOptions) -> Self {
        Self::start_for(&app.base, options)
    }

    /// A provider whose clients return browsers to `base` (the address the browser uses:
    /// behind a proxy, the proxy's `https://` address).
    pub fn start_for(base: &str, options: ProviderOptions) -> Self {
        let dir = tools();
        let redirect = format!("{base}/signin/oidc/callback");
        let clients = json!([
            { "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "redirect_uris": [redirect] },
            { "client_id": OTHER_CLIENT_ID, "client_secret": OTHER_CLIENT_SECRET, "redirect_uris": [redirect] },
        ]);
        let accounts: serde_json::Map<String, serde_json::Value> = options
            .accounts
            .iter()
            .map(|(hint, email, sub)| (hint.clone(), json!({ "email": email, "sub": sub })))
            .collect();
        let mut cmd = Command::new("node");
        cmd.arg(dir.join("provider.mjs"))
            .current_dir(&dir)
            .env("OIDC_CLIENTS", clients.to_string())
            .env(
                "OIDC_ACCOUNTS",
                serde_json::Value::Object(accounts).to_string(),
            )
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        if options.rogue_audience {
            cmd.env(
                "OIDC_ROGUE",
                json!({ "from": CLIENT_ID, "to": OTHER_CLIENT_ID, "to_secret": OTHER_CLIENT_SECRET })
                    .to_string(),
            );
        }
        let mut child = cmd.spawn().expect("start node with the OpenID provider");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let issuer = loop {
            let line = lines
                .next()
                .and_then(Result::ok)
                .expect("the OpenID provider exited before it listened");
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(line.trim()) {
                if let Some(issuer) = v["issuer"].as_str() {
                    break issuer.to_string();
                }
            }
        };
        // Keep draining its output so it never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        OidcProvider { child, issuer }
    }
}

/// The organisation's admin sets the provider on /admin/sso (the page, not the store).
pub fn configure(app: &TestApp, issuer: &str, client_id: &str, create_users: bool) {
    configure_as(&WebClient::new(app), issuer, client_id, create_users);
}

/// As [`configure`], with the admin's browser given (e.g. one speaking HTTPS to a proxy).
pub fn configure_as(admin: &WebClient, issuer: &str, client_id: &str, create_users: bool) {
    admin.sign_in("admin@sydby.example");
    let mut fields = vec![
        ("issuer", issuer),
        ("client_id", client_id),
        ("client_secret", CLIENT_SECRET),
        ("domains", "sydby.example"),
        ("new_user_role", "EDITOR"),
    ];
    if create_users {
        fields.push(("create_users", "on"));
    }
    let saved = admin.submit("/admin/sso", "/admin/sso", &fields);
    assert_eq!(saved.status, 200, "{}", saved.body);
    assert!(
        !saved.body.contains(CLIENT_SECRET),
        "the secret is never shown back"
    );
}

/// Starts a sign-in at DPIA Hub and follows the provider's redirects (cookies kept) until it
/// sends the browser back; returns the callback's path and query.
pub fn through_provider(web: &WebClient, email: &str) -> String {
    let form = web.get("/signin");
    let token = form.csrf();
    let started = web.post(
        "/signin/oidc",
        &[("csrf", &token), ("next", "/"), ("email", email)],
    );
    assert_eq!(started.status, 303, "to the provider: {}", started.body);
    let mut url = started.location.expect("the provider's address");
    let agent = ureq::AgentBuilder::new().redirects(0).build();
    let mut cookies: Vec<(String, String)> = Vec::new();
    for _ in 0..10 {
        if let Some(path) = url.strip_prefix(&web.base) {
            return path.to_string();
        }
        let header = cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        let mut request = agent.get(&url);
        if !header.is_empty() {
            request = request.set("cookie", &header);
        }
        let response = match request.call() {
            Ok(r) => r,
            Err(ureq::Error::Status(_, r)) => r,
            Err(e) => panic!("provider unreachable: {e}"),
        };
        for line in response.all("set-cookie") {
            let first = line.split(';').next().unwrap_or("");
            if let Some((k, v)) = first.split_once('=') {
                cookies.retain(|(name, _)| name != k.trim());
                cookies.push((k.trim().to_string(), v.trim().to_string()));
            }
        }
        let status = response.status();
        let Some(location) = response.header("location").map(str::to_string) else {
            panic!(
                "the provider answered {status} without a redirect: {}",
                response.into_string().unwrap_or_default()
            );
        };
        url = if location.starts_with("http") {
            location
        } else {
            let origin = url.splitn(4, '/').take(3).collect::<Vec<_>>().join("/");
            format!("{origin}{location}")
        };
    }
    panic!("the provider never sent the browser back");
}

fn count(app: &TestApp, sql_action: &str) -> i64 {
    use diesel::prelude::*;
    use dpiahub::store::schema::audit_entries;
    let mut conn = app.pool().get().expect("connection");
    audit_entries::table
        .filter(audit_entries::action.eq(sql_action))
        .count()
        .get_result(&mut conn)
        .expect("count")
}

fn linked_subjects(app: &TestApp) -> Vec<(String, String)> {
    use diesel::prelude::*;
    use dpiahub::store::schema::{user_identities, users};
    let mut conn = app.pool().get().expect("connection");
    let links: Vec<(String, String, String)> = user_identities::table
        .select((
            user_identities::org_id,
            user_identities::user_id,
            user_identities::subject,
        ))
        .order(user_identities::subject.asc())
        .load(&mut conn)
        .expect("links");
    links
        .into_iter()
        .map(|(org_id, user_id, subject)| {
            let email: String = users::table
                .find((org_id, user_id))
                .select(users::email)
                .first(&mut conn)
                .expect("the linked user");
            (email, subject)
        })
        .collect()
}

fn assert_refused(page: &Page, status: u16, title_key_text: &str, web: &WebClient) {
    assert_eq!(page.status, status, "{}", page.body);
    assert!(
        page.body.contains(title_key_text),
        "expected «{title_key_text}» in {}",
        page.body
    );
    assert!(web.cookie("dpiahub_session").is_none(), "no session");
}

#[test]
fn oidc_a_good_sign_in_opens_a_session_and_links_the_subject() {
    let app = TestApp::spawn();
    let provider = OidcProvider::start(&app, ProviderOptions::default());
    configure(&app, &provider.issuer, CLIENT_ID, true);

    // A stranger's wrong passwords (issue 14, finding 3) do not block the provider's door.
    let stranger = WebClient::new(&app);
    for _ in 0..12 {
        stranger.sign_in_with("dpo@sydby.example", "not the password");
    }
    assert_eq!(
        stranger
            .sign_in_with("dpo@sydby.example", DEMO_PASSWORD)
            .status,
        429,
        "the password door is slowed down"
    );

    let web = WebClient::new(&app);
    let callback = through_provider(&web, "dpo@sydby.example");
    assert!(callback.starts_with("/signin/oidc/callback?"), "{callback}");
    let done = web.get(&callback);
    done.assert_redirect("/assessments");
    assert!(web.cookie("dpiahub_session").is_some(), "a new session");
    assert_eq!(web.get("/assessments").status, 200);
    assert!(
        web.get("/account").body.contains("dpo@sydby.example"),
        "signed in as the DPO"
    );
    assert_eq!(
        linked_subjects(&app),
        vec![(
            "dpo@sydby.example".to_string(),
            "subject-dpo@sydby.example".to_string()
        )]
    );

    // The second time the link is found by subject; no second link.
    let again = WebClient::new(&app);
    let callback = through_provider(&again, "dpo@sydby.example");
    again.get(&callback).assert_redirect("/assessments");
    assert_eq!(count(&app, "link_identity"), 1);

    // Someone new from the vouched domain gets an account with the chosen role.
    let newcomer = WebClient::new(&app);
    let callback = through_provider(&newcomer, "new.person@sydby.example");
    newcomer.get(&callback).assert_redirect("/assessments");
    let account = newcomer.get("/account");
    assert!(account.body.contains("new.person@sydby.example"));
    assert!(
        account.body.contains("Redaktør"),
        "role EDITOR: {}",
        account.body
    );
    assert_eq!(linked_subjects(&app).len(), 2);
}

#[test]
fn oidc_an_id_token_for_another_audience_is_refused() {
    let app = TestApp::spawn();
    let provider = OidcProvider::start(
        &app,
        ProviderOptions {
            rogue_audience: true,
            ..Default::default()
        },
    );
    configure(&app, &provider.issuer, CLIENT_ID, true);
    let web = WebClient::new(&app);
    let callback = through_provider(&web, "dpo@sydby.example");
    let page = web.get(&callback);
    assert_refused(&page, 401, "Login-svaret blev afvist", &web);
    assert!(linked_subjects(&app).is_empty(), "nothing linked");
}

#[test]
fn oidc_a_replayed_state_is_refused() {
    let app = TestApp::spawn();
    let provider = OidcProvider::start(&app, ProviderOptions::default());
    configure(&app, &provider.issuer, CLIENT_ID, false);
    let web = WebClient::new(&app);
    let callback = through_provider(&web, "dpo@sydby.example");
    web.get(&callback).assert_redirect("/assessments");
    let sessions = count(&app, "web_sign_in");

    // The same answer again in the same browser (back button, a replay): the state was used.
    web.set_cookie("dpiahub_session", "");
    let page = web.get(&callback);
    assert_eq!(page.status, 400, "{}", page.body);
    assert!(page.body.contains("Login-forsøget kan ikke bruges"));
    assert_eq!(count(&app, "web_sign_in"), sessions, "no second session");

    // An answer opened in another browser than the one that started it (an attacker's
    // callback URL sent to a victim: login CSRF) is refused too.
    let attacker = WebClient::new(&app);
    let forwarded = through_provider(&attacker, "dpo@sydby.example");
    let victim = WebClient::new(&app);
    victim.get("/signin");
    let page = victim.get(&forwarded);
    assert_refused(&page, 400, "Login-forsøget kan ikke bruges", &victim);
    assert_eq!(
        count(&app, "web_sign_in"),
        sessions,
        "no session for the victim"
    );

    // A made-up state is refused the same way.
    let page = victim.get("/signin/oidc/callback?state=made-up&code=abc");
    assert_eq!(page.status, 400);
}

#[test]
fn oidc_an_email_outside_the_vouched_domains_is_refused() {
    let app = TestApp::spawn();
    let provider = OidcProvider::start(
        &app,
        ProviderOptions {
            // The person typed a Sydby address, the provider says who they really are.
            accounts: vec![(
                "mallory@sydby.example".into(),
                "mallory@elsewhere.example".into(),
                "subject-mallory".into(),
            )],
            ..Default::default()
        },
    );
    configure(&app, &provider.issuer, CLIENT_ID, true);
    let web = WebClient::new(&app);
    let callback = through_provider(&web, "mallory@sydby.example");
    let page = web.get(&callback);
    assert_refused(&page, 403, "E-mailadressen er ikke omfattet", &web);
    assert!(linked_subjects(&app).is_empty());

    // And an address whose domain no provider vouches for is told to use the password.
    let form = web.get("/signin");
    let page = web.post(
        "/signin/oidc",
        &[
            ("csrf", &form.csrf()),
            ("next", "/"),
            ("email", "x@nowhere.example"),
        ],
    );
    assert_eq!(page.status, 422);
    assert!(page.body.contains("Der er ikke sat organisationslogin op"));
}
