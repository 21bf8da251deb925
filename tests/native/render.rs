//! The exported picture, drawn natively: the command line's PNG has the class colour the map
//! means at each ward's official interior point, holes are unfilled and enclaves keep their
//! own colour; the PNG, the SVG and a recording painter draw the same words, as laid out once.

mod common;
use needs_map::draw::{picture, png::PngPainter, record::Recorder};
use needs_map::widget::{settings::Change, Widget};

/// ColorBrewer OrRd-5; classes from mapclassify 2.10 Quantiles(k=5) on the ward scores.
const ORRD5: [&str; 5] = ["#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000"];

fn imd_class(name: &str) -> usize {
    match name {
        "Bablake" | "Earlsdon" | "Wainbody" | "Whoberley" => 0,
        "Cheylesmore" | "Sherbourne" | "Woodlands" => 1,
        "Holbrook" | "Lower Stoke" | "Westwood" | "Wyken" => 2,
        "Radford" | "St Michael's" | "Upper Stoke" => 3,
        "Binley and Willenhall" | "Foleshill" | "Henley" | "Longford" => 4,
        other => panic!("unexpected ward {other}"),
    }
}

fn coventry() -> Widget {
    Widget::from_bundle(&std::fs::read_to_string(common::repo().join("data/coventry.json")).unwrap()).unwrap()
}

/// Paints a widget's picture at `scale`, returning the painter and the function from
/// longitude/latitude to its device pixels.
fn paint(w: &mut Widget, scale: f32) -> (PngPainter, impl Fn(f64, f64) -> (usize, usize)) {
    let proj = w.picture_projection(960, 720);
    let pic = w.picture(960, 720).unwrap();
    let mut p = PngPainter::new(960, 720, scale);
    picture::draw(&mut p, &pic, 960, 720);
    let l = picture::layout(960, 720);
    (p, move |lon, lat| {
        let q = proj.to_pixel([lon, lat]);
        (((q[0] + l.map.origin[0] as f64) * scale as f64) as usize, ((q[1] + l.map.origin[1] as f64) * scale as f64) as usize)
    })
}

#[test]
fn each_coventry_ward_point_has_its_imd_class_colour() {
    let mut w = coventry();
    // The fills alone: a ward's name may be written over its interior point (tests/native/labels.rs).
    w.set_view(vec![Change::Labels(Some(false))]).unwrap();
    let wards = common::ward_points();
    assert_eq!(wards.len(), 18);
    for scale in [1.0, 2.0] {
        let (p, at) = paint(&mut w, scale);
        for (_, name, lon, lat) in &wards {
            let (x, y) = at(*lon, *lat);
            assert_eq!(p.pixel(x, y).hex(), ORRD5[imd_class(name)], "{name} at ({x}, {y}) x{scale}");
        }
    }
    // The file is written and reads back as a PNG of the size asked for.
    let out = common::repo().join("tests/output");
    std::fs::create_dir_all(&out).unwrap();
    let pic = w.picture(960, 720).unwrap();
    assert!(needs_map::draw::png::write(&pic, &out.join("coventry-imd.png"), 960, 720).unwrap(), "DejaVu Sans is installed");
    let dec = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(out.join("coventry-imd.png")).unwrap()));
    let info = dec.read_info().unwrap().info().clone();
    assert_eq!((info.width, info.height), (960, 720));
}

