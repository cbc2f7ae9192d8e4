//! Assembling the server: configuration → pool → migrations → demo → state → actix App.

use std::sync::Arc;

use std::time::{Duration, Instant};

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::{web, App, HttpServer};
use anyhow::Context as _;
use r2d2::ManageConnection;

use crate::auth::rate_limit::{Limits, SignInLimiter};
use crate::auth::token::{generate_secret, TokenKeys};
use crate::config::Config;
use crate::demo;
use crate::graphql;
use crate::http;
use crate::state::{
    AppState, LOGIN_MAX_FAILURES_PER_ACCOUNT,
    LOGIN_MAX_FAILURES_PER_ACCOUNT_FROM_UNKNOWN_ADDRESSES, LOGIN_MAX_FAILURES_PER_ADDRESS,
    LOGIN_WINDOW, TOKEN_AUDIENCE, TOKEN_ISSUER,
};
use crate::store::{connection, DatabaseUrl, StoreError};

/// How long a starting server waits for PostgreSQL (e.g. both booting on one machine).
pub const DATABASE_WAIT: Duration = Duration::from_secs(60);
/// Seconds requests in flight get to finish after SIGTERM before the workers are stopped.
pub const SHUTDOWN_GRACE_SECS: u64 = 30;

/// Opens the pool on `url` and applies pending migrations.
pub fn open_database(url: &DatabaseUrl) -> Result<connection::Pool, StoreError> {
    open_database_counted(url, connection::QueryCount::default())
}

/// As [`open_database`], counting the pool's SQL statements into `queries`.
pub fn open_database_counted(
    url: &DatabaseUrl,
    queries: connection::QueryCount,
) -> Result<connection::Pool, StoreError> {
    let size = match url {
        DatabaseUrl::Sqlite(_) => 8,
        DatabaseUrl::Postgres(_) => 16,
    };
    wait_for_database(url, &queries)?;
    let pool = connection::build_pool(url, size, queries)?;
    let mut conn = pool.get().map_err(|e| StoreError::Connect(e.to_string()))?;
    let applied = connection::run_migrations(&mut conn)?;
    if applied > 0 {
        tracing::info!(
            applied,
            backend = url.backend_name(),
            "database migrations applied"
        );
    }
    Ok(pool)
}

/// PostgreSQL may still be starting (a reboot, a container started at the same time): try
/// once per attempt, say so in one line per attempt, and give up after [`DATABASE_WAIT`].
/// Errors that waiting cannot cure (a wrong password, a missing database) end at once.
fn wait_for_database(
    url: &DatabaseUrl,
    queries: &connection::QueryCount,
) -> Result<(), StoreError> {
    if let DatabaseUrl::Sqlite(_) = url {
        return Ok(());
    }
    let manager = connection::ConnectionManager::new(url.clone(), queries.clone());
    let started = Instant::now();
    for attempt in 1.. {
        let error = match manager.connect() {
            Ok(_) => return Ok(()),
            Err(e) => e,
        };
        let message = error.to_string();
        let transient = [
            "Connection refused",
            "starting up",
            "shutting down",
            "timeout",
            "timed out",
            "could not translate host name",
            "No such file or directory",
            "Network is unreachable",
            "No route to host",
            "recovery mode",
        ]
        .iter()
        .any(|needle| message.contains(needle));
        if !transient || started.elapsed() >= DATABASE_WAIT {
            return Err(error);
        }
        let reason = message.rsplit(": ").next().unwrap_or(&message);
        let reason = reason.lines().next().unwrap_or(reason).trim();
        eprintln!(
            "waiting for PostgreSQL ({}), attempt {attempt}: {reason}; retrying in 2 s \
             (gives up after {} s)",
            match url {
                DatabaseUrl::Postgres(u) => connection::redact_password(u),
                DatabaseUrl::Sqlite(p) => p.clone(),
            },
            DATABASE_WAIT.as_secs()
        );
        std::thread::sleep(Duration::from_secs(2));
    }
    unreachable!("the loop returns")
}

/// A small pool on `url` without running migrations: for `verify`, which must see the
/// database as it is.
pub fn connect_as_is(url: &DatabaseUrl) -> Result<connection::Pool, StoreError> {
    let queries = connection::QueryCount::default();
    wait_for_database(url, &queries)?;
    connection::build_pool(url, 2, queries)
}

/// Everything the server shares between requests.
pub fn build_state(
    pool: connection::Pool,
    backend: &'static str,
    jwt_secret: &str,
) -> anyhow::Result<Arc<AppState>> {
    Ok(Arc::new(AppState {
        pool,
        backend,
        keys: TokenKeys::new(jwt_secret.as_bytes(), TOKEN_ISSUER, TOKEN_AUDIENCE)?,
        sign_in_limiter: SignInLimiter::new(Limits::new(
            LOGIN_MAX_FAILURES_PER_ACCOUNT,
            LOGIN_MAX_FAILURES_PER_ADDRESS,
            LOGIN_MAX_FAILURES_PER_ACCOUNT_FROM_UNKNOWN_ADDRESSES,
            LOGIN_WINDOW,
        )),
        schema: Arc::new(graphql::schema()),
        today: None,
        overview_cache: Default::default(),
        network: Default::default(),
    }))
}

/// Blocking threads per worker: as many as the pool has connections. Every request's work runs
/// on them and needs a connection, so more threads only wait, and each one keeps its own stack
/// and allocator arena (issue 14, finding 10: actix's default of 512 shared by the workers
/// let RSS grow with the number of clients; docs/SECURITY.md has the figures).
pub fn max_blocking_threads(state: &AppState) -> usize {
    usize::try_from(state.pool.max_size()).unwrap_or(8).max(2)
}

