//! Statistical disclosure control by construction (docs/disclosure.md). A published report is
//! scored from the *published view* of the data, never from the true figures: every figure
//! disclosure control withholds is withheld in the data itself before scoring, and every other
//! figure is the one published (rounded, when counts are rounded). So whatever the report derives
//! (a status, a change, a streak, SPC limits, a forecast, a quartile, a summary count, a chart's
//! coordinates, or any figure added later) is worked from published figures only, and cannot
//! carry a withheld one.
//!
//! The view, per measure (its own settings, inheriting the scorecard's):
//! - primary suppression: a count from 1 to threshold - 1 is withheld (`c`); a true zero is
//!   shown. Counts are the figures of measures in unit `count`, the numerators and denominators
//!   of percentages, rates and ratios, and, for a percentage, the complement (denominator -
//!   numerator: 48 of 50 reveals 2);
//! - rounding (optional): counts are rounded to the base, `low` for one that rounds to zero but
//!   is not zero; a figure derived from a numerator and denominator is then worked from the
//!   rounded ones (the true fraction to six decimals would give the true counts back);
//! - secondary suppression, per breakdown dimension and period: where the total is published
//!   and any part is withheld, the smallest published part is withheld too, so that neither one
//!   part nor the sum of several can be found by subtracting the others from the total; where
//!   the total is withheld and every part is published, the smallest part is withheld, so that
//!   the total is not their sum;
//! - a stated baseline that is a small count is withheld like an observation; a comparator's
//!   figure for a count measure that is a small count is left out (it is not published, and no
//!   quartile uses it).
//!
//! Every choice depends only on which figures are withheld and on published figures, never on a
//! withheld figure's value: a property test scores twice with a withheld figure at two
//! different small values and requires the same bytes.
//!
//! GSS symbols: `c` confidential, `x` not available, `z` not applicable, `low` rounds to zero.

use crate::keyed::KeyedSet;

use crate::input::scorecard::Scorecard;
use crate::model::baseline::Baseline;
use crate::model::kinds::Unit;
use crate::model::measure::Measure;
use crate::model::observation::{Observation, Reading};
use crate::model::options::Disclosure;
use crate::model::period::Period;
use crate::model::window::Window;
use crate::report::{DisclosureInfo, Report, Symbol};

/// The symbols a published report may use, with their meanings.
pub const SYMBOLS: [(&str, &str); 4] = [
    ("c", "confidential: withheld to protect small numbers"),
    ("x", "not available"),
    ("z", "not applicable"),
    ("low", "rounds to zero, but is not zero"),
];

/// Whether `rules` ask for any control.
pub(crate) fn active(rules: &Disclosure) -> bool {
    rules.threshold > 0 || rules.round_to.is_some_and(|b| b > 1)
}

/// The disclosure rules that apply to measure `m` under the scorecard's `global` ones: its own
/// (or the scorecard's) when they ask for any control and its counts are of people; `None` when
/// they ask for none or it counts events or services, which are not personal data and are
/// published as they are. Every path asks here: the view, batch scoring and the report's notes.
pub(crate) fn rules_for(m: &Measure, global: Disclosure) -> Option<Disclosure> {
    let rules = m.disclosure.unwrap_or(global);
    (active(&rules) && m.counts.personal()).then_some(rules)
}

/// What a count becomes when published.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Count {
    /// The published count (rounded, when counts are rounded).
    Figure(f64),
    /// Withheld: `c` (a small count) or `low` (rounds to zero but is not zero).
    Withheld(&'static str),
}

/// The one rule for a count: from 1 to threshold - 1 it is withheld; otherwise it is rounded to
/// the base when there is one. Every count the view publishes goes through here (observations,
/// numerators, denominators, complements, stated baselines, comparators, batch rows).
pub(crate) fn count(x: f64, rules: &Disclosure) -> Count {
    if x > 0.0 && x < f64::from(rules.threshold) {
        return Count::Withheld("c");
    }
    match rules.round_to {
        Some(b) if b > 1 => {
            let r = (x / f64::from(b)).round() * f64::from(b);
            if r == 0.0 && x != 0.0 {
                Count::Withheld("low")
            } else {
                Count::Figure(r)
            }
        }
        _ => Count::Figure(x),
    }
}

