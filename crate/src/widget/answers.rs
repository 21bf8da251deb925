//! What the widget tells the page: the view, its areas and indicators, the words of the
//! title, legend, table, tooltips and announcements, the area profile, the CSV export and
//! postcode answers. Every text from data is returned as text; the page shows it as text.

use super::settings::{self, Mode, Settings};
use super::Widget;
use crate::derive::postcode::{self, Status};
use crate::derive::significance::{compare_for, Comparison};
use crate::draw::picture::{self, Picture, Sheet};
use crate::model::atlas::{Atlas, Indicator, Polarity, Series, SignificanceTest, FRAMEWORK};
use crate::scene::Against;
use crate::style::text;
use serde::{Serialize, Serializer};
use std::fmt::Write;

/// The view as the element's `view` gives it: every setting, defaults resolved.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ViewState {
    pub layer: String,
    pub indicator: Option<String>,
    /// The period shown (the latest unless one is set).
    pub period: Option<String>,
    pub mode: Mode,
    pub classification: &'static str,
    pub classes: usize,
    pub breaks: Vec<f64>,
    pub palette: Option<String>,
    pub benchmark: &'static str,
    pub bivariate: Option<[String; 2]>,
    pub need_index: Weights,
    pub selected: Option<String>,
    pub zoom: f64,
    pub centre: Option<[f64; 2]>,
    pub services: Vec<String>,
    /// How a change view measures change: "percent" or "absolute".
    pub change: crate::derive::change::Kind,
    /// "period" (classes from the shown period's values) or "fixed" (from every period's).
    pub scale: &'static str,
    /// The areas' names on the map: "auto" (for up to 40 areas), "on" or "off".
    pub labels: &'static str,
}

/// Need-index weights, written as an object in their order: `{"imd_score": 2, "gp_per_10k": 1}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Weights(pub Vec<(String, f64)>);

impl Serialize for Weights {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

/// An area as `areas()` lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaInfo {
    pub code: String,
    pub name: String,
    pub value: Option<f64>,
    pub class: Option<usize>,
    pub color: String,
}

/// An indicator as `indicators()` lists it (the element gives pages the first seven).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IndicatorInfo {
    pub id: String,
    pub label: String,
    pub unit: String,
    pub polarity: Polarity,
    pub layer: String,
    pub period: String,
    pub source: String,
    pub layer_label: String,
    pub periods: Vec<String>,
    pub description: String,
    /// The strategy framework's component, and its words for the picker's groups.
    pub framework: String,
    pub framework_label: String,
}

/// The words around the map.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Words {
    pub title: String,
    /// "18 wards of Coventry".
    pub covers: String,
    /// The map's accessible name: "Map: IMD score (2019), by ward. 18 wards of Coventry."
    pub name: String,
    pub attribution: String,
    pub place: String,
    /// The layer's plural noun, "wards".
    pub noun: String,
    /// How many areas the layer has (without listing them: `areas()` is the whole table).
    pub count: usize,
    /// The search box's label and hint: a postcode only where the bundle has an index, and
    /// an example name from this map ("Find an area"; "For example Bablake").
    pub search: String,
    pub hint: String,
}

/// The legend, as the page lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LegendInfo {
    pub title: String,
    pub kind: &'static str,
    pub note: String,
    pub entries: Vec<LegendRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LegendRow {
    pub color: String,
    pub label: String,
    pub count: usize,
    /// "hatched", "dotted", "cross-hatched" or "" (the page draws the swatch with the map's painter).
    pub pattern: &'static str,
    /// "3 wards".
    pub areas: String,
}

/// The table view: a caption, column headings and one row per area.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    pub caption: String,
    /// "Area (wards)".
    pub area: String,
    /// "IMD score, 2019".
    pub value: String,
    /// Whether the comparison column is shown (the indicator has intervals).
    pub compared: bool,
    pub rows: Vec<TableRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TableRow {
    pub code: String,
    pub name: String,
    pub value: Option<f64>,
    /// "44.58", "42,465 people", "no data".
    pub value_text: String,
    pub rank: Option<usize>,
    pub rank_text: String,
    /// "significantly worse than England", or "" without an interval.
    pub comparison: String,
}

