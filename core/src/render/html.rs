//! One self-contained HTML page: inline CSS, inline SVG, no scripts and no external requests.
//! It reads on a phone, prints on A4, and every user-supplied string is escaped.

use super::format::{self, pct, value};
use super::markup::escape;
use super::svg;
use crate::model::kinds::MeasureKind;
use crate::model::status::{Rag, Status};
use crate::report::{MeasureResult, Report};
use std::fmt::Write;

/// Badge colours with white text (the page's CSS): each passes WCAG AA (contrast at least
/// 4.5:1), tested below.
#[cfg(test)]
const RAG_COLOURS: [(Rag, &str); 4] = [
    (Rag::Green, "#1a7f37"),
    (Rag::Amber, "#9a6700"),
    (Rag::Red, "#cf222e"),
    (Rag::Grey, "#57606a"),
];

/// The page's own rules: the body and print page.
const PAGE_CSS: &str = r#"
body { margin: 0 auto; max-width: 1100px; padding: 1rem; background: #fff; }
@media (max-width: 700px) { body { padding: .6rem; } }
@media print { @page { size: A4 portrait; margin: 14mm; } body { max-width: none; padding: 0; } }
"#;

/// Everything else, scoped under `.bo` so that the same rules can sit inside a notebook or
/// another page without restyling it.
const CSS: &str = r#"
.bo ul.notes { margin: .25rem 0 0; padding-left: 1.1rem; font-size: .85rem; font-weight: normal; color: var(--muted); }
.bo table.breakdown { width: auto; margin: .2rem 0 .6rem 1rem; font-size: .9rem; }
.bo table.breakdown caption { text-align: left; font-weight: 600; padding: .2rem 0; }
.bo { --ink: #1f2328; --muted: #57606a; --line: #d0d7de; --head: #f6f8fa; color: var(--ink); font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.bo * { box-sizing: border-box; }
.bo h1 { font-size: 1.6rem; margin: .2rem 0; }
.bo h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; padding-top: .5rem; border-top: 2px solid var(--line); }
.bo h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
.bo .meta, .bo .muted, .bo .sub { color: var(--muted); }
.bo .sub { font-size: .85rem; font-weight: normal; }
.bo .icons { display: inline-flex; flex-wrap: wrap; align-items: center; gap: .15rem .35rem; max-width: 16rem; }
.bo .icons svg { flex: none; }
.bo .icon-label { font-size: .75rem; color: #57606a; max-width: 6.5rem; line-height: 1.15; }
.bo .badge { display: inline-block; padding: .1rem .5rem; border-radius: 1rem; color: #fff; font-weight: 600; font-size: .85rem; white-space: nowrap; }
.bo .rag-green { background: #1a7f37; } .bo .rag-amber { background: #9a6700; } .bo .rag-red { background: #cf222e; } .bo .rag-grey { background: #57606a; }
.bo .counts { display: flex; flex-wrap: wrap; gap: .4rem .9rem; list-style: none; padding: 0; margin: .6rem 0; }
.bo .counts li { white-space: nowrap; }
.bo table { width: 100%; border-collapse: collapse; margin: .3rem 0 1rem; }
.bo th, .bo td { text-align: left; vertical-align: top; padding: .35rem .45rem; border-bottom: 1px solid var(--line); }
.bo thead th { background: var(--head); font-size: .85rem; }
.bo td.num { text-align: right; white-space: nowrap; }
.bo tr.detail td { border-bottom: 2px solid var(--line); padding-top: 0; }
.bo details summary { cursor: pointer; color: var(--muted); font-size: .85rem; }
.bo details svg { max-width: 100%; height: auto; }
.bo nav ol { columns: 2; column-gap: 2.5rem; padding-left: 1.6rem; }
.bo nav li { break-inside: avoid; }
.bo nav li.sub { margin-left: 1.2rem; font-size: .9rem; }
.bo section.sub > h3 { font-size: 1.1rem; margin-top: 1.6rem; }
.bo footer { margin-top: 2rem; font-size: .85rem; color: var(--muted); }
@media (max-width: 700px) {
  .bo { font-size: 14px; }
  .bo nav ol { columns: 1; }
  .bo table.measures thead { display: none; }
  .bo table.measures tr, .bo table.measures td, .bo table.measures th { display: block; width: 100%; border: 0; padding: .15rem 0; }
  .bo table.measures tr { border-bottom: 1px solid var(--line); padding: .5rem 0; }
  .bo table.measures td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); }
  .bo td.num { text-align: left; }
  .bo table.measures td.empty { display: none; }
}
@media print {
  .bo { font-size: 10.5pt; }
  .bo nav { display: none; }
  .bo main > section { break-before: page; }
  .bo details::details-content { content-visibility: visible; display: block; }
  .bo details > summary { display: none; }
  .bo svg { display: block; max-width: 100%; height: auto; break-inside: avoid; }
  .bo tr, .bo .counts, .bo table.breakdown, .bo ul.notes { break-inside: avoid; }
  .bo h2, .bo h3, .bo h4, .bo p.rollup { break-after: avoid; }
  .bo .badge, .bo .icons svg { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .bo article.ttc { break-before: page; }
}
.bo article.ttc { border-top: 2px solid var(--line); margin-top: 1.5rem; padding-top: .5rem; }
.bo article.ttc h4 { margin: .8rem 0 .2rem; font-size: 1rem; }
.bo article.ttc svg { max-width: 100%; height: auto; }
"#;

/// The whole report as one HTML page.
pub fn html(r: &Report) -> String {
    let mut s = String::with_capacity(64 * 1024);
    let title = escape(&r.scorecard.title);
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}: as of {}</title>\n<style>{PAGE_CSS}{CSS}</style>\n</head>\n<body>\n<div class=\"bo\">\n",
        r.as_of
    );
    header(&mut s, r);
    s.push_str("<main>\n");
    spc_matrix(&mut s, r);
    // A section's subsections sit inside it (a priority holds its outcomes).
    let mut open = false;
    for (sec, depth) in super::sections_in_order(r) {
        if depth == 0 && std::mem::take(&mut open) {
            s.push_str("</section>\n");
        }
        section(&mut s, r, sec, depth);
        if depth == 0 {
            open = true;
        } else {
            s.push_str("</section>\n");
        }
    }
    if open {
        s.push_str("</section>\n");
    }
    turn_the_curve(&mut s, r);
    agenda(&mut s, r);
    projections(&mut s, r);
    actions(&mut s, r);
    risks(&mut s, r);
    s.push_str("</main>\n");
    footer(&mut s, r);
    s.push_str("</div>\n</body>\n</html>\n");
    s
}

/// The report without the page around it, its CSS scoped to itself: for notebooks and for
/// embedding in another page.
pub fn fragment(r: &Report) -> String {
    let page = html(r);
    let start = page.find("<div class=\"bo\">").unwrap_or(0);
    let end = page
        .rfind("</div>\n</body>")
        .map_or(page.len(), |e| e + "</div>\n".len());
    format!("<style>{CSS}</style>\n{}", &page[start..end])
}

/// A scorecard's definition at a glance (for notebooks): sections, measures by kind, data held.
pub fn scorecard_summary(card: &crate::input::scorecard::Scorecard) -> String {
    let d = &card.definition;
    let mut s = format!("<style>{CSS}</style>\n<div class=\"bo\">\n<h3>{}</h3>\n<table>\n<thead><tr><th scope=\"col\">Section</th>", escape(&d.title));
    for k in MeasureKind::ALL {
        let _ = write!(s, "<th scope=\"col\">{}</th>", k.question());
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    for sec in &d.sections {
        let _ = write!(s, "<tr><th scope=\"row\">{}</th>", escape(&sec.title));
        for k in MeasureKind::ALL {
            let _ = write!(
                s,
                "<td class=\"num\">{}</td>",
                sec.measures.iter().filter(|m| m.kind == k).count()
            );
        }
        s.push_str("</tr>\n");
    }
    let _ = write!(
        s,
        "</tbody>\n</table>\n<p class=\"muted\">{} observations, {} comparator values, {} actions.</p>\n</div>\n",
        card.observations().len(),
        card.comparators().len(),
        card.actions().len()
    );
    s
}

pub fn badge(status: Status) -> String {
    format!(
        "<span class=\"badge rag-{}\">{}</span>",
        rag_name(status.rag()),
        status.label()
    )
}

fn rag_name(r: Rag) -> &'static str {
    match r {
        Rag::Green => "green",
        Rag::Amber => "amber",
        Rag::Red => "red",
        Rag::Grey => "grey",
    }
}

fn header(s: &mut String, r: &Report) {
    let area = r
        .scorecard
        .area
        .as_deref()
        .map(|a| format!("{} · ", escape(a)))
        .unwrap_or_default();
    let _ = writeln!(
        s,
        "<header>\n<h1>{}</h1>\n<p class=\"meta\">{area}as of <strong>{}</strong></p>",
        escape(&r.scorecard.title),
        r.as_of
    );
    // The scorecard's notes ("illustrative", the source) where a reader starts.
    for n in &r.scorecard.notes {
        let _ = writeln!(
            s,
            "<p class=\"note\"><strong>Note:</strong> {}</p>",
            escape(n)
        );
    }
    if !r.scorecard.disclosure.enabled {
        s.push_str("<p><span class=\"badge rag-red\">Disclosure control is OFF</span> True figures are shown, for internal use only. Do not publish.</p>\n");
    }
    let warnings = super::format::warning_lines(r);
    if !warnings.is_empty() {
        let _ = writeln!(s, "<section class=\"warnings\" aria-label=\"Warnings\">\n<p><strong>Warnings ({})</strong></p>\n<ul>", warnings.len());
        for w in &warnings {
            let _ = writeln!(s, "<li>{}</li>", escape(w));
        }
        s.push_str("</ul>\n</section>\n");
    }
    let c = &r.summary.all.by_status;
    let _ = writeln!(s, "<section aria-label=\"Summary\">\n<p><strong>{} measures</strong></p>\n<ul class=\"counts\">", r.summary.all.measures);
    for st in Status::ALL {
        let n = c.get(st);
        if n > 0 {
            let _ = writeln!(s, "<li>{} {n}</li>", badge(st));
        }
    }
    s.push_str("</ul>\n");
    let a = &r.summary.actions;
    if a.total > 0 {
        let done = a
            .percent_complete
            .map(|p| format!(" ({})", pct(p)))
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "<p>Actions: <strong>{} of {} completed{done}</strong> · {} in progress · {} not started{} · <strong>{} overdue</strong></p>",
            a.completed,
            a.total - a.withdrawn,
            a.in_progress,
            a.not_started,
            if a.withdrawn > 0 { format!(" · {} withdrawn", a.withdrawn) } else { String::new() },
            a.overdue
        );
    }
    s.push_str("</section>\n<nav aria-label=\"Sections\"><ol>\n");
    for (sec, depth) in super::sections_in_order(r) {
        let _ = writeln!(
            s,
            "<li{}><a href=\"#s-{}\">{}</a></li>",
            if depth == 1 { " class=\"sub\"" } else { "" },
            escape(&sec.id),
            escape(&sec.title)
        );
    }
    s.push_str("</ol></nav>\n</header>\n");
}

