//! Drawing a [`Scene`] natively: PNG through plotters, SVG as text.
//!
//! plotters fills polygons without holes, so areas are filled here with an even-odd
//! scanline written against `DrawingBackend`: any plotters backend gets holes and enclaves
//! right. The SVG writer emits `fill-rule="evenodd"` paths from the same scene, and the
//! browser's canvas does the same with `Path2D` (see `web.rs`).

pub use crate::draw::export::{layout, svg, view_for, Layout};
use crate::scene::{Pattern, Scene};
use crate::style::palette::{Rgb, BORDER};
use plotters::prelude::*;
use plotters_backend::{BackendColor, BackendStyle, DrawingBackend, DrawingErrorKind};

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
    fill_spans(db, rings, offset, fill, Pattern::None)
}

/// Fills the rings (or only the pattern's ink, on the same grid as canvas and SVG) by pixel
/// centres, with the scanline the browser's raster uses.
fn fill_spans<DB: DrawingBackend>(
    db: &mut DB,
    rings: &[Vec<[f32; 2]>],
    offset: (i32, i32),
    fill: Rgb,
    pattern: Pattern,
) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
    let (w, h) = db.get_size();
    let mut runs = Vec::new();
    crate::draw::raster::spans(rings, 1.0, w as i32 - offset.0, h as i32 - offset.1, &mut |y, a, b| runs.push((y, a, b)));
    let style = Solid(fill, 1);
    let step = crate::draw::export::PATTERN_STEP as i32;
    for (y, a, b) in runs {
        if pattern != Pattern::None {
            for x in (a..b).filter(|&x| pattern.inks(x, y, step)) {
                db.draw_pixel((x + offset.0, y + offset.1), style.color())?;
            }
        } else {
            db.draw_line((a + offset.0, y + offset.1), (b - 1 + offset.0, y + offset.1), &style)?;
        }
    }
    Ok(())
}

/// Paints the scene's areas, borders and selection at `offset`.
pub fn draw_map<DB: DrawingBackend>(db: &mut DB, scene: &Scene, offset: (i32, i32)) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
    for s in &scene.shapes {
        fill_evenodd(db, &s.rings, offset, s.fill)?;
        if s.pattern != Pattern::None {
            fill_spans(db, &s.rings, offset, crate::draw::export::PATTERN_INK, s.pattern)?;
        }
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

/// A legend swatch's pattern, as a plotters element.
struct Swatch {
    rings: Vec<Vec<[f32; 2]>>,
    pattern: Pattern,
    at: (i32, i32),
}

impl<'b> plotters::element::PointCollection<'b, (i32, i32)> for &'b Swatch {
    type Point = &'b (i32, i32);
    type IntoIter = std::iter::Once<&'b (i32, i32)>;
    fn point_iter(self) -> Self::IntoIter {
        std::iter::once(&self.at)
    }
}

impl<DB: DrawingBackend> plotters::element::Drawable<DB> for Swatch {
    fn draw<I: Iterator<Item = (i32, i32)>>(
        &self,
        mut pos: I,
        backend: &mut DB,
        _: (u32, u32),
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        let origin = pos.next().unwrap_or(self.at);
        fill_spans(backend, &self.rings, origin, crate::draw::export::PATTERN_INK, self.pattern)
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
        if e.pattern != Pattern::None {
            let swatch = vec![vec![[0.0, 0.0], [22.0, 0.0], [22.0, 16.0], [0.0, 16.0]]];
            root.draw(&Swatch { rings: swatch, pattern: e.pattern, at: (lx, ly) }).map_err(|e| e.to_string())?;
        }
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
        for line in crate::draw::export::footer(scene, w) {
            root.draw(&Text::new(line, (10, y), ("sans-serif", 10).into_font().color(&RGBColor(0x50, 0x5a, 0x5f))))
                .map_err(|e| e.to_string())?;
            y += 12;
        }
    }
    root.present().map_err(|e| e.to_string())?;
    Ok(text)
}

/// Renders the scene to a PNG file of `width` x `height`.
pub fn png(scene: &Scene, path: &std::path::Path, width: u32, height: u32) -> Result<bool, Box<dyn std::error::Error>> {
    let root = BitMapBackend::new(path, (width, height)).into_drawing_area();
    draw_export(root, scene)
}
