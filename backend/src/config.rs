//! Configuration from the environment (SPEC §10), with one clear message per bad value.

use std::net::SocketAddr;

use crate::http::client::{AddressSet, Network};
use crate::store::DatabaseUrl;

pub const DEFAULT_DATABASE: &str = "dpiahub.sqlite3";
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";
/// HS256 keys shorter than the hash output weaken the signature (RFC 7518 §3.2).
pub const MIN_JWT_SECRET_BYTES: usize = 32;

#[derive(Clone, Debug)]
pub struct Config {
    pub database: DatabaseUrl,
    /// True when `DATABASE_URL` was not set: the embedded SQLite file of a first run.
    pub database_is_default: bool,
    pub bind: SocketAddr,
    /// `None` only in demo mode, where a random secret is generated with a warning.
    pub jwt_secret: Option<String>,
    pub demo: bool,
    pub demo_password: Option<String>,
    /// `DPIAHUB_TRUSTED_PROXIES` and `DPIAHUB_METRICS_ALLOW`.
    pub network: Network,
}

/// The environment `serve` reads, for `dpiahub serve --help` (README has the same table).
pub const ENVIRONMENT_HELP: &str = "\
Environment variables:
  DATABASE_URL             sqlite://PATH, a file path, or postgres://user:pass@host/db
                           (default: dpiahub.sqlite3 in the working directory)
  DPIAHUB_BIND             address and port to listen on (default 127.0.0.1:8080)
  DPIAHUB_JWT_SECRET       token signing secret, at least 32 bytes; required outside demo mode
  DPIAHUB_DEMO             1 loads the demo into an empty database, 0 never
                           (default: 1 only for the default SQLite file)
  DPIAHUB_DEMO_PASSWORD    password of every demo account (default: random, printed)
  DPIAHUB_TRUSTED_PROXIES  addresses/networks of reverse proxies whose X-Forwarded-For and
                           X-Forwarded-Proto are believed, e.g. 127.0.0.1 or 10.0.0.0/24
                           (default: none)
  DPIAHUB_METRICS_ALLOW    addresses/networks that may read /metrics (default: loopback)
  DPIAHUB_LOG_FORMAT       text (default) or json: one JSON object per log line
  RUST_LOG                 log filter, e.g. info or dpiahub::access=debug (default info)
  NO_COLOR                 set: no colours in logs (they are off anyway when not a terminal)
";

/// How log lines are written (`DPIAHUB_LOG_FORMAT`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

