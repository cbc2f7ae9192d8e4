//! Test builders for the checks: a well-formed assessment on the template test base that
//! passes every rule, to be broken one defect at a time.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde_json::json;

use super::{rule, run_checks, CheckSettings, Context, Finding, Severity};
use crate::assessment::{
    effective, Completion, EffectiveAssessment, Incident, LocalChanges, Measure, MeasureStatus,
    NotApplicable, PriorConsultation, RecommendationResponse, ResponseKind, RiskTreatment, SignOff,
    SignOffs, TreatmentDecision,
};
use crate::template::testing::{key, DpiaBuilder};
use crate::template::{
    DataCategory, DataCategoryKind, DpiaContent, MeasureKind, Recipient, RecipientRole,
    TemplateContent,
};

pub(crate) const MISDIRECTED: &str = "risk.messages.misdirected";
pub(crate) const ACCESS: &str = "risk.messages.access";
pub(crate) const TRAINING_REC: &str = "rec.training";
pub(crate) const TRAINING: &str = "local.measure.training";
pub(crate) const RECIPIENT_CHECK: &str = "local.measure.recipient-check";
pub(crate) const ACTIVITY: &str = "activity.messages";
pub(crate) const PUPILS: &str = "subjects.pupils";
pub(crate) const HEALTH: &str = "data.messages.health";
pub(crate) const HOSTING: &str = "recipient.hosting";

/// A date in a test.
pub(crate) fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("test dates are valid")
}

/// The date every check test evaluates on.
pub(crate) fn today() -> NaiveDate {
    date(2024, 6, 1)
}

/// A measure in force from 2023, linked to nothing yet.
pub(crate) fn measure(measure_key: &str, kind: MeasureKind) -> Measure {
    Measure {
        key: key(measure_key),
        title: format!("title of {measure_key}"),
        description: format!("description of {measure_key}"),
        kind,
        status: MeasureStatus::Implemented {
            on: date(2023, 1, 1),
        },
        owner: Some("IT security".to_owned()),
        review_cadence_months: Some(12),
        mitigates: Vec::new(),
        implements: Vec::new(),
    }
}

/// A treatment with the given decision and residual rating, a rationale and an acceptance.
pub(crate) fn treatment(
    risk: &str,
    decision: TreatmentDecision,
    residual_likelihood: u8,
    residual_consequence: u8,
) -> RiskTreatment {
    RiskTreatment {
        risk_key: key(risk),
        decision,
        residual_likelihood,
        residual_consequence,
        rationale: "The recipient check halves the chance of a misdirected message.".to_owned(),
        accepted_by: Some("Head of schools".to_owned()),
        accepted_on: Some(date(2024, 2, 1)),
    }
}

/// An incident on `on` that materialised `risks`.
pub(crate) fn incident(incident_key: &str, on: NaiveDate, risks: &[&str]) -> Incident {
    Incident {
        key: key(incident_key),
        occurred_on: on,
        description: "A message about a pupil's health was sent to the wrong parent.".to_owned(),
        risks: risks.iter().map(|r| key(r)).collect(),
        notified_art33: true,
        notified_art34: false,
    }
}

/// A signature on a date.
pub(crate) fn signed(by: &str, on: NaiveDate, text: Option<&str>) -> SignOff {
    SignOff {
        by: by.to_owned(),
        on,
        text: text.map(str::to_owned),
    }
}

/// A not-applicable mark.
pub(crate) fn not_applicable(item: &str, justification: &str) -> NotApplicable {
    NotApplicable {
        item_key: key(item),
        justification: justification.to_owned(),
    }
}

/// A recipient of the messages activity that uses the data for purposes of its own.
pub(crate) fn vendor(role: RecipientRole, own_purposes: &[&str]) -> Recipient {
    Recipient {
        key: key("recipient.vendor"),
        name: "Suite vendor".to_owned(),
        role,
        own_purposes: own_purposes.iter().map(|p| (*p).to_owned()).collect(),
        legal_basis_for_disclosure: None,
        location: "EU/EEA".to_owned(),
        third_country: false,
        transfer_basis: None,
        anonymised_before_transfer: None,
    }
}

/// An assessment under test: a base and its local changes.
pub(crate) struct Fixture {
    pub(crate) base: DpiaContent,
    pub(crate) local: LocalChanges,
}

