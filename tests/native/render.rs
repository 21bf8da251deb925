//! The shared drawing code renders bundles to PNG: pixels at known points have the class
//! colour the map means, holes are unfilled and enclaves keep their own colour.

mod common;
use needs_map::{draw::png as render, read::bundle, scene::Scene};

fn read_png(path: &std::path::Path) -> (u32, Vec<u8>, usize) {
    let dec = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut r = dec.read_info().unwrap();
    let mut buf = vec![0; r.output_buffer_size().unwrap()];
    let info = r.next_frame(&mut buf).unwrap();
    (info.width, buf, info.color_type.samples())
}

fn pixel(img: &(u32, Vec<u8>, usize), x: f64, y: f64) -> String {
    let (w, buf, n) = img;
    let i = (y as usize * *w as usize + x as usize) * n;
    format!("#{:02x}{:02x}{:02x}", buf[i], buf[i + 1], buf[i + 2])
}

/// Renders `indicator` and returns the image with the function mapping lon/lat to its pixels.
fn render(atlas: &needs_map::model::atlas::Atlas, indicator: &str, name: &str) -> ((u32, Vec<u8>, usize), impl Fn(f64, f64) -> (f64, f64)) {
    let (w, h) = (960, 720);
    let scene = Scene::build(atlas, indicator, &render::view_for(w, h), None).unwrap();
    let out = common::repo().join("tests/output");
    std::fs::create_dir_all(&out).unwrap();
    let path = out.join(name);
    render::png(&scene, &path, w, h).unwrap();
    let l = render::layout(w, h);
    let proj = scene.projection;
    (read_png(&path), move |lon, lat| {
        let p = proj.to_pixel([lon, lat]);
        (p[0] + l.map_origin.0 as f64, p[1] + l.map_origin.1 as f64)
    })
}

#[test]
fn each_coventry_ward_point_has_its_imd_class_colour() {
    let atlas = bundle::from_json(&std::fs::read_to_string(common::repo().join("data/coventry.json")).unwrap()).unwrap();
    let (img, at) = render(&atlas, "imd_score", "coventry-imd.png");
    // Classes from mapclassify 2.10 Quantiles(k=5) on the ward scores; ColorBrewer OrRd-5.
    const ORRD5: [&str; 5] = ["#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000"];
    let class = |name: &str| match name {
        "Bablake" | "Earlsdon" | "Wainbody" | "Whoberley" => 0,
        "Cheylesmore" | "Sherbourne" | "Woodlands" => 1,
        "Holbrook" | "Lower Stoke" | "Westwood" | "Wyken" => 2,
        "Radford" | "St Michael's" | "Upper Stoke" => 3,
        "Binley and Willenhall" | "Foleshill" | "Henley" | "Longford" => 4,
        other => panic!("unexpected ward {other}"),
    };
    let wards = common::ward_points();
    assert_eq!(wards.len(), 18);
    for (_, name, lon, lat) in &wards {
        let (x, y) = at(*lon, *lat);
        assert_eq!(pixel(&img, x, y), ORRD5[class(name)], "{name} at ({x:.0}, {y:.0})");
    }
    let foleshill = wards.iter().find(|w| w.1 == "Foleshill").unwrap();
    let (x, y) = at(foleshill.2, foleshill.3);
    assert_eq!(pixel(&img, x, y), "#b30000", "Foleshill is in the darkest class");
    let earlsdon = wards.iter().find(|w| w.1 == "Earlsdon").unwrap();
    let (x, y) = at(earlsdon.2, earlsdon.3);
    assert_eq!(pixel(&img, x, y), "#fef0d9", "Earlsdon is in the lightest class");
}

#[test]
fn life_expectancy_puts_the_dark_end_on_the_lowest_values() {
    let atlas = bundle::from_json(&std::fs::read_to_string(common::repo().join("data/coventry.json")).unwrap()).unwrap();
    let scene = Scene::build(&atlas, "le_male", &render::view_for(960, 720), None).unwrap();
    let lowest = scene.shapes.iter().min_by(|a, b| a.value.partial_cmp(&b.value).unwrap()).unwrap();
    let highest = scene.shapes.iter().max_by(|a, b| a.value.partial_cmp(&b.value).unwrap()).unwrap();
    assert_eq!(lowest.fill.hex(), "#b30000");
    assert_eq!(highest.fill.hex(), "#fef0d9");
    assert_eq!(scene.shapes.len(), 42);
}

#[test]
fn a_hole_is_unfilled_and_an_enclave_shows_its_own_colour() {
    let atlas = bundle::from_json(include_str!("../fixtures/hole_and_enclave.json")).unwrap();
    let (img, at) = render(&atlas, "value", "hole-and-enclave.png");
    // Fixture: container square 0..1000 with hole 300..700, enclave 450..550 (units of 1e-4 deg).
    let deg = |u: f64, v: f64| at(-1.6 + u * 1e-4, 52.4 + v * 1e-4);
    let (x, y) = deg(150.0, 150.0);
    assert_eq!(pixel(&img, x, y), "#fef0d9", "the container's own fill (value 1, lightest)");
    let (x, y) = deg(350.0, 350.0);
    assert_eq!(pixel(&img, x, y), "#ffffff", "inside the hole, outside the enclave: page background");
    let (x, y) = deg(500.0, 500.0);
    assert_eq!(pixel(&img, x, y), "#b30000", "the enclave's own colour (value 10, darkest)");
}
