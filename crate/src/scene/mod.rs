//! What to draw, in pixels: the one scene that canvas, PNG and SVG all draw.
//!
//! A scene is built from the atlas, an indicator and a view; drawing never looks back at
//! the data. Re-shading builds a new scene; the backends only paint what is here.

mod legend;
mod view;

pub use legend::{Legend, LegendEntry};
pub use view::View;

use crate::derive::significance::{compare_for, Comparison};
use crate::model::atlas::{Atlas, Estimate, Indicator, Layer, Series, SignificanceTest};
use crate::model::geometry::Bounds;
use crate::place::project::Projection;
use crate::style::classify::{breaks, custom, Breaks, Method};
use crate::style::palette::{default_scheme, scheme, Rgb, BIVARIATE, NO_DATA};
use crate::style::pattern::Pattern;
use crate::style::text::format_value;
use std::fmt;

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
    /// Drawn over the fill so that meaning never rests on colour alone (benchmark mode).
    pub pattern: Pattern,
}

/// What benchmark mode compares each area with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Against {
    England,
    City,
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
    /// "Source: ..." for the indicator shown; empty for bare boundaries.
    pub source: String,
    /// The period shown ("2019", "mid-2020"); empty for boundaries alone.
    pub period: String,
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
    /// The shape under a point in pixels, by its rings (even-odd, as they are filled): the
    /// hover index of a map drawn as paths. Shapes without rings (off the view, or not yet
    /// outlined) are never found.
    ///
    /// ```
    /// use needs_map::{read::bundle, scene::{Scene, View}};
    /// let atlas = bundle::from_json(include_str!("../../../tests/fixtures/hole_and_enclave.json")).unwrap();
    /// let mut s = Scene::build(&atlas, "value", &View::new(100.0, 100.0), None).unwrap();
    /// s.shapes[0].rings = vec![vec![[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0]], vec![[4.0, 4.0], [6.0, 4.0], [6.0, 6.0], [4.0, 6.0]]];
    /// s.shapes[0].bounds = needs_map::model::geometry::Bounds { min: [0.0, 0.0], max: [10.0, 10.0] };
    /// assert_eq!(s.shape_at(2.0, 2.0).map(|x| x.area), Some(0));
    /// assert!(s.shape_at(5.0, 5.0).is_none()); // in the hole
    /// ```
    pub fn shape_at(&self, x: f32, y: f32) -> Option<&Shape> {
        self.shapes.iter().find(|s| {
            let b = &s.bounds;
            let boxed =
                s.rings.is_empty() || (x as f64) < b.min[0] || (x as f64) > b.max[0] || (y as f64) < b.min[1] || (y as f64) > b.max[1];
            !boxed && s.rings.iter().filter(|r| crosses(r, x, y)).count() % 2 == 1
        })
    }

    /// Shades `indicator`'s layer by its latest values.
    ///
    /// ```
    /// use needs_map::{read::bundle, scene::{Scene, View}};
    /// let atlas = bundle::from_json(include_str!("../../../tests/fixtures/hole_and_enclave.json")).unwrap();
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
        let series = shown(ind, view)?;
        let values: Vec<Option<f64>> = layer.areas.iter().map(|a| series.values.get(&a.code).map(|e| e.value)).collect();
        let present: Vec<f64> = values.iter().flatten().copied().collect();
        // A fixed scale classes the values of every period together.
        let every: Vec<f64> = match view.fixed {
            true => ind.series.iter().flat_map(|s| layer.areas.iter().filter_map(|a| s.values.get(&a.code).map(|e| e.value))).collect(),
            false => Vec::new(),
        };
        let classed = if view.fixed { &every } else { &present };
        let breaks = match view.method {
            Method::Custom => custom(classed, &view.custom).map(|b| Breaks { min: view.floor.map_or(b.min, |f| f.0.min(b.min)), ..b }),
            m => breaks(classed, view.classes, m),
        };
        let sch = view.palette.as_deref().and_then(scheme).unwrap_or(default_scheme(ind.polarity));
        let colours = breaks.as_ref().map(|b| sch.colours(b.len(), ind.polarity)).unwrap_or_default();
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
        scene.period = series.period.clone();
        // The period in brackets unless the source names it already ("... Deprivation 2019").
        let dated = !series.period.is_empty() && ind.source.contains(series.period.as_str());
        scene.source = format!("Source: {}{}.", ind.source, if dated { String::new() } else { in_brackets(&series.period) });
        scene.title = format!("{}{}, by {}", ind.label, in_brackets(&series.period), singular(&layer.noun));
        scene.legend = legend::classes(ind, &series.period, breaks.as_ref(), &colours, &present, values.len() - present.len(), sch);
        scene.legend.note = format!(
            "{} classes {}{}; {} palette{}.",
            breaks.as_ref().map_or(0, |b| b.len()),
            view.floor.map_or(format!("by {}", view.method.name().1), |f| f.1.to_string()),
            if view.fixed && ind.series.len() > 1 { " of every period's values (the same in each)" } else { "" },
            sch.label,
            if sch.colour_blind_safe { " (colour-blind safe)" } else { " (not colour-blind safe)" }
        );
        scene.breaks = breaks;
        Ok(scene)
    }

    /// Benchmark mode: each area better, similar or worse than England (or the city) by its
    /// confidence interval at the indicator's level (see `significance`), with a pattern for
    /// each outcome. Areas whose interval is over 1.5 times the median width and that are
    /// not significantly different are "uncertain": their estimate is too imprecise to say.
    ///
    /// ```
    /// use needs_map::{read::bundle, scene::{Against, Scene, View}};
    /// let atlas = bundle::from_json(include_str!("../../../data/coventry.json")).unwrap();
    /// let s = Scene::benchmark(&atlas, "hle_male", &View::new(400.0, 300.0), None, Against::England).unwrap();
    /// let count = |start: &str| s.legend.entries.iter().find(|e| e.label.starts_with(start)).unwrap().count;
    /// // As ONS flags them in its table: 23 MSOAs "**" (lower than England), 11 "*" (higher).
    /// assert_eq!((count("Significantly worse"), count("Significantly better"), count("Not significantly")), (23, 11, 8));
    /// ```
    pub fn benchmark(atlas: &Atlas, indicator: &str, view: &View, selected: Option<&str>, against: Against) -> Result<Scene, SceneError> {
        let mut scene = Scene::build(atlas, indicator, view, selected)?;
        let ind = atlas.indicator(indicator).expect("checked by build");
        let latest = Some(shown(ind, view)?);
        let (place, bench) = match against {
            Against::England => ("England", latest.and_then(|s| s.england)),
            Against::City => (atlas.meta.place.name.as_str(), latest.and_then(|s| s.city)),
        };
        let estimates: Vec<Option<Estimate>> = scene.shapes.iter().map(|sh| latest.and_then(|s| s.values.get(&sh.code)).copied()).collect();
        let mut widths: Vec<f64> = estimates.iter().flatten().filter_map(|e| Some(e.upper? - e.lower?)).collect();
        widths.sort_unstable_by(f64::total_cmp);
        let wide = widths.get(widths.len() / 2).map(|m| m * 1.5);
        const CATS: [(Comparison, Rgb, Pattern); 6] = [
            (Comparison::Worse, Rgb(0xd6, 0x60, 0x4d), Pattern::Hatch),
            (Comparison::Higher, Rgb(0x80, 0x73, 0xac), Pattern::Hatch),
            (Comparison::Similar, Rgb(0xf6, 0xe8, 0xc3), Pattern::None),
            (Comparison::Lower, Rgb(0xfd, 0xb8, 0x63), Pattern::Dots),
            (Comparison::Better, Rgb(0x43, 0x93, 0xc3), Pattern::Dots),
            (Comparison::NotCompared, NO_DATA, Pattern::Cross),
        ];
        let mut counts = [0usize; 7];
        for (sh, e) in scene.shapes.iter_mut().zip(&estimates) {
            let c = match (e, bench) {
                (Some(e), Some(b)) => compare_for(ind, e, &b),
                _ => Comparison::NotCompared,
            };
            let uncertain =
                c == Comparison::Similar && e.zip(wide).is_some_and(|(e, w)| e.upper.zip(e.lower).is_some_and(|(u, l)| u - l > w));
            let i = if uncertain { 6 } else { CATS.iter().position(|k| k.0 == c).unwrap_or(5) };
            counts[i] += 1;
            (sh.fill, sh.pattern) = if i == 6 { (Rgb(0xff, 0xff, 0xff), Pattern::Cross) } else { (CATS[i].1, CATS[i].2) };
            sh.class = Some(i);
        }
        let mut entries = Vec::new();
        for (i, (c, colour, pattern)) in CATS.iter().enumerate() {
            if counts[i] > 0 {
                let mut label = c.phrase(place);
                label[..1].make_ascii_uppercase();
                entries.push(LegendEntry { color: *colour, label, count: counts[i], pattern: *pattern });
            }
        }
        if counts[6] > 0 {
            let label = "Uncertain: not significantly different, and the interval is very wide".to_string();
            entries.push(LegendEntry { color: Rgb(0xff, 0xff, 0xff), label, count: counts[6], pattern: Pattern::Cross });
        }
        let bench_text = bench.map_or("no benchmark value".to_string(), |b| format_value(b.value, ind.decimals, &ind.unit));
        scene.legend = Legend {
            title: format!("{}, {}: compared with {place} ({bench_text})", ind.label, scene.period),
            entries,
            kind: "benchmark",
            // The test in words: ONS's (intervals apart) or Fingertips' (value outside).
            note: format!(
                "Each area's 95% confidence interval, tested at the {}% level, against {place}'s {}. Patterns repeat the colours: hatched is worse (or higher), dotted is better (or lower), cross-hatched is not compared or uncertain.",
                format_value(ind.significance_level, 0, ""),
                match (ind.significance_test, bench.and_then(|b| b.lower)) {
                    (SignificanceTest::Overlap, Some(_)) => "interval (different where the two do not overlap, as ONS tests)",
                    _ => "value",
                }
            ),
        };
        scene.breaks = None;
        Ok(scene)
    }

    /// Two indicators at once: each cut into terciles (mapclassify `Quantiles`, k = 3), the
    /// pair coloured from a 3x3 scheme. The legend names each cell in words.
    ///
    /// ```
    /// use needs_map::{read::bundle, scene::{Scene, View}};
    /// let atlas = bundle::from_json(include_str!("../../../data/coventry.json")).unwrap();
    /// let s = Scene::bivariate(&atlas, "imd_score", "growth_2015_2020", &View::new(400.0, 300.0), None).unwrap();
    /// assert_eq!(s.legend.entries[8].label, "high deprivation, high growth");
    /// ```
    pub fn bivariate(atlas: &Atlas, first: &str, second: &str, view: &View, selected: Option<&str>) -> Result<Scene, SceneError> {
        let a = atlas.indicator(first).ok_or_else(|| SceneError(format!("there is no indicator \"{first}\" in this bundle")))?;
        let b = atlas.indicator(second).ok_or_else(|| SceneError(format!("there is no indicator \"{second}\" in this bundle")))?;
        if a.layer != b.layer {
            return Err(SceneError(format!(
                "{} and {} are on different layers ({} and {}); choose two on one layer",
                a.id, b.id, a.layer, b.layer
            )));
        }
        let mut scene = Scene::build(atlas, first, view, selected)?;
        let terciles = |ind: &Indicator| {
            let v: Vec<f64> = scene.shapes.iter().filter_map(|s| ind.value(&s.code)).collect();
            breaks(&v, 3, Method::Quantile)
        };
        let (ta, tb) = (terciles(a), terciles(b));
        let mut counts = [0usize; 10];
        for sh in scene.shapes.iter_mut() {
            let cell = match (a.value(&sh.code), b.value(&sh.code), &ta, &tb) {
                (Some(x), Some(y), Some(ta), Some(tb)) => Some((tb.class_of(y).min(2), ta.class_of(x).min(2))),
                _ => None,
            };
            (sh.fill, sh.class) = match cell {
                Some((r, c)) => (BIVARIATE[r][c], Some(r * 3 + c)),
                None => (NO_DATA, None),
            };
            counts[sh.class.unwrap_or(9)] += 1;
        }
        let word = ["low", "middle", "high"];
        let name = |ind: &Indicator| ind.short.clone().unwrap_or_else(|| ind.label.clone());
        let (na, nb) = (name(a), name(b));
        let mut entries: Vec<LegendEntry> = (0..9)
            .map(|i| LegendEntry {
                color: BIVARIATE[i / 3][i % 3],
                label: format!("{} {na}, {} {nb}", word[i % 3], word[i / 3]),
                count: counts[i],
                pattern: Pattern::None,
            })
            .collect();
        if counts[9] > 0 {
            entries.push(LegendEntry { color: NO_DATA, label: "no data".into(), count: counts[9], pattern: Pattern::None });
        }
        scene.title =
            format!("{} and {}, by {}", a.label, b.label, singular(&atlas.layer(&a.layer).map_or("area".into(), |l| l.noun.clone())));
        scene.legend = Legend {
            title: format!("{} ({}) across, {} ({}) up", a.label, a.period(), b.label, b.period()),
            entries,
            kind: "bivariate",
            note: format!(
                "Each indicator cut into thirds of the {} (quantiles); darkest where both are high.",
                atlas.layer(&a.layer).map_or("areas", |l| l.noun.as_str())
            ),
        };
        scene.breaks = None;
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
        let proj = view.projection(&view.extent.unwrap_or_else(|| layer.bounds()));
        let shapes: Vec<Shape> = layer
            .areas
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let mut bounds = Bounds::empty();
                let rings = if !view.outlines {
                    Vec::new()
                } else {
                    a.geometry
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
                        .collect()
                };
                Shape {
                    area: i,
                    code: a.code.clone(),
                    name: a.name.clone(),
                    rings,
                    bounds,
                    value: None,
                    class: None,
                    fill: Rgb(0xff, 0xff, 0xff),
                    pattern: Pattern::None,
                }
            })
            .collect();
        let selected = selected.and_then(|code| shapes.iter().position(|s| s.code == code));
        Scene {
            width: view.width,
            height: view.height,
            layer: layer.id.clone(),
            indicator: None,
            // A map from GeoJSON has no place: "Areas", not "Areas of ".
            title: match atlas.meta.place.name.as_str() {
                "" => layer.label.clone(),
                place => format!("{} of {place}", layer.label),
            },
            shapes,
            legend: Legend::default(),
            attribution: atlas.meta.attribution.clone(),
            source: String::new(),
            period: String::new(),
            selected,
            breaks: None,
            projection: proj,
        }
    }
}