/// One indicator of the area profile.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileRow {
    pub id: String,
    pub label: String,
    pub unit: String,
    pub decimals: u8,
    pub polarity: Polarity,
    pub period: String,
    pub value: Option<f64>,
    pub lower: Option<f64>,
    pub upper: Option<f64>,
    pub city: Option<f64>,
    pub england: Option<f64>,
    /// The lowest and highest values among the layer's areas, and their quartiles.
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub q1: Option<f64>,
    pub q3: Option<f64>,
    pub value_text: String,
    pub city_text: String,
    pub england_text: String,
    pub comparison: Comparison,
    pub comparison_text: String,
    /// Every period's value for the area, oldest first (a trend where there are several).
    pub series: Vec<(String, Option<f64>)>,
}

impl ProfileRow {
    /// The row of indicator `i` (its series `s`) for an area whose figure is `e`: beside the
    /// place, England, and the range and quartiles of the layer's areas. The comparison, its
    /// words, the value's words where there is no value (why), and the values by period are
    /// the caller's: an area's own, or an area of one's own added up (`derive::combine`).
    pub fn new(
        i: &Indicator,
        s: &Series,
        e: Option<crate::model::atlas::Estimate>,
        comparison: Comparison,
        comparison_text: String,
        why_none: Option<String>,
        series: Vec<(String, Option<f64>)>,
    ) -> ProfileRow {
        let all: Vec<f64> = s.values.values().map(|e| e.value).collect();
        let f = |v: Option<f64>| v.map_or("no data".to_string(), |v| text::format_value(v, i.decimals, &i.unit));
        let quartiles = crate::derive::aggregate::quartiles(&all);
        ProfileRow {
            id: i.id.clone(),
            label: i.label.clone(),
            unit: i.unit.clone(),
            decimals: i.decimals,
            polarity: i.polarity,
            period: s.period.clone(),
            value: e.map(|e| e.value),
            lower: e.and_then(|e| e.lower),
            upper: e.and_then(|e| e.upper),
            city: s.city.map(|c| c.value),
            england: s.england.map(|c| c.value),
            min: all.iter().copied().reduce(f64::min),
            max: all.iter().copied().reduce(f64::max),
            q1: quartiles.map(|q| q.0),
            q3: quartiles.map(|q| q.1),
            value_text: match (e, why_none) {
                (None, Some(why)) => why,
                _ => f(e.map(|e| e.value)),
            },
            city_text: f(s.city.map(|c| c.value)),
            england_text: f(s.england.map(|c| c.value)),
            comparison,
            comparison_text,
            series,
        }
    }
}

/// A postcode's answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PostcodeAnswer {
    pub postcode: String,
    pub status: Status,
    pub area: Option<AreaRef>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaRef {
    pub code: String,
    pub name: String,
}

fn singular(noun: &str) -> &str {
    noun.strip_suffix('s').unwrap_or(noun)
}

impl Widget {
    /// The view, every default resolved: what `view` gives and the controls show.
    pub fn view_state(&self) -> ViewState {
        let s = &self.settings;
        let shown = s.indicator.as_deref().and_then(|i| self.atlas.indicator(i));
        ViewState {
            layer: s.layer.clone(),
            indicator: s.indicator.clone(),
            // A change view's two periods as they were given ("mid-2015..mid-2020").
            period: match self.change_range() {
                Some(_) => s.period.clone(),
                None => shown.and_then(|i| i.series_at(s.period.as_deref())).map(|s| s.period.clone()),
            },
            mode: s.mode,
            classification: s.classification.name(),
            classes: s.classes,
            breaks: s.breaks.clone(),
            palette: s.palette.clone(),
            benchmark: match s.benchmark {
                Against::England => "england",
                Against::City => "city",
            },
            bivariate: self.bivariate(),
            need_index: Weights(self.need_weights().unwrap_or_default()),
            selected: s.selected.clone(),
            zoom: s.zoom,
            centre: s.centre,
            services: s.services.clone(),
            change: s.change,
            scale: if s.fixed_scale { "fixed" } else { "period" },
            labels: match s.labels {
                None => "auto",
                Some(true) => "on",
                Some(false) => "off",
            },
        }
    }

    /// The link fragment's pairs for this view (see `settings::to_fragment`), with the
    /// bivariate pair and need weights in use written out when those modes are shown.
    pub fn fragment(&self) -> Vec<(&'static str, String)> {
        let s = Settings { bivariate: self.bivariate(), need_index: self.need_weights(), ..self.settings.clone() };
        settings::to_fragment(&s)
    }

