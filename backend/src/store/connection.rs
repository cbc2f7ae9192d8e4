//! One connection type for both backends, the pool, migrations and the write transaction.

use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::connection::{Instrumentation, InstrumentationEvent};
use diesel::pg::PgConnection;
use diesel::r2d2::{self, ManageConnection};
use diesel::sqlite::SqliteConnection;
use diesel::Connection;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::StoreError;

/// Either backend, behind one diesel connection type: every query in `store/` is written once.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgres(PgConnection),
    Sqlite(SqliteConnection),
}

/// Runs `$body` with `$c` bound to the backend's own connection (`&mut PgConnection` or
/// `&mut SqliteConnection`): the same query text, written once, but not through diesel's
/// `MultiConnection`, whose query wrapper renders the whole SQL text on every pass over a
/// query (bind collection, cache check), even for a statement prepared long before. That was
/// a tenth of the memoised read's CPU on PostgreSQL (docs/PERFORMANCE.md); use it on paths
/// that run on every request, where the backend's own statement cache then keys by type.
#[macro_export]
macro_rules! on_backend {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::store::DbConnection::Postgres($c) => $body,
            $crate::store::DbConnection::Sqlite($c) => $body,
        }
    };
}

pub type Pool = r2d2::Pool<ConnectionManager>;
pub type PooledConnection = r2d2::PooledConnection<ConnectionManager>;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/postgres");

/// Which database a URL names. Parsed once so the rest of the code never looks at schemes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DatabaseUrl {
    Postgres(String),
    Sqlite(String),
}

impl DatabaseUrl {
    /// `postgres://…`/`postgresql://…` select PostgreSQL; `sqlite://PATH` or a plain path SQLite.
    pub fn parse(url: &str) -> Result<Self, String> {
        let url = url.trim();
        if url.is_empty() {
            return Err("is empty".into());
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Self::Postgres(url.to_string()));
        }
        if let Some(path) = url.strip_prefix("sqlite://") {
            if path.is_empty() {
                return Err("sqlite:// needs a file path, e.g. sqlite://dpiahub.sqlite3".into());
            }
            return Ok(Self::Sqlite(path.to_string()));
        }
        if url.contains("://") {
            return Err(format!(
                "unsupported scheme in {url:?}: use postgres://…, sqlite://PATH or a file path"
            ));
        }
        Ok(Self::Sqlite(url.to_string()))
    }

    pub fn backend_name(&self) -> &'static str {
        match self {
            Self::Postgres(_) => "postgres",
            Self::Sqlite(_) => "sqlite",
        }
    }
}

/// r2d2 manager that dispatches on the URL and reports the backend's own connection error
/// (diesel's `AnyConnection::establish` hides it), and applies SQLite's per-connection pragmas.
#[derive(Clone, Debug)]
pub struct ConnectionManager {
    url: DatabaseUrl,
    queries: Arc<AtomicU64>,
    /// Failed statements on any of the pool's connections so far (see [`needs_ping`]).
    failures: Arc<AtomicU64>,
}

impl ConnectionManager {
    /// A manager whose connections count their statements into `queries`.
    pub fn new(url: DatabaseUrl, queries: QueryCount) -> Self {
        Self {
            url,
            queries,
            failures: Arc::default(),
        }
    }
}

/// SQL statements run on a pool's connections so far. Tests use it to show that one request
/// costs a fixed number of queries whatever the size of the data (no N+1).
pub type QueryCount = Arc<AtomicU64>;

/// Counts the statements a connection starts, and keeps what `is_valid` needs to know to skip
/// its ping: when the connection last finished a statement, and whether a statement failed
/// on any connection of the pool since this one was last checked.
struct QueryCounter {
    queries: Arc<AtomicU64>,
    failures: Arc<AtomicU64>,
    failures_seen: u64,
    last_finished: Instant,
}

