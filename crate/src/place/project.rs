//! Longitude/latitude to pixels: spherical Web Mercator, fitted to the view.
//!
//! Mercator keeps small areas their familiar shape at city and country scale; the fit
//! leaves a margin so borders are not cut by the canvas edge.

use crate::model::geometry::Bounds;

/// Longitude/latitude in degrees to spherical Mercator units (radians east, Mercator y north).
///
/// ```
/// use needs_map::place::project::mercator;
/// assert!(mercator([0.0, 0.0])[1].abs() < 1e-12);
/// assert!((mercator([-1.5, 52.4])[1] - 1.07755).abs() < 1e-5);
/// ```
pub fn mercator(p: [f64; 2]) -> [f64; 2] {
    [p[0].to_radians(), merc_y(p[1])]
}

/// Mercator y for a latitude in degrees (radians of the projected plane, north up), from
/// a polynomial per degree of latitude fitted once to [`merc_y_exact`]: a few
/// multiplications instead of two series and a logarithm, which were a third of the time
/// spent reading a boundary file. Within a few units in the last place of the formula.
fn merc_y(lat: f64) -> f64 {
    if !(-BANDS..BANDS).contains(&lat) {
        // Towards the poles, where the curve steepens beyond a band's polynomial.
        return merc_y_exact(lat.clamp(-CLAMP, CLAMP));
    }
    let band = lat.floor();
    let c = &bands()[(band + BANDS) as usize];
    // Clenshaw's sum of c[k] T_k(t), t in [-1, 1] across the band.
    let t = 2.0 * (lat - band) - 1.0;
    let (mut b1, mut b2) = (0.0, 0.0);
    for &ck in c[1..].iter().rev() {
        (b1, b2) = (ck + 2.0 * t * b1 - b2, b1);
    }
    c[0] + t * b1 - b2
}

/// The latitude beyond which y is held (1.4844 radians): the poles are at infinity.
const CLAMP: f64 = 1.4844 * 180.0 / std::f64::consts::PI;

/// Terms of each band's polynomial: at degree 6 the fit's own error (which shrinks with the
/// band's width to the 7th power) is below rounding's.
const TERMS: usize = 7;

/// Latitudes with a fitted band: -72 to 72 degrees.
const BANDS: f64 = 72.0;

/// Chebyshev coefficients of y over each degree of latitude from -72 to 72, made on first use.
fn bands() -> &'static [[f64; TERMS]] {
    static FITTED: std::sync::OnceLock<Vec<[f64; TERMS]>> = std::sync::OnceLock::new();
    FITTED.get_or_init(|| {
        // cos((j + 1/2) pi / 7): the Chebyshev nodes of degree 7.
        const NODES: [f64; TERMS] = [
            0.9749279121818236,
            0.7818314824680298,
            0.4338837391175582,
            0.0,
            -0.4338837391175582,
            -0.7818314824680298,
            -0.9749279121818236,
        ];
        (-(BANDS as i32)..BANDS as i32)
            .map(|band| {
                let f = NODES.map(|x| merc_y_exact(band as f64 + (x + 1.0) / 2.0));
                // c_k = 2/n sum f(x_j) T_k(x_j), halved for k = 0; T_k(x) by its recurrence.
                let mut c = [0.0; TERMS];
                for (fj, &x) in f.iter().zip(&NODES) {
                    let (mut tk, mut next) = (1.0, x);
                    for ck in &mut c {
                        *ck += 2.0 * fj * tk / TERMS as f64;
                        (tk, next) = (next, 2.0 * x * next - tk);
                    }
                }
                c[0] /= 2.0;
                c
            })
            .collect()
    })
}

/// Mercator y by the formula: `ln(tan(pi/4 + phi/2))`, written as `ln((1 + sin phi) / cos phi)`
/// with sine and cosine summed from their series (to the x^22 term, beyond double precision
/// for |phi| < 1.49). The same figure to a few units in the last place, without the general
/// `tan`, whose reduction of any argument to a quadrant is 6 KB of the widget's wasm.
/// Not clamped (the bands are fitted to the smooth curve; [`merc_y`] clamps).
fn merc_y_exact(lat: f64) -> f64 {
    let phi = lat.to_radians();
    let x2 = phi * phi;
    let (mut s, mut c) = (1.0, 1.0);
    for k in (0..11).rev() {
        s = 1.0 - x2 * SIN_STEPS[k] * s;
        c = 1.0 - x2 * COS_STEPS[k] * c;
    }
    ((1.0 + phi * s) / c).ln()
}

