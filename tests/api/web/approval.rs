//! Screens 9, 10 and 11 of issue 15 over HTTP with JavaScript off: approval (sign-offs, the
//! gate's refusal with its errors, warnings acknowledged one by one, revisions), the upgrade
//! (preview, a form per conflict, apply) and the authority's review findings (answer). Each
//! form writes through the same store function as the API, so the audit entry is the same.

use diesel::prelude::*;
use serde_json::json;

use super::client::{hidden_value, Page, WebClient};
use super::pages::assessment_of;
use crate::helpers::TestApp;
use dpiahub::store::schema::audit_entries;

/// (actor, action, entity, item key, before, after) of the newest entry with `action`, with
/// the assessment's id (random per app) taken out.
fn last_entry(app: &TestApp, action: &str, id: &str) -> Vec<Option<String>> {
    let mut conn = app.pool().get().expect("connection");
    let row: (
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
    ) = audit_entries::table
        .filter(audit_entries::action.eq(action))
        .order(audit_entries::at.desc())
        .select((
            audit_entries::actor_email,
            audit_entries::action,
            audit_entries::entity,
            audit_entries::item_key,
            audit_entries::before_json,
            audit_entries::after_json,
        ))
        .first(&mut conn)
        .expect("an entry");
    let clean = |s: Option<String>| s.map(|s| s.replace(id, "ID"));
    vec![
        Some(row.0),
        Some(row.1),
        Some(row.2),
        row.3,
        clean(row.4),
        clean(row.5),
    ]
}

fn post(web: &WebClient, page: &str, action: &str, fields: &[(&str, String)]) -> Page {
    let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    web.submit(page, action, &f)
}

/// The fields of the sign-offs form as shown, with `changes` applied.
fn sign_offs_fields(body: &str, changes: &[(&str, &str)]) -> Vec<(&'static str, String)> {
    const NAMES: [&str; 12] = [
        "dpo_by",
        "dpo_on",
        "dpo_text",
        "owner_by",
        "owner_on",
        "owner_text",
        "pc_decided_on",
        "pc_reference",
        "pc_outcome",
        "processing_started_on",
        "next_review_on",
        "pc_required",
    ];
    let form = &body[body
        .find("/approval/sign-offs")
        .expect("the sign-offs form")..];
    let textarea = |name: &str| {
        let open = format!("name=\"{name}\" rows=\"3\"");
        form.find(&open).map(|at| {
            let rest = &form[at..];
            let start = rest.find('>').expect("textarea") + 1;
            let end = rest.find("</textarea>").expect("textarea end");
            rest[start..end].to_string()
        })
    };
    let selected = || {
        let select = &form[form.find("name=\"pc_required\"").expect("select")..];
        let select = &select[..select.find("</select>").expect("end")];
        select
            .split("<option value=\"")
            .skip(1)
            .find(|o| o.contains(" selected"))
            .and_then(|o| o.split('"').next())
            .unwrap_or("")
            .to_string()
    };
    let mut fields = vec![(
        "version",
        hidden_value(form, "version").expect("the version"),
    )];
    for name in NAMES {
        let value = match name {
            "pc_required" => selected(),
            _ => textarea(name)
                .or_else(|| hidden_value(form, name))
                .unwrap_or_default(),
        };
        let value = changes
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
            .unwrap_or(value);
        fields.push((name, value));
    }
    fields
}

