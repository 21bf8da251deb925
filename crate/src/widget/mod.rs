//! The widget as plain Rust: the atlas it shows, its [`Settings`] (the one home of a
//! view's state), the picture of the current view and the answers the page asks for.
//! Native tests drive it as the browser does; `web::widget` only converts types.
//!
//! ```
//! use needs_map::widget::{settings::Change, Widget};
//! let mut w = Widget::from_bundle(include_str!("../../../data/coventry.json")).unwrap();
//! w.resize(960.0, 720.0, 1.0).unwrap();
//! w.set_view(vec![Change::Classes(3)]).unwrap();
//! let foleshill = w.areas().into_iter().find(|a| a.name == "Foleshill").unwrap();
//! assert_eq!((foleshill.value, foleshill.class), (Some(44.58), Some(2)));
//! assert_eq!(w.settings().classes, 3);
//! ```

pub mod answers;
#[cfg(feature = "cli")]
pub mod figure;
pub mod services;
pub mod settings;
pub mod summary;

use crate::derive::need;
use crate::draw::overlay::Overlay;
use crate::draw::raster::Raster;
use crate::model::atlas::{Atlas, Indicator, Layer};
use crate::model::geometry::Bounds;
use crate::place::label::{self, Anchor, Placed};
use crate::place::mesh::{Detail, Mesh};
use crate::place::neighbours::{self, Direction};
use crate::read::bundle;
use crate::scene::{Scene, Shape, View};
use crate::style::classify::Method;
use crate::style::palette::BORDER;
use settings::{Change, Classification, Mode, Settings};
use std::fmt;

/// Up to this many points (a council's wards or LSOAs), the map is drawn as paths: the
/// canvas fills each area and strokes the borders (a few milliseconds in software rendering)
/// and hover tests the areas' rings, so no full-frame buffers are kept. Beyond (a region,
/// England), the raster paints the picture and is the hover index.
const SMOOTH_BORDERS: usize = 12_000;

/// Why the widget cannot do what was asked: a sentence, and the problems behind it when
/// there are several (each names its file and feature).
#[derive(Debug, Clone, PartialEq)]
pub struct WidgetError {
    pub message: String,
    pub problems: Vec<String>,
}

impl WidgetError {
    pub fn new(message: impl Into<String>) -> WidgetError {
        WidgetError { message: message.into(), problems: Vec::new() }
    }
}

impl fmt::Display for WidgetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
impl std::error::Error for WidgetError {}

impl From<crate::read::bundle::BundleError> for WidgetError {
    fn from(e: crate::read::bundle::BundleError) -> Self {
        WidgetError::new(e.0)
    }
}

impl From<crate::scene::SceneError> for WidgetError {
    fn from(e: crate::scene::SceneError) -> Self {
        WidgetError::new(e.0)
    }
}

impl From<settings::SettingError> for WidgetError {
    fn from(e: settings::SettingError) -> Self {
        WidgetError::new(e.0)
    }
}

/// What a change of view asks the page to draw again, least first: nothing; the picture
/// (a pan or zoom); what is drawn over it and says what is selected (the selection, the
/// services); or everything (the shading, the legend, the table, the controls).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Redraw {
    Nothing = 0,
    Framing = 1,
    Overlay = 2,
    Everything = 3,
}

/// The map's size in CSS pixels, and device pixels per CSS pixel.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Size {
    width: f64,
    height: f64,
    ratio: f64,
}

/// A map: its data, its view, and the picture of that view.
pub struct Widget {
    atlas: Atlas,
    settings: Settings,
    /// `None` until the page gives the map its size: until then a scene is shaded but not
    /// placed (placing a large layer at a guessed size is work thrown away).
    size: Option<Size>,
    scene: Option<Scene>,
    /// Every layer's outlines and their coarser copies (see `mesh`), by layer id, from the
    /// start: the atlas holds no geometry of its own (a bundle is read straight into meshes,
    /// which hold the same points in half the memory), and exports, the keyboard and
    /// services use them.
    details: Vec<(String, Detail)>,
    /// The scene as area numbers at device pixels: the picture and the hover index (empty
    /// while the map is drawn as paths, see [`SMOOTH_BORDERS`]).
    raster: Raster,
    /// The painted picture (RGBA), put on the canvas whole (empty while drawn as paths).
    pixels: Vec<u32>,
    /// Whether the scene's shapes have their rings (see [`Widget::outlined`]).
    outlined: bool,
    /// Whether the borders are stroked over the picture (few points) or painted in it.
    smooth: bool,
    /// Whether the areas in view are too small for painted borders (see `rebuild`).
    crowded: bool,
    /// How many times the areas have been placed: one placing's borders are the same rings.
    placed: u64,
    /// Neighbours of the shown layer's areas (by index), computed on first use.
    neighbours: Option<(String, Vec<Vec<usize>>)>,
    /// The weights of the need index in the atlas, if one is.
    need: Option<Vec<(String, f64)>>,
    /// The change in the atlas, if one is: its indicator, periods and kind, and the areas
    /// not compared (their boundaries changed).
    change: Option<(String, String, crate::derive::change::Kind, Vec<String>)>,
    /// Outlines drawn over the map (see [`set_marks`](Self::set_marks)).
    marks: Option<Marks>,
    /// Where each area's name goes, in mesh units, for a layer and its mesh (by its points):
    /// found once, placed again for every view (see `place::label`).
    anchors: Option<(String, usize, Vec<Option<Anchor>>)>,
    /// Boxes of the view (left, top, right, bottom in CSS pixels) that the page covers with
    /// its own controls: no name is placed under them.
    covered: Vec<[f32; 4]>,
}

