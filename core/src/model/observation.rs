//! Observations: a measure's value for a period (read by `input::observations`).

use crate::error::Location;
use crate::model::period::Period;
use serde::Serialize;

/// What a row says about the figure.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reading {
    Value {
        value: f64,
    },
    /// `value` is derived: numerator / denominator x the unit's scale.
    Fraction {
        numerator: f64,
        denominator: f64,
        value: f64,
    },
    /// Not collected or not available for this period.
    Missing,
    /// Withheld at source (small numbers).
    Suppressed,
}

impl Reading {
    pub fn value(&self) -> Option<f64> {
        match *self {
            Reading::Value { value } | Reading::Fraction { value, .. } => Some(value),
            Reading::Missing | Reading::Suppressed => None,
        }
    }
}

/// One observation of a measure.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    pub measure: String,
    pub period: Period,
    pub reading: Reading,
    pub provisional: bool,
    pub revised: bool,
    /// `(dimension, category)` for a breakdown row; `None` for the total.
    pub breakdown: Option<(String, String)>,
    pub note: Option<String>,
    /// Where the row came from, for error messages.
    pub source: Location,
}

impl Observation {
    pub fn value(&self) -> Option<f64> {
        self.reading.value()
    }
}
