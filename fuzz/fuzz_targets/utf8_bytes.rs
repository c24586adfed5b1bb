//! Raw bytes as a file, the way every front end reads one: through the UTF-8 decoder, then as a
//! definition and as each CSV. The decoder accepts exactly the valid UTF-8 (the text unchanged)
//! and otherwise names the line of the first bad byte; whatever it accepts parses to an error or
//! a scorecard, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

const CARD: &str = include_str!("../../tests/fixtures/minimal/scorecard.toml");

fuzz_target!(|bytes: &[u8]| {
    match betteroff::decode_utf8(bytes.to_vec(), "f.csv") {
        Ok(text) => {
            assert_eq!(Ok(text.as_str()), std::str::from_utf8(bytes));
            let _ = betteroff::Scorecard::from_toml(&text, "f.toml");
            let _ = betteroff::Scorecard::from_json(&text, "f.json");
            if let Ok(mut card) = betteroff::Scorecard::from_toml(CARD, "s.toml") {
                let _ = card.add_observations_csv(&text, "o.csv");
                let _ = card.add_comparators_csv(&text, "c.csv");
                let _ = card.add_actions_csv(&text, "a.csv");
                if let Ok(report) = card.score(None) {
                    let _ = report.to_json();
                }
            }
        }
        Err(e) => {
            let bad = std::str::from_utf8(bytes).expect_err("refused text is not UTF-8");
            let line = bytes[..bad.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
            assert_eq!(e.to_string(), format!("f.csv:{line}: the file is not valid UTF-8; save it as UTF-8"));
        }
    }
});
