//! What a recipe places by postcode: the postcode index (OS Code-Point Open, each postcode
//! in the area its point lies in) and services (NHS ODS, libraries, hospitals) at their
//! postcodes' points. Split from `recipe` so that a recipe reads as its derivations.

use crate::derive::recipe::resolve;
use crate::model::atlas::Layer;
use crate::model::report::{some_of, Problem, Report};
use serde::Deserialize;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// A file of services to place by postcode (needs `[postcodes]`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceSpec {
    pub id: String,
    pub label: String,
    pub singular: String,
    pub shape: String,
    pub source: String,
    pub file: String,
    /// `ods` (NHS ODS epraccur / edispensary, no header), `libraries` (the 2023 basic
    /// dataset) or `hospitals` (the NHS website hospital list).
    pub format: String,
    /// ODS: keep rows with this status code (A = active).
    #[serde(default)]
    pub status: Option<String>,
    /// ODS: keep rows with this prescribing setting (4 = GP practice).
    #[serde(default)]
    pub prescribing_setting: Option<String>,
    /// ODS: keep rows with this organisation sub-type (edispensary: 1 = pharmacy, 2 = an
    /// appliance contractor, which supplies appliances and is not a pharmacy).
    #[serde(default)]
    pub sub_type: Option<String>,
}

