//! Criterion timings of the core's full batch scoring (`batch::Plan`) on the "national"
//! workload at 153 areas x 100 measures x 60 months (a tenth of the full size, so a sample
//! takes well under a second): `cargo bench -p betteroff-bench --bench national`. The full size
//! and the side-by-side comparison with pandas, Python and WebAssembly are `bash bench/run.sh`
//! (docs/benchmarks.md).

use betteroff_bench::national;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

fn score(c: &mut Criterion) {
    let w = national(153, 100, 60, 20_261_125);
    let card = w.scorecard();
    let plan = w.plan(&card);
    let codes = plan.codes();
    let rows = w.rows(&codes);
    let mut group = c.benchmark_group("batch_score");
    group.throughput(Throughput::Elements(w.value.len() as u64));
    group.sample_size(20);
    group.bench_function("sequential/153x100x60", |b| {
        b.iter(|| plan.score(black_box(&rows), None))
    });
    group.bench_function("parallel/153x100x60", |b| {
        b.iter(|| plan.par_score(black_box(&rows), None))
    });
    group.finish();
}

criterion_group!(benches, score);
criterion_main!(benches);
