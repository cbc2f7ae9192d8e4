//! Review findings of the supervisory authority on a controller's assessment (issue 6).
//! The authority records them; the controller sees and answers them; the authority closes them.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::json;

use super::assessments::{self, Assessment};
use super::schema::review_findings;
use super::DbConnection;
use crate::audit::{Change, WriteTx};
use crate::context::{Actor, OrgKind};
use crate::error::{AppError, AppResult};

#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = review_findings)]
pub struct ReviewFinding {
    pub org_id: String,
    pub id: String,
    pub assessment_id: String,
    pub item_key: Option<String>,
    pub severity: String,
    pub comment: String,
    pub status: String,
    pub answer: Option<String>,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i64,
}

impl ReviewFinding {
    fn audit_view(&self) -> serde_json::Value {
        json!({
            "severity": self.severity, "comment": self.comment, "status": self.status,
            "answer": self.answer, "item_key": self.item_key,
        })
    }
}

/// The findings on an assessment the actor may read, oldest first.
pub fn for_assessment(
    conn: &mut DbConnection,
    assessment: &Assessment,
) -> AppResult<Vec<ReviewFinding>> {
    Ok(review_findings::table
        .filter(review_findings::org_id.eq(&assessment.org_id))
        .filter(review_findings::assessment_id.eq(&assessment.id))
        .order((review_findings::created_at.asc(), review_findings::id.asc()))
        .select(ReviewFinding::as_select())
        .load(conn)?)
}

fn require_authority_editor(actor: &Actor) -> AppResult<()> {
    if actor.org_kind == OrgKind::SupervisoryAuthority && actor.role.may_write() {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "only case officers of the supervisory authority record and close review findings"
                .into(),
        ))
    }
}

/// The authority records a finding on an assessment, optionally on one item.
pub fn record(
    tx: &mut WriteTx<'_>,
    assessment_id: &str,
    item_key: Option<&str>,
    severity: &str,
    comment: &str,
) -> AppResult<ReviewFinding> {
    let actor = tx.actor().clone();
    let assessment = assessments::find(tx.conn(), &actor, assessment_id)?;
    require_authority_editor(&actor)?;
    if !["ERROR", "WARNING", "INFO"].contains(&severity) {
        return Err(AppError::validation(
            "severity",
            "use ERROR, WARNING or INFO",
        ));
    }
    if comment.trim().is_empty() {
        return Err(AppError::validation(
            "comment",
            "a review finding needs a comment",
        ));
    }
    let finding = ReviewFinding {
        org_id: assessment.org_id.clone(),
        id: super::new_id(),
        assessment_id: assessment.id.clone(),
        item_key: item_key
            .map(str::to_string)
            .filter(|k| !k.trim().is_empty()),
        severity: severity.to_string(),
        comment: comment.trim().to_string(),
        status: "OPEN".into(),
        answer: None,
        created_by: actor.email.clone(),
        created_at: tx.now(),
        updated_at: tx.now(),
        version: 1,
    };
    if let Some(key) = &finding.item_key {
        let (_, version) = assessments::base_of(tx.conn(), &assessment)?;
        let base = assessments::dpia_of(&version)?;
        let local = assessment.local()?;
        let known = crate::domain::template::TemplateContent::Dpia((*base).clone())
            .item(key)
            .is_some()
            || local.additions.keys().any(|k| k.as_str() == key)
            || local.measures.iter().any(|m| m.key.as_str() == key)
            || local.incidents.iter().any(|i| i.key.as_str() == key);
        if !known {
            return Err(AppError::validation_at(
                "itemKey",
                key.clone(),
                "no item with this key in the assessment",
            ));
        }
    }
    diesel::insert_into(review_findings::table)
        .values(&finding)
        .execute(tx.conn())?;
    tx.record(Change {
        org_id: finding.org_id.clone(),
        action: "record",
        entity: "review_finding",
        entity_id: finding.id.clone(),
        item_key: finding.item_key.clone(),
        before: None,
        after: Some(finding.audit_view()),
    });
    Ok(finding)
}

/// The controller answers a finding, or the authority closes it.
pub fn respond(
    tx: &mut WriteTx<'_>,
    finding_id: &str,
    expected_version: i64,
    answer: Option<&str>,
    close: bool,
) -> AppResult<ReviewFinding> {
    let actor = tx.actor().clone();
    let found: Option<ReviewFinding> = review_findings::table
        .filter(review_findings::id.eq(finding_id))
        .select(ReviewFinding::as_select())
        .first(tx.conn())
        .optional()?;
    let current = found
        .filter(|f| super::visibility::may_read_assessments_of(&actor, &f.org_id))
        .ok_or(AppError::not_found("review finding"))?;
    if current.version != expected_version {
        return Err(AppError::stale("review finding"));
    }
    let next = if close {
        require_authority_editor(&actor)?;
        ReviewFinding {
            status: "CLOSED".into(),
            ..current.clone()
        }
    } else {
        super::visibility::require_assessment_write(&actor, &current.org_id)?;
        let answer = answer.map(str::trim).unwrap_or("");
        if answer.is_empty() {
            return Err(AppError::validation("answer", "an answer needs text"));
        }
        if current.status == "CLOSED" {
            return Err(AppError::Conflict("the finding is closed".into()));
        }
        ReviewFinding {
            status: "ANSWERED".into(),
            answer: Some(answer.to_string()),
            ..current.clone()
        }
    };
    let next = ReviewFinding {
        version: current.version + 1,
        updated_at: tx.now(),
        ..next
    };
    let changed = diesel::update(
        review_findings::table
            .find((&current.org_id, &current.id))
            .filter(review_findings::version.eq(current.version)),
    )
    .set((
        review_findings::status.eq(&next.status),
        review_findings::answer.eq(&next.answer),
        review_findings::version.eq(next.version),
        review_findings::updated_at.eq(next.updated_at),
    ))
    .execute(tx.conn())?;
    if changed != 1 {
        return Err(AppError::stale("review finding"));
    }
    tx.record(Change {
        org_id: current.org_id.clone(),
        action: if close { "close" } else { "answer" },
        entity: "review_finding",
        entity_id: current.id.clone(),
        item_key: current.item_key.clone(),
        before: Some(current.audit_view()),
        after: Some(next.audit_view()),
    });
    Ok(next)
}
