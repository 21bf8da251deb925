//! Areas of one's own: several areas of a layer made one (a family hub's wards, a primary
//! care network's neighbourhoods), each indicator added up by its own rule
//! ([`Combine`]), then compared with England and the place as an area is.
//!
//! Only what the rules allow is added up: a weighted mean from its weighted sums, a ratio
//! from its numerators and denominators (a proportion with its 95% Wilson interval, and
//! tested by it), a count by summing. A life expectancy is never averaged; the result says
//! why instead of a number. A combined value without an interval is only higher or lower
//! than a benchmark, never "significantly" so.

use crate::derive::aggregate::round;
use crate::derive::significance::{compare_by, z_for};
use crate::model::atlas::{Atlas, Combine, Estimate, Indicator, Layer, SignificanceTest};
use crate::style::text;
use serde::Serialize;

/// An area made of others, with its figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CombinedArea {
    pub name: String,
    /// The layer its areas are of.
    pub layer: String,
    pub codes: Vec<String>,
    /// Its residents: the sum of the layer's count of people (an indicator in "people" that
    /// adds up by summing), in its latest period; `None` where the layer has none.
    pub population: Option<f64>,
    /// One per indicator of the layer, in the bundle's order.
    pub indicators: Vec<CombinedFigure>,
}

/// One indicator's value for a combined area.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CombinedFigure {
    pub id: String,
    pub period: String,
    /// `None` where the indicator does not combine or an area has no value (see `note`).
    pub value: Option<f64>,
    /// The 95% Wilson interval of a combined proportion.
    pub lower: Option<f64>,
    pub upper: Option<f64>,
    pub comparison: Comparisons,
    /// Why there is no value, in words for the profile.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The combined value against England and the place, in the profile's words
/// ("significantly worse than England", "higher than Coventry").
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Comparisons {
    pub england: Option<String>,
    pub city: Option<String>,
}

/// Makes the areas `codes` (all of one layer) one area called `name`.
///
/// ```
/// use needs_map::{derive::combine::combine, read::bundle};
/// let atlas = bundle::from_json(include_str!("../../../data/coventry.json")).unwrap();
/// let codes = ["E05001222".to_string(), "E05001227".to_string()]; // Foleshill, Radford
/// let area = combine(&atlas, "North", &codes).unwrap();
/// let imd = area.indicators.iter().find(|f| f.id == "imd_score").unwrap();
/// assert_eq!(imd.value, Some(38.934)); // weighted by mid-2015 population over 23 LSOAs
/// assert_eq!(imd.comparison.england.as_deref(), Some("higher than England"));
/// ```
pub fn combine(atlas: &Atlas, name: &str, codes: &[String]) -> Result<CombinedArea, String> {
    combine_at(atlas, name, codes, None)
}

/// [`combine`] in `period` for the indicators that have it (the latest for the others).
pub fn combine_at(atlas: &Atlas, name: &str, codes: &[String], period: Option<&str>) -> Result<CombinedArea, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("an area of your own needs a name: give one".into());
    }
    let mut unique: Vec<String> = Vec::with_capacity(codes.len());
    for c in codes {
        if !unique.contains(c) {
            unique.push(c.clone());
        }
    }
    let first = unique.first().ok_or_else(|| format!("\"{name}\" has no areas: give the codes of the areas it is made of"))?;
    let layer = atlas
        .layers
        .iter()
        .find(|l| l.index_of(first).is_some())
        .ok_or_else(|| format!("\"{first}\" is not an area of this map: give the codes of its areas (areas() lists them)"))?;
    if let Some(c) = unique.iter().find(|c| layer.index_of(c).is_none()) {
        return Err(format!("\"{c}\" is not one of the {} of this map: an area of your own is made of areas of one layer", layer.noun));
    }
    // The need index is a view of the others, not an indicator of the bundle.
    let indicators: Vec<CombinedFigure> = atlas
        .indicators
        .iter()
        .filter(|i| i.layer == layer.id && i.id != crate::derive::need::ID)
        .map(|i| figure(atlas, i, &unique, period))
        .collect();
    let population = atlas
        .indicators
        .iter()
        .filter(|i| i.layer == layer.id && i.unit == "people" && i.combine == Some(Combine::Sum))
        .find_map(|i| indicators.iter().find(|f| f.id == i.id).and_then(|f| f.value));
    Ok(CombinedArea { name: name.to_string(), layer: layer.id.clone(), codes: unique, population, indicators })
}

