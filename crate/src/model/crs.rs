//! Coordinate reference systems: recognising British National Grid and bringing it to
//! longitude/latitude.
//!
//! Councils publish boundaries and postcodes in British National Grid (EPSG:27700,
//! metres); the map works in CRS84. The transform is the Ordnance Survey's: inverse
//! transverse Mercator on the Airy 1830 ellipsoid (OSGB36), then the 7-parameter Helmert
//! transformation to WGS84, which the OS gives as accurate to about 5 m (OSTN15's grid
//! would do better, but is a 15 MB table: not worth it for area maps).

/// Which coordinates a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Crs {
    /// Longitude, latitude in degrees (CRS84, WGS84, EPSG:4326 with x = longitude).
    Lonlat,
    /// British National Grid eastings, northings in metres (EPSG:27700).
    BritishNationalGrid,
}

impl Crs {
    pub fn name(&self) -> &'static str {
        match self {
            Crs::Lonlat => "CRS84 (longitude/latitude)",
            Crs::BritishNationalGrid => "British National Grid (EPSG:27700)",
        }
    }
}

/// The CRS a GeoJSON `crs` member names, if it names one this reader knows.
///
/// ```
/// use needs_map::model::crs::{from_name, Crs};
/// assert_eq!(from_name("urn:ogc:def:crs:EPSG::27700"), Some(Crs::BritishNationalGrid));
/// assert_eq!(from_name("urn:ogc:def:crs:OGC:1.3:CRS84"), Some(Crs::Lonlat));
/// assert_eq!(from_name("EPSG:3857"), None);
/// ```
pub fn from_name(name: &str) -> Option<Crs> {
    let n = name.to_ascii_uppercase();
    if n.ends_with("CRS84") || n.ends_with(":4326") || n.ends_with("::4326") {
        Some(Crs::Lonlat)
    } else if n.ends_with(":27700") {
        Some(Crs::BritishNationalGrid)
    } else {
        None
    }
}

/// Guesses the CRS from the range of the coordinates: anything beyond ±180/±90 that fits
/// the National Grid (0..700 km east, 0..1300 km north) is taken as British National Grid.
pub fn from_range(min: [f64; 2], max: [f64; 2]) -> Option<Crs> {
    if min[0] >= -180.0 && max[0] <= 180.0 && min[1] >= -90.0 && max[1] <= 90.0 {
        Some(Crs::Lonlat)
    } else if min[0] >= -1000.0 && max[0] <= 700_000.0 && min[1] >= -1000.0 && max[1] <= 1_300_000.0 {
        Some(Crs::BritishNationalGrid)
    } else {
        None
    }
}

// Airy 1830 and the National Grid projection.
const AIRY_A: f64 = 6_377_563.396;
const AIRY_B: f64 = 6_356_256.909;
const F0: f64 = 0.999_601_271_7;
const LAT0: f64 = 49.0;
const LON0: f64 = -2.0;
const N0: f64 = -100_000.0;
const E0: f64 = 400_000.0;
// WGS84.
const WGS_A: f64 = 6_378_137.0;
const WGS_B: f64 = 6_356_752.314_245;

/// British National Grid eastings/northings (metres) to WGS84 longitude/latitude (degrees).
///
/// ```
/// use needs_map::model::crs::bng_to_lonlat;
/// // Foleshill ward point as ONS publishes it: BNG (434174, 281518),
/// // longitude/latitude (-1.498799, 52.4306).
/// let [lon, lat] = bng_to_lonlat(434174.0, 281518.0);
/// assert!((lon + 1.498799).abs() < 5e-5 && (lat - 52.4306).abs() < 5e-5);
/// ```
pub fn bng_to_lonlat(e: f64, n: f64) -> [f64; 2] {
    let (lat, lon) = osgb36_latlon(e, n);
    let (x, y, z) = to_cartesian(lat, lon, AIRY_A, AIRY_B);
    let (x, y, z) = helmert_osgb36_to_wgs84(x, y, z);
    let (lat, lon) = from_cartesian(x, y, z, WGS_A, WGS_B);
    [lon.to_degrees(), lat.to_degrees()]
}

