//! The check thresholds of one template (issue 16, screen 2): how many high risks one measure
//! may carry alone and how often an assessment is reviewed. Shown and set on the template's
//! page; saved through `store::templates::set_check_settings` (owner editors only, audited),
//! the same store call as the GraphQL mutation. The domain's `CheckSettings::new` validates.

use actix_web::http::StatusCode;
use actix_web::web;
use serde::{Deserialize, Serialize};

use super::require_central;
use crate::audit;
use crate::domain::checks::CheckSettings;
use crate::error::AppError;
use crate::i18n::{text, Lang};
use crate::store::templates;
use crate::web::csrf::Posted;
use crate::web::errors::{redirect, PageError, PageResult};

/// The thresholds as the form shows them: the stored values, or the person's input.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Thresholds {
    pub max_high_risks_single_measure: String,
    pub review_interval_months: String,
}

impl From<&CheckSettings> for Thresholds {
    fn from(settings: &CheckSettings) -> Self {
        Thresholds {
            max_high_risks_single_measure: settings.max_high_risks_single_measure().to_string(),
            review_interval_months: settings.review_interval_months().to_string(),
        }
    }
}

/// The settings the form asks for, or the field to show a refusal beside (in `lang`).
pub fn parse(lang: Lang, input: &Thresholds) -> Result<CheckSettings, AppError> {
    let max: usize = input
        .max_high_risks_single_measure
        .trim()
        .parse()
        .map_err(|_| {
            AppError::validation(
                "max_high_risks_single_measure",
                text(lang, "central-refused-whole-number"),
            )
        })?;
    let months: u32 = input.review_interval_months.trim().parse().map_err(|_| {
        AppError::validation(
            "review_interval_months",
            text(lang, "central-refused-months"),
        )
    })?;
    CheckSettings::new(max, months)
        .map_err(|e| AppError::validation(e.field(), text(lang, "central-refused-months")))
}

/// `POST /central/templates/{key}/checks`: sets the template's check thresholds.
pub async fn save(posted: Posted<Thresholds>, path: web::Path<String>) -> PageResult {
    let signed = posted.guard.clone();
    require_central(&signed)?;
    let key = path.into_inner();
    let input = posted.form;
    let settings = match parse(signed.lang, &input) {
        Ok(settings) => settings,
        Err(AppError::Validation { field, message, .. }) => {
            return super::templates::show(
                &signed,
                StatusCode::UNPROCESSABLE_ENTITY,
                key,
                Some(input),
                Some((field, message)),
            )
            .await
        }
        Err(e) => return Err(PageError::from_app(signed.lang, e)),
    };
    let k = key.clone();
    let saved = signed
        .block(move |state, actor, _| {
            audit::write(&state.pool, actor, |tx| {
                let template = templates::find_by_key(tx.conn(), actor, &k)?;
                if template.owner_org_id != actor.org_id {
                    return Err(AppError::not_found("template"));
                }
                templates::set_check_settings(tx, &template, &settings)
            })
        })
        .await?;
    match saved {
        Ok(_) => Ok(redirect(&format!("/central/templates/{key}#checks"))),
        Err(e) => Err(PageError::from_app(signed.lang, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(max: &str, months: &str) -> Thresholds {
        Thresholds {
            max_high_risks_single_measure: max.into(),
            review_interval_months: months.into(),
        }
    }

    #[test]
    fn thresholds_are_read_and_refusals_name_their_field() {
        let ok = parse(Lang::Da, &input("3", " 6 ")).expect("valid");
        assert_eq!(ok.max_high_risks_single_measure(), 3);
        assert_eq!(ok.review_interval_months(), 6);
        for (given, field) in [
            (input("-1", "12"), "max_high_risks_single_measure"),
            (input("x", "12"), "max_high_risks_single_measure"),
            (input("5", "13"), "review_interval_months"),
            (input("5", "0"), "review_interval_months"),
            (input("5", "2147483648"), "review_interval_months"),
        ] {
            match parse(Lang::Da, &given) {
                Err(AppError::Validation { field: f, .. }) => assert_eq!(f, field, "{given:?}"),
                other => panic!("{given:?} gave {other:?}"),
            }
        }
    }
}