/// The rule ids of the warnings the approval form asks to acknowledge.
fn warnings_of(body: &str) -> Vec<String> {
    body.split("name=\"ack\" value=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect()
}

/// The approval form's fields: every warning ticked with `reason`, except `unticked`.
fn approval_fields(body: &str, reason: &str, unticked: &str) -> Vec<(String, String)> {
    let form = &body[body
        .find("class=\"stack approve\"")
        .expect("the approval form")..];
    let mut fields = vec![(
        "version".to_string(),
        hidden_value(form, "version").expect("the version"),
    )];
    for rule in warnings_of(form) {
        if rule != unticked {
            fields.push(("ack".into(), rule.clone()));
        }
        fields.push((format!("reason-{rule}"), reason.into()));
    }
    fields
}

fn send(web: &WebClient, page: &str, fields: &[(String, String)]) -> Page {
    let f: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    web.submit(page, page, &f)
}

#[test]
fn a_refused_approval_lists_the_errors_with_links_to_the_forms_and_writes_nothing() {
    let app = TestApp::spawn();
    let id = assessment_of(&app, "dpo@sydby.example");
    let web = WebClient::new(&app);
    web.sign_in("dpo@sydby.example");
    let path = format!("/assessments/{id}/approval");
    let page = web.get(&path);
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("blokerer godkendelsen"), "{}", page.body);
    assert!(page
        .body
        .contains("Antallet af registrerede i en kategori er ikke angivet."));
    assert!(page.body.contains(&format!("/assessments/{id}/findings")));
    let version = hidden_value(
        &page.body[page.body.find("action=\"/assessments").unwrap()..],
        "version",
    )
    .unwrap();
    let before = app.audit_count();
    let refused = post(&web, &path, &path, &[("version", version)]);
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("Godkendelsen blev afvist"));
    let listed = &refused.body[refused.body.find("gate-refused").unwrap()..];
    let listed = &listed[..listed.find("</div>").unwrap()];
    assert!(listed.contains("/items/"), "{listed}");
    assert!(refused
        .body
        .contains(&format!("href=\"/assessments/{id}/approval#sign-offs\"")));
    assert_eq!(
        app.audit_count(),
        before,
        "a refused approval wrote nothing"
    );
}

