//! `betteroff-bench national DIR [AREAS] [MEASURES] [MONTHS]`: generates the "national"
//! workload, scores it with the core's batch scoring (one thread, then rayon's), and writes the
//! workload and every figure the core gives to DIR for `bench/compare_national.py`.

use std::path::Path;
use std::time::Instant;

use betteroff::batch::Scores;
use betteroff::Status;
use betteroff_bench::national;

use crate::{f64_bytes, peak_bytes, rayon_threads, seven, write, write_meta};

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
    let card = w.scorecard();
    let plan = w.plan(&card);
    let codes = plan.codes();
    let rows = w.rows(&codes);
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
    write_meta(dir, &meta);
}

fn u32_bytes(values: &[u32]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_le_bytes()).collect()
}

fn write_workload(dir: &Path, w: &betteroff_bench::National) {
    write(&dir.join("definition.toml"), w.definition.as_bytes());
    let periods: Vec<String> = w.periods.iter().map(|p| p.to_string()).collect();
    write(&dir.join("periods.txt"), periods.join("\n").as_bytes());
    write(
        &dir.join("measures.txt"),
        w.measure_ids.join("\n").as_bytes(),
    );
    write(&dir.join("area.u32"), &u32_bytes(&w.area));
    write(&dir.join("measure.u32"), &u32_bytes(&w.measure));
    write(&dir.join("period.u32"), &u32_bytes(&w.period));
    write(&dir.join("value.f64"), &f64_bytes(w.value.iter().copied()));
    write(
        &dir.join("england.f64"),
        &f64_bytes(w.england.iter().copied()),
    );
}

/// Each series' figures as `core_<name>.f64` (NaN where there is none; booleans 1 or 0; the
/// band 1 to 4 for A to D), its status as its position in `Status::ALL` (`core_status.u8`),
/// and each row's SPC rule code (`core_rule.u8`, 255 for none).
fn write_scores(dir: &Path, r: &Scores) {
    let c = &r.series;
    let f = |x: &[Option<f64>]| {
        x.iter()
            .map(|v| v.unwrap_or(f64::NAN))
            .collect::<Vec<f64>>()
    };
    let flag = |x: &[Option<bool>]| {
        f(&x.iter()
            .map(|b| b.map(|b| f64::from(u8::from(b))))
            .collect::<Vec<_>>())
    };
    let count = |x: &[Option<usize>]| f(&x.iter().map(|n| n.map(|n| n as f64)).collect::<Vec<_>>());
    let columns: [(&str, Vec<f64>); 21] = [
        ("value", f(&c.value)),
        ("baseline", f(&c.baseline)),
        ("target", f(&c.target)),
        ("judged", f(&c.judged)),
        ("expected", f(&c.expected)),
        ("progress_pct", f(&c.progress_pct)),
        ("spc_mean", f(&c.spc_mean)),
        ("spc_lower", f(&c.spc_lower)),
        ("spc_upper", f(&c.spc_upper)),
        ("slope_per_year", f(&c.slope_per_year)),
        ("at_due", f(&c.at_due)),
        ("reachable", flag(&c.reachable)),
        ("baseline_forecast", f(&c.baseline_forecast)),
        ("turned", flag(&c.turned)),
        (
            "bench_period",
            f(&c.benchmark_period
                .iter()
                .map(|p| p.map(f64::from))
                .collect::<Vec<_>>()),
        ),
        ("q1", f(&c.q1)),
        ("median", f(&c.median)),
        ("q3", f(&c.q3)),
        (
            "band",
            f(&c.band
                .iter()
                .map(|b| b.map(|b| f64::from(b as u8 - b'A' + 1)))
                .collect::<Vec<_>>()),
        ),
        ("rank", count(&c.rank)),
        ("areas", count(&c.areas)),
    ];
    for (name, values) in columns {
        write(
            &dir.join(format!("core_{name}.f64")),
            &f64_bytes(values.into_iter()),
        );
    }
    let status: Vec<u8> = c
        .status
        .iter()
        .map(|&s| Status::ALL.iter().position(|&x| x == s).unwrap_or(255) as u8)
        .collect();
    write(&dir.join("core_status.u8"), &status);
    let rules: Vec<u8> = r.rule.iter().map(|x| x.map_or(255, |r| r.code())).collect();
    write(&dir.join("core_rule.u8"), &rules);
}
