//! Scoring many series at once from columns, without building an object per observation:
//! SPC (XmR limits and the four rules) for every point of every series, written to columns.
//! The figures are those of [`crate::spc::xmr`], series by series (a test checks it).

use crate::error::{Error, ErrorKind, Location};
use crate::measure::Polarity;
use crate::spc::{self, PointType, Rule, SpcOptions};

/// One row per input point, in input order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SpcColumns {
    pub mean: Vec<Option<f64>>,
    pub lower: Vec<Option<f64>>,
    pub upper: Vec<Option<f64>>,
    pub rule: Vec<Rule>,
    pub point_type: Vec<PointType>,
}

/// SPC of every series in `values`, where `series[i]` names the series of `values[i]`. Each
/// series' points must be contiguous and in time order; a series id that reappears after
/// another series is an error (the rows are not grouped).
pub fn spc(
    series: &[u64],
    values: &[f64],
    polarity: Polarity,
    o: &SpcOptions,
) -> Result<SpcColumns, Error> {
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
        mean: Vec::with_capacity(n),
        lower: Vec::with_capacity(n),
        upper: Vec::with_capacity(n),
        rule: Vec::with_capacity(n),
        point_type: Vec::with_capacity(n),
    };
    let mut seen = std::collections::HashSet::new();
    let mut start = 0;
    while start < n {
        let id = series[start];
        let end = series[start..]
            .iter()
            .position(|&s| s != id)
            .map_or(n, |k| start + k);
        if !seen.insert(id) {
            return Err(usage(format!(
                "series {id} appears again at row {}: sort the rows by series, then time",
                start + 1
            )));
        }
        let y = &values[start..end];
        let limits = spc::limits(y, o);
        for (rule, _) in spc::rules_for(y, limits.as_ref(), o).into_iter().zip(y) {
            out.mean.push(limits.map(|l| l.mean));
            out.lower.push(limits.map(|l| l.lower));
            out.upper.push(limits.map(|l| l.upper));
            out.point_type.push(spc::point_type(rule, polarity));
            out.rule.push(rule);
        }
        start = end;
    }
    Ok(out)
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
        for s in [&a, &b, &c] {
            let one = spc::xmr(s, Polarity::HigherIsBetter, None, &[], &o);
            for p in &one.points {
                assert_eq!(cols.rule[row], p.rule);
                assert_eq!(cols.point_type[row], p.point_type);
                assert_eq!(cols.upper[row], p.limits.map(|l| l.upper));
                row += 1;
            }
        }
        assert_eq!(row, vals.len());
    }

    #[test]
    fn ungrouped_rows_and_bad_values_are_errors() {
        let o = SpcOptions::default();
        let e = spc(&[1, 1, 2, 1], &[1.0, 2.0, 3.0, 4.0], Polarity::Neutral, &o).unwrap_err();
        assert!(
            e.to_string().contains("series 1 appears again at row 4"),
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
