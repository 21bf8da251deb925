//! The change of an indicator between two of its periods, as an indicator of its own (like
//! the need index), so that the map, legend, table, tooltips and exports show it as they show
//! any other.
//!
//! Only areas whose code has a value in both periods are compared: the same GSS code is the
//! same boundary, and geometry is not compared. An area with a value in one period only had
//! its boundaries changed (a ward split or merged): it is named, never given a change that
//! is an artefact of a boundary.

use crate::model::atlas::{Atlas, Combine, Estimate, Indicator, Polarity, Series};
use std::collections::BTreeMap;

/// The change indicator's id in the atlas.
pub const ID: &str = "change";

/// How a change is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// `100 × (to − from) / from`.
    Percent,
    /// `to − from`, in the indicator's unit.
    Absolute,
}

/// Puts the change of `indicator` from period `from` to `to` into the atlas (replacing an
/// earlier one). Returns the codes of the layer's areas with a value in one of the two
/// periods only: their boundaries changed, and they are not compared.
///
/// ```
/// use needs_map::{derive::change::{install, Kind, ID}, read::bundle};
/// let mut atlas = bundle::from_json(include_str!("../../../data/coventry.json")).unwrap();
/// install(&mut atlas, "population", "mid-2015", "mid-2020", Kind::Percent).unwrap();
/// let st_michaels = atlas.indicator(ID).unwrap().value("E05001228").unwrap();
/// assert_eq!(st_michaels, 38.214); // 30,724 to 42,465 residents
/// let e = install(&mut atlas, "imd_score", "2019", "2019", Kind::Percent).unwrap_err();
/// assert!(e.starts_with("the change in IMD score is not shown: scores of two editions"), "{e}");
/// ```
pub fn install(atlas: &mut Atlas, indicator: &str, from: &str, to: &str, kind: Kind) -> Result<Vec<String>, String> {
    let ind = atlas.indicator(indicator).ok_or_else(|| format!("there is no indicator \"{indicator}\" to show the change of"))?;
    if let Some(why) = &ind.no_change {
        return Err(format!("the change in {} is not shown: {why}", ind.label));
    }
    let periods: Vec<&str> = ind.periods().collect();
    let series = |p: &str| {
        ind.series_at(Some(p)).ok_or_else(|| format!("indicator {} has no period \"{p}\"; it has: {}", ind.id, periods.join(", ")))
    };
    let (a, b) = (series(from)?, series(to)?);
    if from == to {
        return Err(format!(
            "a change needs two periods, not {from} twice: write period=\"{}..{}\"",
            periods[0],
            periods[periods.len() - 1]
        ));
    }
    let layer = atlas.layer(&ind.layer).ok_or_else(|| format!("indicator {} is on a layer this map lacks", ind.id))?;
    let diff = |x: f64, y: f64| match kind {
        Kind::Percent if x != 0.0 => Some(100.0 * (y - x) / x),
        Kind::Percent => None,
        Kind::Absolute => Some(y - x),
    };
    let round = |v: f64| crate::derive::aggregate::round(v, 3);
    let (mut values, mut unmatched) = (BTreeMap::new(), Vec::new());
    for area in &layer.areas {
        match (a.values.get(&area.code), b.values.get(&area.code)) {
            (Some(x), Some(y)) => {
                if let Some(d) = diff(x.value, y.value) {
                    values.insert(area.code.clone(), Estimate::point(round(d)));
                }
            }
            (None, None) => {}
            _ => unmatched.push(area.code.clone()),
        }
    }
    let whole = |x: Option<Estimate>, y: Option<Estimate>| Some(Estimate::point(round(diff(x?.value, y?.value)?)));
    let (unit, decimals, how) = match kind {
        Kind::Percent => ("%".to_string(), 1, "percentage change"),
        Kind::Absolute => (ind.unit.clone(), ind.decimals, "change"),
    };
    let change = Indicator {
        id: ID.into(),
        label: format!("Change in {}", lower_first(&ind.label)),
        unit,
        polarity: ind.polarity,
        layer: ind.layer.clone(),
        decimals,
        description: format!("The {how} from {from} to {to}, for areas with a value in both periods (the same code is the same boundary)."),
        source: ind.source.clone(),
        rank_word: (ind.polarity != Polarity::Neutral).then(|| "worst change".to_string()),
        significance_level: ind.significance_level,
        significance_test: ind.significance_test,
        short: Some("change".into()),
        framework: None,
        no_change: Some("it is a change already".into()),
        combine: Some(Combine::None { why: "a change is shown for the areas as they are".into() }),
        series: vec![Series {
            period: format!("{from} to {to}"),
            values,
            england: whole(a.england, b.england),
            city: whole(a.city, b.city),
            parts: BTreeMap::new(),
        }],
    };
    atlas.indicators.retain(|i| i.id != ID);
    atlas.indicators.push(change);
    Ok(unmatched)
}

/// "Population" → "population", "IMD score" kept ("IMD" is an acronym). ASCII only: the
/// Unicode case tables would cost the first download 10 KB for a word in a title.
fn lower_first(label: &str) -> String {
    let b = label.as_bytes();
    match b {
        [a, c, ..] if a.is_ascii_uppercase() && !c.is_ascii_uppercase() => {
            let mut out = label.to_string();
            out[..1].make_ascii_lowercase();
            out
        }
        _ => label.to_string(),
    }
}

/// The two periods of a change view's period setting (`"mid-2015..mid-2020"`).
///
/// ```
/// assert_eq!(needs_map::derive::change::range("mid-2015..mid-2020"), Some(("mid-2015", "mid-2020")));
/// assert_eq!(needs_map::derive::change::range("2019"), None);
/// ```
pub fn range(period: &str) -> Option<(&str, &str)> {
    // By a character, not "..": a pattern of one character costs the download less.
    let (a, b) = period.split_once('.')?;
    Some((a.trim(), b.strip_prefix('.')?.trim()))
}
