//! The full scoring of every area against every measure of a definition, from columns (area,
//! measure, period, value): each series' status on its target's trajectory, SPC limits and
//! each point's special-cause rule, the turn-the-curve forecast, and its quartile band and rank
//! among all the areas. The figures are those of the scorecard path (`Scorecard::score`) scored
//! area by area with the other areas as the benchmark group: a test holds them equal.
//!
//! No object is built per observation: the rows are read in place, series by series, with
//! buffers reused from one series to the next.

use crate::error::quoted;
use std::collections::HashMap;

use crate::report::columns::{SeriesColumns, SeriesScore};
use crate::stats::batch_spc::{first_repeat, Scratch};
use chrono::NaiveDate;

use crate::error::{Error, ErrorKind, Errors, Location};
use crate::input::observations::{as_written, fit_frequency, wanted_kind};
use crate::model::baseline::BaselineSource;
use crate::model::definition::{Analysis, BenchmarkPeriod, Definition};
use crate::model::measure::Measure;
use crate::model::options::Disclosure;
use crate::model::period::Period;
use crate::model::status::Status;
use crate::model::target::{Basis, Comparison, Rule, Target};
use crate::num::r6;
use crate::rules::forecast;
use crate::rules::status::{judge, progress_pct, unjudged, Latest, Unjudged};
use crate::rules::target::{self, Context};
use crate::rules::{self, baseline};
use crate::scoring::disclosure;
use crate::stats::forecast::least_squares;
use crate::stats::spc::{self, PointType, Rule as SpcRule};

/// The input columns, one row per area, measure and period. Rows of one series (an area and a
/// measure) are contiguous and in time order.
#[derive(Debug, Clone, Copy)]
pub struct Rows<'a> {
    /// Any number naming the area.
    pub area: &'a [u32],
    /// The measure: an index into `measures`.
    pub measure: &'a [u32],
    /// Each measure index's measure, as [`Plan::code`] gives it (the dictionary of an Arrow
    /// column of measure ids; [`Plan::codes`] when `measure` already holds plan codes).
    pub measures: &'a [u32],
    /// The period: an index into `periods`.
    pub period: &'a [u32],
    /// The periods `period` indexes (a period may appear more than once).
    pub periods: &'a [Period],
    /// The figure; NaN where it is missing.
    pub value: &'a [f64],
}

/// A definition's measures, checked for batch scoring, with their codes.
///
/// Two areas' figures for one measure, scored at once (Dudley WSoA 2.A3a: 32% in April 2019, to
/// be halved by May 2020; at 2019-10 the trajectory expects 24.58%):
///
/// ```
/// use betteroff::batch::{Plan, Rows};
/// use betteroff::{Period, Scorecard, Status};
/// let card = Scorecard::from_toml(r#"
/// id = "wsoa"
/// title = "WSoA"
/// [[sections]]
/// id = "p2"
/// title = "Area 2"
/// kind = "priority"
/// [[sections.measures]]
/// id = "A3a"
/// name = "Parents/carers dissatisfied with the assessment"
/// kind = "better_off"
/// unit = "percentage"
/// polarity = "lower_is_better"
/// baseline = { period = "2019-04", value = 32 }
/// target = { kind = "relative", change = -50, due = "2020-05" }
/// "#, "wsoa.toml").unwrap();
/// let plan = Plan::new(card.definition()).unwrap();
/// let code = plan.code("A3a").unwrap();
/// let periods: Vec<Period> = vec!["2019-10".parse().unwrap()];
/// let rows = Rows {
///     area: &[1, 2],
///     measure: &[0, 0],
///     measures: &[code],
///     period: &[0, 0],
///     periods: &periods,
///     value: &[24.0, 25.0],
/// };
/// let scores = plan.score(&rows, None).unwrap();
/// assert_eq!(scores.series.status, [Status::OnTrack, Status::AtRisk]);
/// assert_eq!(scores.series.target, [Some(16.0), Some(16.0)]);
/// ```
#[derive(Debug)]
pub struct Plan<'d> {
    measures: Vec<&'d Measure>,
    codes: HashMap<&'d str, u32>,
    analysis: &'d Analysis,
    tolerance_pct: f64,
    /// Named comparators' figures (England, the region) by measure code and period, for
    /// comparator targets ([`Plan::with_comparators`]).
    named: HashMap<(u32, Period, u32), f64>,
    /// The comparators' names; `named` keys them by their place here.
    names: Vec<String>,
    /// Each measure's baseline period end (when the definition names the period) and target
    /// due date, worked out once rather than per series.
    dates: Vec<(Option<NaiveDate>, Option<NaiveDate>)>,
    /// Each measure's disclosure rules, for a count measure under control (docs/disclosure.md).
    rules: Vec<Option<Disclosure>>,
    /// Whether disclosure control applies (the default); off only for internal use.
    control: bool,
}

/// SPC limits of a series, and its latest figure's variation icon.
#[derive(Debug, Clone, Copy, PartialEq)]
struct SpcLimits {
    mean: f64,
    limits: Option<spc::Limits>,
    icon: Option<spc::VariationIcon>,
}

/// The turn-the-curve forecast, as the scorecard's (`report::ForecastResult`).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Forecast {
    points_used: usize,
    slope_per_year: f64,
    at_due: Option<f64>,
    reachable: Option<bool>,
    baseline_forecast: Option<f64>,
    turned: Option<bool>,
}

/// Where the series' latest figure stands among every area's figure for the same period.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Benchmark {
    period: u32,
    value: Option<f64>,
    areas: usize,
    q1: f64,
    median: f64,
    q3: f64,
    band: Option<char>,
    rank: Option<usize>,
}

/// Every series' scores in input order, and each row's SPC rule and point type (`None` for a
/// missing figure, a row after the reporting period, or a series too short for SPC).
#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    /// Each series' scores, a column per figure.
    pub series: SeriesColumns,
    /// Each row's SPC rule.
    pub rule: Vec<Option<SpcRule>>,
    /// Each row's SPC point type.
    pub point_type: Vec<Option<PointType>>,
}

impl<'d> Plan<'d> {
    /// The measures of `def`, refusing targets that need figures the columns do not carry:
    /// comparator and gap targets (named comparators), milestones, direction-only targets, and
    /// SPC rebasing. Score those with the scorecard.
    pub fn new(def: &'d Definition) -> Result<Self, Errors> {
        let measures: Vec<&Measure> = def.sections.iter().flat_map(|s| &s.measures).collect();
        let refused: Vec<Error> = measures.iter().filter_map(|m| refusal(m)).collect();
        if !refused.is_empty() {
            return Err(Errors(refused));
        }
        let codes = measures
            .iter()
            .enumerate()
            .map(|(i, m)| (m.id.as_str(), i as u32))
            .collect();
        let dates = measures
            .iter()
            .map(|m| {
                let due = m
                    .target
                    .as_ref()
                    .and_then(Target::final_due)
                    .map(|d| d.end());
                (
                    m.baseline
                        .as_ref()
                        .and_then(|b| b.period())
                        .map(|p| p.end()),
                    due,
                )
            })
            .collect();
        let rules = measures
            .iter()
            .map(|m| {
                m.unit
                    .is_count()
                    .then(|| disclosure::rules_for(m, def.disclosure))
                    .flatten()
            })
            .collect();
        Ok(Plan {
            rules,
            control: true,
            measures,
            codes,
            named: HashMap::new(),
            names: Vec::new(),
            dates,
            analysis: &def.analysis,
            tolerance_pct: def.status_rules.at_risk_tolerance_pct,
        })
    }

