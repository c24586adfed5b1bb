//! Comparators' values (read by `input::comparators`).

use crate::error::RowSource;
use crate::model::period::Period;

/// One comparator's value for a measure and period.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ComparatorValue {
    /// The measure id.
    pub measure: String,
    /// The period of the figure.
    pub period: Period,
    /// The comparator's name (England, an area).
    pub comparator: String,
    /// A group the comparator belongs to (for example `la` for every local authority), used by
    /// quartile targets.
    pub group: Option<String>,
    /// The figure.
    pub value: f64,
    /// The area's codes (an LA's new GSS code and old 3-digit code), by which the definition's
    /// statistical neighbours may name it; empty when none is given.
    pub codes: Vec<String>,
    /// Where the row came from, for error messages.
    pub source: RowSource,
}
