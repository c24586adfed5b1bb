//! Targets: every kind the seeds use (docs/semantics.md section 4), and how each resolves to a number.

use crate::model::kinds::Polarity;
use crate::model::period::Period;
use crate::num::fmt_num;
use serde::Serialize;

/// A change from the baseline. Relative is a percentage of the baseline ("reduce by 50%"),
/// points is an absolute difference ("up 20 points"). The definition must say which.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Change {
    /// A percentage of the baseline.
    Relative {
        /// Percent of the baseline: -50 halves it.
        pct: f64,
    },
    /// A difference in the measure's own units (points on a percentage).
    Points {
        /// Points added to the baseline: -3 takes three off.
        points: f64,
    },
}

impl Change {
    /// The figure the change gives from `base`.
    pub fn apply(self, base: f64) -> f64 {
        match self {
            Change::Relative { pct } => base * (1.0 + pct / 100.0),
            Change::Points { points } => base + points,
        }
    }
}

/// How a value is judged against a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    /// At least the number.
    AtLeast,
    /// At most the number.
    AtMost,
    /// Exactly the number.
    Exactly,
}

crate::json::serialize_as!(Comparison, key);

impl Comparison {
    /// Every comparison, in the order of [`Comparison::code`] (columnar output).
    pub const BY_CODE: [Comparison; 3] =
        [Comparison::AtLeast, Comparison::AtMost, Comparison::Exactly];

    /// The comparison's index in [`Comparison::BY_CODE`], its code in columnar output.
    pub fn code(self) -> u8 {
        match self {
            Comparison::AtLeast => 0,
            Comparison::AtMost => 1,
            Comparison::Exactly => 2,
        }
    }

    /// Reads a comparison as written in the definition (`at_least`).
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

    /// The comparison for the opposite polarity.
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
    Relative {
        /// Percent of the baseline gap: -50 halves it.
        pct: f64,
    },
    /// A stated gap, for example 0 to close it.
    Value {
        /// The gap.
        value: f64,
    },
}

/// One target rule.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Rule {
    /// A change from the baseline.
    Change(Change),
    /// A stated value ("from the current 0.9% to 4.5%").
    Absolute {
        /// The figure.
        value: f64,
    },
    /// A threshold with its own comparison ("at least 95% of schools").
    Threshold {
        /// How the figure is judged against the number.
        comparison: Comparison,
        /// The number.
        value: f64,
    },
    /// Match a named comparator's value for the same period.
    Comparator {
        /// The comparator's name.
        name: String,
    },
    /// Reach the top-quartile boundary of a group of areas (docs/semantics.md section 4: on the better side).
    Quartile {
        /// The comparator group (`la`).
        group: String,
    },
    /// A goal on the gap between the value and a comparator.
    Gap {
        /// The comparator's name.
        comparator: String,
        /// What the gap should become.
        goal: GapGoal,
    },
    /// No number: judged by direction of travel.
    Direction,
}

impl Rule {
    /// The kind as written in the definition (`relative`).
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

/// A dated step of a multi-stage target ("stemmed in 2020, halved in 2021").
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Milestone {
    /// When the step is due.
    pub due: Period,
    /// What it asks for.
    pub rule: Rule,
}

/// A measure's target: one rule with an optional due date, or dated milestones in order.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Target {
    /// One rule, with an optional due date.
    Single {
        /// The rule.
        rule: Rule,
        /// When it is due.
        due: Option<Period>,
    },
    /// Non-empty, due dates strictly increasing, no direction-only steps (checked on load).
    Milestones(Vec<Milestone>),
}

impl Target {
    /// The kind as written in the definition (`relative`, `milestones`).
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

    /// Whether resolving the target needs a baseline figure.
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

/// What the status is judged on: the value itself, or its gap to a comparator.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "on", rename_all = "snake_case")]
pub enum Basis {
    /// The value itself.
    Value,
    /// The gap between the value and a comparator.
    Gap {
        /// The comparator's name.
        comparator: String,
        /// The comparator's figure for the period judged.
        comparator_value: f64,
    },
}