/// Nordby's approved assessment reopened by clearing its next review date through the form:
/// the one warning left needs its box and a reason, then the approval is revision 2.
#[test]
fn warnings_are_acknowledged_one_by_one_and_the_approval_shows_the_new_revision() {
    let app = TestApp::spawn();
    let id = assessment_of(&app, "dpo@nordby.example");
    let web = WebClient::new(&app);
    web.sign_in("dpo@nordby.example");
    let path = format!("/assessments/{id}/approval");
    let page = web.get(&path);
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page
        .body
        .contains("Konsekvensanalysen er godkendt (revision 1)"));
    let fields = sign_offs_fields(&page.body, &[("next_review_on", "")]);
    let saved = post(&web, &path, &format!("{path}/sign-offs"), &fields);
    assert_eq!(saved.status, 303, "{}", saved.body);

    let page = web.get(&path);
    assert!(
        page.body.contains("Ændret siden revision 1"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Godkendelser og datoer"));
    assert!(
        page.body
            .contains("id=\"f-ack-A35_11_NEXT_REVIEW_NOT_SET\""),
        "{}",
        &page.body[page.body.find("id=\"gate\"").unwrap_or(0)..]
    );
    let unticked = send(
        &web,
        &path,
        &approval_fields(
            &page.body,
            "Fastsættes i januar",
            "A35_11_NEXT_REVIEW_NOT_SET",
        ),
    );
    assert_eq!(unticked.status, 422, "{}", unticked.body);
    assert!(unticked
        .body
        .contains("id=\"f-ack-A35_11_NEXT_REVIEW_NOT_SET-error\""));
    assert!(
        unticked.body.contains(">Fastsættes i januar</textarea>"),
        "the reason is kept"
    );

    let no_reason = send(&web, &path, &approval_fields(&page.body, " ", ""));
    assert_eq!(no_reason.status, 422);
    assert!(no_reason
        .body
        .contains("aria-invalid=\"true\" aria-describedby=\"f-reason-"));

    let mut fields = approval_fields(&page.body, "Fastsættes på byrådsmødet i januar", "");
    fields.push(("signatory".into(), "Anne Holm, kommunaldirektør".into()));
    let approved = send(&web, &path, &fields);
    assert_eq!(approved.status, 303, "{}", approved.body);
    let page = web.get(&path);
    assert!(page
        .body
        .contains("Konsekvensanalysen er godkendt (revision 2)"));
    assert!(page.body.contains("Anne Holm, kommunaldirektør"));
    assert!(page.body.contains("<th scope=\"row\">2</th>"));
}

#[test]
fn sign_offs_approval_and_an_answer_through_the_forms_leave_the_same_audit_entries_as_graphql() {
    let (by_form, by_api) = (TestApp::spawn(), TestApp::spawn());
    let (form_id, api_id) = (
        assessment_of(&by_form, "dpo@nordby.example"),
        assessment_of(&by_api, "dpo@nordby.example"),
    );

    // Sign-offs: only the part changed is written.
    let web = WebClient::new(&by_form);
    web.sign_in("dpo@nordby.example");
    let path = format!("/assessments/{form_id}/approval");
    let page = web.get(&path);
    let fields = sign_offs_fields(&page.body, &[("next_review_on", "")]);
    let saved = post(&web, &path, &format!("{path}/sign-offs"), &fields);
    assert_eq!(saved.status, 303, "{}", saved.body);
    let token = by_api.login("dpo@nordby.example");
    let version = by_api.ok(
        Some(&token),
        "query($id: ID!) { assessment(id: $id) { version } }",
        json!({ "id": api_id }),
    )["assessment"]["version"]
        .clone();
    by_api.ok(
        Some(&token),
        "mutation($id: ID!, $v: Int!) { applyAssessmentCommands(assessmentId: $id, expectedVersion: $v, commands: [{ setSignOffs: { nextReviewOn: null } }]) { version } }",
        json!({ "id": api_id, "v": version }),
    );
    assert_eq!(
        last_entry(&by_form, "apply", &form_id),
        last_entry(&by_api, "apply", &api_id)
    );

    // Approval through the gate, the warning acknowledged.
    let page = web.get(&path);
    let mut fields = approval_fields(&page.body, "Accepteret", "");
    fields.push(("signatory".into(), "Anne Holm, kommunaldirektør".into()));
    let acknowledgement: Vec<String> = warnings_of(&page.body)
        .iter()
        .map(|rule| format!("{rule}: Accepteret"))
        .collect();
    let approved = send(&web, &path, &fields);
    assert_eq!(approved.status, 303, "{}", approved.body);
    let version = by_api.ok(
        Some(&token),
        "query($id: ID!) { assessment(id: $id) { version } }",
        json!({ "id": api_id }),
    )["assessment"]["version"]
        .clone();
    by_api.ok(
        Some(&token),
        "mutation($id: ID!, $v: Int!, $a: String) { approveAssessment(assessmentId: $id, expectedVersion: $v, acknowledgement: $a, signatory: \"Anne Holm, kommunaldirektør\") { status } }",
        json!({ "id": api_id, "v": version, "a": acknowledgement.join("\n") }),
    );
    assert_eq!(
        last_entry(&by_form, "approve", &form_id),
        last_entry(&by_api, "approve", &api_id)
    );

    // The authority's finding, answered on the review page and through the API.
    let mut findings = Vec::new();
    for (app, id) in [(&by_form, &form_id), (&by_api, &api_id)] {
        let officer = app.login("reviewer@authority.example");
        let f = app.ok(
            Some(&officer),
            "mutation($id: ID!) { recordReviewFinding(assessmentId: $id, itemKey: \"risk.messages.outage\", severity: \"WARNING\", comment: \"Hvordan testes nødplanen?\") { id version } }",
            json!({ "id": id }),
        );
        findings.push(f["recordReviewFinding"].clone());
    }
    let review = format!("/assessments/{form_id}/review");
    let page = web.get(&review);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Hvordan testes nødplanen?"));
    assert!(page.body.contains(&format!(
        "href=\"/assessments/{form_id}/items/risk.messages.outage\""
    )));
    let finding = findings[0]["id"].as_str().unwrap();
    let answered = post(
        &web,
        &review,
        &format!("{review}/{finding}/answer"),
        &[
            ("version", findings[0]["version"].to_string()),
            ("answer", "Nødplanen øves hvert halve år.".into()),
        ],
    );
    assert_eq!(answered.status, 303, "{}", answered.body);
    by_api.ok(
        Some(&token),
        "mutation($id: ID!, $v: Int!) { answerReviewFinding(id: $id, expectedVersion: $v, answer: \"Nødplanen øves hvert halve år.\") { status } }",
        json!({ "id": findings[1]["id"], "v": findings[1]["version"] }),
    );
    assert_eq!(
        last_entry(&by_form, "answer", &form_id),
        last_entry(&by_api, "answer", &api_id)
    );
    let page = web.get(&review);
    assert!(page.body.contains("Besvaret"));
    assert!(page.body.contains("Nødplanen øves hvert halve år."));
}

#[test]
fn a_stale_sign_offs_form_shows_the_persons_input_beside_the_current_values() {
    let app = TestApp::spawn();
    let id = assessment_of(&app, "dpo@sydby.example");
    let web = WebClient::new(&app);
    web.sign_in("dpo@sydby.example");
    let path = format!("/assessments/{id}/approval");
    let page = web.get(&path);
    let first = sign_offs_fields(&page.body, &[("processing_started_on", "2026-01-15")]);
    let saved = post(&web, &path, &format!("{path}/sign-offs"), &first);
    assert_eq!(saved.status, 303, "{}", saved.body);
    // The same form, read before that write, with other input.
    let second = sign_offs_fields(&page.body, &[("processing_started_on", "2026-02-20")]);
    let stale = post(&web, &path, &format!("{path}/sign-offs"), &second);
    assert_eq!(stale.status, 409, "{}", stale.body);
    assert!(stale.body.contains("En anden har gemt først"));
    assert!(
        stale.body.contains("value=\"2026-02-20\""),
        "the input is kept"
    );
    assert!(
        stale.body.contains("Aktuel værdi: 2026-01-15"),
        "beside the current value"
    );

    // A DPO opinion without its text is refused beside the box, the input kept.
    let page = web.get(&path);
    let fields = sign_offs_fields(
        &page.body,
        &[
            ("dpo_by", "Jens Dahl, DPO"),
            ("dpo_on", "2026-05-01"),
            ("dpo_text", ""),
        ],
    );
    let refused = post(&web, &path, &format!("{path}/sign-offs"), &fields);
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("id=\"f-dpo_text-error\""));
    assert!(refused.body.contains("value=\"Jens Dahl, DPO\""));
}

