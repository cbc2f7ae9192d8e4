//! `dpiahub bench`: the SPEC §9 benchmark. Generates the national data set into a fresh
//! database (through `generate-national`, in a child process so its memory is not counted),
//! starts the real server in this process on a loopback port, drives it over keep-alive
//! HTTP/1.1 at fixed concurrency, and prints a table and one JSON line.
//!
//! docs/PERFORMANCE.md explains each figure, the floor and how to reproduce a run.

pub mod client;
pub mod database;
pub mod load;
pub mod queries;
pub mod report;
pub mod server;
pub mod web;

use std::net::SocketAddr;
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};
use serde_json::{json, Value};

use crate::auth::token::generate_secret;
use crate::national;
use crate::startup;
use client::{Connection, Request};
use database::{Backend, FreshDatabase};
use load::Sample;
use report::BenchReport;
use server::{BenchServer, FLOOR_PATH};

/// What to run.
#[derive(Clone, Debug)]
pub struct BenchOptions {
    pub backend: Backend,
    /// For PostgreSQL: a URL on the server to create the benchmark database on.
    pub server_url: Option<String>,
    pub controllers: usize,
    pub seed: u64,
    /// How long each scenario runs.
    pub duration: Duration,
}

/// Concurrency of the throughput figure (SPEC §9: 8 concurrent clients).
const CLIENTS: usize = 8;

/// Runs the whole benchmark on one backend.
pub fn run(options: &BenchOptions) -> anyhow::Result<BenchReport> {
    let database = FreshDatabase::create(options.backend, options.server_url.as_deref())?;
    let password = generate_secret()[..24].to_string();
    let generation_secs = generate(&database, options, &password)?;
    let database_mb = database.size_mb()?;
    let durability = database.durability()?;
    if let Some(d) = durability.as_ref().filter(|d| !d.is_durable()) {
        eprintln!(
            "warning: PostgreSQL runs with fsync={}, synchronous_commit={}, full_page_writes={}: \
             its write figures are flattered (DPIAHUB_CI_PG_DURABLE=1 bash .ci/with-postgres …)",
            d.fsync, d.synchronous_commit, d.full_page_writes
        );
    }

    // The server measured below then starts as after a restart: the summaries are stored.
    let overview_first = first_overview_in_child(&database, options, &password)?;

    let pool = startup::open_database(&database.url)?;
    let state = startup::build_state(pool, options.backend.name(), &generate_secret())?;
    let server = BenchServer::start(state)?;
    let report = measure(&server, options, &password, generation_secs);
    drop(server);
    drop(database);
    report.map(|mut report| {
        report.overview_first = overview_first;
        report.database_mb = database_mb;
        report.pg_durable = durability.as_ref().map(|d| d.is_durable());
        report
    })
}

/// Runs `generate-national` of this very binary on the fresh database; returns its seconds.
fn generate(
    database: &FreshDatabase,
    options: &BenchOptions,
    password: &str,
) -> anyhow::Result<f64> {
    let started = Instant::now();
    let status = Command::new(std::env::current_exe().context("locating this binary")?)
        .args(["generate-national", "--seed", &options.seed.to_string()])
        .args(["--controllers", &options.controllers.to_string()])
        .env("DATABASE_URL", database.env_url())
        .env("DPIAHUB_DEMO_PASSWORD", password)
        .env("RUST_LOG", "warn")
        .status()
        .context("starting generate-national")?;
    if !status.success() {
        bail!("generate-national failed ({status})");
    }
    Ok(started.elapsed().as_secs_f64())
}

