//! The browser face: `NeedsMap`, driven by the `<needs-map>` element in `www/needs-map.js`.
//!
//! The only module that touches web-sys. It keeps the atlas and the current scene, and
//! paints the scene on a canvas with `Path2D` and the even-odd rule (plotters' canvas
//! backend has no even-odd fill; native PNG/SVG draw the same scene, see `render`).
//! Paths are built once per view from SVG path strings, so a frame crosses into JS once per
//! area, not once per vertex, and re-shading only changes colours.

use crate::atlas::Atlas;
use crate::classify::Method;
use crate::load::{read_geojson, BoundaryOptions};
use crate::palette::BORDER;
use crate::scene::{Scene, View};
use crate::{bundle, pick, text};
use serde::Serialize;
use std::cell::RefCell;
use std::fmt::Write;
use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d, CanvasWindingRule, Path2d};

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

/// The largest bundle or boundary file the widget reads, in bytes: the element checks it
/// before downloading (Content-Length) and before handing the text over.
#[wasm_bindgen(js_name = maxInputBytes)]
pub fn max_input_bytes() -> f64 {
    bundle::MAX_BYTES as f64
}

/// The message of the last panic, once.
#[wasm_bindgen(js_name = takePanic)]
pub fn take_panic() -> Option<String> {
    LAST_PANIC.with(|p| p.borrow_mut().take())
}

#[derive(Serialize)]
struct IndicatorInfo<'a> {
    id: &'a str,
    label: &'a str,
    unit: &'a str,
    polarity: crate::atlas::Polarity,
    layer: &'a str,
    #[serde(rename = "layerLabel")]
    layer_label: &'a str,
    period: &'a str,
    source: &'a str,
    description: &'a str,
}

#[derive(Serialize)]
struct AreaInfo<'a> {
    code: &'a str,
    name: &'a str,
    value: Option<f64>,
    class: Option<usize>,
    color: String,
}

#[derive(Serialize)]
struct TableRow<'a> {
    code: &'a str,
    name: &'a str,
    value: Option<f64>,
    /// The value as read: "44.58", "42,465 people", "no data".
    #[serde(rename = "valueText")]
    value_text: String,
    rank: Option<usize>,
    #[serde(rename = "rankText")]
    rank_text: String,
    /// "significantly worse than England", or "" without an interval.
    comparison: String,
    class: Option<usize>,
    color: String,
}

#[derive(Serialize)]
struct KindInfo<'a> {
    id: &'a str,
    label: &'a str,
    shape: &'a str,
    color: &'static str,
    count: usize,
}

#[derive(Serialize)]
struct ServiceRef {
    key: String,
    text: String,
    x: f64,
    y: f64,
}

/// Symbol colours by kind order: dark enough for 3:1 against every class colour, with a
/// white halo; kinds differ by shape too.
const SERVICE_COLOURS: [&str; 4] = ["#1d70b8", "#00703c", "#4c2c92", "#0b0c0c"];

#[derive(Serialize)]
struct PostcodeAnswer {
    postcode: String,
    status: crate::postcode::Status,
    area: Option<AreaRef>,
    message: String,
}

#[derive(Serialize)]
struct AreaRef {
    code: String,
    name: String,
}

#[derive(Serialize)]
struct LegendInfo {
    title: String,
    entries: Vec<LegendRow>,
}

#[derive(Serialize)]
struct LegendRow {
    color: String,
    label: String,
    count: usize,
}

/// One map: its data, what it shows, and the canvas paths of the current view.
#[wasm_bindgen]
pub struct NeedsMap {
    atlas: Atlas,
    indicator: Option<String>,
    layer: String,
    view: View,
    selected: Option<String>,
    scene: Option<Scene>,
    paths: Vec<Path2d>,
    /// Service kinds drawn, and the service ringed as highlighted ("gp:3").
    shown_services: Vec<String>,
    /// Kind id and index of the ringed service.
    highlight: Option<(String, usize)>,
    /// Neighbours of the shown layer's areas (by index), computed on first use.
    neighbours: Option<(String, Vec<Vec<usize>>)>,
}

