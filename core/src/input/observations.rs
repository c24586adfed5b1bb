//! Observations: a measure's value for a period, from long-format rows.
//!
//! A row gives a value, or a numerator and denominator (then they are the truth and the value
//! is derived from them), or says the figure is missing or suppressed.

use crate::error::quoted;
use crate::error::{Error, ErrorKind, Errors};
use crate::input::table::{self, Table};
use crate::model::kinds::{Frequency, Unit};
use crate::model::measure::Measure;
use crate::model::observation::{Bound, Observation, Reading};
use crate::model::period::{Period, PeriodKind};
use crate::model::window::{Window, WindowSpec, YearKind, MAX_ROLLING_MONTHS};
use chrono::{Datelike, NaiveDate};

/// The columns of an observations file.
pub const REQUIRED: &[&str] = &["measure", "period"];
pub const OPTIONAL: &[&str] = &[
    "value",
    "numerator",
    "denominator",
    "flag",
    "breakdown",
    "category",
    "note",
    "window",
];

/// Parses every row, collecting every problem. `find` looks a measure id up.
/// Reads the rows of `src` (a CSV file, records or a workbook's sheet), each measure found
/// through `find`.
pub fn parse<'m>(
    src: &table::Source,
    find: &dyn Fn(&str) -> Option<&'m Measure>,
) -> Result<Vec<Observation>, Errors> {
    parse_table(&src.read(REQUIRED, OPTIONAL)?, find)
}

fn parse_table<'m>(
    t: &Table,
    find: &dyn Fn(&str) -> Option<&'m Measure>,
) -> Result<Vec<Observation>, Errors> {
    let mut out = Vec::with_capacity(t.rows.len());
    let mut errors = Vec::new();
    for row in &t.rows {
        match parse_row(t, row, find) {
            Ok(o) => out.push(o),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(Errors(errors))
    }
}

/// What a period's trailing qualifier says of the figure, as DfE's tables write them beside the
/// year: `2018 (Rev)`, `2025 (prov)`, `2020 (Final)`, `2019-20 (OT)` (outturn).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Said {
    Provisional,
    Revised,
    Final,
    Projected,
    PartYear,
}

/// The period text without a known qualifier, and what the qualifier says; an unknown one is
/// left in place, for the period reader to refuse.
fn qualified(cell: &str) -> (&str, Option<Said>) {
    let Some((text, rest)) = cell
        .trim_end()
        .strip_suffix(')')
        .and_then(last_open_bracket)
    else {
        return (cell, None);
    };
    let said = match rest.trim().to_ascii_lowercase().as_str() {
        "p" | "prov" | "provisional" => Said::Provisional,
        "r" | "rev" | "revised" => Said::Revised,
        "final" | "ot" | "outturn" => Said::Final,
        "projected" | "projection" | "forecast" => Said::Projected,
        "part year" | "part-year" | "year to date" | "ytd" => Said::PartYear,
        _ => return (cell, None),
    };
    (text.trim_end(), Some(said))
}

/// A number cell, where the `value` of a percentage measure may end in `%` (`12.5%`, `12.5 %`):
/// the number, in the measure's own unit. A `%` anywhere else is refused, saying why.
fn with_unit(cell: &str, field: &str, unit: Option<Unit>) -> Result<f64, String> {
    match cell.strip_suffix('%').map(str::trim_end) {
        Some(number) if field == "value" && unit == Some(Unit::Percentage) => table::number(number),
        Some(_) if field == "value" => Err(format!(
            "{} is a percentage, and the measure's unit is {}: give the figure in its unit",
            quoted(&cell),
            unit.map_or("unknown", Unit::name)
        )),
        Some(_) => Err(format!(
            "{}: a {field} is a count, not a percentage",
            quoted(&cell)
        )),
        None => table::number(cell),
    }
}

