//! The words the map says: formatted values, ranks and one-line descriptions.
//!
//! Tooltips, the screen-reader announcement, the table and exports all say the same thing,
//! so they are written once here and tested natively.

use crate::derive::significance::{compare_for, Comparison};
use crate::model::atlas::{Estimate, Indicator, Polarity};

/// A value with the indicator's decimals and unit, with thousands separators. It is
/// rounded half up on its shortest decimal digits, as a person rounds the published figure
/// (15.35 to one place is 15.4, though the nearest `f64` to 15.35 lies a hair below it).
///
/// ```
/// use needs_map::style::text::format_value;
/// assert_eq!(format_value(42465.0, 0, "people"), "42,465 people");
/// assert_eq!(format_value(38.2145, 2, "%"), "38.21%");
/// assert_eq!(format_value(-1.5, 1, "%"), "-1.5%");
/// assert_eq!(format_value(15.35, 1, ""), "15.4");
/// assert_eq!(format_value(9.995, 2, ""), "10.00");
/// assert_eq!(format_value(-0.004, 2, ""), "0.00");
/// ```
pub fn format_value(v: f64, decimals: u8, unit: &str) -> String {
    let (int, frac) = fixed(v.abs(), decimals as usize);
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if v < 0.0 && int.bytes().chain(frac.bytes()).any(|c| c != b'0') { "-" } else { "" };
    let num = if frac.is_empty() { format!("{sign}{grouped}") } else { format!("{sign}{grouped}.{frac}") };
    match unit {
        "" => num,
        "%" => format!("{num}%"),
        u => format!("{num} {u}"),
    }
}

/// The whole and fractional digits of `v` (finite, not negative) to `places`, rounded half
/// up on its shortest decimal digits. Written here rather than with `{:.*}`: core's exact
/// float formatting is 7 KB of the widget's download, and its shortest digits come from
/// serde_json's writer, which the widget has already.
fn fixed(v: f64, places: usize) -> (String, String) {
    // The shortest digits as a whole number `m` times ten to the `e`.
    let s = serde_json::to_string(&v).unwrap_or_default();
    let (mantissa, exp) = s.split_once(['e', 'E']).map_or((s.as_str(), 0), |(m, e)| (m, e.parse::<i32>().unwrap_or(0)));
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let frac = frac.trim_end_matches('0');
    // At most 17 digits: a u64.
    let m: u64 = format!("{int}{frac}").parse().unwrap_or(0);
    let e = exp - frac.len() as i32 + places as i32;
    // The value in units of the last place, rounded half up.
    let digits = if e >= 0 {
        format!("{m}{}", "0".repeat(e as usize))
    } else {
        let d = 10u64.checked_pow((-e) as u32).unwrap_or(u64::MAX);
        (m / d + u64::from(m % d >= d - d / 2)).to_string()
    };
    let digits = format!("{digits:0>width$}", width = places + 1);
    let (whole, part) = digits.split_at(digits.len() - places);
    (whole.to_string(), part.to_string())
}

/// A number from text as JSON writes numbers ("20", "-1.5", "2e3"); `None` for anything
/// else, or a number past `f64`'s range. (serde_json's reader, untyped: the widget carries
/// it already, and its typed paths would bring core's float formatting with their errors.)
///
/// ```
/// use needs_map::style::text::parse_number;
/// assert_eq!((parse_number(" 2.5"), parse_number("1e999"), parse_number("two")), (Some(2.5), None, None));
/// ```
pub fn parse_number(s: &str) -> Option<f64> {
    serde_json::from_str::<serde_json::Value>(s.trim()).ok()?.as_f64().filter(|v| v.is_finite())
}

/// A number as written to be read back: the shortest digits that are the same `f64`, with
/// no ".0" on whole numbers ("20", "30.5", "0.27263290422596603").
///
/// ```
/// use needs_map::style::text::number;
/// assert_eq!((number(20.0), number(30.5), number(-1.0694951818792544)), ("20".into(), "30.5".into(), "-1.0694951818792544".into()));
/// ```
pub fn number(v: f64) -> String {
    // serde_json's writer: the wasm has it already, and `{}` would add core's own (8 KB).
    let s = serde_json::to_string(&v).unwrap_or_default();
    match s.strip_suffix(".0") {
        Some(whole) => whole.to_string(),
        None => s,
    }
}

/// 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st ...
///
/// ```
/// assert_eq!(needs_map::style::text::ordinal(12), "12th");
/// assert_eq!(needs_map::style::text::ordinal(22), "22nd");
/// ```
pub fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// Rank 1 is the worst (or, for neutral indicators, the highest); ties share a rank.
pub fn rank(value: f64, all: &[f64], polarity: Polarity) -> usize {
    let worse = |o: f64| match polarity {
        Polarity::HigherWorse | Polarity::Neutral => o > value,
        Polarity::HigherBetter => o < value,
    };
    1 + all.iter().filter(|&&o| worse(o)).count()
}

