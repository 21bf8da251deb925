//! Finding the shared official data and the repository from native tests.

use std::path::PathBuf;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// `$NEEDSMAP_SHARED` (default `../shared` from the repository root); fails loudly when
/// the official data is not there, never skips.
pub fn shared() -> PathBuf {
    let p = match std::env::var("NEEDSMAP_SHARED") {
        Ok(s) => PathBuf::from(s),
        Err(_) => repo().join("../shared"),
    };
    assert!(
        p.join("data/README.md").is_file(),
        "the shared official data is missing at {}: set NEEDSMAP_SHARED to the folder that holds data/",
        p.display()
    );
    p.canonicalize().unwrap()
}

/// The text of a file of `data/boundaries` in the shared official data.
#[allow(dead_code)] // not every test reads boundary files
pub fn boundaries(file: &str) -> String {
    let path = shared().join("data/boundaries").join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `(code, name, lon, lat)` of each Coventry ward from the official 2025 boundary file's
/// LONG/LAT properties (a point inside each ward).
#[allow(dead_code)] // used by the render tests only
pub fn ward_points() -> Vec<(String, String, f64, f64)> {
    let text = std::fs::read_to_string(shared().join("data/boundaries/coventry/geolookups_wards2025_E08000026.geojson")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let p = &f["properties"];
            (
                p["WD25CD"].as_str().unwrap().into(),
                p["WD25NM"].as_str().unwrap().into(),
                p["LONG"].as_f64().unwrap(),
                p["LAT"].as_f64().unwrap(),
            )
        })
        .collect()
}