/// The first overview the generated database answers, served by a process of its own
/// (`dpiahub bench-first-overview`, as the server before a restart): every adopter summarised
/// and the summaries stored. Its own process, so nothing it parsed or cached in memory helps
/// the server measured afterwards.
fn first_overview_in_child(
    database: &FreshDatabase,
    options: &BenchOptions,
    password: &str,
) -> anyhow::Result<Duration> {
    let output = Command::new(std::env::current_exe().context("locating this binary")?)
        .args(["bench-first-overview", "--controllers"])
        .arg(options.controllers.to_string())
        .env("DATABASE_URL", database.env_url())
        .env("DPIAHUB_DEMO_PASSWORD", password)
        .env("RUST_LOG", "warn")
        .stderr(std::process::Stdio::inherit())
        .output()
        .context("starting bench-first-overview")?;
    if !output.status.success() {
        bail!("bench-first-overview failed ({})", output.status);
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let ms: f64 = text
        .trim()
        .parse()
        .with_context(|| format!("bench-first-overview printed {text:?}"))?;
    Ok(Duration::from_secs_f64(ms / 1_000.0))
}

/// `dpiahub bench-first-overview`: starts the server on `url` (the generated data set), signs
/// the authority in and times its overview, the first request of the process.
pub fn first_overview(url: &str, password: &str, controllers: usize) -> anyhow::Result<Duration> {
    let url = crate::store::DatabaseUrl::parse(url).map_err(anyhow::Error::msg)?;
    let pool = startup::open_database(&url)?;
    let state = startup::build_state(pool, url.backend_name(), &generate_secret())?;
    let server = BenchServer::start(state)?;
    let authority = login(server.addr, national::AUTHORITY_EMAIL, password)?;
    time_overview(server.addr, &authority, &overview_body(controllers))
}

fn overview_body(controllers: usize) -> String {
    json!({ "query": queries::OVERVIEW, "variables": {
        "key": national::template::TEMPLATE_KEY,
        "first": controllers.clamp(1, 200),
    } })
    .to_string()
}

/// One overview request on a fresh connection, timed.
fn time_overview(addr: SocketAddr, authority: &str, body: &str) -> anyhow::Result<Duration> {
    let request = Request::post_json(addr, "/graphql", Some(authority), body);
    let mut connection = Connection::open(addr)?;
    let sent = Instant::now();
    checked(connection.send(&request)?.body)?;
    Ok(sent.elapsed())
}

fn measure(
    server: &BenchServer,
    options: &BenchOptions,
    password: &str,
    generation_secs: f64,
) -> anyhow::Result<BenchReport> {
    let addr = server.addr;
    let controller = login(addr, &national::controller_email(1), password)?;
    let authority = login(addr, national::AUTHORITY_EMAIL, password)?;
    let own = graphql(addr, Some(&controller), queries::OWN_ASSESSMENTS, json!({}))?;
    let id = own["assessments"]["edges"][0]["node"]["id"]
        .as_str()
        .context("controller 1 has no assessment")?
        .to_string();
    let mut version = own["assessments"]["edges"][0]["node"]["version"]
        .as_i64()
        .context("the assessment has no version")?;
    let duration = options.duration;

    // The first overview after the server started (a restart: the summaries the first
    // overview stored are in the database).
    let overview_body = overview_body(options.controllers);
    let overview_cold = time_overview(addr, &authority, &overview_body)?;

    // The effective assessment, and the floor serving its very bytes.
    let effective_body =
        json!({ "query": queries::EFFECTIVE, "variables": { "id": id } }).to_string();
    let effective = Request::post_json(addr, "/graphql", Some(&controller), &effective_body);
    let captured = checked(Connection::open(addr)?.send(&effective)?.body)?;
    let effective_json: Value = serde_json::from_slice(&captured)?;
    server.floor.set(captured);
    let floor = Request::post_json(addr, FLOOR_PATH, Some(&controller), &effective_body);
    load::run(
        addr,
        &effective,
        CLIENTS,
        duration.min(Duration::from_millis(500)),
    )?; // warm-up
    let mut rss = vec![("server started", resident_mb()?)];
    let effective_1 = load::run(addr, &effective, 1, duration)?;
    let effective_8 = load::run(addr, &effective, CLIENTS, duration)?;
    rss.push(("effective", resident_mb()?));
    let effective_many = load::run(addr, &effective, report::MANY_CLIENTS, duration)?;
    let rss_after_many_mb = resident_mb()?;
    rss.push(("effective at 128 clients", rss_after_many_mb));
    let floor_1 = load::run(addr, &floor, 1, duration)?;
    let floor_8 = load::run(addr, &floor, CLIENTS, duration)?;

    let on_assessment = |selection: &str| {
        let query = format!("query Q($id: ID!) {{ assessment(id: $id) {{ {selection} }} }}");
        json!({ "query": query, "variables": { "id": id } }).to_string()
    };
    rss.push(("floor", resident_mb()?));
    let diff = optional_scenario(
        addr,
        &controller,
        "diffAgainstBase",
        &on_assessment(queries::DIFF_SELECTION),
        duration,
    )?;
    let checks = optional_scenario(
        addr,
        &controller,
        "findings",
        &on_assessment(queries::FINDINGS_SELECTION),
        duration,
    )?;
    // The same content as one pre-serialised JSON scalar: what the typed selection costs
    // in the GraphQL executor, read as the difference.
    let effective_scalar = optional_scenario(
        addr,
        &controller,
        "effectiveJson",
        &on_assessment("effectiveJson"),
        duration,
    )?;
    rss.push(("diff and checks", resident_mb()?));
    let overview = optional_scenario(
        addr,
        &authority,
        "adopterOverview",
        &overview_body,
        duration,
    )?;

    rss.push(("overview", resident_mb()?));
    let pages = measure_pages(addr, password, &id, duration)?;
    rss.push(("web pages", resident_mb()?));
    let (risk_key, values) = override_target(&effective_json)?;
    let mut latencies = Vec::new();
    let started = Instant::now();
    let mut connection = Connection::open(addr)?;
    while started.elapsed() < duration || latencies.is_empty() {
        let value = values[latencies.len() % 2];
        let body = json!({
            "query": queries::SET_OVERRIDE,
            "variables": { "id": id, "version": version, "key": risk_key, "value": value },
        })
        .to_string();
        let request = Request::post_json(addr, "/graphql", Some(&controller), &body);
        let sent = Instant::now();
        let response = connection.send(&request)?;
        latencies.push(sent.elapsed());
        let answer: Value = serde_json::from_slice(&checked(response.body)?)?;
        version = answer["data"]["applyAssessmentCommands"]["version"]
            .as_i64()
            .with_context(|| format!("the override was refused: {answer}"))?;
    }
    let override_write = Sample::from_latencies(latencies, started.elapsed(), 0);

    Ok(BenchReport {
        backend: options.backend.name(),
        controllers: options.controllers,
        generation_secs,
        effective_1,
        effective_8,
        floor_1,
        floor_8,
        effective_scalar,
        diff,
        checks,
        overview,
        overview_cold,
        pages,
        override_write,
        effective_many,
        rss_after_many_mb,
        rss_mb: resident_mb()?,
        rss_timeline: rss,
        ..BenchReport::default()
    })
}

/// Every page of [`web::PAGES`], signed in through the web form as whom it names; a page
/// that answers 404 is not served by this build yet (`None`).
fn measure_pages(
    addr: SocketAddr,
    password: &str,
    assessment_id: &str,
    duration: Duration,
) -> anyhow::Result<Vec<(web::Page, Option<Sample>)>> {
    let mut cookies: Vec<(web::Who, String)> = Vec::new();
    let mut measured = Vec::new();
    for page in web::PAGES {
        let cookie = match cookies.iter().find(|(who, _)| *who == page.who) {
            Some((_, cookie)) => cookie.clone(),
            None => {
                let email = match page.who {
                    web::Who::Controller => national::controller_email(1),
                    web::Who::Authority => national::AUTHORITY_EMAIL.to_string(),
                    web::Who::CentralBody => national::CENTRAL_EDITOR_EMAIL.to_string(),
                };
                let cookie = web::sign_in(addr, &email, password)?;
                cookies.push((page.who, cookie.clone()));
                cookie
            }
        };
        let path = page.path_for(assessment_id, national::template::TEMPLATE_KEY);
        let request = Request::get(addr, &path, Some(&cookie));
        let first = Connection::open(addr)?.send(&request)?;
        let sample = match first.status {
            200 => Some(load::run(addr, &request, 1, duration)?),
            404 => None,
            status => bail!(
                "{path} answered HTTP {status}: {}",
                String::from_utf8_lossy(&first.body)
            ),
        };
        measured.push((*page, sample));
    }
    Ok(measured)
}

/// Runs a single-client scenario if the served schema has `field` (it lands in stages).
fn optional_scenario(
    addr: SocketAddr,
    token: &str,
    field: &str,
    body: &str,
    duration: Duration,
) -> anyhow::Result<Option<Sample>> {
    if !crate::graphql::schema_sdl().contains(&format!("  {field}")) {
        return Ok(None);
    }
    let request = Request::post_json(addr, "/graphql", Some(token), body);
    checked(Connection::open(addr)?.send(&request)?.body)?;
    Ok(Some(load::run(addr, &request, 1, duration)?))
}

/// A risk whose likelihood can be raised and lowered again by the benchmark without breaking
/// a write rule: inherited, rated 1 or 2 centrally, with a treatment and a measure in force
/// (so a residual below the raised inherent level stays justified). Returns the key and the
/// two values the write alternates between.
fn override_target(effective: &Value) -> anyhow::Result<(String, [u64; 2])> {
    let risks = effective["data"]["assessment"]["risks"]
        .as_array()
        .context("the effective assessment has no risks")?;
    for risk in risks {
        let likelihood = &risk["inherentLikelihood"];
        let central = likelihood["value"].as_u64().unwrap_or(0);
        let in_force = risk["measures"]
            .as_array()
            .is_some_and(|m| m.iter().any(|m| m["status"] != "RETIRED"));
        if likelihood["provenance"] == "INHERITED"
            && (1..=2).contains(&central)
            && !risk["treatment"].is_null()
            && in_force
        {
            let key = risk["key"].as_str().unwrap_or_default().to_string();
            return Ok((key, [central + 1, central + 2]));
        }
    }
    bail!("no risk in the generated assessment suits the override benchmark")
}

/// Signs in; returns the access token.
fn login(addr: SocketAddr, email: &str, password: &str) -> anyhow::Result<String> {
    let data = graphql(
        addr,
        None,
        queries::LOGIN,
        json!({ "email": email, "password": password }),
    )?;
    Ok(data["login"]["accessToken"]
        .as_str()
        .with_context(|| format!("login of {email} returned no token"))?
        .to_string())
}

/// One GraphQL operation that must succeed; returns `data`.
fn graphql(
    addr: SocketAddr,
    token: Option<&str>,
    query: &str,
    variables: Value,
) -> anyhow::Result<Value> {
    let body = json!({ "query": query, "variables": variables }).to_string();
    let response =
        Connection::open(addr)?.send(&Request::post_json(addr, "/graphql", token, &body))?;
    let answer: Value = serde_json::from_slice(&checked(response.body)?)?;
    Ok(answer["data"].clone())
}

/// A response body without GraphQL errors, or the errors as the failure.
fn checked(body: Vec<u8>) -> anyhow::Result<Vec<u8>> {
    let answer: Value = serde_json::from_slice(&body)
        .with_context(|| format!("not JSON: {}", String::from_utf8_lossy(&body)))?;
    if let Some(errors) = answer.get("errors") {
        bail!("the server answered with errors: {errors}");
    }
    Ok(body)
}

/// Resident memory of this process (server, pool and load generator together), from
/// /proc/self/status — Linux only.
fn resident_mb() -> anyhow::Result<f64> {
    let status =
        std::fs::read_to_string("/proc/self/status").context("reading /proc/self/status")?;
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .context("no VmRSS in /proc/self/status")?;
    Ok(kb / 1024.0)
}
