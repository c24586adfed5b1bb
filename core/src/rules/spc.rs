//! The SPC gate (docs/semantics.md section 7): whether a measure's series gets SPC, and with
//! which options.

use crate::model::definition::Analysis;
use crate::model::measure::Measure;
use crate::model::options::SpcOptions;

/// The options SPC of `m` uses when its series has `figures` figures (missing ones left out);
/// `None` when SPC does not apply: turned off for the measure, a measure to be developed, or
/// fewer figures than the scorecard's `spc_min_points`. The measure's own `fix_after` overrides
/// the scorecard's. Both scoring paths call this.
pub fn gate(m: &Measure, a: &Analysis, figures: usize) -> Option<SpcOptions> {
    if m.spc.disabled || m.to_be_developed || figures < a.spc_min_points {
        return None;
    }
    Some(SpcOptions {
        fix_after: m.spc.fix_after.or(a.spc.fix_after),
        ..a.spc.clone()
    })
}
