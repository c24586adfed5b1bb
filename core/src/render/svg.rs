//! SVG charts: the turn-the-curve chart of a measure and a sparkline for tables.
//!
//! Output is deterministic (same report, same bytes): coordinates are printed to one decimal
//! place and nothing depends on a clock or a font file. Lines are labelled in text, so no line
//! is told apart by colour alone.

use super::format::value;
use super::markup::escape;
use crate::model::period::Period;
use crate::model::target::Basis;
use crate::report::{MeasureResult, Point};
use chrono::Datelike;
use chrono::NaiveDate;
use std::fmt::Write;

const W: f64 = 640.0;
const H: f64 = 316.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 190.0;
const TOP: f64 = 40.0;
const BOTTOM: f64 = 72.0;

const ACTUAL: &str = "#0b5cad";
const TARGET: &str = "#3d4752";
const COMPARATORS: [&str; 4] = ["#8250df", "#bf3989", "#1b7c83", "#7d4e00"];
const FORECAST: &str = "#7d4e00";

/// A value at a date.
#[derive(Clone, Copy)]
struct Pt {
    date: NaiveDate,
    y: f64,
}

/// The plot area's scales.
struct Frame {
    x0: NaiveDate,
    days: f64,
    y0: f64,
    y1: f64,
}

impl Frame {
    fn x(&self, d: NaiveDate) -> f64 {
        LEFT + (d - self.x0).num_days() as f64 / self.days * (W - LEFT - RIGHT)
    }

    /// Worked in halves, so that figures near f64's limits (a span that would overflow) still
    /// give a number: no coordinate is ever NaN or infinite.
    fn y(&self, v: f64) -> f64 {
        let y =
            TOP + (self.y1 / 2.0 - v / 2.0) / (self.y1 / 2.0 - self.y0 / 2.0) * (H - TOP - BOTTOM);
        if y.is_finite() {
            y
        } else {
            (H - BOTTOM + TOP) / 2.0
        }
    }
}

fn points(series: &[Point]) -> Vec<Option<Pt>> {
    series
        .iter()
        .map(|p| {
            p.value.map(|y| Pt {
                date: p.period.end(),
                y,
            })
        })
        .collect()
}

/// Where the target is drawn: only for a target on the value itself.
fn target_point(m: &MeasureResult) -> Option<Pt> {
    let t = m.target.as_ref()?;
    match (&t.basis, t.value, t.due) {
        (Basis::Value, Some(y), Some(due)) => Some(Pt { date: due.end(), y }),
        _ => None,
    }
}

fn baseline_point(m: &MeasureResult) -> Option<Pt> {
    m.baseline.map(|b| Pt {
        date: b.period.end(),
        y: b.value,
    })
}

/// Round steps (1, 2, 2.5, 5 x 10^k): the smallest giving at most five intervals over [lo, hi].
fn ticks(lo: f64, hi: f64) -> Vec<f64> {
    // (hi - lo) / 5, in halves so that it cannot overflow.
    let raw = (hi / 2.0 - lo / 2.0) / 2.5;
    if !(raw.is_finite() && raw > 0.0) {
        return Vec::new();
    }
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|k| k * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let first = (lo / step).ceil() * step;
    (0..=8)
        .map(|i| first + f64::from(i) * step)
        .take_while(|t| t.is_finite() && (*t <= hi || *t - hi <= step * 1e-9))
        .collect()
}

fn frame(m: &MeasureResult, all: &[Pt]) -> Frame {
    let (mut x0, mut x1) = (all[0].date, all[0].date);
    let (mut y0, mut y1) = (all[0].y, all[0].y);
    for p in all {
        x0 = x0.min(p.date);
        x1 = x1.max(p.date);
        y0 = y0.min(p.y);
        y1 = y1.max(p.y);
    }
    // 12% of the span either side, in halves (the span of figures near f64's limits overflows),
    // the frame kept within f64.
    let pad = if y1 > y0 {
        (y1 / 2.0 - y0 / 2.0) * 0.24
    } else {
        y0.abs().max(1.0) * 0.1
    };
    let (mut y0, mut y1) = ((y0 - pad).max(f64::MIN), (y1 + pad).min(f64::MAX));
    if m.unit == "percentage" {
        (y0, y1) = (y0.max(0.0), y1.min(100.0));
    } else if all.iter().all(|p| p.y >= 0.0) {
        y0 = y0.max(0.0);
    }
    let days = ((x1 - x0).num_days() as f64).max(1.0);
    // A little room either side so end points are not on the frame.
    let margin = chrono::Duration::days((days * 0.04).ceil() as i64);
    Frame {
        x0: x0 - margin,
        days: days + 2.0 * margin.num_days() as f64,
        y0,
        y1,
    }
}

