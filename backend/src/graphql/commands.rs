//! Typed inputs of the assessment and adherence commands (SPEC §7: a typed input object for
//! every write). GraphQL has no input unions, so a command is a one-of input object: one
//! optional member per command kind, exactly one set. Inputs are parsed into the domain's
//! commands once, here; a malformed one is a `VALIDATION` error naming its index in the batch
//! (`extensions.commandIndex`), its field and, where there is one, its item key.

use chrono::NaiveDate;
use juniper::{GraphQLInputObject, Nullable};
use serde_json::Value;

use super::enums::{
    AnswerKind, Article6Basis, DataCategoryKind, MeasureKind, MeasureStatus, Obligation,
    ProcessingOperation, RecipientRole, ResolutionKind, ResponseKind, SecurityProperty,
    SpecialCategory, ThreatSource, TreatmentDecision,
};
use crate::domain::adherence::{AdherenceCommand, Answer, ClauseAnswer};
use crate::domain::assessment::{
    AssessmentCommand, Completion, ConflictResolution, Incident, LocalAddition, LocalNested,
    Measure, MeasureStatus as DomainMeasureStatus, NotApplicable, Override, Patch,
    PriorConsultation, RecommendationResponse, Resolution, ResponseKind as DomainResponseKind,
    RiskTreatment, SignOff, SignOffsUpdate,
};
use crate::domain::template::{
    DataCategory, DataSubjectCategory, ItemKey, LegalBasis, ProcessingActivity, Recipient,
    Recommendation, Risk,
};
use crate::error::{AppError, AppResult};

/// Parses a key given in `field`; a malformed key names itself and the field.
fn key(field: &str, text: &str) -> AppResult<ItemKey> {
    ItemKey::parse(text).map_err(|e| AppError::validation_at(field, text, e.to_string()))
}

fn keys(field: &str, texts: &[String]) -> AppResult<Vec<ItemKey>> {
    texts.iter().map(|t| key(field, t)).collect()
}

/// A value the command needs for this kind (e.g. `due` of a `PLANNED` answer).
fn required<T: Clone>(value: &Option<T>, field: &str, item_key: &str, why: &str) -> AppResult<T> {
    value.clone().ok_or_else(|| {
        AppError::validation_at(field, item_key, format!("`{field}` is required {why}"))
    })
}

fn small(value: i32, field: &str, item_key: &str) -> AppResult<u8> {
    u8::try_from(value).map_err(|_| {
        AppError::validation_at(
            field,
            item_key,
            format!("`{field}` must be a level of the risk model's scale, not {value}"),
        )
    })
}

