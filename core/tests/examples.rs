//! The bundled examples scored end to end, checked against figures worked by hand from the
//! seeds, and against the golden JSON vectors every front end must reproduce.

use approx::assert_relative_eq;
use betteroff::render::{render, Format};
use betteroff::report::MeasureResult;
use betteroff::{Period, Rag, Report, Scorecard, Sources, Status};
use std::fs;

#[path = "common/examples.rs"]
mod loading;
use loading::{load, root};

fn score(example: &str, as_of: Option<&str>) -> Report {
    load(example)
        .score(as_of.map(|p| p.parse::<Period>().unwrap()))
        .unwrap()
}

fn measure<'r>(r: &'r Report, id: &str) -> &'r MeasureResult {
    r.measures
        .iter()
        .find(|m| m.id == id)
        .unwrap_or_else(|| panic!("no measure {id}"))
}

#[test]
fn wsoa_relative_targets_resolve_to_the_seed_figures() {
    // WSoA area 2 A3: "by 50% compared to the April 2019 benchmark (32%)" -> 16%;
    // "by 50% compared to the April 2019 baseline (28%)" -> 14%.
    let r = score("examples/dudley-wsoa", Some("2020-05"));
    assert_eq!(
        measure(&r, "2.A3a").target.as_ref().unwrap().value,
        Some(16.0)
    );
    assert_eq!(
        measure(&r, "2.A3b").target.as_ref().unwrap().value,
        Some(14.0)
    );
    // Area 11 D2: "from the current 0.9% to the national average of 4.5% by July 2024".
    let gld = measure(&r, "11.D2b");
    assert_eq!(gld.baseline.unwrap().value, 0.9);
    assert_eq!(gld.target.as_ref().unwrap().value, Some(4.5));
    assert_eq!(
        gld.target.as_ref().unwrap().due,
        Some("2024-07".parse().unwrap())
    );
}

#[test]
fn semantics_worked_check_on_the_wsoa_example() {
    // semantics section 5: b = 32% (2019-04-30), T = 16% by 2020-05-31, lower is better;
    // at 2019-10-31 v = 25%: e = 32 - 16 x 184/397 = 24.58%, at risk, progress 43.75%.
    let r = score("examples/dudley-wsoa", Some("2019-10"));
    let m = measure(&r, "2.A3a");
    assert_eq!(m.value, Some(25.0));
    assert_relative_eq!(m.expected.unwrap(), 24.584383, epsilon = 1e-6);
    assert_eq!(m.status, Status::AtRisk);
    assert_eq!(m.rag, Rag::Amber);
    assert_eq!(m.progress_pct, Some(43.75));
}

#[test]
fn wsoa_statuses_as_of_may_2020() {
    let r = score("examples/dudley-wsoa", Some("2020-05"));
    let status = |id: &str| measure(&r, id).status;
    // Lower is better: 2.A3b 28% -> 14% (target 14%) achieved; 2.A3a 32% -> 17% (target 16%)
    // missed at the due date.
    assert_eq!(status("2.A3b"), Status::Achieved);
    assert_eq!(status("2.A3a"), Status::Missed);
    // Each figure the report states keeps its own label: the real April 2019 benchmark, the
    // illustrative figures after it.
    let notes = &measure(&r, "2.A3a").notes;
    assert!(
        notes.contains(
            &"The 2019-04 figure: Real: WSoA area 2 A3 (the April 2019 benchmark, 32%)".to_string()
        ),
        "{notes:?}"
    );
    assert!(
        notes.contains(&"The 2019-10 and 2020-05 figures: Illustrative".to_string()),
        "{notes:?}"
    );
    // Higher is better: 14.D2a offers 40 (Oct 2019) to 48 by Oct 2020; at 2020-04-30,
    // 182 of 366 days: e = 40 + 8 x 182/366 = 43.98, v = 44 -> on track.
    let offers = measure(&r, "14.D2a");
    assert_relative_eq!(
        offers.expected.unwrap(),
        40.0 + 8.0 * 182.0 / 366.0,
        epsilon = 1e-6
    );
    assert_eq!(offers.status, Status::OnTrack);
    // 14.D2b apprenticeships 25 to 30: e = 25 + 5 x 182/366 = 27.49, v = 26, short 1.49 > 0.5.
    assert_eq!(status("14.D2b"), Status::OffTrack);
    // Higher is better, achieved: 5.B1 45% x 1.2 = 54%, v = 55%.
    assert_eq!(
        measure(&r, "5.B1").target.as_ref().unwrap().value,
        Some(54.0)
    );
    assert_eq!(status("5.B1"), Status::Achieved);
    // Higher is better, missed: 3.A5a 91% against at least 95% due May 2020.
    assert_eq!(status("3.A5a"), Status::Missed);
    // A figure flagged missing: no data, and a note says why.
    let aw = measure(&r, "9.B3");
    assert_eq!(aw.status, Status::NoData);
    assert!(
        aw.notes
            .iter()
            .any(|n| n.contains("the figure for 2020-05 is missing")),
        "{:?}",
        aw.notes
    );
}