/// The turn-the-curve chart: the actual series, the baseline, the target and the straight line
/// to it, and comparators as dashed lines, with axis labels in the measure's unit.
pub fn chart(m: &MeasureResult) -> String {
    let actual = points(&m.series);
    let comparators: Vec<(String, Vec<Option<Pt>>)> = m
        .comparators
        .iter()
        .map(|c| (c.name.clone(), points(&c.series)))
        .collect();
    let (base, target) = (baseline_point(m), target_point(m));
    let mut all: Vec<Pt> = actual.iter().flatten().copied().collect();
    all.extend(base.iter().chain(&target));
    all.extend(forecast_ends(m).into_iter().flat_map(|(a, b)| [a, b]));
    all.extend(
        comparators
            .iter()
            .flat_map(|(_, s)| s.iter().flatten().copied()),
    );
    let name = escape(&m.name);
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\" role=\"img\" aria-labelledby=\"chart-{id}-title\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\" font-size=\"12\">\n<title id=\"chart-{id}-title\">{name}: {desc}</title>\n<rect width=\"{W}\" height=\"{H}\" fill=\"#ffffff\"/>\n<text x=\"{LEFT}\" y=\"20\" font-size=\"14\" font-weight=\"600\" fill=\"#1f2328\">{short}</text>\n",
        id = escape(&m.id),
        desc = escape(&describe(m)),
        short = escape(&truncate(&m.name, 70)),
    );
    if all.is_empty() {
        let _ = writeln!(s, "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#57606a\">No figures to chart{}</text>", W / 2.0, H / 2.0, if m.to_be_developed { ": the measure is to be developed" } else { "" });
        s.push_str("</svg>\n");
        return s;
    }
    let f = frame(m, &all);
    axes(&mut s, m, &f);
    if let (Some(b), Some(t)) = (base, target) {
        let _ = writeln!(s, "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{TARGET}\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>", f.x(b.date), f.y(b.y), f.x(t.date), f.y(t.y));
    }
    let mut labels: Vec<(f64, String, &str)> = Vec::new();
    for (i, (cname, series)) in comparators.iter().enumerate() {
        let colour = COMPARATORS[i % COMPARATORS.len()];
        line(&mut s, &f, series, colour, "2 3", 1.5);
        if let Some(last) = series.iter().flatten().last() {
            labels.push((f.y(last.y), format!("{cname} {}", value(m, last.y)), colour));
        }
    }
    // A run chart's centre line: the median, where the series is too short for SPC.
    if let Some(r) = &m.runs {
        let y = f.y(r.median);
        let _ = writeln!(s, "<line x1=\"{LEFT}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"#57606a\" stroke-width=\"1.2\" stroke-dasharray=\"4 3\"/>", W - RIGHT);
        labels.push((y, format!("Median {}", value(m, r.median)), "#57606a"));
    }
    line(&mut s, &f, &actual, ACTUAL, "", 2.5);
    // The trend forecast over the actual line, so that it shows where the two lie together.
    if let Some((from, to)) = forecast_ends(m) {
        let _ = writeln!(s, "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{FORECAST}\" stroke-width=\"2\" stroke-dasharray=\"2 3\"/>", f.x(from.date), f.y(from.y), f.x(to.date), f.y(to.y));
    }
    for p in actual.iter().flatten() {
        let _ = writeln!(
            s,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"{ACTUAL}\"/>",
            f.x(p.date),
            f.y(p.y)
        );
    }
    if let Some(last) = actual.iter().flatten().last() {
        labels.push((f.y(last.y), format!("Actual {}", value(m, last.y)), ACTUAL));
    }
    right_labels(&mut s, labels);
    let gaps: Vec<Period> = m
        .series
        .iter()
        .filter(|p| p.value.is_none())
        .map(|p| p.period)
        .collect();
    // The drawn lines, for placing the baseline's and target's labels clear of them.
    let mut lines: Vec<Segment> = gap_lines(&f, &gaps);
    for series in std::iter::once(&actual).chain(comparators.iter().map(|(_, s)| s)) {
        lines.extend(segments(&f, series));
    }
    if let Some(r) = &m.runs {
        lines.push(((LEFT, f.y(r.median)), (W - RIGHT, f.y(r.median))));
    }
    lines.extend(annotation_lines(&f, m));
    if let (Some(b), Some(t)) = (base, target) {
        lines.push(((f.x(b.date), f.y(b.y)), (f.x(t.date), f.y(t.y))));
    }
    if let Some((from, to)) = forecast_ends(m) {
        lines.push(((f.x(from.date), f.y(from.y)), (f.x(to.date), f.y(to.y))));
    }
    if let Some(b) = base {
        let (x, y) = (f.x(b.date), f.y(b.y));
        let _ = writeln!(s, "<path d=\"M{x:.1} {:.1} L{:.1} {y:.1} L{x:.1} {:.1} L{:.1} {y:.1} Z\" fill=\"#ffffff\" stroke=\"{TARGET}\" stroke-width=\"2\"/>", y - 6.0, x + 6.0, y + 6.0, x - 6.0);
        let label = format!("Baseline {}", value(m, b.y));
        // Away from the line to the target: below it when the line rises (or is level, where
        // the target's label sits above); then wherever no drawn line crosses it.
        let below = target.is_some_and(|t| t.y >= b.y);
        let w = text_width(&label, 12.0);
        let places = label_places(
            x,
            y,
            w,
            (x + 9.0, if below { y + 18.0 } else { y - 8.0 }, "start"),
        );
        let (lx, ly, anchor) = clear_place(&places, w, &lines);
        let _ = writeln!(
            s,
            "<text x=\"{lx:.1}\" y=\"{ly:.1}\" text-anchor=\"{anchor}\" fill=\"{TARGET}\">{}</text>",
            escape(&label)
        );
    }
    if let Some(t) = target {
        let (x, y) = (f.x(t.date), f.y(t.y));
        let _ = writeln!(s, "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"6\" fill=\"#ffffff\" stroke=\"{TARGET}\" stroke-width=\"2\"/>\n<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"2\" fill=\"{TARGET}\"/>");
        let label = format!("Target {}", value(m, t.y));
        // Above and to the left of the marker (the right margin holds the lines' names); below
        // it where above would reach the title, to its right where left would reach the y
        // labels.
        // Then, where a drawn line crosses it there, the first other place within the plot
        // (above before below, left before right) that no line crosses.
        let w = text_width(&label, 12.0);
        let old = (
            if x - 9.0 - w < LEFT { x + 9.0 } else { x - 9.0 },
            if y - 9.0 - 12.0 < 26.0 {
                y + 21.0
            } else {
                y - 9.0
            },
            if x - 9.0 - w < LEFT { "start" } else { "end" },
        );
        let places = label_places(x, y, w, old);
        let (lx, ly, anchor) = clear_place(&places, w, &lines);
        let _ = writeln!(
            s,
            "<text x=\"{lx:.1}\" y=\"{ly:.1}\" text-anchor=\"{anchor}\" fill=\"{TARGET}\">{}</text>",
            escape(&label)
        );
    }
    if let Some(t) = m
        .target
        .as_ref()
        .filter(|t| matches!(t.basis, Basis::Gap { .. }))
    {
        let _ = writeln!(s, "<text x=\"{LEFT}\" y=\"34\" font-size=\"11\" fill=\"#57606a\">The target is on the gap: {}</text>", escape(&t.description));
    }
    gap_marks(&mut s, &f, m, &gaps);
    annotation_marks(&mut s, &f, m);
    legend(
        &mut s,
        base.is_some() && target.is_some(),
        !comparators.is_empty(),
        forecast_ends(m).is_some(),
    );
    s.push_str("</svg>\n");
    s
}

