//! The JavaScript face of the core (npm package `betteroff`). It only converts: JavaScript
//! values to core types and back, core errors to `Error` objects with a `kind`. Every figure
//! comes from the core, so a report's JSON is byte for byte the CLI's.

use betteroff::render;
#[cfg(feature = "full")]
use betteroff::render::Format;
#[cfg(feature = "full")]
use betteroff::Records;
use betteroff::{Error, ErrorKind, Errors, Location, Period, Scorecard as Card};
#[cfg(feature = "full")]
use js_sys::Array;
#[cfg(feature = "full")]
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;

/// The allocator (talc, smaller than dlmalloc; wasm/Cargo.toml).
// SAFETY: `new_global` asks for a single-threaded WebAssembly runtime: the module is built for
// wasm32-unknown-unknown without the atomics feature, so nothing runs it on a second thread.
#[cfg(target_family = "wasm")]
#[global_allocator]
static ALLOC: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };

#[cfg(feature = "full")]
mod scores;

mod js;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = include_str!("types.d.ts");

#[wasm_bindgen]
extern "C" {
    /// `{ asOf?: string }` (declared in types.d.ts).
    #[wasm_bindgen(typescript_type = "ScoreOptions")]
    pub type ScoreOptions;
}

/// A JavaScript `Error` with the core's message, a `kind` (syntax, definition, period, target,
/// data, usage) and `errors`, one entry per problem.
fn to_js(errors: Errors) -> JsValue {
    let e = js::Failure::new(&errors.to_string());
    let _ = js::set(&e, &"name".into(), &"BetteroffError".into());
    let _ = js::set(&e, &"kind".into(), &errors.kind().name().into());
    let list = js::List::new();
    for err in errors.iter() {
        let at = err.location();
        let item = js::Object::new();
        let set = |k: &str, v: JsValue| {
            let _ = js::set(&item, &k.into(), &v);
        };
        set("kind", err.kind().name().into());
        set("file", at.file.as_str().into());
        set("line", at.line.map_or(JsValue::NULL, |l| (l as f64).into()));
        set("row", at.row.map_or(JsValue::NULL, |r| (r as f64).into()));
        let text = |t: &Option<String>| t.as_deref().map_or(JsValue::NULL, Into::into);
        set("field", text(&at.field));
        set("sheet", text(&at.sheet));
        set("cell", text(&at.cell));
        set("message", err.to_string().into());
        list.push(&item);
    }
    let _ = js::set(&e, &"errors".into(), &list);
    e.into()
}

/// A text argument from JavaScript, or a typed `Error` (kind "usage") naming it, never a crash:
/// `fromToml(123)` says the definition must be text.
fn text_arg(value: &JsValue, what: &str) -> Result<String, JsValue> {
    value.as_string().ok_or_else(|| {
        let got = if value.is_null() {
            "null".to_string()
        } else {
            value.js_typeof().as_string().unwrap_or_default()
        };
        usage(what, format!("{what} must be text (a string), not {got}"))
    })
}

/// A file's bytes: a `Uint8Array` or an `ArrayBuffer` (what `File.arrayBuffer()` and Node's
/// `readFileSync` give).
#[cfg(feature = "full")]
fn bytes_arg(value: &JsValue, what: &str) -> Result<Vec<u8>, JsValue> {
    if value.is_instance_of::<js_sys::Uint8Array>() || value.is_instance_of::<js_sys::ArrayBuffer>()
    {
        return Ok(js_sys::Uint8Array::new(value).to_vec());
    }
    let got = if value.is_null() {
        "null".to_string()
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    };
    Err(usage(
        what,
        format!("{what} must be bytes (a Uint8Array or an ArrayBuffer), not {got}"),
    ))
}

fn usage(what: &str, message: String) -> JsValue {
    to_js(Errors::one(Error::new(
        ErrorKind::Usage,
        Location::file(what),
        message,
    )))
}

