//! Counts by status and RAG, per section and per kind; the action plan's completion; the data
//! development agenda (computed by `scoring::summary`).

use crate::model::kinds::MeasureKind;
use crate::model::status::{Rag, Status};
use serde::Serialize;

/// One count per status, always all of them, in a fixed order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[non_exhaustive]
pub struct StatusCounts {
    /// Achieved.
    pub achieved: u32,
    /// On track.
    pub on_track: u32,
    /// At risk.
    pub at_risk: u32,
    /// Off track.
    pub off_track: u32,
    /// Missed.
    pub missed: u32,
    /// No target.
    pub no_target: u32,
    /// No data.
    pub no_data: u32,
    /// Suppressed.
    pub suppressed: u32,
    /// To be developed.
    pub to_be_developed: u32,
}

impl StatusCounts {
    /// Counts one more of status `s`.
    pub fn add(&mut self, s: Status) {
        let slot = match s {
            Status::Achieved => &mut self.achieved,
            Status::OnTrack => &mut self.on_track,
            Status::AtRisk => &mut self.at_risk,
            Status::OffTrack => &mut self.off_track,
            Status::Missed => &mut self.missed,
            Status::NoTarget => &mut self.no_target,
            Status::NoData => &mut self.no_data,
            Status::Suppressed => &mut self.suppressed,
            Status::ToBeDeveloped => &mut self.to_be_developed,
        };
        *slot += 1;
    }

    /// The count of status `s`.
    pub fn get(&self, s: Status) -> u32 {
        match s {
            Status::Achieved => self.achieved,
            Status::OnTrack => self.on_track,
            Status::AtRisk => self.at_risk,
            Status::OffTrack => self.off_track,
            Status::Missed => self.missed,
            Status::NoTarget => self.no_target,
            Status::NoData => self.no_data,
            Status::Suppressed => self.suppressed,
            Status::ToBeDeveloped => self.to_be_developed,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
/// One count per RAG rating.
#[non_exhaustive]
pub struct RagCounts {
    /// Green.
    pub green: u32,
    /// Amber.
    pub amber: u32,
    /// Red.
    pub red: u32,
    /// Grey.
    pub grey: u32,
}

impl RagCounts {
    /// Counts one more of rating `r`.
    pub fn add(&mut self, r: Rag) {
        match r {
            Rag::Green => self.green += 1,
            Rag::Amber => self.amber += 1,
            Rag::Red => self.red += 1,
            Rag::Grey => self.grey += 1,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
/// Measures counted by status and by RAG.
#[non_exhaustive]
pub struct Counts {
    /// How many measures.
    pub measures: u32,
    /// By status.
    pub by_status: StatusCounts,
    /// By RAG.
    pub by_rag: RagCounts,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
/// One section's counts.
#[non_exhaustive]
pub struct SectionCounts {
    /// The section id.
    pub section: String,
    #[serde(flatten)]
    /// Its counts.
    pub counts: Counts,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
/// One kind's counts.
#[non_exhaustive]
pub struct KindCounts {
    /// The kind.
    pub kind: MeasureKind,
    #[serde(flatten)]
    /// Its counts.
    pub counts: Counts,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
/// The action plan's completion at the reporting period.
#[non_exhaustive]
pub struct ActionCounts {
    /// Every action.
    pub total: u32,
    /// Completed.
    pub completed: u32,
    /// In progress.
    pub in_progress: u32,
    /// Not started.
    pub not_started: u32,
    /// Withdrawn (dropped or merged at a review).
    pub withdrawn: u32,
    /// Not completed and due before the end of the reporting period.
    pub overdue: u32,
    /// completed / (total - withdrawn) x 100; `None` with no live actions.
    pub percent_complete: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
/// A measure on the data development agenda.
#[non_exhaustive]
pub struct AgendaItem {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its section.
    pub section: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
/// Counts overall, per section and per kind, the actions, and the data development agenda.
#[non_exhaustive]
pub struct Summary {
    #[serde(flatten)]
    /// Every measure.
    pub all: Counts,
    /// Per section, in order.
    pub by_section: Vec<SectionCounts>,
    /// Per kind, in the questions' order.
    pub by_kind: Vec<KindCounts>,
    /// The actions.
    pub actions: ActionCounts,
    /// Measures wanted but not yet measurable, never silently dropped.
    pub data_development: Vec<AgendaItem>,
    /// The SPC summary matrix: every measure with SPC, concern first
    /// ([`crate::report::matrix::spc_matrix`]).
    pub spc: Vec<crate::report::matrix::SpcRow>,
}