/// Gridlines, y tick labels in the unit, and x labels at the series' periods (at most six).
fn axes(s: &mut String, m: &MeasureResult, f: &Frame) {
    let _ = writeln!(s, "<g stroke=\"#d0d7de\" stroke-width=\"1\">");
    let ys = ticks(f.y0, f.y1);
    for t in &ys {
        let _ = writeln!(
            s,
            "<line x1=\"{LEFT}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\"/>",
            f.y(*t),
            W - RIGHT,
            f.y(*t)
        );
    }
    s.push_str("</g>\n<g fill=\"#57606a\" text-anchor=\"end\">\n");
    for t in &ys {
        let _ = writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            LEFT - 6.0,
            f.y(*t) + 4.0,
            // A tick is shown to the places it needs (0.25), and at least the measure's.
            escape(&super::format::figure(
                m.unit,
                m.per,
                m.decimals.max(crate::num::given_decimals(*t)),
                *t
            ))
        );
    }
    s.push_str("</g>\n<g fill=\"#57606a\" text-anchor=\"middle\">\n");
    // Candidate labels: the due date first (it matters most), then every `every`th period.
    // A label is dropped if it would crowd one already placed.
    let periods: Vec<_> = m.series.iter().map(|p| p.period).collect();
    let every = periods.len().div_ceil(6).max(1);
    // Then the first and last periods, then each year's first period (so that every year a
    // chart spans is named where there is room), then every `every`th.
    let mut candidates: Vec<crate::model::period::Period> =
        m.target.as_ref().and_then(|t| t.due).into_iter().collect();
    candidates.extend(periods.first().copied());
    candidates.extend(periods.last().copied());
    candidates.extend(
        periods
            .windows(2)
            .filter_map(|w| (w[1].start().year() != w[0].start().year()).then_some(w[1])),
    );
    candidates.extend(
        periods
            .iter()
            .enumerate()
            .filter(|(i, _)| i % every == 0 || i + 1 == periods.len())
            .map(|(_, p)| *p),
    );
    let mut placed: Vec<(f64, String)> = Vec::new();
    for p in candidates {
        // Kept within the plot's width, clear of the y labels and the right margin's names,
        // and dropped where it would crowd a label already placed.
        let text = p.to_string();
        let half = text_width(&text, 12.0) / 2.0;
        let x = f.x(p.end()).max(LEFT + half + 2.0).min(W - RIGHT - half);
        if placed
            .iter()
            .all(|(px, t)| (px - x).abs() >= half + text_width(t, 12.0) / 2.0 + 8.0)
        {
            placed.push((x, text));
        }
    }
    crate::num::sort_by(&mut placed, |a, b| a.0.total_cmp(&b.0));
    for (x, text) in placed {
        let _ = writeln!(
            s,
            "<text x=\"{x:.1}\" y=\"{:.1}\">{}</text>",
            H - BOTTOM + 16.0,
            escape(&text)
        );
    }
    let _ = writeln!(
        s,
        "</g>\n<line class=\"axis\" x1=\"{LEFT}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#57606a\"/>",
        H - BOTTOM,
        W - RIGHT,
        H - BOTTOM
    );
}

fn line(s: &mut String, f: &Frame, series: &[Option<Pt>], colour: &str, dash: &str, width: f64) {
    // A missing figure breaks the line rather than joining across it.
    for run in series.split(Option::is_none) {
        let pts: Vec<String> = run
            .iter()
            .flatten()
            .map(|p| format!("{:.1},{:.1}", f.x(p.date), f.y(p.y)))
            .collect();
        if pts.len() > 1 {
            let dash = if dash.is_empty() {
                String::new()
            } else {
                format!(" stroke-dasharray=\"{dash}\"")
            };
            let _ = writeln!(s, "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{width}\"{dash}/>", pts.join(" "));
        }
    }
}

/// Names the lines in the right margin at the height of their last point, moved apart just
/// enough that no two overlap (and kept inside the plot).
fn right_labels(s: &mut String, mut labels: Vec<(f64, String, &str)>) {
    // A 12-pixel line of text is 15 pixels tall, descenders and all.
    const GAP: f64 = 16.0;
    crate::num::sort_by(&mut labels, |a, b| {
        a.0.total_cmp(&b.0).then_with(|| a.1.cmp(&b.1))
    });
    // Packed into the plot's height: pushed apart downwards, then back up from the bottom,
    // then down from the top; with more names than the height holds, the gap narrows.
    let n = labels.len();
    let gap = if n > 1 {
        GAP.min((H - BOTTOM - TOP) / (n - 1) as f64)
    } else {
        GAP
    };
    for i in 1..n {
        labels[i].0 = labels[i].0.max(labels[i - 1].0 + gap);
    }
    if let Some(last) = labels.last_mut() {
        last.0 = last.0.min(H - BOTTOM);
    }
    for i in (0..n.saturating_sub(1)).rev() {
        labels[i].0 = labels[i].0.min(labels[i + 1].0 - gap);
    }
    if let Some(first) = labels.first_mut() {
        first.0 = first.0.max(TOP);
    }
    for i in 1..n {
        labels[i].0 = labels[i].0.max(labels[i - 1].0 + gap);
    }
    for (y, text, colour) in &labels {
        let _ = writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"{colour}\">{}</text>",
            W - RIGHT + 8.0,
            y + 4.0,
            escape(&truncate(text, 30))
        );
    }
}