fn period(text: &str, what: &str) -> Result<Period, JsValue> {
    text.parse::<Period>().map_err(|e| {
        to_js(Errors::one(Error::new(
            ErrorKind::Period,
            Location::file(what),
            e.to_string(),
        )))
    })
}

/// `{ asOf: "2020-05" }` or nothing: the reporting period, if given.
/// `{ disclosureControl: false }` turns disclosure control off (internal use only).
fn disclosure(options: &Option<ScoreOptions>) -> bool {
    switch(options, "disclosureControl", true)
}

/// A true-or-false option, `default` when absent.
fn switch(options: &Option<ScoreOptions>, name: &str, default: bool) -> bool {
    options
        .as_ref()
        .map(AsRef::<JsValue>::as_ref)
        .and_then(|o| js::get(o, &name.into()).ok())
        .and_then(|v| v.as_bool())
        .unwrap_or(default)
}

/// `{ strict: true }` refuses a report with warnings (the CLI's `--strict`).
#[cfg(feature = "full")]
fn strict(options: &Option<ScoreOptions>) -> bool {
    switch(options, "strict", false)
}

/// What a view shows: the order, the statuses listed, and the measures chosen (with the words
/// saying which).
#[cfg(feature = "full")]
struct View {
    order: betteroff::report::view::Order,
    only: Vec<betteroff::Status>,
    measures: Option<(Vec<String>, String)>,
}

/// `{ order: "exceptions", only: ["off_track", "at_risk"] }`: the board pack's view;
/// `{ measures: ["2.A3a", ...], view: "shown in the dashboard: RAG red" }`: a dashboard's.
#[cfg(feature = "full")]
fn board_pack(options: &Option<ScoreOptions>) -> Result<View, JsValue> {
    use betteroff::report::view::{parse_statuses, Order};
    let get = |name: &str| {
        options
            .as_ref()
            .map(AsRef::<JsValue>::as_ref)
            .filter(|o| !o.is_undefined() && !o.is_null())
            .and_then(|o| js::get(o, &name.into()).ok())
            .filter(|v| !v.is_undefined() && !v.is_null())
    };
    let order = match get("order") {
        None => Order::Plan,
        Some(v) => v
            .as_string()
            .as_deref()
            .and_then(Order::parse)
            .ok_or_else(|| usage("order", "order must be \"plan\" or \"exceptions\"".into()))?,
    };
    let only = match get("only") {
        None => Vec::new(),
        Some(v) => {
            let names: Vec<String> = if Array::is_array(&v) {
                Array::from(&v)
                    .iter()
                    .filter_map(|x| x.as_string())
                    .collect()
            } else {
                v.as_string().into_iter().collect()
            };
            parse_statuses(&names.join(",")).map_err(|e| usage("only", e))?
        }
    };
    let measures = match get("measures") {
        None => None,
        Some(v) if Array::is_array(&v) => {
            let ids: Option<Vec<String>> = Array::from(&v).iter().map(|x| x.as_string()).collect();
            let ids = ids.ok_or_else(|| {
                usage("measures", "measures must be measure ids (strings)".into())
            })?;
            let which = get("view")
                .and_then(|w| w.as_string())
                .unwrap_or_else(|| "chosen".to_string());
            Some((ids, which))
        }
        Some(_) => {
            return Err(usage(
                "measures",
                "measures must be an array of measure ids".into(),
            ))
        }
    };
    Ok(View {
        order,
        only,
        measures,
    })
}

fn as_of(options: &Option<ScoreOptions>) -> Result<Option<Period>, JsValue> {
    let Some(options) = options
        .as_ref()
        .map(AsRef::<JsValue>::as_ref)
        .filter(|o| !o.is_undefined() && !o.is_null())
    else {
        return Ok(None);
    };
    let v = js::get(options, &"asOf".into()).unwrap_or(JsValue::UNDEFINED);
    match v.as_string() {
        Some(s) => period(&s, "asOf").map(Some),
        None if v.is_undefined() || v.is_null() => Ok(None),
        None => Err(usage(
            "asOf",
            "asOf is a period written as text, e.g. \"2020-05\"".into(),
        )),
    }
}

