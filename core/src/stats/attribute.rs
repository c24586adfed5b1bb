//! Control charts for attributes (docs/statistics.md): Laney's p' chart for a percentage from
//! numerators and denominators, Laney's u' chart for a rate from counts and exposure, and the
//! c chart for counts of events. Their points go through the same Making Data Count rules as
//! the XmR chart's (`spc::rules_at`), against each point's own limits.
//!
//! - p' (Laney DB, "Improved control charts for attributes", Quality Engineering 14(4), 2002;
//!   qicharts2's `pp` chart): p̄ = Σx / Σn; σᵢ = √(p̄(1 − p̄)/nᵢ); zᵢ = (pᵢ − p̄)/σᵢ;
//!   σz = mean |zᵢ − zᵢ₋₁| / 1.128; limits p̄ ± 3 σᵢ σz, within 0 and 1.
//! - u': ū = Σx / Σn; σᵢ = √(ū/nᵢ); the same z, σz and limits ū ± 3 σᵢ σz, at least 0.
//! - c: c̄ = mean(c); limits c̄ ± 3 √c̄, at least 0.
//! - g (the days or cases between rare events; qicharts2's `qic.g`, after Montgomery,
//!   *Introduction to Statistical Quality Control*, the geometric distribution): ḡ = mean(g);
//!   σ = √(ḡ(ḡ + 1)); limits ḡ ± 3 σ, at least 0; the centre line drawn, and the one the
//!   shift rule reads, is the median of the figures (the geometric distribution is skewed).
//! - t (the time between rare events; qicharts2's `qic.t`, after Nelson, "A control chart for
//!   parts-per-million nonconforming items", Journal of Quality Technology 26(3), 1994): each
//!   time to the power 1/3.6, an individuals chart on those (mean, mean moving range / 1.128,
//!   ± 3 σ), its centre and limits back to the power 3.6; a lower limit below 0 on the
//!   transformed scale is 0. The transform keeps order, so the rules read the times as given.
//!
//! The near-limit band of the two-in-three rule is at 2 σ (2 σᵢ σz). Limits are computed per
//! group (a rebase starts a group); a p' or u' group of one point has no moving range of z,
//! so no limits.

use crate::model::kinds::Polarity;
use crate::model::options::{ChartKind, SpcOptions};
use crate::stats::spc::{self, Assurance, Centre, Limits, LimitsKind, PointType, Spc, SpcPoint};

/// A chart's figures: the numerators (or counts) and, for p' and u', the denominators, and the
/// scale of the figure shown (100 for a percentage, the rate's base).
#[derive(Debug, Clone, Copy)]
pub struct Counts<'a> {
    /// Numerators, or the counts of a c chart.
    pub x: &'a [f64],
    /// Denominators (p' and u'); ignored by the c chart.
    pub n: &'a [f64],
    /// What a proportion is multiplied by to be the figure shown.
    pub scale: f64,
}

