//! `betteroff score`: a long table of areas x measures x periods, from a CSV or Parquet file or a
//! PostgreSQL query, scored against a definition by `betteroff_arrow::score_table` (the adapter
//! Python's `score_table` uses, so that both give the same scores), the scores out as CSV or
//! Parquet. Problems name the file and line (CSV), the row (Parquet, a query) and the column.

use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::builder::{Float64Builder, StringDictionaryBuilder};
use arrow_array::types::UInt32Type;
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use betteroff::{Error, ErrorKind, Errors, Location, Period};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::{ArrowWriter, ProjectionMask};

use crate::progress::Progress;
use crate::{load, Failure};

/// `betteroff score`'s arguments.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("input").required(true).args(["table", "from_sql"])))]
pub struct ScoreArgs {
    /// The long table: one row per area, measure and period, each area's rows of a measure
    /// together and in time order. CSV (a header row) or Parquet (told apart by the file's
    /// first bytes).
    #[arg(value_name = "TABLE")]
    pub table: Option<PathBuf>,
    /// The scorecard definition the measures come from: a scorecard.toml or scorecard.json, or
    /// a folder holding one.
    #[arg(long, short = 's', value_name = "DEFINITION")]
    pub scorecard: PathBuf,
    /// Write the scores here (CSV, or Parquet when the name ends .parquet or .pq); without
    /// it, CSV on stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The output format, when the file name does not say.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub to: Option<TableFormat>,
    /// The reporting period, written as in the data; without it, each series' latest period.
    #[arg(long, value_name = "PERIOD", value_parser = crate::parse_period)]
    pub as_of: Option<Period>,
    /// One row per input row, with its SPC rule and point type, instead of one per series.
    #[arg(long)]
    pub points: bool,
    /// The batch matrix of Making Data Count's icons instead of the scores: one row per
    /// measure (or area), how many of its series have each variation and assurance icon,
    /// concern first.
    #[arg(long, value_enum, value_name = "BY", conflicts_with = "points")]
    pub summary: Option<SummaryBy>,
    /// Named comparators' figures (England, the region) with the columns of comparators.csv
    /// (measure, period, comparator, value), CSV or Parquet: comparator and gap targets
    /// resolve to them.
    #[arg(long, value_name = "FILE")]
    pub comparators: Option<PathBuf>,
    /// The column naming the area (text or whole numbers).
    #[arg(long, default_value = "area", value_name = "COLUMN")]
    pub area: String,
    /// The column holding the definition's measure ids.
    #[arg(long, default_value = "measure", value_name = "COLUMN")]
    pub measure: String,
    /// The column holding the periods, written as in a scorecard's data.
    #[arg(long, default_value = "period", value_name = "COLUMN")]
    pub period: String,
    /// The column holding the figures (empty, or null, where a figure is missing).
    #[arg(long, default_value = "value", value_name = "COLUMN")]
    pub value: String,
    /// Score the true figures, small counts included: for internal use only.
    #[arg(long)]
    pub no_disclosure_control: bool,
    /// Read the rows from PostgreSQL instead of a file: a connection string
    /// (postgresql://user:password@host:port/db, or host=... user=... dbname=...), with
    /// --query. No message shows the password. No TLS: for a server on this machine or a
    /// trusted network.
    #[arg(long, value_name = "URL", requires = "query")]
    pub from_sql: Option<String>,
    /// The query giving the rows (with --from-sql), ordered so that each series is together
    /// and in time order: SELECT area, measure, period, value FROM ... ORDER BY area, measure,
    /// period.
    #[arg(long, value_name = "SQL", requires = "from_sql")]
    pub query: Option<String>,
}

/// What the batch matrix has a row for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SummaryBy {
    Measure,
    Area,
}

/// What `score` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TableFormat {
    Csv,
    Parquet,
}

/// A table read for scoring, with what its messages need: its name and, for a CSV file, the
/// line each row began on.
struct Table {
    batch: RecordBatch,
    name: String,
    lines: Option<Lines>,
}

