//! `betteroff`: score an outcomes-based accountability scorecard from the command line.
//!
//! Exit status: 0 on success, 1 when the input is invalid (every problem on stderr),
//! 2 on bad usage.

use betteroff::render::Format;
use betteroff::{borrow_file, Errors, Period, Scorecard, Sources};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod init;
mod progress;
mod xlsx;

const USAGE: &str = "\
betteroff: outcomes-based accountability scorecards

Usage:
  betteroff report [DIR] [--as-of PERIOD] [--format FORMAT] [--table TABLE] [--output FILE]
                   [--order plan|exceptions] [--only STATUS,...]
                   [--no-disclosure-control] [--strict]
  betteroff chart DIR MEASURE_ID [--spc] [--as-of PERIOD] [--output FILE.svg]
  betteroff validate DIR [--strict]
  betteroff init DIR [--from EXAMPLE_DIR]
  betteroff --help | --version

FORMAT is text (the default), markdown, html, json, csv or xlsx (a workbook: a summary sheet, every
measure, a sheet per section and the SPC matrix, with --output FILE.xlsx). With csv, TABLE chooses the rows:
measures (the default, one row per measure), breakdowns (one per category of each measure's
current period, with shares and changes), turn-the-curve (one per item of each measure's
story, partners, what works, actions, data development and commentary) or spc (the Making Data
Count summary matrix: one per measure with SPC, concern first). `chart` writes a
measure's turn-the-curve chart as SVG (to stdout without --output); with --spc, its SPC chart.

`init` makes a new scorecard folder that validate accepts as it is: a definition whose comments
say what each field means (a priority, a measure for each of the three questions, the
turn-the-curve prompts) and the data files with their headers; with --from, a copy of another
scorecard folder's files (examples/stockton). It never overwrites: DIR must be new or empty.

For a board pack, --order exceptions lists each section's measures missed, off track, special
cause concern and at risk first; --only off_track,at_risk lists only measures of those
statuses (names as in the JSON: achieved, on_track, at_risk, off_track, missed, no_target,
no_data, suppressed, to_be_developed); the report says so, and its summary counts every measure.

DIR holds scorecard.toml (or scorecard.json) and, optionally, observations.csv,
comparators.csv, actions.csv and commentary.csv. Without DIR, `report` uses the bundled Dorset example.
PERIOD is written as in the data: 2020-05, 2020-Q1, 2020, 2019/20, FY2019/20, Autumn 2019,
2020-05-31. Without --as-of, the latest period with an observation is used.
Small counts (1 to 4) and every figure that would reveal them are withheld from what is
published (symbol c); --no-disclosure-control shows the true figures, for internal use only,
and the report says so. Valid but suspicious input (dates read as months, percentages given
as proportions, a baseline period with no figure) is listed as warnings in every format and by
validate; --strict refuses it (exit 1). Colour is used only on a terminal, and never when NO_COLOR is set. A progress bar is shown
on stderr for long runs, only when stderr is a terminal.";

/// The bundled example, so that `betteroff report` works with no files at all.
const DORSET: [(&str, &str); 3] = [
    (
        "examples/dorset/scorecard.toml",
        include_str!("../../examples/dorset/scorecard.toml"),
    ),
    (
        "examples/dorset/observations.csv",
        include_str!("../../examples/dorset/observations.csv"),
    ),
    (
        "examples/dorset/comparators.csv",
        include_str!("../../examples/dorset/comparators.csv"),
    ),
];

enum Failure {
    Usage(String),
    Invalid(Errors),
    Io(String),
    /// The data cannot give what was asked for (exit 1, no usage text).
    Data(String),
}

struct ReportArgs {
    dir: Option<PathBuf>,
    /// For `chart`: the measure to draw, and whether to draw its SPC chart.
    measure: Option<String>,
    spc: bool,
    /// Publish every true figure (internal use).
    no_disclosure: bool,
    /// Refuse warnings.
    strict: bool,
    as_of: Option<Period>,
    format: Format,
    /// `--format xlsx`: an Excel workbook (the CLI's own format).
    xlsx: bool,
    /// With csv: which table.
    table: Option<Table>,
    /// The board pack's order and filter.
    order: betteroff::report::view::Order,
    only: Vec<betteroff::Status>,
    output: Option<PathBuf>,
}

/// The tables `report --format csv --table` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Table {
    Measures,
    Breakdowns,
    TurnTheCurve,
    Spc,
}

