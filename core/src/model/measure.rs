//! One measure on the scorecard.

use crate::model::baseline::Baseline;
use crate::model::kinds::{Counts, Frequency, MeasureKind, Polarity, Unit};
use crate::model::target::Target;

/// One measure on the scorecard.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Measure {
    /// The measure's id, unique in the scorecard.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Which RBA question it answers.
    pub kind: MeasureKind,
    /// Its unit.
    pub unit: Unit,
    /// Which way is better.
    pub polarity: Polarity,
    /// How often it is reported.
    pub frequency: Option<Frequency>,
    /// Where its figures come from.
    pub source: Option<String>,
    /// Who owns it.
    pub owner: Option<String>,
    /// Dimensions the data may be broken down by (for example `age_group`).
    pub breakdowns: Vec<String>,
    /// On the data development agenda: wanted, not yet measurable.
    pub to_be_developed: bool,
    /// How its baseline is chosen.
    pub baseline: Option<Baseline>,
    /// Its target.
    pub target: Option<Target>,
    /// The plan's own words for the target.
    pub wording: Option<String>,
    /// The measure's own SPC settings.
    pub spc: crate::model::options::MeasureSpc,
    /// Disclosure rules for this measure, when they differ from the scorecard's.
    pub disclosure: Option<crate::model::options::Disclosure>,
    /// Notes shown with the measure.
    pub notes: Vec<String>,
    /// Whether its report shows a confidence interval: `None` follows the scorecard's default
    /// (`[analysis] intervals`), which a plain count (a census, such as 1,568 EHC plans) does
    /// not take unless asked.
    pub interval: Option<bool>,
    /// What its counts are of: people (the default) come under disclosure control; events and
    /// services do not.
    pub counts: Counts,
    /// The decimal places its figures are shown to (DfE's `dps`), when the definition says;
    /// otherwise the precision its data and targets were given to, and at least the unit's.
    pub decimals: Option<u8>,
    /// The window of its headline figures, when not the period itself ("rolling 12
    /// months"): the series its status, trend and SPC are worked on, and the window its
    /// figures take when a row does not say.
    pub window: Option<crate::model::window::WindowSpec>,
    /// Its turn-the-curve record: the story behind the curve, partners, what works, actions.
    pub turn_the_curve: crate::model::story::TurnTheCurve,
    /// Where its figures come from in a published table, when they do.
    pub from: Option<MeasureFrom>,
    /// 1-based line of the measure's definition, for error messages.
    pub line: Option<usize>,
}

/// Where a measure's figures come from in a published table (`from` in the definition).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct MeasureFrom {
    /// The id of the table in `[[tables]]`.
    pub table: String,
    /// The indicator: an EES indicator column, or a Fingertips indicator id.
    pub indicator: String,
    /// Filter column and value pairs the rows must have (EES filters; Fingertips `Sex`,
    /// `Age`, `Category Type`, `Category`), in the order given.
    pub filters: Vec<(String, String)>,
}
