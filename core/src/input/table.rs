//! Reading long-format CSV files: named columns, line numbers for every row, and a clear error
//! for a missing or unknown column, so that nothing in a file is silently ignored.

use crate::error::quoted;
use crate::error::{Error, ErrorKind, Errors, Location, Origin, RowSource};
use crate::keyed::Keyed;
use std::sync::Arc;

/// A parsed CSV file: column positions by name and each row with its line number. Every cell's
/// text is kept in one buffer (`text`, with each cell's span in `spans`, row after row), not a
/// string per cell: a table of millions of rows holds its cells in about the file's size.
pub struct Table {
    /// The file's name (and sheet), shared by every row's source.
    origin: Arc<Origin>,
    columns: Keyed<String, usize>,
    pub rows: Vec<Row>,
    text: String,
    spans: Vec<(u32, u32)>,
    width: usize,
}

pub struct Row {
    /// The line in a text file, or the data row of a table given as records.
    pub place: Place,
    /// The row's index in the table: its cells are `spans[index * width..][..width]`.
    index: usize,
}

/// Cells collected into one buffer as rows are read.
#[derive(Default)]
struct Cells {
    text: String,
    spans: Vec<(u32, u32)>,
}

impl Cells {
    /// Appends one cell; `false` when the buffer would pass 4 GiB (the limits stop far sooner).
    fn push(&mut self, cell: &str) -> bool {
        let (Ok(start), Ok(end)) = (
            u32::try_from(self.text.len()),
            u32::try_from(self.text.len() + cell.len()),
        ) else {
            return false;
        };
        self.text.push_str(cell);
        self.spans.push((start, end));
        true
    }
}

#[derive(Clone, Copy)]
pub enum Place {
    Line(usize),
    Row(usize),
    /// A workbook sheet's row, as the spreadsheet numbers it.
    #[cfg_attr(not(feature = "workbook"), allow(dead_code))]
    SheetRow(usize),
}

impl Place {
    /// (line, row) as a location holds them.
    fn split(self) -> (Option<usize>, Option<usize>) {
        match self {
            Place::Line(l) => (Some(l), None),
            Place::Row(r) | Place::SheetRow(r) => (None, Some(r)),
        }
    }
}

/// A table handed over by a front end (a DataFrame, a list of dicts): column names and rows of
/// cells, `None` for an empty cell. It goes through the same checks as a CSV file.
#[derive(Debug, Clone, Default)]
pub struct Records {
    /// What to call the table in messages, e.g. "observations (DataFrame)".
    pub source: String,
    /// The column names, in order.
    pub columns: Vec<String>,
    /// Each row's cells as text, `None` for an empty cell.
    pub rows: Vec<Vec<Option<String>>>,
}

impl Table {
    /// The columns' names (trimmed, in lower case), in the file's order.
    pub fn column_names(&self) -> Vec<String> {
        let mut named: Vec<(&String, &usize)> = self.columns.iter().collect();
        crate::num::sort_by_key(&mut named, |(_, &i)| i);
        named.into_iter().map(|(n, _)| n.clone()).collect()
    }

    /// The error for `row`, a second row of a published table read as the same figure as
    /// `first` (measure `measure`, `what` area, `period`): it names the first row's line and the
    /// columns among `columns` that tell the two apart.
    #[allow(clippy::too_many_arguments)]
    pub fn second_row(
        &self,
        first: &Row,
        row: &Row,
        field: &str,
        measure: &str,
        what: &str,
        period: crate::model::period::Period,
        columns: &[String],
    ) -> Error {
        let (line, _) = first.place.split();
        Error::new(
            ErrorKind::Data,
            self.at(row, field),
            format!(
                "a second row for measure {}, {what}, {period}: first at {}:{}; {}",
                quoted(&measure),
                self.origin.file,
                line.unwrap_or(0),
                self.telling_apart(first, row, columns)
            ),
        )
    }

    /// Which of `columns` tell rows `a` and `b` apart, in words, with the advice to choose one in
    /// the measure's `from.filters`: for two rows of a published table read as one figure.
    pub fn telling_apart(&self, a: &Row, b: &Row, columns: &[String]) -> String {
        let differ: Vec<String> = columns
            .iter()
            .filter(|c| self.get(a, c) != self.get(b, c))
            .map(|c| {
                format!(
                    "{c} ({} and {})",
                    quoted(&self.get(a, c).unwrap_or("")),
                    quoted(&self.get(b, c).unwrap_or(""))
                )
            })
            .collect();
        if differ.is_empty() {
            "the rows repeat each other: keep one".to_string()
        } else {
            format!(
                "they differ in {}: choose one in the measure's from.filters",
                differ.join(", ")
            )
        }
    }

