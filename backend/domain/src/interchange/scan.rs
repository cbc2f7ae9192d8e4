//! Checks on the raw bytes of a document before it is turned into domain types: nesting
//! depth (so no recursion is spent on a hostile document) and duplicate object keys, which
//! serde_json would otherwise resolve silently by keeping the last value.

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;

use serde::de::{DeserializeSeed, Error as _, MapAccess, SeqAccess, Visitor};
use serde::Deserializer;

/// The first place a document nests deeper than allowed: the depth reached and its line.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct TooDeep {
    pub(super) line: usize,
}

/// Scans the bytes for `{` and `[` outside strings and refuses nesting deeper than `max`.
/// Purely lexical: malformed JSON passes here and is refused by the parser afterwards.
pub(super) fn check_depth(bytes: &[u8], max: usize) -> Result<(), TooDeep> {
    let mut depth = 0usize;
    let mut line = 1usize;
    let mut in_string = false;
    let mut escaped = false;
    for &byte in bytes {
        if byte == b'\n' {
            line += 1;
        }
        if in_string {
            match (escaped, byte) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                if depth > max {
                    return Err(TooDeep { line });
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// Where the scan found an object key twice.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct DuplicateKey {
    pub(super) key: String,
    pub(super) path: String,
}

/// Walks the whole document and reports the first object holding a key twice. A JSON
/// syntax error is returned as the parser's error.
pub(super) fn check_unique_keys(bytes: &[u8]) -> Result<Option<DuplicateKey>, serde_json::Error> {
    let found = RefCell::new(None);
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let outcome = UniqueKeys {
        path: String::new(),
        found: &found,
    }
    .deserialize(&mut deserializer)
    .and_then(|()| deserializer.end());
    match (outcome, found.into_inner()) {
        (_, Some(duplicate)) => Ok(Some(duplicate)),
        (Ok(()), None) => Ok(None),
        (Err(error), None) => Err(error),
    }
}

struct UniqueKeys<'a> {
    path: String,
    found: &'a RefCell<Option<DuplicateKey>>,
}

impl UniqueKeys<'_> {
    fn child(&self, step: &str) -> UniqueKeys<'_> {
        let path = match (self.path.is_empty(), step.starts_with('[')) {
            (true, _) | (false, true) => format!("{}{step}", self.path),
            (false, false) => format!("{}.{step}", self.path),
        };
        UniqueKeys {
            path,
            found: self.found,
        }
    }
}

impl<'de> DeserializeSeed<'de> for UniqueKeys<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for UniqueKeys<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0usize;
        while seq
            .next_element_seed(self.child(&format!("[{index}]")))?
            .is_some()
        {
            index += 1;
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if seen.contains(&key) {
                let location = if self.path.is_empty() {
                    "the document root".to_owned()
                } else {
                    format!("`{}`", self.path)
                };
                let message = format!("duplicate key `{key}` in {location}");
                *self.found.borrow_mut() = Some(DuplicateKey {
                    key,
                    path: self.path.clone(),
                });
                return Err(A::Error::custom(message));
            }
            map.next_value_seed(self.child(&key))?;
            seen.insert(key);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_inside_strings_do_not_count_as_nesting() {
        let text = r#"{"a": "[[[[[[\"{{{{"}"#;
        assert_eq!(check_depth(text.as_bytes(), 1), Ok(()));
    }

    #[test]
    fn nesting_beyond_the_limit_is_found_with_its_line() {
        let text = "{\"a\":\n[[[1]]]}";
        assert_eq!(check_depth(text.as_bytes(), 3), Err(TooDeep { line: 2 }));
        assert_eq!(check_depth(text.as_bytes(), 4), Ok(()));
    }

    #[test]
    fn a_repeated_key_is_found_with_its_path() {
        let text = r#"{"content": {"risks": [{"key": "a"}, {"key": "b", "key": "c"}]}}"#;
        assert_eq!(
            check_unique_keys(text.as_bytes()).unwrap(),
            Some(DuplicateKey {
                key: "key".to_owned(),
                path: "content.risks[1]".to_owned()
            })
        );
    }

    #[test]
    fn the_same_key_in_sibling_objects_is_not_a_duplicate() {
        let text = r#"[{"key": 1, "x": null}, {"key": 2.5, "x": [true, "s"]}]"#;
        assert_eq!(check_unique_keys(text.as_bytes()).unwrap(), None);
    }

    #[test]
    fn a_key_spelt_with_an_escape_is_still_the_same_key() {
        let text = r#"{"format": 1, "form\u0061t": 2}"#;
        assert!(check_unique_keys(text.as_bytes()).unwrap().is_some());
    }

    #[test]
    fn broken_json_is_a_parse_error() {
        assert!(check_unique_keys(b"{\"a\": ").is_err());
        assert!(check_unique_keys(b"{} trailing").is_err());
    }
}
