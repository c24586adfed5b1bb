//! Reporting periods in the spellings analysts use, with their start and end dates.
//!
//! A value is dated at its period's end. Periods of different kinds are ordered by end date,
//! then start date, then kind, so that a mixed list still sorts the same way every time.

use crate::error::quoted;
use crate::num::parse_int;
use chrono::{Datelike, NaiveDate};
use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

/// Years outside this range are refused: they are typing errors in this domain, and the bound
/// keeps every date computation in range.
pub const MIN_YEAR: i32 = 1900;
pub const MAX_YEAR: i32 = 2200;

/// A school term. Terms tile the academic year: Autumn 1 Sep to 31 Dec, Spring 1 Jan to
/// 31 Mar, Summer 1 Apr to 31 Aug (Easter moves; a fixed boundary keeps periods comparable).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Term {
    /// September to December.
    Autumn,
    /// January to April.
    Spring,
    /// May to August.
    Summer,
}

impl Term {
    fn name(self) -> &'static str {
        match self {
            Term::Autumn => "Autumn",
            Term::Spring => "Spring",
            Term::Summer => "Summer",
        }
    }
}

/// Which kind of period a value covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PeriodKind {
    /// A day.
    Date,
    /// A calendar month.
    Month,
    /// A calendar quarter.
    Quarter,
    /// A school term.
    Term,
    /// A calendar year.
    Year,
    /// An academic year (September to August).
    AcademicYear,
    /// A financial year (April to March).
    FinancialYear,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Repr {
    Date(NaiveDate),
    Month { year: i32, month: u32 },
    Quarter { year: i32, quarter: u32 },
    Term { term: Term, year: i32 },
    Year(i32),
    AcademicYear(i32),
    FinancialYear(i32),
}

/// A period: only valid ones can be built (month 1-12, quarter 1-4, year in range).
///
/// ```
/// use betteroff::{Period, PeriodKind};
/// let p: Period = "FY2019/20".parse().unwrap();
/// assert_eq!(p.kind(), PeriodKind::FinancialYear);
/// assert_eq!(p.start().to_string(), "2019-04-01");
/// assert_eq!(p.end().to_string(), "2020-03-31");
/// assert!("2019-13".parse::<Period>().is_err());
/// // Periods order by their end: the 2019/20 academic year ends after the 2019 calendar year.
/// assert!("2019/20".parse::<Period>().unwrap() > "2019".parse::<Period>().unwrap());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period(Repr);

/// Why a text is not a period.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot read {} as a period: {reason}", quoted(.text))]
pub struct PeriodError {
    /// The text that could not be read.
    pub text: String,
    /// Why, with the spellings that work.
    pub reason: String,
}

fn fail<T>(text: &str, reason: impl Into<String>) -> Result<T, PeriodError> {
    Err(PeriodError {
        text: text.to_string(),
        reason: reason.into(),
    })
}

const EXPECTED: &str = "expected one of 2019-04-30, 2019-04, 2020-Q1, 2020, 2019/20, \
                        FY2019/20, Autumn 2019";

impl Period {
    /// A day.
    pub fn date(d: NaiveDate) -> Result<Self, PeriodError> {
        check_year(&d.to_string(), d.year())?;
        Ok(Period(Repr::Date(d)))
    }

    /// A month (1 to 12).
    pub fn month(year: i32, month: u32) -> Result<Self, PeriodError> {
        let text = format!("{year}-{month:02}");
        check_year(&text, year)?;
        if !(1..=12).contains(&month) {
            return fail(&text, "month must be 1 to 12");
        }
        Ok(Period(Repr::Month { year, month }))
    }

    /// A calendar quarter (1 to 4).
    pub fn quarter(year: i32, quarter: u32) -> Result<Self, PeriodError> {
        let text = format!("{year}-Q{quarter}");
        check_year(&text, year)?;
        if !(1..=4).contains(&quarter) {
            return fail(&text, "quarter must be 1 to 4");
        }
        Ok(Period(Repr::Quarter { year, quarter }))
    }