/// Rows given as an array of plain objects, as records: column names in order of first
/// appearance, cells as text (`null` and missing keys are empty cells).
#[cfg(feature = "full")]
fn records(rows: &JsValue, what: &str, source: Option<String>) -> Result<Records, JsValue> {
    let accepted = format!("{what} are an array of plain objects, e.g. [{{ measure: \"m1\", period: \"2020-05\", value: 12 }}]");
    if !Array::is_array(rows) {
        return Err(usage(what, accepted));
    }
    let text = js::stringify(rows)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default();
    let parsed: Vec<Map<String, Value>> =
        serde_json::from_str(&text).map_err(|_| usage(what, accepted))?;
    let mut columns: Vec<String> = Vec::new();
    for row in &parsed {
        for k in row.keys() {
            if !columns.contains(k) {
                columns.push(k.clone());
            }
        }
    }
    let cell = |v: Option<&Value>| match v {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(Value::Bool(b)) => Some(b.to_string()),
        Some(other) => Some(other.to_string()),
    };
    let rows = parsed
        .iter()
        .map(|r| columns.iter().map(|c| cell(r.get(c))).collect())
        .collect();
    Ok(Records {
        source: source.unwrap_or_else(|| format!("{what} (array)")),
        columns,
        rows,
    })
}

/// The limits in the browser: WebAssembly's memory is at most 4 GB, and reading a CSV file
/// takes tens of times its size, so files are held to 16 MB (with a clear error beyond), rather
/// than the core's 256 MB that would abort the module.
fn limits() -> betteroff::Limits {
    betteroff::Limits {
        max_file_bytes: 16 << 20,
        ..betteroff::Limits::default()
    }
}

/// A scorecard: its definition and the data added to it.
#[wasm_bindgen]
pub struct Scorecard {
    card: Card,
}

#[wasm_bindgen]
impl Scorecard {
    /// A definition with the structure of scorecard.toml, as an object or JSON text.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "object | string")] definition: JsValue,
    ) -> Result<Scorecard, JsValue> {
        let text = match definition.as_string() {
            Some(s) => s,
            None => js::stringify(&definition)
                .ok()
                .and_then(|s| s.as_string())
                .ok_or_else(|| {
                    usage("definition", "fromJson takes an object or JSON text".into())
                })?,
        };
        limits()
            .check_file("scorecard.json", text.len())
            .map_err(|e| to_js(Errors::one(e)))?;
        Card::from_json(&text, "scorecard.json")
            .and_then(|card| card.with_limits(limits()))
            .map(|card| Scorecard { card })
            .map_err(to_js)
    }

    /// The scorecard's title.
    pub fn title(&self) -> String {
        self.card.definition().title.clone()
    }

    /// The files the definition's `[[tables]]` name (each table's file, then its `.meta.csv`
    /// when it has one): which of the files a user opens are published tables.
    #[wasm_bindgen(js_name = tableFiles)]
    pub fn table_files(&self) -> Vec<String> {
        (self.card.definition().tables.iter())
            .flat_map(|t| std::iter::once(t.file.clone()).chain(t.meta.clone()))
            .collect()
    }

    #[wasm_bindgen(js_name = addObservationsCsv)]
    pub fn add_observations_csv(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        source: Option<String>,
    ) -> Result<(), JsValue> {
        let text = text_arg(&text, "the CSV text")?;
        self.card
            .add_observations_csv(&text, source.as_deref().unwrap_or("observations.csv"))
            .map_err(to_js)
    }

    #[wasm_bindgen(js_name = addComparatorsCsv)]
    pub fn add_comparators_csv(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        source: Option<String>,
    ) -> Result<(), JsValue> {
        let text = text_arg(&text, "the CSV text")?;
        self.card
            .add_comparators_csv(&text, source.as_deref().unwrap_or("comparators.csv"))
            .map_err(to_js)
    }

    #[wasm_bindgen(js_name = addActionsCsv)]
    pub fn add_actions_csv(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        source: Option<String>,
    ) -> Result<(), JsValue> {
        let text = text_arg(&text, "the CSV text")?;
        self.card
            .add_actions_csv(&text, source.as_deref().unwrap_or("actions.csv"))
            .map_err(to_js)
    }

    /// Adds `commentary.csv` text: what the partnership said of a measure, period by period
    /// (measure, period, text, author).
    #[wasm_bindgen(js_name = addCommentaryCsv)]
    pub fn add_commentary_csv(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        source: Option<String>,
    ) -> Result<(), JsValue> {
        let text = text_arg(&text, "the CSV text")?;
        self.card
            .add_commentary_csv(&text, source.as_deref().unwrap_or("commentary.csv"))
            .map_err(to_js)
    }

    /// Adds `annotations.csv` text: the dated events that explain a measure's series
    /// (measure, period, text), drawn on its charts as numbered markers.
    #[wasm_bindgen(js_name = addAnnotationsCsv)]
    pub fn add_annotations_csv(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        source: Option<String>,
    ) -> Result<(), JsValue> {
        let text = text_arg(&text, "the CSV text")?;
        self.card
            .add_annotations_csv(&text, source.as_deref().unwrap_or("annotations.csv"))
            .map_err(to_js)
    }

    /// Every period with data, in order: what a reporting-period picker offers.
    pub fn periods(&self) -> Vec<String> {
        self.card
            .periods()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    /// Scores at `asOf` (default: the latest period with data): a plain object following the
    /// JSON contract.
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn score(&self, options: Option<ScoreOptions>) -> Result<JsValue, JsValue> {
        let json = self.report(&options)?.to_json();
        js::parse(&json).map_err(|_| usage("score", "the report could not be read back".into()))
    }

    /// The JSON contract: the same bytes as `betteroff report --format json`.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self, options: Option<ScoreOptions>) -> Result<String, JsValue> {
        Ok(self.report(&options)?.to_json())
    }
}

