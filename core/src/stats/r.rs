//! R's arithmetic where a reference tool's answer depends on it to the last bit.
//!
//! [`mean`] is R's `mean()` of doubles (`real_mean` in R's `src/main/summary.c`): the sum in
//! C's `long double`, divided by n, then one correction pass `s += sum(x - s) / n`, all in
//! `long double`, and the result rounded to a double. NHSRplotthedots computes every centre line
//! and mean moving range with it, so a point that lies exactly on R's mean (and breaks a run
//! there) must lie exactly on ours. On x86-64, where the reference answers were taken, `long
//! double` is the x87 80-bit format (64-bit significand, round to nearest even); [`Ext`]
//! implements the three operations the mean needs in that format, in integer arithmetic, so
//! the answer is the same on every target (wasm and arm64 included).

/// A number in the x87 extended format: `(-1)^neg * mant * 2^exp`, `mant` normalised (top bit
/// set) or zero. The exponent is unbounded: sums of finite doubles never reach x87's limits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Ext {
    neg: bool,
    exp: i32,
    mant: u64,
}

/// `(mant * 2^64) / n` and its remainder, for any `n > 0`: the high half of the quotient by one
/// division, the low half a bit at a time. The same as `u128` division, which in a WebAssembly
/// build brought in compiler-builtins' 128-bit divider (1 KB) for this one use.
fn wide_div(mant: u64, n: u64) -> (u128, u64) {
    let (high, mut r) = (mant / n, mant % n);
    let mut low = 0u64;
    for bit in (0..64).rev() {
        // r < n; the bit shifted out of r, when set, makes 2r certainly at least n.
        let carry = r >> 63;
        r <<= 1;
        if carry == 1 || r >= n {
            r = r.wrapping_sub(n);
            low |= 1 << bit;
        }
    }
    ((u128::from(high) << 64) | u128::from(low), r)
}

impl Ext {
    const ZERO: Ext = Ext {
        neg: false,
        exp: 0,
        mant: 0,
    };

    /// The double exactly (every finite double is an extended number). Not for NaN or infinity.
    pub(crate) fn from_f64(x: f64) -> Ext {
        let bits = x.to_bits();
        let neg = bits >> 63 == 1;
        let biased = ((bits >> 52) & 0x7ff) as i32;
        let frac = bits & ((1 << 52) - 1);
        let (m, e) = if biased == 0 {
            (frac, -1074)
        } else {
            (frac | (1 << 52), biased - 1075)
        };
        if m == 0 {
            return Ext::ZERO;
        }
        let lz = m.leading_zeros();
        Ext {
            neg,
            exp: e - lz as i32,
            mant: m << lz,
        }
    }

    /// `(-1)^neg * s * 2^exp` rounded to 64 bits, nearest even; `s`'s bit 0 may be a sticky bit
    /// standing for any non-zero bits below it.
    fn round(neg: bool, s: u128, exp: i32) -> Ext {
        if s == 0 {
            return Ext::ZERO;
        }
        let lz = s.leading_zeros();
        let s = s << lz;
        let (mut mant, rest) = ((s >> 64) as u64, s as u64);
        let mut exp = exp - lz as i32 + 64;
        let half = 1u64 << 63;
        if rest > half || (rest == half && mant & 1 == 1) {
            mant = mant.wrapping_add(1);
            if mant == 0 {
                mant = half;
                exp += 1;
            }
        }
        Ext { neg, exp, mant }
    }

    /// `self + other`, rounded once.
    pub(crate) fn add(self, other: Ext) -> Ext {
        if other.mant == 0 {
            return self;
        }
        if self.mant == 0 {
            return other;
        }
        let (big, small) = if (self.exp, self.mant) >= (other.exp, other.mant) {
            (self, other)
        } else {
            (other, self)
        };
        // The larger at bits 62..125, two bits of headroom for a carry; the smaller shifted
        // to its scale, the bits it loses kept as a sticky bit.
        let a = u128::from(big.mant) << 62;
        let d = (big.exp - small.exp) as u32;
        let b = u128::from(small.mant) << 62;
        let (b, lost) = if d >= 126 {
            (0, true)
        } else {
            (b >> d, b & ((1u128 << d) - 1) != 0)
        };
        let b = b | u128::from(lost);
        let s = if big.neg == small.neg { a + b } else { a - b };
        Ext::round(big.neg, s, big.exp - 62)
    }

    /// `self - other`, rounded once.
    pub(crate) fn sub(self, other: Ext) -> Ext {
        self.add(Ext {
            neg: !other.neg,
            ..other
        })
    }

