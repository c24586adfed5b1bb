//! Compound demand projection (Dorset strategy table 3).

use crate::model::period::Period;
use crate::model::projection::{ProjectedStep, Projection};

impl Projection {
    /// Compounds the base through the steps ([`project`](crate::project)).
    pub fn project(&self) -> Vec<ProjectedStep> {
        project(self.base, &self.steps)
    }
}

/// Compounds `base` through `steps`; each value is the previous one times (1 + growth/100),
/// carried in full precision and shown to 6 decimal places.
pub fn project(base: f64, steps: &[(Period, f64)]) -> Vec<ProjectedStep> {
    let mut value = base;
    steps
        .iter()
        .map(|&(period, growth_pct)| {
            value *= 1.0 + growth_pct / 100.0;
            // Carried in full precision; shown to 6 decimal places like every report figure.
            ProjectedStep {
                period,
                growth_pct,
                value: crate::num::r6(value).unwrap_or(value),
                rounded: value.round(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn y(s: &str) -> Period {
        s.parse().unwrap()
    }

    #[test]
    fn dorset_table_3() {
        // Dorset SEND strategy 2018-21, table 3, worked by hand:
        // 1568 x 1.019 = 1597.8 -> 1598; x 1.049 = 1676.1 -> 1676; x 1.010 = 1692.9 -> 1693.
        let steps = [(y("2020"), 1.9), (y("2025"), 4.9), (y("2030"), 1.0)];
        let ehcp: Vec<f64> = project(1568.0, &steps).iter().map(|s| s.rounded).collect();
        assert_eq!(ehcp, [1598.0, 1676.0, 1693.0]);
        // SEN support row: 8319 -> 8477 / 8892 / 8981.
        let support: Vec<f64> = project(8319.0, &steps).iter().map(|s| s.rounded).collect();
        assert_eq!(support, [8477.0, 8892.0, 8981.0]);
    }
}
