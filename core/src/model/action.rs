//! The plan behind the measures: actions with owners and dates, and risks.

use crate::error::Location;
use crate::model::period::Period;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
/// An action's status.
#[non_exhaustive]
pub enum ActionStatus {
    /// Not started.
    NotStarted,
    /// In progress.
    InProgress,
    /// Completed.
    Completed,
    /// Dropped or merged into another action at a review; not counted in % complete.
    Withdrawn,
}

impl ActionStatus {
    /// Reads a status as written in `actions.csv` (`not_started`, `in progress`, ...).
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "not_started" => Some(ActionStatus::NotStarted),
            "in_progress" => Some(ActionStatus::InProgress),
            "completed" => Some(ActionStatus::Completed),
            "withdrawn" => Some(ActionStatus::Withdrawn),
            _ => None,
        }
    }

    /// The status as a reader says it ("In progress").
    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::Completed => "Completed",
            ActionStatus::InProgress => "In progress",
            ActionStatus::NotStarted => "Not started",
            ActionStatus::Withdrawn => "Withdrawn",
        }
    }
}

/// One action of the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Action {
    /// The action's id, as the plan numbers it.
    pub id: String,
    /// The scorecard section the action serves, when it names one.
    pub section: Option<String>,
    /// The objective it serves.
    pub objective: Option<String>,
    /// What is to be done.
    pub title: String,
    /// The lead officer.
    pub lead: Option<String>,
    /// When it is due.
    pub due: Period,
    /// Its recorded status.
    pub status: ActionStatus,
    /// When it was completed (a completed action may leave this empty).
    pub completed: Option<Period>,
    #[serde(skip)]
    /// Where the row came from, for error messages.
    pub source: Location,
}

impl Action {
    /// The status at `as_of`: an action completed after `as_of` was still in progress then.
    pub fn status_at(&self, as_of: &Period) -> ActionStatus {
        match (self.status, self.completed) {
            (ActionStatus::Completed, Some(done)) if done.end() > as_of.end() => {
                ActionStatus::InProgress
            }
            (s, _) => s,
        }
    }

    /// Overdue: not completed (or withdrawn) at `as_of`, and due before it ended.
    pub fn overdue_at(&self, as_of: &Period) -> bool {
        matches!(
            self.status_at(as_of),
            ActionStatus::NotStarted | ActionStatus::InProgress
        ) && self.due.end() < as_of.end()
    }
}

/// A risk to the plan, scored likelihood x impact on the usual 5 x 5 matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Risk {
    /// The risk's id.
    pub id: String,
    /// What could go wrong.
    pub title: String,
    /// 1 (rare) to 5 (almost certain).
    pub likelihood: u8,
    /// 1 (negligible) to 5 (severe).
    pub impact: u8,
    /// What is done about it.
    pub mitigation: Option<String>,
    /// Who owns it.
    pub owner: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// A risk's band on the 5 x 5 matrix.
pub enum RiskRating {
    /// Score 1 to 3.
    Low,
    /// Score 4 to 6.
    Medium,
    /// Score 8 to 12.
    High,
    /// Score 15 to 25.
    VeryHigh,
}

crate::json::serialize_as!(RiskRating, key);

impl RiskRating {
    /// The name in the JSON report (`very_high`).
    pub fn key(self) -> &'static str {
        match self {
            RiskRating::Low => "low",
            RiskRating::Medium => "medium",
            RiskRating::High => "high",
            RiskRating::VeryHigh => "very_high",
        }
    }

    /// The label every other format shows (`Very high`).
    pub fn label(self) -> &'static str {
        match self {
            RiskRating::Low => "Low",
            RiskRating::Medium => "Medium",
            RiskRating::High => "High",
            RiskRating::VeryHigh => "Very high",
        }
    }
}

impl Risk {
    /// Likelihood x impact.
    pub fn score(&self) -> u8 {
        self.likelihood * self.impact
    }

    /// Bands of the 5 x 5 matrix: 1-3 low, 4-6 medium, 8-12 high, 15-25 very high.
    pub fn rating(&self) -> RiskRating {
        match self.score() {
            0..=3 => RiskRating::Low,
            4..=6 => RiskRating::Medium,
            7..=12 => RiskRating::High,
            _ => RiskRating::VeryHigh,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn risk_bands() {
        let r = |l, i| Risk {
            id: "r".into(),
            title: "t".into(),
            likelihood: l,
            impact: i,
            mitigation: None,
            owner: None,
        };
        assert_eq!(r(1, 3).rating(), RiskRating::Low);
        assert_eq!(r(2, 3).rating(), RiskRating::Medium);
        assert_eq!(r(3, 4).rating(), RiskRating::High);
        assert_eq!(r(5, 3).rating(), RiskRating::VeryHigh);
        assert_eq!(
            serde_json::to_string(&RiskRating::VeryHigh).unwrap(),
            "\"very_high\""
        );
        assert_eq!(RiskRating::VeryHigh.label(), "Very high");
        assert_eq!(r(5, 5).score(), 25);
    }
}
