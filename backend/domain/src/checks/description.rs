//! Family 1, the systematic description (Art. 35(7)(a), SPEC §5.1). Seed 003: operations
//! beyond "collection" not described, the kinds of special-category data in messages not
//! specified, the number of data subjects given for pupils only. Activities, categories and
//! recipients marked not applicable (with a justification) are skipped.

use super::{blank, missing, Context, Finding, Rule, Severity};
use crate::assessment::{EffectiveActivity, EffectiveItem};
use crate::template::{DataCategoryKind, ProcessingOperation, RecipientRole};

pub(super) static RULES: &[Rule] = &[
    Rule {
        id: "A35_7A_SUBJECT_COUNT",
        severity: Severity::Error,
        legal_reference: "GDPR Art. 35(7)(a)",
        description: "A data-subject category has no estimated number of persons.",
        check: subject_count,
    },
    Rule {
        id: "A35_7A_SPECIAL_CATEGORY_TYPE",
        severity: Severity::Error,
        legal_reference: "GDPR Art. 35(7)(a), Art. 9(1)",
        description: "Special-category data is present but its type is not specified.",
        check: special_category_type,
    },
    Rule {
        id: "A35_7A_OPERATIONS_ONLY_COLLECTION",
        severity: Severity::Error,
        legal_reference: "GDPR Art. 35(7)(a), Art. 4(2)",
        description: "A processing activity describes no operation beyond collection.",
        check: operations_only_collection,
    },
    Rule {
        id: "A35_7A_PURPOSE_MISSING",
        severity: Severity::Error,
        legal_reference: "GDPR Art. 35(7)(a), Art. 5(1)(b)",
        description: "A processing activity states no purpose.",
        check: purpose_missing,
    },
    Rule {
        id: "A35_7A_LEGAL_BASIS_MISSING",
        severity: Severity::Error,
        legal_reference: "GDPR Art. 35(7)(a), Art. 6(1)",
        description: "A processing activity states no legal basis.",
        check: legal_basis_missing,
    },
    Rule {
        id: "A35_7A_ART9_EXCEPTION_MISSING",
        severity: Severity::Error,
        legal_reference: "GDPR Art. 9(2), Art. 35(7)(a)",
        description: "An activity processes special-category data but no legal basis names an Art. 9(2) exception.",
        check: art9_exception_missing,
    },
    Rule {
        id: "A35_7A_ART10_BASIS_MISSING",
        severity: Severity::Error,
        legal_reference: "GDPR Art. 10, Art. 35(7)(a)",
        description: "An activity processes criminal-offence data but no legal basis names its Art. 10 authorisation.",
        check: art10_basis_missing,
    },
    Rule {
        id: "A35_7A_RETENTION_MISSING",
        severity: Severity::Error,
        legal_reference: "GDPR Art. 35(7)(a), Art. 5(1)(e)",
        description: "A processing activity states no retention period.",
        check: retention_missing,
    },
    Rule {
        id: "A35_7A_TRANSFER_BASIS_MISSING",
        severity: Severity::Error,
        legal_reference: "GDPR Art. 44-46, Art. 35(7)(a)",
        description: "A recipient in a third country has no transfer basis.",
        check: transfer_basis_missing,
    },
    Rule {
        id: "A35_7A_METADATA_NOT_MAPPED",
        severity: Severity::Warning,
        legal_reference: "GDPR Art. 35(7)(a), Art. 4(1)",
        description: "An activity discloses data outside the organisation but maps no metadata.",
        check: metadata_not_mapped,
    },
];

/// The activities that apply locally.
pub(super) fn applicable_activities<'a>(
    context: &Context<'a>,
) -> impl Iterator<Item = &'a EffectiveActivity> {
    (context.assessment.activities.iter()).filter(|a| a.is_applicable())
}

/// "'Messages' (activity.messages)": how messages name an activity.
pub(super) fn activity_name(activity: &EffectiveActivity) -> String {
    format!(
        "'{}' ({})",
        activity.activity.value.title, activity.activity.key
    )
}

fn applicable<T>(items: &[EffectiveItem<T>]) -> impl Iterator<Item = &EffectiveItem<T>> {
    items.iter().filter(|item| item.is_applicable())
}

fn subject_count(rule: &Rule, context: &Context<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for activity in applicable_activities(context) {
        for category in applicable(&activity.data_subject_categories) {
            if category.value.count.is_none() {
                findings.push(rule.finding(
                    vec![category.key.to_string()],
                    format!(
                        "State the estimated number of '{}' ({}) whose data {} processes. \
                         The description must give the number of data subjects for every \
                         category, not only the largest one.",
                        category.value.name,
                        category.key,
                        activity_name(activity)
                    ),
                ));
            }
        }
    }
    findings
}

fn special_category_type(rule: &Rule, context: &Context<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for activity in applicable_activities(context) {
        for category in applicable(&activity.data_categories) {
            let data = &category.value;
            if data.kind == DataCategoryKind::Special && data.special_category.is_none() {
                findings.push(rule.finding(
                    vec![category.key.to_string()],
                    format!(
                        "The data '{}' ({}) of {} is marked as special-category data without saying \
                         which kind. Name its Art. 9(1) category (for example health, religious \
                         beliefs or ethnic origin): each kind needs its own Art. 9(2) exception \
                         and its own assessment of risk.",
                        data.description,
                        category.key,
                        activity_name(activity)
                    ),
                ));
            }
        }
    }
    findings
}

