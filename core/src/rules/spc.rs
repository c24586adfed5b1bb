//! The SPC gate (docs/semantics.md section 7): whether a measure's series gets SPC, and with
//! which options.

use crate::model::definition::Analysis;
use crate::model::measure::Measure;
use crate::model::options::SpcOptions;

/// Why a measure's series gets no SPC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoSpc {
    /// `spc = { enabled = false }` in the measure's definition.
    TurnedOff,
    /// A measure to be developed.
    ToBeDeveloped,
    /// Fewer figures than the scorecard's `spc_min_points`.
    TooFew { figures: usize, needed: usize },
}

impl NoSpc {
    /// The reason in words, the same in the JSON report and on the command line.
    pub fn text(self) -> String {
        match self {
            NoSpc::TurnedOff => {
                "No SPC: it is turned off for this measure (spc.enabled = false).".to_string()
            }
            NoSpc::ToBeDeveloped => "No SPC: the measure is to be developed.".to_string(),
            NoSpc::TooFew { figures, needed } => format!(
                "No SPC: {figures} figure(s), fewer than the {needed} the scorecard asks for (analysis.spc_min_points)."
            ),
        }
    }
}

/// The options SPC of `m` uses when its series has `figures` figures (missing ones left out),
/// or why SPC does not apply: turned off for the measure, a measure to be developed, or fewer
/// figures than the scorecard's `spc_min_points`. The measure's own `fix_after` overrides the
/// scorecard's. Both scoring paths call this.
pub fn gate(m: &Measure, a: &Analysis, figures: usize) -> Result<SpcOptions, NoSpc> {
    if m.spc.disabled {
        return Err(NoSpc::TurnedOff);
    }
    if m.to_be_developed {
        return Err(NoSpc::ToBeDeveloped);
    }
    if figures < a.spc_min_points {
        return Err(NoSpc::TooFew {
            figures,
            needed: a.spc_min_points,
        });
    }
    Ok(SpcOptions {
        fix_after: m.spc.fix_after.or(a.spc.fix_after),
        ..a.spc.clone()
    })
}

/// The fewest figures a run chart analysis is given for: Anhøj and Olesen's table of limits
/// starts at 10 useful observations.
pub const RUN_CHART_MIN_POINTS: usize = 10;

/// Whether a series of `figures` figures that `gate` gives no SPC gets a run chart analysis
/// (the Anhøj rules) instead: only for too few figures for limits, and at least
/// [`RUN_CHART_MIN_POINTS`] of them. Both the report and its notes ask here.
pub fn run_chart(m: &Measure, a: &Analysis, figures: usize) -> bool {
    matches!(gate(m, a, figures), Err(NoSpc::TooFew { .. })) && figures >= RUN_CHART_MIN_POINTS
}
