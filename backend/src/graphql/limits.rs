//! Limits on what one request may ask for (SPEC §7), checked before juniper parses it.
//!
//! juniper itself caps a document at 64 nesting levels, 15,000 tokens and 15,000 fields
//! (fragment spreads counted each time). Our schema is shallow, so we refuse much earlier: a
//! selection depth over [`MAX_DEPTH`] or more than [`MAX_FIELDS`] selected names in the text,
//! then a cost over [`MAX_COST`] (issue 14, finding 7: [`cost`]).

use std::collections::HashMap;

use graphql_parser::query as ast;

pub const MAX_QUERY_BYTES: usize = 32 * 1024;
pub const MAX_DEPTH: usize = 12;
pub const MAX_FIELDS: usize = 1_000;
/// Operations in one batched request; a batch of 1,000 is refused whole.
pub const MAX_BATCH: usize = 10;
/// Nesting of `{`, `[` and `(` together: list values nest without braces, and a parser
/// recurses once per level.
pub const MAX_NESTING: usize = 32;
/// The cost one request (all operations of a batch together) may have; see [`field_cost`].
pub const MAX_COST: u64 = 10_000;
/// The largest response body: a request within budget stays far below it; it stops what the
/// cost model cannot see (long lists of large documents) before the bytes are sent.
pub const MAX_RESPONSE_BYTES: usize = 32 * 1024 * 1024;
/// Page size assumed for a `first` argument that is absent or not a number.
const DEFAULT_PAGE: u64 = 50;
/// The largest page any connection serves.
const MAX_PAGE: u64 = 200;

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum LimitError {
    #[error("the query text is longer than {MAX_QUERY_BYTES} bytes")]
    TooLong,
    #[error("the query nests deeper than {MAX_DEPTH} levels")]
    TooDeep,
    #[error("the query selects more than {MAX_FIELDS} fields")]
    TooManyFields,
    #[error("the query nests brackets deeper than {MAX_NESTING} levels")]
    TooNested,
}

/// Scans the query text lexically (strings and comments skipped) for depth and size.
pub fn check_query(query: &str) -> Result<(), LimitError> {
    if query.len() > MAX_QUERY_BYTES {
        return Err(LimitError::TooLong);
    }
    let bytes = query.as_bytes();
    let (mut depth, mut names, mut i) = (0usize, 0usize, 0usize);
    let mut nesting = 0usize;
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
                nesting += 1;
                if depth > MAX_DEPTH {
                    return Err(LimitError::TooDeep);
                }
                if nesting > MAX_NESTING {
                    return Err(LimitError::TooNested);
                }
            }
            b'[' | b'(' => {
                nesting += 1;
                if nesting > MAX_NESTING {
                    return Err(LimitError::TooNested);
                }
            }
            b'}' => {
                depth = depth.saturating_sub(1);
                nesting = nesting.saturating_sub(1);
            }
            b']' | b')' => nesting = nesting.saturating_sub(1),
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

/// The cost of one field before its selections: what it makes the server do and send. Every
/// other field costs 1. Named by field, not by type, so renaming a type changes nothing.
pub fn field_cost(name: &str) -> u64 {
    match name {
        // Rendered documents and JSON exports: hundreds of KB each.
        "report" => 500,
        "exportTemplateVersion"
        | "effectiveJson"
        | "localChangesJson"
        | "contentJson"
        | "json"
        | "revisionDiff"
        | "signOffsJson" => 200,
        // One effective assessment or adherence per adopter, checks included.
        "adopterOverview" | "codeOverview" => 500,
        "verifyAuditChain" => 500,
        // Introspection: the whole schema is ~40 KB of JSON.
        "__schema" => 500,
        "__type" => 20,
        // An effective assessment (base + local changes) and what is derived from it.
        "assessment"
        | "adherence"
        | "findings"
        | "diffAgainstBase"
        | "diffAgainstCode"
        | "upgradePreview"
        | "templateVersionDiff"
        | "coverage" => 20,
        _ => 1,
    }
}

/// What the cost analysis found in one operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Analysis {
    /// The sum of [`field_cost`] over every field the operation would resolve, fragments
    /// counted each time they are spread, a connection's selections times its page size.
    pub cost: u64,
    /// It asks for `__schema` or `__type` (`__typename` is not introspection).
    pub introspection: bool,
}

/// The cost of the operation a request runs (`operation_name`, or every operation of the
/// document when none is named: juniper then refuses more than one). `None` when the text does
/// not parse: juniper's own parser then answers with its error.
pub fn cost(
    query: &str,
    operation_name: Option<&str>,
    variables: Option<&serde_json::Value>,
) -> Option<Analysis> {
    let document = ast::parse_query::<&str>(query).ok()?;
    let mut fragments = HashMap::new();
    for definition in &document.definitions {
        if let ast::Definition::Fragment(f) = definition {
            fragments.insert(f.name, &f.selection_set);
        }
    }
    let mut walker = Walker {
        fragments,
        variables,
        memo: HashMap::new(),
        visiting: Vec::new(),
    };
    let mut worst = Analysis::default();
    for definition in &document.definitions {
        let ast::Definition::Operation(operation) = definition else {
            continue;
        };
        let (name, selection) = match operation {
            ast::OperationDefinition::SelectionSet(s) => (None, s),
            ast::OperationDefinition::Query(q) => (q.name, &q.selection_set),
            ast::OperationDefinition::Mutation(m) => (m.name, &m.selection_set),
            ast::OperationDefinition::Subscription(s) => (s.name, &s.selection_set),
        };
        if operation_name.is_some() && name != operation_name {
            continue;
        }
        let analysis = walker.selection_set(selection);
        worst.cost = worst.cost.max(analysis.cost);
        worst.introspection |= analysis.introspection;
    }
    Some(worst)
}

