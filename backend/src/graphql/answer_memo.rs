//! The memo of whole GraphQL answers about one assessment (issue 18).
//!
//! The effective assessment is ~15,000 fields; juniper resolves them one by one, which made
//! the full read cost 50–60× serving the same bytes from memory (docs/PERFORMANCE.md). An
//! operation that asks only for fields that are functions of the assessment's stored state
//! (see [`PURE_FIELDS`]) is answered from the serialised bytes of an earlier identical
//! answer, under the memo rule of docs/ARCHITECTURE.md:
//!
//! - the key is (assessment id, **the row version read from the database in this request**,
//!   a SHA-256 of the operation text + operation name + variables, who asks: organisation,
//!   organisation kind and role). Every write to an assessment bumps its version
//!   (`store::assessments::writable`), so the next read in any process misses and recomputes;
//!   nothing is invalidated by hand;
//! - visibility is checked on every request by the same version read, which is one statement
//!   with the token's session check (`signin::session_and_version_from_bearer_on`;
//!   `store::assessments::readable_version_of` applies `may_read_assessments_of`), and an actor
//!   of another organisation, kind or role never shares an entry with this one;
//! - an answer is kept only when it has no errors and the version read again after it was
//!   computed is still the one in the key (versions only grow, so the answer is of that state);
//! - the memo is bounded by bytes ([`BUDGET_BYTES`], `memo::ByteMemo`).
//!
//! Anything else (mutations, batches, fragments, directives, `findings` which depend on the
//! day, `organisation`, `reviewFindings`, `upgradeAvailable`, `report`, …) takes the ordinary
//! path. A field added to `Assessment` is not memoised until it is added to [`PURE_FIELDS`];
//! the types below those fields (`AssessmentRisk`, `Treatment`, `Measure`, `AssessmentDiff`,
//! …) are plain data and must stay so.

use std::sync::OnceLock;

use actix_web::web::Bytes;
use graphql_parser::query as ast;
use sha2::{Digest, Sha256};

use crate::context::Actor;
use crate::error::AppResult;
use crate::memo::{ByteMemo, Weigh};
use crate::store::assessments::readable_version;
use crate::store::DbConnection;

/// Bytes of answers kept (keys included). The national data set's full effective assessment
/// is 317 KB, so about a hundred full answers.
pub const BUDGET_BYTES: usize = 32 * 1024 * 1024;

/// Fields of `Assessment` whose value (with everything below them) is a function of the row
/// (id, title, status, revision, version, base version, local changes, updated at) and the
/// immutable base version alone: no context, no clock, no other table.
pub const PURE_FIELDS: &[&str] = &[
    "__typename",
    "id",
    "title",
    "status",
    "revision",
    "version",
    "templateKey",
    "baseVersion",
    "updatedAt",
    "risks",
    "recommendations",
    "measures",
    "incidents",
    "coverage",
    "signOffsJson",
    "effectiveJson",
    "localChangesJson",
    "diffAgainstBase",
];

/// An operation the memo may answer: which assessment, and the fingerprint of what is asked.
#[derive(Clone, Debug)]
pub struct Plan {
    pub assessment_id: String,
    selection: [u8; 32],
}

/// One memo entry's key.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub assessment_id: String,
    pub version: i64,
    pub selection: [u8; 32],
    /// Who asks, as far as what they may see goes: organisation, its kind, the role.
    pub viewer: String,
}

impl Weigh for Key {
    fn weight(&self) -> usize {
        self.assessment_id.len() + self.viewer.len() + 48
    }
}

fn memo() -> &'static ByteMemo<Key, Bytes> {
    static MEMO: OnceLock<ByteMemo<Key, Bytes>> = OnceLock::new();
    MEMO.get_or_init(|| ByteMemo::new(BUDGET_BYTES))
}

/// What may see what: two actors with the same organisation, kind and role see the same.
pub fn viewer_of(actor: &Actor) -> String {
    format!("{}|{:?}|{:?}", actor.org_id, actor.org_kind, actor.role)
}

/// Whether `query` (with its operation name and variables) is a read the memo may answer:
/// one query operation whose only root field is `assessment(id: …)` selecting only
/// [`PURE_FIELDS`], without fragments or directives.
pub fn plan(
    query: &str,
    operation_name: Option<&str>,
    variables: Option<&serde_json::Value>,
) -> Option<Plan> {
    plan_of(
        &fingerprint(query, operation_name, variables),
        query,
        operation_name,
        variables,
    )
}

