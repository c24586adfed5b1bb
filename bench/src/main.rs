//! `betteroff-bench spc DIR [SERIES] [POINTS]`: generates the "spc" workload (deterministic,
//! seeded), scores it with the core's columnar SPC several times, prints the median time, and
//! writes the workload and the core's flags to DIR for `bench/compare_spc.py` to time NumPy and
//! pandas against and check their flags. The workload is described at
//! `betteroff_bench::workload`.
//!
//! `betteroff-bench national DIR [AREAS] [MEASURES] [MONTHS]`: the same for the "national"
//! workload (`betteroff_bench::national`, 153 x 1,000 x 60 by default) and the core's full
//! batch scoring, for `bench/compare_national.py`.
//!
//! `betteroff-bench paths [SCALE]`: the three inputs that once took quadratic time, scored
//! through the scorecard (load, score with disclosure control, and render JSON, text, Markdown,
//! HTML and CSV): a definition of 8,000
//! measures, one series of 109,000 daily figures, a breakdown of 100,000 categories (SCALE
//! multiplies each size, default 1). Median of seven runs each; docs/benchmarks.md.
//!
//! `betteroff-bench json [SCALE]`: the same three reports written as JSON by the crate's writer
//! (`Report::to_json`) and by serde_json's `to_string_pretty`, median of seven each, the bytes
//! checked equal.

use betteroff::batch;
use betteroff::render::{render, Format};
use betteroff::spc::{Rule, SpcOptions};
use betteroff::Polarity;
use betteroff_bench::workload;
use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

/// The system allocator, counting live heap bytes and their peak, so the benchmark can report
/// how much memory scoring needs beyond its input.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded unchanged to `System`; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(live, Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// The threads `par_spc` runs on (rayon's default: one per core, or RAYON_NUM_THREADS).
fn rayon_threads() -> usize {
    std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|s| s.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::File::create(path)
        .and_then(|mut f| f.write_all(bytes))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

const USAGE: &str = "usage: betteroff-bench spc DIR [SERIES] [POINTS]\n       \
                     betteroff-bench national DIR [AREAS] [MEASURES] [MONTHS]\n       \
                     betteroff-bench paths [SCALE]\n       \
                     betteroff-bench json [SCALE]";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match (args.first().map(String::as_str), args.get(1)) {
        (Some("spc"), Some(dir)) => spc(dir, &args),
        (Some("national"), Some(dir)) => national_bench::run(dir, &args),
        (Some("paths"), scale) => paths(scale.and_then(|s| s.parse().ok()).unwrap_or(1.0)),
        (Some("json"), scale) => json(scale.and_then(|s| s.parse().ok()).unwrap_or(1.0)),
        _ => {
            eprintln!("{USAGE}");
            std::process::exit(2);
        }
    }
}

/// The median, least and greatest of `times`, after running `f` seven times.
fn seven<T>(mut f: impl FnMut() -> T) -> (T, [f64; 3]) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..7 {
        let t = Instant::now();
        last = Some(f());
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    (last.expect("seven runs"), [times[3], times[0], times[6]])
}

/// Peak heap while `f` runs, above what was live before (the input): results plus scratch.
fn peak_bytes<T>(f: impl FnOnce() -> T) -> usize {
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    drop(f());
    PEAK.load(Relaxed) - before
}

/// The run's figures as DIR/meta.json (for the comparison scripts) and on stdout.
fn write_meta(dir: &Path, meta: &serde_json::Value) {
    let text = serde_json::to_string_pretty(meta).unwrap_or_default();
    write(&dir.join("meta.json"), text.as_bytes());
    println!("{meta}");
}

fn f64_bytes(values: impl Iterator<Item = f64>) -> Vec<u8> {
    values.flat_map(f64::to_le_bytes).collect()
}

mod national_bench;

fn spc(dir: &str, args: &[String]) {
    let series: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let points: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(48);
    let dir = Path::new(dir);
    std::fs::create_dir_all(dir).expect("the output folder");
    let (ids, values) = workload(series, points, 20_261_125);
    let o = SpcOptions::default();
    let scoring_bytes = peak_bytes(|| batch::spc(&ids, &values, Polarity::HigherIsBetter, &o));
    let input_bytes =
        std::mem::size_of_val(ids.as_slice()) + std::mem::size_of_val(values.as_slice());
    let (r, times) = seven(|| {
        batch::spc(&ids, &values, Polarity::HigherIsBetter, &o).expect("the workload is valid")
    });
    let (p, par_times) = seven(|| {
        batch::par_spc(&ids, &values, Polarity::HigherIsBetter, &o).expect("the workload is valid")
    });
    assert!(
        p == r,
        "the parallel columns differ from the sequential ones"
    );
    write(&dir.join("values.f64"), &f64_bytes(values.iter().copied()));
    write(
        &dir.join("core_rule.u8"),
        &r.rule.iter().map(|&x| x.code()).collect::<Vec<u8>>(),
    );
    write(
        &dir.join("core_upper.f64"),
        &f64_bytes(r.upper.iter().map(|v| v.unwrap_or(f64::NAN))),
    );
    let flagged = r.rule.iter().filter(|&&x| x != Rule::CommonCause).count();
    let meta = serde_json::json!({
        "series": series, "points": points, "values": values.len(), "seed": 20_261_125,
        "core_median_seconds": times[0], "core_min_seconds": times[1], "core_max_seconds": times[2],
        "core_parallel_median_seconds": par_times[0], "threads": rayon_threads(),
        "flagged_points": flagged, "input_bytes": input_bytes,
        "scoring_peak_bytes": scoring_bytes,
    });
    write_meta(dir, &meta);
}

