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

#[path = "common/examples.rs"]
mod loading;

#[test]
fn annotations_are_numbered_marked_on_both_charts_and_listed() {
    // Dudley's Local Offer usage with the events the WSoA and the June 2020 update name: the
    // May 2019 inspection, the July 2019 letter, the March 2020 review and lockdown.
    let card = loading::load("examples/dudley-wsoa");
    let r = card.score(Some("2020-05".parse().unwrap())).unwrap();
    let m = r.measures.iter().find(|m| m.id == "9.A1").unwrap();
    let events: Vec<(u32, String)> = m
        .annotations
        .iter()
        .map(|a| (a.number, a.period.to_string()))
        .collect();
    assert_eq!(
        events,
        [
            (1, "2019-05".into()),
            (2, "2019-07".into()),
            (3, "2020-03".into())
        ]
    );
    for svg in [
        betteroff::render::chart(m),
        betteroff::render::spc_chart(m).unwrap(),
    ] {
        assert_eq!(svg.matches("<g class=\"annotation\">").count(), 3);
        assert!(svg.contains(
            "<title>Event 2: 2019-07: Inspection letter published 8 July 2019 (WSoA)</title>"
        ));
    }
    let said = "Event 1 (2019-05): Ofsted and CQC joint inspection of the local area, 20 to 24 May 2019 (WSoA)";
    for f in [Format::Text, Format::Markdown] {
        let out = render(&r, f, false).replace("\n                        ", " ");
        assert!(out.contains(said), "{f:?}");
    }
    let html = render(&r, Format::Html, false);
    assert!(html.contains("<li value=\"3\">2020-03: DfE interim progress review, 25 March 2020; lockdown begins (programme update, June 2020)</li>"));
    let json: serde_json::Value = serde_json::from_str(&render(&r, Format::Json, false)).unwrap();
    let a = &json["measures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == "9.A1")
        .unwrap()["annotations"];
    assert_eq!(a[0]["number"], 1);
    // Reported before the events happen, none is shown.
    let early = card.score(Some("2019-04".parse().unwrap())).unwrap();
    assert!(early
        .measures
        .iter()
        .find(|m| m.id == "9.A1")
        .unwrap()
        .annotations
        .is_empty());
}

#[test]
fn a_bad_annotation_names_its_line_and_field() {
    let mut card = loading::load("examples/dudley-wsoa");
    let e = card
        .add_annotations_csv(
            "measure,period,text\n9.A1,2019-05,\nnope,2019-05,x\n",
            "annotations.csv",
        )
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("annotations.csv:2: field \"text\": the text is empty"),
        "{e}"
    );
    assert!(
        e.contains("annotations.csv:3: field \"measure\": unknown measure id \"nope\""),
        "{e}"
    );
}

#[test]
fn a_series_too_short_for_spc_gets_a_run_chart() {
    // Dorset p2-hw1 (illustrative), 11 quarterly percentages 35/70 = 50% ... 68/76 = 89.47%,
    // fewer than the 12 SPC asks for. The median is the sixth, 55/73 = 75.342466%, which is
    // not useful; of the other 10, five lie below and five above: one crossing, fewer than
    // qbinom(0.05, 9, 0.5) = 2, a signal; the longest run, 5, is within round(log2(10)) + 3 = 6.
    let r = loading::load("examples/dorset").score(None).unwrap();
    let m = r.measures.iter().find(|m| m.id == "p2-hw1").unwrap();
    assert!(m.spc.is_none());
    let runs = m.runs.unwrap();
    assert_eq!(runs.median, 75.342466);
    assert_eq!(
        (
            runs.useful,
            runs.longest_run,
            runs.longest_run_max,
            runs.crossings,
            runs.crossings_min
        ),
        (10, 5, 6, 1, 2)
    );
    assert!(runs.signal);
    let said = "run chart (Anhøj rules, 10 figures off the median): median 75.3%; longest run 5 (longer than 6 is a signal); 1 crossing (fewer than 2 is a signal): non-random variation: unusually few crossings (1 < 2)";
    for f in [Format::Text, Format::Markdown, Format::Html] {
        let words = render(&r, f, false)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        // Markdown and HTML write `<` as `&lt;`.
        assert!(
            words.contains(said) || words.contains(&said.replace('<', "&lt;")),
            "{f:?}"
        );
    }
    assert!(betteroff::render::chart(m).contains("Median 75.3%"));
    // With SPC, no run chart: the limits say more.
    let wsoa = loading::load("examples/dudley-wsoa")
        .score(Some("2020-05".parse().unwrap()))
        .unwrap();
    let lo = wsoa.measures.iter().find(|m| m.id == "9.A1").unwrap();
    assert!(lo.spc.is_some() && lo.runs.is_none());
}

