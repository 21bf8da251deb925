//! Native benchmarks: `cargo bench --bench native` (run by `make bench`), so a regression in
//! load, prepare, classify, drawing or hit-testing shows without a browser. Medians of
//! repeated runs on the real data of ../shared (Coventry, and all 6,827 England ward
//! features); numbers, not pass/fail.

use needs_map::draw::raster::Raster;
use needs_map::model::atlas::Atlas;
use needs_map::place::mesh::Detail;
use needs_map::read::load::{read_geojson, BoundaryOptions};
use needs_map::scene::{Scene, View};
use needs_map::{
    derive::recipe,
    draw::{picture, png},
    place::pick::pick,
    read::bundle,
    style::classify,
    widget::Widget,
};
use std::path::PathBuf;
use std::time::Instant;

fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut t: Vec<f64> = (0..runs)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    t.sort_by(|a, b| a.total_cmp(b));
    t[t.len() / 2]
}

/// 1,000 seeded points over a 960 x 720 map.
fn points() -> Vec<[f64; 2]> {
    let mut seed = 0x9e3779b97f4a7c15u64;
    let mut rnd = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    (0..1000).map(|_| [rnd() * 960.0, rnd() * 720.0]).collect()
}

/// The same synthetic value for an area as the browser benchmark's pages (FNV-1a of the code).
fn synthetic(code: &str) -> f64 {
    let mut h = 0x811c9dc5u32;
    for b in code.bytes() {
        h = (h ^ b as u32).wrapping_mul(0x01000193);
    }
    (h % 1000) as f64 / 10.0
}

