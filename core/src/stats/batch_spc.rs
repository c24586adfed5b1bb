//! SPC (XmR limits and the four rules) for every point of many series given as columns.
//! The figures are those of [`crate::stats::spc::xmr`], series by series (a test checks it).

use std::fmt::Display;

use crate::error::{Error, ErrorKind, Location};
use crate::model::kinds::Polarity;
use crate::model::options::{Precedence, SpcOptions, TrendDirection, TwoInThree};
use crate::stats::spc::{self, PointType, Rule};

/// The limits once per series (in order of first appearance), and each point's rule and type
/// in input order. `K` is the series key: an integer id or a borrowed name.
#[derive(Debug, Clone, PartialEq)]
pub struct SpcColumns<K> {
    /// Each series' key, in input order.
    pub series: Vec<K>,
    /// How many points each series has, so per-series columns can be spread over the rows.
    pub points: Vec<usize>,
    /// Each series' centre line (there even when the limits are not).
    pub mean: Vec<Option<f64>>,
    /// Each series' lower limit (`None` without limits).
    pub lower: Vec<Option<f64>>,
    /// Each series' upper limit.
    pub upper: Vec<Option<f64>>,
    /// Each row's rule.
    pub rule: Vec<Rule>,
    /// Each row's point type.
    pub point_type: Vec<PointType>,
}

/// SPC of every series in `values`, where `series[i]` names the series of `values[i]`. Each
/// series' points must be contiguous and in time order; a series id that reappears after
/// another series is an error (the rows are not grouped).
pub fn spc<K: Copy + Ord + Display>(
    series: &[K],
    values: &[f64],
    polarity: Polarity,
    o: &SpcOptions,
) -> Result<SpcColumns<K>, Error> {
    check(series, values)?;
    let out = runs(series, values, polarity, o);
    grouped(&out)?;
    Ok(out)
}

/// [`spc`] with the series split into chunks scored on rayon's threads, then joined in input
/// order: the same columns, figure for figure, whatever the number of threads.
#[cfg(feature = "parallel")]
pub fn par_spc<K: Copy + Ord + Display + Send + Sync>(
    series: &[K],
    values: &[f64],
    polarity: Polarity,
    o: &SpcOptions,
) -> Result<SpcColumns<K>, Error> {
    use rayon::prelude::*;
    check(series, values)?;
    // About four chunks per thread, each cut at a series boundary.
    let chunks = rayon::current_num_threads() * 4;
    let size = series.len().div_ceil(chunks.max(1)).max(4096);
    let mut cuts = vec![0];
    while let Some(&last) = cuts.last() {
        let mut end = (last + size).min(series.len());
        while end < series.len() && series[end] == series[end - 1] {
            end += 1;
        }
        if end == last {
            break;
        }
        cuts.push(end);
    }
    let parts: Vec<SpcColumns<K>> = cuts
        .par_windows(2)
        .map(|w| runs(&series[w[0]..w[1]], &values[w[0]..w[1]], polarity, o))
        .collect();
    let mut out = empty(series.len());
    for p in parts {
        out.series.extend(p.series);
        out.points.extend(p.points);
        out.mean.extend(p.mean);
        out.lower.extend(p.lower);
        out.upper.extend(p.upper);
        out.rule.extend(p.rule);
        out.point_type.extend(p.point_type);
    }
    grouped(&out)?;
    Ok(out)
}

fn check<K>(series: &[K], values: &[f64]) -> Result<(), Error> {
    if series.len() != values.len() {
        return Err(usage(format!(
            "{} series ids for {} values",
            series.len(),
            values.len()
        )));
    }
    match values.iter().position(|v| !v.is_finite()) {
        None => Ok(()),
        Some(i) => Err(Error::new(
            ErrorKind::Data,
            Location::row("values", i, "value"),
            "the value is not a finite number",
        )),
    }
}

