//! The state of a view: one value that the attributes, the options controls, the URL
//! fragment and the element's API all parse into, and that the map, the legend, the
//! table, the controls and the fragment are all drawn from.
//!
//! A change is a list of [`Change`]s, each naming one setting; [`Widget::set_view`]
//! (`super::Widget`) checks them against the data and applies them together, so a change
//! of one setting never alters another (beyond what must follow: an indicator brings its
//! layer, and another layer has none of the old one's areas to select or zoom to).

use crate::derive::change::Kind;
use crate::scene::Against;
use crate::style::classify::Method;
use serde::Serialize;
use std::fmt;

/// How the map is shaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// One indicator in classes (or, with `Classification::Benchmark`, compared).
    Choropleth,
    /// Two indicators, in terciles of each.
    Bivariate,
    /// The composite need index.
    Need,
}

/// How values are cut into classes, or compared with a benchmark instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Classification {
    Classes(Method),
    Benchmark,
}

impl Classification {
    /// As the attribute spells it.
    pub fn name(&self) -> &'static str {
        match self {
            Classification::Classes(m) => m.name().0,
            Classification::Benchmark => "benchmark",
        }
    }
}

/// Every setting of a view. `None` means the default the data suggests (see `Widget::view`).
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// The layer shown; an indicator's own layer when one is shown.
    pub layer: String,
    pub indicator: Option<String>,
    /// The indicator's period; `None` is its latest.
    pub period: Option<String>,
    pub mode: Mode,
    pub classification: Classification,
    /// 3 to 9.
    pub classes: usize,
    /// Upper bounds for custom classes, ascending.
    pub breaks: Vec<f64>,
    /// A palette id; `None` is the polarity's default.
    pub palette: Option<String>,
    pub benchmark: Against,
    /// The two indicators of the bivariate map.
    pub bivariate: Option<[String; 2]>,
    /// Indicator ids and weights of the need index.
    pub need_index: Option<Vec<(String, f64)>>,
    pub selected: Option<String>,
    /// 1 shows the whole layer; up to [`MAX_ZOOM`].
    pub zoom: f64,
    /// Longitude, latitude at the middle of the view; `None` is the layer's middle (so a
    /// zoom about the middle, by a button or the API, leaves it `None`, and a zoom back to
    /// 1 that names no centre returns to it).
    pub centre: Option<[f64; 2]>,
    /// Ids of the service kinds drawn.
    pub services: Vec<String>,
    /// How a change between two periods (`period = "mid-2015..mid-2020"`) is measured.
    pub change: Kind,
    /// Classes from the values of every period, so that a colour means the same value in
    /// each (`scale = "fixed"`), rather than from the shown period's alone.
    pub fixed_scale: bool,
    /// Whether the areas' names are on the map; `None`: when a layer has up to
    /// [`LABELS_UP_TO`] areas.
    pub labels: Option<bool>,
}

/// Names are on the map by default for a layer of up to this many areas (a council's wards;
/// its MSOAs and LSOAs start without, as the names would crowd them).
pub const LABELS_UP_TO: usize = 40;

impl Settings {
    /// The whole of `layer`, shaded by `indicator` in five quantile classes.
    pub fn new(layer: String, indicator: Option<String>) -> Settings {
        Settings {
            layer,
            indicator,
            period: None,
            mode: Mode::Choropleth,
            classification: Classification::Classes(Method::Quantile),
            classes: 5,
            breaks: Vec::new(),
            palette: None,
            benchmark: Against::England,
            bivariate: None,
            need_index: None,
            selected: None,
            zoom: 1.0,
            centre: None,
            services: Vec::new(),
            change: Kind::Percent,
            fixed_scale: false,
            labels: None,
        }
    }