    /// The indicator shown and the series of it shown.
    pub(crate) fn shown_series(&self) -> Option<(&Indicator, &Series)> {
        let ind = self.shown()?;
        let period =
            if self.settings.mode == Mode::Choropleth && self.change_range().is_none() { self.settings.period.as_deref() } else { None };
        Some((ind, ind.series_at(period)?))
    }

    /// The areas of the shown layer, in order, with the shown values, classes and colours.
    pub fn areas(&self) -> Vec<AreaInfo> {
        let Some(scene) = &self.scene else { return Vec::new() };
        scene
            .shapes
            .iter()
            .map(|s| AreaInfo { code: s.code.clone(), name: s.name.clone(), value: s.value, class: s.class, color: s.fill.hex() })
            .collect()
    }

    /// The name of an area of the shown layer.
    pub fn area_name(&self, code: &str) -> Option<&str> {
        self.layer().areas.iter().find(|a| a.code == code).map(|a| a.name.as_str())
    }

    /// Every indicator of the bundle (the need index too, once made).
    pub fn indicators(&self) -> Vec<IndicatorInfo> {
        self.atlas
            .indicators
            .iter()
            .filter(|i| i.id != crate::derive::change::ID)
            .map(|i| IndicatorInfo {
                id: i.id.clone(),
                label: i.label.clone(),
                unit: i.unit.clone(),
                polarity: i.polarity,
                layer: i.layer.clone(),
                period: i.period().to_string(),
                source: i.source.clone(),
                layer_label: self.atlas.layer(&i.layer).map(|l| l.label.clone()).unwrap_or_default(),
                periods: i.periods().map(str::to_string).collect(),
                description: i.description.clone(),
                framework: i.framework.clone().unwrap_or_default(),
                framework_label: FRAMEWORK
                    .iter()
                    .find(|(id, _)| Some(*id) == i.framework.as_deref())
                    .map_or("Other indicators", |(_, l)| l)
                    .to_string(),
            })
            .collect()
    }

    /// The title, what the map covers and the map's accessible name, and the search box's
    /// words (a postcode only where the bundle has postcodes).
    ///
    /// ```
    /// use needs_map::widget::Widget;
    /// let w = Widget::from_bundle(include_str!("../../../data/coventry.json")).unwrap();
    /// let words = w.words();
    /// assert_eq!(words.name, "Map: IMD score (2019), by ward. 18 wards of Coventry.");
    /// assert_eq!((words.search.as_str(), words.hint.as_str()), ("Find a postcode or area", "For example Bablake"));
    /// ```
    pub fn words(&self) -> Words {
        let title = self.scene.as_ref().map(|s| s.title.clone()).unwrap_or_default();
        let layer = self.layer();
        let place = self.atlas.meta.place.name.clone();
        let n = layer.areas.len();
        let noun = if n == 1 { singular(&layer.noun) } else { &layer.noun };
        let covers = if place.is_empty() { format!("{n} {noun}") } else { format!("{n} {noun} of {place}") };
        Words {
            name: format!("Map: {title}. {covers}."),
            title,
            covers,
            attribution: self.atlas.meta.attribution.clone(),
            place,
            noun: layer.noun.clone(),
            count: n,
            search: if self.atlas.postcodes.is_some() { "Find a postcode or area" } else { "Find an area" }.into(),
            hint: layer.areas.first().map(|a| format!("For example {}", a.name)).unwrap_or_default(),
        }
    }

    /// The legend of the map shown.
    pub fn legend(&self) -> LegendInfo {
        let l = self.scene.as_ref().map(|s| s.legend.clone()).unwrap_or_default();
        let noun = &self.layer().noun;
        LegendInfo {
            title: l.title,
            kind: if l.kind.is_empty() { "classes" } else { l.kind },
            note: l.note,
            entries: l
                .entries
                .into_iter()
                .map(|e| LegendRow {
                    color: e.color.hex(),
                    areas: format!("{} {}", e.count, if e.count == 1 { singular(noun) } else { noun }),
                    label: e.label,
                    count: e.count,
                    pattern: e.pattern.name(),
                })
                .collect(),
        }
    }

