//! Two `dpiahub serve` processes on one database (PostgreSQL in production; the same test runs
//! on one SQLite file): what one acknowledges, the other reads at once, overview included.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use serde_json::json;

use super::shutdown::write_load;
use super::{gql_on, Site};

const OVERVIEW: &str =
    "query { adopterOverview(templateKey: \"school-platform\") { adopterCount } }";

#[test]
fn two_servers_on_one_database_see_each_others_writes_at_once() {
    let site = Site::new();
    let mut a = site.serve(&[]);
    let mut b = site.serve(&[]);
    assert!(b.stdout().contains("already has data"), "B found A's demo");

    // Writes through A keep going while B is read.
    let admin = a.login("admin@nordby.example");
    let stop = Arc::new(AtomicBool::new(false));
    let (acknowledged, writers) =
        write_load(a.agent(), a.base.clone(), admin, 2, "twin", stop.clone());

    // Read-your-writes across processes: each user A acknowledged is listed by B.
    let admin_b = b.login("admin@nordby.example");
    let agent = b.agent();
    let mut checked = 0;
    while checked < 10 {
        let done: Vec<String> = acknowledged.lock().unwrap().clone();
        if done.len() <= checked {
            std::thread::sleep(Duration::from_millis(20));
            continue;
        }
        let users = gql_on(
            &agent,
            &b.base,
            Some(&admin_b),
            "{ me { organisation { users { email } } } }",
            json!({}),
        );
        let listed = users["data"]["me"]["organisation"]["users"].to_string();
        for email in &done[checked..] {
            assert!(
                listed.contains(email.as_str()),
                "B does not list {email}: {users}"
            );
        }
        checked = done.len();
    }

    // The authority's overview through B, before and right after an adoption through A.
    let reviewer_b = b.login("reviewer@authority.example");
    let before = b.gql(Some(&reviewer_b), OVERVIEW, json!({}));
    let count = before["data"]["adopterOverview"]["adopterCount"]
        .as_i64()
        .unwrap_or_else(|| panic!("{before}"));
    let osterby = a.login("dpo@osterby.example");
    let adopted = a.gql(
        Some(&osterby),
        "mutation { adoptTemplate(templateKey: \"school-platform\", templateVersion: 1) { id } }",
        json!({}),
    );
    assert!(
        adopted["data"]["adoptTemplate"]["id"].is_string(),
        "{adopted}"
    );
    let after = b.gql(Some(&reviewer_b), OVERVIEW, json!({}));
    assert_eq!(
        after["data"]["adopterOverview"]["adopterCount"].as_i64(),
        Some(count + 1),
        "B's overview counts the adoption A acknowledged: {after}"
    );

    stop.store(true, Ordering::Relaxed);
    for writer in writers {
        writer.join().expect("a writer");
    }
    a.stop();
    b.stop();
}

/// The memo of answers (issue 18) keys on the row version read in the same request, so a
/// write acknowledged by one process is in the very next read through the other, even when
/// that process answered the same read from its memo just before.
#[test]
fn a_write_through_one_server_is_read_at_once_through_the_others_memo() {
    use crate::answer_memo::{likelihood_and_version, OVERRIDE, READ};
    let site = Site::new();
    let mut a = site.serve(&[]);
    let mut b = site.serve(&[]);
    let writer = a.login("dpo@osterby.example");
    let adopted = a.gql(
        Some(&writer),
        "mutation { adoptTemplate(templateKey: \"school-platform\", templateVersion: 1) { id version } }",
        json!({}),
    );
    let id = adopted["data"]["adoptTemplate"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{adopted}"))
        .to_string();
    let mut version = adopted["data"]["adoptTemplate"]["version"]
        .as_i64()
        .expect("version");
    let reader = b.login("dpo@osterby.example");
    for value in [3, 2, 3, 2, 3] {
        // B answers twice (the second from its memo), then A writes.
        let warm = b.gql(Some(&reader), READ, json!({ "id": id }));
        assert_eq!(warm, b.gql(Some(&reader), READ, json!({ "id": id })));
        let written = a.gql(
            Some(&writer),
            OVERRIDE,
            json!({ "id": id, "v": version, "value": value }),
        );
        version = written["data"]["applyAssessmentCommands"]["version"]
            .as_i64()
            .unwrap_or_else(|| panic!("{written}"));
        let read = b.gql(Some(&reader), READ, json!({ "id": id }));
        assert_eq!(
            likelihood_and_version(&read),
            (json!(value), version),
            "B reads what A acknowledged"
        );
    }
    a.stop();
    b.stop();
}
