//! Number helpers used by every layer: the one reader of decimal text ([`parse_decimal`]), the
//! writers of floats ([`fixed`], [`shortest`], [`fmt_num`]), the roundings, and the sorts the
//! crate's own code calls.

use std::cmp::Ordering;

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod decimal;

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
/// order): one copy of the sort for every place that sorts floats. A WebAssembly build sorts
/// them through [`sort_by`], so that its one copy of a sort serves floats too (2 KB).
pub(crate) fn sort_floats(v: &mut [f64]) {
    #[cfg(target_arch = "wasm32")]
    sort_by(v, f64::total_cmp);
    #[cfg(not(target_arch = "wasm32"))]
    v.sort_unstable_by(f64::total_cmp);
}

/// The stable sort of `v` by `cmp` through one non-generic sort of indices, then the elements
/// moved into that order in place by the swaps [`sorting_swaps`] lists: what is compiled for
/// each element type is the comparison and a loop of swaps.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) fn sort_by_indices<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let swaps = {
        let items: &[T] = v;
        sorting_swaps(items.len(), &mut |a, b| cmp(&items[a], &items[b]))
    };
    for (a, b) in swaps {
        v.swap(a, b);
    }
}

/// The swaps, in order, that put `len` items into the stable order of `cmp` (on their
/// indices): each cycle of the sorted permutation undone a swap at a time.
#[inline(never)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn sorting_swaps(len: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    // order[i] is the index of the element that belongs at i.
    let mut swaps = Vec::new();
    for i in 0..order.len() {
        let mut j = i;
        while order[j] != i {
            let k = order[j];
            order[j] = j;
            swaps.push((j, k));
            j = k;
        }
        order[j] = j;
    }
    swaps
}

/// `text` as a whole number of type `T`, exactly as `str::parse::<T>` reads it: an optional
/// `+` (or `-` for a signed type), then ASCII digits and nothing else; `None` when it is not one
/// or does not fit. One reader for every integer type (the standard library's is compiled once
/// per type; three copies were 1.4 KB of the dashboard's WebAssembly module).
pub(crate) fn parse_int<T: TryFrom<i64>>(text: &str) -> Option<T> {
    let signed = T::try_from(-1).is_ok();
    T::try_from(parse_i64(text, signed)?).ok()
}

#[inline(never)]
fn parse_i64(text: &str, signed: bool) -> Option<i64> {
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') if signed => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    if digits.is_empty() {
        return None;
    }
    let mut n: i64 = 0;
    for b in digits.bytes() {
        let d = i64::from(b.wrapping_sub(b'0'));
        if d > 9 {
            return None;
        }
        // Built negative, so that i64::MIN reads.
        n = n.checked_mul(10)?.checked_sub(d)?;
    }
    if negative {
        Some(n)
    } else {
        n.checked_neg()
    }
}

/// Reads decimal text as the nearest `f64`: the one place the crate turns text into a number.
/// It accepts what the standard library's `str::parse::<f64>` accepts (an optional sign, digits
/// with an optional point, an optional exponent; "inf", "infinity" and "nan" in any case) and
/// gives the same, correctly rounded, value; `None` for anything else. `lexical-parse-float`
/// reads it, but in a WebAssembly module the crate's own small reader ([`decimal`]): the
/// standard library's parser carries tables of powers of five that were 14 KB of the
/// dashboard's gzipped module, lexical's compact form another 3.5 KB of code. Both are tested
/// against the standard library's parser.
pub fn parse_decimal(text: &str) -> Option<f64> {
    #[cfg(target_arch = "wasm32")]
    return decimal::parse(text);
    #[cfg(not(target_arch = "wasm32"))]
    lexical_parse_float::FromLexical::from_lexical(text.as_bytes()).ok()
}

