//! Service symbols (GP practices, pharmacies ...): one definition for the map on screen,
//! the exported picture and the legend's icons. Kinds differ by shape as well as colour, and
//! each symbol has a white halo so it stands out on every class colour.

use crate::draw::painter::{Fill, Painter};
use crate::style::palette::Rgb;

/// Symbol colours by kind order: dark enough for 3:1 against every class colour.
pub const COLOURS: [Rgb; 4] = [Rgb(0x1d, 0x70, 0xb8), Rgb(0x00, 0x70, 0x3c), Rgb(0x4c, 0x2c, 0x92), Rgb(0x0b, 0x0c, 0x0c)];

/// The colour of the `i`th kind of service.
pub fn colour(i: usize) -> Rgb {
    COLOURS[i % COLOURS.len()]
}

/// The outline of a symbol centred on `at`: `square`, `triangle`, `diamond`, or a circle
/// (any other name) as a 20-sided ring.
///
/// ```
/// use needs_map::draw::symbol::outline;
/// assert_eq!(outline("square", [10.0, 10.0]), vec![[5.0, 5.0], [15.0, 5.0], [15.0, 15.0], [5.0, 15.0]]);
/// assert_eq!(outline("circle", [0.0, 0.0]).len(), 20);
/// ```
pub fn outline(shape: &str, at: [f32; 2]) -> Vec<[f32; 2]> {
    let [x, y] = at;
    let r = 5.5;
    match shape {
        "square" => vec![[x - 5.0, y - 5.0], [x + 5.0, y - 5.0], [x + 5.0, y + 5.0], [x - 5.0, y + 5.0]],
        "triangle" => vec![[x, y - r - 1.0], [x + r + 1.0, y + r], [x - r - 1.0, y + r]],
        "diamond" => vec![[x, y - r - 1.5], [x + r + 1.5, y], [x, y + r + 1.5], [x - r - 1.5, y]],
        _ => circle(at, r, 20),
    }
}

/// A circle as an `n`-sided ring, turned by rotations (no trigonometry in the wasm for it).
fn circle(at: [f32; 2], r: f32, n: usize) -> Vec<[f32; 2]> {
    // cos and sin of a turn's `n`th part, by the half-angle series (n >= 16: within 1e-7).
    let a = std::f64::consts::TAU / n as f64;
    let (c, s) = (1.0 - a * a / 2.0 + a.powi(4) / 24.0 - a.powi(6) / 720.0, a - a.powi(3) / 6.0 + a.powi(5) / 120.0 - a.powi(7) / 5040.0);
    let mut p = [1.0f64, 0.0];
    (0..n)
        .map(|_| {
            let q = [at[0] + r * p[0] as f32, at[1] + r * p[1] as f32];
            p = [p[0] * c - p[1] * s, p[0] * s + p[1] * c];
            q
        })
        .collect()
}

/// Draws one symbol: white halo, the kind's colour, a dark edge.
pub fn draw<P: Painter + ?Sized>(p: &mut P, shape: &str, at: [f32; 2], colour: Rgb) {
    let ring = outline(shape, at);
    let rings: &[&[[f32; 2]]] = &[&ring];
    p.stroke(rings, Rgb(0xff, 0xff, 0xff), 3.0);
    p.fill(rings, Fill::solid(colour));
    p.stroke(rings, Rgb(0x0b, 0x0c, 0x0c), 1.0);
}

/// The ring drawn round a highlighted symbol (radius 11 px), as a 24-sided ring.
///
/// ```
/// let r = needs_map::draw::symbol::ring([0.0, 0.0]);
/// assert_eq!(r.len(), 24);
/// assert!(r.iter().all(|p| (p[0].hypot(p[1]) - 11.0).abs() < 1e-4));
/// assert!((r[6][1] - 11.0).abs() < 1e-4, "a quarter turn on: {:?}", r[6]);
/// ```
pub fn ring(at: [f32; 2]) -> Vec<[f32; 2]> {
    circle(at, 11.0, 24)
}
