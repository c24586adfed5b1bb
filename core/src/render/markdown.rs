//! The scorecard as Markdown, for pasting into board papers and wikis.

use super::format::{self, pct};
use super::markup::md_cell;
use crate::model::status::Status;
use crate::report::{MeasureResult, Report};
use std::fmt::Write;

/// The report as Markdown: sections, the three questions, every measure, the summary.
pub fn markdown(r: &Report) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# {}\n", md_cell(&r.scorecard.title));
    let area = r
        .scorecard
        .area
        .as_deref()
        .map(|a| format!("{} · ", md_cell(a)))
        .unwrap_or_default();
    let _ = writeln!(s, "{area}as of **{}**\n", r.as_of);
    // The scorecard's notes ("illustrative", the source) where a reader starts.
    for n in &r.scorecard.notes {
        let _ = writeln!(s, "> _Note: {}_\n", md_cell(n));
    }
    if !r.scorecard.disclosure.enabled {
        s.push_str("> **Disclosure control is OFF: true figures are shown, for internal use only. Do not publish.**\n\n");
    }
    let warnings = format::warning_lines(r);
    if !warnings.is_empty() {
        let _ = writeln!(s, "> **Warnings ({})**\n>", warnings.len());
        for w in &warnings {
            let _ = writeln!(s, "> - {}", md_cell(w));
        }
        s.push('\n');
    }
    summary(&mut s, r);
    spc_matrix(&mut s, r);
    for (sec, depth) in super::sections_in_order(r) {
        let (h, q) = if depth == 0 {
            ("##", "###")
        } else {
            ("###", "####")
        };
        let _ = writeln!(s, "{h} {}\n", md_cell(&sec.title));
        if let Some(rollup) = format::section_rollup(r, &sec.id) {
            let _ = writeln!(s, "_In all: {}_\n", md_cell(&rollup));
        }
        if super::is_empty(r, sec) {
            s.push_str("No measures in this section.\n\n");
        }
        for (kind, ms) in super::by_question(r, sec) {
            let _ = writeln!(s, "{q} {}\n\n| Measure | Latest | Change on previous | Target | Progress | Status |\n| --- | --- | --- | --- | ---: | --- |", kind.question());
            for m in &ms {
                row(&mut s, m);
            }
            s.push('\n');
            // Each measure's notes under its table, so a row is never read without them.
            // Then its statistics in words (the SPC icons, the run chart, the forecast, the
            // interval, the benchmark) and the events marked on its charts.
            let noted: Vec<(&&MeasureResult, Vec<String>)> = ms
                .iter()
                .map(|m| {
                    let said: Vec<String> = m
                        .notes
                        .iter()
                        .cloned()
                        .chain(format::statistics(m))
                        .chain(format::annotations(m))
                        .collect();
                    (m, said)
                })
                .filter(|(_, said)| !said.is_empty())
                .collect();
            for (m, said) in &noted {
                for n in said {
                    let _ = writeln!(s, "- _{}_: {}", md_cell(&m.name), md_cell(n));
                }
            }
            if !noted.is_empty() {
                s.push('\n');
            }
            for m in &ms {
                breakdown_tables(&mut s, m);
            }
        }
    }
    turn_the_curve(&mut s, r);
    extras(&mut s, r);
    for line in format::disclosure_lines(r)
        .into_iter()
        .filter(|l| !l.starts_with("Disclosure control is OFF"))
    {
        let _ = writeln!(s, "_{}_\n", md_cell(&line));
    }
    s
}

fn summary(s: &mut String, r: &Report) {
    s.push_str("| Status | Measures |\n| --- | ---: |\n");
    for st in Status::ALL {
        let n = r.summary.all.by_status.get(st);
        if n > 0 {
            let _ = writeln!(s, "| {} | {n} |", st.label());
        }
    }
    let _ = writeln!(s, "| **All** | **{}** |\n", r.summary.all.measures);
    let a = &r.summary.actions;
    if a.total > 0 {
        let done = a
            .percent_complete
            .map(|p| format!(" ({})", pct(p)))
            .unwrap_or_default();
        let _ = writeln!(s, "Actions: **{} of {} completed{done}**, {} in progress, {} not started{}; **{} overdue**.\n",
            a.completed, a.total - a.withdrawn, a.in_progress, a.not_started,
            if a.withdrawn > 0 { format!(", {} withdrawn", a.withdrawn) } else { String::new() }, a.overdue);
    }
}

/// Each breakdown of the measure's current period as a table: category, figure, share.
fn breakdown_tables(s: &mut String, m: &MeasureResult) {
    for b in format::breakdowns(m) {
        let _ = writeln!(
            s,
            "**{}, by {}** ({})\n\n| {} | Figure | Share | Change on previous |\n| --- | ---: | ---: | --- |",
            md_cell(&m.name),
            md_cell(&b.dimension),
            md_cell(&b.total),
            md_cell(&b.dimension)
        );
        for r in &b.rows {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} |",
                md_cell(&r.category),
                md_cell(&r.figure),
                r.share.as_deref().unwrap_or("–"),
                r.change.as_deref().unwrap_or("–")
            );
        }
        s.push('\n');
    }
}

