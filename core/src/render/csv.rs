//! One row per measure, for spreadsheets: the columns of [`super::table::measures`]. Numbers are
//! written in full (no units, no thousands separators); an empty cell is a missing figure,
//! explained in `notes`.

use super::table::{measures, Values};
use crate::report::Report;

/// One row per measure (the columns of [`columns`](crate::render::columns)), each cell safe for spreadsheets.
pub fn csv(r: &Report) -> String {
    write(&measures(r), r.measures.len())
}

/// One row per breakdown category of each measure's current period (the columns of
/// [`breakdown_columns`](crate::render::breakdown_columns)), each cell safe for spreadsheets.
pub fn breakdowns_csv(r: &Report) -> String {
    let columns = super::table::breakdowns(r);
    let rows = columns.first().map_or(0, super::table::Column::len);
    write(&columns, rows)
}

/// The turn-the-curve records as CSV, one row per item (measure, part, item).
pub fn turn_the_curve_csv(r: &Report) -> String {
    let columns = super::table::turn_the_curve(r);
    let rows = columns.first().map_or(0, super::table::Column::len);
    write(&columns, rows)
}

/// The SPC summary matrix as CSV, one row per measure with SPC, concern first.
pub fn spc_matrix_csv(r: &Report) -> String {
    let columns = super::table::spc_matrix(r);
    write(&columns, r.summary.spc.len())
}

fn write(columns: &[super::table::Column], rows: usize) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let _ = w.write_record(columns.iter().map(|c| c.name));
    for i in 0..rows {
        let _ = w.write_record(columns.iter().map(|c| match &c.values {
            // Text may come from the user: never a formula, never a control character.
            Values::Text(_) => super::markup::csv_cell(&c.values.cell(i)).into_owned(),
            _ => c.values.cell(i),
        }));
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
