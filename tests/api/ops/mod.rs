//! Operations (issue 17): the real `dpiahub` binary as an IT department runs it, started and
//! stopped by the tests, on SQLite or (with `DPIAHUB_TEST_POSTGRES_URL`) PostgreSQL.

mod backup;
mod errors;
mod monitoring;
mod oidc;
mod oidc_totp;
mod processes;
mod proxy;
mod rehearsal;
mod shutdown;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::helpers::{DEMO_PASSWORD, JWT_SECRET};

pub const BINARY: &str = env!("CARGO_BIN_EXE_dpiahub");

/// A working directory and a database for one test's servers. SQLite: a file in the
/// directory; PostgreSQL: a fresh database on the test server.
pub struct Site {
    pub dir: tempfile::TempDir,
    pub database_url: String,
}

impl Site {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let database_url = match postgres_base() {
            Some(base) => create_postgres_database(&base),
            None => dir
                .path()
                .join("hub.sqlite3")
                .to_string_lossy()
                .into_owned(),
        };
        Self { dir, database_url }
    }

    pub fn is_postgres(&self) -> bool {
        self.database_url.starts_with("postgres")
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `dpiahub ARGS` in the site's directory with the site's database and the demo settings,
    /// nothing inherited from the caller but PATH.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(BINARY);
        cmd.args(args)
            .current_dir(self.path())
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("DATABASE_URL", &self.database_url)
            .env("DPIAHUB_JWT_SECRET", JWT_SECRET)
            .env("DPIAHUB_DEMO", "1")
            .env("DPIAHUB_DEMO_PASSWORD", DEMO_PASSWORD)
            .env("DPIAHUB_BIND", "127.0.0.1:0")
            .env("RUST_LOG", "info");
        cmd
    }

    /// Runs a command to its end; (status, stdout, stderr).
    pub fn run(&self, args: &[&str], extra_env: &[(&str, &str)]) -> (ExitStatus, String, String) {
        let mut cmd = self.command(args);
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        let out = cmd.output().expect("run dpiahub");
        (
            out.status,
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// Starts `dpiahub serve` and waits until it prints its address.
    pub fn serve(&self, extra_env: &[(&str, &str)]) -> Server {
        let mut cmd = self.command(&["serve"]);
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        Server::start(cmd, self.path())
    }
}

pub fn postgres_base() -> Option<String> {
    std::env::var("DPIAHUB_TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
}

pub fn create_postgres_database(base: &str) -> String {
    use diesel::connection::SimpleConnection;
    use diesel::Connection;
    let name = format!("dpiahub_ops_{}", uuid::Uuid::new_v4().simple());
    let mut admin = diesel::pg::PgConnection::establish(base)
        .expect("DPIAHUB_TEST_POSTGRES_URL must reach a PostgreSQL server");
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .expect("create a test database");
    let (prefix, _) = base.rsplit_once('/').expect("a URL with a database name");
    format!("{prefix}/{name}")
}

/// A running `dpiahub serve`; killed when dropped if a test did not stop it.
pub struct Server {
    child: Option<Child>,
    pub base: String,
    pub addr: std::net::SocketAddr,
    stdout: PathBuf,
    stderr: PathBuf,
}

static SERVER_COUNT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

impl Server {
    fn start(mut cmd: Command, dir: &Path) -> Self {
        let n = SERVER_COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let stdout = dir.join(format!("server-{n}.out"));
        let stderr = dir.join(format!("server-{n}.err"));
        cmd.stdin(Stdio::null())
            .stdout(std::fs::File::create(&stdout).expect("stdout file"))
            .stderr(std::fs::File::create(&stderr).expect("stderr file"));
        let mut child = cmd.spawn().expect("start dpiahub serve");
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            let text = std::fs::read_to_string(&stdout).unwrap_or_default();
            if let Some(addr) = text
                .lines()
                .find_map(|l| l.strip_prefix("DPIA Hub is running on "))
                .and_then(|rest| rest.split_whitespace().next())
                .and_then(|a| a.parse::<std::net::SocketAddr>().ok())
            {
                return Server {
                    child: Some(child),
                    base: format!("http://{addr}"),
                    addr,
                    stdout,
                    stderr,
                };
            }
            if let Some(status) = child.try_wait().expect("poll the server") {
                panic!(
                    "dpiahub serve exited with {status} before it listened.\nstdout:\n{text}\nstderr:\n{}",
                    std::fs::read_to_string(&stderr).unwrap_or_default()
                );
            }
            assert!(
                Instant::now() < deadline,
                "dpiahub serve did not start in time"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.as_ref().expect("running").id()
    }

    pub fn stdout(&self) -> String {
        std::fs::read_to_string(&self.stdout).unwrap_or_default()
    }

    pub fn stderr(&self) -> String {
        std::fs::read_to_string(&self.stderr).unwrap_or_default()
    }

    /// Sends SIGTERM (what systemd and `docker stop` send).
    pub fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.pid().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -TERM failed");
    }

    /// Sends SIGTERM while `writers` go on writing, waits up to `limit` for the process to
    /// end, joins the writers and asserts the exit was clean.
    pub fn terminate_under_load(
        &mut self,
        writers: Vec<std::thread::JoinHandle<()>>,
        limit: Duration,
    ) {
        self.terminate();
        let status = self.wait(limit);
        for writer in writers {
            writer.join().expect("a writer");
        }
        assert!(
            status.success(),
            "a clean exit after SIGTERM: {status}; {}",
            self.stderr()
        );
    }

    /// Waits for the process to end on its own.
    pub fn wait(&mut self, limit: Duration) -> ExitStatus {
        let child = self.child.as_mut().expect("running");
        let deadline = Instant::now() + limit;
        loop {
            if let Some(status) = child.try_wait().expect("poll the server") {
                self.child = None;
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "dpiahub did not exit within {limit:?}; stderr:\n{}",
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// SIGTERM, then waits for a clean exit.
    pub fn stop(&mut self) -> ExitStatus {
        self.terminate();
        self.wait(Duration::from_secs(60))
    }

    pub fn agent(&self) -> ureq::Agent {
        ureq::AgentBuilder::new()
            .timeout(Duration::from_secs(60))
            .build()
    }

    /// GET `path`; (status, headers of interest, body).
    pub fn get(&self, path: &str) -> (u16, Option<String>, String) {
        let response = match self.agent().get(&format!("{}{path}", self.base)).call() {
            Ok(r) => r,
            Err(ureq::Error::Status(_, r)) => r,
            Err(e) => panic!("transport error: {e}"),
        };
        let id = response.header("x-request-id").map(str::to_string);
        (
            response.status(),
            id,
            response.into_string().unwrap_or_default(),
        )
    }

    /// One GraphQL operation; the whole answer.
    pub fn gql(&self, token: Option<&str>, query: &str, variables: Value) -> Value {
        gql_on(&self.agent(), &self.base, token, query, variables)
    }

    pub fn login(&self, email: &str) -> String {
        let body = self.gql(
            None,
            "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }",
            json!({ "e": email, "p": DEMO_PASSWORD }),
        );
        body["data"]["login"]["accessToken"]
            .as_str()
            .unwrap_or_else(|| panic!("login of {email} failed: {body}"))
            .to_string()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(child) = self.child.as_mut() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// POSTs one GraphQL operation with `agent` to `base`.
pub fn gql_on(
    agent: &ureq::Agent,
    base: &str,
    token: Option<&str>,
    query: &str,
    variables: Value,
) -> Value {
    let mut req = agent
        .post(&format!("{base}/graphql"))
        .set("content-type", "application/json");
    if let Some(token) = token {
        req = req.set("authorization", &format!("Bearer {token}"));
    }
    let response =
        match req.send_string(&json!({ "query": query, "variables": variables }).to_string()) {
            Ok(r) => r,
            Err(ureq::Error::Status(_, r)) => r,
            Err(e) => panic!("transport error: {e}"),
        };
    let mut text = String::new();
    response
        .into_reader()
        .read_to_string(&mut text)
        .expect("a body");
    serde_json::from_str(&text).unwrap_or(Value::String(text))
}

/// Creates a user through `createUser` as `admin_token`'s organisation; the write the
/// durability tests count. Returns the e-mail when the server acknowledged it.
pub const CREATE_USER: &str = "mutation($e: String!, $p: String!) { createUser(input: { email: $e, displayName: \"Load test\", role: VIEWER, password: $p }) { id } }";

/// Asserts that every account e-mail in `written` is in the database at `database_url`;
/// `what` names those writes in the failure message.
pub fn assert_all_stored(written: &[String], database_url: &str, what: &str) {
    let stored = emails_in(database_url);
    let missing: Vec<&String> = written.iter().filter(|e| !stored.contains(*e)).collect();
    assert!(
        missing.is_empty(),
        "{} of {} {what} are missing: {missing:?}",
        missing.len(),
        written.len()
    );
}

/// The e-mails of all users in the database at `url` (read directly, not through a server).
pub fn emails_in(database_url: &str) -> std::collections::HashSet<String> {
    use diesel::prelude::*;
    use dpiahub::store::schema::users;
    let url = dpiahub::store::DatabaseUrl::parse(database_url).expect("a database URL");
    let pool = dpiahub::store::connection::build_pool(&url, 1, Default::default())
        .expect("open the database");
    let mut conn = pool.get().expect("a connection");
    users::table
        .select(users::email)
        .load::<String>(&mut conn)
        .expect("read users")
        .into_iter()
        .collect()
}

/// The audit entries with `action` in the database at `url`, oldest first: (actor's e-mail,
/// the entry's `after` JSON).
pub fn audit_entries(database_url: &str, action: &str) -> Vec<(String, Value)> {
    use diesel::prelude::*;
    use dpiahub::store::schema::audit_entries;
    let url = dpiahub::store::DatabaseUrl::parse(database_url).expect("a database URL");
    let pool = dpiahub::store::connection::build_pool(&url, 1, Default::default())
        .expect("open the database");
    let mut conn = pool.get().expect("a connection");
    audit_entries::table
        .filter(audit_entries::action.eq(action))
        .order((audit_entries::at.asc(), audit_entries::seq.asc()))
        .select((audit_entries::actor_email, audit_entries::after_json))
        .load::<(String, Option<String>)>(&mut conn)
        .expect("read the audit trail")
        .into_iter()
        .map(|(email, after)| {
            let after = after
                .map(|a| serde_json::from_str(&a).expect("after is JSON"))
                .unwrap_or(Value::Null);
            (email, after)
        })
        .collect()
}
