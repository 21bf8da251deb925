//! A layer's outlines projected once into flat arrays, with coarser copies for zoomed-out
//! views: what the interactive map draws from.
//!
//! Panning and zooming then cost an affine transform of the points on screen, not a
//! Mercator projection of every point in the data; and the coarse copies keep the points
//! drawn in proportion to the pixels (all of England's 752,335 ward points become about
//! 105,000 at 960 px wide). Coarsening snaps points to a grid and drops repeats, so a border
//! two areas share stays one line after it: both sides snap the same points the same way.

use crate::model::atlas::Layer;
use crate::model::geometry::{hi, lo, Bounds};
use crate::place::project::{mercator, Projection};
use crate::scene::Scene;

/// Rings of every area as `f32` Mercator units relative to a point in the layer (its middle,
/// or the first point read from a GeoJSON file), so `f32` keeps centimetres across England.
#[derive(Debug, Clone, PartialEq)]
pub struct Mesh {
    origin: [f64; 2],
    /// `x, y` pairs; y grows northwards.
    xy: Vec<f32>,
    /// First point of each ring, and one past the last ring's end.
    rings: Vec<u32>,
    /// First ring of each area, and one past the last area's end.
    areas: Vec<u32>,
    /// Per area `[min x, min y, max x, max y]`, of the full detail (and of a coarser
    /// copy's own points): an area too small for a coarse copy keeps its place.
    bounds: Vec<[f32; 4]>,
}

impl Mesh {
    /// Projects every area of `layer`.
    ///
    /// ```
    /// use needs_map::{read::bundle, place::mesh::Mesh};
    /// let atlas = bundle::from_json(include_str!("../../../data/coventry.json")).unwrap();
    /// let mesh = Mesh::new(atlas.layer("ward").unwrap());
    /// assert_eq!(mesh.area_count(), 18);
    /// assert!(mesh.coarsened(1e-3).points() < mesh.points() / 10);
    /// ```
    pub fn new(layer: &Layer) -> Mesh {
        let extent = layer.bounds();
        let o = middle(&extent);
        // Sized once (growing by doubling could leave as much again unused).
        let (points, count) =
            layer.areas.iter().flat_map(|a| a.geometry.iter().flatten()).fold((0, 0), |(p, r), ring| (p + ring.len(), r + 1));
        let (mut xy, mut rings, mut areas) = (Vec::with_capacity(2 * points), Vec::with_capacity(count + 1), vec![0]);
        rings.push(0);
        for a in &layer.areas {
            for ring in a.geometry.iter().flatten() {
                project_run(ring.as_flattened(), o, &mut xy);
                rings.push((xy.len() / 2) as u32);
            }
            areas.push((rings.len() - 1) as u32);
        }
        Mesh::with_bounds(o, xy, rings, areas)
    }

