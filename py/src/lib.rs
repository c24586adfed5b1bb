//! `betteroff._betteroff`: the Python face of the core. It only converts: Python values to core
//! types and back, core errors to Python exceptions. Every figure comes from the core.
//!
//! `errors` (exception classes), `convert` (arguments into core values), one file per class
//! (`scorecard`, `report`), `functions` (the module's functions), and the Arrow tables (`tables`,
//! over the `betteroff-arrow` crate).

mod convert;
mod errors;
mod functions;
mod report;
mod scorecard;
mod tables;

use pyo3::prelude::*;

pub(crate) use errors::to_py;
use report::PyReport;
use scorecard::PyScorecard;

#[pymodule]
fn _betteroff(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyScorecard>()?;
    m.add_class::<PyReport>()?;
    m.add_function(wrap_pyfunction!(functions::project_demand, m)?)?;
    m.add_function(wrap_pyfunction!(functions::parse_period_text, m)?)?;
    m.add_function(wrap_pyfunction!(functions::spc_table, m)?)?;
    m.add_function(wrap_pyfunction!(functions::score_table, m)?)?;
    m.add_function(wrap_pyfunction!(functions::max_file_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(functions::check_read, m)?)?;
    errors::register(m)?;
    m.add("SCHEMA", betteroff::report::SCHEMA)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
