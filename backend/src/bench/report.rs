//! The benchmark's output: a table for people, then one JSON line for scripts (SPEC §9).

use serde_json::{json, Value};

use std::time::Duration;

use super::load::Sample;
use super::web::Page;

/// Targets of SPEC §9 on the 2-core machine.
pub const EFFECTIVE_P50_MS: f64 = 5.0;
pub const EFFECTIVE_RPS_8: f64 = 1_000.0;
pub const DIFF_P50_MS: f64 = 10.0;
pub const CHECKS_P50_MS: f64 = 10.0;
pub const OVERVIEW_P50_MS: f64 = 100.0;
/// Raised after the first round (SPEC §9): the first overview after a restart.
pub const OVERVIEW_COLD_MS: f64 = 50.0;
/// Raised after the first round: the floor ratio at 8 clients.
pub const FLOOR_RATIO: f64 = 3.0;
pub const OVERRIDE_P50_MS: f64 = 5.0;
pub const RSS_MB: f64 = 150.0;
/// Concurrency of the memory scenario (issue 14, finding 10).
pub const MANY_CLIENTS: usize = 128;

/// Everything one run measured. A scenario the served schema does not offer yet is `None`.
#[derive(Debug, Default)]
pub struct BenchReport {
    pub backend: &'static str,
    pub controllers: usize,
    pub generation_secs: f64,
    pub effective_1: Sample,
    pub effective_8: Sample,
    pub floor_1: Sample,
    pub floor_8: Sample,
    /// The effective assessment through the `effectiveJson` scalar (for comparison only).
    pub effective_scalar: Option<Sample>,
    pub diff: Option<Sample>,
    pub checks: Option<Sample>,
    pub overview: Option<Sample>,
    /// The first overview request after a restart (summaries stored by an earlier process).
    pub overview_cold: Duration,
    /// The first overview the database ever answered, in a process before that restart:
    /// every adopter summarised and stored (what a new day or new check code costs once).
    pub overview_first: Duration,
    /// The web pages of [`super::web::PAGES`] (`None`: not served by this build).
    pub pages: Vec<(Page, Option<Sample>)>,
    /// Size of the generated database (SQLite file + WAL, or `pg_database_size`).
    pub database_mb: f64,
    /// PostgreSQL only: fsync, synchronous_commit and full_page_writes all on.
    pub pg_durable: Option<bool>,
    pub override_write: Sample,
    /// The effective assessment at [`MANY_CLIENTS`] clients (issue 14, finding 10), and the
    /// server's RSS right after it: memory under concurrency.
    pub effective_many: Sample,
    pub rss_after_many_mb: f64,
    pub rss_mb: f64,
    /// RSS after each stage, to see which scenario grows the heap.
    pub rss_timeline: Vec<(&'static str, f64)>,
}

impl BenchReport {
    /// Requests per second of the floor at 8 clients over those of the effective assessment:
    /// how many times more the bare stack serves than the real query (1.0 would mean the
    /// query costs nothing beyond HTTP).
    pub fn floor_ratio(&self) -> f64 {
        let effective = self.effective_8.rps();
        if effective > 0.0 {
            self.floor_8.rps() / effective
        } else {
            f64::NAN
        }
    }

    /// The table: one row per scenario with its SPEC §9 target and whether it holds.
    pub fn table(&self) -> String {
        let mut out = format!(
            "DPIA Hub benchmark — backend {}, {} controllers (data set generated in {:.1} s)\n",
            self.backend, self.controllers, self.generation_secs
        );
        out.push_str(&format!(
            "{:<28} {:>7} {:>8} {:>9} {:>9} {:>9} {:>9}  {}\n",
            "scenario", "clients", "requests", "p50 ms", "p99 ms", "req/s", "bytes", "target"
        ));
        let row = |out: &mut String, name: &str, clients: usize, s: &Sample, target: String| {
            out.push_str(&format!(
                "{:<28} {:>7} {:>8} {:>9.2} {:>9.2} {:>9.0} {:>9}  {}\n",
                name,
                clients,
                s.latencies.len(),
                s.quantile_ms(0.5),
                s.quantile_ms(0.99),
                s.rps(),
                s.response_bytes,
                target
            ));
        };
        let p50 = |s: &Sample, limit: f64| {
            verdict(s.quantile_ms(0.5) <= limit, format!("p50 ≤ {limit} ms"))
        };
        row(
            &mut out,
            "effective assessment",
            1,
            &self.effective_1,
            p50(&self.effective_1, EFFECTIVE_P50_MS),
        );
        row(
            &mut out,
            "effective assessment",
            8,
            &self.effective_8,
            verdict(
                self.effective_8.rps() >= EFFECTIVE_RPS_8,
                format!("≥ {EFFECTIVE_RPS_8} req/s"),
            ),
        );
        row(
            &mut out,
            "effective assessment",
            MANY_CLIENTS,
            &self.effective_many,
            format!(
                "RSS after {:.1} MB ({})",
                self.rss_after_many_mb,
                verdict(self.rss_after_many_mb <= RSS_MB, format!("≤ {RSS_MB} MB"))
            ),
        );
        row(
            &mut out,
            "floor (same bytes, memory)",
            1,
            &self.floor_1,
            String::new(),
        );
        row(
            &mut out,
            "floor (same bytes, memory)",
            8,
            &self.floor_8,
            String::new(),
        );
        if let Some(s) = &self.effective_scalar {
            row(
                &mut out,
                "effective as effectiveJson",
                1,
                s,
                "(comparison)".into(),
            );
        }
        for (name, sample, limit) in [
            ("diff against base", &self.diff, DIFF_P50_MS),
            ("check findings", &self.checks, CHECKS_P50_MS),
            ("authority overview", &self.overview, OVERVIEW_P50_MS),
        ] {
            match sample {
                Some(s) => row(&mut out, name, 1, s, p50(s, limit)),
                None => out_missing(&mut out, name),
            }
        }
        let cold_ms = self.overview_cold.as_secs_f64() * 1_000.0;
        out.push_str(&format!(
            "{:<28} {:>7} {:>8} {:>9.2} {:>9} {:>9} {:>9}  {}\n",
            "authority overview, cold",
            1,
            1,
            cold_ms,
            "",
            "",
            "",
            verdict(
                cold_ms <= OVERVIEW_COLD_MS,
                format!("≤ {OVERVIEW_COLD_MS} ms")
            )
        ));
        out.push_str(&format!(
            "{:<28} {:>7} {:>8} {:>9.2} {:>9} {:>9} {:>9}  {}\n",
            "authority overview, first",
            1,
            1,
            self.overview_first.as_secs_f64() * 1_000.0,
            "",
            "",
            "",
            "(nothing stored yet)"
        ));
        for (page, sample) in &self.pages {
            match sample {
                Some(s) => row(&mut out, page.name, 1, s, p50(s, page.target_ms)),
                None => out.push_str(&format!("{:<28} (not served by this build)\n", page.name)),
            }
        }
        row(
            &mut out,
            "override write (+ audit)",
            1,
            &self.override_write,
            p50(&self.override_write, OVERRIDE_P50_MS),
        );
        out.push_str(&format!(
            "server RSS after the run: {:.1} MB ({})   floor ratio (floor req/s ÷ effective req/s at 8 clients): {:.1}\n",
            self.rss_mb,
            verdict(self.rss_mb <= RSS_MB, format!("≤ {RSS_MB} MB")),
            self.floor_ratio()
        ));
        out.push_str(&format!(
            "floor ratio {}   database {:.1} MB{}   load average {}\n",
            verdict(
                self.floor_ratio() <= FLOOR_RATIO,
                format!("≤ {FLOOR_RATIO}")
            ),
            self.database_mb,
            match self.pg_durable {
                Some(true) =>
                    ", PostgreSQL durable (fsync, synchronous_commit, full_page_writes on)",
                Some(false) => ", PostgreSQL NOT durable (fsync or synchronous_commit off)",
                None => "",
            },
            load_average()
        ));
        let stages: Vec<String> = (self.rss_timeline.iter())
            .map(|(stage, mb)| format!("{stage} {mb:.0}"))
            .collect();
        out.push_str(&format!("RSS (MB) after: {}\n", stages.join(", ")));
        out
    }

