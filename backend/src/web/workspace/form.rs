//! Pure form handling of the workspace (no HTTP, no database): what a person typed into an
//! item's form becomes domain commands, and a refused write is mapped back to the field it
//! names. Several fields changed in one form are one batch, so one transaction and one version
//! check (`store::assessments::apply_commands`).

use serde_json::Value;

use crate::domain::assessment::{
    AssessmentCommand, Completion, NotApplicable, Override, RiskTreatment, TreatmentDecision,
};
use crate::domain::template::ItemKey;
use crate::error::AppError;

/// What a person asks for with one field of an item's form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldAction {
    /// Replace the central value (an override, justification required).
    Override,
    /// Fill in a field the template leaves to the adopter.
    Complete,
    /// Go back to the central value.
    Revert,
}

impl FieldAction {
    pub fn parse(text: &str) -> Option<FieldAction> {
        match text {
            "override" => Some(FieldAction::Override),
            "complete" => Some(FieldAction::Complete),
            "revert" => Some(FieldAction::Revert),
            _ => None,
        }
    }
}

/// One field's edit as posted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldEdit {
    pub field: String,
    pub action: FieldAction,
    /// The text typed, read in the shape of the field's current value.
    pub value: String,
    pub justification: String,
}

/// A form field the domain refused, with the person's message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The form field to show the message beside (`value`, `justification`, …).
    pub field: String,
    pub message: String,
}

/// Reads `text` in the JSON shape of `current` (the field's effective value): a number stays
/// a number, a yes/no a boolean, a list one entry per line; a field with no value yet takes a
/// number when the text is one, else the text.
pub fn parse_value(current: &Value, text: &str) -> Result<Value, String> {
    let trimmed = text.trim();
    match current {
        Value::Number(_) => trimmed
            .parse::<i64>()
            .map(Value::from)
            .map_err(|_| "not-a-number".to_owned()),
        Value::Bool(_) => parse_bool(trimmed).ok_or_else(|| "not-yes-no".to_owned()),
        Value::Array(_) => Ok(Value::Array(
            (text.lines())
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|l| Value::String(l.to_owned()))
                .collect(),
        )),
        Value::Null => Ok(match (trimmed.parse::<i64>(), parse_bool(trimmed)) {
            (Ok(n), _) => Value::from(n),
            (_, Some(b)) => b,
            _ if trimmed.is_empty() => Value::Null,
            _ => Value::String(trimmed.to_owned()),
        }),
        Value::String(_) | Value::Object(_) => Ok(Value::String(trimmed.to_owned())),
    }
}

fn parse_bool(text: &str) -> Option<Value> {
    match text.to_lowercase().as_str() {
        "ja" | "yes" | "true" => Some(Value::Bool(true)),
        "nej" | "no" | "false" => Some(Value::Bool(false)),
        _ => None,
    }
}

/// The text a form shows for a value (the inverse of [`parse_value`]).
pub fn value_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(value_text).collect::<Vec<_>>().join("\n"),
        other => other.to_string(),
    }
}

/// The commands of one posted item form: one per edited field, in the order given.
pub fn commands_for(
    item_key: &ItemKey,
    edits: &[(FieldEdit, Value)],
) -> Result<Vec<AssessmentCommand>, FieldError> {
    edits
        .iter()
        .map(|(edit, current)| {
            let field = edit.field.clone();
            Ok(match edit.action {
                FieldAction::Revert => AssessmentCommand::ClearOverride {
                    item_key: item_key.clone(),
                    field,
                },
                FieldAction::Override => AssessmentCommand::SetOverride(Override {
                    item_key: item_key.clone(),
                    field,
                    value: parse_value(current, &edit.value).map_err(|message| FieldError {
                        field: "value".into(),
                        message,
                    })?,
                    justification: edit.justification.trim().to_owned(),
                }),
                FieldAction::Complete => AssessmentCommand::Complete(Completion {
                    item_key: item_key.clone(),
                    field,
                    value: parse_value(current, &edit.value).map_err(|message| FieldError {
                        field: "value".into(),
                        message,
                    })?,
                }),
            })
        })
        .collect()
}

