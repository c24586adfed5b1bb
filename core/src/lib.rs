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

pub mod action;
pub mod analysis;
pub mod baseline;
pub mod batch;
pub mod benchmark;
pub mod comparator;
pub mod definition;
pub mod disclosure;
pub mod encoding;
pub mod error;
pub mod forecast;
pub mod interval;
pub mod measure;
pub mod observation;
pub mod period;
pub mod projection;
pub mod render;
pub mod report;
pub mod score;
pub mod scorecard;
pub mod spc;
pub mod status;
pub mod summary;
mod table;
pub mod target;

pub use error::{Error, ErrorKind, Errors, Location};
pub use period::Period;
pub use report::Report;
pub use scorecard::{borrow_file, Limits, Scorecard, Sources};
pub use status::{Rag, Status};
pub use table::Records;

impl Scorecard {
    /// Scores the scorecard as at `as_of` (default: the latest period with an observation),
    /// with disclosure control applied to what is published.
    pub fn score(&self, as_of: Option<Period>) -> Result<Report, Errors> {
        self.score_with(as_of, true)
    }

    /// As [`Scorecard::score`]; `disclosure_control: false` publishes every true figure (for
    /// internal use; the report says so).
    pub fn score_with(
        &self,
        as_of: Option<Period>,
        disclosure_control: bool,
    ) -> Result<Report, Errors> {
        self.score_with_progress(as_of, disclosure_control, &mut |_, _| {})
    }

    /// As [`Scorecard::score_with`], calling `progress(done, total)` as measures are scored.
    pub fn score_with_progress(
        &self,
        as_of: Option<Period>,
        disclosure_control: bool,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Report, Errors> {
        let mut report = score::score_with_progress(self, as_of, progress)?;
        disclosure::apply(&mut report, self, disclosure_control);
        Ok(report)
    }
}