/// The SPC summary matrix: every measure with SPC, concern first, with both icons drawn and
/// named.
fn spc_matrix(s: &mut String, r: &Report) {
    let rows = format::spc_matrix(r);
    if rows.is_empty() {
        return;
    }
    s.push_str("<section class=\"spc-matrix\" id=\"spc-summary\">\n<h2>SPC summary (Making Data Count)</h2>\n<p class=\"sub\">Every measure with SPC, concern first: special cause concern, then neither, common cause and improvement; within each, fails the target, hit and miss, passes.</p>\n<table class=\"measures\">\n<thead><tr><th scope=\"col\">Measure</th><th scope=\"col\">Latest</th><th scope=\"col\">Target</th><th scope=\"col\">Variation</th><th scope=\"col\">Assurance</th><th scope=\"col\">Latest point</th><th scope=\"col\">Status</th></tr></thead>\n<tbody>\n");
    for c in rows {
        let assurance = c.row.assurance.map_or_else(
            || "–".to_string(),
            |a| {
                format!(
                    "<span class=\"icons\">{}<span class=\"icon-label\">{}</span></span>",
                    super::icons::assurance(a, 28),
                    a.label()
                )
            },
        );
        let _ = writeln!(
            s,
            "<tr><th scope=\"row\">{}</th><td data-label=\"Latest\">{}</td><td data-label=\"Target\">{}</td><td data-label=\"Variation\"><span class=\"icons\">{}<span class=\"icon-label\">{}</span></span></td><td data-label=\"Assurance\">{assurance}</td><td data-label=\"Latest point\">{}</td><td data-label=\"Status\">{}</td></tr>",
            escape(&c.row.name),
            escape(&c.latest),
            escape(&c.target),
            super::icons::variation(c.row.variation_icon, 28),
            c.row.variation_label,
            escape(&c.row.rule_text),
            badge(c.row.status)
        );
    }
    s.push_str("</tbody>\n</table>\n</section>\n");
}

