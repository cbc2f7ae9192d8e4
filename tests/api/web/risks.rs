//! Risks, measures and recommendations (issue 15 screens 5, 6, 7) and local items over HTTP
//! with JavaScript off, at the demo (Sydby): the risk list's filters, sorting and paging, the
//! treatment form (one batch through the one write path, a refusal beside its field with the
//! input kept, a stale form), the answer to a recommendation, a local measure and a local
//! risk, another organisation's URLs, a viewer; and a browser pass with axe on every screen.

use diesel::prelude::*;
use serde_json::json;

use super::client::{hidden_value, Page, WebClient};
use super::pages::assessment_of;
use crate::helpers::{TestApp, DEMO_PASSWORD};
use dpiahub::store::schema::audit_entries;

const MISDIRECTED: &str = "risk.messages.misdirected";
const REC: &str = "rec.periodic-access-review";

/// One row of the risk list: key, and the text of its cells.
#[derive(Debug)]
struct Row {
    key: String,
    cells: Vec<String>,
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in html.chars() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The rows of the risk list's table (the first `<tbody>` of the page).
fn rows(page: &Page, id: &str) -> Vec<Row> {
    let body = &page.body;
    let start = body.find("<tbody>").expect("a table");
    let end = body[start..].find("</tbody>").expect("its end") + start;
    let marker = format!("href=\"/assessments/{id}/risks/");
    body[start..end]
        .split("<tr>")
        .skip(1)
        .map(|tr| {
            let k = tr.find(&marker).expect("a risk link") + marker.len();
            let key = tr[k..].split('"').next().unwrap_or("").to_string();
            let cells = tr
                .split("<td")
                .skip(1)
                .map(|td| strip_tags(&format!("<td{td}")))
                .collect();
            Row { key, cells }
        })
        .collect()
}

fn sydby(app: &TestApp) -> (WebClient, String) {
    let id = assessment_of(app, "dpo@sydby.example");
    let web = WebClient::new(app);
    web.sign_in("dpo@sydby.example");
    (web, id)
}

fn submit(web: &WebClient, path: &str, fields: &[(&str, String)]) -> Page {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    web.submit(path, path, &fields)
}

/// The treatment form's fields as the page shows them, with `changes` applied.
fn treatment_fields(form: &Page, changes: &[(&str, &str)]) -> Vec<(&'static str, String)> {
    let selected = |name: &str| -> String {
        let start = form
            .body
            .find(&format!("name=\"{name}\""))
            .unwrap_or_else(|| panic!("no {name}"));
        let end = form.body[start..].find("</select>").expect("a select") + start;
        form.body[start..end]
            .split("<option value=\"")
            .skip(1)
            .find(|o| o.contains("\" selected>"))
            .map(|o| o.split('"').next().unwrap_or("").to_string())
            .unwrap_or_default()
    };
    let textarea = |name: &str| -> String {
        let marker = format!("name=\"{name}\"");
        let start = form.body.find(&marker).expect("a textarea");
        let open = form.body[start..].find('>').expect("its tag") + start + 1;
        let close = form.body[open..].find("</textarea>").expect("its end") + open;
        form.body[open..close].replace("&quot;", "\"")
    };
    let mut fields: Vec<(&'static str, String)> = vec![
        (
            "version",
            hidden_value(&form.body, "version").expect("version"),
        ),
        ("inherent_likelihood", selected("inherent_likelihood")),
        ("inherent_consequence", selected("inherent_consequence")),
        ("inherent_justification", textarea("inherent_justification")),
        ("decision", selected("decision")),
        ("residual_likelihood", selected("residual_likelihood")),
        ("residual_consequence", selected("residual_consequence")),
        ("rationale", textarea("rationale")),
        (
            "accepted_by",
            hidden_value(&form.body, "accepted_by").unwrap_or_default(),
        ),
        (
            "accepted_on",
            hidden_value(&form.body, "accepted_on").unwrap_or_default(),
        ),
    ];
    for part in form.body.split("name=\"measures\" value=\"").skip(1) {
        let value = part.split('"').next().unwrap_or("");
        if part[value.len()..].starts_with("\" checked") {
            fields.push(("measures", value.to_string()));
        }
    }
    for (name, value) in changes {
        if *name == "measures" {
            fields.push(("measures", value.to_string()));
        } else if let Some(f) = fields.iter_mut().find(|(n, _)| n == name) {
            f.1 = value.to_string();
        }
    }
    fields
}

#[test]
fn the_risk_list_filters_sorts_and_pages_on_the_server() {
    let app = TestApp::spawn();
    let (web, id) = sydby(&app);
    let all = web.get(&format!("/assessments/{id}/risks"));
    assert_eq!(all.status, 200, "{}", all.body);
    assert!(all.body.contains("Viser 1–34 af 34"), "the count");
    let every = rows(&all, &id);
    assert_eq!(every.len(), 34);
    assert!(every.iter().all(|r| r.cells.len() == 5), "{every:?}");
    let misdirected = every
        .iter()
        .find(|r| r.key == MISDIRECTED)
        .expect("the risk");
    assert_eq!(misdirected.cells[0], "Ændret", "provenance in words");
    assert_eq!(misdirected.cells[2], "Reducér");

    let high = web.get(&format!("/assessments/{id}/risks?inherent=HIGH"));
    let high = rows(&high, &id);
    assert!(!high.is_empty() && high.len() < 34);
    assert!(
        high.iter().all(|r| r.cells[1].starts_with("Høj")),
        "{high:?}"
    );

    let untreated = web.get(&format!("/assessments/{id}/risks?untreated=1"));
    let untreated = rows(&untreated, &id);
    assert!(!untreated.is_empty());
    assert!(untreated.iter().all(|r| r.cells[2] == "Ingen beslutning"));
    assert_eq!(
        untreated.len()
            + every
                .iter()
                .filter(|r| r.cells[2] != "Ingen beslutning")
                .count(),
        34 - every
            .iter()
            .filter(|r| r.cells[0] == "Ikke relevant")
            .count()
    );

    let changed = web.get(&format!("/assessments/{id}/risks?provenance=overridden"));
    assert!(rows(&changed, &id).iter().any(|r| r.key == MISDIRECTED));
    assert!(rows(&changed, &id).iter().all(|r| r.cells[0] == "Ændret"));
    let scoped = web.get(&format!("/assessments/{id}/risks?scope=module.messages"));
    assert!(rows(&scoped, &id)
        .iter()
        .all(|r| r.key.starts_with("risk.messages.")));

    let residual = web.get(&format!("/assessments/{id}/risks?sort=residual"));
    let levels: Vec<u8> = rows(&residual, &id)
        .iter()
        .map(|r| match r.cells[3].split(' ').next() {
            Some("Høj") => 3,
            Some("Middel") => 2,
            _ => 1,
        })
        .collect();
    assert!(levels.windows(2).all(|w| w[0] >= w[1]), "{levels:?}");

    let second = web.get(&format!("/assessments/{id}/risks?sort=title&per=10&page=2"));
    assert!(second.body.contains("Viser 11–20 af 34"), "{}", second.body);
    let titles = web.get(&format!("/assessments/{id}/risks?sort=title&per=100"));
    let keys: Vec<String> = rows(&titles, &id).into_iter().map(|r| r.key).collect();
    let page_two: Vec<String> = rows(&second, &id).into_iter().map(|r| r.key).collect();
    assert_eq!(page_two, keys[10..20].to_vec(), "page 2 of the same order");
    assert!(
        second.body.contains("sort=title&amp;per=10&amp;page=3"),
        "paging keeps the filters"
    );
    assert!(all
        .body
        .contains("<caption>Før foranstaltninger (iboende risiko) (34 risici)</caption>"));
    assert!(all.body.contains("<th scope=\"row\">4 – Forventet</th>"));
    let english = WebClient::new(&app).with_accept_language("en");
    english.sign_in("dpo@sydby.example");
    let page = english.get(&format!("/assessments/{id}/risks?per=10"));
    assert!(page.body.contains("Showing 1–10 of 34"), "{}", page.body);
    assert!(page
        .body
        .contains("<caption>Before measures (inherent risk) (34 risks)</caption>"));
}

#[test]
fn treating_a_risk_through_the_form_leaves_the_same_audit_entry_as_graphql() {
    let app = TestApp::spawn();
    let (web, id) = sydby(&app);
    let list = web.get(&format!(
        "/assessments/{id}/risks?untreated=1&inherent=MEDIUM"
    ));
    let key = rows(&list, &id)
        .first()
        .expect("an untreated medium risk")
        .key
        .clone();
    let path = format!("/assessments/{id}/risks/{key}");
    let form = web.get(&path);
    assert_eq!(form.status, 200, "{}", form.body);
    let (l, c) = (
        hidden_selected(&form, "inherent_likelihood"),
        hidden_selected(&form, "inherent_consequence"),
    );
    let fields = treatment_fields(
        &form,
        &[
            ("decision", "ACCEPT"),
            ("residual_likelihood", &l),
            ("residual_consequence", &c),
            ("rationale", "Risikoen er lav nok til at bære."),
            ("accepted_by", "Direktionen"),
            ("accepted_on", "2026-11-20"),
        ],
    );
    let before = app.audit_count();
    let saved = submit(&web, &path, &fields);
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert_eq!(app.audit_count(), before + 1, "one command, one entry");
    let list = web.get(&format!("/assessments/{id}/risks?untreated=1"));
    assert!(!rows(&list, &id).iter().any(|r| r.key == key));

    // The same treatment through GraphQL (after withdrawing it) leaves the same entry.
    let token = app.login("dpo@sydby.example");
    let version = app.ok(
        Some(&token),
        "query($id: ID!) { assessment(id: $id) { version } }",
        json!({ "id": id }),
    )["assessment"]["version"]
        .as_i64()
        .expect("version");
    app.ok(
        Some(&token),
        "mutation($id: ID!, $v: Int!, $k: String!, $l: Int!, $c: Int!) { applyAssessmentCommands(assessmentId: $id, expectedVersion: $v, commands: [{ clearTreatment: { itemKey: $k } }, { setTreatment: { riskKey: $k, decision: ACCEPT, residualLikelihood: $l, residualConsequence: $c, rationale: \"Risikoen er lav nok til at bære.\", acceptedBy: \"Direktionen\", acceptedOn: \"2026-11-20\" } }]) { version } }",
        json!({ "id": id, "v": version, "k": key, "l": l.parse::<i32>().unwrap(), "c": c.parse::<i32>().unwrap() }),
    );
    let mut conn = app.pool().get().expect("connection");
    type Entry = (String, Option<String>, Option<String>, Option<String>);
    let entries: Vec<Entry> = audit_entries::table
        .filter(audit_entries::item_key.eq(&key))
        .filter(audit_entries::after_json.like("%lav nok til at bære%"))
        .order(audit_entries::seq.asc())
        .select((
            audit_entries::action,
            audit_entries::item_key,
            audit_entries::before_json,
            audit_entries::after_json,
        ))
        .load(&mut conn)
        .expect("entries");
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert_eq!(
        entries[0], entries[1],
        "form and GraphQL leave the same entry"
    );
}

/// The value of the selected option of select `name`.
fn hidden_selected(page: &Page, name: &str) -> String {
    let start = page
        .body
        .find(&format!("name=\"{name}\""))
        .expect("the select");
    let end = page.body[start..].find("</select>").expect("its end") + start;
    page.body[start..end]
        .split("<option value=\"")
        .skip(1)
        .find(|o| o.contains("\" selected>"))
        .and_then(|o| o.split('"').next())
        .expect("a selected option")
        .to_string()
}

#[test]
fn a_refused_treatment_shows_the_message_beside_the_field_with_the_input_kept() {
    let app = TestApp::spawn();
    let (web, id) = sydby(&app);
    let list = web.get(&format!(
        "/assessments/{id}/risks?untreated=1&inherent=MEDIUM"
    ));
    let key = (rows(&list, &id).into_iter())
        .find(|r| r.cells[4] == "0")
        .unwrap_or_else(|| {
            panic!(
                "an untreated medium risk no measure mitigates: {}",
                list.body.split("<tbody>").nth(1).unwrap_or("")
            )
        })
        .key;
    let path = format!("/assessments/{id}/risks/{key}");
    let form = web.get(&path);
    let before = app.audit_count();

    // No residual values: refused beside them, before anything is written.
    let fields = treatment_fields(
        &form,
        &[
            ("decision", "REDUCE"),
            ("rationale", "Vores egen begrundelse"),
        ],
    );
    let refused = submit(&web, &path, &fields);
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("id=\"f-residual_likelihood-error\""));
    assert!(refused.body.contains("Vælg en værdi på skalaen."));
    assert!(refused
        .body
        .contains("aria-invalid=\"true\" aria-describedby=\"f-residual_likelihood-error\""));
    assert!(refused.body.contains(">Vores egen begrundelse</textarea>"));