/// A reading as published, and the symbol when it is withheld here.
fn reading(r: Reading, unit: Unit, rules: &Disclosure) -> (Reading, Option<&'static str>) {
    match r {
        Reading::Value { value } if unit.is_count() => match count(value, rules) {
            Count::Figure(value) => (Reading::Value { value }, None),
            Count::Withheld(s) => (Reading::Suppressed, Some(s)),
        },
        Reading::Fraction {
            numerator,
            denominator,
            value,
        } => {
            let complement = (unit == Unit::Percentage).then_some(denominator - numerator);
            let parts = [Some(numerator), Some(denominator), complement];
            let mut published = [0.0; 3];
            for (slot, part) in published.iter_mut().zip(parts) {
                match part.map(|x| count(x, rules)) {
                    Some(Count::Withheld(s)) => return (Reading::Suppressed, Some(s)),
                    Some(Count::Figure(x)) => *slot = x,
                    None => {}
                }
            }
            // Rounded counts publish the figure worked from them, never the true fraction (six
            // decimals of 27/158 would give 27 and 158 back).
            let rounding = rules.round_to.is_some_and(|b| b > 1);
            let value = match unit.scale() {
                Some(scale) if rounding && published[1] != 0.0 => {
                    published[0] / published[1] * scale
                }
                _ => value,
            };
            (
                Reading::Fraction {
                    numerator: published[0],
                    denominator: published[1],
                    value,
                },
                None,
            )
        }
        // A bound on a count ("< 5") is published only as given: one on a small count, or one
        // rounding would move, is withheld like the count.
        Reading::Bound { value, .. } if unit.is_count() => match count(value, rules) {
            Count::Figure(v) if v == value => (r, None),
            Count::Figure(_) => (Reading::Suppressed, Some("c")),
            Count::Withheld(s) => (Reading::Suppressed, Some(s)),
        },
        other => (other, None),
    }
}

/// One of a measure's rows: its period and breakdown (dimension, category).
type RowKey<'a> = (Period, Option<&'a (String, String)>);

/// One figure of the data: measure, period, breakdown (dimension, category).
type Cell = (String, Period, Option<(String, String)>);

/// Where a published report's figures came from: the view it was scored from.
pub(crate) struct View {
    /// The published data, with the same definition (stated baselines withheld as needed).
    pub(crate) card: Scorecard,
    /// Observations withheld as `low` rather than `c`: (measure, period, breakdown).
    low: KeyedSet<Cell>,
    /// Measures whose stated baseline is withheld.
    baseline_withheld: KeyedSet<String>,
}

/// The published view of `card`.
pub(crate) fn view(card: &Scorecard) -> View {
    let global = card.definition().disclosure;
    let mut definition = card.definition().clone();
    let mut observations: Vec<Observation> = card.observations().to_vec();
    let mut comparators = card.comparators().to_vec();
    let mut low = KeyedSet::new();
    let mut baseline_withheld = KeyedSet::new();
    let mut counted: crate::keyed::Keyed<String, Disclosure> = crate::keyed::Keyed::new();
    for section in &mut definition.sections {
        for m in &mut section.measures {
            let Some(rules) = rules_for(m, global) else {
                continue;
            };
            if let Some(Baseline::Stated { value, .. }) = m.baseline.as_mut() {
                if m.unit.is_count() {
                    match count(*value, &rules) {
                        Count::Figure(v) => *value = v,
                        Count::Withheld(_) => {
                            m.baseline = None;
                            baseline_withheld.insert(m.id.clone());
                        }
                    }
                }
            }
            // One measure's observations are a contiguous range (kept sorted by measure).
            let start = observations.partition_point(|o| o.measure.as_str() < m.id.as_str());
            let end = observations.partition_point(|o| o.measure.as_str() <= m.id.as_str());
            let rows = &mut observations[start..end];
            for o in rows.iter_mut() {
                let (r, symbol) = reading(o.reading, m.unit, &rules);
                o.reading = r;
                if symbol == Some("low") {
                    low.insert((o.measure.clone(), o.period, o.breakdown.as_deref().cloned()));
                }
            }
            secondary(rows);
            if m.unit.is_count() {
                counted.insert(m.id.clone(), rules);
            }
        }
    }
    // Other areas' figures for count measures, in one pass.
    comparators.retain_mut(|c| match counted.get(&c.measure) {
        None => true,
        Some(rules) => match count(c.value, rules) {
            Count::Figure(v) => {
                c.value = v;
                true
            }
            Count::Withheld(_) => false,
        },
    });
    View {
        card: card.with_data(definition, observations, comparators),
        low,
        baseline_withheld,
    }
}

