//! Deriving ward figures from small areas: population-weighted means, shares, sums,
//! growth and percentages. Pure arithmetic over (group, value) pairs, so every method is
//! tested on its own and the recipe only says which columns feed it.

use std::collections::BTreeMap;

/// Groups and their results, ordered by group code.
pub type ByGroup = BTreeMap<String, f64>;

/// sum(value * weight) / sum(weight) per group.
///
/// ```
/// use needs_map::derive::aggregate::weighted_mean;
/// let m = weighted_mean([("W1", 10.0, 1.0), ("W1", 40.0, 2.0), ("W2", 5.0, 3.0)]);
/// assert_eq!(m["W1"], 30.0);
/// assert_eq!(m["W2"], 5.0);
/// ```
pub fn weighted_mean<'a>(items: impl IntoIterator<Item = (&'a str, f64, f64)>) -> ByGroup {
    let mut acc: BTreeMap<String, (f64, f64)> = BTreeMap::new();
    for (g, v, w) in items {
        let e = acc.entry(g.to_string()).or_default();
        e.0 += v * w;
        e.1 += w;
    }
    acc.into_iter().filter(|(_, (_, w))| *w > 0.0).map(|(g, (s, w))| (g, s / w)).collect()
}

/// Percentage of items in each group for which the test holds.
///
/// ```
/// use needs_map::derive::aggregate::share;
/// let s = share([("W1", true), ("W1", false), ("W1", false), ("W1", false)]);
/// assert_eq!(s["W1"], 25.0);
/// ```
pub fn share<'a>(items: impl IntoIterator<Item = (&'a str, bool)>) -> ByGroup {
    let mut acc: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (g, hit) in items {
        let e = acc.entry(g.to_string()).or_default();
        e.0 += hit as usize;
        e.1 += 1;
    }
    acc.into_iter().map(|(g, (h, n))| (g, 100.0 * h as f64 / n as f64)).collect()
}

/// Sum per group.
pub fn sum<'a>(items: impl IntoIterator<Item = (&'a str, f64)>) -> ByGroup {
    let mut acc = ByGroup::new();
    for (g, v) in items {
        *acc.entry(g.to_string()).or_default() += v;
    }
    acc
}

/// `100 * part / whole` for groups in both (and a non-zero whole).
///
/// ```
/// use needs_map::derive::aggregate::{percent_of, ByGroup};
/// let part = ByGroup::from([("W".to_string(), 1.0)]);
/// let whole = ByGroup::from([("W".to_string(), 8.0)]);
/// assert_eq!(percent_of(&part, &whole)["W"], 12.5);
/// ```
pub fn percent_of(part: &ByGroup, whole: &ByGroup) -> ByGroup {
    part.iter().filter_map(|(g, p)| whole.get(g).filter(|w| **w != 0.0).map(|w| (g.clone(), 100.0 * p / w))).collect()
}

/// Percentage change from `start` to `end`.
///
/// ```
/// use needs_map::derive::aggregate::{growth, ByGroup};
/// let a = ByGroup::from([("E05001228".to_string(), 30724.0)]);
/// let b = ByGroup::from([("E05001228".to_string(), 42465.0)]);
/// assert!((growth(&a, &b)["E05001228"] - 38.2144).abs() < 1e-4);
/// ```
pub fn growth(start: &ByGroup, end: &ByGroup) -> ByGroup {
    end.iter().filter_map(|(g, e)| start.get(g).filter(|s| **s != 0.0).map(|s| (g.clone(), 100.0 * (e - s) / s))).collect()
}

/// The lower and upper quartiles of `values` (linear between the nearest ranks, as numpy's
/// default): the middle half of the areas in a profile's spine.
///
/// ```
/// use needs_map::derive::aggregate::quartiles;
/// assert_eq!(quartiles(&[4.0, 1.0, 3.0, 2.0, 5.0]), Some((2.0, 4.0)));
/// assert_eq!(quartiles(&[1.0, 2.0, 3.0, 4.0]), Some((1.75, 3.25)));
/// ```
pub fn quartiles(values: &[f64]) -> Option<(f64, f64)> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_unstable_by(f64::total_cmp);
    let at = |q: f64| {
        let pos = q * (v.len() - 1) as f64;
        let (i, f) = (pos.floor() as usize, pos.fract());
        v[i] + (v[(i + 1).min(v.len() - 1)] - v[i]) * f
    };
    Some((at(0.25), at(0.75)))
}

/// Rounds to `dp` decimal places for storage, so bundles are small and stable.
///
/// ```
/// assert_eq!(needs_map::derive::aggregate::round(44.58012, 3), 44.58);
/// ```
pub fn round(v: f64, dp: i32) -> f64 {
    let f = 10f64.powi(dp);
    (v * f).round() / f
}
