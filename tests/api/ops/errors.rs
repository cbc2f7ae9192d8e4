//! Errors a person can act on: each names the variable, the value and what to do.

use std::process::Stdio;
use std::time::Duration;

use super::Site;

#[test]
fn serve_help_lists_every_variable() {
    let site = Site::new();
    let (status, stdout, _) = site.run(&["serve", "--help"], &[]);
    assert!(status.success());
    for name in [
        "DATABASE_URL",
        "DPIAHUB_BIND",
        "DPIAHUB_JWT_SECRET",
        "DPIAHUB_DEMO",
        "DPIAHUB_DEMO_PASSWORD",
        "DPIAHUB_TRUSTED_PROXIES",
        "DPIAHUB_METRICS_ALLOW",
        "DPIAHUB_LOG_FORMAT",
        "RUST_LOG",
    ] {
        assert!(
            stdout.contains(name),
            "serve --help lacks {name}:\n{stdout}"
        );
    }
}

#[test]
fn a_bad_database_path_names_the_variable_the_path_and_the_reason() {
    let site = Site::new();
    let path = site.path().join("no-such-dir").join("hub.sqlite3");
    let path = path.to_string_lossy();
    let (status, stdout, stderr) = site.run(&["serve"], &[("DATABASE_URL", &path)]);
    assert!(!status.success());
    assert!(stderr.contains("DATABASE_URL"), "{stderr}");
    assert!(stderr.contains(&*path), "{stderr}");
    assert!(stderr.contains("does not exist"), "{stderr}");
    // One line a person reads, not a backtrace.
    assert!(!stderr.contains("Stack backtrace"), "{stderr}");
    assert!(!stdout.contains("running on"));

    // A directory where the file should be.
    let dir = site.path().join("a-directory");
    std::fs::create_dir(&dir).unwrap();
    let dir = dir.to_string_lossy();
    let (status, _, stderr) = site.run(&["migrate"], &[("DATABASE_URL", &dir)]);
    assert!(!status.success());
    assert!(
        stderr.contains(&*dir) && stderr.contains("is a directory"),
        "{stderr}"
    );
}

#[test]
fn a_taken_port_stops_the_server_before_any_demo_data_is_created() {
    let site = Site::new();
    if site.is_postgres() {
        return; // The demo file check below is about the embedded SQLite file.
    }
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let addr = taken.local_addr().unwrap().to_string();
    // The default database: what `cargo run --release` uses on a first run.
    let mut cmd = site.command(&["serve"]);
    cmd.env_remove("DATABASE_URL")
        .env_remove("DPIAHUB_DEMO")
        .env_remove("DPIAHUB_DEMO_PASSWORD")
        .env_remove("DPIAHUB_JWT_SECRET")
        .env("DPIAHUB_BIND", &addr);
    let out = cmd.output().expect("run dpiahub");
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(!out.status.success());
    assert!(
        stderr.contains("DPIAHUB_BIND") && stderr.contains(&addr),
        "the error names the variable and the address: {stderr}"
    );
    assert!(stderr.contains("in use"), "{stderr}");
    assert!(
        !stdout.contains("password"),
        "no one-time password was printed: {stdout}"
    );
    assert!(
        !site.path().join("dpiahub.sqlite3").exists(),
        "no demo database was created"
    );
}

#[test]
fn a_second_demo_start_says_how_to_start_over_and_logs_have_no_colour_codes() {
    let site = Site::new();
    let mut first = site.serve(&[("DPIAHUB_DEMO_PASSWORD", "")]);
    assert!(first.stdout().contains("password: "), "{}", first.stdout());
    first.stop();
    let mut second = site.serve(&[]);
    let stdout = second.stdout();
    assert!(stdout.contains("already has data"), "{stdout}");
    assert!(
        stdout.contains("Lost it?") && (stdout.contains("delete") || stdout.contains("drop")),
        "{stdout}"
    );
    if !site.is_postgres() {
        assert!(
            stdout.contains(&site.database_url),
            "names the file: {stdout}"
        );
    }
    second.stop();
    for text in [first.stderr(), second.stderr(), first.stdout(), stdout] {
        assert!(
            !text.contains('\u{1b}'),
            "output to a file carries no escape codes: {text:?}"
        );
    }
}

#[test]
fn waiting_for_postgresql_says_so_once_per_attempt() {
    let site = Site::new();
    // Nothing listens on port 1: PostgreSQL "is not up yet".
    let mut child = site
        .command(&["serve"])
        .env(
            "DATABASE_URL",
            "postgres://dpiahub:secret@127.0.0.1:1/dpiahub",
        )
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start dpiahub");
    std::thread::sleep(Duration::from_millis(5_000));
    child.kill().expect("stop it");
    let out = child.wait_with_output().expect("its output");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(
        (2..=4).contains(&lines.len()),
        "one line per attempt (every 2 s), nothing else: {stderr}"
    );
    for (n, line) in lines.iter().enumerate() {
        assert!(
            line.starts_with("waiting for PostgreSQL")
                && line.contains(&format!("attempt {}", n + 1)),
            "{line}"
        );
        assert!(line.contains("127.0.0.1:1"), "names the server: {line}");
        assert!(
            !line.contains("secret"),
            "never prints the password: {line}"
        );
    }
}
