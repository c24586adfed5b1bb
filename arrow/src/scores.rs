//! `score_table`: the area, measure and period columns become the
//! core's codes (`batch::codes`), the value column a slice, and the core's scores
//! (`batch::Plan::par_score`) Arrow columns. No figure is computed here.

use std::borrow::Cow;
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::{Float64Type, UInt32Type};
use arrow_array::{
    Array, ArrayRef, BooleanArray, DictionaryArray, Float64Array, RecordBatch, StringArray,
    UInt32Array,
};
use arrow_schema::{DataType, Field, Schema};
use betteroff::batch::codes::{self, Codes};
use betteroff::batch::{icon_counts, By};
use betteroff::batch::{Plan, Rows, Scores, BANDS};
use betteroff::spc::{Assurance, PointType, Rule, VariationIcon};
use betteroff::Comparison;
use betteroff::Definition;
use betteroff::{Errors, Period, Status};

use crate::spc::{arrow, cast, column, dictionary, first_null, one, usage};

/// Which columns hold what, and what to return.
pub struct Request<'a> {
    /// The table's name in messages (a file's path; `table` in Python).
    pub table: &'a str,
    /// The comparators table's name in messages.
    pub comparators: &'a str,
    pub area: &'a str,
    pub measure: &'a str,
    pub period: &'a str,
    pub value: &'a str,
    pub as_of: Option<Period>,
    /// One row per input row with its SPC rule, instead of one row per series.
    pub points: bool,
    /// The batch matrix of icons instead (one row per measure or per area:
    /// `betteroff::batch::icon_counts`); not with `points`.
    pub summary: Option<By>,
    /// Disclosure control (docs/disclosure.md); off only for internal use.
    pub disclosure_control: bool,
}

pub fn score_table(
    batch: &RecordBatch,
    comparators: Option<&RecordBatch>,
    def: &Definition,
    r: &Request<'_>,
) -> Result<RecordBatch, Errors> {
    let mut plan = Plan::new(def)?;
    if !r.disclosure_control {
        plan = plan.without_disclosure_control();
    }
    if let Some(c) = comparators {
        plan = named(plan, c).map_err(|e| relocate(e, r.comparators, |_| None))?;
    }
    rows(batch, &plan, r).map_err(|e| {
        relocate(e, r.table, |f| match f {
            "area" => Some(r.area),
            "measure" => Some(r.measure),
            "period" => Some(r.period),
            "value" => Some(r.value),
            _ => None,
        })
    })
}

/// A problem the core found in a table, named as the caller knows it: the table's name for the
/// core's own (`table`, `columns`, `comparators`, `argument`), and the caller's column names.
fn relocate<'f>(errors: Errors, name: &str, field: impl Fn(&str) -> Option<&'f str>) -> Errors {
    errors.map_locations(|at| {
        if matches!(
            at.file.as_str(),
            "table" | "columns" | "comparators" | "argument"
        ) {
            at.file = name.to_string();
            if let Some(f) = at.field.as_mut() {
                if let Some(named) = field(f) {
                    *f = named.to_string();
                }
            }
        }
    })
}

/// The table's columns as the core's rows, scored.
fn rows(batch: &RecordBatch, plan: &Plan<'_>, r: &Request<'_>) -> Result<RecordBatch, Errors> {
    let (area_col, measure_col) = (column(batch, r.area)?, column(batch, r.measure)?);
    let (period_col, value_col) = (column(batch, r.period)?, column(batch, r.value)?);
    let area = areas(&area_col, r.area)?;
    let (measure, measures) = coded(&measure_col, r.measure, |id| {
        plan.code(id)
            .ok_or_else(|| format!("the scorecard has no measure '{id}'"))
    })?;
    let (period, periods) = coded(&period_col, r.period, |p| {
        p.parse::<Period>().map_err(|e| e.to_string())
    })?;
    let value = values(&value_col, r.value)?;
    let rows = Rows {
        area: &area,
        measure: &measure,
        measures: &measures,
        period: &period,
        periods: &periods,
        value: &value,
    };
    let scores = plan.par_score(&rows, r.as_of).map_err(one)?;
    let cols = Inputs {
        area: area_col,
        measure: measure_col,
        period: period_col,
        value: value_col,
    };
    match (r.points, r.summary) {
        (true, Some(_)) => Err(usage(
            "points and summary are two different tables: ask for one".into(),
        )),
        (true, None) => points(r, cols, &scores),
        (false, Some(by)) => summary(r, &cols, &scores, by),
        (false, None) => series(r, &cols, scores, &periods),
    }
}

