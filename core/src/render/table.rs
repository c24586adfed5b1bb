//! One row per measure, as typed columns: what CSV output, DataFrames and Arrow tables are
//! made from, so that every tabular output has the same columns with the same meaning.

use crate::report::Report;

/// A column's values; `None` is a missing figure (explained in `notes`).
#[derive(Debug, Clone, PartialEq)]
pub enum Values {
    /// Text cells.
    Text(Vec<Option<String>>),
    /// Numbers.
    Number(Vec<Option<f64>>),
    /// Whole numbers.
    Integer(Vec<i64>),
}

#[derive(Debug, Clone, PartialEq)]
/// One column of the per-measure table.
pub struct Column {
    /// Its name (a CSV header).
    pub name: &'static str,
    /// Its cells, one per measure.
    pub values: Values,
}

fn text<'a>(
    name: &'static str,
    r: &'a Report,
    f: impl Fn(&'a crate::report::MeasureResult) -> Option<String>,
) -> Column {
    Column {
        name,
        values: Values::Text(r.measures.iter().map(f).collect()),
    }
}

fn number(
    name: &'static str,
    r: &Report,
    f: impl Fn(&crate::report::MeasureResult) -> Option<f64>,
) -> Column {
    Column {
        name,
        values: Values::Number(r.measures.iter().map(f).collect()),
    }
}

/// The measures of a report as columns, in report order.
pub fn measures(r: &Report) -> Vec<Column> {
    vec![
        text("section", r, |m| Some(m.section.clone())),
        text("id", r, |m| Some(m.id.clone())),
        text("name", r, |m| Some(m.name.clone())),
        text("kind", r, |m| Some(m.kind.name().to_string())),
        text("unit", r, |m| Some(m.unit.to_string())),
        text("polarity", r, |m| Some(m.polarity.name().to_string())),
        text("period", r, |m| m.period.map(|p| p.to_string())),
        text("window", r, |m| m.window.map(|w| w.key())),
        text("period_label", r, |m| m.period_label.clone()),
        number("value", r, |m| m.value),
        text("symbol", r, |m| m.symbol.map(str::to_string)),
        text("given", r, |m| m.given.clone()),
        number("numerator", r, |m| m.numerator),
        number("denominator", r, |m| m.denominator),
        text("baseline_period", r, |m| {
            m.baseline.map(|b| b.period.to_string())
        }),
        number("baseline_value", r, |m| m.baseline.map(|b| b.value)),
        text("target_kind", r, |m| {
            m.target.as_ref().map(|t| t.kind.to_string())
        }),
        number("target_value", r, |m| {
            m.target.as_ref().and_then(|t| t.value)
        }),
        text("target_due", r, |m| {
            m.target.as_ref().and_then(|t| t.due).map(|d| d.to_string())
        }),
        number("expected", r, |m| m.expected),
        number("progress_pct", r, |m| m.progress_pct),
        number("change_abs", r, |m| {
            m.change.previous.as_ref().map(|c| c.absolute)
        }),
        number("change_rel_pct", r, |m| {
            m.change.previous.as_ref().and_then(|c| c.relative_pct)
        }),
        text("direction", r, |m| {
            Some(m.direction.label().replace(' ', "_"))
        }),
        Column {
            name: "streak",
            values: Values::Integer(r.measures.iter().map(|m| i64::from(m.streak)).collect()),
        },
        text("status", r, |m| Some(status_code(m.status).to_string())),
        text("status_label", r, |m| Some(m.status_label.to_string())),
        text("rag", r, |m| Some(m.rag.key().to_string())),
        text("spc_variation", r, |m| {
            m.spc.as_ref().map(|s| enum_name(&s.variation))
        }),
        text("spc_assurance", r, |m| {
            m.spc
                .as_ref()
                .and_then(|s| s.assurance.as_ref())
                .map(enum_name)
        }),
        number("forecast_at_due", r, |m| {
            m.forecast.as_ref().and_then(|f| f.at_due)
        }),
        text("forecast_reachable", r, |m| {
            m.forecast
                .as_ref()
                .and_then(|f| f.reachable)
                .map(|b| b.to_string())
        }),
        number("interval_lower_95", r, |m| {
            m.interval.as_ref().map(|i| i.lower_95)
        }),
        number("interval_upper_95", r, |m| {
            m.interval.as_ref().map(|i| i.upper_95)
        }),
        text("benchmark_band", r, |m| {
            m.benchmark.as_ref().and_then(|b| b.band.clone())
        }),
        number("benchmark_rank", r, |m| {
            m.benchmark.as_ref().and_then(|b| b.rank).map(|x| x as f64)
        }),
        text("notes", r, |m| Some(m.notes.join(" | "))),
        // The report's warnings about the measure, so that a table pasted on its own still says
        // when a status rests on a suspicious figure.
        text("warnings", r, |m| {
            let said: Vec<String> = r
                .warnings
                .iter()
                .filter(|w| w.measure == m.id)
                .map(|w| format!("{}: {}", w.code, w.message))
                .collect();
            (!said.is_empty()).then(|| said.join(" | "))
        }),
    ]
}

