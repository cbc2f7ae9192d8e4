//! The periodic sweep (issue 16): writes the notices that come from dates rather than events —
//! a review date within 30 days or past, a planned measure past its due date. Each notice names
//! its date, so running the sweep again writes nothing new until a date changes.

use chrono::NaiveDate;

use crate::error::AppResult;
use crate::store::connection::write_transaction;
use crate::store::{notice_causes, notice_outbox, notices, now_utc, Pool};

/// What one run did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SweepReport {
    /// New notices.
    pub written: usize,
    /// Queued e-mails marked skipped because this server sends none.
    pub mail_skipped: usize,
}

/// One run on `today`: the due notices in one transaction (with their e-mails queued), then,
/// when `mail_on` is false, the queue marked skipped. Two servers sweeping at once cannot write
/// a notice twice (a unique key); the loser's run fails and the next one finds nothing to do.
pub fn run(pool: &Pool, today: NaiveDate, mail_on: bool) -> AppResult<SweepReport> {
    let mut conn = pool.get()?;
    let wanted = notice_causes::due_dates(&mut conn, today)?;
    let written = write_transaction(&mut conn, |conn| {
        notices::insert_new(conn, now_utc(), wanted)
    })?;
    let mail_skipped = if mail_on {
        0
    } else {
        notice_outbox::skip_pending(&mut conn)?
    };
    Ok(SweepReport {
        written,
        mail_skipped,
    })
}
