//! Benchmarking (docs/semantics.md section 7): where a figure stands among every area's figure
//! for the same measure and period, as DfE's LAIT gives it.

use crate::model::kinds::Polarity;
use crate::stats::benchmark::{band, quantile_sorted, rank_sorted};

/// A figure's place in its group.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Position {
    /// The areas in the group, this one's included.
    pub areas: usize,
    /// Quartile boundaries by R's type 7.
    pub q1: f64,
    /// The median.
    pub median: f64,
    /// The upper quartile boundary.
    pub q3: f64,
    /// A (the best quarter) to D; `None` for a neutral measure.
    pub band: Option<char>,
    /// 1 the best, ties sharing the lowest rank; `None` for a neutral measure.
    pub rank: Option<usize>,
}

/// The position of `value` among `group`: every area's finite figure (this one's included when
/// it has one), in ascending order. Without a figure of our own the quartiles are still given,
/// as LAIT gives them, and the band and rank are `None`. `None` for an empty group. Both
/// scoring paths call this.
pub fn position(value: Option<f64>, group: &[f64], polarity: Polarity) -> Option<Position> {
    let q = (
        quantile_sorted(group, 0.25)?,
        quantile_sorted(group, 0.5)?,
        quantile_sorted(group, 0.75)?,
    );
    Some(Position {
        areas: group.len(),
        q1: q.0,
        median: q.1,
        q3: q.2,
        band: value.and_then(|v| band(v, q, polarity)),
        rank: value.and_then(|v| rank_sorted(v, group, polarity)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::benchmark::{quartiles, rank};
    use proptest::prelude::*;

    proptest! {
        /// The position from sorted figures equals the simple scan over unsorted ones.
        #[test]
        fn equals_the_reference(
            mut group in prop::collection::vec(-1e6f64..1e6, 1..40),
            pick in 0usize..40,
            polarity in prop::sample::select(vec![
                Polarity::HigherIsBetter, Polarity::LowerIsBetter, Polarity::Neutral,
            ]),
        ) {
            let value = group[pick % group.len()];
            let (q1, q2, q3) = quartiles(&group).unwrap();
            let r = rank(value, &group, polarity);
            group.sort_by(f64::total_cmp);
            let p = position(Some(value), &group, polarity).unwrap();
            prop_assert_eq!((p.q1, p.median, p.q3), (q1, q2, q3));
            prop_assert_eq!(p.rank, r);
            prop_assert_eq!(p.band, band(value, (q1, q2, q3), polarity));
            prop_assert_eq!(p.areas, group.len());
        }
    }

    #[test]
    fn quartiles_band_and_rank() {
        // R: quantile(c(1, 2, 3, 4, 5), c(.25, .5, .75)) is 2, 3, 4 (type 7).
        let g = [1.0, 2.0, 3.0, 4.0, 5.0];
        // 4 is exactly Q3: LAIT puts it in the worse band when high is good (B), and in C when
        // low is good (up to and including Q3).
        let p = position(Some(4.0), &g, Polarity::HigherIsBetter).unwrap();
        assert_eq!((p.q1, p.median, p.q3), (2.0, 3.0, 4.0));
        assert_eq!((p.band, p.rank, p.areas), (Some('B'), Some(2), 5));
        let p = position(Some(4.0), &g, Polarity::LowerIsBetter).unwrap();
        assert_eq!((p.band, p.rank), (Some('C'), Some(4)));
        assert_eq!(
            position(Some(4.0), &g, Polarity::Neutral).unwrap().band,
            None
        );
        assert!(position(Some(1.0), &[], Polarity::HigherIsBetter).is_none());
        // No figure of our own: the quartiles of the others, no band, no rank.
        let p = position(None, &[1.0, 2.0, 3.0, 4.0], Polarity::HigherIsBetter).unwrap();
        assert_eq!((p.q1, p.median, p.q3, p.areas), (1.75, 2.5, 3.25, 4));
        assert_eq!((p.band, p.rank), (None, None));
    }
}