/// Whether an indicator is one the widget made from others (the need index, a change), not
/// one of the map's own.
pub(crate) fn derived(id: &str) -> bool {
    id == need::ID || id == crate::derive::change::ID
}

/// Outlines drawn over a layer: see [`Widget::set_marks`].
struct Marks {
    layer: String,
    xy: Vec<f32>,
    starts: Vec<u32>,
    picked: usize,
    alike: usize,
}

/// The scene with every shape's rings and bounds in place: what reads more than the
/// raster (area centres, the keyboard's moves, zooming to an area) takes this, which only
/// [`Widget::outlined`] gives.
pub struct Outlined<'a> {
    scene: &'a Scene,
}

impl<'a> Outlined<'a> {
    pub fn scene(&self) -> &'a Scene {
        self.scene
    }
    /// The shape of an area by code.
    pub fn shape(&self, code: &str) -> Option<&'a Shape> {
        self.scene.shapes.iter().find(|s| s.code == code)
    }
    /// An area's centre in CSS pixels: where its tooltip goes and the keyboard measures from.
    pub fn centre(&self, shape: &Shape) -> [f64; 2] {
        neighbours::centre(shape)
    }
}

impl Widget {
    /// A map of `atlas`, showing the layer of its first indicator (or its first layer with
    /// areas), unsized until [`resize`](Self::resize).
    pub fn new(mut atlas: Atlas) -> Result<Widget, WidgetError> {
        // Each layer's outlines, and the atlas lets go of the same points as longitude/latitude.
        let details = atlas
            .layers
            .iter_mut()
            .map(|l| {
                let d = Detail::new(l);
                l.areas.iter_mut().for_each(|a| a.geometry = Vec::new());
                (l.id.clone(), d)
            })
            .collect();
        Widget::with_details(atlas, details)
    }

    /// A map of `atlas` whose layers' outlines (`details`, by layer id) were read already.
    fn with_details(atlas: Atlas, details: Vec<(String, Detail)>) -> Result<Widget, WidgetError> {
        let first = atlas.indicators.iter().find(|i| atlas.layer(&i.layer).is_some_and(|l| !l.areas.is_empty()));
        let layer = match first {
            Some(i) => i.layer.clone(),
            None => atlas
                .layers
                .iter()
                .find(|l| !l.areas.is_empty())
                .map(|l| l.id.clone())
                .ok_or_else(|| WidgetError::new("the bundle has no areas to draw; check the recipe's boundary files"))?,
        };
        let settings = Settings::new(layer, first.map(|i| i.id.clone()));
        let mut w = Widget {
            atlas,
            settings,
            size: None,
            scene: None,
            details,
            raster: Raster::default(),
            pixels: Vec::new(),
            outlined: false,
            smooth: false,
            crowded: false,
            placed: 0,
            neighbours: None,
            need: None,
            change: None,
            marks: None,
            anchors: None,
            covered: Vec::new(),
        };
        w.rebuild(true, true)?;
        Ok(w)
    }

    /// Reads a bundle made by `needsmap prepare`: its layers straight into their outlines
    /// (see [`bundle::from_json_meshed`]).
    pub fn from_bundle(text: &str) -> Result<Widget, WidgetError> {
        let (atlas, meshes) = bundle::from_json_meshed(text)?;
        let details = meshes.into_iter().map(|(id, mesh, extent)| (id, Detail::from_mesh(mesh, extent))).collect();
        Widget::with_details(atlas, details)
    }

    /// A map whose outlines were read elsewhere (the GeoJSON converter): the atlas without
    /// geometry (one layer: the areas' codes and names, and any figures of the page's own),
    /// and the areas' projected rings.
    pub fn from_outlines(atlas: Atlas, mesh: Mesh, extent: Bounds) -> Result<Widget, WidgetError> {
        let count = atlas.layers.first().map_or(0, |l| l.areas.len());
        if atlas.layers.len() != 1 || count != mesh.area_count() || count == 0 {
            return Err(WidgetError::new(format!(
                "{}: the converter's names do not match its outlines; reload the page",
                atlas.meta.title
            )));
        }
        let id = atlas.layers[0].id.clone();
        Widget::with_details(atlas, vec![(id, Detail::from_mesh(mesh, extent))])
    }

    pub fn atlas(&self) -> &Atlas {
        &self.atlas
    }

    /// The view's settings as they stand.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The scene of the current view (its shapes' rings may be empty: see [`outlined`](Self::outlined)).
    pub fn scene(&self) -> Option<&Scene> {
        self.scene.as_ref()
    }

    /// The shown layer.
    pub fn layer(&self) -> &Layer {
        self.atlas.layer(&self.settings.layer).expect("the settings' layer is checked on every change")
    }

    /// The indicator whose values the map shows: the need index in need mode, the first of
    /// the pair in bivariate mode.
    pub fn shown(&self) -> Option<&Indicator> {
        match self.settings.mode {
            Mode::Need => self.atlas.indicator(need::ID),
            Mode::Bivariate => self.bivariate().and_then(|[a, _]| self.atlas.indicator(&a)),
            Mode::Choropleth if self.change_range().is_some() => self.atlas.indicator(crate::derive::change::ID),
            Mode::Choropleth => self.settings.indicator.as_deref().and_then(|i| self.atlas.indicator(i)),
        }
    }

