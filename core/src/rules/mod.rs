//! Each scoring rule once (docs/semantics.md): target resolution and the figure judged
//! (`target`), the status order and judgement (`status`), the baseline choice (`baseline`), the
//! SPC gate (`spc`), the forecast window (`forecast`), benchmark quartiles and ranks
//! (`benchmark`). Both scoring paths, the scorecard's and the columnar one, call these
//! functions; neither writes a rule of its own.

pub mod baseline;
pub mod benchmark;
pub mod forecast;
pub mod spc;
pub mod status;
pub mod target;
