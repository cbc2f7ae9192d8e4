//! Test harness: a real server on a free loopback port over a fresh database, spoken to over
//! HTTP. The backend is SQLite (a temp file) unless `DPIAHUB_TEST_POSTGRES_URL` names a
//! PostgreSQL server, where each test gets its own database (see `.ci/with-postgres`).

use std::sync::mpsc;
use std::sync::Arc;

use diesel::connection::SimpleConnection;
use diesel::Connection;
use serde_json::{json, Value};

use dpiahub::startup;
use dpiahub::state::AppState;
use dpiahub::store::connection::Pool;
use dpiahub::store::DatabaseUrl;

pub const DEMO_PASSWORD: &str = "demo-password-for-tests";
/// The day the tests evaluate compliance checks on (the demo's dates are relative to it).
pub const TODAY: chrono::NaiveDate = match chrono::NaiveDate::from_ymd_opt(2026, 11, 23) {
    Some(day) => day,
    None => panic!("a valid date"),
};
pub const JWT_SECRET: &str = "test-secret-test-secret-test-secret-0123456789";

pub struct TestApp {
    pub base: String,
    pub state: Arc<AppState>,
    url: DatabaseUrl,
    queries: dpiahub::store::connection::QueryCount,
    _dir: Option<tempfile::TempDir>,
    server: actix_web::dev::ServerHandle,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // Stop without waiting for in-flight requests: the test is over.
        let stop = self.server.stop(false);
        std::thread::spawn(move || actix_web::rt::System::new().block_on(stop));
    }
}

fn fresh_database() -> (DatabaseUrl, Option<tempfile::TempDir>) {
    match std::env::var("DPIAHUB_TEST_POSTGRES_URL") {
        Ok(base) if !base.trim().is_empty() => {
            let name = format!("dpiahub_t_{}", uuid::Uuid::new_v4().simple());
            let mut admin = diesel::pg::PgConnection::establish(&base)
                .expect("DPIAHUB_TEST_POSTGRES_URL must reach a PostgreSQL server");
            admin
                .batch_execute(&format!("CREATE DATABASE {name}"))
                .expect("create a test database");
            let (prefix, _) = base.rsplit_once('/').expect("a URL with a database name");
            (DatabaseUrl::Postgres(format!("{prefix}/{name}")), None)
        }
        _ => {
            let dir = tempfile::tempdir().expect("temp dir");
            let path = dir.path().join("test.sqlite3");
            (
                DatabaseUrl::Sqlite(path.to_string_lossy().into_owned()),
                Some(dir),
            )
        }
    }
}

impl TestApp {
    /// A server over a fresh database holding the demo data.
    pub fn spawn() -> Self {
        let (url, dir) = fresh_database();
        let queries = dpiahub::store::connection::QueryCount::default();
        let pool = startup::open_database_counted(&url, queries.clone())
            .expect("open and migrate the test database");
        {
            let mut conn = pool.get().expect("connection");
            dpiahub::demo::load_if_empty_on(&mut conn, DEMO_PASSWORD, TODAY)
                .expect("load the demo")
                .expect("the fresh database was empty");
        }
        Self::serve(url, dir, pool, queries, TODAY)
    }

    /// Another server on this app's database, as a restart or a second process would be: its
    /// own pool and state (nothing in its memory), the checks evaluated on `today`.
    pub fn another_server(&self, today: chrono::NaiveDate) -> Self {
        let queries = dpiahub::store::connection::QueryCount::default();
        let pool = startup::open_database_counted(&self.url, queries.clone())
            .expect("open the test database again");
        Self::serve(self.url.clone(), None, pool, queries, today)
    }