    /// Whether the table has `column`.
    pub fn has(&self, column: &str) -> bool {
        self.columns.contains_key(column)
    }

    /// The trimmed cell of `column` on `row`; `None` when the column is absent or the cell empty.
    pub fn get<'s>(&'s self, row: &Row, column: &str) -> Option<&'s str> {
        let i = *self.columns.get(column)?;
        let &(start, end) = self.spans.get(row.index * self.width + i)?;
        let cell = self.text.get(start as usize..end as usize)?.trim();
        (!cell.is_empty()).then_some(cell)
    }

    /// Where `row` came from, without copying the file's name.
    pub fn source(&self, row: &Row) -> RowSource {
        let (line, r) = row.place.split();
        RowSource::of(self.origin.clone(), line, r)
    }

    /// Where `field` of `row` is: file and line, data row, or sheet and cell.
    pub fn at(&self, row: &Row, field: &str) -> Location {
        let (line, r) = row.place.split();
        self.origin.at(line, r, Some(field))
    }
}

/// Where a table of rows comes from: a CSV file's text, records (a DataFrame, a list of dicts)
/// or a workbook's sheet. Every reader of rows (observations, comparators, actions, commentary)
/// takes one, so that each reads the three the same way.
#[derive(Clone, Copy)]
pub enum Source<'a> {
    /// A CSV file's text and its name.
    Csv {
        /// The text.
        text: &'a str,
        /// The file's name, for errors.
        file: &'a str,
    },
    /// Rows given as records.
    Records(&'a Records),
    /// A workbook's sheet: problems name the sheet and cell.
    #[cfg(feature = "workbook")]
    Sheet {
        /// The workbook's file name.
        file: &'a str,
        /// The sheet.
        sheet: &'a crate::input::workbook::Sheet,
    },
}

impl Source<'_> {
    /// The table, its header checked against the `required` and `optional` columns.
    pub fn read(&self, required: &[&str], optional: &[&str]) -> Result<Table, Errors> {
        match *self {
            Source::Csv { text, file } => read(text, file, required, optional),
            Source::Records(records) => from_records(records, required, optional),
            #[cfg(feature = "workbook")]
            Source::Sheet { file, sheet } => from_sheet(file, sheet, required, optional),
        }
    }
}

/// Reads `text` (UTF-8; a leading byte-order mark is accepted) with a header row. Column names
/// are matched case-insensitively after trimming. Every required column must be present, and
/// every column must be known.
pub fn read(text: &str, file: &str, required: &[&str], optional: &[&str]) -> Result<Table, Errors> {
    read_columns(text, file, required, Some(optional))
}

/// As [`read`] for a published table whose columns are its own (an EES file's filters and
/// indicators): the required columns must be present, and any other column is kept.
pub fn read_open(text: &str, file: &str, required: &[&str]) -> Result<Table, Errors> {
    read_columns(text, file, required, None)
}

/// `optional`: the other known columns, or `None` for any.
fn read_columns(
    text: &str,
    file: &str,
    required: &[&str],
    optional: Option<&[&str]>,
) -> Result<Table, Errors> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = CsvRecords::new(text);
    let headers: Vec<String> = match records.next() {
        Some(Ok(_)) => records
            .fields()
            .map(|h| h.trim().to_ascii_lowercase())
            .collect(),
        Some(Err(())) => return Err(Errors::one(not_utf8(file, 1))),
        None => Vec::new(),
    };
    let origin = Arc::new(Origin {
        file: file.to_string(),
        sheet: None,
    });
    let columns = check_headers(
        &|h| origin.at(Some(1), None, Some(h)),
        &headers,
        required,
        optional,
    )?;
    // Lines counted from byte offsets, so that the line named is the one an editor shows.
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let bytes = text.as_bytes();
    let line_of = |byte: usize| {
        // A record's offset can point at blank lines the reader skipped before it.
        let mut at = byte.min(bytes.len());
        while at < bytes.len() && matches!(bytes[at], b'\n' | b'\r') {
            at += 1;
        }
        starts.partition_point(|&s| s <= at)
    };
    let mut rows = Vec::new();
    let mut cells = Cells {
        text: String::with_capacity(text.len()),
        spans: Vec::new(),
    };
    let mut errors = Vec::new();
    while let Some(record) = records.next() {
        let Ok(at) = record else {
            errors.push(not_utf8(file, line_of(records.at)));
            continue;
        };
        let line = line_of(at);
        if records.count != headers.len() {
            errors.push(Error::new(
                ErrorKind::Syntax,
                Location {
                    file: file.to_string(),
                    line: Some(line),
                    ..Location::default()
                },
                format!(
                    "this row has {} fields, the header has {}",
                    records.count,
                    headers.len()
                ),
            ));
            continue;
        }
        if !records.fields().all(|c| cells.push(c)) {
            return Err(too_big(file));
        }
        rows.push(Row {
            place: Place::Line(line),
            index: rows.len(),
        });
    }
    Errors(errors).into_result()?;
    Ok(Table {
        origin,
        columns,
        rows,
        text: cells.text,
        spans: cells.spans,
        width: headers.len(),
    })
}

