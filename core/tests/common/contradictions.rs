//! The statements of a report that must never contradict each other (issue 16, item 4;
//! docs/semantics.md section 8). Shared by the examples' test (core/tests/contradictions.rs)
//! and the generated national workload's (bench/tests/national.rs).
//!
//! The rules decided:
//! - the status speaks of the latest figure, the assurance icon of the process (its limits):
//!   where they differ, the words say so ("the process consistently fails the target, though
//!   the latest figure meets it");
//! - an achieved figure is never "not reachable": on a trend away from the target it "would
//!   fall back short of the target";
//! - a forecast is stated only for a due date after the reporting period, and within what the
//!   unit can hold (no 104.1% for a percentage);
//! - progress % is not shown where the baseline already meets the target, so that "140%" never
//!   stands beside "missed": an achieved figure has made 100% or more, any other judged figure
//!   less.

use betteroff::render::measure_statistics;
use betteroff::report::MeasureResult;
use betteroff::Comparison;
use betteroff::{Report, Status};

/// Every contradictory pair in `r`, each named with its measure.
pub fn contradictions(r: &Report) -> Vec<String> {
    r.measures
        .iter()
        .flat_map(|m| measure(r, m).into_iter().map(|c| format!("{}: {c}", m.id)))
        .collect()
}

fn measure(r: &Report, m: &MeasureResult) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(f) = &m.forecast {
        if let (Some(v), Some(due)) = (f.at_due, f.due) {
            if due.end() <= r.as_of.end() {
                out.push(format!("a forecast at {due} in a report as of {}", r.as_of));
            }
            let outside = match m.unit {
                "percentage" => !(0.0..=100.0).contains(&v),
                "count" | "rate" | "days" | "ratio" => v < 0.0,
                _ => false,
            };
            if outside {
                out.push(format!("a forecast of {v} for a {}", m.unit));
            }
        }
    }
    let judged_short = matches!(
        m.status,
        Status::OnTrack | Status::AtRisk | Status::OffTrack | Status::Missed
    );
    let exact = m
        .target
        .as_ref()
        .is_some_and(|t| t.comparison == Some(Comparison::Exactly));
    if let (Some(p), false) = (m.progress_pct, exact) {
        if m.status == Status::Achieved && p < 100.0 - 1e-6 {
            out.push(format!("achieved beside progress {p}%"));
        }
        if judged_short && p >= 100.0 {
            out.push(format!("{} beside progress {p}%", m.status_label));
        }
    }
    let words = measure_statistics(m).join(" | ");
    let pairs: [(bool, &str, &str); 3] = [
        (
            m.status == Status::Achieved,
            "target not reachable",
            "achieved beside \"target not reachable\"",
        ),
        (
            m.status == Status::Achieved,
            "consistently fails the target",
            "achieved beside \"consistently fails the target\" unqualified",
        ),
        (
            judged_short,
            "consistently passes the target",
            "a target not met beside \"consistently passes the target\" unqualified",
        ),
    ];
    for (when, phrase, what) in pairs {
        let said = words.split(" | ").find(|w| w.contains(phrase));
        if when && said.is_some_and(|w| !w.contains(", though the latest figure")) {
            out.push(format!("{what}: {words}"));
        }
    }
    out
}