struct Walker<'d, 'v> {
    fragments: HashMap<&'d str, &'d ast::SelectionSet<'d, &'d str>>,
    variables: Option<&'v serde_json::Value>,
    /// Each fragment's cost, computed once however often it is spread.
    memo: HashMap<&'d str, Analysis>,
    /// Fragments being computed: a cycle (which juniper refuses) costs nothing more here.
    visiting: Vec<&'d str>,
}

impl<'d> Walker<'d, '_> {
    fn selection_set(&mut self, set: &'d ast::SelectionSet<'d, &'d str>) -> Analysis {
        let mut total = Analysis::default();
        for selection in &set.items {
            let part = match selection {
                ast::Selection::Field(field) => self.field(field),
                ast::Selection::InlineFragment(inline) => self.selection_set(&inline.selection_set),
                ast::Selection::FragmentSpread(spread) => self.fragment(spread.fragment_name),
            };
            total.cost = total.cost.saturating_add(part.cost);
            total.introspection |= part.introspection;
        }
        total
    }

    fn fragment(&mut self, name: &'d str) -> Analysis {
        if let Some(known) = self.memo.get(name) {
            return *known;
        }
        let Some(set) = self.fragments.get(name).copied() else {
            return Analysis::default();
        };
        if self.visiting.contains(&name) {
            return Analysis::default();
        }
        self.visiting.push(name);
        let analysis = self.selection_set(set);
        self.visiting.pop();
        self.memo.insert(name, analysis);
        analysis
    }

    fn field(&mut self, field: &'d ast::Field<'d, &'d str>) -> Analysis {
        let children = self.selection_set(&field.selection_set);
        let page = field
            .arguments
            .iter()
            .find(|(name, _)| *name == "first" || *name == "last")
            .map(|(_, value)| self.page_size(value))
            .unwrap_or(if field.name == "assessments" {
                DEFAULT_PAGE
            } else {
                1
            });
        Analysis {
            cost: field_cost(field.name).saturating_add(children.cost.saturating_mul(page)),
            introspection: children.introspection
                || field.name == "__schema"
                || field.name == "__type",
        }
    }

    fn page_size(&self, value: &ast::Value<'d, &'d str>) -> u64 {
        let number = match value {
            ast::Value::Int(n) => n.as_i64(),
            ast::Value::Variable(name) => self
                .variables
                .and_then(|v| v.get(*name))
                .and_then(serde_json::Value::as_i64),
            _ => None,
        };
        number.map_or(DEFAULT_PAGE, |n| {
            u64::try_from(n).unwrap_or(1).clamp(1, MAX_PAGE)
        })
    }
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
    fn brackets_nested_past_the_limit_are_refused() {
        let deep = format!("{{ a(x: {}1{}) }}", "[".repeat(40), "]".repeat(40));
        assert_eq!(check_query(&deep), Err(LimitError::TooNested));
    }

    fn cost_of(query: &str) -> u64 {
        cost(query, None, None).expect("parses").cost
    }

    #[test]
    fn finding_07_aliases_fragments_and_pages_all_count() {
        assert_eq!(cost_of("{ me { id } }"), 2);
        let one = cost_of("{ assessment(id: \"a\") { report(format: HTML) } }");
        assert_eq!(one, 520);
        let aliased = cost_of(
            "{ assessment(id: \"a\") { a: report(format: HTML) b: report(format: HTML) } }",
        );
        assert_eq!(aliased, 1_020);
        let spread = "{ a: assessment(id: \"a\") { ...R } b: assessment(id: \"a\") { ...R } } fragment R on Assessment { report(format: HTML) }";
        assert_eq!(cost_of(spread), 2 * one);
        let paged = "{ assessments(first: 10) { edges { node { report(format: HTML) } } } }";
        assert_eq!(cost_of(paged), 1 + 10 * (1 + 1 + 500));
        let by_variable = cost(
            "query($n: Int) { assessments(first: $n) { edges { node { id } } } }",
            None,
            Some(&serde_json::json!({ "n": 1000 })),
        )
        .expect("parses");
        assert_eq!(by_variable.cost, 1 + MAX_PAGE * 3);
    }

    #[test]
    fn fragment_cycles_and_exponential_spreads_terminate() {
        let cycle = "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A me { id } }";
        assert!(cost(cycle, None, None).is_some());
        let mut doubling = String::from("{ ...F0 } fragment F30 on Query { me { id } }");
        for n in 0..30 {
            doubling.push_str(&format!(
                " fragment F{n} on Query {{ ...F{m} ...F{m} }}",
                m = n + 1
            ));
        }
        assert!(cost_of(&doubling) > MAX_COST);
    }

    #[test]
    fn introspection_is_found_through_fragments_but_typename_is_not_introspection() {
        let found = cost(
            "{ ...F } fragment F on Query { __schema { types { name } } }",
            None,
            None,
        );
        assert!(found.expect("parses").introspection);
        assert!(
            !cost("{ __typename }", None, None)
                .expect("parses")
                .introspection
        );
    }

    #[test]
    fn only_the_named_operation_is_costed() {
        let two = "query Cheap { me { id } } query Dear { assessment(id: \"a\") { report(format: HTML) } }";
        assert_eq!(cost(two, Some("Cheap"), None).expect("parses").cost, 2);
        assert_eq!(cost(two, None, None).expect("parses").cost, 520);
    }

    #[test]
    fn over_long_text_is_refused() {
        assert_eq!(
            check_query(&" ".repeat(MAX_QUERY_BYTES + 1)),
            Err(LimitError::TooLong)
        );
    }
}
