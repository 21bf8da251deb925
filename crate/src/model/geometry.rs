//! Planar polygon helpers on longitude/latitude or pixel coordinates.
//!
//! Areas are multipolygons whose first ring is the exterior and the rest holes; fills use the
//! even-odd rule everywhere (canvas, PNG, SVG), so a hole is unfilled and an enclave drawn
//! after its container shows its own colour whichever way the rings wind.

/// A closed ring of `[x, y]` points; the last point may or may not repeat the first.
pub type Ring = Vec<[f64; 2]>;
/// Exterior ring first, then holes.
pub type Polygon = Vec<Ring>;
/// One area's geometry.
pub type MultiPolygon = Vec<Polygon>;

/// Twice the signed area (positive when counter-clockwise with y up).
///
/// ```
/// use needs_map::model::geometry::signed_area2;
/// let ccw = vec![[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]];
/// assert_eq!(signed_area2(&ccw), 2.0);
/// ```
pub fn signed_area2(ring: &[[f64; 2]]) -> f64 {
    let n = ring.len();
    if n < 3 {
        return 0.0;
    }
    let mut s = 0.0;
    for i in 0..n {
        let a = ring[i];
        let b = ring[(i + 1) % n];
        s += a[0] * b[1] - b[0] * a[1];
    }
    s
}

/// Rewinds rings to RFC 7946 order (exterior counter-clockwise, holes clockwise).
/// Drawing does not need it (even-odd), but exports and area sums do.
pub fn normalise_winding(mp: &mut MultiPolygon) {
    for poly in mp.iter_mut() {
        for (i, ring) in poly.iter_mut().enumerate() {
            let ccw = signed_area2(ring) > 0.0;
            if (i == 0) != ccw {
                ring.reverse();
            }
        }
    }
}

/// Even-odd point-in-polygon over every ring of a multipolygon.
///
/// ```
/// use needs_map::model::geometry::contains;
/// let square = vec![vec![vec![[0.0, 0.0], [4.0, 0.0], [4.0, 4.0], [0.0, 4.0]],
///                        vec![[1.0, 1.0], [3.0, 1.0], [3.0, 3.0], [1.0, 3.0]]]];
/// assert!(contains(&square, [0.5, 0.5]));
/// assert!(!contains(&square, [2.0, 2.0])); // in the hole
/// ```
pub fn contains(mp: &MultiPolygon, p: [f64; 2]) -> bool {
    let mut inside = false;
    for poly in mp {
        for ring in poly {
            let n = ring.len();
            let mut j = n.wrapping_sub(1);
            for i in 0..n {
                let (a, b) = (ring[i], ring[j]);
                if (a[1] > p[1]) != (b[1] > p[1]) && p[0] < (b[0] - a[0]) * (p[1] - a[1]) / (b[1] - a[1]) + a[0] {
                    inside = !inside;
                }
                j = i;
            }
        }
    }
    inside
}

/// The smaller of two finite numbers. `f64::min` (and `f32::min`) must ignore a NaN, which
/// wasm's own `min` does not, so in wasm they are calls; this is one comparison, and it is
/// in the inner loops over every point.
#[inline]
pub fn lo<T: PartialOrd>(a: T, b: T) -> T {
    if b < a {
        b
    } else {
        a
    }
}

/// The larger of two finite numbers (see [`lo`]).
#[inline]
pub fn hi<T: PartialOrd>(a: T, b: T) -> T {
    if b > a {
        b
    } else {
        a
    }
}

/// Axis-aligned bounds `[min_x, min_y, max_x, max_y]`; `None` for no points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub min: [f64; 2],
    pub max: [f64; 2],
}

impl Bounds {
    pub fn empty() -> Self {
        Bounds { min: [f64::INFINITY; 2], max: [f64::NEG_INFINITY; 2] }
    }
    pub fn add(&mut self, p: [f64; 2]) {
        for k in 0..2 {
            self.min[k] = lo(self.min[k], p[k]);
            self.max[k] = hi(self.max[k], p[k]);
        }
    }
    /// Grows to take in `o` (an empty `o` changes nothing: its infinite corners would
    /// otherwise make these bounds the whole plane).
    ///
    /// ```
    /// use needs_map::model::geometry::Bounds;
    /// let mut b = Bounds::empty();
    /// b.union(&Bounds::empty());
    /// assert!(b.is_empty());
    /// b.union(&Bounds { min: [1.0, 2.0], max: [3.0, 4.0] });
    /// assert_eq!(b, Bounds { min: [1.0, 2.0], max: [3.0, 4.0] });
    /// ```
    /// The box grown by `d` on every side.
    pub fn expanded(&self, d: f64) -> Bounds {
        Bounds { min: [self.min[0] - d, self.min[1] - d], max: [self.max[0] + d, self.max[1] + d] }
    }

