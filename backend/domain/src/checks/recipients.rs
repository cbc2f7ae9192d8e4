//! Family 2, recipients with purposes of their own (seed 000, SPEC §5.2). The authority told a
//! region moving to Microsoft 365 to map which purposes the provider pursues on its own
//! account, in which role, whether data is anonymised before it leaves the controller, and
//! whether the legal basis covers disclosing data for those purposes. A disclosure for a
//! recipient's own purposes is processing of its own and needs its own legal basis.

use super::description::{activity_name, applicable_activities};
use super::{missing, quoted_list, Context, Finding, Rule, Severity};
use crate::assessment::{EffectiveActivity, EffectiveItem};
use crate::template::{Recipient, RecipientRole};

pub(super) static RULES: &[Rule] = &[
    Rule {
        id: "RECIPIENT_OWN_PURPOSES_LEGAL_BASIS",
        severity: Severity::Error,
        legal_reference: "GDPR Art. 6(1), Art. 5(1)(b), Art. 5(2)",
        description: "A recipient processes for its own purposes and no legal basis is recorded for disclosing data to it.",
        check: own_purposes_legal_basis,
    },
    Rule {
        id: "RECIPIENT_ANONYMISATION_NOT_STATED",
        severity: Severity::Error,
        legal_reference: "GDPR Art. 5(2), Art. 35(7)(a)",
        description: "A recipient processes for its own purposes and it is not stated whether data is anonymised before it reaches it.",
        check: anonymisation_not_stated,
    },
    Rule {
        id: "RECIPIENT_OWN_PURPOSES_NOT_LISTED",
        severity: Severity::Warning,
        legal_reference: "GDPR Art. 5(1)(b), Art. 35(7)(a)",
        description: "An independent controller receives data but its own purposes are not listed.",
        check: own_purposes_not_listed,
    },
];

/// Whether the recipient uses the data for purposes of its own: an independent controller
/// always does; a processor does when the contract lets it ("business operations", seed 000).
fn has_own_purposes(recipient: &Recipient) -> bool {
    recipient.role == RecipientRole::IndependentController
        || (matches!(
            recipient.role,
            RecipientRole::Processor | RecipientRole::SubProcessor
        ) && !recipient.own_purposes.is_empty())
}

/// Applicable recipients with purposes of their own, with their activity.
fn own_purpose_recipients<'a>(
    context: &Context<'a>,
) -> Vec<(&'a EffectiveActivity, &'a EffectiveItem<Recipient>)> {
    applicable_activities(context)
        .flat_map(|activity| {
            (activity.recipients.iter())
                .filter(|r| r.is_applicable() && has_own_purposes(&r.value))
                .map(move |r| (activity, r))
        })
        .collect()
}

fn purposes(recipient: &Recipient) -> String {
    if recipient.own_purposes.is_empty() {
        "purposes of its own".to_owned()
    } else {
        quoted_list(recipient.own_purposes.iter().map(String::as_str))
    }
}

fn own_purposes_legal_basis(rule: &Rule, context: &Context<'_>) -> Vec<Finding> {
    own_purpose_recipients(context)
        .into_iter()
        // Anonymised before it leaves the controller, it is no disclosure of personal data.
        .filter(|(_, r)| {
            missing(r.value.legal_basis_for_disclosure.as_deref())
                && r.value.anonymised_before_transfer != Some(true)
        })
        .map(|(activity, recipient)| {
            rule.finding(
                vec![recipient.key.to_string()],
                format!(
                    "Recipient '{}' ({}) of {} uses the data for {}. Record the legal basis \
                     that allows you to disclose the data to it for those purposes; the basis \
                     of your own task does not cover them by itself. If no basis covers them, \
                     stop the disclosure or anonymise the data before it leaves you.",
                    recipient.value.name,
                    recipient.key,
                    activity_name(activity),
                    purposes(&recipient.value)
                ),
            )
        })
        .collect()
}

fn anonymisation_not_stated(rule: &Rule, context: &Context<'_>) -> Vec<Finding> {
    own_purpose_recipients(context)
        .into_iter()
        .filter(|(_, r)| r.value.anonymised_before_transfer.is_none())
        .map(|(activity, recipient)| {
            rule.finding(
                vec![recipient.key.to_string()],
                format!(
                    "State whether the data of {} is anonymised or aggregated before it \
                     reaches '{}' ({}), which uses it for {}. Anonymisation by you before the \
                     transfer means no personal data is disclosed; anonymisation by the \
                     recipient afterwards does not.",
                    activity_name(activity),
                    recipient.value.name,
                    recipient.key,
                    purposes(&recipient.value)
                ),
            )
        })
        .collect()
}

fn own_purposes_not_listed(rule: &Rule, context: &Context<'_>) -> Vec<Finding> {
    own_purpose_recipients(context)
        .into_iter()
        .filter(|(_, r)| r.value.own_purposes.iter().all(|p| p.trim().is_empty()))
        .map(|(activity, recipient)| {
            rule.finding(
                vec![recipient.key.to_string()],
                format!(
                    "'{}' ({}) receives data of {} as an independent controller. List the \
                     specific purposes it processes the data for on its own account (for \
                     example billing, internal reporting, product improvement), so the legal \
                     basis for the disclosure can be assessed against them.",
                    recipient.value.name,
                    recipient.key,
                    activity_name(activity)
                ),
            )
        })
        .collect()
}
