//! What a measure is: its kind (the RBA question), unit, polarity and frequency.

use crate::error::quoted;
use std::num::NonZeroU32;

/// Friedman's kinds: a population indicator, or one of the three performance-measure questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MeasureKind {
    /// A population indicator.
    Indicator,
    /// How much did we do?
    HowMuch,
    /// How well did we do it?
    HowWell,
    /// Is anyone better off?
    BetterOff,
}

crate::json::serialize_as!(MeasureKind, name);

impl MeasureKind {
    /// Every kind, in the RBA questions' order.
    pub const ALL: [MeasureKind; 4] = [
        MeasureKind::HowMuch,
        MeasureKind::HowWell,
        MeasureKind::BetterOff,
        MeasureKind::Indicator,
    ];

    /// Reads a kind as written in the definition (`how_well`).
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "indicator" => Some(MeasureKind::Indicator),
            "how_much" => Some(MeasureKind::HowMuch),
            "how_well" => Some(MeasureKind::HowWell),
            "better_off" => Some(MeasureKind::BetterOff),
            _ => None,
        }
    }

    /// The name in the definition and the JSON report.
    pub fn name(self) -> &'static str {
        match self {
            MeasureKind::Indicator => "indicator",
            MeasureKind::HowMuch => "how_much",
            MeasureKind::HowWell => "how_well",
            MeasureKind::BetterOff => "better_off",
        }
    }

    /// The RBA question the kind answers, as headings in reports.
    pub fn question(self) -> &'static str {
        match self {
            MeasureKind::Indicator => "Population indicators",
            MeasureKind::HowMuch => "How much did we do?",
            MeasureKind::HowWell => "How well did we do it?",
            MeasureKind::BetterOff => "Is anyone better off?",
        }
    }
}

/// The unit of a measure's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Unit {
    /// A count.
    Count,
    /// A percentage (0 to 100).
    Percentage,
    /// A rate per `per` (for example per 10,000 children).
    Rate {
        /// The rate's base: per 1,000, per 10,000, ...
        per: NonZeroU32,
    },
    /// A score.
    Score,
    /// A number of days.
    Days,
    /// An amount of money.
    Currency,
    /// A ratio.
    Ratio,
}

impl Unit {
    /// Reads `count`, `percentage`, `rate` (needs `per`), `score`, `days`, `currency`, `ratio`.
    pub(crate) fn parse(s: &str, per: Option<u32>) -> Result<Self, String> {
        let unit = match s {
            "count" => Unit::Count,
            "percentage" => Unit::Percentage,
            "score" => Unit::Score,
            "days" => Unit::Days,
            "currency" => Unit::Currency,
            "ratio" => Unit::Ratio,
            "rate" => {
                let per = per.and_then(NonZeroU32::new).ok_or_else(|| {
                    "a rate needs `per`, a whole number above zero (for example per = 10000)"
                        .to_string()
                })?;
                return Ok(Unit::Rate { per });
            }
            other => {
                return Err(format!(
                    "unknown unit {}: expected count, percentage, rate, score, days, \
                     currency or ratio",
                    quoted(&other)
                ))
            }
        };
        if per.is_some() {
            return Err(format!(
                "`per` applies only to unit \"rate\", not {}",
                quoted(&s)
            ));
        }
        Ok(unit)
    }

