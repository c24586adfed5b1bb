//! Confidence intervals as Fingertips computes them (PHEindicatormethods): Wilson score
//! intervals for proportions, Byar's method for counts and rates (exact Poisson limits below 10
//! events), at 95% and 99.8%; and the comparison of a value with a benchmark.

use crate::model::kinds::Polarity;
use serde::Serialize;

/// The two levels Fingertips publishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Level {
    #[serde(rename = "95")]
    /// 95%.
    P95,
    #[serde(rename = "99.8")]
    /// 99.8%.
    P998,
}

impl Level {
    /// The standard normal quantile at 1 - alpha/2 (R's qnorm(0.975) and qnorm(0.999)).
    pub fn z(self) -> f64 {
        match self {
            Level::P95 => 1.959963984540054,
            Level::P998 => 3.090232306167813,
        }
    }

    fn alpha(self) -> f64 {
        match self {
            Level::P95 => 0.05,
            Level::P998 => 0.002,
        }
    }
}

/// Wilson score interval for `x` successes of `n` (0 <= x <= n, n > 0), as proportions.
pub fn wilson(x: f64, n: f64, level: Level) -> Option<(f64, f64)> {
    if !(n > 0.0 && (0.0..=n).contains(&x)) {
        return None;
    }
    let z = level.z();
    let p = x / n;
    let centre = p + z * z / (2.0 * n);
    let spread = z * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt();
    let denom = 1.0 + z * z / n;
    Some((
        ((centre - spread) / denom).max(0.0),
        ((centre + spread) / denom).min(1.0),
    ))
}

/// Limits for an observed count: Byar's approximation from 10 events, exact Poisson limits below.
pub fn poisson(x: f64, level: Level) -> Option<(f64, f64)> {
    if !(x >= 0.0 && x.is_finite()) {
        return None;
    }
    if x >= 10.0 {
        let z = level.z();
        let lower = x * (1.0 - 1.0 / (9.0 * x) - z / (3.0 * x.sqrt())).powi(3);
        let x1 = x + 1.0;
        let upper = x1 * (1.0 - 1.0 / (9.0 * x1) + z / (3.0 * x1.sqrt())).powi(3);
        return Some((lower, upper));
    }
    let a = level.alpha();
    // Exact: the lower limit L has P(X >= x | L) = a/2, the upper U has P(X <= x | U) = a/2.
    let lower = if x == 0.0 {
        0.0
    } else {
        gamma_quantile(x, a / 2.0)
    };
    let upper = gamma_quantile(x + 1.0, 1.0 - a / 2.0);
    Some((lower, upper))
}

/// How a value compares with a benchmark, given its interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Significance {
    /// Better than the comparator, beyond the interval.
    Better,
    /// Not significantly different.
    Similar,
    /// Worse than the comparator, beyond the interval.
    Worse,
    /// Higher (a neutral measure).
    Higher,
    /// Lower (a neutral measure).
    Lower,
}

/// Similar when the benchmark lies within the interval; otherwise better or worse by polarity
/// (higher or lower when neutral).
pub fn compare(interval: (f64, f64), benchmark: f64, polarity: Polarity) -> Significance {
    let (lo, hi) = interval;
    let above = if lo > benchmark {
        true
    } else if hi < benchmark {
        false
    } else {
        return Significance::Similar;
    };
    match (polarity, above) {
        (Polarity::Neutral, true) => Significance::Higher,
        (Polarity::Neutral, false) => Significance::Lower,
        (Polarity::HigherIsBetter, true) | (Polarity::LowerIsBetter, false) => Significance::Better,
        _ => Significance::Worse,
    }
}

/// ln Gamma(x) for x > 0 (Lanczos, g = 7, n = 9; about 15 significant digits).
fn ln_gamma(x: f64) -> f64 {
    const G: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Gamma(x + 1) = x Gamma(x): the Lanczos sum holds from 0.5, and no sine is needed (the
        // reflection formula's would add libm's trigonometry to the WebAssembly module).
        return ln_gamma(x + 1.0) - x.ln();
    }
    let x = x - 1.0;
    let t = x + 7.5;
    let s: f64 = G[1..]
        .iter()
        .enumerate()
        .fold(G[0], |acc, (i, g)| acc + g / (x + i as f64 + 1.0));
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + s.ln()
}

/// The regularized lower incomplete gamma function P(a, x): series below a + 1, a continued
/// fraction above (Numerical Recipes, section 6.2).
fn gamma_p(a: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    let ln_front = a * x.ln() - x - ln_gamma(a);
    if x < a + 1.0 {
        let (mut term, mut sum, mut n) = (1.0 / a, 1.0 / a, a);
        for _ in 0..1000 {
            n += 1.0;
            term *= x / n;
            sum += term;
            if term.abs() < sum.abs() * 1e-16 {
                break;
            }
        }
        (sum * ln_front.exp()).min(1.0)
    } else {
        let tiny = 1e-300;
        let mut b = x + 1.0 - a;
        let (mut c, mut d) = (1.0 / tiny, 1.0 / b);
        let mut h = d;
        for i in 1..1000 {
            let an = -(i as f64) * (i as f64 - a);
            b += 2.0;
            d = an * d + b;
            d = if d.abs() < tiny { tiny } else { d };
            c = b + an / c;
            c = if c.abs() < tiny { tiny } else { c };
            d = 1.0 / d;
            let delta = d * c;
            h *= delta;
            if (delta - 1.0).abs() < 1e-16 {
                break;
            }
        }
        (1.0 - ln_front.exp() * h).max(0.0)
    }
}

