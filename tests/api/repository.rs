//! Promises the repository makes to a newcomer.

use std::collections::BTreeSet;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("backend/ sits in the repository root")
}

#[test]
fn schema_graphql_is_exactly_the_served_schema() {
    let checked_in =
        std::fs::read_to_string(root().join("schema.graphql")).expect("schema.graphql");
    let served = dpiahub::graphql::schema_sdl();
    assert!(
        checked_in == served,
        "schema.graphql differs from the served schema; regenerate it with \
         `cargo run -- print-schema > schema.graphql`"
    );
}

#[test]
fn both_backends_have_the_same_migrations() {
    let names = |backend: &str| -> BTreeSet<String> {
        std::fs::read_dir(root().join("migrations").join(backend))
            .expect("migrations directory")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect()
    };
    let sqlite = names("sqlite");
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, names("postgres"));
}