/// The routes and shared data of the App; tests mount exactly this.
pub fn configure(state: Arc<AppState>) -> impl FnOnce(&mut web::ServiceConfig) {
    move |cfg| {
        cfg.app_data(web::Data::new(state))
            // The web pages first: `/assessments/{id}/report` must not fall to the API's
            // `/assessments/{id}/{file}`.
            .configure(crate::web::configure)
            .configure(http::configure)
            .configure(crate::web::not_found_fallback);
    }
}

/// The whole application as the server runs it: [`configure`] inside the middleware that
/// gives every request its id, metrics and access log line (`http::observe`).
pub fn app(
    state: Arc<AppState>,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    crate::monitoring::handle();
    App::new()
        .wrap(actix_web::middleware::from_fn(http::security_headers))
        .wrap(actix_web::middleware::from_fn(http::observe::observe))
        .configure(configure(state))
}

/// Takes the listening socket, or says which variable names the address and what to do.
fn listen(bind: std::net::SocketAddr) -> anyhow::Result<std::net::TcpListener> {
    std::net::TcpListener::bind(bind).map_err(|e| {
        let hint = match e.kind() {
            std::io::ErrorKind::AddrInUse => {
                "another program (perhaps another dpiahub) listens there: stop it, or set \
                 DPIAHUB_BIND to a free port, e.g. DPIAHUB_BIND=127.0.0.1:8081"
            }
            std::io::ErrorKind::PermissionDenied => {
                "ports below 1024 need privileges: use a port above 1024 behind a reverse \
                 proxy (docs/OPERATIONS.md)"
            }
            std::io::ErrorKind::AddrNotAvailable => {
                "this machine has no such address: use one of its own, e.g. 127.0.0.1 or 0.0.0.0"
            }
            _ => "set DPIAHUB_BIND to another address and port",
        };
        anyhow::anyhow!("DPIAHUB_BIND={bind}: cannot listen on {bind}: {e}; {hint}")
    })
}

/// `dpiahub serve`: prepares the database and demo, prints how to sign in, serves until stopped.
pub async fn serve(config: Config) -> anyhow::Result<()> {
    // The port first: a taken port must stop us before a demo database and its one-time
    // password are created.
    let listener = listen(config.bind)?;
    let pool = open_database(&config.database)?;
    let secret = match &config.jwt_secret {
        Some(secret) => secret.clone(),
        None => {
            tracing::warn!(
                "DPIAHUB_JWT_SECRET is not set: demo mode generated a random signing secret; \
                 sessions end when the server restarts. Never run production like this."
            );
            generate_secret()
        }
    };
    let mut demo_password_note = None;
    if config.demo {
        let (password, generated) = match &config.demo_password {
            Some(p) => (p.clone(), false),
            None => (generate_secret()[..20].to_string(), true),
        };
        let mut conn = pool.get().map_err(|e| StoreError::Connect(e.to_string()))?;
        if let Some(logins) = demo::load_if_empty(&mut conn, &password)? {
            println!("Demo data loaded. Demo accounts (all share one password):");
            for login in &logins {
                println!(
                    "  {:<30} {:<10} {}",
                    login.email, login.role, login.organisation
                );
            }
            demo_password_note = Some(if generated {
                format!(
                    "  password: {password}   (random; set DPIAHUB_DEMO_PASSWORD to choose one)"
                )
            } else {
                "  password: the value of DPIAHUB_DEMO_PASSWORD".to_string()
            });
        } else {
            let start_over = match &config.database {
                DatabaseUrl::Sqlite(path) => format!(
                    "delete {path} (and {path}-wal, {path}-shm) while the server is stopped, \
                     then start it again"
                ),
                DatabaseUrl::Postgres(_) => {
                    "drop and create the database again, then start the server".to_string()
                }
            };
            println!(
                "The database already has data; the demo was not loaded again. Its accounts \
                 keep the password printed when it was loaded (or DPIAHUB_DEMO_PASSWORD as it \
                 was then). Lost it? To start over with a fresh demo: {start_over}."
            );
        }
    }
    if let Some(note) = demo_password_note {
        println!("{note}");
    }
    let mut state = build_state(pool, config.database.backend_name(), &secret)?;
    Arc::get_mut(&mut state)
        .expect("the state is not shared before the server starts")
        .network = config.network.clone();
    let blocking_threads = max_blocking_threads(&state);
    // SIGTERM (systemd, docker stop): stop accepting, let requests in flight finish (their
    // writes commit before the answer is sent), then exit. SIGINT/SIGQUIT stop at once.
    let server = HttpServer::new(move || app(state.clone()))
        .worker_max_blocking_threads(blocking_threads)
        .shutdown_timeout(SHUTDOWN_GRACE_SECS)
        .listen(listener)
        .with_context(|| format!("DPIAHUB_BIND={}: cannot serve", config.bind))?;
    for addr in server.addrs() {
        println!(
            "DPIA Hub is running on {} ({}):",
            addr,
            config.database.backend_name()
        );
        println!("  Web:      http://{addr}/");
        println!("  GraphiQL: http://{addr}/graphiql");
        println!("  GraphQL:  POST http://{addr}/graphql");
        println!("  Health:   http://{addr}/health");
    }
    server.run().await?;
    tracing::info!("stopped: no new connections were accepted, requests in flight were answered");
    Ok(())
}
