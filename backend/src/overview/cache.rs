//! Adopter summaries kept between overview requests. An assessment's summary is a function of
//! its stored state (identified by its row `version`, which every write bumps), its base
//! version (immutable once published), the template's check settings and the check day; the
//! key holds all four, so a summary is reused only while none of them changed. The version is
//! read from the database on every request, so writes through another server process are
//! seen too.

use std::sync::Arc;

use chrono::NaiveDate;

use super::summary::AdopterSummary;
use crate::memo::Memo;

/// Everything an adopter summary depends on besides the immutable base version's content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SummaryKey {
    pub version: i64,
    pub base_version: i32,
    pub status: String,
    pub revision: i32,
    pub check_settings: Option<String>,
    pub today: NaiveDate,
}

/// Summaries by assessment id, each with the key it was computed for.
pub struct SummaryCache {
    entries: Memo<String, (SummaryKey, Arc<AdopterSummary>)>,
}

impl Default for SummaryCache {
    fn default() -> Self {
        Self {
            entries: Memo::new(20_000),
        }
    }
}

impl SummaryCache {
    /// The summary of `assessment_id` if it was computed for exactly `key`.
    pub fn get(&self, assessment_id: &str, key: &SummaryKey) -> Option<Arc<AdopterSummary>> {
        self.entries
            .get(assessment_id)
            .filter(|(cached, _)| cached == key)
            .map(|(_, summary)| summary)
    }

    pub fn put(&self, assessment_id: &str, key: SummaryKey, summary: Arc<AdopterSummary>) {
        self.entries
            .insert(assessment_id.to_owned(), (key, summary));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(version: i64) -> SummaryKey {
        SummaryKey {
            version,
            base_version: 1,
            status: "DRAFT".into(),
            revision: 1,
            check_settings: None,
            today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        }
    }

    fn summary(overrides: usize) -> Arc<AdopterSummary> {
        Arc::new(AdopterSummary {
            overrides,
            ..Default::default()
        })
    }

    #[test]
    fn a_summary_is_reused_only_for_the_same_key() {
        let cache = SummaryCache::default();
        cache.put("a", key(3), summary(7));
        assert_eq!(cache.get("a", &key(3)).map(|s| s.overrides), Some(7));
        assert!(
            cache.get("a", &key(4)).is_none(),
            "a later write invalidates"
        );
        let mut other_day = key(3);
        other_day.today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        assert!(
            cache.get("a", &other_day).is_none(),
            "checks depend on the day"
        );
        let mut other_settings = key(3);
        other_settings.check_settings = Some("{}".into());
        assert!(cache.get("a", &other_settings).is_none());
        assert!(cache.get("b", &key(3)).is_none());
    }

    #[test]
    fn a_newer_summary_replaces_the_older_one() {
        let cache = SummaryCache::default();
        cache.put("a", key(3), summary(1));
        cache.put("a", key(4), summary(2));
        assert!(cache.get("a", &key(3)).is_none());
        assert_eq!(cache.get("a", &key(4)).map(|s| s.overrides), Some(2));
    }
}