/// The three workloads of `paths` (its doc): (what, definition, observations).
fn path_inputs(scale: f64) -> [(String, String, String); 3] {
    let n = |base: f64| ((base * scale) as usize).max(1);
    let header = "id = \"paths\"\ntitle = \"Paths (illustrative)\"\n[[sections]]\nid = \"s\"\n\
                  title = \"S\"\nkind = \"service\"\n";
    let measure = |id: &str, extra: &str| {
        format!(
            "[[sections.measures]]\nid = \"{id}\"\nname = \"Measure {id}\"\nkind = \"how_much\"\n\
             unit = \"count\"\npolarity = \"neutral\"\n{extra}"
        )
    };
    // 8,000 measures, one figure each.
    let m = n(8000.0);
    let mut many = header.to_string();
    let mut many_obs = String::from("measure,period,value\n");
    for i in 0..m {
        many.push_str(&measure(&format!("m{i}"), ""));
        many_obs.push_str(&format!("m{i},2021-06,{}\n", i % 50));
    }
    // 109,000 daily figures (from 1901-01-01: the periods' range holds about 109,500 days).
    let d = n(109_000.0).min(109_000);
    let start = chrono::NaiveDate::from_ymd_opt(1901, 1, 1).expect("a date");
    let daily_def = format!("{header}{}", measure("d", ""));
    let mut daily = String::from("measure,period,value\n");
    for i in 0..d {
        let day = start + chrono::Duration::days(i as i64);
        daily.push_str(&format!("d,{day},{}\n", (i * 7) % 50));
    }
    // 100,000 categories of one breakdown.
    let c = n(100_000.0);
    let wide_def = format!("{header}{}", measure("b", "breakdowns = [\"age\"]\n"));
    let mut wide = String::from("measure,period,value,breakdown,category\nb,2021-06,5000000,,\n");
    for i in 0..c {
        wide.push_str(&format!("b,2021-06,{},age,c{i}\n", (i * 7) % 50));
    }
    [
        (format!("{m} measures"), many, many_obs),
        (format!("{d} daily figures"), daily_def, daily),
        (format!("{c} categories"), wide_def, wide),
    ]
}

/// One workload loaded and scored.
fn path_report(def: &str, obs: &str) -> betteroff::Report {
    let card = betteroff::Scorecard::load(betteroff::Sources {
        definition: ("paths.toml", def),
        observations: Some(("observations.csv", obs)),
        comparators: None,
        actions: None,
        commentary: None,
        annotations: None,
        workbooks: &[],
        tables: &[],
    })
    .expect("a valid workload");
    card.score(None).expect("scores")
}

/// The JSON of each `paths` report by the crate's writer and by serde_json's.
fn json(scale: f64) {
    for (what, def, obs) in path_inputs(scale) {
        let report = path_report(&def, &obs);
        let (ours, [median, low, high]) = seven(|| report.to_json());
        let (theirs, [t_median, t_low, t_high]) =
            seven(|| serde_json::to_string_pretty(&report).expect("serde_json writes it"));
        assert_eq!(ours.trim_end_matches('\n'), theirs, "the same bytes");
        println!(
            "{what:>24}: crate {median:.3} s (least {low:.3}, most {high:.3}), serde_json {t_median:.3} s (least {t_low:.3}, most {t_high:.3}), {} bytes",
            ours.len()
        );
    }
}

/// The inputs that once took quadratic time, each scored through the scorecard.
fn paths(scale: f64) {
    for (what, def, obs) in path_inputs(scale) {
        let (bytes, [median, low, high]) = seven(|| {
            let report = path_report(&def, &obs);
            [
                Format::Json,
                Format::Text,
                Format::Markdown,
                Format::Html,
                Format::Csv,
            ]
            .map(|f| render(&report, f, false).len())
            .iter()
            .sum::<usize>()
        });
        println!(
            "{what:>24}: {median:.3} s (least {low:.3}, most {high:.3}), every format {bytes} bytes"
        );
    }
}
