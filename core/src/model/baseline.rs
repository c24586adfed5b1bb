//! Baselines: the reference point a target and progress are measured from.

use crate::model::period::Period;

/// Where the baseline comes from. The seeds use both a stated figure ("the April 2019
/// baseline (32%)") and "whatever we measured then".
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Baseline {
    /// A dated value stated in the definition.
    Stated {
        /// The period the figure is for.
        period: Period,
        /// The figure.
        value: f64,
    },
    /// The observation for this period, taken from the data.
    Observed {
        /// The period whose figure is the baseline.
        period: Period,
    },
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
#[non_exhaustive]
pub struct ResolvedBaseline {
    /// The baseline's period.
    pub period: Period,
    /// The baseline figure.
    pub value: f64,
    /// `stated` (in the definition) or `observed` (from the data).
    pub source: BaselineSource,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
/// Where a baseline figure came from.
pub enum BaselineSource {
    /// Stated in the definition.
    Stated,
    /// Observed in the data.
    Observed,
}