/// A row's measure (by its `measure` column, through `find`) and period (its `period` column,
/// read as the measure's frequency reads it: a day in a monthly measure is its month), each
/// `None` with its error pushed when it cannot be read. The comparators and commentary files
/// read their rows' measure and period through here.
pub(crate) fn measure_and_period<'m>(
    t: &crate::input::table::Table,
    row: &crate::input::table::Row,
    find: &dyn Fn(&str) -> Option<&'m Measure>,
    errors: &mut Vec<crate::error::Error>,
) -> (Option<&'m Measure>, Option<Period>) {
    use crate::error::{Error, ErrorKind};
    let id = t.get(row, "measure").unwrap_or("");
    let measure = find(id);
    if measure.is_none() {
        errors.push(Error::new(
            ErrorKind::Data,
            t.at(row, "measure"),
            format!(
                "unknown measure id {}: the scorecard has no measure with that id",
                quoted(&id)
            ),
        ));
    }
    let period = t
        .get(row, "period")
        .unwrap_or("")
        .parse::<Period>()
        .map_err(|e| e.to_string())
        .and_then(|p| measure.map_or(Ok(p), |m| fit_frequency(m, p)));
    let period = match period {
        Ok(p) => Some(p),
        Err(e) => {
            errors.push(Error::new(ErrorKind::Period, t.at(row, "period"), e));
            None
        }
    };
    (measure, period)
}

/// A figure's period as its measure's frequency reads it: a day (or a date and time, as Excel,
/// pandas and NHS extracts write the first or last day of a month) becomes the month, quarter,
/// term or year of a monthly, quarterly, termly or annual measure that holds it; a period of
/// another kind than the frequency's is refused, naming the spelling that fits. Ad hoc measures,
/// and measures without a frequency (inferred later from all their rows), keep the period.
pub fn fit_frequency(m: &Measure, p: Period) -> Result<Period, String> {
    let wanted = wanted_kind(m);
    if as_written(wanted, p.kind()) {
        return Ok(p);
    }
    // (With no kind wanted every period is as written, so this is never the way out.)
    let Some(kind) = wanted else {
        return Ok(p);
    };
    if p.kind() == PeriodKind::Date {
        return Period::containing(kind, p.start()).map_err(|e| e.to_string());
    }
    // `2019/20` reads as an academic year; in a financial-year measure it is that financial
    // year, as the NHS and councils' finance teams write it (FY2019/20 says so outright).
    if kind == PeriodKind::FinancialYear && p.kind() == PeriodKind::AcademicYear {
        return Period::financial_year(p.start().year()).map_err(|e| e.to_string());
    }
    let example =
        Period::containing(kind, p.end()).map_or_else(|e| e.to_string(), |q| q.to_string());
    Err(format!(
        "measure {} is {}, and {p} is {}: give its figures as {} ({example}), or change the measure's frequency", quoted(&m.id), m.frequency.map_or("", Frequency::name), kind_words(p.kind()), kind_plural(kind)))
}

/// The kind of period `m`'s frequency asks for (`None`: any).
pub fn wanted_kind(m: &Measure) -> Option<PeriodKind> {
    m.frequency.and_then(Frequency::period_kind)
}

/// Whether a period of kind `kind` is what [`fit_frequency`] gives back unchanged for a measure
/// wanting `wanted` ([`wanted_kind`]); batch scoring asks this of every row before asking
/// `fit_frequency` why not.
pub fn as_written(wanted: Option<PeriodKind>, kind: PeriodKind) -> bool {
    wanted.is_none_or(|w| w == kind)
}

fn kind_words(k: PeriodKind) -> &'static str {
    match k {
        PeriodKind::Date => "a day",
        PeriodKind::Month => "a month",
        PeriodKind::Quarter => "a quarter",
        PeriodKind::Term => "a term",
        PeriodKind::Year => "a calendar year",
        PeriodKind::AcademicYear => "an academic year",
        PeriodKind::FinancialYear => "a financial year",
    }
}

