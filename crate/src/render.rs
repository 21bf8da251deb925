//! Drawing a [`Scene`] natively: PNG through plotters, SVG as text.
//!
//! plotters fills polygons without holes, so areas are filled here with an even-odd
//! scanline written against `DrawingBackend`: any plotters backend gets holes and enclaves
//! right. The SVG writer emits `fill-rule="evenodd"` paths from the same scene, and the
//! browser's canvas does the same with `Path2D` (see `web.rs`).

use crate::palette::{Rgb, BORDER};
use crate::scene::{Scene, View};
use plotters::prelude::*;
use plotters_backend::{BackendColor, BackendStyle, DrawingBackend, DrawingErrorKind};

/// Where the map sits inside a picture of `width` x `height` with title, legend and
/// attribution around it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layout {
    pub map_origin: (i32, i32),
    pub map_size: (u32, u32),
    pub legend_origin: (i32, i32),
    pub attribution_y: i32,
}

const TITLE_H: i32 = 40;
const FOOT_H: i32 = 56;
const LEGEND_W: i32 = 240;

/// The layout of an export: title band, map on the left, legend on the right, attribution below.
pub fn layout(width: u32, height: u32) -> Layout {
    let w = width as i32;
    let h = height as i32;
    let map_w = (w - LEGEND_W).max(100);
    let map_h = (h - TITLE_H - FOOT_H).max(100);
    Layout {
        map_origin: (0, TITLE_H),
        map_size: (map_w as u32, map_h as u32),
        legend_origin: (map_w + 8, TITLE_H + 8),
        attribution_y: TITLE_H + map_h + 8,
    }
}

/// The view to build a scene with for an export of this size.
pub fn view_for(width: u32, height: u32) -> View {
    let l = layout(width, height);
    View::new(l.map_size.0 as f64, l.map_size.1 as f64)
}

fn colour(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

struct Solid(Rgb, u32);
impl BackendStyle for Solid {
    fn color(&self) -> BackendColor {
        BackendColor { alpha: 1.0, rgb: (self.0 .0, self.0 .1, self.0 .2) }
    }
    fn stroke_width(&self) -> u32 {
        self.1
    }
}

/// Fills the rings even-odd by pixel centres, as canvas `fill("evenodd")` does.
pub fn fill_evenodd<DB: DrawingBackend>(
    db: &mut DB,
    rings: &[Vec<[f32; 2]>],
    offset: (i32, i32),
    fill: Rgb,
) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
    let (w, h) = db.get_size();
    let mut ymin = f32::INFINITY;
    let mut ymax = f32::NEG_INFINITY;
    for r in rings {
        for p in r {
            ymin = ymin.min(p[1]);
            ymax = ymax.max(p[1]);
        }
    }
    if !ymin.is_finite() {
        return Ok(());
    }
    let style = Solid(fill, 1);
    let y0 = (ymin.floor() as i32).max(-offset.1);
    let y1 = (ymax.ceil() as i32).min(h as i32 - offset.1);
    let mut xs: Vec<f32> = Vec::new();
    for y in y0..y1 {
        let cy = y as f32 + 0.5;
        xs.clear();
        for r in rings {
            let n = r.len();
            for i in 0..n {
                let (a, b) = (r[i], r[(i + 1) % n]);
                if (a[1] > cy) != (b[1] > cy) {
                    xs.push(a[0] + (cy - a[1]) * (b[0] - a[0]) / (b[1] - a[1]));
                }
            }
        }
        xs.sort_by(|a, b| a.total_cmp(b));
        for pair in xs.chunks_exact(2) {
            // Pixels whose centre lies inside [x0, x1).
            let xa = ((pair[0] - 0.5).ceil() as i32).max(-offset.0);
            let xb = ((pair[1] - 0.5).ceil() as i32 - 1).min(w as i32 - 1 - offset.0);
            if xb >= xa {
                db.draw_line((xa + offset.0, y + offset.1), (xb + offset.0, y + offset.1), &style)?;
            }
        }
    }
    Ok(())
}

