//! The demo template shipped in `backend/demo/` (SPEC §8): both versions are canonical
//! interchange documents, valid, and differ by exactly the changes their changelog names.

use super::{parse, render, TemplateDocument};
use crate::risk_model::RiskLevel;
use crate::template::{
    diff_versions, ItemKind, Obligation, ScopeKind, TemplateContent, VersionStatus,
};

const V1: &str = include_str!("../../../demo/school-platform-v1.json");
const V2: &str = include_str!("../../../demo/school-platform-v2.json");

fn demo(text: &str) -> TemplateDocument {
    parse(text.as_bytes()).unwrap_or_else(|error| panic!("demo document refused: {error}"))
}

#[test]
fn both_demo_versions_parse_and_validate_as_published() {
    for (text, number) in [(V1, 1), (V2, 2)] {
        let document = demo(text);
        assert_eq!(document.template.key.as_str(), "school-platform");
        assert_eq!(document.version.number, number);
        assert_eq!(document.version.status, VersionStatus::Published);
        assert!(document.version.published_at.is_some());
    }
}

#[test]
fn the_demo_files_are_in_canonical_rendering() {
    assert_eq!(render(&demo(V1)), V1);
    assert_eq!(render(&demo(V2)), V2);
}

#[test]
fn the_demo_is_organised_by_five_processes_and_twelve_modules() {
    let document = demo(V1);
    let TemplateContent::Dpia(dpia) = &document.content else {
        panic!("the demo is a DPIA template");
    };
    let count = |kind| dpia.scopes.iter().filter(|s| s.kind == kind).count();
    assert_eq!(
        (count(ScopeKind::Process), count(ScopeKind::Module)),
        (5, 12)
    );
}

#[test]
fn the_demo_uses_the_seed_scales_with_the_incident_rule_on_sandsynlig() {
    let document = demo(V1);
    let model = &document.content.as_dpia().unwrap().risk_model;
    let labels: Vec<&str> = model.likelihood.iter().map(|l| l.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Usandsynlig",
            "Mindre sandsynlig",
            "Sandsynlig",
            "Forventet"
        ]
    );
    let labels: Vec<&str> = model.consequence.iter().map(|l| l.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Ubetydelig",
            "Mindre alvorlig",
            "Meget alvorlig",
            "Ødelæggende"
        ]
    );
    // Seed 003: a breach 8 months earlier demands at least "Sandsynlig".
    let demanded = model
        .min_likelihood_for_incident(8)
        .map(|l| l.label.as_str());
    assert_eq!(demanded, Some("Sandsynlig"));
    // Seed 003: "Forventet" lowered to "Mindre sandsynlig" turns a high risk into a medium one.
    assert_eq!(model.level(4, 4), Ok(RiskLevel::High));
    assert_eq!(model.level(2, 4), Ok(RiskLevel::Medium));
}

#[test]
fn the_demo_risk_catalogue_has_many_high_risks_and_must_recommendations() {
    let document = demo(V1);
    let dpia = document.content.as_dpia().unwrap();
    let high = (dpia.risks.iter())
        .filter(|r| r.level(&dpia.risk_model) == Ok(RiskLevel::High))
        .count();
    assert!(dpia.risks.len() >= 30, "{} risks", dpia.risks.len());
    assert!(high >= 12, "{high} high risks");
    let must = (dpia.recommendations.iter())
        .filter(|r| r.obligation == Obligation::Must)
        .count();
    assert!(must >= 8, "{must} MUST recommendations");
    let messages = dpia
        .risks
        .iter()
        .filter(|r| r.scope.as_str() == "module.messages");
    assert!(messages.count() >= 6);
}

#[test]
fn version_two_changes_exactly_what_its_changelog_says() {
    let diff = diff_versions(&demo(V1).content, &demo(V2).content);
    let added: Vec<(ItemKind, &str)> = diff
        .added
        .iter()
        .map(|i| (i.kind, i.key.as_str()))
        .collect();
    let removed: Vec<(ItemKind, &str)> = (diff.removed.iter())
        .map(|i| (i.kind, i.key.as_str()))
        .collect();
    assert_eq!(
        added,
        [
            (ItemKind::Risk, "risk.messages.reply-all-default"),
            (ItemKind::Recommendation, "rec.reply-to-sender")
        ]
    );
    assert_eq!(removed, [(ItemKind::Recommendation, "rec.photo-consent")]);
    let changed: Vec<(&str, Vec<&str>)> = (diff.changed.iter())
        .map(|c| {
            let fields = c.fields.iter().map(|f| f.field.as_str()).collect();
            (c.key.as_str(), fields)
        })
        .collect();
    assert_eq!(
        changed,
        [
            ("risk.messages.forwarding", vec!["likelihood", "rationale"]),
            ("rec.train-all-users", vec!["text"]),
        ]
    );
}
