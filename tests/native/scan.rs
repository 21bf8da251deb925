//! The one-pass GeoJSON reader (`scan`) against the general one (`load`): on real files they
//! agree area by area, and on every file the general reader refuses, the one-pass reader
//! declines (so its speed never costs an explanation).

mod common;
use needs_map::place::mesh::Mesh;
use needs_map::read::load::{read_geojson, BoundaryOptions};
use needs_map::read::scan;
use std::path::PathBuf;

fn opts<'a>(file: &'a str, code: &'a str, name: &'a str) -> BoundaryOptions<'a> {
    BoundaryOptions { file, layer_id: "areas", label: "Areas", noun: "areas", code_field: code, name_field: name }
}

/// Both readers on `text`: the same areas in the same order, each with the same number of
/// points and the same bounds in Mercator units, to the precision of `f32` relative to each
/// mesh's origin (rings may differ in direction: the general reader turns them, the map
/// fills even-odd).
fn agree(file: &str, text: &str, code: &str, name: &str) -> usize {
    let fast = scan::read(text, code, name).unwrap_or_else(|| panic!("{file}: the one-pass reader declined"));
    let (layer, report) = read_geojson(text, &opts(file, code, name));
    assert!(!report.has_errors(), "{file}: {:?}", report.errors().next());
    let general = Mesh::new(&layer);
    assert_eq!(fast.codes, layer.areas.iter().map(|a| a.code.clone()).collect::<Vec<_>>(), "{file}");
    assert_eq!(fast.names, layer.areas.iter().map(|a| a.name.clone()).collect::<Vec<_>>(), "{file}");
    assert_eq!(fast.extent, layer.bounds(), "{file}");
    for a in 0..general.area_count() {
        let points = |m: &Mesh| m.rings(a).map(|r| r.len() / 2).sum::<usize>();
        assert_eq!(points(&fast.mesh), points(&general), "{file}: {}", fast.codes[a]);
        let absolute = |m: &Mesh| {
            let (b, o) = (m.bounds(a), m.origin());
            [b[0] as f64 + o[0], b[1] as f64 + o[1], b[2] as f64 + o[0], b[3] as f64 + o[1]]
        };
        let (f, g) = (absolute(&fast.mesh), absolute(&general));
        assert!((0..4).all(|k| (f[k] - g[k]).abs() < 2e-8), "{file}: {}: {f:?} {g:?}", fast.codes[a]);
    }
    fast.mesh.points()
}

#[test]
fn coventry_and_west_midlands_wards_read_the_same_both_ways() {
    let f = "coventry/geolookups_wards2025_E08000026.geojson";
    assert_eq!(agree(f, &common::boundaries(f), "WD25CD", "WD25NM"), 1082);
    let f = "coventry/geolookups_lsoa2021_E08000026.geojson";
    let text = common::boundaries(f);
    let (code, name) = needs_map::read::fields::find_in(&text).unwrap();
    agree(f, &text, &code, &name);
    let f = "national/geolookups_wards2025_E12000005_west_midlands_region.geojson";
    assert_eq!(agree(f, &common::boundaries(f), "WD25CD", "WD25NM"), 80_382);
}

#[test]
fn england_wards_in_one_pass_with_the_repeated_feature_left_out() {
    let text = common::boundaries("national/geolookups_wards2025_england_merged.geojson");
    let p = scan::read(&text, "WD25CD", "WD25NM").expect("England's wards are a clean FeatureCollection");
    // 6,827 features, one of them an exact repeat (as the general reader also finds).
    assert_eq!((p.codes.len(), p.mesh.points()), (6826, 751_985));
    assert_eq!((p.codes[0].as_str(), p.names[0].as_str()), ("E05013038", "Burn Valley"));
    let foleshill = p.codes.iter().position(|c| c == "E05001222").unwrap();
    assert_eq!(p.names[foleshill], "Foleshill");
    // Foleshill's official inside point (LONG/LAT of the ONS file) is inside its outline;
    // St Michael's (the city centre) is not.
    assert!(p.mesh.contains(foleshill, [-1.498799, 52.4306]));
    assert!(!p.mesh.contains(foleshill, [-1.503571, 52.40891]));
}