    /// One line about an area: name, value with unit, rank, and its comparison with
    /// England where the indicator has intervals (tooltips and the live region).
    ///
    /// ```
    /// use needs_map::widget::Widget;
    /// let w = Widget::from_bundle(include_str!("../../../data/coventry.json")).unwrap();
    /// assert_eq!(w.describe("E05001222").unwrap(), "Foleshill: IMD score 44.58, 1st most deprived of 18 wards");
    /// ```
    pub fn describe(&self, code: &str) -> Option<String> {
        let scene = self.scene.as_ref()?;
        let shape = scene.shapes.iter().find(|s| s.code == code)?;
        let Some((ind, series)) = self.shown_series() else { return Some(shape.name.clone()) };
        if let (Some((from, to)), Some(c)) = (self.change_range(), &self.change) {
            if c.3.contains(&shape.code) {
                return Some(format!("{}: boundaries changed between {from} and {to}; not compared", shape.name));
            }
        }
        let all: Vec<f64> = scene.shapes.iter().filter_map(|s| s.value).collect();
        let mut line = text::describe(&shape.name, ind, shape.value, &all, &self.layer().noun);
        if let Some(c) = series.values.get(code).and_then(|e| text::england_comparison(ind, e, series.england.as_ref())) {
            line.push_str(", ");
            line.push_str(&c);
        }
        Some(line)
    }

    /// The line for a selected area: its description, interval, the city's and England's
    /// values, and the source.
    pub fn detail(&self, code: &str) -> Option<String> {
        let mut s = self.describe(code)?;
        let Some((ind, series)) = self.shown_series() else { return Some(s) };
        let f = |v: f64, unit: &str| text::format_value(v, ind.decimals, unit);
        if let Some((l, u)) = series.values.get(code).and_then(|e| e.lower.zip(e.upper)) {
            let _ = write!(s, " (95% CI {} to {})", f(l, ""), f(u, ""));
        }
        if let Some(c) = series.city {
            let _ = write!(s, ". {}: {}", self.atlas.meta.place.name, f(c.value, &ind.unit));
        }
        if let Some(e) = series.england {
            let _ = write!(s, ". England: {}", f(e.value, &ind.unit));
            if series.values.get(code).is_some_and(|v| v.lower.is_some()) {
                let test = match ind.significance_test {
                    SignificanceTest::Overlap => ", intervals apart",
                    SignificanceTest::Contains => "",
                };
                let _ = write!(s, " (compared at the {}% level{test})", text::number(ind.significance_level));
            }
        }
        let _ = write!(s, ". {} ({}).", ind.source, series.period);
        Some(s)
    }

    /// The table view's rows, with their headings.
    pub fn table(&self) -> Table {
        let words = self.words();
        let Some(scene) = &self.scene else {
            return Table { caption: words.title, area: String::new(), value: String::new(), compared: false, rows: Vec::new() };
        };
        let shown = self.shown_series();
        let all: Vec<f64> = scene.shapes.iter().filter_map(|s| s.value).collect();
        let rows = scene
            .shapes
            .iter()
            .map(|s| {
                let (value_text, rank, rank_text, comparison) = match (shown, s.value) {
                    (Some((ind, series)), Some(v)) => {
                        let r = text::rank(v, &all, ind.polarity);
                        let cmp = series
                            .values
                            .get(&s.code)
                            .and_then(|e| text::england_comparison(ind, e, series.england.as_ref()))
                            .unwrap_or_default();
                        (
                            text::format_value(v, ind.decimals, &ind.unit),
                            Some(r),
                            text::rank_phrase(r, all.len(), ind.polarity, ind.rank_word.as_deref(), &words.noun),
                            cmp,
                        )
                    }
                    _ => ("no data".to_string(), None, String::new(), String::new()),
                };
                TableRow { code: s.code.clone(), name: s.name.clone(), value: s.value, value_text, rank, rank_text, comparison }
            })
            .collect();
        let value = match shown {
            Some((i, s)) if !i.unit.is_empty() => format!("{} ({}), {}", i.label, i.unit, s.period),
            Some((i, s)) => format!("{}, {}", i.label, s.period),
            None => "Value".into(),
        };
        Table {
            caption: words.title,
            area: format!("Area ({})", words.noun),
            value,
            compared: shown.is_some_and(|(_, s)| s.values.values().any(|e| e.lower.is_some())),
            rows,
        }
    }

