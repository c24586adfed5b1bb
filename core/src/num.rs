//! Number helpers used by every layer: one rounding and one plain formatting; and the sorts the
//! crate's own code calls.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`: the sort every layer calls for anything but plain floats (see
/// [`sort_floats`]). A WebAssembly build sorts indices through one copy of the sort and then
/// moves the elements ([`sort_by_indices`]), where calling the standard library's sort at each
/// place would carry a copy of it for each element type and comparison (80 KB of the dashboard's
/// module, 2026-12-02); elsewhere it is the standard library's stable sort. A stable sort's
/// result is the one order either way.
pub(crate) fn sort_by<T>(v: &mut [T], cmp: impl FnMut(&T, &T) -> Ordering) {
    #[cfg(target_arch = "wasm32")]
    sort_by_indices(v, cmp);
    #[cfg(not(target_arch = "wasm32"))]
    v.sort_by(cmp);
}

/// [`sort_by`] on a key.
pub(crate) fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// [`sort_by`] in the elements' own order.
pub(crate) fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// Floats in `f64::total_cmp` order (equal floats are the same bits, so any sort gives the one
/// order): one copy of the sort for every place that sorts floats.
pub(crate) fn sort_floats(v: &mut [f64]) {
    v.sort_unstable_by(f64::total_cmp);
}

/// The stable sort of `v` by `cmp` through one non-generic sort of indices, then the elements
/// moved into that order in place (each cycle of the permutation by swaps).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) fn sort_by_indices<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let mut order: Vec<usize> = (0..v.len()).collect();
    {
        let items: &[T] = v;
        sort_indices(&mut order, &mut |a, b| cmp(&items[a], &items[b]));
    }
    // order[i] is the index of the element that belongs at i.
    for i in 0..order.len() {
        let mut j = i;
        while order[j] != i {
            let k = order[j];
            order[j] = j;
            v.swap(j, k);
            j = k;
        }
        order[j] = j;
    }
}

#[inline(never)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn sort_indices(order: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| cmp(a, b));
}

/// Reads decimal text as the nearest `f64`: the one place the crate turns text into a number.
/// It accepts what the standard library's `str::parse::<f64>` accepts (an optional sign, digits
/// with an optional point, an optional exponent; "inf", "infinity" and "nan" in any case) and
/// gives the same, correctly rounded, value; `None` for anything else. `lexical-parse-float`
/// reads it, in its compact form in a WebAssembly module (core/Cargo.toml says why).
pub fn parse_decimal(text: &str) -> Option<f64> {
    lexical_parse_float::FromLexical::from_lexical(text.as_bytes()).ok()
}

