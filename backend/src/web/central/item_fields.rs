//! The fields of one draft item as its form shows them, both ways, without HTTP or database:
//! an item of the version becomes the form's fields, and the posted fields become the domain's
//! edit (`TemplateEdit`) — for an item being changed (its key kept: renaming a title never
//! breaks adopters) or a new one (its key typed once). The domain validates the result; what
//! is checked here is only what a form cannot say in the domain's types.

use std::collections::BTreeSet;

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::domain::template::{
    DpiaContent, ItemKey, NecessityQuestion, Recommendation, Risk, TemplateContent, TemplateEdit,
    TemplateError,
};
use crate::error::{AppError, AppResult};
use crate::i18n::{text, text_with, Arg, Lang};

/// The fields of an item's form: the stored values, or the person's input after a refusal.
/// One struct for every kind; each kind's form shows its own fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ItemFields {
    /// `RISK`, `RECOMMENDATION`, `NECESSITY_QUESTION`, `PROCESSING_ACTIVITY` or `CLAUSE`.
    pub kind: String,
    /// The key typed for a new item (an existing item's key is in the address).
    pub new_key: String,
    /// Threat, title, question or section.
    pub title: String,
    /// Description, text, central answer or clause text.
    pub description: String,
    pub rationale: String,
    pub likelihood: String,
    pub consequence: String,
    pub obligation: String,
    pub number: String,
    /// The risks a recommendation addresses.
    pub addresses: Vec<String>,
    /// A risk's scope.
    pub scope: String,
    /// A recommendation's scopes.
    pub scopes: Vec<String>,
    pub threat_source: String,
    pub properties: Vec<String>,
    pub measure_kind: String,
    pub principle: String,
    /// An activity's purposes, one per line.
    pub purposes: String,
    pub operations: Vec<String>,
    pub retention: String,
}

/// The kinds a new item can be made of on the draft page: (address segment, item kind).
pub const NEW_KINDS: &[(&str, &str)] = &[
    ("risk", "RISK"),
    ("recommendation", "RECOMMENDATION"),
    ("question", "NECESSITY_QUESTION"),
];

/// The item kind of a "new item" address segment.
pub fn new_kind(segment: &str) -> Option<&'static str> {
    NEW_KINDS
        .iter()
        .find(|(s, _)| *s == segment)
        .map(|(_, kind)| *kind)
}

/// A value's wire name (`HUMAN_ERROR`, `MUST`, …).
pub fn wire<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// A refusal beside `field`, in the reader's words (`key` in the catalogue).
fn refused(lang: Lang, field: &str, key: &str) -> AppError {
    AppError::validation(field, text(lang, key))
}

fn parse_wire<T: DeserializeOwned>(
    lang: Lang,
    value: &str,
    field: &str,
    key: &str,
) -> AppResult<T> {
    serde_json::from_value(serde_json::Value::String(value.trim().to_string()))
        .map_err(|_| refused(lang, field, key))
}

fn parse_set<T: DeserializeOwned + Ord>(
    lang: Lang,
    values: &[String],
    field: &str,
    key: &str,
) -> AppResult<BTreeSet<T>> {
    values
        .iter()
        .map(|v| parse_wire(lang, v, field, key))
        .collect()
}

fn parse_key(lang: Lang, value: &str, field: &str) -> AppResult<ItemKey> {
    ItemKey::parse(value.trim()).map_err(|_| refused(lang, field, "central-refused-key-format"))
}

fn parse_keys(lang: Lang, values: &[String], field: &str) -> AppResult<Vec<ItemKey>> {
    values
        .iter()
        .map(|v| {
            ItemKey::parse(v).map_err(|_| {
                AppError::validation_at(field, v, text(lang, "central-refused-key-format"))
            })
        })
        .collect()
}

