//! Formatting figures for people: units, thousands separators, target wording. Shared by every
//! renderer so that a figure reads the same in every format.

use crate::model::status::Status;
use crate::model::target::{Basis, Comparison};
use crate::num::{fmt_num, round_to};
use crate::report::MeasureResult;
use crate::stats::spc::Assurance;

/// Formats a figure of measure `m` in its unit, to the measure's decimal places (its data's
/// precision, at least the unit's): 1,568; 16%; 1.07%; 12.5 per 10,000; 4.2 days; £1,200.
/// Every renderer shows a measure's figures through here.
pub fn value(m: &MeasureResult, v: f64) -> String {
    figure(m.unit, m.per, m.decimals, v)
}

/// A figure in `unit` to at most `dp` decimal places (trailing zeros dropped; a count that is
/// not whole keeps at least one).
pub fn figure(unit: &str, per: Option<u32>, dp: u8, v: f64) -> String {
    let dp_i = i32::from(dp);
    match unit {
        "percentage" => format!("{}%", fmt_num(round_to(v, dp_i))),
        "count" if v.fract() == 0.0 => thousands(v),
        "count" => thousands_frac(v, dp.max(1)),
        "currency" if dp == 0 => format!("£{}", thousands(v.round())),
        "currency" => format!("£{}", thousands_frac(v, dp)),
        "rate" => format!(
            "{} per {}",
            fmt_num(round_to(v, dp_i)),
            thousands(f64::from(per.unwrap_or(1)))
        ),
        "days" => format!("{} days", fmt_num(round_to(v, dp_i))),
        _ => fmt_num(round_to(v, dp_i)),
    }
}

pub fn thousands(v: f64) -> String {
    let digits = crate::num::fixed(v.abs(), 0);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if v < 0.0 {
        format!("-{out}")
    } else {
        out
    }
}

fn thousands_frac(v: f64, dp: u8) -> String {
    let r = round_to(v, i32::from(dp));
    format!(
        "{}{}",
        thousands(r.trunc()),
        fmt_num(r.fract().abs()).trim_start_matches('0')
    )
}

pub fn comparison_words(c: Option<Comparison>) -> &'static str {
    match c {
        Some(Comparison::AtLeast) => "at least ",
        Some(Comparison::AtMost) => "at most ",
        Some(Comparison::Exactly) => "exactly ",
        None => "",
    }
}

/// The target as a reader says it: "at most 16% by 2020-05", "improve (direction of travel only)".
pub fn target(m: &MeasureResult) -> Option<String> {
    let t = m.target.as_ref()?;
    let due = t.due.map(|d| format!(" by {d}")).unwrap_or_default();
    let goal = match t.value {
        Some(v) => format!("{}{}", comparison_words(t.comparison), value(m, v)),
        None => t.description.clone(),
    };
    let basis = match &t.basis {
        Basis::Gap { comparator, .. } => format!(" (gap to {comparator})"),
        Basis::Value => String::new(),
    };
    Some(format!("{goal}{basis}{due}"))
}

/// A period of measure `m`'s series as a reader says it, with the series' window: "2020-05",
/// "12 months to Dec 2024". Every renderer names a series' periods through here.
pub fn period(m: &MeasureResult, p: crate::model::period::Period) -> String {
    m.window.map_or_else(|| p.to_string(), |w| w.label(p))
}

/// The current value with its period: "17% (2020-05)", "54% (12 months to Dec 2024)",
/// "< 60% (2024-Q4)", or why there is none.
pub fn current(m: &MeasureResult) -> String {
    if let (None, Some(sym), Some(p)) = (m.value, m.symbol, m.period) {
        return format!("{sym} ({})", period(m, p));
    }
    if let (None, Some(given), Some(p)) = (m.value, &m.given, m.period) {
        return format!("{given} ({})", period(m, p));
    }
    match (m.value, m.period) {
        (Some(v), Some(p)) => format!(
            "{} ({}){}",
            value(m, v),
            period(m, p),
            [
                (m.provisional, " provisional"),
                (m.projected, " projected"),
                (m.part_year, " part year")
            ]
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, w)| *w)
            .collect::<String>()
        ),
        (None, Some(p)) => format!("no figure for {}", period(m, p)),
        _ if m.to_be_developed => "to be developed".to_string(),
        _ => "no data".to_string(),
    }
}

/// The change on the previous period with an arrow for the movement and a word for the
/// judgement: "-8pp (-32%) on 2019-10, ↓ improving". `None` without an earlier figure.
pub fn change(m: &MeasureResult) -> Option<String> {
    let c = m.change.previous.as_ref()?;
    let arrow = match c.absolute {
        x if x > 0.0 => "↑",
        x if x < 0.0 => "↓",
        _ => "→",
    };
    let judged = match m.direction {
        crate::model::status::Direction::Unknown => String::new(),
        d => format!(", {arrow} {}", d.label()),
    };
    Some(format!(
        "{} on {}{judged}",
        c.label,
        period(m, c.from_period)
    ))
}