/// The x with P(a, x) = q, by bisection (P rises with x): chi-square quantile(q, 2a) / 2.
fn gamma_quantile(a: f64, q: f64) -> f64 {
    let (mut lo, mut hi) = (0.0, a + 10.0);
    while gamma_p(a, hi) < q {
        hi *= 2.0;
    }
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if gamma_p(a, mid) < q {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    // Reference values computed with statsmodels 0.15.0 proportion_confint(method="wilson") and
    // scipy 1.17.1 (norm.ppf for Byar's formula, chi2.ppf(q, 2x) / 2 for the exact limits), the
    // methods PHEindicatormethods' wilson_lower/upper, byars_lower/upper and exact Poisson use.

    #[test]
    fn ln_gamma_below_one_half() {
        // Python's math.lgamma (C's lgamma): 0.25, 0.3 and 0.001.
        approx::assert_relative_eq!(
            ln_gamma(0.25),
            1.288_022_524_698_077_2,
            max_relative = 1e-13
        );
        approx::assert_relative_eq!(ln_gamma(0.3), 1.095_797_994_818_075_2, max_relative = 1e-13);
        approx::assert_relative_eq!(ln_gamma(1e-3), 6.907_178_885_383_854, max_relative = 1e-13);
    }

    #[test]
    fn wilson_intervals() {
        let cases = [
            (65.0, 100.0, Level::P95, 0.552544432969, 0.736357517569),
            (65.0, 100.0, Level::P998, 0.495494657407, 0.778354061409),
            (81.0, 263.0, Level::P95, 0.255288519878, 0.366209576983),
            (81.0, 263.0, Level::P998, 0.228035740242, 0.401389421909),
            (0.0, 10.0, Level::P95, 0.0, 0.277532799863),
            (10.0, 10.0, Level::P998, 0.511521099547, 1.0),
            (374.0, 384.0, Level::P95, 0.952733460819, 0.985794362139),
        ];
        for (x, n, level, lo, hi) in cases {
            let (l, h) = wilson(x, n, level).unwrap();
            assert_abs_diff_eq!(l, lo, epsilon = 1e-9);
            assert_abs_diff_eq!(h, hi, epsilon = 1e-9);
        }
        // The textbook example PHEindicatormethods cites for its Wilson method: Newcombe RG,
        // Altman DG, "Proportions and their differences", in Statistics with Confidence (2nd
        // edn, 2000), pp. 46-48: 81 of 263, 95% interval 0.2553 to 0.3662 (to 4 places).
        let (l, h) = wilson(81.0, 263.0, Level::P95).unwrap();
        assert_abs_diff_eq!(l, 0.2553, epsilon = 5e-5);
        assert_abs_diff_eq!(h, 0.3662, epsilon = 5e-5);
        assert_eq!(wilson(5.0, 0.0, Level::P95), None);
        assert_eq!(wilson(11.0, 10.0, Level::P95), None);
    }

    #[test]
    fn byar_from_ten_events() {
        let cases = [
            (65.0, Level::P95, 50.163187710459, 82.849138545940),
            (65.0, Level::P998, 42.880261471480, 94.000290844318),
            (10.0, Level::P95, 4.787449913968, 18.391458605756),
            (500.0, Level::P998, 433.731345205973, 573.036126948384),
        ];
        for (x, level, lo, hi) in cases {
            let (l, h) = poisson(x, level).unwrap();
            assert_abs_diff_eq!(l, lo, epsilon = 1e-6);
            assert_abs_diff_eq!(h, hi, epsilon = 1e-6);
        }
    }

    #[test]
    fn exact_limits_below_ten_events() {
        let cases = [
            (0.0, Level::P95, 0.0, 3.688879454114),
            (0.0, Level::P998, 0.0, 6.907755278982),
            (1.0, Level::P95, 0.025317807984, 5.571643390939),
            (1.0, Level::P998, 0.001000500334, 9.233413476452),
            (3.0, Level::P95, 0.618672122896, 8.767273069742),
            (9.0, Level::P998, 2.452424404364, 22.657373309063),
        ];
        for (x, level, lo, hi) in cases {
            let (l, h) = poisson(x, level).unwrap();
            assert_abs_diff_eq!(l, lo, epsilon = 1e-6);
            assert_abs_diff_eq!(h, hi, epsilon = 1e-6);
        }
    }

    #[test]
    fn comparisons_follow_polarity() {
        assert_eq!(
            compare((0.55, 0.74), 0.5, Polarity::HigherIsBetter),
            Significance::Better
        );
        assert_eq!(
            compare((0.55, 0.74), 0.5, Polarity::LowerIsBetter),
            Significance::Worse
        );
        assert_eq!(
            compare((0.55, 0.74), 0.6, Polarity::LowerIsBetter),
            Significance::Similar
        );
        assert_eq!(
            compare((0.55, 0.74), 0.8, Polarity::Neutral),
            Significance::Lower
        );
    }
}
