//! Any columns (area, measure index, period index, value) and any measure-id and period texts
//! through batch scoring of a fixed two-measure scorecard: an error, or scores with no NaN or
//! infinity and one rule slot per row; the parallel path gives the same scores.
#![no_main]
use betteroff::batch::codes::read_dictionary;
use betteroff::batch::{Plan, Rows};
use betteroff::{Period, Scorecard};
use libfuzzer_sys::fuzz_target;

const DEFINITION: &str = r#"
id = "f"
title = "F"
[[sections]]
id = "s"
title = "S"
kind = "priority"
[[sections.measures]]
id = "a"
name = "A"
kind = "better_off"
unit = "score"
polarity = "lower_is_better"
baseline = { period = "2019-04", value = 32 }
target = { kind = "relative", change = -50, due = "2020-05" }
[[sections.measures]]
id = "q"
name = "Q"
kind = "how_well"
unit = "percentage"
polarity = "higher_is_better"
baseline = { first_observation = true }
target = { kind = "quartile", group = "la" }
"#;

fuzz_target!(|input: (Vec<(u8, u8, u8, f64)>, Vec<String>, Vec<String>)| {
    let (rows, ids, periods) = input;
    let card = Scorecard::from_toml(DEFINITION, "f.toml").expect("valid");
    let plan = Plan::new(card.definition()).expect("batch-scorable");
    let area: Vec<u32> = rows.iter().map(|r| u32::from(r.0 % 4)).collect();
    let measure: Vec<u32> = rows.iter().map(|r| u32::from(r.1 % 3)).collect();
    let period: Vec<u32> = rows.iter().map(|r| u32::from(r.2 % 8)).collect();
    let value: Vec<f64> = rows.iter().map(|r| r.3).collect();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let Ok(measures) = read_dictionary(&measure, &ids, "measure", |id| {
        plan.code(id).ok_or_else(|| "unknown".to_string())
    }) else {
        return;
    };
    let texts: Vec<&str> = periods.iter().map(String::as_str).collect();
    let Ok(periods) = read_dictionary(&period, &texts, "period", |p| {
        p.parse::<Period>().map_err(|e| e.to_string())
    }) else {
        return;
    };
    let cols = Rows {
        area: &area,
        measure: &measure,
        measures: &measures,
        period: &period,
        periods: &periods,
        value: &value,
    };
    let Ok(s) = plan.score(&cols, None) else {
        return;
    };
    assert_eq!(s.rule.len(), value.len());
    let c = &s.series;
    for col in [&c.value, &c.baseline, &c.target, &c.expected, &c.progress_pct, &c.spc_mean,
                &c.spc_lower, &c.spc_upper, &c.slope_per_year, &c.at_due, &c.q1, &c.median, &c.q3] {
        assert!(col.iter().flatten().all(|v| v.is_finite()));
    }
    assert_eq!(plan.par_score(&cols, None).ok(), Some(s));
});
