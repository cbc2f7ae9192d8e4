//! Adopter summaries kept in the database (issue 18), so the first overview after a restart
//! reads one small row per adopter instead of recomputing every effective assessment and
//! check run.
//!
//! The memo rule (docs/ARCHITECTURE.md) holds as for the in-memory [`super::SummaryCache`]:
//! a stored row carries the whole [`SummaryKey`] it was computed for, and it is used only
//! while that key equals the one built from the assessment row read in the same request.
//! Unlike the memo, a row outlives the process, so it also names the build of the code that
//! computed it ([`COMPUTED_BY`]): a deployment that changes a check or the summary is not
//! served an older build's figures. Nothing is invalidated by hand; a row that does not match
//! is recomputed and overwritten.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::cache::SummaryKey;
use super::summary::{AdopterSummary, RiskMarks};
use crate::domain::assessment::ResponseStatus;
use crate::domain::checks::rule;
use crate::store::overview::StoredSummary;

/// A fingerprint of the code a summary is computed by: the domain crate's sources (effective
/// assessment, checks, parsing) and this module's and `summary.rs`'s, hashed by `build.rs`.
pub const COMPUTED_BY: &str = env!("DPIAHUB_SUMMARY_CODE");

const DAY: &str = "%Y-%m-%d";

/// The row that stores `summary`, computed for `key`, of one assessment.
pub fn row(
    org_id: &str,
    assessment_id: &str,
    key: &SummaryKey,
    summary: &AdopterSummary,
) -> StoredSummary {
    StoredSummary {
        org_id: org_id.to_owned(),
        assessment_id: assessment_id.to_owned(),
        version: key.version,
        base_version: key.base_version,
        status: key.status.clone(),
        revision: key.revision,
        check_settings: key.check_settings.clone(),
        day: key.today.format(DAY).to_string(),
        computed_by: COMPUTED_BY.to_owned(),
        summary: encode(summary),
    }
}

/// The stored summary if it was computed for exactly `key` by this build; `None` otherwise
/// (and for a row this build cannot read), so the caller recomputes it.
pub fn read(row: &StoredSummary, key: &SummaryKey) -> Option<AdopterSummary> {
    let stored_key = SummaryKey {
        version: row.version,
        base_version: row.base_version,
        status: row.status.clone(),
        revision: row.revision,
        check_settings: row.check_settings.clone(),
        today: NaiveDate::parse_from_str(&row.day, DAY).ok()?,
    };
    if row.computed_by != COMPUTED_BY || stored_key != *key {
        return None;
    }
    decode(&row.summary)
}

/// The stored text of a summary: compact JSON (a risk's marks are one number, a response its
/// status), keys sorted, so equal summaries are equal text.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Stored {
    overrides: usize,
    lowered_risks: usize,
    residual_highs: usize,
    unaddressed: usize,
    errors: usize,
    warnings: usize,
    /// Findings per rule id.
    rules: BTreeMap<String, usize>,
    /// Per risk key, the marks as bits (see [`marks_bits`]).
    risks: BTreeMap<String, u8>,
    responses: BTreeMap<String, ResponseStatus>,
}

const LOWERED: u8 = 1;
const RESIDUAL_HIGH: u8 = 2;
const NOT_APPLICABLE: u8 = 4;
const UNTREATED: u8 = 8;

fn marks_bits(m: &RiskMarks) -> u8 {
    [
        (m.lowered, LOWERED),
        (m.residual_high, RESIDUAL_HIGH),
        (m.not_applicable, NOT_APPLICABLE),
        (m.untreated, UNTREATED),
    ]
    .iter()
    .filter(|(set, _)| *set)
    .fold(0, |bits, (_, bit)| bits | bit)
}

fn bits_marks(bits: u8) -> Option<RiskMarks> {
    (bits < 16).then_some(RiskMarks {
        lowered: bits & LOWERED != 0,
        residual_high: bits & RESIDUAL_HIGH != 0,
        not_applicable: bits & NOT_APPLICABLE != 0,
        untreated: bits & UNTREATED != 0,
    })
}

pub fn encode(summary: &AdopterSummary) -> String {
    let stored = Stored {
        overrides: summary.overrides,
        lowered_risks: summary.lowered_risks,
        residual_highs: summary.residual_highs,
        unaddressed: summary.unaddressed,
        errors: summary.errors,
        warnings: summary.warnings,
        rules: (summary.findings_per_rule.iter())
            .map(|(id, n)| ((*id).to_owned(), *n))
            .collect(),
        risks: (summary.risks.iter())
            .map(|(key, marks)| (key.clone(), marks_bits(marks)))
            .collect(),
        responses: (summary.responses.iter())
            .map(|(key, status)| (key.clone(), *status))
            .collect(),
    };
    serde_json::to_string(&stored).expect("a map of strings and numbers serialises")
}

