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
        commentary: None,
        annotations: None,
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
        commentary: None,
        annotations: None,
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

/// Two measures with the same monthly figures, 24 months of 8 to 14 with a 3 in 2020-11: one
/// counts children (the default) and one counts meetings (`counts = "events"`).
fn events_report() -> Report {
    let def = r#"
id = "events"
title = "Events"
[[sections]]
id = "s"
title = "S"
kind = "service"
[[sections.measures]]
id = "children"
name = "Children seen"
kind = "how_much"
unit = "count"
polarity = "higher_is_better"
frequency = "monthly"
[[sections.measures]]
id = "meetings"
name = "Multi-agency meetings held"
kind = "how_much"
unit = "count"
polarity = "higher_is_better"
frequency = "monthly"
counts = "events"
"#;
    let values = [
        9, 12, 14, 14, 14, 8, 10, 8, 11, 14, 3, 11, 11, 13, 11, 14, 9, 8, 11, 8, 14, 11, 11, 12,
    ];
    let mut obs = String::from("measure,period,value\n");
    for id in ["children", "meetings"] {
        for (i, v) in values.iter().enumerate() {
            obs.push_str(&format!("{id},{}-{:02},{v}\n", 2020 + i / 12, i % 12 + 1));
        }
    }
    scored(def, &obs)
}

/// The report of a definition and its observations, at their latest period.
fn scored(definition: &str, observations: &str) -> Report {
    Scorecard::load(Sources {
        definition: ("s.toml", definition),
        observations: Some(("o.csv", observations)),
        ..Sources::default()
    })
    .unwrap()
    .score(None)
    .unwrap()
}

#[test]
fn counts_of_events_are_published_and_counts_of_people_are_not() {
    let r = events_report();
    let m = |id: &str| r.measures.iter().find(|m| m.id == id).unwrap();
    let at = |id: &str, p: &str| {
        m(id)
            .series
            .iter()
            .find(|q| q.period.to_string() == p)
            .map(|q| (q.value, q.symbol))
            .unwrap()
    };
    assert_eq!(at("children", "2020-11"), (None, Some("c")));
    assert_eq!(at("meetings", "2020-11"), (Some(3.0), None));
    // The meetings' SPC uses all 24 figures; the children's the 23 published ones.
    assert_eq!(m("meetings").spc.as_ref().unwrap().points.len(), 24);
    let spc = m("children").spc.as_ref().unwrap();
    assert_eq!(spc.points.len(), 23);
    assert_eq!(
        spc.left_out
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["2020-11"]
    );
    // By hand: the 23 published figures sum to 258, so the mean is 258 / 23 = 11.217391.
    assert_eq!(spc.points[0].mean, Some(11.217391));
    // Each measure says why, in every format meant for people.
    let told = "SPC: 1 figure(s) withheld to protect small numbers (2020-11) are left out: the \
                limits and rules use the other 23 figures, and the chart marks the gap.";
    let not_personal = "It counts events, not people";
    assert!(m("children").notes.iter().any(|n| n == told));
    assert!(m("meetings")
        .notes
        .iter()
        .any(|n| n.starts_with(not_personal)));
    assert!(!m("children")
        .notes
        .iter()
        .any(|n| n.starts_with(not_personal)));
    for f in [Format::Text, Format::Markdown, Format::Html, Format::Csv] {
        let out = render::render(&r, f, false).replace('\n', " ");
        let squeezed = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            squeezed(&out).contains("withheld to protect small numbers (2020-11) are left out"),
            "{f:?}"
        );
        assert!(squeezed(&out).contains(not_personal), "{f:?}");
    }
    // The SPC chart marks the gap with its symbol and says why under the axis.
    let svg = render::spc_chart(m("children")).unwrap();
    assert!(svg.contains(
        "<title>2020-11: confidential: withheld to protect small numbers</title>c</text>"
    ));
    assert!(svg.contains("withheld to protect small numbers: 2020-11"));
    assert!(!render::spc_chart(m("meetings"))
        .unwrap()
        .contains("withheld to protect small numbers"));
}

#[test]
fn a_withheld_figure_that_takes_a_series_below_the_spc_minimum_is_said() {
    // 12 months, one withheld: 11 figures, fewer than the 12 SPC asks for by default.
    let def =
        "id = \"m\"\ntitle = \"M\"\n[[sections]]\nid = \"s\"\ntitle = \"S\"\nkind = \"service\"\n\
               [[sections.measures]]\nid = \"c\"\nname = \"Children seen\"\nkind = \"how_much\"\n\
               unit = \"count\"\npolarity = \"neutral\"\nfrequency = \"monthly\"\n";
    let mut obs = String::from("measure,period,value\n");
    for i in 1..=12 {
        obs.push_str(&format!(
            "c,2021-{i:02},{}\n",
            if i == 4 { 2 } else { 20 + i }
        ));
    }
    let r = scored(def, &obs);
    let m = &r.measures[0];
    assert!(m.spc.is_none());
    let why = "No SPC: 11 figure(s), fewer than the 12 the scorecard asks for \
               (analysis.spc_min_points). 1 more figure(s) (2021-04) are withheld to protect \
               small numbers.";
    assert_eq!(m.spc_missing.as_deref(), Some(why));
    assert!(m.notes.iter().any(|n| n == why));
}
