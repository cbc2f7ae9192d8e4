//! Assembling the server: configuration → pool → migrations → demo → state → actix App.

use std::sync::Arc;

use actix_web::{web, App, HttpServer};

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

/// `dpiahub serve`: prepares the database and demo, prints how to sign in, serves until stopped.
pub async fn serve(config: Config) -> anyhow::Result<()> {
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
            println!("The database already has data; the demo was not loaded again.");
        }
    }
    if let Some(note) = demo_password_note {
        println!("{note}");
    }
    let state = build_state(pool, config.database.backend_name(), &secret)?;
    let bind = config.bind;
    let blocking_threads = max_blocking_threads(&state);
    let server = HttpServer::new(move || {
        App::new()
            .wrap(actix_web::middleware::from_fn(http::security_headers))
            .configure(configure(state.clone()))
    })
    .worker_max_blocking_threads(blocking_threads)
    .bind(bind)?;
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
    Ok(())
}