pub fn run(a: ScoreArgs, quiet: bool) -> Result<(), Failure> {
    let progress = Progress::new(quiet);
    let card = load::definition(&a.scorecard, &progress)?;
    let text = [a.area.as_str(), a.measure.as_str(), a.period.as_str()];
    let input = match (&a.table, &a.from_sql, &a.query) {
        (Some(path), None, _) => read_path(path, &text, &a.value, &progress)?,
        (None, Some(url), Some(query)) => read_sql(url, query, &text, &a.value, &progress)?,
        _ => {
            return Err(Failure::Usage(
                "score",
                "give a TABLE file, or --from-sql with --query".into(),
            ))
        }
    };
    let comparators = match &a.comparators {
        Some(path) => Some(read_path(
            path,
            &["measure", "period", "comparator"],
            "value",
            &progress,
        )?),
        None => None,
    };
    let request = betteroff_arrow::ScoreRequest {
        table: &input.name,
        comparators: comparators.as_ref().map_or("comparators", |c| &c.name),
        area: &a.area,
        measure: &a.measure,
        period: &a.period,
        value: &a.value,
        as_of: a.as_of,
        points: a.points,
        summary: a.summary.map(|b| match b {
            SummaryBy::Measure => betteroff_arrow::By::Measure,
            SummaryBy::Area => betteroff_arrow::By::Area,
        }),
        disclosure_control: !a.no_disclosure_control,
    };
    progress.working(format!("Scoring {} rows", input.batch.num_rows()));
    let scores = betteroff_arrow::score_table(
        &input.batch,
        comparators.as_ref().map(|c| &c.batch),
        card.definition(),
        &request,
    )
    .map_err(|e| {
        let e = input.locate(e);
        Failure::Invalid(match &comparators {
            Some(c) => c.locate(e),
            None => e,
        })
    })?;
    progress.working(format!("Writing {} rows", scores.num_rows()));
    let format = a.to.unwrap_or(match &a.output {
        Some(p) if has_extension(p, &["parquet", "pq"]) => TableFormat::Parquet,
        _ => TableFormat::Csv,
    });
    let written = write(&scores, a.output.as_deref(), format);
    progress.finish();
    written
}

fn has_extension(p: &Path, exts: &[&str]) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| exts.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// A CSV or Parquet file, told apart by Parquet's magic bytes.
fn read_path(
    path: &Path,
    text: &[&str],
    value: &str,
    progress: &Progress,
) -> Result<Table, Failure> {
    let name = path.display().to_string();
    let cannot = |e: std::io::Error| Failure::Io(format!("cannot read {name}: {e}"));
    let mut file = File::open(path).map_err(cannot)?;
    let mut magic = [0u8; 4];
    let n = file.read(&mut magic).map_err(cannot)?;
    let file = File::open(path).map_err(cannot)?;
    if n == 4 && &magic == b"PAR1" {
        progress.working(format!("Reading {name}"));
        let mut wanted = text.to_vec();
        wanted.push(value);
        return read_parquet(file, name, &wanted);
    }
    let len = file.metadata().ok().map(|m| m.len());
    let reader = progress.bytes(format!("Reading {name}"), len, file);
    let (batch, lines) = read_csv(reader, &name, text, value)?;
    Ok(Table {
        batch,
        name,
        lines: Some(lines),
    })
}

fn read_parquet(file: File, name: String, wanted: &[&str]) -> Result<Table, Failure> {
    let bad = |e: parquet::errors::ParquetError| Failure::Data(format!("{name}: {e}"));
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).map_err(bad)?;
    // Only the columns scored are read; one that is absent is reported by the scoring, with the
    // file's columns.
    let present: Vec<&str> = wanted
        .iter()
        .copied()
        .filter(|w| builder.schema().fields().iter().any(|f| f.name() == w))
        .collect();
    let mask = ProjectionMask::columns(builder.parquet_schema(), present.iter().copied());
    let schema = builder.schema().clone();
    let reader = builder.with_projection(mask).build().map_err(bad)?;
    let batches = reader
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| Failure::Data(format!("{name}: {e}")))?;
    let schema = batches.first().map_or(schema, |b| b.schema());
    let batch = betteroff_arrow::one_batch(batches, schema).map_err(Failure::Invalid)?;
    Ok(Table {
        batch,
        name,
        lines: None,
    })
}

/// The rows of a PostgreSQL query, through COPY ... TO STDOUT as CSV: read exactly as a CSV
/// file is (numbers as the server prints them, NULL as an empty cell, a missing figure).
fn read_sql(
    url: &str,
    query: &str,
    text: &[&str],
    value: &str,
    progress: &Progress,
) -> Result<Table, Failure> {
    let shown = redact(url);
    progress.working(format!("Connecting to {shown}"));
    let mut client = postgres::Client::connect(url, postgres::NoTls)
        .map_err(|e| Failure::Data(format!("cannot connect to {shown}: {}", db_error(&e))))?;
    let copy = format!(
        "COPY ({}) TO STDOUT WITH (FORMAT csv, HEADER true)",
        query.trim().trim_end_matches(';')
    );
    let reader = client
        .copy_out(copy.as_str())
        .map_err(|e| Failure::Data(format!("the query failed: {}", db_error(&e))))?;
    let reader = progress.bytes("Reading the query's rows".into(), None, reader);
    let (batch, _) = read_csv(reader, "query", text, value)?;
    Ok(Table {
        batch,
        name: "query".into(),
        lines: None,
    })
}

