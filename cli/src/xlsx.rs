//! `betteroff report DIR --format xlsx --output FILE.xlsx`: the report as an Excel workbook
//! (rust_xlsxwriter). A Summary sheet (counts by status, per section), a Measures sheet with
//! every measure, one sheet per section, and the SPC summary matrix: the columns of the CSV
//! (`render::columns`, the one projection), numbers as numbers in their unit's format, each
//! status as text on its RAG fill, notes in their column. Opened again by calamine in the CLI's
//! tests and compared with the CSV.

use betteroff::render::{Column, Values};
use betteroff::Report;
use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook, Worksheet, XlsxError};

/// The workbook's bytes.
pub fn workbook(r: &Report) -> Result<Vec<u8>, String> {
    build(r).map_err(|e| format!("cannot write the workbook: {e}"))
}

fn build(r: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let head = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xF6F8FA))
        .set_border_bottom(FormatBorder::Thin);
    // Summary: counts by status for the whole scorecard and each section.
    let sheet = book.add_worksheet().set_name("Summary")?;
    sheet.write_string_with_format(0, 0, "Scorecard", &head)?;
    sheet.write_string(0, 1, &r.scorecard.title)?;
    sheet.write_string_with_format(1, 0, "As of", &head)?;
    sheet.write_string(1, 1, r.as_of.to_string())?;
    let statuses = betteroff::Status::ALL;
    sheet.write_string_with_format(3, 0, "Section", &head)?;
    sheet.write_string_with_format(3, 1, "Measures", &head)?;
    for (k, s) in statuses.iter().enumerate() {
        sheet.write_string_with_format(
            3,
            2 + k as u16,
            s.label(),
            &rag_format(s.rag()).set_bold(),
        )?;
    }
    let all = std::iter::once(("All measures".to_string(), &r.summary.all)).chain(
        r.summary.by_section.iter().map(|s| {
            let title = r
                .sections
                .iter()
                .find(|x| x.id == s.section)
                .map_or(s.section.clone(), |x| x.title.clone());
            (title, &s.counts)
        }),
    );
    for (row, (title, c)) in (4..).zip(all) {
        sheet.write_string(row, 0, &title)?;
        sheet.write_number(row, 1, f64::from(c.measures))?;
        for (k, s) in statuses.iter().enumerate() {
            sheet.write_number(row, 2 + k as u16, f64::from(c.by_status.get(*s)))?;
        }
    }
    sheet.set_column_width(0, 60)?;
    // Every measure, then each section's.
    let columns = betteroff::render::columns(r);
    let all_rows: Vec<usize> = (0..r.measures.len()).collect();
    table(
        book.add_worksheet().set_name("Measures")?,
        &columns,
        &all_rows,
        &head,
    )?;
    let mut used = vec![
        "summary".to_string(),
        "measures".to_string(),
        "spc".to_string(),
    ];
    for sec in &r.sections {
        let rows: Vec<usize> = r
            .measures
            .iter()
            .enumerate()
            .filter(|(_, m)| m.section == sec.id)
            .map(|(i, _)| i)
            .collect();
        if rows.is_empty() {
            continue;
        }
        let name = sheet_name(&sec.id, &mut used);
        table(
            book.add_worksheet().set_name(&name)?,
            &columns,
            &rows,
            &head,
        )?;
    }
    // The Making Data Count summary matrix.
    let spc = betteroff::render::spc_matrix_columns(r);
    let rows: Vec<usize> = (0..r.summary.spc.len()).collect();
    table(book.add_worksheet().set_name("SPC")?, &spc, &rows, &head)?;
    book.save_to_buffer()
}

/// A sheet name from a section id: at most 31 characters, none of `[]:*?/\`, unique.
fn sheet_name(id: &str, used: &mut Vec<String>) -> String {
    let clean: String = id
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(28)
        .collect();
    let mut name = clean.clone();
    let mut n = 2;
    while used.contains(&name.to_lowercase()) {
        name = format!("{clean}~{n}");
        n += 1;
    }
    used.push(name.to_lowercase());
    name
}

fn rag_format(rag: betteroff::Rag) -> Format {
    let (fill, text) = match rag {
        betteroff::Rag::Green => (0x1A7F37, Color::White),
        betteroff::Rag::Amber => (0x9A6700, Color::White),
        betteroff::Rag::Red => (0xCF222E, Color::White),
        _ => (0x57606A, Color::White),
    };
    Format::new()
        .set_background_color(Color::RGB(fill))
        .set_font_color(text)
}

/// The number format of a figure in `unit`: 1,568; 16.0%; £1,200; 12.5.
fn number_format(unit: &str) -> Format {
    Format::new().set_num_format(match unit {
        "count" => "#,##0",
        "percentage" => "0.0\"%\"",
        "currency" => "£#,##0",
        "days" => "0.0\" days\"",
        _ => "0.0##",
    })
}

/// Columns as a sheet (the `rows` given), a header row frozen, figures in their unit's format
/// (the `unit` column's), statuses on their RAG fill.
fn table(
    sheet: &mut Worksheet,
    columns: &[Column],
    rows: &[usize],
    head: &Format,
) -> Result<(), XlsxError> {
    let unit = columns.iter().find(|c| c.name == "unit");
    // The columns that hold a measure's own figures, shown in its unit.
    const FIGURES: [&str; 5] = [
        "value",
        "baseline_value",
        "target_value",
        "expected",
        "change_abs",
    ];
    for (c, col) in columns.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, col.name, head)?;
    }
    for (r, &i) in rows.iter().enumerate() {
        let row = r as u32 + 1;
        let u = unit.map(|u| u.values.cell(i)).unwrap_or_default();
        for (c, col) in columns.iter().enumerate() {
            let c = c as u16;
            match &col.values {
                Values::Number(v) => {
                    if let Some(x) = v[i] {
                        if FIGURES.contains(&col.name) {
                            sheet.write_number_with_format(row, c, x, &number_format(&u))?;
                        } else {
                            sheet.write_number(row, c, x)?;
                        }
                    }
                }
                Values::Integer(v) => {
                    sheet.write_number(row, c, v[i] as f64)?;
                }
                Values::Text(v) => {
                    let Some(t) = &v[i] else { continue };
                    if col.name == "status_label" || col.name == "status" {
                        let status = betteroff::Status::ALL
                            .into_iter()
                            .find(|s| s.label() == t || s.key() == t);
                        match status {
                            Some(s) => {
                                sheet.write_string_with_format(row, c, t, &rag_format(s.rag()))?
                            }
                            None => sheet.write_string(row, c, t)?,
                        };
                    } else {
                        sheet.write_string(row, c, t)?;
                    }
                }
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}