#[test]
fn wsoa_milestones_and_direction_only() {
    // Area 2 B1: appeals "stemmed in the year from January 2020 and reduced by 50% in the year
    // from January 2021": from 56 in 2019, at most 56 in 2020 and at most 28 in 2021.
    let r = score("examples/dudley-wsoa", Some("2020-05"));
    let t = measure(&r, "2.B1a").target.as_ref().unwrap();
    let ms: Vec<Option<f64>> = t.milestones.iter().map(|m| m.value).collect();
    assert_eq!(ms, [Some(56.0), Some(28.0)]);
    assert_eq!(t.value, Some(56.0));
    // Area 14: "Increase in the number of apprenticeships offered": 12 -> 15, improving.
    let dir = measure(&r, "14.req");
    assert_eq!(dir.target.as_ref().unwrap().value, None);
    assert_eq!(dir.status, Status::OnTrack);
}

#[test]
fn wsoa_gap_comparator_and_quartile_targets() {
    let r = score("examples/dudley-wsoa", Some("2020-05"));
    // Area 12 A (illustrative figures): SEND absence 7.9% vs all pupils 4.8% in 2017/18, a gap
    // of 3.1; halved -> 1.55. In 2018/19 7.6 vs 4.7: gap 2.9; progress (2.9-3.1)/(1.55-3.1) = 12.9%.
    let gap = measure(&r, "12.A");
    let t = gap.target.as_ref().unwrap();
    assert_relative_eq!(t.value.unwrap(), 1.55, epsilon = 1e-9);
    assert_relative_eq!(t.judged.unwrap(), 2.9, epsilon = 1e-9);
    assert_relative_eq!(
        gap.progress_pct.unwrap(),
        0.2 / 1.55 * 100.0,
        epsilon = 1e-5
    );
    // Area 11 D2a: match England, 28.5% in 2018/19.
    assert_eq!(
        measure(&r, "11.D2a").target.as_ref().unwrap().value,
        Some(28.5)
    );
    // Area 2 B1c: top quartile of 152 LAs (ours 28.0 and 151 illustrative values), type 7.
    let q = measure(&r, "2.B1c").target.as_ref().unwrap().value.unwrap();
    let mut all: Vec<f64> = (1..152)
        .map(|i| (22.0 + 20.0 * f64::from((i * 37) % 151) / 150.0) * 10.0)
        .map(|x: f64| x.round() / 10.0)
        .collect();
    all.push(28.0);
    all.sort_by(f64::total_cmp);
    let h = 151.0 * 0.75;
    let expect = all[113] + (h - 113.0) * (all[114] - all[113]);
    assert_relative_eq!(q, expect, epsilon = 1e-6);
}

#[test]
fn wsoa_actions_match_the_march_2020_review() {
    // SEND programme update, June 2020: "Of the 131 specific actions in the WSOA, 31 are
    // completed, 79 in progress and 21 yet to start". The plan numbers 134; 3 are withdrawn.
    let r = score("examples/dudley-wsoa", Some("2020-03"));
    let a = &r.summary.actions;
    assert_eq!(
        (
            a.total,
            a.completed,
            a.in_progress,
            a.not_started,
            a.withdrawn
        ),
        (134, 31, 79, 21, 3)
    );
    assert_relative_eq!(
        a.percent_complete.unwrap(),
        31.0 / 131.0 * 100.0,
        epsilon = 1e-6
    );
    let sections = r.sections.len();
    assert_eq!(sections, 14, "the 14 areas of significant weakness");
}

#[test]
fn every_status_appears_in_the_examples() {
    let wsoa = score("examples/dudley-wsoa", Some("2020-05"));
    let dorset = score("examples/dorset", None);
    let seen: Vec<Status> = wsoa
        .measures
        .iter()
        .chain(&dorset.measures)
        .map(|m| m.status)
        .collect();
    for s in Status::ALL {
        assert!(seen.contains(&s), "{s:?} appears in no example");
    }
}