/// SHA-256 of the operation text, its name and its variables: what identifies an operation
/// (`http.rs` also keys its cost analysis on it).
pub fn fingerprint(
    query: &str,
    operation_name: Option<&str>,
    variables: Option<&serde_json::Value>,
) -> [u8; 32] {
    let mut hash = Sha256::new();
    hash.update(query.as_bytes());
    hash.update([0xff]);
    hash.update(operation_name.unwrap_or_default().as_bytes());
    hash.update([0xff]);
    if let Some(variables) = variables {
        hash.update(variables.to_string().as_bytes());
    }
    hash.finalize().into()
}

/// [`plan`] for an operation whose [`fingerprint`] is known; the analysis is kept by
/// fingerprint (parsing the operation again was a tenth of a memoised answer's time).
pub fn plan_of(
    fingerprint: &[u8; 32],
    query: &str,
    operation_name: Option<&str>,
    variables: Option<&serde_json::Value>,
) -> Option<Plan> {
    static PLANS: OnceLock<crate::memo::Memo<[u8; 32], Option<Plan>>> = OnceLock::new();
    let plans = PLANS.get_or_init(|| crate::memo::Memo::new(4_096));
    if let Some(known) = plans.get(fingerprint) {
        return known;
    }
    let planned = analyse(query, operation_name, variables).map(|assessment_id| Plan {
        assessment_id,
        selection: *fingerprint,
    });
    plans.insert(*fingerprint, planned.clone());
    planned
}

/// The assessment id of a memoisable operation, or `None`.
fn analyse(
    query: &str,
    operation_name: Option<&str>,
    variables: Option<&serde_json::Value>,
) -> Option<String> {
    let document = ast::parse_query::<&str>(query).ok()?;
    let [ast::Definition::Operation(operation)] = document.definitions.as_slice() else {
        return None;
    };
    let selection = match operation {
        ast::OperationDefinition::SelectionSet(set) => {
            if operation_name.is_some() {
                return None;
            }
            set
        }
        ast::OperationDefinition::Query(q) => {
            if !q.directives.is_empty() || (operation_name.is_some() && q.name != operation_name) {
                return None;
            }
            &q.selection_set
        }
        _ => return None,
    };
    let [ast::Selection::Field(root)] = selection.items.as_slice() else {
        return None;
    };
    if root.name != "assessment" || !root.directives.is_empty() {
        return None;
    }
    let [(argument, value)] = root.arguments.as_slice() else {
        return None;
    };
    if *argument != "id" {
        return None;
    }
    let assessment_id = match value {
        ast::Value::String(id) => id.clone(),
        ast::Value::Variable(name) => variables?.get(*name)?.as_str()?.to_string(),
        _ => return None,
    };
    pure(&root.selection_set, true).then_some(assessment_id)
}

/// Only plain fields: no fragments, no directives; at the top level only [`PURE_FIELDS`].
fn pure<'a>(set: &ast::SelectionSet<'a, &'a str>, top: bool) -> bool {
    set.items.iter().all(|item| match item {
        ast::Selection::Field(field) => {
            field.directives.is_empty()
                && (!top || PURE_FIELDS.contains(&field.name))
                && pure(&field.selection_set, false)
        }
        _ => false,
    })
}

/// The outcome of looking an operation up.
pub enum Lookup {
    /// The bytes of the answer.
    Hit(Bytes),
    /// Not kept yet: the key to keep the answer under once computed.
    Miss(Key),
    /// The assessment is missing or hidden from the actor: the ordinary path answers.
    Unknown,
}

/// Looks the answer up at `version`, the assessment's row version read in this request with
/// visibility checked (`None`: missing or hidden), e.g. together with the token check
/// (`signin::session_and_version_from_bearer_on`).
pub fn lookup_at(actor: &Actor, plan: &Plan, version: Option<i64>) -> Lookup {
    let Some(version) = version else {
        return Lookup::Unknown;
    };
    let key = Key {
        assessment_id: plan.assessment_id.clone(),
        version,
        selection: plan.selection,
        viewer: viewer_of(actor),
    };
    match memo().get(&key) {
        Some(bytes) => Lookup::Hit(bytes),
        None => Lookup::Miss(key),
    }
}

