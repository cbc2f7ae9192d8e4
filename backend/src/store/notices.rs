//! Notices (issue 16): what tells a person that something needs them — a new version of an
//! adopted template or code, a review finding recorded or answered, a review date near or past,
//! a planned measure overdue.
//!
//! A notice belongs to the organisation it is addressed to and is written in the transaction of
//! its cause ([`write`] takes the cause's [`WriteTx`]), so it commits and rolls back with it;
//! the date-based ones come from the periodic sweep (`crate::notify::sweep`). Each notice also
//! queues one e-mail per recipient in the outbox ([`super::notice_outbox`]), in the same
//! transaction. A notice carries a kind, a title and a link only, never personal data from an
//! assessment: what a finding says stays behind the link, readable only by those who may.
//!
//! Notices are messages about audited changes, not records of their own: they carry no audit
//! entry (the cause's entry is the record), and a person's read marks are that person's own
//! state, like a session.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{notice_reads, notices, users};
use super::visibility::may_see_notice;
use super::{notice_outbox, DbConnection};
use crate::audit::WriteTx;
use crate::context::Actor;
use crate::error::{AppError, AppResult};

/// What a notice is about, and so whom it is for and how it reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NoticeKind {
    /// A new published version of a template or code the organisation adopted (adopters).
    NewVersion,
    /// The authority recorded a review finding (the controller).
    FindingRecorded,
    /// The controller answered a finding (the case officer who recorded it).
    FindingAnswered,
    /// An assessment's next review is within 30 days (the controller).
    ReviewDue,
    /// An assessment's next review date has passed (the controller).
    ReviewOverdue,
    /// A planned measure is past its due date (the controller).
    MeasureOverdue,
}

impl NoticeKind {
    pub const ALL: [NoticeKind; 6] = [
        NoticeKind::NewVersion,
        NoticeKind::FindingRecorded,
        NoticeKind::FindingAnswered,
        NoticeKind::ReviewDue,
        NoticeKind::ReviewOverdue,
        NoticeKind::MeasureOverdue,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NoticeKind::NewVersion => "NEW_VERSION",
            NoticeKind::FindingRecorded => "FINDING_RECORDED",
            NoticeKind::FindingAnswered => "FINDING_ANSWERED",
            NoticeKind::ReviewDue => "REVIEW_DUE",
            NoticeKind::ReviewOverdue => "REVIEW_OVERDUE",
            NoticeKind::MeasureOverdue => "MEASURE_OVERDUE",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The catalogue key of the sentence a person reads (`backend/i18n/*/notices.ftl`), with
    /// the arguments `$title` and `$occasion`.
    pub fn message_key(self) -> &'static str {
        match self {
            NoticeKind::NewVersion => "notice-new-version",
            NoticeKind::FindingRecorded => "notice-finding-recorded",
            NoticeKind::FindingAnswered => "notice-finding-answered",
            NoticeKind::ReviewDue => "notice-review-due",
            NoticeKind::ReviewOverdue => "notice-review-overdue",
            NoticeKind::MeasureOverdue => "notice-measure-overdue",
        }
    }
}

/// A stored notice.
#[derive(Clone, Debug, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = notices)]
pub struct Notice {
    pub org_id: String,
    pub id: String,
    /// `None`: every member of the organisation.
    pub recipient_user_id: Option<String>,
    pub kind: String,
    /// The id of what it is about (assessment, adherence, finding, assessment/measure).
    pub subject: String,
    /// Which occasion: a version number, a due date, a finding's row version.
    pub occasion: String,
    /// The name of what it is about: a template's, an assessment's or a measure's title.
    pub title: String,
    /// The path of the screen that needs the person, e.g. `/assessments/ID`.
    pub link: String,
    pub created_at: NaiveDateTime,
}

impl Notice {
    pub fn kind(&self) -> Option<NoticeKind> {
        NoticeKind::parse(&self.kind)
    }

    /// The sentence a person reads, in `lang`.
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::{text_with, Arg};
        match self.kind() {
            Some(kind) => text_with(
                lang,
                kind.message_key(),
                &[
                    ("title", Arg::Text(&self.title)),
                    ("occasion", Arg::Text(&self.occasion)),
                ],
            ),
            None => self.title.clone(),
        }
    }
}

/// A notice to write: to whom, about what, on which occasion.
#[derive(Clone, Debug)]
pub struct NewNotice {
    pub org_id: String,
    pub recipient_user_id: Option<String>,
    pub kind: NoticeKind,
    pub subject: String,
    pub occasion: String,
    pub title: String,
    pub link: String,
}

