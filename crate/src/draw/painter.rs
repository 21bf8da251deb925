//! The few primitives a picture is drawn with. The layout ([`picture`](super::picture))
//! and the map's overlays ([`overlay`](super::overlay)) are written once against this
//! trait; each backend (SVG text, a PNG's pixels, the browser's canvas, a recorder for
//! tests) implements it, as plotters' `DrawingBackend` or d3-geo's stream sinks do.

use crate::style::palette::Rgb;
use crate::style::pattern::Pattern;

/// Rings in pixels, each closed (its last point joins its first).
pub type Rings<'a> = [&'a [[f32; 2]]];

/// A font size in pixels, and its weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Font {
    pub size: f32,
    pub bold: bool,
}

impl Font {
    pub const fn regular(size: f32) -> Font {
        Font { size, bold: false }
    }
    pub const fn bold(size: f32) -> Font {
        Font { size, bold: true }
    }
}

/// How an area (or a swatch, or a symbol) is filled: a colour, a pattern's ink over it,
/// and for areas the code and name a vector backend keeps with the shape.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fill<'a> {
    pub colour: Rgb,
    pub pattern: Pattern,
    /// The area's code and name, or `None` for what is not an area.
    pub area: Option<(&'a str, &'a str)>,
}

impl Fill<'_> {
    /// A plain colour.
    pub const fn solid(colour: Rgb) -> Fill<'static> {
        Fill { colour, pattern: Pattern::None, area: None }
    }
}

/// A part of the picture: later coordinates are relative to `origin`, and nothing is drawn
/// outside `size` from it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub origin: [f32; 2],
    pub size: [f32; 2],
}

/// What every backend draws with. Coordinates are CSS pixels from the picture's top left
/// (or the current [`Frame`]'s).
///
/// ```
/// use needs_map::draw::painter::{Fill, Font, Painter};
/// use needs_map::draw::record::{Call, Recorder};
/// use needs_map::style::palette::Rgb;
/// let mut r = Recorder::default();
/// r.fill(&[&[[0.0, 0.0], [4.0, 0.0], [4.0, 4.0]]], Fill::solid(Rgb(255, 0, 0)));
/// r.text([10.0, 20.0], "Coventry", Font::regular(13.0), Rgb(0, 0, 0));
/// assert_eq!(r.texts(), vec!["Coventry"]);
/// assert!(matches!(r.calls[0], Call::Fill { points: 3, .. }));
/// ```
pub trait Painter {
    /// Fills `rings` by the even-odd rule (holes stay open, enclaves are their own).
    fn fill(&mut self, rings: &Rings, fill: Fill);
    /// Strokes each ring, closed, `width` pixels wide with round joins.
    fn stroke(&mut self, rings: &Rings, colour: Rgb, width: f32);
    /// Strokes rings that are the same whenever `key` is (a layer's borders, placed once
    /// per view): a painter that builds paths may keep the one it made for the next frame.
    fn stroke_kept(&mut self, key: u64, rings: &Rings, colour: Rgb, width: f32) {
        let _ = key;
        self.stroke(rings, colour, width);
    }
    /// Writes `text` with the left end of its baseline at `at`. Text from data is text in
    /// every backend: never markup.
    fn text(&mut self, at: [f32; 2], text: &str, font: Font, colour: Rgb);
    /// Writes `text` as [`text`](Self::text) does, on a halo of `halo` about 1.5 pixels wide
    /// (names over the map, legible on every class colour). By default, the text in the halo's
    /// colour at eight offsets under it; painters with a stroke for text use that.
    fn halo_text(&mut self, at: [f32; 2], text: &str, font: Font, colour: Rgb, halo: Rgb) {
        for (dx, dy) in [(-1.5, 0.0), (1.5, 0.0), (0.0, -1.5), (0.0, 1.5), (-1.0, -1.0), (1.0, -1.0), (-1.0, 1.0), (1.0, 1.0)] {
            self.text([at[0] + dx, at[1] + dy], text, font, halo);
        }
        self.text(at, text, font, colour);
    }
    /// Draws what follows inside `frame` (`None`: the whole picture again).
    fn frame(&mut self, frame: Option<Frame>);
}

/// A rectangle as one ring.
pub fn rect(x: f32, y: f32, w: f32, h: f32) -> [[f32; 2]; 4] {
    [[x, y], [x + w, y], [x + w, y + h], [x, y + h]]
}