    // A lowered residual without a measure: the domain refuses it, beside the measures.
    let fields = treatment_fields(
        &form,
        &[
            ("decision", "REDUCE"),
            ("residual_likelihood", "1"),
            ("residual_consequence", "1"),
            ("rationale", "Vores egen begrundelse"),
        ],
    );
    let refused = submit(&web, &path, &fields);
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("id=\"f-measures-error\""),
        "{}",
        refused.body
    );
    assert!(refused
        .body
        .contains("så mindst én foranstaltning i kraft skal mindske risikoen"));
    assert!(refused.body.contains(">Vores egen begrundelse</textarea>"));
    assert!(refused.body.contains("<option value=\"REDUCE\" selected>"));
    assert_eq!(app.audit_count(), before, "a refused form wrote nothing");

    // Someone else writes first: the form is stale, the person's input stays.
    let token = app.login("dpo@sydby.example");
    let version: i64 = hidden_value(&form.body, "version")
        .unwrap()
        .parse()
        .unwrap();
    app.ok(
        Some(&token),
        "mutation($id: ID!, $v: Int!, $r: String!) { applyAssessmentCommands(assessmentId: $id, expectedVersion: $v, commands: [{ setResponse: { recommendationKey: $r, response: PLANNED, due: \"2027-01-01\" } }]) { version } }",
        json!({ "id": id, "v": version, "r": REC }),
    );
    let stale = submit(&web, &path, &fields);
    assert_eq!(stale.status, 409, "{}", stale.body);
    assert!(stale.body.contains("En anden har gemt først"));
    assert!(stale.body.contains("<td>Vores egen begrundelse</td>"));
}