impl LogFormat {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::parse(std::env::var("DPIAHUB_LOG_FORMAT").ok().as_deref())
    }

    fn parse(value: Option<&str>) -> Result<Self, ConfigError> {
        match value.map(str::trim) {
            None | Some("") | Some("text") => Ok(Self::Text),
            Some("json") => Ok(Self::Json),
            Some(other) => Err(bad(
                "DPIAHUB_LOG_FORMAT",
                format!("is {other:?}; use text or json"),
            )),
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("configuration: {variable} {problem}")]
pub struct ConfigError {
    pub variable: &'static str,
    pub problem: String,
}

fn bad(variable: &'static str, problem: impl Into<String>) -> ConfigError {
    ConfigError {
        variable,
        problem: problem.into(),
    }
}

/// `DATABASE_URL`, or the default embedded file (then `true`).
fn database_from_lookup(
    lookup: impl Fn(&str) -> Option<String>,
) -> Result<(DatabaseUrl, bool), ConfigError> {
    match lookup("DATABASE_URL").filter(|v| !v.trim().is_empty()) {
        Some(url) => Ok((
            DatabaseUrl::parse(&url).map_err(|p| bad("DATABASE_URL", p))?,
            false,
        )),
        None => Ok((DatabaseUrl::Sqlite(DEFAULT_DATABASE.to_string()), true)),
    }
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Only the database, for commands that do not serve (`migrate`, `create-operator`): an
    /// operator preparing a database need not have the token secret at hand.
    pub fn database_from_env() -> Result<DatabaseUrl, ConfigError> {
        database_from_lookup(|name| std::env::var(name).ok()).map(|(url, _)| url)
    }

    /// Reads the configuration through `lookup` (the environment, or a map in tests).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let set = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
        let (database, database_is_default) = database_from_lookup(&lookup)?;

        let bind_text = set("DPIAHUB_BIND").unwrap_or_else(|| DEFAULT_BIND.to_string());
        let bind = bind_text.trim().parse::<SocketAddr>().map_err(|_| {
            bad(
                "DPIAHUB_BIND",
                format!("is {bind_text:?}; expected an address and port such as 127.0.0.1:8080"),
            )
        })?;

        // The demo loads only into the default embedded file unless asked for explicitly, so it
        // never lands silently in a production database (SPEC §8).
        let demo = match set("DPIAHUB_DEMO").as_deref().map(str::trim) {
            None => database_is_default,
            Some("1") | Some("true") | Some("yes") => true,
            Some("0") | Some("false") | Some("no") => false,
            Some(other) => return Err(bad("DPIAHUB_DEMO", format!("is {other:?}; use 1 or 0"))),
        };

        let jwt_secret = set("DPIAHUB_JWT_SECRET");
        match &jwt_secret {
            Some(secret) if secret.len() < MIN_JWT_SECRET_BYTES => {
                return Err(bad(
                    "DPIAHUB_JWT_SECRET",
                    format!("must be at least {MIN_JWT_SECRET_BYTES} bytes long"),
                ))
            }
            None if !demo => {
                return Err(bad(
                    "DPIAHUB_JWT_SECRET",
                    "is required outside demo mode (e.g. `openssl rand -hex 32`)",
                ))
            }
            _ => {}
        }

        let demo_password = set("DPIAHUB_DEMO_PASSWORD");
        if let Some(p) = &demo_password {
            if p.len() < 12 {
                return Err(bad(
                    "DPIAHUB_DEMO_PASSWORD",
                    "must be at least 12 characters long",
                ));
            }
        }

        let addresses = |name: &'static str, default: AddressSet| match set(name) {
            None => Ok(default),
            Some(text) => AddressSet::parse(&text).map_err(|problem| bad(name, problem)),
        };
        let network = Network {
            trusted_proxies: addresses("DPIAHUB_TRUSTED_PROXIES", AddressSet::default())?,
            metrics_allow: addresses("DPIAHUB_METRICS_ALLOW", AddressSet::loopback())?,
        };

        Ok(Config {
            database,
            database_is_default,
            bind,
            jwt_secret,
            demo,
            demo_password,
            network,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|name| map.get(name).cloned())
    }

    #[test]
    fn defaults_are_the_embedded_demo() {
        let c = config(&[]).expect("defaults are valid");
        assert_eq!(c.database, DatabaseUrl::Sqlite(DEFAULT_DATABASE.into()));
        assert!(c.database_is_default && c.demo);
        assert_eq!(c.bind.to_string(), DEFAULT_BIND);
        assert!(c.jwt_secret.is_none());
    }

    #[test]
    fn a_named_database_gets_no_demo_and_needs_a_secret() {
        let err = config(&[("DATABASE_URL", "postgres://localhost/x")]).unwrap_err();
        assert_eq!(err.variable, "DPIAHUB_JWT_SECRET");
        let c = config(&[
            ("DATABASE_URL", "sqlite:///tmp/x.db"),
            ("DPIAHUB_JWT_SECRET", &"k".repeat(32)),
        ])
        .expect("valid");
        assert!(!c.demo);
        assert_eq!(c.database, DatabaseUrl::Sqlite("/tmp/x.db".into()));
    }

    #[test]
    fn the_database_alone_needs_no_secret() {
        let lookup = |name: &str| {
            (name == "DATABASE_URL").then(|| "postgres://db.example/dpiahub".to_string())
        };
        let (url, default) = database_from_lookup(lookup).expect("valid without a secret");
        assert!(!default);
        assert_eq!(url.backend_name(), "postgres");
        let err = database_from_lookup(|_| Some("mysql://x".into())).unwrap_err();
        assert_eq!(err.variable, "DATABASE_URL");
    }

    #[test]
    fn bad_values_name_their_variable() {
        assert_eq!(
            config(&[("DPIAHUB_BIND", "localhost")])
                .unwrap_err()
                .variable,
            "DPIAHUB_BIND"
        );
        assert_eq!(
            config(&[("DPIAHUB_DEMO", "maybe")]).unwrap_err().variable,
            "DPIAHUB_DEMO"
        );
        assert_eq!(
            config(&[("DATABASE_URL", "mysql://x")])
                .unwrap_err()
                .variable,
            "DATABASE_URL"
        );
        assert_eq!(
            config(&[("DPIAHUB_JWT_SECRET", "short")])
                .unwrap_err()
                .variable,
            "DPIAHUB_JWT_SECRET"
        );
        assert_eq!(
            config(&[("DPIAHUB_DEMO_PASSWORD", "short")])
                .unwrap_err()
                .variable,
            "DPIAHUB_DEMO_PASSWORD"
        );
        assert_eq!(
            config(&[("DPIAHUB_TRUSTED_PROXIES", "10.0.0.1, nginx")])
                .unwrap_err()
                .variable,
            "DPIAHUB_TRUSTED_PROXIES"
        );
        assert_eq!(
            config(&[("DPIAHUB_METRICS_ALLOW", "10.0.0.0/99")])
                .unwrap_err()
                .variable,
            "DPIAHUB_METRICS_ALLOW"
        );
        assert_eq!(
            LogFormat::parse(Some("xml")).unwrap_err().variable,
            "DPIAHUB_LOG_FORMAT"
        );
    }

    #[test]
    fn proxies_are_trusted_only_when_named_and_metrics_stay_on_loopback() {
        let c = config(&[]).expect("defaults");
        assert!(c.network.trusted_proxies.is_empty());
        assert!(c
            .network
            .metrics_allow
            .contains("127.0.0.1".parse().unwrap()));
        assert!(!c
            .network
            .metrics_allow
            .contains("192.0.2.1".parse().unwrap()));
        let c = config(&[("DPIAHUB_TRUSTED_PROXIES", "127.0.0.1 10.0.0.0/24")]).expect("valid");
        assert!(c
            .network
            .trusted_proxies
            .contains("10.0.0.9".parse().unwrap()));
    }

    #[test]
    fn the_help_names_every_variable_the_server_reads() {
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
                ENVIRONMENT_HELP.contains(name),
                "{name} missing from the help"
            );
        }
    }
}
