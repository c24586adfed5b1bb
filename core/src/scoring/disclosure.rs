//! Statistical disclosure control of what is published. Scoring works on the true figures; this
//! pass then withholds, from the report, every small count and every figure from which one
//! could be worked out:
//!
//! - primary suppression: a count from 1 to threshold - 1 (default 1 to 4) is shown as `c`; a
//!   true zero is shown;
//! - a percentage or rate whose numerator or denominator is suppressed is suppressed too (it is
//!   computed from the unrounded figures first);
//! - optional rounding of published counts to a base (default none; 5 is usual), `low` for a
//!   count that rounds to zero but is not zero;
//! - secondary suppression: where a breakdown's parts and its total are published and exactly
//!   one part is suppressed, the next smallest part is suppressed too;
//! - where the current figure is suppressed, its status, changes, expected value, progress,
//!   comparator gaps, interval, SPC, forecast and benchmark are withheld (an "achieved" against a
//!   target of 0 would reveal it); where any figure of the series is, SPC and the forecast are.
//!
//! GSS symbols: `c` confidential, `x` not available, `z` not applicable, `low` rounds to zero.

use crate::input::scorecard::Scorecard;
use crate::model::observation::{Observation, Reading};
use crate::model::options::Disclosure;
use crate::model::status::{Direction, Status};
use crate::report::{DisclosureInfo, MeasureResult, Report, Symbol};

pub const SYMBOLS: [(&str, &str); 4] = [
    ("c", "confidential: withheld to protect small numbers"),
    ("x", "not available"),
    ("z", "not applicable"),
    ("low", "rounds to zero, but is not zero"),
];

/// Whether one observation must be withheld under `rules`.
fn protected(o: &Observation, rules: &Disclosure, counts: bool) -> bool {
    let small = |x: f64| x > 0.0 && x < f64::from(rules.threshold);
    match o.reading {
        Reading::Fraction {
            numerator,
            denominator,
            ..
        } => small(numerator) || small(denominator),
        Reading::Value { value } => counts && small(value),
        Reading::Suppressed => true,
        Reading::Missing => false,
    }
}

fn round(x: f64, base: Option<u32>) -> (Option<f64>, Option<&'static str>) {
    match base {
        Some(b) if b > 1 => {
            let r = (x / f64::from(b)).round() * f64::from(b);
            if r == 0.0 && x != 0.0 {
                (None, Some("low"))
            } else {
                (Some(r), None)
            }
        }
        _ => (Some(x), None),
    }
}

/// Applies disclosure control to `report` (scored from `card`), unless `enabled` is false.
pub fn apply(report: &mut Report, card: &Scorecard, enabled: bool) {
    let global = &card.definition.disclosure;
    report.scorecard.disclosure = DisclosureInfo {
        enabled,
        threshold: global.threshold,
        round_to: global.round_to,
        symbols: SYMBOLS
            .iter()
            .map(|&(symbol, meaning)| Symbol { symbol, meaning })
            .collect(),
    };
    for m in &mut report.measures {
        let Some(measure) = card.measure(&m.id) else {
            continue;
        };
        if measure.to_be_developed {
            m.symbol = Some("z");
            continue;
        }
        if let Some(o) = card
            .series(&m.id)
            .into_iter()
            .rfind(|o| Some(o.period) == m.period)
        {
            if o.reading == Reading::Missing {
                m.symbol = Some("x");
            }
        }
        let rules = measure.disclosure.unwrap_or(*global);
        if !enabled || rules.threshold == 0 && rules.round_to.is_none() {
            continue;
        }
        let counts = measure.unit.is_count();
        let obs = card.observations_of(&m.id);
        protect_measure(m, obs, &rules, counts);
    }
}

fn protect_measure(m: &mut MeasureResult, obs: &[Observation], rules: &Disclosure, counts: bool) {
    let at = |p| obs.iter().find(|o| o.breakdown.is_none() && o.period == p);
    let hidden = |p| at(p).is_some_and(|o| protected(o, rules, counts));
    let mut any_hidden = false;
    for point in &mut m.series {
        if hidden(point.period) {
            point.value = None;
            point.symbol = Some("c");
            any_hidden = true;
        } else if counts {
            if let Some(v) = point.value {
                (point.value, point.symbol) = round(v, rules.round_to);
            }
        }
    }
    protect_breakdowns(m, obs, rules);
    if any_hidden {
        m.spc = None;
        m.forecast = None;
        m.notes.push("SPC and the forecast are withheld: the series has figures suppressed to protect small numbers.".into());
    }
    if m.change
        .previous
        .as_ref()
        .is_some_and(|c| hidden(c.from_period))
    {
        m.change.previous = None;
        m.direction = Direction::Unknown;
        m.streak = 0;
    }
    if m.baseline.is_some_and(|b| {
        b.source == crate::model::baseline::BaselineSource::Observed && hidden(b.period)
    }) {
        m.baseline = None;
        m.change.baseline = None;
        m.progress_pct = None;
        m.expected = None;
        if let Some(t) = m
            .target
            .as_mut()
            .filter(|t| matches!(t.kind, "relative" | "points" | "milestones"))
        {
            t.value = None;
            t.milestones.iter_mut().for_each(|s| s.value = None);
        }
    }
    match m.period {
        Some(p) if hidden(p) => withhold_current(m),
        Some(_) if counts && rules.round_to.is_some() => round_current(m, rules),
        _ => {}
    }
}