#[test]
fn the_likelihood_is_raised_after_an_incident_from_the_finding_s_link() {
    let app = TestApp::spawn();
    let (web, id) = sydby(&app);
    let findings = web.get(&format!("/assessments/{id}/findings"));
    assert!(findings
        .body
        .contains("Sandsynligheden er lavere, end en nylig hændelse tillader."));
    let link = format!("/assessments/{id}/risks/{MISDIRECTED}");
    assert!(
        findings.body.contains(&format!("href=\"{link}\"")),
        "the finding links the risk form"
    );
    assert!(findings
        .body
        .contains(&format!("href=\"/assessments/{id}/recommendations/{REC}\"")));
    let form = web.get(&link);
    assert_eq!(hidden_selected(&form, "inherent_likelihood"), "2");
    // The incident in January demands at least 'Sandsynlig' (3), before and after measures.
    let fields = treatment_fields(
        &form,
        &[("inherent_likelihood", "4"), ("residual_likelihood", "3")],
    );
    let saved = submit(&web, &link, &fields);
    assert_eq!(saved.status, 303, "{}", saved.body);
    let form = web.get(&link);
    assert_eq!(hidden_selected(&form, "inherent_likelihood"), "4");
    assert_eq!(hidden_selected(&form, "residual_likelihood"), "3");
    let findings = web.get(&format!("/assessments/{id}/findings"));
    assert!(!findings
        .body
        .contains("Sandsynligheden er lavere, end en nylig hændelse tillader."));
}

