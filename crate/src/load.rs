//! Reading boundary files into a [`Layer`], reporting every problem with its place.
//!
//! GeoJSON comes from the ONS portal and other mirrors with the obsolete `crs` member,
//! clockwise exteriors and, sometimes, duplicate features. None of that should stop a map:
//! winding is normalised, and anything that would make the map wrong (a missing code, a
//! duplicate, a point outside the globe) is an error that names the feature.

use crate::atlas::{Area, Layer};
use crate::geometry::{normalise_winding, MultiPolygon};
use crate::report::{Problem, Report};
use geojson::{GeoJson, GeometryValue, JsonObject};
use std::collections::HashSet;

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

/// Reads a GeoJSON FeatureCollection of polygons into a layer.
/// Returns the layer (with the areas that could be read) and every problem found.
///
/// ```
/// use needs_map::load::{read_geojson, BoundaryOptions};
/// let text = r#"{"type":"FeatureCollection","features":[{"type":"Feature",
///   "properties":{"WD25CD":"E05000001","WD25NM":"Castle"},
///   "geometry":{"type":"Polygon","coordinates":[[[-1.5,52.4],[-1.4,52.4],[-1.4,52.5],[-1.5,52.4]]]}}]}"#;
/// let opts = BoundaryOptions { file: "wards.geojson", layer_id: "ward", label: "Wards", noun: "wards",
///                              code_field: "WD25CD", name_field: "WD25NM" };
/// let (layer, report) = read_geojson(text, &opts);
/// assert_eq!(layer.areas[0].name, "Castle");
/// assert!(!report.has_errors());
/// ```
pub fn read_geojson(text: &str, o: &BoundaryOptions) -> (Layer, Report) {
    let mut report = Report::default();
    let mut layer = Layer {
        id: o.layer_id.into(),
        label: o.label.into(),
        noun: o.noun.into(),
        areas: Vec::new(),
    };
    let gj: GeoJson = match text.parse() {
        Ok(g) => g,
        Err(e) => {
            report.push(Problem::error(
                o.file,
                "",
                format!("not readable as GeoJSON ({e})"),
                "check the file is complete GeoJSON (a FeatureCollection of polygons)",
            ));
            return (layer, report);
        }
    };
    let features = match gj {
        GeoJson::FeatureCollection(fc) => fc.features,
        GeoJson::Feature(f) => vec![f],
        GeoJson::Geometry(_) => {
            report.push(Problem::error(
                o.file,
                "",
                "a bare geometry has no area codes or names",
                "give a FeatureCollection whose features carry code and name properties",
            ));
            return (layer, report);
        }
    };
    let mut seen = HashSet::new();
    for (i, f) in features.into_iter().enumerate() {
        let props = f.properties.unwrap_or_default();
        let code = prop_text(&props, o.code_field);
        let loc = match &code {
            Some(c) => format!("feature {} ({c})", i + 1),
            None => format!("feature {}", i + 1),
        };
        let Some(code) = code else {
            report.push(Problem::error(
                o.file,
                &loc,
                format!("no \"{}\" property", o.code_field),
                suggest(&props, o.code_field, "code"),
            ));
            continue;
        };
        let name = match prop_text(&props, o.name_field) {
            Some(n) => n,
            None => {
                report.push(Problem::error(
                    o.file,
                    &loc,
                    format!("no \"{}\" property", o.name_field),
                    suggest(&props, o.name_field, "name"),
                ));
                continue;
            }
        };
        if !seen.insert(code.clone()) {
            report.push(Problem::error(
                o.file,
                &loc,
                format!("area code {code} appears more than once"),
                "remove the duplicate feature; each area must appear once",
            ));
            continue;
        }
        let Some(geom) = f.geometry else {
            report.push(Problem::error(
                o.file,
                &loc,
                "has no geometry",
                "remove the feature or add its boundary",
            ));
            continue;
        };
        let mut mp: MultiPolygon = match geom.value {
            GeometryValue::Polygon { coordinates } => vec![to_rings(&coordinates)],
            GeometryValue::MultiPolygon { coordinates } => {
                coordinates.iter().map(|p| to_rings(p)).collect()
            }
            other => {
                report.push(Problem::error(
                    o.file,
                    &loc,
                    format!("is a {}, not a Polygon or MultiPolygon", type_name(&other)),
                    "give area boundaries as polygons",
                ));
                continue;
            }
        };
        if let Some(m) = check_coordinates(&mp) {
            report.push(Problem::error(
                o.file,
                &loc,
                m,
                "give longitude/latitude (CRS84) coordinates",
            ));
            continue;
        }
        normalise_winding(&mut mp);
        layer.areas.push(Area {
            code,
            name,
            geometry: mp,
        });
    }
    if layer.areas.is_empty() && !report.has_errors() {
        report.push(Problem::error(
            o.file,
            "",
            "has no features",
            "give a FeatureCollection with one feature per area",
        ));
    }
    (layer, report)
}

