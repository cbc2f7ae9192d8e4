//! Notifications outside a request (issue 16): the periodic sweep that writes the date-based
//! notices, and the sender that e-mails queued notices when `DPIAHUB_SMTP_URL` is set. The
//! notices of events are written by the store at their causes (`store::notice_causes`).

pub mod mail;
pub mod sweep;

use std::time::Duration;

use crate::config::SmtpConfig;
use crate::store::Pool;

/// How often the background tasks run and how failed e-mails back off.
#[derive(Clone, Copy, Debug)]
pub struct Timing {
    /// How often the sweep looks for review dates and overdue measures.
    pub sweep_every: Duration,
    /// How often the sender looks for due e-mails.
    pub send_every: Duration,
    pub backoff: mail::Backoff,
}

impl Default for Timing {
    fn default() -> Self {
        Self {
            sweep_every: Duration::from_secs(60 * 60),
            send_every: Duration::from_secs(10),
            backoff: mail::Backoff::default(),
        }
    }
}

/// Starts the sweep and, with SMTP configured, the sender, on the current (actix) runtime.
/// Without SMTP, the sweep also marks queued e-mails skipped. Fails only on a bad SMTP setting.
pub fn spawn(
    pool: Pool,
    today: Option<chrono::NaiveDate>,
    smtp: Option<&SmtpConfig>,
    timing: Timing,
) -> anyhow::Result<()> {
    let mailer = smtp
        .map(|s| mail::Mailer::new(s, timing.backoff))
        .transpose()?;
    let mail_on = mailer.is_some();
    let sweep_pool = pool.clone();
    actix_web::rt::spawn(async move {
        let mut tick = tokio::time::interval(timing.sweep_every);
        loop {
            tick.tick().await;
            let pool = sweep_pool.clone();
            let outcome = tokio::task::spawn_blocking(move || {
                let day = today.unwrap_or_else(|| chrono::Utc::now().date_naive());
                sweep::run(&pool, day, mail_on)
            })
            .await;
            match outcome {
                Ok(Ok(report)) => tracing::info!(
                    written = report.written,
                    mail_skipped = report.mail_skipped,
                    "notice sweep"
                ),
                Ok(Err(e)) => tracing::warn!(error = %e, "notice sweep failed; next run retries"),
                Err(e) => tracing::error!(error = %e, "notice sweep panicked"),
            }
        }
    });
    if let Some(mailer) = mailer {
        actix_web::rt::spawn(mailer.run(pool, timing.send_every));
    }
    Ok(())
}
