//! Statuses, RAG and the direction of travel (docs/semantics.md section 5).

use crate::model::kinds::Polarity;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
/// A measure's status at the reporting period (docs/semantics.md section 5).
#[non_exhaustive]
pub enum Status {
    /// The target is met.
    Achieved,
    /// On the trajectory to the target.
    OnTrack,
    /// Short of the trajectory, within the tolerance.
    AtRisk,
    /// Short of the trajectory, beyond the tolerance.
    OffTrack,
    /// The due date has come and the target is not met.
    Missed,
    /// No target, or one that cannot be resolved.
    NoTarget,
    /// No figure for the reporting period.
    NoData,
    /// The figure is withheld (small numbers).
    Suppressed,
    /// On the data development agenda.
    ToBeDeveloped,
}

crate::json::serialize_as!(Status, key);

impl Status {
    /// Every status, in the order of [`Status::code`]: the code order of columnar output (Arrow
    /// dictionaries, typed arrays), best first.
    pub const ALL: [Status; 9] = [
        Status::Achieved,
        Status::OnTrack,
        Status::AtRisk,
        Status::OffTrack,
        Status::Missed,
        Status::NoTarget,
        Status::NoData,
        Status::Suppressed,
        Status::ToBeDeveloped,
    ];

    /// The status's index in [`Status::ALL`], its code in columnar output.
    pub fn code(self) -> u8 {
        match self {
            Status::Achieved => 0,
            Status::OnTrack => 1,
            Status::AtRisk => 2,
            Status::OffTrack => 3,
            Status::Missed => 4,
            Status::NoTarget => 5,
            Status::NoData => 6,
            Status::Suppressed => 7,
            Status::ToBeDeveloped => 8,
        }
    }

    /// The name in the JSON report (`on_track`).
    pub fn key(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::OnTrack => "on_track",
            Status::AtRisk => "at_risk",
            Status::OffTrack => "off_track",
            Status::Missed => "missed",
            Status::NoTarget => "no_target",
            Status::NoData => "no_data",
            Status::Suppressed => "suppressed",
            Status::ToBeDeveloped => "to_be_developed",
        }
    }

    /// The text label: a status is never shown by colour alone.
    pub fn label(self) -> &'static str {
        match self {
            Status::Achieved => "Achieved",
            Status::OnTrack => "On track",
            Status::AtRisk => "At risk",
            Status::OffTrack => "Off track",
            Status::Missed => "Missed",
            Status::NoTarget => "No target",
            Status::NoData => "No data",
            Status::Suppressed => "Suppressed",
            Status::ToBeDeveloped => "To be developed",
        }
    }

    /// The RAG rating.
    pub fn rag(self) -> Rag {
        match self {
            Status::Achieved | Status::OnTrack => Rag::Green,
            Status::AtRisk => Rag::Amber,
            Status::OffTrack | Status::Missed => Rag::Red,
            _ => Rag::Grey,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
/// Red, amber, green (and grey for no judgement).
pub enum Rag {
    /// Achieved or on track.
    Green,
    /// At risk.
    Amber,
    /// Off track or missed.
    Red,
    /// No judgement.
    Grey,
}

crate::json::serialize_as!(Rag, key);

impl Rag {
    /// The name in the JSON report and the CSV's `rag` column (`amber`).
    pub fn key(self) -> &'static str {
        match self {
            Rag::Green => "green",
            Rag::Amber => "amber",
            Rag::Red => "red",
            Rag::Grey => "grey",
        }
    }
}

/// Direction of travel against the previous period. Neutral measures move `higher` or `lower`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Direction {
    /// Better than the previous figure.
    Improving,
    /// Worse than the previous figure.
    Worsening,
    /// The same.
    NoChange,
    /// Higher (a neutral measure).
    Higher,
    /// Lower (a neutral measure).
    Lower,
    /// Not known: no two consecutive figures.
    Unknown,
}

impl Direction {
    /// From `previous` to `current`, polarity-aware.
    pub fn between(previous: f64, current: f64, polarity: Polarity) -> Self {
        let eps = 1e-9 * previous.abs().max(current.abs()).max(1.0);
        let d = current - previous;
        if d.abs() <= eps {
            return Direction::NoChange;
        }
        match polarity {
            Polarity::Neutral if d > 0.0 => Direction::Higher,
            Polarity::Neutral => Direction::Lower,
            p if d * p.sign() > 0.0 => Direction::Improving,
            _ => Direction::Worsening,
        }
    }

    /// The label in reports.
    pub fn label(self) -> &'static str {
        match self {
            Direction::Improving => "improving",
            Direction::Worsening => "worsening",
            Direction::NoChange => "no change",
            Direction::Higher => "higher",
            Direction::Lower => "lower",
            Direction::Unknown => "unknown",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_index_the_list() {
        for (i, s) in Status::ALL.into_iter().enumerate() {
            assert_eq!(usize::from(s.code()), i);
        }
    }

    #[test]
    fn keys_are_the_json_names() {
        for s in Status::ALL {
            assert_eq!(serde_json::to_value(s).unwrap(), s.key());
        }
    }

    #[test]
    fn directions() {
        assert_eq!(
            Direction::between(32.0, 25.0, Polarity::LowerIsBetter),
            Direction::Improving
        );
        assert_eq!(
            Direction::between(32.0, 25.0, Polarity::HigherIsBetter),
            Direction::Worsening
        );
        assert_eq!(
            Direction::between(3.0, 3.0, Polarity::HigherIsBetter),
            Direction::NoChange
        );
        assert_eq!(
            Direction::between(3.0, 4.0, Polarity::Neutral),
            Direction::Higher
        );
    }
}
