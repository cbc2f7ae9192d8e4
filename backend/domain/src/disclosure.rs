//! What the central body may see of its adopters (SPEC §1, §4): aggregate counts only, and no
//! count small enough to single out one controller — directly, or by subtraction from a total
//! the central body also sees.
//!
//! The rule: with fewer than [`MIN_GROUP`] adopters nothing but the number of adopters is
//! shown. A count is suppressed when it, or what is left of the total beside it, lies between 1
//! and `MIN_GROUP - 1`. In a row of counts that partition the total (e.g. responses to one
//! recommendation), when exactly one cell is suppressed, the smallest other non-zero cell is
//! suppressed too, so the hidden one cannot be recovered as the total minus the rest.

/// The smallest group whose counts are shown.
pub const MIN_GROUP: usize = 5;

fn small(n: usize) -> bool {
    (1..MIN_GROUP).contains(&n)
}

/// Whether any figure of a group of `total` adopters may be shown at all.
pub fn group_is_shown(total: usize) -> bool {
    total >= MIN_GROUP
}

/// One count out of `total` (e.g. "adopters that lowered this risk"): `None` when shown it
/// would single out a controller.
pub fn count(value: usize, total: usize) -> Option<usize> {
    if !group_is_shown(total) || small(value) || small(total.saturating_sub(value)) {
        None
    } else {
        Some(value)
    }
}

/// Counts that partition `total` (every adopter in exactly one cell), with complementary
/// suppression. Cells are returned in the same order.
pub fn partition(values: &[usize], total: usize) -> Vec<Option<usize>> {
    if !group_is_shown(total) {
        return vec![None; values.len()];
    }
    let mut shown: Vec<Option<usize>> = values
        .iter()
        .map(|&v| if small(v) { None } else { Some(v) })
        .collect();
    if shown.iter().filter(|c| c.is_none()).count() == 1 {
        let smallest = shown
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.filter(|v| *v > 0).map(|v| (v, i)))
            .min();
        if let Some((_, i)) = smallest {
            shown[i] = None;
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_group_shows_nothing() {
        assert_eq!(count(2, 4), None);
        assert_eq!(partition(&[4, 0], 4), vec![None, None]);
    }

    #[test]
    fn a_count_that_singles_out_a_few_controllers_is_hidden() {
        assert_eq!(count(1, 98), None);
        assert_eq!(count(97, 98), None, "the complement would single out one");
        assert_eq!(count(0, 98), Some(0));
        assert_eq!(count(98, 98), Some(98));
        assert_eq!(count(40, 98), Some(40));
    }

    #[test]
    fn one_hidden_cell_takes_another_with_it() {
        let shown = partition(&[90, 6, 2, 0], 98);
        assert_eq!(shown, vec![Some(90), None, None, Some(0)]);
        // Nothing can be recovered by subtraction: two unknowns, one equation.
        assert_eq!(shown.iter().filter(|c| c.is_none()).count(), 2);
    }

    #[test]
    fn rows_without_small_cells_are_shown_whole() {
        assert_eq!(
            partition(&[50, 48, 0], 98),
            vec![Some(50), Some(48), Some(0)]
        );
    }

    #[test]
    fn no_row_ever_has_exactly_one_hidden_cell() {
        for a in 0..12 {
            for b in 0..12 {
                for c in 0..12 {
                    let total = a + b + c;
                    let hidden = partition(&[a, b, c], total)
                        .iter()
                        .filter(|x| x.is_none())
                        .count();
                    assert_ne!(hidden, 1, "{a} {b} {c}");
                }
            }
        }
    }
}