/// The chart `kind` of `data` (in time order, no gaps), with groups starting at the indices
/// in `rebase_at`; the figures shown (x / n x scale, or the counts) are the chart's points. The
/// assurance icon judges `target` against the last point's limits. `kind` must not be XmR.
pub fn chart(
    kind: ChartKind,
    data: Counts,
    polarity: Polarity,
    target: Option<f64>,
    rebase_at: &[usize],
    o: &SpcOptions,
) -> Spc {
    let len = data.x.len();
    let mut starts: Vec<usize> = std::iter::once(0)
        .chain(rebase_at.iter().copied().filter(|&i| i > 0 && i < len))
        .collect();
    crate::num::sort(&mut starts);
    starts.dedup();
    let mut points = Vec::with_capacity(len);
    let mut notes = Vec::new();
    for (g, &s) in starts.iter().enumerate() {
        let e = starts.get(g + 1).copied().unwrap_or(len);
        let (x, n) = (
            &data.x[s..e],
            &data.n[s.min(data.n.len())..e.min(data.n.len())],
        );
        let (y, mean, limits) = group(kind, x, n, data.scale);
        if limits.iter().all(Option::is_none) && !y.is_empty() {
            notes.push(format!(
                "{}no limits: {}.",
                if starts.len() > 1 {
                    format!("Group {} (from point {}): ", g + 1, s + 1)
                } else {
                    String::new()
                },
                match kind {
                    ChartKind::C => "the counts are all 0",
                    ChartKind::G => "the figures are all 0",
                    _ => "fewer than two points, or no variation to estimate it from",
                }
            ));
        }
        let mut rules = spc::rules_at(&y, mean, |i| limits[i], o);
        spc::resolve_conflicts(&y, mean, |i| limits[i], o, polarity, &mut rules);
        for (i, rule) in rules.into_iter().enumerate() {
            points.push(SpcPoint {
                group: g,
                centre: Centre {
                    mean,
                    limits: limits[i],
                    kind: if limits[i].is_some() {
                        LimitsKind::Varying
                    } else {
                        LimitsKind::OnePoint
                    },
                },
                rule,
                point_type: PointType::of(rule, polarity),
            });
        }
    }
    let variation = points
        .last()
        .map_or(PointType::CommonCause, |p| p.point_type);
    let last = points.last().and_then(|p| p.centre.limits);
    let assurance: Option<Assurance> = spc::assurance(target, last.as_ref(), polarity);
    if matches!(kind, ChartKind::PPrime | ChartKind::UPrime) {
        notes.push(format!(
            "{}: the limits vary with each period's denominator; the assurance icon judges the target against the latest period's.",
            kind.label()
        ));
    }
    Spc {
        points,
        variation,
        assurance,
        notes,
    }
}

/// One group's figures shown, centre line and each point's limits, in the figures' scale.
fn group(
    kind: ChartKind,
    x: &[f64],
    n: &[f64],
    scale: f64,
) -> (Vec<f64>, f64, Vec<Option<Limits>>) {
    let limit = |centre: f64, sd: f64, lo_floor: f64, hi_ceiling: f64| Limits {
        lower: (centre - 3.0 * sd).max(lo_floor),
        upper: (centre + 3.0 * sd).min(hi_ceiling),
        near_lower: (centre - 2.0 * sd).max(lo_floor),
        near_upper: (centre + 2.0 * sd).min(hi_ceiling),
        mean_moving_range: sd,
    };
    match kind {
        ChartKind::G => {
            let mean = x.iter().sum::<f64>() / x.len().max(1) as f64;
            let sd = (mean * (mean + 1.0)).sqrt();
            let lim = (mean > 0.0).then(|| limit(mean, sd, 0.0, f64::INFINITY));
            (x.to_vec(), median(x), vec![lim; x.len()])
        }
        ChartKind::T => {
            let z: Vec<f64> = x.iter().map(|t| t.powf(1.0 / 3.6)).collect();
            let mean = z.iter().sum::<f64>() / z.len().max(1) as f64;
            let mr: Vec<f64> = z.windows(2).map(|w| (w[1] - w[0]).abs()).collect();
            let amr = mr.iter().sum::<f64>() / mr.len().max(1) as f64;
            let back = |v: f64| if v < 0.0 { 0.0 } else { v.powf(3.6) };
            let lim = (!mr.is_empty() && amr > 0.0).then(|| {
                let sd = amr / 1.128;
                Limits {
                    lower: back(mean - 3.0 * sd),
                    upper: back(mean + 3.0 * sd),
                    near_lower: back(mean - 2.0 * sd),
                    near_upper: back(mean + 2.0 * sd),
                    mean_moving_range: amr,
                }
            });
            (x.to_vec(), back(mean), vec![lim; x.len()])
        }
        ChartKind::C | ChartKind::Xmr => {
            let mean = x.iter().sum::<f64>() / x.len().max(1) as f64;
            let sd = mean.sqrt();
            let lim = (mean > 0.0).then(|| limit(mean, sd, 0.0, f64::INFINITY));
            (x.to_vec(), mean, vec![lim; x.len()])
        }
        ChartKind::PPrime | ChartKind::UPrime => {
            let (sx, sn) = (x.iter().sum::<f64>(), n.iter().sum::<f64>());
            let bar = if sn > 0.0 { sx / sn } else { 0.0 };
            let p: Vec<f64> = x
                .iter()
                .zip(n)
                .map(|(&a, &b)| if b > 0.0 { a / b } else { 0.0 })
                .collect();
            let sigma: Vec<f64> = n
                .iter()
                .map(|&b| {
                    let var = if kind == ChartKind::PPrime {
                        bar * (1.0 - bar)
                    } else {
                        bar
                    };
                    if b > 0.0 {
                        (var / b).sqrt()
                    } else {
                        0.0
                    }
                })
                .collect();
            let z: Vec<f64> = p
                .iter()
                .zip(&sigma)
                .map(|(&pi, &s)| if s > 0.0 { (pi - bar) / s } else { 0.0 })
                .collect();
            let mr: Vec<f64> = z.windows(2).map(|w| (w[1] - w[0]).abs()).collect();
            let sigma_z = (!mr.is_empty() && sigma.iter().any(|&s| s > 0.0))
                .then(|| mr.iter().sum::<f64>() / mr.len() as f64 / 1.128);
            let ceiling = if kind == ChartKind::PPrime {
                1.0
            } else {
                f64::INFINITY
            };
            let limits = sigma
                .iter()
                .map(|&s| {
                    sigma_z.map(|sz| {
                        let l = limit(bar, s * sz, 0.0, ceiling);
                        Limits {
                            lower: l.lower * scale,
                            upper: l.upper * scale,
                            near_lower: l.near_lower * scale,
                            near_upper: l.near_upper * scale,
                            mean_moving_range: sz * 1.128,
                        }
                    })
                })
                .collect();
            (p.iter().map(|v| v * scale).collect(), bar * scale, limits)
        }
    }
}

