//! The third browser module: the area profile chart, drawn by plotters on a canvas
//! (plotters-canvas). Built with the `chart` feature and fetched by the element the first
//! time a profile opens, so pages that never open one do not download plotters.

use crate::draw::chart::{draw, height, ProfileRow};
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

fn rows_of(rows: JsValue) -> Result<Vec<ProfileRow>, JsError> {
    serde_wasm_bindgen::from_value(rows).map_err(|e| JsError::new(&e.to_string()))
}

/// The canvas height (CSS pixels) for these profile rows.
#[wasm_bindgen(js_name = profileHeight)]
pub fn profile_height(rows: JsValue) -> Result<u32, JsError> {
    Ok(height(&rows_of(rows)?))
}

/// Draws the profile `rows` (from `NeedsMap.profile`) of `name` in `place` on `canvas`,
/// whose backing store is `dpr` times its CSS size: plotters lays out in CSS pixels and the
/// context's transform scales, so text is as sharp as the page's.
#[wasm_bindgen(js_name = drawProfile)]
pub fn draw_profile(canvas: HtmlCanvasElement, rows: JsValue, name: &str, place: &str, dpr: f64) -> Result<(), JsError> {
    let rows = rows_of(rows)?;
    let (w, h) = (canvas.width() as f64 / dpr, canvas.height() as f64 / dpr);
    let ctx = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
        .ok_or_else(|| JsError::new("the browser gave no 2D canvas"))?;
    ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0).map_err(|_| JsError::new("canvas transform failed"))?;
    let backend = CanvasBackend::with_canvas_object(canvas).ok_or_else(|| JsError::new("the browser gave no 2D canvas"))?;
    let root = backend.into_drawing_area().shrink((0, 0), (w as u32, h as u32));
    draw(&root, &rows, name, place).map_err(|e| JsError::new(&e))
}
