//! Settings: SPC options, disclosure control, a measure's own SPC settings.

use crate::model::period::Period;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
/// SPC options: Making Data Count's rules, as NHSRplotthedots computes them.
pub struct SpcOptions {
    /// Drop moving ranges >= 3.267 x the mean moving range before computing limits.
    pub screen_outliers: bool,
    /// Compute each group's limits from its first n points only.
    pub fix_after: Option<usize>,
    /// Points in a trend (7 in Making Data Count).
    pub trend_length: usize,
    /// Points in a run on one side of the mean (7 in Making Data Count).
    pub shift_length: usize,
}

impl Default for SpcOptions {
    fn default() -> Self {
        SpcOptions {
            screen_outliers: true,
            fix_after: None,
            trend_length: 7,
            shift_length: 7,
        }
    }
}

impl SpcOptions {
    /// The one rule for `fix_after`, wherever it is given (a definition, `spc_table`,
    /// `spcColumns`): limits fixed after fewer than 2 points would have no moving range.
    pub fn check_fix_after(fix_after: Option<usize>) -> Result<(), &'static str> {
        match fix_after {
            Some(n) if n < 2 => Err("must be at least 2: limits need a moving range"),
            _ => Ok(()),
        }
    }

    /// Making Data Count's Excel tool: no outlier screening.
    pub fn mdc_excel() -> Self {
        SpcOptions {
            screen_outliers: false,
            ..SpcOptions::default()
        }
    }
}

/// Disclosure control of what is published (disclosure.rs): counts from 1 to threshold - 1 are
/// suppressed (0 turns suppression off), and counts may be rounded to a base.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Disclosure {
    /// Counts from 1 to threshold - 1 are suppressed (0 turns suppression off).
    pub threshold: u32,
    /// Counts are rounded to this base (for example 5) when set.
    pub round_to: Option<u32>,
}

impl Default for Disclosure {
    fn default() -> Self {
        Disclosure {
            threshold: 5,
            round_to: None,
        }
    }
}

/// Which control chart a measure's SPC draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ChartKind {
    /// Individuals and moving range (Making Data Count's default).
    #[default]
    Xmr,
    /// Laney's p' chart: a percentage from numerators and denominators, limits that vary with
    /// each denominator, widened by the variation between periods.
    PPrime,
    /// Laney's u' chart: a rate from counts and denominators (exposure), likewise.
    UPrime,
    /// The c chart: counts of events in equal areas of opportunity (Poisson).
    C,
    /// The g chart: the number of days (or cases, or opportunities) between rare events
    /// (geometric); its centre line is the median.
    G,
    /// The t chart: the time between rare events, on Nelson's transform (t^(1/3.6)) to an
    /// individuals chart and back.
    T,
}

impl ChartKind {
    /// Every chart, in order.
    pub const ALL: [ChartKind; 6] = [
        ChartKind::Xmr,
        ChartKind::PPrime,
        ChartKind::UPrime,
        ChartKind::C,
        ChartKind::G,
        ChartKind::T,
    ];

    /// Its name in the definition and the JSON: `p_prime`.
    pub fn key(self) -> &'static str {
        match self {
            ChartKind::Xmr => "xmr",
            ChartKind::PPrime => "p_prime",
            ChartKind::UPrime => "u_prime",
            ChartKind::C => "c",
            ChartKind::G => "g",
            ChartKind::T => "t",
        }
    }

    /// Reads a chart by its name.
    pub fn parse(s: &str) -> Option<Self> {
        ChartKind::ALL.into_iter().find(|k| k.key() == s)
    }

    /// Its name for a reader: "p' chart".
    pub fn label(self) -> &'static str {
        match self {
            ChartKind::Xmr => "XmR chart",
            ChartKind::PPrime => "p' chart (Laney)",
            ChartKind::UPrime => "u' chart (Laney)",
            ChartKind::C => "c chart",
            ChartKind::G => "g chart",
            ChartKind::T => "t chart",
        }
    }

    /// What its centre line is, for a label: the g chart's is the median of the figures, the t
    /// chart's the back-transformed mean of the transformed times, the others' the mean.
    pub fn centre_name(self) -> &'static str {
        match self {
            ChartKind::G => "Median",
            ChartKind::T => "Centre",
            _ => "Mean",
        }
    }
}

/// A measure's own SPC settings.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MeasureSpc {
    /// The control chart: XmR unless the definition names another.
    pub chart: ChartKind,
    /// Periods at which the process changed: limits are computed afresh from each.
    pub rebase: Vec<Period>,
    /// Limits from the first n points of each group.
    pub fix_after: Option<usize>,
    /// `false` turns SPC off for this measure.
    pub disabled: bool,
}