/// What the days of a measure with no frequency stand for, and how they were read: all on the
/// first (or all on the last) of distinct months, they are months; when each is a quarter's
/// first (last) month and each follows the one before by three months, quarters; when each
/// follows by twelve on 1 January (31 December), 1 April (31 March) or 1 September (31 August),
/// calendar, financial or academic years. Irregular steps read as months, the finest reading. `None` when the days are not all month boundaries, or two share a month: they stay
/// days.
pub fn infer_frequency(days: &[NaiveDate]) -> Option<(PeriodKind, &'static str)> {
    let last = |d: &NaiveDate| d.succ_opt().is_some_and(|n| n.day() == 1);
    let firsts = days.iter().all(|d| d.day() == 1);
    let lasts = days.iter().all(last);
    if days.is_empty() || !(firsts || lasts) {
        return None;
    }
    let mut months: Vec<(i32, u32)> = days.iter().map(|d| (d.year(), d.month())).collect();
    crate::num::sort(&mut months);
    if months.windows(2).any(|w| w[0] == w[1]) {
        return None;
    }
    let what = if firsts {
        "on the first of their months"
    } else {
        "on the last days of their months"
    };
    // The month a year, quarter or month starts (firsts) or ends (lasts) in.
    let month_of = |start: u32| if firsts { start } else { (start + 10) % 12 + 1 };
    // Months apart, one figure to the next: quarters and years only when every step is one.
    let steps: Vec<i32> = months
        .windows(2)
        .map(|w| (w[1].0 - w[0].0) * 12 + w[1].1 as i32 - w[0].1 as i32)
        .collect();
    let every = |n: i32| !steps.is_empty() && steps.iter().all(|&s| s == n);
    if every(12) {
        for (start, kind) in [
            (1, PeriodKind::Year),
            (4, PeriodKind::FinancialYear),
            (9, PeriodKind::AcademicYear),
        ] {
            if days[0].month() == month_of(start) {
                return Some((kind, what));
            }
        }
    }
    if every(3)
        && days
            .iter()
            .all(|d| [1, 4, 7, 10].map(month_of).contains(&d.month()))
    {
        return Some((PeriodKind::Quarter, what));
    }
    Some((PeriodKind::Month, what))
}

pub(crate) fn kind_plural(k: PeriodKind) -> &'static str {
    match k {
        PeriodKind::Date => "days",
        PeriodKind::Month => "months",
        PeriodKind::Quarter => "quarters",
        PeriodKind::Term => "terms",
        PeriodKind::Year => "calendar years",
        PeriodKind::AcademicYear => "academic years",
        PeriodKind::FinancialYear => "financial years",
    }
}

fn parse_row<'m>(
    t: &Table,
    row: &table::Row,
    find: &dyn Fn(&str) -> Option<&'m Measure>,
) -> Result<Observation, Vec<Error>> {
    let mut errors = Vec::new();
    let data = |field: &str, msg: String| Error::new(ErrorKind::Data, t.at(row, field), msg);
    let id = t.get(row, "measure").unwrap_or("");
    let measure = find(id);
    if measure.is_none() {
        let msg = if id.is_empty() {
            "the measure id is empty".to_string()
        } else {
            format!(
                "unknown measure id {}: the scorecard has no measure with that id",
                quoted(&id)
            )
        };
        errors.push(data("measure", msg));
    }
    let (period_text, said) = qualified(t.get(row, "period").unwrap_or(""));
    let (period, window) = match period_and_window(t, row, period_text, measure) {
        Ok((p, w)) => (Some(p), w),
        Err(e) => {
            errors.push(e);
            (None, Window::Period)
        }
    };
    // A percentage's value may carry its sign (12.5%), as spreadsheets show it; a count's or
    // a numerator's may not.
    let unit = measure.map(|m| m.unit);
    let mut num = |field: &str| match t.get(row, field).map(|cell| with_unit(cell, field, unit)) {
        Some(Ok(x)) => Some(x),
        Some(Err(msg)) => {
            errors.push(data(field, msg));
            None
        }
        None => None,
    };
    // "< 60", "below 60%", "not met": what a plan publishes in place of a figure.
    let given = t
        .get(row, "value")
        .and_then(|cell| given_instead(cell, unit));
    let value = match given {
        Some(_) => None,
        None => num("value"),
    };
    let (numerator, denominator) = (num("numerator"), num("denominator"));
    let given = match given {
        Some(Ok(r)) => Some(r),
        Some(Err(msg)) => {
            errors.push(data("value", msg));
            None
        }
        None => None,
    };
    let numbers_read =
        errors.len() == usize::from(measure.is_none()) + usize::from(period.is_none());
    let flag = t.get(row, "flag").unwrap_or("");
    let breakdown = match (t.get(row, "breakdown"), t.get(row, "category")) {
        (Some(b), Some(c)) => Some((b.to_string(), c.to_string())),
        (None, None) => None,
        (Some(_), None) => {
            errors.push(data("category", "a breakdown row needs a category".into()));
            None
        }
        (None, Some(_)) => {
            errors.push(data(
                "breakdown",
                "a category needs its breakdown dimension".into(),
            ));
            None
        }
    };
    let mut reading = None;
    if let Some(m) = measure.filter(|_| numbers_read) {
        if let Some((dim, _)) = &breakdown {
            if !m.breakdowns.contains(dim) {
                errors.push(data(
                    "breakdown",
                    format!("measure {} has no breakdown {}; declare it in the scorecard's `breakdowns`", quoted(&m.id), quoted(&dim)),
                ));
            }
        }
        let raw = RawReading {
            value,
            numerator,
            denominator,
            flag,
            given,
        };
        match read_reading(m.unit, &raw) {
            Ok(r) => reading = Some(r),
            Err((field, msg)) => errors.push(data(field, msg)),
        }
    }
    let (provisional, revised) = (
        flag == "provisional" || said == Some(Said::Provisional),
        flag == "revised" || said == Some(Said::Revised),
    );
    let (projected, part_year) = (
        flag == "projected" || said == Some(Said::Projected),
        flag == "part_year" || said == Some(Said::PartYear),
    );
    match (measure, period, reading) {
        (Some(m), Some(period), Some(reading)) if errors.is_empty() => Ok(Observation {
            measure: m.id.clone(),
            period,
            reading,
            provisional,
            revised,
            projected,
            part_year,
            window,
            breakdown: breakdown.map(Box::new),
            note: t.get(row, "note").map(str::to_string),
            published_interval: None,
            source: t.source(row),
        }),
        _ => Err(errors),
    }
}