    fn serve(
        url: DatabaseUrl,
        dir: Option<tempfile::TempDir>,
        pool: Pool,
        queries: dpiahub::store::connection::QueryCount,
        today: chrono::NaiveDate,
    ) -> Self {
        let mut state = startup::build_state(pool, url.backend_name(), JWT_SECRET).expect("state");
        // The checks depend on the day; the demo data is written for TODAY.
        Arc::get_mut(&mut state).expect("not shared yet").today = Some(today);
        let (tx, rx) = mpsc::channel();
        let server_state = state.clone();
        std::thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                // Exactly the App `dpiahub serve` runs: request ids, metrics, security headers.
                let server = actix_web::HttpServer::new(move || startup::app(server_state.clone()))
                    .workers(2)
                    .bind("127.0.0.1:0")
                    .expect("bind a free port");
                let addr = server.addrs()[0];
                let server = server.run();
                tx.send((addr, server.handle()))
                    .expect("report the address");
                server.await
            })
        });
        let (addr, server) = rx.recv().expect("server started");
        TestApp {
            base: format!("http://{addr}"),
            state,
            url,
            queries,
            _dir: dir,
            server,
        }
    }

    pub fn pool(&self) -> &Pool {
        &self.state.pool
    }

    /// SQL statements run through the server's pool so far.
    pub fn pool_queries(&self) -> u64 {
        self.queries.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// POSTs a raw body to /graphql; returns the status and the JSON answer.
    pub fn post_raw(&self, token: Option<&str>, body: &str) -> (u16, Value) {
        let mut req =
            ureq::post(&format!("{}/graphql", self.base)).set("content-type", "application/json");
        if let Some(token) = token {
            req = req.set("authorization", &format!("Bearer {token}"));
        }
        let response = match req.send_string(body) {
            Ok(r) => r,
            Err(ureq::Error::Status(_, r)) => r,
            Err(e) => panic!("transport error: {e}"),
        };
        let status = response.status();
        let text = response.into_string().expect("a body");
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    /// Runs one GraphQL operation; returns the whole response (`data` and `errors`).
    pub fn gql(&self, token: Option<&str>, query: &str, variables: Value) -> Value {
        let (status, body) = self.post_raw(
            token,
            &json!({ "query": query, "variables": variables }).to_string(),
        );
        assert_eq!(status, 200, "unexpected HTTP status for {query}: {body}");
        body
    }

    /// Runs an operation that must succeed; returns `data`.
    pub fn ok(&self, token: Option<&str>, query: &str, variables: Value) -> Value {
        let body = self.gql(token, query, variables);
        assert!(
            body.get("errors").is_none(),
            "unexpected errors for {query}: {body}"
        );
        body["data"].clone()
    }

    pub fn login(&self, email: &str) -> String {
        self.tokens(email).0
    }

    /// (access token, refresh token) of a demo account.
    pub fn tokens(&self, email: &str) -> (String, String) {
        let data = self.ok(
            None,
            "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken } }",
            json!({ "e": email, "p": DEMO_PASSWORD }),
        );
        (
            data["login"]["accessToken"]
                .as_str()
                .expect("token")
                .to_string(),
            data["login"]["refreshToken"]
                .as_str()
                .expect("token")
                .to_string(),
        )
    }

    /// A new controller (besides the demo's) with an admin and a DPO (EDITOR) account
    /// `admin@<name>.example` / `dpo@<name>.example`, sharing the demo password.
    pub fn new_controller(&self, name: &str) {
        let operator = self.login("operator@platform.example");
        self.ok(
            Some(&operator),
            "mutation($n: String!, $e: String!, $p: String!) { createOrganisation(input: { kind: CONTROLLER, name: $n, adminEmail: $e, adminDisplayName: \"Admin\", adminPassword: $p }) { id } }",
            json!({ "n": format!("{name} Kommune"), "e": format!("admin@{name}.example"), "p": DEMO_PASSWORD }),
        );
        let admin = self.login(&format!("admin@{name}.example"));
        self.ok(
            Some(&admin),
            "mutation($e: String!, $p: String!) { createUser(input: { email: $e, displayName: \"DPO\", role: EDITOR, password: $p }) { id } }",
            json!({ "e": format!("dpo@{name}.example"), "p": DEMO_PASSWORD }),
        );
    }

    /// Id of the demo organisation of a demo account.
    pub fn org_id_of(&self, email: &str) -> String {
        let token = self.login(email);
        let data = self.ok(Some(&token), "{ me { organisation { id } } }", json!({}));
        data["me"]["organisation"]["id"]
            .as_str()
            .expect("id")
            .to_string()
    }

    pub fn get(&self, path: &str) -> (u16, String) {
        match ureq::get(&format!("{}{path}", self.base)).call() {
            Ok(r) => (r.status(), r.into_string().expect("body")),
            Err(ureq::Error::Status(code, r)) => (code, r.into_string().unwrap_or_default()),
            Err(e) => panic!("transport error: {e}"),
        }
    }

    /// Number of audit entries across all organisations: a write leaves at least one.
    pub fn audit_count(&self) -> i64 {
        use diesel::prelude::*;
        use dpiahub::store::schema::audit_entries;
        let mut conn = self.pool().get().expect("connection");
        audit_entries::table
            .count()
            .get_result(&mut conn)
            .expect("count")
    }
}

/// The `extensions.code` of the first error of a response.
pub fn error_code(body: &Value) -> &str {
    body["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or("<no error>")
}
