//! Class breaks for choropleths.
//!
//! Quantile, equal-interval, natural (Fisher-Jenks) and custom breaks follow PySAL
//! mapclassify (`Quantiles`, `EqualInterval`, `FisherJenks`, `UserDefined`) exactly, so a commissioner who checks a map in Python gets the same
//! classes. Every class is a closed upper bound: a value equal to a break is in the lower class.

/// The upper bounds of each class, ascending; the last is the maximum.
#[derive(Debug, Clone, PartialEq)]
pub struct Breaks {
    pub upper: Vec<f64>,
    /// The smallest value, the lower end of the first class in legends.
    pub min: f64,
}

impl Breaks {
    /// The class (0 = lowest) of a value: the first break it does not exceed.
    ///
    /// ```
    /// use needs_map::style::classify::Breaks;
    /// let b = Breaks { upper: vec![1.0, 2.0, 3.0], min: 0.0 };
    /// assert_eq!(b.class_of(1.0), 0); // equal to a break: the lower class
    /// assert_eq!(b.class_of(1.5), 1);
    /// ```
    pub fn class_of(&self, v: f64) -> usize {
        self.upper.iter().position(|&b| v <= b).unwrap_or(self.upper.len().saturating_sub(1))
    }
    pub fn len(&self) -> usize {
        self.upper.len()
    }
    pub fn is_empty(&self) -> bool {
        self.upper.is_empty()
    }
    /// How many of `values` fall in each class.
    pub fn counts(&self, values: &[f64]) -> Vec<usize> {
        let mut c = vec![0; self.len()];
        for &v in values {
            c[self.class_of(v)] += 1;
        }
        c
    }
}

/// How to cut values into classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Quantile,
    EqualInterval,
    /// Fisher-Jenks natural breaks: the optimal split that minimises the within-class variance.
    Jenks,
    /// The breaks a user gave (`breaks="10,20,30"`), with the maximum added above the last.
    Custom,
}

impl Method {
    pub fn parse(s: &str) -> Option<Method> {
        match s {
            "quantile" => Some(Method::Quantile),
            "equal" => Some(Method::EqualInterval),
            "jenks" => Some(Method::Jenks),
            "custom" => Some(Method::Custom),
            _ => None,
        }
    }
    /// The attribute value, and the words a legend uses.
    pub fn name(&self) -> (&'static str, &'static str) {
        match self {
            Method::Quantile => ("quantile", "quantiles (equal numbers of areas)"),
            Method::EqualInterval => ("equal", "equal intervals"),
            Method::Jenks => ("jenks", "natural breaks (Fisher-Jenks)"),
            Method::Custom => ("custom", "custom breaks"),
        }
    }
}

/// Breaks for `values` in `k` classes; fewer when values repeat (as mapclassify does).
/// `None` for no finite values.
///
/// ```
/// use needs_map::style::classify::{breaks, Method};
/// let b = breaks(&[1.0, 2.0, 3.0, 4.0], 2, Method::Quantile).unwrap();
/// assert_eq!(b.upper, vec![2.5, 4.0]);
/// ```
pub fn breaks(values: &[f64], k: usize, method: Method) -> Option<Breaks> {
    let mut y: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    if y.is_empty() || k == 0 {
        return None;
    }
    y.sort_unstable_by(|a, b| a.total_cmp(b));
    let upper = match method {
        Method::Quantile => quantiles(&y, k),
        Method::EqualInterval => equal_interval(&y, k),
        Method::Jenks => fisher_jenks(&y, k),
        Method::Custom => return None,
    };
    Some(Breaks { upper, min: y[0] })
}

/// mapclassify `UserDefined`: the given upper bounds, ascending, with the maximum added
/// when the last bound is below it. `None` for no finite values or unordered bounds.
///
/// ```
/// use needs_map::style::classify::custom;
/// let b = custom(&[5.0, 15.0, 42.0], &[10.0, 20.0]).unwrap();
/// assert_eq!(b.upper, vec![10.0, 20.0, 42.0]);
/// assert!(custom(&[1.0], &[3.0, 2.0]).is_none());
/// ```
pub fn custom(values: &[f64], upper: &[f64]) -> Option<Breaks> {
    let mut y: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    if y.is_empty() || upper.is_empty() || upper.windows(2).any(|w| w[0] >= w[1]) || upper.iter().any(|v| !v.is_finite()) {
        return None;
    }
    y.sort_unstable_by(|a, b| a.total_cmp(b));
    let mut upper = upper.to_vec();
    let max = y[y.len() - 1];
    if upper[upper.len() - 1] < max {
        upper.push(max);
    }
    Some(Breaks { upper, min: y[0] })
}

