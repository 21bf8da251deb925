//! What the interactive map draws over its raster picture, smooth at any zoom: the areas
//! themselves when the map is drawn as paths (a council's few thousand points, no raster),
//! the borders (while there are few enough points to stroke within a frame), the selected
//! area, the areas' names, the services shown, and the keyboard's focus in the GOV.UK focus
//! style.

use crate::draw::painter::{Fill, Painter, Rings};
use crate::draw::picture::{Symbol, INK};
use crate::draw::symbol;
use crate::place::label::{Placed, FONT};
use crate::scene::Shape;
use crate::style::palette::{Rgb, BORDER};

/// The GOV.UK focus colour, with a black edge: visible on every class colour.
pub const FOCUS: Rgb = Rgb(0xff, 0xdd, 0x00);

/// Areas picked to be made one: the GOV.UK blue (listed in words beside the map as well).
pub const PICKED: Rgb = Rgb(0x1d, 0x70, 0xb8);

/// Areas like the selected one: the GOV.UK purple (listed as buttons beside the map as well).
pub const ALIKE: Rgb = Rgb(0x4c, 0x2c, 0x92);

/// The parts of an overlay, in the map's CSS pixels.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overlay<'a> {
    /// The areas, filled, when there is no raster picture under the overlay.
    pub fills: Vec<&'a Shape>,
    pub borders: Option<Vec<&'a [[f32; 2]]>>,
    /// Which placing of the areas the borders are (see [`Painter::stroke_kept`]).
    pub placed: u64,
    pub selected: Vec<Vec<[f32; 2]>>,
    /// The outlines of the areas of one's own on the shown layer (each one shape).
    pub own: Vec<Vec<[f32; 2]>>,
    /// The areas picked to be made one.
    pub picked: Vec<Vec<[f32; 2]>>,
    /// The areas shown as like the selected one.
    pub alike: Vec<Vec<[f32; 2]>>,
    /// The areas' names that fit (see `place::label::place`).
    pub labels: Vec<Placed>,
    pub services: Vec<Symbol>,
    /// A highlighted service, ringed.
    pub ringed: Option<[f32; 2]>,
    pub focus: Vec<Vec<[f32; 2]>>,
}

fn slices(rings: &[Vec<[f32; 2]>]) -> Vec<&[[f32; 2]]> {
    rings.iter().map(Vec::as_slice).collect()
}

/// A focus ring round `rings`: yellow, with a black line inside it.
pub fn focus_ring<P: Painter + ?Sized>(p: &mut P, rings: &Rings) {
    p.stroke(rings, FOCUS, 5.0);
    p.stroke(rings, INK, 2.0);
}

/// Writes the areas' names placed, in ink on a white halo: the map's, the PNG's and the SVG's.
pub fn names<P: Painter + ?Sized>(p: &mut P, placed: &[Placed]) {
    for n in placed {
        for (at, line) in n.lines_at() {
            p.halo_text(at, line, FONT, INK, Rgb(0xff, 0xff, 0xff));
        }
    }
}

/// Draws the overlay.
pub fn draw<P: Painter + ?Sized>(p: &mut P, o: &Overlay) {
    for s in &o.fills {
        p.fill(&slices(&s.rings), Fill { colour: s.fill, pattern: s.pattern, area: None });
    }
    if let Some(b) = &o.borders {
        p.stroke_kept(o.placed, b, BORDER, 0.75);
    }
    if !o.picked.is_empty() {
        p.stroke(&slices(&o.picked), PICKED, 4.0);
    }
    if !o.alike.is_empty() {
        p.stroke(&slices(&o.alike), ALIKE, 3.0);
    }
    if !o.own.is_empty() {
        // A light casing under a dark line: one shape on every class colour.
        p.stroke(&slices(&o.own), Rgb(0xff, 0xff, 0xff), 6.0);
        p.stroke(&slices(&o.own), INK, 2.5);
    }
    if !o.selected.is_empty() {
        p.stroke(&slices(&o.selected), INK, 3.0);
    }
    names(p, &o.labels);
    for s in &o.services {
        symbol::draw(p, &s.shape, s.at, s.colour);
    }
    if let Some(at) = o.ringed {
        focus_ring(p, &[&symbol::ring(at)]);
    }
    if !o.focus.is_empty() {
        focus_ring(p, &slices(&o.focus));
    }
}
