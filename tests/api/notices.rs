//! Notifications (issue 16): notices written with their causes (and rolled back with them),
//! who sees them, the date sweep, and their e-mail through a real SMTP server.
//!
//! These tests drive the store with an `Actor`, as every door does, so they do not depend on
//! the shape of the GraphQL schema or the web pages.

use chrono::NaiveDate;
use diesel::prelude::*;

use dpiahub::audit;
use dpiahub::context::{Actor, OrgKind, Role};
use dpiahub::error::AppError;
use dpiahub::notify::sweep;
use dpiahub::store::notices::{self, Notice};
use dpiahub::store::schema::{notice_outbox, notices as notices_table, organisations, users};
use dpiahub::store::{notice_outbox as outbox, reviews, templates};

use crate::helpers::TestApp;

/// The actor of a demo account, read from the database as sign-in builds it.
pub fn actor(app: &TestApp, email: &str) -> Actor {
    let mut conn = app.pool().get().expect("connection");
    let (user_id, org_id, role, kind): (String, String, String, String) = users::table
        .inner_join(organisations::table.on(organisations::id.eq(users::org_id)))
        .filter(users::email.eq(email))
        .select((users::id, users::org_id, users::role, organisations::kind))
        .first(&mut conn)
        .expect("a demo account");
    Actor {
        user_id,
        email: email.to_string(),
        org_id,
        org_kind: OrgKind::parse(&kind).expect("kind"),
        role: Role::parse(&role).expect("role"),
    }
}

pub fn inbox(app: &TestApp, who: &Actor) -> Vec<Notice> {
    let mut conn = app.pool().get().expect("connection");
    notices::inbox(&mut conn, who, 100)
        .expect("inbox")
        .into_iter()
        .map(|e| e.notice)
        .collect()
}

/// The first assessment of a demo controller: (id, title).
pub fn assessment_of(app: &TestApp, who: &Actor) -> (String, String) {
    use dpiahub::store::schema::assessments;
    let mut conn = app.pool().get().expect("connection");
    assessments::table
        .filter(assessments::org_id.eq(&who.org_id))
        .order(assessments::created_at.asc())
        .select((assessments::id, assessments::title))
        .first(&mut conn)
        .expect("an assessment")
}

/// The central editor publishes a new version of `key` (an unchanged copy of the latest).
pub fn publish_new_version(app: &TestApp, key: &str) -> i32 {
    let editor = actor(app, "editor@central.example");
    audit::write(app.pool(), &editor, |tx| {
        let template = templates::find_by_key(tx.conn(), &editor, key)?;
        let draft = templates::create_draft(tx, &template)?;
        templates::publish(
            tx,
            &template,
            draft.number,
            draft.version,
            "Nyt i denne version",
        )?;
        Ok(draft.number)
    })
    .expect("publish a new version")
}

fn notice_count(app: &TestApp) -> i64 {
    let mut conn = app.pool().get().expect("connection");
    notices_table::table
        .count()
        .get_result(&mut conn)
        .expect("count")
}

/// The review finding the authority records on Nordby's assessment: (finding id, row version).
pub fn record_finding(app: &TestApp, comment: &str) -> (String, i64) {
    let reviewer = actor(app, "reviewer@authority.example");
    let nordby = actor(app, "dpo@nordby.example");
    let (assessment, _) = assessment_of(app, &nordby);
    let finding = audit::write(app.pool(), &reviewer, |tx| {
        reviews::record(
            tx,
            reviews::Subject::Assessment(&assessment),
            None,
            "WARNING",
            comment,
        )
    })
    .expect("record a finding");
    (finding.id, finding.version)
}

#[test]
fn a_new_version_notifies_every_adopter_with_a_link_to_its_assessment() {
    let app = TestApp::spawn();
    let nordby = actor(&app, "dpo@nordby.example");
    let sydby = actor(&app, "dpo@sydby.example");
    let editor = actor(&app, "editor@central.example");
    let number = publish_new_version(&app, "school-platform");

    let (nordby_assessment, _) = assessment_of(&app, &nordby);
    let got = inbox(&app, &nordby);
    let notice = got
        .iter()
        .find(|n| n.kind == "NEW_VERSION")
        .expect("Nordby is told of the new version");
    assert_eq!(notice.occasion, number.to_string());
    assert_eq!(notice.link, format!("/assessments/{nordby_assessment}"));
    assert!(notice
        .message(dpiahub::i18n::Lang::Da)
        .contains(&format!("Version {number}")));
    assert!(inbox(&app, &sydby).iter().any(|n| n.kind == "NEW_VERSION"));
    assert!(
        inbox(&app, &editor).is_empty(),
        "the publisher adopts nothing"
    );

    // Its e-mail is queued with it, one per active member of the organisation.
    let mut conn = app.pool().get().expect("connection");
    let queued = outbox::of_notice(&mut conn, &notice.org_id, &notice.id).expect("outbox");
    let members: i64 = users::table
        .filter(users::org_id.eq(&nordby.org_id))
        .count()
        .get_result(&mut conn)
        .expect("count");
    assert_eq!(queued.len() as i64, members);
    assert!(queued.iter().all(|row| row.status == "PENDING"));
}