fn empty<K>(n: usize) -> SpcColumns<K> {
    SpcColumns {
        series: Vec::new(),
        points: Vec::new(),
        mean: Vec::new(),
        lower: Vec::new(),
        upper: Vec::new(),
        rule: Vec::with_capacity(n),
        point_type: Vec::with_capacity(n),
    }
}

/// Every run of equal keys scored as one series, in order (checked inputs; grouping is checked
/// by the caller, over the whole input).
fn runs<K: Copy + PartialEq>(
    series: &[K],
    values: &[f64],
    polarity: Polarity,
    o: &SpcOptions,
) -> SpcColumns<K> {
    let n = values.len();
    let mut out = empty(n);
    let mut scratch = Scratch::default();
    // A point's type depends only on its rule and the polarity: look it up.
    let types = Rule::BY_CODE.map(|r| spc::point_type(r, polarity));
    let mut start = 0;
    while start < n {
        let id = series[start];
        let end = series[start..]
            .iter()
            .position(|&s| s != id)
            .map_or(n, |k| start + k);
        let y = &values[start..end];
        let centre = spc::centre(y, o);
        let first = out.rule.len();
        if let Some(c) = &centre {
            scratch.rules(y, c, o, &mut out.rule);
            spc::resolve_conflicts(y, c.mean, |_| c.limits, o, polarity, &mut out.rule[first..]);
        }
        let limits = centre.and_then(|c| c.limits);
        let rules = &out.rule[first..];
        out.point_type
            .extend(rules.iter().map(|r| types[usize::from(r.code())]));
        out.series.push(id);
        out.points.push(end - start);
        out.mean.push(centre.map(|c| c.mean));
        out.lower.push(limits.map(|l| l.lower));
        out.upper.push(limits.map(|l| l.upper));
        start = end;
    }
    out
}

/// Each series' rows must be contiguous: a key that starts a second run is an error naming
/// the first such row. Sorted keys (the usual case) are checked in one pass; otherwise the runs
/// are sorted by key (no hashing: keys need only an order).
fn grouped<K: Ord + Display>(c: &SpcColumns<K>) -> Result<(), Error> {
    match first_repeat(&c.series) {
        None => Ok(()),
        Some(run) => Err(usage(format!(
            "series '{}' appears again at row {}: sort the rows by series, then time",
            c.series[run],
            c.points[..run].iter().sum::<usize>() + 1
        ))),
    }
}

impl<K> SpcColumns<K> {
    /// A per-series column (`mean`, `lower`, `upper`) spread to one value per input row.
    pub fn per_point(&self, column: &[Option<f64>]) -> Vec<Option<f64>> {
        self.spread(column)
    }

    /// The same spread as plain values (0 where missing) and, only when some series has no
    /// value, whether each row has one: the layout of an Arrow column with its validity bitmap.
    pub fn per_point_values(&self, column: &[Option<f64>]) -> (Vec<f64>, Option<Vec<bool>>) {
        let values = self.spread(&column.iter().map(|v| v.unwrap_or(0.0)).collect::<Vec<_>>());
        let valid = column
            .iter()
            .any(Option::is_none)
            .then(|| self.spread(&column.iter().map(Option::is_some).collect::<Vec<_>>()));
        (values, valid)
    }

    /// One value per series repeated over that series' rows.
    fn spread<T: Copy>(&self, column: &[T]) -> Vec<T> {
        let mut out = Vec::with_capacity(self.rule.len());
        for (&value, &points) in column.iter().zip(&self.points) {
            out.extend(std::iter::repeat_n(value, points));
        }
        out
    }
}

