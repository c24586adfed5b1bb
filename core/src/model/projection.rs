//! Demand projection: a base figure compounded by a list of period growth rates
//! (Dorset strategy table 3: EHCPs 1,568 in 2017, +1.9% to 2020, +4.9% to 2025, +1.0% to 2030).

use crate::model::period::Period;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq)]
pub struct Projection {
    pub id: String,
    pub name: String,
    pub base_period: Period,
    pub base: f64,
    /// Each step's end period and its growth in percent over the previous step.
    pub steps: Vec<(Period, f64)>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectedStep {
    pub period: Period,
    pub growth_pct: f64,
    pub value: f64,
    /// The value rounded to a whole number, as the seed's table prints it.
    pub rounded: f64,
}
