//! The turn-the-curve forecast (docs/semantics.md section 7): which figures the line is fitted
//! to, and what it says about the target.

use crate::model::kinds::Polarity;
use crate::model::target::Comparison;
use std::ops::Range;

/// Which of a series' figures the two forecast lines use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    /// The figures on or after the baseline period (the last `forecast_points` of them): the
    /// line projected to the due date.
    pub since: Range<usize>,
    /// The figures up to and including the baseline period: the forecast the curve made before
    /// the plan began, to see whether it has turned.
    pub history: Range<usize>,
}

/// The window over `n` figures whose offsets from the baseline period's end (`offset(i)`, in
/// days, ascending) place them before, at or after the baseline. Both scoring paths call this.
pub fn window(n: usize, offset: impl Fn(usize) -> f64, forecast_points: Option<usize>) -> Window {
    let first_at_or_after = partition(n, |i| offset(i) < 0.0);
    let first_after = partition(n, |i| offset(i) <= 0.0);
    let k = forecast_points.unwrap_or(usize::MAX);
    Window {
        since: first_at_or_after.max(n.saturating_sub(k))..n,
        history: 0..first_after,
    }
}

/// The first index in `0..n` for which `before` is false (`before` is true, then false).
fn partition(n: usize, before: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if before(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// Whether the forecast at the due date meets the target (`None` without one).
pub fn reachable(at_due: Option<f64>, goal: f64, comparison: Comparison) -> Option<bool> {
    at_due.map(|v| comparison.meets(v, goal))
}

/// Whether the curve has turned: the latest figure is on the better side of what the figures
/// up to the baseline forecast for it (`None` for a neutral measure or with no such forecast).
pub fn turned(latest: f64, baseline_forecast: Option<f64>, polarity: Polarity) -> Option<bool> {
    baseline_forecast
        .filter(|_| polarity != Polarity::Neutral)
        .map(|f| (latest - f) * polarity.sign() > 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_splits_at_the_baseline() {
        // Offsets -60, -30, 0 (the baseline), 30, 60, 90 days.
        let x = [-60.0, -30.0, 0.0, 30.0, 60.0, 90.0];
        let w = window(x.len(), |i| x[i], None);
        assert_eq!(
            w,
            Window {
                since: 2..6,
                history: 0..3
            }
        );
        // The last two figures only.
        assert_eq!(window(x.len(), |i| x[i], Some(2)).since, 4..6);
        // More points asked for than exist since the baseline: those since it.
        assert_eq!(window(x.len(), |i| x[i], Some(10)).since, 2..6);
        assert_eq!(
            window(0, |_| 0.0, None),
            Window {
                since: 0..0,
                history: 0..0
            }
        );
    }

    #[test]
    fn turned_is_on_the_better_side() {
        // Lower is better: 20 against a forecast of 25 has turned; 30 has not.
        assert_eq!(
            turned(20.0, Some(25.0), Polarity::LowerIsBetter),
            Some(true)
        );
        assert_eq!(
            turned(30.0, Some(25.0), Polarity::LowerIsBetter),
            Some(false)
        );
        assert_eq!(turned(30.0, Some(25.0), Polarity::Neutral), None);
        assert_eq!(reachable(Some(16.0), 16.0, Comparison::AtMost), Some(true));
        assert_eq!(reachable(Some(17.0), 16.0, Comparison::AtMost), Some(false));
    }
}
