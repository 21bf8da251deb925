//! The widget's module: `NeedsMap`, the wasm-bindgen face of [`Widget`], driven by the
//! `<needs-map>` element (www/). It converts types and calls the widget; the decisions are
//! the widget's, where native tests reach them. Answers cross as JSON (one `JSON.parse` of a
//! string is many times faster than building objects property by property: England's 6,826
//! areas in a few milliseconds instead of about 35); the picture crosses as one image.
//!
//! GeoJSON (`boundaries=`) is not read here: the `convert` module turns it into outlines in
//! a worker, so pages with a bundle never download the GeoJSON reader.

use super::{canvas::CanvasPainter, error};
use crate::draw::overlay;
use crate::draw::painter::{rect, Fill, Painter};
use crate::draw::symbol;
use crate::model::geometry::Bounds;
use crate::place::mesh::Mesh;
use crate::place::neighbours::unflatten;
use crate::place::neighbours::Direction;
use crate::style::palette::SCHEMES;
use crate::style::palette::{Rgb, BORDER};
use crate::style::pattern::Pattern;
use crate::widget::{settings, Redraw, Widget, WidgetError};
use serde::Serialize;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::Clamped;
use web_sys::{CanvasRenderingContext2d, ImageData};

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Keeps the message of a Rust panic so the element can show it in the widget and in
/// `needs-map:error`, rather than leaving it in the console only.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let msg = info.to_string();
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(msg));
    }));
}

/// The message of the last panic, once.
#[wasm_bindgen(js_name = takePanic)]
pub fn take_panic() -> Option<String> {
    LAST_PANIC.with(|p| p.borrow_mut().take())
}

fn fail(e: WidgetError) -> JsValue {
    error(&e.message, &e.problems)
}

/// What a change asks to draw again, as a number for the element (see `Redraw`).
fn redraw(r: Result<Redraw, WidgetError>) -> Result<u8, JsValue> {
    r.map(|r| r as u8).map_err(fail)
}

fn said(e: impl std::fmt::Display) -> JsValue {
    error(&e.to_string(), &[])
}

/// A value as a JavaScript object, by way of JSON (see the module's note). `None` is `null`.
fn to_js(value: &impl Serialize) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(said)?;
    js_sys::JSON::parse(&text).map_err(|_| said("the browser could not read the map's answer"))
}

/// `[[name, text], ...]` as the element writes settings, read untyped (see `read::bundle`).
fn pairs(json: &str) -> Result<Vec<(String, String)>, JsValue> {
    let v: serde_json::Value = serde_json::from_str(json).map_err(said)?;
    let text = |p: &serde_json::Value, i: usize| p.get(i).and_then(|t| t.as_str()).map(str::to_string);
    v.as_array()
        .and_then(|list| list.iter().map(|p| Some((text(p, 0)?, text(p, 1)?))).collect())
        .ok_or_else(|| said("settings come as [[name, text], ...]"))
}

/// RGBA pixels (little-endian `u32`s) as canvas image data.
fn image_of(px: &[u32], w: usize, h: usize) -> Result<ImageData, JsValue> {
    // SAFETY: any u32 is four valid bytes, and u8's alignment is 1.
    let bytes = unsafe { std::slice::from_raw_parts(px.as_ptr().cast::<u8>(), px.len() * 4) };
    ImageData::new_with_u8_clamped_array_and_sh(Clamped(bytes), w as u32, h as u32)
}

/// One map: the widget, for the element.
#[wasm_bindgen]
pub struct NeedsMap {
    widget: Widget,
    /// The borders' canvas path, kept while the areas stay where they are.
    borders: Option<(u64, web_sys::Path2d)>,
}

#[wasm_bindgen]
impl NeedsMap {
    /// Reads a bundle made by `needsmap prepare`.
    #[wasm_bindgen(js_name = fromBundle)]
    pub fn from_bundle(text: &str) -> Result<NeedsMap, JsValue> {
        Ok(NeedsMap { widget: Widget::from_bundle(text).map_err(fail)?, borders: None })
    }

