//! The seeded workloads of docs/benchmarks.md, shared by the `betteroff-bench` binary and the
//! criterion benchmarks (`cargo bench -p betteroff-bench`).

mod national;

pub use national::{month, national, National};

/// SplitMix64: a small, well-known deterministic generator; the same seed gives the same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn uniform(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Standard normal (Box-Muller).
    fn normal(&mut self) -> f64 {
        let u = self.uniform().max(f64::MIN_POSITIVE);
        let v = self.uniform();
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    }
}

/// The "spc" workload: `series` series of `points` monthly points; each series' level uniform
/// from 10 to 1,000, noise with a standard deviation of 2% to 15% of the level; 20% of series
/// step up or down by 1.5 standard deviations at a random point; 10% drift by 3 standard
/// deviations over the series; 2% of points are outliers of 6 standard deviations. Returns the
/// series id and the value of every row, grouped by series, in time order.
pub fn workload(series: usize, points: usize, seed: u64) -> (Vec<u64>, Vec<f64>) {
    let mut rng = Rng(seed);
    let (mut ids, mut values) = (
        Vec::with_capacity(series * points),
        Vec::with_capacity(series * points),
    );
    for s in 0..series {
        let level = 10.0 + 990.0 * rng.uniform();
        let sd = level * (0.02 + 0.13 * rng.uniform());
        let kind = rng.uniform();
        let step_at = (points / 4) + (rng.uniform() * (points / 2) as f64) as usize;
        let step = if rng.uniform() < 0.5 {
            1.5 * sd
        } else {
            -1.5 * sd
        };
        for t in 0..points {
            let mut y = level + sd * rng.normal();
            if kind < 0.2 && t >= step_at {
                y += step;
            } else if (0.2..0.3).contains(&kind) {
                y += 3.0 * sd * t as f64 / (points - 1).max(1) as f64;
            }
            if rng.uniform() < 0.02 {
                y += if rng.uniform() < 0.5 {
                    6.0 * sd
                } else {
                    -6.0 * sd
                };
            }
            ids.push(s as u64);
            values.push(y);
        }
    }
    (ids, values)
}
