//! The turn-the-curve forecast (docs/semantics.md section 7): which figures the line is fitted
//! to, and what it says about the target.

use crate::model::kinds::{Polarity, Unit};
use crate::model::target::Comparison;
use chrono::NaiveDate;
use std::ops::Range;

/// The fewest figures a forecast line is fitted to: two give a line through them and nothing
/// to say how well it fits. Both lines (from the baseline on, and up to it) need as many.
pub const MIN_POINTS: usize = 3;

/// What a report says of the forecast at the target's due date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AtDue {
    /// The line's figure at the due date, kept within what the unit can hold; `beyond` is the
    /// line's own figure when it lies outside (a percentage line reaching 104.1%).
    Stated { value: f64, beyond: Option<f64> },
    /// Not stated: the due date is not after the reporting period, so figures, not a
    /// forecast, judge the target.
    Past,
}

/// The forecast at a due date `due` (its period's end) for a report as of `as_of` (its
/// period's end), from `line`, the fitted line's figure there. Only a future date is forecast,
/// and never to a figure the unit cannot hold. Both scoring paths call this.
pub fn at_due(line: f64, due: NaiveDate, as_of: NaiveDate, unit: Unit) -> AtDue {
    if due <= as_of {
        return AtDue::Past;
    }
    let range = unit.range();
    // max and min rather than clamp: the same for a finite line, and clamp's check of its bounds
    // would bring the float printer into the WebAssembly module (num::fixed says why not).
    let value = line.max(*range.start()).min(*range.end());
    AtDue::Stated {
        value,
        beyond: (value != line).then_some(line),
    }
}

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
    fn a_forecast_is_for_a_future_date_and_within_the_unit() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        // Due 2020-06-30 in a report as of 2020-12-31: past, not forecast.
        assert_eq!(
            at_due(50.0, d("2020-06-30"), d("2020-12-31"), Unit::Percentage),
            AtDue::Past
        );
        // Due on the reporting period's last day: not after it.
        assert_eq!(
            at_due(50.0, d("2020-12-31"), d("2020-12-31"), Unit::Percentage),
            AtDue::Past
        );
        // A percentage line at 104.1 is stated as 100, with the line's own figure kept.
        assert_eq!(
            at_due(104.1, d("2021-03-31"), d("2020-12-31"), Unit::Percentage),
            AtDue::Stated {
                value: 100.0,
                beyond: Some(104.1)
            }
        );
        // A count cannot fall below zero; a score can.
        assert_eq!(
            at_due(-3.0, d("2021-03-31"), d("2020-12-31"), Unit::Count),
            AtDue::Stated {
                value: 0.0,
                beyond: Some(-3.0)
            }
        );
        assert_eq!(
            at_due(-3.0, d("2021-03-31"), d("2020-12-31"), Unit::Score),
            AtDue::Stated {
                value: -3.0,
                beyond: None
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
