//! Screen 6 of issue 15: the controller's own measures with status, due date and owner, and
//! coverage both ways (what each measure covers; the recommendations and risks nothing in
//! force covers), plus the form that adds or changes a measure (`UpsertMeasure`: title,
//! description, kind, status with its date, owner, review cadence, what it covers).

use actix_web::http::StatusCode;
use actix_web::web;
use minijinja::context;
use minijinja::value::Serde;
use serde::Serialize;

use super::form::FieldError;
use super::risks::Choice;
use super::write::{write, Refusal};
use super::{load, Loaded};
use crate::domain::assessment::{
    coverage, AssessmentCommand, EffectiveAssessment, Measure, MeasureStatus, LOCAL_KEY_PREFIX,
};
use crate::domain::template::{ItemKey, MeasureKind};
use crate::web::csrf::Posted;
use crate::web::errors::{redirect, PageError, PageResult};
use crate::web::render::render_status;
use crate::web::session::SignedIn;

#[derive(Serialize)]
struct Link {
    key: String,
    title: String,
}

#[derive(Serialize)]
struct MeasureRow {
    key: String,
    title: String,
    kind: &'static str,
    status: &'static str,
    date: String,
    owner: Option<String>,
    risks: Vec<Link>,
    recommendations: Vec<Link>,
}

fn risk_link(e: &EffectiveAssessment, key: &ItemKey) -> Link {
    Link {
        key: key.to_string(),
        title: e
            .risk(key.as_str())
            .map_or_else(|| key.to_string(), |r| r.risk.threat.clone()),
    }
}

fn rec_link(e: &EffectiveAssessment, key: &ItemKey) -> Link {
    Link {
        key: key.to_string(),
        title: e
            .recommendation(key.as_str())
            .map_or_else(|| key.to_string(), |r| r.recommendation.value.title.clone()),
    }
}

fn kind_name(kind: MeasureKind) -> &'static str {
    match kind {
        MeasureKind::Technical => "TECHNICAL",
        MeasureKind::Organisational => "ORGANISATIONAL",
    }
}

fn status_date(status: &MeasureStatus) -> String {
    match status {
        MeasureStatus::Planned { due } => due.to_string(),
        MeasureStatus::Implemented { on } | MeasureStatus::Retired { on } => on.to_string(),
    }
}

/// `GET /assessments/{id}/measures`: the measures and the coverage both ways.
pub async fn measures(signed: SignedIn, id: web::Path<String>) -> PageResult {
    let Loaded {
        head, effective, ..
    } = load(&signed, id.into_inner()).await?;
    let c = coverage(&effective);
    let rows: Vec<MeasureRow> = (effective.measures.iter())
        .map(|m| MeasureRow {
            key: m.key.to_string(),
            title: m.title.clone(),
            kind: kind_name(m.kind),
            status: m.status.as_str(),
            date: status_date(&m.status),
            owner: m.owner.clone(),
            risks: m
                .mitigates
                .iter()
                .map(|k| risk_link(&effective, k))
                .collect(),
            recommendations: (m.implements.iter())
                .map(|k| rec_link(&effective, k))
                .collect(),
        })
        .collect();
    let uncovered_recs: Vec<Link> = (c.uncovered_recommendations.iter())
        .map(|k| rec_link(&effective, k))
        .collect();
    let unmitigated: Vec<Link> = (c.unmitigated_risks.iter())
        .map(|k| risk_link(&effective, k))
        .collect();
    render_status(
        &signed.chrome,
        StatusCode::OK,
        "web/measures.html",
        context! {
            head => Serde(head),
            rows => Serde(rows),
            uncovered_recs => Serde(uncovered_recs),
            unmitigated => Serde(unmitigated),
        },
    )
}

/// What the measure form posted.
#[derive(Clone, Debug, Default, Serialize)]
pub struct MeasureInput {
    pub version: i64,
    pub key: String,
    pub title: String,
    pub description: String,
    pub kind: String,
    pub status: String,
    pub status_date: String,
    pub owner: String,
    pub review_cadence_months: String,
    pub mitigates: Vec<String>,
    pub implements: Vec<String>,
}

