//! The one model everything reads: layers of areas and the indicators shown on them.
//!
//! Readers (`load`, `bundle`, the recipe) build an [`Atlas`]; scenes and exports read it.
//! The widget owns one and adds to it: a page's own figures (`Widget::add_figures`) and the
//! need index it composes become indicators like the bundle's. Values are kept per period
//! so trends need no second model.

use crate::model::geometry::{Bounds, MultiPolygon};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A place, as the bundle names it (Coventry is `E08000026`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub code: String,
    pub name: String,
}

/// How an area's confidence interval is tested against a benchmark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SignificanceTest {
    /// Significant when the benchmark's value lies outside the area's interval (Fingertips).
    #[default]
    Contains,
    /// Significant when the area's and the benchmark's intervals do not overlap (ONS's test
    /// in its health state life expectancy tables).
    Overlap,
}

impl SignificanceTest {
    pub fn is_default(&self) -> bool {
        *self == SignificanceTest::Contains
    }
}

/// Which direction is good. Decides the palette's dark end and the words used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Polarity {
    HigherWorse,
    HigherBetter,
    Neutral,
}

/// A small area: ward, LSOA or MSOA.
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    pub code: String,
    pub name: String,
    /// Longitude/latitude (CRS84), exterior rings counter-clockwise.
    pub geometry: MultiPolygon,
}

/// A set of areas of one kind (wards of 2025, MSOAs of 2011 ...).
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    pub id: String,
    pub label: String,
    /// Plural noun used in sentences: "1st most deprived of 18 wards".
    pub noun: String,
    pub areas: Vec<Area>,
}

impl Layer {
    pub fn bounds(&self) -> Bounds {
        let mut b = Bounds::empty();
        for a in &self.areas {
            b.union(&Bounds::of(&a.geometry));
        }
        b
    }
    pub fn index_of(&self, code: &str) -> Option<usize> {
        self.areas.iter().position(|a| a.code == code)
    }
}

/// A value with its 95% confidence interval where the source gives one.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    pub value: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lower: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upper: Option<f64>,
}

impl Estimate {
    pub fn point(value: f64) -> Self {
        Estimate { value, lower: None, upper: None }
    }
}

/// One period's values of an indicator, with its benchmarks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    pub period: String,
    /// Area code -> estimate. Areas without a value are absent, never zero.
    pub values: BTreeMap<String, Estimate>,
    /// England's value for the same period and method, where there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub england: Option<Estimate>,
    /// The whole place's value (Coventry), where there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<Estimate>,
    /// Area code -> the two sums each value was made from, where the indicator's
    /// [`Combine`] rule needs them to add areas up: `[Σ value × weight, Σ weight]` for a
    /// weighted mean, `[numerator, denominator]` for a ratio, `[end, start]` for growth.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub parts: BTreeMap<String, [f64; 2]>,
}

/// How the values of several areas add up to one value for an area made of them (a family
/// hub's wards, a primary care network's neighbourhoods). Recorded per indicator by the
/// recipe (inferred from how its values are made, or stated); a value is never averaged
/// where its rule does not say so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case", deny_unknown_fields)]
pub enum Combine {
    /// `Σ(value × weight) / Σ weight`, the weight a named population (IMD scores are
    /// population-weighted means of LSOA scores). Parts: `[Σ value × weight, Σ weight]`.
    WeightedMean { weight: String },
    /// `per × Σ numerator / Σ denominator` (a share of LSOAs, GP practices per 10,000).
    /// `proportion`: the numerator counts members of the denominator (LSOAs in decile 1 of
    /// all LSOAs), so a combined value gets a 95% Wilson interval and is tested by it.
    Ratio {
        per: f64,
        #[serde(default)]
        proportion: bool,
    },
    /// `Σ value` (a population).
    Sum,
    /// Percentage change of the sums: `100 × (Σ end / Σ start − 1)`. Parts: `[end, start]`.
    Growth,
    /// Does not combine, and why (a life expectancy is made from deaths and population by
    /// age, which the source does not give).
    None { why: String },
}

