//! Benchmarking against other areas as DfE's LAIT does: quartiles by R's default quantile
//! (type 7), quartile bands A to D with A the best quarter, ranks with ties taking the lowest
//! rank, and the statistical neighbours' average.

use crate::model::kinds::Polarity;

/// The `p` quantile (0 to 1) of `values` by R's type 7: h = (n - 1) p, linear between the
/// order statistics around h. Sorts `values` in place; `None` when empty or `p` is outside 0-1.
pub fn quantile_type7(values: &mut [f64], p: f64) -> Option<f64> {
    if values.is_empty() || !(0.0..=1.0).contains(&p) {
        return None;
    }
    // Groups often arrive sorted (batch scoring keeps them so): a check is cheaper than a sort.
    if !values.is_sorted_by(|a, b| a.total_cmp(b).is_le()) {
        crate::num::sort_floats(values);
    }
    quantile_sorted(values, p)
}

/// [`quantile_type7`] of values already in ascending order (as `total_cmp` sorts them).
pub fn quantile_sorted(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() || !(0.0..=1.0).contains(&p) {
        return None;
    }
    // R's quantile.default, type 7, operation for operation (so a figure on a quartile is on
    // it to the last bit): index = 1 + (n - 1) p; lo, hi its floor and ceiling (1-based);
    // interpolate (1 - h) x[lo] + h x[hi] only when index > lo and x[hi] != x[lo].
    let index = 1.0 + (sorted.len() - 1) as f64 * p;
    let (lo, hi) = (index.floor(), index.ceil());
    let at = |k: f64| sorted[(k as usize).clamp(1, sorted.len()) - 1];
    let (a, b) = (at(lo), at(hi));
    if index > lo && b != a {
        let h = index - lo;
        Some((1.0 - h) * a + h * b)
    } else {
        Some(a)
    }
}

/// [`rank`] of `v` among finite values in ascending order, by two binary searches instead of
/// a scan: the count of values strictly better than `v`, plus one.
pub fn rank_sorted(v: f64, sorted: &[f64], polarity: Polarity) -> Option<usize> {
    match polarity {
        Polarity::HigherIsBetter => Some(1 + sorted.len() - sorted.partition_point(|&x| x <= v)),
        Polarity::LowerIsBetter => Some(1 + sorted.partition_point(|&x| x < v)),
        Polarity::Neutral => None,
    }
}

/// Quartile boundaries (Q1, median, Q3) of the finite values; `None` with no values. The
/// simple reference for `rules::benchmark::position` (a property test holds them equal).
#[cfg(test)]
pub(crate) fn quartiles(values: &[f64]) -> Option<(f64, f64, f64)> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    Some((
        quantile_type7(&mut v, 0.25)?,
        quantile_type7(&mut v, 0.5)?,
        quantile_type7(&mut v, 0.75)?,
    ))
}

/// The quartile band of `v` as LAIT gives it (`calculate_quartile_band` in LAIT's
/// `R/fn_analysis.R`): intervals closed above, in ascending value, for both polarities. Lower is
/// better: up to and including Q1 is A, then B up to the median, C up to Q3, D above. Higher is
/// better: up to and including Q1 is D, then C, B, and A only above Q3. So a value exactly on a
/// quartile goes to the better band when lower is better and to the worse band when higher is
/// better. `None` for a neutral measure, which has no better side.
pub fn band(v: f64, (q1, q2, q3): (f64, f64, f64), polarity: Polarity) -> Option<char> {
    let quarter = if v <= q1 {
        0
    } else if v <= q2 {
        1
    } else if v <= q3 {
        2
    } else {
        3
    };
    match polarity {
        Polarity::LowerIsBetter => Some(['A', 'B', 'C', 'D'][quarter]),
        Polarity::HigherIsBetter => Some(['D', 'C', 'B', 'A'][quarter]),
        Polarity::Neutral => None,
    }
}

