//! Scanline filling into a buffer of area numbers: the interactive map's picture and its
//! hover index in one pass.
//!
//! Each pixel holds the number of the area drawn over its centre. Painting is a colour
//! look-up per pixel (so re-shading never touches geometry), borders are where neighbouring
//! pixels differ, and hover is one read. The cost follows edges and pixels, not areas: tens
//! of thousands of areas draw as fast as a few.

use crate::palette::Rgb;
use crate::scene::{Pattern, Scene};

/// One polygon edge crossing rows `row..end`: `x` at the centre of the current row.
#[derive(Debug, Clone, Copy)]
struct Edge {
    row: i32,
    end: i32,
    x: f32,
    dx: f32,
}

/// Calls `span(row, first, past)` for every run of pixels whose centre lies inside `rings`
/// (even-odd), with points scaled by `k`, for rows `0..height` and columns `0..width`.
/// Reuses `edges` and `xs` between calls to spare allocation.
///
/// ```
/// use needs_map::raster::spans;
/// let square = vec![vec![[1.0f32, 1.0], [3.0, 1.0], [3.0, 3.0], [1.0, 3.0]]];
/// let mut runs = vec![];
/// spans(&square, 1.0, 10, 10, &mut |y, a, b| runs.push((y, a, b)));
/// assert_eq!(runs, vec![(1, 1, 3), (2, 1, 3)]);
/// ```
pub fn spans(rings: &[Vec<[f32; 2]>], k: f32, width: i32, height: i32, span: &mut dyn FnMut(i32, i32, i32)) {
    let mut edges = Vec::new();
    let mut xs = Vec::new();
    spans_with(rings, k, width, height, &mut edges, &mut xs, span)
}

fn spans_with(
    rings: &[Vec<[f32; 2]>],
    k: f32,
    width: i32,
    height: i32,
    edges: &mut Vec<Edge>,
    xs: &mut Vec<f32>,
    span: &mut dyn FnMut(i32, i32, i32),
) {
    edges.clear();
    for r in rings {
        let n = r.len();
        for i in 0..n {
            let (a, b) = (r[i], r[(i + 1) % n]);
            let (top, bottom) = if a[1] < b[1] { (a, b) } else { (b, a) };
            let (y0, y1) = (top[1] * k, bottom[1] * k);
            // Rows whose centre y + 0.5 lies in [y0, y1).
            let row = ((y0 - 0.5).ceil() as i32).max(0);
            let end = ((y1 - 0.5).ceil() as i32).min(height);
            if row >= end {
                continue;
            }
            let dx = (bottom[0] - top[0]) * k / (y1 - y0);
            edges.push(Edge { row, end, x: top[0] * k + (row as f32 + 0.5 - y0) * dx, dx });
        }
    }
    if edges.is_empty() {
        return;
    }
    edges.sort_unstable_by_key(|e| e.row);
    let mut next = 0;
    let mut active: Vec<Edge> = Vec::new();
    let mut row = edges[0].row;
    while row < height && (next < edges.len() || !active.is_empty()) {
        if active.is_empty() && edges[next].row > row {
            row = edges[next].row;
        }
        while next < edges.len() && edges[next].row == row {
            active.push(edges[next]);
            next += 1;
        }
        xs.clear();
        xs.extend(active.iter().map(|e| e.x));
        xs.sort_unstable_by(|a, b| a.total_cmp(b));
        for pair in xs.chunks_exact(2) {
            let a = ((pair[0] - 0.5).ceil() as i32).max(0);
            let b = ((pair[1] - 0.5).ceil() as i32).min(width);
            if a < b {
                span(row, a, b);
            }
        }
        row += 1;
        active.retain_mut(|e| {
            e.x += e.dx;
            e.end > row
        });
    }
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
}

impl Raster {
    /// Draws every shape of `scene`, later shapes over earlier ones (enclaves over their
    /// container), at `ratio` device pixels per scene pixel.
    ///
    /// ```
    /// use needs_map::{bundle, raster::Raster, scene::{Scene, View}};
    /// let atlas = bundle::from_json(include_str!("../../tests/fixtures/hole_and_enclave.json")).unwrap();
    /// let s = Scene::build(&atlas, "value", &View::new(100.0, 100.0), None).unwrap();
    /// let r = Raster::draw(&s, 2.0);
    /// assert_eq!(r.area_at(50.0, 50.0).map(|i| s.shapes[i].name.as_str()), Some("Enclave"));
    /// assert_eq!(r.area_at(-5.0, 5.0), None);
    /// ```
    pub fn draw(scene: &Scene, ratio: f64) -> Raster {
        let (w, h) = ((scene.width * ratio).round().max(1.0) as usize, (scene.height * ratio).round().max(1.0) as usize);
        let mut ids = vec![0u32; w * h];
        let (mut edges, mut xs) = (Vec::new(), Vec::new());
        for (i, s) in scene.shapes.iter().enumerate() {
            let id = i as u32 + 1;
            spans_with(&s.rings, ratio as f32, w as i32, h as i32, &mut edges, &mut xs, &mut |y, a, b| {
                let row = y as usize * w;
                ids[row + a as usize..row + b as usize].fill(id);
            });
        }
        Raster { width: w, height: h, ratio, ids }
    }

    /// The shape under a point in scene (CSS) pixels.
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

    /// RGBA bytes of the picture: each shape's fill and pattern, and `border` where areas
    /// meet (one device pixel wide; two on high-density screens, which read as the same
    /// weight). Outside every area is transparent.
    pub fn paint(&self, scene: &Scene, border: Option<Rgb>, out: &mut Vec<u8>) {
        let rgba = |c: Rgb| u32::from_le_bytes([c.0, c.1, c.2, 0xff]);
        let mut fill = vec![0u32];
        let mut pattern = vec![Pattern::None];
        fill.extend(scene.shapes.iter().map(|s| rgba(s.fill)));
        pattern.extend(scene.shapes.iter().map(|s| s.pattern));
        let ink = rgba(crate::export::PATTERN_INK);
        let line = border.map(rgba);
        let wide = self.ratio >= 1.5;
        let step = (crate::export::PATTERN_STEP * self.ratio).round().max(2.0) as i32;
        let (w, h) = (self.width, self.height);
        out.clear();
        out.resize(w * h * 4, 0);
        for (y, (row, px)) in self.ids.chunks_exact(w).zip(out.chunks_exact_mut(w * 4)).enumerate() {
            let below = self.ids.get((y + 1) * w..(y + 2) * w);
            let above = if wide && y > 0 { self.ids.get((y - 1) * w..y * w) } else { None };
            for (x, (&id, px)) in row.iter().zip(px.chunks_exact_mut(4)).enumerate() {
                let edge = line.is_some()
                    && ((x + 1 < w && row[x + 1] != id)
                        || below.is_some_and(|b| b[x] != id)
                        || (wide && ((x > 0 && row[x - 1] != id) || above.is_some_and(|a| a[x] != id))));
                let c = if edge {
                    line.unwrap_or(0)
                } else if id == 0 {
                    continue;
                } else if pattern[id as usize].inks(x as i32, y as i32, step) {
                    ink
                } else {
                    fill[id as usize]
                };
                px.copy_from_slice(&c.to_le_bytes());
            }
        }
    }
}
