//! A keyboard-only pass through the controller's workspace (issue 15, WCAG 2.1.1): signing
//! in, finding the assessment, opening the risk list and treating a risk with Tab, the arrow
//! keys, Space and Enter only — no click, no script that acts. Each stop must show its focus.

use super::browser::Browser;
use super::pages::assessment_of;
use crate::helpers::{TestApp, DEMO_PASSWORD};

const TAB: &str = "\u{E004}";
const ENTER: &str = "\u{E007}";
const SPACE: &str = "\u{E00D}";
const DOWN: &str = "\u{E015}";

/// Presses Tab until the focused element matches `css` (at most `max` presses); asserts that
/// every stop on the way shows where the focus is.
fn tab_to(browser: &Browser<'_>, css: &str, max: usize) {
    let matches = format!(
        "return document.activeElement !== null && document.activeElement.matches({css:?});"
    );
    for _ in 0..max {
        browser.keys(TAB);
        assert_focus_visible(browser);
        if browser.script(&matches).as_bool() == Some(true) {
            return;
        }
    }
    panic!(
        "{css} was not reached with {max} Tab presses on {}",
        browser.path()
    );
}

/// The focused element draws an outline (or a box shadow): never focus without a sign of it.
fn assert_focus_visible(browser: &Browser<'_>) {
    let shown = browser.script(
        "const e = document.activeElement; if (!e || e === document.body) return 'body'; \
         const s = getComputedStyle(e); \
         return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none' \
           ? 'shown' : e.tagName + '#' + e.id + '.' + e.className;",
    );
    let shown = shown.as_str().unwrap_or_default().to_string();
    assert!(
        shown == "shown" || shown == "body",
        "focus is not visible on {shown} at {}",
        browser.path()
    );
}

/// Presses the down arrow on the focused select until its value is `value`.
fn choose(browser: &Browser<'_>, value: &str, max: usize) {
    for _ in 0..max {
        if browser
            .script("return document.activeElement.value;")
            .as_str()
            == Some(value)
        {
            return;
        }
        browser.keys(DOWN);
    }
    panic!("{value} was not reached with the arrow keys");
}

#[test]
fn browser_keyboard_only_the_dpo_opens_the_workspace_and_treats_a_risk() {
    let app = TestApp::spawn();
    let id = assessment_of(&app, "dpo@sydby.example");
    let browser = Browser::start(&app);
    browser.goto("/signin");
    browser.keys("dpo@sydby.example");
    browser.keys(TAB);
    browser.keys(DEMO_PASSWORD);
    browser.keys(ENTER);
    browser.wait_for("table.list");

    // The list → the assessment → its risks.
    tab_to(&browser, &format!("a[href='/assessments/{id}']"), 40);
    browser.keys(ENTER);
    browser.wait_for("main h1");
    assert_eq!(browser.path(), format!("/assessments/{id}"));
    tab_to(&browser, &format!("a[href='/assessments/{id}/risks']"), 60);
    browser.keys(ENTER);
    browser.wait_for("table.risk-map");

    // An untreated risk's form, reached through the list's filter by keyboard too.
    let risk = "risk.messages.forwarding";
    tab_to(&browser, "#f-untreated, input[name='untreated']", 80);
    browser.keys(SPACE);
    tab_to(
        &browser,
        "form button[type='submit'], form button:not([type])",
        20,
    );
    browser.keys(ENTER);
    browser.wait_for("table.risk-map");
    assert!(browser.path().contains("untreated=1"), "{}", browser.path());
    tab_to(
        &browser,
        &format!("a[href='/assessments/{id}/risks/{risk}']"),
        200,
    );
    browser.keys(ENTER);
    browser.wait_for("#f-decision");

    // Reduce, residual 1 × 2, one measure, a rationale; saved with Enter on the button.
    tab_to(&browser, "#f-decision", 80);
    choose(&browser, "REDUCE", 6);
    browser.keys(TAB);
    assert_eq!(
        browser.focused_attr("id").as_deref(),
        Some("f-residual_likelihood")
    );
    choose(&browser, "1", 6);
    browser.keys(TAB);
    assert_eq!(
        browser.focused_attr("id").as_deref(),
        Some("f-residual_consequence")
    );
    choose(&browser, "2", 6);
    tab_to(&browser, "input[name='measures']", 10);
    browser.keys(SPACE);
    tab_to(&browser, "#f-rationale", 60);
    browser.keys("Reduceret med adgangsstyring og undervisning.");
    // Who accepted the residual risk, and when, is left empty: both or neither.
    tab_to(&browser, "button.primary", 10);
    browser.keys(ENTER);
    browser.wait_for("main");
    let page = browser.source();
    assert!(
        page.contains("Gemt."),
        "saved by keyboard alone: {}",
        browser.text("main")
    );
    assert!(page.contains("<option value=\"REDUCE\" selected"));
    browser.assert_accessible("risk treated by keyboard");
}
