//! Any text as observations, comparators, actions and commentary for a fixed scorecard: errors,
//! never a panic; whatever is accepted scores and renders (the turn-the-curve record and the
//! board pack's views too).
#![no_main]
use libfuzzer_sys::fuzz_target;

const CARD: &str = include_str!("../../tests/fixtures/minimal/scorecard.toml");

fuzz_target!(|text: &str| {
    let Ok(mut card) = betteroff::Scorecard::from_toml(CARD, "s.toml") else { return };
    let _ = card.add_observations_csv(text, "o.csv");
    let _ = card.add_comparators_csv(text, "c.csv");
    let _ = card.add_actions_csv(text, "a.csv");
    let _ = card.add_commentary_csv(text, "n.csv");
    if let Ok(report) = card.score(None) {
        let _ = betteroff::render::text(&report, false);
        let _ = betteroff::render::turn_the_curve_csv(&report);
        let _ = report.to_json();
        let pack = report.ordered(betteroff::report::view::Order::Exceptions).only(&[betteroff::Status::OffTrack]);
        let _ = betteroff::render::markdown(&pack);
        for m in &pack.measures {
            let _ = betteroff::render::measure_detail(m);
        }
    }
});