#[test]
fn each_phase_after_a_rebase_has_its_mean_and_limits_named() {
    // Stockton's monthly EHC timeliness, rebased in January 2022: the first phase's mean and
    // limits (those of its points, as the JSON gives them) are named on the chart at its start;
    // the last phase's in the right margin.
    let r = loading::load("examples/stockton").score(None).unwrap();
    let m = r
        .measures
        .iter()
        .find(|m| m.id == "ehcp-20-weeks-monthly")
        .unwrap();
    let spc = m.spc.as_ref().unwrap();
    let (first, last) = (&spc.points[0], spc.points.last().unwrap());
    assert_ne!(first.group, last.group);
    let pct = |v: Option<f64>| format!("{}%", (v.unwrap() * 10.0).round() / 10.0);
    let svg = betteroff::render::spc_chart(m).unwrap();
    let phase = format!(
        "Mean {}, limits {} to {}",
        pct(first.mean),
        pct(first.lower),
        pct(first.upper)
    );
    assert!(svg.contains(&phase), "{phase}");
    assert!(svg.contains(&format!("Mean {}", pct(last.mean))));
}

/// Twelve months of new EHC plans within 20 weeks (illustrative): 12/40, 15/50, 9/30, 14/45,
/// 20/60, 11/40, 13/42, 17/55, 10/35, 16/50, 12/40, then 25/50.
fn p_prime_card(chart: &str, last_as_value: bool) -> Result<Scorecard, betteroff::Errors> {
    let def = format!(
        r#"
id = "pp"
title = "p'"
[[sections]]
id = "s"
title = "S"
kind = "priority"
[[sections.measures]]
id = "t20"
name = "New EHC plans within 20 weeks"
kind = "how_well"
unit = "percentage"
polarity = "higher_is_better"
frequency = "monthly"
spc = {{ chart = "{chart}" }}
"#
    );
    let (x, n) = (
        [12, 15, 9, 14, 20, 11, 13, 17, 10, 16, 12, 25],
        [40, 50, 30, 45, 60, 40, 42, 55, 35, 50, 40, 50],
    );
    let mut obs = String::from("measure,period,value,numerator,denominator\n");
    for (i, (a, b)) in x.iter().zip(n).enumerate() {
        if last_as_value && i == 11 {
            obs.push_str("t20,2024-12,50,,\n");
        } else {
            obs.push_str(&format!("t20,2024-{:02},,{a},{b}\n", i + 1));
        }
    }
    Scorecard::load(Sources {
        definition: ("pp.toml", &def),
        observations: Some(("obs.csv", &obs)),
        ..Sources::default()
    })
}

