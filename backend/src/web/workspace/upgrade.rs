//! Screen 10 of issue 15 (and issue 16's upgrade journey): "version N er tilgængelig", the
//! three-way preview in words (what the new version changes and what merges cleanly), a form
//! per conflict (keep mine with a justification, take the new central value, or write a new
//! value with a justification) and apply. The write is the API's `upgradeAssessment`
//! (`store::assessments::upgrade` with typed resolutions); an edited value is the ordinary
//! `SET_OVERRIDE` command after it, in the same transaction. A form read before someone else
//! wrote answers 409 with the person's choices beside the current preview.

use actix_web::http::StatusCode;
use actix_web::web;
use minijinja::context;
use minijinja::value::Serde;
use serde::{Deserialize, Serialize};

use super::form::{parse_value, FieldError};
use super::{load, Head};
use crate::audit;
use crate::domain::assessment::{
    preview_upgrade, AssessmentCommand, Conflict, ConflictKind, ConflictResolution, Override,
    Resolution, UpgradeChange, UpgradePreview,
};
use crate::error::{AppError, AppResult};
use crate::store::assessments as store;
use crate::web::authority::rows::{shown, titles};
use crate::web::csrf::Posted;
use crate::web::errors::{redirect, PageError, PageResult};
use crate::web::render::render_status;
use crate::web::session::SignedIn;

/// A central change taken as it is.
#[derive(Debug, Serialize)]
pub struct TakenRow {
    pub key: String,
    pub title: String,
    /// `added`, `removed` or `changed`.
    pub change: &'static str,
    pub field: Option<String>,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// A conflict as its form shows it.
#[derive(Debug, Serialize)]
pub struct ConflictRow {
    pub index: usize,
    pub key: String,
    pub title: String,
    pub field: Option<String>,
    /// `overridden`, `removed` or `completion`.
    pub kind: &'static str,
    pub central_before: Option<String>,
    pub central_after: Option<String>,
    pub local: Option<String>,
    pub justification: Option<String>,
    /// What refers to a removed item (`measure.x: mitigates`).
    pub references: Vec<String>,
    /// Whether a new value may be written instead (a field conflict).
    pub editable: bool,
}

/// The preview in words.
#[derive(Debug, Serialize)]
pub struct PreviewView {
    pub taken: Vec<TakenRow>,
    pub conflicts: Vec<ConflictRow>,
}

/// The preview's rows, titles from the old and new versions.
pub fn preview_view(preview: &UpgradePreview, title: impl Fn(&str) -> String) -> PreviewView {
    let taken = (preview.taken.iter())
        .map(|c| {
            let key = c.item_key.to_string();
            let (change, field, before, after) = match &c.change {
                UpgradeChange::Added => ("added", None, None, None),
                UpgradeChange::Removed => ("removed", None, None, None),
                UpgradeChange::FieldChanged {
                    field,
                    before,
                    after,
                } => (
                    "changed",
                    Some(field.clone()),
                    Some(shown(before)),
                    Some(shown(after)),
                ),
            };
            TakenRow {
                title: title(&key),
                key,
                change,
                field,
                before,
                after,
            }
        })
        .collect();
    let conflicts = (preview.conflicts.iter().enumerate())
        .map(|(index, c)| {
            let key = c.item_key.to_string();
            let mut row = ConflictRow {
                index,
                title: title(&key),
                key,
                field: c.field.clone(),
                kind: "removed",
                central_before: None,
                central_after: None,
                local: None,
                justification: None,
                references: Vec::new(),
                editable: c.field.is_some(),
            };
            match &c.kind {
                ConflictKind::OverriddenFieldChanged {
                    central_before,
                    central_after,
                    local,
                    justification,
                } => {
                    row.kind = "overridden";
                    row.central_before = Some(shown(central_before));
                    row.central_after = Some(shown(central_after));
                    row.local = Some(shown(local));
                    row.justification = Some(justification.clone());
                }
                ConflictKind::ReferencedItemRemoved { references } => {
                    row.references = (references.iter())
                        .map(|r| format!("{}: {}", r.by, r.field))
                        .collect();
                }
                ConflictKind::CompletionNoLongerExpected {
                    value,
                    central_after,
                } => {
                    row.kind = "completion";
                    row.local = Some(shown(value));
                    row.central_after = Some(shown(central_after));
                }
            }
            row
        })
        .collect();
    PreviewView { taken, conflicts }
}

/// One conflict's choice as posted.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Choice {
    pub key: String,
    pub field: String,
    /// `keep`, `take`, `edit`, or empty.
    pub choice: String,
    pub justification: String,
    pub value: String,
}

