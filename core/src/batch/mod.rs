//! Scoring many series at once from columns, without building an object per observation:
//! SPC alone for any keyed series ([`spc()`]), or the full scoring of every area against every
//! measure of a definition ([`Plan`]). Both give the scorecard's figures (tests check it).

pub mod codes;
mod columns;
mod score;
mod spc;

pub use columns::{SeriesColumns, SeriesScore};
pub use score::{Plan, Rows, Scores};
#[cfg(feature = "parallel")]
pub use spc::par_spc;
pub use spc::{spc, SpcColumns};
