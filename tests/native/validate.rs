//! `needsmap validate`: each problem class has a small broken fixture and an assertion on
//! the exact message and location; the real official files validate with only the known
//! problem (the all-England file's duplicate ward E05014284).

mod common;
use needs_map::model::crs::bng_to_lonlat;
use needs_map::model::geometry::contains;
use needs_map::read::load::{read_boundaries, BoundaryOptions, Limits, MAX_DEPTH};
use std::process::Command;

/// Runs `needsmap validate FILE --code-field WD25CD --name-field WD25NM`: (exit code, stderr lines).
fn validate(fixture: &str) -> (i32, Vec<String>) {
    let out = Command::new(env!("CARGO_BIN_EXE_needsmap"))
        .args(["validate", &format!("tests/fixtures/broken/{fixture}"), "--code-field", "WD25CD", "--name-field", "WD25NM"])
        .current_dir(common::repo())
        .output()
        .unwrap();
    (out.status.code().unwrap(), String::from_utf8_lossy(&out.stderr).lines().map(String::from).collect())
}

fn expect(fixture: &str, lines: &[&str]) {
    let (code, got) = validate(fixture);
    let want: Vec<String> = lines.iter().map(|l| format!("tests/fixtures/broken/{fixture}{l}")).collect();
    assert_eq!(got, want);
    assert_eq!(code, 1, "{fixture} should exit 1");
}

#[test]
fn truncated_file() {
    expect(
        "truncated.geojson",
        &[": ends too early, at line 1 column 150: the file is truncated; check the file is complete GeoJSON or TopoJSON"],
    );
}

#[test]
fn wrong_geojson_type() {
    expect(
        "wrong-type.geojson",
        &[": has type \"FeatureCollectionn\", not FeatureCollection or Topology; give GeoJSON (a FeatureCollection) or TopoJSON"],
    );
    expect("bare-geometry.geojson", &[": is a bare Polygon geometry, with no area codes or names; give a FeatureCollection whose features carry code and name properties"]);
}

#[test]
fn non_polygon_geometry() {
    expect(
        "not-polygons.geojson",
        &[
            ":feature 2 (E05000002): is a Point, not a Polygon or MultiPolygon; give area boundaries as polygons",
            ":feature 3 (E05000003): is a LineString, not a Polygon or MultiPolygon; give area boundaries as polygons",
        ],
    );
}

#[test]
fn empty_unclosed_and_short_rings() {
    expect(
        "bad-rings.geojson",
        &[
            ":feature 1 (E05000001): ring 1 is empty; remove the empty ring",
            ":feature 2 (E05000002): ring 1 is not closed: it ends at (-1.5, 52.5), not where it starts; repeat the first point at the end of the ring",
            ":feature 3 (E05000003): ring 1 has 3 points; a closed ring needs at least 4; give at least three corners and repeat the first point at the end",
        ],
    );
}

#[test]
fn non_finite_coordinate() {
    expect(
        "non-finite.geojson",
        &[": has a number too large to be a coordinate at line 1 column 268 (not finite); check the file is complete GeoJSON or TopoJSON"],
    );
}

#[test]
fn longitude_out_of_range() {
    expect("out-of-range.geojson", &[":feature 1 (E05000001): ring 1 has the point (181.4, 52.4), outside longitude/latitude; give CRS84 longitude/latitude, or British National Grid metres throughout"]);
}

#[test]
fn duplicate_area_code() {
    expect(
        "duplicate.geojson",
        &[":feature 2 (E05000001): area code E05000001 appears more than once (first at feature 1), with a different name or boundary; keep one feature per area code"],
    );
}

#[test]
fn missing_code_property_suggests_the_likely_field() {
    expect("wrong-fields.geojson", &[":feature 1: no \"WD25CD\" property; this file has \"WD19CD\": set the code field to it"]);
}

#[test]
fn self_intersecting_ring() {
    expect("self-intersecting.geojson", &[":feature 1 (E05000001): ring 1 crosses itself near (-1.450000, 52.450000); repair the geometry (QGIS \"Fix geometries\", or mapshaper -clean)"]);
}

#[test]
fn british_national_grid_is_recognised_by_crs_member_or_range_and_holes_stay_holes() {
    for fixture in ["bng-with-hole.geojson", "bng-no-crs.geojson"] {
        let text = std::fs::read_to_string(common::repo().join("tests/fixtures/broken").join(fixture)).unwrap();
        let o =
            BoundaryOptions { file: fixture, layer_id: "ward", label: "Wards", noun: "wards", code_field: "WD25CD", name_field: "WD25NM" };
        let (layer, report, summary) = read_boundaries(&text, &o, &Limits::default());
        assert!(report.problems.is_empty(), "{report}");
        assert_eq!(summary.crs.unwrap().name(), "British National Grid (EPSG:27700)");
        let g = &layer.areas[0].geometry;
        // The hole is centred on Foleshill's published point, (434174, 281518) = (-1.498799, 52.4306).
        assert!(!contains(g, [-1.498799, 52.4306]), "the centre of the hole is not inside the area");
        assert!(contains(g, bng_to_lonlat(433500.0, 281518.0)), "between the hole and the edge is inside");
        assert!(!contains(g, bng_to_lonlat(436000.0, 281518.0)), "outside the square is outside");
    }
}

