//! `betteroff-bench national DIR [AREAS] [MEASURES] [MONTHS]`: generates the "national"
//! workload, scores it with the core's batch scoring (one thread, then rayon's), and writes the
//! workload and every figure the core gives to DIR for `bench/compare_national.py`.

use std::path::Path;
use std::time::Instant;

use betteroff::batch::{Plan, Rows, Scores};
use betteroff::{Scorecard, Status};
use betteroff_bench::national;

use crate::{f64_bytes, peak_bytes, rayon_threads, seven, write};

const SEED: u64 = 20_261_125;

pub fn run(dir: &str, args: &[String]) {
    let arg =
        |i: usize, default: usize| args.get(i).and_then(|s| s.parse().ok()).unwrap_or(default);
    let (areas, measures, months) = (arg(2, 153), arg(3, 1000), arg(4, 60));
    let dir = Path::new(dir);
    std::fs::create_dir_all(dir).expect("the output folder");
    let t = Instant::now();
    let w = national(areas, measures, months, SEED);
    eprintln!(
        "generated {} rows ({areas} areas x {measures} measures x {months} months) in {:.1} s",
        w.value.len(),
        t.elapsed().as_secs_f64()
    );
    let card = Scorecard::from_toml(&w.definition, "national.toml").expect("a valid definition");
    let plan = Plan::new(&card.definition).expect("batch-scorable");
    let codes = plan.codes();
    let rows = Rows {
        area: &w.area,
        measure: &w.measure,
        measures: &codes,
        period: &w.period,
        periods: &w.periods,
        value: &w.value,
    };
    let scoring_bytes = peak_bytes(|| plan.score(&rows, None));
    let input_bytes = w.value.len() * (3 * 4 + 8);
    let (r, times) = seven(|| plan.score(&rows, None).expect("valid rows"));
    let (p, par_times) = seven(|| plan.par_score(&rows, None).expect("valid rows"));
    assert!(
        p == r,
        "the parallel scores differ from the sequential ones"
    );
    write_workload(dir, &w);
    write_scores(dir, &r);
    let meta = serde_json::json!({
        "areas": areas, "measures": measures, "months": months, "rows": w.value.len(),
        "series": r.series.len(), "seed": SEED,
        "core_median_seconds": times[0], "core_min_seconds": times[1], "core_max_seconds": times[2],
        "core_parallel_median_seconds": par_times[0], "threads": rayon_threads(),
        "input_bytes": input_bytes, "scoring_peak_bytes": scoring_bytes,
    });
    write(
        &dir.join("meta.json"),
        serde_json::to_string_pretty(&meta)
            .unwrap_or_default()
            .as_bytes(),
    );
    println!("{meta}");
}

fn u32_bytes(values: &[u32]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_le_bytes()).collect()
}

fn write_workload(dir: &Path, w: &betteroff_bench::National) {
    write(&dir.join("definition.toml"), w.definition.as_bytes());
    let periods: Vec<String> = w.periods.iter().map(|p| p.to_string()).collect();
    write(&dir.join("periods.txt"), periods.join("\n").as_bytes());
    write(&dir.join("area.u32"), &u32_bytes(&w.area));
    write(&dir.join("measure.u32"), &u32_bytes(&w.measure));
    write(&dir.join("period.u32"), &u32_bytes(&w.period));
    write(&dir.join("value.f64"), &f64_bytes(w.value.iter().copied()));
}

/// One figure of a series, NaN where there is none.
type Getter<'a> = &'a dyn Fn(&betteroff::batch::SeriesScore) -> f64;

/// Each series' figures as `core_<name>.f64` (NaN where there is none; booleans 1 or 0; the
/// band 1 to 4 for A to D), its status as its position in `Status::ALL` (`core_status.u8`),
/// and each row's SPC rule code (`core_rule.u8`, 255 for none).
fn write_scores(dir: &Path, r: &Scores) {
    let nan = |x: Option<f64>| x.unwrap_or(f64::NAN);
    let flag = |b: Option<bool>| b.map_or(f64::NAN, |b| f64::from(u8::from(b)));
    let columns: [(&str, Getter); 20] = [
        ("value", &|s| nan(s.value)),
        ("baseline", &|s| nan(s.baseline.map(|b| b.1))),
        ("target", &|s| nan(s.target)),
        ("expected", &|s| nan(s.expected)),
        ("progress_pct", &|s| nan(s.progress_pct)),
        ("spc_mean", &|s| nan(s.spc.map(|l| l.mean))),
        ("spc_lower", &|s| nan(s.spc.map(|l| l.lower))),
        ("spc_upper", &|s| nan(s.spc.map(|l| l.upper))),
        ("slope_per_year", &|s| {
            nan(s.forecast.map(|f| f.slope_per_year))
        }),
        ("at_due", &|s| nan(s.forecast.and_then(|f| f.at_due))),
        ("reachable", &|s| flag(s.forecast.and_then(|f| f.reachable))),
        ("baseline_forecast", &|s| {
            nan(s.forecast.and_then(|f| f.baseline_forecast))
        }),
        ("turned", &|s| flag(s.forecast.and_then(|f| f.turned))),
        ("bench_period", &|s| {
            nan(s.benchmark.map(|b| f64::from(b.period)))
        }),
        ("q1", &|s| nan(s.benchmark.map(|b| b.q1))),
        ("median", &|s| nan(s.benchmark.map(|b| b.median))),
        ("q3", &|s| nan(s.benchmark.map(|b| b.q3))),
        ("band", &|s| {
            nan(s
                .benchmark
                .and_then(|b| b.band)
                .map(|c| f64::from(c as u8 - b'A' + 1)))
        }),
        ("rank", &|s| {
            nan(s.benchmark.and_then(|b| b.rank).map(|r| r as f64))
        }),
        ("areas", &|s| nan(s.benchmark.map(|b| b.areas as f64))),
    ];
    for (name, get) in columns {
        write(
            &dir.join(format!("core_{name}.f64")),
            &f64_bytes(r.series.iter().map(get)),
        );
    }
    let status: Vec<u8> = r
        .series
        .iter()
        .map(|s| {
            Status::ALL
                .iter()
                .position(|&x| x == s.status)
                .unwrap_or(255) as u8
        })
        .collect();
    write(&dir.join("core_status.u8"), &status);
    let rules: Vec<u8> = r.rule.iter().map(|x| x.map_or(255, |r| r.code())).collect();
    write(&dir.join("core_rule.u8"), &rules);
}