/// What only the full module has: TOML definitions, workbooks and published tables, rows as
/// objects, and every renderer (the dashboard's small module leaves them out).
#[cfg(feature = "full")]
#[wasm_bindgen]
impl Scorecard {
    /// The definition (not the data), with the structure of scorecard.toml.
    #[wasm_bindgen(unchecked_return_type = "object")]
    pub fn definition(&self) -> JsValue {
        js::parse(&self.card.definition().to_json()).unwrap_or(JsValue::NULL)
    }

    #[wasm_bindgen(js_name = fromToml)]
    pub fn from_toml(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<Scorecard, JsValue> {
        let text = text_arg(&text, "the definition")?;
        limits()
            .check_file("scorecard.toml", text.len())
            .map_err(|e| to_js(Errors::one(e)))?;
        Card::from_toml(&text, "scorecard.toml")
            .and_then(|card| card.with_limits(limits()))
            .map(|card| Scorecard { card })
            .map_err(to_js)
    }

    /// Adds a published table (an EES tidy CSV or a Fingertips export), as text or bytes, that
    /// the definition's `[[tables]]` names by the file name `source`.
    #[wasm_bindgen(js_name = addTable)]
    pub fn add_table(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer")] data: JsValue,
        source: String,
    ) -> Result<(), JsValue> {
        // Text as a page fetched it, or the file's bytes as a file picker gives them (UTF-8, the
        // first bad byte's line named).
        let text = match data.as_string() {
            Some(t) => t,
            None => {
                let bytes = bytes_arg(&data, "the table")?;
                betteroff::decode_utf8(bytes, &source).map_err(|e| to_js(Errors::one(e)))?
            }
        };
        self.card.add_table(&text, &source).map_err(to_js)
    }

    /// Adds a workbook (.xlsx, .xlsm, .xlsb, .xls, .ods) from its bytes: the sheets named
    /// observations, comparators and actions; errors name the sheet and cell.
    #[wasm_bindgen(js_name = addWorkbook)]
    pub fn add_workbook(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] bytes: JsValue,
        source: Option<String>,
    ) -> Result<(), JsValue> {
        let bytes = bytes_arg(&bytes, "the workbook")?;
        self.card
            .add_workbook(&bytes, source.as_deref().unwrap_or("workbook.xlsx"))
            .map_err(to_js)
    }

