//! The `dpiahub` command (SPEC §10).

use std::io::{IsTerminal, Read};

use anyhow::{bail, Context as _};
use clap::{Parser, Subcommand};

use dpiahub::auth::password;
use dpiahub::config::{Config, LogFormat, ENVIRONMENT_HELP};
use dpiahub::{backup, bench, bootstrap, cli, national, startup};

#[derive(Parser)]
#[command(
    name = "dpiahub",
    version,
    about = "DPIA Hub: shared DPIAs, inherited and reviewed",
    after_help = ENVIRONMENT_HELP
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API (the default): migrations, demo data when configured, then HTTP.
    /// SIGTERM stops it gracefully: requests in flight finish, then it exits.
    #[command(after_help = ENVIRONMENT_HELP)]
    Serve,
    /// Copy the SQLite database (DATABASE_URL) into FILE while the server runs: one
    /// consistent moment, checked before it is given its name. For PostgreSQL it prints the
    /// pg_dump/pg_restore commands to use instead.
    Backup {
        /// The backup file to create (must not exist).
        file: std::path::PathBuf,
    },
    /// Check a database (DATABASE_URL) without changing it, e.g. after a restore: the schema
    /// version against this binary, and every organisation's audit chain. Exit status 1 when
    /// anything is wrong.
    Verify,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Create a platform operator account. The password is read from stdin (or prompted for),
    /// never from the command line, where other users could see it.
    CreateOperator {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "Platform operator")]
        name: String,
    },
    /// Write one template version as an interchange document (docs/template-format.md).
    ExportTemplate {
        /// Template key, e.g. `school-platform`.
        #[arg(long)]
        key: String,
        #[arg(long)]
        version: i32,
        /// Whose rights apply (drafts are visible to their owner's users only).
        #[arg(long = "as", value_name = "EMAIL")]
        as_user: String,
        /// File to write; standard output when absent.
        #[arg(long)]
        output: Option<std::path::PathBuf>,
    },
    /// Import an interchange document as a new draft, as a central body's editor.
    ImportTemplate {
        /// The document; `-` reads standard input.
        file: std::path::PathBuf,
        /// The central body editor importing it (recorded in the audit trail).
        #[arg(long = "as", value_name = "EMAIL")]
        as_user: String,
    },
    /// Print the served GraphQL schema (what `schema.graphql` must contain).
    PrintSchema,
    /// Build the national data set of SPEC §9 into an empty database (DATABASE_URL), through
    /// the normal audited write path. Every account's password is DPIAHUB_DEMO_PASSWORD, or a
    /// random one that is printed.
    GenerateNational {
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, default_value_t = 98)]
        controllers: usize,
        #[arg(long, default_value_t = 300)]
        risks: usize,
        #[arg(long, default_value_t = 60)]
        recommendations: usize,
    },
    /// Run the SPEC §9 benchmark (build with --release): a fresh database with the national
    /// data set, the server on loopback, a fixed-concurrency load; a table, then one JSON line.
    Bench {
        #[arg(long, default_value_t = 98)]
        controllers: usize,
        /// Seconds each scenario runs.
        #[arg(long, default_value_t = 5)]
        duration_secs: u64,
        /// `sqlite` or `postgres`; default: postgres when DATABASE_URL is a postgres:// URL
        /// (the benchmark database is created on that server and dropped afterwards).
        #[arg(long)]
        backend: Option<String>,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Part of `bench`: the first overview of the generated database (DATABASE_URL,
    /// DPIAHUB_DEMO_PASSWORD) in a process of its own; prints its milliseconds.
    #[command(hide = true)]
    BenchFirstOverview {
        #[arg(long, default_value_t = 98)]
        controllers: usize,
    },
}

/// Fixes glibc's mmap and trim thresholds. By default glibc raises its mmap threshold to the
/// size of the largest block freed so far (up to 32 MiB), so after one password check (argon2
/// works in 19 MiB, `auth::password`) every later block of that size is carved from one of the
/// threads' arenas, and freed arena memory stays in the process: the benchmark's server grew
/// by 60 MB over three sign-ins and ended at 151 MB. With the thresholds fixed at 16 and 32
/// MiB it ends at 89 MB at the same speed (docs/PERFORMANCE.md, "Memory"): argon2's blocks
/// are mapped and unmapped, everything smaller (answers, pages) stays in the arenas. Lower
/// thresholds (128 KiB, 4 MiB) were measured too and cost throughput or latency.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn tune_allocator() {
    const MMAP_THRESHOLD: libc::c_int = 16 << 20;
    const TRIM_THRESHOLD: libc::c_int = 32 << 20;
    // SAFETY: mallopt only sets allocator parameters; it runs first in `main`, before any
    // other thread exists, and a refused value (return 0) leaves glibc's default in place.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
        libc::mallopt(libc::M_TRIM_THRESHOLD, TRIM_THRESHOLD);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn tune_allocator() {}

fn main() -> std::process::ExitCode {
    tune_allocator();
    let cli = Cli::parse();
    let outcome = init_logging()
        .map_err(anyhow::Error::from)
        .and_then(|()| run(cli));
    match outcome {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            // The chain of causes in one line: a person reads it, not a backtrace.
            eprintln!("error: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Logs go to standard error (standard output carries the URL and the demo logins), without
/// colour codes unless it is a terminal; `DPIAHUB_LOG_FORMAT=json` writes one JSON object per
/// line, with the request id of the `request` span in each line written during a request.
fn init_logging() -> Result<(), dpiahub::config::ConfigError> {
    let format = LogFormat::from_env()?;
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| "info,actix_server=warn,actix_server::server=info".into());
    let ansi = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(ansi);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(false)
            .init(),
    }
    Ok(())
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let config = Config::from_env()?;
            actix_web::rt::System::new().block_on(startup::serve(config))
        }
        Command::Migrate => {
            let database = Config::database_from_env()?;
            startup::open_database(&database)?;
            println!("migrations applied ({})", database.backend_name());
            Ok(())
        }
        Command::CreateOperator { email, name } => {
            let pool = startup::open_database(&Config::database_from_env()?)?;
            let plain = read_password()?;
            password::check_password_policy(&plain)
                .map_err(|e| anyhow::anyhow!("password: {e}"))?;
            let hash = password::hash_password(&plain).map_err(|e| anyhow::anyhow!("{e}"))?;
            let mut conn = pool.get().context("database connection")?;
            let operator = bootstrap::create_operator(&mut conn, &email, &name, hash)
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("operator {} created", operator.email);
            Ok(())
        }
        Command::ExportTemplate {
            key,
            version,
            as_user,
            output,
        } => {
            let config = Config::from_env()?;
            let pool = startup::open_database(&config.database)?;
            let mut conn = pool.get().context("database connection")?;
            let document = cli::export_template(&mut conn, &as_user, &key, version)?;
            match output {
                Some(path) => std::fs::write(&path, document)
                    .with_context(|| format!("writing {}", path.display()))?,
                None => print!("{document}"),
            }
            Ok(())
        }
        Command::ImportTemplate { file, as_user } => {
            let config = Config::from_env()?;
            let pool = startup::open_database(&config.database)?;
            let bytes = if file.as_os_str() == "-" {
                let mut buffer = Vec::new();
                std::io::stdin().read_to_end(&mut buffer)?;
                buffer
            } else {
                std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?
            };
            let mut conn = pool.get().context("database connection")?;
            let (key, number) = cli::import_template(&mut conn, &as_user, &bytes)?;
            println!("imported as draft version {number} of template {key}");
            Ok(())
        }
        Command::Backup { file } => {
            let database = Config::database_from_env()?;
            let summary = backup::backup(&database, &file)?;
            println!(
                "backup written to {} ({} bytes, schema version {}); check a restored copy \
                 with `DATABASE_URL={} dpiahub verify`",
                summary.file.display(),
                summary.bytes,
                summary.schema_version.as_deref().unwrap_or("none"),
                summary.file.display()
            );
            Ok(())
        }
        Command::Verify => {
            let database = Config::database_from_env()?;
            if let dpiahub::store::DatabaseUrl::Sqlite(path) = &database {
                // Opening a missing file would create an empty database and "verify" that.
                if !std::path::Path::new(path).is_file() {
                    bail!("DATABASE_URL names the SQLite file {path}, which does not exist");
                }
            }
            let pool = startup::connect_as_is(&database)?;
            let mut conn = pool.get().context("database connection")?;
            let report = backup::verify(&mut conn)?;
            println!("{report}");
            if !report.ok() {
                bail!("the database failed verification (see above)");
            }
            Ok(())
        }
        Command::PrintSchema => {
            print!("{}", dpiahub::graphql::schema_sdl());
            Ok(())
        }
        Command::GenerateNational {
            seed,
            controllers,
            risks,
            recommendations,
        } => generate_national(seed, controllers, risks, recommendations),
        Command::Bench {
            controllers,
            duration_secs,
            backend,
            seed,
        } => run_bench(controllers, duration_secs, backend.as_deref(), seed),
        Command::BenchFirstOverview { controllers } => {
            let url = std::env::var("DATABASE_URL").context("DATABASE_URL is not set")?;
            let password = std::env::var("DPIAHUB_DEMO_PASSWORD")
                .context("DPIAHUB_DEMO_PASSWORD is not set")?;
            let took = bench::first_overview(&url, &password, controllers)?;
            println!("{}", took.as_secs_f64() * 1_000.0);
            Ok(())
        }
    }
}

