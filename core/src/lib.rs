//! betteroff: outcomes-based (results-based) accountability scorecards.
//!
//! Define a scorecard once (sections, measures, baselines, targets), feed it observations,
//! comparators and actions, and score it at any reporting period:
//!
//! ```
//! use betteroff::{Scorecard, Period};
//! let mut card = Scorecard::from_toml(r#"
//! id = "demo"
//! title = "Demo"
//! [[sections]]
//! id = "p2"
//! title = "Assessment"
//! kind = "priority"
//! [[sections.measures]]
//! id = "A3a"
//! name = "Parents/carers dissatisfied with the assessment of their child's needs"
//! kind = "better_off"
//! unit = "percentage"
//! polarity = "lower_is_better"
//! baseline = { period = "2019-04", value = 32 }
//! target = { kind = "relative", change = -50, due = "2020-05" }
//! "#, "scorecard.toml").unwrap();
//! card.add_observations_csv("measure,period,value\nA3a,2019-10,25\n", "observations.csv").unwrap();
//! let report = card.score(Some("2019-10".parse::<Period>().unwrap())).unwrap();
//! let m = &report.measures[0];
//! assert_eq!(m.target.as_ref().unwrap().value, Some(16.0));
//! assert_eq!(m.status_label, "At risk");
//! assert_eq!(m.progress_pct, Some(43.75));
//! ```

#![deny(missing_docs)]

// The layers, bottom up: each uses only those above it in this list (tests/layers.rs checks it;
// docs/ARCHITECTURE.md, "Layers").
mod error;
mod input;
mod json;
mod keyed;
mod model;
mod num;
pub mod render;
pub mod report;
mod rules;
mod scoring;
mod stats;

pub use error::{quoted, Error, ErrorKind, Errors, Location, Quoted, RowSource};
pub use input::encoding::decode_utf8;
pub use input::scorecard::{borrow_file, Limits, Scorecard, Sources, SCORECARD_FILES};
pub use input::table::Records;
pub use model::action::{Action, ActionStatus, Risk, RiskRating};
pub use model::baseline::{Baseline, BaselineSource, ResolvedBaseline};
pub use model::comparator::ComparatorValue;
pub use model::definition::{
    Analysis, BenchmarkPeriod, DataTable, Definition, Section, SectionKind, StatusRules,
    TableFormat,
};
pub use model::kinds::{Counts, Frequency, MeasureKind, Polarity, Unit};
pub use model::measure::{Measure, MeasureFrom};
pub use model::observation::{Bound, Observation, Reading};
pub use model::options::{Disclosure, MeasureSpc};
pub use model::period::{Period, PeriodError, PeriodKind, Term};
pub use model::projection::{ProjectedStep, Projection};
pub use model::status::{Direction, Rag, Status};
pub use model::story::{Commentary, TurnTheCurve, WhatWorks};
pub use model::target::{Basis, Change, Comparison, GapGoal, Milestone, Rule, Target};
pub use model::window::{Window, WindowSpec, YearKind};
pub use report::Report;
pub use stats::interval::{Level, Significance};
pub use stats::projection::project;

/// Scoring many series at once from columns, without an object per observation: SPC alone for
/// any keyed series ([`spc()`](batch::spc)), or the full scoring of every area against every
/// measure of a definition ([`Plan`](batch::Plan)). Both give the scorecard's figures.
pub mod batch {
    pub use crate::input::codes;
    pub use crate::report::columns::{band_code, SeriesColumns, SeriesScore, BANDS};
    pub use crate::report::matrix::{icon_counts, By, IconCounts};
    pub use crate::scoring::batch::{Plan, Rows, Scores};
    #[cfg(feature = "parallel")]
    pub use crate::stats::batch_spc::par_spc;
    pub use crate::stats::batch_spc::{spc, SpcColumns};
}

/// Workbooks (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`) read sheet by sheet into text cells as
/// typed (numbers, dates as ISO 8601), every problem naming its sheet and cell; the scorecard
/// reads its data from them with [`Scorecard::add_workbook`].
#[cfg(feature = "workbook")]
pub mod workbook {
    pub use crate::input::workbook::{is_workbook, open, Sheet, Workbook};
}

/// Statistical process control (Making Data Count, as NHSRplotthedots computes it): the options,
/// the rules, point types and assurance.
pub mod spc {
    pub use crate::model::options::{
        ChartKind, Conflict, LimitWidth, Precedence, Rules, SpcOptions, TrendDirection, TwoInThree,
    };
    pub use crate::stats::spc::{
        centre, xmr, Assurance, Centre, Limits, LimitsKind, PointType, Rule, Spc, SpcPoint,
        VariationIcon,
    };
}
