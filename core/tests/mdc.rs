//! Making Data Count as boards read it (issue 15): the variation and assurance icons drawn in
//! every measure row with SPC, on the SPC chart, and the summary matrix, concern first, the same
//! rows in every format.

use betteroff::render::{render, spc_matrix_csv, Format};
use betteroff::spc::VariationIcon;
use betteroff::{Scorecard, Sources, Status};

/// Three monthly measures on the same 15 figures: steady about 50, then 70 in the last month
/// (above the upper limit: the mean of the first 14 is 50, the moving ranges average 2, so the
/// limits are 50 +/- 2.66 x 2 = 44.68 to 55.32, and every point counts in the limits).
fn card() -> Scorecard {
    let def = r#"
id = "mdc"
title = "MDC"
[[sections]]
id = "s"
title = "S"
kind = "priority"
[[sections.measures]]
id = "up-good"
name = "Higher is better"
kind = "how_well"
unit = "score"
polarity = "higher_is_better"
frequency = "monthly"
target = { kind = "threshold", comparison = "at_least", value = 40 }
[[sections.measures]]
id = "up-bad"
name = "Lower is better"
kind = "how_well"
unit = "score"
polarity = "lower_is_better"
frequency = "monthly"
target = { kind = "threshold", comparison = "at_most", value = 40 }
[[sections.measures]]
id = "flat"
name = "Steady"
kind = "how_well"
unit = "score"
polarity = "higher_is_better"
frequency = "monthly"
"#;
    let steady = [
        49.0, 51.0, 49.0, 51.0, 49.0, 51.0, 49.0, 51.0, 49.0, 51.0, 49.0, 51.0, 49.0, 51.0,
    ];
    let mut obs = String::from("measure,period,value\n");
    for id in ["up-good", "up-bad", "flat"] {
        // January 2023 to February 2024, then March 2024.
        for (i, v) in steady.iter().enumerate() {
            obs.push_str(&format!("{id},{}-{:02},{v}\n", 2023 + i / 12, i % 12 + 1));
        }
        let last = if id == "flat" { 49.0 } else { 70.0 };
        obs.push_str(&format!("{id},2024-03,{last}\n"));
    }
    Scorecard::load(Sources {
        definition: ("mdc.toml", def),
        observations: Some(("obs.csv", &obs)),
        ..Sources::default()
    })
    .unwrap()
}

#[test]
fn icons_by_polarity_and_the_matrix_concern_first() {
    let r = card().score(None).unwrap();
    let icon = |id: &str| {
        r.measures
            .iter()
            .find(|m| m.id == id)
            .unwrap()
            .spc
            .as_ref()
            .unwrap()
            .variation_icon
    };
    // 70 above the upper limit: an improvement where higher is better (H), a concern where
    // lower is better (H); 49 within the limits: common cause.
    assert_eq!(icon("up-good"), VariationIcon::ImprovementHigh);
    assert_eq!(icon("up-bad"), VariationIcon::ConcernHigh);
    assert_eq!(icon("flat"), VariationIcon::CommonCause);
    // The matrix: concern first, then common cause, then improvement.
    let ids: Vec<&str> = r.summary.spc.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["up-bad", "flat", "up-good"]);
    assert_eq!(r.summary.spc[0].rule_text, "Above UCL");
    // 70 against at most 40, with no due date and no baseline: not met, so at risk; the
    // matrix carries the status beside the icons.
    assert_eq!(r.summary.spc[0].status, Status::AtRisk);
    assert_eq!(r.summary.spc[2].status, Status::Achieved);
}

#[test]
fn the_matrix_is_the_same_rows_in_every_format() {
    let r = card().score(None).unwrap();
    let csv = spc_matrix_csv(&r);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "section,id,name,period,value,variation_icon,variation,assurance_icon,assurance,rule,rule_text,status"
    );
    assert_eq!(lines.len(), 4);
    assert!(lines[1].starts_with(
        "s,up-bad,Lower is better,2024-03,70,concern_high,Special cause concern: higher values,"
    ));
    let json: serde_json::Value = serde_json::from_str(&render(&r, Format::Json, false)).unwrap();
    assert_eq!(json["summary"]["spc"].as_array().unwrap().len(), 3);
    assert_eq!(json["summary"]["spc"][0]["variation_icon"], "concern_high");
    let md = render(&r, Format::Markdown, false);
    assert!(md.contains("| Lower is better | 70 (2024-03) | at most 40 | Special cause concern: higher values |"), "{md}");
    let text = render(&r, Format::Text, false);
    assert!(text.contains("SPC summary (Making Data Count), concern first:"));
    let html = render(&r, Format::Html, false);
    // Drawn: each icon an image with its name, in the matrix and in the measure's row.
    let named = "aria-label=\"Variation: Special cause concern: higher values\"";
    assert_eq!(html.matches(named).count(), 3, "matrix, row and SPC chart");
    assert!(html.contains("aria-label=\"Variation: Common cause: no significant change\""));
    assert!(html.contains("<h2>SPC summary (Making Data Count)</h2>"));
}
