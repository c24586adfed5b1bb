//! Explore Education Statistics' tidy open-data CSV (every DfE statistic, SEN2 and the LAIT
//! indicators among them), read as published: one row per time period, geography and filter
//! combination, with an indicator per column.
//!
//! A `[[tables]]` entry names the file and our local authority; each measure's `from` names the
//! indicator column and the filter values. Our LA's rows become the measure's observations, the
//! national row the `England` comparator (its `country_name`), our region's row the regional
//! comparator (its `region_name`), every other LA's row a member of the benchmark group (by
//! `la_name`, with its new and old codes, so statistical neighbours may be named by code), and
//! the statistical neighbours' mean (R's `mean()`, as LAIT computes it) the `Statistical
//! neighbours` comparator. GSS symbols are flags, never numbers: `c` is suppressed; `z`, `x`,
//! `low`, `u` and the legacy `~` and `:` say there is no figure.

use crate::error::quoted;
use crate::error::{Error, ErrorKind, Errors, Location};
use crate::input::comparators;
use crate::input::observations::fit_frequency;
use crate::input::table::{self, Row, Table};
use crate::keyed::Keyed;
use crate::model::comparator::ComparatorValue;
use crate::model::definition::{Analysis, DataTable};
use crate::model::measure::Measure;
use crate::model::observation::{Observation, Reading};
use crate::model::period::{Period, Term};

/// The columns every EES file has.
pub const REQUIRED: &[&str] = &["time_period", "time_identifier", "geographic_level"];

/// EES's geography and time columns: never filters.
const GEOGRAPHY: &[&str] = &[
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "old_la_code",
    "new_la_code",
    "la_name",
    "lad_code",
    "lad_name",
    "pcon_code",
    "pcon_name",
    "school_urn",
    "school_laestab",
    "school_name",
    "opportunity_area_code",
    "opportunity_area_name",
];

/// The columns of an EES `.meta.csv` file the scorecard reads.
pub const META_REQUIRED: &[&str] = &["col_name", "col_type"];

/// Checks a table's `.meta.csv` (`text`, the file `file`) against the measures that read the
/// table: each `from.indicator` is one of its indicators, each filter one of its filters, and an
/// indicator's unit (`%`, `£`) is the measure's.
pub fn check_meta(text: &str, file: &str, measures: &[&Measure]) -> Result<(), Errors> {
    let t = table::read_open(text, file, META_REQUIRED)?;
    let mut errors = Vec::new();
    let row_of = |name: &str| {
        t.rows.iter().find(|r| {
            t.get(r, "col_name")
                .is_some_and(|c| c.eq_ignore_ascii_case(name))
        })
    };
    for m in measures {
        let Some(from) = &m.from else { continue };
        let fail = |errors: &mut Vec<Error>, at: Location, msg: String| {
            errors.push(Error::new(
                ErrorKind::Definition,
                at,
                format!("measure {}: {msg}", quoted(&m.id)),
            ));
        };
        match row_of(&from.indicator) {
            None => fail(
                &mut errors,
                Location::file(file),
                format!(
                    "the meta file lists no column {} (its from.indicator)",
                    quoted(&from.indicator)
                ),
            ),
            Some(r) => {
                let kind = t.get(r, "col_type").unwrap_or("");
                if !kind.eq_ignore_ascii_case("indicator") {
                    fail(
                        &mut errors,
                        t.at(r, "col_type"),
                        format!("{} is a {kind}, not an indicator", quoted(&from.indicator)),
                    );
                }
                let unit = t.get(r, "indicator_unit").unwrap_or("");
                let fits = match unit {
                    "%" => m.unit == crate::model::kinds::Unit::Percentage,
                    "£" | "£m" => m.unit == crate::model::kinds::Unit::Currency,
                    _ => true,
                };
                if !fits {
                    fail(&mut errors, t.at(r, "indicator_unit"), format!(
                        "the indicator {} is in {}, and the measure's unit is {}: give the measure the indicator's unit", quoted(&from.indicator), quoted(&unit), m.unit.name()));
                }
            }
        }
        for (c, _) in &from.filters {
            match row_of(c) {
                Some(r)
                    if t.get(r, "col_type")
                        .is_some_and(|k| k.eq_ignore_ascii_case("filter")) => {}
                Some(r) => fail(
                    &mut errors,
                    t.at(r, "col_type"),
                    format!("{} is not a filter (its from.filters)", quoted(&c)),
                ),
                None => fail(
                    &mut errors,
                    Location::file(file),
                    format!(
                        "the meta file lists no column {} (its from.filters)",
                        quoted(&c)
                    ),
                ),
            }
        }
    }
    Errors(errors).into_result()
}

