//! Disclosure control: small counts, and every figure from which one could be worked out, stay
//! out of every published format; suppression and rounding on the Stockton example worked by
//! hand.

use betteroff::render::{self, Format};
use betteroff::{borrow_file, Period, Report, Scorecard, Sources};
use regex::Regex;
use std::path::Path;
mod common;
use common::outputs;

/// One measure of each kind with small counts (1 to 4) somewhere:
/// - `hm`: a count whose current figure is 3;
/// - `hw`: a percentage of 1 out of 7 (14.285714%): its numerator is small;
/// - `bo`: a count of 2 against England's 10 (a gap of -8 would reveal it);
/// - `ind`: a count of 20 broken down by age into 2, 5, 6 and 7 (total minus the others would
///   reveal the 2, so the next smallest part, 5, is suppressed too);
/// - `prev`: 10 now after 3 before (a change of +7 would reveal the 3), with SPC on its series.
const CARD: &str = r#"
id = "leak"
title = "Leak test"
[analysis]
spc_min_points = 5
[[sections]]
id = "s"
title = "S"
kind = "service"
[[sections.measures]]
id = "hm"
name = "Assessments"
kind = "how_much"
unit = "count"
polarity = "neutral"
[[sections.measures]]
id = "hw"
name = "Within timescale"
kind = "how_well"
unit = "percentage"
polarity = "higher_is_better"
target = { kind = "threshold", comparison = "at_least", value = 50, due = "2021-12" }
[[sections.measures]]
id = "bo"
name = "In work"
kind = "better_off"
unit = "count"
polarity = "higher_is_better"
baseline = { period = "2021-01" }
target = { kind = "points", change = 5, due = "2021-12" }
[[sections.measures]]
id = "ind"
name = "Plans"
kind = "indicator"
unit = "count"
polarity = "neutral"
breakdowns = ["age_group"]
[[sections.measures]]
id = "prev"
name = "Requests"
kind = "how_much"
unit = "count"
polarity = "neutral"
"#;

const OBS: &str = "measure,period,value,numerator,denominator,breakdown,category
hm,2021-05,12,,,,
hm,2021-06,3,,,,
hw,2021-06,,1,7,,
bo,2021-01,9,,,,
bo,2021-06,2,,,,
ind,2021-06,20,,,,
ind,2021-06,2,,,age_group,0-4
ind,2021-06,5,,,age_group,5-10
ind,2021-06,6,,,age_group,11-15
ind,2021-06,7,,,age_group,16-19
prev,2021-01,11,,,,
prev,2021-02,12,,,,
prev,2021-03,13,,,,
prev,2021-04,12,,,,
prev,2021-05,3,,,,
prev,2021-06,10,,,,
";

const CMP: &str = "measure,period,comparator,value\nbo,2021-06,England,10\n";

fn leak_report(disclosure: bool) -> Report {
    let card = Scorecard::load(Sources {
        definition: ("leak.toml", CARD),
        observations: Some(("o.csv", OBS)),
        comparators: Some(("c.csv", CMP)),
        actions: None,
        workbooks: &[],
        tables: &[],
    })
    .unwrap();
    card.score_with(Some("2021-06".parse::<Period>().unwrap()), disclosure)
        .unwrap()
}

