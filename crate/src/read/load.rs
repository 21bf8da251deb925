//! Reading boundary files (GeoJSON or TopoJSON, CRS84 or British National Grid) into a
//! [`Layer`], reporting every problem with its place.
//!
//! Files come from the ONS portal and other mirrors with the obsolete `crs` member,
//! clockwise exteriors and, sometimes, duplicate features. None of that stops a map:
//! National Grid is reprojected, winding is normalised. Anything that would make the map
//! wrong (a missing code, a duplicate, an unclosed or self-crossing ring, a point off the
//! globe) is an error that names the feature and says what to do.
//!
//! Limits, checked before and while reading so hostile input ends in an error, not an
//! exhausted tab: see [`Limits`].

use crate::model::atlas::{Area, Layer};
use crate::model::crs::{self, Crs};
#[cfg(feature = "cli")]
use crate::model::geometry::self_intersection;
use crate::model::geometry::{normalise_winding, Bounds, MultiPolygon, Polygon};
use crate::model::report::{Problem, Report};
use crate::place::topology::{stitch, Transform};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// How much a boundary file may hold. The all-England ward file (30 MB, 6,827 areas,
/// about 1.5 million points) is well inside the defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// Bytes of text, checked before parsing.
    pub max_bytes: usize,
    /// Features (areas).
    pub max_areas: usize,
    /// Points over all rings.
    pub max_vertices: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_bytes: 128 * 1024 * 1024, max_areas: 100_000, max_vertices: 20_000_000 }
    }
}

/// JSON nesting deeper than this is refused (serde_json's own limit; GeoJSON needs 7).
pub const MAX_DEPTH: usize = 128;

/// Rings longer than this are not checked for self-intersection (the check is
/// O(n log n) typically but O(n²) at worst).
pub const MAX_CHECKED_RING: usize = 200_000;

/// How to read one boundary file.
#[derive(Debug, Clone)]
pub struct BoundaryOptions<'a> {
    /// Name used in problems (the file name as the user gave it).
    pub file: &'a str,
    pub layer_id: &'a str,
    pub label: &'a str,
    pub noun: &'a str,
    pub code_field: &'a str,
    pub name_field: &'a str,
}

/// What a file held, for `needsmap validate`'s summary.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub format: &'static str,
    pub crs: Option<Crs>,
    /// Geometry type -> count ("Polygon", "MultiPolygon", ...).
    pub types: BTreeMap<String, usize>,
    /// Longitude/latitude bounds after reprojection.
    pub bounds: Bounds,
    pub features: usize,
    pub vertices: usize,
}

/// A feature before its geometry is checked: properties and rings as they came.
struct Raw {
    props: Map<String, Value>,
    kind: String,
    geometry: Option<MultiPolygon>,
}

/// Reads GeoJSON or TopoJSON into a layer, with every problem found and a summary.
///
/// ```
/// use needs_map::read::load::{read_boundaries, BoundaryOptions, Limits};
/// let text = r#"{"type":"FeatureCollection","features":[{"type":"Feature",
///   "properties":{"WD25CD":"E05000001","WD25NM":"Castle"},
///   "geometry":{"type":"Polygon","coordinates":[[[-1.5,52.4],[-1.4,52.4],[-1.4,52.5],[-1.5,52.4]]]}}]}"#;
/// let opts = BoundaryOptions { file: "wards.geojson", layer_id: "ward", label: "Wards", noun: "wards",
///                              code_field: "WD25CD", name_field: "WD25NM" };
/// let (layer, report, _) = read_boundaries(text, &opts, &Limits::default());
/// assert_eq!(layer.areas[0].name, "Castle");
/// assert!(!report.has_errors());
/// ```
pub fn read_boundaries(text: &str, o: &BoundaryOptions, limits: &Limits) -> (Layer, Report, Summary) {
    let (layer, report, summary, _) = read_boundaries_with(text, o, limits, &Also::default());
    (layer, report, summary)
}