impl NeedsMap {
    /// A map of `atlas` showing `layer`, unsized until `resize`.
    fn showing(atlas: Atlas, layer: String) -> NeedsMap {
        NeedsMap {
            atlas,
            indicator: None,
            layer,
            view: View::new(300.0, 300.0),
            selected: None,
            scene: None,
            paths: vec![],
            neighbours: None,
            shown_services: vec![],
            highlight: None,
        }
    }
}

fn err(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

#[wasm_bindgen]
impl NeedsMap {
    /// Reads a bundle made by `needsmap prepare`.
    #[wasm_bindgen(js_name = fromBundle)]
    pub fn from_bundle(text: &str) -> Result<NeedsMap, JsError> {
        let atlas = bundle::from_json(text).map_err(err)?;
        if atlas.layers.iter().all(|l| l.areas.is_empty()) {
            return Err(err("the bundle has no areas to draw; check the recipe's boundary files"));
        }
        let layer = atlas.layers.iter().find(|l| !l.areas.is_empty()).map(|l| l.id.clone()).unwrap_or_default();
        Ok(NeedsMap::showing(atlas, layer))
    }

    /// Reads GeoJSON boundaries to draw without data.
    #[wasm_bindgen(js_name = fromGeoJson)]
    pub fn from_geojson(text: &str, file: &str, code_field: &str, name_field: &str) -> Result<NeedsMap, JsError> {
        let opts = BoundaryOptions { file, layer_id: "areas", label: "Areas", noun: "areas", code_field, name_field };
        let (layer, report) = read_geojson(text, &opts);
        if report.has_errors() {
            let lines: Vec<String> = report.errors().take(5).map(|p| p.to_string()).collect();
            let more = report.errors().count().saturating_sub(5);
            let tail = if more > 0 { format!(" (and {more} more)") } else { String::new() };
            return Err(err(format!("{}{tail}", lines.join("\n"))));
        }
        let mut atlas = Atlas::default();
        atlas.meta.title = file.to_string();
        atlas.layers.push(layer);
        Ok(NeedsMap::showing(atlas, "areas".into()))
    }

    /// `[{id, label, unit, polarity, layer, layerLabel, period, source, description}]`.
    pub fn indicators(&self) -> Result<JsValue, JsError> {
        let list: Vec<IndicatorInfo> = self
            .atlas
            .indicators
            .iter()
            .map(|i| IndicatorInfo {
                id: &i.id,
                label: &i.label,
                unit: &i.unit,
                polarity: i.polarity,
                layer: &i.layer,
                layer_label: self.atlas.layer(&i.layer).map(|l| l.label.as_str()).unwrap_or(""),
                period: i.period(),
                source: &i.source,
                description: &i.description,
            })
            .collect();
        serde_wasm_bindgen::to_value(&list).map_err(err)
    }

    /// Shows an indicator (and its layer). Errors name the indicators there are.
    #[wasm_bindgen(js_name = setIndicator)]
    pub fn set_indicator(&mut self, id: &str) -> Result<(), JsError> {
        let ind = self.atlas.indicator(id).ok_or_else(|| {
            let ids: Vec<&str> = self.atlas.indicators.iter().map(|i| i.id.as_str()).collect();
            err(format!("there is no indicator \"{id}\" in this bundle; it has: {}", ids.join(", ")))
        })?;
        if ind.layer != self.layer {
            self.selected = None;
            self.layer = ind.layer.clone();
            self.view.zoom = 1.0;
            self.view.centre = None;
        }
        self.indicator = Some(id.to_string());
        self.rebuild(false)
    }

    /// The indicator shown, if any.
    pub fn indicator(&self) -> Option<String> {
        self.indicator.clone()
    }

    /// The layer shown.
    pub fn layer(&self) -> String {
        self.layer.clone()
    }

    /// Classification (`quantile` | `equal`) and number of classes (3 to 9).
    #[wasm_bindgen(js_name = setClassification)]
    pub fn set_classification(&mut self, method: &str, classes: usize) -> Result<(), JsError> {
        self.view.method =
            Method::parse(method).ok_or_else(|| err(format!("classification \"{method}\" is not one of: quantile, equal")))?;
        if !(3..=9).contains(&classes) {
            return Err(err(format!("classes must be from 3 to 9, not {classes}")));
        }
        self.view.classes = classes;
        self.rebuild(false)
    }

    /// Sets the size of the map in CSS pixels.
    pub fn resize(&mut self, width: f64, height: f64) -> Result<(), JsError> {
        self.view.width = width.max(1.0);
        self.view.height = height.max(1.0);
        self.rebuild(true)
    }

    fn rebuild(&mut self, geometry_changed: bool) -> Result<(), JsError> {
        let scene = match &self.indicator {
            Some(id) => Scene::build(&self.atlas, id, &self.view, self.selected.as_deref()),
            None => Scene::boundaries(&self.atlas, &self.layer, &self.view, self.selected.as_deref()),
        }
        .map_err(err)?;
        let same_shapes =
            !geometry_changed && self.scene.as_ref().is_some_and(|s| s.layer == scene.layer) && self.paths.len() == scene.shapes.len();
        if !same_shapes {
            self.paths = scene.shapes.iter().map(|s| path_for(&s.rings)).collect::<Result<_, _>>()?;
        }
        self.scene = Some(scene);
        Ok(())
    }

    /// Paints the current scene. `dpr` is the device pixel ratio (the canvas backing store
    /// is `dpr` times the CSS size); `focus` is the code of the keyboard-focused area.
    pub fn draw(&self, ctx: &CanvasRenderingContext2d, dpr: f64, focus: Option<String>) -> Result<(), JsError> {
        let Some(scene) = &self.scene else {
            return Ok(());
        };
        ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0).map_err(|_| err("canvas transform failed"))?;
        ctx.clear_rect(0.0, 0.0, scene.width, scene.height);
        for (s, p) in scene.shapes.iter().zip(&self.paths) {
            ctx.set_fill_style_str(&s.fill.hex());
            ctx.fill_with_path_2d_and_winding(p, CanvasWindingRule::Evenodd);
        }
        ctx.set_line_join("round");
        ctx.set_stroke_style_str(&BORDER.hex());
        ctx.set_line_width(0.75);
        for p in &self.paths {
            ctx.stroke_with_path(p);
        }
        if let Some(i) = scene.selected {
            ctx.set_stroke_style_str("#0b0c0c");
            ctx.set_line_width(3.0);
            ctx.stroke_with_path(&self.paths[i]);
        }
        // Services over the areas: white halo, the kind's colour, a dark edge.
        for (ki, k) in self.atlas.services.iter().enumerate().filter(|(_, k)| self.shown_services.contains(&k.id)) {
            ctx.set_fill_style_str(SERVICE_COLOURS[ki % 4]);
            let ringed = self.highlight.as_ref().filter(|(kind, _)| *kind == k.id).map(|(_, i)| *i);
            for (i, p) in k.points.iter().enumerate() {
                let [x, y] = scene.projection.to_pixel(p.at);
                if x < -10.0 || y < -10.0 || x > scene.width + 10.0 || y > scene.height + 10.0 {
                    continue;
                }
                let sym = symbol(&k.shape, x, y)?;
                ctx.set_stroke_style_str("#ffffff");
                ctx.set_line_width(3.0);
                ctx.stroke_with_path(&sym);
                ctx.fill_with_path_2d(&sym);
                ctx.set_stroke_style_str("#0b0c0c");
                ctx.set_line_width(1.0);
                ctx.stroke_with_path(&sym);
                if ringed == Some(i) {
                    let ring = Path2d::new().map_err(|_| err("canvas path"))?;
                    let _ = ring.arc(x, y, 11.0, 0.0, std::f64::consts::TAU);
                    ctx.set_stroke_style_str("#ffdd00");
                    ctx.set_line_width(5.0);
                    ctx.stroke_with_path(&ring);
                    ctx.set_stroke_style_str("#0b0c0c");
                    ctx.set_line_width(2.0);
                    ctx.stroke_with_path(&ring);
                }
            }
        }
        if let Some(i) = focus.and_then(|c| scene.shapes.iter().position(|s| s.code == c)) {
            // GOV.UK focus style: yellow with a black edge, visible on every class colour.
            ctx.set_stroke_style_str("#ffdd00");
            ctx.set_line_width(5.0);
            ctx.stroke_with_path(&self.paths[i]);
            ctx.set_stroke_style_str("#0b0c0c");
            ctx.set_line_width(2.0);
            ctx.stroke_with_path(&self.paths[i]);
        }
        Ok(())
    }

    /// The area code under a point in CSS pixels.
    pub fn pick(&self, x: f64, y: f64) -> Option<String> {
        let scene = self.scene.as_ref()?;
        pick::pick(scene, [x, y]).map(|i| scene.shapes[i].code.clone())
    }

    /// Selects an area by code (`None` clears). Unknown codes are an error.
    pub fn select(&mut self, code: Option<String>) -> Result<(), JsError> {
        if let (Some(c), Some(scene)) = (&code, &self.scene) {
            if !scene.shapes.iter().any(|s| &s.code == c) {
                return Err(err(format!("there is no area \"{c}\" on the {} layer", self.layer)));
            }
        }
        self.selected = code;
        if let Some(scene) = &mut self.scene {
            scene.selected = self.selected.as_ref().and_then(|c| scene.shapes.iter().position(|s| &s.code == c));
        }
        Ok(())
    }

    pub fn selected(&self) -> Option<String> {
        self.selected.clone()
    }

    /// `[{code, name, value, class, color}]` for the shown indicator, in layer order.
    pub fn areas(&self) -> Result<JsValue, JsError> {
        let Some(scene) = &self.scene else {
            return Ok(JsValue::from(js_sys::Array::new()));
        };
        let list: Vec<AreaInfo> = scene
            .shapes
            .iter()
            .map(|s| AreaInfo { code: &s.code, name: &s.name, value: s.value, class: s.class, color: s.fill.hex() })
            .collect();
        serde_wasm_bindgen::to_value(&list).map_err(err)
    }

    /// One row per area for the table view: value, rank and comparison in words.
    #[wasm_bindgen(js_name = tableRows)]
    pub fn table_rows(&self) -> Result<JsValue, JsError> {
        let Some(scene) = &self.scene else { return Ok(JsValue::from(js_sys::Array::new())) };
        let ind = self.indicator.as_ref().and_then(|i| self.atlas.indicator(i));
        let noun = self.atlas.layer(&self.layer).map(|l| l.noun.as_str()).unwrap_or("areas");
        let all: Vec<f64> = scene.shapes.iter().filter_map(|s| s.value).collect();
        let rows: Vec<TableRow> = scene
            .shapes
            .iter()
            .map(|s| {
                let (value_text, rank, rank_text, comparison) = match (ind, s.value) {
                    (Some(ind), Some(v)) => {
                        let r = text::rank(v, &all, ind.polarity);
                        let series = ind.latest();
                        let cmp = series
                            .and_then(|se| {
                                se.values.get(&s.code).and_then(|e| text::england_comparison(ind, e, se.england.map(|b| b.value)))
                            })
                            .unwrap_or_default();
                        (
                            text::format_value(v, ind.decimals, &ind.unit),
                            Some(r),
                            text::rank_phrase(r, all.len(), ind.polarity, ind.rank_word.as_deref(), noun),
                            cmp,
                        )
                    }
                    _ => ("no data".to_string(), None, String::new(), String::new()),
                };
                TableRow {
                    code: &s.code,
                    name: &s.name,
                    value: s.value,
                    value_text,
                    rank,
                    rank_text,
                    comparison,
                    class: s.class,
                    color: s.fill.hex(),
                }
            })
            .collect();
        serde_wasm_bindgen::to_value(&rows).map_err(err)
    }

    /// Whether the shown indicator has confidence intervals (the table then shows a
    /// comparison column).
    #[wasm_bindgen(js_name = hasIntervals)]
    pub fn has_intervals(&self) -> bool {
        self.indicator
            .as_ref()
            .and_then(|i| self.atlas.indicator(i))
            .and_then(|i| i.latest())
            .is_some_and(|s| s.values.values().any(|e| e.lower.is_some()))
    }

    /// The shown indicator's label and unit, for table headers.
    #[wasm_bindgen(js_name = valueHeading)]
    pub fn value_heading(&self) -> String {
        match self.indicator.as_ref().and_then(|i| self.atlas.indicator(i)) {
            Some(i) if !i.unit.is_empty() => format!("{} ({}), {}", i.label, i.unit, i.period()),
            Some(i) => format!("{}, {}", i.label, i.period()),
            None => String::new(),
        }
    }

    /// The name of an area of the shown layer.
    #[wasm_bindgen(js_name = areaName)]
    pub fn area_name(&self, code: &str) -> Option<String> {
        self.scene.as_ref()?.shapes.iter().find(|s| s.code == code).map(|s| s.name.clone())
    }

    /// One line about an area: name, value with unit, rank (for tooltips and the live region).
    pub fn describe(&self, code: &str) -> Option<String> {
        let scene = self.scene.as_ref()?;
        let shape = scene.shapes.iter().find(|s| s.code == code)?;
        let layer = self.atlas.layer(&self.layer)?;
        let Some(ind) = self.indicator.as_ref().and_then(|i| self.atlas.indicator(i)) else {
            return Some(shape.name.clone());
        };
        let all: Vec<f64> = scene.shapes.iter().filter_map(|s| s.value).collect();
        let mut line = text::describe(&shape.name, ind, shape.value, &all, &layer.noun);
        if let Some(c) = comparison(ind, code) {
            line.push_str(", ");
            line.push_str(&c);
        }
        Some(line)
    }

    /// The detail line for a selected area: its description and the city and England values.
    pub fn detail(&self, code: &str) -> Option<String> {
        let mut s = self.describe(code)?;
        if let Some(ind) = self.indicator.as_ref().and_then(|i| self.atlas.indicator(i)) {
            if let Some(series) = ind.latest() {
                if let Some(e) = series.values.get(code) {
                    if let (Some(l), Some(u)) = (e.lower, e.upper) {
                        let _ = write!(
                            s,
                            " (95% CI {} to {})",
                            text::format_value(l, ind.decimals, ""),
                            text::format_value(u, ind.decimals, "")
                        );
                    }
                }
                if let Some(c) = series.city {
                    let _ = write!(s, ". {}: {}", self.atlas.meta.place.name, text::format_value(c.value, ind.decimals, &ind.unit));
                }
                if let Some(e) = series.england {
                    let _ = write!(s, ". England: {}", text::format_value(e.value, ind.decimals, &ind.unit));
                    if series.values.get(code).is_some_and(|v| v.lower.is_some()) {
                        let _ = write!(s, " (compared at the {}% level)", ind.significance_level);
                    }
                }
                let _ = write!(s, ". {} ({}).", ind.source, series.period);
            }
        }
        Some(s)
    }

    /// `{title, entries: [{color, label, count}]}`.
    pub fn legend(&self) -> Result<JsValue, JsError> {
        let l = self.scene.as_ref().map(|s| s.legend.clone()).unwrap_or_default();
        let info = LegendInfo {
            title: l.title,
            entries: l.entries.into_iter().map(|e| LegendRow { color: e.color.hex(), label: e.label, count: e.count }).collect(),
        };
        serde_wasm_bindgen::to_value(&info).map_err(err)
    }

    /// The map's title for the current indicator.
    pub fn title(&self) -> String {
        self.scene.as_ref().map(|s| s.title.clone()).unwrap_or_default()
    }

    pub fn attribution(&self) -> String {
        self.atlas.meta.attribution.clone()
    }

    #[wasm_bindgen(js_name = placeName)]
    pub fn place_name(&self) -> String {
        self.atlas.meta.place.name.clone()
    }

    #[wasm_bindgen(js_name = areaCount)]
    pub fn area_count(&self) -> usize {
        self.scene.as_ref().map(|s| s.shapes.len()).unwrap_or(0)
    }

    /// CSS-pixel position of a longitude/latitude in the current view (tests use it to
    /// sample the canvas at official points; the same projection draws PNG and SVG).
    pub fn project(&self, lon: f64, lat: f64) -> Option<Vec<f64>> {
        self.scene.as_ref().map(|s| s.projection.to_pixel([lon, lat]).to_vec())
    }

    /// The area next to `code` in a direction ("left", "right", "up", "down"): a neighbour
    /// sharing its border when one lies that way.
    pub fn step(&mut self, code: &str, direction: &str) -> Option<String> {
        let dir = crate::neighbours::Direction::parse(direction)?;
        if self.neighbours.as_ref().is_none_or(|(l, _)| *l != self.layer) {
            let layer = self.atlas.layer(&self.layer)?;
            self.neighbours = Some((self.layer.clone(), crate::neighbours::neighbours(layer)));
        }
        let scene = self.scene.as_ref()?;
        let from = scene.shapes.iter().position(|s| s.code == code)?;
        let nb = &self.neighbours.as_ref()?.1;
        crate::neighbours::step(&scene.shapes, nb, from, dir).map(|i| scene.shapes[i].code.clone())
    }

    /// The area with the highest (or lowest) value of the shown indicator.
    pub fn extreme(&self, highest: bool) -> Option<String> {
        let scene = self.scene.as_ref()?;
        let with: Vec<&crate::scene::Shape> = scene.shapes.iter().filter(|s| s.value.is_some()).collect();
        let pick = |a: &&&crate::scene::Shape, b: &&&crate::scene::Shape| a.value.unwrap().total_cmp(&b.value.unwrap());
        let s = if highest { with.iter().max_by(pick) } else { with.iter().min_by(pick) };
        s.map(|s| s.code.clone())
    }

    /// An area's centre in CSS pixels (where its tooltip goes when it has keyboard focus).
    pub fn centre(&self, code: &str) -> Option<Vec<f64>> {
        let s = self.scene.as_ref()?.shapes.iter().find(|s| s.code == code)?;
        Some(crate::neighbours::centre(s).to_vec())
    }

    /// Zooms by `factor` (1 shows the whole layer; 1 to 32) about an area's centre, or the
    /// middle of the view.
    #[wasm_bindgen(js_name = zoomBy)]
    pub fn zoom_by(&mut self, factor: f64, about: Option<String>) -> Result<(), JsError> {
        let Some(scene) = &self.scene else { return Ok(()) };
        let zoom = (self.view.zoom * factor).clamp(1.0, 32.0);
        let px = about
            .and_then(|c| scene.shapes.iter().find(|s| s.code == c))
            .map(crate::neighbours::centre)
            .unwrap_or([self.view.width / 2.0, self.view.height / 2.0]);
        self.view.centre = if zoom == 1.0 { None } else { Some(scene.projection.to_lonlat(px)) };
        self.view.zoom = zoom;
        self.rebuild(true)
    }

    /// Moves the view by `dx`, `dy` CSS pixels (drag to pan).
    #[wasm_bindgen(js_name = panBy)]
    pub fn pan_by(&mut self, dx: f64, dy: f64) -> Result<(), JsError> {
        let Some(scene) = &self.scene else { return Ok(()) };
        self.view.centre = Some(scene.projection.to_lonlat([self.view.width / 2.0 - dx, self.view.height / 2.0 - dy]));
        self.rebuild(true)
    }

    /// The whole layer again.
    #[wasm_bindgen(js_name = resetView)]
    pub fn reset_view(&mut self) -> Result<(), JsError> {
        self.view.zoom = 1.0;
        self.view.centre = None;
        self.rebuild(true)
    }

    pub fn zoom(&self) -> f64 {
        self.view.zoom
    }

    /// Pans so an area is in view when it is not; true when the view moved.
    #[wasm_bindgen(js_name = ensureVisible)]
    pub fn ensure_visible(&mut self, code: &str) -> Result<bool, JsError> {
        let Some(scene) = &self.scene else { return Ok(false) };
        let Some(s) = scene.shapes.iter().find(|s| s.code == code) else { return Ok(false) };
        let b = s.bounds;
        if b.min[0] >= 0.0 && b.min[1] >= 0.0 && b.max[0] <= self.view.width && b.max[1] <= self.view.height {
            return Ok(false);
        }
        self.view.centre = Some(scene.projection.to_lonlat(crate::neighbours::centre(s)));
        self.rebuild(true)?;
        Ok(true)
    }

    /// `[{id, label, shape, color, count}]` of the bundle's service kinds.
    #[wasm_bindgen(js_name = serviceKinds)]
    pub fn service_kinds(&self) -> Result<JsValue, JsError> {
        let list: Vec<KindInfo> = self
            .atlas
            .services
            .iter()
            .enumerate()
            .map(|(i, k)| KindInfo { id: &k.id, label: &k.label, shape: &k.shape, color: SERVICE_COLOURS[i % 4], count: k.points.len() })
            .collect();
        serde_wasm_bindgen::to_value(&list).map_err(err)
    }

    /// Which service kinds to draw.
    #[wasm_bindgen(js_name = setServices)]
    pub fn set_services(&mut self, ids: Vec<String>) {
        self.shown_services = ids;
        self.highlight = None;
    }

    /// Rings one service ("gp:3"), or none.
    #[wasm_bindgen(js_name = highlightService)]
    pub fn highlight_service(&mut self, key: Option<String>) {
        self.highlight = key.and_then(|k| {
            let (kind, i) = k.split_once(':')?;
            Some((kind.to_string(), i.parse().ok()?))
        });
    }

    fn service(&self, key: &str) -> Option<(usize, &crate::atlas::ServiceKind, &crate::atlas::Service)> {
        let (kind, i) = key.split_once(':')?;
        let (ki, k) = self.atlas.services.iter().enumerate().find(|(_, k)| k.id == kind)?;
        Some((ki, k, k.points.get(i.parse::<usize>().ok()?)?))
    }

    /// The shown services as `[{key, text, x, y}]`, where `x`, `y` are CSS pixels; within the
    /// view only unless `area` names an area, then those inside it.
    #[wasm_bindgen(js_name = shownServices)]
    pub fn shown_services(&self, area: Option<String>) -> Result<JsValue, JsError> {
        let Some(scene) = &self.scene else { return Ok(JsValue::from(js_sys::Array::new())) };
        let layer = self.atlas.layer(&self.layer);
        let inside = area.as_ref().and_then(|c| layer.and_then(|l| l.areas.iter().find(|a| &a.code == c)));
        let mut out = Vec::new();
        for k in self.atlas.services.iter().filter(|k| self.shown_services.contains(&k.id)) {
            for (i, p) in k.points.iter().enumerate() {
                let [x, y] = scene.projection.to_pixel(p.at);
                let keep = match (&area, inside) {
                    (Some(_), Some(a)) => crate::geometry::contains(&a.geometry, p.at),
                    (Some(_), None) => false,
                    (None, _) => x >= 0.0 && y >= 0.0 && x <= self.view.width && y <= self.view.height,
                };
                if keep {
                    out.push(ServiceRef { key: format!("{}:{i}", k.id), text: service_text(k, p), x, y });
                }
            }
        }
        serde_wasm_bindgen::to_value(&out).map_err(err)
    }

    /// The shown service within 8 CSS pixels of a point, nearest first: its key.
    #[wasm_bindgen(js_name = pickService)]
    pub fn pick_service(&self, x: f64, y: f64) -> Option<String> {
        let scene = self.scene.as_ref()?;
        let mut best: Option<(f64, String)> = None;
        for k in self.atlas.services.iter().filter(|k| self.shown_services.contains(&k.id)) {
            for (i, p) in k.points.iter().enumerate() {
                let [px, py] = scene.projection.to_pixel(p.at);
                let d = (px - x).hypot(py - y);
                if d <= 8.0 && best.as_ref().is_none_or(|b| d < b.0) {
                    best = Some((d, format!("{}:{i}", k.id)));
                }
            }
        }
        best.map(|b| b.1)
    }

    /// "GP practice: Foleshill Health Centre, Foleshill Road, Coventry, CV6 5AE".
    #[wasm_bindgen(js_name = serviceText)]
    pub fn service_text_of(&self, key: &str) -> Option<String> {
        self.service(key).map(|(_, k, p)| service_text(k, p))
    }

    /// Looks a postcode up in the bundle's index (nothing leaves the page):
    /// `{postcode, status, area: {code, name} | null, message}` for the shown layer.
    #[wasm_bindgen(js_name = findPostcode)]
    pub fn find_postcode(&self, text: &str) -> Result<JsValue, JsError> {
        use crate::postcode::Status;
        let (postcode, status, area) = match &self.atlas.postcodes {
            Some(ix) => ix.lookup(text, &self.layer),
            None => match crate::postcode::normalise(text) {
                Some(pc) => (pc, Status::Unknown, None),
                None => (text.trim().to_string(), Status::Invalid, None),
            },
        };
        let layer = self.atlas.layer(&self.layer);
        let area = area.and_then(|i| layer.and_then(|l| l.areas.get(i))).map(|a| AreaRef { code: a.code.clone(), name: a.name.clone() });
        let mut message = crate::postcode::answer(&postcode, status, area.as_ref().map(|a| a.name.as_str()));
        if self.atlas.postcodes.is_none() && status == Status::Unknown {
            message = format!("{postcode}: this map has no postcode index. Search for an area by name.");
        }
        serde_wasm_bindgen::to_value(&PostcodeAnswer { postcode, status, area, message }).map_err(err)
    }

    /// Whether the bundle carries a postcode index.
    #[wasm_bindgen(js_name = hasPostcodes)]
    pub fn has_postcodes(&self) -> bool {
        self.atlas.postcodes.is_some()
    }

    /// Zooms so an area fills most of the view, centred on it.
    #[wasm_bindgen(js_name = zoomTo)]
    pub fn zoom_to(&mut self, code: &str) -> Result<(), JsError> {
        let Some(scene) = &self.scene else { return Ok(()) };
        let Some(s) = scene.shapes.iter().find(|s| s.code == code) else { return Ok(()) };
        let (bw, bh) = ((s.bounds.max[0] - s.bounds.min[0]).max(1.0), (s.bounds.max[1] - s.bounds.min[1]).max(1.0));
        let fit = (self.view.width * 0.6 / bw).min(self.view.height * 0.6 / bh);
        self.view.zoom = (self.view.zoom * fit).clamp(1.0, 8.0);
        self.view.centre = Some(scene.projection.to_lonlat(crate::neighbours::centre(s)));
        self.rebuild(true)
    }

    /// The layer's plural noun ("wards").
    pub fn noun(&self) -> String {
        self.atlas.layer(&self.layer).map(|l| l.noun.clone()).unwrap_or_default()
    }
}

