//! Scanline filling into a buffer of area numbers: the interactive map's picture and its
//! hover index in one pass.
//!
//! Each pixel holds the number of the area drawn over its centre. Painting is a colour
//! look-up per pixel (so re-shading never touches geometry), borders are where neighbouring
//! pixels differ, and hover is one read. The cost follows edges and pixels, not areas: tens
//! of thousands of areas draw as fast as a few.
//!
//! Filling uses edge flags rather than sorted crossings: every edge toggles a flag at the
//! first pixel right of where it crosses each row's centre, and a walk across the area's
//! box keeps an inside bit, even-odd. No sorting, no per-row lists: on England's wards at
//! 960 px it is several times faster than an active-edge scanline.

use crate::model::geometry::{hi, lo};
use crate::place::mesh::{in_view, Affine, Mesh};
use crate::place::project::Projection;
use crate::scene::Scene;
use crate::style::palette::Rgb;
use crate::style::pattern::{self, Pattern};

/// Calls `span(row, first, past)` for every run of pixels whose centre lies inside `rings`
/// (even-odd), with points scaled by `k`, for rows `0..height` and columns `0..width`.
///
/// ```
/// use needs_map::draw::raster::spans;
/// let square = vec![vec![[1.0f32, 1.0], [3.0, 1.0], [3.0, 3.0], [1.0, 3.0]]];
/// let mut runs = vec![];
/// spans(&square, 1.0, 10, 10, &mut |y, a, b| runs.push((y, a, b)));
/// assert_eq!(runs, vec![(1, 1, 3), (2, 1, 3)]);
/// ```
pub fn spans(rings: &[Vec<[f32; 2]>], k: f32, width: i32, height: i32, span: &mut dyn FnMut(i32, i32, i32)) {
    let mut b = [f32::INFINITY, f32::INFINITY, f32::NEG_INFINITY, f32::NEG_INFINITY];
    for p in rings.iter().flatten() {
        b = [lo(b[0], p[0] * k), lo(b[1], p[1] * k), hi(b[2], p[0] * k), hi(b[3], p[1] * k)];
    }
    let flat = rings.iter().map(|r| r.as_flattened());
    Flags::default().fill(flat, Affine { sx: k, tx: 0.0, sy: k, ty: 0.0 }, b, [0, 0, width, height], span)
}

/// The flag buffer, kept between areas so that thousands of small areas allocate nothing.
#[derive(Debug, Clone, Default)]
struct Flags {
    bits: Vec<bool>,
}

impl Flags {
    /// Fills `rings` (flat `x, y` runs, mapped by `t` to pixels) whose pixel bounds are `b`,
    /// within the pixels `clip` (`[x0, y0, x1, y1)`).
    fn fill<'a>(
        &mut self,
        rings: impl Iterator<Item = &'a [f32]>,
        t: Affine,
        b: [f32; 4],
        clip: [i32; 4],
        mut span: impl FnMut(i32, i32, i32),
    ) {
        // The area's box in pixels, clipped; toggles left of it land on its first column
        // (they still count), toggles right of it change nothing visible.
        let row0 = pixel(b[1]).max(clip[1]);
        let row1 = pixel(b[3]).min(clip[3]);
        let col0 = pixel(b[0]).max(clip[0]);
        let col1 = pixel(b[2]).min(clip[2]);
        if row0 >= row1 || col0 >= col1 {
            return;
        }
        let w = (col1 - col0) as usize;
        // All false between areas (the walk below clears every flag it meets): only growth
        // needs zeroing.
        let n = w * (row1 - row0) as usize;
        if self.bits.len() < n {
            self.bits.resize(n, false);
        }
        let bits = &mut self.bits[..n];
        // The rows whose centre (y + 0.5) an edge passes lie between the rows of its ends,
        // found once per point: most edges of a drawing at this scale are shorter than a row.
        for r in rings {
            let n = r.len() / 2;
            if n == 0 {
                continue;
            }
            let mut a = t.apply(&r[2 * n - 2..]);
            let mut ra = pixel(a[1]);
            for p in r.chunks_exact(2) {
                let b = t.apply(p);
                let rb = pixel(b[1]);
                if ra != rb {
                    let (top, bottom, first, past) = if ra < rb { (a, b, ra, rb) } else { (b, a, rb, ra) };
                    let dx = (bottom[0] - top[0]) / (bottom[1] - top[1]);
                    // Each row's crossing from the edge's end, not by adding up steps: the
                    // same pixels whichever row the clip starts at (a pan draws strips).
                    for row in first.max(row0)..past.min(row1) {
                        let x = top[0] + (row as f32 + 0.5 - top[1]) * dx;
                        let c = pixel(x).max(col0);
                        if c < col1 {
                            let at = (row - row0) as usize * w + (c - col0) as usize;
                            bits[at] = !bits[at];
                        }
                    }
                }
                (a, ra) = (b, rb);
            }
        }
        walk(bits, w, row0, col0, &mut span);
    }
}