#[test]
fn nordby_upgrades_through_the_form_resolving_each_conflict() {
    let app = TestApp::spawn();
    let id = assessment_of(&app, "dpo@nordby.example");
    let web = WebClient::new(&app);
    web.sign_in("dpo@nordby.example");
    let list = web.get("/assessments");
    assert!(list
        .body
        .contains(&format!("href=\"/assessments/{id}/upgrade\"")));
    let path = format!("/assessments/{id}/upgrade");
    let page = web.get(&path);
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Version 2 er tilgængelig"));
    assert!(page.body.contains("flettes ind uden konflikt"));
    let conflicts = page.body.matches("name=\"key-").count();
    assert!(conflicts > 0, "Nordby relies on an item version 2 removes");
    let version = hidden_value(&page.body, "version").unwrap();
    let keys: Vec<(String, String)> = (0..conflicts)
        .map(|n| {
            (
                hidden_value(&page.body, &format!("key-{n}")).unwrap(),
                hidden_value(&page.body, &format!("field-{n}")).unwrap(),
            )
        })
        .collect();
    let fields = |choice: &str, why: &str| {
        let mut f = vec![
            ("version".to_string(), version.clone()),
            ("to".into(), "2".into()),
        ];
        for (n, (key, field)) in keys.iter().enumerate() {
            f.push((format!("key-{n}"), key.clone()));
            f.push((format!("field-{n}"), field.clone()));
            f.push((format!("choice-{n}"), choice.into()));
            f.push((format!("justification-{n}"), why.into()));
            f.push((format!("value-{n}"), String::new()));
        }
        f
    };
    let send = |f: Vec<(String, String)>| {
        let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        web.submit(&path, &path, &f)
    };
    let before = app.audit_count();
    let unchosen = send(fields("", ""));
    assert_eq!(unchosen.status, 422, "{}", unchosen.body);
    assert!(unchosen.body.contains("id=\"f-choice-0-error\""));
    let unjustified = send(fields("keep", ""));
    assert_eq!(unjustified.status, 422);
    assert!(unjustified.body.contains("id=\"f-justification-0-error\""));
    assert_eq!(app.audit_count(), before, "a refused upgrade wrote nothing");

    let done = send(fields("keep", "Nordby bruger stadig elementet lokalt."));
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(done.location.as_deref(), Some(&*format!("{path}?done=2")));
    let page = web.get(&format!("{path}?done=2"));
    assert!(page.body.contains("bygger nu på version 2"));
    assert!(!page.body.contains("er tilgængelig"));

    // The form read before the upgrade is stale now: 409, the person's choices shown.
    let stale = send(fields("take", ""));
    assert_eq!(stale.status, 409, "{}", stale.body);
    assert!(stale.body.contains("En anden har gemt først"));
}

