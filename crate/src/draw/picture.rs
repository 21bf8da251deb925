//! The exported picture, laid out once: title and what the map covers, the map (fills,
//! patterns, borders, the selection, services), the legend with its heading and note, and
//! the source and attribution. Every backend draws this one layout through a
//! [`Painter`]: the SVG of `toSVG()` and `needsmap render`, the PNG of the command line, the
//! canvas of `toPNG()`. A change to the legend is one edit here.

use crate::draw::painter::{rect, Fill, Font, Frame, Painter, Rings};
use crate::draw::{overlay, symbol};
use crate::place::label::{anchors, place, Anchor};
use crate::place::mesh::{Affine, Mesh};
use crate::scene::View;
use crate::style::palette::{Rgb, BORDER};
use crate::style::pattern::Pattern;
use serde::{Deserialize, Serialize};

/// Text colour, GOV.UK black.
pub const INK: Rgb = Rgb(0x0b, 0x0c, 0x0c);
/// Secondary text (attribution, notes): 7:1 on white.
pub const GREY: Rgb = Rgb(0x50, 0x5a, 0x5f);
const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);

const TITLE_H: f32 = 48.0;
const FOOT_H: f32 = 104.0;
const LEGEND_W: f32 = 240.0;
const SWATCH: [f32; 2] = [22.0, 16.0];

/// Where the parts of a picture of a given size go.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layout {
    pub width: f32,
    pub height: f32,
    /// The map's part of the picture.
    pub map: Frame,
    pub legend: [f32; 2],
    /// The top of the footer (source and attribution).
    pub footer: f32,
}

/// The layout of a `width` x `height` picture: a title band, the map on the left, the
/// legend on the right, the source and attribution below.
///
/// ```
/// use needs_map::draw::picture::layout;
/// let l = layout(960, 720);
/// assert_eq!((l.map.origin, l.map.size), ([0.0, 48.0], [720.0, 568.0]));
/// ```
pub fn layout(width: u32, height: u32) -> Layout {
    let (w, h) = (width as f32, height as f32);
    let map = [(w - LEGEND_W).max(100.0), (h - TITLE_H - FOOT_H).max(100.0)];
    Layout {
        width: w,
        height: h,
        map: Frame { origin: [0.0, TITLE_H], size: map },
        legend: [map[0] + 8.0, TITLE_H + 8.0],
        footer: TITLE_H + map[1] + 8.0,
    }
}

/// The view a scene is built with for a picture of this size (its map's part).
pub fn view_for(width: u32, height: u32) -> View {
    let l = layout(width, height);
    View::new(l.map.size[0] as f64, l.map.size[1] as f64)
}

/// A service symbol placed on the map, in the map's pixels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Symbol {
    pub shape: String,
    pub at: [f32; 2],
    pub colour: Rgb,
}

/// One area of a picture: its code and name (an SVG keeps them with the shape), its fill
/// and its rings in the map's pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    pub code: String,
    pub name: String,
    pub fill: Rgb,
    pub pattern: Pattern,
    pub rings: Vec<Vec<[f32; 2]>>,
}

/// A legend row: its swatch and its words, "9.19 to 17.07 (4)".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Swatch {
    pub colour: Rgb,
    pub pattern: Pattern,
    pub label: String,
}

/// Everything a picture shows but the outlines: the words, the legend, each area's code,
/// name and fill, the selection, the services, and where the outlines fall (`place`: mesh
/// units to the map's pixels). Small, so that it crosses (as JSON) to the module that
/// draws exports in the browser, which has the outlines from the widget already.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sheet {
    pub title: String,
    /// "18 wards of Coventry", under the title.
    pub covers: String,
    pub codes: Vec<String>,
    pub names: Vec<String>,
    pub fills: Vec<Rgb>,
    pub patterns: Vec<Pattern>,
    pub selected: Option<usize>,
    pub services: Vec<Symbol>,
    pub legend_title: String,
    pub legend: Vec<Swatch>,
    pub legend_note: String,
    /// "Source: ..." for the indicator shown.
    pub source: String,
    pub attribution: String,
    /// `[sx, tx, sy, ty]`: mesh units to the map's pixels (see `Mesh::to_pixels`).
    pub place: [f32; 4],
    /// Whether the areas' names are drawn where they fit (as on the map).
    #[serde(default)]
    pub labels: bool,
}

/// What a picture shows, in the map's pixels: what the painters are given.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    pub sheet: Sheet,
    pub areas: Vec<Area>,
    /// Where each area's name goes, in the map's pixels (none when the sheet has no names).
    pub anchors: Vec<Option<Anchor>>,
}

impl Picture {
    /// The picture of `sheet` with the areas' outlines, every point, from `mesh`.
    pub fn new(sheet: Sheet, mesh: &Mesh) -> Picture {
        let [sx, tx, sy, ty] = sheet.place;
        let t = Affine { sx, tx, sy, ty };
        let areas = (0..sheet.codes.len().min(mesh.area_count()))
            .map(|a| Area {
                code: sheet.codes[a].clone(),
                name: sheet.names.get(a).cloned().unwrap_or_default(),
                fill: sheet.fills.get(a).copied().unwrap_or(Rgb(0xff, 0xff, 0xff)),
                pattern: sheet.patterns.get(a).copied().unwrap_or_default(),
                rings: mesh.rings(a).map(|r| r.chunks_exact(2).map(|p| t.apply(p)).collect()).collect(),
            })
            .collect();
        let anchors = if sheet.labels {
            anchors(mesh).into_iter().take(sheet.codes.len()).map(|a| a.map(|a| a.by(&t))).collect()
        } else {
            Vec::new()
        };
        Picture { sheet, areas, anchors }
    }
}

