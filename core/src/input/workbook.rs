//! Workbooks (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`, read by `calamine`): each sheet as a
//! table of text cells, so that a workbook's observations, comparators and actions go through
//! the same checks as a CSV file, and every problem names its sheet and cell.
//!
//! A cell is read as typed: a number as the shortest text that reads back as the same number
//! (`32`, `0.1`), a date or date and time (an Excel date serial with a date format, or an
//! OpenDocument date) as ISO 8601 (`2019-04-01`, `2019-04-30T10:00:00`), so the period reader
//! and its measure's frequency see what the analyst typed. A spreadsheet error (`#DIV/0!`,
//! `#N/A`) or a duration is refused, naming the cell: never read as text or as zero.

use crate::error::quoted;
use crate::error::{cell_name, Error, ErrorKind, Errors, Location};
use calamine::{Data, Reader};
use std::io::Cursor;

/// One sheet: its header (the first row with a cell filled) and the rows below it.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The sheet's name, as the workbook gives it.
    pub name: String,
    /// The 1-based row of the header.
    pub header_row: usize,
    /// Each column's heading and its 0-based column in the sheet.
    pub columns: Vec<(String, u32)>,
    /// Each row that has a cell filled: its 1-based sheet row and one cell per column (`None`
    /// when empty).
    pub rows: Vec<(usize, Vec<Option<String>>)>,
}

/// An opened workbook, read sheet by sheet.
pub struct Workbook<'a> {
    file: &'a str,
    sheets: calamine::Sheets<Cursor<&'a [u8]>>,
}

/// Whether a file's name is a workbook's (by its extension).
pub fn is_workbook(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"]
        .iter()
        .any(|e| lower.ends_with(e))
}

/// Opens the workbook `bytes`; `file` names it in errors.
pub fn open<'a>(bytes: &'a [u8], file: &'a str) -> Result<Workbook<'a>, Errors> {
    calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map(|sheets| Workbook { file, sheets })
        .map_err(|e| {
            Errors::one(Error::new(
                ErrorKind::Syntax,
                Location::file(file),
                format!("not a workbook that can be read (.xlsx, .xlsm, .xlsb, .xls or .ods): {e}"),
            ))
        })
}

impl Workbook<'_> {
    /// The sheets' names, in the workbook's order.
    pub fn names(&self) -> Vec<String> {
        self.sheets.sheet_names()
    }

    /// Reads the sheet `name`, its header the first row with a cell filled: every problem in
    /// it at once, each naming its cell.
    pub fn sheet(&mut self, name: &str) -> Result<Sheet, Errors> {
        self.sheet_below(name, 0)
    }

    /// As [`Workbook::sheet`], with the header in the 1-based row `header_row` (a published
    /// workbook's title rows above it are left).
    pub fn sheet_with_header(&mut self, name: &str, header_row: usize) -> Result<Sheet, Errors> {
        self.sheet_below(name, header_row.saturating_sub(1))
    }

    fn sheet_below(&mut self, name: &str, skip: usize) -> Result<Sheet, Errors> {
        let file = self.file;
        let at = |cell: Option<String>| Location {
            file: file.to_string(),
            sheet: Some(name.to_string()),
            cell,
            ..Location::default()
        };
        let range = self.sheets.worksheet_range(name).map_err(|e| {
            Errors::one(Error::new(
                ErrorKind::Syntax,
                at(None),
                format!("the sheet cannot be read: {e}"),
            ))
        })?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut errors = Vec::new();
        let mut text_rows = Vec::new();
        for (i, cells) in range.rows().enumerate() {
            let row = top as usize + i + 1;
            if row <= skip {
                continue;
            }
            let mut out = Vec::with_capacity(cells.len());
            for (j, cell) in cells.iter().enumerate() {
                let col = left + j as u32;
                match text(cell) {
                    Ok(t) => out.push(t),
                    Err(why) => {
                        errors.push(Error::new(
                            ErrorKind::Data,
                            at(Some(cell_name(col, row))),
                            why,
                        ));
                        out.push(None);
                    }
                }
            }
            if out.iter().any(Option::is_some) {
                text_rows.push((row, out));
            }
        }
        let mut rows = text_rows.into_iter();
        let Some((header_row, header)) = rows.next() else {
            Errors(errors).into_result()?;
            return Err(Errors::one(Error::new(
                ErrorKind::Syntax,
                at(None),
                "the sheet is empty: it needs a header row and a row of data",
            )));
        };
        let rows: Vec<(usize, Vec<Option<String>>)> = rows.collect();
        // A column with no heading is dropped when it is empty throughout; a value under no
        // heading is an error, not a cell silently left out.
        let mut keep = Vec::new();
        let mut columns = Vec::new();
        for (j, h) in header.iter().enumerate() {
            let col = left + j as u32;
            match h {
                Some(h) => {
                    keep.push(j);
                    columns.push((h.clone(), col));
                }
                None => {
                    if let Some((r, _)) = rows.iter().find(|(_, cells)| cells[j].is_some()) {
                        errors.push(Error::new(
                            ErrorKind::Syntax,
                            at(Some(cell_name(col, *r))),
                            format!(
                                "this cell has a value, and its column has no heading in row {header_row}: name the column, or clear it"
                            ),
                        ));
                    }
                }
            }
        }
        Errors(errors).into_result()?;
        let rows = rows
            .into_iter()
            .map(|(r, mut cells)| {
                let kept = keep.iter().map(|&j| cells[j].take()).collect();
                (r, kept)
            })
            .collect();
        Ok(Sheet {
            name: name.to_string(),
            header_row,
            columns,
            rows,
        })
    }
}

