//! Who the client is, and whether it came over HTTPS, when a reverse proxy may stand in front.
//!
//! Behind a proxy the TCP peer is the proxy. Its `X-Forwarded-For` and `X-Forwarded-Proto`
//! are believed only when the peer is in `DPIAHUB_TRUSTED_PROXIES`; anyone else could write
//! them. The client is then the rightmost address of `X-Forwarded-For` that is not itself a
//! trusted proxy: entries to its left were written by the client and prove nothing.
//!
//! Every door that needs the client (the API's login, the web sign-in, the audit trail, the
//! rate limits, `/metrics`) calls [`address`]; cookie code calls [`is_https`].

use std::net::IpAddr;
use std::sync::Arc;

use actix_web::{web, HttpRequest};
use ipnet::IpNet;

use crate::state::AppState;

/// A list of addresses and networks (`10.0.0.0/8, 192.0.2.7, ::1`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AddressSet(Vec<IpNet>);

impl AddressSet {
    /// Parses addresses and CIDR networks separated by commas or spaces. A bare address is a
    /// network of one.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut nets = Vec::new();
        for item in text
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
        {
            let net = match item.parse::<IpNet>() {
                Ok(net) => net.trunc(),
                Err(_) => match item.parse::<IpAddr>() {
                    Ok(addr) => IpNet::from(addr),
                    Err(_) => {
                        return Err(format!(
                            "{item:?} is neither an address nor a network \
                             (examples: 10.0.0.5, 10.0.0.0/24, ::1)"
                        ))
                    }
                },
            };
            nets.push(net);
        }
        Ok(Self(nets))
    }

    /// Loopback only (`127.0.0.0/8` and `::1`): the default for who may read `/metrics`.
    pub fn loopback() -> Self {
        Self::parse("127.0.0.0/8, ::1").expect("constant networks parse")
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn contains(&self, addr: IpAddr) -> bool {
        let addr = addr.to_canonical();
        self.0.iter().any(|net| net.contains(&addr))
    }
}

impl std::fmt::Display for AddressSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        f.write_str(&parts.join(", "))
    }
}

/// The operator's network settings (`DPIAHUB_TRUSTED_PROXIES`, `DPIAHUB_METRICS_ALLOW`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Network {
    pub trusted_proxies: AddressSet,
    pub metrics_allow: AddressSet,
}

impl Default for Network {
    fn default() -> Self {
        Self {
            trusted_proxies: AddressSet::default(),
            metrics_allow: AddressSet::loopback(),
        }
    }
}

/// The client of a connection from `peer` whose request carried these `X-Forwarded-For`
/// values (in header order). Pure, so the rule is tested without HTTP.
pub fn resolve_client(peer: IpAddr, forwarded_for: &[&str], trusted: &AddressSet) -> IpAddr {
    let peer = peer.to_canonical();
    if !trusted.contains(peer) {
        return peer;
    }
    let mut client = peer;
    for entry in forwarded_for
        .iter()
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .rev()
    {
        match parse_forwarded_address(entry) {
            Some(addr) => {
                client = addr.to_canonical();
                if !trusted.contains(client) {
                    return client;
                }
            }
            // Garbage where an address belongs: the hop that wrote it is the last one known.
            None => return client,
        }
    }
    client
}

/// An address as proxies write it: `192.0.2.1`, `2001:db8::1`, `[2001:db8::1]:443`,
/// `192.0.2.1:5000`.
fn parse_forwarded_address(entry: &str) -> Option<IpAddr> {
    if let Ok(addr) = entry.parse() {
        return Some(addr);
    }
    if let Ok(socket) = entry.parse::<std::net::SocketAddr>() {
        return Some(socket.ip());
    }
    None
}

fn network(req: &HttpRequest) -> Network {
    req.app_data::<web::Data<Arc<AppState>>>()
        .map(|state| state.network.clone())
        .unwrap_or_default()
}

fn peer_is_trusted(req: &HttpRequest, network: &Network) -> bool {
    req.peer_addr()
        .is_some_and(|peer| network.trusted_proxies.contains(peer.ip()))
}

/// The client's address, for rate limits, the audit trail and access control.
pub fn client_ip(req: &HttpRequest) -> Option<IpAddr> {
    let network = network(req);
    let peer = req.peer_addr()?.ip();
    let forwarded: Vec<&str> = req
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok())
        .collect();
    Some(resolve_client(peer, &forwarded, &network.trusted_proxies))
}

