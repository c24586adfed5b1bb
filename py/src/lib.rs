//! `betteroff._betteroff`: the Python face of the core. It only converts: Python values to core
//! types and back, core errors to Python exceptions. Every figure comes from the core.

mod scores;
mod table;

use betteroff::render::{self, Format, Values};
use betteroff::spc::SpcOptions;
use betteroff::Polarity;
use betteroff::{Error, ErrorKind, Errors, Period, Records, Report, Scorecard, Sources};
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use std::panic::{catch_unwind, AssertUnwindSafe};

create_exception!(
    _betteroff,
    BetteroffError,
    PyValueError,
    "Base class of every betteroff error."
);
create_exception!(
    _betteroff,
    FormatError,
    BetteroffError,
    "A file or table is not well-formed TOML, JSON or CSV, or a column is missing or unknown."
);
create_exception!(
    _betteroff,
    DefinitionError,
    BetteroffError,
    "The scorecard definition is inconsistent."
);
create_exception!(
    _betteroff,
    PeriodError,
    BetteroffError,
    "A period could not be read."
);
create_exception!(
    _betteroff,
    TargetError,
    BetteroffError,
    "A target cannot be resolved as written."
);
create_exception!(
    _betteroff,
    DataError,
    BetteroffError,
    "An observation, comparator or action row is wrong."
);
create_exception!(
    _betteroff,
    UsageError,
    BetteroffError,
    "An argument is wrong."
);

/// The exception for a list of problems: the class of the first, the message listing all, and
/// `.errors` holding each as a dict (kind, file, line, row, field, message).
fn to_py(errors: Errors) -> PyErr {
    let message = errors.to_string();
    let err = match errors.kind() {
        ErrorKind::Syntax => FormatError::new_err(message),
        ErrorKind::Definition => DefinitionError::new_err(message),
        ErrorKind::Period => PeriodError::new_err(message),
        ErrorKind::Target => TargetError::new_err(message),
        ErrorKind::Data => DataError::new_err(message),
        ErrorKind::Usage => UsageError::new_err(message),
    };
    Python::attach(|py| {
        let list = PyList::empty(py);
        for e in errors.iter() {
            if let Ok(d) = error_dict(py, e) {
                let _ = list.append(d);
            }
        }
        let _ = err.value(py).setattr("errors", list);
    });
    err
}

fn error_dict<'py>(py: Python<'py>, e: &Error) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    let at = e.location();
    d.set_item("kind", e.kind().name())?;
    d.set_item("file", &at.file)?;
    d.set_item("line", at.line)?;
    d.set_item("row", at.row)?;
    d.set_item("field", at.field.as_deref())?;
    d.set_item("message", e.to_string())?;
    Ok(d)
}

fn usage(message: String) -> PyErr {
    to_py(Errors::one(Error::new(
        ErrorKind::Usage,
        betteroff::Location::file("argument"),
        message,
    )))
}

/// Runs core code so that a panic (a bug, never expected from input) becomes an ordinary
/// `BetteroffError`, never a `PanicException`.
fn guard<T>(f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown".to_string());
            Err(BetteroffError::new_err(format!(
                "internal error in betteroff (please report it): {what}"
            )))
        }
    }
}

fn parse_period(text: &str) -> PyResult<Period> {
    text.parse::<Period>().map_err(|e| {
        to_py(Errors::one(Error::new(
            ErrorKind::Period,
            betteroff::Location::file("as_of"),
            e.to_string(),
        )))
    })
}

/// A scorecard: its definition and the data added to it.
#[pyclass(module = "betteroff._betteroff", name = "_Scorecard")]
struct PyScorecard {
    card: Scorecard,
}