/// What a reader is asked for besides the layer.
#[derive(Debug, Clone, Default)]
pub struct Also<'a> {
    /// Properties to keep for each area read, in this order (a ward's council codes).
    pub keep: &'a [String],
    /// A ring that crosses itself is a notice and the area is kept (drawn even-odd), not an
    /// error: published small-area files have a few, from quantisation.
    pub crossings_allowed: bool,
}

/// [`read_boundaries`], also returning the properties `also.keep` names for each area read
/// (in the layer's order; `None` where a feature lacks one).
pub fn read_boundaries_with(
    text: &str,
    o: &BoundaryOptions,
    limits: &Limits,
    also: &Also,
) -> (Layer, Report, Summary, Vec<Vec<Option<String>>>) {
    let mut kept = Vec::new();
    let mut report = Report::default();
    let mut layer = Layer { id: o.layer_id.into(), label: o.label.into(), noun: o.noun.into(), areas: Vec::new() };
    let mut summary = Summary { format: "unknown", crs: None, types: BTreeMap::new(), bounds: Bounds::empty(), features: 0, vertices: 0 };
    let raws = match parse(text, o, limits, &mut summary) {
        Ok(r) => r,
        Err(p) => {
            report.push(p);
            return (layer, report, summary, kept);
        }
    };
    summary.features = raws.len();
    if raws.len() > limits.max_areas {
        report.push(Problem::error(
            o.file,
            "",
            format!("has {} features, over the limit of {}", raws.len(), limits.max_areas),
            "split the file by region",
        ));
        return (layer, report, summary, kept);
    }
    // Which CRS: the `crs` member if it names one, otherwise the range of the coordinates.
    let mut raw_bounds = Bounds::empty();
    for r in &raws {
        if let Some(g) = &r.geometry {
            raw_bounds.union(&Bounds::of(g));
            summary.vertices += g.iter().flatten().map(|ring| ring.len()).sum::<usize>();
        }
    }
    if summary.vertices > limits.max_vertices {
        report.push(Problem::error(
            o.file,
            "",
            format!("has {} points, over the limit of {}", summary.vertices, limits.max_vertices),
            "simplify the boundaries (generalised boundaries from the ONS portal are enough for maps)",
        ));
        return (layer, report, summary, kept);
    }
    let crs = summary.crs.or_else(|| if raw_bounds.is_empty() { None } else { crs::from_range(raw_bounds.min, raw_bounds.max) });
    summary.crs = crs;
    let mut seen: std::collections::HashMap<String, (usize, usize)> = std::collections::HashMap::new();
    for (i, r) in raws.into_iter().enumerate() {
        *summary.types.entry(r.kind.clone()).or_default() += 1;
        let code = prop_text(&r.props, o.code_field);
        let loc = match &code {
            Some(c) => format!("feature {} ({c})", i + 1),
            None => format!("feature {}", i + 1),
        };
        let Some(code) = code else {
            report.push(Problem::error(o.file, &loc, format!("no \"{}\" property", o.code_field), suggest(&r.props, o.code_field, "code")));
            continue;
        };
        let Some(name) = prop_text(&r.props, o.name_field) else {
            report.push(Problem::error(o.file, &loc, format!("no \"{}\" property", o.name_field), suggest(&r.props, o.name_field, "name")));
            continue;
        };
        let Some(mut mp) = r.geometry else {
            let what =
                if r.kind == "null" { "has no geometry".to_string() } else { format!("is a {}, not a Polygon or MultiPolygon", r.kind) };
            let hint = if r.kind == "null" { "remove the feature or add its boundary" } else { "give area boundaries as polygons" };
            report.push(Problem::error(o.file, &loc, what, hint));
            continue;
        };
        if let Some(m) = check_rings(&mp, crs) {
            report.push(Problem::error(o.file, &loc, m.0, m.1));
            continue;
        }
        if crs == Some(Crs::BritishNationalGrid) {
            for ring in mp.iter_mut().flatten() {
                for p in ring.iter_mut() {
                    *p = crs::bng_to_lonlat(p[0], p[1]);
                }
            }
        }
        // Self-crossing rings are a validation finding (`needsmap validate`, `prepare`); the
        // widget draws them even-odd as they are, and keeps the check out of its wasm.
        #[cfg(feature = "cli")]
        if let Some((ri, at)) = mp
            .iter()
            .flatten()
            .enumerate()
            .find_map(|(ri, ring)| (ring.len() <= MAX_CHECKED_RING).then(|| self_intersection(ring).map(|p| (ri, p))).flatten())
        {
            let what = format!("ring {} crosses itself near ({:.6}, {:.6})", ri + 1, at[0], at[1]);
            if also.crossings_allowed {
                report.push(Problem::notice(o.file, &loc, what, "kept and drawn as it is (even-odd); repair it for exact areas"));
            } else {
                report.push(Problem::error(o.file, &loc, what, "repair the geometry (QGIS \"Fix geometries\", or mapshaper -clean)"));
                continue;
            }
        }
        normalise_winding(&mut mp);
        // An exact copy says nothing new: left out with a notice. A clash is an error.
        if let Some(&(first, at)) = seen.get(&code) {
            if layer.areas[at].name == name && layer.areas[at].geometry == mp {
                report.push(Problem::notice(
                    o.file,
                    &loc,
                    format!("repeats feature {first} exactly; the copy is left out"),
                    "remove the copy from the file",
                ));
            } else {
                report.push(Problem::error(
                    o.file,
                    &loc,
                    format!("area code {code} appears more than once (first at feature {first}), with a different name or boundary"),
                    "keep one feature per area code",
                ));
            }
            continue;
        }
        seen.insert(code.clone(), (i + 1, layer.areas.len()));
        if !also.keep.is_empty() {
            kept.push(also.keep.iter().map(|k| prop_text(&r.props, k)).collect());
        }
        summary.bounds.union(&Bounds::of(&mp));
        layer.areas.push(Area { code, name, geometry: mp });
    }
    if summary.features == 0 {
        report.push(Problem::error(o.file, "", "has no features", "give a FeatureCollection with one feature per area"));
    } else if crs.is_none() && !raw_bounds.is_empty() {
        report.push(Problem::error(
            o.file,
            "",
            format!(
                "coordinates run from ({}, {}) to ({}, {}): neither longitude/latitude nor British National Grid",
                raw_bounds.min[0], raw_bounds.min[1], raw_bounds.max[0], raw_bounds.max[1]
            ),
            "export the boundaries in CRS84 (EPSG:4326) or British National Grid (EPSG:27700)",
        ));
        layer.areas.clear();
        kept.clear();
    }
    (layer, report, summary, kept)
}

