use chrono::{TimeZone, Utc};
use serde_json::{json, Value};

use super::*;
use crate::template::testing::{key, DpiaBuilder};
use crate::template::{
    Clause, CodeOfConductContent, Obligation, TemplateContent, TemplateError, VersionStatus,
};

fn published(content: TemplateContent) -> TemplateDocument {
    TemplateDocument {
        template: TemplateHeader {
            key: key("school-platform"),
            title: "School platform".to_owned(),
            language: crate::template::ContentLanguage::Da,
        },
        version: VersionHeader {
            number: 1,
            status: VersionStatus::Published,
            published_at: Some(Utc.with_ymd_and_hms(2024, 8, 15, 9, 0, 0).unwrap()),
            changelog: Some("First published version.".to_owned()),
        },
        content,
    }
}

fn demo_like() -> TemplateDocument {
    published(DpiaBuilder::new().build())
}

/// Renders the demo-like document, lets `change` edit it as JSON, and parses the result.
fn parse_edited(change: impl FnOnce(&mut Value)) -> Result<TemplateDocument, InterchangeError> {
    let mut value: Value = serde_json::from_str(&render(&demo_like())).unwrap();
    change(&mut value);
    parse(value.to_string().as_bytes())
}

#[test]
fn render_parse_render_gives_the_same_bytes() {
    let first = render(&demo_like());
    let parsed = parse(first.as_bytes()).unwrap();
    assert_eq!(parsed, demo_like());
    assert_eq!(render(&parsed), first);
}

#[test]
fn a_code_of_conduct_round_trips_too() {
    let document = published(TemplateContent::CodeOfConduct(CodeOfConductContent {
        clauses: vec![Clause {
            key: key("clause.training"),
            section: "Training".to_owned(),
            number: "1.1".to_owned(),
            text: "Every user is trained before first use.".to_owned(),
            obligation: Obligation::Must,
            binds_recommendations: vec![key("rec.training")],
            binds_risks: vec![],
        }],
    }));
    let text = render(&document);
    assert!(text.contains("\"kind\": \"CODE_OF_CONDUCT\""));
    assert_eq!(parse(text.as_bytes()).unwrap(), document);
}

#[test]
fn the_envelope_comes_first_in_the_rendering() {
    let text = render(&demo_like());
    assert!(text.starts_with("{\n  \"format\": \"dpiahub.template\",\n  \"format_version\": 1,"));
    assert!(text.ends_with("}\n"));
}

#[test]
fn a_50_megabyte_document_is_refused_before_parsing() {
    let huge = vec![b' '; 50 * 1024 * 1024];
    let error = parse(&huge).unwrap_err();
    assert!(matches!(error, InterchangeError::TooLarge { size } if size == 50 * 1024 * 1024));
    assert!(error.to_string().contains("at most 5242880 bytes"));
}

#[test]
fn deep_nesting_is_refused_with_its_line() {
    let deep = format!("{}{}", "[".repeat(40), "]".repeat(40));
    let error = parse(deep.as_bytes()).unwrap_err();
    assert!(matches!(error, InterchangeError::TooDeep { line: 1 }));
    assert!(error.to_string().contains("more than 32 levels"));
}

#[test]
fn a_repeated_key_is_refused_naming_key_and_place() {
    let text = render(&demo_like());
    let rationale = "\"rationale\": \"rationale for risk.messages.misdirected\"";
    let doubled = text.replacen(
        rationale,
        &format!("{rationale},\n\"rationale\": \"low\""),
        1,
    );
    let error = parse(doubled.as_bytes()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "the key `rationale` appears twice in `content.risks[0]`"
    );
}

#[test]
fn text_that_is_not_json_is_refused() {
    let error = parse(b"{\"format\": ").unwrap_err();
    assert!(matches!(error, InterchangeError::NotJson { .. }), "{error}");
}

#[test]
fn a_document_that_is_not_an_object_is_refused() {
    let error = parse(b"[1, 2]").unwrap_err();
    assert_eq!(
        error.to_string(),
        "the document does not match the template format: the document must be a JSON object"
    );
}

#[test]
fn another_format_is_refused_by_name() {
    let error = parse_edited(|doc| doc["format"] = json!("other.format")).unwrap_err();
    assert!(matches!(error, InterchangeError::UnknownFormat { .. }));
    assert!(error.to_string().contains("\"other.format\""));
    let missing = parse_edited(|doc| {
        doc.as_object_mut().unwrap().remove("format");
    })
    .unwrap_err();
    assert!(missing.to_string().contains("`format` is missing"));
}

#[test]
fn an_unknown_format_version_is_refused_before_any_type_error() {
    let error = parse_edited(|doc| {
        doc["format_version"] = json!(2);
        doc["content"] = json!("whatever version 2 holds");
    })
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "`format_version` 2 is not supported; this version of DPIA Hub reads format_version 1"
    );
    let as_text = parse_edited(|doc| doc["format_version"] = json!("1")).unwrap_err();
    assert!(matches!(
        as_text,
        InterchangeError::UnsupportedFormatVersion { .. }
    ));
}

