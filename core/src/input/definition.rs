//! The scorecard definition file (TOML, the human-written format, or the same structure in
//! JSON), read into validated domain types: the file's tree of values (`tree.rs`) read by hand
//! into raw structs, then checked. Every problem is collected, with the file, the line (a wrong
//! type or an unknown field at its own; a rule broken at the line of the measure, section or
//! table it belongs to) and the field.

use crate::error::quoted;
use crate::error::{Error, ErrorKind, Errors, Location};
use crate::input::tree::{self, At, Fields, Node, Reader, Value};
use crate::keyed::Keyed;
use crate::model::action::Risk;
use crate::model::baseline::Baseline;
use crate::model::definition::{
    Analysis, BenchmarkPeriod, DataTable, Definition, Section, SectionKind, StatusRules,
    TableFormat,
};
use crate::model::kinds::{Counts, Frequency, MeasureKind, Polarity, Unit};
use crate::model::measure::{Measure, MeasureFrom};
use crate::model::options::{Disclosure, MeasureSpc, SpcOptions};
use crate::model::period::Period;
use crate::model::projection::Projection;
use crate::model::story::{TurnTheCurve, WhatWorks};
use crate::model::target::{Change, Comparison, GapGoal, Milestone, Rule, Target};
use crate::model::window::WindowSpec;
use serde::Serialize;

#[derive(Serialize, PartialEq, Debug)]
struct RawCard {
    id: String,
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    area: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    #[serde(skip_serializing_if = "is_default")]
    notes: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<RawStatusRules>,
    #[serde(skip_serializing_if = "Option::is_none")]
    analysis: Option<RawAnalysis>,
    #[serde(skip_serializing_if = "Option::is_none")]
    disclosure: Option<RawDisclosure>,
    #[serde(skip_serializing_if = "is_default")]
    sections: Vec<RawSection>,
    #[serde(skip_serializing_if = "is_default")]
    risks: Vec<RawRisk>,
    #[serde(skip_serializing_if = "is_default")]
    projections: Vec<RawProjection>,
    #[serde(skip_serializing_if = "is_default")]
    tables: Vec<RawTable>,
}

#[derive(Serialize, PartialEq, Debug)]
struct RawTable {
    /// The line of its id (or of the table, when it has none): where its problems are reported.
    #[serde(skip)]
    line: Option<usize>,
    id: String,
    format: String,
    file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    meta: Option<String>,
    area: String,
}

#[derive(Serialize, PartialEq, Debug)]
struct RawFrom {
    table: String,
    indicator: String,
    #[serde(skip_serializing_if = "is_default")]
    filters: std::collections::BTreeMap<String, String>,
}

#[derive(Serialize, PartialEq, Debug, Default)]
struct RawTurnTheCurve {
    #[serde(skip_serializing_if = "Option::is_none")]
    story: Option<String>,
    #[serde(skip_serializing_if = "is_default")]
    partners: Vec<String>,
    #[serde(skip_serializing_if = "is_default")]
    what_works: Vec<RawWhatWorks>,
    #[serde(skip_serializing_if = "is_default")]
    actions: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    data_development: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<String>,
}

/// What works: its words, or its words with the evidence.
#[derive(Serialize, PartialEq, Debug)]
#[serde(untagged)]
enum RawWhatWorks {
    Text(String),
    Evidenced(RawEvidenced),
}

#[derive(Serialize, PartialEq, Debug)]
struct RawEvidenced {
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<String>,
}

#[derive(Serialize, PartialEq, Debug)]
struct RawStatusRules {
    at_risk_tolerance_pct: f64,
}

#[derive(Serialize, PartialEq, Debug, Default)]
struct RawAnalysis {
    #[serde(skip_serializing_if = "Option::is_none")]
    spc_min_points: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    spc_screen_outliers: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    spc_preset: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    spc_trend_length: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    spc_shift_length: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    spc_rules: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    spc_conflict: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    spc_two_in_three: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    spc_trend_direction: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    spc_precedence: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    forecast_points: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    benchmark_group: Option<String>,
    #[serde(skip_serializing_if = "is_default")]
    statistical_neighbours: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    benchmark_period: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    intervals: Option<bool>,
}

#[derive(Serialize, PartialEq, Debug, Clone, Copy)]
struct RawDisclosure {
    #[serde(skip_serializing_if = "Option::is_none")]
    threshold: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    round_to: Option<u32>,
}

#[derive(Serialize, PartialEq, Debug)]
struct RawMeasureSpc {
    #[serde(skip_serializing_if = "Option::is_none")]
    chart: Option<String>,
    #[serde(skip_serializing_if = "is_default")]
    rebase: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix_after: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix_until: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    enabled: Option<bool>,
}

#[derive(Serialize, PartialEq, Debug)]
struct RawSection {
    /// The line of its id (or of the table, when it has none): where its problems are reported.
    #[serde(skip)]
    line: Option<usize>,
    id: String,
    title: String,
    kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "is_default")]
    measures: Vec<RawMeasure>,
}

#[derive(Serialize, PartialEq, Debug)]
struct RawMeasure {
    /// The line of its id (or of the table, when it has none): where its problems are reported.
    #[serde(skip)]
    line: Option<usize>,
    id: String,
    name: String,
    kind: String,
    unit: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    per: Option<u32>,
    polarity: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    frequency: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    owner: Option<String>,
    #[serde(skip_serializing_if = "is_default")]
    breakdowns: Vec<String>,
    #[serde(skip_serializing_if = "is_default")]
    to_be_developed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<RawBaseline>,
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<RawTarget>,
    #[serde(skip_serializing_if = "Option::is_none")]
    spc: Option<RawMeasureSpc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    disclosure: Option<RawDisclosure>,
    #[serde(skip_serializing_if = "is_default")]
    notes: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<RawFrom>,
    #[serde(skip_serializing_if = "Option::is_none")]
    interval: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    counts: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    decimals: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    window: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    turn_the_curve: Option<RawTurnTheCurve>,
}

#[derive(Serialize, PartialEq, Debug)]
struct RawBaseline {
    #[serde(skip_serializing_if = "Option::is_none")]
    period: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<f64>,
    #[serde(skip_serializing_if = "is_default")]
    first_observation: bool,
}

/// A due date, or the two a plan gives for one target ("March 2025" in the table, "by the end
/// of 2024/25" in the text).
#[derive(Serialize, PartialEq, Debug)]
#[serde(untagged)]
enum RawDue {
    One(String),
    Two(Vec<String>),
}

#[derive(Serialize, PartialEq, Debug)]
struct RawTarget {
    /// The line of its due date (or of the target): where a milestone's problems are reported.
    #[serde(skip)]
    line: Option<usize>,
    kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    due: Option<RawDue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    change: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    comparison: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    comparator: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    milestones: Option<Vec<RawTarget>>,
    /// The plan's own words for the target, kept for reports.
    #[serde(skip_serializing_if = "Option::is_none")]
    wording: Option<String>,
}

#[derive(Serialize, PartialEq, Debug)]
struct RawRisk {
    /// The line of its id (or of the table, when it has none): where its problems are reported.
    #[serde(skip)]
    line: Option<usize>,
    id: String,
    title: String,
    likelihood: u8,
    impact: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    mitigation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    owner: Option<String>,
}

#[derive(Serialize, PartialEq, Debug)]
struct RawProjection {
    /// The line of its id (or of the table, when it has none): where its problems are reported.
    #[serde(skip)]
    line: Option<usize>,
    id: String,
    name: String,
    base_period: String,
    base: f64,
    steps: Vec<RawStep>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<String>,
}

#[derive(Serialize, PartialEq, Debug)]
struct RawStep {
    period: String,
    growth_pct: f64,
}

fn is_default<T: Default + PartialEq>(x: &T) -> bool {
    *x == T::default()
}

/// Which text format a definition is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Json,
}

impl Format {
    /// From a file name's extension.
    pub fn from_file_name(name: &str) -> Option<Self> {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".toml") {
            Some(Format::Toml)
        } else if lower.ends_with(".json") {
            Some(Format::Json)
        } else {
            None
        }
    }
}

/// Reads and validates a definition.
pub fn parse(text: &str, file: &str, format: Format) -> Result<Definition, Errors> {
    let p = parse_partial(text, file, format);
    match p.definition {
        Some(d) if p.errors.is_empty() => Ok(d),
        _ => Err(Errors(p.errors)),
    }
}

/// A definition read as far as it could be: every problem in it, and the definition without the
/// measures that have one (so that the data files can still be checked against the rest).
pub(crate) struct Partial {
    /// `None` only when the file is not well-formed TOML or JSON at all.
    pub(crate) definition: Option<Definition>,
    pub(crate) errors: Vec<Error>,
    /// The ids of the measures left out for their problems.
    pub(crate) broken: Vec<String>,
}

/// Reads a definition, collecting every problem: a wrong type in one measure (a number where
/// text belongs) does not hide the problems of the others, and the rest is still validated.
pub(crate) fn parse_partial(text: &str, file: &str, format: Format) -> Partial {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let root = match format {
        Format::Toml => tree::toml(text),
        Format::Json => tree::json(text).map_err(|e| (Some(e.line()), json_message(&e))),
    };
    let root = match root {
        Ok(n) => n,
        Err((line, message)) => {
            return Partial {
                definition: None,
                errors: syntax(file, line, &message).0,
                broken: Vec::new(),
            };
        }
    };
    let mut r = Reader::new(file, format == Format::Json);
    let mut broken = Vec::new();
    let raw = read_card(&mut r, &root, &mut broken);
    // In the file's order (a TOML table's keys come sorted, and each table reads its keys in
    // the order of its fields).
    let mut errors = r.errors;
    crate::num::sort_by_key(&mut errors, |e| e.location().line);
    let Some(raw) = raw else {
        return Partial {
            definition: None,
            errors,
            broken,
        };
    };
    let checker = Checker {
        file,
        errors: Vec::new(),
        card_disclosure: Disclosure::default(),
        broken: Vec::new(),
        target_notes: Vec::new(),
    };
    let mut p = checker.card(raw);
    errors.append(&mut p.errors);
    broken.append(&mut p.broken);
    Partial {
        definition: p.definition,
        errors,
        broken,
    }
}

