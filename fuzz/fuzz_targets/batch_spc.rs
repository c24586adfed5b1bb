//! Any columns (series keys, values) through batch SPC: an error, or columns equal to the
//! series-by-series SPC with finite limits.
#![no_main]
use betteroff::batch;
use betteroff::Polarity;
use betteroff::spc::{self, SpcOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|rows: Vec<(u8, f64)>| {
    let keys: Vec<u8> = rows.iter().map(|r| r.0 % 4).collect();
    let values: Vec<f64> = rows.iter().map(|r| r.1).collect();
    let o = SpcOptions::default();
    let Ok(c) = batch::spc(&keys, &values, Polarity::HigherIsBetter, &o) else {
        return;
    };
    let mut start = 0;
    for (k, &n) in c.points.iter().enumerate() {
        let y = &values[start..start + n];
        let one = spc::xmr(y, Polarity::HigherIsBetter, None, &[], &o);
        for (i, p) in one.points.iter().enumerate() {
            assert_eq!(c.rule[start + i], p.rule);
        }
        for v in [c.mean[k], c.lower[k], c.upper[k]].into_iter().flatten() {
            assert!(v.is_finite());
        }
        start += n;
    }
    assert_eq!(start, values.len());
});
