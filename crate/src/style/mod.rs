//! How values look and read: classification, palettes and the words the map says.

pub mod classify;
pub mod palette;
pub mod pattern;
pub mod text;
