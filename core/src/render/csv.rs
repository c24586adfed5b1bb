//! One row per measure, for spreadsheets. Numbers are written in full (no units, no
//! thousands separators); an empty cell is a missing figure, explained in `notes`.

use crate::report::Report;

const HEADER: &[&str] = &[
    "section",
    "id",
    "name",
    "kind",
    "unit",
    "polarity",
    "period",
    "value",
    "numerator",
    "denominator",
    "baseline_period",
    "baseline_value",
    "target_kind",
    "target_value",
    "target_due",
    "expected",
    "progress_pct",
    "change_abs",
    "change_rel_pct",
    "direction",
    "streak",
    "status",
    "rag",
    "notes",
];

pub fn csv(r: &Report) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let num = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
    let text = |x: Option<String>| x.unwrap_or_default();
    let _ = w.write_record(HEADER);
    for m in &r.measures {
        let t = m.target.as_ref();
        let prev = m.change.previous.as_ref();
        let row = [
            m.section.clone(),
            m.id.clone(),
            m.name.clone(),
            m.kind.name().to_string(),
            m.unit.to_string(),
            serde_json::to_value(m.polarity)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
            text(m.period.map(|p| p.to_string())),
            num(m.value),
            num(m.numerator),
            num(m.denominator),
            text(m.baseline.map(|b| b.period.to_string())),
            num(m.baseline.map(|b| b.value)),
            t.map(|t| t.kind.to_string()).unwrap_or_default(),
            num(t.and_then(|t| t.value)),
            text(t.and_then(|t| t.due).map(|d| d.to_string())),
            num(m.expected),
            num(m.progress_pct),
            num(prev.map(|c| c.absolute)),
            num(prev.and_then(|c| c.relative_pct)),
            m.direction.label().replace(' ', "_"),
            m.streak.to_string(),
            m.status_label.to_string(),
            format!("{:?}", m.rag).to_lowercase(),
            m.notes.join(" | "),
        ];
        let _ = w.write_record(&row);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
