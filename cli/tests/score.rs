//! `betteroff score`: a long table scored against a definition, CSV and Parquet in and out,
//! problems named by file, line and column. That its scores equal Python's `score_table` on
//! the same table, and PostgreSQL's rows those of a Parquet file, is checked in
//! py/tests/test_warehouse.py.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;

use arrow_array::{Float64Array, RecordBatch, StringArray, UInt32Array};
use arrow_schema::{DataType, Field, Schema};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_betteroff"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

/// Dudley WSoA 2.A3a (the batch doc example): 32% dissatisfied in April 2019, to be halved by
/// May 2020.
const WSOA: &str = r#"id = "wsoa"
title = "WSoA"
[[sections]]
id = "p2"
title = "Area 2"
kind = "priority"
[[sections.measures]]
id = "A3a"
name = "Parents/carers dissatisfied with the assessment"
kind = "better_off"
unit = "percentage"
polarity = "lower_is_better"
baseline = { period = "2019-04", value = 32 }
target = { kind = "relative", change = -50, due = "2020-05" }
"#;

fn scratch(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("betteroff-score-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    for (f, t) in files {
        fs::write(dir.join(f), t).unwrap();
    }
    dir
}

fn p(dir: &Path, f: &str) -> String {
    dir.join(f).display().to_string()
}