fn level(lang: Lang, value: &str, field: &str) -> AppResult<u8> {
    value
        .trim()
        .parse()
        .map_err(|_| refused(lang, field, "central-refused-choose-level"))
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// The stored values of `item` as its form shows them; `None` when the version has no such
/// editable item.
pub fn stored(content: &TemplateContent, item: &str) -> Option<ItemFields> {
    let dpia = match content {
        TemplateContent::Dpia(dpia) => dpia,
        TemplateContent::CodeOfConduct(code) => {
            let c = code.clauses.iter().find(|c| c.key.as_str() == item)?;
            return Some(ItemFields {
                kind: "CLAUSE".into(),
                title: c.section.clone(),
                number: c.number.clone(),
                description: c.text.clone(),
                obligation: wire(&c.obligation),
                ..ItemFields::default()
            });
        }
    };
    if let Some(r) = dpia.risks.iter().find(|r| r.key.as_str() == item) {
        return Some(ItemFields {
            kind: "RISK".into(),
            title: r.threat.clone(),
            description: r.description.clone(),
            rationale: r.rationale.clone(),
            likelihood: r.likelihood.to_string(),
            consequence: r.consequence.to_string(),
            scope: r.scope.to_string(),
            threat_source: wire(&r.threat_source),
            properties: r.affected_properties.iter().map(wire).collect(),
            ..ItemFields::default()
        });
    }
    if let Some(r) = dpia.recommendations.iter().find(|r| r.key.as_str() == item) {
        return Some(ItemFields {
            kind: "RECOMMENDATION".into(),
            title: r.title.clone(),
            description: r.text.clone(),
            obligation: wire(&r.obligation),
            measure_kind: wire(&r.kind),
            scopes: r.scopes.iter().map(ToString::to_string).collect(),
            addresses: r.addresses_risks.iter().map(ToString::to_string).collect(),
            ..ItemFields::default()
        });
    }
    if let Some(q) = dpia
        .necessity_questions
        .iter()
        .find(|q| q.key.as_str() == item)
    {
        return Some(ItemFields {
            kind: "NECESSITY_QUESTION".into(),
            title: q.question.clone(),
            description: q.central_answer.clone().unwrap_or_default(),
            principle: wire(&q.principle),
            ..ItemFields::default()
        });
    }
    let a = dpia.activities.iter().find(|a| a.key.as_str() == item)?;
    Some(ItemFields {
        kind: "PROCESSING_ACTIVITY".into(),
        title: a.title.clone(),
        description: a.description.clone(),
        purposes: a.purposes.join("\n"),
        operations: a.operations.iter().map(wire).collect(),
        retention: a.retention.clone().unwrap_or_default(),
        ..ItemFields::default()
    })
}

/// The empty form of a new item of `kind`, with the first choice of each list preselected
/// where the template offers one.
pub fn blank(content: &TemplateContent, kind: &str) -> ItemFields {
    let first_scope = match content {
        TemplateContent::Dpia(dpia) => dpia.scopes.first().map(|s| s.key.to_string()),
        TemplateContent::CodeOfConduct(_) => None,
    };
    ItemFields {
        kind: kind.to_string(),
        scope: first_scope.clone().unwrap_or_default(),
        scopes: first_scope.into_iter().collect(),
        obligation: "MUST".into(),
        ..ItemFields::default()
    }
}

fn field<'a>(form: &'a [(String, String)], name: &str) -> &'a str {
    form.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

fn all(form: &[(String, String)], name: &str) -> Vec<String> {
    form.iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .collect()
}

/// What the person posted, kept as typed (shown again after a refusal).
pub fn from_form(form: &[(String, String)]) -> ItemFields {
    let text = |name: &str| field(form, name).to_string();
    ItemFields {
        kind: String::new(),
        new_key: text("new_key"),
        title: text("title"),
        description: text("description"),
        rationale: text("rationale"),
        likelihood: text("likelihood"),
        consequence: text("consequence"),
        obligation: text("obligation"),
        number: text("number"),
        addresses: all(form, "addresses"),
        scope: text("scope"),
        scopes: all(form, "scopes"),
        threat_source: text("threat_source"),
        properties: all(form, "properties"),
        measure_kind: text("measure_kind"),
        principle: text("principle"),
        purposes: text("purposes"),
        operations: all(form, "operations"),
        retention: text("retention"),
    }
}

fn risk(lang: Lang, key: ItemKey, input: &ItemFields) -> AppResult<Risk> {
    Ok(Risk {
        key,
        scope: parse_key(lang, &input.scope, "scope")?,
        threat: input.title.trim().to_string(),
        description: input.description.trim().to_string(),
        threat_source: parse_wire(
            lang,
            &input.threat_source,
            "threat_source",
            "central-refused-choose-source",
        )?,
        affected_properties: parse_set(
            lang,
            &input.properties,
            "affected_properties",
            "central-refused-choose-property",
        )?,
        likelihood: level(lang, &input.likelihood, "likelihood")?,
        consequence: level(lang, &input.consequence, "consequence")?,
        rationale: input.rationale.trim().to_string(),
    })
}

fn recommendation(lang: Lang, key: ItemKey, input: &ItemFields) -> AppResult<Recommendation> {
    Ok(Recommendation {
        key,
        scopes: parse_keys(lang, &input.scopes, "scopes")?,
        title: input.title.trim().to_string(),
        text: input.description.trim().to_string(),
        kind: parse_wire(
            lang,
            &input.measure_kind,
            "kind",
            "central-refused-choose-kind",
        )?,
        obligation: parse_wire(
            lang,
            &input.obligation,
            "obligation",
            "central-refused-choose-obligation",
        )?,
        addresses_risks: parse_keys(lang, &input.addresses, "addresses_risks")?,
    })
}