#[test]
fn answering_a_recommendation_removes_its_finding() {
    let app = TestApp::spawn();
    let (web, id) = sydby(&app);
    let open = web.get(&format!("/assessments/{id}/recommendations?unanswered=1"));
    assert_eq!(open.status, 200, "{}", open.body);
    assert!(open.body.contains(&format!("/recommendations/{REC}\"")));
    assert!(open.body.contains("<td>SKAL</td>") || open.body.contains("<td>BØR</td>"));
    assert!(open.body.contains("<strong>Ikke besvaret</strong>"));
    let path = format!("/assessments/{id}/recommendations/{REC}");
    let form = web.get(&path);
    assert_eq!(form.status, 200, "{}", form.body);
    let version = hidden_value(&form.body, "version").unwrap();

    // Implemented needs a measure in force: the domain says so beside the answer.
    let refused = submit(
        &web,
        &path,
        &[
            ("version", version.clone()),
            ("response", "IMPLEMENTED".into()),
            ("justification", "Gennemgås hvert kvartal".into()),
        ],
    );
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("id=\"f-response-error\""));
    assert!(refused
        .body
        .contains("Svaret kræver mindst én lokal foranstaltning i kraft"));
    assert!(refused.body.contains(">Gennemgås hvert kvartal</textarea>"));
    // Planned without a due date is refused beside the date.
    let refused = submit(
        &web,
        &path,
        &[("version", version.clone()), ("response", "PLANNED".into())],
    );
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("id=\"f-due-error\""));

    let saved = submit(
        &web,
        &path,
        &[
            ("version", version),
            ("response", "PLANNED".into()),
            ("due", "2027-03-01".into()),
            ("justification", "Indføres med det nye skoleår".into()),
        ],
    );
    saved.assert_redirect(&format!("{path}?saved=1"));
    let after = web.get(&format!("{path}?saved=1"));
    assert!(after.body.contains("<p>Gemt.</p>"));
    assert!(after
        .body
        .contains("<option value=\"PLANNED\" selected>Planlagt</option>"));
    assert!(
        !after.body.contains("&lt;macro"),
        "the recommendation's own text"
    );
    let open = web.get(&format!("/assessments/{id}/recommendations?unanswered=1"));
    assert!(!open.body.contains(&format!("/recommendations/{REC}\"")));
    let findings = web.get(&format!("/assessments/{id}/findings"));
    assert!(!findings
        .body
        .contains(&format!("/assessments/{id}/recommendations/{REC}\"")));
}