/// Paints the scene's areas, borders and selection at `offset`.
pub fn draw_map<DB: DrawingBackend>(db: &mut DB, scene: &Scene, offset: (i32, i32)) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
    for s in &scene.shapes {
        fill_evenodd(db, &s.rings, offset, s.fill)?;
    }
    for s in &scene.shapes {
        outline(db, &s.rings, offset, &Solid(BORDER, 1))?;
    }
    if let Some(i) = scene.selected {
        outline(db, &scene.shapes[i].rings, offset, &Solid(Rgb(0x0b, 0x0c, 0x0c), 3))?;
    }
    Ok(())
}

/// Strokes each ring, closed, at `offset`.
fn outline<DB: DrawingBackend>(
    db: &mut DB,
    rings: &[Vec<[f32; 2]>],
    offset: (i32, i32),
    style: &Solid,
) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
    for r in rings {
        let pts: Vec<(i32, i32)> =
            r.iter().chain(r.first()).map(|p| (p[0].round() as i32 + offset.0, p[1].round() as i32 + offset.1)).collect();
        db.draw_path(pts, style)?;
    }
    Ok(())
}

/// The map as a plotters element, so it composes with plotters' own text and shapes.
struct MapElement<'a> {
    scene: &'a Scene,
    offset: (i32, i32),
}

impl<'a, 'b> plotters::element::PointCollection<'b, (i32, i32)> for &'b MapElement<'a> {
    type Point = &'b (i32, i32);
    type IntoIter = std::iter::Once<&'b (i32, i32)>;
    fn point_iter(self) -> Self::IntoIter {
        std::iter::once(&self.offset)
    }
}

impl<DB: DrawingBackend> plotters::element::Drawable<DB> for MapElement<'_> {
    fn draw<I: Iterator<Item = (i32, i32)>>(
        &self,
        mut pos: I,
        backend: &mut DB,
        _: (u32, u32),
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        let origin = pos.next().unwrap_or(self.offset);
        draw_map(backend, self.scene, origin)
    }
}

/// Registers a system sans-serif font for PNG text; false when none is installed.
fn register_font() -> bool {
    const FONTS: [&str; 3] = [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
    ];
    for f in FONTS {
        if let Ok(bytes) = std::fs::read(f) {
            let leaked: &'static [u8] = Box::leak(bytes.into_boxed_slice());
            if plotters::style::register_font("sans-serif", FontStyle::Normal, leaked).is_ok() {
                return true;
            }
        }
    }
    false
}

/// Draws a whole export (title, map, legend, attribution) into `root`.
/// Text needs a font (DejaVu Sans); without one the map is drawn with no words and
/// `Ok(false)` is returned so the caller can say so.
pub fn draw_export<DB: DrawingBackend>(
    root: DrawingArea<DB, plotters::coord::Shift>,
    scene: &Scene,
) -> Result<bool, Box<dyn std::error::Error>>
where
    DB::ErrorType: 'static,
{
    let (w, h) = root.dim_in_pixel();
    let l = layout(w, h);
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    root.draw(&MapElement { scene, offset: l.map_origin }).map_err(|e| e.to_string())?;
    let text = register_font();
    let lx = l.legend_origin.0;
    let mut ly = l.legend_origin.1;
    for e in &scene.legend.entries {
        root.draw(&Rectangle::new([(lx, ly), (lx + 22, ly + 16)], colour(e.color).filled())).map_err(|e| e.to_string())?;
        root.draw(&Rectangle::new([(lx, ly), (lx + 22, ly + 16)], colour(BORDER))).map_err(|e| e.to_string())?;
        if text {
            let label = format!("{} ({})", e.label, e.count);
            root.draw(&Text::new(label, (lx + 30, ly + 2), ("sans-serif", 13).into_font().color(&BLACK))).map_err(|e| e.to_string())?;
        }
        ly += 22;
    }
    if text {
        root.draw(&Text::new(scene.title.clone(), (10, 10), ("sans-serif", 18).into_font().color(&BLACK))).map_err(|e| e.to_string())?;
        let mut y = l.attribution_y;
        for line in wrap(&scene.attribution, (w as usize / 6).max(40)).into_iter().take(4) {
            root.draw(&Text::new(line, (10, y), ("sans-serif", 10).into_font().color(&RGBColor(0x50, 0x5a, 0x5f))))
                .map_err(|e| e.to_string())?;
            y += 12;
        }
    }
    root.present().map_err(|e| e.to_string())?;
    Ok(text)
}

