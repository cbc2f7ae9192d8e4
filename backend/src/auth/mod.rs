//! Authentication primitives (SPEC §1, §7): password hashing, access and refresh tokens, and
//! the sign-in rate limiter.
//!
//! These modules know nothing about the database, HTTP or GraphQL: they take plain values
//! (a clock reading, a stored hash, a secret) and return plain values, so every security
//! property they promise is tested here in isolation. The request context and the `login` /
//! `refresh` resolvers wire them together.

pub mod oidc;
pub mod password;
pub mod rate_limit;
pub mod token;
pub mod totp;
