//! A small bounded in-memory map for values derived from immutable inputs (parsed published
//! template versions, effective assessments of one stored state, overview summaries). When
//! full it starts over: simpler than LRU bookkeeping, and memory stays bounded whatever is
//! served; the cost is one recomputation of the working set.

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

#[cfg(test)]
mod tests {
    use super::Memo;

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
