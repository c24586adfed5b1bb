//! Target resolution (docs/semantics.md section 4): each rule turned into a number.

use crate::error::quoted;
use crate::model::kinds::Polarity;
use crate::model::target::{Basis, Comparison, GapGoal, Rule};
use crate::stats::benchmark::quantile_type7;

/// What a rule needs from the data to become a number.
pub struct Context<'a> {
    pub polarity: Polarity,
    pub baseline: Option<f64>,
    /// The comparator's value for the period being judged.
    pub comparator: &'a dyn Fn(&str) -> Option<f64>,
    /// The comparator's value at the baseline period (for gap goals relative to the baseline gap).
    pub comparator_at_baseline: &'a dyn Fn(&str) -> Option<f64>,
    /// Every value of a comparator group for the period being judged.
    pub group: &'a dyn Fn(&str) -> Vec<f64>,
    /// The measure's own value for the period being judged: one of the areas in a quartile.
    pub own_value: Option<f64>,
}

/// A rule resolved to a number.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub value: f64,
    pub comparison: Comparison,
    pub basis: Basis,
}

/// Resolves a numeric rule. `Err` says, in words, which figure is missing.
pub fn resolve(rule: &Rule, cx: &Context) -> Result<Resolved, String> {
    let by_polarity = |value: f64| Resolved {
        value,
        comparison: Comparison::for_polarity(cx.polarity, value, cx.baseline),
        basis: Basis::Value,
    };
    match rule {
        Rule::Change(change) => {
            let b = cx
                .baseline
                .ok_or("the target is a change from the baseline, and there is no baseline")?;
            Ok(by_polarity(change.apply(b)))
        }
        Rule::Absolute { value } => Ok(by_polarity(*value)),
        Rule::Threshold { comparison, value } => Ok(Resolved {
            value: *value,
            comparison: *comparison,
            basis: Basis::Value,
        }),
        Rule::Comparator { name } => {
            let v = (cx.comparator)(name).ok_or_else(|| {
                format!("no value for comparator {} for this period", quoted(&name))
            })?;
            Ok(by_polarity(v))
        }
        Rule::Quartile { group } => resolve_quartile(group, cx).map(by_polarity),
        Rule::Gap { comparator, goal } => resolve_gap(comparator, *goal, cx),
        Rule::Direction => Err("a direction-only target has no number".to_string()),
    }
}

/// The figure judged and its starting point: the value and the baseline, or, for a gap target,
/// their gaps to the comparator (the baseline's to the comparator's figure at the baseline
/// period, from `comparator_at_baseline`). Both scoring paths call this.
pub fn judged<P>(
    r: &Resolved,
    value: f64,
    baseline: Option<(f64, P)>,
    comparator_at_baseline: impl FnOnce(&str) -> Option<f64>,
) -> (f64, Option<(f64, P)>) {
    match &r.basis {
        Basis::Value => (value, baseline),
        Basis::Gap {
            comparator,
            comparator_value,
        } => {
            let start =
                baseline.and_then(|(b, at)| Some((b - comparator_at_baseline(comparator)?, at)));
            (value - comparator_value, start)
        }
    }
}

/// The top-quartile boundary on the better side: the 75th percentile when higher is better,
/// the 25th when lower is better (R's quantile type 7, as DfE's LAIT).
fn resolve_quartile(group: &str, cx: &Context) -> Result<f64, String> {
    let mut values = (cx.group)(group);
    values.extend(cx.own_value);
    let p = match cx.polarity {
        Polarity::HigherIsBetter => 0.75,
        Polarity::LowerIsBetter => 0.25,
        Polarity::Neutral => {
            return Err("a quartile target needs a polarity to know the better side".to_string())
        }
    };
    if values.len() < 4 {
        return Err(format!(
            "a quartile needs at least 4 areas' values in group {} for this period; found {}",
            quoted(&group),
            values.len()
        ));
    }
    quantile_type7(&mut values, p).ok_or_else(|| "no quartile could be computed".to_string())
}

