//! Screen 9 of issue 15, approval: the sign-offs (DPO opinion, system owner, the Art. 36
//! prior-consultation decision, processing start, next review) written as the API's
//! `SET_SIGN_OFFS` command with its partial-update semantics (a part left as it was is not
//! named in the write); management approval through the one gate (`crate::approval::approve`,
//! the API's `approveAssessment`): a refusal lists the errors with links to what to fix, and
//! every open warning needs its box ticked and a reason. Below, the approved revisions and
//! what changed since the last one (the authority's revision diff, `authority::history`).

use actix_web::http::StatusCode;
use actix_web::web;
use chrono::NaiveDate;
use minijinja::context;
use minijinja::value::Serde;
use serde::{Deserialize, Serialize};

use super::form::FieldError;
use super::{load, Head};
use crate::audit;
use crate::domain::assessment::{
    diff_revisions, effective, AssessmentCommand, Patch, PriorConsultation, SignOff, SignOffs,
    SignOffsUpdate,
};
use crate::domain::checks::{run_checks_for_approval, Severity};
use crate::error::{AppError, AppResult, RefusedFinding};
use crate::i18n::Lang;
use crate::store::assessments as store;
use crate::web::authority::history::{diff_lines, DiffLine};
use crate::web::csrf::Posted;
use crate::web::errors::{redirect, PageError, PageResult};
use crate::web::render::render_status;
use crate::web::session::SignedIn;

/// The sign-offs as the form shows and posts them: text, one box per value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default)]
pub struct SignOffsForm {
    pub version: i64,
    pub dpo_by: String,
    pub dpo_on: String,
    pub dpo_text: String,
    pub owner_by: String,
    pub owner_on: String,
    pub owner_text: String,
    pub pc_decided_on: String,
    /// `yes`, `no`, or empty (no decision recorded).
    pub pc_required: String,
    pub pc_reference: String,
    pub pc_outcome: String,
    pub processing_started_on: String,
    pub next_review_on: String,
}

fn date_text(date: Option<NaiveDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

fn signature_text(s: &Option<SignOff>) -> (String, String, String) {
    match s {
        Some(s) => (
            s.by.clone(),
            s.on.to_string(),
            s.text.clone().unwrap_or_default(),
        ),
        None => Default::default(),
    }
}

impl SignOffsForm {
    /// The form filled with the recorded sign-offs.
    pub fn of(sign_offs: &SignOffs, version: i64) -> Self {
        let (dpo_by, dpo_on, dpo_text) = signature_text(&sign_offs.dpo_opinion);
        let (owner_by, owner_on, owner_text) = signature_text(&sign_offs.system_owner);
        let pc = sign_offs.prior_consultation.as_ref();
        SignOffsForm {
            version,
            dpo_by,
            dpo_on,
            dpo_text,
            owner_by,
            owner_on,
            owner_text,
            pc_decided_on: pc.map(|c| c.decided_on.to_string()).unwrap_or_default(),
            pc_required: pc
                .map(|c| if c.required { "yes" } else { "no" })
                .unwrap_or_default()
                .into(),
            pc_reference: pc.and_then(|c| c.reference.clone()).unwrap_or_default(),
            pc_outcome: pc.and_then(|c| c.outcome.clone()).unwrap_or_default(),
            processing_started_on: date_text(sign_offs.processing_started_on),
            next_review_on: date_text(sign_offs.next_review_on),
        }
    }
}

fn refuse(field: &str, message: &str) -> FieldError {
    FieldError {
        field: field.into(),
        message: message.into(),
    }
}

fn parse_date(field: &str, text: &str) -> Result<NaiveDate, FieldError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| refuse(field, "approve-date-invalid"))
}

fn optional_text(text: &str) -> Option<String> {
    Some(text.trim().to_owned()).filter(|t| !t.is_empty())
}

/// One part of the sign-offs: unchanged parts are left out of the write (`Keep`), emptied
/// ones are cleared, the others set.
fn part<T>(
    posted: &[&str],
    recorded: &[&str],
    build: impl FnOnce() -> Result<T, FieldError>,
) -> Result<Patch<T>, FieldError> {
    let same = posted
        .iter()
        .zip(recorded)
        .all(|(a, b)| a.trim() == b.trim());
    if same {
        Ok(Patch::Keep)
    } else if posted.iter().all(|p| p.trim().is_empty()) {
        Ok(Patch::Clear)
    } else {
        build().map(Patch::Set)
    }
}

