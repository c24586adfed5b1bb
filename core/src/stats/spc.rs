//! Statistical process control: XmR charts as NHSRplotthedots 0.2.2 computes them for NHS
//! England's Making Data Count (docs/semantics.md section 7). Per rebase group: limits from the mean and
//! the mean moving range (with outlier screening), then four rules, first that applies wins:
//! outside the limits, a run of points each above (or below) the one before, two of three points
//! near a limit on one side, and a run of points on one side of the mean.

use crate::model::kinds::Polarity;
use crate::model::options::{
    Conflict, LimitWidth, Precedence, Rules, SpcOptions, TrendDirection, TwoInThree,
};
use crate::stats::r;
use serde::Serialize;

/// Limits sit 2.66 mean moving ranges from the mean (3 sigma for XmR).
pub const LIMIT: f64 = 2.66;
/// The near-limit band starts two thirds of the way to the limits.
pub const NEAR: f64 = 2.0 * LIMIT / 3.0;
/// Moving ranges at or above 3.267 x the mean moving range are screened out as outliers.
pub const OUTLIER: f64 = 3.267;
/// Under this many points in a group, limits are trial limits.
pub const TRIAL_BELOW: usize = 13;

/// A group's process limits and near-limit band. Zero width (lower = upper = the mean) when
/// the moving ranges they come from average 0: see [`LimitsKind`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Limits {
    /// The lower process limit.
    pub lower: f64,
    /// The upper process limit.
    pub upper: f64,
    /// Where the lower near-limit band starts.
    pub near_lower: f64,
    /// Where the upper near-limit band starts.
    pub near_upper: f64,
    /// The mean moving range the limits are built from.
    pub mean_moving_range: f64,
}

/// How a group's limits came out, as NHSRplotthedots computes them (docs/statistics.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LimitsKind {
    /// From a mean moving range above 0.
    Varying,
    /// Zero width: the points the limits come from do not vary (screening off).
    Flat,
    /// Zero width: outlier screening removed every non-zero moving range, the only variation.
    Collapsed,
    /// None: one point has no moving range.
    OnePoint,
    /// None: the points the limits come from do not vary and screening removes every moving
    /// range of 0 (R's `mr < 3.267 * 0` is false), so no moving range is left.
    ScreenedFlat,
    /// None: the limits would lie beyond the largest double.
    Overflow,
}

/// A group's centre line (the mean of the points the limits come from, always there) and its
/// limits when they exist. Without limits the trend and shift rules still apply (they need only
/// the mean), as in NHSRplotthedots; the outside-limits and two-in-three rules do not.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Centre {
    /// The centre line: R's `mean()` of the points the limits come from.
    pub mean: f64,
    /// The limits, `None` when they cannot be computed.
    pub limits: Option<Limits>,
    /// How the limits came out.
    pub kind: LimitsKind,
}

/// Which rule flagged a point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Above the upper limit.
    AboveUcl,
    /// Below the lower limit.
    BelowLcl,
    /// Part of an increasing trend.
    TrendIncreasing,
    /// Part of a decreasing trend.
    TrendDecreasing,
    /// Two of three points near the upper limit.
    TwoInThreeAbove,
    /// Two of three points near the lower limit.
    TwoInThreeBelow,
    /// Part of a run above the mean.
    ShiftAbove,
    /// Part of a run below the mean.
    ShiftBelow,
    /// None of the rules.
    CommonCause,
}

crate::json::serialize_as!(Rule, key);

impl Rule {
    /// The rule's text as NHSRplotthedots writes it (lengths as configured).
    pub fn text(self, o: &SpcOptions) -> String {
        match self {
            Rule::AboveUcl => "Above UCL".into(),
            Rule::BelowLcl => "Below LCL".into(),
            Rule::TrendIncreasing => format!("{} Point Trend (Increasing)", o.trend_length),
            Rule::TrendDecreasing => format!("{} Point Trend (Decreasing)", o.trend_length),
            Rule::TwoInThreeAbove => "2 in 3 Above CL".into(),
            Rule::TwoInThreeBelow => "2 in 3 Below CL".into(),
            Rule::ShiftAbove => format!("{} Points Above CL", o.shift_length),
            Rule::ShiftBelow => format!("{} Points Below CL", o.shift_length),
            Rule::CommonCause => "Common Cause".into(),
        }
    }

    /// Every rule, indexed by [`Rule::code`]: the code order of columnar output (Arrow
    /// dictionaries, the benchmark files), common cause first, then NHSRplotthedots' precedence.
    pub const BY_CODE: [Rule; 9] = [
        Rule::CommonCause,
        Rule::AboveUcl,
        Rule::BelowLcl,
        Rule::TrendIncreasing,
        Rule::TrendDecreasing,
        Rule::TwoInThreeAbove,
        Rule::TwoInThreeBelow,
        Rule::ShiftAbove,
        Rule::ShiftBelow,
    ];

    /// The rule's index in [`Rule::BY_CODE`].
    pub fn code(self) -> u8 {
        match self {
            Rule::CommonCause => 0,
            Rule::AboveUcl => 1,
            Rule::BelowLcl => 2,
            Rule::TrendIncreasing => 3,
            Rule::TrendDecreasing => 4,
            Rule::TwoInThreeAbove => 5,
            Rule::TwoInThreeBelow => 6,
            Rule::ShiftAbove => 7,
            Rule::ShiftBelow => 8,
        }
    }

    /// The rule's name in JSON and in columnar output.
    pub fn key(self) -> &'static str {
        match self {
            Rule::AboveUcl => "above_ucl",
            Rule::BelowLcl => "below_lcl",
            Rule::TrendIncreasing => "trend_increasing",
            Rule::TrendDecreasing => "trend_decreasing",
            Rule::TwoInThreeAbove => "two_in_three_above",
            Rule::TwoInThreeBelow => "two_in_three_below",
            Rule::ShiftAbove => "shift_above",
            Rule::ShiftBelow => "shift_below",
            Rule::CommonCause => "common_cause",
        }
    }

    /// +1 for a point that points up, -1 down, 0 for common cause.
    fn sign(self) -> i8 {
        match self {
            Rule::AboveUcl | Rule::TrendIncreasing | Rule::TwoInThreeAbove | Rule::ShiftAbove => 1,
            Rule::BelowLcl | Rule::TrendDecreasing | Rule::TwoInThreeBelow | Rule::ShiftBelow => -1,
            Rule::CommonCause => 0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// A point's type, the variation icon: common cause, or special cause by polarity.
pub enum PointType {
    /// Common cause variation.
    CommonCause,
    /// Special cause, improving.
    SpecialCauseImprovement,
    /// Special cause, of concern.
    SpecialCauseConcern,
    /// Special cause, high (a neutral measure).
    SpecialCauseNeutralHigh,
    /// Special cause, low (a neutral measure).
    SpecialCauseNeutralLow,
}

crate::json::serialize_as!(PointType, key);

impl PointType {
    pub(crate) fn of(rule: Rule, polarity: Polarity) -> Self {
        match (rule.sign(), polarity) {
            (0, _) => PointType::CommonCause,
            (s, Polarity::Neutral) if s > 0 => PointType::SpecialCauseNeutralHigh,
            (_, Polarity::Neutral) => PointType::SpecialCauseNeutralLow,
            (s, p) if f64::from(s) * p.sign() > 0.0 => PointType::SpecialCauseImprovement,
            _ => PointType::SpecialCauseConcern,
        }
    }

    /// Every point type, indexed by [`PointType::code`].
    pub const BY_CODE: [PointType; 5] = [
        PointType::CommonCause,
        PointType::SpecialCauseImprovement,
        PointType::SpecialCauseConcern,
        PointType::SpecialCauseNeutralHigh,
        PointType::SpecialCauseNeutralLow,
    ];

    /// The type's index in [`PointType::BY_CODE`].
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The type's name in JSON and in columnar output.
    pub fn key(self) -> &'static str {
        match self {
            PointType::CommonCause => "common_cause",
            PointType::SpecialCauseImprovement => "special_cause_improvement",
            PointType::SpecialCauseConcern => "special_cause_concern",
            PointType::SpecialCauseNeutralHigh => "special_cause_neutral_high",
            PointType::SpecialCauseNeutralLow => "special_cause_neutral_low",
        }
    }

    /// The label in reports.
    pub fn label(self) -> &'static str {
        match self {
            PointType::CommonCause => "Common cause",
            PointType::SpecialCauseImprovement => "Special cause: improvement",
            PointType::SpecialCauseConcern => "Special cause: concern",
            PointType::SpecialCauseNeutralHigh => "Special cause: high",
            PointType::SpecialCauseNeutralLow => "Special cause: low",
        }
    }
}

