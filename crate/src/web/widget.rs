//! The browser face: `NeedsMap`, driven by the `<needs-map>` element in `www/needs-map.js`.
//!
//! The only module that touches web-sys. It keeps the atlas and the current scene. The
//! scene's areas are placed from a coarsened `mesh` (points in proportion to pixels), filled
//! into a `raster` of area numbers and put on the canvas as one image: a frame crosses into
//! JS a handful of times whatever the number of areas, re-shading repaints from the raster
//! without touching geometry, and hover reads one pixel. Borders, the selection and the
//! keyboard focus are canvas paths over it (smooth); borders come from the raster when there
//! are too many points to stroke within a frame. Exports draw the full-detail scene.
//!
//! GeoJSON (`boundaries=`) is not read here: `convert_web` turns it into a bundle in a
//! second, lazily loaded module, so pages with a bundle never download the GeoJSON reader.

use crate::draw::raster::Raster;
use crate::model::atlas::Atlas;
use crate::place::mesh::Detail;
use crate::scene::{Against, Scene, View};
use crate::style::classify::Method;
use crate::style::palette::BORDER;
use crate::{read::bundle, style::text};
use serde::Serialize;
use std::cell::RefCell;
use std::fmt::Write;
use wasm_bindgen::prelude::*;
use wasm_bindgen::Clamped;
use web_sys::{CanvasRenderingContext2d, ImageData, Path2d};

/// Up to this many points, borders are stroked as one smooth canvas path (a few
/// milliseconds in software rendering); beyond, the raster draws them.
const SMOOTH_BORDERS: usize = 12_000;

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

#[derive(Serialize)]
struct IndicatorInfo<'a> {
    id: &'a str,
    label: &'a str,
    unit: &'a str,
    polarity: crate::model::atlas::Polarity,
    layer: &'a str,
    #[serde(rename = "layerLabel")]
    layer_label: &'a str,
    period: &'a str,
    source: &'a str,
    description: &'a str,
    /// The strategy framework's component, and its words for the picker's groups.
    framework: &'a str,
    #[serde(rename = "frameworkLabel")]
    framework_label: &'a str,
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
    status: crate::derive::postcode::Status,
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
    kind: &'static str,
    note: String,
}

#[derive(Serialize)]
struct LegendRow {
    color: String,
    label: String,
    count: usize,
    pattern: &'static str,
}

#[derive(Serialize)]
struct PaletteInfo {
    id: &'static str,
    label: &'static str,
    diverging: bool,
    #[serde(rename = "colourBlindSafe")]
    colour_blind_safe: bool,
}

#[derive(Serialize)]
struct ProfileRow<'a> {
    id: &'a str,
    label: &'a str,
    unit: &'a str,
    decimals: u8,
    polarity: crate::model::atlas::Polarity,
    period: &'a str,
    value: Option<f64>,
    lower: Option<f64>,
    upper: Option<f64>,
    city: Option<f64>,
    england: Option<f64>,
    /// The lowest and highest values among the layer's areas.
    min: Option<f64>,
    max: Option<f64>,
    #[serde(rename = "valueText")]
    value_text: String,
    #[serde(rename = "cityText")]
    city_text: String,
    #[serde(rename = "englandText")]
    england_text: String,
    comparison: crate::derive::significance::Comparison,
    #[serde(rename = "comparisonText")]
    comparison_text: String,
    /// Every period's value for the area, oldest first (a trend where there are several).
    series: Vec<(&'a str, Option<f64>)>,
}

/// What the map shows besides plain classes.
#[derive(Clone, PartialEq)]
enum Mode {
    Choropleth,
    /// Compared with `NeedsMap::against`.
    Benchmark,
    Bivariate(String, String),
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
    /// Each shown layer's outlines and their coarser copies (see `mesh`), by layer id. Once
    /// a layer has its mesh, the atlas lets go of that layer's own geometry: the mesh holds
    /// the same points in half the memory, and exports, the keyboard and services use it.
    details: Vec<(String, Detail)>,
    /// The scene as area numbers at device pixels: the picture and the hover index.
    raster: Raster,
    /// The painted picture (RGBA), put on the canvas whole.
    pixels: Vec<u32>,
    /// Device pixels per CSS pixel of the canvas.
    ratio: f64,
    /// Whether `resize` has given the map its size: until then a scene is shaded but not
    /// placed (placing a large layer at a guessed size is work thrown away).
    sized: bool,
    /// Whether the scene's shapes have their rings (see `outline`).
    outlined: bool,
    /// Borders as one canvas path when there are few enough points to stroke them smoothly
    /// within a frame; else the raster paints them.
    borders: Option<Path2d>,
    /// Service kinds drawn, and the service ringed as highlighted ("gp:3").
    shown_services: Vec<String>,
    /// Kind id and index of the ringed service.
    highlight: Option<(String, usize)>,
    /// Neighbours of the shown layer's areas (by index), computed on first use.
    neighbours: Option<(String, Vec<Vec<usize>>)>,
    mode: Mode,
    /// What benchmark mode compares with when it is next chosen.
    against: Against,
}

