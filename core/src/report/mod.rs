//! The scored scorecard: the JSON output contract of docs/semantics.md section 6.
//!
//! Field names may grow but never change meaning within a schema version. Numbers are
//! rounded to 6 decimal places; a missing figure is `null` and a note says why.

use crate::error::quoted;
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
pub mod matrix;
mod summary;
pub mod view;

/// Rounds a figure as every report figure is rounded (6 decimal places); `None` when it is not
/// finite.
pub use crate::num::r6;
pub use summary::{
    ActionCounts, AgendaItem, Counts, KindCounts, RagCounts, SectionCounts, StatusCounts, Summary,
};

/// Names the schema and its version; bump the version when a field changes meaning.
pub const SCHEMA: &str = "betteroff.report/2";

#[derive(Debug, Clone, PartialEq, Serialize)]
/// A scored scorecard: what every front end prints, and the JSON contract (docs/semantics.md section 6).
#[non_exhaustive]
pub struct Report {
    /// The schema name and version ([`SCHEMA`]).
    pub schema: &'static str,
    /// The scorecard.
    pub scorecard: CardInfo,
    /// The reporting period.
    pub as_of: Period,
    /// The sections, in order.
    pub sections: Vec<SectionInfo>,
    /// Every measure, in section order.
    pub measures: Vec<MeasureResult>,
    /// Counts by status and RAG.
    pub summary: Summary,
    /// The action plan at the reporting period.
    pub actions: Vec<ActionResult>,
    /// The risks.
    pub risks: Vec<RiskResult>,
    /// The demand projections.
    pub projections: Vec<ProjectionResult>,
    /// Valid but suspicious input, said out loud (every format shows these).
    pub warnings: Vec<Warning>,
}

/// Input that is valid but suspicious: what it is, about which measure, and where.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Warning {
    /// What kind: `inferred_frequency`, `proportion_values`, `baseline_missing`, `stale_figure`,
    /// `breakdown_total`.
    pub code: &'static str,
    /// The measure it is about.
    pub measure: String,
    /// What a reader should know, and what to do.
    pub message: String,
    /// Where: the file (or table) and line, row or field.
    pub location: crate::error::Location,
}

impl Warning {
    /// A warning about `measure`.
    pub fn new(
        code: &'static str,
        measure: &str,
        message: &str,
        location: crate::error::Location,
    ) -> Self {
        Warning {
            code,
            measure: measure.to_string(),
            message: message.to_string(),
            location,
        }
    }
}

