//! The workspace's view models (pure): an item of the effective assessment as the form shows
//! it — every field with its value, its provenance said in words, the central value and the
//! justification when it was changed — and the findings grouped by severity.

use serde::Serialize;
use serde_json::Value;

use crate::domain::assessment::{
    EffectiveAssessment, EffectiveItem, FieldDeparture, ItemProvenance, Provenance,
};
use crate::domain::checks::{Finding, Severity};

use super::form::value_text;

/// One field of an item.
#[derive(Debug, Serialize)]
pub struct FieldRow {
    pub name: String,
    pub value: String,
    /// `inherited`, `overridden`, `local` or `not-applicable`: the catalogue key's tail.
    pub provenance: &'static str,
    pub central: Option<String>,
    pub justification: Option<String>,
    /// Whether a person may type a value (scalars and lists of text).
    pub editable: bool,
}

/// An item of the assessment with its fields.
#[derive(Debug, Serialize)]
pub struct ItemView {
    pub key: String,
    pub title: String,
    /// `scope`, `activity`, `subject`, `data`, `recipient`, `question`, `risk`, `recommendation`.
    pub kind: &'static str,
    pub provenance: &'static str,
    pub not_applicable_reason: Option<String>,
    pub fields: Vec<FieldRow>,
    #[serde(skip)]
    pub values: serde_json::Map<String, Value>,
}

fn item_provenance(p: &ItemProvenance) -> (&'static str, Option<String>) {
    match p {
        ItemProvenance::Inherited => ("inherited", None),
        ItemProvenance::Overridden => ("overridden", None),
        ItemProvenance::Local => ("local", None),
        ItemProvenance::NotApplicable { justification } => {
            ("not-applicable", Some(justification.clone()))
        }
    }
}

fn rows(
    value: &Value,
    provenance: &ItemProvenance,
    departures: &[FieldDeparture],
) -> (Vec<FieldRow>, serde_json::Map<String, Value>) {
    let Value::Object(map) = value else {
        return (Vec::new(), serde_json::Map::new());
    };
    let mut out = Vec::new();
    for (name, v) in map {
        if name == "key" {
            continue;
        }
        let editable = match v {
            Value::Array(items) => items.iter().all(|i| i.is_string()),
            Value::Object(_) => false,
            _ => true,
        };
        let departure = departures.iter().find(|d| &d.field == name);
        let (provenance, central, justification) = match departure.map(|d| &d.provenance) {
            Some(Provenance::Overridden {
                central,
                justification,
                ..
            }) => (
                "overridden",
                Some(value_text(central)),
                Some(justification.clone()),
            ),
            Some(_) => ("local", None, None),
            None => (item_provenance(provenance).0, None, None),
        };
        let provenance = if provenance == "overridden" && departure.is_none() {
            "inherited"
        } else {
            provenance
        };
        out.push(FieldRow {
            name: name.clone(),
            value: value_text(departure.map_or(v, |d| &d.value)),
            provenance,
            central,
            justification,
            editable,
        });
    }
    (out, map.clone())
}

fn of<T: Serialize>(kind: &'static str, title: String, item: &EffectiveItem<T>) -> ItemView {
    let value = serde_json::to_value(&item.value).unwrap_or(Value::Null);
    let (fields, values) = rows(&value, &item.provenance, &item.departures);
    let (provenance, reason) = item_provenance(&item.provenance);
    ItemView {
        key: item.key.to_string(),
        title,
        kind,
        provenance,
        not_applicable_reason: reason,
        fields,
        values,
    }
}

/// The item `key` of the assessment, wherever it sits.
pub fn find_item(effective: &EffectiveAssessment, key: &str) -> Option<ItemView> {
    for s in &effective.scopes {
        if s.key.as_str() == key {
            return Some(of("scope", s.value.title.clone(), s));
        }
    }
    for a in &effective.activities {
        if a.activity.key.as_str() == key {
            return Some(of("activity", a.activity.value.title.clone(), &a.activity));
        }
        for c in &a.data_subject_categories {
            if c.key.as_str() == key {
                return Some(of("subject", c.value.name.clone(), c));
            }
        }
        for c in &a.data_categories {
            if c.key.as_str() == key {
                return Some(of("data", c.value.description.clone(), c));
            }
        }
        for r in &a.recipients {
            if r.key.as_str() == key {
                return Some(of("recipient", r.value.name.clone(), r));
            }
        }
    }
    for q in &effective.necessity_questions {
        if q.key.as_str() == key {
            return Some(of("question", q.value.question.clone(), q));
        }
    }
    for r in &effective.risks {
        if r.key.as_str() == key {
            let mut value = serde_json::to_value(&r.risk).unwrap_or(Value::Null);
            if let Value::Object(map) = &mut value {
                map.insert("likelihood".into(), Value::from(r.likelihood.value));
                map.insert("consequence".into(), Value::from(r.consequence.value));
            }
            let (fields, values) = rows(&value, &r.provenance, &r.departures);
            let (provenance, reason) = item_provenance(&r.provenance);
            return Some(ItemView {
                key: r.key.to_string(),
                title: r.risk.threat.clone(),
                kind: "risk",
                provenance,
                not_applicable_reason: reason,
                fields,
                values,
            });
        }
    }
    for r in &effective.recommendations {
        if r.recommendation.key.as_str() == key {
            let title = r.recommendation.value.title.clone();
            return Some(of("recommendation", title, &r.recommendation));
        }
    }
    None
}

