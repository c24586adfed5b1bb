//! Disclosure control by construction, under fuzzing: any count measures (any baseline and
//! target kind, series, breakdown parts, a total suppressed at source, other areas' figures,
//! threshold and rounding), scored twice with every withheld count moved to another value in
//! the withheld range, must publish the same bytes in every format and chart
//! (docs/disclosure.md; the same property as core/tests/leaks.rs, on arbitrary input).
#![no_main]
use arbitrary::Arbitrary;
use betteroff::render::{self, Format};
use betteroff::{Scorecard, Sources};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug, Clone)]
struct Measure {
    polarity: u8,
    baseline: u8,
    target: u8,
    series: Vec<u8>,
    parts: Vec<u8>,
    total_suppressed: bool,
    areas: Vec<u8>,
}

#[derive(Arbitrary, Debug)]
struct Input {
    measures: Vec<Measure>,
    threshold: u8,
    round_to: u8,
    shift: u8,
}

fn month(i: usize) -> String {
    format!("{}-{:02}", 2021 + i / 12, i % 12 + 1)
}

fn files(ms: &[Measure], threshold: u32, round_to: Option<u32>) -> (String, String, String) {
    let mut def = format!(
        "id = \"f\"\ntitle = \"F\"\n[disclosure]\nthreshold = {threshold}\n{}[analysis]\n\
         spc_min_points = 4\n[[sections]]\nid = \"s\"\ntitle = \"S\"\nkind = \"service\"\n",
        round_to.map_or(String::new(), |b| format!("round_to = {b}\n"))
    );
    let mut obs = String::from("measure,period,value,breakdown,category,flag\n");
    let mut cmp = String::from("measure,period,comparator,value,group\n");
    for (k, m) in ms.iter().enumerate() {
        let polarity = ["higher_is_better", "lower_is_better", "neutral"][usize::from(m.polarity % 3)];
        let baseline = match m.baseline % 4 {
            0 => "",
            1 => "baseline = { first_observation = true }\n",
            2 => "baseline = { period = \"2021-01\" }\n",
            _ => "baseline = { period = \"2020-12\", value = 3 }\n",
        };
        let target = match m.target % 6 {
            0 => "",
            1 => "target = { kind = \"absolute\", value = 20, due = \"2022-06\" }\n",
            2 => "target = { kind = \"points\", change = 5, due = \"2021-06\" }\n",
            3 => "target = { kind = \"direction\" }\n",
            4 => "target = { kind = \"quartile\", group = \"la\", due = \"2022-06\" }\n",
            _ => "target = { kind = \"gap\", comparator = \"England\", change = -50, due = \"2022-06\" }\n",
        };
        def.push_str(&format!(
            "[[sections.measures]]\nid = \"m{k}\"\nname = \"M{k}\"\nkind = \"better_off\"\n\
             unit = \"count\"\npolarity = \"{polarity}\"\nbreakdowns = [\"age\"]\n{baseline}{target}"
        ));
        let last = m.series.len().saturating_sub(1);
        for (i, v) in m.series.iter().enumerate() {
            if i == last && m.total_suppressed && !m.parts.is_empty() {
                obs.push_str(&format!("m{k},{},,,,suppressed\n", month(i)));
            } else {
                obs.push_str(&format!("m{k},{},{v},,,\n", month(i)));
            }
        }
        for (j, v) in m.parts.iter().enumerate() {
            obs.push_str(&format!("m{k},{},{v},age,a{j},\n", month(last)));
        }
        for (a, v) in m.areas.iter().enumerate() {
            cmp.push_str(&format!("m{k},{},LA{a},{v},la\n", month(last)));
        }
        cmp.push_str(&format!("m{k},2021-01,England,30,\nm{k},{},England,25,\n", month(last)));
    }
    (def, obs, cmp)
}

/// Every published output, or `None` when the input is refused (the same either way).
fn published(ms: &[Measure], threshold: u32, round_to: Option<u32>) -> Option<Vec<String>> {
    let (d, o, c) = files(ms, threshold, round_to);
    let card = Scorecard::load(Sources {
        definition: ("f.toml", &d),
        observations: Some(("o.csv", &o)),
        comparators: Some(("c.csv", &c)),
        actions: None,
        ..Sources::default()
    })
    .ok()?;
    let r = card.score(None).ok()?;
    let mut out: Vec<String> = [Format::Json, Format::Csv, Format::Text, Format::Markdown, Format::Html]
        .iter()
        .map(|&f| render::render(&r, f, false))
        .collect();
    for m in &r.measures {
        out.push(render::chart(m));
        out.extend(render::spc_chart(m));
    }
    Some(out)
}

fuzz_target!(|i: Input| {
    let mut ms: Vec<Measure> = i.measures.into_iter().take(3).collect();
    for m in &mut ms {
        m.series.truncate(24);
        m.parts.truncate(6);
        m.areas.truncate(8);
        if m.series.is_empty() {
            m.series.push(10);
        }
    }
    if ms.is_empty() {
        return;
    }
    let threshold = [0u32, 3, 5, 10][usize::from(i.threshold % 4)];
    let round_to = [None, Some(5u32), Some(10)][usize::from(i.round_to % 3)];
    if threshold < 2 {
        return; // no withheld range to move within
    }
    let before = published(&ms, threshold, round_to);
    let mut moved = ms.clone();
    let mut any = false;
    for m in &mut moved {
        for v in m.series.iter_mut().chain(m.parts.iter_mut()).chain(m.areas.iter_mut()) {
            let x = u32::from(*v);
            if x > 0 && x < threshold {
                *v = ((x - 1 + u32::from(i.shift)) % (threshold - 1) + 1) as u8;
                any = true;
            }
        }
    }
    if any {
        assert!(before == published(&moved, threshold, round_to), "a withheld count moved a published byte");
    }
});
