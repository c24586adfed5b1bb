//! Targets: every kind the seeds use (semantics section 4), and how each resolves to a number.

use crate::benchmark::quantile_type7;
use crate::measure::Polarity;
use crate::period::Period;
use serde::Serialize;

/// A change from the baseline. Relative is a percentage of the baseline ("reduce by 50%"),
/// points is an absolute difference ("up 20 points"). The definition must say which.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Change {
    Relative { pct: f64 },
    Points { points: f64 },
}

impl Change {
    pub fn apply(self, base: f64) -> f64 {
        match self {
            Change::Relative { pct } => base * (1.0 + pct / 100.0),
            Change::Points { points } => base + points,
        }
    }
}

/// How a value is judged against a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    AtLeast,
    AtMost,
    Exactly,
}

impl Comparison {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "at_least" => Some(Comparison::AtLeast),
            "at_most" => Some(Comparison::AtMost),
            "exactly" => Some(Comparison::Exactly),
            _ => None,
        }
    }

    /// The name in the definition and the JSON report (`at_least`).
    pub fn key(self) -> &'static str {
        match self {
            Comparison::AtLeast => "at_least",
            Comparison::AtMost => "at_most",
            Comparison::Exactly => "exactly",
        }
    }

    /// Whether `value` meets `goal`; a tolerance of a billionth absorbs floating-point noise
    /// (32 x 0.5 must meet 16).
    pub fn meets(self, value: f64, goal: f64) -> bool {
        let eps = 1e-9 * goal.abs().max(1.0);
        match self {
            Comparison::AtLeast => value >= goal - eps,
            Comparison::AtMost => value <= goal + eps,
            Comparison::Exactly => (value - goal).abs() <= eps,
        }
    }

    pub fn mirrored(self) -> Self {
        match self {
            Comparison::AtLeast => Comparison::AtMost,
            Comparison::AtMost => Comparison::AtLeast,
            Comparison::Exactly => Comparison::Exactly,
        }
    }

    /// The comparison a polarity implies; a neutral measure is judged by which way the target
    /// lies from the starting point.
    pub fn for_polarity(polarity: Polarity, goal: f64, start: Option<f64>) -> Self {
        match polarity {
            Polarity::HigherIsBetter => Comparison::AtLeast,
            Polarity::LowerIsBetter => Comparison::AtMost,
            Polarity::Neutral => match start {
                Some(b) if goal > b => Comparison::AtLeast,
                Some(b) if goal < b => Comparison::AtMost,
                _ => Comparison::Exactly,
            },
        }
    }
}

/// What the gap to a comparator should become.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum GapGoal {
    /// A relative change of the baseline gap: -50 halves it.
    Relative { pct: f64 },
    /// A stated gap, for example 0 to close it.
    Value { value: f64 },
}

/// One target rule.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// A change from the baseline.
    Change(Change),
    /// A stated value ("from the current 0.9% to 4.5%").
    Absolute { value: f64 },
    /// A threshold with its own comparison ("at least 95% of schools").
    Threshold { comparison: Comparison, value: f64 },
    /// Match a named comparator's value for the same period.
    Comparator { name: String },
    /// Reach the top-quartile boundary of a group of areas (semantics: on the better side).
    Quartile { group: String },
    /// A goal on the gap between the value and a comparator.
    Gap { comparator: String, goal: GapGoal },
    /// No number: judged by direction of travel.
    Direction,
}

impl Rule {
    pub fn kind_name(&self) -> &'static str {
        match self {
            Rule::Change(Change::Relative { .. }) => "relative",
            Rule::Change(Change::Points { .. }) => "points",
            Rule::Absolute { .. } => "absolute",
            Rule::Threshold { .. } => "threshold",
            Rule::Comparator { .. } => "comparator",
            Rule::Quartile { .. } => "quartile",
            Rule::Gap { .. } => "gap",
            Rule::Direction => "direction",
        }
    }

    /// A short description, as an analyst would say it.
    pub fn describe(&self, unit_label: &str) -> String {
        match self {
            Rule::Change(Change::Relative { pct }) => {
                format!(
                    "{} by {}% of the baseline",
                    rise_or_fall(*pct),
                    fmt_num(pct.abs())
                )
            }
            Rule::Change(Change::Points { points }) => {
                let pts = if unit_label == "pp" { "pp" } else { "" };
                format!(
                    "{} by {}{pts} on the baseline",
                    rise_or_fall(*points),
                    fmt_num(points.abs())
                )
            }
            Rule::Absolute { value } => format!("reach {}", fmt_num(*value)),
            Rule::Threshold { comparison, value } => {
                let word = match comparison {
                    Comparison::AtLeast => "at least",
                    Comparison::AtMost => "at most",
                    Comparison::Exactly => "exactly",
                };
                format!("{word} {}", fmt_num(*value))
            }
            Rule::Comparator { name } => format!("match {name}"),
            Rule::Quartile { group } => format!("top quartile of {group}"),
            Rule::Gap { comparator, goal } => match goal {
                GapGoal::Relative { pct } => format!(
                    "{} the gap to {comparator} by {}%",
                    if *pct < 0.0 { "narrow" } else { "widen" },
                    fmt_num(pct.abs())
                ),
                GapGoal::Value { value } => {
                    format!("gap to {comparator} of {}", fmt_num(*value))
                }
            },
            Rule::Direction => "improve (direction of travel only)".to_string(),
        }
    }
}

