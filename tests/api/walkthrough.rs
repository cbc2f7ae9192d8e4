//! Runs every request of docs/WALKTHROUGH.md against a fresh demo, in order, and compares
//! each answer with the one in the document (ids and timestamps masked), so the tour cannot
//! drift from the server. `DPIAHUB_BLESS=1 cargo test -p dpiahub --test api walkthrough`
//! rewrites the answers in the document instead (after the demo content changes).
//!
//! A request in the document is an HTML comment naming the account, then a `graphql` block,
//! optionally a `<!-- variables -->` comment and a `json` block, then `<!-- answer -->` and a
//! `json` block. `keep: NAME = path.to.value` in the first comment remembers a value of the
//! answer; a variable written `"{{NAME}}"` is replaced by it.

use std::collections::HashMap;

use serde_json::Value;

use crate::helpers::TestApp;

const DOCUMENT: &str = "docs/WALKTHROUGH.md";

struct Step {
    account: String,
    keep: Vec<(String, String)>,
    query: String,
    variables: Option<String>,
    /// Byte range of the answer's JSON text in the document.
    answer: std::ops::Range<usize>,
}

/// The text of the fenced block that starts at or after `from`, and its byte range.
fn next_block(text: &str, from: usize, language: &str) -> (std::ops::Range<usize>, usize) {
    let fence = format!("```{language}\n");
    let start = from + text[from..].find(&fence).expect("a fenced block") + fence.len();
    let end = start + text[start..].find("\n```").expect("a closing fence") + 1;
    (start..end, end + 3)
}

fn steps(text: &str) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut at = 0;
    while let Some(found) = text[at..].find("<!-- as: ") {
        let open = at + found;
        let close = open + text[open..].find("-->").expect("a closed comment");
        let header = &text[open + "<!-- as: ".len()..close];
        let mut parts = header.split(';').map(str::trim);
        let account = parts.next().expect("an account").to_string();
        let keep = parts
            .filter_map(|p| p.strip_prefix("keep:"))
            .map(|p| {
                let (name, path) = p.split_once('=').expect("keep: NAME = path");
                (name.trim().to_string(), path.trim().to_string())
            })
            .collect();
        let (query, after_query) = next_block(text, close, "graphql");
        let answer_mark = after_query
            + text[after_query..]
                .find("<!-- answer -->")
                .expect("an answer");
        let variables = text[after_query..answer_mark]
            .contains("<!-- variables -->")
            .then(|| {
                let (range, _) = next_block(text, after_query, "json");
                text[range].to_string()
            });
        let (answer, after) = next_block(text, answer_mark, "json");
        steps.push(Step {
            account,
            keep,
            query: text[query].to_string(),
            variables,
            answer,
        });
        at = after;
    }
    steps
}

fn substitute(value: &mut Value, kept: &HashMap<String, Value>) {
    match value {
        Value::String(s) => {
            if let Some(name) = s.strip_prefix("{{").and_then(|r| r.strip_suffix("}}")) {
                *value = kept
                    .get(name)
                    .unwrap_or_else(|| panic!("nothing kept as {name}"))
                    .clone();
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| substitute(v, kept)),
        Value::Object(map) => map.values_mut().for_each(|v| substitute(v, kept)),
        _ => {}
    }
}

fn is_uuid(s: &str) -> bool {
    s.len() == 36
        && s.chars().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        })
}

fn is_timestamp(s: &str) -> bool {
    chrono::DateTime::parse_from_rfc3339(s).is_ok()
}

/// Ids and timestamps differ on every run; masked, the rest of an answer does not.
fn mask(value: &mut Value) {
    match value {
        Value::String(s) if is_uuid(s) => *s = "<id>".into(),
        Value::String(s) if is_timestamp(s) => *s = "<time>".into(),
        Value::String(s) => {
            // Ids inside texts and JSON strings (e.g. `detail`, a message).
            let masked: String = mask_embedded(s);
            *s = masked;
        }
        Value::Array(items) => items.iter_mut().for_each(mask),
        Value::Object(map) => map.values_mut().for_each(mask),
        _ => {}
    }
}

fn mask_embedded(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if text.is_char_boundary(i)
            && i + 36 <= text.len()
            && text.is_char_boundary(i + 36)
            && is_uuid(&text[i..i + 36])
        {
            out.push_str("<id>");
            i += 36;
        } else {
            let c = text[i..].chars().next().expect("a char");
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

fn at_path<'a>(value: &'a Value, path: &str) -> &'a Value {
    path.split('.')
        .fold(value, |v, part| match part.parse::<usize>() {
            Ok(index) => &v[index],
            Err(_) => &v[part],
        })
}

#[test]
fn walkthrough_answers_match_a_fresh_demo() {
    let path = format!("{}/../{DOCUMENT}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("the walkthrough");
    let bless = std::env::var("DPIAHUB_BLESS").is_ok_and(|v| v == "1");
    let app = TestApp::spawn();
    let mut tokens: HashMap<String, String> = HashMap::new();
    let mut kept: HashMap<String, Value> = HashMap::new();
    let mut blessed = text.clone();
    let mut failures = Vec::new();
    let all = steps(&text);
    assert!(
        all.len() >= 10,
        "the walkthrough has {} requests",
        all.len()
    );
    // Answers are replaced from the end, so earlier ranges stay valid.
    let mut replacements = Vec::new();
    for (index, step) in all.iter().enumerate() {
        let token = tokens
            .entry(step.account.clone())
            .or_insert_with(|| app.login(&step.account))
            .clone();
        let mut variables: Value = match &step.variables {
            Some(v) => serde_json::from_str(v)
                .unwrap_or_else(|e| panic!("request {index}: variables: {e}")),
            None => Value::Object(Default::default()),
        };
        substitute(&mut variables, &kept);
        let mut answer = app.gql(Some(&token), &step.query, variables);
        for (name, path) in &step.keep {
            let value = at_path(&answer, path).clone();
            assert!(
                !value.is_null(),
                "request {index}: nothing at {path}: {answer}"
            );
            kept.insert(name.clone(), value);
        }
        mask(&mut answer);
        let pretty = serde_json::to_string_pretty(&answer).expect("json") + "\n";
        let written: Value = serde_json::from_str(&text[step.answer.clone()])
            .unwrap_or_else(|e| panic!("request {index}: the document's answer is not JSON: {e}"));
        if written != answer {
            failures.push(format!(
                "request {index} ({}):\n{}\nexpected (document):\n{}\nactual:\n{pretty}",
                step.account,
                step.query.trim(),
                &text[step.answer.clone()]
            ));
        }
        replacements.push((step.answer.clone(), pretty));
    }
    if bless {
        for (range, pretty) in replacements.into_iter().rev() {
            blessed.replace_range(range, &pretty);
        }
        std::fs::write(&path, blessed).expect("write the walkthrough");
        return;
    }
    assert!(
        failures.is_empty(),
        "{} of {} answers differ from {DOCUMENT} (DPIAHUB_BLESS=1 rewrites them):\n\n{}",
        failures.len(),
        all.len(),
        failures.join("\n\n")
    );
}
