//! The assessment against its base (SPEC §4, issue 6): every place the controller departs from
//! the template — overridden fields (central → local, lowered or raised), completions, local
//! additions, items set aside, answers to recommendations, every `UNADDRESSED` one, and risks
//! whose residual level differs from the inherent level. What the authority reads first.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{
    Direction, EffectiveAssessment, EffectiveItem, FieldDeparture, ItemProvenance, Provenance,
    ResponseStatus, TreatmentDecision,
};
use crate::risk_model::RiskLevel;
use crate::template::{ItemKey, ItemKind};

/// One departure from the base.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Departure {
    /// The item departed from (or added).
    pub item_key: ItemKey,
    /// Its kind.
    pub item_kind: ItemKind,
    /// The scopes it belongs to (none for necessity questions).
    pub scopes: Vec<ItemKey>,
    /// For risks: the central, inherent and residual levels, for filtering by level.
    pub levels: Vec<RiskLevel>,
    /// What the departure is.
    pub change: Change,
}

/// What a departure is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Change {
    /// A field overridden with a justification.
    Overridden {
        /// The field.
        field: String,
        /// The template's value.
        central: Value,
        /// The controller's value.
        local: Value,
        /// Why.
        justification: String,
        /// Lowered, raised or changed.
        direction: Direction,
    },
    /// A field the template leaves to adopters, completed.
    Completed {
        /// The field.
        field: String,
        /// The controller's value.
        value: Value,
    },
    /// An item of the controller's own.
    Added,
    /// An inherited item that does not apply locally.
    NotApplicable {
        /// Why.
        justification: String,
    },
    /// A recommendation answered.
    Answered {
        /// The answer.
        status: ResponseStatus,
        /// Its justification, if any.
        justification: Option<String>,
    },
    /// A recommendation never answered.
    Unaddressed,
    /// A risk whose residual level differs from its inherent level.
    ResidualDiffers {
        /// The treatment decision.
        decision: TreatmentDecision,
        /// The inherent level.
        inherent: RiskLevel,
        /// The residual level.
        residual: RiskLevel,
    },
}

/// The kind of a [`Change`], for filtering.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[allow(missing_docs)] // One per variant of `Change`.
pub enum ChangeKind {
    Overridden,
    Completed,
    Added,
    NotApplicable,
    Answered,
    Unaddressed,
    ResidualDiffers,
}

impl Change {
    /// The kind of change.
    pub fn kind(&self) -> ChangeKind {
        match self {
            Change::Overridden { .. } => ChangeKind::Overridden,
            Change::Completed { .. } => ChangeKind::Completed,
            Change::Added => ChangeKind::Added,
            Change::NotApplicable { .. } => ChangeKind::NotApplicable,
            Change::Answered { .. } => ChangeKind::Answered,
            Change::Unaddressed => ChangeKind::Unaddressed,
            Change::ResidualDiffers { .. } => ChangeKind::ResidualDiffers,
        }
    }

    /// Whether this lowers a central value (SPEC §3: always marked).
    pub fn is_lowering(&self) -> bool {
        matches!(
            self,
            Change::Overridden {
                direction: Direction::Lowered,
                ..
            }
        )
    }
}

/// Which departures to list; an empty criterion lets everything through. An item without a
/// scope (or a level) is left out by a scope (or level) criterion. A risk matches a level when
/// its central, inherent or residual level is that level, so a lowered high risk shows under
/// `HIGH`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DiffFilter {
    /// Kinds of change to keep.
    pub changes: Vec<ChangeKind>,
    /// Kinds of item to keep.
    pub item_kinds: Vec<ItemKind>,
    /// Scope to keep.
    pub scope: Option<ItemKey>,
    /// Risk level to keep.
    pub level: Option<RiskLevel>,
}

impl DiffFilter {
    /// Whether a departure passes the filter.
    pub fn admits(&self, departure: &Departure) -> bool {
        (self.changes.is_empty() || self.changes.contains(&departure.change.kind()))
            && (self.item_kinds.is_empty() || self.item_kinds.contains(&departure.item_kind))
            && self
                .scope
                .as_ref()
                .is_none_or(|s| departure.scopes.contains(s))
            && self.level.is_none_or(|l| departure.levels.contains(&l))
    }
}