/// Every breakdown of every measure's current period as columns, one row per category: what the
/// breakdown tables of the text, Markdown and HTML reports show (the same published figures,
/// withheld cells with their symbol), for CSV and DataFrames. `share_pct` is of the measure's
/// total, for counts, from published figures only.
pub fn breakdowns(r: &Report) -> Vec<Column> {
    let mut measure = Vec::new();
    let mut dimension = Vec::new();
    let mut category = Vec::new();
    let mut period = Vec::new();
    let mut value = Vec::new();
    let mut symbol = Vec::new();
    let mut share = Vec::new();
    let (mut change, mut change_from) = (Vec::new(), Vec::new());
    for m in &r.measures {
        for (b, share_pct) in super::format::breakdown_cells(m) {
            change.push(b.change.as_ref().map(|c| c.absolute));
            change_from.push(b.change.as_ref().map(|c| c.from_period.to_string()));
            measure.push(Some(m.id.clone()));
            dimension.push(Some(b.dimension.clone()));
            category.push(Some(b.category.clone()));
            period.push(Some(b.period.to_string()));
            value.push(b.value);
            symbol.push(b.symbol.map(str::to_string));
            share.push(share_pct);
        }
    }
    vec![
        Column {
            name: "measure",
            values: Values::Text(measure),
        },
        Column {
            name: "dimension",
            values: Values::Text(dimension),
        },
        Column {
            name: "category",
            values: Values::Text(category),
        },
        Column {
            name: "period",
            values: Values::Text(period),
        },
        Column {
            name: "value",
            values: Values::Number(value),
        },
        Column {
            name: "symbol",
            values: Values::Text(symbol),
        },
        Column {
            name: "share_pct",
            values: Values::Number(share),
        },
        Column {
            name: "change",
            values: Values::Number(change),
        },
        Column {
            name: "change_from",
            values: Values::Text(change_from),
        },
    ]
}

impl Column {
    /// How many cells the column has.
    pub fn len(&self) -> usize {
        match &self.values {
            Values::Text(v) => v.len(),
            Values::Number(v) => v.len(),
            Values::Integer(v) => v.len(),
        }
    }

    /// Whether it has none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// An enum's name in the JSON contract (its serde name).
/// The SPC summary matrix ([`crate::report::matrix::spc_matrix`]) as columns, one row per
/// measure with SPC, concern first: the same rows the HTML, Markdown and text reports show.
pub fn spc_matrix(r: &Report) -> Vec<Column> {
    use crate::report::matrix::SpcRow;
    let rows = &r.summary.spc;
    let text = |name: &'static str, f: &dyn Fn(&SpcRow) -> Option<String>| Column {
        name,
        values: Values::Text(rows.iter().map(f).collect()),
    };
    vec![
        text("section", &|x| Some(x.section.clone())),
        text("id", &|x| Some(x.id.clone())),
        text("name", &|x| Some(x.name.clone())),
        text("period", &|x| Some(x.period.to_string())),
        Column {
            name: "value",
            values: Values::Number(rows.iter().map(|x| Some(x.value)).collect()),
        },
        text("variation_icon", &|x| Some(enum_name(&x.variation_icon))),
        text("variation", &|x| Some(x.variation_label.to_string())),
        text("assurance_icon", &|x| x.assurance.map(|a| enum_name(&a))),
        text("assurance", &|x| x.assurance_label.map(str::to_string)),
        text("rule", &|x| Some(enum_name(&x.rule))),
        text("rule_text", &|x| Some(x.rule_text.clone())),
        text("status", &|x| Some(status_code(x.status).to_string())),
    ]
}

fn enum_name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn status_code(s: crate::model::status::Status) -> &'static str {
    use crate::model::status::Status::*;
    match s {
        Achieved => "achieved",
        OnTrack => "on_track",
        AtRisk => "at_risk",
        OffTrack => "off_track",
        Missed => "missed",
        NoTarget => "no_target",
        NoData => "no_data",
        Suppressed => "suppressed",
        ToBeDeveloped => "to_be_developed",
    }
}

impl Values {
    /// The cell at `i` as CSV text: numbers in full, missing as empty.
    pub fn cell(&self, i: usize) -> String {
        match self {
            Values::Text(v) => v[i].clone().unwrap_or_default(),
            Values::Number(v) => v[i].map(|x| x.to_string()).unwrap_or_default(),
            Values::Integer(v) => v[i].to_string(),
        }
    }
}

/// The turn-the-curve records as rows: one per item of each part (measure, part, item), in
/// Friedman's order, the words every other format shows (`format::turn_the_curve`).
pub fn turn_the_curve(r: &Report) -> Vec<Column> {
    let (mut measure, mut part, mut item) = (Vec::new(), Vec::new(), Vec::new());
    for m in &r.measures {
        for p in super::format::turn_the_curve(m) {
            for it in p.items {
                measure.push(Some(m.id.clone()));
                part.push(Some(p.heading.to_string()));
                item.push(Some(it));
            }
        }
    }
    vec![
        Column {
            name: "measure",
            values: Values::Text(measure),
        },
        Column {
            name: "part",
            values: Values::Text(part),
        },
        Column {
            name: "item",
            values: Values::Text(item),
        },
    ]
}
