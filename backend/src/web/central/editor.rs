//! Screen 2, the draft editor: a version's risk catalogue (threat, description, default
//! likelihood and consequence, rationale), its recommendations (obligation, the risks they
//! address) and a code's clauses, each edited through `store::templates::edit_draft` (the
//! domain validates; its refusal is shown beside the field it names, the input kept). Keys are
//! never edited: renaming a title never breaks adopters (SPEC §2).

use actix_web::http::StatusCode;
use actix_web::web;
use minijinja::context;
use minijinja::value::Serde;
use serde::Serialize;

use super::require_central;
use crate::audit;
use crate::context::Actor;
use crate::domain::template::{validate, Obligation, TemplateContent, TemplateEdit};
use crate::error::{AppError, AppResult};
use crate::store::templates::{self, Template, TemplateVersion};
use crate::store::DbConnection;
use crate::web::csrf::Posted;
use crate::web::errors::{redirect, PageError, PageResult};
use crate::web::render::render_status;
use crate::web::session::SignedIn;

#[derive(Serialize)]
struct Level {
    value: u8,
    label: String,
}

#[derive(Serialize)]
struct ItemRow {
    key: String,
    kind: &'static str,
    title: String,
    detail: String,
}

#[derive(Serialize)]
struct Problem {
    item_key: Option<String>,
    field: String,
    message: String,
}

#[derive(Serialize)]
struct Draft {
    key: String,
    title: String,
    kind: String,
    number: i32,
    status: String,
    version: i64,
    editable: bool,
    risks: Vec<ItemRow>,
    recommendations: Vec<ItemRow>,
    clauses: Vec<ItemRow>,
    problems: Vec<Problem>,
}

fn wire<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// An own template and one of its versions (others' templates answer 404 here).
fn own_version(
    conn: &mut DbConnection,
    actor: &Actor,
    key: &str,
    number: i32,
) -> AppResult<(Template, TemplateVersion, TemplateContent)> {
    let template = templates::find_by_key(conn, actor, key)?;
    if template.owner_org_id != actor.org_id {
        return Err(AppError::not_found("template"));
    }
    let version = templates::version(conn, actor, &template, number)?;
    let content = version.parsed_content()?;
    Ok((template, version, content))
}

fn draft_view(
    template: &Template,
    version: &TemplateVersion,
    content: &TemplateContent,
    actor: &Actor,
) -> Draft {
    let mut draft = Draft {
        key: template.key.clone(),
        title: template.title.clone(),
        kind: template.kind.clone(),
        number: version.number,
        status: version.status.clone(),
        version: version.version,
        editable: version.status == "DRAFT" && actor.role.may_write(),
        risks: Vec::new(),
        recommendations: Vec::new(),
        clauses: Vec::new(),
        problems: validate(content)
            .into_iter()
            .map(|e| Problem {
                item_key: e.item_key().map(str::to_string),
                field: e.field(),
                message: e.to_string(),
            })
            .collect(),
    };
    match content {
        TemplateContent::Dpia(dpia) => {
            for r in &dpia.risks {
                let level = r
                    .level(&dpia.risk_model)
                    .map(|l| wire(&l))
                    .unwrap_or_default();
                draft.risks.push(ItemRow {
                    key: r.key.to_string(),
                    kind: "RISK",
                    title: r.threat.clone(),
                    detail: format!("{}×{} {level}", r.likelihood, r.consequence),
                });
            }
            for r in &dpia.recommendations {
                draft.recommendations.push(ItemRow {
                    key: r.key.to_string(),
                    kind: "RECOMMENDATION",
                    title: r.title.clone(),
                    detail: wire(&r.obligation),
                });
            }
        }
        TemplateContent::CodeOfConduct(code) => {
            for c in &code.clauses {
                draft.clauses.push(ItemRow {
                    key: c.key.to_string(),
                    kind: "CLAUSE",
                    title: format!("{} {}", c.number, c.section),
                    detail: wire(&c.obligation),
                });
            }
        }
    }
    draft
}

/// `GET /central/templates/{key}/versions/{n}`: the version's items; a draft's are editable.
pub async fn page(signed: SignedIn, path: web::Path<(String, i32)>) -> PageResult {
    require_central(&signed)?;
    let (key, number) = path.into_inner();
    let draft = signed
        .load(move |_, actor, conn| {
            let (template, version, content) = own_version(conn, actor, &key, number)?;
            Ok(draft_view(&template, &version, &content, actor))
        })
        .await?;
    render_status(
        &signed.chrome,
        StatusCode::OK,
        "web/central/draft.html",
        context! { draft => Serde(draft) },
    )
}