fn main() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf();
    let shared = std::env::var("NEEDSMAP_SHARED").map(PathBuf::from).unwrap_or_else(|_| repo.join("../shared"));
    std::env::set_var("NEEDSMAP_SHARED", &shared);
    let pts = points();
    let mut rows: Vec<(String, f64)> = Vec::new();

    // Coventry: the committed bundle.
    let text = std::fs::read_to_string(repo.join("data/coventry.json")).unwrap();
    let atlas = bundle::from_json(&text).unwrap();
    let view = picture::view_for(960, 720);
    let scene = Scene::build(&atlas, "imd_score", &view, None).unwrap();
    let mut widget = Widget::from_bundle(&text).unwrap();
    let pic = widget.picture(960, 720).unwrap();
    let out = std::env::temp_dir().join("needs-map-bench.png");
    rows.push(("prepare data/coventry.toml".into(), median_ms(5, || drop(recipe::prepare(&repo.join("data/coventry.toml"))))));
    rows.push((format!("load bundle, Coventry ({} bytes)", text.len()), median_ms(21, || drop(bundle::from_json(&text).unwrap()))));
    rows.push(("build scene, 18 wards, imd_score".into(), median_ms(51, || drop(Scene::build(&atlas, "imd_score", &view, None).unwrap()))));
    rows.push((
        "1,000 hit-tests, 18 wards (polygons)".into(),
        median_ms(21, || {
            for p in &pts {
                std::hint::black_box(pick(&scene, *p));
            }
        }),
    ));
    rows.push((
        "render PNG 960x720, wards".into(),
        median_ms(5, || {
            png::write(&pic, &out, 960, 720).unwrap();
        }),
    ));
    rows.push(("render SVG 960x720, wards".into(), median_ms(21, || drop(widget.svg(960, 720).unwrap()))));

    // England: 6,827 ward features from the official GeoJSON.
    let file = shared.join("data/boundaries/national/geolookups_wards2025_england_merged.geojson");
    let geojson = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}; set NEEDSMAP_SHARED", file.display()));
    let opts =
        BoundaryOptions { file: "england", layer_id: "ward", label: "Wards", noun: "wards", code_field: "WD25CD", name_field: "WD25NM" };
    rows.push((format!("load GeoJSON, England wards ({} MB)", geojson.len() >> 20), median_ms(3, || drop(read_geojson(&geojson, &opts)))));
    rows.push((
        "read GeoJSON in one pass to a mesh (scan), England wards".into(),
        median_ms(5, || drop(needs_map::read::scan::read(&geojson, "WD25CD", "WD25NM").unwrap())),
    ));
    let (layer, _) = read_geojson(&geojson, &opts);
    let mut england = Atlas::default();
    england.layers.push(layer);
    let values: Vec<f64> = england.layers[0].areas.iter().map(|a| synthetic(&a.code)).collect();
    rows.push((
        "quantile breaks, 6,827 values, k=5".into(),
        median_ms(21, || drop(classify::breaks(&values, 5, classify::Method::Quantile))),
    ));
    rows.push((
        "Fisher-Jenks breaks, 6,827 values, k=5".into(),
        median_ms(5, || drop(classify::breaks(&values, 5, classify::Method::Jenks))),
    ));
    let layer = &england.layers[0];
    rows.push(("project England into a mesh".into(), median_ms(5, || drop(Detail::new(layer)))));
    let mut detail = Detail::new(layer);
    let view = View { outlines: false, extent: Some(detail.extent()), ..View::new(960.0, 720.0) };
    let scene = Scene::boundaries(&england, "ward", &view, None).unwrap();
    rows.push((
        "project + coarsen to the 960 px level of detail".into(),
        median_ms(5, || {
            Detail::new(layer).at(&scene.projection);
        }),
    ));
    let mesh = detail.at(&scene.projection).clone();
    let mut raster = Raster::default();
    let drawn = raster.draw(&mesh, &scene.projection, 960.0, 720.0, 1.0);
    rows.push((
        format!("raster, England 960x720 ({drawn} of {} points)", detail.full().points()),
        median_ms(21, || {
            raster.draw(&mesh, &scene.projection, 960.0, 720.0, 1.0);
        }),
    ));
    let mut pixels = Vec::new();
    rows.push((
        "paint (colour look-up), England 960x720".into(),
        median_ms(21, || raster.paint(&scene, Some(needs_map::style::palette::BORDER), &mut pixels)),
    ));
    rows.push((
        "1,000 hit-tests, England (raster)".into(),
        median_ms(21, || {
            for p in &pts {
                std::hint::black_box(raster.area_at(p[0], p[1]));
            }
        }),
    ));
    let full = Scene::boundaries(&england, "ward", &View { extent: Some(detail.extent()), ..View::new(960.0, 720.0) }, None).unwrap();
    rows.push((
        "1,000 hit-tests, England (polygon scan)".into(),
        median_ms(3, || {
            for p in &pts {
                std::hint::black_box(pick(&full, *p));
            }
        }),
    ));

    // England's 32,844 LSOAs: the bundle of data/england-lsoa.toml, prepared here.
    let recipe_path = repo.join("data/england-lsoa.toml");
    let t = Instant::now();
    let (prepared, _) = recipe::prepare(&recipe_path);
    rows.push(("prepare data/england-lsoa.toml (32,844 LSOAs)".into(), t.elapsed().as_secs_f64() * 1000.0));
    let (lsoa_atlas, opts) = prepared.expect("data/england-lsoa.toml prepares");
    let lsoa_text = bundle::to_json(&lsoa_atlas, &opts);
    drop(lsoa_atlas);
    rows.push((
        format!("load bundle, England LSOAs ({} MB)", lsoa_text.len() >> 20),
        median_ms(3, || drop(bundle::from_json(&lsoa_text).unwrap())),
    ));
    rows.push(("widget from bundle, England LSOAs".into(), median_ms(3, || drop(Widget::from_bundle(&lsoa_text).unwrap()))));
    rows.push((
        "widget from bundle, sized 960x720, England LSOAs".into(),
        median_ms(3, || {
            let mut w = Widget::from_bundle(&lsoa_text).unwrap();
            w.resize(960.0, 720.0, 1.0).unwrap();
        }),
    ));

    println!("needs-map native benchmarks (median ms, release build)");
    for (name, ms) in rows {
        println!("  {name:<52} {ms:>10.3}");
    }
}
