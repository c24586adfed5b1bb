//! Baselines: the reference point a target and progress are measured from.

use crate::model::period::Period;

/// Where the baseline comes from. The seeds use both a stated figure ("the April 2019
/// baseline (32%)") and "whatever we measured then".
#[derive(Debug, Clone, PartialEq)]
pub enum Baseline {
    /// A dated value stated in the definition.
    Stated { period: Period, value: f64 },
    /// The observation for this period, taken from the data.
    Observed { period: Period },
    /// The first observation of the series.
    First,
}

impl Baseline {
    /// The period, when the definition names one.
    pub fn period(&self) -> Option<Period> {
        match self {
            Baseline::Stated { period, .. } | Baseline::Observed { period } => Some(*period),
            Baseline::First => None,
        }
    }
}

/// A baseline with its value known.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct ResolvedBaseline {
    pub period: Period,
    pub value: f64,
    /// `stated` (in the definition) or `observed` (from the data).
    pub source: BaselineSource,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BaselineSource {
    Stated,
    Observed,
}
