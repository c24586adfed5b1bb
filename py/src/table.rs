//! Arrow tables in and out for `spc_table`: this module only turns Arrow columns into slices
//! for `betteroff::batch` and its result columns back into Arrow arrays. No figure is
//! computed here.

use std::fmt::Display;
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::{Float64Type, Int64Type, UInt8Type};
use arrow_array::UInt8Array;
use arrow_array::{Array, ArrayRef, DictionaryArray, Float64Array, RecordBatch, StringArray};
use arrow_buffer::NullBuffer;
use arrow_schema::{DataType, Field, Schema};
use betteroff::batch::{self, SpcColumns};
use betteroff::spc::{PointType, Rule, SpcOptions};
use betteroff::Polarity;
use betteroff::{Error, ErrorKind, Errors, Location};
use pyo3::prelude::*;
use pyo3_arrow::PyTable;

use crate::{to_py, usage};

/// The request: which columns hold the series and the values, and how to read them.
pub struct Request<'a> {
    pub series: &'a str,
    pub value: &'a str,
    pub polarity: Polarity,
    pub options: SpcOptions,
}

/// SPC of every point of `table`: the input's series and value columns, then mean, lower,
/// upper, rule and point_type, one row per input row in input order.
pub fn spc_table(py: Python<'_>, table: PyTable, r: &Request<'_>) -> PyResult<PyTable> {
    let batch = one_batch(table)?;
    let series = column(&batch, r.series)?;
    let values = numbers(column(&batch, r.value)?, r.value)?;
    let y = values.as_primitive::<Float64Type>().values();
    match series.data_type() {
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => {
            let names = texts(&series, r.series)?;
            output(r, &series, &values, &run(py, &names, y, r)?)
        }
        DataType::Dictionary(..) => {
            let plain = cast(&series, &DataType::Utf8, r.series)?;
            let names = texts(&plain, r.series)?;
            output(r, &series, &values, &run(py, &names, y, r)?)
        }
        t if t.is_integer() => {
            let ids = cast(&series, &DataType::Int64, r.series)?;
            no_nulls(&ids, r.series)?;
            let ids = ids.as_primitive::<Int64Type>().values();
            output(r, &series, &values, &run(py, ids, y, r)?)
        }
        t => Err(usage(format!(
            "column '{}' is {t}: series must be named by text or whole numbers",
            r.series
        ))),
    }
}

/// The core's batch SPC, with the interpreter free for other threads meanwhile.
fn run<K: Copy + Ord + Display + Send + Sync>(
    py: Python<'_>,
    keys: &[K],
    y: &[f64],
    r: &Request<'_>,
) -> PyResult<SpcColumns<K>> {
    py.detach(|| batch::par_spc(keys, y, r.polarity, &r.options))
        .map_err(one)
}

fn output<K>(
    r: &Request<'_>,
    keys: &ArrayRef,
    values: &ArrayRef,
    c: &SpcColumns<K>,
) -> PyResult<PyTable> {
    let limit = |col: &[Option<f64>]| limit_column(c, col);
    let rule = dictionary(
        c.rule.iter().map(|x| Some(x.code())).collect(),
        Rule::BY_CODE.map(Rule::key).to_vec(),
    )?;
    let point_type = dictionary(
        c.point_type.iter().map(|x| Some(x.code())).collect(),
        PointType::BY_CODE.map(PointType::key).to_vec(),
    )?;
    let codes = DataType::Dictionary(Box::new(DataType::UInt8), Box::new(DataType::Utf8));
    let schema = Arc::new(Schema::new(vec![
        Field::new(r.series, keys.data_type().clone(), false),
        Field::new(r.value, DataType::Float64, false),
        Field::new("mean", DataType::Float64, true),
        Field::new("lower", DataType::Float64, true),
        Field::new("upper", DataType::Float64, true),
        Field::new("rule", codes.clone(), false),
        Field::new("point_type", codes, false),
    ]));
    let columns = vec![
        keys.clone(),
        values.clone(),
        limit(&c.mean),
        limit(&c.lower),
        limit(&c.upper),
        rule,
        point_type,
    ];
    let batch = RecordBatch::try_new(schema.clone(), columns).map_err(arrow)?;
    PyTable::try_new(vec![batch], schema)
}