/// Keeps an error-free answer computed after a [`Lookup::Miss`], if the assessment is still
/// at the version of the key (else the answer may be of a later state: not kept).
pub fn keep(conn: &mut DbConnection, actor: &Actor, key: Key, answer: Bytes) -> AppResult<()> {
    if readable_version(conn, actor, &key.assessment_id)? == Some(key.version) {
        memo().insert(key, answer);
    }
    Ok(())
}

/// The viewers holding an entry about `assessment_id` (tests and diagnostics).
pub fn viewers_of(assessment_id: &str) -> Vec<String> {
    let mut viewers: Vec<String> = memo()
        .keys_where(|k| k.assessment_id == assessment_id)
        .into_iter()
        .map(|k| k.viewer)
        .collect();
    viewers.sort();
    viewers.dedup();
    viewers
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const FULL: &str = "query Q($id: ID!) { assessment(id: $id) { id version risks { key \
                        inherentLikelihood { value } measures { key } } diffAgainstBase { count } } }";

    #[test]
    fn a_read_of_pure_fields_is_planned_with_its_id_from_variables_or_text() {
        let planned = plan(FULL, Some("Q"), Some(&json!({ "id": "a1" }))).expect("planned");
        assert_eq!(planned.assessment_id, "a1");
        let literal = plan("{ assessment(id: \"a2\") { title } }", None, None).expect("planned");
        assert_eq!(literal.assessment_id, "a2");
    }

    #[test]
    fn anything_that_depends_on_more_than_the_stored_state_is_not_planned() {
        let vars = json!({ "id": "a1" });
        for query in [
            "query($id: ID!) { assessment(id: $id) { id findings { ruleId } } }",
            "query($id: ID!) { assessment(id: $id) { organisation { name } } }",
            "query($id: ID!) { assessment(id: $id) { reviewFindings { id } } }",
            "query($id: ID!) { assessment(id: $id) { upgradeAvailable } }",
            "query($id: ID!) { assessment(id: $id) { ...F } } fragment F on Assessment { id }",
            "query($id: ID!) { assessment(id: $id) { ... on Assessment { id } } }",
            "query($id: ID!) { assessment(id: $id) { id @include(if: true) } }",
            "query($id: ID!) { assessment(id: $id) { id } me { email } }",
            "query($id: ID!) { a: assessment(id: $id) { id } b: assessment(id: $id) { id } }",
            "mutation($id: ID!) { assessment(id: $id) { id } }",
            "query A($id: ID!) { assessment(id: $id) { id } } query B { me { email } }",
        ] {
            assert!(plan(query, None, Some(&vars)).is_none(), "{query}");
        }
        assert!(plan(FULL, Some("Other"), Some(&vars)).is_none());
        assert!(plan(FULL, None, Some(&json!({ "id": 7 }))).is_none());
        assert!(plan(FULL, None, None).is_none());
    }

    #[test]
    fn the_fingerprint_covers_the_text_the_operation_name_and_the_variables() {
        let vars = json!({ "id": "a1" });
        let a = plan(FULL, None, Some(&vars)).expect("planned");
        let b = plan(FULL, Some("Q"), Some(&vars)).expect("planned");
        let c = plan(&FULL.replace("key", "k: key"), None, Some(&vars)).expect("planned");
        let with_more = json!({ "id": "a1", "unused": 1 });
        let d = plan(FULL, None, Some(&with_more)).expect("planned");
        let all = [a.selection, b.selection, c.selection, d.selection];
        for (i, x) in all.iter().enumerate() {
            for y in &all[i + 1..] {
                assert_ne!(x, y);
            }
        }
    }

    #[test]
    fn actors_who_may_see_differently_have_different_viewers() {
        use crate::context::{OrgKind, Role};
        let actor = |org: &str, kind, role| Actor {
            user_id: "u".into(),
            email: "e".into(),
            org_id: org.into(),
            org_kind: kind,
            role,
        };
        let editor = viewer_of(&actor("o1", OrgKind::Controller, Role::Editor));
        assert_ne!(
            editor,
            viewer_of(&actor("o1", OrgKind::Controller, Role::Viewer))
        );
        assert_ne!(
            editor,
            viewer_of(&actor("o2", OrgKind::Controller, Role::Editor))
        );
        assert_ne!(
            editor,
            viewer_of(&actor("o1", OrgKind::SupervisoryAuthority, Role::Editor))
        );
        let mut other_user = actor("o1", OrgKind::Controller, Role::Editor);
        other_user.user_id = "u2".into();
        assert_eq!(editor, viewer_of(&other_user), "colleagues share");
    }
}
