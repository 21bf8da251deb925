use needs_map::{
    atlas::Atlas,
    bundle,
    load::{read_geojson, BoundaryOptions},
};
use std::time::Instant;
fn main() {
    let text = std::fs::read_to_string("../shared/data/boundaries/national/geolookups_wards2025_england_merged.geojson").unwrap();
    let opts = BoundaryOptions { file: "e", layer_id: "areas", label: "A", noun: "a", code_field: "WD25CD", name_field: "WD25NM" };
    let t = Instant::now();
    let (layer, _r) = read_geojson(&text, &opts);
    println!("read {:?}", t.elapsed());
    let mut atlas = Atlas::default();
    atlas.layers.push(layer);
    let t = Instant::now();
    let geoms: Vec<_> = atlas.layers[0].areas.iter().map(|a| &a.geometry).collect();
    let topo = needs_map::topology::build(&geoms, &atlas.layers[0].bounds(), 1_000_000);
    println!("topology {:?} arcs {}", t.elapsed(), topo.arcs.len());
    let t = Instant::now();
    let s = bundle::to_json(&atlas, &bundle::WriteOptions { quantisation: 1_000_000, simplify_m: 0.0 });
    println!("to_json (incl topology) {:?} {} bytes", t.elapsed(), s.len());
    let t = Instant::now();
    let a = bundle::from_json(&s).unwrap();
    println!("from_json {:?} {}", t.elapsed(), a.layers[0].areas.len());
}
