//! NHSRplotthedots 0.2.2's own answers (tests/reference/spc-reference-cases.json, a copy of
//! ../shared/design/spc-reference-cases.json: one small series per class of disagreement found
//! against the R package) reproduced through `spc::xmr`, `batch::spc` and the scorecard. The
//! Python and JavaScript suites read the same file. Where betteroff keeps a documented
//! difference (docs/statistics.md, "Where betteroff differs"), the test says so and asserts ours.

use std::path::Path;

use betteroff::spc::{xmr, Assurance, PointType, Rule, Spc, SpcOptions};
use betteroff::{batch, Period, Polarity, Scorecard, Sources};
use serde_json::Value;

const CASES: &str = include_str!("../../tests/reference/spc-reference-cases.json");

fn cases() -> Vec<Value> {
    let v: Value = serde_json::from_str(CASES).expect("the reference cases parse");
    v["cases"].as_array().expect("cases").clone()
}

fn f64s(v: &Value) -> Vec<Option<f64>> {
    v.as_array()
        .expect("an array")
        .iter()
        .map(Value::as_f64)
        .collect()
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("an array")
        .iter()
        .map(|s| s.as_str().expect("a string").to_string())
        .collect()
}

fn polarity(c: &Value) -> Polarity {
    match c["improvement_direction"].as_str() {
        Some("increase") => Polarity::HigherIsBetter,
        Some("decrease") => Polarity::LowerIsBetter,
        _ => Polarity::Neutral,
    }
}

fn options(c: &Value) -> SpcOptions {
    SpcOptions {
        screen_outliers: c["screen_outliers"].as_bool().expect("screen_outliers"),
        fix_after: c["fix_after_n_points"].as_u64().map(|n| n as usize),
        ..SpcOptions::default()
    }
}

fn values(c: &Value) -> Vec<f64> {
    f64s(&c["values"])
        .into_iter()
        .map(|v| v.expect("a value"))
        .collect()
}

fn rebase(c: &Value) -> Vec<usize> {
    c["rebase"]
        .as_array()
        .expect("rebase")
        .iter()
        .map(|i| i.as_u64().expect("an index") as usize)
        .collect()
}

/// The reference's assurance icon, or betteroff's where it keeps a documented difference: with
/// no limits (one point; a constant series with screening) NHSRplotthedots compares the target
/// with NA and falls through to "inconsistent"; betteroff gives no assurance icon and says why.
fn expected_assurance(c: &Value) -> Option<String> {
    let e = &c["expected"];
    let reference = e["assurance"].as_str().map(str::to_string);
    if e["upl"].is_null() && reference.as_deref() == Some("inconsistent") {
        return None;
    }
    reference
}

fn assurance_key(a: Option<Assurance>) -> Option<String> {
    a.map(|a| {
        serde_json::to_value(a)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .expect("an assurance key")
    })
}

fn close(a: Option<f64>, b: Option<f64>, tol: f64) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() <= tol,
        (None, None) => true,
        _ => false,
    }
}

/// Each point's rule (as the package words it) and point type, against the case's.
fn rules_and_types(c: &Value, points: impl Iterator<Item = (Rule, PointType)>) {
    let id = c["id"].as_str().expect("id");
    let o = options(c);
    let (rules, types): (Vec<String>, Vec<String>) = points
        .map(|(r, t)| (r.text(&o), t.key().to_string()))
        .unzip();
    assert_eq!(rules, strs(&c["expected"]["rule"]), "{id}: rules");
    assert_eq!(
        types,
        strs(&c["expected"]["point_types"]),
        "{id}: point types"
    );
}

fn check_spc(c: &Value, s: &Spc) {
    let id = c["id"].as_str().expect("id");
    let e = &c["expected"];
    let o = options(c);
    rules_and_types(c, s.points.iter().map(|p| (p.rule, p.point_type)));
    let groups: Vec<u64> = s.points.iter().map(|p| p.group as u64).collect();
    let want: Vec<u64> = e["rebase_group"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| g.as_u64().expect("a group"))
        .collect();
    assert_eq!(groups, want, "{id}: groups");
    let (mean, lpl, upl) = (
        f64s(&e["mean_per_point"]),
        f64s(&e["lpl_per_point"]),
        f64s(&e["upl_per_point"]),
    );
    for (i, p) in s.points.iter().enumerate() {
        let l = p.centre.limits;
        assert!(
            close(Some(p.centre.mean), mean[i], 1e-12),
            "{id}: mean at {i}"
        );
        assert!(close(l.map(|l| l.lower), lpl[i], 1e-12), "{id}: lpl at {i}");
        assert!(close(l.map(|l| l.upper), upl[i], 1e-12), "{id}: upl at {i}");
    }
    assert_eq!(
        s.variation.key(),
        e["variation"].as_str().expect("variation"),
        "{id}: variation"
    );
    assert_eq!(
        assurance_key(s.assurance),
        expected_assurance(c),
        "{id}: assurance"
    );
    // The package warns about trial limits exactly where betteroff notes them.
    let warned = !e["warnings"].as_array().expect("warnings").is_empty();
    let noted = s.notes.iter().any(|n| n.contains("trial limits"));
    assert_eq!(noted, warned, "{id}: trial-limit note {:?}", s.notes);
    // Every note is true for the case: "do not vary" only where the points limits come from do
    // not vary.
    let y = values(c);
    let k = o.fix_after.map_or(y.len(), |k| k.min(y.len()));
    let flat = y[..k].windows(2).all(|w| w[0] == w[1]);
    for n in &s.notes {
        assert!(!n.contains("do not vary") || flat, "{id}: {n}");
    }
}

