//! The "national" workload: every area scored against every measure, as DfE's LAIT or an NHS
//! board pack does, generated from a seed. The numbers are invented (illustrative); the mix of
//! units, polarities, baselines, targets and gaps is meant to look like a real national
//! collection so that every branch of the scoring is exercised.

use std::fmt::Write;

use betteroff::batch::{Plan, Rows};
use betteroff::{Period, Scorecard};

use crate::Rng;

/// The generated definition (TOML, one section of `measures` measures) and the rows of every
/// area, measure and month, grouped by area and measure, in time order; NaN where a figure is
/// missing. Series that start late have no rows for their first months.
pub struct National {
    pub definition: String,
    pub areas: Vec<String>,
    pub measure_ids: Vec<String>,
    pub periods: Vec<Period>,
    pub area: Vec<u32>,
    pub measure: Vec<u32>,
    pub period: Vec<u32>,
    pub value: Vec<f64>,
    /// The comparator "England" for each measure and month (`measure * months + month`): the
    /// mean of every area's figure, NaN where no area has one.
    pub england: Vec<f64>,
}

impl National {
    /// The generated definition, loaded (the plan of [`National::plan`] borrows from it).
    pub fn scorecard(&self) -> Scorecard {
        Scorecard::from_toml(&self.definition, "national.toml").expect("a valid definition")
    }

    /// The batch-scoring plan of `card` (from [`National::scorecard`]), with England's figures,
    /// scoring the true figures: the generated data are illustrative, and the pandas twin
    /// (`bench/compare_national.py`) implements scoring, not disclosure control.
    pub fn plan<'d>(&self, card: &'d Scorecard) -> Plan<'d> {
        self.published_plan(card).without_disclosure_control()
    }

    /// As [`National::plan`], with disclosure control, as anything published is scored.
    pub fn published_plan<'d>(&self, card: &'d Scorecard) -> Plan<'d> {
        Plan::new(card.definition())
            .expect("batch-scorable")
            .with_comparators(self.comparators())
            .expect("valid comparators")
    }

    /// England's figures as `Plan::with_comparators` takes them.
    pub fn comparators(&self) -> impl Iterator<Item = (u32, Period, &str, f64)> + '_ {
        let months = self.periods.len();
        self.england
            .iter()
            .enumerate()
            .filter(|(_, v)| !v.is_nan())
            .map(move |(k, &v)| ((k / months) as u32, self.periods[k % months], "England", v))
    }

    /// The rows as batch scoring reads them; `codes` is `Plan::codes()` (the generated rows
    /// name measures by their place in the definition).
    pub fn rows<'a>(&'a self, codes: &'a [u32]) -> Rows<'a> {
        Rows {
            area: &self.area,
            measure: &self.measure,
            measures: codes,
            period: &self.period,
            periods: &self.periods,
            value: &self.value,
        }
    }
}

/// The first month of the series: April 2021 (60 months run to March 2026).
const FIRST: (i32, u32) = (2021, 4);

/// The month `k` months after the first.
pub fn month(k: usize) -> Period {
    let m0 = FIRST.0 * 12 + FIRST.1 as i32 - 1 + k as i32;
    Period::month(m0.div_euclid(12), m0.rem_euclid(12) as u32 + 1).expect("a month from 2021 on")
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Percentage,
    Rate,
    Count,
    Days,
    Score,
}

/// One generated measure: what the series need to be drawn.
struct Spec {
    kind: Kind,
    level: f64,
    /// Change per month, as a share of the level.
    trend: f64,
}