/// The older entry point: GeoJSON or TopoJSON with default limits.
pub fn read_geojson(text: &str, o: &BoundaryOptions) -> (Layer, Report) {
    let (l, r, _) = read_boundaries(text, o, &Limits::default());
    (l, r)
}

fn parse(text: &str, o: &BoundaryOptions, limits: &Limits, summary: &mut Summary) -> Result<Vec<Raw>, Problem> {
    if text.len() > limits.max_bytes {
        return Err(Problem::error(
            o.file,
            "",
            format!("is {}, over the limit of {}", size(text.len()), size(limits.max_bytes)),
            "split the file by region or simplify it",
        ));
    }
    if let Some(read) = geojson_direct(text, summary) {
        return read;
    }
    let v: Value = serde_json::from_str(text).map_err(|e| {
        let what = if e.to_string().contains("recursion limit") {
            format!("is nested more than {MAX_DEPTH} levels deep (line {}, column {})", e.line(), e.column())
        } else if e.to_string().contains("number out of range") {
            format!("has a number too large to be a coordinate at line {} column {} (not finite)", e.line(), e.column())
        } else if e.is_eof() {
            format!("ends too early, at line {} column {}: the file is truncated", e.line(), e.column())
        } else {
            format!("is not valid JSON ({e})")
        };
        Problem::error(o.file, "", what, "check the file is complete GeoJSON or TopoJSON")
    })?;
    if let Some(name) = v.pointer("/crs/properties/name").and_then(|n| n.as_str()) {
        summary.crs = Some(crs::from_name(name).ok_or_else(|| {
            Problem::error(
                o.file,
                "crs",
                format!("names the coordinate system \"{name}\", which needs-map cannot read"),
                "export the boundaries in CRS84 (EPSG:4326) or British National Grid (EPSG:27700)",
            )
        })?);
    }
    match v.get("type").and_then(|t| t.as_str()) {
        Some("Topology") => {
            summary.format = "TopoJSON";
            topojson(v, o)
        }
        Some("FeatureCollection" | "Feature") => {
            summary.format = "GeoJSON";
            geojson_features(v, o)
        }
        Some(t) if ["Polygon", "MultiPolygon", "Point", "LineString", "GeometryCollection"].contains(&t) => Err(Problem::error(
            o.file,
            "",
            format!("is a bare {t} geometry, with no area codes or names"),
            "give a FeatureCollection whose features carry code and name properties",
        )),
        Some(t) => Err(Problem::error(
            o.file,
            "",
            format!("has type \"{t}\", not FeatureCollection or Topology"),
            "give GeoJSON (a FeatureCollection) or TopoJSON",
        )),
        None => Err(Problem::error(
            o.file,
            "",
            "has no \"type\" member: it is JSON but not GeoJSON or TopoJSON",
            "give GeoJSON (a FeatureCollection) or TopoJSON",
        )),
    }
}