/// Secondary suppression over one measure's observations (breakdown rows and totals), per
/// dimension and period. Only which cells are withheld and the published figures decide it.
fn secondary(rows: &mut [Observation]) {
    // The rows of each (dimension, period), and each period's total, in one pass.
    // A figure's window is part of its period: a rolling 12 months' parts add up to the
    // rolling 12 months' total, not to the quarter's.
    type Key = (String, Period, Window);
    let mut groups: Vec<(Key, Vec<usize>)> = Vec::new();
    let mut place: crate::keyed::Keyed<Key, usize> = crate::keyed::Keyed::new();
    let mut totals: crate::keyed::Keyed<(Period, Window), Reading> = crate::keyed::Keyed::new();
    for (i, o) in rows.iter().enumerate() {
        match o.breakdown.as_deref() {
            None => {
                totals.or_insert((o.period, o.window), o.reading);
            }
            Some((dim, _)) => {
                let key = (dim.clone(), o.period, o.window);
                let k = *place.or_insert_with(key.clone(), || {
                    groups.push((key, Vec::new()));
                    groups.len() - 1
                });
                groups[k].1.push(i);
            }
        }
    }
    for ((_, period, window), parts) in groups {
        let total = totals.get(&(period, window)).copied();
        // A part given only as a bound ("< 5") is as good as withheld: the total less the
        // published parts would give it.
        let withheld = parts
            .iter()
            .filter(|&&i| {
                matches!(
                    rows[i].reading,
                    Reading::Suppressed | Reading::Bound { .. } | Reading::Outcome { .. }
                )
            })
            .count();
        let missing = parts.iter().any(|&i| rows[i].reading == Reading::Missing);
        let total_published = total.is_some_and(|r| r.value().is_some());
        let total_withheld = total == Some(Reading::Suppressed);
        // A published total with withheld parts gives their sum; a withheld total with every
        // part published is their sum. Either way one more part is withheld.
        let needed = (total_published && withheld > 0)
            || (total_withheld && withheld == 0 && !missing && !parts.is_empty());
        if !needed {
            continue;
        }
        // The smallest published part (the first in file order among equals); zeros are
        // published as they are (a zero part adds nothing to the sum).
        let next = parts
            .iter()
            .copied()
            .filter(|&i| rows[i].value().is_some_and(|v| v > 0.0))
            .min_by(|&a, &b| {
                let (x, y) = (rows[a].value(), rows[b].value());
                x.partial_cmp(&y).unwrap_or(std::cmp::Ordering::Equal)
            });
        if let Some(i) = next {
            rows[i].reading = Reading::Suppressed;
        }
    }
}