#[test]
fn a_new_code_version_notifies_its_adherents() {
    let app = TestApp::spawn();
    publish_new_version(&app, "school-platform-code");
    let nordby = actor(&app, "dpo@nordby.example");
    let notice = inbox(&app, &nordby)
        .into_iter()
        .find(|n| n.kind == "NEW_VERSION")
        .expect("Nordby adheres to the code");
    assert!(notice.link.starts_with("/adherences/"), "{}", notice.link);
}

#[test]
fn a_notice_is_rolled_back_with_its_cause() {
    let app = TestApp::spawn();
    let editor = actor(&app, "editor@central.example");
    let before = notice_count(&app);
    let outcome: Result<(), AppError> = audit::write(app.pool(), &editor, |tx| {
        let template = templates::find_by_key(tx.conn(), &editor, "school-platform")?;
        let draft = templates::create_draft(tx, &template)?;
        templates::publish(tx, &template, draft.number, draft.version, "Ny version")?;
        // Something later in the same transaction fails: the publication and its notices go.
        Err(AppError::Conflict("refused after publishing".into()))
    });
    assert!(outcome.is_err());
    assert_eq!(notice_count(&app), before);
    let mut conn = app.pool().get().expect("connection");
    let queued: i64 = notice_outbox::table
        .count()
        .get_result(&mut conn)
        .expect("count");
    assert_eq!(queued, 0, "no e-mail without its committed notice");

    // The same publication committed writes them.
    publish_new_version(&app, "school-platform");
    assert!(notice_count(&app) > before);
}

#[test]
fn a_finding_notifies_the_controller_and_its_answer_the_case_officer_without_their_text() {
    let app = TestApp::spawn();
    let comment = "Borger Hansens klage viser fejlsendte beskeder";
    let (finding, version) = record_finding(&app, comment);
    let nordby = actor(&app, "dpo@nordby.example");
    let (assessment, title) = assessment_of(&app, &nordby);
    let recorded = inbox(&app, &nordby)
        .into_iter()
        .find(|n| n.kind == "FINDING_RECORDED")
        .expect("the controller is told");
    assert_eq!(recorded.subject, finding);
    assert_eq!(recorded.title, title);
    assert_eq!(recorded.link, format!("/assessments/{assessment}/findings"));
    assert!(!recorded.title.contains("Hansen") && !recorded.link.contains("Hansen"));

    let answer = "Rettet; Jensen har fået undervisning";
    audit::write(app.pool(), &nordby, |tx| {
        reviews::respond(tx, &finding, version, Some(answer), false)
    })
    .expect("answer");
    let reviewer = actor(&app, "reviewer@authority.example");
    let answered = inbox(&app, &reviewer)
        .into_iter()
        .find(|n| n.kind == "FINDING_ANSWERED")
        .expect("the case officer who recorded it is told");
    assert_eq!(
        answered.recipient_user_id.as_deref(),
        Some(&*reviewer.user_id)
    );
    assert!(!answered.title.contains("Jensen"));
    // Addressed to that officer: another member of the authority does not see it.
    let colleague = actor(&app, "admin@authority.example");
    assert!(inbox(&app, &colleague)
        .iter()
        .all(|n| n.kind != "FINDING_ANSWERED"));
    let mut conn = app.pool().get().expect("connection");
    assert!(matches!(
        notices::mark_read(&mut conn, &colleague, &answered.id),
        Err(AppError::NotFound { .. })
    ));
}

#[test]
fn another_organisations_notices_are_never_listed_and_marking_one_is_not_found() {
    let app = TestApp::spawn();
    publish_new_version(&app, "school-platform");
    let nordby = actor(&app, "dpo@nordby.example");
    let sydby = actor(&app, "dpo@sydby.example");
    let reviewer = actor(&app, "reviewer@authority.example");
    let theirs = inbox(&app, &nordby);
    assert!(!theirs.is_empty());
    for other in [&sydby, &reviewer] {
        let listed = inbox(&app, other);
        assert!(listed.iter().all(|n| n.org_id == other.org_id));
        let mut conn = app.pool().get().expect("connection");
        for notice in &theirs {
            assert!(matches!(
                notices::mark_read(&mut conn, other, &notice.id),
                Err(AppError::NotFound { .. })
            ));
            assert!(matches!(
                notices::find(&mut conn, other, &notice.id),
                Err(AppError::NotFound { .. })
            ));
        }
    }
    // Marking read is per member and counted in the unread figure.
    let mut conn = app.pool().get().expect("connection");
    let unread = notices::unread_count(&mut conn, &nordby).expect("count");
    assert_eq!(unread, theirs.len() as i64);
    notices::mark_read(&mut conn, &nordby, &theirs[0].id).expect("mark read");
    notices::mark_read(&mut conn, &nordby, &theirs[0].id).expect("marking twice is fine");
    assert_eq!(
        notices::unread_count(&mut conn, &nordby).expect("count"),
        unread - 1
    );
    let admin = actor(&app, "admin@nordby.example");
    assert_eq!(
        notices::unread_count(&mut conn, &admin).expect("count"),
        unread,
        "a colleague's read mark is not mine"
    );
    notices::mark_all_read(&mut conn, &admin).expect("mark all");
    assert_eq!(notices::unread_count(&mut conn, &admin).expect("count"), 0);
}

