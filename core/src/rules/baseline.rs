//! The baseline choice (docs/semantics.md section 4): a stated figure, the figure observed at
//! the named period, or the series' first figure.

use crate::model::baseline::{Baseline, BaselineSource, ResolvedBaseline};
use crate::model::period::Period;

/// Why a measure with a baseline rule has no baseline figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoBaseline {
    /// The baseline is the figure for this period, and there is none.
    NoFigureAt(Period),
    /// The baseline is the first figure, and the series has none yet.
    NoFigureYet,
}

impl NoBaseline {
    /// The note the report gives.
    pub fn note(self) -> String {
        match self {
            NoBaseline::NoFigureAt(period) => {
                format!("No baseline: there is no figure for the baseline period {period}.")
            }
            NoBaseline::NoFigureYet => "No baseline: the series has no figure yet.".to_string(),
        }
    }
}

/// The baseline `rule` gives on `figures`, the series' (period, figure) pairs in time order with
/// missing and suppressed figures left out. Both scoring paths call this.
pub fn choose(
    rule: &Baseline,
    figures: impl IntoIterator<Item = (Period, f64)>,
) -> Result<ResolvedBaseline, NoBaseline> {
    let observed = |(period, value): (Period, f64)| ResolvedBaseline {
        period,
        value,
        source: BaselineSource::Observed,
    };
    match rule {
        Baseline::Stated { period, value } => Ok(ResolvedBaseline {
            period: *period,
            value: *value,
            source: BaselineSource::Stated,
        }),
        Baseline::Observed { period } => figures
            .into_iter()
            .find(|(p, _)| p == period)
            .map(observed)
            .ok_or(NoBaseline::NoFigureAt(*period)),
        Baseline::First => figures
            .into_iter()
            .next()
            .map(observed)
            .ok_or(NoBaseline::NoFigureYet),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }

    #[test]
    fn each_rule() {
        // Dudley WSoA 2.A3a: 32% in 2019-04, then 25% in 2019-10.
        let figures = [(p("2019-04"), 32.0), (p("2019-10"), 25.0)];
        let stated = Baseline::Stated {
            period: p("2019-01"),
            value: 30.0,
        };
        let b = choose(&stated, figures).unwrap();
        assert_eq!(
            (b.period, b.value, b.source),
            (p("2019-01"), 30.0, BaselineSource::Stated)
        );
        let at = Baseline::Observed {
            period: p("2019-10"),
        };
        let b = choose(&at, figures).unwrap();
        assert_eq!((b.value, b.source), (25.0, BaselineSource::Observed));
        assert_eq!(choose(&Baseline::First, figures).unwrap().value, 32.0);
    }

    #[test]
    fn missing_figures_say_which() {
        let at = Baseline::Observed {
            period: p("2019-04"),
        };
        let e = choose(&at, [(p("2019-10"), 25.0)]).unwrap_err();
        assert_eq!(
            e.note(),
            "No baseline: there is no figure for the baseline period 2019-04."
        );
        assert_eq!(
            choose(&Baseline::First, []).unwrap_err(),
            NoBaseline::NoFigureYet
        );
    }
}
