//! The PNG painter: pixels in memory, encoded as PNG. Areas are filled by the scanline the
//! browser's raster uses (pixel centres, even-odd), so the command line's picture and the
//! widget's agree pixel for pixel inside areas; text is drawn from DejaVu Sans with
//! ab_glyph, each glyph placed on the line's baseline.

use crate::draw::painter::{Fill, Font, Frame, Painter, Rings};
use crate::draw::raster::spans;
use crate::style::palette::Rgb;
use crate::style::pattern::{Pattern, INK, STEP};
use ab_glyph::{point, Font as _, FontRef, PxScale, ScaleFont};
use std::sync::OnceLock;

/// The fonts text is drawn with, read once from the system (Debian's fonts-dejavu-core).
struct Fonts {
    regular: FontRef<'static>,
    bold: FontRef<'static>,
}

fn fonts() -> Option<&'static Fonts> {
    static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let read = |name: &str| {
                ["/usr/share/fonts/truetype/dejavu/", "/usr/share/fonts/dejavu/", "/usr/share/fonts/TTF/"].iter().find_map(|dir| {
                    let bytes: &'static [u8] = Box::leak(std::fs::read(format!("{dir}{name}")).ok()?.into_boxed_slice());
                    FontRef::try_from_slice(bytes).ok()
                })
            };
            let regular = read("DejaVuSans.ttf")?;
            let bold = read("DejaVuSans-Bold.ttf").unwrap_or_else(|| regular.clone());
            Some(Fonts { regular, bold })
        })
        .as_ref()
}

/// Paints into RGBA pixels at `scale` device pixels per CSS pixel.
///
/// ```
/// use needs_map::draw::{painter::{Fill, Painter}, png::PngPainter};
/// use needs_map::style::palette::Rgb;
/// let mut p = PngPainter::new(10, 10, 1.0);
/// p.fill(&[&[[2.0, 2.0], [6.0, 2.0], [6.0, 6.0], [2.0, 6.0]]], Fill::solid(Rgb(255, 0, 0)));
/// assert_eq!(p.pixel(3, 3), Rgb(255, 0, 0));
/// assert_eq!(p.pixel(7, 7), Rgb(255, 255, 255));
/// ```
pub struct PngPainter {
    width: usize,
    height: usize,
    scale: f32,
    px: Vec<[u8; 3]>,
    /// Offset and clip in device pixels: `[x0, y0, x1, y1)`.
    clip: [i32; 4],
    origin: [f32; 2],
    /// Whether any text could not be drawn for want of a font.
    pub missing_font: bool,
}

impl PngPainter {
    /// A white picture of `width` x `height` CSS pixels.
    pub fn new(width: u32, height: u32, scale: f32) -> PngPainter {
        let (w, h) = ((width as f32 * scale).round() as usize, (height as f32 * scale).round() as usize);
        PngPainter {
            width: w,
            height: h,
            scale,
            px: vec![[0xff; 3]; w * h],
            clip: [0, 0, w as i32, h as i32],
            origin: [0.0, 0.0],
            missing_font: false,
        }
    }

    /// The colour of a device pixel.
    pub fn pixel(&self, x: usize, y: usize) -> Rgb {
        let [r, g, b] = self.px[y * self.width + x];
        Rgb(r, g, b)
    }

    /// The picture as a PNG file's bytes.
    pub fn encode(&self) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        let mut enc = png::Encoder::new(&mut out, self.width as u32, self.height as u32);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let mut w = enc.write_header().map_err(|e| e.to_string())?;
        w.write_image_data(self.px.as_flattened()).map_err(|e| e.to_string())?;
        w.finish().map_err(|e| e.to_string())?;
        Ok(out)
    }

    /// Blends `colour` over a device pixel with `alpha` coverage, inside the clip.
    fn put(&mut self, x: i32, y: i32, colour: Rgb, alpha: f32) {
        let c = self.clip;
        if x < c[0] || y < c[1] || x >= c[2] || y >= c[3] {
            return;
        }
        let p = &mut self.px[y as usize * self.width + x as usize];
        if alpha >= 1.0 {
            *p = [colour.0, colour.1, colour.2];
        } else if alpha > 0.0 {
            let mix = |a: u8, b: u8| (a as f32 * (1.0 - alpha) + b as f32 * alpha).round() as u8;
            *p = [mix(p[0], colour.0), mix(p[1], colour.1), mix(p[2], colour.2)];
        }
    }

    /// Device pixels whose centres lie inside `rings` (even-odd), in the clip.
    fn spans_of(&self, rings: &[Vec<[f32; 2]>], mut each: impl FnMut(i32, i32, i32)) {
        let c = self.clip;
        let (ox, oy) = (c[0], c[1]);
        // Rings moved to the clip's corner, so that the scanline's own clip is the frame's.
        let moved: Vec<Vec<[f32; 2]>> =
            rings.iter().map(|r| r.iter().map(|p| [p[0] - ox as f32 / self.scale, p[1] - oy as f32 / self.scale]).collect()).collect();
        spans(&moved, self.scale, c[2] - ox, c[3] - oy, &mut |y, a, b| each(y + oy, a + ox, b + ox));
    }

    /// Rings in device-independent pixels of the picture (the frame's origin added).
    fn placed(&self, rings: &Rings) -> Vec<Vec<[f32; 2]>> {
        rings.iter().map(|r| r.iter().map(|p| [p[0] + self.origin[0], p[1] + self.origin[1]]).collect()).collect()
    }
}