    #[wasm_bindgen(js_name = addObservations)]
    pub fn add_observations(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Row[]")] rows: JsValue,
        source: Option<String>,
    ) -> Result<(), JsValue> {
        let r = records(&rows, "observations", source)?;
        self.card.add_observations_records(&r).map_err(to_js)
    }

    #[wasm_bindgen(js_name = addComparators)]
    pub fn add_comparators(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Row[]")] rows: JsValue,
        source: Option<String>,
    ) -> Result<(), JsValue> {
        let r = records(&rows, "comparators", source)?;
        self.card.add_comparators_records(&r).map_err(to_js)
    }

    #[wasm_bindgen(js_name = addActions)]
    pub fn add_actions(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Row[]")] rows: JsValue,
        source: Option<String>,
    ) -> Result<(), JsValue> {
        let r = records(&rows, "actions", source)?;
        self.card.add_actions_records(&r).map_err(to_js)
    }

    #[wasm_bindgen(js_name = addCommentary)]
    pub fn add_commentary(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Row[]")] rows: JsValue,
        source: Option<String>,
    ) -> Result<(), JsValue> {
        let r = records(&rows, "commentary", source)?;
        self.card.add_commentary_records(&r).map_err(to_js)
    }

    /// Adds annotations given as row objects (measure, period, text).
    #[wasm_bindgen(js_name = addAnnotations)]
    pub fn add_annotations(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Row[]")] rows: JsValue,
        source: Option<String>,
    ) -> Result<(), JsValue> {
        let r = records(&rows, "annotations", source)?;
        self.card.add_annotations_records(&r).map_err(to_js)
    }

    /// The Making Data Count summary matrix as CSV: one row per measure with SPC, concern
    /// first (the rows of the report's `summary.spc`).
    #[wasm_bindgen(js_name = spcSummaryCsv)]
    pub fn spc_summary_csv(&self, options: Option<ScoreOptions>) -> Result<String, JsValue> {
        Ok(render::spc_matrix_csv(&self.report(&options)?))
    }

    /// The turn-the-curve records as CSV, one row per item (measure, part, item).
    #[wasm_bindgen(js_name = turnTheCurveCsv)]
    pub fn turn_the_curve_csv(&self, options: Option<ScoreOptions>) -> Result<String, JsValue> {
        Ok(render::turn_the_curve_csv(&self.report(&options)?))
    }

    /// The breakdowns of each measure's current period as CSV, one row per category (measure,
    /// dimension, category, period, value, symbol, share_pct): the published figures.
    #[wasm_bindgen(js_name = breakdownsCsv)]
    pub fn breakdowns_csv(&self, options: Option<ScoreOptions>) -> Result<String, JsValue> {
        Ok(render::breakdowns_csv(&self.report(&options)?))
    }

    /// A measure on a page of its own: its figures, both charts, the statistics in words, the
    /// comparators, breakdowns, turn-the-curve record and notes, as HTML whose every name is
    /// escaped (the core's `render::measure_page`; the dashboard's measure page).
    #[wasm_bindgen(js_name = measurePage)]
    pub fn measure_page(
        &self,
        #[wasm_bindgen(js_name = measureId, unchecked_param_type = "string")] measure_id: JsValue,
        options: Option<ScoreOptions>,
    ) -> Result<String, JsValue> {
        self.of_measure(&measure_id, &options, render::measure_page)
    }

    /// One self-contained HTML page (`--format html`).
    #[wasm_bindgen(js_name = toHtml)]
    pub fn to_html(&self, options: Option<ScoreOptions>) -> Result<String, JsValue> {
        self.render(Format::Html, &options)
    }