/// `areas` x `measures` x `months` rows (153 x 1,000 x 60 is the full size).
///
/// Measures: 45% percentages (levels 15-90), 20% rates per 10,000 (20-400), 15% counts
/// (50-3,000, whole numbers), 10% days (20-150), 10% scores (20-80); 55% higher is better, 35%
/// lower, 10% neutral; baselines observed at month 12 (60%), the first figure (20%), stated
/// (10%) or none (10%); targets none (20%), match England (8%, a comparator the rows' mean
/// gives), absolute (12%), narrow the gap to England (about 5%: by half, or to nothing
/// without a baseline), threshold (about 10%), relative change (17%), points change (10%), top
/// quartile (18%) with due dates from month 30 to 84 (so some have passed); 2% to be
/// developed; 10% with SPC limits fixed after 24 points.
/// Series: each area sits 0-2 standard deviations from the national level, with noise of 2-10%
/// of its level, a national trend, a step change in 15% of series, 1% outliers; 3% of figures
/// missing, 2% of series starting 6-30 months late, 1% missing their latest month.
pub fn national(areas: usize, measures: usize, months: usize, seed: u64) -> National {
    let mut rng = Rng(seed);
    let periods: Vec<Period> = (0..months).map(month).collect();
    let mut definition = String::from(
        "id = \"national\"\ntitle = \"National benchmark (illustrative, generated)\"\n\
         notes = [\"Every figure is generated by bench/src/national.rs: illustrative only.\"]\n\n\
         [[sections]]\nid = \"all\"\ntitle = \"Every measure\"\nkind = \"result\"\n",
    );
    let mut specs = Vec::with_capacity(measures);
    let mut measure_ids = Vec::with_capacity(measures);
    for m in 0..measures {
        let id = format!("M{m:04}");
        let spec = measure(&mut rng, &id, months, &mut definition);
        measure_ids.push(id);
        specs.push(spec);
    }
    let area_effect: Vec<f64> = (0..areas).map(|_| rng.normal()).collect();
    let n = areas * measures * months;
    let mut out = National {
        definition,
        areas: (0..areas).map(|a| format!("LA{a:03}")).collect(),
        measure_ids,
        periods,
        area: Vec::with_capacity(n),
        measure: Vec::with_capacity(n),
        period: Vec::with_capacity(n),
        value: Vec::with_capacity(n),
        england: Vec::new(),
    };
    for (a, &effect) in area_effect.iter().enumerate() {
        for (m, spec) in specs.iter().enumerate() {
            let values = series(&mut rng, spec, effect, months);
            let start = if rng.uniform() < 0.02 {
                6 + (rng.uniform() * 25.0) as usize
            } else {
                0
            };
            let drop_latest = rng.uniform() < 0.01;
            for (t, &v) in values.iter().enumerate().skip(start.min(months)) {
                let missing = rng.uniform() < 0.03 || (drop_latest && t + 1 == months);
                out.area.push(a as u32);
                out.measure.push(m as u32);
                out.period.push(t as u32);
                out.value.push(if missing { f64::NAN } else { v });
            }
        }
    }
    out.england = england(&out, measures, months);
    out
}

/// England's figure: the mean of the areas' figures for each measure and month.
fn england(w: &National, measures: usize, months: usize) -> Vec<f64> {
    let mut sum = vec![(0.0, 0u32); measures * months];
    for ((&m, &t), &v) in w.measure.iter().zip(&w.period).zip(&w.value) {
        if !v.is_nan() {
            let s = &mut sum[m as usize * months + t as usize];
            *s = (s.0 + v, s.1 + 1);
        }
    }
    sum.iter()
        .map(|&(s, n)| if n > 0 { s / f64::from(n) } else { f64::NAN })
        .collect()
}