    /// Sets one setting (unchecked against the data: see `Widget::set_view`).
    pub fn apply(&mut self, change: Change) {
        match change {
            Change::Layer(l) => self.layer = l,
            Change::Indicator(i) => self.indicator = Some(i),
            Change::Period(p) => self.period = p,
            Change::Mode(m) => self.mode = m,
            Change::Classification(c) => self.classification = c,
            Change::Classes(k) => self.classes = k,
            Change::Breaks(b) => self.breaks = b,
            Change::Palette(p) => self.palette = p,
            Change::Benchmark(b) => self.benchmark = b,
            Change::Bivariate(b) => self.bivariate = b,
            Change::NeedIndex(n) => self.need_index = n,
            Change::Selected(s) => self.selected = s,
            Change::Zoom(z) => self.zoom = z,
            Change::Centre(c) => self.centre = c,
            Change::Services(s) => self.services = s,
            Change::ChangeKind(k) => self.change = k,
            Change::FixedScale(f) => self.fixed_scale = f,
            Change::Labels(l) => self.labels = l,
        }
    }
}

/// One setting's new value.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Layer(String),
    Indicator(String),
    Period(Option<String>),
    Mode(Mode),
    Classification(Classification),
    Classes(usize),
    Breaks(Vec<f64>),
    Palette(Option<String>),
    Benchmark(Against),
    Bivariate(Option<[String; 2]>),
    NeedIndex(Option<Vec<(String, f64)>>),
    Selected(Option<String>),
    Zoom(f64),
    Centre(Option<[f64; 2]>),
    Services(Vec<String>),
    ChangeKind(Kind),
    FixedScale(bool),
    Labels(Option<bool>),
}

/// The closest view: one 64th of the layer's width.
pub const MAX_ZOOM: f64 = 64.0;

/// The names of the settings, as `view` and `setView` spell them.
pub const KEYS: [&str; 18] = [
    "layer",
    "indicator",
    "period",
    "mode",
    "classification",
    "classes",
    "breaks",
    "palette",
    "benchmark",
    "bivariate",
    "needIndex",
    "selected",
    "zoom",
    "centre",
    "services",
    "change",
    "scale",
    "labels",
];

/// A setting that could not be read: which, and what it takes.
#[derive(Debug, Clone, PartialEq)]
pub struct SettingError(pub String);

impl fmt::Display for SettingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for SettingError {}

/// Text trimmed, or `None` when blank (an attribute left empty: the default).
fn text(v: &str) -> Option<String> {
    Some(v.trim()).filter(|t| !t.is_empty()).map(str::to_string)
}

/// A number, as JSON writes it.
fn number(v: &str) -> Option<f64> {
    crate::style::text::parse_number(v)
}

/// The items of a list written with commas ("20, 30,40"); none for blank.
fn items(v: &str) -> Vec<&str> {
    if v.trim().is_empty() {
        Vec::new()
    } else {
        v.split(',').map(str::trim).collect()
    }
}