const CARD_FIELDS: &[&str] = &[
    "id",
    "title",
    "area",
    "description",
    "source",
    "notes",
    "status",
    "analysis",
    "disclosure",
    "sections",
    "risks",
    "projections",
    "tables",
];

/// The scorecard's own fields and its sections, measures, tables, risks and projections. A
/// section or measure that does not read is left out (its measures' ids in `broken`) and the
/// rest is read; a problem in the scorecard's own fields or its tables leaves no definition.
fn read_card(r: &mut Reader, root: &Node, broken: &mut Vec<String>) -> Option<RawCard> {
    let mut f = r.fields(root, &At::default())?;
    let id = f.need_text(r, "id");
    let title = f.need_text(r, "title");
    let area = f.text(r, "area");
    let description = f.text(r, "description");
    let source = f.text(r, "source");
    let notes = f.texts(r, "notes");
    let status = f.table(r, "status", |r, mut f| {
        let at_risk_tolerance_pct = f.need_number(r, "at_risk_tolerance_pct");
        f.finish(r, &["at_risk_tolerance_pct"])
            .then_some(RawStatusRules {
                at_risk_tolerance_pct,
            })
    });
    let analysis = f.table(r, "analysis", read_analysis);
    let disclosure = f.table(r, "disclosure", read_disclosure);
    let mut sections = Vec::new();
    for (k, n) in f.items(r, "sections").iter().enumerate() {
        sections.extend(read_section(r, n, k, broken));
    }
    let mut tables = Vec::new();
    for (k, n) in f.items(r, "tables").iter().enumerate() {
        match read_listed(r, n, "table", "tables.", k, read_table) {
            Some(t) => tables.push(t),
            None => f.fail(),
        }
    }
    let risks = (f.items(r, "risks").iter().enumerate())
        .filter_map(|(k, n)| read_listed(r, n, "risk", "risks.", k, read_risk))
        .collect();
    let projections = (f.items(r, "projections").iter().enumerate())
        .filter_map(|(k, n)| read_listed(r, n, "projection", "projections.", k, read_projection))
        .collect();
    f.finish(r, CARD_FIELDS).then_some(RawCard {
        id,
        title,
        area,
        description,
        source,
        notes,
        status,
        analysis,
        disclosure,
        sections,
        risks,
        projections,
        tables,
    })
}

/// Who an item of a list is, for its messages: `measure "c"` by its id, or `measure 3` (its
/// place in the list) when its id does not read.
fn who(what: &str, n: &Node, k: usize) -> String {
    match id_text(n) {
        Some(id) => format!("{what} {}", quoted(&id)),
        None => format!("{what} {}", k + 1),
    }
}

/// An item's id, when it is given as text.
fn id_text(n: &Node) -> Option<&str> {
    n.get("id").and_then(Node::as_text)
}

/// The line of an item's id, or of the item when it has none.
fn id_line(f: &Fields) -> Option<usize> {
    Some(f.node("id").map_or(f.line(), |n| n.line))
}

/// An item of a list of tables (a table, risk or projection), read by `read`.
fn read_listed<'n, T>(
    r: &mut Reader,
    n: &'n Node,
    what: &str,
    path: &str,
    k: usize,
    read: fn(&mut Reader, Fields<'n>) -> Option<T>,
) -> Option<T> {
    let f = r.fields(n, &At::new(who(what, n, k), path))?;
    read(r, f)
}

fn read_table(r: &mut Reader, mut f: Fields) -> Option<RawTable> {
    let t = RawTable {
        line: id_line(&f),
        id: f.need_text(r, "id"),
        format: f.need_text(r, "format"),
        file: f.need_text(r, "file"),
        meta: f.text(r, "meta"),
        area: f.need_text(r, "area"),
    };
    f.finish(r, &["id", "format", "file", "meta", "area"])
        .then_some(t)
}

fn read_risk(r: &mut Reader, mut f: Fields) -> Option<RawRisk> {
    let t = RawRisk {
        line: id_line(&f),
        id: f.need_text(r, "id"),
        title: f.need_text(r, "title"),
        likelihood: f.need_whole(r, "likelihood", u8::MAX.into()) as u8,
        impact: f.need_whole(r, "impact", u8::MAX.into()) as u8,
        mitigation: f.text(r, "mitigation"),
        owner: f.text(r, "owner"),
    };
    let known = ["id", "title", "likelihood", "impact", "mitigation", "owner"];
    f.finish(r, &known).then_some(t)
}

fn read_projection(r: &mut Reader, mut f: Fields) -> Option<RawProjection> {
    let line = id_line(&f);
    let id = f.need_text(r, "id");
    let name = f.need_text(r, "name");
    let base_period = f.need_text(r, "base_period");
    let base = f.need_number(r, "base");
    f.require("steps");
    let mut steps = Vec::new();
    let at = f.at().inside("steps");
    for n in f.items(r, "steps") {
        let step = r.fields(n, &at).and_then(|mut s| {
            let step = RawStep {
                period: s.need_text(r, "period"),
                growth_pct: s.need_number(r, "growth_pct"),
            };
            s.finish(r, &["period", "growth_pct"]).then_some(step)
        });
        match step {
            Some(s) => steps.push(s),
            None => f.fail(),
        }
    }
    let source = f.text(r, "source");
    let known = ["id", "name", "base_period", "base", "steps", "source"];
    f.finish(r, &known).then_some(RawProjection {
        line,
        id,
        name,
        base_period,
        base,
        steps,
        source,
    })
}

const SECTION_FIELDS: &[&str] = &["id", "title", "kind", "parent", "description", "measures"];

/// A section and the measures in it that read (the others' ids in `broken`); when the section's
/// own fields do not read, none of its measures.
fn read_section(
    r: &mut Reader,
    n: &Node,
    k: usize,
    broken: &mut Vec<String>,
) -> Option<RawSection> {
    let ids = |n: &Node| -> Vec<String> {
        let items = match n.get("measures").map(|m| &m.value) {
            Some(Value::List(items)) => items.as_slice(),
            _ => &[],
        };
        (items.iter())
            .map(|m| id_text(m).unwrap_or("").to_string())
            .collect()
    };
    let Some(mut f) = r.fields(n, &At::new(who("section", n, k), "sections.")) else {
        broken.extend(ids(n));
        return None;
    };
    let line = id_line(&f);
    let id = f.need_text(r, "id");
    let title = f.need_text(r, "title");
    let kind = f.need_text(r, "kind");
    let parent = f.text(r, "parent");
    let description = f.text(r, "description");
    let mut measures = Vec::new();
    for (j, m) in f.items(r, "measures").iter().enumerate() {
        match read_measure(r, m, j) {
            Some(m) => measures.push(m),
            None => broken.push(id_text(m).unwrap_or("").to_string()),
        }
    }
    if !f.finish(r, SECTION_FIELDS) {
        // Its measures' rows are then not called unknown.
        broken.extend(measures.into_iter().map(|m| m.id));
        return None;
    }
    Some(RawSection {
        line,
        id,
        title,
        kind,
        parent,
        description,
        measures,
    })
}

const MEASURE_FIELDS: &[&str] = &[
    "id",
    "name",
    "kind",
    "unit",
    "per",
    "polarity",
    "frequency",
    "source",
    "owner",
    "breakdowns",
    "to_be_developed",
    "baseline",
    "target",
    "spc",
    "disclosure",
    "notes",
    "from",
    "interval",
    "counts",
    "decimals",
    "window",
    "turn_the_curve",
];

fn read_measure(r: &mut Reader, n: &Node, k: usize) -> Option<RawMeasure> {
    let mut f = r.fields(n, &At::new(who("measure", n, k), ""))?;
    let m = RawMeasure {
        line: id_line(&f),
        id: f.need_text(r, "id"),
        name: f.need_text(r, "name"),
        kind: f.need_text(r, "kind"),
        unit: f.need_text(r, "unit"),
        per: f.whole(r, "per", u32::MAX.into()).map(|v| v as u32),
        polarity: f.need_text(r, "polarity"),
        frequency: f.text(r, "frequency"),
        source: f.text(r, "source"),
        owner: f.text(r, "owner"),
        breakdowns: f.texts(r, "breakdowns"),
        to_be_developed: f.flag(r, "to_be_developed").unwrap_or(false),
        baseline: f.table(r, "baseline", |r, mut f| {
            let b = RawBaseline {
                period: f.text(r, "period"),
                value: f.number(r, "value"),
                first_observation: f.flag(r, "first_observation").unwrap_or(false),
            };
            f.finish(r, &["period", "value", "first_observation"])
                .then_some(b)
        }),
        target: f.table(r, "target", read_target),
        spc: f.table(r, "spc", |r, mut f| {
            let s = RawMeasureSpc {
                chart: f.text(r, "chart"),
                rebase: f.texts(r, "rebase"),
                fix_after: f.whole(r, "fix_after", u32::MAX.into()).map(|v| v as usize),
                fix_until: f.text(r, "fix_until"),
                enabled: f.flag(r, "enabled"),
            };
            let known = ["chart", "rebase", "fix_after", "fix_until", "enabled"];
            f.finish(r, &known).then_some(s)
        }),
        disclosure: f.table(r, "disclosure", read_disclosure),
        notes: f.texts(r, "notes"),
        from: f.table(r, "from", |r, mut f| {
            let from = RawFrom {
                table: f.need_text(r, "table"),
                indicator: f.need_text(r, "indicator"),
                filters: f.text_map(r, "filters"),
            };
            f.finish(r, &["table", "indicator", "filters"])
                .then_some(from)
        }),
        interval: f.flag(r, "interval"),
        counts: f.text(r, "counts"),
        decimals: f.whole(r, "decimals", u8::MAX.into()).map(|v| v as u8),
        window: f.text(r, "window"),
        turn_the_curve: f.table(r, "turn_the_curve", read_turn_the_curve),
    };
    f.finish(r, MEASURE_FIELDS).then_some(m)
}