#[pymethods]
impl PyScorecard {
    /// Loads a definition (file name decides TOML or JSON) and optional CSV files, each given as
    /// (file name, bytes); every problem in every file is reported at once.
    #[staticmethod]
    #[pyo3(signature = (definition, observations=None, comparators=None, actions=None))]
    fn load(
        definition: (String, Vec<u8>),
        observations: Option<(String, Vec<u8>)>,
        comparators: Option<(String, Vec<u8>)>,
        actions: Option<(String, Vec<u8>)>,
    ) -> PyResult<Self> {
        guard(|| {
            let decode = |f: Option<(String, Vec<u8>)>| -> PyResult<Option<(String, String)>> {
                f.map(|(name, bytes)| {
                    betteroff::decode_utf8(bytes, &name)
                        .map(|t| (name, t))
                        .map_err(|e| to_py(Errors::one(e)))
                })
                .transpose()
            };
            let def = decode(Some(definition))?.unwrap_or_default();
            let (obs, cmp, act) = (
                decode(observations)?,
                decode(comparators)?,
                decode(actions)?,
            );
            let card = Scorecard::load(Sources {
                definition: (&def.0, &def.1),
                observations: betteroff::borrow_file(&obs),
                comparators: betteroff::borrow_file(&cmp),
                actions: betteroff::borrow_file(&act),
            })
            .map_err(to_py)?;
            Ok(PyScorecard { card })
        })
    }

    #[staticmethod]
    fn from_toml(text: &str, source: &str) -> PyResult<Self> {
        guard(|| {
            Scorecard::from_toml(text, source)
                .map(|card| PyScorecard { card })
                .map_err(to_py)
        })
    }

    #[staticmethod]
    fn from_json(text: &str, source: &str) -> PyResult<Self> {
        guard(|| {
            Scorecard::from_json(text, source)
                .map(|card| PyScorecard { card })
                .map_err(to_py)
        })
    }

    /// The definition in the file format's structure, as JSON text.
    fn definition_json(&self) -> String {
        self.card.definition().to_json()
    }

    /// Adds a table of observations, comparators or actions: `kind` says which; `columns` are
    /// the column names and `rows` the cells as text (`None` for empty).
    fn add_records(
        &mut self,
        kind: &str,
        source: String,
        columns: Vec<String>,
        rows: Vec<Vec<Option<String>>>,
    ) -> PyResult<()> {
        guard(|| {
            let records = Records {
                source,
                columns,
                rows,
            };
            let result = match kind {
                "observations" => self.card.add_observations_records(&records),
                "comparators" => self.card.add_comparators_records(&records),
                "actions" => self.card.add_actions_records(&records),
                other => return Err(usage(format!("unknown table kind {other:?}"))),
            };
            result.map_err(to_py)
        })
    }

    /// Scores at `as_of` (default: the latest period with data), without holding the GIL.
    #[pyo3(signature = (as_of=None, disclosure_control=true))]
    fn score(
        &self,
        py: Python<'_>,
        as_of: Option<&str>,
        disclosure_control: bool,
    ) -> PyResult<PyReport> {
        let as_of = as_of.map(parse_period).transpose()?;
        let card = &self.card;
        let result = py.detach(|| {
            catch_unwind(AssertUnwindSafe(|| {
                card.score_with(as_of, disclosure_control)
            }))
        });
        guard(|| match result {
            Ok(r) => r.map(|report| PyReport { report }).map_err(to_py),
            Err(_) => Err(BetteroffError::new_err(
                "internal error in betteroff while scoring (please report it)",
            )),
        })
    }

    /// (sections, measures, observations, comparator values, actions)
    fn counts(&self) -> (usize, usize, usize, usize, usize) {
        let c = &self.card;
        (
            c.sections().len(),
            c.measures().count(),
            c.observations().len(),
            c.comparators().len(),
            c.actions().len(),
        )
    }

    /// The definition at a glance, as HTML (for notebooks).
    fn summary_html(&self) -> String {
        render::scorecard_summary(&self.card)
    }

    fn title(&self) -> String {
        self.card.definition().title.clone()
    }
}