    /// The report in any format: "text", "markdown", "html", "html_fragment", "json", "csv".
    #[wasm_bindgen(js_name = render)]
    pub fn render_as(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] format: JsValue,
        options: Option<ScoreOptions>,
    ) -> Result<String, JsValue> {
        let format = text_arg(&format, "the format")?;
        let f = Format::parse(&format).ok_or_else(|| {
            usage(
                "format",
                format!(
                    "unknown format {}: expected {}",
                    betteroff::quoted(&format),
                    Format::NAMES
                ),
            )
        })?;
        self.render(f, &options)
    }

    /// A measure's turn-the-curve chart, as SVG.
    pub fn chart(
        &self,
        #[wasm_bindgen(js_name = measureId, unchecked_param_type = "string")] measure_id: JsValue,
        options: Option<ScoreOptions>,
    ) -> Result<String, JsValue> {
        let measure_id = text_arg(&measure_id, "the measure id")?;
        Ok(self
            .measure_chart(&measure_id, &options, false)?
            .unwrap_or_default())
    }

    /// What a page shows beneath a measure when it is opened: its breakdown tables (with
    /// disclosure control applied), its turn-the-curve record and its notes, as HTML whose every
    /// name is escaped (the core's `render::measure_detail`).
    #[wasm_bindgen(js_name = measureDetail)]
    pub fn measure_detail(
        &self,
        #[wasm_bindgen(js_name = measureId, unchecked_param_type = "string")] measure_id: JsValue,
        options: Option<ScoreOptions>,
    ) -> Result<String, JsValue> {
        self.of_measure(&measure_id, &options, render::measure_detail)
    }

    /// A measure's SPC chart, as SVG; `undefined` when its series is too short for SPC.
    #[wasm_bindgen(js_name = spcChart)]
    pub fn spc_chart(
        &self,
        #[wasm_bindgen(js_name = measureId, unchecked_param_type = "string")] measure_id: JsValue,
        options: Option<ScoreOptions>,
    ) -> Result<Option<String>, JsValue> {
        let measure_id = text_arg(&measure_id, "the measure id")?;
        self.measure_chart(&measure_id, &options, true)
    }
}

/// The Making Data Count icons of a measure, drawn by the core, each with its label: from its
/// `spc.variation_icon` and `spc.assurance` as the JSON names them (no scoring).
#[wasm_bindgen(js_name = spcIcons)]
pub fn spc_icons(
    #[wasm_bindgen(js_name = variationIcon, unchecked_param_type = "string")] variation: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | null | undefined")] assurance: JsValue,
) -> Result<String, JsValue> {
    let variation = text_arg(&variation, "the variation icon")?;
    let icon = betteroff::spc::VariationIcon::parse(&variation).ok_or_else(|| {
        usage(
            "variationIcon",
            format!("unknown variation icon {}", betteroff::quoted(&variation)),
        )
    })?;
    let assurance = match assurance.as_string() {
        Some(a) => Some(betteroff::spc::Assurance::parse(&a).ok_or_else(|| {
            usage(
                "assurance",
                format!("unknown assurance icon {}", betteroff::quoted(&a)),
            )
        })?),
        None => None,
    };
    Ok(render::icons::pair(icon, assurance, 28))
}

#[cfg(feature = "full")]
impl Scorecard {
    fn measure_chart(
        &self,
        measure_id: &str,
        options: &Option<ScoreOptions>,
        spc: bool,
    ) -> Result<Option<String>, JsValue> {
        let report = self
            .card
            .score_with(as_of(options)?, disclosure(options))
            .map_err(to_js)?;
        let m = report
            .find_measure(measure_id)
            .map_err(|e| usage("measureId", e.message().to_string()))?;
        Ok(if spc {
            render::spc_chart(m)
        } else {
            Some(render::chart(m))
        })
    }

    /// `draw` of one measure of the report, the measure named by the caller.
    fn of_measure(
        &self,
        measure_id: &JsValue,
        options: &Option<ScoreOptions>,
        draw: fn(&betteroff::report::MeasureResult) -> String,
    ) -> Result<String, JsValue> {
        let measure_id = text_arg(measure_id, "the measure id")?;
        let report = self.report(options)?;
        let m = report
            .find_measure(&measure_id)
            .map_err(|e| usage("measureId", e.message().to_string()))?;
        Ok(draw(m))
    }

