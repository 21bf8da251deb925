//! A layer's outlines projected once into flat arrays, with coarser copies for zoomed-out
//! views: what the interactive map draws from.
//!
//! Panning and zooming then cost an affine transform of the points on screen, not a
//! Mercator projection of every point in the data; and the coarse copies keep the points
//! drawn in proportion to the pixels (all of England's 752,335 ward points become about
//! 60,000 at 960 px wide). Coarsening snaps points to a grid and drops repeats, so a border
//! two areas share stays one line after it: both sides snap the same points the same way.

use crate::atlas::Layer;
use crate::geometry::Bounds;
use crate::project::{mercator, Projection};
use crate::scene::Scene;

/// Rings of every area as `f32` Mercator units relative to the layer's middle (so `f32`
/// keeps centimetres across England).
#[derive(Debug, Clone, PartialEq)]
pub struct Mesh {
    origin: [f64; 2],
    /// `x, y` pairs; y grows northwards.
    xy: Vec<f32>,
    /// First point of each ring, and one past the last ring's end.
    rings: Vec<u32>,
    /// First ring of each area, and one past the last area's end.
    areas: Vec<u32>,
    /// Per area `[min x, min y, max x, max y]`, of the full detail.
    bounds: Vec<[f32; 4]>,
}

impl Mesh {
    /// Projects every area of `layer`.
    ///
    /// ```
    /// use needs_map::{bundle, mesh::Mesh};
    /// let atlas = bundle::from_json(include_str!("../../data/coventry.json")).unwrap();
    /// let mesh = Mesh::new(atlas.layer("ward").unwrap());
    /// assert_eq!(mesh.area_count(), 18);
    /// assert!(mesh.coarsened(1e-3).points() < mesh.points() / 10);
    /// ```
    pub fn new(layer: &Layer) -> Mesh {
        let b = layer.bounds();
        let origin = if b.is_empty() { [0.0, 0.0] } else { mercator([(b.min[0] + b.max[0]) / 2.0, (b.min[1] + b.max[1]) / 2.0]) };
        let mut mesh = Mesh { origin, xy: Vec::new(), rings: vec![0], areas: vec![0], bounds: Vec::with_capacity(layer.areas.len()) };
        for a in &layer.areas {
            let mut bb = [f32::INFINITY, f32::INFINITY, f32::NEG_INFINITY, f32::NEG_INFINITY];
            for ring in a.geometry.iter().flatten() {
                for &p in ring {
                    let m = mercator(p);
                    let (x, y) = ((m[0] - origin[0]) as f32, (m[1] - origin[1]) as f32);
                    bb = [bb[0].min(x), bb[1].min(y), bb[2].max(x), bb[3].max(y)];
                    mesh.xy.extend([x, y]);
                }
                mesh.rings.push((mesh.xy.len() / 2) as u32);
            }
            mesh.areas.push((mesh.rings.len() - 1) as u32);
            mesh.bounds.push(bb);
        }
        mesh
    }

    pub fn area_count(&self) -> usize {
        self.bounds.len()
    }

    /// Points stored (the work of drawing this mesh).
    pub fn points(&self) -> usize {
        self.xy.len() / 2
    }

    /// A copy with points snapped to a grid of `cell` units and repeats dropped; rings that
    /// fall below three points are left out (they are smaller than the cell).
    pub fn coarsened(&self, cell: f32) -> Mesh {
        let mut out = Mesh { origin: self.origin, xy: Vec::new(), rings: vec![0], areas: vec![0], bounds: self.bounds.clone() };
        for a in 0..self.area_count() {
            for r in self.areas[a] as usize..self.areas[a + 1] as usize {
                let start = out.xy.len();
                for p in self.xy[2 * self.rings[r] as usize..2 * self.rings[r + 1] as usize].chunks_exact(2) {
                    let q = [(p[0] / cell).round() * cell, (p[1] / cell).round() * cell];
                    if out.xy.len() == start || out.xy[out.xy.len() - 2..] != q {
                        out.xy.extend(q);
                    }
                }
                if out.xy.len() > start + 2 && out.xy[start..start + 2] == out.xy[out.xy.len() - 2..] {
                    out.xy.truncate(out.xy.len() - 2);
                }
                if out.xy.len() - start < 6 {
                    out.xy.truncate(start);
                } else {
                    out.rings.push((out.xy.len() / 2) as u32);
                }
            }
            out.areas.push((out.rings.len() - 1) as u32);
        }
        out
    }