fn wrap(s: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in s.split_whitespace() {
        if !cur.is_empty() && cur.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

/// Renders the scene to a PNG file of `width` x `height`.
pub fn png(scene: &Scene, path: &std::path::Path, width: u32, height: u32) -> Result<bool, Box<dyn std::error::Error>> {
    let root = BitMapBackend::new(path, (width, height)).into_drawing_area();
    draw_export(root, scene)
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The scene as a standalone SVG document: one even-odd path per area (with its name as a
/// `<title>`), the legend, title and attribution as real text.
///
/// ```
/// use needs_map::{bundle, render, scene::Scene};
/// let atlas = bundle::from_json(include_str!("../../tests/fixtures/hole_and_enclave.json")).unwrap();
/// let scene = Scene::build(&atlas, "value", &render::view_for(600, 400), None).unwrap();
/// let svg = render::svg(&scene, 600, 400);
/// assert_eq!(svg.matches("fill-rule=\"evenodd\"").count(), 2);
/// ```
pub fn svg(scene: &Scene, width: u32, height: u32) -> String {
    use std::fmt::Write;
    let l = layout(width, height);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-labelledby="t">"#
    );
    let _ = write!(s, r##"<title id="t">{}</title><rect width="100%" height="100%" fill="#ffffff"/>"##, esc(&scene.title));
    let _ = write!(
        s,
        r#"<g transform="translate({},{})" stroke="{}" stroke-width="0.75" stroke-linejoin="round">"#,
        l.map_origin.0,
        l.map_origin.1,
        BORDER.hex()
    );
    for sh in &scene.shapes {
        let mut d = String::new();
        for r in &sh.rings {
            for (i, p) in r.iter().enumerate() {
                let _ = write!(d, "{}{:.1} {:.1}", if i == 0 { "M" } else { "L" }, p[0], p[1]);
            }
            d.push('Z');
        }
        let _ = write!(
            s,
            r#"<path data-code="{}" fill="{}" fill-rule="evenodd" d="{d}"><title>{}</title></path>"#,
            esc(&sh.code),
            sh.fill.hex(),
            esc(&sh.name)
        );
    }
    s.push_str("</g>");
    let _ = write!(s, r#"<text x="10" y="26" font-family="sans-serif" font-size="18">{}</text>"#, esc(&scene.title));
    let (lx, mut ly) = l.legend_origin;
    for e in &scene.legend.entries {
        let _ = write!(
            s,
            r#"<rect x="{lx}" y="{ly}" width="22" height="16" fill="{}" stroke="{}"/><text x="{}" y="{}" font-family="sans-serif" font-size="13">{} ({})</text>"#,
            e.color.hex(),
            BORDER.hex(),
            lx + 30,
            ly + 13,
            esc(&e.label),
            e.count
        );
        ly += 22;
    }
    let mut y = l.attribution_y + 10;
    for line in wrap(&scene.attribution, (width as usize / 6).max(40)).into_iter().take(4) {
        let _ = write!(s, r##"<text x="10" y="{y}" font-family="sans-serif" font-size="10" fill="#505a5f">{}</text>"##, esc(&line));
        y += 12;
    }
    s.push_str("</svg>\n");
    s
}
