//! The window a figure covers: its period itself, a rolling span of months ending with it, or
//! the months of a calendar, financial or academic year up to it (year to date). Plans give
//! one measure's figures over several windows ("54% in the 12 months to December 2024", "51%
//! April to December", "48% October to December"); figures of different windows are different
//! series, never joined in one trend or forecast (docs/semantics.md section 3).

use crate::error::quoted;
use crate::model::period::{Period, PeriodKind};
use chrono::Datelike;
use serde::Serialize;

/// The longest rolling window read (three years): a longer one is a typing error here.
pub const MAX_ROLLING_MONTHS: u8 = 36;

/// Which year a year-to-date figure counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum YearKind {
    /// From 1 January.
    Calendar,
    /// From 1 April.
    Financial,
    /// From 1 September.
    Academic,
}

crate::json::serialize_as!(YearKind, name);

impl YearKind {
    /// Every kind, in order.
    pub const ALL: [YearKind; 3] = [YearKind::Calendar, YearKind::Financial, YearKind::Academic];

    /// The month the year starts in (1 to 12).
    pub fn first_month(self) -> u32 {
        match self {
            YearKind::Calendar => 1,
            YearKind::Financial => 4,
            YearKind::Academic => 9,
        }
    }

    /// Its name in labels: "financial".
    pub fn name(self) -> &'static str {
        match self {
            YearKind::Calendar => "calendar",
            YearKind::Financial => "financial",
            YearKind::Academic => "academic",
        }
    }

    /// The kind of year that starts in `month`, if one does.
    pub fn starting_in(month: u32) -> Option<Self> {
        YearKind::ALL.into_iter().find(|k| k.first_month() == month)
    }

    /// The whole year of this kind that ends in `end_year`.
    fn whole(self, end_year: i32) -> Option<Period> {
        match self {
            YearKind::Calendar => Period::year(end_year).ok(),
            YearKind::Financial => Period::financial_year(end_year - 1).ok(),
            YearKind::Academic => Period::academic_year(end_year - 1).ok(),
        }
    }
}

/// A window as a definition or a `window` cell states it, before a figure's period gives it its
/// length: "rolling 12 months", "financial year to date".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WindowSpec {
    /// The period itself.
    Period,
    /// The months ending with the period's last month.
    Rolling {
        /// How many months, 2 to 36.
        months: u8,
    },
    /// From the start of the year of this kind to the period's end.
    YearToDate {
        /// Which year.
        year: YearKind,
    },
}

/// The spellings a window is read from, for messages.
pub const SPELLINGS: &str = "\"rolling 12 months\" (or \"12 months\", \"R12M\"), \
    \"financial year to date\" (\"FYTD\"), \"academic year to date\", \"calendar year to date\", \
    or empty for the period itself";

