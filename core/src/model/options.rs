//! Settings: SPC options, disclosure control, a measure's own SPC settings.

use crate::error::quoted;
use crate::model::period::Period;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
/// SPC options: Making Data Count's rules, as NHSRplotthedots computes them.
pub struct SpcOptions {
    /// Drop moving ranges >= 3.267 x the mean moving range before computing limits.
    pub screen_outliers: bool,
    /// Compute each group's limits from its first n points only.
    pub fix_after: Option<usize>,
    /// Points in a trend (7 in Making Data Count).
    pub trend_length: usize,
    /// Points in a run on one side of the mean (7 in Making Data Count).
    pub shift_length: usize,
    /// How far the limits lie from the mean, in mean moving ranges.
    pub limits: LimitWidth,
    /// Which of the four rules apply (all of them in every preset).
    pub rules: Rules,
    /// Which way a point counts when the rules that flag it disagree.
    pub conflict: Conflict,
    /// Which points the two-in-three rule counts, and which of them it flags.
    pub two_in_three: TwoInThree,
    /// Which way a point of a trend counts where two trends meet.
    pub trend_direction: TrendDirection,
    /// Which rule names a point that both the trend and the two-in-three rule flag.
    pub precedence: Precedence,
}

/// Which of the trend and two-in-three rules comes first in the order of the rules (outside
/// the limits first, a shift last), for a point both flag (`[analysis] spc_precedence`): the
/// rule that names the point, and so its type where the two point different ways.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Precedence {
    /// NHSRplotthedots' order (`ptd_special_cause_type`): outside, trend, two in three, shift.
    /// Every preset's but `powerbi_spc`.
    #[default]
    TrendFirst,
    /// The order the Power BI SPC visual colours points by (`viewModelClass.ts` colours by
    /// shift, then trend, then two in three, then outside, each over the last): outside, two in
    /// three, trend, shift.
    TwoInThreeFirst,
}

crate::json::serialize_as!(Precedence, name);

impl Precedence {
    /// The names `parse` reads.
    pub const NAMES: [&'static str; 2] = ["trend_first", "two_in_three_first"];

    /// From its name in a definition.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "trend_first" => Some(Precedence::TrendFirst),
            "two_in_three_first" => Some(Precedence::TwoInThreeFirst),
            _ => None,
        }
    }

    /// Its name, as `parse` reads it.
    pub fn name(self) -> &'static str {
        match self {
            Precedence::TrendFirst => "trend_first",
            Precedence::TwoInThreeFirst => "two_in_three_first",
        }
    }
}

/// Which way a point in a trend counts (`[analysis] spc_trend_direction`). The readings differ
/// only at a point where two trends meet, or where a trend ends just before another begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TrendDirection {
    /// NHSRplotthedots' reading (`ptd_special_cause_type`: "if a point is part of a trend
    /// either side, use right side"): the step after the point when the next point is in a
    /// trend too, else the step before. The last point of a rising trend followed by a fall
    /// and then another rising trend counts as decreasing. Every preset's but `powerbi_spc`.
    #[default]
    StepAfter,
    /// The Power BI SPC visual's reading (`trend.ts`): the direction of the trend the point
    /// belongs to, the later one where it belongs to two (a peak or a trough between a rising
    /// and a falling trend).
    OwnTrend,
}

crate::json::serialize_as!(TrendDirection, name);

impl TrendDirection {
    /// The names `parse` reads.
    pub const NAMES: [&'static str; 2] = ["step_after", "own_trend"];

    /// From its name in a definition.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "step_after" => Some(TrendDirection::StepAfter),
            "own_trend" => Some(TrendDirection::OwnTrend),
            _ => None,
        }
    }

    /// Its name, as `parse` reads it.
    pub fn name(self) -> &'static str {
        match self {
            TrendDirection::StepAfter => "step_after",
            TrendDirection::OwnTrend => "own_trend",
        }
    }
}