#[test]
fn two_areas_scored_by_hand() {
    let d = scratch(
        "hand",
        &[
            ("wsoa.toml", WSOA),
            (
                "t.csv",
                "area,measure,period,value\nDudley,A3a,2019-10,24\nWalsall,A3a,2019-10,25\n",
            ),
        ],
    );
    let o = run(&["score", &p(&d, "t.csv"), "--scorecard", &p(&d, "wsoa.toml")]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    let mut lines = out.lines();
    assert_eq!(
        lines.next().unwrap(),
        "area,measure,period,value,baseline_period,baseline,target,comparison,judged,expected,\
         progress_pct,status,spc_mean,spc_lower,spc_upper,variation_icon,assurance,\
         forecast_points,slope_per_year,\
         forecast_at_due,reachable,baseline_forecast,turned,benchmark_period,benchmark_value,\
         q1,median,q3,band,rank,areas"
    );
    // The trajectory from 32 (30 April 2019) to 16 (31 May 2020), 397 days, expects at
    // 31 October 2019 (184 days on) 32 - 16 x 184 / 397 = 24.584382871536523. Dudley's 24 is
    // better: on track, 8 of the 16 points of progress (50%). Walsall's 25 is worse, within the
    // 10% tolerance: at risk, 7/16 = 43.75%. Among the two areas, type-7 quartiles of 24 and 25
    // are 24.25, 24.5 and 24.75; lower is better, so Dudley is band A, rank 1.
    assert_eq!(
        lines.next().unwrap(),
        "Dudley,A3a,2019-10,24.0,2019-04,32.0,16.0,at_most,24.0,24.584382871536523,50.0,\
         on_track,,,,,,,,,,,,2019-10,24.0,24.25,24.5,24.75,A,1,2"
    );
    assert_eq!(
        lines.next().unwrap(),
        "Walsall,A3a,2019-10,25.0,2019-04,32.0,16.0,at_most,25.0,24.584382871536523,43.75,\
         at_risk,,,,,,,,,,,,2019-10,25.0,24.25,24.5,24.75,D,2,2"
    );
    assert_eq!(lines.next(), None);
    // The definition may be given as its folder.
    fs::write(d.join("scorecard.toml"), WSOA).unwrap();
    let again = run(&["score", &p(&d, "t.csv"), "-s", d.to_str().unwrap()]);
    assert_eq!(again.stdout, o.stdout);
}

/// The same rows as a Parquet file, the area as whole numbers.
fn parquet_input(path: &Path) {
    let schema = Arc::new(Schema::new(vec![
        Field::new("area", DataType::UInt32, false),
        Field::new("measure", DataType::Utf8, false),
        Field::new("period", DataType::Utf8, false),
        Field::new("value", DataType::Float64, true),
    ]));
    let batch = RecordBatch::try_new(
        schema.clone(),
        vec![
            Arc::new(UInt32Array::from(vec![1, 1, 2, 2])),
            Arc::new(StringArray::from(vec!["A3a"; 4])),
            Arc::new(StringArray::from(vec![
                "2019-09", "2019-10", "2019-09", "2019-10",
            ])),
            Arc::new(Float64Array::from(vec![
                Some(26.0),
                Some(24.0),
                None,
                Some(25.0),
            ])),
        ],
    )
    .unwrap();
    let mut w = parquet::arrow::ArrowWriter::try_new(fs::File::create(path).unwrap(), schema, None)
        .unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
}

#[test]
fn parquet_and_csv_give_the_same_scores() {
    let d = scratch(
        "parquet",
        &[
            ("wsoa.toml", WSOA),
            (
                "t.csv",
                // Walsall's September figure is missing (an empty cell, a null in Parquet).
                "area,measure,period,value\n1,A3a,2019-09,26\n1,A3a,2019-10,24\n2,A3a,2019-09,\n2,A3a,2019-10,25\n",
            ),
        ],
    );
    parquet_input(&d.join("t.parquet"));
    let def = p(&d, "wsoa.toml");
    let from_csv = run(&["score", &p(&d, "t.csv"), "-s", &def]);
    let from_parquet = run(&["score", &p(&d, "t.parquet"), "-s", &def]);
    assert!(
        from_parquet.status.success(),
        "{}",
        text(&from_parquet.stderr)
    );
    assert_eq!(text(&from_csv.stdout), text(&from_parquet.stdout));
    assert!(text(&from_csv.stdout).contains("\n1,A3a,2019-10,24.0,2019-04,32.0,16.0,at_most,24.0,"));
    // Parquet out holds the same figures as the CSV (the status dictionary-encoded).
    let out = d.join("scores.parquet");
    let o = run(&[
        "score",
        &p(&d, "t.parquet"),
        "-s",
        &def,
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(
        fs::File::open(&out).unwrap(),
    )
    .unwrap()
    .build()
    .unwrap();
    let batches: Vec<RecordBatch> = reader.collect::<Result<_, _>>().unwrap();
    let b = &batches[0];
    assert_eq!(b.num_rows(), 2);
    let status = arrow_cast::cast(b.column_by_name("status").unwrap(), &DataType::Utf8).unwrap();
    let status = status.as_any().downcast_ref::<StringArray>().unwrap();
    assert_eq!((status.value(0), status.value(1)), ("on_track", "at_risk"));
    let expected = b.column_by_name("expected").unwrap();
    let expected = expected.as_any().downcast_ref::<Float64Array>().unwrap();
    assert_eq!(expected.value(0), 24.584382871536523);
    // --to says the format when the name does not; Parquet needs a file.
    let o = run(&["score", &p(&d, "t.csv"), "-s", &def, "--to", "parquet"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).starts_with(
        "error: Parquet is written to a file: give --output FILE.parquet\n\nUsage: betteroff score"
    ));
    // --points: one row per input row.
    let o = run(&["score", &p(&d, "t.csv"), "-s", &def, "--points"]);
    assert_eq!(
        text(&o.stdout),
        "area,measure,period,value,rule,point_type\n1,A3a,2019-09,26.0,,\n1,A3a,2019-10,24.0,,\n\
         2,A3a,2019-09,,,\n2,A3a,2019-10,25.0,,\n"
    );
}

#[test]
fn problems_name_the_file_line_and_column() {
    let def = ("wsoa.toml", WSOA);
    let cases: [(&str, &str, &str); 5] = [
        (
            "area,measure,period,value\nDudley,A3a,2019-10,24\nWalsall,A3a,2019-10,12%\n",
            "",
            "t.csv:3: field \"value\": cannot read \"12%\" as a number: write the figure as a plain number",
        ),
        (
            "area,measure,period,value\nDudley,A3a,2019-10,24\nWalsall,A3b,2019-10,25\n",
            "",
            "t.csv:3: field \"measure\": the scorecard has no measure 'A3b'",
        ),
        (
            // A quoted area name holding a line break (lines 2 and 3): the next row begins on
            // line 4, not the 3 its row number would say.
            "area,measure,period,value\n\"Dudley\nMBC\",A3a,2019-10,24\nWalsall,A3a,2019-13,25\n",
            "",
            "t.csv:4: field \"period\": cannot read \"2019-13\" as a period",
        ),
        (
            "la,kpi,month,figure\nDudley,A3a,2019-10,24\n",
            "",
            "t.csv:1: there is no column \"area\" (the header row has: la, kpi, month, figure)",
        ),
        (
            // The caller's own column names, in the messages too.
            "la,kpi,month,figure\nDudley,A3a,2019-10,24\nDudley,A3a,2019-10,25\n",
            "--area=la --measure=kpi --period=month --value=figure",
            "t.csv:3: field \"month\":",
        ),
    ];
    for (i, (csv, flags, want)) in cases.into_iter().enumerate() {
        let d = scratch(&format!("bad{i}"), &[def, ("t.csv", csv)]);
        let mut args = vec!["score", "t.csv", "-s", "wsoa.toml"];
        args.extend(flags.split_whitespace());
        let o = Command::new(env!("CARGO_BIN_EXE_betteroff"))
            .args(&args)
            .current_dir(&d)
            .output()
            .unwrap();
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "case {i}: {err}");
        assert!(err.starts_with(want), "case {i}: {err}");
        assert!(!err.contains("Usage:"), "case {i}");
    }
}

#[test]
fn sql_arguments_and_an_unreachable_server() {
    // --from-sql needs --query (usage, exit 2); a TABLE or --from-sql is needed.
    let o = run(&[
        "score",
        "-s",
        "x.toml",
        "--from-sql",
        "postgresql://a@127.0.0.1:1/db",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("--query <SQL>"));
    // A server that is not there: exit 1, the address without its password.
    let d = scratch("sql", &[("wsoa.toml", WSOA)]);
    let o = run(&[
        "score",
        "-s",
        &p(&d, "wsoa.toml"),
        "--from-sql",
        "postgresql://ana:s3cret@127.0.0.1:1/perf",
        "--query",
        "SELECT 1",
    ]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.starts_with("betteroff: cannot connect to postgresql://ana@127.0.0.1:1/perf: "),
        "{err}"
    );
    assert!(!err.contains("s3cret"));
}

#[test]
fn the_icons_and_their_matrix_by_hand() {
    // Twelve months from May 2019 for two areas. Dudley: 10, 11, 10, 11, ... 10, then 30. Mean
    // 145 / 12 = 12.083333; moving ranges ten of 1 and one of 19, which the screening removes
    // (above 3.267 x 29 / 11), so the mean moving range is 1 and the limits 12.083333 ± 2.66 =
    // 9.423333 to 14.743333; 30 is above the upper limit and lower is better: special cause
    // concern, higher (concern_high). The target, 16, lies above the upper limit: every
    // figure the process gives is under it, so it consistently passes. Walsall: 20, 21 six
    // times: mean 20.5, limits 17.84 to 23.16, no rule; the target 16 lies below the lower
    // limit: it consistently fails.
    let mut csv = String::from("area,measure,period,value\n");
    let dudley = [10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 30];
    for (area, values) in [
        ("Dudley", dudley),
        ("Walsall", [20, 21].repeat(6).try_into().unwrap()),
    ] {
        for (i, v) in values.iter().enumerate() {
            let m = 4 + i; // months after April 2019
            csv.push_str(&format!(
                "{area},A3a,{}-{:02},{v}\n",
                2019 + m / 12,
                m % 12 + 1
            ));
        }
    }
    let d = scratch("icons", &[("wsoa.toml", WSOA), ("t.csv", &csv)]);
    let args = ["score", &p(&d, "t.csv"), "-s", &p(&d, "wsoa.toml")];
    let o = run(&args);
    let out = text(&o.stdout);
    let cells: Vec<Vec<&str>> = out
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    // spc_mean, spc_lower, spc_upper, variation_icon, assurance (columns 13 to 17).
    assert_eq!(
        cells[0][12..17],
        [
            "12.083333333333334",
            "9.423333333333334",
            "14.743333333333334",
            "concern_high",
            "consistent_pass"
        ]
    );
    assert_eq!(
        cells[1][12..17],
        ["20.5", "17.84", "23.16", "common_cause", "consistent_fail"]
    );
    // The matrix: per measure, then per area.
    let o = run(&[&args[..], &["--summary", "measure"]].concat());
    assert_eq!(
        text(&o.stdout),
        "measure,series,common_cause,improvement_high,improvement_low,concern_high,concern_low,\
         neutral_high,neutral_low,no_spc,consistent_pass,consistent_fail,inconsistent,no_assurance\n\
         A3a,2,1,0,0,1,0,0,0,0,1,1,0,0\n"
    );
    let o = run(&[&args[..], &["--summary", "area"]].concat());
    // Dudley has the concern: first.
    assert_eq!(
        text(&o.stdout).lines().skip(1).collect::<Vec<_>>(),
        [
            "Dudley,1,0,0,0,1,0,0,0,0,1,0,0,0",
            "Walsall,1,1,0,0,0,0,0,0,0,0,1,0,0"
        ]
    );
    // Not with --points.
    assert_eq!(
        run(&[&args[..], &["--summary", "area", "--points"]].concat())
            .status
            .code(),
        Some(2)
    );
}