#[test]
fn there_are_ten_cases_and_the_copy_is_the_shared_file() {
    assert_eq!(cases().len(), 10);
    let shared =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/design/spc-reference-cases.json");
    match std::fs::read_to_string(&shared) {
        Ok(text) => assert_eq!(text, CASES, "tests/reference differs from {shared:?}"),
        Err(_) => eprintln!("skipped the comparison: {shared:?} is absent"),
    }
}

#[test]
fn every_case_through_xmr() {
    for c in cases() {
        let t = c["target"].as_f64();
        let s = xmr(&values(&c), polarity(&c), t, &rebase(&c), &options(&c));
        check_spc(&c, &s);
    }
}

#[test]
fn every_case_through_batch_spc() {
    for c in cases().iter().filter(|c| rebase(c).is_empty()) {
        let id = c["id"].as_str().expect("id");
        let y = values(c);
        let e = &c["expected"];
        let cols = batch::spc(&vec![1u8; y.len()], &y, polarity(c), &options(c)).expect("scored");
        rules_and_types(
            c,
            cols.rule
                .iter()
                .copied()
                .zip(cols.point_type.iter().copied()),
        );
        assert!(close(cols.mean[0], e["mean"].as_f64(), 1e-12), "{id}: mean");
        assert!(close(cols.lower[0], e["lpl"].as_f64(), 1e-12), "{id}: lpl");
        assert!(close(cols.upper[0], e["upl"].as_f64(), 1e-12), "{id}: upl");
    }
}

/// The case as a scorecard: one monthly measure from 2020-01, the case's options, its target
/// as an absolute target (no due date), scored at the last month. The report rounds every
/// figure to 6 decimals (docs/semantics.md, the JSON contract), so limits are compared to that.
fn scorecard(c: &Value) -> Result<betteroff::Report, String> {
    let y = values(c);
    let month = |i: usize| format!("{}-{:02}", 2020 + i / 12, i % 12 + 1);
    let polarity = match polarity(c) {
        Polarity::HigherIsBetter => "higher_is_better",
        Polarity::LowerIsBetter => "lower_is_better",
        _ => "neutral",
    };
    let mut spc = Vec::new();
    if let Some(k) = c["fix_after_n_points"].as_u64() {
        spc.push(format!("fix_after = {k}"));
    }
    let periods: Vec<String> = rebase(c)
        .iter()
        .map(|&i| format!("\"{}\"", month(i)))
        .collect();
    if !periods.is_empty() {
        spc.push(format!("rebase = [{}]", periods.join(", ")));
    }
    let target = c["target"]
        .as_f64()
        .map(|t| format!("target = {{ kind = \"absolute\", value = {t:?} }}\n"))
        .unwrap_or_default();
    let def = format!(
        "id = \"ref\"\ntitle = \"Reference cases\"\nnotes = [\"Illustrative figures: NHSRplotthedots' reference cases.\"]\n\
         [analysis]\nspc_min_points = 2\nspc_screen_outliers = {}\n\
         [[sections]]\nid = \"s\"\ntitle = \"S\"\nkind = \"service\"\n\
         [[sections.measures]]\nid = \"m\"\nname = \"M\"\nkind = \"how_well\"\nunit = \"score\"\n\
         polarity = \"{polarity}\"\nfrequency = \"monthly\"\n{target}spc = {{ {} }}\n",
        c["screen_outliers"].as_bool().expect("screening"),
        spc.join(", ")
    );
    let mut obs = String::from("measure,period,value\n");
    for (i, v) in y.iter().enumerate() {
        obs.push_str(&format!("m,{},{v:?}\n", month(i)));
    }
    let card = Scorecard::load(Sources {
        definition: ("ref.toml", &def),
        observations: Some(("observations.csv", &obs)),
        comparators: None,
        actions: None,
        commentary: None,
        annotations: None,
        workbooks: &[],
        tables: &[],
    })
    .map_err(|e| format!("{e}\n{def}"))?;
    let as_of: Period = month(y.len() - 1).parse().map_err(|e| format!("{e}"))?;
    card.score(Some(as_of)).map_err(|e| e.to_string())
}

fn r6(x: Option<f64>) -> Option<f64> {
    x.map(|v| (v * 1e6).round() / 1e6)
}

#[test]
fn every_case_through_the_scorecard() {
    for c in cases() {
        let id = c["id"].as_str().expect("id");
        let r = scorecard(&c).unwrap_or_else(|e| panic!("{id}: {e}"));
        let m = &r.measures[0];
        let e = &c["expected"];
        if values(&c).len() < 2 {
            // A scorecard gives SPC to series of at least 2 figures (spc_min_points >= 2).
            assert!(m.spc.is_none(), "{id}");
            continue;
        }
        let s = m.spc.as_ref().unwrap_or_else(|| panic!("{id}: no SPC"));
        rules_and_types(&c, s.points.iter().map(|p| (p.rule, p.point_type)));
        let (mean, lpl, upl) = (
            f64s(&e["mean_per_point"]),
            f64s(&e["lpl_per_point"]),
            f64s(&e["upl_per_point"]),
        );
        for (i, p) in s.points.iter().enumerate() {
            assert_eq!(p.mean, r6(mean[i]), "{id}: mean at {i}");
            assert_eq!(p.lower, r6(lpl[i]), "{id}: lpl at {i}");
            assert_eq!(p.upper, r6(upl[i]), "{id}: upl at {i}");
        }
        assert_eq!(
            s.variation.key(),
            e["variation"].as_str().expect("variation"),
            "{id}"
        );
        assert_eq!(
            assurance_key(s.assurance),
            expected_assurance(&c),
            "{id}: assurance"
        );
    }
}
