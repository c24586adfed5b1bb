
/* Hand-written types of betteroff's objects (the JSON contract betteroff.report/2). Keep in
   step with core/src/report/mod.rs and core/src/report/summary.rs; wasm/tests/usage.ts is type-checked
   against them with `tsc --noEmit`. */

/** A period as the analyst writes it: "2020-05", "2020-Q1", "2020", "2019/20", "FY2019/20", "Autumn 2019", "2020-05-31". */
export type PeriodText = string;

export type MeasureKind = "indicator" | "how_much" | "how_well" | "better_off";
export type Unit = "count" | "percentage" | "rate" | "score" | "days" | "currency" | "ratio";
export type Polarity = "higher_is_better" | "lower_is_better" | "neutral";
export type Frequency = "monthly" | "quarterly" | "termly" | "annual" | "academic_year" | "financial_year" | "adhoc";
export type Status = "achieved" | "on_track" | "at_risk" | "off_track" | "missed" | "no_target" | "no_data" | "suppressed" | "to_be_developed";
export type StatusLabel = "Achieved" | "On track" | "At risk" | "Off track" | "Missed" | "No target" | "No data" | "Suppressed" | "To be developed";
export type Rag = "green" | "amber" | "red" | "grey";
export type Direction = "improving" | "worsening" | "no_change" | "higher" | "lower" | "unknown";
export type Comparison = "at_least" | "at_most" | "exactly";
export type TargetKind = "relative" | "points" | "absolute" | "threshold" | "comparator" | "quartile" | "gap" | "milestones" | "direction";
export type SectionKind = "priority" | "result" | "service";
export type ActionStatus = "not_started" | "in_progress" | "completed" | "withdrawn";
export type ErrorKind = "syntax" | "definition" | "period" | "target" | "data" | "usage";

/** Options of score(), toJson(), toHtml(), render() and chart(). */
export interface ScoreOptions {
  /** The reporting period; default: the latest period with data. */
  asOf?: PeriodText;
  /** false shows the true small counts: internal use only (the report says so). Default true. */
  disclosureControl?: boolean;
  /** true refuses a report with warnings (a BetteroffError listing each). Default false.
      The full module's: the small one (betteroff/lite) refuses it, as it does order, only, measures and view. */
  strict?: boolean;
  /** "exceptions" lists each section's measures missed, off track, special cause concern and at risk first. Default "plan". */
  order?: "plan" | "exceptions";
  /** Only measures of these statuses (the report says so; its summary counts every measure). */
  only?: Status[] | string;
  /** Only these measures, by id (a dashboard's view); `view` says which in the report's note
      ("shown in the dashboard: RAG red"). The summary counts every measure. */
  measures?: string[];
  view?: string;
}

/** GSS symbols for withheld figures: c confidential, x not available, z not applicable, low rounds to zero. */
export type GssSymbol = "c" | "x" | "z" | "low";

/** A row of observations, comparators or actions: column name to cell. */
export type Row = Record<string, string | number | boolean | null | undefined>;

/** What every error thrown by betteroff carries besides its message. */
export interface BetteroffError extends Error {
  name: "BetteroffError";
  kind: ErrorKind;
  errors: Array<{
    kind: ErrorKind;
    file: string;
    line: number | null;
    row: number | null;
    field: string | null;
    /** The workbook's sheet and cell (`C5`), for a problem in a workbook. */
    sheet: string | null;
    cell: string | null;
    message: string;
  }>;
}

export interface PeriodInfo {
  period: PeriodText;
  kind: "Date" | "Month" | "Quarter" | "Term" | "Year" | "AcademicYear" | "FinancialYear";
  start: string;
  end: string;
}

export interface ProjectedStep {
  period: PeriodText;
  growth_pct: number;
  value: number;
  rounded: number;
}