/// Words cut into lines of at most `width` characters.
///
/// ```
/// assert_eq!(needs_map::draw::picture::wrap("one two three", 7), vec!["one two", "three"]);
/// ```
pub fn wrap(s: &str, width: usize) -> Vec<String> {
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

/// About how many characters of sans-serif text at `size` px fit in `width` px.
fn chars(width: f32, size: f32) -> usize {
    ((width / (0.55 * size)) as usize).max(12)
}

/// The lines under the map: the indicator's source, then the attribution (at most eight).
pub fn footer(sheet: &Sheet, width: f32) -> Vec<String> {
    let n = chars(width - 20.0, 10.0);
    let mut lines = wrap(&sheet.source, n);
    lines.extend(wrap(&sheet.attribution, n));
    lines.truncate(8);
    lines
}

/// Draws the picture on `p`, `width` x `height` CSS pixels.
///
/// ```
/// use needs_map::draw::{picture, record::Recorder};
/// use needs_map::widget::Widget;
/// let mut w = Widget::from_bundle(include_str!("../../../data/coventry.json")).unwrap();
/// let mut r = Recorder::default();
/// picture::draw(&mut r, &w.picture(960, 720).unwrap(), 960, 720);
/// let texts = r.texts();
/// assert_eq!(&texts[..2], ["IMD score (2019), by ward", "18 wards of Coventry"]);
/// // The wards' names where they fit (as on the map), then the legend.
/// assert_eq!(&texts[2..5], ["Bablake", "Henley", "Wainbody"]); // the most room first
/// assert!(texts.contains(&"IMD score, 2019: darker is"));
/// ```
pub fn draw(p: &mut dyn Painter, picture: &Picture, width: u32, height: u32) {
    let l = layout(width, height);
    let sheet = &picture.sheet;
    p.fill(&[&rect(0.0, 0.0, l.width, l.height)], Fill::solid(WHITE));
    p.text([10.0, 26.0], &sheet.title, Font::bold(18.0), INK);
    p.text([10.0, 42.0], &sheet.covers, Font::regular(12.0), GREY);

    p.frame(Some(l.map));
    for a in &picture.areas {
        let rings: Vec<&[[f32; 2]]> = a.rings.iter().map(Vec::as_slice).collect();
        p.fill(&rings, Fill { colour: a.fill, pattern: a.pattern, area: Some((&a.code, &a.name)) });
    }
    let borders: Vec<&[[f32; 2]]> = picture.areas.iter().flat_map(|a| a.rings.iter().map(Vec::as_slice)).collect();
    p.stroke(&borders, BORDER, 0.75);
    if let Some(a) = sheet.selected.and_then(|i| picture.areas.get(i)) {
        let rings: Vec<&[[f32; 2]]> = a.rings.iter().map(Vec::as_slice).collect();
        p.stroke(&rings, INK, 3.0);
    }
    if !picture.anchors.is_empty() {
        let names: Vec<&str> = picture.areas.iter().map(|a| a.name.as_str()).collect();
        overlay::names(p, &place(&names, &picture.anchors, l.map.size, &[]));
    }
    for s in &sheet.services {
        symbol::draw(p, &s.shape, s.at, s.colour);
    }
    p.frame(None);

    legend(p, sheet, l);
    let mut y = l.footer + 10.0;
    for line in footer(sheet, l.width) {
        p.text([10.0, y], &line, Font::regular(10.0), GREY);
        y += 12.0;
    }
}

/// The legend: its heading, one swatch and label per entry, and the note on method.
fn legend(p: &mut dyn Painter, sheet: &Sheet, l: Layout) {
    let [x, mut y] = l.legend;
    let width = l.width - x - 8.0;
    for line in wrap(&sheet.legend_title, chars(width, 13.0)) {
        p.text([x, y + 13.0], &line, Font::bold(13.0), INK);
        y += 17.0;
    }
    y += 4.0;
    for e in &sheet.legend {
        let swatch = rect(x, y, SWATCH[0], SWATCH[1]);
        let ring: &Rings = &[&swatch];
        p.fill(ring, Fill { colour: e.colour, pattern: e.pattern, area: None });
        p.stroke(ring, BORDER, 1.0);
        let mut ly = y + 13.0;
        for line in wrap(&e.label, chars(width - 30.0, 13.0)) {
            p.text([x + 30.0, ly], &line, Font::regular(13.0), INK);
            ly += 16.0;
        }
        y = (y + 22.0).max(ly - 7.0);
    }
    y += 6.0;
    for line in wrap(&sheet.legend_note, chars(width, 10.0)) {
        p.text([x, y + 10.0], &line, Font::regular(10.0), GREY);
        y += 12.0;
    }
}
