//! The second browser module: GeoJSON boundaries (`boundaries=`) to a bundle.
//!
//! Built from the same crate with the `convert` feature and loaded by the element only when
//! a page gives GeoJSON, so the GeoJSON reader (the `geojson` crate and `load`) stays out of
//! the module every page downloads. The bundle keeps every point (no simplification) on a
//! grid of a million steps across the layer.

use crate::atlas::Atlas;
use crate::bundle::{to_json, WriteOptions};
use crate::load::{read_geojson, BoundaryOptions};
use wasm_bindgen::prelude::*;

/// GeoJSON (its bytes) to bundle text, or every error (at most five, then a count) naming the file
/// and the feature.
#[wasm_bindgen]
pub fn convert(bytes: &[u8], file: &str, code_field: &str, name_field: &str) -> Result<String, JsError> {
    // Bytes, not a JS string: 30 MB of GeoJSON is not decoded to UTF-16 and encoded back.
    let text = std::str::from_utf8(bytes).map_err(|e| {
        JsError::new(&format!("{file}: is not UTF-8 text (an invalid byte at offset {}); save the file as UTF-8", e.valid_up_to()))
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let opts = BoundaryOptions { file, layer_id: "areas", label: "Areas", noun: "areas", code_field, name_field };
    let (layer, report) = read_geojson(text, &opts);
    if report.has_errors() {
        let lines: Vec<String> = report.errors().take(5).map(|p| p.to_string()).collect();
        let more = report.errors().count().saturating_sub(5);
        let tail = if more > 0 { format!(" (and {more} more)") } else { String::new() };
        return Err(JsError::new(&format!("{}{tail}", lines.join("\n"))));
    }
    let mut atlas = Atlas::default();
    atlas.meta.title = file.to_string();
    atlas.layers.push(layer);
    Ok(to_json(&atlas, &WriteOptions { quantisation: 1_000_000, simplify_m: 0.0 }))
}
