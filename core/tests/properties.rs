//! Invariants of scoring, over generated scorecards.

use betteroff::report::MeasureResult;
use betteroff::{Period, Scorecard};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum TargetSpec {
    Relative(f64),
    Points(f64),
    Absolute(f64),
    AtLeast(f64),
    AtMost(f64),
}

impl TargetSpec {
    /// The same target for the mirrored measure (every value negated).
    fn mirrored(&self) -> Self {
        match *self {
            TargetSpec::Relative(p) => TargetSpec::Relative(p),
            TargetSpec::Points(p) => TargetSpec::Points(-p),
            TargetSpec::Absolute(v) => TargetSpec::Absolute(-v),
            TargetSpec::AtLeast(v) => TargetSpec::AtMost(-v),
            TargetSpec::AtMost(v) => TargetSpec::AtLeast(-v),
        }
    }

    fn toml(&self) -> String {
        match self {
            TargetSpec::Relative(p) => format!("kind = \"relative\", change = {p:?}"),
            TargetSpec::Points(p) => format!("kind = \"points\", change = {p:?}"),
            TargetSpec::Absolute(v) => format!("kind = \"absolute\", value = {v:?}"),
            TargetSpec::AtLeast(v) => {
                format!("kind = \"threshold\", comparison = \"at_least\", value = {v:?}")
            }
            TargetSpec::AtMost(v) => {
                format!("kind = \"threshold\", comparison = \"at_most\", value = {v:?}")
            }
        }
    }
}

/// One measure in unit `score` (which allows negative values), with a stated baseline in
/// January 2019, a target due in month `due` after it, and monthly values from February 2019.
fn card(polarity: &str, baseline: f64, target: &TargetSpec, due: u32, values: &[f64]) -> Scorecard {
    let due = Period::month(2019 + (due / 12) as i32, due % 12 + 1).unwrap();
    let def = format!(
        "id = \"p\"\ntitle = \"P\"\n[[sections]]\nid = \"s\"\ntitle = \"S\"\nkind = \"service\"\n\
         [[sections.measures]]\nid = \"m\"\nname = \"M\"\nkind = \"how_well\"\nunit = \"score\"\n\
         polarity = \"{polarity}\"\nbaseline = {{ period = \"2019-01\", value = {baseline:?} }}\n\
         target = {{ {}, due = \"{due}\" }}\n",
        target.toml()
    );
    let mut card = Scorecard::from_toml(&def, "p.toml").unwrap();
    let mut csv = String::from("measure,period,value\n");
    for (i, v) in values.iter().enumerate() {
        let p = Period::month(2019 + (i as i32 + 1) / 12, (i as u32 + 1) % 12 + 1).unwrap();
        csv.push_str(&format!("m,{p},{v:?}\n"));
    }
    card.add_observations_csv(&csv, "o.csv").unwrap();
    card
}

/// Targets that mirror: every kind but relative, which needs a positive baseline (and the
/// mirrored baseline is negative).
fn mirrorable_target(scale: f64) -> impl Strategy<Value = TargetSpec> {
    prop_oneof![
        (-scale..scale).prop_map(TargetSpec::Points),
        (-scale..scale).prop_map(TargetSpec::Absolute),
        (-scale..scale).prop_map(TargetSpec::AtLeast),
        (-scale..scale).prop_map(TargetSpec::AtMost),
    ]
}

fn target_spec(scale: f64) -> impl Strategy<Value = TargetSpec> {
    prop_oneof![
        (-100.0f64..200.0).prop_map(TargetSpec::Relative),
        (-scale..scale).prop_map(TargetSpec::Points),
        (-scale..scale).prop_map(TargetSpec::Absolute),
        (-scale..scale).prop_map(TargetSpec::AtLeast),
        (-scale..scale).prop_map(TargetSpec::AtMost),
    ]
}