    /// The last line: one JSON object with the keys of issue 9 (`null` for what is missing).
    pub fn json(&self) -> Value {
        let p50 = |s: &Option<Sample>| s.as_ref().map(|s| round(s.quantile_ms(0.5)));
        let mut line = json!({
            "backend": self.backend,
            "effective_ms_p50": round(self.effective_1.quantile_ms(0.5)),
            "effective_ms_p99": round(self.effective_1.quantile_ms(0.99)),
            "effective_rps_8": round(self.effective_8.rps()),
            "diff_ms_p50": p50(&self.diff),
            "checks_ms_p50": p50(&self.checks),
            "overview_ms_p50": p50(&self.overview),
            "override_write_ms_p50": round(self.override_write.quantile_ms(0.5)),
            "rss_mb": round(self.rss_mb),
            "rss_mb_128": round(self.rss_after_many_mb),
            "effective_rps_128": round(self.effective_many.rps()),
            "floor_ratio": round(self.floor_ratio()),
            "floor_rps_8": round(self.floor_8.rps()),
            "overview_cold_ms": round(self.overview_cold.as_secs_f64() * 1_000.0),
            "overview_first_ms": round(self.overview_first.as_secs_f64() * 1_000.0),
            "controllers": self.controllers,
            "generation_secs": round(self.generation_secs),
            "database_mb": round(self.database_mb),
            "pg_durable": self.pg_durable,
            "loadavg": load_average(),
        });
        for (page, sample) in &self.pages {
            line[format!("page_{}_ms_p50", page.key)] = json!(p50(sample));
        }
        line
    }
}

/// The 1-, 5- and 15-minute load averages (the machine is shared: figures are read beside it).
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

fn out_missing(out: &mut String, name: &str) {
    out.push_str(&format!("{name:<28} (not in the served schema yet)\n"));
}

fn verdict(holds: bool, target: String) -> String {
    format!("{target} {}", if holds { "holds" } else { "MISSED" })
}

/// Two decimals: enough for milliseconds, and a JSON number (NaN becomes null).
fn round(value: f64) -> Value {
    if value.is_finite() {
        json!((value * 100.0).round() / 100.0)
    } else {
        Value::Null
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_json_line_has_every_key_of_the_issue_and_null_for_what_was_not_measured() {
        let report = BenchReport {
            backend: "sqlite",
            effective_8: Sample::from_latencies(
                vec![Duration::from_millis(2); 10],
                Duration::from_secs(1),
                9,
            ),
            floor_8: Sample::from_latencies(
                vec![Duration::from_millis(1); 40],
                Duration::from_secs(1),
                9,
            ),
            ..BenchReport::default()
        };
        let json = report.json();
        for key in [
            "backend",
            "effective_ms_p50",
            "effective_ms_p99",
            "effective_rps_8",
            "diff_ms_p50",
            "checks_ms_p50",
            "overview_ms_p50",
            "override_write_ms_p50",
            "rss_mb",
            "rss_mb_128",
            "floor_ratio",
        ] {
            assert!(json.get(key).is_some(), "{key} missing");
        }
        assert_eq!(json["floor_ratio"], json!(4.0));
        assert_eq!(json["diff_ms_p50"], Value::Null);
    }
}
