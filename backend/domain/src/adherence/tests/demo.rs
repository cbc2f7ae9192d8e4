//! The demo code of conduct and the demo controllers' adherence (SPEC §8, issue 8),
//! `backend/demo/school-code-v1.json` and `*-adherence.json`: the code is a canonical, valid
//! interchange document whose links all resolve in the demo DPIA template; each adherence
//! file applies cleanly, command by command, on top of that controller's demo assessment; Nordby
//! passes every check and Sydby shows the deviations and contradictions it is there to show.

use crate::adherence::{adherence_checks, apply, check_bindings, Adherence, AdherenceCommand};
use crate::assessment::{self, effective, AssessmentCommand, EffectiveAssessment, LocalChanges};
use crate::checks::Finding;
use crate::interchange::{parse, render};
use crate::template::{CodeOfConductContent, DpiaContent, TemplateContent, VersionStatus};

const CODE: &str = include_str!("../../../../demo/school-code-v1.json");
const DPIA_V1: &str = include_str!("../../../../demo/school-platform-v1.json");
const DPIA_V2: &str = include_str!("../../../../demo/school-platform-v2.json");
const NORDBY_DPIA: &str = include_str!("../../../../demo/nordby-assessment.json");
const SYDBY_DPIA: &str = include_str!("../../../../demo/sydby-assessment.json");
const NORDBY: &str = include_str!("../../../../demo/nordby-adherence.json");
const SYDBY: &str = include_str!("../../../../demo/sydby-adherence.json");

fn code() -> CodeOfConductContent {
    let document =
        parse(CODE.as_bytes()).unwrap_or_else(|error| panic!("the demo code is refused: {error}"));
    match document.content {
        TemplateContent::CodeOfConduct(code) => code,
        TemplateContent::Dpia(_) => panic!("the demo code is a code of conduct"),
    }
}

fn dpia_template(text: &str) -> DpiaContent {
    let document = parse(text.as_bytes())
        .unwrap_or_else(|error| panic!("the demo template is refused: {error}"));
    match document.content {
        TemplateContent::Dpia(dpia) => dpia,
        TemplateContent::CodeOfConduct(_) => panic!("the demo template is a DPIA"),
    }
}

/// What the demo loader does: the controller's assessment of DPIA version 1, then its
/// adherence to the code, every command through the write path.
fn adopt(
    name: &str,
    assessment_text: &str,
    adherence_text: &str,
) -> (EffectiveAssessment, Adherence) {
    let base = dpia_template(DPIA_V1);
    let mut commands: Vec<AssessmentCommand> = serde_json::from_str(assessment_text)
        .unwrap_or_else(|error| panic!("{name}: not assessment commands: {error}"));
    // Only the approval gate records management approval; the loader hands it over.
    let approval = assessment::take_management_approval(&mut commands);
    let mut local = (commands.iter()).fold(LocalChanges::default(), |local, command| {
        assessment::apply(&base, &local, command)
            .unwrap_or_else(|error| panic!("{name}: assessment command refused: {error}"))
    });
    if name == "nordby" {
        local.sign_offs.management_approval = approval;
    }
    let dpia = effective(&base, &local);
    let commands: Vec<AdherenceCommand> = serde_json::from_str(adherence_text)
        .unwrap_or_else(|error| panic!("{name}: not a list of adherence commands: {error}"));
    let code = code();
    let mut adherence = Adherence::default();
    for (index, command) in commands.iter().enumerate() {
        adherence = apply(&code, &adherence, &dpia.measures, command).unwrap_or_else(|error| {
            panic!(
                "{name}: adherence command {index} on {:?} is refused: {error}",
                command.target()
            )
        });
    }
    (dpia, adherence)
}

fn findings(name: &str, assessment_text: &str, adherence_text: &str) -> Vec<Finding> {
    let (dpia, adherence) = adopt(name, assessment_text, adherence_text);
    adherence_checks(&code(), &adherence, &dpia.measures, Some(&dpia))
}

fn summary(findings: &[Finding]) -> Vec<(&'static str, Vec<String>)> {
    (findings.iter())
        .map(|f| (f.rule_id, f.item_keys.clone()))
        .collect()
}

#[test]
fn the_demo_code_is_a_published_canonical_code_of_conduct() {
    let document = parse(CODE.as_bytes()).unwrap();
    assert_eq!(document.template.key.as_str(), "school-platform-code");
    assert_eq!(document.version.status, VersionStatus::Published);
    assert_eq!(render(&document), CODE);
    assert_eq!(code().clauses.len(), 8);
}

#[test]
fn every_clause_link_resolves_in_both_demo_dpia_versions() {
    for (version, text) in [(1, DPIA_V1), (2, DPIA_V2)] {
        let errors = check_bindings(&code(), &dpia_template(text));
        assert!(errors.is_empty(), "version {version}: {errors:?}");
    }
}

#[test]
fn nordby_answers_every_clause_and_passes_every_check() {
    let (_, adherence) = adopt("nordby", NORDBY_DPIA, NORDBY);
    assert_eq!(adherence.answers.len(), code().clauses.len());
    let found = findings("nordby", NORDBY_DPIA, NORDBY);
    assert!(found.is_empty(), "{:#?}", found);
}

#[test]
fn sydby_shows_unaddressed_clauses_an_uncompensated_deviation_and_contradictions() {
    let found = findings("sydby", SYDBY_DPIA, SYDBY);
    let keys = |keys: &[&str]| keys.iter().map(|k| (*k).to_owned()).collect::<Vec<_>>();
    assert_eq!(
        summary(&found),
        [
            (
                "A40_MUST_CLAUSE_UNADDRESSED",
                keys(&["clause.strong-authentication"])
            ),
            (
                "A40_MUST_CLAUSE_UNADDRESSED",
                keys(&["clause.annual-review"])
            ),
            (
                "A40_SHOULD_CLAUSE_UNADDRESSED",
                keys(&["clause.photo-consent"])
            ),
            (
                "A40_DEVIATION_WITHOUT_COMPENSATING_MEASURE",
                keys(&["clause.periodic-access-review"])
            ),
            (
                "A40_COMPLIANT_CLAUSE_RECOMMENDATION_NOT_MET",
                keys(&["clause.train-all-users", "rec.train-all-users"])
            ),
            (
                "A40_COMPLIANT_CLAUSE_RECOMMENDATION_NOT_MET",
                keys(&["clause.incident-72h", "rec.incident-procedure"])
            ),
        ]
    );
}

#[test]
fn sydby_records_a_deviation_with_a_compensating_measure_of_its_own() {
    let (dpia, adherence) = adopt("sydby", SYDBY_DPIA, SYDBY);
    let Some(crate::adherence::Answer::Deviation {
        compensating_measure,
        ..
    }) = adherence.answer("clause.access-policy")
    else {
        panic!("Sydby deviates from the access-policy clause");
    };
    assert!(dpia
        .measures
        .iter()
        .any(|m| m.key.as_str() == compensating_measure));
}