#[test]
fn dorset_demand_forecast_and_attainment_gaps() {
    let r = score("examples/dorset", None);
    assert_eq!(r.as_of, "2020-Q4".parse().unwrap());
    // Strategy table 3: EHCPs 1,568 (2017) -> 1,598 (2020) -> 1,676 (2025) -> 1,693 (2030).
    let ehcp = r
        .projections
        .iter()
        .find(|p| p.id == "ehcp-demand")
        .unwrap();
    let rounded: Vec<f64> = ehcp.steps.iter().map(|s| s.rounded).collect();
    assert_eq!(rounded, [1598.0, 1676.0, 1693.0]);
    // Strategy table 4: SEN support 37 vs England 36.2 is +0.8; vs neighbours 34.9 is +2.1.
    let a8 = measure(&r, "ctx-a8-sen-support");
    let gap = |name: &str| {
        a8.comparators
            .iter()
            .find(|c| c.name == name)
            .unwrap()
            .gap
            .unwrap()
    };
    assert_relative_eq!(gap("England"), 0.8, epsilon = 1e-9);
    assert_relative_eq!(gap("Statistical neighbours"), 2.1, epsilon = 1e-9);
    assert_eq!(a8.comparators[1].position, Some("better"));
    // Pupils without SEN 53.4 vs neighbours 53.5: -0.1, worse.
    let no_sen = measure(&r, "ctx-a8-no-sen");
    assert_relative_eq!(no_sen.comparators[0].gap.unwrap(), -0.1, epsilon = 1e-9);
    assert_eq!(no_sen.comparators[0].position, Some("worse"));
    // The data development agenda lists both measures to be developed.
    let agenda: Vec<&str> = r
        .summary
        .data_development
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    assert_eq!(agenda, ["bo-11", "bo-12"]);
    // A percentage from numerator and denominator: 56 of 76 = 73.68%.
    let ehcp20 = measure(&r, "p2-hw2");
    assert_eq!(ehcp20.value, Some(73.684211));
    assert_eq!(
        (ehcp20.numerator, ehcp20.denominator),
        (Some(56.0), Some(76.0))
    );
    // A suppressed latest figure is reported as suppressed, not dropped.
    assert_eq!(measure(&r, "p2-hw4").status, Status::Suppressed);
}

#[test]
fn golden_vectors_are_reproduced_byte_for_byte() {
    let manifest: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(root().join("tests/vectors/manifest.json")).unwrap(),
    )
    .unwrap();
    let vectors = manifest["vectors"].as_array().unwrap();
    assert!(!vectors.is_empty());
    for v in vectors {
        let example = v["example"].as_str().unwrap();
        let as_of = v["as_of"].as_str();
        let expected = fs::read_to_string(root().join(v["file"].as_str().unwrap())).unwrap();
        let format = Format::parse(v["format"].as_str().unwrap()).unwrap();
        let got = render(&score(example, as_of), format, false);
        assert!(got == expected, "{example} at {as_of:?} differs from {}; run scripts/bless-vectors.sh only if the change is intended", v["file"]);
    }
}

#[test]
fn json_definition_scores_like_toml() {
    // The same structure in JSON: a card converted from the WSoA TOML scores identically.
    let toml_text = fs::read_to_string(root().join("examples/dudley-wsoa/scorecard.toml")).unwrap();
    let value: toml::Value = toml::from_str(&toml_text).unwrap();
    let json_text = serde_json::to_string_pretty(&value).unwrap();
    let obs = fs::read_to_string(root().join("examples/dudley-wsoa/observations.csv")).unwrap();
    let cmp = fs::read_to_string(root().join("examples/dudley-wsoa/comparators.csv")).unwrap();
    let act = fs::read_to_string(root().join("examples/dudley-wsoa/actions.csv")).unwrap();
    let notes = fs::read_to_string(root().join("examples/dudley-wsoa/commentary.csv")).unwrap();
    let load = |def: (&str, &str)| {
        Scorecard::load(Sources {
            definition: def,
            observations: Some(("o.csv", &obs)),
            comparators: Some(("c.csv", &cmp)),
            actions: Some(("a.csv", &act)),
            commentary: Some(("n.csv", &notes)),
            annotations: None,
            workbooks: &[],
            tables: &[],
        })
        .unwrap()
    };
    let as_of = Some("2020-05".parse().unwrap());
    let a = load(("s.toml", &toml_text)).score(as_of).unwrap();
    let b = load(("s.json", &json_text)).score(as_of).unwrap();
    assert_eq!(a.to_json(), b.to_json());
}

