//! The bundle: versioned JSON that carries layers, areas, indicators and metadata.
//!
//! Geometry is stored the TopoJSON way so shared borders can be stored once: each layer
//! has quantised, delta-encoded `arcs`, and each ring is a list of arc indices (`~i`, i.e.
//! `-i-1`, walks arc `i` backwards). The writer here emits one arc per ring; a writer that
//! shares borders between neighbours produces files this reader already understands.
//! The schema is `schema/bundle.schema.json` at the repository root.

use crate::derive::postcode::Postcodes;
use crate::model::atlas::{Area, Atlas, Estimate, Indicator, Layer, Meta, Place, Polarity, Series, Service, ServiceKind, Source};
use crate::model::geometry::{MultiPolygon, Ring};
use crate::place::topology::{build, decode_flat, stitch, Transform};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::{Map, Value};
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
/// small, as JSON values read field by field (`fields`), which keeps the widget's module
/// free of a deserializer per type (22 KB of its download); the postcode index as its text,
/// read when first asked for (see `derive::postcode`).
#[derive(Deserialize)]
struct BundleIn<'a> {
    #[serde(default)]
    meta: Value,
    #[serde(default)]
    layers: Vec<LayerFile>,
    #[serde(default)]
    indicators: Vec<Value>,
    #[serde(default, borrow)]
    postcodes: Option<&'a RawValue>,
    #[serde(default)]
    services: Vec<Value>,
}

#[derive(Serialize, Deserialize)]
struct LayerFile {
    id: String,
    label: String,
    noun: String,
    transform: Transform,
    /// Each arc is `[x0, y0, dx1, dy1, dx2, dy2, ...]` in quantised units.
    arcs: Vec<Vec<i64>>,
    areas: Vec<AreaFile>,
}

#[derive(Serialize, Deserialize)]
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

/// Reads bundle JSON into an atlas, checking every reference.
///
/// ```
/// use needs_map::read::bundle;
/// let err = bundle::from_json("{\"format\": \"something-else\"}").unwrap_err();
/// assert!(err.to_string().contains("not a needs-map bundle"));
/// ```
pub fn from_json(text: &str) -> Result<Atlas, BundleError> {
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
    #[derive(Deserialize)]
    struct Head {
        format: Option<String>,
        version: Option<u64>,
    }
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
    let head: Head = match serde_json::from_str(text) {
        Ok(h) => h,
        // Valid JSON whose "format" or "version" is not a string or a number, or that is not
        // an object; but a file too deeply nested to read says so.
        Err(e) if e.classify() == serde_json::error::Category::Data => {
            if let Some((line, column)) = too_deep(text) {
                return Err(BundleError(format!(
                    "the bundle is nested more than 128 levels deep (line {line}, column {column}); check the file is a bundle made by `needsmap prepare`"
                )));
            }
            Head { format: None, version: None }
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
    let file: BundleIn = serde_json::from_str(text).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => BundleError(format!("the bundle does not follow the format ({e}); re-run `needsmap prepare`")),
        _ => json_error(e),
    })?;
    let meta = meta(&file.meta).map_err(unfollowed)?;
    let indicators = file.indicators.iter().enumerate().map(|(i, v)| indicator(i, v)).collect::<Result<Vec<_>, _>>().map_err(unfollowed)?;
    let services = file.services.iter().enumerate().map(|(i, v)| service_kind(i, v)).collect::<Result<Vec<_>, _>>().map_err(unfollowed)?;
    let mut layers = Vec::with_capacity(file.layers.len());
    for mut lf in file.layers {
        // Decoded arcs replace the encoded ones as they go, so both are never held whole.
        let arcs: Vec<Ring> = std::mem::take(&mut lf.arcs)
            .into_iter()
            .enumerate()
            .map(|(i, a)| {
                decode_flat(&a, &lf.transform)
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
        layers.push(Layer { id: lf.id, label: lf.label, noun: lf.noun, areas });
    }
    for ind in &indicators {
        if !layers.iter().any(|l| l.id == ind.layer) {
            return Err(BundleError(format!("indicator {} is on layer \"{}\", which the bundle does not have", ind.id, ind.layer)));
        }
    }
    let postcodes = file.postcodes.map(|p| Postcodes::Text(p.get().to_string()));
    Ok(Atlas { meta, layers, indicators, postcodes, services })
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
    fn num(&self, key: &str) -> Result<f64, String> {
        self.opt_num(key)?.ok_or_else(|| format!("{}: \"{key}\" is missing", (self.at)()))
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

fn estimate(v: &Value, at: &dyn Fn() -> String) -> Result<Estimate, String> {
    let f = Fields::of(v, at)?;
    Ok(Estimate { value: f.num("value")?, lower: f.opt_num("lower")?, upper: f.opt_num("upper")? })
}

fn indicator(i: usize, v: &Value) -> Result<Indicator, String> {
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
    let series = f
        .list("series")?
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let at = || format!("indicator \"{id}\", series {}", k + 1);
            let sf = Fields::of(s, &at)?;
            let values_at = || format!("indicator \"{id}\", series {}, values", k + 1);
            let values = match sf.get("values") {
                Some(Value::Object(m)) => m
                    .iter()
                    .map(|(code, e)| Ok((code.clone(), estimate(e, &|| format!("indicator \"{id}\", value of {code}"))?)))
                    .collect::<Result<_, String>>()?,
                Some(_) => return Err(format!("{} is not an object", values_at())),
                None => Default::default(),
            };
            let bench = |key: &str| sf.get(key).map(|e| estimate(e, &|| format!("indicator \"{id}\", {key}"))).transpose();
            Ok(Series { period: sf.text("period")?, values, england: bench("england")?, city: bench("city")? })
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
        short: f.opt_str("short")?,
        framework: f.opt_str("framework")?,
        series,
        id: f.str("id")?,
    })
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