#[test]
fn nordbys_approval_upgrade_and_review_pages_are_the_same_404_for_sydby() {
    let app = TestApp::spawn();
    let nordby = assessment_of(&app, "dpo@nordby.example");
    let web = WebClient::new(&app);
    web.sign_in("dpo@sydby.example");
    for page in ["approval", "upgrade", "review"] {
        let theirs = web.get(&format!("/assessments/{nordby}/{page}"));
        let missing = web.get(&format!("/assessments/no-such-id/{page}"));
        assert_eq!((theirs.status, missing.status), (404, 404), "{page}");
        assert_eq!(theirs.body, missing.body, "{page}");
    }
    // A post to Nordby's forms with Sydby's valid token is the 404 page too, and writes nothing.
    let own = assessment_of(&app, "dpo@sydby.example");
    let before = app.audit_count();
    let token = web.get(&format!("/assessments/{own}/approval")).csrf();
    for action in ["approval", "approval/sign-offs", "upgrade"] {
        let page = web.post(
            &format!("/assessments/{nordby}/{action}"),
            &[("csrf", &token), ("version", "1"), ("next_review_on", "")],
        );
        assert_eq!(page.status, 404, "{action}: {}", page.body);
    }
    assert_eq!(app.audit_count(), before);
}

/// The item keys the approval page lists under the error whose Danish text starts with `rule`.
pub(super) fn error_keys(body: &str, id: &str, rule: &str) -> Vec<String> {
    let list = &body[body.find("class=\"gate-errors\"").unwrap_or(0)..];
    let list = &list[..list.find("</ul>").unwrap_or(list.len())];
    let Some(item) = list.split("<li>").find(|li| li.starts_with(rule)) else {
        return Vec::new();
    };
    let marker = format!("href=\"/assessments/{id}/");
    item.split(&marker)
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter_map(|path| path.split_once('/').map(|(_, key)| key.to_string()))
        .collect()
}

