//! Benchmarking against other areas: quantiles as R's default (type 7), which DfE's LAIT uses.

/// The `p` quantile (0 to 1) of `values` by R's type 7: h = (n - 1) p, linear between the
/// order statistics around h. Sorts `values` in place; `None` when empty or `p` is outside 0-1.
pub fn quantile_type7(values: &mut [f64], p: f64) -> Option<f64> {
    if values.is_empty() || !(0.0..=1.0).contains(&p) {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let h = (values.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    let (a, b) = (values[lo], values[hi.min(values.len() - 1)]);
    Some(a + (h - lo as f64) * (b - a))
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn matches_r_type_7() {
        // R: quantile(c(1, 2, 3, 4), c(.25, .75)) gives 1.75 and 3.25 (even n).
        let mut v = [4.0, 1.0, 3.0, 2.0];
        assert_relative_eq!(quantile_type7(&mut v, 0.25).unwrap(), 1.75);
        assert_relative_eq!(quantile_type7(&mut v, 0.75).unwrap(), 3.25);
        // R: quantile(c(3, 1, 4, 1, 5), .75) gives 4 (odd n, ties).
        let mut w = [3.0, 1.0, 4.0, 1.0, 5.0];
        assert_relative_eq!(quantile_type7(&mut w, 0.75).unwrap(), 4.0);
        assert_relative_eq!(quantile_type7(&mut w, 0.25).unwrap(), 1.0);
        assert_eq!(quantile_type7(&mut [], 0.5), None);
        assert_eq!(quantile_type7(&mut [1.0], 1.5), None);
    }
}
