//! The validated scorecard definition (read by `input::definition`).

use crate::model::action::Risk;
use crate::model::measure::Measure;
use crate::model::options::Disclosure;
use crate::model::projection::Projection;
use serde::Serialize;

/// What a section is, in RBA terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SectionKind {
    /// A strategic priority (or an area of weakness in an improvement plan).
    Priority,
    /// A population result, measured by indicators.
    Result,
    /// A service or programme, measured by performance measures.
    Service,
}

#[derive(Debug, Clone, PartialEq)]
/// A section of the scorecard: a priority, a result or a service, with its measures.
#[non_exhaustive]
pub struct Section {
    /// The section's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// What it is, in RBA terms.
    pub kind: SectionKind,
    /// A description.
    pub description: Option<String>,
    /// Its measures, in order.
    pub measures: Vec<Measure>,
}

/// Scorecard-wide settings for the status rules (docs/semantics.md section 5).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct StatusRules {
    /// A value short of its expected value by at most this % of |target - baseline| is at risk.
    pub at_risk_tolerance_pct: f64,
}

impl Default for StatusRules {
    fn default() -> Self {
        StatusRules {
            at_risk_tolerance_pct: 10.0,
        }
    }
}

/// Scorecard-wide settings for the statistics (SPC, forecast, benchmarking).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    /// SPC options for every measure.
    pub spc: crate::model::options::SpcOptions,
    /// SPC is shown for a series with at least this many figures.
    pub spc_min_points: usize,
    /// The forecast line is fitted to the last this many figures since the baseline (all if
    /// `None`).
    pub forecast_points: Option<usize>,
    /// The comparator group holding every area's values, for quartiles and ranks.
    pub benchmark_group: String,
    /// The area's statistical neighbours, by their names in the comparator group.
    pub statistical_neighbours: Vec<String>,
    /// Which period a measure is benchmarked at.
    pub benchmark_period: BenchmarkPeriod,
}

/// Which period a measure is benchmarked at (docs/statistics.md, benchmarking).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BenchmarkPeriod {
    /// LAIT's rule, the default: every area at the latest period (on or before the reporting
    /// period) for which another area has a figure, whether or not this one has.
    #[default]
    Latest,
    /// Each area at its own latest figure that other areas' figures share a period with.
    Own,
}

impl BenchmarkPeriod {
    /// Reads the name in the definition (`latest`, `own`).
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "latest" => Some(BenchmarkPeriod::Latest),
            "own" => Some(BenchmarkPeriod::Own),
            _ => None,
        }
    }

    /// The name in the definition.
    pub fn key(self) -> &'static str {
        match self {
            BenchmarkPeriod::Latest => "latest",
            BenchmarkPeriod::Own => "own",
        }
    }
}

impl Default for Analysis {
    fn default() -> Self {
        Analysis {
            spc: crate::model::options::SpcOptions::default(),
            spc_min_points: 12,
            forecast_points: None,
            benchmark_group: "la".to_string(),
            statistical_neighbours: Vec::new(),
            benchmark_period: BenchmarkPeriod::Latest,
        }
    }
}

/// A validated scorecard definition.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Definition {
    /// The scorecard's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The area it is for (a council, an ICB).
    pub area: Option<String>,
    /// A description.
    pub description: Option<String>,
    /// Where its figures come from.
    pub source: Option<String>,
    /// Notes shown in every report ("illustrative", "provisional").
    pub notes: Vec<String>,
    /// Status rule settings.
    pub status_rules: StatusRules,
    /// Statistics settings.
    pub analysis: Analysis,
    /// Disclosure control of what is published.
    pub disclosure: Disclosure,
    /// The sections, in order.
    pub sections: Vec<Section>,
    /// The plan's risks.
    pub risks: Vec<Risk>,
    /// Demand projections.
    pub projections: Vec<Projection>,
}
