//! Any text as an EES tidy CSV and as a Fingertips export of fixed scorecards (seeded with
//! examples/dorset-ees's file and the header of a Fingertips export): errors, never a panic;
//! whatever is accepted scores with no NaN or infinity in its JSON, and renders.
#![no_main]
use libfuzzer_sys::fuzz_target;

const EES: &str = r#"
id = "e"
title = "E"
[analysis]
statistical_neighbours = ["933", "878"]
[[tables]]
id = "t"
format = "ees"
file = "t.csv"
area = "E06000059"
[[sections]]
id = "s"
title = "S"
kind = "result"
[[sections.measures]]
id = "a"
name = "A"
kind = "indicator"
unit = "score"
polarity = "higher_is_better"
from = { table = "t", indicator = "avg_att8", filters = { sen_status = "Total" } }
[[sections.measures]]
id = "b"
name = "B"
kind = "indicator"
unit = "percentage"
polarity = "lower_is_better"
frequency = "financial_year"
from = { table = "t", indicator = "avg_att8" }
"#;

const FINGERTIPS: &str = r#"
id = "f"
title = "F"
[[tables]]
id = "t"
format = "fingertips"
file = "t.csv"
area = "E06000059"
[[sections]]
id = "s"
title = "S"
kind = "result"
[[sections.measures]]
id = "a"
name = "A"
kind = "indicator"
unit = "percentage"
polarity = "lower_is_better"
from = { table = "t", indicator = "90631", filters = { Sex = "Persons" } }
"#;

fuzz_target!(|text: &str| {
    for def in [EES, FINGERTIPS] {
        let Ok(mut card) = betteroff::Scorecard::from_toml(def, "s.toml") else { return };
        if card.add_table(text, "t.csv").is_ok() {
            if let Ok(report) = card.score(None) {
                let json = report.to_json();
                assert!(!json.contains("NaN") && !json.contains("inf"));
                let _ = betteroff::render::text(&report, false);
            }
        }
    }
});