impl NeedsMap {
    /// A map of `atlas` showing `layer`, unsized until `resize`.
    fn showing(atlas: Atlas, layer: String) -> NeedsMap {
        NeedsMap {
            atlas,
            indicator: None,
            layer,
            view: View { outlines: false, ..View::new(300.0, 300.0) },
            selected: None,
            scene: None,
            details: Vec::new(),
            raster: Raster::default(),
            pixels: Vec::new(),
            ratio: 1.0,
            sized: false,
            borders: None,
            outlined: false,
            neighbours: None,
            shown_services: vec![],
            highlight: None,
            mode: Mode::Choropleth,
            against: Against::England,
        }
    }
}

impl NeedsMap {
    /// Makes `id` the shown indicator, switching layer (and dropping the selection and zoom)
    /// when it is on another; the caller rebuilds the scene.
    fn switch_to(&mut self, id: &str) -> Result<(), JsError> {
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
        Ok(())
    }

    /// The scene of the current indicator, mode and selection in `view`.
    fn scene_in(&self, view: &View) -> Result<Scene, JsError> {
        let sel = self.selected.as_deref();
        match (&self.indicator, &self.mode) {
            (Some(id), Mode::Choropleth) => Scene::build(&self.atlas, id, view, sel),
            (Some(id), Mode::Benchmark) => Scene::benchmark(&self.atlas, id, view, sel, self.against),
            (Some(_), Mode::Bivariate(a, b)) => Scene::bivariate(&self.atlas, a, b, view, sel),
            (None, _) => Scene::boundaries(&self.atlas, &self.layer, view, sel),
        }
        .map_err(err)
    }

    /// Longitude/latitude at the middle of the drawn view.
    fn view_centre(&self) -> Option<[f64; 2]> {
        self.scene.as_ref().map(|s| s.projection.to_lonlat([s.width / 2.0, s.height / 2.0]))
    }
}