#[test]
fn statistics_on_the_examples() {
    use betteroff::spc::{Assurance, PointType};
    use betteroff::Significance;
    let r = score("examples/dudley-wsoa", Some("2020-05"));
    // Local Offer usage, 26 monthly figures (illustrative): mean 5,447.69; moving ranges average
    // 172.8, one of them (610) is at least 3.267 x that and is screened out, leaving 142.5; so
    // the upper limit is 5,447.69 + 2.66 x 142.5 = 5,826.74 (worked by hand, numpy to check).
    let lo = measure(&r, "9.A1");
    let spc = lo.spc.as_ref().unwrap();
    let last = spc.points.last().unwrap();
    assert_relative_eq!(last.mean.unwrap(), 5447.692308, epsilon = 1e-6);
    assert_relative_eq!(last.upper.unwrap(), 5826.742308, epsilon = 1e-6);
    assert_eq!(last.rule_text, "Above UCL");
    assert_eq!(spc.variation, PointType::SpecialCauseImprovement);
    // The target of 6,240 is above the upper limit, and higher is better: consistently fails.
    assert_eq!(spc.assurance, Some(Assurance::ConsistentFail));
    // The forecast made from the figures up to the April 2019 baseline was for a falling line:
    // 6,400 in May 2020 is better than it, so the curve has turned.
    assert_eq!(lo.forecast.as_ref().unwrap().turned, Some(true));

    // 2.A3a: least squares through (0, 32), (184, 25), (397, 17) days from 2019-04-30: slope
    // -13.798237 a year, from 31.982912 at the baseline. The target is due 2020-05, the report's
    // own period: its figure, not a forecast, judges it, so no forecast at the due date is
    // stated (the line would give 16.985239 there).
    let f = measure(&r, "2.A3a").forecast.as_ref().unwrap();
    assert_relative_eq!(f.slope_per_year, -13.798237, epsilon = 1e-6);
    assert_relative_eq!(f.from_value, 31.982912, epsilon = 1e-6);
    assert_relative_eq!(
        f.from_value + f.slope_per_year / 365.25 * 397.0,
        16.985239,
        epsilon = 1e-5
    );
    assert_eq!((f.at_due, f.reachable), (None, None));

    // 14.A1: 374 of 384 with a destination: Wilson 95% interval 95.273346% to 98.579436%.
    let i = measure(&r, "14.A1").interval.as_ref().unwrap();
    assert_eq!(
        (i.method, i.lower_95, i.upper_95),
        ("wilson", 95.273346, 98.579436)
    );

    // 2.B1c among 152 areas (151 illustrative and ours, 28%): type-7 quartiles 27.05, 31.95,
    // 36.95; 105 areas are higher, so rank 106 and band C; the ten named neighbours average 31.63.
    let b = measure(&r, "2.B1c").benchmark.as_ref().unwrap();
    assert_eq!((b.areas, b.q1, b.median, b.q3), (152, 27.05, 31.95, 36.95));
    assert_eq!(
        (b.band.as_deref(), b.rank, b.sn_count),
        (Some("C"), Some(106), 10)
    );
    assert_relative_eq!(b.sn_average.unwrap(), 31.63, epsilon = 1e-9);

    // Stockton: the monthly series is rebased in January 2022; the second group's mean is the
    // average of its twelve monthly percentages, 65.365497%.
    let s = score("examples/stockton", None);
    let m = measure(&s, "ehcp-20-weeks-monthly");
    let spc = m.spc.as_ref().unwrap();
    assert_eq!(spc.points.iter().filter(|p| p.group == 1).count(), 12);
    assert_relative_eq!(
        spc.points.last().unwrap().mean.unwrap(),
        65.365497,
        epsilon = 1e-6
    );
    // 38 of 57 within 20 weeks (2022-Q4): Wilson 53.72% to 77.51% holds England's 59.6%: similar.
    let q = measure(&s, "ehcp-20-weeks");
    assert_eq!(q.comparators[0].significance, Some(Significance::Similar));
}