export interface Report {
  schema: string;
  scorecard: {
    id: string;
    title: string;
    area: string | null;
    description: string | null;
    source: string | null;
    notes: string[];
    status_rules: { at_risk_tolerance_pct: number };
    disclosure: {
      enabled: boolean;
      threshold: number;
      round_to: number | null;
      symbols: Array<{ symbol: GssSymbol; meaning: string }>;
    };
  };
  as_of: PeriodText;
  sections: Array<{
    id: string;
    title: string;
    kind: SectionKind;
    description: string | null;
    measures: string[];
  }>;
  measures: MeasureResult[];
  summary: Summary;
  actions: ActionResult[];
  risks: RiskResult[];
  projections: Array<{
    id: string;
    name: string;
    base_period: PeriodText;
    base: number;
    steps: ProjectedStep[];
    source: string | null;
  }>;
  /** Valid but suspicious input, said out loud: every format shows these. */
  warnings: Array<{
    code: "inferred_frequency" | "proportion_values" | "baseline_missing" | "stale_figure" | "breakdown_total";
    measure: string;
    message: string;
    /** `sheet` and `cell` are present for a figure from a workbook (`row` is then the sheet's row). */
    location: { file: string; line: number | null; row: number | null; field: string | null; sheet?: string; cell?: string };
  }>;
}

export type Flag = "provisional" | "revised" | "projected" | "part_year" | "missing" | "suppressed" | "bound" | "outcome";

export interface Point {
  period: PeriodText;
  value: number | null;
  flag: Flag | null;
  symbol: GssSymbol | null;
  /** A bound or an outcome given in place of a figure ("< 60%", "not met"); absent when none. */
  given?: string;
}

/** The window a figure covers, when not its period itself. */
export type Window =
  | { kind: "period" }
  | { kind: "rolling"; months: number }
  | { kind: "year_to_date"; year: "calendar" | "financial" | "academic"; months: number };

/** The latest figure of another kind of window than the series': shown, never joined to it. */
export interface WindowFigure {
  window: Window;
  /** "2024-Q4", "12 months to Dec 2024", "Apr to Dec 2024, financial year to date". */
  label: string;
  period: PeriodText;
  value: number | null;
  given: string | null;
  flag: Flag | null;
}

export interface ChangeResult {
  from_period: PeriodText;
  from_value: number;
  absolute: number;
  absolute_unit: string;
  relative_pct: number | null;
  label: string;
}

export type Basis = { on: "value" } | { on: "gap"; comparator: string; comparator_value: number };

export interface TargetResult {
  kind: TargetKind;
  description: string;
  value: number | null;
  comparison: Comparison | null;
  due: PeriodText | null;
  basis: Basis;
  judged: number | null;
  milestones: Array<{ due: PeriodText; description: string; value: number | null; current: boolean }>;
}

export interface ComparatorResult {
  name: string;
  period: PeriodText;
  value: number;
  gap: number | null;
  gap_label: string | null;
  position: "better" | "worse" | "same" | "higher" | "lower" | null;
  series: Point[];
  significance: Significance | null;
}

export interface MeasureResult {
  id: string;
  name: string;
  section: string;
  kind: MeasureKind;
  unit: Unit;
  per: number | null;
  /** Decimal places its figures are shown to in words (the data's precision, at least the unit's). */
  decimals: number;
  polarity: Polarity;
  frequency: Frequency | null;
  owner: string | null;
  source: string | null;
  to_be_developed: boolean;
  /** What its counts are of: people come under disclosure control; events and services do not. */
  counts: "people" | "events" | "services";
  period: PeriodText | null;
  value: number | null;
  symbol: GssSymbol | null;
  numerator: number | null;
  denominator: number | null;
  provisional: boolean;
  revised: boolean;
  /** The current figure is a projection, not an outturn. */
  projected: boolean;
  /** The current figure covers part of its period (flagged, or a year to date short of 12 months). */
  part_year: boolean;
  /** The window the series covers, when not the period itself. */
  window: Window | null;
  /** The current figure's period with its window: "12 months to Dec 2024". */
  period_label: string | null;
  /** A bound or an outcome the plan gives in place of the current figure: "< 60%", "not met". */
  given: string | null;
  /** The latest figure of each other kind of window. */
  other_windows: WindowFigure[];
  baseline: { period: PeriodText; value: number; source: "stated" | "observed" } | null;
  target: TargetResult | null;
  expected: number | null;
  progress_pct: number | null;
  change: { previous: ChangeResult | null; baseline: ChangeResult | null };
  direction: Direction;
  streak: number;
  status: Status;
  status_label: StatusLabel;
  rag: Rag;
  comparators: ComparatorResult[];
  breakdowns: Array<{ dimension: string; category: string; period: PeriodText; value: number | null; symbol: GssSymbol | null; change: ChangeResult | null }>;
  series: Point[];
  spc: SpcResult | null;
  /** Why there is no SPC, in words (null when there is). */
  spc_missing: string | null;
  /** For a series too short for SPC limits (10 figures or more): the run chart analysis, the Anhøj rules about the median. */
  runs: {
    median: number;
    useful: number;
    longest_run: number;
    longest_run_max: number;
    crossings: number;
    crossings_min: number;
    signal: boolean;
  } | null;
  forecast: ForecastResult | null;
  interval: IntervalResult | null;
  benchmark: BenchmarkResult | null;
  notes: string[];
  /** The events marked on its charts, numbered in period order (annotations.csv). */
  annotations: Array<{ number: number; period: PeriodText; text: string }>;
  /** The turn-the-curve record: story, partners, what works, actions as they stand, data development, commentary. */
  turn_the_curve: TurnTheCurve | null;
}