/// Calls `span(row, first, past)` for the runs between pairs of set flags in each row of
/// `bits` (`w` wide, the first row being `row0` and column `col0`), clearing them. Its own
/// function, scanning for the next flag in loops with no call inside: a loop over every flag
/// with the call inside it, in the edge loop's function, was compiled by the browser with its
/// counters kept in memory (two stores a flag, as `perf` showed of node's code).
#[inline(never)]
fn walk(bits: &mut [bool], w: usize, row0: i32, col0: i32, span: &mut impl FnMut(i32, i32, i32)) {
    for (y, flags) in (row0..).zip(bits.chunks_exact_mut(w)) {
        // Pairs of set flags: a run from each odd one to the next (or the row's end).
        let mut c = 0;
        loop {
            while c < w && !flags[c] {
                c += 1;
            }
            if c == w {
                break;
            }
            flags[c] = false;
            let start = c;
            c += 1;
            while c < w && !flags[c] {
                c += 1;
            }
            span(y, col0 + start as i32, col0 + c as i32);
            if c == w {
                break;
            }
            flags[c] = false;
            c += 1;
        }
    }
}

/// The first pixel whose centre (`n + 0.5`) is at or past `v`: `ceil(v - 0.5)`, but at a
/// tie the even one (both sides of a border ask the same question, so either answer keeps
/// them together). By adding 1.5 x 2^23, whose float has no fraction bits left, and reading
/// the bits: the browser made the ceiling and conversion seven instructions on the edge
/// loop's longest chain. Exact for |v| < 2^22 pixels (a view's points stay within 64 times
/// the map, the zoom's limit, far inside); beyond, still past that on the same side, so the
/// clip to the view treats it alike.
#[inline(always)]
fn pixel(v: f32) -> i32 {
    (v + 12_582_912.0).to_bits().wrapping_sub(0x4b40_0000) as i32
}

/// A scene drawn as area numbers, at the canvas's device pixels.
#[derive(Debug, Clone, Default)]
pub struct Raster {
    width: usize,
    height: usize,
    /// Device pixels per CSS pixel.
    ratio: f64,
    /// 0 for no area, else the shape's index + 1.
    ids: Vec<u32>,
    /// Mesh units to device pixels, as last drawn.
    drawn: Option<Affine>,
    /// Pixels where areas meet, found once per drawing so that re-painting is a look-up.
    borders: Vec<u32>,
    flags: Flags,
}

impl Raster {
    /// Draws every area of `mesh` as `projection` places it on a `width` x `height` CSS
    /// pixel map, later areas over earlier ones (enclaves over their container), at `ratio`
    /// device pixels per CSS pixel. Returns the points of the areas in view.
    ///
    /// ```
    /// use needs_map::{read::bundle, place::mesh::Mesh, draw::raster::Raster, scene::{Scene, View}};
    /// let atlas = bundle::from_json(include_str!("../../../tests/fixtures/hole_and_enclave.json")).unwrap();
    /// let s = Scene::build(&atlas, "value", &View::new(100.0, 100.0), None).unwrap();
    /// let mesh = Mesh::new(&atlas.layers[0]);
    /// let mut r = Raster::default();
    /// r.draw(&mesh, &s.projection, 100.0, 100.0, 2.0);
    /// assert_eq!(r.area_at(50.0, 50.0).map(|i| s.shapes[i].name.as_str()), Some("Enclave"));
    /// assert_eq!(r.area_at(-5.0, 5.0), None);
    /// ```
    pub fn draw(&mut self, mesh: &Mesh, projection: &Projection, width: f64, height: f64, ratio: f64) -> usize {
        let (w, h) = ((width * ratio).round().max(1.0) as usize, (height * ratio).round().max(1.0) as usize);
        // The buffer is kept between frames (a fresh one costs its pages again), and cleared
        // by the slice's `fill`, one `memory.fill`: `resize` after `clear` wrote zeros one by one.
        self.ids.resize(w * h, 0);
        self.ids.fill(0);
        (self.width, self.height, self.ratio) = (w, h, ratio);
        let t = mesh.to_pixels(projection).scaled(ratio as f32);
        let points = self.fill(mesh, t, &[[0, 0, w as i32, h as i32]]);
        self.find_borders();
        points
    }

