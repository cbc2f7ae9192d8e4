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

#[test]
fn the_demo_template_renders_in_danish_as_the_golden_danish_markdown() {
    let markdown = ReportScenario::demo().in_danish().markdown();
    assert!(markdown.starts_with("# Konsekvensanalyse vedrørende databeskyttelse: "));
    insta::with_settings!({
        snapshot_path => "../snapshots",
        prepend_module_to_snapshot => false,
    }, {
        insta::assert_snapshot!("demo_without_local_changes_da", markdown);
    });
}

#[test]
fn the_html_report_declares_the_language_of_its_words() {
    let danish = ReportScenario::demo().in_danish().html();
    assert!(danish.contains("<html lang=\"da\">"));
    assert!(
        danish.contains("<h2>2. Nødvendighed og proportionalitet (art. 35, stk. 7, litra b)</h2>")
    );
    assert!(danish.contains(">Arvet</span>"));
    let english = ReportScenario::demo().html();
    assert!(english.contains("<html lang=\"en\">"));
    assert!(english.contains(">Inherited</span>"));
}
