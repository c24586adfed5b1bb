//! Arrow tables in and out for `spc_table` and `score_table`: the tables as Arrow batches for
//! `betteroff_arrow`, which holds every column rule, with the interpreter free meanwhile.

use betteroff::Definition;
use pyo3::prelude::*;
use pyo3_arrow::PyTable;

use crate::to_py;

/// The table as one record batch (a series may run across batches).
fn batch(table: PyTable) -> PyResult<arrow_array::RecordBatch> {
    let (batches, schema) = table.into_inner();
    betteroff_arrow::one_batch(batches, schema).map_err(to_py)
}

fn out(batch: arrow_array::RecordBatch) -> PyResult<PyTable> {
    let schema = batch.schema();
    PyTable::try_new(vec![batch], schema)
}

pub fn spc_table(
    py: Python<'_>,
    table: PyTable,
    r: &betteroff_arrow::SpcRequest<'_>,
) -> PyResult<PyTable> {
    let table = batch(table)?;
    out(py
        .detach(|| betteroff_arrow::spc_table(&table, r))
        .map_err(to_py)?)
}

pub fn score_table(
    py: Python<'_>,
    table: PyTable,
    comparators: Option<PyTable>,
    def: &Definition,
    r: &betteroff_arrow::ScoreRequest<'_>,
) -> PyResult<PyTable> {
    let table = batch(table)?;
    let comparators = comparators.map(batch).transpose()?;
    out(py
        .detach(|| betteroff_arrow::score_table(&table, comparators.as_ref(), def, r))
        .map_err(to_py)?)
}