/// Nordby's next review date and its first planned measure's (key, due date), as stored.
fn nordby_dates(app: &TestApp) -> (NaiveDate, String, NaiveDate) {
    use dpiahub::domain::assessment::MeasureStatus;
    let nordby = actor(app, "dpo@nordby.example");
    let (id, _) = assessment_of(app, &nordby);
    let mut conn = app.pool().get().expect("connection");
    let local = dpiahub::store::assessments::find(&mut conn, &nordby, &id)
        .expect("find")
        .local()
        .expect("local");
    let review = local
        .sign_offs
        .next_review_on
        .expect("the demo has a review date");
    let (key, due) = local
        .measures
        .iter()
        .find_map(|m| match m.status {
            MeasureStatus::Planned { due } => Some((m.key.as_str().to_string(), due)),
            _ => None,
        })
        .expect("the demo has a planned measure");
    (review, format!("{id}/{key}"), due)
}

#[test]
fn the_sweep_writes_review_and_overdue_measure_notices_once() {
    let app = TestApp::spawn();
    let nordby = actor(&app, "dpo@nordby.example");
    let (review, measure, due) = nordby_dates(&app);

    let day = review - chrono::Duration::days(10);
    let first = sweep::run(app.pool(), day, true).expect("sweep");
    assert!(first.written > 0);
    let again = sweep::run(app.pool(), day, true).expect("sweep again");
    assert_eq!(again.written, 0, "the sweep is idempotent");

    let got = inbox(&app, &nordby);
    let due_soon = got
        .iter()
        .find(|n| n.kind == "REVIEW_DUE")
        .expect("review within 30 days");
    assert_eq!(due_soon.occasion, review.to_string());
    if due < day {
        assert!(got
            .iter()
            .any(|n| n.kind == "MEASURE_OVERDUE" && n.subject == measure));
    }

    // Past the date: the review is overdue (a new notice, once), and the measure too.
    let later = review.max(due) + chrono::Duration::days(1);
    sweep::run(app.pool(), later, true).expect("sweep");
    assert_eq!(
        sweep::run(app.pool(), later, true).expect("sweep").written,
        0
    );
    let got = inbox(&app, &nordby);
    assert_eq!(got.iter().filter(|n| n.kind == "REVIEW_OVERDUE").count(), 1);
    let overdue: Vec<_> = got
        .iter()
        .filter(|n| n.kind == "MEASURE_OVERDUE" && n.subject == measure)
        .collect();
    assert_eq!(overdue.len(), 1);
    assert_eq!(overdue[0].occasion, due.to_string());
    assert!(overdue[0].link.ends_with("/measures"));
}

#[test]
fn without_smtp_the_sweep_skips_queued_email_and_the_notices_stay() {
    let app = TestApp::spawn();
    publish_new_version(&app, "school-platform");
    let mut conn = app.pool().get().expect("connection");
    let waiting = outbox::count_waiting(&mut conn).expect("count");
    assert!(waiting > 0);
    let report = sweep::run(app.pool(), crate::helpers::TODAY, false).expect("sweep");
    assert_eq!(report.mail_skipped as i64, waiting);
    assert_eq!(outbox::count_waiting(&mut conn).expect("count"), 0);
    let nordby = actor(&app, "dpo@nordby.example");
    assert!(!inbox(&app, &nordby).is_empty());
}

#[test]
fn metrics_report_the_notices_waiting_in_the_outbox() {
    let app = TestApp::spawn();
    publish_new_version(&app, "school-platform");
    let waiting = {
        let mut conn = app.pool().get().expect("connection");
        outbox::count_waiting(&mut conn).expect("count")
    };
    assert!(waiting > 0, "a new version queues e-mails");
    let (status, text) = app.get("/metrics");
    assert_eq!(status, 200, "{text}");
    assert!(
        text.lines()
            .any(|l| l == format!("dpiahub_notices_waiting {waiting}")),
        "/metrics says {waiting} notices wait:\n{}",
        text.lines()
            .filter(|l| l.contains("notices_waiting"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}
