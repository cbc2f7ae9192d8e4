//! Adding local items (issue 15 screen 4, SPEC §2 "local additions"): a risk of the
//! controller's own, rated on the base's scales, written with `UpsertLocalItem` like any
//! other command. Its key is typed or generated from the threat (`local.risk.…`); the domain
//! refuses a key without the `local.` prefix or one already used. Local measures are added
//! on the measures screen (`measures.rs`).

use std::collections::BTreeSet;

use actix_web::http::StatusCode;
use actix_web::web;
use minijinja::context;
use minijinja::value::Serde;
use serde::Serialize;

use super::form::FieldError;
use super::measures::generated_key;
use super::risks::{scale, scopes, Choice};
use super::write::{write, Refusal};
use super::{load, Loaded};
use crate::domain::assessment::{AssessmentCommand, EffectiveAssessment, LocalAddition};
use crate::domain::template::{ItemKey, Risk, SecurityProperty, ThreatSource};
use crate::web::csrf::Posted;
use crate::web::errors::{redirect, PageResult};
use crate::web::render::render_status;
use crate::web::session::SignedIn;

/// What the local risk form posted.
#[derive(Clone, Debug, Default, Serialize)]
pub struct LocalRiskInput {
    pub version: i64,
    pub key: String,
    pub scope: String,
    pub threat: String,
    pub description: String,
    pub threat_source: String,
    pub properties: Vec<String>,
    pub likelihood: String,
    pub consequence: String,
    pub rationale: String,
}

impl LocalRiskInput {
    fn from_pairs(pairs: &[(String, String)]) -> Self {
        let mut input = LocalRiskInput::default();
        for (name, value) in pairs {
            let v = value.clone();
            match name.as_str() {
                "version" => input.version = value.trim().parse().unwrap_or_default(),
                "key" => input.key = v.trim().to_owned(),
                "scope" => input.scope = v,
                "threat" => input.threat = v,
                "description" => input.description = v,
                "threat_source" => input.threat_source = v,
                "properties" => input.properties.push(v),
                "likelihood" => input.likelihood = v,
                "consequence" => input.consequence = v,
                "rationale" => input.rationale = v,
                _ => {}
            }
        }
        input
    }
}

const SOURCES: [&str; 5] = [
    "HUMAN_ERROR",
    "PROCESS_FAILURE",
    "MALICIOUS",
    "TECHNICAL",
    "SUPPLIER",
];
const PROPERTIES: [&str; 3] = ["CONFIDENTIALITY", "INTEGRITY", "AVAILABILITY"];

fn refuse(field: &str, message: &str) -> FieldError {
    FieldError {
        field: field.into(),
        message: message.into(),
    }
}

/// The local risk a posted form describes (the domain checks scope, threat, scales, key).
pub fn local_risk(
    effective: &EffectiveAssessment,
    input: &LocalRiskInput,
) -> Result<Risk, FieldError> {
    let key = if input.key.is_empty() {
        let taken = |k: &str| {
            effective.risk(k).is_some()
                || effective.recommendation(k).is_some()
                || effective.measures.iter().any(|m| m.key.as_str() == k)
        };
        generated_key("risk", &input.threat, taken)
    } else {
        input.key.clone()
    };
    let key = ItemKey::parse(&key).map_err(|_| refuse("key", "measures-bad-key"))?;
    let scope = ItemKey::parse(&input.scope).map_err(|_| refuse("scope", "local-choose-scope"))?;
    let source: ThreatSource =
        serde_json::from_value(serde_json::Value::String(input.threat_source.clone()))
            .map_err(|_| refuse("threat_source", "local-choose-source"))?;
    let properties: BTreeSet<SecurityProperty> = (input.properties.iter())
        .map(|p| serde_json::from_value(serde_json::Value::String(p.clone())))
        .collect::<Result<_, _>>()
        .map_err(|_| refuse("properties", "local-choose-properties"))?;
    if properties.is_empty() {
        return Err(refuse("properties", "local-choose-properties"));
    }
    let level = |field: &str, text: &str| {
        text.trim()
            .parse::<u8>()
            .map_err(|_| refuse(field, "risks-choose-level"))
    };
    Ok(Risk {
        key,
        scope,
        threat: input.threat.trim().to_owned(),
        description: input.description.trim().to_owned(),
        threat_source: source,
        affected_properties: properties,
        likelihood: level("likelihood", &input.likelihood)?,
        consequence: level("consequence", &input.consequence)?,
        rationale: input.rationale.trim().to_owned(),
    })
}