/// Buffers reused from series to series, and the rules in two passes over a series without
/// re-scanning windows: a point is in a trend (or a shift) exactly when it lies in a maximal run
/// of equal steps (or sides) long enough to hold one, and a run's length is its forward length
/// (counted in the first pass) plus its backward length (counted in the second) minus one. The
/// second pass, from the last point back, carries what it needs of later points in registers.
/// Same flags as [`spc::rules`]; a property test holds them equal.
#[derive(Default)]
pub(crate) struct Scratch {
    /// Side of the mean: -1, 0, +1.
    rtm: Vec<i8>,
    /// `st[i]`: the sign of the step from point i - 1 to point i (0 for the first point).
    st: Vec<i8>,
    /// Bit 0: outside the limits; bit 1: close to them; bit 2: a two-in-three window ends here.
    flags: Vec<u8>,
    /// Forward run lengths of `st` and of `rtm`, ending at each point.
    st_fwd: Vec<u32>,
    rtm_fwd: Vec<u32>,
}

const OUTSIDE: u8 = 1;
const CLOSE: u8 = 2;
const WINDOW_ENDS: u8 = 4;

fn sign(x: f64) -> i8 {
    (x > 0.0) as i8 - (x < 0.0) as i8
}

impl Scratch {
    fn forward(&mut self, y: &[f64], c: &spc::Centre, o: &SpcOptions) {
        let n = y.len();
        for v in [&mut self.rtm, &mut self.st] {
            v.clear();
            v.resize(n, 0);
        }
        self.flags.clear();
        self.flags.resize(n, 0);
        for v in [&mut self.st_fwd, &mut self.rtm_fwd] {
            v.clear();
            v.resize(n, 0);
        }
        // Slices of length n, so that indexing below needs no capacity checks.
        let (rtm, st, flags) = (&mut self.rtm[..n], &mut self.st[..n], &mut self.flags[..n]);
        let (st_fwd, rtm_fwd) = (&mut self.st_fwd[..n], &mut self.rtm_fwd[..n]);
        // Without limits, bounds no value passes: no point is outside or near them.
        let (lower, upper, near_lower, near_upper) = c.limits.map_or(
            (
                f64::NEG_INFINITY,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::INFINITY,
            ),
            |l| (l.lower, l.upper, l.near_lower, l.near_upper),
        );
        let (mut prev, mut prev_st, mut prev_rtm) = (f64::NAN, 2i8, 2i8);
        let (mut st_run, mut rtm_run) = (0u32, 0u32);
        // The band sides (beyond the near band: -1, 0, +1) and sides of the two points before,
        // for the two-in-three window (spc::rules_at: the two readings of the rule).
        let (mut b1, mut b2, mut r1, mut r2) = (0i8, 0i8, 0i8, 0i8);
        let within = o.two_in_three == TwoInThree::WithinLimits;
        for i in 0..n {
            let v = y[i];
            let side = sign(v - c.mean);
            let step = if i == 0 { 0 } else { sign(v - prev) };
            let outside = (v > upper) | (v < lower);
            let b = if outside & within {
                0
            } else {
                (v > near_upper) as i8 - (v < near_lower) as i8
            };
            let window = if within {
                i >= 2
                    && ((b1 != 0) as u8 + (b2 != 0) as u8 + (b != 0) as u8 >= 2)
                    && (r1 + r2 + side).abs() == 3
            } else {
                i >= 1 && (b1 + b2 + b).abs() >= 2
            };
            flags[i] = outside as u8 | ((b != 0) as u8 * CLOSE) | (window as u8 * WINDOW_ENDS);
            st_run = if prev_st == step { st_run + 1 } else { 1 };
            rtm_run = if prev_rtm == side { rtm_run + 1 } else { 1 };
            rtm[i] = side;
            st[i] = step;
            st_fwd[i] = st_run;
            rtm_fwd[i] = rtm_run;
            (prev, prev_st, prev_rtm) = (v, step, side);
            (b2, b1, r2, r1) = (b1, b, r1, side);
        }
    }