    /// A school term of the academic year starting in `year`.
    pub fn term(term: Term, year: i32) -> Result<Self, PeriodError> {
        check_year(&format!("{} {year}", term.name()), year)?;
        Ok(Period(Repr::Term { term, year }))
    }

    /// A calendar year.
    pub fn year(year: i32) -> Result<Self, PeriodError> {
        check_year(&year.to_string(), year)?;
        Ok(Period(Repr::Year(year)))
    }

    /// The academic year starting 1 September of `start_year`.
    pub fn academic_year(start_year: i32) -> Result<Self, PeriodError> {
        check_year(&start_year.to_string(), start_year)?;
        Ok(Period(Repr::AcademicYear(start_year)))
    }

    /// The financial year starting 1 April of `start_year`.
    pub fn financial_year(start_year: i32) -> Result<Self, PeriodError> {
        check_year(&start_year.to_string(), start_year)?;
        Ok(Period(Repr::FinancialYear(start_year)))
    }

    /// The period of `kind` that holds the day `d`: the month, quarter, term (by the fixed
    /// boundaries above), calendar, academic or financial year it falls in, or the day itself.
    pub fn containing(kind: PeriodKind, d: NaiveDate) -> Result<Self, PeriodError> {
        let (y, m) = (d.year(), d.month());
        match kind {
            PeriodKind::Date => Period::date(d),
            PeriodKind::Month => Period::month(y, m),
            PeriodKind::Quarter => Period::quarter(y, (m - 1) / 3 + 1),
            PeriodKind::Term => Period::term(
                match m {
                    9..=12 => Term::Autumn,
                    1..=3 => Term::Spring,
                    _ => Term::Summer,
                },
                y,
            ),
            PeriodKind::Year => Period::year(y),
            PeriodKind::AcademicYear => Period::academic_year(if m >= 9 { y } else { y - 1 }),
            PeriodKind::FinancialYear => Period::financial_year(if m >= 4 { y } else { y - 1 }),
        }
    }

    /// What kind of period it is.
    pub fn kind(&self) -> PeriodKind {
        match self.0 {
            Repr::Date(_) => PeriodKind::Date,
            Repr::Month { .. } => PeriodKind::Month,
            Repr::Quarter { .. } => PeriodKind::Quarter,
            Repr::Term { .. } => PeriodKind::Term,
            Repr::Year(_) => PeriodKind::Year,
            Repr::AcademicYear(_) => PeriodKind::AcademicYear,
            Repr::FinancialYear(_) => PeriodKind::FinancialYear,
        }
    }

    /// First day of the period.
    pub fn start(&self) -> NaiveDate {
        match self.0 {
            Repr::Date(d) => d,
            Repr::Month { year, month } => ymd(year, month, 1),
            Repr::Quarter { year, quarter } => ymd(year, quarter * 3 - 2, 1),
            Repr::Term { term, year } => match term {
                Term::Autumn => ymd(year, 9, 1),
                Term::Spring => ymd(year, 1, 1),
                Term::Summer => ymd(year, 4, 1),
            },
            Repr::Year(y) => ymd(y, 1, 1),
            Repr::AcademicYear(y) => ymd(y, 9, 1),
            Repr::FinancialYear(y) => ymd(y, 4, 1),
        }
    }

    /// Last day of the period: the date a value for this period is dated at.
    pub fn end(&self) -> NaiveDate {
        match self.0 {
            Repr::Date(d) => d,
            Repr::Month { year, month } => last_of_month(year, month),
            Repr::Quarter { year, quarter } => last_of_month(year, quarter * 3),
            Repr::Term { term, year } => match term {
                Term::Autumn => ymd(year, 12, 31),
                Term::Spring => ymd(year, 3, 31),
                Term::Summer => ymd(year, 8, 31),
            },
            Repr::Year(y) => ymd(y, 12, 31),
            Repr::AcademicYear(y) => ymd(y + 1, 8, 31),
            Repr::FinancialYear(y) => ymd(y + 1, 3, 31),
        }
    }