fn operations_only_collection(rule: &Rule, context: &Context<'_>) -> Vec<Finding> {
    applicable_activities(context)
        .filter(|a| {
            let operations = &a.activity.value.operations;
            operations
                .iter()
                .all(|o| *o == ProcessingOperation::Collection)
        })
        .map(|activity| {
            rule.finding(
                vec![activity.activity.key.to_string()],
                format!(
                    "Describe every operation {} performs on the data, not only collection: \
                     recording, storage, consultation, use, disclosure, erasure and so on \
                     (Art. 4(2)). Risks arise in those operations, so the assessment cannot \
                     follow them otherwise.",
                    activity_name(activity)
                ),
            )
        })
        .collect()
}

fn purpose_missing(rule: &Rule, context: &Context<'_>) -> Vec<Finding> {
    applicable_activities(context)
        .filter(|a| a.activity.value.purposes.iter().all(|p| blank(p)))
        .map(|activity| {
            rule.finding(
                vec![activity.activity.key.to_string()],
                format!(
                    "State the specified, explicit purposes of {}.",
                    activity_name(activity)
                ),
            )
        })
        .collect()
}

fn legal_basis_missing(rule: &Rule, context: &Context<'_>) -> Vec<Finding> {
    applicable_activities(context)
        .filter(|a| a.activity.value.legal_bases.is_empty())
        .map(|activity| {
            rule.finding(
                vec![activity.activity.key.to_string()],
                format!(
                    "State the legal basis of {}: the Art. 6(1) condition and the national \
                     provision it rests on.",
                    activity_name(activity)
                ),
            )
        })
        .collect()
}

/// Activities that process data of `kind` (applicable categories only) and have legal bases,
/// none of which names the required provision; a missing legal basis altogether is reported
/// by `A35_7A_LEGAL_BASIS_MISSING` instead.
fn without_provision<'a>(
    context: &Context<'a>,
    kind: DataCategoryKind,
    provision: fn(&crate::template::LegalBasis) -> Option<&str>,
) -> Vec<(&'a EffectiveActivity, Vec<String>)> {
    applicable_activities(context)
        .filter_map(|activity| {
            let bases = &activity.activity.value.legal_bases;
            let covered = bases.iter().any(|b| !missing(provision(b)));
            let keys: Vec<String> = applicable(&activity.data_categories)
                .filter(|c| c.value.kind == kind)
                .map(|c| c.key.to_string())
                .collect();
            (!bases.is_empty() && !covered && !keys.is_empty()).then_some((activity, keys))
        })
        .collect()
}

fn art9_exception_missing(rule: &Rule, context: &Context<'_>) -> Vec<Finding> {
    without_provision(context, DataCategoryKind::Special, |b| {
        b.article_9.as_deref()
    })
    .into_iter()
    .map(|(activity, data)| {
        let mut keys = vec![activity.activity.key.to_string()];
        let message = format!(
            "{} processes special-category data ({}) but its legal basis names no \
                 Art. 9(2) exception. Name the exception (e.g. Art. 9(2)(g) with the national \
                 provision) or remove the data from the processing.",
            activity_name(activity),
            data.join(", ")
        );
        keys.extend(data);
        rule.finding(keys, message)
    })
    .collect()
}

fn art10_basis_missing(rule: &Rule, context: &Context<'_>) -> Vec<Finding> {
    without_provision(context, DataCategoryKind::CriminalOffences, |b| {
        b.article_10.as_deref()
    })
    .into_iter()
    .map(|(activity, data)| {
        let mut keys = vec![activity.activity.key.to_string()];
        let message = format!(
            "{} processes data on criminal convictions or offences ({}) but its legal basis \
             names no Art. 10 authorisation. Name the provision of Union or national law that \
             authorises it.",
            activity_name(activity),
            data.join(", ")
        );
        keys.extend(data);
        rule.finding(keys, message)
    })
    .collect()
}

fn retention_missing(rule: &Rule, context: &Context<'_>) -> Vec<Finding> {
    applicable_activities(context)
        .filter(|a| missing(a.activity.value.retention.as_deref()))
        .map(|activity| {
            rule.finding(
                vec![activity.activity.key.to_string()],
                format!(
                    "State how long the data of {} is kept, or the criteria that decide it, \
                     and when it is erased.",
                    activity_name(activity)
                ),
            )
        })
        .collect()
}

fn transfer_basis_missing(rule: &Rule, context: &Context<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for activity in applicable_activities(context) {
        for recipient in applicable(&activity.recipients) {
            let r = &recipient.value;
            if r.third_country && missing(r.transfer_basis.as_deref()) {
                findings.push(rule.finding(
                    vec![recipient.key.to_string()],
                    format!(
                        "Recipient '{}' ({}) of {} processes the data in a third country \
                         ({}). Record the transfer basis of Chapter V: an adequacy decision \
                         (Art. 45) or appropriate safeguards such as standard contractual \
                         clauses (Art. 46), with the transfer impact assessment.",
                        r.name,
                        recipient.key,
                        activity_name(activity),
                        r.location
                    ),
                ));
            }
        }
    }
    findings
}

fn metadata_not_mapped(rule: &Rule, context: &Context<'_>) -> Vec<Finding> {
    applicable_activities(context)
        .filter(|activity| {
            let external =
                applicable(&activity.recipients).any(|r| r.value.role != RecipientRole::Internal);
            let metadata = applicable(&activity.data_categories)
                .any(|c| c.value.kind == DataCategoryKind::Metadata);
            external && !metadata
        })
        .map(|activity| {
            rule.finding(
                vec![activity.activity.key.to_string()],
                format!(
                    "{} discloses data outside the organisation but maps no metadata. Describe \
                     the metadata the recipients receive or generate (logs, usage data, file \
                     names) and whether it contains personal data, e.g. names in file names.",
                    activity_name(activity)
                ),
            )
        })
        .collect()
}