impl QueryCounter {
    fn new(manager: &ConnectionManager) -> Self {
        Self {
            queries: manager.queries.clone(),
            failures: manager.failures.clone(),
            failures_seen: manager.failures.load(Ordering::Relaxed),
            last_finished: Instant::now(),
        }
    }
}

impl Instrumentation for QueryCounter {
    fn on_connection_event(&mut self, event: InstrumentationEvent<'_>) {
        match event {
            InstrumentationEvent::StartQuery { .. } => {
                self.queries.fetch_add(1, Ordering::Relaxed);
            }
            InstrumentationEvent::FinishQuery { error, .. } => {
                self.last_finished = Instant::now();
                if error.is_some() {
                    self.failures.fetch_add(1, Ordering::Relaxed);
                }
            }
            _ => {}
        }
    }
}

/// How long a connection may sit idle in the pool and still be handed out without a ping.
/// A connection that answered a moment ago is alive; pinging it anyway cost one database
/// round trip on every request, a third of a memoised answer's time on PostgreSQL
/// (docs/PERFORMANCE.md). One idle longer is pinged and replaced if the ping fails; so is
/// every connection of the pool after any statement failed on any of them, because when the
/// database restarts or fails over, all connections die at once and one failed request
/// should be enough to find out.
const PING_WHEN_IDLE_FOR: Duration = Duration::from_secs(1);

/// Whether a connection must be pinged before it is handed out (see [`PING_WHEN_IDLE_FOR`]).
/// A connection without our counter (none is made without one) is always pinged.
fn needs_ping(conn: &mut DbConnection) -> bool {
    let instrumentation = match conn {
        DbConnection::Postgres(c) => c.instrumentation(),
        DbConnection::Sqlite(c) => c.instrumentation(),
    };
    match instrumentation.downcast_mut::<QueryCounter>() {
        Some(counter) => {
            let failures = counter.failures.load(Ordering::Relaxed);
            let stale = failures != counter.failures_seen
                || counter.last_finished.elapsed() >= PING_WHEN_IDLE_FOR;
            counter.failures_seen = failures;
            stale
        }
        None => true,
    }
}

impl ManageConnection for ConnectionManager {
    type Connection = DbConnection;
    type Error = StoreError;

    fn connect(&self) -> Result<DbConnection, StoreError> {
        match &self.url {
            DatabaseUrl::Postgres(url) => {
                let mut conn = PgConnection::establish(url).map_err(|e| {
                    StoreError::Connect(format!(
                        "DATABASE_URL names the PostgreSQL database {}, which does not answer: {}",
                        redact_password(url),
                        e.to_string().trim()
                    ))
                })?;
                conn.set_instrumentation(QueryCounter::new(self));
                Ok(DbConnection::Postgres(conn))
            }
            DatabaseUrl::Sqlite(path) => {
                let mut conn = open_sqlite(path)?;
                // WAL for concurrent readers; FULL sync so nothing acknowledged is lost; foreign
                // keys are off by default in SQLite; the busy timeout queues writers.
                conn.batch_execute(
                    "PRAGMA busy_timeout = 10000; PRAGMA synchronous = FULL; \
                     PRAGMA foreign_keys = ON;",
                )
                .map_err(|e| sqlite_error(path, &e.to_string()))?;
                conn.set_instrumentation(QueryCounter::new(self));
                Ok(DbConnection::Sqlite(conn))
            }
        }
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), StoreError> {
        if !needs_ping(conn) {
            return Ok(());
        }
        conn.batch_execute("SELECT 1").map_err(StoreError::from)
    }

    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        // A connection handed back inside a transaction (e.g. after a panic) must not be reused.
        !matches!(
            <DbConnection as Connection>::TransactionManager::transaction_manager_status_mut(conn)
                .transaction_depth(),
            Ok(None)
        )
    }
}

/// Opens an SQLite file, or says which variable named it, the path, and why it cannot be used.
fn open_sqlite(path: &str) -> Result<SqliteConnection, StoreError> {
    SqliteConnection::establish(path).map_err(|e| sqlite_error(path, &e.to_string()))
}

