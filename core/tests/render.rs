//! The renderers: escaping, status labels, determinism. (The golden Markdown and HTML for the
//! WSoA example are checked with the other vectors in examples.rs.)

use betteroff::render::{self, chart, html, markdown, sparkline, text, Format};
use betteroff::{borrow_file, Period, Report, Scorecard, Sources, Status};
use std::fs;
use std::path::Path;

fn load(example: &str) -> Scorecard {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let read = |name: &str| {
        fs::read_to_string(root.join(example).join(name))
            .ok()
            .map(|t| (name.to_string(), t))
    };
    let def = read("scorecard.toml").unwrap();
    let (o, c, a) = (
        read("observations.csv"),
        read("comparators.csv"),
        read("actions.csv"),
    );
    Scorecard::load(Sources {
        definition: (&def.0, &def.1),
        observations: borrow_file(&o),
        comparators: borrow_file(&c),
        actions: borrow_file(&a),
        commentary: None,
        annotations: None,
        workbooks: &[],
        tables: &[],
    })
    .unwrap()
}

const HOSTILE: &str = r#"
id = "x"
title = "Hostile <b>title</b>"
[[sections]]
id = "s"
title = "<img src=x onerror=alert(2)>"
kind = "priority"
[[sections.measures]]
id = "m1"
name = "<script>alert(1)</script>"
kind = "how_well"
unit = "percentage"
polarity = "higher_is_better"
baseline = { first_observation = true }
target = { kind = "absolute", value = 80, due = "2021-01", wording = "\"quoted\" & <i>marked</i>" }
notes = ["</details><script>alert(3)</script>"]
"#;

fn hostile() -> Report {
    let mut card = Scorecard::from_toml(HOSTILE, "x.toml").unwrap();
    card.add_observations_csv(
        "measure,period,value\nm1,2020-01,50\nm1,2020-02,55\n",
        "o.csv",
    )
    .unwrap();
    card.add_comparators_csv(
        "measure,period,comparator,value\nm1,2020-02,<svg onload=alert(4)>,60\n",
        "c.csv",
    )
    .unwrap();
    card.score(None).unwrap()
}

#[test]
fn markup_in_names_is_escaped_in_html_svg_and_markdown() {
    let r = hostile();
    let page = html(&r);
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("&lt;img src=x onerror=alert(2)&gt;"));
    assert!(page.contains("&lt;/details&gt;&lt;script&gt;alert(3)&lt;/script&gt;"));
    assert!(page.contains("&lt;svg onload=alert(4)&gt;"));
    for raw in ["<script", "<img", "<svg onload", "<b>title", "<i>marked"] {
        assert!(!page.contains(raw), "raw {raw:?} in HTML");
    }
    let svg = chart(&r.measures[0]);
    assert!(
        svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{svg}"
    );
    assert!(
        !svg.contains("<script") && !svg.contains("<svg onload"),
        "{svg}"
    );
    assert!(!sparkline(&r.measures[0]).contains("<script"));
    let md = markdown(&r);
    assert!(md.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !md.contains("<script"));
}

#[test]
fn every_status_appears_with_its_text_label_in_the_html() {
    // Between them the WSoA (achieved, on track, at risk, off track, missed, no data) and Dorset
    // (no target, suppressed, to be developed) show every status of semantics section 5.
    let at = Some("2020-05".parse::<Period>().unwrap());
    let pages = [
        html(&load("examples/dudley-wsoa").score(at).unwrap()),
        html(&load("examples/dorset").score(None).unwrap()),
    ];
    for s in Status::ALL {
        let badge = format!(">{}</span>", s.label());
        assert!(pages.iter().any(|p| p.contains(&badge)), "no {badge} badge");
    }
}

#[test]
fn the_html_page_is_self_contained() {
    let page = html(&load("examples/dorset").score(None).unwrap());
    for external in [
        "<script",
        "<link",
        "src=\"http",
        "href=\"http",
        "@import",
        "url(",
        "@font-face",
    ] {
        assert!(!page.contains(external), "the page refers to {external:?}");
    }
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(page.contains("@page { size: A4 portrait;"), "print styles");
    assert!(page.contains("@media (max-width: 700px)"), "phone styles");
}

#[test]
fn svg_is_identical_across_runs() {
    let card = load("examples/dudley-wsoa");
    let at = Some("2020-05".parse::<Period>().unwrap());
    let (a, b) = (
        card.score(at).unwrap(),
        load("examples/dudley-wsoa").score(at).unwrap(),
    );
    for (x, y) in a.measures.iter().zip(&b.measures) {
        assert_eq!(chart(x), chart(y), "{}", x.id);
        assert_eq!(sparkline(x), sparkline(y), "{}", x.id);
    }
}

#[test]
fn chart_shows_series_baseline_target_and_comparators() {
    let r = load("examples/dudley-wsoa")
        .score(Some("2020-05".parse().unwrap()))
        .unwrap();
    let m = r.measures.iter().find(|m| m.id == "2.B1b").unwrap();
    let svg = chart(m);
    // WSoA area 2 B1: 27.1% (2019-01) to 28% (2020-01), target = statistical neighbours 33.5%.
    assert!(svg.contains(">Actual 28%</text>"), "{svg}");
    assert!(svg.contains(">Baseline 27.1%</text>"));
    assert!(svg.contains(">Target 33.5%</text>"));
    assert!(svg.contains(">Statistical neighbours 33.5%</text>"));
    assert!(svg.contains(">West Midlands 31.2%</text>"));
    assert!(
        svg.contains("stroke-dasharray=\"2 3\""),
        "comparators are dashed"
    );
    assert!(
        svg.contains(">2021-07</text>"),
        "the due date is on the x axis"
    );
    assert!(
        svg.contains("<title id=\"chart-2.B1b-title\">"),
        "a text alternative"
    );
}

