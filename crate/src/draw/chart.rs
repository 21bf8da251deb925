//! The area profile chart: every indicator of a layer for one area, against the city and
//! England, one row per indicator on its own scale (a spine chart), with the area's 95%
//! interval where there is one and a trend line where there are several periods.
//!
//! Written once against plotters' `DrawingBackend`: the browser draws it on a canvas
//! (`chart_web`, plotters-canvas), tests and the command line as SVG.

use plotters::prelude::*;
use serde::Deserialize;

/// One indicator's figures for the area, as the widget's `profile()` gives them.
#[derive(Debug, Clone, Deserialize)]
pub struct ProfileRow {
    pub label: String,
    pub period: String,
    pub value: Option<f64>,
    pub lower: Option<f64>,
    pub upper: Option<f64>,
    pub city: Option<f64>,
    pub england: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    #[serde(rename = "valueText")]
    pub value_text: String,
    /// "better", "worse", "similar", "higher", "lower" or "not-compared".
    pub comparison: String,
    pub series: Vec<(String, Option<f64>)>,
}

const ROW: u32 = 58;
const TREND: u32 = 64;
const HEAD: u32 = 44;

/// The chart's height for `rows` rows (trend rows are taller), at any width.
pub fn height(rows: &[ProfileRow]) -> u32 {
    HEAD + rows.iter().map(|r| ROW + if r.series.len() > 1 { TREND } else { 0 }).sum::<u32>() + 8
}

/// Marker colour by comparison; the value is also written as text beside it, and the key
/// explains the shapes, so nothing rests on colour alone.
fn marker(comparison: &str) -> RGBColor {
    match comparison {
        "worse" => RGBColor(0xb2, 0x18, 0x2b),
        "better" => RGBColor(0x21, 0x66, 0xac),
        "higher" | "lower" => RGBColor(0x54, 0x27, 0x88),
        _ => RGBColor(0x0b, 0x0c, 0x0c),
    }
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
    let font = |size: u32| ("sans-serif", size).into_font().color(&ink);
    // Key: the shapes, in words.
    area.draw(&Circle::new((10, 12), 5, ink.filled())).map_err(e)?;
    area.draw(&Text::new(name.to_string(), (20, 4), font(13))).map_err(e)?;
    let kx = (w / 2).max(120);
    area.draw(&PathElement::new(vec![(kx, 4), (kx, 20)], ink.stroke_width(2))).map_err(e)?;
    area.draw(&Text::new("England", (kx + 6, 4), font(13))).map_err(e)?;
    area.draw(&Rectangle::new([(10, 26), (20, 36)], grey.stroke_width(2))).map_err(e)?;
    area.draw(&Text::new(format!("{place}; grey band: range of areas"), (26, 24), font(12))).map_err(e)?;
    let (left, right) = (10, w - 10);
    let mut y = HEAD as i32;
    for r in rows {
        area.draw(&Text::new(format!("{} ({})", r.label, r.period), (left, y), font(13))).map_err(e)?;
        let values = [r.value, r.lower, r.upper, r.city, r.england, r.min, r.max];
        let lo = values.iter().flatten().copied().fold(f64::INFINITY, f64::min);
        let hi = values.iter().flatten().copied().fold(f64::NEG_INFINITY, f64::max);
        let bar_y = y + 30;
        if lo.is_finite() && hi > lo {
            let span = (right - 90 - left) as f64;
            let x = |v: f64| left + ((v - lo) / (hi - lo) * span).round() as i32;
            if let (Some(a), Some(b)) = (r.min, r.max) {
                area.draw(&Rectangle::new([(x(a), bar_y - 6), (x(b), bar_y + 6)], RGBColor(0xde, 0xe0, 0xe2).filled())).map_err(e)?;
            }
            if let Some(v) = r.england {
                area.draw(&PathElement::new(vec![(x(v), bar_y - 11), (x(v), bar_y + 11)], ink.stroke_width(2))).map_err(e)?;
            }
            if let Some(v) = r.city {
                area.draw(&Rectangle::new([(x(v) - 5, bar_y - 5), (x(v) + 5, bar_y + 5)], grey.stroke_width(2))).map_err(e)?;
            }
            let m = marker(&r.comparison);
            if let (Some(l), Some(u)) = (r.lower, r.upper) {
                area.draw(&PathElement::new(vec![(x(l), bar_y), (x(u), bar_y)], m.stroke_width(2))).map_err(e)?;
                for v in [l, u] {
                    area.draw(&PathElement::new(vec![(x(v), bar_y - 4), (x(v), bar_y + 4)], m.stroke_width(2))).map_err(e)?;
                }
            }
            if let Some(v) = r.value {
                area.draw(&Circle::new((x(v), bar_y), 6, m.filled())).map_err(e)?;
                area.draw(&Circle::new((x(v), bar_y), 6, WHITE.stroke_width(1))).map_err(e)?;
            }
        }
        area.draw(&Text::new(r.value_text.clone(), (right - 84, bar_y - 8), font(13))).map_err(e)?;
        y += ROW as i32;
        if r.series.len() > 1 {
            trend(area, r, (left, y), (right - left, TREND as i32 - 12)).map_err(e)?;
            y += TREND as i32;
        }
    }
    area.present().map_err(e)?;
    Ok(())
}

/// A small line chart of the area's values by period, the first and last labelled.
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
    let plot_w = (size.0 - 160).max(60) as f64;
    let px = |i: usize| at.0 + 80 + (i as f64 / n * plot_w) as i32;
    let py = |v: f64| at.1 + size.1 - 14 - if hi > lo { ((v - lo) / (hi - lo) * (size.1 - 24) as f64) as i32 } else { (size.1 - 24) / 2 };
    let ink = RGBColor(0x1d, 0x70, 0xb8);
    area.draw(&PathElement::new(pts.iter().map(|&(i, v)| (px(i), py(v))).collect::<Vec<_>>(), ink.stroke_width(2)))?;
    for &(i, v) in &pts {
        area.draw(&Circle::new((px(i), py(v)), 3, ink.filled()))?;
    }
    let font = ("sans-serif", 11).into_font().color(&RGBColor(0x0b, 0x0c, 0x0c));
    let (first, last) = (&r.series[pts[0].0], &r.series[pts[pts.len() - 1].0]);
    area.draw(&Text::new(first.0.clone(), (at.0, py(pts[0].1) - 6), font.clone()))?;
    area.draw(&Text::new(last.0.clone(), (px(pts[pts.len() - 1].0) + 6, py(pts[pts.len() - 1].1) - 6), font.clone()))?;
    area.draw(&Text::new("Trend".to_string(), (at.0, at.1 + size.1 - 12), font))?;
    Ok(())
}
