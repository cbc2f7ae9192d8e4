//! Sign-in rate limiting (SPEC §7, issue 14 findings 2 and 3), after OWASP's authentication
//! guidance: growing delays rather than a hard lock, counted per account *and* address.
//!
//! Three counters slow a guesser down, each with a number of free failures after which every
//! further attempt must wait twice as long as the one before (30 s, 1 min, 2 min, … up to the
//! cap of 15 min):
//! - **account and address together**: one guesser at one address against one account;
//! - **address**: one address spraying a password over many accounts;
//! - **account, from addresses it never signed in from**: many addresses against one account.
//!   A sign-in from one of the account's *known* addresses (where it signed in successfully
//!   before) skips this counter, so a stranger's failures cannot lock the owner out.
//!
//! The attempt is taken (counted) *before* the password is hashed and refunded after a
//! success, so sending many guesses at once cannot multiply them (finding 2).
//!
//! State is in memory: it is lost on restart and not shared between server processes, which
//! is acceptable for a limiter whose job is to make guessing slow, not to be an audit record.
//! The clock is passed in, so the behaviour is tested without sleeping.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// How many keys (and accounts with known addresses) are tracked at most by default. At
/// ~150 bytes a key this bounds the limiter to some tens of MB whatever an attacker sends.
pub const DEFAULT_MAX_TRACKED_KEYS: usize = 100_000;

/// Known addresses remembered per account, the most recent first.
const KNOWN_ADDRESSES_PER_ACCOUNT: usize = 8;

/// A known address is forgotten when the account has not signed in from it for this long.
const KNOWN_ADDRESS_TTL: Duration = Duration::from_secs(90 * 24 * 3600);

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
    /// Time until the next attempt is allowed.
    pub wait: Duration,
}

impl RetryAfter {
    /// The wait rounded up to whole seconds, never zero (a client told "0" would retry at once).
    pub fn whole_seconds(&self) -> u64 {
        let secs = self.wait.as_secs() + u64::from(self.wait.subsec_nanos() > 0);
        secs.max(1)
    }
}

/// How one counter slows attempts down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// Failures allowed without any wait.
    pub free_failures: u32,
    /// The wait after the first failure past the free ones; it doubles with each further one.
    pub first_delay: Duration,
    /// The longest wait.
    pub max_delay: Duration,
}

impl Backoff {
    /// The wait required after `failures` failures (zero while they are free).
    fn delay(&self, failures: u32) -> Duration {
        if failures < self.free_failures {
            return Duration::ZERO;
        }
        let doublings = (failures - self.free_failures).min(30);
        self.first_delay
            .saturating_mul(1u32 << doublings)
            .min(self.max_delay)
    }
}

/// The three counters' settings, and how long a counter is kept after its last failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub per_account_and_address: Backoff,
    pub per_address: Backoff,
    pub per_account_from_unknown_addresses: Backoff,
    /// A counter with no failure for this long is forgotten.
    pub forget_after: Duration,
}

impl Limits {
    /// Growing delays from 30 s to `max_delay` after the given free failures per counter.
    pub fn new(account_and_address: u32, address: u32, account: u32, max_delay: Duration) -> Self {
        let backoff = |free_failures| Backoff {
            free_failures,
            first_delay: Duration::from_secs(30),
            max_delay,
        };
        Self {
            per_account_and_address: backoff(account_and_address),
            per_address: backoff(address),
            per_account_from_unknown_addresses: backoff(account),
            forget_after: max_delay.saturating_mul(4),
        }
    }
}

/// Failures counted for one key.
#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    last: Instant,
}

#[derive(Debug, Default)]
struct State {
    failures: HashMap<String, Failures>,
    /// Account key → address keys it signed in from, most recent first.
    known: HashMap<String, Vec<(String, Instant)>>,
}

/// An attempt that was allowed and already counted as a failure; pass it to
/// [`SignInLimiter::succeeded`] when the password was right.
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use = "a successful sign-in must be reported with `succeeded`"]
pub struct Attempt {
    account: String,
    address: String,
    counted: Vec<String>,
}

