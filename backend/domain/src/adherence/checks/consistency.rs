//! The consistency of the code with the DPIA (issue 8): where a clause makes a DPIA
//! recommendation binding, the controller's answer to the clause and its response to the
//! recommendation describe the same reality, so they must agree. Claiming adherence to a
//! clause while the DPIA says the recommendation it binds was never answered, or does not
//! apply, is a claim the controller cannot demonstrate (Art. 5(2), Art. 24(3)).

use super::{name, AdherenceRule, Context};
use crate::adherence::{AdherenceStatus, EffectiveClause};
use crate::assessment::{EffectiveRecommendation, ResponseStatus};
use crate::checks::{Finding, Severity};

pub(super) static RULES: &[AdherenceRule] = &[
    AdherenceRule {
        id: "A40_COMPLIANT_CLAUSE_RECOMMENDATION_NOT_MET",
        severity: Severity::Error,
        legal_reference: "GDPR Art. 5(2), Art. 24(3), Art. 35(7)(d)",
        description: "A clause is answered COMPLIANT while a recommendation it makes binding is UNADDRESSED or NOT_APPLICABLE in the controller's DPIA.",
        check: compliant_clause_recommendation_not_met,
    },
    AdherenceRule {
        id: "A40_CLAUSE_DISAGREES_WITH_RECOMMENDATION",
        severity: Severity::Warning,
        legal_reference: "GDPR Art. 5(2), Art. 24(3)",
        description: "A clause answer and the DPIA response to a recommendation it makes binding tell different stories (e.g. IMPLEMENTED in the DPIA, DEVIATION in the code).",
        check: clause_disagrees_with_recommendation,
    },
];

/// Every (clause, bound recommendation) pair the controller's DPIA holds, with both
/// statuses. Bindings to a recommendation the DPIA does not hold are not compared.
fn bound_pairs<'a>(
    context: &'a Context<'_>,
) -> impl Iterator<Item = (&'a EffectiveClause, &'a EffectiveRecommendation)> + 'a {
    let dpia = context.dpia;
    context.clauses.iter().flat_map(move |clause| {
        (clause.clause.binds_recommendations.iter())
            .filter_map(move |key| dpia.and_then(|d| d.recommendation(key.as_str())))
            .map(move |recommendation| (clause, recommendation))
    })
}

fn finding(
    rule: &AdherenceRule,
    clause: &EffectiveClause,
    recommendation: &EffectiveRecommendation,
    advice: &str,
) -> Finding {
    let item = &recommendation.recommendation;
    rule.finding(
        vec![clause.clause.key.to_string(), item.key.to_string()],
        format!(
            "{} is answered {}, but the recommendation it makes binding, '{}' ({}), is {} in \
             your DPIA. {advice}",
            name(&clause.clause),
            clause.status.as_str(),
            item.value.title,
            item.key,
            recommendation.status.as_str(),
        ),
    )
}

fn compliant_clause_recommendation_not_met(
    rule: &AdherenceRule,
    context: &Context<'_>,
) -> Vec<Finding> {
    bound_pairs(context)
        .filter(|(clause, _)| clause.status == AdherenceStatus::Compliant)
        .filter_map(|(clause, recommendation)| {
            let advice = match recommendation.status {
                ResponseStatus::Unaddressed => {
                    "Answer the recommendation in the DPIA with the measures that make you \
                     compliant, or correct the clause answer."
                }
                ResponseStatus::NotApplicable => {
                    "A recommendation that does not apply cannot be complied with; answer the \
                     clause NOT_APPLICABLE with the same reasoning, or correct the DPIA."
                }
                _ => return None,
            };
            Some(finding(rule, clause, recommendation, advice))
        })
        .collect()
}

fn clause_disagrees_with_recommendation(
    rule: &AdherenceRule,
    context: &Context<'_>,
) -> Vec<Finding> {
    use AdherenceStatus as A;
    use ResponseStatus as R;
    bound_pairs(context)
        .filter_map(|(clause, recommendation)| {
            let advice = match (clause.status, recommendation.status) {
                (A::Deviation | A::NotApplicable, R::Implemented) => {
                    "If the recommendation is implemented, the clause is met: answer it \
                     COMPLIANT with those measures, or correct the DPIA response."
                }
                (A::Compliant, R::Planned | R::PartiallyImplemented) => {
                    "Compliance with the clause cannot rest on a recommendation not yet fully \
                     in place: record a DEVIATION until it is, or update the DPIA response."
                }
                _ => return None,
            };
            Some(finding(rule, clause, recommendation, advice))
        })
        .collect()
}
