//! Workbooks as analysts hold them: every example's CSV files written into a workbook (by
//! rust_xlsxwriter, here, never a committed binary) give the same report, byte for byte; dates
//! typed as dates read as the measure's months; problems name the sheet and cell; the real
//! LAIT workbooks in `../shared` are read.

use betteroff::{borrow_file, Report, Scorecard, Sources};
#[path = "common/workbook.rs"]
mod fixtures;
#[path = "common/ods.rs"]
mod ods;

use fixtures::workbook_of;
use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read(example: &str, name: &str) -> Option<(String, String)> {
    let rel = format!("{example}/{name}");
    fs::read_to_string(root().join(&rel)).ok().map(|t| (rel, t))
}

fn report_json(card: &Scorecard) -> String {
    card.score(None).unwrap().to_json()
}

/// The JSON with each warning's location taken out: the one part that says where a figure came
/// from (a CSV line, or a workbook's sheet and cell), and so the one part that differs.
fn without_locations(json: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(json).unwrap();
    for w in v["warnings"].as_array_mut().into_iter().flatten() {
        w.as_object_mut().unwrap().remove("location");
    }
    v.to_string()
}

#[test]
fn every_example_as_a_workbook_gives_the_same_report_byte_for_byte() {
    for example in [
        "examples/dorset",
        "examples/dudley-wsoa",
        "examples/stockton",
    ] {
        let def = read(example, "scorecard.toml").unwrap();
        let files = [
            read(example, "observations.csv"),
            read(example, "comparators.csv"),
            read(example, "actions.csv"),
            read(example, "commentary.csv"),
            read(example, "annotations.csv"),
        ];
        let from_csv = Scorecard::load(Sources {
            definition: (&def.0, &def.1),
            observations: borrow_file(&files[0]),
            comparators: borrow_file(&files[1]),
            actions: borrow_file(&files[2]),
            commentary: borrow_file(&files[3]),
            annotations: borrow_file(&files[4]),
            workbooks: &[],
            tables: &[],
        })
        .unwrap();
        let bytes = fixtures::example(&root().join(example));
        let from_book = Scorecard::load(Sources {
            definition: (&def.0, &def.1),
            workbooks: &[("data.xlsx", &bytes)],
            ..Sources::default()
        })
        .unwrap_or_else(|e| panic!("{example} as a workbook:\n{e}"));
        // Byte for byte, but for where each warning's figure came from.
        let (csv, book) = (report_json(&from_csv), report_json(&from_book));
        assert_eq!(
            without_locations(&csv),
            without_locations(&book),
            "{example}"
        );
        if !csv.contains("\"warnings\": [\n    {") {
            assert_eq!(csv, book, "{example}");
        }
        assert_eq!(
            from_csv.observations().len(),
            from_book.observations().len()
        );
    }
}

const MONTHLY: &str = r#"
id = "m"
title = "Monthly"
[[sections]]
id = "s"
title = "S"
kind = "priority"
[[sections.measures]]
id = "m"
name = "Parents dissatisfied"
kind = "better_off"
unit = "percentage"
polarity = "lower_is_better"
frequency = "monthly"
baseline = { period = "2019-04" }
target = { kind = "relative", change = -50, due = "2020-05" }
"#;

fn monthly_status(card: &Scorecard) -> (String, Option<f64>) {
    let r: Report = card.score(Some("2020-05".parse().unwrap())).unwrap();
    let m = &r.measures[0];
    (m.status.key().to_string(), m.expected)
}

