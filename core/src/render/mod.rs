//! Rendering a scored scorecard for people. Pure functions from a [`Report`]
//! to text; no I/O. Every status is written as its text label, never as colour alone, and every
//! user-supplied string is escaped for the format.

mod csv;
mod format;
mod html;
pub mod icons;
mod markdown;
mod markup;
mod svg;
mod table;
mod text;

pub use self::csv::{breakdowns_csv, csv, spc_matrix_csv, turn_the_curve_csv};
pub use format::{statistics as measure_statistics, warning_lines};
pub use html::{fragment as html_fragment, html, measure_detail, measure_page, scorecard_summary};
pub use markdown::markdown;
pub use svg::{chart, sparkline, spc_chart};
pub use table::{
    breakdowns as breakdown_columns, measures as columns, spc_matrix as spc_matrix_columns,
    turn_the_curve as turn_the_curve_columns, Column, Values,
};
pub use text::{text, WIDTH as TEXT_WIDTH};

use crate::model::kinds::MeasureKind;
use crate::report::{MeasureResult, Report, SectionInfo};

/// The sections in reading order, each with its depth: every top-level section (0) followed by
/// the sections inside it (1), each list in the definition's order. A section whose parent is
/// not in the report (left out by a filter) reads at the top level.
pub fn sections_in_order(r: &Report) -> Vec<(&SectionInfo, usize)> {
    let known = |id: &str| r.sections.iter().any(|s| s.id == id);
    let top = |s: &SectionInfo| s.parent.as_deref().is_none_or(|p| !known(p));
    let mut out = Vec::with_capacity(r.sections.len());
    for s in r.sections.iter().filter(|s| top(s)) {
        out.push((s, 0));
        out.extend(
            r.sections
                .iter()
                .filter(|c| c.parent.as_deref() == Some(s.id.as_str()))
                .map(|c| (c, 1)),
        );
    }
    out
}

/// Whether a section has no measures, nor any in the sections inside it: "no measures in this
/// section" is said only then (a priority's measures may all sit in its outcomes).
pub fn is_empty(r: &Report, sec: &SectionInfo) -> bool {
    sec.measures.is_empty()
        && !r
            .sections
            .iter()
            .any(|c| c.parent.as_deref() == Some(sec.id.as_str()) && !c.measures.is_empty())
}

/// A section's measures grouped under the RBA questions, in the questions' order; a question
/// with no measures is left out.
pub fn by_question<'r>(
    r: &'r Report,
    sec: &SectionInfo,
) -> Vec<(MeasureKind, Vec<&'r MeasureResult>)> {
    // The section's measures looked up once each (a scorecard may hold thousands).
    let by_id: crate::keyed::Keyed<&str, &MeasureResult> =
        r.measures.iter().map(|m| (m.id.as_str(), m)).collect();
    let ms: Vec<&MeasureResult> = sec
        .measures
        .iter()
        .filter_map(|id| by_id.get(id.as_str()).copied())
        .collect();
    MeasureKind::ALL
        .iter()
        .map(|&kind| {
            (
                kind,
                ms.iter().copied().filter(|m| m.kind == kind).collect(),
            )
        })
        .filter(|(_, ms): &(MeasureKind, Vec<&MeasureResult>)| !ms.is_empty())
        .collect()
}

/// The formats a report can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// The terminal scorecard.
    Text,
    /// Markdown.
    Markdown,
    /// A self-contained HTML page.
    Html,
    /// The HTML report without its page, CSS scoped to it (for notebooks and embedding).
    HtmlFragment,
    /// The JSON contract.
    Json,
    /// One CSV row per measure.
    Csv,
}

impl Format {
    /// The names `parse` reads, for messages.
    pub const NAMES: &'static str = "text, markdown, html, json or csv";

    /// Reads a format name (`text`, `md`, `html`, ...).
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "text" => Some(Format::Text),
            "markdown" | "md" => Some(Format::Markdown),
            "html" => Some(Format::Html),
            "html_fragment" => Some(Format::HtmlFragment),
            "json" => Some(Format::Json),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }
}

/// Writes `report` in `format`; `colour` applies to text only (ANSI, for terminals).
///
/// ```
/// use betteroff::render::{render, Format};
/// use betteroff::Scorecard;
/// let mut card = Scorecard::from_toml(r#"
/// id = "demo"
/// title = "Demo"
/// [[sections]]
/// id = "s"
/// title = "Section"
/// kind = "service"
/// [[sections.measures]]
/// id = "m"
/// name = "EHC plans issued within 20 weeks"
/// kind = "how_well"
/// unit = "percentage"
/// polarity = "higher_is_better"
/// target = { kind = "threshold", comparison = "at_least", value = 60 }
/// "#, "scorecard.toml").unwrap();
/// card.add_observations_csv("measure,period,value\nm,2020-Q1,64.5\n", "o.csv").unwrap();
/// let report = card.score(None).unwrap();
/// assert_eq!(render(&report, Format::Json, false), report.to_json());
/// assert!(render(&report, Format::Markdown, false).contains("Achieved"));
/// ```
pub fn render(report: &Report, format: Format, colour: bool) -> String {
    match format {
        Format::Text => text(report, colour),
        Format::Markdown => markdown(report),
        Format::Html => html(report),
        Format::HtmlFragment => html::fragment(report),
        Format::Json => report.to_json(),
        Format::Csv => csv(report),
    }
}