/// "1st most deprived of 18 wards", "3rd worst of 42 MSOAs", "highest of 18 wards".
///
/// ```
/// use needs_map::{model::atlas::Polarity, style::text::rank_phrase};
/// assert_eq!(rank_phrase(1, 18, Polarity::HigherWorse, Some("most deprived"), "wards"), "1st most deprived of 18 wards");
/// assert_eq!(rank_phrase(1, 18, Polarity::Neutral, None, "wards"), "highest of 18 wards");
/// assert_eq!(rank_phrase(4, 18, Polarity::Neutral, None, "wards"), "4th highest of 18 wards");
/// assert_eq!(rank_phrase(2, 42, Polarity::HigherBetter, None, "MSOAs"), "2nd worst of 42 MSOAs");
/// ```
pub fn rank_phrase(rank: usize, of: usize, polarity: Polarity, word: Option<&str>, noun: &str) -> String {
    let word = match polarity {
        Polarity::Neutral => "highest",
        _ => word.unwrap_or("worst"),
    };
    if polarity == Polarity::Neutral && rank == 1 {
        format!("{word} of {of} {noun}")
    } else {
        format!("{} {word} of {of} {noun}", ordinal(rank))
    }
}

/// What a person hears or reads about one area: "Foleshill: IMD score 44.58, 1st most
/// deprived of 18 wards". Area names come from data: callers show this as text, never HTML.
pub fn describe(name: &str, ind: &Indicator, value: Option<f64>, all: &[f64], noun: &str) -> String {
    match value {
        None => format!("{name}: {} not available", ind.label),
        Some(v) => {
            let r = rank(v, all, ind.polarity);
            format!(
                "{name}: {} {}, {}",
                ind.label,
                format_value(v, ind.decimals, &ind.unit),
                rank_phrase(r, all.len(), ind.polarity, ind.rank_word.as_deref(), noun)
            )
        }
    }
}

/// "significantly worse than England" for an area with a confidence interval, tested at
/// the indicator's level; `None` without an interval or an England value.
///
/// ```
/// use needs_map::{model::atlas::*, style::text::england_comparison};
/// let ind = Indicator { id: "hle_male".into(), label: "Healthy life expectancy, males".into(), unit: "years".into(),
///     polarity: Polarity::HigherBetter, layer: "msoa".into(), decimals: 1, description: String::new(),
///     source: "ONS".into(), rank_word: None, significance_level: 90.0, significance_test: Default::default(), short: None, framework: None, no_change: None, combine: None, series: vec![] };
/// let e = Estimate { value: 59.555, lower: Some(58.328), upper: Some(60.782) };
/// let england = Estimate { value: 63.493, lower: None, upper: None };
/// assert_eq!(england_comparison(&ind, &e, Some(&england)).as_deref(), Some("significantly worse than England"));
/// ```
pub fn england_comparison(ind: &Indicator, e: &Estimate, england: Option<&Estimate>) -> Option<String> {
    let c = compare_for(ind, e, england?);
    (c != Comparison::NotCompared).then(|| c.phrase("England"))
}

/// Quotes a CSV cell when it must be, and defuses a leading formula character, so that a
/// spreadsheet shows text from data as text.
///
/// ```
/// use needs_map::style::text::csv_cell;
/// assert_eq!((csv_cell("St Michael's"), csv_cell("North, south"), csv_cell("=1+1")), ("St Michael's".into(), "\"North, south\"".into(), "\"'=1+1\"".into()));
/// ```
pub fn csv_cell(t: &str) -> String {
    let formula = t.starts_with(['=', '+', '-', '@']);
    if t.contains([',', '"', '\n', '\r']) || formula {
        let t = if formula { format!("'{t}") } else { t.to_string() };
        format!("\"{}\"", t.replace('"', "\"\""))
    } else {
        t.to_string()
    }
}

#[cfg(test)]
mod tests {
    /// Three-decimal figures (as the bundles store them) to two and one places: half up,
    /// against integer arithmetic on the same figures.
    #[test]
    fn fixed_rounds_published_figures_half_up() {
        for k in 0..200_000u64 {
            let v = k as f64 / 1000.0;
            let two = (k + 5) / 10;
            assert_eq!(super::fixed(v, 2), (format!("{}", two / 100), format!("{:02}", two % 100)), "{v}");
            let one = (k + 50) / 100;
            assert_eq!(super::fixed(v, 1), (format!("{}", one / 10), format!("{}", one % 10)), "{v}");
        }
        assert_eq!(super::fixed(1e-7, 2), ("0".into(), "00".into()));
        assert_eq!(super::fixed(1.5e21, 0), ("1500000000000000000000".into(), String::new()));
        assert_eq!(super::fixed(0.0042, 3), ("0".into(), "004".into()));
        assert_eq!(super::fixed(99.96, 1), ("100".into(), "0".into()));
    }
}