    /// `self / n`, rounded once.
    pub(crate) fn div(self, n: u64) -> Ext {
        if self.mant == 0 || n == 0 {
            return Ext::ZERO;
        }
        let (q, r) = wide_div(self.mant, n);
        // q has at least 64 + 11 significant bits for n < 2^53: enough to round, with r as
        // the sticky bit.
        Ext::round(self.neg, q | u128::from(r != 0), self.exp - 64)
    }

    /// The nearest double (ties to even), infinity beyond the largest.
    pub(crate) fn to_f64(self) -> f64 {
        if self.mant == 0 {
            return 0.0;
        }
        let sign = if self.neg { -1.0 } else { 1.0 };
        // The result's last bit: 52 below the top bit, or the smallest subnormal's.
        let top = self.exp + 63;
        let q = (top - 52).max(-1074);
        let shift = (q - self.exp) as u32; // >= 11
        if shift > 64 {
            // Below half the smallest subnormal: rounds to zero.
            return 0.0 * sign;
        }
        let mant = u128::from(self.mant);
        let (mut m, rest, half) = (
            (mant >> shift) as u64,
            mant & ((1u128 << shift) - 1),
            1u128 << (shift - 1),
        );
        if rest > half || (rest == half && m & 1 == 1) {
            m += 1;
        }
        let (m, q) = if m == 1 << 53 {
            (m >> 1, q + 1)
        } else {
            (m, q)
        };
        // One formula for normal and subnormal: the implicit bit carries into the exponent.
        let bits = ((i64::from(q) + 1074) as u64)
            .checked_shl(52)
            .and_then(|e| e.checked_add(m));
        match bits {
            Some(b) if b < 0x7ff0_0000_0000_0000 => sign * f64::from_bits(b),
            _ => sign * f64::INFINITY,
        }
    }
}

/// R's `mean()` of `n` finite doubles `x(0) .. x(n - 1)`, to the last bit (see the module's
/// documentation). NaN for `n == 0`, as R gives.
///
/// Fast path: the mean in double-double arithmetic (error-free sums, about 2^-100 relative),
/// rounded once. R's extended result rounds to the same double unless the exact mean lies
/// within R's own error of a point halfway between two doubles; that error is bounded by
/// 2^-60 x (the largest |x| + |mean|). Only then (about 1 mean in 100 on ordinary data) is the
/// extended arithmetic carried out. A property test holds the two paths equal.
pub(crate) fn mean(n: usize, x: impl Fn(usize) -> f64) -> f64 {
    mean_of((0..n).map(&x))
}

/// [`mean`] of the figures an iterator gives (walked once, twice only near a tie).
pub(crate) fn mean_of<I: Iterator<Item = f64> + Clone>(figures: I) -> f64 {
    match fast_mean(figures.clone()) {
        Ok(m) => m,
        Err(Slow::Empty) => f64::NAN,
        // R's long double sum is then infinite or NaN, and so is the mean.
        Err(Slow::NotFinite) => {
            let (sum, n) = figures.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
            sum / n as f64
        }
        Err(Slow::NearTie) => {
            let y: Vec<f64> = figures.collect();
            extended_mean(y.len(), &|i| y[i])
        }
    }
}

/// Why the fast path gives no answer.
enum Slow {
    Empty,
    NotFinite,
    NearTie,
}

/// `a + b` exactly as `s + e` (Knuth's TwoSum).
fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    let bb = s - a;
    (s, (a - (s - bb)) + (b - bb))
}

/// `a * b` exactly as `p + e` (Dekker's product, no fused multiply-add needed).
fn two_prod(a: f64, b: f64) -> (f64, f64) {
    let split = |v: f64| {
        let c = 134_217_729.0 * v; // 2^27 + 1
        let hi = c - (c - v);
        (hi, v - hi)
    };
    let p = a * b;
    let ((ah, al), (bh, bl)) = (split(a), split(b));
    (p, ((ah * bh - p) + ah * bl + al * bh) + al * bl)
}

/// The mean by double-double arithmetic, when it is certainly R's; `None` near a tie, or where
/// the figures are too large for the exact products (then the extended path decides).
fn fast_mean(figures: impl Iterator<Item = f64>) -> Result<f64, Slow> {
    let (mut hi, mut lo, mut big, mut n) = (0.0f64, 0.0f64, 0.0f64, 0usize);
    for v in figures {
        let (s, e) = two_sum(hi, v);
        hi = s;
        lo += e;
        big = big.max(v.abs());
        n += 1;
    }
    if n == 0 {
        return Err(Slow::Empty);
    }
    if !big.is_finite() {
        return Err(Slow::NotFinite);
    }
    let count = n as f64;
    if !(big < 1e300 && hi.is_finite()) {
        return Err(Slow::NearTie);
    }
    // (hi + lo) / n: a first quotient, then the exact remainder divided again.
    let q1 = hi / count;
    let (p, pe) = two_prod(q1, count);
    let q2 = (((hi - p) - pe) + lo) / count;
    let (m, err) = two_sum(q1, q2);
    if !m.is_finite() || m == 0.0 {
        return Err(Slow::NearTie);
    }
    // The gap to the next double up (f64::next_up is newer than this crate's minimum Rust).
    let ulp = f64::from_bits(m.abs().to_bits() + 1) - m.abs();
    let margin = 2f64.powi(-60) * (big + m.abs()) + ulp * 2f64.powi(-30);
    if ulp / 2.0 - err.abs() > margin {
        Ok(m)
    } else {
        Err(Slow::NearTie)
    }
}