#[test]
fn a_local_measure_is_added_linked_and_answers_a_recommendation() {
    let app = TestApp::spawn();
    let (web, id) = sydby(&app);
    let new = format!("/assessments/{id}/measures/new");
    let form = web.get(&new);
    assert_eq!(form.status, 200, "{}", form.body);
    let version = hidden_value(&form.body, "version").unwrap();
    let fields = |title: &str| {
        vec![
            ("version", version.clone()),
            ("key", String::new()),
            ("title", title.to_string()),
            (
                "description",
                "Lederne gennemgår adgange hvert kvartal.".into(),
            ),
            ("kind", "ORGANISATIONAL".into()),
            ("status", "IMPLEMENTED".into()),
            ("status_date", "2026-10-01".into()),
            ("owner", "Skolechefen".into()),
            ("review_cadence_months", "12".into()),
            ("mitigates", "risk.users.no-access-review".into()),
            ("implements", REC.into()),
        ]
    };
    let refused = submit(&web, &new, &fields(" "));
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("id=\"f-title-error\""),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("Feltet må ikke være tomt."));
    assert!(refused.body.contains("value=\"Skolechefen\""), "input kept");

    let saved = submit(&web, &new, &fields("Kvartalsvis adgangsgennemgang"));
    assert_eq!(saved.status, 303, "{}", saved.body);
    let key = "local.measure.kvartalsvis-adgangsgennemgang";
    let list = web.get(&format!("/assessments/{id}/measures"));
    assert!(
        list.body.contains(&format!("id=\"m-{key}\"")),
        "{}",
        list.body
    );
    assert!(list.body.contains("Skolechefen"));
    let uncovered = list
        .body
        .split("id=\"uncovered-recs\"")
        .nth(1)
        .expect("the list");
    assert!(
        !uncovered.contains(&format!("/recommendations/{REC}\"")),
        "now covered"
    );

    // The measure backs an answer: implemented, linked on the answer form.
    let path = format!("/assessments/{id}/recommendations/{REC}");
    let form = web.get(&path);
    assert!(form.body.contains(&format!("value=\"{key}\" checked")));
    let saved = submit(
        &web,
        &path,
        &[
            ("version", hidden_value(&form.body, "version").unwrap()),
            ("response", "IMPLEMENTED".into()),
            ("measures", key.into()),
        ],
    );
    assert_eq!(saved.status, 303, "{}", saved.body);

    // Editing the measure keeps its key; the edit form shows what it covers.
    let edit = web.get(&format!("/assessments/{id}/measures/{key}"));
    assert_eq!(edit.status, 200);
    assert!(edit
        .body
        .contains("value=\"risk.users.no-access-review\" checked"));

    // The answer relies on it: removing it is refused on its form, and nothing is written.
    let before = app.audit_count();
    let remove = format!("/assessments/{id}/measures/{key}/remove");
    let refused = web.submit(
        &format!("/assessments/{id}/measures/{key}"),
        &remove,
        &[("version", &hidden_value(&edit.body, "version").unwrap())],
    );
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("id=\"f-remove-error\""));
    assert!(refused
        .body
        .contains(&format!("mens {REC} henviser til det")));
    assert_eq!(app.audit_count(), before);
}

