//! E-mail of notices (issue 16) through a real SMTP server started by the test (aiosmtpd):
//! the server's own background sender delivers a new version's notice; an e-mail queued while
//! the SMTP server is down waits out the outage and arrives exactly once.

use std::time::Duration;

use diesel::prelude::*;

use dpiahub::config::SmtpConfig;
use dpiahub::notify::{self, mail};
use dpiahub::store::schema::notice_outbox;

use crate::helpers::TestApp;
use crate::notices::{actor, assessment_of, publish_new_version, record_finding};
use crate::smtp::{free_port, SmtpServer};

fn smtp_config(url: String) -> SmtpConfig {
    SmtpConfig {
        url,
        from: "DPIA Hub <dpiahub@hub.example>".into(),
        public_url: "https://dpia.example".into(),
    }
}

/// (status, attempts) of every outbox row.
fn outbox(app: &TestApp) -> Vec<(String, i32)> {
    let mut conn = app.pool().get().expect("connection");
    notice_outbox::table
        .select((notice_outbox::status, notice_outbox::attempts))
        .load(&mut conn)
        .expect("outbox")
}

fn fast() -> mail::Backoff {
    mail::Backoff {
        first: Duration::from_millis(300),
        max: Duration::from_secs(1),
    }
}

#[test]
fn a_new_version_is_emailed_by_the_background_sender_to_a_real_smtp_server() {
    let app = TestApp::spawn();
    let smtp = SmtpServer::start(free_port());
    // Nordby's DPO chose English; everyone else reads Danish (the default).
    dpiahub::audit::write(app.pool(), &actor(&app, "dpo@nordby.example"), |tx| {
        dpiahub::store::users::set_own_language(tx, dpiahub::i18n::Lang::En)
    })
    .expect("choose English");
    let number = publish_new_version(&app, "school-platform");
    let queued = outbox(&app).len();
    assert!(queued > 0);

    // The background tasks exactly as `serve` starts them, on an actix runtime of their own.
    // The sweep runs on a day long before the demo's dates, so it adds no notice of its own.
    let pool = app.pool().clone();
    let config = smtp_config(smtp.url());
    let (started, system) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runner = actix_web::rt::System::new();
        runner.block_on(async move {
            notify::spawn(
                pool,
                chrono::NaiveDate::from_ymd_opt(2000, 1, 1),
                Some(&config),
                notify::Timing {
                    sweep_every: Duration::from_secs(3600),
                    send_every: Duration::from_millis(100),
                    backoff: fast(),
                },
            )
            .expect("start the sender");
            started
                .send(actix_web::rt::System::current())
                .expect("report the system");
        });
        runner.run()
    });
    let system = system.recv().expect("the sender started");
    let messages = smtp.wait_for(queued);
    assert_eq!(messages.len(), queued, "one e-mail per queued row");

    let nordby = actor(&app, "dpo@nordby.example");
    let (assessment, _) = assessment_of(&app, &nordby);
    let to_nordby = messages
        .iter()
        .find(|m| m.contains("To: dpo@nordby.example"))
        .expect("Nordby's DPO got one");
    assert!(to_nordby.contains(&format!("https://dpia.example/assessments/{assessment}")));
    assert!(to_nordby.contains(&format!("Version {number}")));
    assert!(
        to_nordby.contains("Open in DPIA Hub") && !to_nordby.contains("DPIA Hub.\nDu finder"),
        "in English only, the language its reader chose:\n{to_nordby}"
    );
    let to_sydby = messages
        .iter()
        .find(|m| m.contains("To: dpo@sydby.example"))
        .expect("Sydby's DPO got one");
    assert!(
        to_sydby.contains("DPIA Hub") && !to_sydby.contains("Open in DPIA Hub"),
        "in Danish only:\n{to_sydby}"
    );
    // Marked sent only after the server accepted it; nothing is sent twice.
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while outbox(&app).iter().any(|(s, _)| s != "SENT") {
        assert!(std::time::Instant::now() < deadline, "{:?}", outbox(&app));
        std::thread::sleep(Duration::from_millis(100));
    }
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(smtp.messages().len(), queued);
    system.stop();
}

#[test]
fn an_email_waits_out_an_smtp_outage_and_arrives_once() {
    let app = TestApp::spawn();
    let port = free_port();
    let comment = "Klagen fra borger Hansen";
    record_finding(&app, comment);
    let queued = outbox(&app).len();
    assert!(queued > 0);
    let mailer = mail::Mailer::new(&smtp_config(format!("smtp://127.0.0.1:{port}")), fast())
        .expect("a mailer");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");

    // The SMTP server is down: every attempt fails and is scheduled again.
    let down = runtime
        .block_on(mailer.send_due(app.pool()))
        .expect("a round");
    assert_eq!((down.sent, down.failed), (0, queued));
    assert!(outbox(&app)
        .iter()
        .all(|(status, attempts)| status == "PENDING" && *attempts == 1));
    // Not due again before its backoff.
    let early = runtime
        .block_on(mailer.send_due(app.pool()))
        .expect("a round");
    assert_eq!(early.sent + early.failed, 0);

    // The server comes up; after the backoff the e-mail goes, once.
    let smtp = SmtpServer::start(port);
    let mut sent = 0;
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while sent < queued {
        assert!(std::time::Instant::now() < deadline, "{:?}", outbox(&app));
        std::thread::sleep(Duration::from_millis(200));
        sent += runtime
            .block_on(mailer.send_due(app.pool()))
            .expect("a round")
            .sent;
    }
    let after = runtime
        .block_on(mailer.send_due(app.pool()))
        .expect("a round");
    assert_eq!(after.sent + after.failed, 0, "nothing left to send");
    let messages = smtp.wait_for(queued);
    assert_eq!(messages.len(), queued, "each e-mail arrives exactly once");
    assert!(outbox(&app).iter().all(|(status, _)| status == "SENT"));
    // Titles and links only: the finding's text never leaves the database by e-mail.
    assert!(messages.iter().all(|m| !m.contains("Hansen")));
}
