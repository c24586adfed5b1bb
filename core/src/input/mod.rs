//! Readers into the model: the definition (TOML / JSON), the CSV files and records, text
//! columns as codes, UTF-8 decoding, and the [`Scorecard`](scorecard::Scorecard) that holds a
//! definition with its data.

pub mod actions;
pub mod codes;
pub mod comparators;
pub mod definition;
pub mod encoding;
pub mod observations;
pub mod scorecard;
pub mod table;
#[cfg(feature = "workbook")]
pub mod workbook;