/// SQLite's own messages ("unable to open database file") name neither the file nor the
/// reason: find the reason on the file system.
fn sqlite_error(path: &str, sqlite_message: &str) -> StoreError {
    use std::path::Path;
    let file = Path::new(path);
    let dir = file
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let reason = match std::fs::metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            format!("its directory {} does not exist", dir.display())
        }
        Err(e) => format!("its directory {} cannot be read: {e}", dir.display()),
        Ok(meta) if !meta.is_dir() => format!("{} is not a directory", dir.display()),
        Ok(_) => match std::fs::metadata(file) {
            Ok(meta) if meta.is_dir() => "it is a directory, not a file".to_string(),
            Ok(meta) if meta.permissions().readonly() => {
                "the file is read-only for this user".to_string()
            }
            Ok(_) => match std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open(file)
            {
                Err(e) => format!("{e}"),
                Ok(_) => format!("SQLite says: {sqlite_message}"),
            },
            Err(_) => match tempfile_probe(dir) {
                Err(e) => format!("the file cannot be created in {}: {e}", dir.display()),
                Ok(()) => format!("SQLite says: {sqlite_message}"),
            },
        },
    };
    StoreError::Connect(format!(
        "DATABASE_URL names the SQLite file {path}, which cannot be opened: {reason}"
    ))
}

/// Can this user create a file in `dir`? (Creates and removes a probe file.)
fn tempfile_probe(dir: &std::path::Path) -> std::io::Result<()> {
    let probe = dir.join(format!(".dpiahub-probe-{}", std::process::id()));
    std::fs::File::create(&probe)?;
    std::fs::remove_file(&probe)
}

/// The URL as it may be printed: the password replaced by `***`.
pub fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    match rest.split_once('@') {
        Some((userinfo, host)) if userinfo.contains(':') => {
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{scheme}://{user}:***@{host}")
        }
        _ => url.to_string(),
    }
}

/// WAL is a property of the database file: switched on once, by one connection, before the
/// pool opens its connections at the same time (else they race for the lock it needs).
fn enable_wal(path: &str) -> Result<(), StoreError> {
    let mut conn = open_sqlite(path)?;
    conn.batch_execute("PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL;")
        .map_err(|e| sqlite_error(path, &e.to_string()))?;
    if !plans_stably(&mut conn) {
        tracing::warn!(
            "the linked SQLite was built without SQLITE_ENABLE_QPSG (see .cargo/config.toml): \
             every statement with a bound LIMIT is prepared again on each execution"
        );
    }
    Ok(())
}

/// Whether the linked SQLite keeps one plan per statement whatever is bound to it
/// (`SQLITE_ENABLE_QPSG`, set for the bundled build in `.cargo/config.toml`). Without it
/// SQLite reads the value bound to `LIMIT ?` while planning, so a cached statement with a
/// bound LIMIT is prepared again on every execution.
pub fn plans_stably(conn: &mut SqliteConnection) -> bool {
    use diesel::RunQueryDsl;
    #[derive(diesel::QueryableByName)]
    struct Used {
        #[diesel(sql_type = diesel::sql_types::Integer)]
        used: i32,
    }
    diesel::sql_query("SELECT sqlite_compileoption_used('ENABLE_QPSG') AS used")
        .get_result::<Used>(conn)
        .is_ok_and(|u| u.used == 1)
}

/// Connection failures of the pool at run time, as one warning each through `tracing`
/// (r2d2's default handler logs through `log`, at error, without saying which database).
#[derive(Debug)]
struct PoolErrorHandler;

impl r2d2::HandleError<StoreError> for PoolErrorHandler {
    fn handle_error(&self, error: StoreError) {
        tracing::warn!(%error, "database connection failed");
    }
}