/// The series of `ind` that `view` asks for: its period, or the latest.
fn shown<'a>(ind: &'a Indicator, view: &View) -> Result<&'a Series, SceneError> {
    ind.series_at(view.period.as_deref()).ok_or_else(|| {
        let have: Vec<&str> = ind.periods().collect();
        let p = view.period.as_deref().unwrap_or_default();
        SceneError(if have.is_empty() {
            format!("indicator {} has no values", ind.id)
        } else {
            format!("indicator {} has no period \"{p}\"; it has: {}", ind.id, have.join(", "))
        })
    })
}

/// " (2019)", or nothing for an indicator without a period (a page's own figures).
fn in_brackets(period: &str) -> String {
    if period.is_empty() {
        String::new()
    } else {
        format!(" ({period})")
    }
}

fn singular(noun: &str) -> String {
    noun.strip_suffix('s').unwrap_or(noun).to_string()
}

/// Whether a point is inside a ring by the even-odd rule (a ray to the right crosses its
/// edges an odd number of times); the ring need not repeat its first point.
fn crosses(ring: &[[f32; 2]], x: f32, y: f32) -> bool {
    let mut inside = false;
    let mut j = ring.len().wrapping_sub(1);
    for (i, a) in ring.iter().enumerate() {
        let b = ring[j];
        if (a[1] > y) != (b[1] > y) && x < (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]) + a[0] {
            inside = !inside;
        }
        j = i;
    }
    inside
}
