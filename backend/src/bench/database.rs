//! A fresh database for one benchmark run: a temporary SQLite file, or a new PostgreSQL
//! database on the server `DATABASE_URL` names, created for the run and dropped after it.

use std::path::PathBuf;

use anyhow::{bail, Context as _};
use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::{Connection, RunQueryDsl};

use crate::store::DatabaseUrl;

/// Which backend to measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// A database that exists for one run and is removed when dropped.
pub struct FreshDatabase {
    pub url: DatabaseUrl,
    cleanup: Cleanup,
}

enum Cleanup {
    SqliteFile(PathBuf),
    PostgresDatabase { server_url: String, name: String },
}

/// A name no other run on this machine uses at the same time.
fn unique_suffix() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!("{}_{nanos}", std::process::id())
}

impl FreshDatabase {
    /// Creates the database. PostgreSQL needs `server_url`: any database URL on the server
    /// (the new database is created beside the one it names).
    pub fn create(backend: Backend, server_url: Option<&str>) -> anyhow::Result<Self> {
        match backend {
            Backend::Sqlite => {
                let path =
                    std::env::temp_dir().join(format!("dpiahub-bench-{}.sqlite3", unique_suffix()));
                Ok(Self {
                    url: DatabaseUrl::Sqlite(path.to_string_lossy().into_owned()),
                    cleanup: Cleanup::SqliteFile(path),
                })
            }
            Backend::Postgres => {
                let Some(server_url) = server_url else {
                    bail!("--backend postgres needs DATABASE_URL=postgres://… naming the server");
                };
                let name = format!("dpiahub_bench_{}", unique_suffix());
                let mut admin = PgConnection::establish(server_url)
                    .with_context(|| "connecting to the PostgreSQL server of DATABASE_URL")?;
                admin
                    .batch_execute(&format!("CREATE DATABASE {name}"))
                    .context("creating the benchmark database")?;
                let (prefix, _) = server_url
                    .split('?')
                    .next()
                    .and_then(|u| u.rsplit_once('/'))
                    .context("DATABASE_URL must end with /DATABASE")?;
                Ok(Self {
                    url: DatabaseUrl::Postgres(format!("{prefix}/{name}")),
                    cleanup: Cleanup::PostgresDatabase {
                        server_url: server_url.to_string(),
                        name,
                    },
                })
            }
        }
    }

    /// The URL in the form `DATABASE_URL` takes.
    pub fn env_url(&self) -> String {
        match &self.url {
            DatabaseUrl::Sqlite(path) => format!("sqlite://{path}"),
            DatabaseUrl::Postgres(url) => url.clone(),
        }
    }
}

/// PostgreSQL's durability settings as the server runs them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Durability {
    pub fsync: String,
    pub synchronous_commit: String,
    pub full_page_writes: String,
}

impl Durability {
    /// What production runs: nothing acknowledged may be lost, no torn pages.
    pub fn is_durable(&self) -> bool {
        self.fsync == "on" && self.synchronous_commit == "on" && self.full_page_writes == "on"
    }
}

impl FreshDatabase {
    /// Size of the database in MB: the SQLite file with its WAL, or `pg_database_size`.
    pub fn size_mb(&self) -> anyhow::Result<f64> {
        let bytes = match &self.url {
            DatabaseUrl::Sqlite(path) => ["", "-wal"]
                .iter()
                .filter_map(|suffix| std::fs::metadata(format!("{path}{suffix}")).ok())
                .map(|m| m.len())
                .sum::<u64>(),
            DatabaseUrl::Postgres(url) => {
                #[derive(diesel::QueryableByName)]
                struct Size {
                    #[diesel(sql_type = diesel::sql_types::BigInt)]
                    bytes: i64,
                }
                let mut conn = PgConnection::establish(url)?;
                let size: Size =
                    diesel::sql_query("SELECT pg_database_size(current_database()) AS bytes")
                        .get_result(&mut conn)?;
                size.bytes.max(0) as u64
            }
        };
        Ok(bytes as f64 / (1024.0 * 1024.0))
    }

    /// PostgreSQL's `fsync`, `synchronous_commit` and `full_page_writes`; `None` for SQLite
    /// (which the server always runs with `synchronous=FULL`).
    pub fn durability(&self) -> anyhow::Result<Option<Durability>> {
        let DatabaseUrl::Postgres(url) = &self.url else {
            return Ok(None);
        };
        #[derive(diesel::QueryableByName)]
        struct Setting {
            #[diesel(sql_type = diesel::sql_types::Text)]
            setting: String,
        }
        let mut conn = PgConnection::establish(url)?;
        let mut show = |name: &str| -> anyhow::Result<String> {
            let s: Setting = diesel::sql_query(format!(
                "SELECT setting FROM pg_settings WHERE name = '{name}'"
            ))
            .get_result(&mut conn)?;
            Ok(s.setting)
        };
        Ok(Some(Durability {
            fsync: show("fsync")?,
            synchronous_commit: show("synchronous_commit")?,
            full_page_writes: show("full_page_writes")?,
        }))
    }
}

impl Drop for FreshDatabase {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::SqliteFile(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let mut file = path.clone().into_os_string();
                    file.push(suffix);
                    let _ = std::fs::remove_file(file);
                }
            }
            Cleanup::PostgresDatabase { server_url, name } => {
                let dropped = PgConnection::establish(server_url).map(|mut admin| {
                    admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                });
                if !matches!(dropped, Ok(Ok(()))) {
                    eprintln!("warning: could not drop the benchmark database {name}");
                }
            }
        }
    }
}