/// The assurance icon in words, said of the process (its limits), not of the latest figure,
/// which the status judges: where the two differ, the words say so ("the process consistently
/// fails the target, though the latest figure meets it"), so they never read as a
/// contradiction.
pub fn assurance(m: &MeasureResult) -> Option<String> {
    let a = m.spc.as_ref()?.assurance?;
    let judged_short = matches!(
        m.status,
        Status::OnTrack | Status::AtRisk | Status::OffTrack | Status::Missed
    );
    let though = match a {
        Assurance::ConsistentFail if m.status == Status::Achieved => {
            ", though the latest figure meets it"
        }
        Assurance::ConsistentPass if judged_short => ", though the latest figure does not meet it",
        _ => "",
    };
    Some(format!("the process {}{though}", a.label().to_lowercase()))
}

/// The measure's annotations as the charts number them: "Event 1 (2019-05): Ofsted/CQC
/// inspection".
pub fn annotations(m: &MeasureResult) -> Vec<String> {
    m.annotations
        .iter()
        .map(|a| format!("Event {} ({}): {}", a.number, period(m, a.period), a.text))
        .collect()
}

/// One row of the SPC summary matrix in words, as every format shows it.
pub struct SpcCells<'r> {
    /// The matrix row.
    pub row: &'r crate::report::matrix::SpcRow,
    /// The latest point with its period: "52% (2024-12)".
    pub latest: String,
    /// The target as a reader says it, or "–".
    pub target: String,
}

/// The SPC summary matrix's rows in words, concern first (the report's `summary.spc`).
pub fn spc_matrix(r: &crate::report::Report) -> Vec<SpcCells<'_>> {
    r.summary
        .spc
        .iter()
        .map(|row| {
            let m = r.measures.iter().find(|m| m.id == row.id);
            SpcCells {
                row,
                latest: format!(
                    "{} ({})",
                    figure(row.unit, row.per, row.decimals, row.value),
                    m.map_or_else(|| row.period.to_string(), |m| period(m, row.period))
                ),
                target: m.and_then(target).unwrap_or_else(|| "–".to_string()),
            }
        })
        .collect()
}

/// The statistics in words: SPC icons, the trend forecast, the interval and the benchmark.
pub fn statistics(m: &MeasureResult) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(spc) = &m.spc {
        let assurance = assurance(m).map(|a| format!("; {a}")).unwrap_or_default();
        let chart = match spc.chart {
            crate::model::options::ChartKind::Xmr => String::new(),
            kind => format!(" ({})", kind.label()),
        };
        out.push(format!(
            "SPC{chart}: {}{assurance}",
            spc.variation_icon_label.to_lowercase()
        ));
    }
    if let Some(r) = &m.runs {
        let verdict = match (r.longest_run > r.longest_run_max, r.crossings < r.crossings_min) {
            (false, false) => "no sign of non-random variation".to_string(),
            (true, false) => format!("non-random variation: an unusually long run ({} > {})", r.longest_run, r.longest_run_max),
            (false, true) => format!("non-random variation: unusually few crossings ({} < {})", r.crossings, r.crossings_min),
            (true, true) => format!("non-random variation: an unusually long run ({} > {}) and unusually few crossings ({} < {})", r.longest_run, r.longest_run_max, r.crossings, r.crossings_min),
        };
        out.push(format!(
            "run chart (Anhøj rules, {} figures off the median): median {}; longest run {} (longer than {} is a signal); {} crossing{} (fewer than {} is a signal): {verdict}",
            r.useful,
            value(m, r.median),
            r.longest_run,
            r.longest_run_max,
            r.crossings,
            if r.crossings == 1 { "" } else { "s" },
            r.crossings_min
        ));
    }
    if let Some(f) = &m.forecast {
        if let (Some(v), Some(due), Some(ok)) = (f.at_due, f.due, f.reachable) {
            // The status speaks of the latest figure, the forecast of the due date: an
            // achieved figure is not "not reachable", it may fall back.
            let verdict = match (m.status == Status::Achieved, ok) {
                (true, true) => "stays within the target on this trend",
                (true, false) => "it would fall back short of the target on this trend",
                (false, true) => "target reachable on this trend",
                (false, false) => "target not reachable on this trend",
            };
            out.push(format!(
                "trend forecast {} at {due}: {verdict}",
                value(m, v)
            ));
        }
        if let Some(t) = f.turned {
            out.push(if t {
                "the curve has turned".to_string()
            } else {
                "the curve has not turned".to_string()
            });
        }
    }
    if let Some(i) = &m.interval {
        out.push(format!(
            "95% interval {} to {}",
            value(m, i.lower_95),
            value(m, i.upper_95)
        ));
    }
    if let Some(b) = &m.benchmark {
        let mut text = format!("{} areas, {}", b.areas, b.period);
        if let (Some(band), Some(rank)) = (&b.band, b.rank) {
            text = format!("quartile band {band}, rank {rank} of {text}");
        }
        if let Some(sn) = b.sn_average {
            text.push_str(&format!("; statistical neighbours {}", value(m, sn)));
        }
        if let (Some(c), Some(from)) = (b.change, b.change_from) {
            text.push_str(&format!(
                "; {}{} on {from}",
                crate::num::signed_dp(c, m.decimals),
                if m.unit == "percentage" { "pp" } else { "" }
            ));
        }
        out.push(text);
    }
    out
}

