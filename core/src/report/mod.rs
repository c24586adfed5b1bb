//! The scored scorecard: the JSON output contract of semantics section 6.
//!
//! Field names may grow but never change meaning within a schema version. Numbers are
//! rounded to 6 decimal places; a missing figure is `null` and a note says why.

use crate::model::action::{Action, RiskRating};
use crate::model::baseline::ResolvedBaseline;
use crate::model::definition::{SectionKind, StatusRules};
use crate::model::kinds::{Frequency, MeasureKind, Polarity};
use crate::model::period::Period;
use crate::model::projection::ProjectedStep;
use crate::model::status::{Direction, Rag, Status};
use crate::model::target::{Basis, Comparison};
use serde::Serialize;

pub(crate) mod columns;
mod summary;

/// Rounds a figure as every report figure is rounded (6 decimal places); `None` when it is not
/// finite.
pub use crate::num::r6;
pub use summary::{
    ActionCounts, AgendaItem, Counts, KindCounts, RagCounts, SectionCounts, StatusCounts, Summary,
};

/// Names the schema and its version; bump the version when a field changes meaning.
pub const SCHEMA: &str = "betteroff.report/2";

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub schema: &'static str,
    pub scorecard: CardInfo,
    pub as_of: Period,
    pub sections: Vec<SectionInfo>,
    pub measures: Vec<MeasureResult>,
    pub summary: Summary,
    pub actions: Vec<ActionResult>,
    pub risks: Vec<RiskResult>,
    pub projections: Vec<ProjectionResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CardInfo {
    pub id: String,
    pub title: String,
    pub area: Option<String>,
    pub description: Option<String>,
    pub source: Option<String>,
    pub notes: Vec<String>,
    pub status_rules: StatusRules,
    /// Whether disclosure control was applied, and the symbols used.
    pub disclosure: DisclosureInfo,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionInfo {
    pub id: String,
    pub title: String,
    pub kind: SectionKind,
    pub description: Option<String>,
    pub measures: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeasureResult {
    pub id: String,
    pub name: String,
    pub section: String,
    pub kind: MeasureKind,
    pub unit: &'static str,
    /// The rate's base (per 1,000, ...) for unit `rate`.
    pub per: Option<u32>,
    pub polarity: Polarity,
    pub frequency: Option<Frequency>,
    pub owner: Option<String>,
    pub source: Option<String>,
    pub to_be_developed: bool,
    /// The period of the current value: the latest observation on or before `as_of`.
    pub period: Option<Period>,
    pub value: Option<f64>,
    /// A GSS symbol when the value is withheld: c, x, z or low.
    pub symbol: Option<&'static str>,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    pub provisional: bool,
    pub revised: bool,
    pub baseline: Option<ResolvedBaseline>,
    pub target: Option<TargetResult>,
    /// Where the value should be by now on the straight line from baseline to target.
    pub expected: Option<f64>,
    pub progress_pct: Option<f64>,
    pub change: Changes,
    pub direction: Direction,
    /// How many consecutive period-to-period moves, up to the current one, went the same way.
    pub streak: u32,
    pub status: Status,
    pub status_label: &'static str,
    pub rag: Rag,
    pub comparators: Vec<ComparatorResult>,
    pub breakdowns: Vec<BreakdownResult>,
    pub series: Vec<Point>,
    /// Statistical process control of the series (when it has enough figures).
    pub spc: Option<SpcResult>,
    /// Where the figure is heading on its recent trend, and whether the curve has turned.
    pub forecast: Option<ForecastResult>,
    /// Confidence intervals of the current value (proportions, counts and rates).
    pub interval: Option<IntervalResult>,
    /// Quartile band, rank and statistical neighbours among all areas.
    pub benchmark: Option<BenchmarkResult>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpcResult {
    pub options: crate::model::options::SpcOptions,
    /// Periods from which the limits were computed afresh.
    pub rebase: Vec<Period>,
    pub points: Vec<SpcPointResult>,
    /// The last point's type (the variation icon).
    pub variation: crate::stats::spc::PointType,
    pub variation_label: &'static str,
    /// The target against the last limits (the assurance icon).
    pub assurance: Option<crate::stats::spc::Assurance>,
    pub assurance_label: Option<&'static str>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpcPointResult {
    pub period: Period,
    pub value: f64,
    pub group: usize,
    pub mean: Option<f64>,
    pub lower: Option<f64>,
    pub upper: Option<f64>,
    pub near_lower: Option<f64>,
    pub near_upper: Option<f64>,
    pub rule: crate::stats::spc::Rule,
    pub rule_text: String,
    pub point_type: crate::stats::spc::PointType,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ForecastResult {
    /// The figures the line was fitted to: from the baseline on, the last `points_used`.
    pub points_used: usize,
    pub from_period: Period,
    pub slope_per_year: f64,
    /// The line's value at the target's due date.
    pub due: Option<Period>,
    pub at_due: Option<f64>,
    /// Whether the target is met at the due date if the trend continues.
    pub reachable: Option<bool>,
    /// The forecast made at the baseline (from the figures up to it) for the latest period.
    pub baseline_forecast: Option<f64>,
    /// Whether the latest figure is better than that forecast: the curve has turned.
    pub turned: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IntervalResult {
    /// wilson, byar or exact_poisson.
    pub method: &'static str,
    pub lower_95: f64,
    pub upper_95: f64,
    pub lower_998: f64,
    pub upper_998: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BenchmarkResult {
    pub group: String,
    pub period: Period,
    pub value: f64,
    /// Areas compared, this one included.
    pub areas: usize,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
    /// A (the best quarter) to D; none for a neutral measure.
    pub band: Option<String>,
    /// 1 is the best; ties share the lowest rank.
    pub rank: Option<usize>,
    pub sn_average: Option<f64>,
    pub sn_count: usize,
    /// Against the previous consecutive period: up, down or same.
    pub trend: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetResult {
    /// relative, points, absolute, threshold, comparator, quartile, gap, milestones, direction.
    pub kind: &'static str,
    pub description: String,
    /// The number the status is judged against (for milestones, the current milestone's).
    pub value: Option<f64>,
    pub comparison: Option<Comparison>,
    pub due: Option<Period>,
    /// `value`, or `gap` to a comparator: then `value`, `expected` and progress are gaps.
    pub basis: Basis,
    /// The figure judged: the value, or its gap to the comparator.
    pub judged: Option<f64>,
    pub milestones: Vec<MilestoneResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MilestoneResult {
    pub due: Period,
    pub description: String,
    pub value: Option<f64>,
    /// Whether this is the milestone the status is judged against.
    pub current: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Changes {
    pub previous: Option<ChangeResult>,
    pub baseline: Option<ChangeResult>,
}

/// A change from an earlier figure, absolute (in percentage points for percentages) and
/// relative (in % of the earlier figure), with a label saying which is which.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeResult {
    pub from_period: Period,
    pub from_value: f64,
    pub absolute: f64,
    /// `pp` for percentages, otherwise the unit's name.
    pub absolute_unit: &'static str,
    /// `None` when the earlier figure is zero.
    pub relative_pct: Option<f64>,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComparatorResult {
    pub name: String,
    pub period: Period,
    pub value: f64,
    /// value - comparator (percentage points for percentages).
    pub gap: Option<f64>,
    pub gap_label: Option<String>,
    /// better / worse / same, or higher / lower for a neutral measure.
    pub position: Option<&'static str>,
    /// The comparator's values up to `as_of`, for charts.
    pub series: Vec<Point>,
    /// Whether the value differs from the comparator beyond its 95% interval.
    pub significance: Option<crate::stats::interval::Significance>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BreakdownResult {
    pub dimension: String,
    pub category: String,
    pub period: Period,
    pub value: Option<f64>,
    pub symbol: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    pub period: Period,
    pub value: Option<f64>,
    /// provisional, revised, missing or suppressed.
    pub flag: Option<&'static str>,
    /// A GSS symbol when the value is withheld: c, x or low.
    pub symbol: Option<&'static str>,
}

/// An action as it stood at the reporting period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionResult {
    /// Its status and completion date are as at `as_of`.
    #[serde(flatten)]
    pub action: Action,
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RiskResult {
    pub id: String,
    pub title: String,
    pub likelihood: u8,
    pub impact: u8,
    pub score: u8,
    pub rating: RiskRating,
    pub mitigation: Option<String>,
    pub owner: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectionResult {
    pub id: String,
    pub name: String,
    pub base_period: Period,
    pub base: f64,
    pub steps: Vec<ProjectedStep>,
    pub source: Option<String>,
}

impl Report {
    /// The measure with this id, or a message naming some of those there are.
    pub fn find_measure(&self, id: &str) -> Result<&MeasureResult, String> {
        self.measures.iter().find(|m| m.id == id).ok_or_else(|| {
            let known: Vec<&str> = self
                .measures
                .iter()
                .map(|m| m.id.as_str())
                .take(12)
                .collect();
            format!("no measure {id:?}; measures include: {}", known.join(", "))
        })
    }

    /// The JSON contract, pretty-printed with a final newline: the bytes every front end
    /// must reproduce.
    pub fn to_json(&self) -> String {
        // Serialising these plain structs cannot fail: no maps with non-string keys, no NaN.
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}

/// What the published report says about disclosure control.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DisclosureInfo {
    pub enabled: bool,
    /// Counts from 1 to threshold - 1 are suppressed (0: no suppression).
    pub threshold: u32,
    pub round_to: Option<u32>,
    /// Published figures withheld or rounded, as symbols: c, x, z, low.
    pub symbols: Vec<Symbol>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Symbol {
    pub symbol: &'static str,
    pub meaning: &'static str,
}
