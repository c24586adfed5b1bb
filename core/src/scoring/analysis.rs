//! The statistics of one measure at the reporting period: SPC of its series, the turn-the-curve
//! forecast, the confidence interval of its current value and its benchmark among all areas.
//! Scoring (score.rs) calls these; each returns `None`, with a note, when it cannot apply.

use crate::input::scorecard::Scorecard;
use crate::model::baseline::ResolvedBaseline;
use crate::model::definition::{Analysis, BenchmarkPeriod};
use crate::model::kinds::{Polarity, Unit};
use crate::model::measure::Measure;
use crate::model::observation::{Observation, Reading};
use crate::model::options::ChartKind;
use crate::model::period::Period;
use crate::model::target::Comparison;
use crate::num::r6;
use crate::report::{BenchmarkResult, ForecastResult, IntervalResult, SpcPointResult, SpcResult};
use crate::rules::{self, forecast};
use crate::stats::forecast::least_squares;
use crate::stats::interval::{poisson, wilson, Level};
use crate::stats::spc::xmr_fixed;

/// Why a measure has no SPC: the words of `spc_missing`, and whether a reader of the report
/// must be told (figures withheld to protect small numbers took the series below the minimum,
/// and the text says so).
pub struct NoSpc {
    /// The reason in words.
    pub text: String,
    /// Whether the measure's notes say it too.
    pub notable: bool,
}