impl Report {
    /// The report, or, when it has warnings, an error listing each (a strict run: `--strict`,
    /// `strict=True`, `{ strict: true }`).
    pub fn strict(self) -> Result<Report, crate::error::Errors> {
        if self.warnings.is_empty() {
            return Ok(self);
        }
        Err(crate::error::Errors(
            self.warnings
                .iter()
                .map(|w| {
                    crate::error::Error::new(
                        crate::error::ErrorKind::Data,
                        w.location.clone(),
                        format!(
                            "measure {} (warning {}, refused in a strict run): {}",
                            quoted(&w.measure),
                            w.code,
                            w.message
                        ),
                    )
                })
                .collect(),
        ))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
/// The scorecard, as the report describes it.
#[non_exhaustive]
pub struct CardInfo {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The area.
    pub area: Option<String>,
    /// A description.
    pub description: Option<String>,
    /// Where its figures come from.
    pub source: Option<String>,
    /// Notes shown in every format.
    pub notes: Vec<String>,
    /// The status rule settings used.
    pub status_rules: StatusRules,
    /// Whether disclosure control was applied, and the symbols used.
    pub disclosure: DisclosureInfo,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
/// A section, with its measures' ids.
#[non_exhaustive]
pub struct SectionInfo {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// What it is, in RBA terms.
    pub kind: SectionKind,
    /// The section it sits in (an outcome under its priority), when it nests.
    pub parent: Option<String>,
    /// A description.
    pub description: Option<String>,
    /// Its measures' ids, in order.
    pub measures: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
/// One measure's scores at the reporting period.
#[non_exhaustive]
pub struct MeasureResult {
    /// The measure id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its section id.
    pub section: String,
    /// Which RBA question it answers.
    pub kind: MeasureKind,
    /// Its unit (`percentage`, `rate`, ...).
    pub unit: &'static str,
    /// The rate's base (per 1,000, ...) for unit `rate`.
    pub per: Option<u32>,
    /// Which way is better.
    pub polarity: Polarity,
    /// How often it is reported.
    pub frequency: Option<Frequency>,
    /// Who owns it.
    pub owner: Option<String>,
    /// Where its figures come from.
    pub source: Option<String>,
    /// On the data development agenda.
    pub to_be_developed: bool,
    /// The decimal places its figures are shown to in words: the definition's `decimals`, or
    /// the precision its data and targets were given to (at most 3), and at least the unit's
    /// (1 for a percentage). The JSON's numbers keep 6.
    pub decimals: u8,
    /// What its counts are of (people come under disclosure control; events and services do
    /// not).
    pub counts: crate::model::kinds::Counts,
    /// The period of the current value: the latest observation on or before `as_of`.
    pub period: Option<Period>,
    /// The current figure (6 decimal places).
    pub value: Option<f64>,
    /// A GSS symbol when the value is withheld: c, x, z or low.
    pub symbol: Option<&'static str>,
    /// The current figure's numerator, when given.
    pub numerator: Option<f64>,
    /// The current figure's denominator, when given.
    pub denominator: Option<f64>,
    /// The current figure is provisional.
    pub provisional: bool,
    /// The current figure was revised.
    pub revised: bool,
    /// The current figure is a projection, not an outturn.
    pub projected: bool,
    /// The current figure covers part of its period (flagged `part_year`, or a year to date
    /// short of twelve months).
    pub part_year: bool,
    /// The window the series covers, when not the period itself: `{"kind": "rolling",
    /// "months": 12}`, `{"kind": "year_to_date", "year": "financial", "months": 9}`.
    pub window: Option<crate::model::window::Window>,
    /// The current figure's period with its window, as a reader says it ("12 months to Dec
    /// 2024"), when not the period itself.
    pub period_label: Option<String>,
    /// What the plan gives in place of the current figure: a bound ("< 60%") or an outcome
    /// ("not met").
    pub given: Option<String>,
    /// The latest figure of each other kind of window the measure's figures cover (the
    /// quarter, or the latest year to date, beside a rolling 12 months): shown, never joined
    /// to the series nor judged.
    pub other_windows: Vec<WindowFigure>,
    /// The baseline used.
    pub baseline: Option<ResolvedBaseline>,
    /// The target, resolved.
    pub target: Option<TargetResult>,
    /// Where the value should be by now on the straight line from baseline to target.
    pub expected: Option<f64>,
    /// Progress from baseline to target, in percent, unclamped.
    pub progress_pct: Option<f64>,
    /// Changes on the previous figure and on the baseline.
    pub change: Changes,
    /// Direction of travel.
    pub direction: Direction,
    /// How many consecutive period-to-period moves, up to the current one, went the same way.
    pub streak: u32,
    /// The status.
    pub status: Status,
    /// The status's label (never colour alone).
    pub status_label: &'static str,
    /// The RAG rating.
    pub rag: Rag,
    /// Each comparator at the current period.
    pub comparators: Vec<ComparatorResult>,
    /// Breakdowns of the current period (age group, need, ...).
    pub breakdowns: Vec<BreakdownResult>,
    /// Every figure of the series up to the reporting period.
    pub series: Vec<Point>,
    /// Statistical process control of the series (when it has enough figures).
    pub spc: Option<SpcResult>,
    /// Why there is no SPC, in words (`None` when there is).
    pub spc_missing: Option<String>,
    /// For a series too short for SPC limits (10 figures or more, fewer than
    /// `spc_min_points`): the run chart analysis, the Anhøj rules about the median.
    pub runs: Option<crate::stats::runs::Runs>,
    /// Where the figure is heading on its recent trend, and whether the curve has turned.
    pub forecast: Option<ForecastResult>,
    /// Confidence intervals of the current value (proportions, counts and rates).
    pub interval: Option<IntervalResult>,
    /// Quartile band, rank and statistical neighbours among all areas.
    pub benchmark: Option<BenchmarkResult>,
    /// Why a figure is missing, and what a reader should know.
    pub notes: Vec<String>,
    /// The events that explain the series (`annotations.csv`) up to the reporting period, in
    /// period order, numbered as the charts mark them.
    pub annotations: Vec<AnnotationResult>,
    /// The turn-the-curve record: the story behind the curve, partners, what works, the
    /// proposed actions as they stand, data development and the commentary up to the
    /// reporting period (`None` when the measure has none of these).
    pub turn_the_curve: Option<TurnTheCurveResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
/// A measure's turn-the-curve record, in Friedman's order.
#[non_exhaustive]
pub struct TurnTheCurveResult {
    /// The story behind the curve: the causes and forces at work.
    pub story: Option<String>,
    /// Partners with a role to play.
    pub partners: Vec<String>,
    /// What works, with its evidence.
    pub what_works: Vec<crate::model::story::WhatWorks>,
    /// The proposed actions, each as it stands at the reporting period (status, lead, due,
    /// overdue).
    pub actions: Vec<ActionResult>,
    /// The data development needs.
    pub data_development: Option<String>,
    /// Where the words come from.
    pub source: Option<String>,
    /// What the partnership said, period by period, up to the reporting period.
    pub commentary: Vec<CommentaryResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
/// A dated event on a measure's charts.
#[non_exhaustive]
pub struct AnnotationResult {
    /// Its number on the charts, from 1.
    pub number: u32,
    /// When it happened.
    pub period: Period,
    /// What happened.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
/// One commentary row, as a report shows it.
#[non_exhaustive]
pub struct CommentaryResult {
    /// The period it speaks of.
    pub period: Period,
    /// What was said.
    pub text: String,
    /// Who said it.
    pub author: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
/// SPC of a measure's series.
#[non_exhaustive]
pub struct SpcResult {
    /// The control chart: `xmr`, `p_prime`, `u_prime` or `c`.
    pub chart: crate::model::options::ChartKind,
    /// The options used.
    pub options: crate::model::options::SpcOptions,
    /// Periods from which the limits were computed afresh.
    pub rebase: Vec<Period>,
    /// The named baseline period the limits were fixed on (`spc.fix_until`), if any.
    pub fix_until: Option<Period>,
    /// Every point.
    pub points: Vec<SpcPointResult>,
    /// The periods of the series with no figure, left out of the points and the limits: each
    /// one's symbol in `series` says why (`c` or `low` withheld, `x` not available), or its
    /// `given` (a bound or an outcome in place of a figure).
    pub left_out: Vec<Period>,
    /// The last point's type (the variation icon).
    pub variation: crate::stats::spc::PointType,
    /// The variation icon's label.
    pub variation_label: &'static str,
    /// The Making Data Count variation icon: the last point's type and which way it points
    /// (`improvement_high`, `concern_low`, `common_cause`, ...).
    pub variation_icon: crate::stats::spc::VariationIcon,
    /// The icon's name in words: "Special cause improvement: higher values".
    pub variation_icon_label: &'static str,
    /// The target against the last limits (the assurance icon).
    pub assurance: Option<crate::stats::spc::Assurance>,
    /// The assurance icon's label.
    pub assurance_label: Option<&'static str>,
    /// What a reader should know (trial limits, missing figures left out).
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
/// One point of an SPC chart.
#[non_exhaustive]
pub struct SpcPointResult {
    /// Its period.
    pub period: Period,
    /// Its figure.
    pub value: f64,
    /// Its rebase group (0 the first).
    pub group: usize,
    /// The centre line.
    pub mean: Option<f64>,
    /// The lower limit.
    pub lower: Option<f64>,
    /// The upper limit.
    pub upper: Option<f64>,
    /// Where the lower near-limit band starts.
    pub near_lower: Option<f64>,
    /// Where the upper near-limit band starts.
    pub near_upper: Option<f64>,
    /// The rule that flagged it.
    pub rule: crate::stats::spc::Rule,
    /// The rule's text, as Making Data Count writes it.
    pub rule_text: String,
    /// Its type.
    pub point_type: crate::stats::spc::PointType,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
/// The turn-the-curve forecast.
#[non_exhaustive]
pub struct ForecastResult {
    /// The figures the line was fitted to: from the baseline on, the last `points_used`.
    pub points_used: usize,
    /// The first period the line is fitted to.
    pub from_period: Period,
    /// The line's figure at `from_period` (where a chart starts it).
    pub from_value: f64,
    /// The slope, per year.
    pub slope_per_year: f64,
    /// The target's due date.
    pub due: Option<Period>,
    /// The line's figure at the due date, within the unit's range; `None` when the due date is
    /// not after the reporting period (the figures judge it then, not a forecast).
    pub at_due: Option<f64>,
    /// Whether the target is met at the due date if the trend continues.
    pub reachable: Option<bool>,
    /// The forecast made at the baseline (from the figures up to it) for the latest period.
    pub baseline_forecast: Option<f64>,
    /// Whether the latest figure is better than that forecast: the curve has turned.
    pub turned: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
/// Confidence intervals of the current figure.
#[non_exhaustive]
pub struct IntervalResult {
    /// wilson, byar or exact_poisson; published when the publisher's own limits are shown.
    pub method: &'static str,
    /// Lower 95% limit.
    pub lower_95: f64,
    /// Upper 95% limit.
    pub upper_95: f64,
    /// Lower 99.8% limit.
    pub lower_998: f64,
    /// Upper 99.8% limit.
    pub upper_998: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
/// Where the figure stands among every area (DfE LAIT).
#[non_exhaustive]
pub struct BenchmarkResult {
    /// The comparator group.
    pub group: String,
    /// The period compared: LAIT's rule (the default) takes the latest period any area has a
    /// figure for; `benchmark_period = "own"` our latest figure shared with other areas.
    pub period: Period,
    /// Our figure for it (`None` when we have none: the quartiles and the neighbours' average
    /// are still given, the band and rank are not).
    pub value: Option<f64>,
    /// Areas compared, this one included when it has a figure.
    pub areas: usize,
    /// The lower quartile boundary.
    pub q1: f64,
    /// The median.
    pub median: f64,
    /// The upper quartile boundary.
    pub q3: f64,
    /// A (the best quarter) to D; none for a neutral measure.
    pub band: Option<String>,
    /// 1 is the best; ties share the lowest rank.
    pub rank: Option<usize>,
    /// The statistical neighbours' average.
    pub sn_average: Option<f64>,
    /// How many statistical neighbours had a figure.
    pub sn_count: usize,
    /// Our figure less our previous figure (LAIT's change from the previous year: the figure
    /// before, whatever the gap in periods); `None` when either is missing.
    pub change: Option<f64>,
    /// The period of that previous figure.
    pub change_from: Option<Period>,
    /// The change as LAIT's trend arrow: up, down or same.
    pub trend: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
/// A resolved target.
#[non_exhaustive]
pub struct TargetResult {
    /// relative, points, absolute, threshold, comparator, quartile, gap, milestones, direction.
    pub kind: &'static str,
    /// The target in words.
    pub description: String,
    /// The number the status is judged against (for milestones, the current milestone's).
    pub value: Option<f64>,
    /// How the figure is judged against it.
    pub comparison: Option<Comparison>,
    /// When it is due.
    pub due: Option<Period>,
    /// `value`, or `gap` to a comparator: then `value`, `expected` and progress are gaps.
    pub basis: Basis,
    /// The figure judged: the value, or its gap to the comparator.
    pub judged: Option<f64>,
    /// Each milestone, for a milestone target.
    pub milestones: Vec<MilestoneResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
/// One milestone.
#[non_exhaustive]
pub struct MilestoneResult {
    /// When it is due.
    pub due: Period,
    /// What it asks for, in words.
    pub description: String,
    /// Its figure, resolved.
    pub value: Option<f64>,
    /// Whether this is the milestone the status is judged against.
    pub current: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
/// Changes of the current figure.
#[non_exhaustive]
pub struct Changes {
    /// On the previous figure.
    pub previous: Option<ChangeResult>,
    /// On the baseline.
    pub baseline: Option<ChangeResult>,
}

/// A change from an earlier figure, absolute (in percentage points for percentages) and
/// relative (in % of the earlier figure), with a label saying which is which.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ChangeResult {
    /// The earlier period.
    pub from_period: Period,
    /// The earlier figure.
    pub from_value: f64,
    /// Current minus earlier.
    pub absolute: f64,
    /// `pp` for percentages, otherwise the unit's name.
    pub absolute_unit: &'static str,
    /// `None` when the earlier figure is zero.
    pub relative_pct: Option<f64>,
    /// The change in words (`-8pp (-32%)`).
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
/// A comparator at the current period.
#[non_exhaustive]
pub struct ComparatorResult {
    /// The comparator's name.
    pub name: String,
    /// The period of its figure.
    pub period: Period,
    /// Its figure.
    pub value: f64,
    /// value - comparator (percentage points for percentages).
    pub gap: Option<f64>,
    /// The gap in words.
    pub gap_label: Option<String>,
    /// better / worse / same, or higher / lower for a neutral measure.
    pub position: Option<&'static str>,
    /// The comparator's values up to `as_of`, for charts.
    pub series: Vec<Point>,
    /// Whether the value differs from the comparator beyond its 95% interval.
    pub significance: Option<crate::stats::interval::Significance>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
/// One category of a breakdown.
#[non_exhaustive]
pub struct BreakdownResult {
    /// The dimension (`age_group`).
    pub dimension: String,
    /// The category (`0-4`).
    pub category: String,
    /// The period.
    pub period: Period,
    /// The figure.
    pub value: Option<f64>,
    /// A GSS symbol when withheld.
    pub symbol: Option<&'static str>,
    /// The change on the category's previous figure (its latest earlier period), when both are
    /// published.
    pub change: Option<ChangeResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
/// One figure of the series.
#[non_exhaustive]
pub struct Point {
    /// Its period.
    pub period: Period,
    /// Its figure.
    pub value: Option<f64>,
    /// provisional, revised, missing or suppressed.
    pub flag: Option<&'static str>,
    /// A GSS symbol when the value is withheld: c, x or low.
    pub symbol: Option<&'static str>,
    /// A bound or an outcome given in place of a figure ("< 60%", "not met"); left out of the
    /// JSON when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub given: Option<String>,
}

/// The latest figure of a window other than the series': never joined to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct WindowFigure {
    /// The window.
    pub window: crate::model::window::Window,
    /// Its period with its window, as a reader says it: "2024-Q4", "Apr to Dec 2024,
    /// financial year to date".
    pub label: String,
    /// The period it is dated at (the month the window ends, or the period itself).
    pub period: Period,
    /// Its figure.
    pub value: Option<f64>,
    /// A bound or an outcome in place of a figure.
    pub given: Option<String>,
    /// provisional, revised, projected, part_year, missing, suppressed, bound or outcome.
    pub flag: Option<&'static str>,
}

/// An action as it stood at the reporting period.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ActionResult {
    /// Its status and completion date are as at `as_of`.
    #[serde(flatten)]
    pub action: Action,
    /// Not started or in progress, and due before the reporting period ends.
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
/// A risk, scored.
#[non_exhaustive]
pub struct RiskResult {
    /// Its id.
    pub id: String,
    /// What could go wrong.
    pub title: String,
    /// 1 (rare) to 5 (almost certain).
    pub likelihood: u8,
    /// 1 (negligible) to 5 (severe).
    pub impact: u8,
    /// Likelihood x impact.
    pub score: u8,
    /// Its band.
    pub rating: RiskRating,
    /// What is done about it.
    pub mitigation: Option<String>,
    /// Who owns it.
    pub owner: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
/// A demand projection, computed.
#[non_exhaustive]
pub struct ProjectionResult {
    /// Its id.
    pub id: String,
    /// What is projected.
    pub name: String,
    /// The base figure's period.
    pub base_period: Period,
    /// The base figure.
    pub base: f64,
    /// Each step.
    pub steps: Vec<ProjectedStep>,
    /// Where the rates come from.
    pub source: Option<String>,
}

impl Report {
    /// The measure with this id, or a usage error naming some of those there are.
    pub fn find_measure(&self, id: &str) -> Result<&MeasureResult, crate::error::Error> {
        self.measures.iter().find(|m| m.id == id).ok_or_else(|| {
            let known: Vec<&str> = self
                .measures
                .iter()
                .map(|m| m.id.as_str())
                .take(12)
                .collect();
            crate::error::Error::new(
                crate::error::ErrorKind::Usage,
                crate::error::Location::file("report").with_field("measure"),
                format!(
                    "no measure {}; measures include: {}",
                    quoted(&id),
                    known.join(", ")
                ),
            )
        })
    }

    /// The JSON contract, pretty-printed with a final newline: the bytes every front end
    /// must reproduce.
    pub fn to_json(&self) -> String {
        // Serialising these plain structs cannot fail: no maps with non-string keys, no NaN.
        let mut s = crate::json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// The same bytes as [`Report::to_json`], written to `out` as they are made: a report
    /// of millions of points is never held whole in memory as text.
    pub fn write_json(&self, mut out: impl std::io::Write) -> std::io::Result<()> {
        crate::json::write_pretty(self, &mut out)?;
        std::io::Write::write_all(&mut out, b"\n")?;
        std::io::Write::flush(&mut out)
    }
}

/// What the published report says about disclosure control.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct DisclosureInfo {
    /// Whether disclosure control was applied.
    pub enabled: bool,
    /// Counts from 1 to threshold - 1 are suppressed (0: no suppression).
    pub threshold: u32,
    /// The rounding base, when counts are rounded.
    pub round_to: Option<u32>,
    /// Published figures withheld or rounded, as symbols: c, x, z, low.
    pub symbols: Vec<Symbol>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
/// A GSS symbol and what it means.
#[non_exhaustive]
pub struct Symbol {
    /// The symbol (`c`, `x`, `z`, `low`).
    pub symbol: &'static str,
    /// What it means.
    pub meaning: &'static str,
}
