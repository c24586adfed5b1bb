//! One measure on the scorecard.

use crate::model::baseline::Baseline;
use crate::model::kinds::{Frequency, MeasureKind, Polarity, Unit};
use crate::model::target::Target;

/// One measure on the scorecard.
#[derive(Debug, Clone, PartialEq)]
pub struct Measure {
    pub id: String,
    pub name: String,
    pub kind: MeasureKind,
    pub unit: Unit,
    pub polarity: Polarity,
    pub frequency: Option<Frequency>,
    pub source: Option<String>,
    pub owner: Option<String>,
    /// Dimensions the data may be broken down by (for example `age_group`).
    pub breakdowns: Vec<String>,
    /// On the data development agenda: wanted, not yet measurable.
    pub to_be_developed: bool,
    pub baseline: Option<Baseline>,
    pub target: Option<Target>,
    /// The plan's own words for the target.
    pub wording: Option<String>,
    pub spc: crate::model::options::MeasureSpc,
    /// Disclosure rules for this measure, when they differ from the scorecard's.
    pub disclosure: Option<crate::model::options::Disclosure>,
    pub notes: Vec<String>,
    /// 1-based line of the measure's definition, for error messages.
    pub line: Option<usize>,
}