fn read_turn_the_curve(r: &mut Reader, mut f: Fields) -> Option<RawTurnTheCurve> {
    let story = f.text(r, "story");
    let partners = f.texts(r, "partners");
    let at = f.at().inside("what_works");
    let mut what_works = Vec::new();
    for n in f.items(r, "what_works") {
        let w = match &n.value {
            Value::Table(_) => r.fields(n, &at).and_then(|mut e| {
                let w = RawEvidenced {
                    text: e.need_text(r, "text"),
                    evidence: e.text(r, "evidence"),
                };
                e.finish(r, &["text", "evidence"])
                    .then_some(RawWhatWorks::Evidenced(w))
            }),
            _ => r
                .text(n, "turn_the_curve.what_works", f.at())
                .map(RawWhatWorks::Text),
        };
        match w {
            Some(w) => what_works.push(w),
            None => f.fail(),
        }
    }
    let t = RawTurnTheCurve {
        story,
        partners,
        what_works,
        actions: f.texts(r, "actions"),
        data_development: f.text(r, "data_development"),
        source: f.text(r, "source"),
    };
    let known = [
        "story",
        "partners",
        "what_works",
        "actions",
        "data_development",
        "source",
    ];
    f.finish(r, &known).then_some(t)
}

const TARGET_FIELDS: &[&str] = &[
    "kind",
    "due",
    "change",
    "value",
    "comparison",
    "comparator",
    "group",
    "milestones",
    "wording",
];

fn read_target(r: &mut Reader, mut f: Fields) -> Option<RawTarget> {
    let line = Some(f.node("due").map_or(f.line(), |d| d.line));
    let kind = f.need_text(r, "kind");
    let due = match f.node("due").map(|d| &d.value) {
        None => None,
        Some(Value::List(_)) => f.texts_given(r, "due").map(RawDue::Two),
        Some(_) => f.text(r, "due").map(RawDue::One),
    };
    let milestones = match f.node("milestones") {
        None => None,
        Some(_) => {
            let mut out = Vec::new();
            let who = f.at().who.clone();
            for (k, n) in f.items(r, "milestones").iter().enumerate() {
                let path = format!("target.milestones[{}].", k + 1);
                let at = At::new(format!("{who}, milestone {}", k + 1), &path);
                match r.fields(n, &at).and_then(|m| read_target(r, m)) {
                    Some(t) => out.push(t),
                    None => f.fail(),
                }
            }
            Some(out)
        }
    };
    let t = RawTarget {
        line,
        kind,
        due,
        change: f.number(r, "change"),
        value: f.number(r, "value"),
        comparison: f.text(r, "comparison"),
        comparator: f.text(r, "comparator"),
        group: f.text(r, "group"),
        milestones,
        wording: f.text(r, "wording"),
    };
    f.finish(r, TARGET_FIELDS).then_some(t)
}

fn read_disclosure(r: &mut Reader, mut f: Fields) -> Option<RawDisclosure> {
    let d = RawDisclosure {
        threshold: f.whole(r, "threshold", u32::MAX.into()).map(|v| v as u32),
        round_to: f.whole(r, "round_to", u32::MAX.into()).map(|v| v as u32),
    };
    f.finish(r, &["threshold", "round_to"]).then_some(d)
}

const ANALYSIS_FIELDS: &[&str] = &[
    "spc_min_points",
    "spc_screen_outliers",
    "spc_preset",
    "spc_trend_length",
    "spc_shift_length",
    "spc_rules",
    "spc_conflict",
    "spc_two_in_three",
    "spc_trend_direction",
    "spc_precedence",
    "forecast_points",
    "benchmark_group",
    "statistical_neighbours",
    "benchmark_period",
    "intervals",
];

fn read_analysis(r: &mut Reader, mut f: Fields) -> Option<RawAnalysis> {
    let mut count =
        |f: &mut Fields, key: &str| f.whole(r, key, u32::MAX.into()).map(|v| v as usize);
    let spc_min_points = count(&mut f, "spc_min_points");
    let spc_trend_length = count(&mut f, "spc_trend_length");
    let spc_shift_length = count(&mut f, "spc_shift_length");
    let forecast_points = count(&mut f, "forecast_points");
    let a = RawAnalysis {
        spc_min_points,
        spc_screen_outliers: f.flag(r, "spc_screen_outliers"),
        spc_preset: f.text(r, "spc_preset"),
        spc_trend_length,
        spc_shift_length,
        spc_rules: f.texts_given(r, "spc_rules"),
        spc_conflict: f.text(r, "spc_conflict"),
        spc_two_in_three: f.text(r, "spc_two_in_three"),
        spc_trend_direction: f.text(r, "spc_trend_direction"),
        spc_precedence: f.text(r, "spc_precedence"),
        forecast_points,
        benchmark_group: f.text(r, "benchmark_group"),
        statistical_neighbours: f.texts(r, "statistical_neighbours"),
        benchmark_period: f.text(r, "benchmark_period"),
        intervals: f.flag(r, "intervals"),
    };
    f.finish(r, ANALYSIS_FIELDS).then_some(a)
}

fn syntax(file: &str, line: Option<usize>, message: &str) -> Errors {
    let at = Location {
        file: file.to_string(),
        line,
        row: None,
        field: None,
        ..Location::default()
    };
    Errors::one(Error::new(
        ErrorKind::Syntax,
        at,
        message.trim().to_string(),
    ))
}

/// serde_json appends " at line L column C"; the location already says where.
fn json_message(e: &serde_json::Error) -> String {
    let s = e.to_string();
    if s.starts_with("recursion limit exceeded") {
        return "lists or objects nested more than 128 deep".into();
    }
    let at = format!(" at line {} column {}", e.line(), e.column());
    match s.strip_suffix(&at) {
        Some(message) => message.to_string(),
        None => s,
    }
}

struct Checker<'a> {
    file: &'a str,
    errors: Vec<Error>,
    /// The scorecard's disclosure settings: a measure's own block inherits what it leaves out.
    card_disclosure: Disclosure,
    /// The ids of measures left out for their problems.
    broken: Vec<String>,
    /// Notes on the measure being read, from its target (a due date given two ways).
    target_notes: Vec<String>,
}