    /// The name in the definition and the JSON report.
    pub fn name(self) -> &'static str {
        match self {
            Unit::Count => "count",
            Unit::Percentage => "percentage",
            Unit::Rate { .. } => "rate",
            Unit::Score => "score",
            Unit::Days => "days",
            Unit::Currency => "currency",
            Unit::Ratio => "ratio",
        }
    }

    /// What a numerator over a denominator is multiplied by to give the value.
    pub fn scale(self) -> Option<f64> {
        match self {
            Unit::Percentage => Some(100.0),
            Unit::Rate { per } => Some(f64::from(per.get())),
            Unit::Ratio => Some(1.0),
            _ => None,
        }
    }

    /// The label of an absolute difference: percentage points for percentages.
    pub fn difference_label(self) -> &'static str {
        match self {
            Unit::Percentage => "pp",
            _ => "",
        }
    }

    /// The figures this unit can hold: a percentage is 0 to 100; counts, days, rates and ratios
    /// are not negative.
    pub fn range(self) -> std::ops::RangeInclusive<f64> {
        match self {
            Unit::Percentage => 0.0..=100.0,
            Unit::Count | Unit::Days | Unit::Rate { .. } | Unit::Ratio => 0.0..=f64::INFINITY,
            Unit::Score | Unit::Currency => f64::NEG_INFINITY..=f64::INFINITY,
        }
    }

    /// The decimal places a figure in this unit is shown to when its data ask for no more: one
    /// for percentages, rates, days and scores, two for ratios, none for counts and currency.
    pub fn decimals(self) -> u8 {
        match self {
            Unit::Count | Unit::Currency => 0,
            Unit::Ratio => 2,
            Unit::Percentage | Unit::Rate { .. } | Unit::Days | Unit::Score => 1,
        }
    }

    /// Whether `v` can be a figure in this unit ([`Unit::range`]), and if not, why.
    pub(crate) fn check(self, v: f64) -> Result<(), String> {
        if self.range().contains(&v) {
            Ok(())
        } else if self == Unit::Percentage {
            Err(format!(
                "a percentage must be 0 to 100, not {}",
                crate::num::shortest(v)
            ))
        } else {
            Err(format!(
                "a {} cannot be negative ({})",
                self.name(),
                crate::num::shortest(v)
            ))
        }
    }

    /// Whether values must be whole and non-negative (counts of people or things).
    pub fn is_count(self) -> bool {
        matches!(self, Unit::Count)
    }
}

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Polarity {
    /// Higher figures are better.
    HigherIsBetter,
    /// Lower figures are better.
    LowerIsBetter,
    /// Neither: figures move higher or lower.
    Neutral,
}

crate::json::serialize_as!(Polarity, name);

impl Polarity {
    /// A polarity a caller names (an argument of `spc_table` or `spcColumns`, not a definition
    /// field): the error lists the choices, the same in every front end.
    pub fn from_argument(s: &str) -> Result<Self, crate::error::Error> {
        Self::parse(s).ok_or_else(|| {
            crate::error::Error::new(
                crate::error::ErrorKind::Usage,
                crate::error::Location::file("polarity"),
                format!("polarity must be higher_is_better, lower_is_better or neutral, not '{s}'"),
            )
        })
    }

    /// Reads a polarity as written in the definition.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "higher_is_better" => Some(Polarity::HigherIsBetter),
            "lower_is_better" => Some(Polarity::LowerIsBetter),
            "neutral" => Some(Polarity::Neutral),
            _ => None,
        }
    }

    /// The name in the definition and the JSON report.
    pub fn name(self) -> &'static str {
        match self {
            Polarity::HigherIsBetter => "higher_is_better",
            Polarity::LowerIsBetter => "lower_is_better",
            Polarity::Neutral => "neutral",
        }
    }

    /// The opposite polarity (neutral stays neutral).
    pub fn mirrored(self) -> Self {
        match self {
            Polarity::HigherIsBetter => Polarity::LowerIsBetter,
            Polarity::LowerIsBetter => Polarity::HigherIsBetter,
            Polarity::Neutral => Polarity::Neutral,
        }
    }

    /// +1 when a rise is good, -1 when a fall is good, 0 when neither.
    pub fn sign(self) -> f64 {
        match self {
            Polarity::HigherIsBetter => 1.0,
            Polarity::LowerIsBetter => -1.0,
            Polarity::Neutral => 0.0,
        }
    }
}

