//! The bundle: versioned JSON that carries layers, areas, indicators and metadata.
//!
//! Geometry is stored the TopoJSON way so shared borders can be stored once: each layer
//! has quantised, delta-encoded `arcs`, and each ring is a list of arc indices (`~i`, i.e.
//! `-i-1`, walks arc `i` backwards). The writer here emits one arc per ring; a writer that
//! shares borders between neighbours produces files this reader already understands.
//! The schema is `schema/bundle.schema.json` at the repository root.

use crate::model::atlas::{Area, Atlas, Indicator, Layer, Meta};
use crate::model::geometry::{MultiPolygon, Ring};
use crate::place::topology::{build, decode_flat, stitch, Transform};
use serde::{Deserialize, Serialize};
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

#[derive(Serialize, Deserialize)]
struct BundleFile {
    format: String,
    version: u32,
    meta: Meta,
    layers: Vec<LayerFile>,
    indicators: Vec<Indicator>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    postcodes: Option<crate::derive::postcode::PostcodeIndex>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    services: Vec<crate::model::atlas::ServiceKind>,
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
    let file = BundleFile {
        format: FORMAT.into(),
        version: VERSION,
        meta: atlas.meta.clone(),
        layers,
        indicators: atlas.indicators.clone(),
        postcodes: atlas.postcodes.clone(),
        services: atlas.services.clone(),
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
    let file: BundleFile = serde_json::from_str(text).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => BundleError(format!("the bundle does not follow the format ({e}); re-run `needsmap prepare`")),
        _ => json_error(e),
    })?;
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
    for ind in &file.indicators {
        if !layers.iter().any(|l| l.id == ind.layer) {
            return Err(BundleError(format!("indicator {} is on layer \"{}\", which the bundle does not have", ind.id, ind.layer)));
        }
    }
    Ok(Atlas { meta: file.meta, layers, indicators: file.indicators, postcodes: file.postcodes, services: file.services })
}
