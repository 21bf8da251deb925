//! The bundle: versioned JSON that carries layers, areas, indicators and metadata.
//!
//! Geometry is stored the TopoJSON way so shared borders can be stored once: each layer
//! has quantised, delta-encoded `arcs`, and each ring is a list of arc indices (`~i`, i.e.
//! `-i-1`, walks arc `i` backwards). The writer here emits one arc per ring; a writer that
//! shares borders between neighbours produces files this reader already understands.
//! The schema is `schema/bundle.schema.json` at the repository root.

use crate::derive::postcode::Postcodes;
use crate::model::atlas::{Area, Atlas, Combine, Estimate, Indicator, Layer, Meta, Place, Polarity, Series, Service, ServiceKind, Source};
use crate::model::geometry::{Bounds, MultiPolygon, Ring};
use crate::place::mesh::{middle, Mesh};
use crate::place::project::mercator;
use crate::place::topology::{build, decode_flat, stitch, Transform};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt;

/// The format marker every bundle starts with.
pub const FORMAT: &str = "needs-map-bundle";
/// The version this code writes; it reads every version up to it.
pub const VERSION: u32 = 1;
/// Bundles larger than this are refused before parsing (the all-England ward file, with
/// indicators, is far below it).
pub const MAX_BYTES: usize = 64 * 1024 * 1024;

/// Why a bundle could not be read, in words for the person who made it.
#[derive(Debug, Clone, PartialEq)]
pub struct BundleError(pub String);

impl fmt::Display for BundleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for BundleError {}

/// A bundle as written (`needsmap prepare`).
#[derive(Serialize)]
struct BundleOut<'a> {
    format: &'a str,
    version: u32,
    meta: &'a Meta,
    layers: Vec<LayerFile>,
    indicators: &'a [Indicator],
    #[serde(skip_serializing_if = "Option::is_none")]
    postcodes: Option<&'a Postcodes>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    services: &'a [ServiceKind],
}

/// A bundle as read: the geometry (most of its bytes) straight into its types; the rest,
/// small, as JSON values read field by field (`Fields`); the postcode index as its JSON,
/// read into an index when first asked for (see `derive::postcode`). Read by the visitors
/// in `shape`.
struct BundleIn {
    meta: Value,
    layers: Vec<LayerIn>,
    indicators: Vec<shape::IndicatorIn>,
    services: Vec<Value>,
}

/// A layer as read: its arcs in one run of deltas (one allocation, not one per arc: England's
/// LSOAs have hundreds of thousands of arcs), its areas' rings as arc references.
struct LayerIn {
    id: String,
    label: String,
    noun: String,
    transform: Transform,
    arcs: shape::Arcs,
    areas: Vec<AreaFile>,
}

#[derive(Serialize)]
struct LayerFile {
    id: String,
    label: String,
    noun: String,
    transform: Transform,
    /// Each arc is `[x0, y0, dx1, dy1, dx2, dy2, ...]` in quantised units.
    arcs: Vec<Vec<i64>>,
    areas: Vec<AreaFile>,
}

#[derive(Serialize)]
struct AreaFile {
    code: String,
    name: String,
    /// Polygons -> rings -> arc indices.
    polygons: Vec<Vec<Vec<i64>>>,
}

/// How geometry is written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WriteOptions {
    /// Grid steps across each layer's extent (100,000 keeps about 0.3 m at city scale).
    pub quantisation: u32,
    /// Douglas–Peucker tolerance in metres, applied once per shared border; 0 keeps every point.
    pub simplify_m: f64,
}

impl Default for WriteOptions {
    fn default() -> Self {
        WriteOptions { quantisation: 100_000, simplify_m: 0.0 }
    }
}

/// Writes an atlas as bundle JSON: each layer's borders as shared, quantised arcs.
///
/// ```
/// use needs_map::read::bundle;
/// let atlas = bundle::from_json(include_str!("../../../tests/fixtures/hole_and_enclave.json")).unwrap();
/// let text = bundle::to_json(&atlas, &bundle::WriteOptions::default());
/// let again = bundle::from_json(&text).unwrap();
/// assert_eq!(again.layers[0].areas.len(), 2);
/// ```
pub fn to_json(atlas: &Atlas, opts: &WriteOptions) -> String {
    let layers = atlas
        .layers
        .iter()
        .map(|layer| {
            let geoms: Vec<&MultiPolygon> = layer.areas.iter().map(|a| &a.geometry).collect();
            let mut topo = build(&geoms, &layer.bounds(), opts.quantisation);
            topo.simplify(opts.simplify_m);
            let arcs = topo.arcs.iter().map(|a| encode_arc(a)).collect();
            let areas = layer
                .areas
                .iter()
                .zip(topo.areas)
                .map(|(a, polygons)| AreaFile { code: a.code.clone(), name: a.name.clone(), polygons })
                .collect();
            LayerFile { id: layer.id.clone(), label: layer.label.clone(), noun: layer.noun.clone(), transform: topo.transform, arcs, areas }
        })
        .collect();
    let file = BundleOut {
        format: FORMAT,
        version: VERSION,
        meta: &atlas.meta,
        layers,
        indicators: &atlas.indicators,
        postcodes: atlas.postcodes.as_ref(),
        services: &atlas.services,
    };
    let mut s = serde_json::to_string(&file).expect("bundle serialises");
    s.push('\n');
    s
}

/// Writes an atlas as bundle JSON without its geometry: the areas' codes and names, the
/// indicators and the words. The GeoJSON converter hands a map to the widget this way, the
/// outlines beside it as typed arrays, so that one reader ([`from_json`]) reads both kinds of
/// map and the converter needs no topology.
///
/// ```
/// use needs_map::read::bundle;
/// let mut atlas = bundle::from_json(include_str!("../../../tests/fixtures/hole_and_enclave.json")).unwrap();
/// let again = bundle::from_json(&bundle::outline_json(&atlas)).unwrap();
/// assert_eq!(again.layers[0].areas.len(), 2);
/// assert!(again.layers[0].areas[0].geometry.is_empty());
/// ```
pub fn outline_json(atlas: &Atlas) -> String {
    let layers = atlas
        .layers
        .iter()
        .map(|layer| LayerFile {
            id: layer.id.clone(),
            label: layer.label.clone(),
            noun: layer.noun.clone(),
            transform: Transform { scale: [1.0, 1.0], translate: [0.0, 0.0] },
            arcs: Vec::new(),
            areas: layer.areas.iter().map(|a| AreaFile { code: a.code.clone(), name: a.name.clone(), polygons: Vec::new() }).collect(),
        })
        .collect();
    let file = BundleOut {
        format: FORMAT,
        version: VERSION,
        meta: &atlas.meta,
        layers,
        indicators: &atlas.indicators,
        postcodes: None,
        services: &atlas.services,
    };
    serde_json::to_string(&file).expect("bundle serialises")
}