    /// Adds named comparators' figures (England, the region, statistical neighbours' average):
    /// `(measure code, period, name, value)`, as comparators.csv holds them. A comparator target
    /// ("match England") resolves to the named figure for the period judged, as in the
    /// scorecard. A figure that is not finite or a measure code out of range is refused, naming
    /// its row, and so is a second figure for the same measure, period and name where a
    /// comparator or gap target reads them (figures of other measures are checked, then
    /// dropped).
    pub fn with_comparators<'n>(
        mut self,
        figures: impl IntoIterator<Item = (u32, Period, &'n str, f64)>,
    ) -> Result<Self, Error> {
        let file = "comparators";
        for (i, (code, period, name, value)) in figures.into_iter().enumerate() {
            if code as usize >= self.measures.len() {
                let why = format!("measure code {code} is not below {}", self.measures.len());
                return Err(Error::new(
                    ErrorKind::Data,
                    Location::row(file, i, "measure"),
                    why,
                ));
            }
            if !value.is_finite() {
                let why = "the value is not a finite number".to_string();
                return Err(Error::new(
                    ErrorKind::Data,
                    Location::row(file, i, "value"),
                    why,
                ));
            }
            // Only comparator and gap targets read these figures: the others are checked, not
            // kept.
            let rule = match &self.measures[code as usize].target {
                Some(Target::Single { rule, .. }) => Some(rule),
                _ => None,
            };
            if !matches!(rule, Some(Rule::Comparator { .. } | Rule::Gap { .. })) {
                continue;
            }
            let k = match self.names.iter().position(|n| n == name) {
                Some(k) => k as u32,
                None => {
                    self.names.push(name.to_string());
                    self.names.len() as u32 - 1
                }
            };
            if self.named.insert((code, period, k), value).is_some() {
                let why = format!(
                    "a second figure for comparator '{name}', measure {}, {period}",
                    self.measures[code as usize].id
                );
                return Err(Error::new(
                    ErrorKind::Data,
                    Location::row(file, i, "comparator"),
                    why,
                ));
            }
        }
        Ok(self)
    }

    /// The named comparator's figure for a measure and period, as published.
    fn named(&self, code: u32, period: Period, name: &str) -> Option<f64> {
        let k = self.names.iter().position(|n| n == name)? as u32;
        let v = self.named.get(&(code, period, k)).copied()?;
        match self.control_rules(code) {
            Some(r) => match disclosure::count(v, r) {
                disclosure::Count::Figure(v) => Some(v),
                disclosure::Count::Withheld(_) => None,
            },
            None => Some(v),
        }
    }

    /// Scores the true figures, without disclosure control: for internal use only (a benchmark,
    /// a check against another implementation), never for anything published.
    pub fn without_disclosure_control(mut self) -> Self {
        self.control = false;
        self
    }

    /// The disclosure rules of measure `code`, when control applies to it.
    fn control_rules(&self, code: u32) -> Option<&Disclosure> {
        self.rules
            .get(code as usize)
            .and_then(Option::as_ref)
            .filter(|_| self.control)
    }

    /// The published view of the value column (as the scorecard's, docs/disclosure.md): each
    /// count under control through the one rule for counts, a withheld one NaN with its flag
    /// set. `None` when no figure is under control, so the rows are read as they are.
    fn publish(&self, rows: &Rows) -> Option<(Vec<f64>, Vec<bool>)> {
        if !self.control || self.rules.iter().all(Option::is_none) {
            return None;
        }
        let mut value = rows.value.to_vec();
        let mut withheld = vec![false; value.len()];
        for (i, v) in value.iter_mut().enumerate() {
            // A row whose measure index is out of range is refused later, naming it.
            let code = rows
                .measure
                .get(i)
                .and_then(|&m| rows.measures.get(m as usize));
            let Some(r) = code.and_then(|&c| self.control_rules(c)) else {
                continue;
            };
            if v.is_nan() {
                continue;
            }
            match disclosure::count(*v, r) {
                disclosure::Count::Figure(x) => *v = x,
                disclosure::Count::Withheld(_) => {
                    *v = f64::NAN;
                    withheld[i] = true;
                }
            }
        }
        Some((value, withheld))
    }

    /// The code of measure `id` for [`Rows::measure`].
    pub fn code(&self, id: &str) -> Option<u32> {
        self.codes.get(id).copied()
    }

    /// Every measure's code, in order: the `measures` of rows whose `measure` holds plan codes.
    pub fn codes(&self) -> Vec<u32> {
        (0..self.measures.len() as u32).collect()
    }

    /// Scores every series as at `as_of` (default: the latest period in the rows).
    pub fn score(&self, rows: &Rows, as_of: Option<Period>) -> Result<Scores, Error> {
        let published = self.publish(rows);
        let prep = self.prepare(rows, published.as_ref(), as_of)?;
        let n = rows.value.len();
        let (mut rule, mut point_type) = (vec![None; n], vec![None; n]);
        let series = self.chunk(&prep, &prep.runs, &mut rule, &mut point_type);
        Ok(Scores {
            series,
            rule,
            point_type,
        })
    }

    /// [`Plan::score`] with the series split into chunks scored on rayon's threads, each
    /// writing its rows' rules into one output: the same scores whatever the number of threads.
    #[cfg(feature = "parallel")]
    pub fn par_score(&self, rows: &Rows, as_of: Option<Period>) -> Result<Scores, Error> {
        use rayon::prelude::*;
        let published = self.publish(rows);
        let prep = self.prepare(rows, published.as_ref(), as_of)?;
        let n = rows.value.len();
        let (mut rule, mut point_type) = (vec![None; n], vec![None; n]);
        // About four chunks per thread; each owns the output rows of its series.
        let per = prep
            .runs
            .len()
            .div_ceil(rayon::current_num_threads() * 4)
            .max(64);
        let mut jobs = Vec::new();
        let (mut rest_rule, mut rest_type) = (&mut rule[..], &mut point_type[..]);
        for runs in prep.runs.chunks(per) {
            let len = runs.last().map_or(0, |r| r.end) - runs.first().map_or(0, |r| r.start);
            let (a, b) = std::mem::take(&mut rest_rule).split_at_mut(len);
            let (c, d) = std::mem::take(&mut rest_type).split_at_mut(len);
            (rest_rule, rest_type) = (b, d);
            jobs.push((runs, a, c));
        }
        let parts: Vec<SeriesColumns> = jobs
            .into_par_iter()
            .map(|(runs, r, t)| self.chunk(&prep, runs, r, t))
            .collect();
        let mut series = SeriesColumns::with_capacity(prep.runs.len());
        for part in parts {
            series.append(part);
        }
        Ok(Scores {
            series,
            rule,
            point_type,
        })
    }