/// A scored scorecard.
#[pyclass(module = "betteroff._betteroff", name = "_Report", frozen)]
struct PyReport {
    report: Report,
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
                "unknown format {format:?}: expected {}",
                Format::NAMES
            ))
        })?;
        guard(|| Ok(render::render(&self.report, f, colour)))
    }

    /// The turn-the-curve chart of one measure, as SVG.
    fn chart(&self, measure_id: &str) -> PyResult<String> {
        let m = self.report.find_measure(measure_id).map_err(usage)?;
        guard(|| Ok(render::chart(m)))
    }

    /// The SPC chart of one measure, as SVG (`None` when the series is too short for SPC).
    fn spc_chart(&self, measure_id: &str) -> PyResult<Option<String>> {
        let m = self.report.find_measure(measure_id).map_err(usage)?;
        guard(|| Ok(render::spc_chart(m)))
    }

    /// One row per measure as typed columns: [(name, "text" | "number" | "integer", values)].
    fn measure_columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let out = PyList::empty(py);
        for c in render::columns(&self.report) {
            let (kind, values) = match c.values {
                Values::Text(v) => ("text", v.into_pyobject(py)?.into_any()),
                Values::Number(v) => ("number", v.into_pyobject(py)?.into_any()),
                Values::Integer(v) => ("integer", v.into_pyobject(py)?.into_any()),
            };
            out.append((c.name, kind, values))?;
        }
        Ok(out)
    }

    fn as_of(&self) -> String {
        self.report.as_of.to_string()
    }
}

/// Compounds `base` by each (period, growth %) step: [(period, growth, value, rounded)].
#[pyfunction]
fn project_demand(base: f64, steps: Vec<(String, f64)>) -> PyResult<Vec<(String, f64, f64, f64)>> {
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
fn parse_period_text(text: &str) -> PyResult<(String, String, String, String)> {
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
#[pyo3(signature = (table, series, value, polarity, screen_outliers, fix_after=None))]
fn spc_table(
    py: Python<'_>,
    table: pyo3_arrow::PyTable,
    series: &str,
    value: &str,
    polarity: &str,
    screen_outliers: bool,
    fix_after: Option<usize>,
) -> PyResult<pyo3_arrow::PyTable> {
    let polarity = Polarity::from_argument(polarity).map_err(|e| to_py(Errors::one(e)))?;
    if fix_after.is_some_and(|n| n < 2) {
        return Err(usage(
            "fix_after must be at least 2: limits need a moving range".into(),
        ));
    }
    let request = table::Request {
        series,
        value,
        polarity,
        options: SpcOptions {
            screen_outliers,
            fix_after,
            ..SpcOptions::default()
        },
    };
    guard(|| table::spc_table(py, table, &request))
}

/// Full batch scoring of an Arrow table; the Python wrapper `betteroff.score_table` documents it.
#[pyfunction]
#[pyo3(signature = (table, scorecard, area, measure, period, value, as_of=None, points=false, comparators=None))]
#[allow(clippy::too_many_arguments)]
fn score_table(
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
) -> PyResult<pyo3_arrow::PyTable> {
    let request = scores::Request {
        area,
        measure,
        period,
        value,
        as_of: as_of.map(parse_period).transpose()?,
        points,
    };
    guard(|| {
        scores::score_table(
            py,
            table,
            comparators,
            scorecard.card.definition(),
            &request,
        )
    })
}

#[pymodule]
fn _betteroff(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<PyScorecard>()?;
    m.add_class::<PyReport>()?;
    m.add_function(wrap_pyfunction!(project_demand, m)?)?;
    m.add_function(wrap_pyfunction!(parse_period_text, m)?)?;
    m.add_function(wrap_pyfunction!(spc_table, m)?)?;
    m.add_function(wrap_pyfunction!(score_table, m)?)?;
    m.add("BetteroffError", py.get_type::<BetteroffError>())?;
    m.add("FormatError", py.get_type::<FormatError>())?;
    m.add("DefinitionError", py.get_type::<DefinitionError>())?;
    m.add("PeriodError", py.get_type::<PeriodError>())?;
    m.add("TargetError", py.get_type::<TargetError>())?;
    m.add("DataError", py.get_type::<DataError>())?;
    m.add("UsageError", py.get_type::<UsageError>())?;
    m.add("SCHEMA", betteroff::report::SCHEMA)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