#[test]
fn whatever_the_general_reader_refuses_the_one_pass_reader_declines() {
    let dir = common::repo().join("tests/fixtures");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("broken")).unwrap().map(|e| e.unwrap().path()).collect();
    files.extend(["hostile-names.json", "no-areas.json", "not-json.json"].map(|f| dir.join(f)));
    files.sort();
    let mut declined = 0;
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let file = path.file_name().unwrap().to_str().unwrap();
        for (code, name) in [("WD25CD", "WD25NM"), ("WD19CD", "WD19NM"), ("code", "name")] {
            let (layer, report) = read_geojson(&text, &opts(file, code, name));
            match scan::read(&text, code, name) {
                None => declined += 1,
                Some(p) => {
                    // A ring that crosses itself is a finding of `needsmap validate` and
                    // `prepare` (this build has the command line); the browser's converter
                    // draws it even-odd, as the general reader there does too.
                    let refused = report.errors().find(|e| !e.message.contains("crosses itself"));
                    assert!(refused.is_none(), "{file}: read in one pass, but {refused:?}");
                    if report.problems.is_empty() {
                        assert_eq!(p.codes.len(), layer.areas.len(), "{file}");
                    }
                }
            }
        }
    }
    assert!(declined >= 3 * 12, "{declined}");
}

#[test]
fn national_grid_files_are_reprojected_as_the_general_reader_does() {
    let path = common::repo().join("tests/fixtures/broken/bng-with-hole.geojson");
    let text = std::fs::read_to_string(path).unwrap();
    let (code, name) = needs_map::read::fields::find_in(&text).unwrap();
    let (layer, report) = read_geojson(&text, &opts("bng", &code, &name));
    if report.has_errors() {
        assert!(scan::read(&text, &code, &name).is_none());
    } else {
        agree("bng-with-hole.geojson", &text, &code, &name);
        assert!(!layer.areas.is_empty());
    }
}

/// The reader fed in pieces (as a download arrives) gives what it gives read whole.
fn in_pieces(text: &str, code: &str, name: &str, mut size: impl FnMut() -> usize) -> Option<(Vec<String>, Vec<f32>)> {
    let mut s = scan::Stream::new(code, name, text.len());
    let mut end = 0;
    while end < text.len() {
        end = (end + size()).min(text.len());
        s.feed(&text.as_bytes()[..end]);
    }
    s.finish(text.as_bytes()).map(|p| (p.codes, p.mesh.parts().0.to_vec()))
}

#[test]
fn read_as_it_arrives_the_same_as_read_whole() {
    let mut seed = 0x5eed_5ca1u64;
    let mut rnd = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        1 + (seed % n as u64) as usize
    };
    let coventry = common::boundaries("coventry/geolookups_wards2025_E08000026.geojson");
    let whole = scan::read(&coventry, "WD25CD", "WD25NM").map(|p| (p.codes, p.mesh.parts().0.to_vec()));
    assert_eq!(whole.as_ref().unwrap().0.len(), 18);
    // Pieces of 1 to 7 bytes cut every number, string and word somewhere.
    assert_eq!(in_pieces(&coventry, "WD25CD", "WD25NM", || rnd(7)), whole);
    assert_eq!(in_pieces(&coventry, "WD25CD", "WD25NM", || rnd(65_536)), whole);
    let wm = common::boundaries("national/geolookups_wards2025_E12000005_west_midlands_region.geojson");
    let whole = scan::read(&wm, "WD25CD", "WD25NM").map(|p| (p.codes, p.mesh.parts().0.to_vec()));
    assert_eq!(in_pieces(&wm, "WD25CD", "WD25NM", || rnd(65_536)), whole);
    // Files it declines, whole or in pieces.
    let dir = common::repo().join("tests/fixtures/broken");
    for e in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        let whole = scan::read(&text, "WD25CD", "WD25NM").map(|p| (p.codes, p.mesh.parts().0.to_vec()));
        assert_eq!(in_pieces(&text, "WD25CD", "WD25NM", || rnd(13)), whole);
    }
    // A file cut short is declined, however it arrived.
    let cut = &coventry[..coventry.len() / 2];
    assert!(in_pieces(cut, "WD25CD", "WD25NM", || rnd(4096)).is_none());
}