fn generate_national(
    seed: u64,
    controllers: usize,
    risks: usize,
    recommendations: usize,
) -> anyhow::Result<()> {
    // Only the database and the password matter here: no JWT secret is needed to write data.
    let database = Config::database_from_env()?;
    let pool = startup::open_database(&database)?;
    let (password, generated) = match std::env::var("DPIAHUB_DEMO_PASSWORD") {
        Ok(p) if !p.trim().is_empty() => {
            password::check_password_policy(&p)
                .map_err(|e| anyhow::anyhow!("DPIAHUB_DEMO_PASSWORD: {e}"))?;
            (p, false)
        }
        _ => (
            dpiahub::auth::token::generate_secret()[..20].to_string(),
            true,
        ),
    };
    let options = national::NationalOptions {
        seed,
        controllers,
        risks,
        recommendations,
        password: password.clone(),
    };
    let mut conn = pool.get().context("database connection")?;
    let summary = national::generate(&mut conn, &options).map_err(|e| anyhow::anyhow!("{e}"))?;
    println!(
        "national data set generated on {} in {:.1} s: {} controllers, {} assessment commands",
        database.backend_name(),
        summary.elapsed.as_secs_f64(),
        summary.controllers,
        summary.commands
    );
    println!(
        "  accounts: {}, {}, dpo@controller-001.national.example … (all share one password)",
        national::CENTRAL_EDITOR_EMAIL,
        national::AUTHORITY_EMAIL
    );
    if generated {
        println!("  password: {password}   (random; set DPIAHUB_DEMO_PASSWORD to choose one)");
    }
    Ok(())
}