/// Reads one setting from its name (see [`KEYS`]) and its value as text, as an attribute
/// writes it ("5", "10,20,30", "imd_score:2,gp_per_10k:1"; the element writes the lists of
/// `view` so). Blank is the default.
///
/// ```
/// use needs_map::widget::settings::{parse, Change};
/// assert_eq!(parse("classes", "3").unwrap(), Change::Classes(3));
/// assert_eq!(parse("breaks", "20, 30").unwrap(), Change::Breaks(vec![20.0, 30.0]));
/// assert_eq!(parse("needIndex", "imd_score:2").unwrap(), Change::NeedIndex(Some(vec![("imd_score".into(), 2.0)])));
/// assert_eq!(parse("classes", "12").unwrap_err().to_string(), "classes must be a whole number from 3 to 9, not 12");
/// ```
pub fn parse(key: &str, v: &str) -> Result<Change, SettingError> {
    let err = |m: String| Err(SettingError(m));
    Ok(match key {
        "layer" => match text(v) {
            Some(l) => Change::Layer(l),
            None => return err("layer must name a layer".into()),
        },
        "indicator" => match text(v) {
            Some(i) => Change::Indicator(i),
            None => return err("indicator must name an indicator".into()),
        },
        "period" => Change::Period(text(v)),
        "mode" => Change::Mode(match text(v).as_deref() {
            None | Some("choropleth") => Mode::Choropleth,
            Some("bivariate") => Mode::Bivariate,
            Some("need") => Mode::Need,
            Some(m) => return err(format!("mode \"{m}\" is not one of: choropleth, bivariate, need")),
        }),
        "classification" => Change::Classification(match text(v).as_deref() {
            None => Classification::Classes(Method::Quantile),
            Some("benchmark") => Classification::Benchmark,
            Some(m) => match Method::parse(m) {
                Some(m) => Classification::Classes(m),
                None => return err(format!("classification \"{m}\" is not one of: quantile, equal, jenks, custom, benchmark")),
            },
        }),
        "classes" => match (text(v), number(v)) {
            (None, _) => Change::Classes(5),
            (_, Some(k)) if k.fract() == 0.0 && (3.0..=9.0).contains(&k) => Change::Classes(k as usize),
            _ => return err(format!("classes must be a whole number from 3 to 9, not {}", v.trim())),
        },
        "breaks" => {
            let list: Option<Vec<f64>> = items(v).into_iter().map(number).collect();
            match list {
                Some(b) if b.len() <= 9 && b.windows(2).all(|w| w[0] < w[1]) => Change::Breaks(b),
                _ => {
                    return err(format!(
                        "breaks \"{}\" are not 1 to 9 numbers in ascending order separated by commas (for example \"10,20,30\")",
                        v.trim()
                    ))
                }
            }
        }
        "palette" => match text(v) {
            None => Change::Palette(None),
            Some(p) => match crate::style::palette::scheme(&p) {
                Some(s) => Change::Palette(Some(s.id.to_string())),
                None => {
                    let ids: Vec<&str> = crate::style::palette::SCHEMES.iter().map(|s| s.id).collect();
                    return err(format!("palette \"{p}\" is not one of: {}", ids.join(", ")));
                }
            },
        },
        "benchmark" => Change::Benchmark(match text(v).as_deref() {
            None | Some("england") => Against::England,
            Some("city") => Against::City,
            Some(b) => return err(format!("benchmark \"{b}\" is not one of: england, city")),
        }),
        "bivariate" => match items(v).as_slice() {
            [] => Change::Bivariate(None),
            [a, b] if !a.is_empty() && !b.is_empty() => Change::Bivariate(Some([a.to_string(), b.to_string()])),
            _ => return err(format!("bivariate \"{}\" should be two indicator ids, \"id1,id2\"", v.trim())),
        },
        "needIndex" => match text(v) {
            None => Change::NeedIndex(None),
            Some(spec) => Change::NeedIndex(Some(crate::derive::need::parse(&spec).map_err(SettingError)?)),
        },
        "selected" => Change::Selected(text(v)),
        "zoom" => match number(v) {
            _ if v.trim().is_empty() => Change::Zoom(1.0),
            Some(z) if z > 0.0 => Change::Zoom(z.clamp(1.0, MAX_ZOOM)),
            _ => return err(format!("zoom must be a number from 1 to 64, not {}", v.trim())),
        },
        "centre" => {
            let list: Option<Vec<f64>> = items(v).into_iter().map(number).collect();
            match list.as_deref() {
                Some([]) => Change::Centre(None),
                Some(&[lon, lat]) if (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat) => Change::Centre(Some([lon, lat])),
                _ => return err(format!("centre must be a longitude and a latitude, \"lon,lat\", not {}", v.trim())),
            }
        }
        "services" => Change::Services(items(v).into_iter().filter(|s| !s.is_empty()).map(str::to_string).collect()),
        "change" => Change::ChangeKind(match text(v).as_deref() {
            None | Some("percent") => Kind::Percent,
            Some("absolute") => Kind::Absolute,
            Some(c) => return err(format!("change \"{c}\" is not one of: percent, absolute")),
        }),
        "scale" => Change::FixedScale(match text(v).as_deref() {
            None | Some("period") => false,
            Some("fixed") => true,
            Some(c) => return err(format!("scale \"{c}\" is not one of: period, fixed")),
        }),
        "labels" => Change::Labels(match text(v).as_deref() {
            None | Some("auto") => None,
            Some("on") => Some(true),
            Some("off") => Some(false),
            Some(c) => return err(format!("labels \"{c}\" is not one of: auto, on, off")),
        }),
        other => return err(format!("there is no setting \"{other}\"; the settings are: {}", KEYS.join(", "))),
    })
}