/// Delta-encodes grid points as flat `[x0, y0, dx1, dy1, ...]`.
fn encode_arc(points: &[[i64; 2]]) -> Vec<i64> {
    let mut out = Vec::with_capacity(points.len() * 2);
    let mut prev = [0i64, 0i64];
    for p in points {
        out.push(p[0] - prev[0]);
        out.push(p[1] - prev[1]);
        prev = *p;
    }
    out
}

/// Where JSON text opens its 128th level of nesting (line and column, as serde_json counts
/// them), if it does: skipping a value unread has no depth limit of its own.
fn too_deep(text: &str) -> Option<(usize, usize)> {
    let (mut depth, mut in_string, mut escaped, mut line, mut column) = (0usize, false, false, 1, 0);
    for b in text.bytes() {
        column += 1;
        match (in_string, b) {
            (true, _) if escaped => escaped = false,
            (true, b'\\') => escaped = true,
            (true, b'"') | (false, b'"') => in_string = !in_string,
            (false, b'[' | b'{') => {
                depth += 1;
                if depth == 128 {
                    return Some((line, column));
                }
            }
            (false, b']' | b'}') => depth = depth.saturating_sub(1),
            (false, b'\n') => (line, column) = (line + 1, 0),
            _ => {}
        }
    }
    None
}

/// Reads everything of a bundle but its geometry, which is left as its layers' arcs, checking
/// every reference: an atlas without layers, and the layers as read.
fn read(text: &str) -> Result<(Atlas, Vec<LayerIn>), BundleError> {
    if text.len() > MAX_BYTES {
        let bytes = |n: usize| crate::style::text::format_value(n as f64, 0, "bytes");
        return Err(BundleError(format!(
            "the bundle is {}, over the limit of {} ({} MB); split it into smaller bundles",
            bytes(text.len()),
            bytes(MAX_BYTES),
            MAX_BYTES >> 20
        )));
    }
    // The format and version first, skipping the rest unread, so that a wrong file gets a
    // plain answer; then the whole file straight into its types (no JSON tree in between,
    // which for England's wards would hold ten times the file's size).
    let json_error = |e: serde_json::Error| {
        if e.to_string().contains("recursion limit") {
            BundleError(format!(
                "the bundle is nested more than 128 levels deep (line {}, column {}); check the file is a bundle made by `needsmap prepare`",
                e.line(),
                e.column()
            ))
        } else {
            BundleError(format!("the bundle is not valid JSON ({e}); check the file is complete and was not changed by hand"))
        }
    };
    let head: shape::Head = match serde_json::from_str(text) {
        Ok(h) => h,
        // Valid JSON whose "format" or "version" is not a string or a number, or that is not
        // an object; but a file too deeply nested to read says so.
        Err(e) if e.classify() == serde_json::error::Category::Data => {
            if let Some((line, column)) = too_deep(text) {
                return Err(BundleError(format!(
                    "the bundle is nested more than 128 levels deep (line {line}, column {column}); check the file is a bundle made by `needsmap prepare`"
                )));
            }
            shape::Head::default()
        }
        Err(e) => return Err(json_error(e)),
    };
    if head.format.as_deref() != Some(FORMAT) {
        return Err(BundleError(format!(
            "not a needs-map bundle (no \"format\": \"{FORMAT}\"); make one with `needsmap prepare`, or give GeoJSON with the boundaries attribute"
        )));
    }
    let version = head.version.unwrap_or(0);
    if version == 0 || version > VERSION as u64 {
        return Err(BundleError(format!(
            "bundle version {version} is not one this widget reads (it reads 1 to {VERSION}); update needs-map or re-run the recipe"
        )));
    }
    let file: BundleIn = serde_json::from_str::<shape::File>(text).map(|f| f.0).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => BundleError(format!("the bundle does not follow the format ({e}); re-run `needsmap prepare`")),
        _ => json_error(e),
    })?;
    let meta = meta(&file.meta).map_err(unfollowed)?;
    let indicators = file.indicators.iter().enumerate().map(|(i, v)| indicator(i, v)).collect::<Result<Vec<_>, _>>().map_err(unfollowed)?;
    let services = file.services.iter().enumerate().map(|(i, v)| service_kind(i, v)).collect::<Result<Vec<_>, _>>().map_err(unfollowed)?;
    for ind in &indicators {
        if !file.layers.iter().any(|l| l.id == ind.layer) {
            return Err(BundleError(format!("indicator {} is on layer \"{}\", which the bundle does not have", ind.id, ind.layer)));
        }
    }
    let postcodes = member(text, "postcodes").filter(|p| *p != "null").map(|p| Postcodes::Text(p.to_string()));
    Ok((Atlas { meta, layers: Vec::new(), indicators, postcodes, services }, file.layers))
}

/// Reads bundle JSON into an atlas, checking every reference.
///
/// ```
/// use needs_map::read::bundle;
/// let err = bundle::from_json("{\"format\": \"something-else\"}").unwrap_err();
/// assert!(err.to_string().contains("not a needs-map bundle"));
/// ```
pub fn from_json(text: &str) -> Result<Atlas, BundleError> {
    let (mut atlas, layers) = read(text)?;
    for lf in layers {
        let arcs: Vec<Ring> = (0..lf.arcs.len())
            .map(|i| {
                decode_flat(lf.arcs.get(i), &lf.transform)
                    .ok_or_else(|| BundleError(format!("layer {}: arc {i} is not pairs of coordinates within range", lf.id)))
            })
            .collect::<Result<_, _>>()?;
        let mut areas = Vec::with_capacity(lf.areas.len());
        for af in lf.areas {
            let mut geometry: MultiPolygon = Vec::with_capacity(af.polygons.len());
            for poly in &af.polygons {
                let mut rings = Vec::with_capacity(poly.len());
                for ring_arcs in poly {
                    rings.push(stitch(ring_arcs, &arcs).map_err(|m| BundleError(format!("layer {}, area {}: {m}", lf.id, af.code)))?);
                }
                geometry.push(rings);
            }
            areas.push(Area { code: af.code, name: af.name, geometry });
        }
        atlas.layers.push(Layer { id: lf.id, label: lf.label, noun: lf.noun, areas });
    }
    Ok(atlas)
}