/// The Making Data Count variation icon: the last point's type and which way its rule points
/// (an improvement by higher values, H, or by lower, L).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VariationIcon {
    /// Common cause: no significant change.
    CommonCause,
    /// Special cause of an improving nature, by higher values.
    ImprovementHigh,
    /// Special cause of an improving nature, by lower values.
    ImprovementLow,
    /// Special cause of a concerning nature, by higher values.
    ConcernHigh,
    /// Special cause of a concerning nature, by lower values.
    ConcernLow,
    /// Special cause, neither improvement nor concern (a neutral measure), higher values.
    NeutralHigh,
    /// Special cause, neither improvement nor concern, lower values.
    NeutralLow,
}

crate::json::serialize_as!(VariationIcon, key);

impl VariationIcon {
    /// The icon of a point of type `t` flagged by `rule`: the one mapping every path uses.
    pub fn of(t: PointType, rule: Rule) -> Self {
        let high = rule.sign() > 0;
        match (t, high) {
            (PointType::CommonCause, _) => VariationIcon::CommonCause,
            (PointType::SpecialCauseImprovement, true) => VariationIcon::ImprovementHigh,
            (PointType::SpecialCauseImprovement, false) => VariationIcon::ImprovementLow,
            (PointType::SpecialCauseConcern, true) => VariationIcon::ConcernHigh,
            (PointType::SpecialCauseConcern, false) => VariationIcon::ConcernLow,
            (PointType::SpecialCauseNeutralHigh, _) => VariationIcon::NeutralHigh,
            (PointType::SpecialCauseNeutralLow, _) => VariationIcon::NeutralLow,
        }
    }

    /// Its name in words, as Making Data Count's key gives it (never colour alone).
    pub fn label(self) -> &'static str {
        match self {
            VariationIcon::CommonCause => "Common cause: no significant change",
            VariationIcon::ImprovementHigh => "Special cause improvement: higher values",
            VariationIcon::ImprovementLow => "Special cause improvement: lower values",
            VariationIcon::ConcernHigh => "Special cause concern: higher values",
            VariationIcon::ConcernLow => "Special cause concern: lower values",
            VariationIcon::NeutralHigh => {
                "Special cause, neither improvement nor concern: higher values"
            }
            VariationIcon::NeutralLow => {
                "Special cause, neither improvement nor concern: lower values"
            }
        }
    }

    /// Every icon, in order.
    pub const ALL: [VariationIcon; 7] = [
        VariationIcon::CommonCause,
        VariationIcon::ImprovementHigh,
        VariationIcon::ImprovementLow,
        VariationIcon::ConcernHigh,
        VariationIcon::ConcernLow,
        VariationIcon::NeutralHigh,
        VariationIcon::NeutralLow,
    ];

    /// Its name in the JSON: `improvement_high`.
    pub fn key(self) -> &'static str {
        match self {
            VariationIcon::CommonCause => "common_cause",
            VariationIcon::ImprovementHigh => "improvement_high",
            VariationIcon::ImprovementLow => "improvement_low",
            VariationIcon::ConcernHigh => "concern_high",
            VariationIcon::ConcernLow => "concern_low",
            VariationIcon::NeutralHigh => "neutral_high",
            VariationIcon::NeutralLow => "neutral_low",
        }
    }

    /// Reads an icon by its JSON name.
    pub fn parse(key: &str) -> Option<Self> {
        VariationIcon::ALL.into_iter().find(|i| i.key() == key)
    }

    /// The letter on the icon: H for higher values, L for lower; none for common cause.
    pub fn letter(self) -> Option<char> {
        match self {
            VariationIcon::CommonCause => None,
            VariationIcon::ImprovementHigh
            | VariationIcon::ConcernHigh
            | VariationIcon::NeutralHigh => Some('H'),
            VariationIcon::ImprovementLow
            | VariationIcon::ConcernLow
            | VariationIcon::NeutralLow => Some('L'),
        }
    }

    /// How serious it is for a board, worst first (concern 0, neutral 1, common cause 2,
    /// improvement 3): the summary matrix's order.
    pub fn concern_rank(self) -> u8 {
        match self {
            VariationIcon::ConcernHigh | VariationIcon::ConcernLow => 0,
            VariationIcon::NeutralHigh | VariationIcon::NeutralLow => 1,
            VariationIcon::CommonCause => 2,
            VariationIcon::ImprovementHigh | VariationIcon::ImprovementLow => 3,
        }
    }
}

/// Whether the process will meet its target, from the target against the last limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assurance {
    /// The target lies beyond the limits on the passing side: the process consistently passes.
    ConsistentPass,
    /// The target lies beyond the limits on the failing side: the process consistently fails.
    ConsistentFail,
    /// The target lies within the limits: hit and miss.
    Inconsistent,
}

crate::json::serialize_as!(Assurance, key);

impl Assurance {
    /// The label in reports.
    pub fn label(self) -> &'static str {
        match self {
            Assurance::ConsistentPass => "Consistently passes the target",
            Assurance::ConsistentFail => "Consistently fails the target",
            Assurance::Inconsistent => "Passes and fails the target at random",
        }
    }

    /// Every icon, in order.
    pub const ALL: [Assurance; 3] = [
        Assurance::ConsistentPass,
        Assurance::ConsistentFail,
        Assurance::Inconsistent,
    ];

    /// Its name in the JSON: `consistent_fail`.
    pub fn key(self) -> &'static str {
        match self {
            Assurance::ConsistentPass => "consistent_pass",
            Assurance::ConsistentFail => "consistent_fail",
            Assurance::Inconsistent => "inconsistent",
        }
    }

    /// Reads an assurance icon by its JSON name (`consistent_fail`).
    pub fn parse(key: &str) -> Option<Self> {
        Assurance::ALL.into_iter().find(|a| a.key() == key)
    }

    /// The letter on the icon: P (passes), F (fails), ? (hit and miss).
    pub fn letter(self) -> char {
        match self {
            Assurance::ConsistentPass => 'P',
            Assurance::ConsistentFail => 'F',
            Assurance::Inconsistent => '?',
        }
    }

    /// Worst first (fails 0, hit and miss 1, passes 2): the summary matrix's order.
    pub fn concern_rank(self) -> u8 {
        match self {
            Assurance::ConsistentFail => 0,
            Assurance::Inconsistent => 1,
            Assurance::ConsistentPass => 2,
        }
    }
}

/// One point's analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct SpcPoint {
    /// 0 for the first group, +1 at each rebase.
    pub group: usize,
    /// The point's group's centre line and limits.
    pub centre: Centre,
    /// The rule that flagged it.
    pub rule: Rule,
    /// Its type.
    pub point_type: PointType,
}

#[derive(Debug, Clone, PartialEq)]
/// SPC of one series: every point, the icons and notes.
pub struct Spc {
    /// Every point, in order.
    pub points: Vec<SpcPoint>,
    /// The last point's type: the variation icon.
    pub variation: PointType,
    /// With a target and a direction: the assurance icon.
    pub assurance: Option<Assurance>,
    /// What a reader should know (trial limits, no variation, screening).
    pub notes: Vec<String>,
}

/// Analyses `y` (in time order, no gaps) with groups starting at the indices in `rebase_at`.
/// The assurance icon judges `target` as given (never a rounded copy).
pub fn xmr(
    y: &[f64],
    polarity: Polarity,
    target: Option<f64>,
    rebase_at: &[usize],
    o: &SpcOptions,
) -> Spc {
    xmr_fixed(y, polarity, target, rebase_at, None, o)
}

