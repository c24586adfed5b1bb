//! Warnings: input that is valid but suspicious, which a report must say out loud rather than
//! score quietly (docs/bad-input.md). Each has a code, a message and where it is; the report
//! lists them (`Report::warnings`), every format shows them, and a strict run refuses them
//! (`Report::strict`).

use crate::error::Location;
use crate::input::scorecard::Scorecard;
use crate::model::baseline::Baseline;
use crate::model::measure::Measure;
use crate::model::period::Period;
use crate::report::Warning;

/// Every warning about `m` as at `as_of`, in a fixed order.
pub fn of_measure(card: &Scorecard, m: &Measure, as_of: Period) -> Vec<Warning> {
    let mut out = Vec::new();
    let rows = card.observations_of(&m.id);
    let first = |field: &str| {
        rows.first().map_or_else(
            || Location::file(&card.definition.id),
            |o| o.source.at(field),
        )
    };
    if let Some(note) = card.inferred_note(&m.id) {
        out.push(Warning::new(
            "inferred_frequency",
            &m.id,
            note,
            first("period"),
        ));
    }
    if let Ok(Some(note)) = card.proportions(m) {
        out.push(Warning::new(
            "proportion_values",
            &m.id,
            &note,
            first("value"),
        ));
    }
    // An observed baseline whose period has no figure: the usual sign of periods written
    // another way (a day for a month), or of a baseline dated wrongly.
    if let Some(Baseline::Observed { period }) = &m.baseline {
        let has = card
            .series(&m.id)
            .iter()
            .any(|o| o.period == *period && o.value().is_some());
        let due = period.end() <= as_of.end();
        if !has && due && !m.to_be_developed {
            let message = format!(
                "The baseline period {period} has no figure, so the measure has no baseline, expected value or progress: check how its periods are written (a figure for {period} must be dated {period})."
            );
            out.push(Warning::new(
                "baseline_missing",
                &m.id,
                &message,
                Location::at(&card.definition.id, None, "baseline"),
            ));
        }
    }
    out
}