/// The in-memory sign-in limiter. Share one instance between all workers.
#[derive(Debug)]
pub struct SignInLimiter {
    limits: Limits,
    max_tracked_keys: usize,
    state: Mutex<State>,
}

fn pair_key(account: &str, address: &str) -> String {
    format!("pair:{account}|{address}")
}

fn unknown_key(account: &str) -> String {
    format!("unknown:{account}")
}

impl SignInLimiter {
    pub fn new(limits: Limits) -> Self {
        Self {
            limits,
            max_tracked_keys: DEFAULT_MAX_TRACKED_KEYS,
            state: Mutex::new(State::default()),
        }
    }

    /// The same limiter tracking at most `max_tracked_keys` keys (at least one).
    pub fn with_max_tracked_keys(mut self, max_tracked_keys: usize) -> Self {
        self.max_tracked_keys = max_tracked_keys.max(1);
        self
    }

    /// Takes a sign-in attempt for `account` (see [`account_key`]) from `address` (see
    /// [`address_key`]) at `now`: refused with the longest wait of the counters that are
    /// waiting, or allowed and counted as a failure at once, before the password is checked.
    pub fn begin(&self, account: &str, address: &str, now: Instant) -> Result<Attempt, RetryAfter> {
        let mut state = self.lock();
        let known = Self::is_known(&state, account, address, now);
        let mut keys = vec![
            (
                pair_key(account, address),
                self.limits.per_account_and_address,
            ),
            (address.to_owned(), self.limits.per_address),
        ];
        if !known {
            keys.push((
                unknown_key(account),
                self.limits.per_account_from_unknown_addresses,
            ));
        }
        let longest_wait = keys
            .iter()
            .filter_map(|(key, backoff)| {
                let entry = state.failures.get(key)?;
                if self.forgotten(entry, now) {
                    return None;
                }
                let ready = entry.last + backoff.delay(entry.count);
                ready.checked_duration_since(now).filter(|w| !w.is_zero())
            })
            .max();
        if let Some(wait) = longest_wait {
            return Err(RetryAfter { wait });
        }
        for (key, _) in &keys {
            self.count_failure(&mut state, key, now);
        }
        Ok(Attempt {
            account: account.to_owned(),
            address: address.to_owned(),
            counted: keys.into_iter().map(|(key, _)| key).collect(),
        })
    }

    /// The password was right: forgets the account's failures (from this address and from
    /// unknown ones), refunds the address the attempt it was charged, and remembers the
    /// address as known to the account. The address's other failures stay: clearing them
    /// would let someone who owns one account reset the budget they spend guessing others.
    pub fn succeeded(&self, attempt: Attempt, now: Instant) {
        let mut state = self.lock();
        for key in &attempt.counted {
            if *key == attempt.address {
                if let Some(entry) = state.failures.get_mut(key) {
                    entry.count = entry.count.saturating_sub(1);
                }
            } else {
                state.failures.remove(key);
            }
        }
        state.failures.remove(&unknown_key(&attempt.account));
        if !state.known.contains_key(&attempt.account) && state.known.len() >= self.max_tracked_keys
        {
            let oldest = state
                .known
                .iter()
                .min_by_key(|(_, list)| list.first().map(|(_, at)| *at))
                .map(|(key, _)| key.clone());
            if let Some(key) = oldest {
                state.known.remove(&key);
            }
        }
        let list = state.known.entry(attempt.account).or_default();
        list.retain(|(address, _)| *address != attempt.address);
        list.insert(0, (attempt.address, now));
        list.truncate(KNOWN_ADDRESSES_PER_ACCOUNT);
    }

    fn is_known(state: &State, account: &str, address: &str, now: Instant) -> bool {
        state.known.get(account).is_some_and(|list| {
            list.iter().any(|(known, at)| {
                known == address && now.saturating_duration_since(*at) < KNOWN_ADDRESS_TTL
            })
        })
    }