/// The summary `encode` wrote; `None` for text it did not write (or naming a rule this build
/// does not have).
pub fn decode(text: &str) -> Option<AdopterSummary> {
    let stored: Stored = serde_json::from_str(text).ok()?;
    let findings_per_rule = (stored.rules.into_iter())
        .map(|(id, n)| rule(&id).map(|r| (r.id, n)))
        .collect::<Option<BTreeMap<_, _>>>()?;
    let risks = (stored.risks.into_iter())
        .map(|(key, bits)| bits_marks(bits).map(|marks| (key, marks)))
        .collect::<Option<HashMap<_, _>>>()?;
    Some(AdopterSummary {
        overrides: stored.overrides,
        lowered_risks: stored.lowered_risks,
        residual_highs: stored.residual_highs,
        unaddressed: stored.unaddressed,
        errors: stored.errors,
        warnings: stored.warnings,
        findings_per_rule,
        risks,
        responses: stored.responses.into_iter().collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::checks::rules;

    fn summary() -> AdopterSummary {
        let ids: Vec<&'static str> = rules().iter().take(2).map(|r| r.id).collect();
        let mut risks = HashMap::new();
        for bits in 0..16u8 {
            risks.insert(format!("R{bits}"), bits_marks(bits).expect("a mark"));
        }
        AdopterSummary {
            overrides: 7,
            lowered_risks: 8,
            residual_highs: 4,
            unaddressed: 1,
            errors: 3,
            warnings: 2,
            findings_per_rule: BTreeMap::from([(ids[0], 2), (ids[1], 3)]),
            risks,
            responses: HashMap::from([
                ("rec-a".to_string(), ResponseStatus::Unaddressed),
                ("rec-b".to_string(), ResponseStatus::PartiallyImplemented),
            ]),
        }
    }

    fn key() -> SummaryKey {
        SummaryKey {
            version: 12,
            base_version: 2,
            status: "DRAFT".into(),
            revision: 1,
            check_settings: Some("{\"reviewIntervalMonths\":12}".into()),
            today: NaiveDate::from_ymd_opt(2026, 11, 23).expect("a day"),
        }
    }

    #[test]
    fn a_summary_reads_back_as_it_was_written() {
        let s = summary();
        assert_eq!(decode(&encode(&s)), Some(s));
    }

    #[test]
    fn every_combination_of_risk_marks_has_its_own_number() {
        for bits in 0..16u8 {
            let marks = bits_marks(bits).expect("four bits");
            assert_eq!(marks_bits(&marks), bits);
        }
        assert_eq!(bits_marks(16), None);
    }

    #[test]
    fn equal_summaries_are_equal_text_whatever_the_map_order() {
        let a = summary();
        let mut b = summary();
        let mut pairs: Vec<_> = a.risks.iter().map(|(k, v)| (k.clone(), *v)).collect();
        pairs.reverse();
        b.risks = pairs.into_iter().collect();
        assert_eq!(encode(&a), encode(&b));
    }

    #[test]
    fn text_it_did_not_write_is_not_read() {
        let text = encode(&summary());
        assert_eq!(decode(""), None);
        assert_eq!(
            decode(&text.replace("\"overrides\"", "\"extra\":1,\"overrides\"")),
            None
        );
        let unknown_rule = text.replacen(rules()[0].id, "NO_SUCH_RULE", 1);
        assert_eq!(decode(&unknown_rule), None, "a rule this build lacks");
        assert_eq!(decode(&text.replace("\"R15\":15", "\"R15\":16")), None);
    }

    #[test]
    fn a_row_is_read_only_for_the_key_and_build_it_was_computed_for() {
        let s = summary();
        let stored = row("org", "a", &key(), &s);
        assert_eq!(stored.day, "2026-11-23");
        assert_eq!(read(&stored, &key()), Some(s));
        let changed: [fn(&mut SummaryKey); 6] = [
            |k| k.version += 1,
            |k| k.base_version += 1,
            |k| k.status = "APPROVED".into(),
            |k| k.revision += 1,
            |k| k.check_settings = None,
            |k| k.today = k.today.succ_opt().expect("a day"),
        ];
        for change in changed {
            let mut other = key();
            change(&mut other);
            assert_eq!(read(&stored, &other), None, "{other:?}");
        }
        let mut older_build = stored.clone();
        older_build.computed_by = "0.1.0-0000000000000000".into();
        assert_eq!(read(&older_build, &key()), None);
        let mut garbled_day = stored;
        garbled_day.day = "23/11/2026".into();
        assert_eq!(read(&garbled_day, &key()), None);
    }
}
