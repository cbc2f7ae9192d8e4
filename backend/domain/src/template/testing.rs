//! Small builders for template test data, shared by the template, interchange and other
//! modules' tests.

use std::collections::BTreeSet;

use crate::risk_model::{IncidentRule, Level, RiskLevel, RiskModel};
use crate::template::*;

/// Parses a key known to be well formed in a test.
pub(crate) fn key(text: &str) -> ItemKey {
    ItemKey::parse(text).expect("test keys are well formed")
}

fn level(value: u8, label: &str) -> Level {
    Level {
        value,
        label: label.to_owned(),
        criteria: format!("criteria for {label}"),
        incident_rule: None,
    }
}

/// The 4×4 model of seed 003 with a conventional matrix and the 12-month incident rule on
/// "Sandsynlig".
pub(crate) fn four_by_four() -> RiskModel {
    use RiskLevel::{High as H, Low as L, Medium as M};
    let mut likelihood = vec![
        level(1, "Usandsynlig"),
        level(2, "Mindre sandsynlig"),
        level(3, "Sandsynlig"),
        level(4, "Forventet"),
    ];
    likelihood[2].incident_rule = Some(IncidentRule {
        window_months: 12,
        description: "an internal incident within the last 12 months".to_owned(),
    });
    RiskModel {
        likelihood,
        consequence: vec![
            level(1, "Ubetydelig"),
            level(2, "Mindre alvorlig"),
            level(3, "Meget alvorlig"),
            level(4, "Ødelæggende"),
        ],
        matrix: vec![
            vec![L, L, M, M],
            vec![L, M, M, H],
            vec![M, M, H, H],
            vec![M, H, H, H],
        ],
    }
}

/// A risk in `scope` with the given central likelihood and consequence.
pub(crate) fn risk(risk_key: &str, scope: &str, likelihood: u8, consequence: u8) -> Risk {
    Risk {
        key: key(risk_key),
        scope: key(scope),
        threat: format!("threat {risk_key}"),
        description: format!("description of {risk_key}"),
        threat_source: ThreatSource::HumanError,
        affected_properties: BTreeSet::from([SecurityProperty::Confidentiality]),
        likelihood,
        consequence,
        rationale: format!("rationale for {risk_key}"),
    }
}

/// A MUST recommendation for the messages scope addressing `risks`.
pub(crate) fn recommendation(recommendation_key: &str, risks: &[&str]) -> Recommendation {
    Recommendation {
        key: key(recommendation_key),
        scopes: vec![key("scope.messages")],
        title: format!("title {recommendation_key}"),
        text: format!("text of {recommendation_key}"),
        kind: MeasureKind::Organisational,
        obligation: Obligation::Must,
        addresses_risks: risks.iter().map(|r| key(r)).collect(),
    }
}

/// A scope of the given kind.
pub(crate) fn scope(scope_key: &str, kind: ScopeKind) -> Scope {
    Scope {
        key: key(scope_key),
        title: format!("title {scope_key}"),
        kind,
        description: format!("description of {scope_key}"),
    }
}

/// The messages activity with one subject category, one health-data category and one
/// hosting sub-processor.
pub(crate) fn messages_activity() -> ProcessingActivity {
    ProcessingActivity {
        key: key("activity.messages"),
        scope: key("scope.messages"),
        title: "Messages between school and home".to_owned(),
        description: "Staff, parents and pupils exchange messages.".to_owned(),
        operations: BTreeSet::from([
            ProcessingOperation::Collection,
            ProcessingOperation::Storage,
            ProcessingOperation::Disclosure,
        ]),
        purposes: vec!["Communication between school and home".to_owned()],
        legal_bases: vec![LegalBasis {
            article_6: Article6Basis::PublicTask,
            article_9: Some("Art. 9(2)(g)".to_owned()),
            article_10: None,
            national_law: None,
        }],
        data_subject_categories: vec![DataSubjectCategory {
            key: key("subjects.pupils"),
            name: "Pupils".to_owned(),
            count: None,
        }],
        data_categories: vec![DataCategory {
            key: key("data.messages.health"),
            kind: DataCategoryKind::Special,
            special_category: Some(SpecialCategory::Health),
            description: "Health information in free text".to_owned(),
        }],
        sources: vec!["The data subjects".to_owned()],
        recipients: vec![Recipient {
            key: key("recipient.hosting"),
            name: "Hosting provider".to_owned(),
            role: RecipientRole::SubProcessor,
            own_purposes: Vec::new(),
            legal_basis_for_disclosure: None,
            location: "Denmark".to_owned(),
            third_country: false,
            transfer_basis: None,
            anonymised_before_transfer: Some(false),
        }],
        retention: Some("Deleted 30 days after the pupil leaves school".to_owned()),
        new_technology: None,
        to_be_completed_by_adopter: vec!["data_subject_categories.count".to_owned()],
    }
}

/// Builds a small valid DPIA template: two scopes, one activity, one necessity question,
/// two risks (one HIGH, one MEDIUM) and one recommendation addressing both.
pub(crate) struct DpiaBuilder {
    dpia: DpiaContent,
}

impl DpiaBuilder {
    pub(crate) fn new() -> Self {
        DpiaBuilder {
            dpia: DpiaContent {
                risk_model: four_by_four(),
                scopes: vec![
                    scope("scope.users", ScopeKind::Process),
                    scope("scope.messages", ScopeKind::Module),
                ],
                activities: vec![messages_activity()],
                necessity_questions: vec![NecessityQuestion {
                    key: key("necessity.minimisation"),
                    principle: Principle::DataMinimisation,
                    question: "Is only necessary data processed?".to_owned(),
                    central_answer: Some("Yes, free text is discouraged.".to_owned()),
                }],
                risks: vec![
                    risk("risk.messages.misdirected", "scope.messages", 3, 3),
                    risk("risk.messages.access", "scope.messages", 2, 2),
                ],
                recommendations: vec![recommendation(
                    "rec.training",
                    &["risk.messages.misdirected", "risk.messages.access"],
                )],
            },
        }
    }

    pub(crate) fn with_risk(mut self, risk: Risk) -> Self {
        self.dpia.risks.push(risk);
        self
    }

    pub(crate) fn with_recommendation(mut self, recommendation: Recommendation) -> Self {
        self.dpia.recommendations.push(recommendation);
        self
    }

    pub(crate) fn editing(mut self, edit: impl FnOnce(&mut DpiaContent)) -> Self {
        edit(&mut self.dpia);
        self
    }

    pub(crate) fn build(self) -> TemplateContent {
        TemplateContent::Dpia(self.dpia)
    }
}
