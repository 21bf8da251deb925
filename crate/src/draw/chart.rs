//! The area profile chart, as the spine charts commissioners know from Fingertips: every
//! indicator of a layer for one area on a row of its own, England the centre line of every
//! row, each row turned so that worse is to the left (said once, above the rows), the range of
//! the layer's areas and their middle half as bands, the place as a square outline, and the
//! area's mark coloured and shaped by its comparison with England. A count (a ward's
//! population) is written, never placed on one scale with the place's total. Rows with several
//! periods get a small trend line below.
//!
//! Written once against plotters' `DrawingBackend`: the browser draws it on a canvas
//! (`chart_web`, plotters-canvas), tests as SVG.

use plotters::prelude::*;
use serde::Deserialize;

/// One indicator's figures for the area, as the widget's `profile()` gives them.
#[derive(Debug, Clone, Deserialize)]
pub struct ProfileRow {
    pub label: String,
    pub period: String,
    #[serde(default)]
    pub unit: String,
    /// "higher-worse", "higher-better" or "neutral".
    #[serde(default)]
    pub polarity: String,
    pub value: Option<f64>,
    pub lower: Option<f64>,
    pub upper: Option<f64>,
    pub city: Option<f64>,
    pub england: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// The layer's areas' lower and upper quartiles: their middle half.
    #[serde(default)]
    pub q1: Option<f64>,
    #[serde(default)]
    pub q3: Option<f64>,
    #[serde(rename = "valueText")]
    pub value_text: String,
    /// "better", "worse", "similar", "higher", "lower" or "not-compared".
    pub comparison: String,
    pub series: Vec<(String, Option<f64>)>,
}

const ROW: u32 = 58;
const TREND: u32 = 64;
const HEAD: u32 = 76;
/// The width kept right of the scale for the value in words.
const VALUE_W: i32 = 150;

/// The chart's height for `rows` rows (trend rows are taller), with room for the key on
/// two lines more at the narrowest (a phone).
pub fn height(rows: &[ProfileRow]) -> u32 {
    HEAD + 32 + rows.iter().map(|r| ROW + if r.series.len() > 1 { TREND } else { 0 }).sum::<u32>() + 8
}

/// The area's mark for a comparison with England: a colour and a shape (worse a square,
/// better a circle, similar a diamond, higher or lower a triangle, not compared an open
/// circle), so that nothing rests on colour alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Square,
    Circle,
    Diamond,
    Triangle,
    Open,
}

/// The mark and its colour for a comparison.
pub fn mark(comparison: &str) -> (Mark, RGBColor) {
    match comparison {
        "worse" => (Mark::Square, RGBColor(0xb2, 0x18, 0x2b)),
        "better" => (Mark::Circle, RGBColor(0x21, 0x66, 0xac)),
        "similar" => (Mark::Diamond, RGBColor(0xff, 0xbf, 0x47)),
        "higher" | "lower" => (Mark::Triangle, RGBColor(0x54, 0x27, 0x88)),
        _ => (Mark::Open, RGBColor(0xff, 0xff, 0xff)),
    }
}

fn draw_mark<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    (x, y): (i32, i32),
    comparison: &str,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let ink = RGBColor(0x0b, 0x0c, 0x0c);
    let (shape, colour) = mark(comparison);
    match shape {
        Mark::Square => {
            area.draw(&Rectangle::new([(x - 6, y - 6), (x + 6, y + 6)], colour.filled()))?;
            area.draw(&Rectangle::new([(x - 6, y - 6), (x + 6, y + 6)], ink.stroke_width(1)))
        }
        Mark::Circle | Mark::Open => {
            area.draw(&Circle::new((x, y), 6, colour.filled()))?;
            area.draw(&Circle::new((x, y), 6, ink.stroke_width(1)))
        }
        Mark::Diamond => {
            let pts = vec![(x, y - 8), (x + 8, y), (x, y + 8), (x - 8, y)];
            area.draw(&Polygon::new(pts.clone(), colour.filled()))?;
            area.draw(&PathElement::new([pts.clone(), vec![pts[0]]].concat(), ink.stroke_width(1)))
        }
        Mark::Triangle => {
            let pts = vec![(x, y - 8), (x + 7, y + 6), (x - 7, y + 6)];
            area.draw(&Polygon::new(pts.clone(), colour.filled()))?;
            area.draw(&PathElement::new([pts.clone(), vec![pts[0]]].concat(), ink.stroke_width(1)))
        }
    }
}

