//! Issue 15's done-when in real Chromium: Sydby's DPO signs in, reads on the approval page why
//! the assessment cannot be approved, repairs every error through the forms (subject counts,
//! special-category types, operations, the incident's likelihood, the recommendations, the
//! risk treatments, the DPO's opinion), acknowledges each warning with a reason, has it
//! approved through the gate and opens the report — without writing a query.

use super::approval::error_keys;
use super::browser::Browser;
use super::pages::assessment_of;
use crate::helpers::TestApp;

const COUNT: &str = "Antallet af registrerede";
const SPECIAL: &str = "Følsomme oplysninger er nævnt";
const OPERATIONS: &str = "Behandlingen er kun beskrevet som indsamling";
const RECOMMENDATION: &str = "En central anbefaling er ikke besvaret";
const UNTREATED: &str = "En middel eller høj risiko har ingen beslutning om håndtering.";

/// A date field's value (typing into one depends on the browser's locale).
fn set_date(browser: &Browser<'_>, id: &str, date: &str) {
    browser.script(&format!(
        "document.getElementById('{id}').value = '{date}';"
    ));
}

fn selected(browser: &Browser<'_>, id: &str) -> String {
    browser
        .script(&format!("return document.getElementById('{id}').value;"))
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn browser_sydby_repairs_every_error_through_the_forms_gets_approved_and_opens_the_report() {
    let app = TestApp::spawn();
    let id = assessment_of(&app, "dpo@sydby.example");
    let browser = Browser::start(&app);
    browser.sign_in("dpo@sydby.example");
    let approval = format!("/assessments/{id}/approval");
    browser.goto(&approval);
    let page = browser.source();
    assert!(page.contains("blokerer godkendelsen"), "why, in Danish");
    browser.assert_accessible("sydby approval refused");

    let item = |key: &str, field: &str, action: &str, value: Option<&str>| {
        browser.goto(&format!("/assessments/{id}/items/{key}"));
        browser.select("#f-field", field);
        browser.select("#f-action", action);
        if let Some(value) = value {
            browser.fill("#f-value", value);
        }
        browser.click_and_wait("form.stack button.primary");
        assert!(
            browser.path().contains("saved=1"),
            "{key}: {}",
            browser.text("main")
        );
    };
    for key in error_keys(&page, &id, COUNT) {
        item(&key, "count", "complete", Some("1200"));
    }
    for key in error_keys(&page, &id, SPECIAL) {
        item(&key, "special_category", "revert", None);
    }
    for key in error_keys(&page, &id, OPERATIONS) {
        item(&key, "operations", "revert", None);
    }

    // The incident in January: at least 'Sandsynlig' before and after measures.
    browser.goto(&format!(
        "/assessments/{id}/risks/risk.messages.misdirected"
    ));
    browser.select("#f-inherent_likelihood", "4");
    browser.select("#f-inherent_consequence", "3");
    browser.fill(
        "#f-inherent_justification",
        "Hændelsen i januar viser, at det sker.",
    );
    browser.select("#f-decision", "REDUCE");
    browser.select("#f-residual_likelihood", "3");
    browser.select("#f-residual_consequence", "2");
    browser.fill("#f-rationale", "Modtagerkontrol før afsendelse.");
    browser.click_and_wait("form.stack button.primary");
    assert!(
        browser.source().contains("Gemt."),
        "{}",
        browser.text("main")
    );

    for key in error_keys(&page, &id, RECOMMENDATION) {
        browser.goto(&format!("/assessments/{id}/recommendations/{key}"));
        browser.select("#f-response", "PLANNED");
        set_date(&browser, "f-due", "2027-03-01");
        browser.fill("#f-justification", "Indføres med det nye skoleår.");
        browser.click_and_wait("form.stack button.primary");
        assert!(
            browser.source().contains("Gemt."),
            "{key}: {}",
            browser.text("main")
        );
    }

    browser.goto(&approval);
    let page = browser.source();
    for key in error_keys(&page, &id, UNTREATED) {
        browser.goto(&format!("/assessments/{id}/risks/{key}"));
        let (likelihood, consequence) = (
            selected(&browser, "f-inherent_likelihood"),
            selected(&browser, "f-inherent_consequence"),
        );
        browser.select("#f-decision", "ACCEPT");
        browser.select("#f-residual_likelihood", &likelihood);
        browser.select("#f-residual_consequence", &consequence);
        browser.fill(
            "#f-rationale",
            "Acceptabel med platformens egne kontroller; følges ved næste revision.",
        );
        browser.fill("#f-accepted_by", "Lars Holm, systemejer");
        set_date(&browser, "f-accepted_on", "2026-11-20");
        browser.click_and_wait("form.stack button.primary");
        assert!(
            browser.source().contains("Gemt."),
            "{key}: {}",
            browser.text("main")
        );
    }

    // The DPO's opinion in the sign-offs.
    browser.goto(&approval);
    browser.fill("#f-dpo_by", "Mette Lund, databeskyttelsesrådgiver");
    set_date(&browser, "f-dpo_on", "2026-11-20");
    browser.fill(
        "#f-dpo_text",
        "Risiciene er beskrevet; behandlingerne skal følges op.",
    );
    browser.click_and_wait("form.sign-offs button[type='submit']");

    // No error left: each warning ticked with its reason, and the management approves.
    browser.goto(&approval);
    let page = browser.source();
    assert!(
        !page.contains("class=\"gate-errors\""),
        "{}",
        browser.text("main")
    );
    let warnings: Vec<String> = page
        .split("name=\"ack\" value=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next().map(str::to_string))
        .collect();
    assert!(!warnings.is_empty(), "Sydby has warnings to acknowledge");
    for rule in &warnings {
        browser.click(&format!("#f-ack-{rule}"));
        browser.fill(
            &format!("#f-reason-{rule}"),
            "Gennemgået med systemejeren; følges op ved næste revision.",
        );
    }
    browser.fill("#f-signatory", "Birgitte Dahl, kommunaldirektør");
    browser.fit_page();
    browser.screenshot("sydby-approval-ready");
    browser.click_and_wait("form.approve button[type='submit']");
    browser.goto(&approval);
    assert!(
        browser
            .source()
            .contains("Konsekvensanalysen er godkendt (revision 1)"),
        "{}",
        browser.text("main")
    );
    browser.assert_accessible("sydby approved");
    browser.fit_page();
    browser.screenshot("sydby-approved");

    // The report opens on the session and names who approved.
    browser.goto(&format!("/assessments/{id}/report"));
    let report = browser.source();
    assert!(report.contains("Birgitte Dahl, kommunaldirektør"));
    assert!(!report.contains("ikke godkendt (kladde)"));
    browser.screenshot("sydby-report-approved");
}
