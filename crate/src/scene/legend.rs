//! The legend: each class's colour, range in words and count, with a heading and a note on
//! how the colours were chosen. The widget's HTML legend, the exported picture and the
//! summary all read this one value.

use crate::model::atlas::{Indicator, Polarity};
use crate::style::classify::Breaks;
use crate::style::palette::{default_scheme, Rgb, Scheme, NO_DATA};
use crate::style::pattern::Pattern;
use crate::style::text::format_value;

/// One legend row: a class's colour, range in words and how many areas it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendEntry {
    pub color: Rgb,
    pub label: String,
    pub count: usize,
    pub pattern: Pattern,
}

/// The legend, in text as well as colour.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Legend {
    pub title: String,
    pub entries: Vec<LegendEntry>,
    /// "classes", "benchmark" or "bivariate" (nine entries, row by row from low-low, for a 3x3 square).
    pub kind: &'static str,
    /// A sentence on how the colours were chosen (method, palette, confidence level).
    pub note: String,
}

/// The legend of a choropleth of `ind` (`period` shown) with these breaks and colours.
pub(crate) fn classes(
    ind: &Indicator,
    period: &str,
    breaks: Option<&Breaks>,
    colours: &[Rgb],
    present: &[f64],
    missing: usize,
    sch: &Scheme,
) -> Legend {
    let mut entries = Vec::new();
    if let Some(b) = breaks {
        let counts = b.counts(present);
        for (i, &up) in b.upper.iter().enumerate() {
            let lo = if i == 0 { b.min } else { b.upper[i - 1] };
            let f = |v| format_value(v, ind.decimals, "");
            let label = if i == 0 { format!("{} to {}", f(lo), f(up)) } else { format!("over {} to {}", f(lo), f(up)) };
            entries.push(LegendEntry { color: colours[i], label, count: counts[i], pattern: Pattern::None });
        }
    }
    if missing > 0 {
        entries.push(LegendEntry { color: NO_DATA, label: "no data".into(), count: missing, pattern: Pattern::None });
    }
    let unit = match ind.unit.as_str() {
        "" => String::new(),
        u => format!(" ({u})"),
    };
    // "Darker" holds only for the default light-to-dark schemes; other schemes say it in values.
    let default_look = sch.id == default_scheme(ind.polarity).id;
    let direction = match (ind.polarity, default_look) {
        (Polarity::HigherWorse, true) => "darker is worse",
        (Polarity::HigherBetter, true) => "darker is worse (lower)",
        (Polarity::Neutral, true) => "darker is higher",
        (Polarity::HigherWorse, false) => "higher is worse",
        (Polarity::HigherBetter, false) => "higher is better",
        (Polarity::Neutral, false) => "neither higher nor lower is better",
    };
    let period = match period {
        "" => String::new(),
        p => format!(", {p}"),
    };
    Legend { title: format!("{}{unit}{period}: {direction}", ind.label), entries, kind: "classes", note: String::new() }
}