/// Builds the pool, counting its statements into `queries`.
pub fn build_pool(
    url: &DatabaseUrl,
    max_size: u32,
    queries: QueryCount,
) -> Result<Pool, StoreError> {
    if let DatabaseUrl::Sqlite(path) = url {
        enable_wal(path)?;
    }
    r2d2::Pool::builder()
        .max_size(max_size)
        .connection_timeout(Duration::from_secs(10))
        .error_handler(Box::new(PoolErrorHandler))
        .build(ConnectionManager::new(url.clone(), queries))
        .map_err(|e| StoreError::Connect(e.to_string()))
}

/// Applies the embedded migrations of the connection's backend.
pub fn run_migrations(conn: &mut DbConnection) -> Result<usize, StoreError> {
    let applied = match conn {
        DbConnection::Postgres(c) => c.run_pending_migrations(POSTGRES_MIGRATIONS),
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS),
    }
    .map_err(|e| StoreError::Migration(e.to_string()))?;
    Ok(applied.len())
}

/// Is the database's schema the one this binary was built for?
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaStatus {
    /// Newest migration applied to the database (`None` on an empty database).
    pub latest_applied: Option<String>,
    /// Newest migration this binary carries.
    pub latest_known: Option<String>,
    /// Migrations of this binary not yet applied.
    pub pending: Vec<String>,
    /// Migrations applied to the database that this binary does not know: the database
    /// belongs to a newer release (see "Rollback" in docs/OPERATIONS.md).
    pub unknown: Vec<String>,
}

impl SchemaStatus {
    pub fn is_current(&self) -> bool {
        self.pending.is_empty() && self.unknown.is_empty()
    }
}

/// Compares the applied migrations with the embedded ones, without changing anything.
pub fn schema_status(conn: &mut DbConnection) -> Result<SchemaStatus, StoreError> {
    use diesel::migration::MigrationSource;
    fn versions<DB: diesel::backend::Backend>(
        source: &EmbeddedMigrations,
    ) -> Result<Vec<String>, StoreError>
    where
        EmbeddedMigrations: MigrationSource<DB>,
    {
        let migrations = MigrationSource::<DB>::migrations(source)
            .map_err(|e| StoreError::Migration(e.to_string()))?;
        Ok(migrations
            .iter()
            .map(|m| m.name().version().to_string())
            .collect())
    }
    let migration_error =
        |e: Box<dyn std::error::Error + Send + Sync>| StoreError::Migration(e.to_string());
    let (known, applied) = match conn {
        DbConnection::Postgres(c) => (
            versions::<diesel::pg::Pg>(&POSTGRES_MIGRATIONS)?,
            c.applied_migrations().map_err(migration_error)?,
        ),
        DbConnection::Sqlite(c) => (
            versions::<diesel::sqlite::Sqlite>(&SQLITE_MIGRATIONS)?,
            c.applied_migrations().map_err(migration_error)?,
        ),
    };
    let mut applied: Vec<String> = applied.iter().map(|v| v.to_string()).collect();
    applied.sort();
    let mut known = known;
    known.sort();
    Ok(SchemaStatus {
        latest_applied: applied.last().cloned(),
        latest_known: known.last().cloned(),
        pending: known
            .iter()
            .filter(|v| !applied.contains(v))
            .cloned()
            .collect(),
        unknown: applied
            .iter()
            .filter(|v| !known.contains(v))
            .cloned()
            .collect(),
    })
}

