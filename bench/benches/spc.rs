//! Criterion timings of the core's batch SPC on the "spc" workload (10,000 series x 48 points)
//! and on a tenth of it: `cargo bench -p betteroff-bench`. The side-by-side comparison with
//! Python and WebAssembly is `bash bench/run.sh` (docs/benchmarks.md).

use betteroff::batch;
use betteroff::spc::SpcOptions;
use betteroff::Polarity;
use betteroff_bench::workload;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

fn spc(c: &mut Criterion) {
    let o = SpcOptions::default();
    let mut group = c.benchmark_group("batch_spc");
    for series in [1_000, 10_000] {
        let (ids, values) = workload(series, 48, 20_261_125);
        group.throughput(Throughput::Elements(values.len() as u64));
        group.bench_function(format!("sequential/{series}x48"), |b| {
            b.iter(|| {
                batch::spc(
                    black_box(&ids),
                    black_box(&values),
                    Polarity::HigherIsBetter,
                    &o,
                )
            })
        });
        group.bench_function(format!("parallel/{series}x48"), |b| {
            b.iter(|| {
                batch::par_spc(
                    black_box(&ids),
                    black_box(&values),
                    Polarity::HigherIsBetter,
                    &o,
                )
            })
        });
    }
    group.finish();
}

criterion_group!(benches, spc);
criterion_main!(benches);
