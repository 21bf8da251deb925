//! The second browser module: GeoJSON boundaries (`boundaries=`) to the flat outlines the
//! widget draws from.
//!
//! Built from the same crate with the `convert` feature and run by the element in a worker
//! only when a page gives GeoJSON, so the GeoJSON readers stay out of the module every page
//! downloads. The usual file (a clean FeatureCollection) is read as it downloads by the
//! one-pass [`crate::read::scan`] reader; anything else takes [`crate::read::load`], which reads the rest
//! (TopoJSON, features it is unsure of) or names every problem. Every point is kept (no
//! simplification).

use crate::derive::figures::own_atlas;
use crate::model::geometry::Bounds;
use crate::model::report::Report;
use crate::place::mesh::Mesh;
use crate::read::bundle::outline_json;
use crate::read::load::{read_geojson, BoundaryOptions, Limits};
use crate::read::scan::{Polygons, Stream};
use wasm_bindgen::prelude::*;

/// A converted file for `NeedsMap.fromOutlines`: the map without its geometry (the areas'
/// codes and names, the page's own figures, the attribution) as bundle JSON, and the
/// outlines as typed arrays (which move to the page's thread without a copy).
#[wasm_bindgen]
pub struct Outlines {
    bundle: String,
    notices: Vec<String>,
    extent: Bounds,
    mesh: Mesh,
}

#[wasm_bindgen]
impl Outlines {
    /// The map without geometry, as a bundle (see `read::bundle::outline_json`).
    pub fn bundle(&self) -> String {
        self.bundle.clone()
    }
    /// What the join of the data files left out or found missing, one line each.
    pub fn notices(&self) -> Vec<String> {
        self.notices.clone()
    }
    /// `[west, south, east, north]` in degrees, then the mesh's origin in Mercator units.
    pub fn extent(&self) -> Vec<f64> {
        let (b, o) = (&self.extent, self.mesh.origin());
        vec![b.min[0], b.min[1], b.max[0], b.max[1], o[0], o[1]]
    }
    pub fn xy(&self) -> Vec<f32> {
        self.mesh.parts().0.to_vec()
    }
    /// The area starts, then the ring starts.
    pub fn index(&self) -> Vec<u32> {
        let (_, rings, areas) = self.mesh.parts();
        [areas, rings].concat()
    }
}

/// A GeoJSON file read as it downloads: `push` each piece as it arrives (the usual clean
/// file is read on the way, see [`scan::Stream`]), then `finish`.
#[wasm_bindgen]
pub struct Reader {
    bytes: Vec<u8>,
    stream: Stream,
    code_field: String,
    name_field: String,
    data: Vec<(String, Vec<u8>)>,
}

#[wasm_bindgen]
impl Reader {
    /// A reader for areas named by the properties `code_field` and `name_field`, of a file
    /// of about `size` bytes (0 when unknown).
    #[wasm_bindgen(constructor)]
    pub fn new(code_field: &str, name_field: &str, size: f64) -> Reader {
        let size = (size as usize).min(Limits::default().max_bytes);
        Reader {
            bytes: Vec::with_capacity(size),
            stream: Stream::new(code_field, name_field, size),
            code_field: code_field.into(),
            name_field: name_field.into(),
            data: Vec::new(),
        }
    }

    /// A data file (`data=`: tidy CSV or a Fingertips export) to join to the areas.
    #[wasm_bindgen(js_name = addData)]
    pub fn add_data(&mut self, name: &str, bytes: Vec<u8>) {
        self.data.push((name.to_string(), bytes));
    }

    /// The next piece of the file.
    pub fn push(&mut self, piece: &[u8]) {
        self.bytes.extend_from_slice(piece);
        // With fields to find by their values, the file is read once, when it is all in.
        if !self.code_field.is_empty() && !self.name_field.is_empty() {
            self.stream.feed(&self.bytes);
        }
    }

    /// The whole file is in: its outlines with the data files' indicators, or every error
    /// (at most five, then a count) naming the file and the feature, or the line and column.
    /// `attribution` is the page's own (empty for the default).
    pub fn finish(mut self, file: &str, attribution: &str) -> Result<Outlines, JsValue> {
        let data = std::mem::take(&mut self.data);
        let polygons = self.polygons(file)?;
        let areas = polygons.codes.iter().cloned().zip(polygons.names.iter().cloned()).collect();
        let files: Vec<(&str, &[u8])> = data.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
        let (atlas, report) = own_atlas(file, areas, &files, Some(attribution));
        if report.has_errors() {
            return Err(failure(&report));
        }
        let notices = report.problems.iter().map(|p| p.to_string()).collect();
        Ok(Outlines { bundle: outline_json(&atlas), notices, extent: polygons.extent, mesh: polygons.mesh })
    }
}

impl Reader {
    /// The areas' codes, names and outlines.
    fn polygons(self, file: &str) -> Result<Polygons, JsValue> {
        let text = std::str::from_utf8(&self.bytes).map_err(|e| {
            super::error(&format!("{file}: is not UTF-8 text (an invalid byte at offset {}); save the file as UTF-8", e.valid_up_to()), &[])
        })?;
        let (mut code_field, mut name_field) = (self.code_field, self.name_field);
        if code_field.is_empty() || name_field.is_empty() {
            // No fields named: found by their values, then the file is read with them.
            let found = crate::read::fields::find_in(text.strip_prefix('\u{feff}').unwrap_or(text))
                .map_err(|why| super::error(&format!("{file}: {why}; name them with the code-field and name-field attributes"), &[]))?;
            if code_field.is_empty() {
                code_field = found.0;
            }
            if name_field.is_empty() {
                name_field = found.1;
            }
            if let Some(p) = Stream::new(&code_field, &name_field, text.len()).finish(text.as_bytes()) {
                return Ok(p);
            }
        } else if let Some(p) = self.stream.finish(text.as_bytes()) {
            return Ok(p);
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let opts =
            BoundaryOptions { file, layer_id: "areas", label: "Areas", noun: "areas", code_field: &code_field, name_field: &name_field };
        let (layer, report) = read_geojson(text, &opts);
        if report.has_errors() {
            return Err(failure(&report));
        }
        let (mesh, extent) = (Mesh::new(&layer), layer.bounds());
        let (codes, names) = layer.areas.into_iter().map(|a| (a.code, a.name)).unzip();
        Ok(Polygons { codes, names, extent, mesh })
    }
}

/// Every error of a report (at most five, then a count) as the element's error, named by
/// its file where they share one.
fn failure(report: &Report) -> JsValue {
    let mut problems: Vec<String> = report.errors().take(5).map(|p| p.to_string()).collect();
    let more = report.errors().count().saturating_sub(5);
    if more > 0 {
        problems.push(format!("and {more} more"));
    }
    let files: std::collections::BTreeSet<&str> = report.errors().map(|p| p.file.as_str()).collect();
    let message = match (problems.len(), files.len()) {
        (1, _) => problems.remove(0),
        (_, 1) => format!("{}: {} problems", files.first().unwrap(), report.errors().count()),
        _ => format!("{} problems in {}", report.errors().count(), files.into_iter().collect::<Vec<_>>().join(" and ")),
    };
    super::error(&message, &problems)
}
