//! Areas like this one: the areas of a layer nearest to an area on the layer's indicators,
//! each in z-scores (population standard deviation), the sign turned where higher is better
//! so that a larger z is worse on every one, by Euclidean distance. Counts (a population)
//! are left out: a big ward is not unlike a small one in its needs. Only indicators with a
//! value for every area count, so every distance is over the same indicators.

use crate::model::atlas::{Atlas, Polarity};
use serde::Serialize;

/// An area like another, and how far from it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alike {
    pub code: String,
    pub name: String,
    pub distance: f64,
}

/// The method in words, for beside the list.
pub fn method(indicators: usize) -> String {
    format!(
        "Most alike on {indicators} indicators (counts left out): each in z-scores with the population standard deviation, higher-is-better ones turned so that higher is worse on all, by Euclidean distance; ties by code."
    )
}

/// The `n` areas of `code`'s layer nearest to it, nearest first (ties by code), and how many
/// indicators the distance is over. `None` when `code` is no area of the map.
///
/// ```
/// use needs_map::{derive::similar::similar, read::bundle};
/// let atlas = bundle::figures_of(include_str!("../../../data/coventry.json")).unwrap();
/// let (alike, over) = similar(&atlas, "E05001222", 5).unwrap(); // Foleshill
/// assert_eq!((alike[1].name.as_str(), over), ("Radford", 13));
/// ```
pub fn similar(atlas: &Atlas, code: &str, n: usize) -> Option<(Vec<Alike>, usize)> {
    let layer = atlas.layers.iter().find(|l| l.index_of(code).is_some())?;
    let k = layer.areas.len();
    let mut columns: Vec<Vec<f64>> = Vec::new();
    for ind in atlas.indicators.iter().filter(|i| i.layer == layer.id && i.unit != "people") {
        let Some(s) = ind.latest() else { continue };
        let Some(y) = layer.areas.iter().map(|a| s.values.get(&a.code).map(|e| e.value)).collect::<Option<Vec<f64>>>() else {
            continue;
        };
        let mean = y.iter().sum::<f64>() / k as f64;
        let sd = (y.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / k as f64).sqrt();
        let turn = if ind.polarity == Polarity::HigherBetter { -1.0 } else { 1.0 };
        columns.push(y.iter().map(|v| if sd > 0.0 { turn * (v - mean) / sd } else { 0.0 }).collect());
    }
    let me = layer.index_of(code)?;
    let mut alike: Vec<Alike> = (0..k)
        .filter(|&j| j != me)
        .map(|j| Alike {
            code: layer.areas[j].code.clone(),
            name: layer.areas[j].name.clone(),
            distance: columns.iter().map(|z| (z[j] - z[me]).powi(2)).sum::<f64>().sqrt(),
        })
        .collect();
    alike.sort_by(|a, b| a.distance.total_cmp(&b.distance).then_with(|| a.code.cmp(&b.code)));
    alike.truncate(n);
    Some((alike, columns.len()))
}
