//! Every way a withheld small count was once worked back from a published report (issue 13),
//! each a regression test. Most are checked the way an attacker would: score the same scorecard
//! twice with the withheld figure at two different small values, and require every published
//! output (JSON, CSV, text, Markdown, HTML and every chart) to be the same bytes. The rest check
//! the hand-worked published figures. Default settings unless a test says otherwise: counts from
//! 1 to 4 are withheld.

use betteroff::render::{self, Format};
use betteroff::{Period, Report, Scorecard, Sources, Status};
mod common;
use common::outputs;

/// A scorecard of one section holding `measures` (TOML), with `disclosure` settings (TOML
/// lines, may be empty).
fn definition(disclosure: &str, measures: &str) -> String {
    format!(
        "id = \"leak\"\ntitle = \"Leak\"\n{disclosure}\n[analysis]\nspc_min_points = 5\n\
         [[sections]]\nid = \"s\"\ntitle = \"S\"\nkind = \"service\"\n{measures}"
    )
}

fn score(def: &str, obs: &str, cmp: &str) -> Report {
    let card = Scorecard::load(Sources {
        definition: ("leak.toml", def),
        observations: Some(("observations.csv", obs)),
        comparators: (!cmp.is_empty()).then_some(("comparators.csv", cmp)),
        actions: None,
        commentary: None,
        annotations: None,
        workbooks: &[],
        tables: &[],
    })
    .unwrap_or_else(|e| panic!("{e}"));
    card.score(Some("2021-06".parse::<Period>().unwrap()))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Scores with each of `values` in place of `{x}` (and `{y}`, the second of a pair) in the
/// observations and comparators, and requires the same published bytes every time.
fn same_bytes(def: &str, obs: &str, cmp: &str, values: &[(&str, &str)]) -> Report {
    let fill = |t: &str, (x, y): (&str, &str)| t.replace("{x}", x).replace("{y}", y);
    let first = score(def, &fill(obs, values[0]), &fill(cmp, values[0]));
    let expected = outputs(&first);
    for &v in &values[1..] {
        let other = outputs(&score(def, &fill(obs, v), &fill(cmp, v)));
        for ((name, a), (_, b)) in expected.iter().zip(&other) {
            assert!(
                a == b,
                "{name} differs between {:?} and {v:?}:\n{}",
                values[0],
                first_difference(a, b)
            );
        }
    }
    first
}

fn first_difference(a: &str, b: &str) -> String {
    let (la, lb): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    for (i, (x, y)) in la.iter().zip(&lb).enumerate() {
        if x != y {
            return format!("line {}:\n  {x}\n  {y}", i + 1);
        }
    }
    format!("{} lines against {}", la.len(), lb.len())
}

/// The first measure's breakdown values as published, in order.
fn parts(r: &Report) -> Vec<Option<f64>> {
    r.measures[0].breakdowns.iter().map(|b| b.value).collect()
}

const HEADER: &str = "measure,period,value,numerator,denominator,breakdown,category,flag\n";

fn count(id: &str, polarity: &str, extra: &str) -> String {
    format!(
        "[[sections.measures]]\nid = \"{id}\"\nname = \"Children {id}\"\nkind = \"better_off\"\n\
         unit = \"count\"\npolarity = \"{polarity}\"\n{extra}\n"
    )
}

#[test]
fn the_summary_counts_what_is_published() {
    // Leak 1: "at most 1" with a withheld 1 was counted "achieved" (3: "missed") in the summary.
    let def = definition(
        "",
        &count(
            "m",
            "lower_is_better",
            "target = { kind = \"threshold\", comparison = \"at_most\", value = 1, due = \"2021-06\" }",
        ),
    );
    let obs = format!("{HEADER}m,2021-06,{{x}},,,,,\n");
    let r = same_bytes(&def, &obs, "", &[("1", ""), ("3", "")]);
    assert_eq!(r.measures[0].status, Status::Suppressed);
    assert_eq!(
        (
            r.summary.all.by_status.achieved,
            r.summary.all.by_status.suppressed
        ),
        (0, 1)
    );
}

#[test]
fn an_earlier_benchmark_uses_published_figures_only() {
    // Leak 2: the benchmark fell back to 2021-05, where our figure was withheld, and printed it.
    let def = definition("", &count("m", "higher_is_better", ""));
    let obs = format!("{HEADER}m,2021-05,{{x}},,,,,\nm,2021-06,20,,,,,\n");
    let cmp = "measure,period,comparator,value,group\nm,2021-05,A,10,la\nm,2021-05,B,20,la\n\
               m,2021-05,C,30,la\n";
    let r = same_bytes(&def, &obs, cmp, &[("3", ""), ("4", "")]);
    // LAIT's rule benchmarks at 2021-05, the latest period with other areas' figures: the
    // quartiles of the three public figures (15, 20, 25), and no value, band or rank of ours.
    let b = r.measures[0].benchmark.as_ref().expect("a benchmark");
    assert_eq!(
        (b.value, b.band.as_deref(), b.rank, b.areas),
        (None, None, None, 3)
    );
    assert_eq!((b.q1, b.median, b.q3), (15.0, 20.0, 25.0));
}

#[test]
fn a_quartile_target_leaves_a_withheld_figure_out() {
    // Leak 3: lower is better, our 3 among 10, 20, 30: Q1 = 3 + 0.75 x 7 = 8.25 solved for 3.
    // Published, the group is the three public figures: too few for a quartile.
    let def = definition(
        "",
        &count(
            "m",
            "lower_is_better",
            "target = { kind = \"quartile\", group = \"la\", due = \"2022-06\" }",
        ),
    );
    let obs = format!("{HEADER}m,2021-06,{{x}},,,,,\n");
    let cmp = "measure,period,comparator,value,group\nm,2021-06,A,10,la\nm,2021-06,B,20,la\n\
               m,2021-06,C,30,la\n";
    let r = same_bytes(&def, &obs, cmp, &[("3", ""), ("4", "")]);
    assert_eq!(r.measures[0].target.as_ref().and_then(|t| t.value), None);
}

#[test]
fn measures_to_be_developed_are_controlled_too() {
    // Leak 4: a measure on the development agenda published its small counts.
    let def = definition("", &count("m", "neutral", "to_be_developed = true"));
    let obs = format!("{HEADER}m,2021-05,{{x}},,,,,\nm,2021-06,{{y}},,,,,\n");
    same_bytes(&def, &obs, "", &[("1", "2"), ("4", "3")]);
}

#[test]
fn percentage_breakdowns_are_checked_on_their_counts() {
    // Leak 6: 1 of 2 in a breakdown was published as 50% (2 of 2 as 100%): its counts are small.
    let def = definition(
        "",
        "[[sections.measures]]\nid = \"p\"\nname = \"Within 20 weeks\"\nkind = \"how_well\"\n\
         unit = \"percentage\"\npolarity = \"higher_is_better\"\nbreakdowns = [\"age\"]\n",
    );
    let obs = format!(
        "{HEADER}p,2021-06,,30,40,,,\np,2021-06,,{{x}},2,age,0-4,\np,2021-06,,29,38,age,5-10,\n"
    );
    let r = same_bytes(&def, &obs, "", &[("1", ""), ("2", "")]);
    let parts = parts(&r);
    // The 0-4 part is withheld, and so the 5-10 part too: the total would give it back.
    assert_eq!(parts, [None, None]);
    // Rounded to 5, 27 of 158 is published as 25 of 160, and its percentage is worked from
    // those: 15.625%, not 17.088608% (which is 27/158 to the sixth decimal).
    let def = definition(
        "[disclosure]\nround_to = 5",
        "[[sections.measures]]\nid = \"p\"\nname = \"Within 20 weeks\"\nkind = \"how_well\"\n\
         unit = \"percentage\"\npolarity = \"higher_is_better\"\n",
    );
    let r = score(&def, &format!("{HEADER}p,2021-06,,27,158,,,\n"), "");
    let m = &r.measures[0];
    assert_eq!(
        (m.numerator, m.denominator, m.value),
        (Some(25.0), Some(160.0), Some(15.625))
    );
    assert!(!render::render(&r, Format::Json, false).contains("17.08"));
}

#[test]
fn several_withheld_parts_are_protected_as_one() {
    // Leak 7: total 122 with parts 60 and 60 published gave the two withheld parts' sum, 2, so
    // both were 1. Now the smallest published part is withheld with them.
    let def = definition("", &count("t", "neutral", "breakdowns = [\"age\"]"));
    let obs = format!(
        "{HEADER}t,2021-06,122,,,,,\nt,2021-06,60,,,age,a,\nt,2021-06,60,,,age,b,\n\
         t,2021-06,1,,,age,c,\nt,2021-06,1,,,age,d,\n"
    );
    let r = score(&def, &obs, "");
    let parts = parts(&r);
    assert_eq!(parts, [None, Some(60.0), None, None]);
}

#[test]
fn a_gap_target_needs_a_published_baseline() {
    // Leak 8: halving the gap to England from a withheld baseline: the target (x - 20) / 2 gave
    // x back.
    let def = definition(
        "",
        &count(
            "g",
            "higher_is_better",
            "baseline = { period = \"2021-01\" }\n\
             target = { kind = \"gap\", comparator = \"England\", change = -50, due = \"2022-01\" }",
        ),
    );
    let obs = format!("{HEADER}g,2021-01,{{x}},,,,,\ng,2021-06,10,,,,,\n");
    let cmp = "measure,period,comparator,value\ng,2021-01,England,20\ng,2021-06,England,20\n";
    let r = same_bytes(&def, &obs, cmp, &[("3", ""), ("4", "")]);
    assert_eq!(r.measures[0].target.as_ref().unwrap().value, None);
}

#[test]
fn the_streak_stops_at_a_withheld_figure() {
    // Leak 9: 0, c, c, c, 6, 7 "higher for 5" pinned the withheld figures between 0 and 6 in
    // rising order; now a move into or out of a withheld figure is no move.
    let def = definition("", &count("s", "higher_is_better", ""));
    let obs = format!(
        "{HEADER}s,2021-01,0,,,,,\ns,2021-02,{{x}},,,,,\ns,2021-03,{{y}},,,,,\n\
         s,2021-04,4,,,,,\ns,2021-05,6,,,,,\ns,2021-06,7,,,,,\n"
    );
    // (4 is withheld too, so the figures are 0, x, y, c, 6, 7.)
    let r = same_bytes(&def, &obs, "", &[("1", "2"), ("3", "1")]);
    assert_eq!(r.measures[0].streak, 1);
}

#[test]
fn the_status_is_judged_from_published_figures() {
    // Leak 10: the trajectory from a withheld baseline (3: at risk, 4: off track) set the status.
    let def = definition(
        "",
        &count(
            "b",
            "higher_is_better",
            "baseline = { period = \"2021-01\" }\n\
             target = { kind = \"absolute\", value = 20, due = \"2022-01\" }",
        ),
    );
    let obs = format!("{HEADER}b,2021-01,{{x}},,,,,\nb,2021-06,10,,,,,\n");
    let r = same_bytes(&def, &obs, "", &[("3", ""), ("4", "")]);
    assert_eq!(r.measures[0].baseline, None);
    // And a direction-only target says nothing of a withheld previous figure.
    let def = definition(
        "",
        &count("d", "higher_is_better", "target = { kind = \"direction\" }"),
    );
    let obs = format!("{HEADER}d,2021-05,{{x}},,,,,\nd,2021-06,5,,,,,\n");
    let r = same_bytes(&def, &obs, "", &[("3", ""), ("4", "")]);
    assert_eq!(r.measures[0].status, Status::NoData);
}

#[test]
fn a_measure_s_own_settings_inherit_the_scorecard_s() {
    // Leak 11: with the scorecard's threshold 10, a measure asking only for rounding to 10
    // published 7 as 10; it inherits the threshold, so 7 is withheld.
    let def = definition(
        "[disclosure]\nthreshold = 10",
        &count("r", "neutral", "disclosure = { round_to = 10 }"),
    );
    let r = score(&def, &format!("{HEADER}r,2021-06,7,,,,,\n"), "");
    assert_eq!(
        (r.measures[0].value, r.measures[0].symbol),
        (None, Some("c"))
    );
    let r = score(&def, &format!("{HEADER}r,2021-06,17,,,,,\n"), "");
    assert_eq!(r.measures[0].value, Some(20.0));
}

#[test]
fn a_total_withheld_at_source_is_not_the_sum_of_its_parts() {
    // Leak 12: the total was suppressed at source, and its parts 10, 20 and 30 gave it back.
    let def = definition("", &count("t", "neutral", "breakdowns = [\"need\"]"));
    let obs = format!(
        "{HEADER}t,2021-06,,,,,,suppressed\nt,2021-06,10,,,need,a,\nt,2021-06,20,,,need,b,\n\
         t,2021-06,30,,,need,c,\n"
    );
    let r = score(&def, &obs, "");
    let parts = parts(&r);
    assert_eq!(parts, [None, Some(20.0), Some(30.0)]);
}

#[test]
fn stated_baselines_comparators_and_complements() {
    // A stated baseline of 3 children is withheld like an observation.
    let def = definition(
        "",
        &count(
            "b",
            "higher_is_better",
            "baseline = { period = \"2021-01\", value = {x} }\n\
             target = { kind = \"points\", change = 10, due = \"2022-01\" }",
        ),
    );
    let obs = format!("{HEADER}b,2021-06,12,,,,,\n");
    let a = outputs(&score(&def.replace("{x}", "3"), &obs, ""));
    let b = outputs(&score(&def.replace("{x}", "4"), &obs, ""));
    assert_eq!(a, b);
    let r = score(&def.replace("{x}", "3"), &obs, "");
    assert_eq!(r.measures[0].baseline, None);
    // Another area's count of 2 is not shown as a comparator, nor used.
    let def = definition("", &count("c", "higher_is_better", ""));
    let cmp = "measure,period,comparator,value\nc,2021-06,Neighbour,{x}\nc,2021-06,England,900\n";
    let r = same_bytes(
        &def,
        &format!("{HEADER}c,2021-06,12,,,,,\n"),
        cmp,
        &[("2", ""), ("3", "")],
    );
    let names: Vec<&str> = r.measures[0]
        .comparators
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(names, ["England"]);
    // 48 of 50 is withheld: the 2 who did not are a small count.
    let def = definition(
        "",
        "[[sections.measures]]\nid = \"p\"\nname = \"Reviewed\"\nkind = \"how_well\"\n\
         unit = \"percentage\"\npolarity = \"higher_is_better\"\n",
    );
    let r = same_bytes(
        &def,
        &format!("{HEADER}p,2021-06,,{{x}},50,,,\n"),
        "",
        &[("48", ""), ("47", "")],
    );
    assert_eq!(r.measures[0].value, None);
}

#[test]
fn with_rounding_every_figure_is_worked_from_rounded_counts() {
    // Rounded to 5, figures that round alike must publish alike: SPC points and limits, the
    // forecast, the baseline, the figure judged, changes, the benchmark and its quartiles, the
    // interval, the status. Each figure below moves within its rounding bucket between runs.
    let def = definition(
        "[disclosure]\nround_to = 5",
        &count(
            "r",
            "higher_is_better",
            "baseline = { period = \"2021-01\" }\n\
             target = { kind = \"relative\", change = 50, due = \"2022-01\" }",
        ),
    );
    // x and y are last digits: 2x is 23 or 24 (published 25), 3y is 33 or 36 (35), 4x is 43 or
    // 44 (45), and each other figure is fixed.
    let obs = format!(
        "{HEADER}r,2021-01,2{{x}},,,,,\nr,2021-02,21,,,,,\nr,2021-03,3{{y}},,,,,\n\
         r,2021-04,31,,,,,\nr,2021-05,29,,,,,\nr,2021-06,4{{x}},,,,,\n"
    );
    let cmp = "measure,period,comparator,value,group\nr,2021-06,A,11,la\nr,2021-06,B,2{x},la\n\
               r,2021-06,C,41,la\nr,2021-06,England,3{y},\n";
    let r = same_bytes(&def, &obs, cmp, &[("3", "3"), ("4", "6")]);
    let m = &r.measures[0];
    // Published: 25, 20, 35, 30, 30, 45; the baseline 25, the target 25 x 1.5 = 37.5, met.
    assert_eq!(m.value, Some(45.0));
    assert_eq!(m.baseline.map(|b| b.value), Some(25.0));
    assert_eq!(m.target.as_ref().unwrap().value, Some(37.5));
    assert_eq!(m.status, Status::Achieved);
    assert!(m.spc.is_some() && m.forecast.is_some() && m.benchmark.is_some());
}

mod property {
    //! The property that makes leaks impossible by construction, on generated scorecards: for
    //! any scorecard and data, no published byte changes when a withheld count changes within
    //! the withheld range, nor (counts rounded) when a published count changes within its
    //! rounding bucket.

    use super::{outputs, score};
    use proptest::prelude::*;

    /// One count measure: its polarity, baseline, target, monthly figures (2021-01 on), a
    /// breakdown (parts, and a total flagged suppressed at source or not) and other areas'
    /// figures at the last month.
    #[derive(Debug, Clone)]
    struct Spec {
        polarity: usize,
        baseline: usize,
        target: usize,
        series: Vec<u32>,
        parts: Vec<u32>,
        total_suppressed: bool,
        areas: Vec<u32>,
    }

    const POLARITIES: [&str; 3] = ["higher_is_better", "lower_is_better", "neutral"];

    fn spec() -> impl Strategy<Value = Spec> {
        (
            0..3usize,
            0..4usize,
            0..7usize,
            prop::collection::vec(prop_oneof![0u32..5, 0u32..40], 3..14),
            prop::collection::vec(prop_oneof![0u32..5, 0u32..40], 0..4),
            any::<bool>(),
            prop::collection::vec(0u32..40, 0..5),
        )
            .prop_map(
                |(polarity, baseline, target, mut series, parts, total_suppressed, areas)| {
                    // A change or gap target needs a baseline; a relative one, not zero.
                    let baseline = if matches!(target, 2 | 3 | 6) {
                        baseline.max(1)
                    } else {
                        baseline
                    };
                    if target == 2 && series[0] == 0 {
                        series[0] = 7;
                    }
                    Spec {
                        polarity,
                        baseline,
                        target,
                        series,
                        parts,
                        total_suppressed,
                        areas,
                    }
                },
            )
    }

    fn month(i: usize) -> String {
        format!("{}-{:02}", 2021 + i / 12, i % 12 + 1)
    }

    /// The definition, observations and comparators of measures `specs`.
    fn files(specs: &[Spec], threshold: u32, round_to: Option<u32>) -> (String, String, String) {
        let mut def = format!(
            "id = \"p\"\ntitle = \"P\"\n[disclosure]\nthreshold = {threshold}\n{}\
             [analysis]\nspc_min_points = 4\n[[sections]]\nid = \"s\"\ntitle = \"S\"\n\
             kind = \"service\"\n",
            round_to.map_or(String::new(), |b| format!("round_to = {b}\n"))
        );
        let mut obs = String::from("measure,period,value,breakdown,category,flag\n");
        let mut cmp = String::from("measure,period,comparator,value,group\n");
        for (k, s) in specs.iter().enumerate() {
            let id = format!("m{k}");
            let baseline = match s.baseline {
                0 => String::new(),
                1 => "baseline = { first_observation = true }\n".into(),
                2 => "baseline = { period = \"2021-01\" }\n".into(),
                _ => "baseline = { period = \"2020-12\", value = 3 }\n".into(),
            };
            let target = [
                "",
                "target = { kind = \"absolute\", value = 20, due = \"2022-06\" }\n",
                "target = { kind = \"relative\", change = -50, due = \"2022-06\" }\n",
                "target = { kind = \"points\", change = 5, due = \"2021-06\" }\n",
                "target = { kind = \"direction\" }\n",
                "target = { kind = \"quartile\", group = \"la\", due = \"2022-06\" }\n",
                "target = { kind = \"gap\", comparator = \"England\", change = -50, due = \"2022-06\" }\n",
            ][s.target];
            // A quartile needs a better side; a gap on a neutral measure is fine.
            let polarity = if s.target == 5 && s.polarity == 2 {
                0
            } else {
                s.polarity
            };
            def.push_str(&format!(
                "[[sections.measures]]\nid = \"{id}\"\nname = \"Children {k}\"\n\
                 kind = \"better_off\"\nunit = \"count\"\npolarity = \"{}\"\n\
                 breakdowns = [\"age\"]\n{baseline}{target}",
                POLARITIES[polarity]
            ));
            let last = s.series.len() - 1;
            for (i, v) in s.series.iter().enumerate() {
                if i == last && s.total_suppressed && !s.parts.is_empty() {
                    obs.push_str(&format!("{id},{},,,,suppressed\n", month(i)));
                } else {
                    obs.push_str(&format!("{id},{},{v},,,\n", month(i)));
                }
            }
            for (j, v) in s.parts.iter().enumerate() {
                obs.push_str(&format!("{id},{},{v},age,a{j},\n", month(last)));
            }
            for (a, v) in s.areas.iter().enumerate() {
                cmp.push_str(&format!("{id},{},LA{a},{v},la\n", month(last)));
            }
            cmp.push_str(&format!(
                "{id},2021-01,England,30,\n{id},{},England,25,\n",
                month(last)
            ));
        }
        (def, obs, cmp)
    }

    /// Each figure as the tests vary it: the place of every count in `specs`.
    fn counts(specs: &mut [Spec]) -> Vec<&mut u32> {
        specs
            .iter_mut()
            .flat_map(|s| {
                s.series
                    .iter_mut()
                    .chain(s.parts.iter_mut())
                    .chain(s.areas.iter_mut())
            })
            .collect()
    }

    fn published(specs: &[Spec], threshold: u32, round_to: Option<u32>) -> Vec<(String, String)> {
        let (d, o, c) = files(specs, threshold, round_to);
        outputs(&score(&d, &o, &c))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]

        #[test]
        fn a_withheld_count_moves_no_published_byte(
            specs in prop::collection::vec(spec(), 1..3),
            threshold in prop::sample::select(vec![3u32, 5, 10]),
            round_to in prop::sample::select(vec![None, Some(5u32), Some(10)]),
            shift in 1u32..9,
        ) {
            let before = published(&specs, threshold, round_to);
            // Every withheld count (1 to threshold - 1) moved to another value in that range.
            let mut moved = specs.clone();
            let mut any = false;
            for v in counts(&mut moved) {
                if *v > 0 && *v < threshold {
                    *v = (*v - 1 + shift) % (threshold - 1) + 1;
                    any = true;
                }
            }
            prop_assume!(any);
            prop_assert_eq!(&before, &published(&moved, threshold, round_to));
        }

        #[test]
        fn a_count_within_its_rounding_bucket_moves_no_published_byte(
            specs in prop::collection::vec(spec(), 1..3),
            base in prop::sample::select(vec![5u32, 10]),
            step in 1u32..5,
        ) {
            let threshold = 3;
            let before = published(&specs, threshold, Some(base));
            // Every count that is published moved within its bucket: the multiple of `base`
            // nearest it, +/- less than half a base, staying published.
            let mut moved = specs.clone();
            for v in counts(&mut moved) {
                let centre = (f64::from(*v) / f64::from(base)).round() as u32 * base;
                if centre == 0 || *v < threshold {
                    continue;
                }
                let half = (base - 1) / 2;
                let offset = step % (2 * half + 1);
                let candidate = centre - half + offset;
                if candidate >= threshold {
                    *v = candidate;
                }
            }
            prop_assert_eq!(&before, &published(&moved, threshold, Some(base)));
        }
    }
}