#[test]
fn a_local_risk_is_added_with_a_generated_key() {
    let app = TestApp::spawn();
    let (web, id) = sydby(&app);
    let new = format!("/assessments/{id}/risks/new");
    let form = web.get(&new);
    assert_eq!(form.status, 200, "{}", form.body);
    let version = hidden_value(&form.body, "version").unwrap();
    let fields = |threat: &str, key: &str| {
        vec![
            ("version", version.clone()),
            ("key", key.to_string()),
            ("scope", "module.messages".to_string()),
            ("threat", threat.to_string()),
            (
                "description",
                "Skærmen i skranken kan ses af borgere.".into(),
            ),
            ("threat_source", "HUMAN_ERROR".into()),
            ("properties", "CONFIDENTIALITY".into()),
            ("likelihood", "2".into()),
            ("consequence", "3".into()),
            ("rationale", "Skranken er åben hver dag.".into()),
        ]
    };
    let refused = submit(&web, &new, &fields("Skærm ses af uvedkommende", "risk.own"));
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("id=\"f-key-error\""));
    assert!(refused.body.contains("Nøglen skal begynde med"));
    let saved = submit(&web, &new, &fields("Skærm ses af uvedkommende", ""));
    assert_eq!(saved.status, 303, "{}", saved.body);
    let key = "local.risk.skaerm-ses-af-uvedkommende";
    saved.assert_redirect(&format!("/assessments/{id}/risks/{key}"));
    let local = web.get(&format!("/assessments/{id}/risks?provenance=local"));
    let found = rows(&local, &id);
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].key.as_str(), found[0].cells[0].as_str()),
        (key, "Lokal")
    );
}

#[test]
fn another_organisations_risk_screens_answer_the_same_404_page() {
    let app = TestApp::spawn();
    let nordby = assessment_of(&app, "dpo@nordby.example");
    let web = WebClient::new(&app);
    web.sign_in("dpo@sydby.example");
    for tail in [
        "risks".to_string(),
        format!("risks/{MISDIRECTED}"),
        "risks/new".to_string(),
        "measures".to_string(),
        "measures/new".to_string(),
        "recommendations".to_string(),
        format!("recommendations/{REC}"),
    ] {
        let theirs = web.get(&format!("/assessments/{nordby}/{tail}"));
        let missing = web.get(&format!("/assessments/no-such-id/{tail}"));
        assert_eq!((theirs.status, missing.status), (404, 404), "{tail}");
        assert_eq!(theirs.body, missing.body, "{tail}");
    }
    let (web, id) = sydby(&app);
    assert_eq!(
        web.get(&format!("/assessments/{id}/risks/risk.no-such"))
            .status,
        404
    );
}