/// As [`xmr`], with the limits of the group holding point `fixed_through` computed from that
/// group's points up to and including it (a measure's `fix_until`), whatever `o.fix_after`.
pub fn xmr_fixed(
    y: &[f64],
    polarity: Polarity,
    target: Option<f64>,
    rebase_at: &[usize],
    fixed_through: Option<usize>,
    o: &SpcOptions,
) -> Spc {
    let mut starts: Vec<usize> = std::iter::once(0)
        .chain(rebase_at.iter().copied().filter(|&i| i > 0 && i < y.len()))
        .collect();
    crate::num::sort(&mut starts);
    starts.dedup();
    let mut points = Vec::with_capacity(y.len());
    let mut notes = Vec::new();
    let mut dropped = 0;
    for (g, &s) in starts.iter().enumerate() {
        let e = starts.get(g + 1).copied().unwrap_or(y.len());
        let group = &y[s..e];
        let fixed = fixed_through
            .filter(|i| (s..e).contains(i))
            .map(|i| SpcOptions {
                fix_after: Some(i + 1 - s),
                ..o.clone()
            });
        let o = fixed.as_ref().unwrap_or(o);
        let Some(c) = centre(group, o) else { continue };
        if o.screen_outliers {
            dropped += screened_out(group, o);
        }
        let label = if starts.len() > 1 {
            format!("Group {} (from point {}): ", g + 1, s + 1)
        } else {
            String::new()
        };
        notes.extend(limits_note(c.kind, group.len(), o).map(|n| format!("{label}{n}")));
        if group.len() < TRIAL_BELOW {
            notes.push(format!(
                "{label}trial limits: {} points, fewer than {TRIAL_BELOW}.",
                group.len()
            ));
        }
        let mut rs = rules(group, &c, o);
        resolve_conflicts(group, c.mean, |_| c.limits, o, polarity, &mut rs);
        for rule in rs {
            points.push(SpcPoint {
                group: g,
                centre: c,
                rule,
                point_type: PointType::of(rule, polarity),
            });
        }
    }
    let variation = points
        .last()
        .map_or(PointType::CommonCause, |p| p.point_type);
    let last = points.last().map(|p| p.centre);
    let assurance = assurance(target, last.and_then(|c| c.limits).as_ref(), polarity);
    if target.is_some() && last.is_some() && assurance.is_none() && polarity != Polarity::Neutral {
        notes.push("No assurance icon: the last group has no limits to judge the target against (NHSRplotthedots reports \"inconsistent\" here, from a comparison with a missing limit).".to_string());
    }
    if dropped > 0 {
        notes.push(format!("{dropped} moving range(s) at or above {} x the mean moving range were left out of the limits (outlier screening).", crate::num::shortest(OUTLIER)));
    }
    Spc {
        points,
        variation,
        assurance,
        notes,
    }
}

/// What a reader should know about a group's limits, in words true for the case.
fn limits_note(kind: LimitsKind, points: usize, o: &SpcOptions) -> Option<String> {
    let from = match o.fix_after {
        Some(k) if k < points => format!("the first {k} points, from which the limits come,"),
        _ => "the values".to_string(),
    };
    match kind {
        LimitsKind::Varying => None,
        LimitsKind::Flat => Some(format!(
            "{from} do not vary, so the limits sit on the mean (zero width): any point off the mean is outside them."
        )),
        LimitsKind::Collapsed => Some("outlier screening removed every moving range that was not 0, the only variation, so the limits collapse onto the mean (zero width): any point off the mean is outside them.".to_string()),
        LimitsKind::OnePoint => Some("one point: no moving range, so no limits.".to_string()),
        LimitsKind::ScreenedFlat => Some(format!(
            "{from} do not vary and outlier screening leaves no moving range, so there are no limits; the trend and shift rules still apply."
        )),
        LimitsKind::Overflow => Some("the limits would lie beyond the largest number a double holds, so there are none; the trend and shift rules still apply.".to_string()),
    }
}

/// The assurance icon of `target` against the last limits, for a measure with a direction: the
/// one rule every chart and batch scoring use. None without a target, limits or direction.
pub(crate) fn assurance(
    target: Option<f64>,
    limits: Option<&Limits>,
    polarity: Polarity,
) -> Option<Assurance> {
    match (target, limits, polarity) {
        (Some(t), Some(l), Polarity::HigherIsBetter) => Some(assure(t, l, true)),
        (Some(t), Some(l), Polarity::LowerIsBetter) => Some(assure(t, l, false)),
        _ => None,
    }
}

pub(crate) fn assure(target: f64, l: &Limits, increasing: bool) -> Assurance {
    if target > l.upper {
        if increasing {
            Assurance::ConsistentFail
        } else {
            Assurance::ConsistentPass
        }
    } else if target < l.lower {
        if increasing {
            Assurance::ConsistentPass
        } else {
            Assurance::ConsistentFail
        }
    } else {
        Assurance::Inconsistent
    }
}

/// The moving ranges of the points limits are computed from, screened if asked: their mean
/// (R's `mean()`, NaN when none is left), how many were kept and how many there were. No
/// allocation. The limits and the screening note both come from here, so they always agree.
fn screened_ranges(fixed: &[f64], o: &SpcOptions) -> (f64, usize, usize) {
    let ranges = fixed.windows(2).map(|w| (w[1] - w[0]).abs());
    let count = fixed.len().saturating_sub(1);
    let all = r::mean_of(ranges.clone());
    if !o.screen_outliers || count == 0 {
        return (all, count, count);
    }
    // NHSRplotthedots keeps a range when mr < 3.267 x AMR: with AMR 0 it keeps none.
    let cut = OUTLIER * all;
    let kept = ranges.clone().filter(|&r| r < cut);
    (r::mean_of(kept.clone()), kept.count(), count)
}

/// The centre line and limits from the group's points (its first `fix_after` if fixed), as
/// NHSRplotthedots computes them; `None` only for an empty group.
pub fn centre(group: &[f64], o: &SpcOptions) -> Option<Centre> {
    let n = o.fix_after.map_or(group.len(), |k| k.min(group.len()));
    let fixed = &group[..n.max(1).min(group.len())];
    if fixed.is_empty() {
        return None;
    }
    let m = r::mean_of(fixed.iter().copied());
    let (amr, kept, count) = screened_ranges(fixed, o);
    let kind = if count == 0 {
        LimitsKind::OnePoint
    } else if kept == 0 {
        LimitsKind::ScreenedFlat
    } else if amr == 0.0 && kept < count && (0..count).any(|i| fixed[i + 1] != fixed[i]) {
        LimitsKind::Collapsed
    } else if amr == 0.0 {
        LimitsKind::Flat
    } else {
        LimitsKind::Varying
    };
    let (limit, near) = match o.limits {
        LimitWidth::Rounded => (LIMIT, NEAR),
        w => (w.multiplier(), 2.0 * w.multiplier() / 3.0),
    };
    let (lower, upper) = (m - limit * amr, m + limit * amr);
    let limits = (kept > 0).then_some(Limits {
        lower,
        upper,
        near_lower: m - near * amr,
        near_upper: m + near * amr,
        mean_moving_range: amr,
    });
    // Values near f64's limits can give limits beyond them: no limits rather than infinities.
    match limits {
        Some(_) if !(amr.is_finite() && lower.is_finite() && upper.is_finite()) => Some(Centre {
            mean: m,
            limits: None,
            kind: LimitsKind::Overflow,
        }),
        _ => Some(Centre {
            mean: m,
            limits,
            kind,
        }),
    }
}

fn sign(x: f64) -> i8 {
    if x > 0.0 {
        1
    } else if x < 0.0 {
        -1
    } else {
        0
    }
}

