//! `spc_table`: the series and value columns become slices for `betteroff::batch::par_spc`, and
//! its result columns Arrow arrays. No figure is computed here.

use std::fmt::Display;
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::{Float64Type, Int64Type, UInt8Type};
use arrow_array::UInt8Array;
use arrow_array::{Array, ArrayRef, DictionaryArray, Float64Array, RecordBatch, StringArray};
use arrow_buffer::NullBuffer;
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use betteroff::batch::{self, SpcColumns};
use betteroff::spc::{PointType, Rule, SpcOptions};
use betteroff::Polarity;
use betteroff::{Error, ErrorKind, Errors, Location};

/// The request: which columns hold the series and the values, and how to read them.
pub struct Request<'a> {
    pub series: &'a str,
    pub value: &'a str,
    pub polarity: Polarity,
    pub options: SpcOptions,
}

/// SPC of every point of `table`: the input's series and value columns, then mean, lower,
/// upper, rule and point_type, one row per input row in input order.
pub fn spc_table(batch: &RecordBatch, r: &Request<'_>) -> Result<RecordBatch, Errors> {
    let series = column(batch, r.series)?;
    let values = numbers(column(batch, r.value)?, r.value)?;
    let y = values.as_primitive::<Float64Type>().values();
    match series.data_type() {
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => {
            let names = texts(&series, r.series)?;
            output(r, &series, &values, &run(&names, y, r)?)
        }
        DataType::Dictionary(..) => {
            let plain = cast(&series, &DataType::Utf8, r.series)?;
            let names = texts(&plain, r.series)?;
            output(r, &series, &values, &run(&names, y, r)?)
        }
        t if t.is_integer() => {
            let ids = cast(&series, &DataType::Int64, r.series)?;
            no_nulls(&ids, r.series)?;
            let ids = ids.as_primitive::<Int64Type>().values();
            output(r, &series, &values, &run(ids, y, r)?)
        }
        t => Err(usage(format!(
            "column '{}' is {t}: series must be named by text or whole numbers",
            r.series
        ))),
    }
}

/// The core's batch SPC, on every core.
fn run<K: Copy + Ord + Display + Send + Sync>(
    keys: &[K],
    y: &[f64],
    r: &Request<'_>,
) -> Result<SpcColumns<K>, Errors> {
    batch::par_spc(keys, y, r.polarity, &r.options).map_err(one)
}

fn output<K>(
    r: &Request<'_>,
    keys: &ArrayRef,
    values: &ArrayRef,
    c: &SpcColumns<K>,
) -> Result<RecordBatch, Errors> {
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
    RecordBatch::try_new(schema, columns).map_err(arrow)
}

/// A per-series limit spread over the rows (by the core) as an Arrow column.
fn limit_column<K>(c: &SpcColumns<K>, col: &[Option<f64>]) -> ArrayRef {
    let (values, valid) = c.per_point_values(col);
    Arc::new(Float64Array::new(
        values.into(),
        valid.map(NullBuffer::from),
    ))
}

/// The table as one batch: moved when it already is one, concatenated otherwise (a series may
/// run across batches).
pub fn one_batch(mut batches: Vec<RecordBatch>, schema: SchemaRef) -> Result<RecordBatch, Errors> {
    match batches.len() {
        0 => Ok(RecordBatch::new_empty(schema)),
        1 => Ok(batches.remove(0)),
        _ => arrow_select::concat::concat_batches(&schema, &batches).map_err(arrow),
    }
}

pub(crate) fn column(batch: &RecordBatch, name: &str) -> Result<ArrayRef, Errors> {
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
fn numbers(a: ArrayRef, name: &str) -> Result<ArrayRef, Errors> {
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

fn texts<'a>(a: &'a ArrayRef, name: &str) -> Result<Vec<&'a str>, Errors> {
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
fn no_nulls(a: &ArrayRef, name: &str) -> Result<(), Errors> {
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

pub(crate) fn cast(a: &ArrayRef, to: &DataType, name: &str) -> Result<ArrayRef, Errors> {
    if a.data_type() == to {
        return Ok(a.clone());
    }
    arrow_cast::cast(a, to)
        .map_err(|e| usage(format!("column '{name}' could not be read as {to}: {e}")))
}

/// Text from a fixed list, as Arrow's dictionary of codes (null where there is none).
pub(crate) fn dictionary(codes: Vec<Option<u8>>, names: Vec<&str>) -> Result<ArrayRef, Errors> {
    let d = DictionaryArray::<UInt8Type>::try_new(
        UInt8Array::from(codes),
        Arc::new(StringArray::from(names)),
    )
    .map_err(arrow)?;
    Ok(Arc::new(d))
}

pub(crate) fn one(e: Error) -> Errors {
    Errors::one(e)
}

pub(crate) fn arrow(e: arrow_schema::ArrowError) -> Errors {
    usage(format!("Arrow: {e}"))
}

/// A wrong argument or column: the core's usage error, as every front end reports it.
pub(crate) fn usage(message: String) -> Errors {
    Errors::one(Error::new(
        ErrorKind::Usage,
        Location::file("argument"),
        message,
    ))
}