/// Issue 15's Sydby journey through the forms, JavaScript off: the approval page says why
/// approval is refused; subject counts, the special category type, the operations, the
/// incident's likelihood, the recommendations, the risk treatments and the DPO opinion are
/// repaired through their forms and leave the list; the warnings are acknowledged one by one;
/// the management approves through the gate; the report opens and says who approved.
#[test]
fn sydby_repairs_every_error_through_the_forms_gets_approved_and_opens_the_report() {
    let app = TestApp::spawn();
    let id = assessment_of(&app, "dpo@sydby.example");
    let web = WebClient::new(&app);
    web.sign_in("dpo@sydby.example");
    let approval = format!("/assessments/{id}/approval");
    let page = web.get(&approval);
    const COUNT: &str = "Antallet af registrerede";
    const SPECIAL: &str = "Følsomme oplysninger er nævnt";
    const OPERATIONS: &str = "Behandlingen er kun beskrevet som indsamling";
    const INCIDENT: &str = "Sandsynligheden er lavere";
    const RECOMMENDATION: &str = "En central anbefaling er ikke besvaret";
    for rule in [COUNT, SPECIAL, OPERATIONS, INCIDENT, RECOMMENDATION] {
        assert!(!error_keys(&page.body, &id, rule).is_empty(), "{rule}");
    }
    let item = |key: &str, fields: &[(&str, &str)]| {
        let path = format!("/assessments/{id}/items/{key}");
        let form = web.get(&path);
        let version = hidden_value(&form.body, "version").expect("version");
        let mut all: Vec<(&str, String)> = vec![("version", version)];
        all.extend(fields.iter().map(|(k, v)| (*k, v.to_string())));
        let saved = post(&web, &path, &path, &all);
        assert_eq!(saved.status, 303, "{key}: {}", saved.body);
    };
    for key in error_keys(&page.body, &id, COUNT) {
        item(
            &key,
            &[
                ("field", "count"),
                ("action", "complete"),
                ("value", "1200"),
            ],
        );
    }
    for key in error_keys(&page.body, &id, SPECIAL) {
        item(&key, &[("field", "special_category"), ("action", "revert")]);
    }
    for key in error_keys(&page.body, &id, OPERATIONS) {
        item(&key, &[("field", "operations"), ("action", "revert")]);
    }
    // The incident in January demands at least 'Sandsynlig' before and after measures.
    let risk = format!("/assessments/{id}/risks/risk.messages.misdirected");
    let form = web.get(&risk);
    let mut fields = vec![("version", hidden_value(&form.body, "version").unwrap())];
    for (name, value) in [
        ("inherent_likelihood", "4"),
        ("inherent_consequence", "3"),
        (
            "inherent_justification",
            "Hændelsen i januar viser, at det sker.",
        ),
        ("decision", "REDUCE"),
        ("residual_likelihood", "3"),
        // Recipient checks limit who can receive a misdirected message: the consequence falls.
        ("residual_consequence", "2"),
        ("rationale", "Modtagerkontrol før afsendelse."),
    ] {
        fields.push((name, value.into()));
    }
    for part in form.body.split("name=\"measures\" value=\"").skip(1) {
        let value = part.split('"').next().unwrap_or("");
        if part[value.len()..].starts_with("\" checked") {
            fields.push(("measures", value.to_string()));
        }
    }
    let saved = post(&web, &risk, &risk, &fields);
    assert_eq!(saved.status, 303, "{}", saved.body);
    for key in error_keys(&page.body, &id, RECOMMENDATION) {
        let path = format!("/assessments/{id}/recommendations/{key}");
        let form = web.get(&path);
        let saved = post(
            &web,
            &path,
            &path,
            &[
                ("version", hidden_value(&form.body, "version").unwrap()),
                ("response", "PLANNED".into()),
                ("due", "2027-03-01".into()),
                ("justification", "Indføres med det nye skoleår.".into()),
            ],
        );
        assert_eq!(saved.status, 303, "{key}: {}", saved.body);
    }
    let page = web.get(&approval);
    let fields = sign_offs_fields(
        &page.body,
        &[
            ("dpo_by", "Mette Lund, databeskyttelsesrådgiver"),
            ("dpo_on", "2026-11-20"),
            (
                "dpo_text",
                "Risiciene er beskrevet; behandlingerne skal følges op.",
            ),
        ],
    );
    let saved = post(&web, &approval, &format!("{approval}/sign-offs"), &fields);
    assert_eq!(saved.status, 303, "{}", saved.body);

    let page = web.get(&approval);
    for rule in [COUNT, SPECIAL, OPERATIONS, INCIDENT, RECOMMENDATION] {
        assert!(
            error_keys(&page.body, &id, rule).is_empty(),
            "{rule} is repaired"
        );
    }
    assert!(!page
        .body
        .contains("Databeskyttelsesrådgiverens udtalelse mangler."));
    // The risks without a decision: each is accepted as it stands, by the system owner, with
    // the reason, through its treatment form.
    const UNTREATED: &str = "En middel eller høj risiko har ingen beslutning om håndtering.";
    let untreated = error_keys(&page.body, &id, UNTREATED);
    assert!(!untreated.is_empty(), "{UNTREATED}");
    for key in untreated {
        let path = format!("/assessments/{id}/risks/{key}");
        let form = web.get(&path);
        let chosen = |name: &str| -> String {
            let start = form.body.find(&format!("name=\"{name}\"")).expect(name);
            let end = form.body[start..].find("</select>").expect("select") + start;
            form.body[start..end]
                .split("<option value=\"")
                .skip(1)
                .find(|o| o.contains("\" selected"))
                .and_then(|o| o.split('"').next())
                .unwrap_or_default()
                .to_string()
        };
        let (likelihood, consequence) = (
            chosen("inherent_likelihood"),
            chosen("inherent_consequence"),
        );
        let mut fields = vec![
            ("version", hidden_value(&form.body, "version").expect("version")),
            ("inherent_likelihood", likelihood.clone()),
            ("inherent_consequence", consequence.clone()),
            ("inherent_justification", String::new()),
            ("decision", "ACCEPT".into()),
            ("residual_likelihood", likelihood),
            ("residual_consequence", consequence),
            (
                "rationale",
                "Risikoen er acceptabel med platformens egne kontroller; den følges ved næste revision.".into(),
            ),
            ("accepted_by", "Lars Holm, systemejer".into()),
            ("accepted_on", "2026-11-20".into()),
        ];
        for part in form.body.split("name=\"measures\" value=\"").skip(1) {
            let value = part.split('"').next().unwrap_or("");
            if part[value.len()..].starts_with("\" checked") {
                fields.push(("measures", value.to_string()));
            }
        }
        let saved = post(&web, &path, &path, &fields);
        assert_eq!(saved.status, 303, "{key}: {}", saved.body);
    }

    // No error is left; the warnings are acknowledged one by one, with a reason, and the
    // management approves through the gate.
    let page = web.get(&approval);
    assert!(
        !page.body.contains("class=\"gate-errors\""),
        "every error is repaired: {}",
        &page.body[page.body.find("<main").unwrap_or(0)..]
    );
    let warnings = warnings_of(&page.body);
    assert!(
        !warnings.is_empty(),
        "Sydby still has warnings to acknowledge"
    );
    let mut fields = approval_fields(
        &page.body,
        "Gennemgået med systemejeren; følges op ved næste revision.",
        "",
    );
    fields.push(("signatory".into(), "Birgitte Dahl, kommunaldirektør".into()));
    let approved = send(&web, &approval, &fields);
    assert_eq!(approved.status, 303, "{}", approved.body);
    let page = web.get(&approval);
    assert!(
        page.body
            .contains("Konsekvensanalysen er godkendt (revision 1)"),
        "{}",
        &page.body[page.body.find("<main").unwrap_or(0)..]
    );

    // The report opens on the session and says it is approved, with who signed.
    let report = web.get(&format!("/assessments/{id}/report"));
    assert_eq!(report.status, 200);
    assert!(report.body.contains("Birgitte Dahl, kommunaldirektør"));
    assert!(!report.body.contains("ikke godkendt (kladde)"));
}