/// One indicator added up over `codes` (areas of its layer) in `period` where it has it,
/// and compared.
pub fn figure(atlas: &Atlas, ind: &Indicator, codes: &[String], period: Option<&str>) -> CombinedFigure {
    let series = ind.series_at(period).or(ind.latest());
    let place = atlas.meta.place.name.as_str();
    let empty = Layer { id: String::new(), label: String::new(), noun: String::new(), areas: Vec::new() };
    let layer = atlas.layer(&ind.layer).unwrap_or(&empty);
    let mut f = CombinedFigure {
        id: ind.id.clone(),
        period: series.map(|s| s.period.clone()).unwrap_or_default(),
        value: None,
        lower: None,
        upper: None,
        comparison: Comparisons::default(),
        note: None,
    };
    let Some(series) = series else { return f };
    let rule = match &ind.combine {
        None => {
            f.note = Some("does not combine: the map does not say how its values add up".into());
            return f;
        }
        Some(Combine::None { why }) => {
            f.note = Some(if why.is_empty() { "does not combine".into() } else { format!("does not combine: {why}") });
            return f;
        }
        Some(r) => r,
    };
    // Every area must have its figures: a sum over some of them is not the area's.
    let named = |c: &str| layer.areas.iter().find(|a| a.code == c).map(|a| format!("{} ({c})", a.name)).unwrap_or_else(|| c.to_string());
    let missing: Vec<String> = codes
        .iter()
        .filter(|c| if matches!(rule, Combine::Sum) { !series.values.contains_key(*c) } else { !series.parts.contains_key(*c) })
        .map(|c| named(c))
        .collect();
    if !missing.is_empty() {
        f.note = Some(format!("no value: {} {} none", missing.join(", "), if missing.len() == 1 { "has" } else { "have" }));
        return f;
    }
    let [num, den] = codes.iter().filter_map(|c| series.parts.get(c)).fold([0.0, 0.0], |[a, b], [x, y]| [a + x, b + y]);
    let estimate = match rule {
        Combine::Sum => Some(Estimate::point(codes.iter().map(|c| series.values[c].value).sum())),
        Combine::WeightedMean { .. } if den > 0.0 => Some(Estimate::point(num / den)),
        Combine::Growth if den > 0.0 => Some(Estimate::point(100.0 * (num / den - 1.0))),
        Combine::Ratio { per, proportion } if den > 0.0 => Some(if *proportion && num <= den {
            let (lo, hi) = wilson(num, den, 95.0);
            Estimate { value: per * num / den, lower: Some(per * lo), upper: Some(per * hi) }
        } else {
            Estimate::point(per * num / den)
        }),
        _ => None,
    };
    let Some(e) = estimate else {
        f.note = Some("no value: its denominator is zero".into());
        return f;
    };
    f.value = Some(round(e.value, 3));
    f.lower = e.lower.map(|v| round(v, 3));
    f.upper = e.upper.map(|v| round(v, 3));
    let against = |b: Option<&Estimate>, who: &str| b.map(|b| compared(ind, &e, b, who));
    f.comparison = Comparisons { england: against(series.england.as_ref(), "England"), city: against(series.city.as_ref(), place) };
    f
}

/// With an interval, tested as an area is (at the indicator's level, the benchmark's value
/// outside the interval); without one, only higher or lower.
fn compared(ind: &Indicator, e: &Estimate, bench: &Estimate, who: &str) -> String {
    if e.lower.is_some() {
        return compare_by(e, bench, ind.polarity, ind.significance_level, SignificanceTest::Contains).phrase(who);
    }
    let (a, b) = (round(e.value, ind.decimals as i32), round(bench.value, ind.decimals as i32));
    if a > b {
        format!("higher than {who}")
    } else if a < b {
        format!("lower than {who}")
    } else {
        format!("the same as {who}")
    }
}

