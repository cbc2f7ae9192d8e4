//! The risk maps (issue 7): how many applicable risks sit in each (likelihood, consequence)
//! cell before measures (the inherent rating) and after them (the residual rating), each cell
//! coloured by the level the matrix gives it. Side by side they show what the measures are
//! claimed to achieve — seed 003's "27 high risks reduced to medium" made visible.

use serde::Serialize;

use dpiahub_domain::assessment::{EffectiveAssessment, EffectiveRisk};
use dpiahub_domain::risk_model::{Level, RiskLevel, RiskModel};

use super::labels::{self, word};
use crate::i18n::Lang;

/// Width of one cell of the SVG map, in pixels.
const CELL_WIDTH: u32 = 112;
/// Height of one cell of the SVG map.
const CELL_HEIGHT: u32 = 56;
/// Room left of the grid for the likelihood labels.
const LEFT_MARGIN: u32 = 168;
/// Room above the grid.
const TOP_MARGIN: u32 = 8;
/// Room below the grid for the consequence labels and the axis title.
const BOTTOM_MARGIN: u32 = 56;

/// Which rating a map counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Moment {
    /// The inherent rating: before measures.
    BeforeMeasures,
    /// The residual rating: after measures (the inherent one for an untreated risk).
    AfterMeasures,
}

/// One risk map, ready to lay out as a table (Markdown) or an SVG (HTML).
#[derive(Debug, Serialize)]
pub(super) struct RiskMapView {
    /// "Before measures (inherent)" or "After measures (residual)".
    pub(super) title: String,
    /// The consequence levels, lowest first: the columns.
    pub(super) consequences: Vec<AxisLabel>,
    /// One row per likelihood level, highest first, as a risk map is read.
    pub(super) rows: Vec<MapRow>,
    /// Number of risks placed on the map.
    pub(super) placed: usize,
    /// Risks whose rating lies outside the scales (only possible for stored data written
    /// around the rules); counted here rather than dropped silently.
    pub(super) off_scale: usize,
    /// The same map as SVG geometry.
    pub(super) svg: SvgMap,
}

/// A level on an axis.
#[derive(Debug, Serialize)]
pub(super) struct AxisLabel {
    /// The level's value on its scale.
    pub(super) value: u8,
    /// The level's label, e.g. "Sandsynlig".
    pub(super) label: String,
}

/// One likelihood row of a map.
#[derive(Debug, Serialize)]
pub(super) struct MapRow {
    /// The likelihood level of the row.
    pub(super) likelihood: AxisLabel,
    /// One cell per consequence level, lowest first.
    pub(super) cells: Vec<MapCell>,
}

/// One cell of a map.
#[derive(Debug, Serialize)]
pub(super) struct MapCell {
    /// Number of risks rated at this likelihood and consequence.
    pub(super) count: usize,
    /// The matrix level of the cell.
    pub(super) level: String,
    /// Its CSS class.
    pub(super) class: &'static str,
    /// Its fill colour.
    pub(super) colour: &'static str,
}

/// Pixel geometry of a map drawn as SVG, computed here so the template only draws.
#[derive(Debug, Serialize)]
pub(super) struct SvgMap {
    pub(super) width: u32,
    pub(super) height: u32,
    pub(super) cells: Vec<SvgCell>,
    /// Likelihood labels, right-aligned left of each row.
    pub(super) row_labels: Vec<SvgText>,
    /// Consequence labels, centred below each column.
    pub(super) column_labels: Vec<SvgText>,
    /// The "Likelihood" axis title.
    pub(super) likelihood_title: SvgText,
    /// The "Consequence" axis title.
    pub(super) consequence_title: SvgText,
}

/// A drawn cell.
#[derive(Debug, Serialize)]
pub(super) struct SvgCell {
    pub(super) x: u32,
    pub(super) y: u32,
    pub(super) width: u32,
    pub(super) height: u32,
    pub(super) colour: &'static str,
    pub(super) count: usize,
    pub(super) level: String,
    /// Where the count is written (the centre of the cell).
    pub(super) text_x: u32,
    pub(super) text_y: u32,
}

/// A positioned piece of text.
#[derive(Debug, Serialize)]
pub(super) struct SvgText {
    pub(super) x: u32,
    pub(super) y: u32,
    pub(super) text: String,
}

/// Counts per cell: `counts[likelihood - 1][consequence - 1]`, plus the number of ratings
/// outside the model's scales. Only applicable risks are counted: a risk set aside as not
/// applicable is not a risk of this processing.
pub(super) fn count(
    model: &RiskModel,
    risks: &[EffectiveRisk],
    moment: Moment,
) -> (Vec<Vec<usize>>, usize) {
    let mut counts = vec![vec![0; model.consequence.len()]; model.likelihood.len()];
    let mut off_scale = 0;
    for risk in risks.iter().filter(|r| r.is_applicable()) {
        let (likelihood, consequence) = rating(risk, moment);
        let cell = usize::from(likelihood)
            .checked_sub(1)
            .zip(usize::from(consequence).checked_sub(1))
            .and_then(|(l, c)| counts.get_mut(l).and_then(|row| row.get_mut(c)));
        match cell {
            Some(cell) => *cell += 1,
            None => off_scale += 1,
        }
    }
    (counts, off_scale)
}

