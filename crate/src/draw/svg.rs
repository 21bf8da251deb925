//! The SVG painter: a standalone document, every area an even-odd path carrying its code
//! and (as a `<title>`) its name, text as text. Text from data is escaped, never markup.

use crate::draw::painter::{Fill, Font, Frame, Painter, Rings};
use crate::style::palette::Rgb;
use crate::style::pattern::{Mark, Pattern, INK};
use std::fmt::Write;

/// Escapes text for XML, so names from data stay text.
pub(crate) fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Writes an SVG document; [`finish`](SvgPainter::finish) gives its text.
///
/// ```
/// use needs_map::draw::{painter::{Fill, Painter}, svg::SvgPainter};
/// use needs_map::style::palette::Rgb;
/// let mut svg = SvgPainter::new(20, 10, "A <map>", "nm");
/// svg.fill(&[&[[0.0, 0.0], [10.0, 0.0], [10.0, 10.0]]], Fill::solid(Rgb(255, 0, 0)));
/// let text = svg.finish();
/// assert!(text.contains("<title id=\"nm-t\">A &lt;map&gt;</title>"));
/// assert!(text.contains(r##"<path fill="#ff0000" fill-rule="evenodd" d="M0.0 0.0L10.0 0.0L10.0 10.0Z"/>"##));
/// ```
#[derive(Debug, Clone)]
pub struct SvgPainter {
    out: String,
    /// Prefix of the document's ids, so several inline SVGs on one page stay distinct.
    id: String,
    clips: usize,
    framed: bool,
}

impl SvgPainter {
    /// A `width` x `height` document titled `title` (empty: decorative, no title), whose
    /// ids start with `id`.
    pub fn new(width: u32, height: u32, title: &str, id: &str) -> SvgPainter {
        let mut out = String::new();
        let _ = write!(out, r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}""#);
        if title.is_empty() {
            out.push('>');
        } else {
            let _ = write!(out, r#" role="img" aria-labelledby="{id}-t"><title id="{id}-t">{}</title>"#, esc(title));
        }
        // One tile per pattern, on the grid the raster and canvas use (style::pattern).
        out.push_str("<defs>");
        for p in [Pattern::Hatch, Pattern::Cross, Pattern::Dots] {
            let _ = write!(out, r#"<pattern id="{id}-{}" width="6" height="6" patternUnits="userSpaceOnUse">"#, p.name());
            for m in p.tile() {
                match m {
                    Mark::Line { a, b } => {
                        let _ = write!(
                            out,
                            r#"<path d="M{:.1} {:.1}L{:.1} {:.1}" stroke="{}" stroke-width="1"/>"#,
                            a[0] as f64,
                            a[1] as f64,
                            b[0] as f64,
                            b[1] as f64,
                            INK.hex()
                        );
                    }
                    Mark::Square { at, size } => {
                        let _ = write!(
                            out,
                            r#"<rect x="{:.1}" y="{:.1}" width="{s:.1}" height="{s:.1}" fill="{}"/>"#,
                            at[0] as f64,
                            at[1] as f64,
                            INK.hex(),
                            s = size as f64
                        );
                    }
                }
            }
            out.push_str("</pattern>");
        }
        out.push_str("</defs>");
        SvgPainter { out, id: id.to_string(), clips: 0, framed: false }
    }

    /// The document.
    pub fn finish(mut self) -> String {
        self.frame(None);
        self.out.push_str("</svg>\n");
        self.out
    }

    fn path_data(rings: &Rings) -> String {
        let mut d = String::new();
        for r in rings {
            for (i, p) in r.iter().enumerate() {
                // As f64 (the same figures): the f32 formatter is not linked in for this alone.
                let _ = write!(d, "{}{:.1} {:.1}", if i == 0 { "M" } else { "L" }, p[0] as f64, p[1] as f64);
            }
            d.push('Z');
        }
        d
    }
}

impl SvgPainter {
    /// A `<text>` element painted by `paint` (its fill, and stroke if any); the text escaped.
    fn write_text(&mut self, at: [f32; 2], text: &str, font: Font, paint: &str) {
        let weight = if font.bold { r#" font-weight="bold""# } else { "" };
        let _ = write!(
            self.out,
            r#"<text x="{:.1}" y="{:.1}" font-family="sans-serif" font-size="{}"{weight} {paint}>{}</text>"#,
            at[0] as f64,
            at[1] as f64,
            font.size.round() as u32,
            esc(text)
        );
    }
}

impl Painter for SvgPainter {
    fn fill(&mut self, rings: &Rings, fill: Fill) {
        let d = Self::path_data(rings);
        let colour = fill.colour.hex();
        match fill.area {
            Some((code, name)) => {
                let _ = write!(
                    self.out,
                    r#"<path data-code="{}" fill="{colour}" fill-rule="evenodd" d="{d}"><title>{}</title></path>"#,
                    esc(code),
                    esc(name)
                );
            }
            None => {
                let _ = write!(self.out, r#"<path fill="{colour}" fill-rule="evenodd" d="{d}"/>"#);
            }
        }
        if fill.pattern != Pattern::None {
            let _ = write!(self.out, r#"<path fill="url(#{}-{})" fill-rule="evenodd" d="{d}"/>"#, self.id, fill.pattern.name());
        }
    }

    fn stroke(&mut self, rings: &Rings, colour: Rgb, width: f32) {
        let _ = write!(
            self.out,
            r#"<path fill="none" stroke="{}" stroke-width="{:.2}" stroke-linejoin="round" d="{}"/>"#,
            colour.hex(),
            width as f64,
            Self::path_data(rings)
        );
    }

    fn text(&mut self, at: [f32; 2], text: &str, font: Font, colour: Rgb) {
        self.write_text(at, text, font, &format!(r#"fill="{}""#, colour.hex()));
    }

    fn halo_text(&mut self, at: [f32; 2], text: &str, font: Font, colour: Rgb, halo: Rgb) {
        let paint =
            format!(r#"fill="{}" stroke="{}" stroke-width="3" stroke-linejoin="round" paint-order="stroke""#, colour.hex(), halo.hex());
        self.write_text(at, text, font, &paint);
    }

    fn frame(&mut self, frame: Option<Frame>) {
        if std::mem::take(&mut self.framed) {
            self.out.push_str("</g>");
        }
        if let Some(f) = frame {
            self.clips += 1;
            let id = format!("{}-clip{}", self.id, self.clips);
            let (x, y, w, h) = (f.origin[0] as f64, f.origin[1] as f64, f.size[0] as f64, f.size[1] as f64);
            let _ = write!(
                self.out,
                r#"<clipPath id="{id}"><rect width="{w:.1}" height="{h:.1}"/></clipPath><g transform="translate({x:.1},{y:.1})" clip-path="url(#{id})">"#
            );
            self.framed = true;
        }
    }
}
