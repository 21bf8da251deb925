//! Is an area significantly different from a benchmark? The Fingertips method: "similar"
//! when the area's confidence interval contains the benchmark's value, otherwise higher or
//! lower, which polarity turns into better or worse.
//!
//! The interval's level is set per indicator. Sources publish 95% intervals, but not every
//! publisher tests at 95%: ONS's flags in its health state life expectancy tables by MSOA
//! (2009–13) are reproduced, all 168 of them, only at 90% (|z| > 1.645: unflagged areas reach
//! |z| = 1.588, flagged ones start at 1.720). So the 95% interval is narrowed to the level
//! asked for, side by side, before the test: `value ± half-width × z(level) / z(95%)`.

use crate::model::atlas::{Estimate, Indicator, Polarity, SignificanceTest};

/// The outcome of comparing an area with a benchmark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Comparison {
    Better,
    Similar,
    Worse,
    /// Neutral indicators are higher or lower, never better or worse.
    Higher,
    Lower,
    /// No interval to test with.
    NotCompared,
}

impl Comparison {
    /// Words for tooltips and tables ("significantly worse than England").
    pub fn phrase(&self, benchmark: &str) -> String {
        match self {
            Comparison::Better => format!("significantly better than {benchmark}"),
            Comparison::Worse => format!("significantly worse than {benchmark}"),
            Comparison::Higher => format!("significantly higher than {benchmark}"),
            Comparison::Lower => format!("significantly lower than {benchmark}"),
            Comparison::Similar => format!("not significantly different from {benchmark}"),
            Comparison::NotCompared => format!("not compared with {benchmark} (no confidence interval)"),
        }
    }
}

/// Two-sided standard normal quantile for a confidence level in percent (90, 95, 99, 99.8).
///
/// ```
/// use needs_map::derive::significance::z_for;
/// assert!((z_for(95.0) - 1.959964).abs() < 1e-6);
/// assert!((z_for(90.0) - 1.644854).abs() < 1e-6);
/// assert!((z_for(99.8) - 3.090232).abs() < 1e-6);
/// ```
pub fn z_for(level: f64) -> f64 {
    inverse_normal(1.0 - (1.0 - level / 100.0) / 2.0)
}

/// Acklam's rational approximation of the standard normal quantile (relative error < 1.2e-9).
fn inverse_normal(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969683028665376e+01,
        2.209460984245205e+02,
        -2.759285104469687e+02,
        1.383577518672690e+02,
        -3.066479806614716e+01,
        2.506628277459239e+00,
    ];
    const B: [f64; 5] =
        [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
    const C: [f64; 6] = [
        -7.784894002430293e-03,
        -3.223964580411365e-01,
        -2.400758277161838e+00,
        -2.549732539343734e+00,
        4.374664141464968e+00,
        2.938163982698783e+00,
    ];
    const D: [f64; 4] = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
    let pl = 0.02425;
    if p < pl {
        let q = (-2.0 * p.ln()).sqrt();
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    } else if p <= 1.0 - pl {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        -inverse_normal(1.0 - p)
    }
}

/// Compares an area (with its published 95% interval) with a benchmark value, testing at
/// `level` percent.
///
/// ```
/// use needs_map::{model::atlas::{Estimate, Polarity}, derive::significance::{compare, Comparison}};
/// // MSOA E02001976, male healthy life expectancy 61.993 (95% CI 60.285 to 63.702), England 63.493:
/// let e = Estimate { value: 61.993, lower: Some(60.285), upper: Some(63.702) };
/// assert_eq!(compare(&e, 63.493, Polarity::HigherBetter, 95.0), Comparison::Similar);
/// assert_eq!(compare(&e, 63.493, Polarity::HigherBetter, 90.0), Comparison::Worse); // as ONS flags it
/// ```
pub fn compare(area: &Estimate, benchmark: f64, polarity: Polarity, level: f64) -> Comparison {
    let bench = Estimate { value: benchmark, lower: None, upper: None };
    compare_by(area, &bench, polarity, level, SignificanceTest::Contains)
}

/// Compares as the indicator says: at its level, by its test. With
/// [`SignificanceTest::Overlap`] (ONS's test in its health state life expectancy tables) an
/// area differs when its interval and the benchmark's, both narrowed to the level, do not
/// overlap; this reproduces every ONS flag of healthy life expectancy for all English MSOAs
/// at 90%, where the Fingertips test (the benchmark's value outside the area's interval)
/// misses 18. Without a benchmark interval, the value is used.
///
/// ```
/// use needs_map::{model::atlas::{Estimate, Polarity, SignificanceTest}, derive::significance::{compare_by, Comparison}};
/// let area = Estimate { value: 63.0, lower: Some(62.9), upper: Some(63.1) };
/// let england = Estimate { value: 63.2, lower: Some(63.05), upper: Some(63.35) };
/// assert_eq!(compare_by(&area, &england, Polarity::HigherBetter, 95.0, SignificanceTest::Contains), Comparison::Worse);
/// assert_eq!(compare_by(&area, &england, Polarity::HigherBetter, 95.0, SignificanceTest::Overlap), Comparison::Similar);
/// ```
pub fn compare_by(area: &Estimate, benchmark: &Estimate, polarity: Polarity, level: f64, test: SignificanceTest) -> Comparison {
    let (Some(lo), Some(hi)) = (area.lower, area.upper) else { return Comparison::NotCompared };
    // Intervals narrowed to the level; the benchmark's is its value alone unless tested by overlap.
    let k = z_for(level) / z_for(95.0);
    let narrow = |v: f64, lo: f64, hi: f64| (v - (v - lo) * k, v + (hi - v) * k);
    let (lo, hi) = narrow(area.value, lo, hi);
    let b = benchmark.value;
    let (blo, bhi) = match (test, benchmark.lower, benchmark.upper) {
        (SignificanceTest::Overlap, Some(l), Some(h)) => narrow(b, l, h),
        _ => (b, b),
    };
    if lo <= bhi && blo <= hi {
        return Comparison::Similar;
    }
    match (polarity, area.value > b) {
        (Polarity::Neutral, true) => Comparison::Higher,
        (Polarity::Neutral, false) => Comparison::Lower,
        (Polarity::HigherBetter, true) | (Polarity::HigherWorse, false) => Comparison::Better,
        _ => Comparison::Worse,
    }
}

/// [`compare_by`] with the indicator's own level and test.
pub fn compare_for(ind: &Indicator, area: &Estimate, benchmark: &Estimate) -> Comparison {
    compare_by(area, benchmark, ind.polarity, ind.significance_level, ind.significance_test)
}