/// The Wilson score interval of a proportion `hits / n` at `level` percent, as proportions.
///
/// ```
/// use needs_map::derive::combine::wilson;
/// let (lo, hi) = wilson(9.0, 23.0, 95.0); // 9 of 23 LSOAs
/// assert_eq!(((lo * 1e4).round(), (hi * 1e4).round()), (2216.0, 5921.0));
/// ```
pub fn wilson(hits: f64, n: f64, level: f64) -> (f64, f64) {
    let z = z_for(level);
    let p = hits / n;
    let z2n = z * z / n;
    let centre = (p + z2n / 2.0) / (1.0 + z2n);
    let half = z * (p * (1.0 - p) / n + z2n / (4.0 * n)).sqrt() / (1.0 + z2n);
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// An area of one's own as it is defined: a name and the codes of the areas it is made of.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OwnArea {
    pub name: String,
    pub codes: Vec<String>,
}

impl OwnArea {
    /// As a link writes it: the codes, a colon, the name (`E05001222,E05001227:North`);
    /// codes have no colons, so a name may have any character.
    pub fn to_text(&self) -> String {
        format!("{}:{}", self.codes.join(","), self.name)
    }

    /// Reads [`to_text`](Self::to_text)'s form.
    ///
    /// ```
    /// use needs_map::derive::combine::OwnArea;
    /// let a = OwnArea::parse("E05001222, E05001227:Foleshill: and Radford").unwrap();
    /// assert_eq!((a.name.as_str(), a.codes.len()), ("Foleshill: and Radford", 2));
    /// assert!(OwnArea::parse("North").is_err());
    /// ```
    pub fn parse(v: &str) -> Result<OwnArea, String> {
        let (codes, name) = v.split_once(':').unwrap_or(("", ""));
        let codes: Vec<String> = codes.split(',').map(str::trim).filter(|c| !c.is_empty()).map(str::to_string).collect();
        if codes.is_empty() || name.trim().is_empty() {
            return Err(format!("the area of your own \"{v}\" is not codes and a name (\"code,code:name\")"));
        }
        Ok(OwnArea { name: name.trim().to_string(), codes })
    }

    /// Its row's code in the table and the CSV: its areas' codes joined by `+`.
    pub fn code(&self) -> String {
        self.codes.join("+")
    }
}

/// A table row of an area of one's own, for one indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OwnRow {
    pub code: String,
    pub name: String,
    pub value: Option<f64>,
    /// "38.93", or why there is none ("does not combine: ...").
    pub value_text: String,
    /// "your area: 2 wards".
    pub rank_text: String,
    /// "significantly worse than England", "higher than England", or "".
    pub comparison: String,
}

/// The areas of one's own on a map, and the areas picked to be made one: their one home
/// (the widget's module only draws the outlines it is given), with the figures they are
/// added up from.
///
/// ```
/// use needs_map::{derive::combine::OwnAreas, read::bundle};
/// let mut own = OwnAreas::new(bundle::figures_of(include_str!("../../../data/coventry.json")).unwrap());
/// own.pick("ward", "E05001222").unwrap();
/// own.pick("ward", "E05001227").unwrap();
/// let a = own.define("North", None).unwrap(); // the picked areas
/// assert_eq!((a.codes.len(), own.picked.len()), (2, 0));
/// assert_eq!(own.rows("ward", "imd_score", None)[0].value_text, "38.93");
/// ```
pub struct OwnAreas {
    atlas: Atlas,
    pub areas: Vec<OwnArea>,
    /// Codes of the areas picked to be made one, all of `picked_layer`.
    pub picked: Vec<String>,
    picked_layer: String,
    /// The areas shown as like a selected one (see `derive::similar`), outlined.
    pub alike: Vec<String>,
}

impl OwnAreas {
    /// None yet, on the map whose figures are `atlas` (see `bundle::figures_of`).
    pub fn new(atlas: Atlas) -> OwnAreas {
        OwnAreas { atlas, areas: Vec::new(), picked: Vec::new(), picked_layer: String::new(), alike: Vec::new() }
    }

