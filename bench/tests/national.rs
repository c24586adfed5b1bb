//! Batch scoring equals scorecard scoring on a generated "national" workload: each area is
//! scored as its own scorecard, with every other area's figures as the comparator group `la`,
//! and every figure the batch gives is checked against the report's (both rounded to 6 decimal
//! places, as the report prints them).

use betteroff::batch::{Plan, Rows, Scores, SeriesScore};
use betteroff::report::{r6, MeasureResult};
use betteroff::{Period, Scorecard};
use betteroff_bench::{national, National};

fn rows<'a>(w: &'a National, codes: &'a [u32]) -> Rows<'a> {
    Rows {
        area: &w.area,
        measure: &w.measure,
        measures: codes,
        period: &w.period,
        periods: &w.periods,
        value: &w.value,
    }
}

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
    same(
        s.baseline.map(|b| b.1),
        r.baseline.map(|b| b.value),
        "baseline",
        id,
    );
    let t = r.target.as_ref();
    same(s.target, t.and_then(|t| t.value), "target", id);
    assert_eq!(
        s.comparison,
        t.and_then(|t| t.comparison),
        "{id}: comparison"
    );
    same(s.expected, r.expected, "expected", id);
    same(s.progress_pct, r.progress_pct, "progress", id);
    let f = r.forecast.as_ref();
    assert_eq!(s.forecast.is_some(), f.is_some(), "{id}: forecast");
    if let (Some(a), Some(b)) = (s.forecast, f) {
        assert_eq!(a.points_used, b.points_used, "{id}");
        same(Some(a.slope_per_year), Some(b.slope_per_year), "slope", id);
        assert_eq!((a.at_due, a.reachable), (b.at_due, b.reachable), "{id}");
        assert_eq!(
            (a.baseline_forecast, a.turned),
            (b.baseline_forecast, b.turned),
            "{id}"
        );
    }
    let b = r.benchmark.as_ref();
    assert_eq!(s.benchmark.is_some(), b.is_some(), "{id}: benchmark");
    if let (Some(a), Some(b)) = (s.benchmark, b) {
        assert_eq!(w.periods[a.period as usize], b.period, "{id}");
        assert_eq!((a.areas, a.rank), (b.areas, b.rank), "{id}: rank");
        assert_eq!(a.band.map(String::from), b.band, "{id}: band");
        for (x, y) in [
            (a.q1, b.q1),
            (a.median, b.median),
            (a.q3, b.q3),
            (a.value, b.value),
        ] {
            same(Some(x), Some(y), "quartiles", id);
        }
    }
    // SPC: the limits, and each figure's rule, in the order of the series' figures.
    let spc = r.spc.as_ref();
    let first = spc.and_then(|x| x.points.first());
    same(
        s.spc.map(|l| l.mean),
        first.and_then(|p| p.mean),
        "mean",
        id,
    );
    same(
        s.spc.map(|l| l.upper),
        first.and_then(|p| p.upper),
        "upper",
        id,
    );
    same(
        s.spc.map(|l| l.lower),
        first.and_then(|p| p.lower),
        "lower",
        id,
    );
    let batch_rules: Vec<_> = scores.rule[first_row..first_row + r.series.len()]
        .iter()
        .flatten()
        .collect();
    let report_rules: Vec<_> = spc.map_or(vec![], |x| x.points.iter().map(|p| &p.rule).collect());
    assert_eq!(batch_rules, report_rules, "{id}: rules");
}

#[test]
fn batch_scoring_equals_the_scorecard_area_by_area() {
    // 12 areas x 100 measures x 40 months: every unit, polarity, baseline and target kind of
    // the generator, with missing figures and late starts (48,000 rows less the late starts).
    let w = national(12, 100, 40, 20_261_125);
    let def = Scorecard::from_toml(&w.definition, "national.toml").expect("valid");
    let plan = Plan::new(&def.definition).expect("batch-scorable");
    let as_of: Period = w.periods[w.periods.len() - 1];
    let codes = plan.codes();
    let scores = plan
        .score(&rows(&w, &codes), Some(as_of))
        .expect("valid rows");
    assert_eq!(
        scores,
        plan.par_score(&rows(&w, &codes), Some(as_of))
            .expect("valid")
    );
    assert_eq!(scores.series.len(), 12 * 100);
    let mut first_row = 0;
    let mut seen = std::collections::BTreeSet::new();
    for a in 0..12u32 {
        let report = scorecard(&w, a)
            .score_with(Some(as_of), false)
            .expect("scores");
        for r in &report.measures {
            let s = &scores.series[a as usize * 100 + plan.code(&r.id).expect("known") as usize];
            assert_eq!(s.area, a);
            check(s, r, &w, &scores, first_row);
            first_row += r.series.len();
            seen.insert(format!("{:?}", s.status));
            if let Some(t) = &r.target {
                seen.insert(t.kind.to_string());
            }
            for (has, what) in [
                (s.forecast.is_some(), "forecast"),
                (s.forecast.and_then(|f| f.turned) == Some(true), "turned"),
                (
                    s.forecast.and_then(|f| f.reachable) == Some(true),
                    "reachable",
                ),
                (s.benchmark.is_some_and(|b| b.band == Some('A')), "band A"),
                (s.benchmark.is_some_and(|b| b.band == Some('D')), "band D"),
                (s.spc.is_some(), "spc"),
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
        "forecast",
        "turned",
        "reachable",
        "band A",
        "band D",
        "spc",
        "flagged",
    ] {
        assert!(seen.contains(s), "the workload has no {s}: {seen:?}");
    }
}
