//! Observations: a measure's value for a period (read by `input::observations`).

use crate::error::RowSource;
use crate::model::period::Period;
use serde::Serialize;

/// What a row says about the figure.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Reading {
    /// A figure.
    Value {
        /// The figure.
        value: f64,
    },
    /// `value` is derived: numerator / denominator x the unit's scale.
    Fraction {
        /// The numerator.
        numerator: f64,
        /// The denominator.
        denominator: f64,
        /// numerator / denominator x the unit's scale.
        value: f64,
    },
    /// Not collected or not available for this period.
    Missing,
    /// Withheld at source (small numbers).
    Suppressed,
    /// No figure, only a bound on it, as a plan publishes "below 60%" or "< 5".
    Bound {
        /// Which side of the number the figure lies.
        bound: Bound,
        /// The number.
        value: f64,
    },
    /// No figure, only whether the target was met, as a plan publishes "not met".
    Outcome {
        /// Met or not.
        met: bool,
    },
}

/// Which side of a number a figure given only as a bound lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// Below it (`< 60`).
    Below,
    /// At most it (`<= 60`).
    AtMost,
    /// At least it (`>= 60`).
    AtLeast,
    /// Above it (`> 60`).
    Above,
}

impl Bound {
    /// The sign a publisher writes: `<`, `≤`, `≥`, `>`.
    pub fn sign(self) -> &'static str {
        match self {
            Bound::Below => "<",
            Bound::AtMost => "≤",
            Bound::AtLeast => "≥",
            Bound::Above => ">",
        }
    }

    /// Whether every figure on this side of `value` is at least `goal` (`Some(true)`), none is
    /// (`Some(false)`), or the bound does not settle it (`None`). `at_least` says which way the
    /// goal is met (at least it, or at most it).
    pub fn settles(self, value: f64, goal: f64, at_least: bool) -> Option<bool> {
        // The figures the bound allows: an interval with one open end.
        let (lo, lo_open, hi, hi_open) = match self {
            Bound::Below => (f64::NEG_INFINITY, true, value, true),
            Bound::AtMost => (f64::NEG_INFINITY, true, value, false),
            Bound::AtLeast => (value, false, f64::INFINITY, true),
            Bound::Above => (value, true, f64::INFINITY, true),
        };
        if at_least {
            // All meet when the lowest allowed figure is at least the goal; none when the
            // highest is below it.
            if lo >= goal {
                Some(true)
            } else if hi < goal || (hi == goal && hi_open) {
                Some(false)
            } else {
                None
            }
        } else if hi <= goal {
            Some(true)
        } else if lo > goal || (lo == goal && lo_open) {
            Some(false)
        } else {
            None
        }
    }
}

impl Reading {
    /// The figure, if the row gives one.
    pub fn value(&self) -> Option<f64> {
        match *self {
            Reading::Value { value } | Reading::Fraction { value, .. } => Some(value),
            Reading::Missing
            | Reading::Suppressed
            | Reading::Bound { .. }
            | Reading::Outcome { .. } => None,
        }
    }

    /// What the row gives in place of a figure, as the report says it: "missing",
    /// "suppressed", "given only as < 60", "given only as not met"; `None` for a figure.
    pub fn in_place_of_figure(&self) -> Option<String> {
        match *self {
            Reading::Value { .. } | Reading::Fraction { .. } => None,
            Reading::Missing => Some("missing".to_string()),
            Reading::Suppressed => Some("suppressed".to_string()),
            Reading::Bound { .. } | Reading::Outcome { .. } => {
                Some(format!("given only as {}", self.given()?))
            }
        }
    }

    /// A bound or an outcome as published, without the unit: "< 60", "not met".
    pub fn given(&self) -> Option<String> {
        match *self {
            Reading::Bound { bound, value } => {
                Some(format!("{} {}", bound.sign(), crate::num::fmt_num(value)))
            }
            Reading::Outcome { met: true } => Some("met".to_string()),
            Reading::Outcome { met: false } => Some("not met".to_string()),
            _ => None,
        }
    }
}

/// One observation of a measure.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Observation {
    /// The measure id.
    pub measure: String,
    /// The period.
    pub period: Period,
    /// What the row says about the figure.
    pub reading: Reading,
    /// The figure is provisional.
    pub provisional: bool,
    /// The figure was revised.
    pub revised: bool,
    /// The figure is a projection (a plan's "1.17% (projected end of year)"), not an outturn.
    pub projected: bool,
    /// The figure covers part of its period (a count to date set against a full year).
    pub part_year: bool,
    /// The window the figure covers: its period, or rolling months or a year to date ending
    /// with it.
    pub window: crate::model::window::Window,
    /// `(dimension, category)` for a breakdown row; `None` for the total.
    pub breakdown: Option<Box<(String, String)>>,
    /// The row's note.
    pub note: Option<String>,
    /// The confidence limits the publisher gives with the figure (a Fingertips export's 95% and
    /// 99.8% limits), which the report shows in place of limits it would compute.
    pub published_interval: Option<Box<PublishedInterval>>,
    /// Where the row came from, for error messages.
    pub source: RowSource,
}

/// Confidence limits as a publisher gives them beside a figure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PublishedInterval {
    /// Lower 95% limit.
    pub lower_95: f64,
    /// Upper 95% limit.
    pub upper_95: f64,
    /// Lower 99.8% limit.
    pub lower_998: f64,
    /// Upper 99.8% limit.
    pub upper_998: f64,
}

impl Observation {
    /// The figure, if the row gives one.
    pub fn value(&self) -> Option<f64> {
        self.reading.value()
    }
}

#[cfg(test)]
mod tests {
    use super::Bound;

    #[test]
    fn a_bound_settles_a_goal_only_when_every_figure_it_allows_falls_one_side() {
        // "< 60" against at least 60: no figure below 60 is at least 60.
        assert_eq!(Bound::Below.settles(60.0, 60.0, true), Some(false));
        // "< 30" against at most 30: every figure below 30 is at most 30.
        assert_eq!(Bound::Below.settles(30.0, 30.0, false), Some(true));
        // "< 70" against at least 60: 65 would meet it, 55 would not.
        assert_eq!(Bound::Below.settles(70.0, 60.0, true), None);
        // ">= 60" against at least 60: met; "> 60" against at most 60: not met.
        assert_eq!(Bound::AtLeast.settles(60.0, 60.0, true), Some(true));
        assert_eq!(Bound::Above.settles(60.0, 60.0, false), Some(false));
        // "<= 60" against at most 59: 59.5 would not meet it, 58 would.
        assert_eq!(Bound::AtMost.settles(60.0, 59.0, false), None);
        // "<= 60" against at least 61: no figure at most 60 reaches 61.
        assert_eq!(Bound::AtMost.settles(60.0, 61.0, true), Some(false));
    }
}