/// The one member set of a one-of input, or an error naming the members that were set.
fn exactly_one<T>(input: &str, set: Vec<(&'static str, AppResult<T>)>) -> AppResult<T> {
    let mut set = set;
    match set.len() {
        1 => set
            .pop()
            .map(|(_, built)| built)
            .unwrap_or_else(|| unreachable!("one member")),
        0 => Err(AppError::validation(
            input,
            format!("set exactly one member of `{input}`; none is set"),
        )),
        _ => Err(AppError::validation(
            input,
            format!(
                "set exactly one member of `{input}`; {} are set: {}",
                set.len(),
                set.iter()
                    .map(|(name, _)| *name)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}

/// One write to an assessment: set exactly one member (docs/assessment-commands.md).
#[derive(GraphQLInputObject)]
pub struct AssessmentCommandInput {
    /// Replace an inherited value (or change an existing override), with a justification.
    pub set_override: Option<OverrideInput>,
    /// Return to the central value.
    pub clear_override: Option<ItemFieldInput>,
    /// Complete a field the template leaves to adopters.
    pub complete: Option<CompletionInput>,
    /// Remove a completion.
    pub clear_completion: Option<ItemFieldInput>,
    /// Add a local item, or replace the local item with the same key.
    pub upsert_local_item: Option<LocalItemInput>,
    /// Remove a local item; refused while anything refers to it.
    pub remove_local_item: Option<ItemKeyInput>,
    /// Set an inherited item aside, with a justification.
    pub mark_not_applicable: Option<NotApplicableInput>,
    /// Let an inherited item apply again.
    pub clear_not_applicable: Option<ItemKeyInput>,
    /// Record (or replace) the treatment of a risk.
    pub set_treatment: Option<TreatmentInput>,
    /// Remove the treatment of a risk.
    pub clear_treatment: Option<ItemKeyInput>,
    /// Add a measure, or replace the measure with the same key.
    pub upsert_measure: Option<MeasureInput>,
    /// Remove a measure (refused while an answer or lowered residual relies on it).
    pub remove_measure: Option<ItemKeyInput>,
    /// Answer a recommendation (or change the answer).
    pub set_response: Option<ResponseInput>,
    /// Withdraw an answer; the recommendation is `UNADDRESSED` again.
    pub clear_response: Option<ItemKeyInput>,
    /// Record an incident, or replace the incident with the same key.
    pub upsert_incident: Option<IncidentInput>,
    /// Remove an incident recorded by mistake.
    pub remove_incident: Option<ItemKeyInput>,
    /// Write the sign-offs and dates named; the others keep their value.
    pub set_sign_offs: Option<SignOffsInput>,
}

impl AssessmentCommandInput {
    /// The domain command, or the first thing wrong with the input.
    pub fn parse(self) -> AppResult<AssessmentCommand> {
        use AssessmentCommand as C;
        let mut set: Vec<(&'static str, AppResult<AssessmentCommand>)> = Vec::new();
        if let Some(v) = self.set_override {
            set.push(("setOverride", v.parse().map(C::SetOverride)));
        }
        if let Some(v) = self.clear_override {
            set.push((
                "clearOverride",
                key("itemKey", &v.item_key).map(|item_key| C::ClearOverride {
                    item_key,
                    field: v.field,
                }),
            ));
        }
        if let Some(v) = self.complete {
            set.push(("complete", v.parse().map(C::Complete)));
        }
        if let Some(v) = self.clear_completion {
            set.push((
                "clearCompletion",
                key("itemKey", &v.item_key).map(|item_key| C::ClearCompletion {
                    item_key,
                    field: v.field,
                }),
            ));
        }
        if let Some(v) = self.upsert_local_item {
            set.push(("upsertLocalItem", v.parse().map(C::UpsertLocalItem)));
        }
        if let Some(v) = self.remove_local_item {
            set.push((
                "removeLocalItem",
                v.key().map(|item_key| C::RemoveLocalItem { item_key }),
            ));
        }
        if let Some(v) = self.mark_not_applicable {
            set.push((
                "markNotApplicable",
                key("itemKey", &v.item_key).map(|item_key| {
                    C::MarkNotApplicable(NotApplicable {
                        item_key,
                        justification: v.justification,
                    })
                }),
            ));
        }
        if let Some(v) = self.clear_not_applicable {
            set.push((
                "clearNotApplicable",
                v.key().map(|item_key| C::ClearNotApplicable { item_key }),
            ));
        }
        if let Some(v) = self.set_treatment {
            set.push(("setTreatment", v.parse().map(C::SetTreatment)));
        }
        if let Some(v) = self.clear_treatment {
            set.push((
                "clearTreatment",
                v.key().map(|risk_key| C::ClearTreatment { risk_key }),
            ));
        }
        if let Some(v) = self.upsert_measure {
            set.push(("upsertMeasure", v.parse().map(C::UpsertMeasure)));
        }
        if let Some(v) = self.remove_measure {
            set.push((
                "removeMeasure",
                v.key().map(|measure_key| C::RemoveMeasure { measure_key }),
            ));
        }
        if let Some(v) = self.set_response {
            set.push(("setResponse", v.parse().map(C::SetResponse)));
        }
        if let Some(v) = self.clear_response {
            set.push((
                "clearResponse",
                v.key()
                    .map(|recommendation_key| C::ClearResponse { recommendation_key }),
            ));
        }
        if let Some(v) = self.upsert_incident {
            set.push(("upsertIncident", v.parse().map(C::UpsertIncident)));
        }
        if let Some(v) = self.remove_incident {
            set.push((
                "removeIncident",
                v.key()
                    .map(|incident_key| C::RemoveIncident { incident_key }),
            ));
        }
        if let Some(v) = self.set_sign_offs {
            set.push(("setSignOffs", Ok(C::SetSignOffs(v.parse()))));
        }
        exactly_one("command", set)
    }
}

/// An item, by key.
#[derive(GraphQLInputObject)]
pub struct ItemKeyInput {
    pub item_key: String,
}

impl ItemKeyInput {
    fn key(&self) -> AppResult<ItemKey> {
        key("itemKey", &self.item_key)
    }
}

/// A field of an item.
#[derive(GraphQLInputObject)]
pub struct ItemFieldInput {
    pub item_key: String,
    /// The field's name in the item's JSON view, e.g. `likelihood` or `count`.
    pub field: String,
}

/// A value for an overridden or completed field: set exactly one member, the one of the
/// field's type (`int` for a likelihood or a count, `textList` for purposes or operations).
#[derive(GraphQLInputObject)]
pub struct FieldValueInput {
    pub int: Option<i32>,
    pub text: Option<String>,
    pub bool: Option<bool>,
    pub text_list: Option<Vec<String>>,
    pub legal_bases: Option<Vec<LegalBasisInput>>,
    /// `true` for no value (a field that may be empty, e.g. `retention`).
    pub none: Option<bool>,
}

impl FieldValueInput {
    fn parse(self, item_key: &str) -> AppResult<Value> {
        let mut set: Vec<(&'static str, AppResult<Value>)> = Vec::new();
        if let Some(v) = self.int {
            set.push(("int", Ok(Value::from(v))));
        }
        if let Some(v) = self.text {
            set.push(("text", Ok(Value::from(v))));
        }
        if let Some(v) = self.bool {
            set.push(("bool", Ok(Value::from(v))));
        }
        if let Some(v) = self.text_list {
            set.push(("textList", Ok(Value::from(v))));
        }
        if let Some(v) = self.legal_bases {
            let bases: Vec<LegalBasis> = v.into_iter().map(LegalBasisInput::parse).collect();
            set.push((
                "legalBases",
                serde_json::to_value(bases).map_err(|e| AppError::Internal(e.to_string())),
            ));
        }
        if let Some(none) = self.none {
            set.push((
                "none",
                if none {
                    Ok(Value::Null)
                } else {
                    Err(AppError::validation_at(
                        "value",
                        item_key,
                        "`none` can only be true",
                    ))
                },
            ));
        }
        exactly_one("value", set).map_err(|e| match e {
            AppError::Validation { field, message, .. } => AppError::Validation {
                field,
                item_key: Some(item_key.to_owned()),
                message,
            },
            other => other,
        })
    }
}

/// A local value in place of an inherited one.
#[derive(GraphQLInputObject)]
pub struct OverrideInput {
    pub item_key: String,
    /// The field's name in the item's JSON view, e.g. `likelihood`.
    pub field: String,
    pub value: FieldValueInput,
    /// Why the local value differs; never empty.
    pub justification: String,
}

impl OverrideInput {
    fn parse(self) -> AppResult<Override> {
        Ok(Override {
            item_key: key("itemKey", &self.item_key)?,
            value: self.value.parse(&self.item_key)?,
            field: self.field,
            justification: self.justification,
        })
    }
}

/// A value for a field the template leaves to each adopter.
#[derive(GraphQLInputObject)]
pub struct CompletionInput {
    pub item_key: String,
    /// E.g. `count` of a data-subject category, `retention` of an activity.
    pub field: String,
    pub value: FieldValueInput,
}

impl CompletionInput {
    fn parse(self) -> AppResult<Completion> {
        Ok(Completion {
            item_key: key("itemKey", &self.item_key)?,
            value: self.value.parse(&self.item_key)?,
            field: self.field,
        })
    }
}

/// An inherited item set aside.
#[derive(GraphQLInputObject)]
pub struct NotApplicableInput {
    pub item_key: String,
    /// Why it does not apply; never empty.
    pub justification: String,
}

/// The treatment of a risk, residual likelihood and consequence stated explicitly.
#[derive(GraphQLInputObject)]
pub struct TreatmentInput {
    pub risk_key: String,
    pub decision: TreatmentDecision,
    pub residual_likelihood: i32,
    pub residual_consequence: i32,
    pub rationale: String,
    /// Who accepted the residual risk (required for `ACCEPT`).
    pub accepted_by: Option<String>,
    pub accepted_on: Option<NaiveDate>,
}

impl TreatmentInput {
    fn parse(self) -> AppResult<RiskTreatment> {
        Ok(RiskTreatment {
            risk_key: key("riskKey", &self.risk_key)?,
            decision: self.decision.into(),
            residual_likelihood: small(
                self.residual_likelihood,
                "residualLikelihood",
                &self.risk_key,
            )?,
            residual_consequence: small(
                self.residual_consequence,
                "residualConsequence",
                &self.risk_key,
            )?,
            rationale: self.rationale,
            accepted_by: self.accepted_by,
            accepted_on: self.accepted_on,
        })
    }
}

/// A local measure and what it covers.
#[derive(GraphQLInputObject)]
pub struct MeasureInput {
    /// A new key starts with `local.`.
    pub key: String,
    pub title: String,
    pub description: String,
    pub kind: MeasureKind,
    pub status: MeasureStatus,
    /// The due date of a planned measure, else the day it was implemented or retired.
    pub status_date: NaiveDate,
    pub owner: Option<String>,
    pub review_cadence_months: Option<i32>,
    /// Risks it mitigates.
    pub mitigates: Option<Vec<String>>,
    /// Recommendations it implements.
    pub implements: Option<Vec<String>>,
}

impl MeasureInput {
    fn parse(self) -> AppResult<Measure> {
        let day = self.status_date;
        let review_cadence_months = match self.review_cadence_months {
            None => None,
            Some(months) => Some(u32::try_from(months).map_err(|_| {
                AppError::validation_at("reviewCadenceMonths", &self.key, "must not be negative")
            })?),
        };
        Ok(Measure {
            key: key("key", &self.key)?,
            title: self.title,
            description: self.description,
            kind: self.kind.into(),
            status: match self.status {
                MeasureStatus::Planned => DomainMeasureStatus::Planned { due: day },
                MeasureStatus::Implemented => DomainMeasureStatus::Implemented { on: day },
                MeasureStatus::Retired => DomainMeasureStatus::Retired { on: day },
            },
            owner: self.owner,
            review_cadence_months,
            mitigates: keys("mitigates", &self.mitigates.unwrap_or_default())?,
            implements: keys("implements", &self.implements.unwrap_or_default())?,
        })
    }
}

/// The answer to a central (or local) recommendation.
#[derive(GraphQLInputObject)]
pub struct ResponseInput {
    pub recommendation_key: String,
    pub response: ResponseKind,
    /// Required for `PLANNED`.
    pub due: Option<NaiveDate>,
    /// Required for `ALTERNATIVE` and `NOT_APPLICABLE`.
    pub justification: Option<String>,
}

impl ResponseInput {
    fn parse(self) -> AppResult<RecommendationResponse> {
        let response = match self.response {
            ResponseKind::Implemented => DomainResponseKind::Implemented,
            ResponseKind::PartiallyImplemented => DomainResponseKind::PartiallyImplemented,
            ResponseKind::Planned => DomainResponseKind::Planned {
                due: required(
                    &self.due,
                    "due",
                    &self.recommendation_key,
                    "for a PLANNED response",
                )?,
            },
            ResponseKind::Alternative => DomainResponseKind::Alternative,
            ResponseKind::NotApplicable => DomainResponseKind::NotApplicable,
        };
        Ok(RecommendationResponse {
            recommendation_key: key("recommendationKey", &self.recommendation_key)?,
            response,
            justification: self.justification,
        })
    }
}

/// A personal-data breach relevant to this processing.
#[derive(GraphQLInputObject)]
pub struct IncidentInput {
    /// A new key starts with `local.`.
    pub key: String,
    pub occurred_on: NaiveDate,
    pub description: String,
    /// The risks it bears on.
    pub risks: Option<Vec<String>>,
    pub notified_art33: bool,
    pub notified_art34: bool,
}

impl IncidentInput {
    fn parse(self) -> AppResult<Incident> {
        Ok(Incident {
            key: key("key", &self.key)?,
            occurred_on: self.occurred_on,
            description: self.description,
            risks: keys("risks", &self.risks.unwrap_or_default())?,
            notified_art33: self.notified_art33,
            notified_art34: self.notified_art34,
        })
    }
}

/// A named person's signature on a date.
#[derive(GraphQLInputObject)]
pub struct SignOffInput {
    /// Name and role, e.g. "Jane Doe, DPO".
    pub by: String,
    pub on: NaiveDate,
    /// The opinion or remarks; required for the DPO opinion.
    pub text: Option<String>,
}

impl SignOffInput {
    fn parse(self) -> SignOff {
        SignOff {
            by: self.by,
            on: self.on,
            text: self.text,
        }
    }
}

/// The Art. 36 decision.
#[derive(GraphQLInputObject)]
pub struct PriorConsultationInput {
    pub decided_on: NaiveDate,
    /// Whether the authority must be consulted (it must when a residual risk is `HIGH`).
    pub required: bool,
    pub reference: Option<String>,
    pub outcome: Option<String>,
}

/// Sign-offs and dates: a member left out keeps its value, a member sent as `null` is cleared.
/// Management approval is not here: only `approveAssessment` records it, after the checks.
#[derive(GraphQLInputObject)]
pub struct SignOffsInput {
    /// The DPO's opinion (Art. 35(2)); its `text` is the opinion.
    pub dpo_opinion: Nullable<SignOffInput>,
    /// The system owner's approval.
    pub system_owner: Nullable<SignOffInput>,
    /// The decision on prior consultation (Art. 36).
    pub prior_consultation: Nullable<PriorConsultationInput>,
    /// When processing started or will start.
    pub processing_started_on: Nullable<NaiveDate>,
    /// The next review, at most 12 months after management approval.
    pub next_review_on: Nullable<NaiveDate>,
}

fn patch<T, U>(value: Nullable<T>, parse: impl FnOnce(T) -> U) -> Patch<U> {
    match value {
        Nullable::ImplicitNull => Patch::Keep,
        Nullable::ExplicitNull => Patch::Clear,
        Nullable::Some(v) => Patch::Set(parse(v)),
    }
}

impl SignOffsInput {
    fn parse(self) -> SignOffsUpdate {
        SignOffsUpdate {
            dpo_opinion: patch(self.dpo_opinion, SignOffInput::parse),
            system_owner: patch(self.system_owner, SignOffInput::parse),
            management_approval: Patch::Keep,
            prior_consultation: patch(self.prior_consultation, |c| PriorConsultation {
                decided_on: c.decided_on,
                required: c.required,
                reference: c.reference,
                outcome: c.outcome,
            }),
            processing_started_on: patch(self.processing_started_on, |d| d),
            next_review_on: patch(self.next_review_on, |d| d),
        }
    }
}

/// A local item of one kind: set exactly one member.
#[derive(GraphQLInputObject)]
pub struct LocalItemInput {
    pub activity: Option<ActivityInput>,
    pub data_subject_category: Option<DataSubjectCategoryInput>,
    pub data_category: Option<DataCategoryInput>,
    pub recipient: Option<RecipientInput>,
    pub risk: Option<RiskInput>,
    pub recommendation: Option<RecommendationInput>,
}

impl LocalItemInput {
    fn parse(self) -> AppResult<LocalAddition> {
        let mut set: Vec<(&'static str, AppResult<LocalAddition>)> = Vec::new();
        if let Some(v) = self.activity {
            set.push(("activity", v.parse().map(LocalAddition::Activity)));
        }
        if let Some(v) = self.data_subject_category {
            set.push((
                "dataSubjectCategory",
                nested(v.activity_key.clone(), v.parse()).map(LocalAddition::DataSubjectCategory),
            ));
        }
        if let Some(v) = self.data_category {
            set.push((
                "dataCategory",
                nested(v.activity_key.clone(), v.parse()).map(LocalAddition::DataCategory),
            ));
        }
        if let Some(v) = self.recipient {
            set.push((
                "recipient",
                nested(v.activity_key.clone(), v.parse()).map(LocalAddition::Recipient),
            ));
        }
        if let Some(v) = self.risk {
            set.push(("risk", v.parse().map(LocalAddition::Risk)));
        }
        if let Some(v) = self.recommendation {
            set.push((
                "recommendation",
                v.parse().map(LocalAddition::Recommendation),
            ));
        }
        exactly_one("upsertLocalItem", set)
    }
}

/// A nested local item needs the activity it belongs to.
fn nested<T>(
    activity_key: Option<String>,
    item: AppResult<(String, T)>,
) -> AppResult<LocalNested<T>> {
    let (item_key, item) = item?;
    let activity_key = activity_key.ok_or_else(|| {
        AppError::validation_at(
            "activityKey",
            &item_key,
            "a local item of an activity names the activity (`activityKey`)",
        )
    })?;
    Ok(LocalNested {
        activity_key: key("activityKey", &activity_key)?,
        item,
    })
}

/// The lawful basis of one processing activity.
#[derive(GraphQLInputObject)]
pub struct LegalBasisInput {
    pub article6: Article6Basis,
    pub article9: Option<String>,
    pub article10: Option<String>,
    pub national_law: Option<String>,
}

impl LegalBasisInput {
    fn parse(self) -> LegalBasis {
        LegalBasis {
            article_6: self.article6.into(),
            article_9: self.article9,
            article_10: self.article10,
            national_law: self.national_law,
        }
    }
}

/// A local processing activity, with nested items of its own.
#[derive(GraphQLInputObject)]
pub struct ActivityInput {
    pub key: String,
    pub scope: String,
    pub title: String,
    pub description: String,
    pub operations: Vec<ProcessingOperation>,
    pub purposes: Vec<String>,
    pub legal_bases: Vec<LegalBasisInput>,
    pub data_subject_categories: Option<Vec<DataSubjectCategoryInput>>,
    pub data_categories: Option<Vec<DataCategoryInput>>,
    pub sources: Option<Vec<String>>,
    pub recipients: Option<Vec<RecipientInput>>,
    pub retention: Option<String>,
    pub new_technology: Option<String>,
}

impl ActivityInput {
    fn parse(self) -> AppResult<ProcessingActivity> {
        Ok(ProcessingActivity {
            key: key("key", &self.key)?,
            scope: key("scope", &self.scope)?,
            title: self.title,
            description: self.description,
            operations: self.operations.into_iter().map(Into::into).collect(),
            purposes: self.purposes,
            legal_bases: self
                .legal_bases
                .into_iter()
                .map(LegalBasisInput::parse)
                .collect(),
            data_subject_categories: (self.data_subject_categories.unwrap_or_default().into_iter())
                .map(|c| c.parse().map(|(_, c)| c))
                .collect::<AppResult<_>>()?,
            data_categories: (self.data_categories.unwrap_or_default().into_iter())
                .map(|c| c.parse().map(|(_, c)| c))
                .collect::<AppResult<_>>()?,
            sources: self.sources.unwrap_or_default(),
            recipients: (self.recipients.unwrap_or_default().into_iter())
                .map(|c| c.parse().map(|(_, c)| c))
                .collect::<AppResult<_>>()?,
            retention: self.retention,
            new_technology: self.new_technology,
            to_be_completed_by_adopter: Vec::new(),
        })
    }
}

/// A category of data subjects (local, or nested in a local activity).
#[derive(GraphQLInputObject)]
pub struct DataSubjectCategoryInput {
    /// The activity it belongs to; required unless nested in `activity`.
    pub activity_key: Option<String>,
    pub key: String,
    pub name: String,
    pub count: Option<i32>,
}

impl DataSubjectCategoryInput {
    fn parse(self) -> AppResult<(String, DataSubjectCategory)> {
        let count = match self.count {
            None => None,
            Some(n) => Some(u64::try_from(n).map_err(|_| {
                AppError::validation_at("count", &self.key, "must not be negative")
            })?),
        };
        Ok((
            self.key.clone(),
            DataSubjectCategory {
                key: key("key", &self.key)?,
                name: self.name,
                count,
            },
        ))
    }
}

/// A category of personal data (local, or nested in a local activity).
#[derive(GraphQLInputObject)]
pub struct DataCategoryInput {
    /// The activity it belongs to; required unless nested in `activity`.
    pub activity_key: Option<String>,
    pub key: String,
    pub kind: DataCategoryKind,
    /// For `SPECIAL`: which special category.
    pub special_category: Option<SpecialCategory>,
    pub description: String,
}

impl DataCategoryInput {
    fn parse(self) -> AppResult<(String, DataCategory)> {
        Ok((
            self.key.clone(),
            DataCategory {
                key: key("key", &self.key)?,
                kind: self.kind.into(),
                special_category: self.special_category.map(Into::into),
                description: self.description,
            },
        ))
    }
}

/// A recipient of personal data (local, or nested in a local activity).
#[derive(GraphQLInputObject)]
pub struct RecipientInput {
    /// The activity it belongs to; required unless nested in `activity`.
    pub activity_key: Option<String>,
    pub key: String,
    pub name: String,
    pub role: RecipientRole,
    pub own_purposes: Option<Vec<String>>,
    pub legal_basis_for_disclosure: Option<String>,
    pub location: String,
    pub third_country: bool,
    pub transfer_basis: Option<String>,
    pub anonymised_before_transfer: Option<bool>,
}

impl RecipientInput {
    fn parse(self) -> AppResult<(String, Recipient)> {
        Ok((
            self.key.clone(),
            Recipient {
                key: key("key", &self.key)?,
                name: self.name,
                role: self.role.into(),
                own_purposes: self.own_purposes.unwrap_or_default(),
                legal_basis_for_disclosure: self.legal_basis_for_disclosure,
                location: self.location,
                third_country: self.third_country,
                transfer_basis: self.transfer_basis,
                anonymised_before_transfer: self.anonymised_before_transfer,
            },
        ))
    }
}

/// A local risk, rated on the base's risk model.
#[derive(GraphQLInputObject)]
pub struct RiskInput {
    pub key: String,
    pub scope: String,
    pub threat: String,
    pub description: String,
    pub threat_source: ThreatSource,
    pub affected_properties: Vec<SecurityProperty>,
    pub likelihood: i32,
    pub consequence: i32,
    pub rationale: String,
}

impl RiskInput {
    fn parse(self) -> AppResult<Risk> {
        Ok(Risk {
            likelihood: small(self.likelihood, "likelihood", &self.key)?,
            consequence: small(self.consequence, "consequence", &self.key)?,
            key: key("key", &self.key)?,
            scope: key("scope", &self.scope)?,
            threat: self.threat,
            description: self.description,
            threat_source: self.threat_source.into(),
            affected_properties: self
                .affected_properties
                .into_iter()
                .map(Into::into)
                .collect(),
            rationale: self.rationale,
        })
    }
}

/// A local recommendation.
#[derive(GraphQLInputObject)]
pub struct RecommendationInput {
    pub key: String,
    pub scopes: Vec<String>,
    pub title: String,
    pub text: String,
    pub kind: MeasureKind,
    pub obligation: Obligation,
    pub addresses_risks: Option<Vec<String>>,
}

impl RecommendationInput {
    fn parse(self) -> AppResult<Recommendation> {
        Ok(Recommendation {
            key: key("key", &self.key)?,
            scopes: keys("scopes", &self.scopes)?,
            title: self.title,
            text: self.text,
            kind: self.kind.into(),
            obligation: self.obligation.into(),
            addresses_risks: keys("addressesRisks", &self.addresses_risks.unwrap_or_default())?,
        })
    }
}

/// One write to an adherence: set exactly one member.
#[derive(GraphQLInputObject)]
pub struct AdherenceCommandInput {
    /// Answer a clause (or change the answer).
    pub set_answer: Option<ClauseAnswerInput>,
    /// Withdraw an answer (or drop one retained from a removed clause).
    pub clear_answer: Option<ClauseKeyInput>,
}

/// A clause, by key.
#[derive(GraphQLInputObject)]
pub struct ClauseKeyInput {
    pub clause_key: String,
}

/// The answer to a clause; the members a kind needs are named in their descriptions.
#[derive(GraphQLInputObject)]
pub struct ClauseAnswerInput {
    pub clause_key: String,
    pub answer: AnswerKind,
    /// `COMPLIANT`: what shows compliance.
    pub evidence: Option<String>,
    /// `COMPLIANT`: the local measures that implement the clause.
    pub measures: Option<Vec<String>>,
    /// `DEVIATION`, `NOT_APPLICABLE`: why.
    pub justification: Option<String>,
    /// `DEVIATION`: what the controller does instead.
    pub compensating_measure: Option<String>,
}

impl AdherenceCommandInput {
    pub fn parse(self) -> AppResult<AdherenceCommand> {
        let mut set: Vec<(&'static str, AppResult<AdherenceCommand>)> = Vec::new();
        if let Some(v) = self.set_answer {
            set.push(("setAnswer", v.parse().map(AdherenceCommand::SetAnswer)));
        }
        if let Some(v) = self.clear_answer {
            set.push((
                "clearAnswer",
                key("clauseKey", &v.clause_key)
                    .map(|clause_key| AdherenceCommand::ClearAnswer { clause_key }),
            ));
        }
        exactly_one("command", set)
    }
}

impl ClauseAnswerInput {
    fn parse(self) -> AppResult<ClauseAnswer> {
        let k = &self.clause_key;
        let answer = match self.answer {
            AnswerKind::Compliant => Answer::Compliant {
                evidence: required(&self.evidence, "evidence", k, "for a COMPLIANT answer")?,
                measures: keys("measures", self.measures.as_deref().unwrap_or_default())?,
            },
            AnswerKind::Deviation => Answer::Deviation {
                justification: required(
                    &self.justification,
                    "justification",
                    k,
                    "for a DEVIATION",
                )?,
                compensating_measure: required(
                    &self.compensating_measure,
                    "compensatingMeasure",
                    k,
                    "for a DEVIATION",
                )?,
            },
            AnswerKind::NotApplicable => Answer::NotApplicable {
                justification: required(
                    &self.justification,
                    "justification",
                    k,
                    "for a NOT_APPLICABLE answer",
                )?,
            },
        };
        Ok(ClauseAnswer {
            clause_key: key("clauseKey", k)?,
            answer,
        })
    }
}

/// How one conflict of an upgrade preview is resolved.
#[derive(GraphQLInputObject)]
pub struct ConflictResolutionInput {
    /// The conflict's `itemKey`.
    pub item_key: String,
    /// The conflict's `field`; absent for a removed item.
    pub field: Option<String>,
    pub resolution: ResolutionKind,
    /// Required for `KEEP_LOCAL`.
    pub justification: Option<String>,
}

/// Parses the resolutions of an upgrade; an error names the resolution's index.
pub fn parse_resolutions(
    resolutions: Option<Vec<ConflictResolutionInput>>,
) -> AppResult<Vec<ConflictResolution>> {
    (resolutions.unwrap_or_default().into_iter().enumerate())
        .map(|(index, r)| {
            let parsed = (|| {
                let resolution = match r.resolution {
                    ResolutionKind::KeepLocal => Resolution::KeepLocal {
                        justification: required(
                            &r.justification,
                            "justification",
                            &r.item_key,
                            "to keep the local value",
                        )?,
                    },
                    ResolutionKind::TakeCentral => Resolution::TakeCentral,
                };
                Ok(ConflictResolution {
                    item_key: key("itemKey", &r.item_key)?,
                    field: r.field,
                    resolution,
                })
            })();
            parsed.map_err(|e: AppError| e.in_command(index))
        })
        .collect()
}

/// Parses a batch of commands; an error names the command's index.
pub fn parse_all<I, T>(inputs: Vec<I>, parse: impl Fn(I) -> AppResult<T>) -> AppResult<Vec<T>> {
    (inputs.into_iter().enumerate())
        .map(|(index, input)| parse(input).map_err(|e| e.in_command(index)))
        .collect()
}