/// The fragment's keys for the settings (`history="fragment"`), kept from earlier
/// versions so that links stay good: `v` holds the centre and zoom together, `z` the zoom
/// of a view about the layer's middle.
const FRAGMENT: [(&str, &str); 18] = [
    ("l", "layer"),
    ("i", "indicator"),
    ("pe", "period"),
    ("m", "mode"),
    ("c", "classification"),
    ("k", "classes"),
    ("b", "breaks"),
    ("p", "palette"),
    ("bm", "benchmark"),
    ("bv", "bivariate"),
    ("n", "needIndex"),
    ("s", "selected"),
    ("sv", "services"),
    ("ch", "change"),
    ("sc", "scale"),
    ("lb", "labels"),
    ("v", "centre"),
    ("z", "zoom"),
];

/// Reads a link's fragment pairs (already decoded, in order) into changes. Unknown keys
/// are left out: a link made by a later version still opens.
///
/// ```
/// use needs_map::widget::settings::{from_fragment, Change};
/// let c = from_fragment(&[("k".into(), "3".into()), ("v".into(), "-1.5,52.41,2".into())]).unwrap();
/// assert_eq!(c, vec![Change::Classes(3), Change::Centre(Some([-1.5, 52.41])), Change::Zoom(2.0)]);
/// ```
pub fn from_fragment(pairs: &[(String, String)]) -> Result<Vec<Change>, SettingError> {
    let mut out = Vec::new();
    for (k, v) in pairs {
        if k == "v" {
            let n: Vec<f64> = v.split(',').filter_map(crate::style::text::parse_number).collect();
            let &[lon, lat, zoom] = n.as_slice() else {
                return Err(SettingError(format!("the view in the link (\"{v}\") is not three numbers")));
            };
            out.push(parse("centre", &numbers(&[lon, lat]))?);
            out.push(parse("zoom", &numbers(&[zoom]))?);
        } else if let Some((_, key)) = FRAGMENT.iter().find(|(f, _)| f == k) {
            out.push(parse(key, v)?);
        }
    }
    Ok(out)
}

/// The fragment's pairs for a view: what differs from a fresh map, and always the
/// indicator and mode (so that a link says what it shows).
pub fn to_fragment(s: &Settings) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if let Some(i) = &s.indicator {
        out.push(("i", i.clone()));
    } else {
        out.push(("l", s.layer.clone()));
    }
    if let Some(p) = &s.period {
        out.push(("pe", p.clone()));
    }
    out.push((
        "m",
        match s.mode {
            Mode::Choropleth => "choropleth",
            Mode::Bivariate => "bivariate",
            Mode::Need => "need",
        }
        .into(),
    ));
    out.push(("c", s.classification.name().into()));
    out.push(("k", s.classes.to_string()));
    if s.classification == Classification::Classes(Method::Custom) {
        out.push(("b", numbers(&s.breaks)));
    }
    if let Some(p) = &s.palette {
        out.push(("p", p.clone()));
    }
    if s.benchmark == Against::City {
        out.push(("bm", "city".into()));
    }
    if let (Mode::Bivariate, Some([a, b])) = (s.mode, &s.bivariate) {
        out.push(("bv", format!("{a},{b}")));
    }
    if let (Mode::Need, Some(n)) = (s.mode, &s.need_index) {
        out.push(("n", need_spec(n)));
    }
    if let Some(c) = &s.selected {
        out.push(("s", c.clone()));
    }
    if !s.services.is_empty() {
        out.push(("sv", s.services.iter().map(String::as_str).collect::<Vec<_>>().join(",")));
    }
    if s.change == Kind::Absolute {
        out.push(("ch", "absolute".into()));
    }
    if s.fixed_scale {
        out.push(("sc", "fixed".into()));
    }
    if let Some(on) = s.labels {
        out.push(("lb", if on { "on" } else { "off" }.into()));
    }
    match (s.centre, s.zoom > 1.0) {
        (Some([lon, lat]), _) => out.push(("v", numbers(&[round5(lon), round5(lat), round5(s.zoom)]))),
        (None, true) => out.push(("z", numbers(&[round5(s.zoom)]))),
        (None, false) => {}
    }
    out
}