    /// Scores consecutive series whose rows' rules go to `rule` and `point_type` (which start
    /// at the first series' first row).
    fn chunk(
        &self,
        prep: &Prepared,
        runs: &[Run],
        rule: &mut [Option<SpcRule>],
        point_type: &mut [Option<PointType>],
    ) -> SeriesColumns {
        let base = runs.first().map_or(0, |r| r.start);
        let mut work = Work::default();
        let mut out = SeriesColumns::with_capacity(runs.len());
        for run in runs {
            let at = run.start - base..run.end - base;
            out.push(self.series(
                prep,
                run,
                &mut work,
                &mut rule[at.clone()],
                &mut point_type[at],
            ));
        }
        out
    }
}

/// Why a measure cannot be batch-scored, if it cannot.
fn refusal(m: &Measure) -> Option<Error> {
    let why = match &m.target {
        Some(Target::Milestones(_)) => Some("a milestones target"),
        Some(Target::Single {
            rule: Rule::Direction,
            ..
        }) => Some("a direction-only target"),
        _ => None,
    }
    .or((!m.spc.rebase.is_empty()).then_some("SPC rebasing"))
    .or(m
        .spc
        .fix_until
        .is_some()
        .then_some("SPC limits fixed on a named period (fix_until)"))
    .or((m.spc.chart != crate::model::options::ChartKind::Xmr)
        .then_some("a p', u' or c chart (its table has no numerators and denominators)"));
    why.map(|why| {
        Error::new(
            ErrorKind::Usage,
            Location {
                file: "definition".into(),
                line: None,
                row: None,
                field: Some(format!("measure {}", m.id)),
                ..Location::default()
            },
            format!(
                "batch scoring does not take {why} (it judges each series against one target \
                 figure, with SPC over the whole series): score this measure with the scorecard"
            ),
        )
    })
}

/// A series: its rows `start..end`, of which `start..within` are on or before the reporting
/// period.
#[derive(Debug, Clone, Copy)]
struct Run {
    start: usize,
    within: usize,
    end: usize,
    /// The place in time the series is benchmarked at, and its row there with a figure.
    bench_place: Option<u32>,
    bench_row: Option<usize>,
}

/// What every series reads: the rows, each period's end as a day number, and the figures of
/// every area for the (measure, period) groups some series needs, sorted.
struct Prepared<'r> {
    rows: Rows<'r>,
    /// Rows whose figure disclosure control withheld (empty when none is under control).
    withheld: &'r [bool],
    /// Each period code's end, as a date and as a day number.
    end_date: Vec<NaiveDate>,
    end_day: Vec<i64>,
    /// The reporting period's last day: a forecast is stated only for a due date after it.
    as_of_day: i64,
    /// Each period code's place in time (equal periods share one), and a code of each place.
    place: Vec<u32>,
    place_code: Vec<u32>,
    runs: Vec<Run>,
    /// Per (measure, place in time): the range of `values` holding that group's figures
    /// (empty when no series needs it).
    groups: Vec<std::ops::Range<usize>>,
    values: Vec<f64>,
}

impl Prepared<'_> {
    /// The plan code of row `i`'s measure.
    fn measure(&self, i: usize) -> u32 {
        self.rows.measures[self.rows.measure[i] as usize]
    }

    /// Every area's figures for measure `code` at place in time `place`, ascending.
    fn group_at(&self, code: u32, place: u32) -> &[f64] {
        let key = code as usize * self.rows.periods.len() + place as usize;
        &self.values[self.groups[key].clone()]
    }
}