    /// Whether `self` is the period straight after `prev` (same kind, no gap).
    pub fn follows(&self, prev: &Period) -> bool {
        self.kind() == prev.kind() && prev.end().succ_opt() == Some(self.start())
    }

    /// Whole days from the end of `self` to the end of `later` (negative if `later` is earlier).
    pub fn days_until(&self, later: &Period) -> i64 {
        (later.end() - self.end()).num_days()
    }
}

fn check_year(text: &str, year: i32) -> Result<(), PeriodError> {
    if (MIN_YEAR..=MAX_YEAR).contains(&year) {
        Ok(())
    } else {
        fail(text, format!("year must be {MIN_YEAR} to {MAX_YEAR}"))
    }
}

/// Only called with validated parts, so the date always exists.
fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

fn last_of_month(year: i32, month: u32) -> NaiveDate {
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    ymd(ny, nm, 1).pred_opt().unwrap_or(NaiveDate::MIN)
}

impl Ord for Period {
    fn cmp(&self, other: &Self) -> Ordering {
        self.end()
            .cmp(&other.end())
            .then(self.start().cmp(&other.start()))
            .then(self.kind().cmp(&other.kind()))
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Repr::Date(d) => write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            Repr::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            Repr::Quarter { year, quarter } => write!(f, "{year:04}-Q{quarter}"),
            Repr::Term { term, year } => write!(f, "{} {year:04}", term.name()),
            Repr::Year(y) => write!(f, "{y:04}"),
            Repr::AcademicYear(y) => write!(f, "{y:04}/{:02}", (y + 1).rem_euclid(100)),
            Repr::FinancialYear(y) => write!(f, "FY{y:04}/{:02}", (y + 1).rem_euclid(100)),
        }
    }
}

impl FromStr for Period {
    type Err = PeriodError;

    /// Reads the spellings of docs/semantics.md section 3. Letters are case-insensitive and spaces
    /// around the text are ignored; `2020 Q1`, `2019/2020` and `FY 2019/20` are also read.
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        let text = raw.trim();
        if text.is_empty() {
            return fail(raw, "the period is empty");
        }
        let upper = text.to_ascii_uppercase();
        if let Some(p) = other_spelling(&upper) {
            return p.map_err(|reason| PeriodError {
                text: raw.to_string(),
                reason,
            });
        }
        if let Some(rest) = upper.strip_prefix("FY") {
            let start = split_year_pair(raw, rest.trim())?;
            return Period::financial_year(start).map_err(|e| with_text(e, raw));
        }
        for term in [Term::Autumn, Term::Spring, Term::Summer] {
            if let Some(rest) = upper.strip_prefix(&term.name().to_ascii_uppercase()) {
                let year = parse_year(raw, rest.trim())?;
                return Period::term(term, year).map_err(|e| with_text(e, raw));
            }
        }
        if text.contains('/') {
            let start = split_year_pair(raw, text)?;
            return Period::academic_year(start).map_err(|e| with_text(e, raw));
        }
        if let Some((y, q)) = upper.split_once('Q') {
            let y = y.trim().trim_end_matches('-').trim();
            let year = parse_year(raw, y)?;
            let quarter = parse_digits(raw, q.trim(), 1, "quarter")?;
            return Period::quarter(year, quarter as u32).map_err(|e| with_text(e, raw));
        }
        match date_of_datetime(text) {
            Some(Ok(date)) => parse_dashed(raw, date),
            Some(Err(why)) => fail(raw, why),
            None => parse_dashed(raw, text),
        }
    }
}