/// [`client_ip`] as the text `signin::authenticate` takes (`unknown` without a peer).
pub fn address(req: &HttpRequest) -> String {
    client_ip(req)
        .map(|ip| ip.to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// True when the client's request reached us over HTTPS: our own listener has TLS, or a
/// trusted proxy says so in `X-Forwarded-Proto` (its last value: the proxy nearest to us).
/// Cookies get `Secure` when this is true.
pub fn is_https(req: &HttpRequest) -> bool {
    if req.app_config().secure() {
        return true;
    }
    let network = network(req);
    if !peer_is_trusted(req, &network) {
        return false;
    }
    forwarded_proto_is_https(
        req.headers()
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok()),
    )
}

/// `X-Forwarded-Proto` of a trusted proxy: the last value is what the nearest proxy saw.
fn forwarded_proto_is_https(value: Option<&str>) -> bool {
    value
        .and_then(|v| v.rsplit(',').next())
        .is_some_and(|proto| proto.trim().eq_ignore_ascii_case("https"))
}

/// The request id a trusted proxy already gave this request (nginx's `$request_id`), so the
/// proxy's log and ours name the same id. Anyone else's is ignored.
pub fn forwarded_request_id(req: &actix_web::dev::ServiceRequest) -> Option<String> {
    let network = req
        .app_data::<web::Data<Arc<AppState>>>()
        .map(|state| state.network.clone())
        .unwrap_or_default();
    let trusted = req
        .peer_addr()
        .is_some_and(|peer| network.trusted_proxies.contains(peer.ip()));
    if !trusted {
        return None;
    }
    let id = req.headers().get("x-request-id")?.to_str().ok()?.trim();
    let well_formed = !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.');
    well_formed.then(|| id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("a test address")
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_claims() {
        let trusted = AddressSet::parse("10.0.0.1").unwrap();
        assert_eq!(
            resolve_client(ip("198.51.100.9"), &["203.0.113.1"], &trusted),
            ip("198.51.100.9")
        );
        assert_eq!(
            resolve_client(ip("198.51.100.9"), &["203.0.113.1"], &AddressSet::default()),
            ip("198.51.100.9")
        );
    }

    #[test]
    fn behind_a_trusted_proxy_the_rightmost_untrusted_address_is_the_client() {
        let trusted = AddressSet::parse("10.0.0.0/24, 127.0.0.1").unwrap();
        // The client forged the first entry; the proxy appended the real one.
        assert_eq!(
            resolve_client(
                ip("127.0.0.1"),
                &["1.2.3.4, 198.51.100.9", "10.0.0.7"],
                &trusted
            ),
            ip("198.51.100.9")
        );
        assert_eq!(
            resolve_client(ip("127.0.0.1"), &[], &trusted),
            ip("127.0.0.1")
        );
        assert_eq!(
            resolve_client(ip("127.0.0.1"), &["[2001:db8::5]:443"], &trusted),
            ip("2001:db8::5")
        );
        // Garbage stops the walk at the last hop that is known.
        assert_eq!(
            resolve_client(ip("127.0.0.1"), &["nonsense, 10.0.0.3"], &trusted),
            ip("10.0.0.3")
        );
    }

    #[test]
    fn the_nearest_proxys_scheme_decides_https() {
        assert!(forwarded_proto_is_https(Some("https")));
        assert!(forwarded_proto_is_https(Some("http, HTTPS")));
        assert!(!forwarded_proto_is_https(Some("https, http")));
        assert!(!forwarded_proto_is_https(None));
    }

    #[test]
    fn address_sets_accept_addresses_networks_and_mapped_addresses() {
        let set = AddressSet::parse("10.0.0.0/8 192.0.2.7,::1").unwrap();
        assert!(set.contains(ip("10.9.8.7")));
        assert!(set.contains(ip("::ffff:192.0.2.7")));
        assert!(set.contains(ip("::1")));
        assert!(!set.contains(ip("192.0.2.8")));
        assert!(AddressSet::parse("10.0.0.0/33").is_err());
        assert!(AddressSet::parse("proxy.example").is_err());
        assert!(AddressSet::loopback().contains(ip("127.0.0.3")));
    }
}