/// A value cell that gives a bound or an outcome in place of a figure, as plans publish them:
/// `< 60`, `<=60`, `below 60%`, `under 5`, `> 95`, `at least 90`, `not met`, `met`. `None` for a
/// cell that is not one (a number, or text for the number reader to refuse).
fn given_instead(cell: &str, unit: Option<Unit>) -> Option<Result<Reading, String>> {
    let lower = cell.trim().to_ascii_lowercase();
    match lower.as_str() {
        "met" | "achieved" => return Some(Ok(Reading::Outcome { met: true })),
        "not met" | "not achieved" | "unmet" => return Some(Ok(Reading::Outcome { met: false })),
        _ => {}
    }
    const SIGNS: [(&str, Bound); 15] = [
        ("<=", Bound::AtMost),
        ("≤", Bound::AtMost),
        (">=", Bound::AtLeast),
        ("≥", Bound::AtLeast),
        ("<", Bound::Below),
        (">", Bound::Above),
        ("less than", Bound::Below),
        ("fewer than", Bound::Below),
        ("below", Bound::Below),
        ("under", Bound::Below),
        ("more than", Bound::Above),
        ("above", Bound::Above),
        ("over", Bound::Above),
        ("at least", Bound::AtLeast),
        ("at most", Bound::AtMost),
    ];
    let (rest, bound) = SIGNS
        .iter()
        .find_map(|(sign, b)| lower.strip_prefix(sign).map(|r| (r.trim(), *b)))?;
    Some(
        with_unit(rest, "value", unit)
            .map(|value| Reading::Bound { bound, value })
            .map_err(|why| {
                format!(
                    "{} reads as a bound, but its number does not: {why}",
                    quoted(&cell)
                )
            }),
    )
}

