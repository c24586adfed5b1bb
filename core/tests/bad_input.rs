//! The bad-input catalogue (tests/bad-input/cases.json, docs/bad-input.md): every case gives the
//! kind and message the catalogue states, and never a panic. Python and JavaScript run the same
//! catalogue and must give the same messages.

use betteroff::decode_utf8;
use betteroff::{borrow_file, render, Errors, Limits, Scorecard, Sources};
use serde_json::Value;
use std::path::Path;

fn root() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A case's file as text, as a front end would read it (bytes are decoded as UTF-8).
fn text(name: &str, v: &Value) -> Result<String, Errors> {
    match v {
        Value::String(s) => Ok(s.clone()),
        Value::Object(o) => {
            let hex = o["hex"].as_str().unwrap_or_default();
            let bytes = (0..hex.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
                .collect();
            decode_utf8(bytes, name).map_err(Errors::one)
        }
        _ => panic!("a file is text or {{\"hex\": ...}}"),
    }
}

fn run(files: &serde_json::Map<String, Value>) -> Result<Scorecard, Errors> {
    let get = |n: &str| {
        files
            .get(n)
            .map(|v| text(n, v).map(|t| (n.to_string(), t)))
            .transpose()
    };
    let def = match get("scorecard.toml")? {
        Some(d) => d,
        None => get("scorecard.json")?.expect("a case has a definition"),
    };
    let (o, c, a) = (
        get("observations.csv")?,
        get("comparators.csv")?,
        get("actions.csv")?,
    );
    let card = Scorecard::load(Sources {
        definition: (&def.0, &def.1),
        observations: borrow_file(&o),
        comparators: borrow_file(&c),
        actions: borrow_file(&a),
        commentary: None,
        annotations: None,
        workbooks: &[],
        tables: &[],
    })?;
    card.score(None)?;
    Ok(card)
}

#[test]
fn every_catalogued_case_gives_its_error() {
    let doc: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/bad-input/cases.json")).unwrap(),
    )
    .unwrap();
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() >= 30);
    for c in cases {
        let id = c["id"].as_str().unwrap();
        let fronts = c.get("front_ends").and_then(Value::as_array);
        if fronts.is_some_and(|f| !f.iter().any(|x| x == "rust")) {
            continue;
        }
        let expect = &c["expect"];
        match run(c["files"].as_object().unwrap()) {
            Ok(card) => {
                assert!(
                    expect["ok"].as_bool().unwrap(),
                    "{id}: accepted, but the catalogue expects an error"
                );
                // Accepted input still publishes safely: names are escaped in every format.
                let report = card.score(None).unwrap();
                // Valid but suspicious input: exactly the warnings the catalogue lists.
                let got: Vec<(&str, &str, &str)> = report
                    .warnings
                    .iter()
                    .map(|w| (w.code, w.measure.as_str(), w.message.as_str()))
                    .collect();
                let none = Vec::new();
                let want: Vec<(&str, &str, &str)> = expect
                    .get("warnings")
                    .and_then(Value::as_array)
                    .unwrap_or(&none)
                    .iter()
                    .map(|w| {
                        (
                            w["code"].as_str().unwrap(),
                            w["measure"].as_str().unwrap(),
                            w["message"].as_str().unwrap(),
                        )
                    })
                    .collect();
                assert_eq!(got, want, "{id}");
                let html = render::html(&report);
                assert!(!html.contains("<script>") && !html.contains("<img"), "{id}");
                assert!(
                    !html
                        .chars()
                        .any(|ch| ch.is_control() && !matches!(ch, '\n' | '\r' | '\t')),
                    "{id}"
                );
                for f in [
                    render::Format::Text,
                    render::Format::Markdown,
                    render::Format::Json,
                    render::Format::Csv,
                ] {
                    let _ = render::render(&report, f, false);
                }
            }
            Err(e) => {
                assert!(!expect["ok"].as_bool().unwrap(), "{id}: {e}");
                assert_eq!(
                    e.kind().name(),
                    expect["kind"].as_str().unwrap(),
                    "{id}: {e}"
                );
                let want = expect["message"].as_str().unwrap();
                assert!(
                    e.to_string().starts_with(want),
                    "{id}:\n  got  {e}\n  want {want}"
                );
            }
        }
    }
}