/// Named comparators' figures from a table with the columns of comparators.csv (measure,
/// period, comparator, value), added to the plan.
fn named<'d>(plan: Plan<'d>, batch: &RecordBatch) -> Result<Plan<'d>, Errors> {
    let (measure, period) = (column(batch, "measure")?, column(batch, "period")?);
    let (name, value) = (column(batch, "comparator")?, column(batch, "value")?);
    let (m_keys, m_codes) = coded(&measure, "measure", |id| {
        plan.code(id)
            .ok_or_else(|| format!("the scorecard has no measure '{id}'"))
    })?;
    let (p_keys, periods) = coded(&period, "period", |p| {
        p.parse::<Period>().map_err(|e| e.to_string())
    })?;
    let (n_keys, names) = coded(&name, "comparator", |t| Ok(t.to_string()))?;
    let value = values(&value, "value")?;
    let figures = (0..n_keys.len()).map(|i| {
        (
            m_codes[m_keys[i] as usize],
            periods[p_keys[i] as usize],
            names[n_keys[i] as usize].as_str(),
            value[i],
        )
    });
    plan.with_comparators(figures).map_err(one)
}

/// The input columns, returned as they came.
struct Inputs {
    area: ArrayRef,
    measure: ArrayRef,
    period: ArrayRef,
    value: ArrayRef,
}

/// Areas named by whole numbers are their own codes (borrowed when they are u32); areas named
/// by text are coded (a dictionary's keys are codes already).
fn areas<'a>(a: &'a ArrayRef, name: &str) -> Result<Cow<'a, [u32]>, Errors> {
    if !a.data_type().is_integer() {
        return Ok(coded(a, name, |_| Ok(()))?.0);
    }
    let ints = cast(a, &DataType::UInt32, name)?;
    if let Some(row) = first_null(ints.as_ref()) {
        return Err(usage(format!(
            "column '{name}', row {row}: an area number must be 0 to 4294967295, not missing"
        )));
    }
    Ok(match a.as_primitive_opt::<UInt32Type>() {
        Some(u) => Cow::Borrowed(u.values()),
        None => Cow::Owned(ints.as_primitive::<UInt32Type>().values().to_vec()),
    })
}

/// A text column as each row's code and the value read from each code's text: a dictionary's
/// keys (borrowed when they are u32) and its texts read once, or plain text coded by the core.
fn coded<'a, T: Clone>(
    a: &'a ArrayRef,
    name: &str,
    read: impl Fn(&str) -> Result<T, String>,
) -> Result<(Cow<'a, [u32]>, Vec<T>), Errors> {
    let plain = |c: Result<Codes<T>, betteroff::Error>| {
        c.map(|c| (Cow::Owned(c.codes), c.values)).map_err(one)
    };
    match a.data_type() {
        DataType::Dictionary(_, _) => {
            let d = a.as_any_dictionary();
            if let Some(row) = first_null(d.keys()) {
                return Err(usage(format!(
                    "column '{name}', row {row}: the value is missing"
                )));
            }
            let keys: Cow<'a, [u32]> = match d.keys().as_primitive_opt::<UInt32Type>() {
                Some(k) => Cow::Borrowed(k.values()),
                None => {
                    let k = arrow_cast::cast(d.keys(), &DataType::UInt32).map_err(arrow)?;
                    Cow::Owned(k.as_primitive::<UInt32Type>().values().to_vec())
                }
            };
            let texts = cast(d.values(), &DataType::Utf8, name)?;
            let texts: Vec<&str> = texts
                .as_string::<i32>()
                .iter()
                .map(|t| t.unwrap_or(""))
                .collect();
            let values = codes::read_dictionary(&keys, &texts, name, read).map_err(one)?;
            Ok((keys, values))
        }
        DataType::Utf8 => plain(codes::from_texts(a.as_string::<i32>().iter(), name, read)),
        DataType::LargeUtf8 => plain(codes::from_texts(a.as_string::<i64>().iter(), name, read)),
        DataType::Utf8View => plain(codes::from_texts(a.as_string_view().iter(), name, read)),
        t => Err(usage(format!(
            "column '{name}' is {t}: it must hold text (plain or dictionary-encoded)"
        ))),
    }
}

