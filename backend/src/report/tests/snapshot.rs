//! The golden report: the demo template adopted with no local change, as Markdown. Reviewed
//! with `cargo insta review`; a change to the report's wording or layout shows up here.

use super::ReportScenario;

#[test]
fn the_demo_template_without_local_changes_renders_as_the_golden_markdown() {
    let markdown = ReportScenario::demo().markdown();
    // The snapshot lives beside the report module, and its name does not carry the crate's
    // module path, so it is the same file whichever crate compiles the module.
    insta::with_settings!({
        snapshot_path => "../snapshots",
        prepend_module_to_snapshot => false,
    }, {
        insta::assert_snapshot!("demo_without_local_changes", markdown);
    });
}