/// Draws one measure and writes its definition.
fn measure(rng: &mut Rng, id: &str, months: usize, toml: &mut String) -> Spec {
    let u = rng.uniform();
    let (kind, unit, level) = if u < 0.45 {
        (
            Kind::Percentage,
            "unit = \"percentage\"",
            15.0 + 75.0 * rng.uniform(),
        )
    } else if u < 0.65 {
        (
            Kind::Rate,
            "unit = \"rate\"\nper = 10000",
            20.0 + 380.0 * rng.uniform(),
        )
    } else if u < 0.80 {
        (
            Kind::Count,
            "unit = \"count\"",
            (50.0 + 2950.0 * rng.uniform()).round(),
        )
    } else if u < 0.90 {
        (Kind::Days, "unit = \"days\"", 20.0 + 130.0 * rng.uniform())
    } else {
        (Kind::Score, "unit = \"score\"", 20.0 + 60.0 * rng.uniform())
    };
    let p = rng.uniform();
    let (polarity, sign) = if p < 0.55 {
        ("higher_is_better", 1.0)
    } else if p < 0.9 {
        ("lower_is_better", -1.0)
    } else {
        ("neutral", if rng.uniform() < 0.5 { 1.0 } else { -1.0 })
    };
    let _ = write!(
        toml,
        "\n[[sections.measures]]\nid = \"{id}\"\nname = \"Measure {id}\"\nkind = \"indicator\"\n\
         {unit}\npolarity = \"{polarity}\"\nfrequency = \"monthly\"\n"
    );
    let base_month = 12.min(months.saturating_sub(1));
    let b = rng.uniform();
    let baseline = if b < 0.6 {
        let _ = writeln!(toml, "baseline = {{ period = \"{}\" }}", month(base_month));
        true
    } else if b < 0.8 {
        toml.push_str("baseline = { first_observation = true }\n");
        true
    } else if b < 0.9 {
        let _ = writeln!(
            toml,
            "baseline = {{ period = \"{}\", value = {} }}",
            month(base_month),
            round2(level)
        );
        true
    } else {
        false
    };
    let due = month(30 + (rng.uniform() * 55.0) as usize);
    let better = |share: f64| {
        let v = level * (1.0 + sign * share);
        round2(if kind == Kind::Percentage {
            v.clamp(0.0, 100.0)
        } else {
            v.max(0.0)
        })
    };
    let t = rng.uniform();
    let target = if t < 0.2 {
        None
    } else if t < 0.28 {
        Some("kind = \"comparator\", comparator = \"England\"".to_string())
    } else if t < 0.4 || (t >= 0.55 && !baseline) || (t >= 0.82 && polarity == "neutral") {
        Some(format!(
            "kind = \"absolute\", value = {}",
            better(0.05 + 0.1 * rng.uniform())
        ))
    } else if t < 0.45 && polarity != "neutral" {
        // Narrow the gap to England: by half (of the baseline gap) or to nothing.
        Some(if baseline {
            "kind = \"gap\", comparator = \"England\", change = -50".to_string()
        } else {
            "kind = \"gap\", comparator = \"England\", value = 0".to_string()
        })
    } else if t < 0.55 {
        let cmp = if sign > 0.0 { "at_least" } else { "at_most" };
        Some(format!(
            "kind = \"threshold\", value = {}, comparison = \"{cmp}\"",
            better(0.1 * rng.uniform())
        ))
    } else if t < 0.72 || (t < 0.82 && kind != Kind::Percentage) {
        let change = sign * (5.0 + (rng.uniform() * 16.0).floor());
        Some(format!("kind = \"relative\", change = {change}"))
    } else if t < 0.82 {
        let change = sign * (2.0 + (rng.uniform() * 9.0).floor());
        Some(format!("kind = \"points\", change = {change}"))
    } else {
        Some("kind = \"quartile\", group = \"la\"".to_string())
    };
    if let Some(target) = target {
        let _ = writeln!(toml, "target = {{ {target}, due = \"{due}\" }}");
    }
    if rng.uniform() < 0.02 {
        toml.push_str("to_be_developed = true\n");
    }
    if rng.uniform() < 0.1 {
        toml.push_str("spc = { fix_after = 24 }\n");
    }
    Spec {
        kind,
        level,
        trend: 0.003 * rng.normal(),
    }
}

/// One area's series of a measure.
fn series(rng: &mut Rng, spec: &Spec, effect: f64, months: usize) -> Vec<f64> {
    let level = spec.level * (1.0 + 0.15 * effect + 0.05 * rng.normal());
    let sd = level.abs() * (0.02 + 0.08 * rng.uniform());
    let step_at = (rng.uniform() < 0.15).then(|| (rng.uniform() * months as f64) as usize);
    let step = if rng.uniform() < 0.5 {
        1.5 * sd
    } else {
        -1.5 * sd
    };
    (0..months)
        .map(|t| {
            let mut y = level * (1.0 + spec.trend * t as f64) + sd * rng.normal();
            if step_at.is_some_and(|s| t >= s) {
                y += step;
            }
            if rng.uniform() < 0.01 {
                y += 5.0 * sd * if rng.uniform() < 0.5 { 1.0 } else { -1.0 };
            }
            match spec.kind {
                Kind::Percentage => y.clamp(0.0, 100.0),
                Kind::Count => y.max(0.0).round(),
                _ => y.max(0.0),
            }
        })
        .collect()
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