/// A row's period and the window its figure covers, from the `period` cell (which may be a
/// span: "12 months to April 2025", "January to September 2024"), the `window` cell, and the
/// measure's own `window`. A figure over a window is dated at the month the window ends and is
/// not held to the measure's frequency (a quarterly measure may publish a rolling 12 months to
/// April); a figure for its period is read as the frequency reads it.
fn period_and_window(
    t: &Table,
    row: &table::Row,
    text: &str,
    measure: Option<&Measure>,
) -> Result<(Period, Window), Error> {
    let at = |field: &str, msg: String| Error::new(ErrorKind::Period, t.at(row, field), msg);
    let cell = match t.get(row, "window").map(WindowSpec::parse) {
        Some(Ok(w)) => Some(w),
        Some(Err(msg)) => {
            return Err(Error::new(ErrorKind::Data, t.at(row, "window"), msg));
        }
        None => None,
    };
    let (period, spec) = match span(text) {
        Some(Ok((spec, end))) => {
            let spec = resolve_span(spec, end, measure);
            let (period, spec) = match spec {
                Ok(x) => x,
                Err(msg) => return Err(at("period", msg)),
            };
            if cell.is_some_and(|c| c != spec && c != WindowSpec::Period) {
                return Err(at(
                    "window",
                    format!(
                        "the period {} is a window of its own, and the window column says {}: give one",
                        quoted(text),
                        quoted(t.get(row, "window").unwrap_or_default())
                    ),
                ));
            }
            (period, spec)
        }
        Some(Err(msg)) => return Err(at("period", msg)),
        None => {
            let p = text
                .parse::<Period>()
                .map_err(|e| at("period", e.to_string()))?;
            let spec = cell
                .or_else(|| measure.and_then(|m| m.window))
                .unwrap_or(WindowSpec::Period);
            (p, spec)
        }
    };
    if spec == WindowSpec::Period {
        let p = match measure {
            Some(m) => fit_frequency(m, period).map_err(|msg| at("period", msg))?,
            None => period,
        };
        return Ok((p, Window::Period));
    }
    let (w, p) = spec.at(period).map_err(|msg| at("period", msg))?;
    Ok((p, w))
}

/// A span of months as a period cell writes it: `Some` when the text has " to " in it.
enum Span {
    /// "12 months to April 2025".
    Rolling { months: u8 },
    /// "January to September 2024": the first month (year, month).
    From { year: i32, month: u32 },
}

/// `text` split at its first " to ", as `split_once(" to ")` splits it. These two splits are
/// written with a one-character search because a search for text brought the standard
/// library's two-way string searcher into the dashboard's module for their sake alone.
fn split_at_to(text: &str) -> Option<(&str, &str)> {
    let (i, _) = text
        .match_indices(' ')
        .find(|&(i, _)| text[i..].starts_with(" to "))?;
    Some((&text[..i], &text[i + " to ".len()..]))
}

/// `text` split at its last " (", as `rsplit_once(" (")` splits it (see [`split_at_to`]).
fn last_open_bracket(text: &str) -> Option<(&str, &str)> {
    let (i, _) = text
        .rmatch_indices('(')
        .find(|&(i, _)| text[..i].ends_with(' '))?;
    Some((&text[..i - 1], &text[i + 1..]))
}

fn span(text: &str) -> Option<Result<(Span, Period), String>> {
    let lower = text.trim().to_ascii_lowercase();
    let (a, b) = split_at_to(&lower)?;
    let end = match month_of(b.trim(), None) {
        Some(p) => p,
        None => {
            return Some(Err(format!(
            "{} reads as a span of months, and {} is not a month (April 2025, Apr 2025, 2025-04)",
            quoted(&text),
            quoted(&b)
        )))
        }
    };
    let a = a.trim();
    if let Ok(WindowSpec::Rolling { months }) = WindowSpec::parse(a) {
        return Some(Ok((Span::Rolling { months }, end)));
    }
    match month_of(a, Some(end)) {
        Some(start) => {
            let s = start.start();
            Some(Ok((
                Span::From {
                    year: s.year(),
                    month: s.month(),
                },
                end,
            )))
        }
        None => Some(Err(format!(
            "{} reads as a span of months, and {} is not a month or a length (January, Jan 2024, 2024-01, 12 months)", quoted(&text), quoted(&a)))),
    }
}

/// A month as written at one end of a span; a month named without a year (the start of
/// "January to September 2024") takes the latest year that puts it on or before `end`.
fn month_of(text: &str, end: Option<Period>) -> Option<Period> {
    if let Ok(p) = text.parse::<Period>() {
        return (p.kind() == PeriodKind::Month).then_some(p);
    }
    let end = end?;
    let m = crate::model::period::month_number(&text.to_ascii_uppercase())?;
    let e = end.end();
    let year = if m > e.month() {
        e.year() - 1
    } else {
        e.year()
    };
    Period::month(year, m).ok()
}