#[test]
fn absurd_sizes_hit_a_clear_limit() {
    let card =
        std::fs::read_to_string(root().join("tests/fixtures/minimal/scorecard.toml")).unwrap();
    let small = Limits {
        max_file_bytes: 64,
        max_measures: 100_000,
        max_rows: 3,
    };
    let e = Scorecard::load_with_limits(
        Sources {
            definition: ("s.toml", &card),
            ..Default::default()
        },
        small,
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("s.toml: the file is 0.0 MB, over the limit of 0.0 MB"),
        "{e}"
    );
    let rows = Limits {
        max_file_bytes: 1 << 20,
        ..small
    };
    let obs = "measure,period,value\nm,2019-04,1\nm,2019-05,1\nm,2019-06,1\nm,2019-07,1\n";
    let e = Scorecard::load_with_limits(
        Sources {
            definition: ("s.toml", &card),
            observations: Some(("o.csv", obs)),
            ..Default::default()
        },
        rows,
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "o.csv: 5 rows, over the limit of 3; raise the limit if it is meant to be this large"
    );
    // A 100,001-measure scorecard against the default limit of 100,000 (built, not parsed).
    let mut many = Scorecard::from_toml(&card, "s.toml")
        .unwrap()
        .into_definition();
    let m = many.sections[0].measures[0].clone();
    many.sections[0].measures = (0..100_001)
        .map(|i| {
            let mut one = m.clone();
            one.id = format!("m{i}");
            one
        })
        .collect();
    let e = Scorecard::new(many)
        .with_limits(Limits::default())
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("the scorecard has 100001 measures, over the limit of 100000"),
        "{e}"
    );
}

#[test]
fn a_type_error_hides_neither_the_definitions_other_problems_nor_the_data_files() {
    let definition = r#"id = "t"
title = "T"
[[sections]]
id = "s"
title = "S"
kind = "priority"

[[sections.measures]]
id = "a"
name = "A"
kind = "how_well"
unit = "percentage"
polarity = "lower_is_better"
baseline = { period = "2019-04", value = "thirty-two" }

[[sections.measures]]
id = "b"
name = "B"
kind = "how_well"
unit = "percentage"
polarity = "downwards"

[[sections.measures]]
id = "c"
name = "C"
kind = "how_much"
unit = ["count"]
polarity = "neutral"

[[sections.measures]]
id = "d"
name = "D"
kind = "how_much"
unit = "count"
polarity = "neutral"
"#;
    let observations = "measure,period,value\na,2019-04,32\nb,2019-04,1\nd,2019-04,NaN\n";
    let e = Scorecard::load(Sources {
        definition: ("scorecard.toml", definition),
        observations: Some(("observations.csv", observations)),
        ..Sources::default()
    })
    .unwrap_err();
    let got: Vec<String> = e.iter().map(|e| e.to_string()).collect();
    // The wrong type, exactly where TOML puts it; the other measures' problems; the data file's
    // problem in a measure that read (rows of measures left out are not called unknown).
    assert_eq!(got.len(), 4, "{got:#?}");
    assert!(
        got[0].starts_with("scorecard.toml:14: field \"baseline.value\": measure \"a\": expected a number, found the text \"thirty-two\""),
        "{got:#?}"
    );
    assert!(
        got[1].starts_with(
            "scorecard.toml:27: field \"unit\": measure \"c\": expected text, found a list"
        ),
        "{got:#?}"
    );
    assert!(
        got[2].starts_with(
            "scorecard.toml:17: field \"polarity\": measure \"b\": unknown polarity \"downwards\""
        ),
        "{got:#?}"
    );
    assert_eq!(
        got[3],
        "observations.csv:4: field \"value\": \"NaN\" is not a finite number"
    );
}

#[test]
fn a_section_that_does_not_read_leaves_its_measures_rows_unblamed() {
    // The section has no kind: that one problem is reported, not one "unknown measure" for
    // every row of the measures inside it.
    let definition = "id = \"t\"\ntitle = \"T\"\n[[sections]]\nid = \"s\"\ntitle = \"S\"\n\n\
                      [[sections.measures]]\nid = \"m\"\nname = \"M\"\nkind = \"how_much\"\n\
                      unit = \"count\"\npolarity = \"neutral\"\n";
    let observations = "measure,period,value\nm,2020-01,12\nm,2020-02,13\nm,2020-03,14\n";
    let e = Scorecard::load(Sources {
        definition: ("scorecard.toml", definition),
        observations: Some(("observations.csv", observations)),
        ..Sources::default()
    })
    .unwrap_err();
    let got: Vec<String> = e.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        got,
        ["scorecard.toml:3: field \"sections.kind\": section \"s\": missing field `kind`"]
    );
}
