//! OHID Fingertips exports (the "Download data" CSV: `Indicator ID, Indicator Name, Parent
//! Code, Parent Name, Area Code, Area Name, Area Type, Sex, Age, Category Type, Category, Time
//! period, Value, Lower CI 95.0 limit, Upper CI 95.0 limit, ..., Count, Denominator, Value
//! note, ...`), read as downloaded.
//!
//! A `[[tables]]` entry names the file and our area's code; each measure's `from` names the
//! indicator id and, where the export holds several, the `Sex`, `Age`, `Category Type` and
//! `Category` wanted (rows with a category are left unless one is named: the totals are the
//! rows without). Our area's rows become the observations (the `Value note`, and the count and
//! denominator, in the note), England's row the `England` comparator, our parent's row (a
//! region, or a county) a comparator by its name, and every other area of our area type the
//! benchmark group (`[analysis] benchmark_group`, by default `la`).

use crate::error::quoted;
use crate::error::{Error, ErrorKind, Errors, Location};
use crate::input::comparators;
use crate::input::ees::Read;
use crate::input::observations::fit_frequency;
use crate::input::table::{self, Row, Table};
use crate::keyed::Keyed;
use crate::model::comparator::ComparatorValue;
use crate::model::definition::{Analysis, DataTable};
use crate::model::measure::Measure;
use crate::model::observation::{Observation, PublishedInterval, Reading};
use crate::model::period::Period;

/// The columns the scorecard reads (a Fingertips export has others, which are kept).
pub const REQUIRED: &[&str] = &[
    "indicator id",
    "area code",
    "area name",
    "area type",
    "time period",
    "value",
];

/// England's area code in Fingertips.
const ENGLAND: &str = "E92000001";