/// What a span stands for in measure `m`: a whole quarter or year of the kind the measure is
/// reported in (or, with no frequency, any) is that period; a span from a year's first month is
/// that year to date; any other is a rolling window of its length.
fn resolve_span(
    span: Span,
    end: Period,
    m: Option<&Measure>,
) -> Result<(Period, WindowSpec), String> {
    let (year, month) = match span {
        Span::Rolling { months } => return Ok((end, WindowSpec::Rolling { months })),
        Span::From { year, month } => (year, month),
    };
    let e = end.end();
    let months = (e.year() - year) * 12 + e.month() as i32 - month as i32 + 1;
    if months < 1 {
        return Err(format!("the span ends ({end}) before it starts"));
    }
    if months > i32::from(MAX_ROLLING_MONTHS) {
        return Err(format!(
            "the span is {months} months long; at most {MAX_ROLLING_MONTHS} are read"
        ));
    }
    let fits = |kind: PeriodKind| {
        m.and_then(|m| m.frequency)
            .and_then(crate::model::kinds::Frequency::period_kind)
            .is_none_or(|k| k == kind)
    };
    let whole = match (months, YearKind::starting_in(month)) {
        (3, _) if month % 3 == 1 && fits(PeriodKind::Quarter) => {
            Period::quarter(year, month.div_ceil(3)).ok()
        }
        (12, Some(YearKind::Calendar)) if fits(PeriodKind::Year) => Period::year(year).ok(),
        (12, Some(YearKind::Financial)) if fits(PeriodKind::FinancialYear) => {
            Period::financial_year(year).ok()
        }
        (12, Some(YearKind::Academic)) if fits(PeriodKind::AcademicYear) => {
            Period::academic_year(year).ok()
        }
        _ => None,
    };
    if let Some(p) = whole {
        return Ok((p, WindowSpec::Period));
    }
    match YearKind::starting_in(month) {
        Some(kind) if months <= 12 => Ok((end, WindowSpec::YearToDate { year: kind })),
        _ if months == 1 => Ok((end, WindowSpec::Period)),
        _ => Ok((
            end,
            WindowSpec::Rolling {
                months: months as u8,
            },
        )),
    }
}

struct RawReading<'a> {
    value: Option<f64>,
    numerator: Option<f64>,
    denominator: Option<f64>,
    flag: &'a str,
    /// A bound or an outcome given in the value cell.
    given: Option<Reading>,
}

/// Checks one row's figures against the unit. `Err` names the field at fault.
fn read_reading(unit: Unit, raw: &RawReading) -> Result<Reading, (&'static str, String)> {
    let has_figure = raw.value.is_some()
        || raw.numerator.is_some()
        || raw.denominator.is_some()
        || raw.given.is_some();
    match raw.flag {
        "" | "provisional" | "revised" | "projected" | "part_year" => {}
        "missing" | "suppressed" if has_figure => {
            return Err((
                "flag",
                format!(
                    "a {} row must leave value, numerator and denominator empty",
                    raw.flag
                ),
            ))
        }
        "missing" => return Ok(Reading::Missing),
        "suppressed" => return Ok(Reading::Suppressed),
        other => {
            return Err((
                "flag",
                format!(
                    "unknown flag {}: expected provisional, revised, projected, part_year, missing or suppressed", quoted(&other)),
            ))
        }
    }
    if let Some(given) = raw.given {
        if raw.numerator.is_some() || raw.denominator.is_some() {
            return Err((
                "numerator",
                format!(
                    "the value is given only as {}: leave numerator and denominator empty",
                    given.given().unwrap_or_default()
                ),
            ));
        }
        if let Reading::Bound { value, .. } = given {
            check_range(unit, value)?;
        }
        return Ok(given);
    }
    let reading = match (raw.numerator, raw.denominator) {
        (Some(n), Some(d)) => fraction(unit, n, d, raw.value)?,
        (Some(_), None) => return Err(("denominator", "a numerator needs a denominator".into())),
        (None, Some(_)) => return Err(("numerator", "a denominator needs a numerator".into())),
        (None, None) => match raw.value {
            Some(v) => Reading::Value { value: v },
            None => return Err(("value", "no figure: give a value, or a numerator and denominator, or flag the row missing or suppressed".into())),
        },
    };
    check_range(unit, reading.value().unwrap_or(0.0))?;
    Ok(reading)
}