#[test]
fn a_p_prime_chart_from_numerators_and_denominators() {
    // p̄ = 174/537 = 32.402235%; σz = 0.466468 (the mean moving range of the z-scores / 1.128).
    // January (n = 40): 32.402235 ± 3 x √(p̄(1 − p̄)/40) x σz = 22.046838% to 42.757632%; March
    // (n = 30) wider, 20.444852% to 44.359617%; December (n = 50): up to 41.664383%, and its
    // 25/50 = 50% lies above: special cause improvement, higher values. Worked in Python from
    // Laney's formulas (the module's unit tests work smaller cases by hand).
    let r = p_prime_card("p_prime", false).unwrap().score(None).unwrap();
    let spc = r.measures[0].spc.as_ref().unwrap();
    assert_eq!(spc.chart, betteroff::spc::ChartKind::PPrime);
    let limits = |i: usize| (spc.points[i].lower.unwrap(), spc.points[i].upper.unwrap());
    assert_eq!(spc.points[0].mean, Some(32.402235));
    assert_eq!(limits(0), (22.046838, 42.757632));
    assert_eq!(limits(2), (20.444852, 44.359617));
    assert_eq!(limits(11).1, 41.664383);
    assert_eq!(spc.variation_icon, VariationIcon::ImprovementHigh);
    // The chart steps its limits with the denominators.
    let svg = betteroff::render::spc_chart(&r.measures[0]).unwrap();
    assert_eq!(
        svg.matches("<polyline").count(),
        3,
        "two stepped limits and the points' line"
    );
    // The same figures as XmR would give other limits: the chart kind matters.
    let x = p_prime_card("xmr", false).unwrap().score(None).unwrap();
    assert_ne!(
        x.measures[0].spc.as_ref().unwrap().points[0].upper,
        Some(42.757632)
    );
    // A figure without its numerator and denominator: no p' chart, and the notes say why.
    let r = p_prime_card("p_prime", true).unwrap().score(None).unwrap();
    assert!(r.measures[0].spc.is_none());
    assert!(r.measures[0].notes.contains(&"No SPC: a p' chart (Laney) needs each figure's numerator and denominator, and the 2024-12 figure has a value only.".to_string()), "{:?}", r.measures[0].notes);
    // A chart for another kind of figure is refused, naming the line.
    let e = Scorecard::from_toml(
        "id = \"c\"\ntitle = \"C\"\n[[sections]]\nid = \"s\"\ntitle = \"S\"\nkind = \"priority\"\n[[sections.measures]]\nid = \"m\"\nname = \"M\"\nkind = \"how_much\"\nunit = \"count\"\npolarity = \"lower_is_better\"\nspc = { chart = \"p_prime\" }\n",
        "c.toml",
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("field \"spc.chart\": measure \"m\": a p' chart (Laney) is for a percentage given as numerator and denominator, and the measure's unit is count"), "{e}");
}

/// Days between serious incidents (illustrative): twelve gaps, the last far longer.
fn rare_events_card(
    chart: &str,
    unit: &str,
    gaps: &[&str],
) -> Result<Scorecard, betteroff::Errors> {
    let def = format!(
        r#"
id = "rare"
title = "Rare events"
[[sections]]
id = "s"
title = "S"
kind = "priority"
[[sections.measures]]
id = "gap"
name = "Days between serious incidents"
kind = "how_well"
unit = "{unit}"
polarity = "higher_is_better"
frequency = "monthly"
spc = {{ chart = "{chart}" }}
"#
    );
    let mut obs = String::from("measure,period,value\n");
    for (i, g) in gaps.iter().enumerate() {
        obs.push_str(&format!("gap,2024-{:02},{g}\n", i + 1));
    }
    Scorecard::load(Sources {
        definition: ("rare.toml", &def),
        observations: Some(("obs.csv", &obs)),
        ..Sources::default()
    })
}

