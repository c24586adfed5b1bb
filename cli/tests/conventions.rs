//! The command line's conventions: help on every subcommand, completions and man pages from the
//! same definitions, --version, --quiet, --color and NO_COLOR, usage versus data errors.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn run_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_betteroff"));
    c.args(args).current_dir(root()).env_remove("NO_COLOR");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("the binary runs")
}

fn run(args: &[&str]) -> Output {
    run_env(args, &[])
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

const SUBCOMMANDS: [&str; 7] = [
    "report",
    "chart",
    "validate",
    "init",
    "score",
    "completions",
    "man",
];

#[test]
fn every_subcommand_has_help() {
    for sub in SUBCOMMANDS {
        for args in [[sub, "--help"], ["help", sub]] {
            let o = run(&args);
            assert_eq!(o.status.code(), Some(0), "{args:?}: {}", text(&o.stderr));
            let out = text(&o.stdout);
            assert!(
                out.contains(&format!("Usage: betteroff {sub} ")),
                "{args:?}: {out}"
            );
        }
    }
    // The top-level help lists every subcommand and the exit codes.
    let out = text(&run(&["--help"]).stdout);
    for sub in SUBCOMMANDS {
        assert!(out.contains(&format!("\n  {sub} ")), "{sub} missing: {out}");
    }
    assert!(out.contains("Exit status:\n  0  done\n  1  the input is invalid"));
    let o = run(&["--version"]);
    assert_eq!(
        text(&o.stdout),
        format!("betteroff {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn completions_for_bash_zsh_and_fish() {
    let bash = run(&["completions", "bash"]);
    assert!(bash.status.success());
    let script = text(&bash.stdout);
    assert!(script.contains("complete -F _betteroff"));
    // Every subcommand and a subcommand's option are completed.
    for w in SUBCOMMANDS
        .iter()
        .chain(&["--no-disclosure-control", "--from-sql"])
    {
        assert!(script.contains(w), "bash completion lacks {w}");
    }
    // The script is valid bash.
    let dir = std::env::temp_dir().join(format!("betteroff-completions-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("betteroff.bash");
    std::fs::write(&file, &script).unwrap();
    let check = Command::new("bash").arg("-n").arg(&file).output().unwrap();
    assert!(check.status.success(), "{}", text(&check.stderr));
    let zsh = text(&run(&["completions", "zsh"]).stdout);
    assert!(zsh.starts_with("#compdef betteroff\n"));
    assert!(zsh.contains("'--as-of=[The reporting period"));
    let fish = text(&run(&["completions", "fish"]).stdout);
    assert!(fish
        .contains("complete -c betteroff -n \"__fish_betteroff_needs_command\" -f -a \"score\""));
    // An unknown shell is a usage error.
    assert_eq!(run(&["completions", "tcsh"]).status.code(), Some(2));
}

#[test]
fn man_pages_for_betteroff_and_each_subcommand() {
    let page = text(&run(&["man"]).stdout);
    assert!(page.contains(&format!(
        ".TH betteroff 1  \"betteroff {}\"",
        env!("CARGO_PKG_VERSION")
    )));
    assert!(page.contains("Exit status:"));
    for sub in ["report", "score"] {
        let page = text(&run(&["man", sub]).stdout);
        assert!(page.contains(&format!(".TH betteroff-{sub} 1")), "{sub}");
    }
    let page = text(&run(&["man", "score"]).stdout);
    assert!(page.contains("\\-\\-from\\-sql"));
    let o = run(&["man", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).starts_with(
        "error: no subcommand \"nope\" (there are: report, chart, validate, init, score, completions, man)"
    ));
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let esc = |o: &Output| o.stdout.contains(&0x1b);
    // Not a terminal here: auto gives none, always gives colour, NO_COLOR does not override an
    // explicit always, never gives none.
    assert!(!esc(&run(&["report"])));
    assert!(esc(&run(&["report", "--color", "always"])));
    assert!(esc(&run_env(
        &["report", "--color=always"],
        &[("NO_COLOR", "1")]
    )));
    assert!(!esc(&run(&["report", "--color", "never"])));
    // Colour is for the text report only.
    assert!(!esc(&run(&[
        "report", "--color", "always", "--format", "markdown"
    ])));
    assert_eq!(
        run(&["report", "--color", "sometimes"]).status.code(),
        Some(2)
    );
}

#[test]
fn quiet_leaves_only_the_output_and_the_warnings() {
    let dir = std::env::temp_dir().join(format!("betteroff-quiet-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let d = dir.to_str().unwrap();
    let o = run(&["init", d, "--quiet"]);
    assert!(o.status.success());
    assert_eq!((o.stdout.len(), o.stderr.len()), (0, 0));
    let o = run(&["-q", "validate", d]);
    assert!(o.status.success());
    assert_eq!((o.stdout.len(), o.stderr.len()), (0, 0));
    // Warnings are never hidden: Dudley's WSoA has some (docs/bad-input.md).
    let loud = run(&["validate", "examples/dudley-wsoa"]);
    let quiet = run(&["validate", "examples/dudley-wsoa", "--quiet"]);
    assert!(text(&loud.stderr).contains("warning: "));
    assert_eq!(text(&quiet.stderr), text(&loud.stderr));
    assert!(quiet.stdout.is_empty() && !loud.stdout.is_empty());
    // The report itself is unchanged by --quiet.
    assert_eq!(run(&["report", "-q"]).stdout, run(&["report"]).stdout);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn usage_errors_show_usage_and_data_errors_do_not() {
    // Usage: exit 2, the usage.
    let o = run(&["report", "--order", "alphabetical"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("[possible values: plan, exceptions]"));
    let o = run(&["report", "examples/stockton", "--format", "xlsx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).starts_with(
        "error: --format xlsx writes a workbook: give --output FILE.xlsx\n\nUsage: betteroff report"
    ));
    // Data: exit 1, the problem, no usage.
    let o = run(&[
        "chart",
        "examples/dudley-wsoa",
        "2.A3a",
        "--as-of",
        "2020-05",
        "--spc",
    ]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(!err.contains("Usage:"), "{err}");
    assert!(err.starts_with("betteroff: measure \"2.A3a\" has no SPC chart."));
}