impl Checker<'_> {
    fn push(&mut self, kind: ErrorKind, line: Option<usize>, field: &str, message: String) {
        let at = Location::at(self.file, line, field);
        self.errors.push(Error::new(kind, at, message));
    }

    /// The one message for a setting given a name that is not one of its choices.
    fn unknown_choice(&mut self, field: &str, name: &str, names: &[&str]) {
        let message = format!(
            "unknown choice {}: expected one of {}",
            quoted(&name),
            names.join(", ")
        );
        self.push(ErrorKind::Definition, None, field, message);
    }

    fn card(mut self, raw: RawCard) -> Partial {
        let status_rules = match raw.status {
            Some(s) if !(s.at_risk_tolerance_pct.is_finite() && s.at_risk_tolerance_pct >= 0.0) => {
                self.push(
                    ErrorKind::Definition,
                    None,
                    "status.at_risk_tolerance_pct",
                    "the tolerance must be a number of 0 or more".into(),
                );
                StatusRules::default()
            }
            Some(s) => StatusRules {
                at_risk_tolerance_pct: s.at_risk_tolerance_pct,
            },
            None => StatusRules::default(),
        };
        let analysis = self.analysis(raw.analysis.unwrap_or_default());
        let disclosure = self.disclosure(raw.disclosure, Disclosure::default(), None, "disclosure");
        self.card_disclosure = disclosure;
        let tables = self.tables(raw.tables);
        let mut section_ids = Keyed::new();
        let mut measure_ids = Keyed::new();
        let mut sections = Vec::new();
        let mut lines = Vec::new();
        for s in raw.sections {
            let line = s.line;
            if let Some(why) = look_alike("section", &s.id, &mut section_ids) {
                self.push(ErrorKind::Definition, line, "sections.id", why);
            }
            lines.push(line);
            sections.push(self.section(s, line, &mut measure_ids));
        }
        let risks = raw.risks.into_iter().filter_map(|r| self.risk(r)).collect();
        let projections = raw
            .projections
            .into_iter()
            .filter_map(|p| self.projection(p))
            .collect();
        if raw.id.trim().is_empty() {
            self.push(
                ErrorKind::Definition,
                Some(1),
                "id",
                "the scorecard id is empty".into(),
            );
        }
        self.check_parents(&sections, &lines);
        for m in sections.iter().flat_map(|s: &Section| &s.measures) {
            let Some(from) = &m.from else { continue };
            if !tables.iter().any(|t| t.id == from.table) {
                let known: Vec<&str> = tables.iter().map(|t| t.id.as_str()).collect();
                self.push(
                    ErrorKind::Definition,
                    m.line,
                    "from.table",
                    format!(
                        "measure {}: no table {} in [[tables]]{}",
                        quoted(&m.id),
                        quoted(&from.table),
                        if known.is_empty() {
                            String::new()
                        } else {
                            format!(" (the tables are {})", known.join(", "))
                        }
                    ),
                );
            }
        }
        let definition = Definition {
            id: raw.id,
            title: raw.title,
            area: raw.area,
            description: raw.description,
            source: raw.source,
            notes: raw.notes,
            status_rules,
            analysis,
            disclosure,
            sections,
            risks,
            projections,
            tables,
            file: self.file.to_string(),
        };
        Partial {
            definition: Some(definition),
            errors: self.errors,
            broken: self.broken,
        }
    }

    /// The published tables: ids unique, a known format, a file and our area named.
    fn tables(&mut self, raw: Vec<RawTable>) -> Vec<DataTable> {
        let mut out: Vec<DataTable> = Vec::new();
        for t in raw {
            let line = t.line;
            let before = self.errors.len();
            let bad = |this: &mut Self, field: &str, msg: String| {
                this.push(
                    ErrorKind::Definition,
                    line,
                    field,
                    format!("table {}: {msg}", quoted(&t.id)),
                );
            };
            if out.iter().any(|o| o.id == t.id) {
                bad(self, "tables.id", "a second table with this id".into());
            }
            let format = TableFormat::parse(&t.format);
            if format.is_none() {
                bad(
                    self,
                    "tables.format",
                    format!(
                        "unknown format {}: expected ees or fingertips",
                        quoted(&t.format)
                    ),
                );
            }
            if t.file.trim().is_empty() {
                bad(self, "tables.file", "the file's name is empty".into());
            }
            if t.area.trim().is_empty() {
                bad(
                    self,
                    "tables.area",
                    "no area: give our area's code (or, in an EES file, its name)".into(),
                );
            }
            if t.meta.is_some() && format == Some(TableFormat::Fingertips) {
                bad(
                    self,
                    "tables.meta",
                    "a .meta.csv file describes an EES table, not a Fingertips export".into(),
                );
            }
            if let (Some(format), true) = (format, self.errors.len() == before) {
                out.push(DataTable {
                    id: t.id,
                    format,
                    file: t.file,
                    meta: t.meta,
                    area: t.area.trim().to_string(),
                    line,
                });
            }
        }
        out
    }

    fn analysis(&mut self, a: RawAnalysis) -> Analysis {
        let mut out = Analysis::default();
        if let Some(on) = a.intervals {
            out.intervals = on;
        }
        use crate::model::options::SpcOptions;
        if let Some(name) = a.spc_preset.as_deref() {
            match SpcOptions::preset(name) {
                Some(o) => out.spc = o,
                None => self.push(
                    ErrorKind::Definition,
                    None,
                    "analysis.spc_preset",
                    format!(
                        "unknown SPC preset {}: expected {} (or default)",
                        quoted(&name),
                        SpcOptions::PRESETS.join(", ")
                    ),
                ),
            }
        }
        if let Some(b) = a.spc_screen_outliers {
            out.spc.screen_outliers = b;
        }
        for (field, v, slot) in [
            (
                "analysis.spc_trend_length",
                a.spc_trend_length,
                &mut out.spc.trend_length,
            ),
            (
                "analysis.spc_shift_length",
                a.spc_shift_length,
                &mut out.spc.shift_length,
            ),
        ] {
            match v {
                Some(n) if (3..=20).contains(&n) => *slot = n,
                Some(n) => self.push(
                    ErrorKind::Definition,
                    None,
                    field,
                    format!("a run length must be 3 to 20 points, not {n}"),
                ),
                None => {}
            }
        }
        if let Some(names) = &a.spc_rules {
            match crate::model::options::Rules::only(names) {
                Ok(r) => out.spc.rules = r,
                Err(why) => self.push(ErrorKind::Definition, None, "analysis.spc_rules", why),
            }
        }
        if let Some(name) = &a.spc_conflict {
            use crate::model::options::Conflict;
            match Conflict::parse(name) {
                Some(c) => out.spc.conflict = c,
                None => self.unknown_choice("analysis.spc_conflict", name, &Conflict::NAMES),
            }
        }
        if let Some(name) = &a.spc_two_in_three {
            use crate::model::options::TwoInThree;
            match TwoInThree::parse(name) {
                Some(t) => out.spc.two_in_three = t,
                None => self.unknown_choice("analysis.spc_two_in_three", name, &TwoInThree::NAMES),
            }
        }
        if let Some(name) = &a.spc_trend_direction {
            use crate::model::options::TrendDirection;
            match TrendDirection::parse(name) {
                Some(t) => out.spc.trend_direction = t,
                None => self.unknown_choice(
                    "analysis.spc_trend_direction",
                    name,
                    &TrendDirection::NAMES,
                ),
            }
        }
        if let Some(name) = &a.spc_precedence {
            use crate::model::options::Precedence;
            match Precedence::parse(name) {
                Some(p) => out.spc.precedence = p,
                None => self.unknown_choice("analysis.spc_precedence", name, &Precedence::NAMES),
            }
        }
        match a.spc_min_points {
            Some(n) if n >= 2 => out.spc_min_points = n,
            Some(n) => self.push(
                ErrorKind::Definition,
                None,
                "analysis.spc_min_points",
                format!("SPC needs at least 2 points, not {n}"),
            ),
            None => {}
        }
        match a.forecast_points {
            Some(n) if n >= 2 => out.forecast_points = Some(n),
            Some(n) => self.push(
                ErrorKind::Definition,
                None,
                "analysis.forecast_points",
                format!("a forecast line needs at least 2 points, not {n}"),
            ),
            None => {}
        }
        if let Some(g) = a.benchmark_group {
            out.benchmark_group = g;
        }
        out.statistical_neighbours = a.statistical_neighbours;
        if let Some(p) = a.benchmark_period {
            match BenchmarkPeriod::parse(&p) {
                Some(b) => out.benchmark_period = b,
                None => self.push(
                    ErrorKind::Definition,
                    None,
                    "analysis.benchmark_period",
                    format!("unknown benchmark_period {}: expected latest (LAIT's rule: every area at the latest period with figures) or own (each area at its own latest figure)", quoted(&p)),
                ),
            }
        }
        out
    }

    fn disclosure(
        &mut self,
        raw: Option<RawDisclosure>,
        base: Disclosure,
        line: Option<usize>,
        field: &str,
    ) -> Disclosure {
        let Some(r) = raw else { return base };
        if r.round_to == Some(0) {
            self.push(
                ErrorKind::Definition,
                line,
                &format!("{field}.round_to"),
                "rounding needs a base of 1 or more (or leave it out)".into(),
            );
        }
        Disclosure {
            threshold: r.threshold.unwrap_or(base.threshold),
            round_to: r.round_to.or(base.round_to),
        }
    }

    fn measure_spc(
        &mut self,
        id: &str,
        raw: RawMeasureSpc,
        unit: Option<Unit>,
        line: Option<usize>,
    ) -> MeasureSpc {
        use crate::model::options::ChartKind;
        let chart = match raw.chart.as_deref() {
            None => ChartKind::Xmr,
            Some(c) => match ChartKind::parse(c) {
                Some(k) => k,
                None => {
                    self.push(
                        ErrorKind::Definition,
                        line,
                        "spc.chart",
                        format!("measure {}: unknown chart {}: expected xmr, p_prime, u_prime, c, g or t", quoted(&id), quoted(&c)),
                    );
                    ChartKind::Xmr
                }
            },
        };
        // Each attribute chart is for one kind of figure.
        let fits = match (chart, unit) {
            (ChartKind::Xmr, _) | (_, None) => true,
            (ChartKind::PPrime, Some(u)) => u == Unit::Percentage,
            (ChartKind::UPrime, Some(u)) => matches!(u, Unit::Rate { .. } | Unit::Ratio),
            (ChartKind::C, Some(u)) => u == Unit::Count,
            (ChartKind::G | ChartKind::T, Some(u)) => matches!(u, Unit::Days | Unit::Count),
        };
        if !fits {
            let wants = match chart {
                ChartKind::PPrime => "a percentage given as numerator and denominator",
                ChartKind::UPrime => "a rate or ratio given as numerator and denominator",
                ChartKind::G | ChartKind::T => {
                    "the days (or cases) between rare events, a number of days or a count"
                }
                _ => "a count of events",
            };
            self.push(
                ErrorKind::Definition,
                line,
                "spc.chart",
                format!(
                    "measure {}: a {} is for {wants}, and the measure's unit is {}",
                    quoted(&id),
                    chart.label(),
                    unit.map_or("unknown", Unit::name)
                ),
            );
        }
        let rebase = raw
            .rebase
            .iter()
            .filter_map(|p| self.period(p, line, "spc.rebase"))
            .collect();
        if let Err(why) = SpcOptions::check_fix_after(raw.fix_after) {
            self.push(
                ErrorKind::Definition,
                line,
                "spc.fix_after",
                format!("measure {}: fix_after {why}", quoted(&id)),
            );
        }
        let fix_until = raw
            .fix_until
            .as_deref()
            .and_then(|p| self.period(p, line, "spc.fix_until"));
        if raw.fix_after.is_some() && raw.fix_until.is_some() {
            self.push(
                ErrorKind::Definition,
                line,
                "spc.fix_until",
                format!("measure {}: give fix_after (a number of points) or fix_until (a period), not both", quoted(&id)),
            );
        }
        // The attribute charts' limits follow each period's own denominator (or, for c, g and
        // t, every count): fixing them is not done, so it is refused rather than ignored.
        if chart != crate::model::options::ChartKind::Xmr
            && (raw.fix_after.is_some() || raw.fix_until.is_some())
        {
            let field = if raw.fix_after.is_some() {
                "spc.fix_after"
            } else {
                "spc.fix_until"
            };
            self.push(
                ErrorKind::Definition,
                line,
                field,
                format!(
                    "measure {}: fixed limits are drawn on XmR charts only, not on a {}",
                    quoted(&id),
                    chart.label()
                ),
            );
        }
        MeasureSpc {
            chart,
            rebase,
            fix_after: raw.fix_after,
            fix_until,
            disabled: raw.enabled == Some(false),
        }
    }

    /// Sections nest one level: a section's `parent` is another section (a priority holding
    /// its outcomes), which has no parent of its own.
    fn check_parents(&mut self, sections: &[Section], lines: &[Option<usize>]) {
        for (s, &line) in sections.iter().zip(lines) {
            let Some(parent) = &s.parent else { continue };
            let problem = match sections.iter().find(|p| &p.id == parent) {
                None => format!(
                    "section {}: no section {} to be its parent", quoted(&s.id), quoted(&parent)),
                Some(p) if p.id == s.id => format!("section {} cannot be its own parent", quoted(&s.id)),
                Some(p) => match &p.parent {
                    Some(grand) => format!(
                        "section {}: its parent {} is itself inside {}; sections nest one level (a priority, then its outcomes)", quoted(&s.id), quoted(&parent), quoted(&grand)),
                    None => continue,
                },
            };
            self.push(ErrorKind::Definition, line, "sections.parent", problem);
        }
    }

    fn section(
        &mut self,
        s: RawSection,
        line: Option<usize>,
        ids: &mut Keyed<String, String>,
    ) -> Section {
        let kind = match s.kind.as_str() {
            "priority" => SectionKind::Priority,
            "result" => SectionKind::Result,
            "service" => SectionKind::Service,
            other => {
                self.push(
                    ErrorKind::Definition,
                    line,
                    "sections.kind",
                    format!(
                        "section {}: unknown kind {}: expected priority, result or service",
                        quoted(&s.id),
                        quoted(&other)
                    ),
                );
                SectionKind::Priority
            }
        };
        let mut measures = Vec::new();
        for m in s.measures {
            let line = m.line;
            if m.id.trim().is_empty() {
                self.push(
                    ErrorKind::Definition,
                    line,
                    "id",
                    "a measure id is empty".into(),
                );
            } else if let Some(why) = look_alike("measure", &m.id, ids) {
                self.push(ErrorKind::Definition, line, "id", why);
            }
            let id = m.id.clone();
            match self.measure(m, line) {
                Some(m) => measures.push(m),
                None => self.broken.push(id),
            }
        }
        Section {
            id: s.id,
            title: s.title,
            kind,
            parent: s.parent.map(|p| p.trim().to_string()),
            description: s.description,
            measures,
        }
    }

    fn measure(&mut self, m: RawMeasure, line: Option<usize>) -> Option<Measure> {
        let before = self.errors.len();
        let id = m.id.clone();
        let bad = |this: &mut Self, field: &str, msg: String| {
            this.push(
                ErrorKind::Definition,
                line,
                field,
                format!("measure {}: {msg}", quoted(&id)),
            );
        };
        let kind = MeasureKind::parse(&m.kind);
        if kind.is_none() {
            bad(
                self,
                "kind",
                format!(
                    "unknown kind {}: expected indicator, how_much, how_well or better_off",
                    quoted(&m.kind)
                ),
            );
        }
        let unit = Unit::parse(&m.unit, m.per)
            .map_err(|e| bad(self, "unit", e))
            .ok();
        let polarity = Polarity::parse(&m.polarity);
        if polarity.is_none() {
            bad(
                self,
                "polarity",
                format!(
                    "unknown polarity {}: expected higher_is_better, lower_is_better or neutral",
                    quoted(&m.polarity)
                ),
            );
        }
        let frequency = m.frequency.as_deref().and_then(|f| {
            let parsed = Frequency::parse(f);
            if parsed.is_none() {
                bad(self, "frequency", format!("unknown frequency {}: expected monthly, quarterly, termly, annual, academic_year, financial_year or adhoc", quoted(&f)));
            }
            parsed
        });
        let counts = match m.counts.as_deref() {
            None => Counts::default(),
            Some(c) => Counts::parse(c).unwrap_or_else(|| {
                bad(
                    self,
                    "counts",
                    format!(
                        "unknown counts {}: expected people, events or services",
                        quoted(&c)
                    ),
                );
                Counts::default()
            }),
        };
        if let Some(d) = m.decimals.filter(|&d| d > 6) {
            bad(
                self,
                "decimals",
                format!("{d} decimal places: at most 6 (every figure is kept to 6)"),
            );
        }
        let window = m
            .window
            .as_deref()
            .and_then(|w| match WindowSpec::parse(w) {
                Ok(WindowSpec::Period) => None,
                Ok(spec) => Some(spec),
                Err(why) => {
                    bad(self, "window", why);
                    None
                }
            });
        let turn_the_curve = m.turn_the_curve.map(|t| {
            // Blank text is no text: a template's empty fields are not published as such.
            let text =
                |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
            let list = |v: Vec<String>| -> Vec<String> {
                v.into_iter()
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            };
            TurnTheCurve {
                story: text(t.story),
                partners: list(t.partners),
                what_works: t
                    .what_works
                    .into_iter()
                    .filter_map(|w| {
                        let (words, evidence) = match w {
                            RawWhatWorks::Text(t) => (t, None),
                            RawWhatWorks::Evidenced(e) => (e.text, e.evidence),
                        };
                        Some(WhatWorks::new(text(Some(words))?, text(evidence)))
                    })
                    .collect(),
                actions: list(t.actions),
                data_development: text(t.data_development),
                source: text(t.source),
            }
        });
        let baseline = m.baseline.and_then(|b| self.baseline(&m.id, b, line));
        let spc = m
            .spc
            .map(|r| self.measure_spc(&m.id, r, unit, line))
            .unwrap_or_default();
        let disclosure = m
            .disclosure
            .map(|r| self.disclosure(Some(r), self.card_disclosure, line, "disclosure"));
        self.target_notes.clear();
        let (target, wording) = match m.target {
            Some(t) => {
                let wording = t.wording.clone();
                (self.target(&m.id, t, line, None), wording)
            }
            None => (None, None),
        };
        let from = m.from.and_then(|f| {
            if f.indicator.trim().is_empty() {
                bad(
                    self,
                    "from.indicator",
                    "the indicator is empty: name the indicator column (EES) or id (Fingertips)"
                        .into(),
                );
                return None;
            }
            Some(MeasureFrom {
                table: f.table,
                indicator: f.indicator.trim().to_string(),
                filters: f.filters.into_iter().collect(),
            })
        });
        let (Some(kind), Some(unit), Some(polarity)) = (kind, unit, polarity) else {
            return None;
        };
        let measure = Measure {
            id: m.id,
            name: m.name,
            kind,
            unit,
            polarity,
            frequency,
            source: m.source,
            owner: m.owner,
            breakdowns: m.breakdowns,
            to_be_developed: m.to_be_developed,
            baseline,
            target,
            wording,
            spc,
            disclosure,
            notes: m
                .notes
                .into_iter()
                .chain(std::mem::take(&mut self.target_notes))
                .collect(),
            interval: m.interval,
            counts,
            decimals: m.decimals,
            window,
            turn_the_curve: turn_the_curve.unwrap_or_default(),
            from,
            line,
        };
        self.check_target_against(&measure);
        (self.errors.len() == before).then_some(measure)
    }

    /// A due date the plan gives two ways: judged against the later, so that the target is
    /// never missed while one reading of the plan still allows time, with a note saying so.
    fn due_two_ways(
        &mut self,
        dates: &[String],
        line: Option<usize>,
        field: &str,
    ) -> Option<Period> {
        let [a, b] = dates else {
            self.push(
                ErrorKind::Target,
                line,
                field,
                format!(
                    "{} due dates: give one, or the two the plan gives for the same target",
                    dates.len()
                ),
            );
            return None;
        };
        let (a, b) = (self.period(a, line, field)?, self.period(b, line, field)?);
        let later = if b.end() > a.end() { b } else { a };
        if a.end() != b.end() {
            self.target_notes.push(format!(
                "The plan gives the due date two ways ({a} and {b}): the target is judged against the later, {later}, so it is not missed before then."
            ));
        }
        Some(later)
    }

    fn period(&mut self, text: &str, line: Option<usize>, field: &str) -> Option<Period> {
        match text.parse::<Period>() {
            Ok(p) => Some(p),
            Err(e) => {
                self.push(ErrorKind::Period, line, field, e.to_string());
                None
            }
        }
    }

    fn baseline(&mut self, id: &str, b: RawBaseline, line: Option<usize>) -> Option<Baseline> {
        let bad = |this: &mut Self, field: &str, msg: &str| {
            this.push(
                ErrorKind::Definition,
                line,
                field,
                format!("measure {}: {msg}", quoted(&id)),
            );
        };
        match (b.first_observation, b.period, b.value) {
            (true, None, None) => Some(Baseline::First),
            (true, _, _) => {
                bad(
                    self,
                    "baseline",
                    "first_observation takes neither a period nor a value",
                );
                None
            }
            (false, None, _) => {
                bad(
                    self,
                    "baseline.period",
                    "a baseline needs a period (or first_observation = true)",
                );
                None
            }
            (false, Some(p), value) => {
                let period = self.period(&p, line, "baseline.period")?;
                match value {
                    Some(v) if !v.is_finite() => {
                        bad(
                            self,
                            "baseline.value",
                            "the baseline value must be a finite number",
                        );
                        None
                    }
                    Some(value) => Some(Baseline::Stated { period, value }),
                    None => Some(Baseline::Observed { period }),
                }
            }
        }
    }

    fn target(
        &mut self,
        id: &str,
        t: RawTarget,
        line: Option<usize>,
        milestone: Option<usize>,
    ) -> Option<Target> {
        let in_milestone = milestone.is_some();
        // A milestone's problem names the milestone (1-based) and its line, not the measure's.
        let (line, path, who) = match milestone {
            None => (
                line,
                "target".to_string(),
                format!("measure {}", quoted(&id)),
            ),
            Some(k) => (
                t.line.or(line),
                format!("target.milestones[{}]", k + 1),
                format!("measure {}, milestone {}", quoted(&id), k + 1),
            ),
        };
        let before = self.errors.len();
        let bad = |this: &mut Self, field: &str, msg: String| {
            this.push(
                ErrorKind::Target,
                line,
                &format!("{path}.{field}"),
                format!("{who}: {msg}"),
            );
        };
        let due = match &t.due {
            None => None,
            Some(RawDue::One(d)) => self.period(d, line, &format!("{path}.due")),
            Some(RawDue::Two(ds)) => self.due_two_ways(ds, line, &format!("{path}.due")),
        };
        let fields = [
            ("change", t.change.is_some()),
            ("value", t.value.is_some()),
            ("comparison", t.comparison.is_some()),
            ("comparator", t.comparator.is_some()),
            ("group", t.group.is_some()),
            ("milestones", t.milestones.is_some()),
        ];
        let (needs, may): (&[&str], &[&str]) = match t.kind.as_str() {
            "relative" | "points" => (&["change"], &[]),
            "absolute" => (&["value"], &[]),
            "threshold" => (&["value", "comparison"], &[]),
            "comparator" => (&["comparator"], &[]),
            "quartile" => (&["group"], &[]),
            "gap" => (&["comparator"], &["change", "value"]),
            "milestones" if !in_milestone => (&["milestones"], &[]),
            "direction" if !in_milestone => (&[], &[]),
            other => {
                let expected = if in_milestone {
                    "relative, points, absolute, threshold, comparator, quartile or gap"
                } else {
                    "relative, points, absolute, threshold, comparator, quartile, gap, milestones or direction"
                };
                bad(
                    self,
                    "kind",
                    format!(
                        "unknown target kind {}: expected {expected}",
                        quoted(&other)
                    ),
                );
                return None;
            }
        };
        for (name, present) in fields {
            if present && !needs.contains(&name) && !may.contains(&name) {
                bad(self, name, format!("a {} target takes no {name}", t.kind));
            }
            if !present && needs.contains(&name) {
                bad(self, name, format!("a {} target needs {name}", t.kind));
            }
        }
        for (name, x) in [("change", t.change), ("value", t.value)] {
            if x.is_some_and(|x| !x.is_finite()) {
                bad(self, name, format!("the {name} must be a finite number"));
            }
        }
        if self.errors.len() > before {
            return None;
        }
        let change = t.change.unwrap_or(0.0);
        let value = t.value.unwrap_or(0.0);
        let rule = match t.kind.as_str() {
            "relative" => {
                if change < -100.0 {
                    bad(
                        self,
                        "change",
                        format!(
                            "a reduction of {}% would give a negative target",
                            crate::num::shortest(-change)
                        ),
                    );
                    return None;
                }
                Rule::Change(Change::Relative { pct: change })
            }
            "points" => Rule::Change(Change::Points { points: change }),
            "absolute" => Rule::Absolute { value },
            "threshold" => {
                let text = t.comparison.unwrap_or_default();
                let Some(comparison) = Comparison::parse(&text) else {
                    bad(
                        self,
                        "comparison",
                        format!(
                            "unknown comparison {}: expected at_least, at_most or exactly",
                            quoted(&text)
                        ),
                    );
                    return None;
                };
                Rule::Threshold { comparison, value }
            }
            "comparator" => Rule::Comparator {
                name: t.comparator.unwrap_or_default(),
            },
            "quartile" => Rule::Quartile {
                group: t.group.unwrap_or_default(),
            },
            "gap" => {
                let goal = match (t.change, t.value) {
                    (Some(pct), None) => GapGoal::Relative { pct },
                    (None, Some(value)) => GapGoal::Value { value },
                    _ => {
                        bad(self, "change", "a gap target needs either change (relative to the baseline gap) or value (the gap to reach), not both".into());
                        return None;
                    }
                };
                Rule::Gap {
                    comparator: t.comparator.unwrap_or_default(),
                    goal,
                }
            }
            "direction" => Rule::Direction,
            _ => return self.milestones(id, t.milestones.unwrap_or_default(), line),
        };
        Some(Target::Single { rule, due })
    }

    fn milestones(&mut self, id: &str, raw: Vec<RawTarget>, line: Option<usize>) -> Option<Target> {
        if raw.is_empty() {
            self.push(
                ErrorKind::Target,
                line,
                "target.milestones",
                format!("measure {}: milestones is empty", quoted(&id)),
            );
            return None;
        }
        let mut out: Vec<Milestone> = Vec::new();
        for (k, step) in raw.into_iter().enumerate() {
            let at = step.line.or(line);
            let Some(Target::Single { rule, due }) = self.target(id, step, line, Some(k)) else {
                continue;
            };
            let field = format!("target.milestones[{}].due", k + 1);
            let Some(due) = due else {
                self.push(
                    ErrorKind::Target,
                    at,
                    &field,
                    format!(
                        "measure {}, milestone {}: every milestone needs a due date",
                        quoted(&id),
                        k + 1
                    ),
                );
                continue;
            };
            if let Some(prev) = out.last() {
                if due.end() <= prev.due.end() {
                    self.push(
                        ErrorKind::Target,
                        at,
                        &field,
                        format!(
                            "measure {}, milestone {}: due {due}, it must come after the milestone before it ({})", quoted(&id), k + 1, prev.due),
                    );
                }
            }
            out.push(Milestone { due, rule });
        }
        Some(Target::Milestones(out))
    }

    /// Checks that need both the target and the rest of the measure.
    fn check_target_against(&mut self, m: &Measure) {
        let Some(target) = &m.target else { return };
        let bad = |this: &mut Self, field: &str, msg: String| {
            this.push(
                ErrorKind::Target,
                m.line,
                field,
                format!("measure {}: {msg}", quoted(&m.id)),
            );
        };
        let rules: Vec<&Rule> = match target {
            Target::Single { rule, .. } => vec![rule],
            Target::Milestones(ms) => ms.iter().map(|m| &m.rule).collect(),
        };
        for rule in &rules {
            let relative = matches!(rule, Rule::Change(Change::Relative { .. }));
            if let (true, Some(Baseline::Stated { value, .. })) = (relative, &m.baseline) {
                if *value == 0.0 {
                    bad(self, "baseline.value", "a relative target on a zero baseline has no meaning: state the target as points or an absolute value".into());
                } else if *value < 0.0 {
                    bad(self, "baseline.value", format!("a relative target on a negative baseline ({}) is ambiguous: state the target as points or an absolute value", crate::num::shortest(*value)));
                }
            }
            if let Rule::Absolute { value } | Rule::Threshold { value, .. } = rule {
                if m.unit == Unit::Percentage && !(0.0..=100.0).contains(value) {
                    bad(
                        self,
                        "target.value",
                        format!(
                            "a percentage target must be 0 to 100, not {}",
                            crate::num::shortest(*value)
                        ),
                    );
                }
            }
        }
        if target.needs_baseline() && m.baseline.is_none() {
            bad(
                self,
                "baseline",
                format!(
                    "a {} target is a change from a baseline: give the measure a baseline",
                    target.kind_name()
                ),
            );
        }
        if let (Some(due), Some(bp)) = (
            target.final_due(),
            m.baseline.as_ref().and_then(Baseline::period),
        ) {
            if due.end() <= bp.end() {
                bad(
                    self,
                    "target.due",
                    format!(
                        "the target's due date {due} does not come after its baseline period {bp}"
                    ),
                );
            }
        }
    }

    fn risk(&mut self, r: RawRisk) -> Option<Risk> {
        let line = r.line;
        let mut ok = true;
        for (field, v) in [("likelihood", r.likelihood), ("impact", r.impact)] {
            if !(1..=5).contains(&v) {
                self.push(
                    ErrorKind::Definition,
                    line,
                    &format!("risks.{field}"),
                    format!("risk {}: {field} must be 1 to 5, not {v}", quoted(&r.id)),
                );
                ok = false;
            }
        }
        ok.then_some(Risk {
            id: r.id,
            title: r.title,
            likelihood: r.likelihood,
            impact: r.impact,
            mitigation: r.mitigation,
            owner: r.owner,
        })
    }

    fn projection(&mut self, p: RawProjection) -> Option<Projection> {
        let line = p.line;
        let base_period = self.period(&p.base_period, line, "projections.base_period");
        let mut steps = Vec::new();
        for s in p.steps {
            let period = self.period(&s.period, line, "projections.steps.period");
            if !s.growth_pct.is_finite() || s.growth_pct <= -100.0 {
                self.push(
                    ErrorKind::Definition,
                    line,
                    "projections.steps.growth_pct",
                    format!(
                        "projection {}: growth must be a finite number above -100",
                        quoted(&p.id)
                    ),
                );
            }
            steps.extend(period.map(|period| (period, s.growth_pct)));
        }
        if !p.base.is_finite() {
            self.push(
                ErrorKind::Definition,
                line,
                "projections.base",
                format!(
                    "projection {}: the base must be a finite number",
                    quoted(&p.id)
                ),
            );
            return None;
        }
        Some(Projection {
            id: p.id,
            name: p.name,
            base_period: base_period?,
            base: p.base,
            steps,
            source: p.source,
        })
    }
}

