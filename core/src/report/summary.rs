//! Counts by status and RAG, per section and per kind; the action plan's completion; the data
//! development agenda (computed by `scoring::summary`).

use crate::model::kinds::MeasureKind;
use crate::model::status::{Rag, Status};
use serde::Serialize;

/// One count per status, always all of them, in a fixed order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct StatusCounts {
    pub achieved: u32,
    pub on_track: u32,
    pub at_risk: u32,
    pub off_track: u32,
    pub missed: u32,
    pub no_target: u32,
    pub no_data: u32,
    pub suppressed: u32,
    pub to_be_developed: u32,
}

impl StatusCounts {
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
pub struct RagCounts {
    pub green: u32,
    pub amber: u32,
    pub red: u32,
    pub grey: u32,
}

impl RagCounts {
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
pub struct Counts {
    pub measures: u32,
    pub by_status: StatusCounts,
    pub by_rag: RagCounts,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionCounts {
    pub section: String,
    #[serde(flatten)]
    pub counts: Counts,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KindCounts {
    pub kind: MeasureKind,
    #[serde(flatten)]
    pub counts: Counts,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ActionCounts {
    pub total: u32,
    pub completed: u32,
    pub in_progress: u32,
    pub not_started: u32,
    pub withdrawn: u32,
    /// Not completed and due before the end of the reporting period.
    pub overdue: u32,
    /// completed / (total - withdrawn) x 100; `None` with no live actions.
    pub percent_complete: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgendaItem {
    pub id: String,
    pub name: String,
    pub section: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    #[serde(flatten)]
    pub all: Counts,
    pub by_section: Vec<SectionCounts>,
    pub by_kind: Vec<KindCounts>,
    pub actions: ActionCounts,
    /// Measures wanted but not yet measurable, never silently dropped.
    pub data_development: Vec<AgendaItem>,
}
