//! `Scorecard.scoreColumns`: the core's full batch scoring (`batch::Plan`) from typed arrays,
//! its columns back as typed arrays. Measure ids and periods come as a dictionary (each row's
//! index, and the distinct texts), read once by the core's `batch::codes`.

use betteroff::batch::codes::read_dictionary;
use betteroff::batch::{Plan, Rows, BANDS};
use betteroff::Comparison;
use betteroff::{Errors, Period, Status};
use js_sys::{Array, Float64Array, Object, Uint8Array};
use wasm_bindgen::prelude::*;

use crate::{to_js, Scorecard};

#[wasm_bindgen]
impl Scorecard {
    /// Scores every area against every measure at once. One entry per row in each array:
    /// `area` any number naming the area, `measure` an index into `measureIds`, `period` an
    /// index into `periods` (period texts), `value` the figure (NaN where missing); rows grouped
    /// by area and measure, in time order. Returns a `ScoreColumns` object: one entry per series
    /// in each column (NaN or 255 where a figure does not apply), and each row's SPC rule.
    /// Named comparators' figures (for comparator targets such as "match England") come as
    /// four more columns: measure and period indexes into the same `measureIds` and `periods`,
    /// the comparator's name and its value. Disclosure control applies as in the scorecard
    /// (docs/disclosure.md); `disclosureControl: false` scores the true figures, for internal
    /// use only.
    #[wasm_bindgen(js_name = scoreColumns, unchecked_return_type = "ScoreColumns")]
    #[allow(clippy::too_many_arguments)]
    pub fn score_columns(
        &self,
        area: &[u32],
        measure: &[u32],
        #[wasm_bindgen(js_name = measureIds)] measure_ids: Vec<String>,
        period: &[u32],
        periods: Vec<String>,
        value: &[f64],
        #[wasm_bindgen(js_name = asOf)] as_of: Option<String>,
        #[wasm_bindgen(js_name = comparatorMeasure)] comparator_measure: Option<Vec<u32>>,
        #[wasm_bindgen(js_name = comparatorPeriod)] comparator_period: Option<Vec<u32>>,
        #[wasm_bindgen(js_name = comparatorName)] comparator_name: Option<Vec<String>>,
        #[wasm_bindgen(js_name = comparatorValue)] comparator_value: Option<Vec<f64>>,
        #[wasm_bindgen(js_name = disclosureControl)] disclosure_control: Option<bool>,
    ) -> Result<JsValue, JsValue> {
        let one = |e| to_js(Errors::one(e));
        let mut plan = Plan::new(self.card.definition()).map_err(to_js)?;
        if disclosure_control == Some(false) {
            plan = plan.without_disclosure_control();
        }
        let ids: Vec<&str> = measure_ids.iter().map(String::as_str).collect();
        let measures = read_dictionary(measure, &ids, "measure", |id| {
            plan.code(id)
                .ok_or_else(|| format!("the scorecard has no measure '{id}'"))
        })
        .map_err(one)?;
        let texts: Vec<&str> = periods.iter().map(String::as_str).collect();
        let parse = |p: &str| p.parse::<Period>().map_err(|e| e.to_string());
        let periods = read_dictionary(period, &texts, "period", parse).map_err(one)?;
        let as_of = as_of
            .as_deref()
            .map(|t| crate::period(t, "asOf"))
            .transpose()?;
        let c_measure = comparator_measure.unwrap_or_default();
        let (c_period, c_name) = (
            comparator_period.unwrap_or_default(),
            comparator_name.unwrap_or_default(),
        );
        let c_value = comparator_value.unwrap_or_default();
        let lengths = [c_period.len(), c_name.len(), c_value.len()];
        if lengths.iter().any(|&n| n != c_measure.len()) {
            return Err(crate::usage(
                "comparators",
                "comparatorMeasure, comparatorPeriod, comparatorName and comparatorValue must \
                 have the same length"
                    .into(),
            ));
        }
        if !c_measure.is_empty() {
            // Read for the comparators' own indexes: a text only they use is checked too.
            let c_measures = read_dictionary(&c_measure, &ids, "comparator measure", |id| {
                plan.code(id)
                    .ok_or_else(|| format!("the scorecard has no measure '{id}'"))
            })
            .map_err(one)?;
            let c_periods =
                read_dictionary(&c_period, &texts, "comparator period", parse).map_err(one)?;
            let code = |i: usize| c_measures.get(c_measure[i] as usize).copied();
            let when = |i: usize| c_periods.get(c_period[i] as usize).copied();
            let mut figures = Vec::with_capacity(c_measure.len());
            for i in 0..c_measure.len() {
                let (Some(m), Some(p)) = (code(i), when(i)) else {
                    let why = "a comparator's measure or period index is out of range".into();
                    return Err(crate::usage("comparators", why));
                };
                figures.push((m, p, c_name[i].as_str(), c_value[i]));
            }
            plan = plan.with_comparators(figures).map_err(one)?;
        }
        let rows = Rows {
            area,
            measure,
            measures: &measures,
            period,
            periods: &periods,
            value,
        };
        let s = plan.score(&rows, as_of).map_err(one)?;
        Ok(columns(s).into())
    }
}