fn too_big(file: &str) -> Errors {
    Errors::one(Error::new(
        ErrorKind::Usage,
        Location::file(file),
        "the table's cells pass 4 GiB; split the file",
    ))
}

/// The same as [`read`] for a table given as records.
pub fn from_records(
    records: &Records,
    required: &[&str],
    optional: &[&str],
) -> Result<Table, Errors> {
    let file = records.source.as_str();
    let headers: Vec<String> = records
        .columns
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let origin = Arc::new(Origin {
        file: file.to_string(),
        sheet: None,
    });
    let columns = check_headers(
        &|h| origin.at(None, None, Some(h)),
        &headers,
        required,
        Some(optional),
    )?;
    let mut errors = Vec::new();
    let mut rows = Vec::with_capacity(records.rows.len());
    let mut arena = Cells::default();
    for (i, cells) in records.rows.iter().enumerate() {
        if cells.len() != headers.len() {
            errors.push(Error::new(
                ErrorKind::Syntax,
                origin.at(None, Some(i + 1), None),
                format!(
                    "this row has {} cells, the table has {} columns",
                    cells.len(),
                    headers.len()
                ),
            ));
            continue;
        }
        if !cells.iter().all(|c| arena.push(c.as_deref().unwrap_or(""))) {
            return Err(too_big(file));
        }
        rows.push(Row {
            place: Place::Row(i + 1),
            index: rows.len(),
        });
    }
    Errors(errors).into_result()?;
    Ok(Table {
        origin,
        columns,
        rows,
        text: arena.text,
        spans: arena.spans,
        width: headers.len(),
    })
}

#[cfg(feature = "workbook")]
/// The same as [`read`] for a workbook's sheet: problems name the sheet and the cell.
pub fn from_sheet(
    file: &str,
    sheet: &crate::input::workbook::Sheet,
    required: &[&str],
    optional: &[&str],
) -> Result<Table, Errors> {
    let headers: Vec<String> = sheet
        .columns
        .iter()
        .map(|(h, _)| h.trim().to_ascii_lowercase())
        .collect();
    let origin = Arc::new(Origin {
        file: file.to_string(),
        sheet: Some(crate::error::SheetOrigin {
            name: sheet.name.clone(),
            columns: headers
                .iter()
                .zip(&sheet.columns)
                .map(|(h, &(_, col))| (h.clone(), col))
                .collect(),
        }),
    });
    let columns = check_headers(
        &|h| origin.at(None, Some(sheet.header_row), Some(h)),
        &headers,
        required,
        Some(optional),
    )?;
    let mut rows = Vec::with_capacity(sheet.rows.len());
    let mut arena = Cells::default();
    for (at, cells) in &sheet.rows {
        // The sheet reader gives every row one cell per column.
        if !cells.iter().all(|c| arena.push(c.as_deref().unwrap_or(""))) {
            return Err(too_big(file));
        }
        rows.push(Row {
            place: Place::SheetRow(*at),
            index: rows.len(),
        });
    }
    Ok(Table {
        origin,
        columns,
        rows,
        text: arena.text,
        spans: arena.spans,
        width: headers.len(),
    })
}

