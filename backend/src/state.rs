//! What every request shares: the pool, the token keys, the login limiter, the schema.

use std::sync::Arc;
use std::time::Duration;

use crate::auth::rate_limit::SignInLimiter;
use crate::auth::token::TokenKeys;
use crate::graphql::Schema;
use crate::store::Pool;

pub const TOKEN_ISSUER: &str = "dpiahub";
pub const TOKEN_AUDIENCE: &str = "dpiahub-api";
/// Access tokens are short-lived; the refresh token renews them (SPEC §7).
pub const ACCESS_TOKEN_TTL_SECS: i64 = 15 * 60;
pub const REFRESH_TOKEN_TTL_DAYS: i64 = 30;
/// Failed sign-ins for one account from one address before each further attempt must wait
/// (growing delays, `auth::rate_limit`).
pub const LOGIN_MAX_FAILURES_PER_ACCOUNT: u32 = 10;
/// Failed sign-ins for one account from addresses it never signed in from, all together.
pub const LOGIN_MAX_FAILURES_PER_ACCOUNT_FROM_UNKNOWN_ADDRESSES: u32 = 20;
/// Failed sign-ins per client address: higher, since a whole municipality may sit behind one
/// NAT address.
pub const LOGIN_MAX_FAILURES_PER_ADDRESS: u32 = 50;
/// The longest wait between two sign-in attempts the limiter asks for.
pub const LOGIN_WINDOW: Duration = Duration::from_secs(15 * 60);

pub struct AppState {
    pub pool: Pool,
    pub backend: &'static str,
    pub keys: TokenKeys,
    pub sign_in_limiter: SignInLimiter,
    pub schema: Arc<Schema>,
    /// The day the checks are evaluated on; `None` is the real date. Tests and reproducible
    /// demos pin it, since findings such as "review overdue" depend on it.
    pub today: Option<chrono::NaiveDate>,
    /// Adopter summaries of the overview, reused while the assessment is unchanged.
    pub overview_cache: crate::overview::SummaryCache,
    /// Trusted proxies and who may read `/metrics` (`crate::http::client`).
    pub network: crate::http::client::Network,
}

impl AppState {
    /// The day compliance checks, reports and approvals are evaluated on.
    pub fn today(&self) -> chrono::NaiveDate {
        self.today
            .unwrap_or_else(|| chrono::Utc::now().date_naive())
    }
}