impl WindowSpec {
    /// Reads a window as analysts write it (letters in any case; `_` and `-` as spaces).
    /// "Year to date" alone is refused: which year it counts from changes the figure.
    ///
    /// ```
    /// use betteroff::{WindowSpec, YearKind};
    /// assert_eq!(WindowSpec::parse("Rolling 12 months"), Ok(WindowSpec::Rolling { months: 12 }));
    /// assert_eq!(WindowSpec::parse("FYTD"), Ok(WindowSpec::YearToDate { year: YearKind::Financial }));
    /// assert!(WindowSpec::parse("year to date").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Self, String> {
        let t = text
            .trim()
            .to_ascii_lowercase()
            .replace(['_', '-'], " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        match t.as_str() {
            "" | "period" | "the period" => return Ok(WindowSpec::Period),
            "fytd" | "financial year to date" | "financial ytd" | "fy to date" => {
                return Ok(WindowSpec::YearToDate {
                    year: YearKind::Financial,
                })
            }
            "aytd" | "academic year to date" | "academic ytd" => {
                return Ok(WindowSpec::YearToDate {
                    year: YearKind::Academic,
                })
            }
            "cytd" | "calendar year to date" | "calendar ytd" => {
                return Ok(WindowSpec::YearToDate {
                    year: YearKind::Calendar,
                })
            }
            "ytd" | "year to date" => {
                return Err(format!(
                    "{}: say which year it counts from (financial year to date, academic year to date or calendar year to date)", quoted(&text)))
            }
            _ => {}
        }
        // Rolling: "rolling 12 months", "12 months", "last 12 months", "r12m", "12m rolling".
        let compact = t.replace(' ', "");
        let core = compact
            .strip_prefix("rolling")
            .or_else(|| compact.strip_prefix("last"))
            .or_else(|| compact.strip_prefix("r").filter(|r| r.ends_with('m')))
            .unwrap_or(&compact);
        let core = core.strip_suffix("rolling").unwrap_or(core);
        let digits: String = core.chars().take_while(char::is_ascii_digit).collect();
        let unit = &core[digits.len()..];
        if !digits.is_empty() && matches!(unit, "months" | "month" | "m" | "mths" | "mth") {
            let months: u32 = crate::num::parse_int(&digits)
                .ok_or_else(|| format!("{}: too many months", quoted(&text)))?;
            return match u8::try_from(months) {
                Ok(1) => Err(format!(
                    "{}: a one-month window is the month itself; leave the window empty",
                    quoted(&text)
                )),
                Ok(m) if (2..=MAX_ROLLING_MONTHS).contains(&m) => {
                    Ok(WindowSpec::Rolling { months: m })
                }
                _ => Err(format!(
                    "{}: a rolling window is 2 to {MAX_ROLLING_MONTHS} months",
                    quoted(&text)
                )),
            };
        }
        Err(format!(
            "cannot read {} as a window: expected {SPELLINGS}",
            quoted(&text)
        ))
    }

    /// The window of a figure for `period` (a month, or a quarter: its last month), with the
    /// month it is dated at. `Err` says why the period cannot end such a window.
    pub fn at(self, period: Period) -> Result<(Window, Period), String> {
        let end = period.end();
        let month = match period.kind() {
            PeriodKind::Month | PeriodKind::Quarter => {
                Period::month(end.year(), end.month()).map_err(|e| e.to_string())?
            }
            PeriodKind::Date if end.succ_opt().is_some_and(|n| n.day() == 1) => {
                Period::month(end.year(), end.month()).map_err(|e| e.to_string())?
            }
            _ if self == WindowSpec::Period => return Ok((Window::Period, period)),
            _ => {
                return Err(format!(
                    "a figure over a window is dated at the month the window ends (2024-12), not at {period}"
                ))
            }
        };
        let window = match self {
            WindowSpec::Period => return Ok((Window::Period, period)),
            WindowSpec::Rolling { months } => Window::Rolling { months },
            WindowSpec::YearToDate { year } => {
                let months = (end.month() + 12 - year.first_month()) % 12 + 1;
                Window::YearToDate {
                    year,
                    months: months as u8,
                }
            }
        };
        Ok((window, month))
    }

    /// The spelling a definition is written back with: "rolling 12 months".
    pub fn text(self) -> String {
        match self {
            WindowSpec::Period => String::new(),
            WindowSpec::Rolling { months } => format!("rolling {months} months"),
            WindowSpec::YearToDate { year } => format!("{} year to date", year.name()),
        }
    }

    /// Whether a figure's window is of this kind (a year-to-date window of any length).
    pub fn matches(self, w: Window) -> bool {
        match (self, w) {
            (WindowSpec::Period, Window::Period) => true,
            (WindowSpec::Rolling { months: a }, Window::Rolling { months: b }) => a == b,
            (WindowSpec::YearToDate { year: a }, Window::YearToDate { year: b, .. }) => a == b,
            _ => false,
        }
    }
}

/// The window a figure covers, with its length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Window {
    /// The period itself.
    #[default]
    Period,
    /// The months ending with the period's month.
    Rolling {
        /// How many months.
        months: u8,
    },
    /// The first `months` months of a year, up to the period's month.
    YearToDate {
        /// Which year.
        year: YearKind,
        /// How many of its months (1 to 12; 12 is the whole year).
        months: u8,
    },
}

impl Window {
    /// Whether the figure is the period's own (no window stated).
    pub fn is_period(&self) -> bool {
        *self == Window::Period
    }

    /// Whether the window covers only part of its year: a year-to-date figure short of 12
    /// months (judged against a full year's target, it says so).
    pub fn is_part_year(&self) -> bool {
        matches!(self, Window::YearToDate { months, .. } if *months < 12)
    }

