//! The `betteroff` binary end to end: output, exit codes and error messages.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_betteroff"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// The minimal scorecard every front end's error tests share (line 10 is the measure's id).
const CARD: &str = include_str!("../../tests/fixtures/minimal/scorecard.toml");

/// A scratch scorecard directory with the given files.
fn scratch(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("betteroff-cli-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    for (f, text) in files {
        fs::write(dir.join(f), text).unwrap();
    }
    dir
}

/// Runs `validate` on a scratch directory and returns stderr, asserting exit status 1.
fn invalid(name: &str, files: &[(&str, &str)]) -> String {
    let dir = scratch(name, files);
    let o = run(&["validate", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{name}: {}", stderr(&o));
    let err = stderr(&o);
    // Messages name the file by the path given on the command line.
    err.replace(&format!("{}/", dir.display()), "")
}

#[test]
fn bundled_example_needs_no_files_and_fits_100_columns() {
    let o = run(&["report"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text
        .starts_with("Dorset SEND Strategy 2018-21: Outcomes Based Accountability score card\n"));
    assert!(
        text.contains("[On track]") && text.contains("[Missed]"),
        "status labels are text"
    );
    assert!(!text.contains('\x1b'), "no colour when not a terminal");
    for line in text.lines() {
        assert!(line.chars().count() <= 100, "too wide: {line}");
    }
    // Strategy table 3 in the output: 1,568 -> 1,598 -> 1,676 -> 1,693.
    assert!(
        text.contains("2017 1,568 -> 2020 1,598 (+1.9%) -> 2025 1,676 (+4.9%) -> 2030 1,693 (+1%)")
    );
}

/// `betteroff report examples/dudley-wsoa --as-of 2020-05 --format json`.
#[path = "../../core/tests/common/workbook.rs"]
mod workbook;

#[test]
fn a_workbook_in_the_directory_is_read_as_its_csv_files() {
    // The WSoA's three CSV files as one workbook beside its definition: the golden vector.
    let dir = scratch(
        "workbook",
        &[(
            "scorecard.toml",
            &fs::read_to_string(root().join("examples/dudley-wsoa/scorecard.toml")).unwrap(),
        )],
    );
    fs::write(
        dir.join("wsoa.xlsx"),
        workbook::example(&root().join("examples/dudley-wsoa")),
    )
    .unwrap();
    // Excel's lock file beside an open workbook is not a workbook.
    fs::write(dir.join("~$wsoa.xlsx"), "lock").unwrap();
    let o = run(&[
        "report",
        dir.to_str().unwrap(),
        "--as-of",
        "2020-05",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let golden = fs::read_to_string(root().join("tests/vectors/dudley-wsoa-2020-05.json")).unwrap();
    // The golden vector, but for where each warning's figure came from (a CSV line there, a
    // sheet and cell here).
    let strip = |json: &str| {
        let mut v: serde_json::Value = serde_json::from_str(json).unwrap();
        for w in v["warnings"].as_array_mut().into_iter().flatten() {
            let at = w.as_object_mut().unwrap().remove("location").unwrap();
            assert!(at["file"].is_string());
        }
        v.to_string()
    };
    assert!(
        strip(&stdout(&o)) == strip(&golden),
        "workbook JSON differs from the golden vector"
    );
    assert!(stdout(&o).contains("\"sheet\": \"observations\""));

    let dir = scratch("bad-workbook", &[("scorecard.toml", CARD)]);
    fs::write(dir.join("data.xlsx"), workbook::bad_value()).unwrap();
    let o = run(&["validate", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o).replace(&format!("{}/", dir.display()), "");
    assert!(
        err.contains("data.xlsx, sheet \"observations\", cell C3: field \"value\": \"thirty\" is not a number"),
        "{err}"
    );
    assert!(
        err.contains("data.xlsx, sheet \"observations\", cell A4: field \"measure\": unknown measure id \"x\""),
        "{err}"
    );
}

fn wsoa_json() -> Output {
    run(&[
        "report",
        "examples/dudley-wsoa",
        "--as-of",
        "2020-05",
        "--format",
        "json",
    ])
}

#[test]
fn json_output_is_the_golden_vector() {
    let o = wsoa_json();
    assert!(o.status.success(), "{}", stderr(&o));
    let golden = fs::read_to_string(root().join("tests/vectors/dudley-wsoa-2020-05.json")).unwrap();
    assert!(
        stdout(&o) == golden,
        "CLI JSON differs from tests/vectors/dudley-wsoa-2020-05.json"
    );
}

#[test]
fn output_file_and_validate() {
    let out = std::env::temp_dir().join(format!("betteroff-cli-{}-out.json", std::process::id()));
    let o = run(&[
        "report",
        "examples/dorset",
        "--format=json",
        "--output",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let written = fs::read_to_string(&out).unwrap();
    assert!(written.starts_with("{\n  \"schema\": \"betteroff.report/2\","));
    let o = run(&["validate", "examples/dudley-wsoa"]);
    assert_eq!(stdout(&o), "examples/dudley-wsoa: valid: 14 sections, 38 measures, 117 observations, 166 comparator values, 134 actions\n");
}

#[test]
fn the_breakdown_and_turn_the_curve_tables_as_csv() {
    // The core's breakdowns_csv and turn_the_curve_csv, byte for byte.
    let o = run(&[
        "report",
        "examples/stockton",
        "--format",
        "csv",
        "--table",
        "breakdowns",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<String> = stdout(&o).lines().map(str::to_string).collect();
    assert_eq!(
        lines[0],
        "measure,dimension,category,period,value,symbol,share_pct,change,change_from"
    );
    // 449 of 1,383 EHC plans for 5-10s in 2022-Q4, 8 more than 2022-Q3's 441.
    assert!(
        lines.contains(&"ehcp-count,age_group,5-10,2022-Q4,449,,32.465654,8,2022-Q3".to_string())
    );
    let o = run(&[
        "report",
        "examples/dudley-wsoa",
        "--as-of",
        "2020-05",
        "--format=csv",
        "--table=turn-the-curve",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("\n2.A3a,Partners,SEND Manager DMBC\n"));
    // A table belongs to CSV; an unknown one is a usage error.
    for args in [
        &["report", "examples/stockton", "--table", "breakdowns"][..],
        &[
            "report",
            "examples/stockton",
            "--format",
            "csv",
            "--table",
            "ages",
        ][..],
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn bad_usage_exits_2() {
    for args in [
        &["frobnicate"][..],
        &["report", "--as-of", "2020-13"][..],
        &["report", "--format", "pdf"][..],
        &["report", "--as-of"][..],
        &["validate"][..],
        &["report", "no/such/dir"][..],
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        // clap's form: the problem, then (for most) the usage, then where help is.
        let err = stderr(&o);
        assert!(err.starts_with("error: "), "{args:?}: {err}");
        assert!(
            err.contains("For more information, try '--help'."),
            "{args:?}"
        );
    }
    let o = run(&["report", "--as-of", "2020-13"]);
    assert!(stderr(&o).starts_with(
        "error: invalid value '2020-13' for '--as-of <PERIOD>': cannot read \"2020-13\" as a period: month must be 1 to 12"
    ));
    // No command: the help, on stderr, exit 2.
    let o = run(&[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("Usage: betteroff [OPTIONS] <COMMAND>"));
    // An error found after parsing shows the subcommand's usage, as clap's own do.
    let o = run(&["report", "no/such/dir"]);
    assert_eq!(
        stderr(&o),
        "error: no/such/dir is not a directory\n\nUsage: betteroff report [OPTIONS] [DIR]\n\nFor more information, try '--help'.\n"
    );
}

#[test]
fn unknown_measure_id_in_a_csv() {
    let err = invalid(
        "unknown",
        &[
            ("scorecard.toml", CARD),
            (
                "observations.csv",
                "measure,period,value\nm,2019-04,32\nx9,2019-05,30\n",
            ),
        ],
    );
    assert!(
        err.starts_with("observations.csv:3: field \"measure\": unknown measure id \"x9\""),
        "{err}"
    );
    assert!(err.ends_with("betteroff: 1 problem found\n"), "{err}");
}

#[test]
fn unparseable_period() {
    let err = invalid(
        "period",
        &[
            ("scorecard.toml", CARD),
            (
                "observations.csv",
                "measure,period,value\nm,04/30/2019,32\n",
            ),
        ],
    );
    assert!(
        err.starts_with(
            "observations.csv:2: field \"period\": cannot read \"04/30/2019\" as a period: no such date (read day first, as in the UK"
        ),
        "{err}"
    );
}

#[test]
fn nan_value() {
    let err = invalid(
        "nan",
        &[
            ("scorecard.toml", CARD),
            ("observations.csv", "measure,period,value\nm,2019-04,NaN\n"),
        ],
    );
    assert!(
        err.starts_with("observations.csv:2: field \"value\": \"NaN\" is not a finite number"),
        "{err}"
    );
}

#[test]
fn duplicate_observation() {
    let err = invalid(
        "dup",
        &[
            ("scorecard.toml", CARD),
            (
                "observations.csv",
                "measure,period,value\nm,2019-04,32\nm,2019-04,31\n",
            ),
        ],
    );
    assert!(err.contains("observations.csv:3: field \"period\": duplicate observation for measure \"m\" and period 2019-04: first given at"), "{err}");
}

#[test]
fn relative_target_on_a_zero_baseline() {
    // Stated in the definition...
    let stated = CARD.replace(
        "baseline = { period = \"2019-04\" }",
        "baseline = { period = \"2019-04\", value = 0 }",
    );
    let err = invalid("zero-stated", &[("scorecard.toml", &stated)]);
    assert!(err.starts_with("scorecard.toml:10: field \"baseline.value\": measure \"m\": a relative target on a zero baseline"), "{err}");
    // ...or taken from the data.
    let err = invalid(
        "zero-data",
        &[
            ("scorecard.toml", CARD),
            ("observations.csv", "measure,period,value\nm,2019-04,0\n"),
        ],
    );
    assert!(err.starts_with("observations.csv:2: field \"value\": measure \"m\": this observation is the baseline of a relative target, and it is zero"), "{err}");
}

#[test]
fn target_date_before_its_baseline() {
    let card = CARD.replace("due = \"2020-05\"", "due = \"2019-01\"");
    let err = invalid("due", &[("scorecard.toml", &card)]);
    assert!(err.starts_with("scorecard.toml:10: field \"target.due\": measure \"m\": the target's due date 2019-01 does not come after its baseline period 2019-04"), "{err}");
}

#[test]
fn every_problem_is_listed_not_just_the_first() {
    let err = invalid(
        "many",
        &[
            ("scorecard.toml", CARD),
            (
                "observations.csv",
                "measure,period,value\nx,2019-04,1\nm,2019-13,2\nm,2019-05,inf\n",
            ),
            (
                "actions.csv",
                "id,title,due,status\nA1,Do it,2020-01,finished\n",
            ),
        ],
    );
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 5, "{err}");
    assert!(lines[0].starts_with("observations.csv:2"));
    assert!(lines[1].starts_with("observations.csv:3"));
    assert!(lines[2].starts_with("observations.csv:4"));
    assert!(lines[3].starts_with("actions.csv:2: field \"status\""));
    assert_eq!(lines[4], "betteroff: 4 problems found");
}

#[test]
fn invalid_utf8_and_missing_definition() {
    let dir = scratch("utf8", &[("scorecard.toml", CARD)]);
    fs::write(
        dir.join("observations.csv"),
        b"measure,period,value\nm,2019-04,\xff\n",
    )
    .unwrap();
    let o = run(&["validate", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("observations.csv:2: the file is not valid UTF-8"),
        "{}",
        stderr(&o)
    );
    let empty = scratch("empty", &[]);
    let o = run(&["validate", empty.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("has no scorecard.toml or scorecard.json"));
}

#[test]
fn every_format_and_the_chart_command() {
    for (format, start) in [
        ("markdown", "# Dudley Local Area SEND"),
        ("html", "<!DOCTYPE html>"),
        ("csv", "section,id,name,"),
        ("text", "Dudley Local Area SEND"),
    ] {
        let o = run(&[
            "report",
            "examples/dudley-wsoa",
            "--as-of",
            "2020-05",
            "--format",
            format,
        ]);
        assert!(o.status.success(), "{format}: {}", stderr(&o));
        assert!(stdout(&o).starts_with(start), "{format}");
    }
    let md = run(&[
        "report",
        "examples/dudley-wsoa",
        "--as-of",
        "2020-05",
        "--format",
        "markdown",
    ]);
    let golden = fs::read_to_string(root().join("tests/vectors/dudley-wsoa-2020-05.md")).unwrap();
    assert!(
        stdout(&md) == golden,
        "CLI Markdown differs from the golden file"
    );
    let svg = run(&[
        "chart",
        "examples/dudley-wsoa",
        "2.A3a",
        "--as-of",
        "2020-05",
    ]);
    assert!(svg.status.success(), "{}", stderr(&svg));
    let svg = stdout(&svg);
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    // 32% (April 2019) to 16% by May 2020; 17% in May 2020.
    assert!(
        svg.contains(">Baseline 32%</text>")
            && svg.contains(">Target 16%</text>")
            && svg.contains(">Actual 17%</text>")
    );
    let again = stdout(&run(&[
        "chart",
        "examples/dudley-wsoa",
        "2.A3a",
        "--as-of",
        "2020-05",
    ]));
    assert_eq!(svg, again, "the same chart twice is the same bytes");
}

#[test]
fn month_start_dates_score_as_months() {
    // core/tests/dates.rs's trap through the CLI: 2019-04-01 in a monthly measure is April.
    let monthly = CARD.replace(
        "polarity = \"lower_is_better\"\n",
        "polarity = \"lower_is_better\"\nfrequency = \"monthly\"\n",
    );
    let dir = scratch(
        "dates",
        &[
            ("scorecard.toml", &monthly),
            (
                "observations.csv",
                "measure,period,value\nm,2019-04-01,32\nm,2019-10-01,25\n",
            ),
        ],
    );
    let o = run(&["report", dir.to_str().unwrap(), "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json = stdout(&o);
    assert!(
        json.contains("\"status\": \"at_risk\"") && json.contains("\"expected\": 24.584383"),
        "{json}"
    );
    assert!(json.contains("\"period\": \"2019-10\""));
    // Without a frequency the same days are read as months, with a warning that validate
    // prints and --strict refuses (exit 1).
    let dir = scratch(
        "dates-warn",
        &[
            ("scorecard.toml", CARD),
            (
                "observations.csv",
                "measure,period,value\nm,2019-04-01,32\nm,2019-10-01,25\n",
            ),
        ],
    );
    let o = run(&["validate", dir.to_str().unwrap()]);
    assert!(o.status.success());
    assert!(
        stderr(&o).starts_with("warning: m: No frequency is given;"),
        "{}",
        stderr(&o)
    );
    let o = run(&["validate", dir.to_str().unwrap(), "--strict"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("(warning inferred_frequency, refused in a strict run)"),
        "{}",
        stderr(&o)
    );
    let o = run(&["report", dir.to_str().unwrap(), "--strict"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn chart_usage_errors() {
    let o = run(&["chart", "examples/dudley-wsoa", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o)
            .contains("examples/dudley-wsoa: no measure \"nope\"; measures include: 1.B3, 1.B4"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        run(&["chart", "examples/dudley-wsoa"]).status.code(),
        Some(2)
    );
    // A measure without SPC: the same reason as the JSON report's spc_missing, exit 1, no
    // usage text. 2.A3a has 3 figures by May 2020, fewer than the default 12.
    let o = run(&[
        "chart",
        "examples/dudley-wsoa",
        "2.A3a",
        "--as-of",
        "2020-05",
        "--spc",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let json = stdout(&wsoa_json());
    let why =
        "No SPC: 3 figure(s), fewer than the 12 the scorecard asks for (analysis.spc_min_points).";
    assert!(json.contains(&format!("\"spc_missing\": \"{why}\"")));
    assert_eq!(
        stderr(&o),
        format!("betteroff: measure \"2.A3a\" has no SPC chart. {why}\n")
    );
    let o = run(&["report", "--format", "pdf"]);
    assert!(stderr(&o).contains(
        "error: invalid value 'pdf' for '--format <FORMAT>'\n  [possible values: text, markdown, html, json, csv, xlsx]"
    ));
}

#[test]
fn the_bad_input_catalogue_through_the_cli() {
    // tests/bad-input/cases.json: `validate` exits 1 with the catalogue's message, or 0.
    let doc: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(root().join("tests/bad-input/cases.json")).unwrap(),
    )
    .unwrap();
    for c in doc["cases"].as_array().unwrap() {
        let id = c["id"].as_str().unwrap();
        if c.get("front_ends")
            .and_then(|f| f.as_array())
            .is_some_and(|f| !f.iter().any(|x| x == "cli"))
        {
            continue;
        }
        let dir = scratch(&format!("catalogue-{id}"), &[]);
        for (name, v) in c["files"].as_object().unwrap() {
            let bytes: Vec<u8> = match v {
                serde_json::Value::String(s) => s.clone().into_bytes(),
                o => {
                    let hex = o["hex"].as_str().unwrap();
                    (0..hex.len())
                        .step_by(2)
                        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
                        .collect()
                }
            };
            fs::write(dir.join(name), bytes).unwrap();
        }
        let o = run(&["validate", dir.to_str().unwrap()]);
        let err = stderr(&o).replace(&format!("{}/", dir.display()), "");
        if c["expect"]["ok"].as_bool().unwrap() {
            assert!(o.status.success(), "{id}: {err}");
            // validate prints each warning: "warning: measure: message (where)".
            let warned = err.lines().filter(|l| l.starts_with("warning: ")).count();
            let want = c["expect"]
                .get("warnings")
                .and_then(|w| w.as_array())
                .map_or(0, Vec::len);
            assert_eq!(warned, want, "{id}: {err}");
            for w in c["expect"]
                .get("warnings")
                .and_then(|w| w.as_array())
                .into_iter()
                .flatten()
            {
                let line = format!(
                    "warning: {}: {}",
                    w["measure"].as_str().unwrap(),
                    w["message"].as_str().unwrap()
                );
                assert!(err.contains(&line), "{id}:\n  got  {err}\n  want {line}");
            }
        } else {
            assert_eq!(o.status.code(), Some(1), "{id}: {err}");
            let want = c["expect"]["message"].as_str().unwrap();
            assert!(err.starts_with(want), "{id}:\n  got  {err}\n  want {want}");
        }
        assert!(!err.contains("panicked"), "{id}: {err}");
    }
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
    // A 300 MB file (sparse: no disk used) against the default limit of 256 MB.
    let dir = scratch("huge", &[("scorecard.toml", CARD)]);
    let f = fs::File::create(dir.join("observations.csv")).unwrap();
    f.set_len(300 << 20).unwrap();
    let o = run(&["validate", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("observations.csv: the file is 300.0 MB, over the limit of 256.0 MB"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_file_that_claims_no_size_is_read_only_to_the_limit() {
    // /dev/zero reports a size of 0 and never ends: the read stops at the limit, with an error,
    // instead of filling memory.
    let dir = scratch("endless", &[("scorecard.toml", CARD)]);
    std::os::unix::fs::symlink("/dev/zero", dir.join("observations.csv")).unwrap();
    let o = run(&["validate", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(
            "observations.csv: the file is larger than the limit of 256.0 MB (reading stopped there)"
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn init_makes_a_scorecard_validate_accepts_and_never_overwrites() {
    let dir = std::env::temp_dir().join(format!("betteroff-cli-{}-init", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    let d = dir.to_str().unwrap();
    let o = run(&["init", d]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with(&format!("created {d}: scorecard.toml, observations.csv")));
    // Valid as it is, strictly: three measures under one priority, no figures yet.
    let v = run(&["validate", d, "--strict"]);
    assert!(v.status.success(), "{}", stderr(&v));
    assert!(stdout(&v).contains("valid: 1 sections, 3 measures"));
    // The definition's comments carry every turn-the-curve prompt, from the reports' one list.
    let toml = fs::read_to_string(dir.join("scorecard.toml")).unwrap();
    for (field, question) in betteroff::TurnTheCurve::PROMPTS {
        assert!(
            toml.contains(&format!("#   {field}: {question}")),
            "{field}"
        );
    }
    for kind in ["how_much", "how_well", "better_off"] {
        assert!(toml.contains(&format!("kind = \"{kind}\"")), "{kind}");
    }
    // A second init into the same folder is refused (exit 1), the files untouched.
    fs::write(
        dir.join("observations.csv"),
        "measure,period,value\np1-how-much,2025-Q1,12\n",
    )
    .unwrap();
    let again = run(&["init", d]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("exists and is not empty"));
    assert!(fs::read_to_string(dir.join("observations.csv"))
        .unwrap()
        .contains("2025-Q1,12"));
    // Usage errors are exit 2.
    assert_eq!(run(&["init"]).status.code(), Some(2));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn init_from_an_example_copies_a_scorecard_that_scores_the_same() {
    let dir = std::env::temp_dir().join(format!("betteroff-cli-{}-init-from", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    let d = dir.to_str().unwrap();
    let o = run(&["init", d, "--from", "examples/stockton"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json = |args: &[&str]| -> serde_json::Value {
        let o = run(args);
        assert!(o.status.success(), "{}", stderr(&o));
        let mut v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        // Where each warning's figure came from names the folder.
        v.as_object_mut().unwrap().remove("warnings");
        v
    };
    assert_eq!(
        json(&["report", d, "--format", "json"]),
        json(&["report", "examples/stockton", "--format", "json"])
    );
    // A folder with no definition to copy is refused before anything is made.
    let nowhere = dir.join("nothing");
    let o = run(&["init", nowhere.to_str().unwrap(), "--from", "cli"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("holds no scorecard.toml or scorecard.json to copy"));
    assert!(!nowhere.exists());
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn the_xlsx_report_reads_back_to_the_csv_figures() {
    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
    let out =
        std::env::temp_dir().join(format!("betteroff-cli-{}-report.xlsx", std::process::id()));
    let o = run(&[
        "report",
        "examples/dudley-wsoa",
        "--as-of",
        "2020-05",
        "--format",
        "xlsx",
        "--output",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = stdout(&run(&[
        "report",
        "examples/dudley-wsoa",
        "--as-of",
        "2020-05",
        "--format",
        "csv",
    ]));
    let mut book: Xlsx<_> =
        open_workbook_from_rs(std::io::Cursor::new(fs::read(&out).unwrap())).unwrap();
    let names = book.sheet_names();
    assert_eq!(&names[..2], ["Summary", "Measures"]);
    assert_eq!(names.last().map(String::as_str), Some("SPC"));
    assert!(names.contains(&"area-2".to_string()), "{names:?}");
    let sheet = book.worksheet_range("Measures").unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let rows: Vec<Vec<Data>> = sheet.rows().map(<[Data]>::to_vec).collect();
    assert_eq!(
        rows[0].iter().map(|d| d.to_string()).collect::<Vec<_>>(),
        header,
        "the CSV's columns"
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len() - 1, records.len());
    for (row, rec) in rows[1..].iter().zip(&records) {
        for (cell, (name, want)) in row.iter().zip(header.iter().zip(rec.iter())) {
            match cell {
                // Numbers are numbers, equal to the CSV's figures.
                Data::Float(x) => assert_eq!(*x, want.parse::<f64>().unwrap(), "{name}"),
                Data::Int(x) => assert_eq!(*x as f64, want.parse::<f64>().unwrap(), "{name}"),
                Data::Empty => assert_eq!(want, "", "{name}"),
                other => {
                    // Text as the CSV has it (which guards a leading = with a quote).
                    let text = other.to_string();
                    assert!(
                        want == text || want.trim_start_matches('\'') == text,
                        "{name}: {text:?} vs {want:?}"
                    );
                }
            }
        }
    }
    // The summary counts every measure.
    let summary = book.worksheet_range("Summary").unwrap();
    assert_eq!(summary.get_value((4, 1)), Some(&Data::Float(38.0)));
    let _ = fs::remove_file(&out);
}