/// `periods` as a list in words: "2020-11, 2021-03".
fn listed(periods: &[Period]) -> String {
    periods
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// SPC of the figures in `series` (figures withheld or not available left out, and said so),
/// or why there is none.
pub fn spc(
    m: &Measure,
    series: &[&Observation],
    a: &Analysis,
    target: Option<f64>,
) -> Result<SpcResult, NoSpc> {
    let valued: Vec<(Period, f64)> = series
        .iter()
        .filter_map(|o| Some((o.period, o.value()?)))
        .collect();
    let gaps = |r: Reading| -> Vec<Period> {
        series
            .iter()
            .filter(|o| o.reading == r)
            .map(|o| o.period)
            .collect()
    };
    let (withheld, unavailable) = (gaps(Reading::Suppressed), gaps(Reading::Missing));
    // Figures given only as a bound or an outcome ("< 60", "not met") have no place on a chart.
    let bounded: Vec<Period> = series
        .iter()
        .filter(|o| o.reading.given().is_some())
        .map(|o| o.period)
        .collect();
    let options = rules::spc::gate(m, a, valued.len()).map_err(|why| {
        let mut text = why.text();
        // Notable when the withheld figures are why: with them the series would have had SPC.
        let notable = !withheld.is_empty()
            && matches!(why, rules::spc::NoSpc::TooFew { figures, needed }
                if figures + withheld.len() >= needed);
        if notable {
            text.push_str(&format!(
                " {} more figure(s) ({}) are withheld to protect small numbers.",
                withheld.len(),
                listed(&withheld)
            ));
        }
        NoSpc { text, notable }
    })?;
    let rebase_at: Vec<usize> = m
        .spc
        .rebase
        .iter()
        .filter_map(|r| valued.iter().position(|(p, _)| p.end() >= r.end()))
        .collect();
    let y: Vec<f64> = valued.iter().map(|v| v.1).collect();
    // A named baseline period: the last figure at or before it ends the figures its group's
    // limits come from.
    let fixed_through = m
        .spc
        .fix_until
        .and_then(|u| valued.iter().rposition(|(p, _)| p.end() <= u.end()));
    let chart = m.spc.chart;
    let result = match chart {
        ChartKind::Xmr => xmr_fixed(&y, m.polarity, target, &rebase_at, fixed_through, &options),
        kind => {
            let (x, n) = attribute_counts(m, series).map_err(|text| NoSpc {
                text,
                notable: true,
            })?;
            let scale = m.unit.scale().unwrap_or(1.0);
            crate::stats::attribute::chart(
                kind,
                crate::stats::attribute::Counts {
                    x: &x,
                    n: &n,
                    scale,
                },
                m.polarity,
                target,
                &rebase_at,
                &options,
            )
        }
    };
    let mut spc_notes = result.notes.clone();
    if let Some(until) = m.spc.fix_until {
        spc_notes.push(match fixed_through {
            Some(i) => {
                // The group holding the last baseline figure starts at the rebase before it.
                let from = rebase_at.iter().copied().filter(|&r| r <= i).max().unwrap_or(0);
                format!(
                    "The limits{} come from the {} figure(s) {} to {} (spc.fix_until = {until}) and are extended unchanged after them.",
                    if rebase_at.iter().any(|&r| r > 0) {
                        format!(" of the phase from {}", valued[from].0)
                    } else {
                        String::new()
                    },
                    i + 1 - from,
                    valued[from].0,
                    valued[i].0,
                )
            }
            None => format!(
                "spc.fix_until is {until}, before the first figure ({}): the limits come from every figure.",
                valued.first().map_or_else(String::new, |v| v.0.to_string())
            ),
        });
    }
    if !withheld.is_empty() {
        spc_notes.push(format!(
            "{} figure(s) withheld to protect small numbers ({}) are left out: the limits and \
             rules use the other {} figures, and the chart marks the gap.",
            withheld.len(),
            listed(&withheld),
            valued.len()
        ));
    }
    if !unavailable.is_empty() {
        spc_notes.push(format!(
            "{} figure(s) not available ({}) are left out of the SPC series.",
            unavailable.len(),
            listed(&unavailable)
        ));
    }
    if !bounded.is_empty() {
        spc_notes.push(format!(
            "{} figure(s) given only as a bound or an outcome ({}) are left out of the SPC series.",
            bounded.len(),
            listed(&bounded)
        ));
    }
    let mut left_out: Vec<Period> = withheld
        .into_iter()
        .chain(unavailable)
        .chain(bounded)
        .collect();
    crate::num::sort(&mut left_out);
    let icon = result
        .points
        .last()
        .map_or(crate::stats::spc::VariationIcon::CommonCause, |p| {
            crate::stats::spc::VariationIcon::of(p.point_type, p.rule)
        });
    Ok(SpcResult {
        chart,
        points: valued
            .iter()
            .zip(&result.points)
            .map(|(&(period, value), p)| SpcPointResult {
                period,
                value: r6(value).unwrap_or(value),
                group: p.group,
                mean: r6(p.centre.mean),
                lower: p.centre.limits.and_then(|l| r6(l.lower)),
                upper: p.centre.limits.and_then(|l| r6(l.upper)),
                near_lower: p.centre.limits.and_then(|l| r6(l.near_lower)),
                near_upper: p.centre.limits.and_then(|l| r6(l.near_upper)),
                rule: p.rule,
                rule_text: p.rule.text(&options),
                point_type: p.point_type,
            })
            .collect(),
        variation: result.variation,
        variation_label: result.variation.label(),
        variation_icon: icon,
        variation_icon_label: icon.label(),
        assurance: result.assurance,
        assurance_label: result.assurance.map(|a| a.label()),
        rebase: m.spc.rebase.clone(),
        fix_until: m.spc.fix_until,
        left_out,
        options,
        notes: spc_notes,
    })
}

/// The numerators and denominators of a p' or u' chart (each figure's own), or the figures of
/// a c, g or t chart, of the figures of `series` in order; `Err` names a figure that has none.
fn attribute_counts(m: &Measure, series: &[&Observation]) -> Result<(Vec<f64>, Vec<f64>), String> {
    let chart = m.spc.chart;
    let (mut x, mut n) = (Vec::new(), Vec::new());
    for o in series {
        match (chart, o.reading) {
            (_, r) if r.value().is_none() => {}
            (ChartKind::C, Reading::Value { value }) if value >= 0.0 && value.fract() == 0.0 => {
                x.push(value)
            }
            (ChartKind::C, _) => {
                return Err(format!(
                    "No SPC: a {} is for whole counts of events, and the {} figure is not one.",
                    chart.label(),
                    o.period
                ))
            }
            (ChartKind::G, Reading::Value { value }) if value >= 0.0 && value.fract() == 0.0 => {
                x.push(value)
            }
            (ChartKind::G, _) => {
                return Err(format!(
                    "No SPC: a {} is for whole numbers of days or cases between events, and the {} figure is not one.",
                    chart.label(),
                    o.period
                ))
            }
            (ChartKind::T, Reading::Value { value }) if value > 0.0 => x.push(value),
            (ChartKind::T, _) => {
                return Err(format!(
                    "No SPC: a {} is for times between events, each above 0, and the {} figure is not.",
                    chart.label(),
                    o.period
                ))
            }
            (
                _,
                Reading::Fraction {
                    numerator,
                    denominator,
                    ..
                },
            ) => {
                x.push(numerator);
                n.push(denominator);
            }
            _ => {
                return Err(format!(
                    "No SPC: a {} needs each figure's numerator and denominator, and the {} figure has a value only.",
                    chart.label(),
                    o.period
                ))
            }
        }
    }
    Ok((x, n))
}

/// The run chart analysis (the Anhøj rules, `stats::runs`) of a series too short for SPC
/// limits ([`rules::spc::run_chart`]); `None` otherwise.
pub fn runs(
    m: &Measure,
    series: &[&Observation],
    a: &Analysis,
) -> Option<crate::stats::runs::Runs> {
    let y: Vec<f64> = series.iter().filter_map(|o| o.value()).collect();
    if !rules::spc::run_chart(m, a, y.len()) {
        return None;
    }
    let mut r = crate::stats::runs::anhoej(&y)?;
    r.median = r6(r.median).unwrap_or(r.median);
    Some(r)
}

/// The least-squares line through the figures since the baseline (the last `k` of them),
/// projected to the target's due date when it is after the reporting period `as_of`, within
/// the unit's range; and the forecast the figures up to the baseline made. Each line needs
/// `forecast::MIN_POINTS` figures; `notes` says what is not stated and why.
#[allow(clippy::too_many_arguments)]
pub fn forecast(
    series: &[&Observation],
    baseline: Option<&ResolvedBaseline>,
    target: Option<(f64, Comparison, Option<Period>)>,
    polarity: Polarity,
    k: Option<usize>,
    unit: Unit,
    as_of: Period,
    notes: &mut Vec<String>,
) -> Option<ForecastResult> {
    let b = baseline?;
    let (goal, comparison, due) = target?;
    let x = |p: Period| (p.end() - b.period.end()).num_days() as f64;
    let valued: Vec<(Period, f64)> = series
        .iter()
        .filter_map(|o| Some((o.period, o.value()?)))
        .collect();
    let window = forecast::window(valued.len(), |i| x(valued[i].0), k);
    let used = &valued[window.since];
    if used.len() < forecast::MIN_POINTS {
        notes.push(format!(
            "No trend forecast: {} figure(s) from the baseline on, fewer than the {} a forecast needs.",
            used.len(),
            forecast::MIN_POINTS
        ));
        return None;
    }
    let line = least_squares(&used.iter().map(|&(p, y)| (x(p), y)).collect::<Vec<_>>())?;
    let at_due = match due.map(|d| (d, line.at(x(d)))) {
        Some((d, y)) => match r6(y).map(|y| forecast::at_due(y, d.end(), as_of.end(), unit)) {
            Some(forecast::AtDue::Stated { value, beyond }) => {
                if let Some(line) = beyond {
                    notes.push(format!(
                        "The trend line reaches {} by {d}, beyond what a {} can be: the forecast is given as {}.",
                        crate::num::fmt_num(line),
                        unit.name(),
                        crate::num::fmt_num(value)
                    ));
                }
                Some(value)
            }
            // A due date not after the reporting period is judged on figures, as the status
            // says, not forecast.
            Some(forecast::AtDue::Past) | None => None,
        },
        None => None,
    };
    let (latest_period, latest) = *valued.last()?;
    let history: Vec<(f64, f64)> = valued[window.history]
        .iter()
        .map(|&(p, y)| (x(p), y))
        .collect();
    let baseline_forecast = (history.len() >= forecast::MIN_POINTS)
        .then(|| least_squares(&history))
        .flatten()
        .map(|l| l.at(x(latest_period)))
        .and_then(r6);
    let from_period = used.first()?.0;
    Some(ForecastResult {
        points_used: used.len(),
        from_period,
        from_value: r6(line.at(x(from_period)))?,
        slope_per_year: r6(line.slope_per_day * 365.25)?,
        due,
        at_due,
        reachable: forecast::reachable(at_due, goal, comparison),
        baseline_forecast,
        turned: forecast::turned(latest, baseline_forecast, polarity),
    })
}

/// What an interval is computed on: a proportion, or a count scaled to the value's unit.
enum Basis {
    Proportion { x: f64, n: f64 },
    Count { x: f64, scale: f64 },
}

impl Basis {
    fn limits(&self, level: Level) -> Option<(f64, f64)> {
        match *self {
            Basis::Proportion { x, n } => wilson(x, n, level).map(|(a, b)| (a * 100.0, b * 100.0)),
            Basis::Count { x, scale } => poisson(x, level).map(|(a, b)| (a * scale, b * scale)),
        }
    }

    fn method(&self) -> &'static str {
        match *self {
            Basis::Proportion { .. } => "wilson",
            Basis::Count { x, .. } if x < 10.0 => "exact_poisson",
            Basis::Count { .. } => "byar",
        }
    }
}

