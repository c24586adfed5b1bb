//! Structured scorecards (via `arbitrary`): any measure, baseline, target and series scores
//! without panicking and without NaN or infinity in the output.
#![no_main]
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    unit: u8,
    polarity: u8,
    target: u8,
    baseline: Option<f64>,
    amount: f64,
    due_month: u8,
    values: Vec<(u8, Option<f64>)>,
    comparators: Vec<(u8, f64)>,
    as_of: u8,
}

fn month(i: u8) -> String {
    format!("{}-{:02}", 2018 + u32::from(i / 12) % 10, u32::from(i % 12) + 1)
}

fn num(x: f64) -> String {
    if x.is_finite() { format!("{x:?}") } else { "0.0".to_string() }
}

fuzz_target!(|i: Input| {
    let unit = ["count", "percentage", "score", "days", "ratio"][usize::from(i.unit) % 5];
    let polarity = ["higher_is_better", "lower_is_better", "neutral"][usize::from(i.polarity) % 3];
    let target = match i.target % 6 {
        0 => format!("{{ kind = \"relative\", change = {}, due = \"{}\" }}", num(i.amount), month(i.due_month)),
        1 => format!("{{ kind = \"points\", change = {}, due = \"{}\" }}", num(i.amount), month(i.due_month)),
        2 => format!("{{ kind = \"absolute\", value = {}, due = \"{}\" }}", num(i.amount), month(i.due_month)),
        3 => format!("{{ kind = \"threshold\", comparison = \"at_least\", value = {} }}", num(i.amount)),
        4 => "{ kind = \"comparator\", comparator = \"England\" }".to_string(),
        _ => "{ kind = \"direction\" }".to_string(),
    };
    let baseline = i.baseline.map(|b| format!("baseline = {{ period = \"2017-12\", value = {} }}\n", num(b))).unwrap_or_default();
    let def = format!(
        "id = \"f\"\ntitle = \"F\"\n[analysis]\nspc_min_points = 3\n[[sections]]\nid = \"s\"\ntitle = \"S\"\nkind = \"service\"\n\
         [[sections.measures]]\nid = \"m\"\nname = \"M\"\nkind = \"how_well\"\nunit = \"{unit}\"\npolarity = \"{polarity}\"\n{baseline}target = {target}\n"
    );
    let Ok(mut card) = betteroff::Scorecard::from_toml(&def, "f.toml") else { return };
    let mut obs = String::from("measure,period,value,flag\n");
    for (m, v) in i.values.iter().take(60) {
        match v {
            Some(v) => obs.push_str(&format!("m,{},{},\n", month(*m), num(*v))),
            None => obs.push_str(&format!("m,{},,missing\n", month(*m))),
        }
    }
    let _ = card.add_observations_csv(&obs, "o.csv");
    let mut cmp = String::from("measure,period,comparator,value\n");
    for (m, v) in i.comparators.iter().take(20) {
        cmp.push_str(&format!("m,{},England,{}\n", month(*m), num(*v)));
    }
    let _ = card.add_comparators_csv(&cmp, "c.csv");
    if let Ok(report) = card.score(Some(month(i.as_of).parse().unwrap())) {
        let json = report.to_json();
        assert!(!json.contains("NaN") && !json.contains("inf"), "{json}");
        let _ = betteroff::render::html(&report);
        let _ = betteroff::render::markdown(&report);
    }
});