    fn render(&self, format: Format, options: &Option<ScoreOptions>) -> Result<String, JsValue> {
        Ok(render::render(&self.report(options)?, format, false))
    }
}

impl Scorecard {
    fn report(&self, options: &Option<ScoreOptions>) -> Result<betteroff::Report, JsValue> {
        #[cfg(feature = "full")]
        let view = board_pack(options)?;
        #[cfg(not(feature = "full"))]
        whole_report(options)?;
        let report = self
            .card
            .score_with(as_of(options)?, disclosure(options))
            .map_err(to_js)?;
        #[cfg(feature = "full")]
        let report = {
            let report = if strict(options) {
                report.strict().map_err(to_js)?
            } else {
                report
            };
            let report = report.ordered(view.order).only(&view.only);
            match &view.measures {
                Some((ids, which)) => report.only_measures(ids, which),
                None => report,
            }
        };
        Ok(report)
    }
}

/// The small module scores the whole report, as of a period, with or without disclosure
/// control: a view's options (`strict`, `order`, `only`, `measures`, `view`) are the full
/// module's, and given to the small one they are refused, never ignored.
#[cfg(not(feature = "full"))]
fn whole_report(options: &Option<ScoreOptions>) -> Result<(), JsValue> {
    let Some(o) = options
        .as_ref()
        .map(AsRef::<JsValue>::as_ref)
        .filter(|o| o.is_object())
    else {
        return Ok(());
    };
    for name in ["strict", "order", "only", "measures", "view"] {
        let given = js::get(o, &name.into()).is_ok_and(|v| !v.is_undefined() && !v.is_null());
        if given {
            return Err(usage(
                name,
                format!("{name} is an option of the full module (betteroff/web): the small module scores the whole report"),
            ));
        }
    }
    Ok(())
}

#[cfg(feature = "full")]
/// Compounds `base` by each period's growth in percent (Dorset's table 3).
#[wasm_bindgen(js_name = projectDemand, unchecked_return_type = "ProjectedStep[]")]
pub fn project_demand(
    base: f64,
    #[wasm_bindgen(unchecked_param_type = "Record<string, number> | Array<[string, number]>")]
    steps: JsValue,
) -> Result<JsValue, JsValue> {
    if !base.is_finite() {
        return Err(usage("base", "the base must be a finite number".into()));
    }
    let pairs: Vec<(String, f64)> = if Array::is_array(&steps) {
        Array::from(&steps)
            .iter()
            .map(|p| {
                let p = Array::from(&p);
                (
                    p.get(0).as_string().unwrap_or_default(),
                    p.get(1).as_f64().unwrap_or(f64::NAN),
                )
            })
            .collect()
    } else {
        js_sys::Object::entries(&js_sys::Object::from(steps))
            .iter()
            .map(|e| {
                let e = Array::from(&e);
                (
                    e.get(0).as_string().unwrap_or_default(),
                    e.get(1).as_f64().unwrap_or(f64::NAN),
                )
            })
            .collect()
    };
    let mut parsed = Vec::with_capacity(pairs.len());
    for (p, g) in pairs {
        if !g.is_finite() || g <= -100.0 {
            return Err(usage(
                "steps",
                format!("growth for {p} must be a finite number above -100"),
            ));
        }
        parsed.push((period(&p, "steps")?, g));
    }
    let steps = betteroff::project(base, &parsed);
    let json = serde_json::to_string(&steps).unwrap_or_else(|_| "[]".into());
    js::parse(&json).map_err(|_| usage("steps", "the projection could not be read back".into()))
}

