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

/// A measure's own SPC settings.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MeasureSpc {
    /// Periods at which the process changed: limits are computed afresh from each.
    pub rebase: Vec<Period>,
    /// Limits from the first n points of each group.
    pub fix_after: Option<usize>,
    /// `false` turns SPC off for this measure.
    pub disabled: bool,
}