    /// A mesh from flat parts made elsewhere (the GeoJSON reader in its worker): `xy` in
    /// Mercator units relative to `origin` (Mercator units too: [`middle`] of the extent,
    /// unless the maker chose another), `rings` the first point of each ring then one past the
    /// last, `areas` the first ring of each area then one past the last. Parts that do not
    /// fit together are an error, not a panic: they may come from another module.
    ///
    /// ```
    /// use needs_map::place::mesh::Mesh;
    /// let square = Mesh::from_parts([0.0, 0.9], vec![0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 0.0], vec![0, 4], vec![0, 1]).unwrap();
    /// assert_eq!((square.area_count(), square.points(), square.origin()), (1, 4, [0.0, 0.9]));
    /// assert!(Mesh::from_parts([0.0, 0.9], vec![0.0, 0.0], vec![0, 4], vec![0, 1]).is_err());
    /// ```
    pub fn from_parts(origin: [f64; 2], xy: Vec<f32>, rings: Vec<u32>, areas: Vec<u32>) -> Result<Mesh, &'static str> {
        fits(xy.len(), &rings, &areas)?;
        Ok(Mesh::with_bounds(origin, xy, rings, areas))
    }

    /// The Mercator point the mesh's units are relative to.
    pub fn origin(&self) -> [f64; 2] {
        self.origin
    }

    /// The mesh of parts known to fit together, with each area's bounds.
    fn with_bounds(origin: [f64; 2], xy: Vec<f32>, rings: Vec<u32>, areas: Vec<u32>) -> Mesh {
        let bounds =
            areas.windows(2).map(|a| run_bounds(&xy[2 * rings[a[0] as usize] as usize..2 * rings[a[1] as usize] as usize])).collect();
        Mesh { origin, xy, rings, areas, bounds }
    }

    /// A mesh from longitude/latitude pairs laid out as in [`Mesh::from_parts`]; `extent`
    /// is their bounds.
    pub fn from_lonlat(extent: &Bounds, lonlat: &[f64], rings: Vec<u32>, areas: Vec<u32>) -> Result<Mesh, &'static str> {
        fits(lonlat.len(), &rings, &areas)?;
        let o = middle(extent);
        let mut xy = Vec::with_capacity(lonlat.len());
        for r in rings.windows(2) {
            project_run(&lonlat[2 * r[0] as usize..2 * r[1] as usize], o, &mut xy);
        }
        Ok(Mesh::with_bounds(o, xy, rings, areas))
    }

    /// The flat parts (see [`Mesh::from_parts`]): `(xy, rings, areas)`.
    pub fn parts(&self) -> (&[f32], &[u32], &[u32]) {
        (&self.xy, &self.rings, &self.areas)
    }

    pub fn area_count(&self) -> usize {
        self.bounds.len()
    }

    /// Points stored (the work of drawing this mesh).
    pub fn points(&self) -> usize {
        self.xy.len() / 2
    }

    /// A copy with points snapped to a grid of `cell` units, repeats dropped, and so the
    /// middle of three points on one grid row or column (a third of the points at 960 px,
    /// and they change no pixel: such a point crosses no row centre of its own, and the
    /// crossings of a straight line do not depend on where along it they are measured from).
    /// Rings that fall below three points are left out (they are smaller than the cell).
    ///
    /// ```
    /// use needs_map::place::mesh::Mesh;
    /// // A 4 x 2 rectangle with a point in the middle of each side, and one just off a corner.
    /// let xy = vec![0.0, 0.0, 2.0, 0.0, 4.0, 0.0, 4.0, 1.0, 4.0, 2.0, 2.0, 2.0, 0.1, 2.0, 0.0, 1.0, 0.0, 0.0];
    /// let mesh = Mesh::from_parts([0.0, 0.0], xy, vec![0, 9], vec![0, 1]).unwrap();
    /// let coarse = mesh.coarsened(1.0);
    /// assert_eq!(coarse.parts().0, &[0.0, 0.0, 4.0, 0.0, 4.0, 2.0, 0.0, 2.0]);
    /// ```
    pub fn coarsened(&self, cell: f32) -> Mesh {
        let mut out = Mesh { origin: self.origin, xy: Vec::new(), rings: vec![0], areas: vec![0], bounds: self.bounds.clone() };
        for a in 0..self.area_count() {
            for r in self.areas[a] as usize..self.areas[a + 1] as usize {
                if snap_run(&self.xy[2 * self.rings[r] as usize..2 * self.rings[r + 1] as usize], cell, &mut out.xy) {
                    out.rings.push((out.xy.len() / 2) as u32);
                }
            }
            out.areas.push((out.rings.len() - 1) as u32);
            // Snapping can move a point half a cell out of the area's box, and the box
            // clips the fill: it grows to hold them.
            let (b, s) = (&mut out.bounds[a], run_bounds(&out.xy[2 * out.rings[out.areas[a] as usize] as usize..]));
            *b = [lo(b[0], s[0]), lo(b[1], s[1]), hi(b[2], s[2]), hi(b[3], s[3])];
        }
        out.xy.shrink_to_fit();
        out.rings.shrink_to_fit();
        out
    }

    /// Gives the shapes of `scene` (built with `View::outlines` false) their rings and
    /// bounds in pixels. Areas wholly off the view get their bounds but no rings.
    pub fn outline(&self, scene: &mut Scene) {
        let t = self.to_pixels(&scene.projection);
        let (w, h) = (scene.width as f32, scene.height as f32);
        self.place_bounds(scene);
        for shape in &mut scene.shapes {
            shape.rings.clear();
            if in_view(t.bounds(self.bounds[shape.area]), w, h) {
                shape.rings.extend(self.rings_by(shape.area, t));
            }
        }
    }

    /// Only the bounds in pixels of each shape of `scene` (cheap: no points are moved).
    pub fn place_bounds(&self, scene: &mut Scene) {
        let t = self.to_pixels(&scene.projection);
        for shape in &mut scene.shapes {
            let b = t.bounds(self.bounds[shape.area]);
            shape.bounds = Bounds { min: [b[0] as f64, b[1] as f64], max: [b[2] as f64, b[3] as f64] };
        }
    }

    /// One area's rings in pixels at `projection` (for outlining the selected area).
    pub fn rings_in(&self, area: usize, projection: &Projection) -> Vec<Vec<[f32; 2]>> {
        self.rings_by(area, self.to_pixels(projection)).collect()
    }

    fn rings_by(&self, area: usize, t: Affine) -> impl Iterator<Item = Vec<[f32; 2]>> + '_ {
        self.rings(area).map(move |r| r.chunks_exact(2).map(|p| t.apply(p)).collect())
    }

    /// The rings of area `a` as flat `x, y` runs in mesh units.
    pub fn rings(&self, a: usize) -> impl Iterator<Item = &[f32]> + Clone {
        (self.areas[a] as usize..self.areas[a + 1] as usize)
            .map(move |r| &self.xy[2 * self.rings[r] as usize..2 * self.rings[r + 1] as usize])
    }

    /// `[min x, min y, max x, max y]` of area `a` in mesh units (y north).
    pub fn bounds(&self, a: usize) -> [f32; 4] {
        self.bounds[a]
    }

    /// For each area, the areas that share a border with it (two or more points): the
    /// keyboard's map when the atlas keeps no geometry of its own.
    pub fn neighbours(&self) -> Vec<Vec<usize>> {
        crate::place::neighbours::sharing(
            (0..self.area_count()).map(|a| self.rings(a).flat_map(|r| r.chunks_exact(2).map(|p| (p[0].to_bits(), p[1].to_bits())))),
        )
    }

    /// Whether a longitude/latitude lies in area `a` (even-odd over its rings).
    pub fn contains(&self, a: usize, lonlat: [f64; 2]) -> bool {
        let m = mercator(lonlat);
        let (x, y) = ((m[0] - self.origin[0]) as f32, (m[1] - self.origin[1]) as f32);
        let mut inside = false;
        for r in self.rings(a) {
            let n = r.len() / 2;
            let mut j = n.wrapping_sub(1);
            for i in 0..n {
                let (ax, ay, bx, by) = (r[2 * i], r[2 * i + 1], r[2 * j], r[2 * j + 1]);
                if (ay > y) != (by > y) && x < (bx - ax) * (y - ay) / (by - ay) + ax {
                    inside = !inside;
                }
                j = i;
            }
        }
        inside
    }

    /// The map from mesh units to pixels at `projection`.
    pub fn to_pixels(&self, p: &Projection) -> Affine {
        let (top_left, s) = (p.origin(), p.scale());
        let (ox, oy) = (top_left[0] - self.origin[0], top_left[1] - self.origin[1]);
        Affine { sx: s as f32, tx: (-ox * s) as f32, sy: -s as f32, ty: (oy * s) as f32 }
    }
}

