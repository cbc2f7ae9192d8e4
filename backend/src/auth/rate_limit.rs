//! Sign-in rate limiting per account and per client address (SPEC §7).
//!
//! Each key (an account, an address) may fail `max_failures` times within a window that opens
//! at its first failure; after that every attempt naming the key is refused until the window
//! closes. Limiting by account slows a password guesser who spreads attempts over many
//! addresses; limiting by address slows one who tries one password against many accounts.
//!
//! State is in memory: it is lost on restart and not shared between server processes, which
//! is acceptable for a limiter whose job is to make guessing slow, not to be an audit record.
//! The clock is passed in, so the behaviour is tested without sleeping.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// How many keys are tracked at most by default. At ~100 bytes a key this bounds the
/// limiter to roughly 10 MB whatever an attacker sends.
pub const DEFAULT_MAX_TRACKED_KEYS: usize = 100_000;

/// The key under which failures for an account are counted: the email, trimmed and
/// lowercased, so `Dpo@Nordby.example ` and `dpo@nordby.example` share one budget.
pub fn account_key(email: &str) -> String {
    format!("acct:{}", email.trim().to_lowercase())
}

/// The key under which failures from a client address are counted. An IPv6 client usually
/// controls a whole /64, so IPv6 addresses are counted by their /64 prefix; otherwise one
/// client could take a fresh budget for every attempt.
pub fn address_key(address: IpAddr) -> String {
    match address {
        IpAddr::V4(v4) => format!("ip:{v4}"),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => format!("ip:{v4}"),
            None => {
                let s = v6.segments();
                format!("ip:{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

/// Sign-in attempts are refused for this long; the caller can tell the client (e.g. in a
/// `Retry-After` header or the error message).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("too many failed sign-in attempts; try again in {} seconds", self.whole_seconds())]
pub struct RetryAfter {
    /// Time until the blocking window closes.
    pub wait: Duration,
}

impl RetryAfter {
    /// The wait rounded up to whole seconds, never zero (a client told "0" would retry at once).
    pub fn whole_seconds(&self) -> u64 {
        let secs = self.wait.as_secs() + u64::from(self.wait.subsec_nanos() > 0);
        secs.max(1)
    }
}

/// Failures counted for one key since its window opened.
#[derive(Debug, Clone, Copy)]
struct Failures {
    window_start: Instant,
    count: u32,
}

/// The in-memory sign-in limiter. Share one instance between all workers (e.g. in an `Arc`).
#[derive(Debug)]
pub struct LoginLimiter {
    max_failures: u32,
    window: Duration,
    max_tracked_keys: usize,
    failures: Mutex<HashMap<String, Failures>>,
}

impl LoginLimiter {
    /// A limiter that blocks a key after `max_failures` failures within `window`, tracking at
    /// most [`DEFAULT_MAX_TRACKED_KEYS`] keys.
    pub fn new(max_failures: u32, window: Duration) -> Self {
        Self {
            max_failures,
            window,
            max_tracked_keys: DEFAULT_MAX_TRACKED_KEYS,
            failures: Mutex::new(HashMap::new()),
        }
    }

    /// The same limiter tracking at most `max_tracked_keys` keys (at least one).
    pub fn with_max_tracked_keys(mut self, max_tracked_keys: usize) -> Self {
        self.max_tracked_keys = max_tracked_keys.max(1);
        self
    }

    /// Whether an attempt naming these keys (typically the account and the address) may go
    /// ahead at `now`. Call it before verifying the password, so a blocked attempt costs no
    /// hashing time. When several keys are blocked, the longest wait is reported.
    pub fn check(&self, keys: &[&str], now: Instant) -> Result<(), RetryAfter> {
        let failures = self.lock();
        let longest_wait = keys
            .iter()
            .filter_map(|key| failures.get(*key))
            .filter(|entry| entry.count >= self.max_failures)
            .filter_map(|entry| self.remaining(entry, now))
            .max();
        match longest_wait {
            Some(wait) => Err(RetryAfter { wait }),
            None => Ok(()),
        }
    }

    /// Counts a failed attempt against each key at `now`.
    pub fn record_failure(&self, keys: &[&str], now: Instant) {
        let mut failures = self.lock();
        for key in keys {
            if let Some(entry) = failures.get_mut(*key) {
                if self.remaining(entry, now).is_some() {
                    entry.count = entry.count.saturating_add(1);
                } else {
                    *entry = Failures {
                        window_start: now,
                        count: 1,
                    };
                }
                continue;
            }
            if failures.len() >= self.max_tracked_keys {
                self.make_room(&mut failures, now);
            }
            failures.insert(
                (*key).to_owned(),
                Failures {
                    window_start: now,
                    count: 1,
                },
            );
        }
    }

    /// Forgets the failures of an account after its owner signed in. Only the account key is
    /// cleared: clearing the address too would let an attacker who owns one account reset
    /// the address budget they are spending on guessing others.
    pub fn record_success(&self, account_key: &str) {
        self.lock().remove(account_key);
    }

    /// How long the window of `entry` stays open after `now`, or `None` if it has closed.
    fn remaining(&self, entry: &Failures, now: Instant) -> Option<Duration> {
        let elapsed = now.saturating_duration_since(entry.window_start);
        self.window
            .checked_sub(elapsed)
            .filter(|remaining| !remaining.is_zero())
    }

    /// Frees at least one slot: drops every closed window, and if all are still open, the one
    /// that opened first (it is the closest to expiring, so forgetting it gives the least away).
    fn make_room(&self, failures: &mut HashMap<String, Failures>, now: Instant) {
        failures.retain(|_, entry| self.remaining(entry, now).is_some());
        if failures.len() < self.max_tracked_keys {
            return;
        }
        let oldest = failures
            .iter()
            .min_by_key(|(_, entry)| entry.window_start)
            .map(|(key, _)| key.clone());
        if let Some(key) = oldest {
            failures.remove(&key);
        }
    }

    /// The map of failures. A panic while the lock was held cannot leave it inconsistent (each
    /// update is a single insert or field write), so a poisoned lock is used as it is rather
    /// than turning every later sign-in into a panic.
    fn lock(&self) -> MutexGuard<'_, HashMap<String, Failures>> {
        self.failures
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    #[cfg(test)]
    fn tracked_keys(&self) -> usize {
        self.lock().len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{Ipv4Addr, Ipv6Addr};

    const WINDOW: Duration = Duration::from_secs(15 * 60);
    const ACCOUNT: &str = "acct:dpo@nordby.example";
    const ADDRESS: &str = "ip:192.0.2.7";

    fn limiter() -> LoginLimiter {
        LoginLimiter::new(3, WINDOW)
    }

    fn fail_times(limiter: &LoginLimiter, keys: &[&str], times: u32, now: Instant) {
        for _ in 0..times {
            limiter.record_failure(keys, now);
        }
    }

    #[test]
    fn attempts_below_the_limit_are_allowed() {
        let limiter = limiter();
        let now = Instant::now();
        fail_times(&limiter, &[ACCOUNT, ADDRESS], 2, now);
        assert_eq!(limiter.check(&[ACCOUNT, ADDRESS], now), Ok(()));
    }

    #[test]
    fn an_account_at_the_limit_is_blocked_until_its_window_closes() {
        let limiter = limiter();
        let start = Instant::now();
        fail_times(&limiter, &[ACCOUNT], 3, start);

        let later = start + Duration::from_secs(60);
        assert_eq!(
            limiter.check(&[ACCOUNT], later),
            Err(RetryAfter {
                wait: WINDOW - Duration::from_secs(60)
            })
        );
        assert_eq!(limiter.check(&[ACCOUNT], start + WINDOW), Ok(()));
    }

    #[test]
    fn a_blocked_account_is_blocked_from_every_address() {
        let limiter = limiter();
        let now = Instant::now();
        fail_times(&limiter, &[ACCOUNT, "ip:192.0.2.1"], 1, now);
        fail_times(&limiter, &[ACCOUNT, "ip:192.0.2.2"], 1, now);
        fail_times(&limiter, &[ACCOUNT, "ip:192.0.2.3"], 1, now);
        assert!(limiter.check(&[ACCOUNT, "ip:198.51.100.9"], now).is_err());
    }

    #[test]
    fn a_blocked_address_is_blocked_for_every_account() {
        let limiter = limiter();
        let now = Instant::now();
        for email in ["a@x.example", "b@x.example", "c@x.example"] {
            limiter.record_failure(&[&account_key(email), ADDRESS], now);
        }
        let fresh_account = account_key("d@x.example");
        assert!(limiter.check(&[&fresh_account, ADDRESS], now).is_err());
        assert_eq!(
            limiter.check(&[&fresh_account, "ip:192.0.2.8"], now),
            Ok(())
        );
    }

    #[test]
    fn the_longest_wait_of_several_blocked_keys_is_reported() {
        let limiter = limiter();
        let start = Instant::now();
        fail_times(&limiter, &[ADDRESS], 3, start);
        let later = start + Duration::from_secs(100);
        fail_times(&limiter, &[ACCOUNT], 3, later);
        assert_eq!(
            limiter.check(&[ACCOUNT, ADDRESS], later),
            Err(RetryAfter { wait: WINDOW })
        );
    }

    #[test]
    fn a_failure_after_the_window_closed_starts_a_new_window() {
        let limiter = limiter();
        let start = Instant::now();
        fail_times(&limiter, &[ACCOUNT], 2, start);
        let next_window = start + WINDOW + Duration::from_secs(1);
        fail_times(&limiter, &[ACCOUNT], 2, next_window);
        assert_eq!(limiter.check(&[ACCOUNT], next_window), Ok(()));
    }

    #[test]
    fn a_successful_sign_in_clears_the_account_but_not_the_address() {
        let limiter = limiter();
        let now = Instant::now();
        fail_times(&limiter, &[ACCOUNT, ADDRESS], 3, now);
        limiter.record_success(ACCOUNT);
        assert_eq!(limiter.check(&[ACCOUNT], now), Ok(()));
        assert!(limiter.check(&[ADDRESS], now).is_err());
    }

    #[test]
    fn memory_stays_bounded_under_a_flood_of_keys() {
        let limiter = limiter().with_max_tracked_keys(10);
        let now = Instant::now();
        for n in 0..1_000 {
            limiter.record_failure(&[&format!("ip:10.0.{}.{}", n / 256, n % 256)], now);
        }
        assert!(limiter.tracked_keys() <= 10);
    }

    #[test]
    fn closed_windows_are_dropped_before_open_ones_when_full() {
        let limiter = limiter().with_max_tracked_keys(3);
        let start = Instant::now();
        fail_times(&limiter, &["ip:10.0.0.1", "ip:10.0.0.2"], 1, start);
        let later = start + Duration::from_secs(60);
        fail_times(&limiter, &[ACCOUNT], 3, later);
        let after_first_windows = start + WINDOW + Duration::from_secs(1);
        limiter.record_failure(&["ip:10.0.0.3", "ip:10.0.0.4"], after_first_windows);
        assert!(limiter.check(&[ACCOUNT], after_first_windows).is_err());
        assert_eq!(limiter.tracked_keys(), 3);
    }

    #[test]
    fn retry_after_rounds_up_to_whole_seconds_and_is_never_zero() {
        let wait = |millis| RetryAfter {
            wait: Duration::from_millis(millis),
        };
        assert_eq!(wait(1_500).whole_seconds(), 2);
        assert_eq!(wait(2_000).whole_seconds(), 2);
        assert_eq!(wait(0).whole_seconds(), 1);
    }

    #[test]
    fn account_keys_ignore_case_and_surrounding_spaces() {
        assert_eq!(account_key(" Dpo@Nordby.Example "), ACCOUNT);
    }

    #[test]
    fn ipv6_addresses_are_counted_by_their_64_bit_prefix() {
        let one = IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 1, 2, 0, 0, 0, 1));
        let neighbour = IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 1, 2, 9, 9, 9, 9));
        let elsewhere = IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 1, 3, 0, 0, 0, 1));
        assert_eq!(address_key(one), address_key(neighbour));
        assert_ne!(address_key(one), address_key(elsewhere));
        assert_eq!(address_key(one), "ip:2001:db8:1:2::/64");
    }

    #[test]
    fn ipv4_addresses_count_alone_also_when_mapped_into_ipv6() {
        let v4 = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 7));
        let mapped = IpAddr::V6(Ipv4Addr::new(192, 0, 2, 7).to_ipv6_mapped());
        assert_eq!(address_key(v4), ADDRESS);
        assert_eq!(address_key(mapped), ADDRESS);
    }

    #[test]
    fn the_limiter_is_shared_safely_between_threads() {
        let limiter = std::sync::Arc::new(LoginLimiter::new(100, WINDOW));
        let now = Instant::now();
        let workers: Vec<_> = (0..4)
            .map(|_| {
                let limiter = std::sync::Arc::clone(&limiter);
                std::thread::spawn(move || fail_times(&limiter, &[ACCOUNT], 25, now))
            })
            .collect();
        for worker in workers {
            worker.join().expect("worker finishes");
        }
        assert!(limiter.check(&[ACCOUNT], now).is_err());
        assert_eq!(limiter.tracked_keys(), 1);
    }
}
