//! The few JavaScript built-ins that both modules call (`Reflect.get` and `set`, `JSON.parse`
//! and `stringify`, `new Error`, `new Object`, `new Array` and `push`), declared here rather
//! than taken from js-sys. js-sys declares every built-in, and each of its declarations that
//! takes a callback (a typed array's `forEach`, say) left a shim in the module's function table
//! whether called or not: 43 of them, 3 KB raw, in the dashboard's small module, which now does
//! not link js-sys at all. The full module keeps js-sys for what only it does (bytes, typed
//! arrays, `Object.entries`).

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `Reflect.get(target, key)`.
    #[wasm_bindgen(js_namespace = Reflect, js_name = get, catch)]
    pub fn get(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;

    /// `Reflect.set(target, key, value)`.
    #[wasm_bindgen(js_namespace = Reflect, js_name = set, catch)]
    pub fn set(target: &JsValue, key: &JsValue, value: &JsValue) -> Result<bool, JsValue>;

    /// `JSON.parse(text)`.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    pub fn parse(text: &str) -> Result<JsValue, JsValue>;

    /// `JSON.stringify(value)`: text, or `undefined` for a value JSON cannot hold.
    #[wasm_bindgen(js_namespace = JSON, js_name = stringify, catch)]
    pub fn stringify(value: &JsValue) -> Result<JsValue, JsValue>;

    /// A JavaScript `Error`.
    #[wasm_bindgen(js_name = Error)]
    pub type Failure;

    /// `new Error(message)`.
    #[wasm_bindgen(constructor, js_class = "Error")]
    pub fn new(message: &str) -> Failure;

    /// A plain object.
    #[wasm_bindgen(js_name = Object)]
    pub type Object;

    /// `new Object()`: `{}`.
    #[wasm_bindgen(constructor, js_class = "Object")]
    pub fn new() -> Object;

    /// A JavaScript array.
    #[wasm_bindgen(js_name = Array)]
    pub type List;

    /// `new Array()`: `[]`.
    #[wasm_bindgen(constructor, js_class = "Array")]
    pub fn new() -> List;

    /// `list.push(value)`.
    #[wasm_bindgen(method, js_class = "Array", js_name = push)]
    pub fn push(this: &List, value: &JsValue) -> u32;
}