/// A cell as the text its reader would see; `None` when empty; `Err` for what has no text.
fn text(cell: &Data) -> Result<Option<String>, String> {
    Ok(match cell {
        Data::Empty => None,
        Data::String(s) if s.trim().is_empty() => None,
        Data::String(s) => Some(s.clone()),
        Data::Int(i) => Some(i.to_string()),
        Data::Float(x) if x.is_finite() => Some(x.to_string()),
        Data::Float(_) => return Err("the cell's number is not finite".into()),
        Data::Bool(b) => Some(if *b { "TRUE" } else { "FALSE" }.into()),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, mo, day, h, mi, s, ms) = d.to_ymd_hms_milli();
            if (h, mi, s, ms) == (0, 0, 0, 0) {
                Some(format!("{y:04}-{mo:02}-{day:02}"))
            } else {
                Some(format!("{y:04}-{mo:02}-{day:02}T{h:02}:{mi:02}:{s:02}"))
            }
        }
        Data::DateTime(_) | Data::DurationIso(_) => {
            return Err("the cell holds a duration, not a date or a number".into())
        }
        Data::DateTimeIso(s) => Some(s.clone()),
        Data::Error(e) => {
            return Err(format!(
                "the cell holds the spreadsheet error {e}: enter the figure, or leave the cell empty and give a flag"
            ))
        }
    })
}

/// What a workbook's sheet holds, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SheetKind {
    Observations,
    Comparators,
    Actions,
    Commentary,
    Annotations,
}

impl SheetKind {
    const ALL: [SheetKind; 5] = [
        SheetKind::Observations,
        SheetKind::Comparators,
        SheetKind::Actions,
        SheetKind::Commentary,
        SheetKind::Annotations,
    ];

    pub(crate) fn name(self) -> &'static str {
        match self {
            SheetKind::Observations => "observations",
            SheetKind::Comparators => "comparators",
            SheetKind::Actions => "actions",
            SheetKind::Commentary => "commentary",
            SheetKind::Annotations => "annotations",
        }
    }

    /// The kind a sheet (or file stem) is named for: its name, trimmed, in any case.
    fn named(name: &str) -> Option<SheetKind> {
        let name = name.trim().to_lowercase();
        Self::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The kind a name mentions without being exactly (`Observations 2024`, `comparator`).
    fn mentioned(name: &str) -> Option<SheetKind> {
        let name = name.to_lowercase();
        Self::ALL
            .into_iter()
            .find(|k| name.contains(k.name().trim_end_matches('s')))
    }
}