/// A generous estimate of a text's width in the charts' system font at `size` pixels (no font
/// metrics here: wide enough that labels placed by it never overlap).
/// Where a marker's label may go: `first` (its usual place), then places beside the marker at
/// (x, y), left or right of it, above or below, a step further each time, then the same slid
/// further out sideways, that lie within the plot (a label `width` wide).
fn label_places(
    x: f64,
    y: f64,
    width: f64,
    first: (f64, f64, &'static str),
) -> Vec<(f64, f64, &'static str)> {
    let mut places = vec![first];
    // Beside the marker first; then, where a line runs up beside it (an event's), slid
    // further out, 18 pixels at a time.
    for slide in [0.0, 18.0, 36.0, 54.0] {
        for step in 0..5 {
            let d = 9.0 * f64::from(step);
            for ly in [y - 9.0 - d, y + 18.0 + d] {
                // Clear of the title above, within the plot below.
                if ly - 10.0 < 26.0 || ly > H - BOTTOM {
                    continue;
                }
                for (lx, anchor) in [(x - 9.0 - slide, "end"), (x + 9.0 + slide, "start")] {
                    let left = if anchor == "end" { lx - width } else { lx };
                    if left >= LEFT && left + width <= W - RIGHT {
                        places.push((lx, ly, anchor));
                    }
                }
            }
        }
    }
    places
}

/// Where an earlier phase's label (`words`, starting at `x`, the phase's start) goes: just above
/// its lower limit, as before; else, where a drawn line crosses it there, the first height,
/// from the bottom of the plot up, beside its lower limit, mean or upper limit (above, then
/// below each), then every 6 pixels, that no line crosses; its usual place when none is clear.
fn phase_label_place(
    x: f64,
    words: &str,
    [lower, mean, upper]: [Option<f64>; 3],
    lines: &[Segment],
) -> (f64, f64) {
    let usual = lower.map_or(H - BOTTOM - 18.0, |lo| (lo - 5.0).max(TOP + 30.0));
    let mut heights = vec![usual];
    for v in [lower, mean, upper].into_iter().flatten() {
        heights.extend([v - 5.0, v + 13.0]);
    }
    let mut y = H - BOTTOM - 4.0;
    while y > TOP + 24.0 {
        heights.push(y);
        y -= 6.0;
    }
    let places: Vec<(f64, f64, &str)> = heights
        .into_iter()
        .filter(|&y| y == usual || (TOP + 24.0..=H - BOTTOM - 4.0).contains(&y))
        .map(|y| (x, y, "start"))
        .collect();
    let (lx, ly, _) = clear_place(&places, text_width(words, 10.0), lines);
    (lx, ly)
}

/// A drawn line's segment, in the chart's coordinates.
type Segment = ((f64, f64), (f64, f64));

/// The first of `places` (x, baseline y, anchor) where a 12-pixel label `width` wide crosses
/// none of `lines`; the first place when every one does (or there is none: the origin).
fn clear_place<'a>(
    places: &[(f64, f64, &'a str)],
    width: f64,
    lines: &[Segment],
) -> (f64, f64, &'a str) {
    let clear = |&(x, y, anchor): &(f64, f64, &str)| {
        let left = if anchor == "end" { x - width } else { x };
        // A 12-pixel line of text: its capitals 9 pixels above the baseline, descenders 3 below.
        let (x0, x1, y0, y1) = (left - 1.0, left + width + 1.0, y - 10.0, y + 4.0);
        !lines.iter().any(|&((ax, ay), (bx, by))| {
            let steps = ((bx - ax).hypot(by - ay) * 2.0).ceil().clamp(1.0, 4000.0) as usize;
            (0..=steps).any(|i| {
                let t = i as f64 / steps as f64;
                let (px, py) = (ax + (bx - ax) * t, ay + (by - ay) * t);
                px > x0 && px < x1 && py > y0 && py < y1
            })
        })
    };
    places
        .iter()
        .find(|p| clear(p))
        .or(places.first())
        .copied()
        .unwrap_or((0.0, 0.0, "start"))
}

fn text_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * 0.62
}

fn legend(s: &mut String, trajectory: bool, comparators: bool, forecast: bool) {
    let y = H - 14.0;
    // (colour, dash, stroke width, text, room it takes)
    let mut items = vec![(ACTUAL, "", 2.5, "Actual", 80.0)];
    if trajectory {
        items.push((TARGET, "6 4", 1.5, "Baseline to target", 150.0));
    }
    if comparators {
        items.push((
            COMPARATORS[0],
            "2 3",
            1.5,
            "Comparators (named at right)",
            200.0,
        ));
    }
    if forecast {
        items.push((FORECAST, "1 3", 1.5, "Trend forecast", 120.0));
    }
    let _ = writeln!(s, "<g font-size=\"11\" fill=\"#1f2328\">");
    let mut x = LEFT;
    for (colour, dash, width, text, room) in items {
        let dash = if dash.is_empty() {
            String::new()
        } else {
            format!(" stroke-dasharray=\"{dash}\"")
        };
        let _ = writeln!(s, "<line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{colour}\" stroke-width=\"{width}\"{dash}/><text x=\"{:.1}\" y=\"{y:.1}\">{text}</text>", y - 4.0, x + 18.0, y - 4.0, x + 24.0);
        x += room;
    }
    s.push_str("</g>\n");
}

/// The forecast line from the first figure it was fitted to, to the target's due date, cut
/// where it leaves the unit's range (a percentage line stops at 100%).
fn forecast_ends(m: &MeasureResult) -> Option<(Pt, Pt)> {
    let fc = m.forecast.as_ref()?;
    let (due, _) = (fc.due?, fc.at_due?);
    let from = fc.from_period.end();
    let per_day = fc.slope_per_year / 365.25;
    let days = (due.end() - from).num_days() as f64;
    let mut end = Pt {
        date: due.end(),
        y: fc.from_value + per_day * days,
    };
    let range = crate::model::kinds::Unit::parse(m.unit, m.per)
        .map_or(f64::NEG_INFINITY..=f64::INFINITY, |u| u.range());
    let (lo, hi) = (*range.start(), *range.end());
    if (end.y > hi || end.y < lo) && per_day != 0.0 {
        let bound = if end.y > hi { hi } else { lo };
        let reach = ((bound - fc.from_value) / per_day).floor();
        if reach.is_finite() && reach >= 0.0 {
            end = Pt {
                date: from + chrono::Duration::days(reach as i64),
                y: bound,
            };
        }
    }
    Some((
        Pt {
            date: from,
            y: fc.from_value,
        },
        end,
    ))
}

/// A text description of the chart, for screen readers.
fn describe(m: &MeasureResult) -> String {
    let values: Vec<String> = m
        .series
        .iter()
        .map(|p| {
            let at = super::format::period(m, p.period);
            match (p.value, &p.given) {
                (Some(v), _) => format!("{at} {}", value(m, v)),
                (None, Some(given)) => format!("{at} given only as {given}"),
                (None, None) => match p.symbol {
                    Some(sym) => format!("{at} no figure ({sym}: {})", gap_meaning(sym)),
                    None => format!("{at} no figure"),
                },
            }
        })
        .collect();
    let mut d = if values.is_empty() {
        "no figures".to_string()
    } else {
        values.join(", ")
    };
    if let Some(t) = super::format::target(m) {
        d.push_str(&format!("; target {t}"));
    }
    d.push_str(&format!("; status {}", m.status_label));
    d
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max - 1).collect();
    format!("{}…", cut.trim_end())
}