/// A per-series limit spread over the rows (by the core) as an Arrow column.
fn limit_column<K>(c: &SpcColumns<K>, col: &[Option<f64>]) -> ArrayRef {
    let (values, valid) = c.per_point_values(col);
    Arc::new(Float64Array::new(
        values.into(),
        valid.map(NullBuffer::from),
    ))
}

/// The table as one batch: borrowed when it already is one, concatenated otherwise (a series
/// may run across batches).
pub(crate) fn one_batch(table: PyTable) -> PyResult<RecordBatch> {
    let (mut batches, schema) = table.into_inner();
    match batches.len() {
        0 => Ok(RecordBatch::new_empty(schema)),
        1 => Ok(batches.remove(0)),
        _ => arrow_select::concat::concat_batches(&schema, &batches).map_err(arrow),
    }
}

pub(crate) fn column(batch: &RecordBatch, name: &str) -> PyResult<ArrayRef> {
    batch.column_by_name(name).cloned().ok_or_else(|| {
        let names: Vec<_> = batch
            .schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect();
        usage(format!(
            "the table has no column '{name}' (its columns: {})",
            names.join(", ")
        ))
    })
}

/// A numeric column as Float64 (borrowed when it already is), with no missing value.
fn numbers(a: ArrayRef, name: &str) -> PyResult<ArrayRef> {
    if !a.data_type().is_numeric() {
        return Err(usage(format!(
            "column '{name}' is {}: values must be numbers",
            a.data_type()
        )));
    }
    let a = cast(&a, &DataType::Float64, name)?;
    no_nulls(&a, name)?;
    Ok(a)
}

fn texts<'a>(a: &'a ArrayRef, name: &str) -> PyResult<Vec<&'a str>> {
    no_nulls(a, name)?;
    let names: Option<Vec<&str>> = match a.data_type() {
        DataType::Utf8 => a.as_string::<i32>().iter().collect(),
        DataType::LargeUtf8 => a.as_string::<i64>().iter().collect(),
        DataType::Utf8View => a.as_string_view().iter().collect(),
        _ => None,
    };
    names.ok_or_else(|| usage(format!("column '{name}' could not be read as text")))
}

/// A missing series or value is refused with its row, never skipped: a skipped row would
/// silently change a series' limits.
fn no_nulls(a: &ArrayRef, name: &str) -> PyResult<()> {
    match first_null(a.as_ref()) {
        None => Ok(()),
        Some(row) => Err(one(Error::new(
            ErrorKind::Data,
            Location::row("table", row - 1, name),
            "the value is missing",
        ))),
    }
}

/// The first missing value's row (1-based), if any.
pub(crate) fn first_null(a: &dyn Array) -> Option<usize> {
    (a.null_count() > 0)
        .then(|| (0..a.len()).find(|&i| a.is_null(i)))
        .flatten()
        .map(|i| i + 1)
}

pub(crate) fn cast(a: &ArrayRef, to: &DataType, name: &str) -> PyResult<ArrayRef> {
    if a.data_type() == to {
        return Ok(a.clone());
    }
    arrow_cast::cast(a, to)
        .map_err(|e| usage(format!("column '{name}' could not be read as {to}: {e}")))
}

/// Text from a fixed list, as Arrow's dictionary of codes (null where there is none).
pub(crate) fn dictionary(codes: Vec<Option<u8>>, names: Vec<&str>) -> PyResult<ArrayRef> {
    let d = DictionaryArray::<UInt8Type>::try_new(
        UInt8Array::from(codes),
        Arc::new(StringArray::from(names)),
    )
    .map_err(arrow)?;
    Ok(Arc::new(d))
}

pub(crate) fn one(e: Error) -> PyErr {
    to_py(Errors::one(e))
}

pub(crate) fn arrow(e: arrow_schema::ArrowError) -> PyErr {
    usage(format!("Arrow: {e}"))
}
