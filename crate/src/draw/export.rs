//! What an exported picture holds besides the map: title, legend, source and attribution,
//! laid out once for every backend. The SVG writer lives here (it is text, so the widget's
//! `toSVG()` and the command line share it); PNG is drawn by plotters natively (`render`)
//! and by the canvas in the browser (`web`), both from [`layout`].

use crate::scene::{Pattern, Scene, View};
use crate::style::palette::{Rgb, BORDER};

/// Spacing of pattern lines and dots, in pixels, in every backend.
pub const PATTERN_STEP: f64 = 6.0;
/// Colour of pattern lines and dots.
pub const PATTERN_INK: Rgb = Rgb(0x0b, 0x0c, 0x0c);

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
const FOOT_H: i32 = 104;
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

/// Words cut into lines of at most `width` characters.
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

/// The lines under the map: the indicator's source, then the attribution (at most eight).
pub fn footer(scene: &Scene, width: u32) -> Vec<String> {
    let chars = (width as usize / 6).max(40);
    let mut lines = wrap(&scene.source, chars);
    lines.extend(wrap(&scene.attribution, chars));
    lines.truncate(8);
    lines
}

/// Escapes text for XML, so names from data stay text.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The scene as a standalone SVG document: one even-odd path per area (with its name as a
/// `<title>`), the legend, title and attribution as real text.
///
/// ```
/// use needs_map::{read::bundle, draw::export, scene::Scene};
/// let atlas = bundle::from_json(include_str!("../../../tests/fixtures/hole_and_enclave.json")).unwrap();
/// let scene = Scene::build(&atlas, "value", &export::view_for(600, 400), None).unwrap();
/// let svg = export::svg(&scene, 600, 400);
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
    // One tile per pattern, on the same 6 px grid the canvas and PNG use.
    let _ = write!(
        s,
        r#"<defs><pattern id="nm-hatched" width="6" height="6" patternUnits="userSpaceOnUse"><path d="M-1 1L1 -1M0 6L6 0M5 7L7 5" stroke="{ink}" stroke-width="1"/></pattern><pattern id="nm-cross-hatched" width="6" height="6" patternUnits="userSpaceOnUse"><path d="M-1 1L1 -1M0 6L6 0M5 7L7 5M-1 5L1 7M0 0L6 6M5 -1L7 1" stroke="{ink}" stroke-width="1"/></pattern><pattern id="nm-dotted" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="2" height="2" fill="{ink}"/></pattern></defs>"#,
        ink = PATTERN_INK.hex()
    );
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
                // As f64 (the same figures): the f32 formatter is not linked in for this alone.
                let _ = write!(d, "{}{:.1} {:.1}", if i == 0 { "M" } else { "L" }, p[0] as f64, p[1] as f64);
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
        if sh.pattern != Pattern::None {
            let _ = write!(s, r#"<path fill="url(#nm-{})" stroke="none" fill-rule="evenodd" d="{d}"/>"#, sh.pattern.name());
        }
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
        if e.pattern != Pattern::None {
            let _ = write!(s, r#"<rect x="{lx}" y="{}" width="22" height="16" fill="url(#nm-{})"/>"#, ly, e.pattern.name());
        }
        ly += 22;
    }
    let mut y = l.attribution_y + 10;
    for line in footer(scene, width) {
        let _ = write!(s, r##"<text x="10" y="{y}" font-family="sans-serif" font-size="10" fill="#505a5f">{}</text>"##, esc(&line));
        y += 12;
    }
    s.push_str("</svg>\n");
    s
}
