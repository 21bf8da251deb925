//! The canvas painter: the browser's 2D context behind the [`Painter`] every picture is
//! drawn with. Fills are even-odd paths; a pattern is its tile's marks drawn inside the
//! filled path; text is canvas text on its baseline.

use crate::draw::painter::{Fill, Font, Frame, Painter, Rings};
use crate::style::palette::Rgb;
use crate::style::pattern::{Mark, Pattern, INK, STEP};
use web_sys::{CanvasRenderingContext2d, CanvasWindingRule, Path2d};

/// Draws on a 2D context whose transform maps CSS pixels to the canvas (set by the caller).
pub struct CanvasPainter<'a> {
    pub ctx: &'a CanvasRenderingContext2d,
    framed: bool,
    /// The last kept path and its key (see `Painter::stroke_kept`), owned by the caller so
    /// that it outlives one frame.
    kept: Option<&'a mut Option<(u64, Path2d)>>,
}

impl<'a> CanvasPainter<'a> {
    pub fn new(ctx: &'a CanvasRenderingContext2d) -> CanvasPainter<'a> {
        ctx.set_line_join("round");
        ctx.set_text_baseline("alphabetic");
        CanvasPainter { ctx, framed: false, kept: None }
    }

    /// A painter that keeps the path of kept strokes in `kept` from frame to frame: a
    /// layer's borders are built into a path once per placing, not on every redraw.
    pub fn keeping(ctx: &'a CanvasRenderingContext2d, kept: &'a mut Option<(u64, Path2d)>) -> CanvasPainter<'a> {
        CanvasPainter { kept: Some(kept), ..CanvasPainter::new(ctx) }
    }
}

/// One canvas path of many rings, built point by point (cheaper than formatting SVG text).
fn path(rings: &Rings) -> Option<Path2d> {
    let p = Path2d::new().ok()?;
    for r in rings {
        for (i, q) in r.iter().enumerate() {
            if i == 0 {
                p.move_to(q[0] as f64, q[1] as f64);
            } else {
                p.line_to(q[0] as f64, q[1] as f64);
            }
        }
        p.close_path();
    }
    Some(p)
}

impl Painter for CanvasPainter<'_> {
    fn fill(&mut self, rings: &Rings, fill: Fill) {
        let Some(p) = path(rings) else { return };
        let ctx = self.ctx;
        ctx.set_fill_style_str(&fill.colour.hex());
        ctx.fill_with_path_2d_and_winding(&p, CanvasWindingRule::Evenodd);
        if fill.pattern == Pattern::None {
            return;
        }
        // The tile's marks over the area's box, inside the area.
        let mut b = [f32::INFINITY, f32::INFINITY, f32::NEG_INFINITY, f32::NEG_INFINITY];
        for q in rings.iter().flat_map(|r| r.iter()) {
            b = [b[0].min(q[0]), b[1].min(q[1]), b[2].max(q[0]), b[3].max(q[1])];
        }
        let s = STEP as f32;
        let (Ok(lines), Ok(dots)) = (Path2d::new(), Path2d::new()) else { return };
        let mut ty = (b[1] / s).floor() * s;
        while ty < b[3] {
            let mut tx = (b[0] / s).floor() * s;
            while tx < b[2] {
                for m in fill.pattern.tile() {
                    match m {
                        Mark::Line { a, b } => {
                            lines.move_to((tx + a[0]) as f64, (ty + a[1]) as f64);
                            lines.line_to((tx + b[0]) as f64, (ty + b[1]) as f64);
                        }
                        Mark::Square { at, size } => dots.rect((tx + at[0]) as f64, (ty + at[1]) as f64, size as f64, size as f64),
                    }
                }
                tx += s;
            }
            ty += s;
        }
        ctx.save();
        ctx.clip_with_path_2d_and_winding(&p, CanvasWindingRule::Evenodd);
        ctx.set_stroke_style_str(&INK.hex());
        ctx.set_line_width(1.0);
        ctx.stroke_with_path(&lines);
        ctx.set_fill_style_str(&INK.hex());
        ctx.fill_with_path_2d(&dots);
        ctx.restore();
    }

    fn stroke(&mut self, rings: &Rings, colour: Rgb, width: f32) {
        let Some(p) = path(rings) else { return };
        self.ctx.set_stroke_style_str(&colour.hex());
        self.ctx.set_line_width(width as f64);
        self.ctx.stroke_with_path(&p);
    }

    fn stroke_kept(&mut self, key: u64, rings: &Rings, colour: Rgb, width: f32) {
        let Some(kept) = self.kept.as_deref_mut() else { return self.stroke(rings, colour, width) };
        if kept.as_ref().is_none_or(|(k, _)| *k != key) {
            *kept = path(rings).map(|p| (key, p));
        }
        if let Some((_, p)) = kept {
            self.ctx.set_stroke_style_str(&colour.hex());
            self.ctx.set_line_width(width as f64);
            self.ctx.stroke_with_path(p);
        }
    }

    fn text(&mut self, at: [f32; 2], text: &str, font: Font, colour: Rgb) {
        let ctx = self.ctx;
        set_font(ctx, font);
        ctx.set_fill_style_str(&colour.hex());
        let _ = ctx.fill_text(text, at[0] as f64, at[1] as f64);
    }

    fn halo_text(&mut self, at: [f32; 2], text: &str, font: Font, colour: Rgb, halo: Rgb) {
        let ctx = self.ctx;
        set_font(ctx, font);
        ctx.set_stroke_style_str(&halo.hex());
        ctx.set_line_width(3.0);
        ctx.set_line_join("round");
        let _ = ctx.stroke_text(text, at[0] as f64, at[1] as f64);
        ctx.set_fill_style_str(&colour.hex());
        let _ = ctx.fill_text(text, at[0] as f64, at[1] as f64);
    }

    fn frame(&mut self, frame: Option<Frame>) {
        if std::mem::take(&mut self.framed) {
            self.ctx.restore();
        }
        if let Some(f) = frame {
            let ctx = self.ctx;
            ctx.save();
            let _ = ctx.translate(f.origin[0] as f64, f.origin[1] as f64);
            ctx.begin_path();
            ctx.rect(0.0, 0.0, f.size[0] as f64, f.size[1] as f64);
            ctx.clip();
            self.framed = true;
        }
    }
}

/// The canvas's font for `font` (the browser's sans-serif, as the SVG names it).
fn set_font(ctx: &CanvasRenderingContext2d, font: Font) {
    ctx.set_font(&format!("{}{}px sans-serif", if font.bold { "bold " } else { "" }, font.size.round() as u32));
}