/// Every departure of an effective assessment from its base that passes `filter`, in
/// template order (scopes, activities, questions, risks, recommendations).
pub fn diff_against_base(assessment: &EffectiveAssessment, filter: &DiffFilter) -> Vec<Departure> {
    let mut all = Vec::new();
    for scope in &assessment.scopes {
        item_departures(
            &mut all,
            scope,
            ItemKind::Scope,
            std::slice::from_ref(&scope.key),
        );
    }
    for activity in &assessment.activities {
        let scopes = [activity.activity.value.scope.clone()];
        item_departures(
            &mut all,
            &activity.activity,
            ItemKind::ProcessingActivity,
            &scopes,
        );
        for c in &activity.data_subject_categories {
            item_departures(&mut all, c, ItemKind::DataSubjectCategory, &scopes);
        }
        for c in &activity.data_categories {
            item_departures(&mut all, c, ItemKind::DataCategory, &scopes);
        }
        for r in &activity.recipients {
            item_departures(&mut all, r, ItemKind::Recipient, &scopes);
        }
    }
    for q in &assessment.necessity_questions {
        item_departures(&mut all, q, ItemKind::NecessityQuestion, &[]);
    }
    for risk in &assessment.risks {
        let levels: Vec<RiskLevel> = (risk.central_level.into_iter())
            .chain([risk.inherent_level, risk.residual_level])
            .collect();
        let at = |change| Departure {
            item_key: risk.key.clone(),
            item_kind: ItemKind::Risk,
            scopes: vec![risk.risk.scope.clone()],
            levels: levels.clone(),
            change,
        };
        match &risk.provenance {
            ItemProvenance::Local => all.push(at(Change::Added)),
            ItemProvenance::NotApplicable { justification } => {
                all.push(at(Change::NotApplicable {
                    justification: justification.clone(),
                }))
            }
            ItemProvenance::Inherited | ItemProvenance::Overridden => {}
        }
        all.extend(risk.departures.iter().map(|d| at(field_change(d))));
        if let Some(treatment) = &risk.treatment {
            if risk.residual_level != risk.inherent_level {
                all.push(at(Change::ResidualDiffers {
                    decision: treatment.decision,
                    inherent: risk.inherent_level,
                    residual: risk.residual_level,
                }));
            }
        }
    }
    for recommendation in &assessment.recommendations {
        let item = &recommendation.recommendation;
        let scopes = item.value.scopes.clone();
        item_departures(&mut all, item, ItemKind::Recommendation, &scopes);
        let change = match (&recommendation.status, &recommendation.response) {
            (ResponseStatus::Unaddressed, _) | (_, None) => Change::Unaddressed,
            (status, Some(response)) => Change::Answered {
                status: *status,
                justification: response.justification.clone(),
            },
        };
        all.push(Departure {
            item_key: item.key.clone(),
            item_kind: ItemKind::Recommendation,
            scopes,
            levels: Vec::new(),
            change,
        });
    }
    all.retain(|d| filter.admits(d));
    all
}

/// The item-level and field-level departures of one generic item.
fn item_departures<T>(
    all: &mut Vec<Departure>,
    item: &EffectiveItem<T>,
    item_kind: ItemKind,
    scopes: &[ItemKey],
) {
    let at = |change| Departure {
        item_key: item.key.clone(),
        item_kind,
        scopes: scopes.to_vec(),
        levels: Vec::new(),
        change,
    };
    match &item.provenance {
        ItemProvenance::Local => all.push(at(Change::Added)),
        ItemProvenance::NotApplicable { justification } => all.push(at(Change::NotApplicable {
            justification: justification.clone(),
        })),
        ItemProvenance::Inherited | ItemProvenance::Overridden => {}
    }
    all.extend(item.departures.iter().map(|d| at(field_change(d))));
}

fn field_change(departure: &FieldDeparture) -> Change {
    match &departure.provenance {
        Provenance::Overridden {
            central,
            justification,
            direction,
        } => Change::Overridden {
            field: departure.field.clone(),
            central: central.clone(),
            local: departure.value.clone(),
            justification: justification.clone(),
            direction: *direction,
        },
        Provenance::Inherited | Provenance::Local | Provenance::NotApplicable { .. } => {
            Change::Completed {
                field: departure.field.clone(),
                value: departure.value.clone(),
            }
        }
    }
}