#[test]
fn a_value_of_the_wrong_type_is_refused_with_its_position() {
    let error =
        parse_edited(|doc| doc["content"]["risks"][0]["likelihood"] = json!("high")).unwrap_err();
    let message = error.to_string();
    assert!(matches!(error, InterchangeError::WrongShape { .. }));
    assert!(
        message.contains("invalid type: string \"high\""),
        "{message}"
    );
    assert!(message.contains("line 1 column"), "{message}");
}

#[test]
fn an_unknown_member_is_refused() {
    let error =
        parse_edited(|doc| doc["content"]["risks"][0]["level"] = json!("HIGH")).unwrap_err();
    assert!(
        error.to_string().contains("unknown field `level`"),
        "{error}"
    );
}

#[test]
fn a_missing_member_is_refused() {
    let error = parse_edited(|doc| {
        doc["content"].as_object_mut().unwrap().remove("risks");
    })
    .unwrap_err();
    assert!(
        error.to_string().contains("missing field `risks`"),
        "{error}"
    );
}

#[test]
fn an_object_written_as_an_array_of_its_fields_is_refused() {
    let error = parse_edited(|doc| {
        doc["version"] = json!([1, "PUBLISHED", "2024-08-15T09:00:00Z", "First."]);
    })
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "the document does not match the template format: `version` must be an object, not an array"
    );
}

#[test]
fn a_set_listing_a_value_twice_is_refused() {
    let error = parse_edited(|doc| {
        doc["content"]["activities"][0]["operations"] = json!(["STORAGE", "STORAGE"]);
    })
    .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("`content.activities[0].operations` lists the same value more than once"),
        "{error}"
    );
}

#[test]
fn a_malformed_item_key_is_refused() {
    let error =
        parse_edited(|doc| doc["content"]["risks"][0]["key"] = json!("Risk One")).unwrap_err();
    assert!(error.to_string().contains("item key `Risk One`"), "{error}");
}

#[test]
fn content_that_fails_validation_is_refused_with_every_problem() {
    let error = parse_edited(|doc| {
        doc["content"]["risks"][0]["likelihood"] = json!(7);
        doc["content"]["recommendations"][0]["addresses_risks"] = json!(["risk.nowhere"]);
    })
    .unwrap_err();
    let InterchangeError::InvalidContent { errors } = &error else {
        panic!("expected invalid content, got {error}");
    };
    assert_eq!(errors.len(), 2);
    assert!(matches!(
        errors[0],
        TemplateError::OutOfScale { value: 7, .. }
    ));
    assert!(error
        .to_string()
        .starts_with("the template content has 2 problem(s): "));
}

#[test]
fn a_published_version_without_a_publication_date_is_refused() {
    let error = parse_edited(|doc| doc["version"]["published_at"] = Value::Null).unwrap_err();
    assert!(matches!(
        &error,
        InterchangeError::InvalidHeader { field, .. } if field == "version.published_at"
    ));
}

#[test]
fn a_published_version_without_a_changelog_is_refused() {
    let error = parse_edited(|doc| doc["version"]["changelog"] = json!(" ")).unwrap_err();
    assert!(error.to_string().starts_with("`version.changelog`"));
}

#[test]
fn a_draft_parses_without_publication_facts() {
    let document = parse_edited(|doc| {
        doc["version"] =
            json!({"number": 3, "status": "DRAFT", "published_at": null, "changelog": null});
    })
    .unwrap();
    assert_eq!(document.version.status, VersionStatus::Draft);
}

#[test]
fn a_publication_time_with_an_offset_is_read_as_utc() {
    let document = parse_edited(|doc| {
        doc["version"]["published_at"] = json!("2024-08-15T11:00:00+02:00");
    })
    .unwrap();
    assert_eq!(document, demo_like());
}

#[test]
fn a_document_without_a_language_is_danish_and_english_is_kept() {
    let without = parse_edited(|v| {
        v["template"].as_object_mut().unwrap().remove("language");
    })
    .unwrap();
    assert_eq!(
        without.template.language,
        crate::template::ContentLanguage::Da
    );
    let english = parse_edited(|v| v["template"]["language"] = json!("en")).unwrap();
    assert_eq!(
        english.template.language,
        crate::template::ContentLanguage::En
    );
    assert!(render(&english).contains("\"language\": \"en\""));
}

#[test]
fn a_language_the_product_does_not_speak_is_refused() {
    let error = parse_edited(|v| v["template"]["language"] = json!("sv")).unwrap_err();
    assert!(
        matches!(error, InterchangeError::WrongShape { ref message } if message.contains("sv")),
        "{error:?}"
    );
}