#[test]
fn a_viewer_sees_the_risk_screens_without_forms() {
    let app = TestApp::spawn();
    let id = assessment_of(&app, "dpo@sydby.example");
    let admin = app.login("admin@sydby.example");
    app.ok(
        Some(&admin),
        "mutation($p: String!) { createUser(input: { email: \"viewer@sydby.example\", displayName: \"Læser\", role: VIEWER, password: $p }) { id } }",
        json!({ "p": DEMO_PASSWORD }),
    );
    let web = WebClient::new(&app);
    web.sign_in("viewer@sydby.example");
    for tail in [
        "risks".to_string(),
        format!("risks/{MISDIRECTED}"),
        "measures".to_string(),
        "recommendations".to_string(),
        format!("recommendations/{REC}"),
    ] {
        let page = web.get(&format!("/assessments/{id}/{tail}"));
        assert_eq!(page.status, 200, "{tail}: {}", page.body);
        assert!(
            !page.body.contains("method=\"post\" action=\"/assessments"),
            "{tail}"
        );
        assert!(!page.body.contains("/risks/new"), "{tail}");
        assert!(!page.body.contains("/measures/new"), "{tail}");
    }
    let risk = web.get(&format!("/assessments/{id}/risks/{MISDIRECTED}"));
    assert!(risk.body.contains("Reducér"), "the treatment in words");
}

#[test]
fn browser_risks_measures_and_recommendations_pass_axe_and_work_by_keyboard() {
    use super::browser::Browser;
    let app = TestApp::spawn();
    let id = assessment_of(&app, "dpo@sydby.example");
    let browser = Browser::start(&app);
    browser.sign_in("dpo@sydby.example");
    browser.goto(&format!("/assessments/{id}"));
    assert!(browser.exists(".ws-screens a[href$='/recommendations']"));
    browser.click(&format!(".ws-screens a[href='/assessments/{id}/risks']"));
    browser.wait_for("table.risk-map");
    browser.assert_accessible("risks");
    browser.screenshot("risks");
    browser.script("document.getElementById('maps').scrollIntoView()");
    browser.screenshot("risk-maps");
    browser.goto(&format!(
        "/assessments/{id}/risks?untreated=1&sort=inherent&per=10"
    ));
    browser.assert_accessible("risks filtered");
    browser.goto(&format!("/assessments/{id}/risks/{MISDIRECTED}"));
    browser.assert_accessible("treatment form");
    browser.screenshot("risk-treatment");
    browser.select("#f-decision", "REDUCE");
    browser.select("#f-residual_likelihood", "");
    browser.click("button.primary");
    browser.wait_for("#f-residual_likelihood-error");
    browser.assert_accessible("treatment refused");
    browser.script("document.getElementById('f-decision').scrollIntoView()");
    browser.screenshot("risk-treatment-refused");
    browser.goto(&format!("/assessments/{id}/risks/new"));
    browser.assert_accessible("local risk");
    browser.goto(&format!("/assessments/{id}/measures"));
    browser.assert_accessible("measures");
    browser.screenshot("measures");
    browser.goto(&format!("/assessments/{id}/measures/new"));
    browser.assert_accessible("new measure");
    browser.goto(&format!(
        "/assessments/{id}/measures/local.measure.gdpr-training-super-users"
    ));
    browser.assert_accessible("measure form");
    browser.screenshot("measure-new");
    browser.goto(&format!("/assessments/{id}/recommendations"));
    browser.assert_accessible("recommendations");
    browser.screenshot("recommendations");
    browser.goto(&format!("/assessments/{id}/recommendations/{REC}"));
    browser.assert_accessible("answer form");
    browser.select("#f-response", "IMPLEMENTED");
    browser.click("button.primary");
    browser.wait_for("#f-response-error");
    browser.assert_accessible("answer refused");
    browser.script("document.getElementById('f-response').scrollIntoView()");
    browser.screenshot("recommendation-refused");
    // Keyboard: the nav link to the risks is reachable and focus is visible.
    browser.goto(&format!("/assessments/{id}/recommendations"));
    browser.script(&format!(
        "document.querySelector(\"a[href='/assessments/{id}/risks']\").focus()"
    ));
    browser.keys("\u{E007}");
    browser.wait_for("table.risk-map");
    assert!(browser.path().ends_with("/risks"));
}
