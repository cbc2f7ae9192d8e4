//! What the report says (issue 7): every section, the provenance of each item, the answers to
//! recommendations, findings by severity and the sign-offs.

use serde_json::json;

use dpiahub_domain::checks::Severity;

use super::{ReportScenario, MISDIRECTED, TRAINING};

const SECTIONS: [&str; 9] = [
    "Summary",
    "1. Systematic description (Art. 35(7)(a))",
    "2. Necessity and proportionality (Art. 35(7)(b))",
    "3. Risks (Art. 35(7)(c))",
    "4. Recommendations and responses (Art. 35(7)(d))",
    "5. Local measures (Art. 32)",
    "6. Incidents",
    "7. Compliance findings",
    "8. Sign-offs",
];

#[test]
fn both_formats_have_every_section_in_order() {
    let scenario = ReportScenario::demo();
    for (format, text) in [("markdown", scenario.markdown()), ("html", scenario.html())] {
        let mut last = 0;
        for section in SECTIONS {
            let at = text[last..]
                .find(section)
                .unwrap_or_else(|| panic!("{format}: section {section:?} missing or out of order"));
            last += at;
        }
    }
}

#[test]
fn the_title_block_names_the_controller_template_version_status_and_date() {
    let markdown = ReportScenario::demo().markdown();
    assert!(markdown.starts_with("# Data protection impact assessment: SkoleBro in Nordby\n"));
    assert!(markdown.contains("| Controller | Nordby Kommune |"));
    assert!(markdown.contains("| Base template | school-platform, version 1 |"));
    assert!(markdown.contains("| Status | DRAFT, revision 1 |"));
    assert!(markdown.contains("| Report date | 2024-11-01 |"));
}

#[test]
fn a_data_subject_count_left_to_the_adopter_reads_not_stated() {
    let markdown = ReportScenario::demo().markdown();
    assert!(markdown.contains("| operation.subjects.pupils | Elever | not stated | Inherited |"));
}

#[test]
fn a_completed_count_is_shown_with_its_local_provenance() {
    let markdown = ReportScenario::demo()
        .completing("operation.subjects.pupils", "count", json!(4200))
        .markdown();
    assert!(markdown
        .contains("| operation.subjects.pupils | Elever | 4200 | Inherited (1 field departing) |"));
    assert!(
        markdown.contains("| operation.subjects.pupils | count | Completed locally | 4200 |  |  |")
    );
}

#[test]
fn a_recipient_with_purposes_of_its_own_but_no_legal_basis_reads_not_stated() {
    let markdown = ReportScenario::demo()
        .overriding(
            "widgets.recipient.vendors",
            "legal_basis_for_disclosure",
            json!(null),
            "Not yet established locally",
        )
        .markdown();
    assert!(markdown.contains(
        "| Independent controller | Levering af deres egen læringstjeneste til eleven; Produktforbedring og statistik | not stated |"
    ));
}

#[test]
fn special_category_data_without_its_type_says_so() {
    let markdown = ReportScenario::demo()
        .overriding(
            "messages.data.health",
            "special_category",
            json!(null),
            "Unclear",
        )
        .markdown();
    assert!(markdown
        .contains("| messages.data.health | Special category (Art. 9) | type not specified |"));
}

#[test]
fn an_override_shows_the_central_value_the_direction_and_the_justification() {
    let markdown = ReportScenario::demo()
        .overriding(
            MISDIRECTED,
            "likelihood",
            json!(3),
            "Messages go to named staff only",
        )
        .markdown();
    assert!(markdown.contains(
        "| risk.messages.misdirected | likelihood | Overridden (lowered) | 3 Sandsynlig | 4 Forventet | Messages go to named staff only |"
    ));
    assert!(markdown.contains("Provenance: Overridden (1 field departing)"));
    assert!(markdown.contains(
        "- Inherent risk: likelihood 3 Sandsynlig × consequence 4 Ødelæggende = **HIGH**\n"
    ));
}

#[test]
fn an_item_that_does_not_apply_shows_why() {
    let html = ReportScenario::demo()
        .not_applicable(MISDIRECTED, "The message module is switched off")
        .html();
    assert!(html.contains(
        r#"<span class="prov prov-not_applicable">Not applicable</span> <span class="why">The message module is switched off</span>"#
    ));
}

