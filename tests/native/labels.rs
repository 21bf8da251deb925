//! Names on the map (issue 21, item 4): where each area's name goes, which fit a view, and
//! that the map, the PNG and the SVG draw the same. The names are the official ones of
//! Coventry's 18 wards (ONS ward names, December 2025) and 42 MSOAs ("Coventry 001" ...).

use needs_map::draw::painter::Font;
use needs_map::draw::{picture, record::Recorder, svg::SvgPainter};
use needs_map::place::label::{overlap, text_width, Placed, FONT, WIDTHS};
use needs_map::widget::settings::Change;
use needs_map::widget::Widget;

fn coventry() -> Widget {
    let mut w = Widget::from_bundle(include_str!("../../data/coventry.json")).unwrap();
    w.resize(960.0, 720.0, 1.0).unwrap();
    w
}

/// Every placed name inside the view and clear of every other, with its point inside its
/// own area (the area the map finds under it).
fn check(w: &mut Widget, placed: &[Placed], size: [f32; 2]) {
    for (i, p) in placed.iter().enumerate() {
        let [l, t, r, b] = p.bounds();
        assert!(l >= 0.0 && t >= 0.0 && r <= size[0] && b <= size[1], "{:?} leaves the view", p.lines);
        for q in &placed[i + 1..] {
            assert!(!overlap(&p.bounds(), &q.bounds()), "{:?} overlaps {:?}", p.lines, q.lines);
        }
        let code = w.layer().areas[p.area].code.clone();
        assert_eq!(w.area_at(p.at[0] as f64, p.at[1] as f64).map(|s| s.code.clone()), Some(code), "{:?}", p.lines);
    }
}

#[test]
fn the_width_table_is_dejavu_sans_bold() {
    use ab_glyph::{Font as _, FontRef};
    let path = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e} (Debian's fonts-dejavu-core; the PNG is drawn in it too)"));
    let font = FontRef::try_from_slice(&bytes).unwrap();
    let upm = font.units_per_em().unwrap();
    for (i, &w) in WIDTHS.iter().enumerate() {
        let c = char::from(32 + i as u8);
        let advance = font.h_advance_unscaled(font.glyph_id(c)) / upm * 100.0;
        assert_eq!(w as f32, advance.ceil(), "{c:?}");
    }
    assert!((text_width("Binley and Willenhall", Font::bold(12.0)) - 144.12).abs() < 1e-3);
}

#[test]
fn every_ward_of_coventry_is_named_at_960_by_720() {
    let mut w = coventry();
    assert!(w.labels_on(), "18 wards: names on by default");
    let placed = w.overlay(None, None).labels;
    let mut names: Vec<String> = placed.iter().map(|p| p.lines.join(" ")).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "Bablake",
            "Binley and Willenhall",
            "Cheylesmore",
            "Earlsdon",
            "Foleshill",
            "Henley",
            "Holbrook",
            "Longford",
            "Lower Stoke",
            "Radford",
            "Sherbourne",
            "St Michael's",
            "Upper Stoke",
            "Wainbody",
            "Westwood",
            "Whoberley",
            "Woodlands",
            "Wyken"
        ]
    );
    check(&mut w, &placed, [960.0, 720.0]);
    // Off when asked: the overlay has none.
    w.set_view(vec![Change::Labels(Some(false))]).unwrap();
    assert!(w.overlay(None, None).labels.is_empty());
}

#[test]
fn a_phone_names_fewer_wards_and_zooming_in_names_more() {
    let mut w = coventry();
    w.resize(360.0, 270.0, 3.0).unwrap();
    let small = w.overlay(None, None).labels;
    check(&mut w, &small, [360.0, 270.0]);
    assert_eq!(small.len(), 3);
    w.set_view(vec![Change::Zoom(2.0)]).unwrap();
    let zoomed = w.overlay(None, None).labels;
    check(&mut w, &zoomed, [360.0, 270.0]);
    assert_eq!(zoomed.len(), 6);
}

#[test]
fn msoas_start_without_names_and_zooming_in_names_more() {
    let mut w = coventry();
    w.set_view(vec![Change::Indicator("hle_male".into())]).unwrap();
    assert!(!w.labels_on(), "42 MSOAs: off by default");
    assert!(w.overlay(None, None).labels.is_empty());
    w.set_view(vec![Change::Labels(Some(true))]).unwrap();
    let whole = w.overlay(None, None).labels;
    check(&mut w, &whole, [960.0, 720.0]);
    assert_eq!(whole.len(), 32);
    w.set_view(vec![Change::Zoom(3.0)]).unwrap();
    let zoomed = w.overlay(None, None).labels;
    check(&mut w, &zoomed, [960.0, 720.0]);
    // A third of the city in view: fewer names, but some the whole map had no room for.
    let new = zoomed.iter().filter(|z| !whole.iter().any(|p| p.area == z.area)).count();
    assert_eq!((zoomed.len(), new), (10, 4));
}

#[test]
fn the_picture_names_the_wards_as_the_map_does_in_png_and_svg() {
    let mut w = coventry();
    let p = w.picture(960, 720).unwrap();
    let mut r = Recorder::default();
    picture::draw(&mut r, &p, 960, 720);
    let texts = r.texts();
    // Every ward, two of them in two lines where the map frame is narrower than the screen's.
    for name in ["Bablake", "Foleshill", "Radford", "St Michael's", "Binley and", "Willenhall", "Upper", "Stoke"] {
        assert!(texts.contains(&name), "{name}");
    }
    let mut svg = SvgPainter::new(960, 720, "t", "nm");
    picture::draw(&mut svg, &p, 960, 720);
    let svg = svg.finish();
    // 18 names in 20 lines, each on a white halo; data text as text.
    assert_eq!(
        svg.matches(r##"fill="#0b0c0c" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">"##).count(),
        20
    );
    assert!(svg.contains(r#"paint-order="stroke">St Michael's</text>"#));
    // Without names on the map, none in the picture.
    w.set_view(vec![Change::Labels(Some(false))]).unwrap();
    let p = w.picture(960, 720).unwrap();
    let mut r = Recorder::default();
    picture::draw(&mut r, &p, 960, 720);
    assert!(!r.texts().contains(&"Foleshill"));
    let _ = FONT;
}

#[test]
fn no_name_goes_under_the_pages_zoom_buttons() {
    let mut w = coventry();
    // A 360 px phone's page, less its margins.
    w.resize(330.0, 248.0, 3.0).unwrap();
    let open: Vec<String> = w.overlay(None, None).labels.iter().map(|p| p.lines.join(" ")).collect();
    assert_eq!(open, ["Bablake", "Henley"]);
    // The element's three 40 px buttons, 8 px from the top right corner.
    let buttons = [282.0, 8.0, 322.0, 144.0];
    w.cover(vec![buttons]);
    let placed = w.overlay(None, None).labels;
    assert!(placed.iter().all(|p| !overlap(&p.bounds(), &buttons)));
    assert_eq!(placed.iter().map(|p| p.lines.join(" ")).collect::<Vec<_>>(), ["Bablake"]);
}
