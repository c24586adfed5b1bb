//! Comparators' values (read by `input::comparators`).

use crate::error::Location;
use crate::model::period::Period;

/// One comparator's value for a measure and period.
#[derive(Debug, Clone, PartialEq)]
pub struct ComparatorValue {
    pub measure: String,
    pub period: Period,
    pub comparator: String,
    /// A group the comparator belongs to (for example `la` for every local authority), used by
    /// quartile targets.
    pub group: Option<String>,
    pub value: f64,
    pub source: Location,
}