fn numbers(m: &MeasureResult) -> Vec<f64> {
    let mut v = vec![m.value, m.expected, m.progress_pct];
    if let Some(t) = &m.target {
        v.extend([t.value, t.judged]);
    }
    for c in [&m.change.previous, &m.change.baseline]
        .into_iter()
        .flatten()
    {
        v.extend([Some(c.absolute), c.relative_pct, Some(c.from_value)]);
    }
    v.into_iter().flatten().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Flipping polarity and mirroring every value (baseline, target, observations) mirrors
    /// every status: the same status, since "better" flips with the values.
    #[test]
    fn mirroring_polarity_and_values_mirrors_every_status(
        higher in any::<bool>(),
        baseline in -1000.0f64..1000.0,
        target in mirrorable_target(1000.0),
        due in 1u32..30,
        values in prop::collection::vec(-1000.0f64..1000.0, 1..20),
        as_of in 0usize..25,
    ) {
        let (p, q) = if higher { ("higher_is_better", "lower_is_better") } else { ("lower_is_better", "higher_is_better") };
        let neg: Vec<f64> = values.iter().map(|v| -v).collect();
        let a = card(p, baseline, &target, due, &values);
        let b = card(q, -baseline, &target.mirrored(), due, &neg);
        let at = Some(Period::month(2019 + (as_of as i32 + 1) / 12, (as_of as u32 + 1) % 12 + 1).unwrap());
        let (ra, rb) = (a.score(at).unwrap(), b.score(at).unwrap());
        prop_assert_eq!(ra.measures[0].status, rb.measures[0].status);
        prop_assert_eq!(ra.measures[0].direction, rb.measures[0].direction);
    }

    /// Whatever the figures, no result is NaN or infinite.
    #[test]
    fn scoring_never_yields_nan_or_infinity(
        higher in any::<bool>(),
        baseline in -1e300f64..1e300,
        target in target_spec(1e300),
        due in 1u32..30,
        values in prop::collection::vec(prop_oneof![-1e300f64..1e300, -1e-300f64..1e-300, Just(0.0)], 1..12),
    ) {
        let polarity = if higher { "higher_is_better" } else { "lower_is_better" };
        // A relative target needs a positive baseline (a zero or negative one is refused).
        let baseline = if matches!(target, TargetSpec::Relative(_)) { baseline.abs().max(1e-300) } else { baseline };
        let c = card(polarity, baseline, &target, due, &values);
        let r = c.score(None).unwrap();
        for x in numbers(&r.measures[0]) {
            prop_assert!(x.is_finite(), "{} in {:?}", x, r.measures[0]);
        }
        prop_assert!(!r.to_json().contains("NaN"));
        // Nor in a chart's coordinates, whatever the range of the figures.
        let m = &r.measures[0];
        let charts = [
            betteroff::render::chart(m),
            betteroff::render::sparkline(m),
            betteroff::render::spc_chart(m).unwrap_or_default(),
        ];
        for svg in charts {
            prop_assert!(!svg.contains("NaN") && !svg.contains("inf"), "{}", svg);
        }
    }
}

/// Regression (scoring fuzz target, fuzz/artifacts/scoring/crash-063f1cce…): a stated baseline
/// of -1.7976930745776e308 and a value of 0 give a change of +1.7976930745776e308, which is
/// finite, but rounding its label to one decimal multiplied it by 10 and printed "+inf".
#[test]
fn change_near_the_largest_float_is_labelled_without_infinity() {
    let def = "id = \"f\"\ntitle = \"F\"\n[[sections]]\nid = \"s\"\ntitle = \"S\"\nkind = \"service\"\n\
        [[sections.measures]]\nid = \"m\"\nname = \"M\"\nkind = \"how_well\"\nunit = \"score\"\n\
        polarity = \"higher_is_better\"\nbaseline = { period = \"2017-12\", value = -1.7976930745776e308 }\n\
        target = { kind = \"absolute\", value = 0.0, due = \"2019-04\" }\n";
    let mut card = Scorecard::from_toml(def, "f.toml").unwrap();
    card.add_observations_csv("measure,period,value\nm,2018-01,0\n", "o.csv")
        .unwrap();
    let report = card
        .score(Some("2018-01".parse::<Period>().unwrap()))
        .unwrap();
    let json = report.to_json();
    assert!(!json.contains("inf") && !json.contains("NaN"), "{json}");
    let change = report.measures[0].change.baseline.as_ref().unwrap();
    assert_eq!(change.absolute, 1.7976930745776e308);
    // The label writes the float's exact decimal expansion, 309 digits, then the percentage.
    assert!(
        change.label.starts_with("+1797693074577599"),
        "{}",
        change.label
    );
    assert!(change.label.ends_with(" (+100%)"), "{}", change.label);
}

/// Charts of figures at the ends of f64 (a span that overflows) write no NaN or infinity: every
/// coordinate is a number.
#[test]
fn charts_of_extreme_figures_have_finite_coordinates() {
    for values in [
        vec![-1.7e308, 1.7e308, 0.0],
        vec![1.7e308, 1.7e308, -1.7e308, 1.0],
        vec![f64::MIN_POSITIVE, -f64::MIN_POSITIVE, 0.0],
        vec![5.0, 5.0, 5.0],
    ] {
        let c = card(
            "higher_is_better",
            0.0,
            &TargetSpec::Points(1.0),
            6,
            &values,
        );
        let r = c.score(None).unwrap();
        let m = &r.measures[0];
        for svg in [
            betteroff::render::chart(m),
            betteroff::render::sparkline(m),
            betteroff::render::spc_chart(m).unwrap_or_default(),
        ] {
            assert!(
                !svg.contains("NaN") && !svg.contains("inf"),
                "{values:?}: {svg}"
            );
        }
    }
}