/// Why `id` cannot be told apart from the ids already `seen` (each by its folded form), or
/// holds a character that hides or reorders text; `None` when it is fine (and then it is seen).
/// Ids that differ only by case, by a zero-width or other invisible character, or by an accent
/// written as a combining mark rather than with its letter, would look the same in every report.
fn look_alike(what: &str, id: &str, seen: &mut Keyed<String, String>) -> Option<String> {
    let hidden = |c: char| {
        c.is_control()
            || matches!(c, '\u{00ad}' | '\u{034f}' | '\u{061c}' | '\u{180e}' | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}')
    };
    if let Some(c) = id.chars().find(|&c| hidden(c)) {
        return Some(format!(
            "{what} id {} holds an invisible character (U+{:04X}): ids must read as they are",
            quoted(&id),
            u32::from(c)
        ));
    }
    // Combining marks in every block Unicode has for them: an accent written apart from its
    // letter looks like the letter with the accent.
    let combining = |c: char| {
        matches!(c, '\u{0300}'..='\u{036f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}'
            | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
    };
    if let Some(c) = id.chars().find(|&c| combining(c)) {
        return Some(format!(
            "{what} id {} holds a combining mark (U+{:04X}): write the letter and its accent \
             as one character",
            quoted(&id),
            u32::from(c)
        ));
    }
    // What Unicode's compatibility normalisation (NFKC) would fold into plain letters and
    // digits: full-width and half-width forms, ligatures, styled mathematical letters,
    // superscripts and subscripts, circled and parenthesised forms, the ideographic space.
    // Refused outright, so that no normalisation table need ship in the WebAssembly build.
    let compatibility = |c: char| {
        matches!(c, '\u{ff00}'..='\u{ffef}' | '\u{fb00}'..='\u{fb4f}' | '\u{1d400}'..='\u{1d7ff}'
            | '\u{2070}'..='\u{209f}' | '\u{2460}'..='\u{24ff}' | '\u{3000}' | '\u{00b2}'
            | '\u{00b3}' | '\u{00b9}' | '\u{2150}'..='\u{218f}')
    };
    if let Some(c) = id.chars().find(|&c| compatibility(c)) {
        return Some(format!(
            "{what} id {} holds U+{:04X}, a full-width, styled or compatibility form of a \
             plain character: write the plain letter or digit",
            quoted(&id),
            u32::from(c)
        ));
    }
    let folded: String = id.chars().map(fold_case).collect();
    match seen.get(&folded) {
        Some(first) if first == id => Some(format!("duplicate {what} id {}", quoted(&id))),
        Some(first) => Some(format!(
            "{what} id {} differs from {} only by case: ids must be told apart at a \
             glance",
            quoted(&id),
            quoted(&first)
        )),
        None => {
            seen.insert(folded, id.to_string());
            None
        }
    }
}

/// A letter's lower case, for telling ids apart, by rule rather than through Unicode's case
/// tables (which add 8 KB to the gzipped WebAssembly module): the capitals of ASCII, Latin-1,
/// Latin Extended-A, Greek and Cyrillic, the scripts of the names councils give; any other
/// character is itself. Where it folds, it agrees with Unicode (a test checks every one).
fn fold_case(c: char) -> char {
    let u = u32::from(c);
    let lower = match u {
        0x41..=0x5a | 0xc0..=0xd6 | 0xd8..=0xde | 0x391..=0x3a1 | 0x3a3..=0x3ab | 0x410..=0x42f => {
            u + 0x20
        }
        0x100..=0x12f | 0x132..=0x137 | 0x14a..=0x177 if u % 2 == 0 => u + 1,
        0x139..=0x148 | 0x179..=0x17e if u % 2 == 1 => u + 1,
        0x178 => 0xff,
        0x400..=0x40f => u + 0x50,
        _ => u,
    };
    char::from_u32(lower).unwrap_or(c)
}

/// Writes a definition back in the file format's structure (JSON), so that reading the result
/// gives the same definition.
impl Definition {
    /// The definition as JSON in the definition file's own structure (what `from_json` reads).
    pub fn to_json(&self) -> String {
        to_json(self)
    }
}

fn to_json(d: &Definition) -> String {
    crate::json::to_string_pretty(&raw_card(d)).unwrap_or_default()
}

fn raw_card(d: &Definition) -> RawCard {
    RawCard {
        id: d.id.clone(),
        title: d.title.clone(),
        area: d.area.clone(),
        description: d.description.clone(),
        source: d.source.clone(),
        notes: d.notes.clone(),
        status: (d.status_rules != StatusRules::default()).then_some(RawStatusRules {
            at_risk_tolerance_pct: d.status_rules.at_risk_tolerance_pct,
        }),
        analysis: raw_analysis(&d.analysis),
        disclosure: (d.disclosure != Disclosure::default()).then_some(RawDisclosure {
            threshold: Some(d.disclosure.threshold),
            round_to: d.disclosure.round_to,
        }),
        sections: d.sections.iter().map(raw_section).collect(),
        risks: d
            .risks
            .iter()
            .map(|r| RawRisk {
                line: None,
                id: r.id.clone(),
                title: r.title.clone(),
                likelihood: r.likelihood,
                impact: r.impact,
                mitigation: r.mitigation.clone(),
                owner: r.owner.clone(),
            })
            .collect(),
        projections: d
            .projections
            .iter()
            .map(|p| RawProjection {
                line: None,
                id: p.id.clone(),
                name: p.name.clone(),
                base_period: p.base_period.to_string(),
                base: p.base,
                steps: p
                    .steps
                    .iter()
                    .map(|(period, g)| RawStep {
                        period: period.to_string(),
                        growth_pct: *g,
                    })
                    .collect(),
                source: p.source.clone(),
            })
            .collect(),
        tables: d
            .tables
            .iter()
            .map(|t| RawTable {
                line: None,
                id: t.id.clone(),
                format: t.format.key().to_string(),
                file: t.file.clone(),
                meta: t.meta.clone(),
                area: t.area.clone(),
            })
            .collect(),
    }
}

fn raw_analysis(a: &Analysis) -> Option<RawAnalysis> {
    use crate::model::options::{Rules, SpcOptions};
    let d = Analysis::default();
    // The preset with the same limit width (which no single setting names), the same
    // two-in-three reading where one has it, then each setting that differs from it: read back,
    // the options are the same.
    let width = |n: &&str| SpcOptions::preset(n).is_some_and(|p| p.limits == a.spc.limits);
    let preset = SpcOptions::PRESETS
        .into_iter()
        .filter(width)
        .find(|n| SpcOptions::preset(n).is_some_and(|p| p.two_in_three == a.spc.two_in_three))
        .or_else(|| SpcOptions::PRESETS.into_iter().find(width));
    let base = preset.and_then(SpcOptions::preset).unwrap_or_default();
    let on = |r: Rules| {
        [r.outside, r.trend, r.two_in_three, r.shift]
            .into_iter()
            .zip(Rules::NAMES)
            .filter(|(on, _)| *on)
            .map(|(_, n)| n.to_string())
            .collect::<Vec<_>>()
    };
    let raw = RawAnalysis {
        spc_min_points: (a.spc_min_points != d.spc_min_points).then_some(a.spc_min_points),
        spc_screen_outliers: (a.spc.screen_outliers != base.screen_outliers)
            .then_some(a.spc.screen_outliers),
        spc_preset: preset
            .filter(|n| *n != "nhsr_plotthedots")
            .map(str::to_string),
        spc_trend_length: (a.spc.trend_length != base.trend_length).then_some(a.spc.trend_length),
        spc_shift_length: (a.spc.shift_length != base.shift_length).then_some(a.spc.shift_length),
        spc_rules: (a.spc.rules != base.rules).then(|| on(a.spc.rules)),
        spc_conflict: (a.spc.conflict != base.conflict).then(|| a.spc.conflict.name().to_string()),
        spc_two_in_three: (a.spc.two_in_three != base.two_in_three)
            .then(|| a.spc.two_in_three.name().to_string()),
        spc_trend_direction: (a.spc.trend_direction != base.trend_direction)
            .then(|| a.spc.trend_direction.name().to_string()),
        spc_precedence: (a.spc.precedence != base.precedence)
            .then(|| a.spc.precedence.name().to_string()),
        forecast_points: a.forecast_points,
        benchmark_group: (a.benchmark_group != d.benchmark_group)
            .then(|| a.benchmark_group.clone()),
        statistical_neighbours: a.statistical_neighbours.clone(),
        benchmark_period: (a.benchmark_period != d.benchmark_period)
            .then(|| a.benchmark_period.key().to_string()),
        intervals: (a.intervals != d.intervals).then_some(a.intervals),
    };
    (raw != RawAnalysis::default()).then_some(raw)
}

fn raw_section(s: &Section) -> RawSection {
    RawSection {
        line: None,
        id: s.id.clone(),
        title: s.title.clone(),
        kind: match s.kind {
            SectionKind::Priority => "priority",
            SectionKind::Result => "result",
            SectionKind::Service => "service",
        }
        .to_string(),
        parent: s.parent.clone(),
        description: s.description.clone(),
        measures: s.measures.iter().map(raw_measure).collect(),
    }
}

fn raw_measure(m: &Measure) -> RawMeasure {
    RawMeasure {
        line: None,
        id: m.id.clone(),
        name: m.name.clone(),
        kind: m.kind.name().to_string(),
        unit: m.unit.name().to_string(),
        per: match m.unit {
            Unit::Rate { per } => Some(per.get()),
            _ => None,
        },
        polarity: m.polarity.name().to_string(),
        frequency: m.frequency.map(|f| f.name().to_string()),
        source: m.source.clone(),
        owner: m.owner.clone(),
        breakdowns: m.breakdowns.clone(),
        to_be_developed: m.to_be_developed,
        baseline: m.baseline.as_ref().map(|b| match b {
            Baseline::Stated { period, value } => RawBaseline {
                period: Some(period.to_string()),
                value: Some(*value),
                first_observation: false,
            },
            Baseline::Observed { period } => RawBaseline {
                period: Some(period.to_string()),
                value: None,
                first_observation: false,
            },
            Baseline::First => RawBaseline {
                period: None,
                value: None,
                first_observation: true,
            },
        }),
        target: m.target.as_ref().map(|t| {
            let mut raw = match t {
                Target::Single { rule, due } => raw_rule(rule, *due),
                Target::Milestones(ms) => RawTarget {
                    milestones: Some(ms.iter().map(|m| raw_rule(&m.rule, Some(m.due))).collect()),
                    ..empty_target("milestones", None)
                },
            };
            raw.wording = m.wording.clone();
            raw
        }),
        disclosure: m.disclosure.map(|d| RawDisclosure {
            threshold: Some(d.threshold),
            round_to: d.round_to,
        }),
        spc: (m.spc != MeasureSpc::default()).then(|| RawMeasureSpc {
            chart: (m.spc.chart != crate::model::options::ChartKind::Xmr)
                .then(|| m.spc.chart.key().to_string()),
            rebase: m.spc.rebase.iter().map(ToString::to_string).collect(),
            fix_after: m.spc.fix_after,
            fix_until: m.spc.fix_until.map(|p| p.to_string()),
            enabled: m.spc.disabled.then_some(false),
        }),
        notes: m.notes.clone(),
        interval: m.interval,
        counts: (m.counts != Counts::default()).then(|| m.counts.name().to_string()),
        decimals: m.decimals,
        window: m.window.map(|w| w.text()),
        turn_the_curve: (!m.turn_the_curve.is_empty() || m.turn_the_curve.source.is_some()).then(
            || {
                let t = &m.turn_the_curve;
                RawTurnTheCurve {
                    story: t.story.clone(),
                    partners: t.partners.clone(),
                    what_works: t
                        .what_works
                        .iter()
                        .map(|w| match &w.evidence {
                            None => RawWhatWorks::Text(w.text.clone()),
                            Some(e) => RawWhatWorks::Evidenced(RawEvidenced {
                                text: w.text.clone(),
                                evidence: Some(e.clone()),
                            }),
                        })
                        .collect(),
                    actions: t.actions.clone(),
                    data_development: t.data_development.clone(),
                    source: t.source.clone(),
                }
            },
        ),
        from: m.from.as_ref().map(|f| RawFrom {
            table: f.table.clone(),
            indicator: f.indicator.clone(),
            filters: f.filters.iter().cloned().collect(),
        }),
    }
}

fn empty_target(kind: &str, due: Option<Period>) -> RawTarget {
    RawTarget {
        line: None,
        kind: kind.to_string(),
        due: due.map(|d| RawDue::One(d.to_string())),
        change: None,
        value: None,
        comparison: None,
        comparator: None,
        group: None,
        milestones: None,
        wording: None,
    }
}

fn raw_rule(rule: &Rule, due: Option<Period>) -> RawTarget {
    let base = empty_target(rule.kind_name(), due);
    match rule {
        Rule::Change(Change::Relative { pct }) => RawTarget {
            change: Some(*pct),
            ..base
        },
        Rule::Change(Change::Points { points }) => RawTarget {
            change: Some(*points),
            ..base
        },
        Rule::Absolute { value } => RawTarget {
            value: Some(*value),
            ..base
        },
        Rule::Threshold { comparison, value } => RawTarget {
            value: Some(*value),
            comparison: Some(
                match comparison {
                    Comparison::AtLeast => "at_least",
                    Comparison::AtMost => "at_most",
                    Comparison::Exactly => "exactly",
                }
                .to_string(),
            ),
            ..base
        },
        Rule::Comparator { name } => RawTarget {
            comparator: Some(name.clone()),
            ..base
        },
        Rule::Quartile { group } => RawTarget {
            group: Some(group.clone()),
            ..base
        },
        Rule::Gap { comparator, goal } => {
            let (change, value) = match goal {
                GapGoal::Relative { pct } => (Some(*pct), None),
                GapGoal::Value { value } => (None, Some(*value)),
            };
            RawTarget {
                comparator: Some(comparator.clone()),
                change,
                value,
                ..base
            }
        }
        Rule::Direction => base,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CARD: &str = r#"
id = "t"
title = "Test"

[[sections]]
id = "s1"
title = "Section"
kind = "priority"

[[sections.measures]]
id = "m1"
name = "Dissatisfied"
kind = "how_well"
unit = "percentage"
polarity = "lower_is_better"
baseline = { period = "2019-04", value = 32 }
target = { kind = "relative", change = -50, due = "2020-05" }
"#;

    fn errors(text: &str) -> Vec<String> {
        parse(text, "scorecard.toml", Format::Toml)
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn reads_a_card() {
        let d = parse(CARD, "scorecard.toml", Format::Toml).unwrap();
        let m = &d.sections[0].measures[0];
        assert_eq!(m.line, Some(11));
        assert_eq!(m.unit, Unit::Percentage);
        assert_eq!(
            m.target,
            Some(Target::Single {
                rule: Rule::Change(Change::Relative { pct: -50.0 }),
                due: Some("2020-05".parse().unwrap())
            })
        );
    }

    #[test]
    fn syntax_errors_name_the_line() {
        let e = errors("id = \"t\"\ntitle = \n");
        assert!(e[0].starts_with("scorecard.toml:2: "), "{e:?}");
        let e = errors(&CARD.replace(
            "polarity = \"lower_is_better\"",
            "polarity = \"lower_is_better\"\ncolour = \"red\"",
        ));
        assert!(e[0].contains("unknown field `colour`"), "{e:?}");
    }

    #[test]
    fn zero_baseline_for_a_relative_target() {
        let e = errors(&CARD.replace("value = 32", "value = 0"));
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].starts_with("scorecard.toml:11: field \"baseline.value\": measure \"m1\": a relative target on a zero baseline"), "{e:?}");
    }

    #[test]
    fn target_due_before_its_baseline() {
        let e = errors(&CARD.replace("due = \"2020-05\"", "due = \"2019-03\""));
        assert!(e[0].starts_with("scorecard.toml:11: field \"target.due\": measure \"m1\": the target's due date 2019-03 does not come after its baseline period 2019-04"), "{e:?}");
    }

    #[test]
    fn every_problem_is_reported() {
        let text = CARD
            .replace("unit = \"percentage\"", "unit = \"furlongs\"")
            .replace("kind = \"how_well\"", "kind = \"how_good\"")
            .replace("due = \"2020-05\"", "due = \"2020-13\"");
        let e = errors(&text);
        assert_eq!(e.len(), 3, "{e:?}");
        assert!(
            e.iter()
                .any(|m| m.contains("field \"target.due\": cannot read \"2020-13\"")),
            "{e:?}"
        );
    }

    #[test]
    fn target_fields_must_fit_the_kind() {
        let e = errors(&CARD.replace(
            "kind = \"relative\", change = -50",
            "kind = \"threshold\", change = -50",
        ));
        assert!(
            e.iter()
                .any(|m| m.contains("a threshold target takes no change")),
            "{e:?}"
        );
        assert!(
            e.iter()
                .any(|m| m.contains("a threshold target needs value")),
            "{e:?}"
        );
        let e = errors(&CARD.replace("kind = \"relative\"", "kind = \"percent\""));
        assert!(e[0].contains("unknown target kind \"percent\""), "{e:?}");
    }

    #[test]
    fn definitions_round_trip_through_json() {
        // Every example: parse, write back, parse again: the same definition.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        for ex in ["dorset", "dudley-wsoa", "stockton", "dudley-strategy"] {
            let text =
                std::fs::read_to_string(root.join("examples").join(ex).join("scorecard.toml"))
                    .unwrap();
            let d = parse(&text, "s.toml", Format::Toml).unwrap();
            let back = parse(&to_json(&d), "s.json", Format::Json).unwrap();
            // Lines and the file name say where a definition was read from, not what it is.
            let strip = |mut d: Definition| {
                d.file.clear();
                d.sections
                    .iter_mut()
                    .flat_map(|s| s.measures.iter_mut())
                    .for_each(|m| m.line = None);
                d
            };
            assert_eq!(strip(back), strip(d), "{ex}");
        }
    }

    #[test]
    fn case_folding_agrees_with_unicode_and_covers_the_european_scripts() {
        for u in 0..0x500u32 {
            let Some(c) = char::from_u32(u) else { continue };
            let unicode: Vec<char> = c.to_lowercase().collect();
            let ours = fold_case(c);
            if ours != c {
                assert_eq!(unicode, [ours], "U+{u:04X}");
            }
            // Every capital of the covered blocks with a one-letter lower case is folded.
            let covered = matches!(u, 0x41..=0x5a | 0xc0..=0xde | 0x100..=0x17f | 0x391..=0x3ab | 0x400..=0x42f);
            if covered && u != 0x130 && unicode.len() == 1 && unicode[0] != c {
                assert_eq!(ours, unicode[0], "U+{u:04X}");
            }
        }
        let mut seen = Keyed::new();
        assert_eq!(look_alike("measure", "École-1", &mut seen), None);
        assert!(
            look_alike("measure", "éCOLE-1", &mut seen).is_some_and(|w| w.contains("only by case"))
        );
        assert!(look_alike("measure", "ДОМ", &mut seen).is_none());
        assert!(look_alike("measure", "дом", &mut seen).is_some_and(|w| w.contains("only by case")));
    }

    #[test]
    fn json_has_the_same_structure() {
        let json = r#"{"id": "t", "title": "T", "sections": [{"id": "s", "title": "S", "kind": "result",
          "measures": [{"id": "m", "name": "M", "kind": "indicator", "unit": "rate", "per": 1000,
          "polarity": "neutral"}]}]}"#;
        let d = parse(json, "scorecard.json", Format::Json).unwrap();
        assert_eq!(d.sections[0].measures[0].unit.scale(), Some(1000.0));
        let e = parse("{\"id\": \"t\",\n \"title\": 3}", "s.json", Format::Json).unwrap_err();
        assert_eq!(
            e.to_string(),
            "s.json:2: field \"title\": expected text, found the number 3"
        );
    }
}