fn err(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// A value as a JavaScript object, by way of JSON: one `JSON.parse` of a string is many
/// times faster than building the objects property by property across the wasm boundary
/// (England's 6,826 areas: a few milliseconds instead of about 35). `None` arrives as `null`.
fn to_js(value: &impl Serialize) -> Result<JsValue, JsError> {
    let text = serde_json::to_string(value).map_err(err)?;
    js_sys::JSON::parse(&text).map_err(|_| err("the browser could not read the map's answer"))
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

    /// A map of the areas the GeoJSON converter read from `file` (see
    /// `convert_web::Outlines`): `names` holds each area's code then its name, back to
    /// back, and `ends` where each of those ends (in bytes); `extent` is `[west, south,
    /// east, north]` and the mesh's origin (Mercator x, y); `index` the mesh's area starts
    /// then its ring starts (see `Mesh::from_parts`). Plain arrays rather than a bundle: no
    /// JSON to read on the page's thread.
    #[wasm_bindgen(js_name = fromOutlines)]
    pub fn from_outlines(
        file: &str,
        names: &str,
        ends: &[u32],
        extent: &[f64],
        xy: Vec<f32>,
        mut index: Vec<u32>,
    ) -> Result<NeedsMap, JsError> {
        let broken = || err(format!("{file}: the converter's names do not match its outlines; reload the page"));
        let mut from = 0;
        let mut texts = ends.iter().map(|&end| {
            let t = names.get(from..end as usize).map(str::to_string);
            from = end as usize;
            t
        });
        let mut areas = Vec::with_capacity(ends.len() / 2);
        while let Some(code) = texts.next() {
            let (Some(code), Some(Some(name))) = (code, texts.next()) else { return Err(broken()) };
            areas.push(crate::model::atlas::Area { code, name, geometry: Vec::new() });
        }
        if areas.is_empty() || from != names.len() {
            return Err(broken());
        }
        let &[w, s, e, n, ox, oy] = extent else { return Err(broken()) };
        let rings = index.split_off((areas.len() + 1).min(index.len()));
        let mesh = crate::place::mesh::Mesh::from_parts([ox, oy], xy, rings, index).map_err(err)?;
        let mut atlas = Atlas::default();
        atlas.meta.title = file.to_string();
        atlas.layers.push(crate::model::atlas::Layer { id: "areas".into(), label: "Areas".into(), noun: "areas".into(), areas });
        let mut map = NeedsMap::showing(atlas, "areas".into());
        map.details = vec![("areas".into(), Detail::from_mesh(mesh, crate::model::geometry::Bounds { min: [w, s], max: [e, n] }))];
        Ok(map)
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
                framework: i.framework.as_deref().unwrap_or(""),
                framework_label: crate::model::atlas::FRAMEWORK
                    .iter()
                    .find(|(id, _)| Some(*id) == i.framework.as_deref())
                    .map_or("Other indicators", |(_, l)| l),
            })
            .collect();
        to_js(&list)
    }

    /// Shows an indicator (and its layer). Errors name the indicators there are.
    #[wasm_bindgen(js_name = setIndicator)]
    pub fn set_indicator(&mut self, id: &str) -> Result<(), JsError> {
        self.switch_to(id)?;
        if matches!(self.mode, Mode::Bivariate(..)) {
            self.mode = Mode::Choropleth;
        }
        self.rebuild(false)
    }

    /// Adds (or replaces) an indicator of the page's own figures on the shown layer, from
    /// codes (one per line) and values in step (`polarity`: "higher-worse", "higher-better"
    /// or "neutral").
    /// A code that is not on the layer is an error naming it; areas left out show "no data".
    #[wasm_bindgen(js_name = addIndicator)]
    pub fn add_indicator(&mut self, id: &str, label: &str, polarity: &str, codes: &str, values: &[f64]) -> Result<(), JsError> {
        let codes: Vec<&str> = if codes.is_empty() { Vec::new() } else { codes.split('\n').collect() };
        use crate::model::atlas::{Estimate, Indicator, Polarity, Series};
        let polarity = match polarity {
            "higher-worse" => Polarity::HigherWorse,
            "higher-better" => Polarity::HigherBetter,
            "neutral" | "" => Polarity::Neutral,
            p => return Err(err(format!("polarity \"{p}\" is not one of higher-worse, higher-better, neutral"))),
        };
        if codes.len() != values.len() {
            return Err(err(format!("{} codes but {} values: give one value per code", codes.len(), values.len())));
        }
        let layer = self.atlas.layer(&self.layer).ok_or_else(|| err("no layer is shown"))?;
        // Codes in the layer's order (as `areas()` lists them) need no search.
        let in_order = codes.len() <= layer.areas.len() && codes.iter().zip(&layer.areas).all(|(c, a)| *c == a.code);
        if !in_order {
            let mut known: Vec<&str> = layer.areas.iter().map(|a| a.code.as_str()).collect();
            known.sort_unstable();
            if let Some(c) = codes.iter().find(|c| known.binary_search(c).is_err()) {
                return Err(err(format!("\"{c}\" is not an area of the {} layer; check the codes of indicator \"{id}\"", self.layer)));
            }
        }
        let values =
            codes.into_iter().zip(values).filter(|(_, v)| v.is_finite()).map(|(c, v)| (c.to_string(), Estimate::point(*v))).collect();
        let ind = Indicator {
            id: id.into(),
            label: label.into(),
            unit: String::new(),
            polarity,
            layer: self.layer.clone(),
            decimals: 1,
            description: String::new(),
            source: "figures given by this page".into(),
            rank_word: None,
            significance_level: 95.0,
            short: None,
            framework: None,
            series: vec![Series { period: String::new(), values, england: None, city: None }],
        };
        self.atlas.indicators.retain(|i| i.id != id);
        self.atlas.indicators.push(ind);
        Ok(())
    }

    /// The indicator shown, if any.
    pub fn indicator(&self) -> Option<String> {
        self.indicator.clone()
    }

    /// The layer shown.
    pub fn layer(&self) -> String {
        self.layer.clone()
    }

    /// Classification (`quantile` | `equal` | `jenks` | `custom` | `benchmark`), number of
    /// classes (3 to 9) and, for `custom`, the upper bounds ("10,20,30").
    #[wasm_bindgen(js_name = setClassification)]
    pub fn set_classification(&mut self, method: &str, classes: usize, breaks: Option<String>) -> Result<(), JsError> {
        if method == "benchmark" {
            self.mode = Mode::Benchmark;
            return self.rebuild(false);
        }
        let m = Method::parse(method)
            .ok_or_else(|| err(format!("classification \"{method}\" is not one of: quantile, equal, jenks, custom, benchmark")))?;
        if !(3..=9).contains(&classes) {
            return Err(err(format!("classes must be from 3 to 9, not {classes}")));
        }
        if m == Method::Custom {
            let text = breaks.unwrap_or_default();
            let parsed: Result<Vec<f64>, _> = text.split(',').map(|b| serde_json::from_str::<f64>(b.trim())).collect();
            match parsed {
                Ok(b) if !b.is_empty() && b.len() <= 9 && b.windows(2).all(|w| w[0] < w[1]) && b.iter().all(|v| v.is_finite()) => {
                    self.view.custom = b
                }
                _ => {
                    return Err(err(format!(
                        "custom breaks \"{text}\" are not 1 to 9 numbers in ascending order separated by commas (for example \"10,20,30\")"
                    )))
                }
            }
        }
        self.view.method = m;
        self.view.classes = classes;
        if self.mode == Mode::Benchmark {
            self.mode = Mode::Choropleth;
        }
        self.rebuild(false)
    }

    /// The classification in use, as the attribute spells it.
    pub fn classification(&self) -> String {
        match self.mode {
            Mode::Benchmark => "benchmark".into(),
            _ => self.view.method.name().0.into(),
        }
    }

    /// Compares with England (`england`) or the city (`city`) in benchmark mode.
    #[wasm_bindgen(js_name = setBenchmark)]
    pub fn set_benchmark(&mut self, against: &str) -> Result<(), JsError> {
        let a = match against {
            "england" => Against::England,
            "city" => Against::City,
            _ => return Err(err(format!("benchmark \"{against}\" is not one of: england, city"))),
        };
        self.against = a;
        match self.mode {
            Mode::Benchmark => self.rebuild(false),
            _ => Ok(()),
        }
    }

    /// A palette by id (`None` for the polarity's default). Errors list the ids.
    #[wasm_bindgen(js_name = setPalette)]
    pub fn set_palette(&mut self, id: Option<String>) -> Result<(), JsError> {
        if let Some(p) = &id {
            let s = crate::style::palette::scheme(p).ok_or_else(|| {
                let ids: Vec<&str> = crate::style::palette::SCHEMES.iter().map(|s| s.id).collect();
                err(format!("palette \"{p}\" is not one of: {}", ids.join(", ")))
            })?;
            self.view.palette = Some(s.id.to_string());
        } else {
            self.view.palette = None;
        }
        self.rebuild(false)
    }

    /// `[{id, label, diverging, colourBlindSafe}]`.
    pub fn palettes(&self) -> Result<JsValue, JsError> {
        let list: Vec<PaletteInfo> = crate::style::palette::SCHEMES
            .iter()
            .map(|s| PaletteInfo { id: s.id, label: s.label, diverging: s.diverging, colour_blind_safe: s.colour_blind_safe })
            .collect();
        to_js(&list)
    }

    /// `choropleth`, or `bivariate` with "id1,id2" (both on one layer).
    #[wasm_bindgen(js_name = setBivariate)]
    pub fn set_bivariate(&mut self, pair: Option<String>) -> Result<(), JsError> {
        let Some(pair) = pair else {
            self.mode = Mode::Choropleth;
            return self.rebuild(false);
        };
        let (a, b) = pair.split_once(',').ok_or_else(|| err(format!("bivariate \"{pair}\" should be two indicator ids, \"id1,id2\"")))?;
        let (a, b) = (a.trim().to_string(), b.trim().to_string());
        self.switch_to(&a)?;
        let previous = std::mem::replace(&mut self.mode, Mode::Bivariate(a, b));
        self.rebuild(false).inspect_err(|_| self.mode = previous)
    }

    /// Builds the need index from "id:weight,..." and shows it. Returns its indicator id.
    #[wasm_bindgen(js_name = setNeedIndex)]
    pub fn set_need_index(&mut self, spec: &str) -> Result<String, JsError> {
        let weights = crate::derive::need::parse(spec).map_err(err)?;
        let id = crate::derive::need::install(&mut self.atlas, &weights).map_err(err)?;
        self.mode = Mode::Choropleth;
        self.switch_to(id)?;
        self.rebuild(false)?;
        Ok(id.to_string())
    }

    /// The mode shown: `choropleth`, `bivariate` or `need`.
    pub fn mode(&self) -> String {
        match (&self.mode, self.indicator.as_deref()) {
            (Mode::Bivariate(..), _) => "bivariate".into(),
            (_, Some(crate::derive::need::ID)) => "need".into(),
            _ => "choropleth".into(),
        }
    }

    /// Sets the size of the map in CSS pixels, and the device pixels per CSS pixel of its
    /// canvas (`devicePixelRatio`; default 1).
    pub fn resize(&mut self, width: f64, height: f64, ratio: Option<f64>) -> Result<(), JsError> {
        self.view.width = width.max(1.0);
        self.view.height = height.max(1.0);
        self.ratio = ratio.filter(|r| r.is_finite() && *r > 0.0).unwrap_or(1.0);
        self.sized = true;
        self.rebuild(true)
    }

    /// Gives the scene's shapes their rings, for what needs more than the raster (area
    /// centres for the keyboard and zooming): once per view, when first asked.
    fn outline(&mut self) {
        let i = self.details.iter().position(|(l, _)| *l == self.layer);
        if let (Some(scene), Some(i), false) = (&mut self.scene, i, self.outlined) {
            self.details[i].1.at(&scene.projection).outline(scene);
            self.outlined = true;
        }
    }

    /// The shown layer's full-detail mesh, once the map has been drawn.
    fn full_mesh(&self) -> Option<&crate::place::mesh::Mesh> {
        self.details.iter().find(|(l, _)| *l == self.layer).map(|(_, d)| d.full())
    }

    /// Where the shown layer's mesh is in `details`, made (and the atlas's geometry of the
    /// layer dropped) on first use.
    fn layer_mesh(&mut self) -> Result<usize, JsError> {
        let i = match self.details.iter().position(|(l, _)| *l == self.layer) {
            Some(i) => i,
            None => {
                let layer = self.atlas.layers.iter_mut().find(|l| l.id == self.layer);
                let layer = layer.ok_or_else(|| err(format!("there is no layer \"{}\" in this bundle", self.layer)))?;
                let detail = Detail::new(layer);
                for a in &mut layer.areas {
                    a.geometry = Vec::new();
                }
                self.details.push((self.layer.clone(), detail));
                self.details.len() - 1
            }
        };
        Ok(i)
    }

    /// A new scene for the current state. Re-shading keeps the outlines, the raster and the
    /// borders and only repaints; a new view or layer places and rasterises them again.
    fn rebuild(&mut self, geometry_changed: bool) -> Result<(), JsError> {
        let i = self.layer_mesh()?;
        let extent = self.details[i].1.extent();
        self.view.extent = Some(extent);
        // A new view of the same layer keeps the shading (classes, legend): only where the
        // areas fall changes (stale rings are replaced when next placed).
        let reuse = geometry_changed && self.scene.as_ref().is_some_and(|s| s.layer == self.layer);
        let mut scene = match self.scene.take() {
            Some(mut s) if reuse => {
                s.projection = self.view.projection(&extent);
                (s.width, s.height) = (self.view.width, self.view.height);
                s
            }
            old => {
                self.scene = old;
                self.scene_in(&self.view)?
            }
        };
        if !self.sized {
            self.scene = Some(scene);
            return Ok(());
        }
        // New shading in the same view keeps where the areas fall (bounds, rings, raster).
        let old = self.scene.take().filter(|s| !geometry_changed && s.layer == scene.layer);
        if let Some(old) = old {
            for (new, old) in scene.shapes.iter_mut().zip(old.shapes) {
                (new.rings, new.bounds) = (old.rings, old.bounds);
            }
        } else {
            let mesh = self.details[i].1.at(&scene.projection);
            mesh.place_bounds(&mut scene);
            // A view of the same layer at the same size and scale moves the picture it has.
            let (w, h, r) = (scene.width, scene.height, self.ratio);
            let moved = if reuse { self.raster.pan(mesh, &scene.projection, w, h, r) } else { None };
            let points = moved.unwrap_or_else(|| self.raster.draw(mesh, &scene.projection, w, h, r));
            self.outlined = points <= SMOOTH_BORDERS;
            self.borders = if self.outlined {
                mesh.outline(&mut scene);
                Some(path_of(scene.shapes.iter().flat_map(|s| &s.rings))?)
            } else {
                None
            };
        }
        self.raster.paint(&scene, if self.borders.is_some() { None } else { Some(BORDER) }, &mut self.pixels);
        self.scene = Some(scene);
        Ok(())
    }

    /// Paints the current scene. `dpr` is the device pixel ratio (the canvas backing store
    /// is `dpr` times the CSS size); `focus` is the code of the keyboard-focused area.
    pub fn draw(&self, ctx: &CanvasRenderingContext2d, dpr: f64, focus: Option<String>) -> Result<(), JsError> {
        let Some(scene) = self.scene.as_ref().filter(|_| self.sized) else {
            return Ok(());
        };
        // The picture replaces every pixel (transparent outside the areas).
        let (w, h) = self.raster.size();
        ctx.put_image_data(&image_of(&self.pixels, w, h)?, 0.0, 0.0)
            .map_err(|_| err("the canvas refused the map's image (is it the map's size?)"))?;
        ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0).map_err(|_| err("canvas transform failed"))?;
        ctx.set_line_join("round");
        if let Some(p) = &self.borders {
            ctx.set_stroke_style_str(&BORDER.hex());
            ctx.set_line_width(0.75);
            ctx.stroke_with_path(p);
        }
        if let Some(i) = scene.selected {
            ctx.set_stroke_style_str("#0b0c0c");
            ctx.set_line_width(3.0);
            ctx.stroke_with_path(&self.area_path(i, &scene.projection)?);
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
                    focus_ring(ctx, &ring);
                }
            }
        }
        if let Some(i) = focus.and_then(|c| scene.shapes.iter().position(|s| s.code == c)) {
            focus_ring(ctx, &self.area_path(i, &scene.projection)?);
        }
        Ok(())
    }

    /// An area's outline at full detail, for the selection and focus rings.
    fn area_path(&self, area: usize, projection: &crate::place::project::Projection) -> Result<Path2d, JsError> {
        let mesh = self.full_mesh().ok_or_else(|| err("no map is drawn yet"))?;
        path_for(&mesh.rings_in(area, projection))
    }

    /// The area code under a point in CSS pixels.
    pub fn pick(&self, x: f64, y: f64) -> Option<String> {
        let scene = self.scene.as_ref()?;
        self.raster.area_at(x, y).map(|i| scene.shapes[i].code.clone())
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
        to_js(&list)
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
        to_js(&rows)
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
            entries: l
                .entries
                .into_iter()
                .map(|e| LegendRow { color: e.color.hex(), label: e.label, count: e.count, pattern: e.pattern.name() })
                .collect(),
            kind: if l.kind.is_empty() { "classes" } else { l.kind },
            note: l.note,
        };
        to_js(&info)
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
        let dir = crate::place::neighbours::Direction::parse(direction)?;
        if self.neighbours.as_ref().is_none_or(|(l, _)| *l != self.layer) {
            let i = self.layer_mesh().ok()?;
            self.neighbours = Some((self.layer.clone(), self.details[i].1.full().neighbours()));
        }
        self.outline();
        let scene = self.scene.as_ref()?;
        let from = scene.shapes.iter().position(|s| s.code == code)?;
        let nb = &self.neighbours.as_ref()?.1;
        crate::place::neighbours::step(&scene.shapes, nb, from, dir).map(|i| scene.shapes[i].code.clone())
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
    pub fn centre(&mut self, code: &str) -> Option<Vec<f64>> {
        self.outline();
        let s = self.scene.as_ref()?.shapes.iter().find(|s| s.code == code)?;
        Some(crate::place::neighbours::centre(s).to_vec())
    }

    /// Zooms by `factor` (1 shows the whole layer; 1 to 32) about an area's centre, or the
    /// middle of the view.
    #[wasm_bindgen(js_name = zoomBy)]
    pub fn zoom_by(&mut self, factor: f64, about: Option<String>) -> Result<(), JsError> {
        if about.is_some() {
            self.outline();
        }
        let Some(scene) = &self.scene else { return Ok(()) };
        let zoom = (self.view.zoom * factor).clamp(1.0, 32.0);
        let px = about
            .and_then(|c| scene.shapes.iter().find(|s| s.code == c))
            .map(crate::place::neighbours::centre)
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
        self.outline();
        let Some(scene) = &self.scene else { return Ok(false) };
        let Some(s) = scene.shapes.iter().find(|s| s.code == code) else { return Ok(false) };
        let b = s.bounds;
        if b.min[0] >= 0.0 && b.min[1] >= 0.0 && b.max[0] <= self.view.width && b.max[1] <= self.view.height {
            return Ok(false);
        }
        self.view.centre = Some(scene.projection.to_lonlat(crate::place::neighbours::centre(s)));
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
        to_js(&list)
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

    fn service(&self, key: &str) -> Option<(usize, &crate::model::atlas::ServiceKind, &crate::model::atlas::Service)> {
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
        let inside = area.as_ref().and_then(|c| layer.and_then(|l| l.index_of(c)));
        let mesh = self.full_mesh();
        let mut out = Vec::new();
        for k in self.atlas.services.iter().filter(|k| self.shown_services.contains(&k.id)) {
            for (i, p) in k.points.iter().enumerate() {
                let [x, y] = scene.projection.to_pixel(p.at);
                let keep = match (&area, inside) {
                    (Some(_), Some(a)) => mesh.is_some_and(|m| m.contains(a, p.at)),
                    (Some(_), None) => false,
                    (None, _) => x >= 0.0 && y >= 0.0 && x <= self.view.width && y <= self.view.height,
                };
                if keep {
                    out.push(ServiceRef { key: format!("{}:{i}", k.id), text: service_text(k, p), x, y });
                }
            }
        }
        to_js(&out)
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
        use crate::derive::postcode::Status;
        let (postcode, status, area) = match &self.atlas.postcodes {
            Some(ix) => ix.lookup(text, &self.layer),
            None => match crate::derive::postcode::normalise(text) {
                Some(pc) => (pc, Status::Unknown, None),
                None => (text.trim().to_string(), Status::Invalid, None),
            },
        };
        let layer = self.atlas.layer(&self.layer);
        let area = area.and_then(|i| layer.and_then(|l| l.areas.get(i))).map(|a| AreaRef { code: a.code.clone(), name: a.name.clone() });
        let mut message = crate::derive::postcode::answer(&postcode, status, area.as_ref().map(|a| a.name.as_str()));
        if self.atlas.postcodes.is_none() && status == Status::Unknown {
            message = format!("{postcode}: this map has no postcode index. Search for an area by name.");
        }
        to_js(&PostcodeAnswer { postcode, status, area, message })
    }

    /// Whether the bundle carries a postcode index.
    #[wasm_bindgen(js_name = hasPostcodes)]
    pub fn has_postcodes(&self) -> bool {
        self.atlas.postcodes.is_some()
    }

    /// The view's centre (longitude, latitude) and zoom, for links that reopen it.
    #[wasm_bindgen(js_name = viewState)]
    pub fn view_state(&self) -> Option<Vec<f64>> {
        let c = self.view_centre()?;
        Some(vec![c[0], c[1], self.view.zoom])
    }

    /// Restores a view saved by `viewState`.
    #[wasm_bindgen(js_name = setView)]
    pub fn set_view(&mut self, lon: f64, lat: f64, zoom: f64) -> Result<(), JsError> {
        if !(lon.is_finite() && lat.is_finite() && zoom.is_finite()) {
            return Err(err("the view in the link is not three numbers"));
        }
        self.view.zoom = zoom.clamp(1.0, 64.0);
        self.view.centre = if self.view.zoom == 1.0 { None } else { Some([lon, lat]) };
        self.rebuild(true)
    }

    /// The current view as a standalone SVG of `width` x `height`: title, map (with patterns),
    /// legend, source and attribution, all text as text.
    #[wasm_bindgen(js_name = toSvg)]
    pub fn to_svg(&self, width: u32, height: u32) -> Result<String, JsError> {
        Ok(crate::draw::export::svg(&self.export_scene(width, height)?, width, height))
    }

    /// The scene of the current view refitted to an export of `width` x `height`.
    fn export_scene(&self, width: u32, height: u32) -> Result<Scene, JsError> {
        let fit = crate::draw::export::view_for(width, height);
        let centre = self.view_centre().filter(|_| self.view.zoom > 1.0);
        let mut scene = self.scene_in(&View { width: fit.width, height: fit.height, centre, outlines: false, ..self.view.clone() })?;
        // Exports draw every point (the full-detail mesh), whatever the screen's level of detail.
        self.full_mesh().ok_or_else(|| err("no map is drawn yet"))?.outline(&mut scene);
        Ok(scene)
    }

    /// Draws the export picture (the same layout as `toSvg` and the command line's PNG) on a
    /// canvas of `width` x `height` CSS pixels, for `toPNG()`.
    #[wasm_bindgen(js_name = drawExport)]
    pub fn draw_export(&self, ctx: &CanvasRenderingContext2d, width: u32, height: u32, dpr: f64) -> Result<(), JsError> {
        let scene = self.export_scene(width, height)?;
        let l = crate::draw::export::layout(width, height);
        ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0).map_err(|_| err("canvas transform failed"))?;
        ctx.set_fill_style_str("#ffffff");
        ctx.fill_rect(0.0, 0.0, width as f64, height as f64);
        // The map as on screen (the raster's fills and patterns, at the export's density, from
        // every point of the data), then smooth borders and the selection over it.
        let mut raster = Raster::default();
        raster.draw(self.full_mesh().ok_or_else(|| err("no map is drawn yet"))?, &scene.projection, scene.width, scene.height, dpr);
        let mut px = Vec::new();
        raster.paint(&scene, None, &mut px);
        // putImageData replaces pixels rather than blending: white where there is no area.
        px.iter_mut().filter(|p| **p == 0).for_each(|p| *p = u32::MAX);
        let (w, h) = raster.size();
        ctx.put_image_data(&image_of(&px, w, h)?, l.map_origin.0 as f64 * dpr, l.map_origin.1 as f64 * dpr)
            .map_err(|_| err("the canvas refused the map's image"))?;
        ctx.save();
        ctx.translate(l.map_origin.0 as f64, l.map_origin.1 as f64).map_err(|_| err("canvas translate failed"))?;
        ctx.begin_path();
        ctx.rect(0.0, 0.0, l.map_size.0 as f64, l.map_size.1 as f64);
        ctx.clip();
        ctx.set_line_join("round");
        ctx.set_stroke_style_str(&BORDER.hex());
        ctx.set_line_width(0.75);
        ctx.stroke_with_path(&path_of(scene.shapes.iter().flat_map(|s| &s.rings))?);
        if let Some(i) = scene.selected {
            ctx.set_stroke_style_str("#0b0c0c");
            ctx.set_line_width(3.0);
            ctx.stroke_with_path(&path_for(&scene.shapes[i].rings)?);
        }
        ctx.restore();
        ctx.set_fill_style_str("#0b0c0c");
        ctx.set_font("18px sans-serif");
        ctx.set_text_baseline("top");
        let _ = ctx.fill_text(&scene.title, 10.0, 10.0);
        ctx.set_font("13px sans-serif");
        let (lx, mut ly) = (l.legend_origin.0 as f64, l.legend_origin.1 as f64);
        for e in &scene.legend.entries {
            ctx.set_fill_style_str(&e.color.hex());
            ctx.fill_rect(lx, ly, 22.0, 16.0);
            // The swatch's pattern on the same 6 px grid as the map's.
            ctx.set_fill_style_str(&crate::draw::export::PATTERN_INK.hex());
            for (x, y) in (0..22).flat_map(|x| (0..16).map(move |y| (x, y))).filter(|&(x, y)| e.pattern.inks(x, y, 6)) {
                ctx.fill_rect(lx + x as f64, ly + y as f64, 1.0, 1.0);
            }
            ctx.set_stroke_style_str(&BORDER.hex());
            ctx.set_line_width(1.0);
            ctx.stroke_rect(lx, ly, 22.0, 16.0);
            ctx.set_fill_style_str("#0b0c0c");
            let _ = ctx.fill_text(&format!("{} ({})", e.label, e.count), lx + 30.0, ly + 2.0);
            ly += 22.0;
        }
        ctx.set_font("10px sans-serif");
        ctx.set_fill_style_str("#505a5f");
        let mut y = l.attribution_y as f64;
        for line in crate::draw::export::footer(&scene, width) {
            let _ = ctx.fill_text(&line, 10.0, y);
            y += 12.0;
        }
        Ok(())
    }

    /// The shown indicator as tidy CSV (the columns `needsmap validate` and recipes read),
    /// with each area's name and its comparison with England.
    pub fn csv(&self) -> Result<String, JsError> {
        let ind = self.indicator.as_ref().and_then(|i| self.atlas.indicator(i)).ok_or_else(|| err("no indicator is shown"))?;
        let layer = self.atlas.layer(&ind.layer).ok_or_else(|| err("the indicator's layer is missing"))?;
        let series = ind.latest().ok_or_else(|| err("the indicator has no values"))?;
        let q = |t: &str| {
            if t.contains([',', '"', '\n', '\r']) || t.starts_with(['=', '+', '-', '@']) {
                // Quoted, and a leading formula character defused, so a spreadsheet shows text.
                let t = if t.starts_with(['=', '+', '-', '@']) { format!("'{t}") } else { t.to_string() };
                format!("\"{}\"", t.replace('"', "\"\""))
            } else {
                t.to_string()
            }
        };
        let num = |v: Option<f64>| v.map(|v| format!("{v}")).unwrap_or_default();
        let mut out = String::from("area_code,area_name,indicator,period,value,lower_ci,upper_ci,comparison_with_england\n");
        for a in &layer.areas {
            let e = series.values.get(&a.code);
            let cmp = e
                .zip(series.england)
                .map(|(e, b)| crate::derive::significance::compare(e, b.value, ind.polarity, ind.significance_level).phrase("England"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "{},{},{},{},{},{},{},{}",
                q(&a.code),
                q(&a.name),
                q(&ind.id),
                q(&series.period),
                num(e.map(|e| e.value)),
                num(e.and_then(|e| e.lower)),
                num(e.and_then(|e| e.upper)),
                q(&cmp)
            );
        }
        Ok(out)
    }

    /// Every indicator of the shown layer for one area, with the city, England, the range
    /// over the layer's areas and the comparison with England: the area profile.
    pub fn profile(&self, code: &str) -> Result<JsValue, JsError> {
        let layer = self.atlas.layer(&self.layer).ok_or_else(|| err("no layer"))?;
        if layer.index_of(code).is_none() {
            return Err(err(format!("there is no area \"{code}\" on the {} layer", self.layer)));
        }
        let rows: Vec<ProfileRow> = self
            .atlas
            .indicators
            .iter()
            .filter(|i| i.layer == self.layer && i.id != crate::derive::need::ID)
            .filter_map(|i| {
                let s = i.latest()?;
                let e = s.values.get(code);
                let all: Vec<f64> = s.values.values().map(|e| e.value).collect();
                let f = |v: Option<f64>| v.map_or("no data".to_string(), |v| text::format_value(v, i.decimals, &i.unit));
                let comparison = match (e, s.england) {
                    (Some(e), Some(b)) => crate::derive::significance::compare(e, b.value, i.polarity, i.significance_level),
                    _ => crate::derive::significance::Comparison::NotCompared,
                };
                Some(ProfileRow {
                    id: &i.id,
                    label: &i.label,
                    unit: &i.unit,
                    decimals: i.decimals,
                    polarity: i.polarity,
                    period: &s.period,
                    value: e.map(|e| e.value),
                    lower: e.and_then(|e| e.lower),
                    upper: e.and_then(|e| e.upper),
                    city: s.city.map(|c| c.value),
                    england: s.england.map(|c| c.value),
                    min: all.iter().copied().reduce(f64::min),
                    max: all.iter().copied().reduce(f64::max),
                    value_text: f(e.map(|e| e.value)),
                    city_text: f(s.city.map(|c| c.value)),
                    england_text: f(s.england.map(|c| c.value)),
                    comparison,
                    comparison_text: if comparison == crate::derive::significance::Comparison::NotCompared {
                        String::new()
                    } else {
                        comparison.phrase("England")
                    },
                    series: i.series.iter().map(|s| (s.period.as_str(), s.values.get(code).map(|e| e.value))).collect(),
                })
            })
            .collect();
        to_js(&rows)
    }

    /// Zooms so an area fills most of the view, centred on it.
    #[wasm_bindgen(js_name = zoomTo)]
    pub fn zoom_to(&mut self, code: &str) -> Result<(), JsError> {
        self.outline();
        let Some(scene) = &self.scene else { return Ok(()) };
        let Some(s) = scene.shapes.iter().find(|s| s.code == code) else { return Ok(()) };
        let (bw, bh) = ((s.bounds.max[0] - s.bounds.min[0]).max(1.0), (s.bounds.max[1] - s.bounds.min[1]).max(1.0));
        let fit = (self.view.width * 0.6 / bw).min(self.view.height * 0.6 / bh);
        self.view.zoom = (self.view.zoom * fit).clamp(1.0, 8.0);
        self.view.centre = Some(scene.projection.to_lonlat(crate::place::neighbours::centre(s)));
        self.rebuild(true)
    }

    /// The layer's plural noun ("wards").
    pub fn noun(&self) -> String {
        self.atlas.layer(&self.layer).map(|l| l.noun.clone()).unwrap_or_default()
    }
}