/// The date of an ISO 8601 date and time, as spreadsheets, pandas and databases write a day:
/// `2019-04-30T00:00:00`, `2019-04-30 00:00:00`, with optional seconds' fractions. The day is
/// the period; the time of day is not kept. With a zone (`Z`, `+01:00`) only midnight is read:
/// a UK local midnight in summer is 23:00 the day before in UTC (what JavaScript writes for a
/// `Date`), so any other time with a zone is refused rather than read as the wrong day. `None`
/// when the text is no date and time.
fn date_of_datetime(text: &str) -> Option<Result<&str, &'static str>> {
    let (date, time) = (text.get(..10)?, text.get(10..)?);
    let time = time.strip_prefix(['T', ' '])?;
    let (clock, zoned) = match time.find(['Z', '+', '-']) {
        Some(i) => (&time[..i], true),
        None => (time, false),
    };
    let digits = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    let mut parts = clock.split(':');
    let (h, m) = (parts.next()?, parts.next()?);
    let sec = parts.next().map(|s| s.split('.').collect::<Vec<_>>());
    let sec_ok = sec.as_ref().is_none_or(|p| {
        digits(p[0])
            && p.get(1)
                .is_none_or(|f| f.bytes().all(|b| b.is_ascii_digit()))
            && p.len() <= 2
    });
    if !(digits(h) && digits(m) && sec_ok && parts.next().is_none()) {
        return None;
    }
    let midnight = clock.bytes().all(|b| matches!(b, b'0' | b':' | b'.'));
    if zoned && !midnight {
        return Some(Err(
            "a date and time with a time zone, other than midnight: give the date \
            itself (2019-04-01), since a local midnight is another day in UTC (JavaScript's \
            Date.toISOString writes 2019-03-31T23:00:00.000Z for 1 April in British Summer Time)",
        ));
    }
    Some(Ok(date))
}