#[cfg(test)]
mod look_alikes {
    use super::*;

    fn card_with(a: &str, b: &str) -> Result<Definition, Errors> {
        let m = |id: &str| {
            format!(
                "[[sections.measures]]\nid = \"{id}\"\nname = \"N\"\nkind = \"how_much\"\n\
                 unit = \"count\"\npolarity = \"neutral\"\n"
            )
        };
        let text = format!(
            "id = \"x\"\ntitle = \"X\"\n[[sections]]\nid = \"s\"\ntitle = \"S\"\nkind = \"service\"\n{}{}",
            m(a),
            m(b)
        );
        parse(&text, "x.toml", Format::Toml)
    }

    #[test]
    fn ids_that_look_the_same_are_refused() {
        // Case: EHCP-1 and ehcp-1 would read as one measure in a report.
        let e = card_with("EHCP-1", "ehcp-1").unwrap_err().to_string();
        assert!(
            e.ends_with("measure id \"ehcp-1\" differs from \"EHCP-1\" only by case: ids must be told apart at a glance"),
            "{e}"
        );
        // A zero-width space, and an accent as a combining mark (e + U+0301, not U+00E9).
        let e = card_with("m1", "m\u{200b}1").unwrap_err().to_string();
        assert!(e.contains("holds an invisible character (U+200B)"), "{e}");
        let e = card_with("caf\u{e9}", "cafe\u{301}")
            .unwrap_err()
            .to_string();
        assert!(e.contains("holds a combining mark (U+0301)"), "{e}");
        // A combining mark from another block (U+1DC0), full-width letters (which NFKC folds
        // to EHCP), a ligature and a superscript digit.
        let e = card_with("m", "m\u{1dc0}").unwrap_err().to_string();
        assert!(e.contains("holds a combining mark (U+1DC0)"), "{e}");
        for odd in [
            "\u{ff25}\u{ff28}\u{ff23}\u{ff30}1",
            "\u{fb01}le",
            "m\u{b2}",
            "\u{2460}",
        ] {
            let e = card_with("EHCP1", odd).unwrap_err().to_string();
            assert!(
                e.contains("a full-width, styled or compatibility form"),
                "{odd}: {e}"
            );
        }
        // Different ids, and one accented letter written as one character, are fine.
        assert!(card_with("m1", "m2").is_ok());
        assert!(card_with("caf\u{e9}", "cafe").is_ok());
    }
}