/// `1 / (2k (2k + 1))` and `1 / ((2k - 1) 2k)` for k = 1..=11: the ratios of successive terms
/// of the sine and cosine series, nested (Horner) from the last.
const SIN_STEPS: [f64; 11] = steps(1);
const COS_STEPS: [f64; 11] = steps(0);

const fn steps(sine: u32) -> [f64; 11] {
    let mut out = [0.0; 11];
    let mut k = 1;
    while k <= 11 {
        let n = 2 * k as u32;
        out[k - 1] = 1.0 / (((n + sine - 1) * (n + sine)) as f64);
        k += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn mercator_y_agrees_with_tan() {
        // Within 5e-15 (30 nanometres on the ground) across Britain's latitudes; within
        // 1e-13 at the clamp near the poles, where tan itself is that uncertain.
        let worst = |from: i32, to: i32| {
            (from..=to).fold(0.0f64, |w, i| {
                let lat = i as f64 / 100.0;
                let phi = lat.to_radians().clamp(-1.4844, 1.4844);
                w.max((super::merc_y(lat) - (std::f64::consts::FRAC_PI_4 + phi / 2.0).tan().ln()).abs())
            })
        };
        assert!(worst(4900, 6100) < 5e-15, "{}", worst(4900, 6100));
        assert!(worst(-9000, 9000) < 1e-13, "{}", worst(-9000, 9000));
    }
}

/// A fitted projection: pixels = (mercator - origin) * scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projection {
    scale: f64,
    origin: [f64; 2],
}

impl Projection {
    /// Fits `bounds` (degrees) into `width` x `height` pixels with `margin` pixels around,
    /// centred; `zoom` > 1 magnifies about `centre` (degrees, default the bounds' middle).
    ///
    /// ```
    /// use needs_map::{model::geometry::Bounds, place::project::Projection};
    /// let b = Bounds { min: [-1.61, 52.36], max: [-1.42, 52.46] };
    /// let p = Projection::fit(&b, 400.0, 300.0, 10.0, 1.0, None);
    /// let [x, y] = p.to_pixel([-1.515, 52.41]);
    /// assert!((x - 200.0).abs() < 1.0 && (y - 150.0).abs() < 2.0);
    /// ```
    pub fn fit(bounds: &Bounds, width: f64, height: f64, margin: f64, zoom: f64, centre: Option<[f64; 2]>) -> Projection {
        let x0 = bounds.min[0].to_radians();
        let x1 = bounds.max[0].to_radians();
        let y0 = merc_y(bounds.min[1]);
        let y1 = merc_y(bounds.max[1]);
        let w = (x1 - x0).max(1e-12);
        let h = (y1 - y0).max(1e-12);
        let avail_w = (width - 2.0 * margin).max(1.0);
        let avail_h = (height - 2.0 * margin).max(1.0);
        let scale = (avail_w / w).min(avail_h / h) * zoom.max(1e-6);
        let c = match centre {
            Some(c) => [c[0].to_radians(), merc_y(c[1])],
            None => [(x0 + x1) / 2.0, (y0 + y1) / 2.0],
        };
        // Pixel (width/2, height/2) shows the centre; y grows downwards.
        Projection { scale, origin: [c[0] - width / 2.0 / scale, c[1] + height / 2.0 / scale] }
    }

    pub fn to_pixel(&self, p: [f64; 2]) -> [f64; 2] {
        [(p[0].to_radians() - self.origin[0]) * self.scale, (self.origin[1] - merc_y(p[1])) * self.scale]
    }

    /// Pixels per Mercator unit.
    pub fn scale(&self) -> f64 {
        self.scale
    }

    /// The Mercator point at pixel (0, 0): pixel = ((x - origin x), (origin y - y)) * scale.
    pub fn origin(&self) -> [f64; 2] {
        self.origin
    }

    /// Pixels back to degrees (for panning and zooming about a point).
    pub fn to_lonlat(&self, px: [f64; 2]) -> [f64; 2] {
        let x = px[0] / self.scale + self.origin[0];
        let y = self.origin[1] - px[1] / self.scale;
        [x.to_degrees(), (2.0 * y.exp().atan() - std::f64::consts::FRAC_PI_2).to_degrees()]
    }
}