#[test]
fn limits_end_in_clear_errors() {
    let text = std::fs::read_to_string(common::repo().join("tests/fixtures/broken/duplicate.geojson")).unwrap();
    let o = BoundaryOptions { file: "f.geojson", layer_id: "a", label: "A", noun: "areas", code_field: "WD25CD", name_field: "WD25NM" };
    let run = |l: Limits| read_boundaries(&text, &o, &l).1.problems[0].to_string();
    let d = Limits::default();
    assert_eq!(
        run(Limits { max_bytes: 100, ..d }),
        "f.geojson: is 535 bytes, over the limit of 100 bytes; split the file by region or simplify it"
    );
    assert_eq!(run(Limits { max_areas: 1, ..d }), "f.geojson: has 2 features, over the limit of 1; split the file by region");
    assert_eq!(
        run(Limits { max_vertices: 9, ..d }),
        "f.geojson: has 10 points, over the limit of 9; simplify the boundaries (generalised boundaries from the ONS portal are enough for maps)"
    );
    let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
    let (_, r, _) = read_boundaries(&deep, &o, &d);
    assert_eq!(
        r.problems[0].to_string(),
        "f.geojson: is nested more than 128 levels deep (line 1, column 128); check the file is complete GeoJSON or TopoJSON"
    );
}

#[test]
fn every_real_boundary_file_validates_with_only_the_known_duplicate() {
    let dir = common::shared().join("data/boundaries");
    let mut files: Vec<String> = Vec::new();
    for sub in ["coventry", "national"] {
        for e in std::fs::read_dir(dir.join(sub)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "geojson" || x == "topojson") {
                files.push(p.display().to_string());
            }
        }
    }
    files.sort();
    assert_eq!(files.len(), 11);
    let out = Command::new(env!("CARGO_BIN_EXE_needsmap")).arg("validate").args(&files).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let problems: Vec<&str> = stderr.lines().collect();
    assert_eq!(problems.len(), 1, "{stderr}");
    assert!(problems[0].ends_with("geolookups_wards2025_england_merged.geojson:feature 1843 (E05014284): repeats feature 1842 exactly; the copy is left out; remove the copy from the file"));
    assert_eq!(out.status.code(), Some(0), "an exact copy is a notice, not an error");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(
            "geolookups_wards2025_england_merged.geojson: GeoJSON, 6827 features (424 MultiPolygon, 6403 Polygon), 752335 points"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("ukgeojson_lsoa2011_E08000026.topojson: TopoJSON, 195 features"), "{stdout}");
}

/// Runs `needsmap validate ARGS...` from the repository: (exit code, stdout lines, stderr lines).
fn validate_args(args: &[&str]) -> (i32, Vec<String>, Vec<String>) {
    let out = Command::new(env!("CARGO_BIN_EXE_needsmap")).arg("validate").args(args).current_dir(common::repo()).output().unwrap();
    let lines = |b: &[u8]| String::from_utf8_lossy(b).lines().map(String::from).collect();
    (out.status.code().unwrap(), lines(&out.stdout), lines(&out.stderr))
}

#[test]
fn tidy_csv_bad_number_unknown_code_and_missing_area_are_located() {
    let msoa = common::shared().join("data/boundaries/coventry/ukgeojson_msoa2011_E08000026.topojson").display().to_string();
    let (code, out, err) = validate_args(&["tests/fixtures/data/hle-male-tidy-broken.csv", &msoa]);
    assert_eq!(code, 1);
    assert_eq!(out[0], "tests/fixtures/data/hle-male-tidy-broken.csv: tidy CSV, 42 rows, 6 columns, 42 area codes; indicators hle_male; 42 rows (1 without a value), 0 England rows, 0 breakdown rows left out");
    assert_eq!(
        out[2],
        format!("tests/fixtures/data/hle-male-tidy-broken.csv joined to {msoa}: 41 of 42 areas have data, 1 code(s) match no area")
    );
    assert_eq!(
        err,
        [
            "tests/fixtures/data/hle-male-tidy-broken.csv:line 4, column \"value\": \"59,5\" is not a number; correct the cell, or leave the area out of the file".to_string(),
            format!("tests/fixtures/data/hle-male-tidy-broken.csv: 1 area code(s) match no area of {msoa}: E02099999; if the file covers a wider area than the boundaries, keep only their rows (or prepare with --area); otherwise check the codes are of the same geography and vintage as the boundaries"),
            format!("tests/fixtures/data/hle-male-tidy-broken.csv: 1 area(s) of {msoa} have no data: E02006805; they are drawn as \"no data\""),
        ]
    );
}