impl MeasureInput {
    fn of(m: &Measure, version: i64) -> Self {
        MeasureInput {
            version,
            key: m.key.to_string(),
            title: m.title.clone(),
            description: m.description.clone(),
            kind: kind_name(m.kind).to_owned(),
            status: m.status.as_str().to_owned(),
            status_date: status_date(&m.status),
            owner: m.owner.clone().unwrap_or_default(),
            review_cadence_months: (m.review_cadence_months)
                .map(|n| n.to_string())
                .unwrap_or_default(),
            mitigates: m.mitigates.iter().map(|k| k.to_string()).collect(),
            implements: m.implements.iter().map(|k| k.to_string()).collect(),
        }
    }

    fn from_pairs(pairs: &[(String, String)]) -> Self {
        let mut input = MeasureInput::default();
        for (name, value) in pairs {
            let v = value.clone();
            match name.as_str() {
                "version" => input.version = value.trim().parse().unwrap_or_default(),
                "key" => input.key = v.trim().to_owned(),
                "title" => input.title = v,
                "description" => input.description = v,
                "kind" => input.kind = v,
                "status" => input.status = v,
                "status_date" => input.status_date = v,
                "owner" => input.owner = v,
                "review_cadence_months" => input.review_cadence_months = v,
                "mitigates" => input.mitigates.push(v),
                "implements" => input.implements.push(v),
                _ => {}
            }
        }
        input
    }
}

/// A key for a new local item from its title: `local.<kind>.<words>` in key characters
/// (Danish letters spelled out), with a number when it is taken.
pub fn generated_key(kind: &str, title: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut slug = String::new();
    for c in title.to_lowercase().chars() {
        let part = match c {
            'æ' => "ae".to_owned(),
            'ø' => "oe".to_owned(),
            'å' => "aa".to_owned(),
            c if c.is_ascii_alphanumeric() => c.to_string(),
            _ => "-".to_owned(),
        };
        slug.push_str(&part);
    }
    let words: Vec<&str> = slug.split('-').filter(|w| !w.is_empty()).take(6).collect();
    let base = format!(
        "{LOCAL_KEY_PREFIX}{kind}.{}",
        if words.is_empty() {
            "ny".to_owned()
        } else {
            words.join("-")
        }
    );
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|k| !taken(k))
        .expect("a free key")
}

fn refuse(field: &str, message: &str) -> FieldError {
    FieldError {
        field: field.into(),
        message: message.into(),
    }
}

/// The measure a posted form describes. `existing` is the measure being changed (its key is
/// kept); a new one gets the typed key or one generated from the title.
pub fn measure_of(
    effective: &EffectiveAssessment,
    input: &MeasureInput,
    existing: Option<&Measure>,
) -> Result<Measure, FieldError> {
    let key = match existing {
        Some(m) => m.key.clone(),
        None if input.key.is_empty() => {
            let taken = |k: &str| {
                effective.measures.iter().any(|m| m.key.as_str() == k)
                    || effective.risk(k).is_some()
                    || effective.recommendation(k).is_some()
            };
            ItemKey::parse(&generated_key("measure", &input.title, taken))
                .map_err(|_| refuse("key", "measures-bad-key"))?
        }
        None => ItemKey::parse(&input.key).map_err(|_| refuse("key", "measures-bad-key"))?,
    };
    let kind = match input.kind.as_str() {
        "TECHNICAL" => MeasureKind::Technical,
        "ORGANISATIONAL" => MeasureKind::Organisational,
        _ => return Err(refuse("kind", "measures-choose-kind")),
    };
    let date = chrono::NaiveDate::parse_from_str(input.status_date.trim(), "%Y-%m-%d")
        .map_err(|_| refuse("status_date", "measures-date-required"));
    let status = match input.status.as_str() {
        "PLANNED" => MeasureStatus::Planned { due: date? },
        "IMPLEMENTED" => MeasureStatus::Implemented { on: date? },
        "RETIRED" => MeasureStatus::Retired { on: date? },
        _ => return Err(refuse("status", "measures-choose-status")),
    };
    let review_cadence_months = match input.review_cadence_months.trim() {
        "" => None,
        text => Some(
            text.parse::<u32>()
                .map_err(|_| refuse("review_cadence_months", "ws-not-a-number"))?,
        ),
    };
    let keys = |list: &[String], field: &str| {
        list.iter()
            .map(|k| ItemKey::parse(k).map_err(|_| refuse(field, "measures-bad-key")))
            .collect::<Result<Vec<_>, _>>()
    };
    Ok(Measure {
        key,
        title: input.title.trim().to_owned(),
        description: input.description.trim().to_owned(),
        kind,
        status,
        owner: Some(input.owner.trim().to_owned()).filter(|o| !o.is_empty()),
        review_cadence_months,
        mitigates: keys(&input.mitigates, "mitigates")?,
        implements: keys(&input.implements, "implements")?,
    })
}

