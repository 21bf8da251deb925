//! A composite need index: the weighted mean of polarity-aligned z-scores.
//!
//! Each chosen indicator is standardised over the layer's areas (z = (x − mean) / sd, sd
//! over all areas as numpy's default `ddof=0`), its sign turned so that higher always means
//! more need (higher-better indicators are negated; neutral ones, such as growth, count as
//! pressure on services and keep their sign), then averaged with the user's weights. The
//! result is an ordinary [`Indicator`], so the map, ranks, table and exports treat it like
//! any other.

use crate::model::atlas::{Atlas, Combine, Estimate, Indicator, Polarity, Series};
use std::collections::BTreeMap;

/// The id the composite takes in the atlas.
pub const ID: &str = "need_index";

/// Reads `"imd_score:2,gp_per_10k:1"` (a missing weight is 1).
///
/// ```
/// use needs_map::derive::need::parse;
/// assert_eq!(parse("imd_score:2, gp_per_10k").unwrap(), vec![("imd_score".to_string(), 2.0), ("gp_per_10k".to_string(), 1.0)]);
/// assert!(parse("imd_score:-1").is_err());
/// ```
pub fn parse(spec: &str) -> Result<Vec<(String, f64)>, String> {
    let mut out = Vec::new();
    for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (id, w) = part.split_once(':').unwrap_or((part, "1"));
        // serde_json's number reader, not `str::parse`: core's float parser would add its
        // 11 KB power-of-five table to the wasm, which already carries serde_json's.
        let w =
            crate::style::text::parse_number(w).ok_or_else(|| format!("the weight of {} is \"{}\", not a number", id.trim(), w.trim()))?;
        if !(w.is_finite() && w > 0.0) {
            return Err(format!(
                "the weight of {} must be above 0 (it is {}); leave the indicator out instead",
                id.trim(),
                crate::style::text::number(w)
            ));
        }
        out.push((id.trim().to_string(), w));
    }
    if out.is_empty() {
        return Err("choose at least one indicator for the need index".into());
    }
    Ok(out)
}

