//! Scoring: the scorecard path (`score`, `analysis`, `summary`, `disclosure`) and the columnar
//! batch path (`batch`), both built on `rules`.

pub mod analysis;
pub mod batch;
pub mod disclosure;
pub mod score;
pub mod summary;
pub mod warnings;

use crate::error::Errors;
use crate::input::scorecard::Scorecard;
use crate::model::period::Period;
use crate::report::Report;

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
        // The true data are checked; a published report is then scored from the published view,
        // so that nothing it derives can carry a withheld figure (disclosure.rs).
        self.validate().into_result()?;
        if disclosure_control {
            let view = disclosure::view(self);
            let mut report = score::score_with_progress(&view.card, as_of, progress)?;
            disclosure::annotate(&mut report, self, Some(&view));
            Ok(report)
        } else {
            let mut report = score::score_with_progress(self, as_of, progress)?;
            disclosure::annotate(&mut report, self, None);
            Ok(report)
        }
    }
}