/// What an indicator is, how to read it, and its values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    pub id: String,
    pub label: String,
    /// Unit shown after values: "%", "years", "people", or "" for a score.
    #[serde(default)]
    pub unit: String,
    pub polarity: Polarity,
    pub layer: String,
    /// Decimal places shown (values are stored to at most three).
    #[serde(default = "default_decimals")]
    pub decimals: u8,
    /// How the value was made, in a sentence, for the panel and exports.
    #[serde(default)]
    pub description: String,
    pub source: String,
    /// Word used in ranks for higher-worse/higher-better indicators ("most deprived").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank_word: Option<String>,
    /// Confidence level (percent) at which areas are tested against benchmarks; 95 unless
    /// the source tested at another level (see `significance`).
    #[serde(default = "default_level", skip_serializing_if = "is_default_level")]
    pub significance_level: f64,
    /// How an area's interval is tested against the benchmark (see `significance`).
    #[serde(default, skip_serializing_if = "SignificanceTest::is_default")]
    pub significance_test: SignificanceTest,
    /// A short name for sentences and the bivariate legend ("deprivation", "growth").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<String>,
    /// Where the indicator sits in the Health and Wellbeing Strategy's population-health
    /// framework (see [`FRAMEWORK`]); the picker groups indicators by it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framework: Option<String>,
    /// Why the change between two periods is not shown, where it must not be (the scores of
    /// two editions of the indices of deprivation are not on one scale).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_change: Option<String>,
    /// How values of several areas combine (see [`Combine`]); `None` where the source does
    /// not say (a page's own figures), which does not combine either.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub combine: Option<Combine>,
    /// Oldest first; the last is the one shown.
    pub series: Vec<Series>,
}

/// The framework's components, as bundles tag them, with the words the picker shows, in
/// the order it shows them: the four pillars of the King's Fund population-health model that
/// Coventry's strategy adopts, then outcomes and context.
pub const FRAMEWORK: [(&str, &str); 6] = [
    ("wider-determinants", "Wider determinants of health"),
    ("behaviours-lifestyles", "Our behaviours and lifestyles"),
    ("places-communities", "The places and communities we live in"),
    ("integrated-care", "An integrated health and care system"),
    ("health-outcomes", "Health outcomes"),
    ("population", "Population context"),
];

fn default_level() -> f64 {
    95.0
}

fn is_default_level(l: &f64) -> bool {
    *l == 95.0
}

fn default_decimals() -> u8 {
    1
}

impl Indicator {
    /// An indicator of `layer` with `series`, and the usual rest: no unit, one decimal,
    /// judged at 95% by whether the intervals overlap England's, combining by no stated rule.
    /// Set the others with struct update syntax.
    ///
    /// ```
    /// use needs_map::model::atlas::{Indicator, Polarity};
    /// let i = Indicator { unit: "people".into(), decimals: 0, ..Indicator::new("pop", "Population", "ward", Polarity::Neutral, vec![]) };
    /// assert_eq!((i.significance_level, i.decimals), (95.0, 0));
    /// ```
    pub fn new(id: &str, label: &str, layer: &str, polarity: Polarity, series: Vec<Series>) -> Indicator {
        Indicator {
            id: id.into(),
            label: label.into(),
            unit: String::new(),
            polarity,
            layer: layer.into(),
            decimals: 1,
            description: String::new(),
            source: String::new(),
            rank_word: None,
            significance_level: 95.0,
            significance_test: Default::default(),
            short: None,
            framework: None,
            no_change: None,
            combine: None,
            series,
        }
    }

    /// The period shown by default: the latest.
    pub fn latest(&self) -> Option<&Series> {
        self.series.last()
    }
    /// The series of `period`, or the latest for `None`; `None` when the indicator has no
    /// such period.
    ///
    /// ```
    /// use needs_map::read::bundle;
    /// let atlas = bundle::from_json(include_str!("../../../data/coventry.json")).unwrap();
    /// let population = atlas.indicator("population").unwrap();
    /// assert_eq!(population.series_at(Some("mid-2017")).unwrap().values["E05001222"].value, 22_723.0);
    /// assert_eq!(population.series_at(None).unwrap().period, "mid-2020");
    /// assert!(population.series_at(Some("2019")).is_none());
    /// ```
    pub fn series_at(&self, period: Option<&str>) -> Option<&Series> {
        match period {
            None => self.latest(),
            Some(p) => self.series.iter().find(|s| s.period == p),
        }
    }
    /// The periods there are values for, oldest first.
    pub fn periods(&self) -> impl Iterator<Item = &str> {
        self.series.iter().map(|s| s.period.as_str())
    }
    pub fn period(&self) -> &str {
        self.latest().map(|s| s.period.as_str()).unwrap_or("")
    }
    pub fn value(&self, code: &str) -> Option<f64> {
        self.latest().and_then(|s| s.values.get(code)).map(|e| e.value)
    }
}

