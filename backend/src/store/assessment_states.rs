//! Every state an assessment has had, for reads as of a past instant (SPEC §6).
//!
//! A state's local changes are kept as a delta of the text of the state before it: the bytes
//! the two texts do not share at their start and end. One command changes one item, so the
//! delta of a write is a few hundred bytes where the full text is ~115 KB; storing the full
//! text on every write was half of the bytes a write made durable (docs/PERFORMANCE.md, "The
//! override write"). Every [`SNAPSHOT_EVERY`]-th version, the first state and any state whose
//! delta would not be small keep their full text, so reading a state applies at most
//! `SNAPSHOT_EVERY - 1` deltas to the nearest full text before it.

use chrono::NaiveDateTime;
use diesel::dsl::max;
use diesel::prelude::*;

use super::assessments::Assessment;
use super::schema::assessment_states;
use super::DbConnection;
use crate::audit::WriteTx;
use crate::error::{AppError, AppResult};

/// A state whose version is 1 modulo this keeps its full text: the chain a read replays is
/// at most this long.
pub const SNAPSHOT_EVERY: i64 = 32;

/// The part of a text that differs from the text before it: `next` is
/// `previous[..prefix] + middle + previous[previous.len() - suffix..]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextDelta<'a> {
    pub prefix: usize,
    pub suffix: usize,
    pub middle: &'a str,
}

/// The delta from `previous` to `next`: their longest common start and, in what remains,
/// their longest common end, both cut at character boundaries.
pub fn text_delta<'a>(previous: &str, next: &'a str) -> TextDelta<'a> {
    let (p, n) = (previous.as_bytes(), next.as_bytes());
    let mut prefix = p.iter().zip(n).take_while(|(a, b)| a == b).count();
    while !next.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let room = p.len().min(n.len()) - prefix;
    let mut suffix = p
        .iter()
        .rev()
        .zip(n.iter().rev())
        .take(room)
        .take_while(|(a, b)| a == b)
        .count();
    while !next.is_char_boundary(n.len() - suffix) {
        suffix -= 1;
    }
    TextDelta {
        prefix,
        suffix,
        middle: &next[prefix..n.len() - suffix],
    }
}

/// `previous` with `delta` applied; `None` when the delta does not fit `previous` (a broken
/// chain, never written by [`record`]).
pub fn apply_delta(previous: &str, delta: &TextDelta<'_>) -> Option<String> {
    let end = previous.len().checked_sub(delta.suffix)?;
    let head = previous.get(..delta.prefix)?;
    let tail = previous.get(end..)?;
    if delta.prefix > end {
        return None;
    }
    let mut text = String::with_capacity(head.len() + delta.middle.len() + tail.len());
    text.push_str(head);
    text.push_str(delta.middle);
    text.push_str(tail);
    Some(text)
}

/// Keeps `next` for as-of reads. `previous` is the version and local changes text of the
/// stored state `next` follows, `None` for a new assessment.
pub fn record(
    tx: &mut WriteTx<'_>,
    next: &Assessment,
    previous: Option<(i64, &str)>,
) -> AppResult<()> {
    let delta = previous
        .filter(|_| next.version % SNAPSHOT_EVERY != 1)
        .map(|(version, text)| (version, text_delta(text, &next.local_changes)))
        // A delta near the size of the text saves nothing and lengthens every later read.
        .filter(|(_, delta)| delta.middle.len() < next.local_changes.len() / 4);
    let (text, delta_from, prefix, suffix) = match &delta {
        Some((from, d)) => (
            d.middle,
            Some(*from),
            Some(d.prefix as i64),
            Some(d.suffix as i64),
        ),
        None => (next.local_changes.as_str(), None, None, None),
    };
    diesel::insert_into(assessment_states::table)
        .values((
            assessment_states::org_id.eq(&next.org_id),
            assessment_states::assessment_id.eq(&next.id),
            assessment_states::version.eq(next.version),
            assessment_states::at.eq(next.updated_at),
            assessment_states::base_version.eq(next.base_version),
            assessment_states::status.eq(&next.status),
            assessment_states::revision.eq(next.revision),
            assessment_states::local_changes.eq(text),
            assessment_states::delta_from.eq(delta_from),
            assessment_states::delta_prefix.eq(prefix),
            assessment_states::delta_suffix.eq(suffix),
        ))
        .execute(tx.conn())?;
    Ok(())
}

type StateHead = (i64, NaiveDateTime, i32, String, i32);
type StateText = (i64, Option<i64>, Option<i64>, Option<i64>, String);

