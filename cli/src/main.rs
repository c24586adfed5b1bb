//! `betteroff`: score an outcomes-based accountability scorecard from the command line.
//!
//! Arguments are parsed by clap from the definitions below, which also give `--help` on every
//! subcommand, the shell completions (`betteroff completions SHELL`) and the man pages
//! (`betteroff man`). Exit status: 0 on success, 1 when the input is invalid or cannot give what
//! was asked (every problem on stderr, no usage text), 2 on bad usage (with the usage).

use betteroff::render::Format;
use betteroff::report::view::Order;
use betteroff::{Errors, Period, Scorecard, Status};
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod init;
mod load;
mod progress;
mod score;
mod xlsx;

use progress::Progress;

const EXIT_STATUS: &str = "\
Exit status:
  0  done
  1  the input is invalid, or cannot give what was asked: every problem on stderr
  2  bad usage (an unknown option, a missing argument), with the usage

Environment:
  NO_COLOR               no colour with --color auto (the default)
  BETTEROFF_NO_PROGRESS  no progress display (it is shown only on a terminal)";

#[derive(Debug, Parser)]
#[command(
    name = "betteroff",
    version,
    about = "Outcomes-based accountability scorecards: score, report, chart and check them",
    long_about = "Outcomes-based accountability scorecards: score, report, chart and check them.\n\n\
        A scorecard folder holds scorecard.toml (or scorecard.json) and its data: \
        observations.csv, comparators.csv, actions.csv, commentary.csv, annotations.csv, \
        workbooks and published tables. `betteroff report` with no folder scores the bundled \
        Dorset example.",
    after_help = EXIT_STATUS,
    arg_required_else_help = true,
    propagate_version = true
)]
struct Cli {
    /// Print only what was asked for: no progress and no messages on stderr but problems and
    /// warnings (warnings are never hidden).
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Colour in the text report and in help and usage messages: auto (on a terminal, unless
    /// NO_COLOR is set), always or never.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto, global = true)]
    color: ColorWhen,
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
enum Cmd {
    /// Score a scorecard and write its report: text, Markdown, HTML, JSON, CSV or an Excel
    /// workbook
    #[command(after_help = REPORT_AFTER)]
    Report(ReportArgs),
    /// Write one measure's turn-the-curve chart, or its SPC chart, as SVG
    Chart(ChartArgs),
    /// Check a scorecard folder: every problem listed, warnings too
    Validate(ValidateArgs),
    /// Make a new scorecard folder that validate accepts as it is
    #[command(
        long_about = "Make a new scorecard folder that validate accepts as it is: a definition \
        whose comments say what each field means (a priority, a measure for each of the three \
        questions, the turn-the-curve prompts) and the data files with their headers; with \
        --from, a copy of another scorecard folder's files. It never overwrites: DIR must be \
        new or empty."
    )]
    Init(InitArgs),
    /// Score a long table of areas x measures x periods (CSV, Parquet or a PostgreSQL query)
    /// against a definition, as Python's score_table does
    #[command(after_help = SCORE_AFTER)]
    Score(score::ScoreArgs),
    /// Print a shell completion script
    #[command(
        long_about = "Print a shell completion script, generated from the same definitions as \
        --help. bash: betteroff completions bash > ~/.local/share/bash-completion/completions/betteroff; \
        zsh: betteroff completions zsh > ~/.zfunc/_betteroff; \
        fish: betteroff completions fish > ~/.config/fish/completions/betteroff.fish"
    )]
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print a man page (roff): betteroff's, or a subcommand's
    Man {
        /// The subcommand (report, chart, validate, init, score, completions); without it,
        /// betteroff(1)
        subcommand: Option<String>,
    },
}

const REPORT_AFTER: &str = "\
For a board pack, --order exceptions lists each section's measures missed, off track, special
cause concern and at risk first; --only off_track,at_risk lists only measures of those statuses;
the report says so, and its summary counts every measure.

Small counts (1 to 4) and every figure that would reveal them are withheld from what is
published (symbol c); --no-disclosure-control shows the true figures, for internal use only, and
the report says so. Valid but suspicious input (dates read as months, percentages given as
proportions, a baseline period with no figure) is listed as warnings in every format and by
validate; --strict refuses it (exit 1).";