#[cfg(feature = "full")]
/// A period in any of the analyst's spellings: its canonical text, kind, start and end dates.
#[wasm_bindgen(js_name = parsePeriod, unchecked_return_type = "PeriodInfo")]
pub fn parse_period(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsValue> {
    let text = text_arg(&text, "the period")?;
    let text = text.as_str();
    let p = period(text, "period")?;
    let o = js::Object::new();
    let _ = js::set(&o, &"period".into(), &p.to_string().into());
    let _ = js::set(&o, &"kind".into(), &format!("{:?}", p.kind()).into());
    let _ = js::set(&o, &"start".into(), &p.start().to_string().into());
    let _ = js::set(&o, &"end".into(), &p.end().to_string().into());
    Ok(o.into())
}

/// The version of the package and the JSON schema it writes.
#[wasm_bindgen]
pub fn version() -> String {
    format!(
        "betteroff {} ({})",
        env!("CARGO_PKG_VERSION"),
        betteroff::report::SCHEMA
    )
}

#[cfg(feature = "full")]
/// SPC of many series at once from columns (the core's `batch::spc`): `series[i]` is the
/// series id of `values[i]`; each series' rows contiguous and in time order. Returns
/// `{ series, points, mean, lower, upper, rule, pointType, ruleNames, pointTypeNames }`: per
/// series its id, its number of points and its limits (`null` when too short for limits), and
/// per point the codes of its rule and point type (indexes into the names).
/// `screenOutliers`, `fixAfter` and `preset` (`"nhsr_plotthedots"`, the default;
/// `"mdc_excel"`; `"abspc"`; `"powerbi_spc"`) as Python's `spc_table`.
#[wasm_bindgen(js_name = spcColumns, unchecked_return_type = "SpcColumns")]
pub fn spc_columns(
    series: &[u32],
    values: &[f64],
    polarity: &str,
    #[wasm_bindgen(js_name = screenOutliers)] screen_outliers: Option<bool>,
    #[wasm_bindgen(js_name = fixAfter)] fix_after: Option<u32>,
    preset: Option<String>,
) -> Result<JsValue, JsValue> {
    use betteroff::spc::{PointType, Rule, SpcOptions};
    let polarity =
        betteroff::Polarity::from_argument(polarity).map_err(|e| to_js(Errors::one(e)))?;
    let fix_after = fix_after.map(|k| k as usize);
    // Named as JavaScript names it.
    SpcOptions::check_fix_after(fix_after)
        .map_err(|why| usage("fixAfter", format!("fixAfter {why}")))?;
    let o = SpcOptions::from_arguments(preset.as_deref(), screen_outliers, fix_after)
        .map_err(|why| usage("spcColumns", why))?;
    let c =
        betteroff::batch::spc(series, values, polarity, &o).map_err(|e| to_js(Errors::one(e)))?;
    let o = js::Object::new();
    let set = |k: &str, v: JsValue| {
        let _ = js::set(&o, &k.into(), &v);
    };
    let limits = |col: &[Option<f64>]| -> JsValue {
        col.iter()
            .map(|v| v.map_or(JsValue::NULL, JsValue::from))
            .collect::<Array>()
            .into()
    };
    let names = |keys: &mut dyn Iterator<Item = &'static str>| -> JsValue {
        keys.map(JsValue::from).collect::<Array>().into()
    };
    let points: Vec<u32> = c.points.iter().map(|&n| n as u32).collect();
    let rule: Vec<u8> = c.rule.iter().map(|r| r.code()).collect();
    let point_type: Vec<u8> = c.point_type.iter().map(|t| t.code()).collect();
    set(
        "series",
        js_sys::Uint32Array::from(c.series.as_slice()).into(),
    );
    set(
        "points",
        js_sys::Uint32Array::from(points.as_slice()).into(),
    );
    set("mean", limits(&c.mean));
    set("lower", limits(&c.lower));
    set("upper", limits(&c.upper));
    set("rule", js_sys::Uint8Array::from(rule.as_slice()).into());
    set(
        "pointType",
        js_sys::Uint8Array::from(point_type.as_slice()).into(),
    );
    set(
        "ruleNames",
        names(&mut Rule::BY_CODE.iter().map(|r| r.key())),
    );
    set(
        "pointTypeNames",
        names(&mut PointType::BY_CODE.iter().map(|t| t.key())),
    );
    Ok(o.into())
}