impl Painter for PngPainter {
    fn fill(&mut self, rings: &Rings, fill: Fill) {
        let rings = self.placed(rings);
        let mut runs = Vec::new();
        self.spans_of(&rings, |y, a, b| runs.push((y, a, b)));
        let step = (STEP as f32 * self.scale).round().max(2.0) as i32;
        for &(y, a, b) in &runs {
            for x in a..b {
                let ink = fill.pattern != Pattern::None && fill.pattern.inks(x, y, step);
                self.put(x, y, if ink { INK } else { fill.colour }, 1.0);
            }
        }
    }

    fn stroke(&mut self, rings: &Rings, colour: Rgb, width: f32) {
        let w = width * self.scale;
        for r in self.placed(rings) {
            for (i, a) in r.iter().enumerate() {
                let b = r[(i + 1) % r.len()];
                let (a, b) = ([a[0] * self.scale, a[1] * self.scale], [b[0] * self.scale, b[1] * self.scale]);
                if w <= 1.5 {
                    // A one-pixel line: every pixel it passes, stepping along the longer axis.
                    let n = (b[0] - a[0]).abs().max((b[1] - a[1]).abs()).ceil().max(1.0) as i32;
                    for k in 0..=n {
                        let t = k as f32 / n as f32;
                        let (x, y) = (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t);
                        self.put(x.floor() as i32, y.floor() as i32, colour, 1.0);
                    }
                } else {
                    // A wide line: the segment as a quad, and a square on each joint.
                    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
                    let len = dx.hypot(dy).max(1e-6);
                    let (nx, ny) = (-dy / len * w / 2.0, dx / len * w / 2.0);
                    let h = w / 2.0;
                    let quad = [[a[0] + nx, a[1] + ny], [b[0] + nx, b[1] + ny], [b[0] - nx, b[1] - ny], [a[0] - nx, a[1] - ny]];
                    let joint = [[a[0] - h, a[1] - h], [a[0] + h, a[1] - h], [a[0] + h, a[1] + h], [a[0] - h, a[1] + h]];
                    let mut runs = Vec::new();
                    let k = 1.0 / self.scale;
                    for shape in [quad, joint] {
                        let scaled = vec![shape.iter().map(|p| [p[0] * k, p[1] * k]).collect::<Vec<_>>()];
                        self.spans_of(&scaled, |y, a, b| runs.push((y, a, b)));
                    }
                    for (y, a, b) in runs {
                        for x in a..b {
                            self.put(x, y, colour, 1.0);
                        }
                    }
                }
            }
        }
    }

    fn text(&mut self, at: [f32; 2], text: &str, font: Font, colour: Rgb) {
        let Some(fonts) = fonts() else {
            self.missing_font = true;
            return;
        };
        let face = if font.bold { &fonts.bold } else { &fonts.regular };
        let scaled = face.as_scaled(PxScale::from(font.size * self.scale));
        let (mut x, y) = ((at[0] + self.origin[0]) * self.scale, (at[1] + self.origin[1]) * self.scale);
        let mut previous = None;
        for c in text.chars() {
            let id = scaled.glyph_id(c);
            if let Some(p) = previous {
                x += scaled.kern(p, id);
            }
            previous = Some(id);
            // Every glyph on the same baseline: its outline's pixel box comes from its
            // position, so a decimal point sits on the line with the digits.
            let glyph = id.with_scale_and_position(scaled.scale(), point(x, y));
            if let Some(outline) = face.outline_glyph(glyph) {
                let b = outline.px_bounds();
                let mut dots = Vec::new();
                outline.draw(|gx, gy, cover| dots.push((b.min.x as i32 + gx as i32, b.min.y as i32 + gy as i32, cover)));
                for (px, py, cover) in dots {
                    self.put(px, py, colour, cover.min(1.0));
                }
            }
            x += scaled.h_advance(id);
        }
    }

    fn frame(&mut self, frame: Option<Frame>) {
        let s = self.scale;
        match frame {
            Some(f) => {
                self.origin = f.origin;
                let x0 = (f.origin[0] * s).round() as i32;
                let y0 = (f.origin[1] * s).round() as i32;
                let x1 = ((f.origin[0] + f.size[0]) * s).round() as i32;
                let y1 = ((f.origin[1] + f.size[1]) * s).round() as i32;
                self.clip = [x0.max(0), y0.max(0), x1.min(self.width as i32), y1.min(self.height as i32)];
            }
            None => {
                self.origin = [0.0, 0.0];
                self.clip = [0, 0, self.width as i32, self.height as i32];
            }
        }
    }
}

/// Draws `picture` to a PNG file of `width` x `height`. Text needs DejaVu Sans; without it
/// the picture has no words and `Ok(false)` lets the caller say so.
pub fn write(picture: &crate::draw::picture::Picture, path: &std::path::Path, width: u32, height: u32) -> Result<bool, String> {
    let mut p = PngPainter::new(width, height, 1.0);
    crate::draw::picture::draw(&mut p, picture, width, height);
    std::fs::write(path, p.encode()?).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(!p.missing_font)
}