impl Table {
    fn parse(s: &str) -> Option<Self> {
        match s {
            "measures" => Some(Table::Measures),
            "breakdowns" => Some(Table::Breakdowns),
            "turn-the-curve" => Some(Table::TurnTheCurve),
            "spc" => Some(Table::Spc),
            _ => None,
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(msg)) => {
            eprintln!("betteroff: {msg}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Invalid(errors)) => {
            eprintln!("{errors}");
            let n = errors.len();
            eprintln!(
                "betteroff: {n} problem{} found",
                if n == 1 { "" } else { "s" }
            );
            ExitCode::from(1)
        }
        Err(Failure::Io(msg) | Failure::Data(msg)) => {
            eprintln!("betteroff: {msg}");
            ExitCode::from(1)
        }
    }
}

fn run(args: &[String]) -> Result<(), Failure> {
    match args.first().map(String::as_str) {
        Some("report") => report(parse_report_args(&args[1..])?),
        Some("chart") => chart(parse_report_args(&args[1..])?),
        Some("validate") => match &args[1..] {
            [dir] if !dir.starts_with('-') => validate(Path::new(dir), false),
            [dir, s] | [s, dir] if s == "--strict" && !dir.starts_with('-') => {
                validate(Path::new(dir), true)
            }
            _ => Err(Failure::Usage(
                "validate takes exactly one DIR (and --strict)".into(),
            )),
        },
        Some("init") => {
            let (dir, from) = match &args[1..] {
                [dir] if !dir.starts_with('-') => (dir, None),
                [dir, f, from] | [f, from, dir] if f == "--from" && !dir.starts_with('-') => {
                    (dir, Some(Path::new(from.as_str())))
                }
                _ => {
                    return Err(Failure::Usage(
                        "init takes a new DIR (and --from EXAMPLE_DIR)".into(),
                    ))
                }
            };
            let written = init::init(Path::new(dir), from).map_err(Failure::Io)?;
            println!(
                "created {dir}: {}
next: edit {dir}/scorecard.toml, add figures to {dir}/observations.csv, then betteroff validate {dir}",
                written.join(", ")
            );
            Ok(())
        }
        Some("--help" | "-h" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        Some("--version" | "-V") => {
            println!("betteroff {}", env!("CARGO_PKG_VERSION"));
            Ok(())
        }
        Some(other) => Err(Failure::Usage(format!("unknown command {other:?}"))),
        None => Err(Failure::Usage("no command given".into())),
    }
}

fn parse_report_args(args: &[String]) -> Result<ReportArgs, Failure> {
    let mut out = ReportArgs {
        dir: None,
        measure: None,
        spc: false,
        no_disclosure: false,
        strict: false,
        as_of: None,
        format: Format::Text,
        xlsx: false,
        table: None,
        order: betteroff::report::view::Order::Plan,
        only: Vec::new(),
        output: None,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| it.next().cloned())
                .ok_or_else(|| Failure::Usage(format!("{name} needs a value")))
        };
        match flag {
            "--as-of" => {
                let v = value("--as-of")?;
                out.as_of = Some(
                    v.parse()
                        .map_err(|e| Failure::Usage(format!("--as-of: {e}")))?,
                );
            }
            "--format" => {
                let v = value("--format")?;
                if v == "xlsx" {
                    out.xlsx = true;
                } else {
                    out.format = Format::parse(&v).ok_or_else(|| {
                        Failure::Usage(format!(
                            "unknown format {v:?}: expected {} or xlsx",
                            Format::NAMES
                        ))
                    })?;
                }
            }
            "--table" => {
                let v = value("--table")?;
                out.table = Some(Table::parse(&v).ok_or_else(|| {
                    Failure::Usage(format!(
                        "unknown table {v:?}: expected measures, breakdowns, turn-the-curve or spc"
                    ))
                })?);
            }
            "--order" => {
                let v = value("--order")?;
                out.order = betteroff::report::view::Order::parse(&v).ok_or_else(|| {
                    Failure::Usage(format!("unknown order {v:?}: expected plan or exceptions"))
                })?;
            }
            "--only" => {
                let v = value("--only")?;
                out.only = betteroff::report::view::parse_statuses(&v)
                    .map_err(|e| Failure::Usage(format!("--only: {e}")))?;
            }
            "--spc" => out.spc = true,
            "--no-disclosure-control" => out.no_disclosure = true,
            "--strict" => out.strict = true,
            "--output" | "-o" => out.output = Some(PathBuf::from(value("--output")?)),
            f if f.starts_with('-') => return Err(Failure::Usage(format!("unknown option {f:?}"))),
            _ if out.dir.is_none() => out.dir = Some(PathBuf::from(arg)),
            _ if out.measure.is_none() => out.measure = Some(arg.clone()),
            _ => return Err(Failure::Usage(format!("unexpected argument {arg:?}"))),
        }
    }
    Ok(out)
}