/// The server's own message (its `ERROR: ...` line), not only the client's summary.
fn db_error(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!("{}: {}", db.severity(), db.message()),
        None => e.to_string(),
    }
}

/// A connection string without its password, for messages.
fn redact(url: &str) -> String {
    if let Some((scheme, rest)) = url.split_once("://") {
        if let Some((user, host)) = rest.split_once('@') {
            let user = user.split(':').next().unwrap_or("");
            return format!("{scheme}://{user}@{host}");
        }
        return url.to_string();
    }
    // Key-value form: drop password=...
    url.split_whitespace()
        .filter(|kv| !kv.starts_with("password="))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Where each CSV row began: data row r (1-based) is on line r + 1 unless a quoted cell held a
/// line break, after which every row's line is kept.
#[derive(Debug, Default)]
struct Lines {
    exact: Option<Vec<u64>>,
}

impl Lines {
    fn push(&mut self, index: usize, line: u64) {
        match &mut self.exact {
            Some(v) => v.push(line),
            None if line != index as u64 + 2 => {
                let mut v: Vec<u64> = (0..index as u64).map(|i| i + 2).collect();
                v.push(line);
                self.exact = Some(v);
            }
            None => {}
        }
    }

    fn line(&self, row: usize) -> usize {
        let guess = row + 1;
        match &self.exact {
            Some(v) => row
                .checked_sub(1)
                .and_then(|i| v.get(i))
                .map_or(guess, |&l| usize::try_from(l).unwrap_or(guess)),
            None => guess,
        }
    }
}

impl Table {
    /// The core's problems in this table, with a CSV row's line in place of its row number.
    fn locate(&self, errors: Errors) -> Errors {
        errors.map_locations(|at| {
            if at.file != self.name {
                return;
            }
            if let (Some(lines), Some(row)) = (&self.lines, at.row) {
                at.line = Some(lines.line(row));
                at.row = None;
            }
        })
    }
}

fn at(file: &str, line: u64, field: Option<&str>) -> Location {
    Location {
        file: file.to_string(),
        line: usize::try_from(line).ok(),
        field: field.map(str::to_string),
        ..Location::default()
    }
}

/// A CSV table's `text` columns (dictionary-encoded text, empty as missing) and its `value`
/// column (numbers, empty as a missing figure), as one record batch; other columns are left.
fn read_csv<R: Read>(
    reader: R,
    name: &str,
    text: &[&str],
    value: &str,
) -> Result<(RecordBatch, Lines), Failure> {
    let syntax = |line: u64, why: String| {
        Failure::Invalid(Errors::one(Error::new(
            ErrorKind::Syntax,
            at(name, line, None),
            why,
        )))
    };
    let mut csv = csv::ReaderBuilder::new().from_reader(reader);
    let headers = csv
        .headers()
        .map_err(|e| syntax(1, format!("cannot read the header row: {e}")))?
        .clone();
    let header: Vec<&str> = headers
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim())
        .collect();
    let find = |c: &str| {
        header.iter().position(|h| *h == c).ok_or_else(|| {
            syntax(
                1,
                format!(
                    "there is no column \"{c}\" (the header row has: {})",
                    header.join(", ")
                ),
            )
        })
    };
    let text_at = text
        .iter()
        .map(|c| find(c))
        .collect::<Result<Vec<_>, _>>()?;
    let value_at = find(value)?;
    let mut texts: Vec<StringDictionaryBuilder<UInt32Type>> = text
        .iter()
        .map(|_| StringDictionaryBuilder::new())
        .collect();
    let mut values = Float64Builder::new();
    let mut lines = Lines::default();
    let mut record = csv::StringRecord::new();
    let mut index = 0usize;
    loop {
        match csv.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map_or(index as u64 + 2, |p| p.line());
                return Err(syntax(line, format!("not well-formed CSV: {e}")));
            }
        }
        let line = record.position().map_or(index as u64 + 2, |p| p.line());
        lines.push(index, line);
        for (b, &i) in texts.iter_mut().zip(&text_at) {
            match record.get(i).map(str::trim) {
                Some("") | None => b.append_null(),
                Some(t) => b.append_value(t),
            }
        }
        match record.get(value_at).map(str::trim) {
            Some("") | None => values.append_null(),
            Some(v) => match v.parse::<f64>() {
                Ok(x) if x.is_finite() => values.append_value(x),
                _ => {
                    return Err(Failure::Invalid(Errors::one(Error::new(
                        ErrorKind::Data,
                        at(name, line, Some(value)),
                        format!(
                            "cannot read {} as a number: write the figure as a plain \
                             number (12.5, not 12.5% or 1,250), or leave the cell empty for a \
                             missing figure",
                            betteroff::quoted(v)
                        ),
                    ))))
                }
            },
        }
        index += 1;
    }
    let mut fields = Vec::new();
    let mut columns: Vec<ArrayRef> = Vec::new();
    for (c, mut b) in text.iter().zip(texts) {
        let a = b.finish();
        fields.push(Field::new(*c, a.data_type().clone(), true));
        columns.push(Arc::new(a));
    }
    fields.push(Field::new(value, DataType::Float64, true));
    columns.push(Arc::new(values.finish()));
    let batch = RecordBatch::try_new(Arc::new(Schema::new(fields)), columns)
        .map_err(|e| Failure::Data(format!("{name}: {e}")))?;
    Ok((batch, lines))
}

