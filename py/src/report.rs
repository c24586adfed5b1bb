//! `_Report`: a scored scorecard (the Python class `betteroff.Report` wraps it).

use betteroff::render::{self, Format, Values};
use betteroff::Report;
use pyo3::prelude::*;
use pyo3::types::PyList;

use crate::errors::{guard, usage};

/// A scored scorecard.
#[pyclass(module = "betteroff", name = "_Report", frozen)]
pub(crate) struct PyReport {
    pub(crate) report: Report,
}

#[pymethods]
impl PyReport {
    /// The JSON contract: the same bytes as `betteroff report --format json`.
    fn to_json(&self) -> String {
        self.report.to_json()
    }

    /// `text`, `markdown`, `html`, `json` or `csv`.
    #[pyo3(signature = (format, colour=false))]
    fn render(&self, format: &str, colour: bool) -> PyResult<String> {
        let f = Format::parse(format).ok_or_else(|| {
            usage(format!(
                "unknown format {}: expected {}",
                betteroff::quoted(format),
                Format::NAMES
            ))
        })?;
        guard(|| Ok(render::render(&self.report, f, colour)))
    }

    /// The turn-the-curve chart of one measure, as SVG.
    fn chart(&self, measure_id: &str) -> PyResult<String> {
        let m = self
            .report
            .find_measure(measure_id)
            .map_err(|e| usage(e.message().to_string()))?;
        guard(|| Ok(render::chart(m)))
    }

    /// The SPC chart of one measure, as SVG (`None` when the series is too short for SPC).
    fn spc_chart(&self, measure_id: &str) -> PyResult<Option<String>> {
        let m = self
            .report
            .find_measure(measure_id)
            .map_err(|e| usage(e.message().to_string()))?;
        guard(|| Ok(render::spc_chart(m)))
    }

    /// One row per measure as typed columns: [(name, "text" | "number" | "integer", values)].
    fn measure_columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        typed(py, render::columns(&self.report))
    }

    /// One row per breakdown category of each measure's current period, as typed columns.
    fn breakdown_columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        typed(py, render::breakdown_columns(&self.report))
    }

    /// One row per item of each measure's turn-the-curve record, as typed columns.
    fn turn_the_curve_columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        typed(py, render::turn_the_curve_columns(&self.report))
    }

    /// The SPC summary matrix, one row per measure with SPC, as typed columns.
    fn spc_matrix_columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        typed(py, render::spc_matrix_columns(&self.report))
    }

    /// The SPC summary matrix as CSV (the core's `render::spc_matrix_csv`).
    fn spc_matrix_csv(&self) -> String {
        render::spc_matrix_csv(&self.report)
    }

    /// The turn-the-curve records as CSV (the core's `render::turn_the_curve_csv`).
    fn turn_the_curve_csv(&self) -> String {
        render::turn_the_curve_csv(&self.report)
    }

    /// The breakdowns as CSV (the core's `render::breakdowns_csv`).
    fn breakdowns_csv(&self) -> String {
        render::breakdowns_csv(&self.report)
    }

    fn as_of(&self) -> String {
        self.report.as_of.to_string()
    }
}

/// Columns as Python lists: [(name, "text" | "number" | "integer", values)].
fn typed(py: Python<'_>, columns: Vec<render::Column>) -> PyResult<Bound<'_, PyList>> {
    let out = PyList::empty(py);
    for c in columns {
        let (kind, values) = match c.values {
            Values::Text(v) => ("text", v.into_pyobject(py)?.into_any()),
            Values::Number(v) => ("number", v.into_pyobject(py)?.into_any()),
            Values::Integer(v) => ("integer", v.into_pyobject(py)?.into_any()),
        };
        out.append((c.name, kind, values))?;
    }
    Ok(out)
}
