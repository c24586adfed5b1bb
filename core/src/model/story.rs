//! The turn-the-curve record of a measure (Friedman's questions after "how are we doing?"):
//! the story behind the curve, the partners with a role to play, what works, the proposed
//! actions and the data development needs; and the quarter-by-quarter commentary
//! (`commentary.csv`).

use crate::error::Location;
use crate::model::period::Period;
use serde::Serialize;

/// A measure's turn-the-curve record, as the definition gives it
/// (`[sections.measures.turn_the_curve]`).
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct TurnTheCurve {
    /// The story behind the curve: the causes and forces at work.
    pub story: Option<String>,
    /// Partners with a role to play in turning the curve.
    pub partners: Vec<String>,
    /// What works to turn the curve, each with its evidence when given.
    pub what_works: Vec<WhatWorks>,
    /// The proposed actions: ids of `actions.csv` rows, whose status, lead and due date the
    /// report shows beside them.
    pub actions: Vec<String>,
    /// What data the partnership needs and does not yet have.
    pub data_development: Option<String>,
    /// Where the words come from ("The WSoA's own words, area 2"), shown with them.
    pub source: Option<String>,
}

impl TurnTheCurve {
    /// Whether it says anything.
    pub fn is_empty(&self) -> bool {
        self.story.is_none()
            && self.partners.is_empty()
            && self.what_works.is_empty()
            && self.actions.is_empty()
            && self.data_development.is_none()
    }

    /// The prompt question of each field, in Friedman's order: what `betteroff init` and the
    /// docs show where a field is empty (never a published report).
    pub const PROMPTS: [(&'static str, &'static str); 5] = [
        (
            "story",
            "What is the story behind the curve: the causes and forces at work?",
        ),
        (
            "partners",
            "Who are the partners with a role to play in turning the curve?",
        ),
        (
            "what_works",
            "What works to turn the curve, and what is the evidence?",
        ),
        ("actions", "What do we propose to do?"),
        ("data_development", "What data do we need and not yet have?"),
    ];
}

/// One thing that works, with its evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct WhatWorks {
    /// What works.
    pub text: String,
    /// The evidence that it does.
    pub evidence: Option<String>,
}

impl WhatWorks {
    /// What works, with its evidence when there is any.
    pub fn new(text: String, evidence: Option<String>) -> Self {
        WhatWorks { text, evidence }
    }
}

/// One row of `commentary.csv`: what a partnership said of a measure for a period.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Commentary {
    /// The measure it is about.
    pub measure: String,
    /// The period it speaks of.
    pub period: Period,
    /// What was said.
    pub text: String,
    /// Who said it.
    pub author: Option<String>,
    /// Where the row came from, for error messages.
    pub source: Location,
}

/// One row of `annotations.csv`: a dated event that explains a change in a measure's series
/// (an inspection, a new service, a lockdown), drawn on its charts as a numbered marker.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Annotation {
    /// The measure it is about.
    pub measure: String,
    /// When it happened.
    pub period: Period,
    /// What happened.
    pub text: String,
    /// Where the row came from, for error messages.
    pub source: Location,
}
