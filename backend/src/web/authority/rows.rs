//! The departures of an assessment from its base (the domain's `diff_against_base`, SPEC §4),
//! turned into the rows of the review page: grouped as lowered, changed, not relevant,
//! unanswered and local additions first (what a case officer looks for), then the answers to
//! recommendations, the risk treatments and the fields completed where the template left them
//! to the adopter (normal work, kept apart so they do not hide the departures), each with the
//! central value, the local value and the justification side by side.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::Value;

use crate::domain::assessment::{Change, Departure};
use crate::domain::template::{DpiaContent, TemplateContent};

/// The groups, in the order the page shows them.
pub const GROUPS: &[&str] = &[
    "lowered",
    "changed",
    "not-relevant",
    "unanswered",
    "added",
    "answered",
    "treated",
    "completed",
];

#[derive(Clone, Debug, Serialize)]
pub struct Row {
    pub group: &'static str,
    pub item_key: String,
    pub item_kind: String,
    pub title: String,
    pub field: Option<String>,
    pub central: Option<String>,
    pub local: Option<String>,
    pub justification: Option<String>,
    pub levels: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Group {
    pub name: &'static str,
    pub rows: Vec<Row>,
}

/// A value as a person reads it: text as it is, anything else as compact JSON.
pub fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        Value::Array(items) => items.iter().map(shown).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

fn wire<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The readable name of each item of a template version, by key.
pub fn titles(base: &DpiaContent) -> HashMap<String, String> {
    TemplateContent::Dpia(base.clone())
        .items()
        .into_iter()
        .map(|item| {
            let title = ["title", "threat", "name", "question", "label", "text"]
                .iter()
                .find_map(|f| item.value.get(*f).and_then(Value::as_str))
                .unwrap_or(item.key.as_str())
                .to_string();
            (item.key.to_string(), title)
        })
        .collect()
}

fn row(d: &Departure, titles: &HashMap<String, String>) -> Row {
    let key = d.item_key.to_string();
    let mut row = Row {
        group: "changed",
        title: titles.get(&key).cloned().unwrap_or_else(|| key.clone()),
        item_key: key,
        item_kind: d.item_kind.as_str().to_string(),
        field: None,
        central: None,
        local: None,
        justification: None,
        levels: d.levels.iter().map(wire).collect(),
    };
    match &d.change {
        Change::Overridden {
            field,
            central,
            local,
            justification,
            ..
        } => {
            row.group = if d.change.is_lowering() {
                "lowered"
            } else {
                "changed"
            };
            row.field = Some(field.clone());
            row.central = Some(shown(central));
            row.local = Some(shown(local));
            row.justification = Some(justification.clone());
        }
        Change::Completed { field, value } => {
            row.group = "completed";
            row.field = Some(field.clone());
            row.local = Some(shown(value));
        }
        Change::Added => row.group = "added",
        Change::NotApplicable { justification } => {
            row.group = "not-relevant";
            row.justification = Some(justification.clone());
        }
        Change::Answered {
            status,
            justification,
        } => {
            row.group = "answered";
            row.field = Some("response".into());
            row.local = Some(wire(status));
            row.justification = justification.clone();
        }
        Change::Unaddressed => {
            row.group = "unanswered";
            row.field = Some("response".into());
            row.local = Some("UNADDRESSED".into());
        }
        Change::ResidualDiffers {
            decision,
            inherent,
            residual,
        } => {
            row.group = "treated";
            row.field = Some("residual".into());
            row.central = Some(wire(inherent));
            row.local = Some(wire(residual));
            row.justification = Some(wire(decision));
        }
    }
    row
}

/// The departures as grouped rows (empty groups kept, so the page can say "none").
pub fn grouped(departures: &[Departure], titles: &HashMap<String, String>) -> Vec<Group> {
    let rows: Vec<Row> = departures.iter().map(|d| row(d, titles)).collect();
    GROUPS
        .iter()
        .map(|name| Group {
            name,
            rows: rows.iter().filter(|r| r.group == *name).cloned().collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::assessment::{Direction, ResponseStatus, TreatmentDecision};
    use crate::domain::risk_model::RiskLevel;
    use crate::domain::template::{ItemKey, ItemKind};
    use serde_json::json;

    fn departure(key: &str, kind: ItemKind, change: Change) -> Departure {
        Departure {
            item_key: ItemKey::parse(key).expect("key"),
            item_kind: kind,
            scopes: Vec::new(),
            levels: Vec::new(),
            change,
        }
    }

    #[test]
    fn normal_work_is_kept_apart_from_the_departures_a_case_officer_looks_for() {
        let departures = [
            departure(
                "risk.a",
                ItemKind::Risk,
                Change::Overridden {
                    field: "likelihood".into(),
                    central: json!(3),
                    local: json!(1),
                    justification: "fewer users".into(),
                    direction: Direction::Lowered,
                },
            ),
            departure(
                "activity.a",
                ItemKind::ProcessingActivity,
                Change::Overridden {
                    field: "purpose".into(),
                    central: json!("x"),
                    local: json!("y"),
                    justification: "local purpose".into(),
                    direction: Direction::Changed,
                },
            ),
            departure(
                "subjects.a",
                ItemKind::DataSubjectCategory,
                Change::Completed {
                    field: "count".into(),
                    value: json!(1200),
                },
            ),
            departure(
                "rec.a",
                ItemKind::Recommendation,
                Change::Answered {
                    status: ResponseStatus::Implemented,
                    justification: None,
                },
            ),
            departure(
                "risk.b",
                ItemKind::Risk,
                Change::ResidualDiffers {
                    decision: TreatmentDecision::Reduce,
                    inherent: RiskLevel::High,
                    residual: RiskLevel::Low,
                },
            ),
            departure("rec.b", ItemKind::Recommendation, Change::Unaddressed),
        ];
        let groups = grouped(&departures, &HashMap::new());
        let keys = |name: &str| -> Vec<String> {
            groups
                .iter()
                .find(|g| g.name == name)
                .expect("group")
                .rows
                .iter()
                .map(|r| r.item_key.clone())
                .collect()
        };
        assert_eq!(keys("lowered"), ["risk.a"]);
        assert_eq!(keys("changed"), ["activity.a"], "only real overrides");
        assert_eq!(keys("completed"), ["subjects.a"]);
        assert_eq!(keys("answered"), ["rec.a"]);
        assert_eq!(keys("treated"), ["risk.b"]);
        assert_eq!(keys("unanswered"), ["rec.b"]);
        assert_eq!(groups.len(), GROUPS.len(), "empty groups are kept");
    }
}
