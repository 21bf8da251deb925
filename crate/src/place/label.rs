//! Names on the map: a point inside each area with room for a line of text, and which names
//! fit a view, none over another. The canvas, the PNG and the SVG are given the same
//! placing, measured with one table of text widths ([`text_width`]), so a name that fits one
//! fits all.

use crate::draw::painter::Font;
use crate::place::mesh::{Affine, Mesh};

/// The names' font: bold, so that they read over every class colour with their halo.
pub const FONT: Font = Font::bold(12.0);

/// From one line's baseline to the next, in pixels.
const LINE: f32 = 14.0;

/// Space kept clear round a name (its halo and a little air), in pixels.
const PAD: f32 = 2.0;

/// Advance widths of DejaVu Sans Bold (the widest of the usual sans-serif faces, and the one
/// the PNG is drawn in) for the characters from space to `~`, in hundredths of an em,
/// rounded up. Read from the font by `tests/native/labels.rs`, which checks them.
pub const WIDTHS: [u8; 95] = [
    35, 46, 53, 84, 70, 101, 88, 31, 46, 46, 53, 84, 38, 42, 38, 37, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 40, 40, 84, 84, 84, 59, 100,
    78, 77, 74, 84, 69, 69, 83, 84, 38, 38, 78, 64, 100, 84, 86, 74, 86, 78, 73, 69, 82, 78, 111, 78, 73, 73, 46, 37, 46, 84, 50, 50, 68,
    72, 60, 72, 68, 44, 72, 72, 35, 35, 67, 35, 105, 72, 69, 72, 72, 50, 60, 48, 72, 66, 93, 65, 66, 59, 72, 37, 72, 84,
];

/// The width of `text` in pixels at `font`'s size (bold widths: an upper bound for regular
/// text). A character past `~` counts as the widest, `W`.
///
/// ```
/// use needs_map::{draw::painter::Font, place::label::text_width};
/// assert!((text_width("Foleshill", Font::bold(12.0)) - 57.36).abs() < 1e-3); // 4.78 em
/// ```
pub fn text_width(text: &str, font: Font) -> f32 {
    let hundredths: u32 = text.chars().map(|c| WIDTHS.get((c as usize).wrapping_sub(32)).map_or(111, |&w| w as u32)).sum();
    hundredths as f32 * font.size / 100.0
}

/// Where an area's name goes: a point inside the area, and the length of the run of the area
/// through it, left to right (the room a name has there).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Anchor {
    pub at: [f32; 2],
    pub room: f32,
}

/// The anchor of an area whose rings are flat `x, y` runs (any units, either way up): of five
/// lines across the middle of its box, the longest run inside the area (every ring counted,
/// so holes are outside), at its middle. `None` for an area with no inside.
///
/// ```
/// use needs_map::place::label::anchor;
/// // An L: the long run is along its foot, not up its narrow stem.
/// let l = [0.0, 0.0, 10.0, 0.0, 10.0, 4.0, 2.0, 4.0, 2.0, 10.0, 0.0, 10.0];
/// let a = anchor([&l[..]].into_iter()).unwrap();
/// assert_eq!((a.at, a.room), ([5.0, 3.0], 10.0));
/// ```
pub fn anchor<'a>(rings: impl Iterator<Item = &'a [f32]> + Clone) -> Option<Anchor> {
    let (mut lo, mut hi) = (f32::INFINITY, f32::NEG_INFINITY);
    for r in rings.clone() {
        for p in r.chunks_exact(2) {
            (lo, hi) = (lo.min(p[1]), hi.max(p[1]));
        }
    }
    let mut best: Option<Anchor> = None;
    // f64s sorted by `total_cmp`, as the scene sorts its class widths: one sort in the module.
    let mut xs: Vec<f64> = Vec::new();
    // The middle line first, so that a tie keeps the name central.
    for f in [0.5, 0.4, 0.6, 0.3, 0.7] {
        let y = lo + (hi - lo) * f;
        xs.clear();
        for r in rings.clone() {
            let n = r.len() / 2;
            for i in 0..n {
                let j = (i + 1) % n;
                let (x0, y0, x1, y1) = (r[2 * i], r[2 * i + 1], r[2 * j], r[2 * j + 1]);
                if (y0 <= y) != (y1 <= y) {
                    xs.push((x0 + (y - y0) / (y1 - y0) * (x1 - x0)) as f64);
                }
            }
        }
        xs.sort_unstable_by(f64::total_cmp);
        for run in xs.chunks_exact(2) {
            let room = (run[1] - run[0]) as f32;
            if best.is_none_or(|b| room > b.room) {
                best = Some(Anchor { at: [((run[0] + run[1]) / 2.0) as f32, y], room });
            }
        }
    }
    best
}

impl Anchor {
    /// The anchor moved by `t` (mesh units to pixels, say), its room scaled with it.
    pub fn by(&self, t: &Affine) -> Anchor {
        Anchor { at: t.apply(&self.at), room: self.room * t.sx.abs() }
    }
}

