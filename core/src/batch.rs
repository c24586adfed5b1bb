//! Scoring many series at once from columns, without building an object per observation:
//! SPC (XmR limits and the four rules) for every point of every series, written to columns.
//! The figures are those of [`crate::spc::xmr`], series by series (a test checks it).

use std::fmt::Display;
use std::hash::Hash;

use crate::error::{Error, ErrorKind, Location};
use crate::measure::Polarity;
use crate::spc::{self, PointType, Rule, SpcOptions};

/// The limits once per series (in order of first appearance), and each point's rule and type
/// in input order. `K` is the series key: an integer id or a borrowed name.
#[derive(Debug, Clone, PartialEq)]
pub struct SpcColumns<K> {
    pub series: Vec<K>,
    /// How many points each series has, so per-series columns can be spread over the rows.
    pub points: Vec<usize>,
    pub mean: Vec<Option<f64>>,
    pub lower: Vec<Option<f64>>,
    pub upper: Vec<Option<f64>>,
    pub rule: Vec<Rule>,
    pub point_type: Vec<PointType>,
}

/// SPC of every series in `values`, where `series[i]` names the series of `values[i]`. Each
/// series' points must be contiguous and in time order; a series id that reappears after
/// another series is an error (the rows are not grouped).
pub fn spc<K: Copy + Eq + Hash + Display>(
    series: &[K],
    values: &[f64],
    polarity: Polarity,
    o: &SpcOptions,
) -> Result<SpcColumns<K>, Error> {
    if series.len() != values.len() {
        return Err(usage(format!(
            "{} series ids for {} values",
            series.len(),
            values.len()
        )));
    }
    if let Some(i) = values.iter().position(|v| !v.is_finite()) {
        return Err(Error::new(
            ErrorKind::Data,
            Location {
                file: "values".into(),
                line: None,
                row: Some(i + 1),
                field: Some("value".into()),
            },
            "the value is not a finite number",
        ));
    }
    let n = values.len();
    let mut out = SpcColumns {
        series: Vec::new(),
        points: Vec::new(),
        mean: Vec::new(),
        lower: Vec::new(),
        upper: Vec::new(),
        rule: Vec::with_capacity(n),
        point_type: Vec::with_capacity(n),
    };
    let mut seen = std::collections::HashSet::new();
    let mut scratch = Scratch::default();
    let mut start = 0;
    while start < n {
        let id = series[start];
        let end = series[start..]
            .iter()
            .position(|&s| s != id)
            .map_or(n, |k| start + k);
        if !seen.insert(id) {
            return Err(usage(format!(
                "series '{id}' appears again at row {}: sort the rows by series, then time",
                start + 1
            )));
        }
        let y = &values[start..end];
        let limits = spc::limits(y, o);
        let first = out.rule.len();
        match &limits {
            Some(l) => scratch.rules(y, l, o, &mut out.rule),
            None => out
                .rule
                .extend(std::iter::repeat_n(Rule::CommonCause, y.len())),
        }
        for &rule in &out.rule[first..] {
            out.point_type.push(spc::point_type(rule, polarity));
        }
        out.series.push(id);
        out.points.push(end - start);
        out.mean.push(limits.map(|l| l.mean));
        out.lower.push(limits.map(|l| l.lower));
        out.upper.push(limits.map(|l| l.upper));
        start = end;
    }
    Ok(out)
}

impl<K> SpcColumns<K> {
    /// A per-series column (`mean`, `lower`, `upper`) spread to one value per input row.
    pub fn per_point(&self, column: &[Option<f64>]) -> Vec<Option<f64>> {
        let mut out = Vec::with_capacity(self.rule.len());
        for (&value, &points) in column.iter().zip(&self.points) {
            out.extend(std::iter::repeat_n(value, points));
        }
        out
    }
}

/// Buffers reused from series to series, and the rules computed in one pass over runs rather
/// than by re-scanning windows: a point is in a trend (or a shift) exactly when it lies in a
/// maximal run of equal steps (or sides) long enough to hold one. Same flags as
/// [`spc::rules_for`]; a property test holds them equal.
#[derive(Default)]
struct Scratch {
    rtm: Vec<i8>,
    close: Vec<bool>,
    outside: Vec<bool>,
    steps: Vec<i8>,
    trend: Vec<bool>,
    shift: Vec<bool>,
}

fn sign(x: f64) -> i8 {
    (x > 0.0) as i8 - (x < 0.0) as i8
}

