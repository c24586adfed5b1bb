//! Errors: every problem names where it is (file, line, field) and what kind it is, so that a
//! front end can map the kind to its own exception class and print the message unchanged.

use std::fmt;

/// Where a problem is. `line` is 1-based and counts physical lines of the file as the analyst
/// sees them in an editor (a CSV header is line 1). `row` is for tables that are not text
/// files (a DataFrame, a list of records): the 1-based data row.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Location {
    /// The file (or table) name, as given.
    pub file: String,
    /// The 1-based physical line, for a text file.
    pub line: Option<usize>,
    /// The 1-based data row, for a table that is not a text file.
    pub row: Option<usize>,
    /// The field (column or key) at fault.
    pub field: Option<String>,
    /// The sheet, for a workbook; then `row` is the sheet's row as the spreadsheet numbers it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The cell, for a workbook (`C5`), when the field is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
}

impl Location {
    /// A whole file, with no line or field.
    pub fn file(file: &str) -> Self {
        Location {
            file: file.to_string(),
            ..Location::default()
        }
    }

    /// Row `index` (counted from 0; shown from 1) of a table given as columns, and its field.
    pub fn row(file: &str, index: usize, field: &str) -> Self {
        Location {
            file: file.to_string(),
            row: Some(index + 1),
            field: Some(field.to_string()),
            ..Location::default()
        }
    }

    /// A field at a line of a file.
    pub fn at(file: &str, line: Option<usize>, field: &str) -> Self {
        Location {
            file: file.to_string(),
            line,
            field: Some(field.to_string()),
            ..Location::default()
        }
    }

    /// The same place, naming the field.
    pub fn with_field(mut self, field: &str) -> Self {
        self.field = Some(field.to_string());
        self
    }
}

/// Where one row of a table came from, kept small because a table may hold millions: the
/// table's name (and, for a workbook, its sheet and columns) shared by every row (no copy per
/// row), and the row's line, data row or sheet row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowSource {
    origin: std::sync::Arc<Origin>,
    line: Option<u32>,
    row: Option<u32>,
}

/// A table's name, shared by its rows; for a workbook's sheet, the sheet's name and each
/// column's letter by field, so that a row's field names its cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Origin {
    pub(crate) file: String,
    pub(crate) sheet: Option<SheetOrigin>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SheetOrigin {
    pub(crate) name: String,
    /// (field, 0-based column in the sheet), for the fields the table has.
    pub(crate) columns: Vec<(String, u32)>,
}

impl Origin {
    /// The location of a row: its line (a text file), its data row (records), or its sheet row
    /// (a workbook), naming `field` (and then, in a workbook, its cell).
    pub(crate) fn at(
        &self,
        line: Option<usize>,
        row: Option<usize>,
        field: Option<&str>,
    ) -> Location {
        let sheet = self.sheet.as_ref();
        let cell = sheet.zip(row).zip(field).and_then(|((s, r), f)| {
            let &(_, col) = s.columns.iter().find(|(name, _)| name == f)?;
            Some(cell_name(col, r))
        });
        Location {
            file: self.file.clone(),
            line,
            row,
            field: field.map(str::to_string),
            sheet: sheet.map(|s| s.name.clone()),
            cell,
        }
    }
}

/// A spreadsheet's name for the cell at 0-based column `col`, 1-based row `row`: `C5`.
pub(crate) fn cell_name(col: u32, row: usize) -> String {
    let mut letters = Vec::new();
    let mut n = col as u64 + 1;
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    let letters: String = letters.into_iter().rev().collect();
    format!("{letters}{row}")
}

impl RowSource {
    /// A row of `file`: its 1-based physical line (a text file) or data row (records).
    pub fn new(file: &str, line: Option<usize>, row: Option<usize>) -> Self {
        Self::of(
            std::sync::Arc::new(Origin {
                file: file.to_string(),
                sheet: None,
            }),
            line,
            row,
        )
    }

    pub(crate) fn of(
        origin: std::sync::Arc<Origin>,
        line: Option<usize>,
        row: Option<usize>,
    ) -> Self {
        let small = |n: Option<usize>| n.and_then(|n| u32::try_from(n).ok());
        RowSource {
            origin,
            line: small(line),
            row: small(row),
        }
    }