/// The two-in-three rule as the tools write it (`[analysis] spc_two_in_three`). In both, two of
/// three consecutive points lie beyond the band that starts two thirds of the way from the mean
/// to a limit (2 sigma), on the same side, and only the points beyond it are flagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TwoInThree {
    /// Making Data Count's rule, as NHSRplotthedots computes it: the points counted lie inside
    /// the limits (a point outside them is the other rule's), and all three points of the
    /// window lie on that side of the mean. Every preset's but `powerbi_spc`.
    #[default]
    WithinLimits,
    /// The Western Electric rule, as the Power BI SPC visual computes it (`twoInThree.ts`):
    /// any point beyond the warning limit counts, outside the limits too, and the third point
    /// of the window may lie anywhere short of the opposite warning limit; the first two points
    /// of a series are a window of their own.
    BeyondWarning,
}

crate::json::serialize_as!(TwoInThree, name);

impl TwoInThree {
    /// The names `parse` reads.
    pub const NAMES: [&'static str; 2] = ["within_limits", "beyond_warning"];

    /// From its name in a definition.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "within_limits" => Some(TwoInThree::WithinLimits),
            "beyond_warning" => Some(TwoInThree::BeyondWarning),
            _ => None,
        }
    }

    /// Its name, as `parse` reads it.
    pub fn name(self) -> &'static str {
        match self {
            TwoInThree::WithinLimits => "within_limits",
            TwoInThree::BeyondWarning => "beyond_warning",
        }
    }
}

/// When the rules that flag a point disagree, one pointing to improvement and another to
/// concern (the last point of a run above the mean that is also in a falling trend, say), which
/// the point counts as (`[analysis] spc_conflict`). Neutral measures have neither, so this does
/// not apply to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Conflict {
    /// The first rule in the usual order decides (outside the limits, trend, two in three,
    /// shift), as NHSRplotthedots colours a point by the first rule that flags it (its pull
    /// request #180, 2023); every preset's.
    #[default]
    RuleOrder,
    /// Improvement, when any rule that applies says so.
    Improvement,
    /// Concern, when any rule that applies says so.
    Concern,
}

crate::json::serialize_as!(Conflict, name);

impl Conflict {
    /// The names `parse` reads.
    pub const NAMES: [&'static str; 3] = ["rule_order", "improvement", "concern"];

    /// From its name in a definition.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "rule_order" => Some(Conflict::RuleOrder),
            "improvement" => Some(Conflict::Improvement),
            "concern" => Some(Conflict::Concern),
            _ => None,
        }
    }

    /// Its name, as `parse` reads it.
    pub fn name(self) -> &'static str {
        match self {
            Conflict::RuleOrder => "rule_order",
            Conflict::Improvement => "improvement",
            Conflict::Concern => "concern",
        }
    }
}

/// The Making Data Count rules that apply: each may be switched off (`[analysis] spc_rules`
/// lists those on). A point a rule that is off would flag goes to the next rule that applies,
/// in the usual order (outside the limits, trend, two in three, shift), or is common cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rules {
    /// A point outside the limits.
    pub outside: bool,
    /// A run of points each higher (or lower) than the last.
    pub trend: bool,
    /// Two of three points beyond two thirds of the way to a limit, on one side.
    pub two_in_three: bool,
    /// A run of points on one side of the mean.
    pub shift: bool,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            outside: true,
            trend: true,
            two_in_three: true,
            shift: true,
        }
    }
}

impl Rules {
    /// The rules' names, as `spc_rules` lists them.
    pub const NAMES: [&'static str; 4] = ["outside", "trend", "two_in_three", "shift"];

    /// Only the rules named (each of [`Rules::NAMES`]); `Err` names one that is not a rule.
    pub fn only(names: &[String]) -> Result<Self, String> {
        let mut r = Rules {
            outside: false,
            trend: false,
            two_in_three: false,
            shift: false,
        };
        for n in names {
            match n.as_str() {
                "outside" => r.outside = true,
                "trend" => r.trend = true,
                "two_in_three" => r.two_in_three = true,
                "shift" => r.shift = true,
                other => {
                    return Err(format!(
                        "unknown rule {}: expected some of {}",
                        quoted(&other),
                        Rules::NAMES.join(", ")
                    ))
                }
            }
        }
        Ok(r)
    }
}

/// How far an XmR chart's limits lie from the mean: 3 sigma, sigma estimated as the mean moving
/// range over d2 = 1.128, written two ways by the tools.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum LimitWidth {
    /// 2.66 mean moving ranges (NHSRplotthedots, Making Data Count's tools); the near band of
    /// the two-in-three rule at two thirds of that. In the JSON: `"2.66"`.
    #[default]
    #[serde(rename = "2.66")]
    Rounded,
    /// 3 / 1.128 = 2.6596 mean moving ranges (abspc, qicharts2); the near band at 2 / 1.128.
    /// In the JSON: `"3/1.128"`.
    #[serde(rename = "3/1.128")]
    Exact,
}