async fn form_page(
    signed: &SignedIn,
    status: StatusCode,
    id: String,
    input: Option<LocalRiskInput>,
    error: Option<FieldError>,
    stale: bool,
) -> PageResult {
    let Loaded {
        head, effective, ..
    } = load(signed, id).await?;
    let input = input.unwrap_or(LocalRiskInput {
        version: head.version,
        ..LocalRiskInput::default()
    });
    let lang = signed.lang;
    let choices = |prefix: &str, values: &[&str]| -> Vec<Choice> {
        (values.iter())
            .map(|v| Choice {
                value: (*v).to_owned(),
                label: crate::i18n::text(lang, &format!("{prefix}{v}")),
            })
            .collect()
    };
    let model = &effective.risk_model;
    let (error_field, error) = error
        .map(|e| {
            let field = if e.field == "affected_properties" {
                "properties".to_owned()
            } else {
                e.field
            };
            (field, e.message)
        })
        .unzip();
    render_status(
        &signed.chrome,
        status,
        "web/local_risk.html",
        context! {
            head => Serde(head),
            input => Serde(input),
            scopes => Serde(scopes(&effective)),
            sources => Serde(choices("local-source-", &SOURCES)),
            properties => Serde(choices("local-property-", &PROPERTIES)),
            likelihoods => Serde(scale(&model.likelihood)),
            consequences => Serde(scale(&model.consequence)),
            error_field => error_field,
            error => error,
            stale => stale,
        },
    )
}

/// `GET /assessments/{id}/risks/new`: the form for a local risk.
pub async fn risk_form(signed: SignedIn, id: web::Path<String>) -> PageResult {
    form_page(&signed, StatusCode::OK, id.into_inner(), None, None, false).await
}

/// `POST /assessments/{id}/risks/new`: add the local risk, then on to its treatment form.
pub async fn risk_post(posted: Posted<Vec<(String, String)>>, id: web::Path<String>) -> PageResult {
    let signed = posted.guard.clone();
    let id = id.into_inner();
    let input = LocalRiskInput::from_pairs(&posted.form);
    let lang = signed.lang;
    let Loaded { effective, .. } = load(&signed, id.clone()).await?;
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    let risk = match local_risk(&effective, &input) {
        Ok(r) => r,
        Err(e) => {
            let e = FieldError {
                message: crate::i18n::text(lang, &e.message),
                ..e
            };
            return form_page(&signed, unprocessable, id, Some(input), Some(e), false).await;
        }
    };
    let key = risk.key.to_string();
    let command = AssessmentCommand::UpsertLocalItem(LocalAddition::Risk(risk));
    // A new risk: a key in use is refused, never a silent replacement of another item.
    if effective.risk(&key).is_some() {
        let e = refuse(
            "key",
            &crate::i18n::text(lang, "risks-refusal-duplicate-key"),
        );
        return form_page(&signed, unprocessable, id, Some(input), Some(e), false).await;
    }
    match write(&signed, &id, input.version, vec![command]).await? {
        Ok(()) => Ok(redirect(&format!("/assessments/{id}/risks/{key}"))),
        Err(Refusal::Stale) => {
            form_page(&signed, StatusCode::CONFLICT, id, Some(input), None, true).await
        }
        Err(Refusal::Field(e)) => {
            form_page(&signed, unprocessable, id, Some(input), Some(e), false).await
        }
    }
}
