//! The systematic description (Art. 35(7)(a)) and the necessity and proportionality answers
//! (Art. 35(7)(b)) as the report shows them. Missing values are printed as "not stated", not
//! left blank: seed 003's missing counts of data subjects were exactly such blanks.

use serde::Serialize;

use dpiahub_domain::assessment::{EffectiveActivity, EffectiveAssessment, EffectiveItem};
use dpiahub_domain::template::{
    DataCategory, DataCategoryKind, DataSubjectCategory, LegalBasis, Recipient,
};

use super::labels::{self, not_stated, word};
use super::provenance::ProvenanceView;
use crate::i18n::Lang;

/// A data process or module.
#[derive(Debug, Serialize)]
pub struct ScopeView {
    pub key: String,
    pub title: String,
    pub provenance: ProvenanceView,
}

/// A processing activity with everything nested in it.
#[derive(Debug, Serialize)]
pub struct ActivityView {
    pub key: String,
    pub title: String,
    pub scope: String,
    pub description: String,
    pub applicable: bool,
    pub operations: String,
    pub purposes: Vec<String>,
    pub legal_bases: Vec<String>,
    pub subjects: Vec<SubjectView>,
    pub data: Vec<DataView>,
    pub sources: String,
    pub recipients: Vec<RecipientView>,
    pub retention: String,
    pub new_technology: String,
    pub provenance: ProvenanceView,
}

/// A category of data subjects with its count.
#[derive(Debug, Serialize)]
pub struct SubjectView {
    pub key: String,
    pub name: String,
    /// The count, or "not stated".
    pub count: String,
    pub provenance: ProvenanceView,
}

/// A category of personal data.
#[derive(Debug, Serialize)]
pub struct DataView {
    pub key: String,
    pub kind: String,
    /// For special-category data: which Art. 9(1) type, or a note that it is not specified.
    pub special_type: Option<String>,
    pub description: String,
    pub provenance: ProvenanceView,
}

/// A recipient of the data.
#[derive(Debug, Serialize)]
pub struct RecipientView {
    pub key: String,
    pub name: String,
    pub role: String,
    /// Purposes of its own, or "none".
    pub own_purposes: String,
    pub legal_basis_for_disclosure: String,
    pub location: String,
    /// The transfer tool, "not stated", or "no third country".
    pub transfer: String,
    pub anonymised: String,
    pub provenance: ProvenanceView,
}

/// A necessity and proportionality question with its answer.
#[derive(Debug, Serialize)]
pub struct NecessityView {
    pub key: String,
    pub principle: String,
    pub question: String,
    pub answer: String,
    pub answered: bool,
    pub provenance: ProvenanceView,
}

/// The scopes of the assessment.
pub(super) fn scopes(lang: Lang, effective: &EffectiveAssessment) -> Vec<ScopeView> {
    (effective.scopes.iter())
        .map(|s| ScopeView {
            key: s.key.to_string(),
            title: s.value.title.clone(),
            provenance: ProvenanceView::of(lang, s),
        })
        .collect()
}

/// The processing activities, inherited then local.
pub(super) fn activities(lang: Lang, effective: &EffectiveAssessment) -> Vec<ActivityView> {
    let scope_title = |key: &str| {
        (effective.scopes.iter())
            .find(|s| s.key.as_str() == key)
            .map_or_else(|| key.to_owned(), |s| s.value.title.clone())
    };
    (effective.activities.iter())
        .map(|a| activity(lang, a, &scope_title(a.activity.value.scope.as_str())))
        .collect()
}

fn activity(lang: Lang, effective: &EffectiveActivity, scope: &str) -> ActivityView {
    let activity = &effective.activity.value;
    let operations: Vec<String> = activity
        .operations
        .iter()
        .map(|o| labels::operation(lang, *o))
        .collect();
    let or_not_stated = |text: String| or_not_stated(lang, text);
    ActivityView {
        key: activity.key.to_string(),
        title: activity.title.clone(),
        scope: scope.to_owned(),
        description: activity.description.clone(),
        applicable: effective.is_applicable(),
        operations: or_not_stated(operations.join(", ")),
        purposes: activity.purposes.clone(),
        legal_bases: (activity.legal_bases.iter())
            .map(|b| legal_basis(lang, b))
            .collect(),
        subjects: (effective.data_subject_categories.iter())
            .map(|c| subject(lang, c))
            .collect(),
        data: (effective.data_categories.iter())
            .map(|c| data(lang, c))
            .collect(),
        sources: or_not_stated(activity.sources.join("; ")),
        recipients: (effective.recipients.iter())
            .map(|r| recipient(lang, r))
            .collect(),
        retention: text_or_not_stated(lang, activity.retention.as_deref()),
        new_technology: activity
            .new_technology
            .clone()
            .unwrap_or_else(|| word(lang, "report-none")),
        provenance: ProvenanceView::of(lang, &effective.activity),
    }
}

