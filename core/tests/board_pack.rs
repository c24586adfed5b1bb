//! The board pack's view (issue 16, item 8): exceptions first, only some statuses, and each
//! section's roll-up, on the Dudley WSoA as of May 2020 (statuses as in the golden vector).

#[path = "common/examples.rs"]
mod loading;

use betteroff::render::{render, Format};
use betteroff::report::view::{exception_rank, parse_statuses, Order};
use betteroff::{Report, Status};

fn dudley() -> Report {
    loading::load("examples/dudley-wsoa")
        .score(Some("2020-05".parse().unwrap()))
        .unwrap()
}

fn area(r: &Report, id: &str) -> Vec<String> {
    r.sections
        .iter()
        .find(|s| s.id == id)
        .unwrap()
        .measures
        .clone()
}

#[test]
fn exceptions_first_in_the_plans_order_within_each_kind() {
    let plan = dudley();
    // Area 2 as the plan lists it, with its statuses: 2.A2 at risk, 2.A3a missed, 2.A3b
    // achieved, 2.A5 achieved, 2.B1a on track, 2.B1b off track, 2.B1c at risk, 2.B4 missed,
    // 2.B5 achieved.
    assert_eq!(
        area(&plan, "area-2"),
        ["2.A2", "2.A3a", "2.A3b", "2.A5", "2.B1a", "2.B1b", "2.B1c", "2.B4", "2.B5"]
    );
    let r = dudley().ordered(Order::Exceptions);
    // Missed (2.A3a, 2.B4), off track (2.B1b), at risk (2.A2, 2.B1c), then the rest as planned.
    assert_eq!(
        area(&r, "area-2"),
        ["2.A3a", "2.B4", "2.B1b", "2.A2", "2.B1c", "2.A3b", "2.A5", "2.B1a", "2.B5"]
    );
    let ranks: Vec<u8> = r.measures.iter().map(exception_rank).collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
    // No figure changes, and the summary is the same.
    assert_eq!(r.summary, plan.summary);
    assert!(r
        .scorecard
        .notes
        .last()
        .unwrap()
        .starts_with("Measures are listed exceptions first"));
}

#[test]
fn only_some_statuses_and_the_report_says_so() {
    let all = dudley();
    let r = dudley().only(&parse_statuses("off_track,missed").unwrap());
    // 12 missed and 2 off track of 38.
    assert_eq!(r.measures.len(), 14);
    assert!(r
        .measures
        .iter()
        .all(|m| matches!(m.status, Status::OffTrack | Status::Missed)));
    assert_eq!(area(&r, "area-2"), ["2.A3a", "2.B1b", "2.B4"]);
    assert_eq!(r.summary, all.summary, "the summary counts every measure");
    let text = render(&r, Format::Text, false);
    assert!(text.contains("This report lists only the measures off track or missed: 14 of 38."));
    assert!(!text.contains("Schools that feel EHC plan quality has improved"));
}

#[test]
fn each_section_rolls_up_its_statuses_in_every_format() {
    let r = dudley();
    // Area 2: 3 achieved, 1 on track, 2 at risk, 1 off track, 2 missed (nine measures).
    let rollup = "9 measures: 3 achieved, 1 on track, 2 at risk, 1 off track, 2 missed";
    for f in [Format::Text, Format::Markdown, Format::Html] {
        assert!(render(&r, f, false).contains(rollup), "{f:?}");
    }
}