/// Well-formed GeoJSON read straight into the `geojson` types, without a JSON tree first
/// (for England's 30 MB of wards that tree was most of the reading time and memory). Anything
/// else, or anything this cannot read, returns `None` and takes the general path, which
/// names the problem.
fn geojson_direct(text: &str, summary: &mut Summary) -> Option<Result<Vec<Raw>, Problem>> {
    #[derive(serde::Deserialize)]
    struct Head {
        #[serde(rename = "type")]
        kind: Option<String>,
        crs: Option<Crs>,
    }
    #[derive(serde::Deserialize)]
    struct Crs {
        properties: Option<CrsName>,
    }
    #[derive(serde::Deserialize)]
    struct CrsName {
        name: Option<String>,
    }
    let head: Head = serde_json::from_str(text).ok()?;
    if !matches!(head.kind.as_deref(), Some("FeatureCollection" | "Feature")) {
        return None;
    }
    let gj = serde_json::from_str::<geojson::GeoJson>(text).ok()?;
    if let Some(name) = head.crs.and_then(|c| c.properties).and_then(|p| p.name) {
        match crs::from_name(&name) {
            Some(c) => summary.crs = Some(c),
            None => return None,
        }
    }
    summary.format = "GeoJSON";
    Some(Ok(features_of(gj)))
}

fn geojson_features(v: Value, o: &BoundaryOptions) -> Result<Vec<Raw>, Problem> {
    let gj = serde_json::from_value::<geojson::GeoJson>(v).map_err(|e| {
        Problem::error(o.file, "", format!("is not valid GeoJSON ({e})"), "check each feature has a type, properties and a geometry")
    })?;
    Ok(features_of(gj))
}

fn features_of(gj: geojson::GeoJson) -> Vec<Raw> {
    let features = match gj {
        geojson::GeoJson::FeatureCollection(fc) => fc.features,
        geojson::GeoJson::Feature(f) => vec![f],
        geojson::GeoJson::Geometry(_) => unreachable!("bare geometries are refused above"),
    };
    features
        .into_iter()
        .map(|f| {
            let (kind, geometry) = match f.geometry.map(|g| g.value) {
                None => ("null".to_string(), None),
                Some(geojson::GeometryValue::Polygon { coordinates }) => ("Polygon".into(), Some(vec![rings(&coordinates)])),
                Some(geojson::GeometryValue::MultiPolygon { coordinates }) => {
                    ("MultiPolygon".into(), Some(coordinates.iter().map(|p| rings(p)).collect()))
                }
                Some(other) => (other.type_name().to_string(), None),
            };
            Raw { props: f.properties.unwrap_or_default(), kind, geometry }
        })
        .collect()
}

fn rings(p: &[Vec<geojson::Position>]) -> Polygon {
    p.iter().map(|r| r.iter().map(|q| [q[0], q.as_slice().get(1).copied().unwrap_or(f64::NAN)]).collect()).collect()
}

