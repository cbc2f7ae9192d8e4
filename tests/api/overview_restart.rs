//! The adopter overview across restarts and processes (issue 18): each adopter's summary is
//! kept in the database, and a restarted server or another process serves it only for the
//! assessment state, check settings and day it was computed for; otherwise it recomputes it.

use diesel::prelude::*;
use serde_json::{json, Value};

use dpiahub::store::schema::{assessments, overview_summaries};

use crate::assessments::{answer_an_unaddressed_recommendation, demo_assessment};
use crate::helpers::{error_code, TestApp, TODAY};

const OVERVIEW: &str = "query { adopterOverview(templateKey: \"school-platform\") { adopterCount aggregateOnly adoptersPerVersion { version adopters } adopters { totalCount edges { node { organisationId organisation assessmentId pinnedVersion status overrides loweredRisks residualHighs unaddressedRecommendations errorFindings warningFindings } } } recommendations { key responses { status adopters } } risks { key lowered residualHigh notApplicable untreated } findingsPerRule { ruleId adopters } } }";

/// The overview's HTTP body exactly as the server sent it.
fn overview_text(app: &TestApp, token: &str) -> String {
    let text = ureq::post(&format!("{}/graphql", app.base))
        .set("content-type", "application/json")
        .set("authorization", &format!("Bearer {token}"))
        .send_string(&json!({ "query": OVERVIEW }).to_string())
        .expect("the overview answers 200")
        .into_string()
        .expect("a body");
    let parsed: Value = serde_json::from_str(&text).expect("JSON");
    assert!(parsed.get("errors").is_none(), "{text}");
    text
}

fn overview(app: &TestApp) -> (String, Value) {
    let reviewer = app.login("reviewer@authority.example");
    let text = overview_text(app, &reviewer);
    let parsed: Value = serde_json::from_str(&text).expect("JSON");
    (text, parsed["data"]["adopterOverview"].clone())
}

fn adopter(overview: &Value, organisation: &str) -> Value {
    overview["adopters"]["edges"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|e| e["node"].clone())
        .find(|n| n["organisation"] == organisation)
        .unwrap_or_else(|| panic!("{organisation} missing from {overview}"))
}

/// (assessment id, version, day, summary) of every stored summary, by assessment id.
fn stored(app: &TestApp) -> Vec<(String, i64, String, String)> {
    let mut conn = app.pool().get().expect("connection");
    overview_summaries::table
        .select((
            overview_summaries::assessment_id,
            overview_summaries::version,
            overview_summaries::day,
            overview_summaries::summary,
        ))
        .order(overview_summaries::assessment_id)
        .load(&mut conn)
        .expect("stored summaries")
}

fn assessment_version(app: &TestApp, id: &str) -> i64 {
    let mut conn = app.pool().get().expect("connection");
    assessments::table
        .filter(assessments::id.eq(id))
        .select(assessments::version)
        .first(&mut conn)
        .expect("the assessment")
}

fn forget_stored(app: &TestApp) {
    let mut conn = app.pool().get().expect("connection");
    diesel::delete(overview_summaries::table)
        .execute(&mut conn)
        .expect("delete the stored summaries");
}

#[test]
fn a_restarted_server_answers_the_overview_byte_for_byte_from_stored_summaries() {
    let app = TestApp::spawn();
    let (computed, figures) = overview(&app);
    let rows = stored(&app);
    assert_eq!(
        rows.len() as i64,
        figures["adopterCount"].as_i64().expect("a count"),
        "one stored summary per adopter"
    );
    for (id, version, day, _) in &rows {
        assert_eq!(
            *version,
            assessment_version(&app, id),
            "keyed by the row version"
        );
        assert_eq!(*day, TODAY.to_string());
    }

    let restarted = app.another_server(TODAY);
    assert_eq!(overview(&restarted).0, computed);
    assert_eq!(
        stored(&restarted),
        rows,
        "nothing recomputed, nothing rewritten"
    );

    // The stored summaries change nothing about who may read what.
    let dpo = restarted.login("dpo@sydby.example");
    assert_eq!(
        error_code(&restarted.gql(Some(&dpo), OVERVIEW, json!({}))),
        "NOT_FOUND"
    );
    let editor = restarted.login("editor@central.example");
    let central = restarted.ok(Some(&editor), OVERVIEW, json!({}));
    assert_eq!(central["adopterOverview"]["aggregateOnly"], true);
    assert!(central["adopterOverview"]["adopters"].is_null());
}