    /// A map of the areas the GeoJSON converter read (see `convert::Outlines`): `bundle` is
    /// the map without geometry (codes, names, the page's figures, the attribution);
    /// `extent` is `[west, south, east, north]` then the mesh's origin; `index` the mesh's
    /// area starts then its ring starts. The outlines come as arrays: nothing to read on the
    /// page's thread but the small bundle.
    #[wasm_bindgen(js_name = fromOutlines)]
    pub fn from_outlines(bundle: &str, extent: &[f64], xy: Vec<f32>, mut index: Vec<u32>) -> Result<NeedsMap, JsValue> {
        let (atlas, _) = crate::read::bundle::from_json_meshed(bundle).map_err(said)?;
        let count = atlas.layers.first().map_or(0, |l| l.areas.len());
        let &[w, s, e, n, ox, oy] = extent else { return Err(said("the converter's outlines are incomplete; reload the page")) };
        let rings = index.split_off((count + 1).min(index.len()));
        let mesh = Mesh::from_parts([ox, oy], xy, rings, index).map_err(said)?;
        let widget = Widget::from_outlines(atlas, mesh, Bounds { min: [w, s], max: [e, n] }).map_err(fail)?;
        Ok(NeedsMap { widget, borders: None })
    }

    /// The widget's answers, as JSON made into objects: `view` (every setting, defaults
    /// resolved), `fragment` (the link's `[[key, value], ...]`), `areas`, `indicators`,
    /// `words` (`{title, covers, name, attribution, place, noun}`), `legend`, `table`,
    /// `summary` (the map in words, `Widget::summary`), `palettes` (`[[id, label, colour-blind safe]]`),
    /// `serviceKinds` and `servicesIn` (the shown services in the view, or inside area `code`),
    /// and the texts and keyboard answers listed below.
    /// One entry for them all: each is a conversion, and each entry of its own costs the
    /// page's download its glue.
    pub fn answer(&mut self, question: &str, code: Option<String>) -> Result<JsValue, JsValue> {
        let w = &mut self.widget;
        match question {
            "view" => to_js(&w.view_state()),
            "fragment" => to_js(&w.fragment()),
            "areas" => to_js(&w.areas()),
            "indicators" => to_js(&w.indicators()),
            "words" => to_js(&w.words()),
            "legend" => to_js(&w.legend()),
            "table" => to_js(&w.table()),
            "summary" => to_js(&w.summary()),
            "palettes" => to_js(&SCHEMES.iter().map(|s| (s.id, s.label, s.colour_blind_safe)).collect::<Vec<_>>()),
            "serviceKinds" => to_js(&w.service_kinds()),
            "servicesIn" => to_js(&w.services_in(code.as_deref())),
            // Texts: the shown indicator as tidy CSV; of an area (code) its name, the hover
            // sentence and the selection's detail; of a service ("gp:3") its words; the
            // bundle's postcode index as JSON for the module that reads it (`extra`), or null.
            "csv" => to_js(&w.csv().map_err(fail)?),
            "areaName" => to_js(&w.area_name(code.as_deref().unwrap_or_default())),
            "describe" => to_js(&w.describe(code.as_deref().unwrap_or_default())),
            "detail" => to_js(&w.detail(code.as_deref().unwrap_or_default())),
            "serviceText" => to_js(&w.service_text(code.as_deref().unwrap_or_default())),
            "postcodeIndex" => to_js(&w.postcode_index()),
            // The keyboard's: whether the layer's neighbours are still to be found, the area
            // of the highest (code "highest") or lowest value, an area's centre in CSS pixels.
            "needsNeighbours" => to_js(&w.needs_neighbours()),
            "extreme" => to_js(&w.extreme(code.as_deref() == Some("highest"))),
            "centre" => to_js(&w.centre(code.as_deref().unwrap_or_default())),
            // The area next to one that way: code "E05001222 left" (right, up, down).
            "step" => {
                let (from, way) = code.as_deref().and_then(|c| c.split_once(' ')).unwrap_or_default();
                to_js(&Direction::parse(way).and_then(|d| w.step(from, d)))
            }
            q => Err(said(format!("the map has no answer \"{q}\""))),
        }
    }

