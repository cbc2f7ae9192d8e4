//! The `dpiahub` command (SPEC §10).

use std::io::{IsTerminal, Read};

use anyhow::{bail, Context as _};
use clap::{Parser, Subcommand};

use dpiahub::auth::password;
use dpiahub::config::Config;
use dpiahub::{bootstrap, cli, startup};

#[derive(Parser)]
#[command(
    name = "dpiahub",
    version,
    about = "DPIA Hub: shared DPIAs, inherited and reviewed"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API (the default): migrations, demo data when configured, then HTTP.
    Serve,
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
}

fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,actix_server=warn".into()),
        )
        .init();
    let cli = Cli::parse();
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let config = Config::from_env()?;
            actix_web::rt::System::new().block_on(startup::serve(config))
        }
        Command::Migrate => {
            let config = Config::from_env()?;
            startup::open_database(&config.database)?;
            println!("migrations applied ({})", config.database.backend_name());
            Ok(())
        }
        Command::CreateOperator { email, name } => {
            let config = Config::from_env()?;
            let pool = startup::open_database(&config.database)?;
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
        Command::PrintSchema => {
            print!("{}", dpiahub::graphql::schema_sdl());
            Ok(())
        }
    }
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