/// Marks every point of every window of `len` points (ending at `i`) for which `at_end(i)` holds.
fn part_of_run(n: usize, len: usize, at_end: impl Fn(usize) -> bool) -> Vec<bool> {
    let mut part = vec![false; n];
    if len == 0 || n < len {
        return part;
    }
    for i in len - 1..n {
        if at_end(i) {
            part[i + 1 - len..=i].iter_mut().for_each(|p| *p = true);
        }
    }
    part
}

/// A flagged point's type given the measure's polarity.
pub fn point_type(rule: Rule, polarity: Polarity) -> PointType {
    PointType::of(rule, polarity)
}

/// The rule that flags each point of one group.
/// Without limits no point is outside them or near them (NHSRplotthedots' comparisons with a
/// missing limit are `NA`, which its rules treat as false); the trend and shift rules still apply.
pub(crate) fn rules(y: &[f64], c: &Centre, o: &SpcOptions) -> Vec<Rule> {
    rules_at(y, c.mean, |_| c.limits, o)
}

/// The Making Data Count rules on `y` about the centre line `mean`, with each point's own
/// limits (`limits(i)`: the same for an XmR group; varying with the denominator on a p' or u'
/// chart). The one rule engine every chart uses.
pub(crate) fn rules_at(
    y: &[f64],
    mean: f64,
    limits: impl Fn(usize) -> Option<Limits>,
    o: &SpcOptions,
) -> Vec<Rule> {
    let n = y.len();
    let rtm: Vec<i8> = y.iter().map(|&v| sign(v - mean)).collect();
    let outside: Vec<bool> = y
        .iter()
        .enumerate()
        .map(|(i, &v)| limits(i).is_some_and(|l| v > l.upper || v < l.lower))
        .collect();
    // The points the two-in-three rule counts: beyond the near band (2 sigma), on which side.
    let band: Vec<i8> = y
        .iter()
        .enumerate()
        .zip(&outside)
        .map(|((i, &v), &out)| match limits(i) {
            Some(l) if !(out && o.two_in_three == TwoInThree::WithinLimits) => {
                (v > l.near_upper) as i8 - (v < l.near_lower) as i8
            }
            _ => 0,
        })
        .collect();
    let steps: Vec<i8> = y.windows(2).map(|w| sign(w[1] - w[0])).collect();
    // A trend of L points is L - 1 steps all the same way; an equal value breaks it.
    let trend_ends = |i: usize| {
        let s = &steps[i + 1 - o.trend_length..i];
        !s.is_empty() && s.iter().all(|&d| d == s[0] && d != 0)
    };
    let trend = part_of_run(n, o.trend_length, trend_ends);
    // The steps in a trend (`steps[j]`: from point j to j + 1): a trend ending at point i holds
    // the L - 1 steps ending at step i - 1.
    let step_in_trend = part_of_run(steps.len(), o.trend_length.saturating_sub(1), |j| {
        trend_ends(j + 1)
    });
    // A shift is L points on one side of the mean; a point on the mean breaks it.
    let shift = part_of_run(n, o.shift_length, |i| {
        let r = &rtm[i + 1 - o.shift_length..=i];
        r[0] != 0 && r.iter().all(|&d| d == r[0])
    });
    // A window of three points ending at `e` (of two at the start of a series, for the
    // Western Electric reading) that holds two in three.
    let window = |e: usize| match o.two_in_three {
        TwoInThree::WithinLimits => {
            e >= 2 && {
                let near = (e - 2..=e).filter(|&k| band[k] != 0).count();
                let side: i8 = (e - 2..=e).map(|k| rtm[k]).sum();
                near >= 2 && side.abs() == 3
            }
        }
        TwoInThree::BeyondWarning => {
            e >= 1 && (e.saturating_sub(2)..=e).map(|k| band[k]).sum::<i8>().abs() >= 2
        }
    };
    let two_of_three = |i: usize| band[i] != 0 && (i..n.min(i + 3)).any(window);
    let trend_rule = |i: usize| {
        (o.rules.trend && trend[i]).then(|| {
            // The step after (when the next point is in a trend, or the step itself is),
            // else the step before.
            let after = match o.trend_direction {
                TrendDirection::StepAfter => i + 1 < n && trend[i + 1],
                TrendDirection::OwnTrend => i + 1 < n && step_in_trend[i],
            };
            let d = if after {
                steps[i]
            } else if i > 0 {
                steps[i - 1]
            } else {
                0
            };
            if d == 1 {
                Rule::TrendIncreasing
            } else {
                Rule::TrendDecreasing
            }
        })
    };
    let two_rule = |i: usize| {
        (o.rules.two_in_three && two_of_three(i)).then(|| {
            if rtm[i] > 0 {
                Rule::TwoInThreeAbove
            } else {
                Rule::TwoInThreeBelow
            }
        })
    };
    (0..n)
        .map(|i| {
            if o.rules.outside && outside[i] {
                if rtm[i] == 1 {
                    Rule::AboveUcl
                } else {
                    Rule::BelowLcl
                }
            } else if let Some(r) = match o.precedence {
                Precedence::TrendFirst => trend_rule(i).or_else(|| two_rule(i)),
                Precedence::TwoInThreeFirst => two_rule(i).or_else(|| trend_rule(i)),
            } {
                r
            } else if o.rules.shift && shift[i] {
                if rtm[i] > 0 {
                    Rule::ShiftAbove
                } else {
                    Rule::ShiftBelow
                }
            } else {
                Rule::CommonCause
            }
        })
        .collect()
}

/// Where the rules that flag a point disagree, the rule `o.conflict` prefers: `rules` (each
/// point's first rule in the usual order, from [`rules_at`]) is kept for
/// [`Conflict::RuleOrder`]; otherwise a point whose first rule points the other way takes the
/// first rule, in that order, that flags it the preferred way, if any does. Every chart and both
/// rule engines pass their rules through this one function.
pub(crate) fn resolve_conflicts(
    y: &[f64],
    mean: f64,
    limits: impl Fn(usize) -> Option<Limits>,
    o: &SpcOptions,
    polarity: Polarity,
    rules: &mut [Rule],
) {
    let want = match o.conflict {
        Conflict::RuleOrder => return,
        Conflict::Improvement => PointType::SpecialCauseImprovement,
        Conflict::Concern => PointType::SpecialCauseConcern,
    };
    if polarity == Polarity::Neutral || rules.len() != y.len() {
        return;
    }
    let none = Rules {
        outside: false,
        trend: false,
        two_in_three: false,
        shift: false,
    };
    let r = o.rules;
    // Each rule that applies on its own, in the usual order.
    let mut order = [
        (
            r.outside,
            Rules {
                outside: true,
                ..none
            },
        ),
        (
            r.trend,
            Rules {
                trend: true,
                ..none
            },
        ),
        (
            r.two_in_three,
            Rules {
                two_in_three: true,
                ..none
            },
        ),
        (
            r.shift,
            Rules {
                shift: true,
                ..none
            },
        ),
    ];
    if o.precedence == Precedence::TwoInThreeFirst {
        order.swap(1, 2);
    }
    let alone: Vec<Vec<Rule>> = order
        .into_iter()
        .filter(|(on, _)| *on)
        .map(|(_, only)| {
            let one = SpcOptions {
                rules: only,
                conflict: Conflict::RuleOrder,
                ..o.clone()
            };
            rules_at(y, mean, &limits, &one)
        })
        .collect();
    for (i, rule) in rules.iter_mut().enumerate() {
        if PointType::of(*rule, polarity) == want || *rule == Rule::CommonCause {
            continue;
        }
        if let Some(better) = alone
            .iter()
            .filter_map(|v| v.get(i).copied())
            .find(|&c| PointType::of(c, polarity) == want)
        {
            *rule = better;
        }
    }
}