#[test]
fn date_cells_read_as_the_measures_months() {
    // Excel writes a month as its first day, typed as a date: 2019-04-01 for April 2019.
    let bytes = fixtures::month_start();
    let from_book = Scorecard::load(Sources {
        definition: ("m.toml", MONTHLY),
        workbooks: &[("book.xlsx", &bytes)],
        ..Sources::default()
    })
    .unwrap();
    let tidy = Scorecard::load(Sources {
        definition: ("m.toml", MONTHLY),
        observations: Some((
            "o.csv",
            "measure,period,value\nm,2019-04,32\nm,2019-10,27\nm,2020-04,20\n",
        )),
        ..Sources::default()
    })
    .unwrap();
    // 32% halved is 16% by 2020-05-31 (docs/semantics.md section 5, linear in days from the
    // baseline's end, 2019-04-30): at 2020-04-30, 366 of 397 days, e = 32 - 16 x 366/397 =
    // 17.249; 20% falls short by 2.75, more than 1.6 (10% of 16): off track.
    let (status, expected) = monthly_status(&tidy);
    assert!(
        (expected.unwrap() - (32.0 - 16.0 * 366.0 / 397.0)).abs() < 1e-5,
        "{expected:?}"
    );
    assert_eq!(status, "off_track");
    assert_eq!(monthly_status(&from_book), monthly_status(&tidy));
    assert_eq!(
        without_locations(&report_json(&from_book)),
        without_locations(&report_json(&tidy))
    );
}

#[test]
fn problems_name_the_sheet_and_the_cell() {
    let bytes = fixtures::bad_value();
    let e = Scorecard::load(Sources {
        definition: ("m.toml", MONTHLY),
        workbooks: &[("book.xlsx", &bytes)],
        ..Sources::default()
    })
    .unwrap_err()
    .to_string();
    assert!(
        e.contains(
            "book.xlsx, sheet \"observations\", cell C3: field \"value\": \"thirty\" is not a number"
        ),
        "{e}"
    );
    assert!(
        e.contains("book.xlsx, sheet \"observations\", cell A4: field \"measure\": unknown measure id \"x\""),
        "{e}"
    );
}

#[test]
fn a_workbook_without_the_sheets_is_refused_naming_them() {
    let bytes = fixtures::no_sheet();
    let e = Scorecard::load(Sources {
        definition: ("m.toml", MONTHLY),
        workbooks: &[("book.xlsx", &bytes)],
        ..Sources::default()
    })
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("book.xlsx: the workbook has no sheet named observations, comparators or actions (its sheets are \"Sheet1\")"),
        "{e}"
    );
    // Named for its kind, the file's first sheet is read.
    let card = Scorecard::load(Sources {
        definition: ("m.toml", MONTHLY),
        workbooks: &[("data/observations.xlsx", &bytes)],
        ..Sources::default()
    })
    .unwrap();
    assert_eq!(card.observations().len(), 1);
    // A sheet that looks like one but is not named so is not skipped silently.
    let bytes = workbook_of(&[
        ("observations", "measure,period,value\nm,2019-04,32\n"),
        ("Observations 2024", "measure,period,value\nm,2019-05,30\n"),
    ]);
    let e = Scorecard::load(Sources {
        definition: ("m.toml", MONTHLY),
        workbooks: &[("book.xlsx", &bytes)],
        ..Sources::default()
    })
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("book.xlsx, sheet \"Observations 2024\": the sheet is not read"),
        "{e}"
    );
}

#[test]
fn a_duplicate_across_rows_names_both_sheet_rows() {
    let bytes = workbook_of(&[(
        "observations",
        "measure,period,value\nm,2019-04,32\nm,2019-04,30\n",
    )]);
    let e = Scorecard::load(Sources {
        definition: ("m.toml", MONTHLY),
        workbooks: &[("book.xlsx", &bytes)],
        ..Sources::default()
    })
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("book.xlsx, sheet \"observations\", cell B3: field \"period\": duplicate observation for measure \"m\" and period 2019-04: first given at book.xlsx, sheet \"observations\", row 2"),
        "{e}"
    );
}

#[test]
fn a_file_that_is_not_a_workbook_is_refused() {
    let e = Scorecard::load(Sources {
        definition: ("m.toml", MONTHLY),
        workbooks: &[("book.xlsx", b"measure,period,value\n")],
        ..Sources::default()
    })
    .unwrap_err()
    .to_string();
    assert!(
        e.starts_with("book.xlsx: not a workbook that can be read"),
        "{e}"
    );
}

fn lait(file: &str) -> Option<Vec<u8>> {
    let path = root().join("../shared/data/lait").join(file);
    match fs::read(&path) {
        Ok(b) => Some(b),
        Err(_) => {
            eprintln!(
                "skipped: {} is absent (the real LAIT data lives in ../shared)",
                path.display()
            );
            None
        }
    }
}