/// The sheets a scorecard reads from a workbook `file` with sheets `names`, and what each holds:
/// those named for a kind; else, in a workbook named for a kind (`observations.xlsx`), its
/// first sheet. A second sheet of a kind, or one whose name mentions a kind without being it
/// (`Observations 2024`), is an error, not a sheet silently skipped.
pub(crate) fn chosen_sheets(
    file: &str,
    names: &[String],
) -> Result<Vec<(String, SheetKind)>, Errors> {
    let mut errors = Vec::new();
    let mut chosen: Vec<(String, SheetKind)> = Vec::new();
    for n in names {
        match (SheetKind::named(n), SheetKind::mentioned(n)) {
            (Some(k), _) => {
                if let Some((first, _)) = chosen.iter().find(|(_, c)| *c == k) {
                    errors.push(Error::new(ErrorKind::Syntax, sheet_at(file, n), format!(
                        "a second sheet of {}: {} is one already; keep one sheet of each kind", k.name(), quoted(&first))));
                } else {
                    chosen.push((n.clone(), k));
                }
            }
            (None, Some(k)) => errors.push(Error::new(ErrorKind::Syntax, sheet_at(file, n), format!(
                "the sheet is not read: name it {} to read it as {}, or rename it so that it does not look like one", quoted(&k.name()), k.name()))),
            (None, None) => {}
        }
    }
    let stem = crate::input::file_name(file)
        .rsplit_once('.')
        .map_or(file, |(stem, _)| stem);
    if chosen.is_empty() && errors.is_empty() {
        match (SheetKind::named(stem), names.first()) {
            (Some(k), Some(first)) => chosen.push((first.clone(), k)),
            _ => errors.push(Error::new(ErrorKind::Syntax, Location::file(file), format!(
                "the workbook has no sheet named observations, comparators or actions (its sheets are {}): name the sheets so, or name the file observations.xlsx (comparators, actions) to read its first sheet",
                names.iter().map(|n| quoted(n).to_string()).collect::<Vec<_>>().join(", ")))),
        }
    }
    Errors(errors).into_result()?;
    Ok(chosen)
}

/// A workbook's sheet, as a location.
fn sheet_at(file: &str, sheet: &str) -> Location {
    Location {
        sheet: Some(sheet.to_string()),
        ..Location::file(file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{CellErrorType, ExcelDateTime, ExcelDateTimeType};

    #[test]
    fn cells_read_as_typed() {
        assert_eq!(text(&Data::Float(32.0)), Ok(Some("32".into())));
        assert_eq!(text(&Data::Float(0.1)), Ok(Some("0.1".into())));
        assert_eq!(text(&Data::Int(-4)), Ok(Some("-4".into())));
        assert_eq!(text(&Data::String("  ".into())), Ok(None));
        // 43556 is 2019-04-01 in Excel's 1900 date system; 43585.5 is 2019-04-30 12:00.
        let date = |v| Data::DateTime(ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false));
        assert_eq!(text(&date(43556.0)), Ok(Some("2019-04-01".into())));
        assert_eq!(text(&date(43585.5)), Ok(Some("2019-04-30T12:00:00".into())));
        // The 1904 system counts 1462 days fewer to the same date.
        let d1904 = Data::DateTime(ExcelDateTime::new(
            42094.0,
            ExcelDateTimeType::DateTime,
            true,
        ));
        assert_eq!(text(&d1904), Ok(Some("2019-04-01".into())));
        assert!(text(&Data::Error(CellErrorType::Div0))
            .unwrap_err()
            .contains("#DIV/0!"));
    }

    #[test]
    fn cells_are_named_as_a_spreadsheet_names_them() {
        assert_eq!(cell_name(0, 1), "A1");
        assert_eq!(cell_name(25, 7), "Z7");
        assert_eq!(cell_name(26, 2), "AA2");
        assert_eq!(cell_name(701, 3), "ZZ3");
        assert_eq!(cell_name(702, 3), "AAA3");
    }
}