#[test]
fn a_treated_risk_shows_decision_residual_rating_rationale_and_measures() {
    let markdown = ReportScenario::demo()
        .reducing(
            MISDIRECTED,
            (2, 3),
            "Training halves misdirected messages",
            "local.training",
            TRAINING,
        )
        .markdown();
    assert!(markdown.contains("- Treatment decision: REDUCE\n"));
    assert!(markdown.contains(
        "- Residual risk: likelihood 2 Mindre sandsynlig × consequence 3 Meget alvorlig = **MEDIUM**\n"
    ));
    assert!(markdown
        .contains("- Rationale of the residual rating: Training halves misdirected messages\n"));
    assert!(markdown
        .contains("  - local.training: Measure local.training (IMPLEMENTED on 2024-09-01)\n"));
    assert!(markdown.contains("- Residual risk accepted by: Head of schools, 2024-09-15\n"));
}

#[test]
fn an_untreated_risk_says_so() {
    let markdown = ReportScenario::demo().markdown();
    assert!(markdown.contains("- Treatment decision: **no treatment decision**\n"));
    assert!(markdown.contains("(untreated: the inherent rating)"));
}

#[test]
fn an_unaddressed_recommendation_stands_out_and_an_answered_one_does_not() {
    let scenario = ReportScenario::demo().reducing(
        MISDIRECTED,
        (2, 3),
        "Training",
        "local.training",
        TRAINING,
    );
    let markdown = scenario.markdown();
    let training = markdown
        .lines()
        .find(|l| l.starts_with("| rec.train-all-users |"))
        .expect("the training recommendation's row");
    assert!(training.contains("| IMPLEMENTED |"));
    assert!(training.contains("local.training (IMPLEMENTED on 2024-09-01)"));
    let unaddressed = markdown
        .lines()
        .filter(|l| l.starts_with("| rec.") && l.contains("**⚠ UNADDRESSED**"))
        .count();
    assert_eq!(unaddressed, 11);
    assert!(markdown.contains("Recommendations without a response (UNADDRESSED): 11."));
    let html = scenario.html();
    assert_eq!(
        html.matches(r#"<span class="unaddressed-badge">UNADDRESSED</span>"#)
            .count(),
        11
    );
}

#[test]
fn findings_are_grouped_by_severity_errors_first() {
    let markdown = ReportScenario::demo()
        .with_finding(
            "A35_7B_UNANSWERED",
            Severity::Warning,
            "Answer the question.",
        )
        .with_finding(
            "A35_7A_SUBJECT_COUNT",
            Severity::Error,
            "State the number of pupils.",
        )
        .markdown();
    let errors = markdown
        .find("### Errors (block approval)")
        .expect("an error group");
    let warnings = markdown.find("### Warnings").expect("a warning group");
    assert!(errors < warnings);
    assert!(markdown.contains(
        "| A35_7A_SUBJECT_COUNT | GDPR Art. 35(7)(a) | risk.messages.misdirected | State the number of pupils. |"
    ));
    assert!(
        !markdown.contains("### Information"),
        "empty groups are left out"
    );
}

#[test]
fn missing_sign_offs_are_listed_as_missing() {
    let markdown = ReportScenario::demo()
        .with_dpo_opinion("The residual risks are acceptable.")
        .markdown();
    assert!(markdown.contains(
        "| DPO opinion (Art. 35(2)) | yes | Dana Dahl, DPO, 2024-10-01 | The residual risks are acceptable. |"
    ));
    assert!(
        markdown.contains("| Management approval | **no** | missing: not approved (draft) |  |")
    );
    assert!(markdown.contains("| Prior consultation decision (Art. 36) | **no** | missing |  |"));
}

#[test]
fn the_html_report_is_self_contained() {
    let html = ReportScenario::demo().html();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<style>"));
    for external in ["<script", "<link", " src=", " href=", "@import", "url("] {
        assert!(
            !html.contains(external),
            "the report must not load {external}"
        );
    }
}