/// "Art. 6(1)(e) public task; Art. 9: …; Art. 10: …; national law: …".
fn legal_basis(lang: Lang, basis: &LegalBasis) -> String {
    let mut parts = vec![labels::article_6(lang, basis.article_6)];
    let mut add = |name: &str, text: &Option<String>| {
        if let Some(text) = text.as_deref().filter(|t| !t.trim().is_empty()) {
            parts.push(format!("{name}: {text}"));
        }
    };
    add("Art. 9", &basis.article_9);
    add("Art. 10", &basis.article_10);
    add(&word(lang, "report-national-law"), &basis.national_law);
    parts.join("; ")
}

fn subject(lang: Lang, item: &EffectiveItem<DataSubjectCategory>) -> SubjectView {
    SubjectView {
        key: item.key.to_string(),
        name: item.value.name.clone(),
        count: item
            .value
            .count
            .map_or_else(|| not_stated(lang), |count| count.to_string()),
        provenance: ProvenanceView::of(lang, item),
    }
}

fn data(lang: Lang, item: &EffectiveItem<DataCategory>) -> DataView {
    let category = &item.value;
    DataView {
        key: item.key.to_string(),
        kind: labels::data_category_kind(lang, category.kind),
        special_type: match (category.kind, category.special_category) {
            (_, Some(special)) => Some(labels::special_category(lang, special)),
            // Seed 003: special-category data present but its type never specified.
            (DataCategoryKind::Special, None) => Some(word(lang, "report-type-not-specified")),
            (_, None) => None,
        },
        description: category.description.clone(),
        provenance: ProvenanceView::of(lang, item),
    }
}

fn recipient(lang: Lang, item: &EffectiveItem<Recipient>) -> RecipientView {
    let recipient = &item.value;
    RecipientView {
        key: item.key.to_string(),
        name: recipient.name.clone(),
        role: labels::recipient_role(lang, recipient.role),
        own_purposes: if recipient.own_purposes.is_empty() {
            word(lang, "report-none")
        } else {
            recipient.own_purposes.join("; ")
        },
        legal_basis_for_disclosure: if recipient.own_purposes.is_empty() {
            text_or(
                recipient.legal_basis_for_disclosure.as_deref(),
                &word(lang, "report-not-needed"),
            )
        } else {
            text_or_not_stated(lang, recipient.legal_basis_for_disclosure.as_deref())
        },
        location: or_not_stated(lang, recipient.location.clone()),
        transfer: if recipient.third_country {
            text_or_not_stated(lang, recipient.transfer_basis.as_deref())
        } else {
            word(lang, "report-no-third-country")
        },
        anonymised: labels::yes_no(lang, recipient.anonymised_before_transfer),
        provenance: ProvenanceView::of(lang, item),
    }
}

/// The necessity and proportionality questions.
pub(super) fn necessity(lang: Lang, effective: &EffectiveAssessment) -> Vec<NecessityView> {
    (effective.necessity_questions.iter())
        .map(|q| {
            let answer = q
                .value
                .central_answer
                .as_deref()
                .filter(|a| !a.trim().is_empty());
            NecessityView {
                key: q.key.to_string(),
                principle: labels::principle(lang, q.value.principle),
                question: q.value.question.clone(),
                answer: answer.map_or_else(|| word(lang, "report-not-answered"), str::to_owned),
                answered: answer.is_some(),
                provenance: ProvenanceView::of(lang, q),
            }
        })
        .collect()
}

fn or_not_stated(lang: Lang, text: String) -> String {
    if text.trim().is_empty() {
        not_stated(lang)
    } else {
        text
    }
}

fn text_or_not_stated(lang: Lang, text: Option<&str>) -> String {
    text_or(text, &not_stated(lang))
}

fn text_or(text: Option<&str>, missing: &str) -> String {
    match text.filter(|t| !t.trim().is_empty()) {
        Some(text) => text.to_owned(),
        None => missing.to_owned(),
    }
}
