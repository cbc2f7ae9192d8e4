//! Assembling the server: configuration → pool → migrations → demo → state → actix App.

use std::sync::Arc;

use actix_web::{web, App, HttpServer};

use crate::auth::rate_limit::LoginLimiter;
use crate::auth::token::{generate_secret, TokenKeys};
use crate::config::Config;
use crate::demo;
use crate::graphql;
use crate::http;
use crate::state::{
    AppState, LOGIN_MAX_FAILURES_PER_ACCOUNT, LOGIN_MAX_FAILURES_PER_ADDRESS, LOGIN_WINDOW,
    TOKEN_AUDIENCE, TOKEN_ISSUER,
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
        account_limiter: LoginLimiter::new(LOGIN_MAX_FAILURES_PER_ACCOUNT, LOGIN_WINDOW),
        address_limiter: LoginLimiter::new(LOGIN_MAX_FAILURES_PER_ADDRESS, LOGIN_WINDOW),
        schema: Arc::new(graphql::schema()),
        today: None,
        overview_cache: Default::default(),
    }))
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
    // Notices from dates, and their e-mail when DPIAHUB_SMTP_URL is set (issue 16).
    crate::notify::spawn(
        state.pool.clone(),
        state.today,
        config.smtp.as_ref(),
        Default::default(),
    )?;
    let bind = config.bind;
    let server =
        HttpServer::new(move || App::new().configure(configure(state.clone()))).bind(bind)?;
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