/// Where a row's value falls: England at the middle of the scale, the furthest figure from
/// it at an end, and the row turned so that worse is to the left (for a neutral indicator,
/// lower). `None` where the row has no centre to measure from.
pub fn scale(r: &ProfileRow, left: i32, right: i32) -> Option<impl Fn(f64) -> i32> {
    let centre = r.england.or(r.city)?;
    let figures = [r.value, r.lower, r.upper, r.city, r.england, r.min, r.max, r.q1, r.q3];
    let far = figures.iter().flatten().map(|v| (v - centre).abs()).fold(0.0, f64::max);
    let far = if far > 0.0 { far } else { 1.0 };
    let turn = if r.polarity == "higher-worse" { -1.0 } else { 1.0 };
    let (mid, half) = ((left + right) as f64 / 2.0, (right - left) as f64 / 2.0);
    Some(move |v: f64| (mid + turn * (v - centre) / far * half).round() as i32)
}

/// Draws the profile of `name` (in `place`) into `area`.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    rows: &[ProfileRow],
    name: &str,
    place: &str,
) -> Result<(), String>
where
    DB::ErrorType: 'static,
{
    let e = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let (w, _) = area.dim_in_pixel();
    let w = w as i32;
    area.fill(&WHITE).map_err(e)?;
    let ink = RGBColor(0x0b, 0x0c, 0x0c);
    let grey = RGBColor(0x50, 0x5a, 0x5f);
    let (range, middle) = (RGBColor(0xe5, 0xe6, 0xe7), RGBColor(0xb1, 0xb4, 0xb6));
    let font = |size: u32| ("sans-serif", size).into_font().color(&ink);
    let (left, right) = (10, (w - 10 - VALUE_W).max(120));
    let mid = (left + right) / 2;
    // The key, once: the direction, then the marks.
    area.draw(&Text::new("\u{2190} worse (lower, where neither is worse)".to_string(), (left, 2), font(12))).map_err(e)?;
    area.draw(&Text::new("better (higher) \u{2192}".to_string(), (mid + 6, 2), font(12))).map_err(e)?;
    area.draw(&PathElement::new(vec![(mid, 2), (mid, 16)], ink.stroke_width(2))).map_err(e)?;
    // The marks in words, on as many lines as the width takes (11 px text: ~6 px a letter).
    let (mut x, mut ky) = (left, 24);
    for (c, label) in [
        ("worse", "worse than England"),
        ("similar", "similar to England"),
        ("better", "better than England"),
        ("higher", "higher or lower than England"),
        ("not-compared", "not compared (no interval)"),
    ] {
        let width = 16 + 6 * label.len() as i32 + 14;
        if x > left && x + width > w - 10 {
            (x, ky) = (left, ky + 16);
        }
        draw_mark(area, (x + 6, ky + 7), c).map_err(e)?;
        area.draw(&Text::new(label.to_string(), (x + 16, ky), font(11))).map_err(e)?;
        x += width;
    }
    let ky = ky - 24;
    area.draw(&Rectangle::new([(left, ky + 46), (left + 10, ky + 56)], grey.stroke_width(2))).map_err(e)?;
    area.draw(&Text::new(format!("{place}; {name}'s mark by its comparison; England the centre line"), (left + 16, ky + 45), font(11)))
        .map_err(e)?;
    area.draw(&Rectangle::new([(left, ky + 62), (left + 10, ky + 72)], range.filled())).map_err(e)?;
    area.draw(&Rectangle::new([(left + 10, ky + 62), (left + 20, ky + 72)], middle.filled())).map_err(e)?;
    area.draw(&Text::new("the areas' range and middle half".to_string(), (left + 26, ky + 61), font(11))).map_err(e)?;
    let mut y = HEAD as i32 + ky;
    for r in rows {
        area.draw(&Text::new(format!("{} ({})", r.label, r.period), (left, y), font(13))).map_err(e)?;
        let bar_y = y + 30;
        let x = scale(r, left, right).filter(|_| r.unit != "people");
        if let Some(x) = &x {
            let band = |a: Option<f64>, b: Option<f64>, colour: RGBColor, h: i32| match (a, b) {
                (Some(a), Some(b)) => {
                    let (p, q) = (x(a).min(x(b)), x(a).max(x(b)));
                    area.draw(&Rectangle::new([(p, bar_y - h), (q, bar_y + h)], colour.filled()))
                }
                _ => Ok(()),
            };
            band(r.min, r.max, range, 6).map_err(e)?;
            band(r.q1, r.q3, middle, 6).map_err(e)?;
            area.draw(&PathElement::new(vec![(mid, bar_y - 12), (mid, bar_y + 12)], ink.stroke_width(2))).map_err(e)?;
            if let Some(v) = r.city {
                area.draw(&Rectangle::new([(x(v) - 5, bar_y - 5), (x(v) + 5, bar_y + 5)], grey.stroke_width(2))).map_err(e)?;
            }
            let (_, colour) = mark(&r.comparison);
            if let (Some(l), Some(u)) = (r.lower, r.upper) {
                let c = if colour == RGBColor(0xff, 0xff, 0xff) { ink } else { colour };
                area.draw(&PathElement::new(vec![(x(l), bar_y), (x(u), bar_y)], c.stroke_width(2))).map_err(e)?;
            }
            if let Some(v) = r.value {
                draw_mark(area, (x(v), bar_y), &r.comparison).map_err(e)?;
            }
        }
        // The value in words; a count is only written (not on a scale with the place's total).
        let words = if x.is_none() && r.unit == "people" { format!("{} (a count)", r.value_text) } else { r.value_text.clone() };
        area.draw(&Text::new(words, (right + 12, bar_y - 8), font(13))).map_err(e)?;
        y += ROW as i32;
        if r.series.len() > 1 {
            trend(area, r, (left, y), (w - 20, TREND as i32 - 12)).map_err(e)?;
            y += TREND as i32;
        }
    }
    area.present().map_err(e)?;
    Ok(())
}

