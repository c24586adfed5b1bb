//! The domain model: plain validated values (periods, units, polarity, measures, baselines,
//! targets, definitions, observations, comparators, actions). No computation beyond what a value
//! says about itself; uses only `error` and `num`.

pub mod action;
pub mod baseline;
pub mod comparator;
pub mod definition;
pub mod kinds;
pub mod measure;
pub mod observation;
pub mod options;
pub mod period;
pub mod projection;
pub mod status;
pub mod story;
pub mod target;
pub mod window;
