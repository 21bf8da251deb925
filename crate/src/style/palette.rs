//! Colours for classes, chosen by polarity.
//!
//! ColorBrewer sequential and diverging schemes and viridis, each marked colour-blind safe
//! or not. By default higher-worse and higher-better indicators use OrRd with the dark end
//! on "worse"; neutral indicators use Blues, so no reader takes a population count for a
//! judgement. Every scheme is turned so that its "worse" end follows polarity.

use crate::model::atlas::Polarity;
use std::fmt;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`, as CSS and SVG take it.
    ///
    /// ```
    /// assert_eq!(needs_map::style::palette::Rgb(179, 0, 0).hex(), "#b30000");
    /// ```
    pub fn hex(&self) -> String {
        // By hand: the formatting machinery is slow for thousands of areas' colours.
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut s = String::with_capacity(7);
        s.push('#');
        for b in [self.0, self.1, self.2] {
            s.push(DIGITS[(b >> 4) as usize] as char);
            s.push(DIGITS[(b & 15) as usize] as char);
        }
        s
    }
    /// A colour from `#rrggbb`.
    ///
    /// ```
    /// use needs_map::style::palette::Rgb;
    /// assert_eq!(Rgb::from_hex("#b30000"), Some(Rgb(179, 0, 0)));
    /// assert_eq!(Rgb::from_hex("red"), None);
    /// ```
    pub fn from_hex(s: &str) -> Option<Rgb> {
        let h = s.strip_prefix('#').filter(|h| h.len() == 6)?;
        let v = u32::from_str_radix(h, 16).ok()?;
        Some(Rgb::from_u32(v))
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

// ColorBrewer 2.0 (Cynthia Brewer, Apache-2.0): 3 to 9 classes of each scheme, one after
// another (3 + 4 + ... + 9 = 42 colours). Viridis (Smith and van der Walt, CC0) is
// matplotlib's 9 evenly spaced colours, interpolated in sRGB for fewer classes.
const YLGNBU: [u32; 42] = [
    0xedf8b1, 0x7fcdbb, 0x2c7fb8, 0xffffcc, 0xa1dab4, 0x41b6c4, 0x225ea8, 0xffffcc, 0xa1dab4, 0x41b6c4, 0x2c7fb8, 0x253494, 0xffffcc,
    0xc7e9b4, 0x7fcdbb, 0x41b6c4, 0x2c7fb8, 0x253494, 0xffffcc, 0xc7e9b4, 0x7fcdbb, 0x41b6c4, 0x1d91c0, 0x225ea8, 0x0c2c84, 0xffffd9,
    0xedf8b1, 0xc7e9b4, 0x7fcdbb, 0x41b6c4, 0x1d91c0, 0x225ea8, 0x0c2c84, 0xffffd9, 0xedf8b1, 0xc7e9b4, 0x7fcdbb, 0x41b6c4, 0x1d91c0,
    0x225ea8, 0x253494, 0x081d58,
];
const ORRD: [u32; 42] = [
    0xfee8c8, 0xfdbb84, 0xe34a33, 0xfef0d9, 0xfdcc8a, 0xfc8d59, 0xd7301f, 0xfef0d9, 0xfdcc8a, 0xfc8d59, 0xe34a33, 0xb30000, 0xfef0d9,
    0xfdd49e, 0xfdbb84, 0xfc8d59, 0xe34a33, 0xb30000, 0xfef0d9, 0xfdd49e, 0xfdbb84, 0xfc8d59, 0xef6548, 0xd7301f, 0x990000, 0xfff7ec,
    0xfee8c8, 0xfdd49e, 0xfdbb84, 0xfc8d59, 0xef6548, 0xd7301f, 0x990000, 0xfff7ec, 0xfee8c8, 0xfdd49e, 0xfdbb84, 0xfc8d59, 0xef6548,
    0xd7301f, 0xb30000, 0x7f0000,
];
const PURPLES: [u32; 42] = [
    0xefedf5, 0xbcbddc, 0x756bb1, 0xf2f0f7, 0xcbc9e2, 0x9e9ac8, 0x6a51a3, 0xf2f0f7, 0xcbc9e2, 0x9e9ac8, 0x756bb1, 0x54278f, 0xf2f0f7,
    0xdadaeb, 0xbcbddc, 0x9e9ac8, 0x756bb1, 0x54278f, 0xf2f0f7, 0xdadaeb, 0xbcbddc, 0x9e9ac8, 0x807dba, 0x6a51a3, 0x4a1486, 0xfcfbfd,
    0xefedf5, 0xdadaeb, 0xbcbddc, 0x9e9ac8, 0x807dba, 0x6a51a3, 0x4a1486, 0xfcfbfd, 0xefedf5, 0xdadaeb, 0xbcbddc, 0x9e9ac8, 0x807dba,
    0x6a51a3, 0x54278f, 0x3f007d,
];
const BLUES: [u32; 42] = [
    0xdeebf7, 0x9ecae1, 0x3182bd, 0xeff3ff, 0xbdd7e7, 0x6baed6, 0x2171b5, 0xeff3ff, 0xbdd7e7, 0x6baed6, 0x3182bd, 0x08519c, 0xeff3ff,
    0xc6dbef, 0x9ecae1, 0x6baed6, 0x3182bd, 0x08519c, 0xeff3ff, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x4292c6, 0x2171b5, 0x084594, 0xf7fbff,
    0xdeebf7, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x4292c6, 0x2171b5, 0x084594, 0xf7fbff, 0xdeebf7, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x4292c6,
    0x2171b5, 0x08519c, 0x08306b,
];
const PUOR: [u32; 42] = [
    0xf1a340, 0xf7f7f7, 0x998ec3, 0xe66101, 0xfdb863, 0xb2abd2, 0x5e3c99, 0xe66101, 0xfdb863, 0xf7f7f7, 0xb2abd2, 0x5e3c99, 0xb35806,
    0xf1a340, 0xfee0b6, 0xd8daeb, 0x998ec3, 0x542788, 0xb35806, 0xf1a340, 0xfee0b6, 0xf7f7f7, 0xd8daeb, 0x998ec3, 0x542788, 0xb35806,
    0xe08214, 0xfdb863, 0xfee0b6, 0xd8daeb, 0xb2abd2, 0x8073ac, 0x542788, 0xb35806, 0xe08214, 0xfdb863, 0xfee0b6, 0xf7f7f7, 0xd8daeb,
    0xb2abd2, 0x8073ac, 0x542788,
];
const RDBU: [u32; 42] = [
    0xef8a62, 0xf7f7f7, 0x67a9cf, 0xca0020, 0xf4a582, 0x92c5de, 0x0571b0, 0xca0020, 0xf4a582, 0xf7f7f7, 0x92c5de, 0x0571b0, 0xb2182b,
    0xef8a62, 0xfddbc7, 0xd1e5f0, 0x67a9cf, 0x2166ac, 0xb2182b, 0xef8a62, 0xfddbc7, 0xf7f7f7, 0xd1e5f0, 0x67a9cf, 0x2166ac, 0xb2182b,
    0xd6604d, 0xf4a582, 0xfddbc7, 0xd1e5f0, 0x92c5de, 0x4393c3, 0x2166ac, 0xb2182b, 0xd6604d, 0xf4a582, 0xfddbc7, 0xf7f7f7, 0xd1e5f0,
    0x92c5de, 0x4393c3, 0x2166ac,
];
const RDYLGN: [u32; 42] = [
    0xfc8d59, 0xffffbf, 0x91cf60, 0xd7191c, 0xfdae61, 0xa6d96a, 0x1a9641, 0xd7191c, 0xfdae61, 0xffffbf, 0xa6d96a, 0x1a9641, 0xd73027,
    0xfc8d59, 0xfee08b, 0xd9ef8b, 0x91cf60, 0x1a9850, 0xd73027, 0xfc8d59, 0xfee08b, 0xffffbf, 0xd9ef8b, 0x91cf60, 0x1a9850, 0xd73027,
    0xf46d43, 0xfdae61, 0xfee08b, 0xd9ef8b, 0xa6d96a, 0x66bd63, 0x1a9850, 0xd73027, 0xf46d43, 0xfdae61, 0xfee08b, 0xffffbf, 0xd9ef8b,
    0xa6d96a, 0x66bd63, 0x1a9850,
];
const VIRIDIS: [u32; 42] = [
    0x440154, 0x21908d, 0xfde725, 0x440154, 0x31668d, 0x39b677, 0xfde725, 0x440154, 0x3b518b, 0x21908d, 0x5cc863, 0xfde725, 0x440154,
    0x404284, 0x2a778e, 0x26a783, 0x7bd04f, 0xfde725, 0x440154, 0x433880, 0x31668d, 0x21908d, 0x39b677, 0x90d542, 0xfde725, 0x440154,
    0x45317c, 0x375a8c, 0x277e8e, 0x24a186, 0x4dc06c, 0x9fd939, 0xfde725, 0x440154, 0x472c7a, 0x3b518b, 0x2c718e, 0x21908d, 0x27ad81,
    0x5cc863, 0xaadc32, 0xfde725,
];

/// A colour scheme the widget offers (`palette="..."`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scheme {
    pub id: &'static str,
    pub label: &'static str,
    /// Diverging schemes have a light middle; sequential ones run light to dark.
    pub diverging: bool,
    /// ColorBrewer's colour-blind-safe flag (and viridis, designed to be).
    pub colour_blind_safe: bool,
    /// Whether the first colour is the "worse" end (the dark end of viridis, the red of RdBu).
    worse_first: bool,
    colours: &'static [u32; 42],
}