/// Reads bundle JSON into an atlas of figures: every layer's areas by code and name, without
/// their geometry (what adding areas up needs, read by the module loaded on first use).
///
/// ```
/// use needs_map::read::bundle;
/// let atlas = bundle::figures_of(include_str!("../../../data/coventry.json")).unwrap();
/// assert_eq!((atlas.layers[0].areas.len(), atlas.layers[0].areas[4].name.as_str()), (18, "Foleshill"));
/// assert!(atlas.layers[0].areas[4].geometry.is_empty());
/// ```
pub fn figures_of(text: &str) -> Result<Atlas, BundleError> {
    let (mut atlas, layers) = read(text)?;
    for lf in layers {
        let areas = lf.areas.into_iter().map(|a| Area { code: a.code, name: a.name, geometry: Vec::new() }).collect();
        atlas.layers.push(Layer { id: lf.id, label: lf.label, noun: lf.noun, areas });
    }
    Ok(atlas)
}

/// A layer's outlines as the widget keeps them (see [`Mesh`]), with their extent.
pub type Meshed = (String, Mesh, Bounds);

/// Reads bundle JSON into an atlas whose areas carry no geometry, and each layer's outlines
/// as a [`Mesh`]: the arcs are decoded and projected once each, and the rings laid end to end
/// in one buffer, never held as longitude/latitude (what the widget needs, in a fraction of
/// [`from_json`]'s time and memory for England's LSOAs).
///
/// ```
/// use needs_map::read::bundle;
/// let (atlas, meshes) = bundle::from_json_meshed(include_str!("../../../data/coventry.json")).unwrap();
/// let (id, mesh, extent) = &meshes[0];
/// assert_eq!((id.as_str(), mesh.area_count()), ("ward", 18));
/// assert!(atlas.layers[0].areas[0].geometry.is_empty() && extent.min[0] < -1.5);
/// // The same outlines as projecting the areas read in full.
/// let full = bundle::from_json(include_str!("../../../data/coventry.json")).unwrap();
/// assert_eq!(mesh.parts(), needs_map::place::mesh::Mesh::new(&full.layers[0]).parts());
/// ```
pub fn from_json_meshed(text: &str) -> Result<(Atlas, Vec<Meshed>), BundleError> {
    let (mut atlas, layers) = read(text)?;
    let mut meshes = Vec::with_capacity(layers.len());
    for lf in layers {
        let out_of_range = |i: usize| BundleError(format!("layer {}: arc {i} is not pairs of coordinates within range", lf.id));
        let t = &lf.transform;
        // Where the points lie (the mesh's origin is the middle), then each point projected.
        let mut grid = [i64::MAX, i64::MAX, i64::MIN, i64::MIN];
        for i in 0..lf.arcs.len() {
            let a = lf.arcs.get(i);
            if a.len() % 2 != 0 {
                return Err(out_of_range(i));
            }
            let (mut x, mut y) = (0i64, 0i64);
            for d in a.chunks_exact(2) {
                x = x.checked_add(d[0]).ok_or_else(|| out_of_range(i))?;
                y = y.checked_add(d[1]).ok_or_else(|| out_of_range(i))?;
                grid = [grid[0].min(x), grid[1].min(y), grid[2].max(x), grid[3].max(y)];
            }
        }
        let lonlat = |x: i64, y: i64| [x as f64 * t.scale[0] + t.translate[0], y as f64 * t.scale[1] + t.translate[1]];
        let (lo, hi) = (lonlat(grid[0], grid[1]), lonlat(grid[2], grid[3]));
        let extent = if grid[0] > grid[2] {
            Bounds::empty()
        } else {
            Bounds { min: [lo[0].min(hi[0]), lo[1].min(hi[1])], max: [lo[0].max(hi[0]), lo[1].max(hi[1])] }
        };
        let origin = middle(&extent);
        let mut projected = Vec::with_capacity(lf.arcs.deltas.len());
        for i in 0..lf.arcs.len() {
            let (mut x, mut y) = (0i64, 0i64);
            for d in lf.arcs.get(i).chunks_exact(2) {
                (x, y) = (x + d[0], y + d[1]);
                let m = mercator(lonlat(x, y));
                projected.extend([(m[0] - origin[0]) as f32, (m[1] - origin[1]) as f32]);
            }
        }
        let arc = |i: usize| &projected[lf.arcs.start(i)..lf.arcs.start(i + 1)];
        let (mut xy, mut rings, mut areas) = (Vec::with_capacity(projected.len()), vec![0u32], vec![0u32]);
        let mut names = Vec::with_capacity(lf.areas.len());
        for af in lf.areas {
            for ring_arcs in af.polygons.iter().flatten() {
                let start = xy.len();
                for &r in ring_arcs {
                    let idx = crate::place::topology::arc_index(r);
                    if idx >= lf.arcs.len() {
                        return Err(BundleError(format!(
                            "layer {}, area {}: arc {r} does not exist (there are {})",
                            lf.id,
                            af.code,
                            lf.arcs.len()
                        )));
                    }
                    // Consecutive arcs share their joining point: keep it once.
                    let skip = if xy.len() > start { 2 } else { 0 };
                    let a = arc(idx);
                    if r < 0 {
                        for p in a.chunks_exact(2).rev().skip(skip / 2) {
                            xy.extend_from_slice(p);
                        }
                    } else {
                        xy.extend_from_slice(&a[skip.min(a.len())..]);
                    }
                }
                rings.push((xy.len() / 2) as u32);
            }
            areas.push((rings.len() - 1) as u32);
            names.push(Area { code: af.code, name: af.name, geometry: Vec::new() });
        }
        drop(projected);
        let mesh = Mesh::from_parts(origin, xy, rings, areas).map_err(|m| BundleError(format!("layer {}: {m}", lf.id)))?;
        atlas.layers.push(Layer { id: lf.id.clone(), label: lf.label, noun: lf.noun, areas: names });
        meshes.push((lf.id, mesh, extent));
    }
    Ok((atlas, meshes))
}