/// The (likelihood, consequence) a risk is placed at.
fn rating(risk: &EffectiveRisk, moment: Moment) -> (u8, u8) {
    match (moment, &risk.treatment) {
        (Moment::AfterMeasures, Some(t)) => (t.residual_likelihood, t.residual_consequence),
        _ => (risk.likelihood.value, risk.consequence.value),
    }
}

/// The map of `assessment` at `moment`.
pub(super) fn risk_map(
    lang: Lang,
    assessment: &EffectiveAssessment,
    moment: Moment,
) -> RiskMapView {
    let model = &assessment.risk_model;
    let (counts, off_scale) = count(model, &assessment.risks, moment);
    let consequences: Vec<AxisLabel> = model.consequence.iter().map(axis_label).collect();
    let rows: Vec<MapRow> = (model.likelihood.iter().enumerate().rev())
        .map(|(l, likelihood)| MapRow {
            likelihood: axis_label(likelihood),
            cells: (model.consequence.iter().enumerate())
                .map(|(c, consequence)| {
                    // A model with an unknown cell is refused on publication; should one get
                    // through, the cautious reading is HIGH, as in the inheritance engine.
                    let level = model
                        .level(likelihood.value, consequence.value)
                        .unwrap_or(RiskLevel::High);
                    MapCell {
                        count: counts
                            .get(l)
                            .and_then(|row| row.get(c))
                            .copied()
                            .unwrap_or(0),
                        level: labels::level(lang, level),
                        class: labels::level_class(level),
                        colour: labels::level_colour(level),
                    }
                })
                .collect(),
        })
        .collect();
    let placed = counts.iter().flatten().sum();
    let svg = svg(lang, &rows, &consequences);
    RiskMapView {
        title: word(
            lang,
            match moment {
                Moment::BeforeMeasures => "report-map-before",
                Moment::AfterMeasures => "report-map-after",
            },
        ),
        consequences,
        rows,
        placed,
        off_scale,
        svg,
    }
}

fn axis_label(level: &Level) -> AxisLabel {
    AxisLabel {
        value: level.value,
        label: level.label.clone(),
    }
}

fn svg(lang: Lang, rows: &[MapRow], consequences: &[AxisLabel]) -> SvgMap {
    let columns = u32::try_from(consequences.len()).unwrap_or(u32::MAX);
    let row_count = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    let grid_bottom = TOP_MARGIN + row_count.saturating_mul(CELL_HEIGHT);
    let mut cells = Vec::new();
    let mut row_labels = Vec::new();
    for (r, row) in (0u32..).zip(rows) {
        let y = TOP_MARGIN + r * CELL_HEIGHT;
        row_labels.push(SvgText {
            x: LEFT_MARGIN - 8,
            y: y + CELL_HEIGHT / 2 + 4,
            text: format!("{} {}", row.likelihood.value, row.likelihood.label),
        });
        for (c, cell) in (0u32..).zip(&row.cells) {
            let x = LEFT_MARGIN + c * CELL_WIDTH;
            cells.push(SvgCell {
                x,
                y,
                width: CELL_WIDTH,
                height: CELL_HEIGHT,
                colour: cell.colour,
                count: cell.count,
                level: cell.level.clone(),
                text_x: x + CELL_WIDTH / 2,
                text_y: y + CELL_HEIGHT / 2 + 7,
            });
        }
    }
    let column_labels = (0u32..)
        .zip(consequences)
        .map(|(c, consequence)| SvgText {
            x: LEFT_MARGIN + c * CELL_WIDTH + CELL_WIDTH / 2,
            y: grid_bottom + 18,
            text: format!("{} {}", consequence.value, consequence.label),
        })
        .collect();
    let width = LEFT_MARGIN + columns.saturating_mul(CELL_WIDTH) + 8;
    SvgMap {
        width,
        height: grid_bottom + BOTTOM_MARGIN,
        cells,
        row_labels,
        column_labels,
        likelihood_title: SvgText {
            x: 14,
            y: TOP_MARGIN + row_count.saturating_mul(CELL_HEIGHT) / 2,
            text: word(lang, "report-map-likelihood"),
        },
        consequence_title: SvgText {
            x: LEFT_MARGIN + columns.saturating_mul(CELL_WIDTH) / 2,
            y: grid_bottom + 44,
            text: word(lang, "report-map-consequence"),
        },
    }
}