/// The spellings councils' and the NHS's files use beside the canonical ones: financial-year
/// quarters (`2019/20 Q1`, `FY2019/20 Q1`, `Q1 2019/20`: April to June 2019, the calendar
/// quarter 2019-Q2), `Q3 2023`, year pairs with two-digit years (`FY23/24`, `21/22`,
/// `academic year 21/22`) or a dash (`2019-20`, only when the second part cannot be a month),
/// month names (`Apr-19`, `April 2019`, `Jul 23`), and days with slashes (`30/04/2019`, UK
/// day-first, and `2019/04/30`). Two-digit years are 2000 to 2099. `None` when `upper` (the
/// text in capitals) is none of these; then the canonical parser reads it.
fn other_spelling(upper: &str) -> Option<Result<Period, String>> {
    let words: Vec<&str> = upper.split_whitespace().collect();
    let text = words.join(" ");
    let err = |e: PeriodError| e.reason;
    // Quarters: Qn beside a year or a year pair, either way round.
    let quarter = |w: &str| {
        w.strip_prefix('Q')
            .filter(|n| n.len() == 1)
            .and_then(parse_int::<u32>)
            .filter(|n| (1..=4).contains(n))
    };
    if let [a, b] = words[..] {
        let (q, year) = match (quarter(a), quarter(b)) {
            (Some(q), None) => (q, b),
            (None, Some(q)) => (q, a),
            _ => (0, ""),
        };
        if q > 0 {
            if let Some(start) = year_pair(year.strip_prefix("FY").unwrap_or(year)) {
                // Financial quarter q of the year from April `start`: Q1 is April to June.
                let (y, cq) = if q == 4 {
                    (start + 1, 1)
                } else {
                    (start, q + 1)
                };
                return Some(Period::quarter(y, cq).map_err(err));
            }
            if year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) && a.starts_with('Q') {
                return Some(Period::quarter(parse_int(year)?, q).map_err(err));
            }
        }
    }
    // Year pairs with two-digit years, an academic-year label, or a dash.
    if let Some(rest) = text.strip_prefix("ACADEMIC YEAR ") {
        return Some(match year_pair(rest).or_else(|| short_pair(rest)) {
            Some(start) => Period::academic_year(start).map_err(err),
            None => Err(format!("{EXPECTED}, or academic year 2019/20")),
        });
    }
    if let Some(rest) = text.strip_prefix("FY") {
        if let Some(start) = short_pair(rest.trim()) {
            return Some(Period::financial_year(start).map_err(err));
        }
    }
    if let Some(start) = short_pair(&text) {
        return Some(Period::academic_year(start).map_err(err));
    }
    if let Some((a, b)) = text.split_once('-') {
        let (y, n) = (parse_int::<i32>(a), parse_int::<i32>(b));
        if let (Some(y), Some(n), 4, 2) = (y, n, a.len(), b.len()) {
            if n > 12 && n == (y + 1).rem_euclid(100) {
                return Some(Period::academic_year(y).map_err(err));
            }
            // 2014-16: three calendar years pooled, as DfE and OHID publish small counts.
            let last = y - y.rem_euclid(100) + n;
            if n > 12 && last > y + 1 && last <= y + 10 {
                return Some(Err(pooled(
                    &format!("the calendar years {y} to {last}"),
                    last,
                )));
            }
        }
        // 2013/14-15/16: academic (or financial) years pooled.
        if let (Some(first), Some(_)) = (year_pair(a), b.split_once('/')) {
            let last = b
                .get(..2)
                .and_then(parse_int::<i32>)
                .map(|x| first - first.rem_euclid(100) + x);
            if let Some(last) = last.filter(|&l| l > first && l <= first + 10) {
                return Some(Err(pooled(
                    &format!(
                        "the years {first}/{:02} to {last}/{:02}",
                        (first + 1) % 100,
                        (last + 1) % 100
                    ),
                    last,
                )));
            }
        }
    }
    // Month names: Apr-19, Apr 2019, April 2019, Jul 23.
    let month_year = text.replace('-', " ");
    if let [m, y] = month_year.split_whitespace().collect::<Vec<_>>()[..] {
        if let Some(month) = month_number(m) {
            let year = match y.len() {
                2 => parse_int::<i32>(y).map(|v| 2000 + v),
                4 => parse_int::<i32>(y),
                _ => None,
            };
            return Some(match year {
                Some(year) => Period::month(year, month).map_err(err),
                None => Err(format!(
                    "{} is not a year (write {m} 2019 or {m}-19)",
                    quoted(&y)
                )),
            });
        }
    }
    // Days with slashes: 30/04/2019 (UK, day first) and 2019/04/30.
    let parts: Vec<&str> = text.split('/').collect();
    if let [a, b, c] = parts[..] {
        let num = parse_int::<u32>;
        let (d, m, y) = match (a.len(), c.len()) {
            (4, 1..=2) => (num(c), num(b), parse_int::<i32>(a)),
            (1..=2, 4) => (num(a), num(b), parse_int::<i32>(c)),
            _ => return Some(Err(format!("{EXPECTED}, or 30/04/2019 (day first)"))),
        };
        return Some(match (d, m, y) {
            (Some(d), Some(m), Some(y)) => match NaiveDate::from_ymd_opt(y, m, d) {
                Some(day) => Period::date(day).map_err(err),
                None => Err(
                    "no such date (read day first, as in the UK: 30/04/2019 is 30 April 2019)"
                        .to_string(),
                ),
            },
            _ => Err(format!("{EXPECTED}, or 30/04/2019 (day first)")),
        });
    }
    None
}

/// Why a pooled span of years (`2014-16`) is refused, and what to give instead.
fn pooled(span: &str, last: i32) -> String {
    format!(
        "this covers {span} pooled, and betteroff has no period for a span of years: give each \
         year's figure, or date the pooled figure by its last year ({last}) and say in the row's \
         note that it is pooled"
    )
}

/// `2019/20` or `2019/2020`: the first year, when the second follows it.
fn year_pair(s: &str) -> Option<i32> {
    split_year_pair(s, s).ok()
}

/// `23/24`: two-digit years, the second following the first; the first year, 2000 to 2099.
fn short_pair(s: &str) -> Option<i32> {
    let (a, b) = s.split_once('/')?;
    if a.len() != 2 || b.len() != 2 {
        return None;
    }
    let (a, b) = (parse_int::<i32>(a)?, parse_int::<i32>(b)?);
    (b == (a + 1) % 100).then_some(2000 + a)
}

