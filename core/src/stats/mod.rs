//! Statistics on slices of numbers: SPC (XmR), quantiles and bands, intervals, least squares,
//! compound projection. Uses only the model below it.

pub mod attribute;
pub mod batch_spc;
pub mod benchmark;
pub mod forecast;
pub mod interval;
pub mod projection;
pub(crate) mod r;
pub mod runs;
pub mod spc;

/// R's `mean()` of finite figures, to the last bit (NaN for none).
pub fn r_mean(x: &[f64]) -> f64 {
    r::mean(x.len(), |i| x[i])
}
