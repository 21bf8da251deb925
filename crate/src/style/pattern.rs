//! Textures drawn over a fill, so that meaning never rests on colour alone (benchmark
//! mode: hatched is worse, dotted is better, cross-hatched is not compared).
//!
//! One definition for every backend: [`Pattern::inks`] says which pixels carry ink (the
//! raster, the PNG), and [`Pattern::tile`] gives the same lines and dots as vectors in one
//! repeat of the grid (SVG and canvas), so that a rasterised tile inks those pixels.

use crate::style::palette::Rgb;

/// Spacing of pattern lines and dots, in CSS pixels, in every backend.
pub const STEP: f64 = 6.0;
/// Colour of pattern lines and dots.
pub const INK: Rgb = Rgb(0x0b, 0x0c, 0x0c);

/// A texture over an area's fill: hatching at 45° every 6 px, dots on a 6 px grid, or both
/// diagonals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Pattern {
    #[default]
    None,
    Hatch,
    Dots,
    Cross,
}

/// A mark of a pattern's tile: a line of one pixel's width from `a` to `b`, or a filled
/// square at `at` of side `size`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mark {
    Line { a: [f32; 2], b: [f32; 2] },
    Square { at: [f32; 2], size: f32 },
}

impl Pattern {
    /// The word used in legends, and the name SVG exports give the pattern.
    pub fn name(&self) -> &'static str {
        match self {
            Pattern::None => "",
            Pattern::Hatch => "hatched",
            Pattern::Dots => "dotted",
            Pattern::Cross => "cross-hatched",
        }
    }

    /// The pattern a legend names ("hatched", "dotted", "cross-hatched"); none for anything else.
    pub fn named(s: &str) -> Pattern {
        [Pattern::Hatch, Pattern::Dots, Pattern::Cross].into_iter().find(|p| p.name() == s).unwrap_or(Pattern::None)
    }

    /// Whether pixel `(x, y)` carries the pattern's ink on a grid of `step` pixels (6 at
    /// one pixel per CSS pixel): lines and dots grow with the grid on dense screens.
    ///
    /// ```
    /// use needs_map::style::pattern::Pattern;
    /// assert!(Pattern::Hatch.inks(2, 4, 6) && !Pattern::Hatch.inks(3, 4, 6));
    /// assert!(Pattern::Dots.inks(7, 6, 6) && !Pattern::Dots.inks(8, 6, 6));
    /// assert!(!Pattern::None.inks(0, 0, 6));
    /// ```
    pub fn inks(&self, x: i32, y: i32, step: i32) -> bool {
        let line = (step / 6).max(1);
        match self {
            Pattern::None => false,
            Pattern::Hatch => (x + y).rem_euclid(step) < line,
            Pattern::Cross => (x + y).rem_euclid(step) < line || (x - y).rem_euclid(step) < line,
            Pattern::Dots => x.rem_euclid(step) < 2 * line && y.rem_euclid(step) < 2 * line,
        }
    }

    /// The marks of one `STEP`-pixel tile, repeated from the origin: the vector form of
    /// [`inks`](Self::inks). A hatch line runs where `x + y` is a multiple of the step (down
    /// to the left), through the pixel centres `inks` marks; the lines past the tile's
    /// corners let its neighbours join up.
    ///
    /// ```
    /// use needs_map::style::pattern::{Mark, Pattern};
    /// assert_eq!(Pattern::Dots.tile(), vec![Mark::Square { at: [0.0, 0.0], size: 2.0 }]);
    /// assert_eq!(Pattern::Hatch.tile().len(), 3);
    /// ```
    pub fn tile(&self) -> Vec<Mark> {
        let s = STEP as f32;
        // Pixel centres (x + 0.5, y + 0.5) with x + y = k s lie on x + y = k s + 1.
        let down = |k: f32| Mark::Line { a: [k * s + 1.0 + 1.0, -1.0], b: [-1.0, k * s + 1.0 + 1.0] };
        let up = |k: f32| Mark::Line { a: [-1.0, -1.0 - k * s], b: [s + 1.0, s + 1.0 - k * s] };
        match self {
            Pattern::None => vec![],
            Pattern::Hatch => vec![down(-1.0), down(0.0), down(1.0)],
            Pattern::Cross => vec![down(-1.0), down(0.0), down(1.0), up(-1.0), up(0.0), up(1.0)],
            Pattern::Dots => vec![Mark::Square { at: [0.0, 0.0], size: 2.0 }],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Mark, Pattern};

    /// The tile's vectors, sampled at pixel centres with a half-pixel line, ink exactly the
    /// pixels `inks` does, over two repeats of the grid.
    #[test]
    fn the_tile_inks_what_inks_says() {
        for p in [Pattern::Hatch, Pattern::Cross, Pattern::Dots] {
            let marks = p.tile();
            for y in 0..12 {
                for x in 0..12 {
                    let (cx, cy) = ((x % 6) as f32 + 0.5, (y % 6) as f32 + 0.5);
                    let hit = marks.iter().any(|m| match *m {
                        Mark::Line { a, b } => {
                            let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
                            let d = ((cx - a[0]) * dy - (cy - a[1]) * dx).abs() / dx.hypot(dy);
                            d < 0.5
                        }
                        Mark::Square { at, size } => cx > at[0] && cx < at[0] + size && cy > at[1] && cy < at[1] + size,
                    });
                    assert_eq!(hit, p.inks(x, y, 6), "{p:?} at ({x}, {y})");
                }
            }
        }
    }
}
