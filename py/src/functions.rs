//! The module's functions: demand projection, period parsing, and the Arrow tables (SPC and
//! full batch scoring).

use betteroff::spc::SpcOptions;
use betteroff::{Errors, Polarity};
use pyo3::prelude::*;

use crate::convert::parse_period;
use crate::errors::{guard, to_py, usage};
use crate::scorecard::PyScorecard;
use crate::tables;

/// Compounds `base` by each (period, growth %) step: [(period, growth, value, rounded)].
#[pyfunction]
pub(crate) fn project_demand(
    base: f64,
    steps: Vec<(String, f64)>,
) -> PyResult<Vec<(String, f64, f64, f64)>> {
    if !base.is_finite() {
        return Err(usage("the base must be a finite number".into()));
    }
    let mut parsed = Vec::with_capacity(steps.len());
    for (p, g) in steps {
        if !g.is_finite() || g <= -100.0 {
            return Err(usage(format!(
                "growth for {p} must be a finite number above -100, not {g}"
            )));
        }
        parsed.push((parse_period(&p)?, g));
    }
    Ok(betteroff::project(base, &parsed)
        .into_iter()
        .map(|s| (s.period.to_string(), s.growth_pct, s.value, s.rounded))
        .collect())
}

/// Parses a period in any spelling and returns (canonical text, kind, start, end).
#[pyfunction]
pub(crate) fn parse_period_text(text: &str) -> PyResult<(String, String, String, String)> {
    let p = parse_period(text)?;
    let kind = format!("{:?}", p.kind());
    Ok((
        p.to_string(),
        kind,
        p.start().to_string(),
        p.end().to_string(),
    ))
}

/// SPC of every point of an Arrow table; the Python wrapper `betteroff.spc_table` documents it.
#[pyfunction]
#[pyo3(signature = (table, series, value, polarity, screen_outliers=None, fix_after=None, preset=None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn spc_table(
    py: Python<'_>,
    table: pyo3_arrow::PyTable,
    series: &str,
    value: &str,
    polarity: &str,
    screen_outliers: Option<bool>,
    fix_after: Option<usize>,
    preset: Option<&str>,
) -> PyResult<pyo3_arrow::PyTable> {
    let polarity = Polarity::from_argument(polarity).map_err(|e| to_py(Errors::one(e)))?;
    let options = SpcOptions::from_arguments(preset, screen_outliers, fix_after).map_err(usage)?;
    let request = betteroff_arrow::SpcRequest {
        series,
        value,
        polarity,
        options,
    };
    guard(|| tables::spc_table(py, table, &request))
}

/// Full batch scoring of an Arrow table; the Python wrapper `betteroff.score_table` documents it.
#[pyfunction]
#[pyo3(signature = (table, scorecard, area, measure, period, value, as_of=None, points=false, comparators=None, disclosure_control=true, summary=None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn score_table(
    py: Python<'_>,
    table: pyo3_arrow::PyTable,
    scorecard: PyRef<'_, PyScorecard>,
    area: &str,
    measure: &str,
    period: &str,
    value: &str,
    as_of: Option<&str>,
    points: bool,
    comparators: Option<pyo3_arrow::PyTable>,
    disclosure_control: bool,
    summary: Option<&str>,
) -> PyResult<pyo3_arrow::PyTable> {
    let summary = match summary {
        None => None,
        Some("measure") => Some(betteroff_arrow::By::Measure),
        Some("area") => Some(betteroff_arrow::By::Area),
        Some(other) => {
            return Err(usage(format!(
                "summary must be \"measure\" or \"area\", not {}",
                betteroff::quoted(&other)
            )))
        }
    };
    let request = betteroff_arrow::ScoreRequest {
        summary,
        table: "table",
        comparators: "comparators",
        disclosure_control,
        area,
        measure,
        period,
        value,
        as_of: as_of.map(parse_period).transpose()?,
        points,
    };
    guard(|| {
        tables::score_table(
            py,
            table,
            comparators,
            scorecard.card.definition(),
            &request,
        )
    })
}

/// The most bytes a file may hold ([`betteroff::Limits`]' default): Python reads one more at most.
#[pyfunction]
pub(crate) fn max_file_bytes() -> usize {
    betteroff::Limits::default().max_file_bytes
}

/// Raises the core's error when a bounded read of `file` got more than the limit.
#[pyfunction]
pub(crate) fn check_read(file: &str, read: usize) -> PyResult<()> {
    betteroff::Limits::default()
        .check_read(file, read)
        .map_err(|e| to_py(Errors::one(e)))
}
