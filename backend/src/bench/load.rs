//! Fixed-concurrency load: `clients` threads, each with its own keep-alive connection, send
//! the same request back to back for a fixed time; every latency is recorded.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::client::{ClientError, Connection, Request};

/// Latencies of one scenario.
#[derive(Clone, Debug, Default)]
pub struct Sample {
    /// Every request's latency, sorted ascending.
    pub latencies: Vec<Duration>,
    /// Wall time of the whole run.
    pub elapsed: Duration,
    /// Bytes of one response body.
    pub response_bytes: usize,
}

impl Sample {
    pub fn from_latencies(mut latencies: Vec<Duration>, elapsed: Duration, bytes: usize) -> Self {
        latencies.sort_unstable();
        Self {
            latencies,
            elapsed,
            response_bytes: bytes,
        }
    }

    /// The latency below which `q` (0–1) of the requests fall, in milliseconds.
    pub fn quantile_ms(&self, q: f64) -> f64 {
        if self.latencies.is_empty() {
            return f64::NAN;
        }
        let rank = ((self.latencies.len() as f64 - 1.0) * q).round() as usize;
        self.latencies[rank.min(self.latencies.len() - 1)].as_secs_f64() * 1_000.0
    }

    /// Completed requests per second.
    pub fn rps(&self) -> f64 {
        if self.elapsed.is_zero() {
            return 0.0;
        }
        self.latencies.len() as f64 / self.elapsed.as_secs_f64()
    }
}

/// Why a run failed.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(transparent)]
    Client(#[from] ClientError),
    #[error("the server answered HTTP {status}: {body}")]
    Status { status: u16, body: String },
    #[error("a load thread panicked")]
    Thread,
}

/// Sends `request` from `clients` connections for `duration` (at least one request each).
pub fn run(
    addr: SocketAddr,
    request: &Request,
    clients: usize,
    duration: Duration,
) -> Result<Sample, LoadError> {
    let request = Arc::new(request.clone());
    let started = Instant::now();
    let deadline = started + duration;
    let threads: Vec<_> = (0..clients.max(1))
        .map(|_| {
            let request = request.clone();
            std::thread::spawn(move || -> Result<(Vec<Duration>, usize), LoadError> {
                let mut connection = Connection::open(addr)?;
                let mut latencies = Vec::new();
                loop {
                    let sent = Instant::now();
                    let response = connection.send(&request)?;
                    latencies.push(sent.elapsed());
                    if response.status != 200 {
                        return Err(LoadError::Status {
                            status: response.status,
                            body: String::from_utf8_lossy(&response.body).into_owned(),
                        });
                    }
                    if Instant::now() >= deadline {
                        return Ok((latencies, response.body.len()));
                    }
                }
            })
        })
        .collect();
    let mut all = Vec::new();
    let mut bytes = 0;
    for thread in threads {
        let (latencies, b) = thread.join().map_err(|_| LoadError::Thread)??;
        all.extend(latencies);
        bytes = b;
    }
    Ok(Sample::from_latencies(all, started.elapsed(), bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(values: &[u64]) -> Vec<Duration> {
        values.iter().map(|v| Duration::from_millis(*v)).collect()
    }

    #[test]
    fn quantiles_are_read_from_the_sorted_latencies() {
        let sample = Sample::from_latencies(ms(&[5, 1, 3, 2, 4]), Duration::from_secs(1), 0);
        assert_eq!(sample.quantile_ms(0.5), 3.0);
        assert_eq!(sample.quantile_ms(1.0), 5.0);
        assert_eq!(sample.quantile_ms(0.0), 1.0);
        assert_eq!(sample.rps(), 5.0);
    }

    #[test]
    fn an_empty_sample_has_no_quantile() {
        assert!(Sample::default().quantile_ms(0.5).is_nan());
        assert_eq!(Sample::default().rps(), 0.0);
    }
}
