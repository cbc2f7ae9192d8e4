//! Screen 2, the draft editor: a version's systematic-description skeleton (the processing
//! activities' own fields), its necessity questions, its risk catalogue (threat, scope, source,
//! affected properties, default likelihood and consequence, rationale), its recommendations
//! (obligation, kind, scopes, the risks they address) and a code's clauses; new risks,
//! recommendations and questions with a key typed once. Each save is one
//! `store::templates::edit_draft` (the domain validates; its refusal is shown beside the field
//! it names, the input kept). Keys are never edited: renaming a title never breaks adopters
//! (SPEC §2). The form's fields both ways are the pure `item_fields` module.

use actix_web::http::StatusCode;
use actix_web::web;
use minijinja::context;
use minijinja::value::Serde;
use serde::Serialize;

use super::item_fields::{self, wire, ItemFields};
use super::require_central;
use crate::audit;
use crate::context::Actor;
use crate::domain::template::{
    validate, MeasureKind, Principle, ProcessingOperation, SecurityProperty, TemplateContent,
    ThreatSource,
};
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::report::labels;
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
    activities: Vec<ItemRow>,
    questions: Vec<ItemRow>,
    risks: Vec<ItemRow>,
    recommendations: Vec<ItemRow>,
    clauses: Vec<ItemRow>,
    problems: Vec<Problem>,
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
    lang: Lang,
) -> Draft {
    let mut draft = Draft {
        key: template.key.clone(),
        title: template.title.clone(),
        kind: template.kind.clone(),
        number: version.number,
        status: version.status.clone(),
        version: version.version,
        editable: version.status == "DRAFT" && actor.role.may_write(),
        activities: Vec::new(),
        questions: Vec::new(),
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
            for a in &dpia.activities {
                draft.activities.push(ItemRow {
                    key: a.key.to_string(),
                    kind: "PROCESSING_ACTIVITY",
                    title: a.title.clone(),
                    detail: a.scope.to_string(),
                });
            }
            for q in &dpia.necessity_questions {
                draft.questions.push(ItemRow {
                    key: q.key.to_string(),
                    kind: "NECESSITY_QUESTION",
                    title: q.question.clone(),
                    detail: labels::principle(lang, q.principle),
                });
            }
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
    let lang = signed.lang;
    let draft = signed
        .load(move |_, actor, conn| {
            let (template, version, content) = own_version(conn, actor, &key, number)?;
            Ok(draft_view(&template, &version, &content, actor, lang))
        })
        .await?;
    render_status(
        &signed.chrome,
        StatusCode::OK,
        "web/central/draft.html",
        context! { draft => Serde(draft) },
    )
}

/// One option of a select or checkbox list: its wire value and what a person reads.
#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
}

fn choices<T: Copy + Serialize>(
    lang: Lang,
    all: &[T],
    label: fn(Lang, T) -> String,
) -> Vec<Choice> {
    all.iter()
        .map(|v| Choice {
            value: wire(v),
            label: label(lang, *v),
        })
        .collect()
}

const THREAT_SOURCES: &[ThreatSource] = &[
    ThreatSource::HumanError,
    ThreatSource::ProcessFailure,
    ThreatSource::Malicious,
    ThreatSource::Technical,
    ThreatSource::Supplier,
];
const PROPERTIES: &[SecurityProperty] = &[
    SecurityProperty::Confidentiality,
    SecurityProperty::Integrity,
    SecurityProperty::Availability,
];
const MEASURE_KINDS: &[MeasureKind] = &[MeasureKind::Technical, MeasureKind::Organisational];
const PRINCIPLES: &[Principle] = &[
    Principle::Lawfulness,
    Principle::FairnessAndTransparency,
    Principle::PurposeLimitation,
    Principle::DataMinimisation,
    Principle::Accuracy,
    Principle::StorageLimitation,
    Principle::IntegrityAndConfidentiality,
    Principle::Accountability,
    Principle::DataSubjectRights,
    Principle::Processors,
    Principle::InternationalTransfers,
    Principle::Proportionality,
];
const OPERATIONS: &[ProcessingOperation] = &[
    ProcessingOperation::Collection,
    ProcessingOperation::Recording,
    ProcessingOperation::Organisation,
    ProcessingOperation::Structuring,
    ProcessingOperation::Storage,
    ProcessingOperation::Adaptation,
    ProcessingOperation::Retrieval,
    ProcessingOperation::Consultation,
    ProcessingOperation::Use,
    ProcessingOperation::Disclosure,
    ProcessingOperation::Alignment,
    ProcessingOperation::Restriction,
    ProcessingOperation::Erasure,
];