    fn count_failure(&self, state: &mut State, key: &str, now: Instant) {
        if let Some(entry) = state.failures.get_mut(key) {
            if self.forgotten(entry, now) {
                *entry = Failures {
                    count: 1,
                    last: now,
                };
            } else {
                entry.count = entry.count.saturating_add(1);
                entry.last = now;
            }
            return;
        }
        if state.failures.len() >= self.max_tracked_keys {
            self.make_room(&mut state.failures, now);
        }
        state.failures.insert(
            key.to_owned(),
            Failures {
                count: 1,
                last: now,
            },
        );
    }

    fn forgotten(&self, entry: &Failures, now: Instant) -> bool {
        now.saturating_duration_since(entry.last) >= self.limits.forget_after
    }

    /// Frees at least one slot: drops every forgotten counter, and if none is, the one whose
    /// last failure is oldest (it is the closest to being forgotten anyway).
    fn make_room(&self, failures: &mut HashMap<String, Failures>, now: Instant) {
        failures.retain(|_, entry| !self.forgotten(entry, now));
        if failures.len() < self.max_tracked_keys {
            return;
        }
        let oldest = failures
            .iter()
            .min_by_key(|(_, entry)| entry.last)
            .map(|(key, _)| key.clone());
        if let Some(key) = oldest {
            failures.remove(&key);
        }
    }

