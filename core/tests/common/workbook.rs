//! Workbook fixtures, written by rust_xlsxwriter when the tests run (never committed binaries):
//! the examples' CSV files as workbooks, and the traps every front end is tested on. Shared by
//! the core's and the CLI's tests and by `cargo run -p betteroff --example workbook_fixtures`,
//! which writes them for the Python and JavaScript tests.
#![allow(dead_code)]

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use std::path::Path;

/// Columns whose cells are written as numbers when they read as one, as a spreadsheet user
/// types them; every other cell is text.
const NUMERIC: &[&str] = &["value", "numerator", "denominator", "period"];

/// A workbook with one sheet per (name, CSV text).
pub fn workbook_of(sheets: &[(&str, &str)]) -> Vec<u8> {
    let mut book = Workbook::new();
    for (name, text) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).expect("a valid sheet name");
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        let mut header = Vec::new();
        for (r, record) in reader.records().enumerate() {
            let record = record.expect("fixture CSV is well formed");
            for (c, cell) in record.iter().enumerate() {
                let (row, col) = (r as u32, c as u16);
                if r == 0 {
                    header.push(cell.to_ascii_lowercase());
                    sheet.write_string(row, col, cell).expect("a cell");
                } else if cell.is_empty() {
                } else if let (Ok(x), true) =
                    (cell.parse::<f64>(), NUMERIC.contains(&header[c].as_str()))
                {
                    sheet.write_number(row, col, x).expect("a cell");
                } else {
                    sheet.write_string(row, col, cell).expect("a cell");
                }
            }
        }
    }
    book.save_to_buffer().expect("the workbook is written")
}

/// An example directory's CSV files as one workbook, a sheet for each.
pub fn example(dir: &Path) -> Vec<u8> {
    let files: Vec<(&str, String)> = [
        "observations",
        "comparators",
        "actions",
        "commentary",
        "annotations",
    ]
    .into_iter()
    .filter_map(|k| {
        std::fs::read_to_string(dir.join(format!("{k}.csv")))
            .ok()
            .map(|t| (k, t))
    })
    .collect();
    let sheets: Vec<(&str, &str)> = files.iter().map(|(k, t)| (*k, t.as_str())).collect();
    workbook_of(&sheets)
}

/// Observations of `tests/fixtures/minimal` (measure `m`) with each month typed as a date on
/// its first day, as Excel writes a month: 2019-04-01 32, 2019-10-01 27, 2020-04-01 20. The
/// tidy spelling is `m,2019-04,32` and so on.
pub fn month_start() -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book
        .add_worksheet()
        .set_name("Observations")
        .expect("a valid sheet name");
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (c, h) in ["measure", "period", "value"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("a cell");
    }
    for (r, (y, m, v)) in [(2019, 4, 32.0), (2019, 10, 27.0), (2020, 4, 20.0)]
        .into_iter()
        .enumerate()
    {
        let row = r as u32 + 1;
        sheet.write_string(row, 0, "m").expect("a cell");
        let d = ExcelDateTime::from_ymd(y, m, 1).expect("a date");
        sheet
            .write_datetime_with_format(row, 1, &d, &date)
            .expect("a cell");
        sheet.write_number(row, 2, v).expect("a cell");
    }
    book.save_to_buffer().expect("the workbook is written")
}

/// Observations of `tests/fixtures/minimal` with text in a value (cell C3) and an unknown
/// measure (cell A4).
pub fn bad_value() -> Vec<u8> {
    workbook_of(&[(
        "observations",
        "measure,period,value\nm,2019-04,32\nm,2019-05,thirty\nx,2019-06,1\n",
    )])
}

/// A workbook whose only sheet is `Sheet1`: no sheet says what it holds.
pub fn no_sheet() -> Vec<u8> {
    workbook_of(&[("Sheet1", "measure,period,value\nm,2019-04,32\n")])
}

/// Writes every fixture into `out`: `<example>.xlsx` for each bundled example, and
/// `month-start.xlsx`, `bad-value.xlsx`, `no-sheet.xlsx`.
pub fn write_all(root: &Path, out: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(out)?;
    for name in ["dorset", "dudley-wsoa", "stockton"] {
        let bytes = example(&root.join("examples").join(name));
        std::fs::write(out.join(format!("{name}.xlsx")), bytes)?;
    }
    std::fs::write(out.join("month-start.xlsx"), month_start())?;
    std::fs::write(out.join("bad-value.xlsx"), bad_value())?;
    std::fs::write(out.join("no-sheet.xlsx"), no_sheet())?;
    Ok(())
}