/// How many of a group's moving ranges (of the points its limits come from) screening left out.
fn screened_out(group: &[f64], o: &SpcOptions) -> usize {
    let n = o.fix_after.map_or(group.len(), |k| k.min(group.len()));
    let (_, kept, all) = screened_ranges(&group[..n], o);
    all - kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use proptest::prelude::*;

    /// R: set.seed(123); rnorm(20), the data of NHSRplotthedots' tests/testthat/test-ptd_spc_standard.R.
    const RNORM: [f64; 20] = [
        -0.56047565,
        -0.23017749,
        1.55870831,
        0.07050839,
        0.12928774,
        1.71506499,
        0.46091621,
        -1.26506123,
        -0.68685285,
        -0.44566197,
        1.22408180,
        0.35981383,
        0.40077145,
        0.11068272,
        -0.55584113,
        1.78691314,
        0.49785048,
        -1.96661716,
        0.70135590,
        -0.47279141,
    ];

    /// A centre line with limits set by hand: the mean, the limits, the near band's bounds and
    /// the mean moving range they stand for.
    fn given_limits(
        mean: f64,
        [lower, upper]: [f64; 2],
        [near_lower, near_upper]: [f64; 2],
        amr: f64,
    ) -> Centre {
        Centre {
            mean,
            limits: Some(Limits {
                lower,
                upper,
                near_lower,
                near_upper,
                mean_moving_range: amr,
            }),
            kind: LimitsKind::Varying,
        }
    }

    fn rules_of(y: &[f64]) -> Vec<Rule> {
        let o = SpcOptions::default();
        rules(y, &centre(y, &o).unwrap(), &o)
    }

    #[test]
    fn icons_read_back_by_their_json_names() {
        for i in VariationIcon::ALL {
            assert_eq!(serde_json::to_value(i).unwrap(), i.key());
            assert_eq!(VariationIcon::parse(i.key()), Some(i));
        }
        for a in [
            Assurance::ConsistentPass,
            Assurance::ConsistentFail,
            Assurance::Inconsistent,
        ] {
            let key = serde_json::to_value(a).unwrap();
            assert_eq!(Assurance::parse(key.as_str().unwrap()), Some(a));
        }
    }

    #[test]
    fn limits_match_the_published_snapshot() {
        // tests/testthat/_snaps/ptd_spc_standard.md: mean 0.1416238, lpl -3.01138, upl 3.294627.
        let o = SpcOptions::default();
        let c = centre(&RNORM, &o).unwrap();
        let l = c.limits.unwrap();
        assert_relative_eq!(c.mean, 0.1416238, epsilon = 5e-8);
        assert_relative_eq!(l.lower, -3.01138, epsilon = 5e-6);
        assert_relative_eq!(l.upper, 3.294627, epsilon = 5e-7);
        // With y[15] = 10: screened -2.383666 / 3.722497, unscreened -4.596625 / 5.935457.
        let mut y = RNORM;
        y[14] = 10.0;
        let c = centre(&y, &o).unwrap();
        let s = c.limits.unwrap();
        assert_relative_eq!(c.mean, 0.6694159, epsilon = 5e-8);
        assert_relative_eq!(s.lower, -2.383666, epsilon = 5e-7);
        assert_relative_eq!(s.upper, 3.722497, epsilon = 5e-7);
        let u = centre(&y, &SpcOptions::mdc_excel())
            .unwrap()
            .limits
            .unwrap();
        assert_relative_eq!(u.lower, -4.596625, epsilon = 5e-7);
        assert_relative_eq!(u.upper, 5.935457, epsilon = 5e-7);
        assert!(
            u.upper - u.lower > s.upper - s.lower,
            "screening narrows the limits"
        );
    }

    #[test]
    fn the_mdc_excel_preset_gives_the_excel_tools_limits() {
        // NHSRplotthedots' vignette "Deviations from Excel defaults" (vignettes/deviations.Rmd):
        // the Making Data Count Excel tools differ from the package only in not screening
        // outlying moving ranges (and in drawing lines unbroken at a rebase). Its worked
        // example, 1, 2, 1, 2, 10, then 1, 2 alternating to 18 points: UPL 4.6, mean 1.94, LPL
        // -0.72 screened (the package's default); 6.95, 1.94, -3.06 as Excel computes them. By
        // hand: mean 35 / 18; moving ranges fifteen 1s, 8 and 9, AMR 32 / 17; screened (both
        // at or above 3.267 x AMR = 6.15), AMR 1.
        let y = [
            1.0, 2.0, 1.0, 2.0, 10.0, 1.0, 2.0, 1.0, 2.0, 1.0, 2.0, 1.0, 2.0, 1.0, 2.0, 1.0, 2.0,
            1.0,
        ];
        let round2 = |v: f64| (v * 100.0).round() / 100.0;
        let limits = |o: &SpcOptions| {
            let c = centre(&y, o).unwrap();
            let l = c.limits.unwrap();
            (round2(l.upper), round2(c.mean), round2(l.lower))
        };
        assert_eq!(limits(&SpcOptions::default()), (4.6, 1.94, -0.72));
        let excel = SpcOptions::preset("mdc_excel").unwrap();
        assert_eq!(limits(&excel), (6.95, 1.94, -3.06));
        assert_relative_eq!(
            centre(&y, &excel).unwrap().limits.unwrap().upper,
            35.0 / 18.0 + 2.66 * 32.0 / 17.0,
            epsilon = 1e-12
        );
        // The one special cause point of both charts: 10, above the upper limit.
        for o in [SpcOptions::default(), excel] {
            let c = centre(&y, &o).unwrap();
            let r = rules(&y, &c, &o);
            assert_eq!(r[4], Rule::AboveUcl);
            assert!(r
                .iter()
                .enumerate()
                .all(|(i, &r)| i == 4 || r == Rule::CommonCause));
        }
    }

    #[test]
    fn rebase_matches_the_published_groups() {
        // tests/testthat/_snaps/ptd_spc.md ("it outputs expected content"): the rnorm(20) series
        // in two groups of ten has means 0.0746 and 0.209, limits -2.60 to 2.75 and -3.28 to
        // 3.70, and 20 common-cause points; a rebase before the first point changes nothing.
        let s = xmr(
            &RNORM,
            Polarity::HigherIsBetter,
            None,
            &[10],
            &SpcOptions::default(),
        );
        let (a, b) = (s.points[0].centre, s.points[10].centre);
        assert_relative_eq!(a.mean, 0.0746, epsilon = 5e-5);
        assert_relative_eq!(b.mean, 0.209, epsilon = 5e-4);
        let (a, b) = (a.limits.unwrap(), b.limits.unwrap());
        assert_relative_eq!(a.lower, -2.60, epsilon = 5e-3);
        assert_relative_eq!(a.upper, 2.75, epsilon = 5e-3);
        assert_relative_eq!(b.lower, -3.28, epsilon = 5e-3);
        assert_relative_eq!(b.upper, 3.70, epsilon = 5e-3);
        assert!(s
            .points
            .iter()
            .all(|p| p.point_type == PointType::CommonCause));
        let before = xmr(
            &RNORM,
            Polarity::HigherIsBetter,
            None,
            &[0],
            &SpcOptions::default(),
        );
        assert_relative_eq!(
            before.points[19].centre.limits.unwrap().upper,
            3.294627,
            epsilon = 5e-7
        );
    }

    #[test]
    fn fixed_limits_use_the_first_points() {
        let all = centre(&RNORM, &SpcOptions::default()).unwrap();
        let fixed = centre(
            &RNORM,
            &SpcOptions {
                fix_after: Some(12),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(fixed.mean, r::mean(12, |i| RNORM[i]));
        let (fixed, all) = (fixed.limits.unwrap(), all.limits.unwrap());
        assert!(fixed.lower != all.lower && fixed.upper != all.upper);
    }

    #[test]
    fn trend_needs_seven_strictly_moving_points() {
        // test-ptd_calculate_point_type.R, ptd_seven_point_trend: 1:6 none; c(1:3, 3:6) none (a
        // tie breaks it); 1:7 yes; 7:1 yes, decreasing.
        let part = |y: &[f64]| {
            part_of_run(y.len(), 7, |i| {
                let s: Vec<i8> = y[i - 6..=i].windows(2).map(|w| sign(w[1] - w[0])).collect();
                s.iter().all(|&d| d == s[0] && d != 0)
            })
        };
        assert_eq!(part(&[1., 2., 3., 4., 5., 6.]), [false; 6]);
        assert_eq!(part(&[1., 2., 3., 3., 4., 5., 6.]), [false; 7]);
        assert_eq!(part(&[1., 2., 3., 4., 5., 6., 7.]), [true; 7]);
        let d = part(&[2., 1., 2., 3., 4., 5., 6., 7., 3.]);
        assert_eq!(d, [false, true, true, true, true, true, true, true, false]);
    }

    #[test]
    fn shift_needs_seven_on_one_side_and_the_mean_breaks_it() {
        // ptd_seven_point_one_side_mean: c(rep(1, 8), -1) flags the first 8; 6 of them do not.
        let part = |r: &[i8]| {
            part_of_run(r.len(), 7, |i| {
                r[i - 6] != 0 && r[i - 6..=i].iter().all(|&d| d == r[i - 6])
            })
        };
        assert_eq!(part(&[1, 1, 1, 1, 1, 1, -1]), [false; 7]);
        assert_eq!(
            part(&[1, 1, 1, 1, 1, 1, 1, 1, -1]),
            [true, true, true, true, true, true, true, true, false]
        );
        assert_eq!(
            part(&[1, 1, 1, 0, 1, 1, 1, 1]),
            [false; 8],
            "a point on the mean breaks the run"
        );
    }

    #[test]
    fn the_abspc_preset_is_abspcs_limits_and_run_lengths() {
        let abspc = SpcOptions::preset("abspc").unwrap();
        // 0, 1, 0, 1: mean 0.5, every moving range 1 (abspc never screens). Limits at 3 / 1.128
        // = 2.6595745 mean moving ranges and the near band at 2 / 1.128 = 1.7730496, where
        // NHSRplotthedots' are at 2.66 and 1.7733333.
        let c = centre(&[0.0, 1.0, 0.0, 1.0], &abspc).unwrap();
        let l = c.limits.unwrap();
        assert_eq!(c.mean, 0.5);
        assert!((l.upper - (0.5 + 3.0 / 1.128)).abs() < 1e-15);
        assert!((l.near_lower - (0.5 - 2.0 / 1.128)).abs() < 1e-15);
        let nhsr = centre(&[0.0, 1.0, 0.0, 1.0], &SpcOptions::default()).unwrap();
        assert_eq!(nhsr.limits.unwrap().upper, 0.5 + 2.66);
        // Runs about a centre of 0 with limits far off: seven points above are a shift for
        // NHSRplotthedots (7) but not for abspc (8); six rising points are a trend for abspc
        // (6) but not for NHSRplotthedots (7).
        let wide = Centre {
            mean: 0.0,
            limits: Some(Limits {
                lower: -100.0,
                upper: 100.0,
                near_lower: -90.0,
                near_upper: 90.0,
                mean_moving_range: 1.0,
            }),
            kind: LimitsKind::Varying,
        };
        let seven = [1.0, 2.0, 1.0, 2.0, 1.0, 2.0, 1.0, -1.0, -2.0, -1.0];
        assert_eq!(
            rules(&seven, &wide, &SpcOptions::default())[0],
            Rule::ShiftAbove
        );
        assert!(rules(&seven, &wide, &abspc)
            .iter()
            .all(|&r| r == Rule::CommonCause));
        let six = [-3.0, -2.0, -1.0, 1.0, 2.0, 3.0, 2.5, -1.0, 1.0, -1.0];
        assert_eq!(rules(&six, &wide, &abspc)[..6], [Rule::TrendIncreasing; 6]);
        assert!(rules(&six, &wide, &SpcOptions::default())
            .iter()
            .all(|&r| r == Rule::CommonCause));
        // Every preset by name; an unknown one is refused, listing them.
        for name in SpcOptions::PRESETS {
            assert!(SpcOptions::preset(name).is_some(), "{name}");
        }
        assert_eq!(
            SpcOptions::from_arguments(Some("powerbi"), None, None).unwrap_err(),
            "unknown SPC preset \"powerbi\": expected nhsr_plotthedots, mdc_excel, abspc, powerbi_spc"
        );
        // Arguments override the preset's screening.
        assert!(
            SpcOptions::from_arguments(Some("abspc"), Some(true), None)
                .unwrap()
                .screen_outliers
        );
    }

    #[test]
    fn a_rule_switched_off_flags_nothing() {
        // Far above the limits (mean 0, limits ±1): outside the limits, unless that rule is
        // off; then the next rule that applies (none here: the points around it alternate),
        // common cause.
        let c = given_limits(0.0, [-1.0, 1.0], [-0.6, 0.6], 0.4);
        let y = [0.1, -0.1, 0.1, -0.1, 5.0, -0.1, 0.1];
        assert_eq!(rules(&y, &c, &SpcOptions::default())[4], Rule::AboveUcl);
        let mut off = SpcOptions::default();
        off.rules.outside = false;
        assert!(rules(&y, &c, &off).iter().all(|&r| r == Rule::CommonCause));
    }

    #[test]
    fn two_in_three_flags_only_near_points_on_one_side() {
        // test-ptd_spc_standard.R: symmetric data with points 15 and 16 at +5.5 and -5.5, close to
        // opposite limits: both common cause.
        let mut y: Vec<f64> = (0..16)
            .map(|i| if i % 2 == 0 { 1.0 } else { -1.0 })
            .collect();
        y[14] = 5.5;
        y[15] = -5.5;
        let r = rules_of(&y);
        assert_eq!(&r[14..], &[Rule::CommonCause, Rule::CommonCause]);
    }

    #[test]
    fn two_in_three_read_as_power_bi_reads_it() {
        // Worked by hand with PowerBI-SPC's twoInThree.ts (a window of three ending at each
        // point, of two at the start; flagged when the points beyond the 2-sigma line on one
        // side outnumber those on the other by two; only the points beyond it are flagged).
        // Mean 0, limits at 3, warning (near) lines at 2. Points 0-2: two above at the start of
        // the series, then one below; 5-7: two above with one just below the mean between them;
        // 10-12: one above the warning line, one outside the limits, one inside.
        let c = given_limits(0.0, [-3.0, 3.0], [-2.0, 2.0], 1.128);
        let y = [
            2.5, 2.5, -2.5, 0.1, -0.1, 2.5, -0.5, 2.5, 0.1, -0.1, 2.5, 4.0, 0.5, -0.1,
        ];
        let only = |t: TwoInThree| SpcOptions {
            rules: Rules {
                outside: false,
                trend: false,
                two_in_three: true,
                shift: false,
            },
            two_in_three: t,
            ..SpcOptions::default()
        };
        let flagged = |o: &SpcOptions| -> Vec<usize> {
            let r = rules(&y, &c, o);
            assert!(r
                .iter()
                .all(|&r| matches!(r, Rule::CommonCause | Rule::TwoInThreeAbove)));
            (0..y.len())
                .filter(|&i| r[i] != Rule::CommonCause)
                .collect()
        };
        // Making Data Count's reading: every window has a point on the other side of the mean,
        // and 4.0 is outside the limits, not near them: nothing.
        assert_eq!(
            flagged(&only(TwoInThree::WithinLimits)),
            Vec::<usize>::new()
        );
        assert_eq!(
            flagged(&only(TwoInThree::BeyondWarning)),
            [0, 1, 5, 7, 10, 11]
        );
        // With every rule on (the preset), the point outside the limits is that rule's.
        let p = SpcOptions::preset("powerbi_spc").unwrap();
        let r = rules(&y, &c, &p);
        assert_eq!(
            (r[10], r[11], r[12]),
            (Rule::TwoInThreeAbove, Rule::AboveUcl, Rule::CommonCause)
        );
        // The preset's trend is 5 points: four rising steps flag, three do not.
        let mut t = vec![0.0; 12];
        t[3..8].copy_from_slice(&[-1.0, -0.5, 0.0, 0.5, 1.0]);
        assert_eq!(&rules(&t, &c, &p)[3..8], &[Rule::TrendIncreasing; 5]);
        t[3] = 0.0;
        assert!(rules(&t, &c, &p).iter().all(|&r| r == Rule::CommonCause));
        assert_eq!(
            (p.screen_outliers, p.shift_length, p.limits),
            (true, 7, LimitWidth::Exact)
        );
    }

    #[test]
    fn a_trend_point_between_two_trends_read_both_ways() {
        // Two rising trends of 5 with a fall between them (as in series 36 of the spc workload,
        // points 19 to 28). The last point of the first (index 5) is followed by a point in a
        // trend: NHSRplotthedots takes the step after it, a fall, and calls it decreasing; the
        // Power BI SPC visual gives it its own trend's direction. Only the trend rule is on.
        let c = given_limits(3.5, [-100.0, 100.0], [-50.0, 50.0], 1.0);
        let y = [5.0, 1.0, 2.0, 3.0, 4.0, 5.0, 2.0, 3.0, 4.0, 5.0, 6.0, 4.0];
        let o = |d: TrendDirection| SpcOptions {
            trend_length: 5,
            rules: Rules {
                outside: false,
                trend: true,
                two_in_three: false,
                shift: false,
            },
            trend_direction: d,
            ..SpcOptions::default()
        };
        let (up, down, cc) = (
            Rule::TrendIncreasing,
            Rule::TrendDecreasing,
            Rule::CommonCause,
        );
        let rising = [cc, up, up, up, up, up, up, up, up, up, up, cc];
        let mut nhsr = rising;
        nhsr[5] = down;
        assert_eq!(rules(&y, &c, &o(TrendDirection::StepAfter)), nhsr);
        assert_eq!(rules(&y, &c, &o(TrendDirection::OwnTrend)), rising);
        // A peak shared by a rising and a falling trend counts as the later one either way.
        let peak = [1.0, 2.0, 3.0, 4.0, 5.0, 4.0, 3.0, 2.0, 1.0];
        for d in [TrendDirection::StepAfter, TrendDirection::OwnTrend] {
            assert_eq!(
                rules(&peak, &c, &o(d)),
                [up, up, up, up, down, down, down, down, down]
            );
        }
    }

    #[test]
    fn a_point_in_a_trend_and_two_in_three_is_named_by_the_precedence() {
        // Mean 0, limits at 3, near band beyond 2. 0 to 2.5 rising (six points: a 5-point
        // trend), the last two beyond 2 with the one before on the same side (two in three);
        // then back below. By hand: points 0 to 5 are in the trend; 4 and 5 are also two in
        // three. NHSRplotthedots names them by the trend, the Power BI SPC visual colours them
        // by two in three.
        let c = given_limits(0.0, [-3.0, 3.0], [-2.0, 2.0], 1.128);
        let y = [0.0, 0.5, 1.0, 1.5, 2.1, 2.5, 0.2, -0.1];
        let with = |p: Precedence| SpcOptions {
            trend_length: 5,
            precedence: p,
            ..SpcOptions::default()
        };
        let (up, two, cc) = (
            Rule::TrendIncreasing,
            Rule::TwoInThreeAbove,
            Rule::CommonCause,
        );
        assert_eq!(
            rules(&y, &c, &with(Precedence::TrendFirst)),
            [up, up, up, up, up, up, cc, cc]
        );
        assert_eq!(
            rules(&y, &c, &with(Precedence::TwoInThreeFirst)),
            [up, up, up, up, two, two, cc, cc]
        );
    }

    #[test]
    fn each_rule_fires_and_stops_at_its_boundary() {
        // Base: alternating 10 and 12 around a mean of 11 (AMR 2, limits 5.68 and 16.32, near band
        // beyond 7.453 and 14.547).
        let base: Vec<f64> = (0..20)
            .map(|i| if i % 2 == 0 { 10.0 } else { 12.0 })
            .collect();
        assert!(rules_of(&base).iter().all(|&r| r == Rule::CommonCause));
        // Outside: strictly beyond the limit.
        let mut y = base.clone();
        y[10] = 30.0;
        assert_eq!(rules_of(&y)[10], Rule::AboveUcl);
        // Shift: 7 points above the mean fire, 6 do not (the points either side are below it).
        let shifted = |k: usize| {
            let mut y = base.clone();
            y[5..5 + k].iter_mut().for_each(|v| *v = 11.5);
            y[4] = 10.0;
            y[5 + k] = 10.0;
            rules_of(&y)
        };
        assert!(shifted(7)[5..12].iter().all(|&r| r == Rule::ShiftAbove));
        assert!(shifted(6).iter().all(|&r| r == Rule::CommonCause));
        // Trend: 7 rising points fire, 6 do not.
        let rising = |k: usize| {
            let mut y = base.clone();
            for j in 0..k {
                y[4 + j] = 10.5 + 0.1 * j as f64;
            }
            rules_of(&y)
        };
        assert!(rising(7)[4..11].iter().all(|&r| r == Rule::TrendIncreasing));
        assert!(!rising(6).contains(&Rule::TrendIncreasing));
        // Two in three: two near the upper limit with one between them on the same side. By hand:
        // mean 11.4, AMR 46/19 = 2.421, near band 15.69 to 17.84; 16 is in it.
        let mut y = base.clone();
        y[8] = 16.0;
        y[9] = 12.0;
        y[10] = 16.0;
        let r = rules_of(&y);
        assert_eq!(
            (r[8], r[9], r[10]),
            (
                Rule::TwoInThreeAbove,
                Rule::CommonCause,
                Rule::TwoInThreeAbove
            )
        );
        // ...and not when the middle point is on the other side of the mean.
        y[9] = 10.0;
        assert!(rules_of(&y).iter().all(|&r| r == Rule::CommonCause));
    }

    #[test]
    fn trend_direction_comes_from_the_trend_not_the_mean() {
        // A falling trend wholly above the mean: decreasing (NHSRplotthedots issue #171).
        let mut y: Vec<f64> = vec![0.0; 10];
        for (j, v) in [20.0, 19.0, 18.0, 17.0, 16.0, 15.0, 14.0]
            .iter()
            .enumerate()
        {
            y[j + 1] = *v;
        }
        let r = rules_of(&y);
        assert!(
            r[1..8]
                .iter()
                .all(|&x| x == Rule::TrendDecreasing || x == Rule::AboveUcl),
            "{r:?}"
        );
    }

    #[test]
    fn constant_series_as_the_reference_gives_it() {
        // With screening (the default) every moving range of 0 is screened out: no limits, no
        // assurance icon (NHSRplotthedots: "inconsistent", from NA comparisons; see
        // docs/statistics.md), every point common cause, the mean still drawn.
        let flat = |o: &SpcOptions| xmr(&[5.0; 15], Polarity::HigherIsBetter, Some(6.0), &[], o);
        let s = flat(&SpcOptions::default());
        assert!(s.points.iter().all(|p| p.centre.limits.is_none()
            && p.centre.mean == 5.0
            && p.rule == Rule::CommonCause));
        assert_eq!(s.assurance, None);
        assert!(s.notes[0].contains("do not vary"), "{:?}", s.notes);
        assert!(s.notes.iter().any(|n| n.starts_with("No assurance icon")));
        // Without screening the limits sit on the mean, and the target 6 lies above them: an
        // increasing measure consistently fails it.
        let s = flat(&SpcOptions::mdc_excel());
        let c = s.points[0].centre;
        assert_eq!(
            (c.kind, c.limits.map(|l| (l.lower, l.upper))),
            (LimitsKind::Flat, Some((5.0, 5.0)))
        );
        assert_eq!(s.assurance, Some(Assurance::ConsistentFail));
        assert!(s.points.iter().all(|p| p.rule == Rule::CommonCause));
    }

    #[test]
    fn rebase_computes_each_group_separately() {
        // Ten points around 10, then ten around 20: one group shifts; two groups do not.
        let y: Vec<f64> = (0..20)
            .map(|i| if i < 10 { 10.0 } else { 20.0 } + if i % 2 == 0 { 0.5 } else { -0.5 })
            .collect();
        let one = xmr(
            &y,
            Polarity::HigherIsBetter,
            None,
            &[],
            &SpcOptions::default(),
        );
        assert!(one.points.iter().any(|p| p.rule != Rule::CommonCause));
        let two = xmr(
            &y,
            Polarity::HigherIsBetter,
            None,
            &[10],
            &SpcOptions::default(),
        );
        assert!(two.points.iter().all(|p| p.rule == Rule::CommonCause));
        assert_relative_eq!(two.points[0].centre.mean, 10.0);
        assert_relative_eq!(two.points[19].centre.mean, 20.0);
        assert_eq!(two.points[19].group, 1);
    }

    /// Worked by hand: seven 1s, then 20, 19, ..., 14. The mean is (7 + 119) / 14 = 9, so the
    /// last seven points are a run above it (a shift) and, each one lower than the last, a
    /// falling trend of seven: with the limits and the two-in-three rule off, those two rules
    /// conflict on each of them. The first seven are a shift below (no trend: equal values).
    #[test]
    fn rule_conflicts_resolved_as_asked() {
        let y = [
            1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 20.0, 19.0, 18.0, 17.0, 16.0, 15.0, 14.0,
        ];
        let with = |conflict: Conflict| SpcOptions {
            rules: Rules {
                outside: false,
                two_in_three: false,
                ..Rules::default()
            },
            conflict,
            ..SpcOptions::default()
        };
        let types = |polarity: Polarity, conflict: Conflict| -> Vec<(Rule, PointType)> {
            xmr(&y, polarity, None, &[], &with(conflict))
                .points
                .iter()
                .map(|p| (p.rule, p.point_type))
                .collect()
        };
        use PointType::{SpecialCauseConcern as Concern, SpecialCauseImprovement as Better};
        let low = [(Rule::ShiftBelow, Concern); 7];
        // Higher is better: the trend (first in the order) says concern, the shift improvement.
        let order = types(Polarity::HigherIsBetter, Conflict::RuleOrder);
        assert_eq!(order[..7], low);
        assert_eq!(order[7..], [(Rule::TrendDecreasing, Concern); 7]);
        let better = types(Polarity::HigherIsBetter, Conflict::Improvement);
        // No rule says improvement of the first seven: they stay as they were.
        assert_eq!(better[..7], low);
        assert_eq!(better[7..], [(Rule::ShiftAbove, Better); 7]);
        assert_eq!(types(Polarity::HigherIsBetter, Conflict::Concern), order);
        // Lower is better: the trend says improvement, the shift above concern.
        let order = types(Polarity::LowerIsBetter, Conflict::RuleOrder);
        assert_eq!(order[7..], [(Rule::TrendDecreasing, Better); 7]);
        let concern = types(Polarity::LowerIsBetter, Conflict::Concern);
        assert_eq!(concern[..7], [(Rule::ShiftBelow, Better); 7]);
        assert_eq!(concern[7..], [(Rule::ShiftAbove, Concern); 7]);
        // Neutral measures have no improvement or concern: unchanged.
        assert_eq!(
            types(Polarity::Neutral, Conflict::Improvement),
            types(Polarity::Neutral, Conflict::RuleOrder)
        );
    }

    #[test]
    fn point_types_and_icons_follow_polarity() {
        let mut y: Vec<f64> = (0..20)
            .map(|i| if i % 2 == 0 { 10.0 } else { 12.0 })
            .collect();
        y[19] = 30.0;
        let up = xmr(
            &y,
            Polarity::HigherIsBetter,
            Some(20.0),
            &[],
            &SpcOptions::default(),
        );
        assert_eq!(up.variation, PointType::SpecialCauseImprovement);
        let down = xmr(
            &y,
            Polarity::LowerIsBetter,
            Some(20.0),
            &[],
            &SpcOptions::default(),
        );
        assert_eq!(down.variation, PointType::SpecialCauseConcern);
        let neutral = xmr(
            &y,
            Polarity::Neutral,
            Some(20.0),
            &[],
            &SpcOptions::default(),
        );
        assert_eq!(
            (neutral.variation, neutral.assurance),
            (PointType::SpecialCauseNeutralHigh, None)
        );
        // Assurance from the target against the last limits (test-ptd_calculate_assurance_type.R).
        let l = up.points[19].centre.limits.unwrap();
        assert_eq!(assure(l.upper + 1.0, &l, true), Assurance::ConsistentFail);
        assert_eq!(assure(l.lower - 1.0, &l, true), Assurance::ConsistentPass);
        assert_eq!(assure(l.upper + 1.0, &l, false), Assurance::ConsistentPass);
        assert_eq!(
            assure(up.points[19].centre.mean, &l, false),
            Assurance::Inconsistent
        );
        assert_eq!(
            Rule::TrendIncreasing.text(&SpcOptions::default()),
            "7 Point Trend (Increasing)"
        );
    }

    proptest! {
        /// Adding a constant shifts the limits by it and changes no point's type.
        #[test]
        fn adding_a_constant_shifts_limits_only(y in prop::collection::vec(-1e3f64..1e3, 2..40), c in -1e3f64..1e3) {
            let o = SpcOptions::default();
            let a = xmr(&y, Polarity::HigherIsBetter, None, &[], &o);
            let shifted: Vec<f64> = y.iter().map(|v| v + c).collect();
            let b = xmr(&shifted, Polarity::HigherIsBetter, None, &[], &o);
            for (p, q) in a.points.iter().zip(&b.points) {
                prop_assert_eq!(p.point_type, q.point_type);
                prop_assert!((q.centre.mean - p.centre.mean - c).abs() < 1e-6);
                if let (Some(l), Some(m)) = (p.centre.limits, q.centre.limits) {
                    prop_assert!((m.upper - l.upper - c).abs() < 1e-6);
                }
            }
        }

        /// Reversing polarity swaps improvement and concern, point by point.
        #[test]
        fn reversing_polarity_swaps_improvement_and_concern(y in prop::collection::vec(-1e3f64..1e3, 2..40)) {
            let o = SpcOptions::default();
            let a = xmr(&y, Polarity::HigherIsBetter, None, &[], &o);
            let b = xmr(&y, Polarity::LowerIsBetter, None, &[], &o);
            for (p, q) in a.points.iter().zip(&b.points) {
                let swapped = match p.point_type {
                    PointType::SpecialCauseImprovement => PointType::SpecialCauseConcern,
                    PointType::SpecialCauseConcern => PointType::SpecialCauseImprovement,
                    t => t,
                };
                prop_assert_eq!(swapped, q.point_type);
            }
        }
    }

    /// The columnar codes and keys are a second spelling of the JSON names: they must not drift.
    #[test]
    fn codes_and_keys_match_the_json_names() {
        for (i, r) in Rule::BY_CODE.into_iter().enumerate() {
            assert_eq!(usize::from(r.code()), i);
            assert_eq!(
                serde_json::to_string(&r).ok(),
                Some(format!("\"{}\"", r.key()))
            );
        }
        for (i, t) in PointType::BY_CODE.into_iter().enumerate() {
            assert_eq!(usize::from(t.code()), i);
            assert_eq!(
                serde_json::to_string(&t).ok(),
                Some(format!("\"{}\"", t.key()))
            );
        }
    }

    /// Values near the largest float: mean 0.75e308 and moving range 0.5e308 would put the
    /// upper limit at 2.08e308, beyond f64 (found by reasoning about the batch_spc fuzz target).
    #[test]
    fn limits_beyond_f64_are_no_limits() {
        let c = |y: &[f64]| centre(y, &SpcOptions::default()).unwrap();
        assert_eq!(c(&[1e308, 0.5e308]).limits, None);
        assert_eq!(c(&[1e308, 0.5e308]).kind, LimitsKind::Overflow);
        assert_eq!(c(&[1e308, 0.5e308]).mean, 0.75e308);
        assert!(c(&[1e300, 0.5e300]).limits.is_some());
        // A moving range beyond f64 (1e308 to -1e308): no limits, no NaN.
        assert_eq!(c(&[1e308, -1e308, 0.0]).limits, None);
    }
}