#[test]
fn fingertips_export_is_recognised_with_england_rows_as_benchmarks_and_blank_values_kept_blank() {
    let msoa = common::shared().join("data/boundaries/coventry/ukgeojson_msoa2011_E08000026.geojson").display().to_string();
    let (code, out, err) = validate_args(&["tests/fixtures/data/hle-male-fingertips.csv", &msoa]);
    assert_eq!(code, 0, "{err:?}");
    assert_eq!(out[0], "tests/fixtures/data/hle-male-fingertips.csv: Fingertips export, 8 rows, 26 columns, 7 area codes; indicators 90362 (Male); 7 rows (1 without a value), 1 England rows, 0 breakdown rows left out");
    assert_eq!(err.len(), 1);
    assert!(err[0].contains("35 area(s) of") && err[0].contains("have no data: E02001966, E02001967,"), "{}", err[0]);
}

#[test]
fn every_real_csv_file_validates_with_no_problems() {
    let mut files: Vec<String> = Vec::new();
    for sub in ["health", "imd", "lookups", "population", "postcodes", "services"] {
        for e in std::fs::read_dir(common::shared().join("data").join(sub)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "csv") {
                files.push(p.display().to_string());
            }
        }
    }
    files.sort();
    assert_eq!(files.len(), 37);
    let args: Vec<&str> = files.iter().map(|s| s.as_str()).collect();
    let (code, out, err) = validate_args(&args);
    assert_eq!((code, err.len()), (0, 0), "{err:?}");
    assert_eq!(out.len(), 37);
    assert!(out.iter().any(|l| l.ends_with("File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv: table, 32844 rows, 6 columns, 32844 area codes; key column \"LSOA code (2011)\"")));
}

#[test]
fn csv_and_bundle_size_limits_end_in_clear_errors() {
    let f = common::repo().join("tests/fixtures/data/hle-male-tidy.csv");
    let e = needs_map::read::table::Table::read_limited(&f, "hle.csv", 1000).unwrap_err();
    assert_eq!(e.to_string(), "hle.csv: is 2993 bytes, over the limit of 1000 bytes for a CSV; split the file or filter it to your area");
    let huge = " ".repeat(needs_map::read::bundle::MAX_BYTES + 1);
    assert_eq!(
        needs_map::read::bundle::from_json(&huge).unwrap_err().to_string(),
        "the bundle is 67,108,865 bytes, over the limit of 67,108,864 bytes (64 MB); split it into smaller bundles"
    );
}

/// `needsmap validate FILE` with no field names: (exit code, stdout, stderr).
fn validate_unnamed(path: &str) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_needsmap")).args(["validate", path]).current_dir(common::repo()).output().unwrap();
    (out.status.code().unwrap(), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

#[test]
fn code_and_name_fields_are_found_by_their_values() {
    // A unitary's own file: British National Grid, CODE and NAME beside other properties.
    let (code, out, err) = validate_unnamed("tests/fixtures/fields/council-bng.geojson");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("British National Grid (EPSG:27700); code CODE, name NAME; 1 areas read"), "{out}");
    // The West Midlands wards: WD25CD (754 codes, one per ward) over CAUTHCD (3), LAD25CD,
    // UTLACD and RGNCD, which repeat; WD25NM over the GlobalID (text, but not a name).
    let wm = common::shared().join("data/boundaries/national/geolookups_wards2025_E12000005_west_midlands_region.geojson");
    let (code, out, err) = validate_unnamed(wm.to_str().unwrap());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("code WD25CD, name WD25NM; 754 areas read"), "{out}");
}

#[test]
fn no_clear_code_field_lists_the_candidates_with_an_example_each() {
    let (code, _, err) = validate_unnamed("tests/fixtures/fields/two-code-fields.geojson");
    assert_eq!(code, 1);
    assert_eq!(
        err.trim(),
        "tests/fixtures/fields/two-code-fields.geojson: has two properties of ONS codes, one per area, OLDWARD and WARD; its properties: \
         LABEL (e.g. \"Foleshill\", 2 different values), OLDWARD (e.g. \"E05000001\", 2 different values), WARD (e.g. \"E05001222\", 2 different values); \
         name them with --code-field and --name-field"
    );
}