fn run_bench(
    controllers: usize,
    duration_secs: u64,
    backend: Option<&str>,
    seed: u64,
) -> anyhow::Result<()> {
    use dpiahub::bench::database::Backend;
    let url = std::env::var("DATABASE_URL")
        .ok()
        .filter(|u| !u.trim().is_empty());
    let is_postgres = |u: &String| u.starts_with("postgres://") || u.starts_with("postgresql://");
    let backend = match backend {
        Some("sqlite") => Backend::Sqlite,
        Some("postgres") => Backend::Postgres,
        Some(other) => bail!("--backend is {other:?}; use sqlite or postgres"),
        None if url.as_ref().is_some_and(is_postgres) => Backend::Postgres,
        None => Backend::Sqlite,
    };
    if cfg!(debug_assertions) {
        eprintln!("note: a debug build; figures are only meaningful with --release");
    }
    let options = bench::BenchOptions {
        backend,
        // .ci/with-postgres exports its throwaway server as DPIAHUB_TEST_POSTGRES_URL.
        server_url: url.filter(is_postgres).or_else(|| {
            std::env::var("DPIAHUB_TEST_POSTGRES_URL")
                .ok()
                .filter(is_postgres)
        }),
        controllers,
        seed,
        duration: std::time::Duration::from_secs(duration_secs),
    };
    let report = bench::run(&options)?;
    print!("{}", report.table());
    println!("{}", report.json());
    Ok(())
}

/// Reads a password from stdin when piped, else prompts twice without echo.
fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Operator password: ")?;
        let again = rpassword::prompt_password("Repeat password: ")?;
        if first != again {
            bail!("the two passwords differ");
        }
        Ok(first)
    } else {
        let mut input = String::new();
        std::io::stdin().read_to_string(&mut input)?;
        Ok(input.trim_end_matches(['\r', '\n']).to_string())
    }
}