    /// Applies settings together, given as JSON `[[name, text], ...]` (`[["classes", "3"]]`:
    /// the element writes every value as its attribute would). Returns what to draw again:
    /// 0 nothing, 1 the picture, 2 the selection and services, 3 everything.
    #[wasm_bindgen(js_name = setView)]
    pub fn set_view(&mut self, json: &str) -> Result<u8, JsValue> {
        let pairs = pairs(json)?;
        let changes: Result<Vec<_>, _> = pairs.iter().map(|(k, v)| settings::parse(k, v)).collect();
        redraw(self.widget.set_view(changes.map_err(said)?))
    }

    /// Outlines over the shown layer in its mesh coordinates (`meshParts`'s): x, y runs,
    /// `starts` where each ring begins (and the end); the rings from `picked` on are areas
    /// picked to be made one, from `alike` on areas like the selected one, those before the
    /// areas of one's own (see `Widget::set_marks`).
    #[wasm_bindgen(js_name = setMarks)]
    pub fn set_marks(&mut self, xy: Vec<f32>, starts: Vec<u32>, picked: u32, alike: u32) {
        self.widget.set_marks(xy, starts, picked as usize, alike as usize);
    }

    /// Applies a link's fragment: `[[key, value], ...]`, decoded, in order.
    #[wasm_bindgen(js_name = applyFragment)]
    pub fn apply_fragment(&mut self, json: &str) -> Result<u8, JsValue> {
        let pairs = pairs(json)?;
        let changes = settings::from_fragment(&pairs).map_err(said)?;
        redraw(self.widget.set_view(changes))
    }

    /// Sets the size of the map in CSS pixels and the device pixels per CSS pixel, and the
    /// boxes of it the page's controls cover (left, top, right, bottom runs in CSS pixels: no
    /// name is placed under them).
    pub fn resize(&mut self, width: f64, height: f64, ratio: f64, covered: Vec<f32>) -> Result<(), JsValue> {
        self.widget.cover(covered.chunks_exact(4).map(|b| [b[0], b[1], b[2], b[3]]).collect());
        self.widget.resize(width, height, ratio).map_err(fail)
    }

    #[wasm_bindgen(js_name = panBy)]
    pub fn pan_by(&mut self, dx: f64, dy: f64) -> Result<u8, JsValue> {
        redraw(self.widget.pan_by(dx, dy))
    }

    /// Zooms by `factor` about an area's centre, or the middle of the view.
    #[wasm_bindgen(js_name = zoomBy)]
    pub fn zoom_by(&mut self, factor: f64, about: Option<String>) -> Result<u8, JsValue> {
        redraw(self.widget.zoom_by(factor, about.as_deref()))
    }

    /// Zooms so an area fills most of the view, or (`only_if_hidden`) moves the view just
    /// enough to show it, as the keyboard's moves do.
    #[wasm_bindgen(js_name = zoomTo)]
    pub fn zoom_to(&mut self, code: &str, only_if_hidden: bool) -> Result<u8, JsValue> {
        redraw(if only_if_hidden { self.widget.ensure_visible(code) } else { self.widget.zoom_to(code) })
    }

    /// Puts the picture on the canvas and draws the overlay (`dpr` device pixels per CSS
    /// pixel; `focus` the keyboard's area; `ringed` a highlighted service, "gp:3").
    pub fn draw(&mut self, ctx: &CanvasRenderingContext2d, dpr: f64, focus: Option<String>, ringed: Option<String>) -> Result<(), JsValue> {
        let (px, w, h) = self.widget.pixels();
        if px.is_empty() {
            // Drawn as paths (see `Widget::overlay`): the last picture is cleared first.
            ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
            if let Some(c) = ctx.canvas() {
                ctx.clear_rect(0.0, 0.0, c.width() as f64, c.height() as f64);
            }
        } else {
            ctx.put_image_data(&image_of(px, w, h)?, 0.0, 0.0)?;
        }
        ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
        let o = self.widget.overlay(focus.as_deref(), ringed.as_deref());
        overlay::draw(&mut CanvasPainter::keeping(ctx, &mut self.borders), &o);
        Ok(())
    }