    /// A stable name for the window's kind, for columns and keys: `period`,
    /// `rolling_12_months`, `financial_year_to_date_9_months`.
    pub fn key(&self) -> String {
        match self {
            Window::Period => "period".to_string(),
            Window::Rolling { months } => format!("rolling_{months}_months"),
            Window::YearToDate { year, months } => {
                format!("{}_year_to_date_{months}_months", year.name())
            }
        }
    }

    /// A figure's period as a reader says it: "2024-Q4" for the period itself, "12 months to
    /// Dec 2024", "Apr to Dec 2024, financial year to date", "financial year FY2024/25".
    ///
    /// ```
    /// use betteroff::{Period, Window, WindowSpec};
    /// let dec: Period = "2024-12".parse().unwrap();
    /// let (w, p) = WindowSpec::parse("rolling 12 months").unwrap().at(dec).unwrap();
    /// assert_eq!(w.label(p), "12 months to Dec 2024");
    /// let (w, p) = WindowSpec::parse("FYTD").unwrap().at(dec).unwrap();
    /// assert_eq!(w.label(p), "Apr to Dec 2024, financial year to date");
    /// ```
    pub fn label(&self, period: Period) -> String {
        let end = period.end();
        match *self {
            Window::Period => period.to_string(),
            Window::Rolling { months } => {
                format!(
                    "{months} months to {} {}",
                    MONTHS[m0(end.month())],
                    end.year()
                )
            }
            Window::YearToDate { year, months: 12 } => match year.whole(end.year()) {
                Some(p) => format!("{} year {p}", year.name()),
                None => period.to_string(),
            },
            Window::YearToDate { year, .. } => {
                let first = year.first_month();
                let start_year = if first > end.month() {
                    end.year() - 1
                } else {
                    end.year()
                };
                let start = if start_year == end.year() {
                    MONTHS[m0(first)].to_string()
                } else {
                    format!("{} {start_year}", MONTHS[m0(first)])
                };
                format!(
                    "{start} to {} {}, {} year to date",
                    MONTHS[m0(end.month())],
                    end.year(),
                    year.name()
                )
            }
        }
    }

    /// The kind of window, without its length for a year to date: figures of one kind are
    /// one line of the report however long their year to date.
    pub fn spec(&self) -> WindowSpec {
        match *self {
            Window::Period => WindowSpec::Period,
            Window::Rolling { months } => WindowSpec::Rolling { months },
            Window::YearToDate { year, .. } => WindowSpec::YearToDate { year },
        }
    }

    /// What the window is, in words, for notes: "the period itself", "rolling 12 months",
    /// "financial year to date (9 months)".
    pub fn words(&self) -> String {
        match self {
            Window::Period => "the period itself".to_string(),
            Window::Rolling { months } => format!("rolling {months} months"),
            Window::YearToDate { year, months } => {
                format!("{} year to date ({months} months)", year.name())
            }
        }
    }
}