    /// The row's location, naming `field` (and its cell, in a workbook).
    pub fn at(&self, field: &str) -> Location {
        self.origin.at(self.line(), self.row(), Some(field))
    }

    /// The row's location, with no field.
    pub fn location(&self) -> Location {
        self.origin.at(self.line(), self.row(), None)
    }

    /// The table's name.
    pub fn file(&self) -> &str {
        &self.origin.file
    }

    /// The 1-based physical line, for a text file.
    pub fn line(&self) -> Option<usize> {
        self.line.map(|n| n as usize)
    }

    /// The 1-based data row (records) or sheet row (a workbook).
    pub fn row(&self) -> Option<usize> {
        self.row.map(|n| n as usize)
    }
}

/// `text` in double quotes, escaped, for a message: what `{:?}` writes for ordinary text (`\"`,
/// `\\`, `\t`, `\r`, `\n`, `\0`, and `\u{..}` for any other control character), so an id
/// with a stray space, tab or line break shows it. Characters that print nothing are shown as
/// escapes too, as `{:?}` shows them: the byte order mark (`\u{feff}`), zero-width and
/// directional marks, soft hyphens, variation selectors, line and paragraph separators, and
/// private-use and non-characters. Unlike `{:?}`, combining marks and code points not yet
/// assigned are written as themselves. Every message, the front ends' own among them, quotes
/// text through this one function rather than `{:?}`, whose Unicode tables cost the
/// dashboard's WebAssembly module about 3 KB gzipped (docs/benchmarks.md).
///
/// ```
/// assert_eq!(betteroff::quoted("m1\t").to_string(), "\"m1\\t\"");
/// ```
pub fn quoted<T: AsRef<str>>(text: T) -> Quoted<T> {
    Quoted(text)
}

/// Text written as [`quoted`] writes it.
pub struct Quoted<T>(T);

impl<T: AsRef<str>> fmt::Display for Quoted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_quoted(self.0.as_ref(), f)
    }
}

/// Whether `c` is shown as an escape by [`quoted`].
fn invisible(c: char) -> bool {
    matches!(c,
        '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{ad}' | '\u{34f}' | '\u{61c}'
        | '\u{17b4}' | '\u{17b5}' | '\u{180b}'..='\u{180f}'
        | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{206f}'
        | '\u{fe00}'..='\u{fe0f}' | '\u{feff}' | '\u{fff0}'..='\u{fffb}'
        | '\u{fffe}' | '\u{ffff}' | '\u{e000}'..='\u{f8ff}' | '\u{e0000}'..='\u{e0fff}'
        | '\u{f0000}'..)
}

fn write_quoted(text: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    use fmt::Write;
    f.write_char('"')?;
    let mut plain = 0;
    for (i, c) in text.char_indices() {
        let escape = match c {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\t' => "\\t",
            '\r' => "\\r",
            '\n' => "\\n",
            '\0' => "\\0",
            c if invisible(c) => "",
            _ => continue,
        };
        f.write_str(&text[plain..i])?;
        plain = i + c.len_utf8();
        if escape.is_empty() {
            // Lower-case hex without leading zeros, as `{:?}` writes it.
            write!(f, "\\u{{{:x}}}", u32::from(c))?;
        } else {
            f.write_str(escape)?;
        }
    }
    f.write_str(&text[plain..])?;
    f.write_char('"')
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(sheet) = &self.sheet {
            write!(f, ", sheet {}", quoted(&sheet))?;
        }
        match (&self.cell, self.row) {
            (Some(cell), _) => write!(f, ", cell {cell}")?,
            (None, Some(row)) => write!(f, ", row {row}")?,
            (None, None) => {}
        }
        if let Some(field) = &self.field {
            write!(f, ": field \"{field}\"")?;
        }
        Ok(())
    }
}

/// The kind of a problem; front ends map each to an exception class. New kinds may be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file is not well-formed TOML, JSON or CSV, or a column is missing.
    Syntax,
    /// The scorecard definition is inconsistent (duplicate id, unknown unit, ...).
    Definition,
    /// A period could not be read.
    Period,
    /// A target cannot be resolved as written.
    Target,
    /// An observation, comparator or action row is wrong.
    Data,
    /// An argument given by the caller (not a file) is wrong.
    Usage,
}

crate::json::serialize_as!(ErrorKind, name);