#[test]
fn text_is_readable_without_colour_and_marks_colour_only_on_request() {
    let r = load("examples/dorset").score(None).unwrap();
    let plain = text(&r, false);
    assert!(!plain.contains('\x1b'));
    assert!(plain
        .lines()
        .all(|l| l.chars().count() <= render::TEXT_WIDTH));
    let coloured = text(&r, true);
    assert!(coloured.contains("\x1b[32m[On track]\x1b[0m"));
}

#[test]
fn csv_has_one_row_per_measure() {
    let r = load("examples/dudley-wsoa")
        .score(Some("2020-05".parse().unwrap()))
        .unwrap();
    let out = render::csv(&r);
    let mut rows = csv::Reader::from_reader(out.as_bytes());
    let header = rows.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let records: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 38);
    let a3a = records.iter().find(|r| &r[1] == "2.A3a").unwrap();
    // 32% -> 16% by 2020-05; 17% in May 2020: missed, progress 93.75%.
    assert_eq!(
        (
            &a3a[col("value")],
            &a3a[col("target_value")],
            &a3a[col("progress_pct")],
            &a3a[col("status")],
            &a3a[col("status_label")]
        ),
        ("17", "16", "93.75", "missed", "Missed")
    );
}

/// Names as an attacker would write them for a terminal, a spreadsheet and a Markdown viewer:
/// an escape sequence that clears the screen, a C1 control, a right-to-left override, a formula,
/// and text that would become links.
const INERT: &str = r#"
id = "inert"
title = "Inert"
area = "Area \u001b[2J"
[[sections]]
id = "s"
title = "S"
kind = "service"
[[sections.measures]]
id = "m1"
name = "=HYPERLINK(\"https://evil.example/\",\"Click\") \u001b]8;;x\u0007 \u009b31m \u202etxet www.evil.example me@evil.example"
kind = "how_much"
unit = "count"
polarity = "neutral"
"#;

#[test]
fn names_are_inert_in_text_csv_and_markdown() {
    let mut card = Scorecard::from_toml(INERT, "x.toml").unwrap();
    card.add_observations_csv("measure,period,value\nm1,2020-01,50\n", "o.csv")
        .unwrap();
    let r = card.score(None).unwrap();
    let hostile = |c: char| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    for (name, out) in [
        ("text", text(&r, false)),
        ("csv", render::render(&r, Format::Csv, false)),
        ("markdown", markdown(&r)),
    ] {
        assert!(!out.chars().any(hostile), "a control character in {name}");
        assert!(out.contains('\u{fffd}'), "{name} marks what it replaced");
    }
    // With colour on, the only escape sequences are the renderer's own colour codes.
    let coloured = text(&r, true);
    let escapes: Vec<&str> = coloured.split('\u{1b}').skip(1).collect();
    assert!(!escapes.is_empty());
    for e in escapes {
        assert!(
            ["[32m", "[33m", "[31m", "[90m", "[0m"]
                .iter()
                .any(|c| e.starts_with(c)),
            "{e:?}"
        );
    }
    // The spreadsheet reads the name as text, not as a formula (OWASP: a leading quote).
    let csv = render::render(&r, Format::Csv, false);
    let row = csv.lines().nth(1).unwrap();
    assert!(row.contains("\"'=HYPERLINK("), "{row}");
    // Markdown: no autolink or address survives unescaped.
    let md = markdown(&r);
    assert!(md.contains("www\\.evil.example"), "{md}");
    assert!(md.contains("https\\://evil.example"), "{md}");
    assert!(md.contains("me\\@evil.example"), "{md}");
}

#[test]
fn a_measure_page_holds_everything_about_the_measure() {
    // Dudley WSoA 2.A3a in May 2020: its figures, both charts' places, its turn-the-curve
    // record (the WSoA's partners) and every note; Stockton's EHC plans in 20 weeks: its
    // comparators (England, the North East) in words.
    let r = load("examples/dudley-wsoa")
        .score(Some("2020-05".parse().unwrap()))
        .unwrap();
    let m = r.find_measure("2.A3a").unwrap();
    let page = render::measure_page(m);
    assert!(page.starts_with("<article class=\"measure-page\" id=\"measure-2.A3a\" aria-labelledby=\"measure-2.A3a-name\">\n<h2 id=\"measure-2.A3a-name\">"));
    // Text as the HTML escapes it.
    let esc = |t: &str| {
        t.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
            .replace('\'', "&#39;")
    };
    assert!(page.contains(&format!(">{}</h2>", esc(&m.name))));
    assert!(page.contains("<dt>Latest</dt>") && page.contains("<dt>Target</dt>"));
    assert!(
        page.contains("SEND Manager DMBC"),
        "the turn-the-curve record's partners"
    );
    assert!(page.matches("<svg").count() >= 1);
    for note in &m.notes {
        assert!(page.contains(&esc(note)), "note {note:?}");
    }
    assert!(page.ends_with("</article>\n"));
    let s = load("examples/stockton").score(None).unwrap();
    let page = render::measure_page(s.find_measure("ehcp-20-weeks").unwrap());
    assert!(page.contains("<h3>Compared with</h3>"));
    assert!(page.contains("<li>England "), "{page}");
}