/// The assessment as it stood at `at`: its last state written at or before then, with the
/// full text of its local changes.
pub fn as_of(
    conn: &mut DbConnection,
    assessment: &Assessment,
    at: NaiveDateTime,
) -> AppResult<Assessment> {
    let of_this = assessment_states::org_id
        .eq(&assessment.org_id)
        .and(assessment_states::assessment_id.eq(&assessment.id));
    let head: Option<StateHead> = assessment_states::table
        .filter(of_this)
        .filter(assessment_states::at.le(at))
        .order(assessment_states::version.desc())
        .select((
            assessment_states::version,
            assessment_states::at,
            assessment_states::base_version,
            assessment_states::status,
            assessment_states::revision,
        ))
        .first(conn)
        .optional()?;
    let (version, updated_at, base_version, status, revision) =
        head.ok_or_else(|| AppError::validation("at", "the assessment did not exist yet then"))?;
    let full: Option<i64> = assessment_states::table
        .filter(of_this)
        .filter(assessment_states::version.le(version))
        .filter(assessment_states::delta_from.is_null())
        .select(max(assessment_states::version))
        .first(conn)?;
    let full = full.ok_or_else(|| broken(assessment, version))?;
    let chain: Vec<StateText> = assessment_states::table
        .filter(of_this)
        .filter(assessment_states::version.between(full, version))
        .order(assessment_states::version.asc())
        .select((
            assessment_states::version,
            assessment_states::delta_from,
            assessment_states::delta_prefix,
            assessment_states::delta_suffix,
            assessment_states::local_changes,
        ))
        .load(conn)?;
    let local_changes = replay(chain).ok_or_else(|| broken(assessment, version))?;
    Ok(Assessment {
        version,
        updated_at,
        base_version,
        status,
        revision,
        local_changes,
        ..assessment.clone()
    })
}

/// The text of the last state of `chain` (ascending versions, starting with a full text),
/// each delta applied to the text of the state it names.
fn replay(chain: Vec<StateText>) -> Option<String> {
    let mut states = chain.into_iter();
    let (mut version, None, _, _, mut text) = states.next()? else {
        return None;
    };
    for (next, from, prefix, suffix, middle) in states {
        if from != Some(version) {
            return None;
        }
        let delta = TextDelta {
            prefix: usize::try_from(prefix?).ok()?,
            suffix: usize::try_from(suffix?).ok()?,
            middle: &middle,
        };
        text = apply_delta(&text, &delta)?;
        version = next;
    }
    Some(text)
}

fn broken(assessment: &Assessment, version: i64) -> AppError {
    AppError::Internal(format!(
        "the stored states of assessment {} do not lead to version {version}",
        assessment.id
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_changed_value_is_stored_as_the_bytes_around_it() {
        let delta = text_delta(r#"{"likelihood":2,"x":"a"}"#, r#"{"likelihood":3,"x":"a"}"#);
        assert_eq!(delta.middle, "3");
        assert_eq!((delta.prefix, delta.suffix), (14, 9));
    }

    #[test]
    fn a_delta_never_cuts_a_character() {
        let (previous, next) = ("risiko: lav æble", "risiko: lav øble");
        let delta = text_delta(previous, next);
        assert_eq!(delta.middle, "ø");
        assert_eq!(apply_delta(previous, &delta).as_deref(), Some(next));
    }

    #[test]
    fn repeated_text_is_not_counted_twice() {
        // The common start and end overlap in "aa" → "aaa": the middle is one "a".
        let delta = text_delta("aa", "aaa");
        assert_eq!(delta.prefix + delta.middle.len() + delta.suffix, 3);
        assert_eq!(apply_delta("aa", &delta).as_deref(), Some("aaa"));
    }

    #[test]
    fn a_delta_that_does_not_fit_is_refused() {
        let delta = TextDelta {
            prefix: 3,
            suffix: 3,
            middle: "x",
        };
        assert_eq!(apply_delta("abcd", &delta), None);
        let inside_a_character = TextDelta {
            prefix: 1,
            suffix: 0,
            middle: "",
        };
        assert_eq!(apply_delta("æ", &inside_a_character), None);
    }

    #[test]
    fn a_chain_replays_to_its_last_state_and_a_gap_breaks_it() {
        let texts = ["{\"a\":1}", "{\"a\":12}", "{\"b\":12}"];
        let mut chain = vec![(1, None, None, None, texts[0].to_string())];
        for v in 1..texts.len() {
            let d = text_delta(texts[v - 1], texts[v]);
            chain.push((
                v as i64 + 1,
                Some(v as i64),
                Some(d.prefix as i64),
                Some(d.suffix as i64),
                d.middle.to_string(),
            ));
        }
        assert_eq!(replay(chain.clone()).as_deref(), Some(texts[2]));
        let mut gap = chain.clone();
        gap.remove(1);
        assert_eq!(replay(gap), None);
        assert_eq!(
            replay(chain[1..].to_vec()),
            None,
            "no full text to start from"
        );
    }

    proptest! {
        #[test]
        fn applying_the_delta_gives_the_next_text_exactly(
            previous in "[a-c{}\":,æø€0-9]{0,40}",
            next in "[a-c{}\":,æø€0-9]{0,40}",
        ) {
            let delta = text_delta(&previous, &next);
            prop_assert!(delta.prefix + delta.suffix <= previous.len().min(next.len()));
            prop_assert_eq!(apply_delta(&previous, &delta), Some(next.clone()));
        }

        #[test]
        fn an_edit_in_the_middle_is_stored_in_about_its_size(
            start in "[a-z]{0,200}",
            end in "[a-z]{0,200}",
            old in "[0-9]{1,5}",
            new in "[0-9]{1,5}",
        ) {
            let previous = format!("{start}<{old}>{end}");
            let next = format!("{start}<{new}>{end}");
            let delta = text_delta(&previous, &next);
            prop_assert!(delta.middle.len() <= new.len());
            prop_assert_eq!(apply_delta(&previous, &delta), Some(next));
        }
    }
}
