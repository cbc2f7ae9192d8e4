//! The risk maps before and after measures (issue 7).

use serde_json::json;

use super::super::risk_map::{count, risk_map, Moment};
use super::{ReportScenario, MISDIRECTED, TRAINING};

/// `counts[likelihood - 1][consequence - 1]`.
fn cell(counts: &[Vec<usize>], likelihood: usize, consequence: usize) -> usize {
    counts[likelihood - 1][consequence - 1]
}

#[test]
fn without_local_changes_both_maps_place_every_risk_where_the_template_rates_it() {
    let effective = ReportScenario::demo().effective();
    let (before, off_scale) = count(
        &effective.risk_model,
        &effective.risks,
        Moment::BeforeMeasures,
    );
    assert_eq!(off_scale, 0);
    assert_eq!(before.iter().flatten().sum::<usize>(), 34);
    assert_eq!(cell(&before, 4, 4), 1);
    assert_eq!(cell(&before, 3, 3), 7);
    assert_eq!(cell(&before, 2, 3), 6);
    assert_eq!(cell(&before, 1, 1), 0);
    let (after, _) = count(
        &effective.risk_model,
        &effective.risks,
        Moment::AfterMeasures,
    );
    assert_eq!(after, before, "an untreated risk keeps its inherent rating");
}

#[test]
fn a_reduced_risk_moves_on_the_map_after_measures_only() {
    let effective = ReportScenario::demo()
        .reducing(MISDIRECTED, (2, 3), "Training", "local.training", TRAINING)
        .effective();
    let (before, _) = count(
        &effective.risk_model,
        &effective.risks,
        Moment::BeforeMeasures,
    );
    let (after, _) = count(
        &effective.risk_model,
        &effective.risks,
        Moment::AfterMeasures,
    );
    assert_eq!(cell(&before, 4, 4), 1);
    assert_eq!(cell(&before, 2, 3), 6);
    assert_eq!(cell(&after, 4, 4), 0);
    assert_eq!(cell(&after, 2, 3), 7);
}

#[test]
fn an_overridden_inherent_rating_is_placed_at_the_local_value() {
    let effective = ReportScenario::demo()
        .overriding(
            MISDIRECTED,
            "likelihood",
            json!(3),
            "Messages go to named staff only",
        )
        .effective();
    let (before, _) = count(
        &effective.risk_model,
        &effective.risks,
        Moment::BeforeMeasures,
    );
    assert_eq!(cell(&before, 4, 4), 0);
    assert_eq!(cell(&before, 3, 4), 3);
}

#[test]
fn a_risk_that_does_not_apply_is_on_neither_map() {
    let effective = ReportScenario::demo()
        .not_applicable(MISDIRECTED, "The message module is switched off")
        .effective();
    for moment in [Moment::BeforeMeasures, Moment::AfterMeasures] {
        let (counts, _) = count(&effective.risk_model, &effective.risks, moment);
        assert_eq!(cell(&counts, 4, 4), 0);
        assert_eq!(counts.iter().flatten().sum::<usize>(), 33);
    }
}

#[test]
fn rows_run_from_the_highest_likelihood_down_and_cells_take_the_matrix_level() {
    let effective = ReportScenario::demo().effective();
    let map = risk_map(crate::i18n::Lang::En, &effective, Moment::BeforeMeasures);
    let top = &map.rows[0];
    assert_eq!(top.likelihood.label, "Forventet");
    assert_eq!(top.cells[3].level, "HIGH");
    assert_eq!(top.cells[0].level, "MEDIUM");
    let bottom = &map.rows[3];
    assert_eq!(bottom.likelihood.label, "Usandsynlig");
    assert_eq!(bottom.cells[0].level, "LOW");
    assert_eq!(map.placed, 34);
    assert_eq!(map.svg.cells.len(), 16);
    assert_eq!(
        map.svg.cells[3].count, 1,
        "top right is likelihood 4 × consequence 4"
    );
}

#[test]
fn the_markdown_maps_are_tables_with_a_count_and_level_per_cell() {
    let markdown = ReportScenario::demo()
        .reducing(MISDIRECTED, (2, 3), "Training", "local.training", TRAINING)
        .markdown();
    let before = "| **4 Forventet** | 0 · MEDIUM | 0 · MEDIUM | **4** · HIGH | **1** · HIGH |";
    let after = "| **4 Forventet** | 0 · MEDIUM | 0 · MEDIUM | **4** · HIGH | 0 · HIGH |";
    let before_at = markdown.find(before).expect("the map before measures");
    let after_at = markdown.find(after).expect("the map after measures");
    assert!(before_at < after_at);
    assert!(markdown.contains(
        "| **2 Mindre sandsynlig** | 0 · LOW | **5** · LOW | **7** · MEDIUM | **4** · MEDIUM |"
    ));
}

#[test]
fn the_html_maps_are_inline_svg_coloured_by_level() {
    let html = ReportScenario::demo().html();
    assert_eq!(html.matches("<svg ").count(), 2);
    assert!(html.contains(r##"fill="#f3a0a0""##), "HIGH cells are red");
    assert!(html.contains(r##"fill="#b9e4a8""##), "LOW cells are green");
    assert!(html.contains("Before measures (inherent risk)"));
    assert!(html.contains("After measures (residual risk)"));
}