/// Runs `f` in one write transaction. On SQLite it begins `IMMEDIATE`, taking the write lock up
/// front so a transaction that reads first cannot fail with SQLITE_BUSY when it then writes.
pub fn write_transaction<T, E>(
    conn: &mut DbConnection,
    f: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    match conn {
        DbConnection::Postgres(c) => AnsiTransactionManager::begin_transaction(c)?,
        DbConnection::Sqlite(c) => {
            AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")?
        }
    }
    let outcome = f(conn);
    let end = match (&outcome, &mut *conn) {
        (Ok(_), DbConnection::Postgres(c)) => AnsiTransactionManager::commit_transaction(c),
        (Ok(_), DbConnection::Sqlite(c)) => AnsiTransactionManager::commit_transaction(c),
        (Err(_), DbConnection::Postgres(c)) => AnsiTransactionManager::rollback_transaction(c),
        (Err(_), DbConnection::Sqlite(c)) => AnsiTransactionManager::rollback_transaction(c),
    };
    match (outcome, end) {
        (Ok(value), Ok(())) => Ok(value),
        (Ok(_), Err(e)) => Err(e.into()),
        // The write's own error explains more than a failed rollback.
        (Err(e), _) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sqlite_pool(dir: &tempfile::TempDir, queries: &QueryCount, size: u32) -> Pool {
        let path = dir.path().join("ping.sqlite3");
        let url = DatabaseUrl::Sqlite(path.to_string_lossy().into_owned());
        build_pool(&url, size, queries.clone()).expect("pool")
    }

    fn count(queries: &QueryCount) -> u64 {
        queries.load(Ordering::Relaxed)
    }

    /// A pool of one connection that has just answered a statement.
    fn pool_that_just_answered(dir: &tempfile::TempDir, queries: &QueryCount) -> Pool {
        let pool = sqlite_pool(dir, queries, 1);
        pool.get()
            .expect("conn")
            .batch_execute("SELECT 2")
            .expect("select");
        pool
    }

    #[test]
    fn a_connection_that_just_answered_is_handed_out_without_a_ping() {
        let dir = tempfile::tempdir().expect("dir");
        let queries = QueryCount::default();
        let pool = pool_that_just_answered(&dir, &queries);
        let before = count(&queries);
        let conn = pool.get().expect("conn");
        assert_eq!(count(&queries), before, "pinged although it just answered");
        drop(conn);
    }

    #[test]
    fn an_idle_connection_is_pinged() {
        let dir = tempfile::tempdir().expect("dir");
        let queries = QueryCount::default();
        let pool = pool_that_just_answered(&dir, &queries);
        std::thread::sleep(PING_WHEN_IDLE_FOR + Duration::from_millis(50));
        let before = count(&queries);
        drop(pool.get().expect("conn"));
        assert_eq!(count(&queries), before + 1, "an idle connection is pinged");
    }

    #[test]
    fn a_failed_statement_on_one_connection_has_every_connection_pinged_once() {
        let dir = tempfile::tempdir().expect("dir");
        let queries = QueryCount::default();
        let pool = sqlite_pool(&dir, &queries, 2);
        let (mut a, mut b) = (pool.get().expect("a"), pool.get().expect("b"));
        a.batch_execute("SELECT 2").expect("select");
        b.batch_execute("SELECT 2").expect("select");
        assert!(a.batch_execute("SELECT * FROM no_such_table").is_err());
        drop((a, b));
        let before = count(&queries);
        let both = (pool.get().expect("a"), pool.get().expect("b"));
        assert_eq!(count(&queries), before + 2, "both pinged after a failure");
        drop(both);
        let before = count(&queries);
        let both = (pool.get().expect("a"), pool.get().expect("b"));
        assert_eq!(count(&queries), before, "one ping each clears it");
        drop(both);
    }

    #[test]
    fn the_linked_sqlite_keeps_one_plan_whatever_is_bound_to_limit() {
        let dir = tempfile::tempdir().expect("dir");
        let pool = sqlite_pool(&dir, &QueryCount::default(), 1);
        let mut conn = pool.get().expect("conn");
        let DbConnection::Sqlite(sqlite) = &mut *conn else {
            panic!("an SQLite pool hands out SQLite connections");
        };
        assert!(
            plans_stably(sqlite),
            "built without SQLITE_ENABLE_QPSG: is LIBSQLITE3_FLAGS of .cargo/config.toml applied?"
        );
    }
}