/// Each warning as one line: the measure, what to know, and where ("m: ... (observations.csv:2)").
pub fn warning_lines(r: &crate::report::Report) -> Vec<String> {
    r.warnings
        .iter()
        .map(|w| format!("{}: {} ({})", w.measure, w.message, w.location))
        .collect()
}

/// The key to the GSS symbols used in a report, and a warning when disclosure control is off.
pub fn disclosure_lines(r: &crate::report::Report) -> Vec<String> {
    let mut out = Vec::new();
    let d = &r.scorecard.disclosure;
    if !d.enabled {
        out.push("Disclosure control is OFF: true figures are shown, for internal use only. Do not publish.".to_string());
    }
    let used = |sym: &str| {
        r.measures.iter().any(|m| {
            m.symbol == Some(sym)
                || m.series.iter().any(|p| p.symbol == Some(sym))
                || m.breakdowns.iter().any(|b| b.symbol == Some(sym))
        })
    };
    for s in &d.symbols {
        if used(s.symbol) {
            out.push(format!("{}: {}", s.symbol, s.meaning));
        }
    }
    out
}

/// Each comparator in words: "England 36.2 (+0.8, better)".
pub fn comparators(m: &MeasureResult) -> Vec<String> {
    m.comparators
        .iter()
        .map(|c| {
            let gap = match (&c.gap_label, c.position) {
                (Some(g), Some(p)) => format!(" ({g}, {p})"),
                _ => String::new(),
            };
            format!("{} {}{gap}", c.name, value(m, c.value))
        })
        .collect()
}

/// One category of a breakdown, in words.
pub struct BreakdownRow {
    /// The category (`0-4`).
    pub category: String,
    /// Its figure in the measure's unit, or the GSS symbol it is withheld under.
    pub figure: String,
    /// For a count, its share of the total.
    pub share: Option<String>,
    /// Its change on its previous figure: "+3 (+4.2%) on 2022-Q3".
    pub change: Option<String>,
}

/// One breakdown of a measure's current period, as every renderer shows it.
pub struct Breakdown {
    /// The dimension (`age_group`).
    pub dimension: String,
    /// Each category, in the data's order.
    pub rows: Vec<BreakdownRow>,
    /// The total: the measure's own figure, as it is shown.
    pub total: String,
}

/// The breakdown cells of the measure's current period (a category whose latest figure is older
/// is left out: it would not add up with the rest), each with its share of the total in percent
/// for a count, from the published figures only (a withheld cell has none). The one rule every
/// breakdown table uses.
pub fn breakdown_cells(
    m: &MeasureResult,
) -> impl Iterator<Item = (&crate::report::BreakdownResult, Option<f64>)> {
    let total = m.value.filter(|&t| t > 0.0 && m.unit == "count");
    m.breakdowns
        .iter()
        .filter(move |b| Some(b.period) == m.period)
        .map(move |b| {
            let share = b
                .value
                .zip(total)
                .and_then(|(v, t)| crate::num::r6(v / t * 100.0));
            (b, share)
        })
}

/// The breakdowns of the measure's current period, grouped by dimension, as the text,
/// Markdown and HTML reports show them.
pub fn breakdowns(m: &MeasureResult) -> Vec<Breakdown> {
    let mut out: Vec<Breakdown> = Vec::new();
    for (b, share) in breakdown_cells(m) {
        let figure = match (b.value, b.symbol) {
            (Some(v), _) => value(m, v),
            (None, Some(sym)) => sym.to_string(),
            (None, None) => "–".to_string(),
        };
        let row = BreakdownRow {
            category: b.category.clone(),
            figure,
            share: share.map(pct),
            change: b
                .change
                .as_ref()
                .map(|c| format!("{} on {}", c.label, c.from_period)),
        };
        match out.iter_mut().find(|x| x.dimension == b.dimension) {
            Some(x) => x.rows.push(row),
            None => out.push(Breakdown {
                dimension: b.dimension.clone(),
                rows: vec![row],
                total: current(m),
            }),
        }
    }
    out
}

