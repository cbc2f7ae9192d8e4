//! Item keys (SPEC §2): the stable names, e.g. `risk.messages.misdirected`, by which
//! inheritance, diffs, upgrades, statistics and the audit log refer to template items.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The longest key accepted; long enough for dotted paths, short enough for an index.
pub const MAX_KEY_LENGTH: usize = 200;

/// A parsed item key: non-empty, at most [`MAX_KEY_LENGTH`] characters, `[a-z0-9][a-z0-9._-]*`.
/// Holding an `ItemKey` proves the text is well formed, so no later code re-checks it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ItemKey(String);

/// Why a text is not an item key.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum InvalidItemKey {
    /// The text is empty.
    #[error("an item key cannot be empty")]
    Empty,
    /// The text is longer than [`MAX_KEY_LENGTH`].
    #[error("item key is {length} characters long; at most {MAX_KEY_LENGTH} are allowed")]
    TooLong {
        /// Its length in bytes (all accepted characters are ASCII).
        length: usize,
    },
    /// The text holds a character outside `[a-z0-9._-]` or starts with `.`, `_` or `-`.
    #[error("item key `{key}` must start with a lower-case letter or digit and contain only a-z, 0-9, '.', '_' and '-'")]
    BadCharacter {
        /// The refused text (truncated to the maximum length).
        key: String,
    },
}

impl ItemKey {
    /// Parses a key, refusing anything that does not match the key grammar.
    pub fn parse(text: &str) -> Result<Self, InvalidItemKey> {
        if text.is_empty() {
            return Err(InvalidItemKey::Empty);
        }
        if text.len() > MAX_KEY_LENGTH {
            return Err(InvalidItemKey::TooLong { length: text.len() });
        }
        let mut bytes = text.bytes();
        let starts_well = bytes
            .next()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        let continues_well =
            bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b));
        if starts_well && continues_well {
            Ok(ItemKey(text.to_owned()))
        } else {
            Err(InvalidItemKey::BadCharacter {
                key: text.chars().take(MAX_KEY_LENGTH).collect(),
            })
        }
    }

    /// The key as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ItemKey {
    type Error = InvalidItemKey;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        ItemKey::parse(&text)
    }
}

impl From<ItemKey> for String {
    fn from(key: ItemKey) -> Self {
        key.0
    }
}

impl AsRef<str> for ItemKey {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ItemKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_lower_case_keys_are_accepted() {
        let key = ItemKey::parse("risk.messages.misdirected-2_b").unwrap();
        assert_eq!(key.as_str(), "risk.messages.misdirected-2_b");
    }

    #[test]
    fn an_empty_key_is_refused() {
        assert_eq!(ItemKey::parse(""), Err(InvalidItemKey::Empty));
    }

    #[test]
    fn a_key_longer_than_the_maximum_is_refused() {
        let long = "a".repeat(MAX_KEY_LENGTH + 1);
        assert_eq!(
            ItemKey::parse(&long),
            Err(InvalidItemKey::TooLong { length: 201 })
        );
        assert!(ItemKey::parse(&"a".repeat(MAX_KEY_LENGTH)).is_ok());
    }

    #[test]
    fn upper_case_spaces_and_leading_punctuation_are_refused() {
        for bad in ["Risk.x", "risk x", ".risk", "-risk", "risk/x", "risiko.æ"] {
            assert!(
                matches!(
                    ItemKey::parse(bad),
                    Err(InvalidItemKey::BadCharacter { .. })
                ),
                "{bad} should be refused"
            );
        }
    }

    #[test]
    fn keys_deserialise_through_the_parser() {
        let ok: ItemKey = serde_json::from_str("\"scope.messages\"").unwrap();
        assert_eq!(ok.to_string(), "scope.messages");
        assert!(serde_json::from_str::<ItemKey>("\"Scope\"").is_err());
    }

    proptest::proptest! {
        #[test]
        fn every_parsed_key_round_trips_through_json(text in "[a-z0-9][a-z0-9._-]{0,60}") {
            let key = ItemKey::parse(&text).unwrap();
            let json = serde_json::to_string(&key).unwrap();
            proptest::prop_assert_eq!(serde_json::from_str::<ItemKey>(&json).unwrap(), key);
        }

        #[test]
        fn parsing_never_panics(text in "\\PC{0,250}") {
            let _ = ItemKey::parse(&text);
        }
    }
}
