//! Native benchmarks: `cargo bench --bench native` (run by `make bench`).
//! Medians of repeated runs on the real Coventry data; numbers, not pass/fail.

use needs_map::{bundle, classify, pick::pick, recipe, render, scene::Scene};
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

fn main() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf();
    if std::env::var("NEEDSMAP_SHARED").is_err() {
        std::env::set_var("NEEDSMAP_SHARED", repo.join("../shared"));
    }
    let text = std::fs::read_to_string(repo.join("data/coventry.json")).unwrap();
    let atlas = bundle::from_json(&text).unwrap();
    let view = render::view_for(960, 720);
    let scene = Scene::build(&atlas, "imd_score", &view, None).unwrap();
    let values: Vec<f64> = atlas.indicator("le_male").unwrap().latest().unwrap().values.values().map(|e| e.value).collect();
    let out = std::env::temp_dir().join("needs-map-bench.png");
    let mut seed = 0x9e3779b97f4a7c15u64;
    let mut rnd = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    let points: Vec<[f64; 2]> = (0..1000).map(|_| [rnd() * 960.0, rnd() * 720.0]).collect();

    println!("needs-map native benchmarks (median ms; Coventry bundle {} bytes)", text.len());
    let rows = [
        ("prepare data/coventry.toml", median_ms(5, || drop(recipe::prepare(&repo.join("data/coventry.toml"))))),
        ("read bundle (18 wards + 42 MSOAs)", median_ms(21, || drop(bundle::from_json(&text).unwrap()))),
        ("build scene, imd_score", median_ms(51, || drop(Scene::build(&atlas, "imd_score", &view, None).unwrap()))),
        ("quantile breaks, 42 MSOA values", median_ms(101, || drop(classify::breaks(&values, 5, classify::Method::Quantile)))),
        (
            "1,000 hit-tests, wards",
            median_ms(21, || {
                for p in &points {
                    std::hint::black_box(pick(&scene, *p));
                }
            }),
        ),
        (
            "render PNG 960x720",
            median_ms(5, || {
                render::png(&scene, &out, 960, 720).unwrap();
            }),
        ),
        ("render SVG 960x720", median_ms(21, || drop(render::svg(&scene, 960, 720)))),
    ];
    for (name, ms) in rows {
        println!("  {name:<40} {ms:>9.3}");
    }
}