impl Plan<'_> {
    /// Checks the columns, finds the series, and gathers the benchmark groups.
    fn prepare<'r>(
        &self,
        rows: &Rows<'r>,
        published: Option<&'r (Vec<f64>, Vec<bool>)>,
        as_of: Option<Period>,
    ) -> Result<Prepared<'r>, Error> {
        // Everything below reads the published figures; `withheld` marks those withheld.
        let rows = &match published {
            Some((value, _)) => Rows { value, ..*rows },
            None => *rows,
        };
        let withheld: &[bool] = published.map_or(&[], |(_, w)| w.as_slice());
        let n = rows.value.len();
        for (name, len) in [
            ("area", rows.area.len()),
            ("measure", rows.measure.len()),
            ("period", rows.period.len()),
        ] {
            if len != n {
                return Err(usage(format!("{len} {name} codes for {n} values")));
            }
        }
        if let Some(&c) = rows
            .measures
            .iter()
            .find(|&&c| c as usize >= self.measures.len())
        {
            return Err(usage(format!(
                "measure code {c} is not below {}",
                self.measures.len()
            )));
        }
        let place = places(rows.periods);
        let mut place_code = vec![0u32; rows.periods.len()];
        for (c, &p) in place.iter().enumerate().rev() {
            place_code[p as usize] = c as u32;
        }
        let end_date: Vec<NaiveDate> = rows.periods.iter().map(Period::end).collect();
        let end_day: Vec<i64> = end_date.iter().map(|&d| day(d)).collect();
        let (runs, keys, counts) = self.scan(rows, &place)?;
        grouped(&keys, &runs, |code| &self.measures[code as usize].id)?;
        let as_of_day = match as_of {
            Some(p) => day(p.end()),
            // The latest period in the rows: each series' last row is its latest.
            None => runs
                .iter()
                .map(|r| end_day[rows.period[r.end - 1] as usize])
                .max()
                .unwrap_or(0),
        };
        let mut prep = Prepared {
            rows: *rows,
            withheld,
            end_date,
            end_day,
            as_of_day,
            place,
            place_code,
            runs,
            groups: Vec::new(),
            values: Vec::new(),
        };
        let needed = self.needed(&mut prep, &counts, as_of_day);
        (prep.groups, prep.values) = gather(&prep, &counts, &needed);
        Ok(prep)
    }

    /// One pass over the rows: each is checked, the series are found, and the figures of each
    /// (measure, place in time) counted.
    #[allow(clippy::type_complexity)]
    fn scan(
        &self,
        rows: &Rows,
        place: &[u32],
    ) -> Result<(Vec<Run>, Vec<(u32, u32)>, Vec<u32>), Error> {
        let (n, np, nd) = (rows.value.len(), rows.periods.len(), rows.measures.len());
        let mut counts = vec![0u32; self.measures.len() * np];
        let ranges: Vec<_> = self.measures.iter().map(|m| m.unit.range()).collect();
        // Each measure's kind of period and each period's, looked up per row: the measure's
        // frequency is asked why only for a row whose period is of another kind.
        let wanted: Vec<_> = self.measures.iter().map(|m| wanted_kind(m)).collect();
        let kinds: Vec<_> = rows.periods.iter().map(Period::kind).collect();
        let mut runs: Vec<Run> = Vec::new();
        let mut keys: Vec<(u32, u32)> = Vec::new();
        // The current series' key, its measure's unit range and the last row's place, kept in
        // registers: the loop reads each input column once, in order.
        let mut key = (u32::MAX, u32::MAX);
        let (mut range, mut last_place) = (ranges.first().cloned().unwrap_or(0.0..=0.0), 0u32);
        let columns = rows
            .area
            .iter()
            .zip(rows.measure)
            .zip(rows.period)
            .zip(rows.value);
        for (i, (((&area, &m), &p), &v)) in columns.enumerate() {
            let Some(&code) = rows.measures.get(m as usize) else {
                let why = format!("measure index {m} is not below {nd}");
                return Err(bad(i, "measure", why));
            };
            let Some(&at) = place.get(p as usize) else {
                let why = format!("period index {p} is not below {np}");
                return Err(bad(i, "period", why));
            };
            if v.is_infinite() {
                return Err(bad(i, "value", "the value is infinite".into()));
            }
            // The measure's frequency governs, as in the scorecard; batch scoring reads periods
            // as written, so a day standing for a month is refused rather than read as one day.
            let period = rows.periods[p as usize];
            let m = &self.measures[code as usize];
            let written = as_written(wanted[code as usize], kinds[p as usize]);
            match if written {
                Ok(period)
            } else {
                fit_frequency(m, period)
            } {
                Ok(fit) if fit == period => {}
                Ok(fit) => {
                    return Err(bad(i, "period", format!(
                        "measure {} is {}, and {period} is a day: batch scoring reads periods as written, so give {fit} (convert the column to months, quarters or years first)", quoted(&m.id), m.frequency.map_or("", |f| f.name()))));
                }
                Err(why) => return Err(bad(i, "period", why)),
            }
            if (area, code) == key {
                if at <= last_place {
                    let prev = rows.period[i - 1] as usize;
                    return Err(bad(
                        i,
                        "period",
                        format!(
                            "{} does not follow {} in area {} measure {}: sort the rows by \
                             area, measure, then period",
                            rows.periods[p as usize],
                            rows.periods[prev],
                            area,
                            self.measures[code as usize].id
                        ),
                    ));
                }
            } else {
                key = (area, code);
                range = ranges[code as usize].clone();
                keys.push(key);
                if let Some(last) = runs.last_mut() {
                    last.end = i;
                }
                runs.push(Run {
                    start: i,
                    within: i,
                    end: n,
                    bench_place: None,
                    bench_row: None,
                });
            }
            last_place = at;
            // As observations.csv: a figure must fit its unit (a range compare per row; the
            // message only when it does not).
            if !v.is_nan() && !range.contains(&v) {
                let unit = self.measures[code as usize].unit;
                unit.check(v).map_err(|why| bad(i, "value", why))?;
            }
            counts[code as usize * np + at as usize] += u32::from(!v.is_nan());
        }
        Ok((runs, keys, counts))
    }

    /// Each series' rows up to the reporting period and its benchmarked row; and which
    /// (measure, place in time) groups the series need.
    fn needed(&self, prep: &mut Prepared, counts: &[u32], as_of_day: i64) -> Vec<bool> {
        let (rows, np) = (prep.rows, prep.rows.periods.len());
        let mut needed = vec![false; counts.len()];
        let key = |i: usize, m: usize| m * np + prep.place[rows.period[i] as usize] as usize;
        // The latest place in time on or before the reporting period.
        let latest_place = (0..np)
            .filter(|&c| prep.end_day[c] <= as_of_day)
            .map(|c| prep.place[c])
            .max();
        for run in &mut prep.runs {
            run.within = run.start
                + rows.period[run.start..run.end]
                    .partition_point(|&p| prep.end_day[p as usize] <= as_of_day);
            let m = rows.measures[rows.measure[run.start] as usize] as usize;
            let here = &rows.period[run.start..run.within];
            // The series' row with a figure at a place in time, if any.
            let own_at = |p: u32| {
                here.binary_search_by_key(&p, |&code| prep.place[code as usize])
                    .ok()
                    .map(|k| run.start + k)
                    .filter(|&i| !rows.value[i].is_nan())
            };
            run.bench_place = match self.analysis.benchmark_period {
                // The latest figure whose period has at least one other area's figure.
                BenchmarkPeriod::Own => (run.start..run.within)
                    .rev()
                    .find(|&i| !rows.value[i].is_nan() && counts[key(i, m)] >= 2)
                    .map(|i| prep.place[rows.period[i] as usize]),
                // LAIT's rule: the latest place on or before the reporting period with another
                // area's figure, whether or not this one has a figure there.
                BenchmarkPeriod::Latest => latest_place.and_then(|last| {
                    (0..=last)
                        .rev()
                        .find(|&p| counts[m * np + p as usize] > u32::from(own_at(p).is_some()))
                }),
            };
            run.bench_row = run.bench_place.and_then(own_at);
            if let Some(p) = run.bench_place {
                needed[m * np + p as usize] = true;
            }
            // A quartile target reads every area's figure for the latest period.
            let quartile = matches!(
                self.measures[m].target,
                Some(Target::Single {
                    rule: Rule::Quartile { .. },
                    ..
                })
            );
            if quartile && run.within > run.start {
                needed[key(run.within - 1, m)] = true;
            }
        }
        needed
    }
}

/// Each period code's place in time, so that rows compare periods as integers; equal periods
/// (the same month spelt twice in a dictionary) share a place.
fn places(periods: &[Period]) -> Vec<u32> {
    let mut by_time: Vec<usize> = (0..periods.len()).collect();
    crate::num::sort_by_key(&mut by_time, |&k| periods[k]);
    let mut place = vec![0u32; periods.len()];
    let mut at = 0u32;
    for (k, w) in by_time.iter().enumerate() {
        if k > 0 && periods[*w] != periods[by_time[k - 1]] {
            at += 1;
        }
        place[*w] = at;
    }
    place
}