/// R's mean in emulated x87 extended arithmetic, operation for operation.
fn extended_mean(n: usize, x: &impl Fn(usize) -> f64) -> f64 {
    let count = n as u64;
    let mut s = Ext::ZERO;
    for i in 0..n {
        s = s.add(Ext::from_f64(x(i)));
    }
    s = s.div(count);
    if s.to_f64().is_finite() {
        let mut t = Ext::ZERO;
        for i in 0..n {
            t = t.add(Ext::from_f64(x(i)).sub(s));
        }
        s = s.add(t.div(count));
    }
    s.to_f64()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn doubles_round_trip() {
        for x in [
            0.0,
            1.0,
            -2.5,
            0.1,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            -1e-310,
            123456.789,
        ] {
            assert_eq!(Ext::from_f64(x).to_f64().to_bits(), x.to_bits(), "{x}");
        }
    }

    #[test]
    fn means_r_gives() {
        // R 4.2.2 on x86-64: sprintf("%.17g", mean(c(0.3, 0.3, 0.4, 0.4, 0.3, 0.2, 0.2)))
        // is "0.29999999999999999" (the double nearest 0.3); a sum in four lanes divided by 7
        // gives 0.29999999999999993. ../shared/design/spc-reference-cases.json, mean-ulp-2in3.
        let y = [0.3, 0.3, 0.4, 0.4, 0.3, 0.2, 0.2];
        assert_eq!(mean(y.len(), |i| y[i]), 0.3);
        // zero-screened-step14: mean(c(rep(2, 8), rep(3, 6))) = 34 / 14.
        let y = [
            2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0,
        ];
        assert_eq!(mean(y.len(), |i| y[i]), 2.4285714285714284);
        assert!(mean(0, |_| 0.0).is_nan());
        // Near f64's limits the long double sum does not overflow; the mean is finite.
        assert_eq!(mean(2, |_| f64::MAX), f64::MAX);
    }

    #[test]
    fn extended_rounds_to_sixty_four_bits() {
        // 1 + 2^-64 is a tie between 1 and 1 + 2^-63 in 64 bits: to even, 1. 1 + 3 x 2^-65
        // is above the tie: 1 + 2^-63.
        let one = Ext::from_f64(1.0);
        let tiny = |k: i32| Ext::from_f64(2f64.powi(k));
        assert_eq!(one.add(tiny(-64)), one);
        let up = one.add(tiny(-64).add(tiny(-65)));
        assert_eq!(up.sub(one), tiny(-63));
        // 1/3 in 64 bits is 0xAAAA...AAAB x 2^-65: rounded up.
        let third = one.div(3);
        assert_eq!((third.mant, third.exp), (0xAAAA_AAAA_AAAA_AAAB, -65));
        // Subnormal results round at the smallest subnormal.
        assert_eq!(Ext::from_f64(5e-324).div(2).to_f64(), 0.0);
        assert_eq!(Ext::from_f64(3.0 * 5e-324).div(2).to_f64(), 2.0 * 5e-324);
    }

    /// The exact mean of the doubles, as a rational `sum / n` with `sum` in units of 2^-90,
    /// against the candidate `m`: whether no double lies nearer the exact mean than `m`.
    fn nearest_double(y: &[f64], m: f64) -> bool {
        let units = |x: f64| (x * 2f64.powi(90)) as i128; // exact for these values
        let sum: i128 = y.iter().map(|&x| units(x)).sum();
        let n = y.len() as i128;
        let dist = |c: f64| (units(c) * n - sum).abs();
        let step = |k: i64| f64::from_bits((m.to_bits() as i64 + k) as u64);
        let (below, above) = if m > 0.0 {
            (step(-1), step(1))
        } else {
            (m, step(1))
        };
        dist(m) <= dist(below) && dist(m) <= dist(above)
    }

    /// Whether the exact mean of `y` lies within 1/256 of an ulp of the point halfway between
    /// `m` and a neighbouring double: there R's mean, summed in x87 extended precision (11 more
    /// bits) and then rounded to a double, may round either way, and which way depends on the
    /// order of the sum.
    fn near_a_tie(y: &[f64], m: f64) -> bool {
        let units = |x: f64| (x * 2f64.powi(90)) as i128; // exact for these values
        let sum: i128 = y.iter().map(|&x| units(x)).sum();
        let n = y.len() as i128;
        let ulp = units(f64::from_bits(m.to_bits() + 1)) - units(m);
        if ulp == 0 {
            return false;
        }
        let off = (units(m) * n - sum) as f64 / (ulp * n) as f64;
        (off.abs() - 0.5).abs() < 1.0 / 256.0
    }

    /// Worked by hand: 2^64 / 3 = 6148914691236517205 rem 1 (3 x 6148914691236517205 =
    /// 2^64 - 1); the largest numerator over 1 leaves the shifted value itself.
    #[test]
    fn wide_division_by_hand() {
        assert_eq!(wide_div(1, 3), (6_148_914_691_236_517_205, 1));
        assert_eq!(wide_div(u64::MAX, 1), (u128::from(u64::MAX) << 64, 0));
        assert_eq!(wide_div(5, 2), (5u128 << 63, 0));
    }

    proptest! {
        /// The same quotient and remainder as 128-bit division.
        #[test]
        fn wide_division_is_u128_division(mant in any::<u64>(), n in 1u64.., big in any::<bool>()) {
            let n = if big { n | (1 << 63) } else { n };
            let wide = u128::from(mant) << 64;
            let want = (wide / u128::from(n), (wide % u128::from(n)) as u64);
            prop_assert_eq!(wide_div(mant, n), want);
        }

        /// The fast path, where it answers, is the extended arithmetic's answer: on decimals,
        /// on figures of mixed magnitude, and on cancelling ones.
        #[test]
        fn the_fast_path_is_the_extended_answer(
            a in prop::collection::vec((-1_000_000_000i64..1_000_000_000, 0u32..7), 1..60),
            scale in -6i32..9,
        ) {
            let y: Vec<f64> = a.iter().map(|&(v, d)| v as f64 / 10f64.powi(d as i32) * 10f64.powi(scale)).collect();
            if let Ok(fast) = fast_mean(y.iter().copied()) {
                prop_assert_eq!(fast.to_bits(), extended_mean(y.len(), &|i| y[i]).to_bits(), "{:?}", y);
            }
        }

        /// Figures written with up to 6 decimals (as councils' files hold them): the mean is
        /// the double nearest the exact mean, whatever the order of the points, so a point
        /// never changes side of the mean because of summation order; except where the exact
        /// mean lies a hair from halfway between two doubles, where R's answer (which this is)
        /// may be the other one of the two (a case proptest found: 72 figures whose exact mean
        /// lies 0.50005 ulp below 582.6083999444445, R's mean and this one).
        #[test]
        fn mean_is_exact_and_order_free(
            a in prop::collection::vec(0i64..1_000_000_000, 1..80),
            decimals in 0u32..7,
            rotate in 0usize..80,
        ) {
            let k = 10f64.powi(decimals as i32);
            let y: Vec<f64> = a.iter().map(|&v| v as f64 / k).collect();
            let m = mean(y.len(), |i| y[i]);
            if near_a_tie(&y, m) {
                // One of the two doubles either side of the exact mean.
                let step = |k: i64| f64::from_bits(m.to_bits().saturating_add_signed(k));
                prop_assert!(
                    [m, step(-1), step(1)].iter().any(|&c| nearest_double(&y, c)),
                    "{y:?}: {m}"
                );
                return Ok(());
            }
            prop_assert!(nearest_double(&y, m), "{y:?}: {m}");
            let mut z = y.clone();
            z.rotate_left(rotate % y.len());
            z.reverse();
            prop_assert_eq!(mean(z.len(), |i| z[i]).to_bits(), m.to_bits());
        }
    }
}

#[cfg(test)]
mod against_r {
    /// R's own means (core/tests/data/r-means.txt, printed by R 4.2.2 on x86-64), bit for bit,
    /// on series where a plain double sum differs from R in most cases: cancellation, mixed
    /// magnitudes, one to six decimals.
    #[test]
    fn every_mean_is_r_s_to_the_bit() {
        let text = include_str!("../../tests/data/r-means.txt");
        let (mut series, mut plain_differs) = (0, 0);
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let (m, xs) = line.split_once(';').expect("mean;values");
            let r: f64 = m.parse().expect("R's mean");
            let x: Vec<f64> = xs.split(',').map(|v| v.parse().expect("a value")).collect();
            assert_eq!(
                super::mean(x.len(), |i| x[i]).to_bits(),
                r.to_bits(),
                "{x:?}"
            );
            series += 1;
            plain_differs += usize::from((x.iter().sum::<f64>() / x.len() as f64) != r);
        }
        assert_eq!(series, 150);
        // The test can fail: a plain sum would get many of these wrong.
        assert!(plain_differs > 50, "{plain_differs}");
    }
}