/// "significantly worse than England" for an area of the indicator's latest period.
fn comparison(ind: &crate::model::atlas::Indicator, code: &str) -> Option<String> {
    let s = ind.latest()?;
    text::england_comparison(ind, s.values.get(code)?, s.england.map(|b| b.value))
}

fn service_text(k: &crate::model::atlas::ServiceKind, p: &crate::model::atlas::Service) -> String {
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

/// An area's fill, and its pattern over it.
/// GOV.UK focus style round a path: yellow with a black edge, visible on every class colour.
fn focus_ring(ctx: &CanvasRenderingContext2d, p: &Path2d) {
    ctx.set_stroke_style_str("#ffdd00");
    ctx.set_line_width(5.0);
    ctx.stroke_with_path(p);
    ctx.set_stroke_style_str("#0b0c0c");
    ctx.set_line_width(2.0);
    ctx.stroke_with_path(p);
}

/// RGBA pixels (little-endian `u32`s, see `Raster::paint`) as canvas image data.
fn image_of(px: &[u32], w: usize, h: usize) -> Result<ImageData, JsError> {
    // SAFETY: any u32 is four valid bytes, and u8's alignment is 1.
    let bytes = unsafe { std::slice::from_raw_parts(px.as_ptr().cast::<u8>(), px.len() * 4) };
    ImageData::new_with_u8_clamped_array_and_sh(Clamped(bytes), w as u32, h as u32)
        .map_err(|_| err("the browser could not make the map's image"))
}

fn path_for(rings: &[Vec<[f32; 2]>]) -> Result<Path2d, JsError> {
    path_of(rings.iter())
}

/// One canvas path of many rings, built point by point (cheaper than formatting SVG text).
fn path_of<'a>(rings: impl Iterator<Item = &'a Vec<[f32; 2]>>) -> Result<Path2d, JsError> {
    let path = Path2d::new().map_err(|_| err("the browser could not build a canvas path"))?;
    for r in rings {
        for (i, p) in r.iter().enumerate() {
            if i == 0 {
                path.move_to(p[0] as f64, p[1] as f64);
            } else {
                path.line_to(p[0] as f64, p[1] as f64);
            }
        }
        path.close_path();
    }
    Ok(path)
}