/// What a measure's counts are of, which decides whether disclosure control applies to them
/// (docs/disclosure.md). Counts of people (children, young people, families: the default, the
/// safe choice) are personal data and are controlled; counts of events (meetings held, audits
/// completed, contacts) and of services (places, agreements, settings) are not, and are
/// published as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Counts {
    /// People: disclosure control applies.
    #[default]
    People,
    /// Events, such as meetings held or audits completed: not personal data.
    Events,
    /// Services, such as places, agreements or settings: not personal data.
    Services,
}

crate::json::serialize_as!(Counts, name);

impl Counts {
    /// Reads what a measure counts as written in the definition.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "people" => Some(Counts::People),
            "events" => Some(Counts::Events),
            "services" => Some(Counts::Services),
            _ => None,
        }
    }

    /// The name in the definition and the JSON report.
    pub fn name(self) -> &'static str {
        match self {
            Counts::People => "people",
            Counts::Events => "events",
            Counts::Services => "services",
        }
    }

    /// Whether its figures can identify a person, and so come under disclosure control.
    pub fn personal(self) -> bool {
        self == Counts::People
    }
}

/// How often a measure is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Frequency {
    /// Every month.
    Monthly,
    /// Every quarter.
    Quarterly,
    /// Every school term.
    Termly,
    /// Every calendar year.
    Annual,
    /// Every academic year.
    AcademicYear,
    /// Every financial year.
    FinancialYear,
    /// No fixed frequency.
    Adhoc,
}

crate::json::serialize_as!(Frequency, name);

impl Frequency {
    /// The name in the definition and the JSON report.
    pub fn name(self) -> &'static str {
        match self {
            Frequency::Monthly => "monthly",
            Frequency::Quarterly => "quarterly",
            Frequency::Termly => "termly",
            Frequency::Annual => "annual",
            Frequency::AcademicYear => "academic_year",
            Frequency::FinancialYear => "financial_year",
            Frequency::Adhoc => "adhoc",
        }
    }

    /// The kind of period a figure of this frequency covers; `None` for ad hoc figures, which
    /// may be of any kind.
    pub fn period_kind(self) -> Option<crate::model::period::PeriodKind> {
        use crate::model::period::PeriodKind;
        match self {
            Frequency::Monthly => Some(PeriodKind::Month),
            Frequency::Quarterly => Some(PeriodKind::Quarter),
            Frequency::Termly => Some(PeriodKind::Term),
            Frequency::Annual => Some(PeriodKind::Year),
            Frequency::AcademicYear => Some(PeriodKind::AcademicYear),
            Frequency::FinancialYear => Some(PeriodKind::FinancialYear),
            Frequency::Adhoc => None,
        }
    }

    /// Reads a frequency as written in the definition.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "monthly" => Some(Frequency::Monthly),
            "quarterly" => Some(Frequency::Quarterly),
            "termly" => Some(Frequency::Termly),
            "annual" => Some(Frequency::Annual),
            "academic_year" => Some(Frequency::AcademicYear),
            "financial_year" => Some(Frequency::FinancialYear),
            "adhoc" => Some(Frequency::Adhoc),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_parse_and_scale() {
        assert_eq!(
            Unit::parse("percentage", None).unwrap().scale(),
            Some(100.0)
        );
        let rate = Unit::parse("rate", Some(10_000)).unwrap();
        assert_eq!(rate.scale(), Some(10_000.0));
        assert!(Unit::parse("rate", None)
            .unwrap_err()
            .contains("needs `per`"));
        assert!(Unit::parse("rate", Some(0)).is_err());
        assert!(Unit::parse("count", Some(10))
            .unwrap_err()
            .contains("only to unit"));
        assert!(Unit::parse("furlongs", None)
            .unwrap_err()
            .contains("unknown unit"));
        assert_eq!(Unit::Count.scale(), None);
    }

    #[test]
    fn polarity_mirrors() {
        assert_eq!(Polarity::HigherIsBetter.mirrored(), Polarity::LowerIsBetter);
        assert_eq!(Polarity::Neutral.mirrored(), Polarity::Neutral);
    }
}
