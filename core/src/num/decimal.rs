//! Decimal text to the nearest `f64`, for a WebAssembly build ([`super::parse_decimal`] says
//! why): the digits read exactly, a float straight from them when the digits and the power of
//! ten are both exact in `f64` (one rounding), else the quotient worked in big integers to 66
//! bits and rounded half to even once. No tables. Property-tested against the standard
//! library's parser (`num::tests`).

/// Reads decimal text as the nearest f64, rounding half to even; None when it is not a number.
pub(crate) fn parse(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let (negative, rest) = match bytes.first() {
        Some(b'-') => (true, &bytes[1..]),
        Some(b'+') => (false, &bytes[1..]),
        _ => (false, bytes),
    };
    let signed = |x: f64| if negative { -x } else { x };
    if rest.eq_ignore_ascii_case(b"inf") || rest.eq_ignore_ascii_case(b"infinity") {
        return Some(signed(f64::INFINITY));
    }
    if rest.eq_ignore_ascii_case(b"nan") {
        return Some(signed(f64::NAN));
    }
    // The significant digits (no leading zeros) and the power of ten they are scaled by.
    let mut digits: Vec<u8> = Vec::new();
    let mut exp10: i64 = 0;
    let mut seen = false;
    let mut sticky = false;
    let mut i = 0;
    let mut point = false;
    while i < rest.len() {
        let c = rest[i];
        if c == b'.' && !point {
            point = true;
        } else if c.is_ascii_digit() {
            seen = true;
            if point {
                exp10 -= 1;
            }
            if digits.is_empty() && c == b'0' {
                // a leading zero
            } else if digits.len() < MAX_DIGITS {
                digits.push(c - b'0');
            } else {
                // Past the digits that can matter: it only says whether the rest is zero.
                exp10 += 1;
                sticky |= c != b'0';
            }
        } else {
            break;
        }
        i += 1;
    }
    if !seen {
        return None;
    }
    if i < rest.len() {
        if rest[i] | 0x20 != b'e' {
            return None;
        }
        i += 1;
        let (minus, from) = match rest.get(i) {
            Some(b'-') => (true, i + 1),
            Some(b'+') => (false, i + 1),
            _ => (false, i),
        };
        let e = &rest[from..];
        if e.is_empty() || !e.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let e = e
            .iter()
            .fold(0i64, |a, &d| (a * 10 + i64::from(d - b'0')).min(1 << 40));
        exp10 += if minus { -e } else { e };
    }
    if sticky {
        // A digit past the last kept one that is not zero: one more digit, 1, keeps the value
        // strictly between the truncation and the next, which is all that rounding needs.
        digits.push(1);
        exp10 -= 1;
    }
    while digits.last() == Some(&0) {
        digits.pop();
        exp10 += 1;
    }
    if digits.is_empty() {
        return Some(signed(0.0));
    }
    let n = digits.len() as i64;
    if n + exp10 > 310 {
        return Some(signed(f64::INFINITY));
    }
    if n + exp10 < -324 {
        return Some(signed(0.0));
    }
    // Exact in f64: at most 15 digits, times or over a power of ten that is itself exact.
    if n <= 15 && exp10.abs() <= 22 {
        let d = digits.iter().fold(0.0, |a, &d| a * 10.0 + f64::from(d));
        let p = (0..exp10.abs()).fold(1.0, |p, _| p * 10.0);
        return Some(signed(if exp10 < 0 { d / p } else { d * p }));
    }
    let mut big = Big::default();
    for &d in &digits {
        big.mul_add(10, u32::from(d));
    }
    let (top, e2, sticky) = if exp10 >= 0 {
        for _ in 0..exp10 {
            big.mul_add(10, 0);
        }
        big.top()
    } else {
        let mut den = Big::default();
        den.mul_add(0, 1);
        for _ in 0..-exp10 {
            den.mul_add(10, 0);
        }
        // q = floor(N * 2^s / den) to at least 66 bits, by long division a bit at a time; what
        // is left over only says whether the quotient is exact.
        // Scaled so that the quotient has 66 or 67 bits: the numerator up by s, or the
        // denominator up by t (a quotient floor(a / (b * 2^t)) has the bits of a / b above t).
        let t = big.bits().saturating_sub(den.bits() + 66);
        den.shl(t);
        let s = (den.bits() + 66).saturating_sub(big.bits());
        big.shl(s);
        let qbits = big.bits() - den.bits() + 1;
        den.shl(qbits);
        let mut q: u128 = 0;
        for _ in 0..=qbits {
            q <<= 1;
            if big >= den {
                big.sub(&den);
                q |= 1;
            }
            den.shr1();
        }
        (q, t as i64 - s as i64, !big.is_zero())
    };
    Some(signed(round(top, e2, sticky)))
}