/// The window of a measure's headline series, from its definition's `window` (`spec`) and the
/// windows and end dates of its figures up to the reporting period, in any order. With a
/// `spec`, the window of the latest figure it matches (a year to date takes that figure's
/// length: April to December is compared with April to December a year before); `None` when
/// none does. Without one: the period itself when any figure is for its period, else the window
/// of the latest figure (the longest, among those ending together). The one rule every path
/// asks (docs/semantics.md section 3).
pub fn headline(
    spec: Option<WindowSpec>,
    figures: impl Iterator<Item = (Window, chrono::NaiveDate)>,
) -> Option<Window> {
    let mut best: Option<(chrono::NaiveDate, u8, Window)> = None;
    let mut period = false;
    for (w, end) in figures {
        period |= w.is_period();
        if spec.is_some_and(|s| !s.matches(w)) {
            continue;
        }
        let len = match w {
            Window::Period => 0,
            Window::Rolling { months } | Window::YearToDate { months, .. } => months,
        };
        if best.is_none_or(|(e, l, _)| (end, len) > (e, l)) {
            best = Some((end, len, w));
        }
    }
    match spec {
        None if period => Some(Window::Period),
        _ => best.map(|(_, _, w)| w),
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn m0(month: u32) -> usize {
    (month.clamp(1, 12) - 1) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }

    #[test]
    fn spellings_analysts_write() {
        for (text, want) in [
            ("rolling 12 months", WindowSpec::Rolling { months: 12 }),
            ("Rolling_12_months", WindowSpec::Rolling { months: 12 }),
            ("12 months", WindowSpec::Rolling { months: 12 }),
            ("last 3 months", WindowSpec::Rolling { months: 3 }),
            ("R12M", WindowSpec::Rolling { months: 12 }),
            ("12m rolling", WindowSpec::Rolling { months: 12 }),
            (
                "Financial year to date",
                WindowSpec::YearToDate {
                    year: YearKind::Financial,
                },
            ),
            (
                "academic-year-to-date",
                WindowSpec::YearToDate {
                    year: YearKind::Academic,
                },
            ),
            ("", WindowSpec::Period),
        ] {
            assert_eq!(WindowSpec::parse(text), Ok(want), "{text}");
        }
        for bad in [
            "ytd",
            "rolling 1 month",
            "rolling 40 months",
            "fortnight",
            "12",
        ] {
            assert!(WindowSpec::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_windows_length_and_label_come_from_its_period() {
        let fytd = WindowSpec::YearToDate {
            year: YearKind::Financial,
        };
        // April to December is 9 months of the financial year; to March, the whole year.
        let (w, m) = fytd.at(p("2024-12")).unwrap();
        assert_eq!(
            w,
            Window::YearToDate {
                year: YearKind::Financial,
                months: 9
            }
        );
        assert!(w.is_part_year());
        assert_eq!(w.label(m), "Apr to Dec 2024, financial year to date");
        let (w, m) = fytd.at(p("2025-02")).unwrap();
        assert_eq!(w.label(m), "Apr 2024 to Feb 2025, financial year to date");
        let (w, m) = fytd.at(p("2025-Q1")).unwrap();
        assert_eq!(m, p("2025-03"));
        assert!(!w.is_part_year());
        assert_eq!(w.label(m), "financial year FY2024/25");
        // A quarter ends its window in its last month.
        let (w, m) = WindowSpec::Rolling { months: 12 }.at(p("2024-Q4")).unwrap();
        assert_eq!(
            (w.label(m), m),
            ("12 months to Dec 2024".to_string(), p("2024-12"))
        );
        // A window cannot end at a year, nor mid-month.
        assert!(fytd.at(p("2024")).is_err());
        assert!(fytd.at(p("2024-12-15")).is_err());
        assert_eq!(
            WindowSpec::Period.at(p("2024")),
            Ok((Window::Period, p("2024")))
        );
    }

    #[test]
    fn the_headline_window() {
        let d = |s: &str| p(s).end();
        let r12 = Window::Rolling { months: 12 };
        let ytd = |months| Window::YearToDate {
            year: YearKind::Financial,
            months,
        };
        let figs = [
            (Window::Period, d("2024-Q3")),
            (r12, d("2024-12")),
            (ytd(9), d("2024-12")),
            (ytd(6), d("2024-09")),
        ];
        // Without a spec: the period's own figures, whatever else is given.
        assert_eq!(headline(None, figs.into_iter()), Some(Window::Period));
        // Without them: the latest figure's window, the longest among equals.
        assert_eq!(headline(None, figs[1..].iter().copied()), Some(r12));
        // With a spec: its latest figure's window; a year to date takes its length.
        let fytd = WindowSpec::YearToDate {
            year: YearKind::Financial,
        };
        assert_eq!(headline(Some(fytd), figs.into_iter()), Some(ytd(9)));
        assert_eq!(
            headline(Some(fytd), figs[3..].iter().copied()),
            Some(ytd(6))
        );
        assert_eq!(
            headline(Some(WindowSpec::Rolling { months: 3 }), figs.into_iter()),
            None
        );
        assert_eq!(headline(None, std::iter::empty()), None);
    }

    #[test]
    fn a_spec_matches_its_own_windows_only() {
        let r12 = WindowSpec::Rolling { months: 12 };
        assert!(r12.matches(Window::Rolling { months: 12 }));
        assert!(!r12.matches(Window::Rolling { months: 3 }));
        assert!(!r12.matches(Window::Period));
        let ytd = WindowSpec::YearToDate {
            year: YearKind::Calendar,
        };
        assert!(ytd.matches(Window::YearToDate {
            year: YearKind::Calendar,
            months: 9
        }));
        assert!(!ytd.matches(Window::YearToDate {
            year: YearKind::Financial,
            months: 9
        }));
        assert!(WindowSpec::Period.matches(Window::Period));
    }
}
