//! Limits on what one request may ask for (SPEC §7), checked before juniper parses it.
//!
//! juniper itself caps a document at 64 nesting levels, 15,000 tokens and 15,000 fields
//! (fragment spreads counted each time). Our schema is shallow, so we refuse much earlier: a
//! selection depth over [`MAX_DEPTH`] or more than [`MAX_FIELDS`] selected names in the text.

pub const MAX_QUERY_BYTES: usize = 32 * 1024;
pub const MAX_DEPTH: usize = 12;
pub const MAX_FIELDS: usize = 1_000;
/// Operations in one batched request; a batch of 1,000 is refused whole.
pub const MAX_BATCH: usize = 10;

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum LimitError {
    #[error("the query text is longer than {MAX_QUERY_BYTES} bytes")]
    TooLong,
    #[error("the query nests deeper than {MAX_DEPTH} levels")]
    TooDeep,
    #[error("the query selects more than {MAX_FIELDS} fields")]
    TooManyFields,
}

/// Scans the query text lexically (strings and comments skipped) for depth and size.
pub fn check_query(query: &str) -> Result<(), LimitError> {
    if query.len() > MAX_QUERY_BYTES {
        return Err(LimitError::TooLong);
    }
    let bytes = query.as_bytes();
    let (mut depth, mut names, mut i) = (0usize, 0usize, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'"' => i = skip_string(bytes, i),
            b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(LimitError::TooDeep);
                }
            }
            b'}' => depth = depth.saturating_sub(1),
            c if c == b'_' || c.is_ascii_alphabetic() => {
                while i + 1 < bytes.len()
                    && (bytes[i + 1] == b'_' || bytes[i + 1].is_ascii_alphanumeric())
                {
                    i += 1;
                }
                names += 1;
                if names > MAX_FIELDS {
                    return Err(LimitError::TooManyFields);
                }
            }
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

/// Returns the index of the closing quote of the string starting at `start`.
fn skip_string(bytes: &[u8], start: usize) -> usize {
    if bytes[start..].starts_with(b"\"\"\"") {
        let mut i = start + 3;
        while i < bytes.len() {
            if bytes[i..].starts_with(b"\"\"\"") {
                return i + 2;
            }
            i += 1;
        }
        return bytes.len();
    }
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'"' => return i,
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_queries_pass() {
        assert_eq!(
            check_query("{ me { email organisation { id name kind } } }"),
            Ok(())
        );
    }

    #[test]
    fn deep_nesting_is_refused() {
        let deep = format!(
            "{}{}",
            "{ a ".repeat(MAX_DEPTH + 1),
            "}".repeat(MAX_DEPTH + 1)
        );
        assert_eq!(check_query(&deep), Err(LimitError::TooDeep));
    }

    #[test]
    fn braces_and_names_inside_strings_and_comments_do_not_count() {
        let q = format!(
            "# {{{{{{{{{{{{{{{{\n{{ login(email: \"{}\", password: \"\\\"{{{{\") {{ accessToken }} }}",
            "{".repeat(40)
        );
        assert_eq!(check_query(&q), Ok(()));
        let block = format!("{{ a(x: \"\"\"{}\"\"\") }}", "{ b ".repeat(2000));
        assert_eq!(check_query(&block), Ok(()));
    }

    #[test]
    fn too_many_fields_are_refused() {
        let wide = format!("{{ {} }}", "a ".repeat(MAX_FIELDS + 1));
        assert_eq!(check_query(&wide), Err(LimitError::TooManyFields));
    }

    #[test]
    fn over_long_text_is_refused() {
        assert_eq!(
            check_query(&" ".repeat(MAX_QUERY_BYTES + 1)),
            Err(LimitError::TooLong)
        );
    }
}