#[test]
fn the_real_lait_workbooks_are_read() {
    let Some(sn) = lait("sn_may_2025.xlsx") else {
        return;
    };
    let mut book = betteroff::workbook::open(&sn, "sn_may_2025.xlsx").unwrap();
    assert_eq!(book.names(), ["LA SN Groups"]);
    // Two rows of column letters and numbers sit above the header, in row 3.
    let sheet = book.sheet_with_header("LA SN Groups", 3).unwrap();
    let heads: Vec<&str> = sheet.columns.iter().map(|(h, _)| h.as_str()).collect();
    assert_eq!(
        &heads[..6],
        ["LA num", "LA Name", "LA number", "GOInd", "GOReg", "SN1"]
    );
    // Barking and Dagenham (301): nearest neighbour 308 (Enfield), "Close" (the workbook, row 4).
    let (row, cells) = &sheet.rows[0];
    assert_eq!(*row, 4);
    assert_eq!(cells[0].as_deref(), Some("301"));
    assert_eq!(cells[1].as_deref(), Some("Barking and Dagenham"));
    assert_eq!(cells[5].as_deref(), Some("308"));
    assert_eq!(cells[6].as_deref(), Some("Close"));
    assert!(sheet.rows.len() >= 150, "{} rows", sheet.rows.len());

    let Some(codes) = lait("la_code_list.xlsx") else {
        return;
    };
    let mut book = betteroff::workbook::open(&codes, "la_code_list.xlsx").unwrap();
    let sheet = book.sheet("Sheet1").unwrap();
    let heads: Vec<&str> = sheet.columns.iter().map(|(h, _)| h.as_str()).collect();
    assert_eq!(heads, ["LA Number", "LA Name", "Region", "Type"]);
    let dorset = sheet
        .rows
        .iter()
        .find(|(_, c)| c[1].as_deref() == Some("Dorset"))
        .expect("Dorset is listed");
    assert_eq!(dorset.1[0].as_deref(), Some("838"));
}

#[test]
fn an_opendocument_workbook_reads_as_the_tidy_csv() {
    // LibreOffice types a month typed as 1 April 2019 as a date cell; figures as floats.
    use ods::Cell::{Date, Number, Text};
    let rows = |cells: &[(&'static str, f64)]| {
        let mut out = vec![vec![Text("measure"), Text("period"), Text("value")]];
        for (d, v) in cells {
            out.push(vec![Text("m"), Date(d), Number(*v)]);
        }
        out
    };
    let bytes = ods::ods(&[(
        "observations",
        rows(&[
            ("2019-04-01", 32.0),
            ("2019-10-01", 27.0),
            ("2020-04-01", 20.0),
        ]),
    )]);
    let from_ods = Scorecard::load(Sources {
        definition: ("m.toml", MONTHLY),
        workbooks: &[("book.ods", &bytes)],
        ..Sources::default()
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let tidy = Scorecard::load(Sources {
        definition: ("m.toml", MONTHLY),
        observations: Some((
            "o.csv",
            "measure,period,value\nm,2019-04,32\nm,2019-10,27\nm,2020-04,20\n",
        )),
        ..Sources::default()
    })
    .unwrap();
    assert_eq!(monthly_status(&from_ods), monthly_status(&tidy));
    assert_eq!(report_json(&from_ods), report_json(&tidy));
    // Text where a figure belongs names the sheet and cell.
    let bad = ods::ods(&[(
        "observations",
        vec![
            vec![Text("measure"), Text("period"), Text("value")],
            vec![Text("m"), Text("2019-04"), Text("n/a")],
        ],
    )]);
    let e = Scorecard::load(Sources {
        definition: ("m.toml", MONTHLY),
        workbooks: &[("book.ods", &bad)],
        ..Sources::default()
    })
    .unwrap_err()
    .to_string();
    assert!(
        e.contains(
            "book.ods, sheet \"observations\", cell C2: field \"value\": \"n/a\" is not a number"
        ),
        "{e}"
    );
}