/// What a table gives the scorecard.
#[derive(Debug, Default)]
pub struct Read {
    /// Our area's figures.
    pub observations: Vec<Observation>,
    /// England, the region, every other LA (in the benchmark group), and the neighbours' mean.
    pub comparators: Vec<ComparatorValue>,
}

/// A period from EES's `time_period` (`2023`, or `202324` for an academic or financial year or
/// a term) and `time_identifier`; `Err` says what would read.
pub fn period(time_period: &str, identifier: &str) -> Result<Period, String> {
    let digits = time_period.trim();
    let id = identifier.trim().to_ascii_lowercase();
    let all_digits = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    let year4 = || -> Result<i32, String> {
        match (all_digits, digits.len()) {
            (true, 4) => digits.parse().map_err(|_| String::new()),
            _ => Err(format!(
                "time_period {} with time_identifier {}: a calendar period is written with 4 digits (2023)", quoted(&digits), quoted(&identifier))),
        }
    };
    let year6 = || -> Result<i32, String> {
        let bad = || {
            format!(
                "time_period {} with time_identifier {}: an academic or financial period is written with 6 digits, its two years (202324 for 2023/24)", quoted(&digits), quoted(&identifier))
        };
        if !(all_digits && digits.len() == 6) {
            return Err(bad());
        }
        let start: i32 = digits[..4].parse().map_err(|_| bad())?;
        let end: i32 = digits[4..].parse().map_err(|_| bad())?;
        if (start + 1) % 100 != end {
            return Err(format!(
                "time_period {}: the second year should follow the first ({start}{:02})",
                quoted(&digits),
                (start + 1) % 100
            ));
        }
        Ok(start)
    };
    let p = |r: Result<Period, crate::model::period::PeriodError>| r.map_err(|e| e.to_string());
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if let Some(m) = MONTHS.iter().position(|m| *m == id) {
        return p(Period::month(year4()?, m as u32 + 1));
    }
    match id.as_str() {
        "calendar year" => p(Period::year(year4()?)),
        "academic year" => p(Period::academic_year(year6()?)),
        "financial year" => p(Period::financial_year(year6()?)),
        "autumn term" => p(Period::term(Term::Autumn, year6()?)),
        "spring term" => p(Period::term(Term::Spring, year6()?)),
        "summer term" => p(Period::term(Term::Summer, year6()?)),
        "calendar year q1" | "calendar year q2" | "calendar year q3" | "calendar year q4" => {
            let q = u32::from(id.as_bytes()[id.len() - 1] - b'0');
            p(Period::quarter(year4()?, q))
        }
        // Financial-year quarters: Q1 is April to June of the first year.
        "financial year q1" | "financial year q2" | "financial year q3" | "financial year q4" => {
            let start = year6()?;
            match id.as_bytes()[id.len() - 1] - b'0' {
                4 => p(Period::quarter(start + 1, 1)),
                q => p(Period::quarter(start, u32::from(q) + 1)),
            }
        }
        _ => Err(format!(
            "time_identifier {} is not read: the periods read are Calendar year, Academic year, Financial year, Autumn / Spring / Summer term, a month (January), Calendar year Q1-Q4 and Financial year Q1-Q4", quoted(&identifier))),
    }
}

/// What an indicator cell says: a figure, or a GSS symbol's meaning.
fn reading(cell: Option<&str>) -> Result<(Reading, Option<&'static str>), String> {
    let Some(cell) = cell else {
        return Err(
            "the cell is empty: EES writes a symbol (c, x, z, low, u) where it gives no figure"
                .into(),
        );
    };
    let symbol = |r, why| Ok((r, Some(why)));
    match cell {
        "c" => symbol(Reading::Suppressed, "c: confidential, withheld at source"),
        "x" => symbol(Reading::Missing, "x: not available"),
        "z" => symbol(Reading::Missing, "z: not applicable"),
        "low" => symbol(Reading::Missing, "low: rounds to zero, but is not zero"),
        "u" => symbol(Reading::Missing, "u: low reliability, not published"),
        "~" => symbol(Reading::Missing, "~: rounds to zero (legacy symbol)"),
        ":" => symbol(Reading::Missing, ": not available (legacy symbol)"),
        _ => table::number(cell)
            .map(|value| (Reading::Value { value }, None))
            .map_err(|e| {
                format!("{e}: an EES indicator is a number or a symbol (c, x, z, low, u, ~, :)")
            }),
    }
}

