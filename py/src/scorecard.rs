//! `_Scorecard`: a definition and its data (the Python class `betteroff.Scorecard` wraps it).

use betteroff::render;
use betteroff::{Errors, Records, Scorecard, Sources};
use pyo3::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::convert::parse_period;
use crate::errors::{guard, to_py, usage, BetteroffError};
use crate::report::PyReport;

/// A scorecard: its definition and the data added to it.
#[pyclass(module = "betteroff", name = "_Scorecard")]
pub(crate) struct PyScorecard {
    pub(crate) card: Scorecard,
}

#[pymethods]
impl PyScorecard {
    /// Loads a definition (file name decides TOML or JSON), optional CSV files and workbooks,
    /// each given as (file name, bytes); every problem in every file is reported at once.
    #[staticmethod]
    #[pyo3(signature = (definition, observations=None, comparators=None, actions=None, workbooks=Vec::new(), tables=Vec::new(), commentary=None, annotations=None))]
    #[allow(clippy::too_many_arguments)]
    fn load(
        definition: (String, Vec<u8>),
        observations: Option<(String, Vec<u8>)>,
        comparators: Option<(String, Vec<u8>)>,
        actions: Option<(String, Vec<u8>)>,
        workbooks: Vec<(String, Vec<u8>)>,
        tables: Vec<(String, Vec<u8>)>,
        commentary: Option<(String, Vec<u8>)>,
        annotations: Option<(String, Vec<u8>)>,
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
            let (obs, cmp, act, notes) = (
                decode(observations)?,
                decode(comparators)?,
                decode(actions)?,
                decode(commentary)?,
            );
            let events = decode(annotations)?;
            let tables = tables
                .into_iter()
                .map(|t| decode(Some(t)).map(Option::unwrap_or_default))
                .collect::<PyResult<Vec<(String, String)>>>()?;
            let card = Scorecard::load(Sources {
                definition: (&def.0, &def.1),
                observations: betteroff::borrow_file(&obs),
                comparators: betteroff::borrow_file(&cmp),
                actions: betteroff::borrow_file(&act),
                commentary: betteroff::borrow_file(&notes),
                annotations: betteroff::borrow_file(&events),
                workbooks: &workbooks
                    .iter()
                    .map(|(n, b)| (n.as_str(), b.as_slice()))
                    .collect::<Vec<_>>(),
                tables: &tables
                    .iter()
                    .map(|(n, t)| (n.as_str(), t.as_str()))
                    .collect::<Vec<_>>(),
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
                "commentary" => self.card.add_commentary_records(&records),
                "annotations" => self.card.add_annotations_records(&records),
                other => {
                    return Err(usage(format!(
                        "unknown table kind {}",
                        betteroff::quoted(&other)
                    )))
                }
            };
            result.map_err(to_py)
        })
    }

    /// Adds a published table the definition's `[[tables]]` names by this file name (the
    /// core's `Scorecard::add_table`).
    fn add_table(&mut self, data: Vec<u8>, source: &str) -> PyResult<()> {
        guard(|| {
            let text = betteroff::decode_utf8(data, source).map_err(|e| to_py(Errors::one(e)))?;
            self.card.add_table(&text, source).map_err(to_py)
        })
    }

    /// Adds a workbook's sheets named observations, comparators and actions (the core's
    /// `Scorecard::add_workbook`); `source` names it in errors.
    fn add_workbook(&mut self, data: Vec<u8>, source: &str) -> PyResult<()> {
        guard(|| self.card.add_workbook(&data, source).map_err(to_py))
    }

    /// Scores at `as_of` (default: the latest period with data), without holding the GIL.
    /// `order` and `only` give the board pack's view (`report::view`).
    #[pyo3(signature = (as_of=None, disclosure_control=true, strict=false, order="plan", only=""))]
    #[allow(clippy::too_many_arguments)]
    fn score(
        &self,
        py: Python<'_>,
        as_of: Option<&str>,
        disclosure_control: bool,
        strict: bool,
        order: &str,
        only: &str,
    ) -> PyResult<PyReport> {
        let as_of = as_of.map(parse_period).transpose()?;
        let order = betteroff::report::view::Order::parse(order).ok_or_else(|| {
            usage(format!(
                "order must be plan or exceptions, not {}",
                betteroff::quoted(&order)
            ))
        })?;
        let only = betteroff::report::view::parse_statuses(only)
            .map_err(|e| usage(format!("only: {e}")))?;
        let card = &self.card;
        let result = py.detach(|| {
            catch_unwind(AssertUnwindSafe(|| {
                let report = card.score_with(as_of, disclosure_control)?;
                if strict {
                    report.strict()
                } else {
                    Ok(report)
                }
            }))
        });
        guard(|| match result {
            Ok(r) => r
                .map(|report| PyReport {
                    report: report.ordered(order).only(&only),
                })
                .map_err(to_py),
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