fn fraction(
    unit: Unit,
    n: f64,
    d: f64,
    given: Option<f64>,
) -> Result<Reading, (&'static str, String)> {
    let scale = unit.scale().ok_or_else(|| {
        (
            "numerator",
            format!(
                "unit {} is not a proportion: give a value, not a numerator and denominator",
                quoted(&unit.name())
            ),
        )
    })?;
    if n < 0.0 {
        return Err((
            "numerator",
            format!("the numerator {} is negative", crate::num::shortest(n)),
        ));
    }
    if d <= 0.0 {
        return Err((
            "denominator",
            format!(
                "the denominator must be above zero, not {}",
                crate::num::shortest(d)
            ),
        ));
    }
    if unit == Unit::Percentage && n > d {
        return Err((
            "numerator",
            format!(
                "the numerator {} is larger than the denominator {}",
                crate::num::shortest(n),
                crate::num::shortest(d)
            ),
        ));
    }
    let value = n / d * scale;
    // A published value is usually rounded; more than half a unit away is a different figure.
    if let Some(v) = given {
        if (v - value).abs() > 0.5 {
            return Err((
                "value",
                format!(
                    "the value {} does not match numerator / denominator ({})",
                    crate::num::shortest(v),
                    crate::num::fmt_num(value)
                ),
            ));
        }
    }
    Ok(Reading::Fraction {
        numerator: n,
        denominator: d,
        value,
    })
}

fn check_range(unit: Unit, v: f64) -> Result<(), (&'static str, String)> {
    unit.check(v).map_err(|why| ("value", why))
}

#[cfg(test)]
mod inference {
    use super::*;

    #[test]
    fn the_two_splits_split_as_the_standard_library_does() {
        for t in [
            "",
            "to",
            " to ",
            "a to b to c",
            "a  to b",
            "12 months to April",
            "x to",
        ] {
            assert_eq!(split_at_to(t), t.split_once(" to "), "{t:?}");
        }
        for t in [
            "", "(", " (", "a (b", "a (b (c)", "a(b", "a (b(c", "2019 (p)", "( x",
        ] {
            assert_eq!(last_open_bracket(t), t.rsplit_once(" ("), "{t:?}");
        }
    }