/// Marking an item not relevant for the local processing, with the reason.
pub fn not_applicable(item_key: &ItemKey, reason: &str) -> AssessmentCommand {
    AssessmentCommand::MarkNotApplicable(NotApplicable {
        item_key: item_key.clone(),
        justification: reason.trim().to_owned(),
    })
}

/// The treatment form of a risk (decision, explicit residual rating, linked measures through
/// the measures themselves, rationale, who accepted).
pub struct TreatmentForm<'a> {
    pub decision: &'a str,
    pub residual_likelihood: &'a str,
    pub residual_consequence: &'a str,
    pub rationale: &'a str,
    pub accepted_by: &'a str,
    /// `YYYY-MM-DD` (a date input), or empty.
    pub accepted_on: &'a str,
}

pub fn treatment(
    risk_key: &ItemKey,
    form: &TreatmentForm<'_>,
) -> Result<AssessmentCommand, FieldError> {
    let decision: TreatmentDecision =
        serde_json::from_value(Value::String(form.decision.to_owned())).map_err(|_| {
            FieldError {
                field: "decision".into(),
                message: "choose-decision".into(),
            }
        })?;
    let level = |field: &str, text: &str| {
        text.trim().parse::<u8>().map_err(|_| FieldError {
            field: field.to_owned(),
            message: "choose-level".into(),
        })
    };
    let accepted_by = Some(form.accepted_by.trim().to_owned()).filter(|a| !a.is_empty());
    let accepted_on = match form.accepted_on.trim() {
        "" => None,
        text => Some(
            chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| FieldError {
                field: "accepted_on".into(),
                message: "not-a-date".into(),
            })?,
        ),
    };
    let treatment = serde_json::json!({
        "risk_key": risk_key,
        "decision": decision,
        "residual_likelihood": level("residual_likelihood", form.residual_likelihood)?,
        "residual_consequence": level("residual_consequence", form.residual_consequence)?,
        "rationale": form.rationale.trim(),
        "accepted_by": accepted_by,
        "accepted_on": accepted_on,
    });
    let treatment: RiskTreatment = serde_json::from_value(treatment).map_err(|e| FieldError {
        field: "decision".into(),
        message: e.to_string(),
    })?;
    Ok(AssessmentCommand::SetTreatment(treatment))
}

/// The form field a refused write names. The domain names the item's field (`value` of an
/// override is the `value` box; its justification the `justification` box); anything it does
/// not name is shown at the top of the form.
pub fn field_of(error: &AppError) -> Option<FieldError> {
    let error = match error {
        AppError::InCommand { error, .. } => error.as_ref(),
        other => other,
    };
    let AppError::Validation { field, message, .. } = error else {
        return None;
    };
    // SPEC §3: every override needs a justification; the domain names the item's field, the
    // form shows the refusal beside the justification box, in the reader's words.
    if message.contains("needs a justification") {
        return Some(FieldError {
            field: "justification".into(),
            message: "ws-justification-required".into(),
        });
    }
    let form_field = match field.as_str() {
        "justification" | "reason" => "justification",
        "decision" | "rationale" | "accepted_by" | "accepted_on" => field.as_str(),
        "residual_likelihood" | "residual_consequence" => field.as_str(),
        _ => "value",
    };
    Some(FieldError {
        field: form_field.to_owned(),
        message: message.clone(),
    })
}