/// The figures as f64, borrowed when they already are and none is null; a null is a missing
/// figure (NaN for the core).
fn values<'a>(a: &'a ArrayRef, name: &str) -> Result<Cow<'a, [f64]>, Errors> {
    if !a.data_type().is_numeric() {
        return Err(usage(format!(
            "column '{name}' is {}: values must be numbers",
            a.data_type()
        )));
    }
    if a.data_type() == &DataType::Float64 && a.null_count() == 0 {
        return Ok(Cow::Borrowed(a.as_primitive::<Float64Type>().values()));
    }
    let f = cast(a, &DataType::Float64, name)?;
    let f = f.as_primitive::<Float64Type>();
    Ok(Cow::Owned(
        f.iter().map(|v| v.unwrap_or(f64::NAN)).collect(),
    ))
}

/// One row per input row: the input columns, then each row's SPC rule and point type (null for
/// a missing figure or a series too short for SPC).
fn points(r: &Request<'_>, c: Inputs, s: &Scores) -> Result<RecordBatch, Errors> {
    let rule = dictionary(
        s.rule.iter().map(|x| x.map(Rule::code)).collect(),
        Rule::BY_CODE.map(Rule::key).to_vec(),
    )?;
    let point_type = dictionary(
        s.point_type
            .iter()
            .map(|x| x.map(PointType::code))
            .collect(),
        PointType::BY_CODE.map(PointType::key).to_vec(),
    )?;
    let fields = [
        (r.area, c.area),
        (r.measure, c.measure),
        (r.period, c.period),
        (r.value, c.value),
        ("rule", rule),
        ("point_type", point_type),
    ];
    table(
        fields
            .into_iter()
            .map(|(n, a)| (n.to_string(), a))
            .collect(),
    )
}

/// One row per series: its area and measure as given, then every score, each core column moved
/// into an Arrow array. Texts from a short list (periods, status, comparison, band) are
/// dictionary-encoded: no string per row.
fn series(
    r: &Request<'_>,
    c: &Inputs,
    s: Scores,
    periods: &[Period],
) -> Result<RecordBatch, Errors> {
    let x = s.series;
    let first = UInt32Array::from_iter_values(x.rows.iter().map(|rows| rows.start as u32));
    let take = |a: &ArrayRef| arrow_select::take::take(a, &first, None).map_err(arrow);
    let f = |v: Vec<Option<f64>>| Arc::new(Float64Array::from(v)) as ArrayRef;
    let b = |v: Vec<Option<bool>>| Arc::new(BooleanArray::from(v)) as ArrayRef;
    let n = |v: Vec<Option<usize>>| {
        Arc::new(UInt32Array::from_iter(
            v.into_iter().map(|n| n.map(|n| n as u32)),
        )) as ArrayRef
    };
    let comparison = x.comparison_codes();
    let status = x.status_codes();
    let band = x.band_codes();
    let variation_icon = x.variation_icon_codes();
    let assurance = x.assurance_codes();
    let columns: Vec<(&str, ArrayRef)> = vec![
        (r.area, take(&c.area)?),
        (r.measure, take(&c.measure)?),
        ("period", period_codes(x.period, periods)?),
        ("value", f(x.value)),
        ("baseline_period", baseline_periods(&x.baseline_period)?),
        ("baseline", f(x.baseline)),
        ("target", f(x.target)),
        (
            "comparison",
            dictionary(
                comparison,
                Comparison::BY_CODE.map(Comparison::key).to_vec(),
            )?,
        ),
        ("judged", f(x.judged)),
        ("expected", f(x.expected)),
        ("progress_pct", f(x.progress_pct)),
        (
            "status",
            dictionary(status, Status::ALL.map(Status::key).to_vec())?,
        ),
        ("spc_mean", f(x.spc_mean)),
        ("spc_lower", f(x.spc_lower)),
        ("spc_upper", f(x.spc_upper)),
        (
            "variation_icon",
            dictionary(
                variation_icon,
                VariationIcon::ALL.map(VariationIcon::key).to_vec(),
            )?,
        ),
        (
            "assurance",
            dictionary(assurance, Assurance::ALL.map(Assurance::key).to_vec())?,
        ),
        ("forecast_points", n(x.forecast_points)),
        ("slope_per_year", f(x.slope_per_year)),
        ("forecast_at_due", f(x.at_due)),
        ("reachable", b(x.reachable)),
        ("baseline_forecast", f(x.baseline_forecast)),
        ("turned", b(x.turned)),
        (
            "benchmark_period",
            period_codes(x.benchmark_period, periods)?,
        ),
        ("benchmark_value", f(x.benchmark_value)),
        ("q1", f(x.q1)),
        ("median", f(x.median)),
        ("q3", f(x.q3)),
        ("band", dictionary(band, BANDS.to_vec())?),
        ("rank", n(x.rank)),
        ("areas", n(x.areas)),
    ];
    table(
        columns
            .into_iter()
            .map(|(n, a)| (n.to_string(), a))
            .collect(),
    )
}