#[test]
fn g_and_t_charts_for_the_time_between_rare_events() {
    // g: 14, 30, 9, 22, 41, 17, 12, 26, 35, 19, 8, 160 days. Mean 393 / 12 = 32.75; σ =
    // √(32.75 x 33.75) = 33.2462404; upper limit 32.75 + 3σ = 132.4887212 (to 6 places, as the
    // JSON holds it: 132.488721); lower 0. The centre line is the median, (19 + 22) / 2 = 20.5.
    // 160 days is above the upper limit: special cause improvement, higher. (Worked in
    // Python's floats from qicharts2's qic.g.)
    let gaps = [
        "14", "30", "9", "22", "41", "17", "12", "26", "35", "19", "8", "160",
    ];
    let r = rare_events_card("g", "days", &gaps)
        .unwrap()
        .score(None)
        .unwrap();
    let spc = r.measures[0].spc.as_ref().unwrap();
    assert_eq!(spc.chart, betteroff::spc::ChartKind::G);
    assert_eq!(spc.points[0].mean, Some(20.5));
    assert_eq!(spc.points[0].upper, Some(132.488721));
    assert_eq!(spc.points[0].lower, Some(0.0));
    assert_eq!(spc.variation_icon, VariationIcon::ImprovementHigh);
    let json = r.to_json();
    assert!(json.contains("\"chart\": \"g\""));
    // The chart names its centre line as what it is.
    let svg = betteroff::render::spc_chart(&r.measures[0]).unwrap();
    assert!(
        svg.contains(">Median 20.5") && !svg.contains(">Mean "),
        "{svg}"
    );
    assert!(svg.contains("SPC g chart of Days between serious incidents"));
    // t: 30, 28, 35, 31, 29, 33, 27, 32, 30, 34, 29 days, then 1. Each to the power 1/3.6, an
    // individuals chart on those (mean 2.4555012, mean moving range 0.2276951, σ = 0.2018574),
    // back to the power 3.6: centre 25.380757, upper limit (2.4555012 + 3σ)^3.6 = 56.123591,
    // lower (2.4555012 - 3σ)^3.6 = 9.157108. A gap of 1 day is below it: longer gaps are
    // better, so special cause concern, lower. (qicharts2's qic.t, worked in Python's floats.)
    let short = [
        "30", "28", "35", "31", "29", "33", "27", "32", "30", "34", "29", "1",
    ];
    let t = rare_events_card("t", "days", &short)
        .unwrap()
        .score(None)
        .unwrap();
    let spc = t.measures[0].spc.as_ref().unwrap();
    assert_eq!(spc.chart, betteroff::spc::ChartKind::T);
    assert_eq!(spc.points[0].mean, Some(25.380757));
    assert_eq!(spc.points[0].upper, Some(56.123591));
    assert_eq!(spc.points[0].lower, Some(9.157108));
    assert_eq!(spc.points[11].rule, betteroff::spc::Rule::BelowLcl);
    assert_eq!(spc.variation_icon, VariationIcon::ConcernLow);
    let svg = betteroff::render::spc_chart(&t.measures[0]).unwrap();
    assert!(svg.contains(">Centre 25.4"), "{svg}");
    // A gap of 0 days has no place on a t chart (the time between events is above 0): no SPC,
    // and the notes say why; a g chart takes it.
    let mut zero = gaps;
    zero[3] = "0";
    let r = rare_events_card("t", "days", &zero)
        .unwrap()
        .score(None)
        .unwrap();
    assert!(r.measures[0].spc.is_none());
    assert!(r.measures[0].notes.contains(&"No SPC: a t chart is for times between events, each above 0, and the 2024-04 figure is not.".to_string()), "{:?}", r.measures[0].notes);
    assert!(rare_events_card("g", "days", &zero)
        .unwrap()
        .score(None)
        .unwrap()
        .measures[0]
        .spc
        .is_some());
    // Only days or counts.
    let e = rare_events_card("g", "percentage", &gaps)
        .unwrap_err()
        .to_string();
    assert!(e.contains("a g chart is for the days (or cases) between rare events, a number of days or a count, and the measure's unit is percentage"), "{e}");
}

#[test]
fn rules_switched_off_and_presets_read_back_the_same() {
    // The abspc preset with only the outside and shift rules: the definition says so, and its
    // own JSON (to_json, the file format) reads back to the same options.
    let def = "id = \"r\"\ntitle = \"R\"\n[analysis]\nspc_preset = \"abspc\"\nspc_rules = [\"outside\", \"shift\"]\nspc_conflict = \"improvement\"\n[[sections]]\nid = \"s\"\ntitle = \"S\"\nkind = \"priority\"\n";
    let card = Scorecard::from_toml(def, "r.toml").unwrap();
    let spc = &card.definition().analysis.spc;
    assert_eq!(
        (spc.shift_length, spc.trend_length, spc.screen_outliers),
        (8, 6, false)
    );
    assert_eq!(spc.limits, betteroff::spc::LimitWidth::Exact);
    assert!(spc.rules.outside && spc.rules.shift && !spc.rules.trend && !spc.rules.two_in_three);
    assert_eq!(spc.conflict, betteroff::spc::Conflict::Improvement);
    let json = card.definition().to_json();
    assert!(
        json.contains("\"spc_preset\": \"abspc\"")
            && json.contains("\"spc_rules\"")
            && json.contains("\"spc_conflict\": \"improvement\""),
        "{json}"
    );
    let back = Scorecard::from_json(&json, "r.json").unwrap();
    assert_eq!(&back.definition().analysis.spc, spc);
    // An unknown rule is refused, naming the field.
    let e = Scorecard::from_toml(&def.replace("\"shift\"]", "\"runs\"]"), "r.toml")
        .unwrap_err()
        .to_string();
    assert!(e.contains("field \"analysis.spc_rules\": unknown rule \"runs\": expected some of outside, trend, two_in_three, shift"), "{e}");
    let e = Scorecard::from_toml(&def.replace("\"improvement\"", "\"better\""), "r.toml")
        .unwrap_err()
        .to_string();
    assert!(e.contains("field \"analysis.spc_conflict\": unknown choice \"better\": expected one of rule_order, improvement, concern"), "{e}");
}