fn report(args: ReportArgs) -> Result<(), Failure> {
    if let Some(extra) = &args.measure {
        return Err(Failure::Usage(format!("unexpected argument {extra:?}")));
    }
    if args.spc {
        return Err(Failure::Usage("--spc belongs to the chart command".into()));
    }
    if args.table.is_some() && args.format != Format::Csv {
        return Err(Failure::Usage(
            "--table chooses a CSV table: give --format csv".into(),
        ));
    }
    let card = match &args.dir {
        Some(dir) => load_dir(dir)?,
        None => load_bundled()?,
    };
    let report = score(&card, args.as_of, !args.no_disclosure)?;
    let report = if args.strict {
        report.strict().map_err(Failure::Invalid)?
    } else {
        report
    };
    let report = report.ordered(args.order).only(&args.only);
    let colour = args.format == Format::Text
        && args.output.is_none()
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    if args.xlsx {
        let Some(path) = args.output.as_deref() else {
            return Err(Failure::Usage(
                "--format xlsx writes a workbook: give --output FILE.xlsx".into(),
            ));
        };
        let bytes = xlsx::workbook(&report).map_err(Failure::Io)?;
        return std::fs::write(path, bytes)
            .map_err(|e| Failure::Io(format!("cannot write {}: {e}", path.display())));
    }
    if args.format == Format::Json {
        // Streamed: the JSON of a large scorecard is many times its input.
        return write_json(args.output.as_deref(), &report);
    }
    let text = match args.table {
        Some(Table::Breakdowns) => betteroff::render::breakdowns_csv(&report),
        Some(Table::TurnTheCurve) => betteroff::render::turn_the_curve_csv(&report),
        Some(Table::Spc) => betteroff::render::spc_matrix_csv(&report),
        Some(Table::Measures) | None => betteroff::render::render(&report, args.format, colour),
    };
    write_out(args.output.as_deref(), &text)
}

fn write_json(path: Option<&Path>, report: &betteroff::Report) -> Result<(), Failure> {
    match path {
        Some(path) => std::fs::File::create(path)
            .and_then(|f| report.write_json(f))
            .map_err(|e| Failure::Io(format!("cannot write {}: {e}", path.display()))),
        None => {
            // A closed pipe (`| head`) is not an error worth reporting.
            let _ = report.write_json(std::io::stdout().lock());
            Ok(())
        }
    }
}

fn chart(args: ReportArgs) -> Result<(), Failure> {
    let (Some(dir), Some(id)) = (&args.dir, &args.measure) else {
        return Err(Failure::Usage("chart takes a DIR and a MEASURE_ID".into()));
    };
    if args.format != Format::Text {
        return Err(Failure::Usage(
            "chart writes SVG; it takes no --format".into(),
        ));
    }
    let card = load_dir(dir)?;
    let report = score(&card, args.as_of, !args.no_disclosure)?;
    let m = report
        .find_measure(id)
        .map_err(|e| Failure::Usage(format!("{}: {}", dir.display(), e.message())))?;
    let svg = if args.spc {
        betteroff::render::spc_chart(m).ok_or_else(|| {
            // The same reason the JSON report gives (spc_missing).
            let why = m.spc_missing.as_deref().unwrap_or("No SPC.");
            Failure::Data(format!("measure {id:?} has no SPC chart. {why}"))
        })?
    } else {
        betteroff::render::chart(m)
    };
    write_out(args.output.as_deref(), &svg)
}

/// Scores with a progress bar on stderr for long runs.
fn score(
    card: &Scorecard,
    as_of: Option<Period>,
    disclosure: bool,
) -> Result<betteroff::Report, Failure> {
    let mut bar = progress::Bar::new("Scoring measures");
    let report = card.score_with_progress(as_of, disclosure, &mut |done, total| {
        bar.update(done, total)
    });
    bar.finish();
    report.map_err(Failure::Invalid)
}

fn write_out(path: Option<&Path>, text: &str) -> Result<(), Failure> {
    match path {
        Some(path) => std::fs::write(path, text)
            .map_err(|e| Failure::Io(format!("cannot write {}: {e}", path.display()))),
        None => {
            let mut out = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth reporting.
            let _ = out.write_all(text.as_bytes());
            Ok(())
        }
    }
}

fn validate(dir: &Path, strict: bool) -> Result<(), Failure> {
    let card = load_dir(dir)?;
    let measures = card.measures().count();
    // Warnings come from scoring: at the latest period, when there is data to score.
    if card.latest_period().is_some() {
        let report = card.score(None).map_err(Failure::Invalid)?;
        for line in betteroff::render::warning_lines(&report) {
            eprintln!("warning: {line}");
        }
        if strict {
            report.strict().map_err(Failure::Invalid)?;
        }
    }
    println!(
        "{}: valid: {} sections, {measures} measures, {} observations, {} comparator values, {} actions",
        dir.display(),
        card.sections().len(),
        card.observations().len(),
        card.comparators().len(),
        card.actions().len()
    );
    Ok(())
}

