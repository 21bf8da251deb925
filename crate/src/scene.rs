//! What to draw, in pixels: the one scene that canvas, PNG and SVG all draw.
//!
//! A scene is built from the atlas, an indicator and a view; drawing never looks back at
//! the data. Re-shading builds a new scene; the backends only paint what is here.

use crate::atlas::{Atlas, Indicator, Layer, Polarity};
use crate::classify::{breaks, Breaks, Method};
use crate::geometry::Bounds;
use crate::palette::{class_colours, Rgb, NO_DATA};
use crate::project::Projection;
use crate::text::format_value;
use std::fmt;

/// The size and framing of the map, and how values are classed.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    pub width: f64,
    pub height: f64,
    /// Empty pixels kept around the areas.
    pub margin: f64,
    /// 1 shows the whole layer; 2 doubles the scale about `centre`.
    pub zoom: f64,
    /// Longitude/latitude at the middle of the view; `None` is the layer's middle.
    pub centre: Option<[f64; 2]>,
    pub classes: usize,
    pub method: Method,
}

impl View {
    /// The whole layer in `width` x `height` pixels, five quantile classes.
    pub fn new(width: f64, height: f64) -> View {
        View { width, height, margin: 8.0, zoom: 1.0, centre: None, classes: 5, method: Method::Quantile }
    }
}

/// One area, projected and coloured.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// Index of the area in its layer.
    pub area: usize,
    pub code: String,
    pub name: String,
    /// Rings in pixels; fill with the even-odd rule.
    pub rings: Vec<Vec<[f32; 2]>>,
    pub bounds: Bounds,
    pub value: Option<f64>,
    pub class: Option<usize>,
    pub fill: Rgb,
}

/// One legend row: a class's colour, range in words and how many areas it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendEntry {
    pub color: Rgb,
    pub label: String,
    pub count: usize,
}

/// The legend, in text as well as colour.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Legend {
    pub title: String,
    pub entries: Vec<LegendEntry>,
}

/// Everything a backend needs to paint the map.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    pub width: f64,
    pub height: f64,
    pub layer: String,
    pub indicator: Option<String>,
    pub title: String,
    pub shapes: Vec<Shape>,
    pub legend: Legend,
    pub attribution: String,
    /// Index into `shapes` of the selected area, drawn with a heavy outline.
    pub selected: Option<usize>,
    pub breaks: Option<Breaks>,
    pub projection: Projection,
}

/// Why a scene could not be built.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneError(pub String);

impl fmt::Display for SceneError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for SceneError {}

impl Scene {
    /// Shades `indicator`'s layer by its latest values.
    ///
    /// ```
    /// use needs_map::{bundle, scene::{Scene, View}};
    /// let atlas = bundle::from_json(include_str!("../../tests/fixtures/hole_and_enclave.json")).unwrap();
    /// let s = Scene::build(&atlas, "value", &View::new(100.0, 100.0), Some("E00000002")).unwrap();
    /// assert_eq!(s.shapes[s.selected.unwrap()].name, "Enclave");
    /// assert!(Scene::build(&atlas, "nope", &View::new(100.0, 100.0), None).is_err());
    /// ```
    pub fn build(atlas: &Atlas, indicator: &str, view: &View, selected: Option<&str>) -> Result<Scene, SceneError> {
        let ind = atlas.indicator(indicator).ok_or_else(|| {
            let ids: Vec<&str> = atlas.indicators.iter().map(|i| i.id.as_str()).collect();
            SceneError(format!("there is no indicator \"{indicator}\" in this bundle; it has: {}", ids.join(", ")))
        })?;
        let layer = atlas.layer(&ind.layer).ok_or_else(|| SceneError(format!("indicator {} is on a layer this bundle lacks", ind.id)))?;
        if layer.areas.is_empty() {
            return Err(SceneError(format!("the layer \"{}\" has no areas to draw", layer.label)));
        }
        let values: Vec<Option<f64>> = layer.areas.iter().map(|a| ind.value(&a.code)).collect();
        let present: Vec<f64> = values.iter().flatten().copied().collect();
        let breaks = breaks(&present, view.classes, view.method);
        let colours = breaks.as_ref().map(|b| class_colours(b.len(), ind.polarity)).unwrap_or_default();
        let mut scene = Scene::outline(atlas, layer, view, selected);
        for (shape, v) in scene.shapes.iter_mut().zip(&values) {
            shape.value = *v;
            if let (Some(v), Some(b)) = (v, &breaks) {
                let c = b.class_of(*v);
                shape.class = Some(c);
                shape.fill = colours[c];
            } else {
                shape.fill = NO_DATA;
            }
        }
        scene.indicator = Some(ind.id.clone());
        scene.title = format!("{} ({}), by {}", ind.label, ind.period(), singular(&layer.noun));
        scene.legend = legend(ind, breaks.as_ref(), &colours, &present, values.len() - present.len());
        scene.breaks = breaks;
        Ok(scene)
    }

