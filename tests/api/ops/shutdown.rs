//! SIGTERM under write load: the server stops accepting, answers what is in flight, exits
//! cleanly, and every write it acknowledged is in the database.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};

use super::{assert_all_stored, Site, CREATE_USER};
use crate::helpers::DEMO_PASSWORD;

/// Keeps `clients` threads writing users through `base` with `agent` (straight to the server,
/// or through the proxy) until `stop` is set or the server is gone; returns the shared list
/// of e-mails the server acknowledged.
pub fn write_load(
    agent: ureq::Agent,
    base: String,
    token: String,
    clients: usize,
    tag: &'static str,
    stop: Arc<AtomicBool>,
) -> (Arc<Mutex<Vec<String>>>, Vec<std::thread::JoinHandle<()>>) {
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let threads = (0..clients)
        .map(|client| {
            let (agent, base, token, stop, acknowledged) = (
                agent.clone(),
                base.clone(),
                token.clone(),
                stop.clone(),
                acknowledged.clone(),
            );
            std::thread::spawn(move || {
                for n in 0.. {
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                    let email = format!("{tag}-{client}-{n}@nordby.example");
                    let body = json!({
                        "query": CREATE_USER,
                        "variables": { "e": email, "p": DEMO_PASSWORD },
                    });
                    let answer = agent
                        .post(&format!("{base}/graphql"))
                        .set("content-type", "application/json")
                        .set("authorization", &format!("Bearer {token}"))
                        .send_string(&body.to_string());
                    let response = match answer {
                        Ok(r) => r,
                        // The server is gone (refused or reset): this write was never
                        // acknowledged, so it proves nothing either way.
                        Err(ureq::Error::Transport(_)) => return,
                        // The proxy could not reach it (it stopped): not acknowledged either.
                        Err(ureq::Error::Status(502 | 504, _)) => return,
                        Err(ureq::Error::Status(code, r)) => {
                            panic!("HTTP {code}: {}", r.into_string().unwrap_or_default())
                        }
                    };
                    let Ok(value) = response.into_json::<Value>() else {
                        return; // Cut off mid-answer: not acknowledged.
                    };
                    if value["data"]["createUser"]["id"].is_string() {
                        acknowledged.lock().unwrap().push(email);
                    } else {
                        panic!("the write was refused: {value}");
                    }
                }
            })
        })
        .collect();
    (acknowledged, threads)
}

#[test]
fn sigterm_under_write_load_loses_no_acknowledged_write() {
    let site = Site::new();
    let mut server = site.serve(&[]);
    let token = server.login("admin@nordby.example");
    let stop = Arc::new(AtomicBool::new(false));
    let (acknowledged, threads) =
        write_load(server.agent(), server.base.clone(), token, 4, "term", stop);
    // Let the load build up, then stop the server in the middle of it.
    while acknowledged.lock().unwrap().len() < 20 {
        std::thread::sleep(Duration::from_millis(20));
    }
    server.terminate_under_load(threads, Duration::from_secs(60));
    assert!(
        server.stderr().contains("SIGTERM received"),
        "{}",
        server.stderr()
    );
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert_all_stored(&acknowledged, &site.database_url, "acknowledged writes");
    // The port is free again: the process really let go of everything.
    assert!(std::net::TcpListener::bind(server.addr).is_ok());
}