    /// Gives the shapes of `scene` (built with `View::outlines` false) their rings and
    /// bounds in pixels. Areas wholly off the view get their bounds but no rings.
    /// Returns the number of points placed.
    pub fn outline(&self, scene: &mut Scene) -> usize {
        let (s, o) = self.affine(&scene.projection);
        let (w, h) = (scene.width as f32, scene.height as f32);
        let mut placed = 0;
        for shape in &mut scene.shapes {
            let a = shape.area;
            let bb = self.bounds[a];
            let (x0, x1) = ((bb[0] - o[0]) * s, (bb[2] - o[0]) * s);
            let (y0, y1) = ((o[1] - bb[3]) * s, (o[1] - bb[1]) * s);
            shape.bounds = Bounds { min: [x0 as f64, y0 as f64], max: [x1 as f64, y1 as f64] };
            shape.rings.clear();
            if x1 < 0.0 || y1 < 0.0 || x0 > w || y0 > h || !x0.is_finite() {
                continue;
            }
            for r in self.areas[a] as usize..self.areas[a + 1] as usize {
                let pts = &self.xy[2 * self.rings[r] as usize..2 * self.rings[r + 1] as usize];
                shape.rings.push(pts.chunks_exact(2).map(|p| [(p[0] - o[0]) * s, (o[1] - p[1]) * s]).collect());
                placed += pts.len() / 2;
            }
        }
        placed
    }

    /// Pixels per unit and the unit at pixel (0, 0) for a projection.
    fn affine(&self, p: &Projection) -> (f32, [f32; 2]) {
        let top_left = p.origin();
        (p.scale() as f32, [(top_left[0] - self.origin[0]) as f32, (top_left[1] - self.origin[1]) as f32])
    }
}

/// A mesh and its coarser copies, made when first needed: one per halving of the grid.
#[derive(Debug, Clone)]
pub struct Detail {
    full: Mesh,
    /// `(level, mesh)`: level `k` snaps to `2^k` units.
    levels: Vec<(i32, Option<Mesh>)>,
}

impl Detail {
    pub fn new(layer: &Layer) -> Detail {
        Detail { full: Mesh::new(layer), levels: Vec::new() }
    }

    /// The mesh to draw at `projection`: points snapped to a grid of a quarter to half a
    /// pixel, or the full detail once that would keep nearly every point.
    ///
    /// ```
    /// use needs_map::{bundle, mesh::Detail, scene::{Scene, View}};
    /// let atlas = bundle::from_json(include_str!("../../data/coventry.json")).unwrap();
    /// let mut detail = Detail::new(atlas.layer("msoa").unwrap());
    /// let small = Scene::boundaries(&atlas, "msoa", &View::new(40.0, 30.0), None).unwrap();
    /// let large = Scene::boundaries(&atlas, "msoa", &View::new(4000.0, 3000.0), None).unwrap();
    /// // 42 MSOAs: 1,619 of the bundle's 3,278 points at 40 px, all of them at 4,000 px.
    /// assert_eq!((detail.at(&small.projection).points(), detail.at(&large.projection).points()), (1619, 3278));
    /// ```
    pub fn at(&mut self, projection: &Projection) -> &Mesh {
        let cell = 0.5 / projection.scale();
        let level = cell.log2().floor() as i32;
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