impl LimitWidth {
    /// The limits' distance from the mean, in mean moving ranges.
    pub fn multiplier(self) -> f64 {
        match self {
            LimitWidth::Rounded => 2.66,
            LimitWidth::Exact => 3.0 / 1.128,
        }
    }
}

impl Default for SpcOptions {
    fn default() -> Self {
        SpcOptions {
            screen_outliers: true,
            fix_after: None,
            trend_length: 7,
            shift_length: 7,
            limits: LimitWidth::Rounded,
            rules: Rules::default(),
            conflict: Conflict::RuleOrder,
            two_in_three: TwoInThree::WithinLimits,
            trend_direction: TrendDirection::StepAfter,
            precedence: Precedence::TrendFirst,
        }
    }
}

impl SpcOptions {
    /// The one rule for `fix_after`, wherever it is given (a definition, `spc_table`,
    /// `spcColumns`): limits fixed after fewer than 2 points would have no moving range.
    pub fn check_fix_after(fix_after: Option<usize>) -> Result<(), &'static str> {
        match fix_after {
            Some(n) if n < 2 => Err("must be at least 2: limits need a moving range"),
            _ => Ok(()),
        }
    }

    /// Making Data Count's Excel tool: no outlier screening.
    pub fn mdc_excel() -> Self {
        SpcOptions {
            screen_outliers: false,
            ..SpcOptions::default()
        }
    }

    /// The named presets, each another tool's defaults: `nhsr_plotthedots` (betteroff's own
    /// default: moving ranges screened, 2.66, shift and trend of 7), `mdc_excel` (Making Data
    /// Count's Excel tool: no screening), `abspc` (the abspc package's `detect_special_causes`:
    /// no screening, 3 / 1.128, an 8-point shift and a 6-point trend), `powerbi_spc` (the Power
    /// BI SPC visual's settings with each of its rules switched on: screening, 3 / 1.128, a
    /// 7-point shift, a 5-point trend, its two-in-three rule ([`TwoInThree::BeyondWarning`]) and
    /// its trends' directions ([`TrendDirection::OwnTrend`]) and the order it colours points by
    /// ([`Precedence::TwoInThreeFirst`])).
    pub const PRESETS: [&'static str; 4] =
        ["nhsr_plotthedots", "mdc_excel", "abspc", "powerbi_spc"];

    /// The options a caller's arguments ask for: the preset named (by default
    /// `nhsr_plotthedots`), then its outlier screening and fixed limits if given. The one
    /// reading of Python's `spc_table` and JavaScript's `spcColumns` arguments.
    pub fn from_arguments(
        preset: Option<&str>,
        screen_outliers: Option<bool>,
        fix_after: Option<usize>,
    ) -> Result<Self, String> {
        let mut o = match preset {
            None => SpcOptions::default(),
            Some(name) => SpcOptions::preset(name).ok_or_else(|| {
                format!(
                    "unknown SPC preset {}: expected {}",
                    quoted(&name),
                    SpcOptions::PRESETS.join(", ")
                )
            })?,
        };
        if let Some(s) = screen_outliers {
            o.screen_outliers = s;
        }
        SpcOptions::check_fix_after(fix_after).map_err(|why| format!("fix_after {why}"))?;
        o.fix_after = fix_after;
        Ok(o)
    }

    /// The preset of that name (`default` is `nhsr_plotthedots`), or `None`.
    pub fn preset(name: &str) -> Option<Self> {
        match name {
            "nhsr_plotthedots" | "default" => Some(SpcOptions::default()),
            "mdc_excel" => Some(SpcOptions::mdc_excel()),
            "abspc" => Some(SpcOptions {
                screen_outliers: false,
                trend_length: 6,
                shift_length: 8,
                limits: LimitWidth::Exact,
                ..SpcOptions::default()
            }),
            // The visual switches every rule off until the user turns it on (outliersSettings.ts);
            // its lengths and limits are these. Moving ranges are screened as NHSRplotthedots
            // screens them (`outliers_in_limits` off, i.ts: kept when below 3.267 x the mean).
            "powerbi_spc" => Some(SpcOptions {
                trend_length: 5,
                shift_length: 7,
                limits: LimitWidth::Exact,
                two_in_three: TwoInThree::BeyondWarning,
                trend_direction: TrendDirection::OwnTrend,
                precedence: Precedence::TwoInThreeFirst,
                ..SpcOptions::default()
            }),
            _ => None,
        }
    }
}

