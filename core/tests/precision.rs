//! Figures at the precision they were given (issue 16, item 6): a plan's 1.07% against its
//! 1.05% target is not "1.1% · target at most 1.1% · Missed", and an exclusion rate of 0.45 is
//! not "0.5"; a measure's `decimals` (DfE's dps) overrides what the data suggest.

use betteroff::render::{render, Format};
use betteroff::{Scorecard, Sources};

const DEF: &str = r#"
id = "p"
title = "Precision"
[[sections]]
id = "s"
title = "S"
kind = "priority"

[[sections.measures]]
id = "excl"
name = "Suspensions of pupils with an EHC plan"
kind = "better_off"
unit = "percentage"
polarity = "lower_is_better"
baseline = { period = "2022/23", value = 1 }
target = { kind = "threshold", comparison = "at_most", value = 1.05, due = "2023/24" }

[[sections.measures]]
id = "rate"
name = "Permanent exclusion rate"
kind = "better_off"
unit = "score"
polarity = "lower_is_better"

[[sections.measures]]
id = "dps"
name = "The same rate, published to one decimal place"
kind = "better_off"
unit = "percentage"
polarity = "lower_is_better"
decimals = 1
"#;

const OBS: &str = "measure,period,value
excl,2023/24,1.07
rate,2022/23,0.41
rate,2023/24,0.45
dps,2023/24,1.07
";

fn report() -> betteroff::Report {
    Scorecard::load(Sources {
        definition: ("p.toml", DEF),
        observations: Some(("o.csv", OBS)),
        ..Sources::default()
    })
    .unwrap()
    .score(None)
    .unwrap()
}

#[test]
fn figures_keep_the_places_they_were_given() {
    let r = report();
    let m = |id: &str| r.measures.iter().find(|m| m.id == id).unwrap();
    // 1.07 and 1.05 have two places, more than a percentage's one.
    assert_eq!(m("excl").decimals, 2);
    assert_eq!(m("rate").decimals, 2);
    assert_eq!(m("dps").decimals, 1);
    // The baseline of 1% already meets "at most 1.05%" (the plan lets the figure rise): no
    // progress % beside Missed.
    assert_eq!(m("excl").status, betteroff::Status::Missed);
    assert_eq!(m("excl").progress_pct, None);
    assert!(m("excl")
        .notes
        .iter()
        .any(|n| n.starts_with("No progress %: the baseline already meets the target")));
    // 0.45 - 0.41 = +0.04, not "0".
    assert_eq!(
        m("rate").change.previous.as_ref().unwrap().label,
        "+0.04 (+9.8%)"
    );
    for f in [Format::Text, Format::Markdown, Format::Html] {
        let out = render(&r, f, false);
        for shown in [
            "1.07% (2023/24)",
            "at most 1.05%",
            "0.45 (2023/24)",
            "1.1% (2023/24)",
        ] {
            assert!(out.contains(shown), "{f:?} lacks {shown:?}");
        }
        assert!(!out.contains("0.5 (2023/24)"), "{f:?}");
    }
}

#[test]
fn decimals_beyond_six_are_refused() {
    let e = Scorecard::from_toml(&DEF.replace("decimals = 1", "decimals = 9"), "p.toml")
        .unwrap_err()
        .to_string();
    assert!(e.contains("field \"decimals\""), "{e}");
    assert!(e.contains("at most 6"), "{e}");
}
