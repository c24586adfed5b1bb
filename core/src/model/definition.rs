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
    /// The section it sits in (an outcome under its priority), when it nests; one level only.
    pub parent: Option<String>,
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
    /// The area's statistical neighbours, by their names or area codes in the comparator group
    /// (LAIT publishes them as old 3-digit LA codes).
    pub statistical_neighbours: Vec<String>,
    /// Which period a measure is benchmarked at.
    pub benchmark_period: BenchmarkPeriod,
    /// Whether reports show confidence intervals by default (a measure's `interval` overrides);
    /// a plain count takes none unless its measure asks.
    pub intervals: bool,
}

/// Which period a measure is benchmarked at (docs/statistics.md, benchmarking).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BenchmarkPeriod {
    /// LAIT's rule, the default: every area at the latest period (on or before the reporting
    /// period) for which another area has a figure, whether or not this one has.
    #[default]
    Latest,
    /// Each area at its own latest figure that other areas' figures share a period with.
    Own,
}

crate::json::serialize_as!(BenchmarkPeriod, key);

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

impl Analysis {
    /// Whether the statistical neighbours name `c`: by its name, or by one of its codes. The
    /// one rule for both the benchmark's neighbours' average and a table's neighbours row.
    pub fn is_neighbour(&self, c: &crate::model::comparator::ComparatorValue) -> bool {
        self.statistical_neighbours
            .iter()
            .any(|n| *n == c.comparator || c.codes.contains(n))
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
            intervals: true,
        }
    }
}

/// The layout of a published table the scorecard reads figures from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TableFormat {
    /// Explore Education Statistics' tidy open-data CSV (every DfE statistic).
    Ees,
    /// An OHID Fingertips export (`Indicator ID, ..., Area Code, ..., Value, ...`).
    Fingertips,
}

crate::json::serialize_as!(TableFormat, key);

impl TableFormat {
    /// Reads the name in the definition (`ees`, `fingertips`).
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "ees" => Some(TableFormat::Ees),
            "fingertips" => Some(TableFormat::Fingertips),
            _ => None,
        }
    }

    /// The name in the definition.
    pub fn key(self) -> &'static str {
        match self {
            TableFormat::Ees => "ees",
            TableFormat::Fingertips => "fingertips",
        }
    }
}

/// A published table (`[[tables]]` in the definition): which file, in which layout, and which
/// area in it is "us". Measures name it in their `from`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct DataTable {
    /// The table's id, which measures' `from.table` names.
    pub id: String,
    /// Its layout.
    pub format: TableFormat,
    /// The file's name, beside the definition.
    pub file: String,
    /// EES only: the `.meta.csv` file describing its columns, when given.
    pub meta: Option<String>,
    /// Our area in it: an LA's new (GSS) or old code, or its name (EES); an area code
    /// (Fingertips).
    pub area: String,
    /// 1-based line of the table's entry in the definition, for error messages.
    pub line: Option<usize>,
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
    /// Published tables the measures read figures from.
    pub tables: Vec<DataTable>,
    /// The file it was read from, so that a problem found later (an action a turn-the-curve
    /// record names that no actions file has) names its line.
    pub file: String,
}