/// `JAN` or `JANUARY` (in capitals) to 1.
pub(crate) fn month_number(m: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "JANUARY",
        "FEBRUARY",
        "MARCH",
        "APRIL",
        "MAY",
        "JUNE",
        "JULY",
        "AUGUST",
        "SEPTEMBER",
        "OCTOBER",
        "NOVEMBER",
        "DECEMBER",
    ];
    NAMES
        .iter()
        .position(|n| {
            m == *n || (m.len() == 3 && n.starts_with(m)) || (m == "SEPT" && *n == "SEPTEMBER")
        })
        .map(|i| i as u32 + 1)
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn parse_dashed(raw: &str, text: &str) -> Result<Period, PeriodError> {
    let parts: Vec<&str> = text.split('-').collect();
    let year = parse_year(raw, parts[0])?;
    let result = match parts.len() {
        1 => Period::year(year),
        2 => Period::month(year, parse_digits(raw, parts[1], 2, "month")? as u32),
        3 => {
            let month = parse_digits(raw, parts[1], 2, "month")? as u32;
            let day = parse_digits(raw, parts[2], 2, "day")? as u32;
            match NaiveDate::from_ymd_opt(year, month, day) {
                Some(d) => Period::date(d),
                None => fail(raw, "no such date"),
            }
        }
        _ => fail(raw, EXPECTED),
    };
    result.map_err(|e| with_text(e, raw))
}

/// `2019/20` or `2019/2020`: returns the first year after checking the second follows it.
fn split_year_pair(raw: &str, text: &str) -> Result<i32, PeriodError> {
    let Some((a, b)) = text.split_once('/') else {
        return fail(raw, EXPECTED);
    };
    let start = parse_year(raw, a.trim())?;
    let b = b.trim();
    let next = start + 1;
    let ok = match b.len() {
        2 => parse_digits(raw, b, 2, "year")? == i64::from(next.rem_euclid(100)),
        4 => parse_year(raw, b)? == next,
        _ => false,
    };
    if ok {
        Ok(start)
    } else {
        fail(
            raw,
            format!(
                "the second year must follow {start} (write {start}/{:02})",
                next.rem_euclid(100)
            ),
        )
    }
}

fn parse_year(raw: &str, s: &str) -> Result<i32, PeriodError> {
    if s.len() != 4 {
        return fail(raw, EXPECTED);
    }
    Ok(parse_digits(raw, s, 4, "year")? as i32)
}

/// Digits only (no sign, no spaces), `width` of them exactly.
fn parse_digits(raw: &str, s: &str, width: usize, what: &str) -> Result<i64, PeriodError> {
    if s.len() != width || !s.bytes().all(|b| b.is_ascii_digit()) {
        return fail(
            raw,
            format!("the {what} must be {width} digits; {EXPECTED}"),
        );
    }
    parse_int::<i64>(s).map_or_else(|| fail(raw, format!("the {what} is not a number")), Ok)
}

fn with_text(mut e: PeriodError, raw: &str) -> PeriodError {
    e.text = raw.to_string();
    e
}

impl serde::Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Period {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod datetimes {
    use super::*;