/// Rank of `v` among `values` (which include it), 1 the best; ties share the lowest rank (R's
/// `rank(ties.method = "min")` on the values ordered best first). The simple reference for
/// [`rank_sorted`] (a property test holds them equal).
#[cfg(test)]
pub(crate) fn rank(v: f64, values: &[f64], polarity: Polarity) -> Option<usize> {
    let better = |x: f64| match polarity {
        Polarity::HigherIsBetter => x > v,
        Polarity::LowerIsBetter => x < v,
        Polarity::Neutral => false,
    };
    (polarity != Polarity::Neutral).then(|| {
        1 + values
            .iter()
            .filter(|&&x| x.is_finite() && better(x))
            .count()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn matches_r_type_7() {
        // R: quantile(c(1, 2, 3, 4), c(.25, .75)) gives 1.75 and 3.25 (even n).
        let mut v = [4.0, 1.0, 3.0, 2.0];
        assert_relative_eq!(quantile_type7(&mut v, 0.25).unwrap(), 1.75);
        assert_relative_eq!(quantile_type7(&mut v, 0.75).unwrap(), 3.25);
        // R: quantile(c(3, 1, 4, 1, 5), .75) gives 4 (odd n, ties).
        let mut w = [3.0, 1.0, 4.0, 1.0, 5.0];
        assert_relative_eq!(quantile_type7(&mut w, 0.75).unwrap(), 4.0);
        assert_relative_eq!(quantile_type7(&mut w, 0.25).unwrap(), 1.0);
        assert_eq!(quantile_type7(&mut [], 0.5), None);
        // Missing values are left out, as quantile(x, na.rm = TRUE): c(1, NA, 2, 3, 4).
        assert_eq!(
            quartiles(&[1.0, f64::NAN, 2.0, 3.0, 4.0]),
            Some((1.75, 2.5, 3.25))
        );
        // R: quantile(c(5, 5, 5, 1, 9, 9), c(.25, .5, .75)) gives 5, 5, 8 (even n, ties).
        assert_eq!(
            quartiles(&[5.0, 5.0, 5.0, 1.0, 9.0, 9.0]),
            Some((5.0, 5.0, 8.0))
        );
        assert_eq!(quantile_type7(&mut [1.0], 1.5), None);
        // To the last bit, as R 4.2.2 prints them: x <- c(0.1, 0.7, 0.2, 0.9, 0.3, 0.35);
        // sprintf("%.17g", quantile(x)). The form x[lo] + h (x[hi] - x[lo]) gives
        // 0.22499999999999998 for Q1, and a figure on the quartile changes band.
        let mut x = [0.1, 0.7, 0.2, 0.9, 0.3, 0.35];
        assert_eq!(quantile_type7(&mut x, 0.25), Some(0.22500000000000003));
        assert_eq!(quantile_type7(&mut x, 0.5), Some(0.32499999999999996));
        assert_eq!(quantile_type7(&mut x, 0.75), Some(0.612_499_999_999_999_9));
        assert_ne!(0.2 + 0.25 * (0.3 - 0.2), 0.22500000000000003);
    }

    #[test]
    fn bands_and_ranks() {
        // LAIT's calculate_quartile_band: on a boundary, the better band when low is good, the
        // worse when high is good (its own examples: c(5, 10, 15) with quartiles 10, 20, 30 are
        // A, A, B when low is good and D, D, C when high is good).
        let q = (10.0, 20.0, 30.0);
        let bands = |p| [5.0, 10.0, 15.0].map(|v| band(v, q, p).unwrap());
        assert_eq!(bands(Polarity::LowerIsBetter), ['A', 'A', 'B']);
        assert_eq!(bands(Polarity::HigherIsBetter), ['D', 'D', 'C']);
        assert_eq!(band(30.0, q, Polarity::HigherIsBetter), Some('B'));
        assert_eq!(band(30.1, q, Polarity::HigherIsBetter), Some('A'));
        assert_eq!(band(20.0, q, Polarity::HigherIsBetter), Some('C'));
        assert_eq!(band(20.0, q, Polarity::LowerIsBetter), Some('B'));
        assert_eq!(band(31.0, q, Polarity::LowerIsBetter), Some('D'));
        assert_eq!(band(31.0, q, Polarity::Neutral), None);
        // Values 10, 20, 20, 30: R rank(-x, ties.method = "min") gives 30 -> 1, 20 -> 2, 10 -> 4.
        let v = [10.0, 20.0, 20.0, 30.0];
        assert_eq!(rank(30.0, &v, Polarity::HigherIsBetter), Some(1));
        assert_eq!(rank(20.0, &v, Polarity::HigherIsBetter), Some(2));
        assert_eq!(rank(10.0, &v, Polarity::HigherIsBetter), Some(4));
        assert_eq!(rank(10.0, &v, Polarity::LowerIsBetter), Some(1));
        assert_eq!(rank(20.0, &v, Polarity::LowerIsBetter), Some(2));
        for x in [5.0, 10.0, 20.0, 25.0, 30.0, 35.0] {
            for p in [
                Polarity::HigherIsBetter,
                Polarity::LowerIsBetter,
                Polarity::Neutral,
            ] {
                assert_eq!(rank_sorted(x, &v, p), rank(x, &v, p), "{x} {p:?}");
            }
        }
        assert_eq!(quantile_sorted(&[1.0, 2.0, 3.0, 4.0], 0.25), Some(1.75));
    }
}