    #[test]
    fn qualifiers_beside_the_year_are_flags() {
        assert_eq!(qualified("2018 (Rev)"), ("2018", Some(Said::Revised)));
        assert_eq!(qualified("2025 (prov)"), ("2025", Some(Said::Provisional)));
        assert_eq!(qualified("2019-20 (OT)"), ("2019-20", Some(Said::Final)));
        assert_eq!(qualified("2020 (Final)"), ("2020", Some(Said::Final)));
        assert_eq!(qualified("2020 (est)"), ("2020 (est)", None));
        assert_eq!(qualified("2020"), ("2020", None));
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn what_month_boundary_days_stand_for() {
        let of = |xs: &[&str]| {
            infer_frequency(&xs.iter().map(|x| d(x)).collect::<Vec<_>>()).map(|k| k.0)
        };
        assert_eq!(of(&["2019-04-01", "2019-10-01"]), Some(PeriodKind::Month));
        assert_eq!(
            of(&["2019-04-01", "2019-07-01", "2019-10-01"]),
            Some(PeriodKind::Quarter)
        );
        assert_eq!(of(&["2019-06-30", "2019-09-30"]), Some(PeriodKind::Quarter));
        assert_eq!(
            of(&["2019-04-01", "2020-04-01"]),
            Some(PeriodKind::FinancialYear)
        );
        assert_eq!(
            of(&["2020-03-31", "2021-03-31"]),
            Some(PeriodKind::FinancialYear)
        );
        assert_eq!(
            of(&["2019-09-01", "2020-09-01"]),
            Some(PeriodKind::AcademicYear)
        );
        assert_eq!(of(&["2019-12-31", "2020-12-31"]), Some(PeriodKind::Year));
        // One figure on a month's first day: a month. Mid-month days, or two in one month: days.
        assert_eq!(of(&["2019-04-01"]), Some(PeriodKind::Month));
        assert_eq!(of(&["2019-04-15", "2019-05-15"]), None);
        assert_eq!(of(&["2019-04-01", "2019-04-30"]), None);
        assert_eq!(of(&[]), None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::kinds::{MeasureKind, Polarity};

    fn measure(id: &str, unit: Unit) -> Measure {
        Measure {
            id: id.into(),
            name: id.into(),
            kind: MeasureKind::HowWell,
            unit,
            polarity: Polarity::HigherIsBetter,
            frequency: None,
            source: None,
            owner: None,
            breakdowns: vec!["age_group".into()],
            to_be_developed: false,
            baseline: None,
            target: None,
            wording: None,
            spc: Default::default(),
            disclosure: None,
            notes: vec![],
            interval: None,
            counts: Default::default(),
            decimals: None,
            window: None,
            turn_the_curve: Default::default(),
            from: None,
            line: None,
        }
    }

    fn parse(text: &str) -> Result<Vec<Observation>, Errors> {
        let measures = [measure("pct", Unit::Percentage), measure("n", Unit::Count)];
        let find = |id: &str| measures.iter().find(|m| m.id == id);
        super::parse(
            &table::Source::Csv {
                text,
                file: "obs.csv",
            },
            &find,
        )
    }

    fn messages(text: &str) -> Vec<String> {
        parse(text)
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn fraction_derives_the_value() {
        let obs = parse("measure,period,numerator,denominator\npct,2020-05,8,50\n").unwrap();
        assert_eq!(obs[0].value(), Some(16.0));
        assert_eq!(obs[0].period.to_string(), "2020-05");
    }

    #[test]
    fn flags_and_breakdowns() {
        let text = "measure,period,value,flag,breakdown,category\n\
                    n,2020,5,provisional,,\nn,2021,,suppressed,,\nn,2020,2,,age_group,0-4\n";
        let obs = parse(text).unwrap();
        assert!(obs[0].provisional);
        assert_eq!(obs[1].reading, Reading::Suppressed);
        assert_eq!(
            obs[2].breakdown.as_deref(),
            Some(&("age_group".into(), "0-4".into()))
        );
    }

    #[test]
    fn each_bad_row_names_its_line_and_field() {
        let m = messages(
            "measure,period,value,numerator,denominator,flag\n\
             nope,2020-05,1,,,\n\
             pct,2020-13,1,,,\n\
             pct,2020-05,NaN,,,\n\
             pct,2020-05,,9,8,\n\
             pct,2020-05,,1,0,\n\
             n,2020-05,-1,,,\n\
             n,2020-05,3,,,missing\n\
             n,2020-05,,,,\n\
             pct,2020-05,120,,,\n\
             n,2020-05,,1,2,\n\
             pct,2020-05,30,1,4,\n\
             n,2020-05,1,,,maybe\n",
        );
        let expect = [
            "obs.csv:2: field \"measure\": unknown measure id \"nope\"",
            "obs.csv:3: field \"period\": cannot read \"2020-13\" as a period",
            "obs.csv:4: field \"value\": \"NaN\" is not a finite number",
            "obs.csv:5: field \"numerator\": the numerator 9 is larger than the denominator 8",
            "obs.csv:6: field \"denominator\": the denominator must be above zero",
            "obs.csv:7: field \"value\": a count cannot be negative",
            "obs.csv:8: field \"flag\": a missing row must leave value",
            "obs.csv:9: field \"value\": no figure",
            "obs.csv:10: field \"value\": a percentage must be 0 to 100",
            "obs.csv:11: field \"numerator\": unit \"count\" is not a proportion",
            "obs.csv:12: field \"value\": the value 30 does not match numerator / denominator (25)",
            "obs.csv:13: field \"flag\": unknown flag \"maybe\"",
        ];
        assert_eq!(m.len(), expect.len(), "{m:#?}");
        for (got, want) in m.iter().zip(expect) {
            assert!(got.starts_with(want), "{got}\n  should start with\n{want}");
        }
    }

    #[test]
    fn undeclared_breakdown_is_an_error() {
        let m = messages("measure,period,value,breakdown,category\nn,2020,1,need,ASD\n");
        assert!(m[0].contains("has no breakdown \"need\""), "{m:?}");
    }
}
