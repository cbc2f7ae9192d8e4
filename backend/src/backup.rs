//! `dpiahub backup FILE` and `dpiahub verify` (SPEC §8b; docs/OPERATIONS.md, "Backups").
//!
//! SQLite: `VACUUM INTO` copies the database inside one read transaction, so the copy is the
//! state of one moment (every write committed before it began, none after) while the server
//! keeps reading and writing (WAL). PostgreSQL has its own tools (pg_dump/pg_restore); the
//! command says so rather than half-doing their job.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _};
use diesel::prelude::*;

use crate::audit;
use crate::store::connection::{self, DbConnection, SchemaStatus};
use crate::store::{schema, DatabaseUrl};

/// What a finished backup holds.
#[derive(Debug)]
pub struct BackupSummary {
    pub file: PathBuf,
    pub bytes: u64,
    pub schema_version: Option<String>,
}

/// Copies the SQLite database of `url` into `file`, which must not exist yet. The copy is
/// written beside `file`, flushed to disk, checked, and only then renamed to `file`, so a
/// crash never leaves something that looks like a finished backup.
pub fn backup(url: &DatabaseUrl, file: &Path) -> anyhow::Result<BackupSummary> {
    let source = match url {
        DatabaseUrl::Sqlite(path) => path,
        DatabaseUrl::Postgres(u) => bail!(
            "DATABASE_URL is a PostgreSQL database ({}); back it up with PostgreSQL's own \
             tool, which also copies a running database consistently:\n  \
             pg_dump --format=custom --file=dpiahub.dump \"$DATABASE_URL\"\n\
             restore into an empty database with\n  \
             pg_restore --no-owner --dbname=\"$DATABASE_URL\" dpiahub.dump\n\
             and check it with `dpiahub verify` (docs/OPERATIONS.md, \"Backups\").",
            connection::redact_password(u)
        ),
    };
    if file.exists() {
        bail!(
            "{} exists already; choose a new file name (a backup never overwrites)",
            file.display()
        );
    }
    if !Path::new(source).exists() {
        bail!("DATABASE_URL names the SQLite file {source}, which does not exist");
    }
    let partial = file.with_extension("partial");
    let _ = std::fs::remove_file(&partial);
    let mut conn = diesel::sqlite::SqliteConnection::establish(source)
        .with_context(|| format!("opening {source} (DATABASE_URL)"))?;
    diesel::connection::SimpleConnection::batch_execute(&mut conn, "PRAGMA busy_timeout = 10000;")?;
    diesel::sql_query("VACUUM INTO ?")
        .bind::<diesel::sql_types::Text, _>(partial.to_string_lossy().to_string())
        .execute(&mut conn)
        .with_context(|| format!("copying {source} into {}", partial.display()))?;
    drop(conn);
    std::fs::File::open(&partial)
        .and_then(|f| f.sync_all())
        .with_context(|| format!("flushing {}", partial.display()))?;
    let status = {
        let mut copy = open_copy(&partial)?;
        let check: Vec<IntegrityRow> = diesel::sql_query("PRAGMA quick_check").load(&mut copy)?;
        if check.iter().any(|row| row.quick_check != "ok") {
            bail!(
                "the copy in {} fails SQLite's quick_check",
                partial.display()
            );
        }
        let mut copy = DbConnection::Sqlite(copy);
        connection::schema_status(&mut copy)?
    };
    std::fs::rename(&partial, file)
        .with_context(|| format!("renaming {} to {}", partial.display(), file.display()))?;
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        // The rename itself must survive a power cut.
        std::fs::File::open(dir).and_then(|d| d.sync_all()).ok();
    }
    Ok(BackupSummary {
        file: file.to_path_buf(),
        bytes: std::fs::metadata(file)?.len(),
        schema_version: status.latest_applied,
    })
}

#[derive(QueryableByName)]
struct IntegrityRow {
    #[diesel(sql_type = diesel::sql_types::Text)]
    quick_check: String,
}

fn open_copy(path: &Path) -> anyhow::Result<diesel::sqlite::SqliteConnection> {
    diesel::sqlite::SqliteConnection::establish(&path.to_string_lossy())
        .with_context(|| format!("opening the copy {}", path.display()))
}

/// One organisation's audit chain as `verify` found it.
#[derive(Debug)]
pub struct ChainReport {
    pub org_id: String,
    pub name: String,
    pub entries: i64,
    pub valid: bool,
    pub first_invalid_seq: Option<i64>,
}

/// What `verify` found: the schema against this binary's migrations, and every chain.
#[derive(Debug)]
pub struct VerifyReport {
    pub schema: SchemaStatus,
    pub chains: Vec<ChainReport>,
}

impl VerifyReport {
    pub fn ok(&self) -> bool {
        self.schema.is_current() && self.chains.iter().all(|c| c.valid)
    }
}

/// Checks a database as it is, changing nothing (no migrations run): after a restore, before
/// the server is let at it.
pub fn verify(conn: &mut DbConnection) -> anyhow::Result<VerifyReport> {
    let schema = connection::schema_status(conn)?;
    if !schema.pending.is_empty() && schema.latest_applied.is_none() {
        return Ok(VerifyReport {
            schema,
            chains: Vec::new(),
        });
    }
    let organisations: Vec<(String, String)> = schema::organisations::table
        .select((schema::organisations::id, schema::organisations::name))
        .order(schema::organisations::name.asc())
        .load(conn)?;
    let mut chains = Vec::with_capacity(organisations.len());
    for (org_id, name) in organisations {
        let chain = audit::verify_chain(conn, &org_id).map_err(|e| anyhow::anyhow!("{e}"))?;
        chains.push(ChainReport {
            org_id,
            name,
            entries: chain.entries,
            valid: chain.valid,
            first_invalid_seq: chain.first_invalid_seq,
        });
    }
    Ok(VerifyReport { schema, chains })
}

impl std::fmt::Display for VerifyReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = &self.schema;
        let version = s.latest_applied.as_deref().unwrap_or("none");
        if s.is_current() {
            writeln!(f, "schema: ok (version {version})")?;
        } else {
            writeln!(
                f,
                "schema: NOT CURRENT (database at {version}, this binary expects {}; \
                 pending: [{}]; unknown to this binary: [{}])",
                s.latest_known.as_deref().unwrap_or("none"),
                s.pending.join(", "),
                s.unknown.join(", ")
            )?;
        }
        for c in &self.chains {
            if c.valid {
                writeln!(f, "audit chain ok: {} ({} entries)", c.name, c.entries)?;
            } else {
                writeln!(
                    f,
                    "audit chain BROKEN: {} ({} entries; first bad entry {})",
                    c.name,
                    c.entries,
                    c.first_invalid_seq.unwrap_or(0)
                )?;
            }
        }
        write!(
            f,
            "{}",
            if self.ok() {
                "verified: the schema is current and every audit chain is intact"
            } else {
                "verification FAILED"
            }
        )
    }
}