/// The paths notices link to: the screens of the web application that need the person. Kept
/// here, in one place, so a moved screen is one edit.
pub mod links {
    pub fn assessment(assessment_id: &str) -> String {
        format!("/assessments/{assessment_id}")
    }

    pub fn assessment_findings(assessment_id: &str) -> String {
        format!("/assessments/{assessment_id}/findings")
    }

    pub fn assessment_upgrade(assessment_id: &str) -> String {
        format!("/assessments/{assessment_id}/upgrade")
    }

    pub fn assessment_review(assessment_id: &str) -> String {
        format!("/assessments/{assessment_id}/review")
    }

    pub fn authority_review(assessment_id: &str) -> String {
        format!("/authority/assessments/{assessment_id}#findings")
    }

    pub fn assessment_measures(assessment_id: &str) -> String {
        format!("/assessments/{assessment_id}/measures")
    }

    pub fn adherence(adherence_id: &str) -> String {
        format!("/adherences/{adherence_id}")
    }

    pub fn adherence_findings(adherence_id: &str) -> String {
        format!("/adherences/{adherence_id}/findings")
    }
}

/// Writes `notices` in the cause's transaction, each with its outbox rows. A notice that
/// already exists (same organisation, kind, subject and occasion) is left out, so writing the
/// same notice twice is harmless. Returns how many were new.
pub fn write(tx: &mut WriteTx<'_>, notices: Vec<NewNotice>) -> AppResult<usize> {
    let now = tx.now();
    insert_new(tx.conn(), now, notices)
}

/// As [`write`], inside a transaction the caller opened (the sweep, which has no actor).
pub(crate) fn insert_new(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    wanted: Vec<NewNotice>,
) -> AppResult<usize> {
    if wanted.is_empty() {
        return Ok(0);
    }
    let orgs: BTreeSet<String> = wanted.iter().map(|n| n.org_id.clone()).collect();
    let subjects: BTreeSet<String> = wanted.iter().map(|n| n.subject.clone()).collect();
    let existing: HashSet<(String, String, String, String)> = notices::table
        .filter(notices::org_id.eq_any(&orgs))
        .filter(notices::subject.eq_any(&subjects))
        .select((
            notices::org_id,
            notices::kind,
            notices::subject,
            notices::occasion,
        ))
        .load::<(String, String, String, String)>(conn)?
        .into_iter()
        .collect();
    let mut seen = existing;
    let rows: Vec<Notice> = wanted
        .into_iter()
        .filter(|n| {
            seen.insert((
                n.org_id.clone(),
                n.kind.as_str().to_string(),
                n.subject.clone(),
                n.occasion.clone(),
            ))
        })
        .map(|n| Notice {
            org_id: n.org_id,
            id: super::new_id(),
            recipient_user_id: n.recipient_user_id,
            kind: n.kind.as_str().to_string(),
            subject: n.subject,
            occasion: n.occasion,
            title: n.title,
            link: n.link,
            created_at: now,
        })
        .collect();
    if rows.is_empty() {
        return Ok(0);
    }
    // The members of every addressed organisation, in one query: they are the e-mail recipients.
    let members: Vec<(String, String)> = users::table
        .filter(users::org_id.eq_any(rows.iter().map(|n| &n.org_id).collect::<BTreeSet<_>>()))
        .filter(users::disabled.eq(false))
        .select((users::org_id, users::id))
        .load(conn)?;
    let mut by_org: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (org, user) in &members {
        by_org.entry(org).or_default().push(user);
    }
    let mut mail = Vec::new();
    for notice in &rows {
        let recipients: Vec<&str> = match &notice.recipient_user_id {
            Some(user) => by_org
                .get(notice.org_id.as_str())
                .into_iter()
                .flatten()
                .copied()
                .filter(|u| *u == user)
                .collect(),
            None => by_org
                .get(notice.org_id.as_str())
                .cloned()
                .unwrap_or_default(),
        };
        for user in recipients {
            mail.push(notice_outbox::queued(notice, user, now));
        }
    }
    for row in &rows {
        diesel::insert_into(notices::table)
            .values(row)
            .execute(conn)?;
    }
    notice_outbox::insert(conn, &mail)?;
    Ok(rows.len())
}

/// One notice as a person's inbox shows it.
#[derive(Clone, Debug)]
pub struct InboxEntry {
    pub notice: Notice,
    pub read: bool,
}