    /// A panic while the lock was held cannot leave the state inconsistent (each update is a
    /// single insert or field write), so a poisoned lock is used as it is rather than turning
    /// every later sign-in into a panic.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    #[cfg(test)]
    fn tracked_keys(&self) -> usize {
        self.lock().failures.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{Ipv4Addr, Ipv6Addr};

    const MAX: Duration = Duration::from_secs(15 * 60);
    const ACCOUNT: &str = "acct:dpo@nordby.example";
    const ADDRESS: &str = "ip:192.0.2.7";
    const OWNER: &str = "ip:198.51.100.7";

    /// 3 free failures per account and address, 5 per address, 4 per account from unknown
    /// addresses.
    fn limiter() -> SignInLimiter {
        SignInLimiter::new(Limits::new(3, 5, 4, MAX))
    }

    fn fail(limiter: &SignInLimiter, account: &str, address: &str, times: u32, now: Instant) {
        for _ in 0..times {
            let _ = limiter.begin(account, address, now);
        }
    }

    #[test]
    fn attempts_within_the_free_failures_are_allowed() {
        let limiter = limiter();
        let now = Instant::now();
        fail(&limiter, ACCOUNT, ADDRESS, 2, now);
        assert!(limiter.begin(ACCOUNT, ADDRESS, now).is_ok());
    }

    #[test]
    fn finding_03_delays_grow_rather_than_lock_for_a_fixed_window() {
        let limiter = limiter();
        let start = Instant::now();
        fail(&limiter, ACCOUNT, ADDRESS, 3, start);
        assert_eq!(
            limiter.begin(ACCOUNT, ADDRESS, start),
            Err(RetryAfter {
                wait: Duration::from_secs(30)
            })
        );
        // After the wait one more attempt goes through, and the next wait is twice as long.
        let later = start + Duration::from_secs(30);
        assert!(limiter.begin(ACCOUNT, ADDRESS, later).is_ok());
        assert_eq!(
            limiter.begin(ACCOUNT, ADDRESS, later),
            Err(RetryAfter {
                wait: Duration::from_secs(60)
            })
        );
    }

    #[test]
    fn the_wait_never_exceeds_the_cap() {
        let backoff = Limits::new(3, 5, 4, MAX).per_account_and_address;
        assert_eq!(backoff.delay(2), Duration::ZERO);
        assert_eq!(backoff.delay(3), Duration::from_secs(30));
        assert_eq!(backoff.delay(6), Duration::from_secs(240));
        assert_eq!(backoff.delay(40), MAX);
        assert_eq!(backoff.delay(u32::MAX), MAX);
    }

    #[test]
    fn finding_02_each_attempt_is_counted_before_the_password_is_checked() {
        let limiter = limiter();
        let now = Instant::now();
        // Three attempts taken at once, none finished yet: the fourth waits.
        let taken: Vec<_> = (0..3)
            .map(|_| limiter.begin(ACCOUNT, ADDRESS, now))
            .collect();
        assert!(taken.iter().all(Result::is_ok));
        assert!(limiter.begin(ACCOUNT, ADDRESS, now).is_err());
    }

    #[test]
    fn finding_03_a_stranger_does_not_slow_the_owner_at_a_known_address() {
        let limiter = limiter();
        let now = Instant::now();
        let attempt = limiter.begin(ACCOUNT, OWNER, now).expect("first sign-in");
        limiter.succeeded(attempt, now);
        // Many strangers at many addresses fail against the account.
        for n in 0..50 {
            fail(&limiter, ACCOUNT, &format!("ip:203.0.113.{n}"), 3, now);
        }
        assert!(limiter.begin(ACCOUNT, "ip:192.0.2.200", now).is_err());
        assert!(limiter.begin(ACCOUNT, OWNER, now).is_ok());
    }

    #[test]
    fn many_addresses_against_one_account_are_slowed_down() {
        let limiter = limiter();
        let now = Instant::now();
        for n in 0..4 {
            fail(&limiter, ACCOUNT, &format!("ip:203.0.113.{n}"), 1, now);
        }
        assert!(limiter.begin(ACCOUNT, "ip:203.0.113.99", now).is_err());
    }

    #[test]
    fn one_address_against_many_accounts_is_slowed_down() {
        let limiter = limiter();
        let now = Instant::now();
        for n in 0..5 {
            fail(
                &limiter,
                &account_key(&format!("u{n}@x.example")),
                ADDRESS,
                1,
                now,
            );
        }
        let fresh = account_key("fresh@x.example");
        assert!(limiter.begin(&fresh, ADDRESS, now).is_err());
        assert!(limiter.begin(&fresh, "ip:192.0.2.8", now).is_ok());
    }

    #[test]
    fn a_success_clears_the_account_but_not_the_address() {
        let limiter = SignInLimiter::new(Limits::new(3, 4, 10, MAX));
        let now = Instant::now();
        fail(&limiter, ACCOUNT, ADDRESS, 2, now);
        fail(&limiter, "acct:other@x.example", ADDRESS, 1, now);
        let attempt = limiter.begin(ACCOUNT, ADDRESS, now).expect("allowed");
        limiter.succeeded(attempt, now);
        // The account's failures are gone; the address keeps its three failed attempts.
        assert!(limiter.begin(ACCOUNT, ADDRESS, now).is_ok());
        assert!(limiter.begin("acct:third@x.example", ADDRESS, now).is_err());
    }

    #[test]
    fn counters_are_forgotten_after_a_quiet_period() {
        let limiter = limiter();
        let start = Instant::now();
        fail(&limiter, ACCOUNT, ADDRESS, 10, start);
        let quiet = start + MAX.saturating_mul(4);
        assert!(limiter.begin(ACCOUNT, ADDRESS, quiet).is_ok());
    }

    #[test]
    fn memory_stays_bounded_under_a_flood_of_keys() {
        let limiter = limiter().with_max_tracked_keys(10);
        let now = Instant::now();
        for n in 0..1_000 {
            let _ = limiter.begin(
                &format!("acct:{n}@x.example"),
                &format!("ip:10.0.{}.{}", n / 256, n % 256),
                now,
            );
        }
        assert!(limiter.tracked_keys() <= 10);
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
        let limiter = std::sync::Arc::new(SignInLimiter::new(Limits::new(100, 1_000, 1_000, MAX)));
        let now = Instant::now();
        let workers: Vec<_> = (0..4)
            .map(|_| {
                let limiter = std::sync::Arc::clone(&limiter);
                std::thread::spawn(move || fail(&limiter, ACCOUNT, ADDRESS, 25, now))
            })
            .collect();
        for worker in workers {
            worker.join().expect("worker finishes");
        }
        assert!(limiter.begin(ACCOUNT, ADDRESS, now).is_err());
    }
}
