//! The write of the risk, measure and recommendation forms: one batch of domain commands
//! through `audit::write` + `store::assessments::apply_commands` (one transaction, one
//! version check), as the GraphQL mutation does. A refusal comes back in the reader's words:
//! the batch is first tried on the loaded state with the pure `domain::assessment::apply`,
//! whose typed error names the field and has a Danish (or English) sentence here; the store's
//! own refusal (a race, or anything the dry run cannot see) is shown as the domain words it.

use crate::audit;
use crate::domain::assessment::{apply, AssessmentCommand, AssessmentError};
use crate::domain::risk_model::RiskLevel;
use crate::error::AppError;
use crate::i18n::{text_with, Arg, Lang};
use crate::store::assessments as store;
use crate::web::errors::PageError;
use crate::web::session::SignedIn;

use super::form::FieldError;

/// Why a form's write did not happen.
pub enum Refusal {
    /// Someone else wrote first: show the person's input beside the current values.
    Stale,
    /// The domain refused: the message beside the field it names (`field` is the domain's).
    Field(FieldError),
}

/// Applies `commands` to assessment `id` read at `version`. An empty batch writes nothing.
pub async fn write(
    signed: &SignedIn,
    id: &str,
    version: i64,
    commands: Vec<AssessmentCommand>,
) -> Result<Result<(), Refusal>, PageError> {
    if commands.is_empty() {
        return Ok(Ok(()));
    }
    let lang = signed.lang;
    let target = id.to_owned();
    let batch = commands.clone();
    let dry_run = signed
        .load(move |_, actor, conn| {
            let row = store::find(conn, actor, &target)?;
            if row.version != version {
                return Ok(Some(Refusal::Stale));
            }
            let (_, base) = store::base_of(conn, &row)?;
            let mut local = row.local()?;
            for command in &batch {
                match apply(&base, &local, command) {
                    Ok(next) => local = next,
                    Err(e) => return Ok(Some(Refusal::Field(refusal(lang, &e)))),
                }
            }
            Ok(None)
        })
        .await?;
    if let Some(refused) = dry_run {
        return Ok(Err(refused));
    }
    let target = id.to_owned();
    let result = signed
        .block(move |state, actor, _| {
            audit::write(&state.pool, actor, |tx| {
                store::apply_commands(tx, &target, version, &commands)
            })
        })
        .await?;
    match result.map_err(|e| match e {
        AppError::InCommand { error, .. } => *error,
        other => other,
    }) {
        Ok(_) => Ok(Ok(())),
        Err(AppError::Conflict(_)) => Ok(Err(Refusal::Stale)),
        Err(AppError::Validation { field, message, .. }) => {
            Ok(Err(Refusal::Field(FieldError { field, message })))
        }
        Err(e) => Err(PageError::from_app(lang, e)),
    }
}

fn level(lang: Lang, level: RiskLevel) -> String {
    crate::i18n::text(
        lang,
        &format!("risks-level-{}", super::risk_view::level_name(level)),
    )
}

/// The refusal in the reader's words, with the domain's field. Variants without a sentence
/// of their own keep the domain's (English) message.
pub fn refusal(lang: Lang, error: &AssessmentError) -> FieldError {
    use AssessmentError as E;
    let say = |key: &str, args: &[(&str, Arg<'_>)]| text_with(lang, key, args);
    let message = match error {
        E::MissingJustification { .. } => say("risks-refusal-justification", &[]),
        E::OutOfScale { max, .. } => say(
            "risks-refusal-out-of-scale",
            &[("max", Arg::Number(*max as i64))],
        ),
        E::ResidualAboveInherent {
            residual, inherent, ..
        } => say(
            "risks-refusal-residual-above",
            &[
                ("residual", Arg::Text(&level(lang, *residual))),
                ("inherent", Arg::Text(&level(lang, *inherent))),
            ],
        ),
        E::ReductionWithoutMeasure {
            residual, inherent, ..
        } => say(
            "risks-refusal-reduction-without-measure",
            &[
                ("residual", Arg::Text(&level(lang, *residual))),
                ("inherent", Arg::Text(&level(lang, *inherent))),
            ],
        ),
        E::ReductionWithoutRationale { .. } => say("risks-refusal-reduction-rationale", &[]),
        E::MissingAcceptance { .. } => say("risks-refusal-acceptance", &[]),
        E::PriorConsultationRequired { .. } => say("risks-refusal-prior-consultation", &[]),
        E::ResponseWithoutMeasure { .. } => say("risks-refusal-response-without-measure", &[]),
        E::EmptyText { .. } => say("risks-refusal-empty", &[]),
        E::DuplicateKey { .. } => say("risks-refusal-duplicate-key", &[]),
        E::NotALocalKey { .. } => say("risks-refusal-not-local-key", &[]),
        E::SameAsCentral { .. } => say("risks-refusal-same-as-central", &[]),
        E::ItemNotApplicable { .. } => say("risks-refusal-not-applicable", &[]),
        E::InvalidReviewCadence { .. } => say("risks-refusal-review-cadence", &[]),
        E::StillReferenced { by, .. } => {
            say("risks-refusal-still-referenced", &[("by", Arg::Text(by))])
        }
        E::DanglingReference { target, .. } => {
            say("risks-refusal-dangling", &[("target", Arg::Text(target))])
        }
        other => other.to_string(),
    };
    FieldError {
        field: error.field().to_owned(),
        message,
    }
}
