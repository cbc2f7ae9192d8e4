//! The causes of notices (issue 16), each called at its cause in the store, inside the cause's
//! transaction: a published version ([`new_version`], from `templates::publish`), a finding
//! recorded or answered ([`finding_recorded`], [`finding_answered`], from `reviews`), and the
//! dates the periodic sweep finds ([`due_dates`]).
//!
//! Titles are those of templates, assessments and measures; never a finding's comment or
//! answer, nor anything else written about people.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::notices::{self, links, NewNotice, NoticeKind};
use super::reviews::ReviewFinding;
use super::schema::{adherences, assessments, audit_entries, templates};
use super::templates::Template;
use super::DbConnection;
use crate::audit::WriteTx;
use crate::domain::assessment::MeasureStatus;
use crate::domain::template::TemplateKind;
use crate::error::AppResult;

/// How far ahead a review date is announced.
pub const REVIEW_NOTICE_DAYS: i64 = 30;

/// Version `number` of `template` was published: one notice per assessment (DPIA) or adherence
/// (code of conduct) on an earlier version, to its organisation.
pub fn new_version(tx: &mut WriteTx<'_>, template: &Template, number: i32) -> AppResult<usize> {
    let adopters: Vec<(String, String)> = match template.kind() {
        TemplateKind::Dpia => assessments::table
            .filter(assessments::template_id.eq(&template.id))
            .filter(assessments::base_version.lt(number))
            .select((assessments::org_id, assessments::id))
            .load(tx.conn())?,
        TemplateKind::CodeOfConduct => adherences::table
            .filter(adherences::template_id.eq(&template.id))
            .filter(adherences::code_version.lt(number))
            .select((adherences::org_id, adherences::id))
            .load(tx.conn())?,
    };
    let wanted = adopters
        .into_iter()
        .map(|(org_id, id)| NewNotice {
            org_id,
            recipient_user_id: None,
            kind: NoticeKind::NewVersion,
            occasion: number.to_string(),
            title: template.title.clone(),
            link: match template.kind() {
                TemplateKind::Dpia => links::assessment_upgrade(&id),
                TemplateKind::CodeOfConduct => links::adherence(&id),
            },
            subject: id,
        })
        .collect();
    notices::write(tx, wanted)
}

/// The title of a finding's subject and the screen that needs the notice's reader: for an
/// assessment, the controller's review page (a recorded finding) or the authority's (an answer).
fn subject_of(
    conn: &mut DbConnection,
    finding: &ReviewFinding,
    for_authority: bool,
) -> AppResult<(String, String)> {
    if let Some(id) = &finding.assessment_id {
        let title: String = assessments::table
            .find((&finding.org_id, id))
            .select(assessments::title)
            .first(conn)?;
        let link = if for_authority {
            links::authority_review(id)
        } else {
            links::assessment_review(id)
        };
        return Ok((title, link));
    }
    let id = finding.adherence_id.clone().unwrap_or_default();
    let title: String = adherences::table
        .inner_join(templates::table.on(templates::id.eq(adherences::template_id)))
        .filter(adherences::org_id.eq(&finding.org_id))
        .filter(adherences::id.eq(&id))
        .select(templates::title)
        .first(conn)?;
    Ok((title, links::adherence_findings(&id)))
}

/// The authority recorded `finding`: a notice to the controller that owns its subject.
pub fn finding_recorded(tx: &mut WriteTx<'_>, finding: &ReviewFinding) -> AppResult<usize> {
    let (title, link) = subject_of(tx.conn(), finding, false)?;
    notices::write(
        tx,
        vec![NewNotice {
            org_id: finding.org_id.clone(),
            recipient_user_id: None,
            kind: NoticeKind::FindingRecorded,
            subject: finding.id.clone(),
            occasion: String::new(),
            title,
            link,
        }],
    )
}

/// The controller answered `finding` (now at row version `finding.version`): a notice to the
/// case officer who recorded it, found in the audit trail of the finding's organisation.
pub fn finding_answered(tx: &mut WriteTx<'_>, finding: &ReviewFinding) -> AppResult<usize> {
    let recorder: Option<(String, String)> = audit_entries::table
        .filter(audit_entries::org_id.eq(&finding.org_id))
        .filter(audit_entries::entity.eq("review_finding"))
        .filter(audit_entries::entity_id.eq(&finding.id))
        .filter(audit_entries::action.eq("record"))
        .select((audit_entries::actor_org_id, audit_entries::actor_user_id))
        .first(tx.conn())
        .optional()?;
    let Some((org_id, user_id)) = recorder else {
        return Ok(0);
    };
    let (title, link) = subject_of(tx.conn(), finding, true)?;
    notices::write(
        tx,
        vec![NewNotice {
            org_id,
            recipient_user_id: Some(user_id),
            kind: NoticeKind::FindingAnswered,
            subject: finding.id.clone(),
            occasion: finding.version.to_string(),
            title,
            link,
        }],
    )
}

/// The date-based notices due on `today` across every controller: a next review within
/// [`REVIEW_NOTICE_DAYS`] or past, a planned measure past its due date. Each names its date as
/// the occasion, so the sweep writes it once; a new date is a new notice. Actor-less: only the
/// sweep calls it.
pub(crate) fn due_dates(conn: &mut DbConnection, today: NaiveDate) -> AppResult<Vec<NewNotice>> {
    let rows: Vec<(String, String, String, String)> = assessments::table
        .select((
            assessments::org_id,
            assessments::id,
            assessments::title,
            assessments::local_changes,
        ))
        .order((assessments::org_id.asc(), assessments::id.asc()))
        .load(conn)?;
    let mut wanted = Vec::new();
    for (org_id, id, title, local) in rows {
        let local = super::assessments::parse_local(&local, &id)?;
        if let Some(review) = local.sign_offs.next_review_on {
            let kind = if review <= today {
                Some(NoticeKind::ReviewOverdue)
            } else if (review - today).num_days() <= REVIEW_NOTICE_DAYS {
                Some(NoticeKind::ReviewDue)
            } else {
                None
            };
            if let Some(kind) = kind {
                wanted.push(NewNotice {
                    org_id: org_id.clone(),
                    recipient_user_id: None,
                    kind,
                    subject: id.clone(),
                    occasion: review.to_string(),
                    title: title.clone(),
                    link: links::assessment(&id),
                });
            }
        }
        for measure in &local.measures {
            if let MeasureStatus::Planned { due } = measure.status {
                if due < today {
                    wanted.push(NewNotice {
                        org_id: org_id.clone(),
                        recipient_user_id: None,
                        kind: NoticeKind::MeasureOverdue,
                        subject: format!("{id}/{}", measure.key.as_str()),
                        occasion: due.to_string(),
                        title: measure.title.clone(),
                        link: links::assessment_measures(&id),
                    });
                }
            }
        }
    }
    Ok(wanted)
}