    /// The two periods of a change view (`period = "mid-2015..mid-2020"`), in choropleth mode.
    pub fn change_range(&self) -> Option<(&str, &str)> {
        let s = &self.settings;
        s.period.as_deref().filter(|_| s.mode == Mode::Choropleth).and_then(crate::derive::change::range)
    }

    /// The bivariate pair: the one set, or the indicator with one of the other kind on its
    /// layer (a judged indicator with a neutral one that is not a count, or the reverse).
    pub fn bivariate(&self) -> Option<[String; 2]> {
        if let Some(p) = &self.settings.bivariate {
            return Some(p.clone());
        }
        let first = self.atlas.indicator(self.settings.indicator.as_deref()?)?;
        let neutral = |i: &Indicator| i.polarity == crate::model::atlas::Polarity::Neutral;
        let second = self.on_layer(&first.layer).find(|i| i.id != first.id && neutral(i) != neutral(first) && i.unit != "people")?;
        Some([first.id.clone(), second.id.clone()])
    }

    /// The need index's weights: the ones set, or the indicator and the first indicator of
    /// the opposite polarity on its layer, weighted alike.
    pub fn need_weights(&self) -> Option<Vec<(String, f64)>> {
        if let Some(n) = &self.settings.need_index {
            return Some(n.clone());
        }
        use crate::model::atlas::Polarity::*;
        let first = self.atlas.indicator(self.settings.indicator.as_deref()?)?;
        let opposite = match first.polarity {
            HigherWorse => HigherBetter,
            HigherBetter => HigherWorse,
            Neutral => return Some(vec![(first.id.clone(), 1.0)]),
        };
        let mut w = vec![(first.id.clone(), 1.0)];
        if let Some(o) = self.on_layer(&first.layer).find(|i| i.polarity == opposite) {
            w.push((o.id.clone(), 1.0));
        }
        Some(w)
    }

    /// Makes the need index of `weights` and puts it in the atlas (replacing an earlier one):
    /// a view in need mode draws it.
    ///
    /// ```
    /// use needs_map::widget::{settings::{Change, Mode}, Widget};
    /// let mut w = Widget::from_bundle(include_str!("../../../data/coventry.json")).unwrap();
    /// let weights = vec![("imd_score".to_string(), 2.0), ("gp_per_10k".to_string(), 1.0)];
    /// w.set_view(vec![Change::Mode(Mode::Need), Change::NeedIndex(Some(weights))]).unwrap();
    /// // numpy: (2 zscore(imd) - zscore(gp per 10k)) / 3, population sd.
    /// let foleshill = w.areas().into_iter().find(|a| a.name == "Foleshill").unwrap();
    /// assert!((foleshill.value.unwrap() - 0.27263290422596603).abs() < 1e-9);
    /// ```
    fn make_need_index(&mut self, weights: Vec<(String, f64)>) -> Result<(), WidgetError> {
        need::install(&mut self.atlas, &weights).map_err(WidgetError::new)?;
        self.need = Some(weights);
        Ok(())
    }

