//! Python arguments into core values.

use betteroff::{Error, ErrorKind, Errors, Period};
use pyo3::prelude::*;

use crate::errors::to_py;

pub(crate) fn parse_period(text: &str) -> PyResult<Period> {
    text.parse::<Period>().map_err(|e| {
        to_py(Errors::one(Error::new(
            ErrorKind::Period,
            betteroff::Location::file("as_of"),
            e.to_string(),
        )))
    })
}