fn question(lang: Lang, key: ItemKey, input: &ItemFields) -> AppResult<NecessityQuestion> {
    let answer = input.description.trim();
    Ok(NecessityQuestion {
        key,
        principle: parse_wire(
            lang,
            &input.principle,
            "principle",
            "central-refused-choose-principle",
        )?,
        question: input.title.trim().to_string(),
        central_answer: (!answer.is_empty()).then(|| answer.to_string()),
    })
}

/// Whether any item of the version already has `key` (a new item may not take it: an upsert
/// would silently replace the other item).
fn key_in_use(content: &TemplateContent, key: &ItemKey) -> bool {
    content.items().iter().any(|item| &item.key == key)
}

/// The edit a new item's form asks for; its key must be new in the version.
pub fn new_item(
    lang: Lang,
    content: &TemplateContent,
    kind: &str,
    input: &ItemFields,
) -> AppResult<TemplateEdit> {
    let key = parse_key(lang, &input.new_key, "key")?;
    if key_in_use(content, &key) {
        return Err(AppError::validation(
            "key",
            text_with(
                lang,
                "central-refused-key-in-use",
                &[("key", Arg::Text(key.as_str()))],
            ),
        ));
    }
    match kind {
        "RISK" => Ok(TemplateEdit::UpsertRisk(risk(lang, key, input)?)),
        "RECOMMENDATION" => Ok(TemplateEdit::UpsertRecommendation(recommendation(
            lang, key, input,
        )?)),
        "NECESSITY_QUESTION" => Ok(TemplateEdit::UpsertNecessityQuestion(question(
            lang, key, input,
        )?)),
        _ => Err(AppError::not_found("item kind")),
    }
}

/// The edit an existing item's form asks for: the item with the form's fields, its key kept.
pub fn changed_item(
    lang: Lang,
    content: &TemplateContent,
    item: &str,
    input: &ItemFields,
) -> AppResult<TemplateEdit> {
    let dpia: &DpiaContent = match content {
        TemplateContent::Dpia(dpia) => dpia,
        TemplateContent::CodeOfConduct(code) => {
            let c = code
                .clauses
                .iter()
                .find(|c| c.key.as_str() == item)
                .ok_or(AppError::not_found("item"))?;
            let mut clause = c.clone();
            clause.section = input.title.trim().to_string();
            clause.number = input.number.trim().to_string();
            clause.text = input.description.trim().to_string();
            clause.obligation = parse_wire(
                lang,
                &input.obligation,
                "obligation",
                "central-refused-choose-obligation",
            )?;
            return Ok(TemplateEdit::UpsertClause(clause));
        }
    };
    if let Some(r) = dpia.risks.iter().find(|r| r.key.as_str() == item) {
        return Ok(TemplateEdit::UpsertRisk(risk(lang, r.key.clone(), input)?));
    }
    if let Some(r) = dpia.recommendations.iter().find(|r| r.key.as_str() == item) {
        return Ok(TemplateEdit::UpsertRecommendation(recommendation(
            lang,
            r.key.clone(),
            input,
        )?));
    }
    if let Some(q) = dpia
        .necessity_questions
        .iter()
        .find(|q| q.key.as_str() == item)
    {
        return Ok(TemplateEdit::UpsertNecessityQuestion(question(
            lang,
            q.key.clone(),
            input,
        )?));
    }
    if let Some(a) = dpia.activities.iter().find(|a| a.key.as_str() == item) {
        // The activity's nested items (subjects, data, recipients, legal bases) keep their
        // own keys and values; the form changes the activity's own fields.
        let mut activity = a.clone();
        activity.title = input.title.trim().to_string();
        activity.description = input.description.trim().to_string();
        activity.purposes = lines(&input.purposes);
        activity.operations = parse_set(
            lang,
            &input.operations,
            "operations",
            "central-refused-choose-operation",
        )?;
        let retention = input.retention.trim();
        activity.retention = (!retention.is_empty()).then(|| retention.to_string());
        return Ok(TemplateEdit::UpsertActivity(activity));
    }
    Err(AppError::not_found("item"))
}