fn signature(prefix: &str, by: &str, on: &str, text: &str) -> Result<SignOff, FieldError> {
    Ok(SignOff {
        by: by.trim().to_owned(),
        on: parse_date(&format!("{prefix}_on"), on)?,
        text: optional_text(text),
    })
}

/// The `SET_SIGN_OFFS` write of a posted form against the recorded sign-offs: only the parts
/// the person changed are named (the API's partial update). `None` when nothing changed.
pub fn sign_offs_update(
    form: &SignOffsForm,
    recorded: &SignOffs,
) -> Result<Option<SignOffsUpdate>, FieldError> {
    let was = SignOffsForm::of(recorded, form.version);
    let update = SignOffsUpdate {
        dpo_opinion: part(
            &[&form.dpo_by, &form.dpo_on, &form.dpo_text],
            &[&was.dpo_by, &was.dpo_on, &was.dpo_text],
            || signature("dpo", &form.dpo_by, &form.dpo_on, &form.dpo_text),
        )?,
        system_owner: part(
            &[&form.owner_by, &form.owner_on, &form.owner_text],
            &[&was.owner_by, &was.owner_on, &was.owner_text],
            || signature("owner", &form.owner_by, &form.owner_on, &form.owner_text),
        )?,
        management_approval: Patch::Keep,
        prior_consultation: part(
            &[
                &form.pc_decided_on,
                &form.pc_required,
                &form.pc_reference,
                &form.pc_outcome,
            ],
            &[
                &was.pc_decided_on,
                &was.pc_required,
                &was.pc_reference,
                &was.pc_outcome,
            ],
            || {
                let required = match form.pc_required.as_str() {
                    "yes" => true,
                    "no" => false,
                    _ => return Err(refuse("pc_required", "approve-choose-required")),
                };
                Ok(PriorConsultation {
                    decided_on: parse_date("pc_decided_on", &form.pc_decided_on)?,
                    required,
                    reference: optional_text(&form.pc_reference),
                    outcome: optional_text(&form.pc_outcome),
                })
            },
        )?,
        processing_started_on: part(
            &[&form.processing_started_on],
            &[&was.processing_started_on],
            || parse_date("processing_started_on", &form.processing_started_on),
        )?,
        next_review_on: part(&[&form.next_review_on], &[&was.next_review_on], || {
            parse_date("next_review_on", &form.next_review_on)
        })?,
    };
    Ok(Some(update).filter(|u| u != &SignOffsUpdate::default()))
}

/// The form field of a field the domain names (`dpo_opinion.text` is the `dpo_text` box),
/// with the message key to show beside it.
pub fn refused_field(domain_field: &str, message: &str) -> FieldError {
    let field = domain_field
        .replace("dpo_opinion.", "dpo_")
        .replace("system_owner.", "owner_")
        .replace("prior_consultation.", "pc_");
    let key = if message.contains("cannot be empty") {
        "approve-text-required"
    } else if message.contains("12 months") {
        "approve-review-too-late"
    } else {
        "approve-refused-other"
    };
    refuse(&field, key)
}

/// One rule's findings in the gate: what is wrong, its legal reference, the items to fix.
#[derive(Clone, Debug, Serialize)]
pub struct GateRow {
    pub rule_id: String,
    pub legal_reference: String,
    pub count: usize,
    /// `(key, screen)`: each item's form at `/assessments/{id}/{screen}/{key}` (the findings
    /// page's `view::fix_screen`); the template links the sign-offs to this page.
    pub items: Vec<(String, &'static str)>,
}

/// Findings grouped by rule, in first-seen order, with the items to fix and where.
pub fn gate_rows(
    findings: &[RefusedFinding],
    screen: impl Fn(&str, &str) -> &'static str,
) -> Vec<GateRow> {
    let mut rows: Vec<GateRow> = Vec::new();
    for f in findings {
        let at = match rows.iter().position(|r| r.rule_id == f.rule_id) {
            Some(at) => at,
            None => {
                rows.push(GateRow {
                    rule_id: f.rule_id.clone(),
                    legal_reference: f.legal_reference.clone(),
                    count: 0,
                    items: Vec::new(),
                });
                rows.len() - 1
            }
        };
        let row = &mut rows[at];
        row.count += 1;
        for key in &f.item_keys {
            if !row.items.iter().any(|(k, _)| k == key) {
                row.items.push((key.clone(), screen(&f.rule_id, key)));
            }
        }
    }
    rows
}

/// A warning's acknowledgement as posted: ticked, and the reason.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Acknowledged {
    pub rule_id: String,
    pub ticked: bool,
    pub reason: String,
}