    /// The picture of the last drawing (of the same `mesh`, at the same size) moved to where
    /// `projection` puts it, when that is a move by whole device pixels at the same scale:
    /// what stays in view is moved, and only the strips that come into view are drawn, so
    /// dragging the map costs a fraction of a drawing. `None` (nothing done) otherwise.
    ///
    /// ```
    /// use needs_map::{read::bundle, place::mesh::Detail, draw::raster::Raster, scene::{Scene, View}};
    /// let atlas = bundle::from_json(include_str!("../../../data/coventry.json")).unwrap();
    /// let mut detail = Detail::new(atlas.layer("ward").unwrap());
    /// let mut view = View::new(400.0, 300.0);
    /// let s = Scene::boundaries(&atlas, "ward", &view, None).unwrap();
    /// let mut r = Raster::default();
    /// r.draw(detail.at(&s.projection), &s.projection, 400.0, 300.0, 1.0);
    /// view.centre = Some(s.projection.to_lonlat([240.0, 150.0])); // 40 px to the left
    /// let moved = Scene::boundaries(&atlas, "ward", &view, None).unwrap();
    /// assert!(r.pan(detail.at(&moved.projection), &moved.projection, 400.0, 300.0, 1.0).is_some());
    /// let mut fresh = Raster::default();
    /// fresh.draw(detail.at(&moved.projection), &moved.projection, 400.0, 300.0, 1.0);
    /// let differ = (0..300).flat_map(|y| (0..400).map(move |x| (x as f64 + 0.5, y as f64 + 0.5)))
    ///     .filter(|&(x, y)| r.area_at(x, y) != fresh.area_at(x, y)).count();
    /// assert_eq!(differ, 0);
    /// ```
    pub fn pan(&mut self, mesh: &Mesh, projection: &Projection, width: f64, height: f64, ratio: f64) -> Option<usize> {
        let (w, h) = (self.width as i32, self.height as i32);
        let t = mesh.to_pixels(projection).scaled(ratio as f32);
        let same = |l: &Affine| {
            (l.sx, l.sy, ratio, (width * ratio).round(), (height * ratio).round()) == (t.sx, t.sy, self.ratio, w as f64, h as f64)
        };
        let last = self.drawn.filter(same)?;
        let (x, y) = (t.tx - last.tx, t.ty - last.ty);
        let (dx, dy) = (x.round_ties_even(), y.round_ties_even());
        if (dx - x).abs().max((dy - y).abs()) > 0.01 || dx.abs() >= w as f32 || dy.abs() >= h as f32 {
            return None;
        }
        let (dx, dy) = (dx as i32, dy as i32);
        // Moved as one run: a pixel carried past the end of its row lands in the columns that
        // come into view, which are drawn again.
        let (k, n) = ((dy * w + dx).unsigned_abs() as usize, self.ids.len());
        if dy * w + dx > 0 {
            self.ids.copy_within(0..n - k, k);
        } else {
            self.ids.copy_within(k..n, 0);
        }
        // What comes into view: rows above or below, columns beside (their corner twice, in
        // the same order of areas, so to the same effect).
        let rows = if dy > 0 { [0, 0, w, dy] } else { [0, h + dy, w, h] };
        let columns = if dx > 0 { [0, 0, dx, h] } else { [w + dx, 0, w, h] };
        for c in [rows, columns] {
            for y in c[1]..c[3] {
                let row = (y * w) as usize;
                self.ids[row + c[0] as usize..row + c[2] as usize].fill(0);
            }
        }
        let points = self.fill(mesh, t, &[rows, columns]);
        self.find_borders();
        Some(points)
    }

    /// Fills the areas of `mesh` (mapped by `t` to device pixels) within each of `clips`;
    /// returns the points of the areas in view.
    fn fill(&mut self, mesh: &Mesh, t: Affine, clips: &[[i32; 4]]) -> usize {
        let (w, h) = (self.width, self.height);
        self.drawn = Some(t);
        let ids = &mut self.ids;
        let mut points = 0;
        for a in 0..mesh.area_count() {
            let b = t.bounds(mesh.bounds(a));
            if !in_view(b, w as f32, h as f32) {
                continue;
            }
            points += mesh.rings(a).map(|r| r.len() / 2).sum::<usize>();
            let id = a as u32 + 1;
            for &c in clips.iter().filter(|c| c[0] < c[2] && c[1] < c[3]) {
                self.flags.fill(mesh.rings(a), t, b, c, |y, a, b| {
                    let row = y as usize * w;
                    ids[row + a as usize..row + b as usize].fill(id);
                });
            }
        }
        points
    }

