//! Warnings: input that is valid but suspicious, which a report must say out loud rather than
//! score quietly (docs/bad-input.md). Each has a code, a message and where it is; the report
//! lists them (`Report::warnings`), every format shows them, and a strict run refuses them
//! (`Report::strict`).

use crate::error::Location;
use crate::input::scorecard::Scorecard;
use crate::model::baseline::Baseline;
use crate::model::measure::Measure;
use crate::model::period::Period;
use crate::report::Warning;

/// Every warning about `m` as at `as_of`, in a fixed order.
pub fn of_measure(card: &Scorecard, m: &Measure, as_of: Period) -> Vec<Warning> {
    let mut out = Vec::new();
    let rows = card.observations_of(&m.id);
    let first = |field: &str| {
        rows.first().map_or_else(
            || Location::file(&card.definition.id),
            |o| o.source.at(field),
        )
    };
    if let Some(note) = card.inferred_note(&m.id) {
        out.push(Warning::new(
            "inferred_frequency",
            &m.id,
            note,
            first("period"),
        ));
    }
    if let Ok(Some(note)) = card.proportions(m) {
        out.push(Warning::new(
            "proportion_values",
            &m.id,
            &note,
            first("value"),
        ));
    }
    // An observed baseline whose period has no figure: the usual sign of periods written
    // another way (a day for a month), or of a baseline dated wrongly.
    if let Some(Baseline::Observed { period }) = &m.baseline {
        let has = card
            .series(&m.id)
            .iter()
            .any(|o| o.period == *period && o.value().is_some());
        let due = period.end() <= as_of.end();
        if !has && due && !m.to_be_developed {
            let message = format!(
                "The baseline period {period} has no figure, so the measure has no baseline, expected value or progress: check how its periods are written (a figure for {period} must be dated {period})."
            );
            out.push(Warning::new(
                "baseline_missing",
                &m.id,
                &message,
                Location::at(&card.definition.id, None, "baseline"),
            ));
        }
    }
    if !m.turn_the_curve.actions.is_empty() && card.actions().is_empty() {
        let message = format!(
            "The turn-the-curve record names actions {}, but no actions are loaded, so it shows none: add the actions file.",
            m.turn_the_curve.actions.join(", ")
        );
        out.push(Warning::new(
            "actions_not_loaded",
            &m.id,
            &message,
            Location::at(&card.definition.file, m.line, "turn_the_curve.actions"),
        ));
    }
    if let Some(w) = stale(card, m, as_of) {
        out.push(w);
    }
    out.extend(breakdown_totals(card, m, as_of));
    out
}

/// The latest figure on or before `as_of`, when the time from it to the reporting period is more
/// than twice the series' usual interval (the median gap between its figures; with one figure,
/// its period's length): the status rests on an old figure. An annual survey dated in January
/// is not stale in May; a monthly figure five months old is.
fn stale(card: &Scorecard, m: &Measure, as_of: Period) -> Option<Warning> {
    if m.to_be_developed {
        return None;
    }
    // A bound or an outcome ("not met") is a figure published for its period.
    let given: Vec<_> = card
        .headline(m, as_of)
        .1
        .into_iter()
        .filter(|o| o.value().is_some() || o.reading.given().is_some())
        .collect();
    let latest = *given.last()?;
    let mut gaps: Vec<i64> = given
        .windows(2)
        .map(|w| (w[1].period.end() - w[0].period.end()).num_days())
        .collect();
    crate::num::sort(&mut gaps);
    let interval = match gaps.get(gaps.len() / 2) {
        Some(&g) => g,
        None => (latest.period.end() - latest.period.start()).num_days() + 1,
    }
    .max(1);
    let behind = (as_of.start() - latest.period.end()).num_days();
    (behind > 2 * interval).then(|| {
        Warning::new(
            "stale_figure",
            &m.id,
            &format!(
                "The latest figure is for {}, {} before the reporting period {as_of}, where the figures come about every {}: the status rests on that old figure. Add the later figures, or report as of an earlier period.",
                latest.period,
                duration(behind),
                duration(interval)
            ),
            latest.source.at("period"),
        )
    })
}

/// Days in words, roughly: `3 years`, `5 months`, `12 days`.
fn duration(days: i64) -> String {
    let (n, unit) = if days >= 330 {
        ((days as f64 / 365.25).round() as i64, "year")
    } else if days >= 28 {
        ((days as f64 / 30.44).round() as i64, "month")
    } else {
        (days, "day")
    };
    let n = n.max(1);
    if n == 1 {
        unit.to_string()
    } else {
        format!("{n} {unit}s")
    }
}

/// For a count measure, each breakdown of the latest period whose categories (every one with a
/// figure) do not add up to the total: a category missing, or counted twice.
fn breakdown_totals(card: &Scorecard, m: &Measure, as_of: Period) -> Vec<Warning> {
    if m.unit != crate::model::kinds::Unit::Count {
        return Vec::new();
    }
    let rows = card.observations_of(&m.id);
    let Some(total) = rows
        .iter()
        .rev()
        .find(|o| o.breakdown.is_none() && o.period.end() <= as_of.end() && o.value().is_some())
    else {
        return Vec::new();
    };
    let Some(value) = total.value() else {
        return Vec::new();
    };
    let mut dims: Vec<&str> = rows
        .iter()
        .filter(|o| o.period == total.period)
        .filter_map(|o| o.breakdown.as_deref().map(|(d, _)| d.as_str()))
        .collect();
    dims.dedup();
    let mut out = Vec::new();
    for dim in dims {
        let cells: Vec<_> = rows
            .iter()
            .filter(|o| o.period == total.period)
            .filter(|o| o.breakdown.as_deref().is_some_and(|(d, _)| d == dim))
            .collect();
        // A category withheld or missing cannot be added: nothing to check.
        if cells.iter().any(|o| o.value().is_none()) {
            continue;
        }
        let sum: f64 = cells.iter().filter_map(|o| o.value()).sum();
        if (sum - value).abs() > 1e-9 * value.abs().max(1.0) {
            let fmt = crate::num::fmt_num;
            out.push(Warning::new(
                "breakdown_total",
                &m.id,
                &format!(
                    "The {dim} breakdown for {} adds up to {}, not the total {}: a category may be missing or counted twice.",
                    total.period,
                    fmt(sum),
                    fmt(value)
                ),
                cells[0].source.at("breakdown"),
            ));
        }
    }
    out
}
