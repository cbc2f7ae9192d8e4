//! Specifications of the DPIA report. The demo template (`backend/demo/school-platform-v1.json`)
//! is the base; each test writes the few local changes it needs through [`ReportScenario`].

mod content;
mod escaping;
mod risk_maps;
mod snapshot;

use chrono::NaiveDate;
use serde_json::Value;

use dpiahub_domain::assessment::{
    effective, Completion, EffectiveAssessment, LocalChanges, Measure, MeasureStatus,
    NotApplicable, Override, RecommendationResponse, ResponseKind, RiskTreatment, SignOff,
    TreatmentDecision,
};
use dpiahub_domain::checks::{Finding, Severity};
use dpiahub_domain::template::{DpiaContent, ItemKey, MeasureKind, TemplateContent};

use super::{render_html, render_markdown, ReportInput};
use crate::i18n::Lang;

/// The demo's message-module risk rated 4 × 4 (HIGH) centrally.
const MISDIRECTED: &str = "risk.messages.misdirected";
/// The demo's recommendation to train every user.
const TRAINING: &str = "rec.train-all-users";

/// The demo template's content.
fn demo_base() -> DpiaContent {
    let document =
        dpiahub_domain::interchange::parse(include_bytes!("../../../demo/school-platform-v1.json"))
            .expect("the demo template is a valid interchange document");
    match document.content {
        TemplateContent::Dpia(dpia) => dpia,
        TemplateContent::CodeOfConduct(_) => panic!("the demo template is a DPIA template"),
    }
}

fn key(text: &str) -> ItemKey {
    ItemKey::parse(text).expect("test keys are well-formed")
}

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("test dates are valid")
}

/// A report under test: the demo base, local changes, findings and the title block.
struct ReportScenario {
    base: DpiaContent,
    local: LocalChanges,
    findings: Vec<Finding>,
    organisation: String,
    title: String,
    language: Lang,
}

impl ReportScenario {
    /// The demo template adopted with no local change, reported in English (the tests read
    /// the English words; [`ReportScenario::in_danish`] switches to the default language).
    fn demo() -> Self {
        ReportScenario {
            base: demo_base(),
            local: LocalChanges::default(),
            findings: Vec::new(),
            organisation: "Nordby Kommune".to_owned(),
            title: "SkoleBro in Nordby".to_owned(),
            language: Lang::En,
        }
    }

    /// The same report with Danish fixed words, as a reader gets it by default.
    fn in_danish(mut self) -> Self {
        self.language = Lang::Da;
        self
    }

    fn titled(mut self, title: &str) -> Self {
        self.title = title.to_owned();
        self
    }

    fn overriding(mut self, item: &str, field: &str, value: Value, justification: &str) -> Self {
        self.local.overrides.push(Override {
            item_key: key(item),
            field: field.to_owned(),
            value,
            justification: justification.to_owned(),
        });
        self
    }

    fn completing(mut self, item: &str, field: &str, value: Value) -> Self {
        self.local.completions.push(Completion {
            item_key: key(item),
            field: field.to_owned(),
            value,
        });
        self
    }

    fn not_applicable(mut self, item: &str, justification: &str) -> Self {
        self.local.not_applicable.push(NotApplicable {
            item_key: key(item),
            justification: justification.to_owned(),
        });
        self
    }

    /// Reduces `risk` to the given residual rating, justified by `measure`, which also
    /// implements `recommendation` (answered `IMPLEMENTED`).
    fn reducing(
        mut self,
        risk: &str,
        residual: (u8, u8),
        rationale: &str,
        measure: &str,
        recommendation: &str,
    ) -> Self {
        self.local.measures.push(Measure {
            key: key(measure),
            title: format!("Measure {measure}"),
            description: "Annual training with a test for every user".to_owned(),
            kind: MeasureKind::Organisational,
            status: MeasureStatus::Implemented {
                on: date(2024, 9, 1),
            },
            owner: Some("School administration".to_owned()),
            review_cadence_months: Some(12),
            mitigates: vec![key(risk)],
            implements: vec![key(recommendation)],
        });
        self.local.treatments.push(RiskTreatment {
            risk_key: key(risk),
            decision: TreatmentDecision::Reduce,
            residual_likelihood: residual.0,
            residual_consequence: residual.1,
            rationale: rationale.to_owned(),
            accepted_by: Some("Head of schools".to_owned()),
            accepted_on: Some(date(2024, 9, 15)),
        });
        self.local.responses.push(RecommendationResponse {
            recommendation_key: key(recommendation),
            response: ResponseKind::Implemented,
            justification: None,
        });
        self
    }

    fn with_dpo_opinion(mut self, text: &str) -> Self {
        self.local.sign_offs.dpo_opinion = Some(SignOff {
            by: "Dana Dahl, DPO".to_owned(),
            on: date(2024, 10, 1),
            text: Some(text.to_owned()),
        });
        self
    }

    fn with_finding(mut self, rule_id: &'static str, severity: Severity, message: &str) -> Self {
        self.findings.push(Finding {
            rule_id,
            severity,
            legal_reference: "GDPR Art. 35(7)(a)",
            item_keys: vec![MISDIRECTED.to_owned()],
            message: message.to_owned(),
        });
        self
    }

    fn effective(&self) -> EffectiveAssessment {
        effective(&self.base, &self.local)
    }

    fn render(&self, render: fn(&ReportInput<'_>) -> Result<String, super::ReportError>) -> String {
        let effective = self.effective();
        let input = ReportInput {
            organisation: &self.organisation,
            title: &self.title,
            template_key: "school-platform",
            base_version: 1,
            status: "DRAFT",
            revision: 1,
            generated_on: date(2024, 11, 1),
            effective: &effective,
            base: &self.base,
            findings: &self.findings,
            language: self.language,
            content_language: dpiahub_domain::template::ContentLanguage::Da,
        };
        render(&input).expect("the report renders")
    }

    fn markdown(&self) -> String {
        self.render(render_markdown)
    }

    fn html(&self) -> String {
        self.render(render_html)
    }
}
