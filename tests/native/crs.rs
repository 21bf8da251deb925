//! British National Grid to WGS84 against points ONS publishes in both systems: every
//! ward of England in the 2025 boundary file carries BNG_E/BNG_N and LONG/LAT.

mod common;
use needs_map::model::crs::{bng_to_lonlat, distance_m};

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

#[test]
fn code_point_positions_are_within_5_metres_of_pyproj() {
    // pyproj 3.7.2, EPSG:27700 -> EPSG:4326, from the eastings/northings in Code-Point Open
    // (October 2025).
    let reference = [
        ("CV1 1FY", 433211.0, 279144.0, -1.5132046, 52.4092976),
        ("CV2 2DX", 438289.0, 280506.0, -1.4384032, 52.4212108),
        ("CV3 4AD", 436273.0, 274204.0, -1.4687265, 52.3646947),
        ("CV6 5HB", 434901.0, 281132.0, -1.4881548, 52.4270643),
    ];
    let text = std::fs::read_to_string(common::shared().join("data/postcodes/codepoint_open_2025-10_cv.csv")).unwrap();
    for (pc, e, n, lon, lat) in reference {
        let line = text.lines().find(|l| l.starts_with(&format!("\"{pc}\""))).unwrap();
        let cols: Vec<&str> = line.split(',').collect();
        assert_eq!((cols[2].parse::<f64>().unwrap(), cols[3].parse::<f64>().unwrap()), (e, n), "{pc} in the file");
        let d = distance_m(bng_to_lonlat(e, n), [lon, lat]);
        assert!(d < 5.0, "{pc}: {d:.2} m from pyproj");
    }
}