/// The SVG's area paths carry the same class colours, and the PNG, the SVG and the
/// recorder are given the same words in the same order: title, what the map covers, the
/// legend's heading, entries and note, the source and the attribution.
#[test]
fn png_svg_and_recorder_draw_the_same_picture() {
    let mut w = coventry();
    let pic = w.picture(960, 720).unwrap();
    let mut rec = Recorder::default();
    picture::draw(&mut rec, &pic, 960, 720);
    let texts = rec.texts();
    // The title and what the map covers, then the wards' names (18 in 20 lines), then the legend.
    assert_eq!(texts[..3], ["IMD score (2019), by ward", "18 wards of Coventry", "Bablake"]);
    let legend = texts.iter().position(|t| *t == "IMD score, 2019: darker is").unwrap();
    assert_eq!(legend, 22);
    // Breaks as mapclassify 2.10 Quantiles(k=5) gives them (tests/fixtures/mapclassify-2.10.json):
    // 17.0726, 19.6338, 27.2432, 34.4432, 44.58.
    let words: Vec<&str> = texts[..2].iter().chain(&texts[legend..]).copied().collect();
    assert_eq!(
        words[..13],
        [
            "IMD score (2019), by ward",
            "18 wards of Coventry",
            "IMD score, 2019: darker is",
            "worse",
            "9.19 to 17.07 (4)",
            "over 17.07 to 19.63 (3)",
            "over 19.63 to 27.24 (4)",
            "over 27.24 to 34.44 (3)",
            "over 34.44 to 44.58 (4)",
            "5 classes by quantiles (equal numbers of",
            "areas); Orange-red palette (colour-blind",
            "safe).",
            "Source: MHCLG English Indices of Deprivation 2019.",
        ]
    );
    assert!(words[13].starts_with("Contains National Statistics data © Crown copyright"), "{}", words[13]);
    let svg = w.svg(960, 720).unwrap();
    let svg_texts: Vec<String> = svg
        .split("<text ")
        .skip(1)
        .map(|t| t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()].replace("&amp;", "&").replace("&#39;", "'"))
        .collect();
    assert_eq!(svg_texts, texts);
    for (code, name, ..) in common::ward_points() {
        let at = svg.find(&format!("data-code=\"{code}\"")).unwrap();
        let fill = &svg[at..][svg[at..].find("fill=\"").unwrap() + 6..][..7];
        assert_eq!(fill, ORRD5[imd_class(&name)], "{name}");
    }
    assert_eq!(pic.sheet.legend[0].label, "9.19 to 17.07 (4)");
}

#[test]
fn life_expectancy_puts_the_dark_end_on_the_lowest_values() {
    let mut w = coventry();
    w.set_view(vec![Change::Indicator("le_male".into())]).unwrap();
    let areas = w.areas();
    let lowest = areas.iter().min_by(|a, b| a.value.partial_cmp(&b.value).unwrap()).unwrap();
    let highest = areas.iter().max_by(|a, b| a.value.partial_cmp(&b.value).unwrap()).unwrap();
    let pic = w.picture(960, 720).unwrap();
    let fill = |code: &str| pic.areas.iter().find(|a| a.code == code).unwrap().fill.hex();
    assert_eq!(fill(&lowest.code), "#b30000");
    assert_eq!(fill(&highest.code), "#fef0d9");
    assert_eq!(pic.areas.len(), 42);
}

#[test]
fn a_hole_is_unfilled_and_an_enclave_shows_its_own_colour() {
    let mut w = Widget::from_bundle(include_str!("../fixtures/hole_and_enclave.json")).unwrap();
    let proj = w.picture_projection(960, 720);
    let pic = w.picture(960, 720).unwrap();
    let mut p = PngPainter::new(960, 720, 1.0);
    picture::draw(&mut p, &pic, 960, 720);
    let origin = picture::layout(960, 720).map.origin;
    // Fixture: container square 0..1000 with hole 300..700, enclave 450..550 (units of 1e-4 deg).
    let at = |u: f64, v: f64| {
        let q = proj.to_pixel([-1.6 + u * 1e-4, 52.4 + v * 1e-4]);
        p.pixel((q[0] + origin[0] as f64) as usize, (q[1] + origin[1] as f64) as usize).hex()
    };
    assert_eq!(at(150.0, 150.0), "#fef0d9", "the container's own fill (value 1, lightest)");
    assert_eq!(at(350.0, 350.0), "#ffffff", "inside the hole, outside the enclave: page background");
    assert_eq!(at(500.0, 500.0), "#b30000", "the enclave's own colour (value 10, darkest)");
}

