//! A tiny deterministic random number generator (SplitMix64, Steele, Lea and Flood 2014).
//!
//! The national data set must be the same for the same seed on every machine and every
//! version of our dependencies, so the benchmark compares like with like. A hand-written
//! generator of a dozen lines gives that guarantee; a crate's stream could change with its
//! version. It is not for anything secret: session secrets use the `rand` crate's OS source.

/// SplitMix64: passes BigCrush, one 64-bit state, no dependencies.
#[derive(Clone, Debug)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator whose stream is fixed by `seed`.
    pub fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    /// An independent generator for one part of the data set (e.g. one controller), so a
    /// change in how one controller is generated does not shift every later one.
    pub fn fork(&self, stream: u64) -> Self {
        let mut mixer = Self::new(self.state ^ stream.wrapping_mul(0xA076_1D64_78BD_642F));
        Self::new(mixer.next_u64())
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (0 when `bound` is 0). The modulo bias is below 2^-40 for the
    /// small bounds used here, far under anything a benchmark data set could show.
    pub fn below(&mut self, bound: usize) -> usize {
        if bound == 0 {
            return 0;
        }
        (self.next_u64() % bound as u64) as usize
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: u32, high: u32) -> u32 {
        low + self.below((high - low + 1) as usize) as u32
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u32) -> bool {
        self.below(100) < percent as usize
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        if items.is_empty() {
            None
        } else {
            Some(&items[self.below(items.len())])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SplitMix64;

    #[test]
    fn the_same_seed_gives_the_same_stream() {
        let mut a = SplitMix64::new(42);
        let mut b = SplitMix64::new(42);
        let first: Vec<u64> = (0..5).map(|_| a.next_u64()).collect();
        let second: Vec<u64> = (0..5).map(|_| b.next_u64()).collect();
        assert_eq!(first, second);
        assert_ne!(SplitMix64::new(43).next_u64(), first[0]);
    }

    #[test]
    fn the_first_output_of_seed_zero_is_the_published_reference_value() {
        // Reference output of SplitMix64 for seed 0 (Vigna's splitmix64.c).
        assert_eq!(SplitMix64::new(0).next_u64(), 0xE220_A839_7B1D_CDAF);
    }

    #[test]
    fn bounded_draws_stay_within_their_bounds() {
        let mut rng = SplitMix64::new(7);
        for _ in 0..1_000 {
            assert!(rng.below(17) < 17);
            let v = rng.between(2, 4);
            assert!((2..=4).contains(&v));
        }
        assert_eq!(rng.below(0), 0);
    }

    #[test]
    fn forked_streams_differ_from_each_other_and_are_reproducible() {
        let root = SplitMix64::new(1);
        assert_eq!(root.fork(3).next_u64(), root.fork(3).next_u64());
        assert_ne!(root.fork(3).next_u64(), root.fork(4).next_u64());
    }
}
