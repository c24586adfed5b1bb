//! Batch scoring equals scorecard scoring on a generated "national" workload: each area is
//! scored as its own scorecard, with every other area's figures as the comparator group `la`,
//! and every figure the batch gives is checked against the report's (both rounded to 6 decimal
//! places, as the report prints them).

use betteroff::batch::{Scores, SeriesScore};
use betteroff::report::{r6, MeasureResult};
use betteroff::{Period, Scorecard};
use betteroff_bench::{national, National};

#[path = "../../core/tests/common/contradictions.rs"]
mod contradictions;

/// Area `a`'s scorecard: its own figures as observations, the others' as comparators.
fn scorecard(w: &National, a: u32) -> Scorecard {
    let mut card = Scorecard::from_toml(&w.definition, "national.toml").expect("valid");
    let (mut obs, mut cmp) = (
        String::from("measure,period,value,flag\n"),
        String::from("measure,period,comparator,group,value\n"),
    );
    for i in 0..w.value.len() {
        let (m, p, v) = (
            &w.measure_ids[w.measure[i] as usize],
            w.periods[w.period[i] as usize],
            w.value[i],
        );
        if w.area[i] == a {
            if v.is_nan() {
                obs.push_str(&format!("{m},{p},,missing\n"));
            } else {
                obs.push_str(&format!("{m},{p},{v},\n"));
            }
        } else if !v.is_nan() {
            cmp.push_str(&format!("{m},{p},{},la,{v}\n", w.areas[w.area[i] as usize]));
        }
    }
    for (code, p, name, v) in w.comparators() {
        let m = &w.measure_ids[code as usize];
        cmp.push_str(&format!("{m},{p},{name},,{v}\n"));
    }
    card.add_observations_csv(&obs, "observations.csv")
        .expect("valid");
    card.add_comparators_csv(&cmp, "comparators.csv")
        .expect("valid");
    card
}

fn same(batch: Option<f64>, report: Option<f64>, what: &str, id: &str) {
    assert_eq!(batch.and_then(r6), report, "{id}: {what}");
}

fn check(s: &SeriesScore, r: &MeasureResult, w: &National, scores: &Scores, first_row: usize) {
    let id = &r.id;
    assert_eq!(s.status, r.status, "{id}: status");
    assert_eq!(s.period.map(|p| w.periods[p as usize]), r.period, "{id}");
    same(s.value, r.value, "value", id);
    same(s.baseline, r.baseline.map(|b| b.value), "baseline", id);
    assert_eq!(s.baseline_period, r.baseline.map(|b| b.period), "{id}");
    let t = r.target.as_ref();
    same(s.target, t.and_then(|t| t.value), "target", id);
    assert_eq!(
        s.comparison,
        t.and_then(|t| t.comparison),
        "{id}: comparison"
    );
    same(s.judged, t.and_then(|t| t.judged), "judged", id);
    same(s.expected, r.expected, "expected", id);
    same(s.progress_pct, r.progress_pct, "progress", id);
    let f = r.forecast.as_ref();
    assert_eq!(
        s.forecast_points,
        f.map(|f| f.points_used),
        "{id}: forecast"
    );
    same(s.slope_per_year, f.map(|f| f.slope_per_year), "slope", id);
    assert_eq!(s.at_due, f.and_then(|f| f.at_due), "{id}");
    assert_eq!(s.reachable, f.and_then(|f| f.reachable), "{id}");
    assert_eq!(
        s.baseline_forecast,
        f.and_then(|f| f.baseline_forecast),
        "{id}"
    );
    assert_eq!(s.turned, f.and_then(|f| f.turned), "{id}");
    let b = r.benchmark.as_ref();
    let period = s.benchmark_period.map(|p| w.periods[p as usize]);
    assert_eq!(period, b.map(|b| b.period), "{id}: benchmark");
    assert_eq!(
        (s.areas, s.rank),
        (b.map(|b| b.areas), b.and_then(|b| b.rank)),
        "{id}: rank"
    );
    assert_eq!(
        s.band.map(String::from),
        b.and_then(|b| b.band.clone()),
        "{id}: band"
    );
    same(s.q1, b.map(|b| b.q1), "q1", id);
    same(s.median, b.map(|b| b.median), "median", id);
    same(s.q3, b.map(|b| b.q3), "q3", id);
    same(
        s.benchmark_value,
        b.and_then(|b| b.value),
        "benchmark value",
        id,
    );
    // SPC: the limits, and each figure's rule, in the order of the series' figures.
    let spc = r.spc.as_ref();
    let first = spc.and_then(|x| x.points.first());
    same(s.spc_mean, first.and_then(|p| p.mean), "mean", id);
    same(s.spc_upper, first.and_then(|p| p.upper), "upper", id);
    same(s.spc_lower, first.and_then(|p| p.lower), "lower", id);
    assert_eq!(s.rows.start, first_row, "{id}: rows");
    let batch_rules: Vec<_> = scores.rule[s.rows.clone()].iter().flatten().collect();
    let report_rules: Vec<_> = spc.map_or(vec![], |x| x.points.iter().map(|p| &p.rule).collect());
    assert_eq!(batch_rules, report_rules, "{id}: rules");
    // The icons: the same one mapping (`VariationIcon::of`) and one assurance rule.
    assert_eq!(
        s.variation_icon,
        spc.map(|x| x.variation_icon),
        "{id}: variation icon"
    );
    assert_eq!(
        s.assurance,
        spc.and_then(|x| x.assurance),
        "{id}: assurance"
    );
}