/// A line of the workspace's outline: an item, its provenance, where to edit it.
#[derive(Debug, Serialize)]
pub struct OutlineRow {
    pub key: String,
    pub title: String,
    pub provenance: &'static str,
    pub detail: String,
}

/// The workspace following Art. 35(7)(a)–(d).
#[derive(Debug, Serialize)]
pub struct Outline {
    pub description: Vec<OutlineRow>,
    pub necessity: Vec<OutlineRow>,
    pub risks: Vec<OutlineRow>,
    pub recommendations: Vec<OutlineRow>,
}

fn row<T>(item: &EffectiveItem<T>, title: String, detail: String) -> OutlineRow {
    OutlineRow {
        key: item.key.to_string(),
        title,
        provenance: item_provenance(&item.provenance).0,
        detail,
    }
}

pub fn outline(effective: &EffectiveAssessment) -> Outline {
    let mut description = Vec::new();
    for a in &effective.activities {
        description.push(row(
            &a.activity,
            a.activity.value.title.clone(),
            String::new(),
        ));
        for c in &a.data_subject_categories {
            let count = c.value.count.map(|n| n.to_string()).unwrap_or_default();
            description.push(row(c, c.value.name.clone(), count));
        }
        for r in &a.recipients {
            description.push(row(r, r.value.name.clone(), String::new()));
        }
    }
    Outline {
        description,
        necessity: (effective.necessity_questions.iter())
            .map(|q| row(q, q.value.question.clone(), String::new()))
            .collect(),
        risks: (effective.risks.iter())
            .map(|r| OutlineRow {
                key: r.key.to_string(),
                title: r.risk.threat.clone(),
                provenance: item_provenance(&r.provenance).0,
                detail: format!("{:?} → {:?}", r.inherent_level, r.residual_level).to_uppercase(),
            })
            .collect(),
        recommendations: (effective.recommendations.iter())
            .map(|r| {
                row(
                    &r.recommendation,
                    r.recommendation.value.title.clone(),
                    r.status.as_str().to_owned(),
                )
            })
            .collect(),
    }
}

/// One finding as the findings page shows it.
#[derive(Debug, Serialize)]
pub struct FindingRow {
    pub rule_id: &'static str,
    pub legal_reference: &'static str,
    pub items: Vec<String>,
    /// `(key, screen)`: the most specific form to fix each item in, at
    /// `/assessments/{id}/{screen}/{key}`.
    pub links: Vec<(String, &'static str)>,
    pub message: String,
}

/// Where a finding's item is fixed: a risk's treatment form, a recommendation's answer form,
/// a measure's form, else the item form (a risk marked not relevant is fixed there).
pub fn fix_screen(effective: &EffectiveAssessment, rule_id: &str, key: &str) -> &'static str {
    if rule_id == "A35_7C_INCIDENT_ON_NOT_APPLICABLE_RISK" {
        "items"
    } else if effective.risk(key).is_some() {
        "risks"
    } else if effective.recommendation(key).is_some() {
        "recommendations"
    } else if effective.measures.iter().any(|m| m.key.as_str() == key) {
        "measures"
    } else {
        "items"
    }
}

/// Findings of one severity.
#[derive(Debug, Serialize)]
pub struct FindingGroup {
    pub severity: &'static str,
    pub findings: Vec<FindingRow>,
}

/// Errors first (they refuse approval), then warnings, then information; empty groups left out.
pub fn findings(findings: &[Finding], effective: &EffectiveAssessment) -> Vec<FindingGroup> {
    [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .map(|severity| FindingGroup {
            severity: severity.as_str(),
            findings: (findings.iter())
                .filter(|f| f.severity == severity)
                .map(|f| FindingRow {
                    rule_id: f.rule_id,
                    legal_reference: f.legal_reference,
                    items: f.item_keys.clone(),
                    links: (f.item_keys.iter())
                        .map(|k| (k.clone(), fix_screen(effective, f.rule_id, k)))
                        .collect(),
                    message: f.message.clone(),
                })
                .collect(),
        })
        .filter(|g| !g.findings.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::assessment::{effective, LocalChanges};
    use crate::domain::interchange::parse;
    use crate::domain::template::TemplateContent;

    fn demo() -> EffectiveAssessment {
        let document = parse(include_bytes!("../../../demo/school-platform-v1.json")).unwrap();
        let TemplateContent::Dpia(base) = document.content else {
            panic!("a DPIA")
        };
        effective(&base, &LocalChanges::default())
    }

    #[test]
    fn every_field_of_an_inherited_risk_reads_inherited() {
        let item = find_item(&demo(), "risk.messages.misdirected").expect("the risk");
        assert_eq!(item.kind, "risk");
        assert_eq!(item.provenance, "inherited");
        let likelihood = item.fields.iter().find(|f| f.name == "likelihood").unwrap();
        assert_eq!(
            (likelihood.value.as_str(), likelihood.provenance),
            ("4", "inherited")
        );
        assert!(item.fields.iter().all(|f| f.central.is_none()));
    }

    #[test]
    fn nested_items_and_unknown_keys() {
        let effective = demo();
        assert_eq!(
            find_item(&effective, "operation.subjects.pupils").map(|i| i.kind),
            Some("subject")
        );
        assert!(find_item(&effective, "no.such.key").is_none());
        let outline = outline(&effective);
        assert_eq!(outline.risks.len(), 34);
    }
}