/// A number without needless decimals: 16, 4.5, 0.9.
pub fn fmt_num(x: f64) -> String {
    let s = format!("{:.6}", x);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// Rounds to 6 decimal places and turns a non-finite figure into `None`.
pub fn r6(x: f64) -> Option<f64> {
    if !x.is_finite() {
        return None;
    }
    let r = (x * 1e6).round() / 1e6;
    let r = if r.is_finite() { r } else { x };
    Some(if r == 0.0 { 0.0 } else { r })
}

/// Rounds to `dp` decimal places (half away from zero); a figure too large to scale is kept.
pub fn round_to(v: f64, dp: i32) -> f64 {
    let k = 10f64.powi(dp);
    let r = (v * k).round() / k;
    // Near f64's limits the scaling overflows: such a figure has no decimals to round anyway.
    if r.is_finite() {
        r
    } else {
        v
    }
}

/// A signed figure to at most one decimal place: +0.8, -7, 0.
pub fn signed(x: f64) -> String {
    signed_dp(x, 1)
}

/// A signed figure to at most `dp` decimal places: +0.02, -7, 0.
pub fn signed_dp(x: f64, dp: u8) -> String {
    let r = round_to(x, i32::from(dp));
    if r > 0.0 {
        format!("+{}", fmt_num(r))
    } else {
        fmt_num(r)
    }
}

/// The decimal places a figure was given to, as its shortest round-trip text shows them
/// (0.45 has 2, 16 has 0), at most `MAX_GIVEN_DECIMALS`: a spreadsheet's 17.0886075949 is a
/// computed figure, not a precision.
pub fn given_decimals(x: f64) -> u8 {
    let text = format!("{x}");
    let places = text.split_once('.').map_or(0, |(_, f)| f.len());
    u8::try_from(places).map_or(MAX_GIVEN_DECIMALS, |p| p.min(MAX_GIVEN_DECIMALS))
}

/// The most decimal places a figure's own precision can ask for.
pub const MAX_GIVEN_DECIMALS: u8 = 3;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The WebAssembly build's sort is the standard stable sort: on pairs compared by
        /// their first half only (so that equal keys show whether the order was kept), by
        /// hand-worked and random pairs.
        #[test]
        fn the_index_sort_is_the_stable_sort(v in prop::collection::vec((0u8..6, any::<u32>()), 0..200)) {
            let mut want = v.clone();
            want.sort_by_key(|a| a.0);
            let mut got = v;
            sort_by_indices(&mut got, |a, b| a.0.cmp(&b.0));
            prop_assert_eq!(got, want);
        }

        /// `parse_decimal` gives the standard library's value, bit for bit, and refuses what it
        /// refuses: on every float printed shortest, in scientific form and to 25 decimals, and
        /// on random decimal text with long significands and exponents past f64's range (the
        /// reference is `str::parse::<f64>`, correctly rounded by its own tests).
        #[test]
        fn decimals_read_as_the_standard_library_reads_them(
            x in any::<f64>(),
            sign in prop::sample::select(vec!["", "-", "+"]),
            int in "[0-9]{0,30}",
            frac in prop::option::of("[0-9]{0,30}"),
            exp in prop::option::of(-400i32..400),
        ) {
            let same = |t: &str| {
                let want = t.parse::<f64>().ok().map(f64::to_bits);
                let got = parse_decimal(t).map(f64::to_bits);
                // NaN's sign and payload are not a figure; both must say NaN.
                match (t.parse::<f64>(), parse_decimal(t)) {
                    (Ok(a), Some(b)) if a.is_nan() => b.is_nan(),
                    _ => want == got,
                }
            };
            for t in [format!("{x}"), format!("{x:e}"), format!("{x:.25}")] {
                prop_assert!(same(&t), "{t}");
            }
            let mut t = format!("{sign}{int}");
            if let Some(f) = frac {
                t.push('.');
                t.push_str(&f);
            }
            if let Some(e) = exp {
                t.push_str(&format!("e{e}"));
            }
            prop_assert!(same(&t), "{t}");
        }
    }

    #[test]
    fn the_index_sort_keeps_equal_keys_in_order() {
        let mut v = [(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd'), (1, 'e')];
        sort_by_indices(&mut v, |a, b| a.0.cmp(&b.0));
        assert_eq!(v, [(0, 'd'), (1, 'b'), (1, 'e'), (2, 'a'), (2, 'c')]);
    }

    /// Halfway and boundary cases, each with its value worked out: 2^53 + 1 is halfway between
    /// 2^53 and 2^53 + 2 and rounds to the even 2^53; 2.4703282292062328e-324 is just above half
    /// the least subnormal (2^-1075 = 2.4703282292062327208...e-324) and rounds up to it, its
    /// neighbour just below rounds to zero; f64::MAX plus half an ulp is infinity.
    #[test]
    fn decimals_round_to_nearest_even() {
        assert_eq!(
            parse_decimal("9007199254740993"),
            Some(9_007_199_254_740_992.0)
        );
        assert_eq!(
            parse_decimal("9007199254740995"),
            Some(9_007_199_254_740_996.0)
        );
        assert_eq!(
            parse_decimal("2.4703282292062328e-324"),
            Some(f64::from_bits(1))
        );
        assert_eq!(parse_decimal("2.4703282292062327e-324"), Some(0.0));
        assert_eq!(parse_decimal("1.7976931348623157e308"), Some(f64::MAX));
        assert_eq!(parse_decimal("1.7976931348623159e308"), Some(f64::INFINITY));
        assert_eq!(parse_decimal("0.1"), Some(0.1));
        assert_eq!(parse_decimal("+.5"), Some(0.5));
        assert_eq!(parse_decimal("5."), Some(5.0));
        for refused in [
            "", "+", ".", "1e", "e5", "1_000", " 1", "1 ", "0x10", "1.2.3", "1,5",
        ] {
            assert_eq!(parse_decimal(refused), None, "{refused:?}");
        }
        assert!(parse_decimal("NaN").is_some_and(f64::is_nan));
        assert_eq!(parse_decimal("-inf"), Some(f64::NEG_INFINITY));
    }

    #[test]
    fn decimals_as_given() {
        assert_eq!(given_decimals(0.45), 2);
        assert_eq!(given_decimals(16.0), 0);
        assert_eq!(given_decimals(1.07), 2);
        assert_eq!(given_decimals(17.088607594936708), 3);
        assert_eq!(signed_dp(0.02, 2), "+0.02");
        assert_eq!(signed_dp(0.02, 1), "0");
    }

    #[test]
    fn numbers_print_plainly() {
        assert_eq!(fmt_num(16.0), "16");
        assert_eq!(fmt_num(4.5), "4.5");
        assert_eq!(fmt_num(-0.0), "0");
        assert_eq!(fmt_num(24.579345), "24.579345");
    }
}