/// The most significant digits kept: a halfway point between two floats has at most 767.
const MAX_DIGITS: usize = 800;

/// top * 2^e2, plus a little more when `sticky`, rounded half to even to the nearest f64
/// (subnormal, or infinity, as it falls).
fn round(top: u128, e2: i64, sticky: bool) -> f64 {
    let len = i64::from(128 - top.leading_zeros());
    let msb = len - 1 + e2;
    // The exponent of the last place kept: 53 bits for a normal float, fewer below.
    let unit = (msb - 52).max(-1074);
    let drop = unit - e2;
    let mut m = if drop <= 0 {
        top << -drop
    } else if drop > len {
        // Below half the last place: zero.
        0
    } else {
        let m = top >> drop;
        let rest = top & ((1u128 << drop) - 1);
        let half = 1u128 << (drop - 1);
        m + u128::from(rest > half || (rest == half && (sticky || m & 1 == 1)))
    };
    let mut unit = unit;
    if m >> 53 != 0 {
        m >>= 1;
        unit += 1;
    }
    if m >> 52 != 0 {
        let biased = unit + 52 + 1023;
        if biased >= 2047 {
            return f64::INFINITY;
        }
        f64::from_bits(((biased as u64) << 52) | (m as u64 & ((1u64 << 52) - 1)))
    } else {
        f64::from_bits(m as u64)
    }
}

/// An unsigned integer in base 2^32, least significant limb first, no zero limbs on top.
#[derive(Default, PartialEq, Eq)]
struct Big(Vec<u32>);

impl Big {
    /// self = self * k + add.
    fn mul_add(&mut self, k: u32, add: u32) {
        let mut carry = u64::from(add);
        for limb in &mut self.0 {
            let cur = u64::from(*limb) * u64::from(k) + carry;
            *limb = cur as u32;
            carry = cur >> 32;
        }
        if carry != 0 {
            self.0.push(carry as u32);
        }
        self.trim();
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    fn is_zero(&self) -> bool {
        self.0.is_empty()
    }

    fn bits(&self) -> u64 {
        self.0.last().map_or(0, |&top| {
            self.0.len() as u64 * 32 - u64::from(top.leading_zeros())
        })
    }

    fn shl(&mut self, by: u64) {
        let (limbs, bits) = ((by / 32) as usize, (by % 32) as u32);
        if bits != 0 {
            let mut carry = 0u32;
            for limb in &mut self.0 {
                let next = *limb >> (32 - bits);
                *limb = (*limb << bits) | carry;
                carry = next;
            }
            if carry != 0 {
                self.0.push(carry);
            }
        }
        self.0.splice(0..0, std::iter::repeat_n(0, limbs));
    }

    fn shr1(&mut self) {
        let mut carry = 0u32;
        for limb in self.0.iter_mut().rev() {
            let next = *limb << 31;
            *limb = (*limb >> 1) | carry;
            carry = next;
        }
        self.trim();
    }

    /// self -= other, for other <= self.
    fn sub(&mut self, other: &Big) {
        let mut borrow = 0i64;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let cur = i64::from(*limb) - i64::from(other.0.get(i).copied().unwrap_or(0)) - borrow;
            *limb = cur.rem_euclid(1 << 32) as u32;
            borrow = i64::from(cur < 0);
        }
        self.trim();
    }

    /// The top 64 bits (or all, when fewer), the power of two they are scaled by, and whether
    /// any bit below them is set.
    fn top(&self) -> (u128, i64, bool) {
        let bits = self.bits();
        if bits <= 64 {
            let v = self
                .0
                .iter()
                .rev()
                .fold(0u128, |a, &l| (a << 32) | u128::from(l));
            return (v, 0, false);
        }
        let drop = bits - 64;
        let (limbs, shift) = ((drop / 32) as usize, (drop % 32) as u32);
        // Three limbs from `limbs` up hold the top 64 bits (their top bit is below bit 96).
        let window: u128 = (0..3).rev().fold(0u128, |a, k| {
            (a << 32) | u128::from(self.0.get(limbs + k).copied().unwrap_or(0))
        });
        let top = window >> shift;
        let sticky =
            self.0[..limbs].iter().any(|&l| l != 0) || window & ((1u128 << shift) - 1) != 0;
        (top, drop as i64, sticky)
    }
}

impl PartialOrd for Big {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Big {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}
