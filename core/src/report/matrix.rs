//! The summary matrix of Making Data Count: one row for every measure with SPC (its latest
//! figure, the variation and assurance icons, the rule that flagged the latest point, its
//! status), concern first. The one projection every format shows: HTML and Markdown as a
//! section, text, CSV (`--table spc`), JSON (`summary.spc`), Python and JavaScript.

use crate::model::period::Period;
use crate::model::status::Status;
use crate::report::MeasureResult;
use crate::stats::spc::{Assurance, Rule, VariationIcon};
use serde::Serialize;

/// One measure's row of the matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct SpcRow {
    /// The measure id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its section id.
    pub section: String,
    /// The latest point's period.
    pub period: Period,
    /// The latest point's figure.
    pub value: f64,
    /// The measure's unit (`percentage`, ...), its rate base and decimal places, to show
    /// `value` as its measure does.
    pub unit: &'static str,
    /// The rate's base, for unit `rate`.
    pub per: Option<u32>,
    /// The decimal places the measure's figures are shown to.
    pub decimals: u8,
    /// The variation icon.
    pub variation_icon: VariationIcon,
    /// The variation icon in words.
    pub variation_label: &'static str,
    /// The assurance icon, with a target.
    pub assurance: Option<Assurance>,
    /// The assurance icon in words.
    pub assurance_label: Option<&'static str>,
    /// The rule that flagged the latest point (`common_cause` when none did).
    pub rule: Rule,
    /// The rule in words, as Making Data Count writes it.
    pub rule_text: String,
    /// The measure's status.
    pub status: Status,
}

/// The matrix of `measures` (those with SPC), concern first: special cause concern, then
/// neither, common cause and improvement; within each, fails the target, hit and miss (or no
/// target), passes; then by exception order of the status; then the plan's order.
pub fn spc_matrix(measures: &[MeasureResult]) -> Vec<SpcRow> {
    let mut rows: Vec<(usize, u8, u8, u8, SpcRow)> = measures
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            let spc = m.spc.as_ref()?;
            let last = spc.points.last()?;
            let row = SpcRow {
                id: m.id.clone(),
                name: m.name.clone(),
                section: m.section.clone(),
                period: last.period,
                value: last.value,
                unit: m.unit,
                per: m.per,
                decimals: m.decimals,
                variation_icon: spc.variation_icon,
                variation_label: spc.variation_icon_label,
                assurance: spc.assurance,
                assurance_label: spc.assurance_label,
                rule: last.rule,
                rule_text: last.rule_text.clone(),
                status: m.status,
            };
            Some((
                i,
                spc.variation_icon.concern_rank(),
                spc.assurance.map_or(1, Assurance::concern_rank),
                crate::report::view::exception_rank(m),
                row,
            ))
        })
        .collect();
    rows.sort_by_key(|(i, v, a, s, _)| (*v, *a, *s, *i));
    rows.into_iter().map(|r| r.4).collect()
}
