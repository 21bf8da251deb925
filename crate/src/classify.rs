//! Class breaks for choropleths.
//!
//! Quantile and equal-interval breaks follow PySAL mapclassify (`Quantiles`,
//! `EqualInterval`) exactly, so a commissioner who checks a map in Python gets the same
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
    /// use needs_map::classify::Breaks;
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
}

impl Method {
    pub fn parse(s: &str) -> Option<Method> {
        match s {
            "quantile" => Some(Method::Quantile),
            "equal" => Some(Method::EqualInterval),
            _ => None,
        }
    }
}

/// Breaks for `values` in `k` classes; fewer when values repeat (as mapclassify does).
/// `None` for no finite values.
///
/// ```
/// use needs_map::classify::{breaks, Method};
/// let b = breaks(&[1.0, 2.0, 3.0, 4.0], 2, Method::Quantile).unwrap();
/// assert_eq!(b.upper, vec![2.5, 4.0]);
/// ```
pub fn breaks(values: &[f64], k: usize, method: Method) -> Option<Breaks> {
    let mut y: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    if y.is_empty() || k == 0 {
        return None;
    }
    y.sort_by(|a, b| a.total_cmp(b));
    let upper = match method {
        Method::Quantile => quantiles(&y, k),
        Method::EqualInterval => equal_interval(&y, k),
    };
    Some(Breaks { upper, min: y[0] })
}

/// mapclassify `quantile`: percentiles at 100/k, 200/k, ... 100 (scipy's `scoreatpercentile`,
/// linear interpolation), then duplicates removed.
fn quantiles(sorted: &[f64], k: usize) -> Vec<f64> {
    let w = 100.0 / k as f64;
    let mut out: Vec<f64> = Vec::with_capacity(k);
    for i in 1..=k {
        let p = (w * i as f64).min(100.0);
        let q = percentile(sorted, p);
        if out.last() != Some(&q) {
            out.push(q);
        }
    }
    out
}

/// numpy/scipy linear percentile: index `(n-1)*p/100`, interpolated as `a + (b-a)*frac`.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    let idx = (sorted.len() - 1) as f64 * p / 100.0;
    let lo = idx.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    let frac = idx - lo as f64;
    sorted[lo] + (sorted[hi] - sorted[lo]) * frac
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