/// Reads `text` for `measures` (those whose `from` names the table).
pub fn read(
    text: &str,
    file: &str,
    table: &DataTable,
    measures: &[&Measure],
    analysis: &Analysis,
) -> Result<Read, Errors> {
    let t = table::read_open(text, file, REQUIRED)?;
    let mut errors = Vec::new();
    for m in measures {
        for (c, _) in m.from.iter().flat_map(|f| &f.filters) {
            if !t.has(&c.to_ascii_lowercase()) {
                errors.push(Error::new(
                    ErrorKind::Syntax,
                    Location::at(file, Some(1), c),
                    format!(
                        "missing column {}, which measure {} filters on (its `from.filters`)",
                        quoted(&c),
                        quoted(&m.id)
                    ),
                ));
            }
        }
    }
    Errors(std::mem::take(&mut errors)).into_result()?;
    let ours = t
        .rows
        .iter()
        .find(|r| t.get(r, "area code") == Some(table.area.as_str()));
    let Some(ours) = ours else {
        return Err(Errors::one(Error::new(
            ErrorKind::Data,
            Location::file(file),
            format!(
                "no row has the area code {} (the table's area in the definition): give our area's code as the export writes it in \"Area Code\"", quoted(&table.area)),
        )));
    };
    let our_type = t.get(ours, "area type").unwrap_or("").to_string();
    let our_parent = t.get(ours, "parent code").map(str::to_string);
    let mut out = Read::default();
    for m in measures {
        let Some(from) = &m.from else { continue };
        let named = |c: &str| from.filters.iter().any(|(k, _)| k.eq_ignore_ascii_case(c));
        let mut seen: Keyed<(&str, Period), &Row> = Keyed::new();
        for row in &t.rows {
            if t.get(row, "indicator id") != Some(from.indicator.as_str()) {
                continue;
            }
            let filters_hold = from.filters.iter().all(|(c, v)| {
                t.get(row, &c.to_ascii_lowercase())
                    .is_some_and(|x| x.eq_ignore_ascii_case(v.trim()))
            });
            // Rows broken down by a category (deprivation decile, ethnic group) are not the
            // total, unless the measure asks for one.
            let a_category = !named("category type") && t.get(row, "category type").is_some();
            if !filters_hold || a_category {
                continue;
            }
            let code = t.get(row, "area code").unwrap_or("");
            let area_type = t.get(row, "area type").unwrap_or("");
            let is_us = code == table.area;
            let is_england = code == ENGLAND || area_type.eq_ignore_ascii_case("england");
            let is_parent = our_parent.as_deref() == Some(code);
            let in_group = area_type == our_type;
            if !(is_us || is_england || is_parent || in_group) {
                continue;
            }
            let period = t
                .get(row, "time period")
                .unwrap_or("")
                .parse::<Period>()
                .map_err(|e| e.to_string())
                .and_then(|p| fit_frequency(m, p));
            let period = match period {
                Ok(p) => p,
                Err(e) => {
                    errors.push(Error::new(ErrorKind::Period, t.at(row, "time period"), e));
                    continue;
                }
            };
            if let Some(first) = seen.insert((code, period), row) {
                let filters = ["sex", "age", "category type", "category"].map(String::from);
                errors.push(t.second_row(
                    first,
                    row,
                    "value",
                    &m.id,
                    &format!("area {code}"),
                    period,
                    &filters,
                ));
                continue;
            }
            let note = t.get(row, "value note");
            let reading = match t.get(row, "value") {
                Some(v) => {
                    match table::number(v) {
                        Ok(value) => Reading::Value { value },
                        Err(e) => {
                            errors.push(Error::new(
                            ErrorKind::Data,
                            t.at(row, "value"),
                            format!("{e}: a Fingertips value is a number, or empty with a value note"),
                        ));
                            continue;
                        }
                    }
                }
                None if note.is_some_and(|n| n.to_ascii_lowercase().contains("suppress")) => {
                    Reading::Suppressed
                }
                None => Reading::Missing,
            };
            if is_us {
                let counts = t.get(row, "count").zip(t.get(row, "denominator"));
                let note = match (note, counts) {
                    (Some(n), Some((c, d))) => Some(format!("{n} (count {c}, denominator {d})")),
                    (Some(n), None) => Some(n.to_string()),
                    (None, Some((c, d))) => Some(format!("count {c}, denominator {d}")),
                    (None, None) => None,
                };
                let published_interval = match limits(&t, row) {
                    Ok(i) => i.map(Box::new),
                    Err(e) => {
                        errors.push(e);
                        continue;
                    }
                };
                out.observations.push(Observation {
                    measure: m.id.clone(),
                    period,
                    reading,
                    provisional: false,
                    revised: false,
                    projected: false,
                    part_year: false,
                    window: crate::model::window::Window::Period,
                    breakdown: None,
                    note,
                    published_interval,
                    source: t.source(row),
                });
                continue;
            }
            let Some(value) = reading.value() else {
                continue;
            };
            let name = t.get(row, "area name").unwrap_or(code).to_string();
            let (comparator, group) = if is_england {
                ("England".to_string(), None)
            } else if is_parent {
                (name, None)
            } else {
                (name, Some(analysis.benchmark_group.clone()))
            };
            out.comparators.push(ComparatorValue {
                measure: m.id.clone(),
                period,
                comparator,
                group,
                value,
                codes: vec![code.to_string()],
                source: t.source(row),
            });
        }
        out.comparators
            .extend(comparators::neighbours(m, analysis, &out.comparators));
    }
    Errors(errors).into_result().map(|()| out)
}

/// The export's 95% and 99.8% confidence limits of a row, when all four are given; an error for
/// one that is not a number, or limits that do not hold the value.
fn limits(t: &Table, row: &Row) -> Result<Option<PublishedInterval>, Error> {
    const COLUMNS: [&str; 4] = [
        "lower ci 95.0 limit",
        "upper ci 95.0 limit",
        "lower ci 99.8 limit",
        "upper ci 99.8 limit",
    ];
    let mut got = [0.0; 4];
    for (slot, c) in got.iter_mut().zip(COLUMNS) {
        match t.get(row, c).map(table::number) {
            None => return Ok(None),
            Some(Ok(x)) => *slot = x,
            Some(Err(e)) => {
                return Err(Error::new(
                    ErrorKind::Data,
                    t.at(row, c),
                    format!("{e}: a confidence limit is a number, or empty"),
                ))
            }
        }
    }
    let [lower_95, upper_95, lower_998, upper_998] = got;
    let value = t.get(row, "value").and_then(|v| table::number(v).ok());
    let holds = lower_998 <= lower_95
        && lower_95 <= upper_95
        && upper_95 <= upper_998
        && value.is_none_or(|v| lower_95 <= v && v <= upper_95);
    if !holds {
        return Err(Error::new(
            ErrorKind::Data,
            t.at(row, COLUMNS[0]),
            format!("the limits {lower_998} <= {lower_95} <= value <= {upper_95} <= {upper_998} do not hold: check the columns"),
        ));
    }
    Ok(Some(PublishedInterval {
        lower_95,
        upper_95,
        lower_998,
        upper_998,
    }))
}
