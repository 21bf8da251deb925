//! The map in words, as a sighted reader takes it in: what is shown and for which areas, the
//! range with the highest and lowest areas, where the highest class lies, how many areas are
//! significantly worse and better than England (where there are intervals, at the
//! indicator's own level), and the areas without data. One function, so the page, the static
//! figure and the tests say the same.

use super::Widget;
use crate::derive::significance::{compare_for, Comparison};
use crate::model::atlas::Polarity;
use crate::style::text;
use std::fmt::Write;

/// The eight compass sectors, from east anticlockwise, as a sentence ends them.
const SECTORS: [&str; 8] = ["east", "north and east", "north", "north and west", "west", "south and west", "south", "south and east"];

/// The compass sector (of [`SECTORS`]) of a direction, north up: by the tangent of 22.5
/// degrees, without trigonometry (whose code the first download would carry for this alone).
fn sector(dx: f64, dy: f64) -> usize {
    const T: f64 = 0.414_213_562_373_095; // tan 22.5 degrees
    let (ax, ay) = (dx.abs(), dy.abs());
    if ay <= T * ax {
        if dx >= 0.0 {
            0
        } else {
            4
        }
    } else if ax <= T * ay {
        if dy >= 0.0 {
            2
        } else {
            6
        }
    } else {
        match (dx >= 0.0, dy >= 0.0) {
            (true, true) => 1,
            (false, true) => 3,
            (false, false) => 5,
            (true, false) => 7,
        }
    }
}

impl Widget {
    /// What the map shows, in sentences (the map's accessible description).
    ///
    /// ```
    /// use needs_map::widget::Widget;
    /// let mut w = Widget::from_bundle(include_str!("../../../data/coventry.json")).unwrap();
    /// w.resize(960.0, 720.0, 1.0).unwrap();
    /// assert!(w.summary().starts_with("IMD score (2019), by ward: 18 wards of Coventry."));
    /// ```
    pub fn summary(&mut self) -> String {
        // Outlined first (it needs `&mut self`), then everything is read in place: cloning
        // the series would cost the first download more than the sentences do.
        let outlined = self.outlined().is_some();
        let words = self.words();
        let mut s = format!("{}: {}.", words.title, words.covers);
        let (Some((ind, series)), Some(scene), true) = (self.shown_series(), self.scene.as_ref(), outlined) else { return s };
        let noun = &words.noun;
        let place = if words.place.is_empty() { "the map" } else { &words.place };
        let layer = &self.settings.layer;
        let people = self.atlas.indicators.iter().find(|i| &i.layer == layer && i.unit == "people").and_then(|i| i.latest());
        let shown: Vec<(&crate::scene::Shape, f64)> = scene.shapes.iter().filter_map(|sh| Some((sh, sh.value?))).collect();
        // The range, with its ends named (ties: the first by name).
        let pick = |hi: bool| {
            shown.iter().copied().reduce(|a, b| {
                let better = if hi { b.1 > a.1 } else { b.1 < a.1 };
                if better || (b.1 == a.1 && b.0.name < a.0.name) {
                    b
                } else {
                    a
                }
            })
        };
        if let (Some(lo), Some(hi)) = (pick(false), pick(true)) {
            let f = |v: f64| text::format_value(v, ind.decimals, &ind.unit);
            let _ = write!(s, " Values range from {} in {} to {} in {}.", f(lo.1), lo.0.name, f(hi.1), hi.0.name);
        }
        // Where the highest class lies: its centre, weighted by population where the layer
        // counts people, against the middle of the map, in eight sectors.
        let entries = &scene.legend.entries;
        let top = shown.iter().filter_map(|(sh, _)| sh.class).max();
        if let (Some(top), "classes") = (top, scene.legend.kind) {
            let weight = |code: &str| people.and_then(|p| p.values.get(code)).map_or(1.0, |e| e.value);
            let (mut x, mut y, mut w) = (0.0, 0.0, 0.0);
            let mut b = crate::model::geometry::Bounds::empty();
            for sh in &scene.shapes {
                b.union(&sh.bounds);
                if sh.class == Some(top) {
                    let c = crate::place::neighbours::centre(sh);
                    let k = weight(&sh.code);
                    (x, y, w) = (x + c[0] * k, y + c[1] * k, w + k);
                }
            }
            let (mx, my) = ((b.min[0] + b.max[0]) / 2.0, (b.min[1] + b.max[1]) / 2.0);
            let (dx, dy) = (x / w - mx, my - y / w);
            let (bw, bh) = (b.max[0] - b.min[0], b.max[1] - b.min[1]);
            let where_ = if (dx * dx + dy * dy) < 0.01 * (bw * bw + bh * bh) / 4.0 {
                format!("is spread across {place}")
            } else {
                format!("lies mostly in the {} of {place}", SECTORS[sector(dx, dy)])
            };
            if let Some(e) = entries.get(top) {
                let n = e.count;
                let _ = write!(
                    s,
                    " The highest class, {} ({n} {}), {where_}.",
                    e.label,
                    if n == 1 { noun.trim_end_matches('s') } else { &noun }
                );
            }
        }
        // Against England, at the indicator's own level, where there are intervals.
        if let Some(england) = series.england.filter(|_| series.values.values().any(|e| e.lower.is_some())) {
            let (mut worse, mut better, mut same) = (0, 0, 0);
            for sh in &scene.shapes {
                match series.values.get(&sh.code).map(|e| compare_for(ind, e, &england)) {
                    Some(Comparison::Worse | Comparison::Higher) => worse += 1,
                    Some(Comparison::Better | Comparison::Lower) => better += 1,
                    Some(Comparison::Similar) => same += 1,
                    _ => {}
                }
            }
            let (up, down) = if ind.polarity == Polarity::Neutral { ("higher", "lower") } else { ("worse", "better") };
            let _ = write!(
                s,
                " At the {}% level, {worse} {noun} are significantly {up} than England, {better} {down} and {same} not significantly different.",
                text::number(ind.significance_level)
            );
        }
        let missing: Vec<&str> = scene.shapes.iter().filter(|sh| sh.value.is_none()).map(|sh| sh.name.as_str()).collect();
        if !missing.is_empty() {
            let _ = write!(s, " {} {} no data: {}.", missing.len(), if missing.len() == 1 { "has" } else { "have" }, missing.join(", "));
        }
        s
    }
}