/// Fills in what the report says about disclosure control: the settings and symbols, `low`
/// where a count rounded to zero, `z` and `x`, and a note on each measure with figures withheld
/// or rounded. `view` is the view the report was scored from (`None`: the true figures, control
/// off).
pub(crate) fn annotate(report: &mut Report, card: &Scorecard, view: Option<&View>) {
    let global = card.definition().disclosure;
    report.scorecard.disclosure = DisclosureInfo {
        enabled: view.is_some(),
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
        } else if let Some(o) = card
            .series(&m.id)
            .into_iter()
            .rfind(|o| Some(o.period) == m.period && o.window == m.window.unwrap_or_default())
        {
            if o.reading == Reading::Missing {
                m.symbol = Some("x");
            }
        }
        let Some(view) = view else { continue };
        let low = |period: Period, breakdown: Option<(String, String)>| {
            view.low.contains(&(m.id.clone(), period, breakdown))
        };
        if m.symbol == Some("c") && m.period.is_some_and(|p| low(p, None)) {
            m.symbol = Some("low");
        }
        // The measure's true rows by (period, breakdown): one lookup per published figure.
        let all = card.observations_of(&m.id);
        let headline = m.window.unwrap_or_default();
        let truth: crate::keyed::Keyed<RowKey, &Observation> = all
            .iter()
            .filter(|o| o.window == headline)
            .map(|o| ((o.period, o.breakdown.as_deref()), o))
            .collect();
        for p in &mut m.series {
            if p.symbol == Some("c") && low(p.period, None) {
                p.symbol = Some("low");
            }
            // `flag` says what the data row says (suppressed at source, ...), not what
            // disclosure control did, which the symbol says.
            if let Some(o) = truth.get(&(p.period, None)) {
                p.flag = super::score::flag(o);
            }
        }
        for b in &mut m.breakdowns {
            if b.symbol == Some("c")
                && low(b.period, Some((b.dimension.clone(), b.category.clone())))
            {
                b.symbol = Some("low");
            }
        }
        let Some(rules) = rules_for(measure, global) else {
            // Said where it shows: a figure that counts of people would not publish as it is.
            let asked = measure.disclosure.unwrap_or(global);
            let shown = active(&asked)
                && card
                    .observations_of(&m.id)
                    .iter()
                    .any(|o| reading(o.reading, measure.unit, &asked).0 != o.reading);
            if shown {
                m.notes.push(format!(
                    "It counts {0}, not people: its figures are not personal data, so they are \
                     published as they are, small ones included (counts = \"{0}\").",
                    measure.counts.name()
                ));
            }
            continue;
        };
        if view.baseline_withheld.contains(&m.id) {
            m.notes.push(
                "The stated baseline is a small count: it is withheld to protect small numbers, \
                 and so is every figure worked from it."
                    .into(),
            );
        }
        // Withheld here (not at source): a figure the data gives that the report does not.
        let given = |period: Period, breakdown: Option<(String, String)>| {
            truth
                .get(&(period, breakdown.as_ref()))
                .is_some_and(|o| o.value().is_some())
        };
        let withheld = |symbol: Option<&str>| matches!(symbol, Some("c") | Some("low"));
        let current = m
            .period
            .is_some_and(|p| withheld(m.symbol) && given(p, None));
        let others = m
            .series
            .iter()
            .any(|p| withheld(p.symbol) && Some(p.period) != m.period && given(p.period, None))
            || m.breakdowns.iter().any(|b| {
                withheld(b.symbol)
                    && given(b.period, Some((b.dimension.clone(), b.category.clone())))
            });
        if current {
            m.notes.push(
                "The figure is suppressed to protect small numbers; its status, changes and \
                 comparisons are withheld too."
                    .into(),
            );
        }
        if others {
            m.notes.push(
                "Figures withheld to protect small numbers are left out: every figure shown is \
                 worked from the published figures only."
                    .into(),
            );
        }
        if let Some(b) = rules.round_to.filter(|&b| b > 1) {
            if measure.unit.is_count() || m.numerator.is_some() {
                m.notes.push(format!(
                    "Counts are rounded to the nearest {b} for publication."
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIVE: Disclosure = Disclosure {
        threshold: 5,
        round_to: None,
    };

    #[test]
    fn one_rule_for_every_count() {
        assert_eq!(count(0.0, &FIVE), Count::Figure(0.0));
        assert_eq!(count(1.0, &FIVE), Count::Withheld("c"));
        assert_eq!(count(4.0, &FIVE), Count::Withheld("c"));
        assert_eq!(count(5.0, &FIVE), Count::Figure(5.0));
        let round = Disclosure {
            threshold: 0,
            round_to: Some(5),
        };
        assert_eq!(count(2.0, &round), Count::Withheld("low"));
        assert_eq!(count(7.0, &round), Count::Figure(5.0));
        assert_eq!(count(8.0, &round), Count::Figure(10.0));
    }

    #[test]
    fn fractions_check_each_count_and_the_complement() {
        let f = |n: f64, d: f64| Reading::Fraction {
            numerator: n,
            denominator: d,
            value: n / d * 100.0,
        };
        // 1 of 2 (50%): the numerator is small.
        assert_eq!(
            reading(f(1.0, 2.0), Unit::Percentage, &FIVE).0,
            Reading::Suppressed
        );
        // 48 of 50: 2 did not, a small complement.
        assert_eq!(
            reading(f(48.0, 50.0), Unit::Percentage, &FIVE).0,
            Reading::Suppressed
        );
        assert_eq!(
            reading(f(27.0, 158.0), Unit::Percentage, &FIVE).0,
            f(27.0, 158.0)
        );
        // Rounded to 5: 27/158 is published as 25/160, and the percentage is 25/160 = 15.625%,
        // not 17.088608% (which is 27/158 exactly).
        let five = Disclosure {
            threshold: 5,
            round_to: Some(5),
        };
        assert_eq!(
            reading(f(27.0, 158.0), Unit::Percentage, &five).0,
            Reading::Fraction {
                numerator: 25.0,
                denominator: 160.0,
                value: 15.625
            }
        );
        // A percentage given as a value carries no counts to check.
        let v = Reading::Value { value: 50.0 };
        assert_eq!(reading(v, Unit::Percentage, &FIVE).0, v);
    }
}