    #[test]
    fn the_spellings_councils_and_the_nhs_write() {
        let read = |t: &str| {
            t.parse::<Period>()
                .map(|p| p.to_string())
                .map_err(|e| e.to_string())
        };
        for (text, canonical) in [
            // Financial-year quarters: Q1 is April to June, the calendar quarter 2019-Q2.
            ("2019/20 Q1", "2019-Q2"),
            ("FY2019/20 Q1", "2019-Q2"),
            ("Q1 2019/20", "2019-Q2"),
            ("Q4 FY2019/20", "2020-Q1"),
            ("q3 2019/2020", "2019-Q4"),
            ("Q3 2023", "2023-Q3"),
            // Year pairs.
            ("2019-20", "2019/20"),
            ("21/22", "2021/22"),
            ("academic year 21/22", "2021/22"),
            ("Academic Year 2021/22", "2021/22"),
            ("FY23/24", "FY2023/24"),
            // Month names.
            ("Apr-19", "2019-04"),
            ("April 2019", "2019-04"),
            ("Jul 23", "2023-07"),
            ("July 2023", "2023-07"),
            ("sept 2020", "2020-09"),
            // Days with slashes: UK day first, or year first.
            ("30/04/2019", "2019-04-30"),
            ("1/4/2019", "2019-04-01"),
            ("2019/04/30", "2019-04-30"),
            // The canonical spellings are unchanged; 2011-12 stays December 2011.
            ("2011-12", "2011-12"),
            ("2019/20", "2019/20"),
            ("2020 Q1", "2020-Q1"),
        ] {
            assert_eq!(read(text), Ok(canonical.to_string()), "{text}");
        }
        // LAIT's pooled spans are refused, saying what to give.
        assert!(read("2014-16")
            .unwrap_err()
            .contains("covers the calendar years 2014 to 2016 pooled"));
        assert!(read("2013/14-15/16")
            .unwrap_err()
            .contains("covers the years 2013/14 to 2015/16 pooled"));
        assert_eq!(read("2015-16"), Ok("2015/16".to_string()));
        // Refusals say what would work.
        assert!(read("04/30/2019")
            .unwrap_err()
            .contains("day first, as in the UK"));
        assert!(read("Apr 19999")
            .unwrap_err()
            .contains("write APR 2019 or APR-19"));
        assert!(read("academic year 2019")
            .unwrap_err()
            .contains("academic year 2019/20"));
    }