/// The fields of one item as the form shows them (the stored values, or the person's input
/// after a refusal).
#[derive(Clone, Debug, Default, Serialize)]
struct ItemFields {
    kind: String,
    title: String,
    description: String,
    rationale: String,
    likelihood: String,
    consequence: String,
    obligation: String,
    section: String,
    number: String,
    addresses: Vec<String>,
}

#[derive(Serialize)]
struct ItemPage {
    key: String,
    title: String,
    number: i32,
    version: i64,
    item_key: String,
    fields: ItemFields,
    likelihoods: Vec<Level>,
    consequences: Vec<Level>,
    risks: Vec<(String, String)>,
    central_level: Option<String>,
}

fn item_page(
    conn: &mut DbConnection,
    actor: &Actor,
    key: &str,
    number: i32,
    item: &str,
    input: Option<ItemFields>,
) -> AppResult<ItemPage> {
    let (template, version, content) = own_version(conn, actor, key, number)?;
    if version.status != "DRAFT" || !actor.role.may_write() {
        return Err(AppError::not_found("draft"));
    }
    let mut page = ItemPage {
        key: template.key.clone(),
        title: template.title.clone(),
        number,
        version: version.version,
        item_key: item.to_string(),
        fields: ItemFields::default(),
        likelihoods: Vec::new(),
        consequences: Vec::new(),
        risks: Vec::new(),
        central_level: None,
    };
    let stored: ItemFields;
    match &content {
        TemplateContent::Dpia(dpia) => {
            let levels = |ls: &[crate::domain::risk_model::Level]| {
                ls.iter()
                    .map(|l| Level {
                        value: l.value,
                        label: l.label.clone(),
                    })
                    .collect()
            };
            page.likelihoods = levels(&dpia.risk_model.likelihood);
            page.consequences = levels(&dpia.risk_model.consequence);
            page.risks = dpia
                .risks
                .iter()
                .map(|r| (r.key.to_string(), r.threat.clone()))
                .collect();
            if let Some(r) = dpia.risks.iter().find(|r| r.key.as_str() == item) {
                page.central_level = r.level(&dpia.risk_model).ok().map(|l| wire(&l));
                stored = ItemFields {
                    kind: "RISK".into(),
                    title: r.threat.clone(),
                    description: r.description.clone(),
                    rationale: r.rationale.clone(),
                    likelihood: r.likelihood.to_string(),
                    consequence: r.consequence.to_string(),
                    ..ItemFields::default()
                };
            } else if let Some(r) = dpia.recommendations.iter().find(|r| r.key.as_str() == item) {
                stored = ItemFields {
                    kind: "RECOMMENDATION".into(),
                    title: r.title.clone(),
                    description: r.text.clone(),
                    obligation: wire(&r.obligation),
                    addresses: r.addresses_risks.iter().map(ToString::to_string).collect(),
                    ..ItemFields::default()
                };
            } else {
                return Err(AppError::not_found("item"));
            }
        }
        TemplateContent::CodeOfConduct(code) => {
            let c = code
                .clauses
                .iter()
                .find(|c| c.key.as_str() == item)
                .ok_or(AppError::not_found("item"))?;
            stored = ItemFields {
                kind: "CLAUSE".into(),
                title: c.section.clone(),
                number: c.number.clone(),
                description: c.text.clone(),
                obligation: wire(&c.obligation),
                ..ItemFields::default()
            };
        }
    }
    page.fields = match input {
        Some(input) => ItemFields {
            kind: stored.kind,
            ..input
        },
        None => stored,
    };
    Ok(page)
}

async fn show_item(
    signed: &SignedIn,
    status: StatusCode,
    (key, number, item): (String, i32, String),
    input: Option<ItemFields>,
    error: Option<(String, String)>,
) -> PageResult {
    let page = signed
        .load(move |_, actor, conn| item_page(conn, actor, &key, number, &item, input))
        .await?;
    let (error_field, error) = error.unzip();
    render_status(
        &signed.chrome,
        status,
        "web/central/item.html",
        context! { page => Serde(page), error_field => error_field, error => error },
    )
}

/// `GET /central/templates/{key}/versions/{n}/items/{item}`: the form for one item of a draft.
pub async fn item_form(signed: SignedIn, path: web::Path<(String, i32, String)>) -> PageResult {
    require_central(&signed)?;
    show_item(&signed, StatusCode::OK, path.into_inner(), None, None).await
}

fn field<'a>(form: &'a [(String, String)], name: &str) -> &'a str {
    form.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

