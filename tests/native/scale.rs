//! The national scale on real boundaries: level of detail follows pixels (and gives the full
//! detail back zoomed in), and the raster's hover answers the same area as the polygons do at
//! each ward's official inside point (LONG/LAT in the ONS files).

mod common;
use needs_map::draw::raster::Raster;
use needs_map::model::atlas::{Atlas, Layer};
use needs_map::place::mesh::Detail;
use needs_map::place::pick::pick;
use needs_map::read::load::{read_geojson, BoundaryOptions};
use needs_map::scene::{Scene, View};

fn wards(file: &str) -> (Atlas, Vec<(String, [f64; 2])>) {
    let text = common::boundaries(file);
    let opts = BoundaryOptions { file, layer_id: "ward", label: "Wards", noun: "wards", code_field: "WD25CD", name_field: "WD25NM" };
    let (layer, report) = read_geojson(&text, &opts);
    assert!(!report.has_errors(), "{file}: {:?}", report.errors().next());
    let gj: serde_json::Value = serde_json::from_str(&text).unwrap();
    let inside = gj["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let p = &f["properties"];
            (p["WD25CD"].as_str().unwrap().to_string(), [p["LONG"].as_f64().unwrap(), p["LAT"].as_f64().unwrap()])
        })
        .collect();
    let mut atlas = Atlas::default();
    atlas.layers.push(layer);
    (atlas, inside)
}

fn view(detail: &Detail, width: f64) -> View {
    View { outlines: false, extent: Some(detail.extent()), ..View::new(width, width * 0.75) }
}

#[test]
fn level_of_detail_follows_the_pixels_not_the_data() {
    let (atlas, inside) = wards("national/geolookups_wards2025_england_merged.geojson");
    let layer: &Layer = &atlas.layers[0];
    // 6,827 features, 6,826 wards: E05014284 appears twice, identically (see the data README).
    assert_eq!(layer.areas.len(), 6826);
    let mut detail = Detail::new(layer);
    let full = detail.full().points();
    let mut drawn = vec![];
    for w in [240.0, 480.0, 960.0, 1920.0] {
        let s = Scene::boundaries(&atlas, "ward", &view(&detail, w), None).unwrap();
        drawn.push(detail.at(&s.projection).points());
    }
    // Each doubling of the map's width doubles to triples the points drawn (borders are
    // longer in pixels, and wigglier the closer one looks; and fewer of them run straight
    // along the grid, whose middle points a level drops), while the data stays the same:
    // a phone-sized map of England draws a small share of its points. Drawn at the time of
    // writing: 21,688, 50,577, 105,633 and 352,974 of 751,985.
    for pair in drawn.windows(2) {
        let ratio = pair[1] as f64 / pair[0] as f64;
        assert!((1.5..3.5).contains(&ratio), "points drawn {drawn:?} of {full}");
    }
    assert!(drawn[0] * 15 < full && drawn[2] * 4 < full, "points drawn {drawn:?} of {full}");
    // Zoomed in on Foleshill (32x), every point of the data is back.
    let foleshill = inside.iter().find(|(c, _)| c == "E05001222").unwrap().1;
    let zoomed = View { zoom: 32.0, centre: Some(foleshill), ..view(&detail, 960.0) };
    let s = Scene::boundaries(&atlas, "ward", &zoomed, None).unwrap();
    assert_eq!(detail.at(&s.projection).points(), full);
}

#[test]
fn raster_hover_finds_every_coventry_ward_at_its_official_inside_point() {
    let (atlas, inside) = wards("coventry/geolookups_wards2025_E08000026.geojson");
    assert_eq!(inside.len(), 18);
    let detail = Detail::new(&atlas.layers[0]);
    let v = View { extent: Some(detail.extent()), ..View::new(960.0, 720.0) };
    let scene = Scene::boundaries(&atlas, "ward", &v, None).unwrap();
    for ratio in [1.0, 2.0] {
        let mut raster = Raster::default();
        assert_eq!(raster.draw(detail.full(), &scene.projection, 960.0, 720.0, ratio), detail.full().points());
        for (code, at) in &inside {
            let [x, y] = scene.projection.to_pixel(*at);
            let by_raster = raster.area_at(x, y).map(|i| atlas.layers[0].areas[i].code.as_str());
            let by_polygon = pick(&scene, [x, y]).map(|i| scene.shapes[i].code.as_str());
            assert_eq!((by_raster, by_polygon), (Some(code.as_str()), Some(code.as_str())), "at {ratio}x");
        }
    }
}

/// Borders are painted while areas have room for them: England's 6,826 wards at 1200x900
/// (158 pixels each), not at 600x450 (40 each), where 1-pixel borders would cover the wards'
/// colours, as they covered England's 32,844 LSOAs seen whole.
#[test]
fn raster_borders_only_where_areas_have_room() {
    let (atlas, _) = wards("national/geolookups_wards2025_england_merged.geojson");
    assert_eq!(atlas.layers[0].areas.len(), 6826);
    let mut w = needs_map::widget::Widget::new(atlas).unwrap();
    // ImageData's bytes as a little-endian u32: alpha, blue, green, red.
    let border = needs_map::style::palette::BORDER;
    let ink = u32::from_le_bytes([border.0, border.1, border.2, 0xff]);
    let count = |w: &needs_map::widget::Widget| w.pixels().0.iter().filter(|&&p| p == ink).count();
    w.resize(1200.0, 900.0, 1.0).unwrap();
    assert!(count(&w) > 10_000, "{} border pixels at 1200x900", count(&w));
    w.resize(600.0, 450.0, 1.0).unwrap();
    assert!(!w.pixels().0.is_empty(), "still a raster picture");
    assert_eq!(count(&w), 0, "no border pixels at 600x450");
}
