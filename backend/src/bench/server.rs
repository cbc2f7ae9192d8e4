//! The server under test, in this process: the real App (`startup::configure`) on a loopback
//! port, plus one route only the benchmark registers, `POST /bench/floor`, which answers
//! with bytes held in memory — the framework floor the real queries are compared with.

use std::net::SocketAddr;
use std::sync::{mpsc, Arc, RwLock};

use actix_web::{web, App, HttpResponse, HttpServer};
use anyhow::Context as _;

use crate::startup;
use crate::state::AppState;

/// The path of the floor route.
pub const FLOOR_PATH: &str = "/bench/floor";

/// The response body the floor route serves; set once the real response is captured.
#[derive(Clone, Default)]
pub struct FloorBody(Arc<RwLock<web::Bytes>>);

impl FloorBody {
    pub fn set(&self, body: Vec<u8>) {
        if let Ok(mut bytes) = self.0.write() {
            *bytes = web::Bytes::from(body);
        }
    }

    fn get(&self) -> web::Bytes {
        self.0.read().map(|b| b.clone()).unwrap_or_default()
    }
}

/// Reads the request body like the GraphQL handler does, then answers from memory: what is
/// left of a request when no GraphQL and no database work is done.
async fn serve_floor(_body: web::Bytes, floor: web::Data<FloorBody>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(floor.get())
}

/// A running server; stopped when dropped.
pub struct BenchServer {
    pub addr: SocketAddr,
    pub floor: FloorBody,
    handle: actix_web::dev::ServerHandle,
}

impl BenchServer {
    /// Starts the App on a free loopback port with actix's default worker count (one per
    /// core, as `dpiahub serve`).
    pub fn start(state: Arc<AppState>) -> anyhow::Result<Self> {
        let floor = FloorBody::default();
        let served = floor.clone();
        let (tx, rx) = mpsc::channel();
        // As `dpiahub serve`; DPIAHUB_BENCH_BLOCKING_THREADS overrides it to compare
        // (actix's own default is 512 shared by the workers).
        let blocking_threads = std::env::var("DPIAHUB_BENCH_BLOCKING_THREADS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| startup::max_blocking_threads(&state));
        std::thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                let bound = HttpServer::new(move || {
                    App::new()
                        .wrap(actix_web::middleware::from_fn(
                            crate::http::security_headers,
                        ))
                        .configure(startup::configure(state.clone()))
                        .app_data(web::Data::new(served.clone()))
                        .route(FLOOR_PATH, web::post().to(serve_floor))
                })
                .worker_max_blocking_threads(blocking_threads)
                .bind("127.0.0.1:0");
                let server = match bound {
                    Ok(server) => server,
                    Err(e) => {
                        let _ = tx.send(Err(e));
                        return Ok(());
                    }
                };
                let addr = server.addrs()[0];
                let running = server.run();
                let _ = tx.send(Ok((addr, running.handle())));
                running.await
            })
        });
        let (addr, handle) = rx
            .recv()
            .context("the benchmark server thread ended before it started")?
            .context("binding a loopback port")?;
        Ok(Self {
            addr,
            floor,
            handle,
        })
    }
}

impl Drop for BenchServer {
    fn drop(&mut self) {
        let stop = self.handle.stop(false);
        let _ = std::thread::spawn(move || actix_web::rt::System::new().block_on(stop)).join();
    }
}