    /// The boundaries alone, unshaded (the widget without data).
    pub fn boundaries(atlas: &Atlas, layer: &str, view: &View, selected: Option<&str>) -> Result<Scene, SceneError> {
        let layer = atlas.layer(layer).ok_or_else(|| SceneError(format!("there is no layer \"{layer}\" in this bundle")))?;
        if layer.areas.is_empty() {
            return Err(SceneError(format!("the layer \"{}\" has no areas to draw", layer.label)));
        }
        Ok(Scene::outline(atlas, layer, view, selected))
    }

    fn outline(atlas: &Atlas, layer: &Layer, view: &View, selected: Option<&str>) -> Scene {
        let proj = Projection::fit(&layer.bounds(), view.width, view.height, view.margin, view.zoom, view.centre);
        let shapes: Vec<Shape> = layer
            .areas
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let mut bounds = Bounds::empty();
                let rings = a
                    .geometry
                    .iter()
                    .flatten()
                    .map(|ring| {
                        ring.iter()
                            .map(|&p| {
                                let q = proj.to_pixel(p);
                                bounds.add(q);
                                [q[0] as f32, q[1] as f32]
                            })
                            .collect()
                    })
                    .collect();
                Shape {
                    area: i,
                    code: a.code.clone(),
                    name: a.name.clone(),
                    rings,
                    bounds,
                    value: None,
                    class: None,
                    fill: Rgb(0xff, 0xff, 0xff),
                }
            })
            .collect();
        let selected = selected.and_then(|code| shapes.iter().position(|s| s.code == code));
        Scene {
            width: view.width,
            height: view.height,
            layer: layer.id.clone(),
            indicator: None,
            title: format!("{} of {}", layer.label, atlas.meta.place.name),
            shapes,
            legend: Legend::default(),
            attribution: atlas.meta.attribution.clone(),
            selected,
            breaks: None,
            projection: proj,
        }
    }
}

fn singular(noun: &str) -> String {
    noun.strip_suffix('s').unwrap_or(noun).to_string()
}

fn legend(ind: &Indicator, breaks: Option<&Breaks>, colours: &[Rgb], present: &[f64], missing: usize) -> Legend {
    let mut entries = Vec::new();
    if let Some(b) = breaks {
        let counts = b.counts(present);
        for (i, &up) in b.upper.iter().enumerate() {
            let lo = if i == 0 { b.min } else { b.upper[i - 1] };
            let f = |v| format_value(v, ind.decimals, "");
            let label = if i == 0 { format!("{} to {}", f(lo), f(up)) } else { format!("over {} to {}", f(lo), f(up)) };
            entries.push(LegendEntry { color: colours[i], label, count: counts[i] });
        }
    }
    if missing > 0 {
        entries.push(LegendEntry { color: NO_DATA, label: "no data".into(), count: missing });
    }
    let unit = match ind.unit.as_str() {
        "" => String::new(),
        u => format!(" ({u})"),
    };
    let direction = match ind.polarity {
        Polarity::HigherWorse => "darker is worse",
        Polarity::HigherBetter => "darker is worse (lower)",
        Polarity::Neutral => "darker is higher",
    };
    Legend { title: format!("{}{unit}, {}: {direction}", ind.label, ind.period()), entries }
}
