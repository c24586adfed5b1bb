//! Counts by status and RAG, per section and per kind; the action plan's completion; the data
//! development agenda.

use crate::model::action::ActionStatus;
use crate::model::kinds::MeasureKind;
use crate::report::{ActionCounts, AgendaItem, Counts, KindCounts, SectionCounts, Summary};
use crate::report::{ActionResult, MeasureResult};

/// Summarises scored measures (in section order) and actions. `sections` are (id, parent):
/// a section's counts roll up its own measures and those of the sections inside it.
pub fn summarise(
    sections: &[(String, Option<String>)],
    measures: &[MeasureResult],
    actions: &[ActionResult],
) -> Summary {
    let mut all = Counts::default();
    let mut by_section: Vec<SectionCounts> = sections
        .iter()
        .map(|(s, _)| SectionCounts {
            section: s.clone(),
            counts: Counts::default(),
        })
        .collect();
    let parent_of: crate::keyed::Keyed<&str, &str> = sections
        .iter()
        .filter_map(|(s, p)| Some((s.as_str(), p.as_deref()?)))
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
        let parent = parent_of.get(m.section.as_str()).copied();
        for s in by_section
            .iter_mut()
            .filter(|s| s.section == m.section || Some(s.section.as_str()) == parent)
        {
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
        spc: crate::report::matrix::spc_matrix(measures),
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
        .and_then(crate::num::r6);
    c
}

impl Counts {
    fn add(&mut self, m: &MeasureResult) {
        self.measures += 1;
        self.by_status.add(m.status);
        self.by_rag.add(m.rag);
    }
}
