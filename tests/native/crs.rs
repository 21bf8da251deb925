//! British National Grid to WGS84 against points ONS publishes in both systems: every
//! ward of England in the 2025 boundary file carries BNG_E/BNG_N and LONG/LAT.

mod common;
use needs_map::crs::{bng_to_lonlat, distance_m};

#[test]
fn all_6827_england_ward_points_reproject_within_5_metres_of_the_published_longitude_latitude() {
    let path = common::shared().join("data/boundaries/national/geolookups_wards2025_england_merged.geojson");
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let feats = v["features"].as_array().unwrap();
    assert_eq!(feats.len(), 6827);
    let mut worst = (0.0, String::new());
    for f in feats {
        let p = &f["properties"];
        let (e, n) = (p["BNG_E"].as_f64().unwrap(), p["BNG_N"].as_f64().unwrap());
        let published = [p["LONG"].as_f64().unwrap(), p["LAT"].as_f64().unwrap()];
        let d = distance_m(bng_to_lonlat(e, n), published);
        if d > worst.0 {
            worst = (d, p["WD25NM"].as_str().unwrap().to_string());
        }
    }
    eprintln!("largest difference: {:.2} m ({})", worst.0, worst.1);
    assert!(worst.0 < 5.0, "{:.2} m at {}", worst.0, worst.1);
}