impl ErrorKind {
    /// The kind's name, as front ends print it and name their exception classes after it.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::Syntax => "syntax",
            ErrorKind::Definition => "definition",
            ErrorKind::Period => "period",
            ErrorKind::Target => "target",
            ErrorKind::Data => "data",
            ErrorKind::Usage => "usage",
        }
    }
}

/// One problem with the input: its kind, where it is, and what is wrong, printed as
/// `file:line: field "f": message`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{location}: {message}")]
pub struct Error {
    kind: ErrorKind,
    /// Boxed: a location holds several strings, and an error travels in every `Result`.
    location: Box<Location>,
    message: String,
}

impl Error {
    /// A problem of `kind` at `location`.
    pub fn new(kind: ErrorKind, location: Location, message: impl Into<String>) -> Self {
        Error {
            kind,
            location: Box::new(location),
            message: message.into(),
        }
    }

    /// What kind of problem it is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// Where it is.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// What is wrong, without the location.
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// Every problem found in one go, in the order found, so that `validate` can list them all.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub struct Errors(pub(crate) Vec<Error>);

impl Errors {
    /// A single problem.
    pub fn one(error: Error) -> Self {
        Errors(vec![error])
    }

    /// The kind of the first problem: the one a front end raises as its exception class.
    pub fn kind(&self) -> ErrorKind {
        self.0.first().map_or(ErrorKind::Usage, Error::kind)
    }

    /// Every problem, in the order found.
    pub fn iter(&self) -> impl Iterator<Item = &Error> {
        self.0.iter()
    }

    /// How many problems.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The same problems with each location changed by `f`: for a front end that read the
    /// table itself, to name it as the user knows it (a file's path, its column names).
    pub fn map_locations(mut self, mut f: impl FnMut(&mut Location)) -> Self {
        for e in &mut self.0 {
            f(&mut e.location);
        }
        self
    }

    /// `Ok(())` when there is nothing to report.
    pub fn into_result(self) -> Result<(), Errors> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
}

impl From<Vec<Error>> for Errors {
    fn from(v: Vec<Error>) -> Self {
        Errors(v)
    }
}

impl IntoIterator for Errors {
    type Item = Error;
    type IntoIter = std::vec::IntoIter<Error>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Errors {
    type Item = &'a Error;
    type IntoIter = std::slice::Iter<'a, Error>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl From<Error> for Errors {
    fn from(e: Error) -> Self {
        Errors::one(e)
    }
}

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_names_file_line_and_field() {
        let e = Error::new(
            ErrorKind::Data,
            Location::at("observations.csv", Some(7), "period"),
            "cannot read \"2020-13\" as a period",
        );
        assert_eq!(
            e.to_string(),
            "observations.csv:7: field \"period\": cannot read \"2020-13\" as a period"
        );
        assert_eq!(e.kind(), ErrorKind::Data);
    }

    #[test]
    fn errors_list_one_per_line() {
        let a = Error::new(ErrorKind::Syntax, Location::file("a.csv"), "x");
        let b = Error::new(ErrorKind::Target, Location::file("b.toml"), "y");
        let all = Errors(vec![a, b]);
        assert_eq!(all.to_string(), "a.csv: x\nb.toml: y");
        assert_eq!(all.kind(), ErrorKind::Syntax);
    }

    /// Every character, alone and between letters: `quoted` writes what `{:?}` writes, but
    /// that it may leave as itself a character `{:?}` escapes (the combining marks and the
    /// unassigned code points); it escapes nothing `{:?}` does not.
    #[test]
    fn quoted_writes_what_debug_writes_for_every_character() {
        let mut left_as_is = 0;
        for c in (0..=0x10ffff_u32).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            let ours = quoted(&text).to_string();
            let std = format!("{text:?}");
            if ours != std {
                assert_eq!(ours, format!("\"a{c}b\""), "{:x}", c as u32);
                assert!(std.starts_with("\"a\\u{"), "{:x}: {std}", c as u32);
                left_as_is += 1;
            }
        }
        // Combining marks and unassigned code points (Unicode 16: about 2,300 and 830,000).
        assert!(left_as_is < 840_000, "{left_as_is}");
        assert_eq!(
            quoted("a\u{feff}\tb \"c\" \\ \u{200b}\u{1b}").to_string(),
            "\"a\\u{feff}\\tb \\\"c\\\" \\\\ \\u{200b}\\u{1b}\""
        );
    }
}