/// Whether ring starts `rings` and area starts `areas` lay out `coordinates` numbers.
fn fits(coordinates: usize, rings: &[u32], areas: &[u32]) -> Result<(), &'static str> {
    let runs = |v: &[u32], end: usize| v.first() == Some(&0) && v.windows(2).all(|w| w[0] <= w[1]) && v.last() == Some(&(end as u32));
    if coordinates % 2 != 0 || !runs(rings, coordinates / 2) || !runs(areas, rings.len() - 1) {
        return Err("the outlines do not fit together; rebuild the page's needs-map files");
    }
    Ok(())
}

// The loops over every point are functions of their own, called once per ring or area:
// the browser compiles a wasm function well only for its next call once it has been busy,
// so one call over a million points would run start to end on the quick first compile.

/// `[min x, min y, max x, max y]` of a flat `x, y` run.
#[inline(never)]
fn run_bounds(xy: &[f32]) -> [f32; 4] {
    let mut b = [f32::INFINITY, f32::INFINITY, f32::NEG_INFINITY, f32::NEG_INFINITY];
    for p in xy.chunks_exact(2) {
        b = [lo(b[0], p[0]), lo(b[1], p[1]), hi(b[2], p[0]), hi(b[3], p[1])];
    }
    b
}

/// Projects a run of longitude/latitude pairs to Mercator units relative to `o`.
#[inline(never)]
pub(crate) fn project_run(lonlat: &[f64], o: [f64; 2], out: &mut Vec<f32>) {
    for p in lonlat.chunks_exact(2) {
        let m = mercator([p[0], p[1]]);
        out.extend([(m[0] - o[0]) as f32, (m[1] - o[1]) as f32]);
    }
}

