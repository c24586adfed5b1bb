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
}

impl Reading {
    /// The figure, if the row gives one.
    pub fn value(&self) -> Option<f64> {
        match *self {
            Reading::Value { value } | Reading::Fraction { value, .. } => Some(value),
            Reading::Missing | Reading::Suppressed => None,
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