#[test]
fn the_power_bi_preset_and_the_two_in_three_readings_read_back_the_same() {
    use betteroff::spc::{LimitWidth, TwoInThree};
    let def = |analysis: &str| {
        format!("id = \"r\"\ntitle = \"R\"\n[analysis]\n{analysis}\n[[sections]]\nid = \"s\"\ntitle = \"S\"\nkind = \"priority\"\n")
    };
    let read = |analysis: &str| Scorecard::from_toml(&def(analysis), "r.toml");
    // The preset: the visual's lengths and limits, its two-in-three rule, screening on.
    let card = read("spc_preset = \"powerbi_spc\"").unwrap();
    let spc = card.definition().analysis.spc.clone();
    assert_eq!(
        (
            spc.shift_length,
            spc.trend_length,
            spc.screen_outliers,
            spc.limits,
            spc.two_in_three
        ),
        (7, 5, true, LimitWidth::Exact, TwoInThree::BeyondWarning)
    );
    assert_eq!(
        (spc.trend_direction, spc.precedence),
        (
            betteroff::spc::TrendDirection::OwnTrend,
            betteroff::spc::Precedence::TwoInThreeFirst
        )
    );
    // Each way of writing the options reads back, from the definition's own JSON, the same;
    // the abspc preset with the Western Electric rule, and the default with it, included.
    for analysis in [
        "spc_preset = \"powerbi_spc\"",
        "spc_preset = \"powerbi_spc\"\nspc_two_in_three = \"within_limits\"",
        "spc_preset = \"abspc\"\nspc_two_in_three = \"beyond_warning\"",
        "spc_two_in_three = \"beyond_warning\"",
        "spc_trend_direction = \"own_trend\"",
        "spc_preset = \"powerbi_spc\"\nspc_trend_direction = \"step_after\"",
        "spc_precedence = \"two_in_three_first\"",
        "spc_preset = \"powerbi_spc\"\nspc_precedence = \"trend_first\"",
    ] {
        let card = read(analysis).unwrap();
        let json = card.definition().to_json();
        let back = Scorecard::from_json(&json, "r.json").unwrap();
        assert_eq!(
            back.definition().analysis.spc,
            card.definition().analysis.spc,
            "{analysis}: {json}"
        );
    }
    let json = card.definition().to_json();
    assert!(
        json.contains("\"spc_preset\": \"powerbi_spc\"") && !json.contains("spc_two_in_three"),
        "{json}"
    );
    let e = read("spc_two_in_three = \"western\"")
        .unwrap_err()
        .to_string();
    assert!(e.contains("field \"analysis.spc_two_in_three\": unknown choice \"western\": expected one of within_limits, beyond_warning"), "{e}");
    let e = read("spc_trend_direction = \"later\"")
        .unwrap_err()
        .to_string();
    assert!(e.contains("field \"analysis.spc_trend_direction\": unknown choice \"later\": expected one of step_after, own_trend"), "{e}");
    let e = read("spc_precedence = \"shift_first\"")
        .unwrap_err()
        .to_string();
    assert!(e.contains("field \"analysis.spc_precedence\": unknown choice \"shift_first\": expected one of trend_first, two_in_three_first"), "{e}");
}

/// A monthly measure, 2023-01 to 2024-06: 10, 12 alternating for six months, then 20, 22 for
/// six, then (rebased in January 2024) 30, 32 for six; `spc` is its SPC settings.
fn frozen_card(spc: &str) -> Result<Scorecard, betteroff::Errors> {
    let def = format!(
        r#"
id = "fz"
title = "Frozen"
[[sections]]
id = "s"
title = "S"
kind = "priority"
[[sections.measures]]
id = "m"
name = "Visits"
kind = "how_much"
unit = "count"
polarity = "higher_is_better"
frequency = "monthly"
spc = {{ {spc} }}
"#
    );
    let mut obs = String::from("measure,period,value\n");
    for i in 0..18 {
        let base = [10, 20, 30][i / 6];
        obs.push_str(&format!(
            "m,{}-{:02},{}\n",
            2023 + i / 12,
            i % 12 + 1,
            base + 2 * (i % 2)
        ));
    }
    Scorecard::load(Sources {
        definition: ("fz.toml", &def),
        observations: Some(("obs.csv", &obs)),
        ..Sources::default()
    })
}

