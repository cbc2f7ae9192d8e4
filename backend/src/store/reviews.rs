//! Review findings of the supervisory authority on a controller's assessment (issue 6) or its
//! adherence to a code of conduct (issue 8). The authority records them; the controller sees
//! and answers them; the authority closes them. Both kinds share one table and one workflow:
//! a finding names exactly one subject (a database CHECK holds it too).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::json;

use super::adherences::{self, Adherence};
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
    pub assessment_id: Option<String>,
    pub adherence_id: Option<String>,
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
            "assessment_id": self.assessment_id, "adherence_id": self.adherence_id,
            "severity": self.severity, "comment": self.comment, "status": self.status,
            "answer": self.answer, "item_key": self.item_key,
        })
    }
}

/// What a finding is about.
#[derive(Clone, Copy, Debug)]
pub enum Subject<'a> {
    /// An assessment, by id; the finding may name one of its items.
    Assessment(&'a str),
    /// An adherence to a code of conduct, by id; the finding may name one of its clauses.
    Adherence(&'a str),
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

/// The findings on an adherence the actor may read, oldest first.
pub fn for_adherence(
    conn: &mut DbConnection,
    adherence: &Adherence,
) -> AppResult<Vec<ReviewFinding>> {
    Ok(review_findings::table
        .filter(review_findings::org_id.eq(&adherence.org_id))
        .filter(review_findings::adherence_id.eq(&adherence.id))
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

/// The authority records a finding on an assessment or an adherence, optionally on one of its
/// items (for an adherence: a clause of the adopted code version, or a retained one).
pub fn record(
    tx: &mut WriteTx<'_>,
    subject: Subject<'_>,
    item_key: Option<&str>,
    severity: &str,
    comment: &str,
) -> AppResult<ReviewFinding> {
    let actor = tx.actor().clone();
    // Reading first: a subject the caller may not see is NOT_FOUND before anything else.
    let target = Target::load(tx.conn(), &actor, subject)?;
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
    let (assessment_id, adherence_id) = match &target {
        Target::Assessment(a) => (Some(a.id.clone()), None),
        Target::Adherence(a) => (None, Some(a.id.clone())),
    };
    let finding = ReviewFinding {
        org_id: target.org_id().to_string(),
        id: super::new_id(),
        assessment_id,
        adherence_id,
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
        target.require_known_item(tx.conn(), key)?;
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
    super::notice_causes::finding_recorded(tx, &finding)?;
    Ok(finding)
}

/// The subject of a new finding, loaded through the visibility rules.
enum Target {
    Assessment(Assessment),
    Adherence(Adherence),
}

impl Target {
    fn load(conn: &mut DbConnection, actor: &Actor, subject: Subject<'_>) -> AppResult<Self> {
        Ok(match subject {
            Subject::Assessment(id) => Target::Assessment(assessments::find(conn, actor, id)?),
            Subject::Adherence(id) => Target::Adherence(adherences::find(conn, actor, id)?),
        })
    }

    fn org_id(&self) -> &str {
        match self {
            Target::Assessment(a) => &a.org_id,
            Target::Adherence(a) => &a.org_id,
        }
    }

    /// Refuses an item key the subject does not have: a finding must point at something the
    /// controller can find (SPEC §3: an unknown key is an error, not a silent no-op).
    fn require_known_item(&self, conn: &mut DbConnection, key: &str) -> AppResult<()> {
        let known = match self {
            Target::Assessment(assessment) => {
                let (_, base) = assessments::base_of(conn, assessment)?;
                let local = assessment.local()?;
                crate::domain::template::TemplateContent::Dpia((*base).clone())
                    .item(key)
                    .is_some()
                    || local.additions.keys().any(|k| k.as_str() == key)
                    || local.measures.iter().any(|m| m.key.as_str() == key)
                    || local.incidents.iter().any(|i| i.key.as_str() == key)
            }
            Target::Adherence(adherence) => {
                let (_, version) = adherences::code_version_of(conn, adherence)?;
                let code = adherences::code_of(&version)?;
                let answers = adherence.answers()?;
                code.clauses.iter().any(|c| c.key.as_str() == key)
                    || answers
                        .retained
                        .iter()
                        .any(|r| r.clause.key.as_str() == key)
            }
        };
        match (known, self) {
            (true, _) => Ok(()),
            (false, Target::Assessment(_)) => Err(AppError::validation_at(
                "itemKey",
                key,
                "no item with this key in the assessment",
            )),
            (false, Target::Adherence(_)) => Err(AppError::validation_at(
                "clauseKey",
                key,
                "no clause with this key in the adopted code version (nor a retained one)",
            )),
        }
    }
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
    if !close {
        super::notice_causes::finding_answered(tx, &next)?;
    }
    Ok(next)
}