/// Reads one service file; each service is placed at its postcode's point and kept when the
/// point is in the map's area.
pub fn read_services(
    spec: &ServiceSpec,
    root: &Path,
    points: &HashMap<String, [f64; 2]>,
    report: &mut Report,
) -> Option<crate::model::atlas::ServiceKind> {
    use crate::model::atlas::{Service, ServiceKind};
    let path = resolve(root, &spec.file);
    let shown = path.display().to_string();
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            report.push(Problem::error(&shown, "", format!("cannot be read ({e})"), "check the path in the recipe"));
            return None;
        }
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let header = spec.format != "ods";
    let mut rdr = csv::ReaderBuilder::new().has_headers(header).flexible(true).from_reader(bytes);
    let headers: Vec<String> =
        if header { rdr.headers().map(|h| h.iter().map(|x| x.to_string()).collect()).unwrap_or_default() } else { vec![] };
    let col = |name: &str| headers.iter().position(|h| h == name);
    let title = |s: &str| -> String {
        // ODS names and addresses are upper case: "THE DENSHAM SURGERY" -> "The Densham Surgery".
        s.split(' ')
            .map(|w| {
                let mut c = w.chars();
                match c.next() {
                    Some(f) => f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase(),
                    None => String::new(),
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut out = Vec::new();
    let mut unplaced = Vec::new();
    let area_letters = postcode_area(points);
    for (i, rec) in rdr.records().enumerate() {
        let Ok(rec) = rec else {
            report.push(Problem::error(
                &shown,
                &format!("line {}", i + 1 + header as usize),
                "is not valid CSV",
                "give the file as published",
            ));
            return None;
        };
        let get = |c: Option<usize>| c.and_then(|c| rec.get(c)).unwrap_or("").trim().to_string();
        let (code, name, address, postcode) = match spec.format.as_str() {
            "ods" => {
                if spec.status.as_ref().is_some_and(|s| get(Some(12)) != *s)
                    || spec.prescribing_setting.as_ref().is_some_and(|s| get(Some(25)) != *s)
                    || spec.sub_type.as_ref().is_some_and(|s| get(Some(13)) != *s)
                {
                    continue;
                }
                let addr: Vec<String> = (4..9).map(|c| get(Some(c))).filter(|a| !a.is_empty()).map(|a| title(&a)).collect();
                (get(Some(0)), title(&get(Some(1))), addr.join(", "), get(Some(9)))
            }
            "libraries" => {
                if !get(col("closed")).is_empty() || get(col("type")) != "Static Library" {
                    continue;
                }
                let addr: Vec<String> =
                    ["address1", "address2", "address3"].iter().map(|c| get(col(c))).filter(|a| !a.is_empty()).collect();
                (get(col("uprn")), get(col("name")), addr.join(", "), get(col("postcode")))
            }
            "hospitals" => {
                let addr: Vec<String> =
                    ["Address1", "Address2", "Address3", "City"].iter().map(|c| get(col(c))).filter(|a| !a.is_empty()).collect();
                (get(col("OrganisationCode")), get(col("OrganisationName")), addr.join(", "), get(col("Postcode")))
            }
            other => {
                report.push(Problem::error(
                    &shown,
                    "",
                    format!("format \"{other}\" is not one needs-map reads"),
                    "use ods, libraries or hospitals",
                ));
                return None;
            }
        };
        let Some(pc) = crate::derive::postcode::normalise(&postcode) else { continue };
        match points.get(&pc) {
            Some(&at) => out.push(Service { code, name, address, postcode: pc, at }),
            None if pc.starts_with(&area_letters) => unplaced.push(format!("{name} ({pc})")),
            None => {}
        }
    }
    if !unplaced.is_empty() {
        report.push(Problem::notice(
            &shown,
            "",
            format!("{} in the postcode area not placed (postcode not in the map's area): {}", unplaced.len(), some_of(&unplaced, 10)),
            "they are not drawn",
        ));
    }
    Some(ServiceKind {
        id: spec.id.clone(),
        label: spec.label.clone(),
        singular: spec.singular.clone(),
        shape: spec.shape.clone(),
        source: spec.source.clone(),
        points: out,
    })
}

/// The letters of the postcode area the index covers ("CV").
fn postcode_area(points: &HashMap<String, [f64; 2]>) -> String {
    points.keys().next().map(|k| k.chars().take_while(|c| c.is_ascii_alphabetic()).collect()).unwrap_or_else(|| "~".into())
}

/// OS Code-Point Open files (as published: no header, British National Grid).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostcodeSpec {
    /// The current release.
    pub live: String,
    /// An older release: its postcodes missing from `live` are indexed as terminated.
    pub terminated: Option<String>,
    /// The place's district code, to tell postcodes that fall in gaps of generalised
    /// boundaries (district matches: nearest area) from those outside (default: place code).
    pub district: Option<String>,
}

/// One Code-Point Open row: postcode, point, district and ward columns.
struct CodePoint {
    postcode: String,
    lonlat: [f64; 2],
    district: String,
    ward: String,
}

fn read_codepoint(path: &Path, display: &str) -> Result<Vec<CodePoint>, Problem> {
    let bytes =
        std::fs::read(path).map_err(|e| Problem::error(display, "", format!("cannot be read ({e})"), "check the path in the recipe"))?;
    let mut rdr = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(&bytes[..]);
    let mut out = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| {
            Problem::error(display, &format!("line {}", i + 1), format!("is not valid CSV ({e})"), "give Code-Point Open as published")
        })?;
        let num = |c: usize| {
            rec.get(c).and_then(crate::read::table::parse_number).ok_or_else(|| {
                Problem::error(
                    display,
                    &format!("line {}, column {}", i + 1, c + 1),
                    format!("\"{}\" is not a number", rec.get(c).unwrap_or("")),
                    "Code-Point Open has eastings and northings in columns 3 and 4",
                )
            })
        };
        let Some(pc) = rec.get(0).and_then(crate::derive::postcode::normalise) else {
            return Err(Problem::error(
                display,
                &format!("line {}", i + 1),
                format!("\"{}\" is not a postcode", rec.get(0).unwrap_or("")),
                "give Code-Point Open as published (no header row)",
            ));
        };
        out.push(CodePoint {
            postcode: pc,
            lonlat: crate::model::crs::bng_to_lonlat(num(2)?, num(3)?),
            district: rec.get(8).unwrap_or("").to_string(),
            ward: rec.get(9).unwrap_or("").to_string(),
        });
    }
    Ok(out)
}

/// The area of a layer containing a point, or `None`.
fn area_at(layer: &Layer, bounds: &[crate::model::geometry::Bounds], p: [f64; 2]) -> Option<usize> {
    (0..layer.areas.len()).find(|&i| bounds[i].contains(p) && crate::model::geometry::contains(&layer.areas[i].geometry, p))
}