/// The actor's notices, newest first (its organisation's, addressed to all or to it).
pub fn inbox(conn: &mut DbConnection, actor: &Actor, limit: i64) -> AppResult<Vec<InboxEntry>> {
    let found: Vec<Notice> = notices::table
        .filter(notices::org_id.eq(&actor.org_id))
        .filter(
            notices::recipient_user_id
                .is_null()
                .or(notices::recipient_user_id.eq(&actor.user_id)),
        )
        .order((notices::created_at.desc(), notices::id.desc()))
        .limit(limit)
        .select(Notice::as_select())
        .load(conn)?;
    let ids: Vec<&str> = found.iter().map(|n| n.id.as_str()).collect();
    let read: HashSet<String> = notice_reads::table
        .filter(notice_reads::org_id.eq(&actor.org_id))
        .filter(notice_reads::user_id.eq(&actor.user_id))
        .filter(notice_reads::notice_id.eq_any(&ids))
        .select(notice_reads::notice_id)
        .load::<String>(conn)?
        .into_iter()
        .collect();
    Ok(found
        .into_iter()
        .map(|notice| InboxEntry {
            read: read.contains(&notice.id),
            notice,
        })
        .collect())
}

/// How many of the actor's notices it has not read (the count in the header).
pub fn unread_count(conn: &mut DbConnection, actor: &Actor) -> AppResult<i64> {
    let all: i64 = notices::table
        .filter(notices::org_id.eq(&actor.org_id))
        .filter(
            notices::recipient_user_id
                .is_null()
                .or(notices::recipient_user_id.eq(&actor.user_id)),
        )
        .count()
        .get_result(conn)?;
    // A read mark exists only for a notice its user may see (see `mark_read`).
    let read: i64 = notice_reads::table
        .filter(notice_reads::org_id.eq(&actor.org_id))
        .filter(notice_reads::user_id.eq(&actor.user_id))
        .count()
        .get_result(conn)?;
    Ok((all - read).max(0))
}

/// One notice by id, if the actor may see it; anything else is `NOT_FOUND`.
pub fn find(conn: &mut DbConnection, actor: &Actor, id: &str) -> AppResult<Notice> {
    let found: Option<Notice> = notices::table
        .filter(notices::org_id.eq(&actor.org_id))
        .filter(notices::id.eq(id))
        .select(Notice::as_select())
        .first(conn)
        .optional()?;
    found
        .filter(|n| may_see_notice(actor, &n.org_id, n.recipient_user_id.as_deref()))
        .ok_or(AppError::not_found("notice"))
}

/// Marks one notice read for the actor (again: no change). Another organisation's notice, or
/// one addressed to another member, answers `NOT_FOUND` like a missing id.
pub fn mark_read(conn: &mut DbConnection, actor: &Actor, id: &str) -> AppResult<Notice> {
    let notice = find(conn, actor, id)?;
    let already: i64 = notice_reads::table
        .find((&notice.org_id, &notice.id, &actor.user_id))
        .count()
        .get_result(conn)?;
    if already == 0 {
        let inserted = diesel::insert_into(notice_reads::table)
            .values((
                notice_reads::org_id.eq(&notice.org_id),
                notice_reads::notice_id.eq(&notice.id),
                notice_reads::user_id.eq(&actor.user_id),
                notice_reads::read_at.eq(super::now_utc()),
            ))
            .execute(conn);
        match inserted {
            // Two clicks at once: the other one marked it; read is read.
            Err(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            )) => {}
            other => {
                other?;
            }
        }
    }
    Ok(notice)
}

/// Marks every notice of the actor read; returns how many were unread.
pub fn mark_all_read(conn: &mut DbConnection, actor: &Actor) -> AppResult<usize> {
    super::connection::write_transaction(conn, |conn| {
        let unread: Vec<String> = inbox(conn, actor, i64::MAX)?
            .into_iter()
            .filter(|e| !e.read)
            .map(|e| e.notice.id)
            .collect();
        let now = super::now_utc();
        for id in &unread {
            diesel::insert_into(notice_reads::table)
                .values((
                    notice_reads::org_id.eq(&actor.org_id),
                    notice_reads::notice_id.eq(id),
                    notice_reads::user_id.eq(&actor.user_id),
                    notice_reads::read_at.eq(now),
                ))
                .execute(conn)?;
        }
        Ok(unread.len())
    })
}