/// The SPC (XmR) chart: points coloured and shaped by type, the centre line, the process
/// limits, the target, and the variation and assurance icons as text.
pub fn spc_chart(m: &MeasureResult) -> Option<String> {
    let spc = m.spc.as_ref()?;
    let pts: Vec<Pt> = spc
        .points
        .iter()
        .map(|p| Pt {
            date: p.period.end(),
            y: p.value,
        })
        .collect();
    let mut all = pts.clone();
    for p in &spc.points {
        for v in [p.lower, p.upper].into_iter().flatten() {
            all.push(Pt {
                date: p.period.end(),
                y: v,
            });
        }
    }
    let target = m
        .target
        .as_ref()
        .filter(|t| t.basis == Basis::Value)
        .and_then(|t| t.value);
    if let (Some(t), Some(first)) = (target, pts.first()) {
        all.push(Pt {
            date: first.date,
            y: t,
        });
    }
    let f = frame(m, &all);
    let name = escape(&m.name);
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\" role=\"img\" aria-labelledby=\"spc-{id}-title\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\" font-size=\"12\">\n<title id=\"spc-{id}-title\">SPC {}of {name}: {}; {}</title>\n<rect width=\"{W}\" height=\"{H}\" fill=\"#ffffff\"/>\n<text x=\"{LEFT}\" y=\"20\" font-size=\"14\" font-weight=\"600\" fill=\"#1f2328\">SPC: {}</text>\n",
        match spc.chart {
            crate::model::options::ChartKind::Xmr => "chart ".to_string(),
            kind => format!("{} ", escape(kind.label())),
        },
        escape(spc.variation_icon_label),
        escape(&super::format::assurance(m).unwrap_or_else(|| "no assurance icon".to_string())),
        escape(&truncate(&m.name, 64)),
        id = escape(&m.id),
    );
    // The two icons, top right, beside the title that names them in words.
    let _ = writeln!(
        s,
        "<g transform=\"translate({:.0},4)\">{}</g>",
        W - 66.0,
        super::icons::variation(spc.variation_icon, 28)
    );
    if let Some(a) = spc.assurance {
        let _ = writeln!(
            s,
            "<g transform=\"translate({:.0},4)\">{}</g>",
            W - 34.0,
            super::icons::assurance(a, 28)
        );
    }
    axes(&mut s, m, &f);
    // The drawn lines (for placing the earlier phases' labels clear of them), and those labels:
    // where each phase starts, its words, and the heights of its lower limit, mean and upper
    // limit.
    let mut lines: Vec<Segment> = Vec::new();
    type PhaseLabel = (f64, String, [Option<f64>; 3]);
    let mut phase_labels: Vec<PhaseLabel> = Vec::new();
    // Centre line and limits, drawn per rebase group.
    let mut start = 0;
    while start < spc.points.len() {
        let g = spc.points[start].group;
        let end = spc.points[start..]
            .iter()
            .position(|p| p.group != g)
            .map_or(spc.points.len(), |k| start + k);
        let (a, b) = (&spc.points[start], &spc.points[end - 1]);
        // A p' or u' chart's limits step with each period's denominator.
        let varying = matches!(
            spc.chart,
            crate::model::options::ChartKind::PPrime | crate::model::options::ChartKind::UPrime
        );
        if varying {
            for pick in [
                |p: &crate::report::SpcPointResult| p.lower,
                |p: &crate::report::SpcPointResult| p.upper,
            ] {
                let corners: Vec<(f64, f64)> = spc.points[start..end]
                    .iter()
                    .enumerate()
                    .filter_map(|(k, p)| {
                        let v = pick(p)?;
                        let x = f.x(p.period.end());
                        // Each limit is level from halfway to the period before to halfway to
                        // the one after.
                        let i = start + k;
                        let half = |j: usize| (x + f.x(spc.points[j].period.end())) / 2.0;
                        let x0 = if i > start { half(i - 1) } else { x };
                        let x1 = if i + 1 < end { half(i + 1) } else { x };
                        Some([(x0, f.y(v)), (x1, f.y(v))])
                    })
                    .flatten()
                    .collect();
                if !corners.is_empty() {
                    let steps: Vec<String> = corners
                        .iter()
                        .map(|(x, y)| format!("{x:.1},{y:.1}"))
                        .collect();
                    let _ = writeln!(s, "<polyline points=\"{}\" fill=\"none\" stroke=\"#57606a\" stroke-width=\"1.2\" stroke-dasharray=\"5 4\"/>", steps.join(" "));
                    lines.extend(corners.windows(2).map(|w| (w[0], w[1])));
                }
            }
        }
        for (v, dash, colour) in [
            (a.mean, "", "#57606a"),
            (a.lower.filter(|_| !varying), "5 4", "#57606a"),
            (a.upper.filter(|_| !varying), "5 4", "#57606a"),
        ] {
            if let Some(v) = v {
                let dash = if dash.is_empty() {
                    String::new()
                } else {
                    format!(" stroke-dasharray=\"{dash}\"")
                };
                let (x0, x1, y) = (f.x(a.period.end()), f.x(b.period.end()), f.y(v));
                let _ = writeln!(s, "<line x1=\"{x0:.1}\" y1=\"{y:.1}\" x2=\"{x1:.1}\" y2=\"{y:.1}\" stroke=\"{colour}\" stroke-width=\"1.2\"{dash}/>");
                lines.push(((x0, y), (x1, y)));
            }
        }
        // Each earlier phase's mean and limits, named at its start, placed below (the last
        // phase's are named in the right margin).
        if end < spc.points.len() {
            let words = match (a.mean, a.lower, a.upper) {
                (Some(mean), Some(lo), Some(hi)) => Some(format!(
                    "{} {}, limits {} to {}",
                    spc.chart.centre_name(),
                    value(m, mean),
                    value(m, lo),
                    value(m, hi)
                )),
                (Some(mean), _, _) => {
                    Some(format!("{} {}", spc.chart.centre_name(), value(m, mean)))
                }
                _ => None,
            };
            if let Some(words) = words {
                let heights = [a.lower, a.mean, a.upper].map(|v| v.map(|v| f.y(v)));
                phase_labels.push((f.x(a.period.end()) + 2.0, words, heights));
            }
        }
        start = end;
    }
    if let Some(t) = target {
        let _ = writeln!(s, "<line x1=\"{LEFT}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{TARGET}\" stroke-width=\"1.5\" stroke-dasharray=\"8 3 2 3\"/>", f.y(t), W - RIGHT, f.y(t));
    }
    // The line breaks where a figure was left out, so a gap is never drawn over.
    let mut line_pts: Vec<Option<Pt>> = Vec::with_capacity(pts.len() + spc.left_out.len());
    let mut gaps = spc.left_out.iter().map(|p| p.end()).peekable();
    for p in &pts {
        while gaps.next_if(|g| *g < p.date).is_some() {
            line_pts.push(None);
        }
        line_pts.push(Some(*p));
    }
    line(&mut s, &f, &line_pts, "#8c959f", "", 1.2);
    lines.extend(segments(&f, &line_pts));
    if let Some(t) = target {
        lines.push(((LEFT, f.y(t)), (W - RIGHT, f.y(t))));
    }
    lines.extend(annotation_lines(&f, m));
    lines.extend(gap_lines(&f, &spc.left_out));
    for (x, words, heights) in &phase_labels {
        let (lx, ly) = phase_label_place(*x, words, *heights, &lines);
        let _ = writeln!(
            s,
            "<text x=\"{lx:.1}\" y=\"{ly:.1}\" font-size=\"10\" fill=\"#57606a\">{}</text>",
            escape(words)
        );
    }
    gap_marks(&mut s, &f, m, &spc.left_out);
    annotation_marks(&mut s, &f, m);
    for (p, pt) in spc.points.iter().zip(&pts) {
        marker(&mut s, f.x(pt.date), f.y(pt.y), p.point_type);
    }
    let last = spc.points.last()?;
    let mut labels: Vec<(f64, String, &str)> = Vec::new();
    for (v, text) in [
        (last.upper, "Upper limit"),
        (last.mean, spc.chart.centre_name()),
        (last.lower, "Lower limit"),
    ] {
        if let Some(v) = v {
            labels.push((f.y(v), format!("{text} {}", value(m, v)), "#57606a"));
        }
    }
    if let Some(t) = target {
        labels.push((f.y(t), format!("Target {}", value(m, t)), TARGET));
    }
    right_labels(&mut s, labels);
    let y = H - 14.0;
    let _ = writeln!(
        s,
        "<g font-size=\"11\" fill=\"#1f2328\"><circle cx=\"{LEFT}\" cy=\"{y:.1}\" r=\"4\" fill=\"#8c959f\"/><text x=\"{:.1}\" y=\"{:.1}\">Common cause</text><path d=\"M{:.1} {:.1} l5 8 h-10 Z\" fill=\"{IMPROVE}\"/><text x=\"{:.1}\" y=\"{:.1}\">Improvement</text><rect x=\"{:.1}\" y=\"{:.1}\" width=\"8\" height=\"8\" fill=\"{CONCERN}\"/><text x=\"{:.1}\" y=\"{:.1}\">Concern</text><path d=\"M{:.1} {:.1} l5 5 l-5 5 l-5 -5 Z\" fill=\"{NEUTRAL}\"/><text x=\"{:.1}\" y=\"{:.1}\">Neutral</text></g>",
        LEFT + 8.0, y + 4.0,
        LEFT + 130.0, y - 5.0, LEFT + 140.0, y + 4.0,
        LEFT + 240.0, y - 4.0, LEFT + 254.0, y + 4.0,
        LEFT + 330.0, y - 5.0, LEFT + 340.0, y + 4.0,
    );
    s.push_str("</svg>\n");
    Some(s)
}