/// Builds the postcode index from Code-Point Open, deciding areas by point in the map's own
/// boundaries. Returns the index and the points of live postcodes (to place services).
pub fn build_postcodes(
    spec: &PostcodeSpec,
    root: &Path,
    layers: &[Layer],
    place: &str,
    report: &mut Report,
) -> Option<(crate::derive::postcode::PostcodeIndex, HashMap<String, [f64; 2]>)> {
    use crate::derive::postcode::{PostcodeIndex, Status};
    let live = match read_codepoint(&resolve(root, &spec.live), &resolve(root, &spec.live).display().to_string()) {
        Ok(v) => v,
        Err(p) => {
            report.push(p);
            return None;
        }
    };
    let district = spec.district.clone().unwrap_or_else(|| place.to_string());
    let bounds: Vec<Vec<crate::model::geometry::Bounds>> =
        layers.iter().map(|l| l.areas.iter().map(|a| crate::model::geometry::Bounds::of(&a.geometry)).collect()).collect();
    let mut ix = PostcodeIndex { layers: layers.iter().map(|l| l.id.clone()).collect(), ..Default::default() };
    let mut points = HashMap::new();
    let (mut gaps, mut disagree, mut inside) = (0, 0, 0);
    let mut beyond: Vec<(String, f64)> = Vec::new();
    // A postcode of the place whose point falls in no area lies in a gap between generalised
    // boundaries when it is within a few metres of one; further out, it is outside.
    let place_areas = |p: [f64; 2], in_district: bool, gaps: &mut usize, far: &mut Option<f64>| -> Option<Vec<Option<usize>>> {
        let mut first = area_at(&layers[0], &bounds[0], p);
        if first.is_none() && !in_district {
            return None;
        }
        if first.is_none() {
            match crate::derive::council::nearest_with_distance(&layers[0].areas, &bounds[0], p) {
                Some((i, d)) if d <= POSTCODE_GAP_M => first = Some(i),
                other => {
                    *far = other.map(|(_, d)| d);
                    return None;
                }
            }
            *gaps += 1;
        }
        Some(
            layers
                .iter()
                .enumerate()
                .map(|(li, l)| {
                    if li == 0 { first } else { area_at(l, &bounds[li], p) }
                        .or_else(|| crate::derive::council::nearest_area(&l.areas, &bounds[li], p))
                })
                .collect(),
        )
    };
    for cp in &live {
        let mut far = None;
        match place_areas(cp.lonlat, cp.district == district, &mut gaps, &mut far) {
            Some(areas) => {
                inside += 1;
                if let Some(a) = areas[0] {
                    if !cp.ward.is_empty() && layers[0].areas[a].code != cp.ward && layers[0].areas.iter().any(|x| x.code == cp.ward) {
                        disagree += 1;
                    }
                }
                points.insert(cp.postcode.clone(), cp.lonlat);
                ix.add(Status::Live, &cp.postcode, &areas);
            }
            None => {
                if let Some(d) = far {
                    beyond.push((cp.postcode.clone(), d));
                }
                ix.add(Status::Outside, &cp.postcode, &[])
            }
        }
    }
    let mut terminated = 0;
    if let Some(t) = &spec.terminated {
        match read_codepoint(&resolve(root, t), &resolve(root, t).display().to_string()) {
            Ok(old) => {
                // A postcode still live (in the area or outside it) is not terminated.
                let live: BTreeSet<&str> = live.iter().map(|cp| cp.postcode.as_str()).collect();
                for cp in old.iter().filter(|cp| !live.contains(cp.postcode.as_str())) {
                    let (mut g, mut far) = (0, None);
                    if let Some(areas) = place_areas(cp.lonlat, cp.district == district, &mut g, &mut far) {
                        terminated += 1;
                        ix.add(Status::Terminated, &cp.postcode, &areas);
                    }
                }
            }
            Err(p) => report.push(p),
        }
    }
    let beyond: Vec<String> = beyond.iter().map(|(p, d)| format!("{p} ({d:.0} m)")).collect();
    report.push(Problem::notice(
        &resolve(root, &spec.live).display().to_string(),
        "",
        format!(
            "{inside} live postcodes in the map's area ({gaps} in gaps of the boundaries within {POSTCODE_GAP_M} m, given the nearest area); {} of the place's district lie further outside every area and are answered as outside{}; {disagree} are in a different {} by their point than by Code-Point's ward column; {terminated} terminated postcodes indexed",
            beyond.len(),
            if beyond.is_empty() { String::new() } else { format!(": {}", some_of(&beyond, 5)) },
            layers[0].noun.trim_end_matches('s')
        ),
        "areas are decided by each postcode's point and the map's own boundaries",
    ));
    Some((ix, points))
}

/// How far outside every area (metres) a postcode of the place may lie and still be given
/// the nearest area: generalised boundaries move edges by a few metres.
pub const POSTCODE_GAP_M: f64 = 10.0;