    /// Makes `codes` (or, for `None`, the areas picked) one area called `name`, replacing
    /// one of the same name; the picked areas are let go.
    pub fn define(&mut self, name: &str, codes: Option<&[String]>) -> Result<CombinedArea, String> {
        let codes = codes.map(<[String]>::to_vec).unwrap_or_else(|| self.picked.clone());
        let area = combine(&self.atlas, name, &codes)?;
        let own = OwnArea { name: area.name.clone(), codes: area.codes.clone() };
        match self.areas.iter_mut().find(|a| a.name == own.name) {
            Some(a) => *a = own,
            None => self.areas.push(own),
        }
        self.picked.clear();
        Ok(area)
    }

    /// Removes the area called `name`; whether there was one.
    pub fn remove(&mut self, name: &str) -> bool {
        let before = self.areas.len();
        self.areas.retain(|a| a.name != name.trim());
        self.areas.len() != before
    }

    /// Picks an area of `layer` to be made one, or lets it go if picked; picking on another
    /// layer starts again.
    pub fn pick(&mut self, layer: &str, code: &str) -> Result<(), String> {
        let l = self.atlas.layer(layer).ok_or_else(|| format!("there is no layer \"{layer}\" on this map"))?;
        if l.index_of(code).is_none() {
            return Err(format!("there is no area \"{code}\" on the {} layer to pick", l.id));
        }
        if self.picked_layer != layer {
            self.picked.clear();
            self.picked_layer = layer.to_string();
        }
        match self.picked.iter().position(|c| c == code) {
            Some(i) => drop(self.picked.remove(i)),
            None => self.picked.push(code.to_string()),
        }
        Ok(())
    }

    /// Every area with its figures, in `period` for the indicators that have it.
    pub fn combined(&self, period: Option<&str>) -> Vec<CombinedArea> {
        self.areas.iter().filter_map(|a| combine_at(&self.atlas, &a.name, &a.codes, period).ok()).collect()
    }

    /// The areas of one's own on `layer`.
    fn on<'a>(&'a self, layer: &'a str) -> impl Iterator<Item = &'a OwnArea> + 'a {
        let l = self.atlas.layer(layer);
        self.areas.iter().filter(move |a| l.is_some_and(|l| a.codes.iter().all(|c| l.index_of(c).is_some())))
    }

    /// The table's rows of the areas on `layer` for `indicator` (in `period`).
    pub fn rows(&self, layer: &str, indicator: &str, period: Option<&str>) -> Vec<OwnRow> {
        let noun = self.atlas.layer(layer).map_or("areas", |l| l.noun.as_str());
        let ind = self.atlas.indicator(indicator);
        self.on(layer)
            .map(|a| {
                let f = ind.map(|i| (i, figure(&self.atlas, i, &a.codes, period)));
                let (value, value_text, comparison) = match &f {
                    Some((i, f)) => match f.value {
                        Some(v) => (Some(v), text::format_value(v, i.decimals, &i.unit), f.comparison.england.clone().unwrap_or_default()),
                        None => (None, f.note.clone().unwrap_or_else(|| "no data".into()), String::new()),
                    },
                    None => (None, "does not combine: the need index places areas against each other".into(), String::new()),
                };
                let n = a.codes.len();
                let noun = if n == 1 { noun.strip_suffix('s').unwrap_or(noun) } else { noun };
                OwnRow { code: a.code(), name: a.name.clone(), value, value_text, rank_text: format!("your area: {n} {noun}"), comparison }
            })
            .collect()
    }

    /// The rows of the areas on `layer` in the widget's tidy CSV (no heading): its areas'
    /// codes joined by `+`, its name, the combined value and interval, and its comparison
    /// with England (or why there is no value).
    pub fn csv(&self, layer: &str, indicator: &str, period: Option<&str>) -> String {
        let Some(ind) = self.atlas.indicator(indicator) else { return String::new() };
        let mut out = String::new();
        for a in self.on(layer) {
            let f = figure(&self.atlas, ind, &a.codes, period);
            let num = |v: Option<f64>| v.map(text::number).unwrap_or_default();
            let words = f.comparison.england.clone().or(f.note.clone()).unwrap_or_default();
            let cells = [a.code(), a.name.clone(), ind.id.clone(), f.period.clone(), num(f.value), num(f.lower), num(f.upper), words];
            let cells: Vec<String> = cells.iter().map(|c| text::csv_cell(c)).collect();
            out.push_str(&cells.join(","));
            out.push('\n');
        }
        out
    }

    /// The outlines to draw over `layer`, in its mesh's coordinates (`mesh`'s parts: points,
    /// ring starts, area starts): each area of one's own as one shape, then each area picked.
    /// Returns the points, the ring starts (and the end), the first picked ring and the first
    /// ring of the areas shown as like a selected one.
    pub fn outlines(&self, layer: &str, xy: &[f32], rings: &[u32], areas: &[u32]) -> (Vec<f32>, Vec<u32>, u32, u32) {
        let Some(l) = self.atlas.layer(layer) else { return (Vec::new(), vec![0], 0, 0) };
        let rings_of = |code: &str| -> Vec<Vec<[f32; 2]>> {
            let Some(a) = l.index_of(code).filter(|a| a + 1 < areas.len()) else { return Vec::new() };
            (areas[a] as usize..areas[a + 1] as usize)
                .filter_map(|r| xy.get(rings[r] as usize * 2..*rings.get(r + 1)? as usize * 2))
                .map(|pts| pts.chunks_exact(2).map(|p| [p[0], p[1]]).collect())
                .collect()
        };
        let mut shapes: Vec<Vec<[f32; 2]>> = Vec::new();
        for a in self.on(layer) {
            let rings: Vec<Vec<[f32; 2]>> = a.codes.iter().flat_map(|c| rings_of(c)).collect();
            shapes.extend(crate::place::union::outer_edges(&rings));
        }
        let first_picked = shapes.len() as u32;
        if self.picked_layer == layer {
            shapes.extend(self.picked.iter().flat_map(|c| rings_of(c)));
        }
        let first_alike = shapes.len() as u32;
        shapes.extend(self.alike.iter().flat_map(|c| rings_of(c)));
        let (mut out, mut starts) = (Vec::new(), vec![0u32]);
        for ring in &shapes {
            out.extend(ring.iter().flatten());
            starts.push((out.len() / 2) as u32);
        }
        (out, starts, first_picked, first_alike)
    }
}