#[test]
fn batch_scoring_equals_the_scorecard_area_by_area() {
    // 12 areas x 100 measures x 40 months: every unit, polarity, baseline and target kind of
    // the generator, with missing figures and late starts (48,000 rows less the late starts).
    let seen = equality(&national(12, 100, 40, 20_261_125), false);
    // The workload reaches every status the batch can give and every target kind it takes.
    for s in [
        "Achieved",
        "OnTrack",
        "AtRisk",
        "OffTrack",
        "Missed",
        "NoTarget",
        "NoData",
        "ToBeDeveloped",
        "absolute",
        "threshold",
        "relative",
        "points",
        "quartile",
        "comparator",
        "gap",
        "forecast",
        "turned",
        "reachable",
        "band A",
        "band D",
        "spc",
        "flagged",
        "concern icon",
        "consistently fails",
        "consistently passes",
        // The statements the contradiction check reads, in their reconciled words.
        "achieved, falling back",
        "process and figure differ",
        "forecast kept within the unit",
        "no progress",
    ] {
        assert!(seen.contains(s), "the workload has no {s}: {seen:?}");
    }
}

#[test]
fn with_disclosure_control_too() {
    // The same workload with small counts put in (every 7th figure of each count measure is 1
    // to 4): batch scoring under control equals each area's published report, which scores
    // the published view (docs/disclosure.md), so the withheld figures are the same ones.
    let mut w = national(12, 100, 40, 20_261_125);
    let card = w.scorecard();
    let counts: Vec<bool> = w
        .measure_ids
        .iter()
        .map(|id| card.measure(id).is_some_and(|m| m.unit.is_count()))
        .collect();
    for i in 0..w.value.len() {
        if counts[w.measure[i] as usize] && i % 7 == 0 && !w.value[i].is_nan() {
            w.value[i] = (i % 4 + 1) as f64;
        }
    }
    let seen = equality(&w, true);
    assert!(seen.contains("Suppressed"), "{seen:?}");
}

/// Batch scores of `w` against each area's report (the true figures, or with `control` the
/// published ones); what the workload covered.
fn equality(w: &National, control: bool) -> std::collections::BTreeSet<String> {
    let card = w.scorecard();
    let plan = if control {
        w.published_plan(&card)
    } else {
        w.plan(&card)
    };
    let as_of: Period = w.periods[w.periods.len() - 1];
    let codes = plan.codes();
    let scores = plan
        .score(&w.rows(&codes), Some(as_of))
        .expect("valid rows");
    assert_eq!(
        scores,
        plan.par_score(&w.rows(&codes), Some(as_of)).expect("valid")
    );
    assert_eq!(scores.series.len(), 12 * 100);
    let mut first_row = 0;
    let mut seen = std::collections::BTreeSet::new();
    for a in 0..12u32 {
        let report = scorecard(w, a)
            .score_with(Some(as_of), control)
            .expect("scores");
        // No report of the workload says two things that contradict each other.
        let found = contradictions::contradictions(&report);
        assert!(found.is_empty(), "area {a}:\n{}", found.join("\n"));
        for r in &report.measures {
            let i = a as usize * 100 + plan.code(&r.id).expect("known") as usize;
            let s = &scores.series.get(i).expect("a series per area and measure");
            assert_eq!(s.area, a);
            check(s, r, w, &scores, first_row);
            first_row += r.series.len();
            seen.insert(format!("{:?}", s.status));
            if let Some(t) = &r.target {
                seen.insert(t.kind.to_string());
            }
            let words = betteroff::render::measure_statistics(r).join(" ");
            let noted = |text: &str| r.notes.iter().any(|n| n.contains(text));
            for (has, what) in [
                (
                    words.contains("would fall back short"),
                    "achieved, falling back",
                ),
                (
                    words.contains("though the latest figure"),
                    "process and figure differ",
                ),
                (noted("beyond what a"), "forecast kept within the unit"),
                (
                    noted("the baseline already meets the target"),
                    "no progress",
                ),
                (s.forecast_points.is_some(), "forecast"),
                (s.turned == Some(true), "turned"),
                (s.reachable == Some(true), "reachable"),
                (s.band == Some('A'), "band A"),
                (s.band == Some('D'), "band D"),
                (s.spc_mean.is_some(), "spc"),
                (
                    matches!(
                        s.variation_icon,
                        Some(
                            betteroff::spc::VariationIcon::ConcernHigh
                                | betteroff::spc::VariationIcon::ConcernLow
                        )
                    ),
                    "concern icon",
                ),
                (
                    s.assurance == Some(betteroff::spc::Assurance::ConsistentFail),
                    "consistently fails",
                ),
                (
                    s.assurance == Some(betteroff::spc::Assurance::ConsistentPass),
                    "consistently passes",
                ),
                (
                    r.spc.as_ref().is_some_and(|x| {
                        x.points
                            .iter()
                            .any(|p| p.rule != betteroff::spc::Rule::CommonCause)
                    }),
                    "flagged",
                ),
            ] {
                if has {
                    seen.insert(what.to_string());
                }
            }
        }
    }
    assert_eq!(first_row, w.value.len());
    seen
}