/// "significantly worse than England" for an area of the indicator's latest period.
fn comparison(ind: &crate::atlas::Indicator, code: &str) -> Option<String> {
    let s = ind.latest()?;
    text::england_comparison(ind, s.values.get(code)?, s.england.map(|b| b.value))
}

fn service_text(k: &crate::atlas::ServiceKind, p: &crate::atlas::Service) -> String {
    if p.address.is_empty() {
        format!("{}: {}, {}", k.singular, p.name, p.postcode)
    } else {
        format!("{}: {}, {}, {}", k.singular, p.name, p.address, p.postcode)
    }
}

/// A service symbol at (x, y): the shape tells the kind apart without colour.
fn symbol(shape: &str, x: f64, y: f64) -> Result<Path2d, JsError> {
    let p = Path2d::new().map_err(|_| err("the browser could not build a canvas path"))?;
    let r = 5.5;
    match shape {
        "square" => p.rect(x - r + 0.5, y - r + 0.5, 2.0 * r - 1.0, 2.0 * r - 1.0),
        "triangle" => {
            p.move_to(x, y - r - 1.0);
            p.line_to(x + r + 1.0, y + r);
            p.line_to(x - r - 1.0, y + r);
            p.close_path();
        }
        "diamond" => {
            p.move_to(x, y - r - 1.5);
            p.line_to(x + r + 1.5, y);
            p.line_to(x, y + r + 1.5);
            p.line_to(x - r - 1.5, y);
            p.close_path();
        }
        _ => {
            let _ = p.arc(x, y, r, 0.0, std::f64::consts::TAU);
        }
    }
    Ok(p)
}

fn path_for(rings: &[Vec<[f32; 2]>]) -> Result<Path2d, JsError> {
    let mut d = String::with_capacity(rings.iter().map(|r| r.len() * 14).sum());
    for r in rings {
        for (i, p) in r.iter().enumerate() {
            let _ = write!(d, "{}{:.2} {:.2}", if i == 0 { 'M' } else { 'L' }, p[0], p[1]);
        }
        d.push('Z');
    }
    Path2d::new_with_path_string(&d).map_err(|_| err("the browser could not build a canvas path"))
}