fn load_bundled() -> Result<Scorecard, Failure> {
    let [def, obs, cmp] = DORSET;
    Scorecard::load(Sources {
        definition: def,
        observations: Some(obs),
        comparators: Some(cmp),
        actions: None,
        commentary: None,
        annotations: None,
        workbooks: &[],
        tables: &[],
    })
    .map_err(Failure::Invalid)
}

/// Reads a scorecard directory: one definition file and the optional CSV files.
fn load_dir(dir: &Path) -> Result<Scorecard, Failure> {
    if !dir.is_dir() {
        return Err(Failure::Usage(format!(
            "{} is not a directory",
            dir.display()
        )));
    }
    let toml = dir.join("scorecard.toml");
    let json = dir.join("scorecard.json");
    let def_path = match (toml.exists(), json.exists()) {
        (true, false) => toml,
        (false, true) => json,
        (true, true) => {
            return Err(Failure::Io(format!(
                "{} has both scorecard.toml and scorecard.json: keep one",
                dir.display()
            )))
        }
        (false, false) => {
            return Err(Failure::Io(format!(
                "{} has no scorecard.toml or scorecard.json",
                dir.display()
            )))
        }
    };
    let def = read(&def_path)?
        .ok_or_else(|| Failure::Io(format!("cannot read {}", def_path.display())))?;
    let obs = read(&dir.join("observations.csv"))?;
    let cmp = read(&dir.join("comparators.csv"))?;
    let act = read(&dir.join("actions.csv"))?;
    let notes = read(&dir.join("commentary.csv"))?;
    let events = read(&dir.join("annotations.csv"))?;
    let books = workbooks(dir)?;
    let tables = tables(dir, &def)?;
    let tables: Vec<(&str, &str)> = tables
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let books: Vec<(&str, &[u8])> = books
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    Scorecard::load(Sources {
        definition: (&def.0, &def.1),
        observations: borrow_file(&obs),
        comparators: borrow_file(&cmp),
        actions: borrow_file(&act),
        commentary: borrow_file(&notes),
        annotations: borrow_file(&events),
        workbooks: &books,
        tables: &tables,
    })
    .map_err(Failure::Invalid)
}

/// The published tables the definition's `[[tables]]` name, read from beside it; one that is
/// absent is left for the core to report. A definition that does not read gives none (its
/// problems are reported when it is loaded).
fn tables(dir: &Path, def: &(String, String)) -> Result<Vec<(String, String)>, Failure> {
    let card = if def.0.ends_with(".json") {
        Scorecard::from_json(&def.1, &def.0)
    } else {
        Scorecard::from_toml(&def.1, &def.0)
    };
    let Ok(card) = card else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for t in &card.definition().tables {
        for f in std::iter::once(&t.file).chain(&t.meta) {
            if let Some(file) = read(&dir.join(f))? {
                out.push(file);
            }
        }
    }
    Ok(out)
}

/// Every workbook in the directory (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`), by name, each
/// read as `Scorecard::add_workbook` reads it. Excel's lock files (`~$book.xlsx`) are left.
fn workbooks(dir: &Path) -> Result<Vec<(String, Vec<u8>)>, Failure> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Failure::Io(format!("cannot list {}: {e}", dir.display())))?;
    let mut paths: Vec<std::path::PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| betteroff::workbook::is_workbook(n) && !n.starts_with("~$"))
        })
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| read_bytes(p).transpose())
        .collect()
}

/// A file's name and bytes; `None` when it does not exist. Bounded as [`read`] is.
fn read_bytes(path: &Path) -> Result<Option<(String, Vec<u8>)>, Failure> {
    use std::io::Read;
    let name = path.display().to_string();
    let limits = betteroff::Limits::default();
    if let Ok(meta) = std::fs::metadata(path) {
        limits
            .check_file(&name, usize::try_from(meta.len()).unwrap_or(usize::MAX))
            .map_err(|e| Failure::Invalid(Errors::one(e)))?;
    }
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Failure::Io(format!("cannot read {name}: {e}"))),
    };
    let mut bytes = Vec::new();
    let cap = u64::try_from(limits.max_file_bytes)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    file.take(cap)
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::Io(format!("cannot read {name}: {e}")))?;
    limits
        .check_read(&name, bytes.len())
        .map_err(|e| Failure::Invalid(Errors::one(e)))?;
    Ok(Some((name, bytes)))
}

/// A file's name and UTF-8 text; `None` when it does not exist. The read itself is bounded (at
/// most the size limit and one byte more), so memory stays bounded whatever the file claims to
/// be: a FIFO, a link to /dev/zero, or a file that grows while it is read.
fn read(path: &Path) -> Result<Option<(String, String)>, Failure> {
    let Some((name, bytes)) = read_bytes(path)? else {
        return Ok(None);
    };
    betteroff::decode_utf8(bytes, &name)
        .map(|text| Some((name.clone(), text)))
        .map_err(|e| Failure::Invalid(Errors::one(e)))
}
