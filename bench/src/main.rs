//! `betteroff-bench spc DIR [SERIES] [POINTS]`: generates the "spc" workload (deterministic,
//! seeded), scores it with the core's columnar SPC several times, prints the median time, and
//! writes the workload and the core's flags to DIR for `bench/compare_spc.py` to time NumPy and
//! pandas against and check their flags. The workload is described at
//! `betteroff_bench::workload`.

use betteroff::batch;
use betteroff::measure::Polarity;
use betteroff::spc::{Rule, SpcOptions};
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

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some("spc"), Some(dir)) = (args.first().map(String::as_str), args.get(1)) else {
        eprintln!("usage: betteroff-bench spc DIR [SERIES] [POINTS]");
        std::process::exit(2);
    };
    let series: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let points: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(48);
    let dir = Path::new(dir);
    std::fs::create_dir_all(dir).expect("the output folder");
    let (ids, values) = workload(series, points, 20_261_125);
    let o = SpcOptions::default();
    // Peak heap during one scoring, above what was live before it (the input): the result
    // columns plus scratch.
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    drop(batch::spc(&ids, &values, Polarity::HigherIsBetter, &o));
    let scoring_bytes = PEAK.load(Relaxed) - before;
    let input_bytes =
        std::mem::size_of_val(ids.as_slice()) + std::mem::size_of_val(values.as_slice());
    let mut times = Vec::new();
    let mut result = None;
    for _ in 0..7 {
        let t = Instant::now();
        let r =
            batch::spc(&ids, &values, Polarity::HigherIsBetter, &o).expect("the workload is valid");
        times.push(t.elapsed().as_secs_f64());
        result = Some(r);
    }
    let r = result.expect("seven runs");
    times.sort_by(f64::total_cmp);
    let mut par_times = Vec::new();
    for _ in 0..7 {
        let t = Instant::now();
        let p = batch::par_spc(&ids, &values, Polarity::HigherIsBetter, &o)
            .expect("the workload is valid");
        par_times.push(t.elapsed().as_secs_f64());
        assert!(
            p == r,
            "the parallel columns differ from the sequential ones"
        );
    }
    par_times.sort_by(f64::total_cmp);
    write(
        &dir.join("values.f64"),
        &values
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect::<Vec<u8>>(),
    );
    write(
        &dir.join("core_rule.u8"),
        &r.rule.iter().map(|&x| x.code()).collect::<Vec<u8>>(),
    );
    write(
        &dir.join("core_upper.f64"),
        &r.upper
            .iter()
            .flat_map(|v| v.unwrap_or(f64::NAN).to_le_bytes())
            .collect::<Vec<u8>>(),
    );
    let flagged = r.rule.iter().filter(|&&x| x != Rule::CommonCause).count();
    let meta = serde_json::json!({
        "series": series, "points": points, "values": values.len(), "seed": 20_261_125,
        "core_median_seconds": times[3], "core_min_seconds": times[0], "core_max_seconds": times[6],
        "core_parallel_median_seconds": par_times[3], "threads": rayon_threads(),
        "flagged_points": flagged, "input_bytes": input_bytes,
        "scoring_peak_bytes": scoring_bytes,
    });
    write(
        &dir.join("meta.json"),
        serde_json::to_string_pretty(&meta)
            .unwrap_or_default()
            .as_bytes(),
    );
    println!("{meta}");
}
