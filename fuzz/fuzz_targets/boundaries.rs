//! GeoJSON and TopoJSON boundaries: reading must end in areas or located problems.
#![no_main]
use libfuzzer_sys::fuzz_target;
use needs_map::read::load::{read_boundaries, BoundaryOptions, Limits};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let o = BoundaryOptions { file: "fuzz", layer_id: "l", label: "L", noun: "areas", code_field: "code", name_field: "name" };
    let (layer, report, _) = read_boundaries(&text, &o, &Limits { max_bytes: 1 << 20, max_areas: 10_000, max_vertices: 1_000_000 });
    assert!(report.problems.iter().all(|p| p.file == "fuzz"));
    let _ = needs_map::place::neighbours::neighbours(&layer);
});
