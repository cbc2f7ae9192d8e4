//! Behind Debian's nginx with TLS (the shipped deploy/nginx.conf): sign-in works through it,
//! and two clients behind it have their own login limits, whatever they write into
//! `X-Forwarded-For` themselves.
//!
//! Needs nginx, openssl and curl (`apt-get install nginx openssl curl`; .ci/run
//! installs them). The clients are told apart by their loopback source addresses
//! (127.0.0.2 and 127.0.0.3: all of 127.0.0.0/8 is the loopback interface on Linux).

use std::net::{Ipv4Addr, Shutdown, SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::Site;
use crate::helpers::DEMO_PASSWORD;

const NGINX: &str = "/usr/sbin/nginx";

fn tool(path_or_name: &str, package: &str) -> String {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {path_or_name}")])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(
        found,
        "this test needs {path_or_name}: install it with `apt-get install -y {package}` \
         (.ci/run does this on a fresh machine)"
    );
    path_or_name.to_string()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// A self-signed certificate for `localhost` (and 127.0.0.1), the only root the clients trust.
fn certificate(dir: &Path) -> (PathBuf, PathBuf) {
    let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    let status = Command::new(tool("openssl", "openssl"))
        .args([
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
        ])
        .args(["-nodes", "-days", "1", "-subj", "/CN=localhost"])
        .args(["-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"])
        // A server certificate, not a CA (rustls refuses a CA certificate as the server's).
        .args(["-addext", "basicConstraints=critical,CA:FALSE"])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run openssl");
    assert!(status.success(), "openssl could not make a certificate");
    (cert, key)
}

pub struct Nginx {
    child: Child,
    https: u16,
    dir: PathBuf,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts nginx with deploy/nginx.conf in front of `upstream`.
pub fn start_nginx(dir: &Path, upstream: std::net::SocketAddr) -> Nginx {
    tool(NGINX, "nginx");
    let (cert, key) = certificate(dir);
    let (http, https) = (free_port(), free_port());
    let shipped =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../deploy/nginx.conf"))
            .expect("deploy/nginx.conf");
    let site: String = shipped
        .replace(
            "/etc/letsencrypt/live/hub.example.org/fullchain.pem",
            &cert.to_string_lossy(),
        )
        .replace(
            "/etc/letsencrypt/live/hub.example.org/privkey.pem",
            &key.to_string_lossy(),
        )
        .replace("hub.example.org", "localhost")
        .replace("server 127.0.0.1:8080;", &format!("server {upstream};"))
        .replace(
            "listen 443 ssl http2;",
            &format!("listen 127.0.0.1:{https} ssl http2;"),
        )
        .replace("listen 80;", &format!("listen 127.0.0.1:{http};"))
        .lines()
        .filter(|l| !l.contains("[::]"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(
        site.contains(&format!("{https} ssl")),
        "the listen line was replaced"
    );
    std::fs::write(dir.join("dpiahub-site.conf"), site).unwrap();
    let running_as_root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    let d = dir.to_string_lossy();
    let main = format!(
        "{user}daemon off;\nworker_processes 1;\npid {d}/nginx.pid;\nerror_log {d}/error.log info;\n\
         events {{ worker_connections 64; }}\n\
         http {{\n  log_format ops '$remote_addr $request_id \"$request\" $status';\n\
           access_log {d}/access.log ops;\n\
           client_body_temp_path {d}/body; proxy_temp_path {d}/proxy;\n\
           fastcgi_temp_path {d}/fastcgi; uwsgi_temp_path {d}/uwsgi; scgi_temp_path {d}/scgi;\n\
           include {d}/dpiahub-site.conf;\n}}\n",
        user = if running_as_root { "user root;\n" } else { "" },
    );
    std::fs::write(dir.join("nginx.conf"), main).unwrap();
    let child = Command::new(NGINX)
        .arg("-p")
        .arg(dir)
        .arg("-e")
        .arg(dir.join("error.log"))
        .arg("-c")
        .arg(dir.join("nginx.conf"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start nginx");
    let mut nginx = Nginx {
        child,
        https,
        dir: dir.to_path_buf(),
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", https)).is_err() {
        if let Some(status) = nginx.child.try_wait().unwrap() {
            panic!(
                "nginx exited with {status}: {}",
                std::fs::read_to_string(dir.join("error.log")).unwrap_or_default()
            );
        }
        assert!(Instant::now() < deadline, "nginx did not listen");
        std::thread::sleep(Duration::from_millis(50));
    }
    nginx
}

impl Nginx {
    /// POSTs a GraphQL body through nginx over verified TLS, from `source` (a loopback
    /// address), with extra headers; (HTTP status, JSON answer).
    fn post(&self, source: &str, headers: &[&str], body: &Value) -> (u16, Value) {
        let body_file = self
            .dir
            .join(format!("body-{}.json", uuid::Uuid::new_v4().simple()));
        std::fs::write(&body_file, body.to_string()).unwrap();
        let mut cmd = Command::new(tool("curl", "curl"));
        cmd.args(["-sS", "--max-time", "120", "--interface", source])
            .arg("--cacert")
            .arg(self.dir.join("cert.pem"))
            .args(["--resolve", &format!("localhost:{}:127.0.0.1", self.https)])
            .args([
                "-H",
                "content-type: application/json",
                "-w",
                "\n%{http_code}",
            ])
            .arg("--data-binary")
            .arg(format!("@{}", body_file.display()));
        for header in headers {
            cmd.args(["-H", header]);
        }
        let out = cmd
            .arg(format!("https://localhost:{}/graphql", self.https))
            .output()
            .expect("run curl");
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "curl failed: {}{text}",
            String::from_utf8_lossy(&out.stderr)
        );
        let (json_text, code) = text.rsplit_once('\n').expect("body and status");
        (
            code.trim().parse().expect("a status"),
            serde_json::from_str(json_text).unwrap_or(Value::String(json_text.into())),
        )
    }

    fn get_status(&self, path: &str) -> u16 {
        let out = Command::new("curl")
            .args(["-sS", "-o", "/dev/null", "-w", "%{http_code}"])
            .arg("--cacert")
            .arg(self.dir.join("cert.pem"))
            .args(["--resolve", &format!("localhost:{}:127.0.0.1", self.https)])
            .arg(format!("https://localhost:{}{path}", self.https))
            .output()
            .expect("run curl");
        String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse()
            .unwrap_or(0)
    }
}

/// The public side of the proxy as a browser on another machine sees it: `base` is nginx's
/// `https://localhost:PORT` address, reached from the browser's own address over TLS.
pub struct Browser {
    pub base: String,
    relay: SocketAddr,
    tls: Arc<rustls::ClientConfig>,
}

impl Browser {
    /// An agent that reaches `base` from the browser's address and trusts only the test's
    /// certificate (so TLS is verified, host name included).
    pub fn agent(&self) -> ureq::AgentBuilder {
        let (relay, host) = (
            self.relay,
            self.base.trim_start_matches("https://").to_string(),
        );
        ureq::AgentBuilder::new()
            .timeout(Duration::from_secs(60))
            .tls_config(self.tls.clone())
            .resolver(move |netloc: &str| {
                if netloc == host {
                    Ok(vec![relay])
                } else {
                    netloc.to_socket_addrs().map(Iterator::collect)
                }
            })
    }
}

impl Nginx {
    /// A browser on `source`, a loopback address other than nginx's own 127.0.0.1, so that
    /// the address nginx appends to `X-Forwarded-For` is the browser's, not the proxy's.
    pub fn browser_from(&self, source: Ipv4Addr) -> Browser {
        let relay = relay_from(source, SocketAddr::from(([127, 0, 0, 1], self.https)));
        Browser {
            base: format!("https://localhost:{}", relay.port()),
            relay,
            tls: trusting(&self.dir.join("cert.pem")),
        }
    }
}

/// TLS settings that trust exactly the certificate in `pem`.
fn trusting(pem: &Path) -> Arc<rustls::ClientConfig> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::CertificateDer;
    let mut roots = rustls::RootCertStore::empty();
    for cert in CertificateDer::pem_file_iter(pem).expect("the test certificate") {
        roots
            .add(cert.expect("a PEM certificate"))
            .expect("a usable root");
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Arc::new(
        rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("TLS 1.2 and 1.3")
            .with_root_certificates(roots)
            .with_no_client_auth(),
    )
}

/// A local port whose connections reach `target` from `source` (the browser's network):
/// all of 127.0.0.0/8 is the loopback interface on Linux, but std cannot choose the source
/// address of a connection, so each one is relayed through a socket bound to `source`.
fn relay_from(source: Ipv4Addr, target: SocketAddr) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a relay port");
    let addr = listener.local_addr().expect("the relay's address");
    std::thread::spawn(move || {
        for inbound in listener.incoming() {
            let Ok(inbound) = inbound else { return };
            let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None)
                .expect("a socket");
            socket
                .bind(&SocketAddr::from((source, 0)).into())
                .expect("bind the browser's address");
            if socket.connect(&target.into()).is_err() {
                continue; // nginx is gone: the browser sees the connection close.
            }
            let outbound: TcpStream = socket.into();
            for (from, to) in [
                (inbound.try_clone(), outbound.try_clone()),
                (outbound.try_clone(), inbound.try_clone()),
            ] {
                let (Ok(from), Ok(to)) = (from, to) else {
                    continue;
                };
                std::thread::spawn(move || {
                    let _ = std::io::copy(&mut &from, &mut &to);
                    let _ = to.shutdown(Shutdown::Write);
                });
            }
        }
    });
    addr
}

fn login_body(email: &str, password: &str) -> Value {
    json!({
        "query": "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }",
        "variables": { "e": email, "p": password },
    })
}

#[test]
fn behind_nginx_with_tls_two_clients_have_separate_login_limits() {
    let site = Site::new();
    let mut server = site.serve(&[("DPIAHUB_TRUSTED_PROXIES", "127.0.0.1")]);
    let nginx = start_nginx(site.path(), server.addr);

    // Signing in through the proxy, over TLS, and using the token.
    let (status, answer) = nginx.post(
        "127.0.0.2",
        &[],
        &login_body("dpo@nordby.example", DEMO_PASSWORD),
    );
    assert_eq!(status, 200, "{answer}");
    let token = answer["data"]["login"]["accessToken"]
        .as_str()
        .unwrap_or_else(|| panic!("login through nginx: {answer}"))
        .to_string();
    let (_, me) = nginx.post(
        "127.0.0.2",
        &[&format!("authorization: Bearer {token}")],
        &json!({ "query": "{ me { email } }" }),
    );
    assert_eq!(me["data"]["me"]["email"], "dpo@nordby.example", "{me}");

    // Client A (127.0.0.2) guesses passwords for many accounts until its address is limited,
    // writing a different made-up X-Forwarded-For each time; nginx appends the real address.
    // (A batch of 10 operations per request: each login is its own operation.)
    let mut limited = false;
    for round in 0..8 {
        let batch: Vec<Value> = (0..10)
            .map(|i| {
                login_body(
                    &format!("nobody-{round}-{i}@nordby.example"),
                    &format!("guess-{i}"),
                )
            })
            .collect();
        let (status, answer) = nginx.post(
            "127.0.0.2",
            &[&format!("x-forwarded-for: 198.51.100.{round}")],
            &Value::Array(batch),
        );
        assert_eq!(status, 200, "{answer}");
        let codes: Vec<&str> = answer
            .as_array()
            .expect("one answer per operation")
            .iter()
            .filter_map(|a| a["errors"][0]["extensions"]["code"].as_str())
            .collect();
        assert_eq!(codes.len(), 10, "every guess is refused: {answer}");
        if codes.contains(&"RATE_LIMITED") {
            limited = true;
            break;
        }
    }
    assert!(
        limited,
        "client A's address reached the per-address login limit"
    );
    let (_, a_again) = nginx.post(
        "127.0.0.2",
        &["x-forwarded-for: 203.0.113.99"],
        &login_body("dpo@sydby.example", DEMO_PASSWORD),
    );
    assert_eq!(
        a_again["errors"][0]["extensions"]["code"], "RATE_LIMITED",
        "A stays limited, even with the right password and a forged header: {a_again}"
    );

    // Client B (127.0.0.3), behind the same proxy, has its own limit.
    let (_, b) = nginx.post(
        "127.0.0.3",
        &[],
        &login_body("dpo@sydby.example", DEMO_PASSWORD),
    );
    assert!(
        b["data"]["login"]["accessToken"].is_string(),
        "B signs in although A is limited: {b}"
    );

    // The proxy keeps /metrics to the inside.
    assert_eq!(nginx.get_status("/metrics"), 404);
    assert_eq!(nginx.get_status("/health"), 200);
    let access = std::fs::read_to_string(nginx.dir.join("access.log")).unwrap_or_default();
    assert!(
        access.contains("127.0.0.2") && access.contains("127.0.0.3"),
        "{access}"
    );
    server.stop();
}

/// The `client` of the newest `action` entry whose actor is `email`.
fn client_of(site: &Site, action: &str, email: &str) -> Value {
    let entries = super::audit_entries(&site.database_url, action);
    entries
        .iter()
        .rev()
        .find(|(actor, _)| actor == email)
        .map(|(_, after)| after["client"].clone())
        .unwrap_or_else(|| panic!("no {action} entry of {email}: {entries:?}"))
}

fn user_id_of(site: &Site, email: &str) -> String {
    use diesel::prelude::*;
    use dpiahub::store::schema::users;
    let url = dpiahub::store::DatabaseUrl::parse(&site.database_url).expect("a database URL");
    let pool = dpiahub::store::connection::build_pool(&url, 1, Default::default())
        .expect("open the database");
    users::table
        .filter(users::email.eq(email))
        .select(users::id)
        .first(&mut pool.get().expect("a connection"))
        .expect("the user")
}

#[test]
fn behind_nginx_the_audit_trail_names_the_client_of_every_sign_in_and_credential_change() {
    let site = Site::new();
    let mut server = site.serve(&[("DPIAHUB_TRUSTED_PROXIES", "127.0.0.1")]);
    let nginx = start_nginx(site.path(), server.addr);
    let dpo = "dpo@nordby.example";

    // The API: login (with a forged X-Forwarded-For, which changes nothing), refresh from
    // another address, a password change, logout, and a replayed refresh token.
    let login = json!({
        "query": "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken } }",
        "variables": { "e": dpo, "p": DEMO_PASSWORD },
    });
    let (_, first) = nginx.post("127.0.0.2", &["x-forwarded-for: 198.51.100.7"], &login);
    let first_refresh = first["data"]["login"]["refreshToken"]
        .as_str()
        .unwrap_or_else(|| panic!("login through nginx: {first}"))
        .to_string();
    assert_eq!(client_of(&site, "login", dpo), "127.0.0.2");

    let refresh = |source: &str, token: &str| {
        nginx.post(
            source,
            &[],
            &json!({
                "query": "mutation($r: String!) { refresh(refreshToken: $r) { accessToken refreshToken } }",
                "variables": { "r": token },
            }),
        )
    };
    let (_, refreshed) = refresh("127.0.0.3", &first_refresh);
    assert!(
        refreshed["data"]["refresh"]["accessToken"].is_string(),
        "refresh through nginx: {refreshed}"
    );
    assert_eq!(client_of(&site, "refresh", dpo), "127.0.0.3");

    // Someone else presents the used token again: the family is revoked, and the entry
    // says from where.
    let (_, replayed) = refresh("127.0.0.4", &first_refresh);
    assert_eq!(
        replayed["errors"][0]["extensions"]["code"], "UNAUTHENTICATED",
        "{replayed}"
    );
    assert_eq!(client_of(&site, "refresh_token_replayed", dpo), "127.0.0.4");

    let (_, login) = nginx.post("127.0.0.3", &[], &login);
    let (access, refresh_token) = (
        login["data"]["login"]["accessToken"]
            .as_str()
            .unwrap_or_else(|| panic!("second login: {login}"))
            .to_string(),
        login["data"]["login"]["refreshToken"]
            .as_str()
            .expect("a refresh token")
            .to_string(),
    );
    assert_eq!(client_of(&site, "login", dpo), "127.0.0.3");
    let bearer = format!("authorization: Bearer {access}");
    let (_, changed) = nginx.post(
        "127.0.0.2",
        &[&bearer],
        &json!({
            "query": "mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }",
            "variables": { "c": DEMO_PASSWORD, "n": "a new and long passphrase of the DPO" },
        }),
    );
    assert_eq!(changed["data"]["changePassword"], true, "{changed}");
    assert_eq!(client_of(&site, "change_password", dpo), "127.0.0.2");

    let (_, out) = nginx.post(
        "127.0.0.4",
        &[&bearer],
        &json!({
            "query": "mutation($r: String!) { logout(refreshToken: $r) }",
            "variables": { "r": refresh_token },
        }),
    );
    assert_eq!(out["data"]["logout"], true, "{out}");
    assert_eq!(client_of(&site, "logout", dpo), "127.0.0.4");

    // The web application, over HTTPS from 127.0.0.5: sign-in, the second factor turned on,
    // a password change, sign-out; and an admin on 127.0.0.6 resetting someone's password.
    let office = nginx.browser_from(Ipv4Addr::new(127, 0, 0, 5));
    let web = crate::web::client::WebClient::at(&office.base, office.agent());
    let editor = "dpo@sydby.example";
    web.sign_in(editor);
    assert_eq!(client_of(&site, "web_sign_in", editor), "127.0.0.5");
    let uri = super::oidc_totp::otpauth_uri(&web.get("/account/totp"));
    let on = web.submit(
        "/account/totp",
        "/account/totp",
        &[("code", &super::oidc_totp::code(&uri, 0))],
    );
    assert_eq!(on.status, 200, "{}", on.body);
    assert_eq!(client_of(&site, "totp_enrolled", editor), "127.0.0.5");
    let page = web.submit(
        "/account/password",
        "/account/password",
        &[
            ("current", DEMO_PASSWORD),
            ("new", "the editor's own long passphrase"),
            ("repeat", "the editor's own long passphrase"),
        ],
    );
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(client_of(&site, "change_password", editor), "127.0.0.5");
    web.submit("/account", "/signout", &[])
        .assert_redirect("/signin");
    assert_eq!(client_of(&site, "web_sign_out", editor), "127.0.0.5");

    let elsewhere = nginx.browser_from(Ipv4Addr::new(127, 0, 0, 6));
    let admin = crate::web::client::WebClient::at(&elsewhere.base, elsewhere.agent());
    admin.sign_in("admin@sydby.example");
    let id = user_id_of(&site, editor);
    let page = admin.submit(
        &format!("/admin/users/{id}"),
        &format!("/admin/users/{id}/password"),
        &[("password", "a temporary long passphrase")],
    );
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(
        client_of(&site, "set_password", "admin@sydby.example"),
        "127.0.0.6"
    );
    server.stop();
}