/// `x` to `dp` decimal places, exactly as `format!("{x:.dp$}")` writes it: the exact binary
/// value rounded half to even at the last place, the sign of a negative zero kept, "NaN", "inf"
/// and "-inf" for the rest. The one place the crate writes a float to fixed places: the
/// standard library's float printing (Grisu with a Dragon fallback, its tables of cached powers)
/// was 15 KB of the dashboard's WebAssembly module, and this is long division on the exact
/// binary fraction (property-tested against `format!`).
pub fn fixed(x: f64, dp: usize) -> String {
    if !x.is_finite() {
        return non_finite(x).to_string();
    }
    let (m, e) = binary(x);
    // Integer part, as decimal digits, and the fraction m / 2^k as base-2^32 limbs, least
    // significant first, scaled so that it fills whole limbs: frac = f / 2^(32 * limbs).
    let (mut int, mut frac) = if e >= 0 {
        (integer_digits(m, e.unsigned_abs()), Vec::new())
    } else {
        let k = e.unsigned_abs();
        let whole = if k < 64 { m >> k } else { 0 };
        let rest = if k < 64 { m & ((1u64 << k) - 1) } else { m };
        let limbs = k.div_ceil(32) as usize;
        let shift = (limbs as u32 * 32) - k;
        let mut f = vec![0u32; limbs.max(3)];
        // rest << shift, spread over limbs (rest < 2^53, shift < 32: at most 85 bits).
        let wide = u128::from(rest) << shift;
        for (i, limb) in f.iter_mut().take(3).enumerate() {
            *limb = (wide >> (32 * i)) as u32;
        }
        f.truncate(limbs.max(1));
        (integer_digits(whole, 0), f)
    };
    let mut digits = Vec::with_capacity(dp);
    for _ in 0..dp {
        digits.push(times_ten(&mut frac));
    }
    // Round half to even on what is left of the fraction.
    let top = frac.last().copied().unwrap_or(0);
    let below = frac.len() > 1 && frac[..frac.len() - 1].iter().any(|&l| l != 0);
    let last_odd = digits
        .last()
        .map_or_else(|| int.last().is_some_and(|d| d % 2 == 1), |d| d % 2 == 1);
    let up = top > 0x8000_0000 || (top == 0x8000_0000 && (below || last_odd));
    if up && !carry(&mut digits) && !carry(&mut int) {
        int.insert(0, 1);
    }
    let mut out = String::with_capacity(int.len() + dp + 2);
    if x.is_sign_negative() {
        out.push('-');
    }
    out.extend(int.iter().map(|&d| char::from(b'0' + d)));
    if dp > 0 {
        out.push('.');
        out.extend(digits.iter().map(|&d| char::from(b'0' + d)));
    }
    out
}

/// `x` in the fewest digits that read back to it, as `format!("{x}")` writes it: never an
/// exponent (1e21 is 1000000000000000000000), no ".0" on a whole number, "-0" for a negative
/// zero. The digits are zmij's: the shortest that read back, the nearest to the exact value
/// among them, as the standard library's are; the one difference is a tie, an exact value
/// halfway between two 17-digit texts that both read back (-215295043938994.625 is between
/// ...994.62 and ...994.63), where zmij takes the even digit, as Python's `repr` does, and the
/// standard library the upper. serde_json writes JSON numbers with zmij, so a figure's text and
/// its JSON agree. The layout is the standard library's.
pub fn shortest(x: f64) -> String {
    if !x.is_finite() {
        return non_finite(x).to_string();
    }
    let mut buffer = zmij::Buffer::new();
    let text = buffer.format_finite(x);
    let (sign, text) = text.strip_prefix('-').map_or(("", text), |t| ("-", t));
    let (mantissa, exponent) = text.split_once('e').unwrap_or((text, "0"));
    let exponent: i64 = parse_int(exponent.trim_start_matches('+')).unwrap_or(0);
    let (whole, part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all = format!("{whole}{part}");
    let significant = all.trim_start_matches('0');
    let significant = significant.trim_end_matches('0');
    if significant.is_empty() {
        return format!("{sign}0");
    }
    // The decimal point's place counted from the first significant digit.
    let leading = (all.len() - all.trim_start_matches('0').len()) as i64;
    let point = whole.len() as i64 - leading + exponent;
    let n = significant.len() as i64;
    if point <= 0 {
        format!(
            "{sign}0.{}{significant}",
            "0".repeat(point.unsigned_abs() as usize)
        )
    } else if point >= n {
        format!("{sign}{significant}{}", "0".repeat((point - n) as usize))
    } else {
        let (a, b) = significant.split_at(point as usize);
        format!("{sign}{a}.{b}")
    }
}

fn non_finite(x: f64) -> &'static str {
    if x.is_nan() {
        "NaN"
    } else if x < 0.0 {
        "-inf"
    } else {
        "inf"
    }
}