    /// Every indicator of the shown layer for one area, with the city, England, the range
    /// over the layer's areas and the comparison with England: the area profile.
    pub fn profile(&self, code: &str) -> Result<Vec<ProfileRow>, super::WidgetError> {
        profile(&self.atlas, &self.settings.layer, code).map_err(super::WidgetError::new)
    }

    /// The shown indicator as tidy CSV (the columns `needsmap validate` and recipes read),
    /// with each area's name and its comparison with England.
    ///
    /// ```
    /// use needs_map::widget::Widget;
    /// let w = Widget::from_bundle(include_str!("../../../data/coventry.json")).unwrap();
    /// let csv = w.csv().unwrap();
    /// assert!(csv.starts_with("area_code,area_name,indicator,period,value,lower_ci,upper_ci,comparison_with_england\n"));
    /// assert!(csv.contains("\nE05001222,Foleshill,imd_score,2019,44.58,,,not compared with England (no confidence interval)\n"));
    /// ```
    pub fn csv(&self) -> Result<String, super::WidgetError> {
        let (ind, series) = self.shown_series().ok_or_else(|| super::WidgetError::new("no indicator is shown"))?;
        let num = |v: Option<f64>| v.map(|v| settings::numbers(&[v])).unwrap_or_default();
        let mut out = String::from("area_code,area_name,indicator,period,value,lower_ci,upper_ci,comparison_with_england\n");
        for a in &self.layer().areas {
            let e = series.values.get(&a.code);
            let cmp = e.zip(series.england).map(|(e, b)| compare_for(ind, e, &b).phrase("England")).unwrap_or_default();
            let _ = writeln!(
                out,
                "{},{},{},{},{},{},{},{}",
                text::csv_cell(&a.code),
                text::csv_cell(&a.name),
                text::csv_cell(&ind.id),
                text::csv_cell(&series.period),
                num(e.map(|e| e.value)),
                num(e.and_then(|e| e.lower)),
                num(e.and_then(|e| e.upper)),
                text::csv_cell(&cmp)
            );
        }
        Ok(out)
    }

    /// Looks a postcode up in the bundle's index (nothing leaves the page), for the shown
    /// layer. (The browser reads the index in the module loaded on first use: see
    /// [`postcode_index`](Self::postcode_index) and [`postcode_answer`](Self::postcode_answer).)
    ///
    /// ```
    /// use needs_map::{derive::postcode::Status, widget::Widget};
    /// let mut w = Widget::from_bundle(include_str!("../../../data/coventry.json")).unwrap();
    /// let a = w.find_postcode("cv2 2dx").unwrap();
    /// assert_eq!((a.status, a.message.as_str()), (Status::Live, "CV2 2DX is in Henley."));
    /// ```
    pub fn find_postcode(&mut self, text: &str) -> Result<PostcodeAnswer, super::WidgetError> {
        let layer = self.settings.layer.clone();
        let (postcode, status, area) = match self.atlas.postcodes.as_mut() {
            Some(p) => p.index().map_err(super::WidgetError::new)?.lookup(text, &layer),
            None => postcode::PostcodeIndex::default().lookup(text, &layer),
        };
        Ok(self.postcode_answer(postcode, status, area))
    }

    /// The bundle's postcode index as JSON text (to be read where it is looked up), or `None`.
    pub fn postcode_index(&self) -> Option<String> {
        self.atlas.postcodes.as_ref()?.text()
    }

    /// The answer for a lookup's result: the area (by its index in the shown layer) and the
    /// sentence a person reads.
    pub fn postcode_answer(&self, postcode: String, status: Status, area: Option<usize>) -> PostcodeAnswer {
        let area = area.and_then(|i| self.layer().areas.get(i)).map(|a| AreaRef { code: a.code.clone(), name: a.name.clone() });
        let message = postcode::answer_with(&postcode, status, area.as_ref().map(|a| a.name.as_str()), self.atlas.postcodes.is_some());
        PostcodeAnswer { postcode, status, area, message }
    }

    /// The projection of the view refitted to the map's part of a `width` x `height` picture.
    pub fn picture_projection(&mut self, width: u32, height: u32) -> crate::place::project::Projection {
        let fit = picture::view_for(width, height);
        let centre =
            self.scene.as_ref().filter(|_| self.settings.zoom > 1.0).map(|s| s.projection.to_lonlat([s.width / 2.0, s.height / 2.0]));
        let mut view = self.view(fit.width, fit.height);
        view.centre = centre;
        let i = self.layer_mesh();
        view.projection(&self.details[i].1.extent())
    }

