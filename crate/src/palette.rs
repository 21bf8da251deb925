//! Colours for classes, chosen by polarity.
//!
//! ColorBrewer sequential schemes (Cynthia Brewer, Apache-2.0), all colour-blind safe.
//! Higher-worse and higher-better indicators use OrRd with the dark end on "worse";
//! neutral indicators use Blues, so no reader takes a population count for a judgement.

use crate::atlas::Polarity;
use std::fmt;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`, as CSS and SVG take it.
    ///
    /// ```
    /// assert_eq!(needs_map::palette::Rgb(179, 0, 0).hex(), "#b30000");
    /// ```
    pub fn hex(&self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
    const fn from_u32(v: u32) -> Rgb {
        Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8)
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.hex())
    }
}

/// Areas with no value: a grey that no scheme uses.
pub const NO_DATA: Rgb = Rgb(0xd0, 0xd0, 0xd0);
/// Area borders: dark enough to separate the lightest class from the page (3:1 on white).
pub const BORDER: Rgb = Rgb(0x50, 0x5a, 0x5f);

const ORRD: [&[u32]; 7] = [
    &[0xfee8c8, 0xfdbb84, 0xe34a33],
    &[0xfef0d9, 0xfdcc8a, 0xfc8d59, 0xd7301f],
    &[0xfef0d9, 0xfdcc8a, 0xfc8d59, 0xe34a33, 0xb30000],
    &[0xfef0d9, 0xfdd49e, 0xfdbb84, 0xfc8d59, 0xe34a33, 0xb30000],
    &[0xfef0d9, 0xfdd49e, 0xfdbb84, 0xfc8d59, 0xef6548, 0xd7301f, 0x990000],
    &[0xfff7ec, 0xfee8c8, 0xfdd49e, 0xfdbb84, 0xfc8d59, 0xef6548, 0xd7301f, 0x990000],
    &[0xfff7ec, 0xfee8c8, 0xfdd49e, 0xfdbb84, 0xfc8d59, 0xef6548, 0xd7301f, 0xb30000, 0x7f0000],
];

const BLUES: [&[u32]; 7] = [
    &[0xdeebf7, 0x9ecae1, 0x3182bd],
    &[0xeff3ff, 0xbdd7e7, 0x6baed6, 0x2171b5],
    &[0xeff3ff, 0xbdd7e7, 0x6baed6, 0x3182bd, 0x08519c],
    &[0xeff3ff, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x3182bd, 0x08519c],
    &[0xeff3ff, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x4292c6, 0x2171b5, 0x084594],
    &[0xf7fbff, 0xdeebf7, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x4292c6, 0x2171b5, 0x084594],
    &[0xf7fbff, 0xdeebf7, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x4292c6, 0x2171b5, 0x08519c, 0x08306b],
];

/// Colours for classes `0..k` in ascending order of value, with the dark end where the
/// polarity puts "worse" (or at the top, for neutral indicators). `k` is clamped to 3..=9;
/// fewer classes than 3 take the first colours of the 3-class scheme.
///
/// ```
/// use needs_map::{atlas::Polarity, palette::{class_colours, Rgb}};
/// let worse_high = class_colours(5, Polarity::HigherWorse);
/// assert_eq!(worse_high[4], Rgb(0xb3, 0, 0));      // highest deprivation darkest
/// let better_high = class_colours(5, Polarity::HigherBetter);
/// assert_eq!(better_high[0], Rgb(0xb3, 0, 0));     // lowest life expectancy darkest
/// ```
pub fn class_colours(k: usize, polarity: Polarity) -> Vec<Rgb> {
    let scheme = if polarity == Polarity::Neutral { &BLUES } else { &ORRD };
    let set = scheme[k.clamp(3, 9) - 3];
    let mut out: Vec<Rgb> = if k < 3 {
        // One or two classes (repeated values): the light and dark ends of the 3-class set.
        match k {
            1 => vec![Rgb::from_u32(set[2])],
            2 => vec![Rgb::from_u32(set[0]), Rgb::from_u32(set[2])],
            _ => vec![],
        }
    } else {
        set.iter().map(|&v| Rgb::from_u32(v)).collect()
    };
    if polarity == Polarity::HigherBetter {
        out.reverse();
    }
    out
}