/// Appends a ring snapped to a grid of `cell`, without repeats; whether it kept at least
/// three points (else nothing is appended: the ring is smaller than the cell).
#[inline(never)]
fn snap_run(ring: &[f32], cell: f32, out: &mut Vec<f32>) -> bool {
    let (start, inv) = (out.len(), 1.0 / cell);
    for p in ring.chunks_exact(2) {
        // floor(x + 0.5), not round(): one wasm instruction rather than a call; either snaps
        // a point the same way wherever it appears.
        let q = [(p[0] * inv + 0.5).floor() * cell, (p[1] * inv + 0.5).floor() * cell];
        let n = out.len();
        if n == start || out[n - 2..] != q {
            // The last point kept is the middle of a straight row or column up to `q` (and
            // of a ring's last side, as rings end where they start).
            if n >= start + 4 && ((out[n - 4] == out[n - 2] && out[n - 2] == q[0]) || (out[n - 3] == out[n - 1] && out[n - 1] == q[1])) {
                out.truncate(n - 2);
            }
            out.extend(q);
        }
    }
    if out.len() > start + 2 && out[start..start + 2] == out[out.len() - 2..] {
        out.truncate(out.len() - 2);
    }
    if out.len() - start < 6 {
        out.truncate(start);
        return false;
    }
    true
}

/// The Mercator point that a mesh's units are relative to, unless its maker chose another:
/// the middle of its longitude/latitude extent `b`.
pub fn middle(b: &Bounds) -> [f64; 2] {
    if b.is_empty() {
        [0.0, 0.0]
    } else {
        mercator([(b.min[0] + b.max[0]) / 2.0, (b.min[1] + b.max[1]) / 2.0])
    }
}

/// Whether pixel bounds `[min x, min y, max x, max y]` touch a `w` x `h` view (an area
/// without points has infinite bounds and never does).
pub fn in_view(b: [f32; 4], w: f32, h: f32) -> bool {
    b[0].is_finite() && b[2] >= 0.0 && b[3] >= 0.0 && b[0] <= w && b[1] <= h
}