/// `at` names a header's place: a CSV file's line 1, a sheet's header cell, or (records) none.
fn check_headers(
    at: &dyn Fn(&str) -> Location,
    headers: &[String],
    required: &[&str],
    optional: Option<&[&str]>,
) -> Result<Keyed<String, usize>, Errors> {
    let mut errors = Vec::new();
    let mut columns = Keyed::new();
    let known = || {
        required
            .iter()
            .chain(optional.unwrap_or_default())
            .copied()
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (i, h) in headers.iter().enumerate() {
        let unknown = optional.is_some_and(|o| !o.contains(&h.as_str()));
        if !required.contains(&h.as_str()) && unknown {
            errors.push(Error::new(
                ErrorKind::Syntax,
                at(h),
                format!("unknown column {}; the columns are {}", quoted(&h), known()),
            ));
        } else if columns.insert(h.clone(), i).is_some() {
            errors.push(Error::new(
                ErrorKind::Syntax,
                at(h),
                format!("column {} appears twice", quoted(&h)),
            ));
        }
    }
    for r in required {
        if !columns.contains_key(*r) {
            errors.push(Error::new(
                ErrorKind::Syntax,
                at(r),
                format!(
                    "missing column {}; the required columns are {}",
                    quoted(&r),
                    required.join(", ")
                ),
            ));
        }
    }
    Errors(errors).into_result().map(|()| columns)
}

/// The records of a CSV text, each with the byte offset it starts at (blank lines before it
/// included): csv_core's reader (RFC 4180: commas, double quotes, a doubled quote inside
/// quotes, any of CR, LF or CRLF between records; blank lines skipped), which is what the csv
/// crate's reader runs on, without its buffering and its records' own UTF-8 checks: a text
/// split at ASCII bytes stays UTF-8.
struct CsvRecords<'t> {
    input: &'t [u8],
    /// Bytes read so far.
    at: usize,
    reader: csv_core::Reader,
    out: Vec<u8>,
    ends: Vec<usize>,
    /// The last record's number of fields.
    count: usize,
}

impl<'t> CsvRecords<'t> {
    fn new(text: &'t str) -> Self {
        CsvRecords {
            input: text.as_bytes(),
            at: 0,
            reader: csv_core::Reader::new(),
            out: vec![0; 1024],
            ends: vec![0; 16],
            count: 0,
        }
    }

    /// The next record's byte offset (its fields are then [`Self::fields`]); `Err` when its
    /// fields are not UTF-8, which a text cannot give: it would be the reader's fault,
    /// reported, not hidden. The buffers are reused: no allocation per record.
    fn next(&mut self) -> Option<Result<usize, ()>> {
        let start = self.at;
        let (mut out, mut ends) = (0, 0);
        loop {
            let (result, read, written, ended) = self.reader.read_record(
                &self.input[self.at..],
                &mut self.out[out..],
                &mut self.ends[ends..],
            );
            self.at += read;
            out += written;
            ends += ended;
            match result {
                csv_core::ReadRecordResult::InputEmpty => {}
                csv_core::ReadRecordResult::OutputFull => {
                    let n = self.out.len();
                    self.out.resize(n * 2, 0);
                }
                csv_core::ReadRecordResult::OutputEndsFull => {
                    let n = self.ends.len();
                    self.ends.resize(n * 2, 0);
                }
                csv_core::ReadRecordResult::Record => break,
                csv_core::ReadRecordResult::End => return None,
            }
        }
        self.count = ends;
        let mut from = 0;
        for &end in &self.ends[..ends] {
            if std::str::from_utf8(&self.out[from..end]).is_err() {
                return Some(Err(()));
            }
            from = end;
        }
        Some(Ok(start))
    }

    /// The fields of the record [`Self::next`] gave (checked there as UTF-8).
    fn fields(&self) -> impl Iterator<Item = &str> {
        let ends = &self.ends[..self.count];
        (0..ends.len()).map(move |i| {
            let from = if i == 0 { 0 } else { ends[i - 1] };
            std::str::from_utf8(&self.out[from..ends[i]]).unwrap_or_default()
        })
    }
}

fn not_utf8(file: &str, line: usize) -> Error {
    Error::new(
        ErrorKind::Syntax,
        Location {
            file: file.to_string(),
            line: Some(line),
            ..Location::default()
        },
        "the file is not valid UTF-8; save it as UTF-8",
    )
}