/// What the upgrade form posted: the version read, the target, one choice per conflict
/// (`key-N`, `field-N`, `choice-N`, `justification-N`, `value-N`).
#[derive(Clone, Debug, Default, Serialize)]
pub struct UpgradeForm {
    pub version: i64,
    pub to: i32,
    pub choices: Vec<Choice>,
}

impl UpgradeForm {
    pub fn parse(pairs: &[(String, String)]) -> UpgradeForm {
        let value = |name: &str| {
            (pairs.iter())
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let mut choices = Vec::new();
        for (k, key) in pairs {
            if let Some(n) = k.strip_prefix("key-") {
                choices.push(Choice {
                    key: key.clone(),
                    field: value(&format!("field-{n}")),
                    choice: value(&format!("choice-{n}")),
                    justification: value(&format!("justification-{n}")),
                    value: value(&format!("value-{n}")),
                });
            }
        }
        UpgradeForm {
            version: value("version").trim().parse().unwrap_or(0),
            to: value("to").trim().parse().unwrap_or(0),
            choices,
        }
    }

    /// The choice posted for a conflict, by item key and field.
    pub fn choice_for(&self, conflict: &Conflict) -> Option<(usize, &Choice)> {
        let field = conflict.field.clone().unwrap_or_default();
        (self.choices.iter().enumerate())
            .find(|(_, c)| c.key == conflict.item_key.as_str() && c.field == field)
    }
}

/// The resolutions of the upgrade and the overrides written after it, or the first choice
/// the form refuses (`choice-N`, `justification-N`, `value-N`, `conflicts` for one missing).
pub fn resolutions(
    form: &UpgradeForm,
    conflicts: &[Conflict],
) -> Result<(Vec<ConflictResolution>, Vec<AssessmentCommand>), FieldError> {
    let refuse = |field: String, message: &str| FieldError {
        field,
        message: message.into(),
    };
    let mut resolutions = Vec::new();
    let mut edits = Vec::new();
    for conflict in conflicts {
        let Some((n, choice)) = form.choice_for(conflict) else {
            return Err(refuse("conflicts".into(), "approve-upgrade-changed"));
        };
        let justification = choice.justification.trim().to_owned();
        let needs_reason = matches!(choice.choice.as_str(), "keep" | "edit");
        if needs_reason && justification.is_empty() {
            return Err(refuse(
                format!("justification-{n}"),
                "approve-upgrade-justification",
            ));
        }
        let resolution = match choice.choice.as_str() {
            "keep" => Resolution::KeepLocal { justification },
            "take" => Resolution::TakeCentral,
            "edit" => {
                let ((Some(field), ConflictKind::OverriddenFieldChanged { central_after, .. })
                | (Some(field), ConflictKind::CompletionNoLongerExpected { central_after, .. })) =
                    (&conflict.field, &conflict.kind)
                else {
                    return Err(refuse(format!("choice-{n}"), "approve-upgrade-choose"));
                };
                let value = parse_value(central_after, &choice.value)
                    .map_err(|m| refuse(format!("value-{n}"), &format!("ws-{m}")))?;
                edits.push(AssessmentCommand::SetOverride(Override {
                    item_key: conflict.item_key.clone(),
                    field: field.clone(),
                    value,
                    justification,
                }));
                Resolution::TakeCentral
            }
            _ => return Err(refuse(format!("choice-{n}"), "approve-upgrade-choose")),
        };
        resolutions.push(ConflictResolution {
            item_key: conflict.item_key.clone(),
            field: conflict.field.clone(),
            resolution,
        });
    }
    Ok((resolutions, edits))
}

#[derive(Serialize)]
struct UpgradeView {
    base_version: i32,
    target: Option<i32>,
    preview: Option<PreviewView>,
}

/// The preview of the upgrade to `to` (default: the newest published version).
fn upgrade_view(
    conn: &mut crate::store::DbConnection,
    actor: &crate::context::Actor,
    id: &str,
    to: Option<i32>,
) -> AppResult<(UpgradeView, Option<UpgradePreview>)> {
    let row = store::find(conn, actor, id)?;
    let (template, base) = store::base_of(conn, &row)?;
    let newest = crate::store::templates::newer_published(conn, &template, row.base_version)?;
    // Only a newer published version: anything else asked for shows the newest.
    let asked = to.filter(|t| *t > row.base_version && newest.is_some_and(|n| *t <= n));
    let Some(target) = asked.or(newest) else {
        return Ok((
            UpgradeView {
                base_version: row.base_version,
                target: None,
                preview: None,
            },
            None,
        ));
    };
    let (new, _) = store::upgrade_target(conn, actor, &row, target)?;
    let preview = preview_upgrade(&base, &new, &row.local()?).map_err(store::upgrade_error)?;
    let (old_titles, new_titles) = (titles(&base), titles(&new));
    let title = |key: &str| {
        (new_titles.get(key).or_else(|| old_titles.get(key)))
            .cloned()
            .unwrap_or_else(|| key.to_owned())
    };
    Ok((
        UpgradeView {
            base_version: row.base_version,
            target: Some(target),
            preview: Some(preview_view(&preview, title)),
        },
        Some(preview),
    ))
}

#[derive(Default)]
struct Answer {
    status: Option<StatusCode>,
    input: Option<UpgradeForm>,
    error: Option<FieldError>,
    stale: bool,
    done: Option<i32>,
}

async fn page(signed: &SignedIn, id: String, to: Option<i32>, answer: Answer) -> PageResult {
    let loaded = load(signed, id.clone()).await?;
    let head: Head = loaded.head;
    let (view, _) = signed
        .load(move |_, actor, conn| upgrade_view(conn, actor, &id, to))
        .await?;
    let input = answer.input.unwrap_or(UpgradeForm {
        version: head.version,
        to: view.target.unwrap_or(0),
        choices: Vec::new(),
    });
    // The person's choice for each conflict shown, by position in the current preview.
    let chosen: Vec<Choice> = match &view.preview {
        Some(p) => (p.conflicts.iter())
            .map(|c| {
                let field = c.field.clone().unwrap_or_default();
                (input.choices.iter())
                    .find(|x| x.key == c.key && x.field == field)
                    .cloned()
                    .unwrap_or_default()
            })
            .collect(),
        None => Vec::new(),
    };
    let (error_field, error) = answer
        .error
        .map(|e| {
            let text = if e.message.starts_with("approve-") || e.message.starts_with("ws-") {
                crate::i18n::text(signed.lang, &e.message)
            } else {
                e.message
            };
            (e.field, text)
        })
        .unzip();
    render_status(
        &signed.chrome,
        answer.status.unwrap_or(StatusCode::OK),
        "web/upgrade.html",
        context! {
            head => Serde(&head),
            view => Serde(&view),
            version => if answer.stale { head.version } else { input.version },
            chosen => Serde(&chosen),
            error_field => error_field,
            error => error,
            stale => answer.stale,
            done => answer.done,
        },
    )
}

#[derive(Deserialize)]
pub struct UpgradeQuery {
    #[serde(default)]
    to: Option<String>,
    #[serde(default)]
    done: Option<String>,
}

/// `GET /assessments/{id}/upgrade?to=N`: the preview (default: the newest version).
pub async fn upgrade(
    signed: SignedIn,
    id: web::Path<String>,
    query: web::Query<UpgradeQuery>,
) -> PageResult {
    let q = query.into_inner();
    let to = q.to.and_then(|t| t.trim().parse().ok());
    let done = q.done.and_then(|t| t.trim().parse().ok());
    let answer = Answer {
        done,
        ..Answer::default()
    };
    page(&signed, id.into_inner(), to, answer).await
}

/// `POST /assessments/{id}/upgrade`: applies the upgrade with the posted resolutions.
pub async fn apply(posted: Posted<Vec<(String, String)>>, id: web::Path<String>) -> PageResult {
    let signed = posted.guard.clone();
    let id = id.into_inner();
    let input = UpgradeForm::parse(&posted.form);
    let target = id.clone();
    let form = input.clone();
    let result = signed
        .block(move |state, actor, conn| {
            let row = store::find(conn, actor, &target)?;
            if row.version != form.version {
                return Err(AppError::stale("assessment"));
            }
            let (_, base) = store::base_of(conn, &row)?;
            let (new, _) = store::upgrade_target(conn, actor, &row, form.to)?;
            let preview =
                preview_upgrade(&base, &new, &row.local()?).map_err(store::upgrade_error)?;
            let (resolutions, edits) = match resolutions(&form, &preview.conflicts) {
                Ok(r) => r,
                Err(e) => return Ok(Err(e)),
            };
            audit::write(&state.pool, actor, |tx| {
                let upgraded = store::upgrade(tx, &target, form.version, form.to, &resolutions)?;
                if !edits.is_empty() {
                    store::apply_commands(tx, &target, upgraded.version, &edits)?;
                }
                Ok(())
            })
            .map(Ok)
        })
        .await?;
    let result = result.map_err(|e| match e {
        AppError::InCommand { error, .. } => *error,
        other => other,
    });
    let to = Some(input.to).filter(|n| *n > 0);
    let refused = |error: FieldError| Answer {
        status: Some(StatusCode::UNPROCESSABLE_ENTITY),
        input: Some(input.clone()),
        error: Some(error),
        ..Answer::default()
    };
    match result {
        Ok(Ok(())) => Ok(redirect(&format!(
            "/assessments/{id}/upgrade?done={}",
            input.to
        ))),
        Ok(Err(e)) => page(&signed, id, to, refused(e)).await,
        Err(AppError::Conflict(_)) => {
            let answer = Answer {
                status: Some(StatusCode::CONFLICT),
                input: Some(input.clone()),
                stale: true,
                ..Answer::default()
            };
            page(&signed, id, None, answer).await
        }
        Err(AppError::Validation {
            field,
            item_key,
            message,
        }) => {
            // The domain names the conflict's item: the message goes beside its choice.
            let at = item_key.as_deref().and_then(|k| {
                (input.choices.iter())
                    .position(|c| c.key == k)
                    .map(|n| format!("justification-{n}"))
            });
            let error = FieldError {
                field: at.unwrap_or(field),
                message,
            };
            page(&signed, id, to, refused(error)).await
        }
        Err(e) => Err(PageError::from_app(signed.lang, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::template::ItemKey;
    use serde_json::json;

    fn conflict(key: &str, field: Option<&str>, kind: ConflictKind) -> Conflict {
        Conflict {
            item_key: ItemKey::parse(key).expect("a key"),
            item_kind: crate::domain::template::ItemKind::Risk,
            field: field.map(str::to_owned),
            kind,
        }
    }

    fn overridden() -> ConflictKind {
        ConflictKind::OverriddenFieldChanged {
            central_before: json!(4),
            central_after: json!(3),
            local: json!(2),
            justification: "To datacentre".into(),
        }
    }

    fn posted(choice: &str, why: &str, value: &str) -> UpgradeForm {
        UpgradeForm::parse(&[
            ("version".into(), "9".into()),
            ("to".into(), "3".into()),
            ("key-0".into(), "risk.a".into()),
            ("field-0".into(), "likelihood".into()),
            ("choice-0".into(), choice.into()),
            ("justification-0".into(), why.into()),
            ("value-0".into(), value.into()),
        ])
    }

    #[test]
    fn each_conflict_is_kept_taken_or_edited_with_the_justification_the_domain_asks() {
        let conflicts = [conflict("risk.a", Some("likelihood"), overridden())];
        let (r, edits) = resolutions(&posted("take", "", ""), &conflicts).expect("valid");
        assert_eq!(r[0].resolution, Resolution::TakeCentral);
        assert!(edits.is_empty());
        let (r, _) =
            resolutions(&posted("keep", "Stadig to datacentre", ""), &conflicts).expect("valid");
        assert!(matches!(r[0].resolution, Resolution::KeepLocal { .. }));
        let (_, edits) =
            resolutions(&posted("edit", "Målt i 2026", "1"), &conflicts).expect("valid");
        assert!(matches!(&edits[0], AssessmentCommand::SetOverride(o) if o.value == json!(1)));
        let refused = resolutions(&posted("keep", " ", ""), &conflicts).unwrap_err();
        assert_eq!(refused.field, "justification-0");
        let refused = resolutions(&posted("", "", ""), &conflicts).unwrap_err();
        assert_eq!(refused.field, "choice-0");
        let refused = resolutions(&posted("edit", "Hvorfor", "mange"), &conflicts).unwrap_err();
        assert_eq!(refused.field, "value-0");
    }

    #[test]
    fn a_conflict_the_form_did_not_show_means_the_preview_changed() {
        let conflicts = [conflict(
            "risk.b",
            None,
            ConflictKind::ReferencedItemRemoved {
                references: Vec::new(),
            },
        )];
        let refused = resolutions(&posted("take", "", ""), &conflicts).unwrap_err();
        assert_eq!(refused.field, "conflicts");
    }
}