/// Every scheme, the default for judged indicators first and for neutral ones second.
pub const SCHEMES: [Scheme; 8] = [
    Scheme { id: "OrRd", label: "Orange-red", diverging: false, colour_blind_safe: true, worse_first: false, colours: &ORRD },
    Scheme { id: "Blues", label: "Blues", diverging: false, colour_blind_safe: true, worse_first: false, colours: &BLUES },
    Scheme { id: "Purples", label: "Purples", diverging: false, colour_blind_safe: true, worse_first: false, colours: &PURPLES },
    Scheme { id: "YlGnBu", label: "Yellow-green-blue", diverging: false, colour_blind_safe: true, worse_first: false, colours: &YLGNBU },
    Scheme { id: "viridis", label: "Viridis", diverging: false, colour_blind_safe: true, worse_first: true, colours: &VIRIDIS },
    Scheme { id: "RdBu", label: "Red-blue (diverging)", diverging: true, colour_blind_safe: true, worse_first: true, colours: &RDBU },
    Scheme { id: "PuOr", label: "Orange-purple (diverging)", diverging: true, colour_blind_safe: true, worse_first: true, colours: &PUOR },
    Scheme {
        id: "RdYlGn",
        label: "Red-yellow-green (diverging)",
        diverging: true,
        colour_blind_safe: false,
        worse_first: true,
        colours: &RDYLGN,
    },
];