/// The figures of every needed (measure, place in time) group, each group sorted ascending.
fn gather(
    prep: &Prepared,
    counts: &[u32],
    needed: &[bool],
) -> (Vec<std::ops::Range<usize>>, Vec<f64>) {
    let (rows, np) = (&prep.rows, prep.rows.periods.len());
    let mut offset = 0;
    let groups: Vec<std::ops::Range<usize>> = counts
        .iter()
        .zip(needed)
        .map(|(&count, &needed)| {
            let len = if needed { count as usize } else { 0 };
            offset += len;
            offset - len..offset
        })
        .collect();
    let mut values = vec![0.0; offset];
    let mut fill: Vec<usize> = groups.iter().map(|r| r.start).collect();
    // The places each measure needs (usually one or two), then each series' row at each of
    // them, found by binary search in the series' increasing places: no second pass over the
    // rows. A group's rows are each series' one row at its place, so `counts` sized it exactly.
    let mut wanted: Vec<Vec<u32>> = vec![Vec::new(); counts.len() / np.max(1)];
    for key in (0..needed.len()).filter(|&k| needed[k]) {
        wanted[key / np].push((key % np) as u32);
    }
    for run in &prep.runs {
        let m = prep.measure(run.start) as usize;
        let here = &rows.period[run.start..run.within];
        for &p in &wanted[m] {
            let Ok(k) = here.binary_search_by_key(&p, |&code| prep.place[code as usize]) else {
                continue;
            };
            let (key, v) = (m * np + p as usize, rows.value[run.start + k]);
            if !v.is_nan() {
                values[fill[key]] = v;
                fill[key] += 1;
            }
        }
    }
    for r in &groups {
        crate::num::sort_floats(&mut values[r.clone()]);
    }
    (groups, values)
}

/// Each series' rows must be contiguous: a series that starts a second run is an error naming
/// its first row there.
fn grouped<'m>(
    keys: &[(u32, u32)],
    runs: &[Run],
    id: impl Fn(u32) -> &'m str,
) -> Result<(), Error> {
    match first_repeat(keys) {
        None => Ok(()),
        Some(k) => Err(bad(
            runs[k].start,
            "area",
            format!(
                "area {} measure {} appears again: sort the rows by area, measure, then period",
                keys[k].0,
                id(keys[k].1)
            ),
        )),
    }
}

/// Buffers reused from series to series.
#[derive(Default)]
struct Work {
    /// The series' figures on or before the reporting period, missing ones left out, and the
    /// row of each.
    y: Vec<f64>,
    at: Vec<usize>,
    points: Vec<(f64, f64)>,
    rules: Vec<SpcRule>,
    scratch: Scratch,
}

