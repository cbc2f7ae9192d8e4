//! The e-mail outbox of notices (issue 16): one row per notice and recipient, written in the
//! transaction of the notice ([`super::notices::write`]), so a committed notice always has its
//! e-mails queued and a rolled-back one never does.
//!
//! The sender (`crate::notify::mail`) claims due rows for a lease, sends, and marks a row SENT
//! only after the SMTP server accepted the message; a failure schedules the next attempt with
//! backoff. A sender that stops between sending and marking sends again after the lease: at
//! least once, never lost. These functions have no actor: they serve the sender, the sweep and
//! `/metrics`, never a request.

use std::collections::HashMap;

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::i18n::Lang;

use super::notices::Notice;
use super::schema::{notice_outbox, notices, users};
use super::DbConnection;
use crate::error::AppResult;

#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = notice_outbox)]
pub struct OutboxRow {
    pub org_id: String,
    pub id: String,
    pub notice_id: String,
    pub user_id: String,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub last_error: Option<String>,
    pub sent_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

/// A new row for `notice` to `user_id`, due at once.
pub(crate) fn queued(notice: &Notice, user_id: &str, now: NaiveDateTime) -> OutboxRow {
    OutboxRow {
        org_id: notice.org_id.clone(),
        id: super::new_id(),
        notice_id: notice.id.clone(),
        user_id: user_id.to_string(),
        status: "PENDING".into(),
        attempts: 0,
        next_attempt_at: now,
        last_error: None,
        sent_at: None,
        created_at: now,
    }
}

pub(crate) fn insert(conn: &mut DbConnection, rows: &[OutboxRow]) -> AppResult<()> {
    for row in rows {
        diesel::insert_into(notice_outbox::table)
            .values(row)
            .execute(conn)?;
    }
    Ok(())
}

/// One e-mail to send: its outbox row, the notice and the recipient's address.
#[derive(Clone, Debug)]
pub struct Delivery {
    pub org_id: String,
    pub id: String,
    /// Failed attempts so far.
    pub attempts: i32,
    pub notice: Notice,
    pub to_email: String,
    pub to_name: String,
    /// The language the recipient chose; Danish when they chose none.
    pub lang: Lang,
}

/// Claims up to `limit` due e-mails for `lease`: their next attempt moves past the lease, so
/// another sender (another server on the same database) leaves them alone meanwhile, and a
/// sender that dies mid-way lets them fall due again. Rows whose recipient was disabled or
/// removed are marked DROPPED instead.
pub fn claim_due(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    limit: i64,
    lease: Duration,
) -> AppResult<Vec<Delivery>> {
    let due: Vec<OutboxRow> = notice_outbox::table
        .filter(notice_outbox::status.eq("PENDING"))
        .filter(notice_outbox::next_attempt_at.le(now))
        .order((
            notice_outbox::next_attempt_at.asc(),
            notice_outbox::id.asc(),
        ))
        .limit(limit)
        .select(OutboxRow::as_select())
        .load(conn)?;
    let mut claimed = Vec::new();
    for row in due {
        // Optimistic claim: only the sender that still sees the row's old due time takes it.
        let taken = diesel::update(
            notice_outbox::table
                .find((&row.org_id, &row.id))
                .filter(notice_outbox::status.eq("PENDING"))
                .filter(notice_outbox::next_attempt_at.eq(row.next_attempt_at)),
        )
        .set(notice_outbox::next_attempt_at.eq(now + lease))
        .execute(conn)?;
        if taken == 1 {
            claimed.push(row);
        }
    }
    if claimed.is_empty() {
        return Ok(Vec::new());
    }
    let notice_ids: Vec<&str> = claimed.iter().map(|r| r.notice_id.as_str()).collect();
    let found: HashMap<(String, String), Notice> = notices::table
        .filter(notices::id.eq_any(&notice_ids))
        .select(Notice::as_select())
        .load::<Notice>(conn)?
        .into_iter()
        .map(|n| ((n.org_id.clone(), n.id.clone()), n))
        .collect();
    let user_ids: Vec<&str> = claimed.iter().map(|r| r.user_id.as_str()).collect();
    type Recipient = (String, String, bool, Option<String>);
    let recipients: HashMap<(String, String), Recipient> = users::table
        .filter(users::id.eq_any(&user_ids))
        .select((
            users::org_id,
            users::id,
            users::email,
            users::display_name,
            users::disabled,
            users::language,
        ))
        .load::<(String, String, String, String, bool, Option<String>)>(conn)?
        .into_iter()
        .map(|(org, id, email, name, disabled, lang)| ((org, id), (email, name, disabled, lang)))
        .collect();
    let mut deliveries = Vec::new();
    for row in claimed {
        let notice = found.get(&(row.org_id.clone(), row.notice_id.clone()));
        let recipient = recipients.get(&(row.org_id.clone(), row.user_id.clone()));
        match (notice, recipient) {
            (Some(notice), Some((email, name, false, lang))) => deliveries.push(Delivery {
                org_id: row.org_id,
                id: row.id,
                attempts: row.attempts,
                notice: notice.clone(),
                to_email: email.clone(),
                to_name: name.clone(),
                lang: lang.as_deref().and_then(Lang::parse).unwrap_or_default(),
            }),
            _ => set_status(conn, &row.org_id, &row.id, "DROPPED", None)?,
        }
    }
    Ok(deliveries)
}

fn set_status(
    conn: &mut DbConnection,
    org_id: &str,
    id: &str,
    status: &str,
    sent_at: Option<NaiveDateTime>,
) -> AppResult<()> {
    diesel::update(notice_outbox::table.find((org_id, id)))
        .set((
            notice_outbox::status.eq(status),
            notice_outbox::sent_at.eq(sent_at),
        ))
        .execute(conn)?;
    Ok(())
}

/// The SMTP server accepted the message.
pub fn mark_sent(
    conn: &mut DbConnection,
    delivery: &Delivery,
    now: NaiveDateTime,
) -> AppResult<()> {
    set_status(conn, &delivery.org_id, &delivery.id, "SENT", Some(now))
}

/// Sending failed: count the attempt and try again at `retry_at`.
pub fn mark_failed(
    conn: &mut DbConnection,
    delivery: &Delivery,
    retry_at: NaiveDateTime,
    error: &str,
) -> AppResult<()> {
    let error: String = error.chars().take(500).collect();
    diesel::update(
        notice_outbox::table
            .find((&delivery.org_id, &delivery.id))
            .filter(notice_outbox::status.eq("PENDING")),
    )
    .set((
        notice_outbox::attempts.eq(delivery.attempts + 1),
        notice_outbox::next_attempt_at.eq(retry_at),
        notice_outbox::last_error.eq(Some(error)),
    ))
    .execute(conn)?;
    Ok(())
}

/// E-mails waiting to be sent (for `/metrics`: "notices waiting").
pub fn count_waiting(conn: &mut DbConnection) -> AppResult<i64> {
    Ok(notice_outbox::table
        .filter(notice_outbox::status.eq("PENDING"))
        .count()
        .get_result(conn)?)
}

/// A server without `DPIAHUB_SMTP_URL` sends no e-mail: it marks what waits SKIPPED, so the
/// queue does not grow and switching e-mail on later does not send old notices. The notices
/// themselves stay in the inbox.
pub fn skip_pending(conn: &mut DbConnection) -> AppResult<usize> {
    Ok(
        diesel::update(notice_outbox::table.filter(notice_outbox::status.eq("PENDING")))
            .set(notice_outbox::status.eq("SKIPPED"))
            .execute(conn)?,
    )
}

/// Every outbox row of a notice (tests and diagnostics).
pub fn of_notice(
    conn: &mut DbConnection,
    org_id: &str,
    notice_id: &str,
) -> AppResult<Vec<OutboxRow>> {
    Ok(notice_outbox::table
        .filter(notice_outbox::org_id.eq(org_id))
        .filter(notice_outbox::notice_id.eq(notice_id))
        .select(OutboxRow::as_select())
        .load(conn)?)
}
