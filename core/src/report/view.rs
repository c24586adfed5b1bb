//! The board pack's view of a report: its measures in exception order (the ones a board must
//! discuss first), or only those of some statuses. Both change which measures are listed and
//! in what order, never a figure; the summary keeps counting every measure, and the report says
//! what it leaves out.

use crate::error::quoted;
use crate::model::status::Status;
use crate::report::{MeasureResult, Report};
use crate::stats::spc::PointType;

/// The order of a section's measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// As the plan lists them (the definition's order).
    #[default]
    Plan,
    /// Exceptions first: missed, off track, special cause concern, at risk; then the rest, each
    /// group in the plan's order.
    Exceptions,
}

impl Order {
    /// Reads an order as a caller names it (`plan`, `exceptions`).
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "plan" => Some(Order::Plan),
            "exceptions" => Some(Order::Exceptions),
            _ => None,
        }
    }
}

/// Where a measure comes in exception order: 0 missed, 1 off track, 2 special cause concern
/// (whatever its status), 3 at risk, 4 the rest.
pub fn exception_rank(m: &MeasureResult) -> u8 {
    let concern = m
        .spc
        .as_ref()
        .is_some_and(|s| s.variation == PointType::SpecialCauseConcern);
    match m.status {
        Status::Missed => 0,
        Status::OffTrack => 1,
        _ if concern => 2,
        Status::AtRisk => 3,
        _ => 4,
    }
}

/// Reads a list of statuses as a caller writes it: `off_track,at_risk` (names as in the JSON).
pub fn parse_statuses(s: &str) -> Result<Vec<Status>, String> {
    s.split(',')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(|name| {
            Status::ALL
                .into_iter()
                .find(|st| st.key() == name)
                .ok_or_else(|| {
                    let known: Vec<&str> = Status::ALL.iter().map(|s| s.key()).collect();
                    format!(
                        "unknown status {}: expected {}",
                        quoted(&name),
                        known.join(", ")
                    )
                })
        })
        .collect()
}

impl Report {
    /// The report with each section's measures (and the list of every measure) in `order`.
    pub fn ordered(mut self, order: Order) -> Report {
        if order == Order::Plan {
            return self;
        }
        let rank: crate::keyed::Keyed<String, u8> = self
            .measures
            .iter()
            .map(|m| (m.id.clone(), exception_rank(m)))
            .collect();
        let of = |id: &String| rank.get(id).copied().unwrap_or(4);
        for s in &mut self.sections {
            crate::num::sort_by_key(&mut s.measures, of);
        }
        crate::num::sort_by_key(&mut self.measures, exception_rank);
        self.scorecard.notes.push(
            "Measures are listed exceptions first: missed, off track, special cause concern, at risk, then the rest."
                .to_string(),
        );
        self
    }

    /// The report listing only the measures whose status is one of `statuses` (all of them
    /// when it is empty), saying so at the top; the summary still counts every measure.
    pub fn only(self, statuses: &[Status]) -> Report {
        if statuses.is_empty() {
            return self;
        }
        let names: Vec<String> = statuses
            .iter()
            .map(|s| s.label().to_ascii_lowercase())
            .collect();
        self.listing(|m| statuses.contains(&m.status), &names.join(" or "))
    }

    /// The report listing only the measures `ids` names (a dashboard's view, with its filters
    /// described in `which`: "shown in the dashboard: RAG red"), saying so at the top; the
    /// summary still counts every measure. An id the report does not have is left out.
    pub fn only_measures(self, ids: &[String], which: &str) -> Report {
        let ids: crate::keyed::KeyedSet<&str> = ids.iter().map(String::as_str).collect();
        self.listing(|m| ids.contains(m.id.as_str()), which)
    }

    /// The one way a view leaves measures out: from the list and every section, with the note
    /// that says which and how many are left.
    fn listing(mut self, keep: impl Fn(&MeasureResult) -> bool, which: &str) -> Report {
        let total = self.measures.len();
        self.measures.retain(|m| keep(m));
        let kept: crate::keyed::KeyedSet<String> =
            self.measures.iter().map(|m| m.id.clone()).collect();
        for s in &mut self.sections {
            s.measures.retain(|id| kept.contains(id));
        }
        self.scorecard.notes.push(format!(
            "This report lists only the measures {which}: {} of {total}. The summary counts every measure.",
            self.measures.len()
        ));
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_read_as_the_json_names_them() {
        assert_eq!(
            parse_statuses("off_track, at_risk").unwrap(),
            [Status::OffTrack, Status::AtRisk]
        );
        assert!(parse_statuses("late")
            .unwrap_err()
            .starts_with("unknown status \"late\": expected achieved, on_track"));
        assert_eq!(Order::parse("exceptions"), Some(Order::Exceptions));
        assert_eq!(Order::parse("worst"), None);
    }

    #[test]
    fn a_dashboards_view_lists_its_measures_and_says_so() {
        let card = crate::Scorecard::load(crate::Sources {
            definition: (
                "d.toml",
                include_str!("../../../examples/dudley-wsoa/scorecard.toml"),
            ),
            observations: Some((
                "o.csv",
                include_str!("../../../examples/dudley-wsoa/observations.csv"),
            )),
            ..crate::Sources::default()
        })
        .unwrap();
        let r = card.score(Some("2020-05".parse().unwrap())).unwrap();
        let total = r.measures.len();
        let v = r.clone().only_measures(
            &["2.A3a".into(), "1.B3".into(), "nope".into()],
            "shown in the dashboard: search \"a\"",
        );
        assert_eq!(
            v.measures.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(),
            ["1.B3", "2.A3a"]
        );
        assert!(v
            .sections
            .iter()
            .all(|s| s.measures.iter().all(|id| id == "1.B3" || id == "2.A3a")));
        assert_eq!(
            v.scorecard.notes.last().unwrap(),
            &format!("This report lists only the measures shown in the dashboard: search \"a\": 2 of {total}. The summary counts every measure.")
        );
        assert_eq!(v.summary, r.summary);
    }
}
