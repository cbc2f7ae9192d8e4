//! The checked-in JSON Schema (`docs/template-format.schema.json`) is hand-written, so this
//! test keeps it honest: the demo documents, as rendered by [`super::render`], must conform
//! to it, and documents the parser refuses for shape reasons must not. The checker below
//! understands exactly the schema keywords that file uses.

use serde_json::{json, Value};

use super::{parse, render};

const SCHEMA: &str = include_str!("../../../../docs/template-format.schema.json");
const V1: &str = include_str!("../../../demo/school-platform-v1.json");
const V2: &str = include_str!("../../../demo/school-platform-v2.json");

struct Checker {
    root: Value,
}

impl Checker {
    fn new() -> Self {
        Checker {
            root: serde_json::from_str(SCHEMA).expect("the schema file is JSON"),
        }
    }

    fn check_document(&self, document: &Value) -> Result<(), String> {
        self.check(&self.root, document, "")
    }

    fn resolve<'a>(&'a self, reference: &str) -> &'a Value {
        let name = reference.trim_start_matches("#/$defs/");
        &self.root["$defs"][name]
    }

    fn check(&self, schema: &Value, value: &Value, path: &str) -> Result<(), String> {
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            self.check(self.resolve(reference), value, path)?;
        }
        if let Some(options) = schema.get("anyOf").and_then(Value::as_array) {
            if !options.iter().any(|o| self.check(o, value, path).is_ok()) {
                return Err(format!("{path}: matches none of anyOf"));
            }
        }
        for rule in schema
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let branch = if self.check(&rule["if"], value, path).is_ok() {
                "then"
            } else {
                "else"
            };
            self.check(&rule[branch], value, path)?;
        }
        if let Some(expected) = schema.get("const") {
            if expected != value {
                return Err(format!("{path}: expected {expected}, found {value}"));
            }
        }
        if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
            if !allowed.contains(value) {
                return Err(format!("{path}: {value} is not one of the allowed values"));
            }
        }
        if let Some(types) = schema.get("type") {
            let types: Vec<&str> = match types {
                Value::String(one) => vec![one.as_str()],
                many => many
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect(),
            };
            if !types.iter().any(|t| has_type(value, t)) {
                return Err(format!("{path}: {value} is not of type {types:?}"));
            }
        }
        if let (Some(min), Some(n)) = (schema.get("minimum"), value.as_f64()) {
            if n < min.as_f64().unwrap_or(f64::MIN) {
                return Err(format!("{path}: {n} is below the minimum"));
            }
        }
        if let (Some(max), Some(n)) = (schema.get("maximum"), value.as_f64()) {
            if n > max.as_f64().unwrap_or(f64::MAX) {
                return Err(format!("{path}: {n} is above the maximum"));
            }
        }
        if let (Some(pattern), Some(text)) = (schema.get("pattern"), value.as_str()) {
            // The two patterns the file uses: non-blank text and the item-key grammar.
            let ok = match pattern.as_str() {
                Some("\\S") => !text.trim().is_empty(),
                Some(_) => crate::template::ItemKey::parse(text).is_ok(),
                None => false,
            };
            if !ok {
                return Err(format!("{path}: {text:?} does not match {pattern}"));
            }
        }
        if let Value::Array(items) = value {
            if let Some(item_schema) = schema.get("items") {
                for (index, item) in items.iter().enumerate() {
                    self.check(item_schema, item, &format!("{path}[{index}]"))?;
                }
            }
            let min_items = schema.get("minItems").and_then(Value::as_u64).unwrap_or(0);
            if (items.len() as u64) < min_items {
                return Err(format!("{path}: fewer than {min_items} items"));
            }
            let unique = schema.get("uniqueItems") == Some(&json!(true));
            if unique && (1..items.len()).any(|i| items[..i].contains(&items[i])) {
                return Err(format!("{path}: items are not unique"));
            }
        }
        if let Value::Object(members) = value {
            let properties = schema.get("properties").and_then(Value::as_object);
            for (name, member) in members {
                match properties.and_then(|p| p.get(name)) {
                    Some(member_schema) => {
                        self.check(member_schema, member, &format!("{path}.{name}"))?
                    }
                    None if schema.get("additionalProperties") == Some(&json!(false)) => {
                        return Err(format!("{path}: member `{name}` is not in the schema"));
                    }
                    None => {}
                }
            }
            for required in schema
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let name = required.as_str().unwrap_or_default();
                if !members.contains_key(name) {
                    return Err(format!("{path}: required member `{name}` is missing"));
                }
            }
        }
        Ok(())
    }
}

fn has_type(value: &Value, name: &str) -> bool {
    match name {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        "integer" => value.is_u64() || value.is_i64(),
        "number" => value.is_number(),
        _ => false,
    }
}

fn rendered_demo(text: &str) -> Value {
    let document = parse(text.as_bytes()).expect("the demo parses");
    serde_json::from_str(&render(&document)).expect("rendered documents are JSON")
}

#[test]
fn rendered_demo_documents_conform_to_the_schema() {
    let checker = Checker::new();
    for text in [V1, V2] {
        assert_eq!(checker.check_document(&rendered_demo(text)), Ok(()));
    }
}

#[test]
fn a_rendered_code_of_conduct_conforms_to_the_schema() {
    let document = json!({
        "format": "dpiahub.template", "format_version": 1,
        "template": {"key": "code", "title": "Code of conduct", "kind": "CODE_OF_CONDUCT"},
        "version": {"number": 1, "status": "DRAFT", "published_at": null, "changelog": null},
        "content": {"clauses": [{"key": "clause.one", "section": "Access", "number": "1",
            "text": "Access is reviewed.", "obligation": "MUST",
            "binds_recommendations": [], "binds_risks": []}]}
    });
    let parsed = parse(document.to_string().as_bytes()).expect("a valid code of conduct");
    let rendered: Value = serde_json::from_str(&render(&parsed)).unwrap();
    assert_eq!(Checker::new().check_document(&rendered), Ok(()));
}

#[test]
fn documents_the_parser_refuses_for_their_shape_fail_the_schema_too() {
    let checker = Checker::new();
    let edits: [fn(&mut Value); 6] = [
        |d| d["content"]["risks"][0]["level"] = json!("HIGH"),
        |d| d["content"]["risks"][0]["likelihood"] = json!("high"),
        |d| d["content"]["recommendations"][0]["obligation"] = json!("MAY"),
        |d| d["content"]["scopes"][0]["key"] = json!("Scope One"),
        |d| d["format_version"] = json!(2),
        |d| {
            d["content"].as_object_mut().unwrap().remove("risks");
        },
    ];
    for (index, edit) in edits.iter().enumerate() {
        let mut document = rendered_demo(V1);
        edit(&mut document);
        assert!(
            parse(document.to_string().as_bytes()).is_err(),
            "edit {index}"
        );
        assert!(checker.check_document(&document).is_err(), "edit {index}");
    }
}