    /// All a picture of the view, `width` x `height`, shows but the outlines: the shading of
    /// the map as shown, where the outlines fall, and the services shown.
    pub fn sheet(&mut self, width: u32, height: u32) -> Sheet {
        let projection = self.picture_projection(width, height);
        let t = self.mesh().to_pixels(&projection);
        let covers = self.words().covers;
        let scene = self.scene.as_ref().expect("a widget always has a scene");
        let services = self
            .settings
            .services
            .iter()
            .filter_map(|id| self.atlas.services.iter().enumerate().find(|(_, k)| &k.id == id))
            .flat_map(|(ki, k)| {
                k.points.iter().map(move |p| {
                    let [x, y] = projection.to_pixel(p.at);
                    picture::Symbol { shape: k.shape.clone(), at: [x as f32, y as f32], colour: crate::draw::symbol::colour(ki) }
                })
            })
            .collect();
        Sheet {
            title: scene.title.clone(),
            covers,
            codes: scene.shapes.iter().map(|s| s.code.clone()).collect(),
            names: scene.shapes.iter().map(|s| s.name.clone()).collect(),
            fills: scene.shapes.iter().map(|s| s.fill).collect(),
            patterns: scene.shapes.iter().map(|s| s.pattern).collect(),
            selected: scene.selected,
            services,
            legend_title: scene.legend.title.clone(),
            legend: scene
                .legend
                .entries
                .iter()
                .map(|e| picture::Swatch { colour: e.color, pattern: e.pattern, label: format!("{} ({})", e.label, e.count) })
                .collect(),
            legend_note: scene.legend.note.clone(),
            source: scene.source.clone(),
            attribution: scene.attribution.clone(),
            place: [t.sx, t.tx, t.sy, t.ty],
            labels: self.labels_on(),
        }
    }

    /// The exported picture of the view, `width` x `height`, every point drawn.
    pub fn picture(&mut self, width: u32, height: u32) -> Result<Picture, super::WidgetError> {
        let sheet = self.sheet(width, height);
        Ok(Picture::new(sheet, self.mesh()))
    }

    /// The exported picture as SVG.
    pub fn svg(&mut self, width: u32, height: u32) -> Result<String, super::WidgetError> {
        let picture = self.picture(width, height)?;
        let mut svg = crate::draw::svg::SvgPainter::new(width, height, &picture.sheet.title, "nm");
        picture::draw(&mut svg, &picture, width, height);
        Ok(svg.finish())
    }
}

/// The profile of area `code` of `layer`: every indicator of the layer (but those derived
/// from others for a view) in its latest period, against England. A function of the figures
/// alone, so the module of the page's figures answers it without the map (see `web::own`).
///
/// ```
/// let atlas = needs_map::read::bundle::figures_of(include_str!("../../../data/coventry.json")).unwrap();
/// let rows = needs_map::widget::answers::profile(&atlas, "ward", "E05001222").unwrap();
/// assert_eq!(rows.iter().find(|r| r.id == "imd_score").unwrap().value, Some(44.58));
/// ```
pub fn profile(atlas: &Atlas, layer: &str, code: &str) -> Result<Vec<ProfileRow>, String> {
    let l = atlas.layer(layer).ok_or_else(|| format!("the map has no layer \"{layer}\""))?;
    if l.index_of(code).is_none() {
        return Err(format!("there is no area \"{code}\" on the {} layer", l.id));
    }
    Ok(atlas
        .indicators
        .iter()
        .filter(|i| i.layer == layer && !super::derived(&i.id))
        .filter_map(|i| {
            let s = i.latest()?;
            let e = s.values.get(code);
            let comparison = match (e, s.england) {
                (Some(e), Some(b)) => compare_for(i, e, &b),
                _ => Comparison::NotCompared,
            };
            let words = if comparison == Comparison::NotCompared { String::new() } else { comparison.phrase("England") };
            let series = i.series.iter().map(|s| (s.period.clone(), s.values.get(code).map(|e| e.value))).collect();
            Some(ProfileRow::new(i, s, e.copied(), comparison, words, None, series))
        })
        .collect())
}
