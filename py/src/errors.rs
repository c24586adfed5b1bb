//! The exception classes (one per core `ErrorKind`, all under `BetteroffError`, registered in the
//! public `betteroff` module) and the conversion of core errors into them; the panic guard.

use betteroff::{Error, ErrorKind, Errors};
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use std::panic::{catch_unwind, AssertUnwindSafe};

create_exception!(
    betteroff,
    BetteroffError,
    PyValueError,
    "Base class of every betteroff error."
);
create_exception!(
    betteroff,
    FormatError,
    BetteroffError,
    "A file or table is not well-formed TOML, JSON or CSV, or a column is missing or unknown."
);
create_exception!(
    betteroff,
    DefinitionError,
    BetteroffError,
    "The scorecard definition is inconsistent."
);
create_exception!(
    betteroff,
    PeriodError,
    BetteroffError,
    "A period could not be read."
);
create_exception!(
    betteroff,
    TargetError,
    BetteroffError,
    "A target cannot be resolved as written."
);
create_exception!(
    betteroff,
    DataError,
    BetteroffError,
    "An observation, comparator or action row is wrong."
);
create_exception!(
    betteroff,
    UsageError,
    BetteroffError,
    "An argument is wrong."
);

/// The exception for a list of problems: the class of the first, the message listing all, and
/// `.errors` holding each as a dict (kind, file, line, row, field, sheet, cell, message).
pub(crate) fn to_py(errors: Errors) -> PyErr {
    let message = errors.to_string();
    let err = match errors.kind() {
        ErrorKind::Syntax => FormatError::new_err(message),
        ErrorKind::Definition => DefinitionError::new_err(message),
        ErrorKind::Period => PeriodError::new_err(message),
        ErrorKind::Target => TargetError::new_err(message),
        ErrorKind::Data => DataError::new_err(message),
        ErrorKind::Usage => UsageError::new_err(message),
        // A kind added to the core later: still a betteroff error, with the core's message.
        _ => BetteroffError::new_err(message),
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
    d.set_item("sheet", at.sheet.as_deref())?;
    d.set_item("cell", at.cell.as_deref())?;
    d.set_item("message", e.to_string())?;
    Ok(d)
}

pub(crate) fn usage(message: String) -> PyErr {
    to_py(Errors::one(Error::new(
        ErrorKind::Usage,
        betteroff::Location::file("argument"),
        message,
    )))
}

/// Runs core code so that a panic (a bug, never expected from input) becomes an ordinary
/// `BetteroffError`, never a `PanicException`.
pub(crate) fn guard<T>(f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
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

/// Adds every exception class to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("BetteroffError", py.get_type::<BetteroffError>())?;
    m.add("FormatError", py.get_type::<FormatError>())?;
    m.add("DefinitionError", py.get_type::<DefinitionError>())?;
    m.add("PeriodError", py.get_type::<PeriodError>())?;
    m.add("TargetError", py.get_type::<TargetError>())?;
    m.add("DataError", py.get_type::<DataError>())?;
    m.add("UsageError", py.get_type::<UsageError>())?;
    Ok(())
}