/// Whether a refused write means someone else wrote first: the form is stale, and the page
/// shows the person's input beside the current values.
pub fn is_stale(error: &AppError) -> bool {
    matches!(error, AppError::Conflict(_))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn key(text: &str) -> ItemKey {
        ItemKey::parse(text).expect("a test key")
    }

    fn edit(field: &str, action: FieldAction, value: &str, why: &str) -> FieldEdit {
        FieldEdit {
            field: field.into(),
            action,
            value: value.into(),
            justification: why.into(),
        }
    }

    #[test]
    fn a_typed_value_keeps_the_shape_of_the_current_one() {
        assert_eq!(parse_value(&json!(3), " 4 "), Ok(json!(4)));
        assert_eq!(parse_value(&json!(3), "fire"), Err("not-a-number".into()));
        assert_eq!(parse_value(&json!(null), "5000"), Ok(json!(5000)));
        assert_eq!(parse_value(&json!(null), "Ja"), Ok(json!(true)));
        assert_eq!(parse_value(&json!(false), "nej"), Ok(json!(false)));
        assert_eq!(
            parse_value(&json!(["a"]), "indsamling\n\n registrering \n"),
            Ok(json!(["indsamling", "registrering"]))
        );
        assert_eq!(
            parse_value(&json!("x"), "  ny tekst "),
            Ok(json!("ny tekst"))
        );
        assert_eq!(value_text(&json!(["a", "b"])), "a\nb");
    }

    #[test]
    fn several_fields_of_one_form_become_one_batch_in_order() {
        let item = key("risk.messages.misdirected");
        let commands = commands_for(
            &item,
            &[
                (
                    edit(
                        "likelihood",
                        FieldAction::Override,
                        "2",
                        "Modtagerbekræftelse",
                    ),
                    json!(4),
                ),
                (edit("threat", FieldAction::Revert, "", ""), json!("x")),
            ],
        )
        .expect("valid");
        assert_eq!(commands.len(), 2);
        assert!(matches!(&commands[0], AssessmentCommand::SetOverride(o)
            if o.field == "likelihood" && o.value == json!(2) && o.justification == "Modtagerbekræftelse"));
        assert!(
            matches!(&commands[1], AssessmentCommand::ClearOverride { field, .. } if field == "threat")
        );
    }

    #[test]
    fn a_value_of_the_wrong_shape_is_refused_beside_the_value() {
        let error = commands_for(
            &key("operation.subjects.pupils"),
            &[(edit("count", FieldAction::Complete, "mange", ""), json!(1))],
        )
        .unwrap_err();
        assert_eq!(error.field, "value");
    }

    #[test]
    fn a_refused_write_is_shown_beside_the_field_it_names() {
        let missing = AppError::Validation {
            field: "threat".into(),
            item_key: Some("risk.messages.misdirected".into()),
            message:
                "`risk.messages.misdirected`: `threat` needs a justification that is not empty"
                    .into(),
        };
        assert_eq!(
            field_of(&missing.in_command(0)),
            Some(FieldError {
                field: "justification".into(),
                message: "ws-justification-required".into()
            })
        );
        let value = AppError::validation("likelihood", "outside the scale");
        assert_eq!(field_of(&value).map(|e| e.field), Some("value".into()));
        assert_eq!(field_of(&AppError::Conflict("stale".into())), None);
        assert!(is_stale(&AppError::Conflict("stale".into())));
    }

    #[test]
    fn the_treatment_form_states_the_residual_rating_explicitly() {
        let form = TreatmentForm {
            decision: "REDUCE",
            residual_likelihood: "2",
            residual_consequence: "4",
            rationale: "Modtagerbekræftelse og undervisning",
            accepted_by: "Direktionen",
            accepted_on: "2026-11-20",
        };
        let command = treatment(&key("risk.messages.misdirected"), &form).expect("valid");
        assert!(matches!(command, AssessmentCommand::SetTreatment(ref t)
            if t.residual_likelihood == 2 && t.residual_consequence == 4));
        let bad = TreatmentForm {
            decision: "MAYBE",
            ..form
        };
        assert_eq!(
            treatment(&key("risk.x"), &bad).unwrap_err().field,
            "decision"
        );
    }
}