#[allow(clippy::too_many_arguments)]
async fn measure_page(
    signed: &SignedIn,
    status: StatusCode,
    id: String,
    key: Option<String>,
    input: Option<MeasureInput>,
    error: Option<FieldError>,
    stale: bool,
) -> PageResult {
    let Loaded {
        head, effective, ..
    } = load(signed, id).await?;
    let existing = match &key {
        Some(k) => Some(
            (effective.measures.iter())
                .find(|m| m.key.as_str() == k)
                .ok_or(PageError::NotFound(signed.lang))?,
        ),
        None => None,
    };
    let current = existing.map(|m| MeasureInput::of(m, head.version));
    let input = input.or_else(|| current.clone()).unwrap_or(MeasureInput {
        version: head.version,
        kind: "ORGANISATIONAL".into(),
        status: "PLANNED".into(),
        ..MeasureInput::default()
    });
    let risks: Vec<Choice> = (effective.risks.iter())
        .map(|r| Choice {
            value: r.key.to_string(),
            label: r.risk.threat.clone(),
        })
        .collect();
    let recs: Vec<Choice> = (effective.recommendations.iter())
        .map(|r| Choice {
            value: r.recommendation.key.to_string(),
            label: r.recommendation.value.title.clone(),
        })
        .collect();
    let lang = signed.lang;
    let choices = |prefix: &str, values: &[&str]| -> Vec<Choice> {
        (values.iter())
            .map(|v| Choice {
                value: (*v).to_owned(),
                label: crate::i18n::text(lang, &format!("{prefix}{v}")),
            })
            .collect()
    };
    let (error_field, error) = error.map(|e| (e.field, e.message)).unzip();
    render_status(
        &signed.chrome,
        status,
        "web/measure.html",
        context! {
            head => Serde(head),
            is_new => existing.is_none(),
            input => Serde(input),
            current => Serde(current),
            risks => Serde(risks),
            recs => Serde(recs),
            kinds => Serde(choices("measures-kind-", &["ORGANISATIONAL", "TECHNICAL"])),
            statuses => Serde(choices("measures-status-", &["PLANNED", "IMPLEMENTED", "RETIRED"])),
            error_field => error_field,
            error => error,
            stale => stale,
        },
    )
}

/// `GET /assessments/{id}/measures/new`.
pub async fn new_form(signed: SignedIn, id: web::Path<String>) -> PageResult {
    measure_page(
        &signed,
        StatusCode::OK,
        id.into_inner(),
        None,
        None,
        None,
        false,
    )
    .await
}

/// `GET /assessments/{id}/measures/{key}`.
pub async fn edit_form(signed: SignedIn, path: web::Path<(String, String)>) -> PageResult {
    let (id, key) = path.into_inner();
    measure_page(&signed, StatusCode::OK, id, Some(key), None, None, false).await
}