/// The composite of `weights` over their shared layer. Areas missing any chosen indicator
/// have no value (and are named in the description), never a partial score.
///
/// ```
/// use needs_map::{read::bundle, derive::need};
/// let atlas = bundle::from_json(include_str!("../../../data/coventry.json")).unwrap();
/// let ind = need::compose(&atlas, &[("imd_score".into(), 1.0)]).unwrap();
/// // Foleshill's IMD score 44.58 is 2.069 standard deviations above the wards' mean.
/// assert!((ind.value("E05001222").unwrap() - 2.06922897598784).abs() < 1e-9);
/// ```
pub fn compose(atlas: &Atlas, weights: &[(String, f64)]) -> Result<Indicator, String> {
    let mut inds = Vec::new();
    for (id, w) in weights {
        let ind = atlas.indicator(id).filter(|i| i.id != ID).ok_or_else(|| format!("there is no indicator \"{id}\" for the need index"))?;
        inds.push((ind, *w));
    }
    let layer_id = &inds[0].0.layer;
    if let Some((other, _)) = inds.iter().find(|(i, _)| &i.layer != layer_id) {
        return Err(format!(
            "{} is on the {} layer and {} on the {} layer; a need index combines indicators of one layer",
            inds[0].0.id, layer_id, other.id, other.layer
        ));
    }
    let layer = atlas.layer(layer_id).ok_or("the need index's layer is missing")?;
    let total: f64 = inds.iter().map(|(_, w)| w).sum();
    let mut sums: Vec<Option<f64>> = vec![Some(0.0); layer.areas.len()];
    for (ind, w) in &inds {
        let x: Vec<Option<f64>> = layer.areas.iter().map(|a| ind.value(&a.code)).collect();
        let present: Vec<f64> = x.iter().flatten().copied().collect();
        let n = present.len() as f64;
        let mean = present.iter().sum::<f64>() / n;
        let sd = (present.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n).sqrt();
        if !(sd > 0.0) {
            return Err(format!("{} has the same value in every area, so it cannot rank need", ind.id));
        }
        let sign = if ind.polarity == Polarity::HigherBetter { -1.0 } else { 1.0 };
        for (s, v) in sums.iter_mut().zip(&x) {
            *s = s.zip(*v).map(|(s, v)| s + w * sign * (v - mean) / sd);
        }
    }
    let values: BTreeMap<String, Estimate> =
        layer.areas.iter().zip(&sums).filter_map(|(a, s)| s.map(|s| (a.code.clone(), Estimate::point(s / total)))).collect();
    let missing: Vec<&str> = layer.areas.iter().zip(&sums).filter(|(_, s)| s.is_none()).map(|(a, _)| a.name.as_str()).collect();
    let parts: Vec<String> = inds
        .iter()
        .map(|(i, w)| {
            let turn = match i.polarity {
                Polarity::HigherBetter => ", reversed: lower is more need",
                Polarity::Neutral => ", higher counted as more need",
                Polarity::HigherWorse => "",
            };
            format!("{} (weight {}{turn})", i.label, crate::style::text::format_value(*w, if w.fract() == 0.0 { 0 } else { 2 }, ""))
        })
        .collect();
    let mut description = format!(
        "A composite of {}. Each indicator is turned into z-scores across the {} {} (how many standard deviations an area is from their mean), signed so that higher means more need, then averaged with the weights. 0 is average; above 0 is more need than average. It ranks areas; it is not a measure in any unit.",
        // Joined as `&str`s: the widget already carries that join, not one over `String`s.
        parts.iter().map(String::as_str).collect::<Vec<_>>().join(", "),
        layer.areas.len(),
        layer.noun
    );
    if !missing.is_empty() {
        description.push_str(&format!(" No value for {}: a chosen indicator has no data there.", missing.join(", ")));
    }
    let periods: Vec<&str> = inds.iter().map(|(i, _)| i.period()).collect();
    let series = vec![Series { period: periods.join("; "), values, england: None, city: None, parts: Default::default() }];
    Ok(Indicator {
        decimals: 2,
        description,
        source: format!("needs-map composite of {}", inds.iter().map(|(i, _)| i.id.as_str()).collect::<Vec<_>>().join(", ")),
        rank_word: Some("highest need".into()),
        short: Some("need".into()),
        no_change: Some("the need index places areas against each other in one period".into()),
        combine: Some(Combine::None { why: "the need index places areas against each other; it does not add up across areas".into() }),
        ..Indicator::new(ID, "Need index", layer_id, Polarity::HigherWorse, series)
    })
}

/// Puts the composite into the atlas (replacing an earlier one) and returns its id.
pub fn install(atlas: &mut Atlas, weights: &[(String, f64)]) -> Result<&'static str, String> {
    let ind = compose(atlas, weights)?;
    atlas.indicators.retain(|i| i.id != ID);
    atlas.indicators.push(ind);
    Ok(ID)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weighted_composite_of_deprivation_and_gp_access_matches_numpy() {
        let atlas = crate::read::bundle::from_json(include_str!("../../../data/coventry.json")).unwrap();
        let ind = compose(&atlas, &parse("imd_score:2,gp_per_10k:1").unwrap()).unwrap();
        // numpy: (2*zscore(imd) - zscore(gp)) / 3, zscore with ddof=0
        assert!((ind.value("E05001222").unwrap() - 0.27263290422596603).abs() < 1e-9); // Foleshill
        assert!((ind.value("E05001221").unwrap() - -1.0694951818792544).abs() < 1e-9); // Earlsdon
        assert!((ind.value("E05001228").unwrap() - 0.5340843647467315).abs() < 1e-9); // St Michael's
        assert!(ind.description.contains("GP practices per 10,000 residents (weight 1, reversed: lower is more need)"));
        assert!(compose(&atlas, &parse("imd_score,hle_male").unwrap()).unwrap_err().contains("one layer"));
    }
}
