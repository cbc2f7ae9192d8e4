//! Write rules for risk treatment (SPEC §3, Art. 35(7)(d), Art. 36): residual values on the
//! model's scales, a reduction justified by measures and a rationale, an acceptance signed by
//! someone, and a high residual risk accepted only after prior consultation.

use super::{blank, Lookup};
use crate::assessment::{AssessmentError, RiskTreatment, TreatmentDecision};
use crate::risk_model::RiskLevel;

/// Checks one treatment against the risk it treats and the measures that mitigate it.
pub(crate) fn check_treatment(
    lookup: &Lookup<'_>,
    treatment: &RiskTreatment,
) -> Result<(), AssessmentError> {
    let item_key = treatment.risk_key.to_string();
    let error_at = |field: &str| (item_key.clone(), field.to_owned());
    let Some(risk) = lookup.risk(treatment.risk_key.as_str()) else {
        let (item_key, field) = error_at("risk_key");
        return Err(AssessmentError::UnknownItem { item_key, field });
    };
    if lookup.not_applicable_reason(risk.key.as_str()).is_some() {
        let (item_key, field) = error_at("treatment");
        return Err(AssessmentError::ItemNotApplicable { item_key, field });
    }
    let model = &lookup.base.risk_model;
    for (field, value, within) in [
        (
            "residual_likelihood",
            treatment.residual_likelihood,
            model.contains_likelihood(treatment.residual_likelihood),
        ),
        (
            "residual_consequence",
            treatment.residual_consequence,
            model.contains_consequence(treatment.residual_consequence),
        ),
    ] {
        if !within {
            let (item_key, field) = error_at(field);
            let max = if field.ends_with("likelihood") {
                model.likelihood.len()
            } else {
                model.consequence.len()
            };
            return Err(AssessmentError::OutOfScale {
                item_key,
                field,
                value: value.to_string(),
                max,
            });
        }
    }
    let (likelihood, consequence) = lookup.inherent_rating(risk);
    let levels = (
        model.level(likelihood, consequence),
        model.level(
            treatment.residual_likelihood,
            treatment.residual_consequence,
        ),
    );
    // The inherent rating of a valid base is always on the scales; a broken one is reported
    // by the risk's own rule, not here.
    if let (Ok(inherent), Ok(residual)) = levels {
        check_levels(lookup, treatment, inherent, residual)?;
        check_acceptance(lookup, treatment, residual)?;
    }
    Ok(())
}

fn check_levels(
    lookup: &Lookup<'_>,
    treatment: &RiskTreatment,
    inherent: RiskLevel,
    residual: RiskLevel,
) -> Result<(), AssessmentError> {
    let item_key = treatment.risk_key.to_string();
    if residual > inherent {
        return Err(AssessmentError::ResidualAboveInherent {
            item_key,
            field: "residual_likelihood".to_owned(),
            residual,
            inherent,
        });
    }
    if residual < inherent {
        // Art. 35(7)(d): a lowered residual needs its measures and its reasoning (seed 003).
        if lookup.mitigations_in_force(treatment.risk_key.as_str()) == 0 {
            return Err(AssessmentError::ReductionWithoutMeasure {
                item_key,
                field: "measures".to_owned(),
                residual,
                inherent,
            });
        }
        if blank(&treatment.rationale) {
            return Err(AssessmentError::ReductionWithoutRationale {
                item_key,
                field: "rationale".to_owned(),
            });
        }
    }
    Ok(())
}

fn check_acceptance(
    lookup: &Lookup<'_>,
    treatment: &RiskTreatment,
    residual: RiskLevel,
) -> Result<(), AssessmentError> {
    let item_key = treatment.risk_key.to_string();
    if treatment.accepted_by.as_deref().is_some_and(blank) {
        return Err(AssessmentError::EmptyText {
            item_key,
            field: "accepted_by".to_owned(),
        });
    }
    let accepting = treatment.decision == TreatmentDecision::Accept;
    let missing = match (&treatment.accepted_by, &treatment.accepted_on) {
        (None, Some(_)) => Some("accepted_by"),
        (Some(_), None) => Some("accepted_on"),
        (None, None) if accepting => Some("accepted_by"),
        _ => None,
    };
    if let Some(field) = missing {
        return Err(AssessmentError::MissingAcceptance {
            item_key,
            field: field.to_owned(),
        });
    }
    // Art. 36(1): a high residual risk may only be carried after consulting the authority.
    let consulted = (lookup.local.sign_offs.prior_consultation.as_ref())
        .is_some_and(|consultation| consultation.required);
    if accepting && residual == RiskLevel::High && !consulted {
        return Err(AssessmentError::PriorConsultationRequired {
            item_key,
            field: "decision".to_owned(),
        });
    }
    Ok(())
}