/// mapclassify `_fisher_jenks_means`, step for step and in `f32` as it computes, so that
/// ties resolve the same way. mapclassify refuses fewer distinct values than classes; here
/// the classes are cut to the number of distinct values instead.
fn fisher_jenks(sorted: &[f64], k: usize) -> Vec<f64> {
    let mut distinct = sorted.to_vec();
    distinct.dedup();
    let k = k.min(distinct.len());
    let n = sorted.len();
    if k <= 1 {
        return vec![sorted[n - 1]];
    }
    let mut mat1 = vec![0u32; (n + 1) * (k + 1)];
    let mut mat2 = vec![0f32; (n + 1) * (k + 1)];
    let at = |l: usize, j: usize| l * (k + 1) + j;
    for j in 1..=k {
        mat1[at(1, j)] = 1;
        for l in 2..=n {
            mat2[at(l, j)] = f32::INFINITY;
        }
    }
    let mut v = 0f32;
    for l in 2..=n {
        let (mut s1, mut s2, mut w) = (0f32, 0f32, 0f32);
        for m in 1..=l {
            let i3 = l - m + 1;
            let val = sorted[i3 - 1] as f32;
            s2 += val * val;
            s1 += val;
            w += 1.0;
            v = s2 - (s1 * s1) / w;
            let i4 = i3 - 1;
            if i4 != 0 {
                for j in 2..=k {
                    let candidate = v + mat2[at(i4, j - 1)];
                    if mat2[at(l, j)] >= candidate {
                        mat1[at(l, j)] = i3 as u32;
                        mat2[at(l, j)] = candidate;
                    }
                }
            }
        }
        mat1[at(l, 1)] = 1;
        mat2[at(l, 1)] = v;
    }
    let mut upper = vec![0.0; k];
    upper[k - 1] = sorted[n - 1];
    let mut row = n;
    for count in (2..=k).rev() {
        let pivot = mat1[at(row, count)] as usize;
        upper[count - 2] = sorted[pivot.saturating_sub(2)];
        row = pivot.saturating_sub(1).max(1);
    }
    upper
}

/// mapclassify `quantile`: scipy's `scoreatpercentile` at `numpy.arange(100/k, 100 + 100/k, 100/k)`
/// (the last cut to 100), then duplicates removed. The arithmetic follows scipy's step for
/// step, as breaks are compared to 1e-9 and a value equal to a break must land alike.
fn quantiles(sorted: &[f64], k: usize) -> Vec<f64> {
    let w = 100.0 / k as f64;
    let count = (((100.0 + w) - w) / w).ceil() as usize;
    let mut out: Vec<f64> = Vec::with_capacity(k);
    for i in 0..count {
        let p = (w + i as f64 * w).min(100.0);
        let q = percentile(sorted, p);
        if out.last() != Some(&q) {
            out.push(q);
        }
    }
    out
}

/// scipy `_compute_qth_percentile` with `interpolation_method='fraction'`: index
/// `p/100*(n-1)`, then `(a*(j-idx) + b*(idx-i)) / ((j-idx) + (idx-i))`, which is not always
/// exactly `a` when `a == b`.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    let idx = p / 100.0 * (sorted.len() - 1) as f64;
    let i = idx as usize;
    if i as f64 == idx || i + 1 >= sorted.len() {
        return sorted[i.min(sorted.len() - 1)];
    }
    let j = i + 1;
    let (wa, wb) = (j as f64 - idx, idx - i as f64);
    (sorted[i] * wa + sorted[j] * wb) / (wa + wb)
}

/// mapclassify `EqualInterval`: `k` equal widths from min to max, the last break set to max.
fn equal_interval(sorted: &[f64], k: usize) -> Vec<f64> {
    let (min, max) = (sorted[0], sorted[sorted.len() - 1]);
    if max == min {
        return vec![max];
    }
    let width = (max - min) / k as f64;
    // numpy.arange(min + width, max + width, width), cut to k, last = max.
    let n = (((max + width) - (min + width)) / width).ceil() as usize;
    let mut cuts: Vec<f64> = (0..n.min(k)).map(|i| min + width + i as f64 * width).collect();
    if let Some(last) = cuts.last_mut() {
        *last = max;
    }
    cuts
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The 18 Coventry ward IMD 2019 scores (population-weighted, checked against the
    /// official files), in ward-code order Bablake .. Wyken.
    const WARD_IMD: [f64; 18] = [
        16.901, 35.268, 17.33, 9.186, 44.58, 36.773, 27.017, 36.002, 23.821, 33.206, 29.99, 19.497, 28.148, 9.44, 24.02, 16.124, 18.181,
        19.668,
    ];

    fn close(a: &[f64], b: &[f64]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-9)
    }

    #[test]
    fn quantiles_match_mapclassify_2_10() {
        // mapclassify 2.10.0: Quantiles(y, k=5).bins, .counts
        let b = breaks(&WARD_IMD, 5, Method::Quantile).unwrap();
        assert!(close(&b.upper, &[17.0726, 19.6338, 27.243199999999998, 34.443200000000004, 44.58]), "{:?}", b.upper);
        assert_eq!(b.counts(&WARD_IMD), vec![4, 3, 4, 3, 4]);
        assert_eq!(b.class_of(44.58), 4); // Foleshill
        assert_eq!(b.class_of(9.186), 0); // Earlsdon
        assert_eq!(b.class_of(29.99), 3); // St Michael's
    }

    #[test]
    fn equal_intervals_match_mapclassify_2_10() {
        // mapclassify 2.10.0: EqualInterval(y, k=5).bins, .counts
        let b = breaks(&WARD_IMD, 5, Method::EqualInterval).unwrap();
        assert!(close(&b.upper, &[16.2648, 23.343600000000002, 30.422400000000003, 37.501200000000004, 44.58]), "{:?}", b.upper);
        assert_eq!(b.counts(&WARD_IMD), vec![3, 5, 5, 4, 1]);
    }

    #[test]
    fn repeated_values_give_fewer_classes() {
        let b = breaks(&[1.0, 1.0, 1.0, 1.0, 2.0], 4, Method::Quantile).unwrap();
        assert_eq!(b.upper, vec![1.0, 2.0]);
    }
}