impl Fixture {
    /// The template test base (activity `activity.messages`, risks `risk.messages.misdirected`
    /// HIGH and `risk.messages.access` MEDIUM, MUST recommendation `rec.training`) with its
    /// metadata mapped, adopted well: subject counts stated, two implemented measures, both
    /// risks treated, the recommendation implemented, the DPO heard, approval before
    /// processing started on 2024-03-01, next review in 2025.
    pub(crate) fn well_formed() -> Self {
        let base = match DpiaBuilder::new().build() {
            TemplateContent::Dpia(dpia) => dpia,
            TemplateContent::CodeOfConduct(_) => unreachable!("the DPIA builder builds a DPIA"),
        };
        let mut fixture = Fixture {
            base,
            local: LocalChanges::default(),
        };
        fixture.base.activities[0]
            .data_categories
            .push(DataCategory {
                key: key("data.messages.metadata"),
                kind: DataCategoryKind::Metadata,
                special_category: None,
                description: "Sender, recipients and time of each message".to_owned(),
            });
        let local = &mut fixture.local;
        local.completions.push(Completion {
            item_key: key(PUPILS),
            field: "count".to_owned(),
            value: json!(5000),
        });
        let mut training = measure(TRAINING, MeasureKind::Organisational);
        training.mitigates = vec![key(MISDIRECTED), key(ACCESS)];
        training.implements = vec![key(TRAINING_REC)];
        let mut recipient_check = measure(RECIPIENT_CHECK, MeasureKind::Technical);
        recipient_check.mitigates = vec![key(MISDIRECTED)];
        local.measures = vec![training, recipient_check];
        local.treatments = vec![
            treatment(MISDIRECTED, TreatmentDecision::Reduce, 2, 2),
            treatment(ACCESS, TreatmentDecision::Accept, 2, 2),
        ];
        local.responses.push(RecommendationResponse {
            recommendation_key: key(TRAINING_REC),
            response: ResponseKind::Implemented,
            justification: None,
        });
        local.sign_offs = SignOffs {
            dpo_opinion: Some(signed(
                "Jane Doe, DPO",
                date(2024, 1, 10),
                Some("Adequate."),
            )),
            system_owner: Some(signed("Head of IT", date(2024, 1, 20), None)),
            management_approval: Some(signed("Director", date(2024, 2, 1), None)),
            prior_consultation: Some(PriorConsultation {
                decided_on: date(2024, 1, 20),
                required: false,
                reference: None,
                outcome: None,
            }),
            processing_started_on: Some(date(2024, 3, 1)),
            next_review_on: Some(date(2025, 2, 1)),
        };
        fixture
    }

    /// Changes the base.
    pub(crate) fn base(mut self, edit: impl FnOnce(&mut DpiaContent)) -> Self {
        edit(&mut self.base);
        self
    }

    /// Changes the local changes.
    pub(crate) fn local(mut self, edit: impl FnOnce(&mut LocalChanges)) -> Self {
        edit(&mut self.local);
        self
    }

    /// Adds a recipient to the messages activity of the base.
    pub(crate) fn with_recipient(self, recipient: Recipient) -> Self {
        self.base(|b| b.activities[0].recipients.push(recipient))
    }

    /// The effective assessment.
    pub(crate) fn effective(&self) -> EffectiveAssessment {
        effective(&self.base, &self.local)
    }

    /// The findings of one rule, with default settings, on [`today`].
    pub(crate) fn findings(&self, rule_id: &str) -> Vec<Finding> {
        self.findings_on(rule_id, &CheckSettings::default(), today())
    }

    /// The findings of one rule with the given settings and date.
    pub(crate) fn findings_on(
        &self,
        rule_id: &str,
        settings: &CheckSettings,
        today: NaiveDate,
    ) -> Vec<Finding> {
        let rule = rule(rule_id).unwrap_or_else(|| panic!("no rule {rule_id}"));
        let assessment = self.effective();
        let findings = rule.evaluate(&Context {
            assessment: &assessment,
            settings,
            today,
        });
        assert!(findings.iter().all(|f| f.rule_id == rule_id
            && f.severity == rule.severity
            && f.legal_reference == rule.legal_reference
            && !f.message.is_empty()));
        findings
    }

    /// Every finding, with default settings, on [`today`].
    pub(crate) fn all_findings(&self) -> Vec<Finding> {
        run_checks(&self.effective(), &CheckSettings::default(), today())
    }
}

/// The item keys of each finding.
pub(crate) fn keys(findings: &[Finding]) -> Vec<Vec<&str>> {
    (findings.iter())
        .map(|f| f.item_keys.iter().map(String::as_str).collect())
        .collect()
}

/// The distinct rule ids of `findings` at `severity`.
pub(crate) fn rule_ids(findings: &[Finding], severity: Severity) -> BTreeSet<&'static str> {
    (findings.iter())
        .filter(|f| f.severity == severity)
        .map(|f| f.rule_id)
        .collect()
}