export type PointType = "common_cause" | "special_cause_improvement" | "special_cause_concern" | "special_cause_neutral_high" | "special_cause_neutral_low";
export type SpcRule = "above_ucl" | "below_lcl" | "trend_increasing" | "trend_decreasing" | "two_in_three_above" | "two_in_three_below" | "shift_above" | "shift_below" | "common_cause";
export type Assurance = "consistent_pass" | "consistent_fail" | "inconsistent";
export type Significance = "better" | "similar" | "worse" | "higher" | "lower";

export interface SpcResult {
  /** The control chart: XmR, Laney's p' or u', or c. */
  chart: "xmr" | "p_prime" | "u_prime" | "c" | "g" | "t";
  options: {
    screen_outliers: boolean; fix_after: number | null; trend_length: number; shift_length: number;
    limits: "2.66" | "3/1.128";
    rules: { outside: boolean; trend: boolean; two_in_three: boolean; shift: boolean };
    conflict: "rule_order" | "improvement" | "concern";
    two_in_three: "within_limits" | "beyond_warning";
    trend_direction: "step_after" | "own_trend";
    precedence: "trend_first" | "two_in_three_first";
  };
  rebase: PeriodText[];
  /** The named baseline period the limits were fixed on (`spc.fix_until`). */
  fix_until: PeriodText | null;
  /** Periods with no figure, left out of the points and limits (their symbol in `series` says why). */
  left_out: PeriodText[];
  points: Array<{
    period: PeriodText;
    value: number;
    group: number;
    /** The centre line: there even when the limits are not. */
    mean: number | null;
    lower: number | null;
    upper: number | null;
    near_lower: number | null;
    near_upper: number | null;
    rule: SpcRule;
    rule_text: string;
    point_type: PointType;
  }>;
  variation: PointType;
  variation_label: string;
  /** The Making Data Count variation icon: the last point's type and which way it points. */
  variation_icon: VariationIcon;
  variation_icon_label: string;
  assurance: Assurance | null;
  assurance_label: string | null;
  notes: string[];
}

export interface ForecastResult {
  points_used: number;
  from_period: PeriodText;
  /** The line's figure at from_period, where a chart starts it. */
  from_value: number;
  slope_per_year: number;
  due: PeriodText | null;
  at_due: number | null;
  reachable: boolean | null;
  baseline_forecast: number | null;
  turned: boolean | null;
}

export interface IntervalResult {
  /** `published`: the publisher's own limits (a Fingertips export's). */
  method: "wilson" | "byar" | "exact_poisson" | "published";
  lower_95: number;
  upper_95: number;
  lower_998: number;
  upper_998: number;
}

export interface BenchmarkResult {
  group: string;
  /** LAIT's rule: the latest period with other areas' figures, whether or not we have one. */
  period: PeriodText;
  /** Our figure for it; null without one (no band or rank then). */
  value: number | null;
  areas: number;
  q1: number;
  median: number;
  q3: number;
  band: "A" | "B" | "C" | "D" | null;
  rank: number | null;
  sn_average: number | null;
  sn_count: number;
  /** Our figure less our previous one, whatever the gap; change_from names its period. */
  change: number | null;
  change_from: PeriodText | null;
  trend: "up" | "down" | "same" | null;
}

export interface StatusCounts {
  achieved: number;
  on_track: number;
  at_risk: number;
  off_track: number;
  missed: number;
  no_target: number;
  no_data: number;
  suppressed: number;
  to_be_developed: number;
}

export interface RagCounts {
  green: number;
  amber: number;
  red: number;
  grey: number;
}

