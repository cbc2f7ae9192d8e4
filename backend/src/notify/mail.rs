//! The e-mail sender (issue 16): sends the outbox (`store::notice_outbox`) over SMTP with
//! lettre, outside any request. A row is marked sent only after the server accepted the
//! message; a failure is retried with exponential backoff, for as long as it takes. Each
//! message's `Message-ID` is its outbox row's id, so a receiver can tell a resend (after a
//! crash between sending and marking) from a new message.

use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::SmtpConfig;
use crate::error::{AppError, AppResult};
use crate::i18n::text;
use crate::store::notice_outbox::{self, Delivery};
use crate::store::{now_utc, Pool};

/// When a failed e-mail is tried again: `first`, doubling per failed attempt, at most `max`.
#[derive(Clone, Copy, Debug)]
pub struct Backoff {
    pub first: Duration,
    pub max: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Self {
            first: Duration::from_secs(30),
            max: Duration::from_secs(60 * 60),
        }
    }
}

impl Backoff {
    /// The wait after the `failures`-th failed attempt (1 = the first failure).
    pub fn after(&self, failures: i32) -> Duration {
        let doublings = u32::try_from(failures.saturating_sub(1))
            .unwrap_or(0)
            .min(20);
        self.first
            .saturating_mul(2u32.saturating_pow(doublings))
            .min(self.max)
    }
}

/// How long a claimed e-mail is left alone by other senders while this one sends it.
const LEASE: Duration = Duration::from_secs(5 * 60);
/// E-mails claimed per round.
const BATCH: i64 = 50;

/// What one round of sending did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SendReport {
    pub sent: usize,
    pub failed: usize,
}

/// Sends queued notices through one SMTP server.
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    public_url: String,
    backoff: Backoff,
}

impl Mailer {
    /// A sender for `smtp`; a URL or sender address lettre cannot read is an error here, at
    /// start-up, rather than at the first notice.
    pub fn new(smtp: &SmtpConfig, backoff: Backoff) -> anyhow::Result<Self> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&smtp.url)
            .map_err(|e| anyhow::anyhow!("DPIAHUB_SMTP_URL: {e}"))?
            .timeout(Some(Duration::from_secs(30)))
            .build();
        let from: Mailbox = smtp
            .from
            .parse()
            .map_err(|e| anyhow::anyhow!("DPIAHUB_SMTP_FROM {:?}: {e}", smtp.from))?;
        Ok(Self {
            transport,
            from,
            public_url: smtp.public_url.trim_end_matches('/').to_string(),
            backoff,
        })
    }

    /// Sends every due e-mail once; failures are scheduled again with backoff.
    pub async fn send_due(&self, pool: &Pool) -> AppResult<SendReport> {
        let claim_pool = pool.clone();
        let deliveries = blocking(move || {
            let mut conn = claim_pool.get()?;
            notice_outbox::claim_due(
                &mut conn,
                now_utc(),
                BATCH,
                chrono::Duration::from_std(LEASE).expect("a short lease"),
            )
        })
        .await?;
        let mut report = SendReport::default();
        for delivery in deliveries {
            let outcome = match self.message(&delivery) {
                Ok(message) => self
                    .transport
                    .send(message)
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string()),
                Err(e) => Err(e),
            };
            let mark_pool = pool.clone();
            let backoff = self.backoff;
            match outcome {
                Ok(()) => {
                    report.sent += 1;
                    blocking(move || {
                        notice_outbox::mark_sent(&mut *mark_pool.get()?, &delivery, now_utc())
                    })
                    .await?;
                }
                Err(error) => {
                    report.failed += 1;
                    tracing::warn!(outbox = %delivery.id, attempts = delivery.attempts + 1, %error,
                        "sending a notice e-mail failed; it will be retried");
                    blocking(move || {
                        let wait = chrono::Duration::from_std(backoff.after(delivery.attempts + 1))
                            .unwrap_or(chrono::Duration::hours(1));
                        notice_outbox::mark_failed(
                            &mut *mark_pool.get()?,
                            &delivery,
                            now_utc() + wait,
                            &error,
                        )
                    })
                    .await?;
                }
            }
        }
        Ok(report)
    }

    /// Sends due e-mails every `every`, forever (the server's background task).
    pub async fn run(self, pool: Pool, every: Duration) {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match self.send_due(&pool).await {
                Ok(report) if report.sent + report.failed > 0 => {
                    tracing::info!(sent = report.sent, failed = report.failed, "notice e-mails")
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "notice e-mail round failed"),
            }
        }
    }

    /// The e-mail of one notice: its sentence and link, in the recipient's language (Danish
    /// unless they chose English). Nothing else: what the notice is about stays behind the link.
    fn message(&self, delivery: &Delivery) -> Result<Message, String> {
        let to: Mailbox = delivery
            .to_email
            .parse()
            .map_err(|e| format!("recipient address: {e}"))?;
        let notice = &delivery.notice;
        let lang = delivery.lang;
        let url = format!("{}{}", self.public_url, notice.link);
        let body = format!(
            "{}\n\n{}: {url}\n\n-- \n{}",
            notice.message(lang),
            text(lang, "mail-open-link"),
            text(lang, "mail-footer")
        );
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(notice.message(lang))
            .message_id(Some(format!("<{}@dpiahub>", delivery.id)))
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|e| format!("building the message: {e}"))
    }
}

/// Runs blocking store work off the async runtime.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> AppResult<T> + Send + 'static,
) -> AppResult<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| AppError::Internal(format!("blocking task: {e}")))?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_its_maximum() {
        let b = Backoff {
            first: Duration::from_secs(30),
            max: Duration::from_secs(300),
        };
        assert_eq!(b.after(1), Duration::from_secs(30));
        assert_eq!(b.after(2), Duration::from_secs(60));
        assert_eq!(b.after(4), Duration::from_secs(240));
        assert_eq!(b.after(5), Duration::from_secs(300));
        assert_eq!(b.after(500), Duration::from_secs(300));
    }
}