/// A section's heading, roll-up and measures (its closing tag is the caller's: a section's
/// subsections sit inside it). Depth 1 is a subsection: its headings are a level down.
fn section(s: &mut String, r: &Report, sec: &crate::report::SectionInfo, depth: usize) {
    let (h, q) = if depth == 0 {
        ("h2", "h3")
    } else {
        ("h3", "h4")
    };
    let _ = writeln!(
        s,
        "<section id=\"s-{}\"{}>\n<{h}>{}</{h}>",
        escape(&sec.id),
        if depth == 0 { "" } else { " class=\"sub\"" },
        escape(&sec.title)
    );
    if let Some(rollup) = format::section_rollup(r, &sec.id) {
        let _ = writeln!(s, "<p class=\"rollup\">In all: {}</p>", escape(&rollup));
    }
    if let Some(d) = &sec.description {
        let _ = writeln!(s, "<p>{}</p>", escape(d));
    }
    if super::is_empty(r, sec) {
        s.push_str("<p class=\"muted\">No measures in this section.</p>\n");
    }
    for (kind, ms) in super::by_question(r, sec) {
        let _ = writeln!(s, "<{q}>{}</{q}>\n<table class=\"measures\">\n<thead><tr><th scope=\"col\">Measure</th><th scope=\"col\">Latest</th><th scope=\"col\">Trend</th><th scope=\"col\">Change on previous</th><th scope=\"col\">Target</th><th scope=\"col\">Progress</th><th scope=\"col\">SPC</th><th scope=\"col\">Status</th></tr></thead>\n<tbody>", kind.question());
        for m in ms {
            measure_rows(s, m);
        }
        s.push_str("</tbody>\n</table>\n");
    }
}

