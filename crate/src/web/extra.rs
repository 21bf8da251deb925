//! The widget's second module, loaded on first use of what the first frame does not need:
//! the exported picture (its layout and the SVG writer; the canvas behind `toPNG()`), the
//! keyboard's neighbours and the postcode index. It keeps no view of its own: each call
//! brings what it needs from the widget's module (`NeedsMap.picture`, `meshParts`,
//! `postcodeIndex`), and the widget takes the answers back.

use super::canvas::CanvasPainter;
use super::error;
use crate::derive::postcode::{self, PostcodeIndex, Status};
use crate::draw::picture::{self, Picture, Sheet};
use crate::draw::svg::SvgPainter;
use crate::place::mesh::Mesh;
use crate::place::neighbours::{flatten, of_parts};
use crate::place::order::{next, Row, Step};
use wasm_bindgen::prelude::*;
use web_sys::CanvasRenderingContext2d;

fn said(e: impl std::fmt::Display) -> JsValue {
    error(&e.to_string(), &[])
}

/// The picture of a sheet (`NeedsMap.sheet`) and the outlines (`NeedsMap.meshParts`).
fn read(sheet: &str, xy: Vec<f32>, rings: Vec<u32>, areas: Vec<u32>) -> Result<Picture, JsValue> {
    let sheet: Sheet =
        serde_json::from_str(sheet).map_err(|e| said(format!("the map's picture could not be read ({e}); reload the page")))?;
    let mesh = Mesh::from_parts([0.0, 0.0], xy, rings, areas).map_err(said)?;
    Ok(Picture::new(sheet, &mesh))
}

/// The picture as a standalone SVG document, `width` x `height`.
#[wasm_bindgen(js_name = pictureSvg)]
pub fn picture_svg(sheet: &str, xy: Vec<f32>, rings: Vec<u32>, areas: Vec<u32>, width: u32, height: u32) -> Result<String, JsValue> {
    let p = read(sheet, xy, rings, areas)?;
    let mut svg = SvgPainter::new(width, height, &p.sheet.title, "nm");
    picture::draw(&mut svg, &p, width, height);
    Ok(svg.finish())
}

/// Draws the picture on a canvas of `width` x `height` CSS pixels at `dpr` device pixels each.
#[wasm_bindgen(js_name = drawPicture)]
#[allow(clippy::too_many_arguments)]
pub fn draw_picture(
    ctx: &CanvasRenderingContext2d,
    sheet: &str,
    xy: Vec<f32>,
    rings: Vec<u32>,
    areas: Vec<u32>,
    width: u32,
    height: u32,
    dpr: f64,
) -> Result<(), JsValue> {
    let p = read(sheet, xy, rings, areas)?;
    ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
    picture::draw(&mut CanvasPainter::new(ctx), &p, width, height);
    Ok(())
}

/// The neighbours of each area of outlines given as `NeedsMap.meshParts` gives them,
/// flattened (`place::neighbours::flatten`) for `NeedsMap.setNeighbours`.
#[wasm_bindgen]
pub fn neighbours(xy: Vec<f32>, rings: Vec<u32>, areas: Vec<u32>) -> Result<Vec<u32>, JsValue> {
    Ok(flatten(&of_parts(xy, rings, areas).map_err(said)?))
}

/// A bundle's postcode index, read once, looked up as people type.
#[wasm_bindgen]
pub struct Postcodes {
    index: PostcodeIndex,
    /// Whether the bundle has an index (without one, a postcode cannot be placed).
    indexed: bool,
}

#[wasm_bindgen]
impl Postcodes {
    /// The index from its JSON (`NeedsMap.postcodeIndex`); none (an empty index, which
    /// still tells a postcode from other text) when the bundle has none.
    #[wasm_bindgen(constructor)]
    pub fn new(json: Option<String>) -> Result<Postcodes, JsValue> {
        let indexed = json.is_some();
        let index = match json {
            Some(j) => serde_json::from_str(&j)
                .map_err(|e| said(format!("the bundle's postcode index cannot be read ({e}); re-run `needsmap prepare`")))?,
            None => PostcodeIndex::default(),
        };
        Ok(Postcodes { index, indexed })
    }

    /// `[postcode, status, area]`: the postcode as written ("CV2 2DX"), its status ("live",
    /// "terminated", "outside", "unknown", "invalid") and its area's index in `layer`, or null.
    pub fn lookup(&self, text: &str, layer: &str) -> js_sys::Array {
        let (postcode, status, area) = self.index.lookup(text, layer);
        [JsValue::from(postcode), JsValue::from(status.name()), area.map_or(JsValue::NULL, |a| JsValue::from(a as u32))]
            .into_iter()
            .collect()
    }

    /// The sentence a person reads for a lookup (`lookup`'s postcode and status, and the
    /// area's name): "CV2 2DX is in Henley."
    pub fn answer(&self, postcode: &str, status: &str, area: Option<String>) -> String {
        let status = Status::named(status).unwrap_or(Status::Invalid);
        postcode::answer_with(postcode, status, area.as_deref(), self.indexed)
    }
}

/// The area a key moves to by meaning (`n`, `b`, `]` and, with `back`, `N`, `B`, `[`): the
/// next one significantly worse than England (`step` "worse"), better ("better") or by rank
/// ("rank") after `from`, in the table's rank order (see `place::order`). `rows` is the
/// table's rows as JSON (`NeedsMap.answer('table').rows`).
#[wasm_bindgen(js_name = nextArea)]
pub fn next_area(rows: &str, from: Option<String>, step: &str, back: bool) -> Result<Option<String>, JsValue> {
    let rows: Vec<Row> =
        serde_json::from_str(rows).map_err(|e| said(format!("the table's rows could not be read ({e}); reload the page")))?;
    let step = Step::parse(step).ok_or_else(|| said(format!("no move \"{step}\"")))?;
    Ok(next(&rows, from.as_deref(), step, back))
}