/// A small line chart of the area's values by period, under a caption that names the first
/// and last periods (so no label lies on the line or on another).
fn trend<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    r: &ProfileRow,
    at: (i32, i32),
    size: (i32, i32),
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let pts: Vec<(usize, f64)> = r.series.iter().enumerate().filter_map(|(i, (_, v))| v.map(|v| (i, v))).collect();
    if pts.len() < 2 {
        return Ok(());
    }
    let lo = pts.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let hi = pts.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    let n = (r.series.len() - 1).max(1) as f64;
    let plot_w = (size.0 - 40).max(60) as f64;
    let (top, plot_h) = (at.1 + 16, (size.1 - 20).max(10));
    let px = |i: usize| at.0 + 20 + (i as f64 / n * plot_w) as i32;
    let py = |v: f64| top + plot_h - if hi > lo { ((v - lo) / (hi - lo) * plot_h as f64) as i32 } else { plot_h / 2 };
    let font = ("sans-serif", 11).into_font().color(&RGBColor(0x0b, 0x0c, 0x0c));
    let (first, last) = (&r.series[pts[0].0].0, &r.series[pts[pts.len() - 1].0].0);
    area.draw(&Text::new(format!("Trend, {first} to {last}, {} periods", pts.len()), (at.0, at.1), font))?;
    let ink = RGBColor(0x1d, 0x70, 0xb8);
    area.draw(&PathElement::new(pts.iter().map(|&(i, v)| (px(i), py(v))).collect::<Vec<_>>(), ink.stroke_width(2)))?;
    for &(i, v) in &pts {
        area.draw(&Circle::new((px(i), py(v)), 3, ink.filled()))?;
    }
    Ok(())
}
