//! Each scoring rule once (docs/semantics.md): target resolution, the status order, the baseline
//! choice, value or gap, the SPC gate, the forecast window, benchmark quartiles and ranks. Both
//! scoring paths (the scorecard's and the columnar one) call these functions.

pub mod status;
pub mod target;