    pub fn union(&mut self, o: &Bounds) {
        if !o.is_empty() {
            self.add(o.min);
            self.add(o.max);
        }
    }
    pub fn is_empty(&self) -> bool {
        self.min[0] > self.max[0]
    }
    pub fn contains(&self, p: [f64; 2]) -> bool {
        p[0] >= self.min[0] && p[0] <= self.max[0] && p[1] >= self.min[1] && p[1] <= self.max[1]
    }
    pub fn of(mp: &MultiPolygon) -> Bounds {
        let mut b = Bounds::empty();
        for poly in mp {
            for ring in poly {
                for &p in ring {
                    b.add(p);
                }
            }
        }
        b
    }
}

/// A point where a closed ring crosses or touches itself (other than consecutive edges
/// meeting), found with a sweep over edges sorted by their left end.
///
/// ```
/// use needs_map::model::geometry::self_intersection;
/// let bowtie = vec![[0.0, 0.0], [2.0, 2.0], [2.0, 0.0], [0.0, 2.0], [0.0, 0.0]];
/// assert_eq!(self_intersection(&bowtie), Some([1.0, 1.0]));
/// let square = vec![[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]];
/// assert_eq!(self_intersection(&square), None);
/// ```
pub fn self_intersection(ring: &[[f64; 2]]) -> Option<[f64; 2]> {
    // Edges i = (ring[i], ring[i + 1]); the ring is closed, so there are len - 1.
    let n = ring.len().checked_sub(1)?;
    if n < 3 {
        return None;
    }
    let minx = |i: usize| ring[i][0].min(ring[i + 1][0]);
    let maxx = |i: usize| ring[i][0].max(ring[i + 1][0]);
    let mut order: Vec<usize> = (0..n).filter(|&i| ring[i] != ring[i + 1]).collect();
    order.sort_by(|&a, &b| minx(a).total_cmp(&minx(b)));
    let mut active: Vec<usize> = Vec::new();
    for &i in &order {
        let x = minx(i);
        active.retain(|&j| maxx(j) >= x);
        for &j in &active {
            let adjacent = i.abs_diff(j) == 1 || i.abs_diff(j) == n - 1;
            if let Some(p) = crossing(ring[i], ring[i + 1], ring[j], ring[j + 1], adjacent) {
                return Some(p);
            }
        }
        active.push(i);
    }
    None
}

/// Where segments ab and cd meet; for adjacent edges only an overlap counts (they share
/// a vertex by construction).
fn crossing(a: [f64; 2], b: [f64; 2], c: [f64; 2], d: [f64; 2], adjacent: bool) -> Option<[f64; 2]> {
    let cross = |o: [f64; 2], p: [f64; 2], q: [f64; 2]| (p[0] - o[0]) * (q[1] - o[1]) - (p[1] - o[1]) * (q[0] - o[0]);
    let (d1, d2, d3, d4) = (cross(c, d, a), cross(c, d, b), cross(a, b, c), cross(a, b, d));
    if ((d1 > 0.0 && d2 < 0.0) || (d1 < 0.0 && d2 > 0.0)) && ((d3 > 0.0 && d4 < 0.0) || (d3 < 0.0 && d4 > 0.0)) {
        let t = d1 / (d1 - d2);
        return Some([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
    }
    let on = |p: [f64; 2], q: [f64; 2], r: [f64; 2]| {
        r[0] >= p[0].min(q[0]) && r[0] <= p[0].max(q[0]) && r[1] >= p[1].min(q[1]) && r[1] <= p[1].max(q[1])
    };
    if adjacent {
        // Collinear and folding back over each other.
        if d1 == 0.0 && d2 == 0.0 {
            let shared = if a == c || a == d { a } else { b };
            let other_ab = if shared == a { b } else { a };
            let other_cd = if shared == c { d } else { c };
            let dot = (other_ab[0] - shared[0]) * (other_cd[0] - shared[0]) + (other_ab[1] - shared[1]) * (other_cd[1] - shared[1]);
            if dot > 0.0 {
                return Some(shared);
            }
        }
        return None;
    }
    // Touching: an endpoint of one edge lies on the other.
    for (o, p, q, r) in [(d1, c, d, a), (d2, c, d, b), (d3, a, b, c), (d4, a, b, d)] {
        if o == 0.0 && on(p, q, r) {
            return Some(r);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn winding_is_normalised_to_rfc7946() {
        // Clockwise exterior, counter-clockwise hole: the way the ONS files come.
        let mut mp = vec![vec![vec![[0.0, 0.0], [0.0, 4.0], [4.0, 4.0], [4.0, 0.0]], vec![[1.0, 1.0], [3.0, 1.0], [3.0, 3.0], [1.0, 3.0]]]];
        normalise_winding(&mut mp);
        assert!(signed_area2(&mp[0][0]) > 0.0);
        assert!(signed_area2(&mp[0][1]) < 0.0);
    }
}