/// Disclosure control of what is published (disclosure.rs): counts from 1 to threshold - 1 are
/// suppressed (0 turns suppression off), and counts may be rounded to a base.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Disclosure {
    /// Counts from 1 to threshold - 1 are suppressed (0 turns suppression off).
    pub threshold: u32,
    /// Counts are rounded to this base (for example 5) when set.
    pub round_to: Option<u32>,
}

impl Default for Disclosure {
    fn default() -> Self {
        Disclosure {
            threshold: 5,
            round_to: None,
        }
    }
}

/// Which control chart a measure's SPC draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum ChartKind {
    /// Individuals and moving range (Making Data Count's default).
    #[default]
    Xmr,
    /// Laney's p' chart: a percentage from numerators and denominators, limits that vary with
    /// each denominator, widened by the variation between periods.
    PPrime,
    /// Laney's u' chart: a rate from counts and denominators (exposure), likewise.
    UPrime,
    /// The c chart: counts of events in equal areas of opportunity (Poisson).
    C,
    /// The g chart: the number of days (or cases, or opportunities) between rare events
    /// (geometric); its centre line is the median.
    G,
    /// The t chart: the time between rare events, on Nelson's transform (t^(1/3.6)) to an
    /// individuals chart and back.
    T,
}

crate::json::serialize_as!(ChartKind, key);

impl ChartKind {
    /// Every chart, in order.
    pub const ALL: [ChartKind; 6] = [
        ChartKind::Xmr,
        ChartKind::PPrime,
        ChartKind::UPrime,
        ChartKind::C,
        ChartKind::G,
        ChartKind::T,
    ];

    /// Its name in the definition and the JSON: `p_prime`.
    pub fn key(self) -> &'static str {
        match self {
            ChartKind::Xmr => "xmr",
            ChartKind::PPrime => "p_prime",
            ChartKind::UPrime => "u_prime",
            ChartKind::C => "c",
            ChartKind::G => "g",
            ChartKind::T => "t",
        }
    }

    /// Reads a chart by its name.
    pub fn parse(s: &str) -> Option<Self> {
        ChartKind::ALL.into_iter().find(|k| k.key() == s)
    }

    /// Its name for a reader: "p' chart".
    pub fn label(self) -> &'static str {
        match self {
            ChartKind::Xmr => "XmR chart",
            ChartKind::PPrime => "p' chart (Laney)",
            ChartKind::UPrime => "u' chart (Laney)",
            ChartKind::C => "c chart",
            ChartKind::G => "g chart",
            ChartKind::T => "t chart",
        }
    }

    /// What its centre line is, for a label: the g chart's is the median of the figures, the t
    /// chart's the back-transformed mean of the transformed times, the others' the mean.
    pub fn centre_name(self) -> &'static str {
        match self {
            ChartKind::G => "Median",
            ChartKind::T => "Centre",
            _ => "Mean",
        }
    }
}

/// A measure's own SPC settings.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MeasureSpc {
    /// The control chart: XmR unless the definition names another.
    pub chart: ChartKind,
    /// Periods at which the process changed: limits are computed afresh from each.
    pub rebase: Vec<Period>,
    /// Limits from the first n points of each group.
    pub fix_after: Option<usize>,
    /// Limits of the group holding this period from its figures up to and including it (a
    /// named baseline period), extended unchanged after it; a rebase after it starts afresh.
    pub fix_until: Option<Period>,
    /// `false` turns SPC off for this measure.
    pub disabled: bool,
}
