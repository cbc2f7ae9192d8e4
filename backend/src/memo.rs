//! A small bounded in-memory map for values derived from immutable inputs (parsed published
//! template versions, effective assessments of one stored state, overview summaries). When
//! full it starts over: simpler than LRU bookkeeping, and memory stays bounded whatever is
//! served; the cost is one recomputation of the working set.
//!
//! [`ByteMemo`] is the same map bounded by bytes instead of entries, for values whose size
//! varies by orders of magnitude (serialised GraphQL answers: `graphql/answer_memo.rs`).

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;

pub struct Memo<K, V> {
    entries: Mutex<HashMap<K, V>>,
    capacity: usize,
}

impl<K: Eq + Hash, V: Clone> Memo<K, V> {
    pub fn new(capacity: usize) -> Self {
        Self {
            entries: Mutex::new(HashMap::new()),
            capacity,
        }
    }

    pub fn get<Q>(&self, key: &Q) -> Option<V>
    where
        K: std::borrow::Borrow<Q>,
        Q: Eq + Hash + ?Sized,
    {
        self.lock().get(key).cloned()
    }

    pub fn insert(&self, key: K, value: V) {
        let mut entries = self.lock();
        if entries.len() >= self.capacity && !entries.contains_key(&key) {
            entries.clear();
        }
        entries.insert(key, value);
    }

    /// A poisoned lock only means another thread panicked while holding it; the map is
    /// still a valid cache (every value was inserted whole).
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<K, V>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A value that knows roughly how many bytes it keeps alive.
pub trait Weigh {
    fn weight(&self) -> usize;
}

impl Weigh for actix_web::web::Bytes {
    fn weight(&self) -> usize {
        self.len()
    }
}

impl Weigh for String {
    fn weight(&self) -> usize {
        self.capacity()
    }
}

/// A [`Memo`] bounded by the bytes of its keys and values: when an insert would pass the
/// budget it starts over. A value larger than an eighth of the budget is not kept (it would
/// push out everything else for one entry).
pub struct ByteMemo<K, V> {
    entries: Mutex<(HashMap<K, V>, usize)>,
    budget: usize,
}

impl<K: Eq + Hash + Weigh, V: Clone + Weigh> ByteMemo<K, V> {
    pub fn new(budget_bytes: usize) -> Self {
        Self {
            entries: Mutex::new((HashMap::new(), 0)),
            budget: budget_bytes,
        }
    }

    pub fn get(&self, key: &K) -> Option<V> {
        self.lock().0.get(key).cloned()
    }

    /// Keeps `value` unless it is too large to keep; returns whether it was kept.
    pub fn insert(&self, key: K, value: V) -> bool {
        // The map's own bookkeeping per entry, roughly.
        const OVERHEAD: usize = 64;
        let weight = key.weight() + value.weight() + OVERHEAD;
        if weight > self.budget / 8 {
            return false;
        }
        let mut guard = self.lock();
        let (entries, used) = &mut *guard;
        if let Some(old) = entries.remove(&key) {
            *used -= key.weight() + old.weight() + OVERHEAD;
        }
        if *used + weight > self.budget {
            entries.clear();
            *used = 0;
        }
        entries.insert(key, value);
        *used += weight;
        true
    }

    /// Bytes held now (keys, values and bookkeeping), and the number of entries.
    pub fn usage(&self) -> (usize, usize) {
        let guard = self.lock();
        (guard.1, guard.0.len())
    }

    /// Keys for which `pick` holds (diagnostics and tests).
    pub fn keys_where(&self, pick: impl Fn(&K) -> bool) -> Vec<K>
    where
        K: Clone,
    {
        self.lock().0.keys().filter(|k| pick(k)).cloned().collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, (HashMap<K, V>, usize)> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::{ByteMemo, Memo, Weigh};

    impl Weigh for u32 {
        fn weight(&self) -> usize {
            4
        }
    }

    #[test]
    fn a_byte_memo_stays_within_its_budget_and_refuses_what_is_too_large() {
        let memo: ByteMemo<u32, String> = ByteMemo::new(8 * 1_000);
        let value = |n: usize| "x".repeat(n);
        assert!(
            !memo.insert(1, value(1_001)),
            "over an eighth of the budget"
        );
        for key in 0..100 {
            assert!(memo.insert(key, value(500)));
            assert!(memo.usage().0 <= 8_000, "{:?}", memo.usage());
        }
        assert_eq!(memo.get(&99).map(|v| v.len()), Some(500));
        // Replacing a key frees what it held first.
        let (before, _) = memo.usage();
        memo.insert(99, value(500));
        assert_eq!(memo.usage().0, before);
    }

    #[test]
    fn keeps_values_until_full_then_starts_over() {
        let memo: Memo<u32, &str> = Memo::new(2);
        memo.insert(1, "one");
        memo.insert(2, "two");
        assert_eq!(memo.get(&1), Some("one"));
        memo.insert(2, "deux");
        assert_eq!(memo.get(&1), Some("one"), "replacing a key does not evict");
        memo.insert(3, "three");
        assert_eq!(memo.get(&1), None);
        assert_eq!(memo.get(&3), Some("three"));
    }
}
