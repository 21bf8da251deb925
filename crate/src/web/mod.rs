//! The browser faces (wasm-bindgen): the widget's module (`web`), the module it loads on
//! first use of what the first frame does not need (`extra`), the GeoJSON converter run in a
//! worker (`convert`), the profile chart (`chart`) and the areas of one's own (`own`). Each is a feature, so they build
//! together or apart.

#[cfg(any(feature = "web", feature = "extra"))]
pub mod canvas;
#[cfg(feature = "chart")]
pub mod chart;
#[cfg(feature = "convert")]
pub mod convert;
#[cfg(feature = "extra")]
pub mod extra;
#[cfg(feature = "own")]
pub mod own;
#[cfg(feature = "web")]
pub mod widget;

/// The largest bundle or boundary file the widget reads, in bytes: the element checks it
/// before downloading (Content-Length) and before handing the text over; the converter's
/// worker checks it as the file arrives.
#[cfg(any(feature = "web", feature = "convert"))]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = maxInputBytes)]
pub fn max_input_bytes() -> f64 {
    crate::read::bundle::MAX_BYTES as f64
}

/// An `Error` for the page, with the problems behind it (each naming its file and
/// feature) as its `problems` array: errors cross as a type, not lines to split again.
#[cfg(any(feature = "web", feature = "convert", feature = "extra", feature = "own"))]
pub(crate) fn error(message: &str, problems: &[String]) -> wasm_bindgen::JsValue {
    use wasm_bindgen::JsValue;
    let e = js_sys::Error::new(message);
    let list: js_sys::Array = problems.iter().map(|p| JsValue::from_str(p)).collect();
    let _ = js_sys::Reflect::set(&e, &"problems".into(), &list);
    e.into()
}
