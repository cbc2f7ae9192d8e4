//! Password hashing with argon2id (SPEC §1) and the password policy.
//!
//! Hashes are PHC strings (`$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`) so the parameters
//! travel with each hash: raising them later does not break existing accounts.
//!
//! Hashing is deliberately slow (tens of milliseconds in a release build): call these functions
//! from a blocking task (`actix_web::web::block`), never directly on the async executor.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::rngs::OsRng;

/// Fewest characters a password may have (NIST SP 800-63B recommends at least 8; we ask for
/// 12 because these accounts sign off risk assessments for whole municipalities).
pub const MIN_PASSWORD_CHARS: usize = 12;

/// Most characters a password may have: long enough for any passphrase, short enough that a
/// caller cannot make the server hash megabytes per attempt.
pub const MAX_PASSWORD_CHARS: usize = 1024;

/// Memory cost in KiB: OWASP's argon2id recommendation (19 MiB, 2 passes, 1 lane).
const MEMORY_KIB: u32 = 19_456;
/// Number of passes over the memory.
const ITERATIONS: u32 = 2;
/// Degree of parallelism.
const LANES: u32 = 1;

/// A hash of a password nobody knows, with the same parameters as real hashes. Verifying an
/// unknown account's attempt against it costs the same time as a real verification, so the
/// response time does not reveal whether an account exists (SPEC §7: same answer for unknown
/// email and wrong password). A test checks that its parameters match the ones above.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$4gH8J+5EL1Be9yN2dQiS5A$9TLWcuOA1bP9lWbgMf0XdgR1z0ZLpTGO09hqQsaThE0";

/// Why a password was refused or could not be hashed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    /// The password is shorter than the policy allows.
    #[error("the password must have at least {min} characters")]
    TooShort {
        /// The minimum number of characters.
        min: usize,
    },
    /// The password is longer than the policy allows.
    #[error("the password must have at most {max} characters")]
    TooLong {
        /// The maximum number of characters.
        max: usize,
    },
    /// The hashing library failed (it does not with the fixed parameters; kept opaque so no
    /// internals reach a client).
    #[error("the password could not be hashed")]
    Hashing,
}

/// Checks a new password against the policy: between [`MIN_PASSWORD_CHARS`] and
/// [`MAX_PASSWORD_CHARS`] characters (Unicode scalar values, not bytes, so a passphrase in
/// Danish counts the way its owner counts it). Call it wherever a password is set; never at
/// sign-in, where a policy change must not lock out existing accounts.
pub fn check_password_policy(password: &str) -> Result<(), PasswordError> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(PasswordError::TooShort {
            min: MIN_PASSWORD_CHARS,
        });
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(PasswordError::TooLong {
            max: MAX_PASSWORD_CHARS,
        });
    }
    Ok(())
}

/// Hashes a password with argon2id and a fresh random salt from the operating system,
/// returning the PHC string to store. It does not apply the policy: call
/// [`check_password_policy`] first.
pub fn hash_password(password: &str) -> Result<String, PasswordError> {
    let salt = SaltString::generate(&mut OsRng);
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|_| PasswordError::Hashing)
}

/// Whether `password` matches the stored PHC hash.
///
/// `stored_hash` is `None` when no account has the given email: the attempt is then verified
/// against a dummy hash and refused, taking as long as a real verification. A stored hash that
/// does not parse is treated the same way (refused, same time), so a damaged row neither
/// signs anyone in nor shows up in response times.
pub fn verify_password(password: &str, stored_hash: Option<&str>) -> bool {
    let parsed = stored_hash.and_then(|phc| PasswordHash::new(phc).ok());
    match parsed {
        Some(hash) => hasher().verify_password(password.as_bytes(), &hash).is_ok(),
        None => {
            // Spend the time of a real verification, then refuse whatever the outcome.
            if let Ok(dummy) = PasswordHash::new(DUMMY_HASH) {
                let _ = hasher().verify_password(password.as_bytes(), &dummy);
            }
            false
        }
    }
}

/// The argon2id hasher with the parameters pinned here rather than taken from the library's
/// defaults, so a library upgrade cannot silently change what we store.
fn hasher() -> Argon2<'static> {
    let params = Params::new(MEMORY_KIB, ITERATIONS, LANES, None)
        .expect("the constant argon2 parameters are within the library's bounds");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD_PASSWORD: &str = "correct horse battery staple";

    #[test]
    fn a_hashed_password_verifies_and_another_does_not() {
        let phc = hash_password(GOOD_PASSWORD).expect("hashing succeeds");
        assert!(verify_password(GOOD_PASSWORD, Some(&phc)));
        assert!(!verify_password(
            "correct horse battery stapler",
            Some(&phc)
        ));
        assert!(!verify_password("", Some(&phc)));
    }

    #[test]
    fn hashes_are_argon2id_with_the_owasp_parameters() {
        let phc = hash_password(GOOD_PASSWORD).expect("hashing succeeds");
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
    }

    #[test]
    fn the_same_password_gets_a_different_salt_each_time() {
        let first = hash_password(GOOD_PASSWORD).expect("hashing succeeds");
        let second = hash_password(GOOD_PASSWORD).expect("hashing succeeds");
        assert_ne!(first, second);
    }

    #[test]
    fn an_unknown_account_is_refused() {
        assert!(!verify_password(GOOD_PASSWORD, None));
    }

    #[test]
    fn a_damaged_stored_hash_is_refused_without_panicking() {
        assert!(!verify_password(GOOD_PASSWORD, Some("not a phc string")));
        assert!(!verify_password(GOOD_PASSWORD, Some("")));
        assert!(!verify_password(
            GOOD_PASSWORD,
            Some("$argon2id$v=19$m=19456")
        ));
    }

    #[test]
    fn the_dummy_hash_costs_what_a_real_hash_costs() {
        // Same algorithm and parameters, so the unknown-account path takes the same time.
        let dummy = PasswordHash::new(DUMMY_HASH).expect("the dummy hash parses");
        let real_phc = hash_password(GOOD_PASSWORD).expect("hashing succeeds");
        let real = PasswordHash::new(&real_phc).expect("a fresh hash parses");
        assert_eq!(dummy.algorithm, real.algorithm);
        assert_eq!(dummy.version, real.version);
        assert_eq!(dummy.params, real.params);
        assert_eq!(
            dummy.hash.map(|h| h.len()),
            real.hash.map(|h| h.len()),
            "same output length"
        );
    }

    #[test]
    fn a_password_of_eleven_characters_is_refused() {
        assert_eq!(
            check_password_policy("elevenchars"),
            Err(PasswordError::TooShort { min: 12 })
        );
    }

    #[test]
    fn a_password_of_twelve_characters_is_accepted() {
        assert_eq!(check_password_policy("twelve chars"), Ok(()));
    }

    #[test]
    fn length_is_counted_in_characters_not_bytes() {
        // 12 characters, 18 bytes in UTF-8.
        assert_eq!(check_password_policy("æøåæøåæøåabc"), Ok(()));
        // 11 characters, 22 bytes in UTF-8.
        assert!(check_password_policy("ææææææææææø").is_err());
    }

    #[test]
    fn a_password_longer_than_the_maximum_is_refused() {
        let at_limit = "x".repeat(MAX_PASSWORD_CHARS);
        let over_limit = "x".repeat(MAX_PASSWORD_CHARS + 1);
        assert_eq!(check_password_policy(&at_limit), Ok(()));
        assert_eq!(
            check_password_policy(&over_limit),
            Err(PasswordError::TooLong { max: 1024 })
        );
    }
}
