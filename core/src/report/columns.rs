//! Batch scores as columns: one vector per figure, one entry per series, so that a front end
//! hands each column to Arrow (or a typed array) whole. [`SeriesScore`] is one series' row of
//! them, for code that wants a series at a time. Both are written out by one macro so that a
//! figure cannot be in one and missing from the other.

use std::ops::Range;

use crate::model::period::Period;
use crate::model::status::Status;
use crate::model::target::Comparison;
use crate::stats::spc::{Assurance, VariationIcon};

/// The quartile bands' names in code order (columnar output): A, the best quarter, is 0.
pub const BANDS: [&str; 4] = ["A", "B", "C", "D"];

/// A band's code, its index in [`BANDS`].
pub fn band_code(band: char) -> Option<u8> {
    BANDS
        .iter()
        .position(|b| b.chars().eq(std::iter::once(band)))
        .map(|k| k as u8)
}

impl SeriesColumns {
    /// The status column as codes ([`Status::code`]; names in [`Status::ALL`]).
    pub fn status_codes(&self) -> Vec<Option<u8>> {
        self.status.iter().map(|s| Some(s.code())).collect()
    }

    /// The comparison column as codes ([`Comparison::code`]; names in [`Comparison::BY_CODE`]).
    pub fn comparison_codes(&self) -> Vec<Option<u8>> {
        self.comparison
            .iter()
            .map(|c| c.map(Comparison::code))
            .collect()
    }

    /// The variation icon column as codes (places in [`VariationIcon::ALL`]).
    pub fn variation_icon_codes(&self) -> Vec<Option<u8>> {
        self.variation_icon
            .iter()
            .map(|v| v.and_then(|v| VariationIcon::ALL.iter().position(|&x| x == v)))
            .map(|i| i.and_then(|i| u8::try_from(i).ok()))
            .collect()
    }

    /// The assurance icon column as codes (places in [`Assurance::ALL`]).
    pub fn assurance_codes(&self) -> Vec<Option<u8>> {
        self.assurance
            .iter()
            .map(|a| a.and_then(|a| Assurance::ALL.iter().position(|&x| x == a)))
            .map(|i| i.and_then(|i| u8::try_from(i).ok()))
            .collect()
    }

    /// The band column as codes ([`band_code`]; names in [`BANDS`]).
    pub fn band_codes(&self) -> Vec<Option<u8>> {
        self.band.iter().map(|b| b.and_then(band_code)).collect()
    }
}

macro_rules! series_columns {
    ($($(#[$doc:meta])* $name:ident: $ty:ty,)*) => {
        /// One series' scores, in full precision (the report rounds them to 6 decimal places).
        #[derive(Debug, Clone, PartialEq)]
        pub struct SeriesScore {
            $($(#[$doc])* pub $name: $ty,)*
        }

        /// Every series' scores in input order, a column per figure.
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct SeriesColumns {
            $($(#[$doc])* pub $name: Vec<$ty>,)*
        }

        impl SeriesColumns {
            pub(crate) fn with_capacity(n: usize) -> Self {
                SeriesColumns { $($name: Vec::with_capacity(n),)* }
            }

            pub(crate) fn push(&mut self, s: SeriesScore) {
                $(self.$name.push(s.$name);)*
            }

            #[cfg_attr(not(feature = "parallel"), allow(dead_code))]
            pub(crate) fn append(&mut self, mut other: SeriesColumns) {
                $(self.$name.append(&mut other.$name);)*
            }

            /// Series `i`'s scores as one row.
            pub fn get(&self, i: usize) -> Option<SeriesScore> {
                Some(SeriesScore { $($name: self.$name.get(i)?.clone(),)* })
            }
        }
    };
}

series_columns! {
    /// The area, as given.
    area: u32,
    /// The measure's code ([`crate::scoring::batch::Plan::code`]).
    measure: u32,
    /// The series' input rows.
    rows: Range<usize>,
    /// The latest period on or before the reporting period (an index into `Rows::periods`).
    period: Option<u32>,
    /// The latest figure.
    value: Option<f64>,
    /// The baseline's period.
    baseline_period: Option<Period>,
    /// The baseline figure.
    baseline: Option<f64>,
    /// The target, resolved.
    target: Option<f64>,
    /// How the figure is judged against the target.
    comparison: Option<Comparison>,
    /// The figure judged against the target: the value, or for a gap target its gap to the
    /// comparator.
    judged: Option<f64>,
    /// Where the figure should be by now on the trajectory.
    expected: Option<f64>,
    /// Progress from baseline to target, in percent.
    progress_pct: Option<f64>,
    /// The status.
    status: Status,
    /// The SPC centre line (the last group's).
    spc_mean: Option<f64>,
    /// The lower SPC limit.
    spc_lower: Option<f64>,
    /// The upper SPC limit.
    spc_upper: Option<f64>,
    /// The Making Data Count variation icon of the latest figure with SPC.
    variation_icon: Option<VariationIcon>,
    /// The assurance icon: the target against the last limits (a target on the value, limits,
    /// and a direction).
    assurance: Option<Assurance>,
    /// How many figures the forecast line was fitted to.
    forecast_points: Option<usize>,
    /// The forecast line's slope, per year.
    slope_per_year: Option<f64>,
    /// The forecast at the target's due date.
    at_due: Option<f64>,
    /// Whether the forecast at the due date meets the target (as the report judges it: on the
    /// forecast rounded to 6 decimal places).
    reachable: Option<bool>,
    /// Where the figures up to the baseline pointed, at the latest figure's period.
    baseline_forecast: Option<f64>,
    /// Whether the latest figure is better than that.
    turned: Option<bool>,
    /// The period of the figure benchmarked among every area's (an index into `Rows::periods`).
    benchmark_period: Option<u32>,
    /// The figure benchmarked.
    benchmark_value: Option<f64>,
    /// The lower quartile boundary.
    q1: Option<f64>,
    /// The median.
    median: Option<f64>,
    /// The upper quartile boundary.
    q3: Option<f64>,
    /// Quartile band, A the best quarter (none for a neutral measure).
    band: Option<char>,
    /// 1 the best; ties share the lowest rank.
    rank: Option<usize>,
    /// How many areas have a figure for the benchmark period.
    areas: Option<usize>,
}

impl SeriesColumns {
    /// How many series.
    pub fn len(&self) -> usize {
        self.area.len()
    }

    /// Whether there are no series.
    pub fn is_empty(&self) -> bool {
        self.area.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_index_their_name_lists() {
        assert_eq!(band_code('A'), Some(0));
        assert_eq!(band_code('D'), Some(3));
        assert_eq!(band_code('E'), None);
        let c = SeriesColumns {
            status: vec![Status::OffTrack],
            comparison: vec![Some(Comparison::AtMost)],
            band: vec![Some('C')],
            ..SeriesColumns::default()
        };
        assert_eq!(c.status_codes(), [Some(3)]);
        assert_eq!(Status::ALL[3], Status::OffTrack);
        assert_eq!(c.comparison_codes(), [Some(1)]);
        assert_eq!(Comparison::BY_CODE[1], Comparison::AtMost);
        assert_eq!(c.band_codes(), [Some(2)]);
    }
}