/// Intervals of the current value: Wilson for a percentage with its numerator and denominator,
/// Byar's (exact below 10) for a count, or for a rate's numerator.
/// Whether a measure's report shows an interval: the measure's own `interval` when it says;
/// otherwise none for a plain count (a census: 1,568 EHC plans are all of them, not a sample,
/// and an interval on them confuses a board), and the scorecard's `[analysis] intervals` for the
/// rest (proportions and rates from a numerator and denominator, published limits).
pub fn wants_interval(m: &Measure, a: &Analysis, latest: Option<&Observation>) -> bool {
    let plain_count = m.unit == Unit::Count
        && latest.is_some_and(|o| {
            matches!(o.reading, Reading::Value { .. }) && o.published_interval.is_none()
        });
    m.interval.unwrap_or(a.intervals && !plain_count)
}

/// The interval of the latest figure, when [`wants_interval`] says so.
pub fn interval(m: &Measure, a: &Analysis, latest: Option<&Observation>) -> Option<IntervalResult> {
    if !wants_interval(m, a, latest) {
        return None;
    }
    let unit = m.unit;
    // The publisher's own limits, when it gives them (Fingertips), are the ones its readers see.
    if let Some(p) = latest?.published_interval.as_deref() {
        return Some(IntervalResult {
            method: "published",
            lower_95: r6(p.lower_95)?,
            upper_95: r6(p.upper_95)?,
            lower_998: r6(p.lower_998)?,
            upper_998: r6(p.upper_998)?,
        });
    }
    let basis = match (unit, latest?.reading) {
        (
            Unit::Percentage,
            Reading::Fraction {
                numerator,
                denominator,
                ..
            },
        ) => Basis::Proportion {
            x: numerator,
            n: denominator,
        },
        (
            Unit::Rate { per },
            Reading::Fraction {
                numerator,
                denominator,
                ..
            },
        ) => Basis::Count {
            x: numerator,
            scale: f64::from(per.get()) / denominator,
        },
        (Unit::Count, Reading::Value { value }) if value.fract() == 0.0 && value >= 0.0 => {
            Basis::Count {
                x: value,
                scale: 1.0,
            }
        }
        _ => return None,
    };
    let (l95, u95) = basis.limits(Level::P95)?;
    let (l998, u998) = basis.limits(Level::P998)?;
    Some(IntervalResult {
        method: basis.method(),
        lower_95: r6(l95)?,
        upper_95: r6(u95)?,
        lower_998: r6(l998)?,
        upper_998: r6(u998)?,
    })
}