/// The PNG's text: a decimal point sits on the digits' baseline ("9.19", not "9·19", as
/// plotters' placing by each glyph's truncated pixel box drew it at 13 px), at 1x and 2x.
#[test]
fn a_decimal_point_sits_on_the_digits_baseline() {
    use needs_map::draw::painter::{Font, Painter};
    use needs_map::style::palette::Rgb;
    for scale in [1.0f32, 2.0] {
        let mut p = PngPainter::new(80, 30, scale);
        p.text([4.0, 20.0], "9.19", Font::regular(13.0), Rgb(0, 0, 0));
        assert!(!p.missing_font, "DejaVu Sans is installed");
        let (w, h) = ((80.0 * scale) as usize, (30.0 * scale) as usize);
        let inked = |x: usize, y: usize| p.pixel(x, y).0 < 160;
        // The glyphs are the runs of columns with ink; each one's lowest inked row.
        let mut glyphs: Vec<(usize, usize)> = Vec::new(); // (first column, lowest row)
        let mut last = None;
        for x in 0..w {
            let low = (0..h).rev().find(|&y| inked(x, y));
            if let Some(y) = low {
                match (last, glyphs.last_mut()) {
                    (Some(px), Some(g)) if px + 1 == x => g.1 = g.1.max(y),
                    _ => glyphs.push((x, y)),
                }
                last = Some(x);
            }
        }
        assert_eq!(glyphs.len(), 4, "9 . 1 9 at {scale}x: {glyphs:?}");
        let baseline = glyphs[2].1; // the "1", flat on the line
        assert_eq!(glyphs[1].1, baseline, "the point's bottom row is the digits' at {scale}x: {glyphs:?}");
        assert!(glyphs[0].1.abs_diff(baseline) <= 1 && glyphs[3].1.abs_diff(baseline) <= 1, "{glyphs:?}");
    }
}

/// At council scale the map is drawn as paths: no full-frame buffers are kept (8 MB at
/// 960x720, device pixel ratio 2), the overlay fills every ward in its class colour, and hover
/// tests the same rings, finding each ward at its official inside point, zoomed in too.
#[test]
fn coventry_wards_are_drawn_as_paths_without_frame_buffers_and_hover_is_exact() {
    let mut w = coventry();
    w.resize(960.0, 720.0, 2.0).unwrap();
    assert!(w.pixels().0.is_empty(), "no raster picture at council scale");
    let o = w.overlay(None, None);
    assert_eq!(o.fills.len(), 18);
    let fills: Vec<(String, String)> = o.fills.iter().map(|s| (s.name.clone(), s.fill.hex())).collect();
    for (name, colour) in &fills {
        assert_eq!(colour, ORRD5[imd_class(name)], "{name}");
    }
    // Off the city, in the map's corner: no ward.
    assert!(w.area_at(2.0, 2.0).is_none());
    for zoom in [1.0, 4.0] {
        if zoom > 1.0 {
            w.zoom_by(zoom, Some("E05001222")).unwrap();
            assert!(w.pixels().0.is_empty());
        }
        let mut found = 0;
        for (code, name, lon, lat) in common::ward_points() {
            let [x, y] = w.locate(lon, lat).unwrap();
            if !(0.0..960.0).contains(&x) || !(0.0..720.0).contains(&y) {
                continue;
            }
            assert_eq!(w.area_at(x, y).map(|s| s.code.as_str()), Some(code.as_str()), "{name} at ({x:.0}, {y:.0}), zoom {zoom}");
            found += 1;
        }
        // Every ward at the whole city's view; Foleshill and its neighbours zoomed in on it.
        assert!(if zoom == 1.0 { found == 18 } else { (1..18).contains(&found) }, "{found} wards in view at zoom {zoom}");
    }
}
