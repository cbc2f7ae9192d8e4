//! Effective risks (SPEC §2 "risk treatment", §3): inherent likelihood and consequence with
//! provenance, levels derived from the matrix (never stored), the treatment, the residual
//! level, and the measures that mitigate the risk. Typed throughout: this is the hot path of
//! the effective assessment.

use serde::{Deserialize, Serialize};

use super::items::{departure, item_provenance};
use super::MeasureRef;
use crate::assessment::fields::{with_fields, BaseItem};
use crate::assessment::lookup::Lookup;
use crate::assessment::{
    AssessmentError, EffectiveValue, FieldDeparture, ItemProvenance, Override, Provenance,
    RiskTreatment,
};
use crate::risk_model::{RiskLevel, RiskModel};
use crate::template::{ItemKey, Risk};

/// One risk of the effective assessment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EffectiveRisk {
    /// The risk's key.
    pub key: ItemKey,
    /// Inherited, overridden, local or not applicable.
    pub provenance: ItemProvenance,
    /// The effective risk: the central one with overrides applied, or the local one.
    pub risk: Risk,
    /// Overridden fields with their central values.
    pub departures: Vec<FieldDeparture>,
    /// The inherent likelihood and where it comes from.
    pub likelihood: EffectiveValue<u8>,
    /// The inherent consequence and where it comes from.
    pub consequence: EffectiveValue<u8>,
    /// The level of the central rating; `None` for a local risk.
    pub central_level: Option<RiskLevel>,
    /// The level of the inherent (effective) rating.
    pub inherent_level: RiskLevel,
    /// The controller's treatment, `None` while the risk is untreated.
    pub treatment: Option<RiskTreatment>,
    /// The level of the residual rating; the inherent level while untreated, since nothing
    /// has reduced it.
    pub residual_level: RiskLevel,
    /// The measures that mitigate the risk, in the order they are held.
    pub measures: Vec<MeasureRef>,
    /// Keys of the incidents in which the risk materialised.
    pub incidents: Vec<ItemKey>,
}

impl EffectiveRisk {
    /// Whether the risk applies locally.
    pub fn is_applicable(&self) -> bool {
        !matches!(self.provenance, ItemProvenance::NotApplicable { .. })
    }
}

/// The effective form of a risk; `central` is `true` for a risk of the base.
pub(crate) fn effective_risk(
    lookup: &Lookup<'_>,
    risk: &Risk,
    central: bool,
    inconsistencies: &mut Vec<AssessmentError>,
) -> EffectiveRisk {
    let model = &lookup.base.risk_model;
    let key = risk.key.as_str();
    let not_applicable = lookup.not_applicable_reason(key);
    let mut effective = risk.clone();
    let mut departures = Vec::new();
    let overrides = if central {
        lookup.overrides.get(key)
    } else {
        None
    };
    for o in overrides.into_iter().flatten() {
        match apply_override(model, risk, &mut effective, o) {
            Some(d) => departures.push(d),
            None => inconsistencies.push(AssessmentError::InvalidValue {
                item_key: key.to_owned(),
                field: o.field.clone(),
                reason: "the stored override does not fit the field".to_owned(),
            }),
        }
    }
    let rated = |field: &str, value: u8| EffectiveValue {
        value,
        provenance: (departures.iter().find(|d| d.field == field)).map_or_else(
            || unchanged(central, not_applicable),
            |d| d.provenance.clone(),
        ),
    };
    let likelihood = rated("likelihood", effective.likelihood);
    let consequence = rated("consequence", effective.consequence);
    let central_level = central.then(|| {
        level(
            model,
            key,
            risk.likelihood,
            risk.consequence,
            inconsistencies,
        )
    });
    let inherent_level = level(
        model,
        key,
        likelihood.value,
        consequence.value,
        inconsistencies,
    );
    let treatment = lookup.treatments.get(key).map(|t| (*t).clone());
    let residual_level = match &treatment {
        Some(t) => level(
            model,
            key,
            t.residual_likelihood,
            t.residual_consequence,
            inconsistencies,
        ),
        None => inherent_level,
    };
    EffectiveRisk {
        key: risk.key.clone(),
        provenance: if central {
            item_provenance(!departures.is_empty(), not_applicable)
        } else {
            ItemProvenance::Local
        },
        risk: effective,
        departures,
        likelihood,
        consequence,
        central_level,
        inherent_level,
        treatment,
        residual_level,
        measures: (lookup.mitigating.get(key).into_iter().flatten())
            .map(|m| MeasureRef::of(m))
            .collect(),
        incidents: (lookup.incidents_by_risk.get(key).into_iter().flatten())
            .map(|i| i.key.clone())
            .collect(),
    }
}

/// Applies one override to the effective risk and returns its departure, or `None` when the
/// stored value does not fit (a likelihood or consequence off the scales, or a value of the
/// wrong shape). Likelihood and consequence take a typed path: they are the overrides that
/// matter most and the most frequent.
fn apply_override(
    model: &RiskModel,
    central: &Risk,
    effective: &mut Risk,
    o: &Override,
) -> Option<FieldDeparture> {
    let central_value = BaseItem::Risk(central).field(&o.field)?;
    let level = o.value.as_u64().and_then(|v| u8::try_from(v).ok());
    match (o.field.as_str(), level) {
        ("likelihood", Some(v)) if model.contains_likelihood(v) => effective.likelihood = v,
        ("consequence", Some(v)) if model.contains_consequence(v) => effective.consequence = v,
        ("likelihood" | "consequence", _) => return None,
        (field, _) => *effective = with_fields(effective, &[(field, &o.value)]).ok()?,
    }
    let justification = Some(o.justification.as_str());
    Some(departure(
        &o.field,
        central_value,
        o.value.clone(),
        justification,
    ))
}

/// The provenance of a value nobody overrode.
fn unchanged(central: bool, not_applicable: Option<&str>) -> Provenance {
    match (not_applicable, central) {
        (Some(justification), _) => Provenance::NotApplicable {
            justification: justification.to_owned(),
        },
        (None, true) => Provenance::Inherited,
        (None, false) => Provenance::Local,
    }
}

/// The matrix level of a rating. A rating off the scales cannot come through the write
/// rules; should stored data hold one, it is reported and counted `HIGH`, the cautious
/// reading.
fn level(
    model: &RiskModel,
    key: &str,
    likelihood: u8,
    consequence: u8,
    inconsistencies: &mut Vec<AssessmentError>,
) -> RiskLevel {
    model
        .level(likelihood, consequence)
        .unwrap_or_else(|error| {
            inconsistencies.push(AssessmentError::InvalidValue {
                item_key: key.to_owned(),
                field: error.field(),
                reason: error.to_string(),
            });
            RiskLevel::High
        })
}