/// Inverse transverse Mercator on Airy 1830 (OS "A guide to coordinate systems in Great
/// Britain", annex C). Returns radians.
fn osgb36_latlon(e: f64, n: f64) -> (f64, f64) {
    let (a, b) = (AIRY_A, AIRY_B);
    let e2 = 1.0 - (b * b) / (a * a);
    let nn = (a - b) / (a + b);
    let (lat0, lon0) = (LAT0.to_radians(), LON0.to_radians());
    let meridional = |lat: f64| {
        let (n2, n3) = (nn * nn, nn * nn * nn);
        b * F0
            * ((1.0 + nn + 1.25 * n2 + 1.25 * n3) * (lat - lat0)
                - (3.0 * nn + 3.0 * n2 + 2.625 * n3) * (lat - lat0).sin() * (lat + lat0).cos()
                + (1.875 * n2 + 1.875 * n3) * (2.0 * (lat - lat0)).sin() * (2.0 * (lat + lat0)).cos()
                - (35.0 / 24.0) * n3 * (3.0 * (lat - lat0)).sin() * (3.0 * (lat + lat0)).cos())
    };
    let mut lat = lat0;
    let mut m = 0.0;
    for _ in 0..100 {
        lat += (n - N0 - m) / (a * F0);
        m = meridional(lat);
        if (n - N0 - m).abs() < 1e-5 {
            break;
        }
    }
    let (s, c, t) = (lat.sin(), lat.cos(), lat.tan());
    let nu = a * F0 / (1.0 - e2 * s * s).sqrt();
    let rho = a * F0 * (1.0 - e2) / (1.0 - e2 * s * s).powf(1.5);
    let eta2 = nu / rho - 1.0;
    let (t2, t4, t6) = (t * t, t.powi(4), t.powi(6));
    let vii = t / (2.0 * rho * nu);
    let viii = t / (24.0 * rho * nu.powi(3)) * (5.0 + 3.0 * t2 + eta2 - 9.0 * t2 * eta2);
    let ix = t / (720.0 * rho * nu.powi(5)) * (61.0 + 90.0 * t2 + 45.0 * t4);
    let x = 1.0 / (c * nu);
    let xi = 1.0 / (c * 6.0 * nu.powi(3)) * (nu / rho + 2.0 * t2);
    let xii = 1.0 / (c * 120.0 * nu.powi(5)) * (5.0 + 28.0 * t2 + 24.0 * t4);
    let xiia = 1.0 / (c * 5040.0 * nu.powi(7)) * (61.0 + 662.0 * t2 + 1320.0 * t4 + 720.0 * t6);
    let de = e - E0;
    let lat_out = lat - vii * de.powi(2) + viii * de.powi(4) - ix * de.powi(6);
    let lon_out = lon0 + x * de - xi * de.powi(3) + xii * de.powi(5) - xiia * de.powi(7);
    (lat_out, lon_out)
}

fn to_cartesian(lat: f64, lon: f64, a: f64, b: f64) -> (f64, f64, f64) {
    let e2 = 1.0 - (b * b) / (a * a);
    let nu = a / (1.0 - e2 * lat.sin().powi(2)).sqrt();
    (nu * lat.cos() * lon.cos(), nu * lat.cos() * lon.sin(), (1.0 - e2) * nu * lat.sin())
}

fn from_cartesian(x: f64, y: f64, z: f64, a: f64, b: f64) -> (f64, f64) {
    let e2 = 1.0 - (b * b) / (a * a);
    let p = (x * x + y * y).sqrt();
    let mut lat = (z / (p * (1.0 - e2))).atan();
    for _ in 0..10 {
        let nu = a / (1.0 - e2 * lat.sin().powi(2)).sqrt();
        lat = ((z + e2 * nu * lat.sin()) / p).atan();
    }
    (lat, y.atan2(x))
}

/// OSGB36 -> WGS84 (the inverse of the OS's published WGS84 -> OSGB36 parameters).
fn helmert_osgb36_to_wgs84(x: f64, y: f64, z: f64) -> (f64, f64, f64) {
    let sec = std::f64::consts::PI / (180.0 * 3600.0);
    let (tx, ty, tz) = (446.448, -125.157, 542.060);
    let s = -20.4894e-6;
    let (rx, ry, rz) = (0.1502 * sec, 0.2470 * sec, 0.8421 * sec);
    (tx + (1.0 + s) * x - rz * y + ry * z, ty + rz * x + (1.0 + s) * y - rx * z, tz - ry * x + rx * y + (1.0 + s) * z)
}

/// Distance in metres between two longitude/latitude points (haversine, mean Earth radius).
pub fn distance_m(a: [f64; 2], b: [f64; 2]) -> f64 {
    let (la1, la2) = (a[1].to_radians(), b[1].to_radians());
    let dlat = la2 - la1;
    let dlon = (b[0] - a[0]).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * 6_371_008.8 * h.sqrt().asin()
}