    /// Borders: a pixel whose right or lower neighbour is another area (and, on dense
    /// screens, whose left or upper one is too, so the line is two pixels wide).
    fn find_borders(&mut self) {
        let (w, h) = (self.width, self.height);
        // On dense screens both pixels of a change are marked, so the line is two wide.
        let wide = self.ratio >= 1.5;
        let (ids, borders) = (&self.ids, &mut self.borders);
        borders.clear();
        for y in 0..h {
            let base = y * w;
            let row = &ids[base..base + w];
            // The last row has none below: it is compared with itself.
            let below = ids.get(base + w..base + 2 * w).unwrap_or(row);
            let mut x = 0;
            while x < w {
                let id = row[x];
                // Two pixels at a time where nothing changes (most of the picture).
                if x + 2 < w && row[x + 1] == id && row[x + 2] == id && below[x] == id && below[x + 1] == id {
                    x += 2;
                    continue;
                }
                let (right, down) = (x + 1 < w && row[x + 1] != id, below[x] != id);
                if right || down {
                    borders.push((base + x) as u32);
                    if wide && right {
                        borders.push((base + x + 1) as u32);
                    }
                    if wide && down {
                        borders.push((base + w + x) as u32);
                    }
                }
                x += 1;
            }
        }
    }

    /// The area (index in its layer, which is its shape's index in a scene) under a point
    /// in CSS pixels.
    pub fn area_at(&self, x: f64, y: f64) -> Option<usize> {
        let (x, y) = ((x * self.ratio).floor(), (y * self.ratio).floor());
        if x < 0.0 || y < 0.0 || x >= self.width as f64 || y >= self.height as f64 {
            return None;
        }
        self.ids[y as usize * self.width + x as usize].checked_sub(1).map(|i| i as usize)
    }

    pub fn size(&self) -> (usize, usize) {
        (self.width, self.height)
    }

