//! Every renderer, its output checked: arbitrary names, notes, comparator names, categories and
//! figures (any characters, any f64), rendered in every format and chart. What must hold: the
//! JSON has no NaN or infinity; text, CSV and Markdown carry no control character (but line
//! breaks) nor bidirectional control; no user markup reaches HTML, SVG or Markdown unescaped;
//! no CSV text cell starts a formula; no SVG coordinate is NaN or infinite.
#![no_main]
use arbitrary::Arbitrary;
use betteroff::render::{self, Format};
use betteroff::{Scorecard, Sources};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    title: String,
    name: String,
    note: String,
    comparator: String,
    category: String,
    values: Vec<f64>,
    unit: u8,
}

/// TOML basic-string escaping, so that any text can be a name.
fn toml(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

/// CSV quoting.
fn csv(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

fn bidi(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// User text without "NaN" or "inf" in it, so that finding them in the output means a number.
fn clean(s: &str) -> String {
    let mut s = s.to_string();
    loop {
        let t = s.replace("NaN", "").replace("inf", "");
        if t == s {
            return s;
        }
        s = t;
    }
}

fuzz_target!(|i: Input| {
    // The marker tag, user markup that must never come out raw, leads the title (HTML,
    // Markdown), the note (HTML) and the comparator's name (HTML, the chart's legend); the
    // measure's name is left as given, for the spreadsheet check.
    let (title, note, comparator) = (
        format!("<zz>{}", clean(&i.title)),
        format!("<zz>{}", clean(&i.note)),
        format!("<zz>{}", clean(&i.comparator)),
    );
    let (name, category) = (clean(&i.name), clean(&i.category));
    let unit = ["count", "percentage", "score", "days"][usize::from(i.unit % 4)];
    let def = format!(
        "id = \"r\"\ntitle = \"{}\"\n[analysis]\nspc_min_points = 3\n[[sections]]\nid = \"s\"\n\
         title = \"S\"\nkind = \"service\"\n[[sections.measures]]\nid = \"m\"\nname = \"{}\"\n\
         kind = \"how_much\"\nunit = \"{unit}\"\npolarity = \"higher_is_better\"\n\
         breakdowns = [\"age\"]\nnotes = [\"{}\"]\n",
        toml(&title),
        toml(&name),
        toml(&note)
    );
    let mut obs = String::from("measure,period,value,breakdown,category\n");
    for (k, v) in i.values.iter().take(30).enumerate() {
        let v = if v.is_finite() { *v } else { 0.0 };
        obs.push_str(&format!("m,{}-{:02},{v:?},,\n", 2018 + k / 12, k % 12 + 1));
    }
    obs.push_str(&format!("m,2018-01,7,age,{}\n", csv(&category)));
    let cmp = format!("measure,period,comparator,value\nm,2018-01,{},5\n", csv(&comparator));
    let Ok(card) = Scorecard::load(Sources {
        definition: ("r.toml", &def),
        observations: Some(("o.csv", &obs)),
        comparators: Some(("c.csv", &cmp)),
        actions: None,
        ..Sources::default()
    }) else {
        return;
    };
    let Ok(r) = card.score(None) else { return };
    let json = render::render(&r, Format::Json, false);
    assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok(), "the JSON does not parse");
    assert!(!json.contains("NaN") && !json.contains("inf"));
    for f in [Format::Text, Format::Csv, Format::Markdown] {
        let out = render::render(&r, f, false);
        assert!(
            !out.chars().any(|c| (c.is_control() && c != '\n') || bidi(c)),
            "{f:?}: a control character"
        );
    }
    let html = render::render(&r, Format::Html, false);
    let md = render::render(&r, Format::Markdown, false);
    assert!(!html.contains("<zz") && !md.contains("<zz"), "raw user markup");
    let text_cells = render::render(&r, Format::Csv, false);
    let mut reader = csv::ReaderBuilder::new().from_reader(text_cells.as_bytes());
    for row in reader.records().flatten() {
        if let Some(cell) = row.get(1) {
            // The name column is text: never a formula.
            assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{cell:?}");
        }
    }
    for m in &r.measures {
        for svg in [render::chart(m), render::sparkline(m), render::spc_chart(m).unwrap_or_default()] {
            assert!(!svg.contains("<zz"), "raw user markup in SVG");
            assert!(!svg.contains("NaN") && !svg.contains("inf"), "a coordinate that is not a number");
        }
    }
});