#[test]
fn no_suppressed_figure_or_its_derivation_is_published() {
    let r = leak_report(true);
    // The patterns a small figure would take in print: "3 (2021-06)" beside its period, "2021-06 3"
    // in a chart's description, the percentage 14.3 / 14.285714, the change +7 (3 -> 10), the
    // gap -8 (2 against 10), and a 2 or 5 as a breakdown value in JSON.
    let forbidden = [
        (r"\b3 \(2021-06\)", "the count 3"),
        (r"2021-06 3\b", "the count 3 in a chart description"),
        (r"\b2 \(2021-06\)", "the count 2"),
        (r"2021-06 2\b", "the count 2 in a chart description"),
        (r"2021-05 3\b", "the earlier count 3"),
        (r"14\.(3|28)", "1 out of 7 as a percentage"),
        (r"\+7\b", "the change from 3 to 10"),
        (r"(^|[^a-zA-Z])-8\b", "the gap from 2 to 10"),
        (r#""value": (2|5)\.0"#, "a suppressed breakdown part"),
        (r#""absolute": 7\.0"#, "the change from 3 to 10"),
    ];
    for (name, text) in outputs(&r) {
        for (pattern, what) in forbidden {
            let re = Regex::new(pattern).unwrap();
            assert!(!re.is_match(&text), "{what} ({pattern}) appears in {name}");
        }
    }
    let m = |id: &str| r.measures.iter().find(|m| m.id == id).unwrap();
    for id in ["hm", "hw", "bo"] {
        assert_eq!((m(id).value, m(id).symbol), (None, Some("c")), "{id}");
        assert_eq!(m(id).status_label, "Suppressed", "{id}");
    }
    assert_eq!(m("hw").numerator, None);
    assert!(m("bo").comparators[0].gap.is_none());
    // Breakdown: 2 suppressed, 5 suppressed as the next smallest; 6 and 7 published.
    let parts: Vec<(String, Option<f64>)> = m("ind")
        .breakdowns
        .iter()
        .map(|b| (b.category.clone(), b.value))
        .collect();
    assert_eq!(
        parts,
        [
            ("0-4".into(), None),
            ("5-10".into(), None),
            ("11-15".into(), Some(6.0)),
            ("16-19".into(), Some(7.0))
        ]
    );
    // 10 is published, but not its change from the suppressed 3; SPC is worked from the
    // published figures only: 11, 12, 13, 12, 10 (mean 58 / 5 = 11.6), the 3 left out.
    assert_eq!(m("prev").value, Some(10.0));
    assert!(m("prev").change.previous.is_none());
    let spc = m("prev")
        .spc
        .as_ref()
        .expect("SPC on the published figures");
    let periods: Vec<String> = spc.points.iter().map(|p| p.period.to_string()).collect();
    assert_eq!(
        periods,
        ["2021-01", "2021-02", "2021-03", "2021-04", "2021-06"]
    );
    assert_eq!(spc.points[0].mean, Some(11.6));
    // The key explains the symbol in every format meant for people.
    for f in [Format::Text, Format::Markdown, Format::Html] {
        assert!(
            render::render(&r, f, false)
                .contains("c: confidential: withheld to protect small numbers"),
            "{f:?}"
        );
    }
}

#[test]
fn without_disclosure_control_the_output_says_so() {
    let r = leak_report(false);
    assert!(!r.scorecard.disclosure.enabled);
    assert_eq!(
        r.measures.iter().find(|m| m.id == "hm").unwrap().value,
        Some(3.0)
    );
    for f in [Format::Text, Format::Markdown, Format::Html] {
        assert!(
            render::render(&r, f, false).contains("Disclosure control is OFF"),
            "{f:?}"
        );
    }
    assert!(render::render(&r, Format::Json, false).contains("\"enabled\": false"));
    // The leak test's patterns are real: with nothing withheld they all show up.
    let text = render::render(&r, Format::Text, false);
    for pattern in [r"\b3 \(2021-06\)", r"14\.3", r"\+7\b", r"(^|[^a-zA-Z])-8\b"] {
        assert!(
            Regex::new(pattern).unwrap().is_match(&text),
            "{pattern} should appear without disclosure control"
        );
    }
}

fn stockton(round_to: Option<u32>) -> Report {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/stockton");
    let read = |n: &str| {
        std::fs::read_to_string(root.join(n))
            .ok()
            .map(|t| (n.to_string(), t))
    };
    let (d, o, c) = (
        read("scorecard.toml").unwrap(),
        read("observations.csv"),
        read("comparators.csv"),
    );
    let mut card = Scorecard::load(Sources {
        definition: (&d.0, &d.1),
        observations: borrow_file(&o),
        comparators: borrow_file(&c),
        actions: None,
        workbooks: &[],
        tables: &[],
    })
    .unwrap();
    let threshold = card.definition().disclosure.threshold;
    card.set_disclosure(betteroff::Disclosure {
        threshold,
        round_to,
    });
    card.score(None).unwrap()
}

#[test]
fn stockton_age_groups_suppressed_by_hand() {
    // EHC plans by age group, 2022-Q4 (illustrative): 0-4: 3, 5-10: 449, 11-15: 540, 16-19: 279,
    // 20-25: 112; total 1,383. The 3 is suppressed (1 to 4); the total is published, so the next
    // smallest part, 112 (20-25), is suppressed too: 1,383 - 449 - 540 - 279 would give 115 = 3 + 112.
    let r = stockton(None);
    let m = r.measures.iter().find(|m| m.id == "ehcp-count").unwrap();
    assert_eq!(m.value, Some(1383.0));
    let age: Vec<(&str, Option<f64>, Option<&str>)> = m
        .breakdowns
        .iter()
        .filter(|b| b.dimension == "age_group")
        .map(|b| (b.category.as_str(), b.value, b.symbol))
        .collect();
    assert_eq!(
        age,
        [
            ("0-4", None, Some("c")),
            ("5-10", Some(449.0), None),
            ("11-15", Some(540.0), None),
            ("16-19", Some(279.0), None),
            ("20-25", None, Some("c"))
        ]
    );
}

#[test]
fn stockton_age_groups_rounded_to_5_by_hand() {
    // Rounded to the nearest 5: total 1,383 -> 1,385; 449 -> 450; 540 -> 540; 279 -> 280;
    // 112 -> 110; the 3 is still suppressed (c), and with it the next smallest part (110).
    let r = stockton(Some(5));
    let m = r.measures.iter().find(|m| m.id == "ehcp-count").unwrap();
    assert_eq!(m.value, Some(1385.0));
    let age: Vec<Option<f64>> = m
        .breakdowns
        .iter()
        .filter(|b| b.dimension == "age_group")
        .map(|b| b.value)
        .collect();
    assert_eq!(age, [None, Some(450.0), Some(540.0), Some(280.0), None]);
    // The change on the previous quarter is worked from the rounded figures: 1,360 -> 1,385 is +25.
    assert_eq!(m.change.previous.as_ref().unwrap().absolute, 25.0);
    assert!(m
        .notes
        .iter()
        .any(|n| n == "Counts are rounded to the nearest 5 for publication."));
}