/// `x' = x sx + tx`, `y' = y sy + ty`: mesh units to pixels (or any scaling).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Affine {
    pub sx: f32,
    pub tx: f32,
    pub sy: f32,
    pub ty: f32,
}

impl Affine {
    /// Multiplies the result by `k` (device pixels per CSS pixel).
    pub fn scaled(self, k: f32) -> Affine {
        Affine { sx: self.sx * k, tx: self.tx * k, sy: self.sy * k, ty: self.ty * k }
    }

    // Always inlined: at opt-level z it is a call that keeps the point in memory, in the
    // loop over every edge of a drawing.
    #[inline(always)]
    pub fn apply(&self, p: &[f32]) -> [f32; 2] {
        [p[0] * self.sx + self.tx, p[1] * self.sy + self.ty]
    }

    /// Bounds `[min x, min y, max x, max y]` after the map (a flip swaps min and max).
    pub fn bounds(&self, b: [f32; 4]) -> [f32; 4] {
        let ([x0, y0], [x1, y1]) = (self.apply(&b[0..2]), self.apply(&b[2..4]));
        [x0.min(x1), y0.min(y1), x0.max(x1), y0.max(y1)]
    }
}

/// A mesh and its coarser copies, made when first needed: one per halving of the grid.
#[derive(Debug, Clone)]
pub struct Detail {
    full: Mesh,
    /// `(level, mesh)`: level `k` snaps to `2^k` units.
    levels: Vec<(i32, Option<Mesh>)>,
    extent: Bounds,
}

impl Detail {
    pub fn new(layer: &Layer) -> Detail {
        Detail::from_mesh(Mesh::new(layer), layer.bounds())
    }

    /// Coarser copies of a mesh made elsewhere, whose longitude/latitude bounds are `extent`.
    pub fn from_mesh(full: Mesh, extent: Bounds) -> Detail {
        Detail { full, levels: Vec::new(), extent }
    }

    /// The layer's longitude/latitude bounds (for `View::extent`).
    pub fn extent(&self) -> Bounds {
        self.extent
    }

    /// The mesh to draw at `projection`: points snapped to a grid of half a pixel to a
    /// pixel (the raster samples pixel centres, so finer detail would not show), or the
    /// full detail once that would keep nearly every point.
    ///
    /// ```
    /// use needs_map::{read::bundle, place::mesh::Detail, scene::{Scene, View}};
    /// let atlas = bundle::from_json(include_str!("../../../data/coventry.json")).unwrap();
    /// let mut detail = Detail::new(atlas.layer("msoa").unwrap());
    /// let small = Scene::boundaries(&atlas, "msoa", &View::new(40.0, 30.0), None).unwrap();
    /// let large = Scene::boundaries(&atlas, "msoa", &View::new(4000.0, 3000.0), None).unwrap();
    /// // 42 MSOAs: 587 of the bundle's 3,278 points at 40 px, all of them at 4,000 px.
    /// assert_eq!((detail.at(&small.projection).points(), detail.at(&large.projection).points()), (587, 3278));
    /// ```
    pub fn at(&mut self, projection: &Projection) -> &Mesh {
        let cell = 1.0 / projection.scale();
        // floor(log2(cell)) from the float's exponent (cell is positive and normal).
        let level = ((cell.to_bits() >> 52) & 0x7ff) as i32 - 1023;
        let i = match self.levels.iter().position(|(l, _)| *l == level) {
            Some(i) => i,
            None => {
                let m = self.full.coarsened(2f64.powi(level) as f32);
                // Not worth a copy when it keeps 90% of the points.
                let keep = (m.points() * 10 < self.full.points() * 9).then_some(m);
                self.levels.push((level, keep));
                self.levels.len() - 1
            }
        };
        self.levels[i].1.as_ref().unwrap_or(&self.full)
    }

    /// The full detail.
    pub fn full(&self) -> &Mesh {
        &self.full
    }
}