/// The text of a member of the top-level object of valid JSON `text`, as written (a scan
/// for strings and brackets; the file was read whole before). Keeps a large part unread
/// until it is needed: serde_json's own raw values would cost the widget 12 KB.
///
/// ```
/// use needs_map::read::bundle::member;
/// let text = r#"{"a": [1, {"b": "}"}], "postcodes" : {"x": "]\""} }"#;
/// assert_eq!(member(text, "postcodes"), Some(r#"{"x": "]\""}"#));
/// assert_eq!(member(text, "b"), None);
/// assert_eq!(member(r#"{"n": 5, "m": 6}"#, "n"), Some("5"));
/// ```
pub fn member<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    // Most large bundles have no such member: a plain search says so without the walk.
    if !text.contains(&format!("\"{key}\"")) {
        return None;
    }
    let b = text.as_bytes();
    // The index past the string opening at `j`.
    let past_string = |mut j: usize| {
        j += 1;
        while j < b.len() && b[j] != b'"' {
            j += if b[j] == b'\\' { 2 } else { 1 };
        }
        j + 1
    };
    let (mut depth, mut i) = (0usize, 0usize);
    while i < b.len() {
        match b[i] {
            b'"' => {
                let end = past_string(i);
                if depth == 1 && text.get(i + 1..end - 1) == Some(key) {
                    // The value after the colon, to the comma or brace that ends it.
                    let mut j = end;
                    while j < b.len() && (b[j] == b':' || b[j].is_ascii_whitespace()) {
                        j += 1;
                    }
                    let (start, mut d) = (j, 0usize);
                    while j < b.len() {
                        match b[j] {
                            b'"' => {
                                j = past_string(j);
                                continue;
                            }
                            b'{' | b'[' => d += 1,
                            b'}' | b']' if d == 0 => break,
                            b'}' | b']' => d -= 1,
                            b',' if d == 0 => break,
                            _ => {}
                        }
                        j += 1;
                    }
                    return text.get(start..j).map(str::trim_end);
                }
                i = end;
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

fn unfollowed(m: String) -> BundleError {
    BundleError(format!("the bundle does not follow the format ({m}); re-run `needsmap prepare`"))
}

/// The fields of a JSON object, read by name, each error naming where it is.
struct Fields<'a> {
    map: &'a Map<String, Value>,
    at: &'a dyn Fn() -> String,
}

impl<'a> Fields<'a> {
    fn of(v: &'a Value, at: &'a dyn Fn() -> String) -> Result<Fields<'a>, String> {
        v.as_object().map(|map| Fields { map, at }).ok_or_else(|| format!("{} is not an object", at()))
    }
    fn wrong(&self, key: &str, what: &str) -> String {
        format!("{}: \"{key}\" is not {what}", (self.at)())
    }
    fn opt_str(&self, key: &str) -> Result<Option<String>, String> {
        match self.map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(self.wrong(key, "text")),
        }
    }
    fn str(&self, key: &str) -> Result<String, String> {
        self.opt_str(key)?.ok_or_else(|| format!("{}: \"{key}\" is missing", (self.at)()))
    }
    /// Text that may be left out: empty then.
    fn text(&self, key: &str) -> Result<String, String> {
        Ok(self.opt_str(key)?.unwrap_or_default())
    }
    fn opt_num(&self, key: &str) -> Result<Option<f64>, String> {
        match self.map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) => n.as_f64().filter(|v| v.is_finite()).map(Some).ok_or_else(|| self.wrong(key, "a finite number")),
            Some(_) => Err(self.wrong(key, "a number")),
        }
    }
    fn list(&self, key: &str) -> Result<&'a [Value], String> {
        match self.map.get(key) {
            None | Some(Value::Null) => Ok(&[]),
            Some(Value::Array(a)) => Ok(a),
            Some(_) => Err(self.wrong(key, "a list")),
        }
    }
    fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }
}

fn meta(v: &Value) -> Result<Meta, String> {
    let at = || "meta".to_string();
    let f = Fields::of(v, &at)?;
    let place_at = || "meta.place".to_string();
    let place = match f.get("place") {
        Some(p) => {
            let p = Fields::of(p, &place_at)?;
            Place { code: p.text("code")?, name: p.text("name")? }
        }
        None => Place::default(),
    };
    let sources = f
        .list("sources")?
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let at = || format!("meta.sources[{i}]");
            let s = Fields::of(s, &at)?;
            Ok(Source { name: s.text("name")?, publisher: s.text("publisher")?, licence: s.text("licence")?, file: s.text("file")? })
        })
        .collect::<Result<_, String>>()?;
    Ok(Meta {
        title: f.text("title")?,
        description: f.text("description")?,
        place,
        attribution: f.text("attribution")?,
        vintage: f.text("vintage")?,
        sources,
    })
}

/// An estimate as read, with its value: finite numbers, the value required.
fn estimate(e: &shape::EstimateIn, at: &dyn Fn() -> String) -> Result<Estimate, String> {
    let finite = |v: Option<f64>, key: &str| match v {
        Some(x) if !x.is_finite() => Err(format!("{}: \"{key}\" is not a finite number", at())),
        v => Ok(v),
    };
    let value = finite(e.value, "value")?.ok_or_else(|| format!("{}: \"value\" is missing", at()))?;
    Ok(Estimate { value, lower: finite(e.lower, "lower")?, upper: finite(e.upper, "upper")? })
}