/// Where each annotation within the frame is marked: its x and the centre of its numbered
/// circle (events of one period stacked downwards).
fn annotation_places<'a>(
    f: &Frame,
    m: &'a MeasureResult,
) -> Vec<(&'a crate::report::AnnotationResult, f64, f64)> {
    let mut stacked: Vec<(i64, u32)> = Vec::new();
    let mut out = Vec::new();
    for a in &m.annotations {
        let x = f.x(a.period.end());
        if !(LEFT..=W - RIGHT).contains(&x) {
            continue;
        }
        let key = x.round() as i64;
        let level = match stacked.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                stacked.push((key, 0));
                0
            }
        };
        out.push((a, x, TOP + 9.0 + 19.0 * f64::from(level)));
    }
    out
}

/// The annotations' marks as segments a label must not cross: each dotted line, from under its
/// numbered circle to the x axis, and an octagon around the circle and its stroke (a label,
/// wider and shorter than the circle, that overlaps it crosses one of its sides).
fn annotation_lines(f: &Frame, m: &MeasureResult) -> Vec<Segment> {
    // The circle's radius with its stroke, 8.6, as the octagon's inner radius.
    let r = 8.6 / std::f64::consts::FRAC_PI_8.cos();
    annotation_places(f, m)
        .into_iter()
        .flat_map(|(_, x, y)| {
            let corner = move |k: u32| {
                let a = std::f64::consts::FRAC_PI_8 * f64::from(2 * k + 1);
                (x + r * a.cos(), y + r * a.sin())
            };
            std::iter::once(((x, y + 8.0), (x, H - BOTTOM)))
                .chain((0..8).map(move |k| (corner(k), corner((k + 1) % 8))))
        })
        .collect()
}