/// The current figure is suppressed: withhold everything that could reveal it.
fn withhold_current(m: &mut MeasureResult) {
    m.value = None;
    m.numerator = None;
    m.denominator = None;
    m.symbol = Some("c");
    m.status = Status::Suppressed;
    m.status_label = Status::Suppressed.label();
    m.rag = Status::Suppressed.rag();
    m.expected = None;
    m.progress_pct = None;
    m.change.previous = None;
    m.change.baseline = None;
    m.direction = Direction::Unknown;
    m.streak = 0;
    if let Some(t) = m.target.as_mut() {
        t.judged = None;
    }
    for c in &mut m.comparators {
        c.gap = None;
        c.gap_label = None;
        c.position = None;
        c.significance = None;
    }
    m.interval = None;
    m.spc = None;
    m.forecast = None;
    m.benchmark = None;
    m.notes.push("The figure is suppressed to protect small numbers; its status, changes and comparisons are withheld too.".into());
}

/// Rounded publication: the count and every figure worked from it use the rounded value.
fn round_current(m: &mut MeasureResult, rules: &Disclosure) {
    let Some(v) = m.value else { return };
    let (r, symbol) = round(v, rules.round_to);
    m.value = r;
    m.symbol = symbol;
    for c in [&mut m.change.previous, &mut m.change.baseline]
        .into_iter()
        .flatten()
    {
        let (from, _) = round(c.from_value, rules.round_to);
        if let (Some(r), Some(f)) = (r, from) {
            {
                c.from_value = f;
                c.absolute = r - f;
                c.relative_pct = (f != 0.0)
                    .then(|| (r - f) / f.abs() * 100.0)
                    .and_then(crate::num::r6);
                c.label = match c.relative_pct {
                    Some(p) => {
                        format!("{} ({}%)", crate::num::signed(r - f), crate::num::signed(p))
                    }
                    None => crate::num::signed(r - f),
                };
            }
        }
    }
    if r.is_none() {
        m.change.previous = None;
        m.change.baseline = None;
    }
    for c in &mut m.comparators {
        c.gap = r.map(|r| r - c.value).and_then(crate::num::r6);
        c.gap_label = c.gap.map(crate::num::signed);
    }
    m.interval = None;
    m.progress_pct = None;
    m.expected = None;
    m.notes.push(format!(
        "Counts are rounded to the nearest {} for publication.",
        rules.round_to.unwrap_or(1)
    ));
}

/// Breakdown cells: primary suppression, rounding, and secondary suppression so that a
/// suppressed part cannot be found by subtracting the others from a published total.
fn protect_breakdowns(m: &mut MeasureResult, obs: &[Observation], rules: &Disclosure) {
    let small = |x: f64| x > 0.0 && x < f64::from(rules.threshold);
    let total_published = |p| {
        obs.iter()
            .any(|o| o.breakdown.is_none() && o.period == p && !protected(o, rules, true))
    };
    let mut dims: Vec<(String, crate::model::period::Period)> = Vec::new();
    for b in &mut m.breakdowns {
        if b.value.is_some_and(small) {
            b.value = None;
            b.symbol = Some("c");
        } else if let Some(v) = b.value {
            (b.value, b.symbol) = round(v, rules.round_to);
        }
        if !dims.contains(&(b.dimension.clone(), b.period)) {
            dims.push((b.dimension.clone(), b.period));
        }
    }
    for (dim, period) in dims {
        let idx: Vec<usize> = (0..m.breakdowns.len())
            .filter(|&i| m.breakdowns[i].dimension == dim && m.breakdowns[i].period == period)
            .collect();
        let suppressed = idx
            .iter()
            .filter(|&&i| m.breakdowns[i].symbol == Some("c"))
            .count();
        if suppressed == 1 && total_published(period) {
            let next = idx
                .iter()
                .copied()
                .filter(|&i| m.breakdowns[i].value.is_some_and(|v| v > 0.0))
                .min_by(|&a, &b| {
                    m.breakdowns[a]
                        .value
                        .partial_cmp(&m.breakdowns[b].value)
                        .unwrap_or(std::cmp::Ordering::Equal)
                });
            if let Some(i) = next {
                m.breakdowns[i].value = None;
                m.breakdowns[i].symbol = Some("c");
            }
        }
    }
}
