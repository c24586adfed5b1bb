//! Comparators: named series per measure (England, the region, statistical neighbours, any
//! area), and groups of areas for quartiles.

use crate::error::{Error, ErrorKind, Errors, RowSource};
use crate::input::observations;
use crate::input::table::{self, Table};
use crate::model::comparator::ComparatorValue;
use crate::model::definition::Analysis;
use crate::model::measure::Measure;
use crate::model::period::Period;

/// The name of the comparator holding the statistical neighbours' mean.
pub const NEIGHBOURS: &str = "Statistical neighbours";

pub const REQUIRED: &[&str] = &["measure", "period", "comparator", "value"];
pub const OPTIONAL: &[&str] = &["group", "code", "note"];

/// Reads the rows of `src` (a CSV file, records or a workbook's sheet), each measure found
/// through `find`.
pub fn parse<'m>(
    src: &table::Source,
    find: &dyn Fn(&str) -> Option<&'m Measure>,
) -> Result<Vec<ComparatorValue>, Errors> {
    parse_table(&src.read(REQUIRED, OPTIONAL)?, find)
}

fn parse_table<'m>(
    t: &Table,
    find: &dyn Fn(&str) -> Option<&'m Measure>,
) -> Result<Vec<ComparatorValue>, Errors> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for row in &t.rows {
        let err = |kind, field: &str, msg: String| Error::new(kind, t.at(row, field), msg);
        let (measure, period) = observations::measure_and_period(t, row, find, &mut errors);
        let name = t.get(row, "comparator");
        if name.is_none() {
            errors.push(err(
                ErrorKind::Data,
                "comparator",
                "the comparator name is empty".into(),
            ));
        }
        let value = match t.get(row, "value").map(table::number) {
            Some(Ok(v)) => Some(v),
            Some(Err(msg)) => {
                errors.push(err(ErrorKind::Data, "value", msg));
                None
            }
            None => {
                errors.push(err(
                    ErrorKind::Data,
                    "value",
                    "the value is empty: leave out rows with no figure".into(),
                ));
                None
            }
        };
        if let (Some(m), Some(period), Some(name), Some(value)) = (measure, period, name, value) {
            out.push(ComparatorValue {
                measure: m.id.clone(),
                period,
                comparator: name.to_string(),
                group: t.get(row, "group").map(str::to_string),
                value,
                codes: t.get(row, "code").map(str::to_string).into_iter().collect(),
                source: t.source(row),
            });
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(Errors(errors))
    }
}

/// The `Statistical neighbours` comparator of a published table: for each period of `m` that any
/// of `analysis`'s neighbours (by name or code) has a figure for in `rows`, their mean as LAIT
/// computes it (R's `mean()` of the figures given). The one rule, for every table format.
pub fn neighbours(
    m: &Measure,
    analysis: &Analysis,
    rows: &[ComparatorValue],
) -> Vec<ComparatorValue> {
    if analysis.statistical_neighbours.is_empty() {
        return Vec::new();
    }
    let mut by_period: Vec<(Period, Vec<f64>, RowSource)> = Vec::new();
    for c in rows
        .iter()
        .filter(|c| c.measure == m.id && analysis.is_neighbour(c))
    {
        match by_period.iter_mut().find(|(p, _, _)| *p == c.period) {
            Some((_, values, _)) => values.push(c.value),
            None => by_period.push((c.period, vec![c.value], c.source.clone())),
        }
    }
    crate::num::sort_by_key(&mut by_period, |(p, _, _)| *p);
    by_period
        .into_iter()
        .map(|(period, values, source)| ComparatorValue {
            measure: m.id.clone(),
            period,
            comparator: NEIGHBOURS.to_string(),
            group: None,
            value: crate::stats::r_mean(&values),
            codes: Vec::new(),
            source,
        })
        .collect()
}