/// The segments of a drawn line through `series` (a missing point breaks it).
fn segments(f: &Frame, series: &[Option<Pt>]) -> Vec<Segment> {
    series
        .windows(2)
        .filter_map(|w| match (w[0], w[1]) {
            (Some(a), Some(b)) => Some(((f.x(a.date), f.y(a.y)), (f.x(b.date), f.y(b.y)))),
            _ => None,
        })
        .collect()
}

/// Marks each annotation at its period with a dotted line and its number in a circle at the top
/// of the plot (events of one period stacked), titled with what happened; the report lists them
/// under the chart by number. Events outside the frame are not marked.
fn annotation_marks(s: &mut String, f: &Frame, m: &MeasureResult) {
    for (a, x, y) in annotation_places(f, m) {
        let _ = writeln!(
            s,
            "<g class=\"annotation\"><title>Event {}: {}: {}</title><line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#6e7781\" stroke-dasharray=\"2 3\"/><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"8\" fill=\"#ffffff\" stroke=\"#1f2328\" stroke-width=\"1.2\"/><text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"10\" font-weight=\"700\" fill=\"#1f2328\">{}</text></g>",
            a.number,
            escape(&super::format::period(m, a.period)),
            escape(&a.text),
            y + 8.0,
            H - BOTTOM,
            y + 3.5,
            a.number
        );
    }
}

/// Marks each period with no figure at its place on the x axis (a dotted line and its symbol:
/// `c` or `low` withheld, `x` not available) and says under the axis why, so that a gap is
/// never silent. Periods outside the frame are not marked.
fn gap_marks(s: &mut String, f: &Frame, m: &MeasureResult, periods: &[Period]) {
    let marked = gap_places(f, periods);
    if marked.is_empty() {
        return;
    }
    // Each period's point, looked up once a gap: a scan of the series for each gap was
    // quadratic (109,000 daily figures, most of them withheld, took 19 s to draw).
    let point: crate::keyed::Keyed<Period, &Point> =
        m.series.iter().rev().map(|q| (q.period, q)).collect();
    let symbol = |p: &Period| point.get(p).and_then(|q| q.symbol).unwrap_or("x");
    let _ = writeln!(
        s,
        "<g font-size=\"11\" fill=\"#57606a\" text-anchor=\"middle\">"
    );
    // A figure given only as a bound or an outcome is marked with what was given.
    let given = |p: &Period| point.get(p).and_then(|q| q.given.as_deref());
    for (p, x) in &marked {
        let at = super::format::period(m, **p);
        let (sym, meaning) = match given(p) {
            Some(g) => (g, format!("given only as {g}")),
            None => (symbol(p), gap_meaning(symbol(p)).to_string()),
        };
        let _ = writeln!(s, "<g class=\"gap\"><line x1=\"{x:.1}\" y1=\"{TOP:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#8c959f\" stroke-dasharray=\"1 3\"/><text x=\"{x:.1}\" y=\"{:.1}\"><title>{}: {}</title>{}</text></g>", H - BOTTOM, H - BOTTOM - 4.0, escape(&at), escape(&meaning), escape(sym));
    }
    let withheld: Vec<String> = marked
        .iter()
        .filter(|(p, _)| given(p).is_none() && matches!(symbol(p), "c" | "low"))
        .map(|(p, _)| super::format::period(m, **p))
        .collect();
    let unavailable: Vec<String> = marked
        .iter()
        .filter(|(p, _)| given(p).is_none() && !matches!(symbol(p), "c" | "low"))
        .map(|(p, _)| super::format::period(m, **p))
        .collect();
    let bounded: Vec<String> = marked
        .iter()
        .filter_map(|(p, _)| Some(format!("{} {}", super::format::period(m, **p), given(p)?)))
        .collect();
    let mut words = Vec::new();
    if !withheld.is_empty() {
        words.push(format!(
            "withheld to protect small numbers: {}",
            withheld.join(", ")
        ));
    }
    if !unavailable.is_empty() {
        words.push(format!("not available: {}", unavailable.join(", ")));
    }
    if !bounded.is_empty() {
        words.push(format!("given only as: {}", bounded.join(", ")));
    }
    let _ = writeln!(
        s,
        "<text x=\"{LEFT}\" y=\"{:.1}\" text-anchor=\"start\">{}</text>\n</g>",
        H - BOTTOM + 34.0,
        escape(&truncate(
            &format!("No figure, left out ({})", words.join("; ")),
            96
        ))
    );
}