impl Plan<'_> {
    fn series(
        &self,
        prep: &Prepared,
        run: &Run,
        w: &mut Work,
        rule: &mut [Option<SpcRule>],
        point_type: &mut [Option<PointType>],
    ) -> SeriesScore {
        let rows = &prep.rows;
        let code = prep.measure(run.start);
        let m = self.measures[code as usize];
        w.y.clear();
        w.at.clear();
        for i in run.start..run.within {
            if !rows.value[i].is_nan() {
                w.y.push(rows.value[i]);
                w.at.push(i);
            }
        }
        let latest = (run.within > run.start).then(|| run.within - 1);
        let value = latest.map(|i| rows.value[i]).filter(|v| !v.is_nan());
        let baseline = self.baseline(code, prep, w);
        let state = match (latest, value) {
            (None, _) => Latest::None,
            (Some(i), None) if prep.withheld.get(i) == Some(&true) => Latest::Suppressed,
            (Some(_), None) => Latest::Missing,
            (Some(_), Some(_)) => Latest::Figure,
        };
        let unjudged = unjudged(m.to_be_developed, state, m.target.is_some());
        let judged = unjudged
            .is_none()
            .then(|| self.judge(m, prep, latest, value, baseline))
            .flatten();
        let spc = self.spc(m, w, run.start, rule, point_type);
        let forecast = judged
            .filter(|j| j.on_value)
            .and_then(|j| self.forecast(m, prep, w, baseline?, j));
        let bench = run
            .bench_place
            .and_then(|p| benchmark(m, prep, code, p, run.bench_row));
        SeriesScore {
            area: rows.area[run.start],
            measure: code,
            rows: run.start..run.end,
            period: latest.map(|i| rows.period[i]),
            value,
            baseline_period: baseline.map(|b| b.period),
            baseline: baseline.map(|b| b.value),
            target: finite(judged.map(|j| j.goal)),
            comparison: judged.map(|j| j.comparison),
            judged: finite(judged.map(|j| j.judged)),
            expected: finite(judged.and_then(|j| j.expected)),
            progress_pct: finite(judged.and_then(|j| j.progress)),
            status: match (unjudged, judged) {
                (Some(why), _) => why.status(),
                (None, Some(j)) => j.status,
                (None, None) => Unjudged::Unresolved.status(),
            },
            spc_mean: finite(spc.map(|l| l.mean)),
            spc_lower: finite(spc.and_then(|l| l.limits).map(|l| l.lower)),
            spc_upper: finite(spc.and_then(|l| l.limits).map(|l| l.upper)),
            variation_icon: spc.and_then(|l| l.icon),
            // The scorecard judges a target on the value itself (not a gap) against the limits.
            assurance: spc::assurance(
                judged.filter(|j| j.on_value).map(|j| j.goal),
                spc.and_then(|l| l.limits).as_ref(),
                m.polarity,
            ),
            forecast_points: forecast.map(|f| f.points_used),
            slope_per_year: forecast.map(|f| f.slope_per_year),
            at_due: forecast.and_then(|f| f.at_due),
            reachable: forecast.and_then(|f| f.reachable),
            baseline_forecast: forecast.and_then(|f| f.baseline_forecast),
            turned: forecast.and_then(|f| f.turned),
            benchmark_period: bench.map(|b| b.period),
            benchmark_value: bench.and_then(|b| b.value),
            q1: finite(bench.map(|b| b.q1)),
            median: finite(bench.map(|b| b.median)),
            q3: finite(bench.map(|b| b.q3)),
            band: bench.and_then(|b| b.band),
            rank: bench.and_then(|b| b.rank),
            areas: bench.map(|b| b.areas),
        }
    }

    /// The baseline ([`baseline::choose`]) and its period's end.
    fn baseline(&self, code: u32, prep: &Prepared, w: &Work) -> Option<Base> {
        let rows = &prep.rows;
        let period_of = |i: usize| rows.periods[rows.period[i] as usize];
        let rule = self.measures[code as usize].baseline.as_ref()?;
        let figures = w.at.iter().zip(&w.y).map(|(&i, &v)| (period_of(i), v));
        let mut b = baseline::choose(rule, figures).ok()?;
        // A stated baseline is published like an observation (withheld when small).
        if b.source == BaselineSource::Stated {
            if let Some(r) = self.control_rules(code) {
                match disclosure::count(b.value, r) {
                    disclosure::Count::Figure(v) => b.value = v,
                    disclosure::Count::Withheld(_) => return None,
                }
            }
        }
        let end = match b.source {
            BaselineSource::Stated => self.dates[code as usize].0?,
            BaselineSource::Observed => b.period.end(),
        };
        Some(Base {
            period: b.period,
            value: b.value,
            end,
        })
    }

    /// The latest figure judged against the resolved target, on the trajectory from the
    /// baseline (docs/semantics.md section 5), as the scorecard judges it.
    fn judge(
        &self,
        m: &Measure,
        prep: &Prepared,
        latest: Option<usize>,
        value: Option<f64>,
        baseline: Option<Base>,
    ) -> Option<Judged> {
        let (i, v) = (latest?, value?);
        let Some(Target::Single { rule, .. }) = &m.target else {
            return None;
        };
        let rows = &prep.rows;
        let period = rows.period[i];
        let code = prep.measure(i);
        let due = self.dates[code as usize].1;
        let now = |name: &str| self.named(code, rows.periods[period as usize], name);
        let then = |name: &str| baseline.and_then(|b| self.named(code, b.period, name));
        // Every area's figures, this one's included (so `own_value` is none): sorted, so the
        // quartile needs no sort.
        let everyone = |_: &str| prep.group_at(code, prep.place[period as usize]).to_vec();
        let cx = Context {
            polarity: m.polarity,
            baseline: baseline.map(|b| b.value),
            comparator: &now,
            comparator_at_baseline: &then,
            group: &everyone,
            own_value: None,
        };
        let r = target::resolve(rule, &cx).ok()?;
        let t = prep.end_date[period as usize];
        let (x, start) = target::judged(&r, v, baseline.map(|b| (b.value, b.end)), then);
        let j = judge(x, t, r.value, r.comparison, due, start, self.tolerance_pct);
        Some(Judged {
            goal: r.value,
            comparison: r.comparison,
            on_value: r.basis == Basis::Value,
            judged: x,
            due,
            status: j.status,
            expected: j.expected,
            progress: start.and_then(|(b, _)| progress_pct(x, b, r.value, r.comparison).ok()),
        })
    }

    /// SPC of the figures, when there are enough; each figure's row gets its rule and type.
    fn spc(
        &self,
        m: &Measure,
        w: &mut Work,
        first_row: usize,
        rule: &mut [Option<SpcRule>],
        point_type: &mut [Option<PointType>],
    ) -> Option<SpcLimits> {
        let o = rules::spc::gate(m, self.analysis, w.y.len()).ok()?;
        let centre = spc::centre(&w.y, &o)?;
        w.rules.clear();
        w.scratch.rules(&w.y, &centre, &o, &mut w.rules);
        spc::resolve_conflicts(
            &w.y,
            centre.mean,
            |_| centre.limits,
            &o,
            m.polarity,
            &mut w.rules,
        );
        // A point's type depends only on its rule and the polarity: look it up.
        let types = SpcRule::BY_CODE.map(|r| spc::point_type(r, m.polarity));
        for (&i, &r) in w.at.iter().zip(&w.rules) {
            rule[i - first_row] = Some(r);
            point_type[i - first_row] = Some(types[usize::from(r.code())]);
        }
        // The scorecard's icon: the last point's (`VariationIcon::of`, the one mapping).
        let icon = w
            .rules
            .last()
            .map(|&r| spc::VariationIcon::of(types[usize::from(r.code())], r));
        Some(SpcLimits {
            mean: centre.mean,
            limits: centre.limits,
            icon,
        })
    }

    /// The least-squares line through the figures since the baseline (the last
    /// `forecast_points` of them) at the due date, and the line through the figures up to the
    /// baseline at the latest figure's period, as `analysis::forecast`.
    fn forecast(
        &self,
        m: &Measure,
        prep: &Prepared,
        w: &mut Work,
        base: Base,
        j: Judged,
    ) -> Option<Forecast> {
        let rows = &prep.rows;
        let b_day = day(base.end);
        let x_of = |i: usize| (prep.end_day[rows.period[i] as usize] - b_day) as f64;
        let window = forecast::window(w.at.len(), |k| x_of(w.at[k]), self.analysis.forecast_points);
        if window.since.len() < forecast::MIN_POINTS {
            return None;
        }
        w.points.clear();
        w.points
            .extend(window.since.clone().map(|k| (x_of(w.at[k]), w.y[k])));
        let line = least_squares(&w.points)?;
        // The report's forecast is judged on the target and forecast as it prints them.
        let goal = r6(j.goal)?;
        let as_of = day_date(prep.as_of_day);
        let at_due = j.due.and_then(|d| {
            match forecast::at_due(r6(line.at((day(d) - b_day) as f64))?, d, as_of?, m.unit) {
                forecast::AtDue::Stated { value, .. } => Some(value),
                forecast::AtDue::Past => None,
            }
        });
        let (&last_row, &latest) = (w.at.last()?, w.y.last()?);
        w.points.clear();
        w.points
            .extend(window.history.map(|k| (x_of(w.at[k]), w.y[k])));
        let baseline_forecast = (w.points.len() >= forecast::MIN_POINTS)
            .then(|| least_squares(&w.points))
            .flatten()
            .map(|l| l.at(x_of(last_row)))
            .and_then(r6);
        let slope_per_year = line.slope_per_day * 365.25;
        slope_per_year.is_finite().then_some(Forecast {
            points_used: window.since.len(),
            slope_per_year,
            at_due,
            reachable: forecast::reachable(at_due, goal, j.comparison),
            baseline_forecast,
            turned: forecast::turned(latest, baseline_forecast, m.polarity),
        })
    }
}

/// A resolved baseline.
#[derive(Debug, Clone, Copy)]
struct Base {
    period: Period,
    value: f64,
    end: NaiveDate,
}

/// A judged target.
#[derive(Debug, Clone, Copy)]
struct Judged {
    goal: f64,
    comparison: Comparison,
    /// Judged on the value itself (not a gap): only then is there a forecast.
    on_value: bool,
    /// The figure judged: the value, or its gap to the comparator.
    judged: f64,
    due: Option<NaiveDate>,
    status: Status,
    expected: Option<f64>,
    progress: Option<f64>,
}

/// Every area's figures for measure `code` at place in time `place`, and where row `own` (the
/// series' figure there, if it has one) stands among them.
fn benchmark(
    m: &Measure,
    prep: &Prepared,
    code: u32,
    place: u32,
    own: Option<usize>,
) -> Option<Benchmark> {
    let rows = &prep.rows;
    let group = prep.group_at(code, place);
    let value = own.map(|i| rows.value[i]);
    let p = rules::benchmark::position(value, group, m.polarity)?;
    let period = match own {
        Some(i) => rows.period[i],
        None => prep.place_code[place as usize],
    };
    Some(Benchmark {
        period,
        value,
        areas: p.areas,
        q1: p.q1,
        median: p.median,
        q3: p.q3,
        band: p.band,
        rank: p.rank,
    })
}

