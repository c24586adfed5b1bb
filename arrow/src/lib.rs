//! Arrow record batches in and out of betteroff's batch scoring, for every front end that holds
//! tables as Arrow: the Python module (`spc_table`, `score_table`) and the command line
//! (`betteroff score`, from CSV, Parquet or PostgreSQL). Columns become the core's slices and
//! codes (`betteroff::batch`), and the core's result columns Arrow arrays; no figure is computed
//! here. Wrong columns and types are the core's usage errors (`ErrorKind::Usage`), naming the
//! column and, for a missing value, the row.

mod scores;
mod spc;

pub use betteroff::batch::By;
pub use scores::{score_table, Request as ScoreRequest};
pub use spc::{one_batch, spc_table, Request as SpcRequest};