export interface Counts {
  measures: number;
  by_status: StatusCounts;
  by_rag: RagCounts;
}

export interface Summary extends Counts {
  by_section: Array<Counts & { section: string }>;
  by_kind: Array<Counts & { kind: MeasureKind }>;
  actions: {
    total: number;
    completed: number;
    in_progress: number;
    not_started: number;
    withdrawn: number;
    overdue: number;
    percent_complete: number | null;
  };
  data_development: Array<{ id: string; name: string; section: string }>;
  /** The SPC summary matrix: every measure with SPC, concern first. */
  spc: SpcRow[];
}

export type VariationIcon =
  | "common_cause" | "improvement_high" | "improvement_low" | "concern_high" | "concern_low"
  | "neutral_high" | "neutral_low";

/** One row of the SPC summary matrix (the rows `spcSummaryCsv()` and every format show). */
export interface SpcRow {
  id: string;
  name: string;
  section: string;
  period: PeriodText;
  value: number;
  unit: string;
  per: number | null;
  decimals: number;
  variation_icon: VariationIcon;
  variation_label: string;
  assurance: Assurance | null;
  assurance_label: string | null;
  rule: SpcRule;
  rule_text: string;
  status: Status;
}

export interface TurnTheCurve {
  story: string | null;
  partners: string[];
  what_works: Array<{ text: string; evidence: string | null }>;
  actions: ActionResult[];
  data_development: string | null;
  source: string | null;
  commentary: Array<{ period: PeriodText; text: string; author: string | null }>;
}

export interface ActionResult {
  id: string;
  section: string | null;
  objective: string | null;
  title: string;
  lead: string | null;
  due: PeriodText;
  status: ActionStatus;
  completed: PeriodText | null;
  overdue: boolean;
}

export interface RiskResult {
  id: string;
  title: string;
  likelihood: number;
  impact: number;
  score: number;
  rating: "low" | "medium" | "high" | "very_high";
  mitigation: string | null;
  owner: string | null;
}

/** The result of spcColumns(): per series (in order of first appearance) its id, number of
    points, centre line and limits (null when there are no limits: one point, or a constant
    series with screening); per point (input order) the code of its
    rule and point type, indexes into ruleNames and pointTypeNames. */
export interface SpcColumns {
  series: Uint32Array;
  points: Uint32Array;
  mean: Array<number | null>;
  lower: Array<number | null>;
  upper: Array<number | null>;
  rule: Uint8Array;
  pointType: Uint8Array;
  ruleNames: SpcRule[];
  pointTypeNames: PointType[];
}

/** The result of Scorecard.scoreColumns(): one entry per series (area and measure, in input
    order) in each column, in full precision; NaN where a figure does not apply, 255 in the code
    columns (status, comparison, band, variationIcon, assurance, reachable, turned, rule). Codes index the *Names arrays;
    reachable and turned are 1 (yes) or 0 (no). period and benchmarkPeriod index the periods
    given; rule has one entry per input row. */
export interface ScoreColumns {
  area: Uint32Array;
  measure: Uint32Array;
  period: Float64Array;
  value: Float64Array;
  baseline: Float64Array;
  target: Float64Array;
  /** The figure judged against the target: the value, or for a gap target its gap. */
  judged: Float64Array;
  comparison: Uint8Array;
  comparisonNames: Array<'at_least' | 'at_most' | 'exactly'>;
  expected: Float64Array;
  progressPct: Float64Array;
  status: Uint8Array;
  statusNames: Status[];
  spcMean: Float64Array;
  spcLower: Float64Array;
  spcUpper: Float64Array;
  /** The Making Data Count icons, as the scorecard gives them. */
  variationIcon: Uint8Array;
  variationIconNames: VariationIcon[];
  assurance: Uint8Array;
  assuranceNames: Assurance[];
  forecastPoints: Float64Array;
  slopePerYear: Float64Array;
  forecastAtDue: Float64Array;
  reachable: Uint8Array;
  baselineForecast: Float64Array;
  turned: Uint8Array;
  benchmarkPeriod: Float64Array;
  benchmarkValue: Float64Array;
  q1: Float64Array;
  median: Float64Array;
  q3: Float64Array;
  band: Uint8Array;
  bandNames: Array<'A' | 'B' | 'C' | 'D'>;
  rank: Float64Array;
  areas: Float64Array;
  rule: Uint8Array;
  ruleNames: SpcRule[];
}
