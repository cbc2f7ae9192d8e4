//! The controller's workspace (issue 15, screens 4 and 8) over HTTP with JavaScript off:
//! provenance in words, the findings in Danish with links to the item to fix, the item form
//! (a refusal beside the field with the input kept, a stale form, a write through the one
//! write path).

use super::client::{hidden_value, WebClient};
use super::pages::assessment_of;
use crate::helpers::TestApp;

const RISK: &str = "risk.messages.misdirected";

#[test]
fn the_workspace_follows_art_35_7_with_provenance_in_words() {
    let app = TestApp::spawn();
    let id = assessment_of(&app, "dpo@sydby.example");
    let web = WebClient::new(&app);
    web.sign_in("dpo@sydby.example");
    let page = web.get(&format!("/assessments/{id}"));
    assert_eq!(page.status, 200, "{}", page.body);
    for heading in [
        "Systematisk beskrivelse (art. 35, stk. 7, litra a)",
        "Nødvendighed og proportionalitet (art. 35, stk. 7, litra b)",
        "Risici (art. 35, stk. 7, litra c)",
        "Anbefalinger og foranstaltninger (art. 35, stk. 7, litra d)",
    ] {
        assert!(page.body.contains(heading), "{heading}");
    }
    assert!(page.body.contains("<td>Arvet</td>"));
    assert!(page
        .body
        .contains(&format!("/assessments/{id}/items/{RISK}")));
}

#[test]
fn sydby_finds_out_in_danish_why_its_assessment_cannot_be_approved() {
    let app = TestApp::spawn();
    let id = assessment_of(&app, "dpo@sydby.example");
    let web = WebClient::new(&app);
    web.sign_in("dpo@sydby.example");
    let page = web.get(&format!("/assessments/{id}/findings"));
    assert_eq!(page.status, 200);
    assert!(page
        .body
        .contains("Hvorfor kan konsekvensanalysen ikke godkendes?"));
    assert!(page.body.contains("Fejl, der blokerer godkendelse"));
    assert!(page
        .body
        .contains("Antallet af registrerede i en kategori er ikke angivet."));
    assert!(page
        .body
        .contains("En central anbefaling er ikke besvaret."));
    assert!(page.body.contains(&format!(
        "/assessments/{id}/recommendations/rec.periodic-access-review"
    )));
}

#[test]
fn an_override_without_justification_is_refused_beside_the_field_with_the_input_kept() {
    let app = TestApp::spawn();
    let id = assessment_of(&app, "dpo@sydby.example");
    let web = WebClient::new(&app);
    web.sign_in("dpo@sydby.example");
    let path = format!("/assessments/{id}/items/{RISK}");
    let form = web.get(&path);
    assert_eq!(form.status, 200);
    let version = hidden_value(&form.body, "version").expect("the version");
    let fields = |why: &'static str| {
        vec![
            ("version", version.clone()),
            ("field", "threat".to_string()),
            ("action", "override".to_string()),
            ("value", "Besked sendt til en forkert forælder".to_string()),
            ("justification", why.to_string()),
        ]
    };
    let refused = {
        let f = fields("");
        let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
        web.submit(&path, &path, &f)
    };
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("id=\"f-justification-error\""));
    assert!(refused.body.contains(
        "aria-describedby=\"f-justification-hint f-justification-error\" aria-invalid=\"true\""
    ));
    assert!(refused
        .body
        .contains(">Besked sendt til en forkert forælder</textarea>"));

    let saved = {
        let f = fields("Sydbys beskeder går til husstande, ikke grupper.");
        let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
        web.submit(&path, &path, &f)
    };
    assert_eq!(saved.status, 303, "{}", saved.body);
    let after = web.get(&path);
    assert!(after.body.contains("<td>Ændret</td>"));
    assert!(after
        .body
        .contains("Besked med personoplysninger sendt til de forkerte modtagere"));
    assert!(after
        .body
        .contains("Sydbys beskeder går til husstande, ikke grupper."));

    // The form read before the write is stale now: the person's input is shown, not lost.
    let stale = {
        let f = fields("Endnu en begrundelse");
        let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
        web.submit(&path, &path, &f)
    };
    assert_eq!(stale.status, 409, "{}", stale.body);
    assert!(stale.body.contains("En anden har gemt først"));
    assert!(stale.body.contains("Endnu en begrundelse"));
}

#[test]
fn another_organisations_item_answers_the_same_404_as_a_missing_one() {
    let app = TestApp::spawn();
    let nordby = assessment_of(&app, "dpo@nordby.example");
    let web = WebClient::new(&app);
    web.sign_in("dpo@sydby.example");
    let theirs = web.get(&format!("/assessments/{nordby}/items/{RISK}"));
    let missing = web.get(&format!("/assessments/no-such-id/items/{RISK}"));
    assert_eq!((theirs.status, missing.status), (404, 404));
    assert_eq!(theirs.body, missing.body);
    assert_eq!(web.get(&format!("/assessments/{nordby}")).status, 404);
}

#[test]
fn browser_sydby_reads_its_findings_in_danish_and_fixes_an_item_by_keyboard() {
    use super::browser::Browser;
    let app = TestApp::spawn();
    let id = assessment_of(&app, "dpo@sydby.example");
    let browser = Browser::start(&app);
    browser.sign_in("dpo@sydby.example");
    browser.goto(&format!("/assessments/{id}"));
    browser.assert_accessible("workspace");
    browser.screenshot("workspace");
    browser.click(&format!("a[href='/assessments/{id}/findings']"));
    browser.wait_for("ul.findings");
    assert!(browser
        .text("h2")
        .contains("Hvorfor kan konsekvensanalysen ikke godkendes?"));
    browser.assert_accessible("findings");
    browser.screenshot("findings");
    browser.goto(&format!("/assessments/{id}/items/{RISK}"));
    browser.assert_accessible("item form");
    browser.select("#f-field", "threat");
    browser.fill("#f-value", "Besked sendt til en forkert forælder");
    browser.click("button.primary");
    browser.wait_for("#f-justification-error");
    browser.assert_accessible("item form refused");
    browser.screenshot("item-refused");
}