/// TopoJSON: arcs (quantised and delta-encoded when there is a transform), one object
/// holding the areas as a GeometryCollection.
fn topojson(v: Value, o: &BoundaryOptions) -> Result<Vec<Raw>, Problem> {
    let transform: Option<Transform> = match v.get("transform") {
        None => None,
        Some(t) => Some(serde_json::from_value(t.clone()).map_err(|e| {
            Problem::error(
                o.file,
                "transform",
                format!("is not a TopoJSON transform ({e})"),
                "give scale and translate as two numbers each",
            )
        })?),
    };
    let arcs_v = v
        .get("arcs")
        .and_then(|a| a.as_array())
        .ok_or_else(|| Problem::error(o.file, "arcs", "is missing", "a TopoJSON topology needs an arcs array"))?;
    let mut arcs = Vec::with_capacity(arcs_v.len());
    for (i, a) in arcs_v.iter().enumerate() {
        let pts = a
            .as_array()
            .ok_or_else(|| Problem::error(o.file, &format!("arc {i}"), "is not an array of positions", "check the file is complete"))?;
        let (mut x, mut y) = (0.0, 0.0);
        let mut ring = Vec::with_capacity(pts.len());
        for p in pts {
            let (px, py) = match (p.get(0).and_then(|n| n.as_f64()), p.get(1).and_then(|n| n.as_f64())) {
                (Some(a), Some(b)) => (a, b),
                _ => {
                    return Err(Problem::error(
                        o.file,
                        &format!("arc {i}"),
                        "has a position that is not two numbers",
                        "check the file is complete",
                    ))
                }
            };
            ring.push(match &transform {
                Some(t) => {
                    x += px;
                    y += py;
                    [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]]
                }
                None => [px, py],
            });
        }
        arcs.push(ring);
    }
    let objects = v
        .get("objects")
        .and_then(|o| o.as_object())
        .ok_or_else(|| Problem::error(o.file, "objects", "is missing", "a TopoJSON topology needs objects"))?;
    let (name, obj) = match objects.len() {
        1 => objects.iter().next().unwrap(),
        0 => return Err(Problem::error(o.file, "objects", "is empty", "a TopoJSON topology needs one object of areas")),
        _ => {
            let names: Vec<&str> = objects.keys().map(|k| k.as_str()).collect();
            return Err(Problem::error(
                o.file,
                "objects",
                format!("holds {} objects ({})", names.len(), names.join(", ")),
                "give a topology with one object of areas",
            ));
        }
    };
    let geoms = match obj.get("type").and_then(|t| t.as_str()) {
        Some("GeometryCollection") => obj.get("geometries").and_then(|g| g.as_array()).cloned().unwrap_or_default(),
        _ => vec![obj.clone()],
    };
    let mut out = Vec::with_capacity(geoms.len());
    for (i, g) in geoms.iter().enumerate() {
        let kind = g.get("type").and_then(|t| t.as_str()).unwrap_or("null").to_string();
        let props = g.get("properties").and_then(|p| p.as_object()).cloned().unwrap_or_default();
        let loc = format!("object {name}, geometry {}", i + 1);
        let parse_poly = |p: &Value| -> Result<Polygon, Problem> {
            p.as_array()
                .ok_or_else(|| Problem::error(o.file, &loc, "has a polygon that is not a list of rings", "check the file is complete"))?
                .iter()
                .map(|ring| {
                    let idx: Vec<i64> = ring.as_array().map(|r| r.iter().filter_map(|n| n.as_i64()).collect()).unwrap_or_default();
                    stitch(&idx, &arcs).map_err(|m| Problem::error(o.file, &loc, m, "check the file is complete"))
                })
                .collect()
        };
        let arcs_of = g.get("arcs");
        let geometry = match (kind.as_str(), arcs_of) {
            ("Polygon", Some(a)) => Some(vec![parse_poly(a)?]),
            ("MultiPolygon", Some(a)) => {
                Some(a.as_array().map(|ps| ps.iter().map(&parse_poly).collect::<Result<Vec<_>, _>>()).transpose()?.unwrap_or_default())
            }
            _ => None,
        };
        out.push(Raw { props, kind, geometry });
    }
    Ok(out)
}