/// Quartiles, band, rank, the statistical neighbours' average and the change on our previous
/// figure among every area of the benchmark group, as LAIT gives them (docs/statistics.md). The
/// period: by default (LAIT's rule) the latest on or before `as_of` for which another area has
/// a figure, whether we have one or not; with `benchmark_period = "own"`, our latest figure (on or before
/// `as_of`) that other areas' figures share a period with.
pub fn benchmark(
    card: &Scorecard,
    m: &Measure,
    series: &[&Observation],
    a: &Analysis,
    as_of: Period,
) -> Option<BenchmarkResult> {
    let rows: Vec<_> = card
        .comparators_of(&m.id)
        .iter()
        .filter(|c| c.group.as_deref() == Some(a.benchmark_group.as_str()) && c.value.is_finite())
        .collect();
    let own = |p: Period| {
        series
            .iter()
            .find(|o| o.period == p)
            .and_then(|o| o.value())
    };
    let within = |p: &Period| p.end() <= as_of.end();
    let period = match a.benchmark_period {
        BenchmarkPeriod::Latest => rows.iter().map(|c| c.period).filter(within).max()?,
        BenchmarkPeriod::Own => rows
            .iter()
            .map(|c| c.period)
            .filter(|p| within(p) && own(*p).is_some())
            .max()?,
    };
    let value = own(period).filter(|v| v.is_finite());
    let mut values: Vec<f64> = rows
        .iter()
        .filter(|c| c.period == period)
        .map(|c| c.value)
        .chain(value)
        .collect();
    crate::num::sort_floats(&mut values);
    let position = rules::benchmark::position(value, &values, m.polarity)?;
    let sn: Vec<f64> = rows
        .iter()
        .filter(|c| c.period == period && a.is_neighbour(c))
        .map(|c| c.value)
        .collect();
    // LAIT's change: our figure less the one before it (the previous row, whatever the gap).
    let previous = series.iter().rev().find(|o| o.period < period);
    let change = value
        .zip(previous.and_then(|o| o.value()))
        .map(|(v, p)| v - p)
        .and_then(r6);
    Some(BenchmarkResult {
        group: a.benchmark_group.clone(),
        period,
        value: value.and_then(r6),
        areas: position.areas,
        q1: r6(position.q1)?,
        median: r6(position.median)?,
        q3: r6(position.q3)?,
        band: position.band.map(String::from),
        rank: position.rank,
        // R's mean(), as LAIT's `mean(values_num, na.rm = TRUE)`.
        sn_average: (!sn.is_empty())
            .then(|| crate::stats::r_mean(&sn))
            .and_then(r6),
        sn_count: sn.len(),
        change,
        change_from: change.and(previous.map(|o| o.period)),
        trend: change.map(|c| {
            if c > 0.0 {
                "up"
            } else if c < 0.0 {
                "down"
            } else {
                "same"
            }
        }),
    })
}
