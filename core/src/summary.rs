//! Counts by status and RAG, per section and per kind; the action plan's completion; the data
//! development agenda.

use crate::action::ActionStatus;
use crate::measure::MeasureKind;
use crate::report::{ActionResult, MeasureResult};
use crate::status::{Rag, Status};
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

impl Counts {
    fn add(&mut self, m: &MeasureResult) {
        self.measures += 1;
        self.by_status.add(m.status);
        self.by_rag.add(m.rag);
    }
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

/// Summarises scored measures (in section order) and actions.
pub fn summarise(
    sections: &[String],
    measures: &[MeasureResult],
    actions: &[ActionResult],
) -> Summary {
    let mut all = Counts::default();
    let mut by_section: Vec<SectionCounts> = sections
        .iter()
        .map(|s| SectionCounts {
            section: s.clone(),
            counts: Counts::default(),
        })
        .collect();
    let mut by_kind: Vec<KindCounts> = MeasureKind::ALL
        .iter()
        .map(|&kind| KindCounts {
            kind,
            counts: Counts::default(),
        })
        .collect();
    for m in measures {
        all.add(m);
        if let Some(s) = by_section.iter_mut().find(|s| s.section == m.section) {
            s.counts.add(m);
        }
        if let Some(k) = by_kind.iter_mut().find(|k| k.kind == m.kind) {
            k.counts.add(m);
        }
    }
    by_kind.retain(|k| k.counts.measures > 0);
    let data_development = measures
        .iter()
        .filter(|m| m.to_be_developed)
        .map(|m| AgendaItem {
            id: m.id.clone(),
            name: m.name.clone(),
            section: m.section.clone(),
        })
        .collect();
    Summary {
        all,
        by_section,
        by_kind,
        actions: count_actions(actions),
        data_development,
    }
}

fn count_actions(actions: &[ActionResult]) -> ActionCounts {
    let mut c = ActionCounts::default();
    for a in actions {
        c.total += 1;
        match a.action.status {
            ActionStatus::Completed => c.completed += 1,
            ActionStatus::InProgress => c.in_progress += 1,
            ActionStatus::NotStarted => c.not_started += 1,
            ActionStatus::Withdrawn => c.withdrawn += 1,
        }
        c.overdue += u32::from(a.overdue);
    }
    let live = c.total - c.withdrawn;
    c.percent_complete = (live > 0)
        .then(|| f64::from(c.completed) / f64::from(live) * 100.0)
        .and_then(crate::report::r6);
    c
}
