//! The turn-the-curve forecast: where the figure is heading if nothing changes. A least-squares
//! line through recent observations, projected to the target date; and whether the curve has
//! turned, that is, whether the latest figure is better than the forecast made at the baseline.

/// A straight line y = a + b x, x in days.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Line {
    pub intercept: f64,
    pub slope_per_day: f64,
}

impl Line {
    pub fn at(&self, x: f64) -> f64 {
        self.intercept + self.slope_per_day * x
    }
}

/// Ordinary least squares through (x, y) points; `None` with fewer than two distinct x.
pub fn least_squares(points: &[(f64, f64)]) -> Option<Line> {
    let n = points.len() as f64;
    if points.len() < 2 {
        return None;
    }
    // Two passes (means, then centred sums), each sum accumulated in point order.
    let (sx, sy) = points
        .iter()
        .fold((0.0, 0.0), |(sx, sy), p| (sx + p.0, sy + p.1));
    let (mx, my) = (sx / n, sy / n);
    let (sxx, sxy) = points.iter().fold((0.0, 0.0), |(sxx, sxy), p| {
        let dx = p.0 - mx;
        (sxx + dx.powi(2), sxy + dx * (p.1 - my))
    });
    if sxx <= 0.0 || !sxx.is_finite() {
        return None;
    }
    let b = sxy / sxx;
    let line = Line {
        intercept: my - b * mx,
        slope_per_day: b,
    };
    (line.intercept.is_finite() && b.is_finite()).then_some(line)
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn fits_a_line() {
        // y = 2 + 0.5x exactly.
        let l = least_squares(&[(0.0, 2.0), (2.0, 3.0), (4.0, 4.0)]).unwrap();
        assert_relative_eq!(l.intercept, 2.0);
        assert_relative_eq!(l.slope_per_day, 0.5);
        // Scatter: points (1,1), (2,3), (3,2): slope 0.5, intercept 1.
        let s = least_squares(&[(1.0, 1.0), (2.0, 3.0), (3.0, 2.0)]).unwrap();
        assert_relative_eq!(s.slope_per_day, 0.5);
        assert_relative_eq!(s.at(0.0), 1.0);
        assert_eq!(least_squares(&[(1.0, 1.0)]), None);
        assert_eq!(least_squares(&[(1.0, 1.0), (1.0, 2.0)]), None);
    }
}