/// The row's geography, as far as the scorecard reads it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Place {
    National(String),
    Regional { code: String, name: String },
    La { codes: Vec<String>, name: String },
}

/// Reads `text` (the file `table.file`) for `measures` (those whose `from` names the table).
pub fn read(
    text: &str,
    file: &str,
    table: &DataTable,
    measures: &[&Measure],
    analysis: &Analysis,
) -> Result<Read, Errors> {
    let t = table::read_open(text, file, REQUIRED)?;
    let header = |field: &str| Location::at(file, Some(1), field);
    let mut errors = Vec::new();
    // Every column a measure names must be there.
    for m in measures {
        let Some(from) = &m.from else { continue };
        let wanted = std::iter::once(from.indicator.as_str())
            .chain(from.filters.iter().map(|(c, _)| c.as_str()));
        for column in wanted {
            if !t.has(&column.to_ascii_lowercase()) {
                errors.push(Error::new(
                    ErrorKind::Syntax,
                    header(column),
                    format!(
                        "missing column {}, which measure {} reads (its `from`)",
                        quoted(&column),
                        quoted(&m.id)
                    ),
                ));
            }
        }
    }
    Errors(std::mem::take(&mut errors)).into_result()?;
    let places: Vec<Option<Place>> = t.rows.iter().map(|row| place(&t, row)).collect();
    // Us: the LA whose code or name is the table's area.
    let us = places.iter().flatten().find_map(|p| match p {
        Place::La { codes, name } if codes.contains(&table.area) || *name == table.area => {
            Some(p.clone())
        }
        _ => None,
    });
    let Some(us) = us else {
        return Err(Errors::one(Error::new(
            ErrorKind::Data,
            Location::file(file),
            format!(
                "no local authority row has the code or name {} (the table's area in the definition): give its new_la_code (E06000059), old_la_code (838) or la_name", quoted(&table.area)),
        )));
    };
    let our_region = t.rows.iter().zip(&places).find_map(|(row, p)| {
        (p.as_ref() == Some(&us))
            .then(|| t.get(row, "region_code").map(str::to_string))
            .flatten()
    });
    // Filter columns, as EES writes them, hold a `Total` row for the aggregate: a filter the
    // measure does not name is read at `Total`, never averaged or picked.
    let totals: Vec<String> = t
        .column_names()
        .into_iter()
        .filter(|c| !GEOGRAPHY.contains(&c.as_str()) && !REQUIRED.contains(&c.as_str()))
        .filter(|c| {
            t.rows
                .iter()
                .any(|r| t.get(r, c).is_some_and(|v| v.eq_ignore_ascii_case("total")))
        })
        .collect();
    let mut out = Read::default();
    for m in measures {
        let Some(from) = &m.from else { continue };
        let indicator = from.indicator.to_ascii_lowercase();
        let implicit: Vec<&str> = totals
            .iter()
            .map(String::as_str)
            .filter(|c| !from.filters.iter().any(|(f, _)| f.eq_ignore_ascii_case(c)))
            .collect();
        // (place, period) -> the row read for it, to find two rows for one figure.
        let mut seen: Keyed<(&Place, Period), &Row> = Keyed::new();
        for (row, place) in t.rows.iter().zip(&places) {
            let Some(place) = place else { continue };
            let matches = from.filters.iter().all(|(c, v)| {
                t.get(row, &c.to_ascii_lowercase())
                    .is_some_and(|x| x.eq_ignore_ascii_case(v.trim()))
            }) && implicit.iter().all(|c| {
                t.get(row, c)
                    .is_some_and(|x| x.eq_ignore_ascii_case("total"))
            });
            if !matches {
                continue;
            }
            let relevant = match place {
                Place::National(_) => true,
                Place::Regional { code, .. } => our_region.as_deref() == Some(code.as_str()),
                Place::La { .. } => true,
            };
            if !relevant {
                continue;
            }
            let period = period(
                t.get(row, "time_period").unwrap_or(""),
                t.get(row, "time_identifier").unwrap_or(""),
            )
            .and_then(|p| fit_frequency(m, p));
            let period = match period {
                Ok(p) => p,
                Err(e) => {
                    errors.push(Error::new(ErrorKind::Period, t.at(row, "time_period"), e));
                    continue;
                }
            };
            if let Some(first) = seen.insert((place, period), row) {
                let text: Vec<String> = t
                    .column_names()
                    .into_iter()
                    .filter(|c| t.get(first, c).is_some_and(|v| table::number(v).is_err()))
                    .collect();
                errors.push(t.second_row(
                    first,
                    row,
                    &indicator,
                    &m.id,
                    place_name(place),
                    period,
                    &text,
                ));
                continue;
            }
            let (reading, symbol) = match reading(t.get(row, &indicator)) {
                Ok(r) => r,
                Err(e) => {
                    errors.push(Error::new(ErrorKind::Data, t.at(row, &indicator), e));
                    continue;
                }
            };
            if *place == us {
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
                    note: symbol.map(|s| format!("EES symbol {s}")),
                    published_interval: None,
                    source: t.source(row),
                });
                continue;
            }
            let Some(value) = reading.value() else {
                continue; // a comparator with no figure for the period: nothing to compare
            };
            let (comparator, group_name, codes) = match place {
                Place::National(name) => (name.clone(), None, Vec::new()),
                Place::Regional { name, .. } => (name.clone(), None, Vec::new()),
                Place::La { codes, name } => (
                    name.clone(),
                    Some(analysis.benchmark_group.clone()),
                    codes.clone(),
                ),
            };
            out.comparators.push(ComparatorValue {
                measure: m.id.clone(),
                period,
                comparator,
                group: group_name,
                value,
                codes,
                source: t.source(row),
            });
        }
        out.comparators
            .extend(comparators::neighbours(m, analysis, &out.comparators));
    }
    Errors(errors).into_result().map(|()| out)
}

