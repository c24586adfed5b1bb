//! Readers into the model: the definition (TOML / JSON), the CSV files and records, text
//! columns as codes, UTF-8 decoding, and the [`Scorecard`](scorecard::Scorecard) that holds a
//! definition with its data.

pub mod actions;
pub mod codes;
pub mod commentary;
pub mod comparators;
pub mod definition;
pub mod ees;
pub mod encoding;
pub mod fingertips;
pub mod observations;
pub mod scorecard;
pub mod table;
pub(crate) mod tree;
#[cfg(feature = "workbook")]
pub mod workbook;

/// A path's last component (`/` or `\\` separated): how a file is matched to the name the
/// definition gives it, and how a workbook's name says what it holds.
pub(crate) fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}
