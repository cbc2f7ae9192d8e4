//! The per-recommendation and per-risk figures of the overview: over every adopter's summary,
//! how many gave each response to each central recommendation, and how many lowered, left
//! high, declined or left untreated each central risk.
//!
//! Counted adopter by adopter: each summary's maps are walked once, in place, into counters
//! indexed by the catalogue's position. Counting risk by risk instead (for each of the 300
//! risks, a lookup in every adopter's map) visits all adopters' maps 300 times; at 1,000
//! adopters those maps no longer fit the processor's cache and the overview grew faster than
//! the number of adopters (docs/PERFORMANCE.md, the cost curve).

use std::collections::HashMap;

use super::summary::AdopterSummary;
use super::{RecommendationFigures, RiskFigures, STATUSES};

/// Each key's position in the catalogue; a key listed twice counts at its first position and
/// both rows show the same figures.
fn positions<'k>(keys: &[&'k str]) -> (HashMap<&'k str, usize>, Vec<usize>) {
    let mut first = HashMap::with_capacity(keys.len());
    let rows = keys
        .iter()
        .enumerate()
        .map(|(i, key)| *first.entry(*key).or_insert(i))
        .collect();
    (first, rows)
}

/// Counts per response status for each recommendation key, in the order of `keys`.
pub fn recommendation_figures(
    keys: &[&str],
    summaries: &[&AdopterSummary],
) -> Vec<RecommendationFigures> {
    let (index, rows) = positions(keys);
    let mut counts = vec![[0usize; STATUSES.len()]; keys.len()];
    for summary in summaries {
        for (key, status) in &summary.responses {
            let (Some(&i), Some(s)) = (
                index.get(key.as_str()),
                STATUSES.iter().position(|known| known == status),
            ) else {
                continue;
            };
            counts[i][s] += 1;
        }
    }
    keys.iter()
        .zip(rows)
        .map(|(key, row)| RecommendationFigures {
            key: key.to_string(),
            per_status: STATUSES.iter().copied().zip(counts[row]).collect(),
        })
        .collect()
}

/// How many adopters lowered, left high, declined or left untreated each risk key, in the
/// order of `keys`.
pub fn risk_figures(keys: &[&str], summaries: &[&AdopterSummary]) -> Vec<RiskFigures> {
    let (index, rows) = positions(keys);
    let mut counts = vec![[0usize; 4]; keys.len()];
    for summary in summaries {
        for (key, marks) in &summary.risks {
            let Some(&i) = index.get(key.as_str()) else {
                continue;
            };
            let flags = [
                marks.lowered,
                marks.residual_high,
                marks.not_applicable,
                marks.untreated,
            ];
            for (count, flag) in counts[i].iter_mut().zip(flags) {
                *count += usize::from(flag);
            }
        }
    }
    keys.iter()
        .zip(rows)
        .map(|(key, row)| {
            let [lowered, residual_high, not_applicable, untreated] = counts[row];
            RiskFigures {
                key: key.to_string(),
                lowered,
                residual_high,
                not_applicable,
                untreated,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::assessment::ResponseStatus;
    use crate::overview::summary::RiskMarks;
    use proptest::prelude::*;

    /// The figures counted risk by risk, as the overview did before: the reference.
    fn risk_by_risk(keys: &[&str], summaries: &[&AdopterSummary]) -> Vec<[usize; 4]> {
        keys.iter()
            .map(|key| {
                let marks: Vec<&RiskMarks> =
                    summaries.iter().filter_map(|s| s.risks.get(*key)).collect();
                let count = |f: fn(&RiskMarks) -> bool| marks.iter().filter(|m| f(m)).count();
                [
                    count(|m| m.lowered),
                    count(|m| m.residual_high),
                    count(|m| m.not_applicable),
                    count(|m| m.untreated),
                ]
            })
            .collect()
    }

    fn recommendation_by_recommendation(
        keys: &[&str],
        summaries: &[&AdopterSummary],
    ) -> Vec<Vec<usize>> {
        keys.iter()
            .map(|key| {
                STATUSES
                    .iter()
                    .map(|status| {
                        summaries
                            .iter()
                            .filter(|s| s.responses.get(*key) == Some(status))
                            .count()
                    })
                    .collect()
            })
            .collect()
    }

    fn summary(risks: Vec<(String, [bool; 4])>, responses: Vec<(String, usize)>) -> AdopterSummary {
        AdopterSummary {
            risks: risks
                .into_iter()
                .map(|(k, [lowered, residual_high, not_applicable, untreated])| {
                    let marks = RiskMarks {
                        lowered,
                        residual_high,
                        not_applicable,
                        untreated,
                    };
                    (k, marks)
                })
                .collect(),
            responses: responses
                .into_iter()
                .map(|(k, s)| (k, STATUSES[s % STATUSES.len()]))
                .collect(),
            ..Default::default()
        }
    }

    fn key() -> impl Strategy<Value = String> {
        // Few keys, so adopters share them, and some are not in the catalogue.
        (0..12u8).prop_map(|n| format!("K{n}"))
    }

    proptest! {
        /// Counting adopter by adopter gives exactly the figures of counting key by key, for
        /// any catalogue (repeated keys included) and any summaries (keys outside it too).
        #[test]
        fn counting_by_adopter_gives_the_figures_of_counting_by_key(
            catalogue in prop::collection::vec(key(), 0..10),
            adopters in prop::collection::vec(
                (
                    prop::collection::vec((key(), any::<[bool; 4]>()), 0..10),
                    prop::collection::vec((key(), 0..6usize), 0..10),
                ),
                0..8,
            ),
        ) {
            let summaries: Vec<AdopterSummary> =
                adopters.into_iter().map(|(r, s)| summary(r, s)).collect();
            let refs: Vec<&AdopterSummary> = summaries.iter().collect();
            let keys: Vec<&str> = catalogue.iter().map(String::as_str).collect();

            let risks: Vec<[usize; 4]> = risk_figures(&keys, &refs)
                .iter()
                .map(|f| [f.lowered, f.residual_high, f.not_applicable, f.untreated])
                .collect();
            prop_assert_eq!(risks, risk_by_risk(&keys, &refs));

            let recommendations = recommendation_figures(&keys, &refs);
            let counted: Vec<Vec<usize>> = recommendations
                .iter()
                .map(|f| f.per_status.iter().map(|(_, n)| *n).collect())
                .collect();
            prop_assert_eq!(counted, recommendation_by_recommendation(&keys, &refs));
            for (figures, key) in recommendations.iter().zip(&keys) {
                prop_assert_eq!(&figures.key, key);
                let statuses: Vec<ResponseStatus> =
                    figures.per_status.iter().map(|(s, _)| *s).collect();
                prop_assert_eq!(statuses, STATUSES.to_vec());
            }
        }
    }
}