/// Title, sources and attribution carried with the data so every view can credit it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub place: Place,
    pub attribution: String,
    #[serde(default)]
    pub vintage: String,
    #[serde(default)]
    pub sources: Vec<Source>,
}

/// A file the bundle was made from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub name: String,
    pub publisher: String,
    pub licence: String,
    pub file: String,
}

/// Everything a map can show.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Atlas {
    pub meta: Meta,
    pub layers: Vec<Layer>,
    pub indicators: Vec<Indicator>,
    /// Postcodes of the map's area and where they are, when the recipe gives them.
    pub postcodes: Option<crate::derive::postcode::Postcodes>,
    /// Services (GP practices, pharmacies ...) drawn as points over the areas.
    pub services: Vec<ServiceKind>,
}

/// A kind of service and where each one is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceKind {
    pub id: String,
    /// Plural, for toggles and legends: "GP practices".
    pub label: String,
    /// Singular, for tooltips: "GP practice".
    pub singular: String,
    /// `circle`, `square`, `triangle` or `diamond`: kinds differ by shape, not colour alone.
    pub shape: String,
    pub source: String,
    pub points: Vec<Service>,
}

/// One service, placed by its postcode.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Service {
    pub code: String,
    pub name: String,
    pub address: String,
    pub postcode: String,
    /// Longitude, latitude of the postcode.
    pub at: [f64; 2],
}

impl Atlas {
    pub fn layer(&self, id: &str) -> Option<&Layer> {
        self.layers.iter().find(|l| l.id == id)
    }
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// Adds a page's own figures (`el.addIndicator`) as an indicator of `layer`: `codes` and
    /// `values` in step, a value that is not a number left out; it replaces an indicator of
    /// the same id. An unknown code is an error naming it. The widget and the module of the
    /// page's figures (profiles, areas of one's own) both add them this way, so they agree.
    ///
    /// ```
    /// use needs_map::model::atlas::Atlas;
    /// let mut a = needs_map::read::bundle::figures_of(include_str!("../../../data/coventry.json")).unwrap();
    /// a.add_figures("ward", "visits", "Visits", "neutral", &["E05001222"], &[12.0]).unwrap();
    /// assert_eq!(a.indicator("visits").unwrap().latest().unwrap().values["E05001222"].value, 12.0);
    /// assert!(a.add_figures("ward", "visits", "Visits", "neutral", &["E0"], &[1.0]).unwrap_err().contains("\"E0\""));
    /// ```
    pub fn add_figures(
        &mut self,
        layer: &str,
        id: &str,
        label: &str,
        polarity: &str,
        codes: &[&str],
        values: &[f64],
    ) -> Result<(), String> {
        let polarity = match polarity {
            "higher-worse" => Polarity::HigherWorse,
            "higher-better" => Polarity::HigherBetter,
            "neutral" | "" => Polarity::Neutral,
            p => return Err(format!("polarity \"{p}\" is not one of higher-worse, higher-better, neutral")),
        };
        if codes.len() != values.len() {
            return Err(format!("{} codes but {} values: give one value per code", codes.len(), values.len()));
        }
        let layer = self.layer(layer).ok_or_else(|| format!("the map has no layer \"{layer}\""))?;
        // Codes in the layer's order (as `areas()` lists them) need no search; others are
        // looked for one by one (a sorted index would be 3 KB of the download for a rare case).
        let in_order = codes.len() <= layer.areas.len() && codes.iter().zip(&layer.areas).all(|(c, a)| *c == a.code);
        if !in_order {
            if let Some(c) = codes.iter().find(|c| layer.index_of(c).is_none()) {
                return Err(format!("\"{c}\" is not an area of the {} layer; check the codes of indicator \"{id}\"", layer.id));
            }
        }
        let values = codes.iter().zip(values).filter(|(_, v)| v.is_finite()).map(|(c, v)| (c.to_string(), Estimate::point(*v))).collect();
        let series = vec![Series { period: String::new(), values, england: None, city: None, parts: Default::default() }];
        let ind = Indicator { source: "figures given by this page".into(), ..Indicator::new(id, label, &layer.id, polarity, series) };
        self.indicators.retain(|i| i.id != id);
        self.indicators.push(ind);
        Ok(())
    }
}