fn measure_rows(s: &mut String, m: &MeasureResult) {
    let compared = format::comparators(m);
    let sub = if compared.is_empty() {
        String::new()
    } else {
        format!(
            "<div class=\"sub\">vs {}</div>",
            escape(&compared.join("; "))
        )
    };
    let change = format::change(m).unwrap_or_else(|| "–".to_string());
    let dash = || "–".to_string();
    let cells = [
        ("Latest", escape(&format::current(m)), ""),
        (
            "Trend",
            if m.series.len() > 1 {
                svg::sparkline(m)
            } else {
                String::new()
            },
            "",
        ),
        ("Change", escape(&change), ""),
        (
            "Target",
            escape(&format::target(m).unwrap_or_else(dash)),
            "",
        ),
        (
            "Progress",
            m.progress_pct.map(pct).unwrap_or_else(dash),
            "num",
        ),
        (
            "SPC",
            m.spc.as_ref().map_or_else(dash, |spc| {
                super::icons::pair(spc.variation_icon, spc.assurance, 28)
            }),
            "",
        ),
        ("Status", badge(m.status), ""),
    ];
    // The measure's notes under its name, visible on screen and in print (never only in the
    // collapsed detail): an illustrative figure stays labelled.
    let mut noted = String::new();
    if !m.notes.is_empty() {
        noted.push_str("<ul class=\"notes\">");
        for n in &m.notes {
            let _ = write!(noted, "<li>{}</li>", escape(n));
        }
        noted.push_str("</ul>");
    }
    if !format::turn_the_curve(m).is_empty() {
        let _ = write!(
            noted,
            "<div class=\"sub\"><a href=\"#ttc-{}\">Turn the curve: story, partners, what works, actions</a></div>",
            escape(&m.id)
        );
    }
    let _ = write!(
        s,
        "<tr><th scope=\"row\">{}{sub}{noted}</th>",
        escape(&m.name)
    );
    for (label, content, class) in cells {
        // Empty cells are hidden on narrow screens, where each cell is a line of its own.
        let empty = content.is_empty() || content == "–";
        let class = match (class, empty) {
            ("", true) => " class=\"empty\"".to_string(),
            (c, true) => format!(" class=\"{c} empty\""),
            ("", false) => String::new(),
            (c, false) => format!(" class=\"{c}\""),
        };
        let _ = write!(s, "<td data-label=\"{label}\"{class}>{content}</td>");
    }
    s.push_str("</tr>\n");
    // Each breakdown as a table of its own, visible beneath the measure (and in print).
    for b in super::format::breakdowns(m) {
        let _ = writeln!(
            s,
            "<tr class=\"breakdown\"><td colspan=\"8\">{}</td></tr>",
            breakdown_table(m, &b)
        );
    }
    let mut notes = String::new();
    if let Some(e) = m.expected {
        let _ = write!(
            notes,
            "<li>Expected by now on the line from baseline to target: {}</li>",
            escape(&value(m, e))
        );
    }
    if let Some(b) = &m.baseline {
        let _ = write!(
            notes,
            "<li>Baseline: {} ({})</li>",
            escape(&value(m, b.value)),
            b.period
        );
    }
    for stat in super::format::statistics(m) {
        let _ = write!(notes, "<li>{}</li>", escape(&stat));
    }
    let _ = writeln!(s, "<tr class=\"detail\"><td colspan=\"8\"><details><summary>Chart and notes</summary>\n{}{}{}<ul>{notes}</ul></details></td></tr>", svg::chart(m), svg::spc_chart(m).unwrap_or_default(), events(m));
}