    /// All the exported picture of the view, `width` x `height`, shows but the outlines
    /// (`meshParts`), as JSON for the module that draws it (`extra`, loaded on first use,
    /// with the layout and the SVG writer).
    pub fn sheet(&mut self, width: u32, height: u32) -> Result<String, JsValue> {
        serde_json::to_string(&self.widget.sheet(width, height)).map_err(said)
    }

    /// Draws a legend swatch (`pattern` "hatched", "dotted", "cross-hatched" or "") on a
    /// canvas of `width` x `height` CSS pixels at `dpr`: the map's own colours and patterns.
    #[wasm_bindgen(js_name = drawSwatch)]
    pub fn draw_swatch(
        ctx: &CanvasRenderingContext2d,
        colour: &str,
        pattern: &str,
        width: f32,
        height: f32,
        dpr: f64,
    ) -> Result<(), JsValue> {
        let colour = Rgb::from_hex(colour).ok_or_else(|| said("a swatch's colour is #rrggbb"))?;
        ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
        let r = rect(0.5, 0.5, width - 1.0, height - 1.0);
        let mut p = CanvasPainter::new(ctx);
        p.fill(&[&r], Fill { colour, pattern: Pattern::named(pattern), area: None });
        p.stroke(&[&r], BORDER, 1.0);
        Ok(())
    }

    /// Draws a service kind's symbol, centred on an 18 x 18 CSS pixel canvas at `dpr`.
    #[wasm_bindgen(js_name = drawSymbol)]
    pub fn draw_symbol(ctx: &CanvasRenderingContext2d, shape: &str, colour: &str, dpr: f64) -> Result<(), JsValue> {
        let colour = Rgb::from_hex(colour).ok_or_else(|| said("a symbol's colour is #rrggbb"))?;
        ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
        symbol::draw(&mut CanvasPainter::new(ctx), shape, [9.0, 9.0], colour);
        Ok(())
    }

    #[wasm_bindgen(js_name = serviceAt)]
    pub fn service_at(&self, x: f64, y: f64) -> Option<String> {
        self.widget.service_at(x, y)
    }

    /// The code of the area under a point in CSS pixels.
    #[wasm_bindgen(js_name = areaAt)]
    pub fn area_at(&self, x: f64, y: f64) -> Option<String> {
        self.widget.area_at(x, y).map(|s| s.code.clone())
    }

    /// A longitude/latitude's place on the map in CSS pixels.
    pub fn locate(&self, lon: f64, lat: f64) -> Option<Vec<f64>> {
        self.widget.locate(lon, lat).map(|p| p.to_vec())
    }

    /// The shown layer's outlines as `[points, ring starts, area starts]`, copied.
    #[wasm_bindgen(js_name = meshParts)]
    pub fn mesh_parts(&mut self) -> js_sys::Array {
        let (xy, rings, areas) = self.widget.mesh_parts();
        let parts: [JsValue; 3] =
            [js_sys::Float32Array::from(xy).into(), js_sys::Uint32Array::from(rings).into(), js_sys::Uint32Array::from(areas).into()];
        parts.into_iter().collect()
    }

    /// The layer's neighbours as `extra.neighbours` flattens them.
    #[wasm_bindgen(js_name = setNeighbours)]
    pub fn set_neighbours(&mut self, flat: &[u32]) -> Result<(), JsValue> {
        let nb = unflatten(flat)
            .filter(|nb| nb.len() == self.widget.layer().areas.len())
            .ok_or_else(|| said("the neighbours do not fit the map; reload the page"))?;
        self.widget.set_neighbours(nb);
        Ok(())
    }

    /// Adds the page's own figures as an indicator of the shown layer: codes (one per line)
    /// and values in step.
    #[wasm_bindgen(js_name = addIndicator)]
    pub fn add_indicator(&mut self, id: &str, label: &str, polarity: &str, codes: &str, values: &[f64]) -> Result<(), JsValue> {
        let codes: Vec<&str> = if codes.is_empty() { Vec::new() } else { codes.split('\n').collect() };
        self.widget.add_figures(id, label, polarity, &codes, values).map_err(fail)
    }
}