impl Scratch {
    fn rules(&mut self, y: &[f64], l: &spc::Limits, o: &SpcOptions, out: &mut Vec<Rule>) {
        let n = y.len();
        for v in [
            &mut self.close,
            &mut self.outside,
            &mut self.trend,
            &mut self.shift,
        ] {
            v.clear();
            v.resize(n, false);
        }
        self.rtm.clear();
        self.steps.clear();
        for (i, &v) in y.iter().enumerate() {
            self.rtm.push(sign(v - l.mean));
            let out = v > l.upper || v < l.lower;
            self.outside[i] = out;
            self.close[i] = !out && (v < l.near_lower || v > l.near_upper);
            if i > 0 {
                self.steps.push(sign(v - y[i - 1]));
            }
        }
        // Trend: a maximal run of k equal, nonzero steps covers k + 1 points.
        let need = o.trend_length.saturating_sub(1).max(1);
        let mut a = 0;
        while a < self.steps.len() {
            let d = self.steps[a];
            let b = self.steps[a..]
                .iter()
                .position(|&x| x != d)
                .map_or(self.steps.len(), |k| a + k);
            if d != 0 && b - a >= need {
                self.trend[a..=b].iter_mut().for_each(|t| *t = true);
            }
            a = b;
        }
        // Shift: a maximal run of points on one side of the mean.
        let mut a = 0;
        while a < n {
            let r = self.rtm[a];
            let b = self.rtm[a..]
                .iter()
                .position(|&x| x != r)
                .map_or(n, |k| a + k);
            if r != 0 && b - a >= o.shift_length.max(1) {
                self.shift[a..b].iter_mut().for_each(|t| *t = true);
            }
            a = b;
        }
        let window = |s: usize| {
            let near = self.close[s] as u8 + self.close[s + 1] as u8 + self.close[s + 2] as u8;
            let side = self.rtm[s] + self.rtm[s + 1] + self.rtm[s + 2];
            near >= 2 && side.abs() == 3
        };
        for i in 0..n {
            let rule = if self.outside[i] {
                if self.rtm[i] == 1 {
                    Rule::AboveUcl
                } else {
                    Rule::BelowLcl
                }
            } else if self.trend[i] {
                let d = if i + 1 < n && self.trend[i + 1] {
                    self.steps[i]
                } else if i > 0 {
                    self.steps[i - 1]
                } else {
                    0
                };
                if d == 1 {
                    Rule::TrendIncreasing
                } else {
                    Rule::TrendDecreasing
                }
            } else if self.close[i]
                && (i.saturating_sub(2)..=i).any(|s| s + 2 < n && s + 2 >= i && window(s))
            {
                if self.rtm[i] > 0 {
                    Rule::TwoInThreeAbove
                } else {
                    Rule::TwoInThreeBelow
                }
            } else if self.shift[i] {
                if self.rtm[i] > 0 {
                    Rule::ShiftAbove
                } else {
                    Rule::ShiftBelow
                }
            } else {
                Rule::CommonCause
            };
            out.push(rule);
        }
    }
}

fn usage(message: String) -> Error {
    Error::new(ErrorKind::Usage, Location::file("columns"), message)
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
            assert_eq!(cols.upper[k], one.points[0].limits.map(|l| l.upper));
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
        assert_eq!(upper[20], cols.upper[1]);
        assert_eq!(upper[40], cols.upper[2]);
    }

    #[test]
    fn series_named_by_text_and_too_short_series() {
        // One point has no moving range, so no limits, and it is common cause. Two points
        // 3, 5: mean 4, moving range 2, limits 4 +/- 2.66 x 2.
        let o = SpcOptions::default();
        let ids = ["E06000004", "E06000005", "E06000005"];
        let cols = spc(&ids, &[3.0, 3.0, 5.0], Polarity::Neutral, &o).unwrap();
        assert_eq!(cols.series, ["E06000004", "E06000005"]);
        assert_eq!(cols.points, [1, 2]);
        assert_eq!(cols.mean, [None, Some(4.0)]);
        assert_eq!(cols.upper[1], Some(4.0 + 2.66 * 2.0));
        assert_eq!(
            cols.per_point(&cols.lower)[..2],
            [None, Some(4.0 - 2.66 * 2.0)]
        );
        assert_eq!(cols.rule, [Rule::CommonCause; 3]);
        let e = spc(&["a", "b", "a"], &[1.0, 2.0, 3.0], Polarity::Neutral, &o).unwrap_err();
        assert!(
            e.to_string().contains("series 'a' appears again at row 3"),
            "{e}"
        );
    }

    use proptest::prelude::*;

    proptest! {
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
}