/// The events marked on a measure's charts, listed under them by their numbers.
fn events(m: &MeasureResult) -> String {
    if m.annotations.is_empty() {
        return String::new();
    }
    let mut s =
        String::from("<ol class=\"annotations\" aria-label=\"Events marked on the charts\">");
    for a in &m.annotations {
        let _ = write!(
            s,
            "<li value=\"{}\">{}: {}</li>",
            a.number,
            escape(&format::period(m, a.period)),
            escape(&a.text)
        );
    }
    s.push_str("</ol>\n");
    s
}

/// One breakdown of a measure's current period as a table: each category's figure (or the
/// symbol it is withheld under) and share, with the total in the caption.
fn breakdown_table(m: &MeasureResult, b: &format::Breakdown) -> String {
    let mut s = format!(
        "<table class=\"breakdown\"><caption>{}, by {} (total {})</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">Figure</th><th scope=\"col\" class=\"num\">Share</th><th scope=\"col\">Change on previous</th></tr></thead><tbody>",
        escape(&m.name),
        escape(&b.dimension),
        escape(&b.total),
        escape(&b.dimension)
    );
    let dash = || "–".to_string();
    for r in &b.rows {
        let _ = write!(
            s,
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            escape(&r.category),
            escape(&r.figure),
            r.share.as_deref().map_or_else(dash, escape),
            r.change.as_deref().map_or_else(dash, escape)
        );
    }
    s.push_str("</tbody></table>");
    s
}

/// A measure's turn-the-curve record as headed lists, in Friedman's order, with its source.
fn record(m: &MeasureResult) -> String {
    let mut s = String::new();
    if let Some(source) = m.turn_the_curve.as_ref().and_then(|t| t.source.as_deref()) {
        let _ = writeln!(s, "<p class=\"muted\">{}</p>", escape(source));
    }
    for part in format::turn_the_curve(m) {
        let _ = write!(s, "<h4>{}</h4>\n<ul>", part.heading);
        for item in &part.items {
            let _ = write!(s, "<li>{}</li>", escape(item));
        }
        s.push_str("</ul>\n");
    }
    s
}

/// What a page shows beneath a measure when it is opened (the dashboard): its breakdown
/// tables, its turn-the-curve record and its notes, as the report shows them; every name
/// escaped. Empty when the measure has none.
pub fn measure_detail(m: &MeasureResult) -> String {
    let mut s = events(m);
    for b in format::breakdowns(m) {
        s.push_str(&breakdown_table(m, &b));
        s.push('\n');
    }
    s.push_str(&record(m));
    if !m.notes.is_empty() {
        s.push_str("<ul class=\"notes\">");
        for n in &m.notes {
            let _ = write!(s, "<li>{}</li>", escape(n));
        }
        s.push_str("</ul>\n");
    }
    s
}

