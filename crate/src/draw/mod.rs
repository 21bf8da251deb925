//! Pixels and pictures: the raster of area numbers behind the interactive map, the
//! exported picture laid out once, and the painters that draw it.

pub mod export;
pub mod raster;

#[cfg(any(feature = "cli", feature = "chart"))]
pub mod chart;
#[cfg(feature = "cli")]
pub mod png;
