//! What several integration tests share.

use betteroff::render::{self, Format};
use betteroff::Report;

/// Every published output of a report: each format, and every chart.
pub fn outputs(r: &Report) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = [
        Format::Json,
        Format::Csv,
        Format::Text,
        Format::Markdown,
        Format::Html,
    ]
    .iter()
    .map(|&f| (format!("{f:?}"), render::render(r, f, false)))
    .collect();
    out.push(("breakdowns CSV".into(), render::breakdowns_csv(r)));
    out.push(("turn-the-curve CSV".into(), render::turn_the_curve_csv(r)));
    for m in &r.measures {
        out.push((format!("chart {}", m.id), render::chart(m)));
        out.push((format!("sparkline {}", m.id), render::sparkline(m)));
        out.push((format!("detail {}", m.id), render::measure_detail(m)));
        if let Some(s) = render::spc_chart(m) {
            out.push((format!("spc {}", m.id), s));
        }
    }
    out
}