#[test]
fn limits_frozen_on_a_named_baseline_period_then_rebased() {
    // By hand. Fixed on 2023-01 to 2023-06 (10, 12 three times): mean 11, mean moving range 2,
    // limits 11 +/- 2.66 x 2 = 5.68 to 16.32, extended over the rest of the phase, so the six
    // figures of 20 and 22 are all above the upper limit; the 12 before them, above the mean,
    // starts a run of seven above it (a shift, the rule after the limits). The phase rebased in January 2024
    // (30, 32) has its own: 31 +/- 5.32. Not fixed, the first phase's limits come from all its
    // twelve figures: mean 16, moving ranges ten 2s and an 8 (kept: under 3.267 x 28/11),
    // limits 16 +/- 2.66 x 28/11 = 9.229 to 22.771.
    let r = frozen_card("rebase = [\"2024-01\"], fix_until = \"2023-06\"")
        .unwrap()
        .score(None)
        .unwrap();
    let spc = r.measures[0].spc.as_ref().unwrap();
    let (p, q) = (&spc.points[0], &spc.points[17]);
    assert_eq!(
        (p.mean, p.lower, p.upper),
        (Some(11.0), Some(5.68), Some(16.32))
    );
    assert_eq!(
        (q.mean, q.lower, q.upper),
        (Some(31.0), Some(25.68), Some(36.32))
    );
    let rules: Vec<&str> = spc.points.iter().map(|p| p.rule.key()).collect();
    assert_eq!(
        &rules[..6],
        &[
            "common_cause",
            "common_cause",
            "common_cause",
            "common_cause",
            "common_cause",
            "shift_above"
        ]
    );
    assert_eq!(&rules[6..12], &["above_ucl"; 6]);
    assert_eq!(&rules[12..], &["common_cause"; 6]);
    assert_eq!(
        spc.fix_until.map(|p| p.to_string()).as_deref(),
        Some("2023-06")
    );
    let note = "The limits of the phase from 2023-01 come from the 6 figure(s) 2023-01 to 2023-06 (spc.fix_until = 2023-06) and are extended unchanged after them.";
    assert!(spc.notes.iter().any(|n| n == note), "{:?}", spc.notes);
    let json = betteroff::render::render(&r, Format::Json, false);
    assert!(json.contains("\"fix_until\": \"2023-06\""));
    // Not fixed.
    let r = frozen_card("rebase = [\"2024-01\"]")
        .unwrap()
        .score(None)
        .unwrap();
    let spc = r.measures[0].spc.as_ref().unwrap();
    let p = &spc.points[0];
    assert_eq!(
        (p.mean, p.lower, p.upper),
        (Some(16.0), Some(9.229091), Some(22.770909))
    );
    // No point is outside them; the 10s lie beyond the lower near band (16 - 1.7733 x 28/11 =
    // 11.486) and the 22s beyond the upper (20.514), two in each three on one side.
    let (cc, below, above) = ("common_cause", "two_in_three_below", "two_in_three_above");
    let rules: Vec<&str> = spc.points.iter().map(|p| p.rule.key()).collect();
    assert_eq!(
        &rules[..12],
        &[below, cc, below, cc, below, cc, cc, above, cc, above, cc, above]
    );
    assert_eq!(spc.fix_until, None);
    // The definition's own JSON reads back to the same settings.
    let card = frozen_card("rebase = [\"2024-01\"], fix_until = \"2023-06\"").unwrap();
    let def = card.definition().to_json();
    assert!(def.contains("\"fix_until\": \"2023-06\""), "{def}");
    let back = Scorecard::from_json(&def, "fz.json").unwrap();
    let spc = |c: &Scorecard| c.definition().sections[0].measures[0].spc.clone();
    assert_eq!(spc(&back), spc(&card));
}

#[test]
fn fixed_limits_asked_two_ways_or_on_an_attribute_chart_are_refused() {
    let e = |spc: &str| {
        frozen_card(spc)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    };
    assert!(e("fix_after = 6, fix_until = \"2023-06\"").contains("field \"spc.fix_until\": measure \"m\": give fix_after (a number of points) or fix_until (a period), not both"), "{}", e("fix_after = 6, fix_until = \"2023-06\""));
    assert!(e("chart = \"c\", fix_until = \"2023-06\"")
        .contains("measure \"m\": fixed limits are drawn on XmR charts only, not on a c chart"));
    assert!(e("chart = \"c\", fix_after = 6").contains("field \"spc.fix_after\""));
    assert!(e("fix_until = \"June\"").contains("spc.fix_until"));
}