    pub(crate) fn rules(
        &mut self,
        y: &[f64],
        c: &spc::Centre,
        o: &SpcOptions,
        out: &mut Vec<Rule>,
    ) {
        self.forward(y, c, o);
        let n = y.len();
        let first = out.len();
        out.resize(first + n, Rule::CommonCause);
        let out = &mut out[first..];
        let (st, rtms, flags) = (&self.st[..n], &self.rtm[..n], &self.flags[..n]);
        let (st_fwd, rtm_fwd) = (&self.st_fwd[..n], &self.rtm_fwd[..n]);
        // A trend of k points is a run of k - 1 equal, nonzero steps.
        let need = o.trend_length.saturating_sub(1).max(1) as u32;
        let shift_len = o.shift_length.max(1) as u32;
        // Whether the trend rule names a point both it and the two-in-three rule flag.
        let trend_first = o.precedence == Precedence::TrendFirst;
        // Carried from point i + 1: backward run lengths, whether the step into i + 1 is part
        // of a trend, whether point i + 1 is in a trend, and the window-end bits of i + 1, i + 2.
        let (mut st_bwd, mut rtm_bwd) = (0u32, 0u32);
        let (mut step_after_trend, mut next_in_trend) = (false, false);
        let (mut win1, mut win2) = (false, false);
        // 2 is no step or side, so the last point starts its runs.
        let (mut next_step, mut next_rtm) = (2i8, 2i8);
        for i in (0..n).rev() {
            let (step, rtm, f) = (st[i], rtms[i], flags[i]);
            st_bwd = if next_step == step { st_bwd + 1 } else { 1 };
            rtm_bwd = if next_rtm == rtm { rtm_bwd + 1 } else { 1 };
            // Both counts include this point's own step (or side): the run is their sum less one.
            let (step_run, side_run) = (st_fwd[i] + st_bwd - 1, rtm_fwd[i] + rtm_bwd - 1);
            let step_before_trend = o.rules.trend && step != 0 && step_run >= need;
            let in_trend = step_before_trend | step_after_trend;
            let win0 = f & WINDOW_ENDS != 0;
            let up = rtm > 0;
            let trend_rule = || {
                let after = match o.trend_direction {
                    TrendDirection::StepAfter => next_in_trend,
                    TrendDirection::OwnTrend => step_after_trend,
                };
                let d = if after { next_step } else { step };
                if d == 1 {
                    Rule::TrendIncreasing
                } else {
                    Rule::TrendDecreasing
                }
            };
            let in_two = o.rules.two_in_three && f & CLOSE != 0 && (win0 | win1 | win2);
            let two_rule = || {
                if up {
                    Rule::TwoInThreeAbove
                } else {
                    Rule::TwoInThreeBelow
                }
            };
            out[i] = if o.rules.outside && f & OUTSIDE != 0 {
                if rtm == 1 {
                    Rule::AboveUcl
                } else {
                    Rule::BelowLcl
                }
            } else if in_trend && (trend_first || !in_two) {
                trend_rule()
            } else if in_two {
                two_rule()
            } else if o.rules.shift && rtm != 0 && side_run >= shift_len {
                if up {
                    Rule::ShiftAbove
                } else {
                    Rule::ShiftBelow
                }
            } else {
                Rule::CommonCause
            };
            (next_step, next_rtm) = (step, rtm);
            step_after_trend = step_before_trend;
            next_in_trend = in_trend;
            (win1, win2) = (win0, win1);
        }
    }
}

fn usage(message: String) -> Error {
    Error::new(ErrorKind::Usage, Location::file("columns"), message)
}