/// Counts by status in words, in the statuses' order, leaving out those with none: "3
/// achieved", "2 at risk".
pub fn status_counts(c: &crate::report::StatusCounts) -> Vec<String> {
    Status::ALL
        .iter()
        .map(|&s| (c.get(s), s))
        .filter(|(n, _)| *n > 0)
        .map(|(n, s)| format!("{n} {}", s.label().to_lowercase()))
        .collect()
}

/// A section's roll-up in words: "9 measures: 3 achieved, 1 on track, 2 at risk, 2 missed".
pub fn section_rollup(r: &crate::report::Report, section: &str) -> Option<String> {
    let c = r.summary.by_section.iter().find(|c| c.section == section)?;
    if c.counts.measures == 0 {
        return None;
    }
    Some(format!(
        "{} measure{}: {}",
        c.counts.measures,
        if c.counts.measures == 1 { "" } else { "s" },
        status_counts(&c.counts.by_status).join(", ")
    ))
}

/// One part of a turn-the-curve record as every renderer shows it: its heading and its items.
pub struct Part {
    /// "Story behind the curve", "Partners", "What works", "Proposed actions", "Data
    /// development", "Commentary".
    pub heading: &'static str,
    /// Each item in words.
    pub items: Vec<String>,
}

/// A proposed action in words: "2.A.3 Review the staff handbook (In progress; lead SEND
/// Manager DMBC; due 2020-02; overdue)".
pub fn action(a: &crate::report::ActionResult) -> String {
    let st = &a.action;
    let mut facts = vec![st.status.label().to_string()];
    if let Some(lead) = &st.lead {
        facts.push(format!("lead {lead}"));
    }
    facts.push(format!("due {}", st.due));
    if a.overdue {
        facts.push("overdue".to_string());
    }
    format!("{} {} ({})", st.id, st.title, facts.join("; "))
}

/// A measure's turn-the-curve record in Friedman's order (story, partners, what works,
/// proposed actions, data development), then the commentary; parts with nothing to say are
/// left out (the prompt questions belong to the template, not the report). Every renderer
/// shows the record through here.
pub fn turn_the_curve(m: &MeasureResult) -> Vec<Part> {
    let Some(t) = &m.turn_the_curve else {
        return Vec::new();
    };
    let parts = [
        ("Story behind the curve", t.story.iter().cloned().collect()),
        ("Partners", t.partners.clone()),
        (
            "What works",
            t.what_works
                .iter()
                .map(|w| match &w.evidence {
                    Some(e) => format!("{} (evidence: {e})", w.text),
                    None => w.text.clone(),
                })
                .collect(),
        ),
        ("Proposed actions", t.actions.iter().map(action).collect()),
        (
            "Data development",
            t.data_development.iter().cloned().collect(),
        ),
        (
            "Commentary",
            t.commentary
                .iter()
                .map(|c| match &c.author {
                    Some(a) => format!("{} ({a}): {}", c.period, c.text),
                    None => format!("{}: {}", c.period, c.text),
                })
                .collect(),
        ),
    ];
    parts
        .into_iter()
        .filter(|(_, items): &(&str, Vec<String>)| !items.is_empty())
        .map(|(heading, items)| Part { heading, items })
        .collect()
}

/// The measures with a turn-the-curve record to show, in the report's order.
pub fn with_records(r: &crate::report::Report) -> Vec<&MeasureResult> {
    r.measures
        .iter()
        .filter(|m| !turn_the_curve(m).is_empty())
        .collect()
}

/// A percentage to one decimal place: "43.8%".
pub fn pct(p: f64) -> String {
    format!("{}%", fmt_num(round_to(p, 1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_in_their_units() {
        assert_eq!(figure("count", None, 0, 1568.0), "1,568");
        assert_eq!(figure("count", None, 0, 12.5), "12.5");
        assert_eq!(figure("percentage", None, 1, 24.579), "24.6%");
        // At the precision the data were given to: 1.07 against 1.05, an exclusion rate of 0.45.
        assert_eq!(figure("percentage", None, 2, 1.07), "1.07%");
        assert_eq!(figure("score", None, 2, 0.45), "0.45");
        assert_eq!(figure("percentage", None, 2, 16.0), "16%");
        assert_eq!(figure("percentage", None, 1, 16.0), "16%");
        assert_eq!(figure("rate", Some(10000), 1, 12.34), "12.3 per 10,000");
        assert_eq!(figure("currency", None, 0, 1234567.4), "£1,234,567");
        assert_eq!(figure("currency", None, 2, 1234.5), "£1,234.5");
        assert_eq!(figure("days", None, 1, 4.0), "4 days");
        assert_eq!(figure("score", None, 1, 36.2), "36.2");
        assert_eq!(thousands(-1234.0), "-1,234");
    }
}
