//! Escaping for the Markdown report. Every value the Markdown template prints passes through
//! [`escape`] (installed as the engine's formatter for the template's custom auto-escape
//! format), so user text — a risk rationale, a recipient's name, a justification — can neither
//! end a table cell early nor become live HTML in a Markdown viewer.

use minijinja::value::Value;
use minijinja::{escape_formatter, AutoEscape, Error, Output, State};

use super::MARKDOWN_ESCAPE;

/// The engine's formatter: Markdown-escapes in the Markdown template and leaves every other
/// format (HTML) to the engine's own escaping. `none` prints as nothing rather than "none".
pub(super) fn formatter(out: &mut Output, state: &mut State, value: &Value) -> Result<(), Error> {
    match state.auto_escape() {
        AutoEscape::Custom(name) if name == MARKDOWN_ESCAPE => {
            if value.is_none() || value.is_undefined() {
                return Ok(());
            }
            let text = match value.as_str() {
                Some(text) => text.to_owned(),
                None => value.to_string(),
            };
            let printed = if value.is_safe() { text } else { escape(&text) };
            out.write_str(&printed).map_err(Error::from)
        }
        _ => escape_formatter(out, state, value),
    }
}

/// Escapes text for any place in the Markdown report, table cells included:
/// - `|` would end a table cell, and line breaks would end the table row: `\|` and `<br>`;
/// - `<` and `>` would let HTML through to viewers that render it, and `&` would turn typed
///   entities into characters: entities;
/// - `\`, `` ` ``, `*`, `[` and `]` would change how the text reads (a backslash before our own
///   cell delimiter would even swallow it): backslash-escaped;
/// - a leading `#`, `-`, `+` or `=` would turn the text into a heading or a list item.
pub(crate) fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + 8);
    let trimmed = text.trim_start();
    let leading_space = &text[..text.len() - trimmed.len()];
    escaped.push_str(&leading_space.replace(['\r', '\n'], " "));
    if trimmed.starts_with(['#', '-', '+', '=']) {
        escaped.push('\\');
    }
    let mut chars = trimmed.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '|' | '\\' | '`' | '*' | '[' | ']' => {
                escaped.push('\\');
                escaped.push(c);
            }
            // `&` first-class too: a title typed as `&lt;b&gt;` must not render as `<b>`.
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '\r' => {
                // A Windows line break is one break, not two.
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                escaped.push_str("<br>");
            }
            '\n' => escaped.push_str("<br>"),
            _ => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn a_pipe_cannot_end_a_table_cell() {
        assert_eq!(escape("a | b"), "a \\| b");
    }

    #[test]
    fn line_breaks_stay_inside_the_table_row() {
        assert_eq!(escape("first\nsecond\r\nthird"), "first<br>second<br>third");
    }

    #[test]
    fn html_in_user_text_is_shown_not_run() {
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
    }

    #[test]
    fn a_trailing_backslash_cannot_swallow_the_cell_delimiter() {
        assert_eq!(escape("C:\\"), "C:\\\\");
    }

    #[test]
    fn leading_markdown_syntax_is_neutralised() {
        assert_eq!(escape("# not a heading"), "\\# not a heading");
        assert_eq!(escape("- not a list"), "\\- not a list");
        assert_eq!(escape("[link](javascript:x)"), "\\[link\\](javascript:x)");
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        assert_eq!(
            escape("Art. 6(1)(e), national ID numbers and metadata"),
            "Art. 6(1)(e), national ID numbers and metadata"
        );
    }

    /// Issue 14, finding 11: a title typed as `&lt;b&gt;` must read as typed, not as `<b>`.
    #[test]
    fn finding_11_an_ampersand_is_escaped_so_typed_entities_read_as_typed() {
        assert_eq!(escape("&lt;b&gt;"), "&amp;lt;b&amp;gt;");
        assert_eq!(escape("IT & security"), "IT &amp; security");
    }
}
