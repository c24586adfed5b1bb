//! Any bytes as a workbook of a fixed scorecard (seeded with the generated workbook fixtures, so
//! that the zip and XML readers are reached): errors naming the file, sheet or cell, never a
//! panic; whatever is accepted scores and renders.
#![no_main]
use libfuzzer_sys::fuzz_target;

const CARD: &str = include_str!("../../tests/fixtures/minimal/scorecard.toml");

fuzz_target!(|bytes: &[u8]| {
    let Ok(mut card) = betteroff::Scorecard::from_toml(CARD, "s.toml") else { return };
    for name in ["book.xlsx", "observations.xlsx"] {
        if let Err(e) = card.add_workbook(bytes, name) {
            assert!(e.iter().all(|e| e.location().file == name));
        }
    }
    if let Ok(mut book) = betteroff::workbook::open(bytes, "any.xlsx") {
        for sheet in book.names() {
            let _ = book.sheet_with_header(&sheet, 2);
        }
    }
    if let Ok(report) = card.score(None) {
        let _ = betteroff::render::text(&report, false);
        let _ = report.to_json();
    }
});