/// The geography of a row the scorecard reads (national, regional, local authority).
fn place(t: &Table, row: &Row) -> Option<Place> {
    let cell = |c: &str| t.get(row, c).map(str::to_string);
    match t
        .get(row, "geographic_level")?
        .to_ascii_lowercase()
        .as_str()
    {
        "national" => Some(Place::National(
            cell("country_name").unwrap_or_else(|| "England".to_string()),
        )),
        "regional" => Some(Place::Regional {
            code: cell("region_code").or_else(|| cell("region_name"))?,
            name: cell("region_name").or_else(|| cell("region_code"))?,
        }),
        "local authority" => {
            let codes: Vec<String> = ["new_la_code", "old_la_code"]
                .iter()
                .filter_map(|c| cell(c))
                .collect();
            let name = cell("la_name").or_else(|| codes.first().cloned())?;
            Some(Place::La { codes, name })
        }
        _ => None,
    }
}

fn place_name(p: &Place) -> &str {
    match p {
        Place::National(n) => n,
        Place::Regional { name, .. } | Place::La { name, .. } => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_as_ees_writes_them() {
        let ok = |tp: &str, id: &str| period(tp, id).unwrap().to_string();
        assert_eq!(
            ok("2023", "Calendar year"),
            Period::year(2023).unwrap().to_string()
        );
        assert_eq!(
            ok("201920", "Academic year"),
            Period::academic_year(2019).unwrap().to_string()
        );
        assert_eq!(
            ok("201920", "Financial year"),
            Period::financial_year(2019).unwrap().to_string()
        );
        assert_eq!(
            ok("202324", "Spring term"),
            Period::term(Term::Spring, 2023).unwrap().to_string()
        );
        assert_eq!(ok("2024", "March"), "2024-03");
        assert_eq!(ok("2024", "Calendar year Q3"), "2024-Q3");
        // Financial-year Q1 is April to June of the first year; Q4 January to March of the next.
        assert_eq!(ok("201920", "Financial year Q1"), "2019-Q2");
        assert_eq!(ok("201920", "Financial year Q4"), "2020-Q1");
        assert!(period("2019", "Academic year")
            .unwrap_err()
            .contains("6 digits"));
        assert!(period("201920", "Calendar year")
            .unwrap_err()
            .contains("4 digits"));
        assert!(period("201921", "Academic year")
            .unwrap_err()
            .contains("201920"));
        assert!(period("2019", "Week 3")
            .unwrap_err()
            .contains("is not read"));
    }

    #[test]
    fn symbols_are_flags_never_numbers() {
        assert_eq!(reading(Some("c")).unwrap().0, Reading::Suppressed);
        for s in ["x", "z", "low", "u", "~", ":"] {
            assert_eq!(reading(Some(s)).unwrap().0, Reading::Missing, "{s}");
        }
        assert_eq!(
            reading(Some("46.2")).unwrap().0,
            Reading::Value { value: 46.2 }
        );
        assert!(reading(Some("n/a")).unwrap_err().contains("symbol"));
        assert!(reading(None).unwrap_err().contains("empty"));
    }
}