fn resolve_gap(comparator: &str, goal: GapGoal, cx: &Context) -> Result<Resolved, String> {
    let now = (cx.comparator)(comparator).ok_or_else(|| {
        format!(
            "no value for comparator {} for this period",
            quoted(&comparator)
        )
    })?;
    let gap_target = match goal {
        GapGoal::Value { value } => value,
        GapGoal::Relative { pct } => {
            let b = cx
                .baseline
                .ok_or("the gap goal is relative to the baseline gap, and there is no baseline")?;
            let then = (cx.comparator_at_baseline)(comparator).ok_or_else(|| {
                format!(
                    "no value for comparator {} at the baseline period",
                    quoted(&comparator)
                )
            })?;
            (b - then) * (1.0 + pct / 100.0)
        }
    };
    Ok(Resolved {
        value: gap_target,
        comparison: Comparison::for_polarity(cx.polarity, gap_target, None),
        basis: Basis::Gap {
            comparator: comparator.to_string(),
            comparator_value: now,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::target::Change;
    use approx::assert_relative_eq;

    fn cx_with(polarity: Polarity, baseline: Option<f64>) -> Context<'static> {
        Context {
            polarity,
            baseline,
            comparator: &|name| match name {
                "England" => Some(4.5),
                "Region" => Some(60.0),
                _ => None,
            },
            comparator_at_baseline: &|name| match name {
                "All pupils" => Some(4.0),
                _ => None,
            },
            group: &|_| vec![10.0, 20.0, 30.0, 40.0],
            own_value: Some(50.0),
        }
    }

    #[test]
    fn relative_reduction_by_half() {
        // WSoA area 2 A3: "by 50% compared to the April 2019 benchmark (32%)" -> 16%;
        // "... baseline (28%)" -> 14%.
        let rule = Rule::Change(Change::Relative { pct: -50.0 });
        let r = resolve(&rule, &cx_with(Polarity::LowerIsBetter, Some(32.0))).unwrap();
        assert_relative_eq!(r.value, 16.0);
        assert_eq!(r.comparison, Comparison::AtMost);
        let r = resolve(&rule, &cx_with(Polarity::LowerIsBetter, Some(28.0))).unwrap();
        assert_relative_eq!(r.value, 14.0);
    }

    #[test]
    fn points_and_relative_differ() {
        // "Increased satisfaction by 20%" from 40%: 60% as points, 48% as relative.
        let pts = Rule::Change(Change::Points { points: 20.0 });
        let rel = Rule::Change(Change::Relative { pct: 20.0 });
        let cx = cx_with(Polarity::HigherIsBetter, Some(40.0));
        assert_relative_eq!(resolve(&pts, &cx).unwrap().value, 60.0);
        assert_relative_eq!(resolve(&rel, &cx).unwrap().value, 48.0);
    }

    #[test]
    fn change_without_baseline_says_why() {
        let rule = Rule::Change(Change::Relative { pct: -50.0 });
        let e = resolve(&rule, &cx_with(Polarity::LowerIsBetter, None)).unwrap_err();
        assert!(e.contains("no baseline"));
    }

    #[test]
    fn comparator_match_takes_its_value() {
        // WSoA area 11 D2a: "to national levels" -> England's value for the period.
        let rule = Rule::Comparator {
            name: "England".into(),
        };
        let r = resolve(&rule, &cx_with(Polarity::HigherIsBetter, None)).unwrap();
        assert_relative_eq!(r.value, 4.5);
        let missing = Rule::Comparator {
            name: "Wales".into(),
        };
        assert!(resolve(&missing, &cx_with(Polarity::HigherIsBetter, None)).is_err());
    }

    #[test]
    fn quartile_is_on_the_better_side() {
        // Values 10, 20, 30, 40 and our own 50: type-7 quantiles 0.75 -> 40, 0.25 -> 20.
        let rule = Rule::Quartile { group: "la".into() };
        let hi = resolve(&rule, &cx_with(Polarity::HigherIsBetter, None)).unwrap();
        assert_relative_eq!(hi.value, 40.0);
        let lo = resolve(&rule, &cx_with(Polarity::LowerIsBetter, None)).unwrap();
        assert_relative_eq!(lo.value, 20.0);
    }

    #[test]
    fn halving_a_gap() {
        // Baseline 10% absence vs all pupils 4% -> gap 6; halve it -> 3.
        let rule = Rule::Gap {
            comparator: "All pupils".into(),
            goal: GapGoal::Relative { pct: -50.0 },
        };
        let mut cx = cx_with(Polarity::LowerIsBetter, Some(10.0));
        let now = |name: &str| (name == "All pupils").then_some(4.2);
        cx.comparator = &now;
        let r = resolve(&rule, &cx).unwrap();
        assert_relative_eq!(r.value, 3.0);
        assert_eq!(
            r.basis,
            Basis::Gap {
                comparator: "All pupils".into(),
                comparator_value: 4.2
            }
        );
    }

    #[test]
    fn a_gap_target_judges_the_gaps() {
        // Value 60 against England's 70 now; baseline 50 against England's 68 then.
        let r = Resolved {
            value: -9.0,
            comparison: Comparison::AtLeast,
            basis: Basis::Gap {
                comparator: "England".into(),
                comparator_value: 70.0,
            },
        };
        let (x, start) = judged(&r, 60.0, Some((50.0, "2019")), |c| {
            (c == "England").then_some(68.0)
        });
        assert_eq!((x, start), (-10.0, Some((-18.0, "2019"))));
        // No comparator figure at the baseline: no starting point.
        assert_eq!(judged(&r, 60.0, Some((50.0, "2019")), |_| None).1, None);
        let v = Resolved {
            basis: Basis::Value,
            ..r
        };
        assert_eq!(
            judged(&v, 60.0, Some((50.0, 1)), |_| None),
            (60.0, Some((50.0, 1)))
        );
    }

    #[test]
    fn threshold_keeps_its_comparison() {
        let rule = Rule::Threshold {
            comparison: Comparison::AtLeast,
            value: 95.0,
        };
        let r = resolve(&rule, &cx_with(Polarity::HigherIsBetter, None)).unwrap();
        assert!(r.comparison.meets(95.0, r.value));
        assert!(!r.comparison.meets(94.9, r.value));
    }
}