/// The scores as CSV (dictionary columns written as their text) or Parquet.
fn write(batch: &RecordBatch, path: Option<&Path>, format: TableFormat) -> Result<(), Failure> {
    let shown = path.map_or("stdout".to_string(), |p| p.display().to_string());
    let failed = |e: String| Failure::Io(format!("cannot write {shown}: {e}"));
    match (format, path) {
        (TableFormat::Parquet, None) => Err(Failure::Usage(
            "score",
            "Parquet is written to a file: give --output FILE.parquet".into(),
        )),
        (TableFormat::Parquet, Some(p)) => {
            let file = File::create(p).map_err(|e| failed(e.to_string()))?;
            let mut w = ArrowWriter::try_new(file, batch.schema(), None)
                .map_err(|e| failed(e.to_string()))?;
            w.write(batch).map_err(|e| failed(e.to_string()))?;
            w.close().map(|_| ()).map_err(|e| failed(e.to_string()))
        }
        (TableFormat::Csv, _) => {
            let plain = plain_text(batch).map_err(|e| failed(e.to_string()))?;
            let sink: Box<dyn Write> = match path {
                Some(p) => Box::new(File::create(p).map_err(|e| failed(e.to_string()))?),
                None => Box::new(std::io::stdout().lock()),
            };
            let mut w = arrow_csv::WriterBuilder::new()
                .with_header(true)
                .build(BufWriter::new(sink));
            match w.write(&plain) {
                Ok(()) => Ok(()),
                // A closed pipe (`| head`) is not an error worth reporting.
                Err(_) if path.is_none() => Ok(()),
                Err(e) => Err(failed(e.to_string())),
            }
        }
    }
}

/// Dictionary-encoded columns as plain text, for CSV.
fn plain_text(batch: &RecordBatch) -> Result<RecordBatch, arrow_schema::ArrowError> {
    let mut fields = Vec::new();
    let mut columns = Vec::new();
    for (f, c) in batch.schema().fields().iter().zip(batch.columns()) {
        if matches!(f.data_type(), DataType::Dictionary(..)) {
            columns.push(arrow_cast::cast(c, &DataType::Utf8)?);
            fields.push(Field::new(f.name(), DataType::Utf8, f.is_nullable()));
        } else {
            columns.push(c.clone());
            fields.push(f.as_ref().clone());
        }
    }
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_never_reaches_a_message() {
        assert_eq!(
            redact("postgresql://ana:s3cret@db.example:5432/perf"),
            "postgresql://ana@db.example:5432/perf"
        );
        assert_eq!(
            redact("host=db user=ana password=s3cret dbname=perf"),
            "host=db user=ana dbname=perf"
        );
        assert_eq!(redact("postgresql://db/perf"), "postgresql://db/perf");
    }

    #[test]
    fn rows_are_lines_after_the_header_until_a_cell_holds_a_line_break() {
        let mut l = Lines::default();
        l.push(0, 2);
        l.push(1, 3);
        assert_eq!((l.line(1), l.line(2)), (2, 3));
        // Row 3 began on line 4 and held a line break: row 4 begins on line 6.
        l.push(2, 4);
        l.push(3, 6);
        assert_eq!((l.line(2), l.line(3), l.line(4)), (3, 4, 6));
    }

    #[test]
    fn a_figure_that_is_not_a_number_names_its_line_and_column() {
        let csv = "area,measure,period,value\nA,m1,2024-01,3\nA,m1,2024-02,12%\n";
        let Err(Failure::Invalid(e)) = read_csv(
            csv.as_bytes(),
            "t.csv",
            &["area", "measure", "period"],
            "value",
        ) else {
            panic!("refused")
        };
        assert!(e
            .to_string()
            .starts_with("t.csv:3: field \"value\": cannot read \"12%\" as a number"));
        let Err(Failure::Invalid(e)) = read_csv(
            csv.as_bytes(),
            "t.csv",
            &["area", "measure", "month"],
            "value",
        ) else {
            panic!("refused")
        };
        assert_eq!(
            e.to_string(),
            "t.csv:1: there is no column \"month\" (the header row has: area, measure, period, value)"
        );
    }
}