/// Batch SPC (columns in, columns out) gives every point of every example's SPC the rule, the
/// point type and the limits the scorecard's report gives it. A rebased measure's groups are
/// separate series. The report rounds limits to 6 decimal places.
#[test]
fn batch_spc_equals_the_scorecard() {
    use betteroff::batch;
    let mut compared = 0;
    for (example, as_of) in [
        ("examples/dudley-wsoa", Some("2020-05")),
        ("examples/stockton", None),
        ("examples/dorset", None),
    ] {
        let report = score(example, as_of);
        for m in &report.measures {
            let Some(spc) = &m.spc else { continue };
            let keys: Vec<usize> = spc.points.iter().map(|p| p.group).collect();
            let values: Vec<f64> = spc.points.iter().map(|p| p.value).collect();
            let c = batch::spc(&keys, &values, m.polarity, &spc.options).unwrap();
            for (i, p) in spc.points.iter().enumerate() {
                assert_eq!(
                    (c.rule[i], c.point_type[i]),
                    (p.rule, p.point_type),
                    "{}",
                    m.id
                );
                let upper = c.per_point(&c.upper)[i];
                assert_eq!(upper.is_some(), p.upper.is_some(), "{}", m.id);
                if let (Some(a), Some(b)) = (upper, p.upper) {
                    assert!((a - b).abs() < 1e-6, "{}: {a} vs {b}", m.id);
                }
            }
            compared += 1;
        }
    }
    // Dudley's 9.A1 (Local Offer usage) and Stockton's monthly EHCP timeliness (rebased).
    assert_eq!(compared, 2);
}

#[test]
fn stocktons_breakdowns_as_csv_are_the_published_cells() {
    let r = score("examples/stockton", None);
    let csv = betteroff::render::breakdowns_csv(&r);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "measure,dimension,category,period,value,symbol,share_pct,change,change_from"
    );
    // EHC plans, 2022-Q4: 1,383 in all; 5-10 is 449, 449 / 1,383 = 32.4656...%, up 8 on
    // 2022-Q3's 441. 0-4 (3) is a small count, withheld, and 20-25 with it, so neither can be
    // worked back from the total, and neither has a change.
    assert!(
        lines.contains(&"ehcp-count,age_group,5-10,2022-Q4,449,,32.465654,8,2022-Q3"),
        "{csv}"
    );
    assert!(
        lines.contains(&"ehcp-count,age_group,0-4,2022-Q4,,c,,,"),
        "{csv}"
    );
    assert!(
        lines.contains(&"ehcp-count,age_group,20-25,2022-Q4,,c,,,"),
        "{csv}"
    );
    assert!(!csv.contains(",3,") && !csv.contains(",112,"), "{csv}");
}

#[test]
fn intervals_only_where_they_mean_something() {
    let card = |analysis: &str, count_interval: &str| {
        let def = format!(
            "id = \"t\"\ntitle = \"T\"\n{analysis}\n[[sections]]\nid = \"s\"\ntitle = \"S\"\nkind = \"result\"\n\
             [[sections.measures]]\nid = \"plans\"\nname = \"EHC plans\"\nkind = \"how_much\"\nunit = \"count\"\npolarity = \"neutral\"\n{count_interval}\n\
             [[sections.measures]]\nid = \"timely\"\nname = \"Within 20 weeks\"\nkind = \"how_well\"\nunit = \"percentage\"\npolarity = \"higher_is_better\"\n"
        );
        let obs =
            "measure,period,value,numerator,denominator\nplans,2022,1568,,\ntimely,2022,,30,40\n";
        let r = Scorecard::load(Sources {
            definition: ("s.toml", &def),
            observations: Some(("o.csv", obs)),
            ..Sources::default()
        })
        .unwrap()
        .score(None)
        .unwrap();
        (
            r.measures[0].interval.as_ref().map(|i| i.method),
            r.measures[1].interval.as_ref().map(|i| i.method),
        )
    };
    // A census count (1,568 EHC plans) takes no interval; 30 of 40 (75%) takes Wilson's.
    assert_eq!(card("", ""), (None, Some("wilson")));
    // Asked for, the count takes Byar's; the scorecard may turn the rest off.
    assert_eq!(card("", "interval = true"), (Some("byar"), Some("wilson")));
    assert_eq!(card("[analysis]\nintervals = false", ""), (None, None));
}

#[test]
fn a_risks_band_is_named_in_words_in_every_format() {
    // The Dudley WSoA risk "Capacity in the SEND case team ..." is likelihood 4 x impact 4 =
    // 16: the very high band (15 to 25). JSON gives its code, the other formats its label.
    let r = score("examples/dudley-wsoa", Some("2020-05"));
    let json = render(&r, Format::Json, false);
    assert!(json.contains("\"rating\": \"very_high\""), "{json}");
    for format in [Format::Html, Format::Markdown, Format::Text] {
        let out = render(&r, format, false);
        assert!(
            out.contains("16 (Very high)") || out.contains("16 Very high"),
            "{out}"
        );
        assert!(
            !out.contains("VeryHigh") && !out.contains("veryhigh"),
            "{out}"
        );
    }
}