/// Which item a form is for: one of the version's, or a new one of a kind.
#[derive(Clone, Debug)]
enum Target {
    Item(String),
    New(&'static str),
}

impl Target {
    fn action(&self, key: &str, number: i32) -> String {
        match self {
            Target::Item(item) => {
                format!("/central/templates/{key}/versions/{number}/items/{item}")
            }
            Target::New(kind) => {
                let segment = item_fields::NEW_KINDS
                    .iter()
                    .find(|(_, k)| k == kind)
                    .map(|(s, _)| *s)
                    .unwrap_or_default();
                format!("/central/templates/{key}/versions/{number}/new/{segment}")
            }
        }
    }
}

#[derive(Serialize)]
struct ItemPage {
    key: String,
    title: String,
    number: i32,
    version: i64,
    /// The item's key; empty for a new item (the form asks for one).
    item_key: String,
    is_new: bool,
    action: String,
    fields: ItemFields,
    likelihoods: Vec<Level>,
    consequences: Vec<Level>,
    risks: Vec<(String, String)>,
    scopes: Vec<(String, String)>,
    threat_sources: Vec<Choice>,
    properties: Vec<Choice>,
    measure_kinds: Vec<Choice>,
    principles: Vec<Choice>,
    operations: Vec<Choice>,
    central_level: Option<String>,
}

fn item_page(
    conn: &mut DbConnection,
    actor: &Actor,
    lang: Lang,
    (key, number): (&str, i32),
    target: &Target,
    input: Option<ItemFields>,
) -> AppResult<ItemPage> {
    let (template, version, content) = own_version(conn, actor, key, number)?;
    if version.status != "DRAFT" || !actor.role.may_write() {
        return Err(AppError::not_found("draft"));
    }
    let stored = match target {
        Target::Item(item) => {
            item_fields::stored(&content, item).ok_or(AppError::not_found("item"))?
        }
        Target::New(kind) => {
            if !matches!(content, TemplateContent::Dpia(_)) {
                return Err(AppError::not_found("item kind"));
            }
            item_fields::blank(&content, kind)
        }
    };
    let mut page = ItemPage {
        key: template.key.clone(),
        title: template.title.clone(),
        number,
        version: version.version,
        item_key: match target {
            Target::Item(item) => item.clone(),
            Target::New(_) => String::new(),
        },
        is_new: matches!(target, Target::New(_)),
        action: target.action(&template.key, number),
        fields: ItemFields::default(),
        likelihoods: Vec::new(),
        consequences: Vec::new(),
        risks: Vec::new(),
        scopes: Vec::new(),
        threat_sources: choices(lang, THREAT_SOURCES, labels::threat_source),
        properties: choices(lang, PROPERTIES, labels::security_property),
        measure_kinds: choices(lang, MEASURE_KINDS, labels::measure_kind),
        principles: choices(lang, PRINCIPLES, labels::principle),
        operations: choices(lang, OPERATIONS, labels::operation),
        central_level: None,
    };
    if let TemplateContent::Dpia(dpia) = &content {
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
        page.scopes = dpia
            .scopes
            .iter()
            .map(|s| (s.key.to_string(), s.title.clone()))
            .collect();
        if let Target::Item(item) = target {
            page.central_level = dpia
                .risks
                .iter()
                .find(|r| r.key.as_str() == item)
                .and_then(|r| r.level(&dpia.risk_model).ok())
                .map(|l| wire(&l));
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
    (key, number): (String, i32),
    target: Target,
    input: Option<ItemFields>,
    error: Option<(String, String)>,
) -> PageResult {
    let lang = signed.lang;
    let page = signed
        .load(move |_, actor, conn| item_page(conn, actor, lang, (&key, number), &target, input))
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
    let (key, number, item) = path.into_inner();
    show_item(
        &signed,
        StatusCode::OK,
        (key, number),
        Target::Item(item),
        None,
        None,
    )
    .await
}

/// `GET /central/templates/{key}/versions/{n}/new/{kind}`: the empty form of a new risk,
/// recommendation or necessity question (`kind` is `risk`, `recommendation` or `question`).
pub async fn new_item_form(signed: SignedIn, path: web::Path<(String, i32, String)>) -> PageResult {
    require_central(&signed)?;
    let (key, number, kind) = path.into_inner();
    let kind = item_fields::new_kind(&kind).ok_or(PageError::NotFound(signed.lang))?;
    show_item(
        &signed,
        StatusCode::OK,
        (key, number),
        Target::New(kind),
        None,
        None,
    )
    .await
}

/// `POST /central/templates/{key}/versions/{n}/items/{item}`: saves one item of the draft
/// (one audit entry naming its key).
pub async fn save_item(
    posted: Posted<Vec<(String, String)>>,
    path: web::Path<(String, String, String)>,
) -> PageResult {
    let (key, number, item) = path.into_inner();
    save(posted, key, number, Target::Item(item)).await
}

/// `POST /central/templates/{key}/versions/{n}/new/{kind}`: adds a new item to the draft.
pub async fn save_new_item(
    posted: Posted<Vec<(String, String)>>,
    path: web::Path<(String, String, String)>,
) -> PageResult {
    let (key, number, kind) = path.into_inner();
    // Checked after the CSRF check (Posted): a forged form is refused before anything else.
    let kind = item_fields::new_kind(&kind).ok_or(PageError::NotFound(posted.lang))?;
    save(posted, key, number, Target::New(kind)).await
}

async fn save(
    posted: Posted<Vec<(String, String)>>,
    key: String,
    number: String,
    target: Target,
) -> PageResult {
    let signed = posted.guard.clone();
    require_central(&signed)?;
    let number: i32 = number
        .parse()
        .map_err(|_| PageError::NotFound(signed.lang))?;
    let input = item_fields::from_form(&posted.form);
    let expected: i64 = posted
        .form
        .iter()
        .find(|(k, _)| k == "version")
        .and_then(|(_, v)| v.parse().ok())
        .ok_or(PageError::BadForm(signed.lang))?;
    let (k, t, inp) = (key.clone(), target.clone(), input.clone());
    let lang = signed.lang;
    let result = signed
        .block(move |state, actor, _| {
            audit::write(&state.pool, actor, |tx| {
                let (template, _, content) = own_version(tx.conn(), actor, &k, number)?;
                let edit = match &t {
                    Target::Item(item) => item_fields::changed_item(lang, &content, item, &inp)?,
                    Target::New(kind) => item_fields::new_item(lang, &content, kind, &inp)?,
                };
                // Tried first on the loaded content, so a refusal is told in the reader's
                // words; the store applies it again under its version check.
                crate::domain::template::apply_edit(&content, edit.clone())
                    .map_err(|e| item_fields::template_refusal(lang, &e))?;
                templates::edit_draft(tx, &template, number, expected, edit)
            })
        })
        .await?;
    match result {
        Ok(_) => {
            let anchor = match &target {
                Target::Item(item) => item.clone(),
                Target::New(_) => input.new_key.trim().to_string(),
            };
            Ok(redirect(&format!(
                "/central/templates/{key}/versions/{number}#item-{anchor}"
            )))
        }
        Err(AppError::Validation { field, message, .. }) => {
            show_item(
                &signed,
                StatusCode::UNPROCESSABLE_ENTITY,
                (key, number),
                target,
                Some(input),
                Some((item_fields::form_field(&field), message)),
            )
            .await
        }
        Err(AppError::Conflict(_)) => {
            let message = crate::i18n::text(signed.lang, "central-stale-draft");
            show_item(
                &signed,
                StatusCode::CONFLICT,
                (key, number),
                target,
                Some(input),
                Some(("form".into(), message)),
            )
            .await
        }
        Err(e) => Err(PageError::from_app(signed.lang, e)),
    }
}