/// A figure, unless it overflowed: no NaN or infinity leaves the core.
fn finite(x: Option<f64>) -> Option<f64> {
    x.filter(|v| v.is_finite())
}

/// Days since the common era: period ends as numbers, so that x values are one subtraction.
fn day(d: chrono::NaiveDate) -> i64 {
    i64::from(chrono::Datelike::num_days_from_ce(&d))
}

/// The date of a day number ([`day`]'s inverse).
fn day_date(d: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(d).ok()?)
}

fn bad(i: usize, field: &str, message: String) -> Error {
    Error::new(ErrorKind::Data, Location::row("columns", i, field), message)
}

fn usage(message: String) -> Error {
    Error::new(ErrorKind::Usage, Location::file("columns"), message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Scorecard;
    use approx::assert_relative_eq;

    /// Dudley WSoA area 2 A3 (docs/semantics.md section 5), the fixture every front end's batch test
    /// scores.
    const A3: &str = include_str!("../../../tests/fixtures/batch/wsoa-a3.toml");

    fn periods() -> Vec<Period> {
        vec!["2019-09".parse().unwrap(), "2019-10".parse().unwrap()]
    }

    fn score(area: &[u32], period: &[u32], value: &[f64]) -> Result<Scores, Error> {
        let card = Scorecard::from_toml(A3, "a3.toml").unwrap();
        let plan = Plan::new(&card.definition).unwrap();
        let measure = vec![0; value.len()];
        let periods = periods();
        let rows = Rows {
            area,
            measure: &measure,
            measures: &[0],
            period,
            periods: &periods,
            value,
        };
        plan.score(&rows, None)
    }

    #[test]
    fn a_day_for_a_monthly_measure_is_refused_naming_the_row() {
        // The scorecard reads 2019-09-01 as September for a monthly measure; batch scoring,
        // which reads periods as written, refuses it rather than score a one-day period.
        let monthly = A3.replace(
            "polarity = \"lower_is_better\"",
            "polarity = \"lower_is_better\"\nfrequency = \"monthly\"",
        );
        assert_ne!(monthly, A3);
        let card = Scorecard::from_toml(&monthly, "a3.toml").unwrap();
        let plan = Plan::new(&card.definition).unwrap();
        let periods: Vec<Period> = vec!["2019-09".parse().unwrap(), "2019-10-01".parse().unwrap()];
        let rows = Rows {
            area: &[1, 1],
            measure: &[0, 0],
            measures: &[0],
            period: &[0, 1],
            periods: &periods,
            value: &[26.0, 25.0],
        };
        let e = plan.score(&rows, None).unwrap_err().to_string();
        assert!(
            e.ends_with("row 2: field \"period\": measure \"A3a\" is monthly, and 2019-10-01 is a day: batch scoring reads periods as written, so give 2019-10 (convert the column to months, quarters or years first)"),
            "{e}"
        );
    }

    #[test]
    fn four_areas_worked_by_hand() {
        let s = score(
            &[1, 1, 2, 2, 3, 3, 4, 4],
            &[0, 1, 0, 1, 0, 1, 0, 1],
            &[26.0, 25.0, 30.0, 24.0, 31.0, 27.0, 28.0, f64::NAN],
        )
        .unwrap();
        let status = s.series.status.clone();
        // At 2019-10, 184 of 397 days on: expected 32 - 16 x 184/397 = 24.58; 25 is short by
        // 0.42 <= 1.6 (10% of 16): at risk; 24 meets it: on track; 27 is short by 2.42: off
        // track; a missing October figure: no data.
        assert_eq!(
            status,
            [
                Status::AtRisk,
                Status::OnTrack,
                Status::OffTrack,
                Status::NoData
            ]
        );
        let a1 = s.series.get(0).unwrap();
        assert_relative_eq!(a1.expected.unwrap(), 32.0 - 16.0 * 184.0 / 397.0);
        assert_eq!((a1.target, a1.progress_pct), (Some(16.0), Some(43.75)));
        // October's figures 24, 25, 27 (area 4's is missing): R quantile type 7 gives 24.5,
        // 25, 26; 25 is on the median, band B (lower is better), one area better: rank 2.
        assert_eq!(
            (a1.q1, a1.median, a1.q3),
            (Some(24.5), Some(25.0), Some(26.0))
        );
        assert_eq!((a1.band, a1.rank, a1.areas), (Some('B'), Some(2), Some(3)));
        // LAIT's rule: area 4, without an October figure, is benchmarked at October too (the
        // latest period with figures): the quartiles of the others, no band, no rank.
        let b4 = s.series.get(3).unwrap();
        assert_eq!((b4.benchmark_period, b4.benchmark_value), (Some(1), None));
        assert_eq!(
            (b4.q1, b4.median, b4.q3, b4.areas),
            (Some(24.5), Some(25.0), Some(26.0), Some(3))
        );
        assert_eq!((b4.band, b4.rank), (None, None));
        // With benchmark_period = "own", area 4 is benchmarked at its own latest figure,
        // September: 26, 28, 30, 31 give 27.5, 29, 30.25; 28 is band B, rank 2.
        let own = format!("{A3}\n[analysis]\nbenchmark_period = \"own\"\n");
        let card = Scorecard::from_toml(&own, "a3.toml").unwrap();
        let plan = Plan::new(&card.definition).unwrap();
        let periods = periods();
        let value = [26.0, 25.0, 30.0, 24.0, 31.0, 27.0, 28.0, f64::NAN];
        let rows = Rows {
            area: &[1, 1, 2, 2, 3, 3, 4, 4],
            measure: &[0; 8],
            measures: &[0],
            period: &[0, 1, 0, 1, 0, 1, 0, 1],
            periods: &periods,
            value: &value,
        };
        let o = plan.score(&rows, None).unwrap();
        let b4 = o.series.get(3).unwrap();
        assert_eq!(
            (b4.benchmark_period, b4.benchmark_value),
            (Some(0), Some(28.0))
        );
        assert_eq!(
            (b4.q1, b4.median, b4.q3),
            (Some(27.5), Some(29.0), Some(30.25))
        );
        assert_eq!((b4.band, b4.rank), (Some('B'), Some(2)));
        // Two figures are too few for SPC (12 by default); no rules are given.
        assert!(s.series.spc_mean.iter().all(Option::is_none));
        assert!(s.rule.iter().all(Option::is_none));
    }

    #[test]
    fn counts_of_events_are_not_withheld_in_batch_scoring() {
        // The same figures, 3 in October after 12: withheld when they count children (the
        // default), published when they count meetings (counts = "events"), by the one rule
        // the scorecard uses.
        let def = |counts: &str| {
            format!(
                "id = \"b\"\ntitle = \"B\"\n[[sections]]\nid = \"s\"\ntitle = \"S\"\n\
                 kind = \"service\"\n[[sections.measures]]\nid = \"m\"\nname = \"M\"\n\
                 kind = \"how_much\"\nunit = \"count\"\npolarity = \"neutral\"\n{counts}"
            )
        };
        let periods = periods();
        let rows = Rows {
            area: &[1, 1],
            measure: &[0, 0],
            measures: &[0],
            period: &[0, 1],
            periods: &periods,
            value: &[12.0, 3.0],
        };
        let scored = |counts: &str| {
            let card = Scorecard::from_toml(&def(counts), "b.toml").unwrap();
            let plan = Plan::new(&card.definition).unwrap();
            let s = plan.score(&rows, None).unwrap().series;
            (s.status[0], s.value[0])
        };
        assert_eq!(scored(""), (Status::Suppressed, None));
        assert_eq!(
            scored("counts = \"events\"\n"),
            (Status::NoTarget, Some(3.0))
        );
    }

    #[test]
    fn rows_out_of_order_are_errors_naming_the_row() {
        let e = score(&[1, 1], &[1, 0], &[25.0, 26.0]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "columns, row 2: field \"period\": 2019-09 does not follow 2019-10 in area 1 \
             measure A3a: sort the rows by area, measure, then period"
        );
        let e = score(&[1, 2, 1], &[0, 0, 1], &[25.0, 26.0, 27.0]).unwrap_err();
        assert!(
            e.to_string()
                .contains("row 3: field \"area\": area 1 measure A3a appears again"),
            "{e}"
        );
        let e = score(&[1], &[5], &[25.0]).unwrap_err();
        assert!(
            e.to_string().contains("period index 5 is not below 2"),
            "{e}"
        );
        let e = score(&[1], &[0], &[f64::INFINITY]).unwrap_err();
        assert!(e.to_string().contains("the value is infinite"), "{e}");
        // As in observations.csv: a percentage is 0 to 100.
        let e = score(&[1], &[0], &[101.0]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "columns, row 1: field \"value\": a percentage must be 0 to 100, not 101"
        );
        let e = score(&[1], &[0, 1], &[25.0]).unwrap_err();
        assert_eq!(e.to_string(), "columns: 2 period codes for 1 values");
    }

    #[test]
    fn targets_the_columns_cannot_resolve_are_refused() {
        let text = A3.replace(
            r#"{ kind = "relative", change = -50, due = "2020-05" }"#,
            r#"{ kind = "direction" }"#,
        );
        let card = Scorecard::from_toml(&text, "a3.toml").unwrap();
        let e = Plan::new(&card.definition).unwrap_err();
        assert_eq!(
            e.0[0].to_string(),
            "definition: field \"measure A3a\": batch scoring does not take a direction-only \
             target (it \
             judges each series against one target figure, with SPC over the whole series): \
             score this measure with the scorecard"
        );
    }

    #[test]
    fn a_comparator_target_reads_the_named_figure() {
        // "Match England", lower is better: England's October figure is 26. Area 1's 25 meets
        // it (achieved); area 3's 27 does not, and with a baseline but no due date it is at risk.
        let text = A3.replace(
            r#"{ kind = "relative", change = -50, due = "2020-05" }"#,
            r#"{ kind = "comparator", comparator = "England" }"#,
        );
        let card = Scorecard::from_toml(&text, "a3.toml").unwrap();
        let oct: Period = "2019-10".parse().unwrap();
        let sep: Period = "2019-09".parse().unwrap();
        let plan = Plan::new(&card.definition)
            .unwrap()
            .with_comparators([(0, oct, "England", 26.0), (0, sep, "England", 29.0)])
            .unwrap();
        let periods = periods();
        let rows = Rows {
            area: &[1, 1, 3, 3],
            measure: &[0; 4],
            measures: &[0],
            period: &[0, 1, 0, 1],
            periods: &periods,
            value: &[26.0, 25.0, 31.0, 27.0],
        };
        let s = plan.score(&rows, None).unwrap();
        assert_eq!(s.series.status, [Status::Achieved, Status::AtRisk]);
        assert_eq!(s.series.target, [Some(26.0), Some(26.0)]);
        // Without England's figures the target cannot be resolved: no target, as the scorecard.
        let bare = Plan::new(&card.definition)
            .unwrap()
            .score(&rows, None)
            .unwrap();
        assert_eq!(bare.series.status, [Status::NoTarget, Status::NoTarget]);
        let twice = Plan::new(&card.definition)
            .unwrap()
            .with_comparators([(0, oct, "England", 26.0), (0, oct, "England", 27.0)])
            .unwrap_err();
        assert_eq!(
            twice.to_string(),
            "comparators, row 2: field \"comparator\": a second figure for comparator \
             'England', measure A3a, 2019-10"
        );
    }

    use proptest::prelude::*;

    proptest! {
        /// Any columns: scoring gives scores or an error, never a panic, and never NaN or
        /// infinity; rows sorted by area, measure and period always score.
        #[test]
        fn any_columns_score_or_fail_cleanly(
            rows in prop::collection::vec(
                (0u32..4, 0u32..3, prop_oneof![Just(f64::NAN), -1e300f64..1e300, 0.0f64..100.0]),
                0..60,
            ),
            sorted in any::<bool>(),
        ) {
            // A score has no range, so huge figures reach the arithmetic.
            let text = A3.replace("unit = \"percentage\"", "unit = \"score\"");
            let card = Scorecard::from_toml(&text, "a3.toml").unwrap();
            let plan = Plan::new(&card.definition).unwrap();
            let periods: Vec<Period> = ["2019-04", "2019-09", "2019-10"]
                .map(|p| p.parse().unwrap())
                .to_vec();
            let mut rows = rows;
            if sorted {
                rows.sort_by_key(|r| (r.0, r.1));
                rows.dedup_by_key(|r| (r.0, r.1));
            }
            let area: Vec<u32> = rows.iter().map(|r| r.0).collect();
            let period: Vec<u32> = rows.iter().map(|r| r.1).collect();
            let value: Vec<f64> = rows.iter().map(|r| r.2).collect();
            let measure = vec![0; rows.len()];
            let cols = Rows {
                area: &area,
                measure: &measure,
                measures: &[0],
                period: &period,
                periods: &periods,
                value: &value,
            };
            match plan.score(&cols, None) {
                Ok(s) => {
                    let c = &s.series;
                    let figures = [
                        &c.value, &c.target, &c.expected, &c.progress_pct, &c.spc_mean, &c.q1,
                        &c.q3, &c.slope_per_year, &c.at_due,
                    ];
                    for col in figures {
                        prop_assert!(col.iter().flatten().all(|v| v.is_finite()));
                    }
                }
                Err(e) => prop_assert!(!sorted, "sorted rows failed: {e}"),
            }
        }
    }
}