/// The first run whose key already had a run before it (the rows are not grouped), if any.
/// Sorted keys, the usual case, are checked in one pass; otherwise the runs are sorted by key
/// (no hashing: keys need only an order).
pub(crate) fn first_repeat<K: Ord>(keys: &[K]) -> Option<usize> {
    if keys.windows(2).all(|w| w[0] < w[1]) {
        return None;
    }
    let mut order: Vec<usize> = (0..keys.len()).collect();
    crate::num::sort_by(&mut order, |&a, &b| keys[a].cmp(&keys[b]).then(a.cmp(&b)));
    order
        .windows(2)
        .filter(|w| keys[w[0]] == keys[w[1]])
        .map(|w| w[1])
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_equals_series_by_series() {
        // Three series of different shapes, side by side in columns.
        let a: Vec<f64> = (0..20)
            .map(|i| if i % 2 == 0 { 10.0 } else { 12.0 })
            .collect();
        let mut b = a.clone();
        b[12] = 30.0;
        let c: Vec<f64> = (0..15).map(f64::from).collect();
        let mut ids = Vec::new();
        let mut vals = Vec::new();
        for (k, s) in [&a, &b, &c].iter().enumerate() {
            ids.extend(std::iter::repeat_n(k as u64, s.len()));
            vals.extend(s.iter());
        }
        let o = SpcOptions::default();
        let cols = spc(&ids, &vals, Polarity::HigherIsBetter, &o).unwrap();
        let mut row = 0;
        for (k, s) in [&a, &b, &c].iter().enumerate() {
            let one = spc::xmr(s, Polarity::HigherIsBetter, None, &[], &o);
            assert_eq!(cols.series[k], k as u64);
            assert_eq!(cols.upper[k], one.points[0].centre.limits.map(|l| l.upper));
            for p in &one.points {
                assert_eq!(cols.rule[row], p.rule);
                assert_eq!(cols.point_type[row], p.point_type);
                row += 1;
            }
        }
        assert_eq!(row, vals.len());
        // Spread back over the rows, each row carries its own series' limits.
        let upper = cols.per_point(&cols.upper);
        assert_eq!(upper.len(), vals.len());
        let (values, valid) = cols.per_point_values(&cols.upper);
        assert_eq!((values[20], valid), (cols.upper[1].unwrap(), None));
        assert_eq!(upper[20], cols.upper[1]);
        assert_eq!(upper[40], cols.upper[2]);
    }

    #[test]
    fn series_named_by_text_and_too_short_series() {
        // One point has no moving range, so no limits, and it is common cause; its mean is the
        // point (the reference's one-point case, ../shared/design/spc-reference-cases.json). Two points
        // 3, 5: mean 4, moving range 2, limits 4 +/- 2.66 x 2.
        let o = SpcOptions::default();
        let ids = ["E06000004", "E06000005", "E06000005"];
        let cols = spc(&ids, &[3.0, 3.0, 5.0], Polarity::Neutral, &o).unwrap();
        assert_eq!(cols.series, ["E06000004", "E06000005"]);
        assert_eq!(cols.points, [1, 2]);
        assert_eq!(cols.mean, [Some(3.0), Some(4.0)]);
        assert_eq!(cols.lower[0], None);
        assert_eq!(cols.upper[1], Some(4.0 + 2.66 * 2.0));
        assert_eq!(
            cols.per_point(&cols.lower)[..2],
            [None, Some(4.0 - 2.66 * 2.0)]
        );
        assert_eq!(cols.rule, [Rule::CommonCause; 3]);
        // Grouped but not sorted is fine; a series that comes back is not.
        let cols = spc(&["b", "b", "a"], &[1.0, 2.0, 3.0], Polarity::Neutral, &o).unwrap();
        assert_eq!((cols.series, cols.points), (vec!["b", "a"], vec![2, 1]));
        let e = spc(&["a", "b", "a"], &[1.0, 2.0, 3.0], Polarity::Neutral, &o).unwrap_err();
        assert!(
            e.to_string().contains("series 'a' appears again at row 3"),
            "{e}"
        );
    }

    use proptest::prelude::*;

    /// Any SPC options: trend and shift lengths around Making Data Count's 7, screening on or
    /// off, limits fixed after some points or not, either reading of the two-in-three rule and of a trend's direction, either precedence.
    fn any_options() -> impl Strategy<Value = SpcOptions> {
        (
            any::<bool>(),
            prop::option::of(2usize..20),
            2usize..10,
            2usize..10,
            any::<bool>(),
            prop::array::uniform4(any::<bool>()),
            prop::sample::select(vec![
                crate::model::options::Conflict::RuleOrder,
                crate::model::options::Conflict::Improvement,
                crate::model::options::Conflict::Concern,
            ]),
            prop::sample::select(vec![TwoInThree::WithinLimits, TwoInThree::BeyondWarning]),
            prop::sample::select(vec![TrendDirection::StepAfter, TrendDirection::OwnTrend]),
            prop::sample::select(vec![Precedence::TrendFirst, Precedence::TwoInThreeFirst]),
        )
            .prop_map(
                |(
                    screen_outliers,
                    fix_after,
                    trend_length,
                    shift_length,
                    exact,
                    on,
                    conflict,
                    two_in_three,
                    trend_direction,
                    precedence,
                )| {
                    SpcOptions {
                        screen_outliers,
                        fix_after,
                        trend_length,
                        shift_length,
                        limits: if exact {
                            crate::model::options::LimitWidth::Exact
                        } else {
                            crate::model::options::LimitWidth::Rounded
                        },
                        rules: crate::model::options::Rules {
                            outside: on[0],
                            trend: on[1],
                            two_in_three: on[2],
                            shift: on[3],
                        },
                        conflict,
                        two_in_three,
                        trend_direction,
                        precedence,
                    }
                },
            )
    }

    proptest! {
        /// The fast kernel (`Scratch::rules`, what batch scoring runs) equals the simple
        /// reference (`spc::rules`, what the scorecard's `xmr` runs) over every option and
        /// polarity, and with the series rebased: each rebase group gets its own limits and
        /// rules, as `xmr` gives them.
        #[test]
        fn kernel_equals_reference_over_every_option(
            y in prop::collection::vec(prop_oneof![
                -50.0f64..50.0,
                (0i32..5).prop_map(f64::from),
                // One-decimal figures: points exactly on R's mean, flat stretches, and
                // screening that collapses the limits.
                (0i32..4).prop_map(|v| f64::from(v) / 10.0),
            ], 1..60),
            o in any_options(),
            cuts in prop::collection::vec(1usize..60, 0..3),
            polarity in prop::sample::select(vec![
                Polarity::HigherIsBetter, Polarity::LowerIsBetter, Polarity::Neutral,
            ]),
        ) {
            let mut starts: Vec<usize> = std::iter::once(0)
                .chain(cuts.iter().copied().filter(|&c| c < y.len()))
                .collect();
            starts.sort_unstable();
            starts.dedup();
            let reference = spc::xmr(&y, polarity, None, &starts[1..], &o);
            let mut scratch = Scratch::default();
            let mut kernel = Vec::new();
            for (g, &s) in starts.iter().enumerate() {
                let group = &y[s..starts.get(g + 1).copied().unwrap_or(y.len())];
                let mut out = Vec::new();
                let c = spc::centre(group, &o).unwrap();
                scratch.rules(group, &c, &o, &mut out);
                prop_assert_eq!(&out, &spc::rules(group, &c, &o));
                spc::resolve_conflicts(group, c.mean, |_| c.limits, &o, polarity, &mut out);
                kernel.extend(out);
            }
            let rules: Vec<Rule> = reference.points.iter().map(|p| p.rule).collect();
            prop_assert_eq!(&kernel, &rules);
            // And the batch columns, for the series without rebasing.
            if starts.len() == 1 {
                let cols = spc(&vec![1u8; y.len()], &y, polarity, &o).unwrap();
                prop_assert_eq!(cols.rule, rules);
                let types: Vec<PointType> = reference.points.iter().map(|p| p.point_type).collect();
                prop_assert_eq!(cols.point_type, types);
            }
        }

        /// Resolving conflicts only ever changes which way a flagged point counts: a point stays
        /// common cause or special cause as the rules in their order say, and preferring
        /// improvement (concern) never leaves fewer improvement (concern) points.
        #[test]
        fn conflicts_change_only_the_direction(
            y in prop::collection::vec(prop_oneof![-50.0f64..50.0, (0i32..5).prop_map(f64::from)], 1..60),
            o in any_options(),
            polarity in prop::sample::select(vec![Polarity::HigherIsBetter, Polarity::LowerIsBetter]),
        ) {
            use crate::model::options::Conflict;
            let order = SpcOptions { conflict: Conflict::RuleOrder, ..o.clone() };
            let base = spc::xmr(&y, polarity, None, &[], &order);
            let got = spc::xmr(&y, polarity, None, &[], &o);
            let count = |s: &spc::Spc, t: PointType| s.points.iter().filter(|p| p.point_type == t).count();
            for (a, b) in base.points.iter().zip(&got.points) {
                prop_assert_eq!(a.rule == Rule::CommonCause, b.rule == Rule::CommonCause);
            }
            match o.conflict {
                Conflict::RuleOrder => prop_assert_eq!(&base.points, &got.points),
                Conflict::Improvement => prop_assert!(count(&got, PointType::SpecialCauseImprovement) >= count(&base, PointType::SpecialCauseImprovement)),
                Conflict::Concern => prop_assert!(count(&got, PointType::SpecialCauseConcern) >= count(&base, PointType::SpecialCauseConcern)),
            }
        }

        /// The one-pass batch rules equal the series-by-series rules on any series (small
        /// integers among the values make ties and points on the mean common).
        #[test]
        fn batch_rules_equal_xmr(y in prop::collection::vec(prop_oneof![-50.0f64..50.0, (0i32..5).prop_map(f64::from)], 1..60)) {
            let o = SpcOptions::default();
            let ids = vec![7u64; y.len()];
            let cols = spc(&ids, &y, Polarity::LowerIsBetter, &o).unwrap();
            let one = spc::xmr(&y, Polarity::LowerIsBetter, None, &[], &o);
            let rules: Vec<Rule> = one.points.iter().map(|p| p.rule).collect();
            prop_assert_eq!(cols.rule, rules);
        }
    }

    #[test]
    fn ungrouped_rows_and_bad_values_are_errors() {
        let o = SpcOptions::default();
        let e = spc(&[1, 1, 2, 1], &[1.0, 2.0, 3.0, 4.0], Polarity::Neutral, &o).unwrap_err();
        assert!(
            e.to_string().contains("series '1' appears again at row 4"),
            "{e}"
        );
        let e = spc(&[1, 1], &[1.0, f64::NAN], Polarity::Neutral, &o).unwrap_err();
        assert_eq!(
            e.to_string(),
            "values, row 2: field \"value\": the value is not a finite number"
        );
        assert!(spc(&[1], &[1.0, 2.0], Polarity::Neutral, &o).is_err());
    }

    /// Split across threads, the same columns as in one thread: 2,000 series of 20 points
    /// (40,000 rows, several chunks), keys grouped but not sorted, values from a fixed LCG.
    #[cfg(feature = "parallel")]
    #[test]
    fn parallel_equals_sequential() {
        let mut x: u64 = 20_261_125;
        let mut next = || {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (x >> 33) as f64 / 1e6
        };
        let (mut ids, mut vals) = (Vec::new(), Vec::new());
        for s in 0..2000u64 {
            for _ in 0..20 {
                ids.push((s * 7919) % 2000);
                vals.push(next());
            }
        }
        let o = SpcOptions::default();
        let one = spc(&ids, &vals, Polarity::LowerIsBetter, &o).unwrap();
        let many = par_spc(&ids, &vals, Polarity::LowerIsBetter, &o).unwrap();
        assert_eq!(one, many);
        assert!(one.rule.iter().any(|&r| r != Rule::CommonCause));
        // A series that comes back far away (another chunk) is still an error.
        ids[39_999] = ids[0];
        let e = par_spc(&ids, &vals, Polarity::Neutral, &o).unwrap_err();
        assert!(e.to_string().contains("appears again at row 40000"), "{e}");
    }
}