#[test]
fn a_stored_summary_is_served_only_for_the_row_version_it_was_computed_for() {
    let app = TestApp::spawn();
    let (computed, figures) = overview(&app);
    let sydby = adopter(&figures, "Sydby Kommune");
    let id = sydby["assessmentId"].as_str().expect("an id").to_string();
    let version = assessment_version(&app, &id);
    let original = stored(&app)
        .into_iter()
        .find(|row| row.0 == id)
        .expect("Sydby's summary")
        .3;
    let mut altered: Value = serde_json::from_str(&original).expect("stored JSON");
    altered["overrides"] = json!(999);
    let put = |version: i64| {
        let mut conn = app.pool().get().expect("connection");
        diesel::update(overview_summaries::table.filter(overview_summaries::assessment_id.eq(&id)))
            .set((
                overview_summaries::version.eq(version),
                overview_summaries::summary.eq(altered.to_string()),
            ))
            .execute(&mut conn)
            .expect("alter the stored summary");
    };

    // Under the current key, a restarted server takes what is stored (it does not recompute).
    put(version);
    let restarted = app.another_server(TODAY);
    assert_eq!(
        adopter(&overview(&restarted).1, "Sydby Kommune")["overrides"],
        999
    );

    // Under an older row version, the stored summary is ignored, recomputed and replaced.
    put(version - 1);
    let again = app.another_server(TODAY);
    assert_eq!(overview(&again).0, computed);
    let row = stored(&again)
        .into_iter()
        .find(|row| row.0 == id)
        .expect("Sydby's summary");
    assert_eq!((row.1, row.3), (version, original));
}

#[test]
fn a_write_through_one_server_shows_at_once_in_the_overview_of_another() {
    let a = TestApp::spawn();
    let b = a.another_server(TODAY);
    let before = overview(&b).1;
    assert_eq!(
        adopter(&before, "Sydby Kommune")["unaddressedRecommendations"],
        12
    );

    let (token, sydby, version) = demo_assessment(&a, "dpo@sydby.example");
    answer_an_unaddressed_recommendation(&a, &token, &sydby, version);

    let (after_text, after) = overview(&b);
    assert_eq!(
        adopter(&after, "Sydby Kommune")["unaddressedRecommendations"],
        11,
        "B served a summary of the state before A's write"
    );
    assert_eq!(overview(&a).0, after_text);
    let restarted = a.another_server(TODAY);
    assert_eq!(overview(&restarted).0, after_text);
    let row = stored(&restarted)
        .into_iter()
        .find(|row| row.0 == sydby)
        .expect("Sydby's summary");
    assert_eq!(row.1, assessment_version(&a, &sydby));
}

#[test]
fn a_summary_stored_under_other_check_settings_is_not_served() {
    let app = TestApp::spawn();
    let (before, figures) = overview(&app);
    let editor = app.login("editor@central.example");
    app.ok(
        Some(&editor),
        "mutation { setTemplateCheckSettings(templateKey: \"school-platform\", maxHighRisksSingleMeasure: 20, reviewIntervalMonths: 12) { maxHighRisksSingleMeasure } }",
        json!({}),
    );

    let restarted = app.another_server(TODAY);
    let (after, changed) = overview(&restarted);
    assert_ne!(after, before, "the new thresholds change the findings");
    assert!(
        adopter(&changed, "Sydby Kommune")["warningFindings"].as_i64()
            < adopter(&figures, "Sydby Kommune")["warningFindings"].as_i64()
    );
    forget_stored(&app);
    assert_eq!(
        overview(&app.another_server(TODAY)).0,
        after,
        "as computed afresh"
    );
}

#[test]
fn a_summary_stored_on_another_day_is_not_served() {
    let app = TestApp::spawn();
    let (before, _) = overview(&app);
    let later = TODAY + chrono::Months::new(30);

    let restarted = app.another_server(later);
    let after = overview(&restarted).0;
    assert_ne!(
        after, before,
        "time-dependent checks find more 30 months later"
    );
    assert!(stored(&restarted)
        .iter()
        .all(|(_, _, day, _)| *day == later.to_string()));
    forget_stored(&app);
    assert_eq!(
        overview(&app.another_server(later)).0,
        after,
        "as computed afresh"
    );
    // And back: the day's own summaries are computed again, not the later day's served.
    assert_eq!(overview(&app.another_server(TODAY)).0, before);
}