fn input_of(form: &[(String, String)]) -> ItemFields {
    ItemFields {
        kind: String::new(),
        title: field(form, "title").to_string(),
        description: field(form, "description").to_string(),
        rationale: field(form, "rationale").to_string(),
        likelihood: field(form, "likelihood").to_string(),
        consequence: field(form, "consequence").to_string(),
        obligation: field(form, "obligation").to_string(),
        section: field(form, "section").to_string(),
        number: field(form, "number").to_string(),
        addresses: form
            .iter()
            .filter(|(k, _)| k == "addresses")
            .map(|(_, v)| v.clone())
            .collect(),
    }
}

fn number_field(value: &str, name: &str) -> AppResult<u8> {
    value
        .trim()
        .parse()
        .map_err(|_| AppError::validation(name, "choose a level of the risk model's scale"))
}

fn obligation(value: &str) -> AppResult<Obligation> {
    serde_json::from_value(serde_json::Value::String(value.to_string()))
        .map_err(|_| AppError::validation("obligation", "choose MUST or SHOULD"))
}

/// The edit the form asks for: the stored item with the form's fields, its key unchanged.
fn edit_of(content: &TemplateContent, item: &str, input: &ItemFields) -> AppResult<TemplateEdit> {
    match content {
        TemplateContent::Dpia(dpia) => {
            if let Some(r) = dpia.risks.iter().find(|r| r.key.as_str() == item) {
                let mut risk = r.clone();
                risk.threat = input.title.trim().to_string();
                risk.description = input.description.trim().to_string();
                risk.rationale = input.rationale.trim().to_string();
                risk.likelihood = number_field(&input.likelihood, "likelihood")?;
                risk.consequence = number_field(&input.consequence, "consequence")?;
                return Ok(TemplateEdit::UpsertRisk(risk));
            }
            if let Some(r) = dpia.recommendations.iter().find(|r| r.key.as_str() == item) {
                let mut rec = r.clone();
                rec.title = input.title.trim().to_string();
                rec.text = input.description.trim().to_string();
                rec.obligation = obligation(&input.obligation)?;
                rec.addresses_risks = input
                    .addresses
                    .iter()
                    .map(|k| {
                        crate::domain::template::ItemKey::parse(k).map_err(|_| {
                            AppError::validation_at("addresses_risks", k, "not a risk key")
                        })
                    })
                    .collect::<AppResult<_>>()?;
                return Ok(TemplateEdit::UpsertRecommendation(rec));
            }
            Err(AppError::not_found("item"))
        }
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
            clause.obligation = obligation(&input.obligation)?;
            Ok(TemplateEdit::UpsertClause(clause))
        }
    }
}

/// Which form field a domain refusal belongs beside.
fn form_field(field: &str) -> String {
    match field {
        "threat" | "section" => "title",
        "text" => "description",
        "addresses_risks" | "addressesRisks" => "addresses",
        other => other,
    }
    .to_string()
}

/// `POST /central/templates/{key}/versions/{n}/items/{item}`: saves one item of the draft
/// (one audit entry naming its key).
pub async fn save_item(
    posted: Posted<Vec<(String, String)>>,
    path: web::Path<(String, String, String)>,
) -> PageResult {
    let signed = posted.guard.clone();
    require_central(&signed)?;
    let (key, number, item) = path.into_inner();
    // Parsed here, after the CSRF check: a forged form is refused before anything else.
    let number: i32 = number
        .parse()
        .map_err(|_| PageError::NotFound(signed.lang))?;
    let input = input_of(&posted.form);
    let expected: i64 = field(&posted.form, "version")
        .parse()
        .map_err(|_| PageError::BadForm(signed.lang))?;
    let (k, i, inp) = (key.clone(), item.clone(), input.clone());
    let result = signed
        .block(move |state, actor, _| {
            audit::write(&state.pool, actor, |tx| {
                let (template, _, content) = own_version(tx.conn(), actor, &k, number)?;
                let edit = edit_of(&content, &i, &inp)?;
                templates::edit_draft(tx, &template, number, expected, edit)
            })
        })
        .await?;
    match result {
        Ok(_) => Ok(redirect(&format!(
            "/central/templates/{key}/versions/{number}#item-{item}"
        ))),
        Err(AppError::Validation { field, message, .. }) => {
            show_item(
                &signed,
                StatusCode::UNPROCESSABLE_ENTITY,
                (key, number, item),
                Some(input),
                Some((form_field(&field), message)),
            )
            .await
        }
        Err(AppError::Conflict(_)) => {
            let message = crate::i18n::text(signed.lang, "central-stale-draft");
            show_item(
                &signed,
                StatusCode::CONFLICT,
                (key, number, item),
                Some(input),
                Some(("form".into(), message)),
            )
            .await
        }
        Err(e) => Err(PageError::from_app(signed.lang, e)),
    }
}