/// A measure on a page of its own (a dashboard's measure page): what it is and how it stands
/// (status, the latest figure, target, expected, progress, change, baseline), its
/// turn-the-curve and SPC charts with their events, the statistics in words (SPC, forecast,
/// interval, the benchmark band), the comparators, then what [`measure_detail`] shows:
/// breakdowns, the turn-the-curve record (story, partners, what works, actions, data
/// development, commentary) and every note. HTML whose every name is escaped.
pub fn measure_page(m: &MeasureResult) -> String {
    let mut s = String::new();
    let dash = || "–".to_string();
    let _ = writeln!(
        s,
        "<article class=\"measure-page\" id=\"measure-{}\" aria-labelledby=\"measure-{}-name\">\n<h2 id=\"measure-{}-name\">{}</h2>\n<p>{} {} · {}</p>",
        escape(&m.id),
        escape(&m.id),
        escape(&m.id),
        escape(&m.name),
        badge(m.status),
        escape(&m.id),
        escape(m.kind.question())
    );
    let mut figures: Vec<(&str, String)> = vec![
        ("Latest", format::current(m)),
        ("Target", format::target(m).unwrap_or_else(dash)),
    ];
    if let Some(e) = m.expected {
        figures.push(("Expected by now", value(m, e)));
    }
    if let Some(p) = m.progress_pct {
        figures.push(("Progress", pct(p)));
    }
    figures.push(("Change", format::change(m).unwrap_or_else(dash)));
    if let Some(b) = &m.baseline {
        figures.push(("Baseline", format!("{} ({})", value(m, b.value), b.period)));
    }
    s.push_str("<dl class=\"figures\">");
    for (k, v) in figures {
        let _ = write!(s, "<div><dt>{k}</dt><dd>{}</dd></div>", escape(&v));
    }
    s.push_str("</dl>\n<h3>The curve</h3>\n");
    s.push_str(&svg::chart(m));
    s.push_str(&svg::spc_chart(m).unwrap_or_default());
    let stats = format::statistics(m);
    if !stats.is_empty() {
        s.push_str("<ul class=\"statistics\">");
        for line in stats {
            let _ = write!(s, "<li>{}</li>", escape(&line));
        }
        s.push_str("</ul>\n");
    }
    let compared = format::comparators(m);
    if !compared.is_empty() {
        s.push_str("<h3>Compared with</h3>\n<ul class=\"comparators\">");
        for c in compared {
            let _ = write!(s, "<li>{}</li>", escape(&c));
        }
        s.push_str("</ul>\n");
    }
    s.push_str(&measure_detail(m));
    s.push_str("</article>\n");
    s
}

/// A page per measure with a turn-the-curve record, in Friedman's order: how we are doing (the
/// latest figure and the curve), the story behind it, partners, what works, what we propose to
/// do, and the data we need; then the commentary. Each starts a printed page.
fn turn_the_curve(s: &mut String, r: &Report) {
    let with = format::with_records(r);
    if with.is_empty() {
        return;
    }
    s.push_str("<section id=\"turn-the-curve\">\n<h2>Turn the curve</h2>\n");
    for m in with {
        let _ = writeln!(
            s,
            "<article class=\"ttc\" id=\"ttc-{}\">\n<h3>{}</h3>\n<p>{} · {}{}</p>",
            escape(&m.id),
            escape(&m.name),
            badge(m.status),
            escape(&format::current(m)),
            format::target(m)
                .map(|t| format!(" · target {}", escape(&t)))
                .unwrap_or_default()
        );
        let _ = writeln!(s, "<h4>How are we doing?</h4>\n{}", svg::chart(m));
        s.push_str(&record(m));
        if !m.notes.is_empty() {
            s.push_str("<ul class=\"notes\">");
            for n in &m.notes {
                let _ = write!(s, "<li>{}</li>", escape(n));
            }
            s.push_str("</ul>\n");
        }
        s.push_str("</article>\n");
    }
    s.push_str("</section>\n");
}

fn agenda(s: &mut String, r: &Report) {
    if r.summary.data_development.is_empty() {
        return;
    }
    s.push_str("<section id=\"data-development\">\n<h2>Data development agenda</h2>\n<p>Measures the partnership wants but cannot yet measure.</p>\n<ul>\n");
    for a in &r.summary.data_development {
        let _ = writeln!(s, "<li>{}</li>", escape(&a.name));
    }
    s.push_str("</ul>\n</section>\n");
}