/// The periods with no figure that lie within the frame, with their x.
fn gap_places<'a>(f: &Frame, periods: &'a [Period]) -> Vec<(&'a Period, f64)> {
    periods
        .iter()
        .map(|p| (p, f.x(p.end())))
        .filter(|(_, x)| (LEFT..=W - RIGHT).contains(x))
        .collect()
}

/// The gaps' dotted lines, top of the plot to the x axis.
fn gap_lines(f: &Frame, periods: &[Period]) -> Vec<Segment> {
    gap_places(f, periods)
        .into_iter()
        .map(|(_, x)| ((x, TOP), (x, H - BOTTOM)))
        .collect()
}

/// What a gap's symbol means, in the words of the report's key.
fn gap_meaning(symbol: &str) -> &'static str {
    crate::scoring::disclosure::SYMBOLS
        .iter()
        .find(|(s, _)| *s == symbol)
        .map_or("no figure", |(_, m)| m)
}

const IMPROVE: &str = "#0b5cad";
const CONCERN: &str = "#b35900";
const NEUTRAL: &str = "#8250df";

/// A point's marker: shape and colour both say its type (circle common cause, triangle
/// improvement, square concern, diamond neutral).
fn marker(s: &mut String, x: f64, y: f64, t: crate::stats::spc::PointType) {
    use crate::stats::spc::PointType::*;
    let _ = match t {
        CommonCause => writeln!(
            s,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3.5\" fill=\"#8c959f\"/>"
        ),
        SpecialCauseImprovement => writeln!(
            s,
            "<path d=\"M{x:.1} {:.1} l5 9 h-10 Z\" fill=\"{IMPROVE}\"/>",
            y - 5.0
        ),
        SpecialCauseConcern => writeln!(
            s,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"8\" height=\"8\" fill=\"{CONCERN}\"/>",
            x - 4.0,
            y - 4.0
        ),
        SpecialCauseNeutralHigh | SpecialCauseNeutralLow => writeln!(
            s,
            "<path d=\"M{x:.1} {:.1} l5 5 l-5 5 l-5 -5 Z\" fill=\"{NEUTRAL}\"/>",
            y - 5.0
        ),
    };
}

/// A small trend line for tables: the series, its last point marked, and a text equivalent.
pub fn sparkline(m: &MeasureResult) -> String {
    const SW: f64 = 96.0;
    const SH: f64 = 24.0;
    let pts: Vec<Option<Pt>> = points(&m.series);
    let vals: Vec<f64> = pts.iter().flatten().map(|p| p.y).collect();
    let label = escape(&describe(m));
    let mut s = format!("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {SW} {SH}\" width=\"{SW}\" height=\"{SH}\" role=\"img\" aria-label=\"{label}\">");
    if vals.len() >= 2 {
        let (lo, hi) = vals
            .iter()
            .fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(*v), b.max(*v)));
        let n = (pts.len() - 1).max(1) as f64;
        let y = |v: f64| {
            // In halves: a span near f64's limits would overflow.
            let y = 3.0 + (hi / 2.0 - v / 2.0) / (hi / 2.0 - lo / 2.0) * (SH - 6.0);
            if hi > lo && y.is_finite() {
                y
            } else {
                SH / 2.0
            }
        };
        let xy = |i: usize, v: f64| format!("{:.1},{:.1}", 3.0 + i as f64 / n * (SW - 6.0), y(v));
        let mut run: Vec<String> = Vec::new();
        let flush = |run: &mut Vec<String>, s: &mut String| {
            if run.len() > 1 {
                let _ = write!(s, "<polyline points=\"{}\" fill=\"none\" stroke=\"{ACTUAL}\" stroke-width=\"1.5\"/>", run.join(" "));
            }
            run.clear();
        };
        for (i, p) in pts.iter().enumerate() {
            match p {
                Some(p) => run.push(xy(i, p.y)),
                None => flush(&mut run, &mut s),
            }
        }
        flush(&mut run, &mut s);
        if let Some((i, Some(p))) = pts.iter().enumerate().rev().find(|(_, p)| p.is_some()) {
            let c = xy(i, p.y);
            let (cx, cy) = c.split_once(',').unwrap_or(("0", "0"));
            let _ = write!(
                s,
                "<circle cx=\"{cx}\" cy=\"{cy}\" r=\"2.5\" fill=\"{ACTUAL}\"/>"
            );
        }
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phase_label_moves_off_a_line_through_its_usual_place() {
        // A phase starting at x = 100 with its lower limit at y = 200, mean at 150 and upper
        // limit at 100: the label's usual place is just above the lower limit (baseline 195,
        // its box 185 to 199). With a line across that box, the next height is just below the
        // lower limit (baseline 213, box 203 to 217), which the line misses.
        let words = "Mean 10, limits 5 to 15";
        let heights = [Some(200.0), Some(150.0), Some(100.0)];
        assert_eq!(
            phase_label_place(100.0, words, heights, &[]),
            (100.0, 195.0)
        );
        let across = [((90.0, 190.0), (300.0, 192.0))];
        assert_eq!(
            phase_label_place(100.0, words, heights, &across),
            (100.0, 213.0)
        );
        // A line along the label's whole column leaves no clear place: the usual one.
        let down = [((120.0, 0.0), (120.0, H))];
        assert_eq!(
            phase_label_place(100.0, words, heights, &down),
            (100.0, 195.0)
        );
    }

    #[test]
    fn ticks_are_round() {
        assert_eq!(ticks(0.0, 100.0), [0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        assert_eq!(ticks(12.0, 33.0), [15.0, 20.0, 25.0, 30.0]);
        assert_eq!(ticks(0.5, 4.9), [1.0, 2.0, 3.0, 4.0]);
    }

    #[test]
    fn long_names_are_shortened() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
    }
}