/// The batch matrix: one row per measure (or area), named as the input names it, then how many
/// of its series have each variation icon, none, each assurance icon, none.
fn summary(r: &Request<'_>, c: &Inputs, s: &Scores, by: By) -> Result<RecordBatch, Errors> {
    let counts = icon_counts(&s.series, by);
    let first =
        UInt32Array::from_iter_values(counts.iter().map(|k| s.series.rows[k.first].start as u32));
    let (name, col) = match by {
        By::Measure => (r.measure, &c.measure),
        By::Area => (r.area, &c.area),
    };
    let key = arrow_select::take::take(col, &first, None).map_err(arrow)?;
    let n = |f: &dyn Fn(&betteroff::batch::IconCounts) -> usize| {
        Arc::new(UInt32Array::from_iter_values(
            counts
                .iter()
                .map(|k| u32::try_from(f(k)).unwrap_or(u32::MAX)),
        )) as ArrayRef
    };
    let mut columns: Vec<(String, ArrayRef)> =
        vec![(name.to_string(), key), ("series".into(), n(&|k| k.series))];
    for (i, v) in VariationIcon::ALL.iter().enumerate() {
        columns.push((v.key().to_string(), n(&|k| k.variation[i])));
    }
    columns.push(("no_spc".into(), n(&|k| k.no_spc)));
    for (i, a) in Assurance::ALL.iter().enumerate() {
        columns.push((a.key().to_string(), n(&|k| k.assurance[i])));
    }
    columns.push(("no_assurance".into(), n(&|k| k.no_assurance)));
    table(columns)
}

/// A period column as a dictionary over the input's periods.
fn period_codes(codes: Vec<Option<u32>>, periods: &[Period]) -> Result<ArrayRef, Errors> {
    let texts = StringArray::from_iter_values(periods.iter().map(Period::to_string));
    let d = DictionaryArray::<UInt32Type>::try_new(UInt32Array::from(codes), Arc::new(texts))
        .map_err(arrow)?;
    Ok(Arc::new(d))
}

/// The baseline periods (stated in the definition or observed) as a dictionary of the distinct
/// ones.
fn baseline_periods(baseline: &[Option<Period>]) -> Result<ArrayRef, Errors> {
    let mut code: std::collections::HashMap<Period, u32> = std::collections::HashMap::new();
    let mut distinct = Vec::new();
    let codes = baseline
        .iter()
        .map(|p| {
            let p = (*p)?;
            Some(*code.entry(p).or_insert_with(|| {
                distinct.push(p);
                distinct.len() as u32 - 1
            }))
        })
        .collect();
    period_codes(codes, &distinct)
}

fn table(columns: Vec<(String, ArrayRef)>) -> Result<RecordBatch, Errors> {
    let schema = Arc::new(Schema::new(
        columns
            .iter()
            .map(|(n, a)| Field::new(n, a.data_type().clone(), a.null_count() > 0))
            .collect::<Vec<_>>(),
    ));
    let arrays = columns.into_iter().map(|(_, a)| a).collect();
    RecordBatch::try_new(schema, arrays).map_err(arrow)
}
