//! Any text as a JSON scorecard definition: an error or a scorecard, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(card) = betteroff::Scorecard::from_json(text, "fuzz.json") {
        let _ = card.score(Some("2020-01".parse().unwrap()));
    }
});
