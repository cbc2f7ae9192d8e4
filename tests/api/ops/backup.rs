//! `dpiahub backup` while the server writes, a restore, `dpiahub verify`, and a tampered copy
//! that verify refuses.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use super::shutdown::write_load;
use super::{emails_in, Site};

#[test]
fn a_backup_taken_during_writes_restores_verifies_and_holds_every_earlier_write() {
    let site = Site::new();
    if site.is_postgres() {
        // PostgreSQL is backed up with pg_dump (docs/OPERATIONS.md); the command says so.
        let (status, _, stderr) = site.run(&["backup", "x.dump"], &[]);
        assert!(!status.success());
        assert!(
            stderr.contains("pg_dump") && stderr.contains("pg_restore"),
            "{stderr}"
        );
    }
    let mut server = site.serve(&[]);
    let token = server.login("admin@nordby.example");
    let stop = Arc::new(AtomicBool::new(false));
    let (acknowledged, threads) = write_load(
        server.agent(),
        server.base.clone(),
        token,
        3,
        "backup",
        stop.clone(),
    );
    while acknowledged.lock().unwrap().len() < 10 {
        std::thread::sleep(Duration::from_millis(20));
    }
    // Everything acknowledged before the backup starts must be in it.
    let before: Vec<String> = acknowledged.lock().unwrap().clone();
    let file = site.path().join("hub-backup");
    back_up(&site, &file);
    let during = acknowledged.lock().unwrap().len();
    std::thread::sleep(Duration::from_millis(300));
    stop.store(true, Ordering::Relaxed);
    for thread in threads {
        thread.join().expect("a writer");
    }
    let after = acknowledged.lock().unwrap().len();
    assert!(after > before.len(), "the writes went on during the backup");
    server.stop();

    // Restore: the copy becomes a new database.
    let restored_url = restore(&site, &file);
    let stdout = verify(&site, &restored_url);
    assert!(
        stdout.contains("audit chain ok: Nordby Kommune"),
        "{stdout}"
    );
    let stored = emails_in(&restored_url);
    let missing: Vec<&String> = before.iter().filter(|e| !stored.contains(*e)).collect();
    assert!(
        missing.is_empty(),
        "{} of {} writes acknowledged before the backup are missing: {missing:?} \
         ({during} acknowledged when it finished)",
        missing.len(),
        before.len()
    );

    // The restored database serves.
    let mut restored_server = site.serve(&[("DATABASE_URL", &restored_url)]);
    restored_server.login("dpo@nordby.example");
    restored_server.stop();

    // A backup never overwrites.
    if !site.is_postgres() {
        let (status, _, stderr) = site.run(&["backup", &file.to_string_lossy()], &[]);
        assert!(!status.success());
        assert!(stderr.contains("exists already"), "{stderr}");
    }
}

/// Backs up the site's database while its server runs, as docs/OPERATIONS.md §5 says:
/// `dpiahub backup FILE` on SQLite, `pg_dump --format=custom` on PostgreSQL.
pub fn back_up(site: &Site, file: &Path) {
    if site.is_postgres() {
        let status = pg_tool("pg_dump")
            .args(["--format=custom", "--file"])
            .arg(file)
            .arg(&site.database_url)
            .status()
            .expect("run pg_dump");
        assert!(status.success(), "pg_dump failed: {status}");
    } else {
        let (status, stdout, stderr) = site.run(&["backup", &file.to_string_lossy()], &[]);
        assert!(status.success(), "backup failed: {stdout}{stderr}");
        assert!(stdout.contains("backup written"), "{stdout}");
    }
}

/// Restores a backup taken by [`back_up`] into a new database; returns its URL.
pub fn restore(site: &Site, file: &Path) -> String {
    if site.is_postgres() {
        let url =
            super::create_postgres_database(&super::postgres_base().expect("a PostgreSQL server"));
        let status = pg_tool("pg_restore")
            .args(["--no-owner", "--dbname", &url])
            .arg(file)
            .status()
            .expect("run pg_restore");
        assert!(status.success(), "pg_restore failed: {status}");
        url
    } else {
        let restored = site.path().join(format!(
            "restored-{}.sqlite3",
            uuid::Uuid::new_v4().simple()
        ));
        std::fs::copy(file, &restored).expect("restore the copy");
        restored.to_string_lossy().into_owned()
    }
}

/// `dpiahub verify` on the database at `url` passes (schema current, every audit chain
/// intact); returns what it printed.
pub fn verify(site: &Site, url: &str) -> String {
    let (status, stdout, stderr) = site.run(&["verify"], &[("DATABASE_URL", url)]);
    assert!(status.success(), "verify failed: {stdout}{stderr}");
    assert!(stdout.contains("schema: ok"), "{stdout}");
    stdout
}

/// A PostgreSQL client tool of the newest installed version (Debian's layout), else PATH's.
fn pg_tool(name: &str) -> std::process::Command {
    let mut found: Vec<std::path::PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("bin").join(name))
        .filter(|p| p.exists())
        .collect();
    found.sort();
    std::process::Command::new(found.pop().unwrap_or_else(|| name.into()))
}

#[test]
fn verify_refuses_a_database_whose_audit_chain_was_altered() {
    let site = Site::new();
    let (status, _, stderr) = site.run(&["migrate"], &[]);
    assert!(status.success(), "{stderr}");
    let mut server = site.serve(&[]);
    server.stop();
    let (status, stdout, _) = site.run(&["verify"], &[]);
    assert!(status.success(), "{stdout}");
    if !site.is_postgres() {
        let typo = site.path().join("typo.sqlite3");
        let (status, _, stderr) =
            site.run(&["verify"], &[("DATABASE_URL", &typo.to_string_lossy())]);
        assert!(
            !status.success() && stderr.contains("does not exist"),
            "{stderr}"
        );
        assert!(!typo.exists(), "verify creates nothing");
    }

    // Someone edits history behind the application's back.
    {
        use diesel::connection::SimpleConnection;
        let url = dpiahub::store::DatabaseUrl::parse(&site.database_url).unwrap();
        let pool = dpiahub::store::connection::build_pool(&url, 1, Default::default()).unwrap();
        let mut conn = pool.get().unwrap();
        conn.batch_execute(
            "UPDATE audit_entries SET actor_email = 'someone-else@example.org' \
             WHERE seq = 2 AND org_id = (SELECT id FROM organisations WHERE name = 'Sydby Kommune')",
        )
        .unwrap();
    }
    let (status, stdout, stderr) = site.run(&["verify"], &[]);
    assert!(!status.success(), "{stdout}");
    assert!(
        stdout.contains("audit chain BROKEN: Sydby Kommune")
            && stdout.contains("first bad entry 2"),
        "{stdout}"
    );
    assert!(stderr.contains("failed verification"), "{stderr}");
}
