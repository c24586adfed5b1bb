//! Run charts with the Anhøj rules: for a series too short for SPC limits, the median is the
//! centre line and two tests find non-random variation (Anhøj J, Olesen AV. Run charts
//! revisited. PLoS One 2014;9(11):e113825), as qicharts2's `runs.analysis` computes them:
//!
//! - points on the median are not useful and are left out; `n` is the number left;
//! - **unusually long run**: the longest run of points on one side of the median is longer than
//!   round(log2(n)) + 3 (Schilling);
//! - **unusually few crossings**: the number of times the series crosses the median (runs - 1)
//!   is below the 5th percentile of Binomial(n - 1, 0.5) (Chen), R's `qbinom(0.05, n - 1, 0.5)`.
//!
//! Either is a signal of non-random variation (a shift in the process).

use serde::Serialize;

/// The run chart analysis of a series.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Runs {
    /// The centre line: the series' median.
    pub median: f64,
    /// Points not on the median.
    pub useful: usize,
    /// The longest run of useful points on one side of the median.
    pub longest_run: usize,
    /// A longer run than this is a signal: round(log2(useful)) + 3.
    pub longest_run_max: usize,
    /// How many times the series crosses the median.
    pub crossings: usize,
    /// Fewer crossings than this are a signal: the 5th percentile of Binomial(useful - 1, 0.5).
    pub crossings_min: usize,
    /// Either test signals non-random variation.
    pub signal: bool,
}

/// The Anhøj rules on `y` (in time order, every figure finite); `None` for an empty series.
pub fn anhoej(y: &[f64]) -> Option<Runs> {
    let median = median(y)?;
    let sides: Vec<i8> = y
        .iter()
        .filter_map(|&v| {
            if v > median {
                Some(1)
            } else if v < median {
                Some(-1)
            } else {
                None
            }
        })
        .collect();
    let useful = sides.len();
    let mut runs = 0usize;
    let (mut longest, mut current) = (0usize, 0usize);
    for (i, s) in sides.iter().enumerate() {
        if i == 0 || sides[i - 1] != *s {
            runs += 1;
            current = 0;
        }
        current += 1;
        longest = longest.max(current);
    }
    let (longest_run_max, crossings_min) = limits(useful);
    let crossings = runs.saturating_sub(1);
    Some(Runs {
        median,
        useful,
        longest_run: longest,
        longest_run_max,
        crossings,
        crossings_min,
        signal: useful > 0 && (longest > longest_run_max || crossings < crossings_min),
    })
}

/// The two limits for `useful` points: the longest run expected, round(log2(useful)) + 3, and
/// the fewest crossings expected, qbinom(0.05, useful - 1, 0.5).
pub fn limits(useful: usize) -> (usize, usize) {
    (
        round_log2(useful) + 3,
        binomial_half_quantile_05(useful.saturating_sub(1)),
    )
}

/// round(log2(n)) for n >= 1 (0 for 0), in integers: k = floor(log2(n)), one more when n is at
/// least 2^(k + 1/2), that is when n^2 >= 2^(2k + 1). log2(n) is never a half for a whole n, so
/// this is the float rounding's answer (R's `round(log2(n))`) for any series that fits in
/// memory, without libm's log2; past 2^40 points the double misrounds and this does not.
fn round_log2(n: usize) -> usize {
    if n == 0 {
        return 0;
    }
    let k = (usize::BITS - 1 - n.leading_zeros()) as usize;
    let square = u128::from(n as u64) * u128::from(n as u64);
    k + usize::from(square >= 1u128 << (2 * k + 1))
}

/// The median (the mean of the middle two for an even count); `None` when empty.
fn median(y: &[f64]) -> Option<f64> {
    let mut v = y.to_vec();
    crate::num::sort_floats(&mut v);
    let n = v.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(v[n / 2]),
        _ => Some((v[n / 2 - 1] + v[n / 2]) / 2.0),
    }
}