/// "1.5 MB" or "812 bytes".
pub fn size(n: usize) -> String {
    if n >= 1 << 20 {
        format!("{:.1} MB", n as f64 / (1 << 20) as f64)
    } else {
        format!("{n} bytes")
    }
}

/// Ring checks before reprojection: enough points, closed, finite, in range.
fn check_rings(mp: &MultiPolygon, crs: Option<Crs>) -> Option<(String, String)> {
    for (pi, poly) in mp.iter().enumerate() {
        if poly.is_empty() {
            return Some((format!("polygon {} has no rings", pi + 1), "remove the empty polygon".into()));
        }
        for (ri, ring) in poly.iter().enumerate() {
            let which = if mp.len() > 1 { format!("polygon {}, ring {}", pi + 1, ri + 1) } else { format!("ring {}", ri + 1) };
            if ring.is_empty() {
                return Some((format!("{which} is empty"), "remove the empty ring".into()));
            }
            if let Some(p) = ring.iter().find(|p| !p[0].is_finite() || !p[1].is_finite()) {
                return Some((
                    format!("{which} has a coordinate that is not a finite number ({}, {})", p[0], p[1]),
                    "correct or remove the point".into(),
                ));
            }
            if ring.len() < 4 {
                return Some((
                    format!("{which} has {} points; a closed ring needs at least 4", ring.len()),
                    "give at least three corners and repeat the first point at the end".into(),
                ));
            }
            if ring.first() != ring.last() {
                return Some((
                    format!(
                        "{which} is not closed: it ends at ({}, {}), not where it starts",
                        ring[ring.len() - 1][0],
                        ring[ring.len() - 1][1]
                    ),
                    "repeat the first point at the end of the ring".into(),
                ));
            }
            if crs == Some(Crs::Lonlat) {
                if let Some(p) = ring.iter().find(|p| p[0].abs() > 180.0 || p[1].abs() > 90.0) {
                    return Some((
                        format!("{which} has the point ({}, {}), outside longitude/latitude", p[0], p[1]),
                        "give CRS84 longitude/latitude, or British National Grid metres throughout".into(),
                    ));
                }
            }
        }
    }
    None
}

/// Property as text: strings as they are, numbers written out; blank is missing.
fn prop_text(props: &Map<String, Value>, key: &str) -> Option<String> {
    match props.get(key)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// "use WD25CD" when the wanted field is absent but a likely one is there.
fn suggest(props: &Map<String, Value>, wanted: &str, kind: &str) -> String {
    let suffix = if kind == "code" { "CD" } else { "NM" };
    // The same field of another year first (WD19CD -> WD25CD), then any *CD / *NM field.
    let stem = |k: &str| k.to_ascii_uppercase().chars().filter(|c| !c.is_ascii_digit()).collect::<String>();
    let mut likely: Vec<&str> =
        props.keys().map(|k| k.as_str()).filter(|k| k.to_ascii_uppercase().ends_with(suffix) && *k != wanted).collect();
    likely.sort_by_key(|k| stem(k) != stem(wanted));
    match likely.first() {
        Some(k) => format!("this file has \"{k}\": set the {kind} field to it"),
        None => {
            let mut keys: Vec<&str> = props.keys().map(|k| k.as_str()).collect();
            keys.sort();
            format!("set the {kind} field to one of the properties it has: {}", keys.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> BoundaryOptions<'static> {
        BoundaryOptions { file: "w.geojson", layer_id: "ward", label: "Wards", noun: "wards", code_field: "WD19CD", name_field: "WD19NM" }
    }

    #[test]
    fn missing_code_field_suggests_the_likely_one() {
        let t = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"WD25CD":"E05001222","WD25NM":"Foleshill"},
            "geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}"#;
        let (_, r) = read_geojson(t, &opts());
        assert_eq!(
            r.problems[0].to_string(),
            "w.geojson:feature 1: no \"WD19CD\" property; this file has \"WD25CD\": set the code field to it"
        );
    }
}