/// The median (R's `median`: the middle figure, or the mean of the two middle ones).
fn median(x: &[f64]) -> f64 {
    let mut v = x.to_vec();
    crate::num::sort_floats(&mut v);
    match v.len() {
        0 => 0.0,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn a_p_prime_chart_worked_by_hand() {
        // x = 20, 30, 25, 45 of n = 100, 100, 125, 150: p = .2, .3, .2, .3; p̄ = 120/475 =
        // 0.2526316. σ₁ = √(p̄(1 − p̄)/100) = 0.0434521; z = -1.21125, 1.09013, -1.35422,
        // 1.33513; moving ranges 2.30138, 2.44435, 2.68935, mean 2.47836; σz = 2.19713.
        // Point 1's upper limit: p̄ + 3 x 0.0434521 x 2.19713 = 0.5390415, so 53.90415%; its
        // lower, below 0, is 0. Point 4 (n = 150, σ₄ = 0.0354785): 0.2526316 + 3 x 0.0354785 x
        // 2.19713 = 0.4864843. (Worked again in Python's floats: the same to 7 places.)
        let (x, n) = ([20.0, 30.0, 25.0, 45.0], [100.0, 100.0, 125.0, 150.0]);
        let spc = chart(
            ChartKind::PPrime,
            Counts {
                x: &x,
                n: &n,
                scale: 100.0,
            },
            Polarity::HigherIsBetter,
            None,
            &[],
            &SpcOptions::default(),
        );
        let c = |i: usize| spc.points[i].centre;
        assert_relative_eq!(c(0).mean, 25.263158, epsilon = 1e-5);
        assert_relative_eq!(c(0).limits.unwrap().upper, 53.904154, epsilon = 1e-5);
        assert_eq!(c(0).limits.unwrap().lower, 0.0);
        assert_relative_eq!(c(3).limits.unwrap().upper, 48.648434, epsilon = 1e-5);
        assert!(spc.points.iter().all(|p| p.rule == spc::Rule::CommonCause));
    }

    #[test]
    fn a_u_prime_and_a_c_chart_worked_by_hand() {
        // u': x = 4, 9, 6, 12 per n = 1000, 1500, 1200, 2000 (per 1,000): u = 4, 6, 5, 6;
        // ū = 31/5700 = 0.00543860 (5.43860 per 1,000). σᵢ = √(ū/nᵢ): 0.00233208, 0.00190414,
        // 0.00212889, 0.00164903; z = -0.61687, 0.29483, -0.20602, 0.34044; moving ranges
        // 0.91171, 0.50086, 0.54647, mean 0.65301; σz = 0.57891. Point 1's upper limit:
        // 5.43860 + 3 x 2.33208 x 0.57891 = 9.48878 per 1,000.
        let (x, n) = ([4.0, 9.0, 6.0, 12.0], [1000.0, 1500.0, 1200.0, 2000.0]);
        let u = chart(
            ChartKind::UPrime,
            Counts {
                x: &x,
                n: &n,
                scale: 1000.0,
            },
            Polarity::LowerIsBetter,
            None,
            &[],
            &SpcOptions::default(),
        );
        assert_relative_eq!(u.points[0].centre.mean, 5.438596, epsilon = 1e-5);
        assert_relative_eq!(
            u.points[0].centre.limits.unwrap().upper,
            9.488783,
            epsilon = 1e-5
        );
        // c: 4, 6, 5, 9: c̄ = 6, limits 6 ± 3√6 = 13.348469 and 0 (-1.348469 is below 0); a
        // target of 20 lies above the upper limit, and lower is better: consistently passes.
        let c = chart(
            ChartKind::C,
            Counts {
                x: &[4.0, 6.0, 5.0, 9.0],
                n: &[],
                scale: 1.0,
            },
            Polarity::LowerIsBetter,
            Some(20.0),
            &[],
            &SpcOptions::default(),
        );
        let l = c.points[0].centre.limits.unwrap();
        assert_eq!(c.points[0].centre.mean, 6.0);
        assert_relative_eq!(l.upper, 13.348469, epsilon = 1e-6);
        assert_eq!(l.lower, 0.0);
        assert_eq!(c.assurance, Some(Assurance::ConsistentPass));
        // A count far above the others is above the upper limit.
        let c = chart(
            ChartKind::C,
            Counts {
                x: &[4.0, 6.0, 5.0, 25.0],
                n: &[],
                scale: 1.0,
            },
            Polarity::LowerIsBetter,
            None,
            &[],
            &SpcOptions::default(),
        );
        assert_eq!(c.points[3].rule, spc::Rule::AboveUcl);
        assert_eq!(c.variation, PointType::SpecialCauseConcern);
    }

    #[test]
    fn a_g_chart_worked_by_hand() {
        // Days between events 10, 25, 3, 40, 12, 5, 8, 300: ḡ = 403 / 8 = 50.375; σ =
        // √(50.375 x 51.375) = 50.8725429; upper limit 50.375 + 3σ = 202.9926288, near band
        // 50.375 + 2σ = 152.1200859; the lower, 50.375 - 3σ, is below 0: 0. The centre line is
        // the median, (10 + 12) / 2 = 11 of the sorted 3, 5, 8, 10, 12, 25, 40, 300 (qicharts2
        // draws the median). 300 is above the upper limit: longer gaps are better, so special
        // cause improvement. (qicharts2's qic.g formulas, worked in Python's floats.)
        let g = chart(
            ChartKind::G,
            Counts {
                x: &[10.0, 25.0, 3.0, 40.0, 12.0, 5.0, 8.0, 300.0],
                n: &[],
                scale: 1.0,
            },
            Polarity::HigherIsBetter,
            None,
            &[],
            &SpcOptions::default(),
        );
        let c = g.points[0].centre;
        let l = c.limits.unwrap();
        assert_eq!(c.mean, 11.0);
        assert_relative_eq!(l.upper, 202.99262881462943, epsilon = 1e-9);
        assert_relative_eq!(l.near_upper, 152.1200858764196, epsilon = 1e-9);
        assert_eq!(l.lower, 0.0);
        assert_eq!(g.points[7].rule, spc::Rule::AboveUcl);
        assert_eq!(g.variation, PointType::SpecialCauseImprovement);
        assert!(g.points[..7]
            .iter()
            .all(|p| p.rule == spc::Rule::CommonCause));
        // All 0: no limits, said.
        let none = chart(
            ChartKind::G,
            Counts {
                x: &[0.0, 0.0, 0.0],
                n: &[],
                scale: 1.0,
            },
            Polarity::HigherIsBetter,
            None,
            &[],
            &SpcOptions::default(),
        );
        assert!(none.points.iter().all(|p| p.centre.limits.is_none()));
        assert_eq!(none.notes, ["no limits: the figures are all 0."]);
    }

    #[test]
    fn a_t_chart_worked_by_hand() {
        // Days between events 5, 12, 8, 30, 20. To the power 1/3.6: 1.5637176, 1.9942177,
        // 1.7817974, 2.5722398, 2.2982497; their mean 2.0420445; moving ranges 0.4305001,
        // 0.2124203, 0.7904424, 0.2739901, mean 0.4268382; σ = 0.4268382 / 1.128 = 0.3784026.
        // Back to the power 3.6: centre 2.0420445^3.6 = 13.0687697; upper (2.0420445 + 3σ)^3.6
        // = 64.1780052; near upper (+ 2σ) 40.6561768; lower (2.0420445 - 3σ = 0.9068367)^3.6 =
        // 0.7032412; near lower 2.4679832. (qicharts2's qic.t formulas, worked in Python's
        // floats.)
        let t = chart(
            ChartKind::T,
            Counts {
                x: &[5.0, 12.0, 8.0, 30.0, 20.0],
                n: &[],
                scale: 1.0,
            },
            Polarity::HigherIsBetter,
            None,
            &[],
            &SpcOptions::default(),
        );
        let c = t.points[0].centre;
        let l = c.limits.unwrap();
        assert_relative_eq!(c.mean, 13.068769738849179, epsilon = 1e-9);
        assert_relative_eq!(l.upper, 64.17800519207994, epsilon = 1e-9);
        assert_relative_eq!(l.near_upper, 40.65617681923306, epsilon = 1e-9);
        assert_relative_eq!(l.lower, 0.7032412341096929, epsilon = 1e-9);
        assert_relative_eq!(l.near_lower, 2.467983176513832, epsilon = 1e-9);
        assert!(t.points.iter().all(|p| p.rule == spc::Rule::CommonCause));
        // 30, 28, 35, 31, 29, 33 days, then 2: the transformed mean 2.3968441 and mean moving
        // range 0.3114791 give a lower limit of (2.3968441 - 3 x 0.2761339)^3.6 = 5.0546002;
        // 2 days is below it, a concern when longer gaps are better.
        let t = chart(
            ChartKind::T,
            Counts {
                x: &[30.0, 28.0, 35.0, 31.0, 29.0, 33.0, 2.0],
                n: &[],
                scale: 1.0,
            },
            Polarity::HigherIsBetter,
            Some(20.0),
            &[],
            &SpcOptions::default(),
        );
        let l = t.points[6].centre.limits.unwrap();
        assert_relative_eq!(l.lower, 5.05460023081125, epsilon = 1e-9);
        assert_relative_eq!(l.upper, 67.73703629095903, epsilon = 1e-9);
        assert_eq!(t.points[6].rule, spc::Rule::BelowLcl);
        assert_eq!(t.variation, PointType::SpecialCauseConcern);
        // A target of 20 days lies between the limits: hit and miss.
        assert_eq!(t.assurance, Some(Assurance::Inconsistent));
    }
}