/// R's `qbinom(0.05, n, 0.5)`: the smallest k with P(X <= k) >= 0.05 for X ~ Binomial(n, 0.5),
/// summed in logs so that no term underflows where it matters.
fn binomial_half_quantile_05(n: usize) -> usize {
    let ln_half_n = n as f64 * std::f64::consts::LN_2;
    let (mut ln_choose, mut cdf) = (0.0f64, 0.0f64);
    for k in 0..=n {
        if k > 0 {
            ln_choose += ((n - k + 1) as f64).ln() - (k as f64).ln();
        }
        cdf += (ln_choose - ln_half_n).exp();
        // R compares with a relative fuzz of 64 machine epsilons (qbinom.c).
        if cdf >= 0.05 * (1.0 - 64.0 * f64::EPSILON) {
            return k;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    /// By hand (log2 3 = 1.58, log2 5 = 2.32, log2 6 = 2.58, log2 11 = 3.46, log2 12 = 3.58),
    /// against the float rounding (R's `round(log2(n))`) for every n to 2^20, and on each side
    /// of 2^(k + 1/2) beyond, where the float misrounds once n passes 2^40 points (99516432383215,
    /// just below 2^46.5, has a log2 that rounds as a double to 46.5).
    #[test]
    fn round_log2_is_the_float_rounding() {
        let want = [
            (0, 0),
            (1, 0),
            (2, 1),
            (3, 2),
            (5, 2),
            (6, 3),
            (11, 3),
            (12, 4),
        ];
        for (n, k) in want {
            assert_eq!(round_log2(n), k, "{n}");
        }
        let float = |n: usize| (n as f64).log2().round() as usize;
        for n in 1..(1 << 20) {
            assert_eq!(round_log2(n), float(n), "{n}");
        }
        for k in 20..63usize {
            // The largest n with n^2 < 2^(2k + 1), and the next.
            let below = ((1u128 << (2 * k + 1)).isqrt()) as usize;
            assert_eq!(round_log2(below), k, "{below}");
            assert_eq!(round_log2(below + 1), k + 1, "{}", below + 1);
            assert_eq!(round_log2(1 << k), k);
        }
    }

    #[test]
    fn the_limits_are_rs_and_anhojs() {
        // n, round(log2(n)) + 3 and qbinom(0.05, n - 1, 0.5), from R 4.2 on this machine; n = 10,
        // 20 and 24 are also in Anhøj and Olesen's table (6, 2; 7, 6; 8, 8) and qicharts2's
        // summary of qic(rnorm(24)) (8, 8).
        let want = [
            (1, 3, 0),
            (2, 4, 0),
            (5, 5, 0),
            (6, 6, 1),
            (9, 6, 2),
            (10, 6, 2),
            (12, 7, 3),
            (20, 7, 6),
            (24, 8, 8),
            (30, 8, 10),
            (50, 9, 19),
            (100, 10, 41),
            (1000, 13, 474),
        ];
        for (n, run_max, cross_min) in want {
            assert_eq!(limits(n), (run_max, cross_min), "n = {n}");
        }
        // 24 figures alternating about 0, every one useful: the limits for 24.
        let y: Vec<f64> = (0..24)
            .map(|i| if i % 2 == 0 { 1.0 } else { -1.0 })
            .collect();
        let r = anhoej(&y).unwrap();
        assert_eq!((r.useful, r.longest_run, r.crossings), (24, 1, 23));
        assert_eq!((r.longest_run_max, r.crossings_min), (8, 8));
        assert!(!r.signal);
    }

    #[test]
    fn a_shift_and_too_few_crossings_worked_by_hand() {
        // 12 figures: median (5 + 6) / 2 = 5.5; below, below, ... six then above six: one
        // crossing (fewer than qbinom(0.05, 11, 0.5) = 2) and a run of 6 (not above
        // round(log2(12)) + 3 = 7): a signal by the crossings only.
        let y = [1.0, 2.0, 3.0, 4.0, 5.0, 5.0, 6.0, 6.0, 7.0, 8.0, 9.0, 10.0];
        let r = anhoej(&y).unwrap();
        assert_eq!(r.median, 5.5);
        assert_eq!((r.useful, r.longest_run, r.crossings), (12, 6, 1));
        assert_eq!((r.longest_run_max, r.crossings_min), (7, 3));
        assert!(r.signal);
        // Points on the median are not useful: 1, 3, 3, 3, 5 has median 3, two useful points,
        // one crossing.
        let r = anhoej(&[1.0, 3.0, 3.0, 3.0, 5.0]).unwrap();
        assert_eq!((r.useful, r.longest_run, r.crossings), (2, 1, 1));
        // Random-looking: 10 figures zig-zagging about the median, no signal.
        let r = anhoej(&[3.0, 7.0, 4.0, 8.0, 2.0, 6.0, 5.0, 9.0, 1.0, 10.0]).unwrap();
        assert_eq!(r.median, 5.5);
        assert!(!r.signal, "{r:?}");
        assert!(anhoej(&[]).is_none());
    }
}
