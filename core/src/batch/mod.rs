//! Scoring many series at once from columns, without building an object per observation:
//! SPC alone for any keyed series ([`spc()`]), or the full scoring of every area against every
//! measure of a definition ([`Plan`]). Both give the scorecard's figures (tests check it).

pub mod codes;
mod columns;
mod score;
mod spc;

pub use columns::{SeriesColumns, SeriesScore};
pub use score::{Plan, Rows, Scores};
#[cfg(feature = "parallel")]
pub use spc::par_spc;
pub use spc::{spc, SpcColumns};

/// The first run whose key already had a run before it (the rows are not grouped), if any.
/// Sorted keys, the usual case, are checked in one pass; otherwise the runs are sorted by key
/// (no hashing: keys need only an order).
fn first_repeat<K: Ord>(keys: &[K]) -> Option<usize> {
    if keys.windows(2).all(|w| w[0] < w[1]) {
        return None;
    }
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|&a, &b| keys[a].cmp(&keys[b]).then(a.cmp(&b)));
    order
        .windows(2)
        .filter(|w| keys[w[0]] == keys[w[1]])
        .map(|w| w[1])
        .min()
}
