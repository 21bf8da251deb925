//! Simplification keeps neighbours on one shared border: rasterised, no pixel is painted
//! twice (overlap) and none is left as a sliver between two areas (gap). Simplifying each
//! area on its own, as a naive tool would, fails the same check.

mod common;
use needs_map::draw::raster::spans;
use needs_map::model::geometry::{Bounds, MultiPolygon};
use needs_map::place::project::Projection;
use needs_map::place::topology::build;
use needs_map::read::load::{read_boundaries, BoundaryOptions, Limits};

/// How many times each pixel is painted.
struct Counter {
    w: u32,
    counts: Vec<u8>,
}

/// (pixels painted twice, sliver pixels: unpainted between painted ones on both sides).
fn overlaps_and_gaps(areas: &[MultiPolygon], bounds: &Bounds) -> (usize, usize) {
    let (w, h) = (1400u32, 1000u32);
    let proj = Projection::fit(bounds, w as f64, h as f64, 10.0, 1.0, None);
    let mut c = Counter { w, counts: vec![0; (w * h) as usize] };
    for mp in areas {
        let rings: Vec<Vec<[f32; 2]>> =
            mp.iter().flatten().map(|r| r.iter().map(|&p| proj.to_pixel(p)).map(|q| [q[0] as f32, q[1] as f32]).collect()).collect();
        // The scanline every backend fills with (pixel centres, even-odd).
        spans(&rings, 1.0, w as i32, h as i32, &mut |y, a, b| {
            for x in a..b {
                let i = y as usize * c.w as usize + x as usize;
                c.counts[i] = c.counts[i].saturating_add(1);
            }
        });
    }
    let at = |x: u32, y: u32| c.counts[(y * w + x) as usize];
    let overlaps = c.counts.iter().filter(|&&n| n > 1).count();
    let mut gaps = 0;
    for y in 1..h - 1 {
        for x in 1..w - 1 {
            if at(x, y) == 0 && ((at(x - 1, y) > 0 && at(x + 1, y) > 0) || (at(x, y - 1) > 0 && at(x, y + 1) > 0)) {
                gaps += 1;
            }
        }
    }
    (overlaps, gaps)
}

#[test]
fn simplified_coventry_lsoas_keep_one_shared_border() {
    let file = common::shared().join("data/boundaries/coventry/ukgeojson_lsoa2011_E08000026.geojson");
    let o =
        BoundaryOptions { file: "lsoa", layer_id: "lsoa", label: "LSOAs", noun: "LSOAs", code_field: "LSOA11CD", name_field: "LSOA11NM" };
    let (layer, report, _) = read_boundaries(&std::fs::read_to_string(file).unwrap(), &o, &Limits::default());
    assert!(!report.has_errors());
    assert_eq!(layer.areas.len(), 195);
    let bounds = layer.bounds();
    let geoms: Vec<&MultiPolygon> = layer.areas.iter().map(|a| &a.geometry).collect();

    let full = build(&geoms, &bounds, 100_000);
    let mut simple = full.clone();
    simple.simplify(50.0);
    assert!(simple.points() * 10 < full.points() * 6, "50 m keeps {} of {} points", simple.points(), full.points());
    // The source has a few one-pixel slivers of its own (narrow inlets of the city's
    // outline at this scale); simplification must add none, and no overlap.
    let (o0, g0) = overlaps_and_gaps(&full.decode(), &bounds);
    let (o1, g1) = overlaps_and_gaps(&simple.decode(), &bounds);
    eprintln!("unsimplified: {o0} overlaps, {g0} slivers; simplified: {o1} overlaps, {g1} slivers");
    assert_eq!(o0, 0);
    assert_eq!(o1, 0, "simplified with shared arcs overlaps");
    assert!(g1 <= g0, "simplified with shared arcs opened {g1} slivers (source: {g0})");

    // Each area simplified on its own: borders no longer coincide.
    let alone: Vec<MultiPolygon> = geoms
        .iter()
        .map(|g| {
            let mut t = build(&[*g], &bounds, 100_000);
            t.simplify(50.0);
            t.decode().remove(0)
        })
        .collect();
    let (o, g) = overlaps_and_gaps(&alone, &bounds);
    eprintln!("simplified alone: {o} overlaps, {g} slivers");
    assert!(o > 100 && g > g0 + 100, "independent simplification should tear borders: {o} overlaps, {g} gaps");
}