/// The scheme named `id` (as in ColorBrewer: "OrRd", "RdBu", or "viridis"), any case.
///
/// ```
/// use needs_map::style::palette::scheme;
/// assert!(scheme("rdylgn").is_some_and(|s| !s.colour_blind_safe));
/// assert!(scheme("rainbow").is_none());
/// ```
pub fn scheme(id: &str) -> Option<&'static Scheme> {
    SCHEMES.iter().find(|s| s.id.eq_ignore_ascii_case(id))
}

/// The default scheme: OrRd where higher or lower is worse, Blues where neither is.
pub fn default_scheme(polarity: Polarity) -> &'static Scheme {
    &SCHEMES[(polarity == Polarity::Neutral) as usize]
}

impl Scheme {
    /// Colours for classes `0..k` in ascending order of value, turned so that the "worse"
    /// end sits where polarity puts worse (or, for neutral indicators, the dark or first end
    /// at the top). `k` is clamped to 3..=9; one or two classes take the ends of the 3-class set.
    ///
    /// ```
    /// use needs_map::{model::atlas::Polarity, style::palette::{scheme, Rgb}};
    /// let rdbu = scheme("RdBu").unwrap();
    /// // IMD: high is worse, so the highest class is red.
    /// assert_eq!(rdbu.colours(5, Polarity::HigherWorse)[4], Rgb(0xca, 0x00, 0x20));
    /// // Life expectancy: low is worse, so the lowest class is red.
    /// assert_eq!(rdbu.colours(5, Polarity::HigherBetter)[0], Rgb(0xca, 0x00, 0x20));
    /// ```
    pub fn colours(&self, k: usize, polarity: Polarity) -> Vec<Rgb> {
        let n = k.clamp(3, 9);
        let start: usize = (3..n).sum();
        let set: Vec<Rgb> = self.colours[start..start + n].iter().map(|&v| Rgb::from_u32(v)).collect();
        let mut out = match k {
            1 => vec![set[2]],
            2 => vec![set[0], set[2]],
            _ => set,
        };
        let worse_last = match polarity {
            Polarity::HigherWorse | Polarity::Neutral => true,
            Polarity::HigherBetter => false,
        };
        if worse_last == self.worse_first {
            out.reverse();
        }
        out
    }
}

/// Colours for classes `0..k` from the default scheme for the polarity.
///
/// ```
/// use needs_map::{model::atlas::Polarity, style::palette::{class_colours, Rgb}};
/// let worse_high = class_colours(5, Polarity::HigherWorse);
/// assert_eq!(worse_high[4], Rgb(0xb3, 0, 0));      // highest deprivation darkest
/// let better_high = class_colours(5, Polarity::HigherBetter);
/// assert_eq!(better_high[0], Rgb(0xb3, 0, 0));     // lowest life expectancy darkest
/// ```
pub fn class_colours(k: usize, polarity: Polarity) -> Vec<Rgb> {
    default_scheme(polarity).colours(k, polarity)
}

/// Joshua Stevens' 3x3 bivariate scheme, `[row][column]`: the row is the second
/// indicator's tercile (low to high), the column the first's. Low-low is light grey, the
/// first indicator runs to red, the second to blue, and both high is dark.
pub const BIVARIATE: [[Rgb; 3]; 3] = [
    [Rgb(0xe8, 0xe8, 0xe8), Rgb(0xe4, 0xac, 0xac), Rgb(0xc8, 0x5a, 0x5a)],
    [Rgb(0xb0, 0xd5, 0xdf), Rgb(0xad, 0x9e, 0xa5), Rgb(0x98, 0x53, 0x56)],
    [Rgb(0x64, 0xac, 0xbe), Rgb(0x62, 0x7f, 0x8c), Rgb(0x57, 0x42, 0x49)],
];