/// Numbers joined by commas ("20,30.5").
pub fn numbers(v: &[f64]) -> String {
    // Joined as `&str`s: the widget carries that join already, not one over `String`s.
    let texts: Vec<String> = v.iter().map(|n| crate::style::text::number(*n)).collect();
    texts.iter().map(String::as_str).collect::<Vec<_>>().join(",")
}

/// "imd_score:2,gp_per_10k:1".
pub fn need_spec(n: &[(String, f64)]) -> String {
    let texts: Vec<String> = n.iter().map(|(id, w)| format!("{id}:{}", numbers(&[*w]))).collect();
    texts.iter().map(String::as_str).collect::<Vec<_>>().join(",")
}

/// To five decimals (about a metre), so links stay short.
fn round5(v: f64) -> f64 {
    (v * 1e5).round() / 1e5
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_is_the_default_and_bad_values_are_named() {
        assert_eq!(parse("classes", "").unwrap(), Change::Classes(5));
        assert_eq!(parse("palette", " ").unwrap(), Change::Palette(None));
        assert_eq!(parse("palette", "VIRIDIS").unwrap(), Change::Palette(Some("viridis".into())));
        assert_eq!(parse("mode", "").unwrap(), Change::Mode(Mode::Choropleth));
        assert_eq!(parse("selected", "").unwrap(), Change::Selected(None));
        assert_eq!(parse("centre", "-1.51, 52.4").unwrap(), Change::Centre(Some([-1.51, 52.4])));
        assert_eq!(parse("services", "gp,pharmacy").unwrap(), Change::Services(vec!["gp".into(), "pharmacy".into()]));
        let e = |k: &str, v: &str| parse(k, v).unwrap_err().to_string();
        assert_eq!(e("palette", "rainbow"), "palette \"rainbow\" is not one of: OrRd, Blues, Purples, YlGnBu, viridis, RdBu, PuOr, RdYlGn");
        assert_eq!(e("mode", "3d"), "mode \"3d\" is not one of: choropleth, bivariate, need");
        assert_eq!(
            e("breaks", "30,20"),
            "breaks \"30,20\" are not 1 to 9 numbers in ascending order separated by commas (for example \"10,20,30\")"
        );
        assert_eq!(e("classes", "five"), "classes must be a whole number from 3 to 9, not five");
        assert_eq!(e("bivariate", "imd_score"), "bivariate \"imd_score\" should be two indicator ids, \"id1,id2\"");
        assert!(e("colour", "red").starts_with("there is no setting \"colour\"; the settings are: layer, indicator,"));
    }

    /// A view written to a fragment reads back as the same view.
    #[test]
    fn the_fragment_reads_back_as_the_view_it_was_written_from() {
        let mut s = Settings::new("ward".into(), Some("imd_score".into()));
        for c in [
            Change::Mode(Mode::Need),
            Change::Classification(Classification::Classes(Method::Custom)),
            Change::Classes(3),
            Change::Breaks(vec![20.0, 30.5]),
            Change::Palette(Some("viridis".into())),
            Change::Benchmark(Against::City),
            Change::NeedIndex(Some(vec![("imd_score".into(), 2.0), ("gp_per_10k".into(), 0.5)])),
            Change::Selected(Some("E05001222".into())),
            Change::Zoom(2.25),
            Change::Centre(Some([-1.49123456, 52.42])),
            Change::Services(vec!["gp".into()]),
            Change::Period(Some("2019".into())),
            Change::ChangeKind(Kind::Absolute),
            Change::FixedScale(true),
        ] {
            s.apply(c);
        }
        let pairs: Vec<(String, String)> = to_fragment(&s).into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        assert_eq!(
            pairs.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&"),
            "i=imd_score&pe=2019&m=need&c=custom&k=3&b=20,30.5&p=viridis&bm=city&n=imd_score:2,gp_per_10k:0.5&s=E05001222&sv=gp&ch=absolute&sc=fixed&v=-1.49123,52.42,2.25"
        );
        let mut back = Settings::new("ward".into(), None);
        for c in from_fragment(&pairs).unwrap() {
            back.apply(c);
        }
        assert_eq!(back, Settings { centre: Some([-1.49123, 52.42]), ..s });
    }
}