fn projections(s: &mut String, r: &Report) {
    if r.projections.is_empty() {
        return;
    }
    s.push_str("<section id=\"projections\">\n<h2>Projections</h2>\n");
    for p in &r.projections {
        let _ = writeln!(s, "<h3>{}</h3>\n<table>\n<thead><tr><th scope=\"col\">Period</th><th scope=\"col\">Growth</th><th scope=\"col\">Projected</th></tr></thead>\n<tbody>\n<tr><td>{}</td><td>base</td><td class=\"num\">{}</td></tr>", escape(&p.name), p.base_period, format::thousands(p.base));
        for st in &p.steps {
            let _ = writeln!(
                s,
                "<tr><td>{}</td><td>{}%</td><td class=\"num\">{}</td></tr>",
                st.period,
                crate::num::signed(st.growth_pct),
                format::thousands(st.rounded)
            );
        }
        s.push_str("</tbody>\n</table>\n");
        if let Some(src) = &p.source {
            let _ = writeln!(s, "<p class=\"muted\">Source: {}</p>", escape(src));
        }
    }
    s.push_str("</section>\n");
}

fn actions(s: &mut String, r: &Report) {
    if r.actions.is_empty() {
        return;
    }
    s.push_str("<section id=\"actions\">\n<h2>Action plan</h2>\n<table>\n<thead><tr><th scope=\"col\">Action</th><th scope=\"col\">Lead</th><th scope=\"col\">Due</th><th scope=\"col\">Status</th></tr></thead>\n<tbody>\n");
    for a in &r.actions {
        let st = &a.action;
        let status = st.status.label();
        let overdue = if a.overdue {
            " <span class=\"badge rag-red\">Overdue</span>"
        } else {
            ""
        };
        let _ = writeln!(s, "<tr><td><strong>{}</strong> {}</td><td>{}</td><td>{}</td><td>{status}{overdue}</td></tr>", escape(&st.id), escape(&st.title), escape(st.lead.as_deref().unwrap_or("")), st.due);
    }
    s.push_str("</tbody>\n</table>\n</section>\n");
}

fn risks(s: &mut String, r: &Report) {
    if r.risks.is_empty() {
        return;
    }
    s.push_str("<section id=\"risks\">\n<h2>Risks</h2>\n<table>\n<thead><tr><th scope=\"col\">Risk</th><th scope=\"col\">Likelihood x impact</th><th scope=\"col\">Mitigation</th></tr></thead>\n<tbody>\n");
    for k in &r.risks {
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td>{} x {} = {} ({})</td><td>{}</td></tr>",
            escape(&k.title),
            k.likelihood,
            k.impact,
            k.score,
            k.rating.label(),
            escape(k.mitigation.as_deref().unwrap_or(""))
        );
    }
    s.push_str("</tbody>\n</table>\n</section>\n");
}

fn footer(s: &mut String, r: &Report) {
    s.push_str("<footer>\n");
    for line in super::format::disclosure_lines(r)
        .into_iter()
        .filter(|l| !l.starts_with("Disclosure control is OFF"))
    {
        let _ = writeln!(s, "<p>{}</p>", escape(&line));
    }
    for n in &r.scorecard.notes {
        let _ = writeln!(s, "<p>{}</p>", escape(n));
    }
    if let Some(src) = &r.scorecard.source {
        let _ = writeln!(s, "<p>Source: {}</p>", escape(src));
    }
    let _ = writeln!(
        s,
        "<p>Status: achieved (target met), on track (at or better than the straight line from baseline to target), at risk (short of that line by at most {}% of the distance to the target), off track, missed (due date passed, target not met). Made with betteroff ({}).</p>\n</footer>",
        crate::num::fmt_num(r.scorecard.status_rules.at_risk_tolerance_pct),
        crate::report::SCHEMA
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn luminance(hex: &str) -> f64 {
        let c = |i: usize| {
            let x = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if x <= 0.04045 {
                x / 12.92
            } else {
                ((x + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * c(1) + 0.7152 * c(3) + 0.0722 * c(5)
    }

    #[test]
    fn badges_pass_wcag_aa_with_white_text() {
        for (rag, hex) in RAG_COLOURS {
            let ratio = 1.05 / (luminance(hex) + 0.05);
            assert!(ratio >= 4.5, "{rag:?} {hex}: {ratio:.2}");
            assert!(CSS.contains(&format!(
                ".bo .rag-{} {{ background: {hex}; }}",
                rag_name(rag)
            )));
        }
    }

    #[test]
    fn every_status_has_a_text_badge() {
        for st in Status::ALL {
            assert!(badge(st).contains(&format!(">{}</span>", st.label())));
        }
    }
}