fn row(s: &mut String, m: &MeasureResult) {
    let mut name = md_cell(&m.name);
    for c in format::comparators(m) {
        let _ = write!(name, "<br>vs {}", md_cell(&c));
    }
    let change = format::change(m).unwrap_or_else(|| "–".to_string());
    let _ = writeln!(
        s,
        "| {name} | {} | {} | {} | {} | **{}** |",
        md_cell(&format::current(m)),
        md_cell(&change),
        md_cell(&format::target(m).unwrap_or_else(|| "–".into())),
        m.progress_pct.map(pct).unwrap_or_else(|| "–".into()),
        m.status_label
    );
}

fn extras(s: &mut String, r: &Report) {
    if !r.summary.data_development.is_empty() {
        s.push_str("## Data development agenda\n\n");
        for a in &r.summary.data_development {
            let _ = writeln!(s, "- {}", md_cell(&a.name));
        }
        s.push('\n');
    }
    for p in &r.projections {
        let _ = writeln!(s, "## Projection: {}\n\n| Period | Growth | Projected |\n| --- | ---: | ---: |\n| {} | base | {} |", md_cell(&p.name), p.base_period, format::thousands(p.base));
        for st in &p.steps {
            let _ = writeln!(
                s,
                "| {} | {}% | {} |",
                st.period,
                crate::num::signed(st.growth_pct),
                format::thousands(st.rounded)
            );
        }
        s.push('\n');
    }
    if !r.actions.is_empty() {
        s.push_str(
            "## Action plan\n\n| Action | Lead | Due | Status |\n| --- | --- | --- | --- |\n",
        );
        for a in &r.actions {
            let st = a.action.status.label();
            let overdue = if a.overdue { ", **overdue**" } else { "" };
            let _ = writeln!(
                s,
                "| **{}** {} | {} | {} | {st}{overdue} |",
                md_cell(&a.action.id),
                md_cell(&a.action.title),
                md_cell(a.action.lead.as_deref().unwrap_or("")),
                a.action.due
            );
        }
        s.push('\n');
    }
    if !r.risks.is_empty() {
        s.push_str(
            "## Risks\n\n| Risk | Likelihood x impact | Mitigation |\n| --- | --- | --- |\n",
        );
        for k in &r.risks {
            let _ = writeln!(
                s,
                "| {} | {} x {} = {} ({}) | {} |",
                md_cell(&k.title),
                k.likelihood,
                k.impact,
                k.score,
                k.rating.label(),
                md_cell(k.mitigation.as_deref().unwrap_or(""))
            );
        }
        s.push('\n');
    }
}

/// Each measure's turn-the-curve record, in Friedman's order, under its name.
fn turn_the_curve(s: &mut String, r: &Report) {
    let with = format::with_records(r);
    if with.is_empty() {
        return;
    }
    s.push_str("## Turn the curve\n\n");
    for m in with {
        let _ = writeln!(
            s,
            "### {}\n\n**{}** · {}{}\n",
            md_cell(&m.name),
            m.status_label,
            md_cell(&format::current(m)),
            format::target(m)
                .map(|t| format!(" · target {}", md_cell(&t)))
                .unwrap_or_default()
        );
        if let Some(source) = m.turn_the_curve.as_ref().and_then(|t| t.source.as_deref()) {
            let _ = writeln!(s, "_{}_\n", md_cell(source));
        }
        for part in format::turn_the_curve(m) {
            let _ = writeln!(s, "**{}**\n", part.heading);
            for item in &part.items {
                let _ = writeln!(s, "- {}", md_cell(item));
            }
            s.push('\n');
        }
    }
}

/// The SPC summary matrix: every measure with SPC, concern first, icons in words.
fn spc_matrix(s: &mut String, r: &Report) {
    let rows = format::spc_matrix(r);
    if rows.is_empty() {
        return;
    }
    s.push_str("## SPC summary (Making Data Count)\n\n_Concern first: special cause concern, then neither, common cause and improvement; within each, fails the target, hit and miss, passes._\n\n| Measure | Latest | Target | Variation | Assurance | Latest point | Status |\n| --- | --- | --- | --- | --- | --- | --- |\n");
    for c in rows {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | **{}** |",
            md_cell(&c.row.name),
            md_cell(&c.latest),
            md_cell(&c.target),
            c.row.variation_label,
            c.row.assurance_label.unwrap_or("–"),
            md_cell(&c.row.rule_text),
            c.row.status.label()
        );
    }
    s.push('\n');
}