/// The anchor of each area of `mesh`, in its units (see [`anchor`]).
pub fn anchors(mesh: &Mesh) -> Vec<Option<Anchor>> {
    (0..mesh.area_count()).map(|a| anchor(mesh.rings(a))).collect()
}

/// A name placed: its lines, the middle of its box and the box's size, in pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// The area's index in its layer.
    pub area: usize,
    pub lines: Vec<String>,
    pub at: [f32; 2],
    pub size: [f32; 2],
}

impl Placed {
    /// `[left, top, right, bottom]` of the box, padding included.
    pub fn bounds(&self) -> [f32; 4] {
        let [w, h] = self.size;
        [self.at[0] - w / 2.0, self.at[1] - h / 2.0, self.at[0] + w / 2.0, self.at[1] + h / 2.0]
    }

    /// Each line's baseline start, as a painter writes text (left, baseline).
    pub fn lines_at(&self) -> impl Iterator<Item = ([f32; 2], &str)> {
        let top = self.at[1] - self.lines.len() as f32 * LINE / 2.0;
        self.lines.iter().enumerate().map(move |(i, l)| {
            let x = self.at[0] - text_width(l, FONT) / 2.0;
            // A bold 12 px line's baseline sits about four fifths down its 14 px.
            ([x, top + i as f32 * LINE + 11.0], l.as_str())
        })
    }
}

/// The name in one line if it has room there, or else in two, broken at the space nearest
/// its middle; `None` if neither fits `room`.
fn lines(name: &str, room: f32) -> Option<Vec<String>> {
    let fits = |t: &str| text_width(t, FONT) + 2.0 * PAD <= room;
    if fits(name) {
        return Some(vec![name.to_string()]);
    }
    let middle = name.len() / 2;
    let at = name.match_indices(' ').map(|(i, _)| i).min_by_key(|&i| i.abs_diff(middle))?;
    let (a, b) = (&name[..at], &name[at + 1..]);
    (fits(a) && fits(b)).then(|| vec![a.to_string(), b.to_string()])
}

/// Which names to draw in a view `size` pixels wide and high: each area's name (`names`,
/// in the layer's order) at its anchor (in the view's pixels) where it has the room, inside
/// the view, clear of the boxes `covered` (the page's controls over the map) and of every
/// name placed before it; the areas with the most room first, so zooming in adds names and
/// never moves one.
///
/// ```
/// use needs_map::place::label::{place, Anchor};
/// let names = ["Foleshill", "Radford"];
/// let a = [Some(Anchor { at: [100.0, 100.0], room: 120.0 }), Some(Anchor { at: [110.0, 104.0], room: 90.0 })];
/// let placed = place(&names, &a, [400.0, 300.0], &[]);
/// assert_eq!(placed.len(), 1); // Radford would lie over Foleshill
/// assert_eq!(placed[0].lines, ["Foleshill"]);
/// ```
pub fn place<S: AsRef<str>>(names: &[S], anchors: &[Option<Anchor>], size: [f32; 2], covered: &[[f32; 4]]) -> Vec<Placed> {
    let mut placed: Vec<Placed> = Vec::new();
    for i in by_room(anchors) {
        let Some(a) = anchors[i] else { continue };
        let Some(name) = names.get(i).map(AsRef::as_ref) else { continue };
        let Some(lines) = lines(name, a.room) else { continue };
        let w = lines.iter().map(|l| text_width(l, FONT)).fold(0.0, f32::max) + 2.0 * PAD;
        let p = Placed { area: i, at: a.at, size: [w, lines.len() as f32 * LINE + 2.0 * PAD], lines };
        let [l, t, r, b] = p.bounds();
        let inside = l >= 0.0 && t >= 0.0 && r <= size[0] && b <= size[1];
        let clear = |q: &[f32; 4]| !overlap(q, &[l, t, r, b]);
        if inside && covered.iter().all(clear) && placed.iter().all(|q| clear(&q.bounds())) {
            placed.push(p);
        }
    }
    placed
}

/// The areas with an anchor, the most room first (ties: the later area first). Sorted as f64
/// keys that carry the area's index in the low bits an f32's room leaves zero in an f64: the
/// sort the module has already (one of its own would add 4 KB to the first download).
fn by_room(anchors: &[Option<Anchor>]) -> Vec<usize> {
    const INDEX: u64 = (1 << 29) - 1;
    let mut keys: Vec<f64> = anchors
        .iter()
        .enumerate()
        .filter_map(|(i, a)| Some(f64::from_bits((a.as_ref()?.room.max(0.0) as f64).to_bits() | (i as u64 & INDEX))))
        .collect();
    keys.sort_unstable_by(f64::total_cmp);
    keys.iter().rev().map(|k| (k.to_bits() & INDEX) as usize).collect()
}

/// Whether two boxes `[left, top, right, bottom]` share any area.
pub fn overlap(a: &[f32; 4], b: &[f32; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}