impl OwnAreas {
    /// Defines the groups of a page's file (`groups="family-hubs.csv"`): a CSV of an area code
    /// and a group name per row (a heading row first, whatever its words), each group made one
    /// area. Every problem is named by the file's line, and none is defined unless all are good.
    /// Returns the groups' names.
    ///
    /// ```
    /// use needs_map::{derive::combine::OwnAreas, read::bundle};
    /// let mut own = OwnAreas::new(bundle::figures_of(include_str!("../../../data/coventry.json")).unwrap());
    /// let csv = "area_code,group\nE05001222,North hub\nE05001227,North hub\nE05001228,\"Centre, hub\"\n";
    /// assert_eq!(own.groups(csv, "hubs.csv").unwrap(), ["North hub", "Centre, hub"]);
    /// assert_eq!(own.areas[0].codes, ["E05001222", "E05001227"]);
    /// let e = own.groups("code,group\nE05001222,A\nE0500122,A\n", "hubs.csv").unwrap_err();
    /// assert_eq!(e, ["hubs.csv: line 3: \"E0500122\" is not an area of this map; give the codes of its areas (areas() lists them)"]);
    /// ```
    #[cfg(any(feature = "cli", feature = "own"))]
    pub fn groups(&mut self, text: &str, file: &str) -> Result<Vec<String>, Vec<String>> {
        let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(text.as_bytes());
        let mut groups: Vec<(String, Vec<String>, u64)> = Vec::new();
        let mut problems = Vec::new();
        for row in reader.records() {
            let row = match row {
                Ok(r) => r,
                Err(e) => {
                    problems.push(format!("{file}: {e}; save it as CSV (UTF-8)"));
                    break;
                }
            };
            let line = row.position().map_or(0, |p| p.line());
            let (code, name) = (row.get(0).unwrap_or("").trim(), row.get(1).unwrap_or("").trim());
            if code.is_empty() && name.is_empty() {
                continue;
            }
            if name.is_empty() {
                problems.push(format!("{file}: line {line}: \"{code}\" has no group name; give each row an area code and a group name"));
                continue;
            }
            if !self.atlas.layers.iter().any(|l| l.index_of(code).is_some()) {
                problems.push(format!(
                    "{file}: line {line}: \"{code}\" is not an area of this map; give the codes of its areas (areas() lists them)"
                ));
                continue;
            }
            match groups.iter_mut().find(|g| g.0 == name) {
                Some(g) => g.1.push(code.to_string()),
                None => groups.push((name.to_string(), vec![code.to_string()], line)),
            }
        }
        // Each group checked as a whole (its areas of one layer) before any is kept.
        for (name, codes, line) in &groups {
            if let Err(e) = combine(&self.atlas, name, codes) {
                problems.push(format!("{file}: group \"{name}\" (from line {line}): {e}"));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        for (name, codes, _) in &groups {
            self.define(name, Some(codes)).map_err(|e| vec![e])?;
        }
        Ok(groups.into_iter().map(|g| g.0).collect())
    }
}

impl OwnAreas {
    /// The profile of the area called `name`, as an area's (`Widget::profile`): each indicator
    /// of its layer added up, beside the place, England and the range of the layer's areas,
    /// with its value in every period; where it does not add up, why.
    ///
    /// ```
    /// use needs_map::{derive::combine::OwnAreas, read::bundle};
    /// let mut own = OwnAreas::new(bundle::figures_of(include_str!("../../../data/coventry.json")).unwrap());
    /// own.define("North", Some(&["E05001222".into(), "E05001227".into()])).unwrap();
    /// let rows = own.profile("North").unwrap();
    /// let pop = rows.iter().find(|r| r.id == "population").unwrap();
    /// assert_eq!(pop.series.iter().map(|(p, v)| (p.as_str(), v.unwrap())).collect::<Vec<_>>(),
    ///     [("mid-2015", 42_840.0), ("mid-2017", 44_953.0), ("mid-2019", 46_579.0), ("mid-2020", 47_521.0)]); // the LSOA files summed
    /// ```
    pub fn profile(&self, name: &str) -> Option<Vec<crate::widget::answers::ProfileRow>> {
        use crate::derive::significance::Comparison;
        let a = self.areas.iter().find(|a| a.name == name.trim())?;
        let layer = self.atlas.layers.iter().find(|l| a.codes.iter().all(|c| l.index_of(c).is_some()))?;
        let rows = self.atlas.indicators.iter().filter(|i| i.layer == layer.id && i.id != crate::derive::need::ID);
        Some(
            rows.filter_map(|i| {
                let s = i.latest()?;
                let f = figure(&self.atlas, i, &a.codes, None);
                let estimate = f.value.map(|value| Estimate { value, lower: f.lower, upper: f.upper });
                let comparison = match (estimate, f.lower, s.england) {
                    (Some(e), Some(_), Some(b)) => compare_by(&e, &b, i.polarity, i.significance_level, SignificanceTest::Contains),
                    _ => Comparison::NotCompared,
                };
                let series = i.series.iter().map(|p| (p.period.clone(), figure(&self.atlas, i, &a.codes, Some(&p.period)).value)).collect();
                let words = f.comparison.england.clone().unwrap_or_default();
                Some(crate::widget::answers::ProfileRow::new(i, s, estimate, comparison, words, f.note.clone(), series))
            })
            .collect(),
        )
    }
}

impl OwnAreas {
    /// The figures they are added up from (the bundle's and the page's own).
    pub fn atlas(&self) -> &Atlas {
        &self.atlas
    }

    /// The figures, to add a page's own to as the map was given them (`Atlas::add_figures`),
    /// so that areas of one's own and profiles add them up too.
    pub fn atlas_mut(&mut self) -> &mut Atlas {
        &mut self.atlas
    }

    /// The five areas most like `code` (see `derive::similar`), kept to be outlined, with the
    /// method in words; `None` when `code` is no area of the map.
    pub fn similar(&mut self, code: &str) -> Option<(Vec<crate::derive::similar::Alike>, String)> {
        let (alike, over) = crate::derive::similar::similar(&self.atlas, code, 5)?;
        self.alike = alike.iter().map(|a| a.code.clone()).collect();
        Some((alike, crate::derive::similar::method(over)))
    }
}