/// |x| = m * 2^e exactly, for a finite x.
fn binary(x: f64) -> (u64, i32) {
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1u64 << 52) - 1);
    if exponent == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1u64 << 52), exponent - 1075)
    }
}

/// The decimal digits of m * 2^shift, most significant first ("0" for zero).
fn integer_digits(m: u64, shift: u32) -> Vec<u8> {
    // Base-2^32 limbs, least significant first.
    let mut limbs = vec![0u32; (shift / 32) as usize];
    let wide = u128::from(m) << (shift % 32);
    limbs.extend([wide as u32, (wide >> 32) as u32, (wide >> 64) as u32]);
    let mut out = Vec::new();
    while limbs.iter().any(|&l| l != 0) {
        // Divide by 10^9; the remainder gives nine digits.
        let mut rem = 0u64;
        for limb in limbs.iter_mut().rev() {
            let cur = (rem << 32) | u64::from(*limb);
            *limb = (cur / 1_000_000_000) as u32;
            rem = cur % 1_000_000_000;
        }
        for _ in 0..9 {
            out.push((rem % 10) as u8);
            rem /= 10;
        }
        while limbs.last() == Some(&0) {
            limbs.pop();
        }
    }
    while out.len() > 1 && out.last() == Some(&0) {
        out.pop();
    }
    if out.is_empty() {
        out.push(0);
    }
    out.reverse();
    out
}

/// Multiplies the fraction by ten and returns the digit that carries out of it.
fn times_ten(frac: &mut [u32]) -> u8 {
    let mut carry = 0u64;
    for limb in frac.iter_mut() {
        let cur = u64::from(*limb) * 10 + carry;
        *limb = cur as u32;
        carry = cur >> 32;
    }
    carry as u8
}

/// Adds one at the last decimal digit; false when it carries out of the first.
fn carry(digits: &mut [u8]) -> bool {
    for d in digits.iter_mut().rev() {
        if *d == 9 {
            *d = 0;
        } else {
            *d += 1;
            return true;
        }
    }
    false
}

/// A number without needless decimals: 16, 4.5, 0.9.
pub fn fmt_num(x: f64) -> String {
    let s = fixed(x, 6);
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
    let text = shortest(x);
    let places = text.split_once('.').map_or(0, |(_, f)| f.len());
    u8::try_from(places).map_or(MAX_GIVEN_DECIMALS, |p| p.min(MAX_GIVEN_DECIMALS))
}