fn indicator(i: usize, ind: &shape::IndicatorIn) -> Result<Indicator, String> {
    let v = &ind.fields;
    let id = v.get("id").and_then(Value::as_str).unwrap_or_default().to_string();
    let at = || format!("indicator {} (\"{id}\")", i + 1);
    let f = Fields::of(v, &at)?;
    let polarity = match f.str("polarity")?.as_str() {
        "higher-worse" => Polarity::HigherWorse,
        "higher-better" => Polarity::HigherBetter,
        "neutral" => Polarity::Neutral,
        _ => return Err(f.wrong("polarity", "higher-worse, higher-better or neutral")),
    };
    let decimals = match f.opt_num("decimals")? {
        None => 1,
        Some(d) if d.fract() == 0.0 && (0.0..=6.0).contains(&d) => d as u8,
        Some(_) => return Err(f.wrong("decimals", "a whole number from 0 to 6")),
    };
    let series = ind
        .series
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let values = s
                .values
                .iter()
                .map(|(code, e)| Ok((code.clone(), estimate(e, &|| format!("indicator \"{id}\", value of {code}"))?)))
                .collect::<Result<_, String>>()?;
            let bench = |e: &Option<shape::EstimateIn>, key: &str| {
                e.as_ref().map(|e| estimate(e, &|| format!("indicator \"{id}\", {key}"))).transpose()
            };
            let period = s.period.clone().ok_or_else(|| format!("indicator \"{id}\", series {}: \"period\" is missing", k + 1))?;
            let parts = match &s.parts {
                Some(p) if !cfg!(feature = "web") => Some(parts(p, &|| format!("indicator \"{id}\", series {}, parts", k + 1))?),
                _ => None,
            };
            Ok(Series {
                period,
                values,
                england: bench(&s.england, "england")?,
                city: bench(&s.city, "city")?,
                parts: parts.unwrap_or_default(),
            })
        })
        .collect::<Result<_, String>>()?;
    Ok(Indicator {
        label: f.str("label")?,
        unit: f.text("unit")?,
        polarity,
        layer: f.str("layer")?,
        decimals,
        description: f.text("description")?,
        source: f.text("source")?,
        rank_word: f.opt_str("rank_word")?,
        significance_level: f.opt_num("significance_level")?.unwrap_or(95.0),
        significance_test: match f.opt_str("significance_test")?.as_deref() {
            None | Some("contains") => crate::model::atlas::SignificanceTest::Contains,
            Some("overlap") => crate::model::atlas::SignificanceTest::Overlap,
            Some(t) => return Err(format!("indicator: significance_test \"{t}\" is not contains or overlap")),
        },
        short: f.opt_str("short")?,
        framework: f.opt_str("framework")?,
        no_change: f.opt_str("no_change")?,
        combine: match f.get("combine") {
            Some(c) if !cfg!(feature = "web") => Some(combine(c, &|| format!("{}, combine", at()))?),
            _ => None,
        },
        series,
        id: f.str("id")?,
    })
}

/// An indicator's rule for adding areas up (`{"rule": "weighted_mean", "weight": ...}`).
fn combine(v: &Value, at: &dyn Fn() -> String) -> Result<Combine, String> {
    let f = Fields::of(v, at)?;
    Ok(match f.str("rule")?.as_str() {
        "weighted_mean" => Combine::WeightedMean { weight: f.str("weight")? },
        "ratio" => Combine::Ratio {
            per: f.opt_num("per")?.ok_or_else(|| f.wrong("per", "a number"))?,
            proportion: match f.get("proportion") {
                None => false,
                Some(Value::Bool(b)) => *b,
                Some(_) => return Err(f.wrong("proportion", "true or false")),
            },
        },
        "sum" => Combine::Sum,
        "growth" => Combine::Growth,
        "none" => Combine::None { why: f.text("why")? },
        _ => return Err(f.wrong("rule", "weighted_mean, ratio, sum, growth or none")),
    })
}

/// A series' parts: area code -> a pair of finite numbers.
fn parts(v: &Value, at: &dyn Fn() -> String) -> Result<BTreeMap<String, [f64; 2]>, String> {
    let map = v.as_object().ok_or_else(|| format!("{} is not an object", at()))?;
    let mut out = BTreeMap::new();
    for (code, p) in map {
        let pair = p.as_array().filter(|a| a.len() == 2).and_then(|a| Some([a[0].as_f64()?, a[1].as_f64()?]));
        match pair {
            Some(pair) if pair.iter().all(|v| v.is_finite()) => out.insert(code.clone(), pair),
            _ => return Err(format!("{}: {code} is not a pair of numbers", at())),
        };
    }
    Ok(out)
}

fn service_kind(i: usize, v: &Value) -> Result<ServiceKind, String> {
    let at = || format!("services[{i}]");
    let f = Fields::of(v, &at)?;
    let points = f
        .list("points")?
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let at = || format!("services[{i}].points[{k}]");
            let pf = Fields::of(p, &at)?;
            let xy: Vec<f64> = pf.list("at")?.iter().filter_map(Value::as_f64).filter(|v| v.is_finite()).collect();
            let &[lon, lat] = xy.as_slice() else { return Err(pf.wrong("at", "a longitude and a latitude")) };
            Ok(Service {
                code: pf.text("code")?,
                name: pf.text("name")?,
                address: pf.text("address")?,
                postcode: pf.text("postcode")?,
                at: [lon, lat],
            })
        })
        .collect::<Result<_, String>>()?;
    Ok(ServiceKind {
        id: f.str("id")?,
        label: f.str("label")?,
        singular: f.text("singular")?,
        shape: f.text("shape")?,
        source: f.text("source")?,
        points,
    })
}

/// Readers of the bundle's parts that take whatever JSON comes (`deserialize_any`) and say
/// in their own words what they expected. serde's typed paths word a wrong type with its
/// `Unexpected`, which brings core's float formatting into the widget's module (7 KB of its
/// download); the geometry, most of a bundle's bytes, still goes straight into its types.
mod shape {
    use super::{AreaFile, BundleIn, LayerIn};
    use crate::place::topology::Transform;
    use serde::de::{Deserialize, DeserializeSeed, Deserializer, Error, IgnoredAny, MapAccess, SeqAccess, Visitor};
    use serde_json::Value;
    use std::fmt;
    use std::marker::PhantomData;