    /// The picture as RGBA pixels (little-endian `u32`s, so their bytes are canvas
    /// `ImageData`): each shape's fill and pattern, and `border` where areas meet. Outside
    /// every area is transparent.
    pub fn paint(&self, scene: &Scene, border: Option<Rgb>, out: &mut Vec<u32>) {
        let rgba = |c: Rgb| u32::from_le_bytes([c.0, c.1, c.2, 0xff]);
        let lut: Vec<u32> = std::iter::once(0).chain(scene.shapes.iter().map(|s| rgba(s.fill))).collect();
        out.resize(self.ids.len(), 0);
        // Slices, not the Vecs: at opt-level z indexing a Vec is a call per pixel.
        let (out, colours) = (out.as_mut_slice(), lut.as_slice());
        for (o, &id) in out.iter_mut().zip(&self.ids) {
            *o = colours[id as usize];
        }
        let patterns: Vec<Pattern> = std::iter::once(Pattern::None).chain(scene.shapes.iter().map(|s| s.pattern)).collect();
        let patterns = patterns.as_slice();
        if patterns.iter().any(|p| *p != Pattern::None) {
            let (ink, w) = (rgba(pattern::INK), self.width);
            let step = (pattern::STEP * self.ratio).round().max(2.0) as i32;
            for (i, (o, &id)) in out.iter_mut().zip(&self.ids).enumerate() {
                if patterns[id as usize].inks((i % w) as i32, (i / w) as i32, step) {
                    *o = ink;
                }
            }
        }
        if let Some(line) = border.map(rgba) {
            for &i in &self.borders {
                out[i as usize] = line;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Raster;
    use crate::{place::mesh::Detail, read::bundle, scene::Scene, scene::View};

    /// `pixel` is `ceil(v - 0.5)` away from ties (a centre exactly on `v`), and even at them.
    #[test]
    fn pixel_is_the_first_centre_at_or_past() {
        let got: Vec<i32> = [-3.7, -3.2, -0.4, 0.0, 0.49, 0.51, 2.5, 3.5, 959.9, 200_000.3].map(super::pixel).to_vec();
        assert_eq!(got, vec![-4, -3, 0, 0, 0, 1, 2, 4, 960, 200_000]);
        // Far off the view, it stays far off on the same side.
        for v in [5e6f32, 3e7, 1e12, f32::INFINITY] {
            assert!(super::pixel(v) >= 1 << 22 && super::pixel(-v) <= -(1 << 22), "{v}");
        }
        for k in -4000..4000 {
            let v = k as f32 * 0.37 + 0.01;
            if v.fract().abs() == 0.5 {
                continue;
            }
            assert_eq!(super::pixel(v), (v - 0.5).ceil() as i32, "{v}");
        }
    }

    /// A level of detail draws the pixels its grid does: dropping the middle points of
    /// straight rows and columns (a third of them) changes none, and none is lost to the
    /// box of the unsnapped area. Coventry's 42 MSOAs, at three sizes, against the same
    /// grid's points all kept.
    #[test]
    fn a_level_of_detail_draws_its_grid() {
        let atlas = bundle::from_json(include_str!("../../../data/coventry.json")).unwrap();
        let mut detail = Detail::new(atlas.layer("msoa").unwrap());
        let (xy, rings, areas) = detail.full().parts();
        let (xy, rings, areas) = (xy.to_vec(), rings.to_vec(), areas.to_vec());
        for (w, h, zoom) in [(60.0, 45.0, 1.0), (120.0, 90.0, 1.0), (100.0, 75.0, 1.5)] {
            let s = Scene::boundaries(&atlas, "msoa", &View { zoom, ..View::new(w, h) }, None).unwrap();
            // The grid `Detail::at` snaps to: the power of two below a pixel.
            let cell = 2f64.powi((1.0 / s.projection.scale()).log2().floor() as i32) as f32;
            let inv = 1.0 / cell;
            let snapped = xy.iter().map(|v| (v * inv + 0.5).floor() * cell).collect();
            let all = crate::place::mesh::Mesh::from_parts(detail.full().origin(), snapped, rings.clone(), areas.clone()).unwrap();
            let coarse = detail.at(&s.projection);
            assert!(coarse.points() * 10 < all.points() * 7, "{w} x {h} at {zoom}: {} of {}", coarse.points(), all.points());
            let (mut a, mut b) = (Raster::default(), Raster::default());
            a.draw(coarse, &s.projection, w, h, 1.0);
            b.draw(&all, &s.projection, w, h, 1.0);
            let filled = a.ids.iter().filter(|&&id| id != 0).count();
            assert!(filled as f64 > w * h / 5.0, "{w} x {h} at {zoom}: {filled} filled");
            assert_eq!(a.ids.iter().zip(&b.ids).filter(|(a, b)| a != b).count(), 0, "{w} x {h} at {zoom}");
        }
    }

    /// Coventry's 42 MSOAs zoomed in, at 2 device pixels per CSS pixel, panned every way: the moved
    /// picture is the one a fresh drawing makes, pixel for pixel.
    #[test]
    fn a_pan_moves_the_picture_a_drawing_would_make() {
        let atlas = bundle::from_json(include_str!("../../../data/coventry.json")).unwrap();
        let mut detail = Detail::new(atlas.layer("msoa").unwrap());
        let mut view = View { zoom: 2.0, ..View::new(480.0, 360.0) };
        let scene = |view: &View| Scene::boundaries(&atlas, "msoa", view, None).unwrap();
        let mut s = scene(&view);
        let mut r = Raster::default();
        r.draw(detail.at(&s.projection), &s.projection, 480.0, 360.0, 2.0);
        for (dx, dy) in [(37.0, -23.0), (-100.0, 0.0), (0.0, 50.0), (-61.5, 40.0), (-179.0, -179.0)] {
            view.centre = Some(s.projection.to_lonlat([240.0 - dx, 180.0 - dy]));
            s = scene(&view);
            let mesh = detail.at(&s.projection);
            assert!(r.pan(mesh, &s.projection, 480.0, 360.0, 2.0).is_some(), "({dx}, {dy})");
            let mut fresh = Raster::default();
            fresh.draw(mesh, &s.projection, 480.0, 360.0, 2.0);
            assert_eq!(r.ids.iter().zip(&fresh.ids).filter(|(a, b)| a != b).count(), 0, "({dx}, {dy})");
            assert_eq!(r.borders, fresh.borders);
        }
        // The picture is not empty.
        assert!(r.ids.iter().filter(|&&id| id != 0).count() > 100_000);
        // A third of a device pixel is not a move of the picture; a new size is not either.
        view.centre = Some(s.projection.to_lonlat([240.0 - 1.0 / 6.0, 180.0]));
        s = scene(&view);
        assert!(r.pan(detail.at(&s.projection), &s.projection, 480.0, 360.0, 2.0).is_none());
        assert!(r.pan(detail.at(&s.projection), &s.projection, 481.0, 360.0, 2.0).is_none());
    }
}
