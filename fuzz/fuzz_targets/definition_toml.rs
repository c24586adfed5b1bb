//! Any text as a TOML scorecard definition: an error or a scorecard, never a panic; a valid one
//! scores and renders.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(card) = betteroff::Scorecard::from_toml(text, "fuzz.toml") {
        let _ = card.definition().to_json();
        if let Ok(report) = card.score(Some("2020-01".parse().unwrap())) {
            let _ = betteroff::render::html(&report);
        }
    }
});
