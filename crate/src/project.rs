//! Longitude/latitude to pixels: spherical Web Mercator, fitted to the view.
//!
//! Mercator keeps small areas their familiar shape at city and country scale; the fit
//! leaves a margin so borders are not cut by the canvas edge.

use crate::geometry::Bounds;

/// Longitude/latitude in degrees to spherical Mercator units (radians east, Mercator y north).
///
/// ```
/// use needs_map::project::mercator;
/// assert!(mercator([0.0, 0.0])[1].abs() < 1e-12);
/// assert!((mercator([-1.5, 52.4])[1] - 1.07755).abs() < 1e-5);
/// ```
pub fn mercator(p: [f64; 2]) -> [f64; 2] {
    [p[0].to_radians(), merc_y(p[1])]
}

/// Mercator y for a latitude in degrees (radians of the projected plane, north up):
/// `ln(tan(pi/4 + phi/2))`, written as `ln((1 + sin phi) / cos phi)` with sine and cosine
/// summed from their series (to the x^22 term, beyond double precision for |phi| < 1.49).
/// The same figure to a few units in the last place, without the general `tan`, whose
/// reduction of any argument to a quadrant is 6 KB of the widget's wasm.
fn merc_y(lat: f64) -> f64 {
    let phi = lat.to_radians().clamp(-1.4844, 1.4844);
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
        // Within 1e-15 (a nanometre on the ground) across Britain's latitudes; within
        // 1e-13 at the clamp near the poles, where tan itself is that uncertain.
        let worst = |from: i32, to: i32| {
            (from..=to).fold(0.0f64, |w, i| {
                let lat = i as f64 / 100.0;
                let phi = lat.to_radians().clamp(-1.4844, 1.4844);
                w.max((super::merc_y(lat) - (std::f64::consts::FRAC_PI_4 + phi / 2.0).tan().ln()).abs())
            })
        };
        assert!(worst(4900, 6100) < 1e-15, "{}", worst(4900, 6100));
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
    /// use needs_map::{geometry::Bounds, project::Projection};
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