fn to_rings(p: &[Vec<geojson::Position>]) -> Vec<Vec<[f64; 2]>> {
    p.iter()
        .map(|r| {
            r.iter()
                .map(|q| [q[0], q.as_slice().get(1).copied().unwrap_or(f64::NAN)])
                .collect()
        })
        .collect()
}

fn check_coordinates(mp: &MultiPolygon) -> Option<String> {
    for poly in mp {
        for (ri, ring) in poly.iter().enumerate() {
            if ring.len() < 4 {
                return Some(format!(
                    "ring {} has {} points; a closed ring needs at least 4",
                    ri + 1,
                    ring.len()
                ));
            }
            for p in ring {
                if !p[0].is_finite() || !p[1].is_finite() {
                    return Some("has a coordinate that is not a finite number".into());
                }
                if p[0].abs() > 180.0 || p[1].abs() > 90.0 {
                    return Some(format!(
                        "has the point ({}, {}), outside longitude/latitude range (British National Grid metres?)",
                        p[0], p[1]
                    ));
                }
            }
        }
    }
    None
}

fn type_name(g: &GeometryValue) -> &'static str {
    match g {
        GeometryValue::Point { .. } => "Point",
        GeometryValue::MultiPoint { .. } => "MultiPoint",
        GeometryValue::LineString { .. } => "LineString",
        GeometryValue::MultiLineString { .. } => "MultiLineString",
        GeometryValue::GeometryCollection { .. } => "GeometryCollection",
        _ => "polygon",
    }
}

/// Property as text: strings as they are, numbers written out; blank is missing.
fn prop_text(props: &JsonObject, key: &str) -> Option<String> {
    match props.get(key)? {
        serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// "use WD25CD" when the wanted field is absent but a likely one is there.
fn suggest(props: &JsonObject, wanted: &str, kind: &str) -> String {
    let suffix = if kind == "code" { "CD" } else { "NM" };
    // The same field of another year first (WD19CD -> WD25CD), then any *CD / *NM field.
    let stem = |k: &str| {
        k.to_ascii_uppercase()
            .chars()
            .filter(|c| !c.is_ascii_digit())
            .collect::<String>()
    };
    let mut likely: Vec<&str> = props
        .keys()
        .map(|k| k.as_str())
        .filter(|k| k.to_ascii_uppercase().ends_with(suffix) && *k != wanted)
        .collect();
    likely.sort_by_key(|k| stem(k) != stem(wanted));
    match likely.first() {
        Some(k) => format!("this file has \"{k}\": set the {kind} field to it"),
        None => {
            let mut keys: Vec<&str> = props.keys().map(|k| k.as_str()).collect();
            keys.sort();
            format!(
                "set the {kind} field to one of the properties it has: {}",
                keys.join(", ")
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> BoundaryOptions<'static> {
        BoundaryOptions {
            file: "w.geojson",
            layer_id: "ward",
            label: "Wards",
            noun: "wards",
            code_field: "WD19CD",
            name_field: "WD19NM",
        }
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

    #[test]
    fn duplicates_and_points_are_errors_naming_the_feature() {
        let poly = r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}"#;
        let t = format!(
            r#"{{"type":"FeatureCollection","features":[
            {{"type":"Feature","properties":{{"WD19CD":"E05014284","WD19NM":"A"}},"geometry":{poly}}},
            {{"type":"Feature","properties":{{"WD19CD":"E05014284","WD19NM":"A"}},"geometry":{poly}}},
            {{"type":"Feature","properties":{{"WD19CD":"E05000009","WD19NM":"B"}},"geometry":{{"type":"Point","coordinates":[0,0]}}}}]}}"#
        );
        let (layer, r) = read_geojson(&t, &opts());
        assert_eq!(layer.areas.len(), 1);
        let lines: Vec<String> = r.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(lines, vec![
            "w.geojson:feature 2 (E05014284): area code E05014284 appears more than once; remove the duplicate feature; each area must appear once",
            "w.geojson:feature 3 (E05000009): is a Point, not a Polygon or MultiPolygon; give area boundaries as polygons",
        ]);
    }

    #[test]
    fn not_json_is_one_clear_error() {
        let (_, r) = read_geojson("{\"type\": \"FeatureCollection\", \"features\": [", &opts());
        assert_eq!(r.problems.len(), 1);
        assert!(
            r.problems[0]
                .to_string()
                .starts_with("w.geojson: not readable as GeoJSON"),
            "{}",
            r.problems[0]
        );
    }
}
