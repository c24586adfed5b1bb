//! Demand projection: a base figure compounded by a list of period growth rates
//! (Dorset strategy table 3: EHCPs 1,568 in 2017, +1.9% to 2020, +4.9% to 2025, +1.0% to 2030).

use crate::model::period::Period;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq)]
/// A demand projection: a base figure compounded by period growth rates.
#[non_exhaustive]
pub struct Projection {
    /// The projection's id.
    pub id: String,
    /// What is projected.
    pub name: String,
    /// The base figure's period.
    pub base_period: Period,
    /// The base figure.
    pub base: f64,
    /// Each step's end period and its growth in percent over the previous step.
    pub steps: Vec<(Period, f64)>,
    /// Where the rates come from.
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
/// One projected step.
#[non_exhaustive]
pub struct ProjectedStep {
    /// The step's end period.
    pub period: Period,
    /// Growth over the previous step, in percent.
    pub growth_pct: f64,
    /// The projected figure (6 decimal places).
    pub value: f64,
    /// The value rounded to a whole number, as the seed's table prints it.
    pub rounded: f64,
}