/// The domain's refusal of an edit in the reader's words, beside the field it names. The
/// refusals a form can cause have their own sentence; any other keeps the domain's words.
pub fn template_refusal(lang: Lang, error: &TemplateError) -> AppError {
    let message = match error {
        TemplateError::EmptyText { .. } => text(lang, "central-refused-empty-text"),
        TemplateError::EmptyList { .. } => text(lang, "central-refused-empty-list"),
        TemplateError::OutOfScale { value, max, .. } => text_with(
            lang,
            "central-refused-out-of-scale",
            &[
                ("value", Arg::Number(i64::from(*value))),
                ("max", Arg::Number(i64::from(*max))),
            ],
        ),
        TemplateError::DanglingReference { target, .. } => text_with(
            lang,
            "central-refused-dangling",
            &[("target", Arg::Text(target))],
        ),
        TemplateError::DuplicateKey { item_key, .. }
        | TemplateError::ReservedKey { item_key, .. } => text_with(
            lang,
            "central-refused-key-in-use",
            &[("key", Arg::Text(item_key))],
        ),
        other => other.to_string(),
    };
    match error.item_key() {
        Some(key) => AppError::validation_at(error.field(), key, message),
        None => AppError::validation(error.field(), message),
    }
}

/// Which form field a domain refusal belongs beside.
pub fn form_field(field: &str) -> String {
    match field {
        "threat" | "section" | "question" => "title",
        "text" | "central_answer" => "description",
        "addresses_risks" | "addressesRisks" => "addresses",
        "affected_properties" => "properties",
        "kind" => "measure_kind",
        "key" => "new_key",
        other => other,
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::template::apply_edit;

    fn school() -> TemplateContent {
        let text = include_str!("../../../demo/school-platform-v2.json");
        crate::domain::interchange::parse(text.as_bytes())
            .expect("the demo template parses")
            .content
    }

    fn pairs(fields: &[(&str, &str)]) -> Vec<(String, String)> {
        fields
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_stored_risk_round_trips_through_its_form_unchanged() {
        let content = school();
        let TemplateContent::Dpia(dpia) = &content else {
            panic!("a DPIA template")
        };
        let original = dpia.risks[0].clone();
        let fields = stored(&content, original.key.as_str()).expect("the risk");
        let TemplateEdit::UpsertRisk(again) =
            changed_item(Lang::En, &content, original.key.as_str(), &fields).expect("an edit")
        else {
            panic!("a risk edit")
        };
        assert_eq!(again, original);
    }

    #[test]
    fn every_kind_round_trips_through_its_form_and_the_domain_accepts_the_unchanged_edit() {
        let content = school();
        let TemplateContent::Dpia(dpia) = &content else {
            panic!("a DPIA template")
        };
        let keys = [
            dpia.activities[0].key.to_string(),
            dpia.necessity_questions[0].key.to_string(),
            dpia.recommendations[0].key.to_string(),
        ];
        for key in keys {
            let fields = stored(&content, &key).expect("stored");
            let edit = changed_item(Lang::En, &content, &key, &fields).expect("edit");
            let edited = apply_edit(&content, edit).expect("valid");
            assert_eq!(edited, content, "{key}: an unchanged form changes nothing");
        }
    }

    #[test]
    fn a_new_question_takes_its_typed_key_and_a_key_in_use_is_refused_beside_the_key() {
        let content = school();
        let mut input = from_form(&pairs(&[
            ("new_key", "necessity.local-retention"),
            ("title", "Er opbevaringsperioden fastsat?"),
            ("principle", "STORAGE_LIMITATION"),
            ("description", ""),
        ]));
        input.kind = "NECESSITY_QUESTION".into();
        let edit = new_item(Lang::Da, &content, "NECESSITY_QUESTION", &input).expect("edit");
        let edited = apply_edit(&content, edit).expect("valid");
        let TemplateContent::Dpia(dpia) = &edited else {
            panic!()
        };
        let q = dpia
            .necessity_questions
            .iter()
            .find(|q| q.key.as_str() == "necessity.local-retention")
            .expect("added");
        assert_eq!(
            q.central_answer, None,
            "an empty answer is left to adopters"
        );

        let TemplateContent::Dpia(before) = &content else {
            panic!()
        };
        input.new_key = before.risks[0].key.to_string();
        let refused = new_item(Lang::Da, &content, "NECESSITY_QUESTION", &input).unwrap_err();
        assert!(
            matches!(&refused, AppError::Validation { field, .. } if form_field(field) == "new_key"),
            "{refused:?}"
        );
    }

    #[test]
    fn an_unknown_choice_is_refused_naming_its_field() {
        let content = school();
        let mut input = from_form(&pairs(&[
            ("new_key", "risk.new"),
            ("title", "Ny trussel"),
            ("scope", "module.messages"),
            ("threat_source", "GREMLINS"),
            ("likelihood", "2"),
            ("consequence", "2"),
        ]));
        input.kind = "RISK".into();
        let refused = new_item(Lang::Da, &content, "RISK", &input).unwrap_err();
        assert!(
            matches!(&refused, AppError::Validation { field, message, .. }
                if field == "threat_source" && message == "Vælg, hvor truslen kommer fra."),
            "{refused:?}"
        );
    }
}
