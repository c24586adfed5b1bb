//! Number helpers used by every layer: one rounding and one plain formatting.

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
