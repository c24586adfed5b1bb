//! No report of any bundled example, at any date of its data, says two things that contradict
//! each other (the rules: tests/common/contradictions.rs, docs/semantics.md section 8). The
//! generated national workload is checked the same way in bench/tests/national.rs.

#[path = "common/contradictions.rs"]
mod contradictions;
#[path = "common/examples.rs"]
mod loading;

use betteroff::Period;
use contradictions::contradictions;
use std::collections::BTreeSet;

const EXAMPLES: [&str; 7] = [
    "examples/dorset",
    "examples/dorset-ees",
    "examples/dudley-strategy",
    "examples/dudley-wsoa",
    "examples/stockton",
    "examples/kpi-plan",
    "examples/timeliness-plan",
];

#[test]
fn no_example_contradicts_itself_at_any_date() {
    let mut reports = 0;
    for example in EXAMPLES {
        let card = loading::load(example);
        let dates: BTreeSet<Period> = card.observations().iter().map(|o| o.period).collect();
        for as_of in std::iter::once(None).chain(dates.into_iter().map(Some)) {
            let r = card.score(as_of).expect("scores");
            let found = contradictions(&r);
            assert!(
                found.is_empty(),
                "{example} as of {}:\n{}",
                r.as_of,
                found.join("\n")
            );
            reports += 1;
        }
    }
    assert!(reports > 40, "{reports} reports checked");
}

#[test]
fn the_check_finds_each_contradiction_it_names() {
    // Dudley WSoA as of 2020-05, its statements altered one at a time into each contradiction
    // the rules forbid: the check must name every one.
    let card = loading::load("examples/dudley-wsoa");
    let r = card.score(Some("2020-05".parse().unwrap())).unwrap();
    assert!(contradictions(&r).is_empty());
    let with_forecast = r
        .measures
        .iter()
        .position(|m| m.forecast.as_ref().is_some_and(|f| f.at_due.is_some()))
        .expect("a stated forecast");
    let mut past = r.clone();
    past.as_of = "2030-12".parse().unwrap();
    assert!(contradictions(&past)
        .iter()
        .any(|c| c.contains("a forecast at")));
    let mut over = r.clone();
    let m = &mut over.measures[with_forecast];
    m.unit = "percentage";
    m.forecast.as_mut().unwrap().at_due = Some(104.1);
    assert!(contradictions(&over)
        .iter()
        .any(|c| c.contains("a forecast of 104.1 for a percentage")));
    let mut achieved = r.clone();
    let m = &mut achieved.measures[with_forecast];
    m.status = betteroff::Status::Achieved;
    m.progress_pct = Some(40.0);
    assert!(contradictions(&achieved)
        .iter()
        .any(|c| c.contains("achieved beside progress 40%")));
    let mut missed = r.clone();
    let m = &mut missed.measures[with_forecast];
    m.status = betteroff::Status::Missed;
    m.status_label = "Missed";
    m.progress_pct = Some(140.0);
    assert!(contradictions(&missed)
        .iter()
        .any(|c| c.contains("Missed beside progress 140%")));
}