/// The most decimal places a figure's own precision can ask for.
pub const MAX_GIVEN_DECIMALS: u8 = 3;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Hand-picked edges: signs, the limits, overflow, and what is not a number.
    #[test]
    fn integers_read_as_the_standard_library_reads_them_by_hand() {
        assert_eq!(parse_int::<i32>("2019"), Some(2019));
        assert_eq!(parse_int::<i32>("+7"), Some(7));
        assert_eq!(parse_int::<i32>("-7"), Some(-7));
        assert_eq!(parse_int::<u32>("-0"), None); // as "-0".parse::<u32>()
        assert_eq!(parse_int::<i64>("-9223372036854775808"), Some(i64::MIN));
        assert_eq!(parse_int::<i64>("9223372036854775808"), None);
        assert_eq!(parse_int::<i32>("2147483648"), None);
        assert_eq!(parse_int::<u8>("0255"), Some(255));
        for bad in ["", "+", "-", "1 ", " 1", "1.0", "1e3", "١", "+-1", "0x1"] {
            assert_eq!(parse_int::<i64>(bad), None, "{bad}");
        }
    }

    proptest! {
        /// Any text, and any text shaped like a number, reads as `str::parse` reads it, for
        /// each integer type the crate reads.
        #[test]
        fn integers_read_as_the_standard_library_reads_them(
            shaped in "[+-]{0,2}[0-9]{0,21}",
            any_text in ".{0,8}",
        ) {
            for t in [shaped.as_str(), any_text.as_str()] {
                prop_assert_eq!(parse_int::<i64>(t), t.parse::<i64>().ok(), "{}", t);
                prop_assert_eq!(parse_int::<i32>(t), t.parse::<i32>().ok(), "{}", t);
                prop_assert_eq!(parse_int::<u32>(t), t.parse::<u32>().ok(), "{}", t);
                prop_assert_eq!(parse_int::<u8>(t), t.parse::<u8>().ok(), "{}", t);
            }
        }
    }

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
                // Both readers: lexical's, and the crate's own that a WebAssembly build uses.
                [parse_decimal(t), decimal::parse(t)].into_iter().all(|got| {
                    // NaN's sign and payload are not a figure; both must say NaN.
                    match (t.parse::<f64>(), got) {
                        (Ok(a), Some(b)) if a.is_nan() => b.is_nan(),
                        _ => want == got.map(f64::to_bits),
                    }
                })
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

        /// `fixed` and `shortest` write what `format!` writes (the reference), on any float's
        /// bits (subnormals, huge and tiny figures, negative zero) and on figures of the size a
        /// scorecard has, whose halves at the last place test the rounding to even.
        #[test]
        fn floats_are_written_as_format_writes_them(
            bits in any::<u64>(),
            cents in -10_000_000i64..10_000_000,
            dp in 0usize..20,
        ) {
            for x in [f64::from_bits(bits), cents as f64 / 100.0, cents as f64 / 8.0, cents as f64 * 1e-9] {
                prop_assert_eq!(fixed(x, dp), format!("{x:.dp$}"));
                let (ours, std) = (shortest(x), format!("{x}"));
                if ours != std {
                    // Only a tie: two texts as short, both reading back to x (see `shortest`).
                    prop_assert_eq!(ours.len(), std.len(), "{} {}", ours, std);
                    prop_assert_eq!(parse_decimal(&ours).map(f64::to_bits), Some(x.to_bits()));
                    prop_assert_eq!(parse_decimal(&std).map(f64::to_bits), Some(x.to_bits()));
                }
            }
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
            assert_eq!(decimal::parse(refused), None, "{refused:?}");
        }
        // The crate's own reader past its fast path: 17 digits, a denominator far larger than
        // the numerator, more digits than can matter (f64::MAX's 309 digits and then a
        // fraction of nines: still f64::MAX, the halfway point above it being larger), and
        // exponents out of any range.
        for (text, want) in [
            ("9007199254740993", 9_007_199_254_740_992.0),
            ("2.4703282292062328e-324", f64::from_bits(1)),
            ("2.4703282292062327e-324", 0.0),
            ("1.7976931348623159e308", f64::INFINITY),
            ("17.088607594936708", 17.088607594936708),
            ("0.30000000000000004", 0.30000000000000004),
            ("1e-400", 0.0),
            ("1e999999999999999999999", f64::INFINITY),
            ("0e999999999999", 0.0),
        ] {
            assert_eq!(decimal::parse(text), Some(want), "{text}");
        }
        let max = format!("{}.{}", fixed(f64::MAX, 0), "9".repeat(70));
        assert_eq!(decimal::parse(&max), Some(f64::MAX));
        assert!(parse_decimal("NaN").is_some_and(f64::is_nan));
        assert_eq!(parse_decimal("-inf"), Some(f64::NEG_INFINITY));
    }

    /// Worked by hand: 0.125 is exact in binary, so to two places it is a tie and goes to the
    /// even 0.12; 0.35 is 0.34999999999999997779... in binary, so 0.3 to one place however its
    /// shortest text looks; 9.995 is 9.9949999999999992184... so 9.99; 2.5 to none is 2.
    #[test]
    fn fixed_places_round_the_exact_value_half_to_even() {
        assert_eq!(fixed(0.125, 2), "0.12");
        assert_eq!(fixed(0.375, 2), "0.38");
        assert_eq!(fixed(0.35, 1), "0.3");
        assert_eq!(fixed(9.995, 2), "9.99");
        assert_eq!(fixed(2.5, 0), "2");
        assert_eq!(fixed(3.5, 0), "4");
        assert_eq!(fixed(99.96, 1), "100.0");
        assert_eq!(fixed(-0.04, 1), "-0.0");
        assert_eq!(fixed(1e21, 1), "1000000000000000000000.0");
        assert_eq!(fixed(f64::NAN, 2), "NaN");
        assert_eq!(fixed(f64::NEG_INFINITY, 2), "-inf");
        assert_eq!(shortest(1e21), "1000000000000000000000");
        assert_eq!(shortest(1.5e-7), "0.00000015");
        assert_eq!(shortest(16.0), "16");
        assert_eq!(shortest(-0.0), "-0");
        assert_eq!(shortest(0.1 + 0.2), "0.30000000000000004");
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