/// What the approval form posted: the version read, the signatory, one acknowledgement per
/// open warning (`ack` = rule id for a ticked box, `reason-RULE` its reason).
#[derive(Clone, Debug, Default, Serialize)]
pub struct ApproveForm {
    pub version: i64,
    pub signatory: String,
    pub acks: Vec<Acknowledged>,
}

impl ApproveForm {
    pub fn parse(pairs: &[(String, String)]) -> ApproveForm {
        let value = |name: &str| {
            (pairs.iter())
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let ticked: Vec<&str> = (pairs.iter())
            .filter(|(k, _)| k == "ack")
            .map(|(_, v)| v.as_str())
            .collect();
        let mut acks: Vec<Acknowledged> = Vec::new();
        for (k, v) in pairs {
            if let Some(rule) = k.strip_prefix("reason-") {
                acks.push(Acknowledged {
                    rule_id: rule.to_owned(),
                    ticked: ticked.contains(&rule),
                    reason: v.clone(),
                });
            }
        }
        ApproveForm {
            version: value("version").trim().parse().unwrap_or(0),
            signatory: value("signatory"),
            acks,
        }
    }

    /// The one acknowledgement the gate records: a line per warning, `RULE: reason`. Every
    /// open warning needs its box ticked and a reason; the first that has not is refused.
    pub fn acknowledgement(&self, warnings: &[GateRow]) -> Result<Option<String>, FieldError> {
        let mut lines = Vec::new();
        for w in warnings {
            let ack = self.acks.iter().find(|a| a.rule_id == w.rule_id);
            let ticked = ack.is_some_and(|a| a.ticked);
            let reason = ack.map(|a| a.reason.trim()).unwrap_or("");
            if !ticked {
                return Err(refuse(&format!("ack-{}", w.rule_id), "approve-ack-tick"));
            }
            if reason.is_empty() {
                return Err(refuse(
                    &format!("reason-{}", w.rule_id),
                    "approve-ack-reason",
                ));
            }
            lines.push(format!("{}: {reason}", w.rule_id));
        }
        Ok(Some(lines.join("\n")).filter(|l| !l.is_empty()))
    }
}

#[derive(Serialize)]
struct RevisionRow {
    revision: i32,
    base_version: i32,
    approved_at: String,
    approved_by: String,
}

/// Everything the page shows besides the head.
#[derive(Serialize)]
struct ApprovalView {
    recorded: SignOffsForm,
    management: Option<(String, String, String)>,
    errors: Vec<GateRow>,
    warnings: Vec<GateRow>,
    revisions: Vec<RevisionRow>,
    /// The revision the diff starts from, and the lines (None without an approved revision).
    since: Option<i32>,
    changes: Vec<DiffLine>,
}

fn refused_of(findings: &[crate::domain::checks::Finding]) -> Vec<RefusedFinding> {
    findings
        .iter()
        .map(|f| RefusedFinding {
            rule_id: f.rule_id.to_string(),
            legal_reference: f.legal_reference.to_string(),
            severity: f.severity.as_str().to_string(),
            item_keys: f.item_keys.clone(),
            message: f.message.clone(),
        })
        .collect()
}

fn approval_view(
    conn: &mut crate::store::DbConnection,
    actor: &crate::context::Actor,
    id: &str,
    today: NaiveDate,
) -> AppResult<ApprovalView> {
    let row = store::find(conn, actor, id)?;
    let (template, base) = store::base_of(conn, &row)?;
    let local = row.local()?;
    let current = effective(&base, &local);
    let (errors, warnings) = if row.status == "APPROVED" {
        (Vec::new(), Vec::new())
    } else {
        let sign_off = SignOff {
            by: actor.email.clone(),
            on: today,
            text: None,
        };
        let findings =
            run_checks_for_approval(&current, &template.check_settings(), sign_off, today);
        let of = |s: Severity| {
            let picked: Vec<_> = findings
                .iter()
                .filter(|f| f.severity == s)
                .cloned()
                .collect();
            gate_rows(&refused_of(&picked), |rule, key| {
                super::view::fix_screen(&current, rule, key)
            })
        };
        (of(Severity::Error), of(Severity::Warning))
    };
    let revisions = store::revisions(conn, &row)?;
    // Since the last approval; for an approved assessment, what its last approval changed.
    let from = if row.status == "APPROVED" {
        revisions.iter().rev().nth(1)
    } else {
        revisions.last()
    };
    let (since, changes) = match from {
        Some(from) => {
            let d = diff_revisions(
                &*store::base_version_content(conn, &row, from.base_version)?,
                &store::parse_local(&from.local_changes, &row.id)?,
                &base,
                &local,
            );
            (Some(from.revision), diff_lines(&d))
        }
        None => (None, Vec::new()),
    };
    Ok(ApprovalView {
        recorded: SignOffsForm::of(&local.sign_offs, row.version),
        management: local.sign_offs.management_approval.as_ref().map(|m| {
            (
                m.by.clone(),
                m.on.to_string(),
                m.text.clone().unwrap_or_default(),
            )
        }),
        errors,
        warnings,
        revisions: revisions
            .iter()
            .map(|r| RevisionRow {
                revision: r.revision,
                base_version: r.base_version,
                approved_at: r.approved_at.format("%Y-%m-%d %H:%M").to_string(),
                approved_by: r.approved_by.clone(),
            })
            .collect(),
        since,
        changes,
    })
}

/// What a refused or stale post brings back to the page.
#[derive(Default)]
struct Answer {
    status: Option<StatusCode>,
    sign_offs_input: Option<SignOffsForm>,
    approve_input: Option<ApproveForm>,
    error: Option<FieldError>,
    /// `sign-offs` or `approve`: which form was stale.
    stale: Option<&'static str>,
    /// The gate's refusal (errors, or warnings without acknowledgement).
    refused: Option<Vec<RefusedFinding>>,
    /// The gate's refusal in the domain's words (a rule it names that is not a finding).
    refused_message: Option<String>,
    /// `sign-offs` after a saved write (the redirect's `?saved=`).
    saved: Option<String>,
}

fn message(lang: Lang, error: Option<FieldError>) -> (Option<String>, Option<String>) {
    error
        .map(|e| {
            let text = if e.message.starts_with("approve-") {
                crate::i18n::text(lang, &e.message)
            } else {
                e.message
            };
            (e.field, text)
        })
        .unzip()
}

async fn page(signed: &SignedIn, id: String, answer: Answer) -> PageResult {
    let loaded = load(signed, id.clone()).await?;
    let refused = (answer.refused.as_ref()).map(|findings| {
        gate_rows(findings, |rule, key| {
            super::view::fix_screen(&loaded.effective, rule, key)
        })
    });
    let head: Head = loaded.head;
    let today = signed.state.today();
    let view = signed
        .load(move |_, actor, conn| approval_view(conn, actor, &id, today))
        .await?;
    let sign_offs = answer
        .sign_offs_input
        .clone()
        .unwrap_or_else(|| view.recorded.clone());
    let approve = answer.approve_input.clone().unwrap_or(ApproveForm {
        version: head.version,
        ..ApproveForm::default()
    });
    let (error_field, error) = message(signed.lang, answer.error);
    render_status(
        &signed.chrome,
        answer.status.unwrap_or(StatusCode::OK),
        "web/approval.html",
        context! {
            head => Serde(&head),
            view => Serde(&view),
            sign_offs => Serde(&sign_offs),
            approve => Serde(&approve),
            error_field => error_field,
            error => error,
            stale => answer.stale,
            refused => refused.map(Serde),
            refused_message => answer.refused_message,
            approved => head.status == "APPROVED",
            saved => answer.saved,
        },
    )
}

#[derive(Deserialize)]
pub struct Shown {
    #[serde(default)]
    saved: Option<String>,
}

/// `GET /assessments/{id}/approval`.
pub async fn approval(
    signed: SignedIn,
    id: web::Path<String>,
    shown: web::Query<Shown>,
) -> PageResult {
    let answer = Answer {
        saved: shown.into_inner().saved,
        ..Answer::default()
    };
    page(&signed, id.into_inner(), answer).await
}

/// `POST /assessments/{id}/approval/sign-offs`: the `SET_SIGN_OFFS` command of the parts the
/// person changed, through `store::assessments::apply_commands` (as `applyAssessmentCommands`).
pub async fn sign_offs(posted: Posted<SignOffsForm>, id: web::Path<String>) -> PageResult {
    let signed = posted.guard.clone();
    let id = id.into_inner();
    let input = posted.form;
    let target = id.clone();
    let form = input.clone();
    let result = signed
        .block(move |state, actor, conn| {
            let row = store::find(conn, actor, &target)?;
            let update = match sign_offs_update(&form, &row.local()?.sign_offs) {
                Ok(Some(update)) => update,
                Ok(None) => return Ok(Ok(false)),
                Err(e) => return Ok(Err(e)),
            };
            let commands = [AssessmentCommand::SetSignOffs(update)];
            audit::write(&state.pool, actor, |tx| {
                store::apply_commands(tx, &target, form.version, &commands)
            })
            .map(|_| Ok(true))
        })
        .await?;
    let result = result.map_err(|e| match e {
        AppError::InCommand { error, .. } => *error,
        other => other,
    });
    let refused = |status, error| Answer {
        status: Some(status),
        sign_offs_input: Some(input.clone()),
        error: Some(error),
        ..Answer::default()
    };
    match result {
        Ok(Ok(_)) => Ok(redirect(&format!(
            "/assessments/{id}/approval?saved=sign-offs#sign-offs"
        ))),
        Ok(Err(e)) => page(&signed, id, refused(StatusCode::UNPROCESSABLE_ENTITY, e)).await,
        Err(AppError::Conflict(_)) => {
            let answer = Answer {
                status: Some(StatusCode::CONFLICT),
                sign_offs_input: Some(input.clone()),
                stale: Some("sign-offs"),
                ..Answer::default()
            };
            page(&signed, id, answer).await
        }
        Err(AppError::Validation { field, message, .. }) => {
            let error = refused_field(&field, &message);
            page(
                &signed,
                id,
                refused(StatusCode::UNPROCESSABLE_ENTITY, error),
            )
            .await
        }
        Err(e) => Err(PageError::from_app(signed.lang, e)),
    }
}

/// `POST /assessments/{id}/approval`: management approval through the gate
/// (`crate::approval::approve`, the same call and audit entry as `approveAssessment`).
pub async fn approve(posted: Posted<Vec<(String, String)>>, id: web::Path<String>) -> PageResult {
    let signed = posted.guard.clone();
    let id = id.into_inner();
    let input = ApproveForm::parse(&posted.form);
    let today = signed.state.today();
    let target = id.clone();
    let form = input.clone();
    let result = signed
        .block(move |state, actor, conn| {
            let view = approval_view(conn, actor, &target, today)?;
            // Errors first: while one is open the gate refuses and lists them, whatever
            // the acknowledgements say.
            let acknowledgement = match form.acknowledgement(&view.warnings) {
                Ok(a) => a,
                Err(_) if !view.errors.is_empty() => None,
                Err(e) => return Ok(Err(e)),
            };
            let row = store::find(conn, actor, &target)?;
            let settings = store::base_of(conn, &row)?.0.check_settings();
            audit::write(&state.pool, actor, |tx| {
                crate::approval::approve(
                    tx,
                    &target,
                    form.version,
                    &settings,
                    today,
                    acknowledgement,
                    Some(form.signatory.as_str()),
                )
            })
            .map(|_| Ok(()))
        })
        .await?;
    let with_input = |status| Answer {
        status: Some(status),
        approve_input: Some(input.clone()),
        ..Answer::default()
    };
    match result {
        Ok(Ok(())) => Ok(redirect(&format!(
            "/assessments/{id}/approval?saved=approved#revisions"
        ))),
        Ok(Err(error)) => {
            let answer = Answer {
                error: Some(error),
                ..with_input(StatusCode::UNPROCESSABLE_ENTITY)
            };
            page(&signed, id, answer).await
        }
        Err(AppError::ApprovalRefused { findings, .. }) => {
            let answer = Answer {
                refused: Some(findings),
                ..with_input(StatusCode::UNPROCESSABLE_ENTITY)
            };
            page(&signed, id, answer).await
        }
        Err(AppError::Validation { message, .. }) => {
            let answer = Answer {
                refused_message: Some(message),
                ..with_input(StatusCode::UNPROCESSABLE_ENTITY)
            };
            page(&signed, id, answer).await
        }
        Err(AppError::Conflict(_)) => {
            let answer = Answer {
                stale: Some("approve"),
                ..with_input(StatusCode::CONFLICT)
            };
            page(&signed, id, answer).await
        }
        Err(e) => Err(PageError::from_app(signed.lang, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::assessment::SIGN_OFFS_KEY;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
    }

    fn recorded() -> SignOffs {
        SignOffs {
            dpo_opinion: Some(SignOff {
                by: "Jens Dahl, DPO".into(),
                on: date("2026-05-01"),
                text: Some("Risiciene er håndteret.".into()),
            }),
            next_review_on: Some(date("2027-05-01")),
            ..SignOffs::default()
        }
    }

    #[test]
    fn only_the_parts_a_person_changed_are_written() {
        let recorded = recorded();
        let mut form = SignOffsForm::of(&recorded, 7);
        assert_eq!(sign_offs_update(&form, &recorded), Ok(None));
        form.processing_started_on = "2026-08-01".into();
        let update = sign_offs_update(&form, &recorded)
            .expect("valid")
            .expect("a change");
        assert_eq!(update.processing_started_on, Patch::Set(date("2026-08-01")));
        assert_eq!(update.dpo_opinion, Patch::Keep, "the DPO's opinion is kept");
        assert_eq!(update.next_review_on, Patch::Keep);
        form.next_review_on = " ".into();
        let update = sign_offs_update(&form, &recorded).unwrap().unwrap();
        assert_eq!(update.next_review_on, Patch::Clear);
    }

    #[test]
    fn a_bad_date_or_an_undecided_consultation_is_refused_beside_its_box() {
        let recorded = recorded();
        let mut form = SignOffsForm::of(&recorded, 7);
        form.dpo_on = "1. maj".into();
        assert_eq!(
            sign_offs_update(&form, &recorded).unwrap_err().field,
            "dpo_on"
        );
        let mut form = SignOffsForm::of(&recorded, 7);
        form.pc_decided_on = "2026-05-02".into();
        assert_eq!(
            sign_offs_update(&form, &recorded).unwrap_err().field,
            "pc_required"
        );
        assert_eq!(
            refused_field(
                "dpo_opinion.text",
                "`sign_offs`: `dpo_opinion.text` cannot be empty"
            )
            .field,
            "dpo_text"
        );
    }

    #[test]
    fn every_warning_needs_a_ticked_box_and_a_reason() {
        let warnings = gate_rows(
            &[RefusedFinding {
                rule_id: "A35_11_NEXT_REVIEW_NOT_SET".into(),
                legal_reference: "GDPR Art. 35(11)".into(),
                severity: "WARNING".into(),
                item_keys: vec![SIGN_OFFS_KEY.into()],
                message: String::new(),
            }],
            |_, _| "items",
        );
        assert_eq!(
            warnings[0].items,
            vec![(SIGN_OFFS_KEY.to_string(), "items")]
        );
        let pairs = |ack: bool, reason: &str| {
            let mut p = vec![
                ("version".to_string(), "3".to_string()),
                (
                    "reason-A35_11_NEXT_REVIEW_NOT_SET".to_string(),
                    reason.to_string(),
                ),
            ];
            if ack {
                p.push(("ack".into(), "A35_11_NEXT_REVIEW_NOT_SET".into()));
            }
            p
        };
        let form = ApproveForm::parse(&pairs(false, "Fastsættes i januar"));
        assert_eq!(form.version, 3);
        assert_eq!(
            form.acknowledgement(&warnings).unwrap_err().field,
            "ack-A35_11_NEXT_REVIEW_NOT_SET"
        );
        let form = ApproveForm::parse(&pairs(true, " "));
        assert_eq!(
            form.acknowledgement(&warnings).unwrap_err().field,
            "reason-A35_11_NEXT_REVIEW_NOT_SET"
        );
        let form = ApproveForm::parse(&pairs(true, "Fastsættes i januar"));
        assert_eq!(
            form.acknowledgement(&warnings),
            Ok(Some(
                "A35_11_NEXT_REVIEW_NOT_SET: Fastsættes i januar".into()
            ))
        );
        assert_eq!(form.acknowledgement(&[]), Ok(None));
    }
}