async fn save(
    posted: Posted<Vec<(String, String)>>,
    id: String,
    key: Option<String>,
) -> PageResult {
    let signed = posted.guard.clone();
    let input = MeasureInput::from_pairs(&posted.form);
    let lang = signed.lang;
    let Loaded { effective, .. } = load(&signed, id.clone()).await?;
    let existing = match &key {
        Some(k) => Some(
            (effective.measures.iter())
                .find(|m| m.key.as_str() == k)
                .ok_or(PageError::NotFound(lang))?,
        ),
        None => None,
    };
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    let measure = match measure_of(&effective, &input, existing) {
        Ok(m) => m,
        Err(e) => {
            let e = FieldError {
                message: crate::i18n::text(lang, &e.message),
                ..e
            };
            return measure_page(&signed, unprocessable, id, key, Some(input), Some(e), false)
                .await;
        }
    };
    let saved_key = measure.key.to_string();
    let unchanged = existing == Some(&measure);
    let commands = if unchanged {
        Vec::new()
    } else {
        vec![AssessmentCommand::UpsertMeasure(measure)]
    };
    match write(&signed, &id, input.version, commands).await? {
        Ok(()) => Ok(redirect(&format!(
            "/assessments/{id}/measures#m-{saved_key}"
        ))),
        Err(Refusal::Stale) => {
            measure_page(
                &signed,
                StatusCode::CONFLICT,
                id,
                key,
                Some(input),
                None,
                true,
            )
            .await
        }
        Err(Refusal::Field(e)) => {
            measure_page(&signed, unprocessable, id, key, Some(input), Some(e), false).await
        }
    }
}

/// `POST /assessments/{id}/measures/new`: add a local measure.
pub async fn new_post(posted: Posted<Vec<(String, String)>>, id: web::Path<String>) -> PageResult {
    save(posted, id.into_inner(), None).await
}

/// `POST /assessments/{id}/measures/{key}`: change a measure.
pub async fn edit_post(
    posted: Posted<Vec<(String, String)>>,
    path: web::Path<(String, String)>,
) -> PageResult {
    let (id, key) = path.into_inner();
    save(posted, id, Some(key)).await
}

/// `POST /assessments/{id}/measures/{key}/remove`: remove a measure. The domain refuses it
/// while an answer or a lowered residual relies on it (retire it instead); the refusal is
/// shown on the measure's form.
pub async fn remove_post(
    posted: Posted<Vec<(String, String)>>,
    path: web::Path<(String, String)>,
) -> PageResult {
    let signed = posted.guard.clone();
    let (id, key) = path.into_inner();
    let input = MeasureInput::from_pairs(&posted.form);
    let measure_key = ItemKey::parse(&key).map_err(|_| PageError::NotFound(signed.lang))?;
    let command = AssessmentCommand::RemoveMeasure { measure_key };
    match write(&signed, &id, input.version, vec![command]).await? {
        Ok(()) => Ok(redirect(&format!("/assessments/{id}/measures"))),
        Err(Refusal::Stale) => {
            measure_page(
                &signed,
                StatusCode::CONFLICT,
                id,
                Some(key),
                None,
                None,
                true,
            )
            .await
        }
        Err(Refusal::Field(e)) => {
            let e = FieldError {
                field: "remove".into(),
                ..e
            };
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            measure_page(&signed, status, id, Some(key), None, Some(e), false).await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_key_is_local_readable_and_free() {
        let key = generated_key("measure", "Årlig GDPR-træning for alle!", |_| false);
        assert_eq!(key, "local.measure.aarlig-gdpr-traening-for-alle");
        assert!(ItemKey::parse(&key).is_ok());
        let next = generated_key("measure", "Årlig GDPR-træning for alle", |k| {
            k == "local.measure.aarlig-gdpr-traening-for-alle"
        });
        assert_eq!(next, "local.measure.aarlig-gdpr-traening-for-alle-2");
        assert_eq!(generated_key("risk", "§§", |_| false), "local.risk.ny");
    }
}
