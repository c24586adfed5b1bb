//! The scorecard as terminal text.
//!
//! Every status is written as a text label (colour, when asked for, only repeats it), and no
//! line is wider than [`WIDTH`] columns.

use super::format::{self, thousands, value};
use crate::model::status::Rag;
use crate::num::fmt_num;
use crate::num::{round_to, signed};
use crate::report::{MeasureResult, Report};

/// No line of the terminal scorecard is wider than this.
pub const WIDTH: usize = 100;
const INDENT: usize = 22;

/// ANSI colour for a RAG rating; only used when the caller says the output is a terminal.
fn paint(text: &str, rag: Rag, colour: bool) -> String {
    if !colour {
        return text.to_string();
    }
    let code = match rag {
        Rag::Green => "32",
        Rag::Amber => "33",
        Rag::Red => "31",
        Rag::Grey => "90",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}

/// Words joined with spaces and wrapped at [`WIDTH`], continuation lines indented.
fn wrap(first: &str, rest: &[String], indent: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = first.to_string();
    for part in rest {
        // User text: no control or bidirectional control character reaches the terminal.
        for word in super::markup::plain(part).split(' ') {
            let fits = line.chars().count() + 1 + word.chars().count() <= WIDTH;
            if !fits && line.chars().count() > indent {
                lines.push(std::mem::take(&mut line));
                line = " ".repeat(indent);
            } else if !line.ends_with(' ') && !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines.push(line);
    lines
}

/// The whole scorecard as terminal text.
pub fn text(r: &Report, colour: bool) -> String {
    let mut out = Vec::new();
    out.extend(wrap("", std::slice::from_ref(&r.scorecard.title), 0));
    let area = r
        .scorecard
        .area
        .as_deref()
        .map(|a| format!("{} · ", super::markup::plain(a)))
        .unwrap_or_default();
    out.push(format!("{area}as of {}", r.as_of));
    // The scorecard's notes ("illustrative", the source) where a reader starts.
    for n in &r.scorecard.notes {
        out.extend(wrap("Note:", std::slice::from_ref(n), 2));
    }
    if !r.scorecard.disclosure.enabled {
        out.extend(wrap("", &["** Disclosure control is OFF: true figures are shown, for internal use only. Do not publish. **".to_string()], 0));
    }
    let warnings = format::warning_lines(r);
    if !warnings.is_empty() {
        out.push(String::new());
        out.push(format!("Warnings ({}):", warnings.len()));
        for w in &warnings {
            out.extend(wrap("  !", std::slice::from_ref(w), 4));
        }
    }
    out.push(String::new());
    summary(r, &mut out);
    spc_matrix(r, &mut out);
    for (s, depth) in super::sections_in_order(r) {
        out.push(String::new());
        let mark = if depth == 0 { "==" } else { "  ---" };
        out.extend(wrap(mark, std::slice::from_ref(&s.title), mark.len() + 1));
        if let Some(rollup) = format::section_rollup(r, &s.id) {
            out.extend(wrap("  In all:", &[rollup], 4));
        }
        if super::is_empty(r, s) {
            out.push("  (no measures in this section)".to_string());
        }
        for (kind, ms) in super::by_question(r, s) {
            out.push(format!("  {}", kind.question()));
            for m in ms {
                measure(m, colour, &mut out);
            }
        }
    }
    extras(r, &mut out);
    let key = format::disclosure_lines(r);
    if !key.is_empty() {
        out.push(String::new());
        for line in key {
            out.extend(wrap("", &[line], 2));
        }
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}

/// The SPC summary matrix, concern first: a line per measure with SPC.
fn spc_matrix(r: &Report, out: &mut Vec<String>) {
    let rows = format::spc_matrix(r);
    if rows.is_empty() {
        return;
    }
    out.push(String::new());
    out.push("SPC summary (Making Data Count), concern first:".to_string());
    for c in rows {
        let line = format!(
            "{}: {} · target {} · {} · {} · latest point: {} · {}",
            c.row.name,
            c.latest,
            c.target,
            c.row.variation_label,
            c.row
                .assurance_label
                .unwrap_or("no assurance icon (no target)"),
            c.row.rule_text,
            c.row.status.label()
        );
        out.extend(wrap("  ·", &[line], 4));
    }
}

fn summary(r: &Report, out: &mut Vec<String>) {
    let mut words: Vec<String> = format::status_counts(&r.summary.all.by_status)
        .into_iter()
        .map(|w| w + ",")
        .collect();
    if let Some(last) = words.last_mut() {
        last.pop();
    }
    let head = format!("Measures  {}:", r.summary.all.measures);
    out.extend(wrap(&head, &words, 10));
    let a = &r.summary.actions;
    if a.total > 0 {
        let pct = a
            .percent_complete
            .map(|p| format!(" ({}%)", fmt_num(round_to(p, 1))))
            .unwrap_or_default();
        let withdrawn = if a.withdrawn > 0 {
            format!(", {} withdrawn", a.withdrawn)
        } else {
            String::new()
        };
        let line = format!(
            "{} completed{pct}, {} in progress, {} not started{withdrawn}; {} overdue",
            a.completed, a.in_progress, a.not_started, a.overdue
        );
        out.extend(wrap(&format!("Actions   {}:", a.total), &[line], 10));
    }
}

fn measure(m: &MeasureResult, colour: bool, out: &mut Vec<String>) {
    let label = format!("[{}]", m.status_label);
    // Wrap on the plain text (colour codes take no columns), then colour the label.
    let mut lines = wrap(
        &format!("    {label:<18}"),
        std::slice::from_ref(&m.name),
        INDENT,
    );
    lines[0] = lines[0].replacen(&label, &paint(&label, m.rag, colour), 1);
    out.extend(lines);
    let indent = " ".repeat(INDENT);
    let facts = facts(m);
    if !facts.is_empty() {
        out.extend(wrap(&indent, &facts, INDENT));
    }
    if !m.comparators.is_empty() {
        let mut cmp: Vec<String> = format::comparators(m)
            .into_iter()
            .map(|c| c + ";")
            .collect();
        if let Some(last) = cmp.last_mut() {
            last.pop();
        }
        out.extend(wrap(&format!("{indent}vs"), &cmp, INDENT));
    }
    for b in format::breakdowns(m) {
        let mut cells: Vec<String> = b
            .rows
            .iter()
            .map(|r| {
                let mut facts: Vec<&str> = r.share.iter().map(String::as_str).collect();
                facts.extend(r.change.as_deref());
                if facts.is_empty() {
                    format!("{} {};", r.category, r.figure)
                } else {
                    format!("{} {} ({});", r.category, r.figure, facts.join(", "))
                }
            })
            .collect();
        if let Some(last) = cells.last_mut() {
            last.pop();
        }
        out.extend(wrap(
            &format!("{indent}by {}:", b.dimension),
            &cells,
            INDENT + 2,
        ));
    }
    let record = format::turn_the_curve(m);
    if !record.is_empty() {
        out.push(format!("{indent}Turn the curve:"));
        if let Some(source) = m.turn_the_curve.as_ref().and_then(|t| t.source.as_ref()) {
            out.extend(wrap(
                &format!("{indent}  Source:"),
                std::slice::from_ref(source),
                INDENT + 4,
            ));
        }
        for part in record {
            if let [only] = part.items.as_slice() {
                out.extend(wrap(
                    &format!("{indent}  {}:", part.heading),
                    std::slice::from_ref(only),
                    INDENT + 4,
                ));
                continue;
            }
            out.push(format!("{indent}  {}:", part.heading));
            for item in &part.items {
                out.extend(wrap(
                    &format!("{indent}    -"),
                    std::slice::from_ref(item),
                    INDENT + 6,
                ));
            }
        }
    }
    for n in &m.notes {
        out.extend(wrap(
            &format!("{indent}note:"),
            std::slice::from_ref(n),
            INDENT + 2,
        ));
    }
    for e in format::annotations(m) {
        out.extend(wrap(&format!("{indent}~"), &[e], INDENT + 2));
    }
}

fn facts(m: &MeasureResult) -> Vec<String> {
    if m.period.is_none() {
        // The status label already says "No data" or "To be developed"; nothing to add.
        return Vec::new();
    }
    let mut f = vec![format::current(m)];
    if let Some(c) = format::change(m) {
        f.push(format!("· change {c}"));
    }
    if let Some(t) = format::target(m) {
        f.push(format!("· target {t}"));
    }
    if let Some(e) = m.expected {
        f.push(format!("· expected {}", value(m, e)));
    }
    if let Some(p) = m.progress_pct {
        f.push(format!("· progress {}", format::pct(p)));
    }
    if let Some(c) = &m.change.baseline {
        f.push(format!("· {} on baseline {}", c.label, c.from_period));
    }
    f.extend(format::statistics(m).into_iter().map(|s| format!("· {s}")));
    f
}

fn extras(r: &Report, out: &mut Vec<String>) {
    if !r.summary.data_development.is_empty() {
        out.push(String::new());
        out.push("Data development agenda (measures to be developed)".to_string());
        for a in &r.summary.data_development {
            out.extend(wrap("  -", std::slice::from_ref(&a.name), 4));
        }
    }
    for p in &r.projections {
        out.push(String::new());
        out.extend(wrap("Projection:", std::slice::from_ref(&p.name), 2));
        let mut line = format!("  {} {}", p.base_period, thousands(p.base));
        for s in &p.steps {
            line.push_str(&format!(
                " -> {} {} ({}%)",
                s.period,
                thousands(s.rounded),
                signed(s.growth_pct)
            ));
        }
        out.extend(wrap(&line, &[], 4));
    }
    if !r.risks.is_empty() {
        out.push(String::new());
        out.push("Risks (likelihood x impact)".to_string());
        for k in &r.risks {
            out.extend(wrap(
                &format!("  {:>2} {:<9}", k.score, k.rating.label()),
                std::slice::from_ref(&k.title),
                15,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_lines_within_width() {
        let long = "word ".repeat(60);
        for line in wrap("  head", &[long], 6) {
            assert!(line.chars().count() <= WIDTH, "{line}");
        }
    }
}