    #[test]
    fn a_date_and_time_is_its_day_and_a_zoned_time_is_refused() {
        let day = |t: &str| t.parse::<Period>().map(|p| p.to_string());
        for t in [
            "2019-04-30T00:00:00",
            "2019-04-30 00:00:00",
            "2019-04-30T13:45",
            "2019-04-30 09:30:00.123",
            "2019-04-30T00:00:00Z",
            "2019-04-30T00:00:00.000+01:00",
        ] {
            assert_eq!(day(t), Ok("2019-04-30".to_string()), "{t}");
        }
        let e = day("2019-03-31T23:00:00.000Z").unwrap_err().to_string();
        assert!(
            e.contains("a date and time with a time zone, other than midnight"),
            "{e}"
        );
        assert!(day("2019-04-30Tnoon").is_err());
        assert!(day("2019-04-30T25").is_err());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn every_kind_has_the_right_dates() {
        // docs/semantics.md section 3: each spelling with its start and end.
        let cases = [
            ("2019-04", "2019-04-01", "2019-04-30", PeriodKind::Month),
            ("2020-02", "2020-02-01", "2020-02-29", PeriodKind::Month),
            ("2020-Q1", "2020-01-01", "2020-03-31", PeriodKind::Quarter),
            ("2020-Q4", "2020-10-01", "2020-12-31", PeriodKind::Quarter),
            ("2020", "2020-01-01", "2020-12-31", PeriodKind::Year),
            (
                "2019/20",
                "2019-09-01",
                "2020-08-31",
                PeriodKind::AcademicYear,
            ),
            (
                "FY2019/20",
                "2019-04-01",
                "2020-03-31",
                PeriodKind::FinancialYear,
            ),
            ("Autumn 2019", "2019-09-01", "2019-12-31", PeriodKind::Term),
            ("Spring 2020", "2020-01-01", "2020-03-31", PeriodKind::Term),
            ("Summer 2020", "2020-04-01", "2020-08-31", PeriodKind::Term),
            ("2019-04-30", "2019-04-30", "2019-04-30", PeriodKind::Date),
        ];
        for (text, start, end, kind) in cases {
            let period = p(text);
            assert_eq!(period.start(), d(start), "{text}");
            assert_eq!(period.end(), d(end), "{text}");
            assert_eq!(period.kind(), kind, "{text}");
            assert_eq!(period.to_string(), text, "{text} writes back as written");
        }
    }

    #[test]
    fn other_spellings_are_read() {
        assert_eq!(p("2020 Q1"), p("2020-Q1"));
        assert_eq!(p("2019/2020"), p("2019/20"));
        assert_eq!(p("fy 2019/20"), p("FY2019/20"));
        assert_eq!(p(" autumn 2019 "), p("Autumn 2019"));
        assert_eq!(p("2099/00").end(), d("2100-08-31"));
    }

    #[test]
    fn bad_periods_say_why() {
        for bad in [
            "",
            "2020-13",
            "2020-Q5",
            "2019/21",
            "FY2019/2021",
            "2019-02-30",
            "20-01",
            "Mayo 2020",
            "2020-1",
            "1066",
            "2020-Q",
            "Autumn",
            "-2020",
        ] {
            let e = bad.parse::<Period>().unwrap_err();
            assert_eq!(e.text, bad);
            assert!(!e.reason.is_empty());
        }
        let e = "2020-13".parse::<Period>().unwrap_err();
        assert_eq!(
            e.to_string(),
            "cannot read \"2020-13\" as a period: month must be 1 to 12"
        );
    }

    #[test]
    fn ordering_is_by_end_date() {
        let mut v = [
            p("2020"),
            p("2019/20"),
            p("2020-Q1"),
            p("FY2019/20"),
            p("2019-04"),
        ];
        v.sort();
        let names: Vec<String> = v.iter().map(ToString::to_string).collect();
        // FY2019/20 and 2020-Q1 both end 2020-03-31: the longer (earlier start) sorts first.
        assert_eq!(
            names,
            ["2019-04", "FY2019/20", "2020-Q1", "2019/20", "2020"]
        );
        // Same dates, different kinds: ordered, not equal.
        assert_ne!(p("Spring 2020"), p("2020-Q1"));
        assert_ne!(p("Spring 2020").cmp(&p("2020-Q1")), Ordering::Equal);
    }

    #[test]
    fn consecutive_periods() {
        assert!(p("2019/20").follows(&p("2018/19")));
        assert!(p("2020-01").follows(&p("2019-12")));
        assert!(!p("2020-02").follows(&p("2019-12")));
        assert!(!p("2020").follows(&p("2019/20")));
    }

    #[test]
    fn days_between_period_ends() {
        // docs/semantics.md section 5 worked check: 2019-04-30 to 2019-10-31 is 184 days,
        // to 2020-05-31 is 397 days.
        assert_eq!(p("2019-04").days_until(&p("2019-10")), 184);
        assert_eq!(p("2019-04").days_until(&p("2020-05")), 397);
    }

    fn any_period() -> impl Strategy<Value = Period> {
        let y = MIN_YEAR..=MAX_YEAR;
        prop_oneof![
            (y.clone(), 1u32..=12).prop_map(|(y, m)| Period::month(y, m).unwrap()),
            (y.clone(), 1u32..=4).prop_map(|(y, q)| Period::quarter(y, q).unwrap()),
            y.clone().prop_map(|y| Period::year(y).unwrap()),
            y.clone().prop_map(|y| Period::academic_year(y).unwrap()),
            y.clone().prop_map(|y| Period::financial_year(y).unwrap()),
            (y.clone(), 0usize..3).prop_map(|(y, t)| {
                Period::term([Term::Autumn, Term::Spring, Term::Summer][t], y).unwrap()
            }),
            (y, 1u32..=366).prop_map(|(y, o)| {
                let date = NaiveDate::from_yo_opt(y, o).unwrap_or(ymd(y, 12, 31));
                Period::date(date).unwrap()
            }),
        ]
    }

    proptest! {
        #[test]
        fn any_period_round_trips_through_text(period in any_period()) {
            let text = period.to_string();
            prop_assert_eq!(text.parse::<Period>().unwrap(), period);
            prop_assert!(period.start() <= period.end());
        }

        #[test]
        fn parsing_arbitrary_text_never_panics(s in ".{0,20}") {
            let _ = s.parse::<Period>();
        }
    }
}
