//! Any text as observations, comparators and actions for a fixed scorecard: errors, never a
//! panic; whatever is accepted scores and renders.
#![no_main]
use libfuzzer_sys::fuzz_target;

const CARD: &str = include_str!("../../tests/fixtures/minimal/scorecard.toml");

fuzz_target!(|text: &str| {
    let Ok(mut card) = betteroff::Scorecard::from_toml(CARD, "s.toml") else { return };
    let _ = card.add_observations_csv(text, "o.csv");
    let _ = card.add_comparators_csv(text, "c.csv");
    let _ = card.add_actions_csv(text, "a.csv");
    if let Ok(report) = card.score(None) {
        let _ = betteroff::render::text(&report, false);
        let _ = report.to_json();
    }
});