    /// The indicators of a layer, but the need index, in the bundle's order.
    pub fn on_layer<'a>(&'a self, layer: &'a str) -> impl Iterator<Item = &'a Indicator> + 'a {
        self.atlas.indicators.iter().filter(move |i| i.layer == layer && !derived(&i.id))
    }

    /// Applies `changes` together, after checking them against the data; on an error
    /// nothing changes. Returns what the page must draw again.
    pub fn set_view(&mut self, changes: Vec<Change>) -> Result<Redraw, WidgetError> {
        let before = self.settings.clone();
        let mut next = before.clone();
        let touched = |k: fn(&Change) -> bool| changes.iter().any(k);
        let (indicator, layer, period) = (
            touched(|c| matches!(c, Change::Indicator(_))),
            touched(|c| matches!(c, Change::Layer(_))),
            touched(|c| matches!(c, Change::Period(_))),
        );
        let (selection, framing) =
            (touched(|c| matches!(c, Change::Selected(_))), touched(|c| matches!(c, Change::Zoom(_) | Change::Centre(_))));
        let zoomed_out = touched(|c| matches!(c, Change::Zoom(_))) && !touched(|c| matches!(c, Change::Centre(_)));
        for c in changes {
            next.apply(c);
        }
        let atlas = &self.atlas;
        // An indicator brings its layer; a layer alone brings its first indicator.
        if indicator {
            let id = next.indicator.clone().unwrap_or_default();
            let ind = atlas.indicator(&id).filter(|i| !derived(&i.id)).ok_or_else(|| {
                let ids: Vec<&str> = atlas.indicators.iter().filter(|i| !derived(&i.id)).map(|i| i.id.as_str()).collect();
                WidgetError::new(format!("there is no indicator \"{id}\" in this bundle; it has: {}", ids.join(", ")))
            })?;
            if layer && next.layer != ind.layer {
                return Err(WidgetError::new(format!("indicator {} is on the {} layer, not {}", ind.id, ind.layer, next.layer)));
            }
            next.layer = ind.layer.clone();
        } else if layer {
            if atlas.layer(&next.layer).is_none_or(|l| l.areas.is_empty()) {
                let ids: Vec<&str> = atlas.layers.iter().filter(|l| !l.areas.is_empty()).map(|l| l.id.as_str()).collect();
                return Err(WidgetError::new(format!("there is no layer \"{}\" in this bundle; it has: {}", next.layer, ids.join(", "))));
            }
            if next.indicator.as_deref().and_then(|i| atlas.indicator(i)).is_none_or(|i| i.layer != next.layer) {
                next.indicator = self.on_layer(&next.layer).next().map(|i| i.id.clone());
            }
        }
        if next.layer != before.layer {
            if !selection {
                next.selected = None;
            }
            if !framing {
                (next.zoom, next.centre) = (1.0, None);
            }
        }
        let ind = next.indicator.as_deref().and_then(|i| atlas.indicator(i));
        // A period, or two for a change view ("mid-2015..mid-2020").
        let has = |i: &Indicator, p: &str| match crate::derive::change::range(p) {
            Some((a, b)) => i.series_at(Some(a)).is_some() && i.series_at(Some(b)).is_some(),
            None => i.series_at(Some(p)).is_some(),
        };
        if next.indicator != before.indicator && !period {
            // Another indicator keeps the period only if it has it.
            if ind.is_none_or(|i| next.period.as_deref().is_some_and(|p| !has(i, p))) {
                next.period = None;
            }
        }
        if let (Some(p), true) = (&next.period, period) {
            match ind {
                Some(i) if has(i, p) => {
                    if let (Some((a, b)), Some(why)) = (crate::derive::change::range(p), &i.no_change) {
                        let _ = (a, b);
                        return Err(WidgetError::new(format!("the change in {} is not shown: {why}", i.label)));
                    }
                }
                Some(i) => {
                    let have: Vec<&str> = i.periods().collect();
                    return Err(WidgetError::new(format!("indicator {} has no period \"{p}\"; it has: {}", i.id, have.join(", "))));
                }
                None => return Err(WidgetError::new(format!("there is no indicator shown to have period \"{p}\""))),
            }
        }
        if let Some(c) = &next.selected {
            let l = atlas.layer(&next.layer).expect("checked");
            if l.index_of(c).is_none() {
                return Err(WidgetError::new(format!("there is no area \"{c}\" on the {} layer", next.layer)));
            }
        }
        // Back to the whole layer (a zoom to 1 that names no centre) is the layer's middle;
        // a pan at zoom 1 keeps its centre, as a drag of the whole map does.
        if zoomed_out && next.zoom <= 1.0 {
            next.centre = None;
        }
        if let Some(k) = next.services.iter().find(|k| !atlas.services.iter().any(|s| &s.id == *k)) {
            let ids: Vec<&str> = atlas.services.iter().map(|s| s.id.as_str()).collect();
            return Err(WidgetError::new(format!("there is no service kind \"{k}\" in this bundle; it has: {}", ids.join(", "))));
        }
        if next == before {
            return Ok(Redraw::Nothing);
        }
        // What must be made again: where the areas fall, their shading, or neither (a new
        // selection or services only change what is drawn over the picture).
        let geometry = (&next.layer, next.zoom, next.centre) != (&before.layer, before.zoom, before.centre);
        let unshaded = |s: &Settings| Settings { selected: None, zoom: 1.0, centre: None, services: Vec::new(), labels: None, ..s.clone() };
        let shading = unshaded(&next) != unshaded(&before);
        let overlay = (&next.selected, &next.services, next.labels) != (&before.selected, &before.services, before.labels);
        let layer = next.layer != before.layer;
        self.settings = next;
        if let Err(e) = self.rebuild(geometry, shading) {
            self.settings = before;
            return Err(e);
        }
        Ok(if shading || layer {
            Redraw::Everything
        } else if overlay {
            Redraw::Overlay
        } else {
            Redraw::Framing
        })
    }

    /// Outlines to draw over the shown layer, in the layer's mesh coordinates (see
    /// [`mesh_parts`](Self::mesh_parts)): x, y runs, `starts` where each ring begins and, last,
    /// where the last ends. Rings from `picked` on are areas picked to be made one, from
    /// `alike` on areas like a selected one; those
    /// before, the outlines of areas of one's own (both are kept, and made, by the module
    /// loaded on first use: see `derive::combine`). Another layer shown drops them.
    pub fn set_marks(&mut self, xy: Vec<f32>, starts: Vec<u32>, picked: usize, alike: usize) {
        self.marks = Some(Marks { layer: self.settings.layer.clone(), xy, starts, picked, alike });
    }

    /// Sets the size of the map in CSS pixels, and the device pixels per CSS pixel of its canvas.
    pub fn resize(&mut self, width: f64, height: f64, ratio: f64) -> Result<(), WidgetError> {
        let ratio = if ratio.is_finite() && ratio > 0.0 { ratio } else { 1.0 };
        self.size = Some(Size { width: width.max(1.0), height: height.max(1.0), ratio });
        self.rebuild(true, false)
    }

    /// The scene builder's view of the settings, at `width` x `height`.
    fn view(&self, width: f64, height: f64) -> View {
        let s = &self.settings;
        let mut v = View::new(width, height);
        v.zoom = s.zoom;
        v.centre = s.centre;
        v.classes = s.classes;
        v.method = match s.classification {
            Classification::Classes(m) => m,
            Classification::Benchmark => Method::Quantile,
        };
        v.custom = s.breaks.clone();
        v.palette = s.palette.clone();
        v.period = if s.mode == Mode::Choropleth && self.change_range().is_none() { s.period.clone() } else { None };
        v.fixed = s.fixed_scale;
        v
    }

    /// The scene of the current settings in `view`.
    fn scene_in(&mut self, view: &View) -> Result<Scene, WidgetError> {
        if self.settings.mode == Mode::Need {
            let weights = self.need_weights().ok_or_else(|| WidgetError::new("the need index needs an indicator"))?;
            if self.need.as_ref() != Some(&weights) {
                self.make_need_index(weights)?;
            }
        }
        if let (Some(id), Some((from, to))) = (self.settings.indicator.clone(), self.change_range()) {
            let (from, to, kind) = (from.to_string(), to.to_string(), self.settings.change);
            let key = format!("{from}..{to}");
            if self.change.as_ref().is_none_or(|c| (&c.0, &c.1, c.2) != (&id, &key, kind)) {
                let unmatched = crate::derive::change::install(&mut self.atlas, &id, &from, &to, kind).map_err(WidgetError::new)?;
                self.change = Some((id, key, kind, unmatched));
            }
            return self.change_scene(view);
        }
        let (atlas, s) = (&self.atlas, &self.settings);
        let sel = s.selected.as_deref();
        let scene = match (s.mode, s.indicator.as_deref(), s.classification) {
            (Mode::Bivariate, Some(_), _) => {
                let [a, b] = self.bivariate().ok_or_else(|| WidgetError::new("choose two indicators for the bivariate map"))?;
                Scene::bivariate(atlas, &a, &b, view, sel)
            }
            (Mode::Need, Some(_), Classification::Classes(_)) => Scene::build(atlas, need::ID, view, sel),
            (Mode::Need, Some(_), Classification::Benchmark) => {
                Scene::build(atlas, need::ID, &View { method: Method::Quantile, ..view.clone() }, sel)
            }
            (Mode::Choropleth, Some(id), Classification::Benchmark) => Scene::benchmark(atlas, id, view, sel, s.benchmark),
            (Mode::Choropleth, Some(id), Classification::Classes(_)) => Scene::build(atlas, id, view, sel),
            (_, None, _) => Scene::boundaries(atlas, &s.layer, view, sel),
        }?;
        if scene.layer != s.layer {
            return Err(WidgetError::new(format!(
                "the {} map is of the {} layer, but the view shows {}; choose indicators of one layer",
                match s.mode {
                    Mode::Bivariate => "bivariate",
                    _ => "need index",
                },
                scene.layer,
                s.layer
            )));
        }
        Ok(scene)
    }

    /// The change view's scene: classes of equal width either side of no change on a
    /// diverging palette, and the areas whose boundaries changed named in the legend and
    /// cross-hatched, never shaded.
    fn change_scene(&self, view: &View) -> Result<Scene, WidgetError> {
        use crate::style::{palette, pattern::Pattern};
        let ind = self.atlas.indicator(crate::derive::change::ID).expect("installed by scene_in");
        let present = ind.latest().map(|s| s.values.values().map(|e| e.value.abs()).fold(0.0, f64::max)).unwrap_or(0.0);
        let m = if present > 0.0 { present } else { 1.0 };
        let k = self.settings.classes;
        let custom = (1..=k).map(|i| -m + 2.0 * m * i as f64 / k as f64).collect();
        let chosen = view.palette.as_deref().and_then(palette::scheme).filter(|s| s.diverging);
        let sch = chosen.map_or(if ind.polarity == crate::model::atlas::Polarity::Neutral { "PuOr" } else { "RdBu" }, |s| s.id);
        let floor = Some((-m, "of equal width either side of no change"));
        let v = View { method: Method::Custom, custom, floor, palette: Some(sch.into()), period: None, fixed: false, ..view.clone() };
        let mut scene = Scene::build(&self.atlas, crate::derive::change::ID, &v, self.settings.selected.as_deref())?;
        let unmatched = self.change.as_ref().map_or(&[][..], |c| &c.3[..]);
        let mut n = 0;
        for sh in scene.shapes.iter_mut().filter(|sh| unmatched.contains(&sh.code)) {
            sh.pattern = Pattern::Cross;
            n += 1;
        }
        // The last entry is "no data" where there is any: those areas are named for what they are.
        let entries = &mut scene.legend.entries;
        if n > 0 {
            let last = entries.len() - 1;
            entries[last].count -= n;
            if entries[last].count == 0 {
                entries.pop();
            }
            entries.push(crate::scene::LegendEntry {
                color: palette::NO_DATA,
                label: "boundaries changed; not compared".into(),
                count: n,
                pattern: Pattern::Cross,
            });
        }
        Ok(scene)
    }

    /// Where the shown layer's mesh is in `details`.
    fn layer_mesh(&mut self) -> usize {
        let id = &self.settings.layer;
        self.details.iter().position(|(l, _)| l == id).expect("every layer has its outlines from the start")
    }

    /// The shown layer's outlines at full detail.
    pub fn mesh(&mut self) -> &Mesh {
        let i = self.layer_mesh();
        self.details[i].1.full()
    }

    /// The scene of the settings: re-shading keeps where the areas fall and only repaints,
    /// a new view of the same layer keeps the shading and places the areas again, and a
    /// pan by whole pixels moves the picture it has.
    fn rebuild(&mut self, geometry: bool, shading: bool) -> Result<(), WidgetError> {
        let i = self.layer_mesh();
        let extent = self.details[i].1.extent();
        let (w, h, ratio) = self.size.map_or((300.0, 300.0, 1.0), |s| (s.width, s.height, s.ratio));
        let mut view = self.view(w, h);
        view.outlines = false;
        view.extent = Some(extent);
        let old = self.scene.take();
        let same_layer = old.as_ref().is_some_and(|s| s.layer == self.settings.layer);
        let (mut scene, previous) = match old {
            Some(mut s) if same_layer && !shading => {
                s.projection = view.projection(&extent);
                (s.width, s.height) = (w, h);
                (s, None)
            }
            old => match self.scene_in(&view) {
                Ok(s) => (s, old),
                Err(e) => {
                    self.scene = old;
                    return Err(e);
                }
            },
        };
        scene.selected = self.settings.selected.as_ref().and_then(|c| scene.shapes.iter().position(|x| &x.code == c));
        if self.size.is_none() {
            self.scene = Some(scene);
            return Ok(());
        }
        if same_layer && !geometry {
            // The same view: the new shapes take the old ones' places (bounds, rings, raster).
            if let Some(p) = previous {
                for (new, old) in scene.shapes.iter_mut().zip(p.shapes) {
                    (new.rings, new.bounds) = (old.rings, old.bounds);
                }
            }
        } else {
            let mesh = self.details[i].1.at(&scene.projection);
            self.placed += 1;
            if mesh.points() <= SMOOTH_BORDERS {
                // Drawn as paths: the rings are the picture and the hover index.
                mesh.outline(&mut scene);
                (self.smooth, self.outlined) = (true, true);
                (self.raster, self.pixels) = (Raster::default(), Vec::new());
            } else {
                mesh.place_bounds(&mut scene);
                // Under 100 CSS pixels an area on average (10 x 10), 1-pixel borders would cover
                // the areas' colours (England's LSOAs seen whole: 21 each): they are left out
                // until the user zooms in.
                let shown = scene.shapes.iter().filter(|s| {
                    let b = &s.bounds;
                    crate::place::mesh::in_view([b.min[0] as f32, b.min[1] as f32, b.max[0] as f32, b.max[1] as f32], w as f32, h as f32)
                });
                self.crowded = w * h < 100.0 * shown.count() as f64;
                let moved = if same_layer { self.raster.pan(mesh, &scene.projection, w, h, ratio) } else { None };
                let points = moved.unwrap_or_else(|| self.raster.draw(mesh, &scene.projection, w, h, ratio));
                self.smooth = points <= SMOOTH_BORDERS;
                self.outlined = false;
                if self.smooth {
                    mesh.outline(&mut scene);
                    self.outlined = true;
                }
            }
        }
        if self.raster.size() != (0, 0) {
            self.raster.paint(&scene, if self.smooth || self.crowded { None } else { Some(BORDER) }, &mut self.pixels);
        }
        self.scene = Some(scene);
        Ok(())
    }

    /// The scene with its rings placed (once per view, when first asked).
    pub fn outlined(&mut self) -> Option<Outlined<'_>> {
        if !self.outlined && self.size.is_some() {
            let i = self.layer_mesh();
            if let Some(scene) = &mut self.scene {
                self.details[i].1.at(&scene.projection).outline(scene);
                self.outlined = true;
            }
        }
        self.scene.as_ref().filter(|_| self.outlined).map(|scene| Outlined { scene })
    }

    /// The painted picture: RGBA pixels (little-endian `u32`s, canvas `ImageData`'s bytes)
    /// and its size in device pixels; empty until sized.
    pub fn pixels(&self) -> (&[u32], usize, usize) {
        let (w, h) = self.raster.size();
        (&self.pixels, w, h)
    }

    /// What is drawn over the picture: smooth borders, the selection, the services shown,
    /// the ringed service (`"gp:3"`) and the area with the keyboard's focus.
    pub fn overlay(&mut self, focus: Option<&str>, ringed: Option<&str>) -> Overlay<'_> {
        let Some(projection) = self.scene.as_ref().map(|s| s.projection) else { return Overlay::default() };
        let rings_of = |w: &mut Widget, code: &str| -> Vec<Vec<[f32; 2]>> {
            let a = w.layer().index_of(code);
            a.map(|a| w.mesh().rings_in(a, &projection)).unwrap_or_default()
        };
        let selected = match self.settings.selected.clone() {
            Some(c) => rings_of(self, &c),
            None => Vec::new(),
        };
        let focus = focus.map(|c| rings_of(self, c)).unwrap_or_default();
        let to = self.mesh().to_pixels(&projection);
        let (mut own, mut picked, mut alike) = (Vec::new(), Vec::new(), Vec::new());
        if let Some(m) = self.marks.as_ref().filter(|m| m.layer == self.settings.layer) {
            for (i, w) in m.starts.windows(2).enumerate() {
                let ring = m.xy.get(w[0] as usize * 2..w[1] as usize * 2).unwrap_or_default();
                let ring = ring.chunks_exact(2).map(|p| to.apply(p)).collect();
                match (i < m.picked, i < m.alike) {
                    (true, _) => own.push(ring),
                    (false, true) => picked.push(ring),
                    _ => alike.push(ring),
                }
            }
        }
        let services = self.service_symbols(10.0);
        let ringed = ringed.and_then(|k| self.service(k)).map(|(_, _, p)| {
            let [x, y] = projection.to_pixel(p.at);
            [x as f32, y as f32]
        });
        let labels = match self.size {
            Some(size) if self.labels_on() => self.labels(&projection, [size.width as f32, size.height as f32]),
            _ => Vec::new(),
        };
        let borders = match (&self.scene, self.smooth) {
            (Some(s), true) => Some(s.shapes.iter().flat_map(|s| s.rings.iter().map(Vec::as_slice)).collect()),
            _ => None,
        };
        let fills = match &self.scene {
            Some(s) if self.pixels.is_empty() => s.shapes.iter().filter(|s| !s.rings.is_empty()).collect(),
            _ => Vec::new(),
        };
        Overlay { fills, borders, placed: self.placed, selected, own, picked, alike, services, ringed, labels, focus }
    }

    /// Whether the areas' names are on the map: as set, or for a layer of up to
    /// [`settings::LABELS_UP_TO`] areas.
    pub fn labels_on(&self) -> bool {
        self.settings.labels.unwrap_or(self.layer().areas.len() <= settings::LABELS_UP_TO)
    }

    /// The names that fit a view of `size` CSS pixels placed by `projection`.
    ///
    /// ```
    /// use needs_map::widget::Widget;
    /// let mut w = Widget::from_bundle(include_str!("../../../data/coventry.json")).unwrap();
    /// w.resize(960.0, 720.0, 1.0).unwrap();
    /// let names = w.overlay(None, None).labels;
    /// assert!(names.iter().any(|n| n.lines == ["Foleshill"]));
    /// ```
    pub fn labels(&mut self, projection: &crate::place::project::Projection, size: [f32; 2]) -> Vec<Placed> {
        let layer = self.settings.layer.clone();
        let points = self.mesh().points();
        if self.anchors.as_ref().is_none_or(|(l, p, _)| *l != layer || *p != points) {
            self.anchors = Some((layer, points, label::anchors(self.mesh())));
        }
        let t = self.mesh().to_pixels(projection);
        let Some((_, _, anchors)) = &self.anchors else { return Vec::new() };
        let at: Vec<Option<Anchor>> = anchors.iter().map(|a| a.map(|a| a.by(&t))).collect();
        let names: Vec<&str> = self.layer().areas.iter().map(|a| a.name.as_str()).collect();
        label::place(&names, &at, size, &self.covered)
    }

    /// Sets the boxes of the view the page covers with its controls (see `labels`).
    pub fn cover(&mut self, boxes: Vec<[f32; 4]>) {
        self.covered = boxes;
    }

    /// The area under a point in CSS pixels (exact to what is drawn).
    pub fn area_at(&self, x: f64, y: f64) -> Option<&Shape> {
        let scene = self.scene.as_ref()?;
        if self.pixels.is_empty() {
            return scene.shape_at(x as f32, y as f32);
        }
        self.raster.area_at(x, y).map(|i| &scene.shapes[i])
    }

    /// A longitude/latitude's place on the map, in CSS pixels.
    pub fn locate(&self, lon: f64, lat: f64) -> Option<[f64; 2]> {
        self.scene.as_ref().map(|s| s.projection.to_pixel([lon, lat]))
    }

    /// Whether the keyboard's moves wait for the shown layer's neighbours (see
    /// [`set_neighbours`](Self::set_neighbours)): the first frame does without them.
    pub fn needs_neighbours(&self) -> bool {
        self.neighbours.as_ref().is_none_or(|(l, _)| *l != self.settings.layer)
    }

    /// The shown layer's outlines as flat parts (points, ring starts, area starts), to find
    /// its neighbours elsewhere ([`crate::place::neighbours::of_parts`]).
    pub fn mesh_parts(&mut self) -> (&[f32], &[u32], &[u32]) {
        self.mesh().parts()
    }

    /// The neighbours of the shown layer's areas, by index: `sharing` borders, found from
    /// [`mesh_parts`](Self::mesh_parts).
    pub fn set_neighbours(&mut self, neighbours: Vec<Vec<usize>>) {
        self.neighbours = Some((self.settings.layer.clone(), neighbours));
    }

    /// Finds the shown layer's neighbours here (the command line and tests; the browser
    /// finds them in the module loaded on first use).
    pub fn find_neighbours(&mut self) {
        if self.needs_neighbours() {
            let nb = self.mesh().neighbours();
            self.set_neighbours(nb);
        }
    }

    /// The area next to `code` in a direction: a neighbour sharing its border when one lies
    /// that way (the keyboard's arrow keys). `None` at the edge of the map, or until the
    /// layer's neighbours are known.
    ///
    /// ```
    /// use needs_map::{place::neighbours::Direction, widget::Widget};
    /// let mut w = Widget::from_bundle(include_str!("../../../data/coventry.json")).unwrap();
    /// w.resize(960.0, 720.0, 1.0).unwrap();
    /// assert_eq!(w.step("E05001222", Direction::Down), None, "neighbours not yet found");
    /// w.find_neighbours();
    /// // St Michael's, the city centre, lies south of Foleshill.
    /// assert_eq!(w.step("E05001222", Direction::Down).as_deref(), Some("E05001228"));
    /// ```
    pub fn step(&mut self, code: &str, direction: Direction) -> Option<String> {
        if self.needs_neighbours() {
            return None;
        }
        let nb = self.neighbours.take()?;
        let out = self.outlined().and_then(|o| {
            let from = o.scene().shapes.iter().position(|s| s.code == code)?;
            neighbours::step(&o.scene().shapes, &nb.1, from, direction).map(|i| o.scene().shapes[i].code.clone())
        });
        self.neighbours = Some(nb);
        out
    }

    /// The area with the highest (or lowest) value shown.
    pub fn extreme(&self, highest: bool) -> Option<String> {
        let scene = self.scene.as_ref()?;
        let with = scene.shapes.iter().filter_map(|s| Some((s.value?, s)));
        let pick = |a: &(f64, &Shape), b: &(f64, &Shape)| a.0.total_cmp(&b.0);
        let s = if highest { with.max_by(pick) } else { with.min_by(pick) };
        s.map(|(_, s)| s.code.clone())
    }

    /// An area's centre in CSS pixels.
    pub fn centre(&mut self, code: &str) -> Option<[f64; 2]> {
        let o = self.outlined()?;
        Some(o.centre(o.shape(code)?))
    }

    /// Zooms by `factor` (the whole layer is 1; up to 32) about an area's centre, or the
    /// middle of the view.
    pub fn zoom_by(&mut self, factor: f64, about: Option<&str>) -> Result<Redraw, WidgetError> {
        let Some(size) = self.size else { return Ok(Redraw::Nothing) };
        let middle = [size.width / 2.0, size.height / 2.0];
        let px = about.and_then(|c| self.centre(c)).unwrap_or(middle);
        let Some(projection) = self.scene.as_ref().map(|s| s.projection) else { return Ok(Redraw::Nothing) };
        let zoom = (self.settings.zoom * factor).clamp(1.0, settings::MAX_ZOOM);
        // About the middle of a view that has no centre of its own, the centre stays the layer's.
        let keep = about.is_none() && self.settings.centre.is_none();
        let centre = (zoom > 1.0 && !keep).then(|| projection.to_lonlat(px));
        self.set_view(vec![Change::Zoom(zoom), Change::Centre(centre)])
    }

    /// Moves the view by `dx`, `dy` CSS pixels (a drag).
    pub fn pan_by(&mut self, dx: f64, dy: f64) -> Result<Redraw, WidgetError> {
        let (Some(size), Some(scene)) = (self.size, &self.scene) else { return Ok(Redraw::Nothing) };
        let centre = scene.projection.to_lonlat([size.width / 2.0 - dx, size.height / 2.0 - dy]);
        self.set_view(vec![Change::Centre(Some(centre))])
    }

    /// Zooms so that an area fills most of the view, centred on it.
    pub fn zoom_to(&mut self, code: &str) -> Result<Redraw, WidgetError> {
        let Some(size) = self.size else { return Ok(Redraw::Nothing) };
        let zoom = self.settings.zoom;
        let Some(o) = self.outlined() else { return Ok(Redraw::Nothing) };
        let Some(s) = o.shape(code) else { return Ok(Redraw::Nothing) };
        let (bw, bh) = ((s.bounds.max[0] - s.bounds.min[0]).max(1.0), (s.bounds.max[1] - s.bounds.min[1]).max(1.0));
        let fit = (size.width * 0.6 / bw).min(size.height * 0.6 / bh);
        let centre = o.scene().projection.to_lonlat(o.centre(s));
        self.set_view(vec![Change::Zoom((zoom * fit).clamp(1.0, 8.0)), Change::Centre(Some(centre))])
    }

    /// Pans so that an area is in view when it is not.
    pub fn ensure_visible(&mut self, code: &str) -> Result<Redraw, WidgetError> {
        let Some(size) = self.size else { return Ok(Redraw::Nothing) };
        let Some(o) = self.outlined() else { return Ok(Redraw::Nothing) };
        let Some(s) = o.shape(code) else { return Ok(Redraw::Nothing) };
        let b = s.bounds;
        if b.min[0] >= 0.0 && b.min[1] >= 0.0 && b.max[0] <= size.width && b.max[1] <= size.height {
            return Ok(Redraw::Nothing);
        }
        let centre = o.scene().projection.to_lonlat(o.centre(s));
        self.set_view(vec![Change::Centre(Some(centre))])
    }

    /// Adds (or replaces) an indicator of the page's own figures on the shown layer: codes
    /// and values in step, `polarity` "higher-worse", "higher-better" or "neutral" (or "").
    /// A code that is not on the layer is an error naming it; areas left out, and values
    /// that are not numbers, show "no data".
    ///
    /// ```
    /// use needs_map::widget::{settings::Change, Widget};
    /// let mut w = Widget::from_bundle(include_str!("../../../data/coventry.json")).unwrap();
    /// w.add_figures("visits", "Visits", "", &["E05001222"], &[12.0]).unwrap();
    /// w.set_view(vec![Change::Indicator("visits".into())]).unwrap();
    /// assert_eq!(w.areas().iter().filter(|a| a.value.is_some()).count(), 1);
    /// assert!(w.add_figures("x", "X", "", &["E0"], &[1.0]).unwrap_err().message.starts_with("\"E0\" is not an area of the ward layer"));
    /// ```
    pub fn add_figures(&mut self, id: &str, label: &str, polarity: &str, codes: &[&str], values: &[f64]) -> Result<(), WidgetError> {
        self.atlas.add_figures(&self.settings.layer, id, label, polarity, codes, values).map_err(WidgetError::new)?;
        if self.shown().is_some_and(|i| i.id == id) {
            self.rebuild(false, true)?;
        }
        Ok(())
    }
}