/// Reads a finite number. Thousands separators, NaN and infinity are refused with a reason.
pub fn number(cell: &str) -> Result<f64, String> {
    if cell.contains(',') {
        return Err(format!(
            "{} is not a number: write it without thousands separators",
            quoted(&cell)
        ));
    }
    match crate::num::parse_decimal(cell) {
        Some(x) if x.is_finite() => Ok(x),
        Some(_) => Err(format!("{} is not a finite number", quoted(&cell))),
        None => Err(format!("{} is not a number", quoted(&cell))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each row's line (0 for a row that is not a line).
    fn lines_of(t: &Table) -> Vec<usize> {
        t.rows
            .iter()
            .map(|r| match r.place {
                Place::Line(l) => l,
                Place::Row(_) | Place::SheetRow(_) => 0,
            })
            .collect()
    }

    #[test]
    fn rows_carry_their_line_numbers_and_bom_is_accepted() {
        let t = read(
            "\u{feff}Measure,Value\nA,1\n\nB,2\n",
            "o.csv",
            &["measure", "value"],
            &[],
        )
        .unwrap();
        let lines = lines_of(&t);
        assert_eq!(lines, [2, 4]);
        assert_eq!(t.get(&t.rows[1], "measure"), Some("B"));
    }

    /// RFC 4180 as a spreadsheet writes it, worked by hand: a quoted cell holding a line break
    /// (so the next record starts two lines on), a doubled quote, CRLF and a blank line; a
    /// cell longer than the reader's first buffer and more cells than its first table of ends;
    /// a short row named by its own line.
    #[test]
    fn quoted_cells_long_cells_and_short_rows() {
        let long = "x".repeat(5000);
        let text = format!("a,b\r\n\"x\ny\",1\r\n\r\nz,\"q\"\"q\"\n{long},2\n");
        let t = read(&text, "o.csv", &["a", "b"], &[]).unwrap();
        let lines = lines_of(&t);
        assert_eq!(lines, [2, 5, 6]);
        assert_eq!(t.get(&t.rows[0], "a"), Some("x\ny"));
        assert_eq!(t.get(&t.rows[1], "b"), Some("q\"q"));
        assert_eq!(t.get(&t.rows[2], "a"), Some(long.as_str()));
        let wide: Vec<String> = (0..40).map(|i| format!("c{i}")).collect();
        let text = format!(
            "{}\n{}\n",
            wide.join(","),
            (0..40).map(|i| i.to_string()).collect::<Vec<_>>().join(",")
        );
        let names: Vec<&str> = wide.iter().map(String::as_str).collect();
        let t = read_open(&text, "w.csv", &names).unwrap();
        assert_eq!(t.get(&t.rows[0], "c39"), Some("39"));
        let e = read("a,b\n1,2\n\n3\n", "o.csv", &["a", "b"], &[])
            .err()
            .unwrap();
        assert_eq!(
            e.to_string(),
            "o.csv:4: this row has 1 fields, the header has 2"
        );
    }

    #[test]
    fn unknown_and_missing_columns_are_errors() {
        let e = read("measure,valeu\n", "o.csv", &["measure", "value"], &[])
            .err()
            .unwrap();
        let text = e.to_string();
        assert!(
            text.contains("o.csv:1: field \"valeu\": unknown column"),
            "{text}"
        );
        assert!(text.contains("missing column \"value\""), "{text}");
    }

    #[test]
    fn ragged_rows_are_errors() {
        let e = read("a,b\n1,2,3\n", "o.csv", &["a", "b"], &[])
            .err()
            .unwrap();
        assert!(
            e.to_string().contains("o.csv:2: this row has 3 fields"),
            "{e}"
        );
    }

    #[test]
    fn records_name_their_rows() {
        let rec = Records {
            source: "observations (DataFrame)".into(),
            columns: vec!["Measure".into(), "value".into()],
            rows: vec![vec![Some("A".into()), None], vec![Some("B".into())]],
        };
        let e = from_records(&rec, &["measure", "value"], &[])
            .err()
            .unwrap();
        assert_eq!(
            e.to_string(),
            "observations (DataFrame), row 2: this row has 1 cells, the table has 2 columns"
        );
        let ok = Records {
            rows: vec![vec![Some("A".into()), None]],
            ..rec
        };
        let t = from_records(&ok, &["measure", "value"], &[]).unwrap();
        assert_eq!(t.get(&t.rows[0], "value"), None);
        assert_eq!(
            t.at(&t.rows[0], "value").to_string(),
            "observations (DataFrame), row 1: field \"value\""
        );
    }

    #[test]
    fn numbers() {
        assert_eq!(number("4.5"), Ok(4.5));
        assert!(number("NaN").unwrap_err().contains("finite"));
        assert!(number("inf").unwrap_err().contains("finite"));
        assert!(number("1,568").unwrap_err().contains("thousands"));
        assert!(number("abc").is_err());
    }
}