const SCORE_AFTER: &str = "\
The output has one row per series: area and measure as given, the latest period and value,
baseline, target, comparison, judged, expected, progress_pct, status, the SPC limits, the
turn-the-curve forecast and the benchmark among all the areas (band, rank); with --points, one
row per input row with its SPC rule and point type. Disclosure control applies as in a
scorecard. Example:
  betteroff score national.parquet --scorecard national.toml --output scores.parquet
  betteroff score --from-sql postgresql://analyst@127.0.0.1/perf \\
    --query 'SELECT area, measure, period, value FROM kpi ORDER BY area, measure, period' \\
    --scorecard national.toml";

/// The scoring choices `report` and `chart` share.
#[derive(Debug, Args)]
struct Scoring {
    /// The reporting period, written as in the data (2020-05, 2020-Q1, 2020, 2019/20,
    /// FY2019/20, Autumn 2019, 2020-05-31); without it, the latest period with an observation
    #[arg(long, value_name = "PERIOD", value_parser = parse_period)]
    as_of: Option<Period>,
    /// Show every true figure, small counts included: for internal use only (the report says
    /// so)
    #[arg(long)]
    no_disclosure_control: bool,
}

#[derive(Debug, Args)]
struct ReportArgs {
    /// The scorecard folder; without it, the bundled Dorset example
    #[arg(value_name = "DIR")]
    dir: Option<PathBuf>,
    #[command(flatten)]
    scoring: Scoring,
    /// The report's format (xlsx: a workbook with a summary sheet, every measure, a sheet per
    /// section and the SPC matrix; needs --output)
    #[arg(long, short, value_enum, value_name = "FORMAT", default_value_t = OutFormat::Text)]
    format: OutFormat,
    /// With --format csv, the rows: one per measure, per category of each measure's current
    /// breakdown, per turn-the-curve item, or the Making Data Count summary matrix
    #[arg(long, value_enum, value_name = "TABLE")]
    table: Option<Table>,
    /// The order of each section's measures: the plan's, or exceptions first
    #[arg(long, value_enum, value_name = "ORDER", default_value_t = OrderArg::Plan)]
    order: OrderArg,
    /// List only measures of these statuses (achieved, on_track, at_risk, off_track, missed,
    /// no_target, no_data, suppressed, to_be_developed), comma-separated
    #[arg(long, value_name = "STATUS,...", value_parser = parse_only)]
    only: Option<Statuses>,
    /// Refuse the input when it has warnings (exit 1)
    #[arg(long)]
    strict: bool,
    /// Write the report here instead of to stdout
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct ChartArgs {
    /// The scorecard folder
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// The measure's id, as in the definition
    #[arg(value_name = "MEASURE_ID")]
    measure: String,
    /// The SPC chart instead of the turn-the-curve chart
    #[arg(long)]
    spc: bool,
    #[command(flatten)]
    scoring: Scoring,
    /// Write the SVG here instead of to stdout
    #[arg(long, short, value_name = "FILE.svg")]
    output: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct ValidateArgs {
    /// The scorecard folder
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// Refuse the input when it has warnings (exit 1)
    #[arg(long)]
    strict: bool,
}

#[derive(Debug, Args)]
struct InitArgs {
    /// The new folder (it must not exist, or be empty)
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// Copy this scorecard folder's files instead of the template (examples/stockton)
    #[arg(long, value_name = "EXAMPLE_DIR")]
    from: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutFormat {
    Text,
    #[value(alias = "md")]
    Markdown,
    Html,
    Json,
    Csv,
    Xlsx,
}

impl OutFormat {
    /// The core's renderer, or `None` for the CLI's own workbook.
    fn core(self) -> Option<Format> {
        match self {
            OutFormat::Text => Some(Format::Text),
            OutFormat::Markdown => Some(Format::Markdown),
            OutFormat::Html => Some(Format::Html),
            OutFormat::Json => Some(Format::Json),
            OutFormat::Csv => Some(Format::Csv),
            OutFormat::Xlsx => None,
        }
    }
}

/// The tables `report --format csv --table` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Table {
    Measures,
    Breakdowns,
    TurnTheCurve,
    Spc,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OrderArg {
    Plan,
    Exceptions,
}

impl From<OrderArg> for Order {
    fn from(o: OrderArg) -> Self {
        match o {
            OrderArg::Plan => Order::Plan,
            OrderArg::Exceptions => Order::Exceptions,
        }
    }
}

#[derive(Debug, Clone)]
struct Statuses(Vec<Status>);

fn parse_only(s: &str) -> Result<Statuses, String> {
    betteroff::report::view::parse_statuses(s).map(Statuses)
}

pub(crate) fn parse_period(s: &str) -> Result<Period, String> {
    s.parse::<Period>().map_err(|e| e.to_string())
}

pub(crate) enum Failure {
    /// Bad usage found after parsing (exit 2, with the subcommand's usage).
    Usage(&'static str, String),
    Invalid(Errors),
    Io(String),
    /// The data cannot give what was asked for (exit 1, no usage text).
    Data(String),
}

fn main() -> ExitCode {
    let color = colour_choice(std::env::args_os());
    let command = Cli::command().color(color);
    let matches = command.clone().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.format(&mut command.clone()).exit(),
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(sub, msg)) => {
            let mut cmd = command;
            cmd.build();
            let err = match cmd.find_subcommand_mut(sub) {
                Some(s) => s.error(clap::error::ErrorKind::ValueValidation, msg),
                None => cmd.error(clap::error::ErrorKind::ValueValidation, msg),
            };
            let _ = err.print();
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

/// `--color` as given (clap's own messages need it before the arguments are parsed); `auto`
/// leaves clap to look at the terminal and NO_COLOR itself.
fn colour_choice(args: impl Iterator<Item = std::ffi::OsString>) -> clap::ColorChoice {
    let args: Vec<String> = args.filter_map(|a| a.into_string().ok()).collect();
    let mut choice = clap::ColorChoice::Auto;
    for (i, a) in args.iter().enumerate() {
        let v = match a.strip_prefix("--color=") {
            Some(v) => Some(v),
            None if a == "--color" => args.get(i + 1).map(String::as_str),
            None => None,
        };
        match v {
            Some("always") => choice = clap::ColorChoice::Always,
            Some("never") => choice = clap::ColorChoice::Never,
            Some("auto") => choice = clap::ColorChoice::Auto,
            _ => {}
        }
    }
    choice
}

/// Whether the text report on stdout is coloured.
fn colour(when: ColorWhen) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    let quiet = cli.quiet;
    match cli.command {
        Cmd::Report(a) => report(a, quiet, cli.color),
        Cmd::Chart(a) => chart(a, quiet),
        Cmd::Validate(a) => validate(&a.dir, a.strict, quiet),
        Cmd::Init(a) => {
            let written = init::init(&a.dir, a.from.as_deref()).map_err(Failure::Io)?;
            if !quiet {
                let dir = a.dir.display();
                println!(
                    "created {dir}: {}
next: edit {dir}/scorecard.toml, add figures to {dir}/observations.csv, then betteroff validate {dir}",
                    written.join(", ")
                );
            }
            Ok(())
        }
        Cmd::Score(a) => score::run(a, quiet),
        Cmd::Completions { shell } => {
            let mut cmd = Cli::command();
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut cmd, "betteroff", &mut script);
            write_out(None, &String::from_utf8_lossy(&script))
        }
        Cmd::Man { subcommand } => man(subcommand.as_deref()),
    }
}

/// betteroff(1), or betteroff-SUBCOMMAND(1), as roff on stdout.
fn man(sub: Option<&str>) -> Result<(), Failure> {
    let mut cmd = Cli::command();
    cmd.build();
    let page = match sub {
        None => cmd,
        Some(name) => {
            let names: Vec<String> = cmd
                .get_subcommands()
                .map(|s| s.get_name().to_string())
                .filter(|n| n != "help")
                .collect();
            match cmd.find_subcommand(name) {
                Some(s) => s.clone().name(format!("betteroff-{name}")),
                None => {
                    return Err(Failure::Usage(
                        "man",
                        format!(
                            "no subcommand {} (there are: {})",
                            betteroff::quoted(&name),
                            names.join(", ")
                        ),
                    ))
                }
            }
        }
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut out)
        .map_err(|e| Failure::Io(format!("cannot write the man page: {e}")))?;
    write_out(None, &String::from_utf8_lossy(&out))
}

fn report(args: ReportArgs, quiet: bool, when: ColorWhen) -> Result<(), Failure> {
    if args.table.is_some() && args.format != OutFormat::Csv {
        return Err(Failure::Usage(
            "report",
            "--table chooses a CSV table: give --format csv".into(),
        ));
    }
    if args.format == OutFormat::Xlsx && args.output.is_none() {
        return Err(Failure::Usage(
            "report",
            "--format xlsx writes a workbook: give --output FILE.xlsx".into(),
        ));
    }
    let progress = Progress::new(quiet);
    let card = match &args.dir {
        Some(dir) => load::load_dir(dir, "report", &progress)?,
        None => load::load_bundled()?,
    };
    let report = score_card(&card, &args.scoring, &progress)?;
    progress.finish();
    let report = if args.strict {
        report.strict().map_err(Failure::Invalid)?
    } else {
        report
    };
    let only = args.only.map(|s| s.0).unwrap_or_default();
    let report = report.ordered(args.order.into()).only(&only);
    let Some(format) = args.format.core() else {
        let path = args.output.as_deref().unwrap_or(Path::new(""));
        let bytes = xlsx::workbook(&report).map_err(Failure::Io)?;
        return std::fs::write(path, bytes)
            .map_err(|e| Failure::Io(format!("cannot write {}: {e}", path.display())));
    };
    if format == Format::Json {
        // Streamed: the JSON of a large scorecard is many times its input.
        return write_json(args.output.as_deref(), &report);
    }
    let colour = format == Format::Text && args.output.is_none() && colour(when);
    let text = match args.table {
        Some(Table::Breakdowns) => betteroff::render::breakdowns_csv(&report),
        Some(Table::TurnTheCurve) => betteroff::render::turn_the_curve_csv(&report),
        Some(Table::Spc) => betteroff::render::spc_matrix_csv(&report),
        Some(Table::Measures) | None => betteroff::render::render(&report, format, colour),
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

fn chart(args: ChartArgs, quiet: bool) -> Result<(), Failure> {
    let progress = Progress::new(quiet);
    let card = load::load_dir(&args.dir, "chart", &progress)?;
    let report = score_card(&card, &args.scoring, &progress)?;
    progress.finish();
    let id = &args.measure;
    let m = report
        .find_measure(id)
        .map_err(|e| Failure::Usage("chart", format!("{}: {}", args.dir.display(), e.message())))?;
    let svg = if args.spc {
        betteroff::render::spc_chart(m).ok_or_else(|| {
            // The same reason the JSON report gives (spc_missing).
            let why = m.spc_missing.as_deref().unwrap_or("No SPC.");
            Failure::Data(format!(
                "measure {} has no SPC chart. {why}",
                betteroff::quoted(&id)
            ))
        })?
    } else {
        betteroff::render::chart(m)
    };
    write_out(args.output.as_deref(), &svg)
}

/// Scores with the measures counted on the progress display.
fn score_card(
    card: &Scorecard,
    s: &Scoring,
    progress: &Progress,
) -> Result<betteroff::Report, Failure> {
    progress.counting("Scoring measures", card.measures().count());
    card.score_with_progress(s.as_of, !s.no_disclosure_control, &mut |done, total| {
        progress.at(done, total)
    })
    .map_err(Failure::Invalid)
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

fn validate(dir: &Path, strict: bool, quiet: bool) -> Result<(), Failure> {
    let progress = Progress::new(quiet);
    let card = load::load_dir(dir, "validate", &progress)?;
    let measures = card.measures().count();
    // Warnings come from scoring: at the latest period, when there is data to score.
    if card.latest_period().is_some() {
        let latest = Scoring {
            as_of: None,
            no_disclosure_control: false,
        };
        let report = score_card(&card, &latest, &progress)?;
        progress.finish();
        for line in betteroff::render::warning_lines(&report) {
            eprintln!("warning: {line}");
        }
        if strict {
            report.strict().map_err(Failure::Invalid)?;
        }
    }
    progress.finish();
    if !quiet {
        println!(
            "{}: valid: {} sections, {measures} measures, {} observations, {} comparator values, {} actions",
            dir.display(),
            card.sections().len(),
            card.observations().len(),
            card.comparators().len(),
            card.actions().len()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_definition_is_consistent() {
        // clap's own check of every argument, group and default (names unique, defaults among
        // the possible values, `requires` naming real arguments).
        Cli::command().debug_assert();
    }

    #[test]
    fn colour_as_given_before_parsing() {
        let c = |args: &[&str]| colour_choice(args.iter().map(std::ffi::OsString::from));
        assert_eq!(
            c(&["betteroff", "--color=never", "report"]),
            clap::ColorChoice::Never
        );
        assert_eq!(
            c(&["betteroff", "report", "--color", "always"]),
            clap::ColorChoice::Always
        );
        assert_eq!(c(&["betteroff", "report"]), clap::ColorChoice::Auto);
    }
}