fn rise_or_fall(x: f64) -> &'static str {
    if x < 0.0 {
        "reduce"
    } else {
        "increase"
    }
}

/// A number without needless decimals: 16, 4.5, 0.9.
pub fn fmt_num(x: f64) -> String {
    let s = format!("{:.6}", x);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// A dated step of a multi-stage target ("stemmed in 2020, halved in 2021").
#[derive(Debug, Clone, PartialEq)]
pub struct Milestone {
    pub due: Period,
    pub rule: Rule,
}

/// A measure's target: one rule with an optional due date, or dated milestones in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Single {
        rule: Rule,
        due: Option<Period>,
    },
    /// Non-empty, due dates strictly increasing, no direction-only steps (checked on load).
    Milestones(Vec<Milestone>),
}

impl Target {
    pub fn kind_name(&self) -> &'static str {
        match self {
            Target::Single { rule, .. } => rule.kind_name(),
            Target::Milestones(_) => "milestones",
        }
    }

    /// The last due date.
    pub fn final_due(&self) -> Option<Period> {
        match self {
            Target::Single { due, .. } => *due,
            Target::Milestones(m) => m.last().map(|m| m.due),
        }
    }

    pub fn needs_baseline(&self) -> bool {
        let rule_needs = |r: &Rule| {
            matches!(
                r,
                Rule::Change(_)
                    | Rule::Gap {
                        goal: GapGoal::Relative { .. },
                        ..
                    }
            )
        };
        match self {
            Target::Single { rule, .. } => rule_needs(rule),
            Target::Milestones(ms) => ms.iter().any(|m| rule_needs(&m.rule)),
        }
    }
}

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

/// What the status is judged on: the value itself, or its gap to a comparator.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "on", rename_all = "snake_case")]
pub enum Basis {
    Value,
    Gap {
        comparator: String,
        comparator_value: f64,
    },
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
            let v = (cx.comparator)(name)
                .ok_or_else(|| format!("no value for comparator {name:?} for this period"))?;
            Ok(by_polarity(v))
        }
        Rule::Quartile { group } => resolve_quartile(group, cx).map(by_polarity),
        Rule::Gap { comparator, goal } => resolve_gap(comparator, *goal, cx),
        Rule::Direction => Err("a direction-only target has no number".to_string()),
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
            "a quartile needs at least 4 areas' values in group {group:?} for this period; found {}",
            values.len()
        ));
    }
    quantile_type7(&mut values, p).ok_or_else(|| "no quartile could be computed".to_string())
}

fn resolve_gap(comparator: &str, goal: GapGoal, cx: &Context) -> Result<Resolved, String> {
    let now = (cx.comparator)(comparator)
        .ok_or_else(|| format!("no value for comparator {comparator:?} for this period"))?;
    let gap_target = match goal {
        GapGoal::Value { value } => value,
        GapGoal::Relative { pct } => {
            let b = cx
                .baseline
                .ok_or("the gap goal is relative to the baseline gap, and there is no baseline")?;
            let then = (cx.comparator_at_baseline)(comparator).ok_or_else(|| {
                format!("no value for comparator {comparator:?} at the baseline period")
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
    fn threshold_keeps_its_comparison() {
        let rule = Rule::Threshold {
            comparison: Comparison::AtLeast,
            value: 95.0,
        };
        let r = resolve(&rule, &cx_with(Polarity::HigherIsBetter, None)).unwrap();
        assert!(r.comparison.meets(95.0, r.value));
        assert!(!r.comparison.meets(94.9, r.value));
    }

    #[test]
    fn numbers_print_plainly() {
        assert_eq!(fmt_num(16.0), "16");
        assert_eq!(fmt_num(4.5), "4.5");
        assert_eq!(fmt_num(-0.0), "0");
        assert_eq!(fmt_num(24.579345), "24.579345");
    }
}