    /// The visitor methods of JSON's other kinds of value, each a plain error saying what
    /// was expected.
    macro_rules! otherwise {
        ($what:expr, $($method:ident: $ty:ty),*) => {
            $(fn $method<E: Error>(self, _: $ty) -> Result<Self::Value, E> {
                Err(E::custom(concat!("expected ", $what)))
            })*
            fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
                Err(E::custom(concat!("expected ", $what)))
            }
        };
    }

    /// The format and version, the rest skipped unread.
    #[derive(Default)]
    pub struct Head {
        pub format: Option<String>,
        pub version: Option<u64>,
    }

    impl<'de> Deserialize<'de> for Head {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Head, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Head;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("a bundle")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Head, A::Error> {
                    let mut h = Head::default();
                    while let Some(k) = m.next_key::<Key>()? {
                        match k.0.as_str() {
                            "format" => h.format = m.next_value::<Value>()?.as_str().map(str::to_string),
                            "version" => h.version = m.next_value::<Value>()?.as_u64(),
                            _ => drop(m.next_value::<IgnoredAny>()?),
                        }
                    }
                    Ok(h)
                }
                // Not an object: an error of the data's kind, so the caller checks nesting
                // first and then says it is not a bundle.
                fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Head, A::Error> {
                    Err(A::Error::custom("expected an object"))
                }
                otherwise!("an object", visit_bool: bool, visit_i64: i64, visit_u64: u64, visit_f64: f64, visit_str: &str);
            }
            d.deserialize_any(V)
        }
    }

    /// An object's key.
    struct Key(String);

    impl<'de> Deserialize<'de> for Key {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Key, D::Error> {
            Text::deserialize(d).map(|t| Key(t.0))
        }
    }

    /// Text.
    struct Text(String);

    impl<'de> Deserialize<'de> for Text {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Text;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("text")
                }
                fn visit_str<E: Error>(self, s: &str) -> Result<Text, E> {
                    Ok(Text(s.to_string()))
                }
                fn visit_string<E: Error>(self, s: String) -> Result<Text, E> {
                    Ok(Text(s))
                }
                fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Text, A::Error> {
                    Err(A::Error::custom("expected text, not a list"))
                }
                fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Text, A::Error> {
                    Err(A::Error::custom("expected text, not an object"))
                }
                otherwise!("text", visit_bool: bool, visit_i64: i64, visit_u64: u64, visit_f64: f64);
            }
            d.deserialize_any(V)
        }
    }

    /// A whole number (an arc's coordinate, an arc's index).
    struct Int(i64);

    impl<'de> Deserialize<'de> for Int {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Int, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Int;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("a whole number")
                }
                fn visit_i64<E: Error>(self, v: i64) -> Result<Int, E> {
                    Ok(Int(v))
                }
                fn visit_u64<E: Error>(self, v: u64) -> Result<Int, E> {
                    i64::try_from(v).map(Int).map_err(|_| E::custom("expected a whole number within range"))
                }
                fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Int, A::Error> {
                    Err(A::Error::custom("expected a whole number, not a list"))
                }
                fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Int, A::Error> {
                    Err(A::Error::custom("expected a whole number, not an object"))
                }
                otherwise!("a whole number", visit_bool: bool, visit_f64: f64, visit_str: &str);
            }
            d.deserialize_any(V)
        }
    }

    /// A list of `T`, each read by `T`'s own reader.
    struct List<T>(Vec<T>);

    impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<List<T>, D::Error> {
            struct V<T>(PhantomData<T>);
            impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
                type Value = List<T>;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("a list")
                }
                fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<List<T>, A::Error> {
                    let mut out = Vec::with_capacity(s.size_hint().unwrap_or(0).min(4096));
                    while let Some(x) = s.next_element::<T>()? {
                        out.push(x);
                    }
                    Ok(List(out))
                }
                fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<List<T>, A::Error> {
                    Err(A::Error::custom("expected a list, not an object"))
                }
                otherwise!("a list", visit_bool: bool, visit_i64: i64, visit_u64: u64, visit_f64: f64, visit_str: &str);
            }
            d.deserialize_any(V(PhantomData))
        }
    }

    /// Reads an object's fields: `field(key, access)` takes each value it knows and returns
    /// whether it did; the rest are skipped.
    fn object<'de, A: MapAccess<'de>>(mut m: A, mut field: impl FnMut(&str, &mut A) -> Result<bool, A::Error>) -> Result<(), A::Error> {
        while let Some(k) = m.next_key::<Key>()? {
            if !field(&k.0, &mut m)? {
                m.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }

    /// A layer's arcs, `[[x0, y0, dx1, dy1, ...], ...]`, read into one run of deltas.
    #[derive(Default)]
    pub struct Arcs {
        pub deltas: Vec<i64>,
        /// Where each arc ends in `deltas`.
        ends: Vec<u32>,
    }

    impl Arcs {
        pub fn len(&self) -> usize {
            self.ends.len()
        }
        /// Where arc `i` starts in `deltas` (`i == len()`: where the last one ends).
        pub fn start(&self, i: usize) -> usize {
            if i == 0 {
                0
            } else {
                self.ends[i - 1] as usize
            }
        }
        /// Arc `i`'s deltas.
        pub fn get(&self, i: usize) -> &[i64] {
            &self.deltas[self.start(i)..self.ends[i] as usize]
        }
    }

    /// One arc's numbers, appended to the run.
    struct Arc<'a>(&'a mut Vec<i64>);

    impl<'de> DeserializeSeed<'de> for Arc<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            struct V<'a>(&'a mut Vec<i64>);
            impl<'de> Visitor<'de> for V<'_> {
                type Value = ();
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("an arc (a list of whole numbers)")
                }
                fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<(), A::Error> {
                    while let Some(i) = s.next_element::<Int>()? {
                        self.0.push(i.0);
                    }
                    Ok(())
                }
                fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<(), A::Error> {
                    Err(A::Error::custom("expected an arc, not an object"))
                }
                otherwise!("an arc", visit_bool: bool, visit_i64: i64, visit_u64: u64, visit_f64: f64, visit_str: &str);
            }
            d.deserialize_any(V(self.0))
        }
    }

    impl<'de> Deserialize<'de> for Arcs {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Arcs, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Arcs;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("a list of arcs")
                }
                fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<Arcs, A::Error> {
                    let mut arcs = Arcs::default();
                    while s.next_element_seed(Arc(&mut arcs.deltas))?.is_some() {
                        let end = u32::try_from(arcs.deltas.len()).map_err(|_| A::Error::custom("too many points in a layer"))?;
                        arcs.ends.push(end);
                    }
                    Ok(arcs)
                }
                fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Arcs, A::Error> {
                    Err(A::Error::custom("expected a list of arcs, not an object"))
                }
                otherwise!("a list of arcs", visit_bool: bool, visit_i64: i64, visit_u64: u64, visit_f64: f64, visit_str: &str);
            }
            d.deserialize_any(V)
        }
    }

    fn layer<'de, D: Deserializer<'de>>(d: D) -> Result<LayerIn, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = LayerIn;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a layer")
            }
            fn visit_map<A: MapAccess<'de>>(self, m: A) -> Result<LayerIn, A::Error> {
                let (mut id, mut label, mut noun, mut transform, mut arcs, mut areas) = (None, None, None, None, None, None);
                object(m, |k, m| {
                    match k {
                        "id" => id = Some(m.next_value::<Text>()?.0),
                        "label" => label = Some(m.next_value::<Text>()?.0),
                        "noun" => noun = Some(m.next_value::<Text>()?.0),
                        "transform" => transform = Some(m.next_value::<Value>()?),
                        "arcs" => arcs = Some(m.next_value::<Arcs>()?),
                        "areas" => areas = Some(m.next_value::<List<Area>>()?.0),
                        _ => return Ok(false),
                    }
                    Ok(true)
                })?;
                let need = |k: &str| A::Error::custom(format!("a layer has no \"{k}\""));
                let t = transform.ok_or_else(|| need("transform"))?;
                let pair = |k: &str| -> Option<[f64; 2]> {
                    let v = t.get(k)?.as_array()?;
                    let (x, y) = (v.first()?.as_f64()?, v.get(1)?.as_f64()?);
                    (v.len() == 2 && x.is_finite() && y.is_finite()).then_some([x, y])
                };
                let transform = match (pair("scale"), pair("translate")) {
                    (Some(scale), Some(translate)) => Transform { scale, translate },
                    _ => return Err(A::Error::custom("a layer's transform is not two pairs of finite numbers (\"scale\", \"translate\")")),
                };
                let arcs = arcs.ok_or_else(|| need("arcs"))?;
                Ok(LayerIn {
                    id: id.ok_or_else(|| need("id"))?,
                    label: label.ok_or_else(|| need("label"))?,
                    noun: noun.ok_or_else(|| need("noun"))?,
                    transform,
                    arcs,
                    areas: areas.ok_or_else(|| need("areas"))?.into_iter().map(|a| a.0).collect(),
                })
            }
            fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<LayerIn, A::Error> {
                Err(A::Error::custom("expected a layer, not a list"))
            }
            otherwise!("a layer", visit_bool: bool, visit_i64: i64, visit_u64: u64, visit_f64: f64, visit_str: &str);
        }
        d.deserialize_any(V)
    }

    struct Layer(LayerIn);

    impl<'de> Deserialize<'de> for Layer {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Layer, D::Error> {
            layer(d).map(Layer)
        }
    }

    struct Area(AreaFile);

    impl<'de> Deserialize<'de> for Area {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Area, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Area;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("an area")
                }
                fn visit_map<A: MapAccess<'de>>(self, m: A) -> Result<Area, A::Error> {
                    let (mut code, mut name, mut polygons) = (None, None, None);
                    object(m, |k, m| {
                        match k {
                            "code" => code = Some(m.next_value::<Text>()?.0),
                            "name" => name = Some(m.next_value::<Text>()?.0),
                            "polygons" => polygons = Some(m.next_value::<List<List<List<Int>>>>()?.0),
                            _ => return Ok(false),
                        }
                        Ok(true)
                    })?;
                    let need = |k: &str| A::Error::custom(format!("an area has no \"{k}\""));
                    let polygons = polygons
                        .ok_or_else(|| need("polygons"))?
                        .into_iter()
                        .map(|p| p.0.into_iter().map(|r| r.0.into_iter().map(|i| i.0).collect()).collect())
                        .collect();
                    Ok(Area(AreaFile { code: code.ok_or_else(|| need("code"))?, name: name.ok_or_else(|| need("name"))?, polygons }))
                }
                fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Area, A::Error> {
                    Err(A::Error::custom("expected an area, not a list"))
                }
                otherwise!("an area", visit_bool: bool, visit_i64: i64, visit_u64: u64, visit_f64: f64, visit_str: &str);
            }
            d.deserialize_any(V)
        }
    }

    /// An indicator as read: its fields as JSON values, read one by one (see `Fields`), but
    /// its series typed, straight from the text: its values are most of a large bundle
    /// (England's LSOAs: ten indicators of 32,844 areas).
    pub struct IndicatorIn {
        pub fields: Value,
        pub series: Vec<SeriesIn>,
    }

    pub struct SeriesIn {
        pub period: Option<String>,
        pub values: Vec<(String, EstimateIn)>,
        pub england: Option<EstimateIn>,
        pub city: Option<EstimateIn>,
        /// `{"code": [a, b], ...}`, read as a JSON value (small: one pair per area).
        pub parts: Option<Value>,
    }

    /// `{"value": v, "lower": l, "upper": u}`, each part a number or absent.
    #[derive(Default, Clone, Copy)]
    pub struct EstimateIn {
        pub value: Option<f64>,
        pub lower: Option<f64>,
        pub upper: Option<f64>,
    }

    impl<'de> Deserialize<'de> for IndicatorIn {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<IndicatorIn, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = IndicatorIn;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("an indicator")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<IndicatorIn, A::Error> {
                    let (mut fields, mut series) = (serde_json::Map::new(), Vec::new());
                    while let Some(k) = m.next_key::<Key>()? {
                        if k.0 == "series" {
                            series = m.next_value::<List<SeriesIn>>()?.0;
                        } else {
                            fields.insert(k.0, m.next_value()?);
                        }
                    }
                    Ok(IndicatorIn { fields: Value::Object(fields), series })
                }
                fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<IndicatorIn, A::Error> {
                    Err(A::Error::custom("expected an indicator, not a list"))
                }
                otherwise!("an indicator", visit_bool: bool, visit_i64: i64, visit_u64: u64, visit_f64: f64, visit_str: &str);
            }
            d.deserialize_any(V)
        }
    }

    impl<'de> Deserialize<'de> for SeriesIn {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<SeriesIn, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = SeriesIn;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("a series")
                }
                fn visit_map<A: MapAccess<'de>>(self, m: A) -> Result<SeriesIn, A::Error> {
                    let mut s = SeriesIn { period: None, values: Vec::new(), england: None, city: None, parts: None };
                    object(m, |k, m| {
                        match k {
                            "period" => s.period = Some(m.next_value::<Text>()?.0),
                            "values" => s.values = m.next_value::<Values>()?.0,
                            "england" => s.england = m.next_value::<Option<EstimateIn>>()?,
                            "city" => s.city = m.next_value::<Option<EstimateIn>>()?,
                            // The widget's own module never adds areas up (the module
                            // loaded on first use does): it skips the parts, as many
                            // numbers again as the values for aggregated indicators.
                            "parts" if cfg!(feature = "web") => drop(m.next_value::<IgnoredAny>()?),
                            "parts" => s.parts = Some(m.next_value()?),
                            _ => return Ok(false),
                        }
                        Ok(true)
                    })?;
                    Ok(s)
                }
                fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<SeriesIn, A::Error> {
                    Err(A::Error::custom("expected a series, not a list"))
                }
                otherwise!("a series", visit_bool: bool, visit_i64: i64, visit_u64: u64, visit_f64: f64, visit_str: &str);
            }
            d.deserialize_any(V)
        }
    }

    /// A series' values: area code -> estimate, in the file's order.
    struct Values(Vec<(String, EstimateIn)>);

    impl<'de> Deserialize<'de> for Values {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Values, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Values;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("values by area code")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Values, A::Error> {
                    let mut out = Vec::with_capacity(m.size_hint().unwrap_or(0).min(1 << 16));
                    while let Some(k) = m.next_key::<Key>()? {
                        out.push((k.0, m.next_value::<EstimateIn>()?));
                    }
                    Ok(Values(out))
                }
                fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Values, A::Error> {
                    Err(A::Error::custom("expected values by area code, not a list"))
                }
                otherwise!("values by area code", visit_bool: bool, visit_i64: i64, visit_u64: u64, visit_f64: f64, visit_str: &str);
            }
            d.deserialize_any(V)
        }
    }

    /// Which part of an estimate a key names, read without keeping the key.
    enum Part {
        Value,
        Lower,
        Upper,
        Other,
    }

    impl<'de> Deserialize<'de> for Part {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Part, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Part;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("a key")
                }
                fn visit_str<E: Error>(self, s: &str) -> Result<Part, E> {
                    Ok(match s {
                        "value" => Part::Value,
                        "lower" => Part::Lower,
                        "upper" => Part::Upper,
                        _ => Part::Other,
                    })
                }
                fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Part, A::Error> {
                    Err(A::Error::custom("expected a key"))
                }
                fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Part, A::Error> {
                    Err(A::Error::custom("expected a key"))
                }
                otherwise!("a key", visit_bool: bool, visit_i64: i64, visit_u64: u64, visit_f64: f64);
            }
            d.deserialize_any(V)
        }
    }

    /// A number, or null (none).
    struct Num(Option<f64>);

    impl<'de> Deserialize<'de> for Num {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Num, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Num;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("a number")
                }
                fn visit_f64<E: Error>(self, v: f64) -> Result<Num, E> {
                    Ok(Num(Some(v)))
                }
                fn visit_i64<E: Error>(self, v: i64) -> Result<Num, E> {
                    Ok(Num(Some(v as f64)))
                }
                fn visit_u64<E: Error>(self, v: u64) -> Result<Num, E> {
                    Ok(Num(Some(v as f64)))
                }
                fn visit_unit<E: Error>(self) -> Result<Num, E> {
                    Ok(Num(None))
                }
                fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Num, A::Error> {
                    Err(A::Error::custom("expected a number, not a list"))
                }
                fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Num, A::Error> {
                    Err(A::Error::custom("expected a number, not an object"))
                }
                fn visit_bool<E: Error>(self, _: bool) -> Result<Num, E> {
                    Err(E::custom("expected a number"))
                }
                fn visit_str<E: Error>(self, _: &str) -> Result<Num, E> {
                    Err(E::custom("expected a number, not text"))
                }
            }
            d.deserialize_any(V)
        }
    }

    impl<'de> Deserialize<'de> for EstimateIn {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<EstimateIn, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = EstimateIn;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("an estimate")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<EstimateIn, A::Error> {
                    let mut e = EstimateIn::default();
                    while let Some(k) = m.next_key::<Part>()? {
                        match k {
                            Part::Value => e.value = m.next_value::<Num>()?.0,
                            Part::Lower => e.lower = m.next_value::<Num>()?.0,
                            Part::Upper => e.upper = m.next_value::<Num>()?.0,
                            Part::Other => drop(m.next_value::<IgnoredAny>()?),
                        }
                    }
                    Ok(e)
                }
                fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<EstimateIn, A::Error> {
                    Err(A::Error::custom("expected an estimate, not a list"))
                }
                otherwise!("an estimate", visit_bool: bool, visit_i64: i64, visit_u64: u64, visit_f64: f64, visit_str: &str);
            }
            d.deserialize_any(V)
        }
    }

    /// The whole file.
    pub struct File(pub BundleIn);

    impl<'de> Deserialize<'de> for File {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<File, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = File;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("a bundle")
                }
                fn visit_map<A: MapAccess<'de>>(self, m: A) -> Result<File, A::Error> {
                    let mut b = BundleIn { meta: Value::Null, layers: Vec::new(), indicators: Vec::new(), services: Vec::new() };
                    object(m, |k, m| {
                        match k {
                            "meta" => b.meta = m.next_value()?,
                            "layers" => b.layers = m.next_value::<List<Layer>>()?.0.into_iter().map(|l| l.0).collect(),
                            "indicators" => b.indicators = m.next_value::<List<IndicatorIn>>()?.0,
                            // Kept as its text (see `member`), read when first searched.
                            "postcodes" => drop(m.next_value::<IgnoredAny>()?),
                            "services" => b.services = m.next_value::<List<Value>>()?.0,
                            _ => return Ok(false),
                        }
                        Ok(true)
                    })?;
                    Ok(File(b))
                }
                fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<File, A::Error> {
                    Err(A::Error::custom("expected a bundle, not a list"))
                }
                otherwise!("a bundle", visit_bool: bool, visit_i64: i64, visit_u64: u64, visit_f64: f64, visit_str: &str);
            }
            d.deserialize_any(V)
        }
    }
}