/// The scores as an object of typed arrays.
fn columns(s: betteroff::batch::Scores) -> Object {
    let o = Object::new();
    let set = |k: &str, v: JsValue| {
        let _ = crate::js::set(&o, &k.into(), &v);
    };
    let x = s.series;
    let f = |v: &[Option<f64>]| -> JsValue {
        let v: Vec<f64> = v.iter().map(|v| v.unwrap_or(f64::NAN)).collect();
        Float64Array::from(v.as_slice()).into()
    };
    let n = |v: Vec<Option<f64>>| f(&v);
    let code = |v: Vec<Option<u8>>| -> JsValue {
        let v: Vec<u8> = v.into_iter().map(|c| c.unwrap_or(255)).collect();
        Uint8Array::from(v.as_slice()).into()
    };
    let names = |keys: &[&str]| -> JsValue {
        keys.iter()
            .map(|&k| JsValue::from(k))
            .collect::<Array>()
            .into()
    };
    let flag = |v: &[Option<bool>]| code(v.iter().map(|b| b.map(u8::from)).collect());
    set("area", js_sys::Uint32Array::from(x.area.as_slice()).into());
    set(
        "measure",
        js_sys::Uint32Array::from(x.measure.as_slice()).into(),
    );
    set(
        "period",
        n(x.period.iter().map(|p| p.map(f64::from)).collect()),
    );
    for (k, v) in [
        ("value", &x.value),
        ("baseline", &x.baseline),
        ("target", &x.target),
        ("judged", &x.judged),
        ("expected", &x.expected),
        ("progressPct", &x.progress_pct),
        ("spcMean", &x.spc_mean),
        ("spcLower", &x.spc_lower),
        ("spcUpper", &x.spc_upper),
        ("slopePerYear", &x.slope_per_year),
        ("forecastAtDue", &x.at_due),
        ("baselineForecast", &x.baseline_forecast),
        ("benchmarkValue", &x.benchmark_value),
        ("q1", &x.q1),
        ("median", &x.median),
        ("q3", &x.q3),
    ] {
        set(k, f(v));
    }
    let count = |v: &[Option<usize>]| n(v.iter().map(|c| c.map(|c| c as f64)).collect());
    set("forecastPoints", count(&x.forecast_points));
    set("rank", count(&x.rank));
    set("areas", count(&x.areas));
    set(
        "benchmarkPeriod",
        n(x.benchmark_period
            .iter()
            .map(|p| p.map(f64::from))
            .collect()),
    );
    set("reachable", flag(&x.reachable));
    set("turned", flag(&x.turned));
    set("status", code(x.status_codes()));
    set("statusNames", names(&Status::ALL.map(Status::key)));
    set("comparison", code(x.comparison_codes()));
    set(
        "comparisonNames",
        names(&Comparison::BY_CODE.map(Comparison::key)),
    );
    set("band", code(x.band_codes()));
    set("bandNames", names(&BANDS));
    set("variationIcon", code(x.variation_icon_codes()));
    set(
        "variationIconNames",
        names(&betteroff::spc::VariationIcon::ALL.map(|v| v.key())),
    );
    set("assurance", code(x.assurance_codes()));
    set(
        "assuranceNames",
        names(&betteroff::spc::Assurance::ALL.map(|a| a.key())),
    );
    set(
        "rule",
        code(s.rule.iter().map(|r| r.map(|r| r.code())).collect()),
    );
    set(
        "ruleNames",
        names(&betteroff::spc::Rule::BY_CODE.map(|r| r.key())),
    );
    o
}
