//! The summary matrix of Making Data Count: one row for every measure with SPC (its latest
//! figure, the variation and assurance icons, the rule that flagged the latest point, its
//! status), concern first. The one projection every format shows: HTML and Markdown as a
//! section, text, CSV (`--table spc`), JSON (`summary.spc`), Python and JavaScript.

use crate::model::period::Period;
use crate::model::status::Status;
use crate::report::columns::SeriesColumns;
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
    crate::num::sort_by_key(&mut rows, |(i, v, a, s, _)| (*v, *a, *s, *i));
    rows.into_iter().map(|r| r.4).collect()
}

/// How the batch matrix groups series: one row per measure (its icons across the areas) or per
/// area (across the measures).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    /// One row per measure.
    Measure,
    /// One row per area.
    Area,
}

/// One row of the batch matrix: how many of a measure's (or an area's) series have each icon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IconCounts {
    /// The measure code or area number.
    pub key: u32,
    /// The first series of the group (an index into the series columns), for its names.
    pub first: usize,
    /// How many series the group has.
    pub series: usize,
    /// How many have each variation icon, in [`VariationIcon::ALL`]'s order.
    pub variation: [usize; 7],
    /// How many have no SPC (too few figures, or none).
    pub no_spc: usize,
    /// How many have each assurance icon, in [`Assurance::ALL`]'s order.
    pub assurance: [usize; 3],
    /// How many have no assurance icon (no SPC, no target on the value, or no direction).
    pub no_assurance: usize,
}

impl IconCounts {
    /// Special cause concern, either way.
    pub fn concern(&self) -> usize {
        VariationIcon::ALL
            .iter()
            .zip(self.variation)
            .filter(|(v, _)| v.concern_rank() == 0)
            .map(|(_, n)| n)
            .sum()
    }

    /// Consistently failing the target.
    pub fn failing(&self) -> usize {
        self.assurance[Assurance::ALL
            .iter()
            .position(|&a| a == Assurance::ConsistentFail)
            .unwrap_or(0)]
    }
}

/// The batch matrix of Making Data Count's icons: for each measure (or area), how many of its
/// series have each variation and assurance icon. Concern first: the groups with the most
/// special cause concern, then the most consistently failing, then in the order they first
/// appear. The one projection of batch icons (Python's `score_table(summary=...)`, the CLI's
/// `score --summary`).
pub fn icon_counts(s: &SeriesColumns, by: By) -> Vec<IconCounts> {
    let mut place: crate::keyed::Keyed<u32, usize> = crate::keyed::Keyed::new();
    let mut rows: Vec<IconCounts> = Vec::new();
    for i in 0..s.len() {
        let key = match by {
            By::Measure => s.measure[i],
            By::Area => s.area[i],
        };
        let k = *place.or_insert_with(key, || {
            rows.push(IconCounts {
                key,
                first: i,
                series: 0,
                variation: [0; 7],
                no_spc: 0,
                assurance: [0; 3],
                no_assurance: 0,
            });
            rows.len() - 1
        });
        let row = &mut rows[k];
        row.series += 1;
        match s.variation_icon[i].and_then(|v| VariationIcon::ALL.iter().position(|&x| x == v)) {
            Some(v) => row.variation[v] += 1,
            None => row.no_spc += 1,
        }
        match s.assurance[i].and_then(|a| Assurance::ALL.iter().position(|&x| x == a)) {
            Some(a) => row.assurance[a] += 1,
            None => row.no_assurance += 1,
        }
    }
    crate::num::sort_by_key(&mut rows, |r| {
        (
            std::cmp::Reverse(r.concern()),
            std::cmp::Reverse(r.failing()),
            r.first,
        )
    });
    rows
}

#[cfg(test)]
mod batch_tests {
    use super::*;

    #[test]
    fn icons_counted_per_measure_and_per_area_concern_first() {
        // Three areas x two measures. Measure 0: concern (high), common cause, no SPC;
        // measure 1: improvement, concern (low), concern (high), one consistently failing.
        let c = SeriesColumns {
            area: vec![1, 2, 3, 1, 2, 3],
            measure: vec![0, 0, 0, 1, 1, 1],
            variation_icon: vec![
                Some(VariationIcon::ConcernHigh),
                Some(VariationIcon::CommonCause),
                None,
                Some(VariationIcon::ImprovementLow),
                Some(VariationIcon::ConcernLow),
                Some(VariationIcon::ConcernHigh),
            ],
            assurance: vec![
                Some(Assurance::Inconsistent),
                None,
                None,
                Some(Assurance::ConsistentPass),
                Some(Assurance::ConsistentFail),
                None,
            ],
            ..SeriesColumns::default()
        };
        let m = icon_counts(&c, By::Measure);
        // Measure 1 has two concerns, measure 0 one: measure 1 first.
        assert_eq!((m[0].key, m[0].first, m[0].series), (1, 3, 3));
        assert_eq!(m[0].variation, [0, 0, 1, 1, 1, 0, 0]);
        assert_eq!(
            (m[0].no_spc, m[0].assurance, m[0].no_assurance),
            (0, [1, 1, 0], 1)
        );
        assert_eq!(m[1].variation, [1, 0, 0, 1, 0, 0, 0]);
        assert_eq!(
            (m[1].no_spc, m[1].assurance, m[1].no_assurance),
            (1, [0, 0, 1], 2)
        );
        let a = icon_counts(&c, By::Area);
        // Areas 1 and 3 and 2 each have one concern; area 2 also fails once: area 2 first,
        // then 1 and 3 in order.
        assert_eq!(a.iter().map(|r| r.key).collect::<Vec<_>>(), [2, 1, 3]);
        assert_eq!(a.iter().map(|r| r.series).sum::<usize>(), 6);
        assert_eq!(a[0].concern(), 1);
        assert_eq!(a[0].failing(), 1);
    }
}
